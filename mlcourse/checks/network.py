"""Checks of lesson 10, a hidden layer: ``mlp_forward``, ``mlp_gradients`` and ``train_epoch``.

Each exercise's mistakes are variants of one computation, described by a small dataclass
(:class:`Forward`, :class:`Backprop`, :class:`Epoch`) and run by one function, so that each
mistake is one line: the tanh left out or replaced, a bias forgotten, (1 − h²) or W2 missing
from δ_hidden, the sign of δ_out, a mean for the sum, an epoch that records the error after its
update or leaves b2 alone, …

Parameters travel as dicts {"W1", "b1", "W2": arrays of shape (H,), "b2": float}, as in
``mlcourse.network``; results that are dicts are judged key by key.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

import mlcourse
from mlcourse.checks.cases import sizes
from mlcourse.checks.judging import RAISE_HINTS, Judge, Mistake, sentence
from mlcourse.checks.results import Array, Fields, Scalar, Together
from mlcourse.feedback import Exercise

LESSON_POINTS = 100
"""Points in lesson 10's data set, ``mc.make_curve_data(seed=0)``."""
LESSON_ETA = 0.002
"""The learning rate lesson 10 trains with (``train_mlp``'s default)."""
NAMES = ("W1", "b1", "W2", "b2")

Params = dict[str, Any]


@functools.cache
def lesson_curve() -> mlcourse.Dataset:
    """Lesson 10's data, ``mc.make_curve_data(seed=0)``."""
    return mlcourse.make_curve_data(seed=0)


def random_params(rng: np.random.Generator, hidden: int) -> Params:
    """Weights and biases of order 1, so that the tanh units are neither flat nor straight."""
    return {
        "W1": rng.normal(0.0, 1.2, hidden),
        "b1": rng.normal(0.0, 0.8, hidden),
        "W2": rng.normal(0.0, 1.0, hidden),
        "b2": round(float(rng.normal(0.0, 0.5)), 3),
    }


def network_cases(seed: int, offset: int) -> list[tuple[np.ndarray, np.ndarray, Params]]:
    """(x, y, params) three times: H = 3, 5, 4 units, n never H, never the lesson's 100."""
    rng = np.random.default_rng([seed, offset])
    cases = []
    for n, hidden in zip(sizes(seed, 3, low=8, high=40), (3, 5, 4), strict=True):
        x = rng.uniform(-1.5, 1.5, n)
        y = np.sin(2.0 * x) + rng.normal(0.0, 0.2, n)
        cases.append((x, y, random_params(rng, hidden)))
    return cases


OUTER = (
    "x has one value per point and W1 one per hidden unit: to get h with one row per point and "
    "one column per unit, multiply a column by a row, x[:, None] * W1 (or np.outer(x, W1))."
)
FORWARD_RAISE_HINTS = (
    *RAISE_HINTS,
    ("could not be broadcast", "W1", OUTER),
    ("mismatch in its core dimension", "W1", OUTER),
)


def sigmoid(a: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-a))


# mlp_forward --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Forward:
    """How a forward pass goes, right or wrong; :func:`forward` runs it."""

    activation: Callable[[np.ndarray], np.ndarray] = np.tanh
    b1: str = "inside"
    """"inside" the activation, "outside" it (added after), or "missing"."""
    b2: bool = True
    output_tanh: bool = False
    """A tanh on the output too."""
    summed: bool = True
    """ŷ sums the units' contributions (h·W2); False leaves one per unit, h * W2."""
    output_weights: bool = True
    """False: ŷ adds up the units' outputs without W2."""
    swapped: bool = False
    """W1 and W2 exchanged."""
    return_scores: bool = False
    """Returns a = x·W1 + b1 in place of h (ŷ still right)."""
    order: str = "h, y_hat"
    lesson_data: bool = False


def forward(x: np.ndarray, params: Params, way: Forward = Forward()) -> tuple:
    if way.lesson_data:
        x = lesson_curve().x
    W1, W2 = (params["W2"], params["W1"]) if way.swapped else (params["W1"], params["W2"])
    a = np.outer(x, W1) + (params["b1"] if way.b1 == "inside" else 0.0)
    h = way.activation(a) + (params["b1"] if way.b1 == "outside" else 0.0)
    weights = W2 if way.output_weights else np.ones_like(W2)
    y_hat = (h @ weights if way.summed else h * weights) + (params["b2"] if way.b2 else 0.0)
    if way.output_tanh:
        y_hat = np.tanh(y_hat)
    if way.return_scores:
        h = np.outer(x, W1) + params["b1"]
    return (y_hat, h) if way.order == "y_hat, h" else (h, y_hat)


