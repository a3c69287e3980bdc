"""The playground in a real browser: JupyterLab, Notebook 7 and Voilà, driven by Playwright.

Each front end runs on its own loopback port with its own HOME; lesson 5 is opened and run, and
the η slider is moved with the keyboard, the mouse and the buttons. What the page draws is read
back (the path data of the line, the error curve and the path on the surface) and compared with
a run computed here with ``mlcourse.train``. A screenshot of every failure is saved under
test-artifacts/. Opting out is explicit: MLCOURSE_SKIP_BROWSER=1.
"""

import contextlib
import math
import os
import re
from pathlib import Path

import jupyter_browser as jb
import nbformat
import numpy as np
import pytest
from matplotlib.colors import to_rgb

from mlcourse import critical_learning_rate, make_linear_data, train
from mlcourse.playground import RATE_RANGE
from mlcourse.playground.browser_figure import pixels
from mlcourse.playground.classifier import CLASS_COLORS
from mlcourse.playground.classifier_training import LinearClassifier, Training, make_points

LESSON = Path(__file__).resolve().parent.parent / "notebooks" / "05_learning_rate.ipynb"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# Notebook 7 gives the arrow keys to its own shortcuts; PageUp/PageDown reach the slider.
STEP_KEY = {"lab": "ArrowRight", "notebook": "PageUp", "voila": "ArrowRight"}

pytestmark = pytest.mark.browser


def require_browser():
    if os.environ.get("MLCOURSE_SKIP_BROWSER") == "1":
        pytest.skip("browser tests opted out with MLCOURSE_SKIP_BROWSER=1")
    if not Path(jb.CHROMIUM).exists():
        pytest.fail(
            f"{jb.CHROMIUM} not found: `make test` installs Debian's chromium "
            f"(apt-get install chromium), or opt out with MLCOURSE_SKIP_BROWSER=1"
        )


@pytest.fixture(scope="module", params=jb.FRONT_ENDS)
def opened(request, tmp_path_factory):
    require_browser()
    front_end = request.param
    work = tmp_path_factory.mktemp(front_end)
    with jb.server(front_end, LESSON, work) as url, jb.browser(work / "profile") as page:
        with screenshot_on_failure(page, f"{front_end}-run-all"):
            jb.run_all(page, front_end, url)
            page.locator(".mlcourse-plot").scroll_into_view_if_needed()
            jb.instrument(page)
        yield front_end, page


@contextlib.contextmanager
def screenshot_on_failure(page, name):
    try:
        yield
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        raise


def picture(page):
    """The drawn path on the error surface, as path data."""
    return page.locator('.mlcourse-plot g[data-mark="path"] path.mlcourse-mark-line').get_attribute(
        "d"
    )


LESSON_DATA = make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=0)
_start = np.random.default_rng(seed=1)  # lesson 5's start, drawn as the lesson draws it
LESSON_START = (_start.uniform(-3, -2), _start.uniform(0, 2))


def points_of(path_data):
    """The vertices of SVG path data made of M and L commands, shape (m, 2)."""
    numbers = re.findall(r"-?[0-9.]+(?:e[-+]?[0-9]+)?", path_data)
    return np.array(numbers, dtype=float).reshape(-1, 2)


def panel_in_page(page, index):
    group = page.locator(f'.mlcourse-plot g.mlcourse-panel[data-panel="{index}"]')
    numbers = {name: group.get_attribute(f"data-{name}") for name in ("box", "x", "y")}
    panel = {name: [float(v) for v in value.split()] for name, value in numbers.items()}
    panel["xscale"] = group.get_attribute("data-xscale")
    panel["yscale"] = group.get_attribute("data-yscale")
    return panel


def assert_drawn_follows(drawn, panel, x, y):
    """Every vertex drawn is a point of the run, and every point of the run inside the panel
    lies within a pixel of a vertex drawn (lines are thinned to the pixels they cover)."""
    run = np.column_stack(pixels(panel, x, y))
    left, top, width, height = panel["box"]
    inside = (
        (run[:, 0] >= left)
        & (run[:, 0] <= left + width)
        & (run[:, 1] >= top)
        & (run[:, 1] <= top + height)
    )
    gaps = np.linalg.norm(drawn[:, None, :] - run[None, :, :], axis=2)
    assert gaps.min(axis=1).max() < 0.02  # drawn vertices are run points (to 2 decimals)
    assert gaps[:, inside].min(axis=0).max() < 0.75


def eta_handle(page):
    return page.locator(".mlcourse-eta .noUi-handle")


