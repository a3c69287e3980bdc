"""Every figure the lessons show, as pure functions that return a matplotlib ``Figure``.

Each function draws into ``ax`` when one is given (and returns its figure), or into a new
figure of its own. No pyplot state is touched, so the functions work the same in a notebook,
in a widget and in a test with the Agg backend.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from numpy.typing import ArrayLike

from mlcourse import kernels, validation
from mlcourse.classifier_network import classifier_forward
from mlcourse.error_surface import ErrorSurface, loss_surface
from mlcourse.kernels import Loss
from mlcourse.network import NetworkHistory, mlp_forward, mlp_predict
from mlcourse.neuron import X0
from mlcourse.softmax_regression import class_probabilities
from mlcourse.training import History

DATA_STYLE = {"s": 14, "color": "tab:red", "alpha": 0.5, "label": "data"}
LINE_COLOR = "tab:blue"
PATH_COLORS = ("tab:orange", "tab:purple", "tab:green", "tab:brown", "tab:pink")


def new_axes(figsize: tuple[float, float] = (6.0, 4.0)) -> Axes:
    """One set of axes on a new figure that no pyplot state knows about."""
    figure = Figure(figsize=figsize, layout="constrained")
    return figure.add_subplot()


def new_axes_row(count: int = 2, figsize: tuple[float, float] = (11.0, 4.4)) -> list[Axes]:
    """``count`` sets of axes side by side on one new figure, for panels drawn by the functions
    below (each takes ``ax``), such as a path on the error surface beside its error curve."""
    count = validation.integer("count", count, minimum=1)
    figure = Figure(figsize=figsize, layout="constrained")
    return list(figure.subplots(1, count, squeeze=False)[0])


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
    excess: bool = False,
) -> Figure:
    """The loss recorded each epoch, the axis named after it (SSE, MSE or BCE).

    Parameters
    ----------
    history : History
    ax : Axes, optional
    log : bool
        Put the loss on a log scale.
    label : str, optional
        The curve's label in the legend (to compare runs drawn into one ``ax``).
    min_error : float, optional
        The least-squares error E*, drawn as a dashed line.
    excess : bool
        Plot E − E* (``min_error`` is then required) instead of E. On a log scale this shows
        what is left to gain: gradient descent shrinks it by a constant factor per epoch
        (linear convergence), a straight line, where log E flattens only because log E
        approaches log E*. Epochs whose excess is not positive (E* reached to rounding) are
        left out.
    """
    ax = ax if ax is not None else new_axes()
    name = history.loss.upper()
    values = history.errors
    if excess:
        if min_error is None:
            raise ValueError("excess=True plots E − E*: give min_error, the least error E*")
        values = history.errors - min_error
        values = np.where(values > 0, values, np.nan)
    ax.plot(np.arange(history.epochs_run), values, lw=2, label=label)
    if min_error is not None and not excess:
        ax.axhline(min_error, color="black", ls="--", lw=1, label="least squares")
    if log:
        ax.set_yscale("log")
    ylabel = f"{name} − {name}* (excess)" if excess else name
    ax.set(xlabel="epoch", ylabel=ylabel, title="Error during training")
    if label is not None or (min_error is not None and not excess):
        ax.legend(fontsize="small")
    ax.grid(True, alpha=0.3)
    return ax.figure


def plot_error_curves(
    histories: Mapping[str, History],
    log: bool = True,
    min_error: float | None = None,
    excess: bool = False,
) -> Figure:
    """One error curve per run, side by side with their own axes, titled by their labels.

    ``min_error`` and ``excess`` as in :func:`plot_error_curve`.
    """
    if not histories:
        raise ValueError("histories must hold at least one run")
    figure = Figure(figsize=(4.0 * len(histories), 3.4), layout="constrained")
    for ax, (label, history) in zip(
        figure.subplots(1, len(histories), squeeze=False)[0], histories.items(), strict=True
    ):
        plot_error_curve(history, ax=ax, log=log, min_error=min_error, excess=excess)
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
    paths: Mapping[str, ArrayLike] | None = None,
    eigenvectors: bool = False,
) -> Figure:
    """Contours of E(w1, w0) on equal-scale axes, with gradient-descent paths, gradient arrows
    and the axes of the elliptic contours.

    One unit of w1 is as long as one unit of w0 on the screen, and the arrows are drawn in those
    data coordinates: an arrow crosses its contour at a right angle, and the ellipses are as
    narrow as the condition number makes them.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data that defines E.
    path : array_like, shape (k, 2), optional
        Successive (w1, w0), for example ``History.weights``, labelled "gradient descent".
    w1_range, w0_range : (float, float), optional
        Limits of the plot; by default a square around the optimum that holds every path.
    arrows : int
        If > 0, an ``arrows`` × ``arrows`` grid of unit arrows along −∇E, the way downhill, each
        starting at its grid point (none at the minimum itself, where ∇E = 0).
    loss : {"sse", "mse"}, default "sse"
        The kind of loss; ``error`` is an alias of it.
    paths : mapping of str to array_like of shape (k, 2), optional
        More paths, drawn in other colours and labelled by their keys (e.g. with and without
        momentum).
    eigenvectors : bool
        Draw the two eigenvectors of H as the axes of one contour ellipse: the steep one
        (λ_max) and the slow one along the valley floor (λ_min), each from the optimum to the
        ellipse on both sides.
    """
    x, y = validation.vectors(x=x, y=y)
    arrows = validation.integer("arrows", arrows)
    surface = ErrorSurface(x, y, loss, error=error)
    drawn = {} if path is None else {"gradient descent": checked_path("path", path)}
    for label, points in (paths or {}).items():
        drawn[label] = checked_path(f"paths[{label!r}]", points)
    points = np.vstack([np.array([surface.optimum]), *drawn.values()])
    half = max(
        _half_width(points[:, 0], surface.optimum[0]), _half_width(points[:, 1], surface.optimum[1])
    )
    w1_range = w1_range or (surface.optimum[0] - half, surface.optimum[0] + half)
    w0_range = w0_range or (surface.optimum[1] - half, surface.optimum[1] + half)
    ax = ax if ax is not None else new_axes((6.0, 4.6))
    contours = draw_contours(ax, surface, w1_range, w0_range)
    ax.clabel(contours, contours.levels[::3], fontsize="x-small", fmt=level_label)
    if arrows:
        draw_gradient_arrows(ax, surface, w1_range, w0_range, arrows)
    if eigenvectors:
        draw_eigenvectors(ax, surface, contours.levels, w1_range, w0_range)
    for (label, points), color in zip(drawn.items(), PATH_COLORS * len(drawn), strict=False):
        ax.plot(points[:, 0], points[:, 1], ".-", color=color, ms=3, lw=1, label=label)
        ax.plot(*points[0], "o", color=color)
    if any(len(points) > 1 for points in drawn.values()):
        # one legend entry for the large dots, which mark where each path begins
        ax.plot([], [], "o", color="tab:gray", label="first point of each path")
    ax.set(title=f"The error surface E($w_1$, $w_0$) ({surface.loss.upper()})")
    ax.legend(loc="upper right", fontsize="small")
    return ax.figure


def level_label(level: float) -> str:
    """A contour's value as its label: whole numbers from 100 up (2,120), else 3 digits."""
    return f"{level:,.0f}" if abs(level) >= 100 else f"{level:.3g}"


