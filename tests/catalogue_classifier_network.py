"""Realistic answers to lesson 11's exercises (classifier_error, classifier_gradients,
far_away_classes), right and wrong, registered in tests/catalogue.py's ANSWERS (which imports
this module).

The learners' functions use lesson 11's globals the way its cells would: ``data`` (the moons),
``mc``, ``np``.
"""

import math

import numpy as np
from catalogue import right, wrong

import mlcourse as mc

data = mc.make_moons(noise=0.2, seed=0)


def forward(X, params):
    h = np.tanh(X @ params["W1"] + params["b1"])
    return h, h @ params["W2"] + params["b2"]


def stable_log_softmax(Z):
    m = np.max(Z, axis=1, keepdims=True)
    return Z - m - np.log(np.sum(np.exp(Z - m), axis=1, keepdims=True))


# Lesson 11: classifier_error ------------------------------------------------------------------


@right("classifier_error")
def error_log_softmax(X, labels, params):
    h = np.tanh(X @ params["W1"] + params["b1"])
    Z = h @ params["W2"] + params["b2"]
    m = np.max(Z, axis=1, keepdims=True)
    log_p = Z - m - np.log(np.sum(np.exp(Z - m), axis=1, keepdims=True))
    return -np.sum(log_p[np.arange(len(labels)), labels])


@right("classifier_error")
def error_log_sum_exp_minus_own_score(X, labels, params):
    _, Z = forward(X, params)
    m = Z.max(axis=1)
    log_sum_exp = m + np.log(np.exp(Z - m[:, None]).sum(axis=1))
    return float(np.sum(log_sum_exp - Z[np.arange(len(Z)), labels]))


@right("classifier_error")
def error_logaddexp_reduce(X, labels, params):
    _, Z = forward(X, params)
    return np.sum(np.logaddexp.reduce(Z, axis=1) - Z[range(len(labels)), labels])


@right("classifier_error")
def error_point_by_point(X, labels, params):
    total = 0.0
    for x, label in zip(X, labels, strict=True):
        h = np.tanh(x @ params["W1"] + params["b1"])
        z = h @ params["W2"] + params["b2"]
        top = max(z)
        total += top + math.log(sum(math.exp(s - top) for s in z)) - z[label]
    return total


@right("classifier_error")
def error_with_one_hot(X, labels, params):
    _, Z = forward(X, params)
    Y = np.eye(Z.shape[1])[labels]
    return -np.sum(Y * stable_log_softmax(Z))


@right("classifier_error")
def error_with_package_forward(X, labels, params):
    h, _ = mc.classifier_forward(X, params)
    Z = h @ params["W2"] + params["b2"]
    return -np.sum(stable_log_softmax(Z)[np.arange(len(labels)), labels])


@wrong("classifier_error", "logarithm of P", "rounds to 0", "from the scores", mistake="log-of-P")
def error_log_of_p(X, labels, params):
    _, Z = forward(X, params)
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = P / P.sum(axis=1, keepdims=True)
    return -np.sum(np.log(P[np.arange(len(labels)), labels]))


@wrong("classifier_error", "logarithm of P", mistake="log-of-P")
def error_log_of_package_probabilities(X, labels, params):
    _, P = mc.classifier_forward(X, params)
    return -np.sum(np.log(P[np.arange(len(labels)), labels]))


@wrong("classifier_error", "It overflows", "ln Σ e^z is inf", mistake="log-sum-exp-overflow")
def error_naive_log_sum_exp(X, labels, params):
    _, Z = forward(X, params)
    return np.sum(np.log(np.sum(np.exp(Z), axis=1)) - Z[np.arange(len(labels)), labels])


@wrong("classifier_error", "It overflows", "inf/inf = nan", mistake="softmax-overflow")
def error_naive_softmax(X, labels, params):
    _, Z = forward(X, params)
    P = np.exp(Z) / np.sum(np.exp(Z), axis=1, keepdims=True)
    return -np.sum(np.log(P[np.arange(len(labels)), labels]))


@wrong("classifier_error", "np.max(z)", "each row's own maximum", mistake="global-max")
def error_global_maximum(X, labels, params):
    _, Z = forward(X, params)
    e = np.exp(Z - np.max(Z))
    P = e / e.sum(axis=1, keepdims=True)
    return -np.sum(np.log(P[np.arange(len(labels)), labels]))


