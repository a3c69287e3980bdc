"""The playground's picture: the line over the data, the error curve, the path on the surface.

The static parts (data, axes, contours) are drawn once per data set and cached. A run's moving
parts (the line, its label, the error curve, the path) are either sent to the browser as marks
over that still picture (:meth:`PlaygroundFigure.marks`, drawn by
:class:`~mlcourse.playground.browser_figure.BrowserFigure`), or blitted onto the cache and
encoded as one PNG (:meth:`PlaygroundFigure.render`: the still picture of a notebook read
without a kernel, and the playground's ``drawing="png"``). Both come from the same numbers
(:meth:`PlaygroundFigure.moving_parts`). All axes limits are fixed for a data set, so nothing
jumps between runs and the picture keeps its size.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from mlcourse.error_surface import ErrorSurface
from mlcourse.playground.browser_figure import (
    line_mark,
    panel_of,
    png_of,
    text_mark,
    thin_line_mark,
)
from mlcourse.plots import LINE_COLOR, draw_contours, plot_data
from mlcourse.training import History

MAX_POINTS_SHOWN = 2_000
"""Larger data sets show this many points, drawn at random (seeded), so drawing stays fast."""
CURVE_COLOR = "tab:red"
PATH_COLOR = "tab:orange"
LINE_COLOR_CSS, CURVE_COLOR_CSS, PATH_COLOR_CSS = (
    to_hex(color) for color in (LINE_COLOR, CURVE_COLOR, PATH_COLOR)
)
LABEL_AT = (0.03, 0.95)
"""Where the line's label starts, in axes fractions (its top left corner)."""


