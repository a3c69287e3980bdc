"""Checks of lesson 1, the data: ``make_inputs``, ``make_targets`` and ``standard_error``.

The first two draw from the generator they are given. Each check calls the function twice with equal
generators (the numbers must be equal: drawn from ``rng``, not from numpy's global state) and
once with another (they must differ: the function does not make its own generator). None of the
generators has a seed the lessons use, so a function that makes its own with the lesson's seed
fails the visible check too.

``standard_error`` is derived, not drawn: the spread σ/√n of the mean of n noise values. Its
mistakes are the other powers of σ and n a learner may reach (the variance σ²/n, the sum's spread
σ·√n, σ/n, n − 1 for n).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mlcourse.checks.cases import LESSON_SEEDS, LESSON_SIZE, generator_seed, lesson_data, sizes
from mlcourse.checks.judging import (
    Finding,
    Judge,
    Mistake,
    Number,
    Step,
    Vector,
    chained,
    close,
    estimated,
    reordered_parameters,
)
from mlcourse.feedback import Exercise
from mlcourse.plain import Rng

FORBIDDEN = ("mlcourse.make_linear_data",)


RNG_FINDINGS = (
    Finding(
        "draws-elsewhere",
        "gave different numbers for two generators made from the same seed: it draws from "
        "somewhere else than the `rng` it is given (np.random.rand, np.random.normal, or "
        "np.random.default_rng() without a seed). Draw from `rng`, so that a seed fixes the "
        "data.",
        lambda calls, values: not close(values[0], values[1]),
    ),
    Finding(
        "ignores-rng",
        "returned the same numbers for two generators with different seeds: it ignores the "
        "`rng` it is given (its result does not depend on it). Draw the random numbers from "
        "`rng`, not from a generator of its own (np.random.default_rng(seed=…)) or from "
        "np.random.",
        lambda calls, values: close(values[0], values[2]),
    ),
)
"""Calls 0 and 1 get equal generators, call 2 another of a different seed."""


def make_inputs_cases(seed: int) -> list[tuple]:
    same, other, *more = (generator_seed(seed, k) for k in range(4))
    small, smaller = sizes(seed, 2)
    return [(200, Rng(same)), (200, Rng(same)), (200, Rng(other))] + [
        (n, Rng(s)) for n, s in zip((small, smaller), more, strict=True)
    ]


def make_inputs_reference(n: int, rng: np.random.Generator) -> np.ndarray:
    return rng.random(n)


OWN_GENERATOR = (
    "Its numbers are those of np.random.default_rng(seed={seed}), a generator with the "
    "lesson's seed, whatever `rng` it is given: draw from the `rng` argument."
)

MAKE_INPUTS = Exercise(
    name="make_inputs",
    cases=make_inputs_cases,
    judge=Judge(
        name="make_inputs",
        failing_warnings=(),
        parameters=("n", "rng"),
        reference=make_inputs_reference,
        result=Vector(),
        mistakes=(
            *(
                Mistake(
                    f"own-generator-seed-{s}",
                    OWN_GENERATOR.format(seed=s),
                    lambda n, rng, s=s: make_inputs_reference(n, np.random.default_rng(s)),
                )
                for s in LESSON_SEEDS
            ),
            Mistake(
                "normal",
                "It draws from a normal distribution: the inputs are uniform on [0, 1), "
                "rng.random(n).",
                lambda n, rng: rng.normal(0, 1, n),
            ),
            Mistake(
                "uniform-minus-one-to-one",
                "It draws from [−1, 1): the inputs are uniform on [0, 1), rng.random(n).",
                lambda n, rng: rng.uniform(-1, 1, n),
            ),
            *(
                Mistake(
                    f"rounded-{digits}",
                    f"It rounds the inputs to {digits} decimal{'s' * (digits != 1)}: return them "
                    f"as drawn.",
                    lambda n, rng, digits=digits: np.round(rng.random(n), digits),
                )
                for digits in (1, 2, 3, 4)
            ),
            Mistake(
                "sorted",
                "It sorts the inputs: return them in the order rng.random(n) draws them.",
                lambda n, rng: np.sort(rng.random(n)),
            ),
            Mistake(
                "drawn-twice",
                "It draws twice and returns the second draw: call rng.random(n) once, so that the "
                "data match the lesson's.",
                lambda n, rng: (rng.random(n), rng.random(n))[1],
            ),
            Mistake(
                "lesson-size",
                "It always draws 200 values, the lessons' size: draw `n` of them, rng.random(n).",
                lambda n, rng: rng.random(200),
            ),
            Mistake(
                "lesson-data",
                "It returns the notebook's data.x instead of new inputs: draw `n` of them from "
                "`rng`.",
                lambda n, rng: lesson_data().x,
            ),
            Mistake(
                "one-too-many",
                "It draws n + 1 values: draw `n`, rng.random(n).",
                lambda n, rng: rng.random(n + 1),
            ),
            Mistake(
                "uniform-zero-to-two",
                "That is uniform on [0, 2): the inputs are uniform on [0, 1), rng.random(n) as "
                "drawn.",
                lambda n, rng: 2 * rng.random(n),
            ),
            Mistake(
                "uniform-centred",
                "That is uniform on [−0.5, 0.5): the inputs are uniform on [0, 1), rng.random(n) "
                "as drawn.",
                lambda n, rng: rng.random(n) - 0.5,
            ),
            Mistake(
                "float32",
                "It draws single-precision numbers (dtype=np.float32): draw the default float64, "
                "rng.random(n).",
                lambda n, rng: rng.random(n, dtype=np.float32),
            ),
            Mistake(
                "column",
                "It draws a column, shape (n, 1): draw a 1-D array, rng.random(n).",
                lambda n, rng: rng.random((n, 1)),
            ),
        ),
        rule="It should return rng.random(n): n numbers uniform on [0, 1), from the `rng` given.",
        findings=RNG_FINDINGS,
        lesson_size=LESSON_SIZE,
    ),
    success="make_inputs is correct: uniform inputs, reproducible from the seed.",
    forbidden=FORBIDDEN,
)


def make_targets_cases(seed: int) -> list[tuple]:
    rng = np.random.default_rng([seed, 1000])
    same, other, *more = (generator_seed(seed, k) for k in range(10, 14))
    first, *others = sizes(seed, 3, low=20, high=120)
    x = rng.random(first)
    cases = [(x, 3.0, 0.1, Rng(same)), (x, 3.0, 0.1, Rng(same)), (x, 3.0, 0.1, Rng(other))]
    for n, low, high, s in zip(others, (-2.5, 1.2), (-0.5, 2.5), more, strict=True):
        slope = round(float(rng.uniform(low, high)), 2)
        noise_std = round(float(rng.uniform(0.2, 0.8)), 2)
        cases.append((rng.random(n), slope, noise_std, Rng(s)))
    return cases


def make_targets_reference(
    x: np.ndarray, slope: float, noise_std: float, rng: np.random.Generator
) -> np.ndarray:
    return slope * x + rng.normal(0, noise_std, len(x))


def noise(rng: np.random.Generator, spread: float, n: int) -> np.ndarray:
    return rng.normal(0, spread, n)


MAKE_TARGETS = Exercise(
    name="make_targets",
    cases=make_targets_cases,
    judge=Judge(
        name="make_targets",
        failing_warnings=(),
        parameters=("x", "slope", "noise_std", "rng"),
        reference=make_targets_reference,
        result=Vector(),
        mistakes=(
            *(
                Mistake(
                    f"own-generator-seed-{s}",
                    OWN_GENERATOR.format(seed=s),
                    lambda x, a, sd, rng, s=s: a * x + noise(np.random.default_rng(s), sd, len(x)),
                )
                for s in LESSON_SEEDS
            ),
            Mistake(
                "no-noise",
                "It adds no noise: the points lie exactly on the line. Add one noise value per "
                "point, rng.normal(0, noise_std, len(x)).",
                lambda x, a, sd, rng: a * x,
            ),
            Mistake(
                "one-noise-value",
                "It adds the same noise value to every point: that is an intercept, not noise. "
                "Draw one value per point: rng.normal(0, noise_std, len(x)).",
                lambda x, a, sd, rng: a * x + rng.normal(0, sd),
            ),
            Mistake(
                "variance-as-spread",
                "It uses noise_std² as the spread: numpy's normal takes the standard deviation, so "
                "pass noise_std itself.",
                lambda x, a, sd, rng: a * x + noise(rng, sd**2, len(x)),
            ),
            Mistake(
                "unit-spread",
                "It draws noise of spread 1: pass noise_std as the spread, "
                "rng.normal(0, noise_std, len(x)).",
                lambda x, a, sd, rng: a * x + noise(rng, 1.0, len(x)),
            ),
            Mistake(
                "mean-and-spread-swapped",
                "It adds noise_std to every point: rng.normal's arguments are (mean, spread, "
                "size), so the noise is rng.normal(0, noise_std, len(x)).",
                lambda x, a, sd, rng: a * x + rng.normal(sd, 0, len(x)),
            ),
            Mistake(
                "normal-arguments",
                "rng.normal(noise_std, len(x)) takes noise_std as the mean and len(x) as the "
                "spread, and draws one value for all points: the noise is "
                "rng.normal(0, noise_std, len(x)).",
                lambda x, a, sd, rng: a * x + rng.normal(sd, len(x)),
            ),
            Mistake(
                "no-slope",
                "It ignores the slope: the line is slope * x.",
                lambda x, a, sd, rng: x + noise(rng, sd, len(x)),
            ),
            Mistake(
                "returns-x",
                "It returns `x` itself, not the targets slope * x + noise.",
                lambda x, a, sd, rng: x,
            ),
            Mistake(
                "intercept",
                "It adds 1 to every point: the line has no intercept, y = slope * x + noise.",
                lambda x, a, sd, rng: a * x + 1 + noise(rng, sd, len(x)),
            ),
            Mistake(
                "only-noise",
                "It returns only the noise: add it to the line, slope * x + noise.",
                lambda x, a, sd, rng: noise(rng, sd, len(x)),
            ),
            Mistake(
                "lesson-slope",
                "It uses the lesson's slope 3 instead of the argument `slope`.",
                lambda x, a, sd, rng: 3.0 * x + noise(rng, sd, len(x)),
            ),
            Mistake(
                "lesson-noise",
                "It uses the lesson's noise 0.1 instead of the argument `noise_std`.",
                lambda x, a, sd, rng: a * x + noise(rng, 0.1, len(x)),
            ),
            Mistake(
                "noise-times-slope",
                "It multiplies the noise by the slope too: only x is, slope * x + noise.",
                lambda x, a, sd, rng: a * (x + noise(rng, sd, len(x))),
            ),
            Mistake(
                "uniform-noise",
                "It draws uniform noise: the noise is normal, rng.normal(0, noise_std, len(x)).",
                lambda x, a, sd, rng: a * x + rng.uniform(-sd, sd, len(x)),
            ),
            Mistake(
                "random-noise",
                "It draws the noise with rng.random, uniform on [0, 1): the noise is normal, "
                "rng.normal(0, noise_std, len(x)).",
                lambda x, a, sd, rng: a * x + sd * rng.random(len(x)),
            ),
        ),
        rule="It should return slope * x + rng.normal(0, noise_std, len(x)).",
        findings=RNG_FINDINGS,
        lesson_size=LESSON_SIZE,
    ),
    success="make_targets is correct: one independent noise value per point, no intercept.",
    forbidden=FORBIDDEN,
)


# standard_error -----------------------------------------------------------------------------


def standard_error_cases(seed: int) -> list[tuple]:
    """(noise_std, n): spreads other than 1 (so σ and σ² differ), sizes small and large."""
    rng = np.random.default_rng([seed, 1500])
    small, medium = sizes(seed, 2, low=4, high=90)
    large = int(rng.integers(500, 5000))
    return [
        (round(float(rng.uniform(low, high)), 3), n)
        for (low, high), n in zip(
            ((0.05, 0.5), (1.5, 4.0), (0.2, 0.8)), (small, medium, large), strict=True
        )
    ]


def standard_error_reference(noise_std: float, n: int) -> float:
    return noise_std / np.sqrt(n)


STANDARD_ERROR_MISTAKES = (
    Mistake(
        "variance",
        "That is σ²/n, the variance of the mean: its spread (standard deviation) is the square "
        "root of the variance, σ/√n.",
        lambda sd, n: sd**2 / n,
    ),
    Mistake(
        "over-n",
        "That is σ/n: the variance σ²/n shrinks like 1/n, so the spread, its square root, "
        "shrinks like 1/√n: σ/√n.",
        lambda sd, n: sd / n,
    ),
    Mistake(
        "one-value",
        "That is σ, the spread of one noise value: the mean of n independent values spreads "
        "less, σ/√n.",
        lambda sd, n: sd,
    ),
    Mistake(
        "sum-spread",
        "That is σ·√n, the spread of the sum of n values (variances add: nσ²): the mean divides "
        "the sum by n, so its spread is σ·√n/n = σ/√n.",
        lambda sd, n: sd * np.sqrt(n),
    ),
    Mistake(
        "sum-variance",
        "That is n·σ², the variance of the sum: the mean divides the sum by n (its variance by "
        "n²), and the spread is the root, σ/√n.",
        lambda sd, n: n * sd**2,
    ),
    Mistake(
        "n-minus-one",
        "That is σ/√(n − 1): the mean of n independent values spreads exactly σ/√n (n − 1 "
        "belongs to estimating σ from the data, not to the mean of a known σ).",
        lambda sd, n: sd / np.sqrt(n - 1),
    ),
    Mistake(
        "root-of-spread-over-n",
        "That is √(σ/n): the root is of the variance σ²/n, which gives σ/√n.",
        lambda sd, n: np.sqrt(sd / n),
    ),
    Mistake(
        "variance-over-root-n",
        "That is σ²/√n: σ is a spread already, only n goes under the root, σ/√n.",
        lambda sd, n: sd**2 / np.sqrt(n),
    ),
    Mistake(
        "upside-down",
        "That is √n/σ, upside down: σ/√n.",
        lambda sd, n: np.sqrt(n) / sd,
    ),
    Mistake(
        "precedence",
        "noise_std / n ** 1/2 is (σ/n)/2: ** comes before /, and the /2 then halves the whole. "
        "Write n ** 0.5 (or np.sqrt(n)) for √n.",
        lambda sd, n: sd / n / 2,
    ),
    Mistake(
        "no-spread",
        "That is 1/√n, the spread of the mean of n values of spread 1: the noise has spread σ, "
        "so σ/√n.",
        lambda sd, n: 1 / np.sqrt(n),
    ),
    Mistake(
        "lesson-noise",
        "It uses the lesson's σ = 0.1 instead of the argument `noise_std`.",
        lambda sd, n: 0.1 / np.sqrt(n),
    ),
    Mistake(
        "lesson-size",
        "It uses the lesson's n = 200 instead of the argument `n`.",
        lambda sd, n: sd / np.sqrt(LESSON_SIZE),
    ),
)

SPREADS = (
    Step("", "", lambda sd: sd),
    Step(
        "variance-for-spread",
        "it uses the variance σ² where the spread σ belongs",
        lambda sd: sd**2,
    ),
    Step("root-of-spread", "it takes the root of σ, which is a spread already", np.sqrt),
)
"""What an answer may put on top, the right one first."""

DIVISORS = (
    Step("", "", np.sqrt),
    Step(
        "divides-by-n",
        "it divides by n: the variance σ²/n shrinks like 1/n, so the spread, its root, like 1/√n",
        lambda n: n,
    ),
    Step(
        "no-division", "it does not divide: the mean of n values spreads less than one", lambda n: 1
    ),
    Step(
        "times-root-n",
        "it multiplies by √n: that is how the sum of n values spreads; the mean divides the "
        "sum by n",
        lambda n: 1 / np.sqrt(n),
    ),
    Step(
        "root-n-minus-one",
        "it divides by √(n − 1): n − 1 belongs to estimating σ from data, not to the mean of a "
        "known σ",
        lambda n: np.sqrt(n - 1),
    ),
)
"""What an answer may divide by, the right one first."""

STANDARD_ERROR = Exercise(
    name="standard_error",
    cases=standard_error_cases,
    judge=Judge(
        name="standard_error",
        failing_warnings=(),
        parameters=("noise_std", "n"),
        reference=standard_error_reference,
        result=Number(),
        mistakes=(
            *STANDARD_ERROR_MISTAKES,
            chained(
                (SPREADS, DIVISORS),
                lambda choices, sd, n: choices[0].apply(sd) / choices[1].apply(n),
                ((0.3, 17), (2.5, 40)),
                known=STANDARD_ERROR_MISTAKES,
            ),
            reordered_parameters(
                standard_error_reference,
                ("noise_std", "n"),
                probe=(0.3, 17),
                known=STANDARD_ERROR_MISTAKES,
            ),
        ),
        rule=(
            "The sum of n independent noise values has variance n·σ²; the mean divides it by n, "
            "so its variance is σ²/n and its spread σ/√n."
        ),
        findings=(estimated(standard_error_reference, "σ/√n from the two facts above"),),
    ),
    success="standard_error is correct: the mean of n noise values spreads σ/√n.",
)


def check_make_inputs(make_inputs: Callable, seed: int = 0) -> None:
    """Exercise 1.1: ``make_inputs(n, rng)`` draws n inputs x ~ Uniform[0, 1) from ``rng``."""
    MAKE_INPUTS.check(make_inputs, seed)


def check_make_targets(make_targets: Callable, seed: int = 0) -> None:
    """Exercise 1.2: ``make_targets(x, slope, noise_std, rng)`` = slope·x + N(0, noise_std)."""
    MAKE_TARGETS.check(make_targets, seed)


def check_standard_error(standard_error: Callable, seed: int = 0) -> None:
    """Exercise 1.3: ``standard_error(noise_std, n)`` = σ/√n, the spread of a mean of n values."""
    STANDARD_ERROR.check(standard_error, seed)