def forward_way(**changes: Any) -> Callable[..., tuple]:
    way = replace(Forward(), **changes)
    return lambda x, params: forward(x, params, way)


def mlp_forward_reference(x: np.ndarray, params: Params) -> tuple[np.ndarray, np.ndarray]:
    return mlcourse.mlp_forward(x, params)


MLP_FORWARD = Exercise(
    name="mlp_forward",
    cases=lambda seed: [(x, params) for x, _, params in network_cases(seed, 10100)],
    judge=Judge(
        name="mlp_forward",
        failing_warnings=(),
        parameters=("x", "params"),
        reference=mlp_forward_reference,
        result=Together(
            (
                ("h", Array("h", "one row per point, one column per hidden unit")),
                ("y_hat", Array("y_hat", "one prediction per point")),
            ),
            example="return h, y_hat",
        ),
        mistakes=(
            Mistake(
                "no-activation",
                "There is no activation: h = x·W1 + b1 is linear, and a stack of linear units "
                "is still a line. Apply the tanh, h = np.tanh(x·W1 + b1).",
                forward_way(activation=lambda a: a),
            ),
            Mistake(
                "sigmoid",
                "That is the sigmoid 1/(1 + e^(−a)) on the hidden units: this network's are "
                "tanh units, h = np.tanh(x·W1 + b1).",
                forward_way(activation=sigmoid),
            ),
            Mistake(
                "relu",
                "That is a ReLU, max(0, a), on the hidden units: this network's are tanh units, "
                "h = np.tanh(x·W1 + b1).",
                forward_way(activation=lambda a: np.maximum(0.0, a)),
            ),
            Mistake(
                "no-b1",
                "The hidden biases b1 are missing: h = tanh(x·W1 + b1).",
                forward_way(b1="missing"),
            ),
            Mistake(
                "b1-outside",
                "b1 is added after the tanh: it belongs inside, h = tanh(x·W1 + b1).",
                forward_way(b1="outside"),
            ),
            Mistake(
                "no-b2", "The output bias b2 is missing: ŷ = h·W2 + b2.", forward_way(b2=False)
            ),
            Mistake(
                "output-tanh",
                "There is a tanh on the output too: the output unit is linear, ŷ = h·W2 + b2 "
                "(a tanh would keep ŷ between −1 and 1).",
                forward_way(output_tanh=True),
            ),
            Mistake(
                "not-summed",
                "ŷ has one column per hidden unit: h * W2 multiplies each unit by its weight "
                "but does not add them up; ŷ = h·W2 + b2 sums over the units (h @ W2).",
                forward_way(summed=False),
            ),
            Mistake(
                "no-w2",
                "ŷ adds up the units' outputs without their weights: each unit j contributes "
                "W2_j·h_j, ŷ = h·W2 + b2.",
                forward_way(output_weights=False),
            ),
            Mistake(
                "weights-swapped",
                "W1 and W2 are swapped: W1 weighs the input into the hidden units, W2 the "
                "hidden units into the output.",
                forward_way(swapped=True),
            ),
            Mistake(
                "h-before-tanh",
                "Its ŷ is right, but the h it returns is x·W1 + b1, before the tanh: return the "
                "hidden units' outputs, h = tanh(x·W1 + b1).",
                forward_way(return_scores=True),
            ),
            Mistake(
                "swapped-results",
                "It returns (y_hat, h): the order is (h, y_hat).",
                forward_way(order="y_hat, h"),
            ),
            Mistake(
                "lesson-data",
                "It uses the notebook's data.x instead of the argument `x`.",
                forward_way(lesson_data=True),
            ),
        ),
        rule="h = tanh(x·W1 + b1) (shape (n, H): np.outer(x, W1) + b1) and ŷ = h·W2 + b2.",
        lesson_size=LESSON_POINTS,
        raise_hints=FORWARD_RAISE_HINTS,
    ),
    success="mlp_forward is correct: h = tanh(x·W1 + b1), ŷ = h·W2 + b2.",
    forbidden=("mlcourse.mlp_forward", "mlcourse.mlp_predict"),
)


