"""Checks of lesson 3, the gradients: ``grad_w1`` and ``grad_w0``.

Both gradients go wrong in the same few ways, alone or two at a time: the sign, the ½ kept or
the 2 kept, a mean instead of a sum, the input x1 left out. Each mistake is a transformation of
the right formula's value; :func:`mlcourse.checks.judging.combined` makes the pairs.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import mlcourse
from mlcourse.checks.cases import LESSON_SIZE, regression_cases
from mlcourse.checks.judging import (
    Judge,
    Mistake,
    Number,
    Slip,
    combined,
    reordered_parameters,
    sentence,
)
from mlcourse.feedback import Exercise

SLIPS = (
    Slip(
        "sign",
        "the sign is wrong (dE/dŷ = −(y − ŷ) brings a minus sign; or y and y_hat are swapped)",
        lambda g, n: -g,
    ),
    Slip(
        "half",
        "the ½ is still there (the 2 from the square cancels it: no ½ in the gradient)",
        lambda g, n: g / 2,
    ),
    Slip(
        "doubled",
        "the value is doubled (the ½ in E cancels the 2 from the square)",
        lambda g, n: 2 * g,
    ),
    Slip(
        "mean",
        "you divided by n (that is the gradient of E/n, half the mean squared error; this E is "
        "the sum)",
        lambda g, n: g / n,
    ),
)
"""Each slip changes the gradient g of n points."""
NO_X = "the input x1 is missing (dz/dw1 = x1: multiply each residual by x)"


def gradient_mistakes(
    formula: Callable[..., float],
    alternatives: tuple[tuple[str, str, Callable[..., float]], ...] = (),
) -> tuple[Mistake, ...]:
    """Every slip and pair of slips applied to ``formula(y, y_hat, *more)``, as mistakes.

    ``alternatives`` are wrong formulas (id, what is wrong, formula; e.g. without x), each alone
    and with one slip.
    """
    mistakes = [
        Mistake(slip.id, sentence(slip.message), slipped(formula, slip.change))
        for slip in combined(SLIPS, clash=[{"half", "doubled"}])
    ]
    for key, name, other in alternatives:
        mistakes.append(Mistake(key, sentence(name), other))
        mistakes += [
            Mistake(
                f"{key}+{slip.id}",
                sentence(f"two mistakes: {name}; and {slip.message}"),
                slipped(other, slip.change),
            )
            for slip in SLIPS
        ]
    return tuple(mistakes)


def slipped(formula: Callable[..., float], slip: Callable[[float, int], float]) -> Callable:
    """``formula`` with ``slip`` applied to its value."""
    return lambda y, y_hat, *more: slip(formula(y, y_hat, *more), len(y))


def grad_w1_formula(y: np.ndarray, y_hat: np.ndarray, x: np.ndarray) -> float:
    return mlcourse.grad_w1(y, y_hat, x)


def grad_w0_formula(y: np.ndarray, y_hat: np.ndarray) -> float:
    return mlcourse.grad_w0(y, y_hat)


GRAD_W1_SLIPS = gradient_mistakes(
    grad_w1_formula, alternatives=(("no-x", NO_X, lambda y, y_hat, x: grad_w0_formula(y, y_hat)),)
)

GRAD_W1 = Exercise(
    name="grad_w1",
    cases=lambda seed: [(y, y_hat, x) for x, y, y_hat in regression_cases(seed)],
    judge=Judge(
        name="grad_w1",
        failing_warnings=(),
        parameters=("y", "y_hat", "x"),
        reference=grad_w1_formula,
        result=Number(),
        mistakes=(
            *GRAD_W1_SLIPS,
            Mistake(
                "per-point",
                "It returns one value per point: in batch learning the gradient is the sum over "
                "all points, so add them up with np.sum.",
                lambda y, y_hat, x: -(y - y_hat) * x,
            ),
            Mistake(
                "only-y-hat-times-x",
                "Only ŷ is multiplied by x: write the parentheses, −Σ((y − ŷ)·x).",
                lambda y, y_hat, x: -np.sum(y - y_hat * x),
            ),
            Mistake(
                "product-of-sums",
                "That is −Σ(y − ŷ)·Σx, the product of two sums: multiply residual and input "
                "point by point, then add up, −Σ((y − ŷ)·x).",
                lambda y, y_hat, x: -np.sum(y - y_hat) * np.sum(x),
            ),
            Mistake(
                "sum-closes-early",
                "The sum closes too early: −Σ(y − ŷ)·x is an array; multiply residual and input "
                "point by point inside the sum, −Σ((y − ŷ)·x).",
                lambda y, y_hat, x: -np.sum(y - y_hat) * x,
            ),
            # y and y_hat swapped is the wrong sign, named above.
            reordered_parameters(
                grad_w1_formula,
                ("y", "y_hat", "x"),
                probe=tuple(np.random.default_rng(3).normal(size=(3, 5))),
                known=GRAD_W1_SLIPS,
            ),
        ),
        rule="dE/dw1 = −Σ(y − ŷ)·x1, one number for the whole batch.",
        lesson_size=LESSON_SIZE,
    ),
    success="grad_w1 is correct: dE/dw1 = −Σ(y − ŷ)·x1.",
    forbidden=("mlcourse.grad_w1",),
)


GRAD_W0 = Exercise(
    name="grad_w0",
    cases=lambda seed: [(y, y_hat) for _, y, y_hat in regression_cases(seed)],
    judge=Judge(
        name="grad_w0",
        failing_warnings=(),
        parameters=("y", "y_hat"),
        reference=grad_w0_formula,
        result=Number(),
        mistakes=(
            *gradient_mistakes(grad_w0_formula),
            Mistake(
                "per-point",
                "It returns one value per point: in batch learning the gradient is the sum over "
                "all points, so add them up with np.sum.",
                lambda y, y_hat: -(y - y_hat),
            ),
        ),
        rule="dE/dw0 = −Σ(y − ŷ)·x0 = −Σ(y − ŷ): the bias input x0 is 1, so there is no x.",
        lesson_size=LESSON_SIZE,
    ),
    success="grad_w0 is correct: dE/dw0 = −Σ(y − ŷ).",
    forbidden=("mlcourse.grad_w0",),
)


def check_grad_w1(grad_w1: Callable, seed: int = 0) -> None:
    """Exercise 3.1: ``grad_w1(y, y_hat, x)`` = dE/dw1 = −Σ(y − ŷ)·x1."""
    GRAD_W1.check(grad_w1, seed)


def check_grad_w0(grad_w0: Callable, seed: int = 0) -> None:
    """Exercise 3.2: ``grad_w0(y, y_hat)`` = dE/dw0 = −Σ(y − ŷ)."""
    GRAD_W0.check(grad_w0, seed)
