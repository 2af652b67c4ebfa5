"""Tests of building a case from CSV tables (:mod:`vcc_helpers.csvimport`)."""
from __future__ import annotations

from pathlib import Path

import pytest

from vcc_helpers.casefile import CaseFileError
from vcc_helpers.csvimport import (COLUMNS, REQUIRED_COLUMNS, CsvImportError, _delimiter,
                                   check_workbook,
                                   case_from_csv, check_csv, csv_columns, default_id_and_title)
from vcc_helpers.schema_doc import load_schema

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
    case, notes = case_from_csv(c, r, e, case_id="t", title="T")
    assert [(x.id, x.label, x.description) for x in case.episodes] == [
        ("night", "At night", "dark"), ("day", "By day", ""), ("dawn", "At dawn", "")]
    assert [(p.severity, str(p).replace(str(tmp_path) + "/", "")) for p in notes] == [
        ("warning", "r.csv:4: to: relation 'r3' goes from 'a' to itself: it is kept, but the "
                    "figures do not draw it (check 'from' and 'to')"),
        ("warning", "e.csv:4: id: no relation in r.csv happens in episode 'dawn': it is kept "
                    "as an empty episode")]


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
        "r.csv:2: episode: unknown episode 'Night': e.csv has no such id",
        "r.csv:3: episode: unknown episode 'a': e.csv has no such id",
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


# --------------------------------------------------------------------------------------
# Files as Excel and LibreOffice write them (tests/fixtures/csv/README.md)
# --------------------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "csv"

NOTES_COLUMN = ("components.csv:1: Notes: column 'Notes' is ignored: the import reads id, "
                "label, kinds, description (a column named 'x-...' is ignored without this "
                "warning)")


def _fixture(folder):
    d = FIXTURES / folder
    e = d / "episodes.csv"
    case, errors, notes = check_csv(d / "components.csv", d / "relations.csv",
                                    e if e.exists() else None)
    cut = str(d) + "/"
    return (case, [str(p).replace(cut, "") for p in errors],
            [f"{p.severity}: {str(p).replace(cut, '')}" for p in notes])


def test_the_fixtures_keep_the_bytes_the_programs_write():
    def raw(folder, name):
        return (FIXTURES / folder / name).read_bytes()

    for name in ("components.csv", "relations.csv", "episodes.csv"):
        excel = raw("excel-utf8-bom-crlf", name)
        assert excel.startswith(b"\xef\xbb\xbf") and excel.count(b"\n") == excel.count(
            b"\r\n") + (name == "components.csv")  # one bare LF: the line break in a cell
        assert raw("excel-semicolon", name).startswith(b"\xef\xbb\xbfid;")
        assert b"\n" not in raw("mac-cr", name) and b"\r" in raw("mac-cr", name)
    assert b"\t" in raw("libreoffice-tab", "components.csv")
    assert b"\r" not in raw("libreoffice-tab", "relations.csv")


def test_excel_utf8_with_every_mistake_of_the_issue():
    case, errors, notes = _fixture("excel-utf8-bom-crlf")
    assert case is None
    assert errors == [
        "relations.csv:3: episode: unknown episode 'first-wek': episodes.csv has no such id "
        "(did you mean 'first-week'?)"]
    assert notes == [
        f"warning: {NOTES_COLUMN}",
        "hint: components.csv:2: kinds: 'Person' read as 'person'",
        "warning: components.csv:3: kinds: 'thing, technology': kinds separated by ',' are "
        "read as 2: 'thing', 'technology' (separate them with ';')",
        "warning: components.csv:5: kinds: 'carer' is not a suggested kind: kept as a new "
        "kind, so 'The carer' is counted as non-human in every lens (if it is human, add "
        "the kind 'person' or 'collective')",
        "warning: relations.csv:3: to: relation 'r2' goes from 'kettle' to itself: it is "
        "kept, but the figures do not draw it (check 'from' and 'to')",
        "warning: episodes.csv:3: id: no relation in relations.csv happens in episode "
        "'later': it is kept as an empty episode",
    ]


def test_excel_semicolon_is_read_and_named():
    case, errors, notes = _fixture("excel-semicolon")
    semi = ("(file): read as semicolon-separated (the header line has semicolons between "
            "its columns)")
    assert errors == []
    assert notes == [
        f"hint: components.csv:1: {semi}",
        f"warning: {NOTES_COLUMN}",
        "hint: components.csv:2: kinds: 'Person' read as 'person'",
        f"hint: relations.csv:1: {semi}",
        "warning: relations.csv:3: to: relation 'r2' goes from 'kettle' to itself: it is "
        "kept, but the figures do not draw it (check 'from' and 'to')",
        f"hint: episodes.csv:1: {semi}",
        "warning: episodes.csv:3: id: no relation in relations.csv happens in episode "
        "'evening': it is kept as an empty episode",
    ]
    assert [(c.id, c.label, c.kinds) for c in case.components] == [
        ("mrs-a", "Mrs A, 84", ("person",)), ("kettle", "The kettle", ("thing", "technology"))]
    assert [e.id for e in case.episodes] == ["morning", "evening"]


