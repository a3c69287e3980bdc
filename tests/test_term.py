"""A term taught with the course, through the `mlcourse` command as the README walks it: assign two
lessons with different due dates and a late policy, collect, extend one student, grade, grade
again (nothing changed: nothing graded), set a manual score as formgrader does, regrade only one
student, change one submission, rotate one lesson's seed, export. Real nbgrader, a real course
directory, student code in the bubblewrap sandbox.

Expected scores come from the lessons' points (3 per exercise: 1 visible, 2 hidden) and the late
policy worked by hand: 10 % of the score per day started, nothing after 3 days.
"""

import contextlib
import csv
import fcntl
import io
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from datetime import UTC, datetime, timedelta

import nbformat
import pytest
from browser_pages import ARTIFACTS, require_browser
from nbgrader.api import Gradebook

from mlcourse.instructor import markers, records, schedule, tagging

LESSONS = ("01_data", "03_gradients")
DUE_01 = datetime(2026, 11, 20, tzinfo=UTC)
DUE_03 = datetime(2026, 12, 1, 17, tzinfo=UTC)  # given as 18:00 at UTC+1
MAX = {"01_data": 9.0, "03_gradients": 6.0}
FORMULA_ID = "-mallory"
SUBMISSIONS = {
    # (student, lesson): (how the answers are changed, when it was handed in)
    ("alice", "01_data"): ("right", "2026-11-19 10:00:00 UTC"),
    ("alice", "03_gradients"): ("right", "2026-12-01 16:59:00 UTC"),
    ("bob", "03_gradients"): ("right", "2026-12-03 05:00:00 UTC"),  # 36 h late, extended 2 days
    ("carol", "03_gradients"): ("right", "2026-12-03 05:00:00 UTC"),  # 36 h late: 2 days started
    ("dave", "03_gradients"): ("wrong_sign_w1", "2026-12-01 12:00:00 UTC"),
    ("erin", "03_gradients"): ("right", "2026-12-06 18:00:00 UTC"),  # 5 days late: nothing
    ("frank", "03_gradients"): ("right", "2026-12-02 18:00:00 UTC"),  # 25 h late: 2 days started
    (FORMULA_ID, "01_data"): ("right", "2026-11-19 10:00:00 UTC"),
}
EXPECTED = {
    # (student, lesson): (raw score, late penalty)
    ("alice", "01_data"): (9, 0),
    ("alice", "03_gradients"): (6, 0),
    ("bob", "03_gradients"): (6, 0),
    ("carol", "03_gradients"): (6, 6 * 0.10 * 2),
    ("dave", "03_gradients"): (3, 0),  # grad_w1 wrong: its visible and hidden points lost
    ("erin", "03_gradients"): (6, 6),
    ("frank", "03_gradients"): (6, 6 * 0.10 * 2),
    (FORMULA_ID, "01_data"): (9, 0),
}
SEED = 11


