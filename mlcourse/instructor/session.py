"""The grader's side of running one student's lesson: start the runner in the sandbox, give it
the cells and, after each answer cell, the visible calls to make; once every cell has run, the
hidden calls; read what comes back with time limits; when the process dies, hangs or sends
something it should not, say so in words and start again without the cell that did it, so the
other exercises are still graded.

Everything read from the sandbox is untrusted. The grader knows what must come next (the cells
and calls are its own), accepts exactly that, validated (:meth:`Outcome.from_json`, sizes,
counts), and treats anything else as the student's code writing to the grader's channel: the
exercise in progress then scores nothing. Outcomes are accepted only for calls the grader sent,
after the answer cell has run, so forging messages can never earn more than writing the function.

What the code writes (an exception's message, the line it was raised on) reaches the feedback
page, so it is cut to one short line on arrival, and it is all written before the sandbox holds
any hidden input: the hidden cases are sent only after every visible call of the run has come
back, and how a hidden call ended (an exit code the code may choose) is not told.
"""

from __future__ import annotations

import json
import os
import select
import time
from dataclasses import dataclass, field, replace

from mlcourse import plain
from mlcourse.feedback import Outcome
from mlcourse.instructor.limits import GradingLimits
from mlcourse.instructor.safe_text import one_line
from mlcourse.instructor.sandbox import Sandbox, limits_argument

MAX_LINE = 8 * 1024**2
"""Bytes of one message from the runner (an outcome holds at most plain.MAX_ELEMENTS values)."""
MAX_TOTAL = 64 * 1024**2
"""Bytes one runner may send in all."""
START_TIMEOUT = 60.0
"""Seconds the sandbox may take to start Python and read the cells."""
STEP_TIMEOUT = 10.0
"""Seconds the runner's own work between two cells may take."""
CALL_MARGIN = 5.0
"""Seconds added to a batch's time limits for starting its process and sending results."""


@dataclass(frozen=True)
class Cell:
    """A code cell to run: ``number`` is its position in the notebook (first cell = 1)."""

    number: int
    code: str
    exercise: str | None = None
    """The exercise whose answer this cell is, if it is one."""


@dataclass(frozen=True)
class Request:
    """What to call for an exercise: batches of calls with their time limits (each batch runs in
    a process of its own), the first the visible cases, the others hidden; and the package
    functions they may not use."""

    batches: tuple[tuple[list[tuple], list[float]], ...]
    forbidden: tuple[str, ...] = ()

    def message(self, batches: tuple[tuple[list[tuple], list[float]], ...], **more) -> bytes:
        encoded = [{"calls": plain.encode(list(c)), "timeouts": list(t)} for c, t in batches]
        return _line({**more, "batches": encoded, "forbidden": list(self.forbidden)})

    @property
    def visible(self) -> tuple[tuple[list[tuple], list[float]], ...]:
        return self.batches[:1]

    @property
    def hidden(self) -> tuple[tuple[list[tuple], list[float]], ...]:
        return self.batches[1:]


def batch_seconds(timeouts: list[float]) -> float:
    """Seconds the grader waits for a batch's outcomes: its calls' limits and a margin."""
    return sum(timeouts) + CALL_MARGIN + 0.5 * len(timeouts)


@dataclass
class ExerciseRun:
    """What became of one exercise: its outcomes per batch, or why there are none."""

    outcomes: list[list[Outcome]] | None = None
    failure: str = ""
    cell_error: str = ""
    """What the answer cell raised, if it did."""
    forged: bool = False
    """The student's code wrote to the grader's channel while this exercise was graded."""
    incident: bool = False
    """The process died, hung or was stopped: more than a wrong answer."""


@dataclass
class LessonRun:
    exercises: dict[str, ExerciseRun] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """What happened outside the exercises (cells skipped and why), in words."""
    starts: int = 0
    """How many runner processes it took."""


@dataclass
class _Stop:
    """Why a runner was stopped: what to blame, in words."""

    reason: str
    cell: int | None = None
    exercise: str | None = None
    forged: bool = False
    fatal: bool = False
    signal: str = ""
    """The signal that ended the process, when the grader did not send it."""


class Interrupted(Exception):
    """A runner was ended by a signal the grader did not send (its name is the message): from
    the student's own code, or from another's without a sandbox, or the kernel out of memory.
    The lesson is graded again alone, never scored from the interrupted run."""


