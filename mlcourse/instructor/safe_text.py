"""Text from submissions made safe for the places the grader writes it.

Student code writes exception messages, and students name their own folders; those words reach
feedback pages, the grader's report and ``grades.csv``. On a page and in a note such text is one
short line (:func:`one_line`); a name the report prints can never pass for another line
(:func:`printable`); a spreadsheet never runs a cell (:func:`spreadsheet_cell`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

TERMINAL_ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")
"""ANSI escape sequences (colours, cursor moves, titles)."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list)."""
CELL_CHARS = 2_000
"""The longest note or ``grades.csv`` cell (spreadsheets hold 32,767 characters a cell, Python's
csv reader 131,072; a person reads far fewer)."""
LISTED = (10, 60)
"""Names listed in a note at most, and characters of each."""


def one_line(text: str, limit: int) -> str:
    """``text`` as one line of at most ``limit`` characters, fit for a page or a report.

    Terminal escape sequences are removed, and so are format characters (bidirectional
    overrides, zero-width joiners), surrogates and private-use or unassigned code points; line
    breaks, tabs and other control characters become spaces; runs of spaces become one; a longer
    text is cut, ending in "…".
    """
    text = TERMINAL_ESCAPE.sub("", text[: 4 * limit + 64])
    kept = []
    for character in text:
        kind = unicodedata.category(character)
        if kind == "Cc" or kind.startswith("Z"):
            kept.append(" ")
        elif not kind.startswith("C"):
            kept.append(character)
    line = " ".join("".join(kept).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def printable(name: str) -> str:
    """A name (a student's folder) as the report prints it: every character that could start a
    new line, move the cursor or reverse the text is written as its escape (``\\n``,
    ``\\x1b``, ``\\u202e``), and so are a backslash and white space at either end (``\\x20``),
    so no two names print alike (but see :func:`unambiguous` for look-alike letters)."""
    body = name.strip()
    start = len(name) - len(name.lstrip())
    head, tail = name[:start], name[start + len(body) :]
    return (
        _escaped(head)
        + "".join(
            character
            if character != "\\"
            and (character.isprintable() or character == " ")
            and unicodedata.category(character) != "Cf"
            else _escaped(character)
            for character in body
        )
        + _escaped(tail)
    )


def unambiguous(name: str) -> str:
    """:func:`printable`, followed by its ASCII spelling in brackets when it holds other
    characters, so that a Cyrillic "а" never passes for a Latin "a": "аlice [\\u0430lice]"."""
    shown = printable(name)
    if shown.isascii():
        return shown
    spelt = shown.encode("ascii", "backslashreplace").decode("ascii")
    return f"{shown} [{spelt}]"


def look_alikes(names: Iterable[str]) -> list[list[str]]:
    """Groups of names that differ only in case, in white space at either end or in
    compatibility forms (NFKC: full-width letters, ligatures), each sorted, in name order."""
    groups: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        groups.setdefault(unicodedata.normalize("NFKC", name).casefold().strip(), []).append(name)
    return [group for group in groups.values() if len(group) > 1]


def _escaped(text: str) -> str:
    return "".join(
        f"\\x{ord(c):02x}" if c in " \xa0" else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


def spreadsheet_cell(value: object) -> object:
    """``value`` as a CSV cell that a spreadsheet shows and never runs: text that starts like a
    formula gets a leading apostrophe; text longer than CELL_CHARS is cut."""
    if not isinstance(value, str):
        return value
    value = cut(value, CELL_CHARS)
    return "'" + value if value.startswith(FORMULA_START) else value


def cut(text: str, limit: int) -> str:
    """``text``, or its first ``limit`` - 1 characters and "…" when it is longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def listing(names: Iterable[str]) -> str:
    """Names for a note, in order: each printable and cut, at most LISTED[0] of them, then how
    many more there are ("nothing" for none)."""
    names = list(names)
    count, width = LISTED
    shown = ", ".join(cut(printable(name), width) for name in names[:count]) or "nothing"
    return shown + (f", and {len(names) - count} more" if len(names) > count else "")
