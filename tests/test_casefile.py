"""Tests of reading and writing case files (:mod:`vcc_helpers.casefile`) and of the JSON
Schema that describes them.

The exact messages of every mistake are in ``test_casefile_errors.py``; here:
loading, hints, writing, atomic saving, and the agreement between the JSON Schema
and the checker.
"""
from __future__ import annotations

import copy
import json
import os
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from vcc_helpers import casefile
from vcc_helpers.casefile import (
    FIELDS, MAX_BYTES, CaseFileError, atomic_write, case_from_data, case_to_data, check_case,
    check_data, dumps_case, format_of, load_case, loads_case, loads_data, save_case, slugify,
)
from vcc_helpers.model import (
    CHARACTERS, DIRECTIONS, FORMAT, MODES, SOURCE_KINDS, SPHERES, SUGGESTED_COPRODUCTION,
    SUGGESTED_ELEMENTS, SUGGESTED_KINDS, SUGGESTED_PRACTICES, SUGGESTED_SERVICE_ROLES,
    TENDENCIES, VALENCES, Affect, AssemblageReading, Case, Component, Episode, Interaction,
    Relation, RoleScore, ServiceReading,
)
from vcc_helpers.schema_doc import load_schema

pytestmark = pytest.mark.unit

CASES_DIR = files("vcc_helpers") / "cases"
BUNDLED = sorted(p.name for p in CASES_DIR.iterdir() if p.name.endswith(".yaml"))


def small_case() -> Case:
    return Case(
        "t", "T",
        components=(Component("a", "Mrs A", ("person",)),
                    Component("k", "Key safe", ("thing", "technology"), "On the wall")),
        episodes=(Episode("home", "At home"),),
        relations=(Relation("r1", "k", "a", "lets carers in", "home", "a",
                            "her daughter said so"),),
        service=ServiceReading(roles={"a": ("user",), "k": ("resource", "other")},
                               interactions=(Interaction("r1", "joint", "indirect"),)),
        assemblage=AssemblageReading(
            affects=(Affect("r1", "can stay at home", "enhances", "reterritorialising"),),
            roles=(RoleScore("k", 0.9, None),)))


SMALL_YAML = """\
format: vcc-case/1
id: t
title: T

components:
  - id: a
    label: Mrs A
    kinds: [person]
  - id: k
    label: Key safe
    kinds: [thing, technology]
    description: On the wall

episodes:
  - id: home
    label: At home

relations:
  - id: r1
    from: k
    to: a
    does: lets carers in
    episode: home
    account: a
    evidence: her daughter said so

readings:
  service:
    roles:
      a: user
      k: [resource, other]
    interactions:
      r1:
        sphere: joint
        mode: indirect
  assemblage:
    affects:
      r1:
        capacity: can stay at home
        direction: enhances
        tendency: reterritorialising
        character: unclear
    roles:
      k:
        material: 0.9
"""


# --------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------


def test_template_loads_with_the_values_it_shows():
    case = load_case(CASES_DIR / "template.yaml")
    assert case.id == "my-case"
    assert [c.id for c in case.components] == ["person-a", "service-org", "form"]
    assert case.component("form").kinds == ("document", "rule")
    assert case.relation("r1").account == "person-a"
    assert case.relation("r2").account is None
    assert case.service.roles["service-org"] == ("provider",)
    assert case.service.interactions[0].practice == "informing"
    assert case.service.value[0].beneficiary == "person-a"
    assert case.assemblage.roles[0].material == 0.3
    assert case.assemblage.lines_of_flight[0].danger == "The neighbour now knows her finances."
    assert case.assemblage.desire == ()


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_case_loads_without_errors(name):
    case, errors, _hints = check_case(CASES_DIR / name)
    assert errors == []
    assert case.format == FORMAT


def test_small_case_reads_from_its_yaml():
    assert loads_case(SMALL_YAML, "t.yaml") == small_case()


