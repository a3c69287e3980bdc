"""Checks of lesson 4, training: ``update``, ``train_loop`` and ``least_squares``.

The training loop's mistakes are variants of one loop (:func:`descend`): error recorded after the
update, E/n instead of the SSE, one weight updated before the other's gradient, a gradient of
the wrong sign, a hard-coded η, an epoch too many, … each one line in ``TRAIN_LOOP``. When none
reproduces the learner's results, the message says at which epoch they part from the reference.

A correct loop may go through the points one at a time with the package's pieces, which is
hundreds of times slower than numpy on whole arrays: the time limit of each call is measured, as a
multiple of what such a loop takes on this machine for that call's points and epochs.

``least_squares`` is derived by setting both gradients to zero; its mistakes are the slips of
that derivation (no centring, a lost −w1·x̄, the best line through the origin) and of the numpy
calls that shortcut it (np.cov and np.var with different divisors).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

import mlcourse
from mlcourse import feedback
from mlcourse.checks.cases import (
    LESSON_EPOCHS,
    LESSON_ETA,
    LESSON_SIZE,
    lesson_data,
    lesson_start,
    sizes,
)
from mlcourse.checks.judging import (
    Judge,
    Misfit,
    Mistake,
    Numbers,
    Step,
    as_real_number,
    chained,
    close,
    describe,
    number,
    reordered_parameters,
)
from mlcourse.feedback import Exercise

# update -------------------------------------------------------------------------------------

NEURON_PIECES = (
    "mlcourse.predict",
    "mlcourse.sse",
    "mlcourse.mse",
    "mlcourse.grad_w1",
    "mlcourse.grad_w0",
)
"""The package's neuron, error and gradients, which the training exercises invite."""


def update_cases(seed: int) -> list[tuple]:
    rng = np.random.default_rng([seed, 4000])
    return [
        (
            *(round(float(v), 4) for v in rng.uniform(-3, 3, 4)),
            round(float(rng.uniform(0.01, 0.2)), 4),
        )
        for _ in range(4)
    ]


def update_reference(w1: float, w0: float, g1: float, g0: float, eta: float) -> tuple:
    return w1 - eta * g1, w0 - eta * g0


UPDATE_PARAMETERS = ("w1", "w0", "dE_dw1", "dE_dw0", "eta")

