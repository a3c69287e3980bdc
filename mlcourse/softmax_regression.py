"""K linear neurons with a softmax output: the classifier of lesson 9 and its gradients.

Scores z = X·W + b (one row per point, one column per class), probabilities P = softmax(z),
error E = −Σ_i ln P[i, label_i]. Through the softmax Jacobian diag(p) − p·pᵀ the chain rule gives
∂E/∂z = P − Y, with Y the one-hot labels: the Jacobian cancels, as σ' does for the sigmoid with
the binary cross-entropy. Then ∂E/∂W = Xᵀ·(P − Y) and ∂E/∂b = Σ_i (P − Y)_i.

The boundary between two classes is where their scores are equal, a straight line. How well the
best line of all can do on two classes in the plane (:func:`best_line_accuracy`) is the
yardstick lesson 11 measures a network against.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import kernels, validation
from mlcourse.activations import softmax
from mlcourse.losses import cross_entropy_from_scores


def class_probabilities(X: ArrayLike, W: ArrayLike, b: ArrayLike) -> np.ndarray:
    """P = softmax(X·W + b): each point's probability of each class.

    Parameters
    ----------
    X : array_like, shape (n, d)
        One row of inputs per point.
    W : array_like, shape (d, K)
        One column of weights per class.
    b : array_like, shape (K,)
        One bias per class.

    Returns
    -------
    ndarray, shape (n, K)
        Rows ≥ 0 summing to 1; ``argmax`` along axis 1 gives the predicted classes.
    """
    X, W, b = _inputs_and_weights(X, W, b)
    return softmax(X @ W + b)


def softmax_regression_error(X: ArrayLike, labels: ArrayLike, W: ArrayLike, b: ArrayLike) -> float:
    """E = −Σ_i ln softmax(X·W + b)[i, labels[i]], computed stably from the scores.

    Parameters
    ----------
    X : array_like, shape (n, d)
    labels : array_like of int, shape (n,)
        Each point's class, 0 to K − 1.
    W : array_like, shape (d, K)
    b : array_like, shape (K,)

    Returns
    -------
    float
        E ≥ 0.
    """
    X, W, b = _inputs_and_weights(X, W, b)
    labels = _labels_for(X, labels, W.shape[1])
    return cross_entropy_from_scores(labels, X @ W + b)


def softmax_gradients(
    X: ArrayLike, labels: ArrayLike, W: ArrayLike, b: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """(∂E/∂W, ∂E/∂b) of the cross-entropy E of softmax(X·W + b).

    With G = P − Y (probabilities minus one-hot labels, shape (n, K)):
    ∂E/∂W = Xᵀ·G and ∂E/∂b = Σ over the rows of G. Both are sums over the points, as E is.

    Parameters
    ----------
    X : array_like, shape (n, d)
        One row of inputs per point.
    labels : array_like of int, shape (n,)
        Each point's class, 0 to K − 1.
    W : array_like, shape (d, K)
        One column of weights per class.
    b : array_like, shape (K,)
        One bias per class.

    Returns
    -------
    dW : ndarray, shape (d, K)
    db : ndarray, shape (K,)
    """
    X, W, b = _inputs_and_weights(X, W, b)
    labels = _labels_for(X, labels, W.shape[1])
    residual = kernels.softmax_residual(X @ W + b, labels)
    return X.T @ residual, np.sum(residual, axis=0)


DIRECTIONS_PER_BATCH = 2048
"""Directions ``best_line_accuracy`` tries at once (memory: this many times n floats, a few
times)."""


def best_line_accuracy(X: ArrayLike, labels: ArrayLike) -> float:
    """The largest share of the points that any straight line classifies right: two classes in
    the plane, each on its own side of the line.

    A line's classes depend only on the order of the points along its normal u (and where the
    line cuts that order). That order changes only where u is at right angles to the segment
    between two points, so one direction between each two neighbouring such angles (at most
    n(n − 1)/2 of them) meets every order there is; for each, every cut between two distinct
    projections, either way round, is counted. The result is exact, not the best of a sample of
    lines. The work grows like n³·log n (about n² directions, each a sort of n projections):
    fine for the lessons' few hundred points, slow for many thousands.

    Parameters
    ----------
    X : array_like, shape (n, 2)
        One row (x1, x2) per point.
    labels : array_like of int, shape (n,)
        Each point's class, 0 or 1.

    Returns
    -------
    float
        The share, in [0.5, 1]: 1 exactly when a line separates the classes.
    """
    X = validation.real_array("X", X, ndim=2, shape="(n, 2)")
    if X.shape[1] != 2:
        raise ValueError(f"X must have two columns (x1, x2), got shape {X.shape}")
    labels = _labels_for(X, labels, 2)
    first, second = np.triu_indices(labels.size, 1)
    segments = X[first] - X[second]
    segments = segments[np.any(segments != 0.0, axis=1)]  # a repeated point turns nothing
    turning = np.sort(np.mod(np.arctan2(segments[:, 1], segments[:, 0]) + np.pi / 2, np.pi))
    if turning.size == 0:
        turning = np.zeros(1)
    between = (turning + np.append(turning[1:], turning[0] + np.pi)) / 2
    ones = labels == 1
    best = 0
    for angles in np.array_split(between, -(-between.size // DIRECTIONS_PER_BATCH)):
        along = np.column_stack([np.cos(angles), np.sin(angles)]) @ X.T  # (directions, n)
        order = np.argsort(along, axis=1)
        # ones_below[:, c]: points of class 1 among the c lowest; the rest of the c are class 0.
        ones_below = np.zeros((angles.size, labels.size + 1))
        ones_below[:, 1:] = np.cumsum(ones[order], axis=1)
        zeros_below = np.arange(labels.size + 1) - ones_below
        ones_total, zeros_total = ones_below[:, -1:], zeros_below[:, -1:]
        right = np.maximum(
            zeros_below + (ones_total - ones_below),  # class 0 below the cut, class 1 above
            ones_below + (zeros_total - zeros_below),  # the other way round
        )
        # A cut between two equal projections (repeated points) splits nothing a line can split.
        sorted_along = np.take_along_axis(along, order, axis=1)
        possible = np.ones_like(right, dtype=bool)
        possible[:, 1:-1] = np.diff(sorted_along, axis=1) > 0
        best = max(best, int(np.max(np.where(possible, right, 0))))
    return best / labels.size


def _inputs_and_weights(
    X: ArrayLike, W: ArrayLike, b: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X = validation.real_array("X", X, ndim=2, shape="(n, d)")
    W = validation.real_array("W", W, ndim=2, shape="(d, K)")
    b = validation.real_array("b", b, ndim=1, shape="(K,)")
    if W.shape[0] != X.shape[1]:
        raise ValueError(
            f"W must have one row per input: X has d = {X.shape[1]} columns, so W must have "
            f"shape ({X.shape[1]}, K), got {W.shape}"
        )
    if b.shape[0] != W.shape[1]:
        raise ValueError(
            f"b must have one entry per class: W has K = {W.shape[1]} columns, so b must have "
            f"shape ({W.shape[1]},), got {b.shape}"
        )
    return X, W, b


def _labels_for(X: np.ndarray, labels: ArrayLike, classes: int) -> np.ndarray:
    labels = validation.class_labels("labels", labels, classes)
    validation.same_number_of_points(labels=labels, X=X)
    return labels
