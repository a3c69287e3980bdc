"""The playground in a real browser: JupyterLab, Notebook 7 and Voilà, driven by Playwright.

Each front end runs on its own loopback port with its own HOME; lesson 5 is opened and run, and
the η slider is moved with the keyboard, the mouse and the buttons. What the page draws is read
back (the path data of the line, the error curve and the path on the surface) and compared with
a run computed here with ``mlcourse.train``. A screenshot of every failure is saved under
test-artifacts/. Opting out is explicit: MLCOURSE_SKIP_BROWSER=1.
"""

import math
import re
from pathlib import Path

import jupyter_browser as jb
import numpy as np
import pytest
from browser_pages import (
    STEP_KEY,
    answers_so_far,
    eta,
    eta_handle,
    opened_page,
    panel_in_page,
    points_of,
    screenshot_on_failure,
    wait_for_answer,
    wait_for_eta_change,
    wait_for_status,
)

from mlcourse import critical_learning_rate, make_linear_data, train
from mlcourse.playground import RATE_RANGE
from mlcourse.playground.browser_figure import pixels

LESSON = Path(__file__).resolve().parent.parent / "notebooks" / "05_learning_rate.ipynb"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=jb.FRONT_ENDS)
def opened(request, tmp_path_factory):
    front_end = request.param
    with opened_page(front_end, LESSON, tmp_path_factory.mktemp(front_end)) as page:
        yield front_end, page


def picture(page):
    """The drawn path on the error surface, as path data."""
    return page.locator('.mlcourse-plot g[data-mark="path"] path.mlcourse-mark-line').get_attribute(
        "d"
    )


LESSON_DATA = make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=0)
_start = np.random.default_rng(seed=1)  # lesson 5's start, drawn as the lesson draws it
LESSON_START = (_start.uniform(-3, -2), _start.uniform(0, 2))


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
        since = answers_so_far(page)
        for _ in range(3):
            jb.press_and_wait(page, eta_handle(page), STEP_KEY[front_end])
        wait_for_eta_change(page, before_eta)
        wait_for_answer(page, since, eta_other_than=before_eta)
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
            before, since = eta(page), answers_so_far(page)
            jb.press_and_wait(page, eta_handle(page), key)
            first = {name: points_of(d) for name, d in jb.first_frame_drawn(page).items()}
            assert jb.first_frame_source(page) == "frames"  # drawn without waiting for the kernel
            wait_for_eta_change(page, before)
            wait_for_answer(page, since, eta_other_than=before)
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
        since = answers_so_far(page)
        jb.press_and_wait(page, eta_handle(page), "Home")
        wait_for_answer(page, since, "Converging: η = 0.01 × η_crit")
        before, since = picture(page), answers_so_far(page)
        handle = page.locator(".mlcourse-momentum .noUi-handle")
        # The key press draws no frame of its own (frames are sent for η's stops only): the
        # first picture after it may be a late one from the kernel's answer to Home, and the
        # status line comes before the picture. Wait for the picture of the momentum's run.
        handle.press(STEP_KEY[front_end])
        wait_for_answer(page, since, "Converging with momentum β = ")
        assert picture(page) != before