def test_runs_and_shows_the_lessons_run(opened):
    front_end, page = opened
    with screenshot_on_failure(page, f"{front_end}-initial"):
        assert jb.status_text(page).startswith("Converging: η = 0.13 × η_crit")
        critical = critical_learning_rate(make_linear_data(n=200, seed=0).x)
        assert f"{critical:.3g}" in page.locator(".mlcourse-critical").inner_text()


def test_keyboard_moves_eta_and_the_picture_follows(opened):
    front_end, page = opened
    with screenshot_on_failure(page, f"{front_end}-keyboard"):
        before_status, before_picture, before_eta = jb.status_text(page), picture(page), eta(page)
        for _ in range(3):
            jb.press_and_wait(page, eta_handle(page), STEP_KEY[front_end])
        wait_for_eta_change(page, before_eta)
        assert jb.status_text(page) != before_status
        assert picture(page) != before_picture


def test_what_is_drawn_follows_the_runs_numbers(opened):
    """After a key press the first frame (from the frames the kernel sent for every stop of the
    slider) draws the run of the η then shown: line, error curve and path, read back from the
    page and compared with mlcourse.train's run, mapped to pixels by each panel's limits."""
    front_end, page = opened
    with screenshot_on_failure(page, f"{front_end}-drawn"):
        jb.press_and_wait(page, eta_handle(page), "End")
        wait_for_status(page, "Diverging: η = 3.16 × η_crit")
        for key in ("Home", STEP_KEY[front_end]):
            before = eta(page)
            jb.press_and_wait(page, eta_handle(page), key)
            first = {name: points_of(d) for name, d in jb.first_frame_drawn(page).items()}
            wait_for_eta_change(page, before)
            run = train(LESSON_DATA.x, LESSON_DATA.y, *LESSON_START, eta=eta(page), epochs=300)
            assert run.errors[-1] < 0.5 * run.errors[0]  # a run that goes somewhere
            line_panel, curve_panel, surface_panel = (panel_in_page(page, i) for i in range(3))
            ends = np.array([0.0, 1.0])
            assert_drawn_follows(first["line"], line_panel, ends, run.w1 * ends + run.w0)
            errors = np.append(run.errors, run.final_error)
            assert_drawn_follows(first["error_curve"], curve_panel, np.arange(1, 302), errors)
            assert_drawn_follows(first["path"], surface_panel, *run.weights.T)
            # The kernel's own answer, drawn after, is the same run.
            assert_drawn_follows(points_of(picture(page)), surface_panel, *run.weights.T)
        # Equal scales on the surface: as many pixels per unit of w1 as of w0.
        _, _, width, height = surface_panel["box"]
        per_w1 = width / np.ptp(surface_panel["x"])
        per_w0 = height / np.ptp(surface_panel["y"])
        assert per_w1 == pytest.approx(per_w0, rel=1e-3)


def test_crossing_the_critical_rate_turns_convergence_into_divergence(opened):
    front_end, page = opened
    with screenshot_on_failure(page, f"{front_end}-cross"):
        jb.press_and_wait(page, eta_handle(page), "End")
        wait_for_status(page, "Diverging: η = 3.16 × η_crit")
        jb.press_and_wait(page, eta_handle(page), "Home")
        wait_for_status(page, "Converging: η = 0.01 × η_crit")


def eta(page):
    """η as the box beside the slider shows it."""
    return float(page.locator(".mlcourse-eta-value input").input_value())


def wait_for_eta_change(page, before, settle_ms=300):
    """Wait until the kernel has answered a move (η in the box changed), and for the rest of
    its answer (the status line and the picture come in the same breath)."""
    page.wait_for_function(
        "(before) => parseFloat(document.querySelector('.mlcourse-eta-value input').value)"
        " !== before",
        arg=before,
    )
    page.wait_for_timeout(settle_ms)


RECORD_RATES = """() => {
  // The rates the slider passes through (its readout, in the page) and the ones the kernel
  // answered (the status line), and how many frames were drawn meanwhile.
  window.__readouts = [];
  window.__rates = [];
  window.__frames = 0;
  const readout = document.querySelector('.mlcourse-eta .widget-readout');
  new MutationObserver(() => window.__readouts.push(parseFloat(readout.textContent)))
    .observe(readout, {childList: true, subtree: true, characterData: true});
  const status = document.querySelector('.mlcourse-status');
  new MutationObserver(() => {
    const found = /η = ([0-9.]+) × η_crit/.exec(status.innerText);
    if (found) window.__rates.push(parseFloat(found[1]));
  }).observe(status, {childList: true, subtree: true, characterData: true});
  document.querySelector('.mlcourse-plot')
    .addEventListener('mlcourse-frame', () => { window.__frames += 1; });
}"""


