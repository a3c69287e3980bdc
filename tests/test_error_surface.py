import warnings
from fractions import Fraction

import numpy as np
import pytest

from mlcourse import (
    DivergenceWarning,
    ErrorSurface,
    critical_learning_rate,
    mse,
    optimal_momentum,
    sse,
    train,
)
from mlcourse.error_surface import heavy_ball_offsets


def test_surface_equals_the_sse_anywhere(data):
    surface = ErrorSurface(data.x, data.y)
    for w1, w0 in [(-2.5, 1.0), (3.0, 0.0), (10.0, -7.0)]:
        assert surface(w1, w0) == pytest.approx(sse(data.y, w1 * data.x + w0), rel=1e-10)
    grid = surface(np.array([[0.0, 1.0]]), np.array([[0.5], [2.0]]))
    assert grid.shape == (2, 2)
    assert grid[1, 0] == pytest.approx(sse(data.y, 0.0 * data.x + 2.0), rel=1e-10)


def test_mse_surface(data):
    surface = ErrorSurface(data.x, data.y, loss="mse")
    assert surface(1.0, 1.0) == pytest.approx(mse(data.y, data.x + 1.0), rel=1e-10)
    assert surface.critical_learning_rate == pytest.approx(critical_learning_rate(data.x, "mse"))
    assert surface.min_error == pytest.approx(
        mse(data.y, np.polyval(np.polyfit(data.x, data.y, 1), data.x))
    )


def test_error_is_an_alias_of_loss(data):
    by_alias = ErrorSurface(data.x, data.y, error="mse")
    assert by_alias.loss == "mse"
    assert by_alias(1.0, 1.0) == ErrorSurface(data.x, data.y, "mse")(1.0, 1.0)
    with pytest.raises(TypeError, match="not both"):
        ErrorSurface(data.x, data.y, loss="mse", error="mse")


def test_surface_gradient_is_the_lessons_gradient(data):
    surface = ErrorSurface(data.x, data.y)
    residual = data.y - (-2.5 * data.x + 1.0)
    g1, g0 = surface.gradient(-2.5, 1.0)
    assert g1 == pytest.approx(-np.sum(residual * data.x), rel=1e-10)
    assert g0 == pytest.approx(-np.sum(residual), rel=1e-10)


