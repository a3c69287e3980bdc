"""The playground driven from Python: set the controls, assert what the views then show.

The figure (:class:`PlaygroundFigure`) is tested on its own through what it paints; the widgets
(:class:`Playground`) through their controls, the status line and the run they show.
"""

import io
import re
import warnings

import numpy as np
import pytest
from PIL import Image

from mlcourse import ErrorSurface, History, critical_learning_rate, make_linear_data, train
from mlcourse.playground import (
    ETA_STEP,
    RATE_RANGE,
    Playground,
    PlaygroundFigure,
    describe,
    playground,
    remaining_gap,
)
from mlcourse.playground.browser_figure import pixels as pixels_of

START = (-2.5, 1.9)


@pytest.fixture(scope="module")
def shared():
    return Playground(eta=0.001)  # the lessons' rate


@pytest.fixture
def pg(shared):
    shared.restore_defaults()
    return shared


def pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def drawn(pg, name):
    """The (x, y) of a line mark the browser is sent for the run shown."""
    mark = pg.plot.marks[name]
    return np.frombuffer(mark["x"], "<f4"), np.frombuffer(mark["y"], "<f4")


def assert_drawn_follows(panel, drawn_xy, x, y):
    """The points sent are points of (x, y), and every point of (x, y) lies within a pixel of
    one sent (lines are thinned to the pixels they cover)."""
    sent_x, sent_y = drawn_xy
    same = np.isclose(sent_x[:, None], x[None, :], rtol=1e-6, atol=0) & np.isclose(
        sent_y[:, None], y[None, :], rtol=1e-6, atol=0
    )
    assert same.any(axis=1).all()  # float32 keeps six digits
    sent = np.column_stack(pixels_of(panel, sent_x, sent_y))
    run = np.column_stack(pixels_of(panel, x, y))
    gaps = np.linalg.norm(sent[:, None, :] - run[None, :, :], axis=2)
    assert gaps.min(axis=0).max() < 0.75


def sse_at(data, w1, w0):
    return 0.5 * float(np.sum((data.y - (w1 * data.x + w0)) ** 2))


# The figure ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lesson_data():
    return make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=0)


@pytest.fixture(scope="module")
def view(lesson_data):
    surface = ErrorSurface(lesson_data.x, lesson_data.y)
    return PlaygroundFigure(lesson_data.x, lesson_data.y, surface, START, max_epochs=5000)


def colour_near(image, artist, point, rgb, tolerance=40):
    """Whether a pixel within 1 px of the data point ``point`` of ``artist`` has colour ``rgb``."""
    x, y = artist.get_transform().transform(point)
    row, column = image.shape[0] - round(y), round(x)
    patch = image[row - 1 : row + 2, column - 1 : column + 2]
    return bool(np.any(np.all(np.abs(patch - rgb) <= tolerance, axis=-1)))


def test_the_picture_shows_the_line_the_curve_and_the_path_of_the_run(view, lesson_data):
    history = train(lesson_data.x, lesson_data.y, *START, eta=0.002, epochs=40)
    image = pixels(view.render(history))
    assert image.shape == (288, 960, 3)
    middle = (0.5, history.w0 + 0.5 * history.w1)
    assert colour_near(image, view.line, middle, (31, 119, 180))  # tab:blue
    np.testing.assert_allclose(view.line.get_ydata(), [history.w0, history.w1 + history.w0])
    # The curve starts at epoch 1 (a log axis has no 0) and ends with the final weights' loss.
    epochs, errors = view.error_curve.get_data()
    np.testing.assert_array_equal(epochs, np.arange(1, 42))
    np.testing.assert_array_equal(errors, [*history.errors, history.final_error])
    for epoch in (1, 10, 30):
        point = (epoch + 1, history.errors[epoch])
        assert colour_near(image, view.error_curve, point, (214, 39, 40))  # tab:red
    np.testing.assert_array_equal(np.column_stack(view.path.get_data()), history.weights)
    for epoch in (3, 10, 40):
        assert colour_near(image, view.path, history.weights[epoch], (255, 127, 14))  # orange
    assert view.line_label.get_text().endswith(f"SSE = {history.final_error:.3g}")


