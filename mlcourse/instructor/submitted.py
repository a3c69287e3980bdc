"""The one reader of ``submitted/``: what students handed in, read once, never trusted.

The grader runs outside the sandbox, often as root, and students make the files it reads (on a
hub, ``nbgrader collect`` copies their folders as they are). So the folder is walked through
directory file descriptors without following any link: a student folder, a lesson folder or a
file that is a symbolic link is refused, never followed; only regular files are opened (without
blocking: a FIFO is refused, not waited on), each under a size cap, and read once. The same read
gives the grader the submission and the digests that prove afterwards that nothing in the folder
was changed during grading (:meth:`SubmissionFolder.restore` puts back what was, which only
student code outside a sandbox could do).

Layout: ``submitted/<student>/<lesson>/<lesson>.ipynb``, with nbgrader's optional
``timestamp.txt`` and ``submission_secret.txt`` beside it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mlcourse.instructor.limits import GradingLimits, MiB
from mlcourse.instructor.safe_text import printable

TIMESTAMP = "timestamp.txt"
EXCHANGE_FILES = (TIMESTAMP, "submission_secret.txt")
"""Files nbgrader's exchange keeps beside a submission (and ``release_feedback`` beside a page)."""
MAX_DEPTH = 16
"""Folders inside a student folder that are walked (deeper ones are watched as folders only)."""
CHUNK = 1024**2
DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
FILE |= getattr(os, "O_CLOEXEC", 0)


class FolderError(Exception):
    """``submitted/`` itself cannot be read (a link, not a folder): the message says why."""


@dataclass(frozen=True)
class Submission:
    """One student's lesson as handed in: what the grader reads of it, and its digest."""

    student: str
    lesson: str
    digest: str
    """SHA-256 of the notebook's bytes."""
    timestamp: str | None
    """What ``timestamp.txt`` says (already checked to be a date), or None."""
    exchange: tuple[tuple[str, bytes], ...] = ()
    """nbgrader's exchange files as read, to be put beside the feedback page."""


@dataclass(frozen=True)
class Refusal:
    """A submission that is not graded, and why, in words. ``lesson`` is "" when a student
    folder is refused as a whole."""

    student: str
    lesson: str
    reason: str


@dataclass
class _Entry:
    """One thing in ``submitted/`` as it was: a folder, a file (its digest, and its bytes when
    they are kept), a link (where it points) or something else (its kind)."""

    kind: str
    digest: str = ""
    content: bytes | None = None
    target: str = ""
    mode: int = 0o644


