"""Cross-entropy errors for classification, from probabilities and (stably) from scores.

Like the sum-squared error, each is a sum over the points, not a mean:

- binary: E = −Σ[y·ln ŷ + (1 − y)·ln(1 − ŷ)], with labels y in {0, 1} and ŷ = σ(z);
- K classes: E = −Σ_i ln p[i, label_i], with p = softmax(z) row by row.

Each is the negative log-likelihood of the labels under the model's probabilities. The forms
from probabilities are what the lessons derive; the forms from scores (``…_from_logits``,
``…_from_scores``) compute the same number without ever forming a probability that rounds to
0 or 1, so they stay finite and accurate where σ or softmax saturate: training code uses them.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import kernels, validation

ROW_SUM_TOLERANCE = 1e-6
"""How far a row of probabilities may sum from 1 in ``cross_entropy``.

Rows from a softmax computed in float64 sum to 1 within a few K·2.2e-16, and in float32
within a few K·6e-8: both pass for any K of this course. A row off by δ shifts that point's
−ln p by at most about δ, so what passes changes E by at most 1e-6 per point, while the mistakes
worth catching (a forgotten normalisation, normalising the wrong axis, raw scores) miss by far
more.
"""


def binary_cross_entropy(y: ArrayLike, y_hat: ArrayLike) -> float:
    """E = −Σ[y·ln ŷ + (1 − y)·ln(1 − ŷ)], summed over the points.

    Each point contributes −ln ŷ when its label is 1 and −ln(1 − ŷ) when it is 0; the latter is
    computed as −log1p(−ŷ), exact even for tiny ŷ, where 1 − ŷ would round. A probability of
    exactly 1 for the right class contributes 0; a probability of exactly 0 for the right class
    (certain and wrong) contributes +inf, which is then the result, without a warning.

    Parameters
    ----------
    y : array_like, shape (n,)
        Labels, each 0 or 1 (ints or floats).
    y_hat : array_like, shape (n,)
        Predicted probabilities of class 1, each in [0, 1].

    Returns
    -------
    float
        E ≥ 0, or inf.
    """
    y = validation.binary_labels("y", y)
    y_hat = validation.vector("y_hat", y_hat)
    validation.same_number_of_points(y=y, y_hat=y_hat)
    validation.refuse_outside("y_hat", y_hat, (y_hat < 0) | (y_hat > 1), "probabilities in [0, 1]")
    ones = y == 1
    with np.errstate(divide="ignore"):  # ln 0 = −inf is the documented answer
        # 0.0 − …, not −…: certain and right gives 0.0, which −(0.0) would print as −0.0.
        return 0.0 - float(np.sum(np.log(y_hat[ones])) + np.sum(np.log1p(-y_hat[~ones])))


def binary_cross_entropy_from_logits(y: ArrayLike, z: ArrayLike) -> float:
    """The binary cross-entropy of ŷ = σ(z), from the scores: E = Σ[softplus(z) − y·z].

    With softplus(z) = ln(1 + e^z), −ln σ(z) = softplus(−z) and −ln(1 − σ(z)) = softplus(z).
    Each point's term is computed as one softplus, ``np.logaddexp(0, ±z)``, which never
    overflows and keeps full relative accuracy even when the term is tiny (softplus(z) − z
    would cancel for large z).

    Parameters
    ----------
    y : array_like, shape (n,)
        Labels, each 0 or 1.
    z : array_like, shape (n,)
        Finite scores w1·x1 + w0·x0.

    Returns
    -------
    float
        E ≥ 0, always finite for finite z (up to the float range).
    """
    y = validation.binary_labels("y", y)
    z = validation.vector("z", z)
    validation.same_number_of_points(y=y, z=z)
    return kernels.bce_of_scores(y, z)


def cross_entropy(labels: ArrayLike, p: ArrayLike) -> float:
    """E = −Σ_i ln p[i, labels[i]]: minus the log-probability each point gives its own class.

    A probability of exactly 0 for a point's own class contributes +inf, which is then the
    result, without a warning.

    Parameters
    ----------
    labels : array_like of int, shape (n,)
        Each point's class, 0 to K − 1.
    p : array_like, shape (n, K)
        One row of class probabilities per point: each ≥ 0, each row summing to 1 within
        ``ROW_SUM_TOLERANCE``.

    Returns
    -------
    float
        E ≥ 0, or inf.
    """
    p = validation.real_array("p", p, ndim=2, shape="(n, K)")
    labels = validation.class_labels("labels", labels, p.shape[1])
    validation.same_number_of_points(labels=labels, p=p)
    validation.refuse_outside("p", p, p < 0, "probabilities (no negative values)")
    off = np.abs(np.sum(p, axis=1) - 1.0) > ROW_SUM_TOLERANCE
    if np.any(off):
        row = int(np.argmax(off))
        raise ValueError(
            f"each row of p must sum to 1 (within {ROW_SUM_TOLERANCE:g}), but "
            f"{int(np.count_nonzero(off))} of its {p.shape[0]} rows do not (first: row {row} "
            f"sums to {np.sum(p[row])})"
        )
    with np.errstate(divide="ignore"):  # ln 0 = −inf is the documented answer
        return 0.0 - float(np.sum(np.log(p[np.arange(labels.size), labels])))


def cross_entropy_from_scores(labels: ArrayLike, z: ArrayLike) -> float:
    """The cross-entropy of p = softmax(z), from the scores: E = Σ_i [lse(z_i) − z[i, labels[i]]].

    lse(z_i) = ln Σ_k e^(z_ik) is the log-sum-exp of row i. With m_i the row's maximum,
    lse(z_i) − z[i, label] = (m_i − z[i, label]) + ln(1 + Σ_{k ≠ argmax} e^(z_ik − m_i)): both
    terms are ≥ 0 (nothing cancels), no exponent is positive (nothing overflows), and log1p keeps
    the second term accurate when it is tiny.

    Parameters
    ----------
    labels : array_like of int, shape (n,)
        Each point's class, 0 to K − 1.
    z : array_like, shape (n, K)
        Finite scores, one row per point.

    Returns
    -------
    float
        E ≥ 0, finite for finite z (up to the float range).
    """
    z = validation.real_array("z", z, ndim=2, shape="(n, K)")
    labels = validation.class_labels("labels", labels, z.shape[1])
    validation.same_number_of_points(labels=labels, z=z)
    return kernels.cross_entropy_of_scores(labels, z)
