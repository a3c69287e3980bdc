"""The `mlcourse` command: hand the lessons' exercises to a class and grade what comes back.

mlcourse assign COURSE_DIR [--due "2026-12-01 17:00"]
mlcourse grade COURSE_DIR [--jobs N] [--timeout S] [--cell-timeout S] [--seed N] [--require-sandbox]
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

JOBS = 2
"""Students graded at once: on 2 cores, 2 halve the time (kernel start-ups overlap)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mlcourse", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    assign = commands.add_parser(
        "assign",
        help="create or update an nbgrader course directory and release every lesson to release/",
    )
    assign.add_argument("course_dir", type=Path)
    assign.add_argument(
        "--lessons",
        type=Path,
        default=None,
        help="folder of lesson notebooks (default: the course's notebooks/)",
    )
    assign.add_argument(
        "--due",
        type=datetime.fromisoformat,
        default=None,
        help="due date for every lesson, e.g. '2026-12-01 17:00' (UTC)",
    )
    grade = commands.add_parser(
        "grade", help="autograde submitted/<student>/<lesson>/, write grades.csv and feedback/"
    )
    grade.add_argument("course_dir", type=Path)
    grade.add_argument(
        "--jobs",
        type=int,
        default=JOBS,
        help=f"students graded at once (default {JOBS}; one kernel each)",
    )
    grade.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="seconds one submission may take in all (default 300)",
    )
    grade.add_argument(
        "--cell-timeout",
        type=float,
        default=None,
        help="seconds one cell of a submission may run (default 30)",
    )
    grade.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed of the hidden test cases (default: a fresh one, printed; pass it again to "
        "reproduce a grading)",
    )
    grade.add_argument(
        "--require-sandbox",
        action="store_true",
        help="refuse to grade when bubblewrap cannot isolate student code (default: grade "
        "with a warning)",
    )
    arguments = parser.parse_args(argv)

    try:
        from mlcourse.instructor import course
    except ImportError as error:
        print(
            f"mlcourse {arguments.command} needs the instructor tools: "
            f"pip install 'mlcourse[instructor]' ({error})",
            file=sys.stderr,
        )
        return 2

    if arguments.command == "assign":
        names = course.assign(
            arguments.course_dir, arguments.lessons or course.LESSONS, due=arguments.due
        )
        release = arguments.course_dir / "release"
        print(f"released {len(names)} lessons to {release}: {', '.join(names)}")
        return 0

    from mlcourse.instructor import grading, sandbox

    try:
        isolation = sandbox.detect(arguments.course_dir, require=arguments.require_sandbox)
    except sandbox.SandboxUnavailable as error:
        print(f"mlcourse grade: {error}", file=sys.stderr)
        return 2
    print(isolation.description)
    if isolation.warning:
        print(f"WARNING: {isolation.warning}", file=sys.stderr)
    seed = grading.fresh_seed() if arguments.seed is None else arguments.seed
    print(f"hidden test cases drawn with --seed {seed} (pass it again to reproduce these grades)")
    outcomes = course.grade(
        arguments.course_dir,
        timeout=arguments.timeout or course.NOTEBOOK_TIMEOUT,
        cell_timeout=arguments.cell_timeout or course.course_config.CELL_TIMEOUT,
        jobs=max(1, arguments.jobs),
        seed=seed,
        sandbox=isolation,
    )
    failed = [o for o in outcomes if o.error]
    for o in outcomes:
        if not o.error:
            late = ", late" if o.late else ""
            print(f"{o.student:20s} {o.lesson:28s} {o.score:g} / {o.max_score:g}{late}")
            for note in o.notes:
                print(f"{'':20s} {'':28s} note: {note}")
    for o in failed:
        print(f"{o.student:20s} {o.lesson:28s} NOT GRADED: {o.error}", file=sys.stderr)
    print(
        f"graded {len(outcomes) - len(failed)} of {len(outcomes)} submissions; "
        f"grades in {arguments.course_dir / 'grades.csv'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
