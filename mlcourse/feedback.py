"""The mechanics of exercise feedback: call learner code safely and report in plain words.

A check either prints one short line saying what is right, or raises :class:`ExerciseFailed`
whose message names the likely mistake. In Jupyter the failure is shown as that message alone,
without a traceback into this package (the cell still counts as failed, so graders see it).
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

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


def call(function: object, *args: Any, name: str, timeout: float | None = None) -> Any:
    """Call the learner's ``function(*args)``; any way it can go wrong becomes a diagnosis.

    Arrays passed in are copies, so a function that changes its inputs cannot spoil the check.
    ``timeout`` defaults to ``DEFAULT_TIMEOUT`` seconds.
    """
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    if function is None:
        fail(f"`{name}` is None: run the cell where you define `{name}` first.")
    if not callable(function):
        fail(
            f"`{name}` should be a function, but it is a {type(function).__name__}: "
            f"define it with `def {name}(...):`."
        )
    args = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
    try:
        with _time_limit(timeout), np.errstate(all="ignore"):
            return function(*args)
    except _Timeout:
        fail(
            f"`{name}` did not finish within {timeout:g} s: look for a loop that never ends "
            f"(a `while` whose condition never becomes false, or a counter never increased)."
        )
    except ExerciseFailed:
        raise
    except Exception as error:  # the learner's code may raise anything: report it, never crash
        fail(f"`{name}` raised {type(error).__name__}: {error}{_where(error)}")


def as_number(value: Any, name: str, expected_shape_hint: str = "one number") -> float:
    """The learner's result as a float, or a diagnosis of why it is not a single number."""
    if value is None:
        fail(f"`{name}` returned None: did you forget the `return` statement?")
    if isinstance(value, tuple | list):
        fail(
            f"`{name}` returned a {type(value).__name__} of {len(value)} items; "
            f"it should return {expected_shape_hint}."
        )
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        fail(f"`{name}` returned a {type(value).__name__}; it should return {expected_shape_hint}.")
    if array.ndim > 0:
        fail(
            f"`{name}` returned an array of shape {array.shape}; it should return "
            f"{expected_shape_hint}. Did you forget to add the terms up with np.sum?"
        )
    return float(array)


def as_vector(value: Any, name: str, n: int) -> np.ndarray:
    """The learner's result as a float array of shape (n,), or a diagnosis."""
    if value is None:
        fail(f"`{name}` returned None: did you forget the `return` statement?")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        fail(
            f"`{name}` returned a {type(value).__name__}; it should return an array of "
            f"shape ({n},)."
        )
    if array.shape != (n,):
        fail(
            f"`{name}` returned shape {array.shape}; it should return one value per point, "
            f"shape ({n},)."
        )
    return array


def close(a: Any, b: Any, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    """True when ``a`` and ``b`` agree to rounding (same shape, all values finite or equal)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def first_match(value: Any, mistakes: dict[str, Any]) -> str | None:
    """The diagnosis of the first known wrong answer that ``value`` equals, if any."""
    for diagnosis, wrong_value in mistakes.items():
        if close(value, wrong_value):
            return diagnosis
    return None


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that learner code with `except Exception` can't
    swallow it."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    # An interval timer can only interrupt the main thread; elsewhere the check runs unbounded.
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise _Timeout

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
