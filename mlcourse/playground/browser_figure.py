"""A figure drawn in the browser: a still background from matplotlib, the moving parts on top.

The kernel keeps every number. Once per data set it sends a picture of what does not move (axes,
ticks, data, contours) and where each panel's axes sit in it; on every move it sends only the
arrays of what moves (a line, a curve, a path, a grid of class colours), as binary buffers. The
browser maps them to pixels with the panel's limits (linear or log) and draws them over the
picture: no image is encoded, sent or decoded per move. The JavaScript ships in this package
(``browser_figure.js``) and runs wherever anywidget does: JupyterLab, Notebook 7, Voilà.

Marks are plain dicts built by :func:`line_mark`, :func:`text_mark`, :func:`image_mark` and
:func:`points_mark`; :attr:`BrowserFigure.marks` maps a name to each.

A trip through the kernel costs tens of milliseconds whatever the kernel does (52 ms median for
a slider that only sets a label, measured in JupyterLab on a loaded 2-core machine): too slow
for a frame every 16 ms. So a figure can also hold :attr:`BrowserFigure.frames`, the marks the
kernel computed for every position of one slider (:func:`frames_of`): on a move of that slider
the browser draws the frame for its new value at once, and the kernel's own answer, the same
numbers, follows.

Lines are sent at the resolution they are drawn (:func:`thin_to_pixels`): of consecutive points
that fall in the same half-pixel cell only the first is kept.
"""

from __future__ import annotations

import io
from pathlib import Path

import anywidget
import numpy as np
import traitlets
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image


class BrowserFigure(anywidget.AnyWidget):
    """A still picture with panels, and marks the browser draws over them.

    Attributes
    ----------
    background : bytes
        The PNG of what does not move, ``width`` × ``height`` pixels.
    width, height : int
        The picture's size in CSS pixels.
    panels : list of dict
        Per panel: ``box`` [left, top, width, height] in pixels from the picture's top left
        corner, ``x`` and ``y`` [low, high] (the data limits at the box's edges), ``xscale`` and
        ``yscale`` ("linear" or "log"). See :func:`panel_of`.
    marks : dict
        Name → mark dict (see the module's functions); replaced as a whole on every move, so
        that one message carries one consistent frame.
    frames : dict
        Optional: the marks for every value of one slider, built by :func:`frames_of`. While
        that slider's value is one of them and the frames' ``version`` is ``version``, the
        browser draws that frame's marks in place of the ones of the same names in ``marks``.
    version : int
        Which settings ``marks`` belong to; frames of another version are stale (they arrive
        after the marks they go with) and are not drawn.
    """

    _esm = Path(__file__).with_name("browser_figure.js")
    background = traitlets.Bytes(b"").tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)
    height = traitlets.Int(0).tag(sync=True)
    panels = traitlets.List([]).tag(sync=True)
    marks = traitlets.Dict({}).tag(sync=True)
    frames = traitlets.Dict({}).tag(sync=True)
    version = traitlets.Int(0).tag(sync=True)


def panel_of(ax: Axes, height: int) -> dict:
    """Where ``ax`` sits in its figure's picture and what its edges stand for.

    Call it after the figure is drawn (constrained layout and equal aspect settle then).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    height : int
        The picture's height in pixels (matplotlib counts y from the bottom, the page from the
        top).

    Returns
    -------
    dict
        ``box``, ``x``, ``y``, ``xscale``, ``yscale`` as :class:`BrowserFigure` expects.
    """
    left, bottom, right, top = ax.get_window_extent().extents
    return {
        "box": [float(left), float(height - top), float(right - left), float(top - bottom)],
        "x": [float(limit) for limit in ax.get_xlim()],
        "y": [float(limit) for limit in ax.get_ylim()],
        "xscale": ax.get_xscale(),
        "yscale": ax.get_yscale(),
    }


