"""Checks of lesson 11, a network that classifies: ``classifier_error``, ``classifier_gradients``
and ``far_away_classes``.

Each exercise's mistakes are variants of one computation, described by a small dataclass
(:class:`ErrorWay`, :class:`Backprop`, :class:`FarAway`) and run by one function, so that each
mistake is one line.

- The error goes wrong in the forward pass (a bias or the tanh left out, the sigmoid's units,
  a tanh on the scores), in the sum (a sign, a mean, the log of every class or of a binary
  cross-entropy) and, above all, in its stability: the logarithm of a P that rounded to 0
  (−ln 0 = inf), a P clipped at some ε (which caps a confidently wrong point's error at −ln ε),
  a log-sum-exp that overflows, a maximum taken over the whole array or not added back. Of its
  four calls, one has moderate scores, one scores around +800 in every row (e^z overflows though
  nothing is uncertain), and two have confidently wrong points whose probability of their own
  class underflows to 0, so that each kind of failure shows in at least two calls.
- The gradients go wrong in δ_out (a sign, a mean, the labels left out or taken from the
  prediction, the softmax's own derivative kept, the SSE's), in δ_hidden (1 − h² missing or
  written another way), in what each weight's gradient multiplies (the scores before
  the tanh for h) and in its shape (a gradient transposed, a bias gradient summed over the wrong
  axis).
- Far from the data every tanh unit saturates at ±1 on its side of its line, so the scores tend
  to sign(u·W1)·W2 + b2: a prediction goes wrong by evaluating the network at the directions
  themselves (at distance 1), by keeping b1 (it no longer matters), by dropping b2 (it still
  does), or by sending the units to +1, to 0 or to the sigmoid's 0 and 1.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

import mlcourse
from mlcourse.checks.cases import sizes
from mlcourse.checks.judging import RAISE_HINTS, Judge, Mistake, Number, number
from mlcourse.checks.results import Array, Fields
from mlcourse.feedback import FLOATING_POINT, Exercise

LESSON_POINTS = 200
"""Points in lesson 11's data set, ``mc.make_moons(noise=0.2, seed=0)``."""
LESSON_NOISE = 0.2
NAMES = ("W1", "b1", "W2", "b2")

Params = dict[str, np.ndarray]


@functools.cache
def lesson_moons() -> mlcourse.Blobs:
    """Lesson 11's data, ``mc.make_moons(noise=0.2, seed=0)``."""
    return mlcourse.make_moons(noise=LESSON_NOISE, seed=0)


def random_params(rng: np.random.Generator, hidden: int, classes: int) -> Params:
    """Weights of order 1 for inputs of order 1: units neither flat nor straight, scores a few
    units apart (a probability below 1e-4 is rare)."""
    return {
        "W1": rng.normal(0.0, 1.2, (2, hidden)),
        "b1": rng.normal(0.0, 0.8, hidden),
        "W2": rng.normal(0.0, 1.0, (hidden, classes)),
        "b2": rng.normal(0.0, 0.5, classes),
    }


def points(rng: np.random.Generator, n: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
    """n points around the origin and labels in which every class appears."""
    return rng.normal(0.0, 1.0, (n, 2)), rng.permutation(np.arange(n) % classes)


def one_hot(labels: np.ndarray, classes: int) -> np.ndarray:
    return np.eye(classes)[labels]


def sigmoid(a: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-a))


# classifier_error ---------------------------------------------------------------------------


def error_cases(seed: int) -> list[tuple]:
    """(X, labels, params) four times, H = 3, 4, 3, 5 units and K = 3, 2, 4, 3 classes:

    1. moderate scores;
    2. every row's scores around +800 (a common b2), a few apart: e^z overflows, yet every
       probability is ordinary;
    3. and 4. output weights of hundreds, so that a point's scores differ by hundreds, and the
       two points whose scores differ most labelled with their least likely class: their
       probability of their own class rounds to 0. In 4 the rows also lie at levels more than
       1,500 apart, so that no one maximum serves them all.
    """
    rng = np.random.default_rng([seed, 11100])
    shapes = ((3, 3), (4, 2), (3, 4), (5, 3))
    return [
        error_case(rng, n, hidden, classes, kind)
        for kind, (n, (hidden, classes)) in enumerate(
            zip(sizes(seed, 4, low=8, high=40), shapes, strict=True)
        )
    ]