@dataclass
class SubmissionFolder:
    """``submitted/`` of a course, for the lessons ``lessons``, read with ``limits``' caps."""

    root: Path
    lessons: Sequence[str]
    limits: GradingLimits = field(default_factory=GradingLimits)
    entries: dict[tuple[str, ...], _Entry] = field(default_factory=dict)
    """Everything read, by its path under ``submitted/`` (a tuple of names)."""
    inside: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    """The names in each folder read."""
    notes: dict[str, str] = field(default_factory=dict)
    """By student: what could not be watched for changes (too many files), in words."""
    _kept: int = 0

    def read(self) -> list[Submission | Refusal]:
        """Walk the folder once; return every submission of a known lesson, or why it is
        refused. Raises FolderError when ``submitted/`` itself is a link or not a folder."""
        try:
            root = os.open(self.root, DIRECTORY)
        except FileNotFoundError:
            return []
        except OSError as error:
            why = "a symbolic link" if self.root.is_symlink() else _why(error)
            raise FolderError(f"{self.root} is not a folder ({why})") from None
        found: list[Submission | Refusal] = []
        try:
            for name, kind in _listing(root):
                if name.startswith("."):
                    continue
                student = printable(name)
                if not _is_text(name):
                    found.append(Refusal(student, "", "the folder's name is not valid UTF-8"))
                    continue
                if kind == "link":
                    self.entries[(name,)] = _Entry("link", target=_link(root, name))
                    found.append(Refusal(student, "", f"submitted/{student} is {_A[kind]}"))
                    continue
                if kind != "folder":
                    continue
                found += self._student(root, name)
        finally:
            os.close(root)
        return found

    def _student(self, root: int, name: str) -> list[Submission | Refusal]:
        student = printable(name)
        try:
            folder = os.open(name, DIRECTORY, dir_fd=root)
        except OSError as error:
            return [Refusal(student, "", f"submitted/{student} cannot be read ({_why(error)})")]
        try:
            self._walk(folder, (name,), 0, [0])
        finally:
            os.close(folder)
        found: list[Submission | Refusal] = []
        for lesson in self.lessons:
            kind = self.entries.get((name, lesson), _Entry("missing")).kind
            if kind == "missing":
                continue
            if kind != "folder":
                where = f"submitted/{student}/{lesson}"
                found.append(Refusal(student, lesson, f"{where} is {_A[kind]}, not a folder"))
                continue
            found.append(self._submission(name, lesson))
        return found

    def _walk(self, folder: int, path: tuple[str, ...], depth: int, watched: list[int]) -> None:
        """Record every entry under ``folder`` (whose path is ``path``), reading regular files;
        ``watched`` counts the entries of this student folder so far. What grading needs (the
        lesson folders, their notebooks and exchange files) is read first, whatever the cap."""
        self.entries[path] = _Entry("folder")
        self.inside[path] = []
        first = (*self.lessons, *[f"{lesson}.ipynb" for lesson in self.lessons], *EXCHANGE_FILES)
        for name, kind in _listing(folder, first):
            if watched[0] >= self.limits.folder_entries and name not in first:
                self.notes[path[0]] = (
                    f"submitted/{printable(path[0])} holds more than "
                    f"{self.limits.folder_entries} files and folders: the others are not read"
                )
                return
            watched[0] += 1
            self.inside[path].append(name)
            here = (*path, name)
            if kind == "folder" and depth < MAX_DEPTH:
                with _opened(folder, name, DIRECTORY) as inner:
                    if inner is not None:
                        self._walk(inner, here, depth + 1, watched)
                        continue
            if kind == "file":
                self.entries[here] = self._read_file(folder, name)
            elif kind == "link":
                self.entries[here] = _Entry("link", target=_link(folder, name))
            else:
                self.entries[here] = _Entry(kind)

    def _read_file(self, folder: int, name: str) -> _Entry:
        """A regular file's digest, and its bytes while the class's budget lasts; a larger file
        than a notebook may be is recorded by size and times only, never read."""
        try:
            descriptor = os.open(name, FILE, dir_fd=folder)
        except OSError as error:
            return _Entry("unreadable", target=_why(error))
        with os.fdopen(descriptor, "rb") as file:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):  # swapped in since the listing
                return _Entry(_kind(status.st_mode))
            mode = stat.S_IMODE(status.st_mode)
            if status.st_size > self.limits.notebook_bytes:
                return _Entry("large", digest=_signature(status), mode=mode)
            content = _read_capped(file, self.limits.notebook_bytes)
        if content is None:
            return _Entry("large", digest=_signature(status), mode=mode)
        digest = hashlib.sha256(content).hexdigest()
        keep = self._kept + len(content) <= self.limits.kept_bytes
        self._kept += len(content) if keep else 0
        return _Entry("file", digest=digest, content=content if keep else None, mode=mode)

    def _submission(self, name: str, lesson: str) -> Submission | Refusal:
        student = printable(name)
        where = (name, lesson)
        notebook = f"{lesson}.ipynb"
        entry = self.entries.get((*where, notebook), _Entry("missing"))
        if entry.kind == "missing":
            found = ", ".join(sorted(map(printable, self.inside.get(where, [])))) or "nothing"
            return Refusal(student, lesson, f"no {notebook} in the submission (found: {found})")
        if entry.kind == "large":
            limit = self.limits.notebook_bytes // MiB
            return Refusal(student, lesson, f"{notebook} is larger than {limit} MB")
        if entry.kind == "link":
            return Refusal(
                student, lesson, f"{notebook} is a symbolic link, not the submitted file"
            )
        if entry.kind != "file":
            return Refusal(student, lesson, f"{notebook} is {_A[entry.kind]}, not a regular file")
        exchange = []
        for file_name in EXCHANGE_FILES:
            other = self.entries.get((*where, file_name), _Entry("missing"))
            if other.kind == "missing":
                continue
            content = self._bytes((*where, file_name)) if other.kind == "file" else None
            if other.kind in ("file", "large") and (
                content is None or len(content) > self.limits.exchange_file_bytes
            ):
                limit = self.limits.exchange_file_bytes // 1024
                return Refusal(student, lesson, f"{file_name} is too large (over {limit} KB)")
            if content is None:
                return Refusal(
                    student, lesson, f"{file_name} is {_A[other.kind]}, not a regular file"
                )
            exchange.append((file_name, content))
        timestamp = None
        stamps = dict(exchange)
        if TIMESTAMP in stamps:
            timestamp, problem = _timestamp(stamps[TIMESTAMP])
            if problem:
                return Refusal(student, lesson, problem)
        return Submission(name, lesson, entry.digest, timestamp, tuple(exchange))

    def notebook(self, submission: Submission) -> bytes:
        """The notebook's bytes as they were read; read again (the same way) when they were not
        kept, and refused (ValueError) if they are no longer what was read."""
        return self._bytes((submission.student, submission.lesson, f"{submission.lesson}.ipynb"))

    def _bytes(self, path: tuple[str, ...]) -> bytes:
        entry = self.entries[path]
        if entry.content is not None:
            return entry.content
        content = _read_path(self.root, path, self.limits.notebook_bytes)
        if content is None or hashlib.sha256(content).hexdigest() != entry.digest:
            raise ValueError(f"submitted/{'/'.join(map(printable, path))} changed while grading")
        return content

    def restore(self) -> dict[tuple[str, ...], str]:
        """Put back every file, folder and link that was changed or removed since :meth:`read`;
        say what happened to each (by its path under ``submitted/``, as a tuple of names)."""
        messages = {}
        limit = self.limits.notebook_bytes
        for path, entry in self.entries.items():
            if _current(self.root, path, entry, limit) == (entry.kind, entry.digest, entry.target):
                continue
            where = "submitted/" + "/".join(printable(part) for part in path)
            if entry.kind == "large" or (entry.kind == "file" and entry.content is None):
                messages[path] = f"{where} was changed during grading and is too large to restore"
            elif entry.kind in ("file", "folder", "link"):
                restored = _put_back(self.root, path, entry)
                messages[path] = f"{where} " + (
                    "has been restored" if restored else "was changed and could not be restored"
                )
            else:
                messages[path] = f"{where} was changed during grading"
        return messages


