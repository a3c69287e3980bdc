"""Learner functions run apart: whatever they do, the caller gets an Outcome and goes on."""

import os
import time

import numpy as np
import pytest

import mlcourse
from mlcourse import feedback
from mlcourse.feedback import Outcome, run_calls
from mlcourse.plain import Opaque, PlainDataError, Rng

Y, Y_HAT = np.array([1.0, 2.0, 4.0]), np.array([1.5, 1.5, 1.5])
CALLS = [(Y, Y_HAT), (2 * Y, Y_HAT)]


def kinds(outcomes):
    return [o.kind for o in outcomes]


def test_returned_values_come_back_as_plain_data():
    outcomes = run_calls(lambda y, p: 0.5 * np.sum((y - p) ** 2), CALLS)
    assert kinds(outcomes) == ["returned", "returned"]
    assert [o.value for o in outcomes] == [0.5 * (0.25 + 0.25 + 6.25), 0.5 * (0.25 + 6.25 + 42.25)]
    assert all(type(o.value) is float for o in outcomes)


def test_a_raise_is_reported_with_the_learners_line():
    def raises(y, y_hat):
        total = 0.0
        return total / 0

    [outcome, _] = run_calls(raises, CALLS)
    assert outcome.kind == "raised" and outcome.error.startswith("ZeroDivisionError")
    assert "return total / 0" in outcome.where


@pytest.mark.skipif(not feedback.FORK, reason="only a child process can be stopped from outside")
def test_a_loop_that_swallows_every_interrupt_is_stopped():
    def forever(y, y_hat):
        while True:
            try:  # noqa: SIM105 (a bare except is the point)
                time.sleep(0.01)
            except:  # noqa: E722
                pass

    started = time.monotonic()
    outcomes = run_calls(forever, CALLS, timeouts=0.3)
    assert time.monotonic() - started < 5
    assert kinds(outcomes) == ["timeout", "not_run"]


@pytest.mark.skipif(not feedback.FORK, reason="needs a child process")
def test_os_exit_and_a_crash_end_only_the_child():
    outcomes = run_calls(lambda y, p: os._exit(3), CALLS)
    assert kinds(outcomes) == ["died", "not_run"] and "exit code 3" in outcomes[0].error
    import ctypes

    outcomes = run_calls(lambda y, p: ctypes.string_at(0), CALLS)
    assert outcomes[0].kind == "died" and "SIGSEGV" in outcomes[0].error


def test_changing_an_argument_in_place_is_seen_and_does_not_reach_the_caller():
    y = Y.copy()

    def destructive(y, y_hat):
        y *= 2
        print("changed it")
        return 1.0

    outcomes = run_calls(destructive, [(y, Y_HAT)])
    assert outcomes[0].changed == (0,) and outcomes[0].output == "changed it\n"
    np.testing.assert_array_equal(y, Y)
    assert run_calls(lambda y, p: 1.0, [(y, Y_HAT)])[0].changed == ()


def test_a_forbidden_package_function_is_caught_however_it_is_reached():
    from mlcourse import sse as renamed

    def direct(y, y_hat):
        return mlcourse.sse(y, y_hat)

    def renamed_and_caught(y, y_hat):
        try:
            return renamed(y, y_hat)
        except BaseException:  # a learner hiding the tripwire
            return 0.0

    for function in (direct, renamed_and_caught):
        outcome = run_calls(function, CALLS, forbidden=["mlcourse.sse"])[0]
        assert outcome.kind == "borrowed" and outcome.error == "mlcourse.sse"
    allowed = run_calls(lambda y, p: mlcourse.sse(y, p), CALLS, forbidden=["mlcourse.mse"])[0]
    assert allowed.kind == "returned" and allowed.value == mlcourse.sse(Y, Y_HAT)
    assert mlcourse.sse(Y, Y_HAT) == 3.375  # the tripwire never outlives the call


