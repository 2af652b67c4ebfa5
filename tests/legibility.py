"""A legibility checker for the SVG figures, computed from the SVG itself.

It reads every ``<text>`` element of an SVG drawn with ``svg.fonttype: none``,
measures its box with matplotlib's own metrics for the font the SVG names
(DejaVu Sans, shipped with matplotlib), and reports:

- the smallest text in CSS pixels when the figure is shown at the book's
  content width (672 px) and on a 390 px phone, where the figure keeps its
  scroll box's ``min-width`` (:data:`vcc_helpers.figures.MIN_WIDTH_PX`);
- pairs of text boxes that overlap;
- truncated text (an ellipsis) and text outside the picture (clipped);
- the contrast of each text against the filled shape under it (the figures
  have their own opaque white background, so the page's light or dark theme
  cannot change it: :func:`opaque_background` checks that).

Used by ``tests/test_figures.py``; its own tests are in ``tests/test_legibility.py``.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

CONTENT_PX = 672
PHONE_PX = 390
PHONE_CONTENT_PX = 358  # a 390 px viewport less the book's side padding
_NS = "{http://www.w3.org/2000/svg}"
_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
_T2P = TextToPath()


def _style(el) -> dict[str, str]:
    out = {}
    for part in (el.get("style") or "").split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip()] = v.strip()
    return out


@lru_cache(maxsize=4096)
def _measure(text: str, size: float, bold: bool, family: str) -> tuple[float, float, float]:
    """(width, ascent, descent) of *text* in SVG units, from matplotlib's font metrics."""
    prop = FontProperties(family=family, size=size, weight="bold" if bold else "normal")
    w, h, d = _T2P.get_text_width_height_descent(text, prop, ismath=False)
    return w, h - d, d


@dataclass
class TextBox:
    text: str
    size: float        # SVG units
    box: tuple         # x0, y0, x1, y1 in SVG units (y downwards)
    colour: str
    background: str = "#ffffff"


def _hex(c: str | None, default="#000000") -> str:
    if not c or c == "none":
        return default
    c = c.strip().lower()
    if re.fullmatch(r"#[0-9a-f]{3}", c):
        c = "#" + "".join(ch * 2 for ch in c[1:])
    return c


def _rgb(c: str) -> tuple[float, float, float]:
    c = _hex(c)
    return tuple(int(c[i:i + 2], 16) / 255 for i in (1, 3, 5))


def luminance(c: str) -> float:
    def lin(v):
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in _rgb(c))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _blend(fg: str, alpha: float, bg: str) -> str:
    f, b = _rgb(fg), _rgb(bg)
    return "#" + "".join(f"{round(255 * (alpha * x + (1 - alpha) * y)):02x}" for x, y in zip(f, b, strict=True))




def parse(svg: bytes | str):
    """(viewbox width, viewbox height, text boxes, filled shapes) of an SVG."""
    root = ET.fromstring(svg if isinstance(svg, (bytes, bytearray)) else svg.encode())
    vb = [float(v) for v in root.get("viewBox").split()]
    shapes: list = []
    texts: list[TextBox] = []
    for el in root.iter():
        tag = el.tag.replace(_NS, "")
        st = _style(el)
        if tag == "path":
            fill = st.get("fill", el.get("fill", "#000000"))
            if fill == "none" or st.get("fill-opacity") == "0":
                continue
            nums = [float(n) for n in _NUM.findall(el.get("d", ""))]
            if len(nums) < 4 or el.get("transform") or el.get("clip-path"):
                continue
            xs, ys = nums[0::2], nums[1::2]
            alpha = float(st.get("fill-opacity", st.get("opacity", 1)))
            shapes.append(((min(xs), min(ys), max(xs), max(ys)), _hex(fill), alpha))
        elif tag == "text":
            content = "".join(el.itertext())
            size = float(st.get("font-size", "10px").rstrip("px"))
            bold = st.get("font-weight", "400") in ("700", "bold")
            family = st.get("font-family", "DejaVu Sans").split(",")[0].strip("'\" ")
            w, asc, desc = _measure(content, size, bold, family)
            x, y = float(el.get("x", 0)), float(el.get("y", 0))
            shift = {"start": 0, "middle": 0.5, "end": 1}[st.get("text-anchor", "start")]
            x0 = x - shift * w
            tb = TextBox(content, size, (x0, y - asc, x0 + w, y + desc), _hex(st.get("fill")))
            cx, cy = (tb.box[0] + tb.box[2]) / 2, (tb.box[1] + tb.box[3]) / 2
            bg = "#ffffff"
            for (sx0, sy0, sx1, sy1), colour, alpha in shapes:
                if sx0 <= cx <= sx1 and sy0 <= cy <= sy1:
                    bg = colour if alpha >= 0.999 else _blend(colour, alpha, bg)
            tb.background = bg
            texts.append(tb)
    return vb[2], vb[3], texts, shapes


