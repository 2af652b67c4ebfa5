"""vcc_helpers.casefile.schemawalk: the structural validator compiled from the schema."""
from __future__ import annotations

import copy
from importlib.resources import files

import pytest
import yaml

from vcc_helpers.casefile import check_case
from vcc_helpers.casefile.read import _loader
from vcc_helpers.casefile.schemawalk import (
    ANNOTATIONS, KEYWORDS, SchemaError, compile_schema,
)
from vcc_helpers.casefile.validate import WALKER, _field, schema

pytestmark = pytest.mark.unit

HEAD = "format: vcc-case/1\nid: t\ntitle: T\n"


def walk(text: str, walker=WALKER) -> list[str]:
    """Every structural problem of *text* as 'LINE:COL: FIELD: message [code]'."""
    out = []

    def emit(node, path, message, code):
        m = node.start_mark
        out.append(f"{m.line + 1}:{m.column + 1}: {_field(path)}: {message} [{code}]")

    walker.check(yaml.compose(text, Loader=_loader()), "", emit)
    return out


def used_keywords(node, out=None) -> set:
    out = set() if out is None else out
    if isinstance(node, dict):
        for k, v in node.items():
            out.add(k)
            if k in ("properties", "patternProperties", "$defs"):
                for sub in v.values():
                    used_keywords(sub, out)
            elif k in ("items", "propertyNames") or (k == "additionalProperties"
                                                     and isinstance(v, dict)):
                used_keywords(v, out)
            elif k == "anyOf":
                for sub in v:
                    used_keywords(sub, out)
    return out


def test_the_walker_supports_exactly_the_keywords_the_schema_uses():
    assert used_keywords(schema()) == KEYWORDS | ANNOTATIONS


@pytest.mark.parametrize("name", ["day-service", "gp-appointment", "hospital-discharge",
                                  "public-library", "school-meals", "universal-credit"])
def test_the_bundled_cases_are_structurally_clean(name):
    text = (files("vcc_helpers") / "cases" / f"{name}.yaml").read_text(encoding="utf-8")
    assert walk(text) == []


@pytest.mark.parametrize("tail, expected", [
    # type
    ("components: 3\n",
     "4:13: components: expected a list of components, got a number (3) [wrong-type]"),
    ("summary: [a]\n",
     "4:10: summary: expected text, got a list [wrong-type]"),
    # const
    ("", None),
    # enum
    ("episodes: []\nreadings:\n  service:\n    interactions: {r1: {sphere: jont}}\n",
     "7:33: readings.service.interactions.r1.sphere: 'jont' is not a sphere: use one of "
     "provider, joint, user (did you mean 'joint'?) [not-in-vocabulary]"),
    # minimum / maximum
    ("readings:\n  assemblage:\n    roles: {a: {material: 1.5}}\n",
     "6:27: readings.assemblage.roles.a.material: 1.5 is out of range: a score lies "
     "between 0 and 1 [out-of-range]"),
    ("readings:\n  assemblage:\n    roles: {a: {expressive: -0.1}}\n",
     "6:29: readings.assemblage.roles.a.expressive: -0.1 is out of range: a score lies "
     "between 0 and 1 [out-of-range]"),
    # pattern "\S" (non-empty text) and the id pattern
    ("components:\n  - {id: a, label: '  '}\n",
     "5:20: components[0].label: empty: a component needs a non-empty 'label' [empty]"),
    ("components:\n  - {id: Mrs-A, label: A}\n",
     "5:10: components[0].id: 'Mrs-A' is not a valid id: use lower-case letters, digits and "
     "hyphens, starting with a letter (try 'mrs-a') [bad-id]"),
    # required
    ("components:\n  - {id: a}\n",
     "5:5: components[0].label: missing: a component needs 'label' [missing]"),
    ("readings:\n  assemblage:\n    lines_of_flight: [{from: here}]\n",
     "6:23: readings.assemblage.lines_of_flight[0].danger: missing: a line of flight needs "
     "'danger' (no line of flight is simply good) [missing]"),
    # additionalProperties: false, with a "did you mean"
    ("components:\n  - {id: a, lable: A, label: A}\n",
     "5:13: components[0].lable: unknown key 'lable' (did you mean 'label'?) [unknown-key]"),
    # items
    ("source: {cite: [ok, 3]}\n",
     "4:21: source.cite[1]: expected text, got a number (3) (put it in quotes: \"3\") "
     "[wrong-type]"),
    # propertyNames (anyOf: an extension key or an id)
    ("readings:\n  service:\n    roles: {Mrs: user}\n",
     "6:13: readings.service.roles.Mrs: 'Mrs' is not a valid id: use lower-case letters, "
     "digits and hyphens, starting with a letter (try 'mrs') [bad-id]"),
    # anyOf: the alternative of the node's type decides; none fits -> its types
    ("readings:\n  assemblage:\n    affects: {r1: 3}\n",
     "6:19: readings.assemblage.affects.r1: expected an affect (a mapping) or a list of "
     "affects, got a number (3) "
     "[wrong-type]"),
    ("readings:\n  assemblage:\n    affects: {r1: [{capacity: c, tendency: up}]}\n",
     "6:44: readings.assemblage.affects.r1[0].tendency: 'up' is not a tendency: use one of "
     "territorialising, deterritorialising, reterritorialising, ambivalent, unclear "
     "[not-in-vocabulary]"),
    # a number too large to read; a null where an id, or a required word, is needed
    ("summary: " + "9" * 5000 + "\n",
     "4:10: summary: the number 99999999999999999999... (5,000 characters) is too large to "
     "be read [number-too-large]"),
    ("components:\n  - {id: a, label: A}\nrelations:\n  - {id: r, from: a, to: ~, does: d}\n",
     "7:26: relations[0].to: empty: expected a component id [empty]"),
])
def test_each_keyword_reports_with_its_position(tail, expected):
    problems = walk(HEAD + tail)
    assert problems == ([expected] if expected else [])