def test_the_surface_panel_has_equal_scales(view):
    ax = view.figure.axes[2]
    assert ax.get_aspect() == 1.0
    origin, unit_x, unit_y = ax.transData.transform([(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)])
    assert np.hypot(*(unit_x - origin)) == pytest.approx(np.hypot(*(unit_y - origin)), rel=1e-9)


def test_each_picture_starts_from_a_clean_background(view, lesson_data):
    first = train(lesson_data.x, lesson_data.y, *START, eta=0.002, epochs=40)
    second = train(lesson_data.x, lesson_data.y, *START, eta=0.0002, epochs=400)
    one, other, again = view.render(first), view.render(second), view.render(first)
    assert one == again
    assert one != other


def test_the_figures_contours_are_level_sets_of_the_sse(view, lesson_data):
    drawn = [
        (level, path.vertices)
        for level, path in zip(view.contours.levels, view.contours.get_paths(), strict=True)
        if len(path.vertices)
    ]
    assert len(drawn) >= 10
    spread = view.contours.levels.max() - view.contours.levels.min()
    for level, vertices in drawn[::3]:
        errors = [sse_at(lesson_data, w1, w0) for w1, w0 in vertices[::7]]
        np.testing.assert_allclose(errors, level, atol=2e-4 * spread)


def test_the_figure_names_the_loss(lesson_data):
    surface = ErrorSurface(lesson_data.x, lesson_data.y, "mse")
    view = PlaygroundFigure(lesson_data.x, lesson_data.y, surface, START, max_epochs=100)
    history = surface.trajectory(*START, eta=0.5, epochs=100)
    view.render(history)
    assert view.figure.axes[1].get_ylabel() == "MSE"
    assert view.line_label.get_text().endswith(f"MSE = {history.final_error:.3g}")


# The status line ------------------------------------------------------------------------------


def history_of(errors, final, eta=0.1, critical=1.0):
    weights = np.zeros((len(errors) + 1, 2))
    return History.from_run(weights, errors, final, eta=eta, loss="sse", critical_rate=critical)


def test_remaining_gap_is_measured_against_the_start():
    assert remaining_gap(history_of([11.0, 5.0], 2.0), min_error=1.0) == pytest.approx(0.1)
    # No noise: E* is 0 (or 1e-30), and the gap still means the same thing.
    assert remaining_gap(history_of([10.0, 5.0], 1.0), min_error=0.0) == pytest.approx(0.1)
    assert remaining_gap(history_of([10.0, 5.0], 1.0), min_error=1e-30) == pytest.approx(0.1)
    assert remaining_gap(history_of([1.0], 1.0), min_error=1.0) == 0.0  # started at the optimum
    assert remaining_gap(history_of([], 4.0), min_error=0.0) == 1.0  # no epoch run


@pytest.mark.parametrize(
    ("eta", "errors", "final", "epochs", "expected"),
    [
        (
            0.3,
            [10.0, 5.0],
            2.0,
            2,
            "Converging: η = 0.30 × η_crit (every step lands on the same side of the valley "
            "floor); after 2 epochs 20% of E's starting gap to the least-squares error is left.",
        ),
        (
            0.7,
            [10.0],
            1e-7,
            1,
            "Oscillating but converging: η = 0.70 × η_crit (past 1/λ_max the steep direction "
            "overshoots the valley floor every epoch); after 1 epoch E is at the least-squares "
            "error, to within a millionth of its starting gap.",
        ),
        (
            1.3,
            [10.0, 20.0],
            40.0,
            2,
            "Diverging: η = 1.30 × η_crit, above the critical rate; the overshoot along the "
            "steep direction grows every epoch, so the error will explode.",
        ),
        (
            1.3,
            [10.0, 20.0],
            40.0,
            300,
            "Diverging: η = 1.30 × η_crit, above the critical rate; the error exploded and "
            "training stopped after 2 epochs.",
        ),
    ],
)
def test_every_status_phrase(eta, errors, final, epochs, expected):
    assert describe(history_of(errors, final, eta=eta), epochs, min_error=0.0) == expected


