"""What the classifier playground trains, and how a run is put into words.

Data in the plane (two or three blobs, two rings, two moons), a model (a sigmoid neuron, a
softmax layer, or a hidden layer of 1 to 16 tanh units under a softmax), a loss (the SSE of the
probabilities or the cross-entropy), trained by full-batch gradient descent. A run advances in
chunks of epochs (:meth:`Training.advance` with a time budget), so that the kernel can answer
between them, and keeps snapshots of its weights, so that fewer epochs cost nothing and more
epochs continue where it stopped.

Every formula of a loss comes from :mod:`mlcourse.kernels` (the sigmoid, its slope, the binary
cross-entropy of scores, the softmax and the cross-entropy of scores); what is new here is the
SSE through a softmax and the loop. The hidden layer is lesson 11's network, trained by the
package's own ``init_classifier``, ``classifier_forward``, ``classifier_error`` and
``train_classifier``: each chunk of epochs carries on from the weights the last one ended with.
It trains with the cross-entropy only, as lesson 11's network does (see
:class:`HiddenLayerClassifier`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from mlcourse import kernels
from mlcourse.classifier_network import (
    classifier_error,
    classifier_forward,
    init_classifier,
    train_classifier,
)
from mlcourse.data import Blobs, make_blobs, make_moons, make_rings

DATA_KINDS = ("two blobs", "three blobs", "rings", "moons")
DEFAULT_NOISE = {"two blobs": 1.0, "three blobs": 0.8, "rings": 0.15, "moons": 0.2}
"""Each kind's usual spread: blobs that overlap a little, rings a point rarely leaves, lesson
11's moons."""
MODELS = ("sigmoid", "softmax", "hidden")
CLASSIFIER_LOSSES = ("sse", "cross-entropy")
MAX_UNITS = 16
"""The most hidden units the playground offers."""
CURVATURE_BOUND = {"sigmoid": 0.25, "softmax": 0.5}
"""c such that the loss's curvature in the scores of one point never exceeds c, for both the
SSE and the cross-entropy: σ' ≤ ¼ for the sigmoid; the softmax cross-entropy's Hessian
diag(p) − ppᵀ has eigenvalues ≤ ½ (tests/test_classifier_training.py checks both bounds,
and the SSE's, numerically)."""
SNAPSHOT_EVERY = 50
"""A run keeps its weights every this many epochs (a handful of small arrays each)."""
CHUNK_EPOCHS = 25
"""Epochs trained in one go between two looks at the clock and at the loss (a divisor of
``SNAPSHOT_EVERY``, so that chunks end where snapshots are taken)."""
EXPLOSION_FACTOR = 1e10
FRESH_SEED = 10_000
"""Fresh points are drawn with the data's seed plus this: the same distribution, other points."""
MIN_FRESH = 500


