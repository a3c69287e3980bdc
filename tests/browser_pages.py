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
            page.evaluate(RECORD_ANSWERS)
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


def wait_for_eta_change(page, before):
    """Wait until the kernel has set η in the box to something other than ``before`` (the rest
    of its answer may still be on the way: see :func:`wait_for_answer`)."""
    page.wait_for_function(
        "(before) => parseFloat(document.querySelector('.mlcourse-eta-value input').value)"
        " !== before",
        arg=before,
    )


RECORD_ANSWERS = """() => {
  // One entry for every picture drawn (each drawing marks the element with data-drawn-from):
  // the status line and the η box at that moment. For every move the kernel sends η, then the
  // status line, then the marks, in that order, and the observer runs right after a drawing,
  // before the next message is handled: a picture drawn while a move's status line shows is
  // that move's (the marks it sent, or the frame sent ahead for the same η).
  if (window.__answers) return;
  window.__answers = [];
  const status = document.querySelector('.mlcourse-status');
  const eta = document.querySelector('.mlcourse-eta-value input');
  new MutationObserver((records) => {
    for (const record of records) {
      window.__answers.push({
        status: status.innerText, eta: parseFloat(eta.value), from: record.target.dataset.drawnFrom,
      });
    }
  }).observe(document.querySelector('.mlcourse-plot'),
             {attributes: true, attributeFilter: ['data-drawn-from'], subtree: true});
}"""


def answers_so_far(page):
    """How many pictures have been drawn (call it before a move, for :func:`wait_for_answer`)."""
    return page.evaluate("window.__answers.length")


def wait_for_answer(page, since, status="", eta_other_than=None, timeout_ms=30_000):
    """Wait until a picture after the first ``since`` has been drawn beside a status line
    starting with ``status`` (not "Training…": a finished run) and, if given, η
    other than ``eta_other_than``: the whole answer to a move, not a sleep that hopes for it."""
    page.wait_for_function(
        """([since, start, other]) => window.__answers.slice(since).some((answer) =>
          answer.status.startsWith(start) && !answer.status.startsWith('Training')
          && (other === null || answer.eta !== other))""",
        arg=[since, status, eta_other_than],
        timeout=timeout_ms,
    )


def wait_for_status(page, start):
    """Wait until the status line starts with ``start``."""
    page.wait_for_function(
        f"document.querySelector('.mlcourse-status').innerText.startsWith({start!r})"
    )
