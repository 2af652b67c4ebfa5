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
from vcc_helpers.lenses.examples import tiny_case

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
