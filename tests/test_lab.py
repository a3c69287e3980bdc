"""`make lab` as a learner meets it: their own exercise copy, kept across runs, no instructor tools.

The commands run exactly as the README gives them (with JUPYTER_PORT, JUPYTER_TOKEN and
ARGS=--no-browser, which must pass through), against a folder and a HOME of the test's own. The
browser tests look at the page itself: nbgrader's menu, Validate button and Create Assignment
panel are in the instructor's JupyterLab and not in the learner's; no news pop-up; a lesson
opens without the ● of unsaved changes and Run All runs all of it; `make reset` of an open
lesson; the worked solutions' banner, title and read-only notebooks. Screenshots of what the
learner sees at each step are saved in test-artifacts/learner/ (1280×800).
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
from types import SimpleNamespace

import jupyter_browser as jb
import pytest
from jupyter_server.extension.config import ExtensionConfigManager

from mlcourse import lessons, read_only_jupyter

ROOT = Path(__file__).resolve().parent.parent
LEARNER_CONFIG = ROOT / "tools" / "learner-jupyter"
TOKEN = "learner-token"
LESSON = "03_gradients.ipynb"
BASE_PATH = "/learner/"
ANNOUNCEMENTS = "@jupyterlab/apputils-extension:announcements"
SHOTS = ROOT / "test-artifacts" / "learner"


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
    # JupyterLab's news stays as a learner's HOME has it: the learner's Lab must silence it.
    env = {
        **jb.isolated_environment(home, silence_news=False),
        "JUPYTER_PORT": str(port),
        "JUPYTER_TOKEN": TOKEN,
    }
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


def listing(base, folder=""):
    root = json.loads(get(f"{base}/api/contents/{folder}?token={TOKEN}"))
    return sorted(item["name"] for item in root["content"])


def page_config(base):
    """The settings the server hands JupyterLab's page (jupyter-config-data)."""
    page = get(f"{base}/lab?token={TOKEN}")
    start = page.index('id="jupyter-config-data"')
    body = page[page.index(">", start) + 1 : page.index("</script>", start)]
    return json.loads(body)


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
    # notebook_shim (classic Notebook extensions on Jupyter Server) reads every trait of the
    # server when it links, the deprecated ServerApp.token among them: a warning at each start.
    assert enabled.get("notebook_shim") is True
    assert learner == {**enabled, **dict.fromkeys(nbgrader, False), "notebook_shim": False}


def test_make_lab_opens_the_learners_exercises_and_keeps_their_edits(tmp_path):
    folder, home = tmp_path / "mine", tmp_path / "home"
    with started("lab", "MY_LESSONS", folder, home) as (base, _):
        assert listing(base) == [p.name for p in lessons.worked_lessons()]
        served = json.loads(get(f"{base}/api/contents/{LESSON}?token={TOKEN}&content=1"))
        source = "\n".join("".join(c["source"]) for c in served["content"]["cells"])
        assert "raise NotImplementedError()" in source and "BEGIN SOLUTION" not in source
        assert status(f"{base}/api/contents?token=wrong") == 403, "JUPYTER_TOKEN is in force"
        assert status(f"{base}/formgrader?token={TOKEN}") == 404
        disabled = page_config(base)["disabledExtensions"]
        assert {"@jupyter/nbgrader", ANNOUNCEMENTS} <= set(disabled), disabled
    first_start = (home / "lab.log").read_text()
    assert "Jupyter Server" in first_start and "deprecat" not in first_start.lower(), first_start
    mine = (folder / LESSON).read_text().replace("raise NotImplementedError()", "return 0.0")
    (folder / LESSON).write_text(mine)
    with started("lab", "MY_LESSONS", folder, home) as (base, _):
        assert (folder / LESSON).read_text() == mine
        assert listing(base) == [p.name for p in lessons.worked_lessons()]
    assert (
        f"to start a lesson again: make reset LESSON=03 MY_LESSONS={folder}\n"
        in (home / "lab.log").read_text()
    )


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


