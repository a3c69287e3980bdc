import numpy as np
import pytest
from matplotlib.figure import Figure

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
