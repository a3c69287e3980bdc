"""Realistic learner answers for every exercise, right and wrong, written as learners write them.

Each wrong answer carries the words its diagnosis must contain. ``named=True`` means the message
must say what to fix (a mistake, a wrong kind of result, an argument changed in place); ``named=
False`` marks the answers whose cause the checks cannot know, which must get the plain facts
("expected …") and no guessed mistake. tests/test_check_catalogue.py runs them all.

The learners' functions use the notebook's globals the way a lesson's cell would: ``data``,
``w1_start``, ``w0_start``, ``mc``, ``np``.
"""

import math
import os
from dataclasses import dataclass

import numpy as np

import mlcourse as mc

data = mc.make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=0)
_start = np.random.default_rng(seed=1)
w1_start, w0_start = _start.uniform(-3, -2), _start.uniform(0, 2)


@dataclass(frozen=True)
class Answer:
    exercise: str
    function: object
    keywords: tuple[str, ...]
    named: bool
    right: bool

    @property
    def id(self):
        return f"{self.exercise}:{self.function.__name__}"


ANSWERS: list[Answer] = []


def right(exercise):
    def register(function):
        ANSWERS.append(Answer(exercise, function, (), True, True))
        return function

    return register


def wrong(exercise, *keywords, named=True):
    def register(function):
        ANSWERS.append(Answer(exercise, function, keywords, named, False))
        return function

    return register


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# Lesson 1: make_inputs --------------------------------------------------------------------


@right("make_inputs")
def inputs_random(n, rng):
    return rng.random(n)


@right("make_inputs")
def inputs_uniform(n, rng):
    return rng.uniform(0, 1, size=n)


@right("make_inputs")
def inputs_one_by_one(n, rng):
    return np.array([rng.random() for _ in range(n)])


@wrong("make_inputs", "draws from somewhere else than the `rng`")
def inputs_global_state(n, rng):
    return np.random.rand(n)


@wrong("make_inputs", "draws from somewhere else than the `rng`")
def inputs_unseeded_generator(n, rng):
    rng = np.random.default_rng()
    return rng.random(n)


@wrong("make_inputs", "the lesson's seed", "default_rng(seed=0)", "whatever `rng`")
def inputs_lesson_generator(n, rng):
    rng = np.random.default_rng(seed=0)
    return rng.random(n)


@wrong("make_inputs", "ignores the `rng` it is given")
def inputs_own_seed(n, rng):
    return np.random.default_rng(42).random(n)


@wrong("make_inputs", "ignores the `rng` it is given", "np.random")
def inputs_numpy_seed(n, rng):
    np.random.seed(0)
    return np.random.rand(n)


@wrong("make_inputs", "the lesson's seed", "default_rng(seed=2)")
def inputs_simulation_generator(n, rng):
    simulation = np.random.default_rng(seed=2)
    return simulation.random(n)


@wrong("make_inputs", "the lesson's seed", "default_rng(seed=1)")
def inputs_start_generator(n, rng):
    return np.random.default_rng(1).random(n)


@wrong("make_inputs", "rounds the inputs to 1 decimal:")
def inputs_one_decimal(n, rng):
    return np.round(rng.random(n), 1)


@wrong("make_inputs", "rounds the inputs to 3 decimals")
def inputs_three_decimals(n, rng):
    return np.array([round(v, 3) for v in rng.random(n)])


@wrong("make_inputs", "rounds the inputs to 4 decimals")
def inputs_four_decimals(n, rng):
    return rng.random(n).round(4)


@wrong("make_inputs", "notebook's data.x")
def inputs_lesson_data(n, rng):
    return data.x


@wrong("make_inputs", "normal distribution")
def inputs_normal(n, rng):
    return rng.normal(0, 1, n)


@wrong("make_inputs", "normal distribution")
def inputs_standard_normal(n, rng):
    return rng.standard_normal(n)


@wrong("make_inputs", "[−1, 1)")
def inputs_symmetric(n, rng):
    return rng.uniform(-1, 1, n)


@wrong("make_inputs", "rounds the inputs to 2 decimals")
def inputs_rounded(n, rng):
    return np.round(rng.random(n), 2)


@wrong("make_inputs", "sorts the inputs")
def inputs_sorted(n, rng):
    return np.sort(rng.random(n))


@wrong("make_inputs", "draws twice")
def inputs_drawn_twice(n, rng):
    x = rng.random(n)
    print(x[:3])
    x = rng.random(n)
    return x


@wrong("make_inputs", "always draws 200 values")
def inputs_lesson_size(n, rng):
    return rng.random(200)


@wrong("make_inputs", "a column", "rng.random(n)")
def inputs_column(n, rng):
    return rng.random((n, 1))


@wrong("make_inputs", "returned a list of", "numpy array")
def inputs_list(n, rng):
    return [rng.random() for _ in range(n)]


@wrong("make_inputs", "returned a list of", "numpy array")
def inputs_tolist(n, rng):
    return rng.random(n).tolist()


@wrong("make_inputs", "returned None", "return")
def inputs_no_return(n, rng):
    x = rng.random(n)  # noqa: F841


@wrong("make_inputs", "ignores the `rng` it is given")
def inputs_evenly_spaced(n, rng):
    return np.linspace(0, 1, n)


@wrong("make_inputs", "sorts the inputs")
def inputs_sorted_in_place(n, rng):
    x = rng.random(n)
    x.sort()
    return x


@wrong("make_inputs", "single-precision")
def inputs_single_precision(n, rng):
    return rng.random(n, dtype=np.float32)


@wrong("make_inputs", "[−0.5, 0.5)")
def inputs_centred(n, rng):
    return rng.random(n) - 0.5


@wrong("make_inputs", "draws n + 1 values")
def inputs_one_too_many(n, rng):
    return rng.random(n + 1)


@wrong("make_inputs", "uniform on [0, 2)")
def inputs_twice_as_wide(n, rng):
    return 2 * rng.random(n)


# Lesson 1: make_targets -------------------------------------------------------------------


@right("make_targets")
def targets_plain(x, slope, noise_std, rng):
    return slope * x + rng.normal(0, noise_std, len(x))


@right("make_targets")
def targets_shape(x, slope, noise_std, rng):
    noise = rng.normal(loc=0.0, scale=noise_std, size=x.shape)
    y = slope * x
    y += noise
    return y


@right("make_targets")
def targets_scaled_standard_normal(x, slope, noise_std, rng):
    return slope * x + noise_std * rng.standard_normal(len(x))


@right("make_targets")
def targets_loc(x, slope, noise_std, rng):
    return rng.normal(slope * x, noise_std)


@wrong("make_targets", "adds no noise")
def targets_no_noise(x, slope, noise_std, rng):
    return slope * x


@wrong("make_targets", "intercept, not noise")
def targets_one_noise_value(x, slope, noise_std, rng):
    return slope * x + rng.normal(0, noise_std)


@wrong("make_targets", "noise_std²")
def targets_variance(x, slope, noise_std, rng):
    return slope * x + rng.normal(0, noise_std**2, len(x))


@wrong("make_targets", "spread 1")
def targets_unscaled(x, slope, noise_std, rng):
    return slope * x + rng.standard_normal(len(x))


@wrong("make_targets", "ignores the slope")
def targets_no_slope(x, slope, noise_std, rng):
    return x + rng.normal(0, noise_std, len(x))


@wrong("make_targets", "the lesson's slope 3")
def targets_slope_three(x, slope, noise_std, rng):
    return 3 * x + rng.normal(0, noise_std, len(x))


@wrong("make_targets", "the lesson's noise 0.1")
def targets_noise_point_one(x, slope, noise_std, rng):
    return slope * x + rng.normal(0, 0.1, len(x))


@wrong("make_targets", "multiplies the noise by the slope")
def targets_noise_times_slope(x, slope, noise_std, rng):
    return slope * (x + rng.normal(0, noise_std, len(x)))


@wrong("make_targets", "returns only the noise")
def targets_only_noise(x, slope, noise_std, rng):
    noise = rng.normal(0, noise_std, len(x))
    return noise


@wrong("make_targets", "uniform noise")
def targets_uniform_noise(x, slope, noise_std, rng):
    return slope * x + rng.uniform(-noise_std, noise_std, len(x))


@wrong("make_targets", "(mean, spread, size)")
def targets_normal_arguments_swapped(x, slope, noise_std, rng):
    return slope * x + rng.normal(noise_std, 0, len(x))


@wrong("make_targets", "changed its argument `x` in place", "results are right")
def targets_in_place(x, slope, noise_std, rng):
    x *= slope
    x += rng.normal(0, noise_std, len(x))
    return x


@wrong("make_targets", "(200,)", "not the notebook's `data`")
def targets_lesson_size(x, slope, noise_std, rng):
    return slope * x + rng.normal(0, noise_std, 200)


@wrong("make_targets", "draws from somewhere else than the `rng`")
def targets_global_state(x, slope, noise_std, rng):
    return slope * x + np.random.normal(0, noise_std, len(x))


@wrong("make_targets", "the lesson's seed")
def targets_lesson_generator(x, slope, noise_std, rng):
    rng = np.random.default_rng(seed=0)
    return slope * x + rng.normal(0, noise_std, len(x))


@wrong("make_targets", "the lesson's seed", "default_rng(seed=2)")
def targets_simulation_generator(x, slope, noise_std, rng):
    return slope * x + np.random.default_rng(2).normal(0, noise_std, len(x))


