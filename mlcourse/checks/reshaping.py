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
from typing import Any

import numpy as np

import mlcourse
from mlcourse.checks.cases import LESSON_SIZE, lesson_data, sizes
from mlcourse.checks.hessians import derived, eigenvalues, hessian
from mlcourse.checks.judging import (
    Count,
    Judge,
    Mistake,
    Number,
    Numbers,
    Step,
    chained,
    reordered_parameters,
)
from mlcourse.checks.learning_rate import REFERENCES
from mlcourse.checks.training import NEURON_PIECES
from mlcourse.feedback import Exercise

# condition_number -----------------------------------------------------------------------------


def condition_number_cases(seed: int) -> list[tuple]:
    """Inputs uniform on [0, s), far from 0, nearly centred, and small: κ from about 2 to
    thousands; two with Σx² > N and two with N > Σx² (np.linalg.eig gives the eigenvalues of
    their H in opposite orders, so an answer that trusts its order shows)."""
    rng = np.random.default_rng([seed, 7000])
    first, second, third, fourth = sizes(seed, 4, low=10, high=150)
    return [
        (rng.random(first) * rng.uniform(2.2, 3.0),),
        (rng.uniform(2.0, 4.0) + rng.random(second) * rng.uniform(0.5, 1.5),),
        (rng.uniform(-0.3, -0.1) + rng.random(third) * rng.uniform(0.4, 0.8),),
        (rng.random(fourth) * rng.uniform(0.5, 0.9),),
    ]


def ratio(matrix: np.ndarray) -> float:
    """λ_max/λ_min of a symmetric 2×2 matrix."""
    smallest, largest = eigenvalues(matrix)
    return float(largest / smallest)


def condition_number_reference(x: np.ndarray) -> float:
    return mlcourse.condition_number(x)


CONDITION_FORMULAS = (
    Step("", "", lambda low, high: high / low),
    Step(
        "upside-down",
        "it computes λ_min/λ_max, upside down: κ = λ_max/λ_min is at least 1",
        lambda low, high: low / high,
    ),
    Step(
        "root",
        "it takes the square root of λ_max/λ_min, √κ: that is the ratio of the singular values "
        "of X = [x, 1] (what np.linalg.cond gives for X), which H = XᵀX squares; κ = "
        "λ_max/λ_min of H",
        lambda low, high: np.sqrt(high / low),
    ),
    Step(
        "lambda-max",
        "it returns λ_max alone: κ is the ratio λ_max/λ_min",
        lambda low, high: high,
    ),
    Step(
        "difference",
        "it subtracts the eigenvalues: κ is their ratio, λ_max/λ_min",
        lambda low, high: high - low,
    ),
    Step(
        "convergence-factor",
        "it returns (κ − 1)/(κ + 1), the factor by which the error shrinks per step at the best "
        "rate: κ itself is λ_max/λ_min",
        lambda low, high: (high / low - 1) / (high / low + 1),
    ),
    Step(
        "frobenius",
        "it computes the condition number in the Frobenius norm (np.linalg.cond(H, 'fro')), "
        "κ + 1/κ: the condition number of the valley is the ratio of the eigenvalues, "
        "np.linalg.cond(H) with its default norm",
        lambda low, high: high / low + low / high,
    ),
)
"""The formulas an answer may apply to (λ_min, λ_max) for κ, the right one first."""

