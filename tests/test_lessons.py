"""The learner's lessons: the exercise form (equal to nbgrader's release, made without it), and
a folder of the learner's own that keeps their work."""

import ast
import contextlib
import hashlib
import io
import json
import re
import stat

import nbformat
import numpy as np
import pytest

import mlcourse
from mlcourse import checks, lessons
from mlcourse.instructor import course

WORKED = lessons.worked_lessons()
SOLUTION = re.compile(r"# BEGIN SOLUTION\n(.*?)# END SOLUTION", re.S)
HIDDEN = re.compile(r"# BEGIN HIDDEN TESTS\n(.*?)# END HIDDEN TESTS", re.S)


def exercise(path):
    return nbformat.reads(lessons.lesson_text(path), as_version=4)


def test_the_lessons_are_the_clones_notebooks_in_reading_order():
    assert lessons.lessons_folder() == course.LESSONS
    assert [p.name for p in WORKED] == sorted(
        p.name for p in (lessons.lessons_folder()).glob("*.ipynb")
    )
    numbers = [int(p.name[:2]) for p in WORKED]
    assert numbers == list(range(1, 12))


@pytest.fixture(scope="module")
def nbgrader_release(assigned_course):
    """nbgrader's own release of every lesson, made by `mlcourse assign`."""
    return assigned_course / "release"


def without_checksums(cell):
    """nbgrader adds a checksum (and the cell type it covers) for its autograder; the learner's
    copy is never autograded."""
    for key in ("checksum", "cell_type"):
        cell.metadata.get("nbgrader", {}).pop(key, None)
    return cell


@pytest.mark.parametrize("path", WORKED, ids=lambda p: p.stem)
def test_exercise_form_is_nbgraders_release_cell_by_cell(nbgrader_release, path):
    ours = nbformat.from_dict(lessons.exercise_form(lessons.read(path)))
    theirs = nbformat.read(nbgrader_release / path.stem / path.name, as_version=4)
    assert ours.metadata == theirs.metadata
    assert len(ours.cells) == len(theirs.cells)
    for index, (mine, release) in enumerate(zip(ours.cells, theirs.cells, strict=True)):
        assert mine == without_checksums(release), f"cell {index + 1}"


@pytest.mark.parametrize("path", WORKED, ids=lambda p: p.stem)
def test_exercise_form_gives_nothing_away(path):
    """No solution line, no hidden test, and no stored output at all: a stored ✔, or a number a
    later cell printed from a solution (lesson 3 prints the gradient the learner must derive),
    would give the answer away."""
    worked, ours = nbformat.read(path, as_version=4), exercise(path)
    secrets = [
        line.strip()
        for cell in worked.cells
        for block in SOLUTION.findall(cell.source) + HIDDEN.findall(cell.source)
        for line in block.splitlines()
        if line.strip()
    ]
    assert secrets
    sources = "\n".join(cell.source for cell in ours.cells)
    for line in secrets:
        assert line not in sources, line
    assert "SOLUTION" not in sources and "HIDDEN TESTS" not in sources
    assert "✔" not in lessons.lesson_text(path)
    for cell in ours.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def function_definitions(notebook, upto):
    """Every function the code cells up to index ``upto`` define, as one module."""
    body = []
    for cell in notebook.cells[: upto + 1]:
        if cell.cell_type == "code":
            tree = ast.parse(cell.source.replace("%matplotlib inline", ""))
            body += [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    return ast.Module(body=body, type_ignores=[])


def run_checks(notebook):
    """Run each exercise's visible check on the functions the notebook defines; return, per
    check, what it printed and the failure it raised (None when it passed)."""
    results = {}
    for index, cell in enumerate(notebook.cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if not grade_id.endswith("-check"):
            continue
        namespace = {"np": np, "mc": mlcourse, "checks": checks}
        exec(compile(function_definitions(notebook, index), "lesson", "exec"), namespace)
        printed, failure = io.StringIO(), None
        with contextlib.redirect_stdout(printed):
            try:
                exec(cell.source, namespace)
            except AssertionError as error:
                failure = error
        results[grade_id] = (printed.getvalue(), failure)
    return results


@pytest.mark.parametrize("path", WORKED, ids=lambda p: p.stem)
def test_every_check_fails_until_the_learner_writes_the_code(path):
    worked = run_checks(nbformat.read(path, as_version=4))
    stubs = run_checks(exercise(path))
    assert worked.keys() == stubs.keys() and len(stubs) >= 2
    for grade_id, (printed, failure) in worked.items():
        assert failure is None and printed.startswith("✔"), (grade_id, failure)
    for grade_id, (printed, failure) in stubs.items():
        assert isinstance(failure, checks.ExerciseFailed) and "✔" not in printed, grade_id


def notebook_of(*cells):
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": kind, "metadata": metadata, "source": source, "outputs": [], "id": str(i)}
            | ({"execution_count": 1} if kind == "code" else {})
            for i, (kind, source, metadata) in enumerate(cells)
        ],
    }