def test_libreoffice_tabs_and_line_breaks_in_cells():
    case, errors, notes = _fixture("libreoffice-tab")
    tab = "(file): read as tab-separated (the header line has tabs between its columns)"
    assert errors == []
    assert notes == [
        f"hint: components.csv:1: {tab}",
        "hint: components.csv:2: kinds: 'Person' read as 'person'",
        "warning: components.csv:4: kinds: 'thing, technology': kinds separated by ',' are "
        "read as 2: 'thing', 'technology' (separate them with ';')",
        "warning: components.csv:5: kinds: 'Carer' is not a suggested kind: kept as a new "
        "kind, so 'The carer' is counted as non-human in every lens (if it is human, add "
        "the kind 'person' or 'collective')",
        f"hint: relations.csv:1: {tab}",
        "warning: relations.csv:4: to: relation 'r2' goes from 'kettle' to itself: it is "
        "kept, but the figures do not draw it (check 'from' and 'to')",
    ]
    assert case.component("mrs-a").description == "Lives alone;\nlikes her tea strong"
    assert case.component("kettle").kinds == ("thing", "technology")
    assert case.component("carer").kinds == ("Carer",)
    assert case.relation("r1").evidence == "her diary,\npage 3"
    assert [e.id for e in case.episodes] == ["morning"]


def test_mac_cr_every_problem_of_every_row_in_one_pass():
    case, errors, notes = _fixture("mac-cr")
    assert case is None
    assert errors == [
        "components.csv:1: lable: unknown column 'lable' (did you mean 'label'?)",
        "components.csv:1: label: missing column: the header needs id, label",
        "relations.csv:3: to: unknown component 'mrs-b' (did you mean 'mrs-a'?)",
        "relations.csv:3: episode: unknown episode 'first-wek': episodes.csv has no such id "
        "(did you mean 'first-week'?)",
    ]
    assert notes == [f"warning: {NOTES_COLUMN}"]


# --------------------------------------------------------------------------------------
# One rule at a time
# --------------------------------------------------------------------------------------


def _check(tmp_path, comps, rels, eps=None):
    c = _write(tmp_path, "c.csv", comps)
    r = _write(tmp_path, "r.csv", rels)
    e = _write(tmp_path, "e.csv", eps) if eps is not None else None
    case, errors, notes = check_csv(c, r, e)
    cut = str(tmp_path) + "/"
    return case, [f"{p.severity}: {str(p).replace(cut, '')}" for p in errors + notes]


def test_columns_come_from_the_schema():
    assert COLUMNS == {
        "components": ("id", "label", "kinds", "description"),
        "relations": ("id", "from", "to", "does", "episode", "account", "evidence"),
        "episodes": ("id", "label", "description")}
    assert REQUIRED_COLUMNS == {"components": ("id", "label"),
                                "relations": ("id", "from", "to", "does"),
                                "episodes": ("id",)}
    schema = load_schema()
    schema["$defs"]["relation"]["properties"]["place"] = {"type": "string",
                                                         "description": "Where."}
    schema["$defs"]["component"]["required"].append("description")
    cols = csv_columns(schema)
    assert [c.name for c in cols["relations"]][-1] == "place"
    assert [c.name for c in cols["components"] if c.required] == ["id", "label", "description"]
    assert [c.name for c in cols["components"] if c.is_list] == ["kinds"]


def test_delimiter_is_read_from_the_header_line():
    assert _delimiter("id,label,kinds") == ","
    assert _delimiter("id;label;kinds") == ";"
    assert _delimiter("id\tlabel") == "\t"
    assert _delimiter('id;label;"a,b,c"') == ";"   # commas inside quotes do not count
    assert _delimiter("id") == ","
    assert _delimiter("id;label,kinds") == ","      # a tie: comma


def test_headers_in_any_case_and_x_columns_kept_quiet(tmp_path):
    case, lines = _check(tmp_path, "ID,LABEL,x-notes,KINDS\na,A,mine,person\n",
                         "Id,From,To,Does\nr1,a,a,x\n")
    assert [(c.id, c.label, c.kinds) for c in case.components] == [("a", "A", ("person",))]
    assert lines == ["warning: r.csv:2: to: relation 'r1' goes from 'a' to itself: it is "
                     "kept, but the figures do not draw it (check 'from' and 'to')"]


