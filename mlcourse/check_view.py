"""A check's verdict as a small view: the verdict first, then the evidence as a table.

Jupyter shows a :class:`CheckView` as HTML (``_repr_mimebundle_``), a terminal, nbval and the
grader read its plain text (:meth:`CheckView.text`). The first line is the verdict in one
sentence (✔ or ✘ and the named mistake, or what went wrong); then the call the evidence comes
from, what came back, what was expected and where it first differs; then the rest of the
diagnosis. Every text is escaped before it becomes HTML (learner code writes some of it), code
between backticks is shown in ``<code>``, and each piece is cut to ``MAX_SHOWN`` characters.

The HTML uses only the tags and attributes nbconvert's sanitiser keeps (``div``, ``span``,
``code``; ``class``: the table is a CSS grid), so the graded feedback page shows the same view;
its look is :data:`VIEW_CSS`, which the notebook form carries in a ``<style>`` element and the
feedback page in its head. Colours are JupyterLab's theme variables (light and dark), with
fallbacks for pages without them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlcourse.feedback import Verdict

MAX_SHOWN = 2_000
"""Characters of one piece of a view (a sentence, a table cell) that are shown."""

PASS_MARK, FAIL_MARK = "✔", "✘"

VIEW_CSS = """\
.mlcourse-check { font-family: var(--jp-content-font-family, sans-serif);
  font-size: var(--jp-content-font-size1, 14px); line-height: 1.45;
  color: var(--jp-content-font-color1, #212121); max-width: 100%; overflow-wrap: anywhere;
  white-space: normal; padding: 2px 0; }
.mlcourse-check .mlcourse-verdict { font-weight: 600; margin: 0 0 4px 0; }
.mlcourse-check .mlcourse-mark-pass { color: var(--jp-success-color1, #2e7d32); }
.mlcourse-check .mlcourse-mark-fail { color: var(--jp-error-color1, #d32f2f); }
.mlcourse-check .mlcourse-evidence { display: grid;
  grid-template-columns: max-content minmax(0, 1fr); margin: 2px 0 6px 0; max-width: 100%; }
.mlcourse-check .mlcourse-evidence > span { border-top: 1px solid
  var(--jp-border-color2, #e0e0e0); padding: 2px 10px 2px 0; overflow-wrap: anywhere;
  min-width: 0; }
.mlcourse-check .mlcourse-evidence > span.mlcourse-label {
  color: var(--jp-content-font-color2, #616161); white-space: nowrap; }
.mlcourse-check code { font-family: var(--jp-code-font-family, monospace);
  font-size: 0.92em; background: var(--jp-layout-color2, #eeeeee);
  color: var(--jp-content-font-color1, #212121); padding: 0 3px; border-radius: 2px;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.mlcourse-check .mlcourse-details { margin: 0; }
"""
"""The view's look, by class: JupyterLab's theme variables, with fallbacks for a plain page."""


@dataclass(frozen=True)
class CheckView:
    """What one check says, as a view: a verdict sentence, evidence rows, the rest in words.

    Attributes
    ----------
    passed : bool
        Whether the check passed (✔) or not (✘).
    verdict : str
        One sentence: what is right, the named mistake, or what went wrong.
    rows : tuple of (str, str)
        The evidence, (label, text): the call's inputs, what came back, what was expected,
        where it first differs. Empty rows are left out.
    details : str
        The rest of the diagnosis (the advice), "" if none.
    """

    passed: bool
    verdict: str
    rows: tuple[tuple[str, str], ...] = ()
    details: str = ""

    @classmethod
    def of(cls, verdict: Verdict, name: str) -> CheckView:
        """The view of a check's :class:`mlcourse.feedback.Verdict` on the function ``name``."""
        message = verdict.message
        if verdict.passed:
            first, rest = first_sentence(message)
            return cls(True, first, (), rest)
        said = " ".join((without_call(message, name) if verdict.inputs else message).split())
        if verdict.kind == "mistake" and verdict.advice:
            # The named mistake first; then the rest of its explanation, then the facts.
            headline, rest = first_sentence(verdict.advice)
            facts = said.replace(" ".join(verdict.advice.split()), "", 1).strip()
            details = f"{rest} {facts}".strip()
        else:
            headline, details = first_sentence(said)
        rows = (
            ("called with", ", ".join(f"`{p}` = {value}" for p, value in verdict.inputs)),
            ("returned", verdict.returned if verdict.kind not in NOT_RETURNED else ""),
            ("expected", verdict.expected),
            ("first differs", verdict.difference),
        )
        return cls(False, headline, tuple(row for row in rows if row[1]), details)

    @classmethod
    def said(cls, passed: bool, message: str) -> CheckView:
        """A view of a message alone, without evidence (the grader's own words: hidden tests,
        an answer that earns nothing for a reason of its own)."""
        first, rest = first_sentence(message)
        return cls(passed, first, (), rest)

    @property
    def mark(self) -> str:
        return PASS_MARK if self.passed else FAIL_MARK

    def text(self) -> str:
        """The plain form: the verdict line, each evidence row, the details."""
        lines = [f"{self.mark} {shown(self.verdict)}"]
        lines += [f"  {label}: {shown(value)}" for label, value in self.rows]
        if self.details:
            lines.append(f"  {shown(self.details)}")
        return "\n".join(lines)

    def html(self, styled: bool = True) -> str:
        """The HTML form (``styled``: with :data:`VIEW_CSS` in a ``<style>`` element, for a
        notebook; without it for a page that carries the CSS itself)."""
        kind = "pass" if self.passed else "fail"
        parts = [f'<div class="mlcourse-check mlcourse-check-{kind}">']
        if styled:
            parts.insert(0, f"<style>{VIEW_CSS}</style>")
        parts.append(
            f'<div class="mlcourse-verdict"><span class="mlcourse-mark-{kind}">{self.mark}'
            f"</span> {rich(self.verdict)}</div>"
        )
        if self.rows:  # a grid of spans: the sanitiser would show a table's <tbody> as text
            parts.append('<div class="mlcourse-evidence">')
            parts += [
                f'<span class="mlcourse-label">{html.escape(label)}</span>'
                f"<span>{rich(value)}</span>"
                for label, value in self.rows
            ]
            parts.append("</div>")
        if self.details:
            parts.append(f'<div class="mlcourse-details">{rich(self.details)}</div>')
        parts.append("</div>")
        return "".join(parts)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/plain": self.text(), "text/html": self.html()}

    def __str__(self) -> str:
        return self.text()


NOT_RETURNED = ("raised", "timeout", "died", "borrowed", "not_callable", "not_run")
"""Verdicts whose "returned" is what the call did instead, which the verdict sentence says."""

TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.!?](?=\s+[^\s\d])")
"""A full stop (not that of "e.g." or "i.e.") before a word: lessons' rules may start in lower
case ("dE/dw1 = …")."""


def first_sentence(text: str) -> tuple[str, str]:
    """(the first sentence of ``text``, the rest); a full stop inside backticks (code, an
    exception's message) does not end a sentence."""
    text = " ".join(text.split())
    inside_code = False
    for position, character in enumerate(text):
        if character == "`":
            inside_code = not inside_code
        elif not inside_code and SENTENCE_END.match(text, position):
            return text[: position + 1], text[position + 1 :].strip()
    return text, ""


def without_call(message: str, name: str) -> str:
    """A verdict's message without its opening "For <the call's arguments>, " (the view shows
    the call in its table): from the function's name on."""
    if not message.startswith("For "):
        return message
    start = message.find(f", `{name}` ")
    return message[start + 2 :] if start > 0 else message


def shown(text: str) -> str:
    """``text`` fit to show: control characters (terminal colours, a bell) and format
    characters (direction overrides) dropped, at most ``MAX_SHOWN`` characters."""
    text = TERMINAL_ESCAPE.sub("", text[: 2 * MAX_SHOWN])
    kept = "".join(
        character
        if unicodedata.category(character) not in ("Cc", "Cf", "Cs", "Co")
        else (" " if character in "\n\t\r" else "")
        for character in text
    )
    return kept if len(kept) <= MAX_SHOWN else kept[: MAX_SHOWN - 1] + "…"


def rich(text: str) -> str:
    """``text`` as HTML: escaped, and code between backticks in ``<code>``."""
    pieces = shown(text).split("`")
    if len(pieces) % 2 == 0:  # an unmatched backtick is shown as it is
        pieces[-2:] = [pieces[-2] + "`" + pieces[-1]]
    return "".join(
        f"<code>{html.escape(piece)}</code>" if odd else html.escape(piece)
        for odd, piece in ((i % 2 == 1, p) for i, p in enumerate(pieces))
    )