# mlp_gradients ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Backprop:
    """How a backward pass goes, right or wrong; :func:`backprop` runs it."""

    sign: float = 1.0
    """δ_out = sign·(−(y − ŷ)): −1 is the classic slip y − ŷ."""
    scale: Callable[[int], float] = lambda n: 1.0
    """What every gradient is multiplied by, as a function of n (1/n for a mean)."""
    derivative: str = "1 - h**2"
    """tanh'(a) as written: "1 - h**2", "1 - h", "(1 - h)**2", "h * (1 - h)" (the sigmoid's),
    "1 - a**2" (the formula at the score instead of the output), or "none"."""
    through: str = "W2"
    """What δ_out reaches the hidden units through: "W2", "W1" or "none"."""
    input_in_w1_gradient: bool = True
    """∂E/∂W1 multiplies δ_hidden by x."""
    w2_gradient_input: str = "h"
    """What ∂E/∂W2 multiplies δ_out by: "h" or "a" (the scores before the tanh)."""
    per_point: bool = False
    """Gradients left per point (not summed)."""
    hidden_swapped: bool = False
    """∂E/∂W1 and ∂E/∂b1 exchanged (x in the bias's gradient, not in the weight's)."""
    w2_product_of_sums: bool = False
    """∂E/∂W2 as (Σ h)·(Σ δ_out), a product of sums."""
    lesson_data: bool = False


def backprop(x: np.ndarray, y: np.ndarray, params: Params, way: Backprop = Backprop()) -> Params:
    if way.lesson_data:
        x, y = lesson_curve()
    a = np.outer(x, params["W1"]) + params["b1"]
    h = np.tanh(a)
    y_hat = h @ params["W2"] + params["b2"]
    delta_out = way.sign * -(y - y_hat) * way.scale(x.size)
    derivative = {
        "1 - h**2": 1 - h**2,
        "1 - h": 1 - h,
        "(1 - h)**2": (1 - h) ** 2,
        "h * (1 - h)": h * (1 - h),
        "1 - a**2": 1 - a**2,
        "none": 1.0,
    }[way.derivative]
    weight = {"W2": params["W2"], "W1": params["W1"], "none": 1.0}[way.through]
    delta_hidden = delta_out[:, None] * weight * derivative
    per_point = {
        "W1": delta_hidden * (x[:, None] if way.input_in_w1_gradient else 1.0),
        "b1": delta_hidden,
        "W2": delta_out[:, None] * (h if way.w2_gradient_input == "h" else a),
        "b2": delta_out,
    }
    if way.per_point:
        return per_point
    summed: Params = {name: np.sum(value, axis=0) for name, value in per_point.items()}
    summed["b2"] = float(summed["b2"])
    if way.hidden_swapped:
        summed["W1"], summed["b1"] = summed["b1"], summed["W1"]
    if way.w2_product_of_sums:
        summed["W2"] = np.sum(h, axis=0) * np.sum(delta_out)
    return summed


def backprop_way(**changes: Any) -> Callable[..., Params]:
    way = replace(Backprop(), **changes)
    return lambda x, y, params: backprop(x, y, params, way)


def mlp_gradients_reference(x: np.ndarray, y: np.ndarray, params: Params) -> Params:
    return mlcourse.mlp_gradients(x, y, params)


WRONG_SIGN = "the sign is wrong (δ_out = ∂E/∂ŷ = −(y − ŷ): the minus comes from ∂(y − ŷ)/∂ŷ)"

