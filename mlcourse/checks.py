"""Instant feedback for the lessons' exercises: one check per exercise, named after it.

Each check calls the learner's function on fresh cases, compares the result with this
package's tested version, and when they differ names the likely mistake (a wrong sign, a
missing ½, a missing sum, …). ``seed`` picks the cases: the lessons use the default, hidden
grading tests use others, so hard-coding an answer does not pass.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mlcourse import closed_form, gradients, neuron
from mlcourse.feedback import (
    ExerciseFailed,
    as_number,
    as_vector,
    call,
    close,
    fail,
    first_match,
    install_ipython_display,
    passed,
    quietly,
)
from mlcourse.training import train

__all__ = [
    "ExerciseFailed",
    "check_critical_rate",
    "check_fastest_rate",
    "check_grad_w0",
    "check_grad_w1",
    "check_make_inputs",
    "check_make_targets",
    "check_predict",
    "check_sse",
    "check_train_loop",
    "check_update",
    "quietly",
]

install_ipython_display()


def _cases(seed: int, count: int = 3) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(x, y, y_hat) triples of varied sizes, none of them degenerate."""
    rng = np.random.default_rng(seed)
    cases = []
    for n in rng.integers(5, 40, size=count):
        x = rng.uniform(-1.0, 2.0, n)
        y = rng.uniform(0.5, 2.5) * x + rng.normal(0.0, 0.3, n)
        y_hat = rng.uniform(-1.0, 1.0) * x + rng.uniform(-1.0, 1.0)
        cases.append((x, y, y_hat))
    return cases


WRONG_SIGN = (
    "the sign is wrong, so a step against it would climb the error surface: "
    "dE/dŷ = −(y − ŷ) brings a minus sign."
)
DIVIDED_BY_N = "you divided by n (the MSE gradient); this lesson's E is the plain sum."
DOUBLED = "the value is twice the expected one: the ½ in E cancels the 2 from the square."


def _gradient_mistakes(expected: float, n: int) -> dict[str, float]:
    """The wrong values both gradients are most often computed as, with their diagnoses."""
    return {WRONG_SIGN: -expected, DIVIDED_BY_N: expected / n, DOUBLED: 2 * expected}


def _fail_value(name: str, value: float, expected: float, mistake: str | None, hint: str) -> None:
    fail(f"`{name}` returned {value:.6g}, expected {expected:.6g}: {mistake or hint}")


# Notebook 1: data ---------------------------------------------------------------------------


def check_make_inputs(make_inputs: Callable, seed: int = 0) -> None:
    """Exercise 1.1: ``make_inputs(n, rng)`` draws n inputs x ~ Uniform[0, 1) from ``rng``."""
    name = "make_inputs"
    for n in (200, 7):
        x = as_vector(call(make_inputs, n, np.random.default_rng(seed), name=name), name, n)
        expected = np.random.default_rng(seed).random(n)
        if close(x, expected):
            continue
        again = as_vector(call(make_inputs, n, np.random.default_rng(seed), name=name), name, n)
        if not close(x, again):
            fail(
                f"`{name}` gave different numbers for the same rng: draw from the `rng` you "
                f"are given (rng.random(n)), not from np.random, so that a seed fixes the data."
            )
        if x.min() < 0 or x.max() >= 1:
            fail(
                f"`{name}` returned values outside [0, 1) (from {x.min():.2f} to "
                f"{x.max():.2f}): use the uniform distribution, rng.random(n)."
            )
        fail(
            f"`{name}` returns numbers in [0, 1), but not the ones rng.random(n) draws: "
            f"make exactly one call, rng.random(n), so the lesson's data match."
        )
    passed(f"{name} is correct: uniform inputs, reproducible from the seed.")


