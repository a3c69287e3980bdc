"""Every realistic answer in tests/catalogue.py gets the verdict it deserves, on every seed.

Right answers pass on the visible seed and the hidden ones. Wrong answers fail on every seed
with a message containing their keywords; a diagnosis that names a mistake must name this one,
and an answer whose cause cannot be known must get only the facts.
"""

import functools

import pytest
from catalogue import ANSWERS, MACHINERY

from mlcourse import checks
from mlcourse.checks import ExerciseFailed

SEEDS = (0, 101)


@functools.cache
def verdict(answer, seed):
    """The check's message for ``answer`` (None when it passes); each is computed once."""
    try:
        checks.EXERCISES[answer.exercise].check(answer.function, seed)
    except ExerciseFailed as failure:
        return str(failure)
    return None


def mistake_messages(exercise):
    return [m.message for m in checks.EXERCISES[exercise].judge.mistakes]


@pytest.mark.parametrize("answer", [a for a in ANSWERS if a.right], ids=lambda a: a.id)
@pytest.mark.parametrize("seed", SEEDS)
def test_right_answers_pass(answer, seed):
    assert verdict(answer, seed) is None


@pytest.mark.parametrize("answer", [a for a in ANSWERS if not a.right], ids=lambda a: a.id)
@pytest.mark.parametrize("seed", SEEDS)
def test_wrong_answers_get_their_diagnosis(answer, seed):
    message = verdict(answer, seed)
    assert message is not None, "a wrong answer was accepted"
    for keyword in answer.keywords:
        assert keyword.lower() in message.lower(), message
    named = [m for m in mistake_messages(answer.exercise) if m in message]
    if not answer.named:
        assert not named, f"guessed a mistake for an answer whose cause is unknown: {message}"
    assert "Traceback" not in message and "mlcourse/" not in message


@pytest.mark.parametrize("behaviour", list(MACHINERY))
@pytest.mark.parametrize("exercise", list(checks.EXERCISES))
def test_any_return_value_or_ending_gets_a_diagnosis(exercise, behaviour):
    function, keyword = MACHINERY[behaviour]
    with pytest.raises(ExerciseFailed) as failure:
        checks.EXERCISES[exercise].check(function)
    assert keyword in str(failure.value), failure.value
    assert f"`{exercise}`" in str(failure.value)


def test_every_diagnosis_in_every_table_is_reached_by_a_realistic_answer():
    """A mistake no learner's answer produces is a broken entry (a typo in its formula)."""
    reached = {}
    for answer in ANSWERS:
        if answer.right:
            continue
        message = verdict(answer, 0)
        for mistake in mistake_messages(answer.exercise):
            if mistake in message:
                reached.setdefault(answer.exercise, set()).add(mistake)
    missing = [
        (name, m)
        for name in checks.EXERCISES
        for m in mistake_messages(name)
        if m not in reached.get(name, set()) and not m.startswith("It works as if its parameters")
    ]
    assert not missing, missing
