"""vcc_helpers.casefile.read: text to nodes, exact positions, both PyYAML paths."""
from __future__ import annotations

import pytest

from vcc_helpers.casefile import CaseFileError, check_case, loads_data, parse_case
from vcc_helpers.casefile.read import CLoader, PyLoader, _loader, use_libyaml

pytestmark = pytest.mark.unit

HEAD = "format: vcc-case/1\nid: t\ntitle: T\n"


def problems(text, name="c.yaml"):
    _case, errors, _notes = check_case(text, filename=name)
    return [(p.line, p.column, p.field, p.code) for p in errors]


@pytest.fixture(params=["libyaml", "pure"])
def path(request):
    """Run a test with libyaml and with the pure-Python loader (as in Pyodide)."""
    if request.param == "libyaml" and CLoader is None:
        pytest.skip("libyaml is not installed")
    old = use_libyaml(request.param == "libyaml")
    yield request.param
    use_libyaml(old)


def test_the_pure_path_can_be_forced():
    old = use_libyaml(False)
    try:
        assert _loader() is PyLoader
    finally:
        use_libyaml(old)


def test_both_paths_read_the_same_case(path):
    from vcc_helpers import cases
    text = cases.path("hospital-discharge").read_text(encoding="utf-8")
    assert parse_case(text, "yaml", "h.yaml") == cases.load("hospital-discharge")


def test_alias_in_a_flow_mapping_is_refused_at_the_alias(path):
    text = '{"format": "vcc-case/1", "id": &x t, "title":*x}'
    assert problems(text) == [(1, 46, "title", "alias")]


def test_a_billion_laughs_is_refused_without_expansion(path):
    text = HEAD + "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    with pytest.raises(CaseFileError) as info:
        loads_data(text)
    errs = info.value.problems
    assert len(errs) == 11 and {p.code for p in errs} == {"alias"}
    assert (errs[0].line, errs[0].column, errs[0].field) == (5, 8, "b[0]")
    assert "more aliases" in errs[-1].message


def test_a_refused_tag_is_reported_under_its_field(path):
    assert problems(HEAD.replace("title: T", "title: !!python/object:os.system T")) == [
        (3, 8, "title", "tag")]


def test_deep_nesting_is_refused_where_it_becomes_too_deep(path):
    errs = problems(HEAD + "x-deep: " + "[" * 3000 + "]" * 3000 + "\n")
    assert len(errs) == 1 and errs[0][3] == "too-deep"
    assert errs[0][:2] != (1, 1) and errs[0][0] == 4


def test_crlf_counts_as_one_line_end(path):
    text = HEAD.replace("\n", "\r\n") + "components: [{id: a, label: A, kinds: 5}]\r\n"
    _case, errors, _ = check_case(text, filename="c.yaml")
    assert [(p.line, p.column) for p in errors] == [(4, 39)]


@pytest.mark.parametrize("char, column", [("\r", 9), ("\x85", 9), ("\u2028", 9), ("\u2029", 9)])
def test_line_breaks_editors_do_not_show_are_refused_with_their_position(char, column):
    assert problems(HEAD.replace("title: T", f"title: T{char}x: 1")) == [
        (3, column, "(syntax)", "line-break")]


def test_a_line_separator_in_a_comment_does_not_become_yaml():
    errs = problems(HEAD.replace("title: T", "title: T  # note\u2028id: other"))
    assert errs == [(3, 17, "(syntax)", "line-break")]


def test_raw_control_character_is_refused_with_its_position():
    assert problems(HEAD.replace("title: T", "title: T\x07")) == [
        (3, 9, "(syntax)", "control-character")]


def test_a_lone_surrogate_in_a_str_is_a_case_file_error():
    with pytest.raises(CaseFileError) as info:
        parse_case(HEAD.replace("title: T", "title: \ud800"), "yaml")
    assert info.value.problems[0].code == "surrogate"
    assert (info.value.problems[0].line, info.value.problems[0].column) == (3, 8)


