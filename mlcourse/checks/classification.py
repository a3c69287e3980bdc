"""Checks of lesson 8, a sigmoid neuron and cross-entropy: ``sigmoid``, ``binary_cross_entropy``
and ``bce_gradients``.

Their likely mistakes are numerical as much as algebraic. A sigmoid written as it stands
overflows: 1/(1 + e^(−z)) gives 0 where σ(z) is a tiny but representable number (below
z ≈ −709, e^(−z) is inf), e^z/(1 + e^z) gives inf/inf = nan above z ≈ 709, and forms such as
½·(1 + tanh(z/2)) or 1 − σ(−z) cancel to 0 already below z ≈ −37. Their results differ from σ by
less than any absolute tolerance, so the sigmoid's results are compared relatively, down to the
smallest floats (:class:`Probabilities`): −ln σ(z), which the cross-entropy takes, is then
right too. The cross-entropy written as it stands gives 0·ln 0 = nan for a point whose own class
has probability exactly 1, so a mistake's nan matches the learner's nan (:class:`NumericalJudge`),
and the naive formula is named, not only described. The gradient's mistakes are those of
dE/dz = ŷ − y: its sign, a mean, σ' left in (the SSE's gradient), dE/dŷ taken for dE/dz, z for ŷ.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

import mlcourse
from mlcourse import kernels
from mlcourse.checks.cases import sizes
from mlcourse.checks.judging import (
    RAISE_HINTS,
    Judge,
    Mistake,
    Number,
    Numbers,
    Slip,
    Vector,
    combined,
    sentence,
)
from mlcourse.checks.training import NEURON_PIECES
from mlcourse.feedback import FLOATING_POINT, Exercise

LESSON_SIZE = 200
"""Points in lesson 8's data set, ``mc.make_two_classes(n=200, seed=0)``."""

SMALLEST = 1e-320
"""Results closer than this are equal: far below every σ(z) the cases compare (the smallest is
e^(−727) ≈ 2e−316), and far above the few units in the last place in which correct formulas
for the subnormal numbers below 2.2e−308 may differ."""


@functools.cache
def lesson_classes() -> mlcourse.TwoClasses:
    """Lesson 8's data, ``mc.make_two_classes(n=200, seed=0)``."""
    return mlcourse.make_two_classes(n=LESSON_SIZE, seed=0)


def matches(value: Any, hypothesis: Any, rtol: float, floor: float, nan_equal: bool) -> bool:
    """Whether a plain result equals what a hypothesis computed: every number within ``rtol`` of
    it (plus ``floor``), infinities of the same sign, and NaN where it has NaN if ``nan_equal``.
    Containers may differ in kind (a list matches a tuple or a 1-D array)."""
    if isinstance(hypothesis, tuple | list):
        if isinstance(value, np.ndarray) and value.ndim == 1:
            value = list(value)
        return (
            isinstance(value, tuple | list)
            and len(value) == len(hypothesis)
            and all(
                matches(v, h, rtol, floor, nan_equal)
                for v, h in zip(value, hypothesis, strict=True)
            )
        )
    hypothesis = np.asarray(hypothesis)
    if isinstance(value, tuple | list) and hypothesis.ndim > 0:
        try:
            value = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            return False
    if isinstance(value, bool) or not isinstance(value, int | float | np.ndarray):
        return False
    value = np.asarray(value)
    if value.dtype.kind not in "iuf" or hypothesis.dtype.kind not in "iuf":
        return False
    if value.shape != hypothesis.shape:
        return False
    return bool(np.all(agreeing(value, hypothesis, rtol, floor, nan_equal)))


def agreeing(
    value: np.ndarray, expected: np.ndarray, rtol: float, floor: float, nan_equal: bool = False
) -> np.ndarray:
    """Elementwise: |value − expected| ≤ rtol·|expected| + floor, or both the same infinity, or
    (with ``nan_equal``) both NaN."""
    value, expected = value.astype(np.float64), expected.astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        near = np.isfinite(value) & np.isfinite(expected)
        near &= np.abs(value - expected) <= rtol * np.abs(expected) + floor
    same_infinity = np.isinf(value) & (value == expected)
    both_nan = np.isnan(value) & np.isnan(expected) if nan_equal else False
    return near | same_infinity | both_nan


