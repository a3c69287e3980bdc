"""Realistic answers to lesson 10's exercises (mlp_forward, mlp_gradients, train_epoch), right
and wrong, registered in tests/catalogue.py's ANSWERS (which imports this module).

The learners' functions use lesson 10's globals the way its cells would: ``data`` (the curve),
``mc``, ``np``.
"""

import numpy as np
from catalogue import right, wrong

import mlcourse as mc

data = mc.make_curve_data(seed=0)
NAMES = ("W1", "b1", "W2", "b2")


# Lesson 10: mlp_forward ----------------------------------------------------------------------


@right("mlp_forward")
def forward_outer(x, params):
    h = np.tanh(np.outer(x, params["W1"]) + params["b1"])
    y_hat = h @ params["W2"] + params["b2"]
    return h, y_hat


@right("mlp_forward")
def forward_broadcast(x, params):
    h = np.tanh(x[:, None] * params["W1"] + params["b1"])
    return h, np.sum(h * params["W2"], axis=1) + params["b2"]


@right("mlp_forward")
def forward_reshape(x, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    a = x.reshape(-1, 1) @ W1.reshape(1, -1) + b1
    h = np.tanh(a)
    return h, np.dot(h, W2) + b2


@right("mlp_forward")
def forward_unit_by_unit(x, params):
    columns = [np.tanh(params["W1"][j] * x + params["b1"][j]) for j in range(len(params["W1"]))]
    h = np.column_stack(columns)
    y_hat = params["b2"] + sum(params["W2"][j] * columns[j] for j in range(len(columns)))
    return h, y_hat


@right("mlp_forward")
def forward_tanh_from_exponentials(x, params):
    a = np.outer(x, params["W1"]) + params["b1"]
    h = (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a))
    return h, h @ params["W2"] + params["b2"]


@wrong("mlp_forward", "no activation", mistake="no-activation")
def forward_linear(x, params):
    h = np.outer(x, params["W1"]) + params["b1"]
    return h, h @ params["W2"] + params["b2"]


@wrong("mlp_forward", "sigmoid", mistake="sigmoid")
def forward_sigmoid(x, params):
    h = 1 / (1 + np.exp(-(np.outer(x, params["W1"]) + params["b1"])))
    return h, h @ params["W2"] + params["b2"]


@wrong("mlp_forward", "ReLU", mistake="relu")
def forward_relu(x, params):
    h = np.maximum(0, np.outer(x, params["W1"]) + params["b1"])
    return h, h @ params["W2"] + params["b2"]


@wrong("mlp_forward", "hidden biases b1 are missing", mistake="no-b1")
def forward_without_b1(x, params):
    h = np.tanh(np.outer(x, params["W1"]))
    return h, h @ params["W2"] + params["b2"]


@wrong("mlp_forward", "after the tanh", mistake="b1-outside")
def forward_b1_outside(x, params):
    h = np.tanh(np.outer(x, params["W1"])) + params["b1"]
    return h, h @ params["W2"] + params["b2"]


@wrong("mlp_forward", "output bias b2 is missing", mistake="no-b2")
def forward_without_b2(x, params):
    h = np.tanh(np.outer(x, params["W1"]) + params["b1"])
    return h, h @ params["W2"]


@wrong("mlp_forward", "tanh on the output", mistake="output-tanh")
def forward_tanh_output(x, params):
    h = np.tanh(np.outer(x, params["W1"]) + params["b1"])
    return h, np.tanh(h @ params["W2"] + params["b2"])


@wrong("mlp_forward", "one column per hidden unit", mistake="not-summed")
def forward_not_summed(x, params):
    h = np.tanh(np.outer(x, params["W1"]) + params["b1"])
    return h, h * params["W2"] + params["b2"]


@wrong("mlp_forward", "swapped", mistake="weights-swapped")
def forward_weights_swapped(x, params):
    h = np.tanh(np.outer(x, params["W2"]) + params["b1"])
    return h, h @ params["W1"] + params["b2"]


@wrong("mlp_forward", "before the tanh", mistake="h-before-tanh")
def forward_returns_scores(x, params):
    a = np.outer(x, params["W1"]) + params["b1"]
    return a, np.tanh(a) @ params["W2"] + params["b2"]


@wrong("mlp_forward", "(y_hat, h)", mistake="swapped-results")
def forward_order(x, params):
    h, y_hat = forward_outer(x, params)
    return y_hat, h


@wrong("mlp_forward", "notebook's data.x", mistake="lesson-data")
def forward_lesson_data(x, params):
    return forward_outer(data.x, params)


