"""The error surface E(w1, w0) as the quadratic bowl it is, from five sums over the data.

For the linear neuron, E(w) = E* + ½·(w − w*)ᵀ·H·(w − w*), where w* is the least-squares
answer, E* its error and H the Hessian. After one pass over the data every question about E,
including the whole path of gradient descent (with or without momentum), costs nothing that
grows with n: this is what makes the playground instant. A sigmoid neuron's loss is no bowl:
:func:`loss_surface` evaluates any neuron's loss over a grid of weights, straight from the data.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import kernels, validation
from mlcourse.kernels import Activation, Loss, NeuronLoss
from mlcourse.neuron import X0
from mlcourse.training import History, explosion_limit, warn_if_diverged


class ErrorSurface:
    """E(w1, w0) for fixed data, evaluated without touching the data again.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Inputs and targets; x must take at least two different values.
    loss : {"sse", "mse"}, default "sse"
        Sum-squared error ½·Σ(y − ŷ)² or mean squared error mean((y − ŷ)²) (no ½: (2/n) times
        the SSE); ``error`` is an alias of it (give one or the other).

    Attributes
    ----------
    loss : {"sse", "mse"}
    n : int
    optimum : tuple of float
        The least-squares weights (w1*, w0*).
    min_error : float
        E at the optimum.
    hessian : ndarray, shape (2, 2)
    critical_learning_rate : float
        2 / λ_max.
    """

    def __init__(
        self, x: ArrayLike, y: ArrayLike, loss: Loss | None = None, *, error: Loss | None = None
    ) -> None:
        x, y = validation.vectors(x=x, y=y)
        self.loss = validation.loss_kind(loss, error)
        self.n = int(x.size)
        self.optimum = kernels.least_squares(x, y)
        # E* from one residual pass: from raw sums (Σy² − …) it cancels badly at tiny noise.
        residual = y - (self.optimum[0] * x + self.optimum[1] * X0)
        self.min_error = kernels.loss_scale(self.loss, self.n) * kernels.sse_of_residual(residual)
        self.hessian = kernels.hessian(x, self.loss)
        self.eigenvalues, self.eigenvectors = np.linalg.eigh(self.hessian)
        # The very number critical_learning_rate() gives (eigh may differ in the last bit).
        self.critical_learning_rate = kernels.critical_rate(self.hessian)

    def _offsets(self, w1: ArrayLike, w0: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        return (
            np.asarray(w1, dtype=np.float64) - self.optimum[0],
            np.asarray(w0, dtype=np.float64) - self.optimum[1],
        )

    def __call__(self, w1: ArrayLike, w0: ArrayLike) -> np.ndarray:
        """E at the weights (w1, w0); arrays broadcast together, for example a contour grid."""
        d1, d0 = self._offsets(w1, w0)
        h = self.hessian
        return self.min_error + 0.5 * (
            h[0, 0] * d1 * d1 + 2 * h[0, 1] * d1 * d0 + h[1, 1] * d0 * d0
        )

    def gradient(self, w1: ArrayLike, w0: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """(dE/dw1, dE/dw0) = H·(w − w*), broadcasting like ``__call__``."""
        d1, d0 = self._offsets(w1, w0)
        h = self.hessian
        return h[0, 0] * d1 + h[0, 1] * d0, h[1, 0] * d1 + h[1, 1] * d0

    def trajectory(
        self,
        w1: float,
        w0: float,
        eta: float = 0.001,
        epochs: int = 300,
        *,
        warn: bool = True,
        momentum: float = 0.0,
    ) -> History:
        """The run :func:`mlcourse.train` makes, computed in O(epochs) without a loop.

        Gradient descent multiplies the component of w − w* along each eigenvector of H by
        (1 − η·λ) every epoch, so epoch k is w* + V·diag((1 − η·λ)^k)·Vᵀ·(w_0 − w*). With
        momentum β each component follows a two-term recurrence instead, solved in closed form
        by :func:`heavy_ball_offsets`. The run stops where :func:`mlcourse.train` does: before
        the first update whose error exceeds ``EXPLOSION_FACTOR`` times the starting error,
        and warns the same way (unless ``warn`` is false; ``History.diverged`` records it
        either way).

        Parameters
        ----------
        w1, w0 : float
            Initial weights.
        eta : float
            Learning rate η > 0.
        epochs : int
            Number of epochs, >= 0.
        warn : bool
            Whether to warn with a ``DivergenceWarning`` when the run diverges.
        momentum : float
            Heavy-ball momentum β in [0, 1), as in :func:`mlcourse.train`.

        Returns
        -------
        History
        """
        w1 = validation.real_number("w1", w1)
        w0 = validation.real_number("w0", w0)
        eta = validation.positive_number("eta", eta)
        epochs = validation.integer("epochs", epochs)
        momentum = validation.momentum(momentum)
        start = np.array([w1, w0]) - self.optimum
        along = self.eigenvectors.T @ start
        # A diverging run overflows; far epochs of a converging one underflow to 0: both fine.
        with np.errstate(all="ignore"):
            modes = heavy_ball_offsets(along, self.eigenvalues, eta, momentum, epochs)
            errors = self.min_error + 0.5 * (modes * modes) @ self.eigenvalues
            weights = modes @ self.eigenvectors.T + self.optimum
        limit = explosion_limit(float(errors[0]))
        too_big = ~(errors[1:] <= limit)
        epochs_run = int(np.argmax(too_big)) if too_big.any() else epochs
        critical = (
            self.critical_learning_rate
            if momentum == 0
            else kernels.critical_rate(self.hessian, momentum)
        )
        history = History.from_run(
            weights[: epochs_run + 1],
            errors[:epochs_run],
            float(errors[epochs_run]),
            eta=eta,
            loss=self.loss,
            critical_rate=critical,
            momentum=momentum,
            exploded=bool(too_big.any()),
        )
        if warn:
            warn_if_diverged(history, stacklevel=2)
        return history


POINTS_PER_BLOCK = 2**20
""":func:`loss_surface` works through the points in blocks of about this many (grid × points)
values, so memory stays bounded whatever the grid and n."""


def loss_surface(
    x: ArrayLike,
    y: ArrayLike,
    w1: ArrayLike,
    w0: ArrayLike,
    activation: Activation = "linear",
    loss: NeuronLoss | None = None,
    *,
    error: NeuronLoss | None = None,
) -> np.ndarray:
    """The loss of the neuron ŷ = activation(w1·x1 + w0·x0) at every (w1, w0) of a grid.

    The same numbers :func:`mlcourse.train` records, for each pair of weights at once: for
    example ``w1, w0 = np.meshgrid(w1_values, w0_values)``. The cross-entropy comes from the
    scores, so confidently wrong corners of the grid give large finite values, never inf.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data (labels 0 or 1 for the cross-entropy).
    w1, w0 : array_like, any shapes that broadcast together, shape S
        The weights at which to evaluate the loss.
    activation : {"linear", "sigmoid"}
    loss : {"sse", "mse", "bce"}, default "sse"
        ``"bce"`` only with the sigmoid; ``error`` is an alias of it.

    Returns
    -------
    ndarray, shape S
        E at each (w1, w0).
    """
    x, y = validation.vectors(x=x, y=y)
    activation = validation.activation(activation)
    loss = validation.neuron_loss(loss, error, activation)
    if loss == "bce":
        y = validation.binary_labels("y", y)
    w1 = validation.real_array("w1", w1)
    w0 = validation.real_array("w0", w0)
    try:
        w1, w0 = np.broadcast_arrays(w1, w0)
    except ValueError:
        raise ValueError(
            f"w1 and w0 must broadcast together, got shapes {w1.shape} and {w0.shape}"
        ) from None
    scale = kernels.loss_scale(loss, x.size)
    total = np.zeros(w1.shape)
    block = max(1, POINTS_PER_BLOCK // max(w1.size, 1))
    for first in range(0, x.size, block):
        xs, ys = x[first : first + block], y[first : first + block]
        with np.errstate(over="ignore"):  # a grid far out gives huge z: inf only in the SSE
            z = w1[..., None] * xs + w0[..., None] * X0
        if loss == "bce":
            total += np.sum(kernels.bce_terms(ys, z), axis=-1)
        else:
            y_hat = kernels.sigmoid(z) if activation == "sigmoid" else z
            residual = ys - y_hat
            total += scale * 0.5 * np.sum(residual * residual, axis=-1)
    return total


def heavy_ball_offsets(
    start: np.ndarray, curvatures: np.ndarray, eta: float, momentum: float, epochs: int
) -> np.ndarray:
    """Distances to the minimum along each eigenvector of H, epoch by epoch, in closed form.

    With v_0 = 0, v ← β·v − η·λ·d and d ← d + v give d_1 = (1 − η·λ)·d_0 and
    d_{k+1} = a·d_k − β·d_{k−1} with a = 1 + β − η·λ. Its solution is
    d_k = S_k·d_1 − β·S_{k−1}·d_0, where S_k = (r1^k − r2^k)/(r1 − r2) for the roots r1, r2
    of r² − a·r + β (S_0 = 0, S_1 = 1). S_k is evaluated without cancelling when the roots
    are close (critical damping): for complex roots ρ·e^{±iθ}, S_k = ρ^{k−1}·sin(kθ)/sin θ;
    for real ones, S_k = r1^{k−1}·(1 − q^k)/(1 − q) with q = r2/r1 = β/r1², computed as
    −expm1(k·log1p(−g))/g with g = 1 − q = √(a² − 4β)/|r1| (k when the roots coincide).
    β = 0 gives d_k = (1 − η·λ)^k·d_0, the plain gradient-descent factor.

    Parameters
    ----------
    start : ndarray, shape (m,)
        d_0, the starting offset w_0 − w* along each eigenvector.
    curvatures : ndarray, shape (m,)
        The eigenvalues λ > 0.
    eta, momentum : float
        η > 0 and β in [0, 1).
    epochs : int
        K >= 0.

    Returns
    -------
    ndarray, shape (K + 1, m)
        d_k for k = 0, …, K. Entries overflow to ±inf or NaN once a diverging run explodes.
    """
    if momentum == 0:
        # (1 − η·λ)^k as sign^k·e^(k·ln|1 − η·λ|): a tenth of the cost of a power per entry,
        # equal to it within k rounding errors.
        factor = 1.0 - eta * curvatures
        k = np.arange(epochs + 1)[:, None]
        with np.errstate(divide="ignore"):  # a factor of exactly 0: e^(−inf) = 0
            size = np.exp(k * np.log(np.abs(factor)))
        size[0] = 1.0  # 0^0
        return start * np.where((k % 2 == 1) & (factor < 0), -size, size)
    k = np.arange(-1, epochs + 1, dtype=np.float64)
    offsets = np.empty((epochs + 1, start.size))
    for i, curvature in enumerate(curvatures):
        a = 1.0 + momentum - eta * curvature
        discriminant = a * a - 4.0 * momentum
        root_gap = np.sqrt(abs(discriminant))  # |r1 − r2|
        if discriminant < 0:  # complex roots ρ·e^{±iθ}, ρ = √β
            theta = np.arctan2(root_gap, a)
            s = np.exp((k - 1) * (0.5 * np.log(momentum))) * (np.sin(k * theta) / np.sin(theta))
        else:  # real roots of one sign, r1 the larger in size
            r1 = (a + np.copysign(root_gap, a)) / 2
            g = root_gap / abs(r1)
            ratio = -np.expm1(k * np.log1p(-g)) / g if g > 0 else k
            s = np.sign(r1) ** (k - 1) * np.exp((k - 1) * np.log(abs(r1))) * ratio
        first = (1.0 - eta * curvature) * start[i]
        offsets[:, i] = s[1:] * first - momentum * s[:-1] * start[i]
    return offsets
