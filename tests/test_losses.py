import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlcourse import (
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    cross_entropy,
    cross_entropy_from_scores,
    sigmoid,
    softmax,
)
from mlcourse.losses import ROW_SUM_TOLERANCE


def plain_bce(y, y_hat):
    """−Σ[y·ln ŷ + (1 − y)·ln(1 − ŷ)], one point at a time with math.log."""
    total = 0.0
    for label, p in zip(y, y_hat, strict=True):
        total -= label * math.log(p) + (1 - label) * math.log(1 - p)
    return total


def plain_ce(labels, p):
    return -sum(math.log(row[label]) for label, row in zip(labels, p, strict=True))


def plain_ce_from_scores(labels, z):
    """ln Σ_k e^(z_k) − z_label per row, with math.exp: fine for moderate scores."""
    return sum(
        math.log(sum(math.exp(s) for s in row)) - row[label]
        for label, row in zip(labels, z, strict=True)
    )


def random_problem(seed, n=30, classes=4):
    rng = np.random.default_rng(seed)
    return rng.integers(0, classes, n), rng.dirichlet(np.ones(classes), n)


# binary cross-entropy from probabilities


def test_bce_matches_a_plain_loop():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 50)
    y_hat = rng.uniform(0.01, 0.99, 50)
    assert binary_cross_entropy(y, y_hat) == pytest.approx(plain_bce(y, y_hat), rel=1e-13)


def test_bce_by_hand_is_a_sum_not_a_mean():
    # −ln 0.5 − ln(1 − 0.25) − ln 0.8
    expected = math.log(2) - math.log(0.75) - math.log(0.8)
    assert binary_cross_entropy([1, 0, 1], [0.5, 0.25, 0.8]) == pytest.approx(expected)
    assert binary_cross_entropy([1.0, 0.0], [0.5, 0.5]) == pytest.approx(2 * math.log(2))


def test_bce_of_a_tiny_probability_of_the_wrong_class_keeps_its_digits():
    # −ln(1 − p) = p + p²/2 + …: exactly p here, where 1 − p rounds to 1 and ln gives 0.
    assert binary_cross_entropy([0], [1e-20]) == pytest.approx(1e-20, rel=1e-15, abs=0)
    assert binary_cross_entropy([1, 0], [1 - 2**-40, 2**-40]) == pytest.approx(
        2 * 2**-40, rel=1e-10, abs=0
    )


def test_bce_at_certain_probabilities(strict):
    assert str(binary_cross_entropy([1, 0], [1.0, 0.0])) == "0.0"  # not −0.0
    assert binary_cross_entropy([1], [0.0]) == math.inf
    assert binary_cross_entropy([0, 1], [1.0, 0.5]) == math.inf


def test_bce_returns_a_python_float():
    assert type(binary_cross_entropy([1], [0.5])) is float


@pytest.mark.parametrize(
    ("y", "y_hat", "error", "message"),
    [
        ([0, 2], [0.5, 0.5], ValueError, r"y must hold labels 0 or 1, .*first: 2.0 at index 1"),
        ([0.5], [0.5], ValueError, "y must hold labels 0 or 1"),
        ([-1], [0.5], ValueError, "y must hold labels 0 or 1"),
        ([1, 0], [1.2, 0.5], ValueError, r"y_hat must hold probabilities in \[0, 1\]"),
        ([1, 0], [0.5, -1e-9], ValueError, "y_hat must hold probabilities.*index 1"),
        ([1], [np.nan], ValueError, "y_hat must be finite"),
        ([1, 0], [0.5], ValueError, "y and y_hat must have one entry per point"),
        ([[1, 0]], [0.5, 0.5], ValueError, "y must be 1-D"),
        ([True, False], [0.5, 0.5], TypeError, "y must hold real numbers"),
    ],
)
def test_bce_refuses_bad_input(y, y_hat, error, message):
    with pytest.raises(error, match=message):
        binary_cross_entropy(y, y_hat)


# binary cross-entropy from scores


def test_bce_from_logits_matches_a_plain_softplus_loop():
    rng = np.random.default_rng(2)
    y, z = rng.integers(0, 2, 40), rng.normal(0, 5, 40)
    expected = sum(math.log1p(math.exp(s)) - label * s for label, s in zip(y, z, strict=True))
    assert binary_cross_entropy_from_logits(y, z) == pytest.approx(expected, rel=1e-13)


@settings(max_examples=200, deadline=None)
@given(
    z=hnp.arrays(np.float64, st.integers(1, 30), elements=st.floats(-10, 10)),
    data=st.data(),
)
def test_bce_from_logits_is_the_bce_of_the_sigmoid(z, data):
    y = data.draw(hnp.arrays(np.int64, z.shape, elements=st.integers(0, 1)))
    # For |z| ≤ 10 rounding σ(z) costs at most about e^10·eps ≈ 5e-12 of relative accuracy in
    # ln(1 − σ(z)); beyond that the probability form loses digits, which is why the other exists.
    from_logits = binary_cross_entropy_from_logits(y, z)
    assert from_logits == pytest.approx(binary_cross_entropy(y, sigmoid(z)), rel=1e-10, abs=1e-14)


