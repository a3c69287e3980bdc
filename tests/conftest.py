import warnings

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from mlcourse import make_linear_data


@pytest.fixture
def data():
    """The lesson's data: 200 points around y = 3x with noise σ = 0.1."""
    return make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=0)


@pytest.fixture
def strict():
    """Every warning, and every numpy floating-point event (even underflow), raises."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield
