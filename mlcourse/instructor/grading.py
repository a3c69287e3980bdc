"""Scores decided in the grader's process: run a lesson's cells in the sandbox, then judge each
exercise's outcomes (plain data) with the same :class:`mlcourse.feedback.Exercise` the notebook
check uses, so the student and the instructor read the same diagnosis.

The visible point is the exercise's verdict on the cases of the notebook's visible check; the
hidden points its verdict on cases drawn from seeds that are new for every grading run (derived
from one run seed, printed and kept in ``grades.csv`` so a grade can be reproduced). An answer
that refers to the package's own answer to its exercise (read from its code, or caught calling it
in the sandbox) earns nothing for that exercise: the functions it forbids are the package's own
answers and every package function they reach (:attr:`Exercise.all_forbidden`).
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

import nbformat
import numpy as np

from mlcourse.check_view import CheckView
from mlcourse.feedback import Exercise, Outcome, TimeLimitExceeded, Verdict, time_limit
from mlcourse.instructor import redact, static_analysis, tagging
from mlcourse.instructor.limits import GradingLimits
from mlcourse.instructor.sandbox import Sandbox
from mlcourse.instructor.session import ExerciseRun, Request, run_lesson
from mlcourse.instructor.submission import (
    GradedExercise,
    Prepared,
    exercises_of,
    read_notebook,
    view_outputs,
)

HIDDEN_CASES = 3
"""Seeds of hidden cases per exercise, as many as the source notebooks' hidden tests use."""
HIDDEN_PASSED = "Hidden tests passed."
PASSED, NOT_GRADED = "passed", "not_graded"
"""Beside the check's verdict kinds (:data:`mlcourse.feedback.VERDICT_KINDS`), what a record
says of cases no verdict was reached on."""


def fresh_seed() -> int:
    """A seed for one grading run, from the operating system's randomness."""
    return secrets.randbits(32)


def hidden_seeds(seed: int, lesson: str, name: str, avoid: int) -> list[int]:
    """The seeds of an exercise's hidden cases in the run ``seed`` (never the visible one)."""
    draw = random.Random(f"{seed}/{lesson}/{name}")
    seeds: list[int] = []
    while len(seeds) < HIDDEN_CASES:
        candidate = draw.randrange(1_000, 2**31)
        if candidate != avoid and candidate not in seeds:
            seeds.append(candidate)
    return seeds


def registry() -> Mapping[str, Exercise]:
    """Every exercise's check, by the name of the function the learner writes."""
    from mlcourse.checks import EXERCISES

    return EXERCISES


@dataclass
class ExerciseGrade:
    """One exercise's points and what the feedback says about them."""

    exercise: GradedExercise
    visible: float = 0.0
    hidden: float = 0.0
    visible_message: str = ""
    hidden_message: str = ""
    incident: str = ""
    """What happened beyond a wrong answer, for the report (a crash, a borrowed reference, …)."""
    visible_view: CheckView | None = None
    """The visible check's verdict as the notebook shows it (None: ``visible_message`` alone)."""
    visible_kind: str = NOT_GRADED
    """The kind of the check's verdict on the visible cases ("passed", "mistake", "facts", …),
    or "not_graded" when it reached none."""
    hidden_kind: str = NOT_GRADED
    visible_mistakes: tuple[str, ...] = ()
    """The ids of the mistakes the check named on the visible cases."""
    hidden_mistakes: tuple[str, ...] = ()

    @property
    def visible_passed(self) -> bool:
        return self.visible == self.exercise.visible_points and self.visible > 0

    @property
    def hidden_passed(self) -> bool:
        return self.hidden == self.exercise.hidden_points and self.hidden > 0

    def outputs(self) -> dict[str, list[nbformat.NotebookNode]]:
        """What the check and hidden-test cells show in the autograded notebook."""
        _, check_id, hidden_id = self.exercise.ids
        visible = self.visible_view or CheckView.said(self.visible_passed, self.visible_message)
        # Hidden cases are told in the grader's own words only, never with their evidence.
        hidden = (
            CheckView.said(True, HIDDEN_PASSED)
            if self.hidden_passed
            else CheckView.said(False, f"Hidden tests failed: {self.hidden_message}")
        )
        return {
            check_id: view_outputs(visible, self.visible_message),
            hidden_id: view_outputs(hidden, self.hidden_message),
        }


@dataclass
class LessonGrade:
    exercises: list[ExerciseGrade]
    notes: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(g.visible + g.hidden for g in self.exercises)

    @property
    def max_score(self) -> float:
        return sum(g.exercise.max_score for g in self.exercises)

    def outputs(self) -> dict[str, list[nbformat.NotebookNode]]:
        return {key: value for g in self.exercises for key, value in g.outputs().items()}


