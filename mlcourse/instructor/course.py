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
import io
import os
import subprocess
import sys
import sysconfig
import warnings
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import nbformat

from mlcourse.feedback import Exercise
from mlcourse.instructor import config as course_config
from mlcourse.instructor import gradebook, grading, output, page, redact, tagging
from mlcourse.instructor import sandbox as sandboxes
from mlcourse.instructor.config import JOBS
from mlcourse.instructor.limits import GradingLimits, run_stage
from mlcourse.instructor.safe_text import spreadsheet_cell
from mlcourse.instructor.sandbox import Sandbox
from mlcourse.instructor.session import Interrupted
from mlcourse.instructor.submission import exercises_of
from mlcourse.instructor.submitted import (
    Refusal,
    Submission,
    SubmissionFolder,
    identities,
    read_regular_file,
)
from mlcourse.lessons import lessons_folder, without_banner

LESSONS = lessons_folder()
"""The worked lessons this package ships (in a clone: its ``notebooks/``)."""
MAX_GRADEBOOK = 4 * 1024**3
"""Bytes of the largest gradebook read."""


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
    limits: GradingLimits | None = None,
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
    same seed to reproduce a grading). ``limits`` holds every cap and time budget.

    ``submitted/`` is read once, through :class:`SubmissionFolder`, before any student code
    runs; the gradebook, the pages and ``grades.csv`` are written only after every student
    process has ended (the gradebook from the copy read at the start, checked, then put in
    place). Raises only for a broken course (no source/, an exercise without a check, a
    gradebook holding what nbgrader does not make) or a gradebook that did not take the scores;
    a submission it cannot grade gets a reason.
    """
    limits = limits or GradingLimits()
    course_dir = course_dir.resolve()
    if not (course_dir / "source").is_dir():
        raise FileNotFoundError(f"{course_dir} has no source/: run `mlcourse assign` first")
    seed = grading.fresh_seed() if seed is None else seed
    if sandbox is None:
        sandbox = sandboxes.detect(course_dir, limits.sandbox)
        if sandbox.warning:
            warnings.warn(sandbox.warning, sandboxes.IsolationWarning, stacklevel=2)
    checks = grading.registry() if checks is None else checks
    sources, plans = {}, {}
    for lesson in lessons(course_dir):
        source = nbformat.read(course_dir / "source" / lesson / f"{lesson}.ipynb", as_version=4)
        missing = [e.name for e in exercises_of(source, lesson) if e.name not in checks]
        if missing:
            raise ValueError(f"{lesson}: no check for {', '.join(missing)} in mlcourse.checks")
        sources[lesson] = source
        plans[lesson] = grading.plan_lesson(source, lesson, checks, seed)
    before = read_regular_file(course_dir / "gradebook.db", MAX_GRADEBOOK)
    gradebook.check_schema(before)
    instructor = identities({f"{name}/": course_dir / name for name in ("source", "release")})
    folder = SubmissionFolder(
        course_dir / "submitted", list(sources), limits, instructor=instructor
    )
    found = folder.read()
    outcomes = [
        Outcome(f.student, f.lesson, error=f.reason, seed=seed)
        for f in found
        if isinstance(f, Refusal)
    ]
    students: dict[str, list[Submission]] = {}
    for submission in (f for f in found if isinstance(f, Submission)):
        students.setdefault(submission.student, []).append(submission)
    job = _Job(plans, checks, sandbox, seed, limits, folder)
    graded: list[Graded] = []
    interrupted: list[_Interrupted] = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for results in pool.map(job.grade_all, students.values()):
            graded += [r for r in results if isinstance(r, Graded)]
            outcomes += [r for r in results if isinstance(r, Outcome)]
            interrupted += [r for r in results if isinstance(r, _Interrupted)]
    # A runner ended by a signal the grader did not send is never scored: graded again alone.
    for first in interrupted:
        again = job.grade(first.submission, alone=True)
        if isinstance(again, Graded):
            again.grade.notes.append(
                f"graded again alone: its first runner was killed by {first.signal}, a signal "
                f"the grader did not send"
            )
        else:
            outcomes.append(again)
            continue
        graded.append(again)
    # Every student process has ended: from here on, only the grader writes.
    restored = folder.restore()
    published, problem = _publish(
        course_dir, graded, sources, plans, before, folder, jobs, limits, seed
    )
    outcomes += published
    said = [(path[0], path[1] if len(path) > 2 else "", m) for path, m in restored.items()]
    said += [(student, "", message) for student, message in folder.notes.items()]
    for student, lesson, message in said:
        warnings.warn(message, sandboxes.IsolationWarning, stacklevel=2)
        for i, o in enumerate(outcomes):
            if o.student == student and (o.lesson == lesson or not lesson):
                outcomes[i] = replace(o, notes=(*o.notes, message))
    outcomes.sort(key=lambda o: (o.student, o.lesson))
    _write_csv(course_dir / "grades.csv", outcomes)
    if problem is not None:
        raise problem
    return outcomes


@dataclass(frozen=True)
class Graded:
    """One submission graded, not yet published: what writing its gradebook entry, its page and
    its row needs (the place for a per-submission record of the grade). The notebook itself is
    read again from the folder's copy when its page is made: a class's notebooks are never all
    held at once."""

    submission: Submission
    grade: grading.LessonGrade


@dataclass(frozen=True)
class _Interrupted:
    """A submission whose runner was ended by ``signal``, which the grader did not send."""

    submission: Submission
    signal: str


@dataclass
class _Job:
    """What grading one student's lessons needs; ``grade_all`` may run in several threads."""

    plans: dict[str, grading.LessonPlan]
    checks: Mapping[str, Exercise]
    sandbox: Sandbox
    seed: int
    limits: GradingLimits
    folder: SubmissionFolder

    def grade_all(self, submissions: list[Submission]) -> list[Graded | Outcome | _Interrupted]:
        return [self.grade(submission) for submission in submissions]

    def grade(self, submission: Submission, alone: bool = False) -> Graded | Outcome | _Interrupted:
        """Grade one lesson; anything unexpected becomes this submission's error, never the
        others'. A runner ended by a signal the grader did not send gives ``_Interrupted``
        (to be graded again ``alone``, when no other student's code runs); alone in the
        sandbox, that signal can only come from the student's own code (or the kernel) and
        is blamed on it; alone without the sandbox, any process left behind by student code
        could have sent it, so the submission is not scored."""
        lesson = submission.lesson
        try:
            exercises = self.plans[lesson].exercises
            budget = replace(
                self.limits.reading,
                seconds=self.limits.reading.seconds + self.limits.analysis_seconds,
            )
            reading = run_stage(
                "reading the notebook",
                budget,
                grading.read_submission,
                self.folder.notebook(submission),
                lesson,
                exercises,
                {e.name: self.checks[e.name].all_forbidden for e in exercises},
                self.limits.analysis_seconds,
            )
            if not reading.ok:
                return self._error(
                    submission, f"{lesson}.ipynb could not be read: {reading.failure}"
                )
            if not isinstance(reading.value, grading.Read):
                return self._error(submission, str(reading.value))
            retry = not alone or self.sandbox.kind != sandboxes.BUBBLEWRAP
            result = grading.grade_lesson(
                self.plans[lesson], reading.value, self.checks, self.sandbox, self.limits, retry
            )
            return Graded(submission, result)
        except Interrupted as signal:
            if not alone:
                return _Interrupted(submission, str(signal))
            return self._error(
                submission,
                f"grading was interrupted twice: its runner was killed by {signal}, a signal "
                f"the grader did not send, even when graded alone (without a sandbox, any "
                f"process left behind by student code can send it): not scored",
            )
        except Exception as error:  # a grader bug must cost one grade, not the whole class's
            return self._error(submission, f"grading failed ({type(error).__name__}: {error})")

    def _error(self, submission: Submission, message: str) -> Outcome:
        text = message if len(message) <= 300 else message[:299] + "…"
        return Outcome(submission.student, submission.lesson, error=text, seed=self.seed)


