"""The course's grades for a learning-management system: a Canvas gradebook CSV, or a plain wide
table. Scores are the gradebook's (manual scores and late penalties included), as
:func:`scores.rows` reads them; a lesson a student did not hand in is left blank.

Canvas's layout: the columns Student, ID, SIS User ID, Section, then one column per assignment;
the second row says each assignment's "Points Possible". The student's id goes in SIS User ID
(Canvas's own numeric ID is unknown here and left blank). Every cell that a spreadsheet would
run as a formula (a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return) is written with a
leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from mlcourse.instructor import scores
from mlcourse.instructor.safe_text import spreadsheet_cell

FORMATS = ("canvas", "wide")
CANVAS_HEADER = ["Student", "ID", "SIS User ID", "Section"]
POINTS_POSSIBLE = "Points Possible"


def table(course_dir: Path) -> tuple[list[str], dict[str, float], dict[str, dict[str, float]]]:
    """(the lessons, each lesson's points possible, each student's score by lesson)."""
    from nbgrader.api import Gradebook

    from mlcourse.instructor.gradebook import db_url

    with Gradebook(db_url(course_dir / "gradebook.db")) as gradebook:
        possible = {a.name: float(a.max_score) for a in gradebook.assignments}
    by_student: dict[str, dict[str, float]] = {s: {} for s in scores.roster(course_dir)}
    for row in scores.rows(course_dir):
        by_student.setdefault(row.student, {})
        if row.score is not None:
            by_student[row.student][row.lesson] = row.score
    return list(possible), possible, dict(sorted(by_student.items()))


def export(course_dir: Path, kind: str) -> str:
    """The grades of ``course_dir`` as CSV text of the format ``kind`` (canvas or wide)."""
    if kind not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {kind!r}")
    lessons, possible, by_student = table(course_dir)
    lines: list[list[object]]
    if kind == "canvas":
        lines = [CANVAS_HEADER + lessons, [POINTS_POSSIBLE, "", "", "", *_points(possible)]]
        lines += [
            [student, "", student, "", *[_score(marks.get(lesson)) for lesson in lessons]]
            for student, marks in by_student.items()
        ]
    else:
        total_possible = sum(possible.values())
        lines = [["student", *lessons, "total", "possible"]]
        lines += [
            [
                student,
                *[_score(marks.get(lesson)) for lesson in lessons],
                _score(sum(marks.values())),
                _score(total_possible),
            ]
            for student, marks in by_student.items()
        ]
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    for line in lines:
        writer.writerow([spreadsheet_cell(cell) for cell in line])
    return text.getvalue()


def _points(possible: dict[str, float]) -> list[object]:
    return [_score(value) for value in possible.values()]


def _score(value: float | None) -> object:
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else round(value, 4)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    os.replace(temporary, path)