UPDATE_MISTAKES = (
    Mistake(
        "adds-gradient",
        "It adds the gradient: that climbs the error surface. Step against it, w − η·dE/dw.",
        lambda w1, w0, g1, g0, eta: (w1 + eta * g1, w0 + eta * g0),
    ),
    Mistake(
        "w1-climbs",
        "The new w1 climbs: it adds η·dE/dw1. Both weights step against their gradient, "
        "w − η·dE/dw.",
        lambda w1, w0, g1, g0, eta: (w1 + eta * g1, w0 - eta * g0),
    ),
    Mistake(
        "w0-climbs",
        "The new w0 climbs: it adds η·dE/dw0. Both weights step against their gradient, "
        "w − η·dE/dw.",
        lambda w1, w0, g1, g0, eta: (w1 - eta * g1, w0 + eta * g0),
    ),
    Mistake(
        "no-eta",
        "The learning rate is missing: w − η·dE/dw.",
        lambda w1, w0, g1, g0, eta: (w1 - g1, w0 - g0),
    ),
    Mistake(
        "no-eta-on-w0",
        "The new w1 is right, but w0 takes the whole gradient: the learning rate multiplies both "
        "steps, w0 − η·dE/dw0.",
        lambda w1, w0, g1, g0, eta: (w1 - eta * g1, w0 - g0),
    ),
    Mistake(
        "no-eta-on-w1",
        "The new w0 is right, but w1 takes the whole gradient: the learning rate multiplies both "
        "steps, w1 − η·dE/dw1.",
        lambda w1, w0, g1, g0, eta: (w1 - g1, w0 - eta * g0),
    ),
    Mistake(
        "divides-by-eta",
        "It divides by the learning rate: the step is η times the gradient, w − η·dE/dw.",
        lambda w1, w0, g1, g0, eta: (w1 - g1 / eta, w0 - g0 / eta),
    ),
    Mistake(
        "parentheses",
        "It computes (w − η)·dE/dw: the product comes first, w − η·dE/dw (check the parentheses).",
        lambda w1, w0, g1, g0, eta: ((w1 - eta) * g1, (w0 - eta) * g0),
    ),
    Mistake(
        "swapped-results",
        "The results are swapped: return (new w1, new w0), in that order.",
        lambda w1, w0, g1, g0, eta: (w0 - eta * g0, w1 - eta * g1),
    ),
    Mistake(
        "crossed",
        "Each weight moved by the other's gradient: w1 uses dE/dw1, w0 uses dE/dw0.",
        lambda w1, w0, g1, g0, eta: (w1 - eta * g0, w0 - eta * g1),
    ),
    Mistake(
        "steps",
        "It returns the steps η·dE/dw, not the new weights w − η·dE/dw.",
        lambda w1, w0, g1, g0, eta: (eta * g1, eta * g0),
    ),
    Mistake(
        "negative-steps",
        "It returns the steps −η·dE/dw, not the new weights: add them to the weights, w − η·dE/dw.",
        lambda w1, w0, g1, g0, eta: (-eta * g1, -eta * g0),
    ),
    Mistake(
        "only-w1",
        "Only w1 is updated: w0 must become w0 − η·dE/dw0 too.",
        lambda w1, w0, g1, g0, eta: (w1 - eta * g1, w0),
    ),
    Mistake(
        "only-w0",
        "Only w0 is updated: w1 must become w1 − η·dE/dw1 too.",
        lambda w1, w0, g1, g0, eta: (w1, w0 - eta * g0),
    ),
    Mistake(
        "unchanged",
        "It returns the weights it was given: return the new ones, w − η·dE/dw.",
        lambda w1, w0, g1, g0, eta: (w1, w0),
    ),
    Mistake(
        "only-new-w1",
        "It returns only the new w1: return both new weights, `return w1, w0`.",
        lambda w1, w0, g1, g0, eta: w1 - eta * g1,
    ),
    Mistake(
        "only-new-w0",
        "It returns only the new w0: return both new weights, `return w1, w0`.",
        lambda w1, w0, g1, g0, eta: w0 - eta * g0,
    ),
    Mistake(
        "w0-along-w1-gradient",
        "The new w0 steps along dE/dw1: w0 − η·dE/dw0.",
        lambda w1, w0, g1, g0, eta: (w1 - eta * g1, w0 - eta * g1),
    ),
    Mistake(
        "w1-along-w0-gradient",
        "The new w1 steps along dE/dw0: w1 − η·dE/dw1.",
        lambda w1, w0, g1, g0, eta: (w1 - eta * g0, w0 - eta * g0),
    ),
)

UPDATE = Exercise(
    name="update",
    cases=update_cases,
    judge=Judge(
        name="update",
        failing_warnings=(),
        parameters=UPDATE_PARAMETERS,
        reference=update_reference,
        result=Numbers(("the new w1", "the new w0"), example="return w1, w0"),
        mistakes=(
            *UPDATE_MISTAKES,
            reordered_parameters(
                update_reference,
                UPDATE_PARAMETERS,
                probe=(0.3, -1.7, 2.9, -0.6, 0.05),
                known=UPDATE_MISTAKES,
            ),
        ),
        rule="Each weight becomes w − η·dE/dw, returned as the pair (new w1, new w0).",
    ),
    success="update is correct: one step downhill, w ← w − η·dE/dw.",
)


# train_loop ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Loop:
    """How a training loop goes, right or wrong; :func:`descend` runs it."""

    error_scale: Callable[[int], float] = lambda n: 1.0
    """What each recorded error is multiplied by, as a function of the number of points."""
    gradient_scale: Callable[[int], float] = lambda n: 1.0
    signs: tuple[int, int] = (1, 1)
    """The signs of the gradients of w1 and w0 the update uses."""
    record: str = "before"
    """Record each epoch's error "before" or "after" its update."""
    order: str = "together"
    """Update both weights from one forward pass ("together"), or "w1 first" / "w0 first",
    each with a new forward pass between them."""
    crossed: bool = False
    """Each weight stepped along the other's gradient."""
    w1_gradient_without_x: bool = False
    eta: float | None = None
    """A learning rate used instead of the argument."""
    epochs: int | Callable[[int], int] | None = None
    start: tuple[float, float] | None = None
    lesson_data: bool = False
    stale_forward: bool = False
    """The forward pass done once, before the loop, instead of in every epoch."""


