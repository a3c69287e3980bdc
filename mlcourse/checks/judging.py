"""From what a learner's function did to a diagnosis that is true: results, mistakes, facts.

A :class:`Judge` compares each call's plain result (see :mod:`mlcourse.plain`) with the package's
answer. When they differ it names a mistake only when the evidence supports it: each
:class:`Mistake` recomputes the answer with that mistake applied, and is named only when it
reproduces the learner's results on every call, differing from the right answer on at least two
of them. Otherwise the message states the facts: which call, which output, what it returned, what
was expected, where it first differs.

The judge sees only plain data (the calls' arguments and :class:`mlcourse.feedback.Outcome`), so
the notebook check and the grader, which runs the calls in a sandbox, reach the same verdict.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mlcourse import plain
from mlcourse.feedback import (
    FROM_OUTCOME,
    Outcome,
    RecordedWarning,
    Verdict,
    VerdictKind,
    fresh_copy,
    outcome_problem,
)

MIN_EVIDENCE = 2
"""A mistake is named only when it explains at least this many wrong results."""


class Misfit(ValueError):
    """A result that is not of the kind asked for; the message says what it is instead."""


# Describing plain values in words -----------------------------------------------------------


def number(value: float) -> str:
    """A number as the messages print it: six significant digits."""
    return f"{value:.6g}"


def describe(value: Any) -> str:
    """What a plain value is, in a few words: "None", "an array of shape (3, 1)", …"""
    if value is None:
        return "None"
    if type(value) is bool:
        return f"{value} (a bool)"
    if type(value) in (int, float):
        return number(value)
    if type(value) is complex:
        return f"the complex number {value:.6g}"
    if type(value) is str:
        return f"the text {value[:40]!r}"
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return f"a 0-d array ({describe(value.item())})"
        kind = {"b": " of True/False values", "c": " of complex numbers"}.get(value.dtype.kind, "")
        return f"an array{kind} of shape {value.shape}"
    if isinstance(value, tuple | list):
        return f"a {type(value).__name__} of {len(value)} item{'s' * (len(value) != 1)}"
    if isinstance(value, dict):
        keys = ", ".join(repr(k) for k in list(value)[:4])
        return f"a dict (keys {keys}{', …' * (len(value) > 4)})"
    if isinstance(value, plain.Opaque):
        if value.shape is not None:
            return f"an array of shape {value.shape} ({value.dtype})"
        if value.type_name == "generator":
            return "a generator (made by `yield`, or by parentheses around a `for`)"
        length = f" of length {value.length}" if value.length is not None else ""
        return f"an object of type {value.type_name}{length}"
    return f"an object of type {type(value).__name__}"


SHOWN = 6
"""Arrays of at most this many values are shown by their values (so that a learner can
reproduce the call), longer ones by their size."""


def short_array(value: np.ndarray) -> str:
    """A short array by its values, as numpy prints it: "[-800, 0, 800]"."""
    if value.dtype.kind == "b":
        return "[" + ", ".join(str(bool(v)) for v in value.ravel()) + "]"
    if value.ndim == 1:
        return "[" + ", ".join(number(float(v)) for v in value) + "]"
    return "[" + ", ".join(short_array(row) for row in value) + "]"


def argument_in_words(arg: Any) -> str:
    """One argument of a call, in words: its values if short, else its size."""
    if isinstance(arg, np.ndarray):
        if arg.size <= SHOWN and arg.dtype.kind in "biuf":
            return short_array(arg)
        return f"{arg.size} values" if arg.ndim == 1 else f"an array of shape {arg.shape}"
    if isinstance(arg, plain.Rng):
        return f"np.random.default_rng({arg.seed})"
    if isinstance(arg, dict):
        return describe_dict(arg)
    if type(arg) is float:
        # Exactly as given when that is short (an edge case's 0.001953125 = 2⁻⁹), else rounded.
        return repr(arg) if len(repr(arg)) <= 12 else f"{arg:.6g}"
    return repr(arg)


def call_inputs(parameters: Sequence[str], args: Sequence[Any]) -> tuple[tuple[str, str], ...]:
    """(parameter, its value in words) for each argument of a call."""
    return tuple((name, argument_in_words(arg)) for name, arg in zip(parameters, args, strict=True))


def describe_call(parameters: Sequence[str], args: Sequence[Any]) -> str:
    """The arguments of one call, so the learner can reproduce it: "`y`, `y_hat` of 37 values"
    (short arrays by their values: "`z` = [-800, 0, 800]")."""
    parts: list[str] = []
    sizes: dict[str, list[str]] = {}
    for name, arg in zip(parameters, args, strict=True):
        words = argument_in_words(arg)
        if isinstance(arg, np.ndarray) and not words.startswith("["):
            size = words.removeprefix("an array of ")
            sizes.setdefault(size, []).append(f"`{name}`")
        else:
            parts.append(f"`{name}` = {words}")
    arrays = [f"{', '.join(names)} of {size}" for size, names in sizes.items()]
    return "; ".join(arrays + parts)


def in_words(value: Any, depth: int = 0) -> str:
    """A plain value as a view shows it: a number to six digits, a short array by its values,
    a longer one by its shape and first values, containers item by item."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf" and value.ndim > 0:
        if value.size <= SHOWN:
            return short_array(value)
        first = ", ".join(number(float(v)) for v in value.ravel()[:3])
        return f"an array of shape {value.shape}: [{first}, …]"
    if isinstance(value, tuple | list) and depth < 2 and len(value) <= SHOWN:
        inner = ", ".join(in_words(item, depth + 1) for item in value)
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    if isinstance(value, dict) and depth < 2 and len(value) <= SHOWN:
        return "{" + ", ".join(f"{k}: {in_words(v, depth + 1)}" for k, v in value.items()) + "}"
    return describe(value)