@wrong("classifier_error", "does not add it back", mistake="max-not-added-back")
def error_maximum_not_added_back(X, labels, params):
    _, Z = forward(X, params)
    m = np.max(Z, axis=1, keepdims=True)
    log_p = Z - np.log(np.sum(np.exp(Z - m), axis=1, keepdims=True))
    return -np.sum(log_p[np.arange(len(labels)), labels])


@wrong("classifier_error", "clips P at 1e-07", "caps", mistake="clipped-1e-07")
def error_keras_epsilon(X, labels, params):
    _, P = mc.classifier_forward(X, params)
    P = np.clip(P, 1e-7, 1 - 1e-7)
    return -np.sum(np.log(P[np.arange(len(labels)), labels]))


@wrong("classifier_error", "clips P at 1e-08", mistake="floored-1e-08")
def error_maximum_epsilon(X, labels, params):
    _, P = mc.classifier_forward(X, params)
    return -np.sum(np.log(np.maximum(P[np.arange(len(labels)), labels], 1e-8)))


@wrong("classifier_error", "clips P at 1e-10", mistake="shifted-1e-10")
def error_added_epsilon(X, labels, params):
    _, P = mc.classifier_forward(X, params)
    return -np.sum(np.log(P[np.arange(len(labels)), labels] + 1e-10))


@wrong("classifier_error", "adds 1e-07", mistake="shifted-1e-07")
def error_keras_epsilon_added(X, labels, params):
    _, P = mc.classifier_forward(X, params)
    return -np.sum(np.log(P[np.arange(len(labels)), labels] + 1e-7))


@wrong("classifier_error", "clips P at 1e-07", mistake="floored-1e-07")
def error_keras_epsilon_floor(X, labels, params):
    _, P = mc.classifier_forward(X, params)
    return -np.sum(np.log(np.maximum(P, 1e-7))[np.arange(len(labels)), labels])


@wrong("classifier_error", "adds 1e-08", mistake="shifted-1e-08")
def error_small_epsilon_added(X, labels, params):
    _, P = mc.classifier_forward(X, params)
    Y = np.eye(P.shape[1])[labels]
    return -np.sum(Y * np.log(P + 1e-8))


@wrong("classifier_error", "right values", "divide by zero encountered", kind="warned")
def error_log_of_p_checked_first(X, labels, params):
    _, P = mc.classifier_forward(X, params)
    log_own = np.log(P[np.arange(len(labels)), labels])
    if np.all(np.isfinite(log_own)):
        return -np.sum(log_own)
    _, Z = forward(X, params)
    return -np.sum(stable_log_softmax(Z)[np.arange(len(labels)), labels])


@wrong("classifier_error", "clips P at 1e-12", mistake="clipped-1e-12")
def error_tiny_epsilon(X, labels, params):
    _, P = mc.classifier_forward(X, params)
    return -np.sum(np.log(np.clip(P, 1e-12, None))[np.arange(len(labels)), labels])


@wrong("classifier_error", "clips P at 1e-15", "−ln 1e-15 = 34.5", mistake="clipped-1e-15")
def error_sklearn_epsilon(X, labels, params):
    _, P = mc.classifier_forward(X, params)
    own = np.clip(P[np.arange(len(labels)), labels], 1e-15, 1 - 1e-15)
    return -np.sum(np.log(own))


@wrong("classifier_error", "returns −E", mistake="minus-E")
def error_log_likelihood(X, labels, params):
    _, Z = forward(X, params)
    return np.sum(stable_log_softmax(Z)[np.arange(len(labels)), labels])


@wrong("classifier_error", "divided by n", "mean cross-entropy", mistake="mean")
def error_mean(X, labels, params):
    _, Z = forward(X, params)
    return -np.mean(stable_log_softmax(Z)[np.arange(len(labels)), labels])


@wrong("classifier_error", "every class of every point", mistake="every-class")
def error_every_class(X, labels, params):
    _, Z = forward(X, params)
    return -np.sum(stable_log_softmax(Z))


@wrong("classifier_error", "P[:, labels]", mistake="columns")
def error_columns(X, labels, params):
    _, Z = forward(X, params)
    return -np.sum(stable_log_softmax(Z)[:, labels])


