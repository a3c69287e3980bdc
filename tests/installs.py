"""Fresh installations of the course, outside this clone, for the install and hub tests.

The wheel and the sdist are built from a copy of the clone's files (so the clone itself gains no
build/ or egg-info); each virtual environment is made without pip and filled by this Python's
pip with ``--python``, so every install shares pip's cache with the one `make setup` made.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOBODY = 65534


@dataclass
class Environment:
    """A virtual environment with the course installed in it."""

    root: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    @property
    def python(self) -> Path:
        return self.bin / "python"


def private_env(home: Path, path: str = "/usr/bin:/bin") -> dict[str, str]:
    """A clean environment: HOME of its own, a PATH without any virtual environment on it."""
    home.mkdir(parents=True, exist_ok=True)
    keep = ("LANG", "LC_ALL", "TZ", "PIP_CONFIG_FILE", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    return {**env, "HOME": str(home), "PATH": path, "MPLBACKEND": "Agg"}


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    """Run ``command``; fail the test with its output when it does not succeed."""
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done


def shared_folder(prefix: str) -> Path:
    """A new folder in the temporary directory that every user may enter and read."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder


def remove_in_background(folder: Path) -> None:
    """Delete ``folder`` without waiting: virtual environments are tens of thousands of files,
    and the tests' result does not depend on their removal."""
    subprocess.Popen(
        ["rm", "-rf", "--", str(folder)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def shared_python() -> str:
    """A Python ≥ 3.11 every user can run, the one the tests run under if possible.

    As root the hub test's users must run the environments' Python too, and a Python installed
    under /root (pyenv, say) is out of their reach; the system's python3 then serves.
    """
    own = str(Path(sysconfig.get_config_var("BINDIR")) / f"python{sys.version_info[0]}")
    if os.geteuid() != 0:
        return own
    for candidate in (own, "/usr/bin/python3", "/usr/local/bin/python3"):
        check = "import sys, venv; sys.exit(sys.version_info < (3, 11))"
        if Path(candidate).exists() and _runs_as(NOBODY, [candidate, "-c", check]):
            return candidate
    return own


def _runs_as(uid: int, command: list[str]) -> bool:
    try:
        done = subprocess.run(
            command, user=uid, group=uid, extra_groups=[], capture_output=True, cwd="/"
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def new_environment(root: Path, python: str) -> Environment:
    run([python, "-m", "venv", "--without-pip", root])
    return Environment(root)


def pip_install(environment: Environment, *requirements: str | Path) -> None:
    """Install into ``environment`` with this Python's pip (and its cache)."""
    command = [sys.executable, "-m", "pip", "--python", environment.python, "install"]
    run([*command, "--quiet", "--disable-pip-version-check", *requirements])


def copy_of_clone(target: Path) -> Path:
    """The clone's files (tracked, or new and not ignored) copied to ``target``."""
    listed = run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def build_distributions(work: Path, python: str) -> tuple[Path, Path]:
    """Build the sdist, and the wheel from it (as `python -m build` does); return both."""
    tools = new_environment(work / "build-tools", python)
    pip_install(tools, "build", "pip")
    source = copy_of_clone(work / "source")
    run([tools.python, "-m", "build", "--outdir", work / "dist", source])
    (sdist,) = (work / "dist").glob("mlcourse-*.tar.gz")
    (wheel,) = (work / "dist").glob("mlcourse-*.whl")
    return sdist, wheel


def solution_answers(worked: dict) -> dict[str, str]:
    """The worked lesson's answer cells, solution markers dropped, by nbgrader grade id."""
    return {
        cell["metadata"]["nbgrader"]["grade_id"]: "".join(
            line for line in _lines(cell["source"]) if "SOLUTION" not in line
        )
        for cell in worked["cells"]
        if cell["metadata"].get("nbgrader", {}).get("solution")
    }


def solved(released: dict, worked: dict) -> dict:
    """The released notebook with every answer cell holding the worked solution: a submission
    any correct grader gives full marks."""
    answers = solution_answers(worked)
    submission = json.loads(json.dumps(released))
    answered = 0
    for cell in submission["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
            answered += 1
    assert answered == len(answers) > 0
    return submission


def _lines(source: str | list[str]) -> list[str]:
    return source.splitlines(keepends=True) if isinstance(source, str) else source
