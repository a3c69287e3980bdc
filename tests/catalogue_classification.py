"""Realistic answers to lesson 8's exercises (sigmoid, binary_cross_entropy, bce_gradients), right
and wrong, registered in tests/catalogue.py's ANSWERS (which imports this module).

The learners' functions use lesson 8's globals the way its cells would: ``data`` (two classes on a
line), ``mc``, ``np``.
"""

import math

import numpy as np
from catalogue import right, wrong

import mlcourse as mc

data = mc.make_two_classes(n=200, seed=0)


# Lesson 8: sigmoid --------------------------------------------------------------------------


@right("sigmoid")
def sigmoid_small_exponential(z):
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))


@right("sigmoid")
def sigmoid_masks(z):
    result = np.empty_like(z, dtype=float)
    positive = z >= 0
    result[positive] = 1 / (1 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    result[~positive] = e / (1 + e)
    return result


@wrong("sigmoid", "right values", "overflow encountered", "np.where", kind="warned")
def sigmoid_both_forms_in_where(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


@right("sigmoid")
def sigmoid_softplus(z):
    return np.exp(-np.logaddexp(0, -z))


@right("sigmoid")
def sigmoid_loop(z):
    out = np.zeros(len(z))
    for i, value in enumerate(z):
        if value >= 0:
            out[i] = 1 / (1 + math.exp(-value))
        else:
            out[i] = math.exp(value) / (1 + math.exp(value))
    return out


@wrong("sigmoid", "It overflows", "σ(−720) ≈", mistake="overflow")
def sigmoid_naive(z):
    return 1 / (1 + np.exp(-z))


@wrong("sigmoid", "It overflows", mistake="overflow")
def sigmoid_naive_silenced(z):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


@wrong("sigmoid", "returns nan for z above about 709", mistake="ratio-overflow")
def sigmoid_ratio(z):
    return np.exp(z) / (1 + np.exp(z))


@wrong("sigmoid", "two forms are swapped", mistake="forms-swapped")
def sigmoid_forms_swapped(z):
    return np.where(z >= 0, np.exp(z) / (1 + np.exp(z)), 1 / (1 + np.exp(-z)))


@wrong("sigmoid", "tanh(z/2)", "cancels", mistake="tanh-form")
def sigmoid_tanh(z):
    return 0.5 * (1 + np.tanh(z / 2))


@wrong("sigmoid", "1 − 1/(1 + e^z)", "cancels", mistake="one-minus")
def sigmoid_one_minus(z):
    return 1 - 1 / (1 + np.exp(z))


@wrong("sigmoid", "clips z to [−500, 500]", mistake="clipped-500")
def sigmoid_clipped(z):
    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))


@wrong("sigmoid", "clips z to [−100, 100]", mistake="clipped-100")
def sigmoid_clipped_100(z):
    z = np.clip(z, -100, 100)
    return 1 / (1 + np.exp(-z))


@wrong("sigmoid", "clips z to [−709, 709]", mistake="clipped-709")
def sigmoid_clipped_709(z):
    return 1 / (1 + np.exp(-np.clip(z, -709, 709)))


@wrong("sigmoid", "σ(−z)", mistake="minus-z")
def sigmoid_sign(z):
    small = np.exp(-np.abs(z))
    return np.where(z < 0, 1 / (1 + small), small / (1 + small))


@wrong("sigmoid", "σ(−z)", mistake="minus-z")
def sigmoid_plus_exponent(z):
    return np.exp(-np.logaddexp(0, z))


@wrong("sigmoid", "e^(−|z|)/(1 + e^(−|z|)) for every z", mistake="negative-branch-everywhere")
def sigmoid_small_only(z):
    small = np.exp(-np.abs(z))
    return small / (1 + small)


@wrong("sigmoid", "1/(1 + e^(−|z|)) for every z", mistake="positive-branch-everywhere")
def sigmoid_large_only(z):
    return 1 / (1 + np.exp(-np.abs(z)))


@wrong("sigmoid", "derivative", mistake="derivative")
def sigmoid_derivative_without_cancelling(z):
    small = np.exp(-np.abs(z))
    return small / (1 + small) ** 2


@wrong("sigmoid", "derivative", mistake="derivative-as-written")
def sigmoid_derivative(z):
    small = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1 / (1 + small), small / (1 + small))
    return s * (1 - s)


