"""A lesson's graded exercises, read from the source notebook's nbgrader metadata, and a student's
submission read against them: which cells run, which cell answers which exercise, and the
notebook the grader keeps in ``autograded/`` for nbgrader's feedback and formgrader.

Cells are matched by their nbgrader cell ids, never by their text. The graded cells of the
source (visible checks and hidden tests), and any cell whose metadata claims to be a graded cell,
never run: the grader makes each exercise's calls itself.
"""

from __future__ import annotations

import ast
import copy
import html
import inspect
import json
import re
import uuid
from dataclasses import dataclass

import nbformat

from mlcourse.check_view import CheckView
from mlcourse.feedback import FAILED_LINE, Exercise
from mlcourse.instructor import redact, tagging
from mlcourse.instructor.limits import GradingLimits
from mlcourse.instructor.safe_text import one_line
from mlcourse.instructor.session import Cell


@dataclass(frozen=True)
class GradedExercise:
    """One exercise of a lesson as the source notebook grades it."""

    name: str
    label: str
    """How messages name it: "exercise 3.2 (`grad_w0`)"."""
    visible_points: float
    hidden_points: float
    visible_seed: int
    """The seed of the cases the notebook's visible check uses."""

    @property
    def ids(self) -> tuple[str, str, str]:
        """The nbgrader cell ids of its answer, visible check and hidden tests."""
        name = self.name
        return tagging.answer_id(name), tagging.check_id(name), tagging.hidden_id(name)

    @property
    def max_score(self) -> float:
        return self.visible_points + self.hidden_points


def nbgrader_id(cell: nbformat.NotebookNode) -> str | None:
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return grade_id if isinstance(grade_id, str) else None


def exercises_of(source: nbformat.NotebookNode, lesson: str) -> list[GradedExercise]:
    """The exercises of a source notebook, in order: every answer cell ``<name>-answer`` with
    its grade cells ``<name>-check`` and ``<name>-hidden``. Raises ValueError when one is
    missing."""
    cells = {nbgrader_id(cell): cell for cell in source.cells if nbgrader_id(cell)}
    number = int(m.group(0)) if (m := re.match(r"\d+", lesson)) else None
    found = []
    for cell in source.cells:
        grade_id = nbgrader_id(cell) or ""
        if not (grade_id.endswith("-answer") and cell.metadata["nbgrader"].get("solution")):
            continue
        name = grade_id.removesuffix("-answer")
        check_id, hidden_id = tagging.check_id(name), tagging.hidden_id(name)
        if check_id not in cells or hidden_id not in cells:
            raise ValueError(f"{lesson}: exercise {name} lacks its {check_id} or {hidden_id} cell")
        position = f"{number}.{len(found) + 1}" if number is not None else str(len(found) + 1)
        found.append(
            GradedExercise(
                name=name,
                label=f"exercise {position} (`{name}`)",
                visible_points=float(cells[check_id].metadata["nbgrader"].get("points", 0)),
                hidden_points=float(cells[hidden_id].metadata["nbgrader"].get("points", 0)),
                visible_seed=visible_seed(cells[check_id].source, name),
            )
        )
    return found


def visible_seed(check_source: str, name: str) -> int:
    """The seed a visible check cell such as ``checks.check_sse(sse)`` uses: its ``seed=``
    argument if it gives one, else the default of the check it calls."""
    try:
        tree = ast.parse(check_source)
    except SyntaxError:
        tree = ast.Module([], [])
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "seed" and isinstance(keyword.value, ast.Constant):
                    return int(keyword.value.value)
    from mlcourse import checks

    check = getattr(checks, f"check_{name}", Exercise.check)
    parameter = inspect.signature(check).parameters.get("seed")
    if parameter is None or not isinstance(parameter.default, int):
        parameter = inspect.signature(Exercise.check).parameters["seed"]
    return int(parameter.default)


@dataclass(frozen=True)
class Prepared:
    """A submitted notebook read, validated, and turned into the cells the sandbox runs."""

    notebook: nbformat.NotebookNode
    cells: list[Cell]
    positions: dict[str, int]
    """Where each exercise's answer cell is in ``cells``."""


