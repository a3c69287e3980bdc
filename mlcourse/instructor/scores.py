"""The grades of a course as one table, derived from the gradebook (so a score an instructor set
by hand in formgrader, and the late penalties, are the ones shown) and the grade records (what
grading said: errors, notes, the seed): ``COURSE_DIR/mlcourse-grades.csv``.

The file is not named ``grades.csv``: that is where ``nbgrader export`` writes its own table
(every assignment of every student, with its raw score, late penalty and score, which agree
with ours), and it would replace ours.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from mlcourse.instructor import output, records, schedule
from mlcourse.instructor.safe_text import spreadsheet_cell

GRADES_CSV = "mlcourse-grades.csv"
COLUMNS = [
    "student",
    "lesson",
    "score",
    "raw_score",
    "late_penalty",
    "max_score",
    "submitted_at",
    "deadline",
    "days_late",
    "status",
    "notes",
    "seed",
    "graded_at",
]


class Unlisted(Protocol):
    """A submission refused as a whole student folder, which has no lesson and no record."""

    student: str
    lesson: str
    error: str


@dataclass(frozen=True)
class GradeRow:
    """One student's lesson as the course holds it: scores from the gradebook (None when it
    holds none), status and notes from the grade record."""

    student: str
    lesson: str
    raw_score: float | None
    late_penalty: float
    max_score: float | None
    submitted_at: datetime | None
    deadline: datetime | None
    seconds_late: float
    manual: bool
    record: records.GradeRecord | None
    error: str = ""

    @property
    def score(self) -> float | None:
        """The score that counts: the raw score less the late penalty, never below 0."""
        if self.raw_score is None:
            return None
        return max(0.0, self.raw_score - self.late_penalty)

    @property
    def status(self) -> str:
        error = self.error or (
            self.record.error if self.record and self.record.status == records.ERROR else ""
        )
        if error:
            return f"error: {error}"
        if self.raw_score is None:
            return "not graded"
        return "graded, with a manual score" if self.manual else "graded"

    def cells(self) -> list[object]:
        record = self.record
        return [
            self.student,
            self.lesson,
            _number(self.score),
            _number(self.raw_score),
            _number(self.late_penalty) if self.raw_score is not None else "",
            _number(self.max_score),
            schedule.shown(self.submitted_at),
            schedule.shown(self.deadline),
            f"{self.seconds_late / schedule.DAY:.2f}" if self.seconds_late else "",
            self.status,
            "; ".join(record.notes) if record else "",
            record.inputs.seed if record and record.inputs.package else "",
            record.graded_at if record else "",
        ]


def _number(value: float | None) -> object:
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else round(value, 4)


def rows(course_dir: Path, term: schedule.Course | None = None) -> list[GradeRow]:
    """Every submission the gradebook holds, and every one that has only an error record, in
    (student, lesson) order."""
    from nbgrader.api import Gradebook

    from mlcourse.instructor.gradebook import db_url

    term = schedule.load(course_dir) if term is None else term
    known, _ = records.read_all(course_dir)
    found: dict[tuple[str, str], GradeRow] = {}
    with Gradebook(db_url(course_dir / "gradebook.db")) as gradebook:
        for assignment in gradebook.assignments:
            lesson = assignment.name
            for submission in assignment.submissions:
                student = submission.student.id
                manual = any(
                    grade.manual_score is not None
                    for notebook in submission.notebooks
                    for grade in notebook.grades
                )
                submitted = submission.timestamp
                found[(student, lesson)] = GradeRow(
                    student=student,
                    lesson=lesson,
                    raw_score=float(submission.score),
                    late_penalty=float(submission.late_submission_penalty or 0.0),
                    max_score=float(submission.max_score),
                    submitted_at=None if submitted is None else schedule.in_utc(submitted),
                    deadline=term.deadline(student, lesson),
                    seconds_late=term.seconds_late(student, lesson, submitted),
                    manual=manual,
                    record=known.get((student, lesson)),
                )
    for key, record in known.items():
        if key not in found:  # an error, or a grade the gradebook did not take (its scores)
            found[key] = GradeRow(
                student=record.student,
                lesson=record.lesson,
                raw_score=record.score if record.exercises else None,
                late_penalty=0.0,
                max_score=record.max_score if record.exercises else None,
                submitted_at=None,
                deadline=term.deadline(*key),
                seconds_late=0.0,
                manual=False,
                record=record,
            )
    return [found[key] for key in sorted(found)]


def roster(course_dir: Path) -> list[str]:
    """The students the gradebook knows: every one graded, and every one added by hand
    (``nbgrader db student add``), whether they handed anything in or not."""
    from nbgrader.api import Gradebook

    from mlcourse.instructor.gradebook import db_url

    with Gradebook(db_url(course_dir / "gradebook.db")) as gradebook:
        return sorted(student.id for student in gradebook.students)


def write_grades(
    course_dir: Path, term: schedule.Course | None = None, unlisted: Iterable[Unlisted] = ()
) -> Path:
    """Write ``mlcourse-grades.csv`` (every cell as a spreadsheet shows it and never runs it);
    ``unlisted`` adds the student folders refused as a whole in this run."""
    path = course_dir / GRADES_CSV
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    for row in rows(course_dir, term):
        writer.writerow([spreadsheet_cell(cell) for cell in row.cells()])
    for refused in unlisted:
        cells = [refused.student, refused.lesson, *[""] * 7, f"error: {refused.error}"]
        writer.writerow([spreadsheet_cell(cell) for cell in [*cells, "", "", ""]])
    output.replace_file(path, text.getvalue().encode("utf-8"))
    return path