@dataclass(frozen=True)
class Read:
    """A submission read: the notebook ready to run, and what reading its code found."""

    prepared: Prepared
    review: static_analysis.Review


def read_submission(
    data: bytes,
    lesson: str,
    exercises: list[GradedExercise],
    forbidden: dict[str, tuple[str, ...]],
    analysis_seconds: float,
) -> Read | str:
    """The notebook in ``data`` read (:func:`submission.read_notebook`; or why it cannot be
    graded) and its code read for the functions each exercise forbids and for flags, within
    ``analysis_seconds``. Reads student content: the grader runs it in a budgeted worker."""
    prepared = read_notebook(data, lesson, exercises)
    if not isinstance(prepared, Prepared):
        return prepared
    numbered = [(cell.number, cell.code) for cell in prepared.cells]
    answers = {name: (at, forbidden[name]) for name, at in prepared.positions.items()}
    try:
        with time_limit(analysis_seconds):
            review = static_analysis.review(numbered, answers)
    except TimeLimitExceeded:
        review = static_analysis.Review({}, [], {ALL: f"longer than {analysis_seconds:g} s"})
    return Read(prepared, review)


ALL = ""
"""The key of :attr:`Review.unreadable` when no answer could be read."""


@dataclass(frozen=True)
class LessonPlan:
    """What grading one lesson in a run asks every submission: each exercise's calls (visible,
    then hidden), and the hidden inputs as they may be printed, which no page may show."""

    lesson: str
    exercises: list[GradedExercise]
    requests: dict[str, Request]
    hidden_values: frozenset[str]


def plan_lesson(
    source: nbformat.NotebookNode, lesson: str, checks: Mapping[str, Exercise], seed: int
) -> LessonPlan:
    """The calls of every exercise of ``source`` in the run ``seed``: the same for every
    student, so made once per lesson."""
    exercises = exercises_of(source, lesson)
    requests, hidden_values = {}, set()
    for exercise in exercises:
        check = checks[exercise.name]
        hidden = hidden_seeds(seed, lesson, exercise.name, exercise.visible_seed)
        batches = []
        for case_seed in [exercise.visible_seed, *hidden]:
            calls = check.cases(case_seed)
            batches.append((calls, check.limits(calls)))
            if case_seed != exercise.visible_seed:
                hidden_values |= printed_inputs(calls)
        requests[exercise.name] = Request(tuple(batches), tuple(check.all_forbidden))
    return LessonPlan(lesson, exercises, requests, frozenset(hidden_values))


def grade_lesson(
    plan: LessonPlan,
    read: Read,
    checks: Mapping[str, Exercise],
    sandbox: Sandbox,
    limits: GradingLimits,
    retry_on_signal: bool = False,
) -> LessonGrade:
    """Grade one student's lesson as ``plan`` asks, ``read`` by :func:`read_submission`;
    ``checks`` holds the Exercise of every exercise. With ``retry_on_signal``, a runner ended
    by a signal the grader did not send raises :class:`session.Interrupted`."""
    exercises, plans = plan.exercises, plan.requests
    cells, positions, review = read.prepared.cells, read.prepared.positions, read.review
    wanted = {name: plans[name] for name in positions}
    labels = {e.name: e.label for e in exercises}
    run = run_lesson(sandbox, cells, wanted, labels, limits, retry_on_signal)
    grades = []
    for exercise in exercises:
        check, request = checks[exercise.name], plans[exercise.name]
        if exercise.name not in positions:
            answer_id = tagging.answer_id(exercise.name)
            grades.append(
                _nothing(
                    exercise,
                    f"the answer cell of {exercise.label} is missing from the notebook "
                    f"(no cell with the nbgrader id {answer_id})",
                    incident=True,
                )
            )
            continue
        taken = review.borrowed.get(exercise.name, [])
        grades.append(_judge(exercise, check, request, run.exercises.get(exercise.name), taken))
    notes = [g.incident for g in grades if g.incident] + run.notes
    unread = [
        (f"the code of {e.label}", review.unreadable[e.name])
        for e in exercises
        if e.name in review.unreadable
    ]
    for key in (ALL, "flags"):
        if key in review.unreadable:
            unread.append(("the code", review.unreadable[key]))
    flagged = review.flags + [
        f"{what} could not be read for borrowed references or flags ({why}): read it yourself"
        for what, why in unread
    ]
    if flagged:
        notes.append("flagged for review: " + "; ".join(flagged))
    return LessonGrade(grades, notes)