def test_dragging_across_half_the_track_passes_through_the_rates_that_matter(opened):
    """Half the track is half of the slider's decades: from 0.1 × η_crit (typed into the η box)
    to 1.78 × η_crit, on the way through the band the lessons explore (0.5 to 1 × η_crit), a
    frame drawn for each stop the handle passes, and the kernel's status following."""
    front_end, page = opened
    with screenshot_on_failure(page, f"{front_end}-drag"):
        critical = shown_critical_rate(page)
        box = page.locator(".mlcourse-eta-value input")
        box.fill(f"{0.1 * critical:.6g}")
        box.press("Enter")
        wait_for_status(page, "Converging: η = 0.10 × η_crit")
        # Typed, so the kernel drew it (no frame is held for a value between the stops).
        run = train(LESSON_DATA.x, LESSON_DATA.y, *LESSON_START, eta=eta(page), epochs=300)
        assert_drawn_follows(points_of(picture(page)), panel_in_page(page, 2), *run.weights.T)
        track = page.locator(".mlcourse-eta .noUi-target").bounding_box()["width"]
        page.evaluate(RECORD_RATES)
        jb.drag(page, eta_handle(page), track / 2, steps=40)
        decades = math.log10(RATE_RANGE[1] / RATE_RANGE[0])
        expected_end = 0.1 * 10 ** (decades / 2)
        readouts = page.evaluate("window.__readouts")
        assert readouts == sorted(readouts) and len(set(readouts)) >= 10
        assert sum(0.5 <= rate <= 1 for rate in readouts) >= 3
        assert readouts[-1] == pytest.approx(expected_end, rel=0.1)
        assert page.evaluate("window.__frames") >= 10
        # The kernel catches up with the last stop (status lines are rounded to 2 decimals).
        wait_for_status(page, f"Diverging: η = {readouts[-1]:.2f} × η_crit")
        rates = page.evaluate("window.__rates")
        assert rates == sorted(rates) and len(set(rates)) >= 2
        # The η box holds η = (η/η_crit)·η_crit.
        assert eta(page) / critical == pytest.approx(readouts[-1], rel=0.01)


def shown_critical_rate(page):
    return float(re.search(r"= ([0-9.e-]+)$", page.locator(".mlcourse-critical").inner_text())[1])


def shown_rate(page):
    return float(re.search(r"η = ([0-9.]+) × η_crit", jb.status_text(page))[1])


def test_buttons_move_eta_where_keys_cannot(opened):
    front_end, page = opened
    with screenshot_on_failure(page, f"{front_end}-buttons"):
        jb.press_and_wait(page, eta_handle(page), "Home")
        wait_for_status(page, "Converging: η = 0.01 × η_crit")
        before = eta(page)
        page.locator(".mlcourse-faster").click()
        wait_for_eta_change(page, before)
        # A tenth of a decade up, from 0.01 to 0.0126 × η_crit.
        assert eta(page) / shown_critical_rate(page) == pytest.approx(0.01 * 10**0.1, rel=0.01)
        assert float(page.locator(".mlcourse-eta .widget-readout").inner_text()) == pytest.approx(
            0.0126, abs=1e-4
        )


def test_momentum_slider_moves_the_run(opened):
    front_end, page = opened
    with screenshot_on_failure(page, f"{front_end}-momentum"):
        jb.press_and_wait(page, eta_handle(page), "Home")
        wait_for_status(page, "Converging: η = 0.01 × η_crit")
        before = picture(page)
        handle = page.locator(".mlcourse-momentum .noUi-handle")
        jb.press_and_wait(page, handle, STEP_KEY[front_end])
        wait_for_status(page, "Converging with momentum β = ")
        assert picture(page) != before


def wait_for_status(page, start):
    """Wait until the status line starts with ``start``."""
    page.wait_for_function(
        f"document.querySelector('.mlcourse-status').innerText.startsWith({start!r})"
    )


# The classifier playground ----------------------------------------------------------------

CLASSIFIER = {"data": "three blobs", "model": "softmax", "loss": "cross-entropy", "n": 200}


@pytest.fixture(scope="module", params=jb.FRONT_ENDS)
def classifier_opened(request, tmp_path_factory):
    require_browser()
    front_end = request.param
    work = tmp_path_factory.mktemp(f"classifier-{front_end}")
    notebook = work / "src" / "classifier.ipynb"
    notebook.parent.mkdir()
    cell = (
        "from mlcourse.playground import classifier_playground\n\n"
        f"classifier_playground(**{CLASSIFIER!r}, epochs=150)"
    )
    nbformat.write(
        nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(cell)],
            metadata={
                "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
            },
        ),
        notebook,
    )
    with jb.server(front_end, notebook, work) as url, jb.browser(work / "profile") as page:
        with screenshot_on_failure(page, f"classifier-{front_end}-run-all"):
            jb.run_all(page, front_end, url)
            page.locator(".mlcourse-plot").scroll_into_view_if_needed()
            jb.instrument(page)
        yield front_end, page


