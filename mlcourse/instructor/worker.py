"""Grade one student's submissions in a process of its own, one JSON line per lesson.

    python -m mlcourse.instructor.worker COURSE_DIR DB_URL CELL_TIMEOUT STUDENT LESSON...

For each lesson: autograde, generate the feedback, check that the feedback shows no hidden test,
then print the outcome. The parent process reads the lines as they come, so a lesson that hangs
costs only its own grade (see :func:`mlcourse.instructor.course.grade`).
"""

from __future__ import annotations

import html
import json
import re
import sys
from dataclasses import asdict
from pathlib import Path

import nbformat

from mlcourse.instructor.course import Outcome, api

HIDDEN = re.compile(r"# BEGIN HIDDEN TESTS\n(.*?)# END HIDDEN TESTS", re.S)


def visible_text(page: str) -> str:
    """The text a reader sees in an HTML page: highlighting splits code into many tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def hidden_lines(source: Path) -> list[str]:
    """Every line of the hidden tests in the source notebook, and their delimiters."""
    notebook = nbformat.read(source, as_version=4)
    lines = [
        line.strip()
        for cell in notebook.cells
        for block in HIDDEN.findall(cell.source)
        for line in block.splitlines()
        if line.strip()
    ]
    return [*lines, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"]


def grade_lesson(grader, root: Path, db_url: str, student: str, lesson: str) -> Outcome:
    from nbgrader.api import Gradebook

    for step in (grader.autograde, grader.generate_feedback):
        result = step(lesson, student, force=True)
        if not result["success"]:
            lines = (result.get("error") or result.get("log") or "").strip().splitlines()
            return Outcome(student, lesson, error=f"nbgrader failed: {(lines or ['?'])[-1]}")
    feedback = root / "feedback" / student / lesson / f"{lesson}.html"
    page = visible_text(feedback.read_text())
    if any(line in page for line in hidden_lines(root / "source" / lesson / f"{lesson}.ipynb")):
        feedback.unlink()
        return Outcome(student, lesson, error="the feedback would have shown hidden tests")
    with Gradebook(db_url) as gradebook:
        submission = gradebook.find_submission(lesson, student)
        return Outcome(
            student,
            lesson,
            score=submission.score,
            max_score=submission.max_score,
            late=bool(submission.total_seconds_late > 0),
        )


def main(course_dir: str, db_url: str, cell_timeout: str, student: str, *lessons: str) -> int:
    root = Path(course_dir)
    grader = api(root, db_url, float(cell_timeout))
    for lesson in lessons:
        outcome = grade_lesson(grader, root, db_url, student, lesson)
        print(json.dumps(asdict(outcome)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