def checked_path(name: str, path: ArrayLike) -> np.ndarray:
    """``path`` as a float array of shape (k, 2), k >= 1, or a ValueError naming it ``name``."""
    points = np.asarray(path, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2 or points.shape[0] == 0:
        raise ValueError(f"{name} must have shape (k, 2) with k >= 1, got {points.shape}")
    return points


def draw_gradient_arrows(
    ax: Axes,
    surface: ErrorSurface,
    w1_range: tuple[float, float],
    w0_range: tuple[float, float],
    count: int,
) -> None:
    """A count × count grid of unit arrows along −∇E, in data coordinates (``angles="xy"``,
    ``scale_units="xy"``), each starting at its grid point; on equal-scale axes each crosses
    its contour at a right angle."""
    a1, a0 = np.meshgrid(
        np.linspace(*w1_range, count + 2)[1:-1], np.linspace(*w0_range, count + 2)[1:-1]
    )
    g1, g0 = surface.gradient(a1, a0)
    # Unit arrows: the steepness is already in the contour spacing, the direction is the point.
    # At the minimum (the middle of an odd grid centred there) ∇E is rounding noise with no
    # direction: no arrow.
    length = np.hypot(g1, g0)
    keep = length > 1e-9 * length.max()
    spacing = min(np.ptp(w1_range), np.ptp(w0_range)) / (count + 1)
    ax.quiver(
        a1[keep],
        a0[keep],
        -g1[keep] / length[keep],
        -g0[keep] / length[keep],
        angles="xy",
        scale_units="xy",
        scale=1 / (0.7 * spacing),
        pivot="tail",
        width=0.004,
        color="tab:gray",
        alpha=0.8,
        label="−∇E (downhill)",
    )


def draw_eigenvectors(
    ax: Axes,
    surface: ErrorSurface,
    levels: np.ndarray,
    w1_range: tuple[float, float],
    w0_range: tuple[float, float],
) -> None:
    """The eigenvectors of H as the two axes of the largest drawn contour ellipse that fits.

    The ellipse E = E* + c has semi-axis √(2c/λ) along the eigenvector of eigenvalue λ.
    """
    w1_star, w0_star = surface.optimum
    room = min(
        w1_star - w1_range[0], w1_range[1] - w1_star, w0_star - w0_range[0], w0_range[1] - w0_star
    )
    inverse = np.linalg.inv(surface.hessian)
    # The ellipse's reach along w1 and w0 is √(2c·(H⁻¹)_ii): keep the largest level inside.
    reach = np.sqrt(2 * (levels - surface.min_error) * max(inverse[0, 0], inverse[1, 1]))
    fitting = levels[reach <= 0.95 * room]
    level = fitting[-1] if fitting.size else levels[0]
    excess = level - surface.min_error
    names = ("slow direction: λ_min", "steep direction: λ_max")
    for name, curvature, vector, color in zip(
        names, surface.eigenvalues, surface.eigenvectors.T, ("tab:green", "tab:red"), strict=True
    ):
        semi_axis = np.sqrt(2 * excess / curvature) * vector
        ends = np.array([surface.optimum - semi_axis, surface.optimum + semi_axis])
        ax.plot(ends[:, 0], ends[:, 1], color=color, lw=2, label=f"{name} = {curvature:.3g}")


def draw_contours(
    ax: Axes,
    surface: ErrorSurface,
    w1_range: tuple[float, float],
    w0_range: tuple[float, float],
    resolution: int = 120,
):
    """Contour lines of ``surface`` over the given ranges on equal-scale axes, the optimum as a
    star; returns the contour set. Levels crowd towards the minimum (quadratic spacing), where
    the path ends."""
    w1_grid, w0_grid = np.meshgrid(
        np.linspace(*w1_range, resolution), np.linspace(*w0_range, resolution)
    )
    heights = surface(w1_grid, w0_grid)
    levels = surface.min_error + (heights.max() - surface.min_error) * np.linspace(0, 1, 16) ** 2
    contours = ax.contour(
        w1_grid, w0_grid, heights, levels=levels[1:], cmap="viridis", linewidths=1
    )
    # Above every path (zorder) and hollow: a cluster of points on the optimum neither hides the
    # star nor is hidden by it.
    ax.plot(
        *surface.optimum,
        "*",
        markerfacecolor="none",
        markeredgecolor="black",
        markeredgewidth=1.5,
        ms=16,
        zorder=10,
        label="least squares",
    )
    ax.set(xlim=w1_range, ylim=w0_range, xlabel="$w_1$", ylabel="$w_0$")
    ax.set_aspect("equal")
    return contours


def _half_width(values: np.ndarray, centre: float) -> float:
    low, high = float(values.min()), float(values.max())
    return max(high - centre, centre - low, 0.5) * 1.15


def plot_sigmoid_fit(
    x: ArrayLike,
    y: ArrayLike,
    w1: float,
    w0: float,
    ax: Axes | None = None,
    title: str = "The sigmoid neuron",
) -> Figure:
    """Two classes (labels 0 and 1 against x1) with ŷ = σ(w1·x1 + w0) and the decision boundary.

    The boundary is where ŷ = ½, that is z = 0: x1 = −w0/w1 (none when w1 = 0). The legend
    gives the curve's cross-entropy.
    """
    x = validation.vector("x", x)
    y = validation.binary_labels("y", y)
    validation.same_number_of_points(x=x, y=y)
    w1 = validation.real_number("w1", w1)
    w0 = validation.real_number("w0", w0)
    ax = ax if ax is not None else new_axes()
    span = x.max() - x.min()
    grid = np.linspace(x.min() - 0.05 * span, x.max() + 0.05 * span, 400)
    for label, color in ((0, "tab:blue"), (1, "tab:red")):
        ax.scatter(
            x[y == label], y[y == label], s=14, alpha=0.5, color=color, label=f"class {label}"
        )
    error = kernels.bce_of_scores(y, w1 * x + w0 * X0)
    ax.plot(
        grid,
        kernels.sigmoid(w1 * grid + w0 * X0),
        color="black",
        lw=2,
        label=f"ŷ = σ({w1:.3g}·x₁ {'−' if w0 < 0 else '+'} {abs(w0):.3g})\nBCE = {error:.3g}",
    )
    ax.axhline(0.5, color="gray", ls=":", lw=1)
    if w1 != 0:
        boundary = -w0 * X0 / w1
        ax.axvline(
            boundary, color="tab:green", ls="--", lw=1.5, label=f"ŷ = ½ at x₁ = {boundary:.3g}"
        )
    ax.set(
        xlim=(grid[0], grid[-1]),
        ylim=(-0.08, 1.08),
        xlabel="$x_1$",
        ylabel="$y$, $\\hat{y}$ (probability of class 1)",
        title=title,
    )
    ax.legend(loc="center left", fontsize="small")
    ax.grid(True, alpha=0.3)
    return ax.figure


def plot_loss_surfaces(
    x: ArrayLike,
    y: ArrayLike,
    w1_range: tuple[float, float] = (-20.0, 20.0),
    w0_range: tuple[float, float] = (-20.0, 20.0),
    paths: Mapping[str, ArrayLike] | None = None,
    resolution: int = 121,
) -> Figure:
    """The sigmoid neuron's SSE and cross-entropy over (w1, w0), side by side, equal-scale axes.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Inputs and labels 0 or 1.
    w1_range, w0_range : (float, float)
        The grid's limits, the same for both panels.
    paths : mapping, optional
        ``{"sse": weights, "bce": weights}``: a path of (w1, w0) drawn on its loss's panel (either
        key may be left out), for example ``History.weights`` of a run on that loss.
    resolution : int
        Grid points along each axis, >= 2.

    Returns
    -------
    Figure
        Two axes: the SSE ½·Σ(y − σ(z))² on the left, the cross-entropy on the right. Contour
        levels crowd towards each panel's lowest value on the grid, marked with a star.
    """
    x = validation.vector("x", x)
    y = validation.binary_labels("y", y)
    validation.same_number_of_points(x=x, y=y)
    resolution = validation.integer("resolution", resolution, minimum=2)
    paths = {key: checked_path(f"paths[{key!r}]", value) for key, value in (paths or {}).items()}
    unknown = set(paths) - {"sse", "bce"}
    if unknown:
        raise ValueError(f"paths keys must be 'sse' or 'bce', got {sorted(unknown)}")
    w1_grid, w0_grid = np.meshgrid(
        np.linspace(*w1_range, resolution), np.linspace(*w0_range, resolution)
    )
    figure = Figure(figsize=(11.0, 4.8), layout="constrained")
    titles = {"sse": "SSE ½·Σ(y − ŷ)²: flat plateaus", "bce": "cross-entropy (BCE): convex"}
    for ax, loss in zip(figure.subplots(1, 2), ("sse", "bce"), strict=True):
        heights = loss_surface(x, y, w1_grid, w0_grid, "sigmoid", loss)
        low = heights.min()
        levels = low + (heights.max() - low) * np.linspace(0, 1, 16)[1:] ** 2
        ax.contour(w1_grid, w0_grid, heights, levels=levels, cmap="viridis", linewidths=1)
        lowest = np.unravel_index(np.argmin(heights), heights.shape)
        ax.plot(
            w1_grid[lowest], w0_grid[lowest], "*", color="black", ms=12, label="lowest on the grid"
        )
        if loss in paths:
            ax.plot(
                paths[loss][:, 0],
                paths[loss][:, 1],
                ".-",
                color=PATH_COLORS[0],
                ms=3,
                lw=1,
                label="gradient descent",
            )
            ax.plot(*paths[loss][0], "o", color=PATH_COLORS[0])
        ax.set(xlim=w1_range, ylim=w0_range, xlabel="$w_1$", ylabel="$w_0$", title=titles[loss])
        ax.set_aspect("equal")
        ax.legend(loc="upper right", fontsize="small")
    return figure


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


# Lessons 9 and 10: classes in the plane, and a hidden layer -----------------------------------

CLASS_COLORS = ("tab:blue", "tab:orange", "tab:green", "tab:purple", "tab:brown", "tab:pink")
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P")


def plot_classes(X: ArrayLike, labels: ArrayLike, ax: Axes | None = None) -> Figure:
    """The points (x1, x2) of each class in its own colour and marker, on equal axes."""
    X = validation.real_array("X", X, ndim=2, shape="(n, 2)")
    if X.shape[1] != 2:
        raise ValueError(f"X must have two columns (x1, x2), got shape {X.shape}")
    labels = validation.class_labels("labels", labels, len(CLASS_COLORS))
    validation.same_number_of_points(labels=labels, X=X)
    ax = ax if ax is not None else new_axes((5.5, 5.0))
    for k in range(int(labels.max()) + 1):
        ax.scatter(
            *X[labels == k].T,
            s=18,
            color=CLASS_COLORS[k],
            marker=CLASS_MARKERS[k],
            edgecolor="white",
            linewidth=0.4,
            label=f"class {k}",
        )
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title="The classes")
    ax.set_aspect("equal")
    ax.legend(loc="upper right", fontsize="small")
    ax.grid(True, alpha=0.3)
    return ax.figure


