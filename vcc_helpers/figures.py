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
import urllib.parse
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
from matplotlib import ft2font
from matplotlib.artist import Artist, allow_rasterization
from matplotlib.backends.backend_svg import RendererSVG
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

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

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
"""Colour of each tendency (repeated by the marks in
:data:`~vcc_helpers.describe.TENDENCY_MARKS`)."""

KIND_MARKER: dict[str, str] = {
    "person": "o", "collective": "H", "organisation": "s", "thing": "^", "place": "p",
    "document": "D", "rule": "v", "category": "*", "technology": "P", "money": "d",
    "time": "<", "animal": ">", "atmosphere": "8", "other": "X",
}
"""Marker shape of each suggested kind (a component's first suggested kind)."""

FAINT = "#AAAAAA"
NODE_FACE = "#FFFFFF"
WIDTH_IN = 7.0
"""Figure width in inches: 504 pt in the SVG, i.e. 672 CSS px, the book's content width."""
PNG_DPI = 200
MIN_WIDTH_PX = 560
"""On narrow screens the figure keeps this width and scrolls in its own box (text >= 10 px)."""
"""Default PNG resolution: 1,400 px wide, sharp on a high-density screen."""

RC: dict[RcKeyType, Any] = {
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
def _ink(colour: str, background: str = "#FFFFFF") -> str:
    """A shade of *colour* dark enough for small text on *background* (contrast >= 4.7:1).

    >>> _ink("#000000"), _ink(OKABE_ITO["orange"]) != OKABE_ITO["orange"]
    ('#000000', True)
    """
    r, g, b, _ = to_rgba(colour)
    bg = _luminance(to_rgba(background)) + 0.05
    for k in range(21):
        f = 1 - 0.05 * k
        rgb = (r * f, g * f, b * f)
        if bg / (_luminance(rgb) + 0.05) >= 4.7:
            return to_hex(rgb)
    return "#000000"


# --------------------------------------------------------------------------------------
# Text laid out from a fixed table of advance widths
# --------------------------------------------------------------------------------------

_EM_ASCENT = 0.76   # height of 'l' above the baseline, in em (DejaVu Sans)
_EM_DESCENT = 0.21  # depth of 'p' below the baseline
_EM_PITCH = 1.16    # baseline to baseline at matplotlib's default line spacing
_NO_HINTING = (ft2font.LoadFlags.NO_HINTING if hasattr(ft2font, "LoadFlags")
               else ft2font.LOAD_NO_HINTING)  # type: ignore[attr-defined]  # matplotlib < 3.10
_ADVANCES: dict[bool, dict[str, float]] = {False: {}, True: {}}
_FONTS: dict[bool, ft2font.FT2Font] = {}


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
    lines: list[str] = []
    line = ""
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
    box = (min(lefts), baselines[-1] - desc,
           max(lf + w for lf, w in zip(lefts, widths, strict=True)), first + asc)
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
        return _box(x, y, self.get_text(), size, self.get_horizontalalignment(),
                    self.get_verticalalignment(), bold, pad if self._vcc[3] else 0.0, pitch)

    @allow_rasterization
    def draw(self, renderer):
        if not self.get_visible() or not self.get_text():
            return
        size, bold, pitch, box, pad = self._vcc
        x, y = self.get_unitless_position()
        lines = self.get_text().split("\n")
        baselines, lefts, (x0, y0, x1, y1) = _layout(
            x, y, lines, size, self.get_horizontalalignment(), self.get_verticalalignment(),
            bold, pitch)
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
        for line, base, left in zip(lines, baselines, lefts, strict=True):
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
    for box, payload in options:
        cost = space.overlap(box) + 4 * _outside(box, bounds)
        if cost <= 5e-4:  # a corner's touch is no overlap
            best = (cost, box, payload)
            break
        if best is None or cost < best[0] - 1e-9:
            best = (cost, box, payload)
    assert best is not None, "no options to choose from"
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

# --------------------------------------------------------------------------------------
# Canvas and Drawn
# --------------------------------------------------------------------------------------


def _canvas(height: float) -> tuple[Figure, object]:
    """A figure WIDTH_IN x height inches, white and opaque, one axes in inch units."""
    fig = Figure(figsize=(WIDTH_IN, height), dpi=96, facecolor="white")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH_IN)
    ax.set_ylim(0, height)
    ax.set_autoscale_on(False)
    ax.set_axis_off()
    return fig, ax


def _add_rect(ax, xy, w, h, **kw) -> None:
    rect = Rectangle(xy, w, h, clip_on=False, **kw)
    ax.add_artist(rect)


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


FIGURE_CSS = (
    "<style>.vcc-fig-scroll{overflow-x:auto;max-width:calc(100vw - 3rem)}"
    f".vcc-fig-scroll img{{display:block;width:100%;min-width:{MIN_WIDTH_PX}px;height:auto;"
    "max-width:none;background:#fff}"
    ".vcc-figure:has(>details.vcc-zoom[open]) .vcc-fig-scroll img{width:150%;"
    "min-width:840px;max-width:none}"
    "figure.vcc-figure>figcaption{color:#222;text-align:left;font-size:.95em;margin:.3em 0}"
    ".vcc-twin{border-collapse:collapse;font-size:0.9em;margin:0.5em 0}"
    ".vcc-twin caption{text-align:left;font-weight:bold}"
    ".vcc-twin th,.vcc-twin td{border:1px solid #999;padding:2px 6px;text-align:left;"
    "vertical-align:top}</style>")
"""CSS of a figure's HTML: a scroll box on narrow screens, the zoom, the table twin."""


_BETWEEN_TAGS = re.compile(rb">\s+<")
_URI_SAFE = " /=:;,.-_()!*'~@+?[]{}|^$`"


def _svg_uri(svg: bytes) -> str:
    r"""An SVG as a compact, percent-encoded ``data:`` URI (about a fifth smaller than base64).

    >>> _svg_uri(b'<svg>\n <text>#1 &amp; "2"</text></svg>')
    'data:image/svg+xml;charset=utf-8,%3Csvg%3E%3Ctext%3E%231 %26amp; %222%22%3C/text%3E%3C/svg%3E'
    """
    text = _BETWEEN_TAGS.sub(b"><", svg).strip().decode("utf-8")
    return "data:image/svg+xml;charset=utf-8," + urllib.parse.quote(text, safe=_URI_SAFE)


