import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcourse import (
    DivergenceWarning,
    NetworkHistory,
    init_mlp,
    make_curve_data,
    mlp_forward,
    mlp_gradients,
    mlp_predict,
    numerical_gradient,
    relative_error,
    train_mlp,
    true_curve,
)
from mlcourse.network import EXPLOSION_FACTOR

NAMES = ("W1", "b1", "W2", "b2")


def plain_predict(x, params):
    """ŷ_i = Σ_j W2_j·tanh(W1_j·x_i + b1_j) + b2, point by point and unit by unit."""
    W1, b1, W2, b2 = (params[name] for name in NAMES)
    return [sum(W2[j] * math.tanh(W1[j] * xi + b1[j]) for j in range(len(W1))) + b2 for xi in x]


def plain_sse(x, y, params):
    return 0.5 * sum((yi - pi) ** 2 for yi, pi in zip(y, plain_predict(x, params), strict=True))


def flatten(params):
    return np.concatenate([params["W1"], params["b1"], params["W2"], [params["b2"]]])


def unflatten(theta):
    hidden = (theta.size - 1) // 3
    W1, b1, W2 = theta[:hidden], theta[hidden : 2 * hidden], theta[2 * hidden : 3 * hidden]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": float(theta[-1])}


def small_problem(seed, n=12, hidden=3):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, n)
    y = np.sin(3 * x) + rng.normal(0, 0.1, n)
    return x, y, init_mlp(hidden=hidden, seed=seed)


def best_line_sse(x, y):
    slope, intercept = np.polyfit(x, y, 1)
    return 0.5 * float(np.sum((y - (slope * x + intercept)) ** 2))


# init_mlp


def test_init_shapes_and_types():
    params = init_mlp(hidden=5, seed=1)
    assert set(params) == set(NAMES)
    for name in ("W1", "b1", "W2"):
        assert params[name].shape == (5,) and params[name].dtype == np.float64
    assert type(params["b2"]) is float and params["b2"] == 0.0


def test_init_draws_through_default_rng_in_order():
    rng = np.random.default_rng(7)
    W1, b1, W2 = rng.normal(0, 0.5, 4), rng.normal(0, 0.5, 4), rng.normal(0, 0.5, 4)
    params = init_mlp(hidden=4, seed=7, scale=0.5)
    np.testing.assert_array_equal(params["W1"], W1)
    np.testing.assert_array_equal(params["b1"], b1)
    np.testing.assert_array_equal(params["W2"], W2)


def test_init_same_seed_same_params_other_seed_other_params():
    first, again, other = (init_mlp(seed=s) for s in (3, 3, 4))
    for name in ("W1", "b1", "W2"):
        np.testing.assert_array_equal(first[name], again[name])
        assert not np.array_equal(first[name], other[name])


def test_init_scale_is_the_standard_deviation():
    params = init_mlp(hidden=100_000, seed=0, scale=2.0)
    for name in ("W1", "b1", "W2"):
        assert params[name].std() == pytest.approx(2.0, rel=0.02)
        assert abs(params[name].mean()) < 5 * 2.0 / math.sqrt(100_000)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"hidden": 0}, ValueError, "hidden must be an int >= 1"),
        ({"hidden": 2.0}, TypeError, "hidden must be an int"),
        ({"scale": 0.0}, ValueError, "scale must be > 0"),
        ({"scale": np.nan}, ValueError, "scale must be finite"),
        ({"seed": -1}, ValueError, "seed must be an int >= 0"),
    ],
)
def test_init_refuses_bad_arguments(arguments, error, message):
    with pytest.raises(error, match=message):
        init_mlp(**arguments)


# forward pass


def test_forward_matches_a_plain_loop():
    x, _, params = small_problem(0)
    h, y_hat = mlp_forward(x, params)
    assert h.shape == (x.size, 3) and y_hat.shape == (x.size,)
    np.testing.assert_allclose(y_hat, plain_predict(x, params), rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(h[:, 1], np.tanh(params["W1"][1] * x + params["b1"][1]))
    np.testing.assert_array_equal(mlp_predict(x, params), y_hat)


def test_the_units_contributions_add_up_to_the_prediction():
    x, _, params = small_problem(1)
    h, y_hat = mlp_forward(x, params)
    contributions = h * params["W2"]
    np.testing.assert_allclose(contributions.sum(axis=1) + params["b2"], y_hat, rtol=1e-13)


# backpropagation


def test_gradients_match_finite_differences():
    x, y, params = small_problem(2)
    gradients = mlp_gradients(x, y, params)
    assert set(gradients) == set(NAMES) and type(gradients["b2"]) is float
    numerical = numerical_gradient(lambda theta: plain_sse(x, y, unflatten(theta)), flatten(params))
    assert relative_error(flatten(gradients), numerical) < 1e-7


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 10),
    hidden=st.integers(1, 5),
    scale=st.floats(0.1, 2.0),
)
def test_gradients_match_finite_differences_everywhere(seed, n, hidden, scale):
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(-2, 2, n), rng.normal(0, 1, n)
    params = init_mlp(hidden=hidden, seed=seed, scale=scale)
    params["b2"] = float(rng.normal())
    numerical = numerical_gradient(lambda theta: plain_sse(x, y, unflatten(theta)), flatten(params))
    np.testing.assert_allclose(flatten(mlp_gradients(x, y, params)), numerical, atol=1e-7)


