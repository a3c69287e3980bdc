"""The playground's widgets: the controls, their layout, and the wiring to the figure.

Moving η, the epochs or the momentum recomputes the whole run with
:meth:`~mlcourse.error_surface.ErrorSurface.trajectory` (O(epochs), whatever n is) and renders
it with the cached :class:`~mlcourse.playground.figure.PlaygroundFigure`; changing the data (N,
noise, seed, loss, standardised x or not) builds a new surface and a new figure.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from mlcourse import scaling, validation
from mlcourse.data import make_linear_data
from mlcourse.error_surface import ErrorSurface
from mlcourse.kernels import Loss
from mlcourse.playground.figure import PlaygroundFigure
from mlcourse.playground.status import describe
from mlcourse.training import History

N_CHOICES = (20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 100_000, 1_000_000)
MAX_EPOCHS = 5_000
MAX_NOISE = 1.0
ETA_RANGE = (1e-7, 10.0)
ETA_STEP = 10**0.1
"""Factor by which the ◀ and ▶ buttons change η (a tenth of a decade)."""
MAX_MOMENTUM = 0.99
SLOPE = 3.0


class Playground:
    """Sliders for η, epochs and momentum, controls for the data, and the views that follow them.

    Parameters
    ----------
    n, noise_std, seed : data passed to :func:`mlcourse.make_linear_data` (slope 3).
    eta : float
        Initial learning rate.
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

    Attributes
    ----------
    eta, epochs, momentum, n, noise, seed, loss, standardize, reset, slower, faster :
        ipywidgets controls.
    critical, status, plot : ipywidgets views (the critical rate, the status line, the picture).
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
        eta: float = 0.001,
        epochs: int = 300,
        loss: Loss | None = None,
        start: tuple[float, float] = (-2.5, 1.9),
        *,
        error: Loss | None = None,
        momentum: float = 0.0,
        standardize: bool = False,
    ) -> None:
        self._defaults = _checked_defaults(n, noise_std, seed, eta, epochs, loss, error)
        self._defaults |= _checked_method(momentum, standardize)
        self.start = (
            validation.real_number("start[0]", start[0]),
            validation.real_number("start[1]", start[1]),
        )
        d = self._defaults
        self.eta, self.slower, self.faster = _rate_controls(d["eta"])
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
        self.plot = widgets.Image(
            format="png", layout=widgets.Layout(width="960px", height="288px")
        )
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.eta, self.slower, self.faster, self.critical]),
                widgets.HBox([self.epochs, self.momentum]),
                widgets.HBox([self.n, self.noise, self.seed]),
                widgets.HBox([self.loss, self.standardize, self.reset]),
                self.status,
                self.plot,
            ]
        )
        self._add_css_classes()
        self._muted = False
        self._drawn: tuple = ()
        self.surface, self.view = self._draw_data()
        self.history = self._run()
        for control in (self.n, self.noise, self.seed, self.loss, self.standardize):
            control.observe(lambda change: self._data_changed(), names="value")
        for control in (self.eta, self.epochs, self.momentum):
            control.observe(lambda change: self.update(), names="value")
        self.reset.on_click(lambda button: self.restore_defaults())
        self.slower.on_click(lambda button: self._scale_eta(1 / ETA_STEP))
        self.faster.on_click(lambda button: self._scale_eta(ETA_STEP))

    def _add_css_classes(self) -> None:
        """Stable selectors for the page (and the browser tests): ``mlcourse-<attribute>``."""
        controls = ("eta", "epochs", "momentum", "plot", "status", "critical", "n", "noise")
        controls += ("seed", "loss", "standardize")
        for name in (*controls, "reset", "slower", "faster"):
            getattr(self, name).add_class(f"mlcourse-{name}")
        self.widget.add_class("mlcourse-playground")

    def restore_defaults(self) -> None:
        """Put every control back where it started, with one redraw rather than one per control."""
        d = self._defaults
        self._muted = True
        try:
            self.n.value, self.noise.value, self.seed.value = d["n"], d["noise"], d["seed"]
            self.loss.value, self.eta.value, self.epochs.value = d["loss"], d["eta"], d["epochs"]
            self.momentum.value, self.standardize.value = d["momentum"], d["standardize"]
        finally:
            self._muted = False
        self._data_changed()

    def update(self) -> None:
        """Recompute the run for the current η, epochs and momentum and repaint the views."""
        if not self._muted:
            self.history = self._run()

    def _scale_eta(self, factor: float) -> None:
        self.eta.value = float(np.clip(self.eta.value * factor, 10**self.eta.min, 10**self.eta.max))

    def _data_changed(self) -> None:
        # A full redraw costs a few hundred ms: skip it when the data are the ones drawn (a reset
        # after moving only η).
        if not self._muted and self._data_settings() != self._drawn:
            self.surface, self.view = self._draw_data()
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
        return surface, view

    def _run(self) -> History:
        beta = self.momentum.value
        history = self.surface.trajectory(
            *self.run_start, eta=self.eta.value, epochs=self.epochs.value, warn=False, momentum=beta
        )
        formula = "2(1 + β)/λ<sub>max</sub>" if beta else "2/λ<sub>max</sub>"
        self.critical.value = f"η<sub>crit</sub> = {formula} = <b>{history.critical_rate:.3g}</b>"
        self.status.value = describe(history, self.epochs.value, self.surface.min_error)
        self.plot.value = self.view.render(history)
        return history

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, with a still picture and the status for readers without a kernel."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["image/png"] = bytes(self.plot.value)  # the widget holds a memoryview
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
        "eta": validation.positive_number("eta", eta),
        "epochs": validation.integer("epochs", epochs, minimum=1),
        "n": n,
        "noise": validation.real_number("noise_std", noise_std),
        "seed": validation.integer("seed", seed),
        "loss": validation.loss_kind(loss, error),
    }
    if not ETA_RANGE[0] <= defaults["eta"] <= ETA_RANGE[1]:
        raise ValueError(f"eta must be between {ETA_RANGE[0]:g} and {ETA_RANGE[1]:g}, got {eta}")
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


def _rate_controls(eta: float) -> tuple[widgets.FloatLogSlider, widgets.Button, widgets.Button]:
    """The η slider (log scale) and the ◀ ▶ buttons that step it where keys cannot."""
    slider = widgets.FloatLogSlider(
        value=eta,
        base=10,
        min=np.log10(ETA_RANGE[0]),
        max=np.log10(ETA_RANGE[1]),
        step=0.02,
        description="η",
        readout_format=".3g",
        continuous_update=True,
        layout=widgets.Layout(width="600px"),
    )
    slower, faster = (
        widgets.Button(description=symbol, tooltip=tip, layout=widgets.Layout(width="36px"))
        for symbol, tip in (("◀", "η smaller"), ("▶", "η larger"))
    )
    return slider, slower, faster


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
