"""The actor-network sketch's figure and descriptions (the third lens's upper layer).

The reading is :mod:`vcc_helpers.lenses.actor_network`; this module words it
(:func:`alt_text`, :func:`long_description`) and draws it (:func:`network_map`),
the way :mod:`~vcc_helpers.describe` and :mod:`~vcc_helpers.figures` do for the
other two lenses.  Every text and the figure say plainly that this is a small
illustrative third reading.

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> print(alt_text(tiny_case()))
Actor-network sketch of 'A morning trying to see a GP' (a small illustrative third reading): 8 actants (3 human, 1 composite, 4 non-human), 7 associations; 4 candidate obligatory passage points, first Mrs A (18 pairs meet only through it).
"""  # noqa: E501 (a doctest's expected output is one line)
from __future__ import annotations

import math

import matplotlib as mpl
from matplotlib.figure import Figure

from vcc_helpers.describe import ALT_MAX, primary_kind
from vcc_helpers.figures import KIND_MARKER, OKABE_ITO, RC, WIDTH_IN, Drawn, text_width, wrap_text
from vcc_helpers.lenses.actor_network import ILLUSTRATIVE_NOTE, actor_network_reading
from vcc_helpers.model import Case

__all__ = ["alt_text", "long_description", "network_map", "LENS_ID"]

LENS_ID = "actor-network"
SHOWN_POINTS = 6
"""How many passage points the figure lists under the map (the description lists all)."""


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _clip(text: object, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: max(n - 1, 0)].rstrip() + "…"


def alt_text(case: Case, lens: str = LENS_ID, *, episode: str | None = None,
             view: str = "map") -> str:
    """Short alt text (at most 250 characters) for :func:`network_map`.

    *lens*, *episode* and *view* are accepted for the common description
    signature; the sketch has one view and no episodes.
    """
    r = actor_network_reading(case)
    counts = [(len(r.human), "human"), (len(r.composite), "composite"),
              (len(r.nonhuman), "non-human")]
    tail = " (" + ", ".join(f"{n} {word}" for n, word in counts if n) + ")" if r.actants else ""
    body = (f": {_plural(len(r.actants), 'actant')}{tail}, "
            f"{_plural(len(r.associations), 'association')}; ")
    head = " (a small illustrative third reading)"
    options = [body + "no candidate obligatory passage point."]
    if r.passage_points:
        p = r.passage_points[0]
        points = _plural(len(r.passage_points), 'candidate obligatory passage point')
        options = [body + f"{points}, first {_clip(p.label, 40)} "
                          f"({_plural(p.pairs, 'pair')} meet only through it).",
                   body + f"{points}."]
    for tail in options:  # the finding first; without it if the title would be cut short
        room = ALT_MAX - len("Actor-network sketch of ''") - len(head) - len(tail)
        if room >= min(len(case.title), 30):
            break
    text = f"Actor-network sketch of '{_clip(case.title, max(room, 10))}'{head}{tail}"
    return _clip(text, ALT_MAX)


def long_description(case: Case, lens: str = LENS_ID, *, episode: str | None = None,
                     view: str = "map") -> str:
    """Every actant, association and candidate passage point, as plain text."""
    r = actor_network_reading(case)
    label = case.label
    lines = [f"Actor-network sketch: {case.title}.", "", ILLUSTRATIVE_NOTE, ""]
    human, composite = set(r.human), set(r.composite)
    lines.append("Actants, counted alike: " + "; ".join(
        f"{label(c)} ({'human' if c in human else 'composite' if c in composite else 'non-human'})"
        for c in r.actants) + ".")
    if r.unconnected:
        lines.append("In no association: " + "; ".join(label(c) for c in r.unconnected) + ".")
    lines.append("")
    lines.append("Associations (direction ignored):")
    nonhuman = set(r.nonhuman_associations)
    for rel in case.relations:
        mark = " (a thing at each end)" if rel.id in nonhuman else ""
        lines.append(f"- {rel.id}, between {label(rel.source)} and {label(rel.target)}: "
                     f"{rel.does}{mark}.")
    lines.append("")
    if r.passage_points:
        lines.append("Candidate obligatory passage points (others meet only through them), "
                     "most pairs first:")
        for i, p in enumerate(r.passage_points, start=1):
            pieces = " | ".join(", ".join(label(c) for c in piece) for piece in p.pieces)
            lines.append(f"- OPP {i}, {p.label}: {_plural(p.pairs, 'pair')} meet only through "
                         f"it{p.only_because_text(label)}; it joins {pieces}.")
    else:
        lines.append("No candidate obligatory passage point: no component is the only way "
                     "between others.")
    lines.append("")
    lines.append("Questions the case file cannot answer:")
    lines.extend(f"- {q}" for q in r.questions[2:])
    return "\n".join(lines).rstrip() + "\n"


