"""Chapter 6's computed prose, tables and answer checks (vcc_helpers.exercises.ch06)."""
from dataclasses import replace

import pytest

from vcc_helpers import cases
from vcc_helpers.exercises import ch06
from vcc_helpers.exercises._common import Feedback, Prose, Table
from vcc_helpers.lenses.examples import tiny_case
from vcc_helpers.model import Case, Component, Relation, Source

pytestmark = pytest.mark.unit


@pytest.fixture
def case():
    return tiny_case()


@pytest.fixture
def bare():
    """A case with a neutral description and no readings."""
    return Case("bare", "A bare case",
                components=(Component("a", "A", ("person",)), Component("k", "Key", ("thing",))),
                relations=(Relation("r1", "a", "k", "turns"),))


# -- where the case comes from ---------------------------------------------------------


def test_teaching_note_for_a_teaching_case(case):
    text = str(ch06.teaching_note(case))
    # the provenance is the file's own: its kind, and its source note quoted
    assert text.startswith("This page reads A morning trying to see a GP (gp-morning). Its file "
                           "says it is a teaching case, and its source note says: \u201cA sketch "
                           "written for the package docs.\u201d")
    assert "written for this book" not in text
    assert "not the practical example of Cluley and Radnor's article" in text
    assert "instructor" not in text


def test_teaching_note_names_an_instructors_setting_but_not_the_default(case):
    assert "instructor" not in str(ch06.teaching_note(case, cases.WORKED_EXAMPLE))
    text = str(ch06.teaching_note(case, "/course/our-ward.yaml"))
    # the file's name, never the instructor's folders; and how a live copy opens the same case
    assert "(the setting `VCC_WORKED_EXAMPLE` is 'our-ward.yaml')." in text
    assert "/course" not in text
    assert "os.environ[\"VCC_WORKED_EXAMPLE\"] = 'our-ward.yaml'" in text
    text = str(ch06.teaching_note(case, "school-meals", "_config.yml"))
    assert "(`vcc_worked_example: school-meals` in `_config.yml`)" in text
    assert "Binder" in text


def test_teaching_note_for_a_published_study_does_not_deny_it(case):
    study = replace(case, source=Source("published-study", "From a published ethnography."))
    text = str(ch06.teaching_note(study))
    assert "drawn from a published study" in text
    assert "not the practical example" not in text


def test_teaching_note_for_a_readers_case(case):
    text = str(ch06.teaching_note(replace(case, source=Source("reader"))))
    assert "Its file says it is written by a reader of the book" in text
    assert "not the practical example" in text


def test_data_card_of_a_bundled_case_is_the_card_unchanged():
    card = ch06.data_card(cases.load("hospital-discharge"))
    assert isinstance(card, ch06.MarkdownText)
    assert card._repr_markdown_() == cases.card("hospital-discharge")


def test_data_card_of_a_changed_bundled_case_is_not_shown():
    changed = replace(cases.load("gp-appointment"), title="Our own version")
    out = ch06.data_card(changed)
    assert isinstance(out, Prose)
    assert str(out).startswith("Our own version is not one of the cases bundled with the book")


def test_data_card_of_a_case_with_no_source_note(bare):
    assert str(ch06.data_card(bare)).endswith("(the file gives no source note)")


def test_opening_and_case_facts(case, bare):
    assert str(ch06.opening(case)) == ("A morning trying to see a GP. Mrs A rings at 8am, gets a "
                                       "slot, and arrives late.")
    assert str(ch06.opening(bare)) == "A bare case. (The file gives no summary.)"
    facts = str(ch06.case_facts(case))
    # composites counted apart from persons and things (issue 18)
    assert facts.startswith("The case has 8 components, 7 relations and 2 episodes. 3 are "
                            "persons and 1 is a composite (an organisation or a collective, "
                            "counted apart); the other 4 are things")
    assert facts.endswith("1 of the 7 relations says whose account it is.")
    assert "1 is a person and 0 are composites" in str(ch06.case_facts(bare))


def test_episodes_table_counts_relations_and_keeps_those_with_no_episode(case, bare):
    assert ch06.episodes_table(case).rows == (
        ("1", "Ringing at 8am", "", "4"), ("2", "Getting there", "", "2"),
        ("-", "(no episode)", "Relations the case places in no episode.", "1"))
    assert ch06.episodes_table(bare).rows == (
        ("-", "(no episode)", "Relations the case places in no episode.", "1"),)


# -- the service reading ---------------------------------------------------------------