def descend(
    x: np.ndarray, y: np.ndarray, w1: float, w0: float, eta: float, epochs: int, loop: Loop
) -> tuple[float, float, list[float]]:
    """Full-batch gradient descent as ``loop`` says; returns (w1, w0, errors)."""
    if loop.lesson_data:
        x, y = lesson_data().x, lesson_data().y
    if loop.start is not None:
        w1, w0 = loop.start
    eta = eta if loop.eta is None else loop.eta
    if loop.epochs is not None:
        epochs = loop.epochs(epochs) if callable(loop.epochs) else loop.epochs
    error_scale, gradient_scale = loop.error_scale(len(x)), loop.gradient_scale(len(x))

    stale = w1 * x + w0

    def forward(w1: float, w0: float) -> np.ndarray:
        return stale if loop.stale_forward else w1 * x + w0

    def error(w1: float, w0: float) -> float:
        return error_scale * 0.5 * float(np.sum((y - forward(w1, w0)) ** 2))

    def gradients(w1: float, w0: float) -> tuple[float, float]:
        residual = y - forward(w1, w0)
        g1 = -np.sum(residual) if loop.w1_gradient_without_x else -np.sum(residual * x)
        g0 = -np.sum(residual)
        g1, g0 = (g0, g1) if loop.crossed else (g1, g0)
        return loop.signs[0] * gradient_scale * g1, loop.signs[1] * gradient_scale * g0

    errors = []
    for _ in range(epochs):
        if loop.record == "before":
            errors.append(error(w1, w0))
        g1, g0 = gradients(w1, w0)
        if loop.order == "w1 first":
            w1 = w1 - eta * g1
            w0 = w0 - eta * gradients(w1, w0)[1]
        elif loop.order == "w0 first":
            w0 = w0 - eta * g0
            w1 = w1 - eta * gradients(w1, w0)[0]
        else:
            w1, w0 = w1 - eta * g1, w0 - eta * g0
        if loop.record == "after":
            errors.append(error(w1, w0))
    return float(w1), float(w0), errors


def looping(**changes: Any) -> Callable[..., tuple]:
    """The result of a loop with ``changes`` from the right one, as a function of the call."""
    loop = replace(Loop(), **changes)
    return lambda x, y, w1, w0, eta, epochs: descend(x, y, w1, w0, eta, epochs, loop)


def train_loop_reference(
    x: np.ndarray, y: np.ndarray, w1: float, w0: float, eta: float, epochs: int
) -> tuple[float, float, np.ndarray]:
    history = mlcourse.train(x, y, w1, w0, eta=eta, epochs=epochs)
    return history.w1, history.w0, history.errors


def transformed(change: Callable[[tuple], Any]) -> Callable[..., Any]:
    """The right result, rearranged by ``change`` (e.g. returned in another order)."""
    return lambda *args: change(train_loop_reference(*args))


def with_final_error(
    x: np.ndarray, y: np.ndarray, w1: float, w0: float, eta: float, epochs: int
) -> tuple[float, float, list[float]]:
    """The right result with the error of the final weights appended."""
    w1, w0, errors = train_loop_reference(x, y, w1, w0, eta, epochs)
    return w1, w0, [*errors, mlcourse.sse(y, mlcourse.predict(x, w1, w0))]


def train_loop_cases(seed: int) -> list[tuple]:
    """Three runs, none with the lessons' 200 points, η = 0.001 or 300 epochs; the last
    converges to rounding, so a loop that stops early is seen."""
    rng = np.random.default_rng([seed, 5000])
    cases = []
    for n, epochs, fraction in zip(
        sizes(seed, 3, low=20, high=70),
        (*rng.integers(15, 45, 2), 200),
        (0.3, 0.5, None),
        strict=True,
    ):
        x = rng.random(n) * rng.uniform(1, 2)
        y = rng.uniform(1, 4) * x + rng.uniform(-0.5, 0.5) + rng.normal(0.0, 0.2, n)
        w1, w0 = float(rng.uniform(-3, -2)), float(rng.uniform(0, 2))
        if fraction is None:
            eta = mlcourse.fastest_learning_rate(x)
        else:
            eta = fraction * mlcourse.critical_learning_rate(x)
        cases.append((x, y, round(w1, 4), round(w0, 4), round(float(eta), 6), int(epochs)))
    return cases


