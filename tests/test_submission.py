"""A submission read against its source lesson by nbgrader cell ids: what runs, what answers
which exercise, and the notebook the grader keeps."""

import copy

import nbformat

from mlcourse.checks import EXERCISES
from mlcourse.instructor import course, grading, markers, submission, tagging
from mlcourse.instructor.limits import Budget, run_stage

LESSON = "03_gradients"


def source():
    notebook = nbformat.read(course.LESSONS / f"{LESSON}.ipynb", as_version=4)
    tagging.tag(notebook)
    return notebook


def index(notebook, grade_id):
    return next(i for i, c in enumerate(notebook.cells) if submission.nbgrader_id(c) == grade_id)


def test_exercises_come_from_the_source_metadata():
    exercises = submission.exercises_of(source(), LESSON)
    assert [e.name for e in exercises] == ["grad_w1", "grad_w0"]
    assert [e.label for e in exercises] == ["exercise 3.1 (`grad_w1`)", "exercise 3.2 (`grad_w0`)"]
    assert [(e.visible_points, e.hidden_points, e.visible_seed) for e in exercises] == [
        (1, 2, 0),
        (1, 2, 0),
    ]


def test_the_visible_seed_is_the_one_the_check_cell_passes():
    assert submission.visible_seed("checks.check_sse(sse, seed=5)", "sse") == 5
    assert submission.visible_seed("checks.check_sse(sse)", "sse") == 0


def test_graded_cells_and_cells_claiming_to_be_graded_never_run():
    notebook = source()
    fake = nbformat.v4.new_code_cell("raise SystemExit")
    fake.metadata["nbgrader"] = {"grade": True, "grade_id": "bonus", "points": 100}
    notebook.cells.insert(0, fake)
    copied = copy.deepcopy(notebook.cells[index(notebook, "grad_w1-answer")])
    copied.source = "def grad_w1(y, y_hat, x):\n    return 0.0"
    notebook.cells.insert(index(notebook, "grad_w0-answer"), copied)  # a second grad_w1 answer
    exercises = submission.exercises_of(source(), LESSON)
    cells, positions = submission.cells_to_run(notebook, exercises)
    codes = [cell.code for cell in cells]
    assert not any("SystemExit" in code or "checks.check_" in code for code in codes)
    assert cells[positions["grad_w1"]].code.endswith("return 0.0\n")  # the last answer counts
    assert cells[positions["grad_w1"]].number == index(notebook, "grad_w0-answer")
    assert [c.exercise for c in cells].count("grad_w1") == 1
    assert codes[0].startswith("get_ipython().run_line_magic('matplotlib', 'inline')")


def test_the_kept_notebook_restores_graded_cells_and_drops_student_outputs():
    original = source()
    notebook = copy.deepcopy(original)
    del notebook.cells[index(notebook, "grad_w0-check")]
    hidden = notebook.cells[index(notebook, "grad_w1-hidden")]
    hidden.source = "print('my own version of the hidden tests')"
    answer = notebook.cells[index(notebook, "grad_w1-answer")]
    answer.outputs = [nbformat.v4.new_output("stream", name="stdout", text="✔ all correct")]
    fake = nbformat.v4.new_code_cell("x = 1")
    fake.metadata["nbgrader"] = {"grade": True, "grade_id": "bonus", "points": 100}
    notebook.cells.append(fake)
    shown = {"grad_w0-check": [submission.passed_output("fine")]}
    kept = submission.autograded(notebook, original, shown)
    ids = [submission.nbgrader_id(c) for c in kept.cells]
    assert ids.index("grad_w0-check") == ids.index("grad_w0-answer") + 1
    assert "bonus" not in ids
    restored = kept.cells[ids.index("grad_w1-hidden")]
    assert restored.source == original.cells[index(original, "grad_w1-hidden")].source
    assert markers.has(restored.source, markers.HIDDEN_TESTS)  # the instructor's copy
    assert kept.cells[ids.index("grad_w0-check")].outputs == shown["grad_w0-check"]
    for cell in kept.cells:
        if cell.cell_type == "code" and submission.nbgrader_id(cell) != "grad_w0-check":
            assert cell.outputs == [], cell.source
    assert kept.cells[ids.index("grad_w1-answer")].source == answer.source
    nbformat.validate(kept)


def test_a_notebook_is_read_with_its_reason_when_it_cannot_be():
    exercises = submission.exercises_of(source(), LESSON)
    released = source()
    good = nbformat.writes(released).encode()
    prepared = submission.read_notebook(good, LESSON, exercises)
    assert isinstance(prepared, submission.Prepared)
    assert set(prepared.positions) == {"grad_w1", "grad_w0"}
    assert submission.read_notebook(b"{ not json", LESSON, exercises).startswith(
        "03_gradients.ipynb is not a valid notebook (NotJSONError"
    )
    surrogate = good.replace(b"def grad_w1", b"# \\ud800\\ndef grad_w1", 1)
    assert submission.read_notebook(surrogate, LESSON, exercises).startswith(
        "03_gradients.ipynb holds text that is not valid Unicode (a lone surrogate in cell "
    )
    stripped = copy.deepcopy(released)
    for cell in stripped.cells:
        cell.metadata = {}
    assert "has lost its nbgrader cell metadata" in submission.read_notebook(
        nbformat.writes(stripped).encode(), LESSON, exercises
    )


def test_reading_the_code_has_a_time_limit_within_the_reading():
    """Past it the notebook is still graded; its code is flagged as not read."""
    exercises = submission.exercises_of(source(), LESSON)
    data = nbformat.writes(source()).encode()
    forbidden = {e.name: EXERCISES[e.name].all_forbidden for e in exercises}
    budget = Budget(seconds=60, memory=2 * 1024**3)
    read = run_stage(
        "reading", budget, grading.read_submission, data, LESSON, exercises, forbidden, 1e-6
    )
    assert read.value.review.unreadable == {grading.ALL: "longer than 1e-06 s"}
    full = run_stage(
        "reading", budget, grading.read_submission, data, LESSON, exercises, forbidden, 30
    )
    assert full.value.review.unreadable == {}
    assert set(full.value.review.borrowed) == {"grad_w1", "grad_w0"}
