import numpy as np
import pytest

from mlcourse import (
    critical_learning_rate,
    eigenvalues,
    fastest_learning_rate,
    hessian,
    least_squares,
    make_linear_data,
)


def test_least_squares_matches_polyfit(data):
    np.testing.assert_allclose(
        least_squares(data.x, data.y), np.polyfit(data.x, data.y, 1), rtol=1e-10
    )


def test_least_squares_recovers_an_exact_line():
    x = np.linspace(-1, 4, 9)
    assert least_squares(x, 0.5 * x - 2.0) == pytest.approx((0.5, -2.0))


def test_least_squares_needs_spread_in_x():
    with pytest.raises(ValueError, match="x must take at least two different values"):
        least_squares([2.0, 2.0, 2.0], [1.0, 2.0, 3.0])


def test_hessian_matches_finite_differences_of_the_gradient(data):
    def gradient(w):
        residual = data.y - (w[0] * data.x + w[1])
        return np.array([-np.sum(residual * data.x), -np.sum(residual)])

    h = 1e-3
    columns = [
        (gradient(np.array([0.2, 0.1]) + step) - gradient(np.array([0.2, 0.1]) - step)) / (2 * h)
        for step in (np.array([h, 0.0]), np.array([0.0, h]))
    ]
    np.testing.assert_allclose(hessian(data.x), np.column_stack(columns), rtol=1e-8)
    np.testing.assert_allclose(hessian(data.x, "mse"), hessian(data.x) / data.x.size)


def test_eigenvalues_match_lapack(data):
    np.testing.assert_allclose(eigenvalues(data.x), np.linalg.eigvalsh(hessian(data.x)), rtol=1e-10)


def test_critical_rate_shrinks_like_one_over_n_for_sse_only():
    small, large = (make_linear_data(n=n, seed=1).x for n in (200, 20_000))
    ratio = critical_learning_rate(small) / critical_learning_rate(large)
    assert ratio == pytest.approx(100, rel=0.05)
    mse_ratio = critical_learning_rate(small, "mse") / critical_learning_rate(large, "mse")
    assert mse_ratio == pytest.approx(1, rel=0.05)


def test_seeds_learning_rate_is_safe_for_200_points_and_not_for_2000():
    # For x ~ U[0, 1): λ_max ≈ n·(1/3 + 1 + √((1 − 1/3)² + 1))/2 ≈ 1.268·n, so η_crit ≈ 1.58/n.
    assert critical_learning_rate(make_linear_data(n=200, seed=0).x) > 0.001
    assert critical_learning_rate(make_linear_data(n=2000, seed=0).x) < 0.001


def test_fastest_rate_sits_below_the_critical_one(data):
    fastest, critical = fastest_learning_rate(data.x), critical_learning_rate(data.x)
    smallest, largest = eigenvalues(data.x)
    assert fastest == pytest.approx(2 / (smallest + largest))
    assert 0.5 * critical < fastest < critical
