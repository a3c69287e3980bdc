"""A course's term: each lesson's due date and hidden seed, the students' extensions and the late
policy, kept in ``COURSE_DIR/course.json`` (one file, plain versioned JSON, checked on reading).

Every date is an aware UTC datetime here; a date typed without a timezone means UTC. Lateness is
decided by :func:`lateness` (a pure function of the submission time, the due date and the
student's extension) and priced by :meth:`LatePolicy.penalty`; nbgrader is then told the result
(the due date on the assignment, the extension on the submission, the penalty on the notebook)
so that formgrader, ``nbgrader export`` and the feedback page show the same numbers.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

COURSE_FILE = "course.json"
VERSION = 1
MAX_FILE = 16 * 1024**2
"""Bytes of the largest course.json read."""
DAY = 86_400.0


class ScheduleError(ValueError):
    """course.json, or a date or policy given for it, is not what it must be; the message says
    what was expected."""


def parse_date(text: str) -> datetime:
    """An ISO date ("2026-12-01", "2026-12-01 17:00", "2026-12-01T17:00+01:00", "…Z") as an aware
    UTC datetime; a date without a timezone is taken as UTC, a day without a time as its start."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ScheduleError(
            f"expected a date such as '2026-12-01 17:00' (UTC) or '2026-12-01T17:00+01:00', "
            f"got {text!r}"
        ) from None
    return in_utc(moment)


