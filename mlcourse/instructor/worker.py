"""Grade one student's submissions in a process of its own, one JSON line per lesson.

    python -m mlcourse.instructor.worker COURSE_DIR DB_URL CELL_TIMEOUT STUDENT LESSON...

For each lesson: autograde, generate the feedback, check that the feedback shows no hidden test,
then print the outcome. The parent process reads the lines as they come, so a lesson that hangs
costs only its own grade (see :func:`mlcourse.instructor.course.grade`).
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

from mlcourse.instructor.course import Outcome, api

LEAK_MARKERS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "seed=seed")


def grade_lesson(grader, root: Path, db_url: str, student: str, lesson: str) -> Outcome:
    from nbgrader.api import Gradebook

    for step in (grader.autograde, grader.generate_feedback):
        result = step(lesson, student, force=True)
        if not result["success"]:
            lines = (result.get("error") or result.get("log") or "").strip().splitlines()
            return Outcome(student, lesson, error=f"nbgrader failed: {(lines or ['?'])[-1]}")
    feedback = root / "feedback" / student / lesson / f"{lesson}.html"
    if any(marker in feedback.read_text() for marker in LEAK_MARKERS):
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
