"""What the exercise checks cost, and how much room the training loop's time limit leaves.

    .venv/bin/python benchmarks/checks.py

Prints medians over repetitions; every ratio compares figures measured in this same run, since
the machines are shared and absolute times drift. Nothing here asserts: it is a report.

1. Seconds per check on the visible seed, for a right answer and a wrong one (which makes the
   judge try every mistake of the exercise).
2. The training loop: a numpy loop, the point-by-point loop over the package's pieces, and the
   time limit of each call of the visible check (measured point cost × points × epochs × factor,
   plus the default).
"""

from __future__ import annotations

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


def verdict(exercise, function) -> None:
    calls, outcomes = exercise.run(function, seed=0)
    exercise.verdict(calls, outcomes)


def check_costs() -> None:
    print("Seconds per check (visible seed, median of 5): right answer, wrong answer")
    for name, exercise in checks.EXERCISES.items():
        right = next(a.function for a in ANSWERS if a.exercise == name and a.right)
        wrong = next(a.function for a in ANSWERS if a.exercise == name and not a.right)
        seconds = [
            median_seconds(lambda e=exercise, f=function: verdict(e, f))
            for function in (right, wrong)
        ]
        print(f"  {name:14s} {seconds[0]:6.3f} {seconds[1]:6.3f}")


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
