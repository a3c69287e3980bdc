"""The figures of lesson 11, tested for what they show: which class each region is shaded in,
where each hidden unit's line and arrow are, what the legends and titles say, each against
values computed here with plain loops."""

import math

import numpy as np
import pytest
from matplotlib.collections import QuadMesh
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.text import Annotation

import mlcourse as mc
from mlcourse import plots


@pytest.fixture(scope="module")
def moons():
    return mc.make_moons(n=60, noise=0.2, seed=3)


@pytest.fixture(scope="module")
def params():
    return {
        "W1": np.array([[2.0, -1.0, 0.5], [1.0, 1.5, -2.0]]),
        "b1": np.array([-0.5, 0.3, 0.2]),
        "W2": np.array([[1.0, -2.0], [0.5, 1.5], [-1.0, 0.2]]),
        "b2": np.array([0.1, -0.1]),
    }


def plain_class(x1, x2, params):
    """The class with the largest score at (x1, x2), unit by unit and class by class."""
    W1, b1, W2, b2 = (params[name] for name in ("W1", "b1", "W2", "b2"))
    h = [math.tanh(x1 * W1[0, j] + x2 * W1[1, j] + b1[j]) for j in range(len(b1))]
    scores = [sum(h[j] * W2[j, k] for j in range(len(h))) + b2[k] for k in range(len(b2))]
    return scores.index(max(scores))


def shown_regions(ax):
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    corners = mesh.get_coordinates()
    centres = (corners[:-1, :-1] + corners[1:, 1:]) / 2
    return centres, np.asarray(mesh.get_array()).reshape(centres.shape[:2])


def test_every_new_plot_renders(moons, params):
    figures = [
        plots.plot_classifier_regions(moons.X, moons.labels, params, resolution=20),
        plots.plot_hidden_boundaries(moons.X, moons.labels, params, resolution=20),
        plots.plot_training_and_fresh_errors([1, 2, 3], [0.5, 0.3, 0.2], [0.6, 0.4, 0.45]),
    ]
    for figure in figures:
        assert isinstance(figure, Figure)
        figure.canvas.draw()


def test_each_region_shows_the_class_the_network_predicts_there(moons, params):
    ax = plots.plot_classifier_regions(moons.X, moons.labels, params, resolution=25).axes[0]
    centres, shown = shown_regions(ax)
    expected = [[plain_class(*centre, params) for centre in row] for row in centres]
    np.testing.assert_array_equal(shown, expected)
    assert len(set(shown.ravel())) == 2
    right = sum(
        plain_class(x1, x2, params) == label
        for (x1, x2), label in zip(moons.X, moons.labels, strict=True)
    )
    assert ax.get_title() == f"Decision regions: accuracy {right / len(moons.labels):.1%}"


def test_the_regions_cover_the_limits_asked_for(moons, params):
    limits = ((-8.0, 9.0), (-6.0, 7.0))
    figure = plots.plot_classifier_regions(
        moons.X, moons.labels, params, resolution=30, limits=limits, title="Far"
    )
    ax = figure.axes[0]
    centres, shown = shown_regions(ax)
    assert centres[..., 0].min() == pytest.approx(-8.0) and centres[..., 0].max() == pytest.approx(
        9.0
    )
    assert centres[..., 1].min() == pytest.approx(-6.0) and centres[..., 1].max() == pytest.approx(
        7.0
    )
    assert ax.get_xlim() == limits[0] and ax.get_ylim() == limits[1]
    expected = [[plain_class(*centre, params) for centre in row] for row in centres]
    np.testing.assert_array_equal(shown, expected)
    assert ax.get_title().startswith("Far: accuracy")


