"""Checks of lesson 2, the forward pass and the error: ``linear``, ``predict``, ``sse`` and
``expected_sse`` (the error the true line makes on average, ½·n·σ², derived before it is shown).

The mean squared error is named as every library names it, MSE = mean((y − ŷ)²), with no ½.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import mlcourse
from mlcourse.checks.cases import LESSON_SIZE, lesson_data, regression_cases, sizes
from mlcourse.checks.judging import (
    Judge,
    Mistake,
    Number,
    Step,
    Vector,
    chained,
    estimated,
    reordered_parameters,
)
from mlcourse.feedback import Exercise


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(0, z)


# Activations a learner may write instead of the identity, each with its name.
NOT_THE_IDENTITY = (
    ("sigmoid", "the sigmoid 1/(1 + e^(−z))", sigmoid),
    ("relu", "a ReLU, max(0, z)", relu),
    ("tanh", "tanh(z)", np.tanh),
    ("leaky-relu", "a leaky ReLU", lambda z: np.where(z > 0, z, 0.01 * z)),
    ("derivative", "the derivative of the linear activation (1 for every z)", np.ones_like),
    ("derivative-number", "the derivative of the linear activation (1 for every z)", lambda z: 1),
)


def both_signs(rng: np.random.Generator, n: int, low: float, high: float) -> np.ndarray:
    """n values uniform on [low, high), at least a quarter of them on each side of 0, so that
    an activation that is not the identity shows in every call."""
    values = rng.uniform(low, high, n)
    while min(np.sum(values < 0), np.sum(values > 0)) < n // 4:
        values = rng.uniform(low, high, n)
    return values


def linear_cases(seed: int) -> list[tuple]:
    rng = np.random.default_rng([seed, 2100])
    return [(both_signs(rng, n, -3.0, 3.0),) for n in sizes(seed, 3, low=10)]


LINEAR = Exercise(
    name="linear",
    cases=linear_cases,
    judge=Judge(
        name="linear",
        failing_warnings=(),
        parameters=("z",),
        reference=lambda z: z,
        result=Vector(),
        mistakes=(
            *(
                Mistake(
                    f"activation-{key}",
                    f"That is {what}: the linear activation does nothing, linear(z) returns z "
                    f"itself.",
                    lambda z, f=f: f(z),
                )
                for key, what, f in NOT_THE_IDENTITY
            ),
            Mistake(
                "sum",
                "It returns the sum of z: linear(z) returns z itself, one value per point.",
                lambda z: np.sum(z),
            ),
            Mistake(
                "wrapped",
                "It wraps z in another array, np.array([z]), of shape (1, n): return z itself.",
                lambda z: np.array([z]),
            ),
        ),
        rule="The linear activation returns its input unchanged: linear(z) = z.",
        lesson_size=LESSON_SIZE,
    ),
    success="linear is correct: it returns z unchanged.",
    forbidden=("mlcourse.linear",),
)


def predict_cases(seed: int) -> list[tuple]:
    """x, w1, w0 whose z = w1·x + w0 takes both signs, with w1 and w0 far enough apart to tell
    them from each other."""
    rng = np.random.default_rng([seed, 2000])
    cases = []
    for n in sizes(seed, 3, low=10):
        w1 = round(float(rng.choice([-1, 1]) * rng.uniform(1.0, 3.0)), 3)
        w0 = round(float(rng.uniform(0.3, 0.9)), 3)
        z = both_signs(rng, n, -3.0, 3.0)
        cases.append(((z - w0) / w1, w1, w0))
    return cases


def predict_reference(x: np.ndarray, w1: float, w0: float) -> np.ndarray:
    return mlcourse.predict(x, w1, w0)


PREDICT = Exercise(
    name="predict",
    cases=predict_cases,
    judge=Judge(
        name="predict",
        failing_warnings=(),
        parameters=("x", "w1", "w0"),
        reference=predict_reference,
        result=Vector(),
        mistakes=(
            Mistake(
                "no-bias",
                "The bias is forgotten: add w0·x0, with the bias input x0 = 1.",
                lambda x, w1, w0: w1 * x,
            ),
            Mistake(
                "weights-swapped",
                "w1 and w0 are swapped: w1 multiplies the input x1, w0 multiplies x0 = 1.",
                lambda x, w1, w0: w0 * x + w1,
            ),
            Mistake(
                "no-input",
                "The input is missing: ŷ = w1·x1 + w0·x0, with x1 the array `x`.",
                lambda x, w1, w0: w1 + w0,
            ),
            Mistake(
                "bias-times-x",
                "w0 multiplies x too: its input is the bias x0 = 1, so ŷ = w1·x + w0.",
                lambda x, w1, w0: (w1 + w0) * x,
            ),
            Mistake(
                "bias-subtracted",
                "The bias is subtracted: ŷ = w1·x1 + w0·x0, with x0 = 1.",
                lambda x, w1, w0: w1 * x - w0,
            ),
            Mistake(
                "lesson-data",
                "It uses the notebook's data.x instead of the argument `x`.",
                lambda x, w1, w0: w1 * lesson_data().x + w0,
            ),
            Mistake(
                "bias-input-added",
                "It adds the bias input x0 = 1 itself, not its term w0·x0: ŷ = w1·x1 + w0·x0.",
                lambda x, w1, w0: w1 * x + 1,
            ),
            *(
                Mistake(
                    f"activation-{key}",
                    f"That is {what} of w1·x + w0: the activation must do nothing, "
                    f"linear(z) = z. Check your `linear`.",
                    lambda x, w1, w0, f=f: f(w1 * x + w0),
                )
                for key, what, f in NOT_THE_IDENTITY[:4]
            ),
        ),
        rule="ŷ = linear(w1·x1 + w0·x0), with x0 = 1 and linear(z) = z.",
        lesson_size=LESSON_SIZE,
    ),
    success="predict is correct: ŷ = w1·x1 + w0·x0.",
    forbidden=("mlcourse.predict",),
    invites=("mlcourse.linear",),
)


def sse_cases(seed: int) -> list[tuple]:
    return [(y, y_hat) for _, y, y_hat in regression_cases(seed)]


def sse_reference(y: np.ndarray, y_hat: np.ndarray) -> float:
    return mlcourse.sse(y, y_hat)


def squares(y: np.ndarray, y_hat: np.ndarray) -> float:
    return float(np.sum((y - y_hat) ** 2))


SSE = Exercise(
    name="sse",
    cases=sse_cases,
    judge=Judge(
        name="sse",
        failing_warnings=(),
        parameters=("y", "y_hat"),
        reference=sse_reference,
        result=Number(),
        mistakes=(
            Mistake(
                "no-half",
                "That is twice the SSE: you forgot the ½.",
                lambda y, p: squares(y, p),
            ),
            Mistake(
                "half-twice",
                "That is half the SSE: the ½ is there twice.",
                lambda y, p: squares(y, p) / 4,
            ),
            Mistake(
                "half-mean",
                "That is ½·mean((y − ŷ)²), half the mean squared error: this lesson adds up "
                "over the batch (the SSE), so use np.sum, not np.mean.",
                lambda y, p: squares(y, p) / 2 / len(y),
            ),
            Mistake(
                "mse",
                "That is mean((y − ŷ)²), the mean squared error (MSE): this lesson's E is "
                "½·Σ(y − ŷ)², so use ½·np.sum.",
                lambda y, p: squares(y, p) / len(y),
            ),
            Mistake(
                "rmse",
                "That is the root of the mean squared error: E = ½·Σ(y − ŷ)² has no root and "
                "no mean.",
                lambda y, p: np.sqrt(squares(y, p) / len(y)),
            ),
            Mistake(
                "not-squared",
                "The residuals are not squared: E = ½·Σ(y − ŷ)².",
                lambda y, p: 0.5 * np.sum(y - p),
            ),
            Mistake(
                "absolute",
                "You used absolute values: E squares the residuals, ½·Σ(y − ŷ)².",
                lambda y, p: 0.5 * np.sum(np.abs(y - p)),
            ),
            Mistake(
                "absolute-no-half",
                "You used absolute values and no ½: E = ½·Σ(y − ŷ)².",
                lambda y, p: np.sum(np.abs(y - p)),
            ),
            Mistake(
                "square-outside",
                "The square is outside the sum: square each residual, then add them up.",
                lambda y, p: 0.5 * np.sum(y - p) ** 2,
            ),
            Mistake(
                "root",
                "You took a square root: the SSE has none.",
                lambda y, p: 0.5 * np.sqrt(squares(y, p)),
            ),
            Mistake(
                "norm",
                "That is the length of the residual vector, np.linalg.norm(y − ŷ): the SSE is "
                "½·Σ(y − ŷ)², with no root.",
                lambda y, p: np.sqrt(squares(y, p)),
            ),
            Mistake(
                "only-y-hat-squared",
                "Only ŷ is squared: write the parentheses, (y - y_hat) ** 2, so the whole "
                "residual is squared.",
                lambda y, p: 0.5 * np.sum(y - p**2),
            ),
            Mistake(
                "difference-of-squares",
                "That is ½·Σ(y² − ŷ²): square the residual, (y − ŷ)², not each term.",
                lambda y, p: 0.5 * np.sum(y**2 - p**2),
            ),
            Mistake(
                "per-point",
                "It returns one value per point: the error of the whole batch is their sum, "
                "so add them up with np.sum.",
                lambda y, p: 0.5 * (y - p) ** 2,
            ),
        ),
        rule="E = ½·Σ(y − ŷ)², one number for the whole batch.",
        lesson_size=LESSON_SIZE,
    ),
    success="sse is correct: E = ½·Σ(y − ŷ)² over the whole batch.",
    forbidden=("mlcourse.sse", "mlcourse.mse"),
)


# expected_sse ------------------------------------------------------------------------------


def expected_sse_cases(seed: int) -> list[tuple]:
    """(n, noise_std): spreads other than 1 (so σ and σ² differ), none of the lesson's."""
    rng = np.random.default_rng([seed, 2500])
    return [
        (n, round(float(rng.uniform(low, high)), 3))
        for n, (low, high) in zip(
            sizes(seed, 3, low=8, high=120), ((0.05, 0.5), (1.5, 4.0), (0.2, 0.8)), strict=True
        )
    ]


