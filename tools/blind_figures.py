"""Count a classified blind run: named, vague, misleading and wrongly accepted wrong answers.

    python tools/blind_figures.py /work/blind/run-3.txt /work/blind/run-3-classes.txt

The run is tools/blind.py's output (which names each answer's exercise); the classes file has one
line per wrong answer, ``07#13 N note`` (lesson#answer, then N named, V vague, M misleading or
A accepted, by a person reading the message against the writer's description). Figures are given
for the first eleven exercises of lessons 1-5, for the exercises added since (issue 19's "newer
exercises") and for all.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

FIRST_ELEVEN = {
    "make_inputs",
    "make_targets",
    "linear",
    "predict",
    "sse",
    "grad_w1",
    "grad_w0",
    "update",
    "train_loop",
    "critical_rate",
    "fastest_rate",
}
CLASSES = {"N": "named", "V": "vague", "M": "misleading", "A": "accepted"}


def exercises(run: Path) -> dict[str, str]:
    """lesson#answer -> the exercise, from the run's headers ``[07_minibatches #13] name / …``."""
    found = {}
    for line in run.read_text().splitlines():
        match = re.match(r"\[(\d\d)_\S+ #(\d+)\] (\w+) /", line)
        if match:
            found[f"{match[1]}#{match[2]}"] = match[3]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run", type=Path)
    parser.add_argument("classes", type=Path)
    options = parser.parse_args()
    exercise = exercises(options.run)
    counts = {"first eleven": Counter(), "newer": Counter(), "all": Counter()}
    for line in options.classes.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, label = line.split()[:2]
        if key not in exercise or label not in CLASSES:
            parser.exit(2, f"tools/blind_figures.py: cannot read the line {line!r}\n")
        group = "first eleven" if exercise[key] in FIRST_ELEVEN else "newer"
        counts[group][label] += 1
        counts["all"][label] += 1
    for group, count in counts.items():
        total = sum(count.values())
        parts = ", ".join(
            f"{word} {count[c]} ({100 * count[c] / max(total, 1):.1f} %)"
            for c, word in CLASSES.items()
        )
        print(f"{group:13s} {total:3d} wrong answers: {parts}")


if __name__ == "__main__":
    main()
