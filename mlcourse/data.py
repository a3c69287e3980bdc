"""Seeded synthetic data for the lessons: a line, two classes, blobs, rings and moons in the
plane, a curve."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mlcourse import validation


class Dataset(NamedTuple):
    """Inputs and targets of a 1-D regression problem.

    Attributes
    ----------
    x : ndarray, shape (n,)
        The inputs x1.
    y : ndarray, shape (n,)
        The targets (ground truth) y.
    """

    x: np.ndarray
    y: np.ndarray


def make_linear_data(
    n: int = 200, slope: float = 3.0, noise_std: float = 0.1, seed: int | None = None
) -> Dataset:
    """Draw ``n`` points with x ~ Uniform[0, 1) and y = slope · x + Normal(0, noise_std).

    The line passes through the origin: the Normal draw is noise on each point, not an intercept.

    Parameters
    ----------
    n : int
        Number of points, at least 1.
    slope : float
        Slope of the true line.
    noise_std : float
        Standard deviation of the Gaussian noise added to each y; 0 gives points on the line.
    seed : int or None
        Seed for ``numpy.random.default_rng``: the same seed gives the same data.

    Returns
    -------
    Dataset
        ``x`` and ``y``, float64 arrays of shape (n,).
    """
    n = validation.integer("n", n, minimum=1)
    slope = validation.real_number("slope", slope)
    noise_std = validation.real_number("noise_std", noise_std)
    if noise_std < 0:
        raise ValueError(f"noise_std must be >= 0, got {noise_std}")
    if seed is not None:
        seed = validation.integer("seed", seed)
    rng = np.random.default_rng(seed)
    x = rng.random(n)
    noise = rng.normal(0.0, noise_std, n)
    return Dataset(x=x, y=slope * x + noise)


class TwoClasses(NamedTuple):
    """Points on a line, each with a label 0 or 1 (lesson 8).

    Attributes
    ----------
    x : ndarray, shape (n,)
        The inputs x1, float64.
    y : ndarray, shape (n,)
        The labels, int64, each 0 or 1.
    """

    x: np.ndarray
    y: np.ndarray


class Blobs(NamedTuple):
    """Points in the plane, each labelled with its class: blobs (lesson 9), rings or moons.

    Attributes
    ----------
    X : ndarray, shape (n, 2)
        One row (x1, x2) per point, float64.
    labels : ndarray, shape (n,)
        Each point's class, int64, 0 to K − 1.
    """

    X: np.ndarray
    labels: np.ndarray


def make_two_classes(
    n: int = 200,
    centers: tuple[float, float] = (-1.0, 1.0),
    spread: float = 0.5,
    seed: int | None = None,
) -> TwoClasses:
    """Two classes on a line: x ~ Normal(centers[label], spread), half the points of each class.

    With the defaults about 2 % of each class lies beyond 0, on the other class's side: the
    classes overlap a little. For equal spreads and equal class sizes the probability of class 1
    given x is exactly a sigmoid, σ(w1·x + w0) with w1 = (c1 − c0) / spread² and
    w0 = (c0² − c1²) / (2·spread²): (8, 0) for the defaults. A sigmoid neuron can therefore
    reach the best possible classifier.

    Parameters
    ----------
    n : int
        Number of points, at least 2: n // 2 of class 0 and the rest of class 1.
    centers : tuple of two floats
        (c0, c1), the mean x of class 0 and of class 1.
    spread : float
        Standard deviation of x within each class, > 0.
    seed : int or None
        Seed for ``numpy.random.default_rng``: the same seed gives the same data.

    Returns
    -------
    TwoClasses
        ``x`` float64 and ``y`` int64 labels, both of shape (n,), in random order.
    """
    n = validation.integer("n", n, minimum=2)
    if isinstance(centers, str | bytes) or len(np.shape(centers)) != 1 or len(centers) != 2:
        raise ValueError(f"centers must be two numbers (c0, c1), got {centers!r}")
    center0 = validation.real_number("centers[0]", centers[0])
    center1 = validation.real_number("centers[1]", centers[1])
    spread = validation.positive_number("spread", spread)
    rng = _generator(seed)
    labels = rng.permutation(np.repeat(np.array([0, 1], dtype=np.int64), [n // 2, n - n // 2]))
    x = rng.normal(np.where(labels == 1, center1, center0), spread)
    return TwoClasses(x=x, y=labels)


def blob_centers(classes: int = 3, radius: float = 2.0) -> np.ndarray:
    """The centres of ``make_blobs``: ``classes`` points evenly spaced on a circle, one at the top.

    Centre k is radius·(cos θ_k, sin θ_k) with θ_k = 90° + k·360°/classes.

    Parameters
    ----------
    classes : int
        K, at least 2.
    radius : float
        Radius of the circle, > 0.

    Returns
    -------
    ndarray, shape (classes, 2)
    """
    classes = validation.integer("classes", classes, minimum=2)
    radius = validation.positive_number("radius", radius)
    angles = np.pi / 2 + 2 * np.pi * np.arange(classes) / classes
    return radius * np.column_stack([np.cos(angles), np.sin(angles)])


def make_blobs(
    n_per_class: int = 50,
    classes: int = 3,
    spread: float = 0.8,
    seed: int | None = None,
) -> Blobs:
    """Round clouds of points in the plane, one per class, around ``blob_centers(classes)``.

    Each point is its class's centre plus Normal(0, spread) noise on each coordinate. With the
    defaults the three centres are 2·√3 ≈ 3.46 apart, so a point crosses the line halfway to a
    neighbouring centre with probability Φ(−√3 / 0.8) ≈ 1.5 %: the classes overlap a little.

    Parameters
    ----------
    n_per_class : int
        Points per class, at least 1.
    classes : int
        K, the number of classes, at least 2.
    spread : float
        Standard deviation of each coordinate around the centre, > 0.
    seed : int or None
        Seed for ``numpy.random.default_rng``: the same seed gives the same data.

    Returns
    -------
    Blobs
        ``X`` float64 of shape (K·n_per_class, 2) and int64 ``labels`` of shape
        (K·n_per_class,), in random order.
    """
    n_per_class = validation.integer("n_per_class", n_per_class, minimum=1)
    centers = blob_centers(classes)
    spread = validation.positive_number("spread", spread)
    rng = _generator(seed)
    labels = rng.permutation(np.repeat(np.arange(len(centers), dtype=np.int64), n_per_class))
    X = centers[labels] + rng.normal(0.0, spread, (labels.size, 2))
    return Blobs(X=X, labels=labels)


def make_rings(
    n: int = 200, noise: float = 0.15, radii: tuple[float, float] = (1.0, 2.0), seed: int | None = 0
) -> Blobs:
    """Two concentric rings in the plane: class 0 on the inner one, class 1 on the outer one.

    Point i sits at angle θ_i ~ Uniform[0, 2π) on the circle of its class's radius, plus
    Normal(0, noise) on each coordinate. No line separates the classes (every line through the
    inner ring cuts the outer one): a linear classifier scores about as well as always
    answering the larger class, while a hidden layer of a few units draws a closed boundary
    between the rings. With the defaults the rings are 1 apart and a point crosses the middle
    circle (radius 1.5) with probability about Φ(−0.5/0.15) ≈ 0.04 %.

    Parameters
    ----------
    n : int
        Number of points, at least 2: n // 2 on the inner ring and the rest on the outer one.
    noise : float
        Standard deviation of the Gaussian noise on each coordinate, >= 0.
    radii : tuple of two floats
        (inner, outer) radius, 0 < inner < outer.
    seed : int or None
        Seed for ``numpy.random.default_rng``: the same seed gives the same data.

    Returns
    -------
    Blobs
        ``X`` float64 of shape (n, 2) and int64 ``labels`` (0 inner, 1 outer), in random order.
    """
    n = validation.integer("n", n, minimum=2)
    noise = validation.non_negative_number("noise", noise)
    if isinstance(radii, str | bytes) or len(np.shape(radii)) != 1 or len(radii) != 2:
        raise ValueError(f"radii must be two numbers (inner, outer), got {radii!r}")
    inner = validation.positive_number("radii[0]", radii[0])
    outer = validation.positive_number("radii[1]", radii[1])
    if not inner < outer:
        raise ValueError(f"radii must be (inner, outer) with inner < outer, got {radii!r}")
    rng = _generator(seed)
    labels = rng.permutation(np.repeat(np.array([0, 1], dtype=np.int64), [n // 2, n - n // 2]))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    radius = np.where(labels == 1, outer, inner)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return Blobs(X=X + rng.normal(0.0, noise, (n, 2)), labels=labels)


def true_curve(x: np.typing.ArrayLike) -> np.ndarray:
    """The noise-free curve of ``make_curve_data``: sin(1.5·π·x), elementwise."""
    return np.sin(1.5 * np.pi * np.asarray(x, dtype=np.float64))


def make_curve_data(n: int = 100, noise_std: float = 0.1, seed: int | None = None) -> Dataset:
    """Points around a curve no line can follow: x ~ Uniform[−1, 1), y = sin(1.5·π·x) + noise.

    On [−1, 1) the curve zigzags: 1 at x = −1, −1 at x = −1/3, 1 at x = 1/3, −1 at x = 1. Its
    correlation with x is so weak (R² ≈ 0.012 for the curve alone) that the best line is almost
    flat, with an SSE of about ½·n·(0.49 + noise_std²), while a hidden layer of a few tanh units
    can follow the curve down to the noise, an SSE of about ½·n·noise_std².

    Parameters
    ----------
    n : int
        Number of points, at least 1.
    noise_std : float
        Standard deviation of the Gaussian noise added to each y; 0 gives points on the curve.
    seed : int or None
        Seed for ``numpy.random.default_rng``: the same seed gives the same data.

    Returns
    -------
    Dataset
        ``x`` and ``y``, float64 arrays of shape (n,).
    """
    n = validation.integer("n", n, minimum=1)
    noise_std = validation.non_negative_number("noise_std", noise_std)
    rng = _generator(seed)
    x = rng.uniform(-1.0, 1.0, n)
    return Dataset(x=x, y=true_curve(x) + rng.normal(0.0, noise_std, n))


MOON_CENTERS = np.array([[0.0, 0.0], [1.0, 0.5]])
"""The centre of each moon's half circle (both of radius 1): class 0 bulges up around (0, 0),
class 1 down around (1, 0.5)."""


def make_moons(n: int = 200, noise: float = 0.1, seed: int | None = 0) -> Blobs:
    """Two interleaved moons that no line separates: half circles of radius 1 plus noise.

    Class 0 lies on the upper half of the circle around (0, 0), at (cos t, sin t); class 1 on the
    lower half of the circle around (1, 0.5), at (1 − cos t, 0.5 − sin t); each point has its own
    t ~ Uniform[0, π), and Normal(0, noise) is added to each coordinate. Even without noise no
    line separates the classes: the tip of the lower moon, (0, 0.5) at t = 0, lies inside the
    half disc that the upper moon bounds (and the upper moon's tip (1, 0) inside the lower one's),
    so a line leaves points of one class on the other's side. A curve separates them: without
    noise the moons are 0.5 apart at their closest (each tip is 0.5 from the other circle).

    The draws, in order: the labels' order (a permutation), every t, then the noise.

    Parameters
    ----------
    n : int
        Number of points, at least 2: n // 2 of class 0 and the rest of class 1.
    noise : float
        Standard deviation of the Gaussian noise on each coordinate, >= 0; 0 puts every point
        on its half circle.
    seed : int or None
        Seed for ``numpy.random.default_rng``: the same seed gives the same data.

    Returns
    -------
    Blobs
        ``X`` float64 of shape (n, 2) and int64 ``labels`` of shape (n,) (0 for the upper moon,
        1 for the lower one), in random order.
    """
    n = validation.integer("n", n, minimum=2)
    noise = validation.non_negative_number("noise", noise)
    rng = _generator(seed)
    labels = rng.permutation(np.repeat(np.array([0, 1], dtype=np.int64), [n // 2, n - n // 2]))
    t = rng.uniform(0.0, np.pi, n)
    # Class 1's half circle is class 0's turned upside down: the sign flips both offsets.
    turned = np.where(labels == 1, -1.0, 1.0)[:, None]
    on_circle = turned * np.column_stack([np.cos(t), np.sin(t)])
    X = MOON_CENTERS[labels] + on_circle + rng.normal(0.0, noise, (n, 2))
    return Blobs(X=X, labels=labels)


def _generator(seed: object) -> np.random.Generator:
    if seed is not None:
        seed = validation.integer("seed", seed)
    return np.random.default_rng(seed)