@wrong("make_targets", "the lesson's seed", "default_rng(seed=1)")
def targets_start_generator(x, slope, noise_std, rng):
    return slope * x + np.random.default_rng(1).normal(0, noise_std, len(x))


@wrong("make_targets", "rng.random, uniform on [0, 1)")
def targets_random_noise(x, slope, noise_std, rng):
    return slope * x + noise_std * rng.random(len(x))


@wrong("make_targets", "returned a list", "numpy array")
def targets_list(x, slope, noise_std, rng):
    return [slope * xi + rng.normal(0, noise_std) for xi in x]


@wrong("make_targets", "takes noise_std as the mean")
def targets_mean_forgotten(x, slope, noise_std, rng):
    return slope * x + rng.normal(noise_std, len(x))


@wrong("make_targets", "returns `x` itself")
def targets_returns_inputs(x, slope, noise_std, rng):
    y = slope * x + rng.normal(0, noise_std, len(x))  # noqa: F841
    return x


@wrong("make_targets", "adds 1 to every point")
def targets_with_intercept(x, slope, noise_std, rng):
    return slope * x + 1 + rng.normal(0, noise_std, len(x))


# Lesson 1: standard_error -----------------------------------------------------------------


@right("standard_error")
def spread_root(noise_std, n):
    return noise_std / np.sqrt(n)


@right("standard_error")
def spread_from_variance(noise_std, n):
    variance_of_mean = noise_std**2 / n
    return math.sqrt(variance_of_mean)


@right("standard_error")
def spread_power(noise_std, n):
    return noise_std * n**-0.5


@wrong("standard_error", "σ²/n, the variance of the mean", "square root")
def spread_variance(noise_std, n):
    return noise_std**2 / n


@wrong("standard_error", "σ/n", "1/√n")
def spread_over_n(noise_std, n):
    return noise_std / n


@wrong("standard_error", "spread of one noise value")
def spread_of_one(noise_std, n):
    return noise_std


@wrong("standard_error", "σ·√n, the spread of the sum")
def spread_of_sum(noise_std, n):
    return noise_std * np.sqrt(n)


@wrong("standard_error", "n·σ², the variance of the sum")
def spread_variance_of_sum(noise_std, n):
    return n * noise_std**2


@wrong("standard_error", "σ/√(n − 1)")
def spread_sample(noise_std, n):
    return noise_std / np.sqrt(n - 1)


@wrong("standard_error", "√(σ/n)")
def spread_root_of_all(noise_std, n):
    return np.sqrt(noise_std / n)


@wrong("standard_error", "σ²/√n")
def spread_squared_sigma(noise_std, n):
    return noise_std**2 / np.sqrt(n)


@wrong("standard_error", "upside down")
def spread_upside_down(noise_std, n):
    return np.sqrt(n) / noise_std


@wrong("standard_error", "lesson's σ = 0.1")
def spread_lesson_sigma(noise_std, n):
    return 0.1 / np.sqrt(n)


@wrong("standard_error", "lesson's n = 200")
def spread_lesson_size(noise_std, n):
    return noise_std / np.sqrt(len(data.x))


@wrong("standard_error", "order (noise_std, n)")
def spread_swapped_parameters(n, noise_std):
    return noise_std / np.sqrt(n)


@wrong("standard_error", "expected", named=False)
def spread_simulated(noise_std, n):
    rng = np.random.default_rng(0)
    return rng.normal(0, noise_std, (2000, n)).mean(axis=1).std()


@wrong("standard_error", "returned an array of shape", named=True)
def spread_per_point(noise_std, n):
    return np.full(n, noise_std / np.sqrt(n))


# Lesson 2: linear -------------------------------------------------------------------------


@right("linear")
def linear_identity(z):
    return z


@right("linear")
def linear_times_one(z):
    return 1.0 * z


@right("linear")
def linear_copy(z):
    return np.array(z, dtype=float)


@wrong("linear", "sigmoid")
def linear_sigmoid(z):
    return 1 / (1 + np.exp(-z))


@wrong("linear", "ReLU")
def linear_relu(z):
    return np.maximum(0, z)


@wrong("linear", "leaky ReLU")
def linear_leaky_relu(z):
    return np.where(z > 0, z, 0.01 * z)


@wrong("linear", "tanh")
def linear_tanh(z):
    return np.tanh(z)


@wrong("linear", "derivative of the linear activation")
def linear_derivative(z):
    return 1


@wrong("linear", "derivative of the linear activation")
def linear_ones(z):
    return np.ones_like(z)


@wrong("linear", "changed its argument `z` in place")
def linear_relu_in_place(z):
    z[z < 0] = 0
    return z


@wrong("linear", "returned a list", "numpy array")
def linear_list(z):
    return list(z)


@wrong("linear", "returned None")
def linear_pass(z):
    pass


@wrong("linear", "sum of z")
def linear_sum(z):
    return np.sum(z)


@wrong("linear", "True/False", named=False)
def linear_step(z):
    return z > 0


@wrong("linear", "wraps z in another array")
def linear_wrapped(z):
    return np.array([z])


@wrong("linear", "raised ValueError", "max(z, 0)", named=False)
def linear_python_max(z):
    return max(z, 0)


@wrong("linear", "expected", named=False)
def linear_plus_one(z):
    return z + 1


# Lesson 2: predict ------------------------------------------------------------------------


@right("predict")
def predict_plain(x, w1, w0):
    return w1 * x + w0


@right("predict")
def predict_with_bias_input(x, w1, w0):
    x0 = 1
    z = w1 * x + w0 * x0
    return z


@right("predict")
def predict_matrix(x, w1, w0):
    inputs = np.vstack([x, np.ones_like(x)])
    return np.array([w1, w0]) @ inputs


@right("predict")
def predict_package_activation(x, w1, w0):
    return mc.linear(w1 * x + w0)


@wrong("predict", "bias is forgotten")
def predict_no_bias(x, w1, w0):
    return w1 * x


@wrong("predict", "w1 and w0 are swapped")
def predict_swapped(x, w1, w0):
    return w0 * x + w1


@wrong("predict", "input is missing")
def predict_no_input(x, w1, w0):
    return w1 + w0


@wrong("predict", "w0 multiplies x too")
def predict_bias_times_x(x, w1, w0):
    return (w1 + w0) * x


@wrong("predict", "bias is subtracted")
def predict_minus_bias(x, w1, w0):
    return w1 * x - w0


@wrong("predict", "notebook's data.x")
def predict_global_data(x, w1, w0):
    return w1 * data.x + w0


@wrong("predict", "sigmoid", "Check your `linear`")
def predict_sigmoid(x, w1, w0):
    return sigmoid(w1 * x + w0)


@wrong("predict", "ReLU", "Check your `linear`")
def predict_relu(x, w1, w0):
    return np.maximum(0, w1 * x + w0)


@wrong("predict", "tanh", "Check your `linear`")
def predict_tanh(x, w1, w0):
    return np.tanh(w1 * x + w0)


@wrong("predict", "leaky ReLU", "Check your `linear`")
def predict_leaky_relu(x, w1, w0):
    z = w1 * x + w0
    return np.where(z > 0, z, 0.01 * z)


@wrong("predict", "returned a list", "numpy array")
def predict_list(x, w1, w0):
    return [w1 * xi + w0 for xi in x]


@wrong("predict", "changed its argument `x` in place")
def predict_in_place(x, w1, w0):
    x *= w1
    x += w0
    return x


@wrong("predict", "(200,)", "not the notebook's `data`")
def predict_bias_vector(x, w1, w0):
    x0 = np.ones(200)
    return w1 * x + w0 * x0


@wrong("predict", "returned None")
def predict_prints(x, w1, w0):
    print(w1 * x + w0)


@wrong("predict", "raised NameError", named=False)
def predict_undefined_bias_input(x, w1, w0):
    return w1 * x + w0 * bias_input  # noqa: F821


@wrong("predict", "expected", named=False)
def predict_squared(x, w1, w0):
    return w1 * x**2 + w0


@wrong("predict", "returned a tuple of 2 items", named=False)
def predict_with_z(x, w1, w0):
    z = w1 * x + w0
    return z, z


# Lesson 2: sse ----------------------------------------------------------------------------


@right("sse")
def sse_plain(y, y_hat):
    return 0.5 * np.sum((y - y_hat) ** 2)


@right("sse")
def sse_dot(y, y_hat):
    residual = y - y_hat
    return residual @ residual / 2


@right("sse")
def sse_loop(y, y_hat):
    total = 0
    for i in range(len(y)):
        total += (y[i] - y_hat[i]) ** 2
    return 1 / 2 * total


@right("sse")
def sse_zero_d(y, y_hat):
    return np.array(0.5 * np.sum((y_hat - y) ** 2))


@wrong("sse", "you forgot the ½")
def sse_no_half(y, y_hat):
    return np.sum((y - y_hat) ** 2)


@wrong("sse", "the ½ is there twice")
def sse_quarter(y, y_hat):
    return 0.5 * np.sum((y - y_hat) ** 2) / 2


@wrong("sse", "mean squared error", "np.sum, not np.mean")
def sse_half_mean(y, y_hat):
    return 0.5 * np.mean((y - y_hat) ** 2)


@wrong("sse", "the mean squared error (MSE)")
def sse_mean(y, y_hat):
    return np.mean((y - y_hat) ** 2)


