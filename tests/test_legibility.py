"""The legibility checker itself (tests/legibility.py): it must fail on bad figures."""
from __future__ import annotations

import pytest

import legibility as lg

pytestmark = pytest.mark.unit


def _svg(texts: str, width=504, height=200, background=True) -> bytes:
    bg = (f'<path d="M 0 {height} L {width} {height} L {width} 0 L 0 0 z" '
          'style="fill: #ffffff"/>') if background else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" '
            f'viewBox="0 0 {width} {height}">{bg}{texts}</svg>').encode()


def _text(x, y, s, size=9.5, fill="#1a1a1a", anchor="start"):
    return (f'<text style="font-size: {size}px; font-family: \'DejaVu Sans\', sans-serif; '
            f'text-anchor: {anchor}; fill: {fill}" x="{x}" y="{y}">{s}</text>')


def test_a_clean_figure_passes():
    rep = lg.check(_svg(_text(10, 20, "Mrs B") + _text(10, 40, "Ward nurse")))
    assert rep.ok, rep.problems()
    assert rep.min_px_content == pytest.approx(9.5 * 672 / 504)
    assert rep.min_px_phone == pytest.approx(9.5 * 560 / 504)


def test_it_fails_on_overlapping_labels():
    rep = lg.check(_svg(_text(10, 20, "Mrs B, 84") + _text(30, 24, "r26 R")))
    assert not rep.ok and rep.overlaps == [("Mrs B, 84", "r26 R")]
    # the same two labels just apart pass: the boxes come from the real font metrics
    apart = lg.check(_svg(_text(10, 20, "Mrs B, 84") + _text(60, 20, "r26 R")))
    assert apart.ok, apart.problems()


def test_centred_text_is_measured_from_its_anchor():
    rep = lg.check(_svg(_text(50, 20, "centred label", anchor="middle")
                        + _text(52, 20, "x", anchor="start")))
    assert rep.overlaps


def test_it_fails_on_a_too_small_label():
    rep = lg.check(_svg(_text(10, 20, "tiny", size=7.5)))
    assert not rep.ok and rep.min_px_content < 12
    assert any("px at 672" in p for p in rep.problems())
    phone = lg.check(_svg(_text(10, 20, "ok on desktop", size=9.5)), min_width_px=390)
    assert phone.min_px_content >= 12 and phone.min_px_phone < 10 and not phone.ok


def test_it_fails_on_truncated_clipped_and_faint_text():
    assert lg.check(_svg(_text(10, 20, "The relation li…"))).truncated
    assert lg.check(_svg(_text(480, 20, "runs off the edge"))).clipped
    faint = lg.check(_svg(_text(10, 20, "pale grey", fill="#aaaaaa")))
    assert faint.low_contrast and faint.min_contrast < 4.5
    tinted = lg.check(_svg('<path d="M 0 0 L 200 0 L 200 50 L 0 50 z" style="fill: #e0f3ee"/>'
                           + _text(10, 20, "Joint sphere", fill="#009e73")))
    assert tinted.low_contrast  # measured against the shape under the text


def test_it_fails_without_an_opaque_background():
    assert not lg.check(_svg(_text(10, 20, "Mrs B"), background=False)).opaque


def test_contrast_formula():
    assert lg.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert lg.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
