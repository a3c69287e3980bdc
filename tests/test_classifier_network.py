"""The network that classifies (lesson 11), against plain loops written here and finite
differences: a sign flipped, two axes swapped or a link of the chain dropped fails a test."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcourse import (
    classifier_error,
    classifier_forward,
    classifier_gradients,
    init_classifier,
    make_moons,
    numerical_gradient,
    relative_error,
    train_classifier,
)

NAMES = ("W1", "b1", "W2", "b2")


def plain_scores(x, params):
    """One point's K scores, unit by unit and class by class."""
    W1, b1, W2, b2 = (params[name] for name in NAMES)
    inputs, hidden = W1.shape
    h = [math.tanh(sum(x[d] * W1[d, j] for d in range(inputs)) + b1[j]) for j in range(hidden)]
    return h, [sum(h[j] * W2[j, k] for j in range(hidden)) + b2[k] for k in range(len(b2))]


def plain_probabilities(scores):
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    return [e / sum(exps) for e in exps]


def plain_error(X, labels, params):
    """−Σ ln P[i, label_i] as log-sum-exp minus the own score, one point at a time."""
    total = 0.0
    for x, label in zip(X, labels, strict=True):
        _, scores = plain_scores(x, params)
        top = max(scores)
        total += top + math.log(sum(math.exp(s - top) for s in scores)) - scores[label]
    return total


def flatten(params):
    return np.concatenate([np.ravel(params[name]) for name in NAMES])


def unflatten(theta, like):
    params, start = {}, 0
    for name in NAMES:
        size = np.size(like[name])
        params[name] = theta[start : start + size].reshape(np.shape(like[name]))
        start += size
    return params


def problem(seed, n=15, inputs=2, hidden=3, classes=3, scale=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n, inputs))
    labels = rng.integers(0, classes, n)
    params = {
        "W1": rng.normal(0, scale, (inputs, hidden)),
        "b1": rng.normal(0, scale, hidden),
        "W2": rng.normal(0, scale, (hidden, classes)),
        "b2": rng.normal(0, scale, classes),
    }
    return X, labels, params


def numerical_gradients(X, labels, params):
    theta = numerical_gradient(
        lambda t: plain_error(X, labels, unflatten(t, params)), flatten(params)
    )
    return unflatten(theta, params)


# init_classifier


def test_init_shapes_and_draws_through_default_rng_in_order():
    rng = np.random.default_rng(7)
    W1, b1, W2 = rng.normal(0, 1, (3, 4)), rng.normal(0, 1, 4), rng.normal(0, 0.1, (4, 5))
    params = init_classifier(3, 4, 5, seed=7)
    assert list(params) == list(NAMES)
    np.testing.assert_array_equal(params["W1"], W1)
    np.testing.assert_array_equal(params["b1"], b1)
    np.testing.assert_array_equal(params["W2"], W2)
    np.testing.assert_array_equal(params["b2"], np.zeros(5))
    assert all(params[name].dtype == np.float64 for name in NAMES)


def test_init_same_seed_same_params_other_seed_other_params():
    first, again, other = (init_classifier(2, 4, 2, seed=s) for s in (0, 0, 1))
    for name in ("W1", "b1", "W2"):
        np.testing.assert_array_equal(first[name], again[name])
        assert not np.array_equal(first[name], other[name])
    assert init_classifier(2, 4, 2)["W1"].tolist() == first["W1"].tolist(), "seed 0 by default"


def test_init_starts_undecided():
    """Small output weights: every probability near 1/K, so E near N·ln K."""
    data = make_moons(n=400, noise=0.2, seed=3)
    params = init_classifier(2, 8, 2, seed=3)
    _, P = classifier_forward(data.X, params)
    assert np.all(np.abs(P - 0.5) < 0.2)
    assert classifier_error(data.X, data.labels, params) == pytest.approx(
        400 * math.log(2), rel=0.1
    )


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ((0, 3, 2), ValueError, "inputs must be an int >= 1"),
        ((2, 0, 2), ValueError, "hidden must be an int >= 1"),
        ((2, 3, 1), ValueError, "classes must be an int >= 2"),
        ((2, 3.0, 2), TypeError, "hidden must be an int"),
    ],
)
def test_init_refuses_bad_arguments(arguments, error, message):
    with pytest.raises(error, match=message):
        init_classifier(*arguments)
    with pytest.raises(ValueError, match="seed must be an int >= 0"):
        init_classifier(2, 3, 2, seed=-1)


