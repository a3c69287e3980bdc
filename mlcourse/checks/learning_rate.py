"""Checks of lesson 5, the learning rate: ``critical_rate``, ``fastest_rate`` and
``largest_stable_n``.

Both come from the eigenvalues of the SSE Hessian H = [[Σx², Σx], [Σx, N]]. The mistakes are a
wrong H (that of the MSE, without its off-diagonal terms, twice too big, with 1 for N, (Σx)² for
Σx²) or a wrong formula on the right eigenvalues; the results of the wrong formulas are
recomputed from the learner's possible H, so each mistake is one line.

``largest_stable_n`` predicts from the inputs' moments E[x] and E[x²] alone: H ≈ n·[[E[x²], E[x]],
[E[x], 1]], so λ_max ≈ n·ℓ with ℓ the largest eigenvalue of that per-point matrix, and η converges
for n < 2/(η·ℓ). Its mistakes are the same wrong matrices and formulas, and the rounding of the
boundary to a whole number of points.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

import mlcourse
from mlcourse.checks.cases import LESSON_SIZE, lesson_data, sizes
from mlcourse.checks.hessians import EIG_ORDER, derived, eigenvalues, hessian
from mlcourse.checks.judging import (
    Count,
    Judge,
    Mistake,
    Number,
    Step,
    chained,
    reordered_parameters,
)
from mlcourse.feedback import Exercise

REFERENCES = (
    "mlcourse.critical_learning_rate",
    "mlcourse.fastest_learning_rate",
    "mlcourse.eigenvalues",
    "mlcourse.hessian",
)
"""An answer may use none of them: they are the exercises' answers, or most of them."""


def rate_cases(seed: int) -> list[tuple]:
    """Four sets of inputs (never 200 of them): two whose Σx² exceeds N and two whose N exceeds
    Σx² (np.linalg.eig gives the eigenvalues of their H in opposite orders, so an answer that
    trusts its order shows), from tens to a thousand points."""
    rng = np.random.default_rng([seed, 6000])
    n_small, n_medium, n_other = sizes(seed, 3, low=10, high=120)
    return [
        (rng.random(n) * scale + shift,)
        for n, scale, shift in (
            (n_small, rng.uniform(2, 4), 0.0),
            (n_medium, rng.uniform(0.5, 1.0), rng.uniform(-0.5, 0.0)),
            (int(rng.integers(500, 1500)), rng.uniform(0.3, 1.0), 0.0),
            (n_other, rng.uniform(1.5, 2.5), rng.uniform(0.5, 1.0)),
        )
    ]


EIGENVECTORS = (
    "A 2×2 array has the shape of H and of its eigenvectors (np.linalg.eig returns the "
    "eigenvalues and the eigenvectors, in that order; np.linalg.eigvalsh only the eigenvalues): "
    "the rate needs the eigenvalues."
)


def lesson_rate(rate: Callable[[float, float], float]) -> Mistake:
    return Mistake(
        "lesson-data",
        "It returns the rate of the notebook's data.x, whatever `x` it is given: use the "
        "argument `x`.",
        lambda x: rate(*eigenvalues(hessian(lesson_data().x))),
    )


