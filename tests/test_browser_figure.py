"""The figure the browser draws: panels that line up with matplotlib's axes, lines thinned to
the pixels they cover, frames for every stop of the η slider that are the kernel's own runs.

The JavaScript's mapping and drawing are checked in a real browser (tests/test_browser.py);
these tests check what the kernel sends it.
"""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mlcourse.playground import Playground
from mlcourse.playground.browser_figure import (
    CELL,
    frames_of,
    image_mark,
    line_mark,
    panel_of,
    pixels,
    points_mark,
    text_mark,
    thin_to_pixels,
)


@pytest.fixture(scope="module")
def axes():
    """A linear panel, a log-log one and an equal-aspect one, drawn, as the playground's."""
    figure = Figure(figsize=(12, 3.6), dpi=80, layout="constrained")
    canvas = FigureCanvasAgg(figure)
    linear, logs, square = figure.subplots(1, 3)
    linear.set(xlim=(-1, 2), ylim=(3, 10))
    logs.set(xscale="log", yscale="log", xlim=(1, 5000), ylim=(1e-3, 1e6))
    square.set(xlim=(-4, 9), ylim=(-6, 6), aspect="equal")
    canvas.draw()
    return figure, (linear, logs, square)


@pytest.mark.parametrize("which", [0, 1, 2])
def test_panels_map_data_to_the_pixels_matplotlib_draws_them_at(axes, which):
    figure, all_axes = axes
    ax = all_axes[which]
    height = figure.bbox.height
    panel = panel_of(ax, height)
    x = np.geomspace(1.5, 4000, 9) if which == 1 else np.linspace(-0.5, 1.5, 9)
    y = np.geomspace(0.01, 1e5, 9) if which == 1 else np.linspace(3.5, 5.5, 9)
    across, down = pixels(panel, x, y)
    # matplotlib counts y up from the bottom of the figure; the page counts down from the top.
    expected = ax.transData.transform(np.column_stack([x, y]))
    np.testing.assert_allclose(across, expected[:, 0], atol=1e-6)
    np.testing.assert_allclose(down, height - expected[:, 1], atol=1e-6)


def test_an_equal_aspect_panel_has_as_many_pixels_per_unit_across_as_up(axes):
    figure, (_, _, square) = axes
    panel = panel_of(square, figure.bbox.height)
    _, _, width, height = panel["box"]
    assert width / np.ptp(panel["x"]) == pytest.approx(height / np.ptp(panel["y"]), rel=1e-9)


def test_a_log_axis_leaves_out_what_it_cannot_show(axes):
    figure, (_, logs, _) = axes
    across, down = pixels(panel_of(logs, figure.bbox.height), [0.0, 10.0], [1.0, -1.0])
    assert np.isnan(across[0]) and np.isnan(down[1]) and np.isfinite(across[1])


@pytest.fixture(scope="module")
def square_panel(axes):
    figure, (_, _, square) = axes
    return panel_of(square, figure.bbox.height)


def spiral(n=3000):
    """A path that settles, like a converging run: most of its points crowd at the end."""
    k = np.arange(n)
    radius = 5 * 0.99**k
    return 3 + radius * np.cos(0.3 * k), radius * np.sin(0.3 * k)


def test_thinning_keeps_a_point_within_a_cell_of_every_point_left_out(square_panel):
    x, y = spiral()
    kept = thin_to_pixels(square_panel, x, y)
    assert kept[0] == 0 and kept[-1] == x.size - 1 and np.all(np.diff(kept) > 0)
    assert kept.size < 0.5 * x.size  # the settled end collapses
    every = np.column_stack(pixels(square_panel, x, y))
    gaps = np.linalg.norm(every[:, None, :] - every[None, kept, :], axis=2).min(axis=1)
    assert gaps.max() <= CELL * np.sqrt(2)
    # A point left out is never one where the line turns a pixel away: the run before it.
    left_out = np.setdiff1d(np.arange(x.size), kept)
    assert np.all(np.linalg.norm(every[left_out] - every[left_out - 1], axis=1) < 2 * CELL)


def test_thinning_keeps_every_point_that_cannot_be_drawn(square_panel):
    x = np.array([0.0, 0.0, np.nan, np.nan, 0.0, 0.0, 0.0])
    y = np.zeros(7)
    np.testing.assert_array_equal(thin_to_pixels(square_panel, x, y), [0, 2, 3, 4, 6])


def test_thinning_a_short_line_keeps_it_whole(square_panel):
    np.testing.assert_array_equal(thin_to_pixels(square_panel, [1.0, 1.0], [2.0, 2.0]), [0, 1])