def read_notebook(data: bytes, lesson: str, exercises: list[GradedExercise]) -> Prepared | str:
    """The notebook in ``data`` ready to grade, or why it cannot be graded, in words.

    It must be a notebook nbformat accepts, hold only valid Unicode (JSON can spell a lone
    surrogate, which no file can hold) and keep its nbgrader cell metadata. Everything here
    reads student content: the grader runs it in a budgeted worker (:func:`limits.run_stage`).
    """
    name = f"{lesson}.ipynb"
    try:
        notebook = nbformat.reads(data.decode("utf-8"), as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises several kinds for a broken file
        why = one_line(f"{type(error).__name__}: {error}", 200)
        return f"{name} is not a valid notebook ({why})"
    problem = _invalid_unicode(notebook)
    if problem:
        return f"{name} holds text that is not valid Unicode ({problem}): it cannot be graded"
    if not any("nbgrader" in cell.get("metadata", {}) for cell in notebook.cells):
        return (
            f"{name} has lost its nbgrader cell metadata (was the work copied into a new "
            f"notebook?): it cannot be matched to the assignment"
        )
    cells, positions = cells_to_run(notebook, exercises)
    return Prepared(notebook, cells, positions)


def _invalid_unicode(notebook: nbformat.NotebookNode) -> str:
    """Where the notebook holds a lone surrogate, or ""."""
    parts = [(f"cell {i}", cell) for i, cell in enumerate(notebook.cells, 1)]
    for where, part in [*parts, ("its metadata", notebook.metadata)]:
        try:
            json.dumps(part, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return f"a lone surrogate in {where}"
    return ""


def python_code(source: str) -> str:
    """A code cell's source as plain Python: IPython syntax (``%matplotlib inline``, ``!ls``)
    becomes calls of ``get_ipython()``, which the sandbox's runner answers with nothing."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # a cell IPython cannot read: Python reports its syntax error
        return source


def cells_to_run(
    submission: nbformat.NotebookNode, exercises: list[GradedExercise]
) -> tuple[list[Cell], dict[str, int]]:
    """The student's code cells to run, in order, and the position (in that list) of each
    exercise's answer cell.

    Left out: the source's graded cells (visible checks, hidden tests) and any cell whose
    metadata claims to be a grade cell. An exercise whose answer id appears twice is answered by
    the last such cell; one whose answer cell is missing has no position.
    """
    answers = {tagging.answer_id(e.name): e.name for e in exercises}
    graded = {i for e in exercises for i in e.ids[1:]}
    last_answer = {}
    for index, cell in enumerate(submission.cells):
        if cell.cell_type == "code" and nbgrader_id(cell) in answers:
            last_answer[answers[nbgrader_id(cell)]] = index
    cells, positions = [], {}
    for index, cell in enumerate(submission.cells):
        if cell.cell_type != "code":
            continue
        claims_grade = bool(cell.get("metadata", {}).get("nbgrader", {}).get("grade"))
        if nbgrader_id(cell) in graded or claims_grade:
            continue
        name = answers.get(nbgrader_id(cell))
        exercise = name if name is not None and last_answer[name] == index else None
        if exercise is not None:
            positions[exercise] = len(cells)
        cells.append(Cell(index + 1, python_code(str(cell.source)), exercise))
    return cells, positions


# The notebook kept in autograded/ ------------------------------------------------------------


def passed_output(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("stream", name="stdout", text=f"✔ {text}\n")


def failed_output(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output(
        "error", ename="ExerciseFailed", evalue=text, traceback=[f"\x1b[0;31m✘ {text}\x1b[0m"]
    )


def view_outputs(view: CheckView, message: str) -> list[nbformat.NotebookNode]:
    """A check cell's outputs as the notebook shows them: the view (its HTML without the
    ``<style>`` element, which the page's head carries, since the sanitiser keeps no style),
    and for a failure the error nbgrader counts, ``message`` as its value, under one line."""
    shown = nbformat.v4.new_output(
        "display_data", data={"text/plain": view.text(), "text/html": view.html(styled=False)}
    )
    if view.passed:
        return [shown]
    failed = nbformat.v4.new_output(
        "error",
        ename="ExerciseFailed",
        evalue=message,
        traceback=[f"\x1b[0;31m{FAILED_LINE}\x1b[0m"],
    )
    return [shown, failed]


def autograded(
    submission: nbformat.NotebookNode,
    source: nbformat.NotebookNode,
    outputs: dict[str, list[nbformat.NotebookNode]],
    markdown_chars: int = GradingLimits.markdown_chars,
    markdown_total: int = GradingLimits.markdown_total,
    shown: tuple[int, int] = (GradingLimits.page_cells, GradingLimits.page_chars),
) -> nbformat.NotebookNode:
    """The student's notebook as nbgrader keeps it after grading: the student's cells without
    their stored outputs (they were not made by the grader, and may hold anything), markdown as
    sanitized HTML and raw cells as text (formgrader renders this notebook unsanitized), every
    graded cell restored from the source (by cell id, added if the student deleted it) and
    showing ``outputs[cell id]``, nbgrader metadata only where the source has that cell (once).

    A markdown cell longer than ``markdown_chars``, or past ``markdown_total`` characters of
    markdown in all, is shown as plain text: sanitising takes time that grows with the square
    of its misnested tags. Past ``shown`` (cells, characters) of the student's own cells, the
    others are left out and counted in a note where the first was (rendering a page takes time
    that grows with its cells); cells the source has are always kept.
    """
    notebook = copy.deepcopy(submission)
    cells_left, chars_left = shown
    left_out, note_at = 0, None
    sanitising = markdown_total
    by_id = {nbgrader_id(cell): cell for cell in source.cells if nbgrader_id(cell)}
    seen: set[str] = set()
    cells = []
    for cell in notebook.cells:
        grade_id = nbgrader_id(cell)
        if grade_id not in by_id or grade_id in seen:
            cells_left, chars_left = cells_left - 1, chars_left - len(str(cell.source))
            if cells_left < 0 or chars_left < 0:
                left_out += 1
                note_at = len(cells) if note_at is None else note_at
                continue
        cell.get("metadata", {}).pop("nbgrader", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        elif cell.cell_type == "markdown":
            text = str(cell.source)
            if len(text) <= min(markdown_chars, sanitising):
                sanitising -= len(text)
                cell.source = redact.safe_html(text)
            else:
                cell.source = redact.plain_html(text)
            cell.pop("attachments", None)
        else:
            cell.source = html.escape(str(cell.source))
        original = by_id.get(grade_id)
        if original is not None and grade_id not in seen and original.cell_type == cell.cell_type:
            seen.add(grade_id)
            cell.metadata["nbgrader"] = copy.deepcopy(original.metadata["nbgrader"])
            if original.metadata["nbgrader"].get("grade"):
                cell.source = original.source
                cell.outputs = outputs.get(grade_id, [])
        cells.append(cell)
    if left_out:
        note = f"({left_out} more cells of the notebook are not shown on this page.)"
        cells.insert(note_at, nbformat.v4.new_markdown_cell(redact.plain_html(note)))
    for position, original in enumerate(source.cells):
        grade_id = nbgrader_id(original)
        if grade_id is None or grade_id in seen or not original.metadata["nbgrader"].get("grade"):
            continue
        restored = copy.deepcopy(original)
        restored.outputs, restored.execution_count = outputs.get(grade_id, []), None
        if "id" in restored:  # nbformat 4.5 cell ids must stay unique
            restored.id = uuid.uuid4().hex[:12]
        before = nbgrader_id(source.cells[position - 1]) if position else None
        anchor = next((i for i, c in enumerate(cells) if before and nbgrader_id(c) == before), None)
        cells.insert(len(cells) if anchor is None else anchor + 1, restored)
        seen.add(grade_id)
    notebook.cells = cells
    return notebook
