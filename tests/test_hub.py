"""The JupyterHub path on one machine: nbgrader's exchange between real Unix users.

An instructor and two students are Unix accounts the test creates (as root; elsewhere the test
skips and says why), sharing an exchange folder and a hub-wide nbgrader configuration, as the
README's "For instructors" sets them up. The instructor assigns and releases lesson 3; each
student fetches it and submits as themselves (ann with the solution, bob untouched); the
instructor collects, grades with `mlcourse grade` and releases the feedback; each student
fetches their own. Along the way bob tries to read what is not his.
"""

import csv
import html
import json
import os
import re
import secrets
import shutil
import subprocess

import installs
import pytest

LESSON = "03_gradients"
COURSE_ID = "mlcourse"
SOLUTION_LINE = "return -np.sum((y - y_hat) * x)"
# Private home folders (Debian's useradd would make them readable by all without HOME_MODE).
USERADD = ["useradd", "--create-home", "--shell", "/bin/sh", "--user-group", "-K", "HOME_MODE=0700"]


def create_user(name, home):
    done = subprocess.run(
        [*USERADD, "--home-dir", str(home), name],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot create the Unix user {name}: {done.stderr.strip()}")


class User:
    """A Unix account that runs commands as itself, with the hub's environment."""

    def __init__(self, name, home, environment, hub_config):
        import pwd

        entry = pwd.getpwnam(name)
        self.name, self.home, self.uid, self.gid = name, home, entry.pw_uid, entry.pw_gid
        self.env = {
            "HOME": str(home),
            "USER": name,
            "LOGNAME": name,
            "PATH": f"{environment.bin}:/usr/bin:/bin",
            "JUPYTER_CONFIG_PATH": str(hub_config),
            "MPLBACKEND": "Agg",
            "LANG": "C.UTF-8",
        }

    def run(self, *command, cwd=None, check=True, stdin=None):
        done = subprocess.run(
            [str(c) for c in command],
            user=self.uid,
            group=self.gid,
            extra_groups=[],
            umask=0o022,
            env=self.env,
            cwd=cwd or self.home,
            input=stdin,
            capture_output=True,
            text=True,
        )
        if check:
            assert done.returncode == 0, f"{self.name}: {command}\n{done.stdout}\n{done.stderr}"
        return done

    def can_read(self, path):
        """Whether this user can list (a folder) or read (a file) ``path``."""
        probe = (
            "import os, sys; p = sys.argv[1]\n"
            "try:\n"
            "    os.listdir(p) if os.path.isdir(p) else open(p, 'rb').read()\n"
            "except PermissionError:\n"
            "    sys.exit(3)\n"
        )
        done = self.run("python3", "-c", probe, path, check=False)
        assert done.returncode in (0, 3), done.stderr
        return done.returncode == 0


ANSWER = """
import json, sys
path, answers = sys.argv[1], json.loads(sys.stdin.read())
notebook = json.load(open(path))
for cell in notebook["cells"]:
    grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
    if grade_id in answers:
        cell["source"] = answers[grade_id]
json.dump(notebook, open(path, "w"))
"""


def solutions():
    worked = json.loads((installs.ROOT / "notebooks" / f"{LESSON}.ipynb").read_text())
    return installs.solution_answers(worked)


def visible_text(page):
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.fixture(scope="module")
def hub(instructor_install):
    if os.geteuid() != 0:
        pytest.skip("the hub test creates Unix users: it runs as root (CI does)")
    if shutil.which("useradd") is None:
        pytest.skip("useradd is missing: cannot create the instructor and student accounts")
    area = installs.shared_folder("mlcourse-hub-")
    tag = secrets.token_hex(3)
    names = {role: f"mlc{role}{tag}" for role in ("teach", "ann", "bob")}
    (area / "home").mkdir(mode=0o755)
    exchange = area / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)  # as nbgrader's docs set it up: everyone may create a course in it
    hub_config = area / "etc-jupyter"  # stands in for /etc/jupyter on the hub
    hub_config.mkdir(mode=0o755)
    (hub_config / "nbgrader_config.py").write_text(
        f"c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
    )
    created = []
    try:
        for role, name in names.items():
            create_user(name, area / "home" / role)
            created.append(name)
        users = {
            role: User(name, area / "home" / role, instructor_install, hub_config)
            for role, name in names.items()
        }
        courses = area / "courses"
        courses.mkdir(mode=0o755)
        shutil.chown(courses, names["teach"], names["teach"])
        yield users, courses / COURSE_ID, exchange
    finally:
        for name in created:
            subprocess.run(["userdel", "--remove", name], capture_output=True)
        shutil.rmtree(area, ignore_errors=True)