def plot_decision_regions(
    X: ArrayLike,
    labels: ArrayLike,
    W: ArrayLike,
    b: ArrayLike,
    ax: Axes | None = None,
    resolution: int = 200,
) -> Figure:
    """The class softmax(x·W + b) predicts at every point of the plane, shaded, with the data
    over it; the title gives the accuracy on the data.

    Parameters
    ----------
    X : array_like, shape (n, 2)
    labels : array_like of int, shape (n,)
    W : array_like, shape (2, K)
    b : array_like, shape (K,)
    resolution : int
        Grid cells along each axis; each cell shows the class predicted at its centre.
    """
    resolution = validation.integer("resolution", resolution, minimum=2)
    X = validation.real_array("X", X, ndim=2, shape="(n, 2)")
    predicted = np.argmax(class_probabilities(X, W, b), axis=1)
    classes = np.shape(W)[1]
    if classes > len(CLASS_COLORS):
        raise ValueError(f"W may have at most {len(CLASS_COLORS)} columns, got {classes}")
    ax = ax if ax is not None else new_axes((5.5, 5.0))
    shade_regions(
        ax,
        lambda grid: np.argmax(class_probabilities(grid, W, b), axis=1),
        classes,
        data_limits(X),
        resolution,
    )
    plot_classes(X, labels, ax=ax)
    accuracy = float(np.mean(predicted == np.asarray(labels)))
    ax.set_title(f"Decision regions: accuracy {accuracy:.1%}")
    return ax.figure


