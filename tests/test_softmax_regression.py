import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcourse import (
    best_line_accuracy,
    class_probabilities,
    make_blobs,
    numerical_gradient,
    relative_error,
    sigmoid,
    softmax_gradients,
    softmax_regression_error,
)


def plain_error(X, labels, W, b):
    """E = −Σ_i ln softmax(x_i·W + b)[label_i], point by point and class by class."""
    total = 0.0
    for x, label in zip(X, labels, strict=True):
        scores = [sum(x[j] * W[j, k] for j in range(len(x))) + b[k] for k in range(len(b))]
        top = max(scores)
        total += top + math.log(sum(math.exp(s - top) for s in scores)) - scores[label]
    return total


def problem(seed, n=20, d=3, classes=4, scale=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n, d))
    labels = rng.integers(0, classes, n)
    W = rng.normal(0, scale, (d, classes))
    b = rng.normal(0, scale, classes)
    return X, labels, W, b


def numerical_gradients(X, labels, W, b, h=1e-5):
    """Centred differences of the plain-loop error over every entry of W and b."""
    d, classes = W.shape

    def error(theta):
        return plain_error(
            X, labels, theta[: d * classes].reshape(d, classes), theta[d * classes :]
        )

    numerical = numerical_gradient(error, np.concatenate([W.ravel(), b]), h=h)
    return numerical[: d * classes].reshape(d, classes), numerical[d * classes :]


