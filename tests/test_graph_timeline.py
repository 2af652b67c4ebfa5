"""Tests of time in the graph exports (:mod:`vcc_helpers.graph`, ``timeline=True``): a
dynamic GEXF that reads back with every relation's interval, GraphML with episode
attributes, and the static exports unchanged without the option."""
from __future__ import annotations

import networkx as nx
import pytest

from smallcases import discharge
from vcc_helpers import cli
from vcc_helpers.cases import load
from vcc_helpers.graph import episode_times, gexf_text, graphml_text, write_gexf, write_graphml
from vcc_helpers.model import Case, Component, Relation

pytestmark = pytest.mark.unit


def _expected(case: Case) -> dict:
    index = {e.id: float(k) for k, e in enumerate(case.episodes, start=1)}
    n = float(len(case.episodes))
    return {r.id: (index[r.episode], index[r.episode]) if r.episode else (1.0, n)
            for r in case.relations}


@pytest.mark.parametrize("case", [discharge(), load("hospital-discharge")],
                         ids=["small", "worked-example"])
def test_dynamic_gexf_reads_back_with_every_relation_interval(tmp_path, case):
    path = write_gexf(case, tmp_path / "c.gexf", timeline=True)
    G = nx.read_gexf(path)
    assert G.graph["mode"] == "dynamic"
    got = {d["id"]: (d["start"], d["end"]) for _u, _v, d in G.edges(data=True)}
    assert got == _expected(case)
    assert len(got) == len(case.relations)
    for u, v, d in G.edges(data=True):
        for end in (u, v):  # each end takes part in the relation's episode
            assert (d["start"], d["end"]) in G.nodes[end]["spells"] or d["episode"] == ""
    text = path.read_text(encoding="utf-8")
    assert 'timeformat="double"' in text and "timeline: 1 " in text


def test_a_component_in_no_episode_spans_the_whole_case(tmp_path):
    case = discharge()   # d8 has no episode: carers -> mrs-b
    G = nx.read_gexf(write_gexf(case, tmp_path / "c.gexf", timeline=True))
    (d8,) = [d for _u, _v, d in G.edges(data=True) if d["id"] == "d8"]
    assert (d8["start"], d8["end"]) == (1.0, 2.0) and d8["episode_index"] == 0
    assert G.nodes["trust"]["spells"] == [(1.0, 1.0)]


def test_graphml_carries_episode_attributes(tmp_path):
    case = discharge()
    G = nx.read_graphml(write_graphml(case, tmp_path / "c.graphml", timeline=True),
                        force_multigraph=True)
    d = G.edges["key-safe", "carers", "d4"]
    assert (d["episode_index"], d["episode_label"], d["start"], d["end"]) == (2, "At home",
                                                                               2.0, 2.0)
    assert "spells" not in G.nodes["mrs-b"]


def test_without_the_option_or_episodes_the_exports_stay_static():
    case = discharge()
    assert 'mode="dynamic"' not in gexf_text(case) and "episode_index" not in graphml_text(case)
    plain = Case("t", "T", components=(Component("a", "A"),),
                 relations=(Relation("r1", "a", "a", "waits"),))
    assert gexf_text(plain, timeline=True) == gexf_text(plain)


def test_episode_times():
    assert episode_times(discharge()) == {"ward": (1.0, 1.0), "home": (2.0, 2.0),
                                          None: (1.0, 2.0)}


def test_cli_export_timeline(tmp_path, capsys):
    from importlib.resources import files

    out = tmp_path / "c.gexf"
    src = str(files("vcc_helpers") / "cases" / "template.yaml")
    assert cli.main(["export", src, "-o", str(out), "--timeline"]) == 0
    assert nx.read_gexf(out).graph["mode"] == "dynamic"
