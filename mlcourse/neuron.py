"""The forward pass of one neuron and its squared errors.

The neuron has two inputs, x1 and the bias unit x0 = 1, with weights w1 and w0:
z = w1·x1 + w0·x0 and ŷ = linear(z) = z (lessons 1–7) or ŷ = σ(z), the probability of class 1
(lesson 8); E = ½·Σ(y − ŷ)².
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import kernels, validation
from mlcourse.kernels import Activation

X0 = 1.0
"""The bias input: always 1, so w0 acts as the intercept."""


def linear(z: ArrayLike) -> np.ndarray:
    """The linear activation: returns its input unchanged, as a float64 array."""
    return np.asarray(z, dtype=np.float64)


def predict(x: ArrayLike, w1: float, w0: float, activation: Activation = "linear") -> np.ndarray:
    """Forward pass: ŷ = activation(w1·x1 + w0·x0) with x0 = 1.

    Parameters
    ----------
    x : array_like, shape (n,)
        The inputs x1.
    w1, w0 : float
        Weight of x1 and weight of the bias unit x0.
    activation : {"linear", "sigmoid"}
        ``"linear"``: ŷ = z, a regression line. ``"sigmoid"``: ŷ = σ(z) = 1/(1 + e^(−z)),
        computed without overflow for any finite z, the probability of class 1.

    Returns
    -------
    ndarray, shape (n,)
        The predictions ŷ.
    """
    x = validation.vector("x", x)
    w1 = validation.real_number("w1", w1)
    w0 = validation.real_number("w0", w0)
    activation = validation.activation(activation)
    z = w1 * x + w0 * X0
    return kernels.sigmoid(z) if activation == "sigmoid" else linear(z)


def sse(y: ArrayLike, y_hat: ArrayLike) -> float:
    """Sum-squared error E = ½·Σ(y − ŷ)².

    Parameters
    ----------
    y, y_hat : array_like, shape (n,)
        Targets and predictions; they must have the same length.

    Returns
    -------
    float
    """
    y, y_hat = validation.vectors(y=y, y_hat=y_hat)
    return kernels.sse_of_residual(y - y_hat)


def mse(y: ArrayLike, y_hat: ArrayLike) -> float:
    """Mean squared error mean((y − ŷ)²), with no ½: the MSE of every library.

    It is (2/n) times the SSE ½·Σ(y − ŷ)², so it does not grow with n; ``loss="mse"`` in
    :func:`mlcourse.train` minimises exactly this number.

    Parameters
    ----------
    y, y_hat : array_like, shape (n,)
        Targets and predictions; they must have the same length.

    Returns
    -------
    float
    """
    y, y_hat = validation.vectors(y=y, y_hat=y_hat)
    return kernels.loss_scale("mse", y.size) * kernels.sse_of_residual(y - y_hat)
