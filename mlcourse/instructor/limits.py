"""Every size cap and time budget of grading, in one place, and the worker that holds grader-side
work on student content to its budget.

Student code runs in the sandbox, under :class:`Limits`. What the grader does itself with a
submission runs in its own process and is just as exposed to what the submission holds: reading
and validating the notebook and turning IPython syntax into Python (``reading``), reading the
code for borrowed references (``analysis``), sanitising markdown, rendering the page and looking
for leaks in it (``page``). :func:`run_stage` runs each of those in a worker process with a time
and memory :class:`Budget`, killed from outside when it overruns, so a submission built to make
one of them slow or hungry (a 64 MB notebook, a markdown cell of misnested tags, a thousand
nested minus signs) costs its own grade a stage, never anyone else's time.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

LESSON_SECONDS = 300.0
"""Seconds the sandboxed run of one lesson may take in all (``mlcourse grade --timeout``)."""
CELL_SECONDS = 30.0
"""Seconds one cell may run in the sandbox (``--cell-timeout``)."""
GiB = 1024**3
MiB = 1024**2


@dataclass(frozen=True)
class Limits:
    """Resource limits of every process that runs student code."""

    memory: int = 4 * GiB
    """Bytes of address space per process (numpy's import alone takes about 1 GiB of it)."""
    cpu: int = 600
    """Seconds of CPU time per process."""
    file_size: int = 64 * MiB
    """Bytes any one file it writes may reach."""
    scratch: int = 256 * MiB
    """Bytes of the sandbox's tmpfs (bubblewrap only), the only place it can write."""
    extra_processes: int = 256
    """Processes it may start beyond those the grading user already runs (not enforced for
    root: Linux exempts root from this limit)."""

    def for_runner(self) -> dict[str, int]:
        """The limits the runner sets on itself, as it reads them from its command line."""
        limits = {"memory": self.memory, "cpu": self.cpu, "file_size": self.file_size}
        running = user_processes()
        if running is not None:
            limits["processes"] = running + self.extra_processes
        return limits

    def describe(self) -> str:
        processes = (
            "no limit on the number of processes (grading as root, which Linux exempts)"
            if hasattr(os, "getuid") and os.getuid() == 0
            else f"at most {self.extra_processes} processes more than the grading user runs"
        )
        return (
            f"{self.memory / GiB:g} GiB of memory and {self.cpu} s of CPU time per process, "
            f"files up to {self.file_size / MiB:g} MiB, {processes}"
        )


def user_processes() -> int | None:
    """How many processes and threads the grading user runs now (Linux); None for root, or
    where it cannot be counted."""
    if not hasattr(os, "getuid") or os.getuid() == 0 or not Path("/proc/self/status").exists():
        return None
    uid, count = str(os.getuid()), 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            fields = dict(
                line.split(":", 1) for line in (entry / "status").read_text().splitlines()
            )
            if fields.get("Uid", "").split()[:1] == [uid]:
                count += int(fields.get("Threads", "1"))
    return count


@dataclass(frozen=True)
class Budget:
    """What one stage of grader-side work on one submission may take."""

    seconds: float
    memory: int
    """Bytes of address space the worker may add to what it starts with."""

    def describe(self) -> str:
        return f"{self.seconds:g} s and {self.memory / GiB:g} GiB of memory"


@dataclass(frozen=True)
class GradingLimits:
    """The caps and budgets of one grading run; the defaults are what ``mlcourse grade`` uses."""

    sandbox: Limits = field(default_factory=Limits)
    lesson_seconds: float = LESSON_SECONDS
    cell_seconds: float = CELL_SECONDS
    notebook_bytes: int = 64 * MiB
    """The largest notebook read; a larger one is refused unread."""
    exchange_file_bytes: int = 64 * 1024
    """The largest ``timestamp.txt`` or ``submission_secret.txt`` read."""
    folder_entries: int = 10_000
    """Files and folders watched per student folder (more are refused unread)."""
    watched_bytes: int = 64 * MiB
    """Bytes of a student's other files (not a lesson's notebook or exchange files, which are
    always read) read and hashed before grading; the files beyond are watched for changes by
    their size, inode and times only, never read."""
    watched_seconds: float = 5.0
    """Seconds spent reading a student's other files before grading; past it, the same."""
    kept_bytes: int = 512 * MiB
    """Bytes of submissions kept in memory while grading (to grade and to restore them);
    beyond, a notebook is read again when its turn comes, and checked against its digest."""
    code_bytes: int = 4 * MiB
    """Bytes of code one submission may send to the sandbox."""
    markdown_chars: int = 20_000
    """A markdown cell longer than this is shown as plain text, not sanitised HTML (the
    sanitiser's time grows with the square of misnested tags)."""
    markdown_total: int = 200_000
    """Characters of markdown sanitised per page; the cells after that are shown as text."""
    page_cells: int = 1_000
    """Cells of a student's own shown on a feedback page (and kept in the autograded notebook);
    the graded cells are always shown, the others past the cap are counted, not shown."""
    page_chars: int = 1_000_000
    """Characters of a student's own cells shown on a page; past it, the same."""
    student_text: int = 300
    """Characters of text that student code wrote (an exception's message) that reach a page."""
    reading: Budget = Budget(seconds=60.0, memory=4 * GiB)
    """Parsing, validating and turning the notebook into cells to run."""
    analysis_seconds: float = 30.0
    """Reading its code for borrowed references and flags, in the same worker, after that."""
    page: Budget = Budget(seconds=120.0, memory=4 * GiB)

    def describe(self) -> str:
        """One line for the grading report: the budgets of the grader's own work."""
        return (
            f"The grader's own work on each submission has budgets too: reading the notebook "
            f"(at most {self.notebook_bytes // MiB} MB) {self.reading.describe()}, reading its "
            f"code {self.analysis_seconds:g} s more, the feedback page {self.page.describe()}."
        )


T = TypeVar("T")


@dataclass(frozen=True)
class StageResult(Generic[T]):
    """What a stage computed, or why it did not, in words ("… took longer than 30 s")."""

    value: T | None = None
    failure: str = ""

    @property
    def ok(self) -> bool:
        return not self.failure


PRELOAD = (
    "mlcourse.instructor.grading",
    "mlcourse.instructor.page",
    "mlcourse.instructor.redact",
    "mlcourse.instructor.static_analysis",
    "mlcourse.instructor.submission",
)
"""Imported once by the server that forks every worker: a stage then starts in milliseconds."""


class _Server:
    """The worker server of this grading process (:mod:`mlcourse.instructor.workers`)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.control: socket.socket | None = None

    def hand_over(self, channel: socket.socket) -> None:
        """Give the server one end of a stage's channel; start it (again) when needed."""
        with self.lock:
            for _ in range(2):
                if self.process is None or self.process.poll() is not None:
                    self._start()
                try:
                    socket.send_fds(self.control, [b"w"], [channel.fileno()])
                    return
                except OSError:
                    self.process = None
            raise RuntimeError("the grader's worker server cannot be started")

    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        argv = [sys.executable, "-m", "mlcourse.instructor.workers", str(theirs.fileno())]
        # Its output goes nowhere: a worker still finishing must not hold the grader's
        # stdout open (a caller waiting for the grader's output would wait for it too).
        self.process = subprocess.Popen(
            [*argv, *PRELOAD],
            pass_fds=(theirs.fileno(),),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        theirs.close()
        self.control = ours


_server = _Server()


def run_stage(name: str, budget: Budget, function: Callable[..., T], *args: Any) -> StageResult[T]:
    """``function(*args)`` in a worker process held to ``budget``; never raises for what the
    arguments hold.

    ``function`` must be a module-level function (it is sent to the worker by name), its
    arguments and result picklable. ``name`` says what the stage does, for the failure:
    "reading the notebook took longer than 60 s".
    """
    from mlcourse.instructor import workers

    ours, theirs = socket.socketpair()
    deadline = time.monotonic() + budget.seconds
    pid = None
    try:
        _server.hand_over(theirs)
        theirs.close()
        ours.settimeout(max(deadline - time.monotonic(), 0.001))
        (pid,) = workers.PID.unpack(workers.receive_exactly(ours, workers.PID.size))
        workers.send_message(ours, (function, args, budget.memory))
        ours.settimeout(max(deadline - time.monotonic(), 0.001))
        kind, payload = workers.receive_message(ours)
    except TimeoutError:
        return StageResult(failure=f"{name} took longer than {budget.seconds:g} s")
    except (EOFError, OSError):
        return StageResult(failure=f"{name} stopped ({_ending(pid)})")
    finally:
        theirs.close()
        ours.close()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    if kind == "value":
        return StageResult(payload)
    if kind == "memory":
        return StageResult(failure=f"{name} needed more than {budget.memory / GiB:g} GiB")
    return StageResult(failure=f"{name} failed ({payload})")


def _ending(pid: int | None) -> str:
    """How a worker that closed its channel ended, as far as the grader can tell."""
    return "its worker ended without an answer" if pid is not None else "no worker started"
