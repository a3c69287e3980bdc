"""The grader's own output tree is written without following links (red team a11/a13): a link
planted where a folder or a file belongs is removed, never written or cleared through."""

import os
import sys

import pytest

from mlcourse.instructor import output

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX folders")


@pytest.fixture
def planted(tmp_path):
    """A course folder and, outside it, a folder and a file that links inside point to."""
    course, outside = tmp_path / "course", tmp_path / "outside"
    course.mkdir()
    (outside / "kept").mkdir(parents=True)
    (outside / "kept" / "file").write_text("outside")
    (outside / "file").write_text("outside")
    return course, outside


def outside_is_untouched(outside):
    assert sorted(p.relative_to(outside).as_posix() for p in outside.rglob("*")) == [
        "file",
        "kept",
        "kept/file",
    ]
    assert (outside / "file").read_text() == "outside"
    assert (outside / "kept" / "file").read_text() == "outside"


@pytest.mark.parametrize("linked", ["feedback", "feedback/alice", "feedback/alice/03"])
def test_a_folder_is_made_where_a_link_was(planted, linked):
    course, outside = planted
    (course / linked).parent.mkdir(parents=True, exist_ok=True)
    (course / linked).symlink_to(outside / "kept")
    folder = output.fresh_folder(course, ("feedback", "alice", "03"))
    try:
        output.write_file(folder, "03.html", b"page")
    finally:
        os.close(folder)
    assert (course / "feedback" / "alice" / "03" / "03.html").read_bytes() == b"page"
    assert not (course / linked).is_symlink()
    outside_is_untouched(outside)


def test_an_old_folder_is_emptied_and_a_link_in_it_removed(planted):
    course, outside = planted
    old = course / "feedback" / "alice" / "03"
    old.mkdir(parents=True)
    (old / "inner").symlink_to(outside / "kept")
    (old / "03.html").symlink_to(outside / "file")
    folder = output.fresh_folder(course, ("feedback", "alice", "03"))
    os.close(folder)
    assert list(old.iterdir()) == []
    outside_is_untouched(outside)


def test_clearing_never_goes_through_a_link(planted):
    course, outside = planted
    (course / "feedback").mkdir()
    (course / "feedback" / "alice").symlink_to(outside)
    (course / "feedback" / "bob").symlink_to(outside / "kept")
    output.clear(course, ("feedback", "alice", "kept"))
    output.clear(course, ("feedback", "bob"))
    assert list((course / "feedback").iterdir()) == []
    outside_is_untouched(outside)


def test_a_file_replaces_a_link_in_its_place(planted):
    course, outside = planted
    (course / "grades.csv").symlink_to(outside / "file")
    (course / "grades.csv.tmp").symlink_to(outside / "file")
    output.replace_file(course / "grades.csv", b"student,lesson\n")
    assert (course / "grades.csv").read_bytes() == b"student,lesson\n"
    assert not (course / "grades.csv").is_symlink()
    (course / "feedback").mkdir()
    (course / "feedback" / "03.html").symlink_to(outside / "file")
    folder = os.open(course / "feedback", os.O_RDONLY | os.O_DIRECTORY)
    try:
        output.write_file(folder, "03.html", b"page")
    finally:
        os.close(folder)
    assert (course / "feedback" / "03.html").read_bytes() == b"page"
    outside_is_untouched(outside)
    assert sorted(p.name for p in course.iterdir()) == ["feedback", "grades.csv", "grades.csv.tmp"]
