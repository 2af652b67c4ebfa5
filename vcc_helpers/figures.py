"""Figures of a case: the sphere diagram, the assemblage map, the episode strip.

Each drawing function returns a :class:`Drawn`: a matplotlib
:class:`~matplotlib.figure.Figure` (made directly, never through pyplot, so a
notebook does not show it twice) together with its alt text, caption and long
description from :mod:`vcc_helpers.describe`.  In a notebook or the built book a
:class:`Drawn` shows as an HTML ``<figure>`` holding the SVG with real alt text,
a caption and a text description.

Drawings are deterministic: the same case gives byte-identical SVG (fixed
layout, no randomness, a fixed ``svg.hashsalt``, no date in the metadata).
Text stays text in the SVG (``svg.fonttype: none``), and labels are never read
as mathtext or markup.  Colours come from the Okabe-Ito palette and never carry
meaning alone: marker shapes repeat kinds, line styles repeat modes and
directions, and text marks (P/J/U, T/D/R) repeat spheres and tendencies.

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> d = draw(tiny_case(), "service")
>>> d.svg() == draw(tiny_case(), "service").svg()
True
>>> d.alt == d.alt[:250]
True
"""
from __future__ import annotations

import base64
import html
import io
import math
import re
import textwrap

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Rectangle

from vcc_helpers import describe as ds
from vcc_helpers.lenses import assemblage as al
from vcc_helpers.lenses import service as sl
from vcc_helpers.model import SPHERES, SUGGESTED_KINDS, Case

# --------------------------------------------------------------------------------------
# Style
# --------------------------------------------------------------------------------------

OKABE_ITO: dict[str, str] = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
}
"""The Okabe-Ito colour-blind-safe palette."""

SPHERE_STYLE: dict[str, tuple[str, str, str]] = {
    # sphere: (colour, mark, background)
    "provider": (OKABE_ITO["blue"], "P", "#E5F0F7"),
    "joint": (OKABE_ITO["green"], "J", "#E0F3EE"),
    "user": (OKABE_ITO["orange"], "U", "#FBF0D9"),
}
"""Colour, text mark and column background of each sphere."""

MODE_STYLE: dict[str, str] = {"direct": "-", "indirect": "--"}
"""Line style of each interaction mode."""

DIRECTION_STYLE: dict[str, str] = {"enhances": "-", "diminishes": "--", "unclear": ":"}
"""Line style of each affect direction."""

TENDENCY_COLOUR: dict[str, str] = {
    "territorialising": OKABE_ITO["blue"], "deterritorialising": OKABE_ITO["vermillion"],
    "reterritorialising": OKABE_ITO["purple"], "ambivalent": OKABE_ITO["orange"],
    "unclear": OKABE_ITO["black"],
}
"""Colour of each tendency (repeated by the marks in :data:`~vcc_helpers.describe.TENDENCY_MARKS`)."""

KIND_MARKER: dict[str, str] = {
    "person": "o", "collective": "H", "organisation": "s", "thing": "^", "place": "p",
    "document": "D", "rule": "v", "category": "*", "technology": "P", "money": "d",
    "time": "<", "animal": ">", "atmosphere": "8", "other": "X",
}
"""Marker shape of each suggested kind (a component's first suggested kind)."""

FAINT = "#AAAAAA"
NODE_FACE = "#FFFFFF"
WIDTH_IN = 8.0
"""Figure width in inches: 800 px at 100 dpi, a page width."""

RC = {
    "svg.hashsalt": "vcc-helpers",
    "svg.fonttype": "none",
    "text.usetex": False,
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "path.simplify": True,
}
"""rcParams used while drawing and saving, for deterministic, small, text-as-text output."""

SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
PNG_METADATA = {"Software": None}