def error_case(rng: np.random.Generator, n: int, hidden: int, classes: int, kind: int) -> tuple:
    """One of ``error_cases``, drawn again until it has the property its kind promises."""
    for _ in range(10_000):
        X, labels = points(rng, n, classes)
        params = random_params(rng, hidden, classes)
        if kind == 0:
            return X, labels, params
        if kind == 1:
            params["b2"] = params["b2"] + rng.uniform(780.0, 820.0)
            return X, labels, params
        params["W1"] = params["W1"] * 4.0  # saturated units: h near ±1
        params["W2"] = params["W2"] * 300.0
        if kind == 3:
            # A common part in every class's weight: rows of ±1 units sit at levels far apart.
            params["W2"] = params["W2"] + rng.choice([-300.0, 300.0], (hidden, 1))
        z = np.tanh(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
        spread = np.ptp(z, axis=1)
        wrong = np.argsort(spread)[-2:]
        labels[wrong] = np.argmin(z[wrong], axis=1)
        if (
            spread[wrong].min() > 800.0
            and np.unique(labels).size == classes
            and (kind == 2 or np.ptp(np.max(z, axis=1)) > 1500.0)
        ):
            return X, labels, params
    raise RuntimeError("no case of this kind found")  # pragma: no cover


def classifier_error_reference(X: np.ndarray, labels: np.ndarray, params: Params) -> float:
    return mlcourse.classifier_error(X, labels, params)


@dataclass(frozen=True)
class ErrorWay:
    """How the error of the network goes, right or wrong; :func:`network_error` runs it."""

    activation: Callable[[np.ndarray], np.ndarray] = np.tanh
    b1: bool = True
    b2: bool = True
    output_tanh: bool = False
    log_of: str = "scores"
    """How ln P[i, label] is found: "scores" (z − m − ln Σ e^(z − m), right), "P" (the log of
    the softmax), "naive" (z − ln Σ e^z), "naive softmax" (the log of e^z / Σ e^z), "global max"
    (m the largest score of the whole array), "max not added back" (ln Σ e^(z − m) taken for
    ln Σ e^z), or P kept away from 0 by ε: "clipped" to [ε, 1 − ε], "floored" at ε or
    "shifted" by ε."""
    epsilon: float = 0.0
    terms: str = "own"
    """Which logs are summed: each point's "own" class, "every" class, "columns" (P[:, labels],
    an (n, n) array) or a "binary" cross-entropy per class, Y·ln P + (1 − Y)·ln(1 − P)."""
    only_log_sum_exp: bool = False
    """Σ ln Σ_k e^(z_ik) without subtracting the own score."""
    sign: float = 1.0
    mean: bool = False
    lesson_data: bool = False


def scores_of(X: np.ndarray, params: Params, way: ErrorWay) -> np.ndarray:
    a = X @ params["W1"] + (params["b1"] if way.b1 else 0.0)
    z = way.activation(a) @ params["W2"] + (params["b2"] if way.b2 else 0.0)
    return np.tanh(z) if way.output_tanh else z


def log_probabilities(z: np.ndarray, way: ErrorWay) -> np.ndarray:
    """ln P, every entry, the way ``way.log_of`` finds it."""
    m = np.max(z, axis=1, keepdims=True)
    if way.log_of == "scores":
        return z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    if way.log_of == "naive":
        return z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    if way.log_of == "naive softmax":
        return np.log(np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True))
    if way.log_of == "global max":
        e = np.exp(z - np.max(z))
        return np.log(e / np.sum(e, axis=1, keepdims=True))
    if way.log_of == "max not added back":
        return z - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    P = mlcourse.softmax(z)
    if way.log_of == "clipped":  # np.clip(P, ε, 1 − ε), as Keras and scikit-learn do
        return np.log(np.clip(P, way.epsilon, 1 - way.epsilon))
    if way.log_of == "floored":  # np.maximum(P, ε)
        return np.log(np.maximum(P, way.epsilon))
    if way.log_of == "shifted":  # P + ε
        return np.log(P + way.epsilon)
    return np.log(P)  # "P"


def network_error(X: np.ndarray, labels: np.ndarray, params: Params, way: ErrorWay) -> float:
    if way.lesson_data:
        X, labels = lesson_moons()
    z = scores_of(X, params, way)
    if way.only_log_sum_exp:
        m = np.max(z, axis=1)
        total = float(np.sum(m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))))
    else:
        log_p = log_probabilities(z, way)
        rows = np.arange(labels.size)
        if way.terms == "own":
            total = -float(np.sum(log_p[rows, labels]))
        elif way.terms == "every":
            total = -float(np.sum(log_p))
        elif way.terms == "columns":
            total = -float(np.sum(log_p[:, labels]))
        else:  # "binary"
            P, Y = np.exp(log_p), one_hot(labels, z.shape[1])
            total = -float(np.sum(Y * log_p + (1 - Y) * np.log(1 - P)))
    total *= way.sign
    return total / labels.size if way.mean else total


