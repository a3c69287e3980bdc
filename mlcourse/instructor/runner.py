"""Run one student's lesson inside the grading sandbox and report to the grader.

    python -I -B -m mlcourse.instructor.runner PROTOCOL_FD LIMITS

The grader (:mod:`mlcourse.instructor.session`) starts this program in a sandbox, writes one JSON
line to its stdin, ``{"cells": [{"cell": 4, "code": "...", "exercise": "grad_w1" or null}, ...]}``,
and reads events from the pipe ``PROTOCOL_FD``, one JSON line each:

- ``{"event": "start", "cell": 4}`` before a cell runs and ``{"event": "end", "cell": 4,
  "error": "..."}`` after it (``error`` is empty unless the cell raised);
- after an answer cell, ``{"event": "ready", "exercise": "grad_w1", "defined": true}``; the runner
  then reads one line from stdin, ``{"skip": true}`` or ``{"batches": [{"calls": ...,
  "timeouts": [...]}], "forbidden": [...]}`` (the visible calls, as :mod:`mlcourse.plain` JSON),
  makes each batch of calls with :func:`mlcourse.feedback.run_calls` and writes one
  :meth:`Outcome.to_json` line per call;
- after the last cell, ``{"event": "hidden"}``; then, for each exercise whose visible calls were
  made, it reads ``{"exercise": "grad_w1", "batches": [...], "forbidden": [...]}`` (the hidden
  calls), makes them on the function the answer cell defined, writes their outcomes and
  ``{"event": "answered", "exercise": "grad_w1"}``, until stdin ends.

The hidden calls come last so that nothing the code says during the visible ones (which the
feedback quotes) can hold a hidden input.

What the student's code prints goes to /dev/null. Student code runs in this very process, so it
can tamper with anything here, this module included: the grader trusts none of it, validates
every line and accepts outcomes only for the calls it sent, when it expects them.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import linecache
import os
import sys
from typing import Any

MAX_ERROR = 500
"""Characters of a cell's exception kept in its "end" event."""


def set_limits(limits: dict[str, int]) -> None:
    """Lower this process's resource limits (inherited by everything it starts; a process
    without privileges cannot raise them again)."""
    try:
        import resource
    except ImportError:  # Windows: the grader's time limits still apply
        return
    wanted = {
        "RLIMIT_AS": limits.get("memory"),
        "RLIMIT_CPU": limits.get("cpu"),
        "RLIMIT_FSIZE": limits.get("file_size"),
        "RLIMIT_NPROC": limits.get("processes"),
        "RLIMIT_CORE": 0,
    }
    for name, value in wanted.items():
        number = getattr(resource, name, None)
        if number is None or value is None:
            continue
        _, hard = resource.getrlimit(number)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        # Some platforms refuse some limits (RLIMIT_AS on macOS): the time limits still hold.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(number, (value, value))


class Shell:
    """What ``get_ipython()`` gives a cell whose IPython syntax the grader turned into calls:
    magics and shell commands do nothing (``%matplotlib inline`` included: plots go to Agg),
    except that the body of a ``%%time``-like cell magic still runs."""

    RUN_BODY = frozenset({"time", "timeit", "capture", "prun"})

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.user_ns = namespace

    def run_line_magic(self, name: str, line: str, *args: Any, **kwargs: Any) -> None:
        return None

    def run_cell_magic(self, name: str, line: str, cell: str) -> None:
        if name in self.RUN_BODY:
            exec(compile(cell, "<cell magic>", "exec"), self.user_ns)

    def system(self, command: str) -> None:
        return None

    def getoutput(self, command: str, *args: Any, **kwargs: Any) -> list[str]:
        return []


def display(*objects: Any, **kwargs: Any) -> None:
    """IPython's ``display``, which notebooks use without importing it: shows nothing here."""


def describe(error: BaseException) -> str:
    try:
        message = str(error)
    except Exception:  # a student's exception whose __str__ raises
        message = ""
    text = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return text[:MAX_ERROR]


def run_cell(code: str, number: int, namespace: dict[str, Any]) -> str:
    """Run one cell's code in ``namespace``; return what it raised, in one line, or ""."""
    filename = f"<cell {number}>"
    # So that a diagnosis can quote the line of the student's cell where an error happened.
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    try:
        exec(compile(code, filename, "exec"), namespace)
    except BaseException as error:  # sys.exit() and KeyboardInterrupt end a cell, not the run
        return describe(error)
    return ""


def main(protocol_fd: int, limits: dict[str, int]) -> None:
    from mlcourse import plain
    from mlcourse.feedback import run_calls

    protocol = os.fdopen(protocol_fd, "w", buffering=1)

    def send(event: dict[str, Any]) -> None:
        protocol.write(json.dumps(event) + "\n")
        protocol.flush()

    requests = sys.stdin.buffer
    plan = json.loads(requests.readline())
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    set_limits(limits)
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
    shell = Shell(namespace)
    namespace.update(get_ipython=lambda: shell, display=display)

    def answer(function: Any, request: dict[str, Any]) -> None:
        for batch in request["batches"]:
            calls = plain.decode(batch["calls"])
            for outcome in run_calls(function, calls, batch["timeouts"], request["forbidden"]):
                protocol.write(outcome.to_json() + "\n")
            protocol.flush()

    functions: dict[str, Any] = {}
    for cell in plan["cells"]:
        send({"event": "start", "cell": cell["cell"]})
        error = run_cell(cell["code"], cell["cell"], namespace)
        send({"event": "end", "cell": cell["cell"], "error": error})
        name = cell["exercise"]
        if name is None:
            continue
        function = namespace.get(name)
        send({"event": "ready", "exercise": name, "defined": function is not None})
        request = json.loads(requests.readline())
        if request.get("skip"):
            continue
        functions[name] = function
        answer(function, request)
    send({"event": "hidden"})
    while line := requests.readline():
        request = json.loads(line)
        answer(functions[request["exercise"]], request)
        send({"event": "answered", "exercise": request["exercise"]})


if __name__ == "__main__":
    main(int(sys.argv[1]), json.loads(sys.argv[2]))