def test_unknown_forbidden_names_are_a_programming_error():
    with pytest.raises(ValueError, match="forbidden"):
        run_calls(lambda: 0, [()], forbidden=["mlcourse.no_such_function"])


def test_objects_and_non_functions():
    class AlwaysEqual:
        def __eq__(self, other):
            return True

    outcome = run_calls(lambda y, p: AlwaysEqual(), CALLS)[0]
    assert outcome.value == Opaque("AlwaysEqual")
    assert kinds(run_calls(42, CALLS)) == ["not_callable", "not_callable"]


def test_an_rng_argument_is_a_fresh_generator_in_every_call():
    outcomes = run_calls(lambda n, rng: rng.random(n), [(3, Rng(5)), (3, Rng(5))])
    expected = np.random.default_rng(5).random(3)
    for outcome in outcomes:
        np.testing.assert_array_equal(outcome.value, expected)


def test_printing_is_captured_and_capped(capsys):
    outcome = run_calls(lambda: print("x" * 50_000), [()])[0]
    assert len(outcome.output) == feedback.MAX_OUTPUT
    assert capsys.readouterr().out == ""


def test_outcomes_travel_as_validated_json():
    outcome = Outcome("returned", value=(1.0, np.arange(3.0)), changed=(1,), output="hi")
    back = Outcome.from_json(outcome.to_json())
    assert back.kind == "returned" and back.changed == (1,) and back.output == "hi"
    np.testing.assert_array_equal(back.value[1], np.arange(3.0))
    for forged in (
        '{"kind": "passed"}',
        outcome.to_json().replace('"returned"', '"correct"'),
        outcome.to_json().replace('"changed":[1]', '"changed":["x"]'),
        "not json",
    ):
        with pytest.raises(PlainDataError):
            Outcome.from_json(forged)


# Warnings are evidence: recorded as plain data, with the learner's line ----------------------

Z = np.array([-800.0, 0.0, 800.0])


def both_forms(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def test_numpys_overflow_is_recorded_with_the_learners_line():
    [outcome] = run_calls(both_forms, [(Z,)])
    assert outcome.kind == "returned"
    np.testing.assert_array_equal(outcome.value, [0.0, 0.5, 1.0])
    overflow, invalid = outcome.warnings
    assert (overflow.kind, overflow.message) == ("overflow", "overflow encountered")
    assert overflow.code == (
        "return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))"
    )
    assert overflow.line == both_forms.__code__.co_firstlineno + 1
    # e^800 three times: e^(−z) at z = −800, and e^z at z = 800 above and below the line.
    assert overflow.count == 3 and not overflow.silenced
    assert (invalid.kind, invalid.count) == ("invalid", 1)  # inf/inf at z = 800


def test_divide_and_invalid_are_recorded_and_underflow_is_not():
    def logs(p):
        return np.exp(-1000.0 * p), p * np.log(p)

    [outcome] = run_calls(logs, [(np.array([0.0, 1.0]),)])
    assert {w.kind for w in outcome.warnings} == {"divide", "invalid"}
    assert {w.message for w in outcome.warnings} == {
        "divide by zero encountered",
        "invalid value encountered",
    }


def stable(z):
    small = np.exp(-np.abs(z))  # e^(−800) underflows to 0: the right answer, never reported
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))


def test_a_right_computation_records_nothing_whatever_the_learner_asks_numpy():
    def asks_for_every_warning(z):
        with np.errstate(all="warn"):
            return stable(z)

    def asks_for_underflow(z):
        with np.errstate(under="warn"):
            return stable(z)

    for function in (stable, asks_for_every_warning, asks_for_underflow):
        assert run_calls(function, [(Z,)])[0].warnings == (), function.__name__