def in_utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC datetime (a naive one is taken as UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def shown(moment: datetime | None) -> str:
    """A date as every page and file shows it: "2026-12-01 17:00 UTC" ("" for None)."""
    if moment is None:
        return ""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def naive_utc(moment: datetime | None) -> datetime | None:
    """A date as nbgrader stores it (naive, UTC)."""
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def lateness(
    submitted: datetime | None, due: datetime | None, until: datetime | None = None
) -> float:
    """Seconds after its deadline a submission came in: the due date, or the student's extension
    ``until`` when that is later; 0 when it came in time, has no time or the lesson no due date.
    Naive datetimes are taken as UTC."""
    if submitted is None or due is None:
        return 0.0
    deadline = max(_aware(due), _aware(until)) if until is not None else _aware(due)
    return max(0.0, (_aware(submitted) - deadline).total_seconds())


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@dataclass(frozen=True)
class LatePolicy:
    """What a late submission costs: ``percent_per_day`` of its score for each day started after
    the deadline, and all of it more than ``zero_after_days`` days late (None: never). The
    default costs nothing."""

    percent_per_day: float = 0.0
    zero_after_days: float | None = None

    def __post_init__(self) -> None:
        if not (math.isfinite(self.percent_per_day) and 0 <= self.percent_per_day <= 100):
            raise ScheduleError(
                f"the late penalty per day must be a percentage from 0 to 100, got "
                f"{self.percent_per_day!r}"
            )
        days = self.zero_after_days
        if days is not None and not (math.isfinite(days) and days >= 0):
            raise ScheduleError(f"zero after N days needs N ≥ 0, got {days!r}")

    def penalty(self, score: float, seconds_late: float) -> float:
        """Points taken from ``score`` for a submission ``seconds_late`` seconds late."""
        if seconds_late <= 0 or score <= 0:
            return 0.0
        if self.zero_after_days is not None and seconds_late > self.zero_after_days * DAY:
            return score
        days_started = math.ceil(seconds_late / DAY)
        return min(score, score * self.percent_per_day / 100 * days_started)

    def describe(self) -> str:
        parts = []
        if self.percent_per_day:
            parts.append(f"{self.percent_per_day:g} % of the score per day started")
        if self.zero_after_days is not None:
            parts.append(f"no points more than {self.zero_after_days:g} days late")
        return "; ".join(parts) if parts else "no penalty for lateness"


@dataclass(frozen=True)
class LessonTerms:
    """One lesson's due date (aware UTC, or None) and hidden seed (None until first graded)."""

    due: datetime | None = None
    seed: int | None = None


@dataclass
class Course:
    """The term of one course directory: lessons' terms, extensions and the late policy."""

    lessons: dict[str, LessonTerms] = field(default_factory=dict)
    extensions: dict[tuple[str, str], datetime] = field(default_factory=dict)
    """By (student, lesson): the deadline that student has instead of the due date."""
    late: LatePolicy = field(default_factory=LatePolicy)

    def terms(self, lesson: str) -> LessonTerms:
        return self.lessons.get(lesson, LessonTerms())

    def set_due(self, lesson: str, due: datetime | None) -> None:
        self.lessons[lesson] = replace(self.terms(lesson), due=due)

    def set_seed(self, lesson: str, seed: int) -> None:
        self.lessons[lesson] = replace(self.terms(lesson), seed=seed)

    def deadline(self, student: str, lesson: str) -> datetime | None:
        """The deadline of ``student``'s ``lesson``: the due date, or a later extension."""
        due = self.terms(lesson).due
        until = self.extensions.get((student, lesson))
        if due is None:
            return None
        return due if until is None else max(due, until)

    def seconds_late(self, student: str, lesson: str, submitted: datetime | None) -> float:
        return lateness(submitted, self.terms(lesson).due, self.extensions.get((student, lesson)))

    def to_data(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "late_policy": {
                "percent_per_day": self.late.percent_per_day,
                "zero_after_days": self.late.zero_after_days,
            },
            "lessons": {
                name: {"due": _date_text(terms.due), "seed": terms.seed}
                for name, terms in sorted(self.lessons.items())
            },
            "extensions": [
                {"student": student, "lesson": lesson, "until": _date_text(until)}
                for (student, lesson), until in sorted(self.extensions.items())
            ],
        }

    @classmethod
    def from_data(cls, data: Any) -> Course:
        """The course :meth:`to_data` described; ScheduleError naming what is wrong."""
        _fields(data, "course.json", {"version", "late_policy", "lessons", "extensions"})
        if data["version"] != VERSION:
            raise ScheduleError(f"course.json: version {data['version']!r}, expected {VERSION}")
        policy = data["late_policy"]
        _fields(policy, "late_policy", {"percent_per_day", "zero_after_days"})
        per_day, zero_after = policy["percent_per_day"], policy["zero_after_days"]
        if type(per_day) not in (int, float) or not (
            zero_after is None or type(zero_after) in (int, float)
        ):
            raise ScheduleError("course.json: late_policy holds numbers (or null)")
        course = cls(late=LatePolicy(float(per_day), None if zero_after is None else zero_after))
        if not isinstance(data["lessons"], dict):
            raise ScheduleError("course.json: lessons must map lesson names to their terms")
        for name, terms in data["lessons"].items():
            _fields(terms, f"lessons.{name}", {"due", "seed"})
            seed = terms["seed"]
            if seed is not None and not (type(seed) is int and 0 <= seed < 2**63):
                raise ScheduleError(f"course.json: lessons.{name}.seed must be a whole number ≥ 0")
            course.lessons[name] = LessonTerms(_date(terms["due"], f"lessons.{name}.due"), seed)
        if not isinstance(data["extensions"], list):
            raise ScheduleError("course.json: extensions must be a list")
        for number, extension in enumerate(data["extensions"]):
            where = f"extensions[{number}]"
            _fields(extension, where, {"student", "lesson", "until"})
            student, lesson = extension["student"], extension["lesson"]
            if type(student) is not str or type(lesson) is not str:
                raise ScheduleError(f"course.json: {where} names a student and a lesson")
            until = _date(extension["until"], f"{where}.until")
            if until is None:
                raise ScheduleError(f"course.json: {where}.until must be a date")
            course.extensions[(student, lesson)] = until
        return course


def _date_text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def _date(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    if type(value) is not str:
        raise ScheduleError(f"course.json: {where} must be a date (text) or null")
    try:
        return parse_date(value)
    except ScheduleError as error:
        raise ScheduleError(f"course.json: {where}: {error}") from None


def _fields(data: Any, where: str, names: set[str]) -> None:
    if not isinstance(data, dict) or set(data) != names:
        raise ScheduleError(f"course.json: {where} must hold exactly {', '.join(sorted(names))}")


def load(course_dir: Path) -> Course:
    """The course's term (an empty one when course.json does not exist yet)."""
    path = course_dir / COURSE_FILE
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Course()
    if size > MAX_FILE:
        raise ScheduleError(f"{path} is larger than {MAX_FILE // 1024**2} MB")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ScheduleError(f"{path} is not JSON ({error})") from None
    return Course.from_data(data)


def save(course_dir: Path, course: Course) -> Path:
    """Write course.json atomically; return its path."""
    path = course_dir / COURSE_FILE
    temporary = path.with_name(f".{COURSE_FILE}.tmp")
    temporary.write_text(json.dumps(course.to_data(), indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path


def extension_until(
    course: Course, lesson: str, until: datetime | None = None, days: float | None = None
) -> datetime:
    """The deadline an extension gives: ``until``, or ``days`` after the lesson's due date."""
    if (until is None) == (days is None):
        raise ScheduleError("give either --until DATE or --days N")
    if until is not None:
        return until
    due = course.terms(lesson).due
    if due is None:
        raise ScheduleError(
            f"{lesson} has no due date, so --days has nothing to count from: give --until DATE "
            f"(or set one with `mlcourse assign COURSE --due {lesson.split('_')[0]}=DATE`)"
        )
    return due + timedelta(days=days)
