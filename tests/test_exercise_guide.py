"""docs/writing-an-exercise.md, followed: its cells go into a copy of lesson 3, its check and its
catalogue entries are run as written, and the lesson is assigned and graded with real nbgrader
(student code in the sandbox), as an instructor following the guide would."""

import re
import shutil
from pathlib import Path

import nbformat
import numpy as np
import pytest

from mlcourse import checks
from mlcourse.instructor import course, markers, records, tagging

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "writing-an-exercise.md"
LESSON = "03_gradients"
NAME = "mean_residual"


def guide_blocks():
    """The guide's code blocks, by the name of the `<!-- guide: … -->` comment before each."""
    text = GUIDE.read_text()
    found = re.findall(r"<!-- guide: ([a-z ]+) -->\n```python\n(.*?)```", text, re.S)
    return {name: code.rstrip("\n") for name, code in found}


BLOCKS = guide_blocks()


@pytest.fixture(scope="module")
def check():
    """The guide's check module, run as written."""
    namespace = {"__name__": "guide_check"}
    exec(compile(BLOCKS["check"], "guide: check", "exec"), namespace)
    return namespace


def test_the_guide_has_every_block():
    assert set(BLOCKS) == {"answer cell", "check cell", "hidden cell", "check", "catalogue"}


def test_the_guides_catalogue_passes_on_its_check(check):
    answers = []

    def right(exercise):
        return lambda function: answers.append((exercise, function, (), True, True)) or function

    def wrong(exercise, *keywords, named=True):
        return lambda function: answers.append((exercise, function, keywords, named, False))

    exec(BLOCKS["catalogue"], {"right": right, "wrong": wrong, "np": np})
    exercise = check["MEAN_RESIDUAL"]
    assert len(answers) == 4
    for name, function, keywords, named, is_right in answers:
        assert name == NAME
        verdict = exercise.judge_function(function)
        if is_right:
            assert verdict.passed, (function.__name__, verdict.message)
            continue
        for words in keywords:
            assert words in verdict.message, (function.__name__, verdict.message)
        assert (verdict.kind == "mistake") == named, (function.__name__, verdict.kind)
    named = {f.__name__: exercise.judge_function(f).mistake_ids for _, f, *_ in answers}
    assert named["mean_residual_swapped"] == ("sign",)
    assert named["mean_residual_sum"] == ("sum",)
    with pytest.raises(checks.ExerciseFailed, match="sign is wrong"):
        check["check_mean_residual"](lambda y, y_hat: np.mean(y_hat - y))


@pytest.fixture(scope="module")
def graded(tmp_path_factory, check):
    """Lesson 3 with the guide's exercise after its last one, assigned and graded: one student
    answers everything right, one gets the new exercise's sign wrong."""
    lessons = tmp_path_factory.mktemp("lessons")
    notebook = nbformat.read(course.LESSONS / f"{LESSON}.ipynb", as_version=4)
    last_hidden = max(
        i for i, c in enumerate(notebook.cells) if markers.has(c.source, markers.HIDDEN_TESTS)
    )
    cells = [nbformat.v4.new_code_cell(BLOCKS[f"{kind} cell"]) for kind in ("answer", "check")]
    cells.append(nbformat.v4.new_code_cell(BLOCKS["hidden cell"]))
    for number, cell in enumerate(cells):
        cell["id"] = f"guide-{number}"
    notebook.cells[last_hidden + 1 : last_hidden + 1] = cells
    nbformat.write(notebook, lessons / f"{LESSON}.ipynb")
    root = tmp_path_factory.mktemp("guide") / "course"
    assert course.assign(root, lessons, only=["3"]) == [LESSON]
    source = nbformat.read(root / "source" / LESSON / f"{LESSON}.ipynb", as_version=4)
    for student, wrong_sign in (("ann", False), ("ben", True)):
        handed = nbformat.read(root / "release" / LESSON / f"{LESSON}.ipynb", as_version=4)
        for cell in handed.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if grade_id.endswith("-answer"):
                worked = next(c for c in source.cells if c.metadata.get("nbgrader", {}).get(
                    "grade_id") == grade_id)  # fmt: skip
                cell.source = markers.without_markers(worked.source, markers.SOLUTION)
                if wrong_sign and grade_id == tagging.answer_id(NAME):
                    cell.source = cell.source.replace("np.mean(y - y_hat)", "np.mean(y_hat - y)")
        folder = root / "submitted" / student / LESSON
        folder.mkdir(parents=True)
        nbformat.write(handed, folder / f"{LESSON}.ipynb")
    registry = {**checks.EXERCISES, NAME: check["MEAN_RESIDUAL"]}
    outcomes = course.grade(root, seed=4, checks=registry)
    shutil.rmtree(lessons)
    return root, {o.student: o for o in outcomes}


def test_assign_picks_up_the_guides_exercise(graded):
    root, _ = graded
    released = nbformat.read(root / "release" / LESSON / f"{LESSON}.ipynb", as_version=4)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in released.cells]
    at = ids.index(tagging.answer_id(NAME))
    assert ids[at : at + 3] == [
        tagging.answer_id(NAME),
        tagging.check_id(NAME),
        tagging.hidden_id(NAME),
    ]
    answer, _, hidden = released.cells[at : at + 3]
    assert "raise NotImplementedError()" in answer.source and "np.mean" not in answer.source
    assert "BEGIN HIDDEN TESTS" not in hidden.source and "seed=seed" not in hidden.source


def test_the_guides_exercise_is_graded_and_its_mistake_recorded(graded):
    root, outcomes = graded
    # Lesson 3's two exercises and the new one, 1 visible and 2 hidden points each.
    assert (outcomes["ann"].score, outcomes["ann"].max_score) == (9, 9), outcomes["ann"]
    assert (outcomes["ben"].score, outcomes["ben"].max_score) == (6, 9), outcomes["ben"]
    known, _ = records.read_all(root)
    ben = {e.name: e for e in known[("ben", LESSON)].exercises}[NAME]
    assert (ben.visible, ben.hidden, ben.visible_kind) == (0, 0, "mistake")
    assert ben.visible_mistakes == ("sign",) and "sign is wrong" in ben.visible_message
    page = (root / "feedback" / "ben" / LESSON / f"{LESSON}.html").read_text()
    assert "The sign is wrong: a residual is y − ŷ" in page