@wrong("sse", "root of the mean")
def sse_rmse(y, y_hat):
    return np.sqrt(np.mean((y - y_hat) ** 2))


@wrong("sse", "one value per point")
def sse_no_sum(y, y_hat):
    return 0.5 * (y - y_hat) ** 2


@wrong("sse", "not squared")
def sse_not_squared(y, y_hat):
    return 0.5 * np.sum(y - y_hat)


@wrong("sse", "absolute values")
def sse_absolute(y, y_hat):
    return 0.5 * np.sum(np.abs(y - y_hat))


@wrong("sse", "absolute values and no ½")
def sse_absolute_no_half(y, y_hat):
    return np.sum(np.abs(y - y_hat))


@wrong("sse", "took a square root")
def sse_half_root(y, y_hat):
    return 0.5 * np.sqrt(np.sum((y - y_hat) ** 2))


@wrong("sse", "square is outside the sum")
def sse_square_outside(y, y_hat):
    return 0.5 * np.sum(y - y_hat) ** 2


@wrong("sse", "np.linalg.norm")
def sse_norm(y, y_hat):
    return np.linalg.norm(y - y_hat)


@wrong("sse", "Only ŷ is squared")
def sse_precedence(y, y_hat):
    return 0.5 * np.sum(y - y_hat**2)


@wrong("sse", "not each term")
def sse_difference_of_squares(y, y_hat):
    return 0.5 * (np.sum(y**2) - np.sum(y_hat**2))


@wrong("sse", "not text")
def sse_text(y, y_hat):
    return str(0.5 * np.sum((y - y_hat) ** 2))


@wrong("sse", "holding one number", ".item()")
def sse_one_element(y, y_hat):
    return np.array([0.5 * np.sum((y - y_hat) ** 2)])


@wrong("sse", "returned a list of 1 item", "one number")
def sse_in_a_list(y, y_hat):
    return [0.5 * np.sum((y - y_hat) ** 2)]


@wrong("sse", "changed its argument `y` in place", "results are right")
def sse_in_place(y, y_hat):
    y -= y_hat
    return 0.5 * np.sum(y**2)


@wrong("sse", "(200,)", "not the notebook's `data`")
def sse_global_targets(y, y_hat):
    return 0.5 * np.sum((data.y - y_hat) ** 2)


@wrong("sse", "mean squared error")
def sse_over_two_n(y, y_hat):
    return np.sum((y - y_hat) ** 2) / (2 * len(y))


@wrong("sse", "raised TypeError", "`^` is the bitwise xor")
def sse_xor(y, y_hat):
    return 0.5 * np.sum((y - y_hat) ^ 2)


@wrong("sse", "expected", named=False)
def sse_cubed(y, y_hat):
    return 0.5 * np.sum(np.abs(y - y_hat) ** 3)


@wrong("sse", "returned nan", named=False)
def sse_nan(y, y_hat):
    return math.nan


# Lesson 2: expected_sse -------------------------------------------------------------------


@right("expected_sse")
def expected_half_n_variance(n, noise_std):
    return 0.5 * n * noise_std**2


@right("expected_sse")
def expected_sum_of_variances(n, noise_std):
    return 0.5 * sum(noise_std**2 for _ in range(n))


@wrong("expected_sse", "n·σ², twice the answer")
def expected_no_half(n, noise_std):
    return n * noise_std**2


@wrong("expected_sse", "½·n·σ", "variance σ²")
def expected_sigma_not_squared(n, noise_std):
    return 0.5 * n * noise_std


@wrong("expected_sse", "the error of one point")
def expected_one_point(n, noise_std):
    return noise_std**2 / 2


@wrong("expected_sse", "σ², the average squared residual")
def expected_mse(n, noise_std):
    return noise_std**2


@wrong("expected_sse", "½·(n − 2)·σ²", "best-fitting line")
def expected_best_line(n, noise_std):
    return 0.5 * (n - 2) * noise_std**2


@wrong("expected_sse", "½·(n·σ)²")
def expected_square_of_sum(n, noise_std):
    return 0.5 * (n * noise_std) ** 2


@wrong("expected_sse", "½·√n·σ")
def expected_root(n, noise_std):
    return 0.5 * np.sqrt(n) * noise_std


@wrong("expected_sse", "lesson's σ = 0.1")
def expected_lesson_sigma(n, noise_std):
    return 0.5 * n * 0.1**2


@wrong("expected_sse", "lesson's n = 200")
def expected_lesson_size(n, noise_std):
    return 0.5 * len(data.y) * noise_std**2


@wrong("expected_sse", "order (n, noise_std)")
def expected_swapped_parameters(noise_std, n):
    return 0.5 * n * noise_std**2


@wrong("expected_sse", "expected", named=False)
def expected_simulated(n, noise_std):
    noise = np.random.default_rng(5).normal(0, noise_std, n)
    return 0.5 * np.sum(noise**2)


# Lesson 3: grad_w1 ------------------------------------------------------------------------


@right("grad_w1")
def grad_w1_plain(y, y_hat, x):
    return -np.sum((y - y_hat) * x)


@right("grad_w1")
def grad_w1_dot(y, y_hat, x):
    return np.dot(y_hat - y, x)


@right("grad_w1")
def grad_w1_loop(y, y_hat, x):
    total = 0.0
    for yi, pi, xi in zip(y, y_hat, x, strict=True):
        total -= (yi - pi) * xi
    return total


@wrong("grad_w1", "the sign is wrong")
def grad_w1_sign(y, y_hat, x):
    return np.sum((y - y_hat) * x)


@wrong("grad_w1", "the sign is wrong")
def grad_w1_swapped_residual(y, y_hat, x):
    return -np.sum((y_hat - y) * x)


@wrong("grad_w1", "the ½ is still there")
def grad_w1_half(y, y_hat, x):
    return -0.5 * np.sum((y - y_hat) * x)


@wrong("grad_w1", "the value is doubled")
def grad_w1_double(y, y_hat, x):
    return -2 * np.sum((y - y_hat) * x)


@wrong("grad_w1", "divided by n")
def grad_w1_mean(y, y_hat, x):
    return -np.mean((y - y_hat) * x)


@wrong("grad_w1", "two mistakes", "the sign is wrong", "divided by n")
def grad_w1_sign_and_mean(y, y_hat, x):
    return np.mean((y - y_hat) * x)


@wrong("grad_w1", "two mistakes", "the sign is wrong", "doubled")
def grad_w1_sign_and_double(y, y_hat, x):
    return 2 * np.sum((y - y_hat) * x)


@wrong("grad_w1", "two mistakes", "sign", "½")
def grad_w1_sign_and_half(y, y_hat, x):
    return 0.5 * np.sum((y - y_hat) * x)


@wrong("grad_w1", "two mistakes", "½", "divided by n")
def grad_w1_half_mean(y, y_hat, x):
    return -0.5 * np.mean((y - y_hat) * x)


@wrong("grad_w1", "two mistakes", "doubled", "divided by n")
def grad_w1_mse_derivative(y, y_hat, x):
    return -2 * np.mean((y - y_hat) * x)


@wrong("grad_w1", "two mistakes", "x1 is missing", "½")
def grad_w1_no_x_half(y, y_hat, x):
    return -0.5 * np.sum(y - y_hat)


@wrong("grad_w1", "two mistakes", "x1 is missing", "doubled")
def grad_w1_no_x_double(y, y_hat, x):
    return -2 * np.sum(y - y_hat)


@wrong("grad_w1", "two mistakes", "x1 is missing", "divided by n")
def grad_w1_no_x_mean(y, y_hat, x):
    return -np.mean(y - y_hat)


@wrong("grad_w1", "the input x1 is missing")
def grad_w1_no_x(y, y_hat, x):
    return -np.sum(y - y_hat)


@wrong("grad_w1", "two mistakes", "x1 is missing", "sign")
def grad_w1_no_x_and_sign(y, y_hat, x):
    return np.sum(y - y_hat)


@wrong("grad_w1", "one value per point")
def grad_w1_no_sum(y, y_hat, x):
    return -(y - y_hat) * x


@wrong("grad_w1", "sum closes too early")
def grad_w1_sum_too_early(y, y_hat, x):
    return -np.sum(y - y_hat) * x


@wrong("grad_w1", "Only ŷ is multiplied by x")
def grad_w1_precedence(y, y_hat, x):
    return -np.sum(y - y_hat * x)


@wrong("grad_w1", "product of two sums")
def grad_w1_product_of_sums(y, y_hat, x):
    return -np.sum(y - y_hat) * np.sum(x)


@wrong("grad_w1", "as if its parameters were (x, y, y_hat)")
def grad_w1_parameters_reordered(x, y, y_hat):
    return -np.sum((y - y_hat) * x)


@wrong("grad_w1", "as if its parameters were (y, x, y_hat)")
def grad_w1_parameters_swapped(y, x, y_hat):
    return -np.sum((y - y_hat) * x)


@wrong("grad_w1", "(200,)", "not the notebook's `data`")
def grad_w1_global_x(y, y_hat, x):
    return -np.sum((y - y_hat) * data.x)


@wrong("grad_w1", "changed its argument `y` in place")
def grad_w1_in_place(y, y_hat, x):
    y -= y_hat
    return -np.sum(y * x)


@wrong("grad_w1", "two mistakes", "doubled", "divided by n")
def grad_w1_mse_formula(y, y_hat, x):
    return -np.sum((y - y_hat) * x) * 2 / len(y)