def test_const_and_top_level_required():
    assert walk("format: vcc-case/2\nid: t\ntitle: T\n") == [
        "1:9: format: unsupported format 'vcc-case/2': this tool reads 'vcc-case/1' "
        "(did you mean 'vcc-case/1'?) [bad-format]"]
    assert walk("id: t\ntitle: T\n") == [
        "1:1: format: missing: the file must start with 'format: vcc-case/1' [missing]"]


def test_extension_keys_and_nulls_are_allowed():
    assert walk(HEAD + "x-mine: {anything: [1]}\nsource: ~\nsummary:\n"
                "components:\n  - {id: a, label: A, x-note: 3, kinds: ~}\n") == []


def test_every_problem_is_reported_at_once():
    problems = walk("format: vcc-case/1\nid: T\nbogus: 1\ncomponents:\n"
                    "  - {id: a, lable: A}\n  - {id: b, label: ''}\n")
    assert [p.split(": ", 2)[1] for p in problems] == [
        "bogus", "title", "id", "components[0].lable", "components[0].label",
        "components[1].label"]


def test_the_checker_reports_what_the_walker_derives():
    """The loader's messages for these mistakes come from the walker's templates."""
    _, errors, _ = check_case(HEAD + "components:\n  - {id: a, lable: A}\n",
                              filename="c.yaml")
    assert [str(e) for e in errors] == [
        "c.yaml:5:5: components[0].label: missing: a component needs 'label'",
        "c.yaml:5:13: components[0].lable: unknown key 'lable' (did you mean 'label'?)"]


def test_a_new_optional_property_is_picked_up_from_the_schema():
    s = copy.deepcopy(schema())
    s["$defs"]["relation"]["properties"]["since"] = {"type": ["string", "null"]}
    text = HEAD + ("components:\n  - {id: a, label: A}\nrelations:\n"
                   "  - {id: r, from: a, to: a, does: d, since: [1]}\n")
    assert walk(text) == ["7:38: relations[0].since: unknown key 'since' (did you mean "
                          "'evidence'?) [unknown-key]"]
    assert walk(text, compile_schema(s)) == [
        "7:45: relations[0].since: expected text, got a list [wrong-type]"]


