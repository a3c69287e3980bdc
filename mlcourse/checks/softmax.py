"""Checks of lesson 9, softmax and cross-entropy: ``softmax``, ``cross_entropy`` and
``softmax_gradients``.

The softmax goes wrong by overflowing (no maximum subtracted, or the wrong one: e^1000 = inf and
inf/inf = NaN), by normalising over the wrong axis, or by forgetting the exponential or the
division. Two of the three calls have scores near ±1000, so an overflow shows; the judge lets a
mistake's NaN match the learner's NaN in the same place (``nan_matches``), so the overflow is
named, not only described. The cross-entropy's mistakes are the sum's (a sign, a mean, another
logarithm) and the choice of what to take the log of (another class, every class, a binary
cross-entropy per class, ``p[:, labels]``). The gradients' are those of P − Y (a sign, Y left
out, σ' kept) and of the shapes (dW transposed, db summed over the wrong axis).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

import mlcourse
from mlcourse.checks.cases import sizes
from mlcourse.checks.classification import LOG_OF_PRODUCT, LOSS_SLIPS
from mlcourse.checks.judging import RAISE_HINTS, Judge, Mistake, Number, combined, number, sentence
from mlcourse.checks.results import Array, Together
from mlcourse.feedback import FLOATING_POINT, Exercise

LESSON_POINTS = 150
"""Points in lesson 9's data set, ``mc.make_blobs(seed=0)`` (3 classes of 50)."""

KEEPDIMS = (
    "A row's maximum or sum has shape (n,), which numpy cannot line up with z's shape (n, K): "
    "keep the axis, np.max(z, axis=1, keepdims=True), or add one, [:, None]."
)
OVERFLOW_RAISED = (
    "math.exp overflows for a score above about 709: subtract each row's maximum from its "
    "scores first, which changes nothing else (e^(z − m) / Σ e^(z − m) = e^z / Σ e^z for any m) "
    "and leaves every exponent ≤ 0."
)
UNDERFLOW_RAISED = (
    "A sum of exponentials is 0 only when every one of them has underflowed (e^z rounds to 0 for "
    "a score below about −745): subtract each row's maximum from its scores first, which changes "
    "nothing else and makes the largest term e^0 = 1."
)
SOFTMAX_RAISE_HINTS = (
    *RAISE_HINTS,
    ("could not be broadcast", "axis=1", KEEPDIMS),
    ("could not be broadcast", "axis = 1", KEEPDIMS),
    ("OverflowError", "exp(", OVERFLOW_RAISED),
    ("ZeroDivisionError", "exp(", UNDERFLOW_RAISED),
)


@functools.cache
def lesson_blobs() -> mlcourse.Blobs:
    """Lesson 9's data, ``mc.make_blobs(seed=0)``."""
    return mlcourse.make_blobs(seed=0)


def one_hot(labels: np.ndarray, classes: int) -> np.ndarray:
    """Y: one row per point, 1 in the column of its class."""
    return np.eye(classes)[labels]


# softmax ------------------------------------------------------------------------------------


def far_apart_rows(rng: np.random.Generator, n: int, classes: int) -> np.ndarray:
    """Scores that spread by hundreds within a row, around row levels near ±1000: a naive
    e^z overflows (or gives 0/0) in many rows, and the rows are too far apart for one
    maximum to serve them all. One row spans −850 to 850 around 0, so that subtracting its
    minimum or its mean overflows too."""
    levels = rng.uniform(750.0, 1000.0, n) * np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    z = levels[:, None] + rng.normal(0.0, 300.0, (n, classes))
    z[0] = np.linspace(-850.0, 850.0, classes) + rng.normal(0.0, 5.0, classes)
    return z[rng.permutation(n)]


