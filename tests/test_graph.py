"""Tests of the case graph and its GraphML / GEXF export (:mod:`vcc_helpers.graph`)."""
from __future__ import annotations

import networkx as nx
import pytest

from vcc_helpers.graph import (
    case_graph, gexf_text, graphml_text, write_gexf, write_graphml, xml_text,
)
from vcc_helpers.model import (
    Affect, AssemblageReading, Case, Component, Episode, Interaction, Relation, RoleScore,
    ServiceReading,
)

pytestmark = pytest.mark.unit

XSS = "<img src=x onerror=alert(1)>"


def small_case() -> Case:
    return Case(
        "home", "Going home", summary="A & B",
        components=(Component("mrs-a", XSS, ("person",)),
                    Component("key-safe", "Key safe", ("thing", "technology"), "On the wall"),
                    Component("trust", "The trust", ("organisation",))),
        episodes=(Episode("ward", "On the ward"),),
        relations=(Relation("r1", "trust", "mrs-a", "discharges", "ward", "trust", "a letter"),
                   Relation("r2", "key-safe", "mrs-a", "lets carers in"),
                   Relation("r3", "key-safe", "mrs-a", "locks her in")),
        service=ServiceReading(roles={"trust": ("provider",), "mrs-a": ("user", "carer")},
                               interactions=(Interaction("r1", "joint", "direct", "informing"),)),
        assemblage=AssemblageReading(
            affects=(Affect("r2", "can stay home", "enhances", "reterritorialising"),
                     Affect("r2", "can be seen", "diminishes", "territorialising", "singular")),
            roles=(RoleScore("key-safe", 0.9, 0.25),)))


def test_nodes_carry_the_components_and_their_readings():
    G = case_graph(small_case())
    assert list(G.nodes) == ["mrs-a", "key-safe", "trust"]
    assert G.nodes["mrs-a"] == {"label": XSS, "kinds": "person", "description": "",
                                "service_roles": "user; carer"}
    assert G.nodes["key-safe"] == {"label": "Key safe", "kinds": "thing; technology",
                                   "description": "On the wall", "service_roles": "",
                                   "material": 0.9, "expressive": 0.25}


def test_edges_are_keyed_by_relation_and_carry_both_readings():
    G = case_graph(small_case())
    assert list(G.edges(keys=True)) == [("key-safe", "mrs-a", "r2"), ("key-safe", "mrs-a", "r3"),
                                        ("trust", "mrs-a", "r1")]
    assert G.edges["trust", "mrs-a", "r1"] == {
        "does": "discharges", "episode": "ward", "account": "trust", "evidence": "a letter",
        "sphere": "joint", "mode": "direct", "practice": "informing"}
    assert G.edges["key-safe", "mrs-a", "r2"] == {
        "does": "lets carers in", "episode": "", "account": "", "evidence": "",
        "capacity": "can stay home; can be seen", "direction": "enhances; diminishes",
        "tendency": "reterritorialising; territorialising", "character": "unclear; singular"}
    assert G.graph == {"id": "home", "title": "Going home", "summary": "A & B"}


def test_attribute_types_are_only_str_and_float():
    G = case_graph(small_case())
    values = [v for _, d in G.nodes(data=True) for v in d.values()]
    values += [v for *_, d in G.edges(keys=True, data=True) for v in d.values()]
    assert {type(v) for v in values} == {str, float}


def test_graphml_escapes_markup_and_reads_back(tmp_path):
    text = graphml_text(small_case(), footer="What this tool could not hold: the weather")
    assert "&lt;img src=x onerror=alert(1)&gt;" in text and "<img" not in text
    path = tmp_path / "c.graphml"
    path.write_text(text, encoding="utf-8")
    G = nx.read_graphml(path)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.nodes["mrs-a"]["label"] == XSS
    assert G.nodes["key-safe"]["material"] == 0.9
    assert sorted(G.edges(keys=True)) == [("key-safe", "mrs-a", "r2"),
                                          ("key-safe", "mrs-a", "r3"), ("trust", "mrs-a", "r1")]
    assert G.edges["trust", "mrs-a", "r1"]["sphere"] == "joint"
    assert G.graph["title"] == "Going home"
    assert G.graph["could_not_hold"] == "What this tool could not hold: the weather"
    assert '<graph edgedefault="directed" id="home">' in text


def test_gexf_escapes_markup_reads_back_and_is_deterministic(tmp_path):
    text = gexf_text(small_case(), footer="the weather")
    assert 'label="&lt;img src=x onerror=alert(1)&gt;"' in text and "<img" not in text
    assert "lastmodifieddate" not in text
    assert gexf_text(small_case(), footer="the weather") == text
    path = tmp_path / "c.gexf"
    path.write_text(text, encoding="utf-8")
    G = nx.read_gexf(path)
    assert G.nodes["mrs-a"]["label"] == XSS
    assert sorted((u, v, d["id"]) for u, v, d in G.edges(data=True)) == [
        ("key-safe", "mrs-a", "r2"), ("key-safe", "mrs-a", "r3"), ("trust", "mrs-a", "r1")]
    assert G.graph["name"] == "Going home"
    assert "<description>vcc-case home: Going home\nA &amp; B\n\nthe weather</description>" in text


def test_writers_refuse_existing_files_unless_asked(tmp_path):
    for write, name in ((write_graphml, "c.graphml"), (write_gexf, "c.gexf")):
        path = write(small_case(), tmp_path / name)
        before = path.read_bytes()
        with pytest.raises(FileExistsError):
            write(Case("x", "X"), path)
        assert path.read_bytes() == before
        write(Case("x", "X"), path, overwrite=True)
        assert path.read_bytes() != before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.gexf", "c.graphml"]


def test_xml_text_replaces_what_xml_cannot_hold():
    assert xml_text("a\r\nb\rc\x00d\x1fe\tf\ng") == "a\nb\nc\ufffdd\ufffde\tf\ng"
    assert xml_text(XSS) == XSS


def test_control_characters_do_not_break_the_xml(tmp_path):
    case = Case("t", "T", components=(Component("a", "bell\x07 and\r\nnewline"),))
    path = write_graphml(case, tmp_path / "c.graphml")
    assert nx.read_graphml(path).nodes["a"]["label"] == "bell\ufffd and\nnewline"
    path = write_gexf(case, tmp_path / "c.gexf")
    assert nx.read_gexf(path).nodes["a"]["label"] == "bell\ufffd and\nnewline"
