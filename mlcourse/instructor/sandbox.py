"""Where student code runs at grading time: a bubblewrap sandbox, or, where bubblewrap is missing
or refused, a plain child process with resource limits (and a warning that says what that leaves
open). Never silently weaker: :attr:`Sandbox.description` and :attr:`Sandbox.warning` say which.

The bubblewrap sandbox (Linux, Debian package ``bubblewrap``) sees only what Python needs, read
only: ``/usr`` (with ``/bin``, ``/lib*``), the Python installation, the virtual environment and the
mlcourse package (any folder of notebooks inside it hidden). No ``/etc``, no home directory, no
course directory: the grader reads the submission and sends its cells. It has its own empty
``/tmp`` (a small tmpfs) as the only writable place, no network and no other namespace's
processes, holds no capabilities (even when grading as root), cannot create user namespaces, and
dies with the grader.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import mlcourse
from mlcourse.instructor.limits import Limits

BUBBLEWRAP = "bubblewrap"
PROCESSES = "processes"
SCRATCH = "/tmp"
"""The sandbox's only writable folder (a tmpfs of ``Limits.scratch`` bytes)."""
RUNNER = "mlcourse.instructor.runner"
PROBE_TIMEOUT = 60
PROBE = "import numpy, mlcourse.feedback, mlcourse.plain"


class IsolationWarning(UserWarning):
    """Student code is not isolated as well as it should be; the message says what is open."""


class SandboxUnavailable(RuntimeError):
    """Bubblewrap was required but cannot be used here; the message says why."""