@dataclass(frozen=True)
class TrainingResult:
    """The result of ``train_loop``: (w1, w0, errors), one error per epoch."""

    def conform(self, value: Any, expected: tuple) -> tuple[float, float, np.ndarray]:
        epochs = len(expected[2])
        three = "the three values (w1, w0, errors): `return w1, w0, errors`"
        if value is None:
            raise Misfit(f"returned None: end with {three}")
        if not isinstance(value, tuple | list) or len(value) != 3:
            raise Misfit(f"returned {describe(value)}; it should return {three}")
        weights = []
        for name, item in zip(("w1", "w0"), value[:2], strict=False):
            try:
                weights.append(as_real_number(item))
            except Misfit as misfit:
                raise Misfit(
                    f"returned as {name} something that is not a number: it {misfit}"
                ) from None
        errors = value[2]
        if isinstance(errors, tuple | list):
            items = []
            for item in errors:
                if isinstance(item, np.ndarray) and item.ndim > 0:
                    raise Misfit(
                        f"recorded as each epoch's error {describe(item)}: record the error of "
                        f"the whole batch, one number (E = ½·Σ(y − ŷ)², mc.sse)"
                    )
                try:
                    items.append(as_real_number(item))
                except Misfit as misfit:
                    raise Misfit(f"recorded an error that is not a number: it {misfit}") from None
            errors = np.array(items, dtype=np.float64)
        elif isinstance(errors, np.ndarray) and errors.ndim == 1 and errors.dtype.kind in "iuf":
            errors = errors.astype(np.float64)
        else:
            raise Misfit(
                f"returned as errors {describe(errors)}: return the list of the errors, one per "
                f"epoch (errors.append(E) inside the loop)"
            )
        if errors.size != epochs:
            raise Misfit(
                f"recorded {errors.size} error{'s' * (errors.size != 1)} for {epochs} epochs: "
                f"record one per epoch, "
                f"inside the loop, and run exactly `epochs` epochs"
            )
        return weights[0], weights[1], errors

    def agree(self, value: tuple, expected: tuple, rtol: float) -> bool:
        return all(close(a, b, rtol) for a, b in zip(value, expected, strict=True))

    def facts(self, value: tuple, expected: tuple) -> str:
        w1, w0, errors = value
        right = np.isclose(errors, expected[2], rtol=TRAIN_RTOL, atol=1e-12)
        ends = (
            f"it ends at w1 = {number(w1)}, w0 = {number(w0)}, expected "
            f"{number(expected[0])}, {number(expected[1])}"
        )
        if right.all():
            return (
                f"recorded the right error in every epoch, but {ends}: return the weights as "
                f"the last update left them"
            )
        k = int(np.flatnonzero(~right)[0])
        got, want = number(errors[k]), number(expected[2][k])
        if k == 0:
            return (
                f"recorded E = {got} in the first epoch, expected {want} (the error of the "
                f"starting weights, before any update); {ends}"
            )
        agreed = "in the first epoch (epoch 0)" if k == 1 else f"in epochs 0 to {k - 1}"
        return (
            f"recorded the expected errors {agreed}, but E = {got} in epoch {k}, expected "
            f"{want}; {ends}"
        )


TRAIN_RTOL = 1e-7
"""Loops that add up in another order (point by point) agree to about 1e-13; 1e-7 is loose
enough for them and tight enough for any real mistake."""
SLOW_FACTOR = 5
"""A call may take this many times what a point-by-point loop takes here (plus the default)."""


@functools.cache
def seconds_per_point() -> float:
    """Seconds one point of one epoch takes in a slow but correct loop on this machine: each
    point through the package's pieces one at a time (best of three measurements)."""
    x = np.linspace(0.0, 1.0, 40)
    y = 3.0 * x
    best = np.inf
    for _ in range(3):
        started = time.perf_counter()
        point_by_point(x, y, 0.0, 0.0, 0.001, 3)
        best = min(best, time.perf_counter() - started)
    return best / (x.size * 3)


def point_by_point(
    x: np.ndarray, y: np.ndarray, w1: float, w0: float, eta: float, epochs: int
) -> tuple[float, float, list[float]]:
    """The training loop one point at a time with the package's pieces: slow, and correct."""
    errors = []
    for _ in range(epochs):
        error = g1 = g0 = 0.0
        for i in range(x.size):
            x_i, y_i = x[i : i + 1], y[i : i + 1]
            y_hat_i = mlcourse.predict(x_i, w1, w0)
            error += mlcourse.sse(y_i, y_hat_i)
            g1 += mlcourse.grad_w1(y_i, y_hat_i, x_i)
            g0 += mlcourse.grad_w0(y_i, y_hat_i)
        errors.append(error)
        w1, w0 = w1 - eta * g1, w0 - eta * g0
    return w1, w0, errors


def train_loop_limits(calls: list[tuple]) -> list[float]:
    """Seconds each call may run: the default, plus ``SLOW_FACTOR`` times what a
    point-by-point loop needs for its points and epochs here."""
    per_point = seconds_per_point()
    return [
        feedback.DEFAULT_TIMEOUT + SLOW_FACTOR * per_point * len(x) * epochs
        for x, _, _, _, _, epochs in calls
    ]


