import math
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlcourse import numerical_gradient, sigmoid, softmax

scores = st.floats(-1e4, 1e4, allow_nan=False)


def exact_sigmoid(z):
    """σ(z) with 50 significant digits, rounded once to float: an independent reference."""
    with localcontext() as context:
        context.prec = 50
        return float(1 / (1 + (-Decimal(z)).exp()))


def exact_softmax_row(row):
    with localcontext() as context:
        context.prec = 50
        exponentials = [Decimal(z).exp() for z in row]
        total = sum(exponentials)
        return [float(e / total) for e in exponentials]


# sigmoid


def test_sigmoid_agrees_with_a_50_digit_reference():
    z = np.concatenate([np.linspace(-50, 50, 1001), [-700.0, -500.0, 1e-10, -1e-10, 36.0, 40.0]])
    expected = [exact_sigmoid(value) for value in z]
    np.testing.assert_allclose(sigmoid(z), expected, rtol=1e-15, atol=0)


def test_sigmoid_values_by_hand():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(0) == 0.5
    assert sigmoid(math.log(3.0)) == pytest.approx(0.75, rel=1e-15)  # 1 / (1 + 1/3)
    assert sigmoid(-math.log(3.0)) == pytest.approx(0.25, rel=1e-15)


def test_sigmoid_keeps_the_shape_and_returns_float64():
    z = np.arange(6).reshape(2, 3)
    out = sigmoid(z)
    assert out.shape == (2, 3) and out.dtype == np.float64
    assert isinstance(sigmoid(1.5), float)
    assert sigmoid([[0.0]]).shape == (1, 1)


def test_sigmoid_saturates_without_warnings_at_large_scores(strict):
    z = np.array([-1e4, -800.0, -750.0, 750.0, 800.0, 1e4, -1.7e308, 1.7e308])
    out = sigmoid(z)
    np.testing.assert_array_equal(out, [0, 0, 0, 1, 1, 1, 0, 1])


def test_the_naive_formulas_do_fail_there(strict):
    # The fixture must see the problem the stable forms avoid.
    with pytest.raises(FloatingPointError, match="overflow"):
        1.0 / (1.0 + np.exp(-np.array([-800.0])))
    with pytest.raises(FloatingPointError, match="overflow"):
        np.exp(np.array([800.0, 0.0])) / np.sum(np.exp(np.array([800.0, 0.0])))


def test_sigmoid_keeps_relative_accuracy_far_in_the_left_tail():
    # σ(z) ≈ e^z for z → −∞; 1/(1 + e^(−z)) keeps this too, but 1 − σ(−z) would give 0.
    for z in (-40.0, -100.0, -700.0):
        assert sigmoid(z) == pytest.approx(math.exp(z) / (1 + math.exp(z)), rel=1e-14, abs=0)


def test_sigmoid_derivative_is_sigma_times_one_minus_sigma():
    for z in (-3.0, -0.5, 0.0, 0.7, 4.0):
        numerical = numerical_gradient(lambda w: sigmoid(w[0]), [z])[0]
        s = sigmoid(z)
        assert numerical == pytest.approx(s * (1 - s), rel=1e-8)


@settings(max_examples=200, deadline=None)
@given(z=scores)
def test_sigmoid_of_minus_z_is_one_minus_sigmoid(z):
    # One rounding in each of σ(z) and σ(−z): their sum is 1 within an ulp or two.
    assert abs(sigmoid(z) + sigmoid(-z) - 1.0) <= 2 * np.finfo(float).eps


@settings(max_examples=100, deadline=None)
@given(z=hnp.arrays(np.float64, st.integers(1, 50), elements=scores))
def test_sigmoid_is_a_monotone_probability(z):
    out = sigmoid(np.sort(z))
    assert np.all((out >= 0) & (out <= 1))
    assert np.all(np.diff(out) >= 0)


@pytest.mark.parametrize(
    ("z", "error", "message"),
    [
        (np.nan, ValueError, "z must be finite"),
        ([0.0, np.inf], ValueError, "z must be finite, but 1 of its 2"),
        ([], ValueError, "z must not be empty"),
        ([True, False], TypeError, "z must hold real numbers"),
        ("1.0", TypeError, "z must be a number or an array"),
        (None, TypeError, "z must be a number or an array"),
        ([1j], TypeError, "z must hold real numbers"),
        ([[1.0, 2.0], [3.0]], ValueError, "z must be a rectangular array"),
    ],
)
def test_sigmoid_refuses_bad_input(z, error, message):
    with pytest.raises(error, match=message):
        sigmoid(z)