def test_marks_carry_float32_arrays_and_images_top_row_first():
    mark = line_mark(1, np.array([1.0, 2.0]), np.array([3.0, 4.5]), "#ff0000", width=2, dots=3)
    np.testing.assert_array_equal(np.frombuffer(mark["y"], "<f4"), [3.0, 4.5])
    assert (mark["panel"], mark["width"], mark["dots"]) == (1, 2.0, 3.0)
    rgba = np.zeros((2, 3, 4), dtype=np.uint8)
    rgba[0, :, 0] = 255  # the bottom row (y_low) red
    image = image_mark(0, rgba, (0, 1, 0, 1))
    top_first = np.frombuffer(image["rgba"], np.uint8).reshape(2, 3, 4)
    assert top_first[1, 0, 0] == 255 and top_first[0, 0, 0] == 0
    assert (image["rows"], image["columns"]) == (2, 3)
    with pytest.raises(ValueError, match=r"rgba must have shape \(rows, columns, 4\)"):
        image_mark(0, np.zeros((2, 3)), (0, 1, 0, 1))
    with pytest.raises(ValueError, match="groups must index colors"):
        points_mark(0, np.zeros(2), np.zeros(2), np.array([0, 2]), ["red", "blue"])


def test_frames_pack_each_frames_lines_end_to_end():
    class Slider:
        model_id = "abc"

    frames = [
        {
            "curve": line_mark(0, np.arange(n), np.arange(n) ** 2, "red"),
            "note": text_mark(0, (0, 1), f"{n}"),
        }
        for n in (2, 5, 3)
    ]
    packed = frames_of(Slider(), np.array([0.1, 0.2, 0.3]), frames, version=7)
    assert packed["control"] == "IPY_MODEL_abc" and packed["version"] == 7
    offsets = np.frombuffer(packed["marks"]["curve"]["offsets"], "<i4")
    np.testing.assert_array_equal(offsets, [0, 2, 7, 10])
    ys = np.frombuffer(packed["marks"]["curve"]["y"], "<f4")
    np.testing.assert_array_equal(ys[offsets[1] : offsets[2]], np.arange(5) ** 2)
    assert packed["marks"]["note"]["texts"] == ["2", "5", "3"]
    with pytest.raises(ValueError, match="need one frame per value"):
        frames_of(Slider(), np.array([0.1]), frames, version=0)


# The playground's frames --------------------------------------------------------------------


@pytest.fixture(scope="module")
def playground():
    return Playground(eta=0.001, epochs=200)


def frame(pg, index, name):
    mark = pg.plot.frames["marks"][name]
    offsets = np.frombuffer(mark["offsets"], "<i4")
    part = slice(offsets[index], offsets[index + 1])
    return np.frombuffer(mark["x"], "<f4")[part], np.frombuffer(mark["y"], "<f4")[part]


def test_there_is_a_frame_for_every_stop_of_the_slider(playground):
    values = np.frombuffer(playground.plot.frames["values"], "<f8")
    slider = playground.rate
    assert values.size == 126
    np.testing.assert_allclose(
        np.log10(values), np.arange(slider.min, slider.max + 1e-9, slider.step), atol=1e-12
    )
    assert playground.plot.frames["control"] == f"IPY_MODEL_{slider.model_id}"
    assert playground.plot.frames["version"] == playground.plot.version


@pytest.mark.parametrize("index", [0, 57, 96, 125])
def test_a_frame_is_the_run_the_kernel_makes_when_the_slider_stops_there(playground, index):
    """The browser computes the slider's stops in its own floating point: the kernel takes a
    value within a millionth of a stop for that stop, so its run is the frame drawn."""
    values = np.frombuffer(playground.plot.frames["values"], "<f8")
    playground.rate.value = values[index] * (1 + 1e-12)
    marks = playground.plot.marks
    for name in ("line", "error_curve", "path"):
        np.testing.assert_array_equal(
            frame(playground, index, name)[0], np.frombuffer(marks[name]["x"], "<f4")
        )
        np.testing.assert_array_equal(
            frame(playground, index, name)[1], np.frombuffer(marks[name]["y"], "<f4")
        )
    assert playground.plot.frames["marks"]["label"]["texts"][index] == marks["label"]["text"]
    critical = playground.critical_rate
    assert playground.history.eta == float(f"{values[index] * critical:.3g}")


def test_new_epochs_or_momentum_bring_new_frames_of_a_new_version(playground):
    version = playground.plot.version
    playground.epochs.value = 50
    assert playground.plot.version == version + 1 == playground.plot.frames["version"]
    x, _ = frame(playground, 60, "error_curve")
    assert x[-1] == 51  # the loss after the 50th update, at "epoch" 51
    playground.momentum.value = 0.5
    assert playground.plot.frames["version"] == version + 2
    moved = playground.plot.version
    playground.rate.value = 0.5  # a stop: the frames still hold
    assert playground.plot.version == moved


def test_the_png_drawing_sends_the_whole_picture_of_each_run():
    png = Playground(eta=0.001, drawing="png")
    assert png.plot.value == png.view.render(png.history)
    before = png.plot.value
    png.rate.value = 0.7
    assert png.plot.value == png.view.render(png.history) != before
    assert "mlcourse-plot" in png.plot._dom_classes


def test_an_unknown_drawing_is_refused():
    with pytest.raises(ValueError, match="drawing must be 'browser' or 'png', got 'svg'"):
        Playground(drawing="svg")
