import warnings

import numpy as np
import pytest

import mlcourse as mc
from mlcourse import (
    DivergenceWarning,
    History,
    critical_learning_rate,
    least_squares,
    make_linear_data,
    sse,
    train,
)


def plain_loop(x, y, w1, w0, eta, epochs):
    """Gradient descent exactly as the lesson writes it, independent of the package."""
    weights, errors = [(w1, w0)], []
    for _ in range(epochs):
        y_hat = w1 * x + w0 * 1.0
        errors.append(0.5 * np.sum((y - y_hat) ** 2))
        w1, w0 = w1 + eta * np.sum((y - y_hat) * x), w0 + eta * np.sum(y - y_hat)
        weights.append((w1, w0))
    return np.array(weights), np.array(errors)


def test_train_matches_a_plain_loop(data):
    history = train(data.x, data.y, -2.5, 1.0, eta=0.001, epochs=300)
    weights, errors = plain_loop(data.x, data.y, -2.5, 1.0, 0.001, 300)
    np.testing.assert_allclose(history.weights, weights, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(history.errors, errors, rtol=1e-12)
    assert (history.w1, history.w0) == tuple(weights[-1])
    assert history.final_error == pytest.approx(
        sse(data.y, weights[-1, 0] * data.x + weights[-1, 1])
    )


def test_history_shapes_and_types(data):
    history = train(data.x, data.y, 0.0, 0.0, epochs=7)
    assert isinstance(history, History)
    assert history.weights.shape == (8, 2) and history.errors.shape == (7,)
    assert history.epochs_run == 7 and history.diverged is False
    assert isinstance(history.w1, float) and isinstance(history.w0, float)


def test_zero_epochs_changes_nothing(data):
    history = train(data.x, data.y, 1.0, 2.0, epochs=0)
    np.testing.assert_array_equal(history.weights, [[1.0, 2.0]])
    assert history.errors.size == 0


@pytest.mark.parametrize("seed", range(5))
def test_the_lessons_headline_result(seed):
    """Seed's story: 200 points, slope 3, σ 0.1, 300 epochs, η 0.001, a terrible start."""
    data = make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=seed)
    rng = np.random.default_rng(100 + seed)
    w1, w0 = rng.uniform(-3, -2), rng.uniform(0, 2)
    history = train(data.x, data.y, w1, w0, eta=0.001, epochs=450)
    best = sse(data.y, np.polyval(np.polyfit(data.x, data.y, 1), data.x))
    # Least squares leaves about N·σ²/2 = 1.0 of error: the noise cannot be fitted.
    assert 0.7 < best < 1.3
    assert history.errors[0] > 100 * best  # the start really is terrible
    # After the lesson's 300 epochs the slow direction of the bowl (λ_min ≈ 0.066·N) still
    # holds a few to 17 percent of excess error; by 450 epochs it is under 1 percent.
    assert history.errors[300] < 1.2 * best
    assert history.final_error < 1.01 * best
    assert np.all(np.diff(history.errors) < 0)  # below the critical rate E only falls


def test_error_is_recorded_before_the_update(data):
    history = train(data.x, data.y, -2.5, 1.0, epochs=3)
    for k in range(3):
        w1, w0 = history.weights[k]
        assert history.errors[k] == pytest.approx(sse(data.y, w1 * data.x + w0))


def test_snapshots_every_k_epochs(data):
    history = train(data.x, data.y, -2.5, 1.0, epochs=300)
    snaps = history.snapshots(every=20)
    assert [s[0] for s in snaps] == list(range(0, 300, 20))
    _epoch, w1, w0, error = snaps[3]
    assert (w1, w0) == tuple(history.weights[60]) and error == history.errors[60]
    with pytest.raises(ValueError, match="every must be an int >= 1"):
        history.snapshots(every=0)


def test_mse_steps_are_sse_steps_scaled_by_two_over_n(data):
    n = data.x.size
    by_mse = train(data.x, data.y, -2.5, 1.0, eta=0.5, epochs=50, loss="mse")
    by_sse = train(data.x, data.y, -2.5, 1.0, eta=2 * 0.5 / n, epochs=50)
    np.testing.assert_allclose(by_mse.weights, by_sse.weights, rtol=1e-10)
    np.testing.assert_allclose(by_mse.errors, 2 * by_sse.errors / n, rtol=1e-10)


