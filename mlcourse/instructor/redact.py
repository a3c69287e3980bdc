"""Feedback that shows neither hidden tests nor solutions, and runs nothing from a student.

Hidden tests are removed by cell identity: only the instructor's own test cells (nbgrader grade
cells that are not answers, whose source the grader restores from ``source/``) are redacted, so
a student's code is never taken for a hidden test. A guard then reads the rendered page: a line
of the hidden tests or of the worked solutions that the student did not write themselves must not
appear in it (:func:`secret_lines`, :func:`leaks`). Student markdown and outputs are sanitized
(``HTMLExporter.sanitize_html``): no scripts, event handlers or ``javascript:`` links.
"""

from __future__ import annotations

import copy
import functools
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets.config import Config

from mlcourse.check_view import VIEW_CSS
from mlcourse.feedback import FAILED_LINE
from mlcourse.instructor import config as course_config
from mlcourse.instructor import markers

MARKER_WORDS = [*markers.HIDDEN_TESTS, *markers.SOLUTION]
MIN_SECRET = 8
"""Shorter lines (``pass``, ``)``) are too common to tell anything."""


def is_instructor_test(cell: nbformat.NotebookNode) -> bool:
    """A locked grade cell: a visible check or hidden tests, never a student's answer."""
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    return bool(nbgrader.get("grade")) and not nbgrader.get("solution")


class RedactHiddenTests(NbGraderPreprocessor):
    """In the instructor's test cells, remove hidden-test regions from the source and reduce an
    error to one line without a traceback (IPython's traceback quotes the failing lines).
    Every other cell is left exactly as the student wrote it."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not is_instructor_test(cell):
            return cell, resources
        if markers.has(cell.source, markers.HIDDEN_TESTS):
            cell.source = markers.without_regions(cell.source, markers.HIDDEN_TESTS)
            outputs = []
            for output in cell.get("outputs", []):
                if output.output_type == "error" and output.ename == "ExerciseFailed":
                    # The grader's own failure: its view above says how, in the grader's words.
                    output.traceback = [FAILED_LINE]
                elif output.output_type == "error":
                    output.traceback = [f"✘ Hidden tests failed: {output.ename}: {output.evalue}"]
                elif output.output_type == "stream" and output.name == "stderr":
                    continue
                outputs.append(output)
            cell.outputs = outputs
        return cell, resources


def feedback_config() -> Config:
    """The HTML exporter nbgrader's GenerateFeedback uses, with our preprocessors, sanitized."""
    import nbgrader

    root = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader"
    config = Config()
    config.HTMLExporter.template_name = "feedback"
    config.HTMLExporter.extra_template_basedirs = [str(root / "templates")]
    config.HTMLExporter.extra_template_paths = [
        str(root / "static" / "node_modules" / "bootstrap" / "dist" / "css")
    ]
    config.HTMLExporter.sanitize_html = True
    config.HTMLExporter.preprocessors = course_config.FEEDBACK_PREPROCESSORS
    return config


def render(notebook: nbformat.NotebookNode, db_url: str, lesson: str, student: str) -> str:
    """The feedback page of an autograded notebook, scores read from the gradebook."""
    exporter = HTMLExporter(config=feedback_config())
    resources = {
        "unique_key": lesson,
        "output_files_dir": f"{lesson}_files",
        "nbgrader": {
            "student": student,
            "assignment": lesson,
            "notebook": lesson,
            "db_url": db_url,
        },
    }
    page, _ = exporter.from_notebook_node(copy.deepcopy(notebook), resources=resources)
    return exercise_summary(page.replace("</head>", PAGE_STYLE + "</head>", 1), lesson)


PAGE_STYLE = (
    "<style>.output_subarea pre { white-space: pre-wrap; overflow-wrap: anywhere; }\n"
    ".output_error pre, .output_error .ansi-red-fg { color: #c62828; }\n"
    f"{VIEW_CSS}</style>\n"
)
"""The checks' views (:mod:`mlcourse.check_view`) and long lines, wrapped to the page."""

SUMMARY_ENTRY = re.compile(r'<a href="#([A-Za-z0-9_.]+)-(check|hidden)">Test cell</a>')


def exercise_summary(page: str, lesson: str) -> str:
    """nbgrader's summary at the top of a page, with each test cell named by its exercise:
    "Exercise 3.1 `grad_w1`: check", "…: hidden tests" (it says "Test cell" for each)."""
    number = m.group(0) if (m := re.match(r"\d+", lesson)) else ""
    order: dict[str, int] = {}

    def named(entry: re.Match[str]) -> str:
        name, kind = entry.group(1), entry.group(2)
        position = order.setdefault(name, len(order) + 1)
        label = f"{int(number)}.{position}" if number else str(position)
        what = "check" if kind == "check" else "hidden tests"
        return (
            f'<a href="#{name}-{kind}">Exercise {label} <code>{html.escape(name)}</code>: '
            f"{what}</a>"
        )

    return SUMMARY_ENTRY.sub(named, page)


SAFE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "del",
        "details",
        "div",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
SAFE_ATTRIBUTES = ("class", "id", "title", "alt", "width", "height", "align")
SAFE_IMAGES = ("http:", "https:", "data:image/png", "data:image/jpeg", "data:image/gif")


def _safe_attribute(tag: str, name: str, value: str) -> bool:
    if name in SAFE_ATTRIBUTES:
        return True
    if tag == "a" and name == "href":
        return not value.strip().lower().startswith("data:")
    return tag == "img" and name == "src" and value.strip().lower().startswith(SAFE_IMAGES)