TRAIN_LOOP = Exercise(
    name="train_loop",
    cases=train_loop_cases,
    judge=Judge(
        name="train_loop",
        failing_warnings=(),
        parameters=("x", "y", "w1", "w0", "eta", "epochs"),
        reference=train_loop_reference,
        result=TrainingResult(),
        rtol=TRAIN_RTOL,
        mistakes=(
            Mistake(
                "recorded-after",
                "It records the error after the update; the lesson records it before, from the "
                "forward pass of that epoch (errors[0] is the error of the starting weights).",
                looping(record="after"),
            ),
            Mistake(
                "errors-over-n",
                "Its weights are right, but the errors it records are E/n, half the mean "
                "squared error: record the SSE, ½·Σ(y − ŷ)² (mc.sse).",
                looping(error_scale=lambda n: 1 / n),
            ),
            Mistake(
                "errors-mse",
                "Its weights are right, but the errors it records are the mean squared error, "
                "mean((y − ŷ)²): record the SSE, ½·Σ(y − ŷ)² (mc.sse).",
                looping(error_scale=lambda n: 2 / n),
            ),
            Mistake(
                "errors-no-half",
                "Its weights are right, but the errors it records are twice the SSE (no ½): "
                "record ½·Σ(y − ŷ)² (mc.sse).",
                looping(error_scale=lambda n: 2.0),
            ),
            Mistake(
                "gradients-over-n",
                "It steps along the gradients divided by n (those of E/n, half the mean squared "
                "error): this lesson's E is the sum, so use mc.grad_w1 and mc.grad_w0 as they are.",
                looping(gradient_scale=lambda n: 1 / n),
            ),
            Mistake(
                "trains-on-e-over-n",
                "It trains on E/n, half the mean squared error (errors and gradients divided by "
                "n): this lesson's E is the sum, the SSE.",
                looping(gradient_scale=lambda n: 1 / n, error_scale=lambda n: 1 / n),
            ),
            Mistake(
                "w1-climbs",
                "w1 climbs: the gradient of w1 it steps against has the wrong sign. Check the "
                "order of the arguments, mc.grad_w1(y, y_hat, x), and that the step is "
                "w1 − η·dE/dw1.",
                looping(signs=(-1, 1)),
            ),
            Mistake(
                "w0-climbs",
                "w0 climbs: the gradient of w0 it steps against has the wrong sign. Check the "
                "order of the arguments, mc.grad_w0(y, y_hat), and that the step is "
                "w0 − η·dE/dw0.",
                looping(signs=(1, -1)),
            ),
            Mistake(
                "both-climb",
                "Both weights climb: the gradients it steps against have the wrong sign (y and "
                "y_hat swapped in mc.grad_w1(y, y_hat, x) and mc.grad_w0(y, y_hat)?), or the "
                "step adds η·dE/dw.",
                looping(signs=(-1, -1)),
            ),
            Mistake(
                "w1-first",
                "It updates w1 first and computes w0's gradient from a new forward pass with "
                "the new w1: compute both gradients from the same ŷ, then update both weights.",
                looping(order="w1 first"),
            ),
            Mistake(
                "w0-first",
                "It updates w0 first and computes w1's gradient from a new forward pass with "
                "the new w0: compute both gradients from the same ŷ, then update both weights.",
                looping(order="w0 first"),
            ),
            Mistake(
                "crossed",
                "Each weight moves along the other's gradient: check the order of the arguments "
                "of update(w1, w0, dE_dw1, dE_dw0, eta).",
                looping(crossed=True),
            ),
            Mistake(
                "w1-without-x",
                "w1 moves along dE/dw0: w1's gradient is mc.grad_w1(y, y_hat, x).",
                looping(w1_gradient_without_x=True),
            ),
            Mistake(
                "lesson-eta",
                f"It uses η = {LESSON_ETA:g} (the lesson's) instead of the argument `eta`.",
                looping(eta=LESSON_ETA),
            ),
            Mistake(
                "lesson-epochs",
                f"It runs {LESSON_EPOCHS} epochs (the lesson's) instead of the argument `epochs`.",
                looping(epochs=LESSON_EPOCHS),
            ),
            Mistake(
                "one-epoch-too-many",
                "It runs one epoch too many: `for epoch in range(epochs)` runs exactly `epochs`.",
                looping(epochs=lambda e: e + 1),
            ),
            Mistake(
                "one-epoch-too-few",
                "It runs one epoch too few: `for epoch in range(epochs)` runs exactly `epochs`.",
                looping(epochs=lambda e: e - 1),
            ),
            Mistake(
                "lesson-start",
                "It starts from the lesson's w1_start, w0_start instead of the arguments `w1` "
                "and `w0`.",
                looping(start=lesson_start()),
            ),
            Mistake(
                "lesson-data",
                "It trains on the notebook's data.x and data.y instead of the arguments `x` "
                "and `y`.",
                looping(lesson_data=True),
            ),
            Mistake(
                "weights-never-change",
                "Its weights never change: assign the new weights back inside the loop, "
                "`w1, w0 = update(...)`.",
                looping(eta=0.0),
            ),
            Mistake(
                "stale-forward",
                "It does the forward pass once, before the loop: ŷ must be computed from the "
                "current weights in every epoch, inside the loop.",
                looping(stale_forward=True),
            ),
            Mistake(
                "returns-early",
                "It returns after the first epoch: the `return` belongs after the loop (check "
                "its indentation).",
                looping(epochs=lambda e: 1),
            ),
            Mistake(
                "last-error-only-list",
                "It keeps only the last epoch's error: create the list once, before the loop "
                "(`errors = []`), and append to it in every epoch.",
                transformed(lambda r: (r[0], r[1], r[2][-1:])),
            ),
            Mistake(
                "final-error",
                "It records one error too many, that of the final weights after the loop: record "
                "one per epoch, before each update.",
                with_final_error,
            ),
            Mistake(
                "last-error",
                "It returns only the last error: return the list of all of them, one per epoch.",
                transformed(lambda r: (r[0], r[1], r[2][-1])),
            ),
            Mistake(
                "swapped-weights",
                "It returns (w0, w1, errors): the order is (w1, w0, errors).",
                transformed(lambda r: (r[1], r[0], r[2])),
            ),
            Mistake(
                "errors-first",
                "It returns (errors, w1, w0): the order is (w1, w0, errors).",
                transformed(lambda r: (r[2], r[0], r[1])),
            ),
        ),
        rule=(
            "Each epoch: the forward pass on all points, record E, compute both gradients, "
            "then update both weights."
        ),
        lesson_size=LESSON_SIZE,
    ),
    success="train_loop is correct: it follows mlcourse.train epoch by epoch.",
    forbidden=("mlcourse.train",),
    invites=NEURON_PIECES,
    timeouts=train_loop_limits,
)