@pytest.mark.parametrize("keyword, value", [
    ("minLength", 1), ("oneOf", [{"type": "string"}]), ("format", "date"),
    ("multipleOf", 2), ("uniqueItems", True),
])
def test_an_unsupported_keyword_is_refused_at_compile_time(keyword, value):
    s = copy.deepcopy(schema())
    s["$defs"]["relation"]["properties"]["does"][keyword] = value
    with pytest.raises(SchemaError, match=f"'{keyword}' is not supported"):
        compile_schema(s)


def test_a_remote_reference_is_refused():
    s = copy.deepcopy(schema())
    s["$defs"]["relation"]["properties"]["to"] = {"$ref": "https://example.org/id.json"}
    with pytest.raises(SchemaError, match="only local references"):
        compile_schema(s)


BROKEN = HEAD + (
    "source: {kind: 3, cite: ok}\n"
    "components:\n  - {id: a, label: A, kinds: [person, '  ']}\n  - {id: B, label: ~}\n"
    "episodes:\n  - {id: e, label: E}\n"
    "relations:\n  - {id: r, from: a, to: true, does: d, episode: ''}\n"
    "readings:\n  service:\n    roles: {a: 3, ghost: user}\n    interactions: {r: {sphere: ~}}\n"
    "  assemblage:\n    roles: {a: {material: '0.5'}}\n    affects: {r: text}\n"
    "    lines_of_flight: [{from: here, danger: ' ', line: sideways}]\n")


def test_every_structural_message_of_the_checker_is_the_walkers():
    """The checker words no structural problem itself: what it reports beyond the
    walker is only what a schema cannot say (here: a reference to a component that
    is not there), and the walker's every problem is reported."""
    _, errors, _ = check_case(BROKEN, filename="c.yaml")
    walked = walk(BROKEN)
    assert len(walked) == 13
    assert [f"{e.line}:{e.column}: {e.field}: {e.message} [{e.code}]" for e in errors
            if e.code != "unknown-ref"] == walked
    assert [e.message for e in errors if e.code == "unknown-ref"] == ["unknown component 'ghost'"]


def test_a_title_in_the_schema_words_the_checkers_messages(monkeypatch):
    """Change the schema's titles and the checker's messages change with them."""
    from vcc_helpers.casefile import validate
    s = copy.deepcopy(schema())
    s["$defs"]["relation"]["properties"]["to"]["title"] = "Receiving component id"
    s["$defs"]["source"]["properties"]["kind"]["title"] = "Provenance"
    monkeypatch.setattr(validate, "WALKER", compile_schema(s))
    _, errors, _ = check_case(HEAD + "source: {kind: blog}\ncomponents:\n  - {id: a, label: A}\n"
                              "relations:\n  - {id: r, from: a, to: 3, does: d}\n")
    assert [e.message for e in errors] == [
        "'blog' is not a provenance: use one of teaching-case, published-study, reader",
        "expected a receiving component id, got a number (3)"]


def test_a_value_the_checker_refuses_and_the_walker_accepts_is_still_an_error():
    """Should the checker and the schema ever disagree, the file is refused all the same,
    at the value (the fuzz run fails on such a problem: code 'unworded')."""
    from vcc_helpers.casefile.validate import _Checker
    root = yaml.compose(HEAD, Loader=_loader())
    checker = _Checker("c.yaml")
    assert checker.check(root) is not None
    checker.invalid(root.value[2][1], "title")
    checker.report_structure(root)
    assert checker.errors == [(3, 8, "title", "this value is not valid here", "unworded",
                               ("title",))]


def test_the_value_under_an_unknown_id_is_checked_too():
    """A role given to a component that is not there is two mistakes, and both are
    reported (the first edition's checker skipped the value)."""
    _, errors, _ = check_case(HEAD + "components:\n  - {id: a, label: A}\n"
                              "readings:\n  service:\n    roles: {ghost: 3}\n"
                              "    role_reasons: {gost: [why]}\n"
                              "    interactions: {r9: {sphere: jont}}\n", filename="c.yaml")
    assert [str(e) for e in errors] == [
        "c.yaml:8:13: readings.service.roles.ghost: unknown component 'ghost'",
        "c.yaml:8:20: readings.service.roles.ghost: expected a role or a list of roles, "
        "got a number (3)",
        "c.yaml:9:20: readings.service.role_reasons.gost: unknown component 'gost'",
        "c.yaml:9:26: readings.service.role_reasons.gost: expected text, got a list",
        "c.yaml:10:20: readings.service.interactions.r9: unknown relation 'r9'",
        "c.yaml:10:33: readings.service.interactions.r9.sphere: 'jont' is not a sphere: use one "
        "of provider, joint, user (did you mean 'joint'?)"]