# softmax


def test_softmax_agrees_with_a_50_digit_reference():
    rng = np.random.default_rng(0)
    z = rng.normal(0, 5, (20, 4))
    expected = [exact_softmax_row(row) for row in z]
    np.testing.assert_allclose(softmax(z), expected, rtol=1e-14, atol=0)


def test_softmax_by_hand():
    # e^0 : e^(ln 2) : e^(ln 5) = 1 : 2 : 5
    np.testing.assert_allclose(softmax([0.0, math.log(2), math.log(5)]), [1 / 8, 2 / 8, 5 / 8])
    np.testing.assert_array_equal(softmax([[3.0, 3.0]]), [[0.5, 0.5]])


def test_one_row_gives_the_same_as_a_matrix_of_one_row():
    row = np.array([0.3, -1.0, 2.5])
    out = softmax(row)
    assert out.shape == (3,)
    np.testing.assert_array_equal(out, softmax(row[None, :])[0])


def test_softmax_normalises_each_row_not_each_column():
    z = np.array([[0.0, 0.0], [0.0, math.log(3.0)]])
    np.testing.assert_allclose(softmax(z), [[0.5, 0.5], [0.25, 0.75]])


def test_softmax_of_two_scores_is_the_sigmoid_of_their_difference():
    rng = np.random.default_rng(1)
    z = rng.normal(0, 10, (500, 2))
    p = softmax(z)
    np.testing.assert_allclose(p[:, 1], sigmoid(z[:, 1] - z[:, 0]), rtol=1e-15, atol=0)
    np.testing.assert_allclose(p[:, 0], sigmoid(z[:, 0] - z[:, 1]), rtol=1e-15, atol=0)


def test_softmax_without_warnings_at_large_scores(strict):
    z = np.array([[1e4, 0.0, -1e4], [800.0, 800.0, -800.0], [-1e4, -1e4 + math.log(3), -2e4]])
    np.testing.assert_allclose(softmax(z), [[1, 0, 0], [0.5, 0.5, 0], [0.25, 0.75, 0]])
    np.testing.assert_array_equal(softmax([[1.7e308, -1.7e308]]), [[1.0, 0.0]])


@settings(max_examples=100, deadline=None)
@given(
    z=hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 6)),
        elements=st.floats(-1e3, 1e3, allow_nan=False),
    )
)
def test_softmax_rows_are_probabilities(z):
    p = softmax(z)
    assert p.shape == z.shape
    assert np.all(p >= 0)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=0, atol=z.shape[1] * 1e-15)


@settings(max_examples=100, deadline=None)
@given(
    z=hnp.arrays(
        np.float64, st.tuples(st.integers(1, 6), st.integers(2, 6)), elements=st.floats(-50, 50)
    ),
    data=st.data(),
)
def test_softmax_ignores_a_constant_added_to_each_row(z, data):
    shifts = data.draw(
        hnp.arrays(np.float64, (z.shape[0], 1), elements=st.floats(-1e3, 1e3, allow_nan=False))
    )
    # z + c rounds each score by at most half an ulp of |z + c| ≤ 1050, so p moves by at most
    # about p·1050·eps in relative terms.
    np.testing.assert_allclose(softmax(z + shifts), softmax(z), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize(
    ("z", "error", "message"),
    [
        ([[0.0, np.nan]], ValueError, "z must be finite"),
        ([[0.0, np.inf]], ValueError, "z must be finite"),
        (np.zeros((2, 2, 2)), ValueError, r"z must have shape \(n, K\) or \(K,\), got shape"),
        (1.0, ValueError, r"z must have shape \(n, K\) or \(K,\), got shape \(\)"),
        (np.zeros((0, 3)), ValueError, "z must not be empty"),
        ([[True]], TypeError, "z must hold real numbers"),
    ],
)
def test_softmax_refuses_bad_input(z, error, message):
    with pytest.raises(error, match=message):
        softmax(z)
