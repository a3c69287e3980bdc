"""A check's verdict as a view: the verdict first, the evidence as a table, escaped, in the tags
the feedback page's sanitiser keeps, and a plain form for terminals, nbval and the grader."""

import html.parser

import numpy as np
import pytest
from nbconvert.filters import clean_html

from mlcourse import check_view, checks
from mlcourse.check_view import CheckView
from mlcourse.checks import ExerciseFailed

SSE = checks.EXERCISES["sse"]
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def sse(y, y_hat):
    return 0.5 * np.sum((y - y_hat) ** 2)


def sse_without_the_half(y, y_hat):
    return np.sum((y - y_hat) ** 2)


def sse_plus_one(y, y_hat):  # wrong, and no likely mistake gives it: the facts only
    return 0.5 * np.sum((y - y_hat) ** 2) + 1.0


def sse_divides_by_zero(y, y_hat):
    return 1 / 0


def sse_hostile_error(y, y_hat):
    raise ValueError(HOSTILE)


def sse_hostile_text(y, y_hat):
    return HOSTILE


def view_of(function):
    return CheckView.of(SSE.judge_function(function), "sse")


def failing_call(function):
    """The arguments of the call the verdict's evidence comes from."""
    return SSE.cases(0)[SSE.judge_function(function).call]


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = set(), set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}


def tags_of(page):
    parser = Tags()
    parser.feed(page)
    return parser


def test_a_right_answer_is_one_green_line():
    view = view_of(sse)
    assert view.passed and view.rows == ()
    assert view.text() == f"✔ {SSE.success}"
    assert 'class="mlcourse-mark-pass">✔</span>' in view.html()
    assert "--jp-success-color1" in view.html()  # JupyterLab's own green, in either theme


def test_a_named_mistake_comes_first_then_its_evidence():
    view = view_of(sse_without_the_half)
    lines = view.text().splitlines()
    assert lines[0] == "✘ That is twice the SSE: you forgot the ½."
    y, y_hat = failing_call(sse_without_the_half)
    right = 0.5 * sum((a - b) ** 2 for a, b in zip(y, y_hat, strict=True))  # a plain loop
    assert dict(view.rows) == {
        "called with": f"`y` = {len(y)} values, `y_hat` = {len(y_hat)} values",
        "returned": f"{2 * right:.6g}",
        "expected": f"{right:.6g}",
        "first differs": f"{2 * right:.6g} instead of {right:.6g}",
    }
    assert lines[1:5] == [f"  {label}: {value}" for label, value in view.rows]
    assert "(2 × the expected value)" in view.details  # the rest of the diagnosis is kept
    assert 'class="mlcourse-mark-fail">✘</span>' in view.html()
    assert "--jp-error-color1" in view.html()


def test_without_a_named_mistake_the_view_states_the_facts():
    view = view_of(sse_plus_one)
    y, y_hat = failing_call(sse_plus_one)
    right = 0.5 * sum((a - b) ** 2 for a, b in zip(y, y_hat, strict=True))
    assert view.verdict.startswith(f"`sse` returned {right + 1:.6g}, expected {right:.6g}")
    assert dict(view.rows)["first differs"] == f"{right + 1:.6g} instead of {right:.6g}"
    assert "forgot" not in view.text()


def test_a_crash_says_what_was_raised_and_where():
    view = view_of(sse_divides_by_zero)
    line = sse_divides_by_zero.__code__.co_firstlineno + 1
    assert view.verdict == (
        f"`sse` raised ZeroDivisionError: division by zero (line {line} of your cell: "
        "`return 1 / 0`)."
    )
    assert [label for label, _ in view.rows] == ["called with"]  # nothing came back


def test_the_grader_s_own_words_make_a_view_without_evidence():
    view = CheckView.said(False, "Hidden tests failed: it raised an exception. Compute it.")
    assert view.text() == "✘ Hidden tests failed: it raised an exception.\n  Compute it."
    assert "mlcourse-evidence" not in view.html(styled=False)


def test_the_check_raises_the_whole_diagnosis_with_its_view(capsys):
    with pytest.raises(ExerciseFailed) as failure:
        checks.check_sse(sse_without_the_half)
    assert str(failure.value) == SSE.judge_function(sse_without_the_half).message
    assert failure.value.view == view_of(sse_without_the_half)
    checks.check_sse(sse)  # outside Jupyter a right answer prints the plain form
    assert capsys.readouterr().out == view_of(sse).text() + "\n"
    with checks.quietly():
        checks.check_sse(sse)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("function", [sse_hostile_error, sse_hostile_text])
def test_what_learner_code_writes_is_escaped(function):
    view = view_of(function)
    assert "alert(1)" in view.text()  # shown as text ...
    page = view.html()
    assert "&lt;script&gt;" in page  # ... escaped: never a tag
    found = tags_of(page)
    assert found.tags <= {"style", "div", "span", "code"}
    assert found.attributes <= {"class"}


def test_the_page_form_passes_the_feedback_sanitiser_unchanged():
    for function in (sse, sse_without_the_half, sse_divides_by_zero, sse_hostile_error):
        page = view_of(function).html(styled=False)
        assert "<style" not in page
        assert clean_html(page) == page  # not a tag escaped into text, not a class dropped


def test_code_between_backticks_is_code_and_a_full_stop_in_code_ends_no_sentence():
    assert check_view.rich("use `np.sum(a). Then` here") == (
        "use <code>np.sum(a). Then</code> here"
    )
    assert check_view.first_sentence("Call `f(x). Not` this. Then that.") == (
        "Call `f(x). Not` this.",
        "Then that.",
    )
    assert check_view.first_sentence("It returned 2, i.e. twice 1. dE/dw1 = 0 here.") == (
        "It returned 2, i.e. twice 1.",
        "dE/dw1 = 0 here.",
    )
    assert check_view.first_sentence("Use 0.5. Or 1.5 e.g. here") == (
        "Use 0.5.",
        "Or 1.5 e.g. here",
    )
    assert check_view.rich("a lone ` backtick") == "a lone ` backtick"


def test_terminal_escapes_and_control_characters_are_dropped_and_long_text_cut():
    assert check_view.shown("\x1b[0;31mred\x1b[0m\u202e\x07 text") == "red text"
    long = check_view.shown("x" * (3 * check_view.MAX_SHOWN))
    assert len(long) == check_view.MAX_SHOWN and long.endswith("…")


def test_in_ipython_a_failure_shows_its_view_then_one_error_line(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    from mlcourse import feedback

    shell = InteractiveShell.instance()
    try:
        feedback.install_ipython_display()
        capsys.readouterr()
        shell.user_ns.update(checks=checks, sse=sse_without_the_half)
        failed = shell.run_cell("checks.check_sse(sse)")
        shown = capsys.readouterr().out
        shell.user_ns["sse"] = sse
        passed = shell.run_cell("checks.check_sse(sse)")
        shown_right = capsys.readouterr().out
    finally:
        InteractiveShell.clear_instance()
    assert isinstance(failed.error_in_exec, ExerciseFailed) and passed.success
    view = view_of(sse_without_the_half).text()
    assert shown.startswith(view)  # the view first, as the display shows it in a terminal ...
    assert (
        shown[len(view) :].strip() == f"\x1b[0;31m{feedback.FAILED_LINE}\x1b[0m"
    )  # ... then one line
    assert shown_right.strip() == view_of(sse).text()