def _t(text: object, width: int = 18, lines: int = 2) -> str:
    """A label as safe, wrapped, truncated plain text."""
    words = " ".join(str(text).split())
    if not words:
        return ""
    wrapped = textwrap.wrap(words, width=width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        last = wrapped[-1]
        wrapped[-1] = (last[: width - 1].rstrip() if len(last) >= width else last) + "…"
    return "\n".join(wrapped)


def _clip(text: object, n: int) -> str:
    words = " ".join(str(text).split())
    return words if len(words) <= n else words[: n - 1].rstrip() + "…"


def _stop(text: str) -> str:
    """End a sentence with a full stop unless it already ends with punctuation."""
    return text if text[-1:] in ".!?…" else text + "."


def _text(ax, x, y, s, **kw):
    """ax.text with mathtext off, always."""
    return ax.text(x, y, s, parse_math=False, **kw)


def _canvas(height: float) -> tuple[Figure, object]:
    """A figure WIDTH_IN x height inches with one axes whose data units are inches."""
    fig = Figure(figsize=(WIDTH_IN, height), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH_IN)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    return fig, ax


def _arrow(ax, p, q, *, colour, style, rad=0.15, width=1.4, alpha=1.0, head=True, z=2):
    arrow = FancyArrowPatch(
        p, q, arrowstyle="-|>" if head else "-", mutation_scale=11 if head else 1,
        connectionstyle=f"arc3,rad={rad}", color=colour, linestyle=style, linewidth=width,
        shrinkA=9, shrinkB=9, alpha=alpha, zorder=z)
    ax.add_patch(arrow)
    return arrow


def _curve_mid(p, q, rad):
    """The midpoint of matplotlib's arc3 curve from p to q (equal axis scaling)."""
    (x1, y1), (x2, y2) = p, q
    dx, dy = x2 - x1, y2 - y1
    return (x1 + x2) / 2 + 0.5 * rad * dy, (y1 + y2) / 2 - 0.5 * rad * dx


def _edge_label(ax, xy, s, colour, alpha=1.0, size=7):
    _text(ax, xy[0], xy[1], s, fontsize=size, color=colour, ha="center", va="center",
          alpha=alpha, zorder=4,
          bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85 * alpha))


def _node(ax, xy, kind, colour="black", alpha=1.0, size=9):
    ax.plot([xy[0]], [xy[1]], marker=KIND_MARKER.get(kind, "X"), markersize=size,
            markerfacecolor=NODE_FACE, markeredgecolor=colour, markeredgewidth=1.5,
            linestyle="none", alpha=alpha, zorder=3)


def _title(ax, height, title, sub):
    _text(ax, 0.15, height - 0.12, _t(title, 70, 2), fontsize=12, fontweight="bold",
          va="top", ha="left")
    _text(ax, 0.15, height - (0.62 if len(title) > 70 else 0.42), sub, fontsize=8.5,
          va="top", ha="left", color="#333333")


def _kind_legend(case: Case) -> list:
    present = {ds.primary_kind(c) for c in case.components}
    return [Line2D([], [], marker=KIND_MARKER[k], linestyle="none", markerfacecolor=NODE_FACE,
                   markeredgecolor="black", markersize=7, label=k)
            for k in SUGGESTED_KINDS if k in present]


def _legend(ax, handles, y, ncol=4, title=None):
    if not handles:
        return
    leg = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.15, y),
                    bbox_transform=ax.transData, ncol=ncol, fontsize=7.5, frameon=False,
                    handlelength=2.6, columnspacing=1.2, title=title, title_fontsize=8,
                    alignment="left")
    leg.set_zorder(5)


def _key_lines(items: list[str], width_chars: int = 52) -> list[str]:
    return [_clip(s, width_chars) for s in items]


def _draw_key(ax, y_top, items, ncol=2, size=7.2, line_h=0.17):
    """Text items in columns from y_top downwards; returns the height used."""
    if not items:
        return 0.0
    rows = math.ceil(len(items) / ncol)
    col_w = (WIDTH_IN - 0.3) / ncol
    for i, s in enumerate(items):
        col, row = divmod(i, rows)
        _text(ax, 0.15 + col * col_w, y_top - row * line_h, s, fontsize=size, va="top",
              ha="left", color="#222222")
    return rows * line_h


# --------------------------------------------------------------------------------------
# Drawn
# --------------------------------------------------------------------------------------

_GEOMETRY_ATTR = re.compile(rb'( (?:d|x|y|transform|points)=")([^"]*)(")')
_DECIMAL = re.compile(rb"-?\d+\.\d{3,}")


def _round(m: re.Match) -> bytes:
    text = b"%.2f" % float(m.group(0))
    text = text.rstrip(b"0").rstrip(b".")
    return b"0" if text in (b"-0", b"") else text


_TAG = re.compile(rb"<[^<>]*>")


def _compact_tag(m: re.Match) -> bytes:
    return _GEOMETRY_ATTR.sub(
        lambda a: a.group(1) + _DECIMAL.sub(_round, a.group(2)) + a.group(3), m.group(0))


def _compact_svg(svg: bytes) -> bytes:
    """Round coordinates in geometry attributes to 0.01 px.

    Only inside tags: text content (where labels live, with ``<`` and ``>``
    escaped) is never touched.
    """
    return _TAG.sub(_compact_tag, svg)



