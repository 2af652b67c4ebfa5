"""Chapter 6 reads true for any case: every bundled case, and cases made to lack things.

The chapter is executed with nbclient (as the build does) with ``VCC_WORKED_EXAMPLE``
pointing at each case, and what it says is checked against the case file: the
provenance is the file's own, no sentence presumes what the file does not hold
(an aggregating affect, a capture, an account for every relation, a relation in no
sphere), and no path of the instructor's folders reaches the page.
"""
from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from vcc_helpers import cases
from vcc_helpers.casefile import load_case
from vcc_helpers.lenses import assemblage as al
from vcc_helpers.lenses import service as sl

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "06-worked-example.ipynb"
PRONOUNS = re.compile(r"\b(she|her|hers|herself|he|him|his|himself)\b", re.I)


def _text_of(output) -> str:
    data = output.get("data", {})
    if "text/html" in data:
        return html.unescape(re.sub(r"<[^>]+>", " ", data["text/html"]))
    if "text/markdown" in data:
        return data["text/markdown"]
    if "text/plain" in data:
        return data["text/plain"]
    return output.get("text", "")


def run_chapter(setting: str, cwd: Path = ROOT / "chapters") -> str:
    """Execute chapter 6 with VCC_WORKED_EXAMPLE=*setting*; return its prose and outputs."""
    nb = nbformat.read(CHAPTER, as_version=4)
    env = dict(os.environ, VCC_WORKED_EXAMPLE=setting,
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    old = dict(os.environ)
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        elif cell.cell_type == "code":
            parts += [_text_of(o) for o in cell.get("outputs", [])]
    return re.sub(r"\s+", " ", "\n".join(parts))


def _write(tmp_path: Path, name: str, data: dict) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _on_is_a_key(node):
    # PyYAML reads the key `on` (of an affect) as YAML 1.1's true; give it back its name
    if isinstance(node, dict):
        return {("on" if k is True else k): _on_is_a_key(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_on_is_a_key(v) for v in node]
    return node


def _bundled(name: str) -> dict:
    return _on_is_a_key(yaml.safe_load(cases.path(name).read_text(encoding="utf-8")))


def sparse_case(tmp_path: Path) -> Path:
    """No aggregating affect, no line of flight, no co-production, an account on one relation."""
    d = _bundled("gp-appointment")
    d["id"], d["title"] = "sparse-gp", "A sparse morning at the surgery"
    d["summary"] = "Two patients try to see a doctor; the readings leave much out."
    d["source"] = {"kind": "reader", "note": "Made by the tests from the GP case, with parts taken out."}
    a = d["readings"]["assemblage"]
    for aff in a["affects"].values():
        aff["character"] = "singular"
    a.pop("lines_of_flight", None)
    d["readings"]["service"].pop("coproduction", None)
    for i, r in enumerate(d["relations"]):
        if i:
            r.pop("account", None)
    return _write(tmp_path, "sparse-gp", d)


def uncaptured_male_case(tmp_path: Path) -> Path:
    """Lines of flight with no capture; the user is a man, in the file's own words."""
    d = _bundled("hospital-discharge")
    d["id"], d["title"] = "mr-b-discharge", "Mr B goes home"
    d["summary"] = "Mr B, 79, leaves hospital for home care."
    d["source"] = {"kind": "published-study",
                   "note": "Adapted by the tests; stands in for a case drawn from a study."}
    for c in d["components"]:
        if c["id"] == "mrs-a":
            c["label"] = "Mr B, 79"
            c["description"] = "Lives alone; his own chair by the window."
    for f in d["readings"]["assemblage"]["lines_of_flight"]:
        f.pop("captured_by", None)
    return _write(tmp_path, "mr-b", d)


def no_user_case(tmp_path: Path) -> Path:
    """The service reading casts no one as a user; the focal body is unnamed by gender."""
    d = _bundled("school-meals")
    d["id"], d["title"] = "no-user-meals", "Lunch with no user"
    roles = d["readings"]["service"]["roles"]
    for k, v in list(roles.items()):
        if v == "user" or (isinstance(v, list) and "user" in v):
            roles[k] = "other-actor"
    return _write(tmp_path, "no-user", d)


def published_case(tmp_path: Path) -> Path:
    """A file that says it is drawn from a published study: the page must not deny it."""
    d = _bundled("day-service")
    d["id"], d["title"] = "from-a-study", "A day centre, from a study"
    d["source"] = {"kind": "published-study",
                   "note": "Paraphrased from a published ethnography of a day centre."}
    return _write(tmp_path, "from-a-study", d)


def check_against_the_file(text: str, case, setting: str):
    # provenance: the file's own kind and note, never "written for this book" unless it says so
    words = {"teaching-case": "a teaching case", "published-study": "drawn from a published study",
             "reader": "written by a reader of the book"}[case.source.kind]
    assert f"Its file says it is {words}" in text
    note = " ".join(case.source.note.split())
    assert note[:60] in text
    if "written for this book" not in note + case.summary:
        assert "written for this book" not in text
    # the summary says where the case comes from by the file's kind
    if case.source.kind == "published-study":
        assert "The chapter's case says it is drawn from a published study;" in text
        assert "The chapter's case is not Cluley and Radnor's own example" not in text
    else:
        assert "The chapter's case is not Cluley and Radnor's own example" in text
    # the affect economy names every episode tied for the most affects
    groups = [g for g in al.affect_economy(case) if g.episode is not None and g.affects]
    if groups:
        n = max(len(g.affects) for g in groups)
        sentence = re.search(r"Across its [^.]*\.", text).group(0)
        for g in groups:
            assert (f"'{g.label}'" in sentence) == (len(g.affects) == n), (sentence, g.label)
        assert "(1)" not in sentence
    # no path of the instructor's folders; the file's name where a file was chosen
    if os.sep in setting or "/" in setting:
        assert str(Path(setting).parent) not in text
        assert f"'{Path(setting).name}'" in text
    # sentences shown only when they hold
    a = al.assemblage_reading(case)
    if not a.aggregating:
        assert "Take one aggregating affect" not in text
        assert "records no aggregating affect" in text
    flights = al.lines_of_flight(case)
    if not flights:
        assert "records no line of flight" in text
        assert "Choose a line of flight. Argue" not in text
    if flights and not any(f.captured for f in flights):
        assert "What does the capture tell you" not in text
    if any(not r.account for r in case.relations):
        assert "an account for every relation" not in text
        assert "every relation carries an account" not in text
    if not sl.unplaced_relations(case):
        assert "Which relation placed in no sphere" not in text
    if not sl.coproduction_profile(case):
        assert "reads no relation as a form of co-production" in text
    assert "was this good for her" not in text
    if not any("user" in p.roles for p in sl.who_benefits(case)):
        assert "casts no one as a user" in text or "singles anyone out" in text


pytestmark = pytest.mark.notebooks


@pytest.mark.parametrize("name", cases.names())
def test_chapter_6_reads_true_for_each_bundled_case(name):
    text = run_chapter(name)
    check_against_the_file(text, cases.load(name), name)


@pytest.mark.parametrize("make", [sparse_case, uncaptured_male_case, no_user_case,
                                  published_case])
def test_chapter_6_reads_true_for_made_cases(tmp_path, make):
    path = make(tmp_path)
    text = run_chapter(str(path))
    case = load_case(path)
    check_against_the_file(text, case, str(path))
    assert case.title in text


def test_a_path_from_the_book_folder_is_found_from_the_notebooks_folder():
    # a relative path is read from the book's folder (the one holding _config.yml),
    # although the chapter's kernel runs in chapters/
    text = run_chapter("vcc_helpers/cases/day-service.yaml")
    assert "This page reads A day centre" in text or "day-service" in text
    assert str(ROOT) not in text


@pytest.mark.unit
def test_the_chapters_own_prose_has_no_pronoun_for_a_person_of_the_case():
    nb = json.loads(CHAPTER.read_text(encoding="utf-8"))
    prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert not PRONOUNS.findall(prose)


@pytest.mark.unit
def test_a_missing_relative_path_names_every_place_tried(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT / "chapters")
    monkeypatch.setenv("VCC_WORKED_EXAMPLE", "cases/nowhere.yaml")
    with pytest.raises(FileNotFoundError) as info:
        cases.load_worked_example()
    msg = str(info.value)
    assert str(ROOT / "cases" / "nowhere.yaml") in msg
    assert str(ROOT / "chapters" / "cases" / "nowhere.yaml") in msg
