"""Gradient descent on one linear neuron, with or without momentum, and the record it leaves.

Heavy-ball momentum keeps a velocity v (0 at the start): each update is v ← β·v − η·∇E, then
w ← w + v. Along an eigenvector of the Hessian with eigenvalue λ the distance d to the minimum
then follows d_{k+1} = (1 + β − η·λ)·d_k − β·d_{k−1}, whose two roots lie inside the unit
circle exactly when 0 ≤ β < 1 and 0 < η·λ < 2·(1 + β): the critical rate is 2·(1 + β)/λ_max.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import kernels, validation
from mlcourse.kernels import Loss
from mlcourse.neuron import X0, linear

EXPLOSION_FACTOR = 1e10
"""Training stops once the error exceeds this many times its starting value."""


class DivergenceWarning(RuntimeWarning):
    """The learning rate is above the critical rate 2·(1 + β)/λ_max: the error grows without
    bound."""


@dataclass(frozen=True)
class History:
    """What one run of gradient descent did. Build one with :meth:`History.from_run`.

    Attributes
    ----------
    weights : ndarray, shape (epochs_run + 1, 2)
        (w1, w0) before the first update and after each update.
    errors : ndarray, shape (epochs_run,)
        The loss recorded each epoch, before that epoch's update: ``errors[k]`` belongs to
        ``weights[k]``.
    final_error : float
        The loss of the final weights, ``weights[-1]``.
    diverged : bool
        True when η is above the critical rate, so the error grows without bound (a
        prediction, true from the first epoch on), or when the error did explode. Training
        stops early once the error explodes, so ``epochs_run`` can be below the epochs asked
        for.
    eta : float
        The learning rate used.
    loss : {"sse", "mse"}
        The kind of loss the run minimised and recorded in ``errors``.
    critical_rate : float
        The critical learning rate 2·(1 + β)/λ_max of that loss on the run's data, with the
        run's momentum β (2/λ_max without momentum).
    momentum : float
        The heavy-ball momentum β in [0, 1); 0 is plain gradient descent.
    """

    weights: np.ndarray
    errors: np.ndarray
    final_error: float
    diverged: bool
    eta: float
    loss: Loss
    critical_rate: float
    momentum: float = 0.0

    @classmethod
    def from_run(
        cls,
        weights: ArrayLike,
        errors: ArrayLike,
        final_error: float,
        *,
        eta: float,
        loss: Loss,
        critical_rate: float,
        momentum: float = 0.0,
        exploded: bool = False,
    ) -> History:
        """The record of a run: ``diverged`` is η > ``critical_rate``, or ``exploded``.

        Parameters
        ----------
        weights : array_like, shape (epochs_run + 1, 2)
        errors : array_like, shape (epochs_run,)
        final_error : float
        eta, critical_rate : float
        loss : {"sse", "mse"}
        momentum : float
        exploded : bool
            Whether training stopped because the error exploded.
        """
        weights = np.asarray(weights, dtype=np.float64).reshape(-1, 2)
        errors = np.asarray(errors, dtype=np.float64).reshape(-1)
        if weights.shape[0] != errors.size + 1:
            raise ValueError(
                f"weights must hold one row more than errors has values: "
                f"got {weights.shape[0]} rows and {errors.size} errors"
            )
        return cls(
            weights=weights,
            errors=errors,
            final_error=float(final_error),
            diverged=bool(eta > critical_rate or exploded),
            eta=float(eta),
            loss=loss,
            critical_rate=float(critical_rate),
            momentum=float(momentum),
        )

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
        every = validation.integer("every", every, minimum=1)
        return [
            (
                epoch,
                float(self.weights[epoch, 0]),
                float(self.weights[epoch, 1]),
                float(self.errors[epoch]),
            )
            for epoch in range(0, self.epochs_run, every)
        ]


def warn_if_diverged(history: History, stacklevel: int = 1) -> None:
    """Warn with a :class:`DivergenceWarning` saying why, if the run diverged.

    ``stacklevel`` counts as in :func:`warnings.warn`, from the caller of this function.
    """
    if not history.diverged:
        return
    eta, critical, beta = history.eta, history.critical_rate, history.momentum
    formula = f"2(1 + β)/λ_max with momentum β = {beta:g}" if beta else "2/λ_max"
    if eta > critical:
        message = (
            f"eta = {eta:.4g} is above the critical learning rate {formula} = {critical:.4g} "
            f"for this data ({history.loss.upper()}): gradient descent diverges. "
            f"Use eta below {critical:.4g}."
        )
    else:
        message = (
            f"eta = {eta:.4g} is below the critical learning rate {formula} = {critical:.4g}, "
            f"yet the {history.loss.upper()} exceeded {EXPLOSION_FACTOR:.0e} times its starting "
            f"value after {history.epochs_run} epochs, so training stopped: the transient "
            f"overshoot of a momentum this close to 1 is that large. Use a smaller momentum."
        )
    warnings.warn(message, DivergenceWarning, stacklevel=stacklevel + 1)


def explosion_limit(start_error: float) -> float:
    """The error above which a run counts as exploded: ``EXPLOSION_FACTOR`` × the start's."""
    if not np.isfinite(start_error):
        raise ValueError("w1 and w0 are so large that the error overflows")
    return EXPLOSION_FACTOR * max(start_error, np.finfo(float).tiny)