def test_critical_rate_separates_convergence_from_divergence(data):
    critical = critical_learning_rate(data.x)
    optimum = np.array(least_squares(data.x, data.y))
    below = train(data.x, data.y, -2.5, 1.0, eta=0.98 * critical, epochs=3000)
    np.testing.assert_allclose(below.weights[-1], optimum, atol=1e-6)
    with pytest.warns(DivergenceWarning):
        above = train(data.x, data.y, -2.5, 1.0, eta=1.02 * critical, epochs=3000)
    assert above.final_error > 1e6 * above.errors[0]


def test_diverged_predicts_from_the_critical_rate_before_the_error_grows(data):
    """``diverged`` is η > 2/λ_max, a prediction: just past the edge the error first falls."""
    critical = critical_learning_rate(data.x)
    history = train(data.x, data.y, -2.5, 1.0, eta=1.01 * critical, epochs=3, warn=False)
    assert np.all(np.diff(np.append(history.errors, history.final_error)) < 0)
    assert history.diverged
    assert history.critical_rate == critical


def explosion_epoch(x, y, w1, w0, eta, epochs):
    """Epochs a plain loop runs under the documented stop rule: an update is not taken once its
    error exceeds 1e10 times the starting error (or is not a number)."""
    start = 0.5 * np.sum((y - (w1 * x + w0)) ** 2)
    for epoch in range(epochs):
        residual = y - (w1 * x + w0)
        w1, w0 = w1 + eta * np.sum(residual * x), w0 + eta * np.sum(residual)
        with np.errstate(over="ignore", invalid="ignore"):
            error = 0.5 * np.sum((y - (w1 * x + w0)) ** 2)
        if not error <= 1e10 * start:
            return epoch
    return epochs


@pytest.mark.parametrize("factor", [1.01, 1.5, 40.0, 1e6])
def test_training_stops_at_the_exact_epoch_the_error_explodes(data, factor):
    eta = factor * critical_learning_rate(data.x)
    expected = explosion_epoch(data.x, data.y, -2.5, 1.0, eta, 5000)
    history = train(data.x, data.y, -2.5, 1.0, eta=eta, epochs=5000, warn=False)
    assert 0 < expected < 5000 or factor == 1e6
    assert history.epochs_run == expected
    weights, errors = plain_loop(data.x, data.y, -2.5, 1.0, eta, expected)
    np.testing.assert_allclose(history.weights, weights, rtol=1e-9)
    np.testing.assert_allclose(history.errors, errors, rtol=1e-9)
    assert history.final_error == pytest.approx(
        sse(data.y, weights[-1, 0] * data.x + weights[-1, 1]), rel=1e-9
    )


def test_divergence_warns_once_stops_early_and_keeps_nan_out(data):
    critical = critical_learning_rate(data.x)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(all="raise"):  # a numpy overflow inside train would raise here
            history = train(data.x, data.y, -2.5, 1.0, eta=50 * critical, epochs=5000)
    assert [w.category for w in caught] == [DivergenceWarning]
    assert f"{critical:.4g}" in str(caught[0].message)
    assert history.diverged and history.epochs_run < 5000
    assert np.all(np.isfinite(history.weights)) and np.all(np.isfinite(history.errors))
    assert np.isfinite(history.final_error)


def test_warn_false_switches_the_warning_off_and_keeps_the_verdict(data):
    eta = 3 * critical_learning_rate(data.x)
    with pytest.warns(DivergenceWarning):
        warned = train(data.x, data.y, -2.5, 1.0, eta=eta, epochs=100)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        quiet = train(data.x, data.y, -2.5, 1.0, eta=eta, epochs=100, warn=False)
    assert quiet.diverged and quiet.epochs_run == warned.epochs_run < 100
    np.testing.assert_array_equal(quiet.weights, warned.weights)


