"""The `mlcourse` command: every mistake gets one line and a non-zero exit, never a traceback."""

import json
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import version

import pytest

from mlcourse import lessons, open_notebooks
from mlcourse.cli import main

USAGE, FAILED = 2, 1
BROKEN_LESSON = {
    "nbformat": 4,
    "nbformat_minor": 5,
    "metadata": {},
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "a",
            "metadata": {},
            "outputs": [],
            "source": "checks.check_f(f)",
        }
    ],
}


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def mlcourse(capsys, monkeypatch):
    """Run the command in this process, as its console script would: (status, stdout, stderr)."""
    monkeypatch.setenv("COLUMNS", "100")

    def run(*args):
        try:
            status = main([str(a) for a in args])
        except SystemExit as exit:  # argparse's way out: --help, --version, usage errors
            status = exit.code
        return Run(status, *capsys.readouterr())

    return run


def one_line(run, status):
    """The run failed with ``status`` and said why in exactly one line; return that line."""
    assert run.returncode == status, (run.returncode, run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("mlcourse")
    return lines[0]


def test_version_is_the_installed_one(mlcourse):
    run = mlcourse("--version")
    assert run.returncode == 0 and run.stdout == f"mlcourse {version('mlcourse')}\n"


def test_help_lists_each_command_on_one_line(mlcourse):
    text = mlcourse("--help").stdout
    listing = text.split("commands:")[1].splitlines()
    for name in ("lessons", "assign", "grade", "extend", "report", "export"):
        (index,) = [i for i, line in enumerate(listing) if line.strip().startswith(name + " ")]
        line, following = listing[index], listing[index + 1] if index + 1 < len(listing) else ""
        assert len(line.split(name, 1)[1].strip()) > 20, line  # a real description
        assert not following.startswith(" " * (len(line) - len(line.lstrip()) + 2)), following


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((), "choose a command: lessons, assign, grade, extend, report or export"),
        (("grde",), "invalid choice: 'grde'"),
        (("assign",), "the following arguments are required: COURSE_DIR"),
        (("assign", "x", "--due", "tomorrow"), "--due: expected a date such as"),
        (("assign", "x", "--due", "03=friday"), "--due: expected a date such as"),
        (("assign", "x", "--due", "=2026-12-01"), "--due: expected LESSON=DATE"),
        (("assign", "x", "--late-penalty", "150"), "--late-penalty: expected a percentage"),
        (("assign", "x", "--zero-after", "-1"), "--zero-after: expected a number of days ≥ 0"),
        (("extend", "x", "ann", "03"), "one of the arguments --until --days is required"),
        (("extend", "x", "ann", "03", "--days", "2", "--until", "2026-12-01"), "not allowed with"),
        (("extend", "x", "ann", "03", "--days", "0"), "--days: expected a number above 0"),
        (("export", "x", "--format", "excel"), "--format: invalid choice: 'excel'"),
        (("grade", "x", "--jobs", "0"), "--jobs: expected a whole number above 0, got '0'"),
        (("grade", "x", "--jobs", "two"), "--jobs: expected a whole number above 0, got 'two'"),
        (("grade", "x", "--timeout", "-5"), "--timeout: expected a number above 0, got '-5'"),
        (("grade", "x", "--timeout", "inf"), "--timeout: expected a number above 0, got 'inf'"),
        (("lessons", "--lesson", "42"), "--lesson: no lesson '42': the lessons are 01_data"),
        (("lessons", "--frobnicate"), "unrecognized arguments: --frobnicate"),
    ],
)
def test_usage_errors_exit_2_in_one_line(mlcourse, args, says):
    assert says in one_line(mlcourse(*args), USAGE)


def test_a_lesson_the_course_does_not_have(mlcourse, assigned_course):
    for args in (("grade", assigned_course, "--lesson", "42"), ("extend", assigned_course, "ann",
                 "42", "--days", "1"), ("report", assigned_course, "--lesson", "42")):  # fmt: skip
        line = one_line(mlcourse(*args), FAILED)
        assert "no lesson '42': the lessons are 01_data" in line, line


def test_extending_by_days_needs_a_due_date(mlcourse, assigned_course):
    line = one_line(mlcourse("extend", assigned_course, "ann", "3", "--days", "2"), FAILED)
    assert "03_gradients has no due date, so --days has nothing to count from" in line