def check_make_targets(make_targets: Callable, seed: int = 0) -> None:
    """Exercise 1.2: ``make_targets(x, slope, noise_std, rng)`` = slope·x + N(0, noise_std)."""
    name = "make_targets"
    rng = np.random.default_rng(seed + 1000)
    for n, slope, noise_std in ((200, 3.0, 0.1), (9, -1.5, 0.7)):
        x = rng.random(n)
        y = as_vector(
            call(make_targets, x, slope, noise_std, np.random.default_rng(seed), name=name), name, n
        )
        noise = np.random.default_rng(seed).normal(0.0, noise_std, n)
        if close(y, slope * x + noise):
            continue
        residual = y - slope * x
        if close(residual, np.zeros(n)):
            fail(
                f"`{name}` returned points exactly on the line: add the noise, "
                f"rng.normal(0, noise_std, len(x))."
            )
        if close(residual, np.full(n, residual[0])):
            fail(
                f"`{name}` shifts every point by the same amount ({residual[0]:.3f}): that is "
                f"an intercept, not noise. Draw one noise value per point: "
                f"rng.normal(0, noise_std, len(x))."
            )
        if close(y, slope * x + np.random.default_rng(seed).normal(0.0, noise_std**2, n)):
            fail(
                f"`{name}` used noise_std² as the spread: numpy's normal takes the standard "
                f"deviation, so pass noise_std itself."
            )
        if close(y, x + noise) or close(y, noise):
            fail(f"`{name}` ignores the slope: the line is slope * x.")
        fail(
            f"`{name}` returns y = slope·x + something, but not slope·x + "
            f"rng.normal(0, noise_std, len(x)): use the rng you are given, one call."
        )
    passed(f"{name} is correct: one independent noise value per point, no intercept.")


# Notebook 2: the forward pass and the error ---------------------------------------------------


def check_predict(predict: Callable, seed: int = 0) -> None:
    """Exercise 2.1: ``predict(x, w1, w0)`` = linear(w1·x1 + w0·x0), with x0 = 1."""
    name = "predict"
    rng = np.random.default_rng(seed + 2000)
    for x, _, _ in _cases(seed):
        w1, w0 = rng.uniform(-3, 3), rng.uniform(0.5, 2)
        y_hat = as_vector(call(predict, x, w1, w0, name=name), name, x.size)
        expected = w1 * x + w0
        if close(y_hat, expected):
            continue
        mistake = first_match(
            y_hat,
            {
                "the bias is forgotten: add w0·x0, with the bias input x0 = 1.": w1 * x,
                "w1 and w0 are swapped: w1 multiplies the input x1, w0 multiplies x0 = 1.": w0 * x
                + w1,
                "the input is missing: multiply w1 by x1.": np.full(x.size, w1 + w0),
            },
        )
        fail(f"`{name}` is wrong: {mistake or 'expected w1 * x + w0 * 1.'}")
    passed(f"{name} is correct: ŷ = w1·x1 + w0·x0.")


def check_sse(sse: Callable, seed: int = 0) -> None:
    """Exercise 2.2: ``sse(y, y_hat)`` = ½·Σ(y − ŷ)²."""
    name = "sse"
    for _, y, y_hat in _cases(seed):
        value = call(sse, y, y_hat, name=name)
        if value is not None and np.shape(value) == y.shape:
            fail(
                f"`{name}` returned one value per point (shape {y.shape}): the error of the "
                f"whole batch is the sum of them, so add them up with np.sum."
            )
        value = as_number(value, name)
        expected = neuron.sse(y, y_hat)
        if close(value, expected):
            continue
        residual = y - y_hat
        mistake = first_match(
            value,
            {
                "the value is exactly twice the expected one: you forgot the ½.": 2 * expected,
                "you computed the mean squared error; this lesson sums over the batch (SSE), "
                "so use np.sum, not np.mean.": expected / y.size,
                "you computed the mean squared error without the ½; use ½·np.sum.": 2
                * expected
                / y.size,
                "the residuals are not squared: E = ½·Σ(y − ŷ)².": 0.5 * np.sum(residual),
                "you used absolute values; E squares the residuals.": 0.5
                * np.sum(np.abs(residual)),
                "the square is outside the sum: square each residual, then add them up.": 0.5
                * np.sum(residual) ** 2,
                "you took a square root: the SSE has none.": 0.5 * np.sqrt(np.sum(residual**2)),
            },
        )
        _fail_value(name, value, expected, mistake, "check the formula E = ½·Σ(y − ŷ)².")
    passed(f"{name} is correct: E = ½·Σ(y − ŷ)² over the whole batch.")


# Notebook 3: gradients ------------------------------------------------------------------------


