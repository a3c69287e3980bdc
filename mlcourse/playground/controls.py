"""The playground's widgets: the controls, their layout, and the wiring to the figure.

Moving η or the epochs recomputes the whole run with
:meth:`~mlcourse.error_surface.ErrorSurface.trajectory` (O(epochs), whatever n is) and renders
it with the cached :class:`~mlcourse.playground.figure.PlaygroundFigure`; changing the data (N,
noise, seed, loss) builds a new surface and a new figure.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from mlcourse import validation
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
SLOPE = 3.0


class Playground:
    """Sliders for η and epochs, controls for the data, and the views that follow them.

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
        The initial (w1, w0), a deliberately bad line by default.

    Attributes
    ----------
    eta, epochs, n, noise, seed, loss, reset, slower, faster : ipywidgets controls.
    critical, status, plot : ipywidgets views (the critical rate, the status line, the picture).
    surface : ErrorSurface
        The error surface of the current data and loss.
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
    ) -> None:
        self._defaults = _checked_defaults(n, noise_std, seed, eta, epochs, loss, error)
        self.start = (
            validation.real_number("start[0]", start[0]),
            validation.real_number("start[1]", start[1]),
        )
        d = self._defaults
        self.eta, self.slower, self.faster = _rate_controls(d["eta"])
        self.epochs = _epochs_slider(d["epochs"])
        self.n, self.noise, self.seed, self.loss = _data_controls(d)
        self.reset = widgets.Button(description="Reset", icon="undo")
        self.critical, self.status = widgets.HTML(), widgets.HTML()
        self.plot = widgets.Image(
            format="png", layout=widgets.Layout(width="960px", height="288px")
        )
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.eta, self.slower, self.faster, self.critical]),
                self.epochs,
                widgets.HBox([self.n, self.noise, self.seed]),
                widgets.HBox([self.loss, self.reset]),
                self.status,
                self.plot,
            ]
        )
        self._add_css_classes()
        self._muted = False
        self._drawn: tuple = ()
        self.surface, self.view = self._draw_data()
        self.history = self._run()
        for control in (self.n, self.noise, self.seed, self.loss):
            control.observe(lambda change: self._data_changed(), names="value")
        for control in (self.eta, self.epochs):
            control.observe(lambda change: self.update(), names="value")
        self.reset.on_click(lambda button: self.restore_defaults())
        self.slower.on_click(lambda button: self._scale_eta(1 / ETA_STEP))
        self.faster.on_click(lambda button: self._scale_eta(ETA_STEP))

    def _add_css_classes(self) -> None:
        """Stable selectors for the page (and the browser tests): ``mlcourse-<attribute>``."""
        controls = ("eta", "epochs", "plot", "status", "critical", "n", "noise", "seed", "loss")
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
        finally:
            self._muted = False
        self._data_changed()

    def update(self) -> None:
        """Recompute the run for the current η and epochs and repaint the views."""
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
        return self.n.value, self.noise.value, self.seed.value, self.loss.value

    def _draw_data(self) -> tuple[ErrorSurface, PlaygroundFigure]:
        self._drawn = self._data_settings()
        n, noise, seed, loss = self._drawn
        data = make_linear_data(n=n, slope=SLOPE, noise_std=noise, seed=seed)
        surface = ErrorSurface(data.x, data.y, loss)
        self.critical.value = (
            f"η<sub>crit</sub> = 2/λ<sub>max</sub> = <b>{surface.critical_learning_rate:.3g}</b>"
        )
        return surface, PlaygroundFigure(data.x, data.y, surface, self.start, MAX_EPOCHS)

    def _run(self) -> History:
        history = self.surface.trajectory(
            *self.start, eta=self.eta.value, epochs=self.epochs.value, warn=False
        )
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
    )
    return n, noise, seed, loss
