"""Answers written blind, from the lesson text alone, by someone who had never read the checks
(tests/blind_answers.json, the first set; issue 19), registered in tests/catalogue.py's ANSWERS.

Each answer runs as its notebook would run it: its code in a copy of the worked lesson's
namespace as it stands before the exercise's answer cell (tests/lesson_namespace.py), so that
the notebook's variables it uses (data, x_mean, first, …) are there. ``expect`` holds the verdict
it must get: {"right": true}, {"mistake": id} or {"kind": kind}. One answer its writer thought
right fails on purpose: ``np.where`` over both logs of the binary cross-entropy warns "divide by
zero" (the exercise rejects an answer that warns; see its ``failing_warnings``).
"""

import json
import linecache
import textwrap
from pathlib import Path

import lesson_namespace
from catalogue import ANSWERS, Answer

BLIND = Path(__file__).resolve().parent / "blind_answers.json"


def define(entry: dict):
    """The function an answer's code defines, in a copy of its lesson's namespace."""
    namespace = lesson_namespace.snapshot(
        lesson_namespace.namespaces(entry["lesson"])[entry["exercise"]]
    )
    code = textwrap.dedent(entry["code"]).strip() + "\n"
    filename = f"<blind {entry['lesson']} {entry['number']}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    exec(compile(code, filename, "exec"), namespace)
    return namespace[entry["exercise"]]


for entry in json.loads(BLIND.read_text()):
    expect = entry["expect"]
    ANSWERS.append(
        Answer(
            entry["exercise"],
            define(entry),
            keywords=(),
            named=True,
            right="right" in expect,
            mistake=expect.get("mistake"),
            kind=expect.get("kind"),
            name=f"blind-{entry['lesson'][:2]}-{entry['number']}",
        )
    )
