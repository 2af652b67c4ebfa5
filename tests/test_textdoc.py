"""Reports as documents (vcc_helpers.textdoc) and the residue report built on them."""
from __future__ import annotations

import re

import pytest

from smallcases import HOSTILE, discharge, generated, hostile
from vcc_helpers.lenses.reinterpret import could_not_hold, residue_report
from vcc_helpers.textdoc import Group, Report, Section, of_total, plural

pytestmark = pytest.mark.unit


def test_plural_and_totals_read_as_english():
    assert [plural(n, "episode") for n in (0, 1, 2)] == ["0 episodes", "1 episode", "2 episodes"]
    assert of_total(37, 37, "relation") == "all 37 relations"
    assert of_total(2, 2, "relation") == "both relations"
    assert of_total(1, 1, "relation") == "the one relation"
    assert of_total(0, 4, "claim") == "none of the 4 claims"
    assert of_total(3, 37, "relation") == "3 of the 37 relations"


def test_html_folds_the_long_tail_and_escapes_everything():
    r = Report(f"T {HOSTILE}", [Section("S", groups=[Group("a", [f"x{i} {HOSTILE}"
                                                                for i in range(7)]),
                                                     Group("b", ["y"])])], limit=3)
    page = r._repr_html_()
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    shown, folded = page.split("<details>")
    assert shown.count("<li>") == 3 and folded.count("<li>") == 5  # 3 + "all 7" (4 more) + b
    assert "<summary>All 7 (4 more)</summary>" in page
    assert "<h3>" in page and "<h4>S (8 items)</h4>" in page
    md = r._repr_markdown_()
    assert "<img" not in md.replace(r"\<img", "") and r"\<img" in md


def test_residue_report_uses_labels_and_matches_the_plain_text():
    c = discharge()
    r = residue_report(c, limit=2)
    page = r._repr_html_()
    assert "<h3>What this tool could not hold</h3>" in page
    # (the small case's non-human relations all have an organisation at one end, counted
    # apart since issue 18, so the bypass heading stands in for them here)
    assert "Relations the service reading cannot place" in page and "<details>" in page
    assert "(s)" not in page and " -&gt; " not in page  # no "claim(s)", no "id -> id"
    text = could_not_hold(c, limit=2)
    assert text.startswith("What this tool could not hold\n")
    assert "... and" in text  # the CLI text counts what it leaves out
    full = str(r)
    assert all(line in full for line in text.splitlines() if not line.startswith("- ..."))


def test_residue_report_escapes_hostile_labels():
    page = residue_report(hostile())._repr_html_()
    assert "<img" not in page and "&lt;img" in page


def test_residue_report_on_a_large_case_stays_scannable():
    page = residue_report(generated(150), limit=3)._repr_html_()
    visible = re.sub(r"<details>.*?</details>", "", page, flags=re.S)
    assert visible.count("<li>") <= 3 * 20