def error_way(**changes: Any) -> Callable[..., float]:
    way = replace(ErrorWay(), **changes)
    return lambda X, labels, params: network_error(X, labels, params, way)


FROM_SCORES = (
    "compute ln P[i, y_i] from the scores, z[i, y_i] − m_i − ln Σ_k e^(z_ik − m_i) with m_i "
    "the row's largest score: no exponent is positive and nothing is rounded to 0 before the "
    "logarithm."
)
CLIPS = (1e-7, 1e-8, 1e-10, 1e-12, 1e-15)
"""The ε learners clip P at (or add to it) before the logarithm: Keras's, and others common."""


def error_mistakes() -> tuple[Mistake, ...]:
    mistakes = [
        Mistake(
            "log-of-P",
            "It takes the logarithm of P: for a confidently wrong point the probability of its "
            "own class rounds to 0 (below about 5e-324, e^(−745)), and −ln 0 = inf, though its "
            f"true error is the gap between its scores, hundreds here. Instead, {FROM_SCORES}",
            error_way(log_of="P"),
        ),
        Mistake(
            "log-sum-exp-overflow",
            "It overflows: e^z is inf for a score above about 709, so ln Σ e^z is inf (and "
            "e^z / Σ e^z is nan) even where nothing is uncertain. Subtract each row's largest "
            f"score first: {FROM_SCORES}",
            error_way(log_of="naive"),
        ),
        Mistake(
            "softmax-overflow",
            "It overflows: the softmax without each row's maximum subtracted gives "
            f"inf/inf = nan for scores above about 709. {FROM_SCORES[0].upper()}"
            f"{FROM_SCORES[1:]}",
            error_way(log_of="naive softmax"),
        ),
        Mistake(
            "global-max",
            "It subtracts the largest score of the whole array, np.max(z): the rows whose "
            "scores all lie far below it give e^(z − m) = 0 everywhere, and ln 0 = −inf. "
            "Subtract each row's own maximum, np.max(z, axis=1, keepdims=True).",
            error_way(log_of="global max"),
        ),
        Mistake(
            "max-not-added-back",
            "It subtracts each row's maximum m inside the exponentials but does not add it "
            "back: ln Σ_k e^(z_k) = m + ln Σ_k e^(z_k − m), so ln P[i, y_i] = z[i, y_i] − m_i − "
            "ln Σ_k e^(z_ik − m_i).",
            error_way(log_of="max not added back"),
        ),
    ]
    mistakes += [
        Mistake(
            f"{how}-{epsilon:g}",
            f"It clips P at {epsilon:g} (or adds {epsilon:g}) before the logarithm: that caps a "
            f"confidently wrong point's error at −ln {epsilon:g} = {-np.log(epsilon):.3g}, "
            f"though its true error is the gap between its scores, hundreds here. Instead, "
            f"{FROM_SCORES}",
            error_way(log_of=how, epsilon=epsilon),
        )
        for epsilon in CLIPS
        for how in ("clipped", "floored", "shifted")
    ]
    mistakes += [
        Mistake(
            "minus-E",
            "It returns −E: E = −Σ ln P[i, y_i] is at least 0 (each ln P is at most 0).",
            error_way(sign=-1.0),
        ),
        Mistake(
            "mean",
            "It is divided by n: that is the mean cross-entropy; this E is the sum over the "
            "points, like lessons 8 to 10's.",
            error_way(mean=True),
        ),
        Mistake(
            "every-class",
            "It adds ln P of every class of every point: each point adds only −ln of the "
            "probability of its own class, P[i, labels[i]].",
            error_way(terms="every"),
        ),
        Mistake(
            "columns",
            "It takes P[:, labels], an (n, n) array (column labels[i] of every row): each point "
            "adds −ln P[i, labels[i]], one entry per row (np.arange(n), labels).",
            error_way(terms="columns"),
        ),
        Mistake(
            "binary-per-class",
            "That is a binary cross-entropy per class, Σ[Y·ln P + (1 − Y)·ln(1 − P)] (lesson "
            "8's, K times): with a softmax each point adds only −ln P[i, labels[i]].",
            error_way(terms="binary"),
        ),
        Mistake(
            "log-sum-exp-only",
            "It returns Σ ln Σ_k e^(z_ik) without subtracting each point's own score: "
            "−ln P[i, y_i] = ln Σ_k e^(z_ik) − z[i, y_i].",
            error_way(only_log_sum_exp=True),
        ),
        Mistake(
            "log-base-2",
            "It takes logarithms to base 2 (np.log2): that measures E in bits, 1/ln 2 = 1.443 "
            "times E in the lesson's natural logarithm, np.log.",
            lambda X, labels, params: classifier_error_reference(X, labels, params) / np.log(2),
        ),
        Mistake(
            "sse-of-probabilities",
            "That is the SSE of the probabilities, ½·Σ(P − Y)² (the error lessons 8 and 9 raced "
            "against the cross-entropy): this E is the cross-entropy, −Σ ln P[i, y_i].",
            lambda X, labels, params: (
                0.5
                * np.sum(
                    (mlcourse.classifier_forward(X, params)[1] - one_hot(labels, params["b2"].size))
                    ** 2
                )
            ),
        ),
        Mistake(
            "no-activation",
            "The hidden units have no activation: h = X·W1 + b1 is linear. Apply the tanh, "
            "h = np.tanh(X @ W1 + b1).",
            error_way(activation=lambda a: a),
        ),
        Mistake(
            "sigmoid-units",
            "That is the sigmoid on the hidden units: this network's are tanh units, "
            "h = np.tanh(X @ W1 + b1).",
            error_way(activation=sigmoid),
        ),
        Mistake(
            "no-b1", "The hidden biases b1 are missing: h = tanh(X·W1 + b1).", error_way(b1=False)
        ),
        Mistake("no-b2", "The output biases b2 are missing: Z = h·W2 + b2.", error_way(b2=False)),
        Mistake(
            "output-tanh",
            "There is a tanh on the scores: the output layer is linear, Z = h·W2 + b2, and the "
            "softmax turns Z into probabilities.",
            error_way(output_tanh=True),
        ),
        Mistake(
            "lesson-data",
            "It uses the notebook's data.X and data.labels instead of the arguments `X` and "
            "`labels`.",
            error_way(lesson_data=True),
        ),
    ]
    return tuple(mistakes)