CRITICAL_FORMULAS = (
    Step("", "", lambda low, high: 2 / high),
    Step(
        "one-over-max",
        "it computes 1/λ_max, half the critical rate: the 2 of 2/λ is missing (the step "
        "diverges once |1 − η·λ| > 1, that is η > 2/λ)",
        lambda low, high: 1 / high,
    ),
    Step(
        "two-over-min",
        "it uses λ_min: the largest eigenvalue is the first to blow up, so the critical rate is "
        "2/λ_max (np.linalg.eigvalsh sorts them in ascending order: [0] is λ_min, [-1] λ_max)",
        lambda low, high: 2 / low,
    ),
    Step(
        "upside-down",
        "it computes λ_max/2, upside down: η_crit = 2/λ_max",
        lambda low, high: high / 2,
    ),
    Step(
        "trace",
        "it divides 2 by λ_min + λ_max, the trace of H (Σx² + N), which is more than λ_max: "
        "2/(λ_min + λ_max) is the fastest rate of exercise 5.3; the critical rate is 2/λ_max",
        lambda low, high: 2 / (low + high),
    ),
    Step(
        "two-over-mean",
        "it divides 2 by the mean of the eigenvalues: the critical rate divides 2 by λ_max",
        lambda low, high: 4 / (low + high),
    ),
    Step(
        "frobenius",
        "it divides 2 by √(λ_min² + λ_max²), the Frobenius norm of H (np.linalg.norm(H)): the "
        "critical rate divides 2 by λ_max, the largest eigenvalue (np.linalg.norm(H, 2))",
        lambda low, high: 2 / np.hypot(low, high),
    ),
)
"""The formulas an answer may apply to (λ_min, λ_max) for the critical rate, the right one
first."""

CRITICAL_RATE = Exercise(
    name="critical_rate",
    cases=rate_cases,
    judge=Judge(
        name="critical_rate",
        failing_warnings=(),
        parameters=("x",),
        reference=lambda x: mlcourse.critical_learning_rate(x),
        result=Number(),
        rtol=1e-6,
        mistakes=(
            Mistake(
                "both-rates",
                "It returns 2/λ for both eigenvalues: the critical rate is one number, 2/λ_max "
                "(take the largest eigenvalue first, with .max()).",
                lambda x: 2 / eigenvalues(hessian(x)),
            ),
            Mistake(
                "eigenvalues",
                "It returns the two eigenvalues themselves: the critical rate is 2/λ_max, with "
                "λ_max their maximum.",
                lambda x: eigenvalues(hessian(x)),
            ),
            Mistake(
                "eig-pair",
                "It returns what np.linalg.eig returns, the eigenvalues and the eigenvectors: "
                "the rate is 2/λ_max, from the eigenvalues, np.linalg.eig(H)[0].",
                lambda x: tuple(np.linalg.eig(hessian(x))),
            ),
            Mistake(
                "eigenvector-entry",
                "It divides 2 by the largest entry of H's eigenvectors: np.linalg.eigh returns "
                "the eigenvalues and the eigenvectors, in that order, so [1] is the "
                "eigenvectors; the rate is 2/λ_max, from the eigenvalues, np.linalg.eigh(H)[0].",
                lambda x: 2 / np.max(np.linalg.eigh(hessian(x))[1]),
            ),
            Mistake(
                "entries",
                "It divides 2 by each entry of H: the rate comes from H's largest eigenvalue, "
                "2/λ_max.",
                lambda x: 2 / hessian(x),
            ),
            lesson_rate(CRITICAL_FORMULAS[0].apply),
            derived(CRITICAL_FORMULAS),
        ),
        rule="η_crit = 2/λ_max, with λ_max the largest eigenvalue of H = [[Σx², Σx], [Σx, N]].",
        shape_hints=(
            (
                (2,),
                "Two values, like the two eigenvalues: the critical rate is one number, "
                "2/λ_max, so take the largest eigenvalue with .max().",
            ),
            ((2, 2), EIGENVECTORS),
        ),
        lesson_size=LESSON_SIZE,
    ),
    success="critical_rate is correct: η_crit = 2/λ_max.",
    forbidden=REFERENCES,
)


