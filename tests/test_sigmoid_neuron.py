"""The sigmoid neuron of lesson 8: predict, train (SSE, MSE and cross-entropy) and the loss over
a grid, each against formulas written here and against finite differences."""

import math

import numpy as np
import pytest

import mlcourse as mc
from mlcourse import (
    DivergenceWarning,
    ErrorSurface,
    binary_cross_entropy,
    loss_surface,
    make_two_classes,
    numerical_gradient,
    predict,
    relative_error,
    train,
)
from mlcourse.training import neuron_loss_and_gradient


@pytest.fixture
def classes():
    return make_two_classes(n=200, seed=0)


def sigma(z):
    """The textbook formula, fine for the moderate z used with it here."""
    return 1.0 / (1.0 + np.exp(-z))


def sse_of(x, y, w):
    return 0.5 * np.sum((y - sigma(w[0] * x + w[1])) ** 2)


def mse_of(x, y, w):
    return np.mean((y - sigma(w[0] * x + w[1])) ** 2)


def bce_of(x, y, w):
    """−Σ[y·ln ŷ + (1 − y)·ln(1 − ŷ)] through −ln σ(z) = ln(1 + e^(−z)) = logaddexp(0, −z) and
    −ln(1 − σ(z)) = logaddexp(0, z): accurate where ln(1 − ŷ) of a rounded ŷ would not be."""
    z = w[0] * x + w[1]
    return np.sum(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))


LOSSES = {"sse": sse_of, "mse": mse_of, "bce": bce_of}


def test_the_cross_entropy_reference_is_the_lessons_formula(classes):
    x, y, w = classes.x, classes.y, np.array([0.7, -0.3])  # moderate z: ŷ does not round
    p = sigma(w[0] * x + w[1])
    assert bce_of(x, y, w) == pytest.approx(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))


def test_predict_with_the_sigmoid(classes):
    x = np.array([-2.0, 0.0, 0.5, 3.0])
    np.testing.assert_allclose(predict(x, 1.5, -0.75, "sigmoid"), sigma(1.5 * x - 0.75), rtol=1e-15)
    assert predict(np.array([0.5]), 2.0, -1.0, activation="sigmoid")[0] == 0.5  # z = 0
    np.testing.assert_array_equal(predict(x, 1.5, -0.75), 1.5 * x - 0.75)
    with pytest.raises(ValueError, match="activation must be 'linear' or 'sigmoid', got 'tanh'"):
        predict(x, 1.0, 0.0, activation="tanh")


@pytest.mark.parametrize("loss", ["sse", "mse", "bce"])
@pytest.mark.parametrize("w", [(0.7, -0.3), (-4.0, 2.0), (6.0, 1.0)])
def test_sigmoid_gradients_match_finite_differences(classes, loss, w):
    x, y = classes.x, classes.y.astype(float)
    scale = 2 / x.size if loss == "mse" else 1.0
    value, g1, g0 = neuron_loss_and_gradient(x, y, *w, "sigmoid", loss, scale)
    assert value == pytest.approx(LOSSES[loss](x, y, np.array(w)), rel=1e-12)
    numerical = numerical_gradient(lambda v: LOSSES[loss](x, y, v), w, h=1e-6)
    assert relative_error([g1, g0], numerical) < 1e-6


def test_the_gradient_formulas_of_the_lesson(classes):
    """SSE: dE/dw1 = −Σ(y − ŷ)·ŷ(1 − ŷ)·x1; cross-entropy: −Σ(y − ŷ)·x1 (σ' cancels)."""
    x, y, w1, w0, eta = classes.x, classes.y, 0.7, -0.3, 0.01
    y_hat = sigma(w1 * x + w0)
    for loss, factor in (("sse", y_hat * (1 - y_hat)), ("bce", 1.0)):
        step = train(x, y, w1, w0, eta=eta, epochs=1, loss=loss, activation="sigmoid")
        expected = [
            w1 + eta * np.sum((y - y_hat) * factor * x),
            w0 + eta * np.sum((y - y_hat) * factor),
        ]
        np.testing.assert_allclose(step.weights[1], expected, rtol=1e-13)


