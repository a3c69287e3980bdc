"""Lesson 8's checks against independent references: the comparison that tells 0 from
1e−313 and NaN from a number, the cases that make each numerical mistake show, and what the
mistakes' messages claim about the formulas they name. tests/test_check_catalogue.py holds what
the checks say about realistic answers."""

import math

import numpy as np
import pytest

import mlcourse as mc
from mlcourse.checks import classification, softmax
from mlcourse.checks.classification import SMALLEST, matches

SEEDS = (0, 101, 202, 303)
OVERFLOW_EDGE = math.log(np.finfo(float).max)  # e^z overflows above about 709.78


def sigmoid_by_hand(z):
    """σ(z) one value at a time, in the form whose exponent is not positive."""
    return np.array(
        [1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v)) for v in z]
    )


def test_matching_is_relative_down_to_the_smallest_floats():
    assert not matches(np.array([0.0]), np.array([2.0e-313]), 1e-9, SMALLEST, nan_equal=False)
    assert matches(np.array([2.0e-313]), np.array([2.0e-313 * (1 + 1e-12)]), 1e-9, SMALLEST, False)
    assert not matches(np.array([1.0]), np.array([1.0 + 1e-6]), 1e-9, SMALLEST, nan_equal=False)


def test_matching_of_infinities_and_nan():
    assert not matches(88.5, math.inf, 1e-9, 1e-12, nan_equal=True), "a number is not infinite"
    assert not matches(math.inf, 88.5, 1e-9, 1e-12, nan_equal=True)
    assert matches(math.inf, math.inf, 1e-9, 1e-12, nan_equal=False)
    assert not matches(math.inf, -math.inf, 1e-9, 1e-12, nan_equal=True)
    assert matches(math.nan, math.nan, 1e-9, 1e-12, nan_equal=True)
    assert not matches(math.nan, math.nan, 1e-9, 1e-12, nan_equal=False)
    assert not matches(math.nan, 1.0, 1e-9, 1e-12, nan_equal=True)


