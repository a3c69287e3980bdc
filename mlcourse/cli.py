"""The `mlcourse` command: the lessons for a learner, and an nbgrader course for an instructor.

    mlcourse lessons [DIR] [--lesson 03] [--force] [--reset-command TEMPLATE]
                                                      a learner's copy of the exercises
    mlcourse lessons --solutions [DIR] [--editable]   the worked versions
    mlcourse assign COURSE_DIR [--due "2026-12-01 17:00"] [--lessons DIR]
    mlcourse grade COURSE_DIR [--jobs N] [--timeout S] [--cell-timeout S] [--seed N]
                              [--allow-unsandboxed]

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
    """An argparse type: an ISO date and time, or a one-line usage error."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date such as '2026-12-01 17:00' (UTC), got {text!r}"
        ) from None


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
        help="make an nbgrader course directory and release every lesson",
        description="Create or update COURSE_DIR as an nbgrader course: source/ holds the "
        "lessons with solutions and hidden tests, release/ the students' versions.",
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
        "--due",
        type=due_date,
        default=None,
        help="due date of every lesson, e.g. '2026-12-01 17:00' (UTC)",
    )

    grade = commands.add_parser(
        "grade",
        help="autograde the submissions; write grades.csv and feedback",
        description="Autograde every submission in COURSE_DIR/submitted/, write grades.csv "
        "and each student's feedback under feedback/.",
    )
    grade.add_argument("course_dir", type=Path, metavar="COURSE_DIR")
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
        help="seed of the hidden test cases (default: a fresh one, printed; pass it again to "
        "reproduce a grading)",
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
    return top


def main(argv: list[str] | None = None) -> int:
    top = parser()
    arguments = top.parse_args(argv)
    if arguments.command is None:
        top.error("choose a command: lessons, assign or grade")
    command = {"lessons": run_lessons, "assign": run_assign, "grade": run_grade}
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
    names = course.assign(course_dir, lessons_dir, due=arguments.due)
    print(f"released {len(names)} lessons to {course_dir / 'release'}: {', '.join(names)}")
    return 0


def run_grade(arguments: argparse.Namespace) -> int:
    course = instructor_tools()
    course_dir = arguments.course_dir.expanduser()
    if not course_dir.is_dir():
        raise CommandError(f"{course_dir}: no such folder")
    if not (course_dir / "source").is_dir() or not (course_dir / "gradebook.db").is_file():
        raise CommandError(
            f"{course_dir} is not a course directory (no source/ or gradebook.db): "
            f"create it with `mlcourse assign {course_dir}`"
        )
    submitted = course_dir / "submitted"
    if not any(p.is_dir() for p in submitted.glob("*/*")):
        raise CommandError(
            f"no submissions in {submitted}/ (expected submitted/<student>/<lesson>/<lesson>.ipynb"
            f", e.g. from `nbgrader collect <lesson>`)"
        )
    from mlcourse.instructor import grading, sandbox
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
    seed = grading.fresh_seed() if arguments.seed is None else arguments.seed
    print(f"hidden test cases drawn with --seed {seed} (pass it again to reproduce these grades)")
    outcomes = course.grade(course_dir, limits, jobs=arguments.jobs, seed=seed, sandbox=isolation)
    failed = [o for o in outcomes if o.error]
    # Student ids and notes are printed so that none can pass for another line of the report,
    # nor for another student.
    for o in outcomes:
        if not o.error:
            late = ", late" if o.late else ""
            who = f"{unambiguous(o.student):20s} {unambiguous(o.lesson):28s}"
            print(f"{who} {o.score:g} / {o.max_score:g}{late}")
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
    print(
        f"graded {len(outcomes) - len(failed)} of {len(outcomes)} submissions; "
        f"grades in {course_dir / 'grades.csv'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