def test_history_records_the_loss_it_was_trained_on(data):
    by_default = train(data.x, data.y, -2.5, 1.0, epochs=3)
    by_loss = train(data.x, data.y, -2.5, 1.0, epochs=3, loss="mse")
    by_alias = train(data.x, data.y, -2.5, 1.0, epochs=3, error="mse")
    assert (by_default.loss, by_loss.loss, by_alias.loss) == ("sse", "mse", "mse")
    np.testing.assert_array_equal(by_alias.errors, by_loss.errors)
    assert by_loss.errors[0] == pytest.approx(np.mean((data.y - (-2.5 * data.x + 1.0)) ** 2))
    assert by_loss.critical_rate == critical_learning_rate(data.x, "mse")


def test_loss_and_its_alias_together_are_refused(data):
    with pytest.raises(TypeError, match="loss= or as its alias error=, not both"):
        train(data.x, data.y, 0.0, 0.0, loss="sse", error="sse")


def test_history_from_run_refuses_rows_that_do_not_match():
    with pytest.raises(ValueError, match="one row more than errors"):
        History.from_run([[0.0, 0.0]], [1.0], 1.0, eta=0.1, loss="sse", critical_rate=1.0)


def test_an_absurd_learning_rate_still_gives_a_clean_history(data):
    with pytest.warns(DivergenceWarning):
        history = train(data.x, data.y, -2.5, 1.0, eta=1e300, epochs=10)
    assert history.diverged and history.epochs_run == 0
    np.testing.assert_array_equal(history.weights, [[-2.5, 1.0]])


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"eta": 0.0}, ValueError, "eta must be > 0"),
        ({"eta": -0.1}, ValueError, "eta must be > 0"),
        ({"eta": np.inf}, ValueError, "eta must be finite"),
        ({"eta": "0.1"}, TypeError, "eta must be a real number"),
        ({"epochs": -1}, ValueError, "epochs must be an int >= 0"),
        ({"epochs": 3.0}, TypeError, "epochs must be an int"),
        ({"w1": np.nan}, ValueError, "w1 must be finite"),
        ({"w0": None}, TypeError, "w0 must be a real number"),
        ({"error": "mae"}, ValueError, "error must be 'sse', 'mse' or 'bce'"),
        ({"loss": "mae"}, ValueError, "loss must be 'sse', 'mse' or 'bce'"),
        ({"loss": 1}, ValueError, "loss must be 'sse', 'mse' or 'bce', got 1"),
        ({"activation": "relu"}, ValueError, "activation must be 'linear' or 'sigmoid'"),
        ({"activation": None}, ValueError, "activation must be 'linear' or 'sigmoid', got None"),
        ({"loss": "bce"}, ValueError, "loss='bce' .* needs activation='sigmoid'"),
    ],
)
def test_bad_arguments_are_named(data, kwargs, error, message):
    arguments = {"w1": 0.0, "w0": 0.0} | kwargs
    with pytest.raises(error, match=message):
        train(data.x, data.y, **arguments)


def test_bad_data_is_named():
    with pytest.raises(ValueError, match="x and y must have the same length"):
        train(np.zeros(3), np.zeros(4), 0.0, 0.0)
    with pytest.raises(ValueError, match="y must be 1-D"):
        train(np.zeros(3), np.zeros((3, 1)), 0.0, 0.0)
    with pytest.raises(ValueError, match="x must be finite"):
        train([0.0, np.inf], [0.0, 1.0], 0.0, 0.0)
    with pytest.raises(TypeError, match="x must be a 1-D array of numbers"):
        train(["a", "b"], [0.0, 1.0], 0.0, 0.0)


# Momentum (heavy ball) ------------------------------------------------------------------------


def heavy_ball_loop(x, y, w1, w0, eta, epochs, momentum):
    """v ← β·v − η·∇E, w ← w + v, v starting at 0: the SSE's heavy ball, written out."""
    weights, errors, v1, v0 = [(w1, w0)], [], 0.0, 0.0
    for _ in range(epochs):
        residual = y - (w1 * x + w0)
        errors.append(0.5 * np.sum(residual**2))
        v1 = momentum * v1 + eta * np.sum(residual * x)
        v0 = momentum * v0 + eta * np.sum(residual)
        w1, w0 = w1 + v1, w0 + v0
        weights.append((w1, w0))
    return np.array(weights), np.array(errors)