def test_half_the_critical_rate_separates_converging_from_oscillating():
    assert describe(history_of([1.0], 0.5, eta=0.499), 1, 0.0).startswith("Converging")
    assert describe(history_of([1.0], 0.5, eta=0.501), 1, 0.0).startswith("Oscillating")


# The widgets ----------------------------------------------------------------------------------


def test_the_run_shown_is_the_lessons_run(pg, lesson_data):
    reference = train(lesson_data.x, lesson_data.y, *pg.start, eta=0.001, epochs=300)
    np.testing.assert_allclose(pg.history.weights, reference.weights, rtol=1e-9, atol=1e-9)
    ratio = 0.001 / critical_learning_rate(lesson_data.x)
    assert pg.status.value.startswith(f"Converging: η = {ratio:.2f} × η_crit")
    assert f"{critical_learning_rate(lesson_data.x):.3g}" in pg.critical.value


def stated_gap(status):
    """The percentage of the starting gap the status line says is left, as a fraction."""
    return float(re.search(r"after \d+ epochs? ([0-9.e+-]+)% of E's starting gap", status)[1]) / 100


@pytest.mark.parametrize(
    ("noise", "n", "eta"),
    [(0.1, 200, 1e-3), (0.0, 20, 1e-2), (0.0, 200, 1e-3), (0.0, 1_000_000, 1e-7)],
)
def test_the_status_gives_the_gap_left_with_and_without_noise(pg, noise, n, eta):
    pg.noise.value, pg.n.value, pg.eta.value = noise, n, eta
    data = make_linear_data(n=n, slope=3.0, noise_std=noise, seed=0)
    # E* straight from the data: exactly 0 without noise (up to rounding), about 1 with it.
    best = sse_at(data, *np.polyfit(data.x, data.y, 1)) if noise else 0.0
    start, final = sse_at(data, *pg.start), sse_at(data, pg.history.w1, pg.history.w0)
    expected = (final - best) / (start - best)
    assert 1e-5 < expected < 0.5
    assert "at the least-squares error" not in pg.status.value
    assert stated_gap(pg.status.value) == pytest.approx(expected, rel=1e-2)


@pytest.mark.parametrize("noise", [0.1, 0.0])
def test_a_long_run_reaches_the_least_squares_error(pg, noise):
    pg.noise.value = noise
    pg.epochs.value = 5000
    assert pg.history.epochs_run == 5000
    assert "E is at the least-squares error" in pg.status.value
    pg.epochs.value = 1
    assert pg.history.weights.shape == (2, 2)
    assert "after 1 epoch " in pg.status.value


def test_moving_eta_across_the_critical_rate(pg):
    critical = pg.surface.critical_learning_rate
    pg.eta.value = 0.7 * critical
    assert pg.status.value.startswith("Oscillating but converging: η = 0.70 × η_crit")
    calm = drawn(pg, "path")
    pg.eta.value = 1.3 * critical
    assert pg.status.value.startswith("Diverging: η = 1.30 × η_crit")
    assert pg.history.diverged
    assert_drawn_follows(pg.view.panels[2], drawn(pg, "path"), *pg.history.weights.T)
    assert drawn(pg, "path")[0].size != calm[0].size


