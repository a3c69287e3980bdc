"""The pieces lessons 9 and 10's checks add to the mechanism: results made of arrays (a matrix,
arrays together, a parameter dict), mistakes that reproduce NaN, dict arguments (described,
compared, watched for changes in place), and the models of the exercises' computations, which
must be the package's when nothing is changed."""

import numpy as np
import pytest

import mlcourse as mc
from mlcourse import checks
from mlcourse.checks import network, softmax
from mlcourse.checks.judging import Judge, Misfit, Mistake, describe_call, same
from mlcourse.checks.results import Array, Fields, Scalar, Together
from mlcourse.feedback import Exercise, Outcome, run_calls

SEEDS = (0, 101, 202, 303, 4040)


def params(hidden=3, seed=0):
    return mc.init_mlp(hidden=hidden, seed=seed)


# same() and describe_call() with dicts and matrices ------------------------------------------


def test_dicts_are_the_same_when_their_keys_and_items_are():
    a = {"W1": np.array([1.0, 2.0]), "b2": 0.5}
    assert same(a, {"W1": np.array([1.0, 2.0]), "b2": 0.5})
    assert same({"W1": [1.0, 2.0], "b2": np.array(0.5)}, a)
    assert not same({"W1": np.array([1.0, 2.0])}, a)
    assert not same({"W1": np.array([1.0, 2.0]), "b2": 0.5, "extra": 1.0}, a)
    assert not same({"W1": np.array([1.0, 2.5]), "b2": 0.5}, a)
    assert not same((np.array([1.0, 2.0]), 0.5), a)
    assert same(({"b2": 1.0}, 2.0), ({"b2": 1.0}, 2.0))


def test_nan_matches_nan_in_the_same_place_only_when_asked():
    with_nan = np.array([1.0, np.nan])
    assert not same(with_nan, with_nan.copy())
    assert same(with_nan, with_nan.copy(), equal_nan=True)
    assert not same(with_nan, np.array([np.nan, 1.0]), equal_nan=True)
    assert not same(with_nan, np.array([1.0, 2.0]), equal_nan=True)


def nan_judge(nan_matches):
    return Judge(
        name="f",
        parameters=("z",),
        reference=lambda z: z / 2,
        result=Array("P"),
        mistakes=(Mistake("overflow", "It overflows.", lambda z: np.where(z > 10, np.nan, z)),),
        nan_matches=nan_matches,
        failing_warnings=(),
    )


@pytest.mark.parametrize("nan_matches", [True, False])
def test_a_mistake_that_gives_nan_is_named_only_by_a_judge_that_lets_nan_match(nan_matches):
    calls = [(np.array([1.0, 20.0, 3.0]),), (np.array([30.0, 2.0]),), (np.array([4.0, 40.0]),)]
    learner = [np.where(z > 10, np.nan, z) for (z,) in calls]
    exercise = Exercise("f", lambda seed: calls, nan_judge(nan_matches), "right")
    message = exercise.verdict(calls, [Outcome("returned", value=v) for v in learner])
    assert ("It overflows." in message) == nan_matches, message
    # The evidence is the wrong call with the fewest values (the easiest to reproduce).
    assert (
        "For `z` = [30, 2], `f` returned P with nan or inf in 1 of 2 entries, first P[0] = nan"
        in message
    )


def test_calls_name_matrices_by_shape_and_dicts_by_their_keys():
    text = describe_call(
        ("X", "labels", "params"),
        (
            np.zeros((7, 2)),
            np.zeros(7, dtype=int),
            {"W1": np.zeros(4), "b1": np.zeros(4), "b2": 0.5},
        ),
    )
    assert text == (
        "`X` of shape (7, 2); `labels` of 7 values; `params` = a dict of W1, b1 (4 values each) "
        "and b2 = 0.5"
    )
    uneven = describe_call(("p",), ({"a": np.zeros(2), "b": np.zeros(3)},))
    assert uneven == "`p` = a dict of a (2 values) and b (3 values)"


# Kinds of result ------------------------------------------------------------------------------


def test_an_array_must_have_the_expected_shape_and_be_an_array():
    kind = Array("P", "one row per point")
    expected = np.zeros((3, 2))
    assert kind.conform(np.ones((3, 2), dtype=int), expected).dtype == np.float64
    for value, words in (
        (
            np.ones((2, 3)),
            "returned an array of shape (2, 3); P should be a numpy array of shape "
            "(3, 2), one row per point",
        ),
        ([[0.0, 0.0]] * 3, "P should be a numpy array: compute with numpy"),
        (None, "returned None: did you forget the `return` statement?"),
        ({"P": 1.0}, "returned a dict"),
    ):
        with pytest.raises(Misfit) as misfit:
            kind.conform(value, expected)
        assert words in str(misfit.value)


