"""The grader's side of a lesson run: whatever the student's code writes to the grader's channel,
or however the runner ends, the grader says what happened and never accepts more than the
function itself returned. The runner here is the real one, in a plain child process (the protocol
is the same inside bubblewrap; tests/test_grading.py runs it there)."""

import sys

import numpy as np
import pytest

from mlcourse.instructor import sandbox, session
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


def lesson(*cells, timeout=60.0, cell_timeout=5.0):
    """Run code cells; `double` and `half` are exercises when a cell defines them."""
    numbered = [
        Cell(
            i + 1,
            code,
            next((name for name in LABELS if f"def {name}(" in code), None),
        )
        for i, code in enumerate(cells)
    ]
    requests = {name: REQUEST for name in LABELS}
    return run_lesson(PROCESSES, numbered, requests, LABELS, cell_timeout, timeout)


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
    run = lesson(
        "import time\ntime.sleep(1.5)",
        "def double(x):\n    return 1.0\nimport time\ntime.sleep(1.5)",
        "def half(x):\n    return 0.5",
        timeout=2.0,
        cell_timeout=10.0,
    )
    for name in LABELS:
        assert run.exercises[name].failure == "grading of the lesson stopped after 2 s"
