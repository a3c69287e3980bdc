import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.quiver import Quiver

from mlcourse import make_two_classes, optimal_momentum, plots, sse, train


@pytest.fixture
def history(data):
    return train(data.x, data.y, -2.5, 1.0, epochs=300)


def labels(figure):
    return [text.get_text() for ax in figure.axes for text in ax.get_legend().get_texts()]


def test_every_plot_renders(data, history):
    classes = make_two_classes(n=60, seed=0)
    figures = [
        plots.plot_data(data.x, data.y),
        plots.plot_line(data.x, data.y, -2.5, 1.0),
        plots.plot_snapshots(data.x, data.y, history, every=20),
        plots.plot_error_curve(history, log=True, min_error=1.0),
        plots.plot_error_curve(history, log=True, min_error=1.0, excess=True),
        plots.plot_error_curves({"slow": history, "same": history}),
        plots.plot_error_surface(data.x, data.y, path=history.weights, arrows=6, eigenvectors=True),
        plots.plot_sigmoid_fit(classes.x, classes.y, 4.0, -0.5),
        plots.plot_loss_surfaces(classes.x, classes.y, resolution=30),
    ]
    for figure in figures:
        assert isinstance(figure, Figure)
        FigureCanvasAgg(figure).draw()  # really renders (a bare Figure's canvas draws nothing)


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


def test_error_surface_star_stays_above_paths_and_dots_are_labelled(data, history):
    at_optimum = np.tile(history.weights[-1], (5, 1))  # a cluster sitting on the optimum
    figure = plots.plot_error_surface(data.x, data.y, paths={"a": history.weights, "b": at_optimum})
    ax = figure.axes[0]
    (star,) = [line for line in ax.lines if line.get_label() == "least squares"]
    drawn_paths = [line for line in ax.lines if line.get_label() in ("a", "b")]
    assert all(star.get_zorder() > line.get_zorder() for line in drawn_paths)
    assert star.get_markerfacecolor() == "none", "hollow: the cluster under it stays visible"
    assert "first point of each path" in labels(figure)
    # a lone start point (lesson 3) needs no such entry: its own label says what it is
    lone = plots.plot_error_surface(data.x, data.y, paths={"the start": [history.weights[0]]})
    assert "first point of each path" not in labels(lone)


def test_axes_side_by_side_share_one_figure_left_to_right(data, history):
    left, right = plots.new_axes_row(2)
    assert left.figure is right.figure
    assert left.get_position().x1 <= right.get_position().x0
    assert plots.plot_error_surface(data.x, data.y, path=history.weights, ax=left) is left.figure
    assert plots.plot_error_curve(history, ax=right) is left.figure
    assert len(plots.new_axes_row(3)) == 3
    with pytest.raises(ValueError, match="count must be an int >= 1"):
        plots.new_axes_row(0)


def test_plot_draws_into_a_given_axes(data):
    ax = plots.new_axes()
    assert plots.plot_data(data.x, data.y, ax=ax) is ax.figure


def test_plot_input_errors(data, history):
    with pytest.raises(ValueError, match="path must have shape"):
        plots.plot_error_surface(data.x, data.y, path=np.zeros((3, 3)))
    with pytest.raises(ValueError, match=r"paths\['fast'\] must have shape \(k, 2\)"):
        plots.plot_error_surface(data.x, data.y, paths={"fast": np.zeros(4)})
    with pytest.raises(ValueError, match="excess=True plots E − E\\*: give min_error"):
        plots.plot_error_curve(history, excess=True)
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


# Equal scales, arrows in data coordinates, the ellipses' axes ---------------------------------


def assert_equal_scale(ax):
    """One unit of w1 spans as many pixels as one unit of w0, once drawn."""
    FigureCanvasAgg(ax.figure).draw()
    assert ax.get_aspect() == 1.0
    origin, unit_x, unit_y = ax.transData.transform([(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)])
    assert np.hypot(*(unit_x - origin)) == pytest.approx(np.hypot(*(unit_y - origin)), rel=1e-9)


def numerical_gradient_of_the_sse(x, y, point, h=1e-6):
    """∇E at ``point`` by centred differences of the loss computed straight from the data."""
    steps = np.eye(2) * h
    return np.array(
        [
            (loss_at(x, y, (point + step)[None])[0] - loss_at(x, y, (point - step)[None])[0])
            / (2 * h)
            for step in steps
        ]
    )