@dataclass(frozen=True)
class NumericalJudge(Judge):
    """A judge for results that may be tiny, infinite or NaN.

    A mistake reproduces a result when every number agrees to ``rtol`` relatively, down to
    ``floor`` (not the fixed absolute 1e-12 of :class:`Judge`, which would make 1e−313 and 0 the
    same), and its NaN and infinities fall where the learner's do: an overflow is then recognised
    by the NaN it leaves. It must still differ from the right result on ``MIN_EVIDENCE`` calls.
    """

    floor: float = 1e-12
    nan_matches: bool = True

    def agrees(self, value: Any, guess: Any, nan_equal: bool) -> bool:
        return matches(value, guess, self.rtol, self.floor, nan_equal=nan_equal)


@dataclass(frozen=True)
class Probabilities(Vector):
    """One probability per score, compared relatively down to the smallest floats."""

    def agree(self, value: np.ndarray, expected: np.ndarray, rtol: float) -> bool:
        return value.shape == expected.shape and bool(
            np.all(agreeing(value, expected, rtol, SMALLEST))
        )

    def facts(self, value: np.ndarray, expected: np.ndarray) -> str:
        wrong = ~agreeing(value, expected, 1e-9, SMALLEST)
        first = int(np.flatnonzero(wrong)[0])
        got, want = distinct_numbers(float(value[first]), float(expected[first]))
        return (
            f"returned values that differ from the expected ones at {int(wrong.sum())} of "
            f"{value.size} points, first at index {first}: {got} instead of {want}"
        )


@dataclass(frozen=True)
class PreciseNumber(Number):
    """One real number; the facts show as many digits as it takes to tell it from the right
    one."""

    def facts(self, value: float, expected: float) -> str:
        got, want = distinct_numbers(value, expected)
        return f"returned {got}, expected {want}"


def distinct_numbers(value: float, expected: float) -> tuple[str, str]:
    """The two numbers with six significant digits, or as many more as tell them apart."""
    for digits in (6, 10, 14, 17):
        got, want = f"{value:.{digits}g}", f"{expected:.{digits}g}"
        if got != want:
            break
    return got, want


# sigmoid ------------------------------------------------------------------------------------


def extreme_scores(rng: np.random.Generator, n: int) -> np.ndarray:
    """n scores (n >= 16) with every range a sigmoid can fail in, shuffled: beyond ±709 (e^|z|
    overflows), just below −709 (σ is a subnormal number), from ±38 to ±60 (σ rounds to 1, and
    1 − σ cancels to 0), from −36 to −20 (1 − σ keeps only a few digits), and moderate ones."""
    parts = [
        rng.uniform(-1e4, -750.0, 2),
        rng.uniform(750.0, 1e4, 2),
        rng.uniform(-727.0, -711.0, 3),
        rng.uniform(-60.0, -38.0, 2),
        rng.uniform(38.0, 60.0, 2),
        rng.uniform(-36.0, -20.0, 4),
        rng.normal(0.0, 3.0, n - 15),
    ]
    return rng.permutation(np.concatenate(parts))


def sigmoid_cases(seed: int) -> list[tuple]:
    """Six arrays of scores (never 200 of them): moderate ones with an exact 0, two with every
    extreme, four like the lesson's own (z = ±800 and 0), short enough to read in a message,
    and two arrays of whole numbers (an int array in, probabilities out)."""
    rng = np.random.default_rng([seed, 8100])
    first, second, third = sizes(seed, 3, low=16, high=45)
    moderate = rng.normal(0.0, 3.0, first)
    moderate[rng.integers(first)] = 0.0
    lessons = np.array([-rng.uniform(780.0, 820.0), -rng.uniform(711.0, 727.0), 0.0, 0.0])
    lessons[3] = round(float(rng.uniform(740.0, 820.0)), 1)
    lessons[:2] = np.round(lessons[:2], 1)
    whole = rng.permutation(np.arange(-6, 7))[: int(rng.integers(5, 9))]
    return [
        (moderate,),
        (extreme_scores(rng, second),),
        (extreme_scores(rng, third),),
        (lessons,),
        (whole,),
        (np.round(lessons).astype(np.int64),),
    ]


def sigmoid_reference(z: np.ndarray) -> np.ndarray:
    return kernels.sigmoid(z)


