"""Checks of lesson 1, the data: ``make_inputs`` and ``make_targets``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mlcourse.feedback import Exercise, Outcome, as_vector, close, fail, returned_value
from mlcourse.plain import Rng


def _inputs_cases(seed: int) -> list[tuple]:
    # Each call twice: a function that does not draw from the rng it is given is not reproducible.
    return [(n, Rng(seed)) for n in (200, 200, 7, 7)]


def _judge_inputs(calls: list[tuple], outcomes: list[Outcome]) -> None:
    name = "make_inputs"
    for i in range(0, len(calls), 2):
        n, rng = calls[i]
        x = as_vector(returned_value(name, outcomes[i]), name, n)
        if close(x, np.random.default_rng(rng.seed).random(n)):
            continue
        again = as_vector(returned_value(name, outcomes[i + 1]), name, n)
        if not close(x, again):
            fail(
                f"`{name}` gave different numbers for the same rng: draw from the `rng` you "
                f"are given (rng.random(n)), not from np.random, so that a seed fixes the data."
            )
        if x.min() < 0 or x.max() >= 1:
            fail(
                f"`{name}` returned values outside [0, 1) (from {x.min():.2f} to "
                f"{x.max():.2f}): use the uniform distribution, rng.random(n)."
            )
        fail(
            f"`{name}` returns numbers in [0, 1), but not the ones rng.random(n) draws: "
            f"make exactly one call, rng.random(n), so the lesson's data match."
        )


MAKE_INPUTS = Exercise(
    name="make_inputs",
    cases=_inputs_cases,
    judge=_judge_inputs,
    success="make_inputs is correct: uniform inputs, reproducible from the seed.",
    forbidden=("mlcourse.make_linear_data",),
)


def _targets_cases(seed: int) -> list[tuple]:
    rng = np.random.default_rng(seed + 1000)
    return [(rng.random(n), slope, noise_std, Rng(seed)) for n, slope, noise_std in SETTINGS]


SETTINGS = ((200, 3.0, 0.1), (9, -1.5, 0.7))


def _judge_targets(calls: list[tuple], outcomes: list[Outcome]) -> None:
    name = "make_targets"
    for (x, slope, noise_std, rng), outcome in zip(calls, outcomes, strict=True):
        n = x.size
        y = as_vector(returned_value(name, outcome), name, n)
        noise = np.random.default_rng(rng.seed).normal(0.0, noise_std, n)
        if close(y, slope * x + noise):
            continue
        residual = y - slope * x
        if close(residual, np.zeros(n)):
            fail(
                f"`{name}` returned points exactly on the line: add the noise, "
                f"rng.normal(0, noise_std, len(x))."
            )
        if close(residual, np.full(n, residual[0])):
            fail(
                f"`{name}` shifts every point by the same amount ({residual[0]:.3f}): that is "
                f"an intercept, not noise. Draw one noise value per point: "
                f"rng.normal(0, noise_std, len(x))."
            )
        if close(y, slope * x + np.random.default_rng(rng.seed).normal(0.0, noise_std**2, n)):
            fail(
                f"`{name}` used noise_std² as the spread: numpy's normal takes the standard "
                f"deviation, so pass noise_std itself."
            )
        if close(y, x + noise) or close(y, noise):
            fail(f"`{name}` ignores the slope: the line is slope * x.")
        fail(
            f"`{name}` returns y = slope·x + something, but not slope·x + "
            f"rng.normal(0, noise_std, len(x)): use the rng you are given, one call."
        )


MAKE_TARGETS = Exercise(
    name="make_targets",
    cases=_targets_cases,
    judge=_judge_targets,
    success="make_targets is correct: one independent noise value per point, no intercept.",
    forbidden=("mlcourse.make_linear_data",),
)


def check_make_inputs(make_inputs: Callable, seed: int = 0) -> None:
    """Exercise 1.1: ``make_inputs(n, rng)`` draws n inputs x ~ Uniform[0, 1) from ``rng``."""
    MAKE_INPUTS.check(make_inputs, seed)


def check_make_targets(make_targets: Callable, seed: int = 0) -> None:
    """Exercise 1.2: ``make_targets(x, slope, noise_std, rng)`` = slope·x + N(0, noise_std)."""
    MAKE_TARGETS.check(make_targets, seed)