Limits = tuple[tuple[float, float], tuple[float, float]]
"""((x1_low, x1_high), (x2_low, x2_high)): the part of the plane a figure shows."""


def data_limits(X: np.ndarray) -> Limits:
    """The data's range along each axis, widened by a tenth of it plus 0.5 on each side."""
    low, high = X.min(axis=0), X.max(axis=0)
    margin = 0.1 * (high - low) + 0.5
    return (
        (float(low[0] - margin[0]), float(high[0] + margin[0])),
        (float(low[1] - margin[1]), float(high[1] + margin[1])),
    )


def checked_limits(limits: object) -> Limits:
    """``limits`` as ((x1_low, x1_high), (x2_low, x2_high)) of finite floats, low < high."""
    shape = np.shape(limits) if not isinstance(limits, str | bytes) else ()
    if shape != (2, 2):
        raise ValueError(f"limits must be ((x1_low, x1_high), (x2_low, x2_high)), got {limits!r}")
    checked = tuple(
        tuple(validation.real_number(f"limits[{i}][{k}]", limits[i][k]) for k in range(2))
        for i in range(2)
    )
    for i, (low, high) in enumerate(checked):
        if not low < high:
            raise ValueError(f"limits[{i}] must be (low, high) with low < high, got {(low, high)}")
    return checked  # type: ignore[return-value]