@pytest.mark.parametrize("loc, part, problems", [
    (("components", 1, "kinds", 0), ("components", 1), 2),
    (("title",), ("title",), 0),
    (("source", "kind"), ("source",), 2),
    (("readings", "service", "interactions", "r", "sphere"),
     ("readings", "service", "interactions", "r"), 1),
    (("readings", "service", "roles"), ("readings", "service"), 2),
    (("readings", "assemblage", "lines_of_flight", 0, "danger"),
     ("readings", "assemblage", "lines_of_flight", 0), 2),
    (("nowhere", 3), (), 13),
])
def test_a_problem_is_worded_by_walking_only_the_part_that_holds_it(loc, part, problems):
    """For a file with a mistake, the walker walks again only the record (or entry, or
    top-level property) that holds it, so a large file with one mistake loads as fast
    as a valid one; what it reports of that part is what the whole walk reports."""
    root = yaml.compose(BROKEN, Loader=_loader())
    found: list = []
    assert WALKER.check_part(root, loc, lambda *p: found.append(p)) == part
    shown = [f"{n.start_mark.line + 1}:{n.start_mark.column + 1}: {_field(f)}: {m} [{c}]"
             for n, f, m, c in found]
    assert len(shown) == problems
    assert set(shown) <= set(walk(BROKEN))


def _text_fields(data, s: dict, path: tuple = ()):
    """(path, property schema) of every free-text value in *data*, walked beside the
    schema (ids, words of a vocabulary and constants are not free text)."""
    while "$ref" in s:
        s = schema()["$defs"][s["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in s and not isinstance(data, str):  # an affect, or a list of affects
        for alt in s["anyOf"]:
            yield from _text_fields(data, alt, path)
        return
    if isinstance(data, dict):
        props, extra = s.get("properties", {}), s.get("additionalProperties")
        for k, v in data.items():
            sub = props.get(k, extra if isinstance(extra, dict) else None)
            if sub is not None:
                yield from _text_fields(v, sub, (*path, k))
    elif isinstance(data, list) and isinstance(s.get("items"), dict):
        for i, v in enumerate(data):
            yield from _text_fields(v, s["items"], (*path, i))
    elif isinstance(data, str) and s.get("pattern", "\\S") == "\\S" and \
            not {"enum", "const", "examples", "anyOf"} & s.keys():
        yield path, s


def test_a_line_break_is_refused_exactly_where_the_schema_says_one_line():
    """The schema's "x-single-line" decides where a tab or line break is refused ("labels
    are data"); every other free-text field keeps it (descriptions, notes, reasons)."""
    from vcc_helpers.casefile import case_to_data, check_data, load_case

    data = case_to_data(load_case(str(files("vcc_helpers") / "cases" / "hospital-discharge.yaml")))
    assert check_data(data)[1] == []
    fields = list(_text_fields(data, schema()))

    def key(path):  # the field a value belongs to (for a list item, the list's key)
        return next(k for k in reversed(path) if isinstance(k, str))

    marked = {key(path) for path, s in fields if s.get("x-single-line")}
    assert marked == {"title", "label", "by", "claimed_by", "from", "cite", "desire",
                      "account"}
    prose = {key(path) for path, s in fields if not s.get("x-single-line")}
    assert {"description", "does", "evidence", "note", "because", "offer", "capacity"} <= prose
    for path, s in fields:
        broken = copy.deepcopy(data)
        node = broken
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = "one\ntwo"
        _, errors, _ = check_data(broken)
        refused = [e for e in errors if e.code == "control-character" and e.loc == path]
        assert len(refused) == bool(s.get("x-single-line")), (path, errors)
        assert len(errors) == len(refused), (path, errors)
