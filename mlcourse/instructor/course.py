"""Assign the lessons as nbgrader assignments, and grade what students hand in.

A course directory follows nbgrader's layout::

    COURSE_DIR/nbgrader_config.py, gradebook.db
    COURSE_DIR/source/<lesson>/<lesson>.ipynb       the lessons, with solutions and hidden tests
    COURSE_DIR/release/<lesson>/<lesson>.ipynb      what students get
    COURSE_DIR/submitted/<student>/<lesson>/<lesson>.ipynb (+ timestamp.txt)
    COURSE_DIR/autograded/…, feedback/<student>/<lesson>/<lesson>.html, grades.csv
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import queue
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import nbformat

from mlcourse.instructor import config as course_config
from mlcourse.instructor import tagging
from mlcourse.instructor.config import JOBS
from mlcourse.lessons import lessons_folder

LESSONS = lessons_folder()
"""The worked lessons this package ships (in a clone: its ``notebooks/``)."""
NOTEBOOK_TIMEOUT = 300
"""Seconds the grading of one submission may take in all before it is stopped."""


@dataclass
class Outcome:
    """The grade of one student's lesson, or why there is none."""

    student: str
    lesson: str
    score: float | None = None
    max_score: float | None = None
    late: bool = False
    error: str = ""


def lessons(course_dir: Path) -> list[str]:
    """The assignments of the course: one per lesson, named after the notebook's file stem."""
    return sorted(p.name for p in (course_dir / "source").iterdir() if p.is_dir())


def api(
    course_dir: Path, db_url: str | None = None, cell_timeout: float = course_config.CELL_TIMEOUT
):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    cfg = course_config.build(course_dir, db_url, cell_timeout)
    return NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)


def assign(
    course_dir: Path, lessons_dir: Path | None = None, due: datetime | None = None
) -> list[str]:
    """Create or update the course directory and release every lesson; return the lessons.

    ``lessons_dir`` holds lesson notebooks (``01_….ipynb``, …) edited by the instructor; by
    default the lessons this package ships. A new course directory is created private to its
    owner: ``source/`` holds the solutions and hidden tests. Raises FileNotFoundError when there
    are no lessons, ValueError when a lesson's exercises break the pattern, RuntimeError with
    nbgrader's last word when a release cannot be generated.
    """
    from nbgrader.api import Gradebook

    paths = sorted((lessons_dir or LESSONS).glob("[0-9]*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"no lesson notebooks (01_….ipynb) in {lessons_dir or LESSONS}")
    course_dir = course_dir.resolve()
    if not course_dir.exists():
        course_dir.mkdir(parents=True, mode=0o700)
    course_config.write(course_dir)
    names = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        try:
            tagging.tag(notebook)
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None
        target = course_dir / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)
        names.append(path.stem)
    grader = api(course_dir)
    if not (course_dir / "gradebook.db").exists():
        _create_gradebook(grader.coursedir.db_url)
    with Gradebook(grader.coursedir.db_url) as gradebook:
        for name in names:
            gradebook.update_or_create_assignment(name, duedate=due)
    for name in names:
        result = grader.generate_assignment(name, force=True)
        if not result["success"]:
            log = (result.get("error") or result.get("log") or "").strip().splitlines()
            raise RuntimeError(f"could not release {name}: {(log or ['no message'])[-1]}")
    return names


def _create_gradebook(db_url: str) -> None:
    """Create the gradebook in a child process: nbgrader creates one by running the `alembic`
    command, which is not on PATH when a virtual environment is not activated, so the child
    gets the folders of this Python's commands on its PATH (this process's PATH stays as is)."""
    scripts = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    env = {**os.environ, "PATH": os.pathsep.join([*scripts, os.environ.get("PATH", "")])}
    create = "import sys; from nbgrader.api import Gradebook; Gradebook(sys.argv[1]).close()"
    done = subprocess.run(
        [sys.executable, "-c", create, db_url], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeError(f"could not create the gradebook: {last}")


def grade(
    course_dir: Path,
    timeout: float = NOTEBOOK_TIMEOUT,
    cell_timeout: float = course_config.CELL_TIMEOUT,
    jobs: int = JOBS,
) -> list[Outcome]:
    """Autograde every submission, write feedback and ``grades.csv``; return the outcomes.

    Each student is graded in a process of its own (``jobs`` of them at once) with a time limit
    per submission, so one that hangs or crashes costs only its own grade. Grading works on a
    copy of the gradebook that replaces the real one only once every submission has been dealt
    with.
    """
    course_dir = course_dir.resolve()
    if not (course_dir / "source").is_dir():
        raise FileNotFoundError(f"{course_dir} has no source/: run `mlcourse assign` first")
    gradebook = course_dir / "gradebook.db"
    working = course_dir / "gradebook.grading.db"
    shutil.copyfile(gradebook, working)
    outcomes, plans = [], []
    for student_dir in sorted(p for p in (course_dir / "submitted").glob("*") if p.is_dir()):
        student, gradable = student_dir.name, []
        for lesson in lessons(course_dir):
            if not (student_dir / lesson).is_dir():
                continue
            problem = _check_submission(student_dir / lesson, lesson)
            if problem:
                outcomes.append(Outcome(student, lesson, error=problem))
            else:
                gradable.append(lesson)
        plans.append((student, gradable))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        graded = pool.map(
            lambda plan: _grade_student(course_dir, working, *plan, timeout, cell_timeout), plans
        )
        outcomes += [outcome for student in graded for outcome in student]
    outcomes.sort(key=lambda o: (o.student, o.lesson))
    _write_csv(course_dir / "grades.csv", outcomes)
    os.replace(working, gradebook)
    return outcomes


def _grade_student(
    course_dir: Path,
    db: Path,
    student: str,
    pending: list[str],
    timeout: float,
    cell_timeout: float,
) -> list[Outcome]:
    """Grade ``pending`` lessons in one worker process (start-up paid once per student); a
    lesson that takes longer than ``timeout`` is stopped and the rest go to a new worker."""
    outcomes = []
    pending = list(pending)
    while pending:
        command = [
            sys.executable,
            "-m",
            "mlcourse.instructor.worker",
            str(course_dir),
            _db_url(db),
            str(cell_timeout),
            student,
            *pending,
        ]
        failure = _run_worker(command, timeout, course_dir, db, student, pending, outcomes)
        if failure:
            lesson = pending.pop(0)
            _forget(course_dir, db, student, lesson)
            outcomes.append(Outcome(student, lesson, error=failure))
    return outcomes


def _run_worker(
    command: list[str],
    timeout: float,
    course_dir: Path,
    db: Path,
    student: str,
    pending: list[str],
    outcomes: list[Outcome],
) -> str:
    """Collect the worker's outcomes into ``outcomes`` (removing them from ``pending``); return
    why it stopped early, or "" when it finished every lesson."""
    with tempfile.TemporaryFile("w+") as errors:
        worker = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=_read_lines, args=(worker.stdout, lines), daemon=True).start()
        try:
            while pending:
                try:
                    line = lines.get(timeout=timeout)
                except queue.Empty:
                    return (
                        f"grading took longer than {timeout:g} s and was stopped "
                        f"(a loop that never ends?)"
                    )
                if line is None:  # the worker ended without a word on this lesson
                    worker.wait()
                    errors.seek(0)
                    last = (errors.read().strip().splitlines() or ["no message"])[-1]
                    return f"the grading process failed: {last}"
                if line.startswith("{"):
                    outcome = Outcome(**json.loads(line))
                    if outcome.error:
                        _forget(course_dir, db, student, outcome.lesson)
                    outcomes.append(outcome)
                    pending.remove(outcome.lesson)
            return ""
        finally:
            worker.kill()
            worker.wait()


def _db_url(db: Path) -> str:
    # Workers grading at once share the SQLite gradebook: wait for a lock rather than fail.
    return f"sqlite:///{db}?timeout=120"


def _read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line.strip())
    lines.put(None)


