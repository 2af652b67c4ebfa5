"""Tests of :mod:`vcc_helpers.feedback`: each prompt is raised exactly when its condition
holds (a clean hand-made case raises none; each variant raises only its own)."""
from __future__ import annotations

import dataclasses
import json
import re
from importlib.resources import files
from pathlib import Path

import pytest

from vcc_helpers import cli
from vcc_helpers.casefile import CaseFileError, Problem, dumps_case
from vcc_helpers.feedback import ALSO, ORDER, SECTIONS, Prompt, feedback, feedback_file
from vcc_helpers.model import (
    Affect, AssemblageReading, Case, Component, Episode, Interaction, LineOfFlight, Proposition,
    Relation, ServiceReading, ValueClaim,
)
from vcc_helpers.widgets.readback import ReadBack, readback_html

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]


def clean() -> Case:
    """A small case that gives no prompt at all."""
    comps = (Component("mrs-a", "Mrs A", ("person",)),
             Component("council", "The council", ("organisation",)),
             Component("key-safe", "Key safe", ("thing",)))
    eps = (Episode("home", "At home"),)
    rels = (Relation("r1", "council", "mrs-a", "assesses her needs", "home"),
            Relation("r2", "key-safe", "mrs-a", "lets carers in without her", "home"))
    service = ServiceReading(
        roles={"council": ("provider",), "mrs-a": ("user",), "key-safe": ("resource",)},
        interactions=(Interaction("r1", "joint", "direct", because="a home visit"),),
        value=(ValueClaim("mrs-a", "mrs-a", "whole-life", "destruction", "feels watched"),
               ValueClaim("mrs-a", "council", "outcome", "creation")))
    asm = AssemblageReading(
        affects=(Affect("r1", "can name what she needs", "enhances", because="she said so"),
                 Affect("r2", "can no longer choose who comes in", "diminishes")),
        lines_of_flight=(LineOfFlight("home", "the care plan", "a fall", captured_by="the rota"),))
    return Case("t", "T", components=comps, relations=rels, episodes=eps, service=service,
                assemblage=asm)


def codes(case: Case) -> list[str]:
    return [p.code for p in feedback(case)]


def test_a_clean_case_raises_no_prompt():
    assert feedback(clean()) == []


def _service(case: Case, **kw) -> Case:
    return dataclasses.replace(case, service=dataclasses.replace(case.service, **kw))


def _asm(case: Case, **kw) -> Case:
    return dataclasses.replace(case, assemblage=dataclasses.replace(case.assemblage, **kw))


def _comps(case: Case, *comps) -> Case:
    return dataclasses.replace(case, components=comps)


C = clean()
NO_THING_ACTS = dataclasses.replace(C, relations=(
    C.relations[0], Relation("r2", "mrs-a", "key-safe", "opens", "home")))
VARIANTS = {
    "no-acting-non-human": NO_THING_ACTS,
    "only-creation": _service(C, value=(C.service.value[1],
                                        ValueClaim("mrs-a", "mrs-a", "outcome", "creation"))),
    "provider-account-only": _service(C, value=(
        ValueClaim("mrs-a", "council", "whole-life", "destruction"),)),
    "joint-indirect": _service(C, interactions=(Interaction("r1", "joint", "indirect", because="x"),)),
    "flight-without-danger": _asm(C, lines_of_flight=(
        LineOfFlight("home", "the care plan", "none", captured_by="the rota"),)),
    "flight-without-capture": _asm(C, lines_of_flight=(
        LineOfFlight("home", "the care plan", "a fall"),)),
    "flight-or-crack": _asm(_service(C, propositions=(
        Proposition("council", "mrs-a", "a way in", carried_by="key-safe"),)), lines_of_flight=(
        LineOfFlight("home", "the care plan", "a fall", captured_by="a council review",
                     toward="a new life by way of the key safe"),)),
    "one-direction": _asm(C, affects=(C.assemblage.affects[0],
                                      Affect("r2", "can get out", "enhances"))),
    "organisation-as-person": _comps(C, C.components[0],
                                     Component("council", "The council", ("organisation", "person")),
                                     C.components[2]),
    "organisation-as-thing": _comps(C, C.components[0],
                                    Component("council", "Hospital trust", ("thing",)),
                                    C.components[2]),
    "isolated-component": _comps(C, *C.components, Component("cat", "Her cat", ("animal",))),
    "unused-episode": dataclasses.replace(C, episodes=(*C.episodes, Episode("ward", "Ward"))),
    "no-reason": dataclasses.replace(
        _asm(C, affects=tuple(dataclasses.replace(a, because=None) for a in C.assemblage.affects)),
        service=None),
}