# forward pass and error


def test_forward_matches_a_plain_loop():
    X, _, params = problem(0, hidden=4, classes=3)
    h, P = classifier_forward(X, params)
    assert h.shape == (15, 4) and P.shape == (15, 3)
    for i, x in enumerate(X):
        plain_h, scores = plain_scores(x, params)
        np.testing.assert_allclose(h[i], plain_h, rtol=1e-13, atol=1e-15)
        np.testing.assert_allclose(P[i], plain_probabilities(scores), rtol=1e-12, atol=1e-15)


def test_forward_does_not_overflow_at_huge_scores(strict):
    X, _, params = problem(1, hidden=3, classes=2)
    params["W2"] = params["W2"] * 1e4
    _, P = classifier_forward(X, params)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    for i, x in enumerate(X):
        np.testing.assert_allclose(
            P[i], plain_probabilities(plain_scores(x, params)[1]), atol=1e-15
        )


def test_error_matches_a_plain_loop():
    X, labels, params = problem(2, n=25, hidden=5, classes=4)
    assert classifier_error(X, labels, params) == pytest.approx(
        plain_error(X, labels, params), rel=1e-12
    )


def test_the_error_of_a_confidently_wrong_point_is_its_score_gap(strict):
    """Own class's P rounds to 0, so −ln P would be inf: the error is the gap of the scores."""
    params = {
        "W1": np.array([[1.0]]),
        "b1": np.array([0.0]),
        "W2": np.array([[900.0, -900.0]]),
        "b2": np.array([0.0, 0.0]),
    }
    X = np.array([[100.0]])  # h = tanh(100) = 1 exactly: the scores are (900, −900)
    assert classifier_forward(X, params)[1][0, 1] == 0.0
    assert classifier_error(X, np.array([1]), params) == pytest.approx(1800.0, rel=1e-15)
    assert classifier_error(X, np.array([0]), params) == 0.0


# backpropagation


def test_gradients_match_finite_differences():
    X, labels, params = problem(3, n=12, inputs=3, hidden=4, classes=3)
    gradients = classifier_gradients(X, labels, params)
    numerical = numerical_gradients(X, labels, params)
    for name in NAMES:
        assert gradients[name].shape == np.shape(params[name])
        assert relative_error(gradients[name].ravel(), numerical[name].ravel()) < 1e-7, name


def test_gradients_match_when_there_are_as_many_units_as_classes():
    """With H = K, W2 and its transpose have the same shape: only the numbers tell them apart."""
    X, labels, params = problem(4, n=10, inputs=2, hidden=3, classes=3)
    gradients = classifier_gradients(X, labels, params)
    numerical = numerical_gradients(X, labels, params)
    assert relative_error(flatten(gradients), flatten(numerical)) < 1e-7


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 8),
    inputs=st.integers(1, 3),
    hidden=st.integers(1, 4),
    classes=st.integers(2, 4),
    scale=st.floats(0.1, 2.0),
)
def test_gradients_match_finite_differences_everywhere(seed, n, inputs, hidden, classes, scale):
    X, labels, params = problem(seed, n, inputs, hidden, classes, scale)
    gradients = classifier_gradients(X, labels, params)
    np.testing.assert_allclose(
        flatten(gradients), flatten(numerical_gradients(X, labels, params)), atol=1e-6
    )