def test_gradients_match_finite_differences():
    X, labels, W, b = problem(0)
    dW, db = softmax_gradients(X, labels, W, b)
    dW_numerical, db_numerical = numerical_gradients(X, labels, W, b)
    assert dW.shape == W.shape and db.shape == b.shape
    assert relative_error(dW.ravel(), dW_numerical.ravel()) < 1e-7
    assert relative_error(db, db_numerical) < 1e-7


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 8),
    d=st.integers(1, 3),
    classes=st.integers(2, 4),
    scale=st.floats(0.1, 5.0),
)
def test_gradients_match_finite_differences_everywhere(seed, n, d, classes, scale):
    X, labels, W, b = problem(seed, n, d, classes, scale)
    dW, db = softmax_gradients(X, labels, W, b)
    dW_numerical, db_numerical = numerical_gradients(X, labels, W, b)
    # Centred differences err by about h²·E''' + eps·E / h: far below 1e-6 here.
    np.testing.assert_allclose(dW, dW_numerical, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(db, db_numerical, rtol=1e-6, atol=1e-7)


def test_gradient_of_one_point_by_hand():
    # One point x = (2,), all scores 0: P = (½, ½), Y = (0, 1), so P − Y = (½, −½),
    # dW = xᵀ(P − Y) = [[1, −1]], db = (½, −½).
    dW, db = softmax_gradients([[2.0]], [1], np.zeros((1, 2)), np.zeros(2))
    np.testing.assert_allclose(dW, [[1.0, -1.0]])
    np.testing.assert_allclose(db, [0.5, -0.5])


def test_two_classes_give_the_logistic_gradient_of_the_score_difference():
    # With K = 2 only w = W[:, 1] − W[:, 0] matters, and E is the binary cross-entropy of
    # σ(X·w + b1 − b0), whose gradient is Xᵀ(σ − y): dW[:, 1] = −dW[:, 0] = that.
    X, labels, W, b = problem(1, classes=2)
    dW, db = softmax_gradients(X, labels, W, b)
    residual = sigmoid(X @ (W[:, 1] - W[:, 0]) + b[1] - b[0]) - labels
    np.testing.assert_allclose(dW[:, 1], X.T @ residual, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(dW[:, 0], -(X.T @ residual), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(db, [-residual.sum(), residual.sum()], rtol=1e-12, atol=1e-14)


def test_the_gradient_sums_over_points():
    X, labels, W, b = problem(2)
    dW, db = softmax_gradients(X, labels, W, b)
    parts = [softmax_gradients(X[i : i + 1], labels[i : i + 1], W, b) for i in range(len(X))]
    np.testing.assert_allclose(dW, sum(part[0] for part in parts), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(db, sum(part[1] for part in parts), rtol=1e-12, atol=1e-14)


def test_the_gradient_stays_finite_at_huge_scores():
    X, labels, W, b = problem(3)
    dW, db = softmax_gradients(X, labels, 1e4 * W, b)
    assert np.all(np.isfinite(dW)) and np.all(np.isfinite(db))


def test_error_matches_a_plain_loop():
    X, labels, W, b = problem(4)
    assert softmax_regression_error(X, labels, W, b) == pytest.approx(
        plain_error(X, labels, W, b), rel=1e-13
    )


def test_class_probabilities_match_a_plain_loop():
    X, _, W, b = problem(5)
    expected = []
    for x in X:
        exponentials = [math.exp(x @ W[:, k] + b[k]) for k in range(len(b))]
        expected.append([e / sum(exponentials) for e in exponentials])
    np.testing.assert_allclose(class_probabilities(X, W, b), expected, rtol=1e-13)


def test_descending_the_gradient_learns_the_blobs():
    data = make_blobs(n_per_class=50, seed=0)
    W, b = np.zeros((2, 3)), np.zeros(3)
    start = softmax_regression_error(data.X, data.labels, W, b)
    assert start == pytest.approx(150 * math.log(3))  # every class at 1/3
    for _ in range(200):
        dW, db = softmax_gradients(data.X, data.labels, W, b)
        W, b = W - 0.01 * dW, b - 0.01 * db
    predicted = np.argmax(class_probabilities(data.X, W, b), axis=1)
    assert softmax_regression_error(data.X, data.labels, W, b) < start / 5
    assert np.mean(predicted == data.labels) > 0.9


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (
            {"W": np.zeros((2, 4))},
            ValueError,
            r"X has d = 3 columns, so W must have shape \(3, K\)",
        ),
        ({"b": np.zeros(3)}, ValueError, r"W has K = 4 columns, so b must have shape \(4,\)"),
        ({"labels": [0, 1, 4, 0, 1]}, ValueError, r"labels must hold labels 0 to 3 \(K = 4\)"),
        ({"labels": [0, 1]}, ValueError, "labels and X must have one entry per point"),
        ({"labels": [0.0] * 5}, TypeError, "labels must hold integer labels"),
        ({"X": np.zeros(5)}, ValueError, r"X must be 2-D with shape \(n, d\)"),
        ({"W": np.zeros(3)}, ValueError, r"W must be 2-D with shape \(d, K\)"),
        ({"b": np.zeros((1, 4))}, ValueError, r"b must be 1-D with shape \(K,\)"),
        ({"W": np.full((3, 4), np.nan)}, ValueError, "W must be finite"),
    ],
)
def test_bad_shapes_and_labels_are_named(change, error, message):
    X, labels, W, b = problem(6, n=5)
    arguments = {"X": X, "labels": labels, "W": W, "b": b, **change}
    with pytest.raises(error, match=message):
        softmax_gradients(**arguments)
    with pytest.raises(error, match=message):
        softmax_regression_error(**arguments)


# the best any line can do (lesson 11's yardstick)


def plain_best_line(X, labels, angles):
    """The best share of right points over lines whose normal points at one of ``angles``, with
    every cut between two sorted points, either way round: plain loops."""
    n, best = len(labels), 0
    for angle in angles:
        along = [x1 * math.cos(angle) + x2 * math.sin(angle) for x1, x2 in X]
        order = sorted(range(n), key=lambda i: along[i])
        for cut in range(n + 1):
            below = {order[i] for i in range(cut)}
            right = sum((i in below) == (labels[i] == 0) for i in range(n))
            best = max(best, right, n - right)
    return best / n


def turning_angles(X):
    return sorted(
        (math.atan2(b[1] - a[1], b[0] - a[0]) + math.pi / 2) % math.pi
        for i, a in enumerate(X)
        for b in X[i + 1 :]
    )


# Draws with three accuracies (5/7, 6/7, 7/7); in seed 6 only a narrow range of directions
# separates the classes.
@pytest.mark.parametrize("seed", [0, 6, 8, 9, 25])
def test_best_line_matches_a_fine_search_with_plain_loops(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (7, 2))
    labels = rng.integers(0, 2, 7)
    angles = np.linspace(0, math.pi, 3000, endpoint=False)
    turning = turning_angles(X.tolist())
    gaps = np.diff([*turning, turning[0] + math.pi])
    # Every range of directions with one order of the points holds at least one searched angle.
    assert gaps.min() > 2 * math.pi / 3000
    assert best_line_accuracy(X, labels) == plain_best_line(X.tolist(), labels, angles)


def test_best_line_by_hand():
    square = [[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]]
    assert best_line_accuracy(square, [0, 0, 1, 1]) == 0.75  # the xor: three of four at best
    assert best_line_accuracy(square, [0, 1, 0, 1]) == 1.0  # x1 = ½ separates them
    assert best_line_accuracy(square, [1, 1, 1, 1]) == 1.0
    # A point of class 1 inside a triangle of class 0: one of the four is always wrong.
    triangle = [[0.0, 0.0], [4.0, 0.0], [0.0, 4.0], [1.0, 1.0]]
    assert best_line_accuracy(triangle, [0, 0, 0, 1]) == 0.75


def test_no_line_splits_a_repeated_point():
    assert best_line_accuracy([[1.0, 2.0], [1.0, 2.0]], [0, 1]) == 0.5
    assert best_line_accuracy([[1.0, 2.0], [1.0, 2.0], [3.0, 0.0]], [0, 1, 1]) == 2 / 3
    assert best_line_accuracy([[1.0, 2.0]], [1]) == 1.0


def test_the_best_line_beats_the_trained_softmax_classifier():
    data = make_blobs(n_per_class=40, classes=2, spread=1.5, seed=2)
    W, b = np.zeros((2, 2)), np.zeros(2)
    for _ in range(500):
        W_grad, b_grad = softmax_gradients(data.X, data.labels, W, b)
        W, b = W - 0.005 * W_grad, b - 0.005 * b_grad
    trained = np.mean(np.argmax(class_probabilities(data.X, W, b), axis=1) == data.labels)
    assert 0.5 < trained <= best_line_accuracy(data.X, data.labels) < 1.0


@pytest.mark.parametrize(
    ("X", "labels", "error", "message"),
    [
        (np.zeros((3, 3)), [0, 1, 0], ValueError, "X must have two columns"),
        (np.zeros((3, 2)), [0, 1, 2], ValueError, "labels must hold labels 0 to 1"),
        (np.zeros((3, 2)), [0, 1], ValueError, "labels and X must have one entry per point"),
        (np.zeros(3), [0, 1, 0], ValueError, "X must be 2-D"),
    ],
)
def test_best_line_refuses_bad_input(X, labels, error, message):
    with pytest.raises(error, match=message):
        best_line_accuracy(X, labels)