def test_gradient_of_one_unit_by_hand():
    # x = 1, W1 = 0, b1 = 0: h = 0, ŷ = b2 = 1, y = 0, so δ_out = 1: ∂E/∂b2 = 1, ∂E/∂W2 = h = 0,
    # δ_hidden = 1·W2·(1 − 0) = W2 = 2: ∂E/∂W1 = 2·x = 2, ∂E/∂b1 = 2.
    params = {"W1": [0.0], "b1": [0.0], "W2": [2.0], "b2": 1.0}
    gradients = mlp_gradients([1.0], [0.0], params)
    assert gradients["b2"] == 1.0
    np.testing.assert_array_equal(gradients["W2"], [0.0])
    np.testing.assert_array_equal(gradients["W1"], [2.0])
    np.testing.assert_array_equal(gradients["b1"], [2.0])


# training


def plain_training(x, y, params, eta, epochs):
    """Gradient descent exactly as the lesson writes it, with the equations of the backward pass."""
    W1, b1, W2, b2 = (np.array(params[name], dtype=float) for name in NAMES)
    errors = []
    for _ in range(epochs):
        h = np.tanh(np.outer(x, W1) + b1)
        y_hat = h @ W2 + b2
        errors.append(0.5 * np.sum((y - y_hat) ** 2))
        delta_out = -(y - y_hat)
        delta_hidden = np.outer(delta_out, W2) * (1 - h**2)
        W1, b1 = W1 - eta * (x @ delta_hidden), b1 - eta * delta_hidden.sum(axis=0)
        W2, b2 = W2 - eta * (h.T @ delta_out), b2 - eta * delta_out.sum()
    return np.array(errors), {"W1": W1, "b1": b1, "W2": W2, "b2": float(b2)}


def test_training_matches_a_plain_loop():
    x, y, params = small_problem(3, n=30, hidden=4)
    history = train_mlp(x, y, params, eta=0.01, epochs=200)
    errors, final = plain_training(x, y, params, 0.01, 200)
    assert isinstance(history, NetworkHistory)
    assert history.epochs_run == 200 and not history.diverged and history.eta == 0.01
    np.testing.assert_allclose(history.errors, errors, rtol=1e-10)
    for name in NAMES:
        np.testing.assert_allclose(history.params[name], final[name], rtol=1e-10, atol=1e-12)
    assert history.final_error == pytest.approx(plain_sse(x, y, final), rel=1e-10)


def test_training_leaves_the_callers_params_alone():
    x, y, params = small_problem(4)
    before = {name: np.copy(value) for name, value in params.items()}
    for epochs in (50, 0):
        history = train_mlp(x, y, params, eta=0.01, epochs=epochs, snapshot_epochs=[0])
        for name in NAMES:
            np.testing.assert_array_equal(params[name], before[name])
        history.params["W1"][0] = 99.0
        history.snapshots[0]["b1"][0] = 99.0
        assert params["W1"][0] != 99.0 and params["b1"][0] != 99.0


def test_snapshots_hold_the_parameters_of_the_recorded_errors():
    x, y, params = small_problem(5)
    history = train_mlp(x, y, params, eta=0.01, epochs=100, snapshot_epochs=[0, 10, 100])
    assert sorted(history.snapshots) == [0, 10, 100]
    for name in NAMES:
        np.testing.assert_array_equal(history.snapshots[0][name], params[name])
        np.testing.assert_array_equal(history.snapshots[100][name], history.params[name])
    assert plain_sse(x, y, history.snapshots[10]) == pytest.approx(history.errors[10], rel=1e-12)


def test_zero_epochs_change_nothing():
    x, y, params = small_problem(6)
    history = train_mlp(x, y, params, epochs=0)
    assert history.epochs_run == 0
    assert history.final_error == pytest.approx(plain_sse(x, y, params), rel=1e-12)