# least_squares ------------------------------------------------------------------------------


def least_squares_cases(seed: int) -> list[tuple]:
    """(x, y): three data sets, none with 200 points, with x̄ and the intercept far from 0 (so
    forgetting a centring or an intercept shows)."""
    rng = np.random.default_rng([seed, 5500])
    cases = []
    for n in sizes(seed, 3, low=8, high=80):
        x = rng.uniform(-1.0, 3.0) + rng.random(n) * rng.uniform(1.0, 3.0)
        y = rng.uniform(-3.0, 3.0) * x + rng.uniform(1.0, 3.0) + rng.normal(0.0, 0.3, n)
        cases.append((x, y))
    return cases


def least_squares_reference(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    return mlcourse.least_squares(x, y)


def centred_slope(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2))


LEAST_SQUARES_MISTAKES = (
    Mistake(
        "through-origin",
        "That is the best line through the origin, w1 = Σxy/Σx² and w0 = 0: the bias input lets "
        "the line move up and down, so set dE/dw0 = 0 too (it gives w0 = ȳ − w1·x̄).",
        lambda x, y: (float(np.sum(x * y) / np.sum(x * x)), 0.0),
    ),
    Mistake(
        "origin-slope",
        "w0 = ȳ − w1·x̄ is right, but w1 = Σxy/Σx² is the slope of a line through the origin: "
        "put w0 = ȳ − w1·x̄ into dE/dw1 = 0, which gives w1 = Σ(x − x̄)(y − ȳ)/Σ(x − x̄)².",
        lambda x, y: (
            float(np.sum(x * y) / np.sum(x * x)),
            float(y.mean() - np.sum(x * y) / np.sum(x * x) * x.mean()),
        ),
    ),
    Mistake(
        "intercept-y-bar",
        "w1 is right, but w0 = ȳ: dE/dw0 = 0 says Σ(y − w1·x − w0) = 0, that is w0 = ȳ − w1·x̄.",
        lambda x, y: (centred_slope(x, y), float(y.mean())),
    ),
    Mistake(
        "intercept-sign",
        "w1 is right, but w0 = ȳ + w1·x̄: the sign of w1·x̄ is wrong, w0 = ȳ − w1·x̄.",
        lambda x, y: (centred_slope(x, y), float(y.mean() + centred_slope(x, y) * x.mean())),
    ),
    Mistake(
        "cov-n-minus-one",
        "w1 is off by the factor n/(n − 1): np.cov divides by n − 1 and np.var by n. Use the "
        "same divisor for both (np.cov(x, y, bias=True), or np.var(x, ddof=1)).",
        lambda x, y: (
            centred_slope(x, y) * len(x) / (len(x) - 1),
            float(y.mean() - centred_slope(x, y) * len(x) / (len(x) - 1) * x.mean()),
        ),
    ),
    Mistake(
        "var-n-minus-one",
        "w1 is off by the factor (n − 1)/n: np.var(x, ddof=1) divides by n − 1 and the "
        "covariance by n. Use the same divisor for both.",
        lambda x, y: (
            centred_slope(x, y) * (len(x) - 1) / len(x),
            float(y.mean() - centred_slope(x, y) * (len(x) - 1) / len(x) * x.mean()),
        ),
    ),
    Mistake(
        "swapped-results",
        "The results are swapped: return (w1, w0), the slope first (np.polyfit returns them in "
        "that order too).",
        lambda x, y: least_squares_reference(x, y)[::-1],
    ),
    Mistake(
        "only-w1",
        "It returns only w1: return both weights, `return w1, w0`.",
        lambda x, y: centred_slope(x, y),
    ),
    Mistake(
        "lesson-data",
        "That is the least-squares line of the notebook's data.x and data.y: use the arguments "
        "`x` and `y`.",
        lambda x, y: least_squares_reference(lesson_data().x, lesson_data().y),
    ),
)

