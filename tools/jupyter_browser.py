"""Drive a real Jupyter front end in headless Debian chromium, for browser tests and benchmarks.

Starts JupyterLab, Notebook 7 or Voilà on a free loopback port with its own HOME and Jupyter
directories, opens a notebook in chromium through Playwright, and measures how long a control
takes to change the picture, from the key press or pointer event to the new image being loaded.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = os.environ.get("MLCOURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOKEN = "mlcourse-browser-test"
FRONT_ENDS = ("lab", "notebook", "voila")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_environment(home: Path, silence_news: bool = True) -> dict[str, str]:
    """Environment variables that keep a server's settings and state inside ``home``; with
    ``silence_news``, JupyterLab's user settings there also switch its news pop-up off."""
    env = dict(os.environ)
    for name, sub in (
        ("HOME", ""),
        ("JUPYTER_CONFIG_DIR", ".jupyter"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("IPYTHONDIR", ".ipython"),
        ("MPLCONFIGDIR", ".matplotlib"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    if silence_news:  # the news pop-up would cover part of the page
        settings = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
        (settings / "apputils-extension").mkdir(parents=True, exist_ok=True)
        (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False})
        )
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    return env


@contextlib.contextmanager
def server(front_end: str, notebook: Path, workdir: Path) -> Iterator[str]:
    """Run ``front_end`` on a copy of ``notebook``'s folder; yield the URL that opens it."""
    folder = workdir / "notebooks"
    shutil.copytree(notebook.parent, folder, dirs_exist_ok=True)
    port = free_port()
    common = ["--no-browser", f"--port={port}", "--ip=127.0.0.1"]
    if front_end == "voila":
        command = [
            sys.executable,
            "-m",
            "voila",
            str(folder / notebook.name),
            *common,
            "--Voila.tornado_settings={'allow_origin': '*'}",
        ]
        url = f"http://127.0.0.1:{port}/"
        ready = url
    else:
        command = [
            sys.executable,
            "-m",
            "jupyter",
            front_end,
            *common,
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={folder}",
            "--allow-root",
        ]
        path = "lab/tree" if front_end == "lab" else "notebooks"
        url = f"http://127.0.0.1:{port}/{path}/{notebook.name}?token={TOKEN}"
        ready = f"http://127.0.0.1:{port}/api/status?token={TOKEN}"
    log = (workdir / f"{front_end}.log").open("w")
    process = subprocess.Popen(
        command,
        env=isolated_environment(workdir / "home"),
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=folder,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{front_end} exited: see {log.name}")
            with contextlib.suppress(OSError):
                if front_end != "voila":
                    urllib.request.urlopen(ready, timeout=2).read()
                    break
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            if time.monotonic() > deadline:
                raise TimeoutError(f"{front_end} did not start within 60 s: see {log.name}")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@contextlib.contextmanager
def browser(profile: Path) -> Iterator[object]:
    """A fresh headless chromium page (Playwright), with a large enough viewport."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def run_all(page, front_end: str, url: str, timeout_ms: int = 90_000) -> None:
    """Open the notebook and run every cell (Voilà runs them itself before showing the page)."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    if front_end != "voila":
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout_ms)
        wait_for_idle_kernel(url)
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator('li.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.wait_for_selector(".mlcourse-status", timeout=timeout_ms)
    page.wait_for_selector(PICTURE, timeout=timeout_ms)


def wait_for_idle_kernel(url: str, timeout: float = 60) -> None:
    base = url.split("/lab/")[0].split("/notebooks/")[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError):
            kernels = json.loads(
                urllib.request.urlopen(f"{base}/api/kernels?token={TOKEN}", timeout=2).read()
            )
            if kernels and all(k["execution_state"] == "idle" for k in kernels):
                return
        time.sleep(0.3)
    raise TimeoutError("the kernel did not become idle")


PICTURE = "img.mlcourse-plot, .mlcourse-plot img"
"""The playground's picture: a PNG image widget, or the still picture of a BrowserFigure."""

INSTRUMENT = """(selector) => {
  window.__latencies = [];
  window.__start = null;
  window.__view = selector;
  if (window.__instrumented) return;
  window.__instrumented = true;
  const mark = () => { window.__start = performance.now(); };
  document.addEventListener('keydown', mark, true);
  document.addEventListener('pointerdown', mark, true);
  const record = (target) => {
    if (target.closest && target.closest(window.__view) && window.__start !== null) {
      window.__latencies.push(performance.now() - window.__start);
      window.__start = null;
      // What that first frame drew: every line mark's path data, by mark name, and from
      // where (the frames sent ahead for the slider's stops, or the kernel's answer).
      window.__drawnFrom = target.dataset ? target.dataset.drawnFrom : undefined;
      window.__drawn = {};
      for (const group of target.querySelectorAll('g[data-mark]')) {
        const line = group.querySelector('path.mlcourse-mark-line');
        if (line) window.__drawn[group.dataset.mark] = line.getAttribute('d');
      }
    }
  };
  // A new PNG: load does not bubble, but it can be caught on the way down.
  document.addEventListener('load', (event) => {
    if (event.target.tagName === 'IMG') record(event.target);
  }, true);
  // A BrowserFigure's new marks: its event comes from the animation frame that shows them.
  document.addEventListener('mlcourse-frame', (event) => record(event.target), true);
}"""


def instrument(page, view: str = ".mlcourse-plot") -> None:
    """Record, in the page, the time from each key or pointer press to the next new frame
    inside ``view`` (a CSS selector): a PNG loaded, or a BrowserFigure's marks drawn. Calling
    it again starts a new record for another view."""
    page.evaluate(INSTRUMENT, view)


def first_frame_drawn(page) -> dict[str, str]:
    """The path data of every line mark, by name, as the first frame after the last key or
    pointer press drew them (see :func:`instrument`)."""
    return page.evaluate("window.__drawn || {}")


def first_frame_source(page) -> str | None:
    """Where the first frame after the last press came from: "frames" (sent ahead by the
    kernel for the slider's stops) or "marks" (the kernel's answer to the move)."""
    return page.evaluate("window.__drawnFrom || null")


def status_text(page) -> str:
    return page.locator(".mlcourse-status").inner_text()


def press_and_wait(page, locator, key: str, timeout_ms: int = 10_000) -> float:
    """Press ``key`` on ``locator`` and return the milliseconds until the picture changed."""
    count = page.evaluate("window.__latencies.length")
    locator.press(key)
    page.wait_for_function(f"window.__latencies.length > {count}", timeout=timeout_ms)
    return page.evaluate("window.__latencies[window.__latencies.length - 1]")


def drag(page, handle, dx: float, timeout_ms: int = 10_000, steps: int = 8) -> None:
    """Drag a slider handle ``dx`` pixels with the mouse (in ``steps`` moves) and wait for a
    new picture."""
    count = page.evaluate("window.__latencies.length")
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y, steps=steps)
    page.mouse.up()
    page.wait_for_function(f"window.__latencies.length > {count}", timeout=timeout_ms)