def _publish(
    course_dir: Path,
    graded: list[Graded],
    sources: dict[str, nbformat.NotebookNode],
    plans: dict[str, grading.LessonPlan],
    before: bytes,
    folder: SubmissionFolder,
    jobs: int,
    limits: GradingLimits,
    seed: int,
) -> tuple[list[Outcome], gradebook.GradebookError | None]:
    """Record every graded submission in a copy of the gradebook as it was before grading,
    write its page and autograded notebook, check the copy, put it in place; return the
    outcomes, and why the gradebook was not replaced (None when it was)."""
    working = gradebook.working_copy(course_dir, before)
    try:
        url = gradebook.db_url(working)
        lateness = gradebook.record_all(
            url,
            [
                (g.submission.lesson, g.submission.student, g.submission.timestamp, g.grade)
                for g in graded
            ],
        )
        outcomes, recorded = [], []
        for one, late in zip(graded, lateness, strict=True):
            if isinstance(late, Exception):
                why = f"grading failed (the gradebook refused it: {type(late).__name__})"
                outcomes.append(
                    Outcome(one.submission.student, one.submission.lesson, error=why, seed=seed)
                )
            else:
                recorded.append((one, late))
        secrets = {
            lesson: (redact.secret_lines(source), plans[lesson].hidden_values)
            for lesson, source in sources.items()
        }
        writer = _PageWriter(course_dir, url, sources, secrets, limits, folder)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            notes = list(pool.map(writer.write, [one for one, _ in recorded]))
        for (one, late), more in zip(recorded, notes, strict=True):
            outcomes.append(
                Outcome(
                    one.submission.student,
                    one.submission.lesson,
                    score=one.grade.score,
                    max_score=one.grade.max_score,
                    late=late > 0,
                    notes=(*one.grade.notes, *more),
                    seed=seed,
                )
            )
        try:
            gradebook.verify(
                working,
                [(one.submission.lesson, one.submission.student, one.grade) for one, _ in recorded],
            )
        except gradebook.GradebookError as error:
            return outcomes, error
        os.replace(working, course_dir / "gradebook.db")
    finally:
        working.unlink(missing_ok=True)
    return outcomes, None


