"""The scores the grader decided, written into nbgrader's gradebook where nbgrader's own tools
(formgrader, ``generate_feedback``, ``release_feedback``, the hub exchange) expect them.

The gradebook is written only after every student process has ended, into a copy made from the
bytes read before any student code ran, and checked before it replaces the real one: it may hold
nothing nbgrader does not make (a trigger planted by unsandboxed code would rewrite every score
recorded), and every score read back must be the one decided.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
import warnings
from collections.abc import Iterable
from pathlib import Path

from mlcourse.instructor.grading import LessonGrade
from mlcourse.instructor.schedule import Course, naive_utc

SQLITE_INTERNAL = "sqlite_autoindex_"


class GradebookError(RuntimeError):
    """The gradebook cannot be trusted or was not written as decided; the message says why."""


def db_url(path: Path) -> str:
    # Graders writing at once share the SQLite file: wait for a lock rather than fail.
    return f"sqlite:///{path}?timeout=120"


def check_schema(content: bytes) -> None:
    """Raise GradebookError when the gradebook ``content`` holds anything nbgrader does not
    make: a trigger, a view, a table or an index of its own."""
    from nbgrader.api import Base

    tables = {*Base.metadata.tables, "alembic_version"}
    indexes = {index.name for table in Base.metadata.tables.values() for index in table.indexes}
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(content)
        rows = connection.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
    except sqlite3.Error as error:
        raise GradebookError(f"gradebook.db is not a gradebook ({error})") from None
    finally:
        connection.close()
    unexpected = [
        f"{kind} {name!r}"
        for kind, name, table in rows
        if not (
            (kind == "table" and name in tables)
            or (kind == "index" and table in tables and (name in indexes or _internal(name)))
        )
    ]
    if unexpected:
        raise GradebookError(
            f"gradebook.db holds what nbgrader does not make ({', '.join(unexpected)}): it could "
            f"change the scores recorded. Remove it (or restore the gradebook), then grade again"
        )


def held(content: bytes) -> set[tuple[str, str]]:
    """Every (student, lesson) the gradebook ``content`` holds a submission of."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(content)
        rows = connection.execute(
            "SELECT submitted_assignment.student_id, assignment.name FROM submitted_assignment "
            "JOIN assignment ON submitted_assignment.assignment_id = assignment.id"
        ).fetchall()
    finally:
        connection.close()
    return {(student, lesson) for student, lesson in rows}


def _internal(name: str) -> bool:
    return name.startswith(SQLITE_INTERNAL)


def working_copy(course_dir: Path, content: bytes) -> Path:
    """A new file in ``course_dir`` holding ``content``: the gradebook to record into, which
    replaces ``gradebook.db`` once checked (same folder, so the replacement is atomic)."""
    descriptor, name = tempfile.mkstemp(prefix=".gradebook.", suffix=".db", dir=course_dir)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
    return Path(name)


def record(url: str, lesson: str, student: str, timestamp: str | None, grade: LessonGrade) -> float:
    """Store ``grade`` as the autograder's scores of ``student``'s ``lesson`` (a manual score
    an instructor gave earlier is kept and marked for review, as nbgrader does); return how
    many seconds late the submission is."""
    (late,) = record_all(url, [(lesson, student, timestamp, grade)])
    if isinstance(late, Exception):
        raise late
    return late


def record_all(
    url: str, grades: Iterable[tuple[str, str, str | None, LessonGrade]]
) -> list[float | Exception]:
    """:func:`record` for every (lesson, student, timestamp, grade), in one session; for one
    that cannot be recorded, what nbgrader raised (nothing of it stays in the gradebook)."""
    from nbgrader.api import Gradebook, MissingEntry
    from sqlalchemy.exc import SAWarning

    late: list[float | Exception] = []
    # nbgrader's own add_submission makes SQLAlchemy warn about its autoflush, harmlessly.
    with warnings.catch_warnings(), Gradebook(url) as gradebook:
        warnings.simplefilter("ignore", SAWarning)
        for lesson, student, timestamp, grade in grades:
            extra = {"timestamp": timestamp} if timestamp else {}
            try:
                gradebook.update_or_create_student(student)
                submission = gradebook.update_or_create_submission(lesson, student, **extra)
                try:
                    _store(gradebook, lesson, student, grade)
                except MissingEntry:  # graded before the lesson gained an exercise: afresh
                    gradebook.db.rollback()
                    gradebook.remove_submission(lesson, student)
                    submission = gradebook.update_or_create_submission(lesson, student, **extra)
                    _store(gradebook, lesson, student, grade)
                gradebook.db.commit()
                late.append(float(submission.total_seconds_late))
            except Exception as error:  # one odd submission must not cost the others
                gradebook.db.rollback()
                late.append(error)
    return late