@pytest.mark.parametrize("momentum", [0.0, 0.3, 0.9, 0.99])
def test_momentum_matches_a_plain_heavy_ball_loop(data, momentum):
    history = train(data.x, data.y, -2.5, 1.0, eta=0.002, epochs=400, momentum=momentum)
    weights, errors = heavy_ball_loop(data.x, data.y, -2.5, 1.0, 0.002, 400, momentum)
    np.testing.assert_allclose(history.weights, weights, rtol=1e-11, atol=1e-11)
    np.testing.assert_allclose(history.errors, errors, rtol=1e-11)
    assert history.momentum == momentum


def test_without_momentum_every_step_is_todays_to_the_last_bit(data):
    """momentum=0 changes no bit: the loop below does today's arithmetic in today's order."""
    x, y, w1, w0, eta = data.x, data.y, -2.5, 1.0, 0.003
    weights, errors = [(w1, w0)], []
    for _ in range(300):
        residual = y - (w1 * x + w0 * 1.0)
        errors.append(0.5 * float(np.sum(residual * residual)))
        g1, g0 = -float(np.sum(residual * x)), -float(np.sum(residual))
        w1, w0 = w1 - eta * g1, w0 - eta * g0
        weights.append((w1, w0))
    for history in (
        train(x, y, -2.5, 1.0, eta=eta, epochs=300),
        train(x, y, -2.5, 1.0, eta=eta, epochs=300, momentum=0.0),
    ):
        np.testing.assert_array_equal(history.weights, weights)
        np.testing.assert_array_equal(history.errors, errors)


def companion_spectral_radius(eta_lambda, momentum):
    """Largest |root| of the heavy ball's 2×2 map (d_k, d_{k−1}) → (d_{k+1}, d_k), by LAPACK."""
    matrix = np.array([[1 + momentum - eta_lambda, -momentum], [1.0, 0.0]])
    return np.max(np.abs(np.linalg.eigvals(matrix)))


@pytest.mark.parametrize("momentum", [0.0, 0.2, 0.5, 0.9, 0.99])
def test_the_heavy_ball_converges_exactly_below_two_times_one_plus_beta_over_lambda(momentum):
    """The derivation's condition 0 < ηλ < 2(1 + β), checked on the map's eigenvalues."""
    edge = 2 * (1 + momentum)
    for eta_lambda in np.linspace(1e-3, edge - 1e-3, 200):
        assert companion_spectral_radius(eta_lambda, momentum) < 1
    for eta_lambda in np.linspace(edge + 1e-3, edge + 3, 50):
        assert companion_spectral_radius(eta_lambda, momentum) > 1


@pytest.mark.parametrize("momentum", [0.5, 0.9])
def test_the_critical_rate_with_momentum_separates_convergence_from_divergence(data, momentum):
    x = data.x
    largest = np.linalg.eigvalsh(np.array([[x @ x, x.sum()], [x.sum(), x.size]]))[-1]
    critical = 2 * (1 + momentum) / largest
    assert critical_learning_rate(x, momentum=momentum) == pytest.approx(critical, rel=1e-12)
    below = train(x, data.y, -2.5, 1.0, eta=0.98 * critical, epochs=5000, momentum=momentum)
    assert not below.diverged and below.critical_rate == pytest.approx(critical, rel=1e-12)
    np.testing.assert_allclose(below.weights[-1], least_squares(x, data.y), atol=1e-6)
    with pytest.warns(DivergenceWarning, match=r"2\(1 \+ β\)/λ_max with momentum β = 0\.[59]"):
        above = train(x, data.y, -2.5, 1.0, eta=1.02 * critical, epochs=5000, momentum=momentum)
    assert above.diverged and above.epochs_run < 5000
    assert above.final_error > 1e6 * above.errors[0]
    # Above 2/λ_max but below the critical rate with momentum: it converges.
    between = train(x, data.y, -2.5, 1.0, eta=2.1 / largest, epochs=3000, momentum=momentum)
    assert not between.diverged and between.final_error < 1.01 * below.final_error