@wrong("mlp_forward", "the 2 results (h, y_hat) together", kind="misfit")
def forward_only_prediction(x, params):
    return forward_outer(x, params)[1]


@wrong("mlp_forward", "raised ValueError", "x[:, None]", kind="raised")
def forward_without_outer(x, params):
    h = np.tanh(x * params["W1"] + params["b1"])
    return h, h @ params["W2"] + params["b2"]


@wrong("mlp_forward", "raised ValueError", "np.outer", kind="raised")
def forward_matmul(x, params):
    h = np.tanh(x @ params["W1"] + params["b1"])
    return h, h @ params["W2"] + params["b2"]


@wrong("mlp_forward", "expected", named=False)
def forward_doubled_input(x, params):
    return forward_outer(2 * x, params)


# Lesson 10: mlp_gradients --------------------------------------------------------------------


@right("mlp_gradients")
def gradients_vectorised(x, y, params):
    h, y_hat = forward_outer(x, params)
    delta_out = -(y - y_hat)
    delta_hidden = delta_out[:, None] * params["W2"] * (1 - h**2)
    return {
        "W1": np.sum(delta_hidden * x[:, None], axis=0),
        "b1": np.sum(delta_hidden, axis=0),
        "W2": np.sum(delta_out[:, None] * h, axis=0),
        "b2": np.sum(delta_out),
    }


@right("mlp_gradients")
def gradients_matrix_products(x, y, params):
    h, y_hat = forward_outer(x, params)
    delta_out = y_hat - y
    delta_hidden = np.outer(delta_out, params["W2"]) * (1 - np.tanh(np.arctanh(h)) ** 2)
    return {
        "W1": x @ delta_hidden,
        "b1": delta_hidden.sum(0),
        "W2": h.T @ delta_out,
        "b2": float(delta_out.sum()),
    }


@right("mlp_gradients")
def gradients_point_by_point(x, y, params):
    grads = {
        "W1": np.zeros_like(params["W1"]),
        "b1": np.zeros_like(params["b1"]),
        "W2": np.zeros_like(params["W2"]),
        "b2": 0.0,
    }
    for i in range(len(x)):
        h = np.tanh(params["W1"] * x[i] + params["b1"])
        delta = (h @ params["W2"] + params["b2"]) - y[i]
        grads["W2"] += delta * h
        grads["b2"] += delta
        grads["W1"] += delta * params["W2"] * (1 - h * h) * x[i]
        grads["b1"] += delta * params["W2"] * (1 - h * h)
    return grads


@right("mlp_gradients")
def gradients_zero_d_b2(x, y, params):
    grads = gradients_vectorised(x, y, params)
    grads["b2"] = np.array(grads["b2"])
    return grads


def _backprop(x, y, params, sign=1, derivative=lambda h, a: 1 - h**2, through="W2", scale=1):
    a = np.outer(x, params["W1"]) + params["b1"]
    h = np.tanh(a)
    delta_out = sign * (h @ params["W2"] + params["b2"] - y) * scale
    back = params[through] if through else 1
    delta_hidden = delta_out[:, None] * back * derivative(h, a)
    return {
        "W1": (delta_hidden * x[:, None]).sum(0),
        "b1": delta_hidden.sum(0),
        "W2": (delta_out[:, None] * h).sum(0),
        "b2": delta_out.sum(),
    }


@wrong("mlp_gradients", "the sign is wrong", mistake="sign")
def gradients_y_minus_y_hat(x, y, params):
    return _backprop(x, y, params, sign=-1)


@wrong("mlp_gradients", "divided by n", mistake="mean")
def gradients_mean(x, y, params):
    return _backprop(x, y, params, scale=1 / len(x))


@wrong("mlp_gradients", "Two mistakes", "sign", "division by n", mistake="sign+mean")
def gradients_mean_of_y_minus_y_hat(x, y, params):
    return _backprop(x, y, params, sign=-1, scale=1 / len(x))


@wrong("mlp_gradients", "doubled", mistake="doubled")
def gradients_without_half(x, y, params):
    return _backprop(x, y, params, scale=2)


@wrong("mlp_gradients", "(1 − h²) is missing", mistake="no-derivative")
def gradients_without_tanh_derivative(x, y, params):
    return _backprop(x, y, params, derivative=lambda h, a: 1)


@wrong("mlp_gradients", "1 − h", "the square of h", mistake="derivative-one-minus-h")
def gradients_one_minus_h(x, y, params):
    return _backprop(x, y, params, derivative=lambda h, a: 1 - h)


