import numpy as np
import pytest
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.quiver import Quiver

from mlcourse import plots, sse, train


@pytest.fixture
def history(data):
    return train(data.x, data.y, -2.5, 1.0, epochs=300)


def labels(figure):
    return [text.get_text() for ax in figure.axes for text in ax.get_legend().get_texts()]


def test_every_plot_renders(data, history):
    figures = [
        plots.plot_data(data.x, data.y),
        plots.plot_line(data.x, data.y, -2.5, 1.0),
        plots.plot_snapshots(data.x, data.y, history, every=20),
        plots.plot_error_curve(history, log=True, min_error=1.0),
        plots.plot_error_curves({"slow": history, "same": history}),
        plots.plot_error_surface(data.x, data.y, path=history.weights, arrows=6),
    ]
    for figure in figures:
        assert isinstance(figure, Figure)
        figure.canvas.draw()  # really renders with Agg


def test_line_legend_shows_its_sse(data):
    figure = plots.plot_line(data.x, data.y, -2.5, 1.0)
    expected = f"SSE = {sse(data.y, -2.5 * data.x + 1.0):.2f}"
    assert any(expected in label for label in labels(figure))


def test_snapshots_are_small_multiples_one_figure(data, history):
    figure = plots.plot_snapshots(data.x, data.y, history, every=20, ncols=5)
    visible = [ax for ax in figure.axes if ax.get_visible()]
    assert len(visible) == 15  # epochs 0, 20, …, 280
    assert visible[3].get_title().startswith("epoch 60:")


def test_error_surface_draws_the_path(data, history):
    figure = plots.plot_error_surface(data.x, data.y, path=history.weights)
    path_line = next(
        line for line in figure.axes[0].lines if line.get_label() == "gradient descent"
    )
    np.testing.assert_array_equal(path_line.get_xdata(), history.weights[:, 0])


def test_plot_draws_into_a_given_axes(data):
    ax = plots.new_axes()
    assert plots.plot_data(data.x, data.y, ax=ax) is ax.figure


def test_plot_input_errors(data, history):
    with pytest.raises(ValueError, match="path must have shape"):
        plots.plot_error_surface(data.x, data.y, path=np.zeros((3, 3)))
    with pytest.raises(ValueError, match="histories must hold at least one run"):
        plots.plot_error_curves({})
    with pytest.raises(ValueError, match="x and y must have the same length"):
        plots.plot_data(data.x, data.y[:-1])


def the(kind, ax):
    (artist,) = [artist for artist in ax.collections if isinstance(artist, kind)]
    return artist


def loss_at(x, y, points, scale=1.0):
    """scale·½·Σ(y − w1·x − w0)² at each row (w1, w0) of ``points``, straight from the data."""
    residual = y[None, :] - (points[:, :1] * x[None, :] + points[:, 1:])
    return scale * 0.5 * np.sum(residual**2, axis=1)


def assert_contours_are_level_sets(contours, x, y, scale=1.0):
    """Every vertex of a drawn contour line has the loss of that line's level."""
    spread = contours.levels.max() - contours.levels.min()
    drawn = [
        (level, path.vertices)
        for level, path in zip(contours.levels, contours.get_paths(), strict=True)
        if len(path.vertices)  # the highest level may touch the plot only at a corner
    ]
    assert len(drawn) >= 10
    for level, vertices in drawn:
        # The contour is interpolated linearly on a grid: a small fraction of the level spread.
        np.testing.assert_allclose(loss_at(x, y, vertices, scale), level, atol=2e-4 * spread)


@pytest.mark.parametrize(("loss", "scale"), [("sse", 1.0), ("mse", 2 / 200)])
def test_error_surface_contours_are_where_the_loss_equals_their_level(data, history, loss, scale):
    figure = plots.plot_error_surface(data.x, data.y, path=history.weights, loss=loss)
    assert_contours_are_level_sets(the(ContourSet, figure.axes[0]), data.x, data.y, scale)
    assert f"({loss.upper()})" in figure.axes[0].get_title()


