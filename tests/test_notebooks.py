"""The lessons as stored: structure, exercises, clean metadata, and no drift from the package.

nbval (run by the same `pytest` command) re-executes every notebook and compares its outputs;
these tests check what nbval does not.
"""

import ast
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

import mlcourse
from mlcourse import checks, plots
from mlcourse.instructor import markers

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9]*.ipynb"))


def load(path):
    return nbformat.read(path, as_version=4)


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def function_nodes(source):
    tree = ast.parse(source.replace("%matplotlib inline", ""))
    return [node for node in tree.body if isinstance(node, ast.FunctionDef)]


def defined_functions(source):
    return [node.name for node in function_nodes(source)]


def lesson_number(path):
    return int(path.name[:2])


def test_eleven_lessons_numbered_in_reading_order():
    assert [lesson_number(p) for p in NOTEBOOKS] == list(range(1, 12))
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", p.name) for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_opens_with_goals_and_ends_with_summary_and_next(path):
    cells = load(path).cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    assert "After this notebook you will be able to" in cells[0].source
    assert cells[-1].cell_type == "markdown" and "## Summary" in cells[-1].source
    index = NOTEBOOKS.index(path)
    later = re.findall(r"\((\d\d_\w+\.ipynb)\)", cells[-1].source)
    later = [name for name in later if int(name[:2]) > lesson_number(path)]
    if index + 1 < len(NOTEBOOKS):
        assert set(later) == {NOTEBOOKS[index + 1].name}, "the summary links to the next lesson"
    else:
        assert later == [], "the last lesson links to no later one"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_markdown_explains_before_code(path):
    cells = load(path).cells
    kinds = [cell.cell_type for cell in cells]
    assert "code,code,code,code" not in ",".join(kinds), "four code cells in a row"
    assert all(len(cell.source.splitlines()) <= 30 for cell in code_cells(load(path))), (
        "a code cell longer than a screen"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_executed_top_to_bottom_with_png_figures(path):
    cells = code_cells(load(path))
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))
    for cell in cells:
        for output in cell.outputs:
            assert output.output_type != "error", cell.source
            assert output.output_type != "stream" or output.name == "stdout", output.text
            assert "image/svg+xml" not in output.get("data", {})
            if "<Figure" in output.get("data", {}).get("text/plain", ""):
                assert "image/png" in output.data


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_clutter_in_metadata(path):
    notebook = load(path)
    assert set(notebook.metadata) <= {"kernelspec", "language_info"}
    assert notebook.metadata.kernelspec.name == "python3"
    for cell in notebook.cells:
        assert set(cell.metadata) <= {"nbgrader", "tags"}, cell.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_lesson_has_checked_exercises(path):
    cells = load(path).cells
    exercises = [
        i for i, cell in enumerate(cells) if markers.regions(cell.source, markers.SOLUTION)
    ]
    assert len(exercises) >= 2
    for i in exercises:
        graded = defined_functions(cells[i].source)[-1]
        task, check = cells[i - 1], cells[i + 1]
        assert task.cell_type == "markdown" and "### Exercise" in task.source
        assert f"checks.check_{graded}({graded})" in check.source
        assert markers.SOLUTION[1] in cells[i].source.splitlines()[-1]


def lesson_definitions():
    """(notebook, cell index, function name) for every function a lesson defines."""
    for path in NOTEBOOKS:
        for index, cell in enumerate(code_cells(load(path))):
            for name in defined_functions(cell.source):
                yield pytest.param(path, index, name, id=f"{path.stem}:{name}")


@pytest.mark.parametrize(("path", "index", "name"), list(lesson_definitions()))
def test_a_lesson_function_behaves_like_the_package(path, index, name):
    """A lesson may re-implement a function to teach it, if a check proves it agrees."""
    namespace = {"np": np, "mc": mlcourse}
    for cell in code_cells(load(path))[: index + 1]:
        definitions = ast.Module(body=function_nodes(cell.source), type_ignores=[])
        exec(compile(definitions, path.name, "exec"), namespace)
    function = namespace[name]
    if hasattr(checks, f"check_{name}"):
        getattr(checks, f"check_{name}")(function)
    elif name in GIVEN_INPUTS:
        # A function the lesson gives (no exercise): it must compute what the package does, at
        # the extremes the lesson talks about, without overflow or an invalid value.
        for argument in GIVEN_INPUTS[name]:
            with np.errstate(over="raise", divide="raise", invalid="raise"):
                mine = function(argument.copy())
            np.testing.assert_allclose(mine, getattr(mlcourse, name)(argument), rtol=1e-12)
    else:
        assert name not in mlcourse.__all__, f"{name} copies the package without a check"
        assert not hasattr(plots, name), f"{name} copies mlcourse.plots"


GIVEN_INPUTS = {
    "linear": [np.array([-3.0, 0.0, 2.5])],
    "sigmoid": [np.array([-800.0, -30.0, -1.0, 0.0, 1.0, 30.0, 800.0])],
    "softmax": [np.array([[1000.0, 1001.0, 999.0], [0.0, 0.0, 0.0], [-5.0, 2.0, 1.0]])],
}
"""Inputs for the package functions a lesson writes out as given cells (not exercises)."""