_A = {
    "link": "a symbolic link",
    "folder": "a folder",
    "fifo": "a FIFO",
    "socket": "a socket",
    "device": "a device",
    "file": "a file",
    "unreadable": "unreadable",
    "large": "too large",
}


def _listing(folder: int, first: Sequence[str] = ()) -> Iterator[tuple[str, str]]:
    """(name, kind) of every entry of an open folder, links never followed: the names in
    ``first`` first, then the others, each in name order."""
    with os.scandir(folder) as entries:
        found = [(entry.name, entry) for entry in entries]
    for name, entry in sorted(found, key=lambda pair: (pair[0] not in first, pair[0])):
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            continue  # removed since the listing
        yield name, _kind(mode)


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"


@contextlib.contextmanager
def _opened(folder: int, name: str, flags: int) -> Iterator[int | None]:
    try:
        descriptor = os.open(name, flags, dir_fd=folder)
    except OSError:
        yield None
        return
    try:
        yield descriptor
    finally:
        os.close(descriptor)


def _read_capped(file, limit: int) -> bytes | None:
    """At most ``limit`` bytes, read in chunks; None when the file holds more."""
    chunks, size = [], 0
    while chunk := file.read(min(CHUNK, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return None
    return b"".join(chunks)


def _signature(status: os.stat_result) -> str:
    return f"{status.st_size} bytes, inode {status.st_ino}, changed {status.st_mtime_ns}"


def _link(folder: int, name: str) -> str:
    try:
        return os.readlink(name, dir_fd=folder)
    except OSError as error:
        return f"({_why(error)})"


def _is_text(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes, kept by Python as lone surrogates
        return False
    return True


def _why(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a symbolic link"
    return error.strerror or type(error).__name__


def _timestamp(content: bytes) -> tuple[str | None, str]:
    """(the timestamp, "") or (None, why it is not a date)."""
    from nbgrader.utils import parse_utc

    try:
        text = content.decode("utf-8").strip()
        parse_utc(text)
    except Exception:  # undecodable, or anything dateutil cannot read
        shown = content[:40].decode("utf-8", "replace")
        return None, f"timestamp.txt does not hold a date: {printable(shown)!r}"
    return text, ""


def _walk_to(root: Path, path: tuple[str, ...], create: bool = False) -> int | None:
    """An open descriptor of the folder holding ``path``'s last part, every folder on the way
    opened without following links (and made when ``create``); None when one is not a folder."""
    try:
        folder = os.open(root, DIRECTORY)
    except OSError:
        return None
    for part in path[:-1]:
        if create:
            with contextlib.suppress(FileExistsError, OSError):
                os.mkdir(part, 0o700, dir_fd=folder)
        try:
            inner = os.open(part, DIRECTORY, dir_fd=folder)
        except OSError:
            os.close(folder)
            return None
        os.close(folder)
        folder = inner
    return folder


def _read_path(root: Path, path: tuple[str, ...], limit: int) -> bytes | None:
    folder = _walk_to(root, path)
    if folder is None:
        return None
    try:
        descriptor = os.open(path[-1], FILE, dir_fd=folder)
    except OSError:
        return None
    finally:
        os.close(folder)
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        return _read_capped(file, limit)


def _current(root: Path, path: tuple[str, ...], entry: _Entry, limit: int) -> tuple[str, str, str]:
    """(kind, digest, link target) of ``path`` now, as ``entry`` recorded it then."""
    folder = _walk_to(root, path)
    if folder is None:
        return ("missing", "", "")
    try:
        status = os.stat(path[-1], dir_fd=folder, follow_symlinks=False)
        kind = _kind(status.st_mode)
        if kind == "link":
            return ("link", "", _link(folder, path[-1]))
        if kind != "file" or entry.kind not in ("file", "large"):
            return (kind, "", "")
        if entry.kind == "large":
            return ("large", _signature(status), "")
    except OSError:
        return ("missing", "", "")
    finally:
        os.close(folder)
    content = _read_path(root, path, limit)
    return ("file", "" if content is None else hashlib.sha256(content).hexdigest(), "")


def _put_back(root: Path, path: tuple[str, ...], entry: _Entry) -> bool:
    """Recreate ``path`` as ``entry`` recorded it, removing what is there now (a link is
    removed, never followed); False when a folder on the way is no longer a folder."""
    folder = _walk_to(root, path, create=True)
    if folder is None:
        return False
    name = path[-1]
    try:
        with contextlib.suppress(FileNotFoundError):
            status = os.stat(name, dir_fd=folder, follow_symlinks=False)
            if stat.S_ISDIR(status.st_mode):
                return entry.kind == "folder"
            os.unlink(name, dir_fd=folder)
        if entry.kind == "folder":
            os.mkdir(name, 0o700, dir_fd=folder)
        elif entry.kind == "link":
            os.symlink(entry.target, name, dir_fd=folder)
        else:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
            descriptor = os.open(name, flags, entry.mode, dir_fd=folder)
            with os.fdopen(descriptor, "wb") as file:
                file.write(entry.content or b"")
        return True
    except OSError:
        return False
    finally:
        os.close(folder)


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, which must be a regular file (not a link, not a FIFO) of at most
    ``limit`` bytes; OSError otherwise."""
    try:
        descriptor = os.open(path, FILE)
    except OSError as error:
        raise OSError(error.errno, f"cannot read it ({_why(error)})", str(path)) from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        content = _read_capped(file, limit)
    if content is None:
        raise OSError(errno.EFBIG, f"larger than {limit // MiB} MB", str(path))
    return content
