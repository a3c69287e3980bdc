"""The scores the grader decided, written into nbgrader's gradebook where nbgrader's own tools
(formgrader, ``generate_feedback``, ``release_feedback``, the hub exchange) expect them."""

from __future__ import annotations

import contextlib
import shutil
import warnings
from pathlib import Path

from mlcourse.instructor.grading import LessonGrade


def db_url(path: Path) -> str:
    # Graders writing at once share the SQLite file: wait for a lock rather than fail.
    return f"sqlite:///{path}?timeout=120"


def record(url: str, lesson: str, student: str, timestamp: str | None, grade: LessonGrade) -> float:
    """Store ``grade`` as the autograder's scores of ``student``'s ``lesson`` (a manual score
    an instructor gave earlier is kept and marked for review, as nbgrader does); return how
    many seconds late the submission is."""
    from nbgrader.api import Gradebook, MissingEntry
    from sqlalchemy.exc import SAWarning

    # nbgrader's own add_submission makes SQLAlchemy warn about its autoflush, harmlessly.
    with warnings.catch_warnings(), Gradebook(url) as gradebook:
        warnings.simplefilter("ignore", SAWarning)
        gradebook.update_or_create_student(student)
        extra = {"timestamp": timestamp} if timestamp else {}
        submission = gradebook.update_or_create_submission(lesson, student, **extra)
        try:
            _store(gradebook, lesson, student, grade)
        except MissingEntry:  # graded before the lesson gained an exercise: start it afresh
            gradebook.db.rollback()
            gradebook.remove_submission(lesson, student)
            submission = gradebook.update_or_create_submission(lesson, student, **extra)
            _store(gradebook, lesson, student, grade)
        gradebook.db.commit()
        return float(submission.total_seconds_late)


def _store(gradebook, lesson: str, student: str, grade: LessonGrade) -> None:
    for exercise in grade.exercises:
        answer_id, check_id, hidden_id = exercise.exercise.ids
        for cell_id, score in ((check_id, exercise.visible), (hidden_id, exercise.hidden)):
            cell = gradebook.find_grade(cell_id, lesson, lesson, student)
            cell.auto_score = score
            cell.needs_manual_grade = cell.manual_score is not None
        comment = gradebook.find_comment(answer_id, lesson, lesson, student)
        comment.auto_comment = exercise.incident or None


def forget(url: str, course_dir: Path, student: str, lesson: str) -> None:
    """Take back whatever a failed grading left, so the gradebook holds no half submission."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(url) as gradebook, contextlib.suppress(MissingEntry):
        gradebook.remove_submission(lesson, student)
    for folder in ("autograded", "feedback"):
        shutil.rmtree(course_dir / folder / student / lesson, ignore_errors=True)
