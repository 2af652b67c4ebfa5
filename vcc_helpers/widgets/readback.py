"""The case builder's "Read it back" panel: the prompts of :mod:`vcc_helpers.feedback`.

A thin shell: :func:`readback_html` turns prompts into escaped HTML (at most
:data:`SHOWN` on screen, the rest in a folded ``<details>``), and
:class:`ReadBack` is the ipywidgets HTML view the builder refreshes whenever its
case changes.

Examples
--------
>>> from vcc_helpers.model import Case, Component
>>> html = readback_html(feedback(Case("t", "T", components=(Component("a", "<b>A</b>"),))))
>>> "&lt;b&gt;A&lt;/b&gt;" in html and "<b>A</b>" not in html
True
"""
from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from vcc_helpers.feedback import Prompt, feedback
from vcc_helpers.model import Case
from vcc_helpers.widgets._common import CSS, MESSAGE_COLOURS, esc

__all__ = ["SHOWN", "readback_html", "ReadBack"]

SHOWN = 12
"""Prompts shown before the rest are folded away."""

TITLE = "Read it back"
INTRO = ("Prompts, not grades: questions a careful reader might ask of your case, the most "
         "important first, each with the section of the book that explains it.")


def _item(p: Prompt) -> str:
    kind = "hint" if p.severity == "hint" else "err" if p.severity == "error" else "hint"
    fg, _bg = MESSAGE_COLOURS[kind]
    word = {"warning": "Check", "hint": "Ask", "error": "Problem"}.get(p.severity, "Ask")
    where = f"<code>{esc(p.field)}</code>: " if p.field else ""
    see = f" <small>(see {esc(p.section)})</small>" if p.section else ""
    return (f'<li data-code="{esc(p.code)}"><strong style="color:{fg}">{esc(word)}</strong> '
            f"{where}{esc(p.message)}{see}</li>")


def readback_html(prompts: Sequence[Prompt], limit: int = SHOWN) -> str:
    """The prompts as one escaped HTML panel: the first *limit* listed, the rest folded.

    >>> "Nothing to ask" in readback_html([])
    True
    """
    head = (f'{CSS}<div class="vcc-w vcc-readback" role="region" aria-label="{TITLE}">'
            f"<p><strong>{TITLE}</strong> <small>{esc(INTRO)}</small></p>")
    if not prompts:
        return head + ("<p>Nothing to ask: the checks found no gap. Read chapter 7's "
                       "questions once more all the same.</p></div>")
    first, rest = list(prompts[:limit]), list(prompts[limit:])
    body = "<ol>" + "".join(_item(p) for p in first) + "</ol>"
    if rest:
        body += (f"<details><summary>and {len(rest)} more</summary>"
                 f'<ol start="{len(first) + 1}">' + "".join(_item(p) for p in rest)
                 + "</ol></details>")
    return head + body + "</div>"


class ReadBack(widgets.HTML):
    """The panel: ``refresh(case)`` reads the case back (a failure shows as a message)."""

    def __init__(self, case: Case | None = None, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.prompts: list[Prompt] = []
        if case is not None:
            self.refresh(case)

    def refresh(self, case: Case, notes=None) -> None:
        try:
            self.prompts = feedback(case, notes, filename="<builder>")
            self.value = readback_html(self.prompts)
        except Exception as err:  # noqa: BLE001 - the panel never breaks the builder
            self.prompts = []
            self.value = (f'<div class="vcc-w"><p>{TITLE}: the case could not be read back '
                          f"({esc(type(err).__name__)}: {esc(err)}). Your case is safe.</p></div>")
