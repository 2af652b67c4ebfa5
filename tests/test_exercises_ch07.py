"""Chapter 7's helpers and answer checks (vcc_helpers.exercises.ch07)."""
import zipfile
from pathlib import Path

import pytest

from vcc_helpers.casefile import check_case, load_case
from vcc_helpers.exercises import ch07
from vcc_helpers.exercises.pages import ch07 as pages07
from vcc_helpers.exercises._common import Feedback
from vcc_helpers.lenses.examples import tiny_case

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "vcc_helpers" / "exercises" / "data" / "ch07"


# -- running the command line ----------------------------------------------------------


def test_run_shows_the_command_and_its_output(tmp_path):
    (tmp_path / "a.yaml").write_text("format: vcc-case/1\nid: a\ntitle: A\n", encoding="utf-8")
    r = ch07.run("validate a.yaml", cwd=tmp_path)
    assert r.ok and r.returncode == 0
    assert r.command == "python -m vcc_helpers validate a.yaml"
    assert str(r) == "$ python -m vcc_helpers validate a.yaml\nok: a.yaml (0 components, 0 relations, 0 episodes)"
    assert r._repr_html_().startswith('<pre class="vcc-command"')


def test_run_reports_a_failure_without_raising(tmp_path):
    r = ch07.Runner(tmp_path)("validate missing.yaml")
    assert r.returncode == 1 and not r.ok
    assert str(r).endswith("(exit status 1)")
    assert "missing.yaml:1:1: (file): no such file" in r.output


def test_run_quotes_arguments_as_a_shell_would(tmp_path):
    r = ch07.run(["validate", "my case.yaml"], cwd=tmp_path)
    assert r.command == "python -m vcc_helpers validate 'my case.yaml'"


def test_in_process_fallback_prints_the_same(tmp_path, monkeypatch):
    (tmp_path / "b.yaml").write_text(ch07.BROKEN_CASE, encoding="utf-8")
    spawned = ch07.run("validate b.yaml", cwd=tmp_path)
    monkeypatch.setattr(pages07, "_can_spawn", lambda: False)
    here = Path.cwd()
    inproc = ch07.run("validate b.yaml", cwd=tmp_path)
    assert Path.cwd() == here                    # the folder is restored
    assert (inproc.returncode, inproc.stdout, inproc.stderr) == \
        (spawned.returncode, spawned.stdout, spawned.stderr)
    assert ch07.run("--help").returncode == 0    # argparse's SystemExit is caught
    assert ch07.run("no-such-command").returncode == 2


def test_head_cuts_long_output():
    r = ch07.CommandResult("python -m vcc_helpers x", 0, "\n".join(map(str, range(10))) + "\n", "")
    assert str(r.head(3)).splitlines() == ["$ python -m vcc_helpers x", "0", "1", "2",
                                            "[... 7 more lines]"]
    assert r.head(20) is r


# -- files that are never overwritten --------------------------------------------------


