import matplotlib
import pytest

matplotlib.use("Agg")

from mlcourse import make_linear_data


@pytest.fixture
def data():
    """The lesson's data: 200 points around y = 3x with noise σ = 0.1."""
    return make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=0)
