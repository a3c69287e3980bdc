"""Run every lesson's exercise copy (what `make lab` writes) top to bottom in a fresh kernel, as
JupyterLab's Run All does, and list the cells outside the exercises that fail.

    python tools/exercise_copies.py            # every lesson
    python tools/exercise_copies.py 03 5       # some of them

In the exercise copy every answer is a stub that raises ``NotImplementedError`` when called (as
nbgrader's release makes it), and every check reports that by raising ``ExerciseFailed``: the
check cells carry the ``raises-exception`` tag, so Run All goes on past them. The rest of the
lesson must then run by itself. A cell that fails is listed with what it needs: the learner's
functions it calls (directly or through a function the lesson defines), or the earlier failing
cells that should have defined a name it uses. ``tests/test_exercise_copies.py`` runs this.
"""

from __future__ import annotations

import ast
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from mlcourse import lessons

CELL_TIMEOUT = 120
"""Seconds one cell may run (lesson 5's slowest cell takes a few on a loaded machine)."""
MAGIC = re.compile(r"^\s*[%!].*$", re.M)
UNDEFINED = re.compile(r"name '(\w+)' is not defined")


@dataclass(frozen=True)
class CellFailure:
    """A cell outside the exercises that failed in the exercise copy.

    ``cell`` counts every cell from 1, markdown included (as JupyterLab numbers them when line
    numbers of the notebook are shown, and as the grader's notes do); ``calls`` are the learner's
    functions the cell uses; ``after`` the earlier failing cells that define a name it needed.
    """

    lesson: str
    cell: int
    error: str
    calls: tuple[str, ...] = ()
    after: tuple[int, ...] = ()

    def describe(self) -> str:
        needs = []
        if self.calls:
            needs.append("calls the learner's " + ", ".join(f"{name}()" for name in self.calls))
        if self.after:
            needs.append("needs what cell " + ", ".join(map(str, self.after)) + " failed to define")
        return f"{self.lesson} cell {self.cell}: {self.error}" + (
            f" ({'; '.join(needs)})" if needs else ""
        )


@dataclass
class Run:
    """One exercise copy after Run All: the executed notebook, and what failed in it."""

    lesson: str
    notebook: nbformat.NotebookNode
    failures: list[CellFailure] = field(default_factory=list)

    def errors(self, index: int) -> list[str]:
        """The exception names of the error outputs of cell ``index`` (0-based)."""
        cell = self.notebook.cells[index]
        return [o.ename for o in cell.get("outputs", []) if o.output_type == "error"]

    def exercise_cells(self, role: str) -> list[int]:
        """Indices of the cells of one nbgrader role: "answer", "check" or "hidden"."""
        return [
            index
            for index, cell in enumerate(self.notebook.cells)
            if cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith(f"-{role}")
        ]


def exercise_copy(path: Path) -> nbformat.NotebookNode:
    """The exercise copy of the worked lesson ``path``, exactly as `mlcourse lessons` writes it."""
    return nbformat.reads(lessons.lesson_text(path), as_version=4)


def run(path: Path, workdir: Path) -> Run:
    """Execute the exercise copy of ``path`` in a fresh kernel from ``workdir``; every cell runs
    (errors are recorded, not raised), as Run All does when failing cells are tagged."""
    notebook = exercise_copy(path)
    NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        allow_errors=True,
        record_timing=False,
        resources={"metadata": {"path": str(workdir)}},
    ).execute()
    result = Run(path.stem, notebook)
    result.failures = failures(result)
    return result


def code(cell: nbformat.NotebookNode) -> ast.Module:
    return ast.parse(MAGIC.sub("", cell.source))


def names_used(tree: ast.AST) -> set[str]:
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


def names_defined(tree: ast.Module) -> set[str]:
    defined = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defined.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            defined.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return defined


def learner_functions(notebook: nbformat.NotebookNode) -> dict[str, set[str]]:
    """For every function the notebook defines, the learner's functions it reaches: itself for a
    function an answer cell defines, the ones it calls (however indirectly) for a lesson's own."""
    answers, lesson = {}, {}
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        is_answer = cell.metadata.get("nbgrader", {}).get("solution", False)
        for node in code(cell).body:
            if isinstance(node, ast.FunctionDef):
                (answers if is_answer else lesson)[node.name] = names_used(node)
    reaches = {name: {name} for name in answers}
    changed = True
    while changed:  # a lesson function reaches what the functions it uses reach
        changed = False
        for name, used in lesson.items():
            found = set().union(*(reaches.get(u, set()) for u in used if u != name))
            if not found <= reaches.get(name, set()):
                reaches[name] = reaches.get(name, set()) | found
                changed = True
    return reaches


def failures(result: Run) -> list[CellFailure]:
    """Every failing cell outside the exercises, with the learner functions it calls and the
    earlier failing cells that should have defined a name it uses."""
    notebook = result.notebook
    reaches = learner_functions(notebook)
    found: list[CellFailure] = []
    defined_by_failed: dict[str, int] = {}
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or "nbgrader" in cell.metadata:
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if not errors:
            continue
        tree = code(cell)
        used = names_used(tree)
        calls = sorted(set().union(*(reaches.get(name, set()) for name in used)))
        missing = UNDEFINED.findall(errors[0].evalue)
        after = sorted({defined_by_failed[n] for n in missing if n in defined_by_failed})
        error = errors[0].ename + (f": {errors[0].evalue}" if errors[0].evalue else "")
        found.append(CellFailure(result.lesson, index + 1, error, tuple(calls), tuple(after)))
        for name in names_defined(tree):
            defined_by_failed.setdefault(name, index + 1)
    return found


def main(wanted: list[str]) -> int:
    paths = lessons.select(lessons.worked_lessons(), wanted)
    count = 0
    with tempfile.TemporaryDirectory() as workdir:
        for path in paths:
            result = run(path, Path(workdir))
            count += len(result.failures)
            for failure in result.failures:
                print(failure.describe())
    print(f"{count} failing cells outside the exercises in {len(paths)} exercise copies")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
