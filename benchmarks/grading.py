"""Seconds per submission when `mlcourse grade` grades a class of simulated students.

    make bench-grading       # or: .venv/bin/python benchmarks/grading.py [--students 30]

Every student hands in every lesson; a third answer everything correctly, a third leave the
stubs, a third get one gradient's sign wrong. Prints the wall time, seconds per submission and
the start-up cost that one worker per student pays once instead of once per lesson.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from mlcourse.instructor import course, tagging

SOLUTION = re.compile(r"[ \t]*# (BEGIN|END) SOLUTION\n")


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
            i: SOLUTION.sub("", cell.source)
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


def startup_seconds(repeat: int = 5) -> float:
    """What a grading process pays before its first notebook: Python, nbgrader, nbconvert."""
    code = "import nbgrader.apps, nbconvert, mlcourse.instructor.course"
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument(
        "--jobs",
        type=int,
        nargs="+",
        default=[1, 2],
        help="numbers of students graded at once to compare",
    )
    arguments = parser.parse_args()
    startup = startup_seconds()
    print(
        f"start-up of one grading process: {startup:.2f} s (paid once per student, not once "
        f"per submission)"
    )
    for jobs in arguments.jobs:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "course"
            course.assign(root)
            submissions = simulate(root, arguments.students)
            started = time.perf_counter()
            outcomes = course.grade(root, jobs=jobs)
            seconds = time.perf_counter() - started
        errors = [o for o in outcomes if o.error]
        print(
            f"jobs={jobs}: graded {len(outcomes) - len(errors)} of {submissions} submissions "
            f"({arguments.students} students × {submissions // arguments.students} lessons) in "
            f"{seconds:.0f} s: {seconds / submissions:.2f} s per submission"
        )
        for o in errors[:5]:
            print("  error:", o.student, o.lesson, o.error)


if __name__ == "__main__":
    main()