def shade_regions(
    ax: Axes,
    classes_at: Callable[[np.ndarray], np.ndarray],
    classes: int,
    limits: Limits,
    resolution: int,
) -> None:
    """Shade each cell of a grid over ``limits`` in the colour of the class
    ``classes_at(points)`` gives its centre (points of shape (m, 2)), and show just ``limits``."""
    (x1_low, x1_high), (x2_low, x2_high) = limits
    x1, x2 = np.meshgrid(
        np.linspace(x1_low, x1_high, resolution), np.linspace(x2_low, x2_high, resolution)
    )
    regions = classes_at(np.column_stack([x1.ravel(), x2.ravel()])).reshape(x1.shape)
    ax.pcolormesh(
        x1,
        x2,
        regions,
        cmap=ListedColormap(CLASS_COLORS[:classes]),
        vmin=-0.5,
        vmax=classes - 0.5,
        alpha=0.22,
        shading="nearest",
    )


def plot_accuracy_curves(
    accuracies: Mapping[str, ArrayLike],
    ax: Axes | None = None,
    log_epochs: bool = False,
    target: float | None = None,
) -> Figure:
    """The share of points classified right after each epoch, one curve per run.

    Parameters
    ----------
    accuracies : mapping of str to array_like, shape (epochs,)
        For each run (its label), ``accuracy[k]``: the share right after k updates.
    ax : Axes, optional
        Where to draw; a new figure when None.
    log_epochs : bool
        Draw the epochs on a symmetric log scale (linear from 0 to 1, logarithmic beyond), so that
        runs taking 3 and 3,000 epochs can be read on one axis.
    target : float, optional
        An accuracy to mark with a dashed horizontal line (such as 0.95).
    """
    if not accuracies:
        raise ValueError("accuracies must hold at least one run")
    ax = ax if ax is not None else new_axes()
    for label, accuracy in accuracies.items():
        accuracy = validation.vector(f"accuracies[{label!r}]", accuracy)
        ax.plot(np.arange(accuracy.size), accuracy, lw=2, label=label)
    if target is not None:
        target = validation.real_number("target", target)
        ax.axhline(target, color="tab:gray", ls="--", lw=1, label=f"{target:.0%}")
    if log_epochs:
        ax.set_xscale("symlog", linthresh=1.0)
        ax.set_xlim(0, max(np.size(accuracy) for accuracy in accuracies.values()))
    xlabel = "epoch (log scale beyond 1)" if log_epochs else "epoch"
    ax.set(xlabel=xlabel, ylabel="accuracy", ylim=(0.0, 1.02), title="Accuracy during training")
    ax.legend(fontsize="small")
    ax.grid(True, alpha=0.3)
    return ax.figure


