"""Checks of lesson 7, mini-batches: ``shuffled_batches``, ``minibatch_epoch`` and
``minibatch_train``.

The three build on each other: the batches of one epoch (``rng.permutation(n)`` cut into
consecutive slices), one epoch of updates on the mean squared error of each batch, and the
epochs of a whole run, all drawing from the one generator they are given. Their mistakes are
variants of one plan (:class:`Plan`, run by :func:`descend`): points never shuffled or shuffled
once for the whole run, a generator of their own, the last batch dropped, the batch's sum instead
of its mean, one update per epoch instead of one per batch, … each one line. Whether the answer
draws from its ``rng`` at all is a finding: two calls with equal generators must agree, and a
call with another generator must not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from mlcourse.checks.cases import LESSON_SEEDS, LESSON_SIZE, generator_seed, sizes
from mlcourse.checks.judging import (
    RAISE_HINTS,
    Finding,
    Judge,
    Misfit,
    Mistake,
    Numbers,
    describe,
    same,
)
from mlcourse.checks.training import NEURON_PIECES, TRAIN_RTOL, TrainingResult
from mlcourse.feedback import Exercise
from mlcourse.plain import Rng

# One plan of mini-batch gradient descent, right or wrong -------------------------------------


def batches_of(order: np.ndarray, batch_size: int) -> list[np.ndarray]:
    """``order`` cut into consecutive slices of ``batch_size`` (the last one shorter)."""
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


def shuffled_batches_reference(
    n: int, batch_size: int, rng: np.random.Generator
) -> list[np.ndarray]:
    return batches_of(rng.permutation(n), batch_size)


def mean_squared_error(x: np.ndarray, y: np.ndarray, w1: float, w0: float) -> float:
    """mean((y − ŷ)²) of the linear neuron over the given points: the lesson's MSE."""
    residual = y - (w1 * x + w0)
    return float(np.mean(residual * residual))


@dataclass(frozen=True)
class Plan:
    """How mini-batch gradient descent goes, right or wrong; :func:`descend` runs it."""

    gradient_scale: Callable[[int, int, int], float] = lambda size, batch_size, n: 2.0 / size
    """What the batch's SSE gradient −Σ(y − ŷ)·(x1, x0) is multiplied by, from the batch's size,
    the ``batch_size`` asked for and all n points: 2/size for the batch's MSE."""
    order: str = "rng"
    """Where each epoch's order comes from: "rng" (``rng.permutation(n)``), "unshuffled"
    (0, 1, …, n − 1), "choice" (``rng.choice(n, n, replace=False)``)."""
    reshuffle: bool = True
    """A new order every epoch (False: the first epoch's order again and again)."""
    lesson_seed: int | None = None
    """Shuffle with a generator of its own, ``np.random.default_rng(lesson_seed)``."""
    new_generator_each_epoch: bool = False
    """With ``lesson_seed``: that generator made anew in every epoch."""
    drop_last: bool = False
    """Leave out the last batch when it is shorter."""
    update: str = "per batch"
    """"per batch"; "once" (every batch's gradient at the epoch's starting weights, one update
    with their sum); "all points" (one update per batch, each from all n points)."""
    sign: int = 1
    sequential: bool = False
    """w1 updated first, w0's gradient then from a new forward pass with the new w1."""
    first_batch_only: bool = False
    whole_batch: bool = False
    """One batch of all n points, whatever ``batch_size`` says."""
    restart: bool = False
    """Every epoch starts again from the weights the run started with (what an epoch returns is
    not carried over to the next)."""
    record: str = "before"
    """Record each epoch's error "before" or "after" its updates."""
    error_scale: Callable[[int], float] = lambda n: 2.0 / n
    """What ½·Σ(y − ŷ)² over all n points is multiplied by to give the recorded error."""


