"""The error surface E(w1, w0) as the quadratic bowl it is, from five sums over the data.

E(w) = E* + ½·(w − w*)ᵀ·H·(w − w*), where w* is the least-squares answer, E* its error and H the
Hessian. After one pass over the data every question about E, including the whole path of
gradient descent, costs nothing that grows with n: this is what makes the playground instant.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import kernels, validation
from mlcourse.kernels import Loss
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
        self, w1: float, w0: float, eta: float = 0.001, epochs: int = 300, *, warn: bool = True
    ) -> History:
        """The run :func:`mlcourse.train` makes, computed in O(epochs) without a loop.

        Gradient descent multiplies the component of w − w* along each eigenvector of H by
        (1 − η·λ) every epoch, so epoch k is w* + V·diag((1 − η·λ)^k)·Vᵀ·(w_0 − w*). It stops
        where :func:`mlcourse.train` does: before the first update whose error exceeds
        ``EXPLOSION_FACTOR`` times the starting error, and warns the same way (unless ``warn``
        is false; ``History.diverged`` records it either way).

        Parameters
        ----------
        w1, w0 : float
            Initial weights.
        eta : float
            Learning rate η > 0.
        epochs : int
            Number of epochs, >= 0.
        warn : bool
            Whether to warn with a ``DivergenceWarning`` when η is above the critical rate.

        Returns
        -------
        History
        """
        w1 = validation.real_number("w1", w1)
        w0 = validation.real_number("w0", w0)
        eta = validation.positive_number("eta", eta)
        epochs = validation.integer("epochs", epochs)
        start = np.array([w1, w0]) - self.optimum
        along = self.eigenvectors.T @ start
        ratios = 1.0 - eta * self.eigenvalues
        with np.errstate(over="ignore", invalid="ignore"):
            modes = along * ratios ** np.arange(epochs + 1)[:, None]
            errors = self.min_error + 0.5 * (modes * modes) @ self.eigenvalues
            weights = modes @ self.eigenvectors.T + self.optimum
        limit = explosion_limit(float(errors[0]))
        too_big = ~(errors[1:] <= limit)
        epochs_run = int(np.argmax(too_big)) if too_big.any() else epochs
        history = History.from_run(
            weights[: epochs_run + 1],
            errors[:epochs_run],
            float(errors[epochs_run]),
            eta=eta,
            loss=self.loss,
            critical_rate=self.critical_learning_rate,
        )
        if warn:
            warn_if_diverged(history, stacklevel=2)
        return history
