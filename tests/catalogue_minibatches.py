"""Realistic answers to lesson 7's exercises (shuffled_batches, minibatch_epoch,
minibatch_train), right and wrong, registered in tests/catalogue.py's ANSWERS (which imports this
module).

The learners' functions use lesson 7's globals the way its cells would: ``data``, ``mc``, ``np``.
"""

import numpy as np
from catalogue import right, wrong

import mlcourse as mc

data = mc.make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=0)


# Lesson 7: shuffled_batches -----------------------------------------------------------------


@right("shuffled_batches")
def batches_slices(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@right("shuffled_batches")
def batches_shuffled_in_place(n, batch_size, rng):
    order = np.arange(n)
    rng.shuffle(order)
    batches = []
    for start in range(0, n, batch_size):
        batches.append(order[start : start + batch_size])
    return batches


@right("shuffled_batches")
def batches_split_at_multiples(n, batch_size, rng):
    return np.split(rng.permutation(n), np.arange(batch_size, n, batch_size))


@right("shuffled_batches")
def batches_while_loop_lists(n, batch_size, rng):
    order = list(rng.permutation(np.arange(n)))
    batches, start = [], 0
    while start < n:
        batches.append([int(i) for i in order[start : start + batch_size]])
        start += batch_size
    return batches


@right("shuffled_batches")
def batches_tuple(n, batch_size, rng):
    order = rng.permutation(n)
    count = (n + batch_size - 1) // batch_size
    return tuple(order[k * batch_size : (k + 1) * batch_size] for k in range(count))


@wrong(
    "shuffled_batches",
    "different batches for two generators",
    "np.random.permutation",
    mistake="shuffles-elsewhere",
)
def batches_global_state(n, batch_size, rng):
    order = np.random.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "same batches for two generators", mistake="ignores-rng")
def batches_own_seed(n, batch_size, rng):
    order = np.random.default_rng(42).permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "shuffles 200 points", mistake="lesson-size")
def batches_all_of_the_lessons_points(n, batch_size, rng):
    order = rng.permutation(len(data.x))
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


@wrong("shuffled_batches", "different batches for two generators", mistake="shuffles-elsewhere")
def batches_unseeded_generator(n, batch_size, rng):
    order = np.random.default_rng().permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "default_rng(0)", "whatever `rng`", mistake="own-generator-seed-0")
def batches_lesson_generator(n, batch_size, rng):
    rng = np.random.default_rng(seed=0)
    order = rng.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "default_rng(1)", mistake="own-generator-seed-1")
def batches_start_generator(n, batch_size, rng):
    order = np.random.default_rng(1).permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "default_rng(2)", mistake="own-generator-seed-2")
def batches_simulation_generator(n, batch_size, rng):
    rng = np.random.default_rng(seed=2)  # copied from lesson 1's simulation
    order = rng.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "does not shuffle", mistake="not-shuffled")
def batches_in_order(n, batch_size, rng):
    order = np.arange(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "does not shuffle", mistake="not-shuffled")
def batches_shuffled_copy_discarded(n, batch_size, rng):
    order = np.arange(n)
    rng.permutation(order)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "drops the last batch", mistake="drops-last")
def batches_whole_only(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[k * batch_size : (k + 1) * batch_size] for k in range(n // batch_size)]


@wrong("shuffled_batches", "drops the last batch", mistake="drops-last")
def batches_range_stops_early(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n - batch_size + 1, batch_size)]


@wrong("shuffled_batches", "rng.choice(n, n, replace=False)", mistake="choice")
def batches_choice_without_replacement(n, batch_size, rng):
    order = rng.choice(n, size=n, replace=False)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "with replacement", mistake="with-replacement")
def batches_choice(n, batch_size, rng):
    order = rng.choice(n, size=n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "with replacement", mistake="with-replacement")
def batches_integers(n, batch_size, rng):
    order = rng.integers(0, n, n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "starts a batch at every point", mistake="overlapping")
def batches_every_start(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[i : i + batch_size] for i in range(n)]