def test_history_is_frozen():
    x, y, params = small_problem(7)
    history = train_mlp(x, y, params, epochs=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        history.final_error = 0.0


def test_equal_initial_weights_keep_every_hidden_unit_identical():
    data = make_curve_data(seed=0)
    equal = {"W1": np.full(8, 0.7), "b1": np.full(8, -0.2), "W2": np.full(8, 0.3), "b2": 0.0}
    history = train_mlp(data.x, data.y, equal, snapshot_epochs=[1000])
    for params in (history.snapshots[1000], history.params):
        for name in ("W1", "b1", "W2"):
            assert np.ptp(params[name]) == 0.0, name
    assert history.params["W1"][0] != 0.7  # the units moved, but together
    # Eight copies of one unit compute what one unit with eight times the output weight does.
    final = history.params
    one_unit = {"W1": final["W1"][:1], "b1": final["b1"][:1], "W2": 8 * final["W2"][:1]}
    np.testing.assert_allclose(
        mlp_predict(data.x, final), mlp_predict(data.x, {**one_unit, "b2": final["b2"]})
    )
    random = train_mlp(data.x, data.y, init_mlp(seed=0))
    assert history.final_error > 10 * random.final_error


def test_defaults_fit_the_curve_far_below_the_best_line():
    data = make_curve_data(seed=0)
    history = train_mlp(data.x, data.y, init_mlp())
    line = best_line_sse(data.x, data.y)
    truth = 0.5 * float(np.sum((data.y - true_curve(data.x)) ** 2))  # the noise alone
    assert history.final_error < line / 20
    # As good as the true curve: only the noise is left (a little less, fitted by 25 parameters).
    assert 0.7 * truth < history.final_error < 1.1 * truth
    assert history.errors[0] > line  # it started worse than the line


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_defaults_fit_other_draws_too(seed):
    data = make_curve_data(seed=seed)
    history = train_mlp(data.x, data.y, init_mlp(seed=seed))
    assert history.final_error < best_line_sse(data.x, data.y) / 20


def test_a_too_large_learning_rate_stops_with_a_warning():
    data = make_curve_data(seed=0)
    with pytest.warns(DivergenceWarning, match="eta = 1 is too large"):
        history = train_mlp(data.x, data.y, init_mlp(), eta=1.0, epochs=1000)
    assert history.diverged and history.epochs_run < 1000
    assert np.all(np.isfinite(history.errors)) and math.isfinite(history.final_error)
    # The update that exploded was taken back: the final parameters are the last sane ones.
    assert history.final_error <= EXPLOSION_FACTOR * history.errors[0]
    assert history.final_error == pytest.approx(
        plain_sse(data.x, data.y, history.params), rel=1e-10
    )


# bad input


def good_params():
    return {"W1": np.ones(3), "b1": np.zeros(3), "W2": np.ones(3), "b2": 0.5}


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"W1": None}, TypeError, r'params\["W1"\] must be a 1-D array of numbers'),
        ({"b1": np.zeros(4)}, ValueError, "W1 has 3, b1 has 4, W2 has 3"),
        ({"W2": np.ones((3, 1))}, ValueError, r'params\["W2"\] must be 1-D with shape \(H,\)'),
        ({"W1": [1.0, np.nan, 0.0]}, ValueError, r'params\["W1"\] must be finite'),
        ({"b2": np.inf}, ValueError, r'params\["b2"\] must be finite'),
        ({"b2": np.zeros(1)}, TypeError, r'params\["b2"\] must be a real number'),
        ({"W3": np.ones(3)}, ValueError, "exactly the keys W1, b1, W2, b2: unexpected 'W3'"),
    ],
)
def test_bad_params_are_named(change, error, message):
    params = {**good_params(), **change}
    for function in (
        lambda: mlp_forward([0.0, 1.0], params),
        lambda: mlp_gradients([0.0, 1.0], [0.0, 1.0], params),
        lambda: train_mlp([0.0, 1.0], [0.0, 1.0], params, epochs=1),
    ):
        with pytest.raises(error, match=message):
            function()


def test_missing_keys_are_listed():
    params = good_params()
    del params["b1"], params["b2"]
    with pytest.raises(ValueError, match="missing b1, b2"):
        mlp_predict([0.0], params)


def test_params_must_be_a_dict():
    with pytest.raises(TypeError, match="params must be a dict with keys W1, b1, W2, b2"):
        mlp_predict([0.0], [1.0, 2.0, 3.0, 4.0])


def test_a_zero_dimensional_b2_is_accepted():
    params = {**good_params(), "b2": np.array(0.5)}
    np.testing.assert_allclose(mlp_predict([0.0], params), mlp_predict([0.0], good_params()))


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"eta": 0.0}, ValueError, "eta must be > 0"),
        ({"epochs": -1}, ValueError, "epochs must be an int >= 0"),
        ({"snapshot_epochs": [11]}, ValueError, "snapshot_epochs must be between 0 and epochs"),
        ({"snapshot_epochs": [1.5]}, TypeError, "each of snapshot_epochs must be an int"),
        ({"snapshot_epochs": 5}, TypeError, "snapshot_epochs must be an iterable of ints"),
    ],
)
def test_bad_training_arguments_are_named(arguments, error, message):
    with pytest.raises(error, match=message):
        train_mlp([0.0, 1.0], [0.0, 1.0], good_params(), **{"epochs": 10, **arguments})


def test_inputs_must_match():
    with pytest.raises(ValueError, match="x and y must have the same length"):
        mlp_gradients([0.0, 1.0], [0.0], good_params())
