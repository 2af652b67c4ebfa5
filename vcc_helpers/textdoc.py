"""Reports as documents: headings, short lists, a collapsed long tail.

A :class:`Report` shows as structured HTML in a notebook or the built book
(``_repr_html_``: headings, lists of at most a few items per group, the rest
in a collapsed ``<details>`` "all N"), as Markdown where that is preferred,
and as plain text for the command line (``str``).  Every piece of text from a
case is escaped in the HTML.  Nothing here knows about lenses: the lenses and
:mod:`vcc_helpers.describe` build reports from their own findings.

Examples
--------
>>> r = Report("Residue", [Section("What is lost", groups=[Group("levers", ["a <b>", "c"])])])
>>> print(str(r))
Residue
=======
<BLANKLINE>
What is lost
levers:
- a <b>
- c
<BLANKLINE>
>>> "a &lt;b&gt;" in r._repr_html_()
True
>>> plural(1, "episode"), plural(2, "episode"), plural(3, "body", "bodies")
('1 episode', '2 episodes', '3 bodies')
>>> of_total(37, 37, "relation"), of_total(3, 37, "relation")
('all 37 relations', '3 of the 37 relations')
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

__all__ = ["Report", "Section", "Group", "plural", "of_total"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


_CSS = ("<style>.vcc-report h3,.vcc-report h4{color:inherit;margin:.8em 0 .3em 0}"
        ".vcc-report h3{font-size:1.2em}.vcc-report h4{font-size:1.05em}</style>")
"""Report headings take the text colour of the output around them (light and dark themes)."""


def plural(n: int, word: str, many: str | None = None) -> str:
    """``'1 episode'``, ``'2 episodes'``: never "episode(s)"."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def of_total(n: int, total: int, word: str, many: str | None = None) -> str:
    """``'3 of the 37 relations'``, but ``'all 37 relations'``, ``'the one relation'``,
    ``'none of the 4 ...'``."""
    noun = word if total == 1 else (many or word + "s")
    if total == 1 and n == 1:
        return f"the one {word}"
    if n == total:
        return f"all {total} {noun}" if total != 2 else f"both {noun}"
    if n == 0:
        return f"none of the {total} {noun}"
    return f"{n} of the {total} {noun}"


def _e(text: object) -> str:
    return html.escape(_CONTROL.sub(" ", str(text)), quote=True)


@dataclass
class Group:
    """Items under an optional sub-heading; past *limit* the rest is folded away."""

    heading: str
    items: list[str]
    limit: int | None = None
    title: str = ""
    """What a reader sees as the group's heading (default: *heading*)."""


@dataclass
class Section:
    heading: str
    intro: str = ""
    groups: list[Group] = field(default_factory=list)
    empty: str = "Nothing here."


@dataclass
class Report:
    """A titled document of sections (see the module notes)."""

    title: str
    sections: list[Section]
    subtitle: str = ""
    note: str = ""
    limit: int | None = 3
    """Items shown per group in HTML before the rest folds into "all N"."""
    html_subtitle: str | None = None
    """The subtitle as the page shows it (default: *subtitle*)."""

    # ---- plain text, as the command line prints it --------------------------------
    def text(self, limit: int | None = None, *, group_headings: bool = False,
             more=None) -> str:
        lines = [self.title, "=" * len(self.title), ""]
        if self.subtitle:
            lines += [self.subtitle, ""]
        for s in self.sections:
            lines.append(s.heading)
            if s.intro:
                lines.append(s.intro)
            for g in s.groups:
                if group_headings and (g.title or g.heading):
                    lines.append(f"{g.title or g.heading}:")
                cap = g.limit if g.limit is not None else limit
                shown = g.items if cap is None else g.items[:cap]
                lines += [f"- {t}" for t in shown]
                if len(shown) < len(g.items):
                    rest = len(g.items) - len(shown)
                    lines.append(more(rest, g) if more else f"- and {plural(rest, 'more item')}")
            lines.append("")
        if self.note:
            lines.append(self.note)
        return "\n".join(lines) + ("\n" if self.note else "")

    def __str__(self) -> str:
        return self.text(None, group_headings=True)

    # ---- HTML, as the book shows it ----------------------------------------------
    def _repr_html_(self) -> str:
        out = [_CSS, '<div class="vcc-report">', f"<h3>{_e(self.title)}</h3>"]
        sub = self.subtitle if self.html_subtitle is None else self.html_subtitle
        if sub:
            out.append(f"<p>{_e(sub)}</p>")
        for s in self.sections:
            n = sum(len(g.items) for g in s.groups)
            out.append(f"<h4>{_e(s.heading.rstrip(':'))} ({plural(n, 'item')})</h4>")
            if s.intro:
                out.append(f"<p>{_e(s.intro)}</p>")
            if not n:
                out.append(f"<p><em>{_e(s.empty)}</em></p>")
            for g in s.groups:
                if not g.items:
                    continue
                if (g.title or g.heading) and len(s.groups) > 1:
                    out.append(f"<p><strong>{_e(g.title or g.heading)}</strong> "
                               f"({len(g.items)})</p>")
                cap = self.limit if g.limit is None else g.limit
                shown = g.items if cap is None or len(g.items) <= cap + 1 else g.items[:cap]
                out.append("<ul>" + "".join(f"<li>{_e(t)}</li>" for t in shown) + "</ul>")
                rest = g.items[len(shown):]
                if rest:
                    out.append(f"<details><summary>All {len(g.items)} ({len(rest)} more)"
                               "</summary><ul>" + "".join(f"<li>{_e(t)}</li>" for t in rest)
                               + "</ul></details>")
        if self.note:
            out.append(f"<p><em>{_e(self.note)}</em></p>")
        out.append("</div>")
        return "".join(out)

    def _repr_markdown_(self) -> str:
        def md(t: str) -> str:
            return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", _CONTROL.sub(" ", str(t)))
        out = [f"### {md(self.title)}", ""]
        if self.subtitle:
            out += [md(self.subtitle), ""]
        for s in self.sections:
            out += [f"#### {md(s.heading)}", ""]
            if s.intro:
                out += [md(s.intro), ""]
            for g in s.groups:
                if (g.title or g.heading) and g.items:
                    out += [f"**{md(g.title or g.heading)}** ({len(g.items)})", ""]
                out += [f"- {md(t)}" for t in g.items] + [""]
        if self.note:
            out.append(f"*{md(self.note)}*")
        return "\n".join(out)
