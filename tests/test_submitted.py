"""The grader's one reader of submitted/: links refused and never followed, only regular files
opened (a FIFO neither waited on nor read), every file under a cap, read once; and what changed
during grading put back without following what a student put in its place."""

import hashlib
import os
import sys
import threading

import pytest

from mlcourse.instructor.limits import GradingLimits
from mlcourse.instructor.submitted import (
    FolderError,
    Refusal,
    Submission,
    SubmissionFolder,
    identities,
    read_regular_file,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX folders")
LESSON = "03_gradients"
NOTEBOOK = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
STAMP = b"2026-11-30 10:00:00 UTC"
HUGE = 64 * 1024**3


def lesson_folder(root, student, notebook=NOTEBOOK):
    folder = root / "submitted" / student / LESSON
    folder.mkdir(parents=True)
    if notebook is not None:
        (folder / f"{LESSON}.ipynb").write_bytes(notebook)
    return folder


@pytest.fixture
def course(tmp_path):
    """A course folder whose submitted/ holds one of every kind of trick, beside honest work;
    ``secret`` is a file outside it that no trick may expose."""
    secret = tmp_path / "source.ipynb"
    secret.write_bytes(b"the worked solutions")
    honest = lesson_folder(tmp_path, "honest")
    (honest / "timestamp.txt").write_bytes(STAMP)
    (honest / "submission_secret.txt").write_bytes(b"abc123")
    (honest / "notes").mkdir()
    (honest / "notes" / "draft.py").write_bytes(b"x = 1")
    (tmp_path / "submitted" / "linked_student").symlink_to(tmp_path / "submitted" / "honest")
    (tmp_path / "submitted" / "linked_lesson").mkdir()
    (tmp_path / "submitted" / "linked_lesson" / LESSON).symlink_to(honest)
    lesson_folder(tmp_path, "linked_notebook", None)
    (tmp_path / "submitted" / "linked_notebook" / LESSON / f"{LESSON}.ipynb").symlink_to(secret)
    (lesson_folder(tmp_path, "linked_secret") / "submission_secret.txt").symlink_to(secret)
    os.mkfifo(lesson_folder(tmp_path, "fifo_stamp") / "timestamp.txt")
    os.mkfifo(lesson_folder(tmp_path, "fifo_notebook", None) / f"{LESSON}.ipynb")
    with (lesson_folder(tmp_path, "sparse_extra") / "data.bin").open("wb") as sparse:
        sparse.truncate(HUGE)
    with (lesson_folder(tmp_path, "sparse_notebook", None) / f"{LESSON}.ipynb").open("wb") as f:
        f.truncate(HUGE)
    (lesson_folder(tmp_path, "big_stamp") / "timestamp.txt").write_bytes(b" " * 70_000)
    (lesson_folder(tmp_path, "bad_stamp") / "timestamp.txt").write_bytes(b"last tuesday")
    lesson_folder(tmp_path, "empty", None)
    (tmp_path / "submitted" / "not_a_folder").write_bytes(b"stray file")
    lesson_folder(tmp_path, ".ipynb_checkpoints")
    os.mkdir(os.fsencode(tmp_path / "submitted") + b"/bad\xffname")
    return tmp_path, secret


def read(root, **limits):
    """Read submitted/ in a thread: a read that waits on a FIFO fails the test, not the run."""
    folder = SubmissionFolder(root / "submitted", [LESSON], GradingLimits(**limits))
    found = []
    reader = threading.Thread(target=lambda: found.extend(folder.read()), daemon=True)
    reader.start()
    reader.join(60)
    assert not reader.is_alive(), "reading submitted/ waited on something"
    return folder, {item.student: item for item in found}


def test_honest_work_is_read_once_with_its_exchange_files(course):
    root, _ = course
    folder, found = read(root)
    honest = found["honest"]
    assert isinstance(honest, Submission)
    assert honest.digest == hashlib.sha256(NOTEBOOK).hexdigest()
    assert folder.notebook(honest) == NOTEBOOK
    assert honest.timestamp == STAMP.decode()
    assert dict(honest.exchange) == {"timestamp.txt": STAMP, "submission_secret.txt": b"abc123"}


REFUSED = {
    "linked_student": ("", "submitted/linked_student is a symbolic link"),
    "linked_lesson": (LESSON, "submitted/linked_lesson/03_gradients is a symbolic link"),
    "linked_notebook": (LESSON, "03_gradients.ipynb is a symbolic link"),
    "linked_secret": (LESSON, "submission_secret.txt is a symbolic link"),
    "fifo_stamp": (LESSON, "timestamp.txt is a FIFO"),
    "fifo_notebook": (LESSON, "03_gradients.ipynb is a FIFO"),
    "sparse_notebook": (LESSON, "03_gradients.ipynb is larger than 64 MB"),
    "big_stamp": (LESSON, "timestamp.txt is too large"),
    "bad_stamp": (LESSON, "timestamp.txt does not hold a date: 'last tuesday'"),
    "empty": (LESSON, "no 03_gradients.ipynb in the submission (found: nothing)"),
    "bad\\udcffname": ("", "the folder's name is not valid UTF-8"),
}


@pytest.mark.parametrize("student", REFUSED)
def test_a_trick_in_the_folder_is_refused_with_its_reason(course, student):
    root, _ = course
    _, found = read(root)
    lesson, reason = REFUSED[student]
    refusal = found[student]
    assert isinstance(refusal, Refusal), refusal
    assert (refusal.lesson, refusal.reason[: len(reason)]) == (lesson, reason), refusal


def test_what_is_not_a_student_folder_is_left_alone(course):
    root, _ = course
    _, found = read(root)
    assert set(found) == {"honest", "sparse_extra", *REFUSED}
    assert isinstance(found["sparse_extra"], Submission)  # its 64 GiB were never read


def test_a_notebook_not_kept_in_memory_is_read_again_and_must_not_have_changed(course):
    root, _ = course
    folder, found = read(root, kept_bytes=0)
    assert folder.notebook(found["honest"]) == NOTEBOOK
    (root / "submitted" / "honest" / LESSON / f"{LESSON}.ipynb").write_bytes(b"{}")
    with pytest.raises(ValueError, match="changed while grading"):
        folder.notebook(found["honest"])


def test_a_crowded_folder_is_watched_up_to_its_cap(tmp_path):
    """Past the cap the rest is not read; what grading needs is read first, whatever the cap."""
    folder = lesson_folder(tmp_path, "crowded")
    for number in range(50):
        (folder / f"0{number:03d}.txt").write_text("x")  # each sorts before 03_gradients
    (folder / "timestamp.txt").write_bytes(STAMP)
    reader, found = read(tmp_path, folder_entries=20)
    assert isinstance(found["crowded"], Submission)
    assert found["crowded"].timestamp == STAMP.decode()
    assert len(reader.inside[("crowded", LESSON)]) == 19  # the student folder counts too
    assert reader.notes == {
        "crowded": "submitted/crowded holds more than 20 files and folders: the others are not read"
    }


def test_submitted_itself_must_be_a_folder(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "submitted").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(FolderError, match="a symbolic link"):
        SubmissionFolder(tmp_path / "submitted", [LESSON]).read()


def test_what_changed_is_put_back_without_following_links(course):
    """Only unsandboxed student code could change submitted/: every change is undone, and a
    link left in a file's place is removed, never written through."""
    root, secret = course
    folder, _ = read(root)
    honest = root / "submitted" / "honest" / LESSON
    (honest / f"{LESSON}.ipynb").unlink()
    (honest / f"{LESSON}.ipynb").symlink_to(secret)
    (honest / "timestamp.txt").write_bytes(b"2030-01-01 00:00:00 UTC")
    (honest / "notes" / "draft.py").unlink()
    (honest / "notes").rmdir()
    messages = folder.restore()
    assert (honest / f"{LESSON}.ipynb").read_bytes() == NOTEBOOK
    assert not (honest / f"{LESSON}.ipynb").is_symlink()
    assert (honest / "timestamp.txt").read_bytes() == STAMP
    assert (honest / "notes" / "draft.py").read_bytes() == b"x = 1"
    assert secret.read_bytes() == b"the worked solutions"
    assert messages["honest", LESSON, f"{LESSON}.ipynb"].endswith("has been restored")
    assert folder.restore() == {}


def test_a_file_read_outside_submitted_must_be_regular_and_capped(tmp_path):
    (tmp_path / "gradebook.db").write_bytes(b"12345")
    assert read_regular_file(tmp_path / "gradebook.db", 10) == b"12345"
    with pytest.raises(OSError, match="larger than"):
        read_regular_file(tmp_path / "gradebook.db", 4)
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(OSError, match="not a regular file"):
        read_regular_file(tmp_path / "fifo", 10)
    (tmp_path / "link").symlink_to(tmp_path / "gradebook.db")
    with pytest.raises(OSError, match="a symbolic link"):
        read_regular_file(tmp_path / "link", 10)


def hard_linked_class(tmp_path):
    """Red team a01: notebooks handed in as hard links, which no symlink check sees: one to the
    instructor's source notebook, one to another student's, one to a file of the student's own
    outside submitted/ (which they may change after the grader read it)."""
    source = tmp_path / "source" / LESSON / f"{LESSON}.ipynb"
    source.parent.mkdir(parents=True)
    source.write_bytes(NOTEBOOK)
    honest = lesson_folder(tmp_path, "honest")
    lesson_folder(tmp_path, "to_source", None)
    os.link(source, tmp_path / "submitted" / "to_source" / LESSON / f"{LESSON}.ipynb")
    lesson_folder(tmp_path, "to_honest", None)
    os.link(
        honest / f"{LESSON}.ipynb",
        tmp_path / "submitted" / "to_honest" / LESSON / f"{LESSON}.ipynb",
    )
    own = tmp_path / "elsewhere.ipynb"
    own.write_bytes(NOTEBOOK)
    os.link(own, lesson_folder(tmp_path, "to_own", None) / f"{LESSON}.ipynb")
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"abc123")
    os.link(secret, lesson_folder(tmp_path, "stamp_linked") / "submission_secret.txt")
    (lesson_folder(tmp_path, "copied") / "data.bin").write_bytes(b"x")
    os.link(honest / f"{LESSON}.ipynb", tmp_path / "submitted" / "copied" / LESSON / "spare.ipynb")
    folder = SubmissionFolder(
        tmp_path / "submitted", [LESSON], instructor=identities({"source/": tmp_path / "source"})
    )
    return {item.student: item for item in folder.read()}