ANSWER = {"nbgrader": {"solution": True, "grade": False, "grade_id": "f-answer"}}
CHECK = {"nbgrader": {"solution": False, "grade": True, "grade_id": "f-check", "locked": True}}


def test_a_solution_region_becomes_the_stub_indented_like_its_markers():
    source = "def f(x):\n    y = 1\n    # BEGIN SOLUTION\n    return x + y\n    # END SOLUTION\n"
    notebook = notebook_of(("code", source, ANSWER))
    cell = lessons.exercise_form(notebook)["cells"][0]
    assert cell["source"] == (
        "def f(x):\n    y = 1\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"
    )
    assert notebook["cells"][0]["source"] == source, "the worked notebook must stay as it is"


def test_a_solution_cell_without_markers_is_replaced_whole_and_text_gets_the_text_stub():
    notebook = notebook_of(
        ("code", "x = 42", ANSWER),
        ("markdown", "Because\n### BEGIN SOLUTION\nit is 42\n### END SOLUTION", ANSWER),
    )
    code, text = lessons.exercise_form(notebook)["cells"]
    assert code["source"] == "# YOUR CODE HERE\nraise NotImplementedError()"
    assert text["source"] == "Because\nYOUR ANSWER HERE"


def test_hidden_tests_and_mark_schemes_are_removed_and_checks_locked():
    notebook = notebook_of(
        ("code", "check(f)\n# BEGIN HIDDEN TESTS\ncheck(f, seed=1)\n# END HIDDEN TESTS", CHECK),
        ("markdown", "Task\n=== BEGIN MARK SCHEME ===\nfull marks if\n=== END MARK SCHEME ===", {}),
        ("code", "print(1)", {}),
    )
    notebook["cells"][2]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "1\n"}]
    check, task, plain = lessons.exercise_form(notebook)["cells"]
    assert check["source"] == "check(f)" and task["source"] == "Task"
    assert check["metadata"]["editable"] is False and check["metadata"]["deletable"] is False
    assert plain["outputs"] == [] and plain["execution_count"] is None
    assert "editable" not in plain["metadata"]


@pytest.mark.parametrize(
    ("source", "complaint"),
    [
        ("# BEGIN SOLUTION\nx = 1\n", "'BEGIN SOLUTION' without 'END SOLUTION'"),
        ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "inside another"),
    ],
)
def test_a_broken_region_is_named_with_its_cell(source, complaint):
    notebook = notebook_of(("markdown", "intro", {}), ("code", source, ANSWER))
    with pytest.raises(lessons.LessonError, match=f"lesson.ipynb, cell 2: .*{complaint}"):
        lessons.exercise_form(notebook, "lesson.ipynb")


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["3"], ["03_gradients"]),
        (["03", "1"], ["01_data", "03_gradients"]),
        (["04_training.ipynb", "04_training"], ["04_training"]),
        (["all"], [p.stem for p in WORKED]),
        ([], [p.stem for p in WORKED]),
    ],
)
def test_select_lessons_by_number_or_name(names, expected):
    assert [p.stem for p in lessons.select(WORKED, names)] == expected


def test_an_unknown_lesson_is_named_with_the_ones_there_are():
    with pytest.raises(lessons.LessonError, match=r"no lesson '42': the lessons are 01_data, "):
        lessons.select(WORKED, ["42"])


def actions(results):
    return {r.name[:2]: r.action for r in results}


def test_a_learners_folder_keeps_their_work(tmp_path):
    folder = tmp_path / "mine"
    assert set(actions(lessons.write_lessons(folder)).values()) == {"written"}
    for path in WORKED:
        assert (folder / path.name).read_text() == lessons.lesson_text(path)
    edited = (
        (folder / "03_gradients.ipynb")
        .read_text()
        .replace("raise NotImplementedError()", "return -np.sum((y - y_hat) * x)", 1)
    )
    (folder / "03_gradients.ipynb").write_text(edited)
    again = actions(lessons.write_lessons(folder))
    assert again == {path.name[:2]: "unchanged" for path in WORKED} | {"03": "kept"}
    assert (folder / "03_gradients.ipynb").read_text() == edited


def answered(text):
    """The lesson's text with its first stub answered, as a learner would."""
    assert "raise NotImplementedError()" in text
    return text.replace("raise NotImplementedError()", "return 42", 1)