LEAST_SQUARES_SLOPES = (
    Step("", "", centred_slope),
    Step(
        "slope-through-origin",
        "w1 = Σxy/Σx² is the slope of a line through the origin: put w0 = ȳ − w1·x̄ into "
        "dE/dw1 = 0, which gives w1 = Σ(x − x̄)(y − ȳ)/Σ(x − x̄)²",
        lambda x, y: float(np.sum(x * y) / np.sum(x * x)),
    ),
    Step(
        "slope-n-over-n-minus-one",
        "w1 is off by the factor n/(n − 1): np.cov divides by n − 1 and np.var by n; use the "
        "same divisor for both",
        lambda x, y: centred_slope(x, y) * len(x) / (len(x) - 1),
    ),
    Step(
        "slope-n-minus-one-over-n",
        "w1 is off by the factor (n − 1)/n: np.var(x, ddof=1) divides by n − 1 and the "
        "covariance by n; use the same divisor for both",
        lambda x, y: centred_slope(x, y) * (len(x) - 1) / len(x),
    ),
    Step(
        "slope-uncentred-denominator",
        "w1 divides by Σx², not Σ(x − x̄)²: centre both sums, w1 = Σ(x − x̄)(y − ȳ)/Σ(x − x̄)²",
        lambda x, y: float(np.sum((x - x.mean()) * (y - y.mean())) / np.sum(x * x)),
    ),
    Step(
        "slope-spread-of-y",
        "w1 divides by Σ(y − ȳ)², the spread of y: the slope of y on x divides by that of x, "
        "w1 = Σ(x − x̄)(y − ȳ)/Σ(x − x̄)²",
        lambda x, y: float(np.sum((x - x.mean()) * (y - y.mean())) / np.sum((y - y.mean()) ** 2)),
    ),
    Step(
        "slope-correlation",
        "w1 is the correlation of x and y (np.corrcoef), which has no units: the slope is "
        "Σ(x − x̄)(y − ȳ)/Σ(x − x̄)², the correlation times spread(y)/spread(x)",
        lambda x, y: float(np.corrcoef(x, y)[0, 1]),
    ),
    Step(
        "slope-ratio-of-means",
        "w1 = ȳ/x̄ is the slope of the line through the origin and the point of means: the "
        "second equation, dE/dw1 = 0, gives w1 = Σ(x − x̄)(y − ȳ)/Σ(x − x̄)²",
        lambda x, y: float(y.mean() / x.mean()),
    ),
    Step(
        "slope-upside-down",
        "w1 is upside down, Σ(x − x̄)²/Σ(x − x̄)(y − ȳ): w1 = Σ(x − x̄)(y − ȳ)/Σ(x − x̄)²",
        lambda x, y: 1 / centred_slope(x, y),
    ),
)
"""The slopes an answer may derive, the right one first."""

