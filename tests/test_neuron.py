import numpy as np
import pytest

from mlcourse import X0, linear, mse, predict, sse


def test_linear_is_the_identity():
    z = np.array([-2.0, 0.0, 3.5])
    np.testing.assert_array_equal(linear(z), z)


def test_predict_is_w1_x_plus_w0_times_bias_input():
    x = np.array([0.0, 0.5, 1.0])
    assert X0 == 1.0
    np.testing.assert_allclose(predict(x, 2.0, -1.0), [-1.0, 0.0, 1.0])


def test_sse_by_hand():
    # residuals 1, -2, 0.5: ½(1 + 4 + 0.25) = 2.625
    assert sse([1.0, 0.0, 2.0], [0.0, 2.0, 1.5]) == pytest.approx(2.625)


def test_sse_is_zero_for_a_perfect_fit_and_symmetric():
    y = np.array([0.3, -1.0, 4.0])
    assert sse(y, y) == 0.0
    other = y + np.array([0.1, 0.2, -0.3])
    assert sse(y, other) == sse(other, y)


def test_mse_is_the_mean_of_the_squares_with_no_half():
    y, y_hat = np.arange(5.0), np.zeros(5)
    assert mse(y, y_hat) == pytest.approx((0 + 1 + 4 + 9 + 16) / 5)
    assert mse(y, y_hat) == pytest.approx(2 * sse(y, y_hat) / 5)


def test_sse_returns_a_python_float():
    assert type(sse([1.0], [0.0])) is float


def test_sse_does_not_broadcast():
    with pytest.raises(ValueError, match="y and y_hat must have the same length"):
        sse(np.zeros(3), np.zeros(4))


def test_sse_refuses_a_scalar_prediction():
    with pytest.raises(ValueError, match="y_hat must be 1-D"):
        sse(np.zeros(3), 0.0)


def test_predict_names_a_bad_weight():
    with pytest.raises(TypeError, match="w1 must be a real number"):
        predict([0.0, 1.0], np.array([1.0]), 0.0)
    with pytest.raises(ValueError, match="w0 must be finite"):
        predict([0.0, 1.0], 1.0, np.nan)


def test_predict_refuses_nan_in_x():
    with pytest.raises(ValueError, match="x must be finite"):
        predict([0.0, np.nan], 1.0, 0.0)