FASTEST_FORMULAS = (
    Step("", "", lambda low, high: 2 / (low + high)),
    Step(
        "critical-rate",
        "it computes the critical rate 2/λ_max: at it the steepest direction never settles; "
        "η* = 2/(λ_min + λ_max) balances the two directions",
        lambda low, high: 2 / high,
    ),
    Step(
        "one-over-sum",
        "it computes 1/(λ_min + λ_max), half of η*: the factor 2 is missing (1 − ηλ_min = "
        "−(1 − ηλ_max) gives η·(λ_min + λ_max) = 2)",
        lambda low, high: 1 / (low + high),
    ),
    Step(
        "two-over-min",
        "it computes 2/λ_min, far beyond the cliff: η* = 2/(λ_min + λ_max)",
        lambda low, high: 2 / low,
    ),
    Step(
        "two-over-mean",
        "it computes 2/mean(λ) = 4/(λ_min + λ_max), twice η*: divide 2 by the sum of the "
        "eigenvalues, not by their mean",
        lambda low, high: 2 / ((low + high) / 2),
    ),
    Step(
        "mean-of-rates",
        "it takes the mean of 2/λ_min and 2/λ_max: η* = 2/(λ_min + λ_max) divides by the sum "
        "of the eigenvalues",
        lambda low, high: (2 / low + 2 / high) / 2,
    ),
    Step(
        "difference",
        "it divides 2 by λ_max − λ_min: 1 − ηλ_min = −(1 − ηλ_max) gives η·(λ_min + λ_max) = 2, "
        "a sum (check the signs)",
        lambda low, high: 2 / (high - low),
    ),
    Step(
        "upside-down",
        "it computes (λ_min + λ_max)/2, upside down: η* = 2/(λ_min + λ_max)",
        lambda low, high: (low + high) / 2,
    ),
    Step(
        "one-over-max",
        "it computes 1/λ_max, the rate that settles the steep direction in one step: η* "
        "balances both directions, 1 − ηλ_min = −(1 − ηλ_max), which gives 2/(λ_min + λ_max)",
        lambda low, high: 1 / high,
    ),
    Step(
        "mean-of-one-step-rates",
        "it averages 1/λ_min and 1/λ_max, the rates that settle each direction in one step: η* "
        "makes the two factors equal in size, 1 − ηλ_min = −(1 − ηλ_max), which gives "
        "2/(λ_min + λ_max)",
        lambda low, high: (1 / low + 1 / high) / 2,
    ),
    Step(
        "geometric-mean",
        "it computes 1/√(λ_min·λ_max), from the geometric mean of the eigenvalues: η* = "
        "2/(λ_min + λ_max) comes from their sum",
        lambda low, high: 1 / np.sqrt(low * high),
    ),
    Step(
        "product",
        "it divides 2 by λ_min·λ_max, the product of the eigenvalues (the determinant of H): "
        "η* = 2/(λ_min + λ_max) divides by their sum",
        lambda low, high: 2 / (low * high),
    ),
    Step(
        "momentum-rate",
        "it computes 4/(√λ_min + √λ_max)², the rate of the heavy ball with its best momentum: "
        "without momentum the fastest constant rate is η* = 2/(λ_min + λ_max)",
        lambda low, high: 4 / (np.sqrt(low) + np.sqrt(high)) ** 2,
    ),
)
"""The formulas an answer may apply to (λ_min, λ_max) for the fastest rate, the right one
first."""

FASTEST_RATE = Exercise(
    name="fastest_rate",
    cases=rate_cases,
    judge=Judge(
        name="fastest_rate",
        failing_warnings=(),
        parameters=("x",),
        reference=lambda x: mlcourse.fastest_learning_rate(x),
        result=Number(),
        rtol=1e-6,
        mistakes=(
            Mistake(
                "both-rates",
                "It returns 2/λ for both eigenvalues: η* is one number, 2/(λ_min + λ_max) (add "
                "the eigenvalues first).",
                lambda x: 2 / eigenvalues(hessian(x)),
            ),
            Mistake(
                "eigenvalues",
                "It returns the two eigenvalues themselves: η* = 2/(λ_min + λ_max).",
                lambda x: eigenvalues(hessian(x)),
            ),
            lesson_rate(FASTEST_FORMULAS[0].apply),
            derived(FASTEST_FORMULAS),
        ),
        rule="η* = 2/(λ_min + λ_max), the eigenvalues of H = [[Σx², Σx], [Σx, N]].",
        shape_hints=(
            (
                (2,),
                "Two values, like the two eigenvalues: η* is one number, so add them up "
                "first, 2/(λ_min + λ_max).",
            ),
            ((2, 2), EIGENVECTORS),
        ),
        lesson_size=LESSON_SIZE,
    ),
    success="fastest_rate is correct: η* = 2/(λ_min + λ_max) balances the two directions.",
    forbidden=REFERENCES,
)


