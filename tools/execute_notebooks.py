"""Re-execute the lessons top to bottom in fresh kernels and store them the way CI compares them.

    make notebooks                         # every notebook in notebooks/
    python tools/execute_notebooks.py notebooks/03_gradients.ipynb

First the nbgrader metadata of every exercise is derived from the cells (mlcourse.instructor.
tagging). Then each notebook runs in a new kernel from its own folder; outputs are stored (PNG
figures), timing and widget-state metadata are dropped so that a re-run changes only what really
changed. The seconds each notebook took are printed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from mlcourse.instructor import tagging

ROOT = Path(__file__).resolve().parent.parent
KEPT_NOTEBOOK_METADATA = ("kernelspec", "language_info")
KEPT_CELL_METADATA = ("nbgrader", "tags")


def clean(notebook: nbformat.NotebookNode) -> None:
    """Drop metadata that changes on every run or carries no meaning for the lesson."""
    notebook.metadata = nbformat.NotebookNode(
        {key: notebook.metadata[key] for key in KEPT_NOTEBOOK_METADATA if key in notebook.metadata}
    )
    notebook.metadata["language_info"] = nbformat.NotebookNode({"name": "python"})
    for cell in notebook.cells:
        cell.metadata = nbformat.NotebookNode(
            {key: cell.metadata[key] for key in KEPT_CELL_METADATA if key in cell.metadata}
        )


def execute(path: Path) -> float:
    """Run ``path`` in a fresh kernel, store it cleaned, return the seconds it took."""
    notebook = nbformat.read(path, as_version=4)
    tagging.tag(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    started = time.perf_counter()
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    seconds = time.perf_counter() - started
    clean(notebook)
    nbformat.validate(notebook)
    nbformat.write(notebook, path)
    return seconds


def main(paths: list[str]) -> None:
    notebooks = [Path(p) for p in paths] or sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    total = 0.0
    for path in notebooks:
        seconds = execute(path)
        total += seconds
        print(f"{seconds:6.1f} s  {path.name}")
    print(f"{total:6.1f} s  in all")


if __name__ == "__main__":
    main(sys.argv[1:])
