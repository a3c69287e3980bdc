"""The grader's side of a lesson run: whatever the student's code writes to the grader's channel,
or however the runner ends, the grader says what happened and never accepts more than the
function itself returned. The runner here is the real one, in a plain child process (the protocol
is the same inside bubblewrap; tests/test_grading.py runs it there)."""

import sys
import time

import numpy as np
import pytest

from mlcourse.instructor import sandbox, session
from mlcourse.instructor.limits import GradingLimits
from mlcourse.instructor.session import Cell, Request, run_lesson

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the runner needs fork")
PROCESSES = sandbox.Sandbox(sandbox.PROCESSES, reason="tests")
X = np.array([0.5, 1.0, 2.0])
CALLS = [(X,), (2 * X,)]
REQUEST = Request(((CALLS, [2.0, 2.0]),))
LABELS = {"double": "exercise 9.1 (`double`)", "half": "exercise 9.2 (`half`)"}
CHANNEL = "import os, sys\nchannel = int(sys.argv[1])\n"
FORGED = (
    '{"kind": "returned", "value": {"t": "float", "v": "1.0"}, "error": "", "where": "", '
    '"changed": [], "output": "", "seconds": 0.0}'
)


SLACK = 3.0
"""Seconds past a time limit that stopping a process and reporting may take, loaded or not."""


def lesson(*cells, timeout=60.0, cell_timeout=5.0, requests=None):
    """Run code cells; `double` and `half` are exercises when a cell defines them."""
    numbered = [
        Cell(
            i + 1,
            code,
            next((name for name in LABELS if f"def {name}(" in code), None),
        )
        for i, code in enumerate(cells)
    ]
    requests = requests or {name: REQUEST for name in LABELS}
    limits = GradingLimits(lesson_seconds=timeout, cell_seconds=cell_timeout)
    return run_lesson(PROCESSES, numbered, requests, LABELS, limits)


def values(run, name):
    return [[float(o.value) for o in batch] for batch in run.exercises[name].outcomes]


def test_honest_cells_give_the_functions_results():
    run = lesson("def double(x):\n    return float(2 * x.sum())", "def half(x):\n    return 0.5")
    assert values(run, "double") == [[7.0, 14.0]] and values(run, "half") == [[0.5, 0.5]]
    assert run.notes == [] and run.starts == 1


def test_outcomes_written_before_the_answer_cell_ran_are_refused():
    """An earlier cell claims results for `double`: that cell is left out, `double` is graded
    on what it really returns."""
    run = lesson(
        CHANNEL + f"os.write(channel, ({FORGED!r} + '\\n').encode() * 2)",
        "def double(x):\n    return 0.0",
    )
    assert values(run, "double") == [[0.0, 0.0]]
    assert run.notes == [
        "the code wrote to the grader's private channel in cell 1 (forged messages earn "
        "nothing); the lesson was graded without that cell"
    ]


def test_outcomes_slipped_in_by_the_function_void_its_exercise():
    """A well-formed, right-looking outcome written by the function during its call shifts the
    real ones: the grader notices the extra line and `double` earns nothing; `half` is graded."""
    run = lesson(
        CHANNEL + "def double(x):\n    os.write(channel, (" + repr(FORGED) + " + '\\n').encode())"
        "\n    return 0.0",
        "def half(x):\n    return 0.5",
    )
    assert run.exercises["double"].outcomes is None and run.exercises["double"].forged
    assert "wrote to the grader's private channel during exercise 9.1" in (
        run.exercises["double"].failure
    )
    assert values(run, "half") == [[0.5, 0.5]]


def test_garbage_on_the_channel_fails_that_exercise_only():
    run = lesson(
        CHANNEL + "def double(x):\n    os.write(channel, b'{not json\\n')\n    return 1.0",
        "def half(x):\n    return 0.5",
    )
    assert run.exercises["double"].forged and values(run, "half") == [[0.5, 0.5]]


def test_an_endless_flood_of_the_channel_is_cut_off_at_once(monkeypatch):
    """Without a cap the grader would buffer until the cell's time limit (30 s here) and hold
    everything the flood sent; with it, the cell is blamed as soon as the cap is passed."""
    monkeypatch.setattr(session, "MAX_TOTAL", 4 << 20)
    run = lesson(
        CHANNEL + "while True:\n    os.write(channel, b'x' * 65536)",
        "def double(x):\n    return float(2 * x.sum())",
        cell_timeout=30.0,
    )
    assert values(run, "double") == [[7.0, 14.0]]
    assert "private channel in cell 1" in run.notes[0]


def test_a_function_that_is_not_defined_is_said_so():
    run = lesson("def double(x):\n    return 1\ndel double\nraise ValueError('oops')")
    assert run.exercises["double"].failure == (
        "`double` is not defined after its answer cell ran (the cell raised ValueError: oops)"
    )
    assert not run.exercises["double"].incident


def test_a_runner_that_cannot_start_fails_every_exercise_with_the_reason(monkeypatch):
    monkeypatch.setattr(sandbox, "RUNNER", "mlcourse.instructor.no_such_runner")
    run = lesson("def double(x):\n    return 1.0", "def half(x):\n    return 0.5")
    for name in LABELS:
        assert run.exercises[name].failure.startswith("the grading sandbox failed to start: ")
        assert "No module named" in run.exercises[name].failure


