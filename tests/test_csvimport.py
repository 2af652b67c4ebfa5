"""Tests of building a case from CSV tables (:mod:`vcc_helpers.csvimport`)."""
from __future__ import annotations

import pytest

from vcc_helpers.casefile import CaseFileError
from vcc_helpers.csvimport import case_from_csv, default_id_and_title

pytestmark = pytest.mark.unit


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def _problems(tmp_path, comps, rels, eps=None):
    c = _write(tmp_path, "c.csv", comps)
    r = _write(tmp_path, "r.csv", rels)
    e = _write(tmp_path, "e.csv", eps) if eps is not None else None
    with pytest.raises(CaseFileError) as info:
        case_from_csv(c, r, e)
    return [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems]


def test_episodes_in_first_seen_order_with_labels_from_the_episodes_table(tmp_path):
    c = _write(tmp_path, "c.csv", "id,label\na,A\nb,B\n")
    r = _write(tmp_path, "r.csv", "id,from,to,does,episode\nr1,a,b,x,night\nr2,b,a,y,day\n"
                                  "r3,a,a,z,night\n")
    e = _write(tmp_path, "e.csv", "id,label,description\nday,By day,\nnight,At night,dark\n"
                                  "dawn,At dawn,\n")
    case, hints = case_from_csv(c, r, e, case_id="t", title="T")
    assert [(x.id, x.label, x.description) for x in case.episodes] == [
        ("night", "At night", "dark"), ("day", "By day", ""), ("dawn", "At dawn", "")]
    # r3 goes from a to a, and no relation happens at dawn: warnings, not hints
    assert [(h.severity, h.code, h.line) for h in hints] == [
        ("warning", "self-relation", 4), ("warning", "unused-episode", 4)]


def test_bom_and_blank_rows_and_padding_are_fine(tmp_path):
    c = _write(tmp_path, "c.csv", "\ufeffid , label\n a , A \n\n,\nb,B\n")
    r = _write(tmp_path, "r.csv", "id,from,to,does\nr1,a,b,x\n")
    case, _ = case_from_csv(c, r)
    assert [(x.id, x.label) for x in case.components] == [("a", "A"), ("b", "B")]
    assert (case.id, case.title) == ("imported-case", "Imported case")


def test_not_utf8_and_missing_files(tmp_path):
    assert _problems(tmp_path, "id,label\na,Caf\xe9\n".encode("latin-1"), "id,from,to,does\n") == [
        "c.csv:2: (file): not UTF-8: byte 0xe9 at offset 14 cannot be decoded (save the file "
        "as UTF-8)"]
    with pytest.raises(CaseFileError) as info:
        case_from_csv(tmp_path / "none.csv", tmp_path / "nor.csv")
    assert str(info.value).splitlines() == [f"{tmp_path / 'none.csv'}: (file): no such file",
                                            f"{tmp_path / 'nor.csv'}: (file): no such file"]


def test_row_problems(tmp_path):
    assert _problems(tmp_path, "id,label\na,A\nb,B,extra\n", "id,from,to,does\n") == [
        "c.csv:3: (row): 3 cells but 2 columns (a comma inside a cell needs quotes)"]
    assert _problems(tmp_path, "", "id,from,to,does\n") == [
        "c.csv:1: (file): the file is empty: it needs a header row (id,label,kinds,description)"]
    assert _problems(tmp_path, "id,id,label\n", "id,from,to,does\n") == [
        "c.csv:1: id: the column 'id' appears twice"]


def test_episode_problems_point_to_the_right_row(tmp_path):
    assert _problems(tmp_path, "id,label\na,A\n",
                     "id,from,to,does,episode\nr1,a,a,x,Night\nr2,a,a,y,a\n",
                     "id,label\nday,\nday,Again\n") == [
        "e.csv:3: id: duplicate episode id 'day' (first at line 2)"]
    assert _problems(tmp_path, "id,label\na,A\n",
                     "id,from,to,does,episode\nr1,a,a,x,Night\nr2,a,a,y,a\n") == [
        "r.csv:2: episode: 'Night' is not a valid id: use lower-case letters, digits and "
        "hyphens, starting with a letter (try 'night')",
        "r.csv:3: episode: 'a' is already a component id; episode ids must differ from "
        "component ids",
        "r.csv:3: episode: unknown episode 'a'",
    ]


def test_default_id_and_title():
    assert default_id_and_title("out/My Case.yaml") == ("my-case", "My Case")
    assert default_id_and_title("___.yaml") == ("imported-case", "Imported case")
