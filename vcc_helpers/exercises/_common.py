"""Shared pieces of the exercise modules: feedback, small tables, computed prose.

Everything here is display-only: the objects carry plain data and know how to
show themselves in a notebook (``_repr_html_``) and as plain text (``str``).
Labels typed by readers are text, never markup, so every value is escaped.

Examples
--------
>>> f = Feedback(False, "Not yet: two components are missing.")
>>> bool(f)
False
>>> print(f)
Not yet: two components are missing.
>>> t = Table(("Kind", "Count"), [("thing", "2")])
>>> print(t)
Kind  | Count
------+------
thing | 2
>>> '<th scope="col"' in t._repr_html_()
True
>>> sorted(as_id_set("r1, r2  r3"))
['r1', 'r2', 'r3']
"""
from __future__ import annotations

import hashlib
import html
import importlib
import re
from dataclasses import dataclass
from typing import Any
from collections.abc import Iterable, Sequence

__all__ = ["Feedback", "Table", "Prose", "as_id_set", "listing", "key_digest", "model_answer"]


_CELL_STYLE = "text-align:left;vertical-align:top;padding:0.3em 0.8em 0.3em 0"
_FEEDBACK_STYLE = "border-left:4px solid currentColor;padding:0.4em 0.8em;margin:0.5em 0"


@dataclass(frozen=True)
class Feedback:
    """The answer to a check: whether it is right, and a message for the reader.

    ``hints`` are shown as a short list under the message.  ``bool(feedback)``
    is ``correct``, so tests can write ``assert check(answer)``.
    """

    correct: bool
    message: str
    hints: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        lines = [self.message]
        lines += [f"  - {h}" for h in self.hints]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        status = "vcc-feedback-right" if self.correct else "vcc-feedback-not-yet"
        hints = ""
        if self.hints:
            items = "".join(f"<li>{html.escape(h)}</li>" for h in self.hints)
            hints = f"<ul>{items}</ul>"
        return (f'<div class="vcc-feedback {status}" role="status" style="{_FEEDBACK_STYLE}">'
                f'<p style="margin:0">{html.escape(self.message)}</p>{hints}</div>')