HIDDEN_SLIPS = (
    (
        "no-derivative",
        "(1 − h²) is missing: δ_hidden passes through the tanh, whose derivative is "
        "tanh'(a) = 1 − tanh²(a) = 1 − h², so δ_hidden = δ_out·W2·(1 − h²)",
        {"derivative": "none"},
    ),
    (
        "derivative-one-minus-h",
        "the tanh's derivative is written 1 − h: it is 1 − h² (the square of h)",
        {"derivative": "1 - h"},
    ),
    (
        "derivative-bracket",
        "the tanh's derivative is written (1 − h)²: it is 1 − h², the square of h alone",
        {"derivative": "(1 - h)**2"},
    ),
    (
        "derivative-sigmoid",
        "the hidden units' derivative is h(1 − h), the sigmoid's: for tanh it is 1 − h²",
        {"derivative": "h * (1 - h)"},
    ),
    (
        "derivative-of-score",
        "the derivative is 1 − a² with a = x·W1 + b1, the score before the tanh: tanh'(a) = "
        "1 − tanh²(a) = 1 − h², with h the unit's output",
        {"derivative": "1 - a**2"},
    ),
    (
        "no-w2",
        "δ_hidden leaves out W2: unit j reaches ŷ through its weight W2_j, so "
        "δ_hidden = δ_out·W2·(1 − h²)",
        {"through": "none"},
    ),
    (
        "through-w1",
        "δ_hidden goes through W1: it comes back from the output through W2, "
        "δ_hidden = δ_out·W2·(1 − h²); W1 is where it goes next",
        {"through": "W1"},
    ),
    (
        "w1-without-x",
        "∂E/∂W1 lacks the input x: ∂(x·W1 + b1)/∂W1 = x, so ∂E/∂W1 = Σ δ_hidden·x",
        {"input_in_w1_gradient": False},
    ),
    (
        "hidden-gradients-swapped",
        "∂E/∂W1 and ∂E/∂b1 are exchanged: x multiplies δ_hidden in W1's gradient (∂a/∂W1 = x), "
        "not in b1's (∂a/∂b1 = 1)",
        {"hidden_swapped": True},
    ),
    (
        "w2-product-of-sums",
        "∂E/∂W2 is a product of sums, (Σ h)·(Σ δ_out): multiply point by point, then add up, "
        "∂E/∂W2 = Σ δ_out·h",
        {"w2_product_of_sums": True},
    ),
    (
        "w2-times-score",
        "∂E/∂W2 uses x·W1 + b1 (before the tanh): ŷ = h·W2 + b2, so ∂E/∂W2 = Σ δ_out·h",
        {"w2_gradient_input": "a"},
    ),
)


def gradient_mistakes() -> tuple[Mistake, ...]:
    mistakes = [
        Mistake("sign", sentence(WRONG_SIGN), backprop_way(sign=-1.0)),
        Mistake(
            "mean",
            "All four are divided by n: that is the gradient of the mean; this E = ½·Σ(y − ŷ)² "
            "is a sum over the points.",
            backprop_way(scale=lambda n: 1.0 / n),
        ),
        Mistake(
            "sign+mean",
            "Two mistakes: the sign (δ_out = −(y − ŷ)) and a division by n (this E is a sum).",
            backprop_way(sign=-1.0, scale=lambda n: 1.0 / n),
        ),
        Mistake(
            "doubled",
            "All four are doubled: the ½ in E = ½·Σ(y − ŷ)² cancels the 2 of the square, so "
            "δ_out = −(y − ŷ).",
            backprop_way(scale=lambda n: 2.0),
        ),
    ]
    mistakes += [
        Mistake(key, sentence(message), backprop_way(**change))
        for key, message, change in HIDDEN_SLIPS
    ]
    _, missing_derivative, change = HIDDEN_SLIPS[0]
    mistakes.append(
        Mistake(
            "no-derivative+sign",
            sentence(f"two mistakes: {missing_derivative}; and {WRONG_SIGN}"),
            backprop_way(sign=-1.0, **change),
        )
    )
    mistakes += [
        Mistake(
            "per-point",
            "It returns one value per point for each parameter: the gradient of E is a sum over "
            "the points, so add them up with np.sum(..., axis=0).",
            backprop_way(per_point=True),
        ),
        Mistake(
            "lesson-data",
            "It uses the notebook's data.x and data.y instead of the arguments `x` and `y`.",
            backprop_way(lesson_data=True),
        ),
    ]
    return tuple(mistakes)


PARAMETER_FIELDS = (
    ("W1", Array("W1", "one entry per hidden unit")),
    ("b1", Array("b1", "one entry per hidden unit")),
    ("W2", Array("W2", "one entry per hidden unit")),
    ("b2", Scalar("b2")),
)