def make_points(kind: str, n: int, noise: float, seed: int) -> Blobs:
    """The playground's data: ``n`` points of ``kind`` (3·(n // 3) for three blobs).

    Parameters
    ----------
    kind : {"two blobs", "three blobs", "rings", "moons"}
    n : int
    noise : float
        The spread of each blob (per coordinate), or of each point around its ring or moon.
    seed : int
    """
    if kind == "rings":
        return make_rings(n=n, noise=noise, seed=seed)
    if kind == "moons":
        return make_moons(n=n, noise=noise, seed=seed)
    classes = 2 if kind == "two blobs" else 3
    return make_blobs(n_per_class=n // classes, classes=classes, spread=noise, seed=seed)


def fresh_points(kind: str, n: int, noise: float, seed: int) -> Blobs:
    """Points the model never trains on, from the same distribution (at least ``MIN_FRESH``)."""
    return make_points(kind, max(n, MIN_FRESH), noise, seed + FRESH_SEED)


def reference_rate(model: str, X: np.ndarray) -> float:
    """η_ref = 2/(c·λ_max(X̃ᵀX̃)), X̃ = [X, 1]: below it every step lowers the loss.

    The loss's Hessian in the weights is X̃ᵀ·D·X̃ with D the curvature in the scores, at most c
    (``CURVATURE_BOUND``), so its largest eigenvalue is at most c·λ_max(X̃ᵀX̃), and gradient
    descent with η < 2/L on a loss of curvature at most L never overshoots (lesson 5's
    critical rate, for the worst point of the valley).
    """
    augmented = np.column_stack([X, np.ones(len(X))])
    largest = np.linalg.eigvalsh(augmented.T @ augmented)[-1]
    return 2.0 / (CURVATURE_BOUND[model] * largest)


class LinearClassifier:
    """A sigmoid neuron (two classes) or a softmax layer (K classes) on inputs in the plane.

    Parameters
    ----------
    model : {"sigmoid", "softmax"}
    loss : {"sse", "cross-entropy"}
        The SSE ½·Σ(y − p)² of the probabilities (one-hot targets for the softmax) or the
        cross-entropy −Σ ln p(own class).
    classes : int
        K; the sigmoid needs 2.
    seed : int
        The small random start: every weight ~ Normal(0, 0.1²), biases 0.
    start : dict, optional
        Weights to start from instead (see :func:`confidently_wrong_start`).
    """

    def __init__(
        self, model: str, loss: str, classes: int, seed: int = 0, start: dict | None = None
    ) -> None:
        if model == "sigmoid" and classes != 2:
            raise ValueError(f"a sigmoid neuron separates 2 classes, not {classes}")
        self.model, self.loss, self.classes, self.seed = model, loss, classes, seed
        self.outputs = 1 if model == "sigmoid" else classes
        self.start = start

    def initial(self) -> dict[str, np.ndarray]:
        """The start: ``start`` if given, else every weight ~ Normal(0, 0.1²), biases 0."""
        if self.start is not None:
            return {name: np.array(value, copy=True) for name, value in self.start.items()}
        rng = np.random.default_rng(self.seed)
        return {"W": rng.normal(0.0, 0.1, (2, self.outputs)), "b": np.zeros(self.outputs)}

    def probabilities(self, params: dict, X: np.ndarray) -> np.ndarray:
        """Class probabilities, shape (n, K): for the sigmoid, (1 − σ(z), σ(z))."""
        z = X @ params["W"] + params["b"]
        if self.model == "sigmoid":
            p = kernels.sigmoid(z[:, 0])
            return np.column_stack([1.0 - p, p])
        return kernels.softmax_rows(z)

    def loss_and_gradients(
        self, params: dict, X: np.ndarray, labels: np.ndarray
    ) -> tuple[float, dict[str, np.ndarray]]:
        """E at ``params`` and dE/dW = X̃ᵀ·dE/dz, from dE/dz of the chosen loss."""
        z = X @ params["W"] + params["b"]
        if self.model == "sigmoid":
            z, y = z[:, 0], labels
            p = kernels.sigmoid(z)
            if self.loss == "cross-entropy":
                error, dz = float(np.sum(kernels.bce_terms(y, z))), p - y
            else:
                error, dz = kernels.sse_of_residual(y - p), -(y - p) * kernels.sigmoid_slope(z)
            dz = dz[:, None]
        else:
            p = kernels.softmax_rows(z)
            onehot = np.eye(self.classes)[labels]
            if self.loss == "cross-entropy":
                error, dz = kernels.cross_entropy_of_scores(labels, z), p - onehot
            else:
                # dE/dp = p − y; through the softmax, dE/dz_k = p_k·(g_k − Σ_j p_j·g_j).
                g = p - onehot
                error = kernels.sse_of_residual((onehot - p).ravel())
                dz = p * (g - np.sum(p * g, axis=1, keepdims=True))
        return error, {"W": X.T @ dz, "b": np.sum(dz, axis=0)}

    def error(self, params: dict, X: np.ndarray, labels: np.ndarray) -> float:
        """E at ``params``."""
        return self.loss_and_gradients(params, X, labels)[0]

    def train(
        self, params: dict, X: np.ndarray, labels: np.ndarray, eta: float, epochs: int
    ) -> tuple[dict, np.ndarray]:
        """``epochs`` steps of gradient descent from ``params`` (not changed): the new weights
        and the loss at the start of each epoch, shape (epochs,)."""
        errors = np.empty(epochs)
        for epoch in range(epochs):
            errors[epoch], gradients = self.loss_and_gradients(params, X, labels)
            params = {name: params[name] - eta * gradients[name] for name in params}
        return params, errors

    def reference_rate(self, X: np.ndarray) -> float:
        """η_ref of this model on the inputs ``X`` (:func:`reference_rate`)."""
        return reference_rate(self.model, X)


class HiddenLayerClassifier:
    """Lesson 11's network: a hidden layer of tanh units under a softmax, trained with the
    cross-entropy, on inputs in the plane.

    Only the cross-entropy: it is the loss lessons 9 to 11 settled on for a softmax (its
    gradient P − Y has no plateau where the model is confidently wrong, which lessons 8 and 9
    showed the SSE has), it is the loss of lesson 11's network and of the package functions the
    learner wrote and this model is built on, and an SSE through the network would be a second
    backpropagation that no lesson teaches.

    Parameters
    ----------
    classes : int
        K, the classes of the data (2 or 3).
    units : int
        H, 1 to ``MAX_UNITS``.
    seed : int
        The start: ``init_classifier(inputs=2, hidden=units, classes=classes, seed=seed)``,
        lesson 11's start for the same seed.
    """

    model = "hidden"
    loss = "cross-entropy"

    def __init__(self, classes: int, units: int, seed: int = 0) -> None:
        self.classes, self.units, self.seed = classes, units, seed
        self.outputs = classes

    def initial(self) -> dict[str, np.ndarray]:
        """Lesson 11's random start: W1, b1 ~ Normal(0, 1), W2 ~ Normal(0, 0.1²), b2 = 0."""
        return init_classifier(inputs=2, hidden=self.units, classes=self.classes, seed=self.seed)

    def probabilities(self, params: dict, X: np.ndarray) -> np.ndarray:
        """Class probabilities, shape (n, K)."""
        return classifier_forward(X, params)[1]

    def error(self, params: dict, X: np.ndarray, labels: np.ndarray) -> float:
        """The cross-entropy E = −Σ ln P[i, label_i] at ``params``, from the scores."""
        return classifier_error(X, labels, params)

    def train(
        self, params: dict, X: np.ndarray, labels: np.ndarray, eta: float, epochs: int
    ) -> tuple[dict, np.ndarray]:
        """``epochs`` epochs of ``train_classifier`` from ``params`` (not changed)."""
        return train_classifier(X, labels, params, eta, epochs)

    def reference_rate(self, X: np.ndarray) -> float:
        """η_ref = 2/(½·λ_max(h̃ᵀh̃)), h̃ = [h, 1] the hidden units' outputs at the start.

        The softmax layer's :func:`reference_rate`, with the hidden units' outputs in place of
        the inputs: the output layer is a softmax classifier of h. At the start the output
        weights are small, so the hidden weights barely move the scores and the output layer
        holds nearly all of the network's curvature: η_ref is then within a few percent of
        2/λ_max of the whole Hessian, the critical rate lessons 10 and 11 compute by finite
        differences (tests/test_classifier_training.py checks it), at a fraction of the cost.
        The curvature changes as the network learns (lesson 11: it grew by a third on the way).
        """
        hidden, _ = classifier_forward(X, self.initial())
        return reference_rate("softmax", hidden)


Classifier = LinearClassifier | HiddenLayerClassifier


CONFIDENCE = 8.0
"""A confidently wrong start puts each class's mean this many units of score on the wrong side."""


def confidently_wrong_start(model: str, X: np.ndarray, labels: np.ndarray) -> dict:
    """Weights that classify the class means wrongly, and confidently (lesson 8's bad start).

    For the sigmoid, z = −s·(m1 − m0)·(x − (m0 + m1)/2) with s chosen so that z = −8 at the
    mean m1 of class 1 and +8 at m0: σ'(8) = 3.4·10⁻⁴, the SSE's plateau. For the softmax,
    z_k = −s·(m_k − m)·(x − m), m the mean of all points: at its own mean each class gets the
    lowest score, ``CONFIDENCE`` below the others on average. Where the class means coincide
    (two rings) there is no wrong direction to be sure of, and the weights are near 0.
    """
    classes = int(labels.max()) + 1
    means = np.array([X[labels == k].mean(axis=0) for k in range(classes)])
    if model == "sigmoid":
        gap = means[1] - means[0]
        scale = 2 * CONFIDENCE / max(float(gap @ gap), 1e-12)
        return {"W": (-scale * gap)[:, None], "b": np.array([scale * gap @ means.mean(axis=0)])}
    centre = X.mean(axis=0)
    offsets = means - centre
    spread = float(np.mean(np.sum(offsets * offsets, axis=1)))
    scale = CONFIDENCE / max(spread, 1e-12) * (classes - 1) / classes
    W = -scale * offsets.T
    return {"W": W, "b": -(centre @ W)}


@dataclass
class Training:
    """One run of full-batch gradient descent, advanced in chunks.

    Attributes
    ----------
    errors : list of float
        The loss over the training points at the start of each epoch run so far, then (once
        the run has stopped) of the final weights.
    params : dict
        The weights now.
    epochs : int
        The epochs asked for.
    diverged : bool
        Whether the loss stopped being a number or passed ``EXPLOSION_FACTOR`` times its start
        (training stops there).
    done : bool
        Whether the run has stopped (``errors`` then ends with the final weights' loss).
    """

    model: Classifier
    X: np.ndarray
    labels: np.ndarray
    eta: float
    epochs: int
    params: dict = field(init=False)
    errors: list = field(init=False, default_factory=list)
    diverged: bool = field(init=False, default=False)
    snapshots: dict = field(init=False, default_factory=dict)
    done: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.params = self.model.initial()
        self.snapshots[0] = _copy(self.params)

    @property
    def epochs_run(self) -> int:
        """The updates made so far."""
        return len(self.errors) - 1 if self.done else len(self.errors)

    def retarget(self, epochs: int) -> None:
        """Ask for ``epochs``: more continue from where the run is, fewer restart from the last
        snapshot before them (the same weights gradient descent had there)."""
        run = self.epochs_run
        self.epochs = epochs
        if self.diverged and epochs >= run:
            return
        if self.done:
            self.errors.pop()  # the final error is recomputed where the run now stops
            self.done = False
        if epochs < run:
            start = max(k for k in self.snapshots if k <= epochs)
            self.params = _copy(self.snapshots[start])
            del self.errors[start:]
            self.diverged = False
            self.snapshots = {k: v for k, v in self.snapshots.items() if k <= start}

    def advance(self, budget: float | None = None) -> bool:
        """Run epochs until ``epochs`` (or an explosion), or until ``budget`` seconds pass.

        Training goes in chunks of up to ``CHUNK_EPOCHS``, each carrying on from the weights
        the last one ended with; the clock is read between chunks, and with a budget a chunk is
        cut to what the time left allows at the pace of the one before.

        Returns
        -------
        bool
            Whether the run has finished.
        """
        started = time.perf_counter()
        per_epoch = 0.0
        while not self.done:
            run = len(self.errors)
            if run >= self.epochs or self.diverged:
                self.errors.append(self.model.error(self.params, self.X, self.labels))
                self.done = True
                break
            count = min(CHUNK_EPOCHS - run % CHUNK_EPOCHS, self.epochs - run)
            if budget is not None and per_epoch > 0:
                # A chunk that fits in what is left of the budget, at the last chunk's pace: the
                # move is answered on time, however slow an epoch is (16 units, a busy machine).
                left = budget - (time.perf_counter() - started)
                count = max(1, min(count, int(left / per_epoch)))
            chunk_started = time.perf_counter()
            params, errors = self.model.train(self.params, self.X, self.labels, self.eta, count)
            per_epoch = (time.perf_counter() - chunk_started) / count
            first = self.errors[0] if self.errors else errors[0]
            exploded = np.flatnonzero(~(errors <= EXPLOSION_FACTOR * first))
            if exploded.size:
                # The run stops at the weights whose loss exploded: the chunk again, that far.
                count = int(exploded[0])
                params, errors = self.model.train(self.params, self.X, self.labels, self.eta, count)
                self.diverged = True
            self.errors.extend(errors.tolist())
            self.params = params
            if not self.diverged and len(self.errors) % SNAPSHOT_EVERY == 0:
                self.snapshots[len(self.errors)] = _copy(params)
            if budget is not None and time.perf_counter() - started > budget:
                break
        return self.done


def _copy(params: dict) -> dict:
    return {name: np.array(value, copy=True) for name, value in params.items()}


def accuracy(model: Classifier, params: dict, points: Blobs) -> float:
    """The fraction of ``points`` whose most probable class is their own."""
    predicted = np.argmax(model.probabilities(params, points.X), axis=1)
    return float(np.mean(predicted == points.labels))


PLATEAU = 0.01
"""A loss that falls by less than this fraction over the last fifth of a run has stalled."""
SETTLED = 0.001
"""A loss that changes by less than this fraction over the last tenth of a run has converged."""
OVERFIT = 0.05
"""Training accuracy this far above the accuracy on fresh points is overfitting."""
UNSTEADY = 0.05
"""A loss that rose in at least this fraction of the last fifth's epochs is unsteady."""
ROUNDING = 1e-9
"""A rise smaller than this fraction of the loss is rounding, not a rise (lesson 11's rule)."""


def describe_run(
    training: Training,
    train_accuracy: float,
    fresh_accuracy: float,
    data: str,
) -> str:
    """What a finished run did, in words: diverged, unsteady, overfitting, stalled, converged
    or still learning, with the numbers that say so."""
    errors = np.asarray(training.errors)
    scores = (
        f"{100 * train_accuracy:.0f}% of training points and {100 * fresh_accuracy:.0f}% of "
        f"fresh ones classified right"
    )
    if training.diverged or not errors[-1] <= errors[0]:
        stopped = (
            f"training stopped after {training.epochs_run} epochs"
            if training.diverged
            else f"it ended at {errors[-1]:.3g}"
        )
        return (
            f"Diverged: the loss grew from {errors[0]:.3g} ({stopped}): η is too large for "
            f"this loss here; {scores}."
        )
    run = len(errors) - 1
    last_fifth = max(run // 5, 1)
    recent = errors[-1 - last_fifth :]
    rises = int(np.sum(np.diff(recent) > ROUNDING * recent[:-1]))
    if run >= 10 and rises >= max(2, UNSTEADY * last_fifth):
        return (
            f"Unsteady: the loss rose in {rises} of the last {last_fifth} epochs: η is past "
            f"the edge for this model where it is now (at a rate where it only falls, it "
            f"would fall more surely); it ended at {100 * errors[-1] / errors[0]:.2g}% of its "
            f"start; {scores}."
        )
    if train_accuracy - fresh_accuracy >= OVERFIT:
        return (
            f"Overfitting: {scores}: the boundary follows the training points more closely "
            f"than the distribution they came from."
        )
    if run < 10:
        return f"Too few epochs to tell ({run}): {scores}."
    fall = (errors[-1 - last_fifth] - errors[-1]) / errors[-1 - last_fifth]
    settled = abs(errors[-1 - max(run // 10, 1)] - errors[-1]) / errors[-1]
    if fall < PLATEAU and train_accuracy < 0.9:
        by = "less than 0.01%" if fall < 1e-4 else f"only {100 * fall:.2g}%"
        return (
            f"Stalled: the loss fell by {by} over the last {last_fifth} epochs, with "
            f"{100 * (1 - train_accuracy):.0f}% of training points still wrong "
            f"({why_stalled(training.model, data)}); {scores}."
        )
    if settled < SETTLED:
        return (
            f"Converged: the loss changed by less than 0.1% over the last tenth of the run; "
            f"{scores}."
        )
    return (
        f"Still learning: the loss fell by {100 * fall:.2g}% over the last {last_fifth} epochs; "
        f"{scores}."
    )


def why_stalled(model: Classifier, data: str) -> str:
    """Why a run may stop short of classifying the training points, as far as the model and
    the data tell."""
    if model.model == "hidden" and model.units == 1:
        return "one tanh unit is one step across a line: the border it draws is straight"
    if model.model != "hidden" and data in ("rings", "moons"):
        return f"no straight boundary separates two {data}"
    kind = "network" if model.model == "hidden" else "model"
    return f"on a plateau, or as well as this {kind} can do on these data"
