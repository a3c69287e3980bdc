"""Which notebooks a running Jupyter has open: asked of servers described in a runtime folder.

The servers here are small HTTP servers answering ``/api/sessions`` as Jupyter's does; the
browser test in test_lab.py asks a real JupyterLab.
"""

import contextlib
import http.server
import json
import threading
import urllib.parse

import pytest

from mlcourse import open_notebooks

TOKEN = "secret"


@contextlib.contextmanager
def sessions_server(sessions, token=TOKEN):
    """A server whose /api/sessions lists ``sessions`` (paths) to whoever brings ``token``."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            url = urllib.parse.urlparse(self.path)
            given = urllib.parse.parse_qs(url.query).get("token", [""])[0]
            if url.path != "/lab/api/sessions" or given != token:
                self.send_response(403)
                self.end_headers()
                return
            body = [{"id": str(i), "path": p, "type": "notebook"} for i, p in enumerate(sessions)]
            self.send_response(200)
            self.end_headers()
            self.wfile.write(json.dumps(body).encode())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/lab/"
    finally:
        server.shutdown()
        server.server_close()


def describe(runtime, name, url, root, token=TOKEN):
    runtime.mkdir(exist_ok=True)
    info = {"url": url, "root_dir": str(root), "token": token, "pid": 1}
    (runtime / name).write_text(json.dumps(info))


@pytest.fixture
def folders(tmp_path):
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    return tmp_path / "runtime", root


def test_a_notebook_with_a_session_is_open_and_one_without_is_not(folders):
    runtime, root = folders
    with sessions_server(["sub/a.ipynb"]) as url:
        describe(runtime, "jpserver-1.json", url, root)
        found = open_notebooks.open_in_jupyter(
            [root / "sub" / "a.ipynb", root / "b.ipynb"], runtime
        )
    assert found == {root / "sub" / "a.ipynb": url}


def test_the_same_file_by_another_path_is_the_same_notebook(folders):
    runtime, root = folders
    (root.parent / "link").symlink_to(root)
    with sessions_server(["sub/a.ipynb"]) as url:
        describe(runtime, "nbserver-7.json", url, root.parent / "link")
        asked = root / "sub" / ".." / "sub" / "a.ipynb"
        assert open_notebooks.open_in_jupyter([asked], runtime) == {asked: url}


def test_servers_that_cannot_be_asked_are_passed_over(folders):
    runtime, root = folders
    with sessions_server(["a.ipynb"]) as url, sessions_server(["a.ipynb"]) as other:
        describe(runtime, "jpserver-1.json", url, root, token="wrong")  # refused
        describe(runtime, "jpserver-2.json", "http://127.0.0.1:9/", root)  # nobody there
        (runtime / "jpserver-3.json").write_text("not json")
        (runtime / "jpserver-4.json").write_text("[1, 2]")
        describe(runtime, "jpserver-5.json", other, root.parent / "elsewhere")  # another root
        assert open_notebooks.open_in_jupyter([root / "a.ipynb"], runtime) == {}
        describe(runtime, "jpserver-6.json", other, root)
        assert open_notebooks.open_in_jupyter([root / "a.ipynb"], runtime) == {
            root / "a.ipynb": other
        }


def test_no_runtime_folder_means_nothing_is_open(tmp_path):
    assert open_notebooks.open_in_jupyter([tmp_path / "a.ipynb"], tmp_path / "none") == {}
