"""The grader's own output in the course folder (``grades.csv``, ``autograded/``, ``feedback/``),
written without following links.

The grader often runs as root, and a link in its output tree may have been planted (by student
code run without the sandbox, or by anyone who could write the course folder): writing through
it would put a page or a CSV wherever it points, and clearing a folder through it would delete
what is there. So every folder on the way is opened relative to its parent without following
links; a link found on the way is removed (the link itself, never what it points to) and a real
folder made in its place; files are created new (``O_EXCL``, never opened through a link) and
moved into place.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def fresh_folder(top: Path, parts: tuple[str, ...]) -> int:
    """An open descriptor of the folder ``top/parts[0]/…/parts[-1]``, made empty: the folders
    on the way are made if missing, and whatever is not a folder there (a link, a file) is
    removed first; the last folder's old content is removed, never through a link. The caller
    closes the descriptor."""
    folder = os.open(top, DIRECTORY)
    try:
        for number, part in enumerate(parts):
            if number == len(parts) - 1:
                remove(folder, part)
            inner = _folder(folder, part)
            os.close(folder)
            folder = inner
    except BaseException:
        os.close(folder)
        raise
    return folder


def folder_of(top: Path, parts: tuple[str, ...]) -> int:
    """An open descriptor of the folder ``top/parts[0]/…/parts[-1]``, its content kept: the
    folders on the way are made if missing, and whatever is not a folder there (a link, a file)
    is removed first. The caller closes the descriptor."""
    folder = os.open(top, DIRECTORY)
    try:
        for part in parts:
            inner = _folder(folder, part)
            os.close(folder)
            folder = inner
    except BaseException:
        os.close(folder)
        raise
    return folder


def clear(top: Path, parts: tuple[str, ...]) -> None:
    """Remove ``top/parts[0]/…/parts[-1]`` if it is there: the folders on the way are opened
    without following links, and the first that is not a folder (a link) is what is removed."""
    folder = os.open(top, DIRECTORY)
    try:
        for part in parts[:-1]:
            try:
                inner = os.open(part, DIRECTORY, dir_fd=folder)
            except FileNotFoundError:
                return
            except OSError:  # a link or a file where a folder belongs
                remove(folder, part)
                return
            os.close(folder)
            folder = inner
        remove(folder, parts[-1])
    finally:
        os.close(folder)


def _folder(parent: int, name: str) -> int:
    with contextlib.suppress(FileExistsError):
        os.mkdir(name, 0o755, dir_fd=parent)
    try:
        return os.open(name, DIRECTORY, dir_fd=parent)
    except OSError:  # a link (ELOOP) or a file (ENOTDIR) where a folder belongs
        remove(parent, name)
        os.mkdir(name, 0o755, dir_fd=parent)
        return os.open(name, DIRECTORY, dir_fd=parent)


def remove(parent: int, name: str) -> None:
    """Remove ``name`` in the open folder ``parent``: a folder with its content (``rmtree``
    with descriptors, which never follows a link), anything else (a link) by unlinking it."""
    try:
        status = os.stat(name, dir_fd=parent, follow_symlinks=False)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(status.st_mode):
        shutil.rmtree(name, dir_fd=parent)
    else:
        os.unlink(name, dir_fd=parent)


def write_file(parent: int, name: str, content: bytes) -> None:
    """Put ``content`` in ``name`` in the open folder ``parent``: written to a new temporary
    file (never opened through a link), then moved over whatever ``name`` was."""
    temporary = f".{name}.{os.urandom(6).hex()}.tmp"
    descriptor = os.open(temporary, NEW_FILE, 0o644, dir_fd=parent)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.replace(temporary, name, src_dir_fd=parent, dst_dir_fd=parent)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=parent)
        raise


def replace_file(path: Path, content: bytes) -> None:
    """Put ``content`` in ``path`` (a file in a folder the grader trusts, like the course
    folder): a new temporary file beside it, moved over ``path`` (a link there is replaced,
    never written through)."""
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