class Drawn:
    """A figure with its alt text, caption and long description.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    alt : str
        Alt text (at most 250 characters).
    caption : str
    long_description : str
        Names every component and relation the figure shows.

    Notes
    -----
    In Jupyter (and in the built book) a Drawn shows through
    :meth:`_repr_html_` only: an ``<img>`` of the SVG with the alt text, a
    caption and the long description in a ``<details>`` element.  No PNG is put
    in the output, so the figure is not shown twice.
    """

    def __init__(self, figure: Figure, alt: str, caption: str, long_description: str) -> None:
        self.figure = figure
        self.alt = alt
        self.caption = caption
        self.long_description = long_description

    def __repr__(self) -> str:
        return f"Drawn(alt={self.alt!r})"

    def svg(self) -> bytes:
        """The figure as deterministic SVG bytes (text kept as text, no date).

        Examples
        --------
        >>> from vcc_helpers.lenses.examples import tiny_case
        >>> assemblage_map(tiny_case()).svg()[:5]
        b'<?xml'
        """
        buf = io.BytesIO()
        with mpl.rc_context(RC):
            self.figure.savefig(buf, format="svg", metadata=SVG_METADATA)
        return _compact_svg(buf.getvalue())

    def png(self, dpi: int = 100) -> bytes:
        """The figure as PNG bytes (800 px wide at the default *dpi*).

        Examples
        --------
        >>> from vcc_helpers.lenses.examples import tiny_case
        >>> sphere_diagram(tiny_case()).png()[:4]
        b'\\x89PNG'
        """
        buf = io.BytesIO()
        with mpl.rc_context(RC):
            self.figure.savefig(buf, format="png", dpi=dpi, metadata=PNG_METADATA)
        return buf.getvalue()

    def description_html(self) -> str:
        """The long description as escaped HTML: paragraphs and lists."""
        out: list[str] = []
        items: list[str] = []

        def flush() -> None:
            if items:
                out.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
                items.clear()

        for line in self.long_description.splitlines():
            if line.startswith("- "):
                items.append(html.escape(line[2:], quote=True))
            else:
                flush()
                if line.strip():
                    out.append(f"<p>{html.escape(line, quote=True)}</p>")
        flush()
        return "".join(out)

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.svg()).decode("ascii")
        return (
            '<figure class="vcc-figure" style="margin:0 0 1em 0">'
            f'<img src="data:image/svg+xml;base64,{data}" '
            f'alt="{html.escape(self.alt, quote=True)}" style="max-width:100%;height:auto">'
            f"<figcaption>{html.escape(self.caption, quote=True)}</figcaption>"
            "<details><summary>Text description</summary>"
            f'<div class="vcc-long-description">{self.description_html()}</div>'
            "</details></figure>"
        )


# --------------------------------------------------------------------------------------
# The sphere diagram
# --------------------------------------------------------------------------------------