@wrong(
    "shuffled_batches", "n // batch_size batches of nearly equal size", mistake="array-split-count"
)
def batches_array_split_floor(n, batch_size, rng):
    return np.array_split(rng.permutation(n), n // batch_size)


@wrong("shuffled_batches", "nearly equal sizes", mistake="array-split-even")
def batches_array_split_ceil(n, batch_size, rng):
    return np.array_split(rng.permutation(n), int(np.ceil(n / batch_size)))


@wrong("shuffled_batches", "makes batch_size batches", mistake="array-split-batch-size")
def batches_array_split_by_size(n, batch_size, rng):
    return np.array_split(rng.permutation(n), batch_size)


@wrong("shuffled_batches", "shuffles the batches, not the points", mistake="shuffles-batches")
def batches_shuffled_batches(n, batch_size, rng):
    batches = [np.arange(start, min(start + batch_size, n)) for start in range(0, n, batch_size)]
    return [batches[k] for k in rng.permutation(len(batches))]


@wrong("shuffled_batches", "shuffles 200 points", mistake="lesson-size-cut")
def batches_lesson_size(n, batch_size, rng):
    order = rng.permutation(len(data.x))
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong(
    "shuffled_batches", "`n` and `batch_size` had traded places", mistake="order:batch_size,n,rng"
)
def batches_parameters_swapped(batch_size, n, rng):
    order = rng.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong(
    "shuffled_batches",
    "raised ValueError",
    "cannot reshape",
    "last batch is shorter",
    kind="raised",
)
def batches_reshape(n, batch_size, rng):
    return list(rng.permutation(n).reshape(-1, batch_size))


@wrong("shuffled_batches", "one array of", "cut the shuffled order into batches", kind="misfit")
def batches_order_only(n, batch_size, rng):
    return rng.permutation(n)


@wrong("shuffled_batches", "returned a generator", kind="misfit")
def batches_generator(n, batch_size, rng):
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start : start + batch_size]


@wrong("shuffled_batches", "as floats", "integers", kind="misfit")
def batches_float_indices(n, batch_size, rng):
    order = rng.permutation(n).astype(float)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "one point too many", mistake="one-past")
def batches_one_past_the_end(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[start : start + batch_size + 1] for start in range(0, n, batch_size)]


@wrong("shuffled_batches", "sorts each batch", mistake="sorted-batches")
def batches_each_sorted(n, batch_size, rng):
    order = rng.permutation(n)
    return [np.sort(order[start : start + batch_size]) for start in range(0, n, batch_size)]


# Lesson 7: minibatch_epoch ------------------------------------------------------------------


