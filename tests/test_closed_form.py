from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
import pytest

from mlcourse import (
    condition_number,
    convergence_rate,
    critical_learning_rate,
    eigenvalues,
    epochs_needed,
    fastest_learning_rate,
    hessian,
    largest_stable_n,
    least_squares,
    make_linear_data,
    optimal_momentum,
    train,
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
    np.testing.assert_allclose(hessian(data.x, "mse"), 2 * hessian(data.x) / data.x.size)


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


def exact_eigenvalues(x):
    """(λ_min, λ_max) of [[Σx², Σx], [Σx, n]] from exact sums over the floats in ``x``, then
    λ = trace/2 ∓ √(trace²/4 − det) with 60 significant digits."""
    values = [Fraction(float(v)) for v in x]
    n, total, squares = Fraction(len(values)), sum(values), sum(v * v for v in values)
    with localcontext() as context:
        context.prec = 60
        trace = Decimal(squares.numerator) / squares.denominator + Decimal(len(values))
        det = n * squares - total * total
        root = (trace * trace / 4 - Decimal(det.numerator) / det.denominator).sqrt()
        return float(trace / 2 - root), float(trace / 2 + root)


@pytest.mark.parametrize("offset", [0.0, 1e3, 1e4, 1e6, 1e8])
def test_eigenvalues_of_badly_conditioned_data_are_exact(offset):
    # x = offset + U[0, 1): λ_min/λ_max shrinks like 1/offset², about 1e-17 at 1e4, so
    # (λ_max + λ_min)/2 − radius would cancel to nothing, and so would n·Σx² − (Σx)².
    x = offset + np.random.default_rng(3).random(200)
    smallest, largest = eigenvalues(x)
    exact_smallest, exact_largest = exact_eigenvalues(x)
    assert largest == pytest.approx(exact_largest, rel=1e-12)
    assert smallest == pytest.approx(exact_smallest, rel=1e-10)
    assert condition_number(x) == pytest.approx(exact_largest / exact_smallest, rel=1e-10)
    assert condition_number(x, "mse") == pytest.approx(exact_largest / exact_smallest, rel=1e-10)


def test_condition_number_of_raw_centred_and_standardised_inputs(data):
    x = data.x
    smallest, largest = np.linalg.eigvalsh(np.array([[x @ x, x.sum()], [x.sum(), x.size]]))
    assert condition_number(x) == pytest.approx(largest / smallest, rel=1e-9)
    # Centred inputs make H diagonal, diag(Σ(x − x̄)², n): κ = n/Σ(x − x̄)² = 1/var(x) (≈ 12 for
    # U[0, 1)); standardised ones make it n·I: κ = 1.
    centred = x - x.mean()
    assert condition_number(centred) == pytest.approx(1 / np.var(x), rel=1e-9)
    assert condition_number((x - x.mean()) / x.std()) == pytest.approx(1.0, abs=1e-12)
    assert condition_number([2.0, 2.0, 2.0]) == np.inf  # a flat valley floor


def test_fastest_rate_balances_the_two_directions(data):
    x = data.x
    matrix = np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), x.size]])
    smallest, largest = np.linalg.eigvalsh(matrix)
    fastest = fastest_learning_rate(x)
    # η* makes the slow direction shrink exactly as fast as the steep one oscillates.
    assert abs(1 - fastest * smallest) == pytest.approx(abs(1 - fastest * largest), rel=1e-10)
    assert 1 - fastest * smallest > 0 > 1 - fastest * largest
    critical = critical_learning_rate(x)
    assert 0.5 * critical < fastest < critical


@pytest.mark.parametrize(
    "function",
    [hessian, eigenvalues, critical_learning_rate, fastest_learning_rate, condition_number],
)
def test_error_is_an_alias_of_loss(data, function):
    np.testing.assert_array_equal(function(data.x, error="mse"), function(data.x, loss="mse"))
    np.testing.assert_array_equal(function(data.x, "mse"), function(data.x, loss="mse"))
    np.testing.assert_array_equal(function(data.x), function(data.x, loss="sse"))
    with pytest.raises(TypeError, match="not both"):
        function(data.x, "mse", error="mse")
    with pytest.raises(ValueError, match="error must be 'sse' or 'mse', got 'bce'"):
        function(data.x, error="bce")


def spectral_radius(eta, momentum, curvatures):
    """Largest |eigenvalue| of the heavy ball's map (d_k, d_{k−1}) → (d_{k+1}, d_k), over the
    eigen-directions, by LAPACK."""
    return max(
        np.max(np.abs(np.linalg.eigvals([[1 + momentum - eta * c, -momentum], [1.0, 0.0]])))
        for c in curvatures
    )


@pytest.mark.parametrize(("factor", "momentum"), [(0.3, 0.0), (1.0, 0.0), (0.5, 0.4), (1.7, 0.9)])
def test_convergence_rate_is_the_spectral_radius_of_the_heavy_ball(data, factor, momentum):
    curvatures = np.linalg.eigvalsh(hessian(data.x))
    eta = factor / curvatures[-1]
    expected = spectral_radius(eta, momentum, curvatures)
    assert convergence_rate(data.x, eta, momentum) == pytest.approx(expected, rel=1e-9)


def test_convergence_rate_is_what_training_measures(data):
    eta = 0.5 * critical_learning_rate(data.x)
    history = train(data.x, data.y, -2.5, 1.0, eta=eta, epochs=200)
    distance = np.linalg.norm(history.weights - least_squares(data.x, data.y), axis=1)
    measured = (distance[200] / distance[100]) ** (1 / 100)
    assert measured == pytest.approx(convergence_rate(data.x, eta), rel=1e-6)