def _sphere_figure(case: Case) -> Figure:
    place = sl.component_spheres(case)
    rows = sl.sphere_table(case)
    unplaced_rel = sl.unplaced_relations(case)
    destroyed = {d.relation for d in sl.destruction_points(case) if d.relation}
    columns = {s: [c for c in case.components if place[c.id] == s] for s in SPHERES}
    loose = [c for c in case.components if place[c.id] is None]
    row_h, top_pad = 0.72, 1.35
    tallest = max([len(v) for v in columns.values()] + [1])
    body = (tallest + 1) * row_h / 2 + 0.35
    per_row = 6
    loose_rows = math.ceil(len(loose) / per_row)
    loose_h = (0.45 + loose_rows * row_h) if loose else 0.0
    key = [f"{r.id}: {r.does}" for r in case.relations]
    show_key = len(key) <= 40
    key_h = (math.ceil(len(key) / 2) * 0.17 + 0.3) if show_key and key else 0.3
    legend_h = 0.75
    height = top_pad + body + loose_h + legend_h + key_h + 0.1
    fig, ax = _canvas(height)
    n_rows = len(rows)
    _title(ax, height, f"Service lens: {case.title}",
           "Sphere diagram after Grönroos & Voima: "
           f"{ds._plural(len(case.components), 'component')}, "
           f"{ds._plural(n_rows, 'interaction')}, {ds._plural(len(unplaced_rel), 'relation')} "
           "in no sphere")
    col_w = WIDTH_IN / 3
    y_top = height - top_pad
    pos: dict[str, tuple[float, float]] = {}
    for i, sphere in enumerate(SPHERES):
        colour, mark, bg = SPHERE_STYLE[sphere]
        ax.add_patch(Rectangle((i * col_w + 0.05, y_top - body), col_w - 0.1, body + 0.42,
                               facecolor=bg, edgecolor=colour, linewidth=1.0, zorder=0))
        name = ds.SPHERE_NAMES[sphere]
        closed = {"provider": "closed to the user", "user": "closed to the provider",
                  "joint": "open to both"}[sphere]
        _text(ax, i * col_w + col_w / 2, y_top + 0.29, f"{name} ({mark})",
              fontsize=8.5, fontweight="bold", ha="center", va="center", color="black")
        _text(ax, i * col_w + col_w / 2, y_top + 0.12, closed, fontsize=7.5, ha="center",
              va="center", color="#333333")
        for j, c in enumerate(columns[sphere]):
            # a zigzag: two sub-columns, each row half a step below the last
            x = i * col_w + col_w / 2 + (0.62 if j % 2 else -0.62)
            pos[c.id] = (x, y_top - 0.3 - j * row_h / 2)
    if loose:
        y0 = y_top - body - 0.2
        _text(ax, 0.15, y0, ds.SPHERE_NAMES[None], fontsize=8.5, fontweight="bold", va="top")
        for j, c in enumerate(loose):
            r_, k = divmod(j, per_row)
            pos[c.id] = (WIDTH_IN * (k + 0.5) / per_row, y0 - 0.45 - r_ * row_h)
    for c in case.components:
        x, y = pos[c.id]
        _node(ax, (x, y), ds.primary_kind(c))
        roles = sl._roles(case, c.id)
        label = _t(c.label, 20, 2)
        if roles:
            label += "\n(" + _clip(", ".join(roles), 20) + ")"
        _text(ax, x, y - 0.13, label, fontsize=7.5, ha="center", va="top", zorder=4,
              linespacing=1.05)
    # edges
    pairs: dict[frozenset, int] = {}

    def rad_for(a: str, b: str) -> float:
        k = pairs.get(frozenset((a, b)), 0)
        pairs[frozenset((a, b))] = k + 1
        return 0.18 + 0.14 * k

    for r in rows:
        if r.source not in pos or r.target not in pos or r.source == r.target:
            continue
        colour, mark, _ = SPHERE_STYLE.get(r.sphere, ("black", "?", ""))
        rad = rad_for(r.source, r.target)
        _arrow(ax, pos[r.source], pos[r.target], colour=colour,
               style=MODE_STYLE.get(r.mode, "-"), rad=rad)
        flag = " !" if r.relation in destroyed else ""
        _edge_label(ax, _curve_mid(pos[r.source], pos[r.target], rad),
                    f"{r.relation} {mark}{flag}", colour)
    for rid in unplaced_rel:
        r = case.relation(rid)
        if r.source not in pos or r.target not in pos or r.source == r.target:
            continue
        rad = rad_for(r.source, r.target)
        _arrow(ax, pos[r.source], pos[r.target], colour=FAINT, style=":", rad=rad, width=1.0)
        _edge_label(ax, _curve_mid(pos[r.source], pos[r.target], rad), rid, "#666666")
    # legend and key
    y = y_top - body - loose_h - 0.05
    handles = [Line2D([], [], color="black", linestyle="-", label="direct"),
               Line2D([], [], color="black", linestyle="--", label="indirect"),
               Line2D([], [], color=FAINT, linestyle=":", label="in no sphere")]
    handles += [Line2D([], [], color=SPHERE_STYLE[s][0], linewidth=2.5,
                       label=f"{s} sphere ({SPHERE_STYLE[s][1]})") for s in SPHERES]
    handles += [Line2D([], [], color="white", label="! value destruction claimed")]
    handles += _kind_legend(case)
    _legend(ax, handles, y, ncol=5)
    y -= legend_h
    if show_key:
        _text(ax, 0.15, y, "Relations", fontsize=8, fontweight="bold", va="top")
        _draw_key(ax, y - 0.2, _key_lines(key))
    else:
        _text(ax, 0.15, y, f"{len(key)} relations: see the text description for each.",
              fontsize=8, va="top")
    return fig


