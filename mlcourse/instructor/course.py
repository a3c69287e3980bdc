"""Assign the lessons as nbgrader assignments, and grade what students hand in.

A course directory follows nbgrader's layout::

    COURSE_DIR/nbgrader_config.py, gradebook.db
    COURSE_DIR/source/<lesson>/<lesson>.ipynb       the lessons, with solutions and hidden tests
    COURSE_DIR/release/<lesson>/<lesson>.ipynb      what students get
    COURSE_DIR/submitted/<student>/<lesson>/<lesson>.ipynb (+ timestamp.txt)
    COURSE_DIR/autograded/…, feedback/<student>/<lesson>/<lesson>.html
    COURSE_DIR/course.json                          due dates, extensions, late policy, seeds
    COURSE_DIR/records/<student>/<lesson>.json      what grading decided, one file each
    COURSE_DIR/mlcourse-grades.csv                  every grade, as the gradebook holds it
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import sysconfig
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import nbformat

from mlcourse.feedback import Exercise
from mlcourse.instructor import config as course_config
from mlcourse.instructor import (
    gradebook,
    grading,
    output,
    page,
    records,
    redact,
    schedule,
    scores,
    tagging,
)
from mlcourse.instructor import sandbox as sandboxes
from mlcourse.instructor.config import JOBS
from mlcourse.instructor.limits import GradingLimits, run_stage
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
from mlcourse.lessons import lessons_folder, select, without_banner

LESSONS = lessons_folder()
"""The worked lessons this package ships (in a clone: its ``notebooks/``)."""
MAX_GRADEBOOK = 4 * 1024**3
"""Bytes of the largest gradebook read."""


@dataclass
class Outcome:
    """The grade of one student's lesson, or why there is none.

    ``notes`` say, in words, what happened beyond wrong answers (an exercise whose code stopped
    the Python process, an answer that borrowed the package's own, code flagged for review);
    ``seed`` is the lesson's seed the hidden cases were drawn from (kept in course.json);
    ``unchanged`` says it was graded before from the same inputs (not graded again).
    """

    student: str
    lesson: str
    score: float | None = None
    max_score: float | None = None
    late: bool = False
    error: str = ""
    notes: tuple[str, ...] = ()
    seed: int | None = None
    unchanged: bool = False


class Progress(Protocol):
    """What :func:`grade` tells of its progress (a tqdm bar is one)."""

    def update(self, n: int) -> object: ...

    def close(self) -> object: ...


class RecordWarning(UserWarning):
    """A grade record that does not read: its submission is graded again."""


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
    course_dir: Path,
    lessons_dir: Path | None = None,
    due: datetime | Mapping[str, datetime] | None = None,
    only: Sequence[str] = (),
    late: schedule.LatePolicy | None = None,
) -> list[str]:
    """Create or update the course directory and release lessons; return the lessons released.

    ``lessons_dir`` holds lesson notebooks (``01_….ipynb``, …) edited by the instructor; by
    default the lessons this package ships. ``only`` names the lessons to release ("3", "03",
    "03_gradients"; every lesson when empty). ``due`` is the due date of every lesson released,
    or a due date by lesson name (each of which must be released); a naive date means UTC. A
    lesson not given a due date keeps the one it has, ``late`` replaces the course's late policy
    (kept when None): nothing is cleared that is not given. The due date is shown in the release
    notebook's first cell. A new course directory is created private to its owner: ``source/``
    holds the solutions and hidden tests. Raises FileNotFoundError when there are no lessons,
    LessonError for a lesson name that is none, ValueError when a lesson's exercises break the
    pattern or a due date names a lesson not released, RuntimeError with nbgrader's last word
    when a release cannot be generated.
    """
    from nbgrader.api import Gradebook

    found = sorted((lessons_dir or LESSONS).glob("[0-9]*.ipynb"))
    if not found:
        raise FileNotFoundError(f"no lesson notebooks (01_….ipynb) in {lessons_dir or LESSONS}")
    paths = select(found, list(only))
    names = [path.stem for path in paths]
    dues = _due_dates(due, found, names)
    course_dir = course_dir.resolve()
    if not course_dir.exists():
        course_dir.mkdir(parents=True, mode=0o700)
    term = schedule.load(course_dir)
    for name, date in dues.items():
        term.set_due(name, date)
    if late is not None:
        term.late = late
    course_config.write(course_dir)
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        without_banner(notebook)  # a copy of the answer key, `mlcourse lessons --solutions`
        try:
            tagging.tag(notebook)
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None
        with_due_date(notebook, term.terms(path.stem).due, term.late)
        target = course_dir / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)
    grader = api(course_dir)
    if not (course_dir / "gradebook.db").exists():
        _create_gradebook(grader.coursedir.db_url)
    with Gradebook(grader.coursedir.db_url) as gradebook:
        for name in names:
            gradebook.update_or_create_assignment(
                name, duedate=schedule.naive_utc(term.terms(name).due)
            )
    schedule.save(course_dir, term)
    for name in names:
        result = grader.generate_assignment(name, force=True)
        if not result["success"]:
            log = (result.get("error") or result.get("log") or "").strip().splitlines()
            raise RuntimeError(f"could not release {name}: {(log or ['no message'])[-1]}")
    return names


def _due_dates(
    due: datetime | Mapping[str, datetime] | None, found: list[Path], released: list[str]
) -> dict[str, datetime]:
    """The due date of each lesson given one, by lesson name, in UTC."""
    if due is None:
        return {}
    if isinstance(due, datetime):
        return {name: schedule.in_utc(due) for name in released}
    dues = {}
    for wanted, date in due.items():
        for path in select(found, [wanted]):
            if path.stem not in released:
                raise ValueError(
                    f"--due {wanted}=…: {path.stem} is not among the lessons released "
                    f"(add --lesson {wanted})"
                )
            dues[path.stem] = schedule.in_utc(date)
    return dues


DUE_CELL = "mlcourse_due"
"""The metadata key of the cell that tells students a lesson's due date."""


def with_due_date(
    notebook: nbformat.NotebookNode, due: datetime | None, policy: schedule.LatePolicy
) -> None:
    """Put the due date (and the late policy) in the notebook's first cell, replacing the one
    an earlier release put there; no such cell when the lesson has no due date."""
    notebook.cells = [cell for cell in notebook.cells if not cell.metadata.get(DUE_CELL)]
    if due is None:
        return
    text = f"**Due: {schedule.shown(due)}**"
    if policy != schedule.LatePolicy():
        text += f" (late: {policy.describe()})"
    cell = nbformat.v4.new_markdown_cell(text, metadata={DUE_CELL: True})
    if notebook.get("nbformat_minor", 0) >= 5:
        cell["id"] = "mlcourse-due"  # the same in every release, not a random one
    else:
        cell.pop("id", None)
    notebook.cells.insert(0, cell)


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
    students: Sequence[str] = (),
    only: Sequence[str] = (),
    regrade: bool = False,
    new_seeds: Sequence[str] = (),
    progress: Callable[[int], Progress] | None = None,
) -> list[Outcome]:
    """Grade the submissions that are new or changed, publish them (gradebook, feedback pages,
    grade records) and write ``mlcourse-grades.csv``; return the outcome of every submission
    read (``unchanged`` for one graded before from the same inputs).

    ``students`` and ``only`` (lesson names, "3", "03" or "03_gradients") select; empty means
    all. ``regrade`` grades the selected submissions even when unchanged. Each lesson's hidden
    cases come from its own seed, kept in ``course.json``: drawn when the lesson is first graded
    (``seed`` when given, else fresh), drawn again for the lessons in ``new_seeds``. A
    submission is unchanged when its record (:mod:`records`) was made from the same notebook
    bytes, timestamp, lesson source, seed, package code, deadline and late policy, and the
    gradebook holds its grade.

    Student code runs in ``sandbox`` (by default the best one :func:`sandbox.detect` finds, with
    an IsolationWarning when that is not bubblewrap), one lesson per process, ``jobs`` students
    at once; scores are decided here, from plain data, by ``checks`` (by default
    ``mlcourse.checks.EXERCISES``). ``limits`` holds every cap and time budget. ``progress``,
    given the number of submissions to grade, returns what is told of each one graded.

    ``submitted/`` is read once, through :class:`SubmissionFolder`, before any student code
    runs; the gradebook, the pages and the records are written only after every student
    process has ended (the gradebook from the copy read at the start, checked, then put in
    place; a record only once its grade is in the gradebook). Raises only for a broken course
    (no source/, an exercise without a check, a gradebook holding what nbgrader does not make,
    a course.json that does not read) or a gradebook that did not take the scores; a
    submission it cannot grade gets a reason.
    """
    limits = limits or GradingLimits()
    course_dir = course_dir.resolve()
    if not (course_dir / "source").is_dir():
        raise FileNotFoundError(f"{course_dir} has no source/: run `mlcourse assign` first")
    every_lesson = lessons(course_dir)
    chosen = _chosen_lessons(every_lesson, only)
    term = schedule.load(course_dir)
    for lesson in _chosen_lessons(every_lesson, new_seeds) if new_seeds else ():
        term.set_seed(lesson, grading.fresh_seed() if seed is None else seed)
    for lesson in chosen:
        if term.terms(lesson).seed is None:
            term.set_seed(lesson, grading.fresh_seed() if seed is None else seed)
    schedule.save(course_dir, term)
    if sandbox is None:
        sandbox = sandboxes.detect(course_dir, limits.sandbox)
        if sandbox.warning:
            warnings.warn(sandbox.warning, sandboxes.IsolationWarning, stacklevel=2)
    checks = grading.registry() if checks is None else checks
    sources, digests = {}, {}
    for lesson in chosen:
        path = course_dir / "source" / lesson / f"{lesson}.ipynb"
        content = path.read_bytes()
        source = nbformat.reads(content.decode("utf-8"), as_version=4)
        missing = [e.name for e in exercises_of(source, lesson) if e.name not in checks]
        if missing:
            raise ValueError(f"{lesson}: no check for {', '.join(missing)} in mlcourse.checks")
        sources[lesson], digests[lesson] = source, hashlib.sha256(content).hexdigest()
    before = read_regular_file(course_dir / "gradebook.db", MAX_GRADEBOOK)
    gradebook.check_schema(before)
    in_gradebook = gradebook.held(before)
    instructor = identities({f"{name}/": course_dir / name for name in ("source", "release")})
    folder = SubmissionFolder(course_dir / "submitted", chosen, limits, instructor=instructor)
    wanted = set(students)
    found = [f for f in folder.read() if not wanted or f.student in wanted]
    known, unreadable = records.read_all(course_dir)
    for problem in unreadable:
        warnings.warn(f"{problem}: graded again", RecordWarning, stacklevel=2)
    code = package_digest()
    outcomes, inputs, to_grade = [], {}, []
    for item in found:
        seed_of = term.terms(item.lesson).seed if item.lesson else None
        if isinstance(item, Refusal):
            outcomes.append(Outcome(item.student, item.lesson, error=item.reason, seed=seed_of))
            continue
        deadline = term.deadline(item.student, item.lesson)
        inputs[item] = records.Inputs(
            notebook_sha256=item.digest,
            timestamp=item.timestamp,
            source_sha256=digests[item.lesson],
            seed=seed_of,
            package=code,
            deadline=None if deadline is None else deadline.isoformat(),
            late_policy=term.late.describe(),
        )
        before_now = known.get((item.student, item.lesson))
        if (
            not regrade
            and before_now is not None
            and before_now.status == records.GRADED
            and before_now.inputs == inputs[item]
            and (item.student, item.lesson) in in_gradebook
        ):
            late = term.seconds_late(item.student, item.lesson, _moment(item.timestamp)) > 0
            outcomes.append(_unchanged(before_now, late))
        else:
            to_grade.append(item)
    plans = {
        lesson: grading.plan_lesson(sources[lesson], lesson, checks, term.terms(lesson).seed)
        for lesson in {s.lesson for s in to_grade}
    }
    by_student: dict[str, list[Submission]] = {}
    for submission in to_grade:
        by_student.setdefault(submission.student, []).append(submission)
    seeds = {lesson: term.terms(lesson).seed for lesson in chosen}
    job = _Job(plans, checks, sandbox, seeds, limits, folder)
    graded: list[Graded] = []
    interrupted: list[_Interrupted] = []
    shown = progress(len(to_grade)) if progress else None
    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for results in pool.map(job.grade_all, by_student.values()):
                graded += [r for r in results if isinstance(r, Graded)]
                outcomes += [r for r in results if isinstance(r, Outcome)]
                interrupted += [r for r in results if isinstance(r, _Interrupted)]
                if shown is not None:
                    shown.update(len(results))
    finally:
        if shown is not None:
            shown.close()
    # A runner ended by a signal the grader did not send is never scored: graded again alone.
    for first in interrupted:
        again = job.grade(first.submission, alone=True)
        if isinstance(again, Graded):
            again.grade.notes.append(
                f"graded again alone: its first runner was killed by {first.signal}, a signal "
                f"the grader did not send"
            )
            graded.append(again)
        else:
            outcomes.append(again)
    # Every student process has ended: from here on, only the grader writes.
    restored = folder.restore()
    published, problem = _publish(
        course_dir, graded, sources, plans, before, folder, jobs, limits, term
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
    # A record is written once its grade is in the gradebook; when the gradebook did not take
    # this run's scores, each says so (status error, scores kept): it is graded again next time.
    now = datetime.now(UTC).isoformat(timespec="seconds")
    made = {(g.submission.student, g.submission.lesson): g.grade for g in graded}
    given = {(s.student, s.lesson): value for s, value in inputs.items()}
    for o in outcomes:
        if not (o.unchanged or not o.lesson):
            key = (o.student, o.lesson)
            record = _record(o, given.get(key), made.get(key), now, limits)
            if problem is not None and not o.error:
                record = replace(record, status=records.ERROR, error=f"not recorded: {problem}")
            records.write(course_dir, record)
    scores.write_grades(course_dir, term, [o for o in outcomes if not o.lesson])
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
    seeds: dict[str, int]
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
        seed = self.seeds[submission.lesson]
        return Outcome(submission.student, submission.lesson, error=text, seed=seed)


def _publish(
    course_dir: Path,
    graded: list[Graded],
    sources: dict[str, nbformat.NotebookNode],
    plans: dict[str, grading.LessonPlan],
    before: bytes,
    folder: SubmissionFolder,
    jobs: int,
    limits: GradingLimits,
    term: schedule.Course,
) -> tuple[list[Outcome], gradebook.GradebookError | None]:
    """Record every graded submission in a copy of the gradebook as it was before grading,
    tell it the term (due dates, extensions, late penalties of every submission), write each
    graded one's page and autograded notebook, check the copy, put it in place; return the
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
            seed = term.terms(one.submission.lesson).seed
            if isinstance(late, Exception):
                why = f"grading failed (the gradebook refused it: {type(late).__name__})"
                outcomes.append(
                    Outcome(one.submission.student, one.submission.lesson, error=why, seed=seed)
                )
            else:
                recorded.append(one)
        late_by = gradebook.apply_term(url, term)
        secrets = {
            lesson: (redact.secret_lines(sources[lesson]), plan.hidden_values)
            for lesson, plan in plans.items()
        }
        writer = _PageWriter(course_dir, url, sources, secrets, limits, folder)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            notes = list(pool.map(writer.write, recorded))
        for one, more in zip(recorded, notes, strict=True):
            key = (one.submission.student, one.submission.lesson)
            outcomes.append(
                Outcome(
                    one.submission.student,
                    one.submission.lesson,
                    score=one.grade.score,
                    max_score=one.grade.max_score,
                    late=late_by.get(key, 0.0) > 0,
                    notes=(*one.grade.notes, *more),
                    seed=term.terms(one.submission.lesson).seed,
                )
            )
        try:
            gradebook.verify(
                working,
                [(one.submission.lesson, one.submission.student, one.grade) for one in recorded],
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


def lesson_names(course_dir: Path, wanted: Sequence[str]) -> list[str]:
    """The lessons of the course named in ``wanted`` ("3", "03", "03_gradients"; all when
    empty); LessonError for a name that is none."""
    return _chosen_lessons(lessons(course_dir), wanted)


def _chosen_lessons(every: list[str], wanted: Sequence[str]) -> list[str]:
    """The lessons of the course named in ``wanted`` ("3", "03", "03_gradients"; all when
    empty); LessonError for a name that is none."""
    paths = [Path(f"{name}.ipynb") for name in every]
    return [path.stem for path in select(paths, list(wanted))]


def package_digest() -> str:
    """The version of this package and a digest of its Python code: a grade made by other
    checks is made again."""
    import mlcourse

    root = Path(mlcourse.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return f"{mlcourse.__version__}+{digest.hexdigest()[:16]}"


def _moment(timestamp: str | None) -> datetime | None:
    """A submission's timestamp.txt (already checked to be a date) as a datetime."""
    from nbgrader.utils import parse_utc

    return None if timestamp is None else parse_utc(timestamp)


def _unchanged(record: records.GradeRecord, late: bool) -> Outcome:
    return Outcome(
        record.student,
        record.lesson,
        score=record.score,
        max_score=record.max_score,
        notes=record.notes,
        late=late,
        seed=record.inputs.seed,
        unchanged=True,
    )


def _record(
    outcome: Outcome,
    inputs: records.Inputs | None,
    grade: grading.LessonGrade | None,
    now: str,
    limits: GradingLimits,
) -> records.GradeRecord:
    """The record of ``outcome`` (a refused submission has no inputs but its seed)."""
    if inputs is None:
        inputs = records.Inputs("", None, "", outcome.seed or 0, "", None, "")
    exercises = (
        () if grade is None or outcome.error else tuple(map(_exercise_record, grade.exercises))
    )
    return records.GradeRecord(
        student=outcome.student,
        lesson=outcome.lesson,
        status=records.ERROR if outcome.error else records.GRADED,
        inputs=inputs,
        graded_at=now,
        exercises=exercises,
        notes=outcome.notes,
        error=outcome.error,
        lesson_seconds=limits.lesson_seconds,
        cell_seconds=limits.cell_seconds,
    )


def _exercise_record(grade: grading.ExerciseGrade) -> records.ExerciseRecord:
    return records.ExerciseRecord(
        name=grade.exercise.name,
        visible=grade.visible,
        visible_points=grade.exercise.visible_points,
        hidden=grade.hidden,
        hidden_points=grade.exercise.hidden_points,
        visible_kind=grade.visible_kind,
        hidden_kind=grade.hidden_kind,
        visible_mistakes=grade.visible_mistakes,
        hidden_mistakes=grade.hidden_mistakes,
        visible_message=grade.visible_message,
        hidden_message=grade.hidden_message,
        incident=grade.incident,
    )
