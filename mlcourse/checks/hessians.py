"""The valley's matrix, its eigenvalues and the formulas on them, as chains of likely slips.

Lessons 5 and 6 ask for numbers derived from the SSE Hessian H = [[Σx², Σx], [Σx, N]]: the
critical rate 2/λ_max, the fastest rate 2/(λ_min + λ_max), the condition number λ_max/λ_min.
An answer goes through three steps, and each can slip on its own: the matrix it builds (that of
the MSE, twice too big, without Σx, with 1 for N, …), how it reads the two eigenvalues
(np.linalg.eig does not sort them; singular values are their square roots) and the formula it
applies (2/λ_min, 1/λ_max, the trace, …). :func:`mlcourse.checks.judging.chained` makes one
mistake of every combination, so that two slips at once are named as two, not left to a generic
sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from mlcourse.checks.judging import Deferred, Mistake, Step, chain


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


HESSIANS = (
    Step("", "", hessian),
    Step(
        "hessian-over-n",
        "H is divided by N (the Hessian of E/N, half the mean squared error): this lesson's E "
        "is the SSE, whose Hessian is [[Σx², Σx], [Σx, N]]",
        lambda x: hessian(x) / len(x),
    ),
    Step(
        "hessian-mse",
        "H is that of the mean squared error, (2/N)·[[Σx², Σx], [Σx, N]]: this lesson's E is "
        "the SSE, whose Hessian has no 2/N",
        lambda x: 2 * hessian(x) / len(x),
    ),
    Step(
        "hessian-doubled",
        "H is twice too big: the Hessian of ½·Σ(y − ŷ)² has no factor 2 (the ½ cancels the 2 "
        "of the square)",
        lambda x: 2 * hessian(x),
    ),
    Step(
        "hessian-halved",
        "H is half what it is (a ½ kept): the ½ of E cancels the 2 of the square, so H = "
        "[[Σx², Σx], [Σx, N]]",
        lambda x: hessian(x) / 2,
    ),
    Step(
        "hessian-diagonal",
        "H lacks its off-diagonal entries Σx (its eigenvalues are then Σx² and N, the larger "
        "of which is also H's largest entry): the eigenvalues of the whole H are needed, and "
        "λ_max is larger than every entry",
        lambda x: np.diag(np.diag(hessian(x))),
    ),
    Step(
        "hessian-n-is-1",
        "H has 1 where N belongs: the bottom-right entry is Σx0² = N",
        lambda x: hessian(x, n=1.0),
    ),
    Step(
        "hessian-square-of-sum",
        "H has (Σx)² where Σx² belongs: square each x, then add up",
        lambda x: hessian(x, sum_xx=np.sum(x) ** 2),
    ),
    Step(
        "hessian-centred",
        "H is that of the centred inputs x − x̄: the exercise asks for the inputs as they are",
        lambda x: hessian(x - x.mean()),
    ),
)
"""The matrices an answer may build from x, the right one first."""


def eig_as_ascending(matrix: np.ndarray) -> tuple[float, float]:
    values = np.linalg.eig(matrix)[0]
    return values[0], values[1]


def eig_as_descending(matrix: np.ndarray) -> tuple[float, float]:
    values = np.linalg.eig(matrix)[0]
    return values[1], values[0]


EIG_ORDER = (
    "np.linalg.eig does not sort its eigenvalues (for some of these inputs it gives λ_max "
    "first, for others λ_min): take .max() and .min(), or use np.linalg.eigvalsh, which "
    "returns them in ascending order"
)

READINGS = (
    Step("", "", lambda matrix: tuple(eigenvalues(matrix))),
    Step(
        "eig-order",
        f"it takes np.linalg.eig(H)[0][0] for λ_min and [1] for λ_max, but {EIG_ORDER}",
        eig_as_ascending,
    ),
    Step(
        "eig-order-reversed",
        f"it takes np.linalg.eig(H)[0][0] for λ_max and [1] for λ_min, but {EIG_ORDER}",
        eig_as_descending,
    ),
    Step(
        "singular-values",
        "it uses the singular values of X = [x, 1] (np.linalg.svd(X)) as the eigenvalues of "
        "H = XᵀX: they are their square roots, λ = s²",
        lambda matrix: tuple(np.sqrt(eigenvalues(matrix))),
    ),
)
"""How an answer may read (λ_min, λ_max) from the matrix, the right way first."""


def derived(formulas: Sequence[Step]) -> Deferred:
    """Every combination of a matrix, a reading of its eigenvalues and a formula on them that
    has at least one slip, for an exercise whose result is ``formula(λ_min, λ_max)`` of H
    (``formulas``: the right one first)."""

    def result(choices: tuple[Step, Step, Step], x: np.ndarray) -> Any:
        matrix, read, formula = choices
        return formula.apply(*read.apply(matrix.apply(x)))

    # A scale of H times a formula's slip is left out: it is a factor on a formula, which an
    # unlisted formula may give as well (1/λ_max is not "H twice too big" and "2/λ_max").
    def made() -> list[Mistake]:
        slips = {step.id for step in formulas[1:]}
        return [
            mistake
            for mistake in chain((HESSIANS, READINGS, formulas), result, PROBES, ())
            if not (set(mistake.id.split("+")) & SCALES and set(mistake.id.split("+")) & slips)
        ]

    return Deferred(made)


SCALES = {"hessian-over-n", "hessian-mse", "hessian-doubled", "hessian-halved"}
"""The slips of H that only scale it."""


PROBES = ((np.array([0.3, 1.7, 2.9, 0.8, 3.6]),), (np.array([0.1, -0.2, 0.35, 0.05, 0.4]),))
"""Inputs whose H tells the chains apart: Σx² > N for one, N > Σx² for the other (np.linalg.eig
orders their eigenvalues differently), x̄ away from 0."""