def test_the_slider_moves_eta_in_units_of_the_critical_rate(pg, lesson_data):
    critical = critical_learning_rate(lesson_data.x)
    assert 10**pg.rate.min == pytest.approx(0.01) and 10**pg.rate.max == pytest.approx(10**0.5)
    # The band the lessons explore, 0.5 to 1 × η_crit, is an eighth of the track (it was 1/25).
    assert np.log10(2) / (pg.rate.max - pg.rate.min) > 0.12
    pg.rate.value = 0.7
    assert pg.eta.value == float(f"{0.7 * critical:.3g}") == pg.history.eta
    assert pg.rate.value == 0.7  # as set, although η is rounded
    assert pg.status.value.startswith(
        f"Oscillating but converging: η = {pg.eta.value / critical:.2f} × η_crit"
    )
    reference = train(lesson_data.x, lesson_data.y, *pg.start, eta=pg.eta.value, epochs=300)
    np.testing.assert_allclose(pg.history.weights, reference.weights, rtol=1e-9, atol=1e-9)


def test_typing_eta_moves_the_slider(pg, lesson_data):
    critical = critical_learning_rate(lesson_data.x)
    pg.eta.value = 0.005
    assert pg.history.eta == 0.005 and pg.rate.value == pytest.approx(0.005 / critical)
    pg.eta.value = 1.0  # past the end of the slider: brought back, and said so
    assert pg.eta.value == pytest.approx(10**0.5 * critical) == pg.history.eta
    assert pg.rate.value == pytest.approx(10**0.5)
    assert pg.status.value.endswith(f"it was set to {10**0.5 * critical:.3g}.")
    pg.eta.value = -1.0
    assert pg.eta.value == pytest.approx(0.01 * critical)
    pg.eta.value = float("nan")
    assert pg.eta.value == pytest.approx(0.01 * critical)


@pytest.mark.parametrize(
    ("control", "value", "loss"),
    [("n", 2000, "sse"), ("n", 20, "sse"), ("loss", "mse", "mse"), ("noise", 0.5, "sse")],
)
def test_new_data_or_loss_keep_eta_relative_to_the_critical_rate(pg, control, value, loss):
    pg.rate.value = 0.7
    getattr(pg, control).value = value
    data = make_linear_data(n=pg.n.value, slope=3.0, noise_std=pg.noise.value, seed=pg.seed.value)
    critical = critical_learning_rate(data.x, loss=loss)
    assert pg.critical_rate == pytest.approx(critical, rel=1e-12)
    assert pg.eta.value == float(f"{0.7 * critical:.3g}") == pg.history.eta
    assert pg.status.value.startswith("Oscillating but converging: η = 0.70 × η_crit")
    assert pg.status.value.endswith(
        f"New data or loss: η/η_crit kept at 0.7, so η is now {pg.eta.value:.3g}."
    )
    pg.epochs.value = 10  # the note is said once
    assert "kept" not in pg.status.value


def test_momentum_keeps_eta_and_moves_the_handle(pg):
    largest = np.linalg.eigvalsh(pg.surface.hessian)[-1]
    pg.eta.value = 2.6 / largest
    pg.momentum.value = 0.3
    assert pg.eta.value == 2.6 / largest
    assert pg.rate.value == pytest.approx(2.6 / (2 * 1.3))
    # β = 0.99 then 0: η = 3.9·(2/λ_max) is past the end of the slider, and comes back inside.
    pg.rate.value = 3.0
    pg.momentum.value = 0
    assert pg.rate.value == pytest.approx(10**0.5)
    assert pg.eta.value == pytest.approx(10**0.5 * 2 / largest)
    assert "η was brought back to" in pg.status.value


def test_a_diverging_run_stops_where_train_stops(pg, lesson_data):
    pg.eta.value = 1.3 * pg.surface.critical_learning_rate
    reference = train(lesson_data.x, lesson_data.y, *pg.start, eta=pg.eta.value, warn=False)
    assert 0 < reference.epochs_run < 300
    assert pg.status.value.endswith(
        f"the error exploded and training stopped after {reference.epochs_run} epochs."
    )
    pg.epochs.value = reference.epochs_run
    assert pg.status.value.endswith("grows every epoch, so the error will explode.")


def test_the_playground_never_warns(pg):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pg.eta.value = 5 * pg.surface.critical_learning_rate
        pg.n.value = 2000
    assert pg.history.diverged