def drawn_arrows(ax):
    """Each arrow's tail (data) and the direction from its tail to its tip as drawn (pixels)."""
    FigureCanvasAgg(ax.figure).draw()
    arrows = the(Quiver, ax)
    tails = np.asarray(arrows.get_offsets())
    directions = []
    for path in arrows.get_paths():
        outline = arrows.get_transform().transform(path.vertices)  # pixels, from the tail
        directions.append(outline[np.argmax(np.hypot(*outline.T))])  # the tip is farthest
    return tails, np.array(directions)


@pytest.mark.parametrize("start", [(-2.5, 1.9), (8.0, -3.0)])
def test_arrows_cross_the_contour_they_start_on_at_right_angles_on_screen(data, start):
    """The arrow as drawn (pixels) is perpendicular to the level set of E through its tail,
    mapped to pixels too: the issue's 20° tilt came from unequal scales and quiver's
    screen-space angles."""
    figure = plots.plot_error_surface(data.x, data.y, path=[start], arrows=7)
    ax = figure.axes[0]
    assert_equal_scale(ax)
    tails, directions = drawn_arrows(ax)
    # 7 × 7 around the optimum: the middle one would sit on the minimum, where ∇E = 0.
    assert len(tails) == 48
    assert np.min(np.hypot(*(tails - np.polyfit(data.x, data.y, 1)).T)) > 0.1
    for tail, direction in zip(tails, directions, strict=True):
        g = numerical_gradient_of_the_sse(data.x, data.y, tail)
        along_contour = np.array([-g[1], g[0]]) / np.hypot(*g)
        ends = ax.transData.transform([tail, tail + 1e-3 * along_contour])
        tangent = ends[1] - ends[0]
        cosine = direction @ tangent / (np.hypot(*direction) * np.hypot(*tangent))
        assert abs(cosine) < 1e-3  # 90° ± 0.06°
        downhill = ax.transData.transform(tail - 1e-3 * g / np.hypot(*g)) - ends[0]
        assert direction @ downhill > 0


def test_arrows_have_a_length_in_data_units(data):
    """scale_units="xy": every arrow is 0.7 grid spacings long in (w1, w0), whatever the
    figure's size in pixels."""
    figure = plots.plot_error_surface(data.x, data.y, path=[(-2.5, 1.9)], arrows=6)
    ax = figure.axes[0]
    tails, directions = drawn_arrows(ax)
    tips = ax.transData.inverted().transform(ax.transData.transform(tails) + directions)
    spacing = np.ptp(ax.get_xlim()) / 7
    np.testing.assert_allclose(np.hypot(*(tips - tails).T), 0.7 * spacing, rtol=1e-6)


def test_error_surface_axes_are_equal_scale_with_ranges_given_too(data):
    figure = plots.plot_error_surface(data.x, data.y, w1_range=(0, 6), w0_range=(-1, 1))
    assert_equal_scale(figure.axes[0])
    assert figure.axes[0].get_xlim() == (0, 6) and figure.axes[0].get_ylim() == (-1, 1)


def hessian_of_the_sse(x):
    return np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), x.size]])


