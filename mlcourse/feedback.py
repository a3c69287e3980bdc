"""The mechanics of exercise feedback: call learner code safely and report in plain words.

A check either prints one short line saying what is right, or raises :class:`ExerciseFailed`
whose message names the likely mistake. In Jupyter the failure is shown as that message alone,
without a traceback into this package (the cell still counts as failed, so graders see it).
"""

from __future__ import annotations

import contextlib
import dis
import faulthandler
import functools
import io
import json
import linecache
import os
import select
import signal
import sys
import threading
import time
import traceback
import types
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, get_args

import numpy as np

from mlcourse import plain

DEFAULT_TIMEOUT = 2.0
"""Seconds a learner's function may run in one check before it is stopped."""

_PACKAGE_DIR = str(Path(__file__).resolve().parent)


class ExerciseFailed(AssertionError):
    """A check found a mistake; the message says which and how to fix it."""


_quiet = False


def passed(message: str) -> None:
    """Report a correct answer in one line (unless inside :func:`quietly`)."""
    if not _quiet:
        print(f"✔ {message}")


@contextlib.contextmanager
def quietly() -> Iterator[None]:
    """Run checks without their success lines: for hidden grading tests, which pass silently."""
    global _quiet
    before, _quiet = _quiet, True
    try:
        yield
    finally:
        _quiet = before


def fail(message: str) -> None:
    """Stop the check with a diagnosis."""
    raise ExerciseFailed(message)


def outcome_problem(name: str, outcome: Outcome) -> str | None:
    """What went wrong in a call that did not return normally, in words; None if it returned."""
    if outcome.kind == "returned":
        return None
    if outcome.kind == "not_callable":
        return (
            f"`{name}` should be a function, but it is a {outcome.error}: "
            f"define it with `def {name}(...):`."
        )
    if outcome.kind == "raised":
        return f"`{name}` raised {outcome.error.rstrip()}{outcome.where}"
    if outcome.kind == "timeout":
        return (
            f"`{name}` did not finish within {outcome.seconds:.3g} s, many times what a correct "
            f"answer needs here: look for a loop that never ends (a `while` whose condition "
            f"never becomes false, or a counter never increased)."
        )
    if outcome.kind == "borrowed":
        return (
            f"`{name}` calls {outcome.error}, the course package's own answer to this exercise: "
            f"write the computation yourself."
        )
    if outcome.kind == "died":
        return (
            f"`{name}` ended the Python process that ran it ({outcome.error}): remove any "
            f"`os._exit`, and look for something that takes all the memory."
        )
    return f"`{name}` was not run, because an earlier call did not finish."


class TimeLimitExceeded(BaseException):
    """Raised by :func:`time_limit`'s alarm; a BaseException so that learner code with `except
    Exception` can't swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block after ``seconds``."""
    # An interval timer can only interrupt the main thread; elsewhere the check runs unbounded.
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _where(error: BaseException) -> str:
    """' (line N: `code`)' for the deepest frame in the learner's own code, if it can be found."""
    frames = [
        frame for frame in traceback.extract_tb(error.__traceback__) if _is_learners(frame.filename)
    ]
    if not frames or not frames[-1].line:
        return ""
    return f" (line {frames[-1].lineno} of your cell: `{frames[-1].line.strip()}`)"


def _show_without_traceback(
    shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None
) -> list[str]:
    structured = [f"\x1b[0;31m✘ {value}\x1b[0m"]
    shell._showtraceback(etype, value, structured)  # how IPython shows an error output
    return structured


def install_ipython_display() -> None:
    """Inside IPython, show ExerciseFailed as its message only; elsewhere, do nothing."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((ExerciseFailed,), _show_without_traceback)


# Running learner code apart: every call in a child process, every result as plain data -------

MAX_OUTPUT = 10_000
"""Characters of what a learner's function prints that are kept (the rest is cut)."""
MEMORY_HEADROOM = 2 * 1024**3
"""Bytes of address space a learner's function may add before allocations fail (Linux)."""
FORK = sys.platform.startswith("linux")
"""Run each check's calls in a forked child that can be stopped from outside (Linux); elsewhere
they run in this process under an alarm, which a learner's bare ``except:`` can swallow."""

OutcomeKind = Literal[
    "returned", "raised", "timeout", "died", "borrowed", "not_callable", "not_run"
]
OUTCOME_KINDS = get_args(OutcomeKind)
OUTCOME_VERSION = 2
"""The version of an outcome's JSON (1 had no warnings and no version field)."""
MAX_WARNINGS = 10
"""Different warnings kept per call (each with how often it happened)."""
NUMPY_ERRORS = {
    "overflow": ("overflow", "overflow encountered"),
    "divide by zero": ("divide", "divide by zero encountered"),
    "invalid value": ("invalid", "invalid value encountered"),
}
"""numpy's floating-point errors: (the kind recorded, numpy's own words)."""
FLOATING_POINT = ("overflow", "divide", "invalid")
"""The kinds of numpy floating-point error a call records (underflow, which numpy ignores by
default, is the right answer wherever it happens: e^(−800) is 0 to a float)."""


