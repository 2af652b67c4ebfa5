"""Shared pieces of the exercise modules: feedback, reading answers, answer keys.

A check returns a :class:`Feedback`, which shows itself in a notebook
(``_repr_html_``, every value escaped) and as plain text (``str``). The tables and
prose a chapter page shows live in :mod:`vcc_helpers.exercises.pages`; ``Table`` and
``Prose`` are re-exported here for the modules that import them from here.

Examples
--------
>>> f = Feedback(False, "Not yet: two components are missing.")
>>> bool(f)
False
>>> print(f)
Not yet: two components are missing.
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

from collections.abc import Iterable

from .pages.display import Prose, Table  # re-exported: calls.py and tests import them here

__all__ = ["Feedback", "Table", "Prose", "as_id_set", "listing", "key_digest", "model_answer",
           "page_helper"]


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


def page_helper(chapter: str, name: str) -> Any:
    """The page helper *name* of *chapter* (``"ch06"``), from :mod:`vcc_helpers.exercises.pages`.

    Each chapter module forwards the names its page shows (tables, prose, file
    helpers) here from its module ``__getattr__``, so ``ch06.case_facts`` keeps
    working while the code lives in ``pages/ch06.py``. The pages module is imported
    when a name is first asked for, not when the chapter module is: a pages module
    imports the data of its chapter module, never the other way round at import.

    Examples
    --------
    >>> page_helper("ch03", "residue_table").__module__
    'vcc_helpers.exercises.pages.ch03'
    """
    return getattr(importlib.import_module(f"vcc_helpers.exercises.pages.{chapter}"), name)