def curve_grid(x: np.ndarray, points: int = 400) -> np.ndarray:
    """Evenly spaced inputs across the data's range, to draw a fitted curve smoothly."""
    return np.linspace(x.min(), x.max(), points)


def plot_network_fit(
    x: ArrayLike,
    y: ArrayLike,
    params: Mapping[str, object],
    line: tuple[float, float] | None = None,
    ax: Axes | None = None,
    title: str = "The network's fit",
) -> Figure:
    """The data with the network's curve ŷ(x) over it and, if given, the line w1·x + w0; the
    legend gives the SSE of each."""
    x, y = validation.vectors(x=x, y=y)
    ax = ax if ax is not None else new_axes()
    grid = curve_grid(x)
    ax.scatter(x, y, **DATA_STYLE)
    if line is not None:
        w1, w0 = validation.real_number("w1", line[0]), validation.real_number("w0", line[1])
        error = kernels.sse_of_residual(y - (w1 * x + w0 * X0))
        label = f"best line, SSE = {error:.2f}"
        ax.plot(grid, w1 * grid + w0 * X0, color="tab:gray", ls="--", lw=1.5, label=label)
    error = kernels.sse_of_residual(y - mlp_predict(x, params))
    label = f"network, SSE = {error:.2f}"
    ax.plot(grid, mlp_predict(grid, params), color=LINE_COLOR, lw=2, label=label)
    ax.set(xlabel="$x_1$", ylabel="$y$, $\\hat{y}$", title=title)
    ax.legend(loc="upper left", fontsize="small")
    ax.grid(True, alpha=0.3)
    return ax.figure