@pytest.mark.parametrize("code", sorted(VARIANTS))
def test_each_prompt_is_raised_alone_by_its_variant(code):
    assert codes(VARIANTS[code]) == [code]


def test_the_variants_cover_every_ordered_code_but_two():
    # self-relation and reason-without-role are the validator's own (tested there)
    assert set(ORDER) - set(VARIANTS) == {"self-relation", "reason-without-role"}


def test_an_organisation_of_someone_is_a_person():
    case = _comps(C, Component("mrs-a", "An adviser at the advice charity", ("person",)),
                  *C.components[1:])
    assert codes(case) == []
    case = _comps(C, Component("mrs-a", "The council's officer", ("person",)),
                  *C.components[1:])
    assert codes(case) == []


def test_a_capture_said_in_the_note_counts_as_considered():
    case = _asm(C, lines_of_flight=(LineOfFlight("home", "plan", "a fall",
                                                 note="soon recaptured by the rota"),))
    assert codes(case) == []


def test_no_value_claim_at_all_is_asked_about():
    prompts = feedback(_service(C, value=()))
    assert [p.code for p in prompts] == ["only-creation"]
    assert "makes no value claim" in prompts[0].message


def test_no_relation_at_all_does_not_ask_about_non_humans():
    case = Case("t", "T", components=(Component("a", "A", ("thing",)),))
    assert codes(case) == ["isolated-component"]


def test_order_is_by_how_much_it_matters_then_by_place():
    case = dataclasses.replace(
        _comps(NO_THING_ACTS, *C.components, Component("cat", "Cat", ("animal",)),
               Component("dog", "Dog", ("animal",))),
        episodes=(*C.episodes, Episode("ward", "Ward")))
    got = feedback(case)
    assert [p.code for p in got] == ["no-acting-non-human", "isolated-component",
                                     "isolated-component", "unused-episode"]
    assert [p.field for p in got[1:3]] == ["components[3]", "components[4]"]
    assert feedback(case) == got


def test_a_prompt_is_a_problem_naming_label_id_and_section():
    (p,) = feedback(VARIANTS["isolated-component"])
    assert isinstance(p, Prompt) and isinstance(p, Problem)
    assert p.severity == "hint" and p.loc == ("components", 3)
    assert "'Her cat' (cat)" in p.message
    assert p.section == "chapter 7, §7.2 Describe before you read"


def test_every_section_named_is_a_heading_of_its_chapter():
    for code, (doc, title) in [*SECTIONS.items(), *ALSO.items()]:
        nb = json.loads((ROOT / f"{doc}.ipynb").read_text(encoding="utf-8"))
        headings = {line.lstrip("#").strip() for c in nb["cells"] if c["cell_type"] == "markdown"
                    for line in "".join(c["source"]).splitlines() if line.startswith("#")}
        assert title in headings, (code, title)


def test_labels_are_quoted_as_data():
    case = _comps(C, *C.components, Component("x", "{0} </script>\u202e", ("thing",)))
    (p,) = feedback(case)
    assert "'{0} </script>\\u202e' (x)" in p.message
    html = readback_html([p])
    assert "</script>" not in html and "{0} &lt;/script&gt;" in html