def descend(
    x: np.ndarray,
    y: np.ndarray,
    w1: float,
    w0: float,
    eta: float,
    batch_size: int,
    epochs: int,
    rng: np.random.Generator,
    plan: Plan,
) -> tuple[float, float, list[float]]:
    """Mini-batch gradient descent as ``plan`` says; returns (w1, w0, errors)."""
    n = len(x)
    if plan.lesson_seed is not None:
        rng = np.random.default_rng(plan.lesson_seed)

    def gradients(xb: np.ndarray, yb: np.ndarray, w1: float, w0: float) -> tuple[float, float]:
        residual = yb - (w1 * xb + w0)
        scale = plan.sign * plan.gradient_scale(len(xb), batch_size, n)
        return -scale * float(np.sum(residual * xb)), -scale * float(np.sum(residual))

    def error(w1: float, w0: float) -> float:
        residual = y - (w1 * x + w0)
        return plan.error_scale(n) * 0.5 * float(np.sum(residual * residual))

    order = None
    errors = []
    initial = (w1, w0)
    for _ in range(epochs):
        if plan.restart:
            w1, w0 = initial
        if plan.record == "before":
            errors.append(error(w1, w0))
        if plan.new_generator_each_epoch:
            rng = np.random.default_rng(plan.lesson_seed)
        if order is None or plan.reshuffle:
            if plan.order == "unshuffled":
                order = np.arange(n)
            elif plan.order == "choice":
                order = rng.choice(n, n, replace=False)
            else:
                order = rng.permutation(n)
        batches = [order] if plan.whole_batch else batches_of(order, batch_size)
        if plan.drop_last and len(batches[-1]) < batch_size:
            batches = batches[:-1]
        if plan.first_batch_only:
            batches = batches[:1]
        start = (w1, w0)
        total1 = total0 = 0.0
        for batch in batches:
            if plan.update == "all points":
                xb, yb = x, y
            else:
                xb, yb = x[batch], y[batch]
            if plan.update == "once":
                g1, g0 = gradients(xb, yb, *start)
                total1, total0 = total1 + g1, total0 + g0
            elif plan.sequential:
                w1 = w1 - eta * gradients(xb, yb, w1, w0)[0]
                w0 = w0 - eta * gradients(xb, yb, w1, w0)[1]
            else:
                g1, g0 = gradients(xb, yb, w1, w0)
                w1, w0 = w1 - eta * g1, w0 - eta * g0
        if plan.update == "once":
            w1, w0 = w1 - eta * total1, w0 - eta * total0
        if plan.record == "after":
            errors.append(error(w1, w0))
    return float(w1), float(w0), errors


def rng_findings(what: str) -> tuple[Finding, Finding]:
    """The findings of calls 0 and 1 (equal generators) and 2 (another one): ``what`` the
    function returns, in words ("batches", "weights")."""
    return (
        Finding(
            "shuffles-elsewhere",
            f"gave different {what} for two generators made from the same seed: it shuffles "
            f"with something else than the `rng` it is given (np.random.permutation, "
            f"np.random.shuffle, or np.random.default_rng() without a seed). Shuffle with "
            f"`rng.permutation(n)`, so that a seed fixes the run.",
            lambda calls, values: not same(values[1], values[0]),
        ),
        Finding(
            "ignores-rng",
            f"gave the same {what} for two generators with different seeds, where the right "
            f"{what} differ: {what} that do not depend on the `rng` it is given. Either it "
            f"does not shuffle with `rng` (each epoch's order is `rng.permutation(n)`), or "
            f"the order cannot matter to it, as when it makes one update from all the points "
            f"(check that it cuts the order into batches of `batch_size`).",
            lambda calls, values: same(values[2], values[0]),
        ),
    )


def same_generator_calls(seed: int, k: int, *args: Any) -> list[tuple]:
    """Three calls with ``args``: two with equal generators, one with another."""
    same_seed, other_seed = generator_seed(seed, k), generator_seed(seed, k + 1)
    return [(*args, Rng(same_seed)), (*args, Rng(same_seed)), (*args, Rng(other_seed))]


LESSON_GENERATOR = (
    "It shuffles with np.random.default_rng({seed}), a generator of its own with a lesson's "
    "seed, whatever `rng` it is given: shuffle with the `rng` argument."
)
NOT_SHUFFLED = (
    "It does not shuffle: the batches take the points in their order 0, 1, …, n − 1. Each "
    "epoch visits them in the order rng.permutation(n)."
)
DROPS_LAST = (
    "It drops the last batch when it is shorter: those points are never visited in the epoch. "
    "Keep it (for start in range(0, n, batch_size): order[start:start + batch_size])."
)
CHOICE = (
    "rng.choice(n, n, replace=False) shuffles too, but draws other numbers than "
    "rng.permutation(n): use rng.permutation(n), the order mc.train uses, so that the same "
    "seed gives the same run."
)


