"""The classifier playground's models, training and words, against plain loops, finite
differences and the bounds their rates rely on."""

import math

import numpy as np
import pytest

import mlcourse as mc
from mlcourse.playground.classifier_training import (
    CURVATURE_BOUND,
    EXPLOSION_FACTOR,
    HiddenLayerClassifier,
    LinearClassifier,
    Training,
    accuracy,
    confidently_wrong_start,
    describe_run,
    fresh_points,
    make_points,
    reference_rate,
)

COMBINATIONS = [
    ("sigmoid", "sse"),
    ("sigmoid", "cross-entropy"),
    ("softmax", "sse"),
    ("softmax", "cross-entropy"),
]


def sigma(z):
    return 1 / (1 + math.exp(-z))


def plain_loss(model, loss, params, X, labels):
    """The loss written point by point, as a learner would."""
    total = 0.0
    for x, label in zip(X, labels, strict=True):
        scores = [float(x @ params["W"][:, k] + params["b"][k]) for k in range(params["b"].size)]
        if model == "sigmoid":
            p = [1 - sigma(scores[0]), sigma(scores[0])]
        else:
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            p = [e / sum(exps) for e in exps]
        if loss == "cross-entropy":
            total -= math.log(p[label])
        elif model == "sigmoid":
            total += 0.5 * (label - p[1]) ** 2
        else:
            total += 0.5 * sum((float(k == label) - p[k]) ** 2 for k in range(len(p)))
    return total


@pytest.fixture(scope="module")
def small():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(12, 2))
    return X, rng.integers(0, 3, 12), rng.integers(0, 2, 12)