def opaque_background(svg) -> bool:
    """True when the SVG's first shape is an opaque fill covering the whole picture."""
    w, h, _, shapes = parse(svg)
    if not shapes:
        return False
    (x0, y0, x1, y1), colour, alpha = shapes[0]
    return x0 <= 0.05 and y0 <= 0.05 and x1 >= w - 0.05 and y1 >= h - 0.05 and alpha >= 0.999


def overlaps(texts: list[TextBox], tolerance: float = 0.25) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes overlap by more than *tolerance* SVG units both ways."""
    grid: dict = {}
    out = []
    cell = 40.0
    for i, t in enumerate(texts):
        x0, y0, x1, y1 = t.box
        seen = set()
        for gx in range(int(x0 // cell), int(x1 // cell) + 1):
            for gy in range(int(y0 // cell), int(y1 // cell) + 1):
                for j in grid.get((gx, gy), ()):
                    if j in seen:
                        continue
                    seen.add(j)
                    o = texts[j].box
                    if min(x1, o[2]) - max(x0, o[0]) > tolerance and \
                            min(y1, o[3]) - max(y0, o[1]) > tolerance:
                        out.append((texts[j].text, t.text))
        for gx in range(int(x0 // cell), int(x1 // cell) + 1):
            for gy in range(int(y0 // cell), int(y1 // cell) + 1):
                grid.setdefault((gx, gy), []).append(i)
    return out


@dataclass
class Report:
    texts: int
    min_px_content: float
    min_px_phone: float
    overlaps: list = field(default_factory=list)
    truncated: list = field(default_factory=list)
    clipped: list = field(default_factory=list)
    min_contrast: float = 21.0
    low_contrast: list = field(default_factory=list)
    opaque: bool = True

    @property
    def ok(self) -> bool:
        return (self.min_px_content >= 12 and self.min_px_phone >= 10 and not self.overlaps
                and not self.truncated and not self.clipped and not self.low_contrast
                and self.opaque)

    def problems(self) -> list[str]:
        out = []
        if self.min_px_content < 12:
            out.append(f"text {self.min_px_content:.1f} px at {CONTENT_PX} px (< 12)")
        if self.min_px_phone < 10:
            out.append(f"text {self.min_px_phone:.1f} px on a {PHONE_PX} px phone (< 10)")
        out += [f"overlap: {a!r} / {b!r}" for a, b in self.overlaps[:5]]
        out += [f"truncated: {t!r}" for t in self.truncated[:5]]
        out += [f"clipped: {t!r}" for t in self.clipped[:5]]
        out += [f"contrast {c:.2f}: {t!r}" for t, c in self.low_contrast[:5]]
        if not self.opaque:
            out.append("no opaque background (the page theme would show through)")
        return out


def check(svg, min_width_px: int | None = None) -> Report:
    """Measure an SVG figure as the book shows it (see the module notes).

    *min_width_px* is the scroll box's min-width on a phone (default: the
    figures module's :data:`~vcc_helpers.figures.MIN_WIDTH_PX`).
    """
    if min_width_px is None:
        from vcc_helpers.figures import MIN_WIDTH_PX as min_width_px
    width, height, texts, _ = parse(svg)
    texts = [t for t in texts if t.text.strip()]
    smallest = min((t.size for t in texts), default=99.0)
    phone_width = max(PHONE_CONTENT_PX, min_width_px)
    rep = Report(len(texts), smallest * CONTENT_PX / width, smallest * phone_width / width)
    rep.overlaps = overlaps(texts)
    rep.truncated = [t.text for t in texts if "…" in t.text or "..." in t.text]
    rep.clipped = [t.text for t in texts if t.box[0] < -0.5 or t.box[1] < -0.5
                   or t.box[2] > width + 0.5 or t.box[3] > height + 0.5]
    cs = [(t.text, contrast(t.colour, t.background)) for t in texts]
    rep.min_contrast = min((c for _, c in cs), default=21.0)
    rep.low_contrast = [(t, c) for t, c in cs if c < 4.5]
    rep.opaque = opaque_background(svg)
    return rep