ERROR_WARNING = (
    "The point of this error is that nothing overflows or rounds to 0 before a logarithm "
    f"(silencing the warning stops neither): {FROM_SCORES}"
)

STABILITY_HINTS = (
    *RAISE_HINTS,
    (
        "mismatch in its core dimension",
        "W2",
        "h has one column per hidden unit and W2 one row per unit: the scores are h @ W2.",
    ),
    (
        "could not be broadcast",
        "axis=1",
        "A row's maximum or sum has shape (n,), which numpy cannot line up with Z's shape "
        "(n, K): keep the axis, np.max(Z, axis=1, keepdims=True), or add one, [:, None].",
    ),
)

CLASSIFIER_ERROR = Exercise(
    name="classifier_error",
    cases=error_cases,
    judge=Judge(
        name="classifier_error",
        failing_warnings=FLOATING_POINT,
        warning_advice=ERROR_WARNING,
        parameters=("X", "labels", "params"),
        reference=classifier_error_reference,
        result=Number(),
        mistakes=error_mistakes(),
        rule=(
            "h = tanh(X·W1 + b1), Z = h·W2 + b2, and E = Σ_i (ln Σ_k e^(z_ik) − z[i, y_i]), "
            "each log-sum-exp computed as m_i + ln Σ_k e^(z_ik − m_i) with m_i the row's largest "
            "score."
        ),
        lesson_size=LESSON_POINTS,
        raise_hints=STABILITY_HINTS,
        nan_matches=True,
    ),
    success=(
        "classifier_error is correct: E = −Σ ln P[i, y_i] from the scores, finite for a "
        "confidently wrong point."
    ),
    forbidden=(
        "mlcourse.classifier_error",
        "mlcourse.train_classifier",
        "mlcourse.cross_entropy_from_scores",
        "mlcourse.softmax_regression_error",
    ),
)


# classifier_gradients -----------------------------------------------------------------------


def gradient_cases(seed: int) -> list[tuple]:
    """(X, labels, params) three times: H = 3, 4, 5 units for K = 2, 4, 3 classes (one with as
    many units as classes, where W2 and W2ᵀ have the same shape and only the numbers tell a
    transposition), and weights of order 1, so that probabilities near 0 or 1 are rare."""
    rng = np.random.default_rng([seed, 11200])
    cases = []
    for n, (hidden, classes) in zip(
        sizes(seed, 3, low=8, high=40), ((3, 2), (4, 4), (5, 3)), strict=True
    ):
        X, labels = points(rng, n, classes)
        cases.append((X, labels, random_params(rng, hidden, classes)))
    return cases


