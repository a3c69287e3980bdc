"""The classifier playground driven from Python: what it draws follows the model it trained."""

import asyncio

import numpy as np
import pytest
from matplotlib.colors import to_rgb

import mlcourse as mc
from mlcourse.playground import ClassifierPlayground, classifier_playground
from mlcourse.playground.classifier import CLASS_COLORS, GRID, HIDDEN_NOTE, LESSONS
from mlcourse.playground.classifier_training import (
    HiddenLayerClassifier,
    LinearClassifier,
    Training,
    make_points,
    reference_rate,
)


@pytest.fixture(scope="module")
def shared():
    return ClassifierPlayground(data="three blobs", model="softmax", n=200, epochs=200)


@pytest.fixture
def pg(shared):
    shared.restore_defaults()
    return shared


def regions_drawn(pg):
    """The colours sent for the grid, row 0 at the bottom, shape (GRID, GRID, 4)."""
    mark = pg.plot.marks["regions"]
    top_first = np.frombuffer(mark["rgba"], np.uint8).reshape(mark["rows"], mark["columns"], 4)
    return top_first[::-1]


def class_of_colour(rgba):
    """Which class colour a cell's colour is a tint of (the hue left after removing white)."""
    tint = 1 - rgba[..., :3] / 255.0
    palette = 1 - np.array([to_rgb(c) for c in CLASS_COLORS])
    tint = tint / np.linalg.norm(tint, axis=-1, keepdims=True)
    palette = palette / np.linalg.norm(palette, axis=-1, keepdims=True)
    return np.argmax(tint @ palette.T, axis=-1)


def retrained(pg):
    """The same run, trained here from the playground's settings."""
    points = make_points(pg.data.value, pg.n.value, pg.noise.value, pg.seed.value)
    classes = int(points.labels.max()) + 1
    if pg.model.value == "hidden":
        model = HiddenLayerClassifier(classes, pg.units.value, pg.seed.value)
    else:
        model = LinearClassifier(pg.model.value, pg.loss.value, classes, pg.seed.value)
    run = Training(model, points.X, points.labels, pg.eta.value, pg.epochs.value)
    run.advance()
    return model, run, points


def test_the_regions_follow_the_models_predictions(pg):
    model, run, _ = retrained(pg)
    np.testing.assert_allclose(run.errors, pg.training.errors, rtol=1e-12)
    x0, x1, y0, y1 = pg.view.extent
    xs = x0 + (np.arange(GRID) + 0.5) * (x1 - x0) / GRID
    ys = y0 + (np.arange(GRID) + 0.5) * (y1 - y0) / GRID
    grid_x, grid_y = np.meshgrid(xs, ys)  # row i is y = ys[i]
    predicted = np.argmax(
        model.probabilities(run.params, np.column_stack([grid_x.ravel(), grid_y.ravel()])), axis=1
    ).reshape(GRID, GRID)
    assert len(np.unique(predicted)) == 3
    np.testing.assert_array_equal(class_of_colour(regions_drawn(pg)), predicted)


def test_surer_cells_are_stronger(pg):
    drawn = regions_drawn(pg).astype(float)
    probabilities = pg.training.model.probabilities(pg.training.params, pg.view.grid)
    sure = probabilities.max(axis=1).reshape(GRID, GRID)
    winner = np.argmax(probabilities, axis=1).reshape(GRID, GRID)
    whiteness = drawn[..., :3].sum(axis=-1)
    for k in range(3):  # within one class's colour: the surer, the less white
        cells = winner == k
        assert np.corrcoef(sure[cells], whiteness[cells])[0, 1] < -0.99


def test_points_loss_curve_and_accuracy_are_the_runs(pg):
    model, run, points = retrained(pg)
    mark = pg.plot.marks["points"]
    np.testing.assert_allclose(np.frombuffer(mark["x"], "<f4"), points.X[:, 0], rtol=1e-6)
    np.testing.assert_array_equal(np.frombuffer(mark["groups"], np.uint8), points.labels)
    loss = pg.plot.marks["loss"]
    curve = np.frombuffer(loss["y"], "<f4")
    assert curve[0] == pytest.approx(run.errors[0], rel=1e-6)
    assert curve[-1] == pytest.approx(run.errors[-1], rel=1e-6)
    right = np.mean(np.argmax(model.probabilities(run.params, points.X), axis=1) == points.labels)
    assert pg.train_accuracy == pytest.approx(right)
    assert f"training {100 * right:.0f}% right" in pg.plot.marks["accuracy"]["text"]
    assert pg.status.value.startswith(("Converged", "Still learning"))


def test_eta_is_relative_to_the_reference_rate_and_kept_on_new_data(pg):
    assert pg.eta.value == float(f"{0.5 * reference_rate('softmax', pg.points.X):.3g}")
    assert "½·λ<sub>max</sub>" in pg.reference.value
    pg.rate.value = 0.2
    pg.data.value = "rings"
    expected = float(f"{0.2 * reference_rate('softmax', pg.points.X):.3g}")
    assert pg.eta.value == expected == pg.training.eta
    assert pg.noise.value == 0.15  # the rings' own spread
    assert pg.status.value.endswith(f"η/η_ref kept at 0.2, so η is now {expected:.3g}.")
    assert "no straight boundary separates two rings" in pg.status.value