LEAST_SQUARES_INTERCEPTS = (
    Step("", "", lambda x, y, w1: float(y.mean() - w1 * x.mean())),
    Step(
        "intercept-mean-of-y",
        "w0 = ȳ: dE/dw0 = 0 says Σ(y − w1·x − w0) = 0, that is w0 = ȳ − w1·x̄",
        lambda x, y, w1: float(y.mean()),
    ),
    Step(
        "intercept-plus",
        "w0 = ȳ + w1·x̄: the sign of w1·x̄ is wrong, w0 = ȳ − w1·x̄",
        lambda x, y, w1: float(y.mean() + w1 * x.mean()),
    ),
    Step(
        "intercept-without-x-bar",
        "w0 = ȳ − w1 lacks x̄: dE/dw0 = 0 divided by N says w0 = ȳ − w1·x̄",
        lambda x, y, w1: float(y.mean() - w1),
    ),
    Step(
        "intercept-sums",
        "w0 = Σy − w1·Σx uses sums where the means belong: divide the first equation by N, "
        "w0 = ȳ − w1·x̄",
        lambda x, y, w1: float(np.sum(y) - w1 * np.sum(x)),
    ),
    Step(
        "intercept-zero",
        "w0 = 0: the bias input lets the line move up and down, so dE/dw0 = 0 gives w0 = ȳ − w1·x̄",
        lambda x, y, w1: 0.0,
    ),
)
"""The intercepts an answer may take from its slope, the right one first."""

LEAST_SQUARES_ORDERS = (
    Step("", "", lambda w: w),
    Step(
        "swapped-results",
        "the results are swapped: return (w1, w0), the slope first (np.polyfit returns them "
        "in that order too)",
        lambda w: w[::-1],
    ),
)


def fitted(choices: tuple[Step, Step, Step], x: np.ndarray, y: np.ndarray) -> tuple:
    slope, intercept, order = choices
    w1 = slope.apply(x, y)
    return order.apply((w1, intercept.apply(x, y, w1)))


LEAST_SQUARES = Exercise(
    name="least_squares",
    cases=least_squares_cases,
    judge=Judge(
        name="least_squares",
        failing_warnings=(),
        parameters=("x", "y"),
        reference=least_squares_reference,
        result=Numbers(("w1", "w0"), example="return w1, w0"),
        rtol=1e-7,
        mistakes=(
            *LEAST_SQUARES_MISTAKES,
            chained(
                (LEAST_SQUARES_SLOPES, LEAST_SQUARES_INTERCEPTS, LEAST_SQUARES_ORDERS),
                fitted,
                (
                    (np.array([0.0, 1.0, 3.0, 4.5]), np.array([1.0, 0.0, 4.0, 5.0])),
                    (np.array([2.0, 2.5, 3.5, 5.0, 6.0]), np.array([-1.0, 0.5, 0.0, 2.0, 4.0])),
                ),
                known=LEAST_SQUARES_MISTAKES,
            ),
            reordered_parameters(
                least_squares_reference,
                ("x", "y"),
                probe=(np.array([0.0, 1.0, 3.0]), np.array([1.0, 0.0, 4.0])),
                known=LEAST_SQUARES_MISTAKES,
                calls="np.polyfit(x, y, 1) takes x first, and so do np.cov(x, y) and "
                "np.linalg.lstsq(X, y) its matrix of inputs",
            ),
        ),
        rule=(
            "dE/dw0 = 0 gives w0 = ȳ − w1·x̄; put it into dE/dw1 = 0 and "
            "w1 = Σ(x − x̄)(y − ȳ)/Σ(x − x̄)²."
        ),
        lesson_size=LESSON_SIZE,
    ),
    success=(
        "least_squares is correct: both gradients vanish at w1 = Σ(x − x̄)(y − ȳ)/Σ(x − x̄)², "
        "w0 = ȳ − w1·x̄."
    ),
    forbidden=("mlcourse.least_squares", "mlcourse.kernels.least_squares"),
)


def check_update(update: Callable, seed: int = 0) -> None:
    """Exercise 4.1: ``update(w1, w0, dE_dw1, dE_dw0, eta)`` returns one step of descent."""
    UPDATE.check(update, seed)


def check_train_loop(train_loop: Callable, seed: int = 0) -> None:
    """Exercise 4.2: ``train_loop(x, y, w1, w0, eta, epochs)`` returns (w1, w0, errors)."""
    TRAIN_LOOP.check(train_loop, seed)


def check_least_squares(least_squares: Callable, seed: int = 0) -> None:
    """Exercise 4.3: ``least_squares(x, y)`` returns the weights (w1, w0) where both gradients
    are zero."""
    LEAST_SQUARES.check(least_squares, seed)