def first_difference(
    value: Any, expected: Any, rtol: float, labels: Sequence[str] = (), atol: float = 1e-12
) -> str:
    """Where a plain result first differs from the expected one, in words: "errors: 3 of 40
    values differ, first at index [5]: 1.2 instead of 1.3"; "" when they agree (or cannot be
    compared). Numbers agree within ``rtol`` of the expected one plus ``atol``."""
    if isinstance(expected, dict) and isinstance(value, dict):
        for key in expected:
            if key not in value:
                return f"{key}: missing"
            inner = first_difference(value[key], expected[key], rtol, atol=atol)
            if inner:
                return f"{key}: {inner}" if not inner.startswith(key) else inner
        return ""
    if isinstance(expected, tuple | list) and isinstance(value, tuple | list | np.ndarray):
        if len(value) != len(expected):
            return f"{len(value)} items instead of {len(expected)}"
        for k, (got, want) in enumerate(zip(value, expected, strict=True)):
            inner = first_difference(got, want, rtol, atol=atol)
            if inner:
                name = f"{labels[k]}" if k < len(labels) else f"item {k}"
                return f"{name}: {inner}"
        return ""
    try:
        got = np.asarray(value, dtype=np.float64)
        want = np.asarray(expected, dtype=np.float64)
    except (TypeError, ValueError):
        return ""
    if got.shape != want.shape:
        return f"shape {got.shape} instead of {want.shape}"
    with np.errstate(all="ignore"):
        wrong = ~np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True)
    if not wrong.any():
        return ""
    if got.ndim == 0:
        return f"{number(float(got))} instead of {number(float(want))}"
    index = tuple(int(i) for i in np.argwhere(wrong)[0])
    at = ", ".join(map(str, index))
    return (
        f"{int(wrong.sum())} of {got.size} values differ, first at index [{at}]: "
        f"{number(float(got[index]))} instead of {number(float(want[index]))}"
    )


def describe_dict(value: dict) -> str:
    """A dict argument by its keys: "a dict of W1, b1, W2 (4 values each) and b2 = 0.5"."""
    arrays = [key for key, item in value.items() if isinstance(item, np.ndarray)]
    sizes = {value[key].size for key in arrays}
    parts = []
    for key, item in value.items():
        if isinstance(item, np.ndarray) and len(sizes) > 1:
            parts.append(f"{key} ({item.size} values)")
        elif isinstance(item, np.ndarray):
            each = " each" if len(arrays) > 1 else ""
            parts.append(f"{key} ({item.size} values{each})" if key == arrays[-1] else str(key))
        else:
            parts.append(f"{key} = {number(item) if type(item) is float else repr(item)}")
    if not parts:
        return "an empty dict"
    return "a dict of " + (", ".join(parts[:-1]) + " and " if len(parts) > 1 else "") + parts[-1]


def sentence_end(text: str) -> str:
    """``text`` ending with a full stop (or the ? or ! it ends with)."""
    return text if text.endswith((".", "?", "!")) else text + "."


# The kinds of result an exercise asks for ---------------------------------------------------


