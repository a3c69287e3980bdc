"""Every figure the lessons show, as pure functions that return a matplotlib ``Figure``.

Each function draws into ``ax`` when one is given (and returns its figure), or into a new
figure of its own. No pyplot state is touched, so the functions work the same in a notebook,
in a widget and in a test with the Agg backend.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from numpy.typing import ArrayLike

from mlcourse import kernels, validation
from mlcourse.error_surface import ErrorSurface
from mlcourse.kernels import Loss
from mlcourse.neuron import X0
from mlcourse.training import History

DATA_STYLE = {"s": 14, "color": "tab:red", "alpha": 0.5, "label": "data"}
LINE_COLOR = "tab:blue"


def new_axes(figsize: tuple[float, float] = (6.0, 4.0)) -> Axes:
    """One set of axes on a new figure that no pyplot state knows about."""
    figure = Figure(figsize=figsize, layout="constrained")
    return figure.add_subplot()


def plot_data(x: ArrayLike, y: ArrayLike, ax: Axes | None = None) -> Figure:
    """Scatter plot of the data, x1 against y."""
    x, y = validation.vectors(x=x, y=y)
    ax = ax if ax is not None else new_axes()
    ax.scatter(x, y, **DATA_STYLE)
    ax.set(xlabel="$x_1$ (input)", ylabel="$y$ (target)", title="The data")
    ax.grid(True, alpha=0.3)
    return ax.figure


def plot_line(
    x: ArrayLike,
    y: ArrayLike,
    w1: float,
    w0: float,
    ax: Axes | None = None,
    title: str = "The neuron's line",
) -> Figure:
    """The data with the line ŷ = w1·x1 + w0·x0 over it; the legend gives the line's SSE."""
    x, y = validation.vectors(x=x, y=y)
    w1 = validation.real_number("w1", w1)
    w0 = validation.real_number("w0", w0)
    ax = ax if ax is not None else new_axes()
    ends = np.array([0.0, 1.0]) if x.min() >= 0 and x.max() <= 1 else np.array([x.min(), x.max()])
    error = kernels.sse_of_residual(y - (w1 * x + w0 * X0))
    ax.scatter(x, y, **DATA_STYLE)
    ax.plot(
        ends,
        w1 * ends + w0 * X0,
        color=LINE_COLOR,
        lw=2,
        label=f"ŷ = {w1:.2f}·x₁ + {w0:.2f}\nSSE = {error:.2f}",
    )
    ax.set(xlabel="$x_1$", ylabel="$y$, $\\hat{y}$", title=title)
    ax.legend(loc="upper left", fontsize="small")
    ax.grid(True, alpha=0.3)
    return ax.figure


