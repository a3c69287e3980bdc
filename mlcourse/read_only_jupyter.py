"""A Jupyter contents manager that serves its folder read-only, for ``make solutions``.

The worked copies are read-only files, but a file's mode does not stop root, and Docker users
often run as root. This manager, which ``tools/solutions-jupyter/`` makes the server's, reports
every file and folder as not writable, so JupyterLab shows a notebook read-only and offers no
plain Save, and it refuses every write (save, new file, rename, delete, checkpoint) with a
message saying where the learner's own work goes. Running cells, which changes nothing on disk,
works as usual. Needs jupyter_server (the ``course`` extra).
"""

from __future__ import annotations

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from tornado import web

REFUSAL = (
    "The worked solutions are read-only: nothing here can be changed. Work in your own copy of "
    "the lessons (make lab opens it)."
)


class ReadOnlyContentsManager(AsyncLargeFileManager):
    """Jupyter's default contents manager, with every write refused (HTTP 403)."""

    def is_writable(self, path: str) -> bool:
        return False

    def _refuse(self) -> None:
        raise web.HTTPError(403, REFUSAL)

    async def save(self, model: dict, path: str = "") -> dict:
        self._refuse()

    async def delete_file(self, path: str) -> None:
        self._refuse()

    async def rename_file(self, old_path: str, new_path: str) -> None:
        self._refuse()

    async def create_checkpoint(self, path: str) -> dict:
        self._refuse()

    async def restore_checkpoint(self, checkpoint_id: str, path: str) -> None:
        self._refuse()

    async def delete_checkpoint(self, checkpoint_id: str, path: str) -> None:
        self._refuse()