def expected_sse_reference(n: int, noise_std: float) -> float:
    return 0.5 * n * noise_std**2


EXPECTED_SSE_MISTAKES = (
    Mistake(
        "no-half",
        "That is n·σ², twice the answer: E carries a ½, E = ½·Σ(y − ŷ)².",
        lambda n, sd: n * sd**2,
    ),
    Mistake(
        "sigma-not-squared",
        "That is ½·n·σ: each residual is about σ, but E adds up their squares, and the average "
        "square of a noise value is its variance σ².",
        lambda n, sd: 0.5 * n * sd,
    ),
    Mistake(
        "one-point",
        "That is ½·σ², the error of one point: E adds up all n of them.",
        lambda n, sd: 0.5 * sd**2,
    ),
    Mistake(
        "variance",
        "That is σ², the average squared residual (the MSE of the true line): E is ½ times the "
        "sum of the n squares.",
        lambda n, sd: sd**2,
    ),
    Mistake(
        "best-line",
        "That is ½·(n − 2)·σ², what the best-fitting line leaves on average (it spends two "
        "weights fitting the noise): the true line's residuals are the noise itself, so its E "
        "is ½·n·σ² on average.",
        lambda n, sd: 0.5 * (n - 2) * sd**2,
    ),
    Mistake(
        "square-of-sum",
        "That is ½·(n·σ)², the square of a sum: E adds up n squares, each σ² on average.",
        lambda n, sd: 0.5 * (n * sd) ** 2,
    ),
    Mistake(
        "root",
        "That is ½·√n·σ, the root of what you want: E adds up squares, ½·n·σ².",
        lambda n, sd: 0.5 * np.sqrt(n) * sd,
    ),
    Mistake(
        "times-two-for-square",
        "It multiplies σ by 2 where it squares it: `noise_std*2` is 2σ, `noise_std**2` is σ², "
        "the average square of a noise value.",
        lambda n, sd: 0.5 * n * sd * 2,
    ),
    Mistake(
        "measured-on-lesson-data",
        "It measures the true line's error on the notebook's data (1.056 for the lesson's 200 "
        "points), whatever n and noise_std it is given: the exercise asks for the error the "
        "true line makes on average, a formula in n and σ.",
        lambda n, sd: mlcourse.sse(lesson_data().y, 3.0 * lesson_data().x),
    ),
    Mistake(
        "lesson-noise",
        "It uses the lesson's σ = 0.1 instead of the argument `noise_std`.",
        lambda n, sd: 0.5 * n * 0.01,
    ),
    Mistake(
        "lesson-size",
        "It uses the lesson's n = 200 instead of the argument `n`.",
        lambda n, sd: 0.5 * LESSON_SIZE * sd**2,
    ),
)