@dataclass(frozen=True)
class RecordedWarning:
    """One warning a learner's call raised, as plain data.

    Attributes
    ----------
    kind : str
        "overflow", "divide" or "invalid" for numpy's floating-point errors; the warning's class
        name ("RuntimeWarning", "DivergenceWarning", …) for any other warning.
    message : str
        What numpy or the warning said, e.g. "overflow encountered".
    line : int
        The line of the learner's own code where it happened (0 when not known).
    code : str
        That line.
    count : int
        How many times it happened during the call.
    silenced : bool
        The learner's code had asked numpy to ignore it (``np.errstate``, ``np.seterr``): it
        happened all the same.
    """

    kind: str = field(metadata=plain.via(plain.text(80)))
    message: str = field(metadata=plain.via(plain.text(200)))
    line: int = field(default=0, metadata=plain.via(plain.whole(0, 10**7)))
    code: str = field(default="", metadata=plain.via(plain.text(200)))
    count: int = field(default=1, metadata=plain.via(plain.whole(1, 10**9)))
    silenced: bool = field(default=False, metadata=plain.via(plain.flag()))

    def describe(self) -> str:
        """The warning in words: 'numpy warned "overflow encountered" 3 times, at line 2 of
        your cell: `…`'."""
        who = "numpy warned" if self.kind in FLOATING_POINT else f"a {self.kind} said"
        times = f" {self.count} times" if self.count > 1 else ""
        where = (
            f", at line {self.line} of your cell: `{self.code}`" if self.line and self.code else ""
        )
        quiet = (
            " (inside an np.errstate or np.seterr that asks numpy not to say so)"
            if self.silenced
            else ""
        )
        return f'{who} "{self.message}"{times}{where}{quiet}'


