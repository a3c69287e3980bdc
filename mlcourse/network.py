"""One hidden layer of tanh units for 1-D regression: init, forward, backward, train (lesson 10).

For n inputs x and H hidden units:

    h = tanh(x·W1 + b1)        shape (n, H): unit j's output for each point
    ŷ = h·W2 + b2              shape (n,)
    E = ½·Σ(y − ŷ)²

Backpropagation is the chain rule of lesson 3 with one more link:

    δ_out = −(y − ŷ)                       ∂E/∂ŷ, shape (n,)
    ∂E/∂W2 = Σ δ_out·h,   ∂E/∂b2 = Σ δ_out
    δ_hidden = δ_out·W2·(1 − h²)           ∂E/∂(x·W1 + b1), shape (n, H); tanh' = 1 − tanh²
    ∂E/∂W1 = Σ δ_hidden·x, ∂E/∂b1 = Σ δ_hidden

The parameters travel as a dict {"W1", "b1", "W2": arrays of shape (H,), "b2": float}.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import kernels, validation
from mlcourse.training import DivergenceWarning

PARAMETER_NAMES = ("W1", "b1", "W2", "b2")
"""The keys of a parameter dict, in the order ``init_mlp`` draws them."""

EXPLOSION_FACTOR = 1e10
"""``train_mlp`` stops once the error exceeds this many times its starting value."""

Params = dict[str, np.ndarray | float]


def init_mlp(hidden: int = 8, seed: int | None = 0, scale: float = 1.0) -> Params:
    """Random initial parameters: W1, b1 and W2 ~ Normal(0, scale²), drawn in that order; b2 = 0.

    The weights must differ between units: from equal weights every hidden unit computes the
    same function and receives the same gradient, so they stay equal for ever. The default
    scale 1 suits inputs of order 1, such as ``make_curve_data``'s x in [−1, 1): half the
    units then bend (at x = −b1/W1, a ratio of two standard normals) inside [−1, 1], and
    x·W1 + b1 has a standard deviation of at most √2, where tanh is neither flat nor straight.
    Much larger scales saturate the units (tanh' ≈ 0, slow learning); much smaller ones make
    every unit nearly linear at the start. With ``train_mlp``'s defaults on
    ``make_curve_data(seed=s)`` from ``init_mlp(seed=s)``, s = 0…19, scales 0.5 to 2 fitted
    every draw (SSE ≤ 0.83), while 0.25 and 4 each left one stuck above 12.

    Parameters
    ----------
    hidden : int
        H, the number of hidden units, at least 1.
    seed : int or None
        Seed for ``numpy.random.default_rng``: the same seed gives the same parameters.
    scale : float
        Standard deviation of the weights and hidden biases, > 0.

    Returns
    -------
    dict
        ``"W1"``, ``"b1"``, ``"W2"``: float64 arrays of shape (hidden,); ``"b2"``: float.
    """
    hidden = validation.integer("hidden", hidden, minimum=1)
    if seed is not None:
        seed = validation.integer("seed", seed)
    scale = validation.positive_number("scale", scale)
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, scale, hidden),
        "b1": rng.normal(0.0, scale, hidden),
        "W2": rng.normal(0.0, scale, hidden),
        "b2": 0.0,
    }


def mlp_forward(x: ArrayLike, params: Mapping[str, object]) -> tuple[np.ndarray, np.ndarray]:
    """The forward pass, keeping the hidden activations: h = tanh(x·W1 + b1), ŷ = h·W2 + b2.

    Parameters
    ----------
    x : array_like, shape (n,)
        The inputs.
    params : dict
        ``"W1"``, ``"b1"``, ``"W2"`` of shape (H,) and ``"b2"`` a float (see ``init_mlp``).

    Returns
    -------
    h : ndarray, shape (n, H)
        Each hidden unit's output for each point; unit j contributes W2[j]·h[:, j] to ŷ.
    y_hat : ndarray, shape (n,)
        The predictions.
    """
    x = validation.vector("x", x)
    return _forward(x, _check_params(params))


def mlp_predict(x: ArrayLike, params: Mapping[str, object]) -> np.ndarray:
    """The network's predictions ŷ = tanh(x·W1 + b1)·W2 + b2, shape (n,) for x of shape (n,)."""
    return mlp_forward(x, params)[1]


def mlp_gradients(x: ArrayLike, y: ArrayLike, params: Mapping[str, object]) -> Params:
    """∂E/∂W1, ∂E/∂b1, ∂E/∂W2, ∂E/∂b2 of E = ½·Σ(y − ŷ)², by backpropagation.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Inputs and targets.
    params : dict
        ``"W1"``, ``"b1"``, ``"W2"`` of shape (H,) and ``"b2"`` a float.

    Returns
    -------
    dict
        The same keys: arrays of shape (H,) for W1, b1, W2 and a float for b2.
    """
    x, y = validation.vectors(x=x, y=y)
    return _gradients(x, y, _check_params(params))


@dataclass(frozen=True)
class NetworkHistory:
    """What one run of ``train_mlp`` did.

    Attributes
    ----------
    errors : ndarray, shape (epochs_run,)
        The SSE recorded each epoch before that epoch's update: ``errors[k]`` belongs to the
        parameters after k updates.
    params : dict
        The final parameters (after the last update).
    final_error : float
        The SSE of the final parameters.
    snapshots : dict of int to dict
        For each epoch asked for in ``snapshot_epochs`` (and reached), the parameters whose
        error is ``errors[epoch]``; epoch ``epochs_run`` holds the final parameters.
    diverged : bool
        True when the error exploded (or became NaN) and training stopped early; the update
        that exploded was taken back.
    eta : float
        The learning rate used.
    """

    errors: np.ndarray
    params: Params
    final_error: float
    snapshots: dict[int, Params]
    diverged: bool
    eta: float

    @property
    def epochs_run(self) -> int:
        """Number of updates made."""
        return int(self.errors.size)


def train_mlp(
    x: ArrayLike,
    y: ArrayLike,
    params: Mapping[str, object],
    eta: float = 0.002,
    epochs: int = 5000,
    snapshot_epochs: Iterable[int] = (),
) -> NetworkHistory:
    """Full-batch gradient descent on all four parameters, from a copy of ``params``.

    Each epoch: forward pass, record E, backpropagate, then θ ← θ − η·∂E/∂θ for every
    parameter. ``params`` itself is never changed.

    The defaults fit ``make_curve_data()`` (100 points) from ``init_mlp()`` in a fraction of a
    second: E ends near 0.5, the level of the noise alone, where the best line stays near 25
    (``benchmarks/network.py`` prints the figures). With the SSE the gradient grows with n, so
    for more points η must shrink in proportion.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Inputs and targets.
    params : dict
        Initial ``"W1"``, ``"b1"``, ``"W2"`` of shape (H,) and ``"b2"`` a float.
    eta : float
        Learning rate η > 0.
    epochs : int
        Number of updates, >= 0.
    snapshot_epochs : iterable of int
        Epochs (0 to ``epochs``) whose parameters to keep in ``snapshots``.

    Returns
    -------
    NetworkHistory

    Warns
    -----
    DivergenceWarning
        When the error explodes, so that training stopped early.
    """
    x, y = validation.vectors(x=x, y=y)
    current = _check_params(params)
    eta = validation.positive_number("eta", eta)
    epochs = validation.integer("epochs", epochs)
    wanted = _snapshot_epochs(snapshot_epochs, epochs)

    errors: list[float] = []
    snapshots: dict[int, Params] = {}
    diverged = False
    limit = np.inf
    previous = current
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(epochs + 1):
            h, y_hat = _forward(x, current)
            error = _half_sum_of_squares(y - y_hat)
            if epoch == 0:
                if not np.isfinite(error):
                    raise ValueError("params are so large that the error overflows")
                limit = EXPLOSION_FACTOR * max(error, np.finfo(float).tiny)
            elif not error <= limit:  # also true for NaN: that update is taken back
                current, error = previous, errors.pop()
                diverged = True
                break
            if epoch in wanted:
                snapshots[epoch] = _copy(current)
            if epoch == epochs:
                break
            errors.append(error)
            previous = current
            gradients = _backward(x, y, current, h, y_hat)
            current = {name: current[name] - eta * gradients[name] for name in PARAMETER_NAMES}
    if diverged:
        warnings.warn(
            f"eta = {eta:.4g} is too large for this network and data: the error grew more than "
            f"{EXPLOSION_FACTOR:.0e}-fold after {len(errors)} epochs, so training stopped. "
            "Use a smaller eta.",
            DivergenceWarning,
            stacklevel=2,
        )
    current["b2"] = float(current["b2"])
    return NetworkHistory(
        errors=np.asarray(errors, dtype=np.float64),
        params=current,
        final_error=float(error),
        snapshots=snapshots,
        diverged=diverged,
        eta=eta,
    )


def _check_params(params: object) -> Params:
    """A float64 copy of ``params`` (b2 a float), after checking its keys, shapes and values."""
    validation.exact_keys("params", params, PARAMETER_NAMES)
    checked: Params = {
        name: np.array(
            validation.real_array(f'params["{name}"]', params[name], ndim=1, shape="(H,)")
        )
        for name in ("W1", "b1", "W2")
    }
    b2 = params["b2"]
    if isinstance(b2, np.ndarray) and b2.shape == ():
        b2 = b2[()]
    checked["b2"] = validation.real_number('params["b2"]', b2)
    sizes = {name: checked[name].size for name in ("W1", "b1", "W2")}
    if len(set(sizes.values())) > 1:
        described = ", ".join(f"{name} has {size}" for name, size in sizes.items())
        raise ValueError(
            f"params W1, b1 and W2 must have one entry per hidden unit (the same length): "
            f"{described}"
        )
    return checked


def _forward(x: np.ndarray, params: Params) -> tuple[np.ndarray, np.ndarray]:
    h = np.tanh(x[:, None] * params["W1"] + params["b1"])
    return h, h @ params["W2"] + params["b2"]


def _gradients(x: np.ndarray, y: np.ndarray, params: Params) -> Params:
    h, y_hat = _forward(x, params)
    return _backward(x, y, params, h, y_hat)


def _backward(
    x: np.ndarray, y: np.ndarray, params: Params, h: np.ndarray, y_hat: np.ndarray
) -> Params:
    # Sums over axis 0 treat every hidden unit's column in the same order, so units with equal
    # parameters get bit-for-bit equal gradients (the symmetry lesson 10 shows).
    delta_out = -(y - y_hat)
    delta_hidden = delta_out[:, None] * params["W2"] * kernels.tanh_slope(h)
    return {
        "W1": np.sum(delta_hidden * x[:, None], axis=0),
        "b1": np.sum(delta_hidden, axis=0),
        "W2": np.sum(delta_out[:, None] * h, axis=0),
        "b2": float(np.sum(delta_out)),
    }


def _half_sum_of_squares(residual: np.ndarray) -> float:
    return 0.5 * float(np.sum(residual * residual))


def _copy(params: Params) -> Params:
    return {
        name: np.array(value) if name != "b2" else float(value) for name, value in params.items()
    }


def _snapshot_epochs(epochs_wanted: Iterable[int], epochs: int) -> set[int]:
    if isinstance(epochs_wanted, str | bytes) or not isinstance(epochs_wanted, Iterable):
        raise TypeError(
            f"snapshot_epochs must be an iterable of ints, got {validation.describe(epochs_wanted)}"
        )
    wanted = set()
    for epoch in epochs_wanted:
        epoch = validation.integer("each of snapshot_epochs", epoch)
        if epoch > epochs:
            raise ValueError(
                f"snapshot_epochs must be between 0 and epochs = {epochs}, got {epoch}"
            )
        wanted.add(epoch)
    return wanted