@wrong("grad_w1", "one value per point")
def grad_w1_sign_and_no_sum(y, y_hat, x):
    return (y - y_hat) * x


@wrong("grad_w1", "expected", named=False)
def grad_w1_x_squared(y, y_hat, x):
    return -np.sum((y - y_hat) * x**2)


# Lesson 3: grad_w0 ------------------------------------------------------------------------


@right("grad_w0")
def grad_w0_plain(y, y_hat):
    return -np.sum(y - y_hat)


@right("grad_w0")
def grad_w0_times_bias(y, y_hat):
    x0 = 1
    return -np.sum((y - y_hat) * x0)


@right("grad_w0")
def grad_w0_method(y, y_hat):
    return (y_hat - y).sum()


@wrong("grad_w0", "the sign is wrong")
def grad_w0_sign(y, y_hat):
    return np.sum(y - y_hat)


@wrong("grad_w0", "divided by n")
def grad_w0_mean(y, y_hat):
    return -np.mean(y - y_hat)


@wrong("grad_w0", "two mistakes", "sign", "divided by n")
def grad_w0_sign_and_mean(y, y_hat):
    return np.mean(y - y_hat)


@wrong("grad_w0", "the ½ is still there")
def grad_w0_half(y, y_hat):
    return -0.5 * np.sum(y - y_hat)


@wrong("grad_w0", "two mistakes", "sign", "½")
def grad_w0_sign_and_half(y, y_hat):
    return 0.5 * np.sum(y - y_hat)


@wrong("grad_w0", "the value is doubled")
def grad_w0_double(y, y_hat):
    return -2 * np.sum(y - y_hat)


@wrong("grad_w0", "two mistakes", "sign", "doubled")
def grad_w0_sign_and_double(y, y_hat):
    return 2 * np.sum(y - y_hat)


@wrong("grad_w0", "two mistakes", "½", "divided by n")
def grad_w0_half_mean(y, y_hat):
    return -0.5 * np.mean(y - y_hat)


@wrong("grad_w0", "two mistakes", "doubled", "divided by n")
def grad_w0_mse_derivative(y, y_hat):
    return -2 * np.mean(y - y_hat)


@wrong("grad_w0", "one value per point")
def grad_w0_no_sum(y, y_hat):
    return -(y - y_hat)


@wrong("grad_w0", "(200,)", "not the notebook's `data`")
def grad_w0_with_x(y, y_hat):
    return -np.sum((y - y_hat) * data.x)


@wrong("grad_w0", "expected", named=False)
def grad_w0_squared(y, y_hat):
    return -np.sum((y - y_hat) ** 2)


# Lesson 4: update -------------------------------------------------------------------------


