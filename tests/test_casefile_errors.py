"""Every mistake a case file can hold, each with the exact line a reader will see.

Each parametrised case below changes one thing in a good file (``BASE``) and
asserts the complete list of problems, ``FILE:LINE:COLUMN: FIELD: message``.
File-level problems (too large, not UTF-8, missing) and JSON syntax have their
own tests further down.
"""
from __future__ import annotations

import pytest

from vcc_helpers.casefile import (
    MAX_BYTES, CaseFileError, Problem, check_case, load_case, loads_case, loads_data,
)

pytestmark = pytest.mark.unit

BASE = """\
format: vcc-case/1
id: home
title: Going home
components:
  - id: mrs-a
    label: Mrs A
    kinds: [person]
  - id: key-safe
    label: Key safe
    kinds: [thing]
  - id: trust
    label: The trust
    kinds: [organisation]
episodes:
  - id: ward
    label: On the ward
relations:
  - id: r1
    from: trust
    to: mrs-a
    does: discharges
    episode: ward
  - id: r2
    from: key-safe
    to: mrs-a
    does: lets carers in
readings:
  service:
    roles: {trust: provider, mrs-a: user}
    interactions:
      r1: {sphere: joint, mode: direct}
    value:
      - {for: mrs-a, claimed_by: mrs-a, element: whole-life, valence: destruction}
  assemblage:
    affects:
      r2: {capacity: can stay at home, direction: enhances}
    roles:
      key-safe: {material: 0.9, expressive: 0.2}
    lines_of_flight:
      - {from: the ward routine, danger: nobody checks on her}
"""


