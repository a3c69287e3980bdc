"""The classifier playground (lessons 8–11): data in the plane, a model, a loss, η and epochs.

It shows the decision regions (each cell of a grid coloured by the class the model gives it,
paler where the model is less sure), the training points, the loss curve, the accuracy on the
training points and on fresh points from the same distribution, and a status line that says in
words what the run did (diverged, overfitting, stalled, converged, still learning).

Training reruns on every move. A move answers within ``CHUNK_SECONDS`` of training: longer runs
go on in further chunks between which the kernel handles the next move (a newer move abandons an
older run), each chunk drawn as it ends; fewer epochs restart from a snapshot and more epochs
continue where the run stopped. Drawing is the learning-rate playground's
:class:`~mlcourse.playground.browser_figure.BrowserFigure`: a still picture of the axes, and the
regions (a grid of colours), the points and the curve sent as binary arrays.

In a notebook: ``from mlcourse.playground import classifier_playground;
classifier_playground(lesson=8)``.
"""

from __future__ import annotations

import asyncio
import contextlib

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure

from mlcourse import validation
from mlcourse.data import Blobs
from mlcourse.playground.browser_figure import (
    BrowserFigure,
    image_mark,
    panel_of,
    png_of,
    points_mark,
    text_mark,
    thin_line_mark,
)
from mlcourse.playground.classifier_training import (
    CLASSIFIER_LOSSES,
    DATA_KINDS,
    DEFAULT_NOISE,
    MAX_UNITS,
    MODELS,
    Classifier,
    HiddenLayerClassifier,
    LinearClassifier,
    Training,
    accuracy,
    confidently_wrong_start,
    describe_run,
    fresh_points,
    make_points,
)
from mlcourse.playground.rate_controls import ETA_STEP, RATE_RANGE, rate_controls, three_digits

N_CHOICES = (50, 100, 200, 500, 1_000)
START_KINDS = ("small", "wrong")
MAX_EPOCHS = 3_000
MAX_NOISE = 2.0
CLASS_COLORS = ("tab:blue", "tab:orange", "tab:green")
GRID = 120
"""Cells per side of the decision-region grid."""
CHUNK_SECONDS = 0.03
"""Training per kernel turn, so that a move is answered (and the next one heard) quickly."""
LESSONS = {
    8: {"data": "two blobs", "model": "sigmoid", "loss": "sse", "start": "wrong", "epochs": 100},
    9: {"data": "three blobs", "model": "softmax", "loss": "sse", "start": "wrong", "epochs": 50},
    10: {"data": "rings", "model": "softmax", "loss": "cross-entropy", "epochs": 300},
    11: {"data": "moons", "model": "hidden", "units": 4, "rate": 0.3, "epochs": 1_000},
}
"""Each lesson's starting settings: lessons 8 and 9 start confidently wrong with the SSE (its
plateau; the cross-entropy is a click away), lesson 10 shows what a straight boundary cannot do
with two rings (the hidden layer is a click away), lesson 11 starts from its own network: four
tanh units on the moons, 1,000 epochs."""
HIDDEN_NOTE = (
    "The hidden layer trains with the cross-entropy from lesson 11's random start: the loss "
    "and start buttons apply to the single-layer models."
)