def test_array_facts_say_where_it_first_differs_or_where_nan_is():
    kind = Array("P", note=lambda value, expected: "a note")
    expected = np.array([[0.5, 0.5], [0.2, 0.8]])
    assert kind.facts(np.array([[0.5, 0.5], [0.3, 0.7]]), expected) == (
        "returned P that differs from the expected one in 2 of 4 entries, first P[1, 0] = 0.3 "
        "instead of 0.2; a note"
    )
    with_nan = np.array([[0.5, np.nan], [np.inf, 0.8]])
    assert kind.facts(with_nan, expected).startswith(
        "returned P with nan or inf in 2 of 4 entries, first P[0, 1] = nan"
    )


def test_results_together_need_the_right_count_and_say_which_are_right():
    kind = Together((("dW", Array("dW")), ("db", Array("db"))), example="return dW, db")
    expected = (np.zeros((2, 3)), np.zeros(3))
    for value in (np.zeros((2, 3)), (np.zeros((2, 3)),), None):
        with pytest.raises(Misfit, match="the 2 results \\(dW, db\\) together: `return dW, db`"):
            kind.conform(value, expected)
    with pytest.raises(Misfit, match="returned as db an array of shape \\(2,\\)"):
        kind.conform((np.zeros((2, 3)), np.zeros(2)), expected)
    got = (np.zeros((2, 3)), np.array([0.0, 1.0, 0.0]))
    assert not kind.agree(got, expected, 1e-9)
    assert kind.facts(got, expected) == (
        "returned db that differs from the expected one in 1 of 3 entries, first db[1] = 1 "
        "instead of 0 (dW is right)"
    )


def test_a_parameter_dict_needs_exactly_its_keys_and_a_number_for_b2():
    kind = Fields(network.PARAMETER_FIELDS, what="the gradients")
    expected = {"W1": np.zeros(3), "b1": np.zeros(3), "W2": np.zeros(3), "b2": 0.0}
    right = kind.conform({**expected, "b2": np.array(0.0)}, expected)
    assert right["b2"] == 0.0 and isinstance(right["b2"], float)
    for value, words in (
        ({**expected, "dW1": 1.0}, "returned a dict with the keys 'W1', 'b1', 'W2', 'b2', 'dW1'"),
        ({"W1": 1.0}, "it should be a dict with the keys 'W1', 'b1', 'W2', 'b2': the gradients"),
        ({**expected, "b2": np.zeros(1)}, "returned as b2 an array of shape (1,) holding one"),
        ({**expected, "W1": np.zeros(4)}, "returned as W1 an array of shape (4,); W1 should"),
        ((1.0, 2.0), "returned a tuple of 2 items"),
    ):
        with pytest.raises(Misfit) as misfit:
            kind.conform(value, expected)
        assert words in str(misfit.value), str(misfit.value)
    got = {**expected, "W2": np.array([0.0, 0.0, 2.0]), "b2": 1.5}
    assert kind.facts(got, expected) == (
        "returned W2 that differs from the expected one in 1 of 3 entries, first W2[2] = 2 "
        "instead of 0; returned b2 = 1.5, expected 0 (W1, b1 are right)"
    )


def test_nested_places_are_named_by_key():
    kind = Together(
        (("new_params", Fields(network.PARAMETER_FIELDS, what="p")), ("error", Scalar("error"))),
        example="return new_params, error",
    )
    expected = ({"W1": np.zeros(2), "b1": np.zeros(2), "W2": np.zeros(2), "b2": 0.0}, 1.0)
    with pytest.raises(Misfit, match=r"returned as new_params\['b1'\] an array of shape \(3,\)"):
        kind.conform(({**expected[0], "b1": np.zeros(3)}, 1.0), expected)
    assert kind.facts(({**expected[0], "b2": 1.0}, 1.0), expected) == (
        "returned b2 = 1, expected 0 (W1, b1, W2, error are right)"
    )


# Dict arguments changed in place ------------------------------------------------------------


def update_one_array(params):
    params["W1"] += 1.0
    return 0.0


def add_a_key(params):
    params["h"] = np.zeros(2)
    return 0.0


def replace_b2(params):
    params["b2"] = params["b2"] + 1.0
    return 0.0


def read_only(params):
    new = {name: value for name, value in params.items()}
    new["W1"] = new["W1"] + 1.0
    return float(np.sum(new["W1"]))


@pytest.mark.parametrize(
    ("function", "changed"),
    [(update_one_array, (0,)), (add_a_key, (0,)), (replace_b2, (0,)), (read_only, ())],
)
def test_a_dict_argument_changed_in_place_is_seen_and_does_not_reach_the_caller(function, changed):
    argument = params()
    kept = {name: np.copy(value) for name, value in argument.items()}
    (outcome,) = run_calls(function, [(argument,)])
    assert outcome.kind == "returned" and outcome.changed == changed
    assert same(argument, kept)


