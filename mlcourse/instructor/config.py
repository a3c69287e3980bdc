"""The nbgrader configuration of a course directory, as one list of settings.

The same settings are written to ``nbgrader_config.py`` (for instructors who also use nbgrader's
own commands or formgrader) and built as a traitlets ``Config`` for our commands.
"""

from __future__ import annotations

from pathlib import Path

from traitlets.config import Config

from mlcourse.instructor.limits import CELL_SECONDS

COURSE_ID = "mlcourse"
CELL_TIMEOUT = CELL_SECONDS
"""Seconds one cell of a submission may run before its kernel is interrupted."""
JOBS = 2
"""Students graded at once: on 2 cores, 2 halve the time (kernel start-ups overlap)."""

FEEDBACK_PREPROCESSORS = [
    "nbgrader.preprocessors.GetGrades",
    "mlcourse.instructor.redact.RedactHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]


def settings(
    db_url: str | None = None, cell_timeout: float = CELL_TIMEOUT
) -> list[tuple[str, str, object]]:
    """(section, option, value) triples; ``db_url`` overrides the gradebook location."""
    entries: list[tuple[str, str, object]] = [
        ("CourseDirectory", "course_id", COURSE_ID),
        # A loop that never ends is interrupted, the cell fails, the rest of the notebook runs.
        ("Execute", "timeout", cell_timeout),
        ("Execute", "interrupt_on_timeout", True),
        # nbgrader's feedback shows hidden tests and tracebacks that quote them: not ours.
        ("GenerateFeedback", "preprocessors", FEEDBACK_PREPROCESSORS),
        # Outputs in nbgrader's own pages (feedback, formgrader) lose scripts and event
        # handlers; markdown, which its templates leave raw, is sanitized in autograded/.
        ("HTMLExporter", "sanitize_html", True),
    ]
    if db_url is not None:
        entries.append(("CourseDirectory", "db_url", db_url))
    return entries


def build(root: Path, db_url: str | None = None, cell_timeout: float = CELL_TIMEOUT) -> Config:
    """The configuration as a traitlets Config for the course directory ``root``."""
    config = Config()
    config.CourseDirectory.root = str(root)
    for section, option, value in settings(db_url, cell_timeout):
        setattr(config[section], option, value)
    return config


def write(root: Path) -> Path:
    """Write ``root/nbgrader_config.py`` and return its path."""
    lines = [
        '"""nbgrader settings of this mlcourse course (written by `mlcourse assign`)."""',
        "",
        "c = get_config()  # noqa: F821",
        "",
    ]
    lines += [f"c.{section}.{option} = {value!r}" for section, option, value in settings()]
    path = root / "nbgrader_config.py"
    path.write_text("\n".join(lines) + "\n")
    return path