def sphere_diagram(case: Case) -> Drawn:
    """The service reading as Grönroos & Voima's three spheres.

    Three columns (provider, joint and user sphere; the user sphere is their
    customer sphere); components are placed by
    :func:`~vcc_helpers.lenses.service.component_spheres`, marked by kind, with
    their roles under the label.  Interactions are arrows coloured by sphere
    and marked P/J/U, solid when direct and dashed when indirect; ``!`` marks a
    claim of value destruction.  Relations the reading places in no sphere are
    drawn faint and dotted, and components it does not place sit in a band
    below.  A key lists every relation's ``does``.

    Parameters
    ----------
    case : Case

    Returns
    -------
    Drawn

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> d = sphere_diagram(tiny_case())
    >>> d.alt.startswith("Sphere diagram of")
    True
    """
    with mpl.rc_context(RC):
        fig = _sphere_figure(case)
    return Drawn(fig, ds.alt_text(case, "service"),
                 f"Service lens: sphere diagram of '{case.title}'. Solid arrows are direct "
                 "interactions, dashed indirect; P, J and U mark the sphere; dotted grey "
                 "relations are in no sphere.",
                 ds.long_description(case, "service"))


# --------------------------------------------------------------------------------------
# The assemblage map
# --------------------------------------------------------------------------------------


def _circle(ids: list[str], centre: tuple[float, float], radius: float) -> dict[str, tuple]:
    n = max(len(ids), 1)
    return {cid: (centre[0] + radius * math.cos(math.pi / 2 - 2 * math.pi * i / n),
                  centre[1] + radius * math.sin(math.pi / 2 - 2 * math.pi * i / n))
            for i, cid in enumerate(ids)}


def _ring_label(ax, pos, centre, label, size, alpha=1.0, width=16, lines=2, gap=0.16):
    x, y = pos
    dx, dy = x - centre[0], y - centre[1]
    d = math.hypot(dx, dy) or 1.0
    lx, ly = x + gap * dx / d, y + gap * dy / d
    ha = "left" if dx > 0.15 * d else "right" if dx < -0.15 * d else "center"
    va = "bottom" if dy > 0.5 * d else "top" if dy < -0.5 * d else "center"
    _text(ax, lx, ly, _t(label, width, lines), fontsize=size, ha=ha, va=va, alpha=alpha,
          zorder=4, linespacing=1.0)


def _flight_panel(case: Case, episode: str | None) -> list[str]:
    items = []
    for i, f in enumerate(al.lines_of_flight(case), 1):
        if episode is not None and f.episode != episode:
            continue
        where = f"[{_clip(f.episode_label, 24)}] " if f.episode else ""
        toward = f" toward '{_clip(f.toward, 40)}'" if f.toward else ""
        capture = (f" Captured by: {_stop(_clip(f.captured_by, 40))}" if f.captured
                   else " Not captured.")
        items.append(f"LF{i} {where}from '{_clip(f.source, 40)}'{toward}. "
                     f"Danger: {_stop(_clip(f.danger, 70))}{capture}")
    terr = [f"Territory '{_clip(t.label, 40)}', drawn by "
            f"{_clip(', '.join(t.drawn_by_labels) or 'nothing named', 60)}"
            for t in al.territories(case) if episode is None or t.episode in (None, episode)]
    return items, terr


def _wrapped_block(lines: list[str], width=118, cap=10) -> list[str]:
    out = []
    for s in lines[:cap]:
        out.extend(textwrap.wrap(s, width=width, subsequent_indent="    ") or [""])
    if len(lines) > cap:
        out.append(f"... and {len(lines) - cap} more (see the text description).")
    return out


