"""The `mlcourse` command: the lessons for a learner, and an nbgrader course for an instructor.

    mlcourse lessons [DIR] [--lesson 03] [--force] [--reset-command TEMPLATE]
                                                      a learner's copy of the exercises
    mlcourse lessons --solutions [DIR] [--editable]   the worked versions
    mlcourse assign COURSE_DIR [--lesson L …] [--due DATE | --due L=DATE …] [--lessons DIR]
                               [--late-penalty PERCENT] [--zero-after DAYS]
    mlcourse grade COURSE_DIR [--student ID …] [--lesson L …] [--regrade] [--new-seed L …]
                              [--jobs N] [--timeout S] [--cell-timeout S] [--seed N]
                              [--allow-unsandboxed]
    mlcourse extend COURSE_DIR STUDENT LESSON (--until DATE | --days N)
    mlcourse report COURSE_DIR [--lesson L …]
    mlcourse export COURSE_DIR --format canvas|wide [-o FILE]

Every mistake on the command line gets one line on stderr and a non-zero exit status: 2 for a
usage error (as argparse has it), 1 when the command itself cannot do its work.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import mlcourse
from mlcourse import lessons, open_notebooks
from mlcourse.instructor import schedule
from mlcourse.instructor.config import JOBS

EXERCISES_DIR = Path("my-lessons")
SOLUTIONS_DIR = Path("solutions")
INSTRUCTOR_EXTRA = "pip install 'mlcourse[instructor]'"


class CommandError(Exception):
    """A command cannot do its work; the message says why, in one line."""


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error reported in one line (the usage itself is in --help)."""

    def error(self, message: str) -> None:  # argparse's hook: must not return
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def due_date(text: str) -> datetime:
    """An argparse type: an ISO date and time (UTC unless it says otherwise), or a one-line
    usage error."""
    try:
        return schedule.parse_date(text)
    except schedule.ScheduleError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def lesson_due(text: str) -> tuple[str | None, datetime]:
    """An argparse type: "DATE" (every lesson released) or "LESSON=DATE"."""
    lesson, equals, date = text.partition("=")
    if not equals:
        return None, due_date(text)
    if not lesson.strip():
        raise argparse.ArgumentTypeError(
            f"expected LESSON=DATE such as 03=2026-12-01, got {text!r}"
        )
    return lesson.strip(), due_date(date)


def days_or_none(text: str) -> float | None:
    """An argparse type: a number of days ≥ 0, or "none"."""
    if text.strip().lower() == "none":
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not (value >= 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"expected a number of days ≥ 0 or 'none', got {text!r}")
    return value


def percent(text: str) -> float:
    """An argparse type: a percentage from 0 to 100 ("10" or "10%")."""
    try:
        value = float(text.strip().removesuffix("%"))
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected a percentage from 0 to 100, got {text!r}")
    return value


def positive(kind: type[int] | type[float]) -> Callable[[str], float]:
    """An argparse type: a number of ``kind`` above 0, or a one-line usage error."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not (value > 0 and math.isfinite(value)):
            noun = "whole number" if kind is int else "number"
            raise argparse.ArgumentTypeError(f"expected a {noun} above 0, got {text!r}")
        return value

    return parse


def non_negative_int(text: str) -> int:
    """An argparse type: a whole number ≥ 0, or a one-line usage error."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 0, got {text!r}")
    return value