def test_an_explosion_below_the_critical_rate_is_still_reported():
    """Just below its critical rate, a heavy ball with β close to 1 overshoots by up to about
    2/(1 − β) before it settles: with 1 − β = 1e-5 the error passes 10^10 times its start.
    The run stops, and diverged and the warning say so rather than trusting the formula."""
    x, y, momentum = np.array([-1.0, 1.0]), np.zeros(2), 1 - 1e-5  # H = 2·I
    eta = (1 - 1e-12) * 2 * (1 + momentum) / 2
    with pytest.warns(DivergenceWarning, match="below the critical learning rate"):
        history = train(x, y, 1.0, 1.0, eta=eta, epochs=100_000, momentum=momentum)
    assert history.diverged and history.eta < history.critical_rate
    assert 10_000 < history.epochs_run < 100_000


@pytest.mark.parametrize(
    ("momentum", "error", "message"),
    [
        (1.0, ValueError, r"momentum must be in \[0, 1\)"),
        (-0.1, ValueError, r"momentum must be in \[0, 1\)"),
        (np.nan, ValueError, "momentum must be finite"),
        ("0.9", TypeError, "momentum must be a real number"),
        (True, TypeError, "momentum must be a real number"),
    ],
)
def test_bad_momentum_is_named(data, momentum, error, message):
    with pytest.raises(error, match=message):
        train(data.x, data.y, 0.0, 0.0, momentum=momentum)


# Mini-batches and a decaying rate -------------------------------------------------------------


def mini_batch_loop(x, y, w1, w0, eta, epochs, loss, batch_size, seed, momentum=0.0, decay=0.0):
    """The documented schedule, written out: one generator per call, a permutation per epoch,
    consecutive slices (the last one shorter), one update per slice from the gradient of the
    batch's loss (½·Σr² for "sse", mean(r²) for "mse")."""
    rng = np.random.default_rng(seed)
    n = len(x)
    weights, errors, v1, v0 = [(w1, w0)], [], 0.0, 0.0
    for epoch in range(epochs):
        residual = y - (w1 * x + w0)
        errors.append(0.5 * np.sum(residual**2) if loss == "sse" else np.mean(residual**2))
        rate = eta / (1 + decay * epoch)
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = order[start : start + batch_size]
            r = y[batch] - (w1 * x[batch] + w0)
            if loss == "sse":
                g1, g0 = -np.sum(r * x[batch]), -np.sum(r)
            else:
                g1, g0 = -2 * np.mean(r * x[batch]), -2 * np.mean(r)
            v1, v0 = momentum * v1 - rate * g1, momentum * v0 - rate * g0
            w1, w0 = w1 + v1, w0 + v0
        weights.append((w1, w0))
    return np.array(weights), np.array(errors)


@pytest.mark.parametrize(
    ("loss", "batch_size", "eta", "seed", "momentum", "decay"),
    [
        ("mse", 30, 0.1, 0, 0.0, 0.0),  # 200 = 6·30 + 20: the last batch is shorter
        ("sse", 1, 0.05, 3, 0.0, 0.0),  # stochastic gradient descent
        ("sse", 7, 0.005, 1, 0.5, 0.0),  # momentum, one velocity update per batch
        ("mse", 30, 0.3, 2, 0.0, 0.1),  # a decaying rate
        ("mse", 199, 0.2, 5, 0.3, 0.05),  # one batch of 199 and one of 1
    ],
)
def test_mini_batches_match_a_plain_loop(data, loss, batch_size, eta, seed, momentum, decay):
    history = train(
        data.x,
        data.y,
        -2.5,
        1.0,
        eta=eta,
        epochs=40,
        loss=loss,
        batch_size=batch_size,
        seed=seed,
        momentum=momentum,
        decay=decay,
    )
    weights, errors = mini_batch_loop(
        data.x, data.y, -2.5, 1.0, eta, 40, loss, batch_size, seed, momentum, decay
    )
    np.testing.assert_allclose(history.weights, weights, rtol=1e-11, atol=1e-11)
    np.testing.assert_allclose(history.errors, errors, rtol=1e-11)
    last = weights[-1]
    residual = data.y - (last[0] * data.x + last[1])
    final = 0.5 * np.sum(residual**2) if loss == "sse" else np.mean(residual**2)
    assert history.final_error == pytest.approx(final, rel=1e-11)
    assert (history.batch_size, history.decay, history.critical_rate) == (batch_size, decay, None)