def test_matching_of_containers_and_other_kinds():
    assert matches((1.0, 2.0), np.array([1.0, 2.0]), 1e-9, 1e-12, nan_equal=False)
    assert matches(np.array([1.0, 2.0]), [1.0, 2.0], 1e-9, 1e-12, nan_equal=False)
    assert not matches((1.0,), (1.0, 2.0), 1e-9, 1e-12, nan_equal=False)
    assert not matches(np.array([[1.0, 2.0]]), np.array([1.0, 2.0]), 1e-9, 1e-12, False)
    for other in ("1.0", True, None, np.array(["a"])):
        assert not matches(other, 1.0, 1e-9, 1e-12, nan_equal=True)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_sigmoid_reference_is_the_sigmoid(seed):
    for (z,) in classification.sigmoid_cases(seed):
        np.testing.assert_allclose(
            classification.sigmoid_reference(z), sigmoid_by_hand(z), rtol=1e-15, atol=0
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_the_extreme_sigmoid_cases_hold_every_range_a_formula_fails_in(seed):
    moderate, *extremes, lessons, whole, whole_lessons = (
        z for (z,) in classification.sigmoid_cases(seed)
    )
    assert np.any(moderate == 0) and np.all(np.abs(moderate) < 30)
    assert lessons.size == 4 and lessons.min() < -709 and lessons.max() > 709 and 0 in lessons
    assert np.any(lessons[(lessons < -709)] > -745), "σ there is a tiny number, not 0"
    # Whole numbers: an answer's np.zeros_like(z) holds ints, and cuts σ(z) to 0 or 1.
    assert whole.dtype.kind == whole_lessons.dtype.kind == "i"
    assert np.any((whole != 0) & (np.abs(whole) < 30)) and 0 in whole_lessons
    for z in extremes:
        assert np.sum(z > OVERFLOW_EDGE) >= 2 and np.sum(z < -745) >= 2
        window = (z < -OVERFLOW_EDGE) & (z > -745)
        assert np.sum(window) >= 3 and np.all(sigmoid_by_hand(z[window]) > 1e3 * SMALLEST)
        assert np.sum((z > 37) & (z < 100)) >= 2 and np.sum((z < -37) & (z > -100)) >= 2


def test_the_overflow_message_is_true_of_the_literal_formula():
    """1/(1 + e^(−z)) is exact to rounding everywhere except just below −709, where it gives 0;
    σ(−720) is about 2.0e−313, as the message says."""
    z = np.concatenate([np.linspace(-709, 709, 2001), [-720.0, -740.0, 750.0, 1e4]])
    with np.errstate(over="ignore"):
        literal = 1 / (1 + np.exp(-z))
    right = classification.sigmoid_reference(z)
    close = np.isclose(literal, right, rtol=1e-12, atol=0)
    assert close[:2001].all() and not close[2001:3].any() and close[-2:].all()
    assert literal[2001] == 0 and f"{right[2001]:.2g}" == "2e-313"
    assert "σ(−720) ≈ 2.0e−313" in classification.OVERFLOWS


@pytest.mark.parametrize("seed", SEEDS)
def test_the_cross_entropy_cases_have_certain_and_confidently_wrong_points(seed):
    plain, *extreme, start, other_start = classification.bce_cases(seed)
    y, y_hat = plain
    assert np.all((y_hat > 0) & (y_hat < 1)), "the first call: the literal formula is right"
    literal = -np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    assert literal == pytest.approx(classification.bce_reference(y, y_hat), rel=1e-12)
    for y, y_hat in extreme:
        own = np.where(y == 1, y_hat, 1 - y_hat)
        assert np.sum(own == 1.0) >= 2, "certain and right: the literal formula's 0·ln 0"
        assert np.any((y == 1) & (y_hat < 1e-15)), "below every clipping ε the messages name"
        assert np.any((y == 0) & (1 - y_hat < 1e-7))
    for y, y_hat in (start, other_start):
        own = np.where(y == 1, y_hat, 1 - y_hat)
        assert 100 < y.size != 200 and np.all((y_hat > 0) & (y_hat < 1))
        assert np.mean(own < 0.5) > 0.9, "confidently wrong, as lesson 8's start"
        assert np.prod(own) == 0.0, "the likelihood underflows: −ln Π p is inf"
        assert classification.bce_reference(y, y_hat) > 1000


@pytest.mark.parametrize("seed", range(40))
def test_the_cross_entropy_cases_of_lesson_9_start_confidently_wrong(seed):
    """Hundreds of points, no probability 0, the likelihood underflowing, and a point whose own
    probability is below the smallest ε a library clips to (1e−15)."""
    for labels, p in softmax.probability_cases(seed)[3:5]:
        own = p[np.arange(labels.size), labels]
        assert 100 < labels.size != 150 and np.all(p > 0)
        assert np.prod(own) == 0.0 and own.min() < 1e-16
        assert np.mean(np.argmax(p, axis=1) != labels) > 0.9
        expected = -math.fsum(math.log(v) for v in own)
        assert softmax.cross_entropy_reference(labels, p) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_cross_entropy_reference_is_minus_the_log_likelihood(seed):
    for y, y_hat in classification.bce_cases(seed):
        likelihood_terms = [p if label == 1 else 1 - p for label, p in zip(y, y_hat, strict=True)]
        expected = -sum(math.log(p) for p in likelihood_terms)
        assert classification.bce_reference(y, y_hat) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_gradient_reference_agrees_with_finite_differences(seed):
    for x, y, w1, w0 in classification.gradient_cases(seed):
        numerical = mc.numerical_gradient(
            lambda w, x=x, y=y: mc.binary_cross_entropy_from_logits(y, w[0] * x + w[1]), [w1, w0]
        )
        analytic = classification.bce_gradients_reference(x, y, w1, w0)
        assert mc.relative_error(np.array(analytic), numerical) < 1e-6


@pytest.mark.parametrize("seed", SEEDS)
def test_the_gradient_cases_make_the_sse_gradient_differ(seed):
    """Two of the three calls are confident (most |z| > 4), where σ' is small and the SSE's
    gradient is far from the cross-entropy's."""
    sse_gradient = classification.GRADIENT_ALTERNATIVES[0][2]
    confident = 0
    for x, y, w1, w0 in classification.gradient_cases(seed):
        ratio = np.linalg.norm(sse_gradient(x, y, w1, w0)) / np.linalg.norm(
            classification.bce_gradients_reference(x, y, w1, w0)
        )
        confident += np.median(np.abs(w1 * x + w0)) > 4 and ratio < 0.1
    assert confident >= 2


@pytest.mark.parametrize("seed", SEEDS)
def test_the_cross_entropy_cases_with_certain_points_have_exact_zeros(seed):
    """Half the points certain and right: their own probability exactly 1, the others exactly
    0 (so −Σ Y·ln p is nan there), and E is that of the other half."""
    for labels, p in softmax.probability_cases(seed)[5:]:
        own = p[np.arange(labels.size), labels]
        certain = labels.size // 2
        assert np.sum(own == 1.0) == certain and np.sum(p == 0.0) == 2 * certain
        uncertain = own < 1.0
        expected = -math.fsum(math.log(v) for v in own[uncertain])
        assert softmax.cross_entropy_reference(labels, p) == pytest.approx(expected, rel=1e-12)
        with np.errstate(all="ignore"):
            assert np.isnan(-np.sum(np.eye(3)[labels] * np.log(p)))
