"""The feedback page of one graded submission, and the notebook nbgrader keeps beside it.

Made in a budgeted worker (:func:`limits.run_stage`), since it sanitises and renders what the
student wrote. The leak guard reads the rendered page: when it finds a line of the hidden tests
or solutions, or a hidden input, that the student could not have seen, the passages that show
it are withheld and the page is rendered again; the scores stand, and the instructor is told.
Only a page that still leaks is withheld as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import nbformat

from mlcourse.instructor import redact
from mlcourse.instructor.submission import autograded, failed_output

WITHHELD = (
    "(withheld: this passage would have shown a line of the hidden tests or the solutions; "
    "your instructor has been told)"
)


@dataclass(frozen=True)
class Page:
    """What the grader writes for one submission: the notebook for ``autograded/``, the page
    for ``feedback/`` (None when it is withheld as a whole) and where passages were withheld."""

    notebook: nbformat.NotebookNode
    html: str | None
    withheld: tuple[str, ...] = ()


def feedback_page(
    submission: bytes | nbformat.NotebookNode,
    source: nbformat.NotebookNode,
    outputs: dict[str, list[nbformat.NotebookNode]],
    where: tuple[str, str, str],
    secret: tuple[tuple[str, ...], frozenset[str]],
    markdown: tuple[int, int],
) -> Page:
    """The page of ``submission`` (the notebook, or its bytes as handed in, already found
    valid) graded against ``source`` (``outputs`` by grade cell id); ``where`` is (gradebook
    URL, lesson, student); ``secret`` the lesson's secret lines (:func:`redact.secret_lines`)
    and the hidden inputs as they may be printed; ``markdown`` the caps of sanitised markdown
    (per cell, in all)."""
    db_url, lesson, student = where
    if isinstance(submission, bytes):
        submission = nbformat.reads(submission.decode("utf-8"), as_version=4)
    secrets = redact.for_student(secret[0], submission, secret[1])
    notebook = autograded(submission, source, outputs, *markdown)
    html = redact.render(notebook, db_url, lesson, student)
    if not redact.leaks(html, secrets):
        return Page(notebook, html)
    withheld = withhold(notebook, secrets)
    html = redact.render(notebook, db_url, lesson, student)
    if redact.leaks(html, secrets):
        return Page(notebook, None, (*withheld, "the whole page"))
    return Page(notebook, html, withheld)


def withhold(notebook: nbformat.NotebookNode, secrets: redact.Secrets) -> tuple[str, ...]:
    """Replace every output, and every source outside the instructor's test cells (whose hidden
    regions the page's redaction removes), that holds a secret; say where, cell by cell."""
    where = []
    for number, cell in enumerate(notebook.cells, 1):
        changed = False
        for index, output in enumerate(cell.get("outputs", [])):
            if redact.leaks_in_text(_text_of(output), secrets):
                cell.outputs[index] = (
                    failed_output(WITHHELD)
                    if output.output_type == "error"
                    else nbformat.v4.new_output("stream", name="stdout", text=WITHHELD + "\n")
                )
                changed = True
        if not redact.is_instructor_test(cell) and redact.leaks_in_text(cell.source, secrets):
            cell.source = WITHHELD if cell.cell_type != "code" else f"# {WITHHELD}"
            changed = True
        if changed:
            where.append(f"cell {number}")
    return tuple(where)


def _text_of(output: nbformat.NotebookNode) -> str:
    parts = [str(output.get("text", "")), str(output.get("evalue", ""))]
    parts += [str(line) for line in output.get("traceback", [])]
    parts += [str(value) for value in output.get("data", {}).values()]
    return "\n".join(parts)
