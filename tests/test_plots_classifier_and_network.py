"""The figures of lessons 9 and 10, tested for what they show: which class each region and
point is drawn in, which curves are drawn and what their legends and titles say, each against
values computed here with plain loops."""

import math

import numpy as np
import pytest
from matplotlib.collections import PathCollection, QuadMesh
from matplotlib.figure import Figure

import mlcourse as mc
from mlcourse import plots


@pytest.fixture(scope="module")
def blobs():
    return mc.make_blobs(n_per_class=20, seed=3)


@pytest.fixture(scope="module")
def curve():
    return mc.make_curve_data(n=40, seed=3)


@pytest.fixture(scope="module")
def params():
    return mc.init_mlp(hidden=3, seed=5)


def plain_class(x1, x2, W, b):
    """The class with the largest softmax probability at (x1, x2), one score at a time."""
    scores = [x1 * W[0, k] + x2 * W[1, k] + b[k] for k in range(W.shape[1])]
    exps = [math.exp(s - max(scores)) for s in scores]
    probabilities = [e / sum(exps) for e in exps]
    return probabilities.index(max(probabilities))


def plain_network(t, params):
    return params["b2"] + sum(
        w2 * math.tanh(w1 * t + b1)
        for w1, b1, w2 in zip(params["W1"], params["b1"], params["W2"], strict=True)
    )


def plain_sse(y, y_hat):
    return 0.5 * sum((a - b) ** 2 for a, b in zip(y, y_hat, strict=True))


def legend_texts(ax):
    return [text.get_text() for text in ax.get_legend().get_texts()]


def test_every_new_plot_renders(blobs, curve, params):
    history = mc.train_mlp(curve.x, curve.y, params, epochs=30, snapshot_epochs=[0, 10, 30])
    W, b = np.ones((2, 3)), np.zeros(3)
    figures = [
        plots.plot_classes(blobs.X, blobs.labels),
        plots.plot_decision_regions(blobs.X, blobs.labels, W, b, resolution=20),
        plots.plot_accuracy_curves({"a": [0.1, 0.5, 0.9]}),
        plots.plot_network_fit(curve.x, curve.y, params, line=(0.5, 0.1)),
        plots.plot_network_snapshots(curve.x, curve.y, history),
        plots.plot_hidden_contributions(curve.x, curve.y, params),
        plots.plot_network_error_curve(history, line_error=10.0, noise_error=0.2),
    ]
    for figure in figures:
        assert isinstance(figure, Figure)
        figure.canvas.draw()


def test_each_class_is_drawn_at_its_own_points_on_equal_axes(blobs):
    ax = plots.plot_classes(blobs.X, blobs.labels).axes[0]
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(scatters) == 3
    for k, scatter in enumerate(scatters):
        np.testing.assert_array_equal(scatter.get_offsets(), blobs.X[blobs.labels == k])
        assert scatter.get_label() == f"class {k}"
    assert ax.get_aspect() == 1.0


def test_each_region_shows_the_class_the_softmax_predicts_there(blobs):
    W = np.array([[1.0, -0.5, 0.2], [0.3, 0.8, -1.1]])
    b = np.array([0.1, -0.2, 0.4])
    ax = plots.plot_decision_regions(blobs.X, blobs.labels, W, b, resolution=30).axes[0]
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    corners = mesh.get_coordinates()
    centres = (corners[:-1, :-1] + corners[1:, 1:]) / 2
    shown = np.asarray(mesh.get_array()).reshape(centres.shape[:2])
    expected = [[plain_class(*centre, W, b) for centre in row] for row in centres]
    np.testing.assert_array_equal(shown, expected)
    assert len(set(shown.ravel())) == 3  # all three regions are in view
    low, high = corners.reshape(-1, 2).min(axis=0), corners.reshape(-1, 2).max(axis=0)
    assert np.all(blobs.X - low >= 0) and np.all(high - blobs.X >= 0)


def test_the_title_gives_the_accuracy_on_the_data(blobs):
    W = np.array([[1.0, -0.5, 0.2], [0.3, 0.8, -1.1]])
    b = np.array([0.1, -0.2, 0.4])
    right = sum(
        plain_class(x1, x2, W, b) == label
        for (x1, x2), label in zip(blobs.X, blobs.labels, strict=True)
    )
    ax = plots.plot_decision_regions(blobs.X, blobs.labels, W, b, resolution=10).axes[0]
    assert ax.get_title() == f"Decision regions: accuracy {right / len(blobs.labels):.1%}"


def test_accuracy_curves_draw_each_run():
    runs = {"cross-entropy": [0.2, 0.9, 1.0], "SSE": [0.1, 0.1, 0.3, 0.6]}
    ax = plots.plot_accuracy_curves(runs).axes[0]
    for line, (label, values) in zip(ax.lines, runs.items(), strict=True):
        np.testing.assert_array_equal(line.get_ydata(), values)
        np.testing.assert_array_equal(line.get_xdata(), np.arange(len(values)))
        assert line.get_label() == label
    assert ax.get_ylim() == (0.0, 1.02)
    assert ax.get_xscale() == "linear"


