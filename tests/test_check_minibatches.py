"""Lesson 7's checks against independent references: the model of mini-batch descent the mistakes
vary is the package's training loop when nothing is varied, and the cases are what the
diagnoses assume (uneven cuts, equal and unequal generators, rates that converge).
tests/test_check_catalogue.py holds what the checks say about realistic answers."""

import numpy as np
import pytest

import mlcourse as mc
from mlcourse.checks import minibatches
from mlcourse.plain import Rng

SEEDS = (0, 101, 202, 303)


def batches_by_hand(n, batch_size, seed):
    """The batches written out with a loop over the points, from the generator of ``seed``."""
    order = np.random.default_rng(seed).permutation(n)
    batches, current = [], []
    for index in order:
        current.append(int(index))
        if len(current) == batch_size:
            batches.append(current)
            current = []
    return batches + ([current] if current else [])


@pytest.mark.parametrize("seed", SEEDS)
def test_the_batches_reference_is_the_permutation_cut_into_slices(seed):
    for n, batch_size, rng in minibatches.shuffled_batches_cases(seed):
        got = minibatches.shuffled_batches_reference(n, batch_size, np.random.default_rng(rng.seed))
        expected = batches_by_hand(n, batch_size, rng.seed)
        assert [b.tolist() for b in got] == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_one_epoch_of_the_model_is_one_epoch_of_mc_train(seed):
    for x, y, w1, w0, eta, batch_size, rng in minibatches.epoch_cases(seed):
        got = minibatches.minibatch_epoch_reference(
            x, y, w1, w0, eta, batch_size, np.random.default_rng(rng.seed)
        )
        history = mc.train(
            x, y, w1, w0, eta=eta, epochs=1, loss="mse", batch_size=batch_size, seed=rng.seed
        )
        np.testing.assert_allclose(got, history.weights[-1], rtol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_runs_of_the_model_are_mc_train_epoch_by_epoch(seed):
    for x, y, w1, w0, eta, batch_size, epochs, rng in minibatches.train_cases(seed):
        w1_end, w0_end, errors = minibatches.minibatch_train_reference(
            x, y, w1, w0, eta, batch_size, epochs, np.random.default_rng(rng.seed)
        )
        history = mc.train(
            x, y, w1, w0, eta=eta, epochs=epochs, loss="mse", batch_size=batch_size, seed=rng.seed
        )
        np.testing.assert_allclose(errors, history.errors, rtol=1e-12)
        np.testing.assert_allclose([w1_end, w0_end], history.weights[-1], rtol=1e-12)


def test_the_model_written_point_by_point():
    """One epoch of batches of 2 on three points, by hand: two updates, the second on one point."""
    x, y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 4.0])
    order = np.random.default_rng(5).permutation(3)
    w1, w0, eta = 0.5, -0.5, 0.1
    for batch in (order[:2], order[2:]):
        residual = y[batch] - (w1 * x[batch] + w0)
        w1, w0 = (
            w1 + eta * 2 * np.sum(residual * x[batch]) / len(batch),
            w0 + eta * 2 * np.sum(residual) / len(batch),
        )
    got = minibatches.minibatch_epoch_reference(x, y, 0.5, -0.5, 0.1, 2, np.random.default_rng(5))
    np.testing.assert_allclose(got, (w1, w0), rtol=1e-14)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_cases_have_what_the_diagnoses_need(seed):
    """Calls 0 and 1 get equal generators and call 2 another (the rng findings); the first and
    last cuts are uneven (a dropped or mis-divided last batch shows); one call has batches of 1."""
    shapes = (
        [(n, b, rng) for n, b, rng in minibatches.shuffled_batches_cases(seed)],
        [(len(a[0]), a[5], a[-1]) for a in minibatches.epoch_cases(seed)],
        [(len(a[0]), a[5], a[-1]) for a in minibatches.train_cases(seed)],
    )
    for calls in shapes:
        generators = [rng for _, _, rng in calls]
        assert all(isinstance(g, Rng) for g in generators)
        assert generators[0] == generators[1] != generators[2]
        assert len({g.seed for g in generators[2:]}) == len(generators) - 2
        (n_first, b_first, _), (n_last, b_last, _) = calls[0], calls[-1]
        assert n_first % b_first != 0 and n_last % b_last != 0
    for n, b, _ in (shapes[0][0], shapes[0][-1]):
        split = [len(part) for part in np.array_split(np.arange(n), -(-n // b))]
        assert split != [len(part) for part in minibatches.batches_of(np.arange(n), b)]
        assert any(b == 1 for _, b, _ in calls)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_rates_of_the_cases_converge_for_every_batch_size(seed):
    """η is below the critical rate of the MSE of every single point, 1/(1 + x²), so the runs
    neither diverge nor hide their mistakes in overflow."""
    for x, y, w1, w0, eta, batch_size, epochs, rng in minibatches.train_cases(seed):
        assert eta < 1 / (1 + np.max(x) ** 2)
        _, _, errors = minibatches.minibatch_train_reference(
            x, y, w1, w0, eta, batch_size, epochs, np.random.default_rng(rng.seed)
        )
        assert errors[-1] < errors[0]