def png_of(canvas: FigureCanvasAgg) -> bytes:
    """The canvas as drawn last, as PNG bytes (light compression: speed over size)."""
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(canvas.buffer_rgba())).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def floats(values: np.ndarray) -> bytes:
    """Little-endian float32 bytes, the layout the browser reads as a ``Float32Array``.

    Seven digits are far below a pixel: a panel a thousand pixels wide needs four.
    """
    return np.ascontiguousarray(values, dtype="<f4").tobytes()


def pixels(panel: dict, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where the data points (x, y) of ``panel`` land in the picture, in pixels from its top
    left corner: the mapping the browser uses (NaN where a log axis meets a value <= 0).

    Parameters
    ----------
    panel : dict
        As made by :func:`panel_of`.
    x, y : ndarray, shape (m,)

    Returns
    -------
    tuple of ndarray, shape (m,)
    """
    left, top, width, height = panel["box"]
    across = _fraction(x, panel["x"], panel["xscale"])
    up = _fraction(y, panel["y"], panel["yscale"])
    return left + width * across, top + height * (1.0 - up)


def _fraction(values: np.ndarray, limits: list[float], scale: str) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    with np.errstate(all="ignore"):
        if scale == "log":
            values = np.where(values > 0, np.log10(values), np.nan)
            limits = np.log10(limits)
        return (values - limits[0]) / (limits[1] - limits[0])


CELL = 0.5
"""Side of the cells, in pixels, within which :func:`thin_to_pixels` keeps one point."""


def thin_to_pixels(panel: dict, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Which points of a line to send: the first of every run of consecutive points that land
    in the same ``CELL``-pixel cell of ``panel``, and the last point.

    Every point left out lies within a cell's diagonal (0.71 px) of a point kept, so the line
    drawn from the points kept differs from the full line by less than a pixel, while a run
    that settles sends a few hundred points instead of thousands.

    Returns
    -------
    ndarray of int, shape (k,)
        Indices into x and y, increasing.
    """
    across, down = pixels(panel, x, y)
    if across.size < 3:
        return np.arange(across.size)
    with np.errstate(invalid="ignore"):
        column, row = np.floor(across / CELL), np.floor(down / CELL)
    keep = np.ones(across.size, dtype=bool)
    # NaN never equals NaN: points that cannot be drawn are all kept (they break the line).
    keep[1:-1] = (column[1:-1] != column[:-2]) | (row[1:-1] != row[:-2])
    return np.flatnonzero(keep)


def line_mark(
    panel: int,
    x: np.ndarray,
    y: np.ndarray,
    color: str,
    width: float = 2.0,
    dots: float = 0.0,
) -> dict:
    """A line through the points (x[i], y[i]) of a panel, broken where a value is not finite
    (or not positive on a log axis).

    Parameters
    ----------
    panel : int
        Index into :attr:`BrowserFigure.panels`.
    x, y : ndarray, shape (m,)
    color : str
        A CSS colour.
    width : float
        Line width in pixels; 0 draws no line.
    dots : float
        Diameter in pixels of a dot at every point; 0 draws none.
    """
    return {
        "kind": "line",
        "panel": panel,
        "x": floats(x),
        "y": floats(y),
        "color": color,
        "width": float(width),
        "dots": float(dots),
    }


def thin_line_mark(panels: list[dict], panel: int, x, y, color, width=2.0, dots=0.0) -> dict:
    """:func:`line_mark` with only the points :func:`thin_to_pixels` keeps."""
    kept = thin_to_pixels(panels[panel], x, y)
    return line_mark(panel, np.asarray(x)[kept], np.asarray(y)[kept], color, width, dots)


def frames_of(control: object, values: np.ndarray, frames: list[dict], version: int) -> dict:
    """The marks for every value of a slider, packed for :attr:`BrowserFigure.frames`.

    Parameters
    ----------
    control : ipywidgets.Widget
        The slider whose value picks a frame.
    values : ndarray, shape (f,)
        The slider's values that have a frame (the browser matches a value to within a
        millionth).
    frames : list of dict, length f
        For each value, name → mark: every frame has the same names, each a line mark (its
        points concatenated with the other frames') or a text mark (one text per frame); the
        style of frame 0 serves them all.
    version : int
        The :attr:`BrowserFigure.version` the frames belong to.

    Returns
    -------
    dict
        ``control`` (the slider's model reference), ``version``, ``values`` (float64 bytes)
        and ``marks``:
        name → the frame-0 mark with, for lines, ``x`` and ``y`` of every frame end to end and
        ``offsets`` (int32 bytes, f + 1: frame i is ``offsets[i]:offsets[i + 1]``), for texts,
        ``texts`` (one per frame).
    """
    if len(frames) != len(values):
        raise ValueError(f"need one frame per value: {len(values)} values, {len(frames)} frames")
    packed = {}
    for name, first in frames[0].items():
        mark = {key: value for key, value in first.items() if key not in ("x", "y", "text")}
        if first["kind"] == "line":
            xs = [np.frombuffer(frame[name]["x"], "<f4") for frame in frames]
            ys = [np.frombuffer(frame[name]["y"], "<f4") for frame in frames]
            offsets = np.concatenate([[0], np.cumsum([part.size for part in xs])])
            mark["x"], mark["y"] = np.concatenate(xs).tobytes(), np.concatenate(ys).tobytes()
            mark["offsets"] = offsets.astype("<i4").tobytes()
        elif first["kind"] == "text":
            mark["texts"] = [frame[name]["text"] for frame in frames]
        else:
            raise ValueError(f"frames hold line and text marks, not {first['kind']!r} ({name})")
        packed[name] = mark
    return {
        "control": f"IPY_MODEL_{control.model_id}",
        "version": int(version),
        "values": np.ascontiguousarray(values, dtype="<f8").tobytes(),
        "marks": packed,
    }


def text_mark(panel: int, at: tuple[float, float], text: str) -> dict:
    """Lines of text in a white box, its top left corner at ``at`` in axes fractions
    ((0, 0) bottom left, (1, 1) top right)."""
    return {"kind": "text", "panel": panel, "at": [float(at[0]), float(at[1])], "text": text}


def image_mark(panel: int, rgba: np.ndarray, extent: tuple[float, float, float, float]) -> dict:
    """A grid of colours stretched over ``extent`` = (x_low, x_high, y_low, y_high) of a panel.

    Parameters
    ----------
    rgba : ndarray of uint8, shape (rows, columns, 4)
        Row 0 is the bottom of the extent (y_low), as in ``numpy.meshgrid`` over increasing y.
    """
    rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
    if rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError(f"rgba must have shape (rows, columns, 4), got {rgba.shape}")
    return {
        "kind": "image",
        "panel": panel,
        "rgba": rgba[::-1].tobytes(),  # the browser fills images from the top row down
        "rows": int(rgba.shape[0]),
        "columns": int(rgba.shape[1]),
        "extent": [float(value) for value in extent],
    }


def points_mark(
    panel: int,
    x: np.ndarray,
    y: np.ndarray,
    groups: np.ndarray,
    colors: list[str],
    size: float = 6.0,
    hollow: bool = False,
) -> dict:
    """Round markers at (x[i], y[i]), point i in colour ``colors[groups[i]]``, with a dark edge.

    Parameters
    ----------
    groups : ndarray of int, shape (m,)
        Each point's colour index, 0 to len(colors) − 1 (at most 255).
    size : float
        Diameter in pixels.
    hollow : bool
        Rings instead of discs (for points the model was not trained on).
    """
    groups = np.asarray(groups)
    if groups.size and not 0 <= groups.min() <= groups.max() < min(len(colors), 256):
        raise ValueError(f"groups must index colors (0 to {len(colors) - 1})")
    return {
        "kind": "points",
        "panel": panel,
        "x": floats(x),
        "y": floats(y),
        "groups": groups.astype(np.uint8).tobytes(),
        "colors": list(colors),
        "size": float(size),
        "hollow": bool(hollow),
    }
