"""The worked lessons' namespaces as a learner's answer cell sees them.

``namespaces(lesson)`` runs the lesson's code cells in order, in one namespace, as a fresh
kernel would (matplotlib drawing off screen, ``%`` magics left out, printed output swallowed,
the hidden tests left out as in a learner's copy),
and keeps a copy of the namespace as it stands before each exercise's answer cell, keyed by the
exercise's name (its nbgrader id ``<name>-answer``). The worked solution cells run too, so a
later exercise sees the functions the earlier ones define, as in the lesson.

Used by tools/blind.py (to run answers written elsewhere the way a notebook would) and by the
test that the checks know the lessons' globals (tests/test_check_globals.py).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import json
import warnings
from pathlib import Path
from types import ModuleType

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from mlcourse import lessons


def lesson_path(lesson: str) -> Path:
    """The worked notebook whose stem is ``lesson`` ("07_minibatches") or starts with it ("07")."""
    found = [p for p in lessons.worked_lessons() if p.stem == lesson or p.stem.startswith(lesson)]
    if len(found) != 1:
        raise ValueError(f"no single lesson matches {lesson!r}: {[p.stem for p in found]}")
    return found[0]


def code_of(cell: dict) -> str:
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    return "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%"))


def grade_id(cell: dict) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def answer_name(cell: dict) -> str | None:
    found = grade_id(cell)
    return found.removesuffix("-answer") if found.endswith("-answer") else None


def snapshot(namespace: dict) -> dict:
    """A copy of the namespace that later cells cannot change: values copied, modules and
    functions shared."""
    copied = {}
    for name, value in namespace.items():
        if isinstance(value, ModuleType) or callable(value) or name.startswith("__"):
            copied[name] = value
            continue
        try:
            copied[name] = copy.deepcopy(value)
        except Exception:
            copied[name] = value
    return copied


@functools.cache
def namespaces(lesson: str) -> dict[str, dict]:
    """{exercise name: the namespace before its answer cell} for one worked lesson."""
    path = lesson_path(lesson)
    notebook = json.loads(path.read_text())
    namespace: dict = {"__name__": "__main__"}
    found = {}
    for number, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code" or grade_id(cell).endswith("-hidden"):
            continue  # a learner's notebook has no hidden tests
        name = answer_name(cell)
        if name is not None:
            found[name] = snapshot(namespace)
        with (
            contextlib.redirect_stdout(io.StringIO()),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")
            exec(compile(code_of(cell), f"<{path.stem} cell {number}>", "exec"), namespace)
        plt.close("all")
    return found


def lesson_of(exercise: str) -> str:
    """The stem of the worked lesson that holds ``exercise``'s answer cell."""
    for path in lessons.worked_lessons():
        notebook = json.loads(path.read_text())
        if any(answer_name(cell) == exercise for cell in notebook["cells"]):
            return path.stem
    raise ValueError(f"no lesson has an answer cell for {exercise!r}")