def as_real_number(value: Any, what: str = "one number") -> float:
    """``value`` as a float if it is a real number (or a 0-d array of one), else Misfit."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        return float(value)
    if type(value) in (int, float):
        return float(value)
    if value is None:
        raise Misfit("returned None: did you forget the `return` statement?")
    if isinstance(value, str):
        raise Misfit(f"returned {describe(value)}: return the number itself, not text")
    if type(value) is complex or (isinstance(value, np.ndarray) and value.dtype.kind == "c"):
        raise Misfit(
            f"returned {describe(value)}; it should return a real number (the eigenvalues of a "
            f"symmetric matrix are real: np.linalg.eigvalsh returns them as real numbers)"
        )
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        raise Misfit(
            f"returned {describe(value)} holding one number; it should return the number "
            f"itself (take it out with .item() or [0])"
        )
    raise Misfit(f"returned {describe(value)}; it should return {what}")


@dataclass(frozen=True)
class Number:
    """The result is one real number."""

    def conform(self, value: Any, expected: float) -> float:
        return as_real_number(value)

    def agree(self, value: float, expected: float, rtol: float) -> bool:
        return close(value, expected, rtol)

    def facts(self, value: float, expected: float) -> str:
        text = f"returned {number(value)}, expected {number(expected)}"
        if np.isfinite(value) and expected != 0:
            text += f" ({value / expected:.4g} × the expected value)"
        return text


@dataclass(frozen=True)
class Vector:
    """The result is a numpy array of real numbers, shaped like the expected one."""

    def conform(self, value: Any, expected: np.ndarray) -> np.ndarray:
        if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
            if value.shape == expected.shape:
                return value.astype(np.float64)
            raise Misfit(
                f"returned an array of shape {value.shape}; it should return one value per "
                f"point, an array of shape {expected.shape}"
            )
        if isinstance(value, list | tuple) and len(value) == expected.size:
            raise Misfit(
                f"returned {describe(value)}; it should return a numpy array: compute with the "
                f"array arguments directly (numpy works on all points at once), or convert the "
                f"result with np.array(...)"
            )
        if value is None:
            raise Misfit("returned None: did you forget the `return` statement?")
        raise Misfit(
            f"returned {describe(value)}; it should return a numpy array of shape "
            f"{expected.shape}, one value per point"
        )

    def agree(self, value: np.ndarray, expected: np.ndarray, rtol: float) -> bool:
        return close(value, expected, rtol)

    def facts(self, value: np.ndarray, expected: np.ndarray) -> str:
        wrong = ~np.isclose(value, expected, rtol=1e-9, atol=1e-12)
        first = int(np.flatnonzero(wrong)[0])
        return (
            f"returned values that differ from the expected ones at {int(wrong.sum())} of "
            f"{value.size} points, first at index {first}: {number(value[first])} instead of "
            f"{number(expected[first])}"
        )


@dataclass(frozen=True)
class Numbers:
    """The result is a fixed number of real numbers: a tuple, a list or a 1-D array."""

    names: tuple[str, ...]
    """What each item is, e.g. ("the new w1", "the new w0")."""
    example: str
    """How a learner returns them, e.g. "return w1, w0"."""

    def conform(self, value: Any, expected: tuple) -> tuple[float, ...]:
        count = len(self.names)
        together = f"the {count} values ({', '.join(self.names)}) together: `{self.example}`"
        if isinstance(value, np.ndarray) and value.ndim == 1 and value.dtype.kind in "iuf":
            value = tuple(float(v) for v in value)
        if not isinstance(value, tuple | list):
            if isinstance(value, np.ndarray) and value.ndim == 0:
                raise Misfit(f"returned one number (a 0-d array); it should return {together}")
            if type(value) in (int, float):
                raise Misfit(f"returned one number, {number(value)}; it should return {together}")
            if value is None:
                raise Misfit(f"returned None: end with a `return` of {together}")
            raise Misfit(f"returned {describe(value)}; it should return {together}")
        if len(value) != count:
            raise Misfit(f"returned {describe(value)}; it should return {together}")
        items = []
        for name, item in zip(self.names, value, strict=True):
            try:
                items.append(as_real_number(item))
            except Misfit as misfit:
                raise Misfit(f"{name} {misfit}") from None
        return tuple(items)

    def agree(self, value: tuple, expected: tuple, rtol: float) -> bool:
        return close(value, expected, rtol)

    def facts(self, value: tuple, expected: tuple) -> str:
        parts = []
        for name, got, want in zip(self.names, value, expected, strict=True):
            verdict = "right" if close(got, want, 1e-9) else f"expected {number(want)}"
            parts.append(f"{name} = {number(got)} ({verdict})")
        return "returned " + ", ".join(parts)


@dataclass(frozen=True)
class Count:
    """The result is a whole number (of epochs, of points): an int, or a float with no fraction.

    ``what`` names what is counted ("epochs"), for the messages.
    """

    what: str

    def conform(self, value: Any, expected: int) -> int:
        count = as_real_number(value, f"a whole number of {self.what}")
        if not np.isfinite(count) or count != round(count):
            raise Misfit(
                f"returned {number(count)}, which is not a whole number: it should return a "
                f"count of {self.what}"
            )
        return round(count)

    def agree(self, value: int, expected: int, rtol: float) -> bool:
        return value == expected

    def facts(self, value: int, expected: int) -> str:
        difference = value - expected
        more = "more" if difference > 0 else "fewer"
        return (
            f"returned {value} {self.counted(value)}, expected {expected} ({abs(difference)} "
            f"{more})"
        )

    def counted(self, value: int) -> str:
        """What is counted, in the singular for one: "1 epoch", "2 epochs"."""
        return self.what.removesuffix("s") if abs(value) == 1 else self.what


def close(a: Any, b: Any, rtol: float = 1e-9, equal_nan: bool = False) -> bool:
    """True when the numbers or arrays ``a`` and ``b`` have the same shape and agree to
    ``rtol`` (NaN agrees with nothing, unless ``equal_nan``: then with NaN in the same place)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(
        np.allclose(a, b, rtol=rtol, atol=1e-12, equal_nan=equal_nan)
    )


def same(value: Any, hypothesis: Any, rtol: float = 1e-9, equal_nan: bool = False) -> bool:
    """True when a learner's plain result equals what a hypothesis computed.

    Containers may differ in kind (a list matches a tuple or a 1-D array); numbers, shapes and
    lengths may not; dicts match dicts with the same keys whose items match. Anything that is not
    numbers matches nothing.
    """
    if isinstance(hypothesis, dict):
        return (
            isinstance(value, dict)
            and value.keys() == hypothesis.keys()
            and all(same(value[key], hypothesis[key], rtol, equal_nan) for key in hypothesis)
        )
    if isinstance(hypothesis, tuple | list):
        if isinstance(value, np.ndarray) and value.ndim == 1:
            value = list(value)
        return (
            isinstance(value, tuple | list)
            and len(value) == len(hypothesis)
            and all(same(v, h, rtol, equal_nan) for v, h in zip(value, hypothesis, strict=True))
        )
    hypothesis = np.asarray(hypothesis)
    if hypothesis.dtype.kind not in "iuf":
        return False
    if isinstance(value, tuple | list):
        if hypothesis.ndim == 0:
            return False
        try:
            value = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            return False
    if isinstance(value, bool) or not isinstance(value, int | float | np.ndarray):
        return False
    if isinstance(value, np.ndarray) and value.dtype.kind not in "iuf":
        return False
    return close(value, hypothesis, rtol, equal_nan)


# Mistakes as data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    """A likely mistake: the result it gives, computed from the call's arguments, and what to
    tell the learner when their results are exactly those.

    ``id`` names it for reports and hints, stable and unique within its exercise ("half-kept",
    "order:y,x", "sign+mean"). ``wrong`` takes the same arguments as the learner's function
    (arrays as copies, an ``Rng`` as a fresh generator) and returns what a function with this
    mistake returns. ``made_by`` names the rule that made it, for mistakes made by a rule rather
    than written one by one ("order": every reordering of the parameters; "chain": every
    combination of slips in a derivation; "global": every notebook variable in place of every
    argument).
    """

    id: str
    message: str
    wrong: Callable[..., Any]
    made_by: str = ""


@dataclass(frozen=True)
class Finding:
    """Evidence of a mistake that no single wrong formula reproduces, read from results of the
    right kind: ``shows(calls, values)`` says whether they show it (e.g. the same numbers for
    two generators with different seeds). ``message`` follows the function's name."""

    id: str
    message: str
    shows: Callable[[list[tuple], list[Any]], bool]


