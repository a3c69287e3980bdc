"""Realistic answers to lesson 9's exercises (softmax, cross_entropy, softmax_gradients), right
and wrong, registered in tests/catalogue.py's ANSWERS (which imports this module).

The learners' functions use lesson 9's globals the way its cells would: ``data`` (the blobs),
``mc``, ``np``.
"""

import math

import numpy as np
from catalogue import right, wrong

import mlcourse as mc

data = mc.make_blobs(seed=0)


# Lesson 9: softmax ---------------------------------------------------------------------------


@wrong("softmax", "right values", "overflow encountered", kind="warned")
def softmax_plain_formula_first(z):
    e = np.exp(z)
    p = e / e.sum(axis=1, keepdims=True)
    if np.all(np.isfinite(p)):
        return p
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@right("softmax")
def softmax_keepdims(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


@right("softmax")
def softmax_new_axis(z):
    shifted = z - z.max(axis=1)[:, None]
    return np.exp(shifted) / np.exp(shifted).sum(axis=1)[:, None]


@right("softmax")
def softmax_last_axis(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@right("softmax")
def softmax_transposed(z):
    shifted = z.T - z.max(axis=1)
    return (np.exp(shifted) / np.exp(shifted).sum(axis=0)).T


@right("softmax")
def softmax_row_by_row(z):
    rows = []
    for row in z:
        e = np.exp(row - row.max())
        rows.append(e / e.sum())
    return np.array(rows)


@right("softmax")
def softmax_log_sum_exp(z):
    m = z.max(axis=1, keepdims=True)
    return np.exp(z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))


@wrong("softmax", "overflows", "subtract each row's maximum", mistake="overflow")
def softmax_naive(z):
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@wrong("softmax", "raised", "subtract each row's maximum", kind="raised")
def softmax_math_exp(z):
    result = np.zeros_like(z)
    for i in range(z.shape[0]):
        total = sum(math.exp(s) for s in z[i])
        for k in range(z.shape[1]):
            result[i, k] = math.exp(z[i, k]) / total
    return result


@wrong("softmax", "largest score of the whole array", mistake="global-max")
def softmax_global_max(z):
    e = np.exp(z - np.max(z))
    return e / np.sum(e, axis=1, keepdims=True)


@wrong("softmax", "one row written for the whole array", mistake="one-row")
def softmax_of_one_row(z):
    e = np.exp(z - np.max(z))
    return e / np.sum(e)


@wrong("softmax", "each row's minimum", mistake="row-min")
def softmax_minus_min(z):
    e = np.exp(z - z.min(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@wrong("softmax", "each row's mean", mistake="row-mean")
def softmax_minus_mean(z):
    e = np.exp(z - z.mean(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@wrong("softmax", "normalises each column", mistake="columns")
def softmax_columns(z):
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=0)


@wrong("softmax", "Two mistakes", "each column", "overflows", mistake="columns+overflow")
def softmax_naive_columns(z):
    return np.exp(z) / np.sum(np.exp(z), axis=0)


@wrong("softmax", "each column's sum", mistake="column-sums")
def softmax_divided_by_column_sums(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=0)


@wrong("softmax", "each column's maximum", mistake="column-max")
def softmax_column_max(z):
    e = np.exp(z - np.max(z, axis=0))
    return e / np.sum(e, axis=1, keepdims=True)


@wrong("softmax", "does not divide by the row's sum", mistake="not-divided")
def softmax_not_normalised(z):
    return np.exp(z - np.max(z, axis=1, keepdims=True))


@wrong("softmax", "sum over the whole array", mistake="sum-of-all")
def softmax_total_sum(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / e.sum()


@wrong("softmax", "Only the numerator is shifted", mistake="numerator-only")
def softmax_shifted_numerator(z):
    return np.exp(z - z.max(axis=1, keepdims=True)) / np.exp(z).sum(axis=1, keepdims=True)


@wrong("softmax", "sigmoid of each score", mistake="sigmoid")
def softmax_sigmoid(z):
    return 1 / (1 + np.exp(-z))


@wrong("softmax", "exponentiate first", mistake="unexponentiated")
def softmax_without_exp(z):
    return z / z.sum(axis=1, keepdims=True)


@wrong("softmax", "log of the softmax", mistake="log-softmax")
def softmax_log(z):
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


@wrong(
    "softmax", "changed its argument `z` in place", "Its results are right", kind="changed_inputs"
)
def softmax_in_place(z):
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@wrong("softmax", "raised ValueError", "keepdims=True", kind="raised")
def softmax_max_without_keepdims(z):
    e = np.exp(z - np.max(z, axis=1))
    return e / np.sum(e, axis=1, keepdims=True)


@wrong("softmax", "raised ValueError", "keepdims=True", kind="raised")
def softmax_sum_without_keepdims(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1)


@wrong("softmax", "should be a numpy array", kind="misfit")
def softmax_list(z):
    return [list(row) for row in softmax_keepdims(z)]


@wrong("softmax", "expected", named=False)
def softmax_with_temperature(z):
    return softmax_keepdims(z / 2)


# Lesson 9: cross_entropy ---------------------------------------------------------------------


@right("cross_entropy")
def cross_entropy_indexing(labels, p):
    return -np.sum(np.log(p[np.arange(len(labels)), labels]))


@wrong("cross_entropy", "right values", "divide by zero encountered", kind="warned")
def cross_entropy_nansum(labels, p):
    Y = np.eye(p.shape[1])[labels]
    return -np.nansum(Y * np.log(p))


@wrong("cross_entropy", "0·ln 0", "nan", mistake="one-hot-log")
def cross_entropy_one_hot(labels, p):
    Y = np.eye(p.shape[1])[labels]
    return -np.sum(Y * np.log(p))


@right("cross_entropy")
def cross_entropy_loop(labels, p):
    total = 0.0
    for i in range(len(labels)):
        total -= math.log(p[i, labels[i]])
    return total


@right("cross_entropy")
def cross_entropy_take_along(labels, p):
    return -np.log(np.take_along_axis(p, labels[:, None], axis=1)).sum()


@wrong("cross_entropy", "above 1e-07", "confidently wrong", mistake="clipped-1e-07")
def cross_entropy_clipped(labels, p):
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return -np.sum(np.log(p[range(len(labels)), labels]))


@wrong("cross_entropy", "above 1e-07", mistake="epsilon-1e-07")
def cross_entropy_epsilon(labels, p):
    return -np.sum(np.log(p[np.arange(len(labels)), labels] + 1e-7))


@wrong("cross_entropy", "−ln Π p", "underflows to 0", mistake="log-of-product")
def cross_entropy_of_the_likelihood(labels, p):
    return -np.log(np.prod(p[np.arange(len(labels)), labels]))


@wrong("cross_entropy", "above 1e-12", mistake="epsilon-1e-12")
def cross_entropy_tiny_epsilon(labels, p):
    eps = 1e-12
    return -np.sum(np.log(p[np.arange(len(labels)), labels] + eps))


@wrong("cross_entropy", "above 1e-15", mistake="clipped-1e-15")
def cross_entropy_clipped_like_a_library(labels, p):
    eps = 1e-15
    p = np.clip(p, eps, 1 - eps)
    return -np.sum(np.log(p[np.arange(len(labels)), labels]))


@wrong("cross_entropy", "above 1e-12", mistake="clipped-1e-12")
def cross_entropy_clipped_from_below(labels, p):
    own = p[np.arange(len(labels)), labels]
    return -np.sum(np.log(np.maximum(own, 1e-12)))


@wrong("cross_entropy", "above 1e-15", mistake="epsilon-1e-15")
def cross_entropy_smallest_epsilon(labels, p):
    return -np.sum(np.log(p[np.arange(len(labels)), labels] + 1e-15))


@wrong("cross_entropy", "−ln Π p", mistake="log-of-product")
def cross_entropy_likelihood_loop(labels, p):
    likelihood = 1.0
    for i, label in enumerate(labels):
        likelihood *= p[i, label]
    return -np.log(likelihood)


@wrong("cross_entropy", "divided by n", mistake="mean")
def cross_entropy_mean(labels, p):
    return -np.mean(np.log(p[np.arange(len(labels)), labels]))


@wrong("cross_entropy", "the sign is wrong", mistake="sign")
def cross_entropy_no_minus(labels, p):
    return np.sum(np.log(p[np.arange(len(labels)), labels]))


@wrong("cross_entropy", "Two mistakes", "sign", "divided by n", mistake="sign+mean")
def cross_entropy_mean_log_likelihood(labels, p):
    return np.mean(np.log(p[np.arange(len(labels)), labels]))


@wrong("cross_entropy", "n × n", mistake="columns-of-labels")
def cross_entropy_all_labels(labels, p):
    return -np.sum(np.log(p[:, labels]))


@wrong("cross_entropy", "whole rows", mistake="rows-of-labels")
def cross_entropy_rows_by_label(labels, p):
    return -np.sum(np.log(p[labels]))


@wrong("cross_entropy", "every class's probability", mistake="every-class")
def cross_entropy_every_class(labels, p):
    return -np.sum(np.log(p))


@wrong("cross_entropy", "binary cross-entropy of each class", mistake="binary-per-class")
def cross_entropy_binary_per_class(labels, p):
    Y = np.eye(p.shape[1])[labels]
    return -np.sum(Y * np.log(p) + (1 - Y) * np.log(1 - p))


@wrong("cross_entropy", "predicted class", mistake="predicted-class")
def cross_entropy_of_the_prediction(labels, p):
    return -np.sum(np.log(p.max(axis=1)))


@wrong("cross_entropy", "next class", mistake="next-class")
def cross_entropy_off_by_one(labels, p):
    return -np.sum(np.log(p[np.arange(len(labels)), (labels + 1) % p.shape[1]]))


@wrong("cross_entropy", "np.log10", mistake="log10")
def cross_entropy_log10(labels, p):
    return -np.sum(np.log10(p[np.arange(len(labels)), labels]))


@wrong("cross_entropy", "np.log2", mistake="log2")
def cross_entropy_log2(labels, p):
    return -np.sum(np.log2(p[np.arange(len(labels)), labels]))


@wrong("cross_entropy", "previous class", mistake="previous-class")
def cross_entropy_label_minus_one(labels, p):
    return -sum(np.log(p[i, labels[i] - 1]) for i in range(len(labels)))


@wrong(
    "cross_entropy",
    "Two mistakes",
    "binary cross-entropy",
    "divided by n",
    mistake="binary-per-class+mean",
)
def cross_entropy_binary_mean(labels, p):
    Y = np.eye(p.shape[1])[labels]
    return -np.mean(np.sum(Y * np.log(p) + (1 - Y) * np.log(1 - p), axis=1))


@wrong("cross_entropy", "logarithm is missing", mistake="no-log")
def cross_entropy_without_log(labels, p):
    return -np.sum(p[np.arange(len(labels)), labels])


@wrong("cross_entropy", "n·K", mistake="mean-of-entries")
def cross_entropy_mean_of_everything(labels, p):
    Y = np.eye(p.shape[1])[labels]
    return -np.mean(Y * np.log(p))


@wrong("cross_entropy", "one value per point", mistake="per-point")
def cross_entropy_per_point(labels, p):
    return -np.log(p[np.arange(len(labels)), labels])


@wrong("cross_entropy", "ln(1 − p)", mistake="one-minus-own")
def cross_entropy_of_the_complement(labels, p):
    return -np.sum(np.log(1 - p[np.arange(len(labels)), labels]))


@wrong("cross_entropy", "raised IndexError", "data.labels", named=False)
def cross_entropy_lesson_labels(labels, p):
    return -np.sum(np.log(p[np.arange(len(data.labels)), data.labels]))


@wrong("cross_entropy", "raised IndexError", named=False)
def cross_entropy_arguments_swapped(p, labels):
    return -np.sum(np.log(p[np.arange(len(labels)), labels]))


@wrong("cross_entropy", "expected", named=False)
def cross_entropy_with_a_penalty(labels, p):
    return -np.sum(np.log(p[np.arange(len(labels)), labels])) + 0.1 * np.sum(p**2)


# Lesson 9: softmax_gradients -----------------------------------------------------------------


def _probabilities(X, W, b):
    return softmax_keepdims(X @ W + b)


@right("softmax_gradients")
def gradients_one_hot(X, labels, W, b):
    P = _probabilities(X, W, b)
    Y = np.eye(W.shape[1])[labels]
    G = P - Y
    return X.T @ G, G.sum(axis=0)


@right("softmax_gradients")
def gradients_subtract_one(X, labels, W, b):
    G = mc.softmax(X @ W + b)
    G[np.arange(len(labels)), labels] -= 1
    return X.T @ G, np.sum(G, axis=0)


@right("softmax_gradients")
def gradients_point_by_point(X, labels, W, b):
    dW, db = np.zeros_like(W), np.zeros_like(b)
    for i in range(len(X)):
        g = _probabilities(X[i : i + 1], W, b)[0]
        g[labels[i]] -= 1
        dW += np.outer(X[i], g)
        db += g
    return dW, db


@right("softmax_gradients")
def gradients_einsum(X, labels, W, b):
    G = _probabilities(X, W, b) - np.eye(W.shape[1])[labels]
    return np.einsum("nd,nk->dk", X, G), G.sum(0)


@wrong("softmax_gradients", "wrong sign", mistake="sign")
def gradients_y_minus_p(X, labels, W, b):
    G = np.eye(W.shape[1])[labels] - _probabilities(X, W, b)
    return X.T @ G, G.sum(axis=0)


@wrong("softmax_gradients", "divided by n", mistake="mean")
def gradients_mean(X, labels, W, b):
    G = _probabilities(X, W, b) - np.eye(W.shape[1])[labels]
    return X.T @ G / len(X), G.mean(axis=0)


@wrong("softmax_gradients", "Two mistakes", "sign", "division by n", mistake="sign+mean")
def gradients_mean_and_sign(X, labels, W, b):
    G = np.eye(W.shape[1])[labels] - _probabilities(X, W, b)
    return X.T @ G / len(X), G.mean(axis=0)


@wrong("softmax_gradients", "labels are missing", mistake="no-labels")
def gradients_without_labels(X, labels, W, b):
    P = _probabilities(X, W, b)
    return X.T @ P, P.sum(axis=0)


@wrong("softmax_gradients", "subtracts 1 from every probability", mistake="minus-one-everywhere")
def gradients_minus_one(X, labels, W, b):
    G = _probabilities(X, W, b) - 1
    return X.T @ G, G.sum(axis=0)


@wrong("softmax_gradients", "predicted classes", mistake="predicted-labels")
def gradients_predicted_labels(X, labels, W, b):
    P = _probabilities(X, W, b)
    G = P - np.eye(W.shape[1])[P.argmax(axis=1)]
    return X.T @ G, G.sum(axis=0)


@wrong("softmax_gradients", "p(1 − p) is still in", mistake="softmax-derivative")
def gradients_sigmoid_derivative_kept(X, labels, W, b):
    P = _probabilities(X, W, b)
    G = (P - np.eye(W.shape[1])[labels]) * P * (1 - P)
    return X.T @ G, G.sum(axis=0)


@wrong("softmax_gradients", "only the diagonal", mistake="jacobian-diagonal")
def gradients_diagonal_jacobian_simplified(X, labels, W, b):
    P = _probabilities(X, W, b)
    Y = np.eye(W.shape[1])[labels]
    G = -Y * (1 - P)
    return X.T @ G, G.sum(axis=0)


@wrong("softmax_gradients", "only the diagonal", mistake="jacobian-diagonal-divided")
def gradients_diagonal_jacobian(X, labels, W, b):
    P = _probabilities(X, W, b)
    Y = np.eye(W.shape[1])[labels]
    dE_dp = -Y / P
    G = dE_dp * P * (1 - P)
    return X.T @ G, G.sum(axis=0)


@wrong("softmax_gradients", "gradient of the SSE", mistake="sse")
def gradients_of_the_sse(X, labels, W, b):
    P = _probabilities(X, W, b)
    R = P - np.eye(W.shape[1])[labels]
    G = np.empty_like(P)
    for i in range(len(P)):
        jacobian = np.diag(P[i]) - np.outer(P[i], P[i])
        G[i] = jacobian @ R[i]
    return X.T @ G, G.sum(axis=0)


@wrong("softmax_gradients", "bias is missing", mistake="no-bias")
def gradients_without_bias(X, labels, W, b):
    G = softmax_keepdims(X @ W) - np.eye(W.shape[1])[labels]
    return X.T @ G, G.sum(axis=0)


@wrong("softmax_gradients", "transposed", mistake="dW-transposed")
def gradients_transposed(X, labels, W, b):
    G = _probabilities(X, W, b) - np.eye(W.shape[1])[labels]
    return G.T @ X, G.sum(axis=0)


@wrong("softmax_gradients", "axis=1", mistake="db-axis-1")
def gradients_bias_over_classes(X, labels, W, b):
    G = _probabilities(X, W, b) - np.eye(W.shape[1])[labels]
    return X.T @ G, G.sum(axis=1)


@wrong("softmax_gradients", "one number", mistake="db-scalar")
def gradients_bias_total(X, labels, W, b):
    G = _probabilities(X, W, b) - np.eye(W.shape[1])[labels]
    return X.T @ G, np.sum(G)


@wrong("softmax_gradients", "(db, dW)", mistake="swapped-results")
def gradients_swapped(X, labels, W, b):
    dW, db = gradients_one_hot(X, labels, W, b)
    return db, dW


@wrong("softmax_gradients", "notebook's data.X", mistake="lesson-data")
def gradients_lesson_data(X, labels, W, b):
    return gradients_one_hot(data.X, data.labels, W, b)


@wrong("softmax_gradients", "returned a dict", kind="misfit")
def gradients_dict(X, labels, W, b):
    dW, db = gradients_one_hot(X, labels, W, b)
    return {"W": dW, "b": db}


@wrong("softmax_gradients", "the 2 results (dW, db) together", kind="misfit")
def gradients_only_dW(X, labels, W, b):
    return gradients_one_hot(X, labels, W, b)[0]


@wrong("softmax_gradients", "raised ValueError", "X.T @ G", kind="raised")
def gradients_X_not_transposed(X, labels, W, b):
    G = _probabilities(X, W, b) - np.eye(W.shape[1])[labels]
    return X @ G, G.sum(axis=0)


@wrong("softmax_gradients", "expected", named=False)
def gradients_with_weight_decay(X, labels, W, b):
    dW, db = gradients_one_hot(X, labels, W, b)
    return dW + 0.1 * W, db