def mlcourse(*args, stderr=subprocess.PIPE):
    return subprocess.run(
        [sys.executable, "-m", "mlcourse.cli", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        timeout=900,
    )


def hand_in(root, student, lesson, change, stamp):
    source = nbformat.read(root / "source" / lesson / f"{lesson}.ipynb", as_version=4)
    notebook = nbformat.read(root / "release" / lesson / f"{lesson}.ipynb", as_version=4)
    for index, cell in enumerate(notebook.cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("-answer"):
            worked = next(
                c
                for c in source.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id
            )
            code = markers.without_markers(worked.source, markers.SOLUTION)
            if change == "wrong_sign_w1" and grade_id == tagging.answer_id("grad_w1"):
                code = code.replace("return -np.sum", "return np.sum")
            notebook.cells[index].source = code
    folder = root / "submitted" / student / lesson
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / f"{lesson}.ipynb")
    (folder / "timestamp.txt").write_text(stamp)


def table(text):
    rows = list(csv.DictReader(io.StringIO(text)))
    return {(row["student"].removeprefix("'"), row["lesson"]): row for row in rows}


def record_files(root):
    return {
        path.relative_to(root): path.read_bytes()
        for path in sorted((root / "records").rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    """The whole term, step by step; each step's output and files kept for the tests."""
    root = tmp_path_factory.mktemp("term") / "course"
    steps = {}
    steps["assign"] = mlcourse(
        "assign",
        root,
        "--lesson",
        "1",
        "--lesson",
        "03",
        "--due",
        "01=2026-11-20",
        "--due",
        "03=2026-12-01T18:00+01:00",
        "--late-penalty",
        "10",
        "--zero-after",
        "3",
    )
    assert steps["assign"].returncode == 0, steps["assign"].stderr
    steps["release_03"] = (root / "release/03_gradients/03_gradients.ipynb").read_text()
    # After editing lesson 3, the instructor releases it again, saying nothing of due dates.
    steps["reassign"] = mlcourse("assign", root, "--lesson", "3")
    assert steps["reassign"].returncode == 0, steps["reassign"].stderr
    for (student, lesson), (change, stamp) in SUBMISSIONS.items():
        hand_in(root, student, lesson, change, stamp)
    steps["extend"] = mlcourse("extend", root, "bob", "3", "--days", "2")
    steps["grade"] = mlcourse("grade", root, "--seed", SEED)
    steps["grades"] = (root / "mlcourse-grades.csv").read_text()
    steps["records"] = record_files(root)
    steps["carol_page"] = (root / "feedback/carol/03_gradients/03_gradients.html").read_text()
    steps["again"] = mlcourse("grade", root)
    steps["grades_again"] = (root / "mlcourse-grades.csv").read_text()
    steps["records_again"] = record_files(root)
    # A manual score, as formgrader sets one: dave's visible check of grad_w1 given its point.
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        cell = gradebook.find_grade("grad_w1-check", "03_gradients", "03_gradients", "dave")
        cell.manual_score = 1.0
        gradebook.db.commit()
    steps["after_manual"] = mlcourse("grade", root)
    steps["grades_manual"] = (root / "mlcourse-grades.csv").read_text()
    steps["nbgrader_export"] = subprocess.run(
        [sys.executable, "-m", "nbgrader", "export"], cwd=root, capture_output=True, text=True
    )
    steps["grades_after_export"] = (root / "mlcourse-grades.csv").read_text()
    steps["nbgrader_csv"] = (root / "grades.csv").read_text()
    # Regrade one student, its progress bar on a terminal.
    with terminal() as (other, shown):
        steps["regrade_alice"] = mlcourse(
            "grade", root, "--student", "alice", "--regrade", stderr=other
        )
    steps["regrade_alice_terminal"] = "".join(shown)
    steps["records_alice"] = record_files(root)
    steps["grades_alice"] = (root / "mlcourse-grades.csv").read_text()
    # Carol hands in again (a changed notebook), and dave's grade is no longer in the gradebook:
    # only those two are graded.
    hand_in(root, "carol", "03_gradients", "wrong_sign_w1", "2026-12-01 10:00:00 UTC")
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        gradebook.remove_submission("03_gradients", "dave")
    steps["changed"] = mlcourse("grade", root)
    steps["grades_changed"] = (root / "mlcourse-grades.csv").read_text()
    # An extension given after grading: that one submission is graded again, its penalty gone.
    steps["late_extension"] = mlcourse(
        "extend", root, "erin", "03_gradients", "--until", "2026-12-07"
    )
    steps["after_late_extension"] = mlcourse("grade", root)
    steps["grades_late_extension"] = (root / "mlcourse-grades.csv").read_text()
    steps["erin_page"] = (root / "feedback/erin/03_gradients/03_gradients.html").read_text()
    steps["course_before_rotation"] = json.loads((root / "course.json").read_text())
    steps["new_seed"] = mlcourse("grade", root, "--lesson", "3", "--new-seed", "3")
    steps["course_after_rotation"] = json.loads((root / "course.json").read_text())
    steps["canvas"] = mlcourse("export", root, "--format", "canvas")
    steps["wide"] = mlcourse("export", root, "--format", "wide", "-o", root / "wide.csv")
    steps["report"] = mlcourse("report", root)
    return root, steps


@contextlib.contextmanager
def terminal():
    """A pseudo-terminal of 24 × 100 characters: (its end for a child's stderr, what the child
    writes, filled while it runs)."""
    main, other = pty.openpty()
    fcntl.ioctl(other, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    shown = []

    def read():
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the other end is closed
                return
            if not chunk:
                return
            shown.append(chunk.decode("utf-8", "replace"))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        yield other, shown
    finally:
        os.close(other)
        reader.join(timeout=10)
        os.close(main)


def test_assign_sets_each_lessons_due_date_and_keeps_it(term):
    root, steps = term
    assert "due 2026-11-20 00:00 UTC" in steps["assign"].stdout
    assert "due 2026-12-01 17:00 UTC" in steps["assign"].stdout
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        dues = {a.name: a.duedate for a in gradebook.assignments}
    # Released again without --due: the due dates are the ones set, never cleared.
    assert dues == {"01_data": datetime(2026, 11, 20), "03_gradients": datetime(2026, 12, 1, 17)}
    assert "due 2026-12-01 17:00 UTC" in steps["reassign"].stdout
    assert sorted(p.name for p in (root / "release").iterdir()) == list(LESSONS)


def test_the_release_says_the_due_date_in_its_first_cell(term):
    root, steps = term
    first = nbformat.reads(steps["release_03"], as_version=4).cells[0]
    assert first.cell_type == "markdown"
    assert "Due: 2026-12-01 17:00 UTC" in first.source
    assert "10 % of the score per day started" in first.source
    again = nbformat.read(root / "release/03_gradients/03_gradients.ipynb", as_version=4)
    assert [c.source for c in again.cells if "Due:" in c.source] == [first.source]


def test_grades_show_scores_penalties_and_the_extension(term):
    _, steps = term
    assert steps["grade"].returncode == 0, steps["grade"].stderr
    rows = table(steps["grades"])
    assert set(rows) == set(EXPECTED)
    for key, (raw, penalty) in EXPECTED.items():
        row = rows[key]
        assert float(row["raw_score"]) == raw, row
        assert float(row["late_penalty"]) == pytest.approx(penalty), row
        assert float(row["score"]) == pytest.approx(raw - penalty), row
        assert float(row["max_score"]) == MAX[key[1]], row
        assert row["status"] == "graded" and row["seed"] == str(SEED), row
    assert rows[("bob", "03_gradients")]["deadline"] == "2026-12-03 17:00 UTC"
    assert rows[("bob", "03_gradients")]["days_late"] == ""
    assert rows[("carol", "03_gradients")]["days_late"] == "1.50"
    assert rows[("erin", "03_gradients")]["days_late"] == "5.04"


def test_the_feedback_page_shows_the_late_penalty(term):
    root, steps = term
    assert "Late submission penalty (Score: -1.2)" in steps["carol_page"]
    on_time = (root / "feedback/alice/03_gradients/03_gradients.html").read_text()
    assert "Late submission penalty" not in on_time


def test_nbgrader_agrees_on_lateness(term):
    """nbgrader's own lateness (its due date plus the extension it was told) is ours."""
    root, _ = term
    term_of = schedule.load(root)
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        for student, lesson in SUBMISSIONS:
            submission = gradebook.find_submission(lesson, student)
            ours = term_of.seconds_late(student, lesson, submission.timestamp)
            assert submission.total_seconds_late == pytest.approx(ours), (student, lesson)
        bob = gradebook.find_submission("03_gradients", "bob")
        assert bob.timestamp > bob.assignment.duedate  # late but for the extension nbgrader has
        assert bob.extension == timedelta(days=2) and bob.total_seconds_late == 0


def test_a_second_grade_grades_nothing_unchanged(term):
    _, steps = term
    run = steps["again"]
    assert run.returncode == 0, run.stderr
    assert "graded 0 of 0 new or changed submissions" in run.stdout
    assert f"{len(SUBMISSIONS)} unchanged" in run.stdout
    assert steps["records_again"] == steps["records"]
    assert steps["grades_again"] == steps["grades"]


def test_a_manual_score_is_the_score_everywhere(term):
    _, steps = term
    assert "graded 0 of 0" in steps["after_manual"].stdout
    row = table(steps["grades_manual"])[("dave", "03_gradients")]
    assert float(row["raw_score"]) == 4 and float(row["score"]) == 4
    assert row["status"] == "graded, with a manual score"


def test_nbgrader_export_does_not_clobber_our_grades_and_agrees_with_them(term):
    _, steps = term
    assert steps["nbgrader_export"].returncode == 0, steps["nbgrader_export"].stderr
    assert steps["grades_after_export"] == steps["grades_manual"]
    ours = table(steps["grades_manual"])
    theirs = {
        (row["student_id"], row["assignment"]): row
        for row in csv.DictReader(io.StringIO(steps["nbgrader_csv"]))
        if row["timestamp"]
    }
    assert set(theirs) == set(ours)
    for key, row in theirs.items():
        for column, ours_column in [
            ("raw_score", "raw_score"),
            ("late_submission_penalty", "late_penalty"),
            ("score", "score"),
            ("max_score", "max_score"),
        ]:
            assert float(row[column]) == pytest.approx(float(ours[key][ours_column])), (key, column)


def test_regrading_one_student_grades_only_theirs_with_the_same_scores(term):
    _, steps = term
    run = steps["regrade_alice"]
    assert run.returncode == 0
    assert "graded 2 of 2 new or changed submissions" in run.stdout
    assert "; 0 unchanged" in run.stdout  # the others are not selected
    before, after = steps["records_again"], steps["records_alice"]
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {p for p in after if p.parts[1] == "alice"}
    old, new = table(steps["grades_manual"]), table(steps["grades_alice"])
    for key in old:
        assert new[key]["score"] == old[key]["score"], key
    # On a terminal, the progress bar counts the submissions.
    assert "2/2" in steps["regrade_alice_terminal"], steps["regrade_alice_terminal"]


def test_the_progress_bar_is_quiet_when_not_on_a_terminal(term):
    _, steps = term
    assert "\r" not in steps["grade"].stderr and "submission/s" not in steps["grade"].stderr


def test_a_changed_submission_or_one_the_gradebook_lost_is_graded_again(term):
    _, steps = term
    run = steps["changed"]
    assert "graded 2 of 2 new or changed submissions" in run.stdout
    assert "carol" in run.stdout and "dave" in run.stdout and "alice" not in run.stdout
    row = table(steps["grades_changed"])[("carol", "03_gradients")]
    assert float(row["score"]) == 3 and row["days_late"] == ""


def test_an_extension_after_grading_regrades_that_submission_only(term):
    _, steps = term
    assert steps["late_extension"].returncode == 0, steps["late_extension"].stderr
    assert "erin has until 2026-12-07 00:00 UTC for 03_gradients" in steps["late_extension"].stdout
    run = steps["after_late_extension"]
    assert "graded 1 of 1 new or changed submissions" in run.stdout and "erin" in run.stdout
    row = table(steps["grades_late_extension"])[("erin", "03_gradients")]
    assert (row["score"], row["late_penalty"], row["days_late"]) == ("6", "0", "")
    assert "Late submission penalty" not in steps["erin_page"]


def test_a_new_seed_warns_and_regrades_that_lesson_only(term):
    _, steps = term
    run = steps["new_seed"]
    assert "WARNING: a new hidden seed for lesson 3" in run.stderr
    before = steps["course_before_rotation"]["lessons"]
    after = steps["course_after_rotation"]["lessons"]
    assert after["03_gradients"]["seed"] != before["03_gradients"]["seed"] == SEED
    assert after["01_data"] == before["01_data"]
    graded = sum(1 for (_, lesson) in SUBMISSIONS if lesson == "03_gradients")
    assert f"graded {graded} of {graded} new or changed submissions" in run.stdout


def test_the_canvas_export(term):
    _, steps = term
    assert steps["canvas"].returncode == 0, steps["canvas"].stderr
    lines = list(csv.reader(io.StringIO(steps["canvas"].stdout)))
    assert lines[0] == ["Student", "ID", "SIS User ID", "Section", *LESSONS]
    assert lines[1] == ["Points Possible", "", "", "", "9", "6"]
    by_id = {line[2]: line for line in lines[2:]}
    assert by_id["alice"][4:] == ["9", "6"]
    assert by_id["bob"][4:] == ["", "6"]  # bob did not hand in lesson 1
    assert by_id["erin"][4:] == ["", "6"]  # 5 days late, then extended
    assert by_id["frank"][4:] == ["", "4.8"]  # 25 h late: 20 % off
    assert "'" + FORMULA_ID in by_id
    assert not [c for line in lines for c in line if c[:1] in ("=", "+", "-", "@")]


def test_the_wide_export(term):
    root, steps = term
    assert steps["wide"].returncode == 0, steps["wide"].stderr
    lines = list(csv.reader((root / "wide.csv").open(newline="")))
    assert lines[0] == ["student", *LESSONS, "total", "possible"]
    by_id = {line[0]: line[1:] for line in lines[1:]}
    assert by_id["alice"] == ["9", "6", "15", "15"]
    assert by_id["'" + FORMULA_ID] == ["9", "", "9", "15"]


def test_the_report_shows_what_the_gradebook_holds(term, tmp_path):
    """The report opened in chromium, with no network: each exercise's passes, who was late and
    who handed nothing in, checked against the gradebook's own grade cells."""
    import jupyter_browser as jb

    root, steps = term
    assert steps["report"].returncode == 0, steps["report"].stderr
    require_browser()
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        students = sorted(s.id for s in gradebook.students)
        passed, late, handed = {}, {}, {}
        for lesson in LESSONS:
            submissions = gradebook.find_assignment(lesson).submissions
            handed[lesson] = {s.student.id for s in submissions}
            late[lesson] = sorted(s.student.id for s in submissions if s.total_seconds_late > 0)
            for s in submissions:
                for grade in s.notebooks[0].grades:
                    name, kind = grade.cell.name.rsplit("-", 1)
                    full = grade.auto_score == grade.max_score  # the check's, not a manual one
                    passed.setdefault((lesson, name, kind), 0)
                    passed[(lesson, name, kind)] += full
    requests = []
    with jb.browser(tmp_path / "profile") as page:
        page.on("request", lambda request: requests.append(request.url))
        page.goto((root / "report.html").as_uri())
        page.wait_for_load_state("load")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "class-report.png"), full_page=True)
        for lesson in LESSONS:
            section = page.locator(f"section[id='{lesson}']")
            rows = section.locator("table.exercises tr").all_inner_texts()[1:]
            for row in rows:
                name, visible, hidden = row.split("\t")[:3]
                total = len(handed[lesson])
                assert visible.startswith(f"{passed[(lesson, name, 'check')]} of {total} "), row
                assert hidden.startswith(f"{passed[(lesson, name, 'hidden')]} of {total} "), row
            shown_late = section.locator("p.late").inner_text()
            for student in students:
                assert (f"{student} (" in shown_late) == (student in late[lesson]), shown_late
            missing = section.locator("p.missing").inner_text()
            for student in students:
                assert (student in missing) == (student not in handed[lesson]), missing
            image = section.locator("img.histogram")
            assert image.evaluate("i => i.naturalWidth") > 0
            assert image.get_attribute("src").startswith("data:image/png;base64,")
    assert [url for url in requests if not url.startswith("file:")] == []
    # The mistakes named: by the end, carol and dave got grad_w1's sign wrong; the check names it
    # "sign" (its id), and the page shows it with both students.
    mistakes = section_of(root, "03_gradients").split("Named mistakes")[1]
    assert "sign" in mistakes and "2 of 6 (33 %)" in mistakes and "carol, dave" in mistakes
    with (root / "report.csv").open(newline="") as file:
        rows = list(csv.DictReader(file))
    named = [
        (r["lesson"], r["exercise"], r["mistake"], r["students"], r["of"], r["who"])
        for r in rows
        if r["counted"] == "named mistake"
    ]
    assert named == [("03_gradients", "grad_w1", "sign", "2", "6", "carol; dave")]
    facts = {(r["lesson"], r["exercise"]): r["students"] for r in rows
             if r["counted"] == "given only the facts"}  # fmt: skip
    assert set(facts.values()) == {"0"}


def section_of(root, lesson):
    """The text of one lesson's section of report.html, tags removed."""
    text = (root / "report.html").read_text()
    section = text.split(f"<section class='lesson' id='{lesson}'>")[1].split("</section>")[0]
    return re.sub(r"<[^>]+>", " ", section)


# The course model alone ------------------------------------------------------------------------


def test_lateness_counts_from_the_later_of_due_date_and_extension():
    due = datetime(2026, 12, 1, 17, tzinfo=UTC)
    handed = datetime(2026, 12, 2, 17, tzinfo=UTC)
    assert schedule.lateness(handed, due) == 86_400
    assert schedule.lateness(handed, due, until=datetime(2026, 12, 2, 18, tzinfo=UTC)) == 0
    assert schedule.lateness(handed, due, until=datetime(2026, 11, 1, tzinfo=UTC)) == 86_400
    assert schedule.lateness(None, due) == schedule.lateness(handed, None) == 0
    assert schedule.lateness(datetime(2026, 12, 2, 17), due) == 86_400  # naive means UTC


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, 0), (1, 0.5), (86_400, 0.5), (86_401, 1.0), (3 * 86_400, 1.5), (3 * 86_400 + 1, 5.0)],
)
def test_a_late_penalty_per_day_started_and_nothing_after_n_days(seconds, expected):
    policy = schedule.LatePolicy(percent_per_day=10, zero_after_days=3)
    assert policy.penalty(5.0, seconds) == pytest.approx(expected)
    assert schedule.LatePolicy().penalty(5.0, seconds) == 0


