"""Feedback that shows neither hidden tests nor solutions, and runs nothing from a student.

Hidden tests are removed by cell identity: only the instructor's own test cells (nbgrader grade
cells that are not answers, whose source the grader restores from ``source/``) are redacted, so
a student's code is never taken for a hidden test. A guard then reads the rendered page: a line
of the hidden tests or of the worked solutions that the student did not write themselves must not
appear in it (:func:`secret_lines`, :func:`leaks`). Student markdown and outputs are sanitized
(``HTMLExporter.sanitize_html``): no scripts, event handlers or ``javascript:`` links.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets.config import Config

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
                if output.output_type == "error":
                    output.traceback = [f"Hidden tests failed: {output.ename}: {output.evalue}"]
                elif output.output_type == "stream" and output.name == "stderr":
                    continue
                outputs.append(output)
            cell.outputs = outputs
        return cell, resources


FEEDBACK_PREPROCESSORS = [
    "nbgrader.preprocessors.GetGrades",
    "mlcourse.instructor.redact.RedactHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]


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
    config.HTMLExporter.preprocessors = FEEDBACK_PREPROCESSORS
    return config


def render(notebook_path: Path, db_url: str, lesson: str, student: str) -> str:
    """The feedback page of an autograded notebook, scores read from the gradebook."""
    exporter = HTMLExporter(config=feedback_config())
    resources = {
        "unique_key": lesson,
        "output_files_dir": f"{lesson}_files",
        "nbgrader": {
            "student": student,
            "assignment": lesson,
            "notebook": notebook_path.stem,
            "db_url": db_url,
        },
    }
    page, _ = exporter.from_filename(str(notebook_path), resources=resources)
    return page


def visible_text(page: str) -> str:
    """The text a reader sees in an HTML page: highlighting splits code into many tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def secret_lines(source: nbformat.NotebookNode, submission: nbformat.NotebookNode) -> list[str]:
    """Lines of the source's hidden tests and solutions that must not reach a student's page:
    all of them (and the marker words) except what the student's own cells contain."""
    written = "\n".join(str(cell.get("source", "")) for cell in submission.cells)
    lines = [line for cell in source.cells for line in markers.secret_lines(cell.source)]
    secrets = [line for line in dict.fromkeys(lines) if len(line) >= MIN_SECRET]
    return [line for line in [*secrets, *MARKER_WORDS] if line not in written]


def leaks(page: str, secrets: list[str]) -> list[str]:
    """The secret lines a rendered page shows."""
    text = visible_text(page)
    return [line for line in secrets if line in text]


def write_page(path: Path, page: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(page)
    os.replace(temporary, path)
