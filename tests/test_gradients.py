import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcourse import (
    grad_w0,
    grad_w1,
    numerical_gradient,
    numerical_hessian,
    predict,
    relative_error,
    sse,
)


def error_at(x, y):
    """E as a function of w = (w1, w0), for the finite differences."""
    return lambda w: sse(y, predict(x, w[0], w[1]))


def test_gradients_match_centred_differences(data):
    w1, w0 = -2.5, 1.0
    y_hat = predict(data.x, w1, w0)
    analytic = np.array([grad_w1(data.y, y_hat, data.x), grad_w0(data.y, y_hat)])
    numerical = numerical_gradient(error_at(data.x, data.y), [w1, w0])
    assert relative_error(analytic, numerical) < 1e-7


def test_gradient_signs_point_uphill():
    # All predictions too low: raising either weight lowers E, so both derivatives are negative.
    x, y = np.array([0.5, 1.0]), np.array([2.0, 3.0])
    y_hat = predict(x, 0.0, 0.0)
    assert grad_w1(y, y_hat, x) == pytest.approx(-(2.0 * 0.5 + 3.0 * 1.0))
    assert grad_w0(y, y_hat) == pytest.approx(-5.0)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 40),
    seed=st.integers(0, 2**32 - 1),
    w1=st.floats(-10, 10),
    w0=st.floats(-10, 10),
)
def test_gradients_match_finite_differences_everywhere(n, seed, w1, w0):
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(-2, 2, n), rng.normal(0, 3, n)
    y_hat = predict(x, w1, w0)
    analytic = np.array([grad_w1(y, y_hat, x), grad_w0(y, y_hat)])
    numerical = numerical_gradient(error_at(x, y), [w1, w0], h=1e-4)
    # E is quadratic, so centred differences are exact up to rounding, which scales with E.
    tolerance = 1e-6 * (1 + sse(y, y_hat))
    np.testing.assert_allclose(analytic, numerical, rtol=1e-6, atol=tolerance)


def test_numerical_gradient_of_a_known_function():
    f = lambda w: np.sin(w[0]) * w[1] ** 3  # noqa: E731
    w = np.array([0.3, 1.7])
    expected = [np.cos(0.3) * 1.7**3, 3 * np.sin(0.3) * 1.7**2]
    np.testing.assert_allclose(numerical_gradient(f, w), expected, rtol=1e-8)


def test_centred_differences_beat_one_sided_ones():
    f = lambda w: np.exp(w[0])  # noqa: E731
    h = 1e-3
    centred = numerical_gradient(f, [0.0], h=h)[0]
    one_sided = (np.exp(h) - 1.0) / h
    assert abs(centred - 1.0) < abs(one_sided - 1.0) / 100


def test_relative_error():
    assert relative_error([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert relative_error([2.0], [1.0]) == pytest.approx(0.5)
    assert relative_error([1.0, -1.0], [1.0, 1.0]) == pytest.approx(2.0)


def test_numerical_gradient_input_errors():
    with pytest.raises(TypeError, match="f must be a callable"):
        numerical_gradient(3.0, [1.0])
    with pytest.raises(ValueError, match="h must be > 0"):
        numerical_gradient(lambda w: 0.0, [1.0], h=0.0)


def test_gradients_refuse_mismatched_lengths():
    with pytest.raises(ValueError, match="y and x must have the same length"):
        grad_w1(np.zeros(3), np.zeros(3), np.zeros(4))
    with pytest.raises(ValueError, match="y and y_hat must have the same length"):
        grad_w0(np.zeros(3), np.zeros(2))


def test_numerical_hessian_of_the_sse_is_the_closed_form_one(data):
    def gradient(w):
        y_hat = predict(data.x, w[0], w[1])
        return [grad_w1(data.y, y_hat, data.x), grad_w0(data.y, y_hat)]

    # H = [[Σx², Σx], [Σx, N]] (lesson 5), summed here by a plain loop
    expected = np.zeros((2, 2))
    for x in data.x:
        expected += np.array([[x * x, x], [x, 1.0]])
    np.testing.assert_allclose(numerical_hessian(gradient, [-2.5, 1.0]), expected, rtol=1e-6)


def test_numerical_hessian_of_the_cross_entropy_matches_a_plain_loop():
    x, y, w = np.array([-1.0, 0.2, 0.5, 2.0]), np.array([0, 1, 0, 1]), np.array([1.5, -0.3])

    def gradient(w):  # Σ(σ(z) − y)·(x, 1), the binary cross-entropy's
        s = 1 / (1 + np.exp(-(w[0] * x + w[1])))
        return np.array([np.sum((s - y) * x), np.sum(s - y)])

    expected = np.zeros((2, 2))
    for xi in x:
        s = 1 / (1 + np.exp(-(w[0] * xi + w[1])))
        expected += s * (1 - s) * np.array([[xi * xi, xi], [xi, 1.0]])
    np.testing.assert_allclose(numerical_hessian(gradient, w), expected, rtol=1e-7)


def test_numerical_hessian_keeps_rows_and_columns_apart():
    # not a gradient, so its Jacobian [[w1, w0], [2·w0, 0]] is not symmetric: a transposed
    # result would show
    field = lambda w: np.array([w[0] * w[1], w[0] ** 2])  # noqa: E731
    np.testing.assert_allclose(
        numerical_hessian(field, [3.0, 2.0]), [[2.0, 3.0], [6.0, 0.0]], rtol=1e-8
    )


def test_numerical_hessian_input_errors():
    with pytest.raises(TypeError, match="gradient must be a callable"):
        numerical_hessian(3.0, [1.0])
    with pytest.raises(ValueError, match=r"gradient must return an array of shape \(2,\)"):
        numerical_hessian(lambda w: 0.0, [1.0, 2.0])
    with pytest.raises(ValueError, match="h must be > 0"):
        numerical_hessian(lambda w: w, [1.0], h=-1.0)