@dataclass(frozen=True)
class Slip:
    """A slip that changes a right value: ``change(value, *context)`` (e.g. the sign,
    ``lambda g, n: -g``); :func:`combined` makes pairs of them."""

    id: str
    message: str
    change: Callable[..., Any]


class Deferred(Sequence[Mistake]):
    """Mistakes made by a rule, made when first needed (when an answer is wrong), not when the
    checks are imported: a notebook's first cell imports them, and a right answer never needs
    them."""

    def __init__(self, make: Callable[[], Sequence[Mistake]]) -> None:
        self.make = make
        self.made: tuple[Mistake, ...] | None = None

    def mistakes(self) -> tuple[Mistake, ...]:
        if self.made is None:
            self.made = tuple(self.make())
        return self.made

    def __getitem__(self, index: Any) -> Any:
        return self.mistakes()[index]

    def __len__(self) -> int:
        return len(self.mistakes())


def flattened(mistakes: Sequence[Mistake | Deferred]) -> tuple[Mistake, ...]:
    """The mistakes, those of every ``Deferred`` among them made and put in its place."""
    found: list[Mistake] = []
    for item in mistakes:
        found += item.mistakes() if isinstance(item, Deferred) else [item]
    return tuple(found)


def reordered_parameters(
    reference: Callable[..., Any],
    parameters: Sequence[str],
    probe: Sequence[Any],
    known: Sequence[Mistake | Deferred] = (),
    calls: str = "",
) -> Deferred:
    """One mistake per order of the parameters that gives results of its own: the learner's
    `def` lists them in another order, or a call inside it passes them on in another order.

    ``probe`` are arguments that tell the orders apart: an order that gives the right result
    there (e.g. two factors of a product swapped), the result of one of the ``known`` mistakes or
    that of an earlier order is left out, so that each result has one explanation. ``calls``
    names the calls an answer is likely to pass them on to, with their order (e.g. "np.polyfit
    takes x first: np.polyfit(x, y, 1)"); its id is ``order:`` and the order it works as if.
    They are made when first needed (:class:`Deferred`).
    """
    return Deferred(lambda: reorderings(reference, parameters, probe, known, calls))


def reorderings(
    reference: Callable[..., Any],
    parameters: Sequence[str],
    probe: Sequence[Any],
    known: Sequence[Mistake | Deferred],
    calls: str,
) -> list[Mistake]:
    """The mistakes of :func:`reordered_parameters`, made."""
    signature = ", ".join(parameters)
    seen = [reference(*fresh_arguments(probe))]
    for mistake in flattened(known):
        with contextlib.suppress(Exception), np.errstate(all="ignore"):
            seen.append(mistake.wrong(*fresh_arguments(probe)))
    mistakes = []
    for order in itertools.permutations(range(len(parameters))):
        if order == tuple(range(len(parameters))):
            continue

        def wrong(*args: Any, order: tuple[int, ...] = order) -> Any:
            return reference(*(args[i] for i in order))

        predicted = wrong(*fresh_arguments(probe))
        if any(same(predicted, earlier) for earlier in seen):
            continue
        seen.append(predicted)
        as_written = [""] * len(parameters)
        for name, position in zip(parameters, order, strict=True):
            as_written[position] = name
        moved = [name for name, other in zip(parameters, as_written, strict=True) if name != other]
        how = (
            f"as if `{moved[0]}` and `{moved[1]}` had traded places"
            if len(moved) == 2
            else f"as if its arguments came in the order ({', '.join(as_written)})"
        )
        where = f" ({calls})" if calls else ""
        mistakes.append(
            Mistake(
                f"order:{','.join(as_written)}",
                f"It works {how}, not ({signature}): check the order in the `def`, and wherever "
                f"the function passes them on to another call{where}.",
                wrong,
                made_by="order",
            )
        )
    return mistakes


def combined(slips: Sequence[Slip], clash: Sequence[set[str]] = ()) -> list[Slip]:
    """Single slips and every pair of them, for the learner who made two mistakes at once (a
    pair's id joins theirs with "+"). Pairs whose ids are named together in one set of
    ``clash`` are left out."""
    found = list(slips)
    for a, b in itertools.combinations(slips, 2):
        if any({a.id, b.id} <= pair for pair in clash):
            continue
        found.append(
            Slip(
                f"{a.id}+{b.id}",
                f"two mistakes: {a.message}; and {b.message}",
                lambda v, *c, f=a.change, g=b.change: g(f(v, *c), *c),
            )
        )
    return found


def sentence(text: str) -> str:
    """``text`` as a sentence: a capital first letter and a full stop. A text that begins with
    a name or a symbol (w1, np.where, δ_out, ∂E/∂W2) keeps it as it is."""
    word = text.split(" ", 1)[0]
    if word.isalpha() and word.isascii() and word.islower():
        text = text[0].upper() + text[1:]
    return sentence_end(text)


@dataclass(frozen=True)
class Step:
    """One way to do one step of a derivation: ``id`` "" for the right way; ``what`` says what
    is wrong (a fragment that reads as a sentence and as part of a list); ``apply`` does it."""

    id: str
    what: str
    apply: Callable[..., Any]


def chained(
    steps: Sequence[Sequence[Step]],
    result: Callable[..., Any],
    probes: Sequence[tuple],
    known: Sequence[Mistake | Deferred] = (),
) -> Deferred:
    """One mistake for every way through ``steps`` (one choice per step, the right one first in
    each) with at least one slip: ``result(choices, *args)`` computes what an answer going that
    way returns. Its id joins the slips' ids with "+"; its message names them all. They are
    made when first needed (:class:`Deferred`).

    A way that breaks or gives nan for a call of ``probes`` is left out (its results would
    match nothing). So is a way that gives, for every call of ``probes``, what a way with
    fewer slips gives (slips that cancel, one the formula does not see, such as the scale of H
    for κ, or two that describe the same code as one does): the simpler explanation is the one
    named. So is a way that gives what one of the ``known`` mistakes gives (written out with a
    message of its own)."""
    return Deferred(lambda: chain(steps, result, probes, known))


