"""What gradient descent on E can be compared with: the least-squares answer and the step sizes.

E(w1, w0) is a quadratic bowl. Its Hessian (its matrix of second derivatives) is
H = [[Σx², Σx], [Σx, n]] for the SSE and H / n for the mean squared error. Gradient descent with
step η multiplies the distance to the minimum along each eigenvector of H by (1 − η·λ) every
epoch, so it converges exactly when |1 − η·λ_max| < 1, that is η < 2 / λ_max.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import _validate

ErrorKind = Literal["sse", "mse"]


def least_squares(x: ArrayLike, y: ArrayLike) -> tuple[float, float]:
    """The weights (w1, w0) that minimise the SSE, in closed form.

    w1 = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², w0 = ȳ − w1·x̄.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Inputs and targets; x must take at least two different values.

    Returns
    -------
    tuple of float
        (w1, w0).
    """
    x = _validate.vector("x", x)
    y = _validate.vector("y", y)
    _validate.same_length(x=x, y=y)
    return _least_squares(x, y)


def hessian(x: ArrayLike, error: ErrorKind = "sse") -> np.ndarray:
    """Hessian of the error with respect to (w1, w0): [[Σx², Σx], [Σx, n]], divided by n for MSE.

    Parameters
    ----------
    x : array_like, shape (n,)
    error : {"sse", "mse"}

    Returns
    -------
    ndarray, shape (2, 2)
    """
    x = _validate.vector("x", x)
    return _hessian(x, _error_kind(error))


def eigenvalues(x: ArrayLike, error: ErrorKind = "sse") -> tuple[float, float]:
    """(λ_min, λ_max) of the Hessian, in closed form for a symmetric 2×2 matrix."""
    return _eigenvalues(hessian(x, error))


def critical_learning_rate(x: ArrayLike, error: ErrorKind = "sse") -> float:
    """2 / λ_max: gradient descent converges for η below it and diverges above it.

    Parameters
    ----------
    x : array_like, shape (n,)
        The inputs x1 (the targets do not change the curvature of E).
    error : {"sse", "mse"}
        With the SSE the rate shrinks roughly like 1/n; with the MSE it does not depend on n.

    Returns
    -------
    float
    """
    return _critical_rate(hessian(x, error))


def fastest_learning_rate(x: ArrayLike, error: ErrorKind = "sse") -> float:
    """2 / (λ_min + λ_max): the constant step that shrinks the slowest direction fastest."""
    smallest, largest = eigenvalues(x, error)
    return 2.0 / (smallest + largest)


def _error_kind(error: object) -> ErrorKind:
    if error not in ("sse", "mse"):
        raise ValueError(f"error must be 'sse' or 'mse', got {error!r}")
    return error  # type: ignore[return-value]


def _least_squares(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    x_mean, y_mean = float(np.mean(x)), float(np.mean(y))
    dx = x - x_mean
    spread = float(np.sum(dx * dx))
    if spread == 0.0:
        raise ValueError(
            "x must take at least two different values: a line through points "
            "with one x value is not determined"
        )
    w1 = float(np.sum(dx * (y - y_mean))) / spread
    return w1, y_mean - w1 * x_mean


def _hessian(x: np.ndarray, error: ErrorKind) -> np.ndarray:
    n = float(x.size)
    sum_x, sum_xx = float(np.sum(x)), float(np.sum(x * x))
    matrix = np.array([[sum_xx, sum_x], [sum_x, n]])
    return matrix / n if error == "mse" else matrix


def _critical_rate(matrix: np.ndarray) -> float:
    """2 / λ_max of a Hessian: the one formula behind every critical rate the package reports."""
    return 2.0 / _eigenvalues(matrix)[1]


def _eigenvalues(matrix: np.ndarray) -> tuple[float, float]:
    a, b, c = matrix[0, 0], matrix[0, 1], matrix[1, 1]
    centre, radius = (a + c) / 2, float(np.hypot((a - c) / 2, b))
    largest = centre + radius
    # λ_min from the determinant: centre − radius cancels badly when λ_min ≪ λ_max.
    smallest = (a * c - b * b) / largest
    return float(smallest), float(largest)
