"""Hostile inputs are refused with the right code and position, with bounded work
(asserted by behaviour: caps on what is reported, no expansion; timings live in
bench/bench_hostile.py)."""
from __future__ import annotations

import pytest

from vcc_helpers.casefile import CaseFileError, check_case, loads_data

pytestmark = pytest.mark.unit


def test_many_flow_aliases_are_reported_with_a_cap():
    body = ", ".join(f'"k{i}": *x' for i in range(20000))
    text = '{"format": "vcc-case/1", "id": &x t, "title": "T", "x-a": {' + body + "}}\n"
    _case, errors, _ = check_case(text, filename="c.yaml")
    assert len(errors) == 11
    assert (errors[0].line, errors[0].column, errors[0].field) == (1, 66, "x-a.k0")
    assert errors[-1].message == "19990 more aliases from here on (not listed one by one)"


def test_a_tag_in_an_extension_key_is_refused_too():
    _case, errors, _ = check_case("format: vcc-case/1\nid: t\ntitle: T\nx-a: {b: !!binary eA==}\n",
                                  filename="c.yaml")
    assert [(p.code, p.field, p.line, p.column) for p in errors] == [("tag", "x-a.b", 4, 10)]


def test_merge_keys_are_refused():
    _case, errors, _ = check_case("format: vcc-case/1\nid: t\ntitle: T\n<<: {summary: s}\n",
                                  filename="c.yaml")
    assert [p.code for p in errors] == ["merge-key"]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_nesting_beyond_libyamls_limit_is_refused_with_a_position(fmt):
    text = '{"format": "vcc-case/1", "x": ' + "[" * 5000 + "]" * 5000 + "}"
    _case, errors, _ = check_case(text, filename="c." + fmt)
    assert [p.code for p in errors] == ["too-deep"] and errors[0].column > 1000


def test_loads_data_never_expands_aliases():
    text = "a: &a [" + ", ".join(["x"] * 9) + "]\n" + "".join(
        f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    with pytest.raises(CaseFileError) as info:
        loads_data(text)
    assert {p.code for p in info.value.problems} == {"alias"}
