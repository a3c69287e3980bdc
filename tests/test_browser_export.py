"""Where no kernel runs: a static export of a notebook still shows each playground's picture."""

import contextlib

import jupyter_browser as jb
import nbformat
import pytest
from browser_pages import require_browser

pytestmark = pytest.mark.browser


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