MLP_GRADIENTS = Exercise(
    name="mlp_gradients",
    cases=lambda seed: network_cases(seed, 10200),
    judge=Judge(
        name="mlp_gradients",
        failing_warnings=(),
        parameters=("x", "y", "params"),
        reference=mlp_gradients_reference,
        result=Fields(
            PARAMETER_FIELDS, what="∂E/∂W1, ∂E/∂b1, ∂E/∂W2, ∂E/∂b2 under the parameters' names"
        ),
        mistakes=gradient_mistakes(),
        rule=(
            "δ_out = −(y − ŷ); ∂E/∂W2 = Σ δ_out·h, ∂E/∂b2 = Σ δ_out; δ_hidden = "
            "δ_out·W2·(1 − h²); ∂E/∂W1 = Σ δ_hidden·x, ∂E/∂b1 = Σ δ_hidden."
        ),
        lesson_size=LESSON_POINTS,
    ),
    success="mlp_gradients is correct: backpropagation, the chain rule one link at a time.",
    forbidden=("mlcourse.mlp_gradients", "mlcourse.train_mlp"),
    invites=("mlcourse.mlp_forward",),
)


# train_epoch --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Epoch:
    """How one epoch goes, right or wrong; :func:`epoch` runs it."""

    record: str = "before"
    """The error of the parameters "before" or "after" the update."""
    sign: float = 1.0
    """θ ← θ − sign·η·∂E/∂θ: −1 climbs."""
    frozen: frozenset[str] = frozenset()
    """Parameters left as they were."""
    gradient_scale: Callable[[int], float] = lambda n: 1.0
    error_scale: Callable[[int], float] = lambda n: 1.0
    eta: float | None = None
    """A learning rate used instead of the argument."""
    one_by_one: bool = False
    """Each parameter updated with gradients recomputed after the previous one's update."""
    order: str = "params, error"
    lesson_data: bool = False


def epoch(x: np.ndarray, y: np.ndarray, params: Params, eta: float, way: Epoch = Epoch()) -> tuple:
    if way.lesson_data:
        x, y = lesson_curve()
    eta = eta if way.eta is None else way.eta

    def error_of(current: Params) -> float:
        y_hat = forward(x, current)[1]
        return way.error_scale(x.size) * 0.5 * float(np.sum((y - y_hat) ** 2))

    def step(current: Params, name: str) -> Any:
        gradient = backprop(x, y, current)[name] * way.gradient_scale(x.size)
        return current[name] - way.sign * eta * gradient

    new = dict(params)
    for name in NAMES:
        if name not in way.frozen:
            new[name] = step(new if way.one_by_one else params, name)
    new["b2"] = float(new["b2"])
    error = error_of(new if way.record == "after" else params)
    return (error, new) if way.order == "error, params" else (new, error)


def epoch_way(**changes: Any) -> Callable[..., tuple]:
    way = replace(Epoch(), **changes)
    return lambda x, y, params, eta: epoch(x, y, params, eta, way)


def train_epoch_reference(x: np.ndarray, y: np.ndarray, params: Params, eta: float) -> tuple:
    history = mlcourse.train_mlp(x, y, params, eta=eta, epochs=1)
    return history.params, float(history.errors[0])


def train_epoch_cases(seed: int) -> list[tuple]:
    """(x, y, params, eta) with steps large enough to move every parameter visibly."""
    rng = np.random.default_rng([seed, 10300])
    return [
        (x, y, params, round(float(rng.uniform(0.3, 0.8)) / len(x), 5))
        for x, y, params in network_cases(seed, 10301)
    ]