class Table:
    """A small table that shows as an HTML table in a notebook and as text elsewhere.

    Parameters
    ----------
    header : sequence of str
        Column headings.
    rows : iterable of sequences
        The cells; each is turned into text with ``str``.
    caption : str, optional
        A caption shown above the table.
    empty : str, optional
        What to show instead of a table with no rows (a sentence saying what the
        case does not record); without it an empty table shows its header only.
    """

    def __init__(self, header: Sequence[str], rows: Iterable[Sequence[object]],
                 caption: str = "", empty: str = "") -> None:
        self.header = tuple(str(h) for h in header)
        self.rows = tuple(tuple("" if c is None else str(c) for c in row) for row in rows)
        self.caption = caption
        self.empty = empty

    def __len__(self) -> int:
        return len(self.rows)

    def __str__(self) -> str:
        if not self.rows and self.empty:
            return f"{self.caption}: {self.empty}" if self.caption else self.empty
        widths = [len(h) for h in self.header]
        for row in self.rows:
            for i, cell in enumerate(row):
                widths[i] = max(widths[i], len(cell))

        def line(cells: Sequence[str]) -> str:
            # a short row has fewer cells than there are columns
            return " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()

        out = [self.caption] if self.caption else []
        out.append(line(self.header))
        out.append("-+-".join("-" * w for w in widths))
        out += [line(r) for r in self.rows]
        return "\n".join(out)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        e = html.escape
        if not self.rows and self.empty:
            lead = f"<strong>{e(self.caption)}:</strong> " if self.caption else ""
            return f'<div class="vcc-prose vcc-empty"><p>{lead}{e(self.empty)}</p></div>'
        cap = (f'<caption style="caption-side:top;text-align:left;font-weight:bold">'
               f"{e(self.caption)}</caption>") if self.caption else ""
        # ids never break at their hyphens; a table wider than the page scrolls (and the
        # scrolling region can take the keyboard focus) instead of being clipped
        styles = [_CELL_STYLE + (";white-space:nowrap" if h.lower() in ("id", "relation") else "")
                  for h in self.header]
        head = "".join(f'<th scope="col" style="{st}">{e(h)}</th>'
                       for h, st in zip(self.header, styles, strict=True))
        body = "".join("<tr>" + "".join(f'<td style="{st}">{e(c)}</td>'
                                        for c, st in zip(row, styles, strict=False))
                       + "</tr>" for row in self.rows)
        # a captioned table is a landmark named by its caption; one without a caption is a
        # group named by its columns (a page of regions all called "Table" fails axe-core's
        # landmark-unique)
        role = "region" if self.caption else "group"
        label = e(self.caption or "Table: " + ", ".join(self.header), quote=True)
        return (f'<div class="vcc-table-wrap" style="overflow-x:auto" tabindex="0" role="{role}" '
                f'aria-label="{label}">'
                f'<table class="vcc-table table" style="border-collapse:collapse">{cap}'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


class Prose:
    """A computed sentence or two: facts about a case that the text must not type by hand.

    ``strong`` parts are given as ``**...**`` in the text and shown in bold; code the
    package writes itself (never a case's text) is wrapped in :data:`CODE` and shown as
    ``<code>``; every other character is escaped.
    """

    CODE = "\x1e"
    """Marks the start and end of a code span that the package itself wrote (a control
    character, which no case file's text can hold)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text.replace("**", "").replace(self.CODE, "`")

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        parts = self.text.split("**")
        out = []
        for i, part in enumerate(parts):
            part = html.escape(part)
            code = part.split(self.CODE)
            part = "".join(f"<code>{c}</code>" if j % 2 else c for j, c in enumerate(code))
            out.append(f"<strong>{part}</strong>" if i % 2 else part)
        paragraphs = "".join(f"<p>{p}</p>" for p in "".join(out).split("\n\n"))
        return f'<div class="vcc-prose">{paragraphs}</div>'


def as_id_set(answer: object) -> frozenset[str] | None:
    """Read a reader's answer as a set of ids (or letters), or ``None`` if it cannot be read.

    Accepts a set, list or tuple of strings, or one string with the items
    separated by commas, semicolons or spaces.  Items are stripped; case is kept
    as written except that surrounding quotes are removed.

    Examples
    --------
    >>> sorted(as_id_set(["r2", " r1 "]))
    ['r1', 'r2']
    >>> as_id_set(42) is None
    True
    >>> as_id_set("") == frozenset()
    True
    """
    if answer is None:
        return None
    if isinstance(answer, str):
        items = re.split(r"[,;\s]+", answer)
    elif isinstance(answer, (set, frozenset, list, tuple)):
        items = []
        for a in answer:
            if not isinstance(a, str):
                return None
            items.append(a)
    else:
        return None
    return frozenset(i.strip().strip("'\"") for i in items if i.strip().strip("'\""))


def counted(n: int, one: str, many: str | None = None) -> str:
    """A count with its noun: ``counted(1, "episode") == "1 episode"``, else the plural.

    Examples
    --------
    >>> counted(2, "episode"), counted(1, "body", "bodies"), counted(3, "body", "bodies")
    ('2 episodes', '1 body', '3 bodies')
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"


def listing(words: Iterable[str], empty: str = "none") -> str:
    """Join words as an English list: ``a``, ``a and b``, ``a, b and c``.

    Examples
    --------
    >>> listing(["a", "b", "c"])
    'a, b and c'
    >>> listing([])
    'none'
    """
    words = list(words)
    if not words:
        return empty
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


# --------------------------------------------------------------------------------------
# Answer keys without the answers
# --------------------------------------------------------------------------------------

def key_digest(exercise: str, item: object, value: object) -> str:
    """A short digest of one item of an answer key: what a check compares, not the answer.

    Checks of fixed-key exercises keep ``{item: key_digest(exercise, item, right value)}``
    and compare the digest of the reader's value for each item, so a check can say
    which of the reader's items are right without the module holding the right
    values as text (the model answers live in :mod:`vcc_helpers.exercises.answers`,
    which the student edition does not ship).

    Examples
    --------
    >>> (key_digest("ch4-ex3", "agencement", "delanda")
    ...  == key_digest("ch4-ex3", "agencement", "delanda"))
    True
    >>> len(key_digest("ch1-ex1", "A", True))
    16
    """
    text = f"vcc-key\x1f{exercise}\x1f{item}\x1f{value}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


NO_ANSWERS = ("{name} is a model answer, and the model answers are not part of this edition "
              "of the book (they live in vcc_helpers.exercises.answers, which the student "
              "edition leaves out). The checks still work: run the check on your own answer, "
              "and compare your reasoning with your instructor's key.")


def model_answer(chapter: str, name: str) -> Any:
    """The model answer *name* of *chapter* (``"ch07"``), from :mod:`vcc_helpers.exercises.answers`.

    Each chapter module forwards the names of its model answers here (a module
    ``__getattr__``), so ``ch07.FIXED_CASE`` keeps working where the answers are
    installed, and says plainly why it is missing where they are not.

    Raises
    ------
    AttributeError
        When the answers package is absent (the student edition) or has no such name.

    Examples
    --------
    >>> model_answer("ch04", "LINEAGE_ANSWER")["agencement"]
    'deleuze-guattari'
    """
    try:
        module = importlib.import_module(f"vcc_helpers.exercises.answers.{chapter}")
    except ModuleNotFoundError:
        raise AttributeError(NO_ANSWERS.format(name=f"{chapter}.{name}")) from None
    try:
        return getattr(module, name)
    except AttributeError:
        raise AttributeError(f"module 'vcc_helpers.exercises.{chapter}' has no attribute "
                             f"{name!r}") from None


def reasons(chapter: str, name: str) -> dict:
    """The reasons of a key (why each item is right), where the model answers are installed;
    empty in the student edition, whose checks then say "think again" without them."""
    try:
        return model_answer(chapter, name)
    except AttributeError:
        return {}