@pytest.mark.parametrize("fmt, text, where", [
    ("yaml", HEAD + "x-n: " + "9" * 5000 + "\ncomponents: [{id: a, label: " + "1" * 5000 + "}]\n",
     (5, 29)),
    ("json", '{"format": "vcc-case/1", "id": "t", "title": ' + "1" * 5000 + "}", (1, 46)),
    ("yaml", HEAD + "components: [{id: a, label: 1e999999}]\n", (4, 29)),
])
def test_huge_numbers_are_problems_with_a_position(fmt, text, where):
    _case, errors, _ = check_case(text, filename="c." + fmt, fmt=fmt)
    assert [(p.line, p.column, p.code) for p in errors] == [where + ("number-too-large",)]


def test_json_values_come_from_json_and_positions_from_the_composer(path):
    text = '{\n\t"format": "vcc-case/1",\n\t"id": "t",\n\t"title": "\\ud83d\\ude00 \\/",\n' \
           '\t"components": [{"id": "a", "label": 5}]\n}\n'
    _case, errors, _ = check_case(text, filename="c.json")
    assert [(p.line, p.column, p.field) for p in errors] == [(5, 38, "components[0].label")]
    assert parse_case(text.replace('"label": 5', '"label": "A"'), "json").title == "\U0001F600 /"


def test_a_late_syntax_error_is_worded_from_libyamls_marks():
    text = HEAD + "relations:\n" + "".join(
        f"  - {{id: r{i}, from: a, to: a, does: x}}\n" for i in range(20000)) + "  - {id: : ]\n"
    errs = problems(text)
    assert len(errs) == 1 and errs[0][0] == 20005 and errs[0][3] == "syntax"


def test_loads_data_is_bounded_in_depth():
    with pytest.raises(CaseFileError) as info:
        loads_data("a: " + "[" * 150 + "]" * 150 + "\n")
    assert info.value.problems[0].code == "too-deep"
    assert info.value.problems[0].line == 1 and info.value.problems[0].column > 1


# --------------------------------------------------------------------------------------
# JSON in one pass: positions found only when asked, the same as YAML's composer gives
# --------------------------------------------------------------------------------------

def _marks(node, out):
    out.append((type(node).__name__, node.start_mark.line, node.start_mark.column))
    if isinstance(node.value, list):
        for item in node.value:
            if isinstance(item, tuple):
                _marks(item[0], out)
                _marks(item[1], out)
            else:
                _marks(item, out)
    return out


def _json_texts():
    import json as _json

    from vcc_helpers import cases
    from vcc_helpers.casefile import dumps_case
    texts = [dumps_case(cases.load(n), "json") for n in cases.names()]
    data = {"format": "vcc-case/1", "id": "t", "title": "Zoë \u00e9\u4e2d \\u00e9",
            "components": [], "episodes": [{}], "x-a": [[1, [2.5, True, None]], {}]}
    texts.append(_json.dumps(data))                       # one line
    texts.append(_json.dumps(data, indent="\t"))          # tabs
    texts.append("\n\n  " + _json.dumps(data, indent=3) + "\n\n")
    texts.append('{"a" :1 , "a":[ 1 ,{ "b" : "\\ud800" } ] }')   # repeated key, spaces, surrogate
    return texts


@pytest.mark.parametrize("i", range(len(_json_texts())))
def test_json_positions_found_lazily_are_yaml_s(i):
    from vcc_helpers.casefile.read import compose_json, compose_json_positions
    text = _json_texts()[i]
    fast, slow = compose_json(text, []), compose_json_positions(text, [])
    assert type(fast.start_mark).__name__ == "_LazyMark"
    assert _marks(fast, []) == _marks(slow, [])


def test_a_json_null_with_crlf_line_ends_is_no_case_not_too_deep():
    """The CR route once took json's value None for 'deeper than json can go'."""
    from vcc_helpers.casefile import check_text
    for text in ("null", "null\r\n"):
        _, errors, _ = check_text(text, "x.json", "json")
        assert [str(e) for e in errors] == [
            "x.json:1:1: (top): expected a mapping (the case: format, id, title, ...), "
            "got nothing"]