def chain(
    steps: Sequence[Sequence[Step]],
    result: Callable[..., Any],
    probes: Sequence[tuple],
    known: Sequence[Mistake | Deferred],
) -> list[Mistake]:
    """The mistakes of :func:`chained`, made."""

    def results(wrong: Callable[..., Any]) -> tuple | None:
        found = []
        for probe in probes:
            try:
                with np.errstate(all="ignore"):
                    found.append(wrong(*fresh_arguments(probe)))
            except (ArithmeticError, ValueError):  # a way that breaks on this probe
                return None
        return fingerprint(found)

    fewest: dict[tuple, int] = {}
    for mistake in flattened(known):
        with contextlib.suppress(Exception):
            fewest[results(mistake.wrong)] = 0
    mistakes = []
    for choices in sorted(itertools.product(*steps), key=lambda c: sum(bool(s.id) for s in c)):
        slips = [step for step in choices if step.id]
        found = results(lambda *args, choices=choices: result(choices, *args))
        if found is None or "nan" in found:
            continue  # a way that breaks or gives nan: no result names it
        if fewest.setdefault(found, len(slips)) < len(slips) or not slips:
            continue  # the right way, what fewer slips (or a mistake written out) give as well
        mistakes.append(
            Mistake(
                "+".join(step.id for step in slips),
                together([step.what for step in slips]),
                lambda *args, choices=choices: result(choices, *args),
                made_by="chain",
            )
        )
    return mistakes


def fingerprint(values: Any) -> tuple:
    """Nested numbers as a tuple of strings to nine significant digits ("nan" for NaN): equal
    for results that agree to about 1e-9, so that a dict finds them."""
    if isinstance(values, tuple | list):
        return tuple(item for value in values for item in fingerprint(value))
    array = np.asarray(values, dtype=np.float64).ravel()
    return tuple("nan" if np.isnan(v) else f"{v:.9g}" for v in array)


def together(parts: Sequence[str]) -> str:
    """One slip as a sentence, or several as "Two mistakes: a; and b."."""
    if len(parts) == 1:
        return sentence(parts[0])
    count = {2: "Two", 3: "Three"}.get(len(parts), str(len(parts)))
    return f"{count} mistakes: {'; '.join(parts[:-1])}; and {parts[-1]}."


def estimated(reference: Callable[..., Any], formula: str) -> Finding:
    """The finding of an answer that estimates what a formula gives: every result within 20 %
    of the right one, none equal to it, and by ratios that vary from call to call (a constant
    ratio would be a factor in a formula, which the mistakes name). That is what random draws
    give, a simulation of the noise; ``formula`` says what to derive instead."""

    def shows(calls: list[tuple], values: list[Any]) -> bool:
        ratios = []
        for args, value in zip(calls, values, strict=True):
            want = reference(*fresh_arguments(args))
            if not isinstance(value, float) or not want or close(value, want):
                return False
            ratios.append(value / want)
        return all(0.8 < r < 1.2 for r in ratios) and np.ptp(ratios) > 1e-6

    return Finding(
        "estimated",
        "returned values within 20 % of the expected ones but never equal to them, by a ratio "
        "that changes from call to call: that is what an estimate from random draws gives (a "
        f"simulation of the noise), not the formula. Derive {formula}.",
        shows,
    )


# The notebook's variables: a hypothesis for each one in place of each argument ----------------


def global_mistakes(
    reference: Callable[..., Any],
    parameters: Sequence[str],
    namespace: Mapping[str, Any],
    example: tuple,
) -> list[Mistake]:
    """One mistake per notebook variable the answer refers to (``namespace``: name → array,
    number or dict, as :func:`mlcourse.feedback.referenced_globals` finds them) in place of each
    argument of the same kind (an array of any shape for an array, a number for a number, a
    dict for a dict), and per pair of them in place of two arguments (``data.x`` and ``data.y``,
    ``x_mean`` and ``x_std``): the answer that uses the notebook's variables instead of its
    arguments.
    ``example`` is one call's arguments, to tell the arguments' kinds."""
    kinds = [kind_of(arg) for arg in example]
    mistakes = []
    for i, (parameter, kind) in enumerate(zip(parameters, kinds, strict=True)):
        for name, value in namespace.items():
            if kind is not None and kind_of(value) == kind:
                mistakes.append(
                    Mistake(
                        f"global:{name}->{parameter}",
                        f"It uses the notebook's `{name}` ({in_words(value)}) where the argument "
                        f"`{parameter}` belongs: its results are what the right computation "
                        f"gives with `{name}` in place of `{parameter}`, whatever `{parameter}` "
                        f"it is given. Use the function's arguments.",
                        substituted(reference, {i: value}),
                        made_by="global",
                    )
                )
    for first, second in itertools.combinations(namespace, 2):
        for i, j in itertools.permutations(range(len(parameters)), 2):
            if kinds[i] == kind_of(namespace[first]) and kinds[j] == kind_of(namespace[second]):
                placed = sorted(((i, first), (j, second)))
                mistakes.append(
                    Mistake(
                        "global:" + ",".join(f"{g}->{parameters[k]}" for k, g in placed),
                        f"It uses the notebook's `{placed[0][1]}` and `{placed[1][1]}` where "
                        f"the arguments `{parameters[placed[0][0]]}` and "
                        f"`{parameters[placed[1][0]]}` belong: its results are "
                        f"what the right computation gives on them, whatever it is given. "
                        f"Use the function's arguments.",
                        substituted(reference, {i: namespace[first], j: namespace[second]}),
                        made_by="global",
                    )
                )
    return mistakes


