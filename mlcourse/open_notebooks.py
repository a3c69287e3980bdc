"""Which notebooks a running Jupyter has open, asked of the servers themselves.

Every Jupyter server (JupyterLab, Notebook 7, classic Notebook) writes a file describing itself
(``jpserver-<pid>.json``, ``nbserver-<pid>.json``) into Jupyter's runtime folder, with its URL,
its root folder and its token. A notebook open in a tab has a kernel session there, named by its
path below that root; it stays until the tab is closed with "Close and Shut Down Notebook" or
its kernel is shut down. Servers that cannot be asked (stopped, behind a password, on a Unix
socket) are passed over: the answer is what the others say.
"""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from pathlib import Path

TIMEOUT = 2.0
"""Seconds one server may take to answer before it is passed over."""
SERVER_FILES = ("jpserver-*.json", "nbserver-*.json")


def runtime_folder() -> Path | None:
    """Jupyter's runtime folder (JUPYTER_RUNTIME_DIR, or the platform's default), or None when
    Jupyter is not installed here (then no Jupyter of this environment can be running)."""
    try:
        from jupyter_core.paths import jupyter_runtime_dir
    except ImportError:
        return None
    return Path(jupyter_runtime_dir())


def running_servers(folder: Path | None = None) -> list[dict]:
    """The descriptions of the servers in the runtime ``folder`` that have a URL and a root."""
    folder = runtime_folder() if folder is None else folder
    if folder is None or not folder.is_dir():
        return []
    servers = []
    for pattern in SERVER_FILES:
        for path in sorted(folder.glob(pattern)):
            try:
                info = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if not isinstance(info, dict):
                continue
            if info.get("url") and (info.get("root_dir") or info.get("notebook_dir")):
                servers.append(info)
    return servers


def open_paths(server: dict) -> set[Path]:
    """The notebooks ``server`` has a kernel session for, as absolute paths; empty when it
    cannot be asked."""
    url = server["url"].rstrip("/") + "/api/sessions"
    if server.get("token"):
        url += "?" + urllib.parse.urlencode({"token": server["token"]})
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            sessions = json.loads(response.read())
    except (OSError, ValueError):
        return set()
    root = Path(server.get("root_dir") or server["notebook_dir"]).expanduser()
    return {
        _resolved(root / session["path"])
        for session in sessions
        if isinstance(session, dict) and isinstance(session.get("path"), str)
    }


def open_in_jupyter(paths: list[Path], folder: Path | None = None) -> dict[Path, str]:
    """For each of ``paths`` a running Jupyter has open, the URL of that Jupyter."""
    wanted = {_resolved(path): path for path in paths}
    found: dict[Path, str] = {}
    for server in running_servers(folder):
        for path in open_paths(server) & wanted.keys():
            found.setdefault(wanted[path], server["url"])
    return found


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path))
