"""The playground driven from Python: set the controls, assert what the views then show."""

import io

import numpy as np
import pytest
from PIL import Image

from mlcourse import critical_learning_rate, make_linear_data, train
from mlcourse.playground import ETA_STEP, Playground, playground


@pytest.fixture(scope="module")
def shared():
    return Playground()


@pytest.fixture
def pg(shared):
    shared.restore_defaults()
    return shared


def picture(pg):
    return np.asarray(Image.open(io.BytesIO(pg.plot.value)))


def test_the_run_shown_is_the_lessons_run(pg):
    data = make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=0)
    reference = train(data.x, data.y, *pg.start, eta=0.001, epochs=300)
    np.testing.assert_allclose(pg.history.weights, reference.weights, rtol=1e-9, atol=1e-9)
    ratio = 0.001 / critical_learning_rate(data.x)
    assert pg.status.value.startswith(f"Converging: η = {ratio:.2f} × η_crit")
    assert f"{critical_learning_rate(data.x):.3g}" in pg.critical.value


def test_moving_eta_across_the_critical_rate(pg):
    critical = pg.surface.critical_learning_rate
    pg.eta.value = 0.7 * critical
    assert pg.status.value.startswith("Oscillating but converging: η = 0.70 × η_crit")
    calm = picture(pg)
    pg.eta.value = 1.3 * critical
    assert pg.status.value.startswith("Diverging: η = 1.30 × η_crit")
    assert pg.history.diverged
    assert not np.array_equal(picture(pg), calm)


@pytest.mark.parametrize("eta", [1e-7, 0.02, 10.0])
def test_any_eta_gives_finite_views_and_no_exception(pg, eta):
    pg.eta.value = eta
    for artist in (pg._line, pg._curve, pg._path):
        x, y = artist.get_data()
        assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))
    assert pg.status.value


def test_epochs_slider_sets_the_length_of_the_run(pg):
    pg.epochs.value = 5000
    assert pg.history.epochs_run == 5000
    assert "at the least-squares error" in pg.status.value
    pg.epochs.value = 1
    assert pg.history.weights.shape == (2, 2)


def test_sse_critical_rate_shrinks_with_n_and_mse_does_not(pg):
    rates = {}
    for error in ("sse", "mse"):
        pg.error.value = error
        for n in (200, 2000):
            pg.n.value = n
            rates[error, n] = pg.surface.critical_learning_rate
    assert rates["sse", 200] / rates["sse", 2000] == pytest.approx(10, rel=0.05)
    assert rates["mse", 200] / rates["mse", 2000] == pytest.approx(1, rel=0.05)
    assert rates["mse", 200] == pytest.approx(200 * rates["sse", 200])


def test_the_seeds_eta_diverges_for_2000_points_under_sse_only(pg):
    pg.n.value = 2000
    assert pg.status.value.startswith("Diverging")
    pg.error.value = "mse"
    assert pg.status.value.startswith("Converging")


def test_a_million_points(pg):
    pg.n.value = 1_000_000
    pg.eta.value = 1e-6
    assert pg.history.epochs_run == 300 and not pg.history.diverged
    assert "1,000,000 points" in pg._figure.axes[0].get_title()


def test_buttons_step_eta_and_reset_restores_everything(pg):
    pg.faster.click()
    assert pg.eta.value == pytest.approx(0.001 * ETA_STEP, rel=1e-6)
    pg.slower.click()
    pg.slower.click()
    assert pg.eta.value == pytest.approx(0.001 / ETA_STEP, rel=1e-6)
    pg.n.value, pg.seed.value, pg.error.value = 50, 7, "mse"
    pg.reset.click()
    assert (pg.n.value, pg.seed.value, pg.error.value, pg.eta.value) == (200, 0, "sse", 0.001)
    assert pg.status.value.startswith("Converging: η = 0.13")


def test_picture_keeps_its_size(pg):
    shape = picture(pg).shape
    pg.eta.value = 0.02
    pg.n.value = 20
    assert picture(pg).shape == shape
    assert pg.plot.layout.height == "288px"


def test_controls_carry_stable_css_classes(pg):
    assert "mlcourse-eta" in pg.eta._dom_classes
    assert "mlcourse-epochs" in pg.epochs._dom_classes
    assert "mlcourse-plot" in pg.plot._dom_classes
    assert "mlcourse-status" in pg.status._dom_classes


def test_display_carries_a_static_picture_for_readers_without_a_kernel(pg):
    bundle = pg._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["image/png"] == pg.plot.value
    assert "Converging" in bundle["text/plain"]


def test_bad_arguments():
    with pytest.raises(ValueError, match="n must be one of"):
        playground(n=300)
    with pytest.raises(ValueError, match="eta must be > 0"):
        playground(eta=0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"eta": 100.0}, "eta must be between"),
        ({"noise_std": 2.0}, "noise_std must be between"),
        ({"epochs": 6000}, "epochs must be <= 5000"),
        ({"error": "mae"}, "error must be 'sse'"),
    ],
)
def test_values_a_slider_would_clamp_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        playground(**kwargs)