def kind_of(value: Any) -> str | None:
    """The kind of argument a global may stand in for: "array", "number", "count" (a whole
    number), "dict", or None."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "iuf" and value.ndim > 0:
        return "array"
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, int | np.integer):
        return "count"
    if isinstance(value, float | np.floating):
        return "number"
    if isinstance(value, dict):
        return "dict"
    return None


def substituted(reference: Callable[..., Any], values: dict[int, Any]) -> Callable[..., Any]:
    """``reference`` with the arguments at the given positions replaced by (copies of)
    ``values``."""

    def wrong(*args: Any) -> Any:
        changed = [fresh_copy(values[i]) if i in values else arg for i, arg in enumerate(args)]
        return reference(*changed)

    return wrong


# The judge ------------------------------------------------------------------------------------


XOR = "In Python `^` is the bitwise xor; a power is written `**`."
EIGENVECTORS_TOO = (
    "np.linalg.eig returns two things, the eigenvalues and then the eigenvectors: take the "
    "eigenvalues, np.linalg.eig(H)[0], or use np.linalg.eigvalsh(H), which returns only them."
)
IF_ON_ARRAY = (
    "`if` (or `while`) on an array asks one question of all its values at once: choose value "
    "by value with np.where(condition, a, b) or with boolean masks, a[z >= 0]."
)
ONE_HOT_WIDTH = (
    "np.eye(K)[labels] has one column per class: K is the number of classes (W.shape[1], or "
    "p.shape[1]), not the number of inputs."
)
ONE_NUMBER = (
    "float(...) and int(...) turn one number into a number: an array of many cannot become "
    "one; compute with numpy on the whole array."
)
PYTHON_MAX = (
    "Python's max and min compare whole arrays, which has no answer: np.maximum and "
    "np.minimum compare value by value."
)
UNDEFINED = (
    "Every name a function uses must be one of its arguments or defined in a cell that has run."
)
SEQUENCE_TIMES_NUMBER = (
    "A tuple or a list cannot be multiplied by a number (that repeats it, by whole numbers "
    "only): compute each value on its own, or make numpy arrays, np.array([...])."
)
NOT_ITERABLE = "`for` goes through a sequence: range(epochs) counts 0, 1, …, epochs − 1."
MATMUL_ORDER = (
    "A matrix product pairs the first's columns with the second's rows: X has one row per "
    "point, so Xᵀ @ G (X.T @ G) adds up over the points."
)
RAISE_HINTS = (
    ("for ^", "^", XOR),
    ("bitwise_xor", "^", XOR),
    ("inhomogeneous", "eig(", EIGENVECTORS_TOO),
    ("truth value of an array", "eig(", EIGENVECTORS_TOO),
    ("only 0-dimensional arrays", "float(", ONE_NUMBER),
    ("only 0-dimensional arrays", "int(", ONE_NUMBER),
    ("truth value of an array", "max(", PYTHON_MAX),
    ("truth value of an array", "min(", PYTHON_MAX),
    ("NameError", "", UNDEFINED),
    ("can't multiply sequence", "", SEQUENCE_TIMES_NUMBER),
    ("object is not iterable", "for ", NOT_ITERABLE),
    ("matmul", "X @", MATMUL_ORDER),
    ("truth value of an array", "if ", IF_ON_ARRAY),
    ("truth value of an array", "while ", IF_ON_ARRAY),
    ("out of bounds", "np.eye(", ONE_HOT_WIDTH),
)
"""Errors whose cause the learner's own line shows, with what it shows: the first that fits is
said, so the more specific come first."""


@dataclass(frozen=True)
class Judge:
    """Judge one exercise's calls: compare with ``reference`` and diagnose what differs.

    Calling it with the calls and their outcomes gives a :class:`mlcourse.feedback.Verdict`.

    Attributes
    ----------
    name : str
        The learner's function.
    parameters : tuple of str
        Its parameters, to name them in messages.
    reference : callable
        The right answer for the same arguments (computed in the judging process).
    result : Number, Vector or Numbers (or anything with conform, agree and facts)
        The kind of result asked for.
    mistakes : tuple of Mistake or Deferred
        The likely mistakes, most specific first; a :class:`Deferred` holds mistakes made by a
        rule, made when first needed (``all_mistakes`` has them all).
    rule : str
        The rule the result must follow, added when no mistake can be named.
    rtol : float
        Relative tolerance of every comparison.
    findings : tuple of Finding
        Exercise-specific evidence (e.g. "same numbers for two different generators"), tried
        after the mistakes, on results of the right kind.
    lesson_size : int or None
        The number of points in the lessons' data set: a result or an error message of that
        size, when the arguments have another, shows that the notebook's data was used.
    failing_warnings : tuple of str
        The kinds of warning that fail the exercise even when every result is right ("overflow",
        "divide", "invalid": numpy's; "RuntimeWarning", …): those whose absence is its point.
        Every exercise says which, possibly none.
    warning_advice : str
        What to do about such a warning.
    """

    name: str
    parameters: tuple[str, ...]
    reference: Callable[..., Any]
    result: Any
    mistakes: tuple[Mistake | Deferred, ...] = ()
    rule: str = ""
    rtol: float = 1e-9
    findings: tuple[Finding, ...] = field(default=())
    lesson_size: int | None = None
    shape_hints: tuple[tuple[tuple[int, ...], str], ...] = ()
    """(shape, what it suggests) for array results of a shape other than the one asked for."""
    raise_hints: tuple[tuple[str, str, str], ...] = RAISE_HINTS
    """(words in the error, words in the learner's line, what they show) for errors raised."""
    nan_matches: bool = False
    """When True, a mistake that gives NaN where the learner's result has NaN reproduces it:
    for exercises where the likely mistake is an overflow (e^1000 = inf, inf/inf = NaN)."""
    failing_warnings: tuple[str, ...] = field(kw_only=True)
    warning_advice: str = field(default="", kw_only=True)

    def __call__(self, calls: list[tuple], outcomes: list[Outcome]) -> Verdict:
        for i, (args, outcome) in enumerate(zip(calls, outcomes, strict=True)):
            problem = outcome_problem(self.name, outcome)
            if problem is not None:
                hints = self.lesson_data_hint(args, outcome.error) + self.raise_hint(outcome)
                return self.verdict(
                    FROM_OUTCOME[outcome.kind],
                    sentence_end(problem) + hints,
                    i,
                    args,
                    returned=problem.removeprefix(f"`{self.name}` "),
                    advice=hints.strip(),
                    warnings=outcome.warnings,
                )
        values = [outcome.value for outcome in outcomes]
        expected = [self.reference(*fresh_arguments(args)) for args in calls]
        conformed: list[Any] = []
        misfits: list[str | None] = []
        for value, want in zip(values, expected, strict=True):
            try:
                conformed.append(self.result.conform(value, want))
                misfits.append(None)
            except Misfit as misfit:
                conformed.append(None)
                misfits.append(str(misfit))
        right = [
            misfit is None and self.result.agree(value, want, self.rtol)
            for value, want, misfit in zip(conformed, expected, misfits, strict=True)
        ]
        changed = self.changed_inputs(calls, outcomes, all(right))
        if changed is not None:
            return changed
        if all(right):
            return self.warned(calls, outcomes) or Verdict(
                "passed", warnings=tuple(w for o in outcomes for w in o.warnings)
            )
        # The wrong call with the fewest values: the easiest for the learner to reproduce.
        first = min(
            (i for i, ok in enumerate(right) if not ok), key=lambda i: (size_of(calls[i]), i)
        )

        def evidence(kind: VerdictKind, message: str, i: int = first, **more: Any) -> Verdict:
            return self.verdict(
                kind,
                message,
                i,
                calls[i],
                returned=in_words(values[i]),
                expected=in_words(expected[i]),
                difference=(
                    ""
                    if misfits[i] is not None
                    else first_difference(
                        conformed[i],
                        expected[i],
                        self.rtol,
                        getattr(self.result, "labels", ()),
                        atol=getattr(self, "floor", 1e-12),
                    )
                ),
                warnings=outcomes[i].warnings,
                **more,
            )

        matched = self.matching_mistakes(calls, values, expected)
        if not matched:
            used = global_mistakes(
                self.reference, self.parameters, dict(outcomes[0].referenced), calls[0]
            )
            matched = self.matching(used, calls, values, expected)
        if matched:
            facts = self.facts(calls[first], conformed[first], expected[first], misfits[first])
            explained = self.explain(matched)
            return evidence(
                "mistake",
                f"{facts} {explained}",
                mistake_ids=tuple(dict.fromkeys(m.id for m in matched)),
                advice=explained,
            )
        for i, misfit in enumerate(misfits):
            if misfit is not None:
                hint = self.shape_hint(calls[i], values[i])
                return evidence(
                    "misfit",
                    self.facts(calls[i], None, None, misfit) + hint,
                    i,
                    advice=hint.strip(),
                )
        for finding in self.findings:
            if finding.shows(calls, conformed):
                message = f"`{self.name}` {finding.message}"
                return evidence("mistake", message, mistake_ids=(finding.id,), advice=message)
        facts = self.facts(calls[first], conformed[first], expected[first], None)
        warned = self.warnings_of(outcomes, every=True)
        said = f" While it ran, {warned[0][1].describe()}." if warned else ""
        kind: VerdictKind = (
            "warned" if any(w.kind in self.failing_warnings for _, w in warned) else "facts"
        )
        return evidence(
            kind, facts + said + (f" {self.rule}" if self.rule else ""), advice=self.rule
        )

    def verdict(
        self, kind: VerdictKind, message: str, i: int, args: tuple, **evidence: Any
    ) -> Verdict:
        return Verdict(
            kind, message=message, call=i, inputs=call_inputs(self.parameters, args), **evidence
        )

    def warnings_of(
        self, outcomes: list[Outcome], every: bool = False
    ) -> list[tuple[int, RecordedWarning]]:
        """(call, warning) for each warning that fails the exercise (or ``every`` warning),
        those of the calls with the fewest values first (the easiest to reproduce)."""
        found = [
            (i, warning)
            for i, outcome in enumerate(outcomes)
            for warning in outcome.warnings
            if every or warning.kind in self.failing_warnings
        ]
        return sorted(found, key=lambda pair: pair[0])

    def warned(self, calls: list[tuple], outcomes: list[Outcome]) -> Verdict | None:
        """The verdict on right results whose calls warned as the exercise does not allow."""
        found = self.warnings_of(outcomes)
        if not found:
            return None
        i, warning = min(found, key=lambda pair: (size_of(calls[pair[0]]), pair[0]))
        message = (
            f"For {describe_call(self.parameters, calls[i])}, `{self.name}` returns the right "
            f"values, but {warning.describe()}. {self.warning_advice}"
        ).strip()
        return self.verdict(
            "warned",
            message,
            i,
            calls[i],
            returned=in_words(outcomes[i].value),
            expected=in_words(self.reference(*fresh_arguments(calls[i]))),
            advice=self.warning_advice,
            warnings=outcomes[i].warnings,
        )

    def facts(self, args: tuple, value: Any, expected: Any, misfit: str | None) -> str:
        """ "For <arguments>, `name` returned …, expected …." (or what it returned instead of
        the kind of result asked for)."""
        what = misfit if misfit is not None else self.result.facts(value, expected)
        return f"For {describe_call(self.parameters, args)}, `{self.name}` {sentence_end(what)}"

    def explain(self, matched: list[Mistake]) -> str:
        """One mistake, or several that give exactly the same results: say so, not pick one."""
        messages = list(dict.fromkeys(mistake.message for mistake in matched))
        if len(messages) == 1:
            return messages[0]
        listed = " Or: ".join(messages)
        return f"These results are what more than one mistake gives. {listed}"

    def matching_mistakes(
        self, calls: list[tuple], values: list[Any], expected: list[Any]
    ) -> list[Mistake]:
        """The mistakes that reproduce every result and differ from the right one at least
        ``MIN_EVIDENCE`` times."""
        return self.matching(self.all_mistakes, calls, values, expected)

    @functools.cached_property
    def all_mistakes(self) -> tuple[Mistake, ...]:
        """Every mistake of the judge, those made by a rule included (made once, when first
        needed)."""
        return flattened(self.mistakes)

    def matching(
        self,
        mistakes: Sequence[Mistake],
        calls: list[tuple],
        values: list[Any],
        expected: list[Any],
    ) -> list[Mistake]:
        return [mistake for mistake in mistakes if self.explains(mistake, calls, values, expected)]

    def explains(
        self, mistake: Mistake, calls: list[tuple], values: list[Any], expected: list[Any]
    ) -> bool:
        """True when ``mistake`` reproduces every result (it is tried call by call, and given up
        at the first result it does not reproduce or cannot compute)."""
        differing = 0
        for args, value, want in zip(calls, values, expected, strict=True):
            try:
                with np.errstate(all="ignore"):
                    guess = mistake.wrong(*fresh_arguments(args))
            except Exception:  # a hypothesis that does not apply to these arguments
                return False
            if not self.agrees(value, guess, nan_equal=self.nan_matches):
                return False
            differing += not self.agrees(want, guess, nan_equal=False)
        return differing >= MIN_EVIDENCE

    def agrees(self, value: Any, guess: Any, nan_equal: bool) -> bool:
        """Whether a mistake's result ``guess`` is ``value``: the comparison mistakes are
        judged by (NaN agrees with NaN in the same place only when ``nan_equal``)."""
        return same(value, guess, self.rtol, nan_equal)

    def changed_inputs(
        self, calls: list[tuple], outcomes: list[Outcome], right: bool
    ) -> Verdict | None:
        for i, (args, outcome) in enumerate(zip(calls, outcomes, strict=True)):
            if not outcome.changed:
                continue
            names = " and ".join(f"`{self.parameters[k]}`" for k in outcome.changed)
            plural = "s" * (len(outcome.changed) > 1)
            how = (
                "Build a new dict (`new = {name: params[name] - … for name in params}`) instead "
                "of changing the one given (`params[name] -= …`, `params[name] = …`)."
                if any(isinstance(args[k], dict) for k in outcome.changed)
                else "Compute into a new array (`new = a * b`) instead of changing one "
                "(`a *= b`, `a += b`, `a[...] = …`)."
            )
            advice = (
                f"A function must leave its inputs as they are: in the notebook your {names} "
                f"would silently change too. {how}"
            )
            return self.verdict(
                "changed_inputs",
                f"`{self.name}` changed its argument{plural} {names} in place (when called with "
                f"{describe_call(self.parameters, args)}). "
                + ("Its results are right, but a" if right else "A")
                + advice[1:],
                i,
                args,
                returned=in_words(outcome.value),
                advice=advice,
                warnings=outcome.warnings,
            )
        return None

    def raise_hint(self, outcome: Outcome) -> str:
        for error_words, line_words, hint in self.raise_hints:
            if error_words in outcome.error and line_words in outcome.where:
                return f" {hint}"
        return ""

    def lesson_data_hint(self, args: tuple, error: str) -> str:
        """For an error that mentions the lessons' data size when no argument has that size."""
        if self.lesson_size is None or not error:
            return ""
        size = self.lesson_size
        sizes = {a.size for a in args if isinstance(a, np.ndarray)}
        mentioned = f"({size},)" in error or f" {size} " in f" {error} "
        if not mentioned or size in sizes or not sizes:
            return ""
        return (
            f" The shape ({size},) is that of the lesson's data, but no argument of this call "
            f"has {size} values: use the function's arguments "
            f"({', '.join(self.parameters)}), not the notebook's `data`."
        )

    def shape_hint(self, args: tuple, value: Any) -> str:
        """What the shape of an array result suggests: one value per point where one number is
        asked for, the lessons' data size where the arguments have another, or what
        ``shape_hints`` says of it."""
        if isinstance(value, list | tuple):
            try:
                value = np.array(value, dtype=np.float64)
            except (TypeError, ValueError):
                return ""
        if not isinstance(value, np.ndarray) or value.ndim == 0:
            return ""
        for shape, hint in self.shape_hints:
            if value.shape == shape:
                return f" {hint}"
        sizes = {a.size for a in args if isinstance(a, np.ndarray)}
        if isinstance(self.result, Number) and value.shape in {(n,) for n in sizes}:
            return (
                " That is one value per point; the result is one number for the whole batch (a "
                "sum over the points)."
            )
        if value.size != self.lesson_size or self.lesson_size in sizes or not sizes:
            return ""
        return (
            f" {self.lesson_size} is the number of points in the lesson's data, but the "
            f"arguments have {', '.join(map(str, sorted(sizes)))}: use the function's "
            f"arguments, not the notebook's `data`."
        )


def fresh_arguments(args: tuple) -> tuple:
    """Copies of a call's arguments, an ``Rng`` as a new generator: for references and
    hypotheses, which must see exactly what the learner's function saw."""
    return tuple(fresh_copy(arg) for arg in args)


def size_of(args: tuple) -> int:
    """How many values a call's arguments hold (to show the easiest call to reproduce)."""
    return sum(arg.size if isinstance(arg, np.ndarray) else 1 for arg in args)