@dataclass
class Process:
    """A running runner: its process, the read end of its protocol pipe, where its stderr goes."""

    popen: subprocess.Popen
    protocol: int
    stderr: object
    scratch: tempfile.TemporaryDirectory | None = None

    def kill(self) -> None:
        """End it and everything it started (the sandbox's processes die with it)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            self.popen.kill()
        self.popen.wait()
        for closing in (
            lambda: os.close(self.protocol),
            self.stderr.close,
            lambda: self.popen.stdin.close(),
        ):
            with contextlib.suppress(OSError, ValueError):
                closing()
        if self.scratch is not None:
            self.scratch.cleanup()

    def ending(self, wait: float = 5.0) -> str:
        """How the process ended, in a few words: "exit code 0", "killed by SIGSEGV"."""
        try:
            code = self.popen.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            return "it closed the grader's channel and stopped answering"
        name = self.signal(wait=0)
        if name:
            return f"killed by {name}" + (", out of memory?" if name == "SIGKILL" else "")
        return f"exit code {code}"

    def signal(self, wait: float = 5.0) -> str:
        """The name of the signal that ended the process ("" when it exited, or still runs
        after ``wait`` seconds)."""
        try:
            code = self.popen.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            return ""
        if not (code < 0 or code > 128):  # bubblewrap reports a signal as 128 + its number
            return ""
        number = -code if code < 0 else code - 128
        try:
            return signal.Signals(number).name
        except ValueError:
            return str(number)

    def first_error_line(self) -> str:
        """The last line the process wrote to stderr before it started running student code."""
        with contextlib.suppress(OSError, ValueError):
            self.stderr.seek(0)
            text = self.stderr.read(20_000).decode(errors="replace").strip()
            return (text.splitlines() or [""])[-1][:300]
        return ""


@dataclass(frozen=True)
class Sandbox:
    """How student code is run: ``kind`` is ``"bubblewrap"`` or ``"processes"``; ``reason``
    says why bubblewrap is not used."""

    kind: str
    limits: Limits = field(default_factory=Limits)
    bwrap: str | None = None
    reason: str = ""
    hidden: tuple[Path, ...] = ()
    """Folders masked inside the sandbox (e.g. a course directory that lies in a bound path)."""

    @property
    def description(self) -> str:
        """One paragraph for the grading report: how student code was isolated."""
        if self.kind == BUBBLEWRAP:
            return (
                "Student code ran in a bubblewrap sandbox, one per lesson: no network, no files "
                "but Python, numpy and mlcourse (read-only), a private /tmp as the only "
                f"writable place, no capabilities; limits: {self.limits.describe()}."
            )
        return (
            "Student code ran in separate processes with resource limits only "
            f"({self.limits.describe()})."
        )

    @property
    def warning(self) -> str:
        """Empty for bubblewrap; otherwise what is not isolated."""
        if self.kind == BUBBLEWRAP:
            return ""
        return (
            f"student code is NOT sandboxed ({self.reason}): it ran as you, with process "
            "separation and resource limits only, so it could read every file you can read "
            "(the course directory with source/ and the gradebook, other students' submissions, "
            "your home directory) and write where you can write: change source/ (the answers "
            "and hidden tests of later runs), nbgrader_config.py, or the Python environment "
            "this grader runs from (a .pth file there runs inside the next `mlcourse grade`); "
            "it could kill or slow other students' runners, leave processes behind and reach "
            "the network. This run's scores are still decided outside student code, from "
            "source/ as read before any student code ran; a runner killed by a signal the "
            "grader did not send is graded again alone (and not scored if that happens again); "
            "submissions changed during grading are restored and reported. Check source/ and "
            "the environment before grading again, or install bubblewrap (Debian/Ubuntu: "
            "apt-get install bubblewrap) to isolate student code."
        )

    def command(self, argv: list[str], font_cache: Path | None = None) -> list[str]:
        """The bubblewrap command line that runs ``argv`` in the sandbox."""
        assert self.bwrap is not None
        # The scratch tmpfs first: mounted later it would hide whatever is bound below it (a
        # clone, and so its virtual environment, may well live in /tmp).
        args = [self.bwrap, "--size", str(self.limits.scratch), "--tmpfs", SCRATCH]
        for path in read_only_paths():
            if path.is_symlink():
                args += ["--symlink", os.readlink(path), str(path)]
            else:
                args += ["--ro-bind", str(path), str(path)]
        for path in self.hidden:
            args += ["--tmpfs", str(path)]
        # bubblewrap's /dev is a tmpfs of half the host's memory (/dev/shm included): read-only,
        # its device nodes still work and /tmp stays the one place to write.
        args += ["--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev"]
        if font_cache is not None:
            args += ["--ro-bind", str(font_cache), f"{SCRATCH}/matplotlib/{font_cache.name}"]
        args += ["--remount-ro", "/"]  # bubblewrap's own root is a writable tmpfs otherwise
        args += ["--unshare-all", "--unshare-user", "--disable-userns", "--cap-drop", "ALL"]
        args += ["--die-with-parent", "--new-session", "--chdir", SCRATCH, "--clearenv"]
        for name, value in environment(SCRATCH).items():
            args += ["--setenv", name, value]
        return [*args, "--", *argv]

    def launch(
        self,
        argv: list[str],
        scratch: str | None = None,
        font_cache: Path | None = None,
        **popen: object,
    ) -> subprocess.Popen:
        """Start ``argv`` as student code runs: in bubblewrap, or (processes) in the folder
        ``scratch`` with the student environment; ``popen`` goes to :class:`subprocess.Popen`.

        bubblewrap itself gets an environment of one PATH: its own process is the sandbox's
        pid 1, whose environment every process inside can read in /proc/1/environ.
        """
        if self.kind == BUBBLEWRAP:
            command, env, cwd = self.command(argv, font_cache), dict(BUBBLEWRAP_ENVIRONMENT), None
        else:
            command, env, cwd = argv, environment(scratch or SCRATCH), scratch
        return subprocess.Popen(command, env=env, cwd=cwd, start_new_session=True, **popen)

    def start(self, arguments: list[str]) -> Process:
        """Start the runner (``python -m mlcourse.instructor.runner``) with ``arguments`` after
        the protocol pipe's number; student code must never see the grader's files."""
        read_end, write_end = os.pipe()
        argv = [sys.executable, "-I", "-B", "-m", RUNNER, str(write_end), *arguments]
        stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed by Process.kill)
        scratch = None
        font_cache = matplotlib_font_cache()
        if self.kind != BUBBLEWRAP:
            scratch = tempfile.TemporaryDirectory(prefix="mlcourse-scratch-")
            if font_cache is not None:
                (Path(scratch.name) / "matplotlib").mkdir()
                shutil.copy(font_cache, Path(scratch.name) / "matplotlib" / font_cache.name)
        try:
            popen = self.launch(
                argv,
                scratch=scratch.name if scratch is not None else None,
                font_cache=font_cache,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                pass_fds=(write_end,),
            )
        except BaseException:
            os.close(read_end)
            stderr.close()
            if scratch is not None:
                scratch.cleanup()
            raise
        finally:
            os.close(write_end)
        return Process(popen, read_end, stderr, scratch)


BUBBLEWRAP_ENVIRONMENT = {"PATH": "/usr/bin:/bin"}
"""All bubblewrap itself is started with: nothing of the grader's environment (a hub's API
tokens) may reach the sandbox."""


def environment(scratch: str) -> dict[str, str]:
    """The environment of student code: nothing of the grader's, one thread for numpy, plots to
    Agg, every cache and temporary file in the scratch folder."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": scratch,
        "TMPDIR": scratch,
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": f"{scratch}/matplotlib",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def read_only_paths() -> list[Path]:
    """What the sandbox binds read-only: /usr and its companions, the Python installation, the
    virtual environment and the mlcourse package (none inside another)."""
    wanted = [Path("/usr")]
    wanted += [Path(p) for p in ("/bin", "/sbin", "/lib", "/lib32", "/lib64") if Path(p).exists()]
    wanted += [
        Path(sys.base_prefix).resolve(),
        Path(sys.prefix).resolve(),
        Path(sys.executable).resolve().parent,
        package_dir(),
    ]
    chosen: list[Path] = []
    for path in sorted(set(wanted), key=lambda p: len(p.parts)):
        if path.is_symlink() or not any(path.is_relative_to(kept) for kept in chosen):
            chosen.append(path)
    return chosen