def sigmoid_loop(x, y, w1, w0, eta, epochs, loss, batch_size=None, seed=0):
    """Gradient descent on the sigmoid neuron, written out (full batch, or shuffled batches)."""
    rng = np.random.default_rng(seed)
    n = len(x)
    batch_size = batch_size or n
    weights, errors = [(w1, w0)], []
    for _ in range(epochs):
        errors.append(LOSSES[loss](x, y, np.array([w1, w0])))
        order = rng.permutation(n) if batch_size < n else np.arange(n)
        for start in range(0, n, batch_size):
            b = order[start : start + batch_size]
            y_hat = sigma(w1 * x[b] + w0)
            if loss == "bce":
                dE_dz = y_hat - y[b]
            else:
                dE_dz = -(y[b] - y_hat) * y_hat * (1 - y_hat) * (2 / len(b) if loss == "mse" else 1)
            w1, w0 = w1 - eta * np.sum(dE_dz * x[b]), w0 - eta * np.sum(dE_dz)
        weights.append((w1, w0))
    return np.array(weights), np.array(errors)


@pytest.mark.parametrize(
    ("loss", "batch_size", "eta"),
    [
        ("bce", None, 0.01),
        ("sse", None, 0.05),
        ("mse", None, 2.0),
        ("bce", 16, 0.05),
        ("mse", 16, 0.5),
    ],
)
def test_sigmoid_training_matches_a_plain_loop(classes, loss, batch_size, eta):
    x, y = classes.x, classes.y.astype(float)
    history = train(
        x, y, -1.0, 0.5, eta=eta, epochs=60, loss=loss, activation="sigmoid", batch_size=batch_size
    )
    weights, errors = sigmoid_loop(x, y, -1.0, 0.5, eta, 60, loss, batch_size)
    np.testing.assert_allclose(history.weights, weights, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(history.errors, errors, rtol=1e-10)
    assert history.activation == "sigmoid" and history.critical_rate is None
    assert not history.diverged


def test_nothing_overflows_for_scores_up_to_ten_thousand(strict):
    """Confidently wrong by |z| = 10⁴ at the start: finite loss, finite steps, no warning and
    no floating-point event (the strict fixture turns both into errors)."""
    x = np.array([-1.0, -0.5, 0.5, 1.0])
    y = np.array([0, 0, 1, 1])
    for loss in ("bce", "sse"):
        history = train(x, y, -1e4, 0.0, eta=1e-3, epochs=50, loss=loss, activation="sigmoid")
        assert np.all(np.isfinite(history.weights)) and np.all(np.isfinite(history.errors))
    bce = train(x, y, -1e4, 0.0, eta=1e-3, epochs=1, loss="bce", activation="sigmoid")
    # Each wrong point costs −ln σ(−|z|) ≈ |z|: 10⁴ + 10⁴ + 5000 + 5000.
    assert bce.errors[0] == pytest.approx(3e4, rel=1e-12)
    # σ'(z) ≈ e^(−5000) is 0 in floating point: the SSE cannot move from there, BCE can.
    sse = train(x, y, -1e4, 0.0, eta=1e-3, epochs=1, loss="sse", activation="sigmoid")
    assert tuple(sse.weights[1]) == (-1e4, 0.0)
    assert bce.weights[1, 0] > -1e4


def test_sse_stalls_where_the_neuron_is_confidently_wrong_and_cross_entropy_does_not(classes):
    x, y = classes.x, classes.y
    _, g1_sse, _ = neuron_loss_and_gradient(x, y.astype(float), -8.0, 0.0, "sigmoid", "sse", 1.0)
    _, g1_bce, _ = neuron_loss_and_gradient(x, y.astype(float), -8.0, 0.0, "sigmoid", "bce", 1.0)
    assert abs(g1_sse) < 0.05 * abs(g1_bce)


def test_cross_entropy_needs_the_sigmoid_and_labels(classes):
    with pytest.raises(ValueError, match=r"loss='bce' .* needs activation='sigmoid'"):
        train(classes.x, classes.y, 0.0, 0.0, loss="bce")
    with pytest.raises(ValueError, match="y must hold labels 0 or 1"):
        train(classes.x, classes.y * 0.5, 0.0, 0.0, loss="bce", activation="sigmoid")
    # The SSE of a sigmoid takes any targets, labels or not.
    train(classes.x, classes.y * 0.5, 0.0, 0.0, epochs=2, activation="sigmoid")


def test_a_sigmoid_run_that_explodes_says_so(classes):
    with pytest.warns(DivergenceWarning, match="a sigmoid neuron, the full batch"):
        history = train(
            classes.x, classes.y, 0.0, 0.0, eta=1e12, epochs=20, loss="bce", activation="sigmoid"
        )
    assert history.diverged and history.epochs_run < 20 and history.critical_rate is None


# The loss over a grid of weights --------------------------------------------------------------


@pytest.mark.parametrize(
    ("activation", "loss"),
    [
        ("sigmoid", "sse"),
        ("sigmoid", "bce"),
        ("sigmoid", "mse"),
        ("linear", "sse"),
        ("linear", "mse"),
    ],
)
def test_loss_surface_is_the_loss_at_each_grid_point(classes, activation, loss):
    x, y = classes.x, classes.y
    w1, w0 = np.meshgrid(np.linspace(-10, 10, 7), np.linspace(-3, 3, 5))
    surface = loss_surface(x, y, w1, w0, activation=activation, loss=loss)
    assert surface.shape == (5, 7)
    for i in range(5):
        for j in range(7):
            y_hat = predict(x, w1[i, j], w0[i, j], activation)
            if loss == "bce":
                expected = bce_of(x, y, (w1[i, j], w0[i, j]))
            else:
                expected = 0.5 * np.sum((y - y_hat) ** 2) * (2 / x.size if loss == "mse" else 1)
            assert surface[i, j] == pytest.approx(expected, rel=1e-11)


def test_loss_surface_of_the_linear_neuron_is_the_error_surface(data):
    w1, w0 = np.meshgrid(np.linspace(-3, 6, 9), np.linspace(-2, 2, 4))
    for loss in ("sse", "mse"):
        np.testing.assert_allclose(
            loss_surface(data.x, data.y, w1, w0, loss=loss),
            ErrorSurface(data.x, data.y, loss)(w1, w0),
            rtol=1e-10,
        )


def test_loss_surface_works_through_the_points_in_blocks(classes, monkeypatch):
    from mlcourse import error_surface

    w1, w0 = np.meshgrid(np.linspace(-5, 5, 6), np.linspace(-5, 5, 6))
    whole = loss_surface(classes.x, classes.y, w1, w0, "sigmoid", "bce")
    monkeypatch.setattr(error_surface, "POINTS_PER_BLOCK", 36 * 7)  # blocks of 7 points
    np.testing.assert_allclose(
        loss_surface(classes.x, classes.y, w1, w0, "sigmoid", "bce"), whole, rtol=1e-13
    )


def test_loss_surface_agrees_with_binary_cross_entropy_of_the_probabilities(classes):
    w1, w0 = np.meshgrid(np.linspace(-2, 2, 3), np.linspace(-1, 1, 3))
    surface = loss_surface(classes.x, classes.y, w1, w0, "sigmoid", "bce")
    for index in np.ndindex(w1.shape):
        y_hat = predict(classes.x, w1[index], w0[index], "sigmoid")
        assert surface[index] == pytest.approx(binary_cross_entropy(classes.y, y_hat), rel=1e-12)


def test_cross_entropy_surface_stays_finite_where_the_neuron_is_certain_and_wrong(classes):
    surface = loss_surface(
        classes.x, classes.y, np.array([-1e4]), np.array([0.0]), "sigmoid", "bce"
    )
    assert np.isfinite(surface[0]) and surface[0] > 1e3


def test_loss_surface_names_bad_arguments(classes):
    with pytest.raises(ValueError, match="w1 and w0 must broadcast together"):
        loss_surface(classes.x, classes.y, np.zeros(3), np.zeros(4))
    with pytest.raises(ValueError, match="needs activation='sigmoid'"):
        loss_surface(classes.x, classes.y, 0.0, 0.0, loss="bce")
    with pytest.raises(ValueError, match="w1 must be finite"):
        loss_surface(classes.x, classes.y, np.nan, 0.0)
    with pytest.raises(ValueError, match="loss must be 'sse', 'mse' or 'bce'"):
        loss_surface(classes.x, classes.y, 0.0, 0.0, loss="mae")


def test_bce_gradients_are_finite_differences_of_the_cross_entropy_and_a_plain_loop():
    data = mc.make_two_classes(n=40, seed=2)

    def bce_at(w):
        return float(mc.loss_surface(data.x, data.y, w[0], w[1], "sigmoid", "bce"))

    gradient = np.array(mc.bce_gradients(data.x, data.y, -1.3, 0.4))
    assert mc.relative_error(gradient, mc.numerical_gradient(bce_at, [-1.3, 0.4])) < 1e-7
    loop = [0.0, 0.0]
    for x1, label in zip(data.x, data.y, strict=True):
        y_hat = 1 / (1 + math.exp(-(-1.3 * x1 + 0.4)))
        loop[0] += (y_hat - label) * x1
        loop[1] += y_hat - label
    np.testing.assert_allclose(gradient, loop, rtol=1e-12)


def test_bce_gradients_refuse_labels_other_than_0_and_1():
    with pytest.raises(ValueError, match="y"):
        mc.bce_gradients([0.1, 0.2], [0.0, 2.0], 1.0, 0.0)
