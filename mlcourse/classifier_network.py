"""A hidden layer of tanh units under a softmax output: the network that classifies (lesson 11).

Lesson 10's hidden layer, now with d inputs per point, feeds lesson 9's softmax. For N points
X (N, d), H hidden units and K classes:

    h = tanh(X·W1 + b1)          shape (N, H): unit j's output for each point
    Z = h·W2 + b2                shape (N, K): the scores
    P = softmax(Z)               shape (N, K): each row sums to 1
    E = −Σ_i ln P[i, label_i]    the cross-entropy, computed from Z (never from a rounded P)

Backpropagation joins lesson 9's output delta to lesson 10's chain through the tanh:

    δ_out = ∂E/∂Z = P − Y                        (N, K), Y the one-hot labels
    ∂E/∂W2 = hᵀ·δ_out,  ∂E/∂b2 = Σ_i δ_out
    δ_hidden = (δ_out·W2ᵀ) ⊙ (1 − h²)            (N, H): unit j feeds all K scores, so the K
                                                   terms δ_out[i, k]·W2[j, k] add up
    ∂E/∂W1 = Xᵀ·δ_hidden, ∂E/∂b1 = Σ_i δ_hidden

The parameters travel as a dict {"W1": (d, H), "b1": (H,), "W2": (H, K), "b2": (K,)}.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import kernels, validation
from mlcourse.network import PARAMETER_NAMES

OUTPUT_SCALE = 0.1
"""Standard deviation of the output weights W2 that ``init_classifier`` draws."""

ClassifierParams = dict[str, np.ndarray]


def init_classifier(
    inputs: int, hidden: int, classes: int, seed: int | None = 0
) -> ClassifierParams:
    """Random initial parameters: W1, b1 ~ Normal(0, 1), small W2 ~ Normal(0, 0.1²), b2 = 0.

    W1 and b1 are drawn as lesson 10's ``init_mlp`` draws them, for inputs of order 1: each unit's
    line W1[:, j]·x + b1[j] = 0 then crosses the data or passes near it, and its score is of order
    1, where tanh is neither flat nor straight. The output weights are small so that the network
    starts undecided: every score is near 0, every probability near 1/K and E near N·ln K, and no
    unit's vote dominates before training has said which units matter. They are random all the
    same: equal units would stay equal (lesson 10).

    Parameters
    ----------
    inputs : int
        d, the number of inputs per point, at least 1.
    hidden : int
        H, the number of hidden units, at least 1.
    classes : int
        K, the number of classes, at least 2.
    seed : int or None
        Seed for ``numpy.random.default_rng``; W1, b1 and W2 are drawn in that order.

    Returns
    -------
    dict
        ``"W1"`` (inputs, hidden), ``"b1"`` (hidden,), ``"W2"`` (hidden, classes) and ``"b2"``
        (classes,), float64 arrays.
    """
    inputs = validation.integer("inputs", inputs, minimum=1)
    hidden = validation.integer("hidden", hidden, minimum=1)
    classes = validation.integer("classes", classes, minimum=2)
    if seed is not None:
        seed = validation.integer("seed", seed)
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, 1.0, (inputs, hidden)),
        "b1": rng.normal(0.0, 1.0, hidden),
        "W2": rng.normal(0.0, OUTPUT_SCALE, (hidden, classes)),
        "b2": np.zeros(classes),
    }


def classifier_forward(X: ArrayLike, params: Mapping[str, object]) -> tuple[np.ndarray, np.ndarray]:
    """The forward pass: h = tanh(X·W1 + b1) and P = softmax(h·W2 + b2), without overflow.

    Parameters
    ----------
    X : array_like, shape (N, d)
        One row of inputs per point.
    params : dict
        ``"W1"`` (d, H), ``"b1"`` (H,), ``"W2"`` (H, K), ``"b2"`` (K,) (see ``init_classifier``).

    Returns
    -------
    h : ndarray, shape (N, H)
        Each hidden unit's output for each point.
    P : ndarray, shape (N, K)
        Each point's probability of each class: rows ≥ 0 summing to 1, whatever the size of
        the scores (the softmax subtracts each row's largest score).
    """
    X, params = _inputs_and_params(X, params)
    h, scores = _forward(X, params)
    return h, kernels.softmax_rows(scores)


def classifier_error(X: ArrayLike, labels: ArrayLike, params: Mapping[str, object]) -> float:
    """E = −Σ_i ln P[i, labels[i]], the summed cross-entropy, computed from the scores.

    Computed as lesson 9's ``cross_entropy_from_scores`` of Z = h·W2 + b2: finite and accurate
    even for a confidently wrong point whose probability of its own class rounds to 0.

    Parameters
    ----------
    X : array_like, shape (N, d)
    labels : array_like of int, shape (N,)
        Each point's class, 0 to K − 1.
    params : dict
        ``"W1"`` (d, H), ``"b1"`` (H,), ``"W2"`` (H, K), ``"b2"`` (K,).

    Returns
    -------
    float
        E ≥ 0.
    """
    X, labels, params = _checked(X, labels, params)
    return kernels.cross_entropy_of_scores(labels, _forward(X, params)[1])


def classifier_gradients(
    X: ArrayLike, labels: ArrayLike, params: Mapping[str, object]
) -> ClassifierParams:
    """∂E/∂W1, ∂E/∂b1, ∂E/∂W2, ∂E/∂b2 of E = −Σ_i ln P[i, labels[i]], by backpropagation.

    Parameters
    ----------
    X : array_like, shape (N, d)
    labels : array_like of int, shape (N,)
        Each point's class, 0 to K − 1.
    params : dict
        ``"W1"`` (d, H), ``"b1"`` (H,), ``"W2"`` (H, K), ``"b2"`` (K,).

    Returns
    -------
    dict
        The same keys and shapes as ``params``: the gradient of each parameter, summed over the
        points as E is.
    """
    X, labels, params = _checked(X, labels, params)
    h, scores = _forward(X, params)
    return _backward(X, labels, params, h, scores)


def train_classifier(
    X: ArrayLike, labels: ArrayLike, params: Mapping[str, object], eta: float, epochs: int
) -> tuple[ClassifierParams, np.ndarray]:
    """Full-batch gradient descent on all four parameters, from a copy of ``params``.

    Each epoch: the forward pass, the error E of these parameters (recorded), backpropagation,
    then θ ← θ − η·∂E/∂θ for every parameter. ``params`` itself is never changed. The
    cross-entropy's gradient through the softmax, P − Y, is bounded (each entry in [−1, 1]), so
    a too-large η makes the error jump about rather than explode: read ``errors``.

    Parameters
    ----------
    X : array_like, shape (N, d)
    labels : array_like of int, shape (N,)
        Each point's class, 0 to K − 1.
    params : dict
        Initial ``"W1"`` (d, H), ``"b1"`` (H,), ``"W2"`` (H, K), ``"b2"`` (K,).
    eta : float
        Learning rate η > 0.
    epochs : int
        Number of updates, >= 0.

    Returns
    -------
    params : dict
        The parameters after ``epochs`` updates (new arrays).
    errors : ndarray, shape (epochs,)
        ``errors[k]`` is E of the parameters after k updates, recorded at the start of epoch k.
    """
    X, labels, current = _checked(X, labels, params)
    eta = validation.positive_number("eta", eta)
    epochs = validation.integer("epochs", epochs)
    errors = np.empty(epochs)
    for epoch in range(epochs):
        # One forward pass serves the error and the gradients.
        h, scores = _forward(X, current)
        errors[epoch] = kernels.cross_entropy_of_scores(labels, scores)
        gradients = _backward(X, labels, current, h, scores)
        current = {name: current[name] - eta * gradients[name] for name in PARAMETER_NAMES}
    return current, errors


def _forward(X: np.ndarray, params: ClassifierParams) -> tuple[np.ndarray, np.ndarray]:
    """(h, Z): the hidden units' outputs and the scores."""
    h = np.tanh(X @ params["W1"] + params["b1"])
    return h, h @ params["W2"] + params["b2"]


def _backward(
    X: np.ndarray,
    labels: np.ndarray,
    params: ClassifierParams,
    h: np.ndarray,
    scores: np.ndarray,
) -> ClassifierParams:
    delta_out = kernels.softmax_residual(scores, labels)
    delta_hidden = (delta_out @ params["W2"].T) * kernels.tanh_slope(h)
    return {
        "W1": X.T @ delta_hidden,
        "b1": np.sum(delta_hidden, axis=0),
        "W2": h.T @ delta_out,
        "b2": np.sum(delta_out, axis=0),
    }


def _checked(
    X: ArrayLike, labels: ArrayLike, params: Mapping[str, object]
) -> tuple[np.ndarray, np.ndarray, ClassifierParams]:
    X, params = _inputs_and_params(X, params)
    labels = validation.class_labels("labels", labels, params["W2"].shape[1])
    validation.same_number_of_points(labels=labels, X=X)
    return X, labels, params


SHAPES = {"W1": (2, "(d, H)"), "b1": (1, "(H,)"), "W2": (2, "(H, K)"), "b2": (1, "(K,)")}
"""Each parameter's number of dimensions, and its shape as the messages write it."""


def _inputs_and_params(
    X: ArrayLike, params: Mapping[str, object]
) -> tuple[np.ndarray, ClassifierParams]:
    """X as a float64 (N, d) array and a float64 copy of ``params``, after checking that the
    shapes fit together: W1 (d, H), b1 (H,), W2 (H, K), b2 (K,)."""
    X = validation.real_array("X", X, ndim=2, shape="(N, d)")
    validation.exact_keys("params", params, PARAMETER_NAMES)
    checked = {
        name: np.array(validation.real_array(f'params["{name}"]', params[name], ndim, shape))
        for name, (ndim, shape) in SHAPES.items()
    }
    W1, b1, W2, b2 = (checked[name] for name in PARAMETER_NAMES)
    inputs, hidden, classes = X.shape[1], W1.shape[1], W2.shape[1]
    for name, fits, expected in (
        ("W1", W1.shape[0] == inputs, f"one row per input: X has d = {inputs} columns"),
        ("b1", b1.size == hidden, f"one entry per hidden unit: W1 has H = {hidden} columns"),
        ("W2", W2.shape[0] == hidden, f"one row per hidden unit: W1 has H = {hidden} columns"),
        ("b2", b2.size == classes, f"one entry per class: W2 has K = {classes} columns"),
    ):
        if not fits:
            raise ValueError(
                f'params["{name}"] must have {expected}, but it has shape {checked[name].shape}'
            )
    if classes < 2:
        raise ValueError(
            f'params["W2"] must have at least two columns, one per class (K >= 2), but it has '
            f"shape {W2.shape}"
        )
    return X, checked