def test_a_params_dict_changed_in_place_gets_the_dict_advice():
    def in_place(x, y, params, eta):
        new, error = network.epoch(x, y, params, eta)
        params.update(new)
        return params, error

    with pytest.raises(checks.ExerciseFailed) as failure:
        checks.check_train_epoch(in_place)
    message = str(failure.value)
    assert "changed its argument `params` in place" in message and "Build a new dict" in message


# The models behind the mistakes are the package's computations when nothing is changed -----


@pytest.mark.parametrize("seed", SEEDS)
def test_the_network_models_without_changes_are_the_packages(seed):
    for x, y, p in network.network_cases(seed, 1):
        h, y_hat = network.forward(x, p)
        np.testing.assert_allclose(h, mc.mlp_forward(x, p)[0], rtol=1e-13)
        np.testing.assert_allclose(y_hat, mc.mlp_predict(x, p), rtol=1e-13, atol=1e-14)
        assert same(network.backprop(x, y, p), mc.mlp_gradients(x, y, p), rtol=1e-12)
        history = mc.train_mlp(x, y, p, eta=0.01, epochs=1)
        new, error = network.epoch(x, y, p, 0.01)
        assert same(new, history.params, rtol=1e-12) and error == pytest.approx(history.errors[0])


@pytest.mark.parametrize("seed", SEEDS)
def test_the_softmax_models_without_changes_are_the_packages(seed):
    for X, labels, W, b in softmax.gradient_cases(seed):
        np.testing.assert_allclose(
            softmax.probabilities(X, W, b), mc.class_probabilities(X, W, b), rtol=1e-13
        )
        right = softmax.from_scores_gradient(lambda P, Y: P - Y)(X, labels, W, b)
        assert same(right, mc.softmax_gradients(X, labels, W, b), rtol=1e-12)


def test_the_sse_gradient_of_the_softmax_mistake_is_the_true_sse_gradient():
    """The "SSE on softmax" mistake must be the SSE's real gradient: finite differences."""
    X, labels, W, b = softmax.gradient_cases(0)[0]
    Y = softmax.one_hot(labels, W.shape[1])

    def sse_of(theta):
        P = mc.class_probabilities(X, theta[: W.size].reshape(W.shape), theta[W.size :])
        return 0.5 * np.sum((P - Y) ** 2)

    dW, db = softmax.from_scores_gradient(softmax.sse_scores_gradient)(X, labels, W, b)
    numerical = mc.numerical_gradient(sse_of, np.concatenate([W.ravel(), b]))
    assert mc.relative_error(np.concatenate([dW.ravel(), db]), numerical) < 1e-7


# The cases make every named mistake visible, for every seed ----------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_two_softmax_calls_overflow_a_naive_formula_and_its_near_misses(seed):
    calls = [z for (z,) in softmax.softmax_cases(seed)]
    assert np.abs(calls[0]).max() < 20  # the first call shows the mistakes that do not overflow
    lessons = calls[3]  # two rows like the lesson's, near +1000 and −1000
    assert lessons.shape == (2, 3) and lessons[0].min() > 800 and lessons[1].max() < -800
    for z in calls[1:3]:
        assert z.max() > 720 and z.min() < -760
        spread = z.max(axis=1) - z.min(axis=1)
        assert (z.max(axis=1) - z.mean(axis=1)).max() > 720 and spread.max() > 1400
        rows = z.max(axis=1)
        assert (z.max() - rows).max() > 760  # a row far below the array's largest score
    assert all(z.shape[0] != z.shape[1] for z in calls)


@pytest.mark.parametrize("seed", SEEDS)
def test_cross_entropy_cases_have_probabilities_no_epsilon_would_move(seed):
    # The last two are confidently wrong starts (tests/test_check_classification.py).
    for labels, p in softmax.probability_cases(seed)[:3]:
        assert p.min() > 0.01 and np.allclose(p.sum(axis=1), 1.0)
        assert set(labels) == set(range(p.shape[1])) and p.shape[1] >= 3


@pytest.mark.parametrize("seed", SEEDS)
def test_network_cases_never_have_as_many_points_as_units_or_as_the_lesson(seed):
    for exercise in ("mlp_forward", "mlp_gradients", "train_epoch"):
        for args in checks.EXERCISES[exercise].cases(seed):
            x, p = args[0], args[-2] if exercise == "train_epoch" else args[-1]
            assert x.size not in (p["W1"].size, network.LESSON_POINTS)
            assert isinstance(p["b2"], float)
    for *_, eta in checks.EXERCISES["train_epoch"].cases(seed):
        assert eta != network.LESSON_ETA