TRAIN_EPOCH = Exercise(
    name="train_epoch",
    cases=train_epoch_cases,
    judge=Judge(
        name="train_epoch",
        failing_warnings=(),
        parameters=("x", "y", "params", "eta"),
        reference=train_epoch_reference,
        result=Together(
            (
                ("new_params", Fields(PARAMETER_FIELDS, what="the parameters after the update")),
                ("error", Scalar("error")),
            ),
            example="return new_params, error",
        ),
        mistakes=(
            Mistake(
                "error-after",
                "Its parameters are right, but the error it returns is that of the new "
                "parameters: return the error of the forward pass of this epoch, before the "
                "update (as lesson 4 records it).",
                epoch_way(record="after"),
            ),
            Mistake(
                "climbs",
                "It climbs: every parameter moves along its gradient. Step against it, "
                "θ − η·∂E/∂θ.",
                epoch_way(sign=-1.0),
            ),
            Mistake(
                "b2-frozen",
                "b2 is not updated: every parameter, the output bias too, becomes θ − η·∂E/∂θ.",
                epoch_way(frozen=frozenset({"b2"})),
            ),
            Mistake(
                "biases-frozen",
                "The biases b1 and b2 are not updated: every parameter becomes θ − η·∂E/∂θ.",
                epoch_way(frozen=frozenset({"b1", "b2"})),
            ),
            Mistake(
                "only-output-layer",
                "Only the output layer (W2, b2) is updated: W1 and b1 learn too, from δ_hidden.",
                epoch_way(frozen=frozenset({"W1", "b1"})),
            ),
            Mistake(
                "only-hidden-layer",
                "Only the hidden layer (W1, b1) is updated: W2 and b2 learn too.",
                epoch_way(frozen=frozenset({"W2", "b2"})),
            ),
            Mistake(
                "unchanged",
                "It returns the parameters it was given: return the new ones, θ − η·∂E/∂θ.",
                epoch_way(frozen=frozenset(NAMES)),
            ),
            Mistake(
                "gradients-over-n",
                "It steps along the gradients divided by n (those of the mean): this E is the "
                "sum, so use the gradients as mlp_gradients returns them.",
                epoch_way(gradient_scale=lambda n: 1.0 / n),
            ),
            Mistake(
                "error-over-n",
                "Its parameters are right, but the error it returns is divided by n: return the "
                "SSE, ½·Σ(y − ŷ)².",
                epoch_way(error_scale=lambda n: 1.0 / n),
            ),
            Mistake(
                "error-mse",
                "Its parameters are right, but the error it returns is the mean squared error, "
                "mean((y − ŷ)²): return the SSE, ½·Σ(y − ŷ)².",
                epoch_way(error_scale=lambda n: 2.0 / n),
            ),
            Mistake(
                "error-no-half",
                "Its parameters are right, but the error it returns is twice the SSE (no ½): "
                "return ½·Σ(y − ŷ)².",
                epoch_way(error_scale=lambda n: 2.0),
            ),
            Mistake(
                "lesson-eta",
                f"It uses η = {LESSON_ETA:g} (the lesson's) instead of the argument `eta`.",
                epoch_way(eta=LESSON_ETA),
            ),
            Mistake(
                "one-by-one",
                "It recomputes the gradients after updating each parameter: compute all four "
                "from one forward and backward pass, then update all four.",
                epoch_way(one_by_one=True),
            ),
            Mistake(
                "swapped-results",
                "It returns (error, new_params): the order is (new_params, error).",
                epoch_way(order="error, params"),
            ),
            Mistake(
                "lesson-data",
                "It trains on the notebook's data.x and data.y instead of the arguments `x` "
                "and `y`.",
                epoch_way(lesson_data=True),
            ),
        ),
        rule=(
            "One epoch: forward pass, the error E = ½·Σ(y − ŷ)² of these parameters, the "
            "gradients of all four, then θ ← θ − η·∂E/∂θ for each; return (new_params, E)."
        ),
        lesson_size=LESSON_POINTS,
    ),
    success="train_epoch is correct: one epoch of gradient descent on all four parameters.",
    forbidden=("mlcourse.train_mlp",),
    invites=("mlcourse.mlp_forward", "mlcourse.mlp_gradients"),
)


def check_mlp_forward(mlp_forward: Callable, seed: int = 0) -> None:
    """Exercise 10.1: ``mlp_forward(x, params)`` = (h, ŷ), h = tanh(x·W1 + b1), ŷ = h·W2 + b2."""
    MLP_FORWARD.check(mlp_forward, seed)


def check_mlp_gradients(mlp_gradients: Callable, seed: int = 0) -> None:
    """Exercise 10.2: ``mlp_gradients(x, y, params)``, the four gradients by backpropagation."""
    MLP_GRADIENTS.check(mlp_gradients, seed)


def check_train_epoch(train_epoch: Callable, seed: int = 0) -> None:
    """Exercise 10.3: ``train_epoch(x, y, params, eta)`` = (new_params, E before the update)."""
    TRAIN_EPOCH.check(train_epoch, seed)
