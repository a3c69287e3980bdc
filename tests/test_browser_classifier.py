"""The classifier playground in a real browser (JupyterLab, Notebook 7, Voilà): the decision
regions the page draws, read back pixel by pixel, follow the predictions of the model trained
with the η the page shows: a softmax layer on three blobs, then lesson 11's hidden layer on the
moons."""

import jupyter_browser as jb
import nbformat
import numpy as np
import pytest
from browser_pages import (
    answers_so_far,
    eta,
    eta_handle,
    opened_page,
    panel_in_page,
    screenshot_on_failure,
    wait_for_answer,
    wait_for_eta_change,
)
from matplotlib.colors import to_rgb

from mlcourse.playground.browser_figure import pixels
from mlcourse.playground.classifier import CLASS_COLORS
from mlcourse.playground.classifier_training import (
    HiddenLayerClassifier,
    LinearClassifier,
    Training,
    make_points,
)

pytestmark = pytest.mark.browser

CLASSIFIER = {"data": "three blobs", "model": "softmax", "loss": "cross-entropy", "n": 200}


@pytest.fixture(scope="module", params=jb.FRONT_ENDS)
def classifier_opened(request, tmp_path_factory):
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
    with opened_page(front_end, notebook, work) as page:
        yield front_end, page


READ_CELLS = """([points]) => {
  // The colour the page shows at each point (x, y) of the picture, in pixels.
  const canvas = document.querySelector('.mlcourse-classifier .mlcourse-plot canvas');
  const scale = canvas.width / parseFloat(canvas.style.width);
  const context = canvas.getContext('2d');
  return points.map(([x, y]) =>
    Array.from(context.getImageData(Math.floor(x * scale), Math.floor(y * scale), 1, 1).data));
}"""


def assert_regions_follow_the_model(page, model=None, data=("three blobs", 0.8)):
    """Cells sampled from the canvas have the colour of the class ``model`` (the softmax layer
    if None), trained here on ``data`` (kind, noise) with the η the page shows, predicts at
    their centres."""
    points = make_points(data[0], CLASSIFIER["n"], data[1], 0)
    model = model or LinearClassifier("softmax", "cross-entropy", 3, 0)
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
    assert clear.sum() >= 20 and len(set(predicted[clear])) == model.classes
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
        before, since = eta(page), answers_so_far(page)
        jb.press_and_wait(page, eta_handle(page), "Home")
        wait_for_eta_change(page, before)
        wait_for_answer(page, since, eta_other_than=before, timeout_ms=60_000)
        assert eta(page) < before
        assert_regions_follow_the_model(page)


def test_the_hidden_layers_regions_on_the_moons_follow_the_networks_predictions(
    classifier_opened,
):
    front_end, page = classifier_opened
    with screenshot_on_failure(page, f"classifier-{front_end}-hidden"):
        before, since = eta(page), answers_so_far(page)
        page.locator(".mlcourse-model button", has_text="hidden layer").click()
        wait_for_answer(page, since, eta_other_than=before, timeout_ms=60_000)
        assert page.locator(".mlcourse-loss button").first.is_disabled()
        before, since = eta(page), answers_so_far(page)
        page.locator(".mlcourse-data select").select_option("moons")
        wait_for_answer(page, since, eta_other_than=before, timeout_ms=60_000)
        assert_regions_follow_the_model(page, HiddenLayerClassifier(2, 4, 0), ("moons", 0.2))