def softmax_cases(seed: int) -> list[tuple]:
    """Four score matrices (no n equals its K, no size is a lesson's): moderate scores, two with
    huge ones, and two rows like the lesson's own (scores near +1000 and −1000), short enough
    to read in a message."""
    rng = np.random.default_rng([seed, 9100])
    first, second, third = sizes(seed, 3, low=6, high=40)
    level = round(float(rng.uniform(900.0, 1100.0)))
    return [
        (rng.normal(0.0, 2.0, (first, 3)),),
        (far_apart_rows(rng, second, 4),),
        (far_apart_rows(rng, third, 5),),
        (np.array([[level, level - 2.0, level - 0.5], [-level - 1.0, -level, -level - 3.0]]),),
    ]


def softmax_reference(z: np.ndarray) -> np.ndarray:
    return mlcourse.softmax(z)


def exponentials(z: np.ndarray, shift: np.ndarray | float) -> np.ndarray:
    return np.exp(z - shift)


def row_max(z: np.ndarray) -> np.ndarray:
    return np.max(z, axis=1, keepdims=True)


def by_rows(e: np.ndarray) -> np.ndarray:
    return e / np.sum(e, axis=1, keepdims=True)


def row_sums_note(value: np.ndarray, expected: np.ndarray) -> str:
    """What the rows of a wrong P sum to, when that is not 1."""
    sums = np.sum(value, axis=1)
    off = ~np.isclose(sums, 1.0, rtol=0.0, atol=1e-9)
    if not np.isfinite(sums).all() or not off.any():
        return ""
    row = int(np.argmax(off))
    count = int(off.sum())
    return f"{count} of its {sums.size} rows do not sum to 1 (row {row}: {number(sums[row])})"


OVERFLOW = (
    "It overflows: np.exp(z) is inf for a score above about 709 (and 0 for every score of a "
    "row below about −745), and inf/inf or 0/0 is nan. Subtract each row's maximum first, "
    "np.exp(z - np.max(z, axis=1, keepdims=True)): that changes nothing else, because "
    "e^(z − m) / Σ e^(z − m) = e^z / Σ e^z for any m."
)

SOFTMAX_WARNING = (
    "The point of this softmax is that nothing overflows: subtract each row's maximum before "
    "np.exp, so that every exponent is at most 0 (silencing the warning does not stop the "
    "overflow)."
)

