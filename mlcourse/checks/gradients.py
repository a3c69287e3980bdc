"""Checks of lesson 3, the gradients: ``grad_w1`` and ``grad_w0``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import mlcourse
from mlcourse.checks.cases import regression_cases
from mlcourse.feedback import Exercise, Outcome, as_number, close, fail, first_match, returned_value

WRONG_SIGN = (
    "the sign is wrong, so a step against it would climb the error surface: "
    "dE/dŷ = −(y − ŷ) brings a minus sign."
)
DIVIDED_BY_N = "you divided by n (the MSE gradient); this lesson's E is the plain sum."
DOUBLED = "the value is twice the expected one: the ½ in E cancels the 2 from the square."


def gradient_mistakes(expected: float, n: int) -> dict[str, float]:
    """The wrong values both gradients are most often computed as, with their diagnoses."""
    return {WRONG_SIGN: -expected, DIVIDED_BY_N: expected / n, DOUBLED: 2 * expected}


def _grad_w1_cases(seed: int) -> list[tuple]:
    return [(y, y_hat, x) for x, y, y_hat in regression_cases(seed)]


def _judge_grad_w1(calls: list[tuple], outcomes: list[Outcome]) -> None:
    name = "grad_w1"
    for (y, y_hat, x), outcome in zip(calls, outcomes, strict=True):
        value = returned_value(name, outcome)
        if isinstance(value, np.ndarray) and value.shape == y.shape:
            fail(
                f"`{name}` returned one value per point: in batch learning the gradient is "
                f"the sum over all points, so add them up with np.sum."
            )
        value = as_number(value, name)
        expected = mlcourse.grad_w1(y, y_hat, x)
        if close(value, expected):
            continue
        residual = y - y_hat
        missing_x = -np.sum(residual)
        mistake = first_match(
            value,
            {
                **gradient_mistakes(expected, y.size),
                "the input x1 is missing: dz/dw1 = x1, so multiply each residual by x.": missing_x,
                "the input x1 is missing and the sign is wrong: dE/dw1 = −Σ(y − ŷ)·x1.": -missing_x,
            },
        )
        fail(
            f"`{name}` returned {value:.6g}, expected {expected:.6g}: "
            f"{mistake or 'dE/dw1 = −Σ(y − ŷ)·x1.'}"
        )


GRAD_W1 = Exercise(
    name="grad_w1",
    cases=_grad_w1_cases,
    judge=_judge_grad_w1,
    success="grad_w1 is correct: dE/dw1 = −Σ(y − ŷ)·x1.",
    forbidden=("mlcourse.grad_w1",),
)


def _grad_w0_cases(seed: int) -> list[tuple]:
    return [(y, y_hat) for _, y, y_hat in regression_cases(seed)]


def _judge_grad_w0(calls: list[tuple], outcomes: list[Outcome]) -> None:
    name = "grad_w0"
    for (y, y_hat), outcome in zip(calls, outcomes, strict=True):
        value = returned_value(name, outcome)
        if isinstance(value, np.ndarray) and value.shape == y.shape:
            fail(f"`{name}` returned one value per point: add them up with np.sum.")
        value = as_number(value, name)
        expected = mlcourse.grad_w0(y, y_hat)
        if close(value, expected):
            continue
        mistake = first_match(value, gradient_mistakes(expected, y.size))
        fail(
            f"`{name}` returned {value:.6g}, expected {expected:.6g}: "
            f"{mistake or 'dE/dw0 = −Σ(y − ŷ)·x0 = −Σ(y − ŷ).'}"
        )


GRAD_W0 = Exercise(
    name="grad_w0",
    cases=_grad_w0_cases,
    judge=_judge_grad_w0,
    success="grad_w0 is correct: dE/dw0 = −Σ(y − ŷ).",
    forbidden=("mlcourse.grad_w0",),
)


def check_grad_w1(grad_w1: Callable, seed: int = 0) -> None:
    """Exercise 3.1: ``grad_w1(y, y_hat, x)`` = dE/dw1 = −Σ(y − ŷ)·x1."""
    GRAD_W1.check(grad_w1, seed)


def check_grad_w0(grad_w0: Callable, seed: int = 0) -> None:
    """Exercise 3.2: ``grad_w0(y, y_hat)`` = dE/dw0 = −Σ(y − ŷ)."""
    GRAD_W0.check(grad_w0, seed)
