"""`make lab` as a learner meets it: their own exercise copy, kept across runs, no instructor tools.

The commands run exactly as the README gives them (with JUPYTER_PORT, JUPYTER_TOKEN and
ARGS=--no-browser, which must pass through), against a folder and a HOME of the test's own. The
browser tests look at the page itself: nbgrader's menu, Validate button and Create Assignment
panel are in the instructor's JupyterLab and not in the learner's.
"""

import contextlib
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import jupyter_browser as jb
import pytest
from jupyter_server.extension.config import ExtensionConfigManager

from mlcourse import lessons

ROOT = Path(__file__).resolve().parent.parent
LEARNER_CONFIG = ROOT / "tools" / "learner-jupyter"
TOKEN = "learner-token"
LESSON = "03_gradients.ipynb"
BASE_PATH = "/learner/"


def make(*args, env=None, **kwargs):
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        **kwargs,
    )


@contextlib.contextmanager
def started(target, folder_variable, folder, home):
    """Run `make <target>` as a learner would; yield (base URL, environment) once it answers."""
    port = jb.free_port()
    env = {**jb.isolated_environment(home), "JUPYTER_PORT": str(port), "JUPYTER_TOKEN": TOKEN}
    log = (home / f"{target}.log").open("w")
    # ARGS reaches jupyter: the server answers under the base URL it sets.
    args = f"ARGS=--no-browser --ServerApp.base_url={BASE_PATH}"
    process = subprocess.Popen(
        ["make", "--no-print-directory", target, f"{folder_variable}={folder}", args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}{BASE_PATH.rstrip('/')}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, (home / f"{target}.log").read_text()
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2).read()
                break
            assert time.monotonic() < deadline, "make lab did not answer within 90 s"
            time.sleep(0.3)
        yield base, env
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def listing(base):
    root = json.loads(get(f"{base}/api/contents?token={TOKEN}"))
    return sorted(item["name"] for item in root["content"])


def test_the_learner_config_switches_off_every_server_extension_nbgrader_switches_on():
    """Guards against a new nbgrader version adding a server extension the list misses."""
    from jupyter_core.paths import jupyter_config_path

    everywhere = ExtensionConfigManager(read_config_path=jupyter_config_path())
    enabled = everywhere.get_jpserver_extensions()
    nbgrader = {name for name, on in enabled.items() if name.startswith("nbgrader") and on}
    assert nbgrader, "nbgrader's server extensions should be enabled in this environment"
    learner = ExtensionConfigManager(
        read_config_path=[str(LEARNER_CONFIG), *jupyter_config_path()]
    ).get_jpserver_extensions()
    assert learner == {**enabled, **dict.fromkeys(nbgrader, False)}


def test_make_lab_opens_the_learners_exercises_and_keeps_their_edits(tmp_path):
    folder, home = tmp_path / "mine", tmp_path / "home"
    with started("lab", "MY_LESSONS", folder, home) as (base, _):
        assert listing(base) == [p.name for p in lessons.worked_lessons()]
        served = json.loads(get(f"{base}/api/contents/{LESSON}?token={TOKEN}&content=1"))
        source = "\n".join("".join(c["source"]) for c in served["content"]["cells"])
        assert "raise NotImplementedError()" in source and "BEGIN SOLUTION" not in source
        assert status(f"{base}/api/contents?token=wrong") == 403, "JUPYTER_TOKEN is in force"
        assert status(f"{base}/formgrader?token={TOKEN}") == 404
        page = get(f"{base}/lab?token={TOKEN}")
        assert '"disabledExtensions": ["@jupyter/nbgrader"]' in page
    mine = (folder / LESSON).read_text().replace("raise NotImplementedError()", "return 0.0")
    (folder / LESSON).write_text(mine)
    with started("lab", "MY_LESSONS", folder, home) as (base, _):
        assert (folder / LESSON).read_text() == mine
        assert listing(base) == [p.name for p in lessons.worked_lessons()]


