"""The kernels are reached through the public functions; here: what each one is the one place of."""

import numpy as np
import pytest

import mlcourse as mc
from mlcourse import ErrorSurface, hessian, kernels, mse, numerical_gradient, predict, sse, train


def test_the_mse_is_the_mean_of_the_squared_residuals_everywhere(data):
    """mean((y − ŷ)²), no ½: its value, the step train takes, its Hessian and its surface."""
    x, y, w = data.x, data.y, np.array([-2.5, 1.0])
    residual = y - (w[0] * x + w[1])
    value = float(np.mean(residual**2))
    assert mse(y, predict(x, *w)) == pytest.approx(value, rel=1e-12)
    assert mse([1.0, 2.0], [0.0, 0.0]) == 2.5  # (1 + 4) / 2, by hand
    assert train(x, y, *w, eta=0.1, epochs=1, loss="mse").errors[0] == pytest.approx(value)
    assert ErrorSurface(x, y, "mse")(*w) == pytest.approx(value, rel=1e-10)
    # One step of gradient descent on mean(r²), written out: w − η·(−2·mean(r·x), −2·mean(r)).
    expected = w - 0.1 * np.array([-2 * np.mean(residual * x), -2 * np.mean(residual)])
    np.testing.assert_allclose(train(x, y, *w, eta=0.1, epochs=1, loss="mse").weights[1], expected)

    def gradient(v):
        return numerical_gradient(lambda u: mse(y, predict(x, *u)), v, h=1e-4)

    columns = [(gradient(w + step) - gradient(w - step)) / 2e-3 for step in np.eye(2) * 1e-3]
    np.testing.assert_allclose(hessian(x, "mse"), np.column_stack(columns), rtol=1e-5)


def test_the_mse_is_defined_in_one_place(monkeypatch, data):
    """Redefine the MSE as ½·mean((y − ŷ)²) in loss_scale alone: every MSE the package reports
    (value, training, Hessian, surface) follows, and agrees with the others."""
    monkeypatch.setattr(kernels, "loss_scale", lambda loss, n: 1.0 / n if loss == "mse" else 1.0)
    x, y, w = data.x, data.y, np.array([-2.5, 1.0])
    value = float(0.5 * np.mean((y - (w[0] * x + w[1])) ** 2))
    assert mse(y, predict(x, *w)) == pytest.approx(value, rel=1e-12)
    assert sse(y, predict(x, *w)) == pytest.approx(value * x.size, rel=1e-12)
    assert train(x, y, *w, eta=0.1, epochs=1, loss="mse").errors[0] == pytest.approx(value)
    assert ErrorSurface(x, y, "mse")(*w) == pytest.approx(value, rel=1e-10)
    np.testing.assert_allclose(hessian(x, "mse"), hessian(x) / x.size, rtol=1e-12)
    residual = y - (w[0] * x + w[1])
    expected = w - 0.1 * np.array([-np.mean(residual * x), -np.mean(residual)])
    np.testing.assert_allclose(train(x, y, *w, eta=0.1, epochs=1, loss="mse").weights[1], expected)


def test_symmetric_eigenvalues_of_a_known_matrix():
    # [[2, 1], [1, 2]] has eigenvalues 1 and 3; a diagonal matrix its diagonal, sorted.
    assert kernels.symmetric_eigenvalues(np.array([[2.0, 1.0], [1.0, 2.0]])) == pytest.approx(
        (1.0, 3.0)
    )
    assert kernels.symmetric_eigenvalues(np.diag([5.0, 0.5])) == pytest.approx((0.5, 5.0))
    assert kernels.critical_rate(np.diag([5.0, 0.5])) == pytest.approx(2 / 5.0)


def test_the_softmax_is_defined_in_one_place(monkeypatch):
    """Replace the softmax kernel by a softmax of 2z: every probability the package reports, and
    the gradient P − Y behind both classifiers, follow it."""
    original = kernels.softmax_rows
    monkeypatch.setattr(kernels, "softmax_rows", lambda z: original(2.0 * z))
    z = np.array([[0.5, -1.0, 2.0]])
    doubled = np.exp(2 * z) / np.sum(np.exp(2 * z))
    np.testing.assert_allclose(mc.softmax(z), doubled)
    X, labels = np.array([[1.0, 2.0]]), np.array([0])
    W, b = np.array([[0.5, -1.0, 0.0], [0.0, 0.0, 1.0]]), np.array([0.0, 0.0, 0.0])
    np.testing.assert_allclose(mc.class_probabilities(X, W, b), doubled)
    np.testing.assert_allclose(mc.softmax_gradients(X, labels, W, b)[1], doubled[0] - [1, 0, 0])
    params = {"W1": np.eye(2), "b1": np.zeros(2), "W2": np.ones((2, 3)), "b2": z[0]}
    _, P = mc.classifier_forward(X, params)
    scores = np.tanh(X) @ params["W2"] + z
    np.testing.assert_allclose(P, np.exp(2 * scores) / np.sum(np.exp(2 * scores)))
    np.testing.assert_allclose(mc.classifier_gradients(X, labels, params)["b2"], P[0] - [1, 0, 0])