@wrong("classifier_error", "binary cross-entropy per class", mistake="binary-per-class")
def error_binary_per_class(X, labels, params):
    _, Z = forward(X, params)
    log_p = stable_log_softmax(Z)
    Y = np.eye(Z.shape[1])[labels]
    return -np.sum(Y * log_p + (1 - Y) * np.log(1 - np.exp(log_p)))


@wrong("classifier_error", "without subtracting each point's own score", mistake="log-sum-exp-only")
def error_log_sum_exp_only(X, labels, params):
    _, Z = forward(X, params)
    m = Z.max(axis=1)
    return np.sum(m + np.log(np.sum(np.exp(Z - m[:, None]), axis=1)))


@wrong("classifier_error", "no activation", mistake="no-activation")
def error_linear_units(X, labels, params):
    Z = (X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    return -np.sum(stable_log_softmax(Z)[np.arange(len(labels)), labels])


@wrong("classifier_error", "sigmoid on the hidden units", mistake="sigmoid-units")
def error_sigmoid_units(X, labels, params):
    h = 1 / (1 + np.exp(-(X @ params["W1"] + params["b1"])))
    Z = h @ params["W2"] + params["b2"]
    return -np.sum(stable_log_softmax(Z)[np.arange(len(labels)), labels])


@wrong("classifier_error", "hidden biases b1 are missing", mistake="no-b1")
def error_without_b1(X, labels, params):
    Z = np.tanh(X @ params["W1"]) @ params["W2"] + params["b2"]
    return -np.sum(stable_log_softmax(Z)[np.arange(len(labels)), labels])


@wrong("classifier_error", "output biases b2 are missing", mistake="no-b2")
def error_without_b2(X, labels, params):
    Z = np.tanh(X @ params["W1"] + params["b1"]) @ params["W2"]
    return -np.sum(stable_log_softmax(Z)[np.arange(len(labels)), labels])


@wrong("classifier_error", "tanh on the scores", mistake="output-tanh")
def error_tanh_on_scores(X, labels, params):
    _, Z = forward(X, params)
    return -np.sum(stable_log_softmax(np.tanh(Z))[np.arange(len(labels)), labels])


@wrong("classifier_error", "notebook's data.X", mistake="lesson-data")
def error_lesson_data(X, labels, params):
    _, Z = forward(data.X, params)
    return -np.sum(stable_log_softmax(Z)[np.arange(len(data.labels)), data.labels])


@wrong("classifier_error", "one value per point", kind="misfit")
def error_per_point(X, labels, params):
    _, Z = forward(X, params)
    return -stable_log_softmax(Z)[np.arange(len(labels)), labels]


@wrong("classifier_error", "base 2", mistake="log-base-2")
def error_log_base_two(X, labels, params):
    _, Z = forward(X, params)
    return -np.sum(stable_log_softmax(Z)[np.arange(len(labels)), labels]) / np.log(2)


@wrong("classifier_error", "SSE of the probabilities", mistake="sse-of-probabilities")
def error_squared_probabilities(X, labels, params):
    _, P = mc.classifier_forward(X, params)
    return 0.5 * np.sum((P - np.eye(P.shape[1])[labels]) ** 2)


# Lesson 11: classifier_gradients --------------------------------------------------------------


@right("classifier_gradients")
def gradients_matrix_form(X, labels, params):
    h = np.tanh(X @ params["W1"] + params["b1"])
    Z = h @ params["W2"] + params["b2"]
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = P / P.sum(axis=1, keepdims=True)
    delta_out = P - np.eye(P.shape[1])[labels]
    delta_hidden = (delta_out @ params["W2"].T) * (1 - h**2)
    return {
        "W1": X.T @ delta_hidden,
        "b1": delta_hidden.sum(axis=0),
        "W2": h.T @ delta_out,
        "b2": delta_out.sum(axis=0),
    }


@right("classifier_gradients")
def gradients_with_package_pieces(X, labels, params):
    h, P = mc.classifier_forward(X, params)
    delta_out = P.copy()
    delta_out[np.arange(len(labels)), labels] -= 1
    dW2, db2 = mc.softmax_gradients(h, labels, params["W2"], params["b2"])
    delta_hidden = delta_out @ params["W2"].T * (1 - h * h)
    return {"W1": X.T @ delta_hidden, "b1": np.sum(delta_hidden, 0), "W2": dW2, "b2": db2}


@right("classifier_gradients")
def gradients_einsum(X, labels, params):
    h, P = mc.classifier_forward(X, params)
    delta_out = P - np.eye(params["W2"].shape[1])[labels]
    delta_hidden = np.einsum("nk,jk->nj", delta_out, params["W2"]) * (1 - h**2)
    return {
        "W1": np.einsum("nd,nj->dj", X, delta_hidden),
        "b1": delta_hidden.sum(0),
        "W2": np.einsum("nj,nk->jk", h, delta_out),
        "b2": delta_out.sum(0),
    }


@right("classifier_gradients")
def gradients_point_by_point(X, labels, params):
    grads = {name: np.zeros_like(value, dtype=float) for name, value in params.items()}
    for x, label in zip(X, labels, strict=True):
        h = np.tanh(x @ params["W1"] + params["b1"])
        z = h @ params["W2"] + params["b2"]
        p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
        d_out = p.copy()
        d_out[label] -= 1
        d_hidden = (params["W2"] @ d_out) * (1 - h**2)
        grads["W2"] += np.outer(h, d_out)
        grads["b2"] += d_out
        grads["W1"] += np.outer(x, d_hidden)
        grads["b1"] += d_hidden
    return grads


def backward(X, labels, params, output_delta=None, slope=None):
    """A backward pass with one link replaced: the pattern of the wrong answers below."""
    a = X @ params["W1"] + params["b1"]
    h = np.tanh(a)
    _, P = mc.classifier_forward(X, params)
    Y = np.eye(P.shape[1])[labels]
    delta_out = P - Y if output_delta is None else output_delta(P, Y)
    delta_hidden = (delta_out @ params["W2"].T) * ((1 - h**2) if slope is None else slope(h, a))
    return {
        "W1": X.T @ delta_hidden,
        "b1": delta_hidden.sum(axis=0),
        "W2": h.T @ delta_out,
        "b2": delta_out.sum(axis=0),
    }


@wrong("classifier_gradients", "wrong sign", "not Y − P", mistake="sign")
def gradients_y_minus_p(X, labels, params):
    return backward(X, labels, params, output_delta=lambda P, Y: Y - P)


@wrong("classifier_gradients", "divided by n", mistake="mean")
def gradients_mean(X, labels, params):
    gradients = gradients_matrix_form(X, labels, params)
    return {name: value / len(X) for name, value in gradients.items()}


@wrong("classifier_gradients", "Two mistakes", "division by n", mistake="sign+mean")
def gradients_mean_and_sign(X, labels, params):
    gradients = backward(X, labels, params, output_delta=lambda P, Y: Y - P)
    return {name: value / len(X) for name, value in gradients.items()}


@wrong("classifier_gradients", "labels are missing", mistake="no-labels")
def gradients_without_labels(X, labels, params):
    return backward(X, labels, params, output_delta=lambda P, Y: P)


@wrong("classifier_gradients", "subtracts 1 from every probability", mistake="minus-one-everywhere")
def gradients_minus_one(X, labels, params):
    return backward(X, labels, params, output_delta=lambda P, Y: P - 1)


@wrong("classifier_gradients", "predicted classes", mistake="predicted-labels")
def gradients_predicted_labels(X, labels, params):
    _, P = mc.classifier_forward(X, params)
    return gradients_matrix_form(X, np.argmax(P, axis=1), params)


@wrong("classifier_gradients", "p(1 − p)", "cancels", mistake="softmax-derivative-kept")
def gradients_softmax_slope_kept(X, labels, params):
    return backward(X, labels, params, output_delta=lambda P, Y: (P - Y) * P * (1 - P))


@wrong("classifier_gradients", "SSE's", mistake="sse-delta")
def gradients_of_the_sse(X, labels, params):
    def through_jacobian(P, Y):
        r = P - Y
        return P * r - P * np.sum(P * r, axis=1, keepdims=True)

    return backward(X, labels, params, output_delta=through_jacobian)


@wrong("classifier_gradients", "(1 − h²) is missing", mistake="no-tanh-derivative")
def gradients_without_tanh_slope(X, labels, params):
    return backward(X, labels, params, slope=lambda h, a: 1.0)


@wrong("classifier_gradients", "written 1 − h", mistake="derivative-1-h")
def gradients_one_minus_h(X, labels, params):
    return backward(X, labels, params, slope=lambda h, a: 1 - h)


@wrong("classifier_gradients", "the sigmoid's", mistake="sigmoid-derivative")
def gradients_sigmoid_slope(X, labels, params):
    return backward(X, labels, params, slope=lambda h, a: h * (1 - h))


@wrong("classifier_gradients", "1 − a²", mistake="derivative-of-a")
def gradients_slope_at_the_score(X, labels, params):
    return backward(X, labels, params, slope=lambda h, a: 1 - a**2)


@wrong("classifier_gradients", "raised ValueError", "through W2, δ_out @ W2.T", kind="raised")
def gradients_through_w1(X, labels, params):
    h, P = mc.classifier_forward(X, params)
    delta_out = P - np.eye(P.shape[1])[labels]
    delta_hidden = (delta_out @ params["W1"]) * (1 - h**2)
    return {
        "W1": X.T @ delta_hidden,
        "b1": delta_hidden.sum(axis=0),
        "W2": h.T @ delta_out,
        "b2": delta_out.sum(axis=0),
    }


@wrong("classifier_gradients", "before the tanh", mistake="w2-before-tanh")
def gradients_w2_from_scores(X, labels, params):
    gradients = gradients_matrix_form(X, labels, params)
    a = X @ params["W1"] + params["b1"]
    _, P = mc.classifier_forward(X, params)
    gradients["W2"] = a.T @ (P - np.eye(P.shape[1])[labels])
    return gradients


@wrong("classifier_gradients", "output biases b2 are missing", mistake="no-b2")
def gradients_without_b2(X, labels, params):
    return gradients_matrix_form(X, labels, {**params, "b2": np.zeros_like(params["b2"])})


@wrong("classifier_gradients", "hidden biases b1 are missing", mistake="no-b1")
def gradients_without_b1(X, labels, params):
    return gradients_matrix_form(X, labels, {**params, "b1": np.zeros_like(params["b1"])})


@wrong("classifier_gradients", "∂E/∂W2 is transposed", mistake="W2-transposed")
def gradients_w2_transposed(X, labels, params):
    gradients = gradients_matrix_form(X, labels, params)
    return {**gradients, "W2": gradients["W2"].T}


@wrong("classifier_gradients", "∂E/∂W1 is transposed", mistake="W1-transposed")
def gradients_w1_transposed(X, labels, params):
    gradients = gradients_matrix_form(X, labels, params)
    return {**gradients, "W1": gradients["W1"].T}


@wrong("classifier_gradients", "axis=1", mistake="bias-axis-1")
def gradients_biases_summed_over_units(X, labels, params):
    h, P = mc.classifier_forward(X, params)
    delta_out = P - np.eye(P.shape[1])[labels]
    delta_hidden = (delta_out @ params["W2"].T) * (1 - h**2)
    return {
        "W1": X.T @ delta_hidden,
        "b1": delta_hidden.sum(axis=1),
        "W2": h.T @ delta_out,
        "b2": delta_out.sum(axis=1),
    }


@wrong("classifier_gradients", "notebook's data.X", mistake="lesson-data")
def gradients_lesson_data(X, labels, params):
    return gradients_matrix_form(data.X, data.labels, params)


@wrong("classifier_gradients", "raised ValueError", "δ_out @ W2.T", kind="raised")
def gradients_without_transposing_w2(X, labels, params):
    h, P = mc.classifier_forward(X, params)
    delta_out = P - np.eye(P.shape[1])[labels]
    delta_hidden = delta_out @ params["W2"] * (1 - h**2)
    return {
        "W1": X.T @ delta_hidden,
        "b1": delta_hidden.sum(axis=0),
        "W2": h.T @ delta_out,
        "b2": delta_out.sum(axis=0),
    }


@wrong("classifier_gradients", "should be a numpy array of shape", "like W1", kind="misfit")
def gradients_w1_without_inputs(X, labels, params):
    gradients = gradients_matrix_form(X, labels, params)
    return {**gradients, "W1": gradients["b1"]}


@wrong("classifier_gradients", "a dict with the keys", kind="misfit")
def gradients_as_tuple(X, labels, params):
    gradients = gradients_matrix_form(X, labels, params)
    return gradients["W1"], gradients["b1"], gradients["W2"], gradients["b2"]


@wrong("classifier_gradients", "are zero", mistake="hidden-gradients-zero")
def gradients_output_layer_only(X, labels, params):
    gradients = gradients_matrix_form(X, labels, params)
    return {**gradients, "W1": np.zeros_like(params["W1"]), "b1": np.zeros_like(params["b1"])}


@wrong("classifier_gradients", "expected", named=False)
def gradients_first_class_column_only(X, labels, params):
    h, P = mc.classifier_forward(X, params)
    delta_out = P - np.eye(P.shape[1])[labels]
    delta_hidden = np.outer(delta_out[:, 0], params["W2"][:, 0]) * (1 - h**2)
    return {
        "W1": X.T @ delta_hidden,
        "b1": delta_hidden.sum(axis=0),
        "W2": h.T @ delta_out,
        "b2": delta_out.sum(axis=0),
    }


# Lesson 11: far_away_classes ------------------------------------------------------------------


@right("far_away_classes")
def far_signs(params, directions):
    h = np.sign(directions @ params["W1"])
    return np.argmax(h @ params["W2"] + params["b2"], axis=1)


@right("far_away_classes")
def far_network_at_a_million(params, directions):
    _, P = mc.classifier_forward(1e6 * directions, params)
    return P.argmax(axis=1)


@right("far_away_classes")
def far_own_forward_at_a_thousand(params, directions):
    h = np.tanh(1000 * directions @ params["W1"] + params["b1"])
    return np.argmax(h @ params["W2"] + params["b2"], axis=1)


@right("far_away_classes")
def far_one_direction_at_a_time(params, directions):
    classes = []
    for u in directions:
        h = np.where(u @ params["W1"] > 0, 1.0, -1.0)
        classes.append(int(np.argmax(h @ params["W2"] + params["b2"])))
    return np.array(classes)


@right("far_away_classes")
def far_as_floats(params, directions):
    scores = np.sign(directions @ params["W1"]) @ params["W2"] + params["b2"]
    return np.argmax(scores, axis=1).astype(float)


@wrong(
    "far_away_classes", "at the directions themselves", "distance 1", mistake="at-the-directions"
)
def far_at_distance_one(params, directions):
    _, P = mc.classifier_forward(directions, params)
    return P.argmax(axis=1)


@wrong("far_away_classes", "keeps b1", mistake="keeps-b1")
def far_sign_with_bias(params, directions):
    h = np.sign(directions @ params["W1"] + params["b1"])
    return np.argmax(h @ params["W2"] + params["b2"], axis=1)


@wrong("far_away_classes", "every unit to +1", mistake="units-to-one")
def far_all_units_on(params, directions):
    scores = np.sum(params["W2"], axis=0) + params["b2"]
    return np.full(len(directions), np.argmax(scores))


@wrong("far_away_classes", "every unit to 0", "saturates", mistake="units-to-zero")
def far_units_fade(params, directions):
    return np.full(len(directions), np.argmax(params["b2"]))


@wrong("far_away_classes", "sigmoid's limits", mistake="sigmoid-limits")
def far_units_step(params, directions):
    h = (directions @ params["W1"] > 0).astype(float)
    return np.argmax(h @ params["W2"] + params["b2"], axis=1)


@wrong("far_away_classes", "b2 is missing", mistake="no-b2")
def far_without_b2(params, directions):
    return np.argmax(np.sign(directions @ params["W1"]) @ params["W2"], axis=1)


@wrong("far_away_classes", "one class, 0 to K − 1, per direction", kind="misfit")
def far_probabilities(params, directions):
    _, P = mc.classifier_forward(1e6 * directions, params)
    return P


@wrong("far_away_classes", "True/False", kind="misfit")
def far_boolean(params, directions):
    scores = np.sign(directions @ params["W1"]) @ params["W2"] + params["b2"]
    return scores[:, 1] > scores[:, 0]


@wrong("far_away_classes", "the wrong class for", named=False)
def far_argmax_over_directions(params, directions):
    scores = np.sign(directions @ params["W1"]) @ params["W2"] + params["b2"]
    return np.argmax(scores, axis=1)[::-1]


@wrong("far_away_classes", "the wrong class for", named=False)
def far_at_distance_two(params, directions):
    # Not far enough: with b1 still in, units whose line passes near are not saturated.
    _, P = mc.classifier_forward(2 * directions, params)
    return P.argmax(axis=1)