def test_force_resets_one_lesson_and_keeps_the_learners_version_aside(tmp_path):
    folder = tmp_path / "mine"
    lessons.write_lessons(folder)
    for name in ("01_data.ipynb", "03_gradients.ipynb"):
        (folder / name).write_text(answered((folder / name).read_text()))
    (result,) = lessons.write_lessons(folder, force=True, only=["3"])
    assert result.action == "reset" and result.backup.parent == folder / ".backup"
    assert result.backup.read_text() == answered(lessons.lesson_text(WORKED[2]))
    assert (folder / "03_gradients.ipynb").read_text() == lessons.lesson_text(WORKED[2])
    assert "return 42" in (folder / "01_data.ipynb").read_text(), "only lesson 3 was reset"
    (second,) = lessons.write_lessons(folder, force=True, only=["3"])
    assert second.action == "unchanged"


@pytest.fixture
def course_source(tmp_path, monkeypatch):
    """The folder the lessons come from, holding the first two, for the test to change."""
    source = tmp_path / "course"
    source.mkdir()
    for path in WORKED[:2]:
        (source / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(lessons, "lessons_folder", lambda: source)
    return source


def retitle(path, title):
    """The course changes a lesson: a new first cell."""
    notebook = json.loads(path.read_text())
    notebook["cells"][0]["source"] = [f"# {title}\n"]
    path.write_text(json.dumps(notebook))


def test_a_lesson_the_learner_never_touched_follows_the_course(tmp_path, course_source):
    folder = tmp_path / "mine"
    lessons.write_lessons(folder)
    (folder / "02_forward_pass_and_error.ipynb").write_text("{}")  # the learner's own text
    for path in WORKED[:2]:  # the course changes both lessons
        retitle(course_source / path.name, "A better title")
    assert actions(lessons.write_lessons(folder)) == {"01": "updated", "02": "kept"}
    assert "# A better title" in (folder / "01_data.ipynb").read_text()
    assert (folder / "02_forward_pass_and_error.ipynb").read_text() == "{}"
    (course_source / "02_forward_pass_and_error.ipynb").write_text(json.dumps(notebook_of()))
    assert actions(lessons.write_lessons(folder)) == {"01": "unchanged", "02": "kept"}
    assert (folder / "02_forward_pass_and_error.ipynb").read_text() == "{}"


def test_a_folder_without_a_record_counts_every_difference_as_the_learners(tmp_path):
    folder = tmp_path / "mine"
    lessons.write_lessons(folder)
    (folder / lessons.MANIFEST).unlink()
    (folder / "01_data.ipynb").write_text("{}")
    assert actions(lessons.write_lessons(folder))["01"] == "kept"


def test_solutions_are_the_worked_lessons_under_a_banner_and_read_only(tmp_path):
    lessons.write_lessons(tmp_path / "worked", solutions=True)
    for path in WORKED:
        written = tmp_path / "worked" / path.name
        ours, worked = nbformat.read(written, as_version=4), nbformat.read(path, as_version=4)
        banner, *cells = ours.cells
        assert cells == worked.cells
        assert banner.cell_type == "markdown" and "Worked solutions" in banner.source
        assert banner.metadata == {"editable": False, "deletable": False}
        assert stat.S_IMODE(written.stat().st_mode) == 0o444
    assert lessons.write_lessons(tmp_path / "worked", solutions=True, only=["1"])[0].action == (
        "unchanged"
    )


def test_a_folder_that_cannot_be_one_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(lessons.LessonError, match="exists and is not a folder"):
        lessons.write_lessons(tmp_path / "file")
    with pytest.raises(lessons.LessonError, match="cannot write the lessons to"):
        lessons.write_lessons(tmp_path / "file" / "below")


@pytest.fixture(scope="module")
def kernel_language_info():
    """What a real IPython kernel of this Python reports, as JupyterLab asks it on opening a
    notebook (and then writes into the notebook's metadata)."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        return client.kernel_info(reply=True, timeout=30)["content"]["language_info"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


@pytest.mark.parametrize("solutions", [False, True], ids=["exercises", "solutions"])
def test_the_copies_are_written_as_jupyterlab_saves_them(kernel_language_info, solutions):
    """Opening a copy changes nothing, so JupyterLab does not mark it unsaved (●): the kernel's
    language_info is already there, and the text is what Jupyter's server writes on a save
    (nbformat.write; the browser test checks the ● itself)."""
    for path in WORKED:
        text = lessons.lesson_text(path, solutions=solutions)
        notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
        assert notebook.metadata.language_info == kernel_language_info
        saved = io.StringIO()
        nbformat.write(notebook, saved, version=nbformat.NO_CONVERT)
        assert text == saved.getvalue(), path.name


def ran_and_saved(text, count=7):
    """The lesson as JupyterLab saves it after the learner ran its code cells: outputs and
    execution counts, another kernel's language_info, the cells' own metadata; no source
    changed."""
    notebook = json.loads(text)
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = count
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["ran\n"]}]
            cell["metadata"]["scrolled"] = True
    notebook["metadata"]["language_info"] = {"name": "python", "version": "3.99.0"}
    return json.dumps(notebook, indent=2)


def test_running_cells_is_no_change_of_the_learners(tmp_path, course_source):
    folder = tmp_path / "mine"
    lessons.write_lessons(folder)
    lesson = folder / "01_data.ipynb"
    ran = ran_and_saved(lesson.read_text())
    lesson.write_text(ran)
    assert actions(lessons.write_lessons(folder)) == {"01": "unchanged", "02": "unchanged"}
    assert lesson.read_text() == ran, "the course did not change: the learner's outputs stay"
    retitle(course_source / "01_data.ipynb", "A better title")
    assert actions(lessons.write_lessons(folder)) == {"01": "updated", "02": "unchanged"}
    assert "# A better title" in lesson.read_text()


def test_a_lesson_restored_to_the_text_the_course_wrote_follows_the_course_again(
    tmp_path, course_source
):
    folder = tmp_path / "mine"
    lessons.write_lessons(folder)
    lesson = folder / "01_data.ipynb"
    written = lesson.read_text()
    lesson.write_text(answered(written))
    retitle(course_source / "01_data.ipynb", "A better title")
    assert actions(lessons.write_lessons(folder))["01"] == "kept"
    assert "# A better title" not in lesson.read_text()
    lesson.write_text(written)  # the learner undoes their edits
    assert actions(lessons.write_lessons(folder))["01"] == "updated"
    assert "# A better title" in lesson.read_text()
    retitle(course_source / "01_data.ipynb", "An even better title")  # later corrections
    lesson.write_text(ran_and_saved(lesson.read_text()))
    assert actions(lessons.write_lessons(folder))["01"] == "updated"
    assert "# An even better title" in lesson.read_text()


def test_a_folder_recorded_by_the_earlier_version_keeps_its_meaning(tmp_path, course_source):
    """Before, the record held the digest of each lesson's whole text."""
    folder = tmp_path / "mine"
    lessons.write_lessons(folder)
    (folder / "02_forward_pass_and_error.ipynb").write_text(
        answered((folder / "02_forward_pass_and_error.ipynb").read_text())
    )
    old = {
        "01_data.ipynb": hashlib.sha256((folder / "01_data.ipynb").read_bytes()).hexdigest(),
        "02_forward_pass_and_error.ipynb": "0" * 64,
    }
    (folder / lessons.MANIFEST).write_text(json.dumps(old))
    retitle(course_source / "01_data.ipynb", "A better title")
    retitle(course_source / "02_forward_pass_and_error.ipynb", "A better title")
    assert actions(lessons.write_lessons(folder)) == {"01": "updated", "02": "kept"}


def test_force_refuses_to_reset_a_lesson_open_in_jupyter_and_writes_nothing(tmp_path):
    folder = tmp_path / "mine"
    lessons.write_lessons(folder)
    for name in ("01_data.ipynb", "03_gradients.ipynb"):
        (folder / name).write_text(answered((folder / name).read_text()))
    asked = []

    def open_in(paths):
        asked.append(sorted(p.name for p in paths))
        return {p: "http://127.0.0.1:8888/" for p in paths if p.name == "03_gradients.ipynb"}

    with pytest.raises(lessons.LessonError, match=r"03_gradients.ipynb in the Jupyter at http"):
        lessons.write_lessons(folder, force=True, only=["1", "2", "3"], open_in=open_in)
    assert asked == [["01_data.ipynb", "03_gradients.ipynb"]], "only the lessons to reset"
    assert "return 42" in (folder / "01_data.ipynb").read_text(), "nothing was reset"
    assert not (folder / ".backup").exists()
    (result,) = lessons.write_lessons(folder, force=True, only=["1"], open_in=open_in)
    assert result.action == "reset"


def test_an_editable_copy_is_the_lessons_as_the_course_keeps_them(tmp_path):
    lessons.write_lessons(tmp_path / "edit", solutions=True, answer_key=False, only=["1", "3"])
    for path in (WORKED[0], WORKED[2]):
        written = tmp_path / "edit" / path.name
        assert nbformat.read(written, as_version=4).cells == nbformat.read(path, as_version=4).cells
        assert written.stat().st_mode & stat.S_IWUSR


def test_assigning_a_copy_of_the_answer_key_leaves_its_banner_out(tmp_path):
    """An instructor may assign the answer key's copies (``--lessons``): the banner does not
    reach the students."""
    lessons.write_lessons(tmp_path / "key", solutions=True, only=["1"])
    course.assign(tmp_path / "course", tmp_path / "key")
    for kind in ("source", "release"):
        stem = WORKED[0].stem
        notebook = nbformat.read(tmp_path / "course" / kind / stem / WORKED[0].name, as_version=4)
        assert not [c for c in notebook.cells if "Worked solutions" in c.source], kind
        assert notebook.cells[0].source.startswith("# 1 ·"), kind