@pytest.mark.parametrize(("model", "loss"), COMBINATIONS)
def test_loss_is_the_plain_sum_and_gradients_are_its_finite_differences(small, model, loss):
    X, three, two = small
    labels = two if model == "sigmoid" else three
    classifier = LinearClassifier(model, loss, 2 if model == "sigmoid" else 3, seed=1)
    params = classifier.initial()
    params = {
        name: value + np.random.default_rng(2).normal(size=value.shape)
        for name, value in params.items()
    }
    error, gradients = classifier.loss_and_gradients(params, X, labels)
    assert error == pytest.approx(plain_loss(model, loss, params, X, labels), rel=1e-12)
    h = 1e-6
    for name, value in params.items():
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            up = {k: v.copy() for k, v in params.items()}
            down = {k: v.copy() for k, v in params.items()}
            up[name][index] += h
            down[name][index] -= h
            numeric[index] = (
                plain_loss(model, loss, up, X, labels) - plain_loss(model, loss, down, X, labels)
            ) / (2 * h)
        np.testing.assert_allclose(gradients[name], numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(("model", "loss"), COMBINATIONS)
def test_the_curvature_in_the_scores_never_exceeds_the_bound(model, loss):
    """η_ref rests on it: the second derivative of one point's loss in its scores."""
    rng = np.random.default_rng(3)
    classes = 2 if model == "sigmoid" else 3
    classifier = LinearClassifier(model, loss, classes)
    worst = 0.0
    h = 1e-4
    x = np.array([[1.0, 0.0]])  # score k is W[0, k] + b[k]: the weights W[0] are the scores
    for _ in range(300):
        z = rng.uniform(-6, 6, classifier.outputs)
        label = np.array([rng.integers(0, classes)])
        hessian = np.zeros((z.size, z.size))
        for i in range(z.size):
            for j in range(z.size):

                def at(di, dj, i=i, j=j, z=z, label=label):
                    w = z.copy()
                    w[i] += di
                    w[j] += dj
                    params = {"W": np.vstack([w, np.zeros_like(w)]), "b": np.zeros_like(w)}
                    return classifier.loss_and_gradients(params, x, label)[0]

                hessian[i, j] = (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h)
        worst = max(worst, np.abs(np.linalg.eigvalsh(hessian)).max())
    assert worst <= CURVATURE_BOUND[model] * (1 + 1e-4)
    if loss == "cross-entropy":  # the bound is reached (z = 0 for the sigmoid)
        assert worst > 0.9 * CURVATURE_BOUND[model] or model == "softmax"


@pytest.mark.parametrize(("model", "loss"), COMBINATIONS)
def test_below_the_reference_rate_every_step_lowers_the_loss(model, loss):
    points = make_points("two blobs" if model == "sigmoid" else "three blobs", 200, 1.0, 0)
    X = points.X * 3 + 1  # far from centred: a narrow valley
    reference = reference_rate(model, X)
    augmented = np.column_stack([X, np.ones(len(X))])
    expected = 2 / (CURVATURE_BOUND[model] * np.linalg.eigvalsh(augmented.T @ augmented)[-1])
    assert reference == pytest.approx(expected)
    classes = 2 if model == "sigmoid" else 3
    run = Training(LinearClassifier(model, loss, classes), X, points.labels, 0.99 * reference, 300)
    run.advance()
    assert np.all(np.diff(run.errors) <= 1e-9 * np.abs(run.errors[:-1]))
    if loss == "sse":
        return  # the SSE of probabilities is bounded: far above η_ref it saturates instead
    # Far above it the cross-entropy does not keep falling.
    wild = Training(LinearClassifier(model, loss, classes), X, points.labels, 30 * reference, 300)
    wild.advance()
    assert np.any(np.diff(wild.errors) > 0)


def gradient_descent_by_hand(model, loss, X, labels, eta, epochs):
    classifier = LinearClassifier(model, loss, int(labels.max()) + 1)
    params = classifier.initial()
    errors = []
    for _ in range(epochs):
        error, gradients = classifier.loss_and_gradients(params, X, labels)
        errors.append(error)
        params = {name: params[name] - eta * gradients[name] for name in params}
    errors.append(classifier.loss_and_gradients(params, X, labels)[0])
    return params, errors


@pytest.fixture(scope="module")
def blobs():
    return make_points("three blobs", 300, 0.8, 0)


def test_training_in_chunks_is_gradient_descent(blobs):
    eta = 0.5 * reference_rate("softmax", blobs.X)
    params, errors = gradient_descent_by_hand("softmax", "sse", blobs.X, blobs.labels, eta, 120)
    run = Training(LinearClassifier("softmax", "sse", 3), blobs.X, blobs.labels, eta, 120)
    chunks = 0
    while not run.advance(budget=0.0):  # the smallest chunk: CHUNK_EPOCHS
        chunks += 1
    assert chunks >= 4
    np.testing.assert_allclose(run.errors, errors, rtol=1e-12)
    np.testing.assert_allclose(run.params["W"], params["W"], rtol=1e-12)
    assert run.epochs_run == 120 and run.done


@pytest.mark.parametrize("epochs", [37, 120, 260])
def test_fewer_or_more_epochs_give_the_run_of_that_many(blobs, epochs):
    eta = 0.5 * reference_rate("softmax", blobs.X)
    params, errors = gradient_descent_by_hand(
        "softmax", "cross-entropy", blobs.X, blobs.labels, eta, epochs
    )
    run = Training(LinearClassifier("softmax", "cross-entropy", 3), blobs.X, blobs.labels, eta, 150)
    run.advance()
    run.retarget(epochs)
    run.advance()
    np.testing.assert_allclose(run.errors, errors, rtol=1e-12)
    np.testing.assert_allclose(run.params["b"], params["b"], rtol=1e-12, atol=1e-15)


def test_an_exploding_run_stops_and_says_so():
    points = make_points("two blobs", 100, 1.0, 0)
    X = points.X * 1e3
    run = Training(LinearClassifier("sigmoid", "cross-entropy", 2), X, points.labels, 1e6, 500)
    run.advance()
    assert run.diverged and run.done and run.epochs_run < 500
    assert not run.errors[-1] <= EXPLOSION_FACTOR * run.errors[0]
    assert describe_run(run, 0.5, 0.5, "two blobs").startswith(
        f"Diverged: the loss grew from {run.errors[0]:.3g} (training stopped after "
        f"{run.epochs_run} epochs)"
    )


def test_accuracy_counts_the_points_given_their_own_class(blobs):
    classifier = LinearClassifier("softmax", "cross-entropy", 3)
    params = {"W": np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 0.0]]), "b": np.zeros(3)}
    scores = blobs.X @ params["W"]
    expected = np.mean(
        [np.argmax(row) == label for row, label in zip(scores, blobs.labels, strict=True)]
    )
    assert accuracy(classifier, params, blobs) == pytest.approx(expected)