# Text is laid out by hand at the sizes the other figures use (9.5 pt and up, so at least
# 12 px at the book's content width and 10 px in a phone's scroll box), each line its own
# text element, and a label is placed only where it overlaps no other text.
FS = 9.5
FS_TITLE = 12.0
PITCH = 1.25          # baseline to baseline, in em
MARGIN = 0.2          # inches
INK, GREY_INK = "#1A1A1A", "#555555"


def _block_h(n: int, size: float = FS) -> float:
    """Height (inches) of *n* lines of text at *size* points, ascent to last descent."""
    return (0.97 + PITCH * max(n - 1, 0)) * size / 72


class _Placed:
    """Text boxes placed so far (inches); a new box goes only where it overlaps none."""

    def __init__(self, width: float, height: float):
        self.width, self.height = width, height
        self.boxes: list[tuple[float, float, float, float]] = []

    def free(self, box) -> bool:
        x0, y0, x1, y1 = box
        if x0 < 0.05 or y0 < 0.05 or x1 > self.width - 0.05 or y1 > self.height - 0.05:
            return False
        return all(x1 <= b[0] or b[2] <= x0 or y1 <= b[1] or b[3] <= y0 for b in self.boxes)

    def add(self, box) -> None:
        self.boxes.append(box)


def _lines_box(x: float, top: float, lines: list[str], size: float, ha: str,
               bold: bool = False, pad: float = 0.02):
    """The box (x0, y0, x1, y1) of *lines* whose first line's top is at *top*."""
    w = max(text_width(t, size, bold) for t in lines)
    x0 = x - {"left": 0, "center": w / 2, "right": w}[ha]
    return (x0 - pad, top - _block_h(len(lines), size) - pad, x0 + w + pad, top + pad)


def _draw_lines(ax, x: float, top: float, lines: list[str], size: float = FS,
                ha: str = "left", bold: bool = False, color: str = INK, zorder: int = 5,
                background: bool = False) -> None:
    """Each line its own text element, baselines PITCH em apart, from *top* down."""
    em = size / 72
    for i, t in enumerate(lines):
        ax.text(x, top - 0.76 * em - i * PITCH * em, t, fontsize=size, ha=ha,
                va="baseline", fontweight="bold" if bold else "normal", color=color,
                zorder=zorder, bbox={"boxstyle": "square,pad=0.05", "fc": "white",
                                     "ec": "none"} if background else None)


def _place(ax, placed: _Placed, x: float, y: float, direction, lines: list[str],
           bold: bool) -> bool:
    """Draw a node's label outside the ellipse where it overlaps no other text, trying
    a few distances out and a few steps along the ellipse; False if none is free."""
    ux, uy = direction
    ha = "left" if ux > 0.3 else "right" if ux < -0.3 else "center"
    h = _block_h(len(lines))
    for d in (0.16, 0.3, 0.45):
        for step in (0.0, 0.18, -0.18, 0.36, -0.36):
            lx, ly = x + d * ux - step * uy, y + d * uy + step * ux
            top = ly + h if uy > 0.3 else ly if uy < -0.3 else ly + h / 2
            box = _lines_box(lx, top, lines, FS, ha, bold)
            if placed.free(box):
                placed.add(box)
                _draw_lines(ax, lx, top, lines, FS, ha, bold)
                return True
    return False


