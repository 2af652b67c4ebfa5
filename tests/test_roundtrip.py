"""Property tests: any valid case survives YAML, JSON, GraphML and GEXF.

Hypothesis builds cases with consistent ids and awkward text (markup, quotes,
newlines, YAML look-alikes such as ``no``, ``1e3``, ``null``), writes them and
reads them back.
"""
from __future__ import annotations

import os

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vcc_helpers.casefile import case_from_data, case_to_data, dumps_case, loads_case
from vcc_helpers.graph import gexf_text, graphml_text, xml_text
from vcc_helpers.model import (
    CHARACTERS, DIRECTIONS, MODES, SOURCE_KINDS, SPHERES, SUGGESTED_COPRODUCTION,
    SUGGESTED_ELEMENTS, SUGGESTED_KINDS, SUGGESTED_PRACTICES, SUGGESTED_SERVICE_ROLES, TENDENCIES,
    VALENCES, Affect, AssemblageReading, Case, Component, CoProduction, Episode, Interaction,
    LineOfFlight, Proposition, Relation, RoleScore, ServiceReading, Source, Territory,
    ValueClaim,
)

pytestmark = pytest.mark.unit

# 60 examples keep the suite quick; VCC_HYPOTHESIS_EXAMPLES=600 searches harder.
MAX_EXAMPLES = int(os.environ.get("VCC_HYPOTHESIS_EXAMPLES", "60"))
SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TRICKY = ["<img src=x onerror=alert(1)>", "O'Brien \"quoted\"", "line one\nline two", "no", "on",
          "null", "~", "1e3", "0o17", ".5", "- dash", "# hash", "key: value", "[a, b]", "{x}",
          "  padded  ", "tab\there", "&amp; &lt;", "Zoë – naïve ✓", "'", '"', "\\", "*star",
          "!bang", "@at", "%pct", "`tick`", "|", ">", "?", "true", "False", "123", "-1.5",
          "trailing\n", "a  b"]
# Labels are data: control characters (and TAB/LF outside prose fields) are refused by the
# validator, so the single-line fields draw from text without them.
_CONTROLS = set(map(chr, range(0x20))) | {"\x7f"} | set(map(chr, range(0x80, 0xa0))) | \
    set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029\ufffe\uffff")

_CHARS = st.characters(blacklist_categories=("Cs", "Cc"),
                       blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                                            "\u2028\u2029\ufffe\uffff")
text = st.one_of(st.sampled_from(TRICKY), st.text(alphabet=_CHARS, max_size=24))
some_text = st.one_of(st.sampled_from([t for t in TRICKY if not set(t) & _CONTROLS]),
                      st.text(alphabet=_CHARS, max_size=24)).filter(lambda s: s.strip() != "")
# A suggested word in another case ("Person") is read as the suggested spelling.
_SUGGESTED = {w.lower() for w in SUGGESTED_KINDS + SUGGESTED_SERVICE_ROLES + SUGGESTED_PRACTICES
              + SUGGESTED_ELEMENTS + SUGGESTED_COPRODUCTION}
word = some_text.filter(lambda s: s.strip().lower() not in _SUGGESTED)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True).filter(
    lambda s: not s.startswith("x-"))
unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def _pick(draw, pool, optional=False):
    if optional:
        return draw(st.one_of(st.none(), st.sampled_from(pool))) if pool else None
    return draw(st.sampled_from(pool))