# shuffled_batches ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Batches:
    """The result is a list of 1-D arrays of point indices, one per batch."""

    def conform(self, value: Any, expected: list[np.ndarray]) -> list[np.ndarray]:
        n = sum(len(batch) for batch in expected)
        if value is None:
            raise Misfit("returned None: end with `return batches`, the list of index arrays")
        if isinstance(value, np.ndarray) and value.ndim == 1 and value.size == n:
            raise Misfit(
                f"returned one array of {n} values: cut the shuffled order into batches, a list "
                f"with one array of indices per batch"
            )
        if isinstance(value, np.ndarray) and value.ndim == 2:
            raise Misfit(
                f"returned a 2-D array of shape {value.shape}: return a list of 1-D index arrays "
                f"(when batch_size does not divide n, the last batch is shorter, which no 2-D "
                f"array can hold)"
            )
        if not isinstance(value, list | tuple):
            raise Misfit(f"returned {describe(value)}; it should return a list of index arrays")
        batches = []
        for k, item in enumerate(value):
            array = item if isinstance(item, np.ndarray) else None
            if isinstance(item, list | tuple) and all(type(i) is int for i in item):
                array = np.array(item, dtype=np.int64)
            if array is None or array.ndim != 1:
                raise Misfit(
                    f"returned a {type(value).__name__} whose batch {k} is {describe(item)}; "
                    f"each batch is a 1-D array of point indices"
                )
            if array.dtype.kind not in "iu":
                if array.dtype.kind == "f" and array.size and np.all(array == np.round(array)):
                    raise Misfit(
                        f"returned batch {k} as floats ({array.dtype}): indices must be "
                        f"integers, or x[batch] fails (rng.permutation(n) gives integers)"
                    )
                raise Misfit(
                    f"returned a {type(value).__name__} whose batch {k} is {describe(item)}; "
                    f"each batch is an array of point indices, integers from 0 to n − 1"
                )
            batches.append(array.astype(np.int64))
        return batches

    def agree(self, value: list[np.ndarray], expected: list[np.ndarray], rtol: float) -> bool:
        return len(value) == len(expected) and all(
            np.array_equal(a, b) for a, b in zip(value, expected, strict=True)
        )

    def facts(self, value: list[np.ndarray], expected: list[np.ndarray]) -> str:
        n = sum(len(batch) for batch in expected)
        flat = np.concatenate(value) if value else np.array([], dtype=np.int64)
        outside = flat[(flat < 0) | (flat >= n)]
        if outside.size:
            return f"returned the index {int(outside[0])}, outside 0 to {n - 1}"
        counts = np.bincount(flat, minlength=n)
        missing, repeated = np.flatnonzero(counts == 0), np.flatnonzero(counts > 1)
        if missing.size or repeated.size:
            parts = []
            if missing.size:
                parts.append(
                    f"{missing.size} point{'s' * (missing.size > 1)} never (first: "
                    f"{int(missing[0])})"
                )
            if repeated.size:
                parts.append(f"{repeated.size} more than once (first: {int(repeated[0])})")
            batches = f"{len(value)} batch{'es' * (len(value) != 1)}"
            return (
                f"returned {batches} that visit {' and '.join(parts)}: an epoch visits each of "
                f"the {n} points exactly once"
            )
        sizes_got = [len(batch) for batch in value]
        sizes_expected = [len(batch) for batch in expected]
        if sizes_got != sizes_expected:
            return (
                f"returned batches of sizes {short_list(sizes_got)}, expected "
                f"{short_list(sizes_expected)}: consecutive slices of batch_size points, the "
                f"last one shorter when batch_size does not divide n"
            )
        k = next(
            i
            for i, (a, b) in enumerate(zip(value, expected, strict=True))
            if not np.array_equal(a, b)
        )
        return (
            f"returned batches of the right sizes that cover every point once, but batch {k} "
            f"is {short_list(value[k].tolist())}, expected {short_list(expected[k].tolist())}"
        )


def short_list(values: list[int], shown: int = 8) -> str:
    """The first ``shown`` values of a list, in brackets."""
    text = ", ".join(str(v) for v in values[:shown])
    return f"[{text}{', …' if len(values) > shown else ''}]"


