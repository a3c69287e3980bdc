"""Output activations that turn scores into probabilities: the sigmoid and the softmax.

σ(z) = 1 / (1 + e^(−z)) is the probability of class 1 for one score (lesson 8);
softmax(z)_k = e^(z_k) / Σ_j e^(z_j) spreads K scores over K classes (lesson 9). For two classes
softmax((z0, z1))_1 = σ(z1 − z0). Both are written so that no exponential can overflow.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import kernels, validation


def sigmoid(z: ArrayLike) -> np.ndarray | float:
    """The logistic sigmoid σ(z) = 1 / (1 + e^(−z)), elementwise, without overflow.

    Only e^(−|z|) is ever computed, which lies in (0, 1]: for z ≥ 0, σ(z) = 1 / (1 + e^(−z));
    for z < 0, σ(z) = e^(z) / (1 + e^(z)). The naive formula overflows (with a warning) for
    z below about −709. σ(0) is exactly 0.5, σ(−z) = 1 − σ(z), and the values lie in [0, 1]:
    beyond |z| ≈ 37 they round to exactly 1 (and below z ≈ −745 to exactly 0).

    Parameters
    ----------
    z : array_like, any shape
        Finite scores.

    Returns
    -------
    ndarray of z's shape, float64
        σ(z); a numpy float64 scalar when z is a scalar.
    """
    return kernels.sigmoid(validation.real_array("z", z))[()]


def softmax(z: ArrayLike) -> np.ndarray:
    """Softmax of each row: p_k = e^(z_k − m) / Σ_j e^(z_j − m), with m the row's maximum.

    Subtracting m multiplies the numerator and the denominator by the same e^(−m), so it changes
    nothing mathematically, but every exponent is then ≤ 0: nothing overflows, and the largest
    term is exactly 1, so the denominator is at least 1. The naive form overflows (inf / inf =
    nan) once a score exceeds about 709.

    Parameters
    ----------
    z : array_like, shape (n, K) or (K,)
        Finite scores: one row per point, one column per class (a 1-D z is one row).

    Returns
    -------
    ndarray, z's shape, float64
        Probabilities: each row is ≥ 0 and sums to 1.
    """
    z = validation.real_array("z", z)
    if z.ndim not in (1, 2):
        raise ValueError(f"z must have shape (n, K) or (K,), got shape {z.shape}")
    return kernels.softmax_rows(z)
