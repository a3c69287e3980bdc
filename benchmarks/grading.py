"""Seconds per submission when `mlcourse grade` grades a class of simulated students, what
grading the same class again costs when nothing changed, and the class report's time.

    make bench-grading       # or: .venv/bin/python benchmarks/grading.py [--students 30]

Every student hands in every lesson; a third answer everything correctly, a third leave the
stubs, a third get one gradient's sign wrong. Prints the wall time and seconds per submission,
how student code was isolated, and what one sandbox costs to start (paid once per lesson); then,
for the last class graded, the time of a second `grade` (every submission unchanged: read,
fingerprinted, skipped; goal ≤ 5 % of the full grade) and of `report` (report.html and
report.csv) on a class of at least 300 submissions (the graded students' records and scores
copied to more students when the class is smaller).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import nbformat

from mlcourse.instructor import (
    course,
    gradebook,
    grading,
    markers,
    records,
    report,
    sandbox,
    tagging,
)
from mlcourse.instructor.submission import exercises_of


def tagged(lesson: Path) -> nbformat.NotebookNode:
    """The lesson with its solutions and its nbgrader metadata."""
    notebook = nbformat.read(lesson, as_version=4)
    tagging.tag(notebook)
    return notebook


def simulate(root: Path, students: int) -> int:
    count = 0
    for path in sorted(course.LESSONS.glob("[0-9]*.ipynb")):
        release = nbformat.read(root / "release" / path.stem / path.name, as_version=4)
        source = tagged(path)
        answers = {
            i: markers.without_markers(cell.source, markers.SOLUTION)
            for i, cell in enumerate(source.cells)
            if cell.metadata.get("nbgrader", {}).get("solution")
        }
        for number in range(students):
            notebook = nbformat.from_dict(nbformat.v4.upgrade(release))
            kind = number % 3
            for index, code in answers.items():
                if kind == 0:
                    notebook.cells[index].source = code
                elif kind == 2:
                    notebook.cells[index].source = code.replace("return -np.sum", "return np.sum")
            folder = root / "submitted" / f"student{number:02d}" / path.stem
            folder.mkdir(parents=True)
            nbformat.write(notebook, folder / path.name)
            count += 1
    return count


def widened(root: Path, copies: int) -> int:
    """Give the graded class ``copies`` more students, each a copy of a graded one (its record
    and its scores in the gradebook, as grading writes them, without grading again): a class as
    large as the report should be timed on. Returns the submissions the course then holds."""
    known, _ = records.read_all(root)
    exercises = {}
    for lesson in course.lessons(root):
        source = nbformat.read(root / "source" / lesson / f"{lesson}.ipynb", as_version=4)
        exercises[lesson] = {e.name: e for e in exercises_of(source, lesson)}
    grades = []
    for copy in range(copies):
        for (student, lesson), record in known.items():
            twin = replace(record, student=f"{student}-copy{copy}")
            records.write(root, twin)
            lesson_grade = grading.LessonGrade(
                [
                    grading.ExerciseGrade(
                        exercises[lesson][e.name], visible=e.visible, hidden=e.hidden
                    )
                    for e in record.exercises
                ]
            )
            grades.append((lesson, twin.student, record.inputs.timestamp, lesson_grade))
    gradebook.record_all(gradebook.db_url(root / "gradebook.db"), grades)
    return len(known) * (copies + 1)


def startup_seconds(isolation: sandbox.Sandbox, repeat: int = 5) -> float:
    """What a sandbox pays before a lesson's first cell: start Python, import numpy and the
    package's checks (as a lesson's first cell does)."""
    argv = [sys.executable, "-I", "-B", "-c", "import numpy, mlcourse.checks, mlcourse.plots"]
    command = isolation.command(argv) if isolation.kind == sandbox.BUBBLEWRAP else argv
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument(
        "--report-submissions",
        type=int,
        default=300,
        help="time the report on a class at least this large (graded students copied)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        nargs="+",
        default=[1, 2],
        help="numbers of students graded at once to compare",
    )
    arguments = parser.parse_args()
    isolation = sandbox.detect()
    print(f"load average {os.getloadavg()[0]:.1f} (this machine has {os.cpu_count()} cores)")
    print(isolation.description)
    if isolation.warning:
        print(f"WARNING: {isolation.warning}")
    print(f"start-up of one sandbox with numpy and mlcourse: {startup_seconds(isolation):.2f} s")
    for jobs in arguments.jobs:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "course"
            course.assign(root)
            submissions = simulate(root, arguments.students)
            started = time.perf_counter()
            outcomes = course.grade(root, jobs=jobs, seed=1, sandbox=isolation)
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            again = course.grade(root, jobs=jobs, sandbox=isolation)
            unchanged_seconds = time.perf_counter() - started
            copies = max(0, -(-arguments.report_submissions // submissions) - 1)
            in_report = widened(root, copies)
            started = time.perf_counter()
            report.write_report(root)
            report_seconds = time.perf_counter() - started
        errors = [o for o in outcomes if o.error]
        print(
            f"jobs={jobs}: graded {len(outcomes) - len(errors)} of {submissions} submissions "
            f"({arguments.students} students × {submissions // arguments.students} lessons) in "
            f"{seconds:.0f} s: {seconds / submissions:.2f} s per submission "
            f"(load average {os.getloadavg()[1]:.1f} over the last 5 minutes)"
        )
        for o in errors[:5]:
            print("  error:", o.student, o.lesson, o.error)
        skipped = sum(1 for o in again if o.unchanged)
        print(
            f"  again, nothing changed: {skipped} of {len(again)} unchanged in "
            f"{unchanged_seconds:.1f} s ({100 * unchanged_seconds / seconds:.1f} % of the full "
            f"grade; goal ≤ 5 %); report of {in_report} submissions: {report_seconds:.1f} s "
            f"(load average {os.getloadavg()[0]:.1f})"
        )


if __name__ == "__main__":
    main()