def test_bce_from_logits_stays_finite_and_exact_where_probabilities_saturate(strict):
    # z = 40: σ(z) rounds to 1, so the probability form gives inf for label 0; the true values
    # are softplus(40) = 40 + ln(1 + e^−40) (label 0) and ln(1 + e^−40) ≈ e^−40 (label 1).
    assert binary_cross_entropy([0], sigmoid(np.array([40.0]))) == math.inf
    assert binary_cross_entropy_from_logits([0], [40.0]) == pytest.approx(40.0, rel=1e-15)
    assert binary_cross_entropy_from_logits([1], [40.0]) == pytest.approx(
        math.log1p(math.exp(-40.0)), rel=1e-14, abs=0
    )
    assert binary_cross_entropy_from_logits([1, 0], [-1e4, 800.0]) == pytest.approx(1e4 + 800.0)
    assert binary_cross_entropy_from_logits([1, 0], [1e4, -800.0]) == 0.0


@settings(max_examples=100, deadline=None)
@given(
    z=hnp.arrays(np.float64, st.integers(1, 20), elements=st.floats(-1e4, 1e4)),
    data=st.data(),
)
def test_binary_cross_entropies_are_not_negative(z, data):
    y = data.draw(hnp.arrays(np.int64, z.shape, elements=st.integers(0, 1)))
    assert binary_cross_entropy_from_logits(y, z) >= 0
    assert binary_cross_entropy(y, sigmoid(z)) >= 0


def test_bce_from_logits_refuses_bad_input():
    with pytest.raises(ValueError, match="y must hold labels 0 or 1"):
        binary_cross_entropy_from_logits([3], [0.0])
    with pytest.raises(ValueError, match="z must be finite"):
        binary_cross_entropy_from_logits([1], [np.inf])
    with pytest.raises(ValueError, match="y and z must have one entry per point"):
        binary_cross_entropy_from_logits([1, 0], [0.0])


# cross-entropy over K classes


def test_cross_entropy_matches_a_plain_loop():
    labels, p = random_problem(3)
    assert cross_entropy(labels, p) == pytest.approx(plain_ce(labels, p), rel=1e-13)


def test_cross_entropy_by_hand():
    p = [[0.7, 0.2, 0.1], [0.25, 0.25, 0.5]]
    assert cross_entropy([0, 2], p) == pytest.approx(-math.log(0.7) - math.log(0.5))
    assert cross_entropy([1, 1], p) == pytest.approx(-math.log(0.2) - math.log(0.25))


def test_cross_entropy_of_two_classes_is_the_binary_one():
    rng = np.random.default_rng(4)
    y = rng.integers(0, 2, 25)
    y_hat = rng.uniform(0.05, 0.95, 25)
    two_columns = np.column_stack([1 - y_hat, y_hat])
    assert cross_entropy(y, two_columns) == pytest.approx(binary_cross_entropy(y, y_hat))


def test_cross_entropy_of_a_zero_probability_for_the_own_class_is_inf(strict):
    assert cross_entropy([0, 1], [[0.0, 1.0], [0.5, 0.5]]) == math.inf
    assert str(cross_entropy([1], [[0.0, 1.0]])) == "0.0"  # not −0.0
    assert str(cross_entropy_from_scores([1], [[0.0, 1e4]])) == "0.0"
    assert str(binary_cross_entropy_from_logits([1], [1e4])) == "0.0"


def test_row_sum_tolerance():
    within = 1 + 0.5 * ROW_SUM_TOLERANCE
    beyond = 1 + 2 * ROW_SUM_TOLERANCE
    assert cross_entropy([0], [[0.5, within - 0.5]]) == pytest.approx(math.log(2))
    with pytest.raises(ValueError, match="each row of p must sum to 1"):
        cross_entropy([0], [[0.5, beyond - 0.5]])


def test_a_float32_softmax_is_accepted():
    z = np.random.default_rng(5).normal(0, 3, (200, 10)).astype(np.float32)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p32 = e / e.sum(axis=1, keepdims=True)
    labels = np.zeros(200, dtype=np.int64)
    assert cross_entropy(labels, p32) == pytest.approx(plain_ce(labels, p32), rel=1e-6)