def test_grade_a_folder_that_does_not_exist(mlcourse, tmp_path):
    line = one_line(mlcourse("grade", tmp_path / "nowhere"), FAILED)
    assert line == f"mlcourse grade: {tmp_path / 'nowhere'}: no such folder"


def test_grade_a_folder_that_is_no_course(mlcourse, tmp_path):
    line = one_line(mlcourse("grade", tmp_path), FAILED)
    assert "is not a course directory" in line and f"mlcourse assign {tmp_path}" in line


def test_assign_needs_no_activated_environment_and_keeps_the_course_private(assigned_course):
    course_dir = assigned_course
    assert (course_dir / "gradebook.db").is_file()
    assert (course_dir / "release" / "03_gradients" / "03_gradients.ipynb").is_file()
    assert course_dir.stat().st_mode & 0o777 == 0o700, "source/ holds the solutions"


def test_grade_without_submissions(mlcourse, assigned_course):
    course_dir = assigned_course
    line = one_line(mlcourse("grade", course_dir), FAILED)
    assert line.startswith(f"mlcourse grade: no submissions in {course_dir / 'submitted'}/")


def test_assign_onto_a_file(mlcourse, tmp_path):
    (tmp_path / "notes.txt").write_text("")
    line = one_line(mlcourse("assign", tmp_path / "notes.txt"), FAILED)
    assert line.endswith("notes.txt exists and is not a folder")


def test_assign_from_a_missing_or_empty_lessons_folder(mlcourse, tmp_path):
    missing = one_line(mlcourse("assign", tmp_path / "c", "--lessons", tmp_path / "no"), FAILED)
    assert missing.endswith(f"--lessons {tmp_path / 'no'}: no such folder")
    (tmp_path / "empty").mkdir()
    empty = one_line(mlcourse("assign", tmp_path / "c", "--lessons", tmp_path / "empty"), FAILED)
    assert f"no lesson notebooks (01_….ipynb) in {tmp_path / 'empty'}" in empty
    assert not (tmp_path / "c").exists(), "nothing is written when there is nothing to assign"


def test_assign_an_edited_lesson_that_breaks_the_exercise_pattern(mlcourse, tmp_path):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "01_mine.ipynb").write_text(json.dumps(BROKEN_LESSON))
    line = one_line(mlcourse("assign", tmp_path / "c", "--lessons", tmp_path / "lessons"), FAILED)
    assert "01_mine.ipynb: the check of f does not follow the code cell" in line


def test_instructor_commands_without_the_instructor_extra(mlcourse, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "nbgrader", None)  # as if it were not installed
    for command in ("assign", "grade"):
        line = one_line(mlcourse(command, tmp_path), FAILED)
        assert line == (
            f"mlcourse {command}: needs nbgrader, which the instructor extra brings: "
            f"pip install 'mlcourse[instructor]'"
        )


def test_lessons_into_a_file_or_below_one(mlcourse, tmp_path):
    (tmp_path / "f").write_text("")
    assert one_line(mlcourse("lessons", tmp_path / "f"), FAILED).endswith("is not a folder")
    below = one_line(mlcourse("lessons", tmp_path / "f" / "x"), FAILED)
    assert "cannot write the lessons to" in below and "Not a directory" in below