@wrong("mlp_gradients", "h(1 − h), the sigmoid's", mistake="derivative-sigmoid")
def gradients_sigmoid_derivative(x, y, params):
    return _backprop(x, y, params, derivative=lambda h, a: h * (1 - h))


@wrong("mlp_gradients", "1 − a²", mistake="derivative-of-score")
def gradients_derivative_of_the_score(x, y, params):
    return _backprop(x, y, params, derivative=lambda h, a: 1 - a**2)


@wrong("mlp_gradients", "leaves out W2", mistake="no-w2")
def gradients_without_w2(x, y, params):
    return _backprop(x, y, params, through=None)


@wrong("mlp_gradients", "goes through W1", mistake="through-w1")
def gradients_through_w1(x, y, params):
    return _backprop(x, y, params, through="W1")


@wrong("mlp_gradients", "Two mistakes", "(1 − h²) is missing", "sign", mistake="no-derivative+sign")
def gradients_two_slips(x, y, params):
    return _backprop(x, y, params, sign=-1, derivative=lambda h, a: 1)


@wrong("mlp_gradients", "lacks the input x", mistake="w1-without-x")
def gradients_w1_without_x(x, y, params):
    grads = _backprop(x, y, params)
    grads["W1"] = grads["b1"].copy()
    return grads


@wrong("mlp_gradients", "before the tanh", mistake="w2-times-score")
def gradients_w2_from_scores(x, y, params):
    grads = _backprop(x, y, params)
    a = np.outer(x, params["W1"]) + params["b1"]
    residual = forward_outer(x, params)[1] - y
    grads["W2"] = a.T @ residual
    return grads


@wrong("mlp_gradients", "one value per point", mistake="per-point")
def gradients_per_point(x, y, params):
    h, y_hat = forward_outer(x, params)
    delta_out = y_hat - y
    delta_hidden = delta_out[:, None] * params["W2"] * (1 - h**2)
    return {
        "W1": delta_hidden * x[:, None],
        "b1": delta_hidden,
        "W2": delta_out[:, None] * h,
        "b2": delta_out,
    }


@wrong("mlp_gradients", "notebook's data.x and data.y", mistake="lesson-data")
def gradients_lesson_data(x, y, params):
    return gradients_vectorised(data.x, data.y, params)


@wrong("mlp_gradients", "returned a dict with the keys 'dW1'", kind="misfit")
def gradients_named_by_derivative(x, y, params):
    grads = gradients_vectorised(x, y, params)
    return {f"d{name}": value for name, value in grads.items()}


@wrong("mlp_gradients", "holding one number", "b2", kind="misfit")
def gradients_b2_as_array(x, y, params):
    grads = gradients_vectorised(x, y, params)
    grads["b2"] = np.array([grads["b2"]])
    return grads


@wrong("mlp_gradients", "returned a tuple of 4 items", "dict", kind="misfit")
def gradients_as_tuple(x, y, params):
    grads = gradients_vectorised(x, y, params)
    return grads["W1"], grads["b1"], grads["W2"], grads["b2"]


@wrong("mlp_gradients", "expected", named=False)
def gradients_squared_weights(x, y, params):
    grads = _backprop(x, y, params)
    grads["b1"] = grads["b1"] * params["W2"]
    return grads


# Lesson 10: train_epoch ----------------------------------------------------------------------


def _sse(y, y_hat):
    return 0.5 * np.sum((y - y_hat) ** 2)


@right("train_epoch")
def epoch_dict_comprehension(x, y, params, eta):
    error = _sse(y, forward_outer(x, params)[1])
    grads = gradients_vectorised(x, y, params)
    return {name: params[name] - eta * grads[name] for name in params}, error


@right("train_epoch")
def epoch_with_the_package_pieces(x, y, params, eta):
    _, y_hat = mc.mlp_forward(x, params)
    grads = mc.mlp_gradients(x, y, params)
    new = {}
    for name in ("W1", "b1", "W2", "b2"):
        new[name] = params[name] - eta * grads[name]
    return new, 0.5 * np.sum((y - y_hat) ** 2)


@right("train_epoch")
def epoch_copy_then_update(x, y, params, eta):
    new = {name: np.copy(value) for name, value in params.items()}
    grads = gradients_vectorised(x, y, params)
    for name in grads:
        new[name] = new[name] - eta * grads[name]
    return new, _sse(y, forward_outer(x, params)[1])


