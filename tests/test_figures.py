"""Tests for vcc_helpers.figures: determinism, safety of labels, accessible HTML."""
from __future__ import annotations

import base64
import re
import subprocess
import sys

import pytest

from smallcases import bare, discharge, empty, generated, hostile
from vcc_helpers import describe as ds
from vcc_helpers import figures as fg
from vcc_helpers.lenses import service as sl
from vcc_helpers.lenses.examples import tiny_case
from vcc_helpers.model import SPHERES

pytestmark = pytest.mark.unit

DRAWERS = {
    "sphere": lambda c: fg.sphere_diagram(c),
    "map": lambda c: fg.assemblage_map(c),
    "map-episode": lambda c: fg.assemblage_map(c, c.episodes[0].id if c.episodes else None),
    "strip-assemblage": lambda c: fg.episode_strip(c),
    "strip-service": lambda c: fg.episode_strip(c, "service"),
}


@pytest.mark.parametrize("name", list(DRAWERS))
def test_same_case_gives_byte_identical_svg(name):
    a = DRAWERS[name](discharge()).svg()
    b = DRAWERS[name](discharge()).svg()
    assert a == b
    assert a.startswith(b"<?xml") and b"<svg" in a


def test_png_is_deterministic_and_800px_wide():
    d = fg.sphere_diagram(discharge())
    a, b = d.png(), fg.sphere_diagram(discharge()).png()
    assert a == b and a[:4] == b"\x89PNG"
    width = int.from_bytes(a[16:20], "big")
    assert width == 800


def test_svg_keeps_text_as_text_and_has_no_date_or_embedded_glyphs():
    svg = fg.assemblage_map(discharge()).svg()
    assert b"<text" in svg and b"Mrs B, 84" in svg
    assert b"<dc:date>" not in svg and b"Matplotlib v" not in svg
    assert not re.search(rb'id="DejaVuSans-', svg)


def test_svg_is_small_for_a_small_case():
    for name, draw in DRAWERS.items():
        assert len(draw(tiny_case()).svg()) < 40_000, name


@pytest.mark.parametrize("name", list(DRAWERS))
def test_hostile_labels_are_escaped_in_svg_and_never_mathtext(name):
    svg = DRAWERS[name](hostile()).svg()
    assert b"<img" not in svg and b"<b>" not in svg
    assert b"&lt;img src=x" in svg
    assert b"$x$ costs $5 &amp;" in svg  # literal dollars: mathtext is off