def classifier_gradients_reference(X: np.ndarray, labels: np.ndarray, params: Params) -> Params:
    return mlcourse.classifier_gradients(X, labels, params)


@dataclass(frozen=True)
class Backprop:
    """How a backward pass goes, right or wrong; :func:`backprop` runs it."""

    output_delta: Callable[[np.ndarray, np.ndarray], np.ndarray] = lambda P, Y: P - Y
    """δ_out from P and the one-hot Y."""
    scale: Callable[[int], float] = lambda n: 1.0
    derivative: str = "1 - h**2"
    """tanh'(a) as written: "1 - h**2", "1 - h", "h * (1 - h)", "1 - a**2" or "none"."""
    w2_input: str = "h"
    """What ∂E/∂W2 multiplies δ_out by: "h" or "a" (the scores before the tanh)."""
    b1: bool = True
    b2: bool = True
    transposed: frozenset[str] = frozenset()
    """Gradients returned transposed ("W1": δ_hiddenᵀ·X, "W2": δ_outᵀ·h)."""
    bias_axis: int = 0
    """The axis the bias gradients are summed over (1: over each point's units or classes)."""
    lesson_data: bool = False


def backprop(
    X: np.ndarray, labels: np.ndarray, params: Params, way: Backprop = Backprop()
) -> Params:
    if way.lesson_data:
        X, labels = lesson_moons()
    a = X @ params["W1"] + (params["b1"] if way.b1 else 0.0)
    h = np.tanh(a)
    P = mlcourse.softmax(h @ params["W2"] + (params["b2"] if way.b2 else 0.0))
    delta_out = way.output_delta(P, one_hot(labels, P.shape[1])) * way.scale(len(X))
    derivative = {
        "1 - h**2": 1 - h**2,
        "1 - h": 1 - h,
        "h * (1 - h)": h * (1 - h),
        "1 - a**2": 1 - a**2,
        "none": 1.0,
    }[way.derivative]
    delta_hidden = (delta_out @ params["W2"].T) * derivative
    w2_input = h if way.w2_input == "h" else a
    return {
        "W1": delta_hidden.T @ X if "W1" in way.transposed else X.T @ delta_hidden,
        "b1": np.sum(delta_hidden, axis=way.bias_axis),
        "W2": delta_out.T @ w2_input if "W2" in way.transposed else w2_input.T @ delta_out,
        "b2": np.sum(delta_out, axis=way.bias_axis),
    }


def backprop_way(**changes: Any) -> Callable[..., Params]:
    way = replace(Backprop(), **changes)
    return lambda X, labels, params: backprop(X, labels, params, way)