HALVES = (
    Step("", "", lambda: 0.5),
    Step("without-half", "it leaves out the ½ of E = ½·Σ(y − ŷ)²", lambda: 1.0),
    Step("half-twice", "it halves twice: E has one ½", lambda: 0.25),
)
COUNTS = (
    Step("", "", lambda n: n),
    Step("one-point-only", "it counts one point: E adds up all n of them", lambda n: 1),
    Step(
        "n-minus-one",
        "it counts n − 1 points: n − 1 belongs to estimating σ² from residuals, not to the "
        "true line's n residuals, each σ² on average",
        lambda n: n - 1,
    ),
    Step(
        "n-minus-two",
        "it counts n − 2: that is what the best-fitting line leaves (it spends two weights "
        "fitting the noise); the true line's residuals are the noise itself, n of them",
        lambda n: n - 2,
    ),
)
SQUARES = (
    Step("", "", lambda sd: sd**2),
    Step(
        "spread-not-squared",
        "it uses σ where σ² belongs: the average square of a noise value is its variance σ²",
        lambda sd: sd,
    ),
)


EXPECTED_SSE = Exercise(
    name="expected_sse",
    cases=expected_sse_cases,
    judge=Judge(
        name="expected_sse",
        failing_warnings=(),
        parameters=("n", "noise_std"),
        reference=expected_sse_reference,
        result=Number(),
        mistakes=(
            *EXPECTED_SSE_MISTAKES,
            chained(
                (HALVES, COUNTS, SQUARES),
                lambda choices, n, sd: (
                    choices[0].apply() * choices[1].apply(n) * choices[2].apply(sd)
                ),
                ((17, 0.3), (40, 2.5)),
                known=EXPECTED_SSE_MISTAKES,
            ),
            reordered_parameters(
                expected_sse_reference,
                ("n", "noise_std"),
                probe=(17, 0.3),
                known=EXPECTED_SSE_MISTAKES,
            ),
        ),
        rule=(
            "The true line's residuals are the noise values; each squared is σ² on average, "
            "and E = ½·Σ(y − ŷ)² adds up n of them."
        ),
        findings=(estimated(expected_sse_reference, "½·n·σ² from the variance of a noise value"),),
    ),
    success="expected_sse is correct: the true line's E is ½·n·σ² on average.",
)


def check_linear(linear: Callable, seed: int = 0) -> None:
    """Exercise 2.1: ``linear(z)`` returns z unchanged."""
    LINEAR.check(linear, seed)


def check_predict(predict: Callable, seed: int = 0) -> None:
    """Exercise 2.2: ``predict(x, w1, w0)`` = linear(w1·x1 + w0·x0), with x0 = 1."""
    PREDICT.check(predict, seed)


def check_sse(sse: Callable, seed: int = 0) -> None:
    """Exercise 2.3: ``sse(y, y_hat)`` = ½·Σ(y − ŷ)²."""
    SSE.check(sse, seed)


def check_expected_sse(expected_sse: Callable, seed: int = 0) -> None:
    """Exercise 2.4: ``expected_sse(n, noise_std)`` = ½·n·σ², the true line's E on average."""
    EXPECTED_SSE.check(expected_sse, seed)
