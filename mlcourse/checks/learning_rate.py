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

import numpy as np

import mlcourse
from mlcourse.checks.cases import LESSON_SIZE, lesson_data, sizes
from mlcourse.checks.judging import Count, Judge, Mistake, Number, reordered_parameters
from mlcourse.feedback import Exercise

REFERENCES = (
    "mlcourse.critical_learning_rate",
    "mlcourse.fastest_learning_rate",
    "mlcourse.eigenvalues",
    "mlcourse.hessian",
)
"""An answer may use none of them: they are the exercises' answers, or most of them."""


def rate_cases(seed: int) -> list[tuple]:
    rng = np.random.default_rng([seed, 6000])
    n_small, n_medium = sizes(seed, 2, low=10, high=120)
    return [
        (rng.random(n) * scale + shift,)
        for n, scale, shift in (
            (n_small, rng.uniform(2, 4), 0.0),
            (n_medium, rng.uniform(0.5, 1.5), rng.uniform(-0.5, 0.5)),
            (int(rng.integers(500, 1500)), rng.uniform(0.3, 1.0), 0.0),
        )
    ]


def hessian(x: np.ndarray, n: float | None = None, sum_xx: float | None = None) -> np.ndarray:
    """The SSE Hessian [[Σx², Σx], [Σx, N]], with N or Σx² replaced if given (mistakes)."""
    sum_x = np.sum(x)
    return np.array(
        [
            [np.sum(x * x) if sum_xx is None else sum_xx, sum_x],
            [sum_x, len(x) if n is None else n],
        ]
    )


def eigenvalues(matrix: np.ndarray) -> np.ndarray:
    """(λ_min, λ_max) of a symmetric 2×2 matrix."""
    return np.linalg.eigvalsh(matrix)


# The Hessians a learner may build instead of the right one, with what is wrong in each.
WRONG_HESSIANS = (
    (
        "hessian-over-n",
        "H is divided by N (the Hessian of E/N, half the mean squared error): use the SSE's",
        lambda x: hessian(x) / len(x),
    ),
    (
        "hessian-diagonal",
        "That is 2/max(Σx², N): the rate of H without its off-diagonal terms Σx, or of H's "
        "largest entry. The eigenvalues of the whole H = [[Σx², Σx], [Σx, N]] are needed: "
        "λ_max is larger than every entry",
        lambda x: np.diag(np.diag(hessian(x))),
    ),
    (
        "hessian-n-is-1",
        "H has 1 where N belongs: the bottom-right entry is Σx0² = N",
        lambda x: hessian(x, n=1.0),
    ),
    (
        "hessian-square-of-sum",
        "H has (Σx)² where Σx² belongs: square each x, then add up",
        lambda x: hessian(x, sum_xx=np.sum(x) ** 2),
    ),
)


EIGENVECTORS = (
    "A 2×2 array has the shape of H and of its eigenvectors (np.linalg.eig returns the "
    "eigenvalues and the eigenvectors, in that order; np.linalg.eigvalsh only the eigenvalues): "
    "the rate needs the eigenvalues."
)


def critical(matrix: np.ndarray) -> float:
    return 2 / eigenvalues(matrix)[1]


def fastest(matrix: np.ndarray) -> float:
    return 2 / np.sum(eigenvalues(matrix))


def hessian_mistakes(rate: Callable[[np.ndarray], float]) -> list[Mistake]:
    return [
        Mistake(key, f"{what}.", lambda x, wrong=wrong: rate(wrong(x)))
        for key, what, wrong in WRONG_HESSIANS
    ]


