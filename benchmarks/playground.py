"""How fast the playground answers, against the naive version, and what makes it fast.

    make bench            # or: .venv/bin/python benchmarks/playground.py [--no-browser]

Prints medians over repetitions; every ratio compares figures measured in this same run, since
the machines are shared and absolute times drift. Nothing here asserts: it is a report.

1. Training time for N in {200, 10⁴, 10⁶}, 300 epochs: a learner-style numpy loop,
   mlcourse.train, and ErrorSurface (one pass over the data, then the closed-form trajectory).
2. Kernel time per move: from setting η (β, epochs) to the new picture's bytes or marks, for
   the playground drawn as PNG and in the browser, and for the naive version
   (interactive_output re-rendering an inline matplotlib figure); and the full redraw when the
   data change.
3. Classifier playground in the kernel: a move's first answer (one chunk of training) and the
   whole run, N = 1,000, 1,000 epochs, for the single-layer models and for lesson 11's hidden
   layer of 16 tanh units on the moons, with the cost of ``train_classifier`` alone.
4. Slider latency in JupyterLab (headless chromium): from the key press to the new frame (the
   new PNG loaded, or the browser's drawing of the marks shown), median and p90; for the
   classifier playground, the first frame of the new run.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import nbformat
import numpy as np

import mlcourse as mc
from mlcourse.playground import ClassifierPlayground, Playground
from mlcourse.playground.classifier_training import make_points

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
START = (-2.5, 1.9)


def median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def learner_loop(x, y, w1, w0, eta, epochs):
    """The training loop as a learner writes it in lesson 4, with plain numpy."""
    errors = []
    for _ in range(epochs):
        y_hat = w1 * x + w0 * 1
        errors.append(0.5 * np.sum((y - y_hat) ** 2))
        dE_dw1 = -np.sum((y - y_hat) * x)
        dE_dw0 = -np.sum(y - y_hat)
        w1, w0 = w1 - eta * dE_dw1, w0 - eta * dE_dw0
    return w1, w0, errors


def training_times() -> None:
    print("\n## Training, 300 epochs (median seconds; η safely below η_crit for each N)")
    print(
        f"{'N':>9} {'learner loop':>13} {'mc.train':>10} {'surface: build':>15} "
        f"{'trajectory':>11} {'loop/(build+traj.)':>19} {'loop/traj.':>11}"
    )
    for n, repeat in ((200, 30), (10_000, 10), (1_000_000, 3)):
        data = mc.make_linear_data(n=n, seed=0)
        eta = 0.5 * mc.critical_learning_rate(data.x)
        run = functools.partial
        loop = median_seconds(run(learner_loop, data.x, data.y, *START, eta, 300), repeat)
        package = median_seconds(run(mc.train, data.x, data.y, *START, eta=eta), repeat)
        build = median_seconds(run(mc.ErrorSurface, data.x, data.y), repeat)
        surface = mc.ErrorSurface(data.x, data.y)
        trajectory = median_seconds(run(surface.trajectory, *START, eta=eta), max(repeat, 30))
        print(
            f"{n:9,d} {loop:13.5f} {package:10.5f} {build:15.5f} {trajectory:11.6f} "
            f"{loop / (build + trajectory):18.0f}× {loop / trajectory:10.0f}×"
        )
        per_epoch = loop / 300
        if n == 1_000_000:
            print(f"          learner loop: {per_epoch * 1e3:.2f} ms per epoch at N = 10⁶")


def naive_render(data, eta, epochs):
    """What the naive playground does on every move: a new pyplot figure, rendered to PNG."""
    history = mc.train(data.x, data.y, *START, eta=eta, epochs=epochs, warn=False)
    figure, (ax_line, ax_error, ax_surface) = plt.subplots(1, 3, figsize=(12, 3.6), dpi=80)
    ax_line.scatter(data.x[:2000], data.y[:2000], s=8)
    ax_line.plot([0, 1], [history.w0, history.w1 + history.w0])
    ax_error.semilogy(history.errors)
    mc.plots.plot_error_surface(data.x, data.y, path=history.weights, ax=ax_surface)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def kernel_latency() -> None:
    print(
        "\n## Kernel time per move (median ms): η moved to a slider stop, new picture sent "
        "(a PNG, or the marks drawn in the browser); β or epochs moved (the browser drawing "
        "then also recomputes the runs for all 126 stops of the η slider)"
    )
    print(
        f"{'N':>9} {'epochs':>7} {'naive inline':>13} {'PNG':>7} {'browser':>8} "
        f"{'β (PNG)':>8} {'β (browser)':>12} {'epochs (browser)':>17}"
    )
    for n, epochs in ((200, 300), (200, 5000), (1_000_000, 300), (1_000_000, 5000)):
        data = mc.make_linear_data(n=n, seed=0)
        critical = mc.critical_learning_rate(data.x)
        # The naive version trains the learner's way: at N = 10⁶ one move takes seconds to a
        # minute (see the training table), so it is timed at N = 200 only.
        naive = (
            statistics.median(
                _timed(functools.partial(naive_render, data, rate * critical, epochs))
                for rate in np.geomspace(0.013, 0.66, 8)
            )
            if n == 200
            else float("nan")
        )
        naive_ms = f"{naive * 1e3:13.1f}" if n == 200 else f"{'(N = 200 only)':>13}"
        row = [f"{n:9,d} {epochs:7d} {naive_ms}"]
        moves = {}
        for drawing in ("png", "browser"):
            pg = Playground(n=n, epochs=epochs, start=START, drawing=drawing)
            stops = pg.rate_grid()[10:110:4]  # 0.016 to 1.6 × η_crit
            moves[drawing, "η"] = statistics.median(
                _timed(functools.partial(setattr, pg.rate, "value", rate)) for rate in stops
            )
            pg.rate.value = pg.rate_grid()[85]  # 0.5 × η_crit
            moves[drawing, "β"] = statistics.median(
                _timed(functools.partial(setattr, pg.momentum, "value", beta))
                for beta in np.linspace(0.1, 0.9, 9)
            )
            pg.momentum.value = 0.0
            moves[drawing, "epochs"] = statistics.median(
                _timed(functools.partial(setattr, pg.epochs, "value", epochs - k))
                for k in range(1, 6)
            )
        row.append(
            f"{moves['png', 'η'] * 1e3:7.1f} {moves['browser', 'η'] * 1e3:8.1f} "
            f"{moves['png', 'β'] * 1e3:8.1f} {moves['browser', 'β'] * 1e3:12.1f} "
            f"{moves['browser', 'epochs'] * 1e3:17.1f}"
        )
        print(" ".join(row))
    seeds = range(1, 6)
    for n in (200, 1_000_000):
        for drawing in ("png", "browser"):
            pg = Playground(n=n, start=START, drawing=drawing)
            redraw = statistics.median(
                _timed(functools.partial(setattr, pg.seed, "value", seed)) for seed in seeds
            )
            print(f"{n:9,d}  new data (seed changed), {drawing}: full redraw {redraw * 1e3:.1f} ms")
    print(f"load average: {os.getloadavg()[0]:.2f} (1 min)")


def classifier_kernel_time() -> None:
    print(
        "\n## Classifier playground in the kernel, N = 1,000, 1,000 epochs (median ms): a move "
        "of η answered after one chunk (the kernel then hears the next move); the whole run"
    )
    print(f"{'model, loss':34s} {'first answer':>13} {'whole run':>10} {'per epoch':>10}")
    settings = [
        (data, model, loss, 1)
        for data, model in (("two blobs", "sigmoid"), ("three blobs", "softmax"))
        for loss in ("sse", "cross-entropy")
    ]
    settings.append(("moons", "hidden", "cross-entropy", 16))
    for data, model, loss, units in settings:
        pg = ClassifierPlayground(
            data=data, model=model, loss=loss, units=units, n=1_000, epochs=1_000
        )
        answers, wholes = [], []

        async def moves(pg=pg, answers=answers, wholes=wholes):
            for rate in (0.2, 0.3, 0.5, 0.7, 1.0):
                started = time.perf_counter()
                pg.rate.value = rate
                answers.append(time.perf_counter() - started)
                while not pg.training.done:
                    await asyncio.sleep(0)
                wholes.append(time.perf_counter() - started)

        asyncio.run(moves())
        per_epoch = statistics.median(wholes) / 1_000
        name = f"hidden layer of {units}, {loss}" if model == "hidden" else f"{model}, {loss}"
        print(
            f"{name:34s} {statistics.median(answers) * 1e3:13.1f} "
            f"{statistics.median(wholes) * 1e3:10.0f} {per_epoch * 1e6:8.0f} µs"
        )
    points = make_points("moons", 1_000, 0.2, 0)
    start = mc.init_classifier(inputs=2, hidden=16, classes=2, seed=0)
    one_go = median_seconds(
        functools.partial(mc.train_classifier, points.X, points.labels, start, 1e-3, 1_000), 3
    )
    print(f"train_classifier alone, 16 units, 1,000 epochs in one call: {one_go * 1e3:.0f} ms")
    print(f"load average: {os.getloadavg()[0]:.2f} (1 min)")


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


NAIVE_CELL = """import matplotlib.pyplot as plt
import ipywidgets as widgets
import mlcourse as mc
from mlcourse import plots

