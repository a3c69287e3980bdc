import warnings

import numpy as np
import pytest

from mlcourse import DivergenceWarning, ErrorSurface, critical_learning_rate, mse, sse, train


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
