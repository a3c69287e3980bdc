"""Lesson 11's checks against independent references: the cases have the properties their
docstrings promise (so that each kind of failure shows in at least two calls), the references
are what the lesson asks for, computed here another way, and the far-away cases are clear-cut.
tests/test_check_catalogue.py holds what the checks say about realistic answers."""

import math

import numpy as np
import pytest

import mlcourse as mc
from mlcourse.checks import classifier_network as checks11
from mlcourse.checks.judging import fresh_arguments

SEEDS = (0, 101, 202, 303, 7777)


def scores(X, params):
    return np.tanh(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]


def error_by_hand(X, labels, params):
    """−Σ ln P[i, y_i] one point at a time, with Python's floats and math.fsum."""
    total = []
    for z, label in zip(scores(X, params).tolist(), labels.tolist(), strict=True):
        top = max(z)
        total.append(top + math.log(math.fsum(math.exp(s - top) for s in z)) - z[label])
    return math.fsum(total)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_error_reference_is_the_cross_entropy_of_the_scores(seed):
    for X, labels, params in checks11.error_cases(seed):
        assert checks11.classifier_error_reference(X, labels, params) == pytest.approx(
            error_by_hand(X, labels, params), rel=1e-12
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_the_error_cases_make_each_failure_of_stability_show_twice(seed):
    """Case 2: e^z overflows in every row though no probability is extreme; cases 3 and 4: some
    points' own probability rounds to 0; case 4: rows at levels far apart."""
    cases = checks11.error_cases(seed)
    assert len(cases) == 4 and len({len(X) for X, _, _ in cases}) == 4
    own_underflows, overflows = [], []
    for X, labels, params in cases:
        Z = scores(X, params)
        P = mc.softmax(Z)
        own_underflows.append(bool(np.any(P[np.arange(len(labels)), labels] == 0.0)))
        overflows.append(bool(np.any(math.log(np.finfo(float).max) < Z)))
        assert len(set(labels.tolist())) == params["W2"].shape[1], "every class appears"
    assert own_underflows == [False, False, True, True]
    assert overflows[0] is False and overflows[1] and sum(overflows) >= 2
    X, labels, params = cases[1]
    assert np.min(mc.softmax(scores(X, params))) > 1e-6, "nothing is uncertain in case 2"
    X, _, params = cases[3]
    row_maxima = scores(X, params).max(axis=1)
    assert np.ptp(row_maxima) > 1500, "no one maximum serves every row of case 4"


def test_the_naive_and_the_unstable_errors_fail_where_documented():
    ways = {
        "P": checks11.ErrorWay(log_of="P"),
        "naive": checks11.ErrorWay(log_of="naive"),
        "global max": checks11.ErrorWay(log_of="global max"),
    }
    for seed in SEEDS:
        cases = checks11.error_cases(seed)
        expected = [checks11.classifier_error_reference(*case) for case in cases]
        for name, way in ways.items():
            with np.errstate(all="ignore"):
                got = [checks11.network_error(*fresh_arguments(case), way) for case in cases]
            wrong = [
                not math.isclose(g, e, rel_tol=1e-9) for g, e in zip(got, expected, strict=True)
            ]
            assert sum(wrong) >= 2, (name, seed)
            assert not wrong[0], f"{name} is right on moderate scores"


@pytest.mark.parametrize("seed", SEEDS)
def test_the_gradient_cases_have_as_many_units_as_classes_once(seed):
    shapes = [p["W2"].shape for _, _, p in checks11.gradient_cases(seed)]
    assert shapes == [(3, 2), (4, 4), (5, 3)]
    for X, _, params in checks11.gradient_cases(seed):
        P = mc.softmax(scores(X, params))
        assert P.min() > 1e-6, "the gradients compare entries of ordinary size"


def test_the_gradient_reference_is_what_finite_differences_give():
    X, labels, params = checks11.gradient_cases(0)[1]
    reference = checks11.classifier_gradients_reference(X, labels, params)
    for name in ("W1", "b1", "W2", "b2"):

        def error_at(values, name=name):
            nudged = {**params, name: values.reshape(params[name].shape)}
            return error_by_hand(X, labels, nudged)

        numerical = mc.numerical_gradient(error_at, params[name].ravel())
        assert mc.relative_error(reference[name].ravel(), numerical) < 1e-7, name


def limit_classes_by_hand(params, directions):
    """The class far out, with each unit's limit written as the limit of tanh(r·s + b)."""
    classes = []
    for u in directions:
        h = [1.0 if u @ params["W1"][:, j] > 0 else -1.0 for j in range(params["W1"].shape[1])]
        z = [
            sum(h[j] * params["W2"][j, k] for j in range(len(h))) + params["b2"][k]
            for k in range(params["W2"].shape[1])
        ]
        classes.append(z.index(max(z)))
    return np.array(classes)


@pytest.mark.parametrize("seed", SEEDS)
def test_far_away_the_network_gives_the_limits_classes_and_the_cases_are_clear_cut(seed):
    for params, directions in checks11.far_away_cases(seed):
        np.testing.assert_allclose(np.linalg.norm(directions, axis=1), 1.0)
        expected = limit_classes_by_hand(params, directions)
        np.testing.assert_array_equal(checks11.far_away_reference(params, directions), expected)
        # At the check's distance every unit is saturated to the last bit.
        h = np.tanh(checks11.FAR * directions @ params["W1"] + params["b1"])
        assert np.all(np.abs(h) == 1.0)
        # No near tie far away, and more than one class.
        limit = np.sign(directions @ params["W1"]) @ params["W2"] + params["b2"]
        top_two = np.sort(limit, axis=1)[:, -2:]
        assert np.min(top_two[:, 1] - top_two[:, 0]) >= checks11.MIN_MARGIN
        assert len(set(expected.tolist())) >= 2


@pytest.mark.parametrize("seed", SEEDS)
def test_every_far_away_mistake_errs_in_every_case(seed):
    """So that each needs only the three calls to be named (it must differ twice)."""
    for params, directions in checks11.far_away_cases(seed):
        right = checks11.far_away_reference(params, directions)
        for change in checks11.MISTAKEN_WAYS:
            way = checks11.FarAway(**change)
            assert np.any(checks11.far_away(params, directions, way) != right), change


def test_far_away_at_a_thousand_is_already_the_limit_for_the_lessons_network():
    """The lesson asks the network at distance 1,000; its answer is the limit's there."""
    data = mc.make_moons(noise=0.2, seed=0)
    trained, _ = mc.train_classifier(data.X, data.labels, mc.init_classifier(2, 4, 2), 0.005, 1000)
    angles = np.radians(np.arange(0, 360, 45))
    compass = np.column_stack([np.cos(angles), np.sin(angles)])
    at_a_thousand = np.argmax(mc.classifier_forward(1000 * compass, trained)[1], axis=1)
    np.testing.assert_array_equal(at_a_thousand, limit_classes_by_hand(trained, compass))
    assert len(set(at_a_thousand.tolist())) == 2
    near = np.argmax(mc.classifier_forward(compass, trained)[1], axis=1)
    assert np.any(near != at_a_thousand), "the prediction at distance 1 differs: a real mistake"