def test_a_file_gets_lines_and_a_refused_file_raises(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(dumps_case(VARIANTS["isolated-component"]), encoding="utf-8")
    _, (p,) = feedback_file(path)
    assert p.line > 0 and path.read_text().splitlines()[p.line - 1].lstrip().startswith("- id: cat")
    path.write_text("format: vcc-case/1\nid: t\ntitle: ''\n", encoding="utf-8")
    with pytest.raises(CaseFileError) as info:
        feedback_file(path)
    assert info.value.problems[0].field == "title"


def test_cli_prints_a_dozen_then_counts_the_rest(tmp_path, capsys):
    many = _comps(C, *C.components, *(Component(f"c{i}", f"Cat {i}", ("animal",))
                                      for i in range(15)))
    path = tmp_path / "c.yaml"
    path.write_text(dumps_case(many), encoding="utf-8")
    assert cli.main(["feedback", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 13 and out[-1] == "and 3 more (--all shows them)"
    assert re.match(r"hint: .*c\.yaml:\d+:\d+: components\[3\]: 'Cat 0' \(c0\)", out[0])
    assert cli.main(["feedback", "--all", str(path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 15


def test_cli_refuses_a_bad_file_with_exit_1(tmp_path, capsys):
    path = tmp_path / "c.yaml"
    path.write_text("format: vcc-case/1\nid: t\ntitle: ''\n", encoding="utf-8")
    assert cli.main(["feedback", str(path)]) == 1
    assert "title" in capsys.readouterr().err


def test_panel_folds_after_a_dozen():
    prompts = [Prompt("f", 0, 0, f"x{i}", f"m{i}", "hint", "c") for i in range(15)]
    html = readback_html(prompts)
    head, folded = html.split("<details>")
    assert head.count("<li") == 12 and folded.count("<li") == 3
    assert "and 3 more" in folded


def test_panel_follows_the_builder_case():
    from vcc_helpers.widgets import CaseBuilder

    b = CaseBuilder(clean(), autosave=False)
    assert b.readback.prompts == [] and "Nothing to ask" in b.readback.value
    assert b.add_component("cat", "Her cat", "animal")
    assert [p.code for p in b.readback.prompts] == ["isolated-component"]
    assert b.undo() and b.readback.prompts == []
    assert isinstance(b.readback, ReadBack) and b.readback in b.children


def test_bundled_cases_read_back():
    for path in sorted((files("vcc_helpers") / "cases").iterdir()):
        if path.name.endswith(".yaml"):
            _, prompts = feedback_file(path)
            assert all(p.severity != "error" and p.section for p in prompts)


def test_every_ordered_code_has_a_title_and_a_section():
    from vcc_helpers.feedback import TITLES

    assert set(TITLES) == set(ORDER) and set(ORDER) <= set(SECTIONS)


OFFERS = _service(C, propositions=(Proposition("council", "mrs-a", "a way in", carried_by="key-safe"),))


def test_a_flight_toward_a_route_the_service_offers_asks_whether_it_is_one():
    flight = LineOfFlight("home", "the care plan", "a fall", captured_by="her neighbours",
                          toward="a life let in by the key safe")
    (p,) = feedback(_asm(OFFERS, lines_of_flight=(flight,)))
    assert p.code == "flight-or-crack" and "'Key safe' (key-safe)" in p.message
    assert "not a line of flight (rule 7)" in p.message
    assert p.section.startswith("Making the calls, §2.3")
    by_id = dataclasses.replace(flight, toward="whatever key-safe opens")
    assert codes(_asm(OFFERS, lines_of_flight=(by_id,))) == ["flight-or-crack"]


def test_capture_loose_words_and_supple_lines_raise_no_flight_prompt():
    # capture by the service's own parts is what usually happens to a flight: no evidence
    captured = LineOfFlight("home", "the care plan", "a fall", captured_by="the council",
                            toward="her own bed upstairs")
    assert codes(_asm(OFFERS, lines_of_flight=(captured,))) == []
    # a word of a label, or a route nobody offers, is not a route the service offers
    loose = dataclasses.replace(captured, toward="a new key for the council's safe")
    assert codes(_asm(OFFERS, lines_of_flight=(loose,))) == []
    unoffered = dataclasses.replace(captured, toward="a life let in by the key safe")
    assert codes(_asm(C, lines_of_flight=(unoffered,))) == []
    supple = dataclasses.replace(unoffered, line="molecular")
    assert codes(_asm(OFFERS, lines_of_flight=(supple,))) == []
    # a label inside another word is not a mention ("key safety" is not "key safe")
    assert codes(_asm(OFFERS, lines_of_flight=(dataclasses.replace(
        captured, toward="a key safety net"),))) == []


def test_the_codebook_is_named_beside_the_chapter_for_its_calls():
    (p,) = feedback(VARIANTS["only-creation"])
    assert p.section == ("chapter 3, §3.5 The positive bias; "
                         "Making the calls, §2.4 Destruction, mixed or dis/value")
    assert set(ALSO) <= set(SECTIONS)
