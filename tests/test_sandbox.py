"""What a process in the grading sandbox cannot do, observed from inside it, and the resource
limits the runner sets on itself."""

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mlcourse.instructor import sandbox

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="bubblewrap sandboxes are Linux only"
)
REPOSITORY = Path(__file__).resolve().parent.parent

PROBE = textwrap.dedent(
    """
    import json, os, socket, subprocess, sys
    given = json.loads(sys.argv[1])
    facts = {}

    def attempt(name, action):
        try:
            action()
            facts[name] = "allowed"
        except Exception as error:
            facts[name] = type(error).__name__

    def write(path):
        with open(path, "w") as file:
            file.write("x")

    def run(*command):
        subprocess.run(command, check=True, capture_output=True)

    attempt("read the course", lambda: open(given["course_file"]).read())
    attempt("read the worked lessons", lambda: open(given["lesson"]).read())
    attempt("read /etc/passwd", lambda: open("/etc/passwd").read())
    attempt("write the package", lambda: write(given["package"] + "/planted.py"))
    attempt("write the environment", lambda: write(given["prefix"] + "/planted"))
    attempt("write /", lambda: write("/planted"))
    attempt("write the scratch folder", lambda: write("/tmp/planted"))
    attempt("write /dev", lambda: write("/dev/planted"))
    attempt("write /dev/shm", lambda: write("/dev/shm/planted"))
    attempt("write /dev/null", lambda: write("/dev/null"))
    attempt("connect", lambda: socket.create_connection(("127.0.0.1", given["port"]), 2))
    attempt("remount the package writable", lambda: run(
        "mount", "-o", "remount,bind,rw", given["package"]))
    attempt("create a user namespace", lambda: run("unshare", "-U", "-r", "true"))
    facts["home"] = sorted(os.listdir(given["home"])) if os.path.isdir(given["home"]) else []
    facts["capabilities"] = [
        line.split()[1] for line in open("/proc/self/status") if line.startswith("CapEff")
    ][0]
    facts["processes"] = [p for p in os.listdir("/proc") if p.isdigit()]
    facts["environment"] = sorted(os.environ)
    facts["environment of pid 1"] = open("/proc/1/environ", "rb").read().decode(errors="replace")
    facts["writable mounts"] = [
        line.split()[4]
        for line in open("/proc/self/mountinfo")
        if "rw" in line.split()[5].split(",")
        and line.split(" - ")[1].split()[0] not in ("proc", "devpts", "devtmpfs")
    ]
    print(json.dumps(facts))
    """
)


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    """Run the probe in the sandbox as the grader sets it up for a course directory."""
    if sandbox.shutil.which("bwrap") is None:
        pytest.fail(
            "bubblewrap is not installed: `make test` installs it (apt-get install bubblewrap)"
        )
    course = tmp_path_factory.mktemp("course")
    (course / "gradebook.db").write_text("grades")
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    given = {
        "course_file": str(course / "gradebook.db"),
        "lesson": str(REPOSITORY / "notebooks" / "03_gradients.ipynb"),
        "package": str(sandbox.package_dir()),
        "prefix": str(Path(sys.prefix).resolve()),
        "port": listening.getsockname()[1],
        "home": str(Path.home()),
    }
    os.environ["MLCOURSE_GRADER_SECRET"] = "not for students"
    isolation = sandbox.detect(course)
    assert isolation.kind == sandbox.BUBBLEWRAP, isolation.reason
    probe = isolation.launch(
        [sys.executable, "-I", "-c", PROBE, json.dumps(given)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = probe.communicate(timeout=60)
    listening.close()
    del os.environ["MLCOURSE_GRADER_SECRET"]
    assert probe.returncode == 0, err
    return json.loads(out)


@pytest.mark.parametrize(
    "action",
    [
        "read the course",
        "read the worked lessons",
        "read /etc/passwd",
        "write the package",
        "write the environment",
        "write /",
        "write /dev",
        "write /dev/shm",
        "connect",
        "remount the package writable",
        "create a user namespace",
    ],
)
def test_a_sandboxed_process_cannot(facts, action):
    assert facts[action] != "allowed"


def test_the_scratch_folder_is_writable(facts):
    assert facts["write the scratch folder"] == "allowed"
    assert facts["write /dev/null"] == "allowed"


def test_the_scratch_folder_is_the_only_place_to_store_anything(facts):
    """/dev is a tmpfs of half the host's memory when bubblewrap makes it: remounted read-only,
    the README's 256 MiB of /tmp are all a sandbox can fill."""
    assert facts["writable mounts"] == [sandbox.SCRATCH]


def test_it_sees_no_other_process_and_holds_no_capability(facts):
    assert len(facts["processes"]) <= 2  # bubblewrap's init and the probe itself
    assert int(facts["capabilities"], 16) == 0


def test_it_sees_only_the_paths_it_needs_of_the_home_directory(facts):
    home = Path.home()
    bound = {
        p.relative_to(home).parts[0] for p in sandbox.read_only_paths() if p.is_relative_to(home)
    }
    assert set(facts["home"]) <= bound


def test_it_gets_none_of_the_graders_environment(facts):
    assert set(facts["environment"]) <= {*sandbox.environment("/tmp"), "PWD"}
    assert "MLCOURSE_GRADER_SECRET" not in facts["environment"]
    # bubblewrap's own process (pid 1 inside) keeps the environment it was started with.
    assert "MLCOURSE_GRADER_SECRET" not in facts["environment of pid 1"]
    assert "not for students" not in facts["environment of pid 1"]


def test_a_course_inside_a_bound_folder_is_hidden():
    inside = Path(sys.prefix).resolve() / "course"
    assert inside in sandbox.detect(inside).hidden


def test_notebooks_shipped_inside_the_package_are_hidden(tmp_path, monkeypatch):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "03_gradients.ipynb").write_text("{}")
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "gradients.py").write_text("")
    monkeypatch.setattr(sandbox, "package_dir", lambda: tmp_path)
    assert sandbox.notebook_folders() == [tmp_path / "notebooks"]


