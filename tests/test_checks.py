"""The checks as a mechanism: public API, time limits, seeds, the rules for naming a mistake,
and the contract with the grader (verdicts from plain data alone).

What each exercise says about realistic answers is in tests/test_check_catalogue.py.
"""

import importlib
import math
import re
import time
from pathlib import Path

import numpy as np
import pytest
from catalogue import ANSWERS

import mlcourse as mc
from mlcourse import checks, feedback, plain
from mlcourse.checks import ExerciseFailed, cases, training
from mlcourse.checks.data import make_inputs_reference, make_targets_reference
from mlcourse.checks.judging import Count, Judge, Misfit, Mistake, Number, same
from mlcourse.feedback import Exercise, Outcome, run_calls

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9]*.ipynb"))
RIGHT = {a.exercise: a.function for a in reversed(ANSWERS) if a.right}
"""One right answer per exercise (the first in the catalogue)."""


def fails_with(check, function, *phrases, seed=0):
    with pytest.raises(ExerciseFailed) as failure:
        check(function, seed=seed)
    for phrase in phrases:
        assert phrase in str(failure.value), str(failure.value)
    return str(failure.value)


def check_of(name):
    return getattr(checks, f"check_{name}")


@pytest.mark.parametrize("name", list(checks.EXERCISES))
@pytest.mark.parametrize("seed", [0, 202])
def test_right_answers_pass_with_a_short_positive_line(name, seed, capsys):
    check_of(name)(RIGHT[name], seed=seed)
    out = capsys.readouterr().out
    assert out.startswith("✔") and "correct" in out and out.count("\n") == 1


def test_every_exercise_of_the_lessons_is_registered_and_nothing_else():
    in_lessons = set()
    for path in NOTEBOOKS:
        in_lessons |= set(re.findall(r"checks\.check_(\w+)\(\1\)", path.read_text()))
    assert in_lessons == set(checks.EXERCISES)
    assert sorted(checks.__all__) == sorted(
        ["EXERCISES", "ExerciseFailed", "quietly"] + [f"check_{n}" for n in checks.EXERCISES]
    )


@pytest.mark.parametrize("name", list(checks.EXERCISES))
def test_every_check_survives_broken_code(name):
    check = check_of(name)
    fails_with(check, None, "is None")
    fails_with(check, 42, "should be a function")
    fails_with(check, lambda *args: None, "returned None")

    def raises(*args):
        return 1 / 0

    fails_with(check, raises, "raised ZeroDivisionError", "return 1 / 0")


@pytest.mark.skipif(not feedback.FORK, reason="only a child process can be stopped from outside")
@pytest.mark.parametrize("name", list(checks.EXERCISES))
def test_a_bare_except_in_a_while_loop_cannot_hang_a_check(name, monkeypatch):
    monkeypatch.setattr(feedback, "DEFAULT_TIMEOUT", 0.2)
    monkeypatch.setattr(training, "SLOW_FACTOR", 0)

    def forever(*args):
        while True:
            try:  # noqa: SIM105 (the bare except is the point)
                time.sleep(0.01)
            except:  # noqa: E722
                pass

    started = time.monotonic()
    fails_with(check_of(name), forever, "did not finish within 0.2 s")
    assert time.monotonic() - started < 5


def test_the_training_loop_may_take_what_a_point_by_point_loop_needs():
    """The limit grows with points × epochs, from a measurement of the slow, correct loop."""
    calls = checks.EXERCISES["train_loop"].cases(0)
    limits = checks.EXERCISES["train_loop"].limits(calls)
    work = [len(x) * epochs for x, _, _, _, _, epochs in calls]
    per_point = training.seconds_per_point()
    for limit, points in zip(limits, work, strict=True):
        assert limit == pytest.approx(
            feedback.DEFAULT_TIMEOUT + training.SLOW_FACTOR * per_point * points
        )
    assert training.SLOW_FACTOR >= 3
    assert limits[work.index(max(work))] == max(limits)
    # The measurement is of the slow loop itself, which really is correct.
    x, y, w1, w0, eta, epochs = calls[1]
    got = training.point_by_point(x, y, w1, w0, eta, epochs)
    history = mc.train(x, y, w1, w0, eta=eta, epochs=epochs)
    np.testing.assert_allclose(got[2], history.errors, rtol=1e-10)
    np.testing.assert_allclose(got[:2], history.weights[-1], rtol=1e-10)


@pytest.mark.parametrize("name", list(checks.EXERCISES))
def test_each_seed_gives_other_cases_and_the_same_seed_the_same(name):
    exercise = checks.EXERCISES[name]
    visible = plain.dumps(exercise.cases(0))
    assert plain.dumps(exercise.cases(0)) == visible
    for seed in (101, 202, 303):
        assert plain.dumps(exercise.cases(seed)) != visible, f"{name} ignores its seed"


def seeds_in_lessons():
    found = set()
    for path in NOTEBOOKS:
        text = path.read_text()
        found |= {int(s) for s in re.findall(r"seed=(\d+)", text)}
        found |= {int(s) for s in re.findall(r"default_rng\((\d+)\)", text)}
    return found