def plot_network_snapshots(
    x: ArrayLike, y: ArrayLike, history: NetworkHistory, ncols: int = 5
) -> Figure:
    """Small multiples: the network's curve at each epoch kept in ``history.snapshots``."""
    x, y = validation.vectors(x=x, y=y)
    ncols = validation.integer("ncols", ncols, minimum=1)
    if not history.snapshots:
        raise ValueError("history has no snapshots: train with snapshot_epochs=[...]")
    epochs = sorted(history.snapshots)
    ncols = min(ncols, len(epochs))
    nrows = -(-len(epochs) // ncols)
    figure = Figure(figsize=(2.6 * ncols, 2.2 * nrows + 0.4), layout="constrained")
    axes = figure.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
    grid = curve_grid(x)
    for ax, epoch in zip(axes, epochs, strict=False):
        params = history.snapshots[epoch]
        error = kernels.sse_of_residual(y - mlp_predict(x, params))
        ax.scatter(x, y, s=4, color=DATA_STYLE["color"], alpha=0.4)
        ax.plot(grid, mlp_predict(grid, params), color=LINE_COLOR, lw=1.8)
        ax.set_title(f"epoch {epoch}: SSE = {error:.2f}", fontsize="small")
        ax.grid(True, alpha=0.3)
    for ax in axes[len(epochs) :]:
        ax.set_visible(False)
    figure.suptitle(f"The network's curve during training (η = {history.eta:g})")
    return figure


def plot_hidden_contributions(
    x: ArrayLike, y: ArrayLike, params: Mapping[str, object], ax: Axes | None = None
) -> Figure:
    """Each hidden unit's contribution W2_j·h_j(x) as a thin curve, the output bias b2 as a
    dashed line, and their sum, the network's ŷ(x), as a thick one over the data."""
    x, y = validation.vectors(x=x, y=y)
    grid = curve_grid(x)
    h, y_hat = mlp_forward(grid, params)
    W2, b2 = np.asarray(params["W2"], dtype=np.float64), float(params["b2"])
    ax = ax if ax is not None else new_axes((7.0, 4.4))
    ax.scatter(x, y, s=10, color=DATA_STYLE["color"], alpha=0.25, label="data")
    for j in range(W2.size):
        ax.plot(grid, W2[j] * h[:, j], lw=1.2, alpha=0.85, label=f"unit {j + 1}: $W_2 h$")
    ax.axhline(b2, color="tab:gray", ls="--", lw=1, label="$b_2$")
    ax.plot(grid, y_hat, color="black", lw=2.5, label="sum = $\\hat{y}$")
    ax.set(
        xlabel="$x_1$",
        ylabel="contribution to $\\hat{y}$",
        title="What each hidden unit adds to the output",
    )
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
    ax.grid(True, alpha=0.3)
    return ax.figure


def plot_network_error_curve(
    history: NetworkHistory,
    line_error: float | None = None,
    noise_error: float | None = None,
    ax: Axes | None = None,
) -> Figure:
    """The network's SSE each epoch on a log scale, with the best line's SSE (its floor) and
    the SSE of the noise alone (the true curve's) as dashed lines, when given."""
    ax = ax if ax is not None else new_axes()
    ax.plot(np.arange(history.epochs_run), history.errors, lw=2, label="network")
    if line_error is not None:
        line_error = validation.real_number("line_error", line_error)
        ax.axhline(line_error, color="tab:gray", ls="--", lw=1.2, label="best line")
    if noise_error is not None:
        noise_error = validation.real_number("noise_error", noise_error)
        label = "noise alone (the true curve)"
        ax.axhline(noise_error, color="black", ls=":", lw=1.2, label=label)
    ax.set_yscale("log")
    ax.set(xlabel="epoch", ylabel="SSE", title="The network's error during training")
    ax.legend(fontsize="small")
    ax.grid(True, alpha=0.3, which="both")
    return ax.figure


# Lesson 11: a network that classifies -------------------------------------------------------


def plot_classifier_regions(
    X: ArrayLike,
    labels: ArrayLike,
    params: Mapping[str, object],
    ax: Axes | None = None,
    resolution: int = 200,
    limits: Limits | None = None,
    title: str = "Decision regions",
) -> Figure:
    """The class the network predicts (the largest of ``classifier_forward``'s P) at every point
    of the plane, shaded, with the points over it; the title gives the accuracy on these points.

    Parameters
    ----------
    X : array_like, shape (n, 2)
    labels : array_like of int, shape (n,)
    params : dict
        The network's ``"W1"`` (2, H), ``"b1"`` (H,), ``"W2"`` (H, K), ``"b2"`` (K,).
    resolution : int
        Grid cells along each axis; each cell shows the class predicted at its centre.
    limits : ((x1_low, x1_high), (x2_low, x2_high)), optional
        The part of the plane to show; by default the data's range and a margin.
    title : str
        The start of the title, before ": accuracy …".
    """
    resolution = validation.integer("resolution", resolution, minimum=2)
    X = validation.real_array("X", X, ndim=2, shape="(n, 2)")
    probabilities = classifier_forward(X, params)[1]  # checks params
    classes = probabilities.shape[1]
    if classes > len(CLASS_COLORS):
        raise ValueError(
            f'params["W2"] may have at most {len(CLASS_COLORS)} columns, got {classes}'
        )
    predicted = np.argmax(probabilities, axis=1)
    limits = data_limits(X) if limits is None else checked_limits(limits)
    ax = ax if ax is not None else new_axes((5.5, 5.0))
    shade_regions(
        ax,
        lambda grid: np.argmax(classifier_forward(grid, params)[1], axis=1),
        classes,
        limits,
        resolution,
    )
    plot_classes(X, labels, ax=ax)
    ax.set(xlim=limits[0], ylim=limits[1])
    accuracy = float(np.mean(predicted == np.asarray(labels)))
    ax.set_title(f"{title}: accuracy {accuracy:.1%}")
    return ax.figure


def line_in_box(normal: np.ndarray, offset: float, limits: Limits) -> np.ndarray | None:
    """The two ends of the segment of the line normal·x + offset = 0 inside ``limits``, shape
    (2, 2), or None when the line misses the box (or the normal is 0)."""
    if not np.any(normal):
        return None
    start = -offset * normal / float(normal @ normal)  # the line's point nearest the origin
    along = np.array([-normal[1], normal[0]])
    low, high = -np.inf, np.inf
    for axis, (box_low, box_high) in enumerate(limits):
        if along[axis] == 0.0:
            if not box_low <= start[axis] <= box_high:
                return None
            continue
        ends = sorted(
            ((box_low - start[axis]) / along[axis], (box_high - start[axis]) / along[axis])
        )
        low, high = max(low, ends[0]), min(high, ends[1])
    if low >= high:
        return None
    return np.array([start + low * along, start + high * along])


UNIT_STYLES = ("-", "--", "-.", ":")


def plot_hidden_boundaries(
    X: ArrayLike,
    labels: ArrayLike,
    params: Mapping[str, object],
    ax: Axes | None = None,
    resolution: int = 200,
) -> Figure:
    """What each hidden unit learned: its line, where its score W1[:, j]·x + b1[j] is 0, over
    the network's decision regions and the data.

    Unit j's output h_j = tanh(score) goes from −1 on one side of its line to +1 on the other,
    and adds h_j·W2[j, k] to the score of each class k. An arrow on each line, a third of the
    way along the part in view, points to the side where h_j > 0, in the colour of the class
    the unit favours there (the largest W2[j, k]; on the other side it favours the smallest);
    the legend says the same in words. A unit whose line misses the view is listed as such.

    Parameters
    ----------
    X : array_like, shape (n, 2)
    labels : array_like of int, shape (n,)
    params : dict
        The network's ``"W1"`` (2, H), ``"b1"`` (H,), ``"W2"`` (H, K), ``"b2"`` (K,).
    resolution : int
        Grid cells along each axis for the shaded regions.
    """
    ax = ax if ax is not None else new_axes((6.0, 6.2))
    plot_classifier_regions(X, labels, params, ax=ax, resolution=resolution)
    W1, b1, W2 = (np.asarray(params[name], dtype=np.float64) for name in ("W1", "b1", "W2"))
    limits = (ax.get_xlim(), ax.get_ylim())
    size = float(np.hypot(limits[0][1] - limits[0][0], limits[1][1] - limits[1][0]))
    for j in range(W1.shape[1]):
        normal, offset = W1[:, j], float(b1[j])
        favoured = int(np.argmax(W2[j]))
        style = UNIT_STYLES[j % len(UNIT_STYLES)]
        segment = line_in_box(normal, offset, limits)
        if segment is None:
            ax.plot([], [], color="black", ls=style, label=f"unit {j + 1}: its line is out of view")
            continue
        label = f"unit {j + 1}: h > 0 on the arrow's side, for class {favoured} there"
        ax.plot(*segment.T, color="black", ls=style, lw=1.6, label=label)
        foot = segment[0] + (segment[1] - segment[0]) / 3
        tip = foot + 0.06 * size * normal / float(np.linalg.norm(normal))
        ax.annotate(
            "",
            xy=tip,
            xytext=foot,
            arrowprops={"arrowstyle": "-|>", "lw": 2, "color": CLASS_COLORS[favoured]},
        )
        ax.text(*tip, f" {j + 1}", fontsize=11, fontweight="bold", va="center")
    ax.set(xlim=limits[0], ylim=limits[1], title="What each hidden unit learned")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize="small")
    return ax.figure


def plot_training_and_fresh_errors(
    epochs: ArrayLike, training: ArrayLike, fresh: ArrayLike, ax: Axes | None = None
) -> Figure:
    """The cross-entropy per point on the training points and on fresh ones, against the epoch,
    with the fresh points' lowest error marked."""
    epochs, training, fresh = validation.vectors(epochs=epochs, training=training, fresh=fresh)
    ax = ax if ax is not None else new_axes()
    ax.plot(epochs, training, lw=2, color=LINE_COLOR, label="training points")
    ax.plot(epochs, fresh, lw=2, color="tab:red", label="fresh points")
    best = int(np.argmin(fresh))
    ax.plot(
        epochs[best],
        fresh[best],
        "o",
        color="tab:red",
        label=f"fresh points' lowest: {fresh[best]:.3f} at epoch {epochs[best]:g}",
    )
    ax.set(
        xlabel="epoch",
        ylabel="cross-entropy per point",
        ylim=(0.0, None),
        title="The error on the training points and on fresh ones",
    )
    ax.legend(fontsize="small")
    ax.grid(True, alpha=0.3)
    return ax.figure