def test_a_sigmoid_neuron_takes_two_classes(pg):
    pg.model.value = "sigmoid"
    assert pg.data.value == "two blobs" and pg.classes == 2
    assert "the data are now two blobs" in pg.status.value
    assert "¼·λ<sub>max</sub>" in pg.reference.value
    pg.data.value = "three blobs"
    assert pg.model.value == "softmax"
    assert "the model is now softmax" in pg.status.value


def test_typed_eta_moves_the_slider_within_its_range(pg):
    reference = pg.reference_rate
    pg.eta.value = 0.3 * reference
    assert pg.rate.value == pytest.approx(0.3) and pg.training.eta == 0.3 * reference
    pg.eta.value = 100 * reference
    assert pg.rate.value == pytest.approx(10**0.5)
    assert "it was set to" in pg.status.value


def test_more_and_fewer_epochs_reuse_the_run(pg):
    pg.epochs.value = 260
    long = list(pg.training.errors)
    pg.epochs.value = 130
    np.testing.assert_allclose(pg.training.errors[:-1], long[:130], rtol=1e-12)
    assert pg.training.epochs_run == 130


def test_a_move_in_a_running_kernel_trains_in_chunks_and_the_last_move_wins(pg):
    """In a kernel, an event loop runs: a move answers after one chunk, the run goes on
    between turns, and a newer move abandons the older run."""

    async def moves():
        pg.epochs.value = 2000
        first = pg.training.epochs_run
        status = pg.status.value
        pg.rate.value = 0.25
        while not pg.training.done:
            await asyncio.sleep(0.005)
        return first, status

    first, status = asyncio.run(moves())
    assert first < 2000 and status.startswith("Training… epoch ")
    assert pg.training.eta == float(f"{0.25 * pg.reference_rate:.3g}")
    assert pg.training.epochs_run == 2000
    _, run, _ = retrained(pg)
    np.testing.assert_allclose(pg.training.errors, run.errors, rtol=1e-12)


def test_the_still_picture_for_readers_without_a_kernel(pg):
    bundle = pg._repr_mimebundle_()
    assert bundle["image/png"].startswith(b"\x89PNG")
    assert "Classifier playground (live with a kernel): " in bundle["text/plain"]


def test_equal_scales_on_the_data_panel(pg):
    panel = pg.view.panels[0]
    _, _, width, height = panel["box"]
    assert width / np.ptp(panel["x"]) == pytest.approx(height / np.ptp(panel["y"]), rel=1e-6)


def test_css_classes():
    custom = classifier_playground(lesson=8)
    assert "mlcourse-eta" in custom.rate._dom_classes
    assert "mlcourse-plot" in custom.plot._dom_classes
    assert "mlcourse-status" in custom.status._dom_classes
    assert "mlcourse-classifier" in custom.widget._dom_classes


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_each_lessons_settings(lesson):
    custom = classifier_playground(lesson=lesson)
    for name, value in LESSONS[lesson].items():
        assert getattr(custom, name).value == value


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lesson": 7}, "lesson must be one of"),
        ({"data": "moons!"}, "data must be"),
        ({"n": 300}, "n must be one of"),
        ({"rate": 5.0}, "rate must be between 0.01 and 3.16"),
        ({"epochs": 0}, "epochs must be"),
        ({"units": 0}, "units must be"),
        ({"units": 17}, "units must be between 1 and 16"),
        ({"model": "sigmoid", "data": "three blobs"}, "separates two classes"),
    ],
)
def test_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        classifier_playground(**kwargs)


def test_from_a_confidently_wrong_start_the_sse_stalls_and_the_cross_entropy_does_not():
    """Lesson 8's story, told by the status line."""
    custom = classifier_playground(lesson=8)
    start = custom.training.model.initial()
    assert accuracy_of(custom, start) < 0.1  # confidently wrong
    assert custom.status.value.startswith("Stalled: the loss fell by only")
    assert "on a plateau, or as well as this model can do on these data" in custom.status.value
    custom.loss.value = "cross-entropy"
    assert custom.train_accuracy > 0.9
    assert custom.status.value.startswith(("Still learning", "Converged"))
    custom.loss.value, custom.epochs.value = "sse", 400
    assert custom.train_accuracy > 0.9  # the SSE gets there too, later


def accuracy_of(pg, params):
    return np.mean(
        np.argmax(pg.training.model.probabilities(params, pg.points.X), axis=1) == pg.points.labels
    )


@pytest.fixture(scope="module")
def hidden():
    return classifier_playground(lesson=11, n=100, epochs=300)