def test_the_lessons_seeds_are_known_and_no_check_hands_out_a_generator_with_one():
    assert seeds_in_lessons() == set(cases.LESSON_SEEDS)
    for exercise in checks.EXERCISES.values():
        for seed in (0, 101, 202, 303):
            for args in exercise.cases(seed):
                for arg in args:
                    assert not (isinstance(arg, plain.Rng) and arg.seed in seeds_in_lessons())
                    # An argument of the lessons' size would hide a use of the notebook's data.
                    assert not (isinstance(arg, np.ndarray) and arg.size == cases.LESSON_SIZE)


def test_the_lessons_data_and_start_are_what_the_checks_assume():
    lesson = mc.make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=0)
    np.testing.assert_array_equal(cases.lesson_data().x, lesson.x)
    rng = np.random.default_rng(1)
    assert cases.lesson_start() == (rng.uniform(-3, -2), rng.uniform(0, 2))


def test_the_data_references_make_the_package_data():
    rng = np.random.default_rng(0)
    x = make_inputs_reference(200, rng)
    y = make_targets_reference(x, 3.0, 0.1, rng)
    data = mc.make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=0)
    np.testing.assert_array_equal(x, data.x)
    np.testing.assert_array_equal(y, data.y)


def test_the_model_of_training_loops_without_changes_is_the_packages_loop():
    for x, y, w1, w0, eta, epochs in checks.EXERCISES["train_loop"].cases(0):
        w1_end, w0_end, errors = training.descend(x, y, w1, w0, eta, epochs, training.Loop())
        history = mc.train(x, y, w1, w0, eta=eta, epochs=epochs)
        np.testing.assert_allclose(errors, history.errors, rtol=1e-12)
        np.testing.assert_allclose([w1_end, w0_end], history.weights[-1], rtol=1e-12)


@pytest.mark.parametrize("name", [n for n, e in checks.EXERCISES.items() if e.forbidden])
def test_an_answer_may_not_call_the_packages_own_answer(name):
    exercise = checks.EXERCISES[name]
    module, _, attribute = exercise.forbidden[0].rpartition(".")
    reference = getattr(importlib.import_module(module), attribute)  # e.g. mlcourse.sse

    def borrows(*args):
        try:
            return reference(*args)
        except BaseException:  # a learner trying to hide the tripwire
            return 0.0

    fails_with(check_of(name), borrows, f"calls {exercise.forbidden[0]}")


# The rules for naming a mistake, on a judge of one number --------------------------------------


def half_sum(y):
    return 0.5 * float(np.sum(y))


def tiny_judge(*mistakes):
    return Judge(
        name="f",
        parameters=("y",),
        reference=half_sum,
        result=Number(),
        mistakes=mistakes,
        rule="f(y) = ½·Σy.",
        failing_warnings=(),
    )


CALLS = [(np.array([1.0, 2.0]),), (np.array([3.0, 5.0, 8.0]),), (np.array([0.5, 4.0]),)]
DOUBLED = Mistake("doubled", "You doubled it.", lambda y: float(np.sum(y)))


def verdict_of(judge, values):
    return Exercise("f", lambda seed: CALLS, judge, "f is correct.").verdict(
        CALLS, [Outcome("returned", value=v) for v in values]
    )


def test_a_mistake_is_named_when_it_explains_every_result():
    message = verdict_of(tiny_judge(DOUBLED), [3.0, 16.0, 4.5])
    assert "You doubled it." in message and "returned 3, expected 1.5" in message


def test_a_mistake_that_explains_one_wrong_result_only_is_not_named():
    """Only the second call has more than two values: one piece of evidence is not enough."""
    first_two = Mistake(
        "first-two", "You used the first two values only.", lambda y: half_sum(y[:2])
    )
    learner = [half_sum(y[:2]) for (y,) in CALLS]
    message = verdict_of(tiny_judge(first_two), learner)
    assert "first two" not in message and "f(y) = ½·Σy." in message


def test_a_mistake_that_explains_some_results_but_not_all_is_not_named():
    message = verdict_of(tiny_judge(DOUBLED), [3.0, 16.0, 7.0])
    assert "doubled" not in message and "expected 1.5" in message


def test_mistakes_that_give_the_same_results_are_all_said():
    also = Mistake("no-half", "You forgot the ½.", lambda y: 2 * half_sum(y))
    message = verdict_of(tiny_judge(DOUBLED, also), [3.0, 16.0, 4.5])
    assert "more than one mistake" in message and "doubled" in message and "forgot" in message


def test_nan_and_non_numbers_match_no_mistake():
    nan = Mistake("nan", "NaN.", lambda y: float("nan"))
    assert "NaN." not in verdict_of(tiny_judge(nan), [float("nan")] * 3)
    assert not same(float("nan"), float("nan"))
    assert not same("3.0", 3.0) and not same(True, 1.0) and not same(None, 0.0)
    assert same([1.0, 2.0], np.array([1.0, 2.0])) and same(np.array([1.0, 2.0]), (1.0, 2.0))
    assert not same(np.array([1.0, 2.0]), np.array([[1.0, 2.0]]))


