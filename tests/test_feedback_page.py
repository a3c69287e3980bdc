"""The feedback page, one defence at a time: each must hold on its own, so each has a test that
fails when it alone is switched off (outputs dropped: tests/test_submission.py)."""

import shutil

import nbformat
import pages_html
import pytest
from nbconvert.filters import markdown2html

from mlcourse.instructor import gradebook, grading, markers, page, redact, submission, tagging

LESSON = "03_gradients"
TRAINING = "04_training"
PAYLOAD = "alert('pwned')"
ACTIVE_HTML = f'<script>{PAYLOAD}</script><img src=x onerror="{PAYLOAD}">'


@pytest.fixture(scope="module")
def course(assigned_course, tmp_path_factory):
    """A course where ann's lesson 3 is recorded in the gradebook (as the grader records it
    before rendering her page)."""
    root = tmp_path_factory.mktemp("feedback-page") / "course"
    shutil.copytree(assigned_course, root)
    source = nbformat.read(root / "source" / LESSON / f"{LESSON}.ipynb", as_version=4)
    exercises = submission.exercises_of(source, LESSON)
    grade = grading.LessonGrade([grading.ExerciseGrade(e, visible=1.0) for e in exercises])
    gradebook.record(gradebook.db_url(root / "gradebook.db"), LESSON, "ann", None, grade)
    return root, source, grade


def released(root, lesson=LESSON):
    return nbformat.read(root / "release" / lesson / f"{lesson}.ipynb", as_version=4)


def rendered(root, notebook):
    return redact.render(notebook, gradebook.db_url(root / "gradebook.db"), LESSON, "ann")


def test_the_exporter_sanitises_an_output_on_its_own(course):
    """The grader drops every stored output; if one reached the exporter anyway, its
    ``sanitize_html`` must leave nothing that runs."""
    root, source, grade = course
    kept = submission.autograded(released(root), source, grade.outputs())
    first_code = next(cell for cell in kept.cells if cell.cell_type == "code")
    first_code.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": ACTIVE_HTML, "text/plain": "x"})
    ]
    html = rendered(root, kept)
    assert pages_html.active_content(html) == []


MARKDOWN = (
    "**bold**\n\n"
    f"<script>{PAYLOAD}</script> [click](javascript:{PAYLOAD}) "
    f'<img src=x onerror="{PAYLOAD}"> <a href="javascript:{PAYLOAD}">me</a>'
)


def test_student_markdown_is_sanitised_on_its_own():
    """Rendered as nbconvert renders markdown, without the exporter's sanitiser."""
    safe = redact.safe_html(MARKDOWN)
    html = markdown2html(safe)
    assert pages_html.active_content(html) == []
    assert "<strong>bold</strong>" in html


def test_a_pasted_image_costs_only_the_image():
    """Red team a03: a reference to an attachment (what pasting an image makes) made nbconvert
    refuse the cell, and the page fell back to plain text for every markdown cell."""
    safe = redact.safe_html("# Results\n\n![plot.png](attachment:plot.png) and **bold**")
    html = markdown2html(safe)
    assert "<strong>bold</strong>" in html and "<h1" in html
    assert 'alt="plot.png"' in html and "src=" not in html


def test_a_page_shows_a_capped_number_of_the_students_own_cells(course):
    """Red team a21: 40,000 tiny cells took the page worker past its budget twice. Past the
    cap the student's own cells are counted, not shown; every graded cell stays."""
    root, source, grade = course
    notebook = released(root)
    graded_ids = [submission.nbgrader_id(c) for c in notebook.cells if submission.nbgrader_id(c)]
    own = len(notebook.cells) - len(graded_ids)
    notebook.cells[1:1] = [nbformat.v4.new_code_cell(f"x = {n}") for n in range(50)]
    kept = submission.autograded(notebook, source, grade.outputs(), shown=(own + 10, 10**6))
    ids = [submission.nbgrader_id(c) for c in kept.cells if submission.nbgrader_id(c)]
    assert ids == graded_ids
    assert len(kept.cells) == len(graded_ids) + own + 10 + 1
    assert [c.source for c in kept.cells if "not shown" in c.source] == [
        "<div>\n(40 more cells of the notebook are not shown on this page.)\n</div>"
    ]
    notebook.cells.insert(1, nbformat.v4.new_code_cell("y = 1\n" * 1000))
    kept = submission.autograded(notebook, source, grade.outputs(), shown=(10**6, 5_000))
    assert not [c for c in kept.cells if c.source.startswith("y = 1")]
    assert [submission.nbgrader_id(c) for c in kept.cells if submission.nbgrader_id(c)] == ids