def uneven(n: int, batch_size: int) -> int:
    """n, or the next number after it whose last batch is neither full nor one point short (the
    only cuts where np.array_split into as many batches gives the same sizes as slicing)."""
    while n % batch_size in (0, batch_size - 1):
        n += 1
    return n


def shuffled_batches_cases(seed: int) -> list[tuple]:
    """Six calls, n never the lessons' 200: equal generators twice and another once (an uneven
    cut), batches of 1, one batch of all points, and one more uneven cut."""
    rng = np.random.default_rng([seed, 7100])
    n1, n2, n3, n4 = sizes(seed, 4, low=12, high=60)
    b1 = int(rng.integers(3, 8))
    n1 = uneven(n1, b1)
    b4 = int(rng.integers(n4 // 3, n4 // 2))
    n4 = uneven(n4, b4)
    others = (generator_seed(seed, k) for k in (3, 4, 5))
    return [
        *same_generator_calls(seed, 1, n1, b1),
        (n2, 1, Rng(next(others))),
        (n3, n3, Rng(next(others))),
        (n4, b4, Rng(next(others))),
    ]


LESSON_SIZE_ORDER = (
    f"It shuffles {LESSON_SIZE} points, the lessons' number, instead of `n`: rng.permutation(n)."
)


def slices_at_every_point(order: np.ndarray, batch_size: int) -> list[np.ndarray]:
    return [order[start : start + batch_size] for start in range(len(order))]


def nearly_equal_batches(order: np.ndarray, count: int) -> list[np.ndarray]:
    return np.array_split(order, count)


SHUFFLED_BATCHES_MISTAKES = (
    *(
        Mistake(
            f"own-generator-seed-{s}",
            LESSON_GENERATOR.format(seed=s),
            lambda n, b, rng, s=s: shuffled_batches_reference(n, b, np.random.default_rng(s)),
        )
        for s in LESSON_SEEDS
    ),
    Mistake("not-shuffled", NOT_SHUFFLED, lambda n, b, rng: batches_of(np.arange(n), b)),
    Mistake(
        "drops-last", DROPS_LAST, lambda n, b, rng: batches_of(rng.permutation(n)[: n - n % b], b)
    ),
    Mistake("choice", CHOICE, lambda n, b, rng: batches_of(rng.choice(n, n, replace=False), b)),
    Mistake(
        "with-replacement",
        "It draws the indices with replacement (rng.choice(n, n) or rng.integers(0, n, n)): some "
        "points come twice and others never. Shuffle them all, rng.permutation(n).",
        lambda n, b, rng: batches_of(rng.choice(n, n), b),
    ),
    Mistake(
        "overlapping",
        "It starts a batch at every point (range(n)), so the batches overlap and points repeat: "
        "start one every batch_size points, range(0, n, batch_size).",
        lambda n, b, rng: slices_at_every_point(rng.permutation(n), b),
    ),
    Mistake(
        "array-split-count",
        "np.array_split(order, n // batch_size) spreads the points over n // batch_size batches "
        "of nearly equal size, not batches of batch_size points: slice "
        "order[start:start + batch_size] for start in range(0, n, batch_size).",
        lambda n, b, rng: nearly_equal_batches(rng.permutation(n), n // b),
    ),
    Mistake(
        "array-split-even",
        "It makes the right number of batches, but of nearly equal sizes (np.array_split): the "
        "batches hold batch_size points each, only the last one fewer. Slice "
        "order[start:start + batch_size] for start in range(0, n, batch_size).",
        lambda n, b, rng: nearly_equal_batches(rng.permutation(n), -(-n // b)),
    ),
    Mistake(
        "array-split-batch-size",
        "np.array_split(order, batch_size) makes batch_size batches, not batches of batch_size "
        "points: slice order[start:start + batch_size] for start in range(0, n, batch_size).",
        lambda n, b, rng: nearly_equal_batches(rng.permutation(n), b),
    ),
    Mistake(
        "empty-last-batch",
        "It makes n // batch_size + 1 batches, so when batch_size divides n the last one is "
        "empty: start one batch every batch_size points, range(0, n, batch_size), which makes "
        "exactly as many as needed.",
        lambda n, b, rng: [
            order[i * b : (i + 1) * b] for order in [rng.permutation(n)] for i in range(n // b + 1)
        ],
    ),
    Mistake(
        "permutation-per-batch",
        "It draws a new permutation for every batch, so the batches overlap and some points are "
        "never visited: shuffle once per epoch, order = rng.permutation(n), then cut that one "
        "order into slices.",
        lambda n, b, rng: [rng.permutation(n)[i : i + b] for i in range(0, n, b)],
    ),
    Mistake(
        "one-past",
        "Each batch takes one point too many, order[start:start + batch_size + 1]: the slice's "
        "end is not included, so order[start:start + batch_size] holds batch_size points.",
        lambda n, b, rng: [
            order[i : i + b + 1] for order in [rng.permutation(n)] for i in range(0, n, b)
        ],
    ),
    Mistake(
        "sorted-batches",
        "It sorts each batch: keep the indices in the order rng.permutation(n) gives them, so "
        "that the same seed gives the same run as mc.train.",
        lambda n, b, rng: [np.sort(batch) for batch in batches_of(rng.permutation(n), b)],
    ),
    Mistake(
        "shuffles-batches",
        "It shuffles the batches, not the points: each batch holds the same neighbours every "
        "epoch. Shuffle the points first, rng.permutation(n), then cut the order into batches.",
        lambda n, b, rng: [batches_of(np.arange(n), b)[k] for k in rng.permutation(-(-n // b))],
    ),
    Mistake(
        "lesson-size",
        LESSON_SIZE_ORDER,
        lambda n, b, rng: batches_of(rng.permutation(LESSON_SIZE), b),
    ),
    Mistake(
        "lesson-size-cut",
        LESSON_SIZE_ORDER,
        lambda n, b, rng: batches_of(rng.permutation(LESSON_SIZE), b)[: -(-n // b)],
    ),
    Mistake(
        "order:batch_size,n,rng",
        "It works as if `n` and `batch_size` had traded places, not (n, batch_size, rng): check "
        "the order in the `def`, and wherever the function passes them on to another call.",
        lambda n, b, rng: batches_of(rng.permutation(b), n),
    ),
)

RESHAPE_HINT = (
    "cannot reshape",
    "reshape",
    "batch_size does not always divide n, and then the last batch is shorter: slice the order, "
    "order[start:start + batch_size] for start in range(0, n, batch_size).",
)

SHUFFLED_BATCHES = Exercise(
    name="shuffled_batches",
    cases=shuffled_batches_cases,
    judge=Judge(
        name="shuffled_batches",
        failing_warnings=(),
        parameters=("n", "batch_size", "rng"),
        reference=shuffled_batches_reference,
        result=Batches(),
        mistakes=SHUFFLED_BATCHES_MISTAKES,
        rule=(
            "The batches are rng.permutation(n) cut into consecutive slices of batch_size "
            "points, the last one shorter when batch_size does not divide n."
        ),
        findings=rng_findings("batches"),
        raise_hints=(*RAISE_HINTS, RESHAPE_HINT),
    ),
    success=(
        "shuffled_batches is correct: every point once per epoch, in the order rng.permutation(n)."
    ),
)


# minibatch_epoch ----------------------------------------------------------------------------


def regression_data(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    x = rng.random(n) * rng.uniform(1.0, 2.0)
    y = rng.uniform(1.0, 4.0) * x + rng.uniform(-0.5, 0.5) + rng.normal(0.0, 0.2, n)
    return x, y


def start_and_rate(rng: np.random.Generator, x: np.ndarray) -> tuple[float, float, float]:
    """A start like the lessons' and a rate a third of the smallest single point's critical
    rate of the MSE, 1/(1 + x²): every batch size converges, none in one step."""
    w1, w0 = float(rng.uniform(-3, -2)), float(rng.uniform(0, 2))
    eta = float(rng.uniform(0.25, 0.4)) / (1.0 + float(np.max(x)) ** 2)
    return round(w1, 4), round(w0, 4), round(eta, 4)


def run_cases(
    seed: int, stream: int, high: int, generators: int, epochs: tuple[int, ...] = ()
) -> list[tuple]:
    """The calls of an epoch (or of a run of ``epochs[k]`` epochs): (x, y, w1, w0, eta,
    batch_size[, epochs], rng) on four data sets of 15 to ``high`` points, drawn from the
    stream ``[seed, stream]``: the first, whose n its batch size (3 to 6) does not divide, with
    equal generators twice and another once; then batches of 1; one batch of all the points;
    and batches of a third to a half of the data that do not divide it either. The generators'
    seeds are ``generators`` and on."""
    rng = np.random.default_rng([seed, stream])
    n1, n2, n3, n4 = sizes(seed, 4, low=15, high=high)
    b1 = int(rng.integers(3, 7))
    n1 += 1 if n1 % b1 == 0 else 0
    b3 = int(rng.integers(n3 // 3, n3 // 2))
    n3 += 1 if n3 % b3 == 0 else 0
    cases = []
    for k, (n, b) in enumerate(((n1, b1), (n2, 1), (n4, n4), (n3, b3))):
        x, y = regression_data(rng, n)
        settings = (x, y, *start_and_rate(rng, x), b, *epochs[k : k + 1])
        if k == 0:
            cases += same_generator_calls(seed, generators, *settings)
        else:
            cases.append((*settings, Rng(generator_seed(seed, generators + 1 + k))))
    return cases


def epoch_cases(seed: int) -> list[tuple]:
    """Six epochs on data of n points (never 200): equal generators twice and another once on
    one data set whose n batch_size does not divide, one of batches of 1, one batch of all the
    points (batch_size = n), one more uneven cut."""
    return run_cases(seed, stream=7200, high=50, generators=11)


def epoch_plan(**changes: Any) -> Callable[..., tuple[float, float]]:
    """One epoch of a plan with ``changes`` from the right one, as a function of the call."""
    plan = replace(Plan(), **changes)
    return lambda x, y, w1, w0, eta, b, rng: descend(x, y, w1, w0, eta, b, 1, rng, plan)[:2]


def minibatch_epoch_reference(
    x: np.ndarray,
    y: np.ndarray,
    w1: float,
    w0: float,
    eta: float,
    batch_size: int,
    rng: np.random.Generator,
) -> tuple[float, float]:
    return epoch_plan()(x, y, w1, w0, eta, batch_size, rng)


SUM = (
    "It steps along the gradient of the batch's SSE, the sum: this lesson averages over the "
    "batch, E = mean((y − ŷ)²), whose gradient is −(2/b)·Σ(y − ŷ)·x1, so that η means the "
    "same step for every batch size."
)
HALF = (
    "Its gradient is that of ½·mean((y − ŷ)²), −(1/b)·Σ(y − ŷ)·x1: the MSE has no ½, so its "
    "gradient keeps the 2 of the square, −(2/b)·Σ(y − ŷ)·x1."
)
BATCH_SIZE_FOR_LENGTH = (
    "It divides by batch_size, but the last batch can be shorter: divide by the number of "
    "points in the batch, len(batch)."
)
OVER_N = (
    "It divides by n, all the points, instead of the batch's size: the mean is over the batch, "
    "−(2/b)·Σ(y − ŷ)·x1 with b = len(batch)."
)
WHOLE_BATCH = (
    "It makes one update per epoch from all the points, whatever `batch_size` is: cut the "
    "shuffled order into batches of `batch_size` points (the last one shorter) and make one "
    "update per batch."
)
ONCE = (
    "It makes one update per epoch: every batch's gradient comes from the weights the epoch "
    "started with (ŷ computed once, or the gradients added up and applied at the end). Update "
    "after each batch, and compute the next batch's ŷ with the new weights."
)

EPOCH_MISTAKES = (
    Mistake("batch-sum", SUM, epoch_plan(gradient_scale=lambda size, b, n: 1.0)),
    Mistake("half-mean", HALF, epoch_plan(gradient_scale=lambda size, b, n: 1.0 / size)),
    Mistake(
        "divides-by-batch-size",
        BATCH_SIZE_FOR_LENGTH,
        epoch_plan(gradient_scale=lambda size, b, n: 2.0 / b),
    ),
    Mistake("divides-by-n", OVER_N, epoch_plan(gradient_scale=lambda size, b, n: 2.0 / n)),
    Mistake("not-shuffled", NOT_SHUFFLED, epoch_plan(order="unshuffled")),
    *(
        Mistake(
            f"own-generator-seed-{s}", LESSON_GENERATOR.format(seed=s), epoch_plan(lesson_seed=s)
        )
        for s in LESSON_SEEDS
    ),
    Mistake("choice", CHOICE, epoch_plan(order="choice")),
    Mistake("drops-last", DROPS_LAST, epoch_plan(drop_last=True)),
    Mistake("one-update", ONCE, epoch_plan(update="once")),
    Mistake(
        "all-points",
        "Each update uses all n points, not the batch's: take the batch's points, x[batch] and "
        "y[batch], for its forward pass and its gradient.",
        epoch_plan(update="all points"),
    ),
    Mistake(
        "climbs",
        "Both weights climb: the update adds η·dE/dw (or the gradient's sign is wrong). Step "
        "against the gradient, w − η·dE/dw.",
        epoch_plan(sign=-1),
    ),
    Mistake(
        "w1-first",
        "It updates w1 first and computes w0's gradient from a new forward pass with the new w1: "
        "compute both gradients from the same ŷ, then update both weights.",
        epoch_plan(sequential=True),
    ),
    Mistake("whole-batch", WHOLE_BATCH, epoch_plan(whole_batch=True)),
    Mistake(
        "returns-early",
        "It returns after the first batch: the `return` belongs after the loop over the batches "
        "(check its indentation).",
        epoch_plan(first_batch_only=True),
    ),
    Mistake(
        "swapped-results",
        "It returns (w0, w1): the order is (w1, w0).",
        lambda *args: minibatch_epoch_reference(*args)[::-1],
    ),
)

EPOCH_PARAMETERS = ("x", "y", "w1", "w0", "eta", "batch_size", "rng")

MINIBATCH_EPOCH = Exercise(
    name="minibatch_epoch",
    cases=epoch_cases,
    judge=Judge(
        name="minibatch_epoch",
        failing_warnings=(),
        parameters=EPOCH_PARAMETERS,
        reference=minibatch_epoch_reference,
        result=Numbers(("the new w1", "the new w0"), example="return w1, w0"),
        mistakes=EPOCH_MISTAKES,
        rule=(
            "Shuffle with rng.permutation(n), cut the order into batches of batch_size points, "
            "and make one update per batch, w ← w − η·dE/dw with E = mean((y − ŷ)²) over the "
            "batch."
        ),
        findings=rng_findings("weights"),
        lesson_size=LESSON_SIZE,
    ),
    success=(
        "minibatch_epoch is correct: one update per batch, on the mean squared error of the batch."
    ),
    forbidden=("mlcourse.train",),
    invites=NEURON_PIECES,
)


# minibatch_train ----------------------------------------------------------------------------


def train_cases(seed: int) -> list[tuple]:
    """Six runs of a few epochs: equal generators twice and another once on one data set, one
    of batches of 1, one of one batch of all the points (batch_size = n: the order does not
    matter), and one whose batches are almost the whole data (so that the loss of the shuffling
    between epochs shows)."""
    return run_cases(seed, stream=7300, high=45, generators=21, epochs=(6, 4, 5, 9))


def train_plan(**changes: Any) -> Callable[..., tuple]:
    """A run of a plan with ``changes`` from the right one, as a function of the call."""
    plan = replace(Plan(), **changes)
    return lambda x, y, w1, w0, eta, b, epochs, rng: descend(
        x, y, w1, w0, eta, b, epochs, rng, plan
    )


def minibatch_train_reference(
    x: np.ndarray,
    y: np.ndarray,
    w1: float,
    w0: float,
    eta: float,
    batch_size: int,
    epochs: int,
    rng: np.random.Generator,
) -> tuple[float, float, np.ndarray]:
    w1, w0, errors = train_plan()(x, y, w1, w0, eta, batch_size, epochs, rng)
    return w1, w0, np.array(errors)


@dataclass(frozen=True)
class MeanErrorsResult(TrainingResult):
    """(w1, w0, errors) as lesson 4's loop returns them, with the errors of the MSE."""

    def conform(self, value: Any, expected: tuple) -> tuple[float, float, np.ndarray]:
        if isinstance(value, tuple | list) and len(value) == 3:
            errors = value[2]
            if isinstance(errors, tuple | list) and any(
                isinstance(item, np.ndarray) and item.ndim > 0 for item in errors
            ):
                raise Misfit(
                    "recorded as an epoch's error an array: record one number per epoch, the "
                    "MSE of all points, mean((y − ŷ)²)"
                )
        return super().conform(value, expected)


TRAIN_MISTAKES = (
    Mistake(
        "shuffled-once",
        "It shuffles once, before the first epoch, and then visits the points in that same "
        "order every epoch: draw a new order, rng.permutation(n), at the start of each epoch.",
        train_plan(reshuffle=False),
    ),
    *(
        Mistake(
            f"new-generator-each-epoch-seed-{s}",
            f"It makes np.random.default_rng({s}) anew in every epoch, so every epoch shuffles "
            f"the same way, whatever `rng` it is given: use the `rng` argument, once, for every "
            f"epoch; its numbers go on where the last epoch stopped.",
            train_plan(lesson_seed=s, new_generator_each_epoch=True),
        )
        for s in LESSON_SEEDS
    ),
    *(
        Mistake(
            f"own-generator-seed-{s}", LESSON_GENERATOR.format(seed=s), train_plan(lesson_seed=s)
        )
        for s in LESSON_SEEDS
    ),
    Mistake("not-shuffled", NOT_SHUFFLED, train_plan(order="unshuffled")),
    Mistake("batch-sum", SUM, train_plan(gradient_scale=lambda size, b, n: 1.0)),
    Mistake(
        "divides-by-batch-size",
        BATCH_SIZE_FOR_LENGTH,
        train_plan(gradient_scale=lambda size, b, n: 2.0 / b),
    ),
    Mistake("one-update", ONCE, train_plan(update="once")),
    Mistake("whole-batch", WHOLE_BATCH, train_plan(whole_batch=True)),
    Mistake(
        "weights-not-carried-over",
        "Every epoch starts again from the weights the run started with: assign what each epoch "
        "returns, `w1, w0 = minibatch_epoch(...)`, so that the next epoch goes on from there.",
        train_plan(restart=True),
    ),
    Mistake("drops-last", DROPS_LAST, train_plan(drop_last=True)),
    Mistake(
        "recorded-after",
        "It records the error after each epoch's updates; record it before, so that errors[0] "
        "is the error of the starting weights (as mc.train does).",
        train_plan(record="after"),
    ),
    Mistake(
        "errors-sse",
        "Its weights are right, but the errors it records are the SSE, ½·Σ(y − ŷ)²: record the "
        "MSE of all points, mean((y − ŷ)²).",
        train_plan(error_scale=lambda n: 1.0),
    ),
    Mistake(
        "errors-half-mean",
        "Its weights are right, but the errors it records are ½·mean((y − ŷ)²): the MSE has no "
        "½, mean((y − ŷ)²).",
        train_plan(error_scale=lambda n: 1.0 / n),
    ),
)

MINIBATCH_TRAIN = Exercise(
    name="minibatch_train",
    cases=train_cases,
    judge=Judge(
        name="minibatch_train",
        failing_warnings=(),
        parameters=(*EPOCH_PARAMETERS[:-1], "epochs", "rng"),
        reference=minibatch_train_reference,
        result=MeanErrorsResult(),
        rtol=TRAIN_RTOL,
        mistakes=TRAIN_MISTAKES,
        rule=(
            "Each epoch: record the MSE of all points, then one epoch of mini-batch updates, "
            "shuffled by the same `rng` (a new order every epoch)."
        ),
        findings=rng_findings("results"),
        lesson_size=LESSON_SIZE,
    ),
    success=(
        "minibatch_train is correct: it follows mc.train(..., loss='mse', batch_size=...) "
        "epoch by epoch."
    ),
    forbidden=("mlcourse.train",),
    invites=NEURON_PIECES,
)


def check_shuffled_batches(shuffled_batches: Callable, seed: int = 0) -> None:
    """Exercise 7.1: ``shuffled_batches(n, batch_size, rng)`` gives one epoch's index arrays."""
    SHUFFLED_BATCHES.check(shuffled_batches, seed)


def check_minibatch_epoch(minibatch_epoch: Callable, seed: int = 0) -> None:
    """Exercise 7.2: ``minibatch_epoch(x, y, w1, w0, eta, batch_size, rng)`` gives (w1, w0)."""
    MINIBATCH_EPOCH.check(minibatch_epoch, seed)


def check_minibatch_train(minibatch_train: Callable, seed: int = 0) -> None:
    """Exercise 7.3: ``minibatch_train(x, y, w1, w0, eta, batch_size, epochs, rng)`` gives
    (w1, w0, errors)."""
    MINIBATCH_TRAIN.check(minibatch_train, seed)