def test_a_hard_link_to_the_instructors_file_is_refused_as_such(tmp_path):
    found = hard_linked_class(tmp_path)
    assert found["to_source"] == Refusal(
        "to_source",
        LESSON,
        f"{LESSON}.ipynb is the instructor's source/{LESSON}/{LESSON}.ipynb (a hard link)",
    )


def test_a_notebook_two_students_hand_in_is_refused_for_both(tmp_path):
    found = hard_linked_class(tmp_path)
    reason = f"{LESSON}.ipynb is the same file as another submission's (a hard link)"
    assert found["to_honest"] == Refusal("to_honest", LESSON, reason)
    assert found["honest"] == Refusal("honest", LESSON, reason)


def test_a_file_with_another_name_anywhere_is_refused(tmp_path):
    found = hard_linked_class(tmp_path)
    assert isinstance(found["to_own"], Refusal)
    assert found["to_own"].reason.startswith(f"{LESSON}.ipynb has 2 names (a hard link)")
    assert found["stamp_linked"].reason.startswith("submission_secret.txt has 2 names")
    assert isinstance(found["copied"], Submission)  # a hard link that is not handed in is fine


def sparse(path, size):
    with path.open("wb") as file:
        file.truncate(size)


def test_other_files_past_a_students_byte_budget_are_watched_not_read(tmp_path):
    """Red team a24: many sparse files, each just under the notebook cap, made the up-front
    read of the class take gigabytes and minutes. Past the student's budget a file is watched
    by size and times only; the notebooks are read whatever the budget (here lesson 04's comes
    after lesson 03's junk)."""
    junk = lesson_folder(tmp_path, "hoarder")
    for number in range(6):
        sparse(junk / f"junk{number}.bin", 8 * 1024**2)
    later = tmp_path / "submitted" / "hoarder" / "04_other"
    later.mkdir()
    (later / "04_other.ipynb").write_bytes(NOTEBOOK)
    lesson_folder(tmp_path, "honest")
    folder = SubmissionFolder(
        tmp_path / "submitted", [LESSON, "04_other"], GradingLimits(watched_bytes=20 * 1024**2)
    )
    found = [(item.student, item.lesson) for item in folder.read() if isinstance(item, Submission)]
    assert found == [("hoarder", LESSON), ("hoarder", "04_other"), ("honest", LESSON)]
    kinds = [folder.entries["hoarder", LESSON, f"junk{n}.bin"].kind for n in range(6)]
    assert kinds == ["file", "file", "watched", "watched", "watched", "watched"]
    with (junk / "junk5.bin").open("ab") as file:
        file.write(b"x")
    assert folder.restore() == {
        ("hoarder", LESSON, "junk5.bin"): f"submitted/hoarder/{LESSON}/junk5.bin was changed "
        "during grading and cannot be restored (it was past the student's reading budget, so "
        "watched by size and times only)"
    }