def loss_and_gradient(
    residual: np.ndarray, x: np.ndarray, scale: float
) -> tuple[float, float, float]:
    """The loss and its gradient (dE/dw1, dE/dw0) over one batch of points, from its residuals.

    One residual serves the loss and both gradients: at large n each pass over the data is the
    cost.

    Parameters
    ----------
    residual : ndarray, shape (b,)
        y − ŷ for the points of the batch.
    x : ndarray, shape (b,)
        Their inputs x1.
    scale : float
        :func:`mlcourse.kernels.loss_scale` of the loss for this batch (1 for the SSE).

    Returns
    -------
    tuple of float
        (E, dE/dw1, dE/dw0).
    """
    return (
        scale * kernels.sse_of_residual(residual),
        scale * kernels.grad_w1_of_residual(residual, x),
        scale * kernels.grad_w0_of_residual(residual),
    )


def train(
    x: ArrayLike,
    y: ArrayLike,
    w1: float,
    w0: float,
    eta: float = 0.001,
    epochs: int = 300,
    loss: Loss | None = None,
    *,
    error: Loss | None = None,
    warn: bool = True,
    momentum: float = 0.0,
) -> History:
    """Full-batch gradient descent, one epoch at a time, as the lesson writes it.

    Each epoch: forward pass ŷ = w1·x1 + w0·x0, record the error, compute dE/dw1 and dE/dw0
    over all n points, then update the velocity v ← β·v − η·dE/dw (v starts at 0) and the
    weights w ← w + v; with ``momentum`` β = 0 that is w ← w − η·dE/dw. An update whose error
    explodes (exceeds ``EXPLOSION_FACTOR`` times the starting error) is not taken, and training
    stops there.

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
    loss : {"sse", "mse"}, default "sse"
        Minimise the sum-squared error ½·Σ(y − ŷ)² or the mean squared error mean((y − ŷ)²)
        (no ½: (2/n) times the SSE). ``error`` is an alias of it (give one or the other).
    warn : bool
        Whether to warn when the run diverges; ``History.diverged`` records it either way.
    momentum : float
        Heavy-ball momentum β in [0, 1); 0 (the default) is plain gradient descent.

    Returns
    -------
    History

    Warns
    -----
    DivergenceWarning
        Once, when η is above the critical rate 2·(1 + β)/λ_max (or the error exploded) and
        ``warn`` is true.
    """
    x, y = validation.vectors(x=x, y=y)
    w1 = validation.real_number("w1", w1)
    w0 = validation.real_number("w0", w0)
    eta = validation.positive_number("eta", eta)
    epochs = validation.integer("epochs", epochs)
    loss = validation.loss_kind(loss, error)
    momentum = validation.momentum(momentum)
    scale = kernels.loss_scale(loss, x.size)

    weights = [(w1, w0)]
    errors: list[float] = []
    v1 = v0 = 0.0
    exploded = False
    with np.errstate(over="ignore", invalid="ignore"):
        residual = y - linear(w1 * x + w0 * X0)
        current, g1, g0 = loss_and_gradient(residual, x, scale)
        limit = explosion_limit(current)
        for _ in range(epochs):
            # With β = 0, v = 0·v − η·g = −η·g and w + v is w − η·g to the last bit.
            v1, v0 = momentum * v1 - eta * g1, momentum * v0 - eta * g0
            w1_next, w0_next = w1 + v1, w0 + v0
            residual = y - linear(w1_next * x + w0_next * X0)
            following, g1, g0 = loss_and_gradient(residual, x, scale)
            if not following <= limit:  # also true for NaN
                exploded = True
                break
            errors.append(current)
            weights.append((w1_next, w0_next))
            w1, w0, current = w1_next, w0_next, following
    history = History.from_run(
        weights,
        errors,
        current,
        eta=eta,
        loss=loss,
        critical_rate=kernels.critical_rate(kernels.hessian(x, loss), momentum),
        momentum=momentum,
        exploded=exploded,
    )
    if warn:
        warn_if_diverged(history, stacklevel=2)
    return history