def _assemblage_figure(case: Case, episode: str | None) -> Figure:
    if ds.aggregated(case):
        return _aggregated_figure(case)
    rows = al.affect_rows(case)
    kind_order = {k: i for i, k in enumerate(SUGGESTED_KINDS)}
    comps = sorted(enumerate(case.components),
                   key=lambda ic: (kind_order[ds.primary_kind(ic[1])], ic[0]))
    ids = [c.id for _, c in comps]
    n = len(ids)
    radius = 2.1 if n <= 24 else 2.5 if n <= 60 else 2.9
    size = 8 if n <= 24 else 6.5 if n <= 60 else 5
    lab_w, lab_lines = (16, 3) if n <= 40 else (12, 2)
    flights, terrs = _flight_panel(case, episode)
    panel = _wrapped_block(flights) + _wrapped_block(terrs)
    panel_h = (0.3 + 0.16 * len(panel)) if panel else 0
    top_pad, legend_h = 1.0, 0.8
    map_h = 2 * radius + 1.4
    height = top_pad + map_h + legend_h + panel_h + 0.1
    fig, ax = _canvas(height)
    sub = (f"Assemblage map: {ds._plural(n, 'component')}, {ds._plural(len(rows), 'affect')}, "
           f"{ds._plural(len(al.relations_without_affect(case)), 'relation')} with no affect")
    if episode is not None:
        sub += f"; episode '{_clip(al.episode_label(case, episode), 40)}' highlighted, others faded"
    _title(ax, height, f"Assemblage lens: {case.title}", sub)
    centre = (WIDTH_IN / 2, height - top_pad - map_h / 2)
    pos = _circle(ids, centre, radius)
    in_ep = None
    if episode is not None:
        in_ep = {x for r in case.relations if r.episode == episode for x in (r.source, r.target)}
    pairs: dict[frozenset, int] = {}

    def rad_for(a: str, b: str) -> float:
        k = pairs.get(frozenset((a, b)), 0)
        pairs[frozenset((a, b))] = k + 1
        return 0.15 + 0.12 * k

    for r in case.relations:
        if r.id in {a.relation for a in rows}:
            continue
        if r.source not in pos or r.target not in pos or r.source == r.target:
            continue
        alpha = 1.0 if episode is None or r.episode == episode else 0.15
        rad = rad_for(r.source, r.target)
        _arrow(ax, pos[r.source], pos[r.target], colour=FAINT, style="-", rad=rad, width=0.8,
               alpha=alpha, z=1)
        if alpha == 1.0:
            _edge_label(ax, _curve_mid(pos[r.source], pos[r.target], rad), r.id, "#666666",
                        size=6.5)
    for a in rows:
        if a.by not in pos or a.on not in pos or a.by == a.on:
            continue
        alpha = 1.0 if episode is None or a.episode == episode else 0.15
        colour = TENDENCY_COLOUR.get(a.tendency, "black")
        rad = rad_for(a.by, a.on)
        _arrow(ax, pos[a.by], pos[a.on], colour=colour,
               style=DIRECTION_STYLE.get(a.direction, ":"), rad=rad, alpha=alpha)
        if alpha == 1.0:
            _edge_label(ax, _curve_mid(pos[a.by], pos[a.on], rad),
                        f"{a.relation} {ds.TENDENCY_MARKS.get(a.tendency, '?')}", colour)
    for _, c in comps:
        alpha = 1.0 if in_ep is None or c.id in in_ep else 0.3
        _node(ax, pos[c.id], ds.primary_kind(c), alpha=alpha)
        _ring_label(ax, pos[c.id], centre, c.label, size, alpha, width=lab_w, lines=lab_lines)
    y = height - top_pad - map_h + 0.05
    handles = [Line2D([], [], color="black", linestyle=DIRECTION_STYLE[d], label=d)
               for d in ("enhances", "diminishes", "unclear")]
    handles.append(Line2D([], [], color=FAINT, linestyle="-", label="no affect recorded"))
    handles += [Line2D([], [], color=TENDENCY_COLOUR[t], linewidth=2.5,
                       label=f"{ds.TENDENCY_MARKS[t]} {t}") for t in TENDENCY_COLOUR]
    handles += _kind_legend(case)
    _legend(ax, handles, y, ncol=5)
    y -= legend_h
    if panel:
        _text(ax, 0.15, y, "Lines of flight (LF; each with its danger) and territories",
              fontsize=8, fontweight="bold", va="top")
        for i, s in enumerate(panel):
            _text(ax, 0.15, y - 0.22 - i * 0.16, s, fontsize=7.2, va="top", color="#222222")
    return fig


def _aggregated_figure(case: Case) -> Figure:
    rows = al.affect_rows(case)
    kinds = {c.id: ds.primary_kind(c) for c in case.components}
    counts = ds._kind_counts(case)
    edges: dict[tuple[str, str], int] = {}
    for a in rows:
        key = (kinds.get(a.by, "other"), kinds.get(a.on, "other"))
        edges[key] = edges.get(key, 0) + 1
    radius, top_pad, legend_h = 2.2, 1.0, 0.6
    map_h = 2 * radius + 1.4
    height = top_pad + map_h + legend_h
    fig, ax = _canvas(height)
    _title(ax, height, f"Assemblage lens: {case.title}",
           f"Aggregated by kind: {len(case.components)} components (more than "
           f"{ds.AGGREGATE_ABOVE}), {len(rows)} affects; line width and numbers count affects")
    centre = (WIDTH_IN / 2, height - top_pad - map_h / 2)
    pos = _circle(list(counts), centre, radius)
    top = max(edges.values(), default=1)
    for (k1, k2), m in sorted(edges.items()):
        if k1 == k2:
            continue
        rad = 0.15
        _arrow(ax, pos[k1], pos[k2], colour="black", style="-", rad=rad,
               width=0.6 + 3.0 * m / top)
        _edge_label(ax, _curve_mid(pos[k1], pos[k2], rad), str(m), "black")
    for k, m in counts.items():
        inner = edges.get((k, k), 0)
        _node(ax, pos[k], k, size=9 + 8 * math.sqrt(m / max(counts.values())))
        extra = f"; {inner} affects within" if inner else ""
        _ring_label(ax, pos[k], centre, f"{k} ({m}{extra})", 8, width=22, gap=0.3)
    _legend(ax, _kind_legend(case), height - top_pad - map_h + 0.05, ncol=7)
    return fig