def package_dir() -> Path:
    return Path(mlcourse.__file__).resolve().parent


def notebook_folders() -> list[Path]:
    """Folders inside the package that hold notebooks (worked lessons shipped as package data):
    hidden in the sandbox, since they hold the solutions."""
    return sorted({path.parent for path in package_dir().rglob("*.ipynb")})


def matplotlib_font_cache() -> Path | None:
    """The grader's matplotlib font list, so that each sandbox need not rebuild it (seconds)."""
    try:
        from matplotlib import font_manager, get_cachedir

        font_manager.fontManager  # noqa: B018 (builds the cache file when missing)
        path = Path(get_cachedir()) / f"fontlist-v{font_manager.FontManager.__version__}.json"
    except Exception:  # no usable matplotlib cache: the sandbox builds its own
        return None
    return path if path.is_file() else None


def detect(
    course_dir: Path | None = None, limits: Limits | None = None, require: bool = False
) -> Sandbox:
    """The best sandbox available here: bubblewrap if it is installed and starts Python;
    otherwise processes only (or SandboxUnavailable with ``require``)."""
    limits = limits or Limits()
    hidden = notebook_folders()
    if course_dir is not None and any(
        Path(course_dir).resolve().is_relative_to(p) for p in read_only_paths()
    ):
        hidden.append(Path(course_dir).resolve())
    bwrap = shutil.which("bwrap")
    reason = ""
    if not sys.platform.startswith("linux"):
        reason = f"bubblewrap needs Linux; this is {sys.platform}"
    elif bwrap is None:
        reason = "bubblewrap (bwrap) is not installed"
    else:
        sandbox = Sandbox(BUBBLEWRAP, limits, bwrap, hidden=tuple(hidden))
        reason = _probe(sandbox)
        if not reason:
            return sandbox
    if require:
        raise SandboxUnavailable(f"cannot sandbox student code: {reason}")
    return Sandbox(PROCESSES, limits, reason=reason, hidden=tuple(hidden))


def _probe(sandbox: Sandbox) -> str:
    """Why the sandbox cannot start Python with numpy and mlcourse, or "" when it can."""
    try:
        probe = sandbox.launch(
            [sys.executable, "-I", "-B", "-c", PROBE],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    except OSError as error:
        return f"bubblewrap failed to start: {error}"
    try:
        _, stderr = probe.communicate(timeout=PROBE_TIMEOUT)
    except subprocess.TimeoutExpired:
        probe.kill()
        probe.communicate()
        return f"bubblewrap did not start Python within {PROBE_TIMEOUT} s"
    if probe.returncode != 0:
        last = (stderr.strip().splitlines() or ["no message"])[-1]
        return f"bubblewrap is installed but refused to run the sandbox: {last[:200]}"
    return ""


def limits_argument(limits: Limits) -> str:
    return json.dumps(limits.for_runner())