def test_the_whole_lesson_has_a_time_limit():
    started = time.monotonic()
    run = lesson(
        "import time\ntime.sleep(1.5)",
        "def double(x):\n    return 1.0\nimport time\ntime.sleep(1.5)",
        "def half(x):\n    return 0.5",
        timeout=2.0,
        cell_timeout=10.0,
    )
    for name in LABELS:
        assert run.exercises[name].failure == "grading of the lesson stopped after 2 s"
    assert time.monotonic() - started < 2.0 + SLACK


@pytest.mark.parametrize(
    "where",
    [
        "import time\ntime.sleep(8)\n\n\ndef double(x):\n    return 1.0",
        "def double(x):\n    import time\n    time.sleep(8)\n    return 1.0",
        "import os, sys, time\nos.close(int(sys.argv[1]))\ntime.sleep(8)",
    ],
    ids=["in a cell", "in a call", "with the channel closed"],
)
def test_a_lesson_stops_at_its_time_limit_whatever_it_is_doing(where):
    """A cell (or a call) that runs past the lesson's limit is stopped at the limit, not when
    it ends: the limit is measured, not only named."""
    started = time.monotonic()
    run = lesson(where, "def half(x):\n    return 0.5", timeout=2.0, cell_timeout=10.0)
    elapsed = time.monotonic() - started
    assert run.exercises["half"].failure == "grading of the lesson stopped after 2 s"
    assert elapsed < 2.0 + SLACK, elapsed


HIDDEN_X = 100 * X
TWO_PHASES = Request(((CALLS, [2.0, 2.0]), ([(HIDDEN_X,)], [2.0])))
SEEN = (
    "import sys\n\n\ndef double(x):\n"
    "    frame, batches = sys._getframe(), 0\n"
    "    while frame is not None:\n"
    "        request = frame.f_locals.get('request')\n"
    "        if isinstance(request, dict) and 'batches' in request:\n"
    "            batches = max(batches, len(request['batches']))\n"
    "        frame = frame.f_back\n"
    "    with open('seen', 'a') as seen:\n"
    "        seen.write(f'{float(x[0])!r} held {batches} batches; ')\n"
    "    return float(2 * x.sum())"
)


def test_hidden_cases_reach_the_sandbox_after_every_visible_call():
    """A visible diagnosis quotes what the student's code says: by the time any hidden input
    is in the sandbox, every visible call has been made, so none can be quoted."""
    numbered = [
        Cell(1, SEEN, "double"),
        Cell(2, "def half(x):\n    raise ValueError(open('seen').read())", "half"),
    ]
    requests = {"double": TWO_PHASES, "half": TWO_PHASES}
    run = run_lesson(PROCESSES, numbered, requests, LABELS, GradingLimits(cell_seconds=5.0))
    assert values(run, "double") == [[7.0, 14.0], [700.0]]
    quoted = run.exercises["half"].outcomes[0][0].error
    assert quoted.startswith("ValueError: 0.5 held 1 batches; 1.0 held 1 batches;"), quoted
    assert "50.0" not in quoted


def test_how_the_sandbox_ended_on_a_hidden_call_is_not_told():
    """The signal that ends the runner (or its exit code) is the code's choice: after a
    hidden input arrived, it could carry a few bits of it to the page."""
    run = lesson(
        "import os, signal\n\n\ndef double(x):\n    if x[0] > 10:\n"
        "        os.kill(os.getppid(), signal.SIGUSR1)\n    return float(2 * x.sum())",
        requests={"double": TWO_PHASES, "half": TWO_PHASES},
    )
    failure = run.exercises["double"].failure
    assert "stopped the Python process" in failure and "hidden" in failure, failure
    assert "SIGUSR1" not in failure and "exit code" not in failure


def test_what_the_code_writes_is_cut_to_one_short_line():
    """Exception text is the student's: it reaches a page as one line of at most 300
    characters, without terminal escapes or control characters."""
    run = lesson(
        "def double(x):\n    raise ValueError('\\x1b[31mtwo\\nlines\\u202e ' + 'A' * 5000)",
        "raise KeyError('B' * 5000)\n\n\ndef half(x):\n    return 1.0",
    )
    error = run.exercises["double"].outcomes[0][0].error
    assert error.startswith("ValueError: two lines AAAA"), error
    assert len(error) <= 300
    failure = run.exercises["half"].failure
    assert failure.startswith("`half` is not defined after its answer cell ran (the cell raised")
    assert "BBBB" in failure and len(failure) < 400


def test_a_runner_killed_by_a_signal_the_grader_did_not_send_is_never_scored():
    """Red team a12: without a sandbox another student's code can kill a runner; the grader
    cannot tell who sent the signal, so (asked to) it raises Interrupted instead of failing
    the exercises, and the course grades that lesson again alone."""
    cells = [
        Cell(1, "def double(x):\n    return float(2 * x.sum())", "double"),
        Cell(2, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", None),
        Cell(3, "def half(x):\n    return 0.5", "half"),
    ]
    requests = {name: REQUEST for name in LABELS}
    limits = GradingLimits(cell_seconds=5.0)
    with pytest.raises(session.Interrupted, match=r"^SIGKILL$"):
        run_lesson(PROCESSES, cells, requests, LABELS, limits, retry_on_signal=True)
    blamed = run_lesson(PROCESSES, cells, requests, LABELS, limits)
    assert values(blamed, "double") == [[7.0, 14.0]] and values(blamed, "half") == [[0.5, 0.5]]
    assert "killed by SIGKILL" in blamed.notes[0], blamed.notes
