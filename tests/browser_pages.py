"""What the browser tests share: opening a front end on a notebook, reading what a page shows,
waiting for the kernel's answer, and a screenshot of every failure (under test-artifacts/)."""

import contextlib
import os
import re
from pathlib import Path

import jupyter_browser as jb
import numpy as np
import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# Notebook 7 gives the arrow keys to its own shortcuts; PageUp/PageDown reach the slider.
STEP_KEY = {"lab": "ArrowRight", "notebook": "PageUp", "voila": "ArrowRight"}


def require_browser():
    if os.environ.get("MLCOURSE_SKIP_BROWSER") == "1":
        pytest.skip("browser tests opted out with MLCOURSE_SKIP_BROWSER=1")
    if not Path(jb.CHROMIUM).exists():
        pytest.fail(
            f"{jb.CHROMIUM} not found: `make test` installs Debian's chromium "
            f"(apt-get install chromium), or opt out with MLCOURSE_SKIP_BROWSER=1"
        )


@contextlib.contextmanager
def opened_page(front_end, notebook, work):
    """``notebook`` run in ``front_end`` in chromium, the page instrumented (see
    ``jupyter_browser.instrument``). One at a time: Playwright's sync API does not nest."""
    require_browser()
    with jb.server(front_end, notebook, work) as url, jb.browser(work / "profile") as page:
        with screenshot_on_failure(page, f"{work.name}-run-all"):
            jb.run_all(page, front_end, url)
            page.locator(".mlcourse-plot").first.scroll_into_view_if_needed()
            jb.instrument(page)
        yield page


@contextlib.contextmanager
def screenshot_on_failure(page, name):
    try:
        yield
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        raise


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


def eta_handle(page):
    return page.locator(".mlcourse-eta .noUi-handle")


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


def wait_for_status(page, start):
    """Wait until the status line starts with ``start``."""
    page.wait_for_function(
        f"document.querySelector('.mlcourse-status').innerText.startsWith({start!r})"
    )
