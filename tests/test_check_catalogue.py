"""Every realistic answer in tests/catalogue.py gets the verdict it deserves, on every seed.

Right answers pass on the visible seed and the hidden ones. Wrong answers fail on every seed
with a message containing their keywords and the verdict they are written with: the id of the
mistake it must name, or the kind of verdict; an answer whose cause cannot be known must get
only the facts, no mistake.
"""

import functools

import pytest
from catalogue import ANSWERS, MACHINERY

from mlcourse import checks
from mlcourse.checks import ExerciseFailed

SEEDS = (0, 101)


@functools.cache
def verdict(answer, seed):
    """The check's verdict on ``answer``; each is computed once."""
    return checks.EXERCISES[answer.exercise].judge_function(answer.function, seed)


def diagnoses(exercise, realistic_only=False):
    """The ids of every mistake and finding of an exercise's judge (``realistic_only``: leaving
    out the mistakes made by a rule, every reordering of the parameters and every pair of slips
    of a chain, which tests/test_check_verdicts.py reaches with answers made by the same rule;
    each single slip of a chain stays)."""
    judge = checks.EXERCISES[exercise].judge
    mistakes = [
        m
        for m in judge.all_mistakes
        if not realistic_only or not m.made_by or (m.made_by == "chain" and "+" not in m.id)
    ]
    return [m.id for m in mistakes] + [f.id for f in judge.findings]


@pytest.mark.parametrize("answer", [a for a in ANSWERS if a.right], ids=lambda a: a.id)
@pytest.mark.parametrize("seed", SEEDS)
def test_right_answers_pass(answer, seed):
    result = verdict(answer, seed)
    assert result.passed, result.message


@pytest.mark.parametrize("answer", [a for a in ANSWERS if not a.right], ids=lambda a: a.id)
@pytest.mark.parametrize("seed", SEEDS)
def test_wrong_answers_get_their_diagnosis(answer, seed):
    result = verdict(answer, seed)
    assert not result.passed, "a wrong answer was accepted"
    for keyword in answer.keywords:
        assert keyword.lower() in result.message.lower(), result.message
    if answer.mistake is not None:
        assert result.kind == "mistake", result.message
        assert answer.mistake in result.mistake_ids, (result.mistake_ids, result.message)
    if answer.kind is not None:
        assert result.kind == answer.kind, result.message
    if answer.named:
        assert answer.mistake is not None or answer.kind is not None
    else:
        assert result.kind != "mistake" and not result.mistake_ids, (
            f"guessed a mistake for an answer whose cause is unknown: {result.message}"
        )
    assert "Traceback" not in result.message and "mlcourse/" not in result.message


def test_every_answer_has_a_name_of_its_own():
    ids = [answer.id for answer in ANSWERS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("behaviour", list(MACHINERY))
@pytest.mark.parametrize("exercise", list(checks.EXERCISES))
def test_any_return_value_or_ending_gets_a_diagnosis(exercise, behaviour):
    function, keyword = MACHINERY[behaviour]
    with pytest.raises(ExerciseFailed) as failure:
        checks.EXERCISES[exercise].check(function)
    assert keyword in str(failure.value), failure.value
    assert f"`{exercise}`" in str(failure.value)


def test_every_diagnosis_in_every_table_is_reached_by_a_realistic_answer():
    """A mistake or finding no learner's answer produces is a broken entry (a typo in its
    formula, a finding that can never show)."""
    reached = {
        (answer.exercise, mistake)
        for answer in ANSWERS
        if not answer.right
        for mistake in verdict(answer, 0).mistake_ids
    }
    missing = [
        (name, mistake)
        for name in checks.EXERCISES
        for mistake in diagnoses(name, realistic_only=True)
        if (name, mistake) not in reached
    ]
    assert not missing, missing


@pytest.mark.parametrize("exercise", list(checks.EXERCISES))
def test_every_diagnosis_has_an_id_of_its_own(exercise):
    ids = diagnoses(exercise)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert all(i and i == i.strip() and "\n" not in i for i in ids)


NUMERICALLY_STABLE = {
    "sigmoid",
    "binary_cross_entropy",
    "softmax",
    "cross_entropy",
    "classifier_error",
}
"""The exercises whose point is that nothing overflows or takes the log of 0 (issue 19)."""


def test_the_numerically_stable_exercises_reject_an_answer_that_warns():
    """Only these exercises fail on numpy's warnings, and each has a realistic answer with the
    right values that warns (test_wrong_answers_get_their_diagnosis holds it to "warned")."""
    failing = {name for name, e in checks.EXERCISES.items() if e.judge.failing_warnings}
    assert failing == NUMERICALLY_STABLE
    warned = {answer.exercise for answer in ANSWERS if answer.kind == "warned"}
    assert warned >= NUMERICALLY_STABLE, NUMERICALLY_STABLE - warned