class Drawn:
    """A figure with its alt text, caption, long description and table twin.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    alt : str
        Alt text (at most 250 characters): what the picture shows.
    caption : str
    long_description : str
        Names every component and relation the figure shows.
    table_html : str
        The same content as escaped HTML tables (the figure's *table twin*).

    Notes
    -----
    In Jupyter (and in the built book) a Drawn shows through
    :meth:`_repr_html_` only (:meth:`html`): the SVG at the book's content
    width (text at least 12 px there), in a box that scrolls on a phone rather
    than shrinking the text below 10 px; a control to see it at its full
    size; a caption; the long description and the table twin in ``<details>``.
    """

    def __init__(self, figure: Figure, alt: str, caption: str, long_description: str,
                 table_html: str = "") -> None:
        self.figure = figure
        self.alt = alt
        self.caption = caption
        self.long_description = long_description
        self.table_html = table_html

    def __repr__(self) -> str:
        return f"Drawn(alt={self.alt!r})"

    def svg(self) -> bytes:
        """The figure as deterministic SVG bytes (text kept as text, no date).

        The SVG is 672 px wide (the book's content width), so its font sizes
        are what a reader sees there.

        Examples
        --------
        >>> from vcc_helpers.lenses.examples import tiny_case
        >>> assemblage_map(tiny_case()).svg()[:5]
        b'<?xml'
        """
        buf = io.BytesIO()
        with mpl.rc_context(RC):
            self.figure.savefig(buf, format="svg", metadata=SVG_METADATA, facecolor="white")
        return _compact_svg(buf.getvalue())

    def png(self, dpi: float | None = None, *, width_px: int | None = None) -> bytes:
        """The figure as PNG bytes, sharp on a high-density screen.

        Parameters
        ----------
        dpi : int, optional
            Dots per inch (default 200: 1,400 px for the 7-inch figure).
        width_px : int, optional
            The width in pixels instead (it sets the dpi).

        Examples
        --------
        >>> from vcc_helpers.lenses.examples import tiny_case
        >>> sphere_diagram(tiny_case()).png()[:4]
        b'\\x89PNG'
        """
        if width_px is not None:
            if width_px < 100:
                raise ValueError(f"width_px must be at least 100; got {width_px}")
            dpi = width_px / WIDTH_IN
        dpi = PNG_DPI if dpi is None else dpi
        if dpi <= 0:
            raise ValueError(f"dpi must be positive; got {dpi}")
        buf = io.BytesIO()
        with mpl.rc_context(RC):
            self.figure.savefig(buf, format="png", dpi=dpi, metadata=PNG_METADATA,
                                facecolor="white")
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

    def html(self, fmt: str = "svg", *, css: bool = True) -> str:
        """The figure as accessible HTML (see the class notes); every string escaped."""
        if fmt == "png":
            src = "data:image/png;base64," + base64.b64encode(self.png()).decode("ascii")
        else:
            src = _svg_uri(self.svg())
        twin = (f"<details><summary>Table of this figure</summary>{self.table_html}</details>"
                if self.table_html else "")
        return (
            (FIGURE_CSS if css else "")
            + '<figure class="vcc-figure" style="margin:0 0 1em 0">'
            f'<div class="vcc-fig-scroll"><img src="{html.escape(src, quote=True)}" '
            f'alt="{html.escape(self.alt, quote=True)}"></div>'
            f"<figcaption>{html.escape(self.caption, quote=True)}</figcaption>"
            '<details class="vcc-zoom"><summary>Show at full size</summary>'
            "<p>The figure is now half as large again; scroll sideways within it. Close this "
            "to fit it to the page again.</p></details>"
            "<details><summary>Text description</summary>"
            f'<div class="vcc-long-description">{self.description_html()}</div>'
            f"</details>{twin}</figure>"
        )

    def _repr_html_(self) -> str:
        return self.html()


# --------------------------------------------------------------------------------------
# A sheet: primitives laid out top-down in inches, rendered once the height is known
# --------------------------------------------------------------------------------------

FS = 9.5
"""Body text size (points of the 7-inch SVG, i.e. 12.7 px when shown 672 px wide)."""
FS_HEAD = 10.5
FS_TITLE = 12.0
PITCH = 1.22
"""Baseline to baseline, in em."""
MARGIN = 0.15
INK = "#1A1A1A"
GREY_INK = "#555555"
DIM_FACE = "#F3F3F3"
DIM_EDGE = "#8A8A8A"
PALE_LINE = "#D0D0D0"
CLAIM_INK = "#A03F00"  # vermillion, darkened to 5.6:1 on white

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _clean(text: object) -> str:
    """A label as one line of XML-safe plain text (control characters dropped)."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def _lines(text: object, width: float, size: float = FS, bold: bool = False) -> list[str]:
    """*text* wrapped to lines of at most *width* inches: whole, never truncated.

    Words longer than a line are broken between characters.

    >>> _lines("a fairly long label for a small box", 1.0)
    ['a fairly long', 'label for a', 'small box']
    >>> all(_width(s, FS) <= 0.5 for s in _lines("x" * 40, 0.5))
    True
    """
    words = _clean(text).split()
    out: list[str] = []
    line = ""
    for word in words:
        while _width(word, size, bold) > width:  # break a very long word
            cut = 1
            while cut < len(word) and _width(word[:cut + 1], size, bold) <= width:
                cut += 1
            if line:
                out.append(line)
                line = ""
            out.append(word[:cut])
            word = word[cut:]
        trial = f"{line} {word}" if line else word
        if line and _width(trial, size, bold) > width:
            out.append(line)
            line = word
        else:
            line = trial
    if line:
        out.append(line)
    return out or [""]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of *text* at *size* points, in inches, as the figures measure it
    (for other views that lay out text in the same fonts, e.g. the actor-network sketch)."""
    return _width(text, size, bold)


def wrap_text(text: object, width: float, size: float = FS, bold: bool = False) -> list[str]:
    """*text* wrapped to lines of at most *width* inches, whole, never truncated
    (control characters dropped; a word longer than a line broken between characters)."""
    return _lines(text, width, size, bold)


def _text_h(n: int, size: float = FS) -> float:
    """Height of *n* lines of text at *size* points, in inches."""
    em = size / 72
    return (_EM_ASCENT + _EM_DESCENT) * em + max(n - 1, 0) * PITCH * em