def test_a_right_result_of_the_wrong_kind_is_not_accepted():
    for value, words in (("1.5", "text"), ([1.5], "list of 1 item"), (True, "bool")):
        message = verdict_of(tiny_judge(), [value] + [half_sum(y) for (y,) in CALLS[1:]])
        assert words in message, message
    assert verdict_of(tiny_judge(), [np.array(half_sum(y)) for (y,) in CALLS]) is None


# The contract with the grader ---------------------------------------------------------------


@pytest.mark.parametrize("name", list(checks.EXERCISES))
def test_the_verdict_from_outcomes_sent_as_json_is_the_checks_message(name):
    """The grader runs the calls in a sandbox and judges what comes back as JSON."""
    exercise = checks.EXERCISES[name]
    for answer in [a for a in ANSWERS if a.exercise == name][:6]:
        calls = exercise.cases(303)
        outcomes = run_calls(answer.function, calls, exercise.limits(calls), exercise.forbidden)
        received = [Outcome.from_json(o.to_json()) for o in outcomes]
        sent_calls = plain.loads(plain.dumps(calls))
        try:
            exercise.check(answer.function, seed=303)
            expected = None
        except ExerciseFailed as failure:
            expected = str(failure)
        assert exercise.verdict(sent_calls, received) == expected


def test_without_fork_the_verdicts_are_the_same(monkeypatch):
    picked = [a for a in ANSWERS if a.exercise in ("sse", "update")][::4]
    expected = [checks.EXERCISES[a.exercise].verdict(*run(a)) for a in picked]
    monkeypatch.setattr(feedback, "FORK", False)
    assert [checks.EXERCISES[a.exercise].verdict(*run(a)) for a in picked] == expected


def run(answer):
    return checks.EXERCISES[answer.exercise].run(answer.function, seed=0)


# Hard-coding and quiet grading --------------------------------------------------------------


@pytest.mark.parametrize("seed", [101, 202, 303])
def test_answers_memorised_from_the_visible_check_fail_the_hidden_seeds(seed):
    remembered = {
        (len(y), round(float(y[0]), 9)): 0.5 * float(np.sum((y - y_hat) ** 2))
        for y, y_hat in checks.EXERCISES["sse"].cases(0)
    }
    first = next(iter(remembered.values()))

    def memorised(y, y_hat):
        return remembered.get((len(y), round(float(y[0]), 9)), first)

    checks.check_sse(memorised, seed=0)
    with pytest.raises(ExerciseFailed) as failure:
        checks.check_sse(memorised, seed=seed)
    assert f"returned {first:.6g}" in str(failure.value), failure.value


def test_quietly_silences_success_but_not_failure(capsys):
    sse = RIGHT["sse"]
    with checks.quietly():
        checks.check_sse(sse, seed=3)
        with pytest.raises(ExerciseFailed):
            checks.check_sse(lambda y, p: 2 * sse(y, p), seed=3)
    assert capsys.readouterr().out == ""
    checks.check_sse(sse)
    assert capsys.readouterr().out.startswith("✔")


@pytest.mark.parametrize("seed", [0, 101, 202, 303, 7777])
def test_every_call_of_an_activation_check_has_z_of_both_signs(seed):
    """Otherwise a ReLU is the identity on that call, and with all calls so, it is accepted."""
    z_values = [z for (z,) in checks.EXERCISES["linear"].cases(seed)]
    z_values += [w1 * x + w0 for x, w1, w0 in checks.EXERCISES["predict"].cases(seed)]
    for z in z_values:
        assert np.sum(z < 0) >= 2 and np.sum(z > 0) >= 2


# Counts: answers that are whole numbers of points or epochs ---------------------------------


def test_a_count_is_a_whole_number_of_any_numeric_type_and_nothing_else():
    count = Count("epochs")
    assert count.conform(7, 7) == 7 and count.conform(7.0, 7) == 7
    assert count.conform(np.array(7), 7) == 7
    for value, words in (
        (7.5, "not a whole number"),
        (math.inf, "not a whole number"),
        (True, "bool"),
        ("7", "text"),
        (None, "return"),
    ):
        with pytest.raises(Misfit, match=words):
            count.conform(value, 7)
    assert count.agree(7, 7, 1e-9) and not count.agree(8, 7, 1e-9)
    assert count.facts(8, 7) == "returned 8 epochs, expected 7 (1 more)"


@pytest.mark.parametrize("seed", range(8))
def test_the_cases_of_the_counting_exercises_tell_their_likely_slips_apart(seed):
    """Boundaries just below and just above a whole number (rounding to the nearest and rounding
    up both show); rates just below and above η* (following one direction only shows)."""
    by_name = {a.function.__name__: a for a in ANSWERS}
    for name in (
        "stable_n_rounded",
        "stable_n_ceiling",
        "epochs_slowest_only",
        "epochs_smallest_only",
        "epochs_bound",
    ):
        answer = by_name[name]
        exercise = checks.EXERCISES[answer.exercise]
        message = exercise.verdict(*exercise.run(answer.function, seed))
        assert message is not None and answer.keywords[0] in message, message