def test_the_full_batch_is_none_or_n_and_ignores_the_seed(data):
    reference = train(data.x, data.y, -2.5, 1.0, eta=0.003, epochs=50)
    for history in (
        train(data.x, data.y, -2.5, 1.0, eta=0.003, epochs=50, batch_size=200, seed=4),
        train(data.x, data.y, -2.5, 1.0, eta=0.003, epochs=50, batch_size=None, seed=9),
    ):
        np.testing.assert_array_equal(history.weights, reference.weights)
        np.testing.assert_array_equal(history.errors, reference.errors)
        assert history.batch_size is None and history.critical_rate == reference.critical_rate


def test_the_seed_decides_the_shuffle(data):
    def run(seed):
        return train(data.x, data.y, -2.5, 1.0, eta=0.05, epochs=5, batch_size=10, seed=seed)

    np.testing.assert_array_equal(run(1).weights, run(1).weights)
    assert not np.array_equal(run(1).weights, run(2).weights)


def test_a_mini_batch_epoch_makes_ceil_n_over_b_updates(data):
    """One epoch of batch size b from w = 0 with η tiny: the step is the sum of the ⌈n/b⌉ batch
    gradients, each taken at (almost) the same weights: the full gradient for the SSE, and
    Σ_batches (2/b_j)·Σ_batch for the MSE (the short batch weighs more per point)."""
    x, y = data.x, data.y
    eta = 1e-9
    for loss, batch_size in (("sse", 30), ("mse", 30), ("mse", 1)):
        history = train(x, y, 0.0, 0.0, eta=eta, epochs=1, loss=loss, batch_size=batch_size)
        step = (history.weights[1] - history.weights[0]) / eta
        if loss == "sse":
            expected = [np.sum(y * x), np.sum(y)]
        else:
            order = np.random.default_rng(0).permutation(x.size)
            batches = [order[i : i + batch_size] for i in range(0, x.size, batch_size)]
            expected = [
                sum(2 * np.mean(y[b] * x[b]) for b in batches),
                sum(2 * np.mean(y[b]) for b in batches),
            ]
        np.testing.assert_allclose(step, expected, rtol=1e-6)


def test_stochastic_steps_far_above_the_full_batch_critical_rate_need_not_diverge(data):
    """With the SSE and one point per update the step's curvature is x_i² < 1, not λ_max ≈ 263:
    η = 0.05, 6.6 times the full batch's critical rate, still converges. No warning."""
    assert 6 * critical_learning_rate(data.x) < 0.05
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = train(data.x, data.y, -2.5, 1.0, eta=0.05, epochs=100, batch_size=1)
    assert not history.diverged and history.critical_rate is None
    assert history.final_error < 2 * least_squares_error(data)


def least_squares_error(data):
    return sse(data.y, np.polyval(np.polyfit(data.x, data.y, 1), data.x))


@pytest.mark.parametrize(("batch_size", "eta"), [(1, 1.6), (20, 0.08)])
def test_mini_batches_that_blow_up_stop_and_warn(data, batch_size, eta):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(all="raise"):  # an unguarded numpy overflow inside train raises here
            history = train(data.x, data.y, -2.5, 1.0, eta=eta, epochs=500, batch_size=batch_size)
    assert [w.category for w in caught] == [DivergenceWarning]
    assert f"mini-batches of {batch_size}" in str(caught[0].message)
    assert "exceeded 1e+10 times its starting value" in str(caught[0].message)
    assert history.diverged and history.epochs_run < 500
    assert np.all(np.isfinite(history.weights)) and np.isfinite(history.final_error)
    start = sse(data.y, -2.5 * data.x + 1.0)
    assert history.final_error <= 1e10 * start
    # The epoch after the last one kept is the one whose error passes the limit.
    weights, _ = mini_batch_loop(
        data.x, data.y, -2.5, 1.0, eta, history.epochs_run + 1, "sse", batch_size, 0
    )
    np.testing.assert_allclose(history.weights, weights[:-1], rtol=1e-9)
    with np.errstate(over="ignore", invalid="ignore"):
        assert not sse(data.y, weights[-1, 0] * data.x + weights[-1, 1]) <= 1e10 * start


