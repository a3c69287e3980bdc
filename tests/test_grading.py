"""The instructor workflow end to end on nbgrader: assign, hostile submissions, grade, feedback.

One course directory is built for the module: every lesson released, then a class of students
whose submissions of lesson 3 cover each way a submission can go wrong.
"""

import csv
import json
import re
import subprocess
import sys
from datetime import datetime

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader.validator import Validator

from mlcourse import checks
from mlcourse.instructor import config, course, tagging, worker

LESSON = "03_gradients"
DUE = datetime(2026, 12, 1, 12, 0)
NOTEBOOKS = sorted(course.LESSONS.glob("[0-9]*.ipynb"))
SOLUTION = re.compile(r"# BEGIN SOLUTION\n(.*?)# END SOLUTION", re.S)
HIDDEN = re.compile(r"# BEGIN HIDDEN TESTS\n(.*?)# END HIDDEN TESTS", re.S)


def mlcourse_command(*args, timeout=600):
    return subprocess.run(
        [sys.executable, "-m", "mlcourse.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    run = mlcourse_command("assign", str(root), "--due", DUE.isoformat(sep=" "))
    assert run.returncode == 0, run.stderr
    return root


def release(root, lesson):
    return nbformat.read(root / "release" / lesson / f"{lesson}.ipynb", as_version=4)


def cell_index(notebook, grade_id):
    return next(
        i
        for i, cell in enumerate(notebook.cells)
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id
    )


def solution_code(name):
    source = nbformat.read(course.LESSONS / f"{LESSON}.ipynb", as_version=4)
    answer = source.cells[cell_index_by_tag(source, name)].source
    return "\n".join(line for line in answer.splitlines() if "SOLUTION" not in line)


def cell_index_by_tag(notebook, name):
    tagging.tag(notebook)
    return cell_index(notebook, f"{name}-answer")


def answer(notebook, name, code):
    notebook.cells[cell_index(notebook, f"{name}-answer")].source = code


def correct(notebook):
    for name in ("grad_w1", "grad_w0"):
        answer(notebook, name, solution_code(name))


def hard_coded(notebook):
    """grad_w1 answers the visible check's cases from memory, and nothing else."""
    correct(notebook)
    cases = checks.EXERCISES["grad_w1"].cases(0)
    remembered = {len(y): -float(((y - y_hat) * x).sum()) for y, y_hat, x in cases}
    answer(notebook, "grad_w1", f"def grad_w1(y, y_hat, x):\n    return {remembered!r}[len(y)]")


def with_answer(code):
    def edit(notebook):
        correct(notebook)
        answer(notebook, "grad_w1", code)

    return edit


def delete_check(notebook):
    correct(notebook)
    del notebook.cells[cell_index(notebook, "grad_w0-check")]


def reorder(notebook):
    correct(notebook)
    i = cell_index(notebook, "grad_w1-answer")
    notebook.cells[i], notebook.cells[i + 1] = notebook.cells[i + 1], notebook.cells[i]


def strip_metadata(notebook):
    correct(notebook)
    for cell in notebook.cells:
        cell.metadata = {}


ON_TIME, LATE = "2026-11-30 10:00:00.000000 UTC", "2026-12-03 10:00:00.000000 UTC"
# student: (edit of the release, timestamp.txt, expected score or the start of the error)
CLASS = {
    "correct": (correct, ON_TIME, 6),
    "untouched": (None, ON_TIME, 0),
    "hard_coded": (hard_coded, None, 1 + 3),  # visible point only, for grad_w1
    "wrong_sign": (
        with_answer("def grad_w1(y, y_hat, x):\n    return np.sum((y - y_hat) * x)"),
        None,
        3,
    ),
    "raises": (with_answer("def grad_w1(y, y_hat, x):\n    return 1 / 0"), None, 3),
    "loops_in_function": (
        with_answer("def grad_w1(y, y_hat, x):\n    while True:\n        pass"),
        None,
        3,
    ),
    "loops_in_cell": (with_answer("while True:\n    pass"), None, 3),
    # nbclient gives up on the cell and the rest of the notebook still runs.
    "swallows_interrupts": (
        with_answer(
            "while True:\n    try:\n        pass\n    except KeyboardInterrupt:\n        pass"
        ),
        None,
        3,
    ),
    "deleted_check": (delete_check, None, 5),  # the deleted visible check earns nothing
    "reordered": (reorder, None, 5),  # the visible check ran before the answer existed
    "stripped_metadata": (strip_metadata, None, "03_gradients.ipynb has lost its nbgrader"),
    "bad_timestamp": (correct, "last tuesday", "timestamp.txt does not hold a date"),
    "not_json": ("{ this is not json", None, "03_gradients.ipynb is not a valid notebook"),
    "late": (correct, LATE, 6),
}


def hand_in(root, student, edit, stamp=None):
    """Put a student's lesson 3 in submitted/: the release changed by ``edit``, or raw text."""
    folder = root / "submitted" / student / LESSON
    folder.mkdir(parents=True)
    if isinstance(edit, str):
        (folder / f"{LESSON}.ipynb").write_text(edit)
    else:
        notebook = release(root, LESSON)
        if edit:
            edit(notebook)
        nbformat.write(notebook, folder / f"{LESSON}.ipynb")
    if stamp:
        (folder / "timestamp.txt").write_text(stamp)


@pytest.fixture(scope="module")
def graded(course_dir):
    for student, (edit, stamp, _) in CLASS.items():
        hand_in(course_dir, student, edit, stamp)
    # Short limits keep the test quick; the defaults are 30 s a cell and 300 s a submission.
    outcomes = course.grade(course_dir, timeout=25, cell_timeout=4)
    with (course_dir / "grades.csv").open() as file:
        rows = {row["student"]: row for row in csv.DictReader(file)}
    return {o.student: o for o in outcomes}, rows


def test_assign_makes_an_nbgrader_course(course_dir):
    written = (course_dir / "nbgrader_config.py").read_text()
    assert "c.CourseDirectory.course_id = 'mlcourse'" in written
    for path in NOTEBOOKS:
        assert (course_dir / "source" / path.stem / path.name).is_file()
        assert (course_dir / "release" / path.stem / path.name).is_file()
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gradebook:
        assert [a.name for a in gradebook.assignments] == [p.stem for p in NOTEBOOKS]
        assert gradebook.find_assignment(LESSON).duedate == DUE


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_release_holds_no_solution_and_no_hidden_test(course_dir, path):
    released = json.dumps(nbformat.read(course_dir / "release" / path.stem / path.name, 4).cells)
    source = nbformat.read(path, as_version=4)
    secrets = [
        line.strip()
        for cell in source.cells
        for block in SOLUTION.findall(cell.source) + HIDDEN.findall(cell.source)
        for line in block.splitlines()
        if line.strip()
    ]
    assert secrets
    for line in secrets:
        assert json.dumps(line)[1:-1] not in released, line
    assert "BEGIN HIDDEN TESTS" not in released and "BEGIN SOLUTION" not in released


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_solutions_pass_and_stubs_fail(course_dir, path):
    cfg = config.build(course_dir)
    source = Validator(config=cfg).validate(str(course_dir / "source" / path.stem / path.name))
    assert source == {}, source
    stubs = Validator(config=cfg, invert=True).validate(
        str(course_dir / "release" / path.stem / path.name)
    )
    # In the release a hidden-test cell is only its comment, which "passes"; the hidden tests
    # themselves fail on the stubs: the untouched submission below scores 0.
    passing = [
        cell["source"]
        for cell in stubs.get("passed", [])
        if not all(line.startswith("#") for line in cell["source"].splitlines())
    ]
    assert set(stubs) <= {"passed"} and passing == [], stubs


def test_lesson_metadata_is_what_the_tool_writes():
    for path in NOTEBOOKS:
        stored = nbformat.read(path, as_version=4)
        retagged = nbformat.read(path, as_version=4)
        exercises = tagging.tag(retagged)
        assert len(exercises) >= 2
        assert [c.metadata for c in stored.cells] == [c.metadata for c in retagged.cells], (
            f"{path.name}: run `make notebooks` to refresh its nbgrader metadata"
        )


@pytest.mark.parametrize("student", CLASS)
def test_each_submission_gets_a_defined_score_or_a_clear_error(graded, student):
    outcomes, rows = graded
    expected = CLASS[student][2]
    outcome, row = outcomes[student], rows[student]
    if isinstance(expected, str):
        assert outcome.error.startswith(expected), outcome.error
        assert row["status"].startswith(f"error: {expected}") and row["score"] == ""
    else:
        assert not outcome.error, outcome.error
        assert (outcome.score, outcome.max_score) == (expected, 6)
        assert row["status"] == "graded" and float(row["score"]) == expected
        assert row["late"] == str(student == "late")


def test_feedback_never_shows_hidden_tests(graded, course_dir):
    source = nbformat.read(course.LESSONS / f"{LESSON}.ipynb", as_version=4)
    hidden = [
        line.strip()
        for cell in source.cells
        for block in HIDDEN.findall(cell.source)
        for line in block.splitlines()
        if line.strip()
    ]
    pages = list((course_dir / "feedback").glob(f"*/{LESSON}/{LESSON}.html"))
    outcomes, _ = graded
    assert len(pages) == sum(1 for o in outcomes.values() if not o.error)
    for page in pages:
        text = worker.visible_text(page.read_text())
        for line in hidden:
            assert line not in text, (page, line)
        assert "BEGIN HIDDEN TESTS" not in text
    hard_coded = (course_dir / "feedback" / "hard_coded" / LESSON / f"{LESSON}.html").read_text()
    assert "Hidden tests failed" in hard_coded


def test_the_leak_detector_sees_hidden_tests_in_an_unredacted_page(tmp_path):
    """nbgrader's own rendering of the source shows the hidden tests: the detector must say so."""
    source = course.LESSONS / f"{LESSON}.ipynb"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "nbconvert",
            "--to",
            "html",
            str(source),
            "--output-dir",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    text = worker.visible_text((tmp_path / f"{LESSON}.html").read_text())
    hidden = worker.hidden_lines(source)
    assert all(line in text for line in hidden)


def test_gradebook_holds_only_whole_submissions(graded, course_dir):
    outcomes, _ = graded
    assert not (course_dir / "gradebook.grading.db").exists()
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gradebook:
        stored = {s.student_id for s in gradebook.find_assignment(LESSON).submissions}
    assert stored == {student for student, o in outcomes.items() if not o.error}


def test_a_submission_that_hangs_the_grader_is_stopped_and_the_rest_go_on(tmp_path):
    """The last line of defence, when even nbgrader hangs: a worker that stops answering."""
    hang = [sys.executable, "-c", "import time; time.sleep(60)"]
    pending, outcomes = ["01_data", "02_forward_pass_and_error"], []
    (tmp_path / "db.sqlite").touch()
    reason = course._run_worker(
        hang, 1.0, tmp_path, tmp_path / "db.sqlite", "ann", pending, outcomes
    )
    assert reason.startswith("grading took longer than 1 s")
    assert pending == ["01_data", "02_forward_pass_and_error"] and outcomes == []


def test_grade_command_exit_code_and_report(tmp_path):
    root = tmp_path / "course"
    assert mlcourse_command("assign", str(root)).returncode == 0
    hand_in(root, "ann", CLASS["correct"][0])
    hand_in(root, "bob", CLASS["not_json"][0])
    run = mlcourse_command("grade", str(root))
    assert run.returncode == 1, run.stderr  # a submission could not be graded: say so
    assert "bob" in run.stderr and "NOT GRADED" in run.stderr
    assert "ann" in run.stdout and "6 / 6" in run.stdout