def put(url, body):
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="PUT", headers={"Content-Type": "text/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_make_solutions_opens_the_worked_lessons_read_only(tmp_path):
    folder = tmp_path / "worked"
    with started("solutions", "SOLUTIONS", folder, tmp_path / "home") as (base, _):
        assert listing(base) == ["worked-solutions"]
        assert listing(base, "worked-solutions") == [p.name for p in lessons.worked_lessons()]
        assert status(f"{base}/formgrader?token={TOKEN}") == 404
        assert page_config(base)["appName"] == "Worked solutions (read-only)"
        url = f"{base}/api/contents/worked-solutions/{LESSON}?token={TOKEN}"
        served = json.loads(get(url))
        assert served["writable"] is False
        refused = put(url, {"type": "notebook", "format": "json", "content": served["content"]})
        assert refused[0] == 403 and read_only_jupyter.REFUSAL in refused[1], refused
        assert put(f"{base}/api/contents/mine.txt?token={TOKEN}", {"type": "file"})[0] == 403
    log = (tmp_path / "home" / "solutions.log").read_text()
    assert "Jupyter Server" in log and "deprecat" not in log.lower(), log
    for path in lessons.worked_lessons():
        written = folder / "worked-solutions" / path.name
        assert written.read_text() == lessons.lesson_text(path, solutions=True)


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


def check_browser():
    if os.environ.get("MLCOURSE_SKIP_BROWSER") == "1":
        pytest.skip("browser tests opted out with MLCOURSE_SKIP_BROWSER=1")
    if not Path(jb.CHROMIUM).exists():
        pytest.fail(f"{jb.CHROMIUM} not found: `make test` installs it, or MLCOURSE_SKIP_BROWSER=1")


@pytest.fixture
def browser_ready():
    check_browser()


@pytest.fixture(scope="module")
def learner_lab(tmp_path_factory):
    """One `make lab` for the browser tests below, each on lessons of its own."""
    check_browser()
    work = tmp_path_factory.mktemp("learner-lab")
    folder, home = work / "mine", work / "home"
    with started("lab", "MY_LESSONS", folder, home) as (base, env):
        yield SimpleNamespace(base=base, env=env, folder=folder, home=home)


@pytest.fixture
def page(learner_lab, tmp_path):
    """A fresh chromium page at the size of a laptop screen."""
    with jb.browser(tmp_path / "profile") as page:
        page.set_viewport_size({"width": 1280, "height": 800})
        yield page


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def open_lesson(page, base, path):
    """Open a notebook and wait until its kernel is ready (JupyterLab has then written the
    kernel's language_info into the notebook, if it was going to). ``reset``: no tab of an
    earlier test is restored beside it."""
    page.goto(f"{base}/lab/tree/{path}?reset&token={TOKEN}", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
    page.wait_for_selector(".jp-KernelName:has-text('Python')", timeout=90_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)


def tab_is_dirty(page):
    """Whether the current tab shows the ● of unsaved changes."""
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")
    return "jp-mod-dirty" in tab.get_attribute("class")


def save(page):
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")


def type_into_cell(page, text, containing="raise NotImplementedError()"):
    page.locator(
        ".jp-NotebookPanel:visible .jp-CodeCell .cm-content", has_text=containing
    ).first.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def menu(page, label, command):
    page.locator(".lm-MenuBar-itemLabel", has_text=label).first.click()
    page.locator(f'li.lm-Menu-item[data-command="{command}"]').click()


def sources_on_screen(page):
    """The text of every code cell of the notebook on screen (cells scrolled out of view too)."""
    return "\n".join(page.locator(".jp-NotebookPanel:visible .cm-content").all_text_contents())


def sessions(base):
    return sorted(s["path"] for s in json.loads(get(f"{base}/api/sessions?token={TOKEN}")))


@pytest.mark.browser
def test_the_learners_jupyterlab_shows_no_instructor_tools(learner_lab, page):
    page.goto(f"{learner_lab.base}/lab/tree/{LESSON}?token={TOKEN}", wait_until="domcontentloaded")
    assert instructor_tools(page) == []


@pytest.mark.browser
def test_the_first_start_shows_the_lessons_and_no_news_pop_up(learner_lab, page):
    """JupyterLab asks "Would you like to get notified about official Jupyter news?" once the
    page is restored, in a toast over the notebook, unless its announcements are switched off."""
    page.goto(f"{learner_lab.base}/lab?reset&token={TOKEN}", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-DirListing-item", timeout=90_000)
    page.wait_for_selector(".jp-Launcher", timeout=90_000)  # the layout is restored by then
    time.sleep(3)  # the question follows the restore at once when it comes
    shot(page, "first-start")
    assert page.get_by_text("official Jupyter news").count() == 0
    assert page.locator(".Toastify__toast").count() == 0


@pytest.mark.browser
def test_an_exercise_copy_opens_unchanged_and_run_all_runs_all_of_it(learner_lab, page):
    """Lesson 4, whose cells use only the package's functions after its exercises: Run All
    shows every check's ✘ and runs the lesson to its end."""
    name = "04_training.ipynb"
    lesson = learner_lab.folder / name
    written = lesson.read_bytes()
    open_lesson(page, learner_lab.base, name)
    assert not tab_is_dirty(page), "opening the lesson marked it unsaved"
    modified = lesson.stat().st_mtime_ns
    save(page)
    wait_until(lambda: lesson.stat().st_mtime_ns != modified, "the lesson was not saved")
    assert lesson.read_bytes() == written, "JupyterLab saved it otherwise than it was written"
    menu(page, "Run", "runmenu:run-all")
    code = [c for c in json.loads(written)["cells"] if c["cell_type"] == "code"]
    last = page.locator(".jp-CodeCell .jp-InputArea-prompt").nth(len(code) - 1)
    page.wait_for_function(
        "el => /\\[\\d+\\]/.test(el.textContent)", arg=last.element_handle(), timeout=180_000
    )
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    first_cross = page.locator(".jp-OutputArea-output", has_text="✘").first
    first_cross.scroll_into_view_if_needed()
    shot(page, "run-all-cross")
    page.locator(".jp-NotebookPanel:visible .jp-CodeCell").last.scroll_into_view_if_needed()
    shot(page, "run-all-end")
    save(page)
    ran = wait_for_saved(lesson, written)
    cells = [c for c in ran["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in cells), "Run All stopped before the end"
    for cell in cells:
        errors = [o["ename"] for o in cell["outputs"] if o["output_type"] == "error"]
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id", "")
        assert errors == (["ExerciseFailed"] if grade_id.endswith("-check") else []), cell


def wait_until(condition, failure, timeout=20):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, failure
        time.sleep(0.2)


def wait_for_saved(path, before):
    """The notebook at ``path`` once a save has changed it from ``before`` (bytes)."""
    wait_until(lambda: path.read_bytes() != before, f"{path.name} was not saved")
    return json.loads(path.read_text())


def reset(learner_lab, number):
    return make(
        "reset", f"LESSON={number}", f"MY_LESSONS={learner_lab.folder}", env=learner_lab.env
    )


@pytest.mark.browser
def test_make_reset_of_an_open_lesson_waits_until_it_is_closed(learner_lab, page):
    lesson = learner_lab.folder / LESSON
    open_lesson(page, learner_lab.base, LESSON)
    before = lesson.read_bytes()
    type_into_cell(page, "\n# my attempt")
    save(page)
    mine = wait_for_saved(lesson, before)
    refused = reset(learner_lab, "03")
    assert refused.returncode != 0 and (learner_lab.folder / LESSON).read_bytes() != before
    (line,) = [line for line in refused.stderr.splitlines() if line.startswith("mlcourse")]
    assert f"open now: {LESSON} in the Jupyter at http" in line, line
    assert "Close and Shut Down Notebook" in line and line.endswith("nothing was reset")
    assert json.loads(lesson.read_text()) == mine
    menu(page, "File", "filemenu:close-and-cleanup")
    page.locator(".jp-Dialog .jp-mod-accept").click()  # "Shut down the notebook?"
    wait_until(lambda: LESSON not in sessions(learner_lab.base), "its kernel still runs")
    done = reset(learner_lab, "03")
    assert done.returncode == 0, done.stderr
    assert lesson.read_bytes() == before, "the lesson is as the course wrote it"
    open_lesson(page, learner_lab.base, LESSON)
    on_screen = sources_on_screen(page)
    assert "raise NotImplementedError()" in on_screen and "# my attempt" not in on_screen
    shot(page, "reset-reopened")


@pytest.mark.browser
def test_a_stale_tab_cannot_undo_a_reset_without_being_asked(learner_lab, page):
    """A tab left open without its kernel: no session tells that it is open, so the reset goes
    ahead; the tab's next save then asks (File Changed), and Revert shows the reset lesson."""
    name = "01_data.ipynb"
    lesson = learner_lab.folder / name
    open_lesson(page, learner_lab.base, name)
    before = lesson.read_bytes()
    type_into_cell(page, "\n# my attempt")
    save(page)
    wait_for_saved(lesson, before)
    menu(page, "Kernel", "kernelmenu:shutdown")
    wait_until(lambda: name not in sessions(learner_lab.base), "the kernel still runs")
    done = reset(learner_lab, "01")
    assert done.returncode == 0 and "choose Revert" in done.stdout, done.stderr
    assert lesson.read_bytes() == before
    type_into_cell(page, " again", containing="# my attempt")
    save(page)
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=10_000)
    assert "has changed on disk" in dialog.inner_text()
    shot(page, "reset-stale-tab-asks")
    dialog.get_by_role("button", name="Revert").click()
    page.wait_for_selector(".jp-Dialog", state="detached", timeout=10_000)
    wait_until(lambda: "# my attempt" not in sources_on_screen(page), "the tab was not reverted")
    assert not tab_is_dirty(page)
    assert lesson.read_bytes() == before, "the reset lesson is still on disk"


@pytest.mark.browser
def test_the_worked_solutions_look_like_solutions_and_refuse_a_save(browser_ready, tmp_path):
    folder = tmp_path / "worked"
    name = "worked-solutions/02_forward_pass_and_error.ipynb"
    with (
        started("solutions", "SOLUTIONS", folder, tmp_path / "home") as (base, _),
        jb.browser(tmp_path / "profile") as page,
    ):
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(f"{base}/lab?token={TOKEN}", wait_until="domcontentloaded")
        crumbs = page.locator(".jp-FileBrowser .jp-BreadCrumbs")
        crumbs.filter(has_text="worked-solutions").wait_for(timeout=90_000)
        open_lesson(page, base, name)
        assert page.title().endswith(" - Worked solutions (read-only)"), page.title()
        banner = page.locator(".jp-MarkdownCell .alert-warning").first
        assert "Worked solutions: the answer key, read-only." in banner.inner_text()
        assert page.locator(".jp-NotebookPanel-toolbar", has_text="read-only").count() == 1
        shot(page, "solutions-open")
        written = (folder / name).read_bytes()
        type_into_cell(page, "  # mine", containing="return 0.5 * np.sum")
        save(page)
        page.locator(".Toastify__toast", has_text="is read-only").wait_for(timeout=10_000)
        shot(page, "solutions-save-refused")
        time.sleep(1)
        assert (folder / name).read_bytes() == written


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
