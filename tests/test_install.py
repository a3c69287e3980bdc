"""The ways in without a clone: the wheel and the sdist, installed into fresh environments.

From the wheel (with the instructor extra) a learner gets the lessons with one command and an
instructor assigns and grades; `pip install .` without extras gives lessons that run and
instructor commands that name the extra they need. Everything runs outside the clone, from a
PATH that has no virtual environment on it.
"""

import csv
import json
import shutil
import subprocess
import tarfile
import tomllib
import zipfile
from pathlib import Path

import installs
import pytest

from mlcourse import lessons

ROOT = installs.ROOT
WORKED = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
LESSON = "03_gradients"


def test_every_package_of_the_source_is_listed_for_the_wheel():
    """pyproject lists the packages (the lessons ride along as one): a new one must be added."""
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "mlcourse").rglob("__init__.py")
    }
    assert found | {"mlcourse.notebooks"} == set(listed["packages"])
    assert listed["package-dir"] == {"mlcourse.notebooks": "notebooks"}


def test_the_wheel_carries_the_lessons_and_the_sdist_their_source(distributions):
    sdist, wheel = distributions
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        for path in WORKED:
            assert archive.read(f"mlcourse/notebooks/{path.name}") == path.read_bytes()
        modules = {n for n in names if n.endswith(".py")}
        # The playgrounds' JavaScript ships as it is: no build step, nothing fetched at run time.
        scripts = sorted((ROOT / "mlcourse").rglob("*.js"))
        assert scripts
        for path in scripts:
            assert archive.read(str(path.relative_to(ROOT))) == path.read_bytes()
    assert modules == {str(p.relative_to(ROOT)) for p in (ROOT / "mlcourse").rglob("*.py")}, (
        "the wheel should hold every module of the package"
    )
    assert not [n for n in names if "sanitize" in n or n.startswith(("tests/", "notebooks/"))]
    with tarfile.open(sdist) as archive:
        packed = {Path(n).relative_to(Path(n).parts[0]).as_posix() for n in archive.getnames()}
    assert {f"notebooks/{p.name}" for p in WORKED} <= packed
    assert not [n for n in packed if n.startswith(("my-lessons", "solutions", ".venv"))]


@pytest.fixture(scope="module")
def instructor(instructor_install):
    """Run the installed `mlcourse` from a folder outside the clone, PATH without the venv."""
    work = installs.shared_folder("mlcourse-instructor-")
    env = installs.private_env(work / "home")

    def mlcourse(*args, ok=True):
        command = [instructor_install.bin / "mlcourse", *args]
        if ok:
            return installs.run(command, cwd=work, env=env)
        return subprocess.run(
            [str(c) for c in command], cwd=work, env=env, capture_output=True, text=True
        )

    yield work, mlcourse
    shutil.rmtree(work, ignore_errors=True)


def test_installed_package_is_the_wheel_not_the_clone(instructor_install, instructor):
    work, _ = instructor
    where = installs.run(
        [instructor_install.python, "-c", "import mlcourse; print(mlcourse.__file__)"], cwd=work
    ).stdout
    assert where.startswith(str(instructor_install.root)), where


def opened_by(text):
    """(the notebook without its language_info, the language_info): the copies carry what the
    kernel of the Python that wrote them reports, and the installed Python may be another."""
    notebook = json.loads(text)
    return notebook, notebook["metadata"].pop("language_info")


def test_installed_mlcourse_writes_the_lessons(instructor_install, instructor):
    work, mlcourse = instructor
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert mlcourse("--version").stdout.strip() == f"mlcourse {version}"
    mlcourse("lessons", work / "mine")
    mlcourse("lessons", "--solutions", work / "worked")
    python = installs.run(
        [instructor_install.python, "-c", "import platform; print(platform.python_version())"]
    ).stdout.strip()
    for path in WORKED:
        for folder, solutions in (("mine", False), ("worked", True)):
            written, info = opened_by((work / folder / path.name).read_text())
            assert written == opened_by(lessons.lesson_text(path, solutions=solutions))[0]
            assert info["name"] == "python" and info.get("version", python) == python


def test_installed_mlcourse_assigns_and_grades_a_solution_with_full_marks(instructor):
    work, mlcourse = instructor
    course = work / "course"
    assert f"released {len(WORKED)} lessons" in mlcourse("assign", course).stdout
    released = json.loads((course / "release" / LESSON / f"{LESSON}.ipynb").read_text())
    worked = json.loads((ROOT / "notebooks" / f"{LESSON}.ipynb").read_text())
    folder = course / "submitted" / "ann" / LESSON
    folder.mkdir(parents=True)
    (folder / f"{LESSON}.ipynb").write_text(json.dumps(installs.solved(released, worked)))
    graded = mlcourse("grade", course)
    with (course / "mlcourse-grades.csv").open() as file:
        (row,) = csv.DictReader(file)
    assert (row["student"], row["lesson"], row["status"]) == ("ann", LESSON, "graded"), graded
    assert float(row["score"]) == float(row["max_score"]) > 0
    assert (course / "feedback" / "ann" / LESSON / f"{LESSON}.html").is_file()


@pytest.fixture(scope="module")
def learner(learner_install):
    work = installs.shared_folder("mlcourse-learner-")
    env = installs.private_env(work / "home")

    def command(program, *args):
        return subprocess.run(
            [str(learner_install.bin / program), *map(str, args)],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )

    yield work, command
    shutil.rmtree(work, ignore_errors=True)


def test_install_without_extras_has_no_nbgrader(learner):
    _, command = learner
    assert command("python", "-c", "import nbgrader").returncode == 1


@pytest.mark.parametrize("args", [("assign", "course"), ("grade", "course")])
def test_install_without_extras_names_the_extra_an_instructor_needs(learner, args):
    _, command = learner
    done = command("mlcourse", *args)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"mlcourse {args[0]}: needs nbgrader, which the instructor extra brings: "
        f"pip install 'mlcourse[instructor]'"
    ]


RUN_LESSON = """
import json, sys
from IPython.terminal.interactiveshell import TerminalInteractiveShell

shell = TerminalInteractiveShell.instance()
for cell in json.load(open(sys.argv[1]))["cells"]:
    if cell["cell_type"] == "code":
        result = shell.run_cell("".join(cell["source"]))
        if not result.success:
            sys.exit(f"cell failed: {result.error_in_exec or result.error_before_exec!r}")
"""


def test_install_without_extras_runs_every_lesson(learner):
    """numpy, matplotlib and ipywidgets (with the IPython they bring) are all a lesson needs:
    the worked versions run top to bottom in IPython and every check says ✔."""
    work, command = learner
    assert command("mlcourse", "lessons", "--solutions", "worked").returncode == 0
    for path in WORKED:
        done = command("python", "-c", RUN_LESSON, work / "worked" / path.name)
        assert done.returncode == 0, f"{path.name}: {done.stderr[-2000:]}"
        assert done.stdout.count("✔") >= 2, done.stdout
