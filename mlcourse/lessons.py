"""The lessons as a learner gets them: the worked notebooks that ship with the package, and a
folder of the learner's own holding their exercise form.

The exercise form is what nbgrader's release gives students (``mlcourse assign``), made here
without nbgrader, which a learner's install does not have: each solution region becomes
``# YOUR CODE HERE`` / ``raise NotImplementedError()``, hidden tests are removed, every output is
cleared (a stored ✔, or a number printed from a solution further down, would give the answer
away) and the cells that hold checks are locked, as nbgrader locks them. ``tests/test_lessons.py``
proves it equal to nbgrader's release, cell by cell.

Both forms are written exactly as JupyterLab saves them (nbformat's JSON, and the ``language_info``
this Python's kernel reports), so opening one does not mark it unsaved. The worked copy
(``solutions``) opens with a banner saying what it is, and its files are read-only.

A learner's folder is written once and then left alone: a lesson whose cell sources the learner
has changed is never overwritten without ``force`` (and even then the old version is kept in
``.backup/``); running cells (outputs, execution counts) is not a change. A lesson whose sources
are as they were written is brought up to date when the course changes, also after the learner
restored a changed one to the text the course wrote.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
import re
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

LESSON_FILES = "[0-9]*.ipynb"
CODE_STUB = ["# YOUR CODE HERE", "raise NotImplementedError()"]
TEXT_STUB = ["YOUR ANSWER HERE"]
SOLUTION = ("BEGIN SOLUTION", "END SOLUTION")
REMOVED = (("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"), ("BEGIN MARK SCHEME", "END MARK SCHEME"))
CLEARED_CELL_METADATA = ("collapsed", "scrolled")
MANIFEST = ".mlcourse-lessons.json"
"""Per lesson, the fingerprints of what was written (its cell sources, and its whole text), to
tell a learner's changes from ours and the course's changes from neither."""
BACKUP = ".backup"
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
"""The mode of the worked copies: nobody saves over the answer key by accident."""
BANNER_ID = "mlcourse-worked-solutions"
BANNER = """\
<div class="alert alert-warning">
<b>Worked solutions: the answer key, read-only.</b> Every exercise below is answered. Try each
one first in your own copy of the lessons (the one <code>make lab</code> or
<code>mlcourse lessons</code> wrote), then compare. You can run these cells; your work belongs in
your own copy.
</div>"""

_PACKAGE = Path(__file__).resolve().parent


class LessonError(ValueError):
    """The lessons cannot be found, read or written; the message says why."""


@dataclass(frozen=True)
class Written:
    """What happened to one lesson in a learner's folder.

    ``action`` is ``"written"`` (it was missing), ``"unchanged"``, ``"updated"`` (the learner had
    not changed it and the course had), ``"kept"`` (the learner changed it: left alone) or
    ``"reset"`` (overwritten by ``force``; ``backup`` holds the learner's version).
    """

    name: str
    action: str
    backup: Path | None = None


def lessons_folder() -> Path:
    """The folder of the worked lesson notebooks.

    A wheel ships them as ``mlcourse/notebooks/`` (built from the repository's ``notebooks/``); a
    clone of the repository (or an editable install of it) has ``notebooks/`` beside the package.
    """
    for folder in (_PACKAGE / "notebooks", _PACKAGE.parent / "notebooks"):
        if any(folder.glob(LESSON_FILES)):
            return folder
    return _PACKAGE / "notebooks"


def worked_lessons() -> list[Path]:
    """The worked lesson notebooks in reading order; LessonError when there are none."""
    paths = sorted(lessons_folder().glob(LESSON_FILES))
    if not paths:
        raise LessonError(
            f"no lesson notebooks in {lessons_folder()}: the installation is incomplete "
            f"(reinstall mlcourse)"
        )
    return paths


def read(path: Path) -> dict:
    """A notebook as plain JSON data (nbformat 4), without needing nbformat installed."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LessonError(f"cannot read {path}: {error}") from error
    if not isinstance(notebook, dict) or notebook.get("nbformat") != 4:
        raise LessonError(f"{path} is not a version 4 notebook")
    return notebook


def dumps(notebook: dict) -> str:
    """The notebook as nbformat writes it: sorted keys, one-space indents, sources as lines."""
    stored = copy.deepcopy(notebook)
    for cell in stored["cells"]:
        cell["source"] = _text(cell["source"]).splitlines(keepends=True)
    return json.dumps(stored, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def exercise_form(notebook: dict, name: str = "the notebook") -> dict:
    """The notebook as students get it: stubs for solutions, no hidden tests, no outputs.

    Follows nbgrader's release (ClearSolutions, ClearHiddenTests, ClearMarkScheme, ClearOutput,
    LockCells) for the cells the lessons use; checksums, which only matter to nbgrader's
    autograder, are not added. ``notebook`` is not changed. Raises LessonError for an unclosed or
    nested region, naming ``name`` and the cell.
    """
    exercise = copy.deepcopy(notebook)
    for index, cell in enumerate(exercise["cells"]):
        where = f"{name}, cell {index + 1}"
        source = _text(cell["source"])
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        stub = CODE_STUB if cell["cell_type"] == "code" else TEXT_STUB
        lines, replaced = _replace_regions(source.split("\n"), SOLUTION, stub, where)
        if nbgrader.get("solution") and not replaced:
            lines = list(stub)
        for region in REMOVED:
            lines, _ = _replace_regions(lines, region, None, where)
        cell["source"] = "\n".join(lines)
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
            for key in CLEARED_CELL_METADATA:
                cell["metadata"].pop(key, None)
        _lock(cell, nbgrader)
    return exercise


def _text(source: str | list[str]) -> str:
    return source if isinstance(source, str) else "".join(source)


def _replace_regions(
    lines: list[str], region: tuple[str, str], stub: list[str] | None, where: str
) -> tuple[list[str], bool]:
    """Replace every ``region`` (its delimiter lines included) with ``stub`` indented like the
    opening line, or remove it when ``stub`` is None; say whether there was one."""
    begin, end = region
    kept, inside, found = [], False, False
    for line in lines:
        if begin in line:
            if inside:
                raise LessonError(f"{where}: '{begin}' inside another '{begin}'")
            inside = found = True
            indent = re.match(r"\s*", line).group(0)
            kept += [indent + stub_line for stub_line in stub or []]
        elif end in line:
            inside = False
        elif not inside:
            kept.append(line)
    if inside:
        raise LessonError(f"{where}: '{begin}' without '{end}'")
    return kept, found


def _lock(cell: dict, nbgrader: dict) -> None:
    """Keep answers in place and checks unedited, as nbgrader's LockCells does."""
    if nbgrader.get("solution"):
        cell["metadata"]["deletable"] = False
    elif nbgrader.get("grade") or nbgrader.get("locked"):
        cell["metadata"]["deletable"] = False
        cell["metadata"]["editable"] = False


def with_banner(notebook: dict) -> dict:
    """The worked notebook as the answer key: a locked banner cell first, saying what it is."""
    banner = {
        "cell_type": "markdown",
        "id": BANNER_ID,
        "metadata": {"deletable": False, "editable": False},
        "source": BANNER,
    }
    marked = without_banner(copy.deepcopy(notebook))
    marked["cells"].insert(0, banner)
    return marked


@functools.cache
def kernel_language_info() -> dict:
    """The ``language_info`` this Python's IPython kernel reports, which JupyterLab writes into
    a notebook's metadata when the kernel starts (marking it unsaved if it differs); without
    ipykernel, the name alone, as the lessons store it."""
    try:
        from ipykernel.ipkernel import IPythonKernel
    except ImportError:
        return {"name": "python"}
    return copy.deepcopy(IPythonKernel.language_info)


def as_jupyterlab_saves(notebook: dict) -> str:
    """The notebook's text exactly as JupyterLab would save it after opening it with this
    Python's kernel: opening it changes nothing."""
    opened = copy.deepcopy(notebook)
    opened["metadata"]["language_info"] = kernel_language_info()
    return dumps(opened)


def without_banner(notebook: dict) -> dict:
    """The notebook without the answer key's banner (for a lesson to assign); changed in place."""
    notebook["cells"] = [c for c in notebook["cells"] if c.get("id") != BANNER_ID]
    return notebook


def lesson_text(path: Path, solutions: bool = False, answer_key: bool = True) -> str:
    """What a learner's folder holds for the worked lesson ``path``: its exercise form, or with
    ``solutions`` the worked version itself, under its banner unless ``answer_key`` is false."""
    notebook = read(path)
    if not solutions:
        return as_jupyterlab_saves(exercise_form(notebook, path.name))
    return as_jupyterlab_saves(with_banner(notebook) if answer_key else notebook)


def source_fingerprint(content: bytes) -> str | None:
    """A hash of a notebook's cells as the learner writes them (type and source of each, in
    order): outputs, execution counts and metadata do not count. None when ``content`` is not a
    notebook."""
    try:
        notebook = json.loads(content)
        cells = [(c["cell_type"], _text(c["source"])) for c in notebook["cells"]]
    except (ValueError, TypeError, KeyError):
        return None
    return _digest(json.dumps(cells, ensure_ascii=False).encode("utf-8"))


def select(paths: list[Path], wanted: list[str]) -> list[Path]:
    """The lessons named in ``wanted`` ("3", "03", "03_gradients" or the file name); all of them
    when ``wanted`` is empty or says "all". Raises LessonError for a name that is no lesson."""
    if not wanted or "all" in wanted:
        return list(paths)
    chosen = []
    for name in wanted:
        matches = [p for p in paths if _names(p, name)]
        if not matches:
            known = ", ".join(p.stem for p in paths)
            raise LessonError(f"no lesson {name!r}: the lessons are {known} (or all)")
        chosen += [p for p in matches if p not in chosen]
    return sorted(chosen)


def _names(path: Path, name: str) -> bool:
    number = path.stem.split("_")[0]
    same_number = name.isdigit() and number.isdigit() and int(name) == int(number)
    return name in (path.stem, path.name) or same_number


OpenIn = Callable[[list[Path]], dict[Path, str]]
"""Which of some notebooks a running Jupyter has open, and where: ``mlcourse.open_notebooks``."""


def write_lessons(
    folder: Path,
    *,
    solutions: bool = False,
    answer_key: bool = True,
    force: bool = False,
    only: list[str] | None = None,
    open_in: OpenIn | None = None,
) -> list[Written]:
    """Write the lessons into ``folder``: the exercise forms, or the worked versions with
    ``solutions``: an answer key (banner, read-only files), or, with ``answer_key`` false, the
    lessons as the course keeps them, for an instructor to edit. Returns what happened to each
    lesson.

    A missing lesson is written; one whose cell sources the learner has changed is kept unless
    ``force`` is given (its old version then goes to ``folder/.backup/``); one whose sources are
    as written is updated when the course has changed (outputs of cells the learner ran are then
    replaced; when the course has not changed, the file is left as it is). ``only`` limits the
    work to some lessons (see :func:`select`). ``open_in`` tells which lessons a running Jupyter
    has open: ``force`` then refuses, before writing anything, to reset one of them (the open
    tab's next save would put the learner's version back).
    """
    paths = select(worked_lessons(), only or [])
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise LessonError(f"{folder} exists and is not a folder")
    mode = READ_ONLY if solutions and answer_key else None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        manifest = _read_manifest(folder)
        planned = [
            (path, lesson_text(path, solutions, answer_key).encode("utf-8")) for path in paths
        ]
        if force and open_in is not None:
            _refuse_to_reset_open_lessons(folder, planned, manifest, open_in)
        results = []
        for path, content in planned:
            written = _write_one(folder / path.name, content, manifest, force, mode)
            if written.action != "kept":
                manifest[path.name] = _record(content)
            results.append(written)
        _atomic_write(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    except OSError as error:
        raise LessonError(f"cannot write the lessons to {folder}: {_reason(error)}") from error
    return results


def _record(content: bytes) -> dict[str, str]:
    return {"sources": source_fingerprint(content), "text": _digest(content)}


def _learner_changed(current: bytes, recorded: object) -> bool:
    """Whether the learner changed the sources of a lesson written as ``recorded``. A record of
    an earlier version of this module is the digest of the whole text."""
    if isinstance(recorded, dict):
        return source_fingerprint(current) != recorded.get("sources")
    return _digest(current) != recorded


def _course_changed(content: bytes, recorded: object) -> bool:
    return not isinstance(recorded, dict) or _digest(content) != recorded.get("text")


def _action(target: Path, content: bytes, manifest: dict, force: bool) -> str:
    """What writing ``content`` to ``target`` does: written, unchanged, updated, kept or reset."""
    if not target.exists():
        return "written"
    current = target.read_bytes()
    if current == content:
        return "unchanged"
    recorded = manifest.get(target.name)
    if recorded is not None and not _learner_changed(current, recorded):
        return "updated" if _course_changed(content, recorded) else "unchanged"
    return "reset" if force else "kept"


def _write_one(
    target: Path, content: bytes, manifest: dict, force: bool, mode: int | None
) -> Written:
    action = _action(target, content, manifest, force)
    backup = _backup(target) if action == "reset" else None
    if action in ("written", "updated", "reset"):
        _atomic_write(target, content, mode)
    return Written(target.name, action, backup)


def _refuse_to_reset_open_lessons(
    folder: Path, planned: list[tuple[Path, bytes]], manifest: dict, open_in: OpenIn
) -> None:
    resets = [
        folder / path.name
        for path, content in planned
        if _action(folder / path.name, content, manifest, force=True) == "reset"
    ]
    opened = open_in(resets) if resets else {}
    if opened:
        where = "; ".join(f"{path.name} in the Jupyter at {url}" for path, url in opened.items())
        raise LessonError(
            f"open now: {where}. Close it there first (File > Close and Shut Down Notebook), "
            f"or its next save would undo the reset; nothing was reset"
        )


def _read_manifest(folder: Path) -> dict[str, object]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}  # no record (or a damaged one): treat every differing lesson as the learner's
    return manifest if isinstance(manifest, dict) else {}


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _backup(target: Path) -> Path:
    """Copy the learner's version aside, under a name no other backup has (a copy, so that the
    lesson is never missing, even if what follows fails)."""
    folder = target.parent / BACKUP
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    backup = folder / f"{target.stem}.{stamp}{target.suffix}"
    count = 1
    while backup.exists():
        count += 1
        backup = folder / f"{target.stem}.{stamp}-{count}{target.suffix}"
    shutil.copy2(target, backup)
    return backup


def _atomic_write(target: Path, content: str | bytes, mode: int | None = None) -> None:
    """Replace ``target`` in one step, so an interrupted write never leaves half a notebook;
    ``mode`` sets the new file's permissions (it replaces a read-only file all the same)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as file:
            file.write(data)
        if mode is not None:
            os.chmod(temporary, mode)
        if os.name == "nt" and target.exists():  # Windows will not replace a read-only file
            os.chmod(target, stat.S_IWRITE | stat.S_IREAD)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _reason(error: OSError) -> str:
    return f"{error.strerror} ({error.filename})" if error.strerror else str(error)