class PlaygroundFigure:
    """Three views of one run, over a background drawn once for a data set.

    Parameters
    ----------
    x, y : ndarray, shape (n,)
        The data.
    surface : ErrorSurface
        The error surface of ``x`` and ``y`` (its loss names the error axis).
    start : (float, float)
        The initial (w1, w0) every run starts from: the limits leave room for its line and path.
    max_epochs : int
        The longest run the error curve must hold.
    standardized : bool
        Whether ``x`` holds standardised inputs z = (x − mean)/std (it names the axis).
    size : (int, int)
        Width and height of the picture in pixels.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    line : matplotlib.lines.Line2D
        The neuron's final line, across the inputs (from 0 to 1 for inputs in [0, 1]).
    line_label : matplotlib.text.Text
        Its equation and loss.
    error_curve : matplotlib.lines.Line2D
        The loss at epochs 1, 2, …: before each update, then of the final weights.
    path : matplotlib.lines.Line2D
        (w1, w0) after every update, on the contours of the surface.
    contours : matplotlib.contour.QuadContourSet
        The contour lines of the surface.
    """

    def __init__(
        self,
        x: np.ndarray,
        y: np.ndarray,
        surface: ErrorSurface,
        start: tuple[float, float],
        max_epochs: int,
        standardized: bool = False,
        size: tuple[int, int] = (960, 288),
    ) -> None:
        dpi = 80
        self.figure = Figure(figsize=(size[0] / dpi, size[1] / dpi), dpi=dpi, layout="constrained")
        self._canvas = FigureCanvasAgg(self.figure)
        ax_line, ax_error, ax_surface = self.figure.subplots(1, 3)

        shown = np.random.default_rng(0).permutation(x.size)[:MAX_POINTS_SHOWN]
        plot_data(x[shown], y[shown], ax=ax_line)
        inside_unit = x.min() >= 0 and x.max() <= 1
        self._ends = np.array([0.0, 1.0]) if inside_unit else np.array([x.min(), x.max()])
        start_line = start[0] * self._ends + start[1]
        low, high = min(y.min(), *start_line), max(y.max(), *start_line)
        ax_line.set(
            xlim=tuple(self._ends),
            ylim=(low - 0.1 * (high - low), high + 0.1 * (high - low)),
            title=f"data ({x.size:,} points"
            + (f", {MAX_POINTS_SHOWN:,} shown)" if x.size > MAX_POINTS_SHOWN else ")"),
        )
        self._input = "z" if standardized else "x₁"
        if standardized:
            ax_line.set_xlabel("$z = (x_1 - \\bar{x}_1)/s$ (standardised input)")
        (self.line,) = ax_line.plot([], [], color=LINE_COLOR, lw=2, animated=True)
        self.line_label = ax_line.text(
            *LABEL_AT,
            "",
            transform=ax_line.transAxes,
            va="top",
            animated=True,
            bbox={"fc": "white", "alpha": 0.8},
        )

        start_error = float(surface(*start))
        floor = max(surface.min_error, 1e-9 * start_error)
        ax_error.set(
            xscale="log",
            yscale="log",
            xlim=(1, max_epochs),
            ylim=(0.5 * floor, 1e6 * start_error),
            xlabel="epoch",
            ylabel=surface.loss.upper(),
            title="error curve",
        )
        ax_error.axhline(surface.min_error, color="black", ls="--", lw=1)
        ax_error.grid(True, alpha=0.3)
        (self.error_curve,) = ax_error.plot([], [], color=CURVE_COLOR, lw=2, animated=True)

        w1_star, w0_star = surface.optimum
        half = 1.2 * max(abs(start[0] - w1_star), abs(start[1] - w0_star), 0.5)
        self.contours = draw_contours(
            ax_surface,
            surface,
            (w1_star - half, w1_star + half),
            (w0_star - half, w0_star + half),
            resolution=100,
        )
        ax_surface.plot(*start, "o", color=PATH_COLOR)
        ax_surface.set_title("path on the error surface")
        (self.path,) = ax_surface.plot([], [], ".-", color=PATH_COLOR, ms=3, lw=1, animated=True)

        self._canvas.draw()
        self._background = self._canvas.copy_from_bbox(self.figure.bbox)
        self.still = png_of(self._canvas)
        """PNG of the background alone: what the browser draws the marks over."""
        self.panels = [panel_of(ax, size[1]) for ax in (ax_line, ax_error, ax_surface)]
        """Where the three panels sit in the picture (see ``BrowserFigure.panels``)."""
        self.size = size

    def moving_parts(self, history: History) -> dict:
        """The numbers drawn for ``history``, the same for the browser and for the PNG.

        Returns
        -------
        dict
            ``line`` (x, y) at the ends of the inputs, ``label`` its text, ``error_curve``
            (epochs 1, 2, …, loss before each update and then of the final weights), ``path``
            (w1, w0) before the first update and after each one.
        """
        w1, w0 = history.w1, history.w0
        errors = np.append(history.errors, history.final_error)
        return {
            "line": (self._ends, w1 * self._ends + w0),
            "label": (
                f"ŷ = {w1:.3g}·{self._input} + {w0:.3g}\n"
                f"{history.loss.upper()} = {history.final_error:.3g}"
            ),
            "error_curve": (np.arange(1, errors.size + 1), errors),
            "path": (history.weights[:, 0], history.weights[:, 1]),
        }

    def marks(self, history: History) -> dict:
        """The moving parts of ``history`` as marks for ``BrowserFigure.marks``, the curve and
        the path thinned to the pixels they cover."""
        parts, panels = self.moving_parts(history), self.panels
        return {
            "line": line_mark(0, *parts["line"], LINE_COLOR_CSS, width=2),
            "label": text_mark(0, LABEL_AT, parts["label"]),
            "error_curve": thin_line_mark(panels, 1, *parts["error_curve"], CURVE_COLOR_CSS),
            "path": thin_line_mark(panels, 2, *parts["path"], PATH_COLOR_CSS, width=1, dots=3),
        }

    def render(self, history: History) -> bytes:
        """Paint ``history`` over the background and return the picture as PNG bytes."""
        parts = self.moving_parts(history)
        self.line.set_data(*parts["line"])
        self.line_label.set_text(parts["label"])
        self.error_curve.set_data(*parts["error_curve"])
        self.path.set_data(*parts["path"])
        self._canvas.restore_region(self._background)
        for artist in (self.line, self.line_label, self.error_curve, self.path):
            artist.axes.draw_artist(artist)
        return png_of(self._canvas)