def test_make_reset_starts_one_lesson_again(tmp_path):
    folder = tmp_path / "mine"
    lessons.write_lessons(folder)
    (folder / LESSON).write_text("{}")
    (folder / "01_data.ipynb").write_text("{}")
    done = make("reset", "LESSON=03", f"MY_LESSONS={folder}")
    assert done.returncode == 0, done.stderr
    assert (folder / LESSON).read_text() == lessons.lesson_text(lessons.worked_lessons()[2])
    assert (folder / "01_data.ipynb").read_text() == "{}"
    assert [p.read_text() for p in (folder / ".backup").iterdir()] == ["{}"]
    asked = make("reset", f"MY_LESSONS={folder}")
    assert asked.returncode != 0 and "make reset LESSON=03" in asked.stderr


def test_make_solutions_opens_the_worked_lessons(tmp_path):
    folder = tmp_path / "worked"
    with started("solutions", "SOLUTIONS", folder, tmp_path / "home") as (base, _):
        assert listing(base) == [p.name for p in lessons.worked_lessons()]
        assert status(f"{base}/formgrader?token={TOKEN}") == 404
    for path in lessons.worked_lessons():
        assert (folder / path.name).read_bytes() == path.read_bytes()


def test_the_instructors_jupyter_keeps_nbgrader(tmp_path):
    """The same environment started plainly, as an instructor does: formgrader answers."""
    notebook = tmp_path / "lesson" / LESSON
    lessons.write_lessons(notebook.parent, only=["3"])
    with jb.server("lab", notebook, tmp_path) as url:
        base = url.split("/lab/")[0]
        assert status(f"{base}/formgrader?token={jb.TOKEN}") == 200


def instructor_tools(page):
    """The nbgrader pieces a JupyterLab page shows: menus, toolbar items and side panels.

    Looked for once the notebook is on screen with its stub and its kernel is ready, when every
    extension has long been activated (the instructor's page shows them by then).
    """
    stub = page.locator(".jp-Cell .cm-content", has_text="raise NotImplementedError()")
    stub.first.wait_for(timeout=90_000)
    page.wait_for_selector(".jp-KernelName:has-text('Python')", timeout=90_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
    toolbar = page.locator(".jp-NotebookPanel-toolbar .jp-Toolbar-item").all_inner_texts()
    panels = page.locator(".jp-SideBar .lm-TabBar-tab").evaluate_all(
        "tabs => tabs.map(tab => tab.getAttribute('data-id'))"
    )
    assert "File" in menus and "Help" in menus, menus  # the page is there
    return (
        [m for m in menus if "nbgrader" in m.lower()]
        + [t for t in toolbar if "Validate" in t]
        + [p for p in panels if p and "nbgrader" in p.lower()]
    )


@pytest.fixture
def browser_ready():
    if os.environ.get("MLCOURSE_SKIP_BROWSER") == "1":
        pytest.skip("browser tests opted out with MLCOURSE_SKIP_BROWSER=1")
    if not Path(jb.CHROMIUM).exists():
        pytest.fail(f"{jb.CHROMIUM} not found: `make test` installs it, or MLCOURSE_SKIP_BROWSER=1")


@pytest.mark.browser
def test_the_learners_jupyterlab_shows_no_instructor_tools(browser_ready, tmp_path):
    folder, home = tmp_path / "mine", tmp_path / "home"
    with started("lab", "MY_LESSONS", folder, home) as (base, _), jb.browser(home / "p") as page:
        page.goto(f"{base}/lab/tree/{LESSON}?token={TOKEN}", wait_until="domcontentloaded")
        assert instructor_tools(page) == []


@pytest.mark.browser
def test_the_instructors_jupyterlab_shows_them(browser_ready, tmp_path):
    notebook = tmp_path / "lesson" / LESSON
    lessons.write_lessons(notebook.parent, only=["3"])
    with jb.server("lab", notebook, tmp_path) as url, jb.browser(tmp_path / "p") as page:
        page.goto(url, wait_until="domcontentloaded")
        assert sorted(instructor_tools(page)) == [
            "Nbgrader",
            "Validate",
            "nbgrader-create_assignemnt",
        ]