def test_work_folder_is_my_work_next_to_the_notebook_and_kept(tmp_path, monkeypatch):
    """chapters/my-work/ when the kernel runs in chapters/: visible, kept, the builder's too."""
    monkeypatch.delenv(ch07.WORK_DIR_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    a = ch07.work_folder()
    assert a == tmp_path / "my-work" and a.is_dir()
    (a / "mine.yaml").write_text("x")
    assert ch07.work_folder() == a and (a / "mine.yaml").read_text() == "x"  # kept between runs
    monkeypatch.setenv(ch07.WORK_DIR_ENV, str(tmp_path / "build-work"))
    assert ch07.work_folder() == tmp_path / "build-work"


def test_scratch_folder_is_fresh():
    a, b = ch07.scratch_folder(), ch07.scratch_folder()
    assert a != b and a.is_dir() and not any(a.iterdir())


def test_work_folder_is_yours_when_named(tmp_path):
    mine = ch07.work_folder(tmp_path / "_work" / "deep")
    assert mine.is_dir() and mine == tmp_path / "_work" / "deep"


def test_write_new_never_overwrites(tmp_path):
    p = tmp_path / "x.txt"
    assert ch07.write_new(p, "one").written
    note = ch07.write_new(p, "two")
    assert not note.written and "kept it as it is" in str(note)
    assert p.read_text() == "one"


def test_copy_template_copies_the_package_template(tmp_path):
    from importlib.resources import files

    note = ch07.copy_template(tmp_path / "my-case.yaml")
    assert str(note) == "copied the blank template to my-case.yaml"
    assert (tmp_path / "my-case.yaml").read_text(encoding="utf-8") == \
        (files("vcc_helpers") / "cases" / "template.yaml").read_text(encoding="utf-8")
    assert not ch07.copy_template(tmp_path / "my-case.yaml").written


def test_example_csvs_are_the_package_files_only():
    # one copy: the package's data folder (the book has no chapters/data copy to keep in step)
    assert not (ROOT / "chapters" / "data").exists()
    assert sorted(ch07.EXAMPLE_CSVS) == sorted(p.name for p in DATA.glob("*.csv"))
    for name, text in ch07.EXAMPLE_CSVS.items():
        assert (DATA / name).read_text(encoding="utf-8") == text, name


def test_example_csvs_copy_and_keep(tmp_path):
    assert str(ch07.example_csvs(tmp_path / "a")) == \
        "copied my-components.csv, my-relations.csv and my-episodes.csv"
    again = ch07.example_csvs(tmp_path / "a")
    assert not again.written and "kept the existing" in str(again)
    assert (tmp_path / "a" / "my-relations.csv").read_text(encoding="utf-8") == \
        (DATA / "my-relations.csv").read_text(encoding="utf-8")


def test_readings_block_and_broken_case_are_package_files():
    assert ch07.READINGS_BLOCK == (DATA / "readings.yaml").read_text(encoding="utf-8")
    assert ch07.BROKEN_CASE == ch07.broken_case() == \
        (DATA / "broken.yaml").read_text(encoding="utf-8")
    assert ch07.BROKEN_CASE.startswith("# A small case with four mistakes")


def test_csv_and_columns_tables(tmp_path):
    ch07.example_csvs(tmp_path)
    t = ch07.csv_table(tmp_path / "my-components.csv")
    assert t.header == ("id", "label", "kinds", "description") and len(t) == 13
    assert t.rows[0][:3] == ("tenant", "Ms K, the tenant", "person")
    assert ch07.columns_table().rows == (
        ("components", "id, label", "kinds, description"),
        ("relations", "id, from, to, does", "episode, account, evidence"),
        ("episodes", "id", "label, description"))


def test_numbered_and_tail(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text("a: 1\nb: 2\nc: 3\n", encoding="utf-8")
    assert str(ch07.numbered(p)) == " 1 | a: 1\n 2 | b: 2\n 3 | c: 3"
    assert str(ch07.numbered(str(p), first=2, last=2)) == " 2 | b: 2"
    assert str(ch07.tail(p, 1)) == " 3 | c: 3"


def test_add_readings_makes_a_valid_case_from_the_imported_csvs(tmp_path):
    ch07.example_csvs(tmp_path)
    r = ch07.run("import-csv my-components.csv my-relations.csv --episodes my-episodes.csv "
                 "--id damp-flat -o imported.yaml", cwd=tmp_path)
    assert r.ok, r.output
    note = ch07.add_readings(tmp_path / "imported.yaml", tmp_path / "damp-flat.yaml")
    assert note.written
    case, errors, hints = check_case(tmp_path / "damp-flat.yaml")
    assert errors == [] and hints == []
    assert case.service is not None and case.assemblage is not None
    assert not ch07.add_readings(tmp_path / "imported.yaml", tmp_path / "damp-flat.yaml").written


def test_questions_table_lists_both_lenses():
    from vcc_helpers.lenses import assemblage, service

    t = ch07.questions_table()
    assert len(t) == len(service.QUESTIONS) + len(assemblage.QUESTIONS)
    assert t.rows[-1] == ("Assemblage", str(len(assemblage.QUESTIONS)), assemblage.QUESTIONS[-1])


# -- the broken example and its checks -------------------------------------------------


def test_the_broken_example_fails_where_the_chapter_says():
    errors, hints = ch07.broken_problems()
    # the chapter's prose names lines 6, 8, 13 and 18 (line 7 is the missing label of line 8)
    assert [e.line for e in errors] == [6, 7, 8, 13, 18]
    assert [e.field for e in errors][2:] == ["components[1].lable", "relations[1].to",
                                             "readings.service.interactions.r1.sphere"]
    assert [(h.line, h.field) for h in hints] == [(9, "components[1].kinds[0]")]
    assert ch07.ERROR_LINE == ("broken.yaml:13:31: relations[1].to: unknown component 'tennant' "
                               "(did you mean 'tenant'?)")
    assert ch07.ERROR_PARTS == {"file": "broken.yaml", "line": 13, "column": 31,
                                "field": "relations[1].to", "relation_number": 2}


def test_the_fixed_example_is_clean():
    case, errors, hints = check_case(ch07.FIXED_CASE, filename="fixed.yaml")
    assert errors == [] and hints == []


def test_check_fixed_right_and_from_a_file(tmp_path):
    assert ch07.check_fixed(ch07.FIXED_CASE).correct
    p = tmp_path / "broken.yaml"
    p.write_text(ch07.FIXED_CASE, encoding="utf-8")
    assert ch07.check_fixed(p).correct and ch07.check_fixed(str(p)).correct


def test_check_fixed_keeps_a_remaining_hint_as_a_note():
    f = ch07.check_fixed(ch07.FIXED_CASE.replace("kinds: [thing]", "kinds: [thin]"))
    assert f.correct and f.hints[0].startswith("A hint remains (not an error):")


def test_check_fixed_not_yet():
    f = ch07.check_fixed(ch07.BROKEN_CASE)
    assert not f.correct and f.message.startswith("Not yet: the validator still finds 5 problems")
    assert len(f.hints) == 4
    assert not ch07.check_fixed("").correct and not ch07.check_fixed(None).correct


def test_check_fixed_refuses_deleting_instead_of_fixing():
    f = ch07.check_fixed(ch07.FIXED_CASE.replace("  - {id: r2", "  # - {id: r2"))
    assert not f.correct
    assert f.hints == ("the relation r2 is missing: give it the right 'to' instead of removing it.",)


@pytest.mark.parametrize("old, new, note", [
    ('label: "Ms K, the tenant"', "label: Ms K", "put it in quotes"),
    ("sphere: user", "sphere: joint", "calls the user sphere"),
    ("from: mould, to: tenant", "from: mould, to: form", "r2 should still go"),
])
def test_check_fixed_notices_a_fix_that_changes_the_meaning(old, new, note):
    f = ch07.check_fixed(ch07.FIXED_CASE.replace(old, new))
    assert not f.correct and "no longer says what the broken file meant" in f.message
    assert any(note in h for h in f.hints)


def test_check_error_parts():
    assert ch07.check_error_parts(ch07.ERROR_PARTS).correct
    assert ch07.check_error_parts({k: str(v) for k, v in ch07.ERROR_PARTS.items()}).correct
    f = ch07.check_error_parts(dict(ch07.ERROR_PARTS, relation_number=1, column=13))
    assert f.message == "Not yet: 3 of the 5 parts are right."
    assert f.hints[0] == "column: the third part, a number."
    assert f.hints[1].startswith("relation_number: lists in a field count from 0")
    assert not ch07.check_error_parts({}).correct and not ch07.check_error_parts("13").correct


def test_check_plain_words():
    assert ch07.check_plain_words(ch07.PLAIN_ANSWER).correct
    f = ch07.check_plain_words(ch07.LADEN)
    assert f.message == "Not yet: 0 of the 3 say what happens in plain words."
    assert f.hints[0].startswith("a: 'co-creat' is a word of the service lens")
    assert f.hints[1].startswith("b: 'territor' is a word of the assemblage lens")
    f = ch07.check_plain_words({"a": "visits", "b": "", "c": ch07.PLAIN_ANSWER["c"]})
    assert f.hints == ("a: say a little more: what is done, and to whom or what?", "b: missing.")
    assert not ch07.check_plain_words(None).correct


def test_check_description_on_a_thin_and_a_full_case(tmp_path):
    f = ch07.check_description(tiny_case())
    assert not f.correct and f.message.startswith("Worth another look:")
    assert f.hints[0] == ("6 of the 7 relations do not say whose account they are "
                          "(r2, r3, r4, r5, r6 and r7): add 'account' to each.")
    ch07.example_csvs(tmp_path)
    ch07.run("import-csv my-components.csv my-relations.csv --episodes my-episodes.csv "
             "-o imported.yaml", cwd=tmp_path)
    f = ch07.check_description(load_case(tmp_path / "imported.yaml"))
    assert f.correct
    assert f.message.startswith("Ready for the readings: 13 components of 10 kinds (9 of them not "
                                "people), 12 relations each with its account, 4 episodes")


def test_check_description_flags_lens_words():
    from dataclasses import replace

    c = tiny_case()
    rels = tuple(replace(r, does="co-creates value with her", account="mrs-a") if r.id == "r2"
                 else replace(r, account="mrs-a") for r in c.relations)
    f = ch07.check_description(replace(c, relations=rels))
    assert any(h.startswith("r2 says 'co-creates value with her': 'co-creat' is a word of the "
                            "lenses") for h in f.hints)
    assert not ch07.check_description("my-case.yaml").correct


# -- reflection and hand-in ------------------------------------------------------------


def test_reflection_skeleton_ends_with_what_the_tool_could_not_hold():
    text = ch07.reflection_skeleton(tiny_case())
    heads = [ln for ln in text.splitlines() if ln.startswith("## ")]
    assert heads == ["## 1. The case, and why this boundary", "## 2. What service logic sees",
                     "## 3. What the logic of assemblage sees", "## 4. The residue, both ways",
                     "## 5. What the tool could not hold"]
    assert text.rstrip().endswith("```")
    assert "What this tool could not hold" in text.split("## 5.")[1]


def _handin(folder: Path, *, case_text=None, figures=2, reflection="r.md",
            reflection_text=None) -> Path:
    (folder / "case.yaml").write_text(case_text or ch07.FIXED_CASE, encoding="utf-8")
    files = [folder / "case.yaml"]
    for i in range(figures):
        (folder / f"fig{i}.svg").write_text("<svg/>", encoding="utf-8")
        files.append(folder / f"fig{i}.svg")
    if reflection:
        (folder / reflection).write_text(
            reflection_text or "# R\n\n## What this tool could not hold\n\nMuch.\n", encoding="utf-8")
        files.append(folder / reflection)
    z = folder / "hand-in.zip"
    assert ch07.pack(z, *files).written
    return z


def test_pack_refuses_to_overwrite_and_reports_missing_files(tmp_path):
    z = _handin(tmp_path)
    assert not ch07.pack(z, tmp_path / "case.yaml").written
    note = ch07.pack(tmp_path / "other.zip", tmp_path / "nope.svg")
    assert not note.written and str(note) == "not packed: no file called nope.svg"
    with zipfile.ZipFile(z) as zf:
        assert sorted(zf.namelist()) == ["case.yaml", "fig0.svg", "fig1.svg", "r.md"]


def test_check_handin_complete_but_for_one_reading(tmp_path):
    f = ch07.check_handin(_handin(tmp_path))
    # FIXED_CASE has a service reading only
    assert not f.correct and f.hints == ("case.yaml has no assemblage reading.",)


def test_check_handin_right(tmp_path):
    from vcc_helpers import cases

    text = cases.path("gp-appointment").read_text(encoding="utf-8")
    f = ch07.check_handin(_handin(tmp_path, case_text=text))
    assert f.correct
    assert f.hints == ("r.md has about 8 words of your own (not counting quoted blocks); if your "
                       "course asks for a length, check it.",)


def test_check_handin_not_yet(tmp_path):
    from vcc_helpers import cases

    good = cases.path("gp-appointment").read_text(encoding="utf-8")
    a = tmp_path / "a"
    a.mkdir()
    f = ch07.check_handin(_handin(a, case_text=good, figures=1, reflection_text="# R\n\nText.\n"))
    assert f.message == "Not yet: 2 things to put right in hand-in.zip."
    assert f.hints == ("1 figure: hand in two, the sphere diagram and the assemblage map "
                       "(python -m vcc_helpers draw).",
                       "r.md has no section on what the tool could not hold.")
    b = tmp_path / "b"
    b.mkdir()
    f = ch07.check_handin(_handin(b, case_text=ch07.BROKEN_CASE, reflection=None))
    assert f.hints[0].startswith("case.yaml does not validate: case.yaml:6:31:")
    assert f.hints[-1] == "No reflection (.md, .txt, .docx, .odt or .pdf)."
    (tmp_path / "not.zip").write_text("plain text")
    assert "not a zip file" in ch07.check_handin(tmp_path / "not.zip").message
    assert "no file called" in ch07.check_handin(tmp_path / "none.zip").message
    assert not ch07.check_handin(None).correct


def test_a_pdf_reflection_is_accepted(tmp_path):
    from vcc_helpers import cases

    good = cases.path("gp-appointment").read_text(encoding="utf-8")
    z = _handin(tmp_path, case_text=good, reflection="reflection.pdf", reflection_text="%PDF")
    assert ch07.check_handin(z).correct


def test_every_check_returns_feedback_for_odd_answers():
    for check in (ch07.check_fixed, ch07.check_error_parts, ch07.check_plain_words,
                  ch07.check_description, ch07.check_handin):
        for odd in (None, 0, "", [], {}, object()):
            assert isinstance(check(odd), Feedback)
