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

Notes
-----
The case builder redraws both lenses after every edit, so drawing is kept
cheap: the axes limits are fixed (nothing autoscales), all arrows of a figure
are one path collection plus one collection of heads (their ends are shortened
by hand, so matplotlib never clips a Bézier curve), markers of one shape are
one line artist, and text is laid out from a table of DejaVu Sans advance
widths instead of being measured by the renderer line by line.  The same
widths drive a small greedy placer: each component label and each relation
label goes to the first of a few candidate places (below, above or beside a
node; at staggered fractions along an edge, then just beside it) where it
overlaps nothing already placed, else where it overlaps least.

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
import functools
import html
import io
import math
import re
import textwrap
import unicodedata

import matplotlib as mpl
from matplotlib import ft2font
from matplotlib.artist import allow_rasterization
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib.text import Text

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
    # DejaVu Sans draws the PNG and lays out the text; a browser without it
    # falls back to Verdana (close in width) or its own sans-serif, never serif.
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.sans-serif": ["DejaVu Sans", "Verdana"],
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


def _luminance(rgb) -> float:
    def lin(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@functools.lru_cache(maxsize=64)
def _ink(colour: str) -> str:
    """A shade of *colour* dark enough for small text on white (contrast at least 4.5:1).

    >>> _ink("#000000"), _ink(OKABE_ITO["orange"]) != OKABE_ITO["orange"]
    ('#000000', True)
    """
    r, g, b, _ = to_rgba(colour)
    for k in range(21):
        f = 1 - 0.05 * k
        rgb = (r * f, g * f, b * f)
        if 1.05 / (_luminance(rgb) + 0.05) >= 4.5:
            return to_hex(rgb)
    return "#000000"


# --------------------------------------------------------------------------------------
# Text laid out from a fixed table of advance widths
# --------------------------------------------------------------------------------------

_EM_ASCENT = 0.76   # height of 'l' above the baseline, in em (DejaVu Sans)
_EM_DESCENT = 0.21  # depth of 'p' below the baseline
_EM_PITCH = 1.16    # baseline to baseline at matplotlib's default line spacing
_NO_HINTING = (ft2font.LoadFlags.NO_HINTING if hasattr(ft2font, "LoadFlags")
               else ft2font.LOAD_NO_HINTING)
_ADVANCES: dict[bool, dict[str, float]] = {False: {}, True: {}}
_FONTS: dict[bool, object] = {}


def _advance(ch: str, bold: bool) -> float:
    """The advance width of *ch* in DejaVu Sans (bold or not), in em."""
    table = _ADVANCES[bold]
    width = table.get(ch)
    if width is None:
        font = _FONTS.get(bold)
        if font is None:
            path = findfont(FontProperties(family="DejaVu Sans",
                                           weight="bold" if bold else "normal"))
            font = _FONTS[bold] = ft2font.FT2Font(path)
            font.set_size(100, 72)
        if font.get_char_index(ord(ch)):
            width = font.load_char(ord(ch), flags=_NO_HINTING).linearHoriAdvance / 6553600
        else:  # drawn from a fallback font: a fair guess
            width = 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.62
        table[ch] = width
    return width


@functools.lru_cache(maxsize=8192)
def _width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of *text* at *size* points, in inches.

    >>> round(_width("Mrs A", 10), 3)
    0.388
    """
    return sum(_advance(ch, bold) for ch in text) * size / 72


def _fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """*text* on one line, clipped with an ellipsis to at most *width* inches."""
    text = " ".join(str(text).split())
    if _width(text, size, bold) <= width:
        return text
    room = width - _width("…", size, bold)
    used, out = 0.0, []
    for ch in text:
        used += _advance(ch, bold) * size / 72
        if used > room:
            break
        out.append(ch)
    return "".join(out).rstrip() + "…"


def _wrap(text: str, width: float, size: float, indent: str = "    ") -> list[str]:
    """Greedy word wrap of *text* to lines of at most *width* inches (later lines indented)."""
    lines, line = [], ""
    for word in str(text).split():
        trial = f"{line} {word}" if line else (indent + word if lines else word)
        if line and _width(trial, size) > width:
            lines.append(line)
            line = indent + word
        else:
            line = trial
    if line:
        lines.append(line)
    return [s if _width(s, size) <= width else _fit(s, width, size) for s in lines] or [""]


def _layout(x: float, y: float, lines: list[str], size: float, ha: str, va: str,
            bold: bool, pitch: float | None):
    """Baselines, left ends and the bounding box (inches) of lines of text anchored at (x, y)."""
    em = size / 72
    step = pitch if pitch is not None else _EM_PITCH * em
    asc, desc = _EM_ASCENT * em, _EM_DESCENT * em
    n = len(lines)
    if va == "top":
        first = y - asc
    elif va == "bottom":
        first = y + desc + (n - 1) * step
    elif va == "center":
        first = y - (asc - desc) / 2 + (n - 1) * step / 2
    else:  # baseline
        first = y
    shift = {"left": 0.0, "center": 0.5, "right": 1.0}[ha]
    widths = [_width(s, size, bold) for s in lines]
    lefts = [x - shift * w for w in widths]
    baselines = [first - i * step for i in range(n)]
    box = (min(lefts), baselines[-1] - desc, max(lf + w for lf, w in zip(lefts, widths)),
           first + asc)
    return baselines, lefts, box


def _box(x, y, text, size, ha="center", va="center", bold=False, pad=0.0, pitch=None):
    """The box (x0, y0, x1, y1) in inches that :class:`_Label` would fill."""
    x0, y0, x1, y1 = _layout(x, y, text.split("\n"), size, ha, va, bold, pitch)[2]
    return (x0 - pad, y0 - pad, x1 + pad, y1 + pad)


class _Label(Text):
    """A :class:`~matplotlib.text.Text` that lays itself out without asking the renderer.

    Line breaks, alignment and the optional background box come from the
    advance widths of DejaVu Sans (:func:`_width`), so drawing costs no text
    measurement.  Each line goes to ``renderer.draw_text`` with this artist as
    ``mtext``: the SVG backend then anchors it at the label's own position
    with ``text-anchor`` (a browser using another font keeps it centred), and
    raster backends use the computed left end.  Never mathtext.
    """

    def __init__(self, x, y, text, *, size, colour="black", ha="left", va="baseline",
                 bold=False, alpha=None, pitch=None, box=None, pad=0.03, zorder=4.0):
        super().__init__(x, y, text, fontsize=size, color=colour, ha=ha, va=va,
                         fontweight="bold" if bold else "normal", alpha=alpha,
                         zorder=zorder, parse_math=False, clip_on=False)
        self._vcc = (size, bold, pitch, box, pad)

    def extent(self) -> tuple[float, float, float, float]:
        """The box the text fills, in data units (inches)."""
        size, bold, pitch, _, pad = self._vcc
        x, y = self.get_unitless_position()
        return _box(x, y, self.get_text(), size, self.get_ha(), self.get_va(), bold,
                    pad if self._vcc[3] else 0.0, pitch)

    @allow_rasterization
    def draw(self, renderer):
        if not self.get_visible() or not self.get_text():
            return
        size, bold, pitch, box, pad = self._vcc
        x, y = self.get_unitless_position()
        lines = self.get_text().split("\n")
        baselines, lefts, (x0, y0, x1, y1) = _layout(x, y, lines, size, self.get_ha(),
                                                     self.get_va(), bold, pitch)
        trans = self.get_transform()
        renderer.open_group("text", self.get_gid())
        if box:
            gc = renderer.new_gc()
            gc.set_linewidth(0)
            gc.set_alpha(box[1] * (1.0 if self.get_alpha() is None else self.get_alpha()))
            rect = Path([(x0 - pad, y0 - pad), (x1 + pad, y0 - pad), (x1 + pad, y1 + pad),
                         (x0 - pad, y1 + pad), (x0 - pad, y0 - pad)],
                        [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY])
            renderer.draw_path(gc, rect, trans, to_rgba(box[0])[:3])
            gc.restore()
        gc = renderer.new_gc()
        gc.set_foreground(to_rgba(self.get_color()), isRGBA=True)
        gc.set_alpha(self.get_alpha())
        height = renderer.get_canvas_width_height()[1]
        prop = self.get_fontproperties()
        for line, base, left in zip(lines, baselines, lefts):
            if not line:
                continue
            px, py = trans.transform((left, base))
            if renderer.flipy():
                py = height - py
            renderer.draw_text(gc, px, py, line, prop, 0.0, ismath=False, mtext=self)
        gc.restore()
        renderer.close_group("text")
        self.stale = False


def _label(ax, x, y, text, **kw) -> _Label:
    t = _Label(x, y, text, **kw)
    ax.add_artist(t)
    return t


# --------------------------------------------------------------------------------------
# Placing labels where they overlap least
# --------------------------------------------------------------------------------------


class _Space:
    """Boxes already taken on a figure (inches), in a grid for quick overlap queries."""

    def __init__(self, cell: float = 0.5) -> None:
        self.cell = cell
        self.grid: dict[tuple[int, int], list[int]] = {}
        self.boxes: list[tuple[float, float, float, float]] = []

    def _cells(self, b):
        c = self.cell
        for i in range(math.floor(b[0] / c), math.floor(b[2] / c) + 1):
            for j in range(math.floor(b[1] / c), math.floor(b[3] / c) + 1):
                yield i, j

    def overlap(self, b) -> float:
        """Total area of *b* that overlaps boxes already taken."""
        seen: set[int] = set()
        total = 0.0
        for cell in self._cells(b):
            for k in self.grid.get(cell, ()):
                if k in seen:
                    continue
                seen.add(k)
                o = self.boxes[k]
                w = min(b[2], o[2]) - max(b[0], o[0])
                h = min(b[3], o[3]) - max(b[1], o[1])
                if w > 0 and h > 0:
                    total += w * h
        return total

    def add(self, b) -> None:
        k = len(self.boxes)
        self.boxes.append(b)
        for cell in self._cells(b):
            self.grid.setdefault(cell, []).append(k)


def _outside(b, bounds) -> float:
    if bounds is None:
        return 0.0
    x0, y0, x1, y1 = bounds
    w, h = b[2] - b[0], b[3] - b[1]
    return (max(0.0, x0 - b[0]) + max(0.0, b[2] - x1)) * h + \
        (max(0.0, y0 - b[1]) + max(0.0, b[3] - y1)) * w


def _choose(space: _Space, options: list, bounds=None):
    """The first option whose box is free (and inside *bounds*), else the one overlapping least.

    *options* are ``(box, payload)`` pairs; the chosen box is marked as taken
    and its payload returned.

    >>> s = _Space()
    >>> s.add((0, 0, 1, 1))
    >>> _choose(s, [((0.5, 0.5, 1.5, 1.5), "over"), ((2, 2, 3, 3), "free")])
    'free'
    """
    best = None
    for i, (box, payload) in enumerate(options):
        cost = space.overlap(box) + 4 * _outside(box, bounds)
        if cost <= 5e-4:  # a corner's touch is no overlap
            best = (cost, box, payload)
            break
        if best is None or cost < best[0] - 1e-9:
            best = (cost, box, payload)
    space.add(best[1])
    return best[2]


# --------------------------------------------------------------------------------------
# Arrows and nodes, batched
# --------------------------------------------------------------------------------------

_HEAD_LEN, _HEAD_HALF = 0.075, 0.032  # inches
_EDGE_FRACTIONS = (0.5, 0.38, 0.62, 0.28, 0.72, 0.44, 0.56, 0.2, 0.8)
"""Where along an edge its label may go, in order of preference (staggered)."""


def _control(p, q, rad):
    """Control point of matplotlib's ``arc3`` curve from p to q (equal axis scaling)."""
    (x1, y1), (x2, y2) = p, q
    return (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)


def _bz(p, c, q, t):
    u = 1 - t
    return (u * u * p[0] + 2 * u * t * c[0] + t * t * q[0],
            u * u * p[1] + 2 * u * t * c[1] + t * t * q[1])


def _blossom(p, c, q, a, b):
    w0, w1, w2 = (1 - a) * (1 - b), (1 - a) * b + a * (1 - b), a * b
    return (w0 * p[0] + w1 * c[0] + w2 * q[0], w0 * p[1] + w1 * c[1] + w2 * q[1])


def _t_at(p, c, q, d, end: bool) -> float:
    """The parameter where the curve is *d* inches from its start (or end, with *end*)."""
    ref = q if end else p
    lo, hi = (0.5, 1.0) if end else (0.0, 0.5)
    for _ in range(14):
        mid = (lo + hi) / 2
        x, y = _bz(p, c, q, mid)
        far = math.hypot(x - ref[0], y - ref[1]) >= d
        if end:
            lo, hi = (mid, hi) if far else (lo, mid)
        else:
            lo, hi = (lo, mid) if far else (mid, hi)
    return (lo + hi) / 2


def _bow(pos, a, b, k, base, step, towards, index, inside=None) -> float:
    """The ``rad`` of the *k*-th arc between a and b: the first bows toward *towards*.

    Later arcs between the same two nodes (either way round) alternate sides and
    bow further, so parallel and opposite relations never share a curve; a side
    whose arc would leave the *inside* box (x0, y0, x1, y1) is skipped.
    """
    flip = index[a] > index[b]
    p, q = (pos[b], pos[a]) if flip else (pos[a], pos[b])
    cx, cy = _control(p, q, base)
    ox, oy = _control(p, q, -base)
    sign = 1 if (cx - towards[0]) ** 2 + (cy - towards[1]) ** 2 <= \
        (ox - towards[0]) ** 2 + (oy - towards[1]) ** 2 else -1
    sides = [sign * (base + step * (i // 2)) * (1 if i % 2 == 0 else -1)
             for i in range(2 * k + 2)]
    if inside is not None:
        def fits(rad):
            c = _control(p, q, rad)
            mx, my = _bz(p, c, q, 0.5)
            return inside[0] <= mx <= inside[2] and inside[1] <= my <= inside[3]
        kept = [r for r in (sign * (base + step * j) * e for j in range(k + 1)
                            for e in (1, -1)) if fits(r)]
        if len(kept) > k:
            sides = kept
    rad = sides[k]
    return -rad if flip else rad


class _Curve:
    """One drawn edge: its Bézier control points and the visible range of t."""

    __slots__ = ("p", "c", "q", "t0", "t1")

    def __init__(self, p, c, q, t0, t1):
        self.p, self.c, self.q, self.t0, self.t1 = p, c, q, t0, t1

    def at(self, f: float, off: float = 0.0):
        """The point at fraction *f* of the visible curve, *off* inches to its left."""
        t = self.t0 + f * (self.t1 - self.t0)
        x, y = _bz(self.p, self.c, self.q, t)
        if off:
            p, c, q = self.p, self.c, self.q
            dx = (1 - t) * (c[0] - p[0]) + t * (q[0] - c[0])
            dy = (1 - t) * (c[1] - p[1]) + t * (q[1] - c[1])
            n = math.hypot(dx, dy) or 1.0
            x, y = x - off * dy / n, y + off * dx / n
        return x, y


class _Edges:
    """Arrows of a figure, drawn as one path collection and one collection of heads."""

    def __init__(self) -> None:
        self.items: list[tuple] = []

    def add(self, p, q, *, colour, style="-", width=1.2, alpha=1.0, rad=0.15, head=True,
            shrink=0.11, layer=1) -> _Curve:
        c = _control(p, q, rad)
        rgba = to_rgba(colour, alpha)
        chord = math.hypot(q[0] - p[0], q[1] - p[1])
        if chord <= 2 * shrink + _HEAD_LEN:  # too short to trim: draw it whole
            t0, t1 = 0.0, 1.0
            tl, head_poly = 1.0, None
        else:
            t0 = _t_at(p, c, q, shrink, end=False)
            t1 = _t_at(p, c, q, shrink, end=True)
            tl, head_poly = t1, None
            if head:
                tb = _t_at(p, c, q, shrink + _HEAD_LEN, end=True)
                tl = _t_at(p, c, q, shrink + 0.7 * _HEAD_LEN, end=True)
                tip, base = _bz(p, c, q, t1), _bz(p, c, q, tb)
                dx, dy = tip[0] - base[0], tip[1] - base[1]
                n = math.hypot(dx, dy) or 1.0
                nx, ny = -dy / n * _HEAD_HALF, dx / n * _HEAD_HALF
                head_poly = [tip, (base[0] + nx, base[1] + ny), (base[0] - nx, base[1] - ny)]
        verts = [_blossom(p, c, q, t0, t0), _blossom(p, c, q, t0, tl),
                 _blossom(p, c, q, tl, tl)]
        self.items.append((layer, len(self.items), verts, head_poly, rgba, style, width))
        return _Curve(p, c, q, t0, t1)

    def draw(self, ax, zorder: float = 2.0) -> None:
        if not self.items:
            return
        items = sorted(self.items, key=lambda it: (it[0], it[1]))
        codes = [Path.MOVETO, Path.CURVE3, Path.CURVE3]
        lines = PathCollection([Path(it[2], codes) for it in items], facecolors="none",
                               edgecolors=[it[4] for it in items],
                               linewidths=[it[6] for it in items],
                               linestyles=[it[5] for it in items], capstyle="butt",
                               zorder=zorder, clip_on=False)
        ax.add_collection(lines, autolim=False)
        heads = [it for it in items if it[3] is not None]
        if heads:
            poly = PolyCollection([it[3] for it in heads], facecolors=[it[4] for it in heads],
                                  edgecolors=[it[4] for it in heads], linewidths=0.4,
                                  zorder=zorder, clip_on=False)
            ax.add_collection(poly, autolim=False)


class _Nodes:
    """Markers of a figure: one line artist per marker shape, size and colour."""

    def __init__(self) -> None:
        self.groups: dict[tuple, tuple[list, list]] = {}

    def add(self, xy, kind, *, colour="black", alpha=1.0, size=9.0) -> tuple:
        key = (KIND_MARKER.get(kind, "X"), size, colour, alpha)
        xs, ys = self.groups.setdefault(key, ([], []))
        xs.append(xy[0])
        ys.append(xy[1])
        r = size / 144 + 0.01
        return (xy[0] - r, xy[1] - r, xy[0] + r, xy[1] + r)

    def draw(self, ax, zorder: float = 3.0) -> None:
        for (marker, size, colour, alpha), (xs, ys) in self.groups.items():
            line = Line2D(xs, ys, marker=marker, markersize=size, markerfacecolor=NODE_FACE,
                          markeredgecolor=colour, markeredgewidth=1.5, linestyle="none",
                          alpha=alpha, zorder=zorder, clip_on=False)
            ax.add_artist(line)


def _edge_label(ax, space, curve: _Curve, text, colour, size=7.0, alpha=1.0,
                fractions=_EDGE_FRACTIONS, bounds=None) -> None:
    """A relation label on *curve*, at the first staggered fraction where it overlaps nothing.

    When every place on the curve is taken, the label may sit just beside it.
    """
    options = []
    lift = size / 72 * 0.75
    for off in (0.0, lift, -lift, 2 * lift, -2 * lift):
        for f in (fractions if not off else fractions[:5]):
            x, y = curve.at(f, off)
            options.append((_box(x, y, text, size, pad=0.025), (x, y)))
    x, y = _choose(space, options, bounds)
    _label(ax, x, y, text, size=size, colour=_ink(colour), ha="center", va="center",
           alpha=alpha, box=("white", 0.85), pad=0.02, zorder=4.5)


# --------------------------------------------------------------------------------------
# Page furniture: canvas, title, legend, key
# --------------------------------------------------------------------------------------


def _canvas(height: float) -> tuple[Figure, object]:
    """A figure WIDTH_IN x height inches with one axes whose data units are inches."""
    fig = Figure(figsize=(WIDTH_IN, height), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH_IN)
    ax.set_ylim(0, height)
    ax.set_autoscale_on(False)
    ax.set_axis_off()
    return fig, ax


def _add_rect(ax, xy, w, h, **kw) -> None:
    rect = Rectangle(xy, w, h, clip_on=False, **kw)
    ax.add_artist(rect)


def _title(ax, height, title, sub) -> None:
    _label(ax, 0.15, height - 0.12, _t(title, 70, 2), size=12, bold=True, va="top")
    _label(ax, 0.15, height - (0.62 if len(title) > 70 else 0.42), sub, size=8.5, va="top",
           colour="#333333")


_LEGEND_SIZE, _LEGEND_PITCH, _SAMPLE_W = 7.5, 0.16, 0.34


def _line_entry(label, colour="black", style="-", width=1.4):
    return ("line", (colour, style, width), label)


def _kind_entries(case: Case) -> list:
    present = {ds.primary_kind(c) for c in case.components}
    return [("marker", KIND_MARKER[k], k) for k in SUGGESTED_KINDS if k in present]


def _legend_plan(columns: list[list]) -> tuple[float, list]:
    """Place legend columns left to right, wrapping to a new band; returns (height, plan)."""
    plan, x, band_top, band_rows = [], 0.15, 0.0, 0
    for col in columns:
        if not col:
            continue
        w = _SAMPLE_W + 0.08 + max(_width(e[2], _LEGEND_SIZE) for e in col) + 0.25
        if x + w > WIDTH_IN - 0.05 and x > 0.15:
            band_top += band_rows * _LEGEND_PITCH + 0.06
            x, band_rows = 0.15, 0
        plan.append((x, band_top, col))
        x += w
        band_rows = max(band_rows, len(col))
    return band_top + band_rows * _LEGEND_PITCH + 0.08, plan


def _draw_leaders(ax, leaders: list) -> None:
    """Thin grey lines from nodes to labels that had to move away from them."""
    if leaders:
        ax.add_collection(LineCollection([seg for seg, _ in leaders],
                                         colors=[to_rgba("#888888", a) for _, a in leaders],
                                         linewidths=0.6, zorder=3.5, clip_on=False),
                          autolim=False)


def _draw_legend(ax, y_top: float, plan: list) -> None:
    segs, seg_style = [], []
    markers: dict[str, tuple[list, list]] = {}
    for x, dy, col in plan:
        first = y_top - dy - 0.1
        _label(ax, x + _SAMPLE_W + 0.08, first, "\n".join(e[2] for e in col),
               size=_LEGEND_SIZE, pitch=_LEGEND_PITCH, colour="#222222")
        for i, (kind, spec, _) in enumerate(col):
            y = first - i * _LEGEND_PITCH + 0.035
            if kind == "line":
                segs.append([(x, y), (x + _SAMPLE_W, y)])
                seg_style.append(spec)
            elif kind == "marker":
                xs, ys = markers.setdefault(spec, ([], []))
                xs.append(x + _SAMPLE_W / 2)
                ys.append(y)
            else:  # a text mark
                _label(ax, x + _SAMPLE_W / 2, y, spec, size=_LEGEND_SIZE + 0.5, bold=True,
                       ha="center", va="center")
    if segs:
        ax.add_collection(LineCollection(
            segs, colors=[s[0] for s in seg_style], linestyles=[s[1] for s in seg_style],
            linewidths=[s[2] for s in seg_style], capstyle="butt", clip_on=False, zorder=5),
            autolim=False)
    for marker, (xs, ys) in markers.items():
        ax.add_artist(Line2D(xs, ys, marker=marker, markersize=7, linestyle="none",
                             markerfacecolor=NODE_FACE, markeredgecolor="black",
                             markeredgewidth=1.2, clip_on=False, zorder=5))


def _columns(entries: list, rows: int) -> list[list]:
    return [entries[i:i + rows] for i in range(0, len(entries), rows)]


_KEY_SIZE, _KEY_PITCH = 7.2, 0.165


def _key_height(n: int, ncol: int = 2) -> float:
    return math.ceil(n / ncol) * _KEY_PITCH


def _draw_key(ax, y_top, items, ncol=2) -> float:
    """Text items in columns from y_top downwards, each clipped to its column; returns the height."""
    if not items:
        return 0.0
    rows = math.ceil(len(items) / ncol)
    col_w = (WIDTH_IN - 0.3) / ncol
    for col in range(ncol):
        chunk = items[col * rows:(col + 1) * rows]
        if chunk:
            _label(ax, 0.15 + col * col_w, y_top,
                   "\n".join(_fit(s, col_w - 0.2, _KEY_SIZE) for s in chunk),
                   size=_KEY_SIZE, va="top", pitch=_KEY_PITCH, colour="#222222")
    return rows * _KEY_PITCH


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

_SPHERE_NOTE = {"provider": "closed to the user", "user": "closed to the provider",
                "joint": "open to both"}


def _sphere_columns(counts: dict[str, int], budget: int) -> tuple[int, dict, dict]:
    """Rows, sub-columns per sphere and (x0, width) of each sphere's column.

    The fewest rows such that the spheres need at most *budget* sub-columns in
    all; each column is as wide as its sub-columns need (at least 1.6 in, so
    its heading fits).

    >>> rows, sub, spans = _sphere_columns({"provider": 13, "joint": 7, "user": 4}, 6)
    >>> rows, sub
    (5, {'provider': 3, 'joint': 2, 'user': 1})
    """
    rows = 1
    while sum(max(1, math.ceil(counts[s] / rows)) for s in SPHERES) > budget:
        rows += 1
    sub = {s: max(1, math.ceil(counts[s] / rows)) for s in SPHERES}
    total = sum(sub.values())
    width = {s: WIDTH_IN * sub[s] / total for s in SPHERES}
    narrow = [s for s in SPHERES if width[s] < 1.6]
    if narrow and len(narrow) < len(SPHERES):
        rest = WIDTH_IN - 1.6 * len(narrow)
        wide = sum(sub[s] for s in SPHERES if s not in narrow)
        width = {s: 1.6 if s in narrow else rest * sub[s] / wide for s in SPHERES}
    spans, x = {}, 0.0
    for s in SPHERES:
        spans[s] = (x, width[s])
        x += width[s]
    return rows, sub, spans


def _neighbours(case: Case) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in case.relations:
        if r.source != r.target and r.source in case._components and \
                r.target in case._components:
            out.setdefault(r.source, []).append(r.target)
            out.setdefault(r.target, []).append(r.source)
    return out


def _barycentre(groups: dict, sub: dict, rows: int, slot, neigh: dict, index: dict,
                rounds: int = 4) -> dict[str, tuple[float, float]]:
    """Slots for each group's members, ordered so that linked components sit near each other.

    Members start in file order; then, a few times over, each group's members
    are sorted by the mean x of their neighbours into sub-columns (*rows* to a
    sub-column) and, within a sub-column, by their neighbours' mean y.  Ties keep
    file order, so the layout is deterministic.
    """
    pos = {}
    for g, ids in groups.items():
        for n, cid in enumerate(ids):
            pos[cid] = slot(g, *divmod(n, rows))
    for _ in range(rounds):
        for g, ids in groups.items():
            if len(ids) < 2:
                continue
            bx, by = {}, {}
            for cid in ids:
                ns = [pos[n] for n in neigh.get(cid, ()) if n in pos]
                if ns:
                    bx[cid] = sum(p[0] for p in ns) / len(ns)
                    by[cid] = sum(p[1] for p in ns) / len(ns)
                else:
                    bx[cid], by[cid] = pos[cid]
            order = sorted(ids, key=lambda c: (bx[c], index[c]))
            for j in range(sub[g]):
                chunk = sorted(order[j * rows:(j + 1) * rows], key=lambda c: (-by[c], index[c]))
                for r, cid in enumerate(chunk):
                    pos[cid] = slot(g, j, r)
    return pos


def _node_label(ax, space, xy, text, size, bounds, gap=0.12, alpha=1.0) -> None:
    """A component label below its node, else above, right or left: wherever it overlaps least."""
    x, y = xy
    options = []
    for dx, dy, ha, va in ((0, -gap, "center", "top"), (0, gap, "center", "bottom"),
                           (gap, 0, "left", "center"), (-gap, 0, "right", "center")):
        options.append((_box(x + dx, y + dy, text, size, ha, va, pad=0.03,
                             pitch=size / 72 * 1.08), (x + dx, y + dy, ha, va)))
    lx, ly, ha, va = _choose(space, options, bounds)
    _label(ax, lx, ly, text, size=size, ha=ha, va=va, pitch=size / 72 * 1.08, alpha=alpha,
           box=("white", 0.7), pad=0.015)


def _sphere_legend(case: Case) -> list[list]:
    return ([[_line_entry("direct"), _line_entry("indirect", style="--"),
              _line_entry("in no sphere", FAINT, ":", 1.0),
              ("mark", "!", "value destruction claimed")],
             [_line_entry(f"{s} sphere ({SPHERE_STYLE[s][1]})", SPHERE_STYLE[s][0], "-", 2.5)
              for s in SPHERES]]
            + _columns(_kind_entries(case), 4))


def _sphere_figure(case: Case) -> Figure:
    if ds.aggregated(case):
        return _sphere_aggregated_figure(case)
    place = sl.component_spheres(case)
    rows = sl.sphere_table(case)
    unplaced_rel = sl.unplaced_relations(case)
    destroyed = {d.relation for d in sl.destruction_points(case) if d.relation}
    index = {c.id: i for i, c in enumerate(case.components)}
    members = {s: [c.id for c in case.components if place[c.id] == s] for s in SPHERES}
    loose = [c.id for c in case.components if place[c.id] is None]
    dense = sum(len(v) for v in members.values()) > 48
    size, wrap, pitch = (6.5, 14, 0.72) if dense else (7.5, 18, 0.86)
    n_rows, sub, spans = _sphere_columns({s: len(v) for s, v in members.items()},
                                         8 if dense else 6)
    stagger = any(sub[s] > 1 for s in SPHERES)
    body = 0.32 + (n_rows - 1) * pitch + (pitch / 2 if stagger else 0) + 0.62
    per_row = 8 if dense else 6
    loose_rows = math.ceil(len(loose) / per_row)
    loose_h = (0.4 + loose_rows * pitch) if loose else 0.0
    top_pad = 1.35
    key = [f"{r.id}: {r.does}" for r in case.relations]
    show_key = len(key) <= 40
    key_h = (0.25 + _key_height(len(key))) if show_key and key else 0.3
    legend_h, plan = _legend_plan(_sphere_legend(case))
    height = top_pad + body + loose_h + 0.1 + legend_h + key_h + 0.1
    fig, ax = _canvas(height)
    _title(ax, height, f"Service lens: {case.title}",
           "Sphere diagram after Grönroos & Voima: "
           f"{ds._plural(len(case.components), 'component')}, "
           f"{ds._plural(len(rows), 'interaction')}, {ds._plural(len(unplaced_rel), 'relation')} "
           "in no sphere")
    y_top = height - top_pad
    space = _Space()
    for s in SPHERES:
        colour, mark, bg = SPHERE_STYLE[s]
        x0, w = spans[s]
        _add_rect(ax, (x0 + 0.05, y_top - body), w - 0.1, body + 0.42, facecolor=bg,
                  edgecolor=colour, linewidth=1.0, zorder=0)
        head = _fit(f"{ds.SPHERE_NAMES[s]} ({mark})", w - 0.2, 8.5, bold=True)
        _label(ax, x0 + w / 2, y_top + 0.29, head, size=8.5, bold=True, ha="center",
               va="center")
        _label(ax, x0 + w / 2, y_top + 0.12, _fit(_SPHERE_NOTE[s], w - 0.2, 7.5), size=7.5,
               ha="center", va="center", colour="#333333")
        space.add((x0, y_top + 0.02, x0 + w, y_top + 0.42))

    def slot(s, j, r):
        x0, w = spans[s]
        return (x0 + (j + 0.5) * w / sub[s],
                y_top - 0.32 - r * pitch - (pitch / 2 if sub[s] > 1 and j % 2 else 0))

    neigh = _neighbours(case)
    pos = _barycentre(members, sub, n_rows, slot, neigh, index)
    bounds = {s: (spans[s][0] + 0.06, y_top - body, spans[s][0] + spans[s][1] - 0.06,
                  y_top + 0.02) for s in SPHERES}
    if loose:
        y0 = y_top - body - 0.12
        _label(ax, 0.15, y0, ds.SPHERE_NAMES[None], size=8.5, bold=True, va="top")
        space.add((0.1, y0 - 0.16, 0.15 + _width(ds.SPHERE_NAMES[None], 8.5, True), y0))

        def loose_slot(_, row, k):
            return (WIDTH_IN * (k + 0.5) / per_row, y0 - 0.42 - row * pitch)

        pos.update(_barycentre({None: loose}, {None: loose_rows}, per_row, loose_slot, neigh,
                               index))
        bounds[None] = (0.05, y0 - loose_h, WIDTH_IN - 0.05, y0 - 0.18)
    nodes = _Nodes()
    for c in case.components:
        space.add(nodes.add(pos[c.id], ds.primary_kind(c), size=8 if dense else 9))
    for c in case.components:
        roles = sl._roles(case, c.id)
        text = _t(c.label, wrap, 2 if dense else 3)
        if roles:
            text += "\n(" + _fit(", ".join(roles), 0.2 + wrap * size / 72 * 0.55, size) + ")"
        _node_label(ax, space, pos[c.id], text, size, bounds[place[c.id]])
    # edges: interactions, then the relations in no sphere, faint and underneath
    edges = _Edges()
    pairs: dict[frozenset, int] = {}

    middle = (WIDTH_IN / 2, y_top - body / 2)

    def rad_for(a: str, b: str) -> float:
        k = pairs.get(frozenset((a, b)), 0)
        pairs[frozenset((a, b))] = k + 1
        (x1, y1), (x2, y2) = pos[a], pos[b]
        bump = 0.1 if abs(y2 - y1) < 0.25 and abs(x2 - x1) > 1.0 else \
            0.12 if abs(x2 - x1) < 0.25 and abs(y2 - y1) > 1.2 * pitch else 0.0
        return _bow(pos, a, b, k, 0.18 + bump, 0.14, middle, index,
                    (0.1, y_top - body - loose_h, WIDTH_IN - 0.1, y_top - 0.05))

    labels = []
    for r in rows:
        if r.source not in pos or r.target not in pos or r.source == r.target:
            continue
        colour, mark, _ = SPHERE_STYLE.get(r.sphere, ("black", "?", ""))
        curve = edges.add(pos[r.source], pos[r.target], colour=colour,
                          style=MODE_STYLE.get(r.mode, "-"), rad=rad_for(r.source, r.target),
                          width=1.4)
        flag = " !" if r.relation in destroyed else ""
        labels.append((curve, f"{r.relation} {mark}{flag}", colour))
    for rid in unplaced_rel:
        r = case.relation(rid)
        if r.source not in pos or r.target not in pos or r.source == r.target:
            continue
        curve = edges.add(pos[r.source], pos[r.target], colour=FAINT, style=":",
                          rad=rad_for(r.source, r.target), width=1.0, layer=0)
        labels.append((curve, rid, "#666666"))
    whole = (0.05, y_top - body - loose_h, WIDTH_IN - 0.05, y_top + 0.02)
    for curve, text, colour in labels:
        _edge_label(ax, space, curve, text, colour, bounds=whole)
    edges.draw(ax)
    nodes.draw(ax)
    # legend and key
    y = y_top - body - loose_h - 0.1
    _draw_legend(ax, y, plan)
    y -= legend_h
    if show_key and key:
        _label(ax, 0.15, y, "Relations", size=8, bold=True, va="top")
        _draw_key(ax, y - 0.22, key)
    else:
        _label(ax, 0.15, y, f"{len(key)} relations: see the text description for each.",
               size=8, va="top")
    return fig


def _sphere_aggregated_figure(case: Case) -> Figure:
    groups = ds.sphere_groups(case)
    links, within = ds.sphere_links(case)
    shown = dict(list(links.items())[:ds.AGGREGATE_LINKS])
    by_sphere: dict = {}
    for g in groups:
        by_sphere.setdefault(g[0], []).append(g)
    n_rows = max([len(by_sphere.get(s, [])) for s in SPHERES] + [1])
    pitch, top_pad = 0.95, 1.35
    body = 0.45 + (n_rows - 1) * pitch + 0.6
    loose = by_sphere.get(None, [])
    loose_h = (0.4 + 0.9) if loose else 0.0
    legend_cols = [[_line_entry(f"{s} sphere ({SPHERE_STYLE[s][1]})", SPHERE_STYLE[s][0], "-",
                                2.5) for s in SPHERES],
                   [_line_entry("in no sphere", FAINT, ":", 1.5),
                    ("marker", "o", "one role in one sphere (size: components)")]]
    legend_h, plan = _legend_plan(legend_cols)
    height = top_pad + body + loose_h + 0.1 + legend_h + 0.5
    fig, ax = _canvas(height)
    n_int, n_loose = len(sl.sphere_table(case)), len(sl.unplaced_relations(case))
    _title(ax, height, f"Service lens: {case.title}",
           f"Aggregated by role: {len(case.components)} components (more than "
           f"{ds.AGGREGATE_ABOVE}), {ds._plural(n_int, 'interaction')}, {n_loose} relations in "
           "no sphere")
    y_top = height - top_pad
    col_w = WIDTH_IN / 3
    space = _Space()
    pos = {}
    for i, s in enumerate(SPHERES):
        colour, mark, bg = SPHERE_STYLE[s]
        _add_rect(ax, (i * col_w + 0.05, y_top - body), col_w - 0.1, body + 0.42, facecolor=bg,
                  edgecolor=colour, linewidth=1.0, zorder=0)
        _label(ax, i * col_w + col_w / 2, y_top + 0.29, f"{ds.SPHERE_NAMES[s]} ({mark})",
               size=8.5, bold=True, ha="center", va="center")
        _label(ax, i * col_w + col_w / 2, y_top + 0.12, _SPHERE_NOTE[s], size=7.5,
               ha="center", va="center", colour="#333333")
        space.add((i * col_w, y_top + 0.02, (i + 1) * col_w, y_top + 0.42))
        for j, g in enumerate(by_sphere.get(s, [])):
            pos[g] = (i * col_w + col_w / 2 + (0.5 if j % 2 else -0.5),
                      y_top - 0.45 - j * pitch)
    if loose:
        y0 = y_top - body - 0.12
        _label(ax, 0.15, y0, ds.SPHERE_NAMES[None], size=8.5, bold=True, va="top")
        for k, g in enumerate(loose):
            pos[g] = (WIDTH_IN * (k + 0.5) / max(len(loose), 3), y0 - 0.5)
    biggest = max(len(ids) for ids in groups.values())
    nodes = _Nodes()
    for g, ids in groups.items():
        space.add(nodes.add(pos[g], "person", size=9 + 9 * math.sqrt(len(ids) / biggest)))
    for g, ids in groups.items():
        text = f"{_clip(g[1], 24)}: {ds._plural(len(ids), 'component')}"
        if g in within:
            text += f"\n{ds._plural(within[g], 'relation')} within"
        i = SPHERES.index(g[0]) if g[0] in SPHERES else None
        bounds = ((i * col_w + 0.06, y_top - body, (i + 1) * col_w - 0.06, y_top)
                  if i is not None else (0.05, 0, WIDTH_IN - 0.05, y_top - body))
        _node_label(ax, space, pos[g], text, 7.5, bounds, gap=0.17)
    edges = _Edges()
    top = max(shown.values(), default=1)
    pairs: dict[frozenset, int] = {}
    index = {g: i for i, g in enumerate(groups)}
    middle = (WIDTH_IN / 2, y_top - body / 2)
    labels = []
    for (ga, gb, sphere), m in shown.items():
        k = pairs.get(frozenset((ga, gb)), 0)
        pairs[frozenset((ga, gb))] = k + 1
        colour, mark, _ = SPHERE_STYLE.get(sphere, (FAINT, "", ""))
        curve = edges.add(pos[ga], pos[gb], colour=colour, style=":" if sphere is None else "-",
                          rad=_bow(pos, ga, gb, k, 0.12, 0.12, middle, index),
                          width=0.8 + 3.2 * m / top, head=False, shrink=0.15,
                          layer=0 if sphere is None else 1)
        labels.append((curve, f"{m} {mark}".strip(), "#666666" if sphere is None else colour))
    for curve, text, colour in labels:
        _edge_label(ax, space, curve, text, colour)
    edges.draw(ax)
    nodes.draw(ax)
    y = y_top - body - loose_h - 0.1
    _draw_legend(ax, y, plan)
    more = (f"The {len(shown)} largest of {len(links)} links between roles are drawn; "
            if len(links) > len(shown) else "")
    note = (f"{more}lines join roles either way round, and their width and numbers count "
            "relations. The text description lists every link.")
    _label(ax, 0.15, y - legend_h, "\n".join(_wrap(note[0].upper() + note[1:], WIDTH_IN - 0.3,
                                                   8, indent="")),
           size=8, va="top")
    return fig


def sphere_diagram(case: Case) -> Drawn:
    """The service reading as Grönroos & Voima's three spheres.

    Three columns (provider, joint and user sphere; the user sphere is their
    customer sphere), each as wide as its components need; components are
    placed by :func:`~vcc_helpers.lenses.service.component_spheres`, ordered so
    that linked components sit near each other, marked by kind, with their
    roles under the label.  Interactions are arrows coloured by sphere and
    marked P/J/U, solid when direct and dashed when indirect; ``!`` marks a
    claim of value destruction.  Relations the reading places in no sphere are
    drawn faint and dotted, and components it does not place sit in a band
    below.  A key lists every relation's ``does``.  Past
    :data:`~vcc_helpers.describe.AGGREGATE_ABOVE` components the diagram shows
    one node per role in each sphere, with relation counts, and says so in
    its title and alt text.

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
    caption = (f"Service lens: sphere diagram of '{case.title}'. Solid arrows are direct "
               "interactions, dashed indirect; P, J and U mark the sphere; dotted grey "
               "relations are in no sphere.")
    if ds.aggregated(case):
        caption = (f"Service lens: sphere diagram of '{case.title}', aggregated by role; "
                   "numbers count relations between roles, P, J and U mark the sphere.")
    return Drawn(fig, ds.alt_text(case, "service"), caption, ds.long_description(case, "service"))


# --------------------------------------------------------------------------------------
# The assemblage map
# --------------------------------------------------------------------------------------


def _circle(ids: list[str], centre: tuple[float, float], radius: float) -> dict[str, tuple]:
    n = max(len(ids), 1)
    return {cid: (centre[0] + radius * math.cos(math.pi / 2 - 2 * math.pi * i / n),
                  centre[1] + radius * math.sin(math.pi / 2 - 2 * math.pi * i / n))
            for i, cid in enumerate(ids)}


def _ring_label(ax, space, pos, centre, text, size, alpha=1.0, gaps=(0.16, 0.3, 0.44),
                bounds=None, far=(0.58,), leaders=None) -> None:
    """A label outside a ring of nodes: out from the node, else beside it, else further out.

    The candidates, in order: *gaps* inches out along the radius; above and
    below a node at the side of the ring; *far* inches out.  The first that
    overlaps nothing (and stays inside *bounds*) wins, else the least bad.  A
    label pushed out further than the first gap gets a leader line (appended
    to *leaders*, to be drawn in one collection).
    """
    x, y = pos
    dx, dy = x - centre[0], y - centre[1]
    d = math.hypot(dx, dy) or 1.0
    ha = "left" if dx > 0.08 * d else "right" if dx < -0.08 * d else "center"
    va = "bottom" if dy > 0.5 * d else "top" if dy < -0.5 * d else "center"
    pitch = size / 72 * 1.05
    spots = [(x + g * dx / d, y + g * dy / d, ha, va) for g in gaps]
    if va == "center":
        spots += [(x, y + 0.12, "center", "bottom"), (x, y - 0.12, "center", "top")]
    spots += [(x + g * dx / d, y + g * dy / d, ha, va) for g in far]
    options = [(_box(lx, ly, text, size, h, v, pad=0.03, pitch=pitch), (lx, ly, h, v))
               for lx, ly, h, v in spots]
    lx, ly, ha, va = _choose(space, options, bounds)
    _label(ax, lx, ly, text, size=size, ha=ha, va=va, alpha=alpha, pitch=pitch)
    reach = math.hypot(lx - x, ly - y)
    if leaders is not None and reach > gaps[0] + 0.05:
        ux, uy = (lx - x) / reach, (ly - y) / reach
        leaders.append(([(x + 0.09 * ux, y + 0.09 * uy), (lx - 0.03 * ux, ly - 0.03 * uy)],
                        alpha))


def _flight_panel(case: Case, episode: str | None) -> tuple[list[str], list[str]]:
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


_PANEL_SIZE, _PANEL_PITCH = 7.2, 0.16


def _wrapped_block(lines: list[str], cap=10) -> list[str]:
    out = []
    for s in lines[:cap]:
        out.extend(_wrap(s, WIDTH_IN - 0.35, _PANEL_SIZE))
    if len(lines) > cap:
        out.append(f"... and {len(lines) - cap} more (see the text description).")
    return out


def _assemblage_legend(case: Case) -> list[list]:
    return ([[_line_entry(d, style=DIRECTION_STYLE[d]) for d in ("enhances", "diminishes",
                                                                 "unclear")]
             + [_line_entry("no affect recorded", FAINT, "-", 1.0)]]
            + [[_line_entry(f"{ds.TENDENCY_MARKS[t]} {t}", TENDENCY_COLOUR[t], "-", 2.5)
                for t in TENDENCY_COLOUR]]
            + _columns(_kind_entries(case), 5))


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
    panel_h = (0.3 + _PANEL_PITCH * len(panel)) if panel else 0
    top_pad = 1.0
    legend_h, plan = _legend_plan(_assemblage_legend(case))
    map_h = 2 * radius + 1.6
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
    space = _Space()
    nodes = _Nodes()
    leaders: list = []
    for _, c in comps:
        alpha = 1.0 if in_ep is None or c.id in in_ep else 0.3
        space.add(nodes.add(pos[c.id], ds.primary_kind(c), alpha=alpha))
    for _, c in comps:
        alpha = 1.0 if in_ep is None or c.id in in_ep else 0.3
        _ring_label(ax, space, pos[c.id], centre, _t(c.label, lab_w, lab_lines), size, alpha,
                    bounds=(0.05, height - top_pad - map_h, WIDTH_IN - 0.05, height - top_pad),
                    leaders=leaders)
    _draw_leaders(ax, leaders)
    pairs: dict[frozenset, int] = {}

    def rad_for(a: str, b: str) -> float:
        k = pairs.get(frozenset((a, b)), 0)
        pairs[frozenset((a, b))] = k + 1
        return 0.15 + 0.12 * k

    edges = _Edges()
    labels = []
    with_affect = {a.relation for a in rows}
    for r in case.relations:
        if r.id in with_affect:
            continue
        if r.source not in pos or r.target not in pos or r.source == r.target:
            continue
        alpha = 1.0 if episode is None or r.episode == episode else 0.15
        curve = edges.add(pos[r.source], pos[r.target], colour=FAINT, style="-",
                          rad=rad_for(r.source, r.target), width=0.8, alpha=alpha, layer=0)
        if alpha == 1.0:
            labels.append((curve, r.id, "#666666", 6.5))
    for a in rows:
        if a.by not in pos or a.on not in pos or a.by == a.on:
            continue
        alpha = 1.0 if episode is None or a.episode == episode else 0.15
        colour = TENDENCY_COLOUR.get(a.tendency, "black")
        curve = edges.add(pos[a.by], pos[a.on], colour=colour,
                          style=DIRECTION_STYLE.get(a.direction, ":"), rad=rad_for(a.by, a.on),
                          width=1.4, alpha=alpha, layer=1 if alpha == 1.0 else 0)
        if alpha == 1.0:
            labels.append((curve, f"{a.relation} {ds.TENDENCY_MARKS.get(a.tendency, '?')}",
                           colour, 7.0))
    for curve, text, colour, lsize in labels:
        _edge_label(ax, space, curve, text, colour, size=lsize)
    edges.draw(ax)
    nodes.draw(ax)
    y = height - top_pad - map_h + 0.05
    _draw_legend(ax, y, plan)
    y -= legend_h
    if panel:
        _label(ax, 0.15, y, "Lines of flight (LF; each with its danger) and territories",
               size=8, bold=True, va="top")
        _label(ax, 0.15, y - 0.22, "\n".join(panel), size=_PANEL_SIZE, va="top",
               pitch=_PANEL_PITCH, colour="#222222")
    return fig


def _aggregated_figure(case: Case) -> Figure:
    rows = al.affect_rows(case)
    kinds = {c.id: ds.primary_kind(c) for c in case.components}
    counts = ds._kind_counts(case)
    edges_n: dict[tuple[str, str], int] = {}
    for a in rows:
        key = (kinds.get(a.by, "other"), kinds.get(a.on, "other"))
        edges_n[key] = edges_n.get(key, 0) + 1
    radius, top_pad = 2.2, 1.0
    legend_h, plan = _legend_plan(_columns(_kind_entries(case), 2))
    map_h = 2 * radius + 1.4
    height = top_pad + map_h + legend_h
    fig, ax = _canvas(height)
    _title(ax, height, f"Assemblage lens: {case.title}",
           f"Aggregated by kind: {len(case.components)} components (more than "
           f"{ds.AGGREGATE_ABOVE}), {len(rows)} affects; line width and numbers count affects")
    centre = (WIDTH_IN / 2, height - top_pad - map_h / 2)
    pos = _circle(list(counts), centre, radius)
    top = max(edges_n.values(), default=1)
    biggest = max(counts.values())
    space = _Space()
    nodes = _Nodes()
    for k, m in counts.items():
        space.add(nodes.add(pos[k], k, size=9 + 8 * math.sqrt(m / biggest)))
    for k, m in counts.items():
        inner = edges_n.get((k, k), 0)
        extra = f"; {inner} affects within" if inner else ""
        _ring_label(ax, space, pos[k], centre, _t(f"{k} ({m}{extra})", 22, 2), 8,
                    gaps=(0.3,), far=(0.55,))
    edges = _Edges()
    labels = []
    for (k1, k2), m in sorted(edges_n.items()):
        if k1 == k2:
            continue
        curve = edges.add(pos[k1], pos[k2], colour="black", rad=0.15,
                          width=0.6 + 3.0 * m / top, shrink=0.14)
        labels.append((curve, str(m)))
    for curve, text in labels:
        _edge_label(ax, space, curve, text, "black")
    edges.draw(ax)
    nodes.draw(ax)
    _draw_legend(ax, height - top_pad - map_h + 0.05, plan)
    return fig


def assemblage_map(case: Case, episode: str | None = None) -> Drawn:
    """The assemblage reading as a map of components and affects.

    Components sit on a circle grouped by kind (a fixed, deterministic
    layout), marked by kind.  Each affect is an arrow from the component that
    acts to the one whose capacity changes: solid when it enhances, dashed when
    it diminishes, dotted when unclear; coloured by tendency *and* labelled with
    the relation id and a mark (T territorialising, D deterritorialising, R
    reterritorialising, A ambivalent, ? unclear), each label at the first of a
    few staggered places along its arrow where it overlaps no other label.
    Relations with no affect are thin grey lines.  Lines of flight (with their
    dangers and captures) and territories are listed under the map.  With
    *episode*, that episode's relations are drawn in full and the rest faded.
    Past :data:`~vcc_helpers.describe.AGGREGATE_ABOVE` components the map shows
    one node per kind with affect counts, and says so in its title and alt text.

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
    panel_ids = [list(dict.fromkeys(x for r in rels for x in (r.source, r.target)
                                    if x in case._components)) for _, _, rels in groups]
    most = max(len(p) for p in panel_ids)
    ncols = min(3 if most <= 6 else 2, len(groups))
    nrows = math.ceil(len(groups) / ncols)
    panel_w = WIDTH_IN / ncols
    panel_h = 3.0 if most <= 6 else min(4.8, 3.4 + 0.1 * max(0, most - 10))
    top_pad = 0.85
    if lens == "service":
        legend = [[_line_entry("direct"), _line_entry("indirect", style="--"),
                   _line_entry("in no sphere", FAINT, ":", 1.0)],
                  [_line_entry(f"{SPHERE_STYLE[s][1]} {s} sphere", SPHERE_STYLE[s][0], "-", 2.5)
                   for s in SPHERES]]
    else:
        legend = ([[_line_entry(d, style=DIRECTION_STYLE[d])
                    for d in ("enhances", "diminishes", "unclear")]
                   + [_line_entry("no affect recorded", FAINT, "-", 1.0)]]
                  + _columns([_line_entry(f"{ds.TENDENCY_MARKS[t]} {t}", TENDENCY_COLOUR[t],
                                          "-", 2.5) for t in TENDENCY_COLOUR], 3))
    legend_h, plan = _legend_plan(legend)
    height = top_pad + nrows * panel_h + legend_h + 0.05
    fig, ax = _canvas(height)
    _title(ax, height, f"Episodes, {lens} lens: {case.title}",
           f"One panel per episode ({len(groups)}), in order; each shows that episode's "
           "relations")
    spheres = {row.relation: row for row in sl.sphere_table(case)}
    affects: dict[str, list] = {}
    for a in al.affect_rows(case):
        affects.setdefault(a.relation, []).append(a)
    space = _Space()
    nodes = _Nodes()
    edges = _Edges()
    labels: list = []
    leaders: list = []
    for gi, ((eid, label, rels), ids) in enumerate(zip(groups, panel_ids)):
        row_i, col_i = divmod(gi, ncols)
        x0 = col_i * panel_w
        y1 = height - top_pad - row_i * panel_h
        _add_rect(ax, (x0 + 0.05, y1 - panel_h + 0.05), panel_w - 0.1, panel_h - 0.1,
                  facecolor="#F7F7F7", edgecolor="#999999", linewidth=0.8, zorder=0)
        num = f"{gi + 1}. " if eid is not None else ""
        title = _fit(num + label, panel_w - 0.3, 8.5, bold=True)
        _label(ax, x0 + 0.15, y1 - 0.12, title, size=8.5, bold=True, va="top")
        space.add((x0 + 0.1, y1 - 0.32, x0 + 0.2 + _width(title, 8.5, True), y1 - 0.1))
        centre = (x0 + panel_w / 2, y1 - panel_h / 2 - 0.1)
        rad_panel = min(panel_w / 2 - 0.8, panel_h / 2 - 0.7)
        pos = _circle(ids, centre, rad_panel)
        for cid in ids:
            space.add(nodes.add(pos[cid], ds.primary_kind(case.component(cid)), size=7))
        bounds = (x0 + 0.08, y1 - panel_h + 0.08, x0 + panel_w - 0.08, y1 - 0.3)
        for cid in ids:
            _ring_label(ax, space, pos[cid], centre, _t(case.label(cid), 14, 2), 6.5,
                        gaps=(0.1, 0.22), far=(0.34,), bounds=bounds, leaders=leaders)
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
                arows = affects.get(r.id, [])
                if not arows:
                    styles, ends = [(FAINT, "-", r.id)], [(r.source, r.target)]
                else:
                    styles = [(TENDENCY_COLOUR.get(a.tendency, "black"),
                               DIRECTION_STYLE.get(a.direction, ":"),
                               f"{r.id} {ds.TENDENCY_MARKS.get(a.tendency, '?')}") for a in arows]
                    ends = [(a.by, a.on) for a in arows]
            for k, ((colour, style, text), (p, q)) in enumerate(zip(styles, ends)):
                if p not in pos or q not in pos or p == q:
                    continue
                curve = edges.add(pos[p], pos[q], colour=colour, style=style,
                                  rad=0.2 + 0.15 * k, width=1.2, shrink=0.09,
                                  layer=0 if colour == FAINT else 1)
                labels.append((curve, text, "#666666" if colour == FAINT else colour, bounds))
        if not rels:
            _label(ax, centre[0], centre[1], "no relations", size=7.5, ha="center",
                   colour="#555555")
    _draw_leaders(ax, leaders)
    for curve, text, colour, bounds in labels:
        _edge_label(ax, space, curve, text, colour, size=6.5, bounds=bounds)
    edges.draw(ax)
    nodes.draw(ax)
    _draw_legend(ax, legend_h - 0.02, plan)
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
    lens : str
        A registered lens id (:func:`vcc_helpers.lenses.base.lens_ids`), each drawn
        by the figure it names: ``'service'``: :func:`sphere_diagram`;
        ``'assemblage'``: :func:`assemblage_map` (with *episode* highlighted if
        given); ``'actor-network'``:
        :func:`vcc_helpers.actor_network_views.network_map`.  Or
        ``'episodes'``: :func:`episode_strip` (assemblage lens).
    episode : str, optional

    Returns
    -------
    Drawn

    Raises
    ------
    ValueError
        For an unknown lens (a :class:`~vcc_helpers.lenses.base.LensError`, with a
        "did you mean").

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> draw(tiny_case(), "assemblage").alt.startswith("Assemblage map")
    True
    """
    if lens == "episodes":
        return episode_strip(case)
    from vcc_helpers import lensviews  # beside this module; it resolves the lens's figure

    return lensviews.draw(case, lens, episode)
