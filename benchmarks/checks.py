"""What the exercise checks cost, and how much room the training loop's time limit leaves.

    .venv/bin/python benchmarks/checks.py

Prints medians over repetitions; every ratio compares figures measured in this same run, since
the machines are shared and absolute times drift. Nothing here asserts: it is a report.

1. Seconds per notebook check (``Exercise.check`` on the visible seed, as a lesson's check cell
   runs it: the calls in a forked child, then the judge) for a right answer, and the slowest of
   a few wrong ones (a wrong answer makes the judge try its hypotheses); the slowest right one
   is the figure the issue bounds by 1 s.
2. The training loop: a numpy loop, the point-by-point loop over the package's pieces, and the
   time limit of each call of the visible check (measured point cost × points × epochs × factor,
   plus the default).
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from catalogue import ANSWERS  # noqa: E402

from mlcourse import checks, feedback  # noqa: E402
from mlcourse.checks import training  # noqa: E402


def median_seconds(action, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def notebook_check(exercise, function) -> None:
    with checks.quietly(), contextlib.suppress(checks.ExerciseFailed):
        exercise.check(function)


def check_costs() -> None:
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"Seconds per notebook check (visible seed; load average {load}):")
    print(f"  {'exercise':20s} {'right, median of 5':>20s} {'slowest of 5 wrong':>20s}")
    slowest = (0.0, "")
    for name, exercise in checks.EXERCISES.items():
        right = next(a.function for a in ANSWERS if a.exercise == name and a.right)
        wrong = [a.function for a in ANSWERS if a.exercise == name and not a.right][:5]
        right_seconds = median_seconds(lambda e=exercise, f=right: notebook_check(e, f))
        wrong_seconds = max(
            median_seconds(lambda e=exercise, f=f: notebook_check(e, f), repeats=3) for f in wrong
        )
        slowest = max(slowest, (right_seconds, name))
        print(f"  {name:20s} {right_seconds:20.3f} {wrong_seconds:20.3f}")
    print(f"Slowest check of a right answer: {slowest[1]}, {slowest[0]:.3f} s (the bound is 1 s)")


def training_loop_room() -> None:
    exercise = checks.EXERCISES["train_loop"]
    calls = exercise.cases(0)
    limits = exercise.limits(calls)
    right = next(a.function for a in ANSWERS if a.id == "train_loop:loop_package_pieces")
    slow = next(a.function for a in ANSWERS if a.id == "train_loop:loop_point_by_point")
    print(
        f"\nTraining loop: one point of one epoch of the point-by-point loop takes "
        f"{training.seconds_per_point() * 1e6:.0f} µs here; limit = "
        f"{feedback.DEFAULT_TIMEOUT:g} s + {training.SLOW_FACTOR} × that × points × epochs"
    )
    print("  points × epochs   numpy loop   point by point   limit   limit / point by point")
    for args, limit in zip(calls, limits, strict=True):
        fast = median_seconds(lambda args=args: right(*args), repeats=3)
        per_point = median_seconds(lambda args=args: slow(*args), repeats=3)
        work = f"{len(args[0])} × {args[5]}"
        print(
            f"  {work:>15s} {fast:10.3f} s {per_point:14.3f} s {limit:6.2f} s"
            f" {limit / per_point:10.1f}"
        )


if __name__ == "__main__":
    check_costs()
    training_loop_room()
