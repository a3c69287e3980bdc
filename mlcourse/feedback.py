"""The mechanics of exercise feedback: call learner code safely and report in plain words.

A check either prints one short line saying what is right, or raises :class:`ExerciseFailed`
whose message names the likely mistake. In Jupyter the failure is shown as that message alone,
without a traceback into this package (the cell still counts as failed, so graders see it).
"""

from __future__ import annotations

import contextlib
import faulthandler
import functools
import io
import json
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
from dataclasses import dataclass, field
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
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not frame.filename.startswith(_PACKAGE_DIR)
        and "site-packages" not in frame.filename
        and not frame.filename.startswith(sys.prefix)
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


@dataclass(frozen=True)
class Outcome:
    """What one call of a learner's function did, as plain data.

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
    """

    kind: OutcomeKind
    value: Any = None
    error: str = ""
    where: str = ""
    changed: tuple[int, ...] = field(default_factory=tuple)
    output: str = ""
    seconds: float = 0.0

    def to_json(self) -> str:
        """One line of JSON (the value encoded as plain data)."""
        return json.dumps(
            {
                "kind": self.kind,
                "value": plain.encode(self.value),
                "error": self.error,
                "where": self.where,
                "changed": list(self.changed),
                "output": self.output,
                "seconds": self.seconds,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Outcome:
        """The outcome in a line written by :meth:`to_json`; raises ``plain.PlainDataError``
        for anything malformed, whatever wrote it."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise plain.PlainDataError(f"not JSON: {error}") from None
        if not isinstance(data, dict) or set(data) != {
            "kind",
            "value",
            "error",
            "where",
            "changed",
            "output",
            "seconds",
        }:
            raise plain.PlainDataError("an outcome must have exactly the fields of Outcome")
        kind, changed, seconds = data["kind"], data["changed"], data["seconds"]
        if kind not in OUTCOME_KINDS:
            raise plain.PlainDataError(f"unknown outcome kind {str(kind)[:40]!r}")
        if not all(type(data[k]) is str for k in ("error", "where", "output")):
            raise plain.PlainDataError("error, where and output must be strings")
        if type(changed) is not list or not all(type(i) is int and 0 <= i < 64 for i in changed):
            raise plain.PlainDataError("changed must be a list of argument positions")
        if type(seconds) not in (int, float) or not 0 <= seconds < 1e6:
            raise plain.PlainDataError("seconds must be a non-negative number")
        return cls(
            kind=kind,
            value=plain.decode(data["value"]),
            error=data["error"][:MAX_OUTPUT],
            where=data["where"][:MAX_OUTPUT],
            changed=tuple(changed),
            output=data["output"][:MAX_OUTPUT],
            seconds=float(seconds),
        )


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
    """One call with fresh arguments, its output captured and its result made plain."""
    live = tuple(fresh_copy(a) for a in args)
    before = tuple(fresh_copy(a) if isinstance(a, np.ndarray | dict) else None for a in live)
    captured = _CappedText(MAX_OUTPUT)
    borrowed_calls.clear()
    kind, value, error, where = "returned", None, "", ""
    started = time.perf_counter()
    try:
        with (
            contextlib.redirect_stdout(captured),
            contextlib.redirect_stderr(captured),
            np.errstate(all="ignore"),
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
    )


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


# An exercise's check as data: the notebook check and the grader share it ---------------------


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
        ``judge(calls, outcomes)`` returns None when the answer is right and raises
        :class:`ExerciseFailed` with the diagnosis otherwise. It sees only plain data.
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
    judge: Callable[[list[tuple], list[Outcome]], None]
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

    def verdict(self, calls: list[tuple], outcomes: list[Outcome]) -> str | None:
        """None when the outcomes are right, else the diagnosis, in words."""
        try:
            self.judge(calls, outcomes)
        except ExerciseFailed as failure:
            return str(failure)
        return None

    def check(self, function: object, seed: int = 0) -> None:
        """The notebook check: print the success line, or raise ExerciseFailed."""
        if function is None:
            fail(f"`{self.name}` is None: run the cell where you define `{self.name}` first.")
        calls, outcomes = self.run(function, seed)
        message = self.verdict(calls, outcomes)
        if message is not None:
            fail(message)
        passed(self.success)