@pytest.mark.parametrize(
    ("labels", "p", "error", "message"),
    [
        (
            [2],
            [[0.5, 0.5]],
            ValueError,
            r"labels must hold labels 0 to 1 \(K = 2\), but 1 of its 1 values are not",
        ),
        ([0, -1], [[0.5, 0.5]] * 2, ValueError, "first: -1 at index 1"),
        ([1.0], [[0.5, 0.5]], TypeError, "labels must hold integer labels 0 to 1, got dtype"),
        ([True], [[0.5, 0.5]], TypeError, "labels must hold integer labels"),
        ([[0]], [[0.5, 0.5]], ValueError, r"labels must be 1-D with shape \(n,\)"),
        ([0, 1], [[0.5, 0.5]], ValueError, "labels and p must have one entry per point"),
        ([0], [0.5, 0.5], ValueError, r"p must be 2-D with shape \(n, K\)"),
        (
            [0],
            [[1.5, -0.5]],
            ValueError,
            r"p must hold probabilities \(no negative values\), .*index \(0, 1\)",
        ),
        ([0], [[2.0, 3.0]], ValueError, "each row of p must sum to 1"),
        ([0], [[np.nan, 1.0]], ValueError, "p must be finite"),
    ],
)
def test_cross_entropy_refuses_bad_input(labels, p, error, message):
    with pytest.raises(error, match=message):
        cross_entropy(labels, p)


def test_raw_scores_and_a_softmax_over_the_wrong_axis_are_refused():
    z = np.array([[2.0, 0.0, 1.0], [0.0, 3.0, 1.0], [1.0, 1.0, 0.0]])
    e = np.exp(z)
    with pytest.raises(ValueError, match="each row of p must sum to 1"):
        cross_entropy([0, 1, 2], z)
    with pytest.raises(ValueError, match="each row of p must sum to 1"):
        cross_entropy([0, 1, 2], e / e.sum(axis=0, keepdims=True))


# cross-entropy from scores


def test_cross_entropy_from_scores_matches_a_plain_log_sum_exp_loop():
    rng = np.random.default_rng(6)
    z = rng.normal(0, 4, (30, 5))
    labels = rng.integers(0, 5, 30)
    assert cross_entropy_from_scores(labels, z) == pytest.approx(
        plain_ce_from_scores(labels, z), rel=1e-13
    )


@settings(max_examples=200, deadline=None)
@given(
    z=hnp.arrays(
        np.float64, st.tuples(st.integers(1, 8), st.integers(1, 5)), elements=st.floats(-20, 20)
    ),
    data=st.data(),
)
def test_cross_entropy_from_scores_is_the_cross_entropy_of_the_softmax(z, data):
    labels = data.draw(hnp.arrays(np.int64, z.shape[0], elements=st.integers(0, z.shape[1] - 1)))
    from_scores = cross_entropy_from_scores(labels, z)
    # softmax rows are accurate to a few eps relative, so each −ln p is accurate to a few eps
    # absolute.
    assert from_scores == pytest.approx(
        cross_entropy(labels, softmax(z)), rel=1e-12, abs=z.size * 1e-15
    )
    assert from_scores >= 0


def test_cross_entropy_from_scores_of_two_classes_is_the_binary_one_from_logits():
    rng = np.random.default_rng(7)
    z = rng.normal(0, 30, (40, 2))
    y = rng.integers(0, 2, 40)
    assert cross_entropy_from_scores(y, z) == pytest.approx(
        binary_cross_entropy_from_logits(y, z[:, 1] - z[:, 0]), rel=1e-13
    )


def test_cross_entropy_from_scores_stays_finite_and_exact_at_large_scores(strict):
    z = np.array([[0.0, 1e4, -1e4], [800.0, -800.0, 0.0]])
    assert cross_entropy([0, 1], softmax(z)) == math.inf
    # Row 1: lse = 1e4 (+ e^−1e4); row 2: lse = 800 (+ e^−800), label's score −800.
    assert cross_entropy_from_scores([0, 1], z) == pytest.approx(1e4 + 1600.0, rel=1e-15)
    # Own class far ahead: the loss is ln(1 + e^−50 + e^−60), about 2e-22, not 0.
    tiny = cross_entropy_from_scores([0], [[50.0, 0.0, -10.0]])
    assert tiny == pytest.approx(math.exp(-50.0) + math.exp(-60.0), rel=1e-14, abs=0)


def test_ties_in_the_largest_score():
    # ln(e^s + e^s) − s = ln 2, for either tied class.
    assert cross_entropy_from_scores([0, 1], [[5.0, 5.0], [5.0, 5.0]]) == pytest.approx(
        2 * math.log(2), rel=1e-15
    )


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_cross_entropy_is_not_negative(seed):
    labels, p = random_problem(seed)
    assert cross_entropy(labels, p) >= 0


@pytest.mark.parametrize(
    ("labels", "z", "error", "message"),
    [
        ([2], [[0.0, 1.0]], ValueError, "labels must hold labels 0 to 1"),
        ([0.0], [[0.0, 1.0]], TypeError, "labels must hold integer labels"),
        ([0], [0.0, 1.0], ValueError, r"z must be 2-D with shape \(n, K\)"),
        ([0], [[0.0, np.inf]], ValueError, "z must be finite"),
        ([0, 0], [[0.0, 1.0]], ValueError, "labels and z must have one entry per point"),
    ],
)
def test_cross_entropy_from_scores_refuses_bad_input(labels, z, error, message):
    with pytest.raises(error, match=message):
        cross_entropy_from_scores(labels, z)