def check_grad_w1(grad_w1: Callable, seed: int = 0) -> None:
    """Exercise 3.1: ``grad_w1(y, y_hat, x)`` = dE/dw1 = −Σ(y − ŷ)·x1."""
    name = "grad_w1"
    for x, y, y_hat in _cases(seed):
        value = call(grad_w1, y, y_hat, x, name=name)
        if value is not None and np.shape(value) == y.shape:
            fail(
                f"`{name}` returned one value per point: in batch learning the gradient is "
                f"the sum over all points, so add them up with np.sum."
            )
        value = as_number(value, name)
        expected = gradients.grad_w1(y, y_hat, x)
        if close(value, expected):
            continue
        residual = y - y_hat
        missing_x = -np.sum(residual)
        mistake = first_match(
            value,
            {
                **_gradient_mistakes(expected, y.size),
                "the input x1 is missing: dz/dw1 = x1, so multiply each residual by x.": missing_x,
                "the input x1 is missing and the sign is wrong: dE/dw1 = −Σ(y − ŷ)·x1.": -missing_x,
            },
        )
        _fail_value(name, value, expected, mistake, "dE/dw1 = −Σ(y − ŷ)·x1.")
    passed(f"{name} is correct: dE/dw1 = −Σ(y − ŷ)·x1.")


def check_grad_w0(grad_w0: Callable, seed: int = 0) -> None:
    """Exercise 3.2: ``grad_w0(y, y_hat)`` = dE/dw0 = −Σ(y − ŷ)."""
    name = "grad_w0"
    for x, y, y_hat in _cases(seed):
        value = call(grad_w0, y, y_hat, name=name)
        if value is not None and np.shape(value) == y.shape:
            fail(f"`{name}` returned one value per point: add them up with np.sum.")
        value = as_number(value, name)
        expected = gradients.grad_w0(y, y_hat)
        if close(value, expected):
            continue
        mistake = first_match(value, _gradient_mistakes(expected, y.size))
        if mistake is None and close(abs(value), abs(gradients.grad_w1(y, y_hat, x))):
            mistake = "that is dE/dw1: for w0 the input is x0 = 1, so there is no x."
        _fail_value(name, value, expected, mistake, "dE/dw0 = −Σ(y − ŷ)·x0 = −Σ(y − ŷ).")
    passed(f"{name} is correct: dE/dw0 = −Σ(y − ŷ).")


# Notebook 4: training -------------------------------------------------------------------------


def check_update(update: Callable, seed: int = 0) -> None:
    """Exercise 4.1: ``update(w1, w0, dE_dw1, dE_dw0, eta)`` returns one step of descent."""
    name = "update"
    rng = np.random.default_rng(seed + 4000)
    for _ in range(3):
        w1, w0, g1, g0 = rng.uniform(-3, 3, 4)
        eta = rng.uniform(0.01, 0.2)
        result = call(update, w1, w0, g1, g0, eta, name=name)
        if result is None:
            fail(f"`{name}` returned None: return the new weights, `return w1, w0`.")
        if not isinstance(result, tuple | list | np.ndarray) or len(result) != 2:
            fail(
                f"`{name}` should return the two new weights as a pair (w1, w0), "
                f"got {type(result).__name__}."
            )
        new = np.array(
            [
                as_number(result[0], name, "a pair of numbers"),
                as_number(result[1], name, "a pair of numbers"),
            ]
        )
        expected = np.array([w1 - eta * g1, w0 - eta * g0])
        if close(new, expected):
            continue
        mistake = first_match(
            new,
            {
                "you added the gradient: that climbs the error surface. Step against it, "
                "w − η·dE/dw.": [w1 + eta * g1, w0 + eta * g0],
                "the learning rate is missing: w − η·dE/dw.": [w1 - g1, w0 - g0],
                "the results are swapped: return (new w1, new w0).": expected[::-1],
                "each weight moved by the other's gradient: w1 uses dE/dw1, w0 uses dE/dw0.": [
                    w1 - eta * g0,
                    w0 - eta * g1,
                ],
            },
        )
        fail(f"`{name}` is wrong: {mistake or 'each weight becomes w − η·dE/dw.'}")
    passed(f"{name} is correct: one step downhill, w ← w − η·dE/dw.")