# largest_stable_n ---------------------------------------------------------------------------


def largest_stable_n_cases(seed: int) -> list[tuple]:
    """(eta, mean_x, mean_x2) of inputs uniform on [a, b), never the lesson's [0, 1), one of
    them centred (E[x] = 0). η is chosen from the boundary 2/(η·ℓ): from tens to thousands of
    points, two boundaries just below a whole number and two just above one, so that rounding
    to the nearest whole number and rounding up both show."""
    rng = np.random.default_rng([seed, 6500])
    spread = rng.uniform(1.75, 2.5)
    # Two with E[x²] < 1 and two with E[x²] > 1: np.linalg.eig orders the eigenvalues of their
    # per-point matrices differently.
    ranges = (
        (0.0, rng.uniform(1.0, 1.6)),
        (rng.uniform(0.5, 2.0), rng.uniform(2.5, 4.0)),
        (-spread, spread),
        (rng.uniform(-1.4, -1.0), rng.uniform(0.2, 0.6)),
    )
    boundaries = (
        int(rng.integers(300, 1000)) + rng.uniform(0.55, 0.95),
        int(rng.integers(20, 100)) + rng.uniform(0.05, 0.45),
        int(rng.integers(1000, 5000)) + rng.uniform(0.55, 0.95),
        int(rng.integers(100, 300)) + rng.uniform(0.05, 0.45),
    )
    cases = []
    for (low, high), limit in zip(ranges, boundaries, strict=True):
        mean_x = round(float((low + high) / 2), 6)
        mean_x2 = round(float((low * low + low * high + high * high) / 3), 6)
        eta = 2 / (limit * largest_eigenvalue(mean_x, mean_x2))
        cases.append((float(f"{eta:.10g}"), mean_x, mean_x2))
    return cases + exact_boundaries(rng)


def exact_boundaries(rng: np.random.Generator) -> list[tuple]:
    """Two cases whose boundary 2/(η·ℓ) is a whole number, exactly in floating point: centred
    inputs (E[x] = 0, so ℓ = max(E[x²], 1) with no rounding) and η a power of 2. There
    |1 − ηλ_max| = 1: the steep direction oscillates forever, so the boundary itself does not
    converge and the answer is one below it."""
    cases = []
    for exponent, mean_x2 in ((int(rng.integers(7, 10)), 2.0), (int(rng.integers(5, 7)), 0.5)):
        cases.append((2.0**-exponent, 0.0, mean_x2))
    return cases


def per_point_hessian(mean_x: float, mean_x2: float) -> np.ndarray:
    """H/n for inputs with these moments: [[E[x²], E[x]], [E[x], 1]]."""
    return np.array([[mean_x2, mean_x], [mean_x, 1.0]])


def boundary(eta: float, curvature: float, numerator: float = 2.0) -> float:
    """The n where η·n·curvature = numerator: η converges below it."""
    return numerator / (eta * curvature)


def largest_below(limit: float) -> int:
    """The largest whole number strictly below ``limit`` (at the boundary itself |1 − ηλ| = 1:
    the steep direction oscillates forever)."""
    return int(np.ceil(limit)) - 1


def largest_stable_n_reference(eta: float, mean_x: float, mean_x2: float) -> int:
    return largest_below(boundary(eta, eigenvalues(per_point_hessian(mean_x, mean_x2))[1]))


def largest_eigenvalue(mean_x: float, mean_x2: float) -> float:
    return float(eigenvalues(per_point_hessian(mean_x, mean_x2))[1])