class _Sheet:
    """What a figure draws, in inches from its top-left corner, y growing downwards."""

    def __init__(self) -> None:
        self.texts: list[tuple] = []
        self.rects: list[tuple] = []
        self.curves: list[tuple] = []
        self.segments: list[tuple] = []
        self.bottom = 0.0

    def text(self, x, y, lines, *, size=FS, bold=False, colour=INK, ha="left", box=None):
        """Lines of text whose first line's top is at *y*; returns the y under the last."""
        if isinstance(lines, str):
            lines = [lines]
        self.texts.append((x, y, list(lines), size, bold, colour, ha, box))
        end = y + _text_h(len(lines), size)
        self.bottom = max(self.bottom, end)
        return end

    def para(self, x, y, text, width, **kw):
        return self.text(x, y, _lines(text, width, kw.get("size", FS), kw.get("bold", False)),
                         **kw)

    def rect(self, x, y, w, h, *, face="white", edge="black", style="-", lw=1.0, z=1.0):
        self.rects.append((x, y, w, h, face, edge, style, lw, z))
        self.bottom = max(self.bottom, y + h)

    def curve(self, p, c, q, *, colour, style="-", lw=1.3, alpha=1.0, head=True, z=2.0):
        self.curves.append((p, c, q, colour, style, lw, alpha, head, z))

    def segment(self, p, q, *, colour="black", style="-", lw=1.4):
        self.segments.append((p, q, colour, style, lw))

    def boxes(self):
        """The box (x0, y0, x1, y1), top-down inches, of every text block."""
        for x, y, lines, size, bold, _, ha, _ in self.texts:
            w = max((_width(s, size, bold) for s in lines), default=0.0)
            x0 = x - {"left": 0.0, "center": 0.5, "right": 1.0}[ha] * w
            yield (x0, y, x0 + w, y + _text_h(len(lines), size))

    def render(self, pad: float = 0.12) -> Figure:
        height = self.bottom + pad
        # no Axes: artists in inch units on the figure itself (an Axes costs more to
        # draw than everything else in a small figure)
        fig = Figure(figsize=(WIDTH_IN, height), dpi=96, facecolor="white")
        tr = fig.dpi_scale_trans

        def flip(p):
            return (p[0], height - p[1])

        for z in sorted({r[8] for r in self.rects}):
            group = [r for r in self.rects if r[8] == z]
            polys = [[(x, height - y), (x + w, height - y), (x + w, height - y - h),
                      (x, height - y - h)] for x, y, w, h, *_ in group]
            fig.add_artist(PolyCollection(
                polys, closed=True, facecolors=[r[4] for r in group],
                edgecolors=[r[5] for r in group], linestyles=[r[6] for r in group],
                linewidths=[r[7] for r in group], zorder=z, clip_on=False,
                joinstyle="miter", transform=tr))
        heads, items = [], []
        for p, c, q, colour, style, lw, alpha, head, z in self.curves:
            p, c, q = flip(p), flip(c), flip(q)
            rgba = to_rgba(colour, alpha)
            tip = q
            if head:
                tb = _t_at(p, c, q, _HEAD_LEN * 1.2, end=True)
                base = _bz(p, c, q, tb)
                dx, dy = tip[0] - base[0], tip[1] - base[1]
                n = math.hypot(dx, dy) or 1.0
                nx, ny = -dy / n * _HEAD_HALF * 1.2, dx / n * _HEAD_HALF * 1.2
                heads.append(([tip, (base[0] + nx, base[1] + ny), (base[0] - nx, base[1] - ny)],
                              rgba, z))
                tl = _t_at(p, c, q, _HEAD_LEN * 0.9, end=True)
                verts = [p, _blossom(p, c, q, 0, tl), _blossom(p, c, q, tl, tl)]
            else:
                verts = [p, c, q]
            items.append((z, verts, rgba, style, lw))
        for z in sorted({it[0] for it in items}):
            group = [it for it in items if it[0] == z]
            fig.add_artist(PathCollection(
                [Path(it[1], [Path.MOVETO, Path.CURVE3, Path.CURVE3]) for it in group],
                facecolors="none", edgecolors=[it[2] for it in group],
                linewidths=[it[4] for it in group], linestyles=[it[3] for it in group],
                capstyle="butt", zorder=z, clip_on=False, transform=tr))
            hs = [h for h in heads if h[2] == z]
            if hs:
                fig.add_artist(PolyCollection(
                    [h[0] for h in hs], facecolors=[h[1] for h in hs],
                    edgecolors=[h[1] for h in hs], linewidths=0.4, zorder=z, clip_on=False,
                    transform=tr))
        if self.segments:
            fig.add_artist(LineCollection(
                [[flip(p), flip(q)] for p, q, *_ in self.segments],
                colors=[s[2] for s in self.segments], linestyles=[s[3] for s in self.segments],
                linewidths=[s[4] for s in self.segments], capstyle="butt", clip_on=False,
                zorder=5, transform=tr))
        layer = _TextLayer(self.texts, height, fig.dpi)
        layer.set_transform(tr)
        fig.add_artist(layer)
        return fig


_SVG_FAMILY = "'DejaVu Sans', 'Verdana', sans-serif"


class _TextLayer(Artist):
    """Every text block of a sheet in one artist, drawn without a Text per block.

    In SVG each line becomes one ``<text>`` element anchored by ``text-anchor``
    (start, middle or end at the block's own x), with its escaped content; other
    renderers get ``draw_text`` at the left end computed from DejaVu Sans advance
    widths.  An optional box behind a block is drawn first.
    """

    def __init__(self, blocks: list, height: float, dpi: float) -> None:
        super().__init__()
        self.blocks = blocks  # (x, y_top_down, lines, size, bold, colour, ha, box)
        self.height = height
        self.set_zorder(6)

    @allow_rasterization
    def draw(self, renderer):
        trans = self.get_transform()
        flip = renderer.flipy()
        canvas_h = renderer.get_canvas_width_height()[1]
        inner = getattr(renderer, "_renderer", renderer)  # savefig wraps it (mixed mode)
        writer = inner.writer if isinstance(inner, RendererSVG) else None
        props: dict[tuple[float, bool], FontProperties] = {}
        renderer.open_group("texts", None)
        for x, y, lines, size, bold, colour, ha, box in self.blocks:
            top = self.height - y
            baselines, lefts, (x0, y0, x1, y1) = _layout(
                x, top, lines, size, ha, "top", bold, PITCH * size / 72)
            if box:
                gc = renderer.new_gc()
                gc.set_linewidth(0)
                gc.set_alpha(box[1])
                pad = 0.02
                rect = Path([(x0 - pad, y0 - pad), (x1 + pad, y0 - pad), (x1 + pad, y1 + pad),
                             (x0 - pad, y1 + pad), (x0 - pad, y0 - pad)],
                            [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO,
                             Path.CLOSEPOLY])
                renderer.draw_path(gc, rect, trans, to_rgba(box[0])[:3])
                gc.restore()
            if writer is not None:  # an SVG: real text elements
                style = (("font-weight: 700; " if bold else "")
                         + f"font-size: {size:g}px; font-family: {_SVG_FAMILY}; "
                         f"text-anchor: {_ANCHOR[ha]}; fill: {to_hex(colour)}")
                for line, base, left in zip(lines, baselines, lefts, strict=True):
                    if not line:
                        continue
                    ax_ = x if ha != "left" else left
                    px, py = trans.transform((ax_, base))
                    writer.element("text", line, attrib={
                        "style": style, "x": f"{px:.2f}", "y": f"{canvas_h - py:.2f}"})
            else:
                key = (size, bold)
                prop = props.get(key)
                if prop is None:
                    prop = props[key] = FontProperties(family="DejaVu Sans", size=size,
                                                       weight="bold" if bold else "normal")
                gc = renderer.new_gc()
                gc.set_foreground(to_rgba(colour), isRGBA=True)
                for line, base, left in zip(lines, baselines, lefts, strict=True):
                    if not line:
                        continue
                    px, py = trans.transform((left, base))
                    if flip:
                        py = canvas_h - py
                    renderer.draw_text(gc, px, py, line, prop, 0.0, ismath=False)
                gc.restore()
        renderer.close_group("texts")
        self.stale = False


