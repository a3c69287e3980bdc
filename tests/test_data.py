import math

import numpy as np
import pytest

from mlcourse import (
    Blobs,
    Dataset,
    TwoClasses,
    best_line_accuracy,
    blob_centers,
    make_blobs,
    make_curve_data,
    make_linear_data,
    make_moons,
    make_rings,
    make_two_classes,
    sigmoid,
    true_curve,
)


def test_shapes_and_dtypes():
    data = make_linear_data(n=50, seed=1)
    assert isinstance(data, Dataset)
    assert data.x.shape == data.y.shape == (50,)
    assert data.x.dtype == data.y.dtype == np.float64


def test_same_seed_same_data_and_other_seed_other_data():
    first, again, other = (make_linear_data(seed=s) for s in (7, 7, 8))
    np.testing.assert_array_equal(first.x, again.x)
    np.testing.assert_array_equal(first.y, again.y)
    assert not np.array_equal(first.x, other.x)


def test_draws_go_through_default_rng():
    rng = np.random.default_rng(3)
    x = rng.random(10)
    noise = rng.normal(0.0, 0.5, 10)
    data = make_linear_data(n=10, slope=2.0, noise_std=0.5, seed=3)
    np.testing.assert_array_equal(data.x, x)
    np.testing.assert_allclose(data.y, 2.0 * x + noise)


def test_x_is_uniform_on_unit_interval():
    x = make_linear_data(n=100_000, seed=2).x
    assert x.min() >= 0.0 and x.max() < 1.0
    # Mean and variance of U[0, 1) are 1/2 and 1/12; 5 standard errors of slack.
    assert abs(x.mean() - 0.5) < 5 * np.sqrt(1 / 12 / x.size)
    assert abs(x.var() - 1 / 12) < 0.002


def test_noise_has_the_requested_spread_and_no_intercept():
    data = make_linear_data(n=100_000, slope=3.0, noise_std=0.1, seed=4)
    noise = data.y - 3.0 * data.x
    assert abs(noise.std() - 0.1) < 0.002
    assert abs(noise.mean()) < 5 * 0.1 / np.sqrt(data.x.size)


def test_zero_noise_puts_points_on_the_line():
    data = make_linear_data(n=20, slope=-1.5, noise_std=0.0, seed=5)
    np.testing.assert_allclose(data.y, -1.5 * data.x)


@pytest.mark.parametrize("n", [0, -3])
def test_n_must_be_positive(n):
    with pytest.raises(ValueError, match="n must be an int >= 1"):
        make_linear_data(n=n)


@pytest.mark.parametrize("n", [True, 2.0, "200", None])
def test_n_must_be_an_int(n):
    with pytest.raises(TypeError, match="n must be an int"):
        make_linear_data(n=n)


def test_negative_noise_is_refused():
    with pytest.raises(ValueError, match="noise_std must be >= 0"):
        make_linear_data(noise_std=-0.1)


@pytest.mark.parametrize("slope", [np.nan, np.inf])
def test_slope_must_be_finite(slope):
    with pytest.raises(ValueError, match="slope must be finite"):
        make_linear_data(slope=slope)


def test_seed_must_be_an_int():
    with pytest.raises(TypeError, match="seed must be an int"):
        make_linear_data(seed=1.5)


# two classes on a line (lesson 8)


def test_two_classes_shapes_dtypes_and_balance():
    data = make_two_classes(n=201, seed=1)
    assert isinstance(data, TwoClasses)
    assert data.x.shape == data.y.shape == (201,)
    assert data.x.dtype == np.float64 and data.y.dtype == np.int64
    assert np.count_nonzero(data.y == 0) == 100 and np.count_nonzero(data.y == 1) == 101


def test_two_classes_draw_through_default_rng():
    rng = np.random.default_rng(3)
    labels = rng.permutation([0] * 5 + [1] * 5)
    x = rng.normal(np.where(labels == 1, 2.0, -0.5), 0.3)
    data = make_two_classes(n=10, centers=(-0.5, 2.0), spread=0.3, seed=3)
    np.testing.assert_array_equal(data.y, labels)
    np.testing.assert_array_equal(data.x, x)