def test_load_case_reads_json_by_extension(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(dumps_case(small_case(), "json"), encoding="utf-8")
    assert load_case(path) == small_case()


def test_format_is_guessed_from_name_then_text():
    assert format_of("a.JSON") == "json"
    assert format_of("a.yml") == "yaml"
    assert format_of("a.txt", '  {"x": 1}') == "json"
    assert format_of(None, "x: 1") == "yaml"


def test_check_case_accepts_path_text_and_bytes(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(SMALL_YAML, encoding="utf-8")
    by_path = check_case(path)
    by_str_path = check_case(str(path))
    by_text = check_case(SMALL_YAML)
    by_bytes = check_case(SMALL_YAML.encode())
    assert by_path[0] == by_str_path[0] == by_text[0] == by_bytes[0] == small_case()


def test_max_bytes_can_be_lifted(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(SMALL_YAML + "#" * MAX_BYTES, encoding="utf-8")
    with pytest.raises(CaseFileError):
        load_case(path)
    assert load_case(path, max_bytes=None) == small_case()


def test_null_means_not_given():
    text = SMALL_YAML.replace("    description: On the wall\n", "    description:\n") \
        .replace("    account: a\n", "    account: ~\n").replace("mode: indirect", "mode: null")
    case = loads_case(text, "t.yaml")
    assert case.component("k").description == ""
    assert case.relation("r1").account is None
    assert case.service.interactions[0].mode == "direct"


def test_empty_reading_sections_are_empty_readings():
    text = "format: vcc-case/1\nid: t\ntitle: T\nreadings:\n  service:\n  assemblage: {}\n"
    case = loads_case(text, "t.yaml")
    assert case.service == ServiceReading()
    assert case.assemblage == AssemblageReading()


def test_several_affects_for_one_relation():
    text = SMALL_YAML.replace(
        "      r1:\n        capacity: can stay at home\n        direction: enhances\n"
        "        tendency: reterritorialising\n        character: unclear\n",
        "      r1:\n        - {capacity: can stay at home, direction: enhances}\n"
        "        - {capacity: can no longer go out alone, direction: diminishes, on: a}\n")
    affects = loads_case(text, "t.yaml").assemblage.affects
    assert [(a.relation, a.direction, a.on) for a in affects] == [
        ("r1", "enhances", None), ("r1", "diminishes", "a")]


# --------------------------------------------------------------------------------------
# Hints: open vocabularies never fail
# --------------------------------------------------------------------------------------

HINTY = """\
format: vcc-case/1
id: h
title: Hints
components:
  - {id: mrs-a, label: Mrs A, kinds: [persn, robot]}
  - {id: trust, label: Trust, kinds: [organisation]}
relations:
  - {id: r1, from: trust, to: mrs-a, does: phones, account: mrs-b}
  - {id: r2, from: mrs-a, to: trust, does: waits, account: her daughter}
readings:
  service:
    roles: {trust: providr, mrs-a: [user, neighbour]}
    interactions:
      r1: {sphere: joint, practice: informin}
    value:
      - {for: mrs-a, claimed_by: mrs-a, element: outcomes, valence: creation}
    coproduction: {r2: co-desing}
"""


def test_open_vocabularies_give_hints_not_errors():
    case, errors, notes = check_case(HINTY, filename="h.yaml")
    hints = [n for n in notes if n.severity == "hint"]
    assert [(n.code, n.field) for n in notes if n.severity == "warning"] == [
        ("new-kind", "components[0].kinds[1]")]
    assert errors == []
    assert case.component("mrs-a").kinds == ("persn", "robot")
    assert [str(h) for h in hints] == [
        "h.yaml:5:39: components[0].kinds[0]: 'persn' is not a suggested kind (did you mean "
        "'person'?); kept as your own word",
        "h.yaml:8:61: relations[0].account: 'mrs-b' is not a component id (did you mean "
        "'mrs-a'?); kept as your own word",
        "h.yaml:12:20: readings.service.roles.trust: 'providr' is not a suggested service role "
        "(did you mean 'provider'?); kept as your own word",
        "h.yaml:14:37: readings.service.interactions.r1.practice: 'informin' is not a suggested "
        "practice (did you mean 'informing'?); kept as your own word",
        "h.yaml:16:50: readings.service.value[0].element: 'outcomes' is not a suggested value "
        "element (did you mean 'outcome'?); kept as your own word",
        "h.yaml:17:24: readings.service.coproduction.r2: 'co-desing' is not a suggested form of "
        "co-production (did you mean 'co-design'?); kept as your own word",
    ]


def test_hints_for_data_have_no_position():
    data = {"format": FORMAT, "id": "t", "title": "T",
            "components": [{"id": "a", "label": "A", "kinds": ["thin"]}]}
    case, errors, hints = check_data(data)
    assert errors == []
    assert [str(h) for h in hints] == [
        "<data>:0:0: components[0].kinds[0]: 'thin' is not a suggested kind (did you mean "
        "'thing'?); kept as your own word"]


def test_case_from_data_reports_every_problem_without_position():
    data = {"format": FORMAT, "id": "Bad Id", "title": "T",
            "components": [{"id": "a", "label": ""}],
            "relations": [{"id": "r1", "from": "a", "to": "b", "does": "x"}]}
    with pytest.raises(CaseFileError) as info:
        case_from_data(data)
    assert str(info.value).splitlines() == [
        "<data>:0:0: id: 'Bad Id' is not a valid id: use lower-case letters, digits and "
        "hyphens, starting with a letter (try 'bad-id')",
        "<data>:0:0: components[0].label: empty: a component needs a non-empty 'label'",
        "<data>:0:0: relations[0].to: unknown component 'b'",
    ]


def test_case_from_data_reports_python_types_plainly():
    data = {"format": FORMAT, "id": "t", "title": "T",
            "components": [{"id": "a", "label": "A", "kinds": {"person"}}], 3: "x"}
    with pytest.raises(CaseFileError) as info:
        case_from_data(data)
    assert str(info.value).splitlines() == [
        "<data>:0:0: (top): a key must be text, got a number (3)",
        "<data>:0:0: components[0].kinds: expected a list of kinds, got a set ({'person'})",
    ]


def test_slugify():
    assert slugify("Mrs A, 84") == "mrs-a-84"
    assert slugify("  Über-Straße  ") == "uber-strae"
    assert slugify("x-ray") == ""
    assert slugify("a" * 80) == "a" * 64


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def test_dumps_yaml_is_exact_and_readable():
    assert dumps_case(small_case()) == SMALL_YAML


def test_dumps_yaml_footer_is_a_comment_block():
    text = dumps_case(small_case(), footer="What this tool could not hold\n\n- the weather")
    assert text.endswith(SMALL_YAML.splitlines()[-1] + "\n\n"
                         "# What this tool could not hold\n#\n# - the weather\n")
    assert loads_case(text, "t.yaml") == small_case()


def test_dumps_json_footer_is_an_extension_key():
    text = dumps_case(small_case(), "json", footer="the weather")
    data = json.loads(text)
    assert list(data)[-1] == "x-could-not-hold"
    assert data["x-could-not-hold"] == "the weather"
    assert loads_case(text, "t.json") == small_case()


def test_case_to_data_uses_file_spelling_and_omits_empty_fields():
    data = case_to_data(small_case())
    assert data["relations"] == [{"id": "r1", "from": "k", "to": "a", "does": "lets carers in",
                                  "episode": "home", "account": "a",
                                  "evidence": "her daughter said so"}]
    assert data["components"][0] == {"id": "a", "label": "Mrs A", "kinds": ["person"]}
    assert "summary" not in data and "source" not in data
    assert data["readings"]["assemblage"]["roles"] == {"k": {"material": 0.9}}
    assert list(data) == ["format", "id", "title", "components", "episodes", "relations",
                          "readings"]


def test_strings_that_look_like_other_things_are_quoted():
    case = Case("t", "T", components=(Component("a", "no"), Component("b", "1e3"),
                                      Component("c", "null"), Component("d", "- x")))
    text = dumps_case(case)
    assert "label: 'no'" in text and "label: '1e3'" in text and "label: 'null'" in text
    assert loads_case(text, "t.yaml") == case


def test_save_case_refuses_to_overwrite_unless_asked(tmp_path):
    path = tmp_path / "t.yaml"
    save_case(small_case(), path)
    assert path.read_text(encoding="utf-8") == SMALL_YAML
    with pytest.raises(FileExistsError):
        save_case(small_case(), path)
    other = Case("t", "Other")
    save_case(other, path, overwrite=True)
    assert load_case(path) == other
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.yaml"]


def test_save_case_format_from_extension(tmp_path):
    save_case(small_case(), tmp_path / "t.json")
    assert json.loads((tmp_path / "t.json").read_text())["id"] == "t"
    with pytest.raises(ValueError, match="cannot tell the format from 't.txt'"):
        save_case(small_case(), tmp_path / "t.txt")
    save_case(small_case(), tmp_path / "t.txt", fmt="json")
    assert load_case(tmp_path / "t.txt", fmt="json") == small_case()


def test_save_case_refuses_a_case_that_would_not_load(tmp_path):
    bad = Case("t", "T", relations=(Relation("r1", "a", "b", "x"),))
    with pytest.raises(CaseFileError) as info:
        save_case(bad, tmp_path / "t.yaml")
    assert str(info.value).splitlines() == [
        f"{tmp_path / 't.yaml'}:0:0: relations[0].from: unknown component 'a'",
        f"{tmp_path / 't.yaml'}:0:0: relations[0].to: unknown component 'b'",
    ]
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_creates_refuses_and_replaces(tmp_path):
    path = tmp_path / "f.txt"
    assert atomic_write(path, "one") == path
    with pytest.raises(FileExistsError):
        atomic_write(path, "two")
    assert path.read_text() == "one"
    atomic_write(path, b"three", overwrite=True)
    assert path.read_bytes() == b"three"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_atomic_write_loses_the_race_cleanly(tmp_path, monkeypatch):
    """Another program creates the file between the check and the link: refused, and
    the other program's file and the folder are left as they were."""
    path = tmp_path / "f.txt"
    real_link = os.link

    def racing_link(src, dst):
        Path(dst).write_text("theirs")
        return real_link(src, dst)

    monkeypatch.setattr(casefile.fs.os, "link", racing_link)
    with pytest.raises(FileExistsError):
        atomic_write(path, "mine")
    assert path.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_atomic_write_without_hard_links(tmp_path, monkeypatch):
    def no_link(src, dst):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(casefile.fs.os, "link", no_link)
    path = atomic_write(tmp_path / "f.txt", "mine")
    assert path.read_text() == "mine"
    with pytest.raises(FileExistsError):
        atomic_write(path, "again")
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_atomic_write_leaves_nothing_when_writing_fails(tmp_path, monkeypatch):
    def failing_fsync(fd):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(casefile.fs.os, "fsync", failing_fsync)
    with pytest.raises(RuntimeError):
        atomic_write(tmp_path / "f.txt", "data")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_keeps_the_mode_of_a_replaced_file(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("old")
    path.chmod(0o640)
    atomic_write(path, "new", overwrite=True)
    assert path.stat().st_mode & 0o777 == 0o640


def test_markup_survives_save_and_load(tmp_path):
    label = "<img src=x onerror=alert(1)>"
    case = Case("t", "T", components=(Component("a", label, ("<b>",), "\"quoted\" & 'so'"),))
    for name in ("t.yaml", "t.json"):
        assert load_case(save_case(case, tmp_path / name)) == case


# --------------------------------------------------------------------------------------
# The JSON Schema and the checker agree
# --------------------------------------------------------------------------------------

SCHEMA = load_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _schema_ok(data) -> bool:
    return VALIDATOR.is_valid(data)


def _checker_ok(data) -> bool:
    return check_data(data)[1] == []


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _properties(schema):
    """Every (path, property schema) pair of the schema."""
    stack = [("", schema)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            for key, prop in node.get("properties", {}).items():
                yield f"{where}/{key}", prop
            for key, value in node.items():
                stack.append((f"{where}/{key}", value))
        elif isinstance(node, list):
            stack.extend((f"{where}/{i}", v) for i, v in enumerate(node))


def test_every_schema_property_has_a_description():
    missing = [path for path, prop in _properties(SCHEMA) if not prop.get("description")]
    assert missing == []
    # the walk reached every property of every record (so `missing` can be trusted)
    assert len(list(_properties(SCHEMA))) == sum(
        len(d.get("properties", {})) for d in (SCHEMA, *SCHEMA["$defs"].values())) > 80


@pytest.mark.parametrize("record, where", [
    ("case", SCHEMA), ("source", SCHEMA["$defs"]["source"]),
    ("component", SCHEMA["$defs"]["component"]), ("episode", SCHEMA["$defs"]["episode"]),
    ("relation", SCHEMA["$defs"]["relation"]), ("readings", SCHEMA["$defs"]["readings"]),
    ("service", SCHEMA["$defs"]["service"]), ("interaction", SCHEMA["$defs"]["interaction"]),
    ("proposition", SCHEMA["$defs"]["proposition"]), ("value", SCHEMA["$defs"]["value_claim"]),
    ("assemblage", SCHEMA["$defs"]["assemblage"]), ("affect", SCHEMA["$defs"]["affect"]),
    ("role_score", SCHEMA["$defs"]["role_score"]),
    ("line_of_flight", SCHEMA["$defs"]["line_of_flight"]),
    ("territory", SCHEMA["$defs"]["territory"]),
])
def test_schema_keys_match_the_checker(record, where):
    assert tuple(where["properties"]) == FIELDS[record]
    assert set(where["required"]) == set(casefile.validate._REQUIRED[record])


def test_schema_vocabularies_match_the_model():
    d = SCHEMA["$defs"]
    closed = {
        "sphere": (d["interaction"]["properties"]["sphere"]["enum"], SPHERES),
        "mode": (d["interaction"]["properties"]["mode"]["enum"][:-1], MODES),
        "valence": (d["value_claim"]["properties"]["valence"]["enum"], VALENCES),
        "direction": (d["affect"]["properties"]["direction"]["enum"][:-1], DIRECTIONS),
        "tendency": (d["affect"]["properties"]["tendency"]["enum"][:-1], TENDENCIES),
        "character": (d["affect"]["properties"]["character"]["enum"][:-1], CHARACTERS),
        "source kind": (d["source"]["properties"]["kind"]["enum"][:-1], SOURCE_KINDS),
    }
    for name, (schema_values, model_values) in closed.items():
        assert tuple(schema_values) == model_values, name
    assert tuple(d["component"]["properties"]["kinds"]["items"]["examples"]) == SUGGESTED_KINDS
    roles = d["service"]["properties"]["roles"]["additionalProperties"]["anyOf"][0]
    assert tuple(roles["examples"]) == SUGGESTED_SERVICE_ROLES
    assert tuple(d["interaction"]["properties"]["practice"]["examples"]) == SUGGESTED_PRACTICES
    assert tuple(d["value_claim"]["properties"]["element"]["examples"]) == SUGGESTED_ELEMENTS
    assert tuple(d["service"]["properties"]["coproduction"]["additionalProperties"]
                 ["examples"]) == SUGGESTED_COPRODUCTION
    assert d["id"]["pattern"] == casefile.ID_PATTERN
    assert SCHEMA["properties"]["format"]["const"] == FORMAT


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_cases_pass_schema_and_checker(name):
    data = loads_data((CASES_DIR / name).read_text(encoding="utf-8"), name)
    assert _schema_ok(data)
    assert _checker_ok(data)


GOOD = case_to_data(small_case())


def _with(path: str, value):
    """A copy of GOOD with the value at a '/'-separated path set (or deleted if ...)."""
    data = copy.deepcopy(GOOD)
    *parents, last = path.split("/")
    node = data
    for p in parents:
        node = node[int(p)] if isinstance(node, list) else node[p]
    if value is ...:
        del node[int(last) if isinstance(node, list) else last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


AGREE_GOOD = [
    GOOD,
    _with("summary", None),
    _with("components/0/kinds", []),
    _with("components/0/kinds", None),
    _with("components/0/x-colour", {"any": ["thing"]}),
    _with("x-could-not-hold", "the weather"),
    _with("relations/0/account", "any words at all"),
    _with("relations/0/episode", None),
    _with("readings/service/interactions/r1/practice", ""),
    _with("readings/service/interactions/r1/practice", "my own practice"),
    _with("readings/service/interactions/r1/mode", None),
    _with("readings/service/roles/a", ["user", "carer"]),
    _with("readings/service/roles/x-note", 1),
    _with("readings/assemblage/roles/k/material", 1),
    _with("readings/assemblage/roles/k/expressive", 0),
    _with("readings/assemblage/affects/r1", [{"capacity": "x"}, {"capacity": "y"}]),
    _with("readings/assemblage", None),
    _with("readings", None),
    _with("id", "a" * 64),
]

AGREE_BAD = [
    _with("format", "vcc-case/2"),
    _with("id", ...),
    _with("title", ""),
    _with("title", "   "),
    _with("title", 1984),
    _with("titel", "typo"),
    _with("components/0/id", "Mrs A"),
    _with("components/0/id", "a" * 65),
    _with("components/0/id", "x-ray"),
    _with("components/0/label", None),
    _with("components/0/kinds", "person"),
    _with("components/0/kinds", [""]),
    _with("components/0/lable", "typo"),
    _with("components", {"a": 1}),
    _with("relations/0/does", ...),
    _with("relations/0/episode", ""),
    _with("relations/0/evidence", 3),
    _with("readings/service/interactions/r1/sphere", "jiont"),
    _with("readings/service/interactions/r1/sphere", None),
    _with("readings/service/interactions/r1/mode", "indirectly"),
    _with("readings/service/interactions/r1/practice", "  "),
    _with("readings/service/roles/a", 3),
    _with("readings/service/roles/a", None),
    _with("readings/service/roles/Not An Id", "user"),
    _with("readings/assemblage/roles/k/material", 1.5),
    _with("readings/assemblage/roles/k/material", -0.1),
    _with("readings/assemblage/roles/k/material", "0.9"),
    _with("readings/assemblage/roles/k/material", True),
    _with("readings/assemblage/affects/r1/direction", "up"),
    _with("readings/assemblage/affects/r1/capacity", ...),
    _with("readings/assemblage/affects/r1", "text"),
    _with("readings/assemblage/lines_of_flight", [{"from": "x"}]),
    _with("readings/assemblage/lines_of_flight", [{"from": "x", "danger": ""}]),
    _with("readings/servce", {}),
    _with("source", {"kind": "textbook"}),
    _with("source", {"cite": "cluley2021"}),
]


@pytest.mark.parametrize("data", AGREE_GOOD)
def test_schema_and_checker_both_accept(data):
    assert (_schema_ok(data), _checker_ok(data)) == (True, True)


@pytest.mark.parametrize("data", AGREE_BAD)
def test_schema_and_checker_both_refuse(data):
    assert (_schema_ok(data), _checker_ok(data)) == (False, False)


@pytest.mark.parametrize("data", [
    _with("relations/0/to", "nobody"),
    _with("components/1/id", "a"),
    _with("readings/service/interactions/r9", {"sphere": "joint"}),
    _with("readings/assemblage/roles/k/material", float("nan")),
    _with("episodes/0/id", "a"),
])
def test_what_only_the_checker_can_see(data):
    """References, unique ids and NaN are beyond a JSON Schema: documented in its $comment."""
    assert (_schema_ok(data), _checker_ok(data)) == (True, False)


# --------------------------------------------------------------------------------------
# the garbage collector during a large load: kept running, never disabled
# --------------------------------------------------------------------------------------

def _large_text() -> str:
    lines = ["format: vcc-case/1", "id: big", "title: Big", "components:"]
    lines += [f"  - {{id: c{i}, label: Component number {i}}}" for i in range(6000)]
    text = "\n".join(lines) + "\n"
    assert len(text) > casefile.api._PAUSE_FROM
    return text


def test_a_large_load_keeps_the_collector_running_and_leaves_it_as_it_was(monkeypatch):
    import gc
    text = _large_text()
    seen = []
    compose = casefile.api.compose_text

    def spy(*args, **kw):  # the collector as the composer meets it
        before = gc.get_stats()[0]["collections"]
        root = compose(*args, **kw)
        seen.append((gc.isenabled(), gc.get_stats()[0]["collections"] - before))
        return root

    monkeypatch.setattr(casefile.api, "compose_text", spy)
    case, errors, _ = casefile.check_text(text, "big.yaml")
    assert case is not None and not errors
    (enabled, collections), = seen
    assert enabled and collections > 0                       # running, never paused
    assert gc.isenabled() and gc.get_freeze_count() == 0     # everything unfrozen after
    assert not any(getattr(cb, "__module__", "").startswith("vcc_helpers")
                   for cb in gc.callbacks)


def test_a_large_load_leaves_a_program_s_own_frozen_objects_frozen():
    import gc
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        case, errors, _ = casefile.check_text(_large_text(), "big.yaml")
        assert case is not None and not errors
        # left alone: nothing unfrozen (the count would fall to 0) and nothing more frozen
        # (it would rise by the load's survivors); a frozen object that dies meanwhile
        # leaves the count, so it may fall by a few (seen on CI: by 2 of 389,643)
        after = gc.get_freeze_count()
        assert frozen - 1000 < after <= frozen, (frozen, after)
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_load_leaves_no_cyclic_garbage(fmt):
    """Nothing a load makes waits for the cyclic collector: once a checker held its own
    bound methods (a reference cycle), and with them every component, episode and
    relation node of the file until the next full collection (at 10k components, 184k
    objects a load, so memory and load time grew with each reload)."""
    import gc
    from vcc_helpers import cases
    text = casefile.dumps_case(cases.load(cases.names()[0]), fmt)
    casefile.check_text(text, f"case.{fmt}")
    gc.collect()
    gc.disable()
    try:
        case, errors, _ = casefile.check_text(text, f"case.{fmt}")
        assert case is not None and not errors
        del case
        assert gc.collect() == 0
        # and a file with mistakes, whose structural problems the walker words at the end
        bad = text.replace("teaching-case", "lecture", 1)
        case, errors, _ = casefile.check_text(bad, f"case.{fmt}")
        assert case is None and [e.code for e in errors] == ["not-in-vocabulary"]
        del errors
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_the_fast_screen_of_an_ascii_text_refuses_what_the_search_refuses():
    """An ASCII text without CR is screened by bytes.translate, not the regular
    expression: for every ASCII character both find the same."""
    from vcc_helpers.casefile.read import _BAD_CHAR_NO_CR, screen_text
    for code in range(128):
        ch = chr(code)
        if ch == "\r":
            continue
        found = screen_text(f"a: b{ch}c\n", "YAML")
        assert bool(found) == bool(_BAD_CHAR_NO_CR.search(ch)), repr(ch)
        if found:
            assert found[0][:2] == (1, 5) and f"U+{code:04X}" in found[0][3]