def _epoch(x, y, params, eta, names=NAMES, sign=1, after=False, scale=1, error_scale=1):
    grads = gradients_vectorised(x, y, params)
    new = dict(params)
    for name in names:
        new[name] = params[name] - sign * eta * grads[name] * scale
    error = _sse(y, forward_outer(x, new if after else params)[1]) * error_scale
    return new, error


@wrong("train_epoch", "that of the new parameters", "before the update", mistake="error-after")
def epoch_error_after(x, y, params, eta):
    return _epoch(x, y, params, eta, after=True)


@wrong("train_epoch", "climbs", mistake="climbs")
def epoch_climbs(x, y, params, eta):
    return _epoch(x, y, params, eta, sign=-1)


@wrong("train_epoch", "b2 is not updated", mistake="b2-frozen")
def epoch_arrays_only(x, y, params, eta):
    return _epoch(x, y, params, eta, names=("W1", "b1", "W2"))


@wrong("train_epoch", "biases b1 and b2 are not updated", mistake="biases-frozen")
def epoch_weights_only(x, y, params, eta):
    return _epoch(x, y, params, eta, names=("W1", "W2"))


@wrong("train_epoch", "Only the output layer", mistake="only-output-layer")
def epoch_output_layer_only(x, y, params, eta):
    return _epoch(x, y, params, eta, names=("W2", "b2"))


@wrong("train_epoch", "Only the hidden layer", mistake="only-hidden-layer")
def epoch_hidden_layer_only(x, y, params, eta):
    return _epoch(x, y, params, eta, names=("W1", "b1"))


@wrong("train_epoch", "parameters it was given", mistake="unchanged")
def epoch_result_not_kept(x, y, params, eta):
    grads = gradients_vectorised(x, y, params)
    new = {name: params[name] - eta * grads[name] for name in params}  # noqa: F841
    return params, _sse(y, forward_outer(x, params)[1])


@wrong("train_epoch", "gradients divided by n", mistake="gradients-over-n")
def epoch_mean_gradients(x, y, params, eta):
    return _epoch(x, y, params, eta, scale=1 / len(x))


@wrong("train_epoch", "error it returns is divided by n", mistake="error-over-n")
def epoch_mean_error(x, y, params, eta):
    return _epoch(x, y, params, eta, error_scale=1 / len(x))


@wrong("train_epoch", "twice the SSE", mistake="error-no-half")
def epoch_error_without_half(x, y, params, eta):
    return _epoch(x, y, params, eta, error_scale=2)


@wrong("train_epoch", "η = 0.002", mistake="lesson-eta")
def epoch_lesson_eta(x, y, params, eta):
    return _epoch(x, y, params, 0.002)


@wrong(
    "train_epoch", "recomputes the gradients after updating each parameter", mistake="one-by-one"
)
def epoch_one_parameter_at_a_time(x, y, params, eta):
    error = _sse(y, forward_outer(x, params)[1])
    new = dict(params)
    for name in NAMES:
        new[name] = new[name] - eta * gradients_vectorised(x, y, new)[name]
    return new, error


@wrong("train_epoch", "(error, new_params)", mistake="swapped-results")
def epoch_order(x, y, params, eta):
    new, error = _epoch(x, y, params, eta)
    return error, new


@wrong("train_epoch", "notebook's data.x and data.y", mistake="lesson-data")
def epoch_lesson_data(x, y, params, eta):
    return _epoch(data.x, data.y, params, eta)


@wrong(
    "train_epoch",
    "changed its argument `params` in place",
    "Its results are right",
    kind="changed_inputs",
)
def epoch_in_place(x, y, params, eta):
    error = _sse(y, forward_outer(x, params)[1])
    grads = gradients_vectorised(x, y, params)
    for name in NAMES:
        params[name] -= eta * grads[name]
    return params, error


@wrong("train_epoch", "changed its argument `params` in place", kind="changed_inputs")
def epoch_in_place_arrays(x, y, params, eta):
    grads = gradients_vectorised(x, y, params)
    params["W1"] -= eta * grads["W1"]
    params["b1"] -= eta * grads["b1"]
    params["W2"] -= eta * grads["W2"]
    return params, _sse(y, forward_outer(x, params)[1])


@wrong("train_epoch", "the 2 results (new_params, error) together", kind="misfit")
def epoch_params_only(x, y, params, eta):
    return _epoch(x, y, params, eta)[0]


@wrong("train_epoch", "expected", named=False)
def epoch_with_weight_decay(x, y, params, eta):
    new, error = _epoch(x, y, params, eta)
    new["W1"] = 0.99 * new["W1"]
    return new, error
