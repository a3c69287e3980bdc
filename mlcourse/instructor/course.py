"""Assign the lessons as nbgrader assignments, and grade what students hand in.

A course directory follows nbgrader's layout::

    COURSE_DIR/nbgrader_config.py, gradebook.db
    COURSE_DIR/source/<lesson>/<lesson>.ipynb       the lessons, with solutions and hidden tests
    COURSE_DIR/release/<lesson>/<lesson>.ipynb      what students get
    COURSE_DIR/submitted/<student>/<lesson>/<lesson>.ipynb (+ timestamp.txt)
    COURSE_DIR/autograded/…, feedback/<student>/<lesson>/<lesson>.html, grades.csv
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import threading
import warnings
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import nbformat

from mlcourse.feedback import Exercise
from mlcourse.instructor import config as course_config
from mlcourse.instructor import grading, redact, tagging
from mlcourse.instructor import sandbox as sandboxes
from mlcourse.instructor.config import JOBS
from mlcourse.instructor.gradebook import db_url, forget, record
from mlcourse.instructor.sandbox import Sandbox
from mlcourse.instructor.submission import autograded, exercises_of
from mlcourse.lessons import lessons_folder, without_banner

LESSONS = lessons_folder()
"""The worked lessons this package ships (in a clone: its ``notebooks/``)."""
NOTEBOOK_TIMEOUT = 300
"""Seconds the grading of one submission may take in all before it is stopped."""


@dataclass
class Outcome:
    """The grade of one student's lesson, or why there is none.

    ``notes`` say, in words, what happened beyond wrong answers (an exercise whose code stopped
    the Python process, an answer that borrowed the package's own, code flagged for review);
    ``seed`` is the run seed the hidden cases were drawn from (``mlcourse grade --seed``).
    """

    student: str
    lesson: str
    score: float | None = None
    max_score: float | None = None
    late: bool = False
    error: str = ""
    notes: tuple[str, ...] = ()
    seed: int | None = None


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
        without_banner(notebook)  # a copy of the answer key, `mlcourse lessons --solutions`
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
    seed: int | None = None,
    sandbox: Sandbox | None = None,
    checks: Mapping[str, Exercise] | None = None,
) -> list[Outcome]:
    """Grade every submission, write the gradebook, feedback and ``grades.csv``; return the
    outcomes.

    Student code runs in ``sandbox`` (by default the best one :func:`sandbox.detect` finds, with
    an IsolationWarning when that is not bubblewrap), one lesson per process, ``jobs`` students
    at once; scores are decided here, from plain data, by ``checks`` (by default
    ``mlcourse.checks.EXERCISES``). Hidden cases come from ``seed`` (fresh when None; pass the
    same seed to reproduce a grading). ``cell_timeout`` limits one cell, ``timeout`` one lesson.
    Grading works on a copy of the gradebook that replaces the real one once every submission
    has been dealt with, never changes a submission (files changed anyway, which only code
    outside a sandbox could do, are restored and reported), and raises only for a broken course
    (no source/, an exercise without a check); a submission it cannot grade gets a reason.
    """
    course_dir = course_dir.resolve()
    if not (course_dir / "source").is_dir():
        raise FileNotFoundError(f"{course_dir} has no source/: run `mlcourse assign` first")
    seed = grading.fresh_seed() if seed is None else seed
    if sandbox is None:
        sandbox = sandboxes.detect(course_dir)
        if sandbox.warning:
            warnings.warn(sandbox.warning, sandboxes.IsolationWarning, stacklevel=2)
    checks = grading.registry() if checks is None else checks
    sources = {}
    for lesson in lessons(course_dir):
        source = nbformat.read(course_dir / "source" / lesson / f"{lesson}.ipynb", as_version=4)
        missing = [e.name for e in exercises_of(source, lesson) if e.name not in checks]
        if missing:
            raise ValueError(f"{lesson}: no check for {', '.join(missing)} in mlcourse.checks")
        sources[lesson] = source
    submitted = Snapshot(course_dir / "submitted")
    gradebook = course_dir / "gradebook.db"
    working = course_dir / "gradebook.grading.db"
    shutil.copyfile(gradebook, working)
    job = _Job(course_dir, db_url(working), sources, checks, sandbox, seed, cell_timeout, timeout)
    outcomes, plans = [], []
    for student_dir in sorted(p for p in (course_dir / "submitted").glob("*") if p.is_dir()):
        gradable = []
        for lesson in sources:
            if not (student_dir / lesson).is_dir():
                continue
            notebook, problem = _read_submission(student_dir / lesson, lesson)
            if problem:
                outcomes.append(Outcome(student_dir.name, lesson, error=problem, seed=seed))
            else:
                gradable.append((lesson, notebook))
        plans.append((student_dir.name, gradable))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for graded in pool.map(lambda plan: [job.grade(plan[0], *one) for one in plan[1]], plans):
            outcomes += graded
    restored = submitted.restore()
    for path, message in restored.items():
        warnings.warn(message, sandboxes.IsolationWarning, stacklevel=2)
        student, lesson = path.parts[:2] if len(path.parts) > 2 else (path.parts[0], "")
        for i, o in enumerate(outcomes):
            if o.student == student and (o.lesson == lesson or not lesson):
                outcomes[i] = replace(o, notes=(*o.notes, message))
    outcomes.sort(key=lambda o: (o.student, o.lesson))
    _write_csv(course_dir / "grades.csv", outcomes)
    os.replace(working, gradebook)
    return outcomes


@dataclass
class _Job:
    """What grading one student's lesson needs; ``grade`` may run in several threads."""

    course_dir: Path
    db_url: str
    sources: dict[str, nbformat.NotebookNode]
    checks: Mapping[str, Exercise]
    sandbox: Sandbox
    seed: int
    cell_timeout: float
    timeout: float
    lock: threading.Lock = field(default_factory=threading.Lock)

    def grade(self, student: str, lesson: str, notebook: nbformat.NotebookNode) -> Outcome:
        """Grade one lesson and write its gradebook entry, autograded notebook and feedback;
        anything unexpected becomes this submission's error, never the others'."""
        try:
            return self._grade(student, lesson, notebook)
        except Exception as error:  # a grader bug must cost one grade, not the whole class's
            with self.lock:
                forget(self.db_url, self.course_dir, student, lesson)
            message = f"grading failed ({type(error).__name__}: {error})"[:300]
            return Outcome(student, lesson, error=message, seed=self.seed)

    def _grade(self, student: str, lesson: str, notebook: nbformat.NotebookNode) -> Outcome:
        source = self.sources[lesson]
        result = grading.grade_lesson(
            source,
            notebook,
            lesson,
            self.checks,
            self.sandbox,
            self.seed,
            self.cell_timeout,
            self.timeout,
        )
        folders = {
            name: self.course_dir / name / student / lesson for name in ("autograded", "feedback")
        }
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        submitted = self.course_dir / "submitted" / student / lesson
        for name in EXCHANGE_FILES:  # what nbgrader's release_feedback reads beside the page
            if (submitted / name).is_file():
                for folder in folders.values():
                    shutil.copyfile(submitted / name, folder / name)
        stamp = submitted / "timestamp.txt"
        timestamp = stamp.read_text().strip() if stamp.is_file() else None
        kept = folders["autograded"] / f"{lesson}.ipynb"
        nbformat.write(autograded(notebook, source, result.outputs()), kept)
        with self.lock:
            late = record(self.db_url, lesson, student, timestamp, result)
            page = redact.render(kept, self.db_url, lesson, student)
        leaked = redact.leaks(page, redact.secret_lines(source, notebook))
        if leaked:
            with self.lock:
                forget(self.db_url, self.course_dir, student, lesson)
            return Outcome(
                student,
                lesson,
                error=f"the feedback would have shown hidden tests or solutions ({leaked[0]!r})",
                seed=self.seed,
            )
        redact.write_page(folders["feedback"] / f"{lesson}.html", page)
        return Outcome(
            student,
            lesson,
            score=result.score,
            max_score=result.max_score,
            late=late > 0,
            notes=tuple(result.notes),
            seed=self.seed,
        )


EXCHANGE_FILES = ("timestamp.txt", "submission_secret.txt")
MAX_NOTEBOOK = 64 * 1024**2
"""Bytes of the largest submission read."""


def _read_submission(folder: Path, lesson: str) -> tuple[nbformat.NotebookNode | None, str]:
    """The submitted notebook, or why it cannot be graded, in words."""
    notebook_path = folder / f"{lesson}.ipynb"
    if notebook_path.is_symlink():  # it could point at source/ or at another student's work
        return None, f"{lesson}.ipynb is a symbolic link, not the submitted file"
    if not notebook_path.is_file():
        found = ", ".join(sorted(p.name for p in folder.iterdir())) or "nothing"
        return None, f"no {lesson}.ipynb in the submission (found: {found})"
    if notebook_path.stat().st_size > MAX_NOTEBOOK:
        return None, f"{lesson}.ipynb is larger than {MAX_NOTEBOOK // 1024**2} MB"
    try:
        notebook = nbformat.read(notebook_path, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises several kinds for a broken file
        return None, f"{lesson}.ipynb is not a valid notebook ({type(error).__name__}: {error})"[
            :300
        ]
    if not any("nbgrader" in cell.metadata for cell in notebook.cells):
        return None, (
            f"{lesson}.ipynb has lost its nbgrader cell metadata (was the work copied into "
            f"a new notebook?): it cannot be matched to the assignment"
        )
    stamp = folder / "timestamp.txt"
    if stamp.exists():
        from nbgrader.utils import parse_utc

        try:
            parse_utc(stamp.read_text().strip())
        except Exception:
            return None, f"timestamp.txt does not hold a date: {stamp.read_text()[:40]!r}"
    return notebook, ""


class Snapshot:
    """Every file under a folder as it was, to prove afterwards that nothing changed (and put
    back what did: only student code outside a sandbox could have changed it)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[Path, tuple[str, bytes | None]] = {}
        kept = 0
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
            content = path.read_bytes()
            kept += len(content)
            keep = content if kept <= MAX_KEPT else None
            self.files[path.relative_to(root)] = (hashlib.sha256(content).hexdigest(), keep)

    def restore(self) -> dict[Path, str]:
        """Put back every file that was changed or removed; say what happened to each."""
        messages = {}
        for relative, (digest, content) in self.files.items():
            path = self.root / relative
            try:
                same = hashlib.sha256(path.read_bytes()).hexdigest() == digest
            except OSError:
                same = False
            if same:
                continue
            where = f"submitted/{relative}"
            if content is None:
                messages[relative] = (
                    f"{where} was changed during grading and is too large to restore"
                )
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            messages[relative] = f"{where} has been restored"
        return messages


MAX_KEPT = 512 * 1024**2
"""Bytes of submissions kept in memory while grading, to restore them if need be."""


def _write_csv(path: Path, outcomes: list[Outcome]) -> None:
    temporary = path.with_suffix(".csv.tmp")
    with temporary.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            ["student", "lesson", "score", "max_score", "late", "status", "notes", "seed"]
        )
        for o in outcomes:
            writer.writerow(
                [
                    o.student,
                    o.lesson,
                    "" if o.score is None else o.score,
                    "" if o.max_score is None else o.max_score,
                    o.late,
                    f"error: {o.error}" if o.error else "graded",
                    "; ".join(o.notes),
                    "" if o.seed is None else o.seed,
                ]
            )
    os.replace(temporary, path)
