"""Tests of :mod:`vcc_helpers.compare`: agreement worked out by hand on small readings,
the class report on the shipped made-up folder, escaping, CSV, and the command line."""
from __future__ import annotations

import csv
import dataclasses
from importlib.resources import files
from pathlib import Path

import pytest

from smallcases import HOSTILE
from vcc_helpers import cli
from vcc_helpers.casefile import dumps_case
from vcc_helpers.compare import NOT_CODED, class_report, compare
from vcc_helpers.model import (
    Affect, AssemblageReading, Case, Component, Episode, Interaction, LineOfFlight, Relation,
    ServiceReading,
)

pytestmark = pytest.mark.unit

SAMPLE = Path(str(files("vcc_helpers") / "cases" / "sample-class"))

BASE = Case("bus", "Bus", components=(Component("a", "Mrs A", ("person",)),
                                      Component("b", "Bus", ("thing",))),
            episodes=(Episode("e1", "Stop"), Episode("e2", "Ride")),
            relations=(Relation("r1", "b", "a", "takes her"), Relation("r2", "a", "b", "waits"),
                       Relation("r3", "a", "b", "boards")))


def reading(spheres: dict, directions: dict, flights=(), by="") -> Case:
    s = ServiceReading(interactions=tuple(Interaction(r, sp) for r, sp in spheres.items()),
                       by=by)
    a = AssemblageReading(affects=tuple(Affect(r, "x", d) for r, d in directions.items()),
                          lines_of_flight=tuple(LineOfFlight(e, "home", "a fall")
                                                for e in flights), by=by)
    return dataclasses.replace(BASE, service=s, assemblage=a)


X = reading({"r1": "user", "r2": "joint", "r3": "joint"}, {"r1": "enhances"}, ["e2"], by="x")
Y = reading({"r1": "user", "r2": "provider"}, {"r1": "enhances", "r2": "diminishes"}, by="y")
Z = reading({"r1": "joint", "r2": "joint", "r3": "joint"}, {"r1": "enhances"}, ["e2"], by="z")


def test_two_readings_agreement_by_hand():
    cmp = compare([X, Y])
    assert cmp.names == ("x", "y")
    # sphere: r1 agree, r2 differ, r3 joint vs not coded -> 1 of 3
    assert cmp.agreement["sphere"] == pytest.approx(1 / 3)
    assert cmp.agreement["mode"] == pytest.approx(2 / 3)  # r3: direct vs not coded
    assert cmp.agreement["direction"] == pytest.approx(1 / 2)
    assert cmp.agreement["tendency"] == pytest.approx(1 / 2)
    assert cmp.agreement["lines of flight"] == 0.0
    assert set(cmp.agreement) == {"sphere", "mode", "direction", "tendency", "lines of flight"}
    r3 = [d for d in cmp.differences if d["field"] == "sphere" and d["id"] == "r3"]
    assert r3[0]["values"] == {"x": "joint", "y": NOT_CODED}
    assert all(0 <= v <= 1 for v in cmp.agreement.values())


def test_three_readings_count_pairs():
    cmp = compare([X, Y, Z], names=["f1.yaml", "f2.yaml", "f3.yaml"])
    # sphere r1: user,user,joint -> 1 of 3 pairs; r2: joint,provider,joint -> 1; r3: 1
    assert cmp.pairs["sphere"] == (3, 9)
    assert cmp.pairs["lines of flight"] == (1, 3)


def test_identical_readings_agree_fully_and_a_field_nobody_codes_has_no_figure():
    only = dataclasses.replace(X, assemblage=None)
    cmp = compare([only, only])
    assert cmp.agreement == {"sphere": 1.0, "mode": 1.0}
    assert cmp.differences == []
    assert cmp.names == ("x", "x (2)")


def test_compare_refuses_different_cases_and_single_readings():
    with pytest.raises(ValueError, match="class_report"):
        compare([X, dataclasses.replace(Y, id="other")])
    with pytest.raises(ValueError, match="at least two"):
        compare([X])


def test_residue_each_reading_leaves():
    cmp = compare([X, Y])
    assert set(cmp.residue) == {"x", "y"}
    shared = cmp.shared_residue()
    assert all(t in cmp.residue["x"] and t in cmp.residue["y"] for t in shared)
    assert cmp.residue["x"] != cmp.residue["y"]


