"""A check's view in JupyterLab, light and dark: the verdict first, ✔ and ✘ in the theme's own
green and error colour, nothing cut off; a screenshot of each kind under test-artifacts/view/."""

import json

import jupyter_browser as jb
import nbformat
import pytest
from browser_pages import ARTIFACTS, require_browser, screenshot_on_failure

SHOTS = ARTIFACTS / "view"
THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}
KINDS = {
    "passed": "def sse(y, y_hat):\n    return 0.5 * np.sum((y - y_hat) ** 2)",
    "mistake": "def sse(y, y_hat):\n    return np.sum((y - y_hat) ** 2)",
    "facts": "def sse(y, y_hat):\n    return 0.5 * np.sum((y - y_hat) ** 2) + 1.0",
    "crash": "def sse(y, y_hat):\n    return 1 / 0",
}
HIDDEN = (
    "visible = {float(y[0]): 0.5 * np.sum((y - y_hat) ** 2) for y, y_hat in "
    "checks.EXERCISES['sse'].cases(0)}\n\n\n"
    "def sse(y, y_hat):  # remembers the visible cases\n"
    "    return visible.get(float(y[0]), 0.0)\n\n\n"
    "with checks.quietly():\n"
    "    for seed in (101, 202, 303):\n"
    "        checks.check_sse(sse, seed=seed)"
)
ORDER = [*KINDS, "hidden"]
MARK = {"passed": "✔", "mistake": "✘", "facts": "✘", "crash": "✘", "hidden": "✘"}


def views_notebook(folder):
    cells = ["import numpy as np\n\nfrom mlcourse import checks"]
    cells += [f"{code}\n\n\nchecks.check_sse(sse)" for code in KINDS.values()] + [HIDDEN]
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(c, metadata={"tags": ["raises-exception"]}) for c in cells]
    )
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / "views.ipynb")
    return folder / "views.ipynb"


def choose_theme(home, theme):
    settings = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "themes.jupyterlab-settings").write_text(json.dumps({"theme": THEMES[theme]}))


COLOURS = """(mark) => {
  const probe = document.createElement('span');
  document.body.appendChild(probe);
  const colour = (value) => { probe.style.color = value; return getComputedStyle(probe).color; };
  const found = {
    mark: getComputedStyle(mark).color,
    success: colour('var(--jp-success-color1)'),
    error: colour('var(--jp-error-color1)'),
    text: getComputedStyle(mark.closest('.mlcourse-check')).color,
    themeText: colour('var(--jp-content-font-color1)'),
  };
  probe.remove();
  return found;
}"""


@pytest.fixture(scope="module", params=list(THEMES))
def shown(request, tmp_path_factory):
    """Each kind's view as JupyterLab shows it in ``theme``: (verdict text, colours, widths)."""
    require_browser()
    theme = request.param
    work = tmp_path_factory.mktemp(f"views-{theme}")
    notebook = views_notebook(work / "source")
    choose_theme(work / "home", theme)
    found = {}
    with (
        jb.server("lab", notebook, work) as url,
        jb.browser(work / "profile") as page,
        screenshot_on_failure(page, f"view-{theme}"),
    ):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url, wait_until="domcontentloaded", timeout=90_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        jb.wait_for_idle_kernel(url)
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator('li.lm-Menu-item[data-command="runmenu:run-all"]').click()
        page.wait_for_function(
            f"document.querySelectorAll('.mlcourse-check').length >= {len(ORDER)}",
            timeout=120_000,
        )
        jb.wait_for_idle_kernel(url)
        SHOTS.mkdir(parents=True, exist_ok=True)
        cells = page.locator(".jp-Notebook .jp-CodeCell")
        for index, kind in enumerate(ORDER, start=1):
            cell = cells.nth(index)
            cell.scroll_into_view_if_needed()
            view = cell.locator(".mlcourse-check").last
            outputs = cell.locator(".jp-OutputArea")
            outputs.screenshot(path=str(SHOTS / f"notebook-{theme}-{kind}.png"))
            found[kind] = {
                "verdict": view.locator(".mlcourse-verdict").inner_text(),
                "first": outputs.inner_text().strip().splitlines()[0],
                "colours": view.locator(".mlcourse-verdict > span").evaluate(COLOURS),
                "widths": view.evaluate(
                    "(v) => [...v.querySelectorAll('*'), v].map(e => e.scrollWidth - e.clientWidth)"
                ),
                "errors": cell.locator(
                    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
                ).all_inner_texts(),
            }
    return theme, found


@pytest.mark.parametrize("kind", ORDER)
def test_the_verdict_comes_first_in_the_theme_s_colour(shown, kind):
    _, found = shown
    view = found[kind]
    assert view["first"].startswith(MARK[kind]), view["first"]
    assert view["verdict"].startswith(MARK[kind])
    colours = view["colours"]
    assert colours["mark"] == colours["success" if kind == "passed" else "error"]
    assert colours["text"] == colours["themeText"]  # readable on the theme's background


@pytest.mark.parametrize("kind", ORDER)
def test_nothing_is_cut_off_and_a_failure_ends_in_one_error_line(shown, kind):
    _, found = shown
    view = found[kind]
    assert max(view["widths"]) <= 0, "a part of the view is wider than its box"
    if kind == "passed":
        assert view["errors"] == []
    else:
        assert [text.strip() for text in view["errors"]] == [
            "✘ This check failed: the lines above say why."
        ]


def test_the_themes_differ(shown):
    theme, found = shown
    red, green, blue = (
        int(part)
        for part in found["passed"]["colours"]["themeText"]
        .split("(")[1]
        .split(")")[0]
        .split(",")[:3]
    )
    brightness = (red + green + blue) / 3
    assert brightness > 128 if theme == "dark" else brightness < 128
