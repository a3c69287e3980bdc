"""The learning-rate playground: sliders for η and epochs, and the three views they move.

Moving a control recomputes the whole run with :class:`~mlcourse.error_surface.ErrorSurface`
(O(epochs), whatever n is) and repaints only what moves: the figure's static parts (data,
contours, axes) are drawn once per data set and cached, and each update blits the line, the error
curve and the path onto that cache before encoding one PNG. All axes limits are fixed for a data
set, so nothing jumps and the picture keeps its size between updates.
"""

from __future__ import annotations

import io
import warnings

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from mlcourse import _validate
from mlcourse.closed_form import ErrorKind, _error_kind
from mlcourse.data import make_linear_data
from mlcourse.error_surface import ErrorSurface
from mlcourse.plots import LINE_COLOR, draw_contours, plot_data
from mlcourse.training import DivergenceWarning, History

N_CHOICES = (20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 100_000, 1_000_000)
MAX_EPOCHS = 5_000
MAX_POINTS_SHOWN = 2_000
MAX_NOISE = 1.0
ETA_RANGE = (1e-7, 10.0)
ETA_STEP = 10**0.1
"""Factor by which the ◀ and ▶ buttons change η (a tenth of a decade)."""


def describe(history: History, epochs: int, critical: float, min_error: float) -> str:
    """One line in words: converging, oscillating but converging, or diverging, with η/η_crit.

    Parameters
    ----------
    history : History
        The run to describe.
    epochs : int
        The epochs asked for (a diverging run may stop before).
    critical : float
        The critical learning rate 2/λ_max.
    min_error : float
        The least-squares error.
    """
    ratio = history.eta / critical
    factor = f"η = {ratio:.2f} × η_crit"
    ran = f"{history.epochs_run} epoch{'' if history.epochs_run == 1 else 's'}"
    if history.diverged:
        ending = (
            f"the error exploded and training stopped after {ran}."
            if history.epochs_run < epochs
            else "the error grows every epoch."
        )
        return f"Diverging: {factor}, above the critical rate; {ending}"
    if ratio > 0.5:
        kind = "Oscillating but converging"
        why = "past 1/λ_max the steep direction overshoots the valley floor every epoch"
    else:
        kind, why = "Converging", "every step lands on the same side of the valley floor"
    excess = history.final_error / min_error - 1 if min_error > 0 else 0.0
    where = (
        "at the least-squares error"
        if excess < 0.01
        else f"{excess:.0%} above the least-squares error"
    )
    return f"{kind}: {factor} ({why}); after {ran} E is {where}."