def test_dates_are_utc_unless_they_say_otherwise():
    assert schedule.parse_date("2026-12-01 17:00") == datetime(2026, 12, 1, 17, tzinfo=UTC)
    assert schedule.parse_date("2026-12-01T18:00+01:00") == datetime(2026, 12, 1, 17, tzinfo=UTC)
    assert schedule.parse_date("2026-12-01T17:00Z") == datetime(2026, 12, 1, 17, tzinfo=UTC)
    with pytest.raises(schedule.ScheduleError, match="expected a date such as"):
        schedule.parse_date("next friday")


def test_course_json_round_trips_and_refuses_what_it_does_not_hold(tmp_path):
    term = schedule.Course(late=schedule.LatePolicy(10, 3))
    term.set_due("03_gradients", datetime(2026, 12, 1, 17, tzinfo=UTC))
    term.set_seed("03_gradients", 7)
    term.extensions[("bob", "03_gradients")] = datetime(2026, 12, 3, 17, tzinfo=UTC)
    schedule.save(tmp_path, term)
    assert schedule.load(tmp_path) == term
    data = term.to_data()
    data["lessons"]["03_gradients"]["seed"] = -1
    with pytest.raises(schedule.ScheduleError, match="seed must be a whole number"):
        schedule.Course.from_data(data)
    with pytest.raises(schedule.ScheduleError, match="late penalty per day"):
        schedule.LatePolicy(percent_per_day=150)


def test_a_record_that_does_not_read_is_refused(tmp_path):
    inputs = records.Inputs("a" * 64, None, "b" * 64, 3, "0.1", None, "none")
    record = records.GradeRecord("ann", "03_gradients", records.GRADED, inputs, "now")
    path = records.write(tmp_path, record)
    assert records.read(path) == record
    data = json.loads(path.read_text())
    data["inputs"]["seed"] = "3"
    path.write_text(json.dumps(data))
    found, problems = records.read_all(tmp_path)
    assert found == {} and "record.inputs.seed must be a whole number" in problems[0]