def test_two_classes_same_seed_same_data():
    first, again, other = (make_two_classes(seed=s) for s in (5, 5, 6))
    np.testing.assert_array_equal(first.x, again.x)
    np.testing.assert_array_equal(first.y, again.y)
    assert not np.array_equal(first.x, other.x)


def test_two_classes_overlap_a_little():
    data = make_two_classes(n=200_000, seed=7)
    for label, center in ((0, -1.0), (1, 1.0)):
        x = data.x[data.y == label]
        assert abs(x.mean() - center) < 5 * 0.5 / math.sqrt(x.size)
        assert x.std() == pytest.approx(0.5, rel=0.01)
    # Φ(−2) ≈ 2.28 % of each class beyond 0.
    wrong_side = np.mean((data.x > 0) != (data.y == 1))
    assert wrong_side == pytest.approx(0.02275, abs=0.002)


def test_the_probability_of_class_one_given_x_is_the_documented_sigmoid():
    data = make_two_classes(n=1_000_000, seed=8)
    for low in np.arange(-0.4, 0.4, 0.1):
        inside = (data.x >= low) & (data.x < low + 0.1)
        fraction = data.y[inside].mean()
        expected = sigmoid(8.0 * data.x[inside]).mean()  # w1 = 2 / 0.5², w0 = 0
        assert abs(fraction - expected) < 5 * math.sqrt(expected * (1 - expected) / inside.sum())


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"n": 1}, ValueError, "n must be an int >= 2"),
        ({"centers": (0.0,)}, ValueError, "centers must be two numbers"),
        ({"centers": "ab"}, ValueError, "centers must be two numbers"),
        ({"centers": (0.0, np.nan)}, ValueError, r"centers\[1\] must be finite"),
        ({"spread": 0.0}, ValueError, "spread must be > 0"),
        ({"seed": 1.5}, TypeError, "seed must be an int"),
    ],
)
def test_two_classes_refuse_bad_arguments(arguments, error, message):
    with pytest.raises(error, match=message):
        make_two_classes(**arguments)


# blobs in the plane (lesson 9)


def test_blob_centers_are_evenly_spaced_on_the_circle_with_one_at_the_top():
    centers = blob_centers()
    np.testing.assert_allclose(centers[0], [0.0, 2.0], atol=1e-15)
    np.testing.assert_allclose(np.hypot(*centers.T), 2.0)
    sides = [np.linalg.norm(centers[k] - centers[(k + 1) % 3]) for k in range(3)]
    np.testing.assert_allclose(sides, 2 * math.sqrt(3))
    assert blob_centers(classes=5, radius=1.0).shape == (5, 2)


def test_blobs_shapes_dtypes_and_counts():
    data = make_blobs(n_per_class=20, seed=1)
    assert isinstance(data, Blobs)
    assert data.X.shape == (60, 2) and data.labels.shape == (60,)
    assert data.X.dtype == np.float64 and data.labels.dtype == np.int64
    np.testing.assert_array_equal(np.bincount(data.labels), [20, 20, 20])
    assert not np.all(np.diff(data.labels) >= 0), "points come in random order"


def test_blobs_draw_through_default_rng():
    rng = np.random.default_rng(4)
    labels = rng.permutation(np.repeat([0, 1, 2, 3], 3))
    noise = rng.normal(0.0, 0.25, (12, 2))
    data = make_blobs(n_per_class=3, classes=4, spread=0.25, seed=4)
    np.testing.assert_array_equal(data.labels, labels)
    np.testing.assert_allclose(data.X, blob_centers(4)[labels] + noise)


