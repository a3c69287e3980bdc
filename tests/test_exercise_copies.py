"""Run All in the exercise copy: every unanswered exercise shows its ✘ and the rest of the lesson
still runs (issue 21, part 2).

Each exercise copy is executed once, top to bottom in a fresh kernel (``tools/exercise_copies.py``,
about a minute for the ten lessons). The checks must fail, each with its own ``ExerciseFailed``
(the ✘), and every other cell must succeed: after each exercise the lesson's own cells use the
package's tested function (``mc.X``), never the learner's, and a prediction recorded from the
learner's function is None until the exercise is answered.
"""

import subprocess
import sys

import exercise_copies
import nbformat
import pytest

from mlcourse import lessons
from mlcourse.instructor import tagging

WORKED = lessons.worked_lessons()


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Each lesson's exercise copy after Run All, executed on first use and kept."""
    done = {}
    workdir = tmp_path_factory.mktemp("exercise-copies")

    def run(path):
        if path.stem not in done:
            done[path.stem] = exercise_copies.run(path, workdir)
        return done[path.stem]

    return run


@pytest.mark.parametrize("path", WORKED, ids=lambda p: p.stem)
def test_every_unanswered_exercise_shows_its_cross(runs, path):
    run = runs(path)
    checks, answers, hidden = (run.exercise_cells(r) for r in ("check", "answer", "hidden"))
    assert len(checks) == len(answers) == len(hidden) >= 2
    for index in checks:
        assert run.errors(index) == ["ExerciseFailed"], f"cell {index + 1}"
        tags = run.notebook.cells[index].metadata.get("tags", [])
        assert tagging.RAISES_EXCEPTION in tags, "Run All would stop at this check"
    for index in answers + hidden:
        assert run.errors(index) == [], f"cell {index + 1}"


@pytest.mark.parametrize("path", WORKED, ids=lambda p: p.stem)
def test_every_cell_outside_the_exercises_runs_in_the_exercise_copy(runs, path):
    failures = runs(path).failures
    assert not failures, "\n".join(f.describe() for f in failures)


def stored_check(tmp_path, source):
    """A one-cell lesson whose tagged check cell is stored as passing ("✔ right")."""
    cell = nbformat.v4.new_code_cell(source, execution_count=1)
    cell.metadata["tags"] = [tagging.RAISES_EXCEPTION]
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="✔ right\n")]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = tmp_path / f"lesson_{len(list(tmp_path.iterdir()))}.ipynb"
    nbformat.write(notebook, path)
    return path


def test_a_tagged_check_that_fails_in_the_worked_lesson_still_fails_nbval(tmp_path):
    """The tag lets Run All go on; it must not let a broken worked lesson pass CI: nbval still
    compares the cell's outputs, and a check that raises has lost its ✔."""

    def nbval(path):
        command = [sys.executable, "-m", "pytest", "--nbval", "-p", "no:cacheprovider"]
        return subprocess.run(
            [*command, "-o", "addopts=", str(path)], capture_output=True, text=True, cwd=tmp_path
        )

    passing = nbval(stored_check(tmp_path, "print('✔ right')"))
    assert passing.returncode == 0, passing.stdout
    failing = nbval(stored_check(tmp_path, "raise AssertionError('✘ wrong')"))
    assert failing.returncode == 1 and "Missing output fields" in failing.stdout, failing.stdout
