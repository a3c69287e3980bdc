"""Derive every lesson's nbgrader cell metadata from its content, so no one writes it by hand.

An exercise is three consecutive code cells:

1. the answer, with ``# BEGIN SOLUTION`` / ``# END SOLUTION``: an autograded answer;
2. the visible check, ``checks.check_<name>(<name>)``: a locked test worth ``VISIBLE_POINTS``;
3. the hidden tests between ``# BEGIN HIDDEN TESTS`` / ``# END HIDDEN TESTS``: a locked test worth
   ``HIDDEN_POINTS``, removed from the students' copy.

Both test cells are also tagged ``raises-exception``: a check reports a wrong or missing answer
by raising, and JupyterLab's Run All (and nbclient) go on past a cell with that tag, so one
unanswered exercise does not stop the rest of the lesson. nbval still compares such a cell's
outputs, so a check that fails in the worked lesson still fails CI. The tag is derived like the
rest: no other cell carries it (a lesson shows an error on purpose by catching it).

The same rules also recognise a student's submission whose metadata was stripped (its answer
cell then holds the student's code instead of the solution markers), so it can still be graded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nbformat

from mlcourse.instructor import markers

VISIBLE_POINTS = 1
HIDDEN_POINTS = 2
SCHEMA_VERSION = 3
RAISES_EXCEPTION = "raises-exception"
"""The cell tag with which Jupyter front ends keep running a notebook after that cell fails."""
CHECK_CALL = re.compile(r"^checks\.check_(\w+)\((\w+)\)\s*$", re.M)


@dataclass(frozen=True)
class Exercise:
    """The cell indices of one exercise in a notebook, and the function it grades."""

    name: str
    answer: int
    check: int
    hidden: int


def find_exercises(notebook: nbformat.NotebookNode) -> list[Exercise]:
    """Every exercise: a visible check cell, the code cell before it and the hidden-test cell
    after it. Raises ValueError when the pattern is broken."""
    cells = notebook.cells
    exercises = []
    for index, cell in enumerate(cells):
        match = CHECK_CALL.search(cell.source) if cell.cell_type == "code" else None
        if not match:
            continue
        name = match.group(1)
        answer, hidden = index - 1, index + 1
        if answer < 0 or cells[answer].cell_type != "code":
            raise ValueError(f"the check of {name} does not follow the code cell with the answer")
        if hidden >= len(cells) or not markers.has(cells[hidden].source, markers.HIDDEN_TESTS):
            raise ValueError(f"the check of {name} is not followed by a hidden-test cell")
        exercises.append(Exercise(name, answer, index, hidden))
    return exercises


def tag(notebook: nbformat.NotebookNode) -> list[Exercise]:
    """Write the nbgrader metadata of every exercise; drop stale nbgrader metadata elsewhere.

    Returns the exercises found. The notebook is changed in place.
    """
    exercises = find_exercises(notebook)
    for cell in notebook.cells:
        cell.metadata.pop("nbgrader", None)
        _set_tag(cell, RAISES_EXCEPTION, False)
    for exercise in exercises:
        cells = notebook.cells
        cells[exercise.answer].metadata["nbgrader"] = _metadata(
            answer_id(exercise.name), solution=True, grade=False, locked=False
        )
        cells[exercise.check].metadata["nbgrader"] = _metadata(
            check_id(exercise.name), solution=False, grade=True, locked=True, points=VISIBLE_POINTS
        )
        cells[exercise.hidden].metadata["nbgrader"] = _metadata(
            hidden_id(exercise.name), solution=False, grade=True, locked=True, points=HIDDEN_POINTS
        )
        for test in (exercise.check, exercise.hidden):
            _set_tag(cells[test], RAISES_EXCEPTION, True)
    return exercises


def answer_id(name: str) -> str:
    """The nbgrader cell id of the answer to exercise ``name``."""
    return f"{name}-answer"


def check_id(name: str) -> str:
    """The nbgrader cell id of the visible check of exercise ``name``."""
    return f"{name}-check"


def hidden_id(name: str) -> str:
    """The nbgrader cell id of the hidden tests of exercise ``name``."""
    return f"{name}-hidden"


def _set_tag(cell: nbformat.NotebookNode, tag: str, present: bool) -> None:
    """Add or remove one tag, keeping the cell's other tags in their order (and no empty list)."""
    tags = [t for t in cell.metadata.get("tags", []) if t != tag] + ([tag] if present else [])
    if tags:
        cell.metadata["tags"] = tags
    else:
        cell.metadata.pop("tags", None)


def _metadata(
    grade_id: str, *, solution: bool, grade: bool, locked: bool, points: int | None = None
) -> dict:
    metadata = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": SCHEMA_VERSION,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        metadata["points"] = points
    return metadata