def naive(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def naive_ratio(z: np.ndarray) -> np.ndarray:
    return np.exp(z) / (1.0 + np.exp(z))


def slope_as_written(z: np.ndarray) -> np.ndarray:
    """σ(z)·(1 − σ(z)) as written: 0 once σ(z) rounds to 1."""
    s = kernels.sigmoid(z)
    return s * (1 - s)


OVERFLOWS = (
    "It overflows: for z below about −709, np.exp(−z) is inf (numpy warns of an overflow) and "
    "1/(1 + inf) gives 0, where σ(z) is a tiny number that floats still hold (σ(−720) ≈ "
    "2.0e−313); the cross-entropy of that point, −ln σ(z), becomes inf instead of 720. Compute "
    "only e^(−|z|), which never overflows: 1/(1 + e^(−|z|)) for z ≥ 0 and "
    "e^(−|z|)/(1 + e^(−|z|)) for z < 0."
)


def into_integers(z: np.ndarray) -> np.ndarray:
    """σ(z) stored in an array of z's own type (np.zeros_like(z)): whole numbers stay whole."""
    out = np.zeros_like(z)
    out[...] = kernels.sigmoid(z.astype(np.float64))
    return out


SIGMOID_MISTAKES = (
    Mistake("overflow", OVERFLOWS, naive),
    Mistake(
        "integer-result",
        "It stores the probabilities in an array of z's own type (np.zeros_like(z), "
        "np.empty_like(z)): for whole-number scores that array holds only whole numbers, and "
        "every probability is cut to 0 (or 1). Make a float array, np.zeros(z.shape) or "
        "np.zeros_like(z, dtype=float).",
        into_integers,
    ),
    Mistake(
        "zero-left-out",
        "It leaves z = 0 out: with the masks z > 0 and z < 0 neither form is computed there, and "
        "σ(0) = ½ stays 0. Use z >= 0 for one of the two.",
        lambda z: np.where(z == 0, 0.0, kernels.sigmoid(z.astype(np.float64))),
    ),
    Mistake(
        "ratio-overflow",
        "It returns nan for z above about 709: np.exp(z) is inf there, and inf/inf is nan. "
        "e^z/(1 + e^z) is the right form for z < 0 only; for z ≥ 0 use 1/(1 + e^(−z)), so that "
        "no exponent is ever positive.",
        naive_ratio,
    ),
    Mistake(
        "forms-swapped",
        "Its two forms are swapped: e^z/(1 + e^z) for z ≥ 0 overflows to inf/inf = nan, and "
        "1/(1 + e^(−z)) for z < 0 to 0. Use 1/(1 + e^(−z)) where z ≥ 0 and e^z/(1 + e^z) where "
        "z < 0: then every exponent is ≤ 0.",
        lambda z: np.where(z >= 0, naive_ratio(z), naive(z)),
    ),
    Mistake(
        "tanh-form",
        "½·(1 + tanh(z/2)) is σ(z) on paper, but 1 + tanh(z/2) cancels to 0 once tanh rounds to "
        "−1, below z ≈ −37, where σ(z) is small but far from 0 (σ(−40) ≈ 4.2e−18): −ln σ(z) "
        "becomes inf. Compute with e^(−|z|): 1/(1 + e^(−|z|)) for z ≥ 0, "
        "e^(−|z|)/(1 + e^(−|z|)) for z < 0.",
        lambda z: 0.5 * (1.0 + np.tanh(z / 2.0)),
    ),
    Mistake(
        "one-minus",
        "1 − 1/(1 + e^z) is σ(z) on paper, but below z ≈ −37 the fraction rounds to 1 and the "
        "difference cancels to 0, where σ(z) is small but far from 0 (σ(−40) ≈ 4.2e−18). "
        "Compute e^z/(1 + e^z) for z < 0, which keeps every digit.",
        lambda z: 1.0 - 1.0 / (1.0 + np.exp(z)),
    ),
    *(
        Mistake(
            f"clipped-{bound}",
            f"It clips z to [−{bound:g}, {bound:g}] before 1/(1 + e^(−z)): that avoids the "
            f"overflow, but every z below −{bound:g} then gets σ(−{bound:g}), not σ(z); for "
            f"the cross-entropy, −ln σ(z) is then {bound:g} instead of −z. Compute only "
            f"e^(−|z|), which never overflows: no clipping needed.",
            lambda z, bound=bound: naive(np.clip(z, -bound, bound)),
        )
        for bound in (100, 500, 709)
    ),
    Mistake(
        "minus-z",
        "It computes σ(−z) = 1 − σ(z): check the sign of the exponent, σ(z) = 1/(1 + e^(−z)), "
        "and which form goes with which sign of z (1/(1 + e^(−|z|)) for z ≥ 0).",
        lambda z: kernels.sigmoid(-z),
    ),
    Mistake(
        "negative-branch-everywhere",
        "It returns e^(−|z|)/(1 + e^(−|z|)) for every z, which is σ(z) only for z < 0 (for z ≥ 0 "
        "it is 1 − σ(z)): for z ≥ 0 use 1/(1 + e^(−|z|)).",
        lambda z: kernels.sigmoid(-np.abs(z)),
    ),
    Mistake(
        "positive-branch-everywhere",
        "It returns 1/(1 + e^(−|z|)) for every z, which is σ(z) only for z ≥ 0 (for z < 0 it is "
        "1 − σ(z), at least ½): for z < 0 use e^(−|z|)/(1 + e^(−|z|)).",
        lambda z: kernels.sigmoid(np.abs(z)),
    ),
    *(
        Mistake(
            key,
            "That is σ'(z) = σ(z)·(1 − σ(z)), the sigmoid's derivative: return σ(z) itself.",
            slope,
        )
        for key, slope in (
            ("derivative", kernels.sigmoid_slope),
            ("derivative-as-written", slope_as_written),
        )
    ),
)

SIGMOID_WARNING = (
    "The point of this sigmoid is that nothing overflows: compute only e^(−|z|), which never "
    "does. np.where(condition, a, b) computes all of a and all of b before it chooses, so an "
    "e^(−z) or e^z inside it still overflows for the z it does not choose (and silencing the "
    "warning does not stop the overflow)."
)

MATH_EXP = (
    "OverflowError",
    "exp(",
    "math.exp raises an OverflowError for an argument above about 709: compute with numpy on the "
    "whole array, and only e^(−|z|), which never overflows.",
)

SIGMOID = Exercise(
    name="sigmoid",
    cases=sigmoid_cases,
    judge=NumericalJudge(
        name="sigmoid",
        failing_warnings=FLOATING_POINT,
        warning_advice=SIGMOID_WARNING,
        parameters=("z",),
        reference=sigmoid_reference,
        result=Probabilities(),
        mistakes=SIGMOID_MISTAKES,
        rule=(
            "σ(z) = 1/(1 + e^(−z)), computed without overflow: 1/(1 + e^(−|z|)) for z ≥ 0 and "
            "e^(−|z|)/(1 + e^(−|z|)) for z < 0."
        ),
        raise_hints=(*RAISE_HINTS, MATH_EXP),
        floor=SMALLEST,
    ),
    success=("sigmoid is correct: σ(z) to full precision from z = −1e4 to 1e4, with no overflow."),
    forbidden=("mlcourse.sigmoid", "mlcourse.kernels.sigmoid", "mlcourse.softmax"),
)


# binary_cross_entropy -----------------------------------------------------------------------


def labels_of(rng: np.random.Generator, n: int) -> np.ndarray:
    """n labels 0 and 1, at least four of each, in random order."""
    ones = int(rng.integers(4, n - 3))
    return rng.permutation(np.repeat(np.array([0, 1], dtype=np.int64), [n - ones, ones]))


def mostly_right(rng: np.random.Generator, y: np.ndarray) -> np.ndarray:
    """Probabilities of class 1 that favour each point's label, none of them 0 or 1."""
    return kernels.sigmoid(rng.normal(0.0, 2.0, y.size) + 1.5 * (2 * y - 1))


def with_extremes(rng: np.random.Generator, y: np.ndarray) -> np.ndarray:
    """Probabilities with, for each class, one point certain and right (exactly 1 or 0) and one
    confidently wrong (below 1e−16 of its own class)."""
    y_hat = mostly_right(rng, y)
    ones, zeros = rng.permutation(np.flatnonzero(y == 1)), rng.permutation(np.flatnonzero(y == 0))
    y_hat[ones[0]], y_hat[zeros[0]] = 1.0, 0.0
    y_hat[ones[1]] = 10.0 ** -rng.uniform(16.0, 30.0)
    y_hat[zeros[1]] = 1.0 - 10.0 ** -rng.uniform(9.0, 13.0)
    return y_hat


def confidently_wrong_start(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(y, ŷ) of a start like lesson 8's: two classes on a line around ∓1 (spread 0.5), and a
    neuron w1 ≈ −8, w0 ≈ 0 that calls nearly every point the wrong class. With n in the
    hundreds, the product of the probabilities of the labels underflows to 0 (lesson 8's E at
    its start is 1478.9)."""
    y = labels_of(rng, n)
    x = rng.normal(np.where(y == 1, 1.0, -1.0), 0.5)
    return y, kernels.sigmoid(rng.uniform(-9.0, -7.0) * x + rng.uniform(-0.5, 0.5))


def bce_cases(seed: int) -> list[tuple]:
    """(y, y_hat) five times (never 200 points): ordinary probabilities, then twice with a point
    of each class certain and right and one of each confidently wrong, then twice a confidently
    wrong start at the lesson's scale (hundreds of points: a product of their probabilities
    underflows)."""
    rng = np.random.default_rng([seed, 8200])
    cases = []
    for n, extremes in zip(sizes(seed, 3, low=12, high=45), (False, True, True), strict=True):
        y = labels_of(rng, n)
        cases.append((y, with_extremes(rng, y) if extremes else mostly_right(rng, y)))
    for n in sizes(seed, 2, low=160, high=240):
        cases.append(confidently_wrong_start(rng, n if n != LESSON_SIZE else n + 1))
    return cases


def bce_reference(y: np.ndarray, y_hat: np.ndarray) -> float:
    return mlcourse.binary_cross_entropy(y, y_hat)


def naive_terms(y: np.ndarray, y_hat: np.ndarray) -> np.ndarray:
    """y·ln ŷ + (1 − y)·ln(1 − ŷ), as written: 0·ln 0 = 0·(−inf) = nan."""
    return y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)


NAIVE = (
    "the formula as written gives nan for a point whose own class has probability exactly 1: "
    "for y = 1 and ŷ = 1, (1 − y)·ln(1 − ŷ) is 0·ln 0 = 0·(−inf), which numpy makes nan. Take "
    "only the term of each point's own label, ln ŷ where y = 1 and ln(1 − ŷ) where y = 0 "
    "(np.where, or boolean masks)"
)
ONLY_ONES = (
    "only the points of class 1 count: a point of class 0 adds −ln(1 − ŷ), the log of the "
    "probability the neuron gives its own label, 1 − ŷ"
)
SAME_LOG = (
    "every point adds −ln ŷ, but ŷ is the probability of class 1: a point of class 0 adds "
    "−ln(1 − ŷ)"
)
LOSS_SLIPS = (
    Slip(
        "sign",
        "the sign is wrong (E = −Σ ln p: each ln of a probability is ≤ 0, and E must be ≥ 0)",
        lambda e, n: -e,
    ),
    Slip(
        "mean",
        "you divided by n (that is the mean; this course's errors are sums over the points)",
        lambda e, n: e / n,
    ),
    Slip(
        "log10", "you used np.log10: the natural logarithm is np.log", lambda e, n: e / np.log(10)
    ),
    Slip("log2", "you used np.log2: the natural logarithm is np.log", lambda e, n: e / np.log(2.0)),
)
"""Slips of a cross-entropy E of n points, shared by lessons 8 and 9."""

BCE_ALTERNATIVES: tuple[tuple[str, str, Callable[[np.ndarray, np.ndarray], float]], ...] = (
    ("naive", NAIVE, lambda y, y_hat: -float(np.sum(naive_terms(y, y_hat)))),
    ("only-ones", ONLY_ONES, lambda y, y_hat: -float(np.sum(np.log(y_hat[y == 1])))),
    ("only-ones-weighted", ONLY_ONES, lambda y, y_hat: -float(np.sum(y * np.log(y_hat)))),
    ("same-log", SAME_LOG, lambda y, y_hat: -float(np.sum(np.log(y_hat)))),
    (
        "same-log-weighted",
        SAME_LOG,
        lambda y, y_hat: -float(np.sum(y * np.log(y_hat) + (1 - y) * np.log(y_hat))),
    ),
)


def bce_mistakes() -> tuple[Mistake, ...]:
    """Every slip and pair of slips applied to the right formula, and each wrong formula alone
    and with each slip."""
    mistakes = [
        Mistake(
            slip.id,
            sentence(slip.message),
            lambda y, p, change=slip.change: change(bce_reference(y, p), len(y)),
        )
        for slip in (*combined(LOSS_SLIPS[:2]), *LOSS_SLIPS[2:])
    ]
    mistakes += [Mistake(key, sentence(name), formula) for key, name, formula in BCE_ALTERNATIVES]
    naive = BCE_ALTERNATIVES[0][2]
    mistakes += [
        Mistake(
            f"naive+{slip.id}",
            sentence(f"two mistakes: {NAIVE}; and {slip.message}"),
            lambda y, p, change=slip.change: change(naive(y, p), len(y)),
        )
        for slip in LOSS_SLIPS[:2]
    ]
    return tuple(mistakes)


LOG_OF_PRODUCT = (
    "It takes the log of the product of the probabilities, −ln Π p: with hundreds of points "
    "the product underflows to 0 (a lesson's confidently wrong start does), and −ln 0 = inf. "
    "That is why E is written as a sum: take the log of each point's probability of its own "
    "label and add them up, −Σ ln p."
)

BCE_MISTAKES = (
    *bce_mistakes(),
    Mistake(
        "log-of-product",
        LOG_OF_PRODUCT,
        lambda y, p: -float(np.log(np.prod(np.where(y == 1, p, 1 - p)))),
    ),
    Mistake(
        "classes-swapped",
        "It gives each point the probability of the other class: ŷ is the probability of class "
        "1, so a point of class 1 adds −ln ŷ and a point of class 0 adds −ln(1 − ŷ).",
        lambda y, p: -float(np.sum(np.log(np.where(y == 1, 1 - p, p)))),
    ),
    Mistake(
        "labels-logged",
        "It takes the log of the labels: the labels y and the probabilities ŷ are swapped, in "
        "the formula or in the order of the parameters, (y, y_hat). The labels weigh the logs "
        "of the probabilities: −Σ[y·ln ŷ + (1 − y)·ln(1 − ŷ)].",
        lambda y, p: -float(np.sum(naive_terms(p, y))),
    ),
    Mistake(
        "squared-error",
        "That is the SSE ½·Σ(y − ŷ)², the error of lesson 2: the cross-entropy is "
        "−Σ[y·ln ŷ + (1 − y)·ln(1 − ŷ)], minus the log of each point's probability of its label.",
        lambda y, p: 0.5 * float(np.sum((y - p) ** 2)),
    ),
    *(
        Mistake(
            f"epsilon-{eps:g}",
            f"It adds {eps:g} inside the logs: that changes the error of every point whose own "
            f"class has a probability below about {eps:g}, exactly the confidently wrong points "
            f"(ŷ = 1e−20 for class 1 adds 46.1, not {-np.log(eps):.3g}). Take only each point's "
            f"own term instead, which needs nothing added: a certain and right point adds "
            f"exactly 0.",
            lambda y, p, eps=eps: (
                -float(np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
            ),
        )
        for eps in (1e-15, 1e-12, 1e-9, 1e-7)
    ),
    *(
        Mistake(
            f"clipped-{eps:g}",
            f"It clips ŷ to [{eps:g}, 1 − {eps:g}]: that changes the error of every point whose "
            f"own class has a probability below {eps:g}, exactly the confidently wrong points "
            f"(ŷ = 1e−20 for class 1 adds 46.1, not {-np.log(eps):.3g}). Take only each point's "
            f"own term instead, which needs no clipping: a certain and right point adds exactly "
            f"0.",
            lambda y, p, eps=eps: -float(np.sum(naive_terms(y, np.clip(p, eps, 1 - eps)))),
        )
        for eps in (1e-15, 1e-12, 1e-7)
    ),
)

BCE_WARNING = (
    "Take each point's own probability first, np.where(y == 1, y_hat, 1 - y_hat), then its log: "
    "np.where computes both of its branches, so a np.log inside it still takes the log of 0 for "
    "a point that is certain (ln 0 = −inf, and 0·(−inf) is nan) before the choice drops it."
)

MATH_LOG = (
    "math domain error",
    "log(",
    "math.log raises for a probability of exactly 0 (ln 0 = −inf): take only each point's own "
    "term, ln ŷ where y = 1 and ln(1 − ŷ) where y = 0, which is never ln 0 for a point that "
    "is certain and right.",
)

BINARY_CROSS_ENTROPY = Exercise(
    name="binary_cross_entropy",
    cases=bce_cases,
    judge=NumericalJudge(
        name="binary_cross_entropy",
        failing_warnings=FLOATING_POINT,
        warning_advice=BCE_WARNING,
        parameters=("y", "y_hat"),
        reference=bce_reference,
        result=PreciseNumber(),
        mistakes=BCE_MISTAKES,
        rule=(
            "E = −Σ[y·ln ŷ + (1 − y)·ln(1 − ŷ)]: −ln ŷ for each point of class 1, −ln(1 − ŷ) for "
            "each point of class 0, summed; a point certain and right adds exactly 0."
        ),
        raise_hints=(*RAISE_HINTS, MATH_LOG),
        lesson_size=LESSON_SIZE,
    ),
    success=(
        "binary_cross_entropy is correct: E = −Σ[y·ln ŷ + (1 − y)·ln(1 − ŷ)], with no nan "
        "where a probability is exactly 0 or 1."
    ),
    forbidden=(
        "mlcourse.binary_cross_entropy",
        "mlcourse.binary_cross_entropy_from_logits",
        "mlcourse.kernels.bce_terms",
        "mlcourse.cross_entropy",
    ),
)


# bce_gradients ------------------------------------------------------------------------------


def gradient_cases(seed: int) -> list[tuple]:
    """(x, y, w1, w0) three times (never 200 points): moderate weights, then a confidently wrong
    neuron and a confidently right one, where σ'(z) is tiny for most points."""
    rng = np.random.default_rng([seed, 8300])
    cases = []
    weights = (
        (rng.uniform(-2.0, 2.0), rng.uniform(-1.0, 1.0)),
        (-rng.uniform(8.0, 15.0), rng.uniform(-1.0, 1.0)),
        (rng.uniform(8.0, 15.0), rng.uniform(-2.0, 2.0)),
    )
    for n, (w1, w0) in zip(sizes(seed, 3, low=12, high=45), weights, strict=True):
        y = labels_of(rng, n)
        x = rng.normal(np.where(y == 1, 1.0, -1.0), 0.8)
        cases.append((x, y, round(float(w1), 4), round(float(w0), 4)))
    return cases


def scores_gradient(
    dE_dz: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
) -> Callable[..., tuple[float, float]]:
    """(Σ dE/dz·x1, Σ dE/dz·x0) for dE/dz computed from (y, ŷ, z)."""

    def gradients(x: np.ndarray, y: np.ndarray, w1: float, w0: float) -> tuple[float, float]:
        z = w1 * x + w0
        with np.errstate(all="ignore"):
            signal = dE_dz(y, kernels.sigmoid(z), z)
        return float(np.sum(signal * x)), float(np.sum(signal))

    return gradients


bce_gradients_reference = scores_gradient(lambda y, y_hat, z: y_hat - y)

GRADIENT_SLIPS = (
    Slip(
        "doubled",
        "the value is doubled (as if from a square: the cross-entropy has none, dE/dz = ŷ − y)",
        lambda g, n: (2 * g[0], 2 * g[1]),
    ),
    Slip(
        "sign",
        "the sign is wrong (dE/dz = ŷ − y: the gradient pushes ŷ down where it is above the "
        "label; or y and ŷ are swapped)",
        lambda g, n: (-g[0], -g[1]),
    ),
    Slip(
        "mean",
        "you divided by n (that is the mean; this E is the sum over the points)",
        lambda g, n: (g[0] / n, g[1] / n),
    ),
)

GRADIENT_ALTERNATIVES = (
    (
        "sse-gradient",
        "the factor σ'(z) = ŷ(1 − ŷ) is still there: −Σ(y − ŷ)·ŷ(1 − ŷ)·x1 is the gradient of "
        "the SSE. With the cross-entropy dE/dŷ = (ŷ − y)/(ŷ(1 − ŷ)), and multiplying by "
        "σ'(z) = ŷ(1 − ŷ) cancels it: dE/dz = ŷ − y",
        scores_gradient(lambda y, y_hat, z: (y_hat - y) * y_hat * (1 - y_hat)),
    ),
    (
        "output-gradient",
        "that is dE/dŷ·x1 = (ŷ − y)/(ŷ(1 − ŷ))·x1: the chain continues through ŷ = σ(z), so "
        "multiply by σ'(z) = ŷ(1 − ŷ), which leaves dE/dz = ŷ − y",
        scores_gradient(lambda y, y_hat, z: (y_hat - y) / (y_hat * (1 - y_hat))),
    ),
    (
        "linear-neuron",
        "it uses z where ŷ = σ(z) belongs: that is the linear neuron's gradient (lesson 3); "
        "here dE/dz = ŷ − y with ŷ = σ(w1·x1 + w0)",
        scores_gradient(lambda y, y_hat, z: z - y),
    ),
    (
        "no-x",
        "the gradient of w1 lacks the input x1 (dz/dw1 = x1: multiply each ŷ − y by x before "
        "adding up)",
        lambda x, y, w1, w0: (bce_gradients_reference(x, y, w1, w0)[1],) * 2,
    ),
    (
        "weights-swapped",
        "its score is w0·x + w1, the weights swapped: z = w1·x1 + w0·x0 with x0 = 1",
        lambda x, y, w1, w0: bce_gradients_reference(x, y, w0, w1),
    ),
)


def gradient_mistakes() -> tuple[Mistake, ...]:
    mistakes = [
        Mistake(
            slip.id,
            sentence(slip.message),
            lambda x, y, w1, w0, change=slip.change: change(
                bce_gradients_reference(x, y, w1, w0), len(x)
            ),
        )
        for slip in (*combined(GRADIENT_SLIPS[1:]), GRADIENT_SLIPS[0])
    ]
    mistakes += [
        Mistake(key, sentence(name), formula) for key, name, formula in GRADIENT_ALTERNATIVES
    ]
    key, name, sse_gradient = GRADIENT_ALTERNATIVES[0]
    mistakes += [
        Mistake(
            f"{key}+{slip.id}",
            sentence(f"two mistakes: {name}; and {slip.message}"),
            lambda x, y, w1, w0, change=slip.change: change(sse_gradient(x, y, w1, w0), len(x)),
        )
        for slip in GRADIENT_SLIPS[1:]
    ]
    return tuple(mistakes)


BCE_GRADIENTS = Exercise(
    name="bce_gradients",
    cases=gradient_cases,
    judge=NumericalJudge(
        name="bce_gradients",
        failing_warnings=(),
        parameters=("x", "y", "w1", "w0"),
        reference=bce_gradients_reference,
        result=Numbers(("dE/dw1", "dE/dw0"), example="return dE_dw1, dE_dw0"),
        mistakes=(
            *gradient_mistakes(),
            Mistake(
                "swapped-results",
                "It returns (dE/dw0, dE/dw1): the order is (dE/dw1, dE/dw0).",
                lambda x, y, w1, w0: bce_gradients_reference(x, y, w1, w0)[::-1],
            ),
            Mistake(
                "lesson-data",
                "It uses the notebook's data.x and data.y instead of the arguments `x` and `y`.",
                lambda x, y, w1, w0: bce_gradients_reference(
                    lesson_classes().x, lesson_classes().y, w1, w0
                ),
            ),
        ),
        rule=(
            "dE/dz = ŷ − y with ŷ = σ(w1·x1 + w0), so dE/dw1 = Σ(ŷ − y)·x1 and "
            "dE/dw0 = Σ(ŷ − y), summed over the points."
        ),
        lesson_size=LESSON_SIZE,
    ),
    success="bce_gradients is correct: dE/dw1 = Σ(ŷ − y)·x1, dE/dw0 = Σ(ŷ − y).",
    forbidden=("mlcourse.training.neuron_loss_and_gradient", "mlcourse.softmax_gradients"),
    invites=(*NEURON_PIECES, "mlcourse.sigmoid", "mlcourse.softmax"),
)


def check_sigmoid(sigmoid: Callable, seed: int = 0) -> None:
    """Exercise 8.1: ``sigmoid(z)`` = 1/(1 + e^(−z)) elementwise, without overflow."""
    SIGMOID.check(sigmoid, seed)


def check_binary_cross_entropy(binary_cross_entropy: Callable, seed: int = 0) -> None:
    """Exercise 8.2: ``binary_cross_entropy(y, y_hat)`` = −Σ[y·ln ŷ + (1 − y)·ln(1 − ŷ)]."""
    BINARY_CROSS_ENTROPY.check(binary_cross_entropy, seed)


def check_bce_gradients(bce_gradients: Callable, seed: int = 0) -> None:
    """Exercise 8.3: ``bce_gradients(x, y, w1, w0)`` = (Σ(ŷ − y)·x1, Σ(ŷ − y))."""
    BCE_GRADIENTS.check(bce_gradients, seed)