data = mc.make_linear_data(n=200, seed=0)
eta = widgets.FloatLogSlider(value=0.001, base=10, min=-7, max=1, step=0.02)
eta.add_class("naive-eta")


def show(eta):
    history = mc.train(data.x, data.y, -2.5, 1.9, eta=eta, epochs=300, warn=False)
    figure, (a, b, c) = plt.subplots(1, 3, figsize=(12, 3.6), dpi=80)
    a.scatter(data.x, data.y, s=8)
    a.plot([0, 1], [history.w0, history.w1 + history.w0])
    b.semilogy(history.errors)
    plots.plot_error_surface(data.x, data.y, path=history.weights, ax=c)
    plt.show()


out = widgets.interactive_output(show, {"eta": eta})
out.add_class("naive-out")
display(widgets.VBox([eta, out]))"""

OURS_CELL = """from mlcourse.playground import ClassifierPlayground, Playground

for drawing in ("png", "browser"):
    for label, n, eta, epochs in (("small", 200, 0.001, 300), ("big", 1_000_000, 1e-7, 5000)):
        pg = Playground(n=n, eta=eta, epochs=epochs, start=(-2.5, 1.9), drawing=drawing)
        pg.widget.add_class(f"bench-{drawing}-{label}")
        display(pg)
classifier = ClassifierPlayground(data="three blobs", model="softmax", n=1_000, epochs=1_000)
classifier.widget.add_class("bench-classifier")
display(classifier)
hidden = ClassifierPlayground(data="moons", model="hidden", units=16, n=1_000, epochs=1_000)
hidden.widget.add_class("bench-hidden")
display(hidden)"""


def browser_latency(presses: int = 30, naive_presses: int = 10) -> None:
    import jupyter_browser as jb

    print(
        "\n## Slider latency in JupyterLab, key press to new frame "
        "(PNG loaded, or marks drawn: the animation frame that shows them), ms"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        notebook = work / "src" / "bench.ipynb"
        notebook.parent.mkdir()
        nb = nbformat.v4.new_notebook()
        setup = "%matplotlib inline"
        nb.cells = [nbformat.v4.new_code_cell(source) for source in (setup, NAIVE_CELL, OURS_CELL)]
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(nb, notebook)
        with jb.server("lab", notebook, work) as url, jb.browser(work / "profile") as page:
            jb.run_all(page, "lab", url)
            page.wait_for_selector(".bench-browser-big .mlcourse-plot svg", timeout=120_000)
            page.wait_for_selector(".naive-out img", timeout=120_000)
            rows = [
                ("naive inline, N = 200, 300 epochs", ".naive-out", ".naive-eta", naive_presses)
            ]
            for drawing, name in (("png", "PNG per move"), ("browser", "drawn in the browser")):
                for label, n, epochs in (("small", "200", "300"), ("big", "10⁶", "5,000")):
                    rows.append(
                        (
                            f"{name}, N = {n}, {epochs} epochs",
                            f".bench-{drawing}-{label} .mlcourse-plot",
                            f".bench-{drawing}-{label} .mlcourse-eta",
                            presses,
                        )
                    )
            for label, name in (("classifier", "softmax"), ("hidden", "hidden layer of 16")):
                rows.append(
                    (
                        f"classifier, {name}, N = 1,000, 1,000 epochs",
                        f".bench-{label} .mlcourse-plot",
                        f".bench-{label} .mlcourse-eta",
                        presses,
                    )
                )
            print(f"{'':44s} {'median':>7} {'p90':>6} {'n':>4}")
            medians = {}
            for label, view, slider, count in rows:
                page.locator(view).first.scroll_into_view_if_needed()
                jb.instrument(page, view)
                handle = page.locator(f"{slider} .noUi-handle")
                latencies = [
                    jb.press_and_wait(page, handle, key, timeout_ms=30_000)
                    for key in ["ArrowRight"] * count + ["ArrowLeft"] * count
                ]
                medians[label] = statistics.median(latencies)
                print(
                    f"{label:44s} {medians[label]:7.1f} {np.percentile(latencies, 90):6.1f} "
                    f"{len(latencies):4d}"
                )
                page.wait_for_timeout(2_000)  # a retraining ends before the next row
            for size in ("N = 200, 300 epochs", "N = 10⁶, 5,000 epochs"):
                png, ours = (
                    medians[f"PNG per move, {size}"],
                    medians[f"drawn in the browser, {size}"],
                )
                print(f"PNG / browser at {size}: {png / ours:.1f}×")
            print(f"load average: {os.getloadavg()[0]:.2f} (1 min)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the JupyterLab part")
    arguments = parser.parse_args()
    training_times()
    kernel_latency()
    classifier_kernel_time()
    if not arguments.no_browser:
        browser_latency()


if __name__ == "__main__":
    main()