@pytest.mark.parametrize("loss", ["sse", "mse"])
def test_eigenvectors_are_drawn_as_the_axes_of_a_contour_ellipse(data, loss):
    figure = plots.plot_error_surface(
        data.x, data.y, path=[(-2.5, 1.9)], eigenvectors=True, loss=loss
    )
    ax = figure.axes[0]
    scale = 2 / data.x.size if loss == "mse" else 1.0
    curvatures, vectors = np.linalg.eigh(scale * hessian_of_the_sse(data.x))
    optimum = np.polyfit(data.x, data.y, 1)
    levels = the(ContourSet, ax).levels
    lines = {line.get_label(): np.column_stack(line.get_data()) for line in ax.lines}
    slow = lines[f"slow direction: λ_min = {curvatures[0]:.3g}"]
    steep = lines[f"steep direction: λ_max = {curvatures[1]:.3g}"]
    ends = np.vstack([slow, steep])
    heights = loss_at(data.x, data.y, ends, scale)
    # All four ends lie on one drawn contour, and inside the plot.
    assert np.any(np.isclose(levels, heights[0], rtol=1e-9))
    np.testing.assert_allclose(heights, heights[0], rtol=1e-9)
    (low1, high1), (low0, high0) = ax.get_xlim(), ax.get_ylim()
    assert np.all(
        (low1 < ends[:, 0]) & (ends[:, 0] < high1) & (low0 < ends[:, 1]) & (ends[:, 1] < high0)
    )
    for segment, vector in ((slow, vectors[:, 0]), (steep, vectors[:, 1])):
        np.testing.assert_allclose(segment.mean(axis=0), optimum, rtol=1e-8, atol=1e-10)
        direction = (segment[1] - segment[0]) / np.hypot(*(segment[1] - segment[0]))
        assert abs(direction @ vector) == pytest.approx(1.0, rel=1e-10)
    # The long axis is the slow one: √κ times longer.
    ratio = np.hypot(*(slow[1] - slow[0])) / np.hypot(*(steep[1] - steep[0]))
    assert ratio == pytest.approx(np.sqrt(curvatures[1] / curvatures[0]), rel=1e-9)


def test_several_paths_are_drawn_each_with_its_label(data):
    eta, momentum = optimal_momentum(data.x)
    plain = train(data.x, data.y, -2.5, 1.9, eta=eta / 2, epochs=30)
    heavy = train(data.x, data.y, -2.5, 1.9, eta=eta, epochs=30, momentum=momentum)
    figure = plots.plot_error_surface(
        data.x, data.y, path=plain.weights, paths={"heavy ball": heavy.weights}
    )
    lines = {line.get_label(): line for line in figure.axes[0].lines}
    np.testing.assert_array_equal(
        np.column_stack(lines["gradient descent"].get_data()), plain.weights
    )
    np.testing.assert_array_equal(np.column_stack(lines["heavy ball"].get_data()), heavy.weights)
    assert lines["gradient descent"].get_color() != lines["heavy ball"].get_color()
    assert "heavy ball" in labels(figure)


# The error curve's excess over E* -------------------------------------------------------------


def test_the_excess_error_on_a_log_scale(data, history):
    best = sse(data.y, np.polyval(np.polyfit(data.x, data.y, 1), data.x))
    ax = plots.plot_error_curve(history, log=True, min_error=best, excess=True).axes[0]
    (curve,) = ax.lines
    np.testing.assert_allclose(curve.get_ydata(), history.errors - best, rtol=1e-12)
    assert ax.get_yscale() == "log" and ax.get_ylabel() == "SSE − SSE* (excess)"
    # A straight line on the log scale once the steep direction has died out: the same factor
    # (1 − η·λ_min)² every epoch.
    ratios = curve.get_ydata()[101:300] / curve.get_ydata()[100:299]
    smallest = np.linalg.eigvalsh(hessian_of_the_sse(data.x))[0]
    np.testing.assert_allclose(ratios, (1 - history.eta * smallest) ** 2, rtol=1e-6)


def test_an_excess_that_reaches_zero_is_left_out_of_the_log_plot(data):
    history = train(data.x, data.y, 3.0, 0.0, eta=0.004, epochs=3000)
    best = float(history.final_error)
    ax = plots.plot_error_curve(history, log=True, min_error=best, excess=True).axes[0]
    values = ax.lines[0].get_ydata()
    assert np.isnan(values[-1]) and np.all(values[~np.isnan(values)] > 0)


# Lesson 8: the sigmoid neuron ---------------------------------------------------------------


@pytest.fixture
def classes():
    return make_two_classes(n=100, seed=2)