def test_html_escapes_labels_and_shows_agreement():
    bad = dataclasses.replace(BASE, components=(Component("a", HOSTILE, ("person",)),
                                                Component("b", "</script>{0}", ("thing",))))
    cmp = compare([dataclasses.replace(X, components=bad.components),
                   dataclasses.replace(Y, components=bad.components)])
    html = cmp._repr_html_()
    assert "<img" not in html and "</script>" not in html and "&lt;/script&gt;{0}" in html
    assert "Proportion agreement" in html and "33%" in html
    assert cmp.to_html().startswith("<!DOCTYPE html>")


def test_to_csv_writes_every_row(tmp_path):
    cmp = compare([X, Y])
    rows = list(csv.reader(cmp.to_csv(tmp_path / "c.csv").open(encoding="utf-8")))
    assert rows[0] == ["field", "id", "label", "agree", "x", "y"]
    assert len(rows) == 1 + len(cmp.rows)
    assert ["sphere", "r2", "Mrs A → Bus: waits", "no", "joint", "provider"] in rows


def test_class_report_on_the_shipped_sample():
    report = class_report(SAMPLE)
    assert len(report.files) == 10 and len(report.refused) == 2
    assert [f.name for f in report.refused] == ["file-09.yaml", "file-10.yaml"]
    assert "unknown component 'parcel'" in report.refused[1].first_error()
    assert dict(report.kinds())["person"] == 8
    assert [c.case_id for c in report.same_case()] == ["bus-pass", "food-bank"]
    direct = compare(sorted(SAMPLE.glob("file-0[678].yaml")))
    assert report.same_case()[1].residue == direct.residue and direct.residue["file-06.yaml"]
    assert report.same_case()[1].agreement == direct.agreement
    html = report.to_html()
    assert "file-09.yaml" in html and "Proportion agreement" in html
    for f in SAMPLE.glob("*.yaml"):
        assert f.read_text(encoding="utf-8").startswith("# MADE UP")


def test_class_report_names_files_and_escapes(tmp_path):
    case = dataclasses.replace(X, components=(Component("a", HOSTILE, ("person",)),
                                              Component("b", "Bus", ("thing",))))
    (tmp_path / "one.yaml").write_text(dumps_case(case), encoding="utf-8")
    (tmp_path / "two.yaml").write_text(dumps_case(case), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("id: [", encoding="utf-8")
    html = class_report(tmp_path).to_html()
    assert "<img" not in html and "bad.yaml" in html and str(tmp_path) not in html
    rows = list(csv.reader(class_report(tmp_path).to_csv(tmp_path / "c.csv").open()))
    assert [r[:2] for r in rows[1:]] == [["bad.yaml", "refused"], ["one.yaml", "read"],
                                         ["two.yaml", "read"]]


def test_cli_compare_one_case_and_a_class(tmp_path, capsys):
    files_ = [str(SAMPLE / f"file-0{i}.yaml") for i in (6, 7, 8)]
    out = tmp_path / "r.html"
    assert cli.main(["compare", *files_, "-o", str(out), "--csv", str(tmp_path / "r.csv")]) == 0
    text = capsys.readouterr().out
    assert text.startswith("3 readings of 'food-bank': file-06.yaml, file-07.yaml, file-08.yaml")
    assert "sphere: 78% (7 of 9 pairs)" in text and out.exists()
    assert cli.main(["compare", str(SAMPLE), "-o", str(tmp_path / "c.html")]) == 0
    text = capsys.readouterr().out
    assert text.startswith("10 files: 8 read, 2 refused")
    assert cli.main(["compare", str(SAMPLE), "-o", str(tmp_path / "c.html")]) == 1
    assert "exists" in capsys.readouterr().err


def test_chapter_8_shows_the_commands_real_output(capsys):
    """The output block in chapter 8 is what the command prints on the shipped sample."""
    import os

    text = (Path(__file__).resolve().parents[1] / "chapters" / "08-for-instructors.md"
            ).read_text(encoding="utf-8")
    block = text.split("tests/test_compare.py checks it still is -->\n```\n", 1)[1]
    block = block.split("```", 1)[0]
    here = os.getcwd()
    os.chdir(SAMPLE.parent)
    try:
        assert cli.main(["compare", "sample-class"]) == 0
    finally:
        os.chdir(here)
    assert capsys.readouterr().out == block


def test_recurring_components_ignore_case_and_show_the_first_spelling():
    report = class_report(SAMPLE)
    assert ("Mrs K, 79", 5) in report.components()
    assert "a line of flight with no capture considered" in report.to_html()
