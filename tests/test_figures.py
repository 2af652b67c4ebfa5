"""Tests for vcc_helpers.figures: determinism, safety of labels, accessible HTML."""
from __future__ import annotations

import html
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


def test_png_is_deterministic_sharp_and_sized_by_the_caller():
    d = fg.sphere_diagram(discharge())
    a, b = d.png(), fg.sphere_diagram(discharge()).png()
    assert a == b and a[:4] == b"\x89PNG"
    assert int.from_bytes(a[16:20], "big") == 1400  # 7 in at 200 dpi
    assert int.from_bytes(d.png(width_px=900)[16:20], "big") == 900
    assert int.from_bytes(d.png(dpi=96)[16:20], "big") == 672
    with pytest.raises(ValueError):
        d.png(width_px=10)


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
    assert page.startswith("<style>") and '<figure class="vcc-figure"' in page
    assert page.endswith("</details></figure>")
    assert '<div class="vcc-fig-scroll">' in page and "min-width:560px" in page
    assert "Show at full size" in page and "Table of this figure" in page
    m = re.search(r'<img src="data:image/svg\+xml;charset=utf-8,([^"]+)" alt="([^"]*)"', page)
    assert m, page[:300]
    from urllib.parse import unquote
    svg = unquote(html.unescape(m.group(1))).encode()
    assert svg == re.sub(rb">\s+<", b"><", d.svg()).strip()
    assert m.group(2) == ds.alt_text(hostile(), "assemblage").replace("&", "&amp;").replace(
        "<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    assert "<figcaption>" in page and "<details><summary>Text description</summary>" in page
    assert "<table" in page and "<caption>Affects</caption>" in page
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


def test_map_is_drawn_by_kind_past_the_labelled_maximum():
    n = fg.MAP_LABELLED_MAX + 1
    d = fg.assemblage_map(generated(n))
    svg = d.svg()
    assert f"{n} components are too many to label legibly".encode() in svg
    assert b"Component 3<" not in svg and "by kind" in d.caption
    assert "Component 3" in d.table_html  # the labels move to the table twin
    small = fg.assemblage_map(generated(fg.MAP_LABELLED_MAX)).svg()
    assert b">Component 3</text>" in small


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


def test_sphere_cards_say_who_acts_on_whom_and_mark_claims_by_their_valence():
    svg = fg.sphere_diagram(discharge()).svg()
    assert b">Joint sphere (J)</text>" in svg and b">User sphere (U)</text>" in svg
    assert b"Mrs B, 84" in svg and "→".encode() in svg
    assert b"claim: value destroyed</text>" in svg
    assert b"'DejaVu Sans', 'Verdana', sans-serif" in svg  # never a serif fallback
    big = fg.sphere_diagram(generated(50)).svg()
    for word in (b"claim: value destroyed", b"claim: mixed value", b"claim: dis/value"):
        assert word in big


def test_arrows_are_batched_and_nothing_autoscales():
    from matplotlib.collections import PathCollection, PolyCollection
    from matplotlib.patches import FancyArrowPatch
    c = discharge()
    fig = fg.assemblage_map(c).figure
    assert not fig.axes  # artists in inch units on the figure: no Axes to autoscale or draw
    kids = fig.get_children()
    assert not any(isinstance(k, FancyArrowPatch) for k in kids)
    arcs = sum(len(k.get_paths()) for k in kids if isinstance(k, PathCollection))
    heads = sum(len(k.get_paths()) for k in kids if isinstance(k, PolyCollection)
                and k.get_zorder() in (1.2, 2.2))  # the other polygons are the boxes
    from vcc_helpers.lenses import assemblage as al
    rows = al.affect_rows(c)
    bare_rel = [r for r in c.relations if r.id not in {a.relation for a in rows}]
    assert arcs == heads == len(rows) + len(bare_rel)


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


def test_ink_is_dark_enough_for_small_text():
    for colour in fg.OKABE_ITO.values():
        ink = fg._ink(colour)
        rgb = fg.to_rgba(ink)
        assert 1.05 / (fg._luminance(rgb) + 0.05) >= 4.5, (colour, ink)
    assert fg._ink("#000000") == "#000000"


# --------------------------------------------------------------------------------------
# labels wrap whole
# --------------------------------------------------------------------------------------


def test_labels_wrap_whole_and_are_never_cut():
    long = "a label far too long for one line of a box " * 3
    lines = fg._lines(long, 1.5)
    assert " ".join(lines) == " ".join(long.split())
    assert all(fg._width(x, fg.FS) <= 1.5 for x in lines)
    assert fg._clean("a\x00b\x1bc\u2028d") == "a b c d"  # XML-safe


# --------------------------------------------------------------------------------------
# large cases
# --------------------------------------------------------------------------------------


def test_sphere_diagram_caps_cards_and_counts_the_rest():
    big = generated(150)
    d = fg.sphere_diagram(big)
    svg = d.svg().decode()
    assert re.search(r">and \d+ interactions", svg)
    assert len(d.svg()) < 120_000
    assert d.table_html.count("<tr>") == len(sl.sphere_table(big)) + len(
        sl.unplaced_relations(big)) + 2 + sum(
        1 for x in sl.destruction_points(big) if not x.relation) + (
        1 if any(not x.relation for x in sl.destruction_points(big)) else 0)


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


# --------------------------------------------------------------------------------------
# legibility floors, measured on every figure the book and the CLI draw
# --------------------------------------------------------------------------------------

def _legibility_cases():
    from vcc_helpers import cases
    out = [(n, (lambda n=n: cases.load(n))) for n in cases.names()]
    return out + [(f"generated-{k}", (lambda k=k: generated(k))) for k in (10, 50, 150)]


@pytest.mark.parametrize("name,make", _legibility_cases(), ids=[n for n, _ in _legibility_cases()])
def test_every_figure_is_legible_at_the_size_it_is_shown(name, make):
    import legibility as lg
    c = make()
    drawn = {"sphere": fg.sphere_diagram(c), "map": fg.assemblage_map(c),
             "strip": fg.episode_strip(c), "strip-service": fg.episode_strip(c, "service"),
             "actor-network": fg.draw(c, "actor-network")}
    for e in c.episodes:
        drawn[f"map@{e.id}"] = fg.assemblage_map(c, episode=e.id)
    for what, d in drawn.items():
        rep = lg.check(d.svg())
        assert rep.ok, (name, what, rep.problems())
        assert rep.min_px_content >= 12 and rep.min_px_phone >= 10
        assert not rep.overlaps and not rep.truncated and rep.min_contrast >= 4.5


def test_control_characters_in_labels_never_break_the_svg():
    import xml.etree.ElementTree as ET
    from dataclasses import replace
    c = discharge()
    comps = tuple(replace(x, label=x.label + "\x00\x1b[31m\x0b") for x in c.components)
    c = replace(c, components=comps, title="Title\x07 bell")
    for draw in DRAWERS.values():
        svg = draw(c).svg()
        ET.fromstring(svg)  # well-formed XML
        assert b"\x1b" not in svg and b"\x00" not in svg and b"\x07" not in svg


def test_a_case_the_book_has_never_seen_drawn_through_the_cli_is_legible(tmp_path):
    """The command line's own route: a case file written here (not a bundled case), the
    sphere diagram, the assemblage map, the episode strip and the actor-network sketch
    drawn to SVG by `draw`, each file measured."""
    import legibility as lg
    from vcc_helpers.casefile import save_case
    from vcc_helpers.cli import main
    src = tmp_path / "unseen.yaml"
    save_case(generated(120), src)
    for lens in ("service", "assemblage", "episodes", "actor-network"):
        out = tmp_path / f"{lens}.svg"
        assert main(["draw", str(src), "--lens", lens, "-o", str(out)]) == 0
        rep = lg.check(out.read_bytes())
        assert rep.ok, (lens, rep.problems())
        assert rep.min_px_content >= 12 and rep.min_px_phone >= 10
