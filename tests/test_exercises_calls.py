"""The chapter "Making the calls": its keyed checks, think-aloud views and calibration data
(vcc_helpers.exercises.calls)."""
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest

from vcc_helpers import cases
from vcc_helpers.casefile import check_case
from vcc_helpers.exercises import calls
from vcc_helpers.exercises.answers import calls as key

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
CHECKS = [(calls.check_sphere_mode, key.SPHERE_MODE_KEY, "s2", "joint/indirect"),
          (calls.check_tendency, key.TENDENCY_KEY, "t3", "territorialising"),
          (calls.check_lines, key.LINES_KEY, "l2", "flight"),
          (calls.check_valence, key.VALENCE_KEY, "v3", "destruction")]


@pytest.mark.parametrize("check, answer, item, wrong", CHECKS, ids=lambda x: getattr(x, "__name__", ""))
def test_the_key_passes_and_one_wrong_item_is_named_with_its_reason(check, answer, item, wrong):
    assert check(answer)
    f = check(dict(answer, **{item: wrong}))
    assert not f
    assert f.message == f"Not yet: {len(answer) - 1} of {len(answer)} are right."
    assert len(f.hints) == 1 and f.hints[0].startswith(f"{item}: ")


@pytest.mark.parametrize("check, answer, item, wrong", CHECKS, ids=lambda x: getattr(x, "__name__", ""))
def test_malformed_answers_get_a_message_not_an_exception(check, answer, item, wrong):
    assert "dictionary" in check(None).message
    assert "is not one of the ids" in check(dict(answer, zz="x")).message
    partial = {k: v for k, v in answer.items() if k != item}
    assert f"{item} still needs an answer" in check(partial).message
    assert "still needs an answer" in check(dict(answer, **{item: 3})).message


def test_answers_are_read_generously():
    assert calls.check_sphere_mode({k: tuple(v.split("/")) for k, v in key.SPHERE_MODE_KEY.items()})
    assert calls.check_sphere_mode(dict(key.SPHERE_MODE_KEY, s2="Customer sphere, indirect"))
    assert calls.check_lines({"l1": "molar", "l2": "molecular", "l3": "line of flight"})
    assert calls.check_valence(dict(key.VALENCE_KEY, v3="disvalue"))


def test_axioms():
    assert calls.check_axioms({"FP1", "FP6", "FP9", "FP10"})
    assert calls.check_axioms("1, 6, 9, 10")
    f = calls.check_axioms({1, 6, 9, 10, 11})
    assert not f and any("FP11 is new in 2016" in h for h in f.hints)
    assert not calls.check_axioms(set()) and not calls.check_axioms(["one"])


def test_the_module_holds_no_key_as_text():
    source = Path(calls.__file__).read_text(encoding="utf-8")
    assert '"s2": "user/indirect"' not in source and "frozenset({1, 6, 9, 10})" not in source
    assert calls.SPHERE_MODE_KEY is key.SPHERE_MODE_KEY  # forwarded where installed


def test_relation_view_reads_the_case_as_it_is():
    case = cases.load("hospital-discharge")
    rows = {row[0]: row[1] for row in calls.relation_view(case, "r32").rows}
    it = next(i for i in case.service.interactions if i.relation == "r32")
    assert rows["Sphere and mode"] == f"{it.sphere} sphere, {it.mode}"
    assert rows["To"] == "Mrs A, 84"
    assert "no relation r999" in str(calls.relation_view(case, "r999"))
    reasoned = replace(case, service=replace(case.service, interactions=tuple(
        replace(i, because="both are in the room") if i.relation == "r32" else i
        for i in case.service.interactions)))
    table = calls.relation_view(reasoned, "r32")
    assert table.header[-1] == "Because" and ("Sphere and mode", rows["Sphere and mode"],
                                               "both are in the room") in table.rows