def plot_snapshots(
    x: ArrayLike, y: ArrayLike, history: History, every: int = 20, ncols: int = 5
) -> Figure:
    """Small multiples: the line used in every ``every``-th epoch, one panel each, shared axes."""
    x, y = validation.vectors(x=x, y=y)
    ncols = validation.integer("ncols", ncols, minimum=1)
    snapshots = history.snapshots(every)
    if not snapshots:
        raise ValueError("history has no epochs to show: train for at least one epoch")
    nrows = -(-len(snapshots) // ncols)
    figure = Figure(figsize=(2.4 * ncols, 2.0 * nrows + 0.4), layout="constrained")
    axes = figure.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
    ends = np.array([x.min(), x.max()])
    for ax, (epoch, w1, w0, error) in zip(axes, snapshots, strict=False):
        ax.scatter(x, y, s=4, color=DATA_STYLE["color"], alpha=0.4)
        ax.plot(ends, w1 * ends + w0 * X0, color=LINE_COLOR, lw=1.8)
        ax.set_title(f"epoch {epoch}: {history.loss.upper()} = {error:.1f}", fontsize="small")
        ax.grid(True, alpha=0.3)
    for ax in axes[len(snapshots) :]:
        ax.set_visible(False)
    low = min(y.min(), *(min(w0, w1 + w0) for _, w1, w0, _ in snapshots))
    high = max(y.max(), *(max(w0, w1 + w0) for _, w1, w0, _ in snapshots))
    margin = 0.05 * (high - low)
    axes[0].set_ylim(low - margin, high + margin)
    figure.suptitle(f"The line every {every} epochs (η = {history.eta:g})")
    return figure


def plot_error_curve(
    history: History,
    ax: Axes | None = None,
    log: bool = False,
    label: str | None = None,
    min_error: float | None = None,
) -> Figure:
    """The loss recorded each epoch, the axis named after it (SSE or MSE); ``log`` puts it on a
    log scale.

    ``min_error`` (the least-squares error) is drawn as a dashed line for comparison.
    """
    ax = ax if ax is not None else new_axes()
    ax.plot(np.arange(history.epochs_run), history.errors, lw=2, label=label)
    if min_error is not None:
        ax.axhline(min_error, color="black", ls="--", lw=1, label="least squares")
    if log:
        ax.set_yscale("log")
    ax.set(xlabel="epoch", ylabel=history.loss.upper(), title="Error during training")
    if label is not None or min_error is not None:
        ax.legend(fontsize="small")
    ax.grid(True, alpha=0.3)
    return ax.figure


def plot_error_curves(histories: Mapping[str, History], log: bool = True) -> Figure:
    """One error curve per run, side by side with their own axes, titled by their labels."""
    if not histories:
        raise ValueError("histories must hold at least one run")
    figure = Figure(figsize=(4.0 * len(histories), 3.4), layout="constrained")
    for ax, (label, history) in zip(
        figure.subplots(1, len(histories), squeeze=False)[0], histories.items(), strict=True
    ):
        plot_error_curve(history, ax=ax, log=log)
        verdict = "diverges" if history.diverged else "converges"
        ax.set_title(f"{label}: {verdict}", fontsize="medium")
    return figure


def plot_error_surface(
    x: ArrayLike,
    y: ArrayLike,
    path: ArrayLike | None = None,
    ax: Axes | None = None,
    w1_range: tuple[float, float] | None = None,
    w0_range: tuple[float, float] | None = None,
    arrows: int = 0,
    loss: Loss | None = None,
    *,
    error: Loss | None = None,
) -> Figure:
    """Contours of E(w1, w0), with an optional gradient-descent path and gradient arrows.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data that defines E.
    path : array_like, shape (k, 2), optional
        Successive (w1, w0), for example ``History.weights``.
    w1_range, w0_range : (float, float), optional
        Limits of the plot; by default they hold the optimum and the whole path.
    arrows : int
        If > 0, an ``arrows`` × ``arrows`` grid of arrows along −∇E, the way downhill.
    loss : {"sse", "mse"}, default "sse"
        The kind of loss; ``error`` is an alias of it.
    """
    x, y = validation.vectors(x=x, y=y)
    arrows = validation.integer("arrows", arrows)
    surface = ErrorSurface(x, y, loss, error=error)
    points = np.array([surface.optimum])
    if path is not None:
        path = np.asarray(path, dtype=np.float64)
        if path.ndim != 2 or path.shape[1] != 2:
            raise ValueError(f"path must have shape (k, 2), got {path.shape}")
        points = np.vstack([points, path])
    w1_range = w1_range or _padded(points[:, 0], surface.optimum[0])
    w0_range = w0_range or _padded(points[:, 1], surface.optimum[1])
    ax = ax if ax is not None else new_axes((6.0, 4.6))
    contours = draw_contours(ax, surface, w1_range, w0_range)
    ax.clabel(contours, contours.levels[::3], fontsize="x-small", fmt="%.0f")
    if arrows:
        a1, a0 = np.meshgrid(
            np.linspace(*w1_range, arrows + 2)[1:-1], np.linspace(*w0_range, arrows + 2)[1:-1]
        )
        g1, g0 = surface.gradient(a1, a0)
        # Unit arrows: the steepness is already in the contour spacing, the direction is the point.
        length = np.hypot(g1, g0)
        length[length == 0] = 1.0
        ax.quiver(
            a1,
            a0,
            -g1 / length,
            -g0 / length,
            color="tab:gray",
            alpha=0.8,
            pivot="middle",
            label="−∇E (downhill)",
        )
    if path is not None:
        ax.plot(
            path[:, 0], path[:, 1], ".-", color="tab:orange", ms=3, lw=1, label="gradient descent"
        )
        ax.plot(*path[0], "o", color="tab:orange", label="start")
    ax.set(title=f"The error surface E($w_1$, $w_0$) ({surface.loss.upper()})")
    ax.legend(loc="upper right", fontsize="small")
    return ax.figure


def draw_contours(
    ax: Axes,
    surface: ErrorSurface,
    w1_range: tuple[float, float],
    w0_range: tuple[float, float],
    resolution: int = 120,
):
    """Contour lines of ``surface`` over the given ranges, the optimum as a star; returns the
    contour set. Levels crowd towards the minimum (quadratic spacing), where the path ends."""
    w1_grid, w0_grid = np.meshgrid(
        np.linspace(*w1_range, resolution), np.linspace(*w0_range, resolution)
    )
    heights = surface(w1_grid, w0_grid)
    levels = surface.min_error + (heights.max() - surface.min_error) * np.linspace(0, 1, 16) ** 2
    contours = ax.contour(
        w1_grid, w0_grid, heights, levels=levels[1:], cmap="viridis", linewidths=1
    )
    ax.plot(*surface.optimum, "*", color="black", ms=12, label="least squares")
    ax.set(xlim=w1_range, ylim=w0_range, xlabel="$w_1$", ylabel="$w_0$")
    return contours


def _padded(values: np.ndarray, centre: float) -> tuple[float, float]:
    low, high = float(values.min()), float(values.max())
    half = max(high - centre, centre - low, 0.5) * 1.15
    return centre - half, centre + half


def plot_network() -> Figure:
    """The one-neuron network: inputs x1 and x0 = 1, weights w1 and w0, z, ŷ = linear(z), E."""
    figure = Figure(figsize=(7.5, 3.0), layout="constrained")
    ax = figure.add_subplot()
    ax.set(xlim=(0, 10.5), ylim=(0, 4), aspect="equal")
    ax.axis("off")
    nodes = {"x1": (1.0, 3.0), "x0": (1.0, 1.0), "z": (4.5, 2.0), "y_hat": (7.0, 2.0)}
    labels = {"x1": "$x_1$", "x0": "$x_0 = 1$", "z": "$z$", "y_hat": "$\\hat{y}$"}
    for key, (cx, cy) in nodes.items():
        color = "#dddddd" if key == "x0" else "#cfe3f7"
        ax.add_patch(Circle((cx, cy), 0.55, facecolor=color, edgecolor="black", lw=1.2))
        ax.text(cx, cy, labels[key], ha="center", va="center", fontsize=11)
    arrow = {"arrowstyle": "-|>", "lw": 1.5, "color": "black", "shrinkA": 24, "shrinkB": 24}
    for source, weight, offset in (("x1", "$w_1$", 0.35), ("x0", "$w_0$", -0.35)):
        ax.annotate("", xy=nodes["z"], xytext=nodes[source], arrowprops=arrow)
        mid_x = (nodes[source][0] + nodes["z"][0]) / 2
        mid_y = (nodes[source][1] + nodes["z"][1]) / 2 + offset
        ax.text(mid_x, mid_y, weight, ha="center", fontsize=12, color="tab:blue")
    ax.annotate("", xy=nodes["y_hat"], xytext=nodes["z"], arrowprops=arrow)
    ax.text(5.75, 2.3, "linear", ha="center", fontsize=9)
    ax.annotate("", xy=(8.4, 2.0), xytext=nodes["y_hat"], arrowprops={**arrow, "shrinkB": 0})
    ax.text(8.5, 2.0, "$E = \\frac{1}{2}\\sum (y - \\hat{y})^2$", va="center", fontsize=10)
    ax.text(4.5, 0.6, "$z = w_1 x_1 + w_0 x_0$", ha="center", fontsize=10)
    return figure


def plot_epochs_against_rate(
    ratios: ArrayLike,
    predicted: ArrayLike,
    measured: ArrayLike | None = None,
    optimum: float | None = None,
    ax: Axes | None = None,
    target: str = "1 %",
) -> Figure:
    """Epochs gradient descent needs to reach a target, against η as a fraction of η_crit.

    The curve is a lopsided V: slow for small η, fastest at η* = 2/(λ_min + λ_max), and slow
    again, much more steeply, as η nears the critical rate. The epochs are on a log scale.

    Parameters
    ----------
    ratios : array_like, shape (k,)
        η/η_crit of each point, in (0, 1] (past the critical rate no target is ever reached).
    predicted : array_like, shape (k,)
        The epochs each rate needs by the formula, drawn as a line.
    measured : array_like, shape (k,), optional
        The epochs each rate took in training, drawn as dots over the line.
    optimum : float, optional
        η*/η_crit, marked by a dashed vertical line.
    target : str
        What the epochs reach, for the labels (e.g. "1 %", the excess over E* left).
    """
    ratios, predicted = validation.vectors(ratios=ratios, predicted=predicted)
    validation.refuse_outside("ratios", ratios, (ratios <= 0) | (ratios > 1), "values in (0, 1]")
    validation.refuse_outside("predicted", predicted, predicted < 0, "epochs ≥ 0")
    ax = ax if ax is not None else new_axes()
    ax.plot(ratios, predicted, color=LINE_COLOR, lw=2, label="predicted")
    if measured is not None:
        ratios, measured = validation.vectors(ratios=ratios, measured=measured)
        ax.plot(ratios, measured, "o", color="tab:orange", ms=4, label="measured")
    if optimum is not None:
        optimum = validation.real_number("optimum", optimum)
        ax.axvline(optimum, color="black", ls="--", lw=1, label="η*")
    ax.set_yscale("log")
    ax.set(
        xlabel="η / η_crit",
        ylabel=f"epochs to within {target} of E*",
        title="Epochs needed against the learning rate",
        xlim=(0, 1),
    )
    ax.legend(fontsize="small")
    ax.grid(True, which="both", alpha=0.3)
    return ax.figure


def plot_error_surfaces(
    x: ArrayLike,
    y: ArrayLike,
    paths: Mapping[str, ArrayLike],
    loss: Loss | None = None,
) -> Figure:
    """One error surface per path, side by side over the same window, titled by their labels:
    two ways down the same valley, compared at a glance.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data that defines E.
    paths : mapping of str to array_like, shape (k, 2)
        Successive (w1, w0) of each run, for example ``History.weights``, by label.
    loss : {"sse", "mse"}, default "sse"
    """
    if not paths:
        raise ValueError("paths must hold at least one path")
    x, y = validation.vectors(x=x, y=y)
    arrays = {}
    for label, path in paths.items():
        array = np.asarray(path, dtype=np.float64)
        if array.ndim != 2 or array.shape[1] != 2 or len(array) == 0:
            raise ValueError(f"path {label!r} must have shape (k, 2), got {array.shape}")
        arrays[label] = array
    optimum = ErrorSurface(x, y, loss).optimum
    points = np.vstack([np.array([optimum]), *arrays.values()])
    w1_range = _padded(points[:, 0], optimum[0])
    w0_range = _padded(points[:, 1], optimum[1])
    figure = Figure(figsize=(5.0 * len(arrays), 4.4), layout="constrained")
    for ax, (label, path) in zip(
        figure.subplots(1, len(arrays), squeeze=False)[0], arrays.items(), strict=True
    ):
        plot_error_surface(x, y, path=path, ax=ax, w1_range=w1_range, w0_range=w0_range, loss=loss)
        ax.set_title(label, fontsize="medium")
    return figure