CONDITION_NUMBER = Exercise(
    name="condition_number",
    cases=condition_number_cases,
    judge=Judge(
        name="condition_number",
        failing_warnings=(),
        parameters=("x",),
        reference=condition_number_reference,
        result=Number(),
        rtol=1e-6,
        mistakes=(
            Mistake(
                "eigenvalues",
                "It returns the two eigenvalues themselves: κ is their ratio, λ_max/λ_min.",
                lambda x: eigenvalues(hessian(x)),
            ),
            Mistake(
                "lesson-data",
                "It returns κ of the notebook's data.x, whatever `x` it is given: use the "
                "argument `x`.",
                lambda x: ratio(hessian(lesson_data().x)),
            ),
            derived(CONDITION_FORMULAS),
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


STEP_SIZES = (
    Step("", "", lambda n: 1 / n),
    Step(
        "eta-one",
        "it takes a step of η = 1, not 1/N: the gradient adds up N points, so η = 1/N turns the "
        "sums into means",
        lambda n: 1.0,
    ),
    Step(
        "eta-two-over-n",
        "it takes a step of η = 2/N (or keeps the 2 of the square in the gradient, which the ½ "
        "of E cancels): 2/N is the critical rate of standardised inputs (H = N·I), which jumps "
        "to the other side of the minimum, as far as it started; η = 1/N lands on it",
        lambda n: 2 / n,
    ),
    Step(
        "eta-half",
        "it takes half the step, η = 1/(2N) (or keeps a ½ in the gradient: the ½ of E cancels "
        "the 2 of the square): η = 1/N lands on the minimum",
        lambda n: 1 / (2 * n),
    ),
    Step(
        "eta-over-n-squared",
        "it takes a step of η = 1/N²: η = 1/N multiplies the gradient, a sum; dividing it by N "
        "once more makes the step N times too short",
        lambda n: 1 / n**2,
    ),
    Step(
        "eta-n-minus-one",
        "it takes a step of η = 1/(N − 1): standardised with np.std, which divides by N, the "
        "inputs have H = N·I exactly, and η = 1/N lands on the minimum (N − 1 belongs to "
        "estimating a spread, not here)",
        lambda n: 1 / (n - 1),
    ),
    Step(
        "uphill",
        "it steps uphill: the gradient is −Σ(y − ŷ)·z (and −Σ(y − ŷ)), and the step goes "
        "against it, v − η·dE/dv",
        lambda n: -1 / n,
    ),
    Step(
        "mse-gradient",
        "it steps along the gradient of the mean squared error, −(2/N)·Σ(y − ŷ)·z, with η = "
        "1/N: that is 2/N² times the SSE's gradient; with the SSE's gradient, η = 1/N lands on "
        "the minimum",
        lambda n: 2 / n**2,
    ),
    Step(
        "lesson-size",
        f"it takes η = 1/{LESSON_SIZE}, the lesson's 1/N, whatever the number of points it is "
        f"given: η = 1/N with N = len(z)",
        lambda n: 1 / LESSON_SIZE,
    ),
    Step(
        "integer-division",
        "η = 1 // N is 0 in Python (// divides whole numbers and rounds down), so the weights "
        "do not move: write 1 / N",
        lambda n: 0.0,
    ),
)
"""The step sizes an answer may take, the right one first."""

STEP_RESULTS = (
    Step("", "", lambda new, old: new),
    Step(
        "step-only",
        "it returns the step, not the new weights: add it to the start (v1, v0)",
        lambda new, old: (new[0] - old[0], new[1] - old[1]),
    ),
    Step(
        "only-v1",
        "only v1 moves: v0 takes its step too, v0 + η·Σ(y − ŷ)",
        lambda new, old: (new[0], old[1]),
    ),
    Step(
        "only-v0",
        "only v0 moves: v1 takes its step too, v1 + η·Σ(y − ŷ)·z",
        lambda new, old: (old[0], new[1]),
    ),
    Step(
        "swapped-results",
        "the results are swapped: return (v1, v0), in that order",
        lambda new, old: new[::-1],
    ),
)
"""What an answer may return of the step, the right thing first."""


def stepped(choices: tuple[Step, Step], z: np.ndarray, y: np.ndarray, v1: float, v0: float) -> Any:
    size, returned = choices
    return returned.apply(step(z, y, v1, v0, size.apply(len(z))), (v1, v0))


ONE_STEP_MISTAKES = (
    Mistake(
        "sums-for-means",
        "It returns (Σz·y, Σy), sums where the landing point has means: one step of η = 1/N "
        "lands on (mean(z·y), mean(y)).",
        lambda z, y, v1, v0: (float(np.sum(z * y)), float(np.sum(y))),
    ),
    Mistake(
        "restandardised",
        "It standardises z again, with the sample spread (ddof=1): z is standardised already, "
        "and the weights it returns must be those of the z it is given. Step on z itself.",
        lambda z, y, v1, v0: one_step_reference((z - z.mean()) / z.std(ddof=1), y, v1, v0),
    ),
    Mistake(
        "lesson-data",
        "That is where one step lands on the notebook's standardised data: use the arguments "
        "`z` and `y`.",
        lambda z, y, v1, v0: one_step_reference(
            standardised(lesson_data().x), lesson_data().y, v1, v0
        ),
    ),
    chained(
        (STEP_SIZES, STEP_RESULTS),
        stepped,
        (
            (np.array([-1.2, 0.0, 1.2]), np.array([0.5, 2.0, 1.0]), 0.3, -0.7),
            (np.array([-1.0, -1.0, 1.0, 1.0]), np.array([1.0, 3.0, 2.5, 0.5]), 1.5, 0.2),
        ),
    ),
)

ONE_STEP = Exercise(
    name="one_step",
    cases=one_step_cases,
    judge=Judge(
        name="one_step",
        failing_warnings=(),
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
        "weights-unstandardised",
        "It undoes the standardisation on the weights, v·std + mean, as if they were inputs: "
        "it is x that was standardised. Write ŷ = v1·(x − mean)/std + v0 as w1·x + w0: "
        "w1 = v1/std, w0 = v0 − v1·mean/std.",
        lambda v1, v0, m, s: (v1 * s + m, v0 * s + m),
    ),
    Mistake(
        "times-std",
        "w1 = v1·std: ŷ = v1·(x − mean)/std + v0, so each unit of x is worth v1/std.",
        lambda v1, v0, m, s: (v1 * s, v0 - v1 * s * m),
    ),
    Mistake(
        "intercept-unshifted",
        "w1 is right, but w0 = v0: v1·(x − mean)/std also contributes −v1·mean/std to the "
        "intercept, w0 = v0 − v1·mean/std.",
        lambda v1, v0, m, s: (v1 / s, v0),
    ),
    Mistake(
        "shift-sign",
        "w1 is right, but the shift of the intercept has the wrong sign: w0 = v0 − v1·mean/std.",
        lambda v1, v0, m, s: (v1 / s, v0 + v1 * m / s),
    ),
    Mistake(
        "shift-not-divided",
        "w1 is right, but w0 = v0 − v1·mean forgets the division by std: w0 = v0 − v1·mean/std "
        "(that is v0 − w1·mean).",
        lambda v1, v0, m, s: (v1 / s, v0 - v1 * m),
    ),
    Mistake(
        "only-slope-unscaled",
        "w0 is right, but w1 = v1: the standardised input is (x − mean)/std, so w1 = v1/std.",
        lambda v1, v0, m, s: (v1, v0 - v1 * m / s),
    ),
    Mistake(
        "variance",
        "It divides by std² (the variance): z = (x − mean)/std divides by the spread std once.",
        lambda v1, v0, m, s: (v1 / s**2, v0 - v1 * m / s**2),
    ),
    Mistake(
        "swapped-results",
        "The results are swapped: return (w1, w0), the slope first.",
        lambda v1, v0, m, s: original_weights_reference(v1, v0, m, s)[::-1],
    ),
    Mistake(
        "unchanged",
        "It returns the standardised weights unchanged: they belong to z = (x − mean)/std, "
        "and the line in x has w1 = v1/std, w0 = v0 − v1·mean/std.",
        lambda v1, v0, m, s: (v1, v0),
    ),
)

SLOPES = (
    Step("", "", lambda v1, s: v1 / s),
    Step("times-std", "w1 = v1·std: each unit of x is worth v1/std", lambda v1, s: v1 * s),
    Step("slope-unscaled", "w1 = v1: the standardised input is (x − mean)/std", lambda v1, s: v1),
    Step(
        "variance",
        "it divides by std² (the variance): z = (x − mean)/std divides by std once",
        lambda v1, s: v1 / s**2,
    ),
)
"""The slopes an answer may take, the right one first."""

INTERCEPTS = (
    Step("", "", lambda v0, w1, v1, m, s: v0 - w1 * m),
    Step(
        "intercept-unshifted",
        "w0 = v0: v1·(x − mean)/std also contributes −v1·mean/std to the intercept",
        lambda v0, w1, v1, m, s: v0,
    ),
    Step(
        "shift-sign",
        "the shift of the intercept has the wrong sign: w0 = v0 − w1·mean",
        lambda v0, w1, v1, m, s: v0 + w1 * m,
    ),
    Step(
        "shift-not-divided",
        "w0 = v0 − v1·mean forgets the division by std: w0 = v0 − v1·mean/std",
        lambda v0, w1, v1, m, s: v0 - v1 * m,
    ),
    Step(
        "shift-without-v1",
        "w0 = v0 − mean/std leaves out v1: the shift is v1 times −mean/std, w0 = v0 − v1·mean/std",
        lambda v0, w1, v1, m, s: v0 - m / s,
    ),
    Step(
        "intercept-standardised",
        "w0 = (v0 − mean)/std standardises the intercept as if it were an input: only x is "
        "standardised, so w0 = v0 − v1·mean/std",
        lambda v0, w1, v1, m, s: (v0 - m) / s,
    ),
    Step(
        "shift-divided-twice",
        "w0 = v0 − w1·mean/std divides by std twice (w1 = v1/std has been divided already): "
        "w0 = v0 − w1·mean",
        lambda v0, w1, v1, m, s: v0 - w1 * m / s,
    ),
)
"""The intercepts an answer may take from its slope w1, the right one first."""

ORDERS = (
    Step("", "", lambda w: w),
    Step(
        "swapped-results",
        "the results are swapped: return (w1, w0), the slope first",
        lambda w: w[::-1],
    ),
)


def unstandardised(
    choices: tuple[Step, Step, Step], v1: float, v0: float, m: float, s: float
) -> Any:
    slope, intercept, order = choices
    w1 = slope.apply(v1, s)
    return order.apply((w1, intercept.apply(v0, w1, v1, m, s)))


ORIGINAL_WEIGHTS_MISTAKES = (
    *ORIGINAL_WEIGHTS_MISTAKES,
    chained(
        (SLOPES, INTERCEPTS, ORDERS),
        unstandardised,
        ((1.3, -0.7, 2.9, 0.4), (-2.1, 0.6, -1.7, 2.3)),
        known=ORIGINAL_WEIGHTS_MISTAKES,
    ),
)

ORIGINAL_WEIGHTS = Exercise(
    name="original_weights",
    cases=original_weights_cases,
    judge=Judge(
        name="original_weights",
        failing_warnings=(),
        parameters=("v1", "v0", "mean", "std"),
        reference=original_weights_reference,
        result=Numbers(("w1", "w0"), example="return w1, w0"),
        mistakes=(
            *ORIGINAL_WEIGHTS_MISTAKES,
            reordered_parameters(
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
    """(eta, eigenvalues, excess, target): four that need tens to hundreds of epochs, then four
    at the edges the prompt names (:func:`edge_cases`).

    The first four: η well below the critical rate (the fast direction dies early), just below
    and just above η* (both directions shrink at nearly one rate, so both count to the end:
    their excesses are of one size; the steep one oscillates), and near the critical rate (the
    steep direction is the slow one)."""
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
    return cases + edge_cases(rng)


def edge_cases(rng: np.random.Generator) -> list[tuple]:
    """Four cases at the edges of "the first epoch k ≥ 0 with E_k − E* ≤ target": the start
    already within the target (once exactly on it, once below it: the answer is 0), and twice
    E_k − E* landing exactly on the target at some k ≥ 2 (≤ stops there, < one epoch later).

    Every number is a small dyadic fraction (η = 1/8, λ whole numbers, excess whole numbers,
    k ≤ 6), so that E_k − E* is exact in floating point however an answer computes it (a power,
    or one factor per epoch): landing on the target is landing on it for every right answer."""
    cases = []
    for landing in (0, 0, int(rng.integers(2, 5)), int(rng.integers(5, 7))):
        # |1 − λ/8| of 1/8 to 7/8: both directions shrink, one of them oscillating.
        smallest = int(rng.integers(1, 4))
        largest = int(rng.choice([5, 6, 7, 9, 10, 11, 12, 13]))
        eigenvalues = np.array([smallest, largest], dtype=float)
        excess = rng.integers(8, 100, 2).astype(float)
        target = excess_after(landing, EDGE_ETA, eigenvalues, excess)
        if len(cases) == 1:
            target *= 1.5  # above the start's excess: already there, not by landing on it
        cases.append((EDGE_ETA, eigenvalues, excess, target))
    return cases


EDGE_ETA = 0.125
"""The rate of the edge cases: 1/8, so that every 1 − η·λ is exact."""


def first_epoch(shrinking: Callable[[int], float], target: float, below: bool = False) -> int:
    """The first k ≥ 0 with shrinking(k) ≤ target (< target when ``below``)."""
    for k in range(MAX_EPOCHS):
        if shrinking(k) < target or (shrinking(k) == target and not below):
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
        failing_warnings=(),
        parameters=("eta", "eigenvalues", "excess", "target"),
        reference=epochs_needed_reference,
        result=Count("epochs"),
        mistakes=(
            Mistake(
                "distance-factor",
                "It shrinks E − E* by |1 − ηλ| per epoch: that is what the distance along each "
                "eigenvector does; E − E* = ½·λ·c² is quadratic in it and shrinks by "
                "(1 − ηλ)².",
                lambda eta, lam, ex, t: first_epoch(
                    lambda k: float(np.sum(ex * np.abs(1 - eta * lam) ** k)), t
                ),
            ),
            Mistake(
                "signed-factor",
                "It shrinks E − E* by (1 − ηλ) per epoch: the distance along each eigenvector "
                "shrinks by (1 − ηλ), E − E* = ½·λ·c² by its square, (1 − ηλ)².",
                lambda eta, lam, ex, t: first_epoch(
                    lambda k: excess_after(k, eta, lam, ex, power=1), t
                ),
            ),
            Mistake(
                "one-too-many",
                "That is one epoch too many: epoch 0 is the start, before any update, and "
                "E − E* after k updates is Σ excess·(1 − ηλ)^(2k). Return the first k that "
                "reaches the target.",
                lambda eta, lam, ex, t: epochs_needed_reference(eta, lam, ex, t) + 1,
            ),
            Mistake(
                "counts-from-one",
                "It never returns 0: when the start is already within the target "
                "(E_0 − E* ≤ target), the answer is epoch 0, before any update. Count from "
                "k = 0.",
                lambda eta, lam, ex, t: max(1, epochs_needed_reference(eta, lam, ex, t)),
            ),
            Mistake(
                "below-target",
                "It waits until E_k − E* is below the target: the first epoch asked for is the "
                "one where it is at most the target (≤), so landing exactly on the target "
                "counts.",
                lambda eta, lam, ex, t: first_epoch(
                    lambda k: excess_after(k, eta, lam, ex), t, below=True
                ),
            ),
            Mistake(
                "counts-from-one+below-target",
                "Two mistakes: it never returns 0 (when the start is already within the target "
                "the answer is epoch 0); and it waits until E_k − E* is below the target, where "
                "the prompt asks for at most the target (≤).",
                lambda eta, lam, ex, t: max(
                    1, first_epoch(lambda k: excess_after(k, eta, lam, ex), t, below=True)
                ),
            ),
            Mistake(
                "one-too-few",
                "That is one epoch too few (the last epoch above the target): return the first "
                "k with Σ excess·(1 − ηλ)^(2k) ≤ target (epoch 0 is the start).",
                lambda eta, lam, ex, t: max(0, epochs_needed_reference(eta, lam, ex, t) - 1),
            ),
            Mistake(
                "slowest-only",
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
                "lambda-min-only",
                "It follows only the direction of λ_min: E − E* is the sum over both directions "
                "(past η* the steep one, λ_max, is the slower).",
                lambda eta, lam, ex, t: first_epoch(
                    lambda k: float(ex[0]) * (1 - eta * lam[0]) ** (2 * k), t
                ),
            ),
            Mistake(
                "bound",
                "It shrinks the whole excess at the slowest rate ρ² = max(1 − ηλ)²: that is an "
                "upper bound, not the count. Add the directions, each at its own rate.",
                lambda eta, lam, ex, t: first_epoch(
                    lambda k: float(np.sum(ex)) * np.max(np.abs(1 - eta * lam)) ** (2 * k), t
                ),
            ),
            Mistake(
                "each-direction-alone",
                "It waits until each direction is within the target on its own (the largest of "
                "the directions' counts): the target is for their sum, E − E* = Σ "
                "excess_i·(1 − ηλ_i)^(2k).",
                lambda eta, lam, ex, t: max(
                    first_epoch(
                        lambda k, i=i: excess_after(k, eta, lam[i : i + 1], ex[i : i + 1]), t
                    )
                    for i in range(len(lam))
                ),
            ),
            Mistake(
                "directions-added",
                "It adds the directions' counts, as if they settled one after the other: both "
                "shrink at the same time, each at its own rate, and the target is for their "
                "sum, the first k with Σ excess_i·(1 − ηλ_i)^(2k) ≤ target.",
                lambda eta, lam, ex, t: int(
                    np.sum(np.ceil(np.log(t / ex) / np.log((1 - eta * lam) ** 2)))
                ),
            ),
            Mistake(
                "lambda-min-bound",
                "It shrinks the whole excess at λ_min's rate, (1 − ηλ_min)² per epoch: past η* "
                "the steep direction is the slower, and each direction shrinks at its own rate. "
                "Add them, Σ excess_i·(1 − ηλ_i)^(2k).",
                lambda eta, lam, ex, t: first_epoch(
                    lambda k: float(np.sum(ex)) * (1 - eta * float(np.min(lam))) ** (2 * k), t
                ),
            ),
            Mistake(
                "excess-as-distance",
                "It takes `excess` for the distances c and turns them into ½·λ·c²: `excess` is "
                "already each direction's starting E − E*, ½·λ·c².",
                lambda eta, lam, ex, t: epochs_needed_reference(eta, lam, 0.5 * lam * ex**2, t),
            ),
            Mistake(
                "relative-target",
                "It reads `target` as a fraction of the starting excess: it is E − E* itself, "
                "the first k with Σ excess_i·(1 − ηλ_i)^(2k) ≤ target.",
                lambda eta, lam, ex, t: epochs_needed_reference(eta, lam, ex, t * np.sum(ex)),
            ),
            Mistake(
                "brackets",
                "1 - eta * lam ** (2 * k) raises λ alone to the power: the factor is "
                "(1 - eta * lam) ** (2 * k), brackets first.",
                lambda eta, lam, ex, t: first_epoch(
                    lambda k: float(np.sum(ex * (1 - eta * lam ** (2 * k)))), t
                ),
            ),
            Mistake(
                "bound-formula",
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