SOFTMAX = Exercise(
    name="softmax",
    cases=softmax_cases,
    judge=Judge(
        name="softmax",
        failing_warnings=FLOATING_POINT,
        warning_advice=SOFTMAX_WARNING,
        parameters=("z",),
        reference=softmax_reference,
        result=Array("P", "one row of K probabilities per point", note=row_sums_note),
        nan_matches=True,
        mistakes=(
            Mistake("overflow", OVERFLOW, lambda z: by_rows(np.exp(z))),
            Mistake(
                "global-max",
                "It subtracts the largest score of the whole array, np.max(z): rows whose scores "
                "all lie far below it give e^(z − m) = 0 everywhere, and 0/0 = nan. Subtract each "
                "row's own maximum, np.max(z, axis=1, keepdims=True).",
                lambda z: by_rows(exponentials(z, np.max(z))),
            ),
            Mistake(
                "row-min",
                "It subtracts each row's minimum: the exponents are then ≥ 0 and overflow where "
                "a row's scores span more than about 709. Subtract the maximum, so that every "
                "exponent is ≤ 0.",
                lambda z: by_rows(exponentials(z, np.min(z, axis=1, keepdims=True))),
            ),
            Mistake(
                "row-mean",
                "It subtracts each row's mean: the largest exponent is then positive and "
                "overflows where a row's scores spread widely. Subtract the maximum, so that "
                "every exponent is ≤ 0.",
                lambda z: by_rows(exponentials(z, np.mean(z, axis=1, keepdims=True))),
            ),
            Mistake(
                "one-row",
                "It is the softmax of one row written for the whole array: np.max(z) and "
                "np.sum(e) without an axis take the whole array. Use each row's maximum and sum, "
                "axis=1 with keepdims=True.",
                lambda z: (e := exponentials(z, np.max(z))) / np.sum(e),
            ),
            Mistake(
                "columns",
                "It normalises each column (axis=0), so that the columns sum to 1: softmax "
                "normalises each row, one point's K scores (axis=1).",
                lambda z: (e := exponentials(z, np.max(z, axis=0))) / np.sum(e, axis=0),
            ),
            Mistake(
                "columns+overflow",
                "Two mistakes: it normalises each column (axis=0), not each row (axis=1); and it "
                "overflows: np.exp(z) is inf for a score above about 709, and inf/inf is nan. "
                "Subtract each row's maximum, then divide each row by its own sum.",
                lambda z: np.exp(z) / np.sum(np.exp(z), axis=0),
            ),
            Mistake(
                "column-sums",
                "It divides by each column's sum (axis=0): divide each row by its own sum, "
                "np.sum(e, axis=1, keepdims=True).",
                lambda z: (e := exponentials(z, row_max(z))) / np.sum(e, axis=0),
            ),
            Mistake(
                "column-max",
                "It subtracts each column's maximum (axis=0): the shift cancels only when it is "
                "the same for all K scores of a row, so subtract each row's maximum, "
                "np.max(z, axis=1, keepdims=True).",
                lambda z: by_rows(exponentials(z, np.max(z, axis=0))),
            ),
            Mistake(
                "not-divided",
                "It does not divide by the row's sum: p_k = e^(z_k − m) / Σ_j e^(z_j − m).",
                lambda z: exponentials(z, row_max(z)),
            ),
            Mistake(
                "sum-of-all",
                "It divides by the sum over the whole array (np.sum without axis): divide each "
                "row by its own sum, np.sum(e, axis=1, keepdims=True).",
                lambda z: (e := exponentials(z, row_max(z))) / np.sum(e),
            ),
            Mistake(
                "numerator-only",
                "Only the numerator is shifted: divide e^(z − m) by the sum of the same shifted "
                "exponentials, Σ e^(z − m), not by Σ e^z.",
                lambda z: exponentials(z, row_max(z)) / np.sum(np.exp(z), axis=1, keepdims=True),
            ),
            Mistake(
                "sigmoid",
                "That is the sigmoid of each score on its own: softmax couples a row's scores, "
                "p_k = e^(z_k) / Σ_j e^(z_j).",
                lambda z: 1.0 / (1.0 + np.exp(-z)),
            ),
            Mistake(
                "unexponentiated",
                "It divides the scores themselves by their sum: exponentiate first, "
                "p_k = e^(z_k) / Σ_j e^(z_j) (scores can be negative; exponentials cannot).",
                lambda z: z / np.sum(z, axis=1, keepdims=True),
            ),
            Mistake(
                "log-softmax",
                "That is the log of the softmax, z − m − ln Σ e^(z − m): the softmax itself is "
                "its exponential, e^(z − m) / Σ e^(z − m).",
                lambda z: (s := z - row_max(z)) - np.log(np.sum(np.exp(s), axis=1, keepdims=True)),
            ),
        ),
        rule=(
            "Each row of P is p_k = e^(z_k − m) / Σ_j e^(z_j − m), with m the row's largest "
            "score: it sums to 1."
        ),
        raise_hints=SOFTMAX_RAISE_HINTS,
    ),
    success="softmax is correct: each row sums to 1, and scores near ±1000 do not overflow.",
    forbidden=("mlcourse.softmax",),
)


# cross_entropy ------------------------------------------------------------------------------


