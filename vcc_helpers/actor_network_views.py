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
Actor-network sketch of 'A morning trying to see a GP' (a small illustrative third reading): 8 actants (3 human, 5 non-human), 7 associations; 4 candidate obligatory passage points, first Mrs A (18 pairs meet only through it).
"""  # noqa: E501 (a doctest's expected output is one line)
from __future__ import annotations

import math

import matplotlib as mpl
from matplotlib.figure import Figure

from vcc_helpers.describe import ALT_MAX, primary_kind
from vcc_helpers.figures import KIND_MARKER, OKABE_ITO, RC, WIDTH_IN, Drawn
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
    tail = f" ({len(r.nonhuman)} non-human)" if not r.human else (
        f" ({len(r.human)} human, {len(r.nonhuman)} non-human)")
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
    human = set(r.human)
    lines.append("Actants, counted alike: " + "; ".join(
        f"{label(c)} ({'human' if c in human else 'non-human'})" for c in r.actants) + ".")
    if r.unconnected:
        lines.append("In no association: " + "; ".join(label(c) for c in r.unconnected) + ".")
    lines.append("")
    lines.append("Associations (direction ignored):")
    nonhuman = set(r.nonhuman_associations)
    for rel in case.relations:
        mark = " (no person at either end)" if rel.id in nonhuman else ""
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


def _figure(case: Case) -> Figure:
    r = actor_network_reading(case)
    points = {p.component: i for i, p in enumerate(r.passage_points, start=1)}
    n = len(case.components)
    listed = r.passage_points[:SHOWN_POINTS]
    map_h = 5.6 if n > 12 else 4.6
    text_h = 0.9 + 0.22 * (len(listed) + (1 if len(r.passage_points) > SHOWN_POINTS else 0))
    height = map_h + text_h
    fig = Figure(figsize=(WIDTH_IN, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH_IN)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    ax.text(0.2, height - 0.25, _clip(f"Actor-network sketch: {case.title}", 80), fontsize=11,
            fontweight="bold", va="top")
    ax.text(0.2, height - 0.55, "A small illustrative third reading: people and things counted "
            "alike; OPP marks a candidate obligatory passage point", fontsize=8, va="top",
            color="#333333")
    cx, cy = WIDTH_IN / 2, text_h + (map_h - 0.7) / 2
    radius = (map_h - 0.7) / 2 - 0.7
    pos, out = {}, {}
    for i, c in enumerate(case.components):
        angle = math.pi / 2 - 2 * math.pi * i / max(n, 1)
        out[c.id] = (math.cos(angle), math.sin(angle))
        pos[c.id] = (cx + 1.5 * radius * out[c.id][0], cy + radius * out[c.id][1])
    grey = "#777777"
    for rel in case.relations:
        if rel.source in pos and rel.target in pos and rel.source != rel.target:
            (x0, y0), (x1, y1) = pos[rel.source], pos[rel.target]
            ax.plot((x0, x1), (y0, y1), color=grey, linewidth=1.0, zorder=1)
            if len(case.relations) <= 12:
                ax.text((x0 + x1) / 2, (y0 + y1) / 2, rel.id, fontsize=6.5, color="#555555",
                        ha="center", va="center", zorder=3,
                        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"})
    small = n > 40
    for c in case.components:
        x, y = pos[c.id]
        opp = c.id in points
        ax.plot([x], [y], marker=KIND_MARKER.get(primary_kind(c), "X"),
                markersize=(13 if opp else 9) if not small else 5,
                markerfacecolor=OKABE_ITO["orange"] if opp else "white",
                markeredgecolor="black", markeredgewidth=2.2 if opp else 1.0, zorder=4,
                linestyle="none")
        if small and not opp:
            continue
        name = _clip(c.label, 18) + (f"\nOPP {points[c.id]}" if opp else "")
        ux, uy = out[c.id]  # the label sits outside the ellipse, away from the lines
        ax.text(x + 0.2 * ux, y + 0.2 * uy, name, fontsize=7.5,
                ha="left" if ux > 0.3 else "right" if ux < -0.3 else "center",
                va="bottom" if uy > 0.3 else "top" if uy < -0.3 else "center",
                fontweight="bold" if opp else "normal", zorder=5)
    y = text_h - 0.25
    if listed:
        ax.text(0.2, y, "Candidate obligatory passage points (others meet only through them):",
                fontsize=8, fontweight="bold", va="top")
        for i, p in enumerate(listed, start=1):
            y -= 0.22
            ax.text(0.35, y, _clip(f"OPP {i}: {p.label}, {_plural(p.pairs, 'pair')} of "
                                   f"components, in {len(p.pieces)} groups", 110),
                    fontsize=7.5, va="top")
        if len(r.passage_points) > SHOWN_POINTS:
            y -= 0.22
            ax.text(0.35, y, f"... and {len(r.passage_points) - SHOWN_POINTS} more (see the "
                    "text description)", fontsize=7.5, va="top")
    else:
        ax.text(0.2, y, "No candidate obligatory passage point: no component is the only way "
                "between others.", fontsize=8, va="top")
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