PER_POINT_MATRICES = (
    Step("", "", per_point_hessian),
    Step(
        "mean-squared-off-diagonal",
        "it puts E[x]² where E[x] belongs: H's off-diagonal entry is Σx ≈ n·E[x]",
        lambda m1, m2: per_point_hessian(m1 * m1, m2),
    ),
    Step(
        "variance-top-left",
        "it puts the variance E[x²] − E[x]² where E[x²] belongs: H's top-left entry is "
        "Σx² ≈ n·E[x²]",
        lambda m1, m2: per_point_hessian(m1, m2 - m1 * m1),
    ),
    Step(
        "square-of-mean-top-left",
        "it puts E[x]² where E[x²] belongs: H's top-left entry is Σx² ≈ n·E[x²], the mean "
        "square, not the square of the mean",
        lambda m1, m2: per_point_hessian(m1, m1 * m1),
    ),
    Step(
        "no-off-diagonal",
        "its matrix lacks the off-diagonal entries E[x]: the eigenvalues of the whole "
        "[[E[x²], E[x]], [E[x], 1]] are needed",
        lambda m1, m2: np.diag([m2, 1.0]),
    ),
)
"""The per-point matrices H/n an answer may build from E[x] and E[x²], the right one first."""

CURVATURES = (
    Step("", "", lambda matrix: eigenvalues(matrix)[1]),
    Step(
        "lambda-min",
        "it uses λ_min: the steep direction, λ_max, is the first to blow up",
        lambda matrix: eigenvalues(matrix)[0],
    ),
    Step(
        "trace",
        "it takes λ_min + λ_max, the trace (n·(1 + E[x²]) for H): that is where η reaches the "
        "fastest rate 2/(λ_min + λ_max); the critical rate is 2/λ_max",
        lambda matrix: np.trace(matrix),
    ),
    Step(
        "top-left",
        "it takes λ_max ≈ n·E[x²], H's top-left entry: λ_max is larger than every entry of H; "
        "take the largest eigenvalue of [[E[x²], E[x]], [E[x], 1]], times n",
        lambda matrix: matrix[0, 0],
    ),
    Step(
        "bottom-right",
        "it takes λ_max ≈ n, H's bottom-right entry: λ_max is larger than every entry of H; "
        "take the largest eigenvalue of [[E[x²], E[x]], [E[x], 1]], times n",
        lambda matrix: matrix[1, 1],
    ),
    Step(
        "eig-order",
        f"it takes np.linalg.eig(...)[0][1] for λ_max, but {EIG_ORDER}",
        lambda matrix: np.linalg.eig(matrix)[0][1],
    ),
    Step(
        "eig-order-reversed",
        f"it takes np.linalg.eig(...)[0][0] for λ_max, but {EIG_ORDER}",
        lambda matrix: np.linalg.eig(matrix)[0][0],
    ),
)
"""What an answer may take for ℓ = λ_max/n, the right one first."""

BOUNDARIES = (
    Step("", "", boundary),
    Step(
        "precedence",
        "2 / eta * mu is (2/η)·ℓ: / and * go from left to right, so write 2 / (eta * mu)",
        lambda eta, curvature: 2 / eta * curvature,
    ),
    Step(
        "one-over-max",
        "it stops where η reaches 1/λ_max, not 2/λ_max: up to 2/λ_max the steep direction "
        "oscillates but still converges",
        lambda eta, curvature: boundary(eta, curvature, 1.0),
    ),
)
"""How an answer may compute the boundary from η and ℓ, the right way first."""

COUNTS = (
    Step("", "", lambda limit: largest_below(limit)),
    Step(
        "boundary-included",
        "it counts the boundary itself when 2/(η·ℓ) is a whole number (np.floor): there "
        "|1 − ηλ_max| = 1 and the steep direction oscillates forever; the largest n that "
        "converges is below it",
        lambda limit: int(np.floor(limit)),
    ),
    Step(
        "boundary",
        "it returns the boundary 2/(η·ℓ) itself (ℓ = λ_max/n): the number of points is a whole "
        "number, the largest one below the boundary (at the boundary itself |1 − ηλ_max| = 1 "
        "and the steep direction never settles)",
        lambda limit: limit,
    ),
    Step(
        "rounded",
        "it rounds the boundary 2/(η·ℓ) to the nearest whole number: η converges only below "
        "the boundary, so round down (the largest whole number below it)",
        lambda limit: round(limit),
    ),
    Step(
        "one-too-many",
        "it returns one point too many, the first n that does not converge: the largest n that "
        "converges is the whole number just below the boundary 2/(η·ℓ)",
        lambda limit: largest_below(limit) + 1,
    ),
)
"""How an answer may turn the boundary 2/(η·ℓ) into a count, the right way first."""


