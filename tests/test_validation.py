import numpy as np
import pytest

from mlcourse import validation


def test_vectors_returns_float_arrays_in_the_order_given():
    x, y = validation.vectors(x=[1, 2], y=np.array([3.0, 4.0]))
    assert x.dtype == np.float64 and y.tolist() == [3.0, 4.0]


def test_vectors_names_the_first_argument_whose_length_differs():
    with pytest.raises(ValueError, match="y and x must have the same length: y has 3, x has 4"):
        validation.vectors(y=np.zeros(3), y_hat=np.zeros(3), x=np.zeros(4))
    with pytest.raises(ValueError, match="y_hat must be finite"):
        validation.vectors(y=np.zeros(2), y_hat=[0.0, np.nan])


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (True, TypeError, "must be an int"),
        (2.0, TypeError, "must be an int"),
        (-1, ValueError, "must be an int >= 0, got -1"),
    ],
)
def test_integer_refuses_what_is_not_a_whole_number_in_range(value, error, message):
    with pytest.raises(error, match=f"epochs {message}"):
        validation.integer("epochs", value)
    assert validation.integer("epochs", np.int64(3)) == 3


def test_loss_kind_takes_loss_or_its_alias_error():
    assert validation.loss_kind() == "sse"
    assert validation.loss_kind("mse") == validation.loss_kind(error="mse") == "mse"
    with pytest.raises(TypeError, match="not both"):
        validation.loss_kind("sse", "sse")
    with pytest.raises(ValueError, match="loss must be 'sse' or 'mse', got 'MSE'"):
        validation.loss_kind("MSE")
    with pytest.raises(ValueError, match="error must be 'sse' or 'mse', got array"):
        validation.loss_kind(error=np.array(["mse"]))