def test_other_files_past_a_students_time_budget_are_watched_not_read(tmp_path):
    folder = lesson_folder(tmp_path, "slow")
    (folder / "notes.txt").write_bytes(b"x")
    (folder / "timestamp.txt").write_bytes(STAMP)
    reader, found = read(tmp_path, watched_seconds=0)
    assert isinstance(found["slow"], Submission) and found["slow"].timestamp == STAMP.decode()
    assert reader.entries["slow", LESSON, "notes.txt"].kind == "watched"
    assert reader.entries["slow", LESSON, f"{LESSON}.ipynb"].kind == "file"


def test_what_a_folder_without_its_notebook_holds_is_listed_in_short(tmp_path):
    """Red team a17: 3,000 files with 240-character names made one 726,132-character note (a
    grades.csv cell no spreadsheet or csv reader takes, and a line as long on stderr)."""
    folder = lesson_folder(tmp_path, "hoarder", None)
    for number in range(3000):
        (folder / f"{number:04d}{'x' * 236}").write_bytes(b"")
    _, found = read(tmp_path)
    reason = found["hoarder"].reason
    assert reason.startswith(f"no {LESSON}.ipynb in the submission (found: 0000xxx")
    assert reason.endswith(", and 2990 more)")
    assert len(reason) < 10 * 60 + 100