def lesson_name(text: str) -> str:
    """An argparse type: the name of one of the lessons (or "all"), or a one-line usage error."""
    try:
        lessons.select(lessons.worked_lessons(), [text])
    except lessons.LessonError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def parser() -> Parser:
    top = Parser(
        prog="mlcourse",
        description="How a neural network learns: the lessons, and the tools to teach them.",
    )
    top.add_argument(
        "--version",
        action="version",
        version=f"mlcourse {mlcourse.__version__}",
        help="show the version and exit",
    )
    commands = top.add_subparsers(
        title="commands", dest="command", metavar="COMMAND", parser_class=Parser
    )

    learn = commands.add_parser(
        "lessons",
        help="write the lessons, as exercises, into a folder of your own",
        description="Write the lessons into DIR: their exercise form, or the worked versions "
        "with --solutions. Lessons already there are kept if you changed them (--force "
        "replaces them, keeping your version in DIR/.backup/); unchanged ones are updated.",
    )
    learn.add_argument(
        "dir",
        nargs="?",
        type=Path,
        metavar="DIR",
        help=f"the folder (default: ./{EXERCISES_DIR}, or ./{SOLUTIONS_DIR} with --solutions)",
    )
    learn.add_argument(
        "--solutions",
        action="store_true",
        help="the worked versions, solutions included: a read-only answer key with a banner",
    )
    learn.add_argument(
        "--editable",
        action="store_true",
        help="with --solutions: the lessons as the course keeps them (no banner, writable), to "
        "edit and then assign with `mlcourse assign --lessons DIR`",
    )
    learn.add_argument(
        "--lesson",
        action="append",
        default=[],
        type=lesson_name,
        metavar="NAME",
        help="only this lesson: 3, 03, 03_gradients or all (repeat for several)",
    )
    learn.add_argument(
        "--force",
        action="store_true",
        help="replace lessons you changed (your version is kept in DIR/.backup/); refused for a "
        "lesson open in a running Jupyter",
    )
    learn.add_argument(
        "--reset-command",
        default=None,
        metavar="TEMPLATE",
        help="how to tell the learner to start lesson {lesson} again (default: this command "
        "with --lesson {lesson} --force); `make lab` passes 'make reset LESSON={lesson}'",
    )

    assign = commands.add_parser(
        "assign",
        help="make or update an nbgrader course directory: release lessons, set due dates",
        description="Create or update COURSE_DIR as an nbgrader course: source/ holds the "
        "lessons with solutions and hidden tests, release/ the students' versions, course.json "
        "the due dates, extensions, late policy and hidden seeds. Only what is given changes: "
        "a lesson keeps its due date unless --due names it, the late policy unless "
        "--late-penalty or --zero-after is given.",
    )
    assign.add_argument("course_dir", type=Path, metavar="COURSE_DIR")
    assign.add_argument(
        "--lessons",
        type=Path,
        default=None,
        metavar="DIR",
        help="a folder of edited lesson notebooks (default: the lessons of this package)",
    )
    assign.add_argument(
        "--lesson",
        action="append",
        default=[],
        metavar="L",
        help="release only this lesson: 3, 03 or 03_gradients (repeat for several; default all)",
    )
    assign.add_argument(
        "--due",
        action="append",
        type=lesson_due,
        default=[],
        metavar="[L=]DATE",
        help="due date of lesson L (03=2026-12-01T17:00), or of every lesson released (DATE "
        "alone); UTC unless the date says otherwise (2026-12-01T17:00+01:00); repeatable",
    )
    assign.add_argument(
        "--late-penalty",
        type=percent,
        default=None,
        metavar="PERCENT",
        help="percent of the score a late submission loses per day started (0: none)",
    )
    assign.add_argument(
        "--zero-after",
        type=days_or_none,
        default=False,
        metavar="DAYS",
        help="a submission more than DAYS days late earns nothing ('none': no such limit)",
    )

    grade = commands.add_parser(
        "grade",
        help="autograde new or changed submissions; write the gradebook, feedback and grades",
        description="Autograde the submissions in COURSE_DIR/submitted/ that are new or changed "
        "since they were graded (all of the selected ones with --regrade), write the gradebook, "
        "each student's feedback under feedback/, a record of each grade under records/ and "
        "mlcourse-grades.csv. Each lesson's hidden cases come from its own seed, drawn when it "
        "is first graded and kept in course.json.",
    )
    grade.add_argument("course_dir", type=Path, metavar="COURSE_DIR")
    grade.add_argument(
        "--student",
        action="append",
        default=[],
        metavar="ID",
        help="grade only this student (repeat for several)",
    )
    grade.add_argument(
        "--lesson",
        action="append",
        default=[],
        metavar="L",
        help="grade only this lesson: 3, 03 or 03_gradients (repeat for several)",
    )
    grade.add_argument(
        "--regrade",
        action="store_true",
        help="grade the selected submissions again even when they have not changed",
    )
    grade.add_argument(
        "--new-seed",
        action="append",
        default=[],
        metavar="L",
        help="draw a new hidden seed for lesson L: its hidden cases change, and so may scores "
        "(every submission of L is graded again)",
    )
    grade.add_argument(
        "--jobs",
        type=positive(int),
        default=JOBS,
        help=f"students graded at once (default {JOBS}; one kernel each)",
    )
    grade.add_argument(
        "--timeout",
        type=positive(float),
        default=None,
        help="seconds one submission may take in all (default 300)",
    )
    grade.add_argument(
        "--cell-timeout",
        type=positive(float),
        default=None,
        help="seconds one cell of a submission may run (default 30)",
    )
    grade.add_argument(
        "--seed",
        type=non_negative_int,
        default=None,
        help="the seed a lesson gets when it is graded for the first time or given a new one "
        "(default: a fresh one, kept in course.json)",
    )
    isolation = grade.add_mutually_exclusive_group()
    isolation.add_argument(
        "--allow-unsandboxed",
        action="store_true",
        help="grade even when bubblewrap cannot isolate student code, which can then read and "
        "change what you can (source/, this Python environment) and disturb other students' "
        "runners (default: refuse)",
    )
    isolation.add_argument(
        "--require-sandbox",
        action="store_true",
        help="refuse to grade when bubblewrap cannot isolate student code (the default)",
    )

    extend = commands.add_parser(
        "extend",
        help="give one student more time for one lesson",
        description="Give STUDENT until DATE (or N days after the due date) for LESSON; kept in "
        "course.json. The next `mlcourse grade` applies it (that submission's lateness, penalty "
        "and feedback page).",
    )
    extend.add_argument("course_dir", type=Path, metavar="COURSE_DIR")
    extend.add_argument("student", metavar="STUDENT")
    extend.add_argument("lesson", metavar="LESSON")
    until = extend.add_mutually_exclusive_group(required=True)
    until.add_argument("--until", type=due_date, default=None, metavar="DATE")
    until.add_argument("--days", type=positive(float), default=None, metavar="N")

    report = commands.add_parser(
        "report",
        help="the class report: scores, mistakes by exercise, who was late or missing",
        description="Write COURSE_DIR/report.html (one self-contained page) and "
        "COURSE_DIR/report.csv (a row per lesson, exercise and named mistake) from the "
        "gradebook and the grade records.",
    )
    report.add_argument("course_dir", type=Path, metavar="COURSE_DIR")
    report.add_argument(
        "--lesson", action="append", default=[], metavar="L", help="only this lesson (repeatable)"
    )

    export = commands.add_parser(
        "export",
        help="the grades as a CSV an LMS imports (Canvas) or a plain wide table",
        description="Write the gradebook's scores (late penalties and manual scores included) "
        "as a Canvas gradebook CSV or a wide CSV (a row per student, a column per lesson, the "
        "total), to standard output or FILE.",
    )
    export.add_argument("course_dir", type=Path, metavar="COURSE_DIR")
    export.add_argument("--format", required=True, choices=["canvas", "wide"])
    export.add_argument("-o", "--output", type=Path, default=None, metavar="FILE")
    return top