@wrong("sigmoid", "raised OverflowError", "math.exp", kind="raised")
def sigmoid_math_exp(z):
    return np.array([1 / (1 + math.exp(-value)) for value in z])


@wrong("sigmoid", "changed its argument `z` in place", kind="changed_inputs")
def sigmoid_in_place(z):
    z[z < -700] = -700
    return 1 / (1 + np.exp(-z))


@wrong("sigmoid", "returned a list", "numpy array", kind="misfit")
def sigmoid_list(z):
    return [1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v)) for v in z]


@wrong("sigmoid", "expected", named=False)
def sigmoid_rounded(z):
    small = np.exp(-np.abs(z))
    return np.round(np.where(z >= 0, 1 / (1 + small), small / (1 + small)), 6)


@wrong("sigmoid", "expected", named=False)
def sigmoid_float32(z):
    z = z.astype(np.float32)
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))


# Lesson 8: binary_cross_entropy -------------------------------------------------------------


@right("binary_cross_entropy")
def bce_where(y, y_hat):
    return -np.sum(np.log(np.where(y == 1, y_hat, 1 - y_hat)))


@right("binary_cross_entropy")
def bce_masks(y, y_hat):
    ones = y == 1
    return -(np.sum(np.log(y_hat[ones])) + np.sum(np.log1p(-y_hat[~ones])))


@right("binary_cross_entropy")
def bce_loop(y, y_hat):
    total = 0.0
    for label, p in zip(y, y_hat, strict=True):
        total -= math.log(p) if label == 1 else math.log(1 - p)
    return total


@wrong("binary_cross_entropy", "−ln Π p", "underflows to 0", mistake="log-of-product")
def bce_of_the_likelihood(y, y_hat):
    likelihood = np.prod(y_hat**y * (1 - y_hat) ** (1 - y))
    return -np.log(likelihood)


@wrong("binary_cross_entropy", "−ln Π p", mistake="log-of-product")
def bce_likelihood_of_own_probabilities(y, y_hat):
    return -np.log(np.prod(np.where(y == 1, y_hat, 1 - y_hat)))


@wrong(
    "binary_cross_entropy", "right values", "divide by zero encountered", "np.where", kind="warned"
)
def bce_nansum(y, y_hat):
    return -np.nansum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


@right("binary_cross_entropy")
def bce_likelihood_of_each(y, y_hat):
    likelihood = y_hat**y * (1 - y_hat) ** (1 - y)
    return -np.sum(np.log(likelihood))


@wrong("binary_cross_entropy", "0·ln 0", "nan", mistake="naive")
def bce_naive(y, y_hat):
    return -np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


@wrong("binary_cross_entropy", "two mistakes", "0·ln 0", "divided by n", mistake="naive+mean")
def bce_naive_mean(y, y_hat):
    return -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


@wrong("binary_cross_entropy", "two mistakes", "0·ln 0", "sign", mistake="naive+sign")
def bce_naive_sign(y, y_hat):
    return np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


@wrong("binary_cross_entropy", "the sign is wrong", mistake="sign")
def bce_sign(y, y_hat):
    return np.sum(np.log(np.where(y == 1, y_hat, 1 - y_hat)))


@wrong("binary_cross_entropy", "divided by n", mistake="mean")
def bce_mean(y, y_hat):
    return -np.mean(np.log(np.where(y == 1, y_hat, 1 - y_hat)))


@wrong("binary_cross_entropy", "two mistakes", "sign", "divided by n", mistake="sign+mean")
def bce_sign_and_mean(y, y_hat):
    return np.mean(np.log(np.where(y == 1, y_hat, 1 - y_hat)))


@wrong("binary_cross_entropy", "np.log10", mistake="log10")
def bce_log10(y, y_hat):
    return -np.sum(np.log10(np.where(y == 1, y_hat, 1 - y_hat)))


@wrong("binary_cross_entropy", "np.log2", mistake="log2")
def bce_log2(y, y_hat):
    return -np.sum(np.log2(np.where(y == 1, y_hat, 1 - y_hat)))


@wrong("binary_cross_entropy", "only the points of class 1 count", mistake="only-ones")
def bce_only_ones(y, y_hat):
    return -np.sum(np.log(y_hat[y == 1]))


@wrong("binary_cross_entropy", "only the points of class 1 count", mistake="only-ones-weighted")
def bce_only_first_term(y, y_hat):
    return -np.sum(y * np.log(y_hat))


