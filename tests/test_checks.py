"""Every check passes correct learner code and names each kind of mistake it is meant to catch."""

import numpy as np
import pytest

from mlcourse import checks, feedback, plain
from mlcourse.checks import ExerciseFailed


def fails_with(check, function, *phrases):
    with pytest.raises(ExerciseFailed) as failure:
        check(function)
    for phrase in phrases:
        assert phrase in str(failure.value), str(failure.value)
    return str(failure.value)


# Correct learner answers, written as a learner would.
def make_inputs(n, rng):
    return rng.random(n)


def make_targets(x, slope, noise_std, rng):
    return slope * x + rng.normal(0, noise_std, len(x))


def predict(x, w1, w0):
    return w1 * x + w0 * 1


def sse(y, y_hat):
    return 0.5 * np.sum((y - y_hat) ** 2)


def grad_w1(y, y_hat, x):
    return -np.sum((y - y_hat) * x)


def grad_w0(y, y_hat):
    return -np.sum(y - y_hat)


def update(w1, w0, g1, g0, eta):
    return w1 - eta * g1, w0 - eta * g0


def train_loop(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        y_hat = predict(x, w1, w0)
        errors.append(sse(y, y_hat))
        w1, w0 = update(w1, w0, grad_w1(y, y_hat, x), grad_w0(y, y_hat), eta)
    return w1, w0, errors


def critical_rate(x):
    h = np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), len(x)]])
    return 2 / np.linalg.eigvalsh(h).max()


def fastest_rate(x):
    h = np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), len(x)]])
    return 2 / np.linalg.eigvalsh(h).sum()


CORRECT = [
    (checks.check_make_inputs, make_inputs),
    (checks.check_make_targets, make_targets),
    (checks.check_predict, predict),
    (checks.check_sse, sse),
    (checks.check_grad_w1, grad_w1),
    (checks.check_grad_w0, grad_w0),
    (checks.check_update, update),
    (checks.check_train_loop, train_loop),
    (checks.check_critical_rate, critical_rate),
    (checks.check_fastest_rate, fastest_rate),
]