def test_service_facts(case, bare):
    text = str(ch06.service_facts(case))
    assert "casts 2 components as providing (GP surgery and Receptionist)" in text
    assert "1 as a user (Mrs A)" in text
    assert "places 6 of the 7 relations in a sphere (provider 2, joint 2, user 2) and 1 in none" in text
    assert "1 value proposition and 2 value claims, of which 1 is of destruction" in text
    assert str(ch06.service_facts(bare)).startswith("A bare case has no service reading yet")


def test_destruction_and_coproduction_tables(case, bare):
    assert ch06.destruction_table(case).rows == (
        ("Mrs A", "Mrs A", "destruction", "satisfaction", "Ringing at 8am",
         "Forty minutes on hold left her exhausted."),)
    assert ch06.coproduction_table(case).rows == (
        ("co-production", "r7", "Her daughter", "rings again on her behalf", "Mrs A"),)
    assert len(ch06.destruction_table(bare)) == 0 and len(ch06.coproduction_table(bare)) == 0


def test_relations_table_keeps_file_order(case):
    rows = ch06.relations_table(case, {"r6", "r1"}).rows
    assert [r[0] for r in rows] == ["r1", "r6"]
    assert rows[1] == ("r6", "Number 7 bus", "gets her to the surgery late", "Mrs A",
                       "Getting there")


# -- the assemblage reading ------------------------------------------------------------


def test_assemblage_facts(case, bare):
    text = str(ch06.assemblage_facts(case))
    assert text.startswith("The assemblage reading records 5 affects on 5 of the 7 relations: "
                           "1 enhances a capacity, 4 diminish one and 0 are unclear.")
    assert "By tendency: territorialising 2, deterritorialising 2, reterritorialising 1." in text
    assert "1 affect passes between non-humans and 2 are aggregating" in text
    assert text.endswith("1 line of flight (1 captured again) and 1 territory.")
    assert "no assemblage reading yet" in str(ch06.assemblage_facts(bare))


def test_boundary_note(case, bare):
    assert str(ch06.boundary_note(case)) == (
        "The boundary, in the words of the reading by a student: One morning of one "
        "appointment; the practice budget is left out.")
    assert "gives no boundary note" in str(ch06.boundary_note(bare))


def test_economy_table_and_facts(case, bare):
    assert ch06.economy_table(case).rows == (
        ("Ringing at 8am", "2", "0", "2", "0", "2", "0", "0"),
        ("Getting there", "2", "0", "2", "0", "0", "2", "0"),
        ("No episode", "1", "1", "0", "0", "0", "0", "1"))
    text = str(ch06.economy_facts(case))
    # both episodes have two affects, and two diminished: a tie names them both
    assert "the most affects in 'Ringing at 8am' and 'Getting there' (2 each)." in text
    assert "diminished most often in 'Ringing at 8am' and 'Getting there' (2 each)." in text
    assert "Loosening (deterritorialising) affects gather in 'Getting there' (2)." in text
    assert text.endswith("Lines of flight open in 'Getting there'.")
    assert "cannot yet be followed episode by episode" in str(ch06.economy_facts(bare))


def _with_affects(case, *relations):
    kept = tuple(a for a in case.assemblage.affects if a.relation in relations)
    return replace(case, assemblage=replace(case.assemblage, affects=kept))


def test_economy_facts_names_a_single_leader_and_a_count_of_one(case):
    text = str(ch06.economy_facts(_with_affects(case, "r1", "r3", "r5", "r7")))
    assert "the most affects in 'Ringing at 8am' (2)." in text
    assert "diminished most often in 'Ringing at 8am' (2 of its 2 affects)." in text
    assert "The one loosening (deterritorialising) affect is in 'Getting there'." in text
    assert "(1)" not in text


def test_economy_facts_when_no_episode_has_more_than_one_affect(case):
    text = str(ch06.economy_facts(_with_affects(case, "r1", "r5")))
    assert "records one affect at most in an episode, in 'Ringing at 8am' and 'Getting there'." \
        in text
    assert "Capacities are diminished once each in 'Ringing at 8am' and 'Getting there'." in text
    assert "(1" not in text
    text = str(ch06.economy_facts(_with_affects(case, "r5")))
    assert "records only one affect within an episode, in 'Getting there'." in text
    assert "The one diminished capacity is in 'Getting there'." in text