def main(argv: list[str] | None = None) -> int:
    top = parser()
    arguments = top.parse_args(argv)
    if arguments.command is None:
        top.error("choose a command: lessons, assign, grade, extend, report or export")
    command = {
        "lessons": run_lessons,
        "assign": run_assign,
        "grade": run_grade,
        "extend": run_extend,
        "report": run_report,
        "export": run_export,
    }
    try:
        return command[arguments.command](arguments)
    except KeyboardInterrupt:
        print(f"mlcourse {arguments.command}: interrupted", file=sys.stderr)
        return 130
    # The errors a command expects (a missing folder, a file it cannot write, a tool it cannot
    # run): one line each. Anything else is a bug, and its traceback is what a report needs.
    except (CommandError, RuntimeError, ValueError) as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
    except OSError as error:
        message = f"{error.strerror} ({error.filename})" if error.filename else str(error)
    print(f"mlcourse {arguments.command}: {message}", file=sys.stderr)
    return 1


def run_lessons(arguments: argparse.Namespace) -> int:
    default = SOLUTIONS_DIR if arguments.solutions else EXERCISES_DIR
    folder = (arguments.dir or default).expanduser()
    template = arguments.reset_command or (
        f"mlcourse lessons {'--solutions ' if arguments.solutions else ''}"
        f"{'--editable ' if arguments.editable else ''}{folder} --lesson {{lesson}} --force"
    )
    if "{lesson}" not in template:
        raise CommandError(f"--reset-command {template!r} does not say where {{lesson}} goes")
    if arguments.editable and not arguments.solutions:
        raise CommandError("--editable goes with --solutions (the exercises are always editable)")
    results = lessons.write_lessons(
        folder,
        solutions=arguments.solutions,
        answer_key=not arguments.editable,
        force=arguments.force,
        only=arguments.lesson,
        open_in=open_notebooks.open_in_jupyter,
    )
    for result in results:
        note = f" (your version is in {result.backup})" if result.backup else ""
        print(f"{result.action:9s} {folder / result.name}{note}")
    kept = [r.name.split("_")[0] for r in results if r.action == "kept"]
    if kept:
        commands = " or ".join(template.replace("{lesson}", number) for number in kept)
        print(f"kept what you changed; to start a lesson again: {commands}")
    if any(r.action == "reset" for r in results):
        print(
            "a tab that still shows your old version: close it without saving and open the "
            "lesson again (if JupyterLab says the file changed on disk, choose Revert)"
        )
    return 0