def test_blobs_lie_around_their_centers_and_overlap_a_little():
    data = make_blobs(n_per_class=100_000, seed=5)
    centers = blob_centers()
    for k in range(3):
        points = data.X[data.labels == k]
        np.testing.assert_allclose(points.mean(axis=0), centers[k], atol=5 * 0.8 / math.sqrt(1e5))
        np.testing.assert_allclose(points.std(axis=0), 0.8, rtol=0.01)
    nearest = np.argmin(np.linalg.norm(data.X[:, None, :] - centers, axis=2), axis=1)
    # Crossing towards either neighbour: about 2·Φ(−√3/0.8) ≈ 3 % (a little less: the regions
    # of the two crossings overlap).
    assert np.mean(nearest != data.labels) == pytest.approx(0.030, abs=0.004)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"n_per_class": 0}, ValueError, "n_per_class must be an int >= 1"),
        ({"classes": 1}, ValueError, "classes must be an int >= 2"),
        ({"spread": -1.0}, ValueError, "spread must be > 0"),
        ({"seed": "1"}, TypeError, "seed must be an int"),
    ],
)
def test_blobs_refuse_bad_arguments(arguments, error, message):
    with pytest.raises(error, match=message):
        make_blobs(**arguments)


# a curve no line can fit (lesson 10)


def test_curve_data_shapes_range_and_draws():
    rng = np.random.default_rng(6)
    x = rng.uniform(-1.0, 1.0, 30)
    noise = rng.normal(0.0, 0.2, 30)
    data = make_curve_data(n=30, noise_std=0.2, seed=6)
    assert isinstance(data, Dataset)
    np.testing.assert_array_equal(data.x, x)
    np.testing.assert_allclose(data.y, np.sin(1.5 * np.pi * x) + noise)
    big = make_curve_data(n=100_000, seed=0)
    assert big.x.min() >= -1.0 and big.x.max() < 1.0


def test_the_true_curve_zigzags_as_documented():
    np.testing.assert_allclose(true_curve([-1.0, -1 / 3, 1 / 3, 1.0]), [1, -1, 1, -1], atol=1e-15)


def test_zero_noise_puts_points_on_the_curve():
    data = make_curve_data(n=50, noise_std=0.0, seed=2)
    np.testing.assert_array_equal(data.y, true_curve(data.x))


def test_the_best_line_explains_almost_none_of_the_curve():
    data = make_curve_data(n=200_000, noise_std=0.0, seed=3)
    r_squared = np.corrcoef(data.x, data.y)[0, 1] ** 2
    # cov(x, sin(a·x)) = −1/a² with a = 1.5π, var x = 1/3, var y = 1/2: R² = 6/a⁴.
    assert r_squared == pytest.approx(6 / (1.5 * math.pi) ** 4, abs=0.002)
    noisy = make_curve_data(n=100_000, noise_std=0.1, seed=4)
    slope, intercept = np.polyfit(noisy.x, noisy.y, 1)
    line_sse = 0.5 * np.sum((noisy.y - slope * noisy.x - intercept) ** 2)
    expected = 0.5 * noisy.x.size * (0.5 * (1 - 6 / (1.5 * math.pi) ** 4) + 0.1**2)
    assert line_sse == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"n": 0}, ValueError, "n must be an int >= 1"),
        ({"noise_std": -0.1}, ValueError, "noise_std must be >= 0"),
        ({"noise_std": np.inf}, ValueError, "noise_std must be finite"),
        ({"seed": 2.0}, TypeError, "seed must be an int"),
    ],
)
def test_curve_data_refuse_bad_arguments(arguments, error, message):
    with pytest.raises(error, match=message):
        make_curve_data(**arguments)


# two moons (lesson 11)


def test_moons_shapes_dtypes_and_balance():
    data = make_moons(n=31, seed=1)
    assert isinstance(data, Blobs)
    assert data.X.shape == (31, 2) and data.labels.shape == (31,)
    assert data.X.dtype == np.float64 and data.labels.dtype == np.int64
    np.testing.assert_array_equal(np.bincount(data.labels), [15, 16])
    assert not np.all(np.diff(data.labels) >= 0), "points come in random order"
    np.testing.assert_array_equal(make_moons().X, make_moons(n=200, noise=0.1, seed=0).X)


def test_moons_draw_through_default_rng_in_order():
    rng = np.random.default_rng(8)
    labels = rng.permutation(np.repeat([0, 1], [5, 6]))
    t = rng.uniform(0.0, math.pi, 11)
    noise = rng.normal(0.0, 0.3, (11, 2))
    data = make_moons(n=11, noise=0.3, seed=8)
    np.testing.assert_array_equal(data.labels, labels)
    for (x1, x2), label, angle, (e1, e2) in zip(data.X, labels, t, noise, strict=True):
        if label == 0:
            expected = (math.cos(angle) + e1, math.sin(angle) + e2)
        else:
            expected = (1 - math.cos(angle) + e1, 0.5 - math.sin(angle) + e2)
        assert (x1, x2) == pytest.approx(expected, abs=1e-14)


