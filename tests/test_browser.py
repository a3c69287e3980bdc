"""The playground in a real browser: JupyterLab, Notebook 7 and Voilà, driven by Playwright.

Each front end runs on its own loopback port with its own HOME; lesson 5 is opened and run, and
the η slider is moved with the keyboard, the mouse and the buttons. A screenshot of every failure
is saved under test-artifacts/. Opting out is explicit: MLCOURSE_SKIP_BROWSER=1.
"""

import contextlib
import math
import os
import re
from pathlib import Path

import jupyter_browser as jb
import pytest

from mlcourse import critical_learning_rate, make_linear_data
from mlcourse.playground import RATE_RANGE

LESSON = Path(__file__).resolve().parent.parent / "notebooks" / "05_learning_rate.ipynb"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# Notebook 7 gives the arrow keys to its own shortcuts; PageUp/PageDown reach the slider.
STEP_KEY = {"lab": "ArrowRight", "notebook": "PageUp", "voila": "ArrowRight"}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=jb.FRONT_ENDS)
def opened(request, tmp_path_factory):
    if os.environ.get("MLCOURSE_SKIP_BROWSER") == "1":
        pytest.skip("browser tests opted out with MLCOURSE_SKIP_BROWSER=1")
    if not Path(jb.CHROMIUM).exists():
        pytest.fail(
            f"{jb.CHROMIUM} not found: `make test` installs Debian's chromium "
            f"(apt-get install chromium), or opt out with MLCOURSE_SKIP_BROWSER=1"
        )
    front_end = request.param
    work = tmp_path_factory.mktemp(front_end)
    with jb.server(front_end, LESSON, work) as url, jb.browser(work / "profile") as page:
        with screenshot_on_failure(page, f"{front_end}-run-all"):
            jb.run_all(page, front_end, url)
            page.locator("img.mlcourse-plot").scroll_into_view_if_needed()
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
    return page.locator("img.mlcourse-plot").get_attribute("src")


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
        before_status, before_picture = jb.status_text(page), picture(page)
        for _ in range(3):
            jb.press_and_wait(page, eta_handle(page), STEP_KEY[front_end])
        assert jb.status_text(page) != before_status
        assert picture(page) != before_picture


def test_crossing_the_critical_rate_turns_convergence_into_divergence(opened):
    front_end, page = opened
    with screenshot_on_failure(page, f"{front_end}-cross"):
        jb.press_and_wait(page, eta_handle(page), "End")
        assert jb.status_text(page).startswith("Diverging")
        jb.press_and_wait(page, eta_handle(page), "Home")
        assert jb.status_text(page).startswith("Converging")


RECORD_RATES = """() => {
  window.__rates = [];
  const status = document.querySelector('.mlcourse-status');
  new MutationObserver(() => {
    const found = /η = ([0-9.]+) × η_crit/.exec(status.innerText);
    if (found) window.__rates.push(parseFloat(found[1]));
  }).observe(status, {childList: true, subtree: true, characterData: true});
}"""


def test_dragging_across_half_the_track_passes_through_the_rates_that_matter(opened):
    """Half the track is half of the slider's decades: from 0.1 × η_crit (typed into the η box)
    to 1.78 × η_crit, on the way through the band the lessons explore (0.5 to 1 × η_crit)."""
    front_end, page = opened
    with screenshot_on_failure(page, f"{front_end}-drag"):
        critical = shown_critical_rate(page)
        box = page.locator(".mlcourse-eta-value input")
        box.fill(f"{0.1 * critical:.6g}")
        count = page.evaluate("window.__latencies.length")
        box.press("Enter")
        page.wait_for_function(f"window.__latencies.length > {count}")
        assert shown_rate(page) == pytest.approx(0.1, abs=0.006)
        track = page.locator(".mlcourse-eta .noUi-target").bounding_box()["width"]
        page.evaluate(RECORD_RATES)
        jb.drag(page, eta_handle(page), track / 2, steps=40)
        page.wait_for_timeout(500)  # the last status lines of the drag
        rates = page.evaluate("window.__rates")
        decades = math.log10(RATE_RANGE[1] / RATE_RANGE[0])
        expected_end = 0.1 * 10 ** (decades / 2)
        assert rates == sorted(rates)
        assert len(set(rates)) >= 5
        assert any(0.5 <= rate <= 1 for rate in rates)
        assert rates[-1] == pytest.approx(expected_end, rel=0.1)
        assert jb.status_text(page).startswith("Diverging")
        # The η box holds η = (η/η_crit)·η_crit.
        eta = float(box.input_value())
        assert eta / critical == pytest.approx(rates[-1], abs=0.01)


def shown_critical_rate(page):
    return float(re.search(r"= ([0-9.e-]+)$", page.locator(".mlcourse-critical").inner_text())[1])


def shown_rate(page):
    return float(re.search(r"η = ([0-9.]+) × η_crit", jb.status_text(page))[1])


def test_buttons_move_eta_where_keys_cannot(opened):
    front_end, page = opened
    with screenshot_on_failure(page, f"{front_end}-buttons"):
        before = jb.status_text(page)
        count = page.evaluate("window.__latencies.length")
        page.locator(".mlcourse-faster").click()
        page.wait_for_function(f"window.__latencies.length > {count}")
        assert jb.status_text(page) != before


def test_momentum_slider_moves_the_run(opened):
    front_end, page = opened
    with screenshot_on_failure(page, f"{front_end}-momentum"):
        before = picture(page)
        handle = page.locator(".mlcourse-momentum .noUi-handle")
        jb.press_and_wait(page, handle, STEP_KEY[front_end])
        assert "with momentum β = " in jb.status_text(page)
        assert picture(page) != before