def instructor_tools():
    """The instructor module, or a CommandError naming the extra that brings nbgrader."""
    if importlib.util.find_spec("nbgrader") is None:
        raise CommandError(f"needs nbgrader, which the instructor extra brings: {INSTRUCTOR_EXTRA}")
    from mlcourse.instructor import course

    return course


def run_assign(arguments: argparse.Namespace) -> int:
    course = instructor_tools()
    course_dir = arguments.course_dir.expanduser()
    if course_dir.exists() and not course_dir.is_dir():
        raise CommandError(f"{course_dir} exists and is not a folder")
    lessons_dir = arguments.lessons.expanduser() if arguments.lessons else None
    if lessons_dir is not None and not lessons_dir.is_dir():
        raise CommandError(f"--lessons {lessons_dir}: no such folder")
    every = [date for lesson, date in arguments.due if lesson is None]
    if len(every) > 1:
        raise CommandError("--due DATE (for every lesson) given twice")
    by_lesson = {lesson: date for lesson, date in arguments.due if lesson is not None}
    if every and by_lesson:
        raise CommandError("give either --due DATE (every lesson) or --due L=DATE, not both")
    late = None
    if arguments.late_penalty is not None or arguments.zero_after is not False:
        current = schedule.load(course_dir).late if course_dir.is_dir() else schedule.LatePolicy()
        late = schedule.LatePolicy(
            current.percent_per_day if arguments.late_penalty is None else arguments.late_penalty,
            current.zero_after_days if arguments.zero_after is False else arguments.zero_after,
        )
    names = course.assign(
        course_dir,
        lessons_dir,
        due=every[0] if every else by_lesson,
        only=arguments.lesson,
        late=late,
    )
    term = schedule.load(course_dir)
    print(f"released {len(names)} lessons to {course_dir / 'release'}:")
    for name in names:
        due = term.terms(name).due
        print(f"  {name:32s} due {schedule.shown(due) if due else '(no due date)'}")
    print(f"late policy: {term.late.describe()}")
    return 0


def course_directory(arguments: argparse.Namespace) -> Path:
    """COURSE_DIR, which must be a course `mlcourse assign` made (else a CommandError)."""
    course_dir = arguments.course_dir.expanduser()
    if not course_dir.is_dir():
        raise CommandError(f"{course_dir}: no such folder")
    if not (course_dir / "source").is_dir() or not (course_dir / "gradebook.db").is_file():
        raise CommandError(
            f"{course_dir} is not a course directory (no source/ or gradebook.db): "
            f"create it with `mlcourse assign {course_dir}`"
        )
    return course_dir