def test_rule_call_says_whether_the_file_agrees():
    case = cases.load("hospital-discharge")
    it = next(i for i in case.service.interactions if i.relation == "r32")
    assert str(calls.rule_call(case, "r32", sphere=it.sphere, mode=it.mode)).endswith(
        "The case file agrees.")
    moved = replace(case, service=replace(case.service, interactions=tuple(
        replace(i, sphere="user") if i.relation == "r32" else i
        for i in case.service.interactions)))
    text = str(calls.rule_call(moved, "r32", sphere="joint", mode="direct"))
    assert f"codes it differently: user sphere, {it.mode}" in text
    assert "no affect recorded" in str(calls.rule_call(case, "r999", tendency="x")) or \
        "no relation r999" in str(calls.rule_call(case, "r999", tendency="x"))


def test_the_calibration_readings_code_the_same_relations_differently():
    a, b = calls.calibration_readings()
    assert a.components == b.components and a.relations == b.relations
    spheres = [{i.relation: i.sphere for i in c.service.interactions} for c in (a, b)]
    tend = [{x.relation: x.tendency for x in c.assemblage.affects} for c in (a, b)]
    assert [r for r in spheres[0] if spheres[0][r] != spheres[1][r]] == ["c1"]
    assert [r for r in tend[0] if tend[0][r] != tend[1][r]] == ["c1", "c3"]
    modes = [{i.relation: i.mode for i in c.service.interactions} for c in (a, b)]
    assert [r for r in modes[0] if modes[0][r] != modes[1][r]] == ["c4"]  # planted: no provider
    assert len(a.assemblage.lines_of_flight) == 1 and not b.assemblage.lines_of_flight
    assert "MADE UP" in a.summary and "MADE UP" in b.summary


@pytest.mark.parametrize("name, warnings", [("reader-a.yaml", 1), ("reader-b.yaml", 0)])
def test_the_calibration_files_are_valid_and_warn_only_where_meant(name, warnings):
    path = ROOT / "vcc_helpers" / "cases" / "calibration" / name
    case, errors, notes = check_case(str(path))
    assert case is not None and not errors
    flagged = [n for n in notes if n.severity == "warning"]
    assert len(flagged) == warnings
    if warnings:
        assert flagged[0].field == "readings.service.interactions.c1.mode"


def test_agreement_table_orders_lowest_first():
    assert calls.agreement_table({"mode": 1.0, "tendency": 2 / 3}).rows == (
        ("tendency", "67%"), ("mode", "100%"))
    assert "nothing" in str(calls.agreement_table({}))


def test_the_chapter_calls_the_comparison_exactly_and_is_stored_clean():
    nb = nbformat.read(ROOT / "chapters" / "making-the-calls.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "from vcc_helpers import compare" in code
    assert 'compare.compare([a, b], names=["Reader A", "Reader B"])' in code
    assert all(not c.get("outputs") and not c.get("execution_count")
               for c in nb.cells if c.cell_type == "code")
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for n in range(1, 10):
        assert f":label: calls-ex{n}\n" in text


def test_lines_table_shows_the_kind_of_each_line():
    from vcc_helpers import cases
    case = cases.load("hospital-discharge")
    table = calls.lines_table(case, "nine-days-on")
    assert table.header[0] == "Line"
    assert table.caption.startswith("Lines the case file records (molar, molecular, flight)")
    kinds = [row[0] for row in table.rows]
    assert kinds == [f.line for f in case.assemblage.lines_of_flight
                     if f.episode == "nine-days-on"]
    assert "molecular" in kinds


def test_the_provider_sphere_accepts_either_placeholder_mode():
    for mode in ("indirect", "direct"):
        assert calls.check_sphere_mode(dict(key.SPHERE_MODE_KEY, s3=f"provider/{mode}")).correct
    assert not calls.check_sphere_mode(dict(key.SPHERE_MODE_KEY, s3="joint/direct")).correct
    assert "placeholder" in key.WHY["calls-ex1:s3"]


def test_calls_ex5_argues_the_flights_the_feedback_prompt_asks_about():
    from vcc_helpers.feedback import feedback

    flagged = set()
    for name in cases.names():
        for p in feedback(cases.load(name)):
            if p.code == "flight-or-crack":
                flagged.add((name, p.loc[3]))
    assert flagged == set(key.ARGUED_FLIGHTS)
    for name, i in key.ARGUED_FLIGHTS:
        line = cases.load(name).assemblage.lines_of_flight[i]
        assert line.line == "flight" and "rule 7" in (line.because or "")
        assert "calls-ex5" in line.because
