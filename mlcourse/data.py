"""Synthetic data for the lessons: points scattered around the line y = slope · x."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mlcourse import validation


class Dataset(NamedTuple):
    """Inputs and targets of a 1-D regression problem.

    Attributes
    ----------
    x : ndarray, shape (n,)
        The inputs x1.
    y : ndarray, shape (n,)
        The targets (ground truth) y.
    """

    x: np.ndarray
    y: np.ndarray


def make_linear_data(
    n: int = 200, slope: float = 3.0, noise_std: float = 0.1, seed: int | None = None
) -> Dataset:
    """Draw ``n`` points with x ~ Uniform[0, 1) and y = slope · x + Normal(0, noise_std).

    The line passes through the origin: the Normal draw is noise on each point, not an intercept.

    Parameters
    ----------
    n : int
        Number of points, at least 1.
    slope : float
        Slope of the true line.
    noise_std : float
        Standard deviation of the Gaussian noise added to each y; 0 gives points on the line.
    seed : int or None
        Seed for ``numpy.random.default_rng``: the same seed gives the same data.

    Returns
    -------
    Dataset
        ``x`` and ``y``, float64 arrays of shape (n,).
    """
    n = validation.integer("n", n, minimum=1)
    slope = validation.real_number("slope", slope)
    noise_std = validation.real_number("noise_std", noise_std)
    if noise_std < 0:
        raise ValueError(f"noise_std must be >= 0, got {noise_std}")
    if seed is not None:
        seed = validation.integer("seed", seed)
    rng = np.random.default_rng(seed)
    x = rng.random(n)
    noise = rng.normal(0.0, noise_std, n)
    return Dataset(x=x, y=slope * x + noise)
