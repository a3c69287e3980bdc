"""Grade records: what grading decided about one student's lesson, written before anything is
published from it, one plain JSON file each: ``COURSE_DIR/records/<student>/<lesson>.json``.

A record holds the scores and verdicts of every exercise, the notes, and the inputs the grade
came from (digests of the notebook and of the lesson's source, the seed, the package version,
the deadline and late policy it was published under). ``mlcourse grade`` skips a submission
whose record was made from the same inputs; the gradebook, the CSV of grades, the report and the
exports are written from records and the gradebook. Records are versioned and every field is
checked on reading (a record that does not read is treated as missing: that submission is graded
again); records made elsewhere (a grading shard) are merged by copying their files.
"""

from __future__ import annotations

import json
import math
import os
import stat
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from mlcourse.instructor import output

RECORDS = "records"
VERSION = 1
MAX_RECORD = 4 * 1024**2
"""Bytes of the largest record read."""
MAX_TEXT = 4_000
"""Characters of any text a record keeps (messages, notes)."""
GRADED, ERROR = "graded", "error"


class RecordError(ValueError):
    """A record that is not what :class:`GradeRecord` writes; the message says what is wrong."""


@dataclass(frozen=True)
class ExerciseRecord:
    """One exercise's points and verdicts: ``*_kind`` is what the check decided ("passed", a
    verdict kind, or "not_graded" when the exercise could not be judged) and ``*_mistakes`` the
    ids of the mistakes it named."""

    name: str
    visible: float
    visible_points: float
    hidden: float
    hidden_points: float
    visible_kind: str
    hidden_kind: str
    visible_mistakes: tuple[str, ...] = ()
    hidden_mistakes: tuple[str, ...] = ()
    visible_message: str = ""
    hidden_message: str = ""
    incident: str = ""

    @property
    def score(self) -> float:
        return self.visible + self.hidden

    @property
    def max_score(self) -> float:
        return self.visible_points + self.hidden_points


@dataclass(frozen=True)
class Inputs:
    """What a grade was made from: the same inputs give the same grade, so they are not graded
    again (unless ``mlcourse grade --regrade``)."""

    notebook_sha256: str
    timestamp: str | None
    source_sha256: str
    seed: int
    package: str
    deadline: str | None
    """The student's deadline (ISO, UTC) when the page was made: an extension makes a new page."""
    late_policy: str


@dataclass(frozen=True)
class GradeRecord:
    """The grade of one student's lesson (``status`` "graded"), or why there is none ("error")."""

    student: str
    lesson: str
    status: str
    inputs: Inputs
    graded_at: str
    exercises: tuple[ExerciseRecord, ...] = ()
    notes: tuple[str, ...] = ()
    error: str = ""
    lesson_seconds: float = 0.0
    cell_seconds: float = 0.0

    @property
    def score(self) -> float:
        return sum(e.score for e in self.exercises)

    @property
    def max_score(self) -> float:
        return sum(e.max_score for e in self.exercises)

    def to_data(self) -> dict[str, Any]:
        data = asdict(self)
        data["exercises"] = [asdict(e) for e in self.exercises]
        return {"version": VERSION, **data}

    @classmethod
    def from_data(cls, data: Any) -> GradeRecord:
        """The record :meth:`to_data` described, every field checked (RecordError otherwise)."""
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise RecordError(f"not a grade record of version {VERSION}")
        values = _checked(cls, {k: v for k, v in data.items() if k != "version"}, "record")
        if values["status"] not in (GRADED, ERROR):
            raise RecordError(f"record.status must be {GRADED!r} or {ERROR!r}")
        return cls(**values)


def _checked(kind: type, data: Any, where: str) -> dict[str, Any]:
    """The fields of dataclass ``kind`` read from ``data``, each of the type it declares."""
    names = [f.name for f in fields(kind)]
    if not isinstance(data, dict) or set(data) != set(names):
        raise RecordError(f"{where} must hold exactly the fields {', '.join(names)}")
    values = {}
    for f in fields(kind):
        value, at = data[f.name], f"{where}.{f.name}"
        values[f.name] = _value(str(f.type), value, at)
    return values