def lesson_rate(rate: Callable[[np.ndarray], float]) -> Mistake:
    return Mistake(
        "lesson-data",
        "It returns the rate of the notebook's data.x, whatever `x` it is given: use the "
        "argument `x`.",
        lambda x: rate(hessian(lesson_data().x)),
    )


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
                "one-over-max",
                "That is 1/λ_max, half the critical rate: either the 2 of 2/λ is missing (the "
                "step diverges when |1 − η·λ| > 1, that is η > 2/λ), or H is twice too big (the "
                "Hessian of ½·Σ(y − ŷ)² has no factor 2).",
                lambda x: 1 / eigenvalues(hessian(x))[1],
            ),
            Mistake(
                "two-over-min",
                "That is 2/λ_min: the largest eigenvalue is the first to blow up, so use λ_max "
                "(np.linalg.eigvalsh sorts them in ascending order: [0] is λ_min, [-1] λ_max).",
                lambda x: 2 / eigenvalues(hessian(x))[0],
            ),
            Mistake(
                "upside-down",
                "That is λ_max/2, upside down: η_crit = 2/λ_max.",
                lambda x: eigenvalues(hessian(x))[1] / 2,
            ),
            Mistake(
                "fastest-rate",
                "That is 2/(λ_min + λ_max), the fastest rate of the next exercise: the critical "
                "rate is 2/λ_max.",
                lambda x: fastest(hessian(x)),
            ),
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
                "entries",
                "It divides 2 by each entry of H: the rate comes from H's largest eigenvalue, "
                "2/λ_max.",
                lambda x: 2 / hessian(x),
            ),
            *hessian_mistakes(critical),
            lesson_rate(critical),
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
                "critical-rate",
                "That is the critical rate 2/λ_max: at it the steepest direction never settles. "
                "η* = 2/(λ_min + λ_max).",
                lambda x: critical(hessian(x)),
            ),
            Mistake(
                "one-over-sum",
                "That is 1/(λ_min + λ_max), half of η*: either the factor 2 is missing, or H is "
                "twice too big (the Hessian of ½·Σ(y − ŷ)² has no factor 2).",
                lambda x: 1 / np.sum(eigenvalues(hessian(x))),
            ),
            Mistake(
                "two-over-min",
                "That is 2/λ_min, far beyond the cliff: η* = 2/(λ_min + λ_max).",
                lambda x: 2 / eigenvalues(hessian(x))[0],
            ),
            Mistake(
                "two-over-mean",
                "That is 2/mean(λ) = 4/(λ_min + λ_max), twice η*: divide 2 by the sum of the "
                "eigenvalues, not by their mean.",
                lambda x: 2 / np.mean(eigenvalues(hessian(x))),
            ),
            Mistake(
                "mean-of-rates",
                "That is the mean of 2/λ_min and 2/λ_max: η* = 2/(λ_min + λ_max) divides by the "
                "sum of the eigenvalues.",
                lambda x: np.mean(2 / eigenvalues(hessian(x))),
            ),
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
            # Without its off-diagonal terms H has the same trace, hence the same λ_min + λ_max.
            *[m for m in hessian_mistakes(fastest) if m.id != "hessian-diagonal"],
            lesson_rate(fastest),
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
    ranges = (
        (0.0, rng.uniform(1.5, 3.0)),
        (rng.uniform(0.5, 2.0), rng.uniform(2.5, 4.0)),
        (-spread, spread),
        (rng.uniform(-2.0, -1.0), rng.uniform(0.2, 0.8)),
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


LARGEST_STABLE_N_MISTAKES = (
    Mistake(
        "boundary",
        "That is the boundary 2/(η·ℓ) itself, with ℓ = λ_max/n: the number of points is a whole "
        "number, the largest one below the boundary (at the boundary itself |1 − ηλ_max| = 1 and "
        "the steep direction never settles).",
        lambda eta, m1, m2: boundary(eta, largest_eigenvalue(m1, m2)),
    ),
    Mistake(
        "rounded",
        "It rounds the boundary 2/(η·ℓ) to the nearest whole number: η converges only below "
        "the boundary, so round down (the largest whole number below it).",
        lambda eta, m1, m2: round(boundary(eta, largest_eigenvalue(m1, m2))),
    ),
    Mistake(
        "one-too-many",
        "That is one point too many, the first n that does not converge: the largest n that "
        "converges is the whole number just below the boundary 2/(η·ℓ).",
        lambda eta, m1, m2: largest_below(boundary(eta, largest_eigenvalue(m1, m2))) + 1,
    ),
    Mistake(
        "one-over-max",
        "That is where η reaches 1/λ_max, not 2/λ_max: up to 2/λ_max the steep direction "
        "oscillates but still converges.",
        lambda eta, m1, m2: largest_below(boundary(eta, largest_eigenvalue(m1, m2), 1.0)),
    ),
    Mistake(
        "top-left",
        "It takes λ_max ≈ n·E[x²], H's top-left entry: λ_max is larger than every entry of H; "
        "take the largest eigenvalue of [[E[x²], E[x]], [E[x], 1]], times n.",
        lambda eta, m1, m2: largest_below(boundary(eta, m2)),
    ),
    Mistake(
        "bottom-right",
        "It takes λ_max ≈ n, H's bottom-right entry: λ_max is larger than every entry of H; "
        "take the largest eigenvalue of [[E[x²], E[x]], [E[x], 1]], times n.",
        lambda eta, m1, m2: largest_below(boundary(eta, 1.0)),
    ),
    Mistake(
        "trace",
        "It takes λ_min + λ_max = n·(1 + E[x²]), H's trace: that is where η reaches the fastest "
        "rate 2/(λ_min + λ_max). The critical rate is 2/λ_max.",
        lambda eta, m1, m2: largest_below(boundary(eta, 1.0 + m2)),
    ),
    Mistake(
        "lambda-min",
        "It uses λ_min: the steep direction, λ_max, is the first to blow up.",
        lambda eta, m1, m2: largest_below(boundary(eta, eigenvalues(per_point_hessian(m1, m2))[0])),
    ),
    Mistake(
        "mean-squared-off-diagonal",
        "It puts E[x]² where E[x] belongs: H's off-diagonal entry is Σx ≈ n·E[x].",
        lambda eta, m1, m2: largest_below(boundary(eta, largest_eigenvalue(m1 * m1, m2))),
    ),
    Mistake(
        "variance-top-left",
        "It puts the variance E[x²] − E[x]² where E[x²] belongs: H's top-left entry is "
        "Σx² ≈ n·E[x²].",
        lambda eta, m1, m2: largest_below(boundary(eta, largest_eigenvalue(m1, m2 - m1 * m1))),
    ),
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
            *reordered_parameters(
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