@pytest.mark.parametrize("factor", [0.05, 0.5, 0.99])
@pytest.mark.parametrize("loss", ["sse", "mse"])
def test_closed_form_trajectory_equals_train_epoch_by_epoch(data, factor, loss):
    eta = factor * critical_learning_rate(data.x, loss)
    slow = train(data.x, data.y, -2.5, 1.0, eta=eta, epochs=2000, loss=loss)
    fast = ErrorSurface(data.x, data.y, loss=loss).trajectory(-2.5, 1.0, eta=eta, epochs=2000)
    np.testing.assert_allclose(fast.weights, slow.weights, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(fast.errors, slow.errors, rtol=1e-8)
    assert fast.final_error == pytest.approx(slow.final_error, rel=1e-8)
    assert fast.loss == slow.loss == loss
    assert fast.critical_rate == slow.critical_rate


@pytest.mark.parametrize("factor", [1.01, 1.5, 40.0])
def test_closed_form_trajectory_diverges_where_train_does(data, factor):
    eta = factor * critical_learning_rate(data.x)
    with pytest.warns(DivergenceWarning):
        slow = train(data.x, data.y, -2.5, 1.0, eta=eta, epochs=5000)
    with pytest.warns(DivergenceWarning):
        fast = ErrorSurface(data.x, data.y).trajectory(-2.5, 1.0, eta=eta, epochs=5000)
    assert fast.epochs_run == slow.epochs_run < 5000
    np.testing.assert_allclose(fast.errors, slow.errors, rtol=1e-6)


def test_warn_false_switches_the_warning_off_and_keeps_the_verdict(data):
    surface = ErrorSurface(data.x, data.y)
    eta = 1.5 * surface.critical_learning_rate
    with pytest.warns(DivergenceWarning):
        warned = surface.trajectory(-2.5, 1.0, eta=eta, epochs=500)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        quiet = surface.trajectory(-2.5, 1.0, eta=eta, epochs=500, warn=False)
    assert quiet.diverged and quiet.epochs_run == warned.epochs_run < 500
    np.testing.assert_array_equal(quiet.weights, warned.weights)


def test_surface_needs_spread_in_x():
    with pytest.raises(ValueError, match="x must take at least two different values"):
        ErrorSurface([1.0, 1.0], [0.0, 1.0])


# Momentum: the closed-form heavy ball -------------------------------------------------------


def recurrence(start, curvature, eta, momentum, epochs):
    """d_k of the heavy ball along one eigenvector, by its update rule, in exact fractions."""
    d, v, out = Fraction(start), Fraction(0), [float(start)]
    curvature, eta, momentum = Fraction(curvature), Fraction(eta), Fraction(momentum)
    for _ in range(epochs):
        v = momentum * v - eta * curvature * d
        d += v
        out.append(float(d))
    return np.array(out)


@pytest.mark.parametrize(
    ("eta_lambda", "momentum", "kind"),
    [
        (0.5, 0.3, "complex roots"),
        (1.0 + 0.3, 0.3, "a = 0: roots ±i√β"),
        (0.01, 0.5, "real positive roots"),
        (3.5, 0.8, "real negative roots"),
        ((1 - np.sqrt(0.64)) ** 2, 0.64, "a double root (critical damping)"),
        ((1 - np.sqrt(0.64)) ** 2 * (1 + 1e-9), 0.64, "nearly double, complex"),
        ((1 - np.sqrt(0.64)) ** 2 * (1 - 1e-9), 0.64, "nearly double, real"),
        ((1 + np.sqrt(0.64)) ** 2, 0.64, "a double negative root"),
        (2 * 1.5 * 1.01, 0.5, "diverging, just past 2(1 + β)"),
        (0.7, 0.0, "no momentum"),
    ],
)
def test_heavy_ball_offsets_solve_the_recurrence(eta_lambda, momentum, kind):
    epochs = 60
    expected = recurrence(1.5, eta_lambda, 1.0, momentum, epochs)
    got = heavy_ball_offsets(np.array([1.5]), np.array([eta_lambda]), 1.0, momentum, epochs)
    assert got.shape == (epochs + 1, 1)
    scale = np.maximum(np.abs(expected), 1.5)  # relative to the start where d passes near 0
    np.testing.assert_allclose(got[:, 0] / scale, expected / scale, rtol=0, atol=1e-12)


@pytest.mark.parametrize("momentum", [0.3, 0.9, 0.99])
@pytest.mark.parametrize("factor", [0.02, 0.3, 0.7, 0.99])
@pytest.mark.parametrize("loss", ["sse", "mse"])
def test_closed_form_trajectory_with_momentum_equals_train(data, momentum, factor, loss):
    eta = factor * critical_learning_rate(data.x, loss, momentum=momentum)
    slow = train(data.x, data.y, -2.5, 1.0, eta=eta, epochs=2000, loss=loss, momentum=momentum)
    surface = ErrorSurface(data.x, data.y, loss=loss)
    fast = surface.trajectory(-2.5, 1.0, eta=eta, epochs=2000, momentum=momentum)
    np.testing.assert_allclose(fast.weights, slow.weights, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(fast.errors, slow.errors, rtol=1e-8)
    assert fast.final_error == pytest.approx(slow.final_error, rel=1e-8)
    assert fast.critical_rate == pytest.approx(slow.critical_rate, rel=1e-14)
    assert (fast.momentum, fast.diverged) == (slow.momentum, slow.diverged) == (momentum, False)


def test_closed_form_trajectory_at_the_optimal_momentum_equals_train(data):
    """Polyak's (η, β) puts both directions at a double root: the case that needs care."""
    eta, momentum = optimal_momentum(data.x)
    slow = train(data.x, data.y, -2.5, 1.0, eta=eta, epochs=500, momentum=momentum)
    fast = ErrorSurface(data.x, data.y).trajectory(
        -2.5, 1.0, eta=eta, epochs=500, momentum=momentum
    )
    np.testing.assert_allclose(fast.weights, slow.weights, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(fast.errors, slow.errors, rtol=1e-8)


@pytest.mark.parametrize("momentum", [0.3, 0.9])
@pytest.mark.parametrize("factor", [1.01, 1.5, 40.0])
def test_closed_form_trajectory_with_momentum_diverges_where_train_does(data, momentum, factor):
    eta = factor * critical_learning_rate(data.x, momentum=momentum)
    with pytest.warns(DivergenceWarning, match="with momentum"):
        slow = train(data.x, data.y, -2.5, 1.0, eta=eta, epochs=5000, momentum=momentum)
    with pytest.warns(DivergenceWarning, match="with momentum"):
        fast = ErrorSurface(data.x, data.y).trajectory(
            -2.5, 1.0, eta=eta, epochs=5000, momentum=momentum
        )
    assert fast.epochs_run == slow.epochs_run < 5000
    assert fast.diverged and slow.diverged
    np.testing.assert_allclose(fast.errors, slow.errors, rtol=1e-6)


def test_closed_form_trajectory_reports_an_explosion_below_the_critical_rate():
    x, y, momentum = np.array([-1.0, 1.0]), np.zeros(2), 1 - 1e-5
    eta = (1 - 1e-12) * (1 + momentum)
    surface = ErrorSurface(x, y)
    history = surface.trajectory(1.0, 1.0, eta=eta, epochs=100_000, momentum=momentum, warn=False)
    assert history.diverged and history.eta < history.critical_rate
    reference = train(x, y, 1.0, 1.0, eta=eta, epochs=100_000, momentum=momentum, warn=False)
    assert history.epochs_run == reference.epochs_run < 100_000


def test_trajectory_refuses_a_bad_momentum(data):
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\)"):
        ErrorSurface(data.x, data.y).trajectory(0.0, 0.0, momentum=1.0)