class ClassifierFigure:
    """The still picture for one data set, and the marks of a run over it.

    Parameters
    ----------
    points : Blobs
        The training points (their extent sets the data panel's limits, on equal scales).
    start_error : float
        The loss at the start: the loss panel's scale is set from it.
    size : (int, int)
        Width and height in pixels.
    """

    def __init__(self, points: Blobs, start_error: float, size: tuple[int, int] = (900, 360)):
        dpi = 80
        self.figure = Figure(figsize=(size[0] / dpi, size[1] / dpi), dpi=dpi, layout="constrained")
        self._canvas = FigureCanvasAgg(self.figure)
        ax_data, ax_loss = self.figure.subplots(1, 2, width_ratios=(1.2, 1))
        low, high = points.X.min(axis=0), points.X.max(axis=0)
        margin = 0.08 * (high - low).max()
        ax_data.set(
            xlim=(low[0] - margin, high[0] + margin),
            ylim=(low[1] - margin, high[1] + margin),
            aspect="equal",
            xlabel="$x_1$",
            ylabel="$x_2$",
            title=f"decision regions ({len(points.labels):,} training points)",
        )
        ax_loss.set(
            xscale="log",
            yscale="log",
            xlim=(1, MAX_EPOCHS),
            ylim=(1e-4 * start_error, 3 * start_error),
            xlabel="epoch",
            ylabel="loss",
            title="loss curve",
        )
        ax_loss.grid(True, alpha=0.3)
        self._canvas.draw()
        self.still = png_of(self._canvas)
        self.size = size
        self.panels = [panel_of(ax, size[1]) for ax in (ax_data, ax_loss)]
        (x0, x1), (y0, y1) = ax_data.get_xlim(), ax_data.get_ylim()
        self.extent = (x0, x1, y0, y1)
        # Cell centres, row 0 at the bottom (y0).
        xs = x0 + (np.arange(GRID) + 0.5) * (x1 - x0) / GRID
        ys = y0 + (np.arange(GRID) + 0.5) * (y1 - y0) / GRID
        grid_x, grid_y = np.meshgrid(xs, ys)
        self.grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
        self.points = points
        self._ax_data, self._ax_loss = ax_data, ax_loss

    def regions(self, probabilities: np.ndarray) -> np.ndarray:
        """The grid's colours, shape (GRID, GRID, 4) uint8: each cell the colour of its most
        probable class, from pale (as sure as a coin) to strong (sure)."""
        classes = probabilities.shape[1]
        winner = np.argmax(probabilities, axis=1)
        sure = (probabilities.max(axis=1) - 1 / classes) / (1 - 1 / classes)
        strength = (0.15 + 0.45 * sure)[:, None]
        colours = np.array([to_rgb(c) for c in CLASS_COLORS])[winner]
        rgb = 255 * ((1 - strength) + strength * colours)
        rgba = np.concatenate([rgb, np.full((rgb.shape[0], 1), 255.0)], axis=1)
        return np.round(rgba).astype(np.uint8).reshape(GRID, GRID, 4)

    def marks(self, probabilities: np.ndarray, errors: list, scores: str) -> dict:
        """The regions, the points, the loss curve and the accuracies, as marks."""
        errors = np.asarray(errors)
        colours = [to_hex(c) for c in CLASS_COLORS]
        return {
            "regions": image_mark(0, self.regions(probabilities), self.extent),
            "points": points_mark(0, *self.points.X.T, self.points.labels, colours, size=6),
            "loss": thin_line_mark(
                self.panels, 1, np.arange(1, errors.size + 1), errors, "#d62728", width=2
            ),
            "accuracy": text_mark(0, (0.02, 0.98), scores),
        }

    def render(self, probabilities: np.ndarray, errors: list, scores: str) -> bytes:
        """The whole picture of a run as PNG (for readers without a kernel)."""
        regions = self._ax_data.imshow(
            self.regions(probabilities), extent=self.extent, origin="lower", zorder=0
        )
        colours = np.array([to_rgb(c) for c in CLASS_COLORS])[self.points.labels]
        dots = self._ax_data.scatter(*self.points.X.T, c=colours, s=14, edgecolors="#222")
        text = self._ax_data.text(
            0.02,
            0.98,
            scores,
            transform=self._ax_data.transAxes,
            va="top",
            bbox={"fc": "white", "alpha": 0.8},
        )
        (curve,) = self._ax_loss.plot(np.arange(1, len(errors) + 1), errors, color="tab:red")
        self._canvas.draw()
        picture = png_of(self._canvas)
        for artist in (regions, dots, text, curve):
            artist.remove()
        return picture