def probability_cases(seed: int) -> list[tuple]:
    """(labels, p): K = 3, 4, 5 (so that another class is not always the same one), rows of
    probabilities all above 0.01, labels of every class; then twice a confidently wrong start
    at the lesson's scale (:func:`confidently_wrong_start`), and twice points half of which are
    certain and right (:func:`partly_certain`: probabilities exactly 0 and 1)."""
    rng = np.random.default_rng([seed, 9200])
    cases = []
    for n, classes in zip(sizes(seed, 3, low=8, high=40), (3, 4, 5), strict=True):
        labels = rng.permutation(np.arange(n) % classes)
        scores = np.clip(rng.normal(0.0, 1.0, (n, classes)), -1.2, 1.2)
        scores[np.arange(n), labels] += 0.8  # mostly right, as a trained model is
        cases.append((labels, mlcourse.softmax(scores)))
    for n in sizes(seed, 2, low=110, high=200):
        cases.append(confidently_wrong_start(rng, n if n != LESSON_POINTS else n + 1))
    for n in sizes(seed, 2, low=8, high=20):
        cases.append(partly_certain(rng, n))
    return cases


def partly_certain(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(labels, p) of K = 3 classes where half the points are certain and right: scores far
    apart, as lesson 9's softmax meets them (near ±1000), give their own class probability
    exactly 1 and the others exactly 0 (such a point adds exactly 0 to E)."""
    labels = rng.permutation(np.arange(n) % 3)
    scores = rng.normal(0.0, 1.0, (n, 3))
    scores[np.arange(n), labels] += 1.0
    certain = rng.permutation(n)[: n // 2]
    scores[certain, labels[certain]] += rng.uniform(800.0, 1000.0, certain.size)
    return labels, mlcourse.softmax(scores)


def confidently_wrong_start(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(labels, p) of a start like lesson 9's: three blobs around ``mc.blob_centers()``
    (spread 0.8), and weights that point each class's scores at the next class's centre (3.5 to
    4.5 times it; the lesson's are 3 times). Over n in the hundreds the product of the
    probabilities of the labels underflows to 0 (lesson 9's E at its start is 2695.4), though
    no probability is 0, and some point's own probability is below 1e−16."""
    labels = rng.permutation(np.arange(n) % 3)
    centers = mlcourse.blob_centers()
    X = centers[labels] + rng.normal(0.0, 0.8, (n, 2))
    W = rng.uniform(3.5, 4.5) * np.roll(centers, -1, axis=0).T
    return labels, mlcourse.softmax(X @ W)


def cross_entropy_reference(labels: np.ndarray, p: np.ndarray) -> float:
    return mlcourse.cross_entropy(labels, p)


def own(labels: np.ndarray, p: np.ndarray, shift: int = 0) -> np.ndarray:
    """Each point's probability of its class (or of the class ``shift`` further along)."""
    return p[np.arange(labels.size), (labels + shift) % p.shape[1]]


BINARY_PER_CLASS = (
    "binary-per-class",
    "that is the binary cross-entropy of each class, −Σ[y·ln p + (1 − y)·ln(1 − p)] "
    "summed over the K columns: with softmax only the own class counts, −Σ_i ln p[i, y_i] "
    "(the others are in it already, since the row sums to 1)",
    lambda labels, p: (
        -np.sum((y := one_hot(labels, p.shape[1])) * np.log(p) + (1 - y) * np.log(1 - p))
    ),
)

CE_ALTERNATIVES: tuple[tuple[str, str, Callable[[np.ndarray, np.ndarray], float]], ...] = (
    (
        "every-class",
        "it takes the log of every class's probability, not only the point's own: E = "
        "−Σ_i ln p[i, labels[i]] picks one entry per row, p[np.arange(n), labels]",
        lambda labels, p: -np.sum(np.log(p)),
    ),
    (
        "columns-of-labels",
        "indexing with p[:, labels] takes every point's probability of every point's label "
        "(an n × n array): pick one entry per row, p[np.arange(n), labels]",
        lambda labels, p: -np.sum(np.log(p[:, labels])),
    ),
    (
        "rows-of-labels",
        "indexing with p[labels] takes whole rows, the row numbered by each label: pick one "
        "entry per row, p[np.arange(n), labels]",
        lambda labels, p: -np.sum(np.log(p[labels])),
    ),
    BINARY_PER_CLASS,
    (
        "predicted-class",
        "it takes the log of the predicted class's probability (the largest in each row): "
        "the cross-entropy takes the probability of the true class, labels[i]",
        lambda labels, p: -np.sum(np.log(np.max(p, axis=1))),
    ),
    (
        "next-class",
        "it takes the log of the next class's probability (labels[i] + 1): the column to "
        "take is labels[i] itself",
        lambda labels, p: -np.sum(np.log(own(labels, p, 1))),
    ),
    (
        "previous-class",
        "it takes the log of the previous class's probability (labels[i] − 1): the column to "
        "take is labels[i] itself",
        lambda labels, p: -np.sum(np.log(own(labels, p, -1))),
    ),
    (
        "no-log",
        "the logarithm is missing: E = −Σ ln p[i, labels[i]]",
        lambda labels, p: -np.sum(own(labels, p)),
    ),
    (
        "mean-of-entries",
        "it takes the mean over all n·K entries of Y·ln p (np.mean of the whole array): this "
        "E is the sum over the points, −Σ_i ln p[i, labels[i]]",
        lambda labels, p: -np.mean(one_hot(labels, p.shape[1]) * np.log(p)),
    ),
    (
        "one-minus-own",
        "it takes ln(1 − p) of the own class: the error of point i is −ln p[i, labels[i]], "
        "small when that probability is near 1",
        lambda labels, p: -np.sum(np.log(1 - own(labels, p))),
    ),
)


def slipped(formula: Callable[..., float], change: Callable[..., float]) -> Callable[..., float]:
    return lambda labels, p: change(formula(labels, p), labels.size)


def cross_entropy_mistakes() -> tuple[Mistake, ...]:
    """Every slip of the right formula, and the likely pair (the mean log-likelihood: no minus,
    a mean); every other formula alone, and the binary cross-entropy also as a mean (as
    libraries compute it)."""
    mean = LOSS_SLIPS[1]
    binary_key, binary_name, binary = BINARY_PER_CLASS
    mistakes = [
        Mistake(slip.id, sentence(slip.message), slipped(cross_entropy_reference, slip.change))
        for slip in (*combined(LOSS_SLIPS[:2]), *LOSS_SLIPS[2:])
    ]
    mistakes += [Mistake(key, sentence(name), formula) for key, name, formula in CE_ALTERNATIVES]
    mistakes += [
        Mistake(
            "one-hot-log",
            "It takes the log of every entry and keeps its own class's with the one-hot Y, "
            "−Σ Y·ln p: where another class has probability exactly 0 (a certain point, as a "
            "softmax of scores far apart gives), that is 0·ln 0 = 0·(−inf), which is nan. Take "
            "only each row's own entry, p[np.arange(n), labels], before the log.",
            lambda labels, p: -np.sum(one_hot(labels, p.shape[1]) * np.log(p)),
        ),
        Mistake(
            "log-of-product",
            LOG_OF_PRODUCT,
            lambda labels, p: -np.log(np.prod(own(labels, p))),
        ),
        Mistake(
            f"{binary_key}+{mean.id}",
            sentence(f"two mistakes: {binary_name}; and {mean.message}"),
            slipped(binary, mean.change),
        ),
        Mistake(
            "per-point",
            "It returns one value per point: the error of the whole batch is their sum, so add "
            "them up with np.sum.",
            lambda labels, p: -np.log(own(labels, p)),
        ),
    ]
    for eps in (1e-15, 1e-12, 1e-7):
        kept = (
            f"It keeps every probability above {eps:g} (np.clip, or + {eps:g} inside the log): "
            f"that changes the error of every point whose own class has a probability below "
            f"{eps:g}, exactly the confidently wrong points of a start like the lesson's (p = "
            f"1e−20 adds 46.1, not {-np.log(eps):.3g}). The log of a probability that is not 0 "
            f"needs nothing added."
        )
        mistakes += [
            Mistake(
                f"clipped-{eps:g}",
                kept,
                lambda labels, p, eps=eps: -np.sum(np.log(own(labels, np.clip(p, eps, 1 - eps)))),
            ),
            Mistake(
                f"epsilon-{eps:g}",
                kept,
                lambda labels, p, eps=eps: -np.sum(np.log(own(labels, p) + eps)),
            ),
        ]
    return tuple(mistakes)


CROSS_ENTROPY_WARNING = (
    "Take the log of each point's own probability, p[np.arange(n), labels], and add the logs "
    "up: a product of many probabilities underflows to 0 before its log is taken (ln 0 = "
    "−inf), and the log of a whole row takes ln 0 for any class whose probability is 0."
)

CROSS_ENTROPY = Exercise(
    name="cross_entropy",
    cases=probability_cases,
    judge=Judge(
        name="cross_entropy",
        failing_warnings=FLOATING_POINT,
        warning_advice=CROSS_ENTROPY_WARNING,
        parameters=("labels", "p"),
        reference=cross_entropy_reference,
        result=Number(),
        nan_matches=True,
        mistakes=cross_entropy_mistakes(),
        rule="E = −Σ_i ln p[i, labels[i]]: minus the log of each point's probability of its own "
        "class, summed over the points.",
        lesson_size=LESSON_POINTS,
    ),
    success="cross_entropy is correct: E = −Σ ln p[i, labels[i]], summed over the points.",
    forbidden=("mlcourse.cross_entropy", "mlcourse.cross_entropy_from_scores"),
)


# softmax_gradients --------------------------------------------------------------------------


def gradient_cases(seed: int) -> list[tuple]:
    """(X, labels, W, b) with d = 2 inputs (as in the lesson) and K = 3, 4, 3, 3, 4 classes, so
    that dW of shape (d, K) is never square: three with weights that leave no probability near 0
    or 1, two with scores in the hundreds, where a softmax without its shift overflows."""
    rng = np.random.default_rng([seed, 9300])
    cases = []
    for k, (n, classes) in enumerate(
        zip(sizes(seed, 5, low=8, high=40), (3, 4, 3, 3, 4), strict=True)
    ):
        X = rng.normal(0.0, 1.5, (n, 2))
        labels = rng.permutation(np.arange(n) % classes)
        W = rng.normal(0.0, 0.6, (2, classes))
        b = rng.normal(0.0, 0.5, classes)
        if k >= 3:
            # Scores of hundreds, the largest near +1000, as lesson 9's softmax meets them: the
            # exponential of such a score overflows.
            W *= rng.uniform(900.0, 1100.0) / np.max(X @ W)
        cases.append((X, labels, W, b))
    return cases


def softmax_gradients_reference(
    X: np.ndarray, labels: np.ndarray, W: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    return mlcourse.softmax_gradients(X, labels, W, b)


def probabilities(X: np.ndarray, W: np.ndarray, b: np.ndarray | float) -> np.ndarray:
    return by_rows(exponentials(X @ W + b, row_max(X @ W + b)))


def from_scores_gradient(
    G: Callable[[np.ndarray, np.ndarray], np.ndarray], bias: bool = True, naive: bool = False
) -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    """(Xᵀ·G, Σ G) for G = ``G(P, Y)``: a wrong ∂E/∂z gives wrong dW and db alike (``naive``:
    P from e^z / Σ e^z without the shift, which overflows)."""

    def gradients(X: np.ndarray, labels: np.ndarray, W: np.ndarray, b: np.ndarray) -> tuple:
        scores = X @ W + (b if bias else 0.0)
        P = by_rows(np.exp(scores)) if naive else by_rows(exponentials(scores, row_max(scores)))
        scores_gradient = G(P, one_hot(labels, W.shape[1]))
        return X.T @ scores_gradient, np.sum(scores_gradient, axis=0)

    return gradients


def reshaped(change: Callable[..., tuple]) -> Callable[..., tuple]:
    """The right (dW, db) rearranged by ``change(dW, db, X, G)``."""

    def gradients(X: np.ndarray, labels: np.ndarray, W: np.ndarray, b: np.ndarray) -> tuple:
        G = probabilities(X, W, b) - one_hot(labels, W.shape[1])
        return change(X.T @ G, np.sum(G, axis=0), X, G)

    return gradients


def scaled(factor: Callable[[int], float]) -> Callable[..., tuple]:
    return reshaped(lambda dW, db, X, G: (factor(len(X)) * dW, factor(len(X)) * db))


def sse_scores_gradient(P: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """∂/∂z of ½·Σ(p − y)², through the whole softmax Jacobian diag(p) − p·pᵀ."""
    residual = P - Y
    return P * (residual - np.sum(residual * P, axis=1, keepdims=True))


SOFTMAX_GRADIENTS = Exercise(
    name="softmax_gradients",
    cases=gradient_cases,
    judge=Judge(
        name="softmax_gradients",
        failing_warnings=(),
        parameters=("X", "labels", "W", "b"),
        reference=softmax_gradients_reference,
        nan_matches=True,
        result=Together(
            (
                ("dW", Array("dW", "one entry per weight, like W")),
                ("db", Array("db", "one entry per class, like b")),
            ),
            example="return dW, db",
        ),
        mistakes=(
            Mistake(
                "sign",
                "Both have the wrong sign: ∂E/∂z = P − Y (probabilities minus one-hot labels), "
                "not Y − P.",
                scaled(lambda n: -1.0),
            ),
            Mistake(
                "mean",
                "Both are divided by n: that is the gradient of the mean cross-entropy; this E "
                "is the sum over the points, so dW = Xᵀ·(P − Y) with no 1/n.",
                scaled(lambda n: 1.0 / n),
            ),
            Mistake(
                "sign+mean",
                "Two mistakes: the wrong sign (∂E/∂z = P − Y, not Y − P) and a division by n "
                "(this E is a sum).",
                scaled(lambda n: -1.0 / n),
            ),
            Mistake(
                "no-labels",
                "The labels are missing: ∂E/∂z = P − Y, with Y the one-hot labels, not P alone.",
                from_scores_gradient(lambda P, Y: P),
            ),
            Mistake(
                "minus-one-everywhere",
                "It subtracts 1 from every probability: subtract 1 only in each point's own "
                "class, P − Y with Y one-hot (np.eye(K)[labels]).",
                from_scores_gradient(lambda P, Y: P - 1.0),
            ),
            Mistake(
                "predicted-labels",
                "It uses the predicted classes (argmax of P) as Y: Y holds the true labels.",
                from_scores_gradient(lambda P, Y: P - np.eye(P.shape[1])[np.argmax(P, axis=1)]),
            ),
            Mistake(
                "softmax-derivative",
                "The softmax's derivative p(1 − p) is still in: through the whole Jacobian "
                "diag(p) − p·pᵀ it cancels against ∂E/∂p = −y/p, leaving ∂E/∂z = P − Y.",
                from_scores_gradient(lambda P, Y: (P - Y) * P * (1 - P)),
            ),
            Mistake(
                "jacobian-diagonal",
                "It uses only the diagonal of the softmax Jacobian, ∂p_k/∂z_k = p_k(1 − p_k): "
                "every p_j depends on every z_k (∂p_j/∂z_k = −p_j·p_k for j ≠ k), and with "
                "those terms ∂E/∂z = P − Y.",
                from_scores_gradient(lambda P, Y: -Y * (1 - P)),
            ),
            Mistake(
                "jacobian-diagonal-divided",
                "It uses only the diagonal of the softmax Jacobian, ∂p_k/∂z_k = p_k(1 − p_k): "
                "every p_j depends on every z_k (∂p_j/∂z_k = −p_j·p_k for j ≠ k), and with "
                "those terms ∂E/∂z = P − Y.",
                from_scores_gradient(lambda P, Y: -Y / P * P * (1 - P)),
            ),
            Mistake(
                "sse",
                "That is the gradient of the SSE ½·Σ(p − y)² on the softmax outputs: this "
                "exercise's E is the cross-entropy, whose ∂E/∂z is P − Y.",
                from_scores_gradient(sse_scores_gradient),
            ),
            Mistake(
                "no-bias",
                "The bias is missing from the scores: z = X·W + b.",
                from_scores_gradient(lambda P, Y: P - Y, bias=False),
            ),
            Mistake(
                "naive-softmax",
                "Its probabilities overflow: np.exp of a score above about 709 is inf, and "
                "inf/inf is nan. Compute P with the softmax of exercise 9.1, which subtracts "
                "each row's maximum first.",
                from_scores_gradient(lambda P, Y: P - Y, naive=True),
            ),
            Mistake(
                "labels-not-one-hot",
                "It subtracts the labels themselves, P − labels[:, None]: Y is one-hot, one row "
                "per point with 1 in the column of its class (np.eye(K)[labels]).",
                lambda X, labels, W, b: (
                    X.T @ (G := probabilities(X, W, b) - labels[:, None]),
                    np.sum(G, axis=0),
                ),
            ),
            Mistake(
                "labels-missing-in-dW",
                "dW leaves out Y: dW = Xᵀ·(P − Y), like db = Σ(P − Y), not Xᵀ·P.",
                lambda X, labels, W, b: (
                    X.T @ probabilities(X, W, b),
                    np.sum(probabilities(X, W, b) - one_hot(labels, W.shape[1]), axis=0),
                ),
            ),
            Mistake(
                "dW-transposed",
                "dW is transposed: it has W's shape (d, K) when it is Xᵀ·(P − Y), not (P − Y)ᵀ·X.",
                reshaped(lambda dW, db, X, G: (dW.T, db)),
            ),
            Mistake(
                "db-axis-1",
                "db is summed over each point's classes (axis=1): sum (P − Y) over the points, "
                "np.sum(P - Y, axis=0), one entry per class.",
                reshaped(lambda dW, db, X, G: (dW, np.sum(G, axis=1))),
            ),
            Mistake(
                "db-scalar",
                "db is one number, the sum of the whole array: sum (P − Y) over the points only, "
                "np.sum(P - Y, axis=0), one entry per class.",
                reshaped(lambda dW, db, X, G: (dW, float(np.sum(G)))),
            ),
            Mistake(
                "swapped-results",
                "It returns (db, dW): the order is (dW, db).",
                reshaped(lambda dW, db, X, G: (db, dW)),
            ),
            Mistake(
                "lesson-data",
                "It uses the notebook's data.X and data.labels instead of the arguments `X` and "
                "`labels`.",
                lambda X, labels, W, b: softmax_gradients_reference(
                    lesson_blobs().X, lesson_blobs().labels, W, b
                ),
            ),
        ),
        rule="With G = P − Y (P = softmax(X·W + b), Y one-hot): dW = Xᵀ·G and db = Σ over the "
        "points of G.",
        raise_hints=SOFTMAX_RAISE_HINTS,
        lesson_size=LESSON_POINTS,
    ),
    success="softmax_gradients is correct: dE/dW = Xᵀ(P − Y), dE/db = Σ(P − Y).",
    forbidden=("mlcourse.softmax_gradients",),
    invites=("mlcourse.softmax",),
)


def check_softmax(softmax: Callable, seed: int = 0) -> None:
    """Exercise 9.1: ``softmax(z)``, each row of z of shape (n, K) turned into probabilities
    without overflow."""
    SOFTMAX.check(softmax, seed)


def check_cross_entropy(cross_entropy: Callable, seed: int = 0) -> None:
    """Exercise 9.2: ``cross_entropy(labels, p)`` = −Σ_i ln p[i, labels[i]]."""
    CROSS_ENTROPY.check(cross_entropy, seed)


def check_softmax_gradients(softmax_gradients: Callable, seed: int = 0) -> None:
    """Exercise 9.3: ``softmax_gradients(X, labels, W, b)`` = (Xᵀ(P − Y), Σ(P − Y))."""
    SOFTMAX_GRADIENTS.check(softmax_gradients, seed)