@dataclass(frozen=True)
class Outcome:
    """What one call of a learner's function did, as plain data.

    Each field says how it travels as JSON (:func:`mlcourse.plain.via`): the forked child
    and the grading sandbox write an outcome with :meth:`to_json`, the judge reads it back with
    :meth:`from_json`, which checks every field.

    Attributes
    ----------
    kind : str
        "returned"; "raised" (an exception escaped); "timeout" (stopped after its time limit);
        "died" (the process ended during the call: ``os._exit``, a crash, out of memory);
        "borrowed" (it called a package function the exercise forbids); "not_callable" (the
        name is not a function); "not_run" (an earlier call of the same check timed out or died).
    value : plain data
        What it returned (see :func:`mlcourse.plain.to_plain`), when ``kind`` is "returned".
    error : str
        For "raised", ``"ZeroDivisionError: division by zero"``; for "died", how the process
        ended; for "borrowed", the forbidden functions it called; for "not_callable", the type.
    where : str
        For "raised", the line of the learner's own code where it happened, if known.
    changed : tuple of int
        Positions of the arguments (arrays, or dicts of arrays and numbers) the call changed in
        place.
    output : str
        What the call printed, cut to ``MAX_OUTPUT`` characters.
    seconds : float
        How long the call ran.
    warnings : tuple of RecordedWarning
        The warnings it raised (numpy's overflow, divide by zero and invalid value, and each
        ``warnings.warn`` the notebook's filters show), at most ``MAX_WARNINGS`` different ones.
    referenced : tuple of (str, plain data)
        The notebook's variables the function refers to (see :func:`referenced_globals`), as
        they were when the call began: ("data.x", array), ("x_std", 0.3), ("start", dict).
    """

    kind: OutcomeKind = field(metadata=plain.via(plain.choice(OUTCOME_KINDS)))
    value: Any = field(default=None, metadata=plain.via(plain.VALUE))
    error: str = field(default="", metadata=plain.via(plain.text(MAX_OUTPUT)))
    where: str = field(default="", metadata=plain.via(plain.text(MAX_OUTPUT)))
    changed: tuple[int, ...] = field(
        default=(), metadata=plain.via(plain.sequence(plain.whole(0, 63), most=64))
    )
    output: str = field(default="", metadata=plain.via(plain.text(MAX_OUTPUT)))
    seconds: float = field(default=0.0, metadata=plain.via(plain.real(0.0, 1e6)))
    warnings: tuple[RecordedWarning, ...] = field(
        default=(),
        metadata=plain.via(plain.sequence(plain.nested(RecordedWarning), most=MAX_WARNINGS)),
    )
    referenced: tuple[tuple[str, Any], ...] = field(
        default=(), metadata=plain.via(plain.sequence(plain.pair(plain.text(100), plain.VALUE), 12))
    )

    def to_json(self) -> str:
        """One line of JSON (the value encoded as plain data), with the format's version."""
        return json.dumps(
            {"version": OUTCOME_VERSION, **plain.record_data(self)}, separators=(",", ":")
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Outcome:
        """The outcome in a line written by :meth:`to_json`; raises ``plain.PlainDataError``
        for anything malformed, whatever wrote it."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise plain.PlainDataError(f"not JSON: {error}") from None
        if not isinstance(data, dict) or data.get("version") != OUTCOME_VERSION:
            raise plain.PlainDataError(f"an outcome must be a version {OUTCOME_VERSION} object")
        return plain.record_from_data(cls, {k: v for k, v in data.items() if k != "version"})


class BorrowedReference(BaseException):
    """Raised when a learner's answer calls a package function its exercise forbids; a
    BaseException so that ``except Exception`` in learner code does not hide it."""


borrowed_calls: list[str] = []
"""The forbidden functions called during the current call (reset before each call)."""


def note_borrowed(name: str) -> None:
    """Record that forbidden ``name`` was called, and stop the call."""
    borrowed_calls.append(name)
    raise BorrowedReference(name)


def run_calls(
    function: object,
    calls: Sequence[tuple],
    timeouts: float | Sequence[float] | None = None,
    forbidden: Sequence[str] = (),
) -> list[Outcome]:
    """Call ``function(*args)`` for each ``args`` in ``calls``; return what each call did.

    The calls run one after another in a forked child process (on Linux), which is killed once a
    call exceeds its time limit, so no loop, bare ``except:`` or ``os._exit`` in learner code can
    hang or end the caller. Each call gets fresh copies of its arguments (a
    :class:`mlcourse.plain.Rng` becomes a new generator), the copies are compared afterwards to
    find arguments changed in place, what it prints is captured, and what it returns comes back
    as plain data. Package functions named in ``forbidden`` (attribute paths such as
    ``"mlcourse.sse"``) stop the call with the outcome "borrowed" if it calls them.

    Parameters
    ----------
    function : callable
        The learner's function (anything else gives "not_callable" outcomes).
    calls : sequence of tuple
        The arguments of each call, as plain data (numbers, strings, arrays, ``Rng``, dicts).
    timeouts : float or sequence of float, optional
        Seconds each call may run; ``DEFAULT_TIMEOUT`` by default.
    forbidden : sequence of str
        Package functions the call may not use.

    Returns
    -------
    list of Outcome
        One per call, in order.
    """
    calls = [tuple(args) for args in calls]
    if timeouts is None:
        timeouts = DEFAULT_TIMEOUT
    limits = [float(timeouts)] * len(calls) if np.isscalar(timeouts) else list(timeouts)
    if len(limits) != len(calls):
        raise ValueError(f"timeouts must give one limit per call ({len(calls)}), got {len(limits)}")
    targets = _forbidden_functions(forbidden)
    if not callable(function):
        return [Outcome("not_callable", error=type(function).__name__)] * len(calls)
    if FORK:
        return _run_forked(function, calls, limits, targets)
    return _run_here(function, calls, limits, targets)


def _run_forked(
    function: Callable, calls: list[tuple], limits: list[float], forbidden: dict[str, Any]
) -> list[Outcome]:
    read_end, write_end = os.pipe()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    with warnings.catch_warnings():
        # Python 3.12+ warns about forking a threaded process (a Jupyter kernel is one): the
        # child only runs the learner's function and leaves with os._exit.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            os.close(read_end)
            faulthandler.disable()  # a crash of learner code is reported, not dumped
            limit_memory()
            _install_tripwires(forbidden)
            with os.fdopen(write_end, "w") as pipe:
                for args in calls:
                    pipe.write(_call_once(function, args).to_json() + "\n")
                    pipe.flush()
        finally:
            os._exit(0)
    os.close(write_end)
    outcomes: list[Outcome] = []
    buffer = b""
    try:
        for limit in limits:
            deadline = time.monotonic() + limit
            while b"\n" not in buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not select.select([read_end], [], [], remaining)[0]:
                    os.kill(pid, signal.SIGKILL)
                    outcomes.append(Outcome("timeout", seconds=limit))
                    break
                chunk = os.read(read_end, 1 << 16)
                if not chunk:
                    outcomes.append(Outcome("died", error=_how_it_ended(pid)))
                    pid = 0
                    break
                buffer += chunk
            else:
                line, buffer = buffer.split(b"\n", 1)
                outcomes.append(_read_outcome(line))
                continue
            break
    finally:
        os.close(read_end)
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    outcomes += [Outcome("not_run")] * (len(calls) - len(outcomes))
    return outcomes


def _run_here(
    function: Callable, calls: list[tuple], limits: list[float], forbidden: dict[str, Any]
) -> list[Outcome]:
    """Without fork: in this process, under an alarm where there is one."""
    originals = _install_tripwires(forbidden)
    outcomes: list[Outcome] = []
    try:
        for args, limit in zip(calls, limits, strict=True):
            try:
                with time_limit(limit):
                    outcome = _call_once(function, args)
            except TimeLimitExceeded:
                outcome = Outcome("timeout", seconds=limit)
            # The same round trip as from a child, so both paths judge identical data.
            outcomes.append(Outcome.from_json(outcome.to_json()))
            if outcome.kind == "timeout":
                break
    finally:
        for target, code in originals:
            target.__code__ = code
    outcomes += [Outcome("not_run")] * (len(calls) - len(outcomes))
    return outcomes


def _call_once(function: Callable, args: tuple) -> Outcome:
    """One call with fresh arguments, its output and warnings captured and its result made
    plain."""
    referenced = referenced_globals(function)
    live = tuple(fresh_copy(a) for a in args)
    before = tuple(fresh_copy(a) if isinstance(a, np.ndarray | dict) else None for a in live)
    captured = _CappedText(MAX_OUTPUT)
    recorder = WarningRecorder()
    borrowed_calls.clear()
    kind, value, error, where = "returned", None, "", ""
    started = time.perf_counter()
    try:
        with (
            contextlib.redirect_stdout(captured),
            contextlib.redirect_stderr(captured),
            recorder.recording(),
        ):
            value = function(*live)
    except TimeLimitExceeded:
        raise
    except BorrowedReference:
        kind = "borrowed"
    except BaseException as exception:  # learner code may raise anything, SystemExit too
        kind, error, where = "raised", _describe_exception(exception), _where(exception)
    seconds = time.perf_counter() - started
    if borrowed_calls:
        kind, error = "borrowed", ", ".join(dict.fromkeys(borrowed_calls))
    changed = tuple(
        i
        for i, (old, new) in enumerate(zip(before, live, strict=True))
        if old is not None and not _unchanged(old, new)
    )
    return Outcome(
        kind=kind,
        value=plain.to_plain(value) if kind == "returned" else None,
        error=error,
        where=where,
        changed=changed,
        output=captured.getvalue(),
        seconds=seconds,
        warnings=recorder.warnings(),
        referenced=referenced,
    )


MAX_REFERENCED = 12
"""Notebook variables kept per call (the first the function refers to)."""
MAX_REFERENCED_SIZE = 5_000
"""Values an array (or a dict's arrays together) may hold to be kept."""


def referenced_globals(function: object) -> tuple[tuple[str, Any], ...]:
    """The notebook's variables a learner's function refers to, as plain data.

    Read from its code (``LOAD_GLOBAL``, and the attribute loaded right after it): the globals
    it uses, directly, in a nested function or comprehension, or in another function of the
    notebook it calls. Kept are arrays of numbers, numbers, dicts of them (a network's
    parameters), and the array fields of objects (``data.x``), up to ``MAX_REFERENCED`` of them:
    the judge tries each one in place of each argument, to name the variable an answer uses
    instead of its argument.
    """
    found: dict[str, Any] = {}
    try:
        for name, value in _global_loads(function):
            if len(found) >= MAX_REFERENCED:
                break
            if name not in found:
                kept = _numeric(value)
                if kept is not None:
                    found[name] = kept
    except Exception:  # learner objects may raise from any attribute; what was found stands
        pass
    return tuple(found.items())


def _global_loads(function: object) -> Iterator[tuple[str, Any]]:
    """(name, value) of each global a function loads, "name.attribute" for an attribute of
    one, following the notebook's own functions it calls."""
    code, namespace = getattr(function, "__code__", None), getattr(function, "__globals__", None)
    if code is None or not isinstance(namespace, dict):
        return
    pending, seen = [(code, namespace)], set()
    while pending:
        code, namespace = pending.pop(0)
        if id(code) in seen or len(seen) > 50:
            continue
        seen.add(id(code))
        pending += [(c, namespace) for c in code.co_consts if isinstance(c, types.CodeType)]
        instructions = list(dis.get_instructions(code))
        for k, instruction in enumerate(instructions):
            if instruction.opname not in ("LOAD_GLOBAL", "LOAD_NAME"):
                continue
            name = instruction.argval
            if name not in namespace:
                continue
            value = namespace[name]
            if isinstance(value, types.FunctionType):
                if _is_learners(value.__code__.co_filename):
                    pending.append((value.__code__, value.__globals__))
                continue
            following = instructions[k + 1] if k + 1 < len(instructions) else None
            if following is not None and following.opname in ("LOAD_ATTR", "LOAD_METHOD"):
                if isinstance(value, types.ModuleType):
                    continue
                try:
                    field_value = getattr(value, following.argval)
                except Exception:  # a learner's property may raise anything
                    continue
                yield f"{name}.{following.argval}", field_value
                continue
            yield name, value


def _numeric(value: Any) -> Any:
    """``value`` as plain data if it can stand in for an argument (an array of numbers, a
    number, a dict of them, none too large), else None."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return plain.to_plain(value)
    if isinstance(value, np.ndarray):
        fits = value.dtype.kind in "iuf" and 0 < value.size <= MAX_REFERENCED_SIZE
        return plain.to_plain(value) if fits else None
    if isinstance(value, dict) and value and all(type(k) is str for k in value):
        items = {k: _numeric(v) for k, v in value.items()}
        size = sum(v.size if isinstance(v, np.ndarray) else 1 for v in items.values())
        fits = all(v is not None for v in items.values()) and size <= MAX_REFERENCED_SIZE
        return items if fits else None
    return None


def _is_learners(filename: str) -> bool:
    """Whether code in ``filename`` is the learner's (a notebook cell, a grading cell, a test's
    module), not this package's, numpy's or Python's own."""
    return not (
        filename.startswith(_PACKAGE_DIR)
        or "site-packages" in filename
        or filename.startswith((sys.prefix, sys.base_prefix, "<frozen", "<mlcourse"))
    )


def _learners_line(frame: Any) -> tuple[int, str]:
    """(line, code) of the innermost frame of the learner's own code from ``frame`` outwards;
    (0, "") when there is none."""
    while frame is not None:
        filename = frame.f_code.co_filename
        if _is_learners(filename):
            return frame.f_lineno, linecache.getline(filename, frame.f_lineno).strip()[:200]
        frame = frame.f_back
    return 0, ""


class WarningRecorder:
    """Records the warnings of one learner's call: numpy's floating-point errors (overflow,
    divide by zero, invalid value) through numpy's error callback, and each ``warnings.warn``
    the notebook's warnings filters show (under Python's default filters: once per line in a
    call). It changes no filter: a warning the notebook shows is recorded instead of printed,
    and the check shows it (:meth:`Exercise.judgement`).

    The learner's code cannot silence them: while it runs, ``np.errstate`` and ``np.seterr``
    called from the learner's own code still report every error here (an error silenced so is
    marked ``silenced``); only "raise", whose error the learner's code then handles itself, is
    left as asked. Code of this package or of numpy keeps the settings it asks for.
    """

    def __init__(self) -> None:
        self.found: dict[tuple[str, str, int, str], list[Any]] = {}
        self.silencing: list[frozenset[str]] = [frozenset()]

    def add(self, kind: str, message: str, frame: Any, silenced: bool = False) -> None:
        line, code = _learners_line(frame)
        key = (kind, message[:200], line, code)
        if key in self.found:
            self.found[key][0] += 1
            self.found[key][1] &= silenced
        elif len(self.found) < MAX_WARNINGS:
            self.found[key] = [1, silenced]

    def on_numpy_error(self, error: str, flag: int) -> None:
        kind, words = NUMPY_ERRORS.get(error, (error, f"{error} encountered"))
        silenced = any(kind in kinds for kinds in self.silencing)
        self.add(kind, words, sys._getframe(1), silenced)

    def on_warning(self, message: Any, category: type, *args: Any, **kwargs: Any) -> None:
        self.add(getattr(category, "__name__", "Warning"), str(message), sys._getframe(1))

    def warnings(self) -> tuple[RecordedWarning, ...]:
        return tuple(
            RecordedWarning(kind, message, line, code, count, silenced)
            for (kind, message, line, code), (count, silenced) in self.found.items()
        )

    @contextlib.contextmanager
    def recording(self) -> Iterator[None]:
        real = (np.errstate, np.seterr, np.seterrcall)
        with (
            warnings.catch_warnings(),
            np.errstate(call=self.on_numpy_error, **{k: "call" for k in NUMPY_SETTINGS}),
        ):
            warnings.showwarning = self.on_warning
            np.errstate, np.seterr = self.learners_errstate(real[0]), self.learners_seterr(real[1])
            np.seterrcall = self.learners_seterrcall(real[2])
            try:
                yield
            finally:
                np.errstate, np.seterr, np.seterrcall = real

    def learners_errstate(self, errstate: Callable[..., Any]) -> Callable[..., Any]:
        recorder = self

        class LearnersErrstate:
            def __init__(self, settings: dict[str, Any]) -> None:
                self.settings = settings
                translated, self.silenced = _still_reported(settings)
                self.inner = errstate(**translated)

            def __enter__(self) -> Any:
                recorder.silencing.append(self.silenced)
                return self.inner.__enter__()

            def __exit__(self, *exc: Any) -> Any:
                recorder.silencing.pop()
                return self.inner.__exit__(*exc)

            def __call__(self, function: Callable) -> Callable:
                def decorated(*args: Any, **kwargs: Any) -> Any:
                    with LearnersErrstate(self.settings):
                        return function(*args, **kwargs)

                return decorated

        def learners(*args: Any, **settings: Any) -> Any:
            if args or not _is_learners(sys._getframe(1).f_code.co_filename):
                return errstate(*args, **settings)
            return LearnersErrstate(settings)

        return learners

    def learners_seterr(self, seterr: Callable[..., Any]) -> Callable[..., Any]:
        def learners(*args: Any, **settings: Any) -> Any:
            if args or not _is_learners(sys._getframe(1).f_code.co_filename):
                return seterr(*args, **settings)
            translated, silenced = _still_reported(settings)
            self.silencing[0] = self.silencing[0] | silenced
            return seterr(**translated)

        return learners

    def learners_seterrcall(self, seterrcall: Callable[..., Any]) -> Callable[..., Any]:
        def learners(*args: Any, **kwargs: Any) -> Any:
            if not _is_learners(sys._getframe(1).f_code.co_filename):
                return seterrcall(*args, **kwargs)
            return np.geterrcall()

        return learners


NUMPY_SETTINGS = {"over": "overflow", "divide": "divide", "invalid": "invalid"}
"""numpy's names of the settings the recorder reports, and the kind each one records."""


def _still_reported(settings: dict[str, Any]) -> tuple[dict[str, str], frozenset[str]]:
    """numpy settings asked for by a learner's code, changed so that every error still reports
    to the recorder ("raise" excepted), and the kinds it asked to ignore."""
    translated: dict[str, str] = {}
    silenced: set[str] = set()
    for name, value in settings.items():
        if name not in ("all", "under", *NUMPY_SETTINGS):
            continue
        kinds = set(NUMPY_SETTINGS.values()) if name == "all" else {NUMPY_SETTINGS.get(name)}
        if value == "raise":
            translated[name] = "raise"
        elif name == "under":
            translated[name] = "ignore"
        else:
            translated[name] = "call"
            if value == "ignore":
                silenced |= kinds - {None}
    if translated.get("all") == "call" and "under" not in translated:
        translated["under"] = "ignore"
    return translated, frozenset(silenced)


def fresh_copy(argument: Any) -> Any:
    """A call argument as the learner's function gets it: arrays (also inside lists and dicts)
    copied, an ``Rng`` made a new generator."""
    if isinstance(argument, plain.Rng):
        return np.random.default_rng(argument.seed)
    if isinstance(argument, np.ndarray):
        return argument.copy()
    if isinstance(argument, dict):
        return {key: fresh_copy(value) for key, value in argument.items()}
    if isinstance(argument, list):
        return [fresh_copy(value) for value in argument]
    return argument


def _unchanged(old: np.ndarray | dict, new: object) -> bool:
    """True when an array argument, or a dict of arrays and numbers (a network's parameters),
    is as it was before the call: same keys, items equal, arrays neither changed nor replaced by
    another kind of value."""
    if isinstance(old, dict):
        return (
            isinstance(new, dict)
            and new.keys() == old.keys()
            and all(
                _unchanged(item, new[key])
                if isinstance(item, np.ndarray | dict)
                else type(new[key]) is type(item) and _equal_scalars(item, new[key])
                for key, item in old.items()
            )
        )
    return _same_array(old, new)


def _equal_scalars(old: object, new: object) -> bool:
    try:
        return bool(old == new or (old != old and new != new))  # NaN stays NaN
    except Exception:
        return False


def _same_array(old: np.ndarray, new: object) -> bool:
    return (
        isinstance(new, np.ndarray)
        and new.shape == old.shape
        and new.dtype == old.dtype
        and bool(np.array_equal(old, new, equal_nan=old.dtype.kind in "fc"))
    )


def _describe_exception(exception: BaseException) -> str:
    try:
        return f"{type(exception).__name__}: {exception}"[:MAX_OUTPUT]
    except Exception:
        return type(exception).__name__


class _CappedText(io.StringIO):
    """A text stream that keeps the first ``limit`` characters and drops the rest."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, text: str) -> int:
        room = self.limit - self.tell()
        if room > 0:
            super().write(str(text)[:room])
        return len(text)


def _forbidden_functions(names: Sequence[str]) -> dict[str, Any]:
    """The package functions behind attribute paths such as ``"mlcourse.sse"``."""
    import importlib

    found = {}
    for name in names:
        module_name, _, attribute = name.rpartition(".")
        target = getattr(importlib.import_module(module_name), attribute, None)
        if not hasattr(target, "__code__"):
            raise ValueError(f"forbidden must name Python functions, got {name!r}")
        found[name] = target
    return found


_untripped: dict[str, Callable] = {}
"""Each forbidden function as it was, for the package's own code to call."""


def _install_tripwires(forbidden: dict[str, Any]) -> list[tuple[Any, Any]]:
    """Make each forbidden function record the call and stop it when the learner's code calls
    it; return the originals.

    The function's code is swapped, so every reference a learner may hold (``mc.sse``, ``from
    mlcourse import sse as s``) leads to the tripwire. A call from the package's own code goes
    through: the functions the learner may use call forbidden ones (``mc.train`` calls the
    gradient's kernel), and that is no borrowing."""
    originals = []
    for name, target in forbidden.items():
        if target.__code__.co_freevars or target.__code__.co_filename == TRIPWIRE:
            continue
        original = types.FunctionType(
            target.__code__, target.__globals__, target.__name__, target.__defaults__
        )
        original.__kwdefaults__ = target.__kwdefaults__
        _untripped[name] = original
        originals.append((target, target.__code__))
        target.__code__ = _tripwire_code(name)
    return originals


def tripped(name: str, caller: Any, args: tuple, kwargs: dict) -> Any:
    """What a forbidden function does when called (``caller`` is the calling frame): run, for
    the package's own code; record the call and stop it, for anyone else's."""
    if caller.f_code.co_filename.startswith(_PACKAGE_DIR + os.sep):
        return _untripped[name](*args, **kwargs)
    note_borrowed(name)


def _read_outcome(line: bytes) -> Outcome:
    try:
        return Outcome.from_json(line)
    except plain.PlainDataError as error:
        return Outcome("died", error=f"the process sent back something unreadable ({error})")


TRIPWIRE = "<mlcourse tripwire>"


def _tripwire_code(name: str) -> Any:
    source = (
        "def tripwire(*args, **kwargs):\n"
        "    import sys\n"
        "    import mlcourse.feedback\n"
        f"    return mlcourse.feedback.tripped({name!r}, sys._getframe(1), args, kwargs)\n"
    )
    namespace: dict[str, Any] = {}
    exec(compile(source, TRIPWIRE, "exec"), namespace)
    return namespace["tripwire"].__code__


def limit_memory(extra: int = MEMORY_HEADROOM) -> None:
    """Allow this process at most ``extra`` bytes of address space beyond what it holds now
    (Linux; a limit is only ever lowered)."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = used + extra
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft == resource.RLIM_INFINITY or wanted < soft:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ImportError, OSError, ValueError):
        pass


def _how_it_ended(pid: int) -> str:
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        name = signal.Signals(number).name if number in signal.valid_signals() else str(number)
        return f"the Python process was killed by signal {name}"
    return f"the Python process exited (exit code {os.WEXITSTATUS(status)})"


# What a check decided, as a value ------------------------------------------------------------

VerdictKind = Literal[
    "passed",
    "mistake",
    "facts",
    "misfit",
    "warned",
    "changed_inputs",
    "raised",
    "timeout",
    "died",
    "borrowed",
    "not_callable",
    "not_run",
    "not_defined",
]
VERDICT_KINDS = get_args(VerdictKind)
"""What a check can decide: the answer "passed"; a named "mistake" (``mistake_ids`` says which);
only the "facts" (no hypothesis reproduces the results); a "misfit" (a result of the wrong kind:
a list for an array, None, …); "warned" (right results, but a warning the exercise does not
allow, such as an overflow); "changed_inputs" (it changed an argument in place); and, from the
outcomes, "raised", "timeout", "died", "borrowed", "not_callable", "not_run" (an earlier call
did not finish) and "not_defined" (the name is None: the cell was not run)."""
FROM_OUTCOME: dict[str, VerdictKind] = {
    "raised": "raised",
    "timeout": "timeout",
    "died": "died",
    "borrowed": "borrowed",
    "not_callable": "not_callable",
    "not_run": "not_run",
}

_TEXT = plain.text(MAX_OUTPUT)


@dataclass(frozen=True)
class Verdict:
    """What a check decided about an answer, with the evidence a view would show.

    ``message`` is the whole text the notebook check shows (the success line when the answer
    passed); the other fields hold its parts as data, so that a report can count answers by
    ``mistake_ids`` and a view can show the evidence as a table.

    Attributes
    ----------
    kind : str
        One of ``VERDICT_KINDS``.
    message : str
        What the learner is told, in full.
    mistake_ids : tuple of str
        For "mistake", the ids of the named mistakes (more than one when several give exactly
        the same results: the message then lists them all).
    call : int or None
        Which of the check's calls the evidence comes from.
    inputs : tuple of (str, str)
        That call's arguments: (parameter, its value in words).
    returned : str
        What the call returned (or did), in words.
    expected : str
        What it should have returned, in words.
    difference : str
        Where the result first differs from the expected one, in words.
    advice : str
        What to do: the mistake's explanation, the rule the result must follow, or the hint.
    warnings : tuple of RecordedWarning
        For "warned" (and any verdict whose call warned), what was said, and where.
    """

    kind: VerdictKind = field(metadata=plain.via(plain.choice(VERDICT_KINDS)))
    message: str = field(default="", metadata=plain.via(_TEXT))
    mistake_ids: tuple[str, ...] = field(
        default=(), metadata=plain.via(plain.sequence(plain.text(200), 50))
    )
    call: int | None = field(
        default=None, metadata=plain.via(plain.optional(plain.whole(0, 10_000)))
    )
    inputs: tuple[tuple[str, str], ...] = field(
        default=(), metadata=plain.via(plain.sequence(plain.pair(plain.text(100), _TEXT), 20))
    )
    returned: str = field(default="", metadata=plain.via(_TEXT))
    expected: str = field(default="", metadata=plain.via(_TEXT))
    difference: str = field(default="", metadata=plain.via(_TEXT))
    advice: str = field(default="", metadata=plain.via(_TEXT))
    warnings: tuple[RecordedWarning, ...] = field(
        default=(),
        metadata=plain.via(plain.sequence(plain.nested(RecordedWarning), most=MAX_WARNINGS)),
    )

    @property
    def passed(self) -> bool:
        return self.kind == "passed"

    def to_data(self) -> dict[str, Any]:
        """The verdict as a JSON-ready dict (for records of graded work)."""
        return plain.record_data(self)

    @classmethod
    def from_data(cls, data: Any) -> Verdict:
        """The verdict :meth:`to_data` described, every field checked."""
        return plain.record_from_data(cls, data)


# An exercise's check as data: the notebook check and the grader share it ---------------------


MAX_NOTED = 3
"""Different warnings a passing check names (the verdict keeps them all)."""


def warnings_note(found: Sequence[RecordedWarning]) -> str:
    """What a right answer's calls warned, in words, to follow the success line ("" if
    nothing): the recorder keeps these warnings from the notebook, so the check says them."""
    merged: dict[tuple[str, str, int, str, bool], RecordedWarning] = {}
    for warning in found:
        key = (warning.kind, warning.message, warning.line, warning.code, warning.silenced)
        if key in merged:
            warning = replace(warning, count=merged[key].count + warning.count)
        merged[key] = warning
    if not merged:
        return ""
    said = "; ".join(warning.describe() for warning in list(merged.values())[:MAX_NOTED])
    more = len(merged) - MAX_NOTED
    return f" While it ran, {said}" + (f" (and {more} more)." if more > 0 else ".")


@dataclass(frozen=True)
class Exercise:
    """One exercise's check: the calls it makes, how it judges them, what it forbids.

    The notebook check (:meth:`check`) and the grader (which makes the same calls in a sandbox
    and judges the outcomes in its own process) share this one definition, so a learner and an
    instructor see the same diagnosis.

    Attributes
    ----------
    name : str
        The function the learner writes, e.g. ``"sse"`` (also the prefix of the nbgrader cell ids
        ``sse-answer``, ``sse-check``, ``sse-hidden``).
    cases : callable
        ``cases(seed)`` gives the arguments of every call, as plain data (numbers, strings,
        numpy arrays, :class:`mlcourse.plain.Rng`, dicts of those).
    judge : callable
        ``judge(calls, outcomes)`` returns the :class:`Verdict` (kind "passed" when the answer
        is right). It sees only plain data and never raises for anything an answer does.
    success : str
        The line shown when the answer is right.
    forbidden : tuple of str
        The package's own answers to this very exercise (attribute paths such as
        ``"mlcourse.sse"``): the answer may call neither them nor any package function they
        reach (:attr:`all_forbidden`).
    timeouts : callable, optional
        ``timeouts(calls)`` gives the seconds each call may run; ``DEFAULT_TIMEOUT`` each by
        default.
    invites : tuple of str
        Package functions the exercise invites the answer to use (the training loop may call
        ``"mlcourse.sse"``): neither they nor what they reach are forbidden.
    """

    name: str
    cases: Callable[[int], list[tuple]]
    judge: Callable[[list[tuple], list[Outcome]], Verdict]
    success: str
    forbidden: tuple[str, ...] = ()
    timeouts: Callable[[list[tuple]], list[float]] | None = None
    invites: tuple[str, ...] = ()

    @functools.cached_property
    def all_forbidden(self) -> tuple[str, ...]:
        """``forbidden`` and every package function they reach that ``invites`` do not
        (:func:`mlcourse.references.forbidden_functions`)."""
        from mlcourse import references

        return references.forbidden_functions(self.forbidden, self.invites)

    def limits(self, calls: list[tuple]) -> list[float]:
        """Seconds each of ``calls`` may run."""
        if self.timeouts is None:
            return [DEFAULT_TIMEOUT] * len(calls)
        return list(self.timeouts(calls))

    def run(self, function: object, seed: int = 0) -> tuple[list[tuple], list[Outcome]]:
        """Make this exercise's calls for ``seed`` on ``function``; return calls and outcomes."""
        calls = self.cases(seed)
        return calls, run_calls(function, calls, self.limits(calls), self.all_forbidden)

    def judgement(self, calls: list[tuple], outcomes: list[Outcome]) -> Verdict:
        """The verdict on these outcomes (for a right answer, "passed" with the success line)."""
        verdict = self.judge(calls, outcomes)
        if verdict.passed:
            message = self.success + warnings_note(verdict.warnings)
            return Verdict("passed", message=message, warnings=verdict.warnings)
        return verdict

    def verdict(self, calls: list[tuple], outcomes: list[Outcome]) -> str | None:
        """None when the outcomes are right, else the diagnosis, in words."""
        verdict = self.judgement(calls, outcomes)
        return None if verdict.passed else verdict.message

    def judge_function(self, function: object, seed: int = 0) -> Verdict:
        """Run the calls of ``seed`` on ``function`` and judge them."""
        if function is None:
            message = f"`{self.name}` is None: run the cell where you define `{self.name}` first."
            return Verdict("not_defined", message=message, advice=message)
        return self.judgement(*self.run(function, seed))

    def check(self, function: object, seed: int = 0) -> None:
        """The notebook check: print the success line (with what the calls warned, if they
        did), or raise ExerciseFailed."""
        verdict = self.judge_function(function, seed)
        if not verdict.passed:
            fail(verdict.message)
        passed(verdict.message)