def test_without_noise_each_moon_is_half_a_circle_of_radius_one():
    data = make_moons(n=2000, noise=0.0, seed=2)
    upper, lower = data.X[data.labels == 0], data.X[data.labels == 1]
    np.testing.assert_allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert upper[:, 1].min() >= 0.0 and lower[:, 1].max() <= 0.5
    # Spread evenly along each half circle: the angles' mean is π/2.
    assert np.mean(np.arctan2(upper[:, 1], upper[:, 0])) == pytest.approx(math.pi / 2, abs=0.05)
    # The moons are 0.5 apart at their closest, as documented.
    gaps = np.linalg.norm(upper[:, None, :] - lower[None, :, :], axis=2)
    assert gaps.min() == pytest.approx(0.5, abs=0.01) and gaps.min() >= 0.5 - 1e-12


def test_no_line_separates_the_moons_even_without_noise():
    assert best_line_accuracy(*make_moons(n=400, noise=0.0, seed=3)) < 0.95


def test_the_noise_has_the_requested_spread():
    clean, noisy = make_moons(n=50_000, noise=0.0, seed=4), make_moons(n=50_000, noise=0.2, seed=4)
    # The same seed draws the same labels and angles, then the noise.
    np.testing.assert_array_equal(clean.labels, noisy.labels)
    offsets = noisy.X - clean.X
    np.testing.assert_allclose(offsets.std(axis=0), 0.2, rtol=0.02)
    np.testing.assert_allclose(offsets.mean(axis=0), 0.0, atol=5 * 0.2 / math.sqrt(50_000))


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"n": 1}, ValueError, "n must be an int >= 2"),
        ({"n": 10.0}, TypeError, "n must be an int"),
        ({"noise": -0.1}, ValueError, "noise must be >= 0"),
        ({"noise": np.nan}, ValueError, "noise must be finite"),
        ({"seed": 1.5}, TypeError, "seed must be an int"),
    ],
)
def test_moons_refuse_bad_arguments(arguments, error, message):
    with pytest.raises(error, match=message):
        make_moons(**arguments)


# make_rings --------------------------------------------------------------------------------


def test_rings_put_each_class_on_its_circle():
    rings = make_rings(n=2001, noise=0.0, radii=(1.0, 3.0), seed=4)
    assert rings.X.shape == (2001, 2) and rings.labels.dtype == np.int64
    assert np.count_nonzero(rings.labels == 0) == 1000
    distance = np.hypot(*rings.X.T)
    np.testing.assert_allclose(distance[rings.labels == 0], 1.0)
    np.testing.assert_allclose(distance[rings.labels == 1], 3.0)
    # Angles spread all round: each quadrant holds about a quarter of each ring.
    quadrant = (rings.X[:, 0] > 0) * 2 + (rings.X[:, 1] > 0)
    assert np.all(np.abs(np.bincount(quadrant, minlength=4) / 2001 - 0.25) < 0.04)


def test_ring_noise_has_the_spread_asked_for():
    clean = make_rings(n=4000, noise=0.0, seed=1)
    noisy = make_rings(n=4000, noise=0.3, seed=1)
    np.testing.assert_array_equal(clean.labels, noisy.labels)
    assert np.std(noisy.X - clean.X) == pytest.approx(0.3, rel=0.05)


def test_rings_are_seeded():
    np.testing.assert_array_equal(make_rings(seed=3).X, make_rings(seed=3).X)
    assert not np.array_equal(make_rings(seed=3).X, make_rings(seed=4).X)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": 1}, "n must be"),
        ({"noise": -0.1}, "noise must be >= 0"),
        ({"radii": (2.0, 1.0)}, "inner < outer"),
        ({"radii": (1.0,)}, "radii must be two numbers"),
    ],
)
def test_bad_ring_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_rings(**kwargs)