def test_fresh_points_come_from_the_same_distribution_but_are_others():
    train, fresh = make_points("rings", 200, 0.15, 4), fresh_points("rings", 200, 0.15, 4)
    assert len(fresh.labels) == 500 and not np.isin(fresh.X[:, 0], train.X[:, 0]).any()
    radius = np.hypot(*fresh.X.T)
    assert abs(np.mean(radius[fresh.labels == 0]) - 1) < 0.05


def run_with(errors, diverged=False):
    run = Training(
        LinearClassifier("sigmoid", "sse", 2), np.zeros((2, 2)), np.array([0, 1]), 0.1, 1
    )
    run.errors, run.diverged, run.done = list(errors), diverged, True
    return run


@pytest.mark.parametrize(
    ("errors", "train", "fresh", "data", "start"),
    [
        (np.linspace(100, 10, 101), 0.97, 0.80, "two blobs", "Overfitting: 97% of training"),
        (
            np.full(101, 50.0),
            0.52,
            0.5,
            "rings",
            "Stalled: the loss fell by less than 0.01% over the last 20 epochs, with 48% of "
            "training points still wrong (no straight boundary separates two rings)",
        ),
        (
            np.full(101, 50.0),
            0.6,
            0.6,
            "two blobs",
            "Stalled: the loss fell by less than 0.01% over the last 20 epochs, with 40% of "
            "training points still wrong (on a plateau, or as well as this model can do on "
            "these data)",
        ),
        (
            np.append(np.linspace(100, 10, 90), np.full(11, 10.0)),
            0.97,
            0.96,
            "two blobs",
            "Converged: the loss changed by less than 0.1%",
        ),
        (np.linspace(100, 10, 101), 0.97, 0.96, "two blobs", "Still learning: the loss fell by"),
        (
            np.append(np.linspace(100, 50, 80), np.linspace(50, 49.9, 21)),
            0.7,
            0.7,
            "two blobs",
            "Stalled: the loss fell by only 0.2% over the last 20 epochs, with 30% of",
        ),
        (
            [10.0, 20.0, 30.0],
            0.5,
            0.5,
            "two blobs",
            "Diverged: the loss grew from 10 (it ended at 30)",
        ),
        # Up every other epoch over the last fifth: past the edge.
        (
            np.append(
                np.linspace(100, 50, 81), 50 - 0.01 * np.arange(20) + 0.5 * (np.arange(20) % 2)
            ),
            0.97,
            0.96,
            "moons",
            "Unsteady: the loss rose in 10 of the last 20 epochs",
        ),
        # Rises of a part in 10¹² are rounding (lesson 11's rule), not an unsteady run.
        (
            np.append(np.linspace(100, 50, 81), 50 * (1 + 1e-12 * (np.arange(20) % 2))),
            0.97,
            0.96,
            "moons",
            "Converged",
        ),
    ],
)
def test_every_verdict(errors, train, fresh, data, start):
    assert describe_run(run_with(errors), train, fresh, data).startswith(start)


def test_a_confidently_wrong_start_scores_each_class_mean_wrong_by_eight():
    two = make_points("two blobs", 200, 1.0, 0)
    start = confidently_wrong_start("sigmoid", two.X, two.labels)
    means = [two.X[two.labels == k].mean(axis=0) for k in (0, 1)]
    scores = [float(m @ start["W"][:, 0] + start["b"][0]) for m in means]
    np.testing.assert_allclose(scores, [8.0, -8.0])  # class 0 called 1, class 1 called 0
    three = make_points("three blobs", 300, 0.8, 0)
    start = confidently_wrong_start("softmax", three.X, three.labels)
    for k in range(3):
        z = three.X[three.labels == k].mean(axis=0) @ start["W"] + start["b"]
        assert np.argmin(z) == k and np.mean(np.delete(z, k)) - z[k] > 5


