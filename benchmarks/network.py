"""How well and how fast the defaults of lessons 8–10 fit their data.

    .venv/bin/python benchmarks/network.py

Prints medians over repetitions; nothing here asserts: it is a report.

1. Lesson 10: the best line's SSE (its error floor) against the MLP trained with the defaults
   (``train_mlp(x, y, init_mlp())`` on ``make_curve_data()``), against the noise alone (the SSE
   of the true curve), for several seeds; the training time and the error after chosen epochs.
2. The same data and default start for other widths H.
3. Lesson 9: softmax regression from zero weights by ``softmax_gradients`` on ``make_blobs()``.
4. Lesson 8: the best possible classifier of ``make_two_classes()`` (σ(8x)) and its accuracy.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

import mlcourse as mc


def best_line_sse(x: np.ndarray, y: np.ndarray) -> float:
    w1, w0 = mc.least_squares(x, y)
    return mc.sse(y, w1 * x + w0)


def median_seconds(function, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def lesson_10() -> None:
    print("Lesson 10: make_curve_data() (n = 100, noise 0.1), init_mlp(seed), train_mlp defaults")
    print(
        f"{'seed':>4} {'line SSE':>9} {'MLP start':>9} {'MLP SSE':>8} {'noise SSE':>9} {'ratio':>6}"
    )
    for seed in range(5):
        data = mc.make_curve_data(seed=seed)
        history = mc.train_mlp(data.x, data.y, mc.init_mlp(seed=seed))
        line = best_line_sse(data.x, data.y)
        noise = mc.sse(data.y, mc.true_curve(data.x))
        print(
            f"{seed:>4} {line:>9.2f} {history.errors[0]:>9.2f} {history.final_error:>8.3f} "
            f"{noise:>9.3f} {line / history.final_error:>5.0f}x"
        )
    data = mc.make_curve_data(seed=0)
    params = mc.init_mlp()
    seconds = median_seconds(lambda: mc.train_mlp(data.x, data.y, params))
    print(f"train_mlp, 5000 epochs: {seconds:.3f} s median ({seconds / 5000 * 1e6:.0f} µs/epoch)")
    history = mc.train_mlp(data.x, data.y, params)
    marks = [0, 100, 300, 1000, 2000, 3000, 4000]
    print(
        "SSE after k epochs (seed 0): " + ", ".join(f"{k}: {history.errors[k]:.2f}" for k in marks)
    )
    print()
    print("Other widths H (seed 0..4, final SSE after the default 5000 epochs):")
    for hidden in (1, 2, 3, 4, 8, 16):
        finals = [
            mc.train_mlp(d.x, d.y, mc.init_mlp(hidden=hidden, seed=s)).final_error
            for s, d in ((s, mc.make_curve_data(seed=s)) for s in range(5))
        ]
        print(f"  H = {hidden:>2}: " + " ".join(f"{e:6.2f}" for e in finals))
    print()


def lesson_9() -> None:
    data = mc.make_blobs(seed=0)
    W, b = np.zeros((2, 3)), np.zeros(3)
    start = mc.softmax_regression_error(data.X, data.labels, W, b)
    eta, epochs = 0.01, 200
    for _ in range(epochs):
        dW, db = mc.softmax_gradients(data.X, data.labels, W, b)
        W, b = W - eta * dW, b - eta * db
    error = mc.softmax_regression_error(data.X, data.labels, W, b)
    accuracy = np.mean(np.argmax(mc.class_probabilities(data.X, W, b), axis=1) == data.labels)
    print(
        f"Lesson 9: make_blobs() (3 x 50), zero start, eta = {eta}, {epochs} epochs: cross-entropy "
        f"{start:.1f} -> {error:.2f}, accuracy {accuracy:.3f}"
    )


def lesson_8() -> None:
    data = mc.make_two_classes(seed=0)
    best = mc.binary_cross_entropy_from_logits(data.y, 8.0 * data.x)
    accuracy = np.mean((data.x > 0) == (data.y == 1))
    print(
        f"Lesson 8: make_two_classes() (n = 200): the Bayes classifier σ(8x) has cross-entropy "
        f"{best:.1f} and accuracy {accuracy:.3f}"
    )


if __name__ == "__main__":
    lesson_10()
    lesson_9()
    lesson_8()
