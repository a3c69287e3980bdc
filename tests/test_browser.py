"""The playground in a real browser: JupyterLab, Notebook 7 and Voilà, driven by Playwright.

Each front end runs on its own loopback port with its own HOME; lesson 5 is opened and run, and
the η slider is moved with the keyboard, the mouse and the buttons. A screenshot of every failure
is saved under test-artifacts/. Opting out is explicit: MLCOURSE_SKIP_BROWSER=1.
"""

import contextlib
import os
from pathlib import Path

import jupyter_browser as jb
import pytest

from mlcourse import critical_learning_rate, make_linear_data

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


def test_mouse_drag_moves_eta(opened):
    front_end, page = opened
    with screenshot_on_failure(page, f"{front_end}-drag"):
        before = jb.status_text(page)
        jb.drag(page, eta_handle(page), 150)
        assert jb.status_text(page) != before


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
