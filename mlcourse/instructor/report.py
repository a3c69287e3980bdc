"""The class report: what a class got right and wrong, lesson by lesson and exercise by exercise,
for the instructor only (it names students).

``mlcourse report COURSE_DIR`` writes ``report.html`` (one self-contained page: figures are PNG
embedded in it, nothing is fetched) and ``report.csv`` (a row per lesson, exercise and what was
counted: the visible check passed, the hidden cases passed, each named mistake, the answers given
only the facts, those given another diagnosis, those that could not be judged). Scores come from
the gradebook (manual scores and late penalties included, as :func:`scores.rows` reads them);
verdicts and the ids of the mistakes named from the grade records.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mlcourse.instructor import records, schedule, scores
from mlcourse.instructor.safe_text import one_line, printable, spreadsheet_cell

REPORT_HTML, REPORT_CSV = "report.html", "report.csv"
PASSED = "passed"
FACTS = "facts"
"""The verdict kind of an answer whose results no likely mistake reproduces: the learner is
given the facts (which call, what it returned, what was expected)."""
NOT_JUDGED = frozenset(
    {
        "not_graded",
        "raised",
        "timeout",
        "died",
        "borrowed",
        "not_callable",
        "not_run",
        "not_defined",
    }
)
"""Verdict kinds that say the answer could not be judged on its results."""
CSV_COLUMNS = ["lesson", "exercise", "counted", "mistake", "students", "of", "share", "who"]


@dataclass
class ExerciseCounts:
    """What one exercise's graded answers came to, by student."""

    name: str
    answers: list[str] = field(default_factory=list)
    passed_visible: list[str] = field(default_factory=list)
    passed_hidden: list[str] = field(default_factory=list)
    mistakes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    example: dict[str, str] = field(default_factory=dict)
    """One diagnosis the check gave for each mistake id (the words the students read)."""
    named: list[str] = field(default_factory=list)
    """Who was told a named mistake."""
    facts_only: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    """Who failed with another diagnosis: a result of the wrong kind, a warning, an argument
    changed in place (or, in a record made before verdicts were recorded, any failure)."""
    not_judged: list[str] = field(default_factory=list)


