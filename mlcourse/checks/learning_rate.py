"""Checks of lesson 5, the learning rate: ``critical_rate`` and ``fastest_rate``.

Both come from the eigenvalues of the SSE Hessian H = [[Σx², Σx], [Σx, N]]. The mistakes are a
wrong H (that of the MSE, without its off-diagonal terms, twice too big, with 1 for N, (Σx)² for
Σx²) or a wrong formula on the right eigenvalues; the results of the wrong formulas are
recomputed from the learner's possible H, so each mistake is one line.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import mlcourse
from mlcourse.checks.cases import LESSON_SIZE, lesson_data, sizes
from mlcourse.checks.judging import Judge, Mistake, Number
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
        "H is that of the mean squared error (divided by N): use the SSE's",
        lambda x: hessian(x) / len(x),
    ),
    (
        "That is 2/max(Σx², N): the rate of H without its off-diagonal terms Σx, or of H's "
        "largest entry. The eigenvalues of the whole H = [[Σx², Σx], [Σx, N]] are needed: "
        "λ_max is larger than every entry",
        lambda x: np.diag(np.diag(hessian(x))),
    ),
    ("H has 1 where N belongs: the bottom-right entry is Σx0² = N", lambda x: hessian(x, n=1.0)),
    (
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
        Mistake(f"{what}.", lambda x, wrong=wrong: rate(wrong(x))) for what, wrong in WRONG_HESSIANS
    ]


def lesson_rate(rate: Callable[[np.ndarray], float]) -> Mistake:
    return Mistake(
        "It returns the rate of the notebook's data.x, whatever `x` it is given: use the "
        "argument `x`.",
        lambda x: rate(hessian(lesson_data().x)),
    )


CRITICAL_RATE = Exercise(
    name="critical_rate",
    cases=rate_cases,
    judge=Judge(
        name="critical_rate",
        parameters=("x",),
        reference=lambda x: mlcourse.critical_learning_rate(x),
        result=Number(),
        rtol=1e-6,
        mistakes=(
            Mistake(
                "That is 1/λ_max, half the critical rate: either the 2 of 2/λ is missing (the "
                "step diverges when |1 − η·λ| > 1, that is η > 2/λ), or H is twice too big (the "
                "Hessian of ½·Σ(y − ŷ)² has no factor 2).",
                lambda x: 1 / eigenvalues(hessian(x))[1],
            ),
            Mistake(
                "That is 2/λ_min: the largest eigenvalue is the first to blow up, so use λ_max "
                "(np.linalg.eigvalsh sorts them in ascending order: [0] is λ_min, [-1] λ_max).",
                lambda x: 2 / eigenvalues(hessian(x))[0],
            ),
            Mistake(
                "That is λ_max/2, upside down: η_crit = 2/λ_max.",
                lambda x: eigenvalues(hessian(x))[1] / 2,
            ),
            Mistake(
                "That is 2/(λ_min + λ_max), the fastest rate of the next exercise: the critical "
                "rate is 2/λ_max.",
                lambda x: fastest(hessian(x)),
            ),
            Mistake(
                "It returns 2/λ for both eigenvalues: the critical rate is one number, 2/λ_max "
                "(take the largest eigenvalue first, with .max()).",
                lambda x: 2 / eigenvalues(hessian(x)),
            ),
            Mistake(
                "It returns the two eigenvalues themselves: the critical rate is 2/λ_max, with "
                "λ_max their maximum.",
                lambda x: eigenvalues(hessian(x)),
            ),
            Mistake(
                "It returns what np.linalg.eig returns, the eigenvalues and the eigenvectors: "
                "the rate is 2/λ_max, from the eigenvalues, np.linalg.eig(H)[0].",
                lambda x: tuple(np.linalg.eig(hessian(x))),
            ),
            Mistake(
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
        parameters=("x",),
        reference=lambda x: mlcourse.fastest_learning_rate(x),
        result=Number(),
        rtol=1e-6,
        mistakes=(
            Mistake(
                "That is the critical rate 2/λ_max: at it the steepest direction never settles. "
                "η* = 2/(λ_min + λ_max).",
                lambda x: critical(hessian(x)),
            ),
            Mistake(
                "That is 1/(λ_min + λ_max), half of η*: either the factor 2 is missing, or H is "
                "twice too big (the Hessian of ½·Σ(y − ŷ)² has no factor 2).",
                lambda x: 1 / np.sum(eigenvalues(hessian(x))),
            ),
            Mistake(
                "That is 2/λ_min, far beyond the cliff: η* = 2/(λ_min + λ_max).",
                lambda x: 2 / eigenvalues(hessian(x))[0],
            ),
            Mistake(
                "That is 2/mean(λ) = 4/(λ_min + λ_max), twice η*: divide 2 by the sum of the "
                "eigenvalues, not by their mean.",
                lambda x: 2 / np.mean(eigenvalues(hessian(x))),
            ),
            Mistake(
                "That is the mean of 2/λ_min and 2/λ_max: η* = 2/(λ_min + λ_max) divides by the "
                "sum of the eigenvalues.",
                lambda x: np.mean(2 / eigenvalues(hessian(x))),
            ),
            Mistake(
                "It returns 2/λ for both eigenvalues: η* is one number, 2/(λ_min + λ_max) (add "
                "the eigenvalues first).",
                lambda x: 2 / eigenvalues(hessian(x)),
            ),
            Mistake(
                "It returns the two eigenvalues themselves: η* = 2/(λ_min + λ_max).",
                lambda x: eigenvalues(hessian(x)),
            ),
            # Without its off-diagonal terms H has the same trace, hence the same λ_min + λ_max.
            *[m for m in hessian_mistakes(fastest) if "2/max(Σx², N)" not in m.message],
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


def check_critical_rate(critical_rate: Callable, seed: int = 0) -> None:
    """Exercise 5.1: ``critical_rate(x)`` = 2/λ_max of the SSE Hessian [[Σx², Σx], [Σx, n]]."""
    CRITICAL_RATE.check(critical_rate, seed)


def check_fastest_rate(fastest_rate: Callable, seed: int = 0) -> None:
    """Exercise 5.2: ``fastest_rate(x)`` = 2/(λ_min + λ_max)."""
    FASTEST_RATE.check(fastest_rate, seed)
