"""Reshaping the valley: standardised inputs, and the weights carried back to the raw inputs.

Standardising x, z = (x − mean)/std, makes the Hessian of the SSE n·I: the error surface
becomes round, every direction has the same curvature, and one step of η = 1/n lands on the
least-squares weights. Those weights describe a line in z; :func:`unstandardize_weights`
gives the same line in x. Standardise with the training data's mean and spread only, and
apply those same numbers to any new x.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import validation


def standardize(x: ArrayLike) -> tuple[np.ndarray, float, float]:
    """z = (x − mean)/std, with the population standard deviation (numpy's ``ddof=0``).

    Parameters
    ----------
    x : array_like, shape (n,)
        The inputs; they must take at least two different values.

    Returns
    -------
    z : ndarray, shape (n,)
        The standardised inputs: mean 0, population standard deviation 1.
    mean : float
        The mean of x.
    std : float
        The population standard deviation of x, √(mean((x − mean)²)) > 0.
    """
    x = validation.vector("x", x)
    if np.min(x) == np.max(x):
        raise ValueError(
            f"x must take at least two different values to be standardised: all {x.size} "
            f"values are {x[0]}, so its spread is 0"
        )
    with np.errstate(over="ignore", under="ignore"):
        mean = float(np.mean(x))
        std = float(np.std(x))
    if not (np.isfinite(mean) and np.isfinite(std) and std > 0):
        raise ValueError(
            f"x cannot be standardised in floating point: its mean is {mean} and its spread "
            f"{std} (values too large or too close together)"
        )
    return (x - mean) / std, mean, std


def unstandardize_weights(w1: float, w0: float, mean: float, std: float) -> tuple[float, float]:
    """The weights on the raw input x of the line ŷ = w1·z + w0 with z = (x − mean)/std.

    w1·(x − mean)/std + w0 = (w1/std)·x + (w0 − w1·mean/std).

    Parameters
    ----------
    w1, w0 : float
        Weights of the neuron trained on standardised inputs.
    mean, std : float
        What :func:`standardize` returned for the training inputs (std > 0).

    Returns
    -------
    tuple of float
        (slope, intercept) on x.
    """
    w1 = validation.real_number("w1", w1)
    w0 = validation.real_number("w0", w0)
    mean = validation.real_number("mean", mean)
    std = validation.positive_number("std", std)
    return w1 / std, w0 - w1 * mean / std