def test_summary_source_follows_the_source_kind(case):
    text = str(ch06.summary_source(case))
    assert text.startswith("- The chapter's case is not Cluley and Radnor's own example")
    assert text.endswith("so the page follows whichever case is loaded.")
    study = replace(case, source=Source("published-study", "The article's own example."))
    text = str(ch06.summary_source(study))
    assert text.startswith("- The chapter's case says it is drawn from a published study;")
    assert "not Cluley and Radnor's" not in text
    assert isinstance(ch06.summary_source(study), ch06.MarkdownText)


def test_teaching_note_does_not_repeat_what_the_note_already_says(case):
    said = replace(case, source=Source("teaching-case", "Ours; NOT the article's own example."))
    text = str(ch06.teaching_note(said))
    assert "NOT the article's own example." in text
    assert "not the practical example" not in text
    text = str(ch06.teaching_note(cases.load("hospital-discharge")))
    assert text.lower().count("not the article") == 1
    assert "It is not the practical example" not in text


def test_affects_table_has_four_readable_columns(case):
    from vcc_helpers.lenses import assemblage

    t = ch06.affects_table(case, assemblage.affect_rows(case), "All")
    assert len(t.header) == 4 and len(t) == 5
    assert t.rows[0] == ("r1", "8am phone line → Mrs A", "Mrs A: can do nothing else that morning",
                         "diminishes; territorialising; aggregating")


def test_focal_component_and_capacities(case, bare):
    assert ch06.focal_component(case) == "mrs-a"
    assert ch06.focal_component(bare) == "a"   # no readings: the first component
    rows = ch06.capacities_table(case, "mrs-a").rows
    assert [(r[0], r[2]) for r in rows] == [("can", "r7"), ("can no longer", "r1"),
                                             ("can no longer", "r6")]
    assert rows[0][3] == "Her daughter"


def test_flights_territories_roles_and_desire(case, bare):
    assert ch06.flights_table(case).rows == (
        ("Getting there", "the booked slot", "walking in without an appointment",
         "She may be turned away and lose the slot altogether.", "the triage rule",
         "line of flight"),)
    assert ch06.territories_table(case).rows == (
        ("The 8am queue", "8am phone line; Triage rule", "Ringing at 8am", ""),)
    assert ch06.roles_table(case).header == ("Component", "Material", "Expressive")
    noted = replace(case, assemblage=replace(case.assemblage, roles=(
        replace(case.assemblage.roles[0], note="mostly words"),)))
    assert ch06.roles_table(noted).rows == (("Triage rule", "0.2", "0.9", "mostly words"),)
    assert str(ch06.desire_notes(case)).endswith("The surgery keeps producing an 8am rush.")
    assert "no notes on desire" in str(ch06.desire_notes(bare))


def test_draft_facts_compare_with_the_finished_reading(case, bare):
    from vcc_helpers.lenses.reinterpret import reinterpret

    draft = reinterpret(case)
    text = str(ch06.draft_facts(case, draft))
    assert f"The draft proposes {len(draft.affects)} candidate affects, every one" in text
    assert "answers with 5 affects on 5 relations, 1 line of flight and 1 territory" in text
    assert "no assemblage reading of its own" in str(ch06.draft_facts(bare, reinterpret(bare)))


# -- answer checks ---------------------------------------------------------------------


@pytest.mark.parametrize("answer", [{"r6", "r7"}, ["r7", "r6"], "r6, r7", "r6 r7", ("r6", "r7")])
def test_user_sphere_right_answers_in_any_form(case, answer):
    f = ch06.check_user_sphere(case, answer)
    assert isinstance(f, Feedback) and f.correct
    assert f.message.startswith("Right: 2 interactions are placed in the user sphere.")


def test_user_sphere_not_answered_and_unreadable(case):
    assert ch06.check_user_sphere(case, None).message.startswith("Not yet: write your answer")
    assert ch06.check_user_sphere(case, 42).message.startswith("Not yet: I could not read that")
    assert ch06.check_user_sphere(case, [1, 2]).correct is False


def test_user_sphere_unknown_id(case):
    f = ch06.check_user_sphere(case, {"r6", "r99"})
    assert not f.correct
    assert f.message.startswith("Not yet: r99 is not a relation of this case.")


def test_user_sphere_partial_answer_gets_kind_hints(case):
    f = ch06.check_user_sphere(case, {"r6", "r2"})
    assert f.message == ("Not yet: 1 of your 2 is right; 1 relation is missing; 1 relation does "
                         "not belong among the user-sphere interactions.")
    assert f.hints == ("r2 is in the joint sphere, where provider and user meet.",
                       "Look again at the relations of 'No episode'.")