def test_a_decaying_rate_is_judged_by_what_the_run_does(data):
    """Full batch, η 1.5 times critical, decaying: the error grows 40-fold, then converges."""
    eta = 1.5 * critical_learning_rate(data.x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = train(data.x, data.y, -2.5, 1.0, eta=eta, epochs=400, decay=0.1)
    assert np.max(history.errors) > 40 * history.errors[0]
    assert not history.diverged and history.critical_rate is None
    np.testing.assert_allclose(history.learning_rates, eta / (1 + 0.1 * np.arange(400)))
    assert history.final_error < 1.05 * least_squares_error(data)
    with pytest.warns(DivergenceWarning, match="decaying as η/\\(1 \\+ 0.001·epoch\\)"):
        exploding = train(data.x, data.y, -2.5, 1.0, eta=eta, epochs=3000, decay=0.001)
    assert exploding.diverged and exploding.epochs_run < 3000


def test_a_decaying_rate_settles_the_jitter_of_stochastic_updates(data):
    constant = train(data.x, data.y, -2.5, 1.0, eta=0.05, epochs=300, batch_size=1)
    decaying = train(data.x, data.y, -2.5, 1.0, eta=0.05, epochs=300, batch_size=1, decay=0.1)
    best = least_squares_error(data)
    spread = {
        name: np.std(run.errors[-100:] - best) for name, run in (("c", constant), ("d", decaying))
    }
    assert spread["d"] < 0.2 * spread["c"]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"batch_size": 0}, ValueError, "batch_size must be an int >= 1"),
        ({"batch_size": -3}, ValueError, "batch_size must be an int >= 1"),
        ({"batch_size": 201}, ValueError, "batch_size must be at most the number of points"),
        ({"batch_size": 2.0}, TypeError, "batch_size must be an int"),
        ({"batch_size": True}, TypeError, "batch_size must be an int"),
        ({"batch_size": "10"}, TypeError, "batch_size must be an int"),
        ({"seed": -1}, ValueError, "seed must be an int >= 0"),
        ({"seed": None}, TypeError, "seed must be an int"),
        ({"decay": -0.1}, ValueError, "decay must be >= 0"),
        ({"decay": np.inf}, ValueError, "decay must be finite"),
    ],
)
def test_bad_mini_batch_arguments_are_named(data, kwargs, error, message):
    with pytest.raises(error, match=message):
        train(data.x, data.y, 0.0, 0.0, **kwargs)


@pytest.mark.parametrize("n, batch_size", [(200, 32), (7, 7), (5, 1), (10, 3)])
def test_shuffled_batches_cut_one_permutation_into_consecutive_slices(n, batch_size):
    batches = mc.shuffled_batches(n, batch_size, np.random.default_rng(4))
    order = list(np.random.default_rng(4).permutation(n))
    expected = []
    while order:
        expected.append(order[:batch_size])
        order = order[batch_size:]
    assert [list(batch) for batch in batches] == expected
    assert sorted(np.concatenate(batches)) == list(range(n))


def test_shuffled_batches_draw_a_new_order_each_epoch_from_the_same_generator():
    rng = np.random.default_rng(0)
    first, second = (np.concatenate(mc.shuffled_batches(50, 10, rng)) for _ in range(2))
    assert not np.array_equal(first, second)


@pytest.mark.parametrize(
    "arguments, error, words",
    [
        ((0, 1), ValueError, "n must be an int >= 1"),
        ((10, 11), ValueError, "batch_size must be at most n = 10"),
        ((10, 2.0), TypeError, "batch_size must be an int"),
    ],
)
def test_shuffled_batches_refuse_bad_arguments(arguments, error, words):
    with pytest.raises(error, match=words):
        mc.shuffled_batches(*arguments, np.random.default_rng(0))
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator"):
        mc.shuffled_batches(10, 2, 0)
