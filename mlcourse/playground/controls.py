"""The playground's widgets: the controls, their layout, and the wiring to the figure.

Moving η, the epochs or the momentum recomputes the whole run with
:meth:`~mlcourse.error_surface.ErrorSurface.trajectory` (O(epochs), whatever n is) and renders
it with the cached :class:`~mlcourse.playground.figure.PlaygroundFigure`; changing the data (N,
noise, seed, loss, standardised x or not) builds a new surface and a new figure.

The η slider moves in units of the critical rate η_crit = 2(1 + β)/λ_max, on a log scale: the
range that matters (a crawl at 0.01·η_crit, oscillation past 0.5, divergence past 1) fills the
track whatever N, the loss or the inputs' scale, where a slider in η itself would need eight
decades and leave the interesting part a few pixels wide. η itself sits beside it, rounded to
three digits (the run uses exactly the η shown), and can be typed there.
"""

from __future__ import annotations

import contextlib
from typing import Literal

import ipywidgets as widgets
import numpy as np

from mlcourse import kernels, scaling, validation
from mlcourse.data import make_linear_data
from mlcourse.error_surface import ErrorSurface
from mlcourse.kernels import Loss
from mlcourse.playground.browser_figure import BrowserFigure, frames_of
from mlcourse.playground.figure import PlaygroundFigure
from mlcourse.playground.rate_controls import ETA_STEP, RATE_RANGE, rate_controls, three_digits
from mlcourse.playground.status import describe
from mlcourse.training import History

N_CHOICES = (20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 100_000, 1_000_000)
MAX_EPOCHS = 5_000
MAX_NOISE = 1.0
DEFAULT_RATE = 0.13
"""η/η_crit when no η is given: converging, without oscillation, in a few hundred epochs."""
MAX_MOMENTUM = 0.99
Drawing = Literal["browser", "png"]
DRAWINGS: tuple[Drawing, ...] = ("browser", "png")
SLOPE = 3.0