def test_sigmoid_fit_shows_the_curve_the_boundary_and_the_classes(classes):
    w1, w0 = 5.0, -1.5
    ax = plots.plot_sigmoid_fit(classes.x, classes.y, w1, w0).axes[0]
    lines = {line.get_label().split("\n")[0]: line for line in ax.lines}
    curve = lines["ŷ = σ(5·x₁ − 1.5)"]
    grid, values = curve.get_data()
    np.testing.assert_allclose(values, 1 / (1 + np.exp(-(w1 * grid + w0))), rtol=1e-12)
    assert grid.min() < classes.x.min() and grid.max() > classes.x.max()
    boundary = lines["ŷ = ½ at x₁ = 0.3"]
    np.testing.assert_array_equal(boundary.get_xdata(), [0.3, 0.3])
    z = w1 * classes.x + w0
    expected = -np.sum(
        classes.y * np.log(1 / (1 + np.exp(-z)))
        + (1 - classes.y) * np.log(1 - 1 / (1 + np.exp(-z)))
    )
    assert curve.get_label().endswith(f"BCE = {expected:.3g}")
    points = {c.get_label(): np.asarray(c.get_offsets()) for c in ax.collections}
    for label in (0, 1):
        shown = points[f"class {label}"]
        np.testing.assert_array_equal(np.sort(shown[:, 0]), np.sort(classes.x[classes.y == label]))
        assert np.all(shown[:, 1] == label)


def test_a_flat_sigmoid_has_no_boundary(classes):
    ax = plots.plot_sigmoid_fit(classes.x, classes.y, 0.0, 0.3).axes[0]
    assert not any("½ at" in line.get_label() for line in ax.lines)


def sigmoid_losses(x, y, points):
    """(SSE, BCE) of σ(w1·x + w0) at each row of ``points``, straight from the data."""
    z = points[:, :1] * x[None, :] + points[:, 1:]
    p = 1 / (1 + np.exp(-z))
    sse_values = 0.5 * np.sum((y - p) ** 2, axis=1)
    bce_values = np.sum(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z), axis=1)
    return {"sse": sse_values, "bce": bce_values}


def test_the_two_loss_surfaces_side_by_side(classes):
    sse_run = train(classes.x, classes.y, -6.0, 2.0, eta=0.05, epochs=50, activation="sigmoid")
    bce_run = train(
        classes.x, classes.y, -6.0, 2.0, eta=0.02, epochs=50, loss="bce", activation="sigmoid"
    )
    figure = plots.plot_loss_surfaces(
        classes.x,
        classes.y,
        w1_range=(-10, 10),
        w0_range=(-8, 8),
        paths={"sse": sse_run.weights, "bce": bce_run.weights},
        resolution=81,
    )
    assert len(figure.axes) == 2
    for ax, loss, run in zip(figure.axes, ("sse", "bce"), (sse_run, bce_run), strict=True):
        assert ax.get_title().startswith("SSE" if loss == "sse" else "cross-entropy")
        assert_equal_scale(ax)
        assert ax.get_xlim() == (-10, 10) and ax.get_ylim() == (-8, 8)
        contours = the(ContourSet, ax)
        drawn = [
            (lvl, p.vertices)
            for lvl, p in zip(contours.levels, contours.get_paths(), strict=True)
            if len(p.vertices)
        ]
        assert len(drawn) >= 10
        spread = contours.levels.max() - contours.levels.min()
        for level, vertices in drawn:
            heights = sigmoid_losses(classes.x, classes.y, vertices)[loss]
            np.testing.assert_allclose(heights, level, atol=5e-3 * spread)
        path = next(line for line in ax.lines if line.get_label() == "gradient descent")
        np.testing.assert_array_equal(np.column_stack(path.get_data()), run.weights)


def test_loss_surfaces_refuse_unknown_paths_and_labels(classes):
    with pytest.raises(ValueError, match="paths keys must be 'sse' or 'bce'"):
        plots.plot_loss_surfaces(classes.x, classes.y, paths={"mse": [[0.0, 0.0]]})
    with pytest.raises(ValueError, match="y must hold labels 0 or 1"):
        plots.plot_loss_surfaces(classes.x, classes.y * 2.0)


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


@pytest.mark.parametrize("loss", ["sse", "mse"])
def test_contour_labels_give_their_level_readably(data, loss):
    ax = plots.plot_error_surface(data.x, data.y, path=[(-2.5, 1.9)], loss=loss).axes[0]
    contours = the(ContourSet, ax)
    texts = [text.get_text() for text in ax.texts]
    assert texts and not any("e+" in text for text in texts)
    for text in texts:
        value = float(text.replace(",", ""))
        nearest = contours.levels[np.argmin(np.abs(contours.levels - value))]
        assert value == pytest.approx(nearest, rel=5e-3, abs=0.5 if nearest >= 100 else 0)