@pytest.mark.parametrize("eta", [1e-7, 0.02, 10.0])
def test_any_eta_gives_finite_views_and_no_exception(pg, eta):
    pg.eta.value = eta
    for name in ("line", "error_curve", "path"):
        x, y = drawn(pg, name)
        assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))
    assert pg.status.value


def test_sse_critical_rate_shrinks_with_n_and_mse_does_not(pg):
    rates = {}
    for loss in ("sse", "mse"):
        pg.loss.value = loss
        for n in (200, 2000):
            pg.n.value = n
            rates[loss, n] = pg.surface.critical_learning_rate
            assert pg.history.loss == loss
            assert pg.view.figure.axes[1].get_ylabel() == loss.upper()
    assert rates["sse", 200] / rates["sse", 2000] == pytest.approx(10, rel=0.05)
    assert rates["mse", 200] / rates["mse", 2000] == pytest.approx(1, rel=0.05)
    assert rates["mse", 200] == pytest.approx(100 * rates["sse", 200])  # n/2: no ½ in the MSE


def test_the_seeds_eta_diverges_for_2000_points_under_sse_only(pg):
    pg.n.value = 2000
    pg.eta.value = 0.001  # typed
    ratio = 0.001 / critical_learning_rate(make_linear_data(n=2000, noise_std=0.1, seed=0).x)
    assert 1 < ratio < 3
    assert pg.status.value.startswith(f"Diverging: η = {ratio:.2f} × η_crit")
    pg.loss.value = "mse"  # the same η/η_crit, so the same verdict
    assert pg.status.value.startswith(f"Diverging: η = {ratio:.2f} × η_crit")
    # Under the MSE, 0.001 is below a hundredth of η_crit: the slider's floor, said.
    pg.eta.value = 0.001
    assert pg.status.value.startswith("Converging: η = 0.01 × η_crit")
    assert "it was set to" in pg.status.value


def test_a_million_points(pg):
    pg.n.value = 1_000_000
    pg.eta.value = 1e-6
    assert pg.history.epochs_run == 300 and not pg.history.diverged
    assert "1,000,000 points" in pg.view.figure.axes[0].get_title()


def test_buttons_step_eta_by_a_tenth_of_a_decade_and_reset_restores_everything(pg):
    critical = pg.critical_rate
    pg.faster.click()
    assert pg.rate.value == pytest.approx(0.001 / critical * ETA_STEP, rel=1e-12)
    assert pg.eta.value == float(f"{0.001 * ETA_STEP:.3g}") == pg.history.eta
    pg.slower.click()
    pg.slower.click()
    assert pg.rate.value == pytest.approx(0.001 / critical / ETA_STEP, rel=1e-12)
    assert pg.eta.value == float(f"{0.001 / ETA_STEP:.3g}")
    pg.n.value, pg.seed.value, pg.loss.value = 50, 7, "mse"
    pg.reset.click()
    assert (pg.n.value, pg.seed.value, pg.loss.value, pg.eta.value) == (200, 0, "sse", 0.001)
    assert pg.rate.value == pytest.approx(0.001 / critical, rel=1e-12)
    assert pg.status.value.startswith("Converging: η = 0.13")
    assert "kept" not in pg.status.value


def test_the_buttons_stop_at_the_ends_of_the_slider(pg):
    for _ in range(40):
        pg.faster.click()
    assert pg.rate.value == pytest.approx(RATE_RANGE[1])
    assert pg.status.value.startswith("Diverging: η = 3.16 × η_crit")


def test_reset_redraws_the_background_only_when_the_data_changed(pg):
    view = pg.view
    pg.eta.value = 0.003
    pg.reset.click()
    assert pg.view is view and pg.eta.value == 0.001
    pg.seed.value = 3
    assert pg.view is not view
    pg.reset.click()
    assert pg.seed.value == 0 and pg.view.figure.axes[0].get_title() == "data (200 points)"
    assert pg.plot.background == pg.view.still
    assert_drawn_follows(pg.view.panels[2], drawn(pg, "path"), *pg.history.weights.T)