@pytest.fixture(scope="module")
def moons():
    return make_points("moons", 200, 0.2, 0)


def test_the_hidden_layer_in_chunks_is_lesson_11s_training_in_one_go(moons):
    start = mc.init_classifier(inputs=2, hidden=16, classes=2, seed=3)
    params, errors = mc.train_classifier(moons.X, moons.labels, start, 0.002, 130)
    run = Training(HiddenLayerClassifier(2, 16, seed=3), moons.X, moons.labels, 0.002, 130)
    chunks = 0
    while not run.advance(budget=0.0):
        chunks += 1
    assert chunks >= 4
    final = mc.classifier_error(moons.X, moons.labels, params)
    np.testing.assert_allclose(run.errors, [*errors, final], rtol=1e-12)
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_allclose(run.params[name], params[name], rtol=1e-12)
    run.retarget(70)  # fewer: from the snapshot at 50, the same descent
    run.advance()
    np.testing.assert_allclose(run.errors[:-1], errors[:70], rtol=1e-12)
    assert run.epochs_run == 70


@pytest.mark.parametrize("units", [4, 16])
def test_the_hidden_layers_reference_rate_is_its_critical_rate_at_the_start(moons, units):
    """2/λ_max of the whole network's Hessian (all 2H + H + 2H + 2 parameters), by finite
    differences of lesson 11's gradients, as lesson 11 computes it."""
    model = HiddenLayerClassifier(2, units, seed=0)
    start = model.initial()
    shapes = {name: value.shape for name, value in start.items()}
    sizes = np.cumsum([value.size for value in start.values()])[:-1]

    def gradient(theta):
        parts = np.split(theta, sizes)
        params = {
            name: part.reshape(shapes[name]) for name, part in zip(shapes, parts, strict=True)
        }
        grads = mc.classifier_gradients(moons.X, moons.labels, params)
        return np.concatenate([grads[name].ravel() for name in shapes])

    theta = np.concatenate([value.ravel() for value in start.values()])
    hessian = mc.numerical_hessian(gradient, theta)
    critical = 2 / np.linalg.eigvalsh((hessian + hessian.T) / 2).max()
    assert model.reference_rate(moons.X) == pytest.approx(critical, rel=0.1)


def hidden_run(data, n, noise, units, rate, epochs):
    points, fresh = make_points(data, n, noise, 0), fresh_points(data, n, noise, 0)
    model = HiddenLayerClassifier(int(points.labels.max()) + 1, units, seed=0)
    run = Training(model, points.X, points.labels, rate * model.reference_rate(points.X), epochs)
    run.advance()
    train, other = accuracy(model, run.params, points), accuracy(model, run.params, fresh)
    return run, describe_run(run, train, other, data)


@pytest.mark.parametrize(
    ("settings", "start"),
    [
        # One unit is one tanh step across a line: on the moons it stops at a straight border.
        (
            ("moons", 200, 0.2, 1, 0.1, 1000),
            "Stalled: the loss fell by only 0.25% over the last 200 epochs, with 14% of training "
            "points still wrong (one tanh unit is one step across a line: the border it draws "
            "is straight)",
        ),
        # Two blobs overlap: the cross-entropy has a minimum, and one unit settles into it.
        (("two blobs", 200, 1.0, 1, 0.3, 1000), "Converged: the loss changed by less than 0.1%"),
        # Sixteen units on 100 noisy points learn the points' noise.
        (("moons", 100, 0.3, 16, 1.0, 3000), "Overfitting: 99% of training points and 90% of"),
        # Past the edge with one unit the loss ends above its start.
        (("three blobs", 200, 0.8, 1, 10**0.5, 100), "Diverged: the loss grew from 217"),
    ],
)
def test_the_hidden_layers_runs_in_words(settings, start):
    run, words = hidden_run(*settings)
    assert words.startswith(start)
    if start.startswith("Converged"):
        tenth = run.errors[-1 - len(run.errors) // 10]
        assert abs(tenth - run.errors[-1]) < 1e-3 * run.errors[-1]
    if start.startswith("Diverged"):
        assert run.errors[-1] > run.errors[0] and not run.diverged  # it never exploded