def assemblage_map(case: Case, episode: str | None = None) -> Drawn:
    """The assemblage reading as a map of components and affects.

    Components sit on a circle grouped by kind (a fixed, deterministic
    layout), marked by kind.  Each affect is an arrow from the component that
    acts to the one whose capacity changes: solid when it enhances, dashed when
    it diminishes, dotted when unclear; coloured by tendency *and* labelled with
    the relation id and a mark (T territorialising, D deterritorialising, R
    reterritorialising, A ambivalent, ? unclear).  Relations with no affect are
    thin grey lines.  Lines of flight (with their dangers and captures) and
    territories are listed under the map.  With *episode*, that episode's
    relations are drawn in full and the rest faded.  Past
    :data:`~vcc_helpers.describe.AGGREGATE_ABOVE` components the map shows one
    node per kind with affect counts, and says so in its title and alt text.

    Parameters
    ----------
    case : Case
    episode : str, optional
        An episode id to highlight.

    Returns
    -------
    Drawn

    Raises
    ------
    KeyError
        For an unknown episode.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> d = assemblage_map(tiny_case(), episode="visit")
    >>> "highlighted" in d.alt
    True
    """
    if episode is not None:
        case.episode(episode)
    with mpl.rc_context(RC):
        fig = _assemblage_figure(case, episode)
    where = f", episode '{al.episode_label(case, episode)}' highlighted" if episode else ""
    caption = (f"Assemblage lens: map of '{case.title}'{where}. Solid arrows enhance, dashed "
               "diminish, dotted unclear; T, D, R and A mark the tendency.")
    if ds.aggregated(case):
        caption = (f"Assemblage lens: map of '{case.title}', aggregated by kind; numbers count "
                   "affects between kinds.")
    return Drawn(fig, ds.alt_text(case, "assemblage", episode=episode), caption,
                 ds.long_description(case, "assemblage", episode=episode))


# --------------------------------------------------------------------------------------
# The episode strip
# --------------------------------------------------------------------------------------