def test_gradient_of_one_point_by_hand():
    # x = (1, 2), W1 = 0, b1 = 0: h = 0, so Z = b2 = (0, 0), P = (½, ½); label 0, so
    # δ_out = P − Y = (−½, ½): ∂E/∂b2 = (−½, ½), ∂E/∂W2 = hᵀδ_out = 0.
    # δ_hidden = δ_out·W2ᵀ·(1 − 0²) = −½·W2[j, 0] + ½·W2[j, 1] = (½·(3 − 1),) = (1,):
    # ∂E/∂b1 = 1, ∂E/∂W1 = x·1 = (1, 2).
    params = {
        "W1": np.zeros((2, 1)),
        "b1": np.zeros(1),
        "W2": np.array([[1.0, 3.0]]),
        "b2": np.zeros(2),
    }
    gradients = classifier_gradients([[1.0, 2.0]], [0], params)
    np.testing.assert_array_equal(gradients["b2"], [-0.5, 0.5])
    np.testing.assert_array_equal(gradients["W2"], [[0.0, 0.0]])
    np.testing.assert_array_equal(gradients["b1"], [1.0])
    np.testing.assert_array_equal(gradients["W1"], [[1.0], [2.0]])


def test_gradients_sum_over_the_points():
    X, labels, params = problem(5, n=9)
    total = classifier_gradients(X, labels, params)
    parts = [classifier_gradients(X[i : i + 1], labels[i : i + 1], params) for i in range(9)]
    for name in NAMES:
        np.testing.assert_allclose(total[name], sum(p[name] for p in parts), rtol=1e-12)


def test_gradients_stay_finite_for_confidently_wrong_points(strict):
    X, labels, params = problem(6, n=8, hidden=2, classes=2, scale=1.0)
    params["W2"] = params["W2"] * 1e5
    gradients = classifier_gradients(X, labels, params)
    assert all(np.all(np.isfinite(gradients[name])) for name in NAMES)
    np.testing.assert_allclose(gradients["b2"].sum(), 0.0, atol=1e-9)  # rows of P − Y sum to 0


# training


