"""Checks of lesson 2, the forward pass and the error: ``predict`` and ``sse``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import mlcourse
from mlcourse.checks.cases import regression_cases
from mlcourse.feedback import (
    Exercise,
    Outcome,
    as_number,
    as_vector,
    close,
    fail,
    first_match,
    returned_value,
)


def _predict_cases(seed: int) -> list[tuple]:
    rng = np.random.default_rng(seed + 2000)
    return [(x, rng.uniform(-3, 3), rng.uniform(0.5, 2)) for x, _, _ in regression_cases(seed)]


def _judge_predict(calls: list[tuple], outcomes: list[Outcome]) -> None:
    name = "predict"
    for (x, w1, w0), outcome in zip(calls, outcomes, strict=True):
        y_hat = as_vector(returned_value(name, outcome), name, x.size)
        expected = w1 * x + w0
        if close(y_hat, expected):
            continue
        mistake = first_match(
            y_hat,
            {
                "the bias is forgotten: add w0·x0, with the bias input x0 = 1.": w1 * x,
                "w1 and w0 are swapped: w1 multiplies the input x1, w0 multiplies x0 = 1.": w0 * x
                + w1,
                "the input is missing: multiply w1 by x1.": np.full(x.size, w1 + w0),
            },
        )
        fail(f"`{name}` is wrong: {mistake or 'expected w1 * x + w0 * 1.'}")


PREDICT = Exercise(
    name="predict",
    cases=_predict_cases,
    judge=_judge_predict,
    success="predict is correct: ŷ = w1·x1 + w0·x0.",
    forbidden=("mlcourse.predict",),
)


def _sse_cases(seed: int) -> list[tuple]:
    return [(y, y_hat) for _, y, y_hat in regression_cases(seed)]


def _judge_sse(calls: list[tuple], outcomes: list[Outcome]) -> None:
    name = "sse"
    for (y, y_hat), outcome in zip(calls, outcomes, strict=True):
        value = returned_value(name, outcome)
        if isinstance(value, np.ndarray) and value.shape == y.shape:
            fail(
                f"`{name}` returned one value per point (shape {y.shape}): the error of the "
                f"whole batch is the sum of them, so add them up with np.sum."
            )
        value = as_number(value, name)
        expected = mlcourse.sse(y, y_hat)
        if close(value, expected):
            continue
        residual = y - y_hat
        mistake = first_match(
            value,
            {
                "the value is exactly twice the expected one: you forgot the ½.": 2 * expected,
                "you computed the mean squared error; this lesson sums over the batch (SSE), "
                "so use np.sum, not np.mean.": expected / y.size,
                "you computed the mean squared error without the ½; use ½·np.sum.": 2
                * expected
                / y.size,
                "the residuals are not squared: E = ½·Σ(y − ŷ)².": 0.5 * np.sum(residual),
                "you used absolute values; E squares the residuals.": 0.5
                * np.sum(np.abs(residual)),
                "the square is outside the sum: square each residual, then add them up.": 0.5
                * np.sum(residual) ** 2,
                "you took a square root: the SSE has none.": 0.5 * np.sqrt(np.sum(residual**2)),
            },
        )
        fail(
            f"`{name}` returned {value:.6g}, expected {expected:.6g}: "
            f"{mistake or 'check the formula E = ½·Σ(y − ŷ)².'}"
        )


SSE = Exercise(
    name="sse",
    cases=_sse_cases,
    judge=_judge_sse,
    success="sse is correct: E = ½·Σ(y − ŷ)² over the whole batch.",
    forbidden=("mlcourse.sse", "mlcourse.mse"),
)


def check_predict(predict: Callable, seed: int = 0) -> None:
    """Exercise 2.1: ``predict(x, w1, w0)`` = linear(w1·x1 + w0·x0), with x0 = 1."""
    PREDICT.check(predict, seed)


def check_sse(sse: Callable, seed: int = 0) -> None:
    """Exercise 2.2: ``sse(y, y_hat)`` = ½·Σ(y − ŷ)²."""
    SSE.check(sse, seed)