@dataclass
class LessonSummary:
    """One lesson's counts: its exercises, the scores that count, who was late or missing."""

    name: str
    due: str
    exercises: dict[str, ExerciseCounts] = field(default_factory=dict)
    scores: list[float] = field(default_factory=list)
    max_score: float = 0.0
    late: list[tuple[str, float]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def summarise(course_dir: Path, only: Sequence[str] = ()) -> list[LessonSummary]:
    """Every lesson's (or the lessons ``only`` names') summary, from the gradebook and the
    records."""
    from mlcourse.instructor import course

    lessons = course.lesson_names(course_dir, only)
    term = schedule.load(course_dir)
    rows = scores.rows(course_dir, term)
    students = sorted({row.student for row in rows} | set(scores.roster(course_dir)))
    summaries = []
    for lesson in lessons:
        due = term.terms(lesson).due
        summary = LessonSummary(lesson, schedule.shown(due) if due else "no due date")
        handed = {row.student: row for row in rows if row.lesson == lesson}
        summary.missing = [s for s in students if s not in handed]
        for student, row in sorted(handed.items()):
            if row.score is not None:
                summary.scores.append(row.score)
                summary.max_score = max(summary.max_score, row.max_score or 0.0)
            if row.seconds_late > 0:
                summary.late.append((student, row.seconds_late / schedule.DAY))
            record = row.record
            if record is None:
                continue
            if record.status == records.ERROR:
                summary.errors.append(student)
                continue
            for exercise in record.exercises:
                counts = summary.exercises.setdefault(exercise.name, ExerciseCounts(exercise.name))
                _count(counts, student, exercise)
        summaries.append(summary)
    return summaries


def _count(counts: ExerciseCounts, student: str, exercise: records.ExerciseRecord) -> None:
    counts.answers.append(student)
    if exercise.visible_kind == PASSED:
        counts.passed_visible.append(student)
    if exercise.hidden_kind == PASSED:
        counts.passed_hidden.append(student)
    if exercise.visible_mistakes:
        counts.named.append(student)
        for mistake in exercise.visible_mistakes:
            counts.mistakes[mistake].append(student)
            counts.example.setdefault(mistake, exercise.visible_message)
    elif exercise.visible_kind == FACTS:
        counts.facts_only.append(student)
    elif exercise.visible_kind in NOT_JUDGED:
        counts.not_judged.append(student)
    elif exercise.visible_kind != PASSED:
        counts.other.append(student)


def csv_rows(summaries: list[LessonSummary]) -> list[list[object]]:
    """The rows of report.csv."""
    lines: list[list[object]] = []
    for summary in summaries:
        for counts in summary.exercises.values():
            counted = [
                ("passed visible check", "", counts.passed_visible),
                ("passed hidden cases", "", counts.passed_hidden),
                *[
                    ("named mistake", mistake, who)
                    for mistake, who in sorted(counts.mistakes.items(), key=lambda kv: -len(kv[1]))
                ],
                ("given only the facts", "", counts.facts_only),
                ("another diagnosis", "", counts.other),
                ("could not be judged", "", counts.not_judged),
            ]
            total = len(counts.answers)
            for what, mistake, who in counted:
                share = f"{len(who) / total:.3f}" if total else ""
                lines.append(
                    [
                        summary.name,
                        counts.name,
                        what,
                        mistake,
                        len(who),
                        total,
                        share,
                        "; ".join(who),
                    ]
                )
    return lines


def histogram_png(values: list[float], top: float, title: str) -> bytes:
    """A histogram of ``values`` (scores from 0 to ``top``) as PNG bytes, one bar per point."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5.5, 2.6), dpi=100)
    axes = figure.add_subplot()
    edges = [i - 0.5 for i in range(int(top) + 2)] if top >= 1 else [-0.5, 0.5]
    axes.hist(values, bins=edges, color="#4878a8", edgecolor="white")
    axes.set_xlabel("score (late penalties and manual scores included)")
    axes.set_ylabel("students")
    axes.set_title(title, fontsize=10)
    axes.yaxis.get_major_locator().set_params(integer=True)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _names(who: list[str]) -> str:
    return ", ".join(html.escape(printable(name)) for name in who) or "—"


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({100 * part / whole:.0f} %)" if whole else "0"


def page(summaries: list[LessonSummary]) -> str:
    """The report as one HTML page, every student id escaped, figures embedded."""
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Class report</title><style>",
        "body{font-family:sans-serif;max-width:60rem;margin:1rem auto;color:#222}",
        "table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;",
        "padding:.2rem .5rem;text-align:left;vertical-align:top}th{background:#f0f0f0}",
        ".who{font-size:.85em;color:#555}.said{font-size:.85em;font-style:italic}",
        "</style></head><body><h1>Class report</h1>",
        "<p>For the instructor only: it names students.</p>",
    ]
    for summary in summaries:
        handed = len(summary.scores) + len(summary.errors)
        parts.append(f"<section class='lesson' id='{html.escape(summary.name)}'>")
        parts.append(f"<h2>{html.escape(summary.name)}</h2>")
        parts.append(
            f"<p>Due {html.escape(summary.due)}. Handed in: {handed}; graded: "
            f"{len(summary.scores)}; not graded: {len(summary.errors)}.</p>"
        )
        if summary.scores:
            png = histogram_png(
                summary.scores,
                summary.max_score,
                f"{summary.name}: scores of {len(summary.scores)}",
            )
            data = base64.b64encode(png).decode("ascii")
            mean = sum(summary.scores) / len(summary.scores)
            parts.append(
                f"<p>Mean score {mean:.2f} of {summary.max_score:g}.</p>"
                f"<img class='histogram' alt='scores of {html.escape(summary.name)}' "
                f"src='data:image/png;base64,{data}'>"
            )
        parts.append(
            "<table class='exercises'><tr><th>exercise</th><th>passed the visible check</th>"
            "<th>passed the hidden cases</th><th>told a named mistake</th>"
            "<th>given only the facts</th><th>another diagnosis</th>"
            "<th>could not be judged</th></tr>"
        )
        for counts in summary.exercises.values():
            total = len(counts.answers)
            parts.append(
                f"<tr><td><code>{html.escape(counts.name)}</code></td>"
                f"<td>{_share(len(counts.passed_visible), total)}</td>"
                f"<td>{_share(len(counts.passed_hidden), total)}</td>"
                f"<td>{_share(len(counts.named), total)}</td>"
                f"<td>{_share(len(counts.facts_only), total)}"
                f"<div class='who'>{_names(counts.facts_only)}</div></td>"
                f"<td>{_share(len(counts.other), total)}"
                f"<div class='who'>{_names(counts.other)}</div></td>"
                f"<td>{_share(len(counts.not_judged), total)}"
                f"<div class='who'>{_names(counts.not_judged)}</div></td></tr>"
            )
        parts.append("</table>")
        named = [
            (counts, mistake, who)
            for counts in summary.exercises.values()
            for mistake, who in counts.mistakes.items()
        ]
        parts.append("<h3>Named mistakes</h3>")
        if named:
            parts.append(
                "<table class='mistakes'><tr><th>exercise</th><th>mistake</th><th>students</th>"
                "<th>what the check told them (one of them)</th></tr>"
            )
            for counts, mistake, who in sorted(named, key=lambda t: -len(t[2])):
                said = one_line(counts.example.get(mistake, ""), 300)
                parts.append(
                    f"<tr><td><code>{html.escape(counts.name)}</code></td>"
                    f"<td><code>{html.escape(mistake)}</code></td>"
                    f"<td>{_share(len(who), len(counts.answers))}"
                    f"<div class='who'>{_names(who)}</div></td>"
                    f"<td class='said'>{html.escape(said)}</td></tr>"
                )
            parts.append("</table>")
        else:
            parts.append("<p>None named.</p>")
        late = ", ".join(
            f"{html.escape(printable(s))} ({days:.1f} days)" for s, days in summary.late
        )
        parts.append(f"<p class='late'>Late: {late or '—'}</p>")
        parts.append(f"<p class='missing'>Not handed in: {_names(summary.missing)}</p>")
        if summary.errors:
            parts.append(f"<p class='errors'>Not graded: {_names(summary.errors)}</p>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(course_dir: Path, only: Sequence[str] = ()) -> tuple[Path, Path]:
    """Write report.html and report.csv into ``course_dir``; return their paths."""
    summaries = summarise(course_dir, only)
    written = []
    for name, text in ((REPORT_HTML, page(summaries)), (REPORT_CSV, _csv_text(summaries))):
        path = course_dir / name
        temporary = path.with_name(f".{name}.tmp")
        temporary.write_text(text, encoding="utf-8", newline="")
        os.replace(temporary, path)
        written.append(path)
    return written[0], written[1]


def _csv_text(summaries: list[LessonSummary]) -> str:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for line in csv_rows(summaries):
        writer.writerow([spreadsheet_cell(cell) for cell in line])
    return text.getvalue()