def test_a_near_miss_of_a_column_already_there_is_an_extra_column(tmp_path):
    # 'notes' is close to 'does', but relations.csv has 'does' already
    case, lines = _check(tmp_path, "id,label\na,A\n", "id,from,to,does,notes\nr1,a,b,x,y\n"
                         .replace("r1,a,b", "r1,a,a"))
    assert lines[0] == ("warning: r.csv:1: notes: column 'notes' is ignored: the import reads "
                        "id, from, to, does, episode, account, evidence (a column named "
                        "'x-...' is ignored without this warning)")


def test_a_column_without_a_name_is_silent_unless_it_holds_data(tmp_path):
    case, lines = _check(tmp_path, "id,label,,\na,A,,\n", "id,from,to,does\n")
    assert case is not None and lines == []
    case, lines = _check(tmp_path, "id,label,\na,A,oops\n", "id,from,to,does\n")
    assert lines == ["warning: c.csv:1: (header): a column with no name in the header holds "
                     "data: ignored (give it a name)"]


def test_kinds_new_composite_and_human(tmp_path):
    _case, lines = _check(tmp_path, "id,label,kinds\na,A,organisation;volunteers\n"
                          "b,B,person;carer\nc,C,persn\n", "id,from,to,does\n")
    assert lines == [
        "warning: c.csv:2: kinds: 'volunteers' is not a suggested kind: kept as a new kind, "
        "so 'A' is counted as a composite (not human) in every lens",
        "warning: c.csv:3: kinds: 'carer' is not a suggested kind: kept as a new kind, so "
        "'B' is counted as human in every lens",
        "warning: c.csv:4: kinds: 'persn' is not a suggested kind (did you mean 'person'?): "
        "kept as a new kind, so 'C' is counted as non-human in every lens (if it is human, "
        "add the kind 'person' or 'collective')",
    ]


def test_semicolons_in_a_semicolon_file_need_quotes(tmp_path):
    _case, lines = _check(tmp_path, "id;label;kinds\na;A;thing;money\n", "id,from,to,does\n")
    assert lines[0] == "error: c.csv:2: (row): 4 cells but 3 columns (a semicolon inside a " \
                       "cell needs quotes)"


def test_without_an_id_column_only_the_header_is_reported(tmp_path):
    case, lines = _check(tmp_path, "name,label\na,A\n", "id,from,to,does\nr1,a,b,x\n")
    assert case is None
    assert lines == ["error: c.csv:1: id: missing column: the header needs id, label",
                     "warning: c.csv:1: name: column 'name' is ignored: the import reads id, "
                     "label, kinds, description (a column named 'x-...' is ignored without "
                     "this warning)"]


def test_a_missing_optional_column_is_no_problem_and_a_missing_required_one_is_said_once(
        tmp_path):
    case, lines = _check(tmp_path, "id\na\nb\n", "id,from,to,does\nr1,a,b,x\nr2,b,zz,y\n")
    assert case is None
    assert lines == ["error: c.csv:1: label: missing column: the header needs id, label",
                     "error: r.csv:3: to: unknown component 'zz'"]


def test_case_from_csv_raises_with_the_notes_of_the_same_pass(tmp_path):
    c = _write(tmp_path, "c.csv", "id,label,kinds\na,A,Person\n")
    r = _write(tmp_path, "r.csv", "id,from,to,does\nr1,a,b,x\n")
    with pytest.raises(CsvImportError) as info:
        case_from_csv(c, r)
    assert isinstance(info.value, CaseFileError)
    assert [p.severity for p in info.value.problems] == ["error"]
    assert [(p.severity, p.code) for p in info.value.notes] == [("hint", "kind-case")]


def test_an_unreadable_episodes_file_is_one_problem_not_one_per_relation(tmp_path):
    case, lines = _check(tmp_path, "id,label\na,A\n", "id,from,to,does,episode\nr1,a,a,x,day\n"
                         "r2,a,a,y,day\n", "name,label\nday,Day\n")
    assert case is None
    assert [ln for ln in lines if ln.startswith("error")] == [
        "error: e.csv:1: id: missing column: the header needs id"]


# --------------------------------------------------------------------------------------
# An .xlsx workbook (openpyxl)
# --------------------------------------------------------------------------------------