@pytest.mark.parametrize(("check", "function"), CORRECT, ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_correct_answers_pass_with_a_short_positive_line(check, function, seed, capsys):
    check(function, seed=seed)
    out = capsys.readouterr().out
    assert out.startswith("✔") and "correct" in out and out.count("\n") == 1


@pytest.mark.parametrize(("check", "function"), CORRECT, ids=lambda v: getattr(v, "__name__", ""))
def test_every_check_survives_broken_code(check, function):
    fails_with(check, None, "is None")
    fails_with(check, 42, "should be a function")
    fails_with(check, lambda *args: None, "returned None")

    def raises(*args):
        return 1 / 0

    fails_with(check, raises, "raised ZeroDivisionError", "return 1 / 0")


@pytest.mark.parametrize(("check", "function"), CORRECT, ids=lambda v: getattr(v, "__name__", ""))
def test_a_loop_that_never_ends_times_out(check, function, monkeypatch):
    monkeypatch.setattr(feedback, "DEFAULT_TIMEOUT", 0.2)

    def forever(*args):
        while True:
            try:  # noqa: SIM105 (the broad except is the point)
                pass
            except Exception:  # a learner's broad except must not swallow the timeout
                pass

    fails_with(check, forever, "did not finish within 0.2 s")


def test_make_inputs_mistakes():
    fails_with(checks.check_make_inputs, lambda n, rng: np.random.rand(n), "draw from the `rng`")
    fails_with(checks.check_make_inputs, lambda n, rng: rng.normal(0, 1, n), "outside [0, 1)")
    fails_with(checks.check_make_inputs, lambda n, rng: rng.random((n, 1)), "shape (200, 1)")


def test_make_targets_mistakes():
    fails_with(
        checks.check_make_targets,
        lambda x, s, sd, rng: s * x + rng.normal(0, sd),
        "that is an intercept, not noise",
    )
    fails_with(checks.check_make_targets, lambda x, s, sd, rng: s * x, "add the noise")
    fails_with(
        checks.check_make_targets,
        lambda x, s, sd, rng: s * x + rng.normal(0, sd**2, len(x)),
        "noise_std²",
    )
    fails_with(
        checks.check_make_targets,
        lambda x, s, sd, rng: x + rng.normal(0, sd, len(x)),
        "ignores the slope",
    )


def test_predict_mistakes():
    fails_with(checks.check_predict, lambda x, w1, w0: w1 * x, "the bias is forgotten")
    fails_with(checks.check_predict, lambda x, w1, w0: w0 * x + w1, "swapped")
    fails_with(checks.check_predict, lambda x, w1, w0: w1 * x[:-1] + w0, "shape")


def test_sse_mistakes():
    fails_with(checks.check_sse, lambda y, p: np.sum((y - p) ** 2), "forgot the ½")
    fails_with(checks.check_sse, lambda y, p: 0.5 * np.mean((y - p) ** 2), "mean squared error")
    fails_with(checks.check_sse, lambda y, p: 0.5 * (y - p) ** 2, "add them up with np.sum")
    fails_with(checks.check_sse, lambda y, p: 0.5 * np.sum(y - p), "not squared")
    fails_with(checks.check_sse, lambda y, p: 0.5 * np.sum(y - p) ** 2, "square is outside")


def test_gradient_mistakes():
    fails_with(checks.check_grad_w1, lambda y, p, x: np.sum((y - p) * x), "climb the error surface")
    fails_with(checks.check_grad_w1, lambda y, p, x: -np.sum(y - p), "input x1 is missing")
    fails_with(checks.check_grad_w1, lambda y, p, x: -(y - p) * x, "np.sum")
    fails_with(checks.check_grad_w1, lambda y, p, x: -np.mean((y - p) * x), "divided by n")
    fails_with(checks.check_grad_w0, lambda y, p: np.sum(y - p), "climb the error surface")
    fails_with(checks.check_grad_w0, lambda y, p: -np.mean(y - p), "divided by n")


def test_update_mistakes():
    fails_with(
        checks.check_update,
        lambda w1, w0, g1, g0, eta: (w1 + eta * g1, w0 + eta * g0),
        "climbs the error surface",
    )
    fails_with(
        checks.check_update,
        lambda w1, w0, g1, g0, eta: (w1 - g1, w0 - g0),
        "learning rate is missing",
    )
    fails_with(
        checks.check_update, lambda w1, w0, g1, g0, eta: (w0 - eta * g0, w1 - eta * g1), "swapped"
    )
    fails_with(checks.check_update, lambda w1, w0, g1, g0, eta: w1 - eta * g1, "as a pair")


def test_train_loop_mistakes():
    def records_after(x, y, w1, w0, eta, epochs):
        errors = []
        for _ in range(epochs):
            y_hat = predict(x, w1, w0)
            w1, w0 = update(w1, w0, grad_w1(y, y_hat, x), grad_w0(y, y_hat), eta)
            errors.append(sse(y, predict(x, w1, w0)))
        return w1, w0, errors

    def climbs(x, y, w1, w0, eta, epochs):
        errors = []
        for _ in range(epochs):
            y_hat = predict(x, w1, w0)
            errors.append(sse(y, y_hat))
            w1, w0 = w1 + eta * grad_w1(y, y_hat, x), w0 + eta * grad_w0(y, y_hat)
        return w1, w0, errors

    def never_assigns(x, y, w1, w0, eta, epochs):
        errors = []
        for _ in range(epochs):
            y_hat = predict(x, w1, w0)
            errors.append(sse(y, y_hat))
            update(w1, w0, grad_w1(y, y_hat, x), grad_w0(y, y_hat), eta)
        return w1, w0, errors

    def one_error(x, y, w1, w0, eta, epochs):
        w1, w0, errors = train_loop(x, y, w1, w0, eta, epochs)
        return w1, w0, errors[:1]

    fails_with(checks.check_train_loop, records_after, "after the update")
    fails_with(checks.check_train_loop, climbs, "climbing")
    fails_with(checks.check_train_loop, never_assigns, "never changed the weights")
    fails_with(checks.check_train_loop, one_error, "recorded 1 errors for 300 epochs")
    fails_with(checks.check_train_loop, lambda *a: (1.0, 2.0), "three things")


def test_rate_mistakes():
    fails_with(checks.check_critical_rate, lambda x: critical_rate(x) / 2, "1/λ_max")
    fails_with(
        checks.check_critical_rate, lambda x: critical_rate(x) * len(x), "mean squared error"
    )
    fails_with(checks.check_fastest_rate, critical_rate, "critical rate")
    fails_with(checks.check_fastest_rate, lambda x: fastest_rate(x) / 2, "factor 2 is missing")


@pytest.mark.parametrize("seed", [101, 202, 303])
def test_answers_memorised_from_the_visible_check_fail_the_hidden_seeds(seed):
    remembered = {
        (len(y), round(float(y[0]), 9)): sse(y, y_hat)
        for y, y_hat in checks.EXERCISES["sse"].cases(0)
    }
    first = next(iter(remembered.values()))

    def memorised(y, y_hat):
        return remembered.get((len(y), round(float(y[0]), 9)), first)

    checks.check_sse(memorised, seed=0)
    with pytest.raises(ExerciseFailed) as failure:
        checks.check_sse(memorised, seed=seed)
    assert f"returned {first:.6g}" in str(failure.value), failure.value


def test_a_function_that_changes_its_input_cannot_spoil_the_check():
    def destructive(y, y_hat):
        value = sse(y, y_hat)
        y[:] = 0.0
        return value

    checks.check_sse(destructive)


def test_quietly_silences_success_but_not_failure(capsys):
    with checks.quietly():
        checks.check_sse(sse, seed=3)
        with pytest.raises(ExerciseFailed):
            checks.check_sse(lambda y, p: 2 * sse(y, p), seed=3)
    assert capsys.readouterr().out == ""
    checks.check_sse(sse)
    assert capsys.readouterr().out.startswith("✔")


@pytest.mark.parametrize("name", list(checks.EXERCISES))
def test_each_seed_gives_other_cases_and_the_same_seed_the_same(name):
    exercise = checks.EXERCISES[name]
    visible = plain.dumps(exercise.cases(0))
    assert plain.dumps(exercise.cases(0)) == visible
    for seed in (101, 202, 303):
        assert plain.dumps(exercise.cases(seed)) != visible, f"{name} ignores its seed"