def test_error_surface_arrows_point_downhill(data):
    figure = plots.plot_error_surface(data.x, data.y, arrows=6)
    arrows = the(Quiver, figure.axes[0])
    assert arrows.N == 36
    w1, w0 = arrows.X, arrows.Y
    residual = data.y[None, :] - (w1[:, None] * data.x[None, :] + w0[:, None])
    g1, g0 = -np.sum(residual * data.x, axis=1), -np.sum(residual, axis=1)
    length = np.hypot(g1, g0)
    np.testing.assert_allclose(arrows.U, -g1 / length, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(arrows.V, -g0 / length, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("loss", ["sse", "mse"])
def test_error_curve_shows_the_recorded_loss_and_names_it(data, loss):
    history = train(data.x, data.y, -2.5, 1.0, eta=0.001 * (100 if loss == "mse" else 1), loss=loss)
    ax = plots.plot_error_curve(history).axes[0]
    (curve,) = ax.lines
    np.testing.assert_array_equal(curve.get_ydata(), history.errors)
    assert ax.get_ylabel() == loss.upper()
    curves = plots.plot_error_curves({"a": history})
    assert curves.axes[0].get_ylabel() == loss.upper()


def test_snapshot_titles_name_the_loss_and_its_value(data, history):
    figure = plots.plot_snapshots(data.x, data.y, history, every=20)
    assert figure.axes[3].get_title() == f"epoch 60: SSE = {history.errors[60]:.1f}"


def test_epochs_against_rate_draws_the_prediction_the_measurement_and_the_optimum():
    ratios = np.array([0.2, 0.5, 0.95, 0.99])
    predicted, measured = np.array([240, 93, 50, 180]), np.array([241, 93, 50, 180])
    figure = plots.plot_epochs_against_rate(ratios, predicted, measured, optimum=0.95)
    ax = figure.axes[0]
    line, dots, vertical = ax.lines
    np.testing.assert_array_equal(line.get_xdata(), ratios)
    np.testing.assert_array_equal(line.get_ydata(), predicted)
    np.testing.assert_array_equal(dots.get_ydata(), measured)
    assert dots.get_linestyle() == "None" and dots.get_marker() == "o"
    assert list(vertical.get_xdata()) == [0.95, 0.95]
    assert ax.get_yscale() == "log" and ax.get_xlim() == (0.0, 1.0)
    assert "1 %" in ax.get_ylabel()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["predicted", "measured", "η*"]
    figure.canvas.draw()


def test_epochs_against_rate_refuses_what_it_cannot_show():
    with pytest.raises(ValueError, match="ratios and predicted must have the same length"):
        plots.plot_epochs_against_rate([0.2, 0.5], [10])
    with pytest.raises(ValueError, match=r"ratios must hold values in \(0, 1\]"):
        plots.plot_epochs_against_rate([0.5, 1.2], [10, 20])
    with pytest.raises(ValueError, match="ratios and measured must have the same length"):
        plots.plot_epochs_against_rate([0.2, 0.5], [10, 20], measured=[3])
    with pytest.raises(ValueError, match="predicted must hold epochs"):
        plots.plot_epochs_against_rate([0.2, 0.5], [10, -1])


def test_error_surfaces_side_by_side_share_one_window(data, history):
    near = history.weights[100:]
    figure = plots.plot_error_surfaces(data.x, data.y, {"all": history.weights, "late": near})
    left, right = figure.axes[:2]
    assert [left.get_title(), right.get_title()] == ["all", "late"]
    assert left.get_xlim() == right.get_xlim() and left.get_ylim() == right.get_ylim()
    low, high = left.get_xlim()
    assert low < history.weights[:, 0].min() and high > history.weights[:, 0].max()
    drawn = next(line for line in right.lines if line.get_label() == "gradient descent")
    np.testing.assert_array_equal(drawn.get_xdata(), near[:, 0])
    with pytest.raises(ValueError, match="path 'late' must have shape"):
        plots.plot_error_surfaces(data.x, data.y, {"all": history.weights, "late": [1.0, 2.0]})
    with pytest.raises(ValueError, match="at least one path"):
        plots.plot_error_surfaces(data.x, data.y, {})
