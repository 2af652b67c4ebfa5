"""How the chapter pages show what the package computes: tables, prose, listings, Markdown.

Each object carries plain data and shows itself in a notebook (``_repr_html_`` or
``_repr_markdown_``) and as plain text (``str``). Labels typed by readers are text,
never markup, so every value is escaped.

Examples
--------
>>> t = Table(("Kind", "Count"), [("thing", "2")])
>>> print(t)
Kind  | Count
------+------
thing | 2
>>> '<th scope="col"' in t._repr_html_()
True
>>> print(Prose("**Two** components."))
Two components.
>>> Listing("a < b")._repr_html_().endswith("a &lt; b</pre>")
True
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

__all__ = ["Table", "Prose", "Listing", "MarkdownText"]

_CELL_STYLE = "text-align:left;vertical-align:top;padding:0.3em 0.8em 0.3em 0"


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


class Listing:
    """Preformatted text that shows as ``<pre>`` in a notebook and as itself elsewhere."""

    def __init__(self, text: str, css: str = "vcc-listing") -> None:
        self.text = text
        self.css = css

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return (f'<pre class="{self.css}" style="white-space:pre-wrap;overflow-wrap:anywhere">'
                f"{html.escape(self.text)}</pre>")


class MarkdownText:
    """Markdown that a notebook shows rendered (``_repr_markdown_``) and prints as itself.

    Examples
    --------
    >>> m = MarkdownText("**Bold** text")
    >>> m._repr_markdown_()
    '**Bold** text'
    >>> print(m)
    **Bold** text
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return self.text