def stable_n(choices: tuple[Step, ...], eta: float, m1: float, m2: float) -> Any:
    matrix, curvature, limit, count = choices
    return count.apply(limit.apply(eta, curvature.apply(matrix.apply(m1, m2))))


LARGEST_STABLE_N_MISTAKES = (
    Mistake(
        "lesson-inputs",
        "It uses the lesson's inputs (E[x] = ½, E[x²] = ⅓) whatever `mean_x` and `mean_x2` it is "
        "given: use the arguments.",
        lambda eta, m1, m2: largest_stable_n_reference(eta, 0.5, 1 / 3),
    ),
    Mistake(
        "lesson-eta",
        "It uses the lesson's η = 0.001 instead of the argument `eta`.",
        lambda eta, m1, m2: largest_stable_n_reference(0.001, m1, m2),
    ),
    Mistake(
        "lesson-data-moments",
        "It uses the moments of the notebook's data.x (its mean and mean square), whatever "
        "`mean_x` and `mean_x2` it is given: use the arguments.",
        lambda eta, m1, m2: largest_stable_n_reference(
            eta, float(np.mean(lesson_data().x)), float(np.mean(lesson_data().x ** 2))
        ),
    ),
    chained(
        (PER_POINT_MATRICES, CURVATURES, BOUNDARIES, COUNTS),
        stable_n,
        ((0.003, 0.7, 0.9), (0.002, 0.4, 1.6), (2.0**-7, 0.0, 2.0)),
    ),
)

LARGEST_STABLE_N = Exercise(
    name="largest_stable_n",
    cases=largest_stable_n_cases,
    judge=Judge(
        name="largest_stable_n",
        failing_warnings=(),
        parameters=("eta", "mean_x", "mean_x2"),
        reference=largest_stable_n_reference,
        result=Count("points"),
        mistakes=(
            *LARGEST_STABLE_N_MISTAKES,
            reordered_parameters(
                largest_stable_n_reference,
                ("eta", "mean_x", "mean_x2"),
                probe=(0.003, 0.7, 0.9),
                known=LARGEST_STABLE_N_MISTAKES,
            ),
        ),
        rule=(
            "H ≈ n·[[E[x²], E[x]], [E[x], 1]], so λ_max ≈ n·ℓ with ℓ the largest eigenvalue of "
            "that matrix; η converges while η < 2/λ_max, that is for n < 2/(η·ℓ): return the "
            "largest whole n below it."
        ),
    ),
    success=(
        "largest_stable_n is correct: λ_max ≈ n·ℓ, so η converges up to the largest n below "
        "2/(η·ℓ)."
    ),
    forbidden=REFERENCES,
)


def check_critical_rate(critical_rate: Callable, seed: int = 0) -> None:
    """Exercise 5.1: ``critical_rate(x)`` = 2/λ_max of the SSE Hessian [[Σx², Σx], [Σx, n]]."""
    CRITICAL_RATE.check(critical_rate, seed)


def check_fastest_rate(fastest_rate: Callable, seed: int = 0) -> None:
    """Exercise 5.3: ``fastest_rate(x)`` = 2/(λ_min + λ_max)."""
    FASTEST_RATE.check(fastest_rate, seed)


def check_largest_stable_n(largest_stable_n: Callable, seed: int = 0) -> None:
    """Exercise 5.2: ``largest_stable_n(eta, mean_x, mean_x2)``, the largest number of points
    with inputs of these moments for which η still converges with the SSE."""
    LARGEST_STABLE_N.check(largest_stable_n, seed)