def _strip_figure(case: Case, lens: str) -> Figure:
    groups = ds.episode_groups(case)
    if not groups:
        groups = [(None, al.NO_EPISODE_LABEL, [])]
    ncols = min(3, len(groups))
    nrows = math.ceil(len(groups) / ncols)
    panel_w, panel_h, top_pad, legend_h = WIDTH_IN / ncols, 3.0, 0.85, 0.75
    height = top_pad + nrows * panel_h + legend_h
    fig, ax = _canvas(height)
    _title(ax, height, f"Episodes, {lens} lens: {case.title}",
           f"One panel per episode ({len(groups)}), in order; each shows that episode's "
           "relations")
    spheres = {row.relation: row for row in sl.sphere_table(case)}
    affects: dict[str, list] = {}
    for a in al.affect_rows(case):
        affects.setdefault(a.relation, []).append(a)
    for gi, (eid, label, rels) in enumerate(groups):
        row_i, col_i = divmod(gi, ncols)
        x0 = col_i * panel_w
        y1 = height - top_pad - row_i * panel_h
        ax.add_patch(Rectangle((x0 + 0.05, y1 - panel_h + 0.05), panel_w - 0.1, panel_h - 0.1,
                               facecolor="#F7F7F7", edgecolor="#999999", linewidth=0.8,
                               zorder=0))
        num = f"{gi + 1}. " if eid is not None else ""
        _text(ax, x0 + 0.15, y1 - 0.12, _t(num + label, 34, 1), fontsize=8.5,
              fontweight="bold", va="top")
        ids = list(dict.fromkeys(x for r in rels for x in (r.source, r.target)
                                 if x in case._components))
        centre = (x0 + panel_w / 2, y1 - panel_h / 2 - 0.1)
        rad_panel = min(panel_w / 2 - 0.6, panel_h / 2 - 0.7)
        pos = _circle(ids, centre, rad_panel)
        for r in rels:
            if r.source not in pos or r.target not in pos or r.source == r.target:
                continue
            if lens == "service":
                row = spheres.get(r.id)
                if row is None:
                    styles = [(FAINT, ":", r.id)]
                else:
                    colour, mark, _ = SPHERE_STYLE.get(row.sphere, ("black", "?", ""))
                    styles = [(colour, MODE_STYLE.get(row.mode, "-"), f"{r.id} {mark}")]
                ends = [(r.source, r.target)] * len(styles)
            else:
                rows = affects.get(r.id, [])
                if not rows:
                    styles, ends = [(FAINT, "-", r.id)], [(r.source, r.target)]
                else:
                    styles = [(TENDENCY_COLOUR.get(a.tendency, "black"),
                               DIRECTION_STYLE.get(a.direction, ":"),
                               f"{r.id} {ds.TENDENCY_MARKS.get(a.tendency, '?')}") for a in rows]
                    ends = [(a.by, a.on) for a in rows]
            for k, ((colour, style, text), (p, q)) in enumerate(zip(styles, ends)):
                if p not in pos or q not in pos or p == q:
                    continue
                rad = 0.2 + 0.15 * k
                _arrow(ax, pos[p], pos[q], colour=colour, style=style, rad=rad, width=1.2)
                _edge_label(ax, _curve_mid(pos[p], pos[q], rad), text,
                            "#666666" if colour == FAINT else colour, size=6.5)
        for cid in ids:
            _node(ax, pos[cid], ds.primary_kind(case.component(cid)), size=7)
            _text(ax, pos[cid][0], pos[cid][1] - 0.1, _t(case.label(cid), 14, 2), fontsize=6.5,
                  ha="center", va="top", zorder=4, linespacing=1.0)
        if not rels:
            _text(ax, centre[0], centre[1], "no relations", fontsize=7.5, ha="center",
                  color="#555555")
    y = legend_h - 0.05
    if lens == "service":
        handles = [Line2D([], [], color="black", linestyle="-", label="direct"),
                   Line2D([], [], color="black", linestyle="--", label="indirect"),
                   Line2D([], [], color=FAINT, linestyle=":", label="in no sphere")]
        handles += [Line2D([], [], color=SPHERE_STYLE[s][0], linewidth=2.5,
                           label=f"{SPHERE_STYLE[s][1]} {s} sphere") for s in SPHERES]
    else:
        handles = [Line2D([], [], color="black", linestyle=DIRECTION_STYLE[d], label=d)
                   for d in ("enhances", "diminishes", "unclear")]
        handles.append(Line2D([], [], color=FAINT, linestyle="-", label="no affect recorded"))
        handles += [Line2D([], [], color=TENDENCY_COLOUR[t], linewidth=2.5,
                           label=f"{ds.TENDENCY_MARKS[t]} {t}") for t in TENDENCY_COLOUR]
    _legend(ax, handles, y, ncol=4)
    return fig


def episode_strip(case: Case, lens: str = "assemblage") -> Drawn:
    """One panel per episode showing its relations, styled by *lens*.

    Panels run in episode order (three to a row); relations with no episode get
    a last panel.  With ``lens='assemblage'`` arrows follow the affects (style by
    direction, colour and mark by tendency); with ``lens='service'`` they follow
    the interactions (colour and mark by sphere, style by mode).

    Parameters
    ----------
    case : Case
    lens : {'assemblage', 'service'}

    Returns
    -------
    Drawn

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> episode_strip(tiny_case()).alt.startswith("Episode strip of 'A morning")
    True
    """
    ds._check(lens)
    with mpl.rc_context(RC):
        fig = _strip_figure(case, lens)
    return Drawn(fig, ds.alt_text(case, lens, view="strip"),
                 f"Episodes of '{case.title}' through the {lens} lens, one panel per episode.",
                 ds.long_description(case, lens, view="strip"))


def draw(case: Case, lens: str, episode: str | None = None) -> Drawn:
    """Draw *case* through *lens*.

    Parameters
    ----------
    case : Case
    lens : {'service', 'assemblage', 'episodes'}
        ``'service'``: :func:`sphere_diagram`; ``'assemblage'``:
        :func:`assemblage_map` (with *episode* highlighted if given);
        ``'episodes'``: :func:`episode_strip` (assemblage lens).
    episode : str, optional

    Returns
    -------
    Drawn

    Raises
    ------
    ValueError
        For an unknown lens.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> draw(tiny_case(), "assemblage").alt.startswith("Assemblage map")
    True
    """
    if lens == "service":
        return sphere_diagram(case)
    if lens == "assemblage":
        return assemblage_map(case, episode)
    if lens == "episodes":
        return episode_strip(case)
    raise ValueError(f"lens must be 'service', 'assemblage' or 'episodes'; got {lens!r}")
