"""The arguments the checks call learner functions with: seeded, varied, plain data."""

from __future__ import annotations

import numpy as np


def regression_cases(seed: int, count: int = 3) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(x, y, y_hat) triples of varied sizes, none of them degenerate."""
    rng = np.random.default_rng(seed)
    cases = []
    for n in rng.integers(5, 40, size=count):
        x = rng.uniform(-1.0, 2.0, n)
        y = rng.uniform(0.5, 2.5) * x + rng.normal(0.0, 0.3, n)
        y_hat = rng.uniform(-1.0, 1.0) * x + rng.uniform(-1.0, 1.0)
        cases.append((x, y, y_hat))
    return cases
