"""The numeric kernels: the array arithmetic behind every validated function of the package.

Nothing here checks its arguments: callers pass finite float64 arrays (of shape (n,), n >= 1,
unless a function says otherwise; the public functions validate first, then call these). Each
formula lives here once, so that ``sse``, ``train``, the Hessian and the error surface cannot
drift apart.

The kinds of loss, for a residual r = y − ŷ over n points:

- ``"sse"``: the sum-squared error E = ½·Σr²;
- ``"mse"``: the mean squared error E = mean(r²) = (1/n)·Σr², with no ½: what every library
  calls the MSE. It is (2/n) times the SSE, so its gradient is −(2/n)·Σr·x and its Hessian
  (2/n)·XᵀX, and its critical learning rate is n/2 times the SSE's.

Both are a constant multiple of the SSE, so their gradients and Hessians are the SSE's times the
same constant: :func:`loss_scale` is the one place that constant is written.

- ``"bce"``: the binary cross-entropy of a sigmoid neuron, from its scores z
  (:func:`bce_terms`), with :func:`sigmoid` and its slope :func:`sigmoid_slope`: the forms that
  neither overflow nor take the log of a probability rounded to 0 or 1.

For K classes (lessons 9 to 11): :func:`softmax_rows` of the scores, the cross-entropy computed
from the scores (:func:`cross_entropy_of_scores`) and its gradient with respect to them, P − Y
(:func:`softmax_residual`); and the slope of a tanh unit from its output (:func:`tanh_slope`).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

Loss = Literal["sse", "mse"]
"""The quadratic losses of the linear neuron: their Hessian, critical rate and surface exist."""
LOSSES: tuple[Loss, ...] = ("sse", "mse")
NeuronLoss = Literal["sse", "mse", "bce"]
"""Every loss a neuron can be trained on: the two above and the binary cross-entropy."""
NEURON_LOSSES: tuple[NeuronLoss, ...] = ("sse", "mse", "bce")
Activation = Literal["linear", "sigmoid"]
ACTIVATIONS: tuple[Activation, ...] = ("linear", "sigmoid")


def loss_scale(loss: NeuronLoss, n: int) -> float:
    """The factor that turns the SSE of n points (and its gradient and Hessian) into ``loss``.

    2/n for the MSE: mean(r²) = (2/n)·½·Σr². 1 for the SSE (and for the cross-entropy, a sum
    over the points like the SSE).
    """
    return 2.0 / n if loss == "mse" else 1.0


def sse_of_residual(residual: np.ndarray) -> float:
    """½·Σr² for the residuals r = y − ŷ, shape (n,)."""
    return 0.5 * float(np.sum(residual * residual))


def grad_w1_of_residual(residual: np.ndarray, x: np.ndarray) -> float:
    """dE/dw1 = −Σr·x1 of the SSE, from the residuals r = y − ŷ and the inputs x1."""
    return -float(np.sum(residual * x))


def grad_w0_of_residual(residual: np.ndarray) -> float:
    """dE/dw0 = −Σr·x0 = −Σr of the SSE, from the residuals r = y − ŷ (x0 = 1)."""
    return -float(np.sum(residual))


def least_squares(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(w1, w0) minimising the SSE: w1 = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², w0 = ȳ − w1·x̄.

    Raises ValueError when x takes a single value (the line is then not determined).
    """
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


def hessian(x: np.ndarray, loss: Loss) -> np.ndarray:
    """The Hessian of ``loss`` in (w1, w0): [[Σx², Σx], [Σx, n]] times ``loss_scale``, (2, 2)."""
    n = float(x.size)
    sum_x, sum_xx = float(np.sum(x)), float(np.sum(x * x))
    return loss_scale(loss, x.size) * np.array([[sum_xx, sum_x], [sum_x, n]])


def symmetric_eigenvalues(matrix: np.ndarray) -> tuple[float, float]:
    """(λ_min, λ_max) of a symmetric 2×2 matrix, in closed form.

    λ_max = centre + radius; λ_min comes from the determinant, λ_min = det / λ_max, because
    centre − radius cancels to nothing when λ_min ≪ λ_max (badly conditioned data).
    """
    a, b, c = matrix[0, 0], matrix[0, 1], matrix[1, 1]
    centre, radius = (a + c) / 2, float(np.hypot((a - c) / 2, b))
    largest = centre + radius
    smallest = (a * c - b * b) / largest
    return float(smallest), float(largest)