def sse_output_delta(P: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """∂/∂z of ½·Σ(p − y)², through the softmax's whole Jacobian diag(p) − p·pᵀ."""
    residual = P - Y
    return P * (residual - np.sum(residual * P, axis=1, keepdims=True))


def gradient_mistakes() -> tuple[Mistake, ...]:
    return (
        Mistake(
            "sign",
            "All four have the wrong sign: δ_out = ∂E/∂Z = P − Y (probabilities minus one-hot "
            "labels), not Y − P.",
            backprop_way(output_delta=lambda P, Y: Y - P),
        ),
        Mistake(
            "mean",
            "All four are divided by n: that is the gradient of the mean cross-entropy; this E "
            "is the sum over the points.",
            backprop_way(scale=lambda n: 1.0 / n),
        ),
        Mistake(
            "sign+mean",
            "Two mistakes: the sign (δ_out = P − Y, not Y − P) and a division by n (this E is a "
            "sum).",
            backprop_way(output_delta=lambda P, Y: Y - P, scale=lambda n: 1.0 / n),
        ),
        Mistake(
            "no-labels",
            "The labels are missing: δ_out = ∂E/∂Z = P − Y, with Y the one-hot labels, not P "
            "alone.",
            backprop_way(output_delta=lambda P, Y: P),
        ),
        Mistake(
            "minus-one-everywhere",
            "It subtracts 1 from every probability: subtract 1 only in each point's own class, "
            "P − Y with Y one-hot (np.eye(K)[labels]).",
            backprop_way(output_delta=lambda P, Y: P - 1.0),
        ),
        Mistake(
            "predicted-labels",
            "It uses the predicted classes (argmax of P) as Y: Y holds the true labels.",
            backprop_way(output_delta=lambda P, Y: P - np.eye(P.shape[1])[np.argmax(P, axis=1)]),
        ),
        Mistake(
            "softmax-derivative-kept",
            "The softmax's derivative p(1 − p) is still in δ_out: through the softmax's whole "
            "Jacobian it cancels against ∂E/∂p = −y/p, leaving δ_out = P − Y (lesson 9).",
            backprop_way(output_delta=lambda P, Y: (P - Y) * P * (1 - P)),
        ),
        Mistake(
            "sse-delta",
            "That δ_out is the SSE's, ½·Σ(p − y)² through the softmax: this E is the "
            "cross-entropy, whose δ_out is P − Y.",
            backprop_way(output_delta=sse_output_delta),
        ),
        Mistake(
            "hidden-gradients-zero",
            "∂E/∂W1 and ∂E/∂b1 are zero: the error reaches the hidden layer through W2, "
            "δ_hidden = (δ_out·W2ᵀ)·(1 − h²), then ∂E/∂W1 = Xᵀ·δ_hidden and ∂E/∂b1 = Σ δ_hidden.",
            lambda X, labels, params: {
                **classifier_gradients_reference(X, labels, params),
                "W1": np.zeros_like(params["W1"]),
                "b1": np.zeros_like(params["b1"]),
            },
        ),
        Mistake(
            "no-tanh-derivative",
            "(1 − h²) is missing: δ_hidden passes through the tanh, whose derivative is "
            "tanh'(a) = 1 − tanh²(a) = 1 − h², so δ_hidden = (δ_out·W2ᵀ)·(1 − h²).",
            backprop_way(derivative="none"),
        ),
        Mistake(
            "derivative-1-h",
            "The tanh's derivative is written 1 − h: it is 1 − h² (the square of h).",
            backprop_way(derivative="1 - h"),
        ),
        Mistake(
            "sigmoid-derivative",
            "The hidden units' derivative is h(1 − h), the sigmoid's: for tanh it is 1 − h².",
            backprop_way(derivative="h * (1 - h)"),
        ),
        Mistake(
            "derivative-of-a",
            "The derivative is 1 − a² with a = X·W1 + b1, the score before the tanh: tanh'(a) "
            "= 1 − tanh²(a) = 1 − h², with h the unit's output.",
            backprop_way(derivative="1 - a**2"),
        ),
        Mistake(
            "w2-before-tanh",
            "∂E/∂W2 uses X·W1 + b1 (before the tanh): Z = h·W2 + b2, so ∂E/∂W2 = hᵀ·δ_out.",
            backprop_way(w2_input="a"),
        ),
        Mistake(
            "no-b2",
            "The output biases b2 are missing from the forward pass: Z = h·W2 + b2.",
            backprop_way(b2=False),
        ),
        Mistake(
            "no-b1",
            "The hidden biases b1 are missing from the forward pass: h = tanh(X·W1 + b1).",
            backprop_way(b1=False),
        ),
        Mistake(
            "W2-transposed",
            "∂E/∂W2 is transposed: it has W2's shape (H, K), hᵀ·δ_out, not δ_outᵀ·h.",
            backprop_way(transposed=frozenset({"W2"})),
        ),
        Mistake(
            "W1-transposed",
            "∂E/∂W1 is transposed: it has W1's shape (2, H), Xᵀ·δ_hidden, not δ_hiddenᵀ·X.",
            backprop_way(transposed=frozenset({"W1"})),
        ),
        Mistake(
            "bias-axis-1",
            "The bias gradients are summed over each point's units and classes (axis=1): sum "
            "the deltas over the points, np.sum(delta, axis=0), one entry per unit or class.",
            backprop_way(bias_axis=1),
        ),
        Mistake(
            "lesson-data",
            "It uses the notebook's data.X and data.labels instead of the arguments `X` and "
            "`labels`.",
            backprop_way(lesson_data=True),
        ),
    )


TRANSPOSE = (
    "δ_out has one column per class and W2 one row per hidden unit and one column per class: "
    "δ_out reaches unit j through every class's weight W2[j, k], δ_out @ W2.T."
)
GRADIENT_HINTS = (
    *RAISE_HINTS,
    ("mismatch in its core dimension", "W2", TRANSPOSE),
    ("not aligned", "W2", TRANSPOSE),
    ("could not be broadcast", "W2", TRANSPOSE),
    (
        "mismatch in its core dimension",
        "W1",
        "δ_hidden comes back from the scores through W2, δ_out @ W2.T; W1 is where it goes "
        "next, in ∂E/∂W1 = Xᵀ·δ_hidden.",
    ),
)

PARAMETER_FIELDS = (
    ("W1", Array("W1", "one entry per weight, like W1")),
    ("b1", Array("b1", "one entry per hidden unit, like b1")),
    ("W2", Array("W2", "one entry per weight, like W2")),
    ("b2", Array("b2", "one entry per class, like b2")),
)

CLASSIFIER_GRADIENTS = Exercise(
    name="classifier_gradients",
    cases=gradient_cases,
    judge=Judge(
        name="classifier_gradients",
        failing_warnings=(),
        parameters=("X", "labels", "params"),
        reference=classifier_gradients_reference,
        result=Fields(
            PARAMETER_FIELDS, what="∂E/∂W1, ∂E/∂b1, ∂E/∂W2, ∂E/∂b2 under the parameters' names"
        ),
        mistakes=gradient_mistakes(),
        rule=(
            "δ_out = P − Y; ∂E/∂W2 = hᵀ·δ_out, ∂E/∂b2 = Σ δ_out; δ_hidden = (δ_out·W2ᵀ)·(1 − h²); "
            "∂E/∂W1 = Xᵀ·δ_hidden, ∂E/∂b1 = Σ δ_hidden (sums over the points)."
        ),
        lesson_size=LESSON_POINTS,
        raise_hints=GRADIENT_HINTS,
    ),
    success=(
        "classifier_gradients is correct: P − Y at the output, through W2ᵀ and (1 − h²) into "
        "the hidden layer."
    ),
    forbidden=("mlcourse.classifier_gradients", "mlcourse.train_classifier"),
)


# far_away_classes ---------------------------------------------------------------------------

FAR = 1e6
"""How far out the check evaluates the network: every unit's score is then at least 5e4 from
0 (the cases keep |u·W1[:, j]| ≥ 0.05), and tanh is ±1 to the last bit beyond about 19."""
MIN_SLANT = 0.05
"""No direction runs within this of a unit's line: |u·W1[:, j]| ≥ MIN_SLANT·|W1[:, j]|."""
MIN_MARGIN = 0.1
"""Far away the best class's score leads the next by at least this."""


@dataclass(frozen=True)
class FarAway:
    """How a prediction of the far-away classes goes, right or wrong; :func:`far_away` runs it."""

    units: str = "sign"
    """What the hidden units become: "sign" (±1, right), "at the direction" (tanh(u·W1 + b1),
    the network at distance 1), "sign with b1" (sign(u·W1 + b1)), "one" (all +1), "zero" (all
    0) or "step" (0 or 1, the sigmoid's limits)."""
    b2: bool = True


def far_away(params: Params, directions: np.ndarray, way: FarAway = FarAway()) -> np.ndarray:
    score = directions @ params["W1"]
    h = {
        "sign": lambda: np.sign(score),
        "at the direction": lambda: np.tanh(score + params["b1"]),
        "sign with b1": lambda: np.sign(score + params["b1"]),
        "one": lambda: np.ones_like(score),
        "zero": lambda: np.zeros_like(score),
        "step": lambda: (score > 0).astype(float),
    }[way.units]()
    return np.argmax(h @ params["W2"] + (params["b2"] if way.b2 else 0.0), axis=1)


def far_away_way(**changes: Any) -> Callable[..., np.ndarray]:
    way = replace(FarAway(), **changes)
    return lambda params, directions: far_away(params, directions, way)


MISTAKEN_WAYS = (
    {"units": "at the direction"},
    {"units": "sign with b1"},
    {"units": "one"},
    {"units": "zero"},
    {"units": "step"},
    {"b2": False},
)
"""Every mistake of the table below: each case is drawn so that each of them errs in it."""


@dataclass(frozen=True)
class Classes(Array):
    """One class per direction: an Array whose facts speak of directions and classes."""

    def facts(self, value: np.ndarray, expected: np.ndarray) -> str:
        wrong = value != expected
        first = int(np.flatnonzero(wrong)[0])
        return (
            f"returned the wrong class for {int(wrong.sum())} of {value.size} directions, first "
            f"for direction {first} (row {first} of `directions`): {number(value[first])} "
            f"instead of {number(expected[first])}"
        )


def far_away_reference(params: Params, directions: np.ndarray) -> np.ndarray:
    """The classes the network itself gives at distance ``FAR`` along each direction."""
    return np.argmax(mlcourse.classifier_forward(FAR * directions, params)[1], axis=1)


def far_away_case(rng: np.random.Generator, hidden: int, classes: int, count: int) -> tuple:
    """(params, directions) drawn again until it is clear-cut: no direction near a unit's line,
    no near tie between two classes far away, at least two classes far away, and every mistake
    in ``MISTAKEN_WAYS`` wrong in some direction."""
    for _ in range(10_000):
        params = random_params(rng, hidden, classes)
        params["b1"] = params["b1"] * 2.0  # b1 large enough that keeping it shows
        angles = np.sort(rng.uniform(0.0, 2 * np.pi, count))
        directions = np.column_stack([np.cos(angles), np.sin(angles)])
        slant = np.abs(directions @ params["W1"]) / np.linalg.norm(params["W1"], axis=0)
        limit = np.sign(directions @ params["W1"]) @ params["W2"] + params["b2"]
        top_two = np.sort(limit, axis=1)[:, -2:]
        right = far_away(params, directions)
        if (
            slant.min() >= MIN_SLANT
            and np.min(top_two[:, 1] - top_two[:, 0]) >= MIN_MARGIN
            and np.unique(right).size >= 2
            and all(
                np.any(far_away(params, directions, FarAway(**change)) != right)
                for change in MISTAKEN_WAYS
            )
        ):
            return params, directions
    raise RuntimeError("no clear-cut case found")  # pragma: no cover


def far_away_cases(seed: int) -> list[tuple]:
    """(params, directions) three times: H = 3, 4, 5 units, K = 2, 3, 2 classes, 9 to 14
    directions at random angles."""
    rng = np.random.default_rng([seed, 11300])
    counts = rng.integers(9, 15, 3)
    return [
        far_away_case(rng, hidden, classes, int(count))
        for (hidden, classes), count in zip(((3, 2), (4, 3), (5, 2)), counts, strict=True)
    ]


FAR_AWAY_CLASSES = Exercise(
    name="far_away_classes",
    cases=far_away_cases,
    judge=Judge(
        name="far_away_classes",
        failing_warnings=(),
        parameters=("params", "directions"),
        reference=far_away_reference,
        result=Classes("classes", "one class, 0 to K − 1, per direction"),
        mistakes=(
            Mistake(
                "at-the-directions",
                "Those are the classes at the directions themselves, x = u (distance 1), inside "
                "the data: far away, at x = r·u with r → ∞, each unit's score r·(u·W1[:, j]) + "
                "b1[j] grows without bound, so its tanh is −1 or +1.",
                far_away_way(units="at the direction"),
            ),
            Mistake(
                "keeps-b1",
                "It keeps b1: far away the score r·(u·W1[:, j]) + b1[j] is ruled by its first "
                "term, which grows with r, while b1 stays the same; the unit goes to "
                "sign(u·W1[:, j]).",
                far_away_way(units="sign with b1"),
            ),
            Mistake(
                "units-to-one",
                "It sends every unit to +1: far away a unit is +1 on one side of its line and −1 "
                "on the other, sign(u·W1[:, j]).",
                far_away_way(units="one"),
            ),
            Mistake(
                "units-to-zero",
                "It sends every unit to 0: tanh does not fade far away, it saturates at −1 or "
                "+1, sign(u·W1[:, j]) (it is tanh's slope 1 − h² that goes to 0).",
                far_away_way(units="zero"),
            ),
            Mistake(
                "sigmoid-limits",
                "It sends the units to 0 or 1, the sigmoid's limits: tanh goes to −1 on the far "
                "side of a unit's line, sign(u·W1[:, j]).",
                far_away_way(units="step"),
            ),
            Mistake(
                "no-b2",
                "b2 is missing: far away the scores tend to sign(u·W1)·W2 + b2, and b2 still "
                "counts.",
                far_away_way(b2=False),
            ),
        ),
        rule=(
            "Far away (x = r·u, r → ∞) unit j's output tends to sign(u·W1[:, j]), so the scores "
            "tend to sign(u·W1)·W2 + b2; return the class with the largest, for each direction."
        ),
    ),
    success=(
        "far_away_classes is correct: far away every unit is ±1, and the scores tend to "
        "sign(u·W1)·W2 + b2."
    ),
)


def check_classifier_error(classifier_error: Callable, seed: int = 0) -> None:
    """Exercise 11.1: ``classifier_error(X, labels, params)``, E of the network from its scores."""
    CLASSIFIER_ERROR.check(classifier_error, seed)


def check_classifier_gradients(classifier_gradients: Callable, seed: int = 0) -> None:
    """Exercise 11.2: ``classifier_gradients(X, labels, params)``, the four gradients."""
    CLASSIFIER_GRADIENTS.check(classifier_gradients, seed)


def check_far_away_classes(far_away_classes: Callable, seed: int = 0) -> None:
    """Exercise 11.3: ``far_away_classes(params, directions)``, the class far along each one."""
    FAR_AWAY_CLASSES.check(far_away_classes, seed)