class Playground:
    """Sliders for η, epochs and momentum, controls for the data, and the views that follow them.

    Parameters
    ----------
    n, noise_std, seed : data passed to :func:`mlcourse.make_linear_data` (slope 3).
    eta : float, optional
        Initial learning rate, between 0.01 and 3.16 times the critical rate of the initial
        data (``RATE_RANGE``); by default ``DEFAULT_RATE`` = 0.13 times it (η = 0.000985 on
        lesson 5's data, about the lessons' 0.001), rounded to three digits.
    epochs : int
        Initial number of epochs (1 to 5,000).
    loss : {"sse", "mse"}, default "sse"
        The initial kind of loss: the SSE ½·Σ(y − ŷ)² or the MSE mean((y − ŷ)²) (no ½);
        ``error`` is an alias of it.
    start : (float, float)
        The initial (w1, w0), a deliberately bad line by default. With standardised inputs the
        run starts from the same line, written in z = (x − mean)/std: (w1·std, w0 + w1·mean).
    momentum : float
        The initial heavy-ball momentum β, 0 to 0.99.
    standardize : bool
        Whether x starts standardised (mean 0, spread 1): the valley becomes round, κ = 1.
    drawing : {"browser", "png"}
        ``"browser"`` (the default) sends each run's line, curve and path as arrays the page
        draws over a still picture (a :class:`BrowserFigure`); ``"png"`` sends a new PNG of the
        whole picture on every move (a ``widgets.Image``), for front ends where anywidget's
        JavaScript cannot run.

    Attributes
    ----------
    rate : ipywidgets.FloatLogSlider
        η in units of the critical rate, η/η_crit (CSS class ``mlcourse-eta``).
    eta : ipywidgets.FloatText
        η itself, the rate of the run shown: set by the slider (rounded to three significant
        digits) or typed (CSS class ``mlcourse-eta-value``).
    epochs, momentum, n, noise, seed, loss, standardize, reset, slower, faster :
        ipywidgets controls. Changing the data or the loss keeps η/η_crit (the status line
        says so, and gives the new η); changing β keeps η (its ratio to the new
        2(1 + β)/λ_max moves the slider's handle).
    critical, status : ipywidgets.HTML
        The critical rate and the status line.
    plot : BrowserFigure or ipywidgets.Image
        The picture (CSS class ``mlcourse-plot``), as ``drawing`` chose.
    surface : ErrorSurface
        The error surface of the current data (x or its standardised z) and loss.
    run_start : (float, float)
        Where the runs on the current data start: ``start``, or the same line in z.
    view : PlaygroundFigure
        The figure the picture is rendered from.
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
        eta: float | None = None,
        epochs: int = 300,
        loss: Loss | None = None,
        start: tuple[float, float] = (-2.5, 1.9),
        *,
        error: Loss | None = None,
        momentum: float = 0.0,
        standardize: bool = False,
        drawing: Drawing = "browser",
    ) -> None:
        self._defaults = _checked_defaults(n, noise_std, seed, eta, epochs, loss, error)
        self._defaults |= _checked_method(momentum, standardize)
        self.start = (
            validation.real_number("start[0]", start[0]),
            validation.real_number("start[1]", start[1]),
        )
        d = self._defaults
        self.rate, self.eta, self.slower, self.faster = rate_controls("crit")
        self.epochs = _epochs_slider(d["epochs"])
        self.momentum = _momentum_slider(d["momentum"])
        self.n, self.noise, self.seed, self.loss = _data_controls(d)
        self.standardize = widgets.Checkbox(
            value=d["standardize"],
            description="standardise x",
            indent=False,
            layout=widgets.Layout(width="140px", margin="0 0 0 16px"),
        )
        self.reset = widgets.Button(description="Reset", icon="undo")
        self.critical, self.status = widgets.HTML(), widgets.HTML()
        self.drawing = validation.choice("drawing", drawing, DRAWINGS)
        if self.drawing == "browser":
            self.plot = BrowserFigure()
        else:
            self.plot = widgets.Image(
                format="png", layout=widgets.Layout(width="960px", height="288px")
            )
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.rate, self.slower, self.faster, self.eta, self.critical]),
                widgets.HBox([self.epochs, self.momentum]),
                widgets.HBox([self.n, self.noise, self.seed]),
                widgets.HBox([self.loss, self.standardize, self.reset]),
                self.status,
                self.plot,
            ]
        )
        self._add_css_classes()
        self._muted = False
        self._syncing = False
        self._note = ""
        self._drawn: tuple = ()
        self.surface, self.view = self._draw_data()
        self._set_eta(self._initial_eta())
        self.update()
        for control in (self.n, self.noise, self.seed, self.loss, self.standardize):
            control.observe(lambda change: self._data_changed(), names="value")
        self.rate.observe(lambda change: self._rate_moved(), names="value")
        self.eta.observe(lambda change: self._eta_typed(), names="value")
        self.momentum.observe(lambda change: self._momentum_moved(), names="value")
        self.epochs.observe(lambda change: self.update(), names="value")
        self.reset.on_click(lambda button: self.restore_defaults())
        self.slower.on_click(lambda button: self._scale_rate(1 / ETA_STEP))
        self.faster.on_click(lambda button: self._scale_rate(ETA_STEP))

    def _add_css_classes(self) -> None:
        """Stable selectors for the page (and the browser tests): ``mlcourse-<attribute>``.

        The η slider keeps the class ``mlcourse-eta`` it had when it moved η itself (pages and
        instructors' styles rely on it); the box with η is ``mlcourse-eta-value``.
        """
        self.rate.add_class("mlcourse-eta")
        self.eta.add_class("mlcourse-eta-value")
        controls = ("epochs", "momentum", "plot", "status", "critical", "n", "noise")
        controls += ("seed", "loss", "standardize")
        for name in (*controls, "reset", "slower", "faster"):
            getattr(self, name).add_class(f"mlcourse-{name}")
        self.widget.add_class("mlcourse-playground")

    @property
    def critical_rate(self) -> float:
        """η_crit = 2(1 + β)/λ_max of the current data, loss and momentum β."""
        return kernels.critical_rate(self.surface.hessian, self.momentum.value)

    def restore_defaults(self) -> None:
        """Put every control back where it started, with one redraw rather than one per control."""
        d = self._defaults
        self._muted = True
        try:
            self.n.value, self.noise.value, self.seed.value = d["n"], d["noise"], d["seed"]
            self.loss.value, self.epochs.value = d["loss"], d["epochs"]
            self.momentum.value, self.standardize.value = d["momentum"], d["standardize"]
        finally:
            self._muted = False
        # A full redraw costs a few hundred ms: skip it when the data are the ones drawn (a reset
        # after moving only η).
        with self._one_message():
            if self._data_settings() != self._drawn:
                self.surface, self.view = self._draw_data()
            self._set_eta(self._initial_eta())
            self.update()

    def update(self) -> None:
        """Recompute the run for the current η, epochs and momentum and repaint the views, and
        (drawn in the browser) the runs for every position of the η slider."""
        if self._muted:
            return
        with self._one_message():
            if self.drawing == "browser":
                self.plot.version += 1
            self.history = self._run()
        # Sent after the run itself, so the picture answers before the frames are computed
        # (tens of milliseconds, a few hundred at 5,000 epochs).
        if self.drawing == "browser":
            self.plot.frames = self._frames()

    def _one_message(self) -> contextlib.AbstractContextManager:
        """Changes of the picture sent together: the browser never draws a half-updated frame."""
        return self.plot.hold_sync() if self.drawing == "browser" else contextlib.nullcontext()

    def rate_grid(self) -> np.ndarray:
        """The η/η_crit values the slider stops at: 10^(−2 + 0.02·k), k = 0 … 125."""
        steps = round((self.rate.max - self.rate.min) / self.rate.step)
        return 10.0 ** (self.rate.min + self.rate.step * np.arange(steps + 1))

    def runs_for_every_rate(self) -> list[History]:
        """The run at every stop of the η slider (the η the slider would set there), with the
        current epochs and β: what the browser draws while the slider moves."""
        critical = self.critical_rate
        return [
            self.surface.trajectory(
                *self.run_start,
                eta=three_digits(rate * critical),
                epochs=self.epochs.value,
                warn=False,
                momentum=self.momentum.value,
            )
            for rate in self.rate_grid()
        ]

    def _frames(self) -> dict:
        frames = [self.view.marks(history) for history in self.runs_for_every_rate()]
        return frames_of(self.rate, self.rate_grid(), frames, self.plot.version)

    def _on_grid(self, rate: float) -> float:
        """``rate``, or the slider's stop it stands for (the browser computes stops in its own
        floating point): so the run is the very one the browser drew from the frames."""
        grid = self.rate_grid()
        nearest = grid[np.argmin(np.abs(grid - rate))]
        return float(nearest) if abs(nearest - rate) <= 1e-6 * rate else rate

    def _run_only(self) -> None:
        """A new η on the same data, epochs and β: the frames still hold."""
        if not self._muted:
            self.history = self._run()

    def _initial_eta(self) -> float:
        eta = self._defaults["eta"]
        if eta is None:
            return three_digits(DEFAULT_RATE * self.critical_rate)
        return _eta_in_range(eta, self.critical_rate)

    def _set_eta(self, eta: float, rate: float | None = None, place_slider: bool = True) -> None:
        """Show ``eta`` in the box and (unless told not to) place the slider at ``rate``, by
        default eta/η_crit; without a run."""
        self._syncing = True
        try:
            self.eta.value = eta
            if place_slider:
                self.rate.value = eta / self.critical_rate if rate is None else rate
        finally:
            self._syncing = False

    def _rate_moved(self) -> None:
        # The slider keeps the rate it was given (η/η_crit of the run differs from it in the
        # fourth digit at most, as η is rounded): new data then keep exactly that rate. Its
        # value is never written back: during a drag that would pull the handle back to where
        # it was when the kernel got the message.
        if self._syncing:
            return
        rate = self._on_grid(self.rate.value)
        self._set_eta(three_digits(rate * self.critical_rate), place_slider=False)
        self._run_only()

    def _eta_typed(self) -> None:
        if self._syncing:
            return
        eta = self.eta.value
        low, high = (bound * self.critical_rate for bound in RATE_RANGE)
        if not low <= eta <= high:  # also NaN
            kept = min(max(eta, low), high) if eta == eta else low
            self._note = (
                f"η must lie between {low:.3g} and {high:.3g} here "
                f"({RATE_RANGE[0]:g} to {RATE_RANGE[1]:.3g} × η_crit): it was set to {kept:.3g}."
            )
            eta = kept
        self._set_eta(eta)
        self._run_only()

    def _momentum_moved(self) -> None:
        # η stays: β moves the critical rate, and so η/η_crit (the slider's handle).
        if self._muted:
            return
        eta = self.eta.value
        kept = _eta_in_range(eta, self.critical_rate, clip=True)
        if kept != eta:
            self._note = f"η was brought back to {kept:.3g}, inside the slider's range."
        self._set_eta(kept)
        self.update()

    def _scale_rate(self, factor: float) -> None:
        self.rate.value = float(np.clip(self.rate.value * factor, *RATE_RANGE))

    def _data_changed(self) -> None:
        if self._muted:
            return
        rate = self.rate.value
        with self._one_message():
            self.surface, self.view = self._draw_data()
            self._set_eta(three_digits(rate * self.critical_rate), rate)
            self._note = (
                f"New data or loss: η/η_crit kept at {rate:.3g}, so η is now {self.eta.value:.3g}."
            )
            self.update()

    def _data_settings(self) -> tuple:
        controls = (self.n, self.noise, self.seed, self.loss, self.standardize)
        return tuple(control.value for control in controls)

    def _draw_data(self) -> tuple[ErrorSurface, PlaygroundFigure]:
        self._drawn = self._data_settings()
        n, noise, seed, loss, standardized = self._drawn
        data = make_linear_data(n=n, slope=SLOPE, noise_std=noise, seed=seed)
        x, self.run_start = data.x, self.start
        if standardized:
            x, mean, std = scaling.standardize(data.x)
            w1, w0 = self.start
            self.run_start = (w1 * std, w0 + w1 * mean)
        surface = ErrorSurface(x, data.y, loss)
        view = PlaygroundFigure(x, data.y, surface, self.run_start, MAX_EPOCHS, standardized)
        if self.drawing == "browser":
            with self.plot.hold_sync():
                self.plot.background = view.still
                self.plot.width, self.plot.height = view.size
                self.plot.panels = view.panels
        return surface, view

    def _run(self) -> History:
        beta = self.momentum.value
        history = self.surface.trajectory(
            *self.run_start, eta=self.eta.value, epochs=self.epochs.value, warn=False, momentum=beta
        )
        formula = "2(1 + β)/λ<sub>max</sub>" if beta else "2/λ<sub>max</sub>"
        self.critical.value = f"η<sub>crit</sub> = {formula} = <b>{history.critical_rate:.3g}</b>"
        status = describe(history, self.epochs.value, self.surface.min_error)
        self.status.value = f"{status} {self._note}" if self._note else status
        self._note = ""
        if self.drawing == "browser":
            self.plot.marks = self.view.marks(history)
        else:
            self.plot.value = self.view.render(history)
        return history

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, with a still picture and the status for readers without a kernel."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["image/png"] = self.view.render(self.history)
        bundle["text/plain"] = f"Learning-rate playground (live with a kernel): {self.status.value}"
        return bundle


def playground(**kwargs) -> Playground:
    """Build a :class:`Playground`; in a notebook, leave it as the last line of a cell."""
    return Playground(**kwargs)


def _checked_defaults(n, noise_std, seed, eta, epochs, loss, error) -> dict:
    """The initial control values, refusing any a widget would silently clamp or reject."""
    if n not in N_CHOICES:
        raise ValueError(f"n must be one of {N_CHOICES}, got {n!r}")
    defaults = {
        "eta": None if eta is None else validation.positive_number("eta", eta),
        "epochs": validation.integer("epochs", epochs, minimum=1),
        "n": n,
        "noise": validation.real_number("noise_std", noise_std),
        "seed": validation.integer("seed", seed),
        "loss": validation.loss_kind(loss, error),
    }
    if defaults["epochs"] > MAX_EPOCHS:
        raise ValueError(f"epochs must be <= {MAX_EPOCHS}, got {epochs}")
    if not 0 <= defaults["noise"] <= MAX_NOISE:
        raise ValueError(f"noise_std must be between 0 and {MAX_NOISE:g}, got {noise_std}")
    return defaults


def _checked_method(momentum: object, standardize: object) -> dict:
    """The initial momentum and standardisation, refusing what the widgets would not show."""
    momentum = validation.momentum(momentum)
    if momentum > MAX_MOMENTUM:
        raise ValueError(f"momentum must be between 0 and {MAX_MOMENTUM}, got {momentum}")
    if not isinstance(standardize, bool | np.bool_):
        raise TypeError(
            f"standardize must be True or False, got {validation.describe(standardize)}"
        )
    return {"momentum": momentum, "standardize": bool(standardize)}


def _momentum_slider(momentum: float) -> widgets.FloatSlider:
    return widgets.FloatSlider(
        value=momentum,
        min=0.0,
        max=MAX_MOMENTUM,
        step=0.01,
        description="momentum β",
        continuous_update=True,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="380px"),
    )


def _eta_in_range(eta: float, critical_rate: float, clip: bool = False) -> float:
    """``eta`` if it lies in the slider's range for this critical rate; else clipped or refused."""
    low, high = (bound * critical_rate for bound in RATE_RANGE)
    if low <= eta <= high:
        return eta
    if clip:
        return min(max(eta, low), high)
    raise ValueError(
        f"eta must be between {low:.3g} and {high:.3g} for these data "
        f"({RATE_RANGE[0]:g} to {RATE_RANGE[1]:.3g} times the critical rate {critical_rate:.3g}), "
        f"got {eta}"
    )


