"""What the checks call learner functions with, and what the lessons themselves use.

Every case is plain data drawn from the check's ``seed``. The lessons' own data set, seeds and
starting weights are here too: a learner's function that uses the notebook's globals instead of
its arguments reproduces them, and the checks recognise that (their cases never have the lessons'
200 points, and their generators never the lessons' seeds).
"""

from __future__ import annotations

import functools

import numpy as np

import mlcourse

LESSON_SIZE = 200
"""Points in the data set every lesson uses."""
LESSON_SEEDS = (0, 1, 2)
"""The seeds the lessons' text uses: the data (0), the terrible start (1) and lesson 1's
simulation of 10,000 more data sets (2)."""
LESSON_ETA = 0.001
LESSON_EPOCHS = 300


@functools.cache
def lesson_data() -> mlcourse.Dataset:
    """The lessons' data set, ``mc.make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=0)``."""
    return mlcourse.make_linear_data(n=LESSON_SIZE, slope=3.0, noise_std=0.1, seed=0)


@functools.cache
def lesson_start() -> tuple[float, float]:
    """The lessons' terrible start (w1_start, w0_start), drawn with seed 1 as lesson 2 does."""
    rng = np.random.default_rng(seed=1)
    return float(rng.uniform(-3, -2)), float(rng.uniform(0, 2))


def generator_seed(seed: int, k: int) -> int:
    """The seed of the k-th generator a check hands out: far from every seed a lesson uses."""
    return int(np.random.default_rng([seed, k, 7919]).integers(10_000, 2**31))


def sizes(seed: int, count: int, low: int = 5, high: int = 60) -> list[int]:
    """``count`` different numbers of points, none of them the lessons' 200."""
    rng = np.random.default_rng([seed, 104729])
    return [int(n) for n in rng.choice(np.arange(low, high), size=count, replace=False)]


def regression_cases(seed: int, count: int = 3) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(x, y, y_hat) triples of different sizes, none of them degenerate."""
    rng = np.random.default_rng(seed)
    cases = []
    for n in sizes(seed, count):
        x = rng.uniform(-1.0, 2.0, n)
        y = rng.uniform(0.5, 2.5) * x + rng.normal(0.0, 0.3, n)
        y_hat = rng.uniform(-1.0, 1.0) * x + rng.uniform(-1.0, 1.0)
        cases.append((x, y, y_hat))
    return cases