class ClassifierPlayground:
    """Data, model, loss, η and epochs; the regions, the loss curve and the accuracies follow.

    Parameters
    ----------
    data : {"two blobs", "three blobs", "rings", "moons"}
    n : int
        Training points, one of ``N_CHOICES``.
    noise : float or None
        The spread of the points (None: the kind's usual one, ``DEFAULT_NOISE``).
    seed : int
    model : {"sigmoid", "softmax", "hidden"}
        A sigmoid neuron (two classes only), a softmax layer, or lesson 11's network: a hidden
        layer of tanh units under a softmax, trained with the cross-entropy only (see
        :class:`~mlcourse.playground.classifier_training.HiddenLayerClassifier`).
    units : int
        The hidden layer's units, 1 to ``MAX_UNITS`` (used by the hidden model).
    loss : {"sse", "cross-entropy"}
        The single-layer models' loss (the hidden layer's is the cross-entropy).
    rate : float
        η in units of η_ref = 2/(c·λ_max(X̃ᵀX̃)), the largest rate at which every step of a
        single-layer model lowers the loss on these inputs (c = ¼ for the sigmoid, ½ for the
        softmax); for the hidden layer, the same formula with the hidden units' outputs at the
        start in place of the inputs, 2/(½·λ_max(h̃ᵀh̃)): the output layer's edge, which at the
        start is the network's.
    epochs : int
        1 to ``MAX_EPOCHS``.
    start : {"small", "wrong"}
        Small random weights, or weights that put every class mean confidently on the wrong
        side (lesson 8's start: the SSE's plateau); the hidden layer always starts from
        lesson 11's ``init_classifier``.

    Attributes
    ----------
    rate, eta, epochs, data, n, noise, seed, model, units, loss, start, reset, slower, faster :
        ipywidgets controls (the η slider carries the CSS class ``mlcourse-eta``).
    reference, status : ipywidgets.HTML
        η_ref with its formula, and the status line (``mlcourse-status``).
    plot : BrowserFigure
        The picture (``mlcourse-plot``).
    training : Training
        The run shown.
    train_accuracy, fresh_accuracy : float
    widget : ipywidgets.VBox
    """

    def __init__(
        self,
        data: str = "two blobs",
        n: int = 200,
        noise: float | None = None,
        seed: int = 0,
        model: str = "sigmoid",
        units: int = 4,
        loss: str = "cross-entropy",
        rate: float = 0.5,
        epochs: int = 300,
        start: str = "small",
    ) -> None:
        data = validation.choice("data", data, DATA_KINDS)
        self._defaults = {
            "data": data,
            "n": _one_of_n(n),
            "noise": DEFAULT_NOISE[data] if noise is None else _noise(noise),
            "seed": validation.integer("seed", seed),
            "model": validation.choice("model", model, MODELS),
            "units": _units(units),
            "loss": validation.choice("loss", loss, CLASSIFIER_LOSSES),
            "rate": _rate(rate),
            "epochs": _epochs(epochs),
            "start": validation.choice("start", start, START_KINDS),
        }
        if self._defaults["model"] == "sigmoid" and data == "three blobs":
            raise ValueError(
                "model='sigmoid' separates two classes: use data='two blobs' or "
                "'rings' or 'moons', or model='softmax' or 'hidden'"
            )
        d = self._defaults
        self.data = widgets.Dropdown(options=DATA_KINDS, value=d["data"], description="data")
        self.n = widgets.SelectionSlider(
            options=N_CHOICES, value=d["n"], description="N", continuous_update=False
        )
        self.noise = widgets.FloatSlider(
            value=d["noise"],
            min=0.0,
            max=MAX_NOISE,
            step=0.05,
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
        self.model = widgets.ToggleButtons(
            options=[
                ("sigmoid neuron", "sigmoid"),
                ("softmax", "softmax"),
                ("hidden layer", "hidden"),
            ],
            value=d["model"],
            description="model",
            style={"button_width": "130px"},
        )
        self.units = widgets.IntSlider(
            value=d["units"],
            min=1,
            max=MAX_UNITS,
            description="tanh units",
            continuous_update=False,
            layout=widgets.Layout(width="300px"),
        )
        self.start = widgets.ToggleButtons(
            options=[("small random", "small"), ("confidently wrong", "wrong")],
            value=d["start"],
            description="start",
            style={"button_width": "150px"},
        )
        self.loss = widgets.ToggleButtons(
            options=[("SSE", "sse"), ("cross-entropy", "cross-entropy")],
            value=d["loss"],
            description="loss",
            style={"button_width": "110px"},
            tooltips=["½·Σ(y − p)² of the probabilities", "−Σ ln p(own class)"],
        )
        self.rate, self.eta, self.slower, self.faster = rate_controls("ref", width="520px")
        self.rate.value = d["rate"]
        self.epochs = widgets.IntSlider(
            value=d["epochs"],
            min=1,
            max=MAX_EPOCHS,
            description="epochs",
            continuous_update=True,
            layout=widgets.Layout(width="420px"),
        )
        self.reset = widgets.Button(description="Reset", icon="undo")
        self.reference, self.status = widgets.HTML(), widgets.HTML()
        self.plot = BrowserFigure()
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.data, self.n, self.noise, self.seed]),
                widgets.HBox([self.model, self.units]),
                widgets.HBox([self.loss]),
                self.start,
                widgets.HBox([self.rate, self.slower, self.faster, self.eta, self.reference]),
                widgets.HBox([self.epochs, self.reset]),
                self.status,
                self.plot,
            ]
        )
        for name in (
            "rate",
            "eta",
            "epochs",
            "data",
            "n",
            "noise",
            "seed",
            "model",
            "units",
            "loss",
            "start",
            "reset",
            "slower",
            "faster",
            "reference",
            "status",
            "plot",
        ):
            css = {"rate": "eta", "eta": "eta-value"}.get(name, name)
            getattr(self, name).add_class(f"mlcourse-{css}")
        self.widget.add_class("mlcourse-classifier")
        self._generation = 0
        self._syncing = False
        self._note = ""
        self._enable_for_model()
        self._new_data()
        self._set_eta_from_rate()
        self._start_training(in_chunks=False)
        for control in (self.data, self.n, self.noise, self.seed):
            control.observe(self._data_changed, names="value")
        self.model.observe(self._model_changed, names="value")
        for control in (self.units, self.loss):
            control.observe(self._setting_changed, names="value")
        self.start.observe(lambda change: self._start_training(), names="value")
        self.rate.observe(lambda change: self._rate_moved(), names="value")
        self.eta.observe(lambda change: self._eta_typed(), names="value")
        self.epochs.observe(lambda change: self._epochs_moved(), names="value")
        self.slower.on_click(lambda button: self._scale_rate(1 / ETA_STEP))
        self.faster.on_click(lambda button: self._scale_rate(ETA_STEP))
        self.reset.on_click(lambda button: self.restore_defaults())

    # The data ---------------------------------------------------------------------------

    def _new_data(self) -> None:
        kind, n, noise, seed = self.data.value, self.n.value, self.noise.value, self.seed.value
        self.points = make_points(kind, n, noise, seed)
        self.fresh = fresh_points(kind, n, noise, seed)
        self.classes = 3 if kind == "three blobs" else 2
        start = self._classifier()
        error = start.error(start.initial(), self.points.X, self.points.labels)
        self.view = ClassifierFigure(self.points, error)
        with self.plot.hold_sync():
            self.plot.background = self.view.still
            self.plot.width, self.plot.height = self.view.size
            self.plot.panels = self.view.panels

    def _classifier(self) -> Classifier:
        if self.model.value == "hidden":
            return HiddenLayerClassifier(self.classes, self.units.value, self.seed.value)
        start = None
        if self.start.value == "wrong":
            start = confidently_wrong_start(self.model.value, self.points.X, self.points.labels)
        return LinearClassifier(
            self.model.value, self.loss.value, self.classes, self.seed.value, start
        )

    @property
    def reference_rate(self) -> float:
        """η_ref of the current model on the current inputs."""
        return self._classifier().reference_rate(self.points.X)

    def _enable_for_model(self) -> None:
        """The units slider for the hidden layer; the loss and start for the others."""
        hidden = self.model.value == "hidden"
        self.units.disabled = not hidden
        self.loss.disabled = self.start.disabled = hidden

    def _data_changed(self, change) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            if change["owner"] is self.data:
                self.noise.value = DEFAULT_NOISE[self.data.value]
                if self.data.value == "three blobs" and self.model.value == "sigmoid":
                    self.model.value = "softmax"
                    self._note = "A sigmoid neuron separates two classes: the model is now softmax."
        finally:
            self._syncing = False
        self._new_data()
        self._rate_kept()

    def _setting_changed(self, change) -> None:
        """New units or loss: a new run at the same η/η_ref (not while Reset sets them)."""
        if not self._syncing:
            self._rate_kept()

    def _model_changed(self, change) -> None:
        if self._syncing:
            return
        self._enable_for_model()
        if self.model.value == "hidden":
            self._note = HIDDEN_NOTE
        if self.model.value == "sigmoid" and self.classes == 3:
            self._syncing = True
            try:
                self.data.value = "two blobs"
                self.noise.value = DEFAULT_NOISE["two blobs"]
            finally:
                self._syncing = False
            self._note = "A sigmoid neuron separates two classes: the data are now two blobs."
            self._new_data()
        self._rate_kept()

    # η -----------------------------------------------------------------------------------

    def _set_eta_from_rate(self) -> None:
        self._syncing = True
        try:
            self.eta.value = three_digits(self.rate.value * self.reference_rate)
        finally:
            self._syncing = False
        formula = {
            "sigmoid": "2/(¼·λ<sub>max</sub>)",
            "softmax": "2/(½·λ<sub>max</sub>)",
            "hidden": "2/(½·λ<sub>max</sub>(h̃ᵀh̃)) at the start",
        }[self.model.value]
        self.reference.value = f"η<sub>ref</sub> = {formula} = <b>{self.reference_rate:.3g}</b>"

    def _rate_kept(self) -> None:
        """New data, model or loss: η/η_ref stays, η follows."""
        self._set_eta_from_rate()
        if not self._note:
            self._note = f"η/η_ref kept at {self.rate.value:.3g}, so η is now {self.eta.value:.3g}."
        self._start_training()

    def _rate_moved(self) -> None:
        if not self._syncing:
            self._set_eta_from_rate()
            self._start_training()

    def _eta_typed(self) -> None:
        if self._syncing:
            return
        reference = self.reference_rate
        eta = self.eta.value
        low, high = (bound * reference for bound in RATE_RANGE)
        if not low <= eta <= high:
            eta = min(max(eta, low), high) if eta == eta else low
            self._note = (
                f"η must lie between {low:.3g} and {high:.3g} here: it was set to {eta:.3g}."
            )
        self._syncing = True
        try:
            self.eta.value = eta
            self.rate.value = eta / reference
        finally:
            self._syncing = False
        self._start_training()

    def _scale_rate(self, factor: float) -> None:
        self.rate.value = float(np.clip(self.rate.value * factor, *RATE_RANGE))

    # Training ----------------------------------------------------------------------------

    def _start_training(self, in_chunks: bool = True) -> None:
        self.training = Training(
            self._classifier(),
            self.points.X,
            self.points.labels,
            self.eta.value,
            self.epochs.value,
        )
        self._run(in_chunks)

    def _epochs_moved(self) -> None:
        self.training.retarget(self.epochs.value)
        self._run(in_chunks=True)

    def _run(self, in_chunks: bool) -> None:
        """Train in chunks when a kernel's event loop can resume it, else to the end."""
        self._generation += 1
        loop = None
        if in_chunks:
            with contextlib.suppress(RuntimeError):
                loop = asyncio.get_running_loop()
        self._advance(self._generation, loop)

    def _advance(self, generation: int, loop) -> None:
        if generation != self._generation:
            return  # a newer move started another run
        done = self.training.advance(CHUNK_SECONDS if loop else None)
        self._show()
        if not done:
            loop.call_soon(self._advance, generation, loop)

    def _show(self) -> None:
        model, params = self.training.model, self.training.params
        self.train_accuracy = accuracy(model, params, self.points)
        self.fresh_accuracy = accuracy(model, params, self.fresh)
        scores = (
            f"training {100 * self.train_accuracy:.0f}% right\n"
            f"fresh {100 * self.fresh_accuracy:.0f}% right"
        )
        if self.training.done:
            status = describe_run(
                self.training, self.train_accuracy, self.fresh_accuracy, self.data.value
            )
            self.status.value = f"{status} {self._note}" if self._note else status
            self._note = ""
        else:
            self.status.value = (
                f"Training… epoch {self.training.epochs_run} of {self.training.epochs}."
            )
        # The status line first, then the picture, as the learning-rate playground sends them:
        # once a picture is drawn, the status line beside it is already its own.
        probabilities = model.probabilities(params, self.view.grid)
        self.plot.marks = self.view.marks(probabilities, self.training.errors, scores)

    def restore_defaults(self) -> None:
        """Every control back to where it started; one new run."""
        d = self._defaults
        self._syncing = True
        try:
            self.data.value, self.n.value, self.noise.value = d["data"], d["n"], d["noise"]
            self.seed.value, self.model.value, self.loss.value = d["seed"], d["model"], d["loss"]
            self.units.value = d["units"]
            self.rate.value, self.epochs.value = d["rate"], d["epochs"]
            self.start.value = d["start"]
        finally:
            self._syncing = False
        self._note = ""
        self._enable_for_model()
        self._new_data()
        self._set_eta_from_rate()
        self._start_training()

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, with a still picture and the status for readers without a kernel."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        model, params = self.training.model, self.training.params
        scores = (
            f"training {100 * self.train_accuracy:.0f}% right\n"
            f"fresh {100 * self.fresh_accuracy:.0f}% right"
        )
        bundle["image/png"] = self.view.render(
            model.probabilities(params, self.view.grid), self.training.errors, scores
        )
        bundle["text/plain"] = f"Classifier playground (live with a kernel): {self.status.value}"
        return bundle


