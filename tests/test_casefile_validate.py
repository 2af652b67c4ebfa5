"""vcc_helpers.casefile.validate: schema-derived tables, integrity checks, warnings."""
from __future__ import annotations

from pathlib import Path

import pytest

from vcc_helpers.casefile import FIELDS, case_from_data, check_case, check_data, parse_case
from vcc_helpers.casefile.validate import _REQUIRED, schema

pytestmark = pytest.mark.unit

FIXTURES = Path(__file__).parent / "fixtures" / "first-edition"

CASE = """format: vcc-case/1
id: t
title: T
components:
  - {id: a, label: A, kinds: [person]}
  - {id: b, label: B, kinds: [thing]}
episodes:
  - {id: e, label: E}
relations:
  - {id: r, from: a, to: b, does: x, episode: e}
readings:
  service:
    roles: {a: user, b: resource}
    interactions: {r: {sphere: user, mode: indirect}}
"""


def notes_of(text):
    case, errors, notes = check_case(text, filename="c.yaml")
    assert errors == []
    return [(n.severity, n.code, n.line, n.column, n.field) for n in notes]


def test_tables_come_from_the_schema():
    assert FIELDS["relation"] == tuple(schema()["$defs"]["relation"]["properties"])
    assert _REQUIRED["relation"] == ("id", "from", "to", "does")
    assert "because" in FIELDS["interaction"] and "role_reasons" in FIELDS["service"]


def test_a_clean_case_has_no_notes():
    assert notes_of(CASE) == []


def test_joint_sphere_coded_indirect_is_a_warning():
    assert notes_of(CASE.replace("sphere: user", "sphere: joint")) == [
        ("warning", "joint-indirect", 14, 45, "readings.service.interactions.r.mode")]


def test_self_relation_is_a_warning():
    assert notes_of(CASE.replace("to: b", "to: a")) == [
        ("warning", "self-relation", 10, 26, "relations[0].to")]


def test_unused_episode_is_a_warning():
    assert notes_of(CASE.replace(", episode: e}", "}")) == [
        ("warning", "unused-episode", 8, 10, "episodes[0].id")]


def test_new_kind_is_a_warning_that_says_how_it_is_counted():
    case, errors, notes = check_case(CASE.replace("[thing]", "[robot]"), filename="c.yaml")
    assert [(n.code, n.field) for n in notes] == [("new-kind", "components[1].kinds[0]")]
    assert "count it as 'other'" in notes[0].message


def test_a_suggested_word_in_another_case_is_normalised_with_a_hint():
    text = CASE.replace("[person]", "[Person]").replace("sphere: user", "sphere: User")
    case, errors, notes = check_case(text, filename="c.yaml")
    assert errors == []
    assert case.component("a").kinds == ("person",)
    assert case.service.interactions[0].sphere == "user"
    assert [(n.severity, n.code) for n in notes] == [("hint", "normalised")] * 2


@pytest.mark.parametrize("value, char", [('"A\\u0007"', "U+0007"), ('"A\\u202eB"', "U+202E"),
                                         ('"A\\tB"', "U+0009"), ('"A\\x85"', "U+0085")])
def test_control_characters_in_a_label_are_refused_with_their_code_point(value, char):
    _case, errors, _ = check_case(CASE.replace("label: A,", f"label: {value},"), filename="c.yaml")
    assert [(p.code, p.line, p.column, p.field) for p in errors] == [
        ("control-character", 5, 20, "components[0].label")]
    assert char in errors[0].message


def test_tab_and_line_break_are_fine_in_prose():
    case = parse_case(CASE.replace("label: A,", 'label: A, description: "one\\ttwo\\nthree",'))
    assert case.component("a").description == "one\ttwo\nthree"


def test_control_characters_in_data_are_refused_too():
    _case, errors, _ = check_data({"format": "vcc-case/1", "id": "t", "title": "T\x1b[31m"})
    assert [(p.code, p.field) for p in errors] == [("control-character", "title")]


def test_because_is_read_into_the_model():
    text = CASE.replace("mode: indirect}", "mode: indirect, because: she uses it alone}") + \
        "    role_reasons: {a: she is the one served}\n"
    case = parse_case(text)
    assert case.service.interactions[0].because == "she uses it alone"
    assert dict(case.service.role_reasons) == {"a": "she is the one served"}


def test_a_reason_for_an_unknown_component_is_an_error():
    _case, errors, _ = check_case(CASE + "    role_reasons: {zz: why}\n", filename="c.yaml")
    assert [(p.code, p.field) for p in errors] == [("unknown-ref",
                                                    "readings.service.role_reasons.zz")]


def test_problems_are_data_with_codes_and_locs():
    _case, errors, _ = check_case(CASE.replace("to: b", "to: bb"), filename="c.yaml")
    (p,) = errors
    assert (p.code, p.loc, p.severity) == ("unknown-ref", ("relations", 0, "to"), "error")


def test_long_values_are_elided_and_odd_keys_quoted():
    _case, errors, _ = check_case(CASE.replace("does: x", "does: x, " + "k" * 300 + ": 1"),
                                  filename="c.yaml")
    assert len(errors[0].message) < 200 and "..." in errors[0].message
    _case, errors, _ = check_case(CASE.replace("does: x", 'does: x, "a: b\\u202e": 1'),
                                  filename="c.yaml")
    assert errors[0].field == 'relations[0]["a: b\\u202e"]'


def test_check_case_reads_a_one_line_text_as_text():
    _case, errors, _ = check_case("format: vcc-case/1")
    assert "no such file" not in str(errors)
    assert [p.code for p in errors] == ["missing", "missing"]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_first_edition_files_still_load(path):
    case, errors, _notes = check_case(path)
    assert errors == [] and case is not None


def test_case_from_data_keeps_because():
    from vcc_helpers.casefile import case_to_data
    case = parse_case(CASE.replace("mode: indirect}", "mode: indirect, because: why}"))
    assert case_from_data(case_to_data(case)) == case