def test_picture_keeps_its_size(pg):
    size = (pg.plot.width, pg.plot.height)
    pg.eta.value = 0.02
    pg.n.value = 20
    assert (pg.plot.width, pg.plot.height) == size == (960, 288)
    assert pixels(pg.plot.background).shape == (288, 960, 3)


def test_controls_carry_stable_css_classes(pg):
    for name in ("epochs", "plot", "status", "critical", "loss", "faster", "slower"):
        assert f"mlcourse-{name}" in getattr(pg, name)._dom_classes
    assert "mlcourse-eta" in pg.rate._dom_classes  # the η slider, as before it became relative
    assert "mlcourse-eta-value" in pg.eta._dom_classes
    assert "mlcourse-playground" in pg.widget._dom_classes


def test_display_carries_a_static_picture_for_readers_without_a_kernel(pg):
    bundle = pg._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert isinstance(bundle["image/png"], bytes)
    assert bundle["image/png"] == pg.view.render(pg.history)  # the whole picture of this run
    assert pixels(bundle["image/png"]).shape == (288, 960, 3)
    assert "Converging" in bundle["text/plain"]


def test_error_is_an_alias_of_loss():
    custom = playground(error="mse")
    assert custom.loss.value == "mse"
    assert custom.history.loss == "mse" and custom.status.value.startswith("Converging: η = 0.13")
    with pytest.raises(TypeError, match="not both"):
        playground(loss="mse", error="sse")


def test_bad_arguments():
    with pytest.raises(ValueError, match="n must be one of"):
        playground(n=300)
    with pytest.raises(ValueError, match="eta must be > 0"):
        playground(eta=0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"eta": 100.0}, r"eta must be between 7.\d+e-05 and 0.02\d* for these data \(0.01 to"),
        ({"eta": 7.5e-5}, r"eta must be between 7.\d+e-05 and 0.02\d* for these data \(0.01 to"),
        ({"noise_std": 2.0}, "noise_std must be between"),
        ({"epochs": 6000}, "epochs must be <= 5000"),
        ({"error": "mae"}, "error must be 'sse'"),
        ({"loss": "mae"}, "loss must be 'sse'"),
    ],
)
def test_values_a_slider_would_clamp_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        playground(**kwargs)


# Momentum and standardised inputs -------------------------------------------------------------


def test_the_momentum_slider_runs_the_heavy_ball(pg, lesson_data):
    pg.momentum.value = 0.5
    reference = train(lesson_data.x, lesson_data.y, *pg.start, eta=0.001, epochs=300, momentum=0.5)
    np.testing.assert_allclose(pg.history.weights, reference.weights, rtol=1e-9, atol=1e-9)
    assert pg.history.momentum == 0.5
    largest = np.linalg.eigvalsh(pg.surface.hessian)[-1]
    critical = 2 * (1 + 0.5) / largest
    assert "2(1 + β)/λ<sub>max</sub>" in pg.critical.value
    assert f"<b>{critical:.3g}</b>" in pg.critical.value
    assert pg.status.value.startswith(
        f"Converging with momentum β = 0.50: η = {0.001 / critical:.2f} × η_crit"
    )


def test_momentum_moves_the_critical_rate(pg):
    """Between 2/λ_max and 2(1 + β)/λ_max plain descent diverges and the heavy ball does not."""
    largest = np.linalg.eigvalsh(pg.surface.hessian)[-1]
    pg.eta.value = 2.6 / largest
    assert pg.status.value.startswith("Diverging: η = 1.30 × η_crit")
    pg.momentum.value = 0.5
    assert pg.status.value.startswith("Converging with momentum β = 0.50: η = 0.87 × η_crit")
    pg.momentum.value = 0.2
    assert pg.status.value.startswith("Diverging with momentum β = 0.20: η = 1.08 × η_crit")
    assert pg.history.diverged