class _Forged(Exception):
    """A line that is not what the grader expects at this point."""


class _Ended(Exception):
    """The protocol pipe closed: the process is gone."""


class _Late(Exception):
    """No complete line before the deadline."""


def run_lesson(
    sandbox: Sandbox,
    cells: list[Cell],
    requests: dict[str, Request],
    labels: dict[str, str],
    limits: GradingLimits,
    retry_on_signal: bool = False,
) -> LessonRun:
    """Run ``cells`` in ``sandbox``, making each answer cell's ``requests``; never raises for
    anything the student's code does, except Interrupted with ``retry_on_signal`` when a runner
    is ended by a signal the grader did not send (without it, that is blamed on the code that
    was running, like any other way of stopping the process).

    ``labels`` names each exercise for messages ("exercise 3.2 (`grad_w0`)");
    ``limits.cell_seconds`` limits one cell, ``limits.lesson_seconds`` the whole lesson
    (restarts included), ``limits.student_text`` what the code's messages may hold.
    """
    result = LessonRun()
    answers = {cell.exercise: cell for cell in cells if cell.exercise}
    if sum(len(cell.code.encode(errors="replace")) for cell in cells) > limits.code_bytes:
        for name in answers:
            result.exercises[name] = ExerciseRun(
                failure=f"the notebook holds more than {limits.code_bytes // 1024**2} MB of code",
                incident=True,
            )
        return result
    timeout = limits.lesson_seconds
    deadline = time.monotonic() + timeout
    skipped: set[int] = set()
    while pending := [name for name in answers if name not in result.exercises]:
        if time.monotonic() >= deadline:
            for name in pending:
                result.exercises[name] = ExerciseRun(failure=_out_of_time(timeout), incident=True)
            break
        last = max(answers[name].number for name in pending)
        plan = [cell for cell in cells if cell.number not in skipped and cell.number <= last]
        result.starts += 1
        stop = _Session(sandbox, plan, requests, result.exercises, limits, deadline).run()
        if stop is None:
            continue
        if stop.signal and retry_on_signal:
            raise Interrupted(stop.signal)
        if time.monotonic() >= deadline:
            stop = _Stop(_out_of_time(timeout), fatal=True)
        if stop.fatal:
            for name in pending:
                result.exercises[name] = ExerciseRun(failure=stop.reason, incident=True)
            break
        answer = next((c for c in answers.values() if c.number == stop.cell), None)
        if stop.cell is not None:
            skipped.add(stop.cell)
        if stop.exercise is not None:
            where = f"during {labels[stop.exercise]}, while its function was being called"
        elif answer is not None:
            where = f"during {labels[answer.exercise]}, in its answer cell"
        else:
            where = f"in cell {stop.cell}"
        reason = stop.reason.replace("{where}", where)
        target = stop.exercise or (answer.exercise if answer is not None else None)
        if target is not None and (target not in result.exercises or stop.forged):
            result.exercises[target] = ExerciseRun(
                failure=reason, forged=stop.forged, incident=True
            )
        else:
            result.notes.append(f"{reason}; the lesson was graded without that cell")
    return result


