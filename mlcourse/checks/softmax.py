"""Checks of lesson 9, softmax and cross-entropy: ``cross_entropy``, ``uniform_cross_entropy``
and ``softmax_gradients``.

``uniform_cross_entropy`` predicts the error at W = 0, n·ln k; its mistakes are one point's
error, a sign, another logarithm, the wrong classes. The cross-entropy's mistakes are the sum's
(a sign, a mean, another logarithm) and the choice of what to take the log of (another class,
every class, a binary cross-entropy per class, ``p[:, labels]``). The gradients' are those of
P − Y (a sign, Y left out, σ' kept) and of the shapes (dW transposed, db summed over the wrong
axis).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

import mlcourse
from mlcourse.checks.cases import sizes
from mlcourse.checks.classification import LOG_OF_PRODUCT, LOSS_SLIPS
from mlcourse.checks.judging import RAISE_HINTS, Judge, Mistake, Number, combined, sentence
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


# uniform_cross_entropy ------------------------------------------------------------------------


def uniform_cross_entropy_cases(seed: int) -> list[tuple]:
    """(n, k): few points and many, two classes and many, none of them the lesson's 150 and 3."""
    rng = np.random.default_rng([seed, 9200])
    small, medium = sizes(seed, 2, low=7, high=120)
    return [(small, 2), (medium, int(rng.integers(4, 9))), (int(rng.integers(300, 900)), 10)]


def uniform_cross_entropy_reference(n: int, k: int) -> float:
    return float(n * np.log(k))


UNIFORM_CROSS_ENTROPY = Exercise(
    name="uniform_cross_entropy",
    cases=uniform_cross_entropy_cases,
    judge=Judge(
        name="uniform_cross_entropy",
        failing_warnings=(),
        parameters=("n", "k"),
        reference=uniform_cross_entropy_reference,
        result=Number(),
        mistakes=(
            Mistake(
                "one-point",
                "That is ln k, the error of one point (or the mean over the points): E adds "
                "−ln(1/k) = ln k over all n points.",
                lambda n, k: np.log(k),
            ),
            Mistake(
                "sign",
                "That is −n·ln k, negative: −ln p is positive for p < 1, so E = −n·ln(1/k) = "
                "n·ln k.",
                lambda n, k: -n * np.log(k),
            ),
            Mistake(
                "probabilities",
                "That is n/k, the probabilities added up: E adds −ln of each point's "
                "probability, n·ln k.",
                lambda n, k: n / k,
            ),
            Mistake(
                "log2",
                "That is n·log₂ k: the cross-entropy uses the natural logarithm, n·ln k.",
                lambda n, k: n * np.log2(k),
            ),
            Mistake(
                "log10",
                "That is n·log₁₀ k: the cross-entropy uses the natural logarithm, n·ln k.",
                lambda n, k: n * np.log10(k),
            ),
            Mistake(
                "other-classes",
                "That is n·ln(k − 1): every class, the point's own included, has probability "
                "1/k, and E takes −ln of the own class's, n·ln k.",
                lambda n, k: n * np.log(k - 1),
            ),
            Mistake(
                "every-class",
                "That is n·k·ln k, −ln p over every class of every point: E takes only each "
                "point's own class, n·ln k.",
                lambda n, k: n * k * np.log(k),
            ),
            Mistake(
                "lesson-classes",
                "It uses the lesson's 3 classes instead of the argument `k`.",
                lambda n, k: n * np.log(3),
            ),
            Mistake(
                "lesson-size",
                "It uses the lesson's 150 points instead of the argument `n`.",
                lambda n, k: LESSON_POINTS * np.log(k),
            ),
        ),
        rule=(
            "With every score 0 each of the k probabilities is 1/k, so each point adds "
            "−ln(1/k) = ln k: E = n·ln k."
        ),
    ),
    success="uniform_cross_entropy is correct: every point adds −ln(1/k) = ln k, so E = n·ln k.",
)


def exponentials(z: np.ndarray, shift: np.ndarray | float) -> np.ndarray:
    return np.exp(z - shift)


def row_max(z: np.ndarray) -> np.ndarray:
    return np.max(z, axis=1, keepdims=True)


def by_rows(e: np.ndarray) -> np.ndarray:
    return e / np.sum(e, axis=1, keepdims=True)


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


def check_uniform_cross_entropy(uniform_cross_entropy: Callable, seed: int = 0) -> None:
    """Exercise 9.2: ``uniform_cross_entropy(n, k)`` = n·ln k, the cross-entropy of n points
    when every score is 0."""
    UNIFORM_CROSS_ENTROPY.check(uniform_cross_entropy, seed)


def check_cross_entropy(cross_entropy: Callable, seed: int = 0) -> None:
    """Exercise 9.1: ``cross_entropy(labels, p)`` = −Σ_i ln p[i, labels[i]]."""
    CROSS_ENTROPY.check(cross_entropy, seed)


def check_softmax_gradients(softmax_gradients: Callable, seed: int = 0) -> None:
    """Exercise 9.3: ``softmax_gradients(X, labels, W, b)`` = (Xᵀ(P − Y), Σ(P − Y))."""
    SOFTMAX_GRADIENTS.check(softmax_gradients, seed)