def test_a_hidden_folder_is_empty_inside():
    isolation = sandbox.detect()
    masked = sandbox.package_dir() / "checks"
    isolation = sandbox.Sandbox(isolation.kind, isolation.limits, isolation.bwrap, hidden=(masked,))
    probe = f"import os; print(os.listdir({str(masked)!r}))"
    done = subprocess.run(
        isolation.command([sys.executable, "-I", "-c", probe]), capture_output=True, text=True
    )
    assert done.stdout.strip() == "[]", done.stderr
    assert any(masked.glob("*.py"))


def test_what_is_bound_under_the_scratch_folder_stays_visible(tmp_path, monkeypatch):
    """A clone (and its virtual environment) may live in /tmp, where the sandbox mounts its
    own scratch folder: that must not hide it."""
    assert str(tmp_path).startswith(sandbox.SCRATCH + "/")
    (tmp_path / "bound.txt").write_text("still here")
    bound = [*sandbox.read_only_paths(), tmp_path]
    monkeypatch.setattr(sandbox, "read_only_paths", lambda: bound)
    isolation = sandbox.detect()
    assert isolation.kind == sandbox.BUBBLEWRAP, isolation.reason
    done = subprocess.run(
        isolation.command(["/bin/sh", "-c", f"cat {tmp_path}/bound.txt; touch /tmp/new && echo w"]),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout == "still herew\n", done.stderr


def limited(code, **limits):
    script = f"from mlcourse.instructor.runner import set_limits\nset_limits({limits!r})\n{code}"
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)


def test_the_runner_limits_its_memory():
    code = (
        "import numpy as np\ntry:\n    np.empty(2**31)\nexcept MemoryError:\n    print('refused')"
    )
    assert limited(code, memory=3 * 1024**3).stdout.strip() == "refused"
    assert limited(code).stdout.strip() == ""  # 16 GiB of address space is fine without it


def test_the_runner_limits_file_sizes(tmp_path):
    code = (
        f"try:\n    open({str(tmp_path / 'big')!r}, 'wb').write(bytes(2**21))\n"
        f"except OSError as error:\n    print(error.errno)"
    )
    assert limited(code, file_size=2**20).stdout.strip() == "27"  # EFBIG
    assert limited(code).stdout.strip() == ""


def test_the_runner_limits_cpu_time():
    done = limited("while True:\n    pass", cpu=1)
    assert done.returncode != 0  # killed by SIGXCPU after one second of CPU
