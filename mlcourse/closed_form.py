"""What gradient descent on E can be compared with: the least-squares answer and the step sizes.

E(w1, w0) is a quadratic bowl. Its Hessian (its matrix of second derivatives) is
H = [[Σx², Σx], [Σx, n]] for the SSE, and (2/n) times that for the mean squared error
mean((y − ŷ)²). Gradient descent with step η multiplies the distance to the minimum along each
eigenvector of H by (1 − η·λ) every epoch, so it converges exactly when |1 − η·λ_max| < 1,
that is η < 2 / λ_max. The condition number κ = λ_max / λ_min says how narrow the valley is.

Every function taking ``loss`` also accepts it as ``error=`` (the older name of the same
keyword; give one or the other).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from mlcourse import kernels, validation
from mlcourse.kernels import Loss


def least_squares(x: ArrayLike, y: ArrayLike) -> tuple[float, float]:
    """The weights (w1, w0) that minimise the SSE, in closed form.

    w1 = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², w0 = ȳ − w1·x̄.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Inputs and targets; x must take at least two different values.

    Returns
    -------
    tuple of float
        (w1, w0).
    """
    x, y = validation.vectors(x=x, y=y)
    return kernels.least_squares(x, y)


def hessian(x: ArrayLike, loss: Loss | None = None, *, error: Loss | None = None) -> np.ndarray:
    """Hessian of the loss with respect to (w1, w0): [[Σx², Σx], [Σx, n]], times 2/n for the MSE.

    Parameters
    ----------
    x : array_like, shape (n,)
    loss : {"sse", "mse"}, default "sse"
        The kind of loss; ``error`` is an alias of it.

    Returns
    -------
    ndarray, shape (2, 2)
    """
    x = validation.vector("x", x)
    return kernels.hessian(x, validation.loss_kind(loss, error))


def eigenvalues(
    x: ArrayLike, loss: Loss | None = None, *, error: Loss | None = None
) -> tuple[float, float]:
    """(λ_min, λ_max) of the Hessian, in closed form for a symmetric 2×2 matrix.

    Both are accurate to a few units in the last place even for badly conditioned x (a spread
    tiny next to the mean), where λ_max + λ_min − … would cancel: λ_min comes from the
    determinant n·Σ(x − x̄)² (times the loss's scale squared).

    Parameters
    ----------
    x : array_like, shape (n,)
    loss : {"sse", "mse"}, default "sse"
        The kind of loss; ``error`` is an alias of it.

    Returns
    -------
    tuple of float
    """
    x = validation.vector("x", x)
    return kernels.hessian_eigenvalues(x, validation.loss_kind(loss, error))


def critical_learning_rate(
    x: ArrayLike,
    loss: Loss | None = None,
    *,
    error: Loss | None = None,
    momentum: float = 0.0,
) -> float:
    """2·(1 + β) / λ_max: gradient descent converges for η below it and diverges above it.

    Without momentum (β = 0) that is 2/λ_max. With heavy-ball momentum β in [0, 1) the
    distance along an eigenvector with eigenvalue λ follows d_{k+1} = (1 + β − ηλ)·d_k −
    β·d_{k−1}, whose roots lie inside the unit circle exactly when 0 < ηλ < 2·(1 + β).

    Parameters
    ----------
    x : array_like, shape (n,)
        The inputs x1 (the targets do not change the curvature of E).
    loss : {"sse", "mse"}, default "sse"
        The kind of loss; ``error`` is an alias of it. With the SSE the rate shrinks roughly
        like 1/n; with the MSE (no ½) it is n/2 times the SSE's and hardly depends on n.
    momentum : float
        Heavy-ball momentum β in [0, 1).

    Returns
    -------
    float
    """
    momentum = validation.momentum(momentum)
    return kernels.critical_rate(hessian(x, loss, error=error), momentum)


def fastest_learning_rate(
    x: ArrayLike, loss: Loss | None = None, *, error: Loss | None = None
) -> float:
    """2 / (λ_min + λ_max): the constant step that shrinks the slowest direction fastest.

    Parameters
    ----------
    x : array_like, shape (n,)
    loss : {"sse", "mse"}, default "sse"
        The kind of loss; ``error`` is an alias of it.

    Returns
    -------
    float
    """
    smallest, largest = eigenvalues(x, loss, error=error)
    return 2.0 / (smallest + largest)


def largest_stable_n(eta: float, mean_x: float, mean_x2: float) -> int:
    """The largest number of points N for which gradient descent on the SSE with rate ``eta``
    still converges, for inputs whose mean is ``mean_x`` and mean square ``mean_x2``.

    With N such inputs H ≈ N·[[E[x²], E[x]], [E[x], 1]], so λ_max ≈ N·ℓ with ℓ the largest
    eigenvalue of that matrix, and η converges while η < 2/λ_max, that is N < 2/(η·ℓ). At the
    boundary itself |1 − η·λ_max| = 1 (the steep direction oscillates forever), so the answer
    is the largest whole number strictly below it.

    Parameters
    ----------
    eta : float
        The learning rate, > 0.
    mean_x, mean_x2 : float
        E[x] and E[x²] of the inputs; E[x²] ≥ E[x]² (a variance is never negative).

    Returns
    -------
    int
        N ≥ 0 (0 when even one point diverges).
    """
    eta = validation.positive_number("eta", eta)
    mean_x = validation.real_number("mean_x", mean_x)
    mean_x2 = validation.non_negative_number("mean_x2", mean_x2)
    if mean_x2 < mean_x * mean_x:
        raise ValueError(
            f"mean_x2 must be at least mean_x² (their difference is a variance), got "
            f"mean_x2 = {mean_x2!r} with mean_x = {mean_x!r}"
        )
    half_trace, half_gap = (mean_x2 + 1) / 2, (mean_x2 - 1) / 2
    per_point = half_trace + math.hypot(half_gap, mean_x)
    return max(math.ceil(2 / (eta * per_point)) - 1, 0)


def epochs_needed(eta: float, eigenvalues: ArrayLike, excess: ArrayLike, target: float) -> int:
    """The first epoch k ≥ 0 at which E_k − E* = Σᵢ excessᵢ·(1 − η·λᵢ)^(2k) is at most
    ``target``: the epochs gradient descent needs, predicted from the eigen-directions of H.

    Parameters
    ----------
    eta : float
        The learning rate, > 0.
    eigenvalues : array_like, shape (d,)
        The eigenvalues λᵢ of the Hessian, > 0.
    excess : array_like, shape (d,)
        The starting excess of each eigen-direction, ½·λᵢ·cᵢ² ≥ 0.
    target : float
        The excess to reach, > 0.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        When the excess never gets there: a direction with excess whose |1 − η·λ| is 1 or more
        (η at or above its critical rate 2/λ) keeps it for ever.
    """
    eta = validation.positive_number("eta", eta)
    target = validation.positive_number("target", target)
    lambdas, excess = validation.vectors(eigenvalues=eigenvalues, excess=excess)
    if np.any(lambdas <= 0) or np.any(excess < 0):
        raise ValueError("eigenvalues must be > 0 and excess ≥ 0")
    factors = (1 - eta * lambdas) ** 2

    def after(k: int) -> float:
        return float(np.sum(excess * factors**k))

    if after(0) <= target:
        return 0
    if np.any((factors >= 1) & (excess > 0)):
        raise ValueError(
            f"the excess never reaches target = {target!r}: eta = {eta!r} is at or above the "
            f"critical rate 2/λ = {2 / lambdas.max():.6g} of a direction that has excess"
        )
    # after(k) falls with k: the whole excess at the slowest factor bounds it from above.
    high = max(1, math.ceil(math.log(target / after(0)) / math.log(factors[excess > 0].max())))
    low = 0  # after(low) > target >= after(high)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if after(middle) <= target else (middle, high)
    return high


def condition_number(x: ArrayLike, loss: Loss | None = None, *, error: Loss | None = None) -> float:
    """κ = λ_max / λ_min of the Hessian: how long and narrow the valley of E is.

    Gradient descent at its best constant rate η* shrinks the distance to the minimum by
    (κ − 1)/(κ + 1) per epoch, so κ says how slow the slowest direction is. The scale of the
    loss cancels: the SSE and the MSE have the same κ. Centring x (mean 0) makes H diagonal;
    standardising it (:func:`mlcourse.standardize`) makes κ = 1.

    Parameters
    ----------
    x : array_like, shape (n,)
        The inputs x1.
    loss : {"sse", "mse"}, default "sse"
        The kind of loss; ``error`` is an alias of it.

    Returns
    -------
    float
        κ ≥ 1; ``inf`` when x takes a single value (H is singular: the valley has a flat floor).
    """
    smallest, largest = eigenvalues(x, loss, error=error)
    return largest / smallest if smallest > 0 else math.inf


def optimal_momentum(
    x: ArrayLike, loss: Loss | None = None, *, error: Loss | None = None
) -> tuple[float, float]:
    """The heavy-ball (η, β) that shrinks the slowest direction fastest (Polyak's choice).

    η = 4/(√λ_max + √λ_min)² and β = ((√κ − 1)/(√κ + 1))²: every direction then shrinks by
    √β = (√κ − 1)/(√κ + 1) per epoch, against (κ − 1)/(κ + 1) for plain gradient descent at
    its best rate 2/(λ_min + λ_max).

    Parameters
    ----------
    x : array_like, shape (n,)
    loss : {"sse", "mse"}, default "sse"
        The kind of loss; ``error`` is an alias of it.

    Returns
    -------
    tuple of float
        (eta, momentum).
    """
    smallest, largest = eigenvalues(x, loss, error=error)
    root_small, root_large = math.sqrt(smallest), math.sqrt(largest)
    eta = 4.0 / (root_large + root_small) ** 2
    return eta, ((root_large - root_small) / (root_large + root_small)) ** 2


def convergence_rate(
    x: ArrayLike,
    eta: float,
    momentum: float = 0.0,
    loss: Loss | None = None,
    *,
    error: Loss | None = None,
) -> float:
    """The factor by which the distance to the minimum shrinks per epoch, in the long run.

    The largest root in size, over the eigenvalues λ of H, of r² − (1 + β − ηλ)·r + β (for
    β = 0 that is max |1 − ηλ|). The excess error E − E* shrinks by its square per epoch, so
    reaching a fraction f of the starting excess takes about ln f / (2·ln rate) epochs. At or
    above 1 gradient descent does not converge.

    Parameters
    ----------
    x : array_like, shape (n,)
    eta : float
        Learning rate η > 0.
    momentum : float
        Heavy-ball momentum β in [0, 1).
    loss : {"sse", "mse"}, default "sse"
        The kind of loss; ``error`` is an alias of it.

    Returns
    -------
    float
    """
    eta = validation.positive_number("eta", eta)
    momentum = validation.momentum(momentum)
    rates = []
    for curvature in eigenvalues(x, loss, error=error):
        a = 1.0 + momentum - eta * curvature
        discriminant = a * a - 4.0 * momentum
        # Complex roots have size √β; real ones (a² ≥ 4β) have the same sign.
        rates.append(
            math.sqrt(momentum) if discriminant < 0 else (abs(a) + math.sqrt(discriminant)) / 2
        )
    return max(rates)
