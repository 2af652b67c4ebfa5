"""Tests of the command line (:mod:`vcc_helpers.cli`): exact output, exit status, and
never a traceback."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from vcc_helpers import cli
from vcc_helpers.casefile import load_case
from vcc_helpers.cli import main

pytestmark = pytest.mark.unit

TEMPLATE = str(files("vcc_helpers") / "cases" / "template.yaml")
ROOT = Path(__file__).resolve().parents[1]

GOOD = """\
format: vcc-case/1
id: t
title: T
components:
  - {id: a, label: Mrs A, kinds: [persn]}
  - {id: b, label: Bed}
relations:
  - {id: r1, from: a, to: b, does: lies on}
"""

BAD = """\
format: vcc-case/1
id: t
title: ''
components:
  - {id: a, label: Mrs A}
relations:
  - {id: r1, from: a, to: bb, does: waits}
"""


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


@pytest.fixture
def files_dir(tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    return tmp_path


# --------------------------------------------------------------------------------------
# validate
# --------------------------------------------------------------------------------------


def test_validate_ok_with_hints_on_stderr(capsys, files_dir):
    good = str(files_dir / "good.yaml")
    assert run(capsys, "validate", good) == (
        0, [f"ok: {good} (2 components, 1 relation, 0 episodes)"],
        [f"hint: {good}:5:35: components[0].kinds[0]: 'persn' is not a suggested kind (did you "
         "mean 'person'?); kept as your own word"])


def test_validate_reports_every_problem_of_every_file(capsys, files_dir):
    good, bad = str(files_dir / "good.yaml"), str(files_dir / "bad.yaml")
    missing = str(files_dir / "missing.yaml")
    code, out, _err = run(capsys, "validate", bad, good, missing)
    assert code == 1
    assert out == [
        f"{bad}:3:8: title: empty: the case needs a non-empty 'title'",
        f"{bad}:7:27: relations[0].to: unknown component 'bb'",
        f"ok: {good} (2 components, 1 relation, 0 episodes)",
        f"{missing}:1:1: (file): no such file",
    ]


def test_validate_the_template(capsys):
    assert run(capsys, "validate", TEMPLATE) == (
        0, [f"ok: {TEMPLATE} (3 components, 2 relations, 1 episode)"], [])


# --------------------------------------------------------------------------------------
# export
# --------------------------------------------------------------------------------------


def _expected_footer(case):
    try:
        from vcc_helpers.lenses.reinterpret import could_not_hold
    except ModuleNotFoundError:
        return None
    return could_not_hold(case)


@pytest.mark.parametrize("to, name", [("yaml", "out.yaml"), ("json", "out.json"),
                                      ("graphml", "out.graphml"), ("gexf", "out.gexf")])
def test_export_writes_and_refuses_to_overwrite(capsys, tmp_path, to, name):
    out = str(tmp_path / name)
    assert run(capsys, "export", TEMPLATE, "--to", to, "-o", out) == (0, [f"wrote {out}"], [])
    first = Path(out).read_bytes()
    assert run(capsys, "export", TEMPLATE, "--to", to, "-o", out) == (
        1, [], [f"error: {out} exists; use --force to replace it"])
    assert Path(out).read_bytes() == first
    assert run(capsys, "export", TEMPLATE, "--to", to, "-o", out, "--force")[0] == 0
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("name, fmt", [("x.graphml", "graphml"), ("x.gexf", "gexf"),
                                       ("x.yml", "yaml"), ("x.JSON", "json")])
def test_export_without_to_takes_the_format_from_the_name(capsys, tmp_path, name, fmt):
    out = tmp_path / name
    assert run(capsys, "export", TEMPLATE, "-o", str(out)) == (0, [f"wrote {out}"], [])
    text = out.read_text(encoding="utf-8")
    if fmt == "graphml":
        import networkx as nx
        assert sorted(nx.read_graphml(out).nodes) == sorted(c.id for c in load_case(TEMPLATE).components)
    elif fmt == "gexf":
        assert "<gexf" in text
    else:
        assert load_case(out) == load_case(TEMPLATE)


def test_export_without_to_refuses_a_name_it_cannot_read(capsys, tmp_path):
    out = tmp_path / "x.csv"
    code, stdout, err = run(capsys, "export", TEMPLATE, "-o", str(out))
    assert (code, stdout) == (1, [])
    assert err == ["error: cannot tell the format from 'x.csv': use a name ending in .gexf, "
                   ".graphml, .json, .yaml, .yml, or choose the format"]
    assert not out.exists()


def test_export_into_a_missing_folder_names_the_target_not_a_temporary_file(capsys, tmp_path):
    out = tmp_path / "nowhere" / "x.graphml"
    code, _, err = run(capsys, "export", TEMPLATE, "-o", str(out))
    assert code == 1
    assert err == [f"error: cannot write {out}: the folder {out.parent} does not exist"]
    assert ".tmp" not in err[0]


def test_export_json_ends_with_what_the_tool_could_not_hold(capsys, tmp_path):
    out = tmp_path / "out.json"
    run(capsys, "export", TEMPLATE, "--to", "json", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    case = load_case(TEMPLATE)
    footer = _expected_footer(case)
    assert data.get("x-could-not-hold") == footer
    assert load_case(out) == case


def test_export_yaml_footer_is_a_comment(capsys, tmp_path):
    out = tmp_path / "out.yaml"
    run(capsys, "export", TEMPLATE, "--to", "yaml", "-o", str(out))
    footer = _expected_footer(load_case(TEMPLATE))
    text = out.read_text(encoding="utf-8")
    if footer is not None:
        assert "\n# What this tool could not hold" in text
    assert load_case(out) == load_case(TEMPLATE)


def test_export_without_the_reinterpret_module_has_no_footer(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "vcc_helpers.lenses.reinterpret", None)
    out = tmp_path / "out.json"
    assert run(capsys, "export", TEMPLATE, "--to", "json", "-o", str(out))[0] == 0
    assert "x-could-not-hold" not in json.loads(out.read_text(encoding="utf-8"))


def test_export_of_a_bad_case_prints_its_problems_and_writes_nothing(capsys, files_dir):
    bad, out = str(files_dir / "bad.yaml"), str(files_dir / "out.json")
    assert run(capsys, "export", bad, "--to", "json", "-o", out) == (1, [], [
        f"{bad}:3:8: title: empty: the case needs a non-empty 'title'",
        f"{bad}:7:27: relations[0].to: unknown component 'bb'"])
    assert not Path(out).exists()


# --------------------------------------------------------------------------------------
# import-csv
# --------------------------------------------------------------------------------------


def _csvs(tmp_path, components, relations, episodes=None):
    (tmp_path / "components.csv").write_text(components, encoding="utf-8")
    (tmp_path / "relations.csv").write_text(relations, encoding="utf-8")
    if episodes is not None:
        (tmp_path / "episodes.csv").write_text(episodes, encoding="utf-8")
    return str(tmp_path / "components.csv"), str(tmp_path / "relations.csv")


COMPONENTS = ("id,label,kinds,description\n"
              "mrs-a,\"Mrs A, 84\",person,\n"
              "key-safe,Key safe,thing; technology,On the wall\n"
              "carer,Carer,person,\n")
RELATIONS = ("id,from,to,does,episode,account,evidence\n"
             "r1,carer,key-safe,opens,home,carer,\n"
             "r2,key-safe,mrs-a,keeps safe,night,,\n"
             "r3,carer,mrs-a,washes,home,mrs-a,her diary\n")


def test_import_csv_builds_a_checked_case(capsys, tmp_path):
    comps, rels = _csvs(tmp_path, COMPONENTS, RELATIONS, "id,label\nnight,At night\nhome,\n")
    out = str(tmp_path / "home-visit.yaml")
    assert run(capsys, "import-csv", comps, rels, "-o", out, "--episodes",
               str(tmp_path / "episodes.csv")) == (
        0, [f"wrote {out} (3 components, 3 relations, 2 episodes)"], [])
    case = load_case(out)
    assert (case.id, case.title) == ("home-visit", "Home visit")
    assert case.component("mrs-a").label == "Mrs A, 84"
    assert case.component("key-safe").kinds == ("thing", "technology")
    assert [(e.id, e.label) for e in case.episodes] == [("home", "home"), ("night", "At night")]
    assert case.relation("r3").evidence == "her diary"
    assert case.relation("r2").account is None


def test_import_csv_names_file_and_row_for_every_problem(capsys, tmp_path):
    comps, rels = _csvs(tmp_path, COMPONENTS.replace("carer,Carer,person,", "Carer,,person,"),
                        RELATIONS.replace("r2,key-safe,mrs-a", "r2,key-safe,mrs-b"))
    out = str(tmp_path / "c.yaml")
    code, stdout, err = run(capsys, "import-csv", comps, rels, "-o", out, "--id", "Bad Id")
    assert code == 1 and stdout == []
    assert err == [
        "(command line): --id: 'Bad Id' is not a valid id: use lower-case letters, digits and "
        "hyphens, starting with a letter (try 'bad-id')",
        f"{comps}:4: id: 'Carer' is not a valid id: use lower-case letters, digits and hyphens, "
        "starting with a letter (try 'carer')",
        f"{comps}:4: label: empty: a component needs a non-empty 'label'",
        f"{rels}:2: from: unknown component 'carer'",
        f"{rels}:3: to: unknown component 'mrs-b' (did you mean 'mrs-a'?)",
        f"{rels}:4: from: unknown component 'carer'",
    ]
    assert not Path(out).exists()


def test_import_csv_checks_the_header(capsys, tmp_path):
    comps, rels = _csvs(tmp_path, "id,lable,kind\na,A,person\n", "id,from,to\n")
    code, _out, err = run(capsys, "import-csv", comps, rels, "-o", str(tmp_path / "c.yaml"))
    assert code == 1
    assert err == [
        f"{comps}:1: lable: unknown column 'lable' (did you mean 'label'?)",
        f"{comps}:1: kind: unknown column 'kind' (did you mean 'kinds'?)",
        f"{comps}:1: label: missing column: the header needs id, label",
        f"{rels}:1: does: missing column: the header needs id, from, to, does",
    ]


def test_import_csv_hints_name_the_row(capsys, tmp_path):
    comps, rels = _csvs(tmp_path, COMPONENTS.replace("thing; technology", "thin"), RELATIONS)
    code, _out, err = run(capsys, "import-csv", comps, rels, "-o", str(tmp_path / "c.yaml"))
    assert code == 0
    assert err == [f"warning: {comps}:3: kinds: 'thin' is not a suggested kind (did you mean "
                   "'thing'?): kept as a new kind, so 'Key safe' is counted as non-human in "
                   "every lens (if it is human, add the kind 'person' or 'collective')"]


def test_import_csv_refuses_an_existing_output(capsys, tmp_path):
    comps, rels = _csvs(tmp_path, COMPONENTS, RELATIONS)
    out = tmp_path / "c.yaml"
    out.write_text("mine")
    assert run(capsys, "import-csv", comps, rels, "-o", str(out)) == (
        1, [], [f"error: {out} exists; use --force to replace it"])
    assert out.read_text() == "mine"
    assert run(capsys, "import-csv", comps, rels, "-o", str(out), "--force")[0] == 0
    assert load_case(out).id == "c"


FIXTURES = ROOT / "tests" / "fixtures" / "csv"
IGNORED_NOTES = ("warning: components.csv:1: Notes: column 'Notes' is ignored: the import "
                 "reads id, label, kinds, description (a column named 'x-...' is ignored "
                 "without this warning)")
SELF_R2 = ("warning: relations.csv:3: to: relation 'r2' goes from 'kettle' to itself: it is "
           "kept, but the figures do not draw it (check 'from' and 'to')")


def test_import_csv_excel_file_every_problem_in_file_order_exit_1(capsys, tmp_path,
                                                                  monkeypatch):
    monkeypatch.chdir(FIXTURES / "excel-utf8-bom-crlf")
    out = str(tmp_path / "c.yaml")
    assert run(capsys, "import-csv", "components.csv", "relations.csv", "--episodes",
               "episodes.csv", "-o", out) == (1, [], [
        IGNORED_NOTES,
        "hint: components.csv:2: kinds: 'Person' read as 'person'",
        "warning: components.csv:3: kinds: 'thing, technology': kinds separated by ',' are "
        "read as 2: 'thing', 'technology' (separate them with ';')",
        "warning: components.csv:5: kinds: 'carer' is not a suggested kind: kept as a new "
        "kind, so 'The carer' is counted as non-human in every lens (if it is human, add "
        "the kind 'person' or 'collective')",
        SELF_R2,
        "relations.csv:3: episode: unknown episode 'first-wek': episodes.csv has no such id "
        "(did you mean 'first-week'?)",
        "warning: episodes.csv:3: id: no relation in relations.csv happens in episode "
        "'later': it is kept as an empty episode",
    ])
    assert not Path(out).exists()


def test_import_csv_semicolon_file_exit_0_with_warnings(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(FIXTURES / "excel-semicolon")
    out = str(tmp_path / "c.yaml")
    semi = ("(file): read as semicolon-separated (the header line has semicolons between "
            "its columns)")
    assert run(capsys, "import-csv", "components.csv", "relations.csv", "--episodes",
               "episodes.csv", "-o", out) == (
        0, [f"wrote {out} (2 components, 2 relations, 2 episodes)"], [
            f"hint: components.csv:1: {semi}",
            IGNORED_NOTES,
            "hint: components.csv:2: kinds: 'Person' read as 'person'",
            f"hint: relations.csv:1: {semi}",
            SELF_R2,
            f"hint: episodes.csv:1: {semi}",
            "warning: episodes.csv:3: id: no relation in relations.csv happens in episode "
            "'evening': it is kept as an empty episode"])
    case = load_case(out)
    assert case.component("mrs-a").kinds == ("person",)
    assert case.component("kettle").kinds == ("thing", "technology")


def test_import_csv_mac_cr_file_header_and_row_problems_together(capsys, tmp_path,
                                                                 monkeypatch):
    monkeypatch.chdir(FIXTURES / "mac-cr")
    assert run(capsys, "import-csv", "components.csv", "relations.csv", "--episodes",
               "episodes.csv", "-o", str(tmp_path / "c.yaml"))[::2] == (1, [
        "components.csv:1: lable: unknown column 'lable' (did you mean 'label'?)",
        IGNORED_NOTES,
        "components.csv:1: label: missing column: the header needs id, label",
        "relations.csv:3: to: unknown component 'mrs-b' (did you mean 'mrs-a'?)",
        "relations.csv:3: episode: unknown episode 'first-wek': episodes.csv has no such id "
        "(did you mean 'first-week'?)"])


def test_python_m_import_csv_tab_file_exit_0(tmp_path):
    out = tmp_path / "c.yaml"
    proc = subprocess.run([sys.executable, "-m", "vcc_helpers", "import-csv", "components.csv",
                           "relations.csv", "-o", str(out)], capture_output=True, text=True,
                          cwd=FIXTURES / "libreoffice-tab", timeout=60,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                               "PYTHONIOENCODING": "utf-8"})
    tab = "(file): read as tab-separated (the header line has tabs between its columns)"
    assert (proc.returncode, proc.stdout) == (
        0, f"wrote {out} (3 components, 2 relations, 1 episode)\n")
    assert proc.stderr.splitlines() == [
        f"hint: components.csv:1: {tab}",
        "hint: components.csv:2: kinds: 'Person' read as 'person'",
        "warning: components.csv:4: kinds: 'thing, technology': kinds separated by ',' are "
        "read as 2: 'thing', 'technology' (separate them with ';')",
        "warning: components.csv:5: kinds: 'Carer' is not a suggested kind: kept as a new "
        "kind, so 'The carer' is counted as non-human in every lens (if it is human, add "
        "the kind 'person' or 'collective')",
        f"hint: relations.csv:1: {tab}",
        "warning: relations.csv:4: to: relation 'r2' goes from 'kettle' to itself: it is "
        "kept, but the figures do not draw it (check 'from' and 'to')"]


def test_python_m_import_csv_excel_file_exit_1_and_help_from_the_schema(tmp_path):
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "vcc_helpers", "import-csv", "components.csv",
                           "relations.csv", "--episodes", "episodes.csv", "-o",
                           str(tmp_path / "c.yaml")], capture_output=True, text=True,
                          cwd=FIXTURES / "excel-utf8-bom-crlf", timeout=60, env=env)
    assert (proc.returncode, proc.stdout) == (1, "")
    assert [ln for ln in proc.stderr.splitlines() if not ln.startswith(("warning:", "hint:"))
            ] == ["relations.csv:3: episode: unknown episode 'first-wek': episodes.csv has no "
                  "such id (did you mean 'first-week'?)"]
    assert len(proc.stderr.splitlines()) == 7
    helptext = " ".join(cli.build_parser()._subparsers._group_actions[0]
                        .choices["import-csv"].description.split())
    assert "components.csv: id,label[,kinds,description] (kinds separated by ';')" in helptext
    assert "episodes.csv (optional): id[,label,description]" in helptext


def test_import_sheet_exit_1_with_errors_0_with_warnings(capsys, tmp_path, monkeypatch):
    from test_csvimport import WORKBOOK, write_workbook

    monkeypatch.chdir(tmp_path)
    write_workbook(tmp_path / "case.xlsx", WORKBOOK)
    assert run(capsys, "import-sheet", "case.xlsx", "-o", "c.yaml")[0::2] == (1, [
        "warning: case.xlsx:Components:1: Notes: column 'Notes' is ignored: the import reads "
        "id, label, kinds, description (a column named 'x-...' is ignored without this "
        "warning)",
        "hint: case.xlsx:Components:2: kinds: 'Person' read as 'person'",
        "warning: case.xlsx:Components:3: kinds: 'thing, technology': kinds separated by ',' "
        "are read as 2: 'thing', 'technology' (separate them with ';')",
        "warning: case.xlsx:relations:3: to: relation 'r2' goes from 'kettle' to itself: it "
        "is kept, but the figures do not draw it (check 'from' and 'to')",
        "case.xlsx:relations:3: episode: unknown episode 'first-wek': the sheet 'Episodes' "
        "has no such id (did you mean 'first-week'?)",
        "warning: case.xlsx:Episodes:3: id: no relation in the sheet 'relations' happens in "
        "episode 'later': it is kept as an empty episode"])
    assert not (tmp_path / "c.yaml").exists()
    write_workbook(tmp_path / "ok.xlsx", [WORKBOOK[0], ("relations", [
        ["id", "from", "to", "does"], ["r1", "mrs-a", "kettle", "fills it"]])])
    code, out, err = run(capsys, "import-sheet", "ok.xlsx", "-o", "c.yaml")
    assert (code, out) == (0, ["wrote c.yaml (3 components, 1 relation, 0 episodes)"])
    assert len(err) == 3 and load_case(tmp_path / "c.yaml").id == "c"


def test_import_sheet_without_openpyxl_says_so(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert run(capsys, "import-sheet", str(tmp_path / "case.xlsx"), "-o",
               str(tmp_path / "c.yaml")) == (
        1, [], ["error: this command needs the module openpyxl, which is not installed"])


# --------------------------------------------------------------------------------------
# describe and draw (they call the describe and figures modules)
# --------------------------------------------------------------------------------------


def test_describe_prints_the_description(capsys):
    describe = pytest.importorskip("vcc_helpers.describe")
    case = load_case(TEMPLATE)
    code, out, err = run(capsys, "describe", TEMPLATE, "--lens", "service")
    assert (code, err) == (0, [])
    assert out == describe.describe_case(case, "service").splitlines()


@pytest.mark.parametrize("lens, suffix, magic", [("service", ".svg", b"<svg"),
                                                 ("assemblage", ".png", b"\x89PNG")])
def test_draw_writes_the_image_and_prints_its_alt_text(capsys, tmp_path, lens, suffix, magic):
    figures = pytest.importorskip("vcc_helpers.figures")
    out = tmp_path / f"fig{suffix}"
    code, stdout, err = run(capsys, "draw", TEMPLATE, "--lens", lens, "-o", str(out))
    assert (code, err) == (0, [])
    assert stdout[0] == f"wrote {out}"
    assert stdout[1] == "alt: " + figures.draw(load_case(TEMPLATE), lens).alt
    assert magic in out.read_bytes()[:400]
    assert run(capsys, "draw", TEMPLATE, "--lens", lens, "-o", str(out)) == (
        1, [], [f"error: {out} exists; use --force to replace it"])


def test_draw_png_size_is_chosen_by_the_caller(capsys, tmp_path):
    out = tmp_path / "fig.png"
    code, _, err = run(capsys, "draw", TEMPLATE, "--lens", "service", "-o", str(out),
                       "--width", "900")
    assert (code, err) == (0, [])
    assert int.from_bytes(out.read_bytes()[16:20], "big") == 900
    code, _, _ = run(capsys, "draw", TEMPLATE, "--lens", "service", "-o", str(out),
                     "--dpi", "96", "--force")
    assert code == 0 and int.from_bytes(out.read_bytes()[16:20], "big") == 672
    code, _, err = run(capsys, "draw", TEMPLATE, "--lens", "service", "-o", str(out),
                       "--width", "5", "--force")
    assert code == 1 and err == ["error: --width must be at least 100 pixels; got 5"]
    svg = str(tmp_path / "fig.svg")
    code, _, err = run(capsys, "draw", TEMPLATE, "--lens", "service", "-o", svg, "--dpi", "90")
    assert code == 1 and "size a PNG" in err[0]


def test_draw_needs_an_image_name(capsys, tmp_path):
    out = str(tmp_path / "fig.gif")
    assert run(capsys, "draw", TEMPLATE, "--lens", "service", "-o", out) == (
        1, [], [f"error: cannot draw to {out}: the name must end in .svg or .png"])


# --------------------------------------------------------------------------------------
# Never a traceback
# --------------------------------------------------------------------------------------


def test_an_unexpected_failure_is_one_line(capsys, monkeypatch):
    def boom(path):
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr(cli, "load_case", boom)
    assert run(capsys, "describe", TEMPLATE) == (
        1, [], ["error: RuntimeError: something broke"])


def test_a_usage_mistake_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["export", TEMPLATE])
    assert info.value.code == 2
    assert "the following arguments are required: -o/--output" in capsys.readouterr().err


def test_python_dash_m_runs_without_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe\x00")
    proc = subprocess.run([sys.executable, "-m", "vcc_helpers", "validate", str(bad)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == (f"{bad}:1:1: (file): the file is UTF-16 (it starts with a UTF-16 "
                           "byte-order mark): save it as UTF-8\n")
    assert "Traceback" not in proc.stderr