READ_CELLS = """([points]) => {
  // The colour the page shows at each point (x, y) of the picture, in pixels.
  const canvas = document.querySelector('.mlcourse-classifier .mlcourse-plot canvas');
  const scale = canvas.width / parseFloat(canvas.style.width);
  const context = canvas.getContext('2d');
  return points.map(([x, y]) =>
    Array.from(context.getImageData(Math.floor(x * scale), Math.floor(y * scale), 1, 1).data));
}"""


def assert_regions_follow_the_model(page):
    """Cells sampled from the canvas have the colour of the class a model trained here, with the
    η the page shows, predicts at their centres."""
    points = make_points(CLASSIFIER["data"], CLASSIFIER["n"], 0.8, 0)
    model = LinearClassifier("softmax", "cross-entropy", 3, 0)
    epochs = int(page.locator(".mlcourse-epochs .widget-readout").inner_text())
    run = Training(model, points.X, points.labels, eta(page), epochs)
    run.advance()
    panel = panel_in_page(page, 0)
    rng = np.random.default_rng(0)
    x = rng.uniform(*panel["x"], 40)
    y = rng.uniform(*panel["y"], 40)
    predicted = np.argmax(model.probabilities(run.params, np.column_stack([x, y])), axis=1)
    confidence = model.probabilities(run.params, np.column_stack([x, y])).max(axis=1)
    across, down = pixels(panel, x, y)
    shown = np.array(page.evaluate(READ_CELLS, [np.column_stack([across, down]).tolist()]))
    tint = 1 - shown[:, :3] / 255
    palette = 1 - np.array([to_rgb(c) for c in CLASS_COLORS])
    closest = np.argmax(
        (tint / np.linalg.norm(tint, axis=1, keepdims=True))
        @ (palette / np.linalg.norm(palette, axis=1, keepdims=True)).T,
        axis=1,
    )
    clear = confidence > 0.6  # a cell's centre may differ from the point sampled near a border
    assert clear.sum() >= 20 and len(set(predicted[clear])) == 3
    np.testing.assert_array_equal(closest[clear], predicted[clear])


def wait_until_trained(page):
    page.wait_for_function(
        "!document.querySelector('.mlcourse-status').innerText.startsWith('Training')",
        timeout=60_000,
    )


def test_the_classifiers_regions_follow_the_models_predictions(classifier_opened):
    front_end, page = classifier_opened
    with screenshot_on_failure(page, f"classifier-{front_end}-regions"):
        wait_until_trained(page)
        assert jb.status_text(page).startswith(("Converged", "Still learning"))
        assert_regions_follow_the_model(page)


def test_moving_eta_retrains_and_the_regions_follow(classifier_opened):
    front_end, page = classifier_opened
    with screenshot_on_failure(page, f"classifier-{front_end}-eta"):
        before = eta(page)
        jb.press_and_wait(page, eta_handle(page), "Home")
        wait_for_eta_change(page, before)
        wait_until_trained(page)
        assert eta(page) < before
        assert_regions_follow_the_model(page)


# Where no kernel runs -------------------------------------------------------------------


def test_a_static_export_shows_each_playgrounds_still_picture(tmp_path):
    """Executed in a fresh kernel and exported to HTML (no widget state, no kernel), each
    playground's cell still shows a picture of its run."""
    require_browser()
    import nbclient
    from nbconvert import HTMLExporter

    cells = [
        "from mlcourse.playground import classifier_playground, playground",
        "playground()",
        "classifier_playground(lesson=9)",
    ]
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in cells],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    env = jb.isolated_environment(tmp_path / "home")
    with contextlib.ExitStack() as stack:
        for name in (
            "HOME",
            "JUPYTER_CONFIG_DIR",
            "JUPYTER_RUNTIME_DIR",
            "IPYTHONDIR",
            "MPLCONFIGDIR",
        ):
            stack.enter_context(pytest.MonkeyPatch.context()).setenv(name, env[name])
        # As `make notebooks` stores the lessons: without widget state (an export then shows
        # each output's still picture; with the state it would try to fetch the widgets' code).
        nbclient.NotebookClient(notebook, timeout=120, store_widget_state=False).execute()
    html, _ = HTMLExporter().from_notebook_node(notebook)
    page_file = tmp_path / "export.html"
    page_file.write_text(html)
    with jb.browser(tmp_path / "profile") as page:
        page.goto(page_file.as_uri())
        sizes = page.evaluate(
            "Array.from(document.images).filter((image) => image.complete)"
            ".map((image) => [image.naturalWidth, image.naturalHeight])"
        )
    assert [960, 288] in sizes and [900, 360] in sizes