def run_grade(arguments: argparse.Namespace) -> int:
    course = instructor_tools()
    course_dir = course_directory(arguments)
    course.lesson_names(course_dir, [*arguments.lesson, *arguments.new_seed])  # each one known
    submitted = course_dir / "submitted"
    if not any(p.is_dir() for p in submitted.glob("*/*")):
        raise CommandError(
            f"no submissions in {submitted}/ (expected submitted/<student>/<lesson>/<lesson>.ipynb"
            f", e.g. from `nbgrader collect <lesson>`)"
        )
    import time

    from mlcourse.instructor import sandbox
    from mlcourse.instructor.limits import GradingLimits
    from mlcourse.instructor.safe_text import CELL_CHARS, cut, look_alikes, printable, unambiguous

    defaults = GradingLimits()
    limits = GradingLimits(
        lesson_seconds=arguments.timeout or defaults.lesson_seconds,
        cell_seconds=arguments.cell_timeout or defaults.cell_seconds,
    )
    try:
        required = not arguments.allow_unsandboxed
        isolation = sandbox.detect(course_dir, limits.sandbox, require=required)
    except sandbox.SandboxUnavailable as error:
        raise CommandError(str(error)) from None
    print(isolation.description)
    print(limits.describe())
    if isolation.warning:
        print(f"WARNING: {isolation.warning}", file=sys.stderr)
    for lesson in arguments.new_seed:
        print(
            f"WARNING: a new hidden seed for lesson {lesson}: its hidden cases change, so scores "
            f"may change; every submission of it is graded again",
            file=sys.stderr,
        )
    started = time.monotonic()
    outcomes = course.grade(
        course_dir,
        limits,
        jobs=arguments.jobs,
        seed=arguments.seed,
        sandbox=isolation,
        students=arguments.student,
        only=arguments.lesson,
        regrade=arguments.regrade,
        new_seeds=arguments.new_seed,
        progress=progress_bar,
    )
    seconds = time.monotonic() - started
    fresh = [o for o in outcomes if not o.unchanged]
    failed = [o for o in fresh if o.error]
    # Student ids and notes are printed so that none can pass for another line of the report,
    # nor for another student.
    for o in fresh:
        if not o.error:
            late = ", late" if o.late else ""
            who = f"{unambiguous(o.student):20s} {unambiguous(o.lesson):28s}"
            print(f"{who} {o.score:g} / {o.max_score:g} (seed {o.seed}){late}")
            for note in o.notes:
                print(f"{'':20s} {'':28s} note: {cut(printable(note), CELL_CHARS)}")
    for o in failed:
        who = f"{unambiguous(o.student):20s} {unambiguous(o.lesson):28s}"
        print(f"{who} NOT GRADED: {cut(printable(o.error), CELL_CHARS)}", file=sys.stderr)
    for group in look_alikes(o.student for o in outcomes):
        shown = ", ".join(unambiguous(name) for name in group)
        print(
            f"WARNING: student ids that differ only in case, spaces or letter forms: {shown} "
            f"(check that they are different students)",
            file=sys.stderr,
        )
    unchanged = len(outcomes) - len(fresh)
    late = sum(1 for o in outcomes if o.late)
    print(
        f"graded {len(fresh) - len(failed)} of {len(fresh)} new or changed submissions in "
        f"{seconds:.0f} s; {unchanged} unchanged (not graded again"
        f"{'' if arguments.regrade else ': --regrade grades them'}); {len(failed)} not graded; "
        f"{late} late. Grades in {course_dir / 'mlcourse-grades.csv'}"
    )
    return 1 if failed else 0


def progress_bar(total: int):
    """A progress bar of ``total`` submissions on a terminal (nothing elsewhere)."""
    from tqdm import tqdm

    return tqdm(total=total, unit="submission", disable=None, file=sys.stderr, leave=False)


def run_extend(arguments: argparse.Namespace) -> int:
    instructor_tools()
    course_dir = course_directory(arguments)
    from mlcourse.instructor import course

    [lesson] = course.lesson_names(course_dir, [arguments.lesson])
    term = schedule.load(course_dir)
    until = schedule.extension_until(term, lesson, arguments.until, arguments.days)
    term.extensions[(arguments.student, lesson)] = until
    schedule.save(course_dir, term)
    from mlcourse.instructor.safe_text import printable

    due = term.terms(lesson).due
    print(
        f"{printable(arguments.student)} has until {schedule.shown(until)} for {lesson} (due "
        f"{schedule.shown(due) if due else 'no due date'}); the next `mlcourse grade "
        f"{course_dir}` applies it"
    )
    return 0


def run_report(arguments: argparse.Namespace) -> int:
    instructor_tools()
    course_dir = course_directory(arguments)
    from mlcourse.instructor import report

    written = report.write_report(course_dir, arguments.lesson)
    print("wrote " + " and ".join(str(path) for path in written))
    return 0


def run_export(arguments: argparse.Namespace) -> int:
    instructor_tools()
    course_dir = course_directory(arguments)
    from mlcourse.instructor import export

    text = export.export(course_dir, arguments.format)
    if arguments.output is None:
        sys.stdout.write(text)
    else:
        export.write_text(arguments.output.expanduser(), text)
        print(f"wrote {arguments.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