def safe_html(markdown: str) -> str:
    """A student's markdown cell as markdown that renders to HTML that runs nothing.

    Rendered as nbconvert renders it, only plain formatting is kept (no script, style, iframe,
    SVG, event handler or ``javascript:`` link; headings, lists, tables, links and images stay),
    and the result is one HTML block, which a renderer passes through as it is: text such as
    ``[x](javascript:…)`` that was harmless inside the student's HTML must not become a link on
    the next rendering. If it would not pass through unchanged, the cell is shown as plain text.
    TeX stays for MathJax, which nbconvert loads with its Safe extension.
    """
    import bleach
    from nbconvert.filters import markdown2html

    # The page shows no attachments (a pasted image): nbconvert would refuse the whole page for
    # a reference to one, so the reference goes (bleach then drops the image's source).
    markdown = markdown.replace("attachment:", "attachment-not-shown:")
    try:
        rendered = markdown2html(markdown)
    except Exception:  # anything else nbconvert refuses costs this cell its formatting only
        return plain_html(markdown)
    cleaned = bleach.clean(
        rendered,
        tags=SAFE_TAGS,
        attributes=_safe_attribute,
        protocols={"http", "https", "mailto", "data"},
        strip=True,
        strip_comments=True,
    )
    return _passed_through(cleaned) or plain_html(markdown)


def plain_html(markdown: str) -> str:
    """A markdown cell shown as the text it is (every tag escaped), as one HTML block; "" if a
    renderer would not pass it through unchanged."""
    return _passed_through(html.escape(markdown))


def _passed_through(text: str) -> str:
    from nbconvert.filters import markdown2html

    block = "<div>\n" + re.sub(r"\n\s*\n", "\n", text).strip() + "\n</div>"
    return block if markdown2html(block).strip() == block.strip() else ""


def visible_text(page: str) -> str:
    """The text a reader sees in an HTML page: highlighting splits code into many tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@dataclass(frozen=True)
class Secrets:
    """What a student's feedback page must not show: lines of the hidden tests and solutions,
    and the hidden inputs (numbers as Python prints them, without sign), none of which the
    student could see or wrote."""

    lines: tuple[str, ...]
    values: frozenset[str] = frozenset()


def secrets(
    source: nbformat.NotebookNode,
    submission: nbformat.NotebookNode,
    hidden_values: Iterable[str] = (),
) -> Secrets:
    """The secrets of ``source`` for one student's page (:func:`secret_lines`, then
    :func:`for_student`)."""
    return for_student(secret_lines(source), submission, hidden_values)


def secret_lines(source: nbformat.NotebookNode) -> tuple[str, ...]:
    """Every line of ``source``'s hidden tests and solutions, and the marker words, except what
    every learner can read anyway: the released notebook, and the text of the checks, whose
    advice may quote a line of a solution ("end with `return w1, w0, errors`")."""
    public = released_text(source) + "\n" + checks_text()
    lines = [line for cell in source.cells for line in markers.secret_lines(cell.source)]
    kept = [line for line in dict.fromkeys(lines) if len(line) >= MIN_SECRET]
    return (*[line for line in kept if line not in public], *MARKER_WORDS)


def for_student(
    lines: Sequence[str], submission: nbformat.NotebookNode, hidden_values: Iterable[str] = ()
) -> Secrets:
    """Of the lesson's secret ``lines`` and the hidden inputs ``hidden_values``, those the
    student's own cells do not contain: a line the student wrote is theirs to see."""
    written = "\n".join(str(cell.get("source", "")) for cell in submission.cells)
    typed = numbers(written)
    return Secrets(
        tuple(line for line in lines if line not in written),
        frozenset(value for value in hidden_values if value not in typed),
    )


def released_text(source: nbformat.NotebookNode) -> str:
    """Every line of ``source`` outside its solution and hidden-test regions: what nbgrader's
    release gives the students."""
    parts = []
    for cell in source.cells:
        text = markers.without_regions(str(cell.source), markers.HIDDEN_TESTS)
        parts.append(markers.without_regions(text, markers.SOLUTION))
    return "\n".join(parts)


@functools.cache
def checks_text() -> str:
    """The source of the exercises' checks and their messages, which every learner has."""
    import mlcourse.checks
    import mlcourse.feedback

    folder = Path(mlcourse.checks.__file__).parent
    paths = [*sorted(folder.glob("*.py")), Path(mlcourse.feedback.__file__)]
    return "\n".join(path.read_text(encoding="utf-8") for path in paths)


NUMBER = re.compile(r"\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?")
MIN_DIGITS = 8
"""A hidden input printed with fewer significant digits could be anything: it is not sought."""


def printed_forms(value: float) -> set[str]:
    """How a hidden input may be printed (repr, 10 significant digits), without its sign, for
    the forms with at least ``MIN_DIGITS`` digits."""
    forms = {repr(abs(value)), f"{abs(value):.10g}"}
    return {form for form in forms if sum(c.isdigit() for c in form.split("e")[0]) >= MIN_DIGITS}


def numbers(text: str) -> set[str]:
    """Every number written in ``text``, without its sign."""
    return set(NUMBER.findall(text))


def leaks(page: str, secrets: Secrets) -> list[str]:
    """The secrets a rendered page shows."""
    return leaks_in_text(visible_text(page), secrets)


def leaks_in_text(text: str, secrets: Secrets) -> list[str]:
    """The secret lines, and hidden inputs, that ``text`` holds."""
    found = [line for line in secrets.lines if line in text]
    return found + sorted(secrets.values & numbers(text))