class _Session:
    """One runner process, from start to the last answer cell or the first problem."""

    def __init__(
        self,
        sandbox: Sandbox,
        plan: list[Cell],
        requests: dict[str, Request],
        decided: dict[str, ExerciseRun],
        limits: GradingLimits,
        deadline: float,
    ) -> None:
        self.sandbox, self.plan, self.requests, self.decided = sandbox, plan, requests, decided
        self.cell_timeout, self.deadline = limits.cell_seconds, deadline
        self.text_limit = limits.student_text
        self.visible: dict[str, tuple[list[list[Outcome]], str]] = {}
        """The visible outcomes of the exercises whose hidden calls are still to come."""
        self.buffer = b""
        self.received = 0
        self.ended = False
        """The process closed its channel (it has ended, or is ending)."""

    def run(self) -> _Stop | None:
        try:
            self.process = self.sandbox.start([limits_argument(self.sandbox.limits)])
        except OSError as error:
            return _Stop(f"the grading sandbox could not start: {error}", fatal=True)
        try:
            stop = self._drive()
            if stop is not None and "{ending}" in stop.reason:
                stop.reason = stop.reason.replace("{ending}", self.process.ending(wait=2.0))
            if stop is not None and self.ended:  # before the grader kills it, below
                wait = min(2.0, self.deadline - time.monotonic())
                stop.signal = self.process.signal(wait=max(0.0, wait))
            return stop
        finally:
            self.process.kill()

    def _drive(self) -> _Stop | None:
        cells = [{"cell": c.number, "code": c.code, "exercise": c.exercise} for c in self.plan]
        if not self._send(_line({"cells": cells}), START_TIMEOUT):
            return self._failed_start()
        previous: Cell | None = None
        for cell in self.plan:
            first = previous is None
            try:
                self._expect({"event": "start", "cell": cell.number}, first)
            except _Ended:
                if first:
                    return self._failed_start()
                return self._blame(previous, "stopped the Python process ({ending}) {where}")
            except _Late:
                if first:
                    return self._failed_start()
                return self._blame(previous, "left the grader waiting {where}")
            except _Forged:
                if first:
                    return self._failed_start()
                return self._blame(previous, _FORGED, forged=True)
            try:
                end = self._event("end", cell.number, self.cell_timeout)
            except _Ended:
                return _Stop(_STOPPED, cell.number)
            except _Late:
                return _Stop(
                    f"the code did not finish within {self.cell_timeout:g} s {{where}} "
                    f"(a loop that never ends?)",
                    cell.number,
                )
            except _Forged:
                return _Stop(_FORGED, cell.number, forged=True)
            previous = cell
            if cell.exercise is not None:
                stop = self._exercise(cell, end.get("error", ""))
                if stop is not None:
                    return stop
        return self._hidden(previous)

    def _hidden(self, last: Cell | None) -> _Stop | None:
        """Every cell has run and every visible call come back: now the hidden calls."""
        if last is None:
            return None
        try:
            self._expect({"event": "hidden"}, first=False)
        except _Ended:
            return self._blame(last, _STOPPED)
        except _Late:
            return self._blame(last, "the code left the grader waiting {where}")
        except _Forged:
            return self._blame(last, _FORGED, forged=True)
        for name, (visible, cell_error) in self.visible.items():
            request = self.requests[name]
            message = request.message(request.hidden, exercise=name)
            if not self._send(message, STEP_TIMEOUT):
                return _Stop(_HIDDEN_STOPPED, None, name)
            try:
                hidden = self._outcomes(request.hidden)
                if self._json(time.monotonic() + STEP_TIMEOUT) != {
                    "event": "answered",
                    "exercise": name,
                }:
                    raise _Forged
            except _Ended:
                return _Stop(_HIDDEN_STOPPED, None, name)
            except _Late:
                return _Stop("the hidden calls did not come back in time {where}", None, name)
            except _Forged:
                return _Stop(_FORGED, None, name, forged=True)
            self.decided[name] = ExerciseRun([*visible, *hidden], cell_error=cell_error)
        return None

    def _outcomes(self, batches: tuple[tuple[list[tuple], list[float]], ...]) -> list:
        """The outcomes of ``batches``, one list per batch, each batch within its seconds."""
        outcomes = []
        for calls, timeouts in batches:
            deadline = time.monotonic() + batch_seconds(timeouts)
            outcomes.append([self._outcome(deadline) for _ in calls])
        return outcomes

    def _exercise(self, cell: Cell, cell_error: str) -> _Stop | None:
        name = cell.exercise
        try:
            ready = self._event("ready", None, STEP_TIMEOUT, exercise=name)
        except _Ended:
            return _Stop(_STOPPED, cell.number)
        except _Late:
            return _Stop("the code left the grader waiting {where}", cell.number)
        except _Forged:
            return _Stop(_FORGED, cell.number, forged=True)
        request = self.requests[name]
        if name in self.decided or not ready["defined"]:
            if name not in self.decided:
                self.decided[name] = ExerciseRun(
                    failure=f"`{name}` is not defined after its answer cell ran"
                    + (f" (the cell raised {cell_error})" if cell_error else ""),
                    cell_error=cell_error,
                )
            if not self._send(_line({"skip": True}), STEP_TIMEOUT):
                return _Stop("the code left the grader waiting {where}", cell.number)
            return None
        if not self._send(request.message(request.visible), STEP_TIMEOUT):
            return _Stop("the code stopped reading the grader's calls {where}", cell.number)
        try:
            visible = self._outcomes(request.visible)
        except _Ended:
            return _Stop(_STOPPED, None, name)
        except _Late:
            return _Stop("the calls did not come back in time {where}", None, name)
        except _Forged:
            return _Stop(_FORGED, None, name, forged=True)
        self.visible[name] = (visible, cell_error)
        return None

    # reading and writing ---------------------------------------------------------------

    def _failed_start(self) -> _Stop:
        ending = self.process.ending(wait=1.0)
        detail = self.process.first_error_line() or ending
        return _Stop(f"the grading sandbox failed to start: {detail}", fatal=True)

    def _blame(self, cell: Cell, reason: str, forged: bool = False) -> _Stop:
        """A problem between cells: the code of the cell that ran last is the only suspect
        (forged messages right after an exercise's outcomes void that exercise)."""
        return _Stop(reason, cell.number, forged=forged)

    def _expect(self, wanted: dict, first: bool) -> None:
        timeout = START_TIMEOUT if first else STEP_TIMEOUT
        if self._json(time.monotonic() + timeout) != wanted:
            raise _Forged

    def _event(self, kind: str, cell: int | None, timeout: float, exercise: str = "") -> dict:
        event = self._json(time.monotonic() + timeout)
        if kind == "end":
            valid = set(event) == {"event", "cell", "error"} and type(event["error"]) is str
            valid = valid and event["cell"] == cell and type(event["cell"]) is int
        else:
            valid = set(event) == {"event", "exercise", "defined"}
            valid = valid and event["exercise"] == exercise and type(event["defined"]) is bool
        if not valid or event["event"] != kind:
            raise _Forged
        if kind == "end":
            event["error"] = one_line(event["error"], self.text_limit)
        return event

    def _json(self, deadline: float) -> dict:
        try:
            event = json.loads(self._line(deadline))
        except (ValueError, RecursionError):
            raise _Forged from None
        if not isinstance(event, dict):
            raise _Forged
        return event

    def _outcome(self, deadline: float) -> Outcome:
        try:
            outcome = Outcome.from_json(self._line(deadline))
        except plain.PlainDataError:
            raise _Forged from None
        return bounded(outcome, self.text_limit)

    def _line(self, deadline: float) -> bytes:
        deadline = min(deadline, self.deadline)
        while b"\n" not in self.buffer:
            if len(self.buffer) > MAX_LINE or self.received > MAX_TOTAL:
                raise _Forged
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Late
            ready, _, _ = select.select([self.process.protocol], [], [], remaining)
            if not ready:
                raise _Late
            chunk = os.read(self.process.protocol, 1 << 16)
            if not chunk:
                self.ended = True
                raise _Ended
            self.received += len(chunk)
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        if len(line) > MAX_LINE:
            raise _Forged
        return line

    def _send(self, data: bytes, timeout: float) -> bool:
        """Write ``data`` to the runner's stdin; False when it stops reading or is gone."""
        stdin = self.process.popen.stdin.fileno()
        os.set_blocking(stdin, False)
        deadline = min(time.monotonic() + timeout, self.deadline)
        view = memoryview(data)
        while view:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([], [stdin], [], remaining)[1]:
                return False
            try:
                written = os.write(stdin, view)
            except BlockingIOError:
                continue
            except OSError:  # the process is gone (broken pipe)
                self.ended = True
                return False
            view = view[written:]
        return True


def _out_of_time(timeout: float) -> str:
    return f"grading of the lesson stopped after {timeout:g} s"


_STOPPED = "the code stopped the Python process ({ending}) {where}"
_HIDDEN_STOPPED = "the code stopped the Python process {where}, on the hidden cases"


def bounded(outcome: Outcome, limit: int) -> Outcome:
    """``outcome`` with what the student's code wrote (its exception, the line it points at)
    cut to one line of at most ``limit`` characters, and what it printed dropped: that is
    what reaches a page."""
    return replace(
        outcome,
        error=one_line(outcome.error, limit),
        where=one_line(outcome.where, limit) and " " + one_line(outcome.where, limit),
        output="",
    )


_FORGED = "the code wrote to the grader's private channel {where} (forged messages earn nothing)"


def _line(message: dict) -> bytes:
    return (json.dumps(message, separators=(",", ":")) + "\n").encode()