def test_user_sphere_explains_a_relation_in_no_sphere(case):
    f = ch06.check_user_sphere(case, {"r6", "r7", "r5"})
    assert "r5 is in no sphere: the service reading leaves it out." in f.hints


def test_an_empty_answer_is_right_only_when_there_are_none(case, bare):
    assert not ch06.check_user_sphere(case, set()).correct
    f = ch06.check_user_sphere(bare, set())
    assert f.correct and "places no interaction in the user sphere" in f.message


def test_nonhuman_check(case):
    assert ch06.answer_nonhuman(case) == frozenset({"r5"})
    assert ch06.check_nonhuman(case, {"r5"}).correct
    f = ch06.check_nonhuman(case, {"r5", "r4"})
    assert not f.correct
    # r4 joins an organisation and a technology: the organisation is a composite (issue 18)
    assert ("r4 has a composite (an organisation or a team) at one end (GP surgery): "
            "composites are counted apart from things.") in f.hints
    f = ch06.check_nonhuman(case, {"r3"})
    assert "r3 has a person at one end (Receptionist)." in f.hints
    assert "Look again at the relations of 'Getting there'." in f.hints


def test_unplaced_check(case):
    assert ch06.answer_unplaced(case) == frozenset({"r5"})
    f = ch06.check_unplaced(case, {"r5"})
    assert f.correct and "the assemblage reading gives 1 of them an affect" in f.message
    f = ch06.check_unplaced(case, {"r4"})
    assert f.hints == ("r4 is placed in the provider sphere.",
                       "Look again at the relations of 'Getting there'.")


@pytest.mark.parametrize("name", cases.names())
def test_every_bundled_case_passes_its_own_computed_answers(name):
    c = cases.load(name)
    for check, answer in ((ch06.check_user_sphere, ch06.answer_user_sphere),
                          (ch06.check_nonhuman, ch06.answer_nonhuman),
                          (ch06.check_unplaced, ch06.answer_unplaced)):
        assert check(c, answer(c)).correct
        assert not check(c, None).correct
        wrong = {r.id for r in c.relations} - set(answer(c))
        assert not check(c, wrong).correct


@pytest.mark.parametrize("name", cases.names())
def test_every_prose_and_table_helper_works_on_every_bundled_case(name):
    c = cases.load(name)
    for fn in (ch06.teaching_note, ch06.opening, ch06.case_facts, ch06.service_facts,
               ch06.assemblage_facts, ch06.boundary_note, ch06.economy_facts,
               ch06.desire_notes):
        assert isinstance(fn(c), Prose) and str(fn(c))
    for fn in (ch06.episodes_table, ch06.destruction_table, ch06.coproduction_table,
               ch06.economy_table, ch06.flights_table, ch06.territories_table, ch06.roles_table):
        assert isinstance(fn(c), Table)
    assert len(ch06.capacities_table(c, ch06.focal_component(c))) > 0


def test_the_chapter_follows_the_instructors_setting(monkeypatch, tmp_path):
    monkeypatch.setenv(cases.ENV_VAR, "school-meals")
    c = cases.load_worked_example()
    assert c.id == "school-meals"
    assert "`VCC_WORKED_EXAMPLE` is 'school-meals'" in str(
        ch06.teaching_note(c, cases.worked_example_name()))
    path = tmp_path / "our-case.yaml"
    path.write_text(cases.path("day-service").read_text(encoding="utf-8")
                    .replace("title: A day centre closes", "title: Our day centre"),
                    encoding="utf-8")
    monkeypatch.setenv(cases.ENV_VAR, str(path))
    c = cases.load_worked_example()
    assert c.title == "Our day centre"
    assert isinstance(ch06.data_card(c), Prose)   # changed: no bundled card is claimed for it


def test_reasons_table_shows_the_coders_reasons():
    from vcc_helpers import cases
    gp = cases.load("gp-appointment")
    t = ch06.reasons_table(gp)
    assert len(t.rows) == len(gp.relations)  # every relation is coded, each with a reason
    assert "(no reason given)" not in {r[2] for r in t.rows}
    assert t.rows[2][1] == "user sphere, indirect"  # r3, the queue message (issue 18)
    lines = ch06.reasons_table(gp, "lines").rows
    assert [r[1] for r in lines] == ["molar line", "molecular line", "line of flight"]
    assert ch06.reasons_table(gp, "roles").rows[0][0] == "The practice"
    assert ch06.reasons_table(gp, "affects").rows
    with pytest.raises(ValueError, match="must be"):
        ch06.reasons_table(gp, "spheres")