def classifier_playground(lesson: int | None = None, **settings) -> ClassifierPlayground:
    """The classifier playground with a lesson's starting settings (``LESSONS``), changed by
    any keyword of :class:`ClassifierPlayground`."""
    if lesson is not None and lesson not in LESSONS:
        raise ValueError(f"lesson must be one of {sorted(LESSONS)} or None, got {lesson!r}")
    return ClassifierPlayground(**{**LESSONS.get(lesson, {}), **settings})


def _one_of_n(n: object) -> int:
    if n not in N_CHOICES:
        raise ValueError(f"n must be one of {N_CHOICES}, got {n!r}")
    return int(n)


def _units(units: object) -> int:
    units = validation.integer("units", units, minimum=1)
    if units > MAX_UNITS:
        raise ValueError(f"units must be between 1 and {MAX_UNITS}, got {units}")
    return units


def _noise(noise: object) -> float:
    noise = validation.non_negative_number("noise", noise)
    if noise > MAX_NOISE:
        raise ValueError(f"noise must be between 0 and {MAX_NOISE:g}, got {noise}")
    return noise


def _rate(rate: object) -> float:
    rate = validation.positive_number("rate", rate)
    if not RATE_RANGE[0] <= rate <= RATE_RANGE[1]:
        raise ValueError(
            f"rate must be between {RATE_RANGE[0]:g} and {RATE_RANGE[1]:.3g} (times η_ref), "
            f"got {rate}"
        )
    return rate


def _epochs(epochs: object) -> int:
    epochs = validation.integer("epochs", epochs, minimum=1)
    if epochs > MAX_EPOCHS:
        raise ValueError(f"epochs must be <= {MAX_EPOCHS}, got {epochs}")
    return epochs
