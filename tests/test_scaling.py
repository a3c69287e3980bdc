import statistics

import numpy as np
import pytest

from mlcourse import (
    condition_number,
    least_squares,
    make_linear_data,
    standardize,
    train,
    unstandardize_weights,
)


def test_standardize_uses_the_mean_and_the_population_spread(data):
    z, mean, std = standardize(data.x)
    values = [float(v) for v in data.x]
    assert mean == pytest.approx(statistics.fmean(values), rel=1e-14)
    assert std == pytest.approx(statistics.pstdev(values), rel=1e-12)  # not the n − 1 one
    expected = [(v - statistics.fmean(values)) / statistics.pstdev(values) for v in values]
    np.testing.assert_allclose(z, expected, rtol=1e-12, atol=1e-14)
    assert abs(np.mean(z)) < 1e-15 and np.mean(z * z) == pytest.approx(1.0, rel=1e-14)


def test_standardize_leaves_its_input_alone_and_returns_floats():
    x = np.array([1, 2, 3, 4])  # ints
    z, mean, std = standardize(x)
    np.testing.assert_array_equal(x, [1, 2, 3, 4])
    assert z.dtype == np.float64 and type(mean) is float and type(std) is float
    np.testing.assert_allclose(z, np.array([-1.5, -0.5, 0.5, 1.5]) / np.sqrt(1.25))


def test_one_step_of_eta_one_over_n_on_standardised_inputs_lands_on_least_squares(data):
    """With z, H = n·I (κ = 1): one step of η = 1/n from anywhere reaches the minimum; the
    weights carried back to x are the least-squares line of the raw data (np.polyfit)."""
    z, mean, std = standardize(data.x)
    assert condition_number(z) == pytest.approx(1.0, abs=1e-12)
    history = train(z, data.y, -2.5, 1.9, eta=1 / data.x.size, epochs=1)
    np.testing.assert_allclose(history.weights[-1], least_squares(z, data.y), rtol=1e-12)
    slope, intercept = unstandardize_weights(history.w1, history.w0, mean, std)
    np.testing.assert_allclose((slope, intercept), np.polyfit(data.x, data.y, 1), rtol=1e-10)


def test_unstandardize_weights_gives_the_same_line_on_raw_inputs():
    x = make_linear_data(n=50, seed=4).x * 7 - 3
    z, mean, std = standardize(x)
    slope, intercept = unstandardize_weights(1.7, -0.4, mean, std)
    np.testing.assert_allclose(slope * x + intercept, 1.7 * z - 0.4, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("x", [[3.0, 3.0, 3.0], [0.1] * 10, [5.0]])
def test_a_constant_x_cannot_be_standardised(x):
    with pytest.raises(ValueError, match="x must take at least two different values"):
        standardize(x)


def test_a_spread_lost_to_rounding_is_refused():
    with pytest.raises(ValueError, match="x cannot be standardised in floating point"):
        standardize([0.0, 5e-324])
    with pytest.raises(ValueError, match="x cannot be standardised in floating point"):
        standardize([-1.7e308, 1.7e308])


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ((1.0, 0.0, 0.5, 0.0), ValueError, "std must be > 0"),
        ((1.0, 0.0, np.nan, 1.0), ValueError, "mean must be finite"),
        (("1", 0.0, 0.5, 1.0), TypeError, "w1 must be a real number"),
    ],
)
def test_unstandardize_weights_names_a_bad_argument(arguments, error, message):
    with pytest.raises(error, match=message):
        unstandardize_weights(*arguments)


def test_standardize_names_a_bad_argument():
    with pytest.raises(ValueError, match="x must be finite"):
        standardize([0.0, np.nan])
    with pytest.raises(ValueError, match="x must be 1-D"):
        standardize(np.zeros((2, 2)))