def sub(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def errors_of(text: str, filename: str = "case.yaml") -> list[str]:
    case, errors, _hints = check_case(text, filename=filename)
    assert (case is None) == bool(errors)
    return [str(e) for e in errors]


def test_base_is_valid():
    assert errors_of(BASE) == []


MISTAKES = [
    pytest.param(
        sub("title: Going home", "title: Going: home"),
        ['case.yaml:3:13: (syntax): YAML syntax error: mapping values are not allowed in this context'],
        id='yaml_syntax'),
    pytest.param(
        sub("  - id: mrs-a\n", "\t- id: mrs-a\n"),
        ["case.yaml:5:1: (syntax): YAML syntax error: found character '\\t' that cannot start any token (while scanning for the next token); indent with spaces, not tabs"],
        id='yaml_tab'),
    pytest.param(
        sub("kinds: [person]", "kinds: [person"),
        ["case.yaml:8:7: (syntax): YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 7)"],
        id='yaml_unclosed'),
    pytest.param(
        BASE + "---\nformat: vcc-case/1\n",
        ['case.yaml:41:1: (syntax): a second YAML document starts here; a case file holds one document'],
        id='two_docs'),
    pytest.param(
        "",
        ["case.yaml:1:1: (file): the file is empty: a case file starts with 'format: vcc-case/1'"],
        id='empty'),
    pytest.param(
        "# nothing here\n\n",
        ["case.yaml:1:1: (file): the file is empty: a case file starts with 'format: vcc-case/1'"],
        id='only_comments'),
    pytest.param(
        "- format: vcc-case/1\n",
        ['case.yaml:1:1: (top): expected a mapping (the case: format, id, title, ...), got a list'],
        id='top_list'),
    pytest.param(
        "just some words\n",
        ['case.yaml:1:1: (top): expected a mapping (the case: format, id, title, ...), got text'],
        id='top_scalar'),
    pytest.param(
        sub("format: vcc-case/1\n", ""),
        ["case.yaml:1:1: format: missing: the file must start with 'format: vcc-case/1'"],
        id='missing_format'),
    pytest.param(
        sub("format: vcc-case/1", "format: vcc-case/2"),
        ["case.yaml:1:9: format: unsupported format 'vcc-case/2': this tool reads 'vcc-case/1' (did you mean 'vcc-case/1'?)"],
        id='bad_format'),
    pytest.param(
        sub("format: vcc-case/1", "format: vcc-case-1"),
        ["case.yaml:1:9: format: unsupported format 'vcc-case-1': this tool reads 'vcc-case/1' (did you mean 'vcc-case/1'?)"],
        id='format_typo'),
    pytest.param(
        sub("title: Going home", "title: Going home\ntitel: x"),
        ["case.yaml:4:1: titel: unknown key 'titel' (did you mean 'title'?)"],
        id='unknown_top_key'),
    pytest.param(
        sub("title: Going home", "title: Going home\nzzz: x"),
        ["case.yaml:4:1: zzz: unknown key 'zzz': allowed keys are format, id, title, summary, source, components, episodes, relations, readings"],
        id='unknown_top_key_nohint'),
    pytest.param(
        sub("    label: Mrs A\n", "    label: Mrs A\n    lable: x\n"),
        ["case.yaml:7:5: components[0].lable: unknown key 'lable' (did you mean 'label'?)"],
        id='unknown_component_key'),
    pytest.param(
        sub("    from: trust\n", "    form: trust\n"),
        ["case.yaml:18:5: relations[0].from: missing: a relation needs 'from'", "case.yaml:19:5: relations[0].form: unknown key 'form' (did you mean 'from'?)"],
        id='unknown_relation_key'),
    pytest.param(
        sub("  service:\n", "  servce:\n"),
        ["case.yaml:28:3: readings.servce: unknown key 'servce' (did you mean 'service'?)"],
        id='unknown_readings_key'),
    pytest.param(
        sub("{sphere: joint, mode: direct}", "{sphere: joint, mood: direct}"),
        ["case.yaml:31:27: readings.service.interactions.r1.mood: unknown key 'mood' (did you mean 'mode'?)"],
        id='unknown_interaction_key'),
    pytest.param(
        sub("direction: enhances}", "directon: enhances}"),
        ["case.yaml:36:40: readings.assemblage.affects.r2.directon: unknown key 'directon' (did you mean 'direction'?)"],
        id='unknown_affect_key'),
    pytest.param(
        sub("title: Going home", "title: Going home\nsource: {kind: reader, notes: x}"),
        ["case.yaml:4:24: source.notes: unknown key 'notes' (did you mean 'note'?)"],
        id='unknown_source_key'),
    pytest.param(
        sub("danger: nobody checks on her}", "dangers: nobody checks on her}"),
        ["case.yaml:40:9: readings.assemblage.lines_of_flight[0].danger: missing: a line of flight needs 'danger' (no line of flight is simply good)", "case.yaml:40:34: readings.assemblage.lines_of_flight[0].dangers: unknown key 'dangers' (did you mean 'danger'?)"],
        id='unknown_lof_key'),
    pytest.param(
        sub("format: vcc-case/1\nid: home\n", "format: vcc-case/1\n"),
        ["case.yaml:1:1: id: missing: the case needs 'id'"],
        id='missing_id'),
    pytest.param(
        sub("title: Going home\n", ""),
        ["case.yaml:1:1: title: missing: the case needs 'title'"],
        id='missing_title'),
    pytest.param(
        sub("    label: Mrs A\n", ""),
        ["case.yaml:5:5: components[0].label: missing: a component needs 'label'"],
        id='missing_component_label'),
    pytest.param(
        sub("id: home", "id: Going Home"),
        ["case.yaml:2:5: id: 'Going Home' is not a valid id: use lower-case letters, digits and hyphens, starting with a letter (try 'going-home')"],
        id='bad_case_id'),
    pytest.param(
        sub("  - id: mrs-a\n", "  - id: Mrs_A\n"),
        ["case.yaml:5:9: components[0].id: 'Mrs_A' is not a valid id: use lower-case letters, digits and hyphens, starting with a letter (try 'mrs-a')", "case.yaml:20:9: relations[0].to: unknown component 'mrs-a'", "case.yaml:25:9: relations[1].to: unknown component 'mrs-a'", "case.yaml:29:30: readings.service.roles.mrs-a: unknown component 'mrs-a'", "case.yaml:33:15: readings.service.value[0].for: unknown component 'mrs-a'"],
        id='bad_component_id'),
    pytest.param(
        sub("id: home", "id: " + "a" * 65),
        ['case.yaml:2:5: id: an id may be at most 64 characters long (this one has 65)'],
        id='id_too_long'),
    pytest.param(
        sub("  - id: key-safe\n", "  - id: x-ray\n"),
        ["case.yaml:8:9: components[1].id: 'x-ray' is not a valid id: ids beginning with 'x-' are kept for extension keys", "case.yaml:24:11: relations[1].from: unknown component 'key-safe'", "case.yaml:38:7: readings.assemblage.roles.key-safe: unknown component 'key-safe'"],
        id='id_x'),
    pytest.param(
        sub("  - id: key-safe\n", "  - id: mrs-a\n"),
        ["case.yaml:8:9: components[1].id: duplicate component id 'mrs-a' (first used at line 5)", "case.yaml:24:11: relations[1].from: unknown component 'key-safe'", "case.yaml:38:7: readings.assemblage.roles.key-safe: unknown component 'key-safe'"],
        id='dup_component_id'),
    pytest.param(
        sub("  - id: r2\n", "  - id: r1\n"),
        ["case.yaml:23:9: relations[1].id: duplicate relation id 'r1' (first used at line 18)", "case.yaml:36:7: readings.assemblage.affects.r2: unknown relation 'r2'"],
        id='dup_relation_id'),
    pytest.param(
        sub("  - id: ward\n", "  - id: trust\n"),
        ["case.yaml:15:9: episodes[0].id: 'trust' is already a component id (line 11); episode ids must differ from component ids", "case.yaml:22:14: relations[0].episode: unknown episode 'ward'"],
        id='episode_is_component'),
    pytest.param(
        sub("label: Mrs A", "label: ''"),
        ["case.yaml:6:12: components[0].label: empty: a component needs a non-empty 'label'"],
        id='empty_label'),
    pytest.param(
        sub("label: Mrs A", "label: '   '"),
        ["case.yaml:6:12: components[0].label: empty: a component needs a non-empty 'label'"],
        id='blank_label'),
    pytest.param(
        sub("label: Mrs A", "label:"),
        ["case.yaml:6:11: components[0].label: empty: a component needs a non-empty 'label'"],
        id='null_label'),
    pytest.param(
        sub("label: Mrs A", "label: 1984"),
        ['case.yaml:6:12: components[0].label: expected text, got a number (1984) (put it in quotes: "1984")'],
        id='label_number'),
    pytest.param(
        sub("label: Mrs A", "label: true"),
        ['case.yaml:6:12: components[0].label: expected text, got true/false (true) (put it in quotes: "true")'],
        id='label_bool'),
    pytest.param(
        sub("kinds: [person]", "kinds: person"),
        ['case.yaml:7:12: components[0].kinds: expected a list of kinds, got text (write [person])'],
        id='kinds_string'),
    pytest.param(
        sub("kinds: [person]", "kinds: {a: person}"),
        ['case.yaml:7:12: components[0].kinds: expected a list of kinds, got a mapping'],
        id='kinds_mapping'),
    pytest.param(
        sub("components:\n  - id: mrs-a", "components:\n  x:\n  - id: mrs-a"),
        ['case.yaml:5:3: components: expected a list of components, got a mapping', "case.yaml:20:11: relations[0].from: unknown component 'trust'", "case.yaml:21:9: relations[0].to: unknown component 'mrs-a'", "case.yaml:25:11: relations[1].from: unknown component 'key-safe'", "case.yaml:26:9: relations[1].to: unknown component 'mrs-a'", "case.yaml:30:13: readings.service.roles.trust: unknown component 'trust'", "case.yaml:30:30: readings.service.roles.mrs-a: unknown component 'mrs-a'", "case.yaml:34:15: readings.service.value[0].for: unknown component 'mrs-a'", "case.yaml:39:7: readings.assemblage.roles.key-safe: unknown component 'key-safe'"],
        id='components_mapping'),
    pytest.param(
        sub("    to: mrs-a\n    does: discharges", "    to: mrs-b\n    does: discharges"),
        ["case.yaml:20:9: relations[0].to: unknown component 'mrs-b' (did you mean 'mrs-a'?)"],
        id='relation_to_unknown'),
    pytest.param(
        sub("    from: trust", "    from: trusts"),
        ["case.yaml:19:11: relations[0].from: unknown component 'trusts' (did you mean 'trust'?)"],
        id='relation_from_unknown'),
    pytest.param(
        sub("    episode: ward", "    episode: wards"),
        ["case.yaml:22:14: relations[0].episode: unknown episode 'wards' (did you mean 'ward'?)"],
        id='relation_unknown_episode'),
    pytest.param(
        sub("    does: discharges\n", ""),
        ["case.yaml:18:5: relations[0].does: missing: a relation needs 'does'"],
        id='relation_missing_does'),
    pytest.param(
        sub("      r1: {sphere: joint, mode: direct}", "      r9: {sphere: joint, mode: direct}"),
        ["case.yaml:31:7: readings.service.interactions.r9: unknown relation 'r9'"],
        id='interaction_unknown_relation'),
    pytest.param(
        sub("roles: {trust: provider, mrs-a: user}", "roles: {trust: provider, mrs-b: user}"),
        ["case.yaml:29:30: readings.service.roles.mrs-b: unknown component 'mrs-b' (did you mean 'mrs-a'?)"],
        id='roles_unknown_component'),
    pytest.param(
        sub("{for: mrs-a,", "{for: mr-a,"),
        ["case.yaml:33:15: readings.service.value[0].for: unknown component 'mr-a' (did you mean 'mrs-a'?)"],
        id='value_for_unknown'),
    pytest.param(
        sub("sphere: joint", "sphere: jiont"),
        ["case.yaml:31:20: readings.service.interactions.r1.sphere: 'jiont' is not a sphere: use one of provider, joint, user (did you mean 'joint'?)"],
        id='bad_sphere'),
    pytest.param(
        sub("mode: direct", "mode: indirectly"),
        ["case.yaml:31:33: readings.service.interactions.r1.mode: 'indirectly' is not a mode: use one of direct, indirect (did you mean 'indirect'?)"],
        id='bad_mode'),
    pytest.param(
        sub("valence: destruction", "valence: destroyed"),
        ["case.yaml:33:71: readings.service.value[0].valence: 'destroyed' is not a valence: use one of creation, destruction, mixed, dis/value (did you mean 'destruction'?)"],
        id='bad_valence'),
    pytest.param(
        sub("direction: enhances", "direction: enhance"),
        ["case.yaml:36:51: readings.assemblage.affects.r2.direction: 'enhance' is not a direction: use one of enhances, diminishes, unclear (did you mean 'enhances'?)"],
        id='bad_direction'),
    pytest.param(
        sub("direction: enhances}", "direction: enhances, tendency: territorial}"),
        ["case.yaml:36:71: readings.assemblage.affects.r2.tendency: 'territorial' is not a tendency: use one of territorialising, deterritorialising, reterritorialising, ambivalent, unclear (did you mean 'territorialising'?)"],
        id='bad_tendency'),
    pytest.param(
        sub("direction: enhances}", "direction: enhances, character: single}"),
        ["case.yaml:36:72: readings.assemblage.affects.r2.character: 'single' is not a character: use one of aggregating, singular, unclear (did you mean 'singular'?)"],
        id='bad_character'),
    pytest.param(
        sub("material: 0.9", "material: 1.5"),
        ['case.yaml:38:28: readings.assemblage.roles.key-safe.material: 1.5 is out of range: a score lies between 0 and 1'],
        id='score_high'),
    pytest.param(
        sub("expressive: 0.2", "expressive: -0.1"),
        ['case.yaml:38:45: readings.assemblage.roles.key-safe.expressive: -0.1 is out of range: a score lies between 0 and 1'],
        id='score_negative'),
    pytest.param(
        sub("material: 0.9", "material: high"),
        ['case.yaml:38:28: readings.assemblage.roles.key-safe.material: expected a number between 0 and 1, got text'],
        id='score_text'),
    pytest.param(
        sub("material: 0.9", "material: '0.9'"),
        ['case.yaml:38:28: readings.assemblage.roles.key-safe.material: expected a number between 0 and 1, got text (remove the quotes around 0.9)'],
        id='score_quoted'),
    pytest.param(
        sub("material: 0.9", "material: true"),
        ['case.yaml:38:28: readings.assemblage.roles.key-safe.material: expected a number between 0 and 1, got true/false (true)'],
        id='score_bool'),
    pytest.param(
        sub("material: 0.9", "material: .nan"),
        ['case.yaml:38:28: readings.assemblage.roles.key-safe.material: not a number (NaN): a score lies between 0 and 1'],
        id='score_nan'),
    pytest.param(
        sub("{from: the ward routine, danger: nobody checks on her}", "{from: the ward routine}"),
        ["case.yaml:40:9: readings.assemblage.lines_of_flight[0].danger: missing: a line of flight needs 'danger' (no line of flight is simply good)"],
        id='lof_no_danger'),
    pytest.param(
        sub("danger: nobody checks on her", "danger: ''"),
        ["case.yaml:40:42: readings.assemblage.lines_of_flight[0].danger: empty: a line of flight needs a non-empty 'danger' (no line of flight is simply good)"],
        id='lof_empty_danger'),
    pytest.param(
        sub("title: Going home", "title: Going home\nsource: {kind: textbook}"),
        ["case.yaml:4:16: source.kind: 'textbook' is not a source kind: use one of teaching-case, published-study, reader"],
        id='source_kind'),
    pytest.param(
        sub("    label: Mrs A\n", "    label: Mrs A\n    label: Mrs B\n"),
        ["case.yaml:7:5: components[0].label: duplicate key 'label' (first at line 6); a key may appear only once in a mapping"],
        id='dup_key'),
    pytest.param(
        sub("title: Going home", "title: Going home\ntitle: Again"),
        ["case.yaml:4:1: title: duplicate key 'title' (first at line 3); a key may appear only once in a mapping"],
        id='dup_top_key'),
    pytest.param(
        sub("roles: {trust: provider, mrs-a: user}", "roles: {trust: provider, trust: user}"),
        ["case.yaml:29:30: readings.service.roles.trust: duplicate key 'trust' (first at line 29); a key may appear only once in a mapping"],
        id='dup_role_key'),
    pytest.param(
        sub("title: Going home", "title: !!python/object/apply:os.system ['ls']"),
        ["case.yaml:3:8: title: the tag '!!python/object/apply:os.system' is not allowed: a case file holds only text, numbers, true/false, lists and mappings"],
        id='python_tag'),
    pytest.param(
        sub("label: Mrs A", "label: !secret Mrs A"),
        ["case.yaml:6:12: components[0].label: the tag '!secret' is not allowed: a case file holds only text, numbers, true/false, lists and mappings"],
        id='local_tag'),
    pytest.param(
        sub("label: Mrs A", "label: !!binary aGVsbG8="),
        ["case.yaml:6:12: components[0].label: the tag '!!binary' is not allowed: a case file holds only text, numbers, true/false, lists and mappings"],
        id='binary_tag'),
    pytest.param(
        sub("    kinds: [thing]", "    kinds: *k").replace("kinds: [person]", "kinds: &k [person]"),
        ['case.yaml:10:12: components[1].kinds: aliases (*name) are not allowed in a case file: write the value out in full'],
        id='alias'),
    pytest.param(
        "format: vcc-case/1\nid: b\ntitle: B\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
        ['case.yaml:5:8: b[0]: aliases (*name) are not allowed in a case file: write the value out in full', 'case.yaml:5:12: b[1]: aliases (*name) are not allowed in a case file: write the value out in full', 'case.yaml:5:16: b[2]: aliases (*name) are not allowed in a case file: write the value out in full', 'case.yaml:5:20: b[3]: aliases (*name) are not allowed in a case file: write the value out in full', 'case.yaml:5:24: b[4]: aliases (*name) are not allowed in a case file: write the value out in full', 'case.yaml:5:28: b[5]: aliases (*name) are not allowed in a case file: write the value out in full', 'case.yaml:5:32: b[6]: aliases (*name) are not allowed in a case file: write the value out in full', 'case.yaml:5:36: b[7]: aliases (*name) are not allowed in a case file: write the value out in full', 'case.yaml:5:40: b[8]: aliases (*name) are not allowed in a case file: write the value out in full', 'case.yaml:6:8: c[0]: aliases (*name) are not allowed in a case file: write the value out in full', 'case.yaml:6:12: (syntax): 8 more aliases from here on (not listed one by one)'],
        id='bomb'),
    pytest.param(
        sub("  - id: key-safe\n    label: Key safe\n", "  - <<: {id: key-safe}\n    label: Key safe\n"),
        ['case.yaml:8:5: components[1]["<<"]: merge keys (<<) are not allowed in a case file: write the keys out in full', "case.yaml:8:5: components[1].id: missing: a component needs 'id'", "case.yaml:24:11: relations[1].from: unknown component 'key-safe'", "case.yaml:38:7: readings.assemblage.roles.key-safe: unknown component 'key-safe'"],
        id='merge'),
    pytest.param(
        sub("direction: enhances}", "direction: enhances, on: mrs-aa}"),
        ["case.yaml:36:65: readings.assemblage.affects.r2.on: unknown component 'mrs-aa' (did you mean 'mrs-a'?)"],
        id='affect_on_unknown'),
    pytest.param(
        sub("{from: the ward routine,", "{episode: home, from: the ward routine,"),
        ["case.yaml:40:19: readings.assemblage.lines_of_flight[0].episode: unknown episode 'home'"],
        id='lof_unknown_episode'),
    pytest.param(
        sub("    lines_of_flight:", "    territories:\n      - {label: The ward, drawn_by: [wardd]}\n    lines_of_flight:"),
        ["case.yaml:40:38: readings.assemblage.territories[0].drawn_by[0]: unknown component 'wardd'"],
        id='territory_unknown_drawn'),
    pytest.param(
        sub("valence: destruction}", "valence: destruction, relation: r3}"),
        ["case.yaml:33:94: readings.service.value[0].relation: unknown relation 'r3'"],
        id='value_unknown_relation'),
    pytest.param(
        sub("{sphere: joint, mode: direct}", "{mode: direct}"),
        ["case.yaml:31:11: readings.service.interactions.r1.sphere: missing: an interaction needs 'sphere'"],
        id='interaction_missing_sphere'),
    pytest.param(
        sub("{capacity: can stay at home, direction: enhances}", "{direction: enhances}"),
        ["case.yaml:36:11: readings.assemblage.affects.r2.capacity: missing: an affect needs 'capacity'"],
        id='affect_missing_capacity'),
    pytest.param(
        sub("r2: {capacity: can stay at home, direction: enhances}", "r2: can stay at home"),
        ['case.yaml:36:11: readings.assemblage.affects.r2: expected an affect (a mapping) or a list of affects, got text'],
        id='affects_string'),
    pytest.param(
        sub("mrs-a: user}", "mrs-a: 3}"),
        ['case.yaml:29:37: readings.service.roles.mrs-a: expected a role or a list of roles, got a number (3)'],
        id='roles_number'),
    pytest.param(
        sub("    value:\n", "    propositions:\n      - {by: trust, to: mrs-a, offer: care, carried_by: leaflet}\n    value:\n"),
        ["case.yaml:33:57: readings.service.propositions[0].carried_by: unknown component 'leaflet'"],
        id='proposition_unknown'),
    pytest.param(
        sub("  - id: r2\n", "  - id: 2\n"),
        ['case.yaml:23:9: relations[1].id: expected an id, got a number (2)', "case.yaml:36:7: readings.assemblage.affects.r2: unknown relation 'r2'"],
        id='relation_id_number'),
    pytest.param(
        sub("  - id: r2\n    from: key-safe\n    to: mrs-a\n    does: lets carers in\n", "  - r2\n"),
        ['case.yaml:23:5: relations[1]: expected a mapping (a relation: id, from, to, ...), got text', "case.yaml:33:7: readings.assemblage.affects.r2: unknown relation 'r2'"],
        id='not_a_mapping_item'),
    pytest.param(
        sub("title: Going home", "title: Going home\nsource: {kind: reader, cite: cluley2021}"),
        ['case.yaml:4:30: source.cite: expected a list of citation keys, got text (write [cluley2021])'],
        id='cite_string'),
    pytest.param(
        sub("title: Going home", "title: Going home\n[a, b]: c"),
        ['case.yaml:4:1: (top): a key must be text, got a list'],
        id='key_not_text'),
    pytest.param(
        sub("    value:\n", "    coproduction: {r7: co-design}\n    value:\n"),
        ["case.yaml:32:20: readings.service.coproduction.r7: unknown relation 'r7'"],
        id='coproduction_unknown_relation'),
    pytest.param(
        sub(", valence: destruction}", "}"),
        ["case.yaml:33:9: readings.service.value[0].valence: missing: a value claim needs 'valence'"],
        id='valence_missing'),
    pytest.param(
        sub("    episode: ward", "    episode: ''"),
        ['case.yaml:22:14: relations[0].episode: empty: expected an episode id'],
        id='episode_empty_ref'),
    pytest.param(
        sub("material: 0.9", "material: !!int high"),
        ["case.yaml:38:28: readings.assemblage.roles.key-safe.material: 'high' is not a valid !!int"],
        id='bad_int_tag'),
    pytest.param(
        sub("label: Mrs A", "label: Mrs \x07A"),
        ['case.yaml:6:16: (syntax): the character U+0007 cannot appear in a YAML file (a control character?)'],
        id='control_char'),
]


@pytest.mark.parametrize("text, expected", MISTAKES)
def test_mistake_is_reported_exactly(text, expected):
    assert errors_of(text) == expected


@pytest.mark.parametrize("text, expected", MISTAKES)
def test_loads_case_raises_with_every_problem(text, expected):
    with pytest.raises(CaseFileError) as info:
        loads_case(text, "case.yaml")
    assert str(info.value).splitlines() == expected
    assert [str(p) for p in info.value.problems] == expected


def test_many_mistakes_in_one_file_are_all_reported_in_line_order():
    text = sub("label: Mrs A", "label: ''")
    text = sub("    to: mrs-a\n    does: discharges", "    to: mrs-b\n    does: discharges", text)
    text = sub("sphere: joint", "sphere: jiont", text)
    text = sub("material: 0.9", "material: 1.5", text)
    assert errors_of(text) == [
        "case.yaml:6:12: components[0].label: empty: a component needs a non-empty 'label'",
        "case.yaml:20:9: relations[0].to: unknown component 'mrs-b' (did you mean 'mrs-a'?)",
        "case.yaml:31:20: readings.service.interactions.r1.sphere: 'jiont' is not a sphere: "
        "use one of provider, joint, user (did you mean 'joint'?)",
        "case.yaml:38:28: readings.assemblage.roles.key-safe.material: 1.5 is out of range: "
        "a score lies between 0 and 1",
    ]


# --------------------------------------------------------------------------------------
# The file itself
# --------------------------------------------------------------------------------------


def test_file_too_large_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(CaseFileError) as info:
        load_case(path)
    assert str(info.value) == (f"{path}:1:1: (file): the file is 2,000,001 bytes; a case file "
                               "may be at most 2,000,000 bytes")


def test_text_too_large_is_refused():
    _, errors, _ = check_case("x: y\n" * 10, filename="t.yaml", max_bytes=20)
    assert [str(e) for e in errors] == [
        "t.yaml:1:1: (file): the file is 50 bytes; a case file may be at most 20 bytes"]


def test_not_utf8_names_the_byte_and_where_it_is(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("format: vcc-case/1\nid: a\ntitle: Café\n".encode("latin-1"))
    with pytest.raises(CaseFileError) as info:
        load_case(path)
    assert str(info.value) == (f"{path}:3:11: (file): not UTF-8: byte 0xe9 at offset 35 cannot "
                               "be decoded (save the file as UTF-8)")


def test_utf16_is_recognised(tmp_path):
    path = tmp_path / "utf16.yaml"
    path.write_bytes("format: vcc-case/1\nid: a\ntitle: T\n".encode("utf-16"))
    with pytest.raises(CaseFileError) as info:
        load_case(path)
    assert str(info.value) == (f"{path}:1:1: (file): the file is UTF-16 (it starts with a UTF-16 "
                               "byte-order mark): save it as UTF-8")


def test_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    with pytest.raises(CaseFileError) as info:
        load_case(path)
    assert str(info.value) == f"{path}:1:1: (file): no such file"


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(CaseFileError) as info:
        load_case(tmp_path)
    assert str(info.value) == f"{tmp_path}:1:1: (file): this is a folder, not a case file"


def test_aliases_are_refused_and_a_bomb_is_summarised():
    bomb = ("format: vcc-case/1\nid: b\ntitle: B\n"
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n")
    errors = errors_of(bomb)
    assert len(errors) == 11
    assert errors[0] == ("case.yaml:5:8: b[0]: aliases (*name) are not allowed in a case "
                         "file: write the value out in full")
    assert errors[-1] == ("case.yaml:6:12: (syntax): 17 more aliases from here on (not listed "
                          "one by one)")


def test_surrogate_escape_is_refused():
    text = '{"format": "vcc-case/1", "id": "a", "title": "\\ud800"}'
    assert errors_of(text, "c.json") == [
        "c.json:1:46: title: contains a lone surrogate escape (such as \\ud800), which is "
        "not a character"]


def test_problem_string_format():
    p = Problem("mycase.yaml", 14, 5, "relations[2].to",
                "unknown component 'mrs-b' (did you mean 'mrs-a'?)")
    assert str(p) == ("mycase.yaml:14:5: relations[2].to: unknown component 'mrs-b' "
                      "(did you mean 'mrs-a'?)")
    err = CaseFileError([p, p])
    assert str(err) == str(p) + "\n" + str(p)
    assert isinstance(err, ValueError)


# --------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------

J = '{\n  "format": "vcc-case/1",\n  "id": "j",\n  "title": "J",\n  "components": [\n' \
    '    {"id": "a", "label": "A"}\n  ]\n}\n'

JSON_MISTAKES = [
    pytest.param(J.replace('"A"}\n', '"A"},\n'),
                 "c.json:7:3: (syntax): JSON syntax error: a trailing comma before ']' is not "
                 "allowed in JSON", id="trailing-comma"),
    pytest.param(J.replace('"id": "j"', '"id" "j"'),
                 "c.json:3:8: (syntax): JSON syntax error: expected ':' after a key",
                 id="missing-colon"),
    pytest.param(J.replace('"id": "j"', "'id': 'j'"),
                 "c.json:3:3: (syntax): JSON syntax error: expected a key in double quotes",
                 id="single-quotes"),
    pytest.param(J.replace('"title": "J"', '"title": NaN'),
                 "c.json:4:12: (syntax): JSON syntax error: NaN is not a JSON value", id="nan"),
    pytest.param(J.replace('"title": "J"', '"title": "J", "title": "K"'),
                 "c.json:4:17: title: duplicate key 'title' (first at line 4); a key may appear "
                 "only once in a mapping", id="duplicate-key"),
    pytest.param(J + "{}", "c.json:9:1: (syntax): JSON syntax error: unexpected text after the "
                           "end of the JSON value", id="extra-data"),
    pytest.param(J[:40], "c.json:3:13: (syntax): JSON syntax error: the file ends before the "
                         "JSON value is complete (a missing '}' or ']'?)", id="truncated"),
    pytest.param(J.replace('"J"', '"\\q"'),
                 "c.json:4:13: (syntax): JSON syntax error: invalid escape in a string (a "
                 "backslash must be written \\\\)", id="bad-escape"),
    pytest.param(J.replace('"J"', '"a\tb"'),
                 "c.json:4:14: (syntax): JSON syntax error: a tab or line break inside a string "
                 "must be written as \\t or \\n", id="raw-tab-in-string"),
    pytest.param(J.replace('"label": "A"', '"label": 5'),
                 'c.json:6:26: components[0].label: expected text, got a number (5) (put it in '
                 'quotes: "5")', id="number-for-text"),
    pytest.param('{"format": ' + "[" * 150 + "]" * 150 + "}",
                 "c.json:1:111: (syntax): JSON syntax error: nested too deeply (more than 100 levels)", id="too-deep"),
]


@pytest.mark.parametrize("text, expected", JSON_MISTAKES)
def test_json_mistake_is_reported_exactly(text, expected):
    assert errors_of(text, "c.json") == [expected]


def test_json_quirks_that_are_fine():
    text = J.replace('"J"', '"\\ud83d\\ude00 \\/"').replace('  "id"', '\t"id"')
    assert loads_case(text, "c.json").title == "\U0001F600 /"


# --------------------------------------------------------------------------------------
# What is not a mistake
# --------------------------------------------------------------------------------------


def test_extension_keys_are_ignored_everywhere():
    text = sub("title: Going home", "title: Going home\nx-note: {any: [thing]}")
    text = sub("    label: Mrs A\n", "    label: Mrs A\n    x-colour: red\n", text)
    text = sub("roles: {trust: provider,", "roles: {x-extra: 1, trust: provider,", text)
    assert loads_case(text, "case.yaml") == loads_case(BASE, "case.yaml")


def test_bom_is_dropped():
    assert loads_case("\ufeff" + BASE, "case.yaml") == loads_case(BASE, "case.yaml")


def test_yaml_1_1_words_are_text():
    data = loads_data("a: yes\nb: no\nc: on\nd: off\ne: y\nf: 2024-01-01\ng: 1_000\n"
                      "h: 017\ni: 0b101\nj: 1:30\nk: nurse\nl: Null\nm: tRue\n")
    assert data == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "y", "f": "2024-01-01",
                    "g": "1_000", "h": 17, "i": "0b101", "j": "1:30", "k": "nurse", "l": None,
                    "m": "tRue"}  # 017 is decimal in YAML 1.2; 1.1's octal, binary and
    # sexagesimal numbers are text


def test_numbers_too_large_are_problems_not_infinities():
    assert errors_of(sub("    label: Key safe\n", "    label: 1e999\n")) == [
        "case.yaml:9:12: components[1].label: the number 1e999 is too large to be read"]
    assert errors_of(sub("    label: Key safe\n", "    label: .inf\n")) == [
        "case.yaml:9:12: components[1].label: expected text, got a number (.inf) "
        '(put it in quotes: ".inf")']


def test_yaml_1_2_scalars():
    data = loads_data("a: true\nb: ~\nc:\nd: 1e3\ne: 0x1F\nf: 0o17\ng: -.5\nh: '7'\n")
    assert data == {"a": True, "b": None, "c": None, "d": 1000.0, "e": 31, "f": 15, "g": -0.5,
                    "h": "7"}


def test_a_plain_null_is_no_reference_even_to_a_component_called_null():
    text = sub("  - id: key-safe\n", "  - id: 'null'\n").replace(
        "key-safe: {material", "'null': {material")
    assert errors_of(text.replace("from: key-safe", "from: null")) == [
        "case.yaml:24:11: relations[1].from: empty: expected a component id"]
    assert errors_of(text.replace("from: key-safe", "from: 'null'")) == []


def test_ids_that_look_like_words_work_when_quoted():
    text = sub("  - id: key-safe\n", "  - id: 'null'\n")
    text = text.replace("from: key-safe", "from: 'null'").replace("key-safe: {material",
                                                                  "'null': {material")
    case = loads_case(text, "case.yaml")
    assert case.component("null").label == "Key safe"


def test_markup_in_labels_is_kept_verbatim():
    label = "<img src=x onerror=alert(1)>"
    case = loads_case(sub("label: Mrs A", f"label: '{label}'"), "case.yaml")
    assert case.component("mrs-a").label == label


def test_stars_and_bangs_in_text_are_not_aliases_or_tags():
    text = sub("label: Mrs A", "label: 'Mrs *A*, 5*3 !important'").replace(
        "title: Going home", "title: Going home!")
    case = loads_case(text, "case.yaml")
    assert (case.title, case.component("mrs-a").label) == ("Going home!",
                                                           "Mrs *A*, 5*3 !important")


def test_loads_case_refuses_a_text_too_large():
    with pytest.raises(CaseFileError) as info:
        loads_case("é" * 60, "t.yaml", max_bytes=100)
    assert str(info.value) == ("t.yaml:1:1: (file): the file is 120 bytes; a case file may be "
                               "at most 100 bytes")
    with pytest.raises(CaseFileError, match="the file is empty"):
        loads_case(" " * 200, "t.yaml", max_bytes=None)