def hessian_eigenvalues(x: np.ndarray, loss: Loss) -> tuple[float, float]:
    """(λ_min, λ_max) of the Hessian of ``loss``, accurate however badly conditioned x is.

    λ_max comes from the matrix (:func:`symmetric_eigenvalues`); λ_min = det / λ_max with the
    determinant n·Σx² − (Σx)² computed as n·Σ(x − x̄)², which does not cancel when the spread
    of x is tiny next to its mean.
    """
    scale = loss_scale(loss, x.size)
    largest = symmetric_eigenvalues(hessian(x, loss))[1]
    centred = x - np.mean(x)
    determinant = scale * scale * x.size * float(np.sum(centred * centred))
    return determinant / largest, largest


def critical_rate(matrix: np.ndarray, momentum: float = 0.0) -> float:
    """2·(1 + β) / λ_max of a Hessian: the one formula behind every critical rate reported.

    Gradient descent with heavy-ball momentum β in [0, 1) converges on a quadratic exactly when
    0 < η < 2·(1 + β)/λ_max (β = 0: plain gradient descent, 2/λ_max).
    """
    return 2.0 * (1.0 + momentum) / symmetric_eigenvalues(matrix)[1]


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1/(1 + e^(−z)) elementwise, computing only e^(−|z|), which never overflows.

    For z ≥ 0, 1/(1 + e^(−z)); for z < 0, e^(z)/(1 + e^(z)). Any shape.
    """
    with np.errstate(under="ignore"):  # e^(−|z|) rounding to 0 is the right answer
        small = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + small), small / (1.0 + small))


def sigmoid_slope(z: np.ndarray) -> np.ndarray:
    """σ'(z) = σ(z)·(1 − σ(z)), computed as e^(−|z|)/(1 + e^(−|z|))², which does not round
    to 0 where 1 − σ(z) would (z beyond about 37) and never overflows. Any shape."""
    with np.errstate(under="ignore"):
        small = np.exp(-np.abs(z))
        return small / ((1.0 + small) * (1.0 + small))


def bce_terms(y: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Each point's binary cross-entropy softplus(z) − y·z for ŷ = σ(z), labels y in {0, 1}.

    −ln σ(z) = softplus(−z) for y = 1 and −ln(1 − σ(z)) = softplus(z) for y = 0, each one
    ``np.logaddexp(0, ±z)``: no overflow, full relative accuracy when tiny. y and z broadcast.
    """
    with np.errstate(under="ignore"):  # ln(1 + e^(−800)) rounding to 0 is the right answer
        return np.logaddexp(0.0, np.where(y == 1, -z, z))


def bce_of_scores(y: np.ndarray, z: np.ndarray) -> float:
    """Σ[softplus(z) − y·z], the binary cross-entropy of ŷ = σ(z): the sum of :func:`bce_terms`."""
    return float(np.sum(bce_terms(y, z)))


def softmax_rows(z: np.ndarray) -> np.ndarray:
    """Softmax of each row of z (shape (n, K) or (K,)): e^(z − m)/Σ e^(z − m), m the row's
    maximum, so no exponent is positive (nothing overflows) and every denominator is ≥ 1."""
    # Computed class by class over all points at once: reductions across a short last axis
    # cost numpy some forty times more.
    columns = np.ascontiguousarray(np.moveaxis(z, -1, 0))
    with np.errstate(over="ignore", under="ignore"):
        # A span of scores beyond the float range makes z − m = −inf, and e^(−inf) = 0 is right.
        exponentials = np.exp(columns - np.max(columns, axis=0))
    return np.ascontiguousarray(np.moveaxis(exponentials / np.sum(exponentials, axis=0), 0, -1))


def cross_entropy_of_scores(labels: np.ndarray, z: np.ndarray) -> float:
    """Σ_i [lse(z_i) − z[i, labels[i]]], the cross-entropy of softmax(z) for z of shape (n, K).

    With m_i the row's maximum, lse(z_i) − z[i, label] = (m_i − z[i, label]) +
    ln(1 + Σ_{k ≠ argmax} e^(z_ik − m_i)): both terms ≥ 0 (nothing cancels), no exponent
    positive (nothing overflows), log1p accurate when the second term is tiny.
    """
    columns = np.ascontiguousarray(z.T)  # class by class, as in softmax_rows
    points = np.arange(labels.size)
    biggest = np.argmax(columns, axis=0)
    with np.errstate(over="ignore", under="ignore"):
        shifted = columns - columns[biggest, points]
        others = np.exp(shifted)
    others[biggest, points] = 0.0
    return float(np.sum(np.log1p(np.sum(others, axis=0)) - shifted[labels, points]))


def softmax_residual(z: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """P − Y for scores z of shape (n, K): ∂E/∂z of the cross-entropy (Y the one-hot labels)."""
    residual = softmax_rows(z)
    residual[np.arange(labels.size), labels] -= 1.0
    return residual


def tanh_slope(h: np.ndarray) -> np.ndarray:
    """tanh'(a) = 1 − tanh²(a), from the unit's output h = tanh(a): the link through a tanh."""
    return 1.0 - h * h
