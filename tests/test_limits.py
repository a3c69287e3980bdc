"""A stage of grader-side work on student content runs in a worker held to its budget: it comes
back with its value, or with why not, and never takes the grader down with it."""

import os
import subprocess
import sys
import time

import pytest

from mlcourse.feedback import TimeLimitExceeded, time_limit
from mlcourse.instructor.limits import Budget, GradingLimits, MiB, run_stage

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="workers are forked")


def test_a_script_without_a_main_guard_can_grade(tmp_path):
    """Workers never import the caller's __main__: a script that runs a stage at its top level
    (as an instructor's script calling course.grade may) runs it once."""
    script = tmp_path / "script.py"
    script.write_text(
        "from mlcourse.instructor.limits import Budget, run_stage\n"
        "print(run_stage('adding', Budget(20, 2**29), max, 1, 2).value)\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout) == (0, "2\n"), done.stderr


BUDGET = Budget(seconds=20.0, memory=512 * MiB)


def add(a, b):
    return a + b


def sleep_then_return(seconds):
    time.sleep(seconds)
    return "finished"


def allocate(size):
    return len(bytearray(size))


def recurse(depth):
    return 0 if depth == 0 else 1 + recurse(depth - 1)


def crash():
    os.abort()


def raise_value_error():
    raise ValueError("a message that names the problem")


def sleep_within(limit):
    try:
        with time_limit(limit):
            time.sleep(30)
    except TimeLimitExceeded:
        return "stopped"
    return "slept"


def test_part_of_a_stage_can_have_a_time_limit_of_its_own():
    assert run_stage("sleeping", BUDGET, sleep_within, 0.5).value == "stopped"


def test_a_stage_returns_its_value():
    result = run_stage("adding", BUDGET, add, [1, 2], [3])
    assert result.ok and result.value == [1, 2, 3]


def test_a_stage_that_overruns_its_time_is_stopped():
    """It would return "finished" after 60 s: stopped at its budget, it returns nothing. The
    worker server is started first: starting it may itself take longer than the budget, which
    would stop the stage before the function ran and test nothing of the function's budget."""
    assert run_stage("adding", BUDGET, add, 1, 2).value == 3
    result = run_stage("sleeping", Budget(seconds=1.0, memory=BUDGET.memory), sleep_then_return, 60)
    assert result.value is None
    assert result.failure == "sleeping took longer than 1 s"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="address-space limits: Linux")
def test_a_stage_that_needs_more_memory_than_its_budget_fails_alone():
    assert run_stage("allocating", BUDGET, allocate, 64 * MiB).value == 64 * MiB
    result = run_stage("allocating", BUDGET, allocate, 4096 * MiB)
    assert result.failure == "allocating needed more than 0.5 GiB"


def test_a_stage_that_recurses_too_deeply_or_raises_says_so():
    assert run_stage("reading", BUDGET, recurse, 100).value == 100
    deep = run_stage("reading", BUDGET, recurse, 100_000)
    assert deep.failure == "reading failed (RecursionError: nested too deeply)"
    raised = run_stage("reading", BUDGET, raise_value_error)
    assert raised.failure == "reading failed (ValueError: a message that names the problem)"


def test_a_stage_that_crashes_takes_nothing_else_down():
    result = run_stage("rendering", BUDGET, crash)
    assert result.failure == "rendering stopped (its worker ended without an answer)"
    assert run_stage("adding", BUDGET, add, 1, 2).value == 3


def test_every_budget_is_described_for_the_report():
    line = GradingLimits().describe()
    for words in ("reading the notebook", "reading its code", "the feedback page", "64 MB"):
        assert words in line