def test_the_learners_errstate_cannot_hide_an_overflow():
    def silenced(z):
        with np.errstate(over="ignore"):
            return 1 / (1 + np.exp(-z))

    @np.errstate(all="ignore")
    def decorated_inside(z):
        return 1 / (1 + np.exp(-z))

    def set_globally(z):
        np.seterr(all="ignore")
        return 1 / (1 + np.exp(-z))

    for function in (silenced, set_globally):
        [warning] = run_calls(function, [(Z,)])[0].warnings
        assert warning.kind == "overflow" and warning.silenced, function.__name__
    # Decorated before the call: numpy's own errstate, which the check cannot see through.
    assert run_calls(decorated_inside, [(Z,)])[0].warnings == ()
    assert np.geterr()["over"] == "warn"  # nothing leaks out of the call


def test_an_error_the_learner_asks_numpy_to_raise_is_raised_and_handled_by_the_learner():
    def careful(z):
        with np.errstate(over="raise"):
            try:
                return 1 / (1 + np.exp(-z))
            except FloatingPointError:
                small = np.exp(-np.abs(z))
                return np.where(z >= 0, 1 / (1 + small), small / (1 + small))

    [outcome] = run_calls(careful, [(Z,)])
    assert outcome.warnings == () and outcome.kind == "returned"
    np.testing.assert_array_equal(outcome.value, [0.0, 0.5, 1.0])


def test_the_packages_own_errstate_is_left_alone():
    """mc.sigmoid and mc.train ask numpy to ignore what they handle; a learner calling them
    does not warn for it."""

    def uses_the_package(y, y_hat):
        return mlcourse.binary_cross_entropy(y, y_hat)  # ln 0 = −inf, documented, not warned

    [outcome] = run_calls(uses_the_package, [(np.array([1, 0]), np.array([0.0, 0.5]))])
    assert outcome.value == np.inf and outcome.warnings == ()


def test_warnings_warn_is_recorded_too():
    import warnings

    def warns(y, y_hat):
        warnings.warn("careful", RuntimeWarning, stacklevel=1)
        return float(np.mean(np.array([])))

    [outcome, _] = run_calls(warns, CALLS)
    first = warns.__code__.co_firstlineno
    assert [(w.kind, w.message, w.line) for w in outcome.warnings] == [
        ("RuntimeWarning", "careful", first + 1),
        ("RuntimeWarning", "Mean of empty slice", first + 2),
        ("invalid", "invalid value encountered", first + 2),  # the 0/0 of that mean
    ]
    assert outcome.warnings[1].code == "return float(np.mean(np.array([])))"


def test_warnings_are_capped_and_counted():
    def many(y, y_hat):
        for k in range(50):
            np.exp(np.array([800.0 + k]))
        return 0.0

    [outcome, _] = run_calls(many, CALLS)
    [warning] = outcome.warnings
    assert warning.count == 50


@pytest.mark.skipif(not feedback.FORK, reason="compares the forked path with the other")
def test_the_warnings_are_the_same_without_fork(monkeypatch):
    forked = run_calls(both_forms, [(Z,)])[0].warnings
    monkeypatch.setattr(feedback, "FORK", False)
    assert run_calls(both_forms, [(Z,)])[0].warnings == forked
    assert np.errstate is not None and np.geterr()["over"] == "warn"


def test_the_outcomes_json_is_versioned_and_carries_its_warnings():
    [outcome] = run_calls(both_forms, [(Z,)])
    line = outcome.to_json()
    assert '"version":2' in line
    back = Outcome.from_json(line)
    assert back.warnings == outcome.warnings
    assert '"count":3' in line and '"silenced":false' in line
    for forged in (
        line.replace('"version":2', '"version":1'),
        line.replace('"kind":"overflow"', '"kind":7'),
        line.replace('"count":3', '"count":0'),
        line.replace('"silenced":false', '"silenced":"no"'),
        line.replace('"warnings":[', '"warnings":[' + '{"kind":"x"},'),
    ):
        with pytest.raises(PlainDataError):
            Outcome.from_json(forged)