def test_each_unit_is_drawn_on_its_line_with_its_arrow_towards_h_above_zero(moons, params):
    ax = plots.plot_hidden_boundaries(moons.X, moons.labels, params, resolution=10).axes[0]
    units = [line for line in ax.lines if line.get_label().startswith("unit")]
    assert len(units) == 3
    arrows = [child for child in ax.get_children() if isinstance(child, Annotation)]
    assert len(arrows) == 3
    (x_low, x_high), (y_low, y_high) = ax.get_xlim(), ax.get_ylim()
    for j, (unit, arrow) in enumerate(zip(units, arrows, strict=True)):
        w, b = params["W1"][:, j], params["b1"][j]
        ends = np.column_stack([unit.get_xdata(), unit.get_ydata()])
        np.testing.assert_allclose(ends @ w + b, 0.0, atol=1e-12)  # on the line a_j = 0
        # The segment spans the view: each end lies on the view's edge.
        for x, y in ends:
            on_edge = min(abs(x - x_low), abs(x - x_high), abs(y - y_low), abs(y - y_high))
            assert on_edge < 1e-9
        foot, tip = np.array(arrow.xyann), np.array(arrow.xy)
        assert foot @ w + b == pytest.approx(0.0, abs=1e-12)
        assert math.tanh(tip @ w + b) > 0  # the arrow points to h_j > 0
        favoured = int(np.argmax(params["W2"][j]))
        assert unit.get_label() == (
            f"unit {j + 1}: h > 0 on the arrow's side, for class {favoured} there"
        )
        colour = arrow.arrow_patch.get_facecolor()[:3]
        assert colour == pytest.approx(to_rgb(plots.CLASS_COLORS[favoured]))
    assert ax.get_title() == "What each hidden unit learned"


def test_a_unit_whose_line_misses_the_view_is_listed_as_such(moons, params):
    far = {**params, "b1": np.array([-0.5, 100.0, 0.2])}  # unit 2's line is 55 units away
    ax = plots.plot_hidden_boundaries(moons.X, moons.labels, far, resolution=10).axes[0]
    labels = [line.get_label() for line in ax.lines]
    assert "unit 2: its line is out of view" in labels
    assert len([c for c in ax.get_children() if isinstance(c, Annotation)]) == 2


def test_line_in_box_by_hand():
    box = ((0.0, 4.0), (0.0, 2.0))
    # x1 = 1: a vertical line crossing the box from bottom to top.
    np.testing.assert_allclose(
        sorted(plots.line_in_box(np.array([1.0, 0.0]), -1.0, box).tolist()),
        [[1.0, 0.0], [1.0, 2.0]],
    )
    # x1 + x2 = 3 leaves through the top edge at x1 = 1 and through the bottom one at x1 = 3.
    segment = plots.line_in_box(np.array([1.0, 1.0]), -3.0, box)
    np.testing.assert_allclose(sorted(segment.tolist()), [[1.0, 2.0], [3.0, 0.0]])
    assert plots.line_in_box(np.array([1.0, 1.0]), -10.0, box) is None
    assert plots.line_in_box(np.array([0.0, 0.0]), 1.0, box) is None


def test_training_and_fresh_errors_are_drawn_with_the_lowest_fresh_error_marked():
    epochs, training, fresh = [50, 100, 150, 200], [0.4, 0.2, 0.1, 0.05], [0.5, 0.3, 0.35, 0.4]
    ax = plots.plot_training_and_fresh_errors(epochs, training, fresh).axes[0]
    on_training, on_fresh, lowest = ax.lines
    np.testing.assert_array_equal(on_training.get_xdata(), epochs)
    np.testing.assert_array_equal(on_training.get_ydata(), training)
    np.testing.assert_array_equal(on_fresh.get_ydata(), fresh)
    assert (lowest.get_xdata()[0], lowest.get_ydata()[0]) == (100, 0.3)
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == ["training points", "fresh points", "fresh points' lowest: 0.300 at epoch 100"]
    assert ax.get_ylim()[0] == 0.0


def test_new_plots_refuse_bad_input(moons, params):
    with pytest.raises(ValueError, match=r'params\["W1"\] must have one row per input'):
        plots.plot_classifier_regions(
            np.zeros((3, 2)), [0, 1, 0], {**params, "W1": np.ones((3, 3))}
        )
    with pytest.raises(ValueError, match="limits must be"):
        plots.plot_classifier_regions(moons.X, moons.labels, params, limits=(0, 1))
    with pytest.raises(ValueError, match=r"limits\[1\] must be \(low, high\) with low < high"):
        plots.plot_classifier_regions(moons.X, moons.labels, params, limits=((0, 1), (2, 2)))
    with pytest.raises(ValueError, match="epochs and fresh must have the same length"):
        plots.plot_training_and_fresh_errors([1, 2], [0.1, 0.2], [0.1])