def test_at_the_fastest_rate_gradient_descent_shrinks_by_kappa_minus_one_over_kappa_plus_one(data):
    kappa = condition_number(data.x)
    rate = convergence_rate(data.x, fastest_learning_rate(data.x))
    assert rate == pytest.approx((kappa - 1) / (kappa + 1), rel=1e-12)


def test_optimal_momentum_is_the_best_heavy_ball(data):
    eta, momentum = optimal_momentum(data.x)
    curvatures = np.linalg.eigvalsh(hessian(data.x))
    kappa = curvatures[-1] / curvatures[0]
    assert np.sqrt(momentum) == pytest.approx((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1))
    best = spectral_radius(eta, momentum, curvatures)
    assert best == pytest.approx(np.sqrt(momentum), rel=1e-6)  # a double root: √β
    # No nearby (η, β) does better (a double root is only √ε-accurate, hence the slack).
    for other_eta in eta * np.linspace(0.8, 1.2, 21):
        for other_momentum in np.linspace(0.2, 0.6, 21):
            assert spectral_radius(other_eta, other_momentum, curvatures) >= best - 1e-7
    assert best < convergence_rate(data.x, fastest_learning_rate(data.x))


def test_critical_rate_with_momentum_names_a_bad_momentum(data):
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\)"):
        critical_learning_rate(data.x, momentum=1.5)
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\)"):
        convergence_rate(data.x, 0.001, momentum=-0.5)
    with pytest.raises(ValueError, match="eta must be > 0"):
        convergence_rate(data.x, 0.0)


@pytest.mark.parametrize(
    "eta, mean_x, mean_x2", [(0.001, 0.5, 1 / 3), (0.013, -0.4, 0.9), (0.0002, 1.5, 4.0)]
)
def test_largest_stable_n_is_where_a_search_over_n_stops_converging(eta, mean_x, mean_x2):
    per_point = np.array([[mean_x2, mean_x], [mean_x, 1.0]])

    def converges(n):
        return eta < 2 / np.linalg.eigvalsh(n * per_point).max()

    largest = largest_stable_n(eta, mean_x, mean_x2)
    assert converges(largest) and not converges(largest + 1)


def test_largest_stable_n_of_a_sample_is_one_below_its_critical_rate_boundary(data):
    """N inputs with these very moments have H = N·[[E[x²], E[x]], [E[x], 1]] exactly: a rate
    just below their critical rate converges for N of them, one just above for N − 1 only."""
    moments = (data.x.mean(), np.mean(data.x**2))
    eta_crit = critical_learning_rate(data.x)
    assert largest_stable_n(eta_crit * (1 - 1e-9), *moments) == len(data.x)
    assert largest_stable_n(eta_crit * (1 + 1e-9), *moments) == len(data.x) - 1


def test_largest_stable_n_at_an_exact_boundary_is_one_below_it():
    # centred inputs with E[x²] = 2: ℓ = 2, and 2/(η·ℓ) = 256 exactly for η = 2⁻⁸
    assert largest_stable_n(2.0**-8, 0.0, 2.0) == 255
    assert largest_stable_n(10.0, 0.5, 1 / 3) == 0


@pytest.mark.parametrize(
    "arguments, words",
    [((0.0, 0.5, 1 / 3), "eta"), ((0.001, 0.5, 0.2), "mean_x2 must be at least mean_x²")],
)
def test_largest_stable_n_refuses_impossible_arguments(arguments, words):
    with pytest.raises(ValueError, match=words):
        largest_stable_n(*arguments)


@pytest.mark.parametrize(
    "eta, eigenvalues, excess, target",
    [
        (0.001, [13.8, 262.6], [222.9, 158.7], 0.0104),
        (0.0072, [13.8, 262.6], [222.9, 158.7], 1e-6),
        (0.3, [1.0, 5.0, 6.6], [3.0, 0.0, 2.0], 0.5),
        (0.01, [2.0, 3.0], [0.1, 0.2], 0.5),
    ],
)
def test_epochs_needed_is_the_first_epoch_a_plain_loop_finds(eta, eigenvalues, excess, target):
    k = 0
    terms = list(zip(excess, eigenvalues, strict=True))
    while sum(e * (1 - eta * lam) ** (2 * k) for e, lam in terms) > target:
        k += 1
    assert epochs_needed(eta, eigenvalues, excess, target) == k


def test_epochs_needed_predicts_what_training_measures(data):
    """The lessons' start: the epochs to within 1 % of E*, predicted and measured."""
    H = hessian(data.x)
    lambdas, vectors = np.linalg.eigh(H)
    best = np.array(least_squares(data.x, data.y))
    start = np.array([-2.488, 1.901])
    excess = 0.5 * lambdas * (vectors.T @ (start - best)) ** 2
    best_error = 0.5 * np.sum((data.y - best[0] * data.x - best[1]) ** 2)
    run = train(data.x, data.y, *start, eta=0.001, epochs=1000)
    measured = int(np.argmax(run.errors - best_error <= 0.01 * best_error))
    assert epochs_needed(0.001, lambdas, excess, 0.01 * best_error) == measured


@pytest.mark.parametrize(
    "arguments, words",
    [
        ((0.01, [2.0, 300.0], [1.0, 1.0], 0.1), "never reaches"),
        ((0.01, [2.0, 3.0], [1.0], 0.1), "same length"),
        ((0.01, [2.0, 3.0], [1.0, 1.0], 0.0), "target"),
    ],
)
def test_epochs_needed_refuses_what_never_ends(arguments, words):
    with pytest.raises(ValueError, match=words):
        epochs_needed(*arguments)
