"""K linear neurons with a softmax output: the classifier of lesson 9 and its gradients.

Scores z = X·W + b (one row per point, one column per class), probabilities P = softmax(z),
error E = −Σ_i ln P[i, label_i]. Through the softmax Jacobian diag(p) − p·pᵀ the chain rule gives
∂E/∂z = P − Y, with Y the one-hot labels: the Jacobian cancels, as σ' does for the sigmoid with
the binary cross-entropy. Then ∂E/∂W = Xᵀ·(P − Y) and ∂E/∂b = Σ_i (P − Y)_i.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import validation
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
    residual = softmax(X @ W + b)
    residual[np.arange(labels.size), labels] -= 1.0
    return X.T @ residual, np.sum(residual, axis=0)


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
