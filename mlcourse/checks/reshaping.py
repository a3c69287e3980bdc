"""Checks of lesson 6, reshaping the valley: ``condition_number``, ``one_step``,
``original_weights`` and ``epochs_needed``.

Each asks the learner to predict before the notebook shows it: how elongated the valley is (κ),
where one step of η = 1/n lands once the inputs are standardised, what the standardised weights
mean for the original inputs, and how many epochs gradient descent needs. The mistakes are the
slips of those derivations: κ upside down or of the wrong matrix (√κ from np.linalg.cond of the
inputs), η = 1 or 2/n for 1/n, the shift of the intercept forgotten, E − E* shrinking by
(1 − ηλ) instead of its square, one direction followed instead of both.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import mlcourse
from mlcourse.checks.cases import LESSON_SIZE, lesson_data, sizes
from mlcourse.checks.judging import Count, Judge, Mistake, Number, Numbers, reordered_parameters
from mlcourse.checks.learning_rate import REFERENCES, eigenvalues, hessian
from mlcourse.checks.training import NEURON_PIECES
from mlcourse.feedback import Exercise

# condition_number -----------------------------------------------------------------------------


def condition_number_cases(seed: int) -> list[tuple]:
    """Inputs uniform on [0, s), far from 0, and nearly centred: κ from about 2 to thousands."""
    rng = np.random.default_rng([seed, 7000])
    first, second, third = sizes(seed, 3, low=10, high=150)
    return [
        (rng.random(first) * rng.uniform(1.5, 3.0),),
        (rng.uniform(2.0, 4.0) + rng.random(second) * rng.uniform(0.5, 1.5),),
        (rng.uniform(-0.3, -0.1) + rng.random(third) * rng.uniform(0.4, 0.8),),
    ]


def ratio(matrix: np.ndarray) -> float:
    """λ_max/λ_min of a symmetric 2×2 matrix."""
    smallest, largest = eigenvalues(matrix)
    return float(largest / smallest)


def condition_number_reference(x: np.ndarray) -> float:
    return mlcourse.condition_number(x)


CONDITION_NUMBER = Exercise(
    name="condition_number",
    cases=condition_number_cases,
    judge=Judge(
        name="condition_number",
        parameters=("x",),
        reference=condition_number_reference,
        result=Number(),
        rtol=1e-6,
        mistakes=(
            Mistake(
                "That is λ_min/λ_max, upside down: κ = λ_max/λ_min is at least 1.",
                lambda x: 1 / ratio(hessian(x)),
            ),
            Mistake(
                "That is √κ, the ratio of the singular values of X = [x, 1] (what np.linalg.cond "
                "gives for X): H = XᵀX squares them, κ = λ_max/λ_min of H.",
                lambda x: np.sqrt(ratio(hessian(x))),
            ),
            Mistake(
                "That is the ratio of H's diagonal entries, Σx² and N: without the off-diagonal "
                "Σx it misses what tilts the valley. Take the eigenvalues of the whole H.",
                lambda x: ratio(np.diag(np.diag(hessian(x)))),
            ),
            Mistake(
                "That is κ of the centred inputs x − x̄: the exercise asks for the inputs as they "
                "are (centring is what the lesson does next).",
                lambda x: ratio(hessian(x - x.mean())),
            ),
            Mistake(
                "H has 1 where N belongs: the bottom-right entry is Σx0² = N.",
                lambda x: ratio(hessian(x, n=1.0)),
            ),
            Mistake(
                "H has (Σx)² where Σx² belongs: square each x, then add up.",
                lambda x: ratio(hessian(x, sum_xx=np.sum(x) ** 2)),
            ),
            Mistake(
                "It returns λ_max alone: κ is the ratio λ_max/λ_min.",
                lambda x: float(eigenvalues(hessian(x))[1]),
            ),
            Mistake(
                "It returns the two eigenvalues themselves: κ is their ratio, λ_max/λ_min.",
                lambda x: eigenvalues(hessian(x)),
            ),
            Mistake(
                "It returns κ of the notebook's data.x, whatever `x` it is given: use the "
                "argument `x`.",
                lambda x: ratio(hessian(lesson_data().x)),
            ),
        ),
        rule="κ = λ_max/λ_min, the eigenvalues of H = [[Σx², Σx], [Σx, N]].",
        shape_hints=(
            (
                (2,),
                "Two values, like the two eigenvalues: κ is one number, their ratio λ_max/λ_min.",
            ),
        ),
        lesson_size=LESSON_SIZE,
    ),
    success="condition_number is correct: κ = λ_max/λ_min of H.",
    forbidden=(*REFERENCES, "mlcourse.condition_number"),
)


# one_step -------------------------------------------------------------------------------------


def standardised(values: np.ndarray) -> np.ndarray:
    return (values - values.mean()) / values.std()


def one_step_cases(seed: int) -> list[tuple]:
    """(z, y, v1, v0): standardised inputs, targets on a line with an intercept, any start."""
    rng = np.random.default_rng([seed, 7100])
    cases = []
    for n in sizes(seed, 3, low=10, high=90):
        x = rng.uniform(-1.0, 3.0) + rng.random(n) * rng.uniform(0.5, 3.0)
        z = standardised(x)
        y = rng.uniform(-2.0, 2.0) * z + rng.uniform(1.0, 3.0) + rng.normal(0.0, 0.3, n)
        v1, v0 = (round(float(v), 4) for v in rng.uniform(-3.0, 3.0, 2))
        cases.append((z, y, v1, v0))
    return cases


def step(z: np.ndarray, y: np.ndarray, v1: float, v0: float, eta: float) -> tuple[float, float]:
    """One step of gradient descent on E = ½·Σ(y − v1·z − v0)²."""
    residual = y - (v1 * z + v0)
    return v1 + eta * float(np.sum(residual * z)), v0 + eta * float(np.sum(residual))


def one_step_reference(z: np.ndarray, y: np.ndarray, v1: float, v0: float) -> tuple[float, float]:
    return step(z, y, v1, v0, 1 / len(z))


ONE_STEP_MISTAKES = (
    Mistake(
        "That is a step of η = 1, not 1/N: the gradient adds up N points, so η = 1/N turns the "
        "sums into means.",
        lambda z, y, v1, v0: step(z, y, v1, v0, 1.0),
    ),
    Mistake(
        "That is a step of η = 2/N, the critical rate of standardised inputs (H = N·I): it jumps "
        "to the other side of the minimum, as far as it started. η = 1/N lands on it.",
        lambda z, y, v1, v0: step(z, y, v1, v0, 2 / len(z)),
    ),
    Mistake(
        "That is a step of η = 1/N²: η = 1/N multiplies the gradient, a sum; dividing it by N "
        "once more makes the step N times too short.",
        lambda z, y, v1, v0: step(z, y, v1, v0, 1 / len(z) ** 2),
    ),
    Mistake(
        "It steps uphill: the gradient is −Σ(y − ŷ)·z (and −Σ(y − ŷ)), and the step goes "
        "against it, v − η·dE/dv.",
        lambda z, y, v1, v0: step(z, y, v1, v0, -1 / len(z)),
    ),
    Mistake(
        "It returns the step, not the new weights: add it to the start (v1, v0).",
        lambda z, y, v1, v0: tuple(
            new - old for new, old in zip(one_step_reference(z, y, v1, v0), (v1, v0), strict=True)
        ),
    ),
    Mistake(
        "Only v1 moved: v0 takes its step too, v0 + mean(y − ŷ).",
        lambda z, y, v1, v0: (one_step_reference(z, y, v1, v0)[0], v0),
    ),
    Mistake(
        "Only v0 moved: v1 takes its step too, v1 + mean((y − ŷ)·z).",
        lambda z, y, v1, v0: (v1, one_step_reference(z, y, v1, v0)[1]),
    ),
    Mistake(
        "The results are swapped: return (v1, v0), in that order.",
        lambda z, y, v1, v0: one_step_reference(z, y, v1, v0)[::-1],
    ),
    Mistake(
        "That is where one step lands on the notebook's standardised data: use the arguments "
        "`z` and `y`.",
        lambda z, y, v1, v0: one_step_reference(
            standardised(lesson_data().x), lesson_data().y, v1, v0
        ),
    ),
)

ONE_STEP = Exercise(
    name="one_step",
    cases=one_step_cases,
    judge=Judge(
        name="one_step",
        parameters=("z", "y", "v1", "v0"),
        reference=one_step_reference,
        result=Numbers(("the new v1", "the new v0"), example="return v1, v0"),
        rtol=1e-7,
        mistakes=ONE_STEP_MISTAKES,
        rule=(
            "One step of η = 1/N: v1 + mean((y − ŷ)·z), v0 + mean(y − ŷ), with ŷ = v1·z + v0 "
            "from the start."
        ),
        lesson_size=LESSON_SIZE,
    ),
    success=(
        "one_step is correct: with standardised inputs one step of η = 1/N lands on "
        "(mean(z·y), mean(y)), wherever it starts."
    ),
    forbidden=(
        "mlcourse.train",
        "mlcourse.least_squares",
        "mlcourse.kernels.least_squares",
    ),
    invites=NEURON_PIECES,
)


# original_weights -----------------------------------------------------------------------------


def original_weights_cases(seed: int) -> list[tuple]:
    """(v1, v0, mean, std): means away from 0, spreads away from 1."""
    rng = np.random.default_rng([seed, 7200])
    return [
        tuple(
            round(float(v), 4)
            for v in (
                rng.uniform(-3.0, 3.0),
                rng.uniform(-2.0, 4.0),
                rng.uniform(low, high),
                rng.uniform(spread_low, spread_high),
            )
        )
        for low, high, spread_low, spread_high in (
            (0.3, 2.0, 0.1, 0.6),
            (-4.0, -1.0, 1.5, 4.0),
            (2.0, 6.0, 0.2, 0.9),
        )
    ]


def original_weights_reference(v1: float, v0: float, mean: float, std: float) -> tuple:
    return v1 / std, v0 - v1 * mean / std


ORIGINAL_WEIGHTS_MISTAKES = (
    Mistake(
        "w1 = v1·std: ŷ = v1·(x − mean)/std + v0, so each unit of x is worth v1/std.",
        lambda v1, v0, m, s: (v1 * s, v0 - v1 * s * m),
    ),
    Mistake(
        "w1 is right, but w0 = v0: v1·(x − mean)/std also contributes −v1·mean/std to the "
        "intercept, w0 = v0 − v1·mean/std.",
        lambda v1, v0, m, s: (v1 / s, v0),
    ),
    Mistake(
        "w1 is right, but the shift of the intercept has the wrong sign: w0 = v0 − v1·mean/std.",
        lambda v1, v0, m, s: (v1 / s, v0 + v1 * m / s),
    ),
    Mistake(
        "w1 is right, but w0 = v0 − v1·mean forgets the division by std: w0 = v0 − v1·mean/std "
        "(that is v0 − w1·mean).",
        lambda v1, v0, m, s: (v1 / s, v0 - v1 * m),
    ),
    Mistake(
        "w0 is right, but w1 = v1: the standardised input is (x − mean)/std, so w1 = v1/std.",
        lambda v1, v0, m, s: (v1, v0 - v1 * m / s),
    ),
    Mistake(
        "It divides by std² (the variance): z = (x − mean)/std divides by the spread std once.",
        lambda v1, v0, m, s: (v1 / s**2, v0 - v1 * m / s**2),
    ),
    Mistake(
        "The results are swapped: return (w1, w0), the slope first.",
        lambda v1, v0, m, s: original_weights_reference(v1, v0, m, s)[::-1],
    ),
    Mistake(
        "It returns the standardised weights unchanged: they belong to z = (x − mean)/std, "
        "and the line in x has w1 = v1/std, w0 = v0 − v1·mean/std.",
        lambda v1, v0, m, s: (v1, v0),
    ),
)

ORIGINAL_WEIGHTS = Exercise(
    name="original_weights",
    cases=original_weights_cases,
    judge=Judge(
        name="original_weights",
        parameters=("v1", "v0", "mean", "std"),
        reference=original_weights_reference,
        result=Numbers(("w1", "w0"), example="return w1, w0"),
        mistakes=(
            *ORIGINAL_WEIGHTS_MISTAKES,
            *reordered_parameters(
                original_weights_reference,
                ("v1", "v0", "mean", "std"),
                probe=(1.3, -0.7, 2.9, 0.4),
                known=ORIGINAL_WEIGHTS_MISTAKES,
            ),
        ),
        rule=(
            "ŷ = v1·(x − mean)/std + v0 = (v1/std)·x + (v0 − v1·mean/std): "
            "w1 = v1/std, w0 = v0 − v1·mean/std."
        ),
    ),
    success="original_weights is correct: w1 = v1/std, w0 = v0 − v1·mean/std.",
    forbidden=("mlcourse.unstandardize_weights",),
)


# epochs_needed --------------------------------------------------------------------------------

MAX_EPOCHS = 100_000
"""The references give up here; no case comes near it."""


def epochs_needed_cases(seed: int) -> list[tuple]:
    """(eta, eigenvalues, excess, target), each needing tens to hundreds of epochs: η well below
    the critical rate (the fast direction dies early), just below and just above η* (both
    directions shrink at nearly one rate, so both count to the end: their excesses are of one
    size; the steep one oscillates),
    and near the critical rate (the steep direction is the slow one)."""
    rng = np.random.default_rng([seed, 7300])
    cases = []
    for position in ("low", "below η*", "above η*", "high"):
        smallest = rng.uniform(5.0, 40.0)
        # Near η* a long valley (κ ≥ 25): both directions then need enough epochs for the
        # smaller one to change the count by two or more.
        near = position in ("below η*", "above η*")
        largest = smallest * (rng.uniform(25.0, 60.0) if near else rng.uniform(4.0, 25.0))
        fastest = 2 / (smallest + largest)
        eta = {
            "low": rng.uniform(0.3, 0.4) * 2 / largest,
            "below η*": rng.uniform(0.996, 0.999) * fastest,
            "above η*": rng.uniform(1.001, 1.004) * fastest,
            "high": rng.uniform(0.96, 0.98) * 2 / largest,
        }[position]
        first = rng.uniform(20.0, 200.0)
        excess = np.array([first, first * rng.uniform(0.5, 2.0)])
        target = round(float(rng.uniform(0.002, 0.02) * excess.sum()), 6)
        cases.append(
            (
                round(float(eta), 8),
                np.round(np.array([smallest, largest]), 4),
                np.round(excess, 4),
                target,
            )
        )
    return cases


def first_epoch(shrinking: Callable[[int], float], target: float) -> int:
    """The first k ≥ 0 with shrinking(k) ≤ target."""
    for k in range(MAX_EPOCHS):
        if shrinking(k) <= target:
            return k
    raise ValueError("no epoch reaches the target")


def excess_after(
    k: int, eta: float, lambdas: np.ndarray, excess: np.ndarray, power: int = 2
) -> float:
    """Σ excess_i·(1 − η·λ_i)^(power·k): E − E* after k updates (power 2)."""
    return float(np.sum(excess * (1 - eta * lambdas) ** (power * k)))


def epochs_needed_reference(
    eta: float, lambdas: np.ndarray, excess: np.ndarray, target: float
) -> int:
    return first_epoch(lambda k: excess_after(k, eta, lambdas, excess), target)


def slowest(eta: float, lambdas: np.ndarray) -> int:
    """The index of the direction with the largest |1 − η·λ|."""
    return int(np.argmax(np.abs(1 - eta * lambdas)))


def bound(eta: float, lambdas: np.ndarray, excess: np.ndarray, target: float) -> float:
    """log(target/ΣE)/log(ρ²), with ρ the largest |1 − η·λ|: the whole excess at the slowest
    rate."""
    factor = np.max(np.abs(1 - eta * lambdas))
    return float(np.log(target / np.sum(excess)) / np.log(factor**2))


EPOCHS_NEEDED = Exercise(
    name="epochs_needed",
    cases=epochs_needed_cases,
    judge=Judge(
        name="epochs_needed",
        parameters=("eta", "eigenvalues", "excess", "target"),
        reference=epochs_needed_reference,
        result=Count("epochs"),
        mistakes=(
            Mistake(
                "It shrinks E − E* by |1 − ηλ| per epoch: that is what the distance along each "
                "eigenvector does; E − E* = ½·λ·c² is quadratic in it and shrinks by "
                "(1 − ηλ)².",
                lambda eta, lam, ex, t: first_epoch(
                    lambda k: float(np.sum(ex * np.abs(1 - eta * lam) ** k)), t
                ),
            ),
            Mistake(
                "It shrinks E − E* by (1 − ηλ) per epoch: the distance along each eigenvector "
                "shrinks by (1 − ηλ), E − E* = ½·λ·c² by its square, (1 − ηλ)².",
                lambda eta, lam, ex, t: first_epoch(
                    lambda k: excess_after(k, eta, lam, ex, power=1), t
                ),
            ),
            Mistake(
                "That is one epoch too many: epoch 0 is the start, before any update, and "
                "E − E* after k updates is Σ excess·(1 − ηλ)^(2k). Return the first k that "
                "reaches the target.",
                lambda eta, lam, ex, t: epochs_needed_reference(eta, lam, ex, t) + 1,
            ),
            Mistake(
                "That is one epoch too few: return the first k with "
                "Σ excess·(1 − ηλ)^(2k) ≤ target (epoch 0 is the start).",
                lambda eta, lam, ex, t: epochs_needed_reference(eta, lam, ex, t) - 1,
            ),
            Mistake(
                "It follows only the slowest direction (the largest |1 − ηλ|): E − E* is the sum "
                "over both directions, each shrinking at its own rate.",
                lambda eta, lam, ex, t: first_epoch(
                    lambda k: (
                        float(ex[slowest(eta, lam)]) * (1 - eta * lam[slowest(eta, lam)]) ** (2 * k)
                    ),
                    t,
                ),
            ),
            Mistake(
                "It follows only the direction of λ_min: E − E* is the sum over both directions "
                "(past η* the steep one, λ_max, is the slower).",
                lambda eta, lam, ex, t: first_epoch(
                    lambda k: float(ex[0]) * (1 - eta * lam[0]) ** (2 * k), t
                ),
            ),
            Mistake(
                "It shrinks the whole excess at the slowest rate ρ² = max(1 − ηλ)²: that is an "
                "upper bound, not the count. Add the directions, each at its own rate.",
                lambda eta, lam, ex, t: first_epoch(
                    lambda k: float(np.sum(ex)) * np.max(np.abs(1 - eta * lam)) ** (2 * k), t
                ),
            ),
            Mistake(
                "That is log(target/ΣE)/log(ρ²), the whole excess at the slowest rate, not even "
                "rounded: an upper bound. Add the directions, each at its own rate, and count "
                "whole epochs.",
                bound,
            ),
        ),
        rule=(
            "E − E* after k updates is Σ excess_i·(1 − η·λ_i)^(2k): return the first k ≥ 0 "
            "where it is at most `target`."
        ),
    ),
    success=(
        "epochs_needed is correct: E − E* = Σ ½·λ·c²·(1 − ηλ)^(2k) predicts the epochs before "
        "training runs."
    ),
)


def check_condition_number(condition_number: Callable, seed: int = 0) -> None:
    """Exercise 6.1: ``condition_number(x)`` = λ_max/λ_min of the SSE Hessian."""
    CONDITION_NUMBER.check(condition_number, seed)


def check_one_step(one_step: Callable, seed: int = 0) -> None:
    """Exercise 6.2: ``one_step(z, y, v1, v0)``, the weights after one step of η = 1/N on
    standardised inputs z."""
    ONE_STEP.check(one_step, seed)


def check_original_weights(original_weights: Callable, seed: int = 0) -> None:
    """Exercise 6.3: ``original_weights(v1, v0, mean, std)``, the line in x of the standardised
    weights."""
    ORIGINAL_WEIGHTS.check(original_weights, seed)


def check_epochs_needed(epochs_needed: Callable, seed: int = 0) -> None:
    """Exercise 6.4: ``epochs_needed(eta, eigenvalues, excess, target)``, the first epoch where
    E − E* is at most the target."""
    EPOCHS_NEEDED.check(epochs_needed, seed)