def plain_training(X, labels, params, eta, epochs):
    """Gradient descent as the lesson writes it, with the equations of the backward pass."""
    W1, b1, W2, b2 = (np.array(params[name], dtype=float) for name in NAMES)
    Y = np.eye(W2.shape[1])[labels]
    errors = []
    for _ in range(epochs):
        current = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
        errors.append(plain_error(X, labels, current))
        h = np.tanh(X @ W1 + b1)
        Z = h @ W2 + b2
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        delta_out = P - Y
        delta_hidden = (delta_out @ W2.T) * (1 - h**2)
        W1, b1 = W1 - eta * X.T @ delta_hidden, b1 - eta * delta_hidden.sum(axis=0)
        W2, b2 = W2 - eta * h.T @ delta_out, b2 - eta * delta_out.sum(axis=0)
    return np.array(errors), {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def test_training_matches_a_plain_loop():
    X, labels, params = problem(7, n=20, hidden=4, classes=3)
    trained, errors = train_classifier(X, labels, params, eta=0.05, epochs=60)
    expected_errors, expected = plain_training(X, labels, params, 0.05, 60)
    np.testing.assert_allclose(errors, expected_errors, rtol=1e-10)
    for name in NAMES:
        np.testing.assert_allclose(trained[name], expected[name], rtol=1e-10, atol=1e-12)
    assert errors[-1] < errors[0]


def test_each_recorded_error_belongs_to_the_weights_at_the_start_of_its_epoch():
    X, labels, params = problem(8, n=10)
    after_one, _ = train_classifier(X, labels, params, eta=0.1, epochs=1)
    _, errors = train_classifier(X, labels, params, eta=0.1, epochs=2)
    assert errors.shape == (2,)
    assert errors[0] == pytest.approx(plain_error(X, labels, params), rel=1e-12)
    assert errors[1] == pytest.approx(plain_error(X, labels, after_one), rel=1e-12)


def test_training_leaves_the_callers_params_alone():
    X, labels, params = problem(9)
    before = {name: np.copy(value) for name, value in params.items()}
    for epochs in (5, 0):
        trained, errors = train_classifier(X, labels, params, eta=0.1, epochs=epochs)
        for name in NAMES:
            np.testing.assert_array_equal(params[name], before[name])
            assert trained[name] is not params[name]
    assert errors.shape == (0,)
    for name in NAMES:
        np.testing.assert_array_equal(trained[name], before[name])


def test_training_separates_the_moons_that_no_line_separates():
    data, fresh = make_moons(n=200, noise=0.1, seed=4), make_moons(n=1000, noise=0.1, seed=5)
    trained, errors = train_classifier(
        data.X, data.labels, init_classifier(2, 6, 2, seed=4), eta=0.02, epochs=1500
    )
    _, P = classifier_forward(fresh.X, trained)
    assert np.mean(np.argmax(P, axis=1) == fresh.labels) > 0.97
    assert errors[-1] < 0.05 * errors[0]


# bad input


def good_params():
    return {"W1": np.ones((2, 3)), "b1": np.zeros(3), "W2": np.ones((3, 2)), "b2": np.zeros(2)}


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"W1": None}, TypeError, r'params\["W1"\] must be a 2-D array of numbers'),
        ({"W1": np.ones(3)}, ValueError, r'params\["W1"\] must be 2-D with shape \(d, H\)'),
        ({"W1": np.ones((3, 3))}, ValueError, r'W1"\] must have one row per input: X has d = 2'),
        ({"b1": np.zeros(4)}, ValueError, r'b1"\] must have one entry per hidden unit: W1 has H'),
        ({"W2": np.ones((2, 2))}, ValueError, r'W2"\] must have one row per hidden unit'),
        ({"W2": np.ones((3, 1)), "b2": np.zeros(1)}, ValueError, "at least two columns"),
        ({"b2": np.zeros(3)}, ValueError, r'b2"\] must have one entry per class: W2 has K = 2'),
        ({"b2": 0.0}, ValueError, r'params\["b2"\] must be 1-D with shape \(K,\)'),
        ({"b1": [0.0, np.nan, 0.0]}, ValueError, r'params\["b1"\] must be finite'),
        ({"W3": np.ones(3)}, ValueError, "exactly the keys W1, b1, W2, b2: unexpected 'W3'"),
    ],
)
def test_bad_params_are_named(change, error, message):
    params = {**good_params(), **change}
    X, labels = np.zeros((4, 2)), np.array([0, 1, 1, 0])
    for function in (
        lambda: classifier_forward(X, params),
        lambda: classifier_error(X, labels, params),
        lambda: classifier_gradients(X, labels, params),
        lambda: train_classifier(X, labels, params, eta=0.1, epochs=1),
    ):
        with pytest.raises(error, match=message):
            function()


@pytest.mark.parametrize(
    ("X", "labels", "error", "message"),
    [
        (np.zeros(4), [0, 1, 1, 0], ValueError, r"X must be 2-D with shape \(N, d\)"),
        (np.zeros((4, 2)), [0, 1, 2, 0], ValueError, "labels must hold labels 0 to 1"),
        (np.zeros((4, 2)), [0.0, 1.0, 1.0, 0.0], TypeError, "labels must hold integer labels"),
        (np.zeros((4, 2)), [0, 1, 1], ValueError, "labels and X must have one entry per point"),
    ],
)
def test_bad_data_is_named(X, labels, error, message):
    with pytest.raises(error, match=message):
        classifier_gradients(X, labels, good_params())


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"eta": 0.0}, ValueError, "eta must be > 0"),
        ({"eta": "0.1"}, TypeError, "eta must be a real number"),
        ({"epochs": -1}, ValueError, "epochs must be an int >= 0"),
        ({"epochs": 2.0}, TypeError, "epochs must be an int"),
    ],
)
def test_bad_training_arguments_are_named(arguments, error, message):
    with pytest.raises(error, match=message):
        train_classifier(
            np.zeros((2, 2)), [0, 1], good_params(), **{"eta": 0.1, "epochs": 3, **arguments}
        )


def test_params_must_be_a_dict():
    with pytest.raises(TypeError, match="params must be a dict with keys W1, b1, W2, b2"):
        classifier_forward(np.zeros((1, 2)), [np.ones((2, 3))])