_ANCHOR = {"left": "start", "center": "middle", "right": "end"}


def _header(sheet: _Sheet, title: str, sub: str) -> float:
    y = sheet.para(MARGIN, 0.12, title, WIDTH_IN - 2 * MARGIN, size=FS_TITLE, bold=True)
    return sheet.para(MARGIN, y + 0.05, sub, WIDTH_IN - 2 * MARGIN, colour="#333333") + 0.12


_LegendEntry = tuple[str, tuple[Any, ...], str]
"""A legend entry: (kind, spec, text); kind is 'box', 'line' or 'mark', each with its own spec."""


def _legend(sheet: _Sheet, y: float, entries: list[_LegendEntry]) -> float:
    """Legend entries flowing left to right, wrapping; each (kind, spec, text)."""
    x, row_h, sample = MARGIN, _text_h(1), 0.36
    for kind, spec, text in entries:
        w = sample + 0.08 + _width(text, FS) + 0.22
        if x + w > WIDTH_IN - MARGIN and x > MARGIN:
            x, y = MARGIN, y + row_h + 0.08
        mid = y + row_h / 2
        if kind == "line":
            colour, style, lw = spec
            sheet.segment((x, mid), (x + sample, mid), colour=colour, style=style, lw=lw)
        elif kind == "box":
            face, edge, style, lw = spec
            sheet.rect(x, y, sample, row_h, face=face, edge=edge, style=style, lw=lw, z=5)
        else:  # a text mark
            face, ink = spec[1], spec[2]
            sheet.text(x + sample / 2, y, spec[0], bold=True, colour=ink, ha="center",
                       box=(face, 1.0))
        sheet.text(x + sample + 0.08, y, text, colour=INK)
        x += w
    return y + row_h


def _more_line(sheet, x, y, width, n, what, where="the table under the figure"):
    return sheet.para(x, y, f"and {ds._plural(n, what)} more in {where}", width,
                      colour=GREY_INK)


# --------------------------------------------------------------------------------------
# Table twins: the same content as accessible HTML
# --------------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(_clean(text), quote=True)