def test_a_markdown_cell_past_its_cap_is_shown_as_text_and_never_sanitised(course, monkeypatch):
    root, source, grade = course
    notebook = released(root)
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell("<b><i>x</b></i>" * 2_000))
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell("**short**"))
    sanitised = []
    original = redact.safe_html
    monkeypatch.setattr(redact, "safe_html", lambda text: sanitised.append(text) or original(text))
    kept = submission.autograded(notebook, source, grade.outputs(), markdown_chars=20_000)
    assert sanitised[0] == "**short**"
    assert not [text for text in sanitised if len(text) > 20_000]
    assert kept.cells[1].source.startswith("<div>\n&lt;b&gt;&lt;i&gt;x&lt;/b&gt;")
    sanitised.clear()
    submission.autograded(notebook, source, grade.outputs(), markdown_chars=20, markdown_total=5)
    assert sanitised == []  # past the total, even a short cell is shown as text


def test_what_every_learner_can_read_is_no_secret(course):
    """A forgotten `return` is advised with a line of the worked loop, which the check's own
    text holds: no leak. Lines of the hidden tests, and of solutions no check quotes, are."""
    root, _, _ = course
    source = nbformat.read(root / "source" / TRAINING / f"{TRAINING}.ipynb", as_version=4)
    secrets = redact.secrets(source, released(root, TRAINING))
    assert "return w1, w0, errors" in redact.checks_text()
    assert "return w1, w0, errors" not in secrets.lines
    hidden = [markers.regions(cell.source, markers.HIDDEN_TESTS) for cell in source.cells]
    assert any("for seed in" in region for regions in hidden for region in regions)
    assert [line for line in secrets.lines if line.startswith("for seed in")]
    assert "BEGIN HIDDEN TESTS" in secrets.lines


def test_a_hidden_input_is_found_however_it_is_printed():
    value = -0.123456789012345
    secrets = redact.Secrets((), frozenset(redact.printed_forms(value)))
    for shown in (repr(value), f"{value:.10g}", f"y[0] = {abs(value)!r}, …"):
        assert redact.leaks_in_text(shown, secrets), shown
    assert redact.leaks_in_text("-0.1235", secrets) == []  # too short to tell anything
    assert redact.printed_forms(0.5) == set()


def test_a_hidden_input_the_student_typed_is_no_leak(course):
    root, source, _ = course
    notebook = released(root)
    value = 0.987654321012
    code = f"remembered = {value!r}"
    notebook.cells.append(nbformat.v4.new_code_cell(code))
    secrets = redact.secrets(source, notebook, redact.printed_forms(value) | {"1.2345678901"})
    assert "1.2345678901" in secrets.values
    assert redact.leaks_in_text(code, secrets) == []
    assert redact.leaks_in_text(code, redact.Secrets((), redact.printed_forms(value)))


def test_only_the_passage_that_shows_a_secret_is_withheld(course):
    """The page is made with the passage withheld, and a note says where; the rest stays."""
    root, source, grade = course
    notebook = released(root)
    outputs = grade.outputs()
    shown = "`grad_w1` raised ValueError: for seed in (101, 202, 303):"
    check_id = tagging.check_id("grad_w1")
    outputs[check_id] = [submission.failed_output(shown)]
    made = page.feedback_page(
        notebook,
        source,
        outputs,
        (gradebook.db_url(root / "gradebook.db"), LESSON, "ann"),
        (redact.secret_lines(source), frozenset()),
        (20_000, 200_000),
    )
    assert made.html is not None and len(made.withheld) == 1
    text = redact.visible_text(made.html)
    assert "for seed in (101, 202, 303):" not in text
    assert "withheld" in text
    other = grade.outputs()[tagging.check_id("grad_w0")][0]["data"]["text/html"]
    assert redact.visible_text(other) in text  # the other exercise's view is shown as it was