def test_accuracy_curves_on_log_epochs_keep_epoch_zero_and_mark_the_target():
    runs = {"slow": [0.0, 0.1, 0.5, 0.96, 0.97], "fast": [0.0, 0.96, 0.97, 0.97, 0.97]}
    ax = plots.plot_accuracy_curves(runs, log_epochs=True, target=0.95).axes[0]
    assert ax.get_xscale() == "symlog"
    assert ax.get_xlim() == (0, 5), "no empty negative side"
    # epoch 0 sits at 0 (a plain log scale would drop it) and 1 and 4 keep their places
    to_screen = ax.transData.transform
    origin, one, four = (to_screen((epoch, 0.5))[0] for epoch in (0, 1, 4))
    assert origin < one < four
    *curves, target = ax.lines
    for line, values in zip(curves, runs.values(), strict=True):
        np.testing.assert_array_equal(line.get_xdata(), np.arange(len(values)))
        np.testing.assert_array_equal(line.get_ydata(), values)
    assert set(target.get_ydata()) == {0.95} and target.get_label() == "95%"
    assert "log" in ax.get_xlabel()


def test_the_fit_is_the_networks_curve_and_the_legend_its_sse(curve, params):
    ax = plots.plot_network_fit(curve.x, curve.y, params, line=(0.5, 0.1)).axes[0]
    line, fit = ax.lines
    expected = [plain_network(t, params) for t in fit.get_xdata()]
    np.testing.assert_allclose(fit.get_ydata(), expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(line.get_ydata(), 0.5 * line.get_xdata() + 0.1)
    assert fit.get_xdata().min() == curve.x.min() and fit.get_xdata().max() == curve.x.max()
    network_error = plain_sse(curve.y, [plain_network(t, params) for t in curve.x])
    line_error = plain_sse(curve.y, [0.5 * t + 0.1 for t in curve.x])
    assert legend_texts(ax) == [
        "data",
        f"best line, SSE = {line_error:.2f}",
        f"network, SSE = {network_error:.2f}",
    ]


def test_snapshots_show_each_kept_epoch_with_its_sse(curve, params):
    history = mc.train_mlp(curve.x, curve.y, params, epochs=50, snapshot_epochs=[0, 20, 50])
    figure = plots.plot_network_snapshots(curve.x, curve.y, history, ncols=2)
    visible = [ax for ax in figure.axes if ax.get_visible()]
    assert len(visible) == 3 and len(figure.axes) == 4
    for ax, epoch in zip(visible, (0, 20, 50), strict=True):
        snapshot = history.snapshots[epoch]
        error = plain_sse(curve.y, [plain_network(t, snapshot) for t in curve.x])
        assert ax.get_title() == f"epoch {epoch}: SSE = {error:.2f}"
        (fit,) = ax.lines
        expected = [plain_network(t, snapshot) for t in fit.get_xdata()]
        np.testing.assert_allclose(fit.get_ydata(), expected, rtol=1e-12, atol=1e-12)


def test_the_units_contributions_add_up_to_the_fit(curve, params):
    ax = plots.plot_hidden_contributions(curve.x, curve.y, params).axes[0]
    *units, fit = ax.lines
    bias = ax.lines[len(params["W2"])]
    units = units[: len(params["W2"])]
    t = fit.get_xdata()
    for j, unit in enumerate(units):
        expected = [params["W2"][j] * math.tanh(params["W1"][j] * s + params["b1"][j]) for s in t]
        np.testing.assert_allclose(unit.get_ydata(), expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(bias.get_ydata(), [params["b2"], params["b2"]])
    total = np.sum([unit.get_ydata() for unit in units], axis=0) + params["b2"]
    np.testing.assert_allclose(fit.get_ydata(), total, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(fit.get_ydata(), [plain_network(s, params) for s in t], atol=1e-12)
    assert legend_texts(ax)[-1] == "sum = $\\hat{y}$"


def test_the_error_curve_is_on_a_log_scale_with_its_reference_levels(curve, params):
    history = mc.train_mlp(curve.x, curve.y, params, epochs=40)
    ax = plots.plot_network_error_curve(history, line_error=12.5, noise_error=0.25).axes[0]
    curve_line, line_level, noise_level = ax.lines
    np.testing.assert_array_equal(curve_line.get_ydata(), history.errors)
    np.testing.assert_array_equal(curve_line.get_xdata(), np.arange(40))
    assert list(line_level.get_ydata()) == [12.5, 12.5]
    assert list(noise_level.get_ydata()) == [0.25, 0.25]
    assert ax.get_yscale() == "log"
    assert legend_texts(ax) == ["network", "best line", "noise alone (the true curve)"]


def test_new_plots_refuse_bad_input(blobs, curve, params):
    with pytest.raises(ValueError, match="X must have two columns"):
        plots.plot_classes(np.zeros((4, 3)), [0, 1, 0, 1])
    with pytest.raises(ValueError, match="W may have at most 6 columns"):
        plots.plot_decision_regions(blobs.X, blobs.labels, np.zeros((2, 7)), np.zeros(7))
    with pytest.raises(ValueError, match="accuracies must hold at least one run"):
        plots.plot_accuracy_curves({})
    history = mc.train_mlp(curve.x, curve.y, params, epochs=3)
    with pytest.raises(ValueError, match="no snapshots"):
        plots.plot_network_snapshots(curve.x, curve.y, history)
    with pytest.raises(ValueError, match="params must have exactly the keys"):
        plots.plot_network_fit(curve.x, curve.y, {"W1": params["W1"]})
