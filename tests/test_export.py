"""Tests of :mod:`vcc_helpers.export`: one export for the command line and the builder."""
from __future__ import annotations

from importlib.resources import files

import networkx as nx
import pytest

from vcc_helpers import casefile
from vcc_helpers.export import (FORMATS, SUFFIXES, ExportError, export_case,
                                format_from_name)

pytestmark = pytest.mark.unit

TEMPLATE = files("vcc_helpers") / "cases" / "template.yaml"


@pytest.fixture(scope="module")
def case():
    return casefile.load_case(TEMPLATE)


@pytest.mark.parametrize("name, fmt", [("a.yaml", "yaml"), ("a.yml", "yaml"), ("A.YAML", "yaml"),
                                       ("a.json", "json"), ("dir.x/a.graphml", "graphml"),
                                       ("a.gexf", "gexf")])
def test_format_from_name(name, fmt):
    assert format_from_name(name) == fmt


@pytest.mark.parametrize("name", ["a.csv", "a", "a.yaml.bak", "a.png"])
def test_a_name_with_no_known_ending_is_refused_with_the_endings(name):
    with pytest.raises(ExportError, match=r"cannot tell the format from .*\.graphml.*\.yml"):
        format_from_name(name)


def test_every_format_has_an_ending():
    assert sorted(set(SUFFIXES.values())) == sorted(FORMATS)


@pytest.mark.parametrize("name", ["x.yaml", "x.json", "x.graphml", "x.gexf"])
def test_export_infers_the_format_and_the_file_reads_back(case, tmp_path, name):
    p = export_case(case, tmp_path / name)
    assert p == tmp_path / name
    if p.suffix in (".yaml", ".json"):
        assert casefile.load_case(p) == case
    elif p.suffix == ".graphml":
        G = nx.read_graphml(p, force_multigraph=True)
        assert sorted(G.nodes) == sorted(c.id for c in case.components)
        assert "could_not_hold" in G.graph
    else:
        G = nx.read_gexf(p)
        assert sorted(G.nodes) == sorted(c.id for c in case.components)


def test_an_explicit_format_wins_over_the_name(case, tmp_path):
    p = export_case(case, tmp_path / "x.txt", format="json")
    assert casefile.load_case(p, fmt="json") == case
    p = export_case(case, tmp_path / "y.data", format="yml")
    assert casefile.load_case(p, fmt="yaml") == case


def test_an_unknown_format_is_refused(case, tmp_path):
    with pytest.raises(ExportError, match=r"format: 'png' is not one of yaml, json, graphml, gexf"):
        export_case(case, tmp_path / "x.png", format="png")
    assert list(tmp_path.iterdir()) == []


def test_export_never_overwrites_unless_asked(case, tmp_path):
    p = export_case(case, tmp_path / "x.graphml")
    first = p.read_bytes()
    with pytest.raises(FileExistsError):
        export_case(case, p)
    assert p.read_bytes() == first
    export_case(case, p, format="gexf", overwrite=True)
    assert p.read_bytes() != first


def test_a_missing_folder_is_named_with_the_target(case, tmp_path):
    target = tmp_path / "missing" / "x.yaml"
    with pytest.raises(ExportError) as info:
        export_case(case, target)
    assert str(info.value) == f"cannot write {target}: the folder {target.parent} does not exist"


def test_the_footer_can_be_given(case, tmp_path):
    p = export_case(case, tmp_path / "x.yaml", footer="only this")
    assert "# only this" in p.read_text(encoding="utf-8")