def _store(gradebook, lesson: str, student: str, grade: LessonGrade) -> None:
    for exercise in grade.exercises:
        answer_id, check_id, hidden_id = exercise.exercise.ids
        for cell_id, score in ((check_id, exercise.visible), (hidden_id, exercise.hidden)):
            cell = gradebook.find_grade(cell_id, lesson, lesson, student)
            cell.auto_score = score
            cell.needs_manual_grade = cell.manual_score is not None
        comment = gradebook.find_comment(answer_id, lesson, lesson, student)
        comment.auto_comment = exercise.incident or None


def verify(path: Path, grades: Iterable[tuple[str, str, LessonGrade]]) -> None:
    """Raise GradebookError unless the gradebook at ``path`` holds nothing nbgrader does not
    make and, for every (lesson, student, grade), exactly the scores decided."""
    from nbgrader.api import Gradebook, MissingEntry

    check_schema(path.read_bytes())
    wrong = []
    with Gradebook(db_url(path)) as gradebook:
        for lesson, student, grade in grades:
            for exercise in grade.exercises:
                _, check_id, hidden_id = exercise.exercise.ids
                for cell_id, score in ((check_id, exercise.visible), (hidden_id, exercise.hidden)):
                    try:
                        stored = gradebook.find_grade(cell_id, lesson, lesson, student).auto_score
                    except MissingEntry:
                        stored = None
                    if stored is None or abs(stored - score) > 1e-9:
                        wrong.append(f"{student}/{lesson}/{cell_id}: {stored} instead of {score}")
    if wrong:
        raise GradebookError(
            f"the gradebook does not hold the scores decided ({'; '.join(wrong[:3])}"
            f"{', …' if len(wrong) > 3 else ''}): it was not replaced; mlcourse-grades.csv "
            f"holds them"
        )


def forget(url: str, course_dir: Path, student: str, lesson: str) -> None:
    """Take back whatever a failed grading left, so the gradebook holds no half submission."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(url) as gradebook, contextlib.suppress(MissingEntry):
        gradebook.remove_submission(lesson, student)
    for folder in ("autograded", "feedback"):
        shutil.rmtree(course_dir / folder / student / lesson, ignore_errors=True)


def apply_term(url: str, term: Course) -> dict[tuple[str, str], float]:
    """Tell the gradebook the course's term: every lesson's due date, every submission's
    extension (so nbgrader's own lateness agrees with ours) and late penalty (the course's
    policy priced on the score the gradebook holds, a manual one included); return how many
    seconds late each (student, lesson) is."""
    from nbgrader.api import Gradebook

    late: dict[tuple[str, str], float] = {}
    with Gradebook(url) as gradebook:
        for assignment in gradebook.assignments:
            lesson = assignment.name
            due = term.terms(lesson).due
            assignment.duedate = naive_utc(due)
            for submission in assignment.submissions:
                student = submission.student.id
                deadline = term.deadline(student, lesson)
                submission.extension = (
                    deadline - due
                    if due is not None and deadline is not None and deadline > due
                    else None
                )
                seconds = term.seconds_late(student, lesson, submission.timestamp)
                for notebook in submission.notebooks:
                    notebook.late_submission_penalty = term.late.penalty(notebook.score, seconds)
                late[(student, lesson)] = seconds
        gradebook.db.commit()
    return late
