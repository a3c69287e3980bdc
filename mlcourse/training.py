"""Gradient descent on one neuron, and the record it leaves: a linear or a sigmoid neuron, full
batch or mini-batches, with or without momentum, at a constant or decaying learning rate.

Heavy-ball momentum keeps a velocity v (0 at the start): each update is v ← β·v − η·∇E, then
w ← w + v. Along an eigenvector of the Hessian with eigenvalue λ the distance d to the minimum
then follows d_{k+1} = (1 + β − η·λ)·d_k − β·d_{k−1}, whose two roots lie inside the unit
circle exactly when 0 ≤ β < 1 and 0 < η·λ < 2·(1 + β): the critical rate is 2·(1 + β)/λ_max.
That verdict holds for full-batch gradient descent at a constant rate on a quadratic loss (the
linear neuron's SSE or MSE); for mini-batches, a decaying rate or a sigmoid neuron (whose loss is
not quadratic: no critical rate exists) the run itself says whether it blew up.

The sigmoid neuron's gradients, with ŷ = σ(z) and z = w1·x1 + w0·x0:

- SSE: dE/dw1 = −Σ(y − ŷ)·ŷ(1 − ŷ)·x1, which vanishes where the neuron is confidently wrong;
- cross-entropy: dE/dw1 = −Σ(y − ŷ)·x1, since dE/dz = ŷ − y (σ' cancels);

and dE/dw0 the same without the x1.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import kernels, validation
from mlcourse.kernels import Activation, NeuronLoss
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
        Whether the error grows without bound. For a linear neuron trained on the full batch at
        a constant rate it is the prediction η > ``critical_rate`` (true from the first epoch
        on), or an explosion that happened anyway; otherwise (mini-batches, a decaying rate, a
        sigmoid neuron) it is what the run did: the error exploded. Training stops early once
        the error explodes (passes ``EXPLOSION_FACTOR`` times its start, or stops being a
        number), so ``epochs_run`` can be below the epochs asked for.
    eta : float
        The learning rate η (of the first epoch, when it decays).
    loss : {"sse", "mse", "bce"}
        The kind of loss the run minimised and recorded in ``errors``.
    critical_rate : float or None
        The critical learning rate 2·(1 + β)/λ_max of that loss on the run's data, with the
        run's momentum β (2/λ_max without momentum); None when the run's verdict does not come
        from it (mini-batches, a decaying rate, a sigmoid neuron).
    momentum : float
        The heavy-ball momentum β in [0, 1); 0 is plain gradient descent.
    batch_size : int or None
        Points per update; None for the full batch.
    decay : float
        The learning rate of epoch k was η / (1 + decay·k); 0 keeps it constant.
    activation : {"linear", "sigmoid"}
        The neuron's activation.
    """

    weights: np.ndarray
    errors: np.ndarray
    final_error: float
    diverged: bool
    eta: float
    loss: NeuronLoss
    critical_rate: float | None
    momentum: float = 0.0
    batch_size: int | None = None
    decay: float = 0.0
    activation: Activation = "linear"

    @classmethod
    def from_run(
        cls,
        weights: ArrayLike,
        errors: ArrayLike,
        final_error: float,
        *,
        eta: float,
        loss: NeuronLoss,
        critical_rate: float | None,
        momentum: float = 0.0,
        batch_size: int | None = None,
        decay: float = 0.0,
        activation: Activation = "linear",
        exploded: bool = False,
    ) -> History:
        """The record of a run: ``diverged`` is η > ``critical_rate`` (when given), or
        ``exploded``.

        Parameters
        ----------
        weights : array_like, shape (epochs_run + 1, 2)
        errors : array_like, shape (epochs_run,)
        final_error : float
        eta : float
        loss : {"sse", "mse", "bce"}
        critical_rate : float or None
        momentum, decay : float
        batch_size : int or None
        activation : {"linear", "sigmoid"}
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
        predicted = critical_rate is not None and eta > critical_rate
        return cls(
            weights=weights,
            errors=errors,
            final_error=float(final_error),
            diverged=bool(predicted or exploded),
            eta=float(eta),
            loss=loss,
            critical_rate=None if critical_rate is None else float(critical_rate),
            momentum=float(momentum),
            batch_size=batch_size,
            decay=float(decay),
            activation=activation,
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
        """Number of epochs run (with the full batch, one update each)."""
        return int(self.errors.size)

    @property
    def learning_rates(self) -> np.ndarray:
        """η / (1 + decay·k) for each epoch k run, shape (epochs_run,)."""
        return self.eta / (1.0 + self.decay * np.arange(self.epochs_run))

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
    exploded = (
        f"the {history.loss.upper()} exceeded {EXPLOSION_FACTOR:.0e} times its starting value "
        f"after {history.epochs_run} epochs, so training stopped"
    )
    if critical is None:
        how = f"mini-batches of {history.batch_size}" if history.batch_size else "the full batch"
        if history.activation == "sigmoid":
            how = f"a sigmoid neuron, {how}"
        if history.decay:
            how += f", a rate decaying as η/(1 + {history.decay:g}·epoch)"
        message = (
            f"gradient descent diverged with eta = {eta:.4g} ({how}): {exploded}. "
            f"Use a smaller eta."
        )
    elif eta > critical:
        message = (
            f"eta = {eta:.4g} is above the critical learning rate {formula} = {critical:.4g} "
            f"for this data ({history.loss.upper()}): gradient descent diverges. "
            f"Use eta below {critical:.4g}."
        )
    else:
        message = (
            f"eta = {eta:.4g} is below the critical learning rate {formula} = {critical:.4g}, "
            f"yet {exploded}: the transient overshoot of a momentum this close to 1 is that "
            f"large. Use a smaller momentum."
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


def neuron_loss_and_gradient(
    x: np.ndarray,
    y: np.ndarray,
    w1: float,
    w0: float,
    activation: Activation,
    loss: NeuronLoss,
    scale: float,
) -> tuple[float, float, float]:
    """The loss and its gradient (dE/dw1, dE/dw0) over a batch, for either activation.

    Linear: from the residuals, :func:`loss_and_gradient`. Sigmoid: dE/dw = Σ(dE/dz)·(x1, x0)
    with dE/dz = −scale·(y − ŷ)·σ'(z) for the squared errors and ŷ − y for the cross-entropy,
    which comes from the scores (no ln of a rounded probability, no overflow for any finite z).

    Parameters
    ----------
    x, y : ndarray, shape (b,)
        The batch's inputs and targets (labels 0/1 for the cross-entropy).
    w1, w0 : float
    activation : {"linear", "sigmoid"}
    loss : {"sse", "mse", "bce"}
    scale : float
        :func:`mlcourse.kernels.loss_scale` of the loss for this batch.

    Returns
    -------
    tuple of float
        (E, dE/dw1, dE/dw0).
    """
    if activation == "linear":
        return loss_and_gradient(y - linear(w1 * x + w0 * X0), x, scale)
    z = w1 * x + w0 * X0
    y_hat = kernels.sigmoid(z)
    if loss == "bce":
        value, dE_dz = kernels.bce_of_scores(y, z), y_hat - y
    else:
        residual = y - y_hat
        value = scale * kernels.sse_of_residual(residual)
        dE_dz = -scale * residual * kernels.sigmoid_slope(z)
    return value, float(np.sum(dE_dz * x)), float(np.sum(dE_dz))


def train(
    x: ArrayLike,
    y: ArrayLike,
    w1: float,
    w0: float,
    eta: float = 0.001,
    epochs: int = 300,
    loss: NeuronLoss | None = None,
    batch_size: int | None = None,
    seed: int = 0,
    *,
    error: NeuronLoss | None = None,
    warn: bool = True,
    momentum: float = 0.0,
    decay: float = 0.0,
    activation: Activation = "linear",
) -> History:
    """Gradient descent, one epoch at a time, as the lessons write it.

    Full batch (``batch_size`` None or n): each epoch makes one update from the gradient over
    all n points. Mini-batches: ``rng = numpy.random.default_rng(seed)`` is made once; each
    epoch visits the points in the order ``rng.permutation(n)`` and cuts it into consecutive
    batches of ``batch_size`` points (the last one shorter when n is not a multiple), and each
    batch makes one update from the gradient of the loss over that batch: its sum for the SSE,
    its mean for the MSE.

    Every update: v ← β·v − η_k·dE/dw (v starts at 0), then w ← w + v; with ``momentum``
    β = 0 that is w ← w − η_k·dE/dw. The rate of epoch k is η_k = η / (1 + decay·k). The
    neuron is ŷ = w1·x1 + w0·x0, or σ of it with ``activation="sigmoid"``.

    ``History.errors[k]`` is the loss over all n points of ``History.weights[k]``, the weights
    at the start of epoch k. An epoch after which that loss explodes (exceeds
    ``EXPLOSION_FACTOR`` times the starting loss, or is not a number) is not kept, and training
    stops there.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Inputs and targets (labels 0 or 1 for the cross-entropy).
    w1, w0 : float
        Initial weights.
    eta : float
        Learning rate η > 0 (of the first epoch, when it decays).
    epochs : int
        Number of epochs, >= 0.
    loss : {"sse", "mse", "bce"}, default "sse"
        Minimise the sum-squared error ½·Σ(y − ŷ)², the mean squared error mean((y − ŷ)²)
        (no ½: (2/n) times the SSE), or the binary cross-entropy −Σ[y·ln ŷ + (1 − y)·ln(1 − ŷ)]
        (a sum, like the SSE; only with the sigmoid). ``error`` is an alias of it (give one or
        the other).
    batch_size : int or None
        Points per update, 1 (stochastic gradient descent) to n; None (the default) or n is
        the full batch, without any shuffling.
    seed : int
        Seed of the shuffling, >= 0; unused with the full batch.
    warn : bool
        Whether to warn when the run diverges; ``History.diverged`` records it either way.
    momentum : float
        Heavy-ball momentum β in [0, 1); 0 (the default) is plain gradient descent. With
        mini-batches the velocity is updated once per batch.
    decay : float
        The rate of epoch k is η / (1 + decay·k): 0 (the default) keeps it constant; a
        decaying rate lets mini-batch updates settle instead of jittering around the minimum.
    activation : {"linear", "sigmoid"}
        The neuron's activation. A sigmoid neuron's loss is not quadratic and has no critical
        rate: ``History.critical_rate`` is None and ``History.diverged`` says whether the loss
        exploded.

    Returns
    -------
    History

    Warns
    -----
    DivergenceWarning
        Once, when ``warn`` is true and the run diverges: for a linear neuron on the full batch
        at a constant rate when η is above the critical rate 2·(1 + β)/λ_max; otherwise when
        the loss actually exploded.
    """
    x, y = validation.vectors(x=x, y=y)
    activation = validation.activation(activation)
    loss = validation.neuron_loss(loss, error, activation)
    if loss == "bce":
        y = validation.binary_labels("y", y)
    w1 = validation.real_number("w1", w1)
    w0 = validation.real_number("w0", w0)
    eta = validation.positive_number("eta", eta)
    epochs = validation.integer("epochs", epochs)
    batch_size = validation.batch_size(batch_size, x.size)
    seed = validation.integer("seed", seed)
    momentum = validation.momentum(momentum)
    decay = validation.non_negative_number("decay", decay)
    if batch_size == x.size:
        batch_size = None
    settings = {"eta": eta, "momentum": momentum, "decay": decay, "activation": activation}

    with np.errstate(over="ignore", invalid="ignore"):
        if batch_size is None:
            weights, errors, final, exploded = full_batch_run(
                x, y, (w1, w0), epochs, loss, **settings
            )
        else:
            rng = np.random.default_rng(seed)
            weights, errors, final, exploded = mini_batch_run(
                x, y, (w1, w0), epochs, loss, batch_size, rng, **settings
            )
    quadratic_verdict = batch_size is None and decay == 0 and activation == "linear"
    history = History.from_run(
        weights,
        errors,
        final,
        loss=loss,
        critical_rate=(
            kernels.critical_rate(kernels.hessian(x, loss), momentum) if quadratic_verdict else None
        ),
        batch_size=batch_size,
        exploded=exploded,
        **settings,
    )
    if warn:
        warn_if_diverged(history, stacklevel=2)
    return history


Run = tuple[list[tuple[float, float]], list[float], float, bool]
"""What a training loop returns: weights, errors, the final loss, whether it exploded."""


def full_batch_run(
    x: np.ndarray,
    y: np.ndarray,
    start: tuple[float, float],
    epochs: int,
    loss: NeuronLoss,
    *,
    eta: float,
    momentum: float,
    decay: float,
    activation: Activation,
) -> Run:
    """One update per epoch from all n points; see :func:`train` (arguments already checked).

    One forward pass per epoch serves the check of the new weights' loss and the next gradient.
    """
    scale = kernels.loss_scale(loss, x.size)
    w1, w0 = start
    weights, errors = [start], []
    v1 = v0 = 0.0
    current, g1, g0 = neuron_loss_and_gradient(x, y, w1, w0, activation, loss, scale)
    limit = explosion_limit(current)
    for epoch in range(epochs):
        rate = eta / (1.0 + decay * epoch)
        # With β = 0, v = 0·v − η·g = −η·g and w + v is w − η·g to the last bit.
        v1, v0 = momentum * v1 - rate * g1, momentum * v0 - rate * g0
        w1_next, w0_next = w1 + v1, w0 + v0
        if activation == "linear":
            # The residual is kept until the next one exists: freeing every n-sized buffer at
            # the end of each epoch let the allocator return them to the system and fault them
            # back in, 2.5 times slower at n = 10⁶.
            residual = y - linear(w1_next * x + w0_next * X0)
            following, g1, g0 = loss_and_gradient(residual, x, scale)
        else:
            following, g1, g0 = neuron_loss_and_gradient(
                x, y, w1_next, w0_next, activation, loss, scale
            )
        if not following <= limit:  # also true for NaN
            return weights, errors, current, True
        errors.append(current)
        weights.append((w1_next, w0_next))
        w1, w0, current = w1_next, w0_next, following
    return weights, errors, current, False


def bce_gradients(x: ArrayLike, y: ArrayLike, w1: float, w0: float) -> tuple[float, float]:
    """The gradient of the binary cross-entropy of a sigmoid neuron ŷ = σ(w1·x1 + w0·x0).

    dE/dz = ŷ − y for every point, so (dE/dw1, dE/dw0) = (Σ(ŷ − y)·x1, Σ(ŷ − y)).

    Parameters
    ----------
    x : array_like, shape (n,)
        The inputs x1.
    y : array_like, shape (n,)
        The labels, 0 or 1.
    w1, w0 : float
        The weights.

    Returns
    -------
    tuple of float
        (dE/dw1, dE/dw0).
    """
    x = validation.vector("x", x)
    y = validation.binary_labels("y", y)
    validation.same_number_of_points(x=x, y=y)
    w1, w0 = validation.real_number("w1", w1), validation.real_number("w0", w0)
    _, dE_dw1, dE_dw0 = neuron_loss_and_gradient(x, y, w1, w0, "sigmoid", "bce", 1.0)
    return dE_dw1, dE_dw0


def shuffled_batches(n: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """The batches of one epoch: the order ``rng.permutation(n)`` cut into consecutive slices of
    ``batch_size`` indices, the last one shorter when ``batch_size`` does not divide ``n``.

    Parameters
    ----------
    n : int
        The number of points, ≥ 1.
    batch_size : int
        Points per batch, from 1 to n.
    rng : numpy.random.Generator
        Draws the order; each call draws a new one.

    Returns
    -------
    list of numpy.ndarray
        ⌈n / batch_size⌉ integer arrays of shape (batch_size,) (the last one possibly shorter),
        together holding every index from 0 to n − 1 once.
    """
    n = validation.integer("n", n, minimum=1)
    batch_size = validation.integer("batch_size", batch_size, minimum=1)
    if batch_size > n:
        raise ValueError(f"batch_size must be at most n = {n}, got {batch_size}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    order = rng.permutation(n)
    return [order[first : first + batch_size] for first in range(0, n, batch_size)]


def mini_batch_run(
    x: np.ndarray,
    y: np.ndarray,
    start: tuple[float, float],
    epochs: int,
    loss: NeuronLoss,
    batch_size: int,
    rng: np.random.Generator,
    *,
    eta: float,
    momentum: float,
    decay: float,
    activation: Activation,
) -> Run:
    """Shuffled mini-batches, one update each; see :func:`train` (arguments already checked)."""
    n = x.size
    w1, w0 = start
    weights, errors = [start], []
    v1 = v0 = 0.0
    full_scale = kernels.loss_scale(loss, n)
    current = neuron_loss_and_gradient(x, y, w1, w0, activation, loss, full_scale)[0]
    limit = explosion_limit(current)
    for epoch in range(epochs):
        rate = eta / (1.0 + decay * epoch)
        u1, u0, n1, n0 = v1, v0, w1, w0
        for batch in shuffled_batches(n, batch_size, rng):
            x_batch, y_batch = x[batch], y[batch]
            scale = kernels.loss_scale(loss, x_batch.size)
            _, g1, g0 = neuron_loss_and_gradient(x_batch, y_batch, n1, n0, activation, loss, scale)
            u1, u0 = momentum * u1 - rate * g1, momentum * u0 - rate * g0
            n1, n0 = n1 + u1, n0 + u0
        following = neuron_loss_and_gradient(x, y, n1, n0, activation, loss, full_scale)[0]
        if not following <= limit:  # also true for NaN
            return weights, errors, current, True
        errors.append(current)
        weights.append((n1, n0))
        w1, w0, v1, v0, current = n1, n0, u1, u0, following
    return weights, errors, current, False
