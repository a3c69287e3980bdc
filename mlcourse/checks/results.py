"""Kinds of result made of arrays: a matrix, several arrays together, a network's parameters.

The kinds in :mod:`mlcourse.checks.judging` (``Number``, ``Vector``, ``Numbers``) cover results
that are numbers or one value per point. Lessons 9 and 10 return more: the softmax's matrix P,
a pair of arrays (dW, db) or (h, ŷ), a network's parameters as a dict {"W1", "b1", "W2", "b2"},
and ``(params, E)``. The kinds here follow the same protocol as judging's (``conform`` turns a
plain value into what the kind asks for or raises ``Misfit`` saying what it is instead;
``agree`` compares; ``facts`` says in words where a result first differs), and they nest:
``Together`` and ``Fields`` hold an ``Array`` or a ``Scalar`` in each place.

Every message starts with what the learner's function did ("returned …"), so that the judge can
put the function's name in front of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from mlcourse.checks.judging import Misfit, close, describe, number


def place(name: str, index: tuple[int, ...]) -> str:
    """``P[2, 1]``: an entry of a named array, as numpy writes it."""
    return f"{name}[{', '.join(str(i) for i in index)}]"


@dataclass(frozen=True)
class Array:
    """An array of real numbers with the expected shape.

    Attributes
    ----------
    name : str
        What the array is called in the exercise ("P", "dW", "h").
    meaning : str
        What its shape means, e.g. "one row of K probabilities per point".
    note : callable, optional
        ``note(value, expected)`` adds exercise-specific facts (e.g. what a row sums to), or "".
    """

    name: str
    meaning: str = ""
    note: Callable[[np.ndarray, np.ndarray], str] | None = None

    def conform(self, value: Any, expected: np.ndarray, subject: str = "returned") -> np.ndarray:
        wanted = f"a numpy array of shape {expected.shape}" + (
            f", {self.meaning}" if self.meaning else ""
        )
        if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
            if value.shape == expected.shape:
                return value.astype(np.float64)
            raise Misfit(f"{subject} {describe(value)}; {self.name} should be {wanted}")
        if value is None:
            raise Misfit(f"{subject} None: did you forget the `return` statement?")
        if isinstance(value, list | tuple):
            try:
                shape = np.array(value, dtype=np.float64).shape
            except (TypeError, ValueError):
                shape = None
            if shape == expected.shape:
                raise Misfit(
                    f"{subject} {describe(value)}; {self.name} should be a numpy array: compute "
                    f"with numpy on whole arrays, or convert the result with np.array(...)"
                )
        raise Misfit(f"{subject} {describe(value)}; {self.name} should be {wanted}")

    def agree(self, value: np.ndarray, expected: np.ndarray, rtol: float) -> bool:
        return close(value, expected, rtol)

    def facts(self, value: np.ndarray, expected: np.ndarray) -> str:
        unfinished = ~np.isfinite(value)
        if unfinished.any():
            index = tuple(int(i) for i in np.argwhere(unfinished)[0])
            text = (
                f"returned {self.name} with nan or inf in {int(unfinished.sum())} of "
                f"{value.size} entries, first {place(self.name, index)} = {value[index]}"
            )
        else:
            wrong = ~np.isclose(value, expected, rtol=1e-9, atol=1e-12)
            index = tuple(int(i) for i in np.argwhere(wrong)[0])
            text = (
                f"returned {self.name} that differs from the expected one in "
                f"{int(wrong.sum())} of {value.size} entries, first {place(self.name, index)} = "
                f"{number(value[index])} instead of {number(expected[index])}"
            )
        extra = self.note(value, expected) if self.note is not None else ""
        return text + (f"; {extra}" if extra else "")


@dataclass(frozen=True)
class Scalar:
    """One real number (a Python or numpy number, or a 0-d array), in a place of a result."""

    name: str

    def conform(self, value: Any, expected: float, subject: str = "returned") -> float:
        if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
            return float(value)
        if type(value) in (int, float):
            return float(value)
        if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
            raise Misfit(
                f"{subject} {describe(value)} holding one number; {self.name} should be the "
                f"number itself (take it out with .item() or float(...))"
            )
        if value is None:
            raise Misfit(f"{subject} None; {self.name} should be a number")
        raise Misfit(f"{subject} {describe(value)}; {self.name} should be one number")

    def agree(self, value: float, expected: float, rtol: float) -> bool:
        return close(value, expected, rtol)

    def facts(self, value: float, expected: float) -> str:
        return f"returned {self.name} = {number(value)}, expected {number(expected)}"


def places(
    kinds: list[tuple[str, Any]], values: list[Any], expected: list[Any], rtol: float
) -> tuple[list[str], list[str]]:
    """(the facts of each place that differs, the names of the places that are right); a place
    that holds several (a dict of parameters) reports each of its own."""
    wrong, right = [], []
    for (name, kind), value, want in zip(kinds, values, expected, strict=True):
        if hasattr(kind, "places"):
            inner_wrong, inner_right = kind.places(value, want, rtol)
            wrong += inner_wrong
            right += inner_right
        elif kind.agree(value, want, rtol):
            right.append(name)
        else:
            wrong.append(kind.facts(value, want))
    return wrong, right


def differing(wrong: list[str], right: list[str]) -> str:
    """The facts of every place that differs, and then which are right."""
    text = "; ".join(wrong)
    if right:
        text += f" ({', '.join(right)} {'is' if len(right) == 1 else 'are'} right)"
    return text


@dataclass(frozen=True)
class Together:
    """A fixed number of results returned together as a tuple (or a list): ``return dW, db``."""

    parts: tuple[tuple[str, Any], ...]
    """(name, kind) of each place, in order."""
    example: str
    """How a learner returns them, e.g. "return dW, db"."""
    rtol: float = 1e-9
    """The tolerance ``facts`` uses to say which places are right (the judge's own)."""

    def conform(self, value: Any, expected: tuple) -> tuple:
        names = ", ".join(name for name, _ in self.parts)
        together = f"the {len(self.parts)} results ({names}) together: `{self.example}`"
        if value is None:
            raise Misfit(f"returned None: end with {together}")
        if not isinstance(value, tuple | list):
            raise Misfit(f"returned {describe(value)}; it should return {together}")
        if len(value) != len(self.parts):
            raise Misfit(f"returned {describe(value)}; it should return {together}")
        return tuple(
            kind.conform(item, want, subject=f"returned as {name}")
            for (name, kind), item, want in zip(self.parts, value, expected, strict=True)
        )

    def agree(self, value: tuple, expected: tuple, rtol: float) -> bool:
        kinds = [kind for _, kind in self.parts]
        return all(k.agree(v, e, rtol) for k, v, e in zip(kinds, value, expected, strict=True))

    def facts(self, value: tuple, expected: tuple) -> str:
        return differing(*places(list(self.parts), list(value), list(expected), self.rtol))


@dataclass(frozen=True)
class Fields:
    """A dict with exactly the given keys, each holding its kind: a network's parameters or
    their gradients, under the parameters' names."""

    fields: tuple[tuple[str, Any], ...]
    """(key, kind) of each entry."""
    what: str
    """What the dict holds, e.g. "the gradient of each parameter under the parameter's name"."""
    rtol: float = 1e-9

    def conform(self, value: Any, expected: dict, subject: str = "returned") -> dict:
        keys = [key for key, _ in self.fields]
        wanted = f"a dict with the keys {', '.join(repr(k) for k in keys)}: {self.what}"
        if value is None:
            raise Misfit(f"{subject} None; it should return {wanted}")
        if not isinstance(value, dict):
            raise Misfit(f"{subject} {describe(value)}; it should be {wanted}")
        missing = [k for k in keys if k not in value]
        extra = [k for k in value if k not in keys]
        if missing or extra:
            found = ", ".join(repr(k) for k in value) or "none"
            raise Misfit(f"{subject} a dict with the keys {found}; it should be {wanted}")
        inner = "returned as {}" if subject == "returned" else subject + "[{!r}]"
        return {
            key: kind.conform(value[key], expected[key], subject=inner.format(key))
            for key, kind in self.fields
        }

    def agree(self, value: dict, expected: dict, rtol: float) -> bool:
        return all(kind.agree(value[key], expected[key], rtol) for key, kind in self.fields)

    def places(self, value: dict, expected: dict, rtol: float) -> tuple[list[str], list[str]]:
        keys = [key for key, _ in self.fields]
        values, wanted = [value[k] for k in keys], [expected[k] for k in keys]
        return places(list(self.fields), values, wanted, rtol)

    def facts(self, value: dict, expected: dict) -> str:
        return differing(*self.places(value, expected, self.rtol))