@pytest.fixture(scope="module")
def cycle(hub):
    """The whole exchange: release, fetch, submit, collect, grade, release and fetch feedback."""
    users, course, exchange = hub
    teach, ann, bob = users["teach"], users["ann"], users["bob"]
    teach.run("mlcourse", "assign", course, cwd=course.parent)
    teach.run("nbgrader", "release_assignment", LESSON, cwd=course)
    for student in (ann, bob):
        student.run("nbgrader", "fetch_assignment", LESSON)
    ann.run("python3", "-c", ANSWER, ann.home / LESSON / f"{LESSON}.ipynb",
            stdin=json.dumps(solutions()))  # fmt: skip
    for student in (ann, bob):
        student.run("nbgrader", "submit", LESSON)
    teach.run("nbgrader", "collect", LESSON, cwd=course)
    graded = teach.run("mlcourse", "grade", course, cwd=course)
    teach.run("nbgrader", "release_feedback", LESSON, cwd=course)
    for student in (ann, bob):
        student.run("nbgrader", "fetch_feedback", LESSON)
    return users, course, exchange, graded


def test_each_student_submission_reaches_the_instructor_and_is_graded(cycle):
    users, course, _, graded = cycle
    with (course / "mlcourse-grades.csv").open() as file:
        rows = {row["student"]: row for row in csv.DictReader(file)}
    ann, bob = users["ann"].name, users["bob"].name
    assert set(rows) == {ann, bob}, graded.stdout
    assert all(row["lesson"] == LESSON and row["status"] == "graded" for row in rows.values())
    assert float(rows[ann]["score"]) == float(rows[ann]["max_score"]) > 0
    assert float(rows[bob]["score"]) == 0, "an untouched lesson earns nothing"


def test_each_student_gets_their_own_feedback(cycle):
    users, _, _, _ = cycle
    for role, shows_solution in (("ann", True), ("bob", False)):
        user = users[role]
        pages = list((user.home / LESSON / "feedback").glob(f"*/{LESSON}.html"))
        assert len(pages) == 1, f"{role} has {pages}"
        assert pages[0].stat().st_uid == user.uid
        text = visible_text(pages[0].read_text())
        assert (SOLUTION_LINE in text) == shows_solution, role


def test_a_student_cannot_read_the_others_work_or_the_instructors(cycle):
    users, course, exchange, _ = cycle
    bob, ann = users["bob"], users["ann"]
    assert bob.can_read(exchange / COURSE_ID / "outbound" / LESSON), "the release is for all"
    private = {
        "the exchange's submissions": exchange / COURSE_ID / "inbound",
        "the exchange's feedback": exchange / COURSE_ID / "feedback",
        "ann's lesson": ann.home / LESSON / f"{LESSON}.ipynb",
        "ann's copy of her submission": ann.home / ".local" / "share" / "jupyter",
        "the course directory": course,
        "the lessons, solutions and hidden tests": course / "source" / LESSON / f"{LESSON}.ipynb",
        "the collected submissions": course / "submitted" / ann.name / LESSON / f"{LESSON}.ipynb",
        "the gradebook": course / "gradebook.db",
        "ann's feedback": course / "feedback" / ann.name / LESSON / f"{LESSON}.html",
    }
    for what, path in private.items():
        assert path.exists(), what
        assert not bob.can_read(path), f"bob can read {what} ({path})"