def test_the_hidden_layers_regions_follow_the_networks_predictions(hidden):
    """Lesson 11's network, trained by lesson 11's function from lesson 11's start."""
    X, labels = hidden.points.X, hidden.points.labels
    start = mc.init_classifier(inputs=2, hidden=4, classes=2, seed=0)
    params, errors = mc.train_classifier(X, labels, start, hidden.eta.value, 300)
    np.testing.assert_allclose(hidden.training.errors[:-1], errors, rtol=1e-12)
    x0, x1, y0, y1 = hidden.view.extent
    xs = x0 + (np.arange(GRID) + 0.5) * (x1 - x0) / GRID
    ys = y0 + (np.arange(GRID) + 0.5) * (y1 - y0) / GRID
    grid_x, grid_y = np.meshgrid(xs, ys)
    _, P = mc.classifier_forward(np.column_stack([grid_x.ravel(), grid_y.ravel()]), params)
    predicted = np.argmax(P, axis=1).reshape(GRID, GRID)
    np.testing.assert_array_equal(class_of_colour(regions_drawn(hidden)), predicted)
    # The border bends: along some row of the grid the class changes more than once.
    assert max(np.count_nonzero(np.diff(row)) for row in predicted) >= 2


def test_the_hidden_layer_trains_with_the_cross_entropy_at_a_rate_of_its_own(hidden):
    assert not hidden.units.disabled and hidden.loss.disabled and hidden.start.disabled
    start = mc.init_classifier(inputs=2, hidden=4, classes=2, seed=0)
    h, _ = mc.classifier_forward(hidden.points.X, start)
    augmented = np.column_stack([h, np.ones(len(h))])
    reference = 2 / (0.5 * np.linalg.eigvalsh(augmented.T @ augmented)[-1])
    assert hidden.eta.value == float(f"{0.3 * reference:.3g}")
    assert "h̃ᵀh̃" in hidden.reference.value and f"{reference:.3g}" in hidden.reference.value
    hidden.units.value = 16
    assert hidden.training.params["W1"].shape == (2, 16)
    assert hidden.rate.value == 0.3 and hidden.training.eta == float(
        f"{0.3 * HiddenLayerClassifier(2, 16).reference_rate(hidden.points.X):.3g}"
    )
    hidden.model.value = "softmax"
    assert hidden.units.disabled and not hidden.loss.disabled and not hidden.start.disabled
    hidden.model.value = "hidden"
    assert hidden.status.value.endswith(HIDDEN_NOTE)
    hidden.restore_defaults()
    assert hidden.units.value == 4


def test_one_unit_draws_a_straight_border(hidden):
    hidden.units.value, hidden.rate.value = 1, 0.1
    assert "one tanh unit is one step across a line" in hidden.status.value
    predicted = class_of_colour(regions_drawn(hidden))
    assert max(np.count_nonzero(np.diff(row)) for row in predicted) == 1
    hidden.restore_defaults()


def test_lesson_10s_story():
    """What lesson 10's text says the playground shows: the softmax at a coin's score on the
    rings, then what 4, 1, 2 and 3 tanh units do."""
    custom = classifier_playground(lesson=10)
    assert custom.status.value.startswith("Stalled") and round(100 * custom.train_accuracy) == 50
    assert "no straight boundary separates two rings" in custom.status.value
    custom.model.value = "hidden"
    assert custom.units.value == 4 and custom.loss.disabled
    assert (round(100 * custom.train_accuracy), round(100 * custom.fresh_accuracy)) == (98, 98)
    custom.units.value = 1
    assert round(100 * custom.train_accuracy) == 66
    assert "one tanh unit is one step across a line" in custom.status.value
    custom.units.value = 2
    assert round(100 * custom.train_accuracy) == 80 and custom.status.value.startswith("Stalled")
    custom.units.value = 3
    assert (round(100 * custom.train_accuracy), round(100 * custom.fresh_accuracy)) == (100, 97)


def test_lesson_11s_story():
    """What lesson 11's text says the playground shows, setting by setting."""
    custom = classifier_playground(lesson=11)
    assert custom.reference.value.endswith("<b>0.00939</b>")
    assert (round(100 * custom.train_accuracy), round(100 * custom.fresh_accuracy)) == (98, 97)
    custom.units.value = 1
    assert round(100 * custom.train_accuracy) == 86 and custom.status.value.startswith("Unsteady")
    custom.rate.value = 0.1
    assert custom.status.value.startswith("Stalled")
    assert "one tanh unit is one step across a line" in custom.status.value
    custom.restore_defaults()
    custom.units.value = 16
    assert (round(100 * custom.train_accuracy), round(100 * custom.fresh_accuracy)) == (98, 98)
    custom.n.value, custom.noise.value, custom.rate.value = 100, 0.3, 1.0
    custom.epochs.value = 3000
    assert custom.status.value.startswith("Overfitting: 99% of training points and 90% of fresh")
    for epochs, train in ((2000, 98), (1000, 96), (300, 95)):
        custom.epochs.value = epochs
        assert round(100 * custom.train_accuracy) == train
        assert round(100 * custom.fresh_accuracy) == 91
    custom.epochs.value, custom.n.value = 3000, 200
    assert (round(100 * custom.train_accuracy), round(100 * custom.fresh_accuracy)) == (92, 91)
