"""Checks of lesson 5, the learning rate: ``critical_rate`` and ``fastest_rate``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import mlcourse
from mlcourse.feedback import Exercise, Outcome, as_number, close, fail, first_match, returned_value

RATE_REFERENCES = (
    "mlcourse.critical_learning_rate",
    "mlcourse.fastest_learning_rate",
    "mlcourse.eigenvalues",
    "mlcourse.hessian",
)


def _rate_cases(seed: int) -> list[tuple]:
    rng = np.random.default_rng(seed + 6000)
    return [(rng.random(n) * scale,) for n, scale in ((200, 1.0), (50, 3.0), (1000, 0.5))]


def _judge_critical_rate(calls: list[tuple], outcomes: list[Outcome]) -> None:
    name = "critical_rate"
    for (x,), outcome in zip(calls, outcomes, strict=True):
        value = as_number(returned_value(name, outcome), name)
        expected = mlcourse.critical_learning_rate(x)
        if close(value, expected, rtol=1e-6):
            continue
        smallest, largest = mlcourse.eigenvalues(x)
        mistake = first_match(
            value,
            {
                "that is 1/λ_max, half the critical rate: the step diverges when |1 − η·λ| > 1, "
                "that is η > 2/λ.": 1 / largest,
                "you used λ_min: the largest eigenvalue is the first to blow up.": 2 / smallest,
                "that is λ_max/2, upside down: η_crit = 2/λ_max.": largest / 2,
                "that is the rate for the mean squared error (n times larger): use the SSE Hessian "
                "[[Σx², Σx], [Σx, n]].": expected * x.size,
            },
        )
        fail(
            f"`{name}` returned {value:.6g}, expected {expected:.6g}: "
            f"{mistake or 'η_crit = 2/λ_max of [[Σx², Σx], [Σx, n]].'}"
        )


CRITICAL_RATE = Exercise(
    name="critical_rate",
    cases=_rate_cases,
    judge=_judge_critical_rate,
    success="critical_rate is correct: η_crit = 2/λ_max.",
    forbidden=RATE_REFERENCES,
)


def _judge_fastest_rate(calls: list[tuple], outcomes: list[Outcome]) -> None:
    name = "fastest_rate"
    for (x,), outcome in zip(calls, outcomes, strict=True):
        value = as_number(returned_value(name, outcome), name)
        expected = mlcourse.fastest_learning_rate(x)
        if close(value, expected, rtol=1e-6):
            continue
        smallest, largest = mlcourse.eigenvalues(x)
        mistake = first_match(
            value,
            {
                "that is the critical rate 2/λ_max: at it the steepest direction never settles.": 2
                / largest,
                "that is 1/(λ_min + λ_max): the factor 2 is missing.": 1 / (smallest + largest),
                "that is 2/λ_min, far beyond the cliff.": 2 / smallest,
            },
        )
        fail(
            f"`{name}` returned {value:.6g}, expected {expected:.6g}: "
            f"{mistake or 'η* = 2/(λ_min + λ_max).'}"
        )


FASTEST_RATE = Exercise(
    name="fastest_rate",
    cases=_rate_cases,
    judge=_judge_fastest_rate,
    success="fastest_rate is correct: η* = 2/(λ_min + λ_max) balances the two directions.",
    forbidden=RATE_REFERENCES,
)


def check_critical_rate(critical_rate: Callable, seed: int = 0) -> None:
    """Exercise 5.1: ``critical_rate(x)`` = 2/λ_max of the SSE Hessian [[Σx², Σx], [Σx, n]]."""
    CRITICAL_RATE.check(critical_rate, seed)


def check_fastest_rate(fastest_rate: Callable, seed: int = 0) -> None:
    """Exercise 5.2: ``fastest_rate(x)`` = 2/(λ_min + λ_max)."""
    FASTEST_RATE.check(fastest_rate, seed)