@dataclass(frozen=True)
class _PageWriter:
    """Writes one graded submission's page, autograded notebook and exchange files."""

    course_dir: Path
    db_url: str
    sources: dict[str, nbformat.NotebookNode]
    secrets: dict[str, tuple[tuple[str, ...], frozenset[str]]]
    """By lesson: its secret lines and its hidden inputs as they may be printed."""
    limits: GradingLimits
    folder: SubmissionFolder

    def write(self, graded: Graded) -> tuple[str, ...]:
        """Write what the page stage makes; return the notes it calls for (a page that cannot
        be written costs that page, never the scores or anyone else's page)."""
        try:
            return self._write(graded)
        except Exception as error:  # a full disk, a folder the grader may not write
            return (f"no feedback page: it could not be written ({type(error).__name__})",)

    def _write(self, graded: Graded) -> tuple[str, ...]:
        student, lesson = graded.submission.student, graded.submission.lesson
        places = {name: (name, student, lesson) for name in ("autograded", "feedback")}
        for parts in places.values():
            output.clear(self.course_dir, parts)
        made = self._page(graded, (self.limits.markdown_chars, self.limits.markdown_total))
        notes = []
        if not made.ok:  # once more with every markdown cell as plain text, which is linear
            failure = made.failure
            made = self._page(graded, (0, 0))
            if made.ok:
                notes.append(f"markdown shown as plain text on the feedback page ({failure})")
        if not made.ok:
            return (*notes, f"no feedback page and no autograded notebook: {made.failure}")
        result: page.Page = made.value
        files = {
            "autograded": {f"{lesson}.ipynb": nbformat.writes(result.notebook).encode()},
            "feedback": {}
            if result.html is None
            else {f"{lesson}.html": result.html.encode("utf-8", "replace")},
        }
        for name, parts in places.items():
            folder = output.fresh_folder(self.course_dir, parts)
            try:
                for file_name, content in (*graded.submission.exchange, *files[name].items()):
                    output.write_file(folder, file_name, content)
            finally:
                os.close(folder)
        if result.withheld:
            notes.append(
                f"feedback: {', '.join(result.withheld)} withheld: it would have shown a line "
                f"of the hidden tests or solutions, or a hidden input (please report it)"
            )
        return tuple(notes)

    def _page(self, graded: Graded, markdown: tuple[int, int]):
        source = self.sources[graded.submission.lesson]
        where = (self.db_url, graded.submission.lesson, graded.submission.student)
        return run_stage(
            "rendering the feedback",
            self.limits.page,
            page.feedback_page,
            self.folder.notebook(graded.submission),
            source,
            graded.grade.outputs(),
            where,
            self.secrets[graded.submission.lesson],
            markdown,
        )


def _write_csv(path: Path, outcomes: list[Outcome]) -> None:
    """``grades.csv``, every cell as a spreadsheet shows it and never runs it."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(["student", "lesson", "score", "max_score", "late", "status", "notes", "seed"])
    for o in outcomes:
        row = [
            o.student,
            o.lesson,
            "" if o.score is None else o.score,
            "" if o.max_score is None else o.max_score,
            o.late,
            f"error: {o.error}" if o.error else "graded",
            "; ".join(o.notes),
            "" if o.seed is None else o.seed,
        ]
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    output.replace_file(path, text.getvalue().encode("utf-8"))