def _figure(case: Case) -> Figure:
    r = actor_network_reading(case)
    points = {p.component: i for i, p in enumerate(r.passage_points, start=1)}
    n = len(case.components)
    listed = r.passage_points[:SHOWN_POINTS]
    inner = WIDTH_IN - 2 * MARGIN
    title = wrap_text(f"Actor-network sketch: {case.title}", inner, FS_TITLE, True)
    subtitle = wrap_text("A small illustrative third reading: people and things counted alike; "
                         "OPP marks a candidate obligatory passage point", inner)
    below: list[tuple[list[str], bool, float]] = []  # (lines, bold, indent)
    if listed:
        below.append((wrap_text("Candidate obligatory passage points (others meet only "
                                "through them):", inner, FS, True), True, 0.0))
        for i, p in enumerate(listed, start=1):
            below.append((wrap_text(f"OPP {i}: {p.label}, {_plural(p.pairs, 'pair')} of "
                                    f"components, in {len(p.pieces)} groups", inner - 0.15),
                          False, 0.15))
        if len(r.passage_points) > SHOWN_POINTS:
            below.append(([f"and {len(r.passage_points) - SHOWN_POINTS} more in the text "
                           "description"], False, 0.15))
    else:
        below.append((wrap_text("No candidate obligatory passage point: no component is the "
                                "only way between others.", inner), False, 0.0))
    gap = 0.06
    head_h = _block_h(len(title), FS_TITLE) + 0.1 + _block_h(len(subtitle))
    text_h = sum(_block_h(len(b[0])) + gap for b in below) + 0.25 + _block_h(1)
    map_h = 5.6 if n > 12 else 4.6
    height = MARGIN + head_h + 0.15 + map_h + text_h + MARGIN
    fig = Figure(figsize=(WIDTH_IN, height), facecolor="white")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH_IN)
    ax.set_ylim(0, height)
    ax.set_autoscale_on(False)
    ax.set_axis_off()
    placed = _Placed(WIDTH_IN, height)

    top = height - MARGIN
    _draw_lines(ax, MARGIN, top, title, FS_TITLE, bold=True)
    placed.add(_lines_box(MARGIN, top, title, FS_TITLE, "left", True))
    top -= _block_h(len(title), FS_TITLE) + 0.1
    _draw_lines(ax, MARGIN, top, subtitle, color="#333333")
    placed.add(_lines_box(MARGIN, top, subtitle, FS, "left"))
    map_top = top - _block_h(len(subtitle)) - 0.15

    # the map: components on an ellipse in file order, labels outside it
    cx, cy = WIDTH_IN / 2, map_top - map_h / 2
    ry = map_h / 2 - 0.55
    rx = min(1.5 * ry, WIDTH_IN / 2 - 1.3)
    pos, out = {}, {}
    for i, c in enumerate(case.components):
        angle = math.pi / 2 - 2 * math.pi * i / max(n, 1)
        out[c.id] = (math.cos(angle), math.sin(angle))
        pos[c.id] = (cx + rx * out[c.id][0], cy + ry * out[c.id][1])
    placed.add((0.0, 0.0, WIDTH_IN, map_top - map_h))  # the note and the list below the map
    small = n > 40
    unnamed = 0
    # passage points first (they carry the reading), then the others in file order
    order = sorted(case.components, key=lambda c: (c.id not in points, points.get(c.id, 0)))
    for c in order:
        x, y = pos[c.id]
        opp = c.id in points
        ax.plot([x], [y], marker=KIND_MARKER.get(primary_kind(c), "X"),
                markersize=(13 if opp else 9) if not small else 5,
                markerfacecolor=OKABE_ITO["orange"] if opp else "white",
                markeredgecolor="black", markeredgewidth=2.2 if opp else 1.0, zorder=4,
                linestyle="none")
        if small and not opp:
            unnamed += 1
            continue
        lines = wrap_text(c.label, 1.3, FS, opp)
        if opp:
            lines.append(f"OPP {points[c.id]}")
        tries = [lines, [f"OPP {points[c.id]}"]] if opp else [lines]
        if not any(_place(ax, placed, x, y, out[c.id], t, opp) for t in tries):
            unnamed += 1
    grey = "#777777"
    labelled = len(case.relations) <= 12
    for rel in case.relations:
        if rel.source in pos and rel.target in pos and rel.source != rel.target:
            (x0, y0), (x1, y1) = pos[rel.source], pos[rel.target]
            ax.plot((x0, x1), (y0, y1), color=grey, linewidth=1.0, zorder=1)
            if labelled:
                mx, my = (x0 + x1) / 2, (y0 + y1) / 2
                box = _lines_box(mx, my + _block_h(1) / 2, [rel.id], FS, "center")
                if placed.free(box):
                    placed.add(box)
                    _draw_lines(ax, mx, my + _block_h(1) / 2, [rel.id], FS, "center",
                                color=GREY_INK, zorder=3, background=True)

    top = map_top - map_h - 0.1
    note = (f"{_plural(unnamed, 'component')} without room for a name here: every one is "
            "named in the text description" if unnamed else "")
    if note:
        _draw_lines(ax, MARGIN, top, wrap_text(note, inner)[:1], color=GREY_INK)
    top -= _block_h(1) + 0.15
    for lines, bold, indent in below:
        _draw_lines(ax, MARGIN + indent, top, lines, FS, bold=bold)
        top -= _block_h(len(lines)) + gap
    return fig


def network_map(case: Case) -> Drawn:
    """The actor-network sketch of *case*: a map of associations with its passage points.

    Components sit on an ellipse in file order, marked by kind (the same
    shapes as the assemblage map); every relation is a grey line (direction
    ignored), labelled with its id in a small case.  Candidate obligatory
    passage points are drawn larger with a thick outline *and* named ``OPP 1``,
    ``OPP 2``, ... (most pairs first), so colour is never the only mark; the
    first few are listed under the map.

    Returns
    -------
    Drawn

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> d = network_map(tiny_case())
    >>> d.svg() == network_map(tiny_case()).svg(), "illustrative" in d.caption
    (True, True)
    """
    with mpl.rc_context(RC):
        fig = _figure(case)
    caption = (f"Actor-network sketch of '{case.title}', a small illustrative third reading: "
               "grey lines are associations (direction ignored); OPP marks a candidate "
               "obligatory passage point.")
    return Drawn(fig, alt_text(case), caption, long_description(case))
