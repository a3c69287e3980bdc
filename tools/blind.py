"""Run answers written elsewhere (a blind set) through the checks, the way a notebook would.

    .venv/bin/python tools/blind.py /work/blind/answers [--lesson 07]

Each file in the folder is one lesson's answers (``07_minibatches.py``: a list ``ANSWERS`` of
dicts with ``exercise``, ``label``, ``right``, ``mistake`` and ``code``; read with
``ast.literal_eval``, never imported). Each answer's code runs in a copy of the lesson's namespace
as it stands before the exercise's answer cell (the worked lesson's cells above it have run:
its data, its variables, the functions of the exercises before), then the exercise's visible
check judges the function it defines. For each answer the script prints the verdict's kind, its
mistake ids and its message, beside what the writer says the answer is, and whether the hidden
seeds also pass.
"""

from __future__ import annotations

import argparse
import ast
import linecache
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import lesson_namespace  # noqa: E402

from mlcourse import checks  # noqa: E402

HIDDEN_SEEDS = (101, 202, 303)


def read_answers(path: Path) -> list[dict]:
    """The ``ANSWERS`` list of one file, as data."""
    tree = ast.parse(path.read_text(), str(path))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["ANSWERS"]:
            return ast.literal_eval(node.value)
    raise ValueError(f"{path} has no ANSWERS = [...]")


def define(answer: dict, lesson: str, number: int) -> tuple[object, str]:
    """The function the answer's code defines in a copy of the lesson's namespace, and what
    went wrong running the code ("" if nothing)."""
    namespace = lesson_namespace.snapshot(lesson_namespace.namespaces(lesson)[answer["exercise"]])
    code = textwrap.dedent(answer["code"]).strip() + "\n"
    filename = f"<answer {lesson} {number}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    try:
        exec(compile(code, filename, "exec"), namespace)
    except BaseException as error:  # an answer that does not even run is reported as such
        return None, f"{type(error).__name__}: {error}"
    return namespace.get(answer["exercise"]), ""


def report(answer: dict, lesson: str, number: int) -> str:
    exercise = checks.EXERCISES[answer["exercise"]]
    function, problem = define(answer, lesson, number)
    verdict = exercise.judge_function(function, seed=0)
    hidden = [exercise.judge_function(function, seed=s).passed for s in HIDDEN_SEEDS]
    writer = "right" if answer.get("right") else f"wrong: {answer.get('mistake', '')}"
    lines = [
        f"[{lesson} #{number}] {answer['exercise']} / {answer['label']}",
        f"  writer:  {writer}",
        f"  verdict: {verdict.kind}"
        + (f"  ids: {', '.join(verdict.mistake_ids)}" if verdict.mistake_ids else "")
        + f"  hidden seeds: {'pass' if all(hidden) else 'fail'}",
        "  message: " + verdict.message.replace("\n", " "),
    ]
    if problem:
        lines.insert(2, f"  the code raised: {problem}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the folder of answer files")
    parser.add_argument("--lesson", default="", help="only the files whose name starts so")
    options = parser.parse_args()
    if not options.folder.is_dir():
        parser.exit(2, f"tools/blind.py: {options.folder} is not a folder\n")
    for path in sorted(options.folder.glob(f"{options.lesson}*.py")):
        lesson = lesson_namespace.lesson_path(path.stem).stem
        for number, answer in enumerate(read_answers(path), start=1):
            print(report(answer, lesson, number), flush=True)
            print()


if __name__ == "__main__":
    main()