@wrong("binary_cross_entropy", "every point adds −ln ŷ", mistake="same-log")
def bce_same_log(y, y_hat):
    return -np.sum(np.log(y_hat))


@wrong("binary_cross_entropy", "every point adds −ln ŷ", mistake="same-log-weighted")
def bce_copy_paste(y, y_hat):
    return -np.sum(y * np.log(y_hat) + (1 - y) * np.log(y_hat))


@wrong(
    "binary_cross_entropy", "labels y and the probabilities ŷ are swapped", mistake="labels-logged"
)
def bce_parameters_swapped(y_hat, y):
    return -np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


@wrong("binary_cross_entropy", "clips ŷ to [1e-15, 1 − 1e-15]", mistake="clipped-1e-15")
def bce_clipped(y, y_hat):
    p = np.clip(y_hat, 1e-15, 1 - 1e-15)
    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))


@wrong("binary_cross_entropy", "clips ŷ to [1e-07, 1 − 1e-07]", mistake="clipped-1e-07")
def bce_clipped_like_keras(y, y_hat):
    epsilon = 1e-7
    y_hat = np.clip(y_hat, epsilon, 1 - epsilon)
    return -np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


@wrong("binary_cross_entropy", "clips ŷ to [1e-12, 1 − 1e-12]", mistake="clipped-1e-12")
def bce_clipped_12(y, y_hat):
    p = np.clip(y_hat, 1e-12, 1 - 1e-12)
    return -np.sum(np.where(y == 1, np.log(p), np.log(1 - p)))


@wrong("binary_cross_entropy", "one value per point", kind="misfit")
def bce_per_point(y, y_hat):
    return -np.log(np.where(y == 1, y_hat, 1 - y_hat))


@wrong("binary_cross_entropy", "raised ValueError", "math.log raises", kind="raised")
def bce_math_log(y, y_hat):
    return -sum(a * math.log(p) + (1 - a) * math.log(1 - p) for a, p in zip(y, y_hat, strict=True))


@wrong("binary_cross_entropy", "(200,)", "not the notebook's `data`", kind="raised")
def bce_lesson_labels(y, y_hat):
    return -np.sum(np.log(np.where(data.y == 1, y_hat, 1 - y_hat)))


@wrong("binary_cross_entropy", "the SSE", mistake="squared-error")
def bce_squared_error(y, y_hat):
    return 0.5 * np.sum((y - y_hat) ** 2)


@wrong("binary_cross_entropy", "adds 1e-15 inside the logs", mistake="epsilon-1e-15")
def bce_epsilon_of_a_library(y, y_hat):
    eps = 1e-15
    return -np.sum(y * np.log(y_hat + eps) + (1 - y) * np.log(1 - y_hat + eps))


@wrong("binary_cross_entropy", "adds 1e-12 inside the logs", mistake="epsilon-1e-12")
def bce_epsilon_small(y, y_hat):
    return -(y * np.log(y_hat + 1e-12) + (1 - y) * np.log(1 - y_hat + 1e-12)).sum()


@wrong("binary_cross_entropy", "adds 1e-07 inside the logs", mistake="epsilon-1e-07")
def bce_epsilon_keras(y, y_hat):
    epsilon = 1e-7
    return -np.sum(y * np.log(y_hat + epsilon) + (1 - y) * np.log(1 - y_hat + epsilon))


@wrong("binary_cross_entropy", "adds 1e-09 inside the logs", mistake="epsilon-1e-09")
def bce_small_offset(y, y_hat):
    return -np.sum(y * np.log(y_hat + 1e-9) + (1 - y) * np.log(1 - y_hat + 1e-9))


# Lesson 8: bce_gradients --------------------------------------------------------------------


def _sigmoid(z):
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))


@right("bce_gradients")
def gradients_plain(x, y, w1, w0):
    y_hat = _sigmoid(w1 * x + w0)
    return np.sum((y_hat - y) * x), np.sum(y_hat - y)


@right("bce_gradients")
def gradients_package_forward_pass(x, y, w1, w0):
    y_hat = mc.predict(x, w1, w0, activation="sigmoid")
    return -np.sum((y - y_hat) * x), -np.sum(y - y_hat)


