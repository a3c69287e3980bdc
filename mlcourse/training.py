"""Full-batch gradient descent on one linear neuron, and the record it leaves."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import _validate
from mlcourse.closed_form import ErrorKind, _critical_rate, _error_kind, _hessian
from mlcourse.gradients import _grad_w0, _grad_w1
from mlcourse.neuron import X0, _half_sum_of_squares, linear

EXPLOSION_FACTOR = 1e10
"""Training stops once the error exceeds this many times its starting value."""


class DivergenceWarning(RuntimeWarning):
    """The learning rate is above the critical rate 2/λ_max: the error grows without bound."""


@dataclass(frozen=True)
class History:
    """What one run of gradient descent did.

    Attributes
    ----------
    weights : ndarray, shape (epochs_run + 1, 2)
        (w1, w0) before the first update and after each update.
    errors : ndarray, shape (epochs_run,)
        The error recorded each epoch, before that epoch's update: ``errors[k]`` belongs to
        ``weights[k]``.
    final_error : float
        The error of the final weights, ``weights[-1]``.
    diverged : bool
        True when η is above the critical rate, so the error grows without bound. Training then
        stops early once the error explodes, so ``epochs_run`` can be below the epochs asked for.
    eta : float
        The learning rate used.
    """

    weights: np.ndarray
    errors: np.ndarray
    final_error: float
    diverged: bool
    eta: float

    @property
    def w1(self) -> float:
        """Final w1."""
        return float(self.weights[-1, 0])

    @property
    def w0(self) -> float:
        """Final w0."""
        return float(self.weights[-1, 1])

    @property
    def epochs_run(self) -> int:
        """Number of updates made."""
        return int(self.errors.size)

    def snapshots(self, every: int = 20) -> list[tuple[int, float, float, float]]:
        """Every ``every``-th epoch as (epoch, w1, w0, error), the line used in that epoch.

        Parameters
        ----------
        every : int
            Spacing between snapshots, at least 1; epoch 0 is always included.

        Returns
        -------
        list of (int, float, float, float)
        """
        every = _validate.count("every", every, minimum=1)
        return [
            (
                epoch,
                float(self.weights[epoch, 0]),
                float(self.weights[epoch, 1]),
                float(self.errors[epoch]),
            )
            for epoch in range(0, self.epochs_run, every)
        ]


def train(
    x: ArrayLike,
    y: ArrayLike,
    w1: float,
    w0: float,
    eta: float = 0.001,
    epochs: int = 300,
    error: ErrorKind = "sse",
) -> History:
    """Full-batch gradient descent, one epoch at a time, as the lesson writes it.

    Each epoch: forward pass ŷ = w1·x1 + w0·x0, record the error, compute dE/dw1 and dE/dw0
    over all n points, then w ← w − η·dE/dw. An update whose error explodes is taken back.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Inputs and targets.
    w1, w0 : float
        Initial weights.
    eta : float
        Learning rate η > 0.
    epochs : int
        Number of epochs, >= 0.
    error : {"sse", "mse"}
        Minimise the sum-squared error ½·Σ(y − ŷ)² or the mean squared error (the same / n).

    Returns
    -------
    History

    Warns
    -----
    DivergenceWarning
        Once, when η is above the critical rate 2/λ_max.
    """
    x = _validate.vector("x", x)
    y = _validate.vector("y", y)
    _validate.same_length(x=x, y=y)
    w1 = _validate.real_number("w1", w1)
    w0 = _validate.real_number("w0", w0)
    eta = _validate.positive_number("eta", eta)
    epochs = _validate.count("epochs", epochs)
    error = _error_kind(error)
    scale = 1.0 / x.size if error == "mse" else 1.0

    weights = [(w1, w0)]
    errors: list[float] = []
    limit = np.inf
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(epochs + 1):
            # One residual per epoch serves the error and both gradients: at large n each pass
            # over the data is the cost.
            residual = y - linear(w1 * x + w0 * X0)
            current = scale * _half_sum_of_squares(residual)
            if epoch == 0:
                if not np.isfinite(current):
                    raise ValueError("w1 and w0 are so large that the error overflows")
                limit = EXPLOSION_FACTOR * max(current, np.finfo(float).tiny)
            elif not current <= limit:  # also true for NaN: that update is taken back
                weights.pop()
                current = errors.pop()
                break
            if epoch == epochs:
                break
            errors.append(current)
            w1 = w1 - eta * scale * _grad_w1(residual, x)
            w0 = w0 - eta * scale * _grad_w0(residual)
            weights.append((w1, w0))
    return _finish(weights, errors, current, eta, _critical_rate(_hessian(x, error)), error)


def _finish(
    weights: ArrayLike,
    errors: ArrayLike,
    final_error: float,
    eta: float,
    critical: float,
    error: ErrorKind,
) -> History:
    diverged = eta > critical
    if diverged:
        warnings.warn(
            f"eta = {eta:.4g} is above the critical learning rate 2/λ_max = {critical:.4g} "
            f"for this data ({error.upper()}): gradient descent diverges. "
            f"Use eta below {critical:.4g}.",
            DivergenceWarning,
            stacklevel=3,
        )
    return History(
        weights=np.asarray(weights, dtype=np.float64).reshape(-1, 2),
        errors=np.asarray(errors, dtype=np.float64),
        final_error=float(final_error),
        diverged=diverged,
        eta=eta,
    )