def test_lessons_default_folder_and_the_hint_for_a_kept_lesson(mlcourse, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    first = mlcourse("lessons")
    assert first.returncode == 0, first.stderr
    mine = tmp_path / "my-lessons"
    assert sorted(p.name for p in mine.glob("*.ipynb")) == [
        p.name for p in lessons.worked_lessons()
    ]
    for name in ("04_training.ipynb", "06_reshaping_the_valley.ipynb"):
        (mine / name).write_text("{}")
    second = mlcourse("lessons")
    assert f"kept      {mine.relative_to(tmp_path) / '04_training.ipynb'}" in second.stdout
    assert second.stdout.splitlines()[-1] == (
        "kept what you changed; to start a lesson again: "
        "mlcourse lessons my-lessons --lesson 04 --force or "
        "mlcourse lessons my-lessons --lesson 06 --force"
    )
    assert (mine / "04_training.ipynb").read_text() == "{}"
    solutions = mlcourse("lessons", "--solutions")
    assert solutions.returncode == 0 and (tmp_path / "solutions" / "04_training.ipynb").is_file()


def test_a_wrapper_names_its_own_way_to_start_a_lesson_again(mlcourse, tmp_path):
    mlcourse("lessons", tmp_path)
    (tmp_path / "03_gradients.ipynb").write_text("{}")
    run = mlcourse("lessons", tmp_path, "--reset-command", "make reset LESSON={lesson}")
    assert run.stdout.splitlines()[-1] == (
        "kept what you changed; to start a lesson again: make reset LESSON=03"
    )
    line = one_line(mlcourse("lessons", tmp_path, "--reset-command", "make reset"), FAILED)
    assert line.endswith("--reset-command 'make reset' does not say where {lesson} goes")


def test_force_on_a_lesson_open_in_jupyter_is_refused_in_one_line(mlcourse, monkeypatch, tmp_path):
    mlcourse("lessons", tmp_path)
    (tmp_path / "03_gradients.ipynb").write_text("{}")
    url = "http://127.0.0.1:8888/"
    monkeypatch.setattr(open_notebooks, "open_in_jupyter", lambda paths: dict.fromkeys(paths, url))
    line = one_line(mlcourse("lessons", tmp_path, "--lesson", "3", "--force"), FAILED)
    assert f"03_gradients.ipynb in the Jupyter at {url}" in line
    assert "Close and Shut Down Notebook" in line and line.endswith("nothing was reset")
    assert (tmp_path / "03_gradients.ipynb").read_text() == "{}"
    monkeypatch.setattr(open_notebooks, "open_in_jupyter", lambda paths: {})
    done = mlcourse("lessons", tmp_path, "--lesson", "3", "--force")
    assert done.returncode == 0 and "reset    " in done.stdout and "choose Revert" in done.stdout


def test_importing_the_command_changes_nothing_in_the_process():
    probe = (
        "import os, json; before = dict(os.environ);"
        "import mlcourse.cli, mlcourse.lessons, mlcourse.instructor.course;"
        "print(json.dumps(dict(os.environ) == before))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.stdout.strip() == "true", run.stderr


def test_editable_goes_with_solutions(mlcourse, tmp_path):
    line = one_line(mlcourse("lessons", tmp_path / "x", "--editable"), FAILED)
    assert line.endswith("--editable goes with --solutions (the exercises are always editable)")
    assert not (tmp_path / "x").exists()
    done = mlcourse("lessons", tmp_path / "x", "--solutions", "--editable", "--lesson", "1")
    assert (
        done.returncode == 0
        and "Worked solutions" not in (tmp_path / "x" / "01_data.ipynb").read_text()
    )


def test_the_grade_report_tells_look_alike_students_apart(mlcourse, tmp_path, monkeypatch):
    """Red team a15: "alice ", a Cyrillic "аlice" and "alice" printed rows that read alike.
    The grading itself is replaced: this is about what the report prints."""
    from mlcourse.instructor import course, sandbox

    (tmp_path / "source").mkdir()
    (tmp_path / "gradebook.db").write_bytes(b"")
    (tmp_path / "submitted" / "alice" / "03_gradients").mkdir(parents=True)
    ids = ["alice", "alice ", "\u0430lice", "ALICE", "bob"]
    outcomes = [course.Outcome(i, "03_gradients", score=6, max_score=6) for i in ids]
    monkeypatch.setattr(sandbox, "detect", lambda *a, **k: sandbox.Sandbox(sandbox.BUBBLEWRAP))
    monkeypatch.setattr(course, "grade", lambda *a, **k: outcomes)
    run = mlcourse("grade", tmp_path)
    rows = [line.split(" 6 / 6")[0] for line in run.stdout.splitlines() if " 6 / 6" in line]
    shown = [row.rsplit("03_gradients", 1)[0].rstrip() for row in rows]
    assert shown == ["alice", "alice\\x20", "\u0430lice [\\u0430lice]", "ALICE", "bob"]
    warnings = [line for line in run.stderr.splitlines() if "differ only in case" in line]
    assert len(warnings) == 1 and all(s in warnings[0] for s in ("ALICE", "alice\\x20"))
    assert "bob" not in warnings[0]
