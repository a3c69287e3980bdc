"""Derivatives of the sum-squared error, analytic (chain rule) and numerical (finite differences).

Chain rule for E = ½·Σ(y − ŷ)², ŷ = z, z = w1·x1 + w0·x0:
dE/dŷ = −(y − ŷ), dŷ/dz = 1, dz/dw1 = x1, dz/dw0 = x0 = 1, so
dE/dw1 = −Σ(y − ŷ)·x1 and dE/dw0 = −Σ(y − ŷ).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import kernels, validation


def grad_w1(y: ArrayLike, y_hat: ArrayLike, x: ArrayLike) -> float:
    """dE/dw1 = −Σ(y − ŷ)·x1.

    Parameters
    ----------
    y, y_hat, x : array_like, shape (n,)
        Targets, predictions and inputs x1, all of the same length.

    Returns
    -------
    float
    """
    y, y_hat, x = validation.vectors(y=y, y_hat=y_hat, x=x)
    return kernels.grad_w1_of_residual(y - y_hat, x)


def grad_w0(y: ArrayLike, y_hat: ArrayLike) -> float:
    """dE/dw0 = −Σ(y − ŷ)·x0 = −Σ(y − ŷ), since the bias input x0 is 1.

    Parameters
    ----------
    y, y_hat : array_like, shape (n,)
        Targets and predictions, of the same length.

    Returns
    -------
    float
    """
    y, y_hat = validation.vectors(y=y, y_hat=y_hat)
    return kernels.grad_w0_of_residual(y - y_hat)


def numerical_gradient(
    f: Callable[[np.ndarray], float], w: ArrayLike, h: float = 1e-5
) -> np.ndarray:
    """Centred finite differences: ∂f/∂w_i ≈ (f(w + h·e_i) − f(w − h·e_i)) / 2h.

    The error of the centred formula shrinks like h², against h for the one-sided one.

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``w`` and returns a scalar.
    w : array_like, shape (k,)
        The point at which to differentiate.
    h : float
        Step, > 0.

    Returns
    -------
    ndarray, shape (k,)
        The estimated gradient.
    """
    if not callable(f):
        raise TypeError(f"f must be a callable returning a number, got {type(f).__name__}")
    w = validation.vector("w", w)
    h = validation.positive_number("h", h)
    gradient = np.empty_like(w)
    for i in range(w.size):
        step = np.zeros_like(w)
        step[i] = h
        gradient[i] = (float(f(w + step)) - float(f(w - step))) / (2 * h)
    return gradient


def numerical_hessian(
    gradient: Callable[[np.ndarray], ArrayLike], w: ArrayLike, h: float = 1e-5
) -> np.ndarray:
    """Centred finite differences of a gradient: column j is (g(w + h·e_j) − g(w − h·e_j)) / 2h.

    Entry [i, j] estimates ∂g_i/∂w_j. For the gradient of a smooth loss that is its Hessian,
    symmetric up to rounding; the matrix is returned as measured, not symmetrised, so that a
    function which is not a gradient shows as an asymmetry. Its largest eigenvalue λ_max gives
    the critical learning rate 2/λ_max near a minimum.

    Parameters
    ----------
    gradient : callable
        Takes an array shaped like ``w`` and returns the gradient there, shape (k,).
    w : array_like, shape (k,)
        The point at which to differentiate.
    h : float
        Step, > 0.

    Returns
    -------
    ndarray, shape (k, k)
    """
    if not callable(gradient):
        raise TypeError(
            f"gradient must be a callable returning an array, got {type(gradient).__name__}"
        )
    w = validation.vector("w", w)
    h = validation.positive_number("h", h)

    def gradient_at(point: np.ndarray) -> np.ndarray:
        value = np.asarray(gradient(point), dtype=np.float64)
        if value.shape != w.shape:
            raise ValueError(
                f"gradient must return an array of shape {w.shape}, like w, got {value.shape}"
            )
        return value

    steps = h * np.eye(w.size)
    columns = [(gradient_at(w + step) - gradient_at(w - step)) / (2 * h) for step in steps]
    return np.column_stack(columns)


def relative_error(analytic: ArrayLike, numerical: ArrayLike) -> float:
    """Largest |a − n| / max(|a|, |n|) over the components (0 where both are 0).

    For double precision and h ≈ 1e-5, a correct gradient gives about 1e-7 or less; 1e-2 or
    more means the analytic gradient is wrong.

    Parameters
    ----------
    analytic, numerical : array_like, shape (k,)

    Returns
    -------
    float
    """
    analytic, numerical = validation.vectors(
        analytic=np.atleast_1d(analytic), numerical=np.atleast_1d(numerical)
    )
    scale = np.maximum(np.abs(analytic), np.abs(numerical))
    difference = np.abs(analytic - numerical)
    ratios = np.divide(difference, scale, out=np.zeros_like(scale), where=scale > 0)
    return float(np.max(ratios))