def check_train_loop(train_loop: Callable, seed: int = 0) -> None:
    """Exercise 4.2: ``train_loop(x, y, w1, w0, eta, epochs)`` returns (w1, w0, errors)."""
    name = "train_loop"
    rng = np.random.default_rng(seed + 5000)
    for n, epochs in ((200, 300), (37, 25)):
        x = rng.random(n)
        y = 3.0 * x + rng.normal(0.0, 0.1, n)
        w1, w0 = rng.uniform(-3, -2), rng.uniform(0, 2)
        eta = 0.001 * 200 / n
        result = call(train_loop, x, y, w1, w0, eta, epochs, name=name)
        if result is None:
            fail(f"`{name}` returned None: end with `return w1, w0, errors`.")
        if not isinstance(result, tuple | list) or len(result) != 3:
            fail(
                f"`{name}` should return three things, (w1, w0, errors); "
                f"got {type(result).__name__}."
            )
        final = np.array(
            [
                as_number(result[0], name, "a number as w1"),
                as_number(result[1], name, "a number as w0"),
            ]
        )
        errors = np.asarray(result[2], dtype=np.float64) if result[2] is not None else None
        reference = train(x, y, w1, w0, eta=eta, epochs=epochs)
        if errors is None or errors.ndim != 1:
            fail(
                f"`{name}`'s errors should be a list with one error per epoch, "
                f"got {type(result[2]).__name__}."
            )
        if errors.size != epochs:
            fail(
                f"`{name}` recorded {errors.size} errors for {epochs} epochs: record one per "
                f"epoch, inside the loop."
            )
        if close(errors, reference.errors, rtol=1e-7) and close(
            final, reference.weights[-1], rtol=1e-7
        ):
            continue
        after = np.append(reference.errors[1:], reference.final_error)
        if close(errors, after, rtol=1e-7):
            fail(
                f"`{name}` records the error after the update; the lesson records it before, "
                f"from the forward pass of that epoch."
            )
        if close(final, [w1, w0]):
            fail(
                f"`{name}` never changed the weights: assign the updated values back to w1 "
                f"and w0 inside the loop."
            )
        if errors[-1] > errors[0]:
            fail(
                f"`{name}`'s error grew from {errors[0]:.3g} to {errors[-1]:.3g}: the update "
                f"is probably climbing (w + η·dE/dw) instead of descending."
            )
        fail(
            f"`{name}` ends at w1 = {final[0]:.4f}, w0 = {final[1]:.4f}, expected "
            f"{reference.w1:.4f}, {reference.w0:.4f}: each epoch must do the forward pass on "
            f"all points, record E, compute both gradients, then update both weights."
        )
    passed(f"{name} is correct: it follows mlcourse.train epoch by epoch.")


# Notebook 5: the learning rate ----------------------------------------------------------------


def _rate_cases(seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed + 6000)
    return [rng.random(n) * scale for n, scale in ((200, 1.0), (50, 3.0), (1000, 0.5))]


def check_critical_rate(critical_rate: Callable, seed: int = 0) -> None:
    """Exercise 5.1: ``critical_rate(x)`` = 2/λ_max of the SSE Hessian [[Σx², Σx], [Σx, n]]."""
    name = "critical_rate"
    for x in _rate_cases(seed):
        value = as_number(call(critical_rate, x, name=name), name)
        expected = closed_form.critical_learning_rate(x)
        if close(value, expected, rtol=1e-6):
            continue
        smallest, largest = closed_form.eigenvalues(x)
        mistake = first_match(
            value,
            {
                "that is 1/λ_max, half the critical rate: the step diverges when |1 − η·λ| > 1, "
                "that is η > 2/λ.": 1 / largest,
                "you used λ_min: the largest eigenvalue is the first to blow up.": 2 / smallest,
                "that is λ_max/2, upside down: η_crit = 2/λ_max.": largest / 2,
                "that is the rate for the mean squared error (n times larger): use the SSE Hessian "
                "[[Σx², Σx], [Σx, n]].": expected * x.size,
            },
        )
        _fail_value(name, value, expected, mistake, "η_crit = 2/λ_max of [[Σx², Σx], [Σx, n]].")
    passed(f"{name} is correct: η_crit = 2/λ_max.")


def check_fastest_rate(fastest_rate: Callable, seed: int = 0) -> None:
    """Exercise 5.2: ``fastest_rate(x)`` = 2/(λ_min + λ_max)."""
    name = "fastest_rate"
    for x in _rate_cases(seed):
        value = as_number(call(fastest_rate, x, name=name), name)
        expected = closed_form.fastest_learning_rate(x)
        if close(value, expected, rtol=1e-6):
            continue
        smallest, largest = closed_form.eigenvalues(x)
        mistake = first_match(
            value,
            {
                "that is the critical rate 2/λ_max: at it the steepest direction never settles.": 2
                / largest,
                "that is 1/(λ_min + λ_max): the factor 2 is missing.": 1 / (smallest + largest),
                "that is 2/λ_min, far beyond the cliff.": 2 / smallest,
            },
        )
        _fail_value(name, value, expected, mistake, "η* = 2/(λ_min + λ_max).")
    passed(f"{name} is correct: η* = 2/(λ_min + λ_max) balances the two directions.")