@st.composite
def cases(draw) -> Case:
    names = draw(st.lists(ids, min_size=1, max_size=9, unique=True))
    n_comp = draw(st.integers(1, len(names)))
    comp_ids, ep_ids = names[:n_comp], names[n_comp:]
    components = tuple(
        Component(cid, draw(some_text),
                  tuple(draw(st.lists(st.one_of(st.sampled_from(SUGGESTED_KINDS), word),
                                      max_size=3))),
                  draw(text))
        for cid in comp_ids)
    episodes = tuple(Episode(eid, draw(some_text), draw(text)) for eid in ep_ids)
    rel_ids = draw(st.lists(ids, max_size=6, unique=True))
    relations = tuple(
        Relation(rid, _pick(draw, comp_ids), _pick(draw, comp_ids), draw(some_text),
                 _pick(draw, ep_ids, True), draw(st.one_of(st.none(), some_text)), draw(text))
        for rid in rel_ids)
    service = None
    if draw(st.booleans()):
        role_comps = draw(st.lists(st.sampled_from(comp_ids), unique=True))
        inter_rels = draw(st.lists(st.sampled_from(rel_ids), unique=True)) if rel_ids else []
        cop_rels = draw(st.lists(st.sampled_from(rel_ids), unique=True)) if rel_ids else []
        service = ServiceReading(
            roles={c: tuple(draw(st.lists(word, max_size=3))) for c in role_comps},
            interactions=tuple(Interaction(r, draw(st.sampled_from(SPHERES)),
                                           draw(st.sampled_from(MODES)),
                                           draw(st.one_of(st.just(""), word)),
                                           draw(st.one_of(st.none(), some_text)))
                               for r in inter_rels),
            propositions=tuple(Proposition(_pick(draw, comp_ids), _pick(draw, comp_ids),
                                           draw(some_text), _pick(draw, comp_ids, True))
                               for _ in range(draw(st.integers(0, 2)))),
            value=tuple(ValueClaim(_pick(draw, comp_ids), draw(some_text), draw(word),
                                   draw(st.sampled_from(VALENCES)), draw(text),
                                   _pick(draw, rel_ids, True), _pick(draw, ep_ids, True))
                        for _ in range(draw(st.integers(0, 2)))),
            coproduction=tuple(CoProduction(r, draw(word)) for r in cop_rels),
            by=draw(st.one_of(st.just(""), some_text)))
    assemblage = None
    if draw(st.booleans()):
        aff_rels = draw(st.lists(st.sampled_from(rel_ids), unique=True)) if rel_ids else []
        affects = tuple(
            Affect(r, draw(some_text), draw(st.sampled_from(DIRECTIONS)),
                   draw(st.sampled_from(TENDENCIES)), draw(st.sampled_from(CHARACTERS)),
                   _pick(draw, comp_ids, True))
            for r in aff_rels for _ in range(draw(st.integers(1, 2))))
        score_comps = draw(st.lists(st.sampled_from(comp_ids), unique=True))
        assemblage = AssemblageReading(
            boundary=draw(text), affects=affects,
            roles=tuple(RoleScore(c, draw(st.one_of(st.none(), unit)),
                                  draw(st.one_of(st.none(), unit)), draw(text))
                        for c in score_comps),
            lines_of_flight=tuple(LineOfFlight(_pick(draw, ep_ids, True), draw(some_text),
                                               draw(some_text), draw(text), draw(text),
                                               draw(text))
                                  for _ in range(draw(st.integers(0, 2)))),
            territories=tuple(Territory(draw(some_text),
                                        tuple(draw(st.lists(st.sampled_from(comp_ids),
                                                            max_size=3))),
                                        _pick(draw, ep_ids, True), draw(text))
                              for _ in range(draw(st.integers(0, 2)))),
            desire=tuple(draw(st.lists(some_text, max_size=2))),
            by=draw(st.one_of(st.just(""), some_text)))
    source = Source(draw(st.sampled_from(SOURCE_KINDS)), draw(text),
                    tuple(draw(st.lists(some_text, max_size=2))))
    return Case(id=draw(ids), title=draw(some_text), components=components,
                relations=relations, episodes=episodes, summary=draw(text), source=source,
                service=service, assemblage=assemblage)


@SETTINGS
@given(cases())
def test_yaml_round_trip(case):
    assert loads_case(dumps_case(case, "yaml"), "c.yaml") == case


@SETTINGS
@given(cases())
def test_json_round_trip(case):
    assert loads_case(dumps_case(case, "json"), "c.json") == case


@SETTINGS
@given(cases(), some_text)
def test_round_trip_with_footer(case, footer):
    assert loads_case(dumps_case(case, "yaml", footer=footer), "c.yaml") == case
    assert loads_case(dumps_case(case, "json", footer=footer), "c.json") == case


@SETTINGS
@given(cases())
def test_data_round_trip(case):
    assert case_from_data(case_to_data(case)) == case


def _joined(values):
    return "; ".join(values)


def _expected_edges(case):
    inter = {i.relation: i for i in case.service.interactions} if case.service else {}
    affects = {}
    for a in (case.assemblage.affects if case.assemblage else ()):
        affects.setdefault(a.relation, []).append(a)
    out = {}
    for r in case.relations:
        d = {"does": r.does, "episode": r.episode or "", "account": r.account or "",
             "evidence": r.evidence}
        if r.id in inter:
            i = inter[r.id]
            d.update(sphere=i.sphere, mode=i.mode, practice=i.practice)
        if r.id in affects:
            for name in ("capacity", "direction", "tendency", "character"):
                d[name] = _joined(getattr(a, name) for a in affects[r.id])
        out[r.id] = (r.source, r.target, {k: xml_text(v) for k, v in d.items()})
    return out


def _expected_nodes(case):
    roles = case.service.roles if case.service else {}
    scores = {s.component: s for s in case.assemblage.roles} if case.assemblage else {}
    out = {}
    for c in case.components:
        d = {"label": c.label, "kinds": _joined(c.kinds), "description": c.description,
             "service_roles": _joined(roles.get(c.id, ()))}
        d = {k: xml_text(v) for k, v in d.items()}
        s = scores.get(c.id)
        if s is not None and s.material is not None:
            d["material"] = s.material
        if s is not None and s.expressive is not None:
            d["expressive"] = s.expressive
        out[c.id] = d
    return out


@SETTINGS
@given(cases())
def test_graphml_read_back(tmp_path_factory, case):
    path = tmp_path_factory.mktemp("g") / "c.graphml"
    path.write_text(graphml_text(case), encoding="utf-8")
    G = nx.read_graphml(path, force_multigraph=True)
    assert {n: dict(d) for n, d in G.nodes(data=True)} == _expected_nodes(case)
    got = {k: (u, v, dict(d)) for u, v, k, d in G.edges(keys=True, data=True)}
    assert got == _expected_edges(case)
    assert G.graph["title"] == xml_text(case.title)


@SETTINGS
@given(cases())
def test_gexf_read_back(tmp_path_factory, case):
    path = tmp_path_factory.mktemp("g") / "c.gexf"
    path.write_text(gexf_text(case), encoding="utf-8")
    G = nx.read_gexf(path)
    assert {n: dict(d) for n, d in G.nodes(data=True)} == _expected_nodes(case)
    got = {}
    for u, v, d in G.edges(data=True):
        d = dict(d)
        got[d.pop("id")] = (u, v, d)
    assert got == _expected_edges(case)
