"""The lessons' worked answers agree with the package's tested twins.

After an exercise a lesson's own cells use the package's function (``mc.X``), not the learner's,
so that Run All in the exercise copy runs the whole lesson (issue 21, part 2). That is honest only
if the worked answer the lesson teaches computes what the package computes: each test here runs
the worked lesson's answer cells (as the lesson defines them, in order) and compares the two on
inputs other than the lesson's.
"""

import ast
import functools
import json

import numpy as np
import pytest
from lesson_namespace import answer_name, code_of, lesson_path

import mlcourse as mc


def only_definitions(source: str) -> bool:
    body = ast.parse(source).body
    return bool(body) and all(isinstance(node, ast.FunctionDef) for node in body)


@functools.cache
def worked(lesson: str) -> dict:
    """The functions the worked lesson defines (its answer cells, and the cells that only define
    functions, such as lesson 2's linear), run in order in one namespace."""
    namespace = {"np": np, "mc": mc}
    for number, cell in enumerate(json.loads(lesson_path(lesson).read_text())["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = code_of(cell)
        if answer_name(cell) is not None or only_definitions(source):
            exec(compile(source, f"<{lesson} cell {number + 1}>", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("n, slope, noise_std, seed", [(7, -1.5, 0.4, 11), (200, 3.0, 0.1, 0)])
def test_lesson_1_inputs_then_make_targets_are_make_linear_data(n, slope, noise_std, seed):
    rng = np.random.default_rng(seed)
    x = rng.random(n)
    y = worked("01")["make_targets"](x, slope, noise_std, rng)
    data = mc.make_linear_data(n=n, slope=slope, noise_std=noise_std, seed=seed)
    np.testing.assert_array_equal(x, data.x)
    np.testing.assert_array_equal(y, data.y)


def test_lesson_2_predict_and_sse_are_the_packages():
    rng = np.random.default_rng(5)
    x, y = rng.uniform(-2, 2, 9), rng.normal(0, 1, 9)
    lesson = worked("02")
    np.testing.assert_allclose(lesson["predict"](x, -1.3, 0.7), mc.predict(x, -1.3, 0.7))
    y_hat = mc.predict(x, -1.3, 0.7)
    np.testing.assert_allclose(lesson["sse"](y, y_hat), mc.sse(y, y_hat))


def test_lesson_3_gradients_are_the_packages():
    rng = np.random.default_rng(6)
    x, y, y_hat = rng.uniform(-2, 2, 11), rng.normal(0, 1, 11), rng.normal(0, 1, 11)
    lesson = worked("03")
    np.testing.assert_allclose(lesson["grad_w1"](y, y_hat, x), mc.grad_w1(y, y_hat, x))
    np.testing.assert_allclose(lesson["grad_w0"](y, y_hat), mc.grad_w0(y, y_hat))


@pytest.mark.parametrize("eta, mean_x, mean_x2", [(0.001, 0.5, 1 / 3), (0.02, -0.3, 1.7)])
def test_lesson_5_largest_stable_n_is_the_packages(eta, mean_x, mean_x2):
    lesson = worked("05")["largest_stable_n"](eta, mean_x, mean_x2)
    assert lesson == mc.largest_stable_n(eta, mean_x, mean_x2)


def test_lesson_6_worked_answers_are_the_packages():
    lesson = worked("06")
    data = mc.make_linear_data(n=37, slope=-1.2, noise_std=0.3, seed=8)
    z, mean, std = mc.standardize(data.x)
    step = mc.train(z, data.y, 0.4, -2.0, eta=1 / len(z), epochs=1).weights[1]
    np.testing.assert_allclose(lesson["one_step"](z, data.y, 0.4, -2.0), step, rtol=1e-12)
    np.testing.assert_allclose(
        lesson["original_weights"](0.7, -0.3, mean, std),
        mc.unstandardize_weights(0.7, -0.3, mean, std),
        rtol=1e-12,
    )
    for eta in (0.001, 0.004, 0.0075):
        arguments = (eta, np.array([13.8, 262.6]), np.array([222.9, 158.7]), 0.0104)
        assert lesson["epochs_needed"](*arguments) == mc.epochs_needed(*arguments)
    spread = data.x.std()
    assert lesson["centred_condition_number"](spread) == pytest.approx(
        mc.condition_number(data.x - data.x.mean()), rel=1e-9
    )


def test_lesson_7_worked_answers_are_the_packages():
    lesson = worked("07")
    for n, b in ((200, 32), (9, 4)):
        mine = lesson["shuffled_batches"](n, b, np.random.default_rng(3))
        package = mc.shuffled_batches(n, b, np.random.default_rng(3))
        assert [list(batch) for batch in mine] == [list(batch) for batch in package]
    data = mc.make_linear_data(n=45, slope=2.0, noise_std=0.2, seed=9)
    w1, w0, errors = lesson["minibatch_train"](
        data.x, data.y, -1.0, 0.5, 0.2, 8, 4, np.random.default_rng(5)
    )
    run = mc.train(data.x, data.y, -1.0, 0.5, eta=0.2, epochs=4, loss="mse", batch_size=8, seed=5)
    np.testing.assert_allclose([w1, w0], run.weights[-1], rtol=1e-12)
    np.testing.assert_allclose(errors, run.errors, rtol=1e-12)


def test_lesson_8_worked_answers_are_the_packages():
    lesson = worked("08")
    z = np.linspace(-40, 40, 17)
    np.testing.assert_allclose(lesson["sigmoid"](z), mc.sigmoid(z), rtol=1e-15)
    data = mc.make_two_classes(n=30, seed=4)
    y_hat = mc.sigmoid(0.7 * data.x - 0.2)
    assert lesson["binary_cross_entropy"](data.y, y_hat) == pytest.approx(
        mc.binary_cross_entropy(data.y, y_hat), rel=1e-12
    )

    def bce_at(w):
        return float(mc.loss_surface(data.x, data.y, w[0], w[1], "sigmoid", "bce"))

    analytic = np.array(lesson["bce_gradients"](data.x, data.y, 0.7, -0.2))
    assert mc.relative_error(analytic, mc.numerical_gradient(bce_at, [0.7, -0.2])) < 1e-7


def test_lesson_9_worked_answers_are_the_packages():
    lesson = worked("09")
    rng = np.random.default_rng(12)
    Z = rng.normal(0, 30, (8, 4))
    np.testing.assert_allclose(lesson["softmax"](Z), mc.softmax(Z), rtol=1e-12)
    data = mc.make_blobs(seed=3)
    W, b = rng.normal(0, 1, (2, 3)), rng.normal(0, 1, 3)
    P = mc.softmax(data.X @ W + b)
    assert lesson["cross_entropy"](data.labels, P) == pytest.approx(
        mc.cross_entropy(data.labels, P), rel=1e-12
    )
    for mine, package in zip(
        lesson["softmax_gradients"](data.X, data.labels, W, b),
        mc.softmax_gradients(data.X, data.labels, W, b),
        strict=True,
    ):
        np.testing.assert_allclose(mine, package, rtol=1e-12)


def test_lesson_10_worked_answers_are_the_packages():
    lesson = worked("10")
    data = mc.make_curve_data(n=30, seed=6)
    params = mc.init_mlp(hidden=5, seed=2)
    for mine, package in zip(
        lesson["mlp_forward"](data.x, params), mc.mlp_forward(data.x, params), strict=True
    ):
        np.testing.assert_allclose(mine, package, rtol=1e-12)
    mine, package = (
        lesson["mlp_gradients"](data.x, data.y, params),
        mc.mlp_gradients(data.x, data.y, params),
    )
    for name in package:
        np.testing.assert_allclose(mine[name], package[name], rtol=1e-12)
    stepped, error = lesson["train_epoch"](data.x, data.y, params, 0.002)
    run = mc.train_mlp(data.x, data.y, params, eta=0.002, epochs=1)
    assert error == pytest.approx(run.errors[0], rel=1e-12)
    for name in package:
        np.testing.assert_allclose(stepped[name], run.params[name], rtol=1e-12)