@right("update")
def update_plain(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 - eta * dE_dw1, w0 - eta * dE_dw0


@right("update")
def update_in_steps(w1, w0, dE_dw1, dE_dw0, eta):
    w1 -= eta * dE_dw1
    w0 -= eta * dE_dw0
    return [w1, w0]


@right("update")
def update_array(w1, w0, dE_dw1, dE_dw0, eta):
    return np.array([w1, w0]) - eta * np.array([dE_dw1, dE_dw0])


@wrong("update", "climbs the error surface")
def update_climbs(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 + eta * dE_dw1, w0 + eta * dE_dw0


@wrong("update", "new w1 climbs")
def update_w1_climbs(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 + eta * dE_dw1, w0 - eta * dE_dw0


@wrong("update", "new w0 climbs")
def update_w0_climbs(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 - eta * dE_dw1, w0 + eta * dE_dw0


@wrong("update", "learning rate is missing")
def update_no_eta(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 - dE_dw1, w0 - dE_dw0


@wrong("update", "divides by the learning rate")
def update_divides(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 - dE_dw1 / eta, w0 - dE_dw0 / eta


@wrong("update", "results are swapped")
def update_swapped_results(w1, w0, dE_dw1, dE_dw0, eta):
    return w0 - eta * dE_dw0, w1 - eta * dE_dw1


@wrong("update", "the other's gradient")
def update_crossed(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 - eta * dE_dw0, w0 - eta * dE_dw1


@wrong("update", "new w0 steps along dE/dw1")
def update_copy_paste(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 - eta * dE_dw1, w0 - eta * dE_dw1


@wrong("update", "returns the steps")
def update_steps(w1, w0, dE_dw1, dE_dw0, eta):
    return eta * dE_dw1, eta * dE_dw0


@wrong("update", "returns the steps −η·dE/dw")
def update_negative_steps(w1, w0, dE_dw1, dE_dw0, eta):
    return -eta * dE_dw1, -eta * dE_dw0


@wrong("update", "Only w0 is updated")
def update_only_w0(w1, w0, dE_dw1, dE_dw0, eta):
    return w1, w0 - eta * dE_dw0


@wrong("update", "only the new w0")
def update_returns_w0(w1, w0, dE_dw1, dE_dw0, eta):
    w1 = w1 - eta * dE_dw1
    w0 = w0 - eta * dE_dw0
    return w0


@wrong("update", "new w1 steps along dE/dw0")
def update_copy_paste_w0(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 - eta * dE_dw0, w0 - eta * dE_dw0


@wrong("update", "Only w1 is updated")
def update_only_w1(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 - eta * dE_dw1, w0


@wrong("update", "only the new w1")
def update_one_weight(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 - eta * dE_dw1


@wrong("update", "weights it was given")
def update_unchanged(w1, w0, dE_dw1, dE_dw0, eta):
    new_w1 = w1 - eta * dE_dw1  # noqa: F841
    new_w0 = w0 - eta * dE_dw0  # noqa: F841
    return w1, w0


@wrong("update", "as if its parameters were (w0, w1, dE_dw1, dE_dw0, eta)")
def update_parameters_swapped(w0, w1, dE_dw1, dE_dw0, eta):
    return w1 - eta * dE_dw1, w0 - eta * dE_dw0


@wrong("update", "as if its parameters were (w1, w0, eta, dE_dw1, dE_dw0)")
def update_eta_first(w1, w0, eta, dE_dw1, dE_dw0):
    return w1 - eta * dE_dw1, w0 - eta * dE_dw0


@wrong("update", "returned a dict", "return w1, w0")
def update_dict(w1, w0, dE_dw1, dE_dw0, eta):
    return {"w1": w1 - eta * dE_dw1, "w0": w0 - eta * dE_dw0}


@wrong("update", "0-d array", "return w1, w0")
def update_zero_d(w1, w0, dE_dw1, dE_dw0, eta):
    return np.array(w1 - eta * dE_dw1)


@wrong("update", "returned None")
def update_no_return(w1, w0, dE_dw1, dE_dw0, eta):
    w1 = w1 - eta * dE_dw1
    w0 = w0 - eta * dE_dw0


@wrong("update", "(w − η)·dE/dw")
def update_precedence(w1, w0, dE_dw1, dE_dw0, eta):
    return (w1 - eta) * dE_dw1, (w0 - eta) * dE_dw0


@wrong("update", "raised TypeError", named=False)
def update_tuples(w1, w0, dE_dw1, dE_dw0, eta):
    return (w1, w0) - eta * (dE_dw1, dE_dw0)


@wrong("update", "expected", "the new w1", named=False)
def update_half_step(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 - eta * dE_dw1 / 2, w0 - eta * dE_dw0


# Lesson 4: train_loop ---------------------------------------------------------------------


def _update(w1, w0, dE_dw1, dE_dw0, eta):
    return w1 - eta * dE_dw1, w0 - eta * dE_dw0


@right("train_loop")
def loop_package_pieces(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        w1, w0 = _update(w1, w0, mc.grad_w1(y, y_hat, x), mc.grad_w0(y, y_hat), eta)
    return w1, w0, errors


@right("train_loop")
def loop_point_by_point(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        error, dE_dw1, dE_dw0 = 0.0, 0.0, 0.0
        for i in range(len(x)):
            y_hat_i = mc.predict(x[i : i + 1], w1, w0)
            error += mc.sse(y[i : i + 1], y_hat_i)
            dE_dw1 += mc.grad_w1(y[i : i + 1], y_hat_i, x[i : i + 1])
            dE_dw0 += mc.grad_w0(y[i : i + 1], y_hat_i)
        errors.append(error)
        w1, w0 = _update(w1, w0, dE_dw1, dE_dw0, eta)
    return w1, w0, errors


@right("train_loop")
def loop_own_formulas_while(x, y, w1, w0, eta, epochs):
    errors = np.zeros(epochs)
    epoch = 0
    while epoch < epochs:
        residual = y - (w1 * x + w0)
        errors[epoch] = 0.5 * residual @ residual
        w1, w0 = w1 + eta * np.sum(residual * x), w0 + eta * np.sum(residual)
        epoch += 1
    return w1, w0, errors


def _half_mean_square(y, y_hat):
    """½·mean((y − ŷ)²): the SSE over n, the "mean squared error" the lesson-4 check names
    (mc.mse is mean((y − ŷ)²), with no ½)."""
    return 0.5 * np.mean((y - y_hat) ** 2)


def _loop(x, y, w1, w0, eta, epochs, *, record="before", error=mc.sse, scale=1.0):
    """The helper the wrong loops below vary, one way each."""
    errors = []
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        if record == "before":
            errors.append(error(y, y_hat))
        dE_dw1, dE_dw0 = mc.grad_w1(y, y_hat, x) * scale, mc.grad_w0(y, y_hat) * scale
        w1, w0 = _update(w1, w0, dE_dw1, dE_dw0, eta)
        if record == "after":
            errors.append(error(y, mc.predict(x, w1, w0)))
    return w1, w0, errors


@wrong("train_loop", "records the error after the update")
def loop_records_after(x, y, w1, w0, eta, epochs):
    return _loop(x, y, w1, w0, eta, epochs, record="after")


@wrong("train_loop", "weights are right", "mean squared error")
def loop_records_mse(x, y, w1, w0, eta, epochs):
    return _loop(x, y, w1, w0, eta, epochs, error=_half_mean_square)


@wrong("train_loop", "weights are right", "mean((y − ŷ)²)")
def loop_records_numpy_mean(x, y, w1, w0, eta, epochs):
    return _loop(x, y, w1, w0, eta, epochs, error=lambda y, p: np.mean((y - p) ** 2))


@wrong("train_loop", "weights are right", "twice the SSE")
def loop_records_without_half(x, y, w1, w0, eta, epochs):
    return _loop(x, y, w1, w0, eta, epochs, error=lambda y, p: np.sum((y - p) ** 2))


@wrong("train_loop", "trains on E/n, half the mean squared error")
def loop_all_mse(x, y, w1, w0, eta, epochs):
    return _loop(x, y, w1, w0, eta, epochs, error=_half_mean_square, scale=1 / len(x))


@wrong("train_loop", "w0 climbs", "mc.grad_w0(y, y_hat)")
def loop_swapped_grad_w0_arguments(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        w1, w0 = _update(w1, w0, mc.grad_w1(y, y_hat, x), mc.grad_w0(y_hat, y), eta)
    return w1, w0, errors


@wrong("train_loop", "updates w0 first")
def loop_sequential_w0_first(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        w0 = w0 - eta * mc.grad_w0(y, y_hat)
        y_hat = mc.predict(x, w1, w0)
        w1 = w1 - eta * mc.grad_w1(y, y_hat, x)
    return w1, w0, errors


@wrong("train_loop", "gradients divided by n")
def loop_mse_gradients(x, y, w1, w0, eta, epochs):
    return _loop(x, y, w1, w0, eta, epochs, scale=1 / len(x))


@wrong("train_loop", "w1 climbs", "mc.grad_w1(y, y_hat, x)")
def loop_swapped_grad_w1_arguments(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        w1, w0 = _update(w1, w0, mc.grad_w1(y_hat, y, x), mc.grad_w0(y, y_hat), eta)
    return w1, w0, errors


@wrong("train_loop", "Both weights climb")
def loop_climbs(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        w1 = w1 + eta * mc.grad_w1(y, y_hat, x)
        w0 = w0 + eta * mc.grad_w0(y, y_hat)
    return w1, w0, errors


@wrong("train_loop", "updates w1 first")
def loop_sequential(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        w1 = w1 - eta * mc.grad_w1(y, y_hat, x)
        y_hat = mc.predict(x, w1, w0)
        w0 = w0 - eta * mc.grad_w0(y, y_hat)
    return w1, w0, errors


@wrong("train_loop", "the other's gradient")
def loop_crossed_gradients(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        w1, w0 = _update(w1, w0, mc.grad_w0(y, y_hat), mc.grad_w1(y, y_hat, x), eta)
    return w1, w0, errors


@wrong("train_loop", "w1 moves along dE/dw0")
def loop_no_x_in_w1_gradient(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        gradient = mc.grad_w0(y, y_hat)
        w1, w0 = _update(w1, w0, gradient, gradient, eta)
    return w1, w0, errors


@wrong("train_loop", "η = 0.001")
def loop_lesson_eta(x, y, w1, w0, eta, epochs):
    return _loop(x, y, w1, w0, 0.001, epochs)


@wrong("train_loop", "runs 300 epochs")
def loop_lesson_epochs(x, y, w1, w0, eta, epochs):
    return _loop(x, y, w1, w0, eta, 300)


@wrong("train_loop", "one epoch too many")
def loop_one_too_many(x, y, w1, w0, eta, epochs):
    return _loop(x, y, w1, w0, eta, epochs + 1)


@wrong("train_loop", "one epoch too few")
def loop_one_too_few(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(1, epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        w1, w0 = _update(w1, w0, mc.grad_w1(y, y_hat, x), mc.grad_w0(y, y_hat), eta)
    return w1, w0, errors


@wrong("train_loop", "w1_start, w0_start")
def loop_lesson_start(x, y, w1, w0, eta, epochs):
    return _loop(x, y, w1_start, w0_start, eta, epochs)


@wrong("train_loop", "data.x and data.y")
def loop_lesson_data(x, y, w1, w0, eta, epochs):
    return _loop(data.x, data.y, w1, w0, eta, epochs)


@wrong("train_loop", "(200,)", "not the notebook's `data`")
def loop_lesson_x(x, y, w1, w0, eta, epochs):
    return _loop(data.x, y, w1, w0, eta, epochs)


@wrong("train_loop", "weights never change")
def loop_never_assigns(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        _update(w1, w0, mc.grad_w1(y, y_hat, x), mc.grad_w0(y, y_hat), eta)
    return w1, w0, errors


@wrong("train_loop", "forward pass once, before the loop")
def loop_stale_prediction(x, y, w1, w0, eta, epochs):
    errors = []
    y_hat = mc.predict(x, w1, w0)
    for _ in range(epochs):
        errors.append(mc.sse(y, y_hat))
        w1, w0 = _update(w1, w0, mc.grad_w1(y, y_hat, x), mc.grad_w0(y, y_hat), eta)
    return w1, w0, errors


@wrong("train_loop", "returns after the first epoch")
def loop_return_inside(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        w1, w0 = _update(w1, w0, mc.grad_w1(y, y_hat, x), mc.grad_w0(y, y_hat), eta)
        return w1, w0, errors


@wrong("train_loop", "keeps only the last epoch's error")
def loop_list_inside(x, y, w1, w0, eta, epochs):
    for _ in range(epochs):
        errors = []
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        w1, w0 = _update(w1, w0, mc.grad_w1(y, y_hat, x), mc.grad_w0(y, y_hat), eta)
    return w1, w0, errors


@wrong("train_loop", "only the last error")
def loop_last_error(x, y, w1, w0, eta, epochs):
    w1, w0, errors = _loop(x, y, w1, w0, eta, epochs)
    return w1, w0, errors[-1]


@wrong("train_loop", "one error too many")
def loop_final_error_too(x, y, w1, w0, eta, epochs):
    w1, w0, errors = _loop(x, y, w1, w0, eta, epochs)
    errors.append(mc.sse(y, mc.predict(x, w1, w0)))
    return w1, w0, errors


@wrong("train_loop", "returns (w0, w1, errors)")
def loop_swapped_weights(x, y, w1, w0, eta, epochs):
    w1, w0, errors = _loop(x, y, w1, w0, eta, epochs)
    return w0, w1, errors


@wrong("train_loop", "returns (errors, w1, w0)")
def loop_errors_first(x, y, w1, w0, eta, epochs):
    w1, w0, errors = _loop(x, y, w1, w0, eta, epochs)
    return errors, w1, w0


@wrong("train_loop", "each epoch's error", "one number")
def loop_per_point_errors(x, y, w1, w0, eta, epochs):
    return _loop(x, y, w1, w0, eta, epochs, error=lambda y, p: 0.5 * (y - p) ** 2)


@wrong("train_loop", "returned as errors a dict", "list")
def loop_errors_dict(x, y, w1, w0, eta, epochs):
    w1, w0, errors = _loop(x, y, w1, w0, eta, epochs)
    return w1, w0, dict(enumerate(errors))


@wrong("train_loop", "returned a dict", "`return w1, w0, errors`")
def loop_result_dict(x, y, w1, w0, eta, epochs):
    w1, w0, errors = _loop(x, y, w1, w0, eta, epochs)
    return {"w1": w1, "w0": w0, "errors": errors}


@wrong("train_loop", "raised TypeError", "not iterable", named=False)
def loop_over_an_int(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in epochs:
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
    return w1, w0, errors


@wrong("train_loop", "twice the SSE")
def loop_with_own_wrong_sse(x, y, w1, w0, eta, epochs):
    return _loop(x, y, w1, w0, eta, epochs, error=lambda y, p: np.sum((y - p) ** 2))


@wrong("train_loop", "errors for 200 epochs", named=False)
def loop_stops_early(x, y, w1, w0, eta, epochs):
    errors = []
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        if len(errors) > 1 and errors[-2] - errors[-1] < 1e-6:
            break
        w1, w0 = _update(w1, w0, mc.grad_w1(y, y_hat, x), mc.grad_w0(y, y_hat), eta)
    return w1, w0, errors


@wrong("train_loop", "expected", "epoch", named=False)
def loop_momentum(x, y, w1, w0, eta, epochs):
    errors, v1, v0 = [], 0.0, 0.0
    for _ in range(epochs):
        y_hat = mc.predict(x, w1, w0)
        errors.append(mc.sse(y, y_hat))
        v1 = 0.5 * v1 - eta * mc.grad_w1(y, y_hat, x)
        v0 = 0.5 * v0 - eta * mc.grad_w0(y, y_hat)
        w1, w0 = w1 + v1, w0 + v0
    return w1, w0, errors


# Lesson 4: least_squares ------------------------------------------------------------------


@right("least_squares")
def least_squares_centred(x, y):
    x_bar, y_bar = x.mean(), y.mean()
    w1 = np.sum((x - x_bar) * (y - y_bar)) / np.sum((x - x_bar) ** 2)
    return w1, y_bar - w1 * x_bar


@right("least_squares")
def least_squares_normal_equations(x, y):
    hessian = np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), len(x)]])
    w1, w0 = np.linalg.solve(hessian, [np.sum(x * y), np.sum(y)])
    return w1, w0


@right("least_squares")
def least_squares_polyfit(x, y):
    return np.polyfit(x, y, 1)


@right("least_squares")
def least_squares_cov_bias(x, y):
    w1 = np.cov(x, y, bias=True)[0, 1] / np.var(x)
    return float(w1), float(np.mean(y) - w1 * np.mean(x))


@right("least_squares")
def least_squares_sums(x, y):
    n = len(x)
    w1 = (n * np.sum(x * y) - np.sum(x) * np.sum(y)) / (n * np.sum(x**2) - np.sum(x) ** 2)
    w0 = (np.sum(y) - w1 * np.sum(x)) / n
    return w1, w0


@wrong("least_squares", "through the origin")
def least_squares_origin(x, y):
    return np.sum(x * y) / np.sum(x * x), 0.0


@wrong("least_squares", "w1 = Σxy/Σx²", "Σ(x − x̄)(y − ȳ)/Σ(x − x̄)²")
def least_squares_uncentred_slope(x, y):
    w1 = np.sum(x * y) / np.sum(x**2)
    return w1, np.mean(y) - w1 * np.mean(x)


@wrong("least_squares", "w0 = ȳ:", "ȳ − w1·x̄")
def least_squares_intercept_mean(x, y):
    w1 = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
    return w1, y.mean()


@wrong("least_squares", "sign of w1·x̄ is wrong")
def least_squares_intercept_sign(x, y):
    w1 = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
    return w1, y.mean() + w1 * x.mean()


@wrong("least_squares", "n/(n − 1)", "np.cov")
def least_squares_cov_var(x, y):
    w1 = np.cov(x, y)[0, 1] / np.var(x)
    return w1, np.mean(y) - w1 * np.mean(x)


@wrong("least_squares", "(n − 1)/n", "ddof=1")
def least_squares_var_ddof(x, y):
    w1 = np.mean((x - x.mean()) * (y - y.mean())) / np.var(x, ddof=1)
    return w1, np.mean(y) - w1 * np.mean(x)


@wrong("least_squares", "swapped", "(w1, w0)")
def least_squares_swapped(x, y):
    w1 = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
    return y.mean() - w1 * x.mean(), w1


@wrong("least_squares", "returns only w1")
def least_squares_slope_only(x, y):
    return np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)


@wrong("least_squares", "notebook's data.x and data.y")
def least_squares_lesson_data(x, y):
    x, y = data.x, data.y
    w1 = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
    return w1, y.mean() - w1 * x.mean()


@wrong("least_squares", "order (x, y)")
def least_squares_polyfit_swapped(x, y):
    return tuple(np.polyfit(y, x, 1))


@wrong("least_squares", "calls mlcourse.least_squares", "yourself")
def least_squares_borrowed(x, y):
    return mc.least_squares(x, y)


@wrong("least_squares", "expected", named=False)
def least_squares_by_descent(x, y):
    w1, w0 = 0.0, 0.0
    eta = 0.5 / np.sum(x * x + 1)
    for _ in range(300):
        residual = y - (w1 * x + w0)
        w1, w0 = w1 + eta * np.sum(residual * x), w0 + eta * np.sum(residual)
    return w1, w0


# Lesson 5: critical_rate ------------------------------------------------------------------


def _hessian(x):
    return np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), len(x)]])


@right("critical_rate")
def critical_eigvalsh(x):
    return 2 / np.linalg.eigvalsh(_hessian(x)).max()


@right("critical_rate")
def critical_eig_last(x):
    values = np.linalg.eigvals(_hessian(x))
    return 2 / max(values)


@right("critical_rate")
def critical_closed_form(x):
    a, b, d = np.dot(x, x), x.sum(), x.size
    largest = (a + d) / 2 + math.sqrt(((a - d) / 2) ** 2 + b * b)
    return 2 / largest


@right("critical_rate")
def critical_spectral_norm(x):
    return 2 / np.linalg.norm(_hessian(x), 2)


@wrong("critical_rate", "1/λ_max", "the 2 of 2/λ is missing", "twice too big")
def critical_one_over(x):
    return 1 / np.linalg.eigvalsh(_hessian(x)).max()


@wrong("critical_rate", "1/λ_max", "twice too big")
def critical_hessian_doubled(x):
    return 2 / np.linalg.eigvalsh(2 * _hessian(x)).max()


@wrong("critical_rate", "2/λ_min", "ascending")
def critical_first_eigenvalue(x):
    return 2 / np.linalg.eigvalsh(_hessian(x))[0]


@wrong("critical_rate", "upside down")
def critical_upside_down(x):
    return np.linalg.eigvalsh(_hessian(x)).max() / 2


@wrong("critical_rate", "fastest rate")
def critical_trace(x):
    return 2 / np.trace(_hessian(x))


@wrong("critical_rate", "2/λ for both eigenvalues")
def critical_no_max(x):
    return 2 / np.linalg.eigvalsh(_hessian(x))


@wrong("critical_rate", "two eigenvalues themselves")
def critical_eigenvalues(x):
    return np.linalg.eigvalsh(_hessian(x))


@wrong("critical_rate", "eigenvectors")
def critical_eigenvectors(x):
    result = np.linalg.eig(_hessian(x))
    return 2 / result[1]


@wrong("critical_rate", "divides 2 by each entry of H")
def critical_elementwise(x):
    return 2 / _hessian(x)


@wrong("critical_rate", "mean squared error")
def critical_mse(x):
    return 2 / np.linalg.eigvalsh(_hessian(x) / len(x)).max()


@wrong("critical_rate", "off-diagonal")
def critical_diagonal(x):
    hessian = np.array([[np.sum(x**2), 0], [0, len(x)]])
    return 2 / np.linalg.eigvalsh(hessian).max()


@wrong("critical_rate", "1 where N belongs")
def critical_one_for_n(x):
    hessian = np.array([[np.sum(x**2), np.sum(x)], [np.sum(x), 1]])
    return 2 / np.linalg.eigvalsh(hessian).max()


@wrong("critical_rate", "(Σx)²")
def critical_square_of_sum(x):
    hessian = np.array([[np.sum(x) ** 2, np.sum(x)], [np.sum(x), len(x)]])
    return 2 / np.linalg.eigvalsh(hessian).max()


@wrong("critical_rate", "notebook's data.x")
def critical_lesson_data(x):
    return 2 / np.linalg.eigvalsh(_hessian(data.x)).max()


@wrong("critical_rate", "raised ValueError", "np.linalg.eig(H)[0]")
def critical_max_of_eig(x):
    return 2 / np.max(np.linalg.eig(_hessian(x)))


@wrong("critical_rate", "raised ValueError", "np.linalg.eig(H)[0]")
def critical_builtin_max_of_eig(x):
    return 2 / max(np.linalg.eig(_hessian(x)))


@wrong("critical_rate", "expected", named=False)
def critical_eigenvector_entry(x):
    return 2 / np.linalg.eigh(_hessian(x))[1].max()


@wrong("critical_rate", "what np.linalg.eig returns")
def critical_eig_result(x):
    return np.linalg.eig(_hessian(x))


@wrong("critical_rate", "largest entry")
def critical_largest_entry(x):
    return 2 / _hessian(x).max()


# Lesson 5: fastest_rate -------------------------------------------------------------------


@right("fastest_rate")
def fastest_eigvalsh(x):
    smallest, largest = np.linalg.eigvalsh(_hessian(x))
    return 2 / (smallest + largest)


@right("fastest_rate")
def fastest_trace(x):
    return 2 / (np.sum(x**2) + len(x))


@right("fastest_rate")
def fastest_diagonal_only(x):
    hessian = np.diag([np.sum(x**2), len(x)])
    return 2 / np.linalg.eigvalsh(hessian).sum()


@wrong("fastest_rate", "critical rate 2/λ_max")
def fastest_critical(x):
    return 2 / np.linalg.eigvalsh(_hessian(x)).max()


@wrong("fastest_rate", "1/(λ_min + λ_max)")
def fastest_no_two(x):
    return 1 / np.linalg.eigvalsh(_hessian(x)).sum()


@wrong("fastest_rate", "2/λ_min")
def fastest_smallest(x):
    return 2 / np.linalg.eigvalsh(_hessian(x))[0]


@wrong("fastest_rate", "2/mean(λ)")
def fastest_mean(x):
    return 2 / np.mean(np.linalg.eigvalsh(_hessian(x)))


@wrong("fastest_rate", "mean of 2/λ_min and 2/λ_max")
def fastest_mean_of_rates(x):
    smallest, largest = np.linalg.eigvalsh(_hessian(x))
    return (2 / smallest + 2 / largest) / 2


@wrong("fastest_rate", "mean squared error")
def fastest_mse(x):
    return 2 / np.linalg.eigvalsh(_hessian(x) / len(x)).sum()


@wrong("fastest_rate", "2/λ for both eigenvalues")
def fastest_no_sum(x):
    return 2 / np.linalg.eigvalsh(_hessian(x))


@wrong("fastest_rate", "1 where N belongs")
def fastest_one_for_n(x):
    hessian = np.array([[np.sum(x**2), np.sum(x)], [np.sum(x), 1]])
    return 2 / np.linalg.eigvalsh(hessian).sum()


@wrong("fastest_rate", "two eigenvalues themselves")
def fastest_eigenvalues(x):
    return np.linalg.eigvalsh(_hessian(x))


@wrong("fastest_rate", "(Σx)²")
def fastest_square_of_sum(x):
    hessian = np.array([[np.sum(x) ** 2, np.sum(x)], [np.sum(x), len(x)]])
    return 2 / np.linalg.eigvalsh(hessian).sum()


@wrong("fastest_rate", "notebook's data.x")
def fastest_lesson_data(x):
    return 2 / np.linalg.eigvalsh(_hessian(data.x)).sum()


@right("fastest_rate")
def fastest_over_mean(x):
    return 1 / np.linalg.eigvalsh(_hessian(x)).mean()


@wrong("fastest_rate", "expected", named=False)
def fastest_product(x):
    smallest, largest = np.linalg.eigvalsh(_hessian(x))
    return 2 / (smallest * largest)


# Lesson 5: largest_stable_n ---------------------------------------------------------------


def _per_point_largest(mean_x, mean_x2):
    return np.linalg.eigvalsh(np.array([[mean_x2, mean_x], [mean_x, 1.0]])).max()


@right("largest_stable_n")
def stable_n_ceil(eta, mean_x, mean_x2):
    largest = _per_point_largest(mean_x, mean_x2)
    return int(np.ceil(2 / (eta * largest))) - 1


@right("largest_stable_n")
def stable_n_floor(eta, mean_x, mean_x2):
    a, b, d = mean_x2, mean_x, 1.0
    largest = (a + d) / 2 + math.sqrt(((a - d) / 2) ** 2 + b * b)
    return math.floor(2 / (eta * largest))


@right("largest_stable_n")
def stable_n_search(eta, mean_x, mean_x2):
    n = 1
    while eta < 2 / (n * _per_point_largest(mean_x, mean_x2)):
        n += 1
    return n - 1


@wrong("largest_stable_n", "boundary 2/(η·ℓ) itself", "whole number")
def stable_n_not_rounded(eta, mean_x, mean_x2):
    return 2 / (eta * _per_point_largest(mean_x, mean_x2))


@wrong("largest_stable_n", "rounds the boundary", "round down")
def stable_n_rounded(eta, mean_x, mean_x2):
    return round(2 / (eta * _per_point_largest(mean_x, mean_x2)))


@wrong("largest_stable_n", "one point too many")
def stable_n_ceiling(eta, mean_x, mean_x2):
    return math.ceil(2 / (eta * _per_point_largest(mean_x, mean_x2)))


@wrong("largest_stable_n", "1/λ_max, not 2/λ_max")
def stable_n_one_over(eta, mean_x, mean_x2):
    return math.floor(1 / (eta * _per_point_largest(mean_x, mean_x2)))


@wrong("largest_stable_n", "n·E[x²], H's top-left entry")
def stable_n_top_left(eta, mean_x, mean_x2):
    return math.floor(2 / (eta * mean_x2))


@wrong("largest_stable_n", "λ_max ≈ n, H's bottom-right entry")
def stable_n_bottom_right(eta, mean_x, mean_x2):
    return math.floor(2 / eta)


@wrong("largest_stable_n", "trace", "fastest rate")
def stable_n_trace(eta, mean_x, mean_x2):
    return math.floor(2 / (eta * (1 + mean_x2)))


@wrong("largest_stable_n", "uses λ_min")
def stable_n_smallest(eta, mean_x, mean_x2):
    matrix = np.array([[mean_x2, mean_x], [mean_x, 1.0]])
    return math.floor(2 / (eta * np.linalg.eigvalsh(matrix)[0]))


@wrong("largest_stable_n", "E[x]² where E[x] belongs")
def stable_n_squared_mean(eta, mean_x, mean_x2):
    return math.floor(2 / (eta * _per_point_largest(mean_x**2, mean_x2)))


@wrong("largest_stable_n", "variance")
def stable_n_variance(eta, mean_x, mean_x2):
    return math.floor(2 / (eta * _per_point_largest(mean_x, mean_x2 - mean_x**2)))


@wrong("largest_stable_n", "lesson's inputs")
def stable_n_lesson_moments(eta, mean_x, mean_x2):
    return math.floor(2 / (eta * _per_point_largest(0.5, 1 / 3)))


@wrong("largest_stable_n", "lesson's η = 0.001")
def stable_n_lesson_eta(eta, mean_x, mean_x2):
    return math.ceil(2 / (0.001 * _per_point_largest(mean_x, mean_x2))) - 1


@wrong("largest_stable_n", "not a whole number", named=False)
def stable_n_rate(eta, mean_x, mean_x2):
    return 2 / _per_point_largest(mean_x, mean_x2) / eta * 0.999


@wrong("largest_stable_n", "expected", named=False)
def stable_n_first_row(eta, mean_x, mean_x2):
    return math.floor(2 / (eta * (mean_x2 + mean_x)))


@wrong("largest_stable_n", "calls mlcourse.critical_learning_rate")
def stable_n_from_data(eta, mean_x, mean_x2):
    n = 2
    while mc.critical_learning_rate(np.linspace(0, 1, n)) > eta:
        n += 1
    return n - 1


# Lesson 6: condition_number ---------------------------------------------------------------


@right("condition_number")
def kappa_eigvalsh(x):
    smallest, largest = np.linalg.eigvalsh(_hessian(x))
    return largest / smallest


@right("condition_number")
def kappa_cond(x):
    return np.linalg.cond(_hessian(x))


@right("condition_number")
def kappa_design_matrix(x):
    design = np.column_stack([x, np.ones_like(x)])
    return np.linalg.cond(design) ** 2


@right("condition_number")
def kappa_eig_sorted(x):
    values = np.sort(np.linalg.eigvals(_hessian(x)))
    return values[-1] / values[0]


@wrong("condition_number", "upside down")
def kappa_upside_down(x):
    smallest, largest = np.linalg.eigvalsh(_hessian(x))
    return smallest / largest


@wrong("condition_number", "√κ", "np.linalg.cond")
def kappa_of_design_matrix(x):
    return np.linalg.cond(np.column_stack([x, np.ones_like(x)]))


@wrong("condition_number", "diagonal entries")
def kappa_diagonal(x):
    entries = np.array([np.sum(x**2), len(x)])
    return entries.max() / entries.min()


@wrong("condition_number", "centred inputs")
def kappa_centred(x):
    x = x - x.mean()
    smallest, largest = np.linalg.eigvalsh(_hessian(x))
    return largest / smallest


@wrong("condition_number", "1 where N belongs")
def kappa_one_for_n(x):
    hessian = np.array([[np.sum(x**2), np.sum(x)], [np.sum(x), 1]])
    smallest, largest = np.linalg.eigvalsh(hessian)
    return largest / smallest


@wrong("condition_number", "(Σx)²")
def kappa_square_of_sum(x):
    hessian = np.array([[np.sum(x) ** 2, np.sum(x)], [np.sum(x), len(x)]])
    smallest, largest = np.linalg.eigvalsh(hessian)
    return largest / smallest


@wrong("condition_number", "λ_max alone")
def kappa_largest_only(x):
    return np.linalg.eigvalsh(_hessian(x)).max()


@wrong("condition_number", "two eigenvalues themselves")
def kappa_eigenvalues(x):
    return np.linalg.eigvalsh(_hessian(x))


@wrong("condition_number", "notebook's data.x")
def kappa_lesson_data(x):
    smallest, largest = np.linalg.eigvalsh(_hessian(data.x))
    return largest / smallest


@wrong("condition_number", "calls mlcourse.eigenvalues", "yourself")
def kappa_borrowed(x):
    smallest, largest = mc.eigenvalues(x)
    return largest / smallest


@wrong("condition_number", "calls mlcourse.condition_number")
def kappa_package(x):
    return mc.condition_number(x)


@wrong("condition_number", "expected", named=False)
def kappa_difference(x):
    smallest, largest = np.linalg.eigvalsh(_hessian(x))
    return largest - smallest


# Lesson 6: one_step -----------------------------------------------------------------------


@right("one_step")
def one_step_gradient(z, y, v1, v0):
    eta = 1 / len(z)
    y_hat = v1 * z + v0
    return v1 - eta * mc.grad_w1(y, y_hat, z), v0 - eta * mc.grad_w0(y, y_hat)


@right("one_step")
def one_step_predicted(z, y, v1, v0):
    return np.mean(z * y), np.mean(y)


@right("one_step")
def one_step_means(z, y, v1, v0):
    residual = y - (v1 * z + v0)
    return v1 + np.mean(residual * z), v0 + np.mean(residual)


def _step(z, y, v1, v0, eta):
    y_hat = v1 * z + v0
    return v1 - eta * mc.grad_w1(y, y_hat, z), v0 - eta * mc.grad_w0(y, y_hat)


@wrong("one_step", "η = 1, not 1/N")
def one_step_eta_one(z, y, v1, v0):
    return _step(z, y, v1, v0, 1.0)


@wrong("one_step", "η = 2/N", "critical rate")
def one_step_critical(z, y, v1, v0):
    return _step(z, y, v1, v0, 2 / len(z))


@wrong("one_step", "η = 1/N²")
def one_step_mean_gradient_too(z, y, v1, v0):
    eta = 1 / len(z)
    residual = y - (v1 * z + v0)
    return v1 + eta * np.mean(residual * z), v0 + eta * np.mean(residual)


@wrong("one_step", "steps uphill")
def one_step_uphill(z, y, v1, v0):
    residual = y - (v1 * z + v0)
    return v1 - np.mean(residual * z), v0 - np.mean(residual)


@wrong("one_step", "returns the step")
def one_step_the_step(z, y, v1, v0):
    residual = y - (v1 * z + v0)
    return np.mean(residual * z), np.mean(residual)


@wrong("one_step", "only v1 moved")
def one_step_only_v1(z, y, v1, v0):
    residual = y - (v1 * z + v0)
    return v1 + np.mean(residual * z), v0


@wrong("one_step", "only v0 moved")
def one_step_only_v0(z, y, v1, v0):
    residual = y - (v1 * z + v0)
    return v1, v0 + np.mean(residual)


@wrong("one_step", "swapped")
def one_step_swapped(z, y, v1, v0):
    return np.mean(y), np.mean(z * y)


@wrong("one_step", "notebook's standardised data")
def one_step_lesson_data(z, y, v1, v0):
    z = (data.x - data.x.mean()) / data.x.std()
    return np.mean(z * data.y), np.mean(data.y)


@wrong("one_step", "calls mlcourse.least_squares", "yourself")
def one_step_borrowed(z, y, v1, v0):
    return mc.least_squares(z, y)


@wrong("one_step", "expected", named=False)
def one_step_sample_std(z, y, v1, v0):
    z = (z - z.mean()) / z.std(ddof=1)
    return np.mean(z * y), np.mean(y)


@wrong("one_step", "the new v0 = ", named=False)
def one_step_sums(z, y, v1, v0):
    return np.sum(z * y), np.sum(y)


# Lesson 6: original_weights ---------------------------------------------------------------


@right("original_weights")
def original_divided(v1, v0, mean, std):
    w1 = v1 / std
    return w1, v0 - w1 * mean


@right("original_weights")
def original_expanded(v1, v0, mean, std):
    return v1 / std, v0 - v1 * mean / std


@right("original_weights")
def original_from_two_points(v1, v0, mean, std):
    at_mean, one_std_on = v0, v1 + v0
    w1 = (one_std_on - at_mean) / std
    return w1, at_mean - w1 * mean


@wrong("original_weights", "w1 = v1·std")
def original_multiplied(v1, v0, mean, std):
    w1 = v1 * std
    return w1, v0 - w1 * mean


@wrong("original_weights", "w0 = v0:", "−v1·mean/std")
def original_no_shift(v1, v0, mean, std):
    return v1 / std, v0


@wrong("original_weights", "wrong sign")
def original_shift_sign(v1, v0, mean, std):
    return v1 / std, v0 + v1 * mean / std


@wrong("original_weights", "forgets the division by std")
def original_shift_unscaled(v1, v0, mean, std):
    return v1 / std, v0 - v1 * mean


@wrong("original_weights", "w0 is right, but w1 = v1")
def original_slope_unscaled(v1, v0, mean, std):
    return v1, v0 - v1 * mean / std


@wrong("original_weights", "std² (the variance)")
def original_variance(v1, v0, mean, std):
    w1 = v1 / std**2
    return w1, v0 - w1 * mean


@wrong("original_weights", "swapped")
def original_swapped(v1, v0, mean, std):
    return v0 - v1 * mean / std, v1 / std


@wrong("original_weights", "standardised weights unchanged")
def original_unchanged(v1, v0, mean, std):
    return v1, v0


@wrong("original_weights", "order (v1, v0, mean, std)")
def original_parameters_swapped(v1, v0, std, mean):
    return v1 / std, v0 - v1 * mean / std


@wrong("original_weights", "calls mlcourse.unstandardize_weights")
def original_package(v1, v0, mean, std):
    return mc.unstandardize_weights(v1, v0, mean, std)


@wrong("original_weights", "expected", named=False)
def original_inverse(v1, v0, mean, std):
    return v1 * std + mean, v0 * std + mean


# Lesson 6: epochs_needed ------------------------------------------------------------------


@right("epochs_needed")
def epochs_while(eta, eigenvalues, excess, target):
    k = 0
    while np.sum(excess * (1 - eta * eigenvalues) ** (2 * k)) > target:
        k += 1
    return k


@right("epochs_needed")
def epochs_iterated(eta, eigenvalues, excess, target):
    epoch, left = 0, np.array(excess, dtype=float)
    factors = (1 - eta * eigenvalues) ** 2
    while left.sum() > target:
        left = left * factors
        epoch += 1
    return epoch


@right("epochs_needed")
def epochs_vectorised(eta, eigenvalues, excess, target):
    k = np.arange(100_000)
    left = excess[0] * (1 - eta * eigenvalues[0]) ** (2 * k)
    left += excess[1] * (1 - eta * eigenvalues[1]) ** (2 * k)
    return int(np.flatnonzero(left <= target)[0])


@wrong("epochs_needed", "|1 − ηλ| per epoch", "(1 − ηλ)²")
def epochs_distance_factor(eta, eigenvalues, excess, target):
    k = 0
    while np.sum(excess * np.abs(1 - eta * eigenvalues) ** k) > target:
        k += 1
    return k


@wrong("epochs_needed", "(1 − ηλ) per epoch", "its square")
def epochs_signed_factor(eta, eigenvalues, excess, target):
    k = 0
    while np.sum(excess * (1 - eta * eigenvalues) ** k) > target:
        k += 1
    return k


@wrong("epochs_needed", "one epoch too many", "epoch 0 is the start")
def epochs_from_one(eta, eigenvalues, excess, target):
    epoch = 1
    while np.sum(excess * (1 - eta * eigenvalues) ** (2 * (epoch - 1))) > target:
        epoch += 1
    return epoch


@wrong("epochs_needed", "one epoch too few")
def epochs_last_above(eta, eigenvalues, excess, target):
    k = 0
    while np.sum(excess * (1 - eta * eigenvalues) ** (2 * (k + 1))) > target:
        k += 1
    return k


@wrong("epochs_needed", "only the slowest direction")
def epochs_slowest_only(eta, eigenvalues, excess, target):
    factors = np.abs(1 - eta * eigenvalues)
    i = np.argmax(factors)
    k = 0
    while excess[i] * factors[i] ** (2 * k) > target:
        k += 1
    return k


@wrong("epochs_needed", "only the direction of λ_min")
def epochs_smallest_only(eta, eigenvalues, excess, target):
    k = 0
    while excess[0] * (1 - eta * eigenvalues[0]) ** (2 * k) > target:
        k += 1
    return k


@wrong("epochs_needed", "slowest rate", "upper bound")
def epochs_bound(eta, eigenvalues, excess, target):
    rate = np.max(np.abs(1 - eta * eigenvalues)) ** 2
    k = 0
    while np.sum(excess) * rate**k > target:
        k += 1
    return k


@wrong("epochs_needed", "not even rounded")
def epochs_bound_formula(eta, eigenvalues, excess, target):
    rho = np.max(np.abs(1 - eta * eigenvalues))
    return np.log(target / np.sum(excess)) / np.log(rho**2)


@wrong("epochs_needed", "not a whole number", named=False)
def epochs_mean_of_logs(eta, eigenvalues, excess, target):
    each = np.log(target / excess) / np.log((1 - eta * eigenvalues) ** 2)
    return float(np.mean(each))


@wrong("epochs_needed", "expected", named=False)
def epochs_one_after_another(eta, eigenvalues, excess, target):
    each = np.log(target / excess) / np.log((1 - eta * eigenvalues) ** 2)
    return int(np.ceil(each).sum())


# Machinery: anything a learner can return or do, in any exercise ---------------------------


def _generator(*args):
    return (v for v in range(3))


class _Weights:
    def __init__(self, *args):
        self.w1 = 1.0

    def __eq__(self, other):
        return True


MACHINERY = {
    "dict": (lambda *args: {"answer": 1.0}, "returned a dict"),
    "generator": (_generator, "returned a generator"),
    "object": (_Weights, "object of type _Weights"),
    "nan": (lambda *args: math.nan, "returned"),
    "inf": (lambda *args: math.inf, "returned"),
    "complex": (lambda *args: 1 + 2j, "complex"),
    "zero-d array": (lambda *args: np.array(7.5), "returned"),
    "nested lists": (lambda *args: [[1.0, [2.0, [3.0, [4.0, [5.0]]]]]], "returned a list"),
    "huge array": (lambda *args: np.zeros(10**6), "(1000000,)"),
    "bytes": (lambda *args: b"1.0", "object of type bytes"),
    "raises": (lambda *args: 1 / 0, "raised ZeroDivisionError"),
    "exits": (lambda *args: os._exit(3), "ended the Python process"),
    "none": (lambda *args: None, "None"),
}


# The later lessons' answers live in their own modules, which register into ANSWERS on import.
import catalogue_classification  # noqa: E402, F401
import catalogue_classifier_network  # noqa: E402, F401
import catalogue_minibatches  # noqa: E402, F401
import catalogue_network  # noqa: E402, F401
import catalogue_softmax  # noqa: E402, F401
