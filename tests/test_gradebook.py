"""The gradebook the grader writes holds nothing nbgrader does not make and exactly the scores
decided; a gradebook that holds more is refused before anyone is graded."""

import shutil
import sqlite3

import nbformat
import pytest
from nbgrader.api import Gradebook

from mlcourse.instructor import course, gradebook, grading, records, submission

LESSON = "03_gradients"
TRIGGER = (
    "CREATE TRIGGER full_marks AFTER UPDATE ON grade "
    "BEGIN UPDATE grade SET auto_score = 99 WHERE id = NEW.id AND auto_score IS NOT 99; END"
)


@pytest.fixture
def root(assigned_course, tmp_path):
    shutil.copytree(assigned_course, tmp_path / "course")
    return tmp_path / "course"


def lesson_grade(root, visible=1.0, hidden=2.0):
    source = nbformat.read(root / "source" / LESSON / f"{LESSON}.ipynb", as_version=4)
    exercises = submission.exercises_of(source, LESSON)
    return grading.LessonGrade([grading.ExerciseGrade(e, visible, hidden) for e in exercises])


def planted(root, statement):
    with sqlite3.connect(root / "gradebook.db") as db:
        db.execute(statement)


def test_a_gradebook_as_nbgrader_makes_it_is_accepted(root):
    gradebook.check_schema((root / "gradebook.db").read_bytes())


@pytest.mark.parametrize(
    "statement, named",
    [
        (TRIGGER, "trigger 'full_marks'"),
        ("CREATE VIEW scores AS SELECT * FROM grade", "view 'scores'"),
        ("CREATE TABLE notes (x)", "table 'notes'"),
        ("CREATE INDEX by_score ON grade (auto_score)", "index 'by_score'"),
    ],
)
def test_anything_nbgrader_does_not_make_is_refused(root, statement, named):
    planted(root, statement)
    with pytest.raises(gradebook.GradebookError, match=named):
        gradebook.check_schema((root / "gradebook.db").read_bytes())


def test_grading_refuses_a_gradebook_with_a_trigger_before_grading_anyone(root):
    planted(root, TRIGGER)
    (root / "submitted" / "ann" / LESSON).mkdir(parents=True)
    with pytest.raises(gradebook.GradebookError, match="trigger 'full_marks'"):
        course.grade(root)
    assert not (root / "mlcourse-grades.csv").exists()


def test_the_scores_read_back_must_be_the_scores_decided(root):
    copy = root / "working.db"
    shutil.copyfile(root / "gradebook.db", copy)
    decided = lesson_grade(root)
    gradebook.record(gradebook.db_url(copy), LESSON, "ann", None, decided)
    gradebook.verify(copy, [(LESSON, "ann", decided)])
    with Gradebook(gradebook.db_url(copy)) as book:
        book.find_grade("grad_w0-hidden", LESSON, LESSON, "ann").auto_score = 0.0
        book.db.commit()
    with pytest.raises(gradebook.GradebookError, match="ann/03_gradients/grad_w0-hidden"):
        gradebook.verify(copy, [(LESSON, "ann", decided)])


def test_a_trigger_that_rewrites_what_is_recorded_is_caught(root):
    copy = root / "working.db"
    shutil.copyfile(root / "gradebook.db", copy)
    with sqlite3.connect(copy) as db:
        db.execute(TRIGGER)
    decided = lesson_grade(root, visible=0.0, hidden=0.0)
    gradebook.record(gradebook.db_url(copy), LESSON, "ann", None, decided)
    with pytest.raises(gradebook.GradebookError, match="nbgrader does not make"):
        gradebook.verify(copy, [(LESSON, "ann", decided)])


def test_a_gradebook_that_does_not_take_the_scores_is_not_put_in_place(root, monkeypatch):
    """mlcourse-grades.csv is written all the same, with the scores decided and why the
    gradebook does not hold them; their records say so too, so they are graded again."""
    folder = root / "submitted" / "ann" / LESSON
    folder.mkdir(parents=True)
    shutil.copy(root / "release" / LESSON / f"{LESSON}.ipynb", folder)
    original = gradebook.record_all
    before = (root / "gradebook.db").read_bytes()

    def record_then_add_a_point(url, grades):
        late = original(url, grades)
        with sqlite3.connect(url.removeprefix("sqlite:///").split("?")[0]) as db:
            db.execute("UPDATE grade SET auto_score = auto_score + 1")
        return late

    monkeypatch.setattr(gradebook, "record_all", record_then_add_a_point)
    with pytest.raises(gradebook.GradebookError, match="does not hold the scores decided"):
        course.grade(root, seed=1)
    assert (root / "gradebook.db").read_bytes() == before
    grades = (root / "mlcourse-grades.csv").read_text()
    assert "ann,03_gradients,0,0,0,6," in grades and "error: not recorded: the gradebook" in grades
    assert records.read_all(root)[0][("ann", LESSON)].status == records.ERROR
    assert not list(root.glob(".gradebook.*"))