def write_workbook(path, sheets):
    """A workbook with one sheet per (title, rows), as openpyxl writes it."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


WORKBOOK = [
    ("Components", [["Id", "Label", "Kinds", "Notes"], ["mrs-a", "Mrs A, 84", "Person", "x"],
                    ["kettle", "The kettle", "thing, technology", None],
                    [None, None, None, None], ["rota", 2024, "time", None]]),
    ("relations", [["ID", "From", "To", "Does", "Episode"],
                   ["r1", "mrs-a", "kettle", "fills it", "first-week"],
                   ["r2", "kettle", "kettle", "switches itself off", "first-wek"]]),
    ("Episodes", [["id", "label"], ["first-week", "The first week"], ["later", 3.0]]),
    ("Sheet9", [["anything"]]),
]


def test_a_workbook_is_read_sheet_by_sheet_with_the_same_rules(tmp_path):
    book = write_workbook(tmp_path / "case.xlsx", WORKBOOK)
    case, errors, notes = check_workbook(book)
    cut = str(tmp_path) + "/"
    assert case is None
    assert [str(p).replace(cut, "") for p in errors] == [
        "case.xlsx:relations:3: episode: unknown episode 'first-wek': the sheet 'Episodes' "
        "has no such id (did you mean 'first-week'?)"]
    assert [f"{p.severity}: {str(p).replace(cut, '')}" for p in notes] == [
        "warning: case.xlsx:Components:1: Notes: column 'Notes' is ignored: the import reads "
        "id, label, kinds, description (a column named 'x-...' is ignored without this "
        "warning)",
        "hint: case.xlsx:Components:2: kinds: 'Person' read as 'person'",
        "warning: case.xlsx:Components:3: kinds: 'thing, technology': kinds separated by ',' "
        "are read as 2: 'thing', 'technology' (separate them with ';')",
        "warning: case.xlsx:relations:3: to: relation 'r2' goes from 'kettle' to itself: it "
        "is kept, but the figures do not draw it (check 'from' and 'to')",
        "warning: case.xlsx:Episodes:3: id: no relation in the sheet 'relations' happens in "
        "episode 'later': it is kept as an empty episode"]
    fixed = [(t, [[("first-week" if c == "first-wek" else c) for c in r] for r in rows])
             for t, rows in WORKBOOK]
    case, errors, _notes = check_workbook(write_workbook(tmp_path / "fixed.xlsx", fixed))
    assert errors == []
    assert [(c.id, c.label, c.kinds) for c in case.components] == [
        ("mrs-a", "Mrs A, 84", ("person",)), ("kettle", "The kettle", ("thing", "technology")),
        ("rota", "2024", ("time",))]
    assert [(e.id, e.label) for e in case.episodes] == [("first-week", "The first week"),
                                                        ("later", "3")]


def test_a_workbook_without_its_sheets_or_not_a_workbook(tmp_path):
    book = write_workbook(tmp_path / "b.xlsx", [("Sheet1", [["id"]])])
    assert [str(p).replace(str(tmp_path) + "/", "") for p in check_workbook(book)[1]] == [
        "b.xlsx: (file): no sheet named 'components' (the workbook has 'Sheet1')",
        "b.xlsx: (file): no sheet named 'relations' (the workbook has 'Sheet1')"]
    (tmp_path / "c.xlsx").write_text("id,label\n")
    assert [p.message for p in check_workbook(tmp_path / "c.xlsx")[1]] == [
        "cannot read it as an .xlsx workbook (BadZipFile): save it from the spreadsheet "
        "program as an Excel workbook (.xlsx)"]
    assert [p.message for p in check_workbook(tmp_path / "none.xlsx")[1]] == ["no such file"]


def test_cells_in_messages_are_data_not_terminal_controls(tmp_path):
    _case, lines = _check(tmp_path, 'id,label,kinds\na,"A\x1b[31m",\x1b[2Jwipe\n',
                          "id,from,to,does\n")
    # control characters are refused by the case-file validator (a label is data), and
    # every message shows them escaped
    assert lines[:2] == [
        "error: c.csv:2: label: contains a control character (U+001B) at character 2: labels "
        "are data, remove it",
        "error: c.csv:2: kinds: contains a control character (U+001B) at character 1: labels "
        "are data, remove it"]
    assert lines[2:] == ["warning: c.csv:2: kinds: '\\x1b[2Jwipe' is not a suggested kind: kept "
                     "as a new kind, so 'A\\x1b[31m' is counted as non-human in every lens "
                     "(if it is human, add the kind 'person' or 'collective')"]
    assert "\x1b" not in "".join(lines)


def test_a_typo_in_an_episodes_csv_id_is_an_error_not_an_extra_episode(tmp_path):
    case, lines = _check(tmp_path, "id,label\na,A\nb,B\n",
                         "id,from,to,does,episode\nr1,a,b,x,first-week\nr2,b,a,y,first-week\n",
                         "id,label\nfirst-wek,The first week\n")
    assert case is None
    assert lines == [
        "error: r.csv:2: episode: unknown episode 'first-week': e.csv has no such id (did you "
        "mean 'first-wek'?)",
        "error: r.csv:3: episode: unknown episode 'first-week': e.csv has no such id (did you "
        "mean 'first-wek'?)",
        "warning: e.csv:2: id: no relation in r.csv happens in episode 'first-wek': it is kept "
        "as an empty episode"]