def _check_submission(folder: Path, lesson: str) -> str:
    """Why a submission cannot be graded, in words; empty when it can."""
    notebook_path = folder / f"{lesson}.ipynb"
    if not notebook_path.is_file():
        found = ", ".join(sorted(p.name for p in folder.iterdir())) or "nothing"
        return f"no {lesson}.ipynb in the submission (found: {found})"
    try:
        notebook = nbformat.read(notebook_path, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises several kinds for a broken file
        return f"{lesson}.ipynb is not a valid notebook ({type(error).__name__}: {error})"[:300]
    if not any("nbgrader" in cell.metadata for cell in notebook.cells):
        return (
            f"{lesson}.ipynb has lost its nbgrader cell metadata (was the work copied into "
            f"a new notebook?): it cannot be matched to the assignment"
        )
    stamp = folder / "timestamp.txt"
    if stamp.exists():
        from nbgrader.utils import parse_utc

        try:
            parse_utc(stamp.read_text().strip())
        except Exception:
            return f"timestamp.txt does not hold a date: {stamp.read_text()[:40]!r}"
    return ""


def _forget(course_dir: Path, db: Path, student: str, lesson: str) -> None:
    """Take back whatever a failed grading left, so the gradebook holds no half submission."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(_db_url(db)) as gradebook, contextlib.suppress(MissingEntry):
        gradebook.remove_submission(lesson, student)
    for folder in ("autograded", "feedback"):
        shutil.rmtree(course_dir / folder / student / lesson, ignore_errors=True)


def _write_csv(path: Path, outcomes: list[Outcome]) -> None:
    temporary = path.with_suffix(".csv.tmp")
    with temporary.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["student", "lesson", "score", "max_score", "late", "status"])
        for o in outcomes:
            writer.writerow(
                [
                    o.student,
                    o.lesson,
                    "" if o.score is None else o.score,
                    "" if o.max_score is None else o.max_score,
                    o.late,
                    f"error: {o.error}" if o.error else "graded",
                ]
            )
    os.replace(temporary, path)