def _table(caption: str, head: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return f"<p>{_e(caption)}: none.</p>"
    out = [f'<table class="vcc-twin"><caption>{_e(caption)}</caption><thead><tr>']
    out += [f'<th scope="col">{_e(h)}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _claim_word(valence: str) -> str:
    return ds.CLAIM_WORDS.get(valence, valence)


def _claim_mark(valence: str) -> str:
    return ds.CLAIM_MARKS.get(valence, "!")


def _claims_by_relation(case: Case) -> dict[str, list]:
    out: dict[str, list] = {}
    for d in sl.destruction_points(case):
        if d.relation:
            out.setdefault(d.relation, []).append(d)
    return out


def _claim_text(case: Case, d) -> str:
    return f"{_claim_word(d.valence)} for {case.label(d.beneficiary)}"


def _service_twin(case: Case) -> str:
    claims = _claims_by_relation(case)
    rows = []
    for r in sl.sphere_table(case):
        rows.append([ds.SPHERE_NAMES.get(r.sphere, r.sphere), case.label(r.source),
                     case.label(r.target), r.does, r.mode,
                     "; ".join(_claim_text(case, d) for d in claims.get(r.relation, ()))])
    loose = []
    for rid in sl.unplaced_relations(case):
        rel = case.relation(rid)
        loose.append([case.label(rel.source), case.label(rel.target), rel.does,
                      "; ".join(_claim_text(case, d) for d in claims.get(rid, ()))])
    other = [[_claim_word(d.valence), case.label(d.beneficiary), case.label(d.claimed_by),
              d.element, d.note] for d in sl.destruction_points(case) if not d.relation]
    parts = [_table("Interactions by sphere", ["Sphere", "From", "To", "What happens", "Mode",
                                               "Claim"], rows),
             _table("Relations in no sphere", ["From", "To", "What happens", "Claim"], loose)]
    if other:
        parts.append(_table("Claims not tied to one relation",
                            ["Claim", "For", "Claimed by", "Element", "Note"], other))
    return "".join(parts)


def _assemblage_twin(case: Case, episode: str | None) -> str:
    rows = []
    for a in al.affect_rows(case):
        if episode is not None and a.episode != episode:
            continue
        rows.append([case.label(a.by), case.label(a.on), a.capacity, a.direction, a.tendency,
                     al.episode_label(case, a.episode) if a.episode else ""])
    flights = [[al.episode_label(case, f.episode) if f.episode else "",
                al.LINE_NAMES.get(f.line, f.line), f.source, f.toward or "",
                f.danger, f.captured_by if f.captured else "not captured"]
               for f in al.lines_of_flight(case) if episode is None or f.episode == episode]
    terrs = [[t.label, ", ".join(t.drawn_by_labels) or "nothing named"]
             for t in al.territories(case) if episode is None or t.episode in (None, episode)]
    where = f" in {al.episode_label(case, episode)}" if episode is not None else ""
    return (_table(f"Affects{where}", ["By", "On", "Capacity", "Direction", "Tendency",
                                       "Episode"], rows)
            + _table("Lines", ["Episode", "Kind of line", "From", "Toward", "Danger",
                               "Captured by"], flights)
            + _table("Territories", ["Territory", "Drawn by"], terrs))


# --------------------------------------------------------------------------------------
# The sphere diagram: interactions as cards in three regions of activity
# --------------------------------------------------------------------------------------

_SPHERE_NOTE = ds.SPHERE_NOTES
CARD_CAP = 12
STRIP_CAP = 4
"""At most this many cards per sphere in one panel of the episode strip."""
STRIP_LABELLED_MAX = 16
"""Past this many components in one episode, its strip panel is drawn by kind."""
"""At most this many interaction cards per sphere (the table twin lists them all)."""
LOOSE_CAP = 6


def _card_lines(case: Case, source: str, target: str, does: str, width: float,
                claims: list) -> tuple[list, list, list]:
    head = _lines(f"{case.label(source)} → {case.label(target)}", width, FS, True)
    body = _lines(does, width)
    marks = [s for d in claims
             for s in _lines(f"{_claim_mark(d.valence)} {_claim_text(case, d)}", width, FS, True)]
    return head, body, marks


def _card(sheet: _Sheet, x, y, w, lines3, *, edge, style, face="white", lw=1.4) -> float:
    head, body, marks = lines3
    pad = 0.07
    inner = x + pad
    h = (pad + _text_h(len(head)) + 0.04 + _text_h(len(body))
         + (0.04 + _text_h(len(marks)) if marks else 0) + pad)
    sheet.rect(x, y, w, h, face=face, edge=edge, style=style, lw=lw, z=1.5)
    yy = sheet.text(inner, y + pad, head, bold=True)
    yy = sheet.text(inner, yy + 0.04, body)
    if marks:
        sheet.text(inner, yy + 0.04, marks, bold=True, colour=CLAIM_INK)
    return y + h


def _pick(items: list, cap: int, keep) -> tuple[list, int]:
    """At most *cap* items in order, those for which *keep* is true first in line.

    Never hides just one or two: a figure says "and 3 more" at the least.
    """
    if len(items) <= cap + 2:
        return items, 0
    chosen = [i for i in items if keep(i)][:cap]
    rest = [i for i in items if not keep(i)]
    chosen_set = {id(i) for i in chosen + rest[:cap - len(chosen)]}
    return [i for i in items if id(i) in chosen_set], len(items) - cap


def _actor_strip(sheet: _Sheet, case: Case, y: float) -> float:
    by_role = ds.strip_roles(case)
    if not by_role:
        return y
    y = sheet.text(MARGIN, y, "Who and what the service reading names (actors and resources, "
                   "by role)", size=FS_HEAD, bold=True) + 0.04
    for role, names in ds.strip_lines(by_role):
        shown = ", ".join(_clean(n) for n in names[:6])
        more = f", and {len(names) - 6} more" if len(names) > 6 else ""
        y = sheet.para(MARGIN, y, f"{role}: {shown}{more}",
                       WIDTH_IN - 2 * MARGIN) + 0.03
    return y + 0.1


def _sphere_sheet(case: Case, rows=None, title=None, sub=None, sheet=None, y=None,
                  strip=True, cap=None) -> tuple[_Sheet, dict, float]:
    """Three regions with their interaction cards; returns the sheet and what it marks."""
    if rows is None:
        rows = list(sl.sphere_table(case))
    claims = _claims_by_relation(case)
    if sheet is None:
        sheet = _Sheet()
        n_loose = len(sl.unplaced_relations(case))
        sub = sub or ("Grönroos & Voima's spheres are spheres of activity: each card is one "
                      "interaction, placed in the sphere where it happens. "
                      f"{ds._plural(len(rows), 'interaction')}, "
                      f"{ds._plural(n_loose, 'relation')} in no sphere.")
        y = _header(sheet, title or f"Service lens: {case.title}", sub)
        if strip:
            y = _actor_strip(sheet, case, y)
    col_w = (WIDTH_IN - 2 * MARGIN) / 3
    marked: dict[str, Any] = {"claims": set(), "dashed": False, "solid": False}
    tops = y
    heads_bottom = y
    for i, s in enumerate(SPHERES):
        x0 = MARGIN + i * col_w
        colour, mark, _ = SPHERE_STYLE[s]
        yy = sheet.para(x0 + 0.1, y + 0.08, f"{ds.SPHERE_NAMES[s]} ({mark})", col_w - 0.2,
                        size=FS_HEAD, bold=True, colour=_ink(colour, SPHERE_STYLE[s][2]))
        yy = sheet.para(x0 + 0.1, yy + 0.03, _SPHERE_NOTE[s], col_w - 0.2, colour="#333333")
        heads_bottom = max(heads_bottom, yy)
    bottoms = []
    for i, s in enumerate(SPHERES):
        x0 = MARGIN + i * col_w
        colour = SPHERE_STYLE[s][0]
        mine = [r for r in rows if r.sphere == s]
        shown, more = _pick(mine, CARD_CAP if cap is None else cap,
                            lambda r: r.relation in claims)
        yy = heads_bottom + 0.1
        for r in shown:
            cl = claims.get(r.relation, [])
            marked["claims"].update(d for d in cl)
            marked["dashed" if r.mode == "indirect" else "solid"] = True
            yy = _card(sheet, x0 + 0.08, yy, col_w - 0.16,
                       _card_lines(case, r.source, r.target, r.does, col_w - 0.3, cl),
                       edge=colour, style="--" if r.mode == "indirect" else "-") + 0.08
        if not mine:
            yy = sheet.para(x0 + 0.1, yy, "no interaction here", col_w - 0.2,
                            colour=GREY_INK) + 0.08
        if more:
            yy = _more_line(sheet, x0 + 0.1, yy, col_w - 0.2, more, "interaction") + 0.08
        bottoms.append(yy)
    body_bottom = max(bottoms) + 0.02
    for i, s in enumerate(SPHERES):
        colour, _, bg = SPHERE_STYLE[s]
        sheet.rect(MARGIN + i * col_w + 0.02, tops, col_w - 0.04, body_bottom - tops,
                   face=bg, edge=colour, lw=1.2, z=0.5)
    return sheet, marked, body_bottom


def _sphere_figure(case: Case) -> tuple[Figure, dict]:
    sheet, marked, y = _sphere_sheet(case)
    loose = [case.relation(rid) for rid in sl.unplaced_relations(case)]
    y = _loose_cards(sheet, case, loose, y, marked)
    _unmarked_and_legend(sheet, case, y, marked)
    return sheet.render(), marked


def _loose_cards(sheet, case, loose, y, marked, cap=LOOSE_CAP):
    claims = _claims_by_relation(case)
    if loose:
        y = sheet.text(MARGIN, y + 0.15, "In no sphere: relations the service reading does not "
                       "place", size=FS_HEAD, bold=True) + 0.08
        col_w = (WIDTH_IN - 2 * MARGIN) / 3
        shown, more = _pick(loose, cap, lambda r: r.id in claims)
        bottoms = [y, y, y]
        for r in shown:
            col = min(range(3), key=lambda j: (bottoms[j], j))
            cl = claims.get(r.id, [])
            marked["claims"].update(cl)
            bottoms[col] = _card(sheet, MARGIN + col * col_w + 0.08, bottoms[col], col_w - 0.16,
                                 _card_lines(case, r.source, r.target, r.does, col_w - 0.3, cl),
                                 edge="#777777", style=":", face="#FAFAFA") + 0.08
        y = max(bottoms)
        if more:
            y = _more_line(sheet, MARGIN, y, WIDTH_IN - 2 * MARGIN, more, "relation") + 0.05
        marked["loose"] = True
    return y


def _unmarked_and_legend(sheet, case, y, marked, lone_claims=True):
    unmarked = [d for d in sl.destruction_points(case) if not d.relation] if lone_claims else []
    if unmarked:
        words = sorted({f"{_claim_mark(d.valence)} {_claim_word(d.valence)}" for d in unmarked})
        y = sheet.para(MARGIN, y + 0.1,
                       f"{ds._plural(len(unmarked), 'claim')} ({', '.join(words)}) "
                       "tied to no one relation: see the table under the figure.",
                       WIDTH_IN - 2 * MARGIN, bold=True, colour=CLAIM_INK)
        marked["claims"].update(unmarked)
    entries: list[_LegendEntry] = []
    if marked.get("solid"):
        entries.append(("box", ("white", "#333333", "-", 1.4), "direct interaction"))
    if marked.get("dashed"):
        entries.append(("box", ("white", "#333333", "--", 1.4), "indirect interaction"))
    if marked.get("loose"):
        entries.append(("box", ("#FAFAFA", "#777777", ":", 1.4), "in no sphere"))
    for v in sorted({d.valence for d in marked["claims"]}, key=_claim_word):
        entries.append(("mark", (_claim_mark(v), "white", CLAIM_INK), f"claim: {_claim_word(v)}"))
    if entries:
        y = _legend(sheet, y + 0.18, entries)
    return y


def sphere_diagram(case: Case) -> Drawn:
    """The service reading as Grönroos & Voima's three spheres of activity.

    Three labelled regions (provider, joint and user sphere; the user sphere is
    their customer sphere) hold the *interactions* the reading places there,
    each a card saying who acts on whom and what happens: the spheres are
    spheres of activity, not boxes of people.  A card's border is solid when
    the interaction is direct and dashed when indirect; a line in dark vermillion
    marks a claim, each valence with its own mark and words (``−`` value
    destroyed, ``±`` mixed value, ``/`` dis/value).  The actors stand in a strip above the regions,
    by role.  Relations the reading places in no sphere follow as dotted
    cards.  At most ``CARD_CAP`` cards stand in a sphere (claims first);
    the figure then says how many more the table twin lists.

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
        fig, marked = _sphere_figure(case)
    caption = (f"Service lens: the spheres of '{case.title}'. Each card is one interaction: "
               "solid border direct, dashed indirect; − marks value destroyed, ± mixed value, "
               "/ dis/value.")
    return Drawn(fig, ds.alt_text(case, "service"), caption,
                 ds.long_description(case, "service"), table_html=_service_twin(case))


# --------------------------------------------------------------------------------------
# The assemblage map: components listed by kind, affects as arcs beside them
# --------------------------------------------------------------------------------------

MAP_LABELLED_MAX = ds.MAP_LABELLED_MAX
"""Past this many components the map is drawn by kind (every label moves to the table twin)."""
_LIST_W = 2.75
_ROW_GAP = 0.06


def _focal(case: Case, rows) -> str | None:
    tally: dict[str, int] = {}
    for a in rows:
        tally[a.on] = tally.get(a.on, 0) + 1
    return max(tally.items(), key=lambda kv: kv[1])[0] if tally else None


def _arc_diagram(sheet: _Sheet, y: float, groups: list, arcs: list, *, x_list=MARGIN,
                 list_w=_LIST_W, right=WIDTH_IN - MARGIN) -> tuple[float, int]:
    """Rows of labelled boxes (grouped under headings) and arcs between them on the right.

    *groups*: ``(heading, [(key, text, style)])`` with style ``"focal"``,
    ``"dim"`` or ``""``; *arcs*: ``(from_key, to_key, colour, linestyle, width,
    tag, tag_ink, faded)``.  Returns the bottom y and how many tags had no room.
    """
    anchor: dict = {}
    spans_: dict = {}
    for heading, members in groups:
        if heading:
            y = sheet.text(x_list, y + 0.04, heading, bold=True, colour="#333333") + 0.04
        for key, text, style in members:
            bold = style == "focal"
            lines = _lines(text, list_w - 0.2, FS, bold)
            h = _text_h(len(lines)) + 0.12
            face, edge, ls, lw, ink = "white", "#444444", "-", 1.0, INK
            if style == "focal":
                edge, lw = "#000000", 2.2
            elif style == "dim":
                face, edge, ls, ink = DIM_FACE, DIM_EDGE, "--", GREY_INK
            sheet.rect(x_list, y, list_w, h, face=face, edge=edge, style=ls, lw=lw, z=3)
            sheet.text(x_list + 0.1, y + 0.06, lines, bold=bold, colour=ink)
            anchor[key] = (x_list + list_w, y + h / 2)
            spans_[key] = (y + 0.05, y + h - 0.05)
            y += h + _ROW_GAP
    room = right - (x_list + list_w) - 0.25
    pairs: dict = {}
    tag_boxes = _Space(cell=0.3)
    missing = 0
    tags = []
    arcs = [a for a in arcs if a[0] in anchor and a[1] in anchor and a[0] != a[1]]
    # the ends of a box's arcs spread along its right edge, ordered by the other end
    ends: dict = {}
    for i, (a, b, *_) in enumerate(arcs):
        ends.setdefault(a, []).append((anchor[b][1], i, 0))
        ends.setdefault(b, []).append((anchor[a][1], i, 1))
    at: dict = {}
    for key, items in ends.items():
        items.sort()
        y0, y1 = spans_[key]
        for j, (_, i, side) in enumerate(items):
            f = (j + 1) / (len(items) + 1)
            at[(i, side)] = (anchor[key][0] + 0.03, y0 + f * (y1 - y0))
    for i, (a, b, colour, style, lw, tag, tag_ink, faded) in enumerate(arcs):
        k = pairs.get(frozenset((a, b)), 0)
        pairs[frozenset((a, b))] = k + 1
        p2, q2 = at[(i, 0)], at[(i, 1)]
        dy = abs(q2[1] - p2[1])
        bulge = min(0.4 + 1.1 * dy, 2 * room - 0.2) + 0.32 * k
        c = (p2[0] + bulge, (p2[1] + q2[1]) / 2)
        sheet.curve(p2, c, q2, colour=colour, style=style, lw=lw, z=1.2 if faded else 2.2)
        if tag and not faded:
            tags.append((p2, c, q2, tag, tag_ink))
    for p, c, q, tag, ink in tags:
        placed = False
        for f in (0.5, 0.42, 0.58, 0.34, 0.66):
            x, yy = _bz(p, c, q, f)
            w = _width(tag, FS, True) + 0.06
            box = (x - w / 2, yy - 0.1, x + w / 2, yy + 0.1)
            if box[2] > right or tag_boxes.overlap(box) > 0:
                continue
            tag_boxes.add(box)
            sheet.text(x, yy - _text_h(1) / 2, tag, bold=True, colour=ink, ha="center",
                       box=("white", 1.0))
            placed = True
            break
        missing += not placed
    return y, missing


def _map_groups(case: Case, focal, in_ep):
    kind_order = {k: i for i, k in enumerate(SUGGESTED_KINDS)}
    by_kind: dict[str, list] = {}
    for c in case.components:
        by_kind.setdefault(ds.primary_kind(c), []).append(c)
    groups = []
    for kind in sorted(by_kind, key=kind_order.__getitem__):  # primary_kind is one of them
        members = []
        for c in by_kind[kind]:
            style = "focal" if c.id == focal else (
                "dim" if in_ep is not None and c.id not in in_ep else "")
            members.append((c.id, c.label, style))
        groups.append((f"{kind} ({len(by_kind[kind])})", members))
    return groups


def _affect_arcs(case: Case, rows, episode):
    arcs = []
    with_affect = {a.relation for a in rows}
    for r in case.relations:
        if r.id in with_affect:
            continue
        faded = episode is not None and r.episode != episode
        arcs.append((r.source, r.target, PALE_LINE if faded else "#9A9A9A", "-", 0.8, "", "",
                     True))
    for a in rows:
        faded = episode is not None and a.episode != episode
        colour = PALE_LINE if faded else TENDENCY_COLOUR.get(a.tendency, "black")
        arcs.append((a.by, a.on, colour, DIRECTION_STYLE.get(a.direction, ":"),
                     1.0 if faded else 1.5, ds.TENDENCY_MARKS.get(a.tendency, "?"),
                     _ink(TENDENCY_COLOUR.get(a.tendency, "black")), faded))
    return arcs


def _assemblage_legend_entries(rows, shown_rows) -> list[_LegendEntry]:
    entries: list[_LegendEntry] = []
    dirs = {a.direction for a in shown_rows}
    for d in ("enhances", "diminishes", "unclear"):
        if d in dirs:
            entries.append(("line", ("#333333", DIRECTION_STYLE[d], 1.5), d))
    tends = {a.tendency for a in shown_rows}
    for t in TENDENCY_COLOUR:
        if t in tends:
            entries.append(("mark", (ds.TENDENCY_MARKS[t], "white",
                                     _ink(TENDENCY_COLOUR[t])), t))
    return entries


def _assemblage_figure(case: Case, episode: str | None) -> Figure:
    rows = al.affect_rows(case)
    if len(case.components) > MAP_LABELLED_MAX:
        return _aggregated_figure(case, episode)
    shown_rows = [a for a in rows if episode is None or a.episode == episode]
    focal = _focal(case, shown_rows)
    in_ep = None
    if episode is not None:
        in_ep = {x for r in case.relations if r.episode == episode for x in (r.source, r.target)}
    sheet = _Sheet()
    sub = ("Components listed by kind; each arc is an affect, from the component that acts to "
           "the one whose capacity changes (arrowhead). The letter on an arc names its "
           "tendency; the boldest box is where most affects fall.")
    if episode is not None:
        sub += (f" Episode '{_clean(al.episode_label(case, episode))}' is drawn in full; "
                "components outside it have dashed boxes, other arcs are pale.")
    y = _header(sheet, f"Assemblage lens: {case.title}", sub)
    y, missing = _arc_diagram(sheet, y, _map_groups(case, focal, in_ep),
                              _affect_arcs(case, rows, episode))
    if missing:
        y = sheet.para(MARGIN, y + 0.05, f"{ds._plural(missing, 'arc')} carry no letter here "
                       "for want of room: the table under the figure gives every tendency.",
                       WIDTH_IN - 2 * MARGIN, colour=GREY_INK)
    entries = _assemblage_legend_entries(rows, shown_rows)
    if len(rows) < len(case.relations):
        entries.append(("line", ("#9A9A9A", "-", 0.8), "no affect recorded"))
    if entries:
        _legend(sheet, y + 0.15, entries)
    return sheet.render()


def _aggregated_figure(case: Case, episode: str | None = None) -> Figure:
    rows = [a for a in al.affect_rows(case) if episode is None or a.episode == episode]
    kinds = {c.id: ds.primary_kind(c) for c in case.components}
    counts = ds._kind_counts(case)
    links: dict[tuple[str, str], int] = {}
    for a in rows:
        key = (kinds.get(a.by, "other"), kinds.get(a.on, "other"))
        links[key] = links.get(key, 0) + 1
    sheet = _Sheet()
    where = (f" in episode '{_clean(al.episode_label(case, episode))}'"
             if episode is not None else "")
    y = _header(sheet, f"Assemblage lens: {case.title}",
                f"{len(case.components)} components are too many to label legibly, so they "
                f"are drawn by kind; arcs count the affects{where} from one kind to another "
                "(the table under the figure lists every affect).")
    members = []
    for k, m in counts.items():
        inner = links.get((k, k), 0)
        extra = f"; {ds._plural(inner, 'affect')} within" if inner else ""
        members.append((k, f"{k}: {ds._plural(m, 'component')}{extra}", ""))
    top = max(links.values(), default=1)
    arcs = [(a, b, "#333333", "-", 0.8 + 3.0 * m / top, str(m), INK, False)
            for (a, b), m in sorted(links.items()) if a != b]
    y, missing = _arc_diagram(sheet, y, [("", members)], arcs)
    if missing:
        y = sheet.para(MARGIN, y + 0.05, f"{ds._plural(missing, 'count')} left off for want "
                       "of room: see the table.", WIDTH_IN - 2 * MARGIN, colour=GREY_INK)
    _legend(sheet, y + 0.15, [("line", ("#333333", "-", 1.5), "affects from one kind to another "
                                                              "(width and number count them)")])
    return sheet.render()


def assemblage_map(case: Case, episode: str | None = None) -> Drawn:
    """The assemblage reading as components by kind and affects as arcs.

    Components are listed down the left in boxes, grouped under their kind
    (a fixed, deterministic layout in which no label can collide); the
    component most affects fall on has the boldest box.  Each affect is an
    arc on the right from the component that acts to the one whose capacity
    changes (arrowhead): solid when it enhances, dashed when it diminishes,
    dotted when unclear; coloured by tendency *and* tagged with a letter (T
    territorialising, D deterritorialising, R reterritorialising, A ambivalent,
    ? unclear) wherever the tag has room (the figure counts any left off).
    Relations with no affect are thin grey arcs.  Lines of flight and
    territories are in the table twin, not squeezed under the map.  With
    *episode*, that episode's arcs are drawn in full and the rest pale;
    components outside it get dashed, lighter boxes whose text stays at
    least 4.5:1.  Past ``MAP_LABELLED_MAX`` components the map is drawn
    by kind, with affect counts.

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
    caption = (f"Assemblage lens: map of '{case.title}'{where}. Arcs run from what acts to what "
               "is affected: solid enhance, dashed diminish, dotted unclear; T, D, R and A name "
               "the tendency.")
    if len(case.components) > MAP_LABELLED_MAX:
        caption = (f"Assemblage lens: map of '{case.title}'{where}, by kind; numbers count "
                   "affects between kinds.")
    return Drawn(fig, ds.alt_text(case, "assemblage", episode=episode), caption,
                 ds.long_description(case, "assemblage", episode=episode),
                 table_html=_assemblage_twin(case, episode))


# --------------------------------------------------------------------------------------
# The episode strip
# --------------------------------------------------------------------------------------


def _strip_figure(case: Case, lens: str) -> Figure:
    groups = ds.episode_groups(case)
    if not groups:
        groups = [(None, al.NO_EPISODE_LABEL, [])]
    sheet = _Sheet()
    y = _header(sheet, f"Episodes, {lens} lens: {case.title}",
                f"One panel per episode ({len(groups)}), in order; each shows that episode's "
                "relations.")
    spheres = {row.relation: row for row in sl.sphere_table(case)}
    affects: dict[str, list] = {}
    for a in al.affect_rows(case):
        affects.setdefault(a.relation, []).append(a)
    tendencies, directions, any_missing = set(), set(), 0
    marked: dict = {"claims": set()}
    for gi, (eid, label, rels) in enumerate(groups):
        num = f"{gi + 1}. " if eid is not None else ""
        top = y + 0.1
        y = sheet.para(MARGIN + 0.1, top + 0.08, num + label, WIDTH_IN - 2 * MARGIN - 0.2,
                       size=FS_HEAD, bold=True) + 0.06
        if not rels:
            y = sheet.text(MARGIN + 0.1, y, "no relations", colour=GREY_INK)
        elif lens == "service":
            rows = [spheres[r.id] for r in rels if r.id in spheres]
            _, got, y = _sphere_sheet(case, rows=rows, sheet=sheet, y=y, strip=False,
                                      cap=STRIP_CAP)
            for k, v in got.items():
                marked[k] = (marked.get(k) or v) if k != "claims" else marked[k] | v
            y = _loose_cards(sheet, case, [r for r in rels if r.id not in spheres], y, marked,
                             cap=STRIP_CAP)
        else:
            ids = list(dict.fromkeys(x for r in rels for x in (r.source, r.target)
                                     if x in case._components))
            by_kind = len(ids) > STRIP_LABELLED_MAX
            kind_of = {i: ds.primary_kind(case.component(i)) for i in ids}
            members = [(c.id, c.label, "") for c in (case.component(i) for i in ids)]
            if by_kind:
                counts: dict[str, int] = {}
                for i in ids:
                    counts[kind_of[i]] = counts.get(kind_of[i], 0) + 1
                members = [(k, f"{k}: {ds._plural(m, 'component')}", "")
                           for k, m in counts.items()]
            arcs = []
            tally: dict = {}
            for r in rels if by_kind else ():
                for a in affects.get(r.id, []):
                    tendencies.add(a.tendency)
                    key = (kind_of.get(a.by, "other"), kind_of.get(a.on, "other"), a.tendency)
                    tally[key] = tally.get(key, 0) + 1
            for (k1, k2, t), m in sorted(tally.items()):
                arcs.append((k1, k2, TENDENCY_COLOUR.get(t, "black"), "-", 1.0 + 0.4 * min(m, 6),
                             f"{ds.TENDENCY_MARKS.get(t, '?')} {m}",
                             _ink(TENDENCY_COLOUR.get(t, "black")), False))
            for r in () if by_kind else rels:
                affect_list = affects.get(r.id, [])
                if not affect_list:
                    arcs.append((r.source, r.target, "#9A9A9A", "-", 0.8, "", "", True))
                for a in affect_list:
                    tendencies.add(a.tendency)
                    directions.add(a.direction)
                    arcs.append((a.by, a.on, TENDENCY_COLOUR.get(a.tendency, "black"),
                                 DIRECTION_STYLE.get(a.direction, ":"), 1.5,
                                 ds.TENDENCY_MARKS.get(a.tendency, "?"),
                                 _ink(TENDENCY_COLOUR.get(a.tendency, "black")), False))
            y, missing = _arc_diagram(sheet, y, [("", members)], arcs,
                                      x_list=MARGIN + 0.1, right=WIDTH_IN - MARGIN - 0.1)
            any_missing += missing
        y += 0.1
        sheet.rect(MARGIN, top, WIDTH_IN - 2 * MARGIN, y - top, face="#FBFBFB",
                   edge="#999999", lw=0.8, z=0.2)
    if any_missing:
        y = sheet.para(MARGIN, y + 0.1, f"{ds._plural(any_missing, 'arc')} carry no letter "
                       "for want of room: see the table.", WIDTH_IN - 2 * MARGIN,
                       colour=GREY_INK)
    if lens == "assemblage":
        entries: list[_LegendEntry] = [
            ("line", ("#333333", DIRECTION_STYLE[d], 1.5), d)
            for d in ("enhances", "diminishes", "unclear") if d in directions]
        entries += [("mark", (ds.TENDENCY_MARKS[t], "white", _ink(TENDENCY_COLOUR[t])), t)
                    for t in TENDENCY_COLOUR if t in tendencies]
        if entries:
            _legend(sheet, y + 0.15, entries)
    else:
        _unmarked_and_legend(sheet, case, y, marked, lone_claims=False)
    return sheet.render()


def episode_strip(case: Case, lens: str = "assemblage") -> Drawn:
    """One panel per episode showing its relations, styled by *lens*.

    Panels run in episode order, one under another at full width; relations
    with no episode get a last panel.  With ``lens='assemblage'`` each panel
    lists the episode's components with its affects as arcs (as
    :func:`assemblage_map`); with ``lens='service'`` it shows the episode's
    interactions as cards in the three spheres (as :func:`sphere_diagram`).

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
    twin = _service_twin(case) if lens == "service" else _assemblage_twin(case, None)
    return Drawn(fig, ds.alt_text(case, lens, view="strip"),
                 f"Episodes of '{case.title}' through the {lens} lens, one panel per episode.",
                 ds.long_description(case, lens, view="strip"), table_html=twin)


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