class Playground:
    """Sliders for η and epochs, controls for the data, and the views that follow them.

    Parameters
    ----------
    n, noise_std, seed : data passed to :func:`mlcourse.make_linear_data` (slope 3).
    eta : float
        Initial learning rate.
    epochs : int
        Initial number of epochs (1 to 5,000).
    error : {"sse", "mse"}
    start : (float, float)
        The initial (w1, w0), a deliberately bad line by default.

    Attributes
    ----------
    eta, epochs, n, noise, seed, error, reset, slower, faster : ipywidgets controls.
    critical, status, plot : ipywidgets views (the critical rate, the status line, the picture).
    history : History
        The run shown now.
    widget : ipywidgets.VBox
        Everything, laid out; displaying the playground displays this.
    """

    def __init__(
        self,
        n: int = 200,
        noise_std: float = 0.1,
        seed: int = 0,
        eta: float = 0.001,
        epochs: int = 300,
        error: ErrorKind = "sse",
        start: tuple[float, float] = (-2.5, 1.9),
    ) -> None:
        if n not in N_CHOICES:
            raise ValueError(f"n must be one of {N_CHOICES}, got {n!r}")
        self._defaults = {
            "eta": _validate.positive_number("eta", eta),
            "epochs": _validate.count("epochs", epochs, minimum=1),
            "n": n,
            "noise": _validate.real_number("noise_std", noise_std),
            "seed": _validate.count("seed", seed),
            "error": _error_kind(error),
        }
        # The sliders would silently clamp a value outside their range.
        if not ETA_RANGE[0] <= eta <= ETA_RANGE[1]:
            raise ValueError(
                f"eta must be between {ETA_RANGE[0]:g} and {ETA_RANGE[1]:g}, got {eta}"
            )
        if epochs > MAX_EPOCHS:
            raise ValueError(f"epochs must be <= {MAX_EPOCHS}, got {epochs}")
        if not 0 <= noise_std <= MAX_NOISE:
            raise ValueError(f"noise_std must be between 0 and {MAX_NOISE:g}, got {noise_std}")
        self.start = (
            _validate.real_number("start[0]", start[0]),
            _validate.real_number("start[1]", start[1]),
        )
        self._muted = False
        self._build_controls()
        self._figure = Figure(figsize=(12.0, 3.6), dpi=80, layout="constrained")
        self._canvas = FigureCanvasAgg(self._figure)
        self._data_changed()
        for control in (self.n, self.noise, self.seed, self.error):
            control.observe(lambda change: self._data_changed(), names="value")
        for control in (self.eta, self.epochs):
            control.observe(lambda change: self.update(), names="value")
        self.reset.on_click(lambda button: self.restore_defaults())
        self.slower.on_click(lambda button: self._scale_eta(1 / ETA_STEP))
        self.faster.on_click(lambda button: self._scale_eta(ETA_STEP))

    # Controls and layout ---------------------------------------------------------------------

    def _build_controls(self) -> None:
        d = self._defaults
        self.eta = widgets.FloatLogSlider(
            value=d["eta"],
            base=10,
            min=np.log10(ETA_RANGE[0]),
            max=np.log10(ETA_RANGE[1]),
            step=0.02,
            description="η",
            readout_format=".3g",
            continuous_update=True,
            layout=widgets.Layout(width="600px"),
        )
        self.slower = widgets.Button(
            description="◀", tooltip="η smaller", layout=widgets.Layout(width="36px")
        )
        self.faster = widgets.Button(
            description="▶", tooltip="η larger", layout=widgets.Layout(width="36px")
        )
        self.critical = widgets.HTML()
        self.epochs = widgets.IntSlider(
            value=d["epochs"],
            min=1,
            max=MAX_EPOCHS,
            description="epochs",
            continuous_update=True,
            layout=widgets.Layout(width="420px"),
        )
        self.n = widgets.SelectionSlider(
            options=N_CHOICES, value=d["n"], description="N", continuous_update=False
        )
        self.noise = widgets.FloatSlider(
            value=d["noise"],
            min=0.0,
            max=MAX_NOISE,
            step=0.01,
            description="noise σ",
            continuous_update=False,
        )
        self.seed = widgets.BoundedIntText(
            value=d["seed"],
            min=0,
            max=99_999,
            description="seed",
            layout=widgets.Layout(width="160px"),
        )
        self.error = widgets.ToggleButtons(
            options=[("SSE", "sse"), ("MSE", "mse")],
            value=d["error"],
            description="error",
            style={"button_width": "56px"},
        )
        self.reset = widgets.Button(description="Reset", icon="undo")
        self.status = widgets.HTML()
        self.plot = widgets.Image(
            format="png", layout=widgets.Layout(width="960px", height="288px")
        )
        for control, name in (
            (self.eta, "eta"),
            (self.epochs, "epochs"),
            (self.plot, "plot"),
            (self.status, "status"),
            (self.critical, "critical"),
            (self.n, "n"),
            (self.noise, "noise"),
            (self.seed, "seed"),
            (self.error, "error"),
            (self.reset, "reset"),
            (self.slower, "slower"),
            (self.faster, "faster"),
        ):
            control.add_class(f"mlcourse-{name}")
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.eta, self.slower, self.faster, self.critical]),
                self.epochs,
                widgets.HBox([self.n, self.noise, self.seed]),
                widgets.HBox([self.error, self.reset]),
                self.status,
                self.plot,
            ]
        )
        self.widget.add_class("mlcourse-playground")

    def restore_defaults(self) -> None:
        """Put every control back where it started, with one redraw rather than one per control."""
        d = self._defaults
        self._muted = True
        try:
            self.n.value, self.noise.value, self.seed.value = d["n"], d["noise"], d["seed"]
            self.error.value, self.eta.value, self.epochs.value = d["error"], d["eta"], d["epochs"]
        finally:
            self._muted = False
        self._data_changed()

    def _scale_eta(self, factor: float) -> None:
        self.eta.value = float(np.clip(self.eta.value * factor, 10**self.eta.min, 10**self.eta.max))

    # Data: a full redraw, cached --------------------------------------------------------------

    def _data_changed(self) -> None:
        if self._muted:
            return
        data = make_linear_data(
            n=self.n.value, slope=3.0, noise_std=self.noise.value, seed=self.seed.value
        )
        self.surface = ErrorSurface(data.x, data.y, error=self.error.value)
        self.critical.value = (
            f"η<sub>crit</sub> = 2/λ<sub>max</sub> = "
            f"<b>{self.surface.critical_learning_rate:.3g}</b>"
        )
        self._draw_static(data.x, data.y)
        self.update()

    def _draw_static(self, x: np.ndarray, y: np.ndarray) -> None:
        figure, surface = self._figure, self.surface
        figure.clear()
        ax_line, ax_error, ax_surface = figure.subplots(1, 3)
        shown = np.random.default_rng(0).permutation(x.size)[:MAX_POINTS_SHOWN]
        plot_data(x[shown], y[shown], ax=ax_line)
        start_line = self.start[0] * np.array([0.0, 1.0]) + self.start[1]
        low, high = min(y.min(), *start_line), max(y.max(), *start_line)
        ax_line.set(
            xlim=(0, 1),
            ylim=(low - 0.1 * (high - low), high + 0.1 * (high - low)),
            title=f"data ({x.size:,} points"
            + (f", {MAX_POINTS_SHOWN:,} shown)" if x.size > MAX_POINTS_SHOWN else ")"),
        )
        (self._line,) = ax_line.plot([0, 1], [0, 0], color=LINE_COLOR, lw=2, animated=True)
        self._line_label = ax_line.text(
            0.03,
            0.95,
            "",
            transform=ax_line.transAxes,
            va="top",
            animated=True,
            bbox={"fc": "white", "alpha": 0.8},
        )

        start_error = float(surface(*self.start))
        floor = max(surface.min_error, 1e-9 * start_error)
        ax_error.set(
            xscale="log",
            yscale="log",
            xlim=(1, MAX_EPOCHS),
            ylim=(0.5 * floor, 1e6 * start_error),
            xlabel="epoch",
            ylabel=f"error ({surface.error.upper()})",
            title="error curve",
        )
        ax_error.axhline(surface.min_error, color="black", ls="--", lw=1)
        ax_error.grid(True, alpha=0.3)
        (self._curve,) = ax_error.plot([], [], color="tab:red", lw=2, animated=True)

        w1_star, w0_star = surface.optimum
        half = 1.2 * max(abs(self.start[0] - w1_star), abs(self.start[1] - w0_star), 0.5)
        draw_contours(
            ax_surface,
            surface,
            (w1_star - half, w1_star + half),
            (w0_star - half, w0_star + half),
            resolution=100,
        )
        ax_surface.plot(*self.start, "o", color="tab:orange")
        ax_surface.set_title("path on the error surface")
        (self._path,) = ax_surface.plot([], [], ".-", color="tab:orange", ms=3, lw=1, animated=True)
        self._canvas.draw()
        self._background = self._canvas.copy_from_bbox(figure.bbox)

    # Every move: compute the run, blit, encode ------------------------------------------------

    def update(self) -> None:
        """Recompute the run for the current η and epochs and repaint the views."""
        if self._muted:
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DivergenceWarning)
            history = self.surface.train(*self.start, eta=self.eta.value, epochs=self.epochs.value)
        self.history = history
        self.status.value = describe(
            history, self.epochs.value, self.surface.critical_learning_rate, self.surface.min_error
        )
        w1, w0 = history.w1, history.w0
        self._line.set_data([0.0, 1.0], [w0, w1 + w0])
        self._line_label.set_text(
            f"ŷ = {w1:.3g}·x₁ + {w0:.3g}\n{self.surface.error.upper()} = {history.final_error:.3g}"
        )
        errors = np.append(history.errors, history.final_error)
        self._curve.set_data(np.arange(1, errors.size + 1), errors)
        self._path.set_data(history.weights[:, 0], history.weights[:, 1])
        self._canvas.restore_region(self._background)
        for artist in (self._line, self._line_label, self._curve, self._path):
            artist.axes.draw_artist(artist)
        self.plot.value = self.png()

    def png(self) -> bytes:
        """The current picture, encoded fast (light compression: speed matters more here)."""
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(self._canvas.buffer_rgba())).save(
            buffer, format="png", compress_level=1
        )
        return buffer.getvalue()

    # Display: the live widget, with a static picture for readers without a kernel ------------

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["image/png"] = self.png()
        bundle["text/plain"] = f"Learning-rate playground (live with a kernel): {self.status.value}"
        return bundle


def playground(**kwargs) -> Playground:
    """Build a :class:`Playground`; in a notebook, leave it as the last line of a cell."""
    return Playground(**kwargs)