def printed_inputs(calls: list[tuple]) -> set[str]:
    """Every float of the arrays (also inside dicts and lists) of ``calls``, as it may be
    printed (:func:`redact.printed_forms`)."""
    found: set[str] = set()
    pending: list = [argument for args in calls for argument in args]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending += value.values()
        elif isinstance(value, list | tuple):
            pending += value
        elif isinstance(value, np.ndarray) and value.dtype.kind == "f":
            for number in value.ravel()[:100_000]:
                found |= redact.printed_forms(float(number))
        elif type(value) is float:
            found |= redact.printed_forms(value)
    return found


def _judge(
    exercise: GradedExercise,
    check: Exercise,
    plan: Request,
    run: ExerciseRun | None,
    borrowed: list[str],
) -> ExerciseGrade:
    if run is not None and run.outcomes is not None:
        # The sandbox names what was called; only names this exercise forbids are repeated.
        tripped = {
            name
            for batch in run.outcomes
            for o in batch
            if o.kind == "borrowed"
            for name in o.error.split(", ")
        }
        forbidden = check.all_forbidden
        borrowed = borrowed + [name for name in forbidden if name in tripped]
        if tripped and not borrowed:
            borrowed = list(check.forbidden)
    if borrowed:
        names = ", ".join(dict.fromkeys(borrowed))
        return _nothing(
            exercise,
            f"no points for {exercise.label}: the answer uses {names}, the package's own "
            f"answer to this exercise. Write it yourself (the other functions of mlcourse "
            f"stay fine to use where the exercise invites it).",
            incident=True,
        )
    if run is None:
        return _nothing(exercise, f"{exercise.label} was not graded", incident=True)
    if run.outcomes is None:
        return _nothing(exercise, run.failure, incident=run.incident)
    verdicts: list[Verdict] = []
    for (calls, _), outcomes in zip(plan.batches, run.outcomes, strict=True):
        verdict, problem = _verdict(check, calls, outcomes)
        if verdict is None:
            return _nothing(exercise, problem, incident=True)
        verdicts.append(verdict)
    visible = verdicts[0]
    failing = [(v, o) for v, o in zip(verdicts[1:], run.outcomes[1:], strict=True) if not v.passed]
    hidden = failing[0][0] if failing else None
    return ExerciseGrade(
        exercise,
        visible=exercise.visible_points if visible.passed else 0.0,
        hidden=exercise.hidden_points if not failing else 0.0,
        visible_message=visible.message,  # a right answer: the success line, and its warnings
        hidden_message=_hidden_failure(visible.passed, failing[0][1]) if failing else HIDDEN_PASSED,
        visible_view=CheckView.of(visible, check.name),
        visible_kind=visible.kind,
        hidden_kind=hidden.kind if hidden is not None else PASSED,
        visible_mistakes=visible.mistake_ids,
        hidden_mistakes=hidden.mistake_ids if hidden is not None else (),
    )


HOW_IT_FAILED = {
    "died": "it stopped the Python process",
    "timeout": "it did not finish in time",
    "raised": "it raised an exception",
    "not_callable": "it is not a function",
    "not_run": "it did not finish in time",
}


def _hidden_failure(visible_passed: bool, outcomes: list[Outcome]) -> str:
    """What the feedback says about failed hidden cases: how they failed, in the grader's own
    words. Never the check's diagnosis of them, which quotes their inputs (and an exception's
    message, which the student's code writes, could smuggle them out)."""
    if not visible_passed:
        return "the same check fails on other data too (the visible check above names the mistake)."
    kinds = {outcome.kind for outcome in outcomes}
    how = next(
        (words for kind, words in HOW_IT_FAILED.items() if kind in kinds),
        "it returned results the check does not accept",
    )
    return (
        f"right on the visible cases, but on other data {how}: compute the result from the "
        f"arguments, whatever they are, not from the visible cases."
    )


def _verdict(
    check: Exercise, calls: list[tuple], outcomes: list[Outcome]
) -> tuple[Verdict | None, str]:
    """(the check's verdict, "") or (None, why the check could not judge these outcomes)."""
    try:
        with np.errstate(all="ignore"):  # a student's inf or nan is judged, not warned about
            return check.judgement(calls, outcomes), ""
    except Exception as error:  # a check that breaks on odd data must not stop the grading
        return None, (
            f"the check of `{check.name}` could not judge this answer "
            f"({type(error).__name__}); please grade it by hand"
        )


def _nothing(exercise: GradedExercise, reason: str, incident: bool = False) -> ExerciseGrade:
    return ExerciseGrade(
        exercise,
        visible_message=reason,
        hidden_message=reason,
        incident=reason if incident else "",
    )