def _value(declared: str, value: Any, at: str) -> Any:
    if declared == "str":
        return _text(value, at)
    if declared == "str | None":
        return None if value is None else _text(value, at)
    if declared == "float":
        if type(value) not in (int, float) or not math.isfinite(value):
            raise RecordError(f"{at} must be a finite number")
        return float(value)
    if declared == "int":
        if type(value) is not int or not 0 <= value < 2**63:
            raise RecordError(f"{at} must be a whole number ≥ 0")
        return value
    if declared == "tuple[str, ...]":
        if type(value) is not list or len(value) > 1_000:
            raise RecordError(f"{at} must be a list of texts")
        return tuple(_text(v, at) for v in value)
    if declared == "Inputs":
        return Inputs(**_checked(Inputs, value, at))
    if declared == "tuple[ExerciseRecord, ...]":
        if type(value) is not list or len(value) > 1_000:
            raise RecordError(f"{at} must be a list of exercises")
        return tuple(ExerciseRecord(**_checked(ExerciseRecord, v, at)) for v in value)
    raise AssertionError(f"no reader for a field of type {declared}")  # a new field's type


def _text(value: Any, at: str) -> str:
    if type(value) is not str:
        raise RecordError(f"{at} must be text")
    return value[:MAX_TEXT]


def path_of(course_dir: Path, student: str, lesson: str) -> Path:
    """Where the record of ``student``'s ``lesson`` is kept."""
    return course_dir / RECORDS / student / f"{lesson}.json"


def write(course_dir: Path, record: GradeRecord) -> Path:
    """Write ``record`` atomically (a reader sees the old record or the new one, never half),
    without following a link on the way (``records/`` and the student's folder are opened one by
    one; a link where a folder or the file belongs is replaced, never written through)."""
    path = path_of(course_dir, record.student, record.lesson)
    content = (json.dumps(record.to_data(), ensure_ascii=False) + "\n").encode("utf-8")
    folder = output.folder_of(course_dir, (RECORDS, record.student))
    try:
        output.write_file(folder, path.name, content)
    finally:
        os.close(folder)
    return path


def read(path: Path) -> GradeRecord:
    """One record file, checked; RecordError (or OSError) when it cannot be read as one."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise RecordError(f"{path} is not a regular file")
        content = file.read(MAX_RECORD + 1)
    if len(content) > MAX_RECORD:
        raise RecordError(f"{path} is larger than {MAX_RECORD // 1024**2} MB")
    try:
        data = json.loads(content.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise RecordError(f"{path} is not JSON ({error})") from None
    record = GradeRecord.from_data(data)
    if path_of(path.parents[2], record.student, record.lesson) != path:
        raise RecordError(f"{path} holds the record of {record.student!r}'s {record.lesson!r}")
    return record


def read_all(course_dir: Path) -> tuple[dict[tuple[str, str], GradeRecord], list[str]]:
    """Every record of the course by (student, lesson), and what could not be read, in words."""
    found, problems = {}, []
    for path in _files(course_dir / RECORDS):
        try:
            record = read(path)
        except (RecordError, OSError) as error:
            problems.append(f"{path.relative_to(course_dir)}: {error}")
            continue
        found[(record.student, record.lesson)] = record
    return found, problems


def _files(root: Path) -> Iterator[Path]:
    """records/<student>/<lesson>.json, links never followed."""
    if not root.is_dir() or root.is_symlink():
        return
    with os.scandir(root) as students:
        folders = sorted(e.name for e in students if e.is_dir(follow_symlinks=False))
    for student in folders:
        with os.scandir(root / student) as entries:
            names = sorted(
                e.name
                for e in entries
                if e.name.endswith(".json")
                and not e.name.startswith(".")
                and e.is_file(follow_symlinks=False)
            )
        for name in names:
            yield root / student / name