def _epochs_slider(epochs: int) -> widgets.IntSlider:
    return widgets.IntSlider(
        value=epochs,
        min=1,
        max=MAX_EPOCHS,
        description="epochs",
        continuous_update=True,
        layout=widgets.Layout(width="420px"),
    )


def _data_controls(
    defaults: dict,
) -> tuple[
    widgets.SelectionSlider, widgets.FloatSlider, widgets.BoundedIntText, widgets.ToggleButtons
]:
    """N, noise, seed and the kind of loss: each change redraws the figure's background."""
    n = widgets.SelectionSlider(
        options=N_CHOICES, value=defaults["n"], description="N", continuous_update=False
    )
    noise = widgets.FloatSlider(
        value=defaults["noise"],
        min=0.0,
        max=MAX_NOISE,
        step=0.01,
        description="noise σ",
        continuous_update=False,
    )
    seed = widgets.BoundedIntText(
        value=defaults["seed"],
        min=0,
        max=99_999,
        description="seed",
        layout=widgets.Layout(width="160px"),
    )
    loss = widgets.ToggleButtons(
        options=[("SSE", "sse"), ("MSE", "mse")],
        tooltips=["SSE = ½·Σ(y − ŷ)²", "MSE = mean((y − ŷ)²), no ½"],
        value=defaults["loss"],
        description="loss",
        style={"button_width": "56px"},
        layout=widgets.Layout(display="flex", flex_flow="row nowrap", align_items="center"),
    )
    return n, noise, seed, loss