def test_standardised_inputs_make_the_valley_round(pg, lesson_data):
    pg.standardize.value = True
    z = (lesson_data.x - lesson_data.x.mean()) / lesson_data.x.std()
    curvatures = np.linalg.eigvalsh(pg.surface.hessian)
    np.testing.assert_allclose(curvatures, [200, 200], rtol=1e-9)  # H = n·I: κ = 1
    assert f"<b>{2 / 200:.3g}</b>" in pg.critical.value
    # The run starts from the same line, written in z: the predictions at every point agree.
    w1, w0 = pg.run_start
    np.testing.assert_allclose(w1 * z + w0, pg.start[0] * lesson_data.x + pg.start[1], atol=1e-12)
    # The same η/η_crit on the round valley: η_crit = 2/λ_max = 2/200.
    eta = float(f"{0.001 / critical_learning_rate(lesson_data.x) * (2 / 200):.3g}")
    assert pg.eta.value == eta
    reference = train(z, lesson_data.y, w1, w0, eta=eta, epochs=300)
    np.testing.assert_allclose(pg.history.weights, reference.weights, rtol=1e-9, atol=1e-9)
    # One step of η = 1/n lands on the least-squares weights.
    pg.eta.value, pg.epochs.value = 1 / 200, 1
    np.testing.assert_allclose(pg.history.weights[-1], np.polyfit(z, lesson_data.y, 1), rtol=1e-9)
    assert "E is at the least-squares error" in pg.status.value
    # The line panel shows z and the line across it.
    assert pg.plot.marks["label"]["text"].startswith(f"ŷ = {pg.history.w1:.3g}·z + ")
    ax = pg.view.figure.axes[0]
    assert ax.get_xlim() == (z.min(), z.max()) and "standardised" in ax.get_xlabel()
    x, y = drawn(pg, "line")
    np.testing.assert_allclose(x, [z.min(), z.max()], rtol=1e-6)
    np.testing.assert_allclose(
        y, pg.history.w1 * np.array([z.min(), z.max()]) + pg.history.w0, rtol=1e-6
    )


def test_reset_restores_momentum_and_raw_inputs(pg):
    pg.momentum.value, pg.standardize.value = 0.7, True
    pg.reset.click()
    assert (pg.momentum.value, pg.standardize.value) == (0.0, False)
    assert pg.history.momentum == 0.0 and pg.run_start == pg.start
    assert pg.status.value.startswith("Converging: η = 0.13")


def test_momentum_and_standardise_from_the_constructor():
    custom = playground(momentum=0.3, standardize=True)
    assert custom.momentum.value == 0.3 and custom.standardize.value
    assert custom.history.momentum == 0.3
    assert "mlcourse-momentum" in custom.momentum._dom_classes
    assert "mlcourse-standardize" in custom.standardize._dom_classes


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"momentum": 1.0}, ValueError, r"momentum must be in \[0, 1\)"),
        ({"momentum": 0.995}, ValueError, "momentum must be between 0 and 0.99"),
        ({"standardize": "yes"}, TypeError, "standardize must be True or False"),
    ],
)
def test_bad_momentum_or_standardise_is_refused(kwargs, error, message):
    with pytest.raises(error, match=message):
        playground(**kwargs)


def test_momentum_status_phrases():
    weights = np.zeros((3, 2))
    converging = History.from_run(
        weights, [10.0, 5.0], 2.0, eta=0.4, loss="sse", critical_rate=1.0, momentum=0.5
    )
    assert describe(converging, 2, min_error=0.0) == (
        "Converging with momentum β = 0.50: η = 0.40 × η_crit, with η_crit = 2(1 + β)/λ_max; "
        "after 2 epochs 20% of E's starting gap to the least-squares error is left."
    )
    diverging = History.from_run(
        weights, [10.0, 20.0], 40.0, eta=1.3, loss="sse", critical_rate=1.0, momentum=0.5
    )
    assert describe(diverging, 300, min_error=0.0) == (
        "Diverging with momentum β = 0.50: η = 1.30 × η_crit, above the critical rate; the "
        "error exploded and training stopped after 2 epochs."
    )