def _batches(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


def _step(x, y, w1, w0, eta, scale=2.0):
    """One update on the batch (x, y): the MSE gradient is 2/b times lesson 3's."""
    y_hat = mc.predict(x, w1, w0)
    b = len(x)
    return w1 - eta * scale / b * mc.grad_w1(y, y_hat, x), w0 - eta * scale / b * mc.grad_w0(
        y, y_hat
    )


@right("minibatch_epoch")
def epoch_package_pieces(x, y, w1, w0, eta, batch_size, rng):
    for batch in _batches(len(x), batch_size, rng):
        w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w1, w0


@right("minibatch_epoch")
def epoch_own_formulas(x, y, w1, w0, eta, batch_size, rng):
    order = rng.permutation(len(x))
    for start in range(0, len(x), batch_size):
        batch = order[start : start + batch_size]
        residual = y[batch] - (w1 * x[batch] + w0)
        w1 = w1 + eta * 2 * np.mean(residual * x[batch])
        w0 = w0 + eta * 2 * np.mean(residual)
    return w1, w0


@right("minibatch_epoch")
def epoch_shuffled_copies(x, y, w1, w0, eta, batch_size, rng):
    order = rng.permutation(len(x))
    xs, ys = x[order], y[order]
    for start in range(0, len(xs), batch_size):
        xb, yb = xs[start : start + batch_size], ys[start : start + batch_size]
        error_signal = (w1 * xb + w0) - yb
        dE_dw1 = 2 * error_signal @ xb / len(xb)
        dE_dw0 = 2 * error_signal.sum() / len(xb)
        w1, w0 = w1 - eta * dE_dw1, w0 - eta * dE_dw0
    return float(w1), float(w0)


@wrong("minibatch_epoch", "gradient of the batch's SSE, the sum", mistake="batch-sum")
def epoch_sum(x, y, w1, w0, eta, batch_size, rng):
    for batch in _batches(len(x), batch_size, rng):
        y_hat = mc.predict(x[batch], w1, w0)
        w1, w0 = (
            w1 - eta * mc.grad_w1(y[batch], y_hat, x[batch]),
            w0 - eta * mc.grad_w0(y[batch], y_hat),
        )
    return w1, w0


@wrong("minibatch_epoch", "½·mean((y − ŷ)²)", mistake="half-mean")
def epoch_half_mean(x, y, w1, w0, eta, batch_size, rng):
    for batch in _batches(len(x), batch_size, rng):
        w1, w0 = _step(x[batch], y[batch], w1, w0, eta, scale=1.0)
    return w1, w0


@wrong("minibatch_epoch", "divides by batch_size", "len(batch)", mistake="divides-by-batch-size")
def epoch_nominal_size(x, y, w1, w0, eta, batch_size, rng):
    order = rng.permutation(len(x))
    for start in range(0, len(x), batch_size):
        batch = order[start : start + batch_size]
        residual = y[batch] - (w1 * x[batch] + w0)
        w1 = w1 + eta * 2 * np.sum(residual * x[batch]) / batch_size
        w0 = w0 + eta * 2 * np.sum(residual) / batch_size
    return w1, w0


@wrong("minibatch_epoch", "divides by n", mistake="divides-by-n")
def epoch_over_n(x, y, w1, w0, eta, batch_size, rng):
    n = len(x)
    for batch in _batches(n, batch_size, rng):
        residual = y[batch] - (w1 * x[batch] + w0)
        w1, w0 = w1 + eta * 2 / n * np.sum(residual * x[batch]), w0 + eta * 2 / n * np.sum(residual)
    return w1, w0


@wrong("minibatch_epoch", "does not shuffle", mistake="not-shuffled")
def epoch_in_order(x, y, w1, w0, eta, batch_size, rng):
    for start in range(0, len(x), batch_size):
        w1, w0 = _step(x[start : start + batch_size], y[start : start + batch_size], w1, w0, eta)
    return w1, w0


@wrong("minibatch_epoch", "one update per epoch from all the points", mistake="whole-batch")
def epoch_ignores_batch_size(x, y, w1, w0, eta, batch_size, rng):
    order = rng.permutation(len(x))
    residual = y[order] - (w1 * x[order] + w0)
    return w1 + eta * 2 * np.mean(residual * x[order]), w0 + eta * 2 * np.mean(residual)


@wrong("minibatch_epoch", "same weights for two generators", mistake="ignores-rng")
def epoch_own_seed(x, y, w1, w0, eta, batch_size, rng):
    order = np.random.default_rng(7).permutation(len(x))
    for start in range(0, len(x), batch_size):
        batch = order[start : start + batch_size]
        residual = y[batch] - (w1 * x[batch] + w0)
        w1, w0 = (
            w1 + eta * 2 * np.mean(residual * x[batch]),
            w0 + eta * 2 * np.mean(residual),
        )
    return w1, w0


@wrong("minibatch_epoch", "different weights for two generators", mistake="shuffles-elsewhere")
def epoch_global_shuffle(x, y, w1, w0, eta, batch_size, rng):
    order = np.arange(len(x))
    np.random.shuffle(order)
    for start in range(0, len(x), batch_size):
        batch = order[start : start + batch_size]
        w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w1, w0


@wrong("minibatch_epoch", "default_rng(0)", mistake="own-generator-seed-0")
def epoch_lesson_generator(x, y, w1, w0, eta, batch_size, rng):
    for batch in _batches(len(x), batch_size, np.random.default_rng(0)):
        w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w1, w0


@wrong("minibatch_epoch", "default_rng(1)", mistake="own-generator-seed-1")
def epoch_start_generator(x, y, w1, w0, eta, batch_size, rng):
    rng = np.random.default_rng(seed=1)
    for batch in _batches(len(x), batch_size, rng):
        w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w1, w0


@wrong("minibatch_epoch", "default_rng(2)", mistake="own-generator-seed-2")
def epoch_simulation_generator(x, y, w1, w0, eta, batch_size, rng):
    for batch in _batches(len(x), batch_size, np.random.default_rng(2)):
        w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w1, w0


@wrong("minibatch_epoch", "rng.choice(n, n, replace=False)", mistake="choice")
def epoch_choice(x, y, w1, w0, eta, batch_size, rng):
    order = rng.choice(len(x), len(x), replace=False)
    for start in range(0, len(x), batch_size):
        batch = order[start : start + batch_size]
        w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w1, w0


@wrong("minibatch_epoch", "drops the last batch", mistake="drops-last")
def epoch_drops_last(x, y, w1, w0, eta, batch_size, rng):
    order = rng.permutation(len(x))
    for k in range(len(x) // batch_size):
        batch = order[k * batch_size : (k + 1) * batch_size]
        w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w1, w0


@wrong("minibatch_epoch", "one update per epoch", mistake="one-update")
def epoch_one_update(x, y, w1, w0, eta, batch_size, rng):
    dE_dw1 = dE_dw0 = 0.0
    for batch in _batches(len(x), batch_size, rng):
        residual = y[batch] - (w1 * x[batch] + w0)
        dE_dw1 += -2 * np.mean(residual * x[batch])
        dE_dw0 += -2 * np.mean(residual)
    return w1 - eta * dE_dw1, w0 - eta * dE_dw0


@wrong("minibatch_epoch", "one update per epoch", "ŷ computed once", mistake="one-update")
def epoch_stale_forward_pass(x, y, w1, w0, eta, batch_size, rng):
    y_hat = w1 * x + w0
    for batch in _batches(len(x), batch_size, rng):
        residual = y[batch] - y_hat[batch]
        w1, w0 = w1 + eta * 2 * np.mean(residual * x[batch]), w0 + eta * 2 * np.mean(residual)
    return w1, w0


@wrong("minibatch_epoch", "uses all n points", mistake="all-points")
def epoch_whole_data_each_time(x, y, w1, w0, eta, batch_size, rng):
    for _ in _batches(len(x), batch_size, rng):
        w1, w0 = _step(x, y, w1, w0, eta)
    return w1, w0


@wrong("minibatch_epoch", "Both weights climb", mistake="climbs")
def epoch_climbs(x, y, w1, w0, eta, batch_size, rng):
    for batch in _batches(len(x), batch_size, rng):
        residual = y[batch] - (w1 * x[batch] + w0)
        w1, w0 = w1 - eta * 2 * np.mean(residual * x[batch]), w0 - eta * 2 * np.mean(residual)
    return w1, w0


@wrong("minibatch_epoch", "updates w1 first", mistake="w1-first")
def epoch_sequential(x, y, w1, w0, eta, batch_size, rng):
    for batch in _batches(len(x), batch_size, rng):
        xb, yb = x[batch], y[batch]
        w1 = w1 + eta * 2 * np.mean((yb - (w1 * xb + w0)) * xb)
        w0 = w0 + eta * 2 * np.mean(yb - (w1 * xb + w0))
    return w1, w0


@wrong("minibatch_epoch", "returns after the first batch", mistake="returns-early")
def epoch_return_inside(x, y, w1, w0, eta, batch_size, rng):
    for batch in _batches(len(x), batch_size, rng):
        w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
        return w1, w0


@wrong("minibatch_epoch", "returns (w0, w1)", mistake="swapped-results")
def epoch_swapped(x, y, w1, w0, eta, batch_size, rng):
    for batch in _batches(len(x), batch_size, rng):
        w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w0, w1


@wrong("minibatch_epoch", "changed its arguments `x` and `y` in place", kind="changed_inputs")
def epoch_shuffles_data_in_place(x, y, w1, w0, eta, batch_size, rng):
    order = rng.permutation(len(x))
    x[:], y[:] = x[order], y[order]
    for start in range(0, len(x), batch_size):
        w1, w0 = _step(x[start : start + batch_size], y[start : start + batch_size], w1, w0, eta)
    return w1, w0


@wrong("minibatch_epoch", "raised IndexError", named=False)
def epoch_indexes_lesson_data(x, y, w1, w0, eta, batch_size, rng):
    for batch in _batches(len(data.x), batch_size, rng):
        w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w1, w0


@wrong("minibatch_epoch", "expected", named=False)
def epoch_momentum(x, y, w1, w0, eta, batch_size, rng):
    v1 = v0 = 0.0
    for batch in _batches(len(x), batch_size, rng):
        new_w1, new_w0 = _step(x[batch], y[batch], w1, w0, eta)
        v1, v0 = 0.5 * v1 + (new_w1 - w1), 0.5 * v0 + (new_w0 - w0)
        w1, w0 = w1 + v1, w0 + v0
    return w1, w0


# Lesson 7: minibatch_train ------------------------------------------------------------------


def _epoch(x, y, w1, w0, eta, batch_size, rng):
    for batch in _batches(len(x), batch_size, rng):
        w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w1, w0


def _mse(x, y, w1, w0):
    return mc.mse(y, mc.predict(x, w1, w0))


@right("minibatch_train")
def train_with_epochs(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(_mse(x, y, w1, w0))
        w1, w0 = _epoch(x, y, w1, w0, eta, batch_size, rng)
    return w1, w0, errors


@right("minibatch_train")
def train_all_inline(x, y, w1, w0, eta, batch_size, epochs, rng):
    n = len(x)
    errors = np.empty(epochs)
    for epoch in range(epochs):
        errors[epoch] = np.mean((y - (w1 * x + w0)) ** 2)
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            b = order[start : start + batch_size]
            r = y[b] - (w1 * x[b] + w0)
            w1, w0 = w1 + eta * 2 * np.mean(r * x[b]), w0 + eta * 2 * np.mean(r)
    return w1, w0, errors


@wrong("minibatch_train", "shuffles once", mistake="shuffled-once")
def train_shuffles_once(x, y, w1, w0, eta, batch_size, epochs, rng):
    batches = _batches(len(x), batch_size, rng)
    errors = []
    for _ in range(epochs):
        errors.append(_mse(x, y, w1, w0))
        for batch in batches:
            w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w1, w0, errors


@wrong(
    "minibatch_train",
    "anew in every epoch",
    "default_rng(0)",
    mistake="new-generator-each-epoch-seed-0",
)
def train_new_generator_each_epoch(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(_mse(x, y, w1, w0))
        w1, w0 = _epoch(x, y, w1, w0, eta, batch_size, np.random.default_rng(0))
    return w1, w0, errors


@wrong(
    "minibatch_train",
    "anew in every epoch",
    "default_rng(1)",
    mistake="new-generator-each-epoch-seed-1",
)
def train_start_generator_each_epoch(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(_mse(x, y, w1, w0))
        rng = np.random.default_rng(1)
        w1, w0 = _epoch(x, y, w1, w0, eta, batch_size, rng)
    return w1, w0, errors


@wrong("minibatch_train", "one update per epoch from all the points", mistake="whole-batch")
def train_one_batch_of_everything(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(np.mean((y - (w1 * x + w0)) ** 2))
        batch = rng.permutation(len(x))
        residual = y[batch] - (w1 * x[batch] + w0)
        w1 = w1 + eta * 2 * np.mean(residual * x[batch])
        w0 = w0 + eta * 2 * np.mean(residual)
    return w1, w0, errors


@wrong("minibatch_train", "order cannot matter", "batch_size", mistake="ignores-rng")
def train_one_batch_of_everything_summed(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(np.mean((y - (w1 * x + w0)) ** 2))
        residual = y - (w1 * x + w0)
        w1 = w1 + eta * np.sum(residual * x) / batch_size
        w0 = w0 + eta * np.sum(residual) / batch_size
    return w1, w0, errors


@wrong("minibatch_train", "same results for two generators", mistake="ignores-rng")
def train_own_generator(x, y, w1, w0, eta, batch_size, epochs, rng):
    shuffler = np.random.default_rng(12345)
    errors = []
    for _ in range(epochs):
        errors.append(np.mean((y - (w1 * x + w0)) ** 2))
        order = shuffler.permutation(len(x))
        for start in range(0, len(x), batch_size):
            batch = order[start : start + batch_size]
            residual = y[batch] - (w1 * x[batch] + w0)
            w1 -= eta * -2 * np.mean(residual * x[batch])
            w0 -= eta * -2 * np.mean(residual)
    return w1, w0, errors


@wrong("minibatch_train", "default_rng(0)", "whatever `rng`", mistake="own-generator-seed-0")
def train_lesson_generator(x, y, w1, w0, eta, batch_size, epochs, rng):
    rng = np.random.default_rng(seed=0)
    return train_with_epochs(x, y, w1, w0, eta, batch_size, epochs, rng)


@wrong(
    "minibatch_train",
    "anew in every epoch",
    "default_rng(2)",
    mistake="new-generator-each-epoch-seed-2",
)
def train_simulation_generator_each_epoch(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(_mse(x, y, w1, w0))
        w1, w0 = _epoch(x, y, w1, w0, eta, batch_size, np.random.default_rng(2))
    return w1, w0, errors


@wrong("minibatch_train", "default_rng(2)", "whatever `rng`", mistake="own-generator-seed-2")
def train_simulation_generator(x, y, w1, w0, eta, batch_size, epochs, rng):
    return train_with_epochs(x, y, w1, w0, eta, batch_size, epochs, np.random.default_rng(2))


@wrong("minibatch_train", "default_rng(1)", "whatever `rng`", mistake="own-generator-seed-1")
def train_start_generator(x, y, w1, w0, eta, batch_size, epochs, rng):
    return train_with_epochs(x, y, w1, w0, eta, batch_size, epochs, np.random.default_rng(1))


@wrong("minibatch_train", "different results for two generators", mistake="shuffles-elsewhere")
def train_unseeded_generator_each_epoch(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(_mse(x, y, w1, w0))
        w1, w0 = _epoch(x, y, w1, w0, eta, batch_size, np.random.default_rng())
    return w1, w0, errors


@wrong("minibatch_train", "does not shuffle", mistake="not-shuffled")
def train_in_order(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(_mse(x, y, w1, w0))
        for start in range(0, len(x), batch_size):
            w1, w0 = _step(
                x[start : start + batch_size], y[start : start + batch_size], w1, w0, eta
            )
    return w1, w0, errors


@wrong("minibatch_train", "gradient of the batch's SSE", mistake="batch-sum")
def train_sum(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(_mse(x, y, w1, w0))
        for batch in _batches(len(x), batch_size, rng):
            y_hat = mc.predict(x[batch], w1, w0)
            w1 = w1 - eta * mc.grad_w1(y[batch], y_hat, x[batch])
            w0 = w0 - eta * mc.grad_w0(y[batch], y_hat)
    return w1, w0, errors


@wrong("minibatch_train", "divides by batch_size", mistake="divides-by-batch-size")
def train_nominal_size(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(_mse(x, y, w1, w0))
        for batch in _batches(len(x), batch_size, rng):
            w1, w0 = _step(x[batch], y[batch], w1, w0, eta, scale=2.0 * len(batch) / batch_size)
    return w1, w0, errors


@wrong("minibatch_train", "one update per epoch", mistake="one-update")
def train_one_update_per_epoch(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(_mse(x, y, w1, w0))
        total1 = total0 = 0.0
        for batch in _batches(len(x), batch_size, rng):
            r = y[batch] - (w1 * x[batch] + w0)
            total1 += -2 * np.mean(r * x[batch])
            total0 += -2 * np.mean(r)
        w1, w0 = w1 - eta * total1, w0 - eta * total0
    return w1, w0, errors


@wrong("minibatch_train", "drops the last batch", mistake="drops-last")
def train_drops_last(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(_mse(x, y, w1, w0))
        order = rng.permutation(len(x))
        for k in range(len(x) // batch_size):
            batch = order[k * batch_size : (k + 1) * batch_size]
            w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w1, w0, errors


@wrong("minibatch_train", "records the error after", mistake="recorded-after")
def train_records_after(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        w1, w0 = _epoch(x, y, w1, w0, eta, batch_size, rng)
        errors.append(_mse(x, y, w1, w0))
    return w1, w0, errors


@wrong("minibatch_train", "weights are right", "the SSE", mistake="errors-sse")
def train_records_sse(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(mc.sse(y, mc.predict(x, w1, w0)))
        w1, w0 = _epoch(x, y, w1, w0, eta, batch_size, rng)
    return w1, w0, errors


@wrong("minibatch_train", "weights are right", "½·mean((y − ŷ)²)", mistake="errors-half-mean")
def train_records_half_mean(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append(0.5 * np.mean((y - (w1 * x + w0)) ** 2))
        w1, w0 = _epoch(x, y, w1, w0, eta, batch_size, rng)
    return w1, w0, errors


@wrong("minibatch_train", "errors for", "epochs", kind="misfit")
def train_records_every_batch(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        for batch in _batches(len(x), batch_size, rng):
            errors.append(_mse(x, y, w1, w0))
            w1, w0 = _step(x[batch], y[batch], w1, w0, eta)
    return w1, w0, errors


@wrong("minibatch_train", "an epoch's error an array", "mean((y − ŷ)²)", kind="misfit")
def train_records_per_point(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for _ in range(epochs):
        errors.append((y - (w1 * x + w0)) ** 2)
        w1, w0 = _epoch(x, y, w1, w0, eta, batch_size, rng)
    return w1, w0, errors


@wrong("minibatch_train", "expected", named=False)
def train_decaying_rate(x, y, w1, w0, eta, batch_size, epochs, rng):
    errors = []
    for epoch in range(epochs):
        errors.append(_mse(x, y, w1, w0))
        w1, w0 = _epoch(x, y, w1, w0, eta / (1 + 0.1 * epoch), batch_size, rng)
    return w1, w0, errors