@right("bce_gradients")
def gradients_matrix(x, y, w1, w0):
    inputs = np.column_stack([x, np.ones_like(x)])
    delta = mc.sigmoid(inputs @ np.array([w1, w0])) - y
    dE_dw1, dE_dw0 = inputs.T @ delta
    return dE_dw1, dE_dw0


@wrong("bce_gradients", "the sign is wrong", mistake="sign")
def gradients_sign(x, y, w1, w0):
    y_hat = _sigmoid(w1 * x + w0)
    return np.sum((y - y_hat) * x), np.sum(y - y_hat)


@wrong("bce_gradients", "divided by n", mistake="mean")
def gradients_mean(x, y, w1, w0):
    y_hat = _sigmoid(w1 * x + w0)
    return np.mean((y_hat - y) * x), np.mean(y_hat - y)


@wrong("bce_gradients", "two mistakes", "sign", "divided by n", mistake="sign+mean")
def gradients_sign_and_mean(x, y, w1, w0):
    y_hat = _sigmoid(w1 * x + w0)
    return np.mean((y - y_hat) * x), np.mean(y - y_hat)


@wrong(
    "bce_gradients",
    "σ'(z) = ŷ(1 − ŷ) is still there",
    "gradient of the SSE",
    mistake="sse-gradient",
)
def gradients_sse(x, y, w1, w0):
    y_hat = _sigmoid(w1 * x + w0)
    slope = y_hat * (1 - y_hat)
    return -np.sum((y - y_hat) * slope * x), -np.sum((y - y_hat) * slope)


@wrong(
    "bce_gradients",
    "two mistakes",
    "σ'(z) = ŷ(1 − ŷ) is still there",
    "sign",
    mistake="sse-gradient+sign",
)
def gradients_sse_sign(x, y, w1, w0):
    y_hat = _sigmoid(w1 * x + w0)
    return np.sum((y - y_hat) * y_hat * (1 - y_hat) * x), np.sum((y - y_hat) * y_hat * (1 - y_hat))


@wrong(
    "bce_gradients",
    "two mistakes",
    "σ'(z) = ŷ(1 − ŷ) is still there",
    "divided by n",
    mistake="sse-gradient+mean",
)
def gradients_sse_mean(x, y, w1, w0):
    y_hat = _sigmoid(w1 * x + w0)
    delta = (y_hat - y) * y_hat * (1 - y_hat)
    return np.mean(delta * x), np.mean(delta)


@wrong("bce_gradients", "dE/dŷ·x1", mistake="output-gradient")
def gradients_stops_at_y_hat(x, y, w1, w0):
    y_hat = _sigmoid(w1 * x + w0)
    dE_dy_hat = -y / y_hat + (1 - y) / (1 - y_hat)
    return np.sum(dE_dy_hat * x), np.sum(dE_dy_hat)


@wrong("bce_gradients", "uses z where ŷ = σ(z) belongs", mistake="linear-neuron")
def gradients_linear(x, y, w1, w0):
    z = w1 * x + w0
    return np.sum((z - y) * x), np.sum(z - y)


@wrong("bce_gradients", "lacks the input x1", mistake="no-x")
def gradients_no_x(x, y, w1, w0):
    delta = _sigmoid(w1 * x + w0) - y
    return np.sum(delta), np.sum(delta)


@wrong("bce_gradients", "returns (dE/dw0, dE/dw1)", mistake="swapped-results")
def gradients_swapped(x, y, w1, w0):
    delta = _sigmoid(w1 * x + w0) - y
    return np.sum(delta), np.sum(delta * x)


@wrong("bce_gradients", "data.x and data.y", mistake="lesson-data")
def gradients_lesson_data(x, y, w1, w0):
    delta = _sigmoid(w1 * data.x + w0) - data.y
    return np.sum(delta * data.x), np.sum(delta)


@wrong("bce_gradients", "(200,)", "not the notebook's `data`", kind="raised")
def gradients_lesson_labels(x, y, w1, w0):
    delta = _sigmoid(w1 * x + w0) - data.y
    return np.sum(delta * x), np.sum(delta)


@wrong("bce_gradients", "one number", named=False)
def gradients_per_point(x, y, w1, w0):
    delta = _sigmoid(w1 * x + w0) - y
    return delta * x, delta


@wrong("bce_gradients", "expected", named=False)
def gradients_with_half(x, y, w1, w0):
    delta = _sigmoid(w1 * x + w0) - y
    return 0.5 * np.sum(delta * x), np.sum(delta)
