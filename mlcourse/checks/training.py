"""Checks of lesson 4, training: ``update`` and ``train_loop``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import mlcourse
from mlcourse.feedback import Exercise, Outcome, as_number, close, fail, first_match, returned_value


def _update_cases(seed: int) -> list[tuple]:
    rng = np.random.default_rng(seed + 4000)
    cases = []
    for _ in range(3):
        w1, w0, g1, g0 = rng.uniform(-3, 3, 4)
        cases.append((float(w1), float(w0), float(g1), float(g0), float(rng.uniform(0.01, 0.2))))
    return cases


def _judge_update(calls: list[tuple], outcomes: list[Outcome]) -> None:
    name = "update"
    for (w1, w0, g1, g0, eta), outcome in zip(calls, outcomes, strict=True):
        result = returned_value(name, outcome)
        if result is None:
            fail(f"`{name}` returned None: return the new weights, `return w1, w0`.")
        pair = isinstance(result, tuple | list) or (
            isinstance(result, np.ndarray) and result.ndim == 1
        )
        if not pair or len(result) != 2:
            fail(
                f"`{name}` should return the two new weights as a pair (w1, w0), "
                f"got {type(result).__name__}."
            )
        new = np.array(
            [
                as_number(result[0], name, "a pair of numbers"),
                as_number(result[1], name, "a pair of numbers"),
            ]
        )
        expected = np.array([w1 - eta * g1, w0 - eta * g0])
        if close(new, expected):
            continue
        mistake = first_match(
            new,
            {
                "you added the gradient: that climbs the error surface. Step against it, "
                "w − η·dE/dw.": [w1 + eta * g1, w0 + eta * g0],
                "the learning rate is missing: w − η·dE/dw.": [w1 - g1, w0 - g0],
                "the results are swapped: return (new w1, new w0).": expected[::-1],
                "each weight moved by the other's gradient: w1 uses dE/dw1, w0 uses dE/dw0.": [
                    w1 - eta * g0,
                    w0 - eta * g1,
                ],
            },
        )
        fail(f"`{name}` is wrong: {mistake or 'each weight becomes w − η·dE/dw.'}")


UPDATE = Exercise(
    name="update",
    cases=_update_cases,
    judge=_judge_update,
    success="update is correct: one step downhill, w ← w − η·dE/dw.",
)


def _train_loop_cases(seed: int) -> list[tuple]:
    rng = np.random.default_rng(seed + 5000)
    cases = []
    for n, epochs in ((200, 300), (37, 25)):
        x = rng.random(n)
        y = 3.0 * x + rng.normal(0.0, 0.1, n)
        w1, w0 = float(rng.uniform(-3, -2)), float(rng.uniform(0, 2))
        cases.append((x, y, w1, w0, 0.001 * 200 / n, epochs))
    return cases


def _judge_train_loop(calls: list[tuple], outcomes: list[Outcome]) -> None:
    name = "train_loop"
    for (x, y, w1, w0, eta, epochs), outcome in zip(calls, outcomes, strict=True):
        result = returned_value(name, outcome)
        if result is None:
            fail(f"`{name}` returned None: end with `return w1, w0, errors`.")
        if not isinstance(result, tuple | list) or len(result) != 3:
            fail(
                f"`{name}` should return three things, (w1, w0, errors); "
                f"got {type(result).__name__}."
            )
        final = np.array(
            [
                as_number(result[0], name, "a number as w1"),
                as_number(result[1], name, "a number as w0"),
            ]
        )
        try:
            errors = np.asarray(result[2], dtype=np.float64) if result[2] is not None else None
        except (TypeError, ValueError):
            errors = None
        reference = mlcourse.train(x, y, w1, w0, eta=eta, epochs=epochs)
        if errors is None or errors.ndim != 1:
            fail(
                f"`{name}`'s errors should be a list with one error per epoch, "
                f"got {type(result[2]).__name__}."
            )
        if errors.size != epochs:
            fail(
                f"`{name}` recorded {errors.size} errors for {epochs} epochs: record one per "
                f"epoch, inside the loop."
            )
        if close(errors, reference.errors, rtol=1e-7) and close(
            final, reference.weights[-1], rtol=1e-7
        ):
            continue
        after = np.append(reference.errors[1:], reference.final_error)
        if close(errors, after, rtol=1e-7):
            fail(
                f"`{name}` records the error after the update; the lesson records it before, "
                f"from the forward pass of that epoch."
            )
        if close(final, [w1, w0]):
            fail(
                f"`{name}` never changed the weights: assign the updated values back to w1 "
                f"and w0 inside the loop."
            )
        if errors[-1] > errors[0]:
            fail(
                f"`{name}`'s error grew from {errors[0]:.3g} to {errors[-1]:.3g}: the update "
                f"is probably climbing (w + η·dE/dw) instead of descending."
            )
        fail(
            f"`{name}` ends at w1 = {final[0]:.4f}, w0 = {final[1]:.4f}, expected "
            f"{reference.w1:.4f}, {reference.w0:.4f}: each epoch must do the forward pass on "
            f"all points, record E, compute both gradients, then update both weights."
        )


TRAIN_LOOP = Exercise(
    name="train_loop",
    cases=_train_loop_cases,
    judge=_judge_train_loop,
    success="train_loop is correct: it follows mlcourse.train epoch by epoch.",
    forbidden=("mlcourse.train",),
)


def check_update(update: Callable, seed: int = 0) -> None:
    """Exercise 4.1: ``update(w1, w0, dE_dw1, dE_dw0, eta)`` returns one step of descent."""
    UPDATE.check(update, seed)


def check_train_loop(train_loop: Callable, seed: int = 0) -> None:
    """Exercise 4.2: ``train_loop(x, y, w1, w0, eta, epochs)`` returns (w1, w0, errors)."""
    TRAIN_LOOP.check(train_loop, seed)
