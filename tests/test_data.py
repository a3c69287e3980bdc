import numpy as np
import pytest

from mlcourse import Dataset, make_linear_data


def test_shapes_and_dtypes():
    data = make_linear_data(n=50, seed=1)
    assert isinstance(data, Dataset)
    assert data.x.shape == data.y.shape == (50,)
    assert data.x.dtype == data.y.dtype == np.float64


def test_same_seed_same_data_and_other_seed_other_data():
    first, again, other = (make_linear_data(seed=s) for s in (7, 7, 8))
    np.testing.assert_array_equal(first.x, again.x)
    np.testing.assert_array_equal(first.y, again.y)
    assert not np.array_equal(first.x, other.x)


def test_draws_go_through_default_rng():
    rng = np.random.default_rng(3)
    x = rng.random(10)
    noise = rng.normal(0.0, 0.5, 10)
    data = make_linear_data(n=10, slope=2.0, noise_std=0.5, seed=3)
    np.testing.assert_array_equal(data.x, x)
    np.testing.assert_allclose(data.y, 2.0 * x + noise)


def test_x_is_uniform_on_unit_interval():
    x = make_linear_data(n=100_000, seed=2).x
    assert x.min() >= 0.0 and x.max() < 1.0
    # Mean and variance of U[0, 1) are 1/2 and 1/12; 5 standard errors of slack.
    assert abs(x.mean() - 0.5) < 5 * np.sqrt(1 / 12 / x.size)
    assert abs(x.var() - 1 / 12) < 0.002


def test_noise_has_the_requested_spread_and_no_intercept():
    data = make_linear_data(n=100_000, slope=3.0, noise_std=0.1, seed=4)
    noise = data.y - 3.0 * data.x
    assert abs(noise.std() - 0.1) < 0.002
    assert abs(noise.mean()) < 5 * 0.1 / np.sqrt(data.x.size)


def test_zero_noise_puts_points_on_the_line():
    data = make_linear_data(n=20, slope=-1.5, noise_std=0.0, seed=5)
    np.testing.assert_allclose(data.y, -1.5 * data.x)


@pytest.mark.parametrize("n", [0, -3])
def test_n_must_be_positive(n):
    with pytest.raises(ValueError, match="n must be an int >= 1"):
        make_linear_data(n=n)


@pytest.mark.parametrize("n", [True, 2.0, "200", None])
def test_n_must_be_an_int(n):
    with pytest.raises(TypeError, match="n must be an int"):
        make_linear_data(n=n)


def test_negative_noise_is_refused():
    with pytest.raises(ValueError, match="noise_std must be >= 0"):
        make_linear_data(noise_std=-0.1)


@pytest.mark.parametrize("slope", [np.nan, np.inf])
def test_slope_must_be_finite(slope):
    with pytest.raises(ValueError, match="slope must be finite"):
        make_linear_data(slope=slope)


def test_seed_must_be_an_int():
    with pytest.raises(TypeError, match="seed must be an int"):
        make_linear_data(seed=1.5)