def test_repr_html_structure_and_escaping():
    d = fg.assemblage_map(hostile())
    page = d._repr_html_()
    assert page.startswith('<figure class="vcc-figure"')
    assert page.endswith("</details></figure>")
    m = re.search(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"', page)
    assert m, page[:300]
    assert base64.b64decode(m.group(1)) == d.svg()
    assert m.group(2) == ds.alt_text(hostile(), "assemblage").replace("&", "&amp;").replace(
        "<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    assert "<figcaption>" in page and "<details><summary>Text description</summary>" in page
    assert page.count("<img") == 1  # only our own image: labels are escaped
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<li>" in page


def test_drawn_carries_describe_texts():
    c = discharge()
    d = fg.draw(c, "assemblage", episode="home")
    assert d.alt == ds.alt_text(c, "assemblage", episode="home")
    assert d.long_description == ds.long_description(c, "assemblage", episode="home")
    assert "highlighted" in d.caption
    s = fg.draw(c, "service")
    assert s.alt == ds.alt_text(c, "service")
    assert s.long_description == ds.long_description(c, "service")
    e = fg.draw(c, "episodes")
    assert e.alt == ds.alt_text(c, "assemblage", view="strip")
    assert repr(s).startswith("Drawn(alt=") and "Sphere diagram of" in repr(s)


def test_no_png_in_the_mime_bundle():
    assert not hasattr(fg.Drawn, "_repr_png_") and not hasattr(fg.Drawn, "_repr_svg_")
    assert not hasattr(fg.Drawn, "_repr_mimebundle_")


def test_figures_never_import_pyplot():
    code = ("import sys; from vcc_helpers import figures; from vcc_helpers.lenses.examples "
            "import tiny_case; figures.draw(tiny_case(), 'service').svg(); "
            "print('matplotlib.pyplot' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_aggregated_view_past_150_components():
    d = fg.assemblage_map(generated(151))
    svg = d.svg()
    assert b"Aggregated by kind: 151 components" in svg
    assert "aggregated by kind" in d.alt and "aggregated by kind" in d.caption
    assert "aggregated" not in ds.alt_text(generated(150), "assemblage")


def test_unknown_episode_and_lens():
    with pytest.raises(KeyError):
        fg.assemblage_map(discharge(), episode="hom")
    with pytest.raises(ValueError):
        fg.draw(discharge(), "ecosystem")
    with pytest.raises(ValueError):
        fg.episode_strip(discharge(), "both")


@pytest.mark.parametrize("make", [bare, empty])
def test_cases_without_readings_still_draw(make):
    for draw in DRAWERS.values():
        d = draw(make())
        assert d.svg() and d.alt


def test_label_wrapping_truncates_safely():
    assert fg._t("a " * 100, 10, 2).count("\n") == 1
    assert fg._t("x" * 50, 10, 2).endswith("…")
    assert fg._t("", 10) == ""


# --------------------------------------------------------------------------------------
# every function on every bundled case
# --------------------------------------------------------------------------------------


def _bundled_names():
    try:
        from vcc_helpers import cases
        return list(cases.names())
    except Exception:  # the loader is not there yet
        return []


@pytest.mark.parametrize("name", _bundled_names() or ["(none yet)"])
def test_every_function_on_every_bundled_case(name):
    if name == "(none yet)":
        pytest.skip("no bundled cases yet")
    from vcc_helpers import cases
    from vcc_helpers.lenses import assemblage as al
    from vcc_helpers.lenses import reinterpret as ri
    from vcc_helpers.lenses import service as sl
    c = cases.load(name)
    s = sl.service_reading(c)
    for by in sl.GROUP_BY:
        sl.value_claims(c, by=by)
    assert sl.component_spheres(c).keys() == {x.id for x in c.components}
    a = al.assemblage_reading(c)
    for comp in c.components:
        al.capacities_of(c, comp.id)
    assert sum(len(g.affects) for g in a.economy) == len(c.assemblage.affects if c.assemblage else ())
    d = ri.reinterpret(c)
    assert all(x.capacity == "" and x.direction == "unclear" for x in d.affects)
    assert d.questions() and d.to_reading()
    res = ri.residue(c)
    assert res.service_cannot_express and res.assemblage_loses
    assert ri.could_not_hold(c) == ri.could_not_hold(c)
    for lens in ds.LENSES:
        assert len(ds.alt_text(c, lens)) <= 250
        text = ds.long_description(c, lens)
        assert all(x.label in text for x in c.components)
        assert all(r.does in text for r in c.relations)
    ds.describe_case(c)
    for e in [x.id for x in c.episodes]:
        assert len(ds.alt_text(c, "assemblage", episode=e)) <= 250
    first = fg.assemblage_map(c, c.episodes[0].id if c.episodes else None).svg()
    assert first == fg.assemblage_map(c, c.episodes[0].id if c.episodes else None).svg()
    for lens in ("service", "assemblage", "episodes"):
        assert 'alt="' in fg.draw(c, lens)._repr_html_()
    assert s.present or not c.service


def test_svg_compaction_rounds_geometry_but_never_text():
    raw = (b'<path d="M 1.234567 2.5 L -0.0012 3.10000"/><text x="10.123456">'
           b'd="1.234567" x="9.87654"</text>')
    assert fg._compact_svg(raw) == (
        b'<path d="M 1.23 2.5 L 0 3.1"/><text x="10.12">d="1.234567" x="9.87654"</text>')


# --------------------------------------------------------------------------------------
# speed: text laid out from a width table, arrows batched, nothing autoscaled
# --------------------------------------------------------------------------------------


def _labels(drawn):
    return [t for t in drawn.figure.axes[0].get_children() if isinstance(t, fg._Label)]


def _overlaps(a, b, tol=0.01):
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w > tol and h > tol


def test_text_is_laid_out_from_dejavu_advance_widths():
    # M .863 + r .411 + s .521 + space .318 + A .684 = 2.797 em; 10 pt = 10/72 in
    assert fg._width("Mrs A", 10) == pytest.approx(2.797 * 10 / 72, abs=2e-3)
    assert fg._width("Mrs A", 10, bold=True) > fg._width("Mrs A", 10)
    x0, y0, x1, y1 = fg._box(1.0, 1.0, "Mrs A", 10, "center", "top")
    assert (x0 + x1) / 2 == pytest.approx(1.0) and x1 - x0 == pytest.approx(fg._width("Mrs A", 10))
    assert y1 == pytest.approx(1.0)  # va='top': the box hangs from the anchor
    one = fg._box(0, 0, "a", 10, "left", "baseline")
    two = fg._box(0, 0, "a\nb", 10, "left", "baseline", pitch=0.2)
    assert one[0] == 0 and two[3] == pytest.approx(one[3]) and two[1] == pytest.approx(one[1] - 0.2)
    assert fg._fit("a long relation label", 0.5, 7.2).endswith("…")
    assert fg._width(fg._fit("a long relation label", 0.5, 7.2), 7.2) <= 0.5
    assert fg._wrap("one two three four five six", 0.6, 8)[1].startswith("    ")


def test_centred_labels_are_anchored_in_the_svg_and_stay_text():
    svg = fg.sphere_diagram(discharge()).svg()
    assert b"text-anchor: middle" in svg
    assert b">Mrs B, 84</text>" in svg and b">(user)</text>" in svg
    assert b">value destruction claimed</text>" in svg and b">joint sphere (J)</text>" in svg
    assert b"'DejaVu Sans', 'Verdana', sans-serif" in svg  # never a serif fallback


def test_arrows_are_batched_and_nothing_autoscales():
    from matplotlib.collections import PathCollection, PolyCollection
    from matplotlib.patches import FancyArrowPatch
    ax = fg.sphere_diagram(discharge()).figure.axes[0]
    kids = ax.get_children()
    assert not ax.get_autoscale_on()
    assert not any(isinstance(k, FancyArrowPatch) for k in kids)
    assert ax.get_legend() is None  # the legend is drawn by hand
    # 5 interactions + 3 relations in no sphere, all between two different components
    assert [len(k.get_paths()) for k in kids if isinstance(k, PathCollection)] == [8]
    assert [len(k.get_paths()) for k in kids if isinstance(k, PolyCollection)] == [8]


def test_arrow_ends_are_shortened_by_hand():
    edges = fg._Edges()
    curve = edges.add((0, 0), (2, 0), colour="black", rad=0, shrink=0.1)
    assert curve.at(0) == pytest.approx((0.1, 0), abs=1e-3)
    assert curve.at(1) == pytest.approx((1.9, 0), abs=1e-3)
    tip, left, right = edges.items[0][3]
    assert tip == pytest.approx((1.9, 0), abs=1e-3)
    assert left[0] == pytest.approx(1.9 - fg._HEAD_LEN, abs=1e-3)
    assert left[1] == pytest.approx(fg._HEAD_HALF) and right[1] == pytest.approx(-fg._HEAD_HALF)
    line = edges.items[0][2]
    assert line[-1][0] < 1.9 and line[-1][0] > 1.9 - fg._HEAD_LEN  # ends inside the head
    assert curve.at(0.5, off=0.1) == pytest.approx((1.0, 0.1), abs=1e-3)  # left of the edge


def test_parallel_and_opposite_arcs_bow_to_different_sides():
    pos = {"a": (0.0, 1.0), "b": (2.0, 1.0)}
    index = {"a": 0, "b": 1}
    below = (1.0, 0.0)

    def mid_y(p, q, rad):
        return fg._bz(pos[p], fg._control(pos[p], pos[q], rad), pos[q], 0.5)[1]

    first = fg._bow(pos, "a", "b", 0, 0.2, 0.1, below, index)
    back = fg._bow(pos, "b", "a", 1, 0.2, 0.1, below, index)
    third = fg._bow(pos, "a", "b", 2, 0.2, 0.1, below, index)
    assert mid_y("a", "b", first) < 1.0  # the first bows toward the middle point
    assert mid_y("b", "a", back) > 1.0  # the next, either way round, bows the other way
    assert mid_y("a", "b", third) < mid_y("a", "b", first)  # then further out
    # a side that would leave the box is skipped
    boxed = fg._bow(pos, "b", "a", 1, 0.2, 0.1, below, index, inside=(-1, 0, 3, 1.05))
    assert mid_y("b", "a", boxed) < 1.0


def test_choose_falls_back_to_the_least_overlap_and_respects_bounds():
    space = fg._Space()
    space.add((0, 0, 1, 1))
    assert fg._choose(space, [((0.5, 0.5, 1.5, 1.5), "big"), ((0.9, 0.9, 1.9, 1.9), "small")]) \
        == "small"
    assert space.overlap((0.95, 0.95, 1.0, 1.0)) == pytest.approx(0.0025 + 0.0025)
    fresh = fg._Space()
    assert fg._choose(fresh, [((5, 5, 6, 6), "outside"), ((0, 0, 1, 1), "inside")],
                      bounds=(0, 0, 2, 2)) == "inside"


def test_sphere_columns_fit_the_page():
    rows, sub, spans = fg._sphere_columns({"provider": 0, "joint": 9, "user": 1}, 6)
    assert (rows, sub) == (3, {"provider": 1, "joint": 3, "user": 1})
    assert spans == {"provider": (0.0, 1.6), "joint": (1.6, 4.8), "user": (6.4, 1.6)}
    rows, sub, spans = fg._sphere_columns({"provider": 2, "joint": 2, "user": 3}, 6)
    assert rows == 2 and sum(w for _, w in spans.values()) == pytest.approx(fg.WIDTH_IN)


def test_ink_is_dark_enough_for_small_text():
    for colour in fg.OKABE_ITO.values():
        ink = fg._ink(colour)
        rgb = fg.to_rgba(ink)
        assert 1.05 / (fg._luminance(rgb) + 0.05) >= 4.5, (colour, ink)
    assert fg._ink("#000000") == "#000000"


# --------------------------------------------------------------------------------------
# legibility: labels placed where they overlap least
# --------------------------------------------------------------------------------------


def test_relation_labels_never_overlap_in_the_gp_appointment_sphere_diagram():
    from vcc_helpers import cases
    if "gp-appointment" not in cases.names():
        pytest.skip("bundled case missing")
    d = fg.sphere_diagram(cases.load("gp-appointment"))
    edge = [t.extent() for t in _labels(d) if t.get_zorder() == 4.5]
    assert len(edge) == 22  # 17 interactions and 5 relations in no sphere
    assert not [(a, b) for i, a in enumerate(edge) for b in edge[i + 1:] if _overlaps(a, b)]


@pytest.mark.parametrize("name", _bundled_names() or ["(none yet)"])
def test_labels_seldom_overlap_on_bundled_cases(name):
    if name == "(none yet)":
        pytest.skip("no bundled cases yet")
    from vcc_helpers import cases
    c = cases.load(name)
    for draw in (fg.sphere_diagram, fg.assemblage_map, fg.episode_strip):
        boxes = [t.extent() for t in _labels(draw(c))]
        clashes = sum(_overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
        assert clashes <= 3, (name, draw.__name__, clashes)
        assert all(0 <= b[0] and b[2] <= fg.WIDTH_IN for b in boxes), (name, draw.__name__)


def test_component_labels_wrap_at_18_characters_in_the_sphere_diagram():
    svg = fg.sphere_diagram(discharge()).svg().decode()
    assert ">Discharge</text>" in svg and ">coordinator</text>" in svg
    assert ">(frontline-staff)</text>" in svg


# --------------------------------------------------------------------------------------
# the aggregated sphere diagram
# --------------------------------------------------------------------------------------


def test_aggregated_sphere_view_past_150_components():
    from matplotlib.collections import PathCollection
    big = generated(151)
    d = fg.sphere_diagram(big)
    svg = d.svg()
    assert b"Aggregated by role: 151 components (more than 150)" in svg
    assert "aggregated by role" in d.alt and "aggregated by role" in d.caption
    assert len(d.alt) <= 250
    assert "Aggregated view: 151 components are more than 150" in d.long_description
    assert d.long_description == ds.long_description(big, "service")
    links, within = ds.sphere_links(big)
    drawn = [len(k.get_paths()) for k in d.figure.axes[0].get_children()
             if isinstance(k, PathCollection)]
    assert drawn == [min(len(links), ds.AGGREGATE_LINKS)]
    assert sum(links.values()) + sum(within.values()) == len(sl.sphere_table(big)) + len(
        sl.unplaced_relations(big))
    assert len(svg) < 60_000 and svg == fg.sphere_diagram(big).svg()
    assert "aggregated" not in ds.alt_text(generated(150), "service")
    assert "Aggregated" not in ds.long_description(generated(150), "service")


def test_sphere_groups_are_bounded_and_ordered():
    groups = ds.sphere_groups(generated(151))
    assert sum(len(v) for v in groups.values()) == 151
    spheres = [g[0] for g in groups]
    assert spheres == sorted(spheres, key=lambda s: (*SPHERES, None).index(s))
    for sphere in set(spheres):
        assert sum(1 for g in groups if g[0] == sphere) <= 7


def test_svg_is_the_same_in_a_fresh_process():
    import hashlib
    code = ("import hashlib; from vcc_helpers import figures; from vcc_helpers.lenses.examples "
            "import tiny_case; print(hashlib.sha256(figures.sphere_diagram(tiny_case()).svg())"
            ".hexdigest())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == hashlib.sha256(fg.sphere_diagram(tiny_case()).svg()).hexdigest()
