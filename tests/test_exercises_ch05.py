"""Chapter 5's display helpers and answer checks."""
import pytest

from vcc_helpers.exercises import ch05
from vcc_helpers.exercises._common import Feedback
from vcc_helpers.lenses.examples import tiny_case
from vcc_helpers.lenses.reinterpret import reinterpret, residue
from vcc_helpers.model import Affect

pytestmark = pytest.mark.unit


@pytest.fixture
def case():
    return tiny_case()


# -- display ---------------------------------------------------------------------------


def test_summarise_case(case):
    assert ch05.describe_case is ch05.summarise_case  # the old name still works
    text = str(ch05.summarise_case(case))
    assert text.startswith("A morning trying to see a GP is a teaching case written for this book")
    assert "8 components, 7 relations and 2 episodes (Ringing at 8am; Getting there)" in text
    assert "6 interactions" in text and "2 value claims" in text


def test_describe_draft_reports_nothing_asserted(case):
    draft = reinterpret(case)
    text = str(ch05.describe_draft(draft))
    n = len(draft.affects)
    assert f"{n} candidate affects" in text
    assert f"empty capacity ({n} of {n})" in text
    assert text.endswith("the draft asks, it does not assert.")


def test_show_draft_rows(case):
    t = ch05.show(reinterpret(case))
    assert len(t) == 8
    assert t.rows[0] == ("Mrs A", "user", "", "1")
    rows = {r[0]: r for r in t.rows}
    assert rows["Rain"][1] == "(no role)"
    assert rows["Triage rule"][2] == "material"


def test_show_residue_has_both_sides(case):
    res = residue(case)
    t = ch05.show(res)
    sides = [row[0] for row in t.rows]
    assert sides.count("The service map cannot express") == len(res.service_cannot_express)
    assert sides.count("The assemblage reading loses") == len(res.assemblage_loses)
    assert len(res.service_cannot_express) > 0 and len(res.assemblage_loses) > 0


def test_show_one_side_limited_per_topic(case):
    res = residue(case)
    full = ch05.show(res.service_cannot_express)
    assert len(full) == len(res.service_cannot_express)
    short = ch05.show(res.service_cannot_express, "Cannot express", per_topic=1)
    topics = [i.topic for i in res.service_cannot_express]
    expected = sum(1 if topics.count(t) == 1 else 2 for t in dict.fromkeys(topics))
    assert len(short) == expected and short.caption == "Cannot express"
    general = [row for row in short.rows if row[0] == "general"]
    assert general[1][1] == f"... and {topics.count('general') - 1} more of this kind."


def test_describe_residue_counts(case):
    res = residue(case)
    text = str(ch05.describe_residue(res))
    assert f"cannot express {len(res.service_cannot_express)} things" in text
    assert f"loses {len(res.assemblage_loses)} (" in text


def test_show_prompts_limits_and_numbers(case):
    draft = reinterpret(case)
    t = ch05.show_prompts(draft, limit=2)
    assert [r[0] for r in t.rows] == ["1", "2"]
    assert t.rows[1][1] == draft.questions()[1]
    assert len(ch05.show_prompts(draft, limit=None)) == len(draft.questions())


def test_show_candidate_and_escaping(case):
    text = str(ch05.show_candidate(case, reinterpret(case).affects[0]))
    assert text.startswith('Relation r1, from 8am phone line to Mrs A: "keeps her on hold')
    html = ch05.show_candidate(case, reinterpret(case).affects[0])._repr_html_()
    assert "<strong>r1</strong>" in html


def test_show_refuses_other_things():
    with pytest.raises(TypeError):
        ch05.show("a draft")


# -- check_affect ----------------------------------------------------------------------


def test_check_affect_accepts_a_complete_affect(case):
    a = Affect("r2", "can be seen the same morning", "enhances", "territorialising", "singular",
               on="mrs-a")
    f = ch05.check_affect(case, a)
    assert isinstance(f, Feedback) and f.correct


def test_check_affect_placeholder_is_not_yet(case):
    f = ch05.check_affect(case, Affect("r2", capacity="", on="mrs-a"))
    assert not f.correct
    assert len(f.hints) == 3  # capacity, direction, tendency
    assert f.hints[2] == ("Choose a tendency: 'territorialising', 'deterritorialising', "
                          "'reterritorialising' or 'ambivalent'.")


def test_check_affect_flags_emotion_without_capacity(case):
    f = ch05.check_affect(case, Affect("r2", "feels relieved", "enhances", "territorialising",
                                       on="mrs-a"))
    assert not f.correct and f.hints[0].startswith("Affect is not emotion")
    ok = ch05.check_affect(case, Affect("r2", "can stop worrying and go to work", "enhances",
                                        "territorialising", on="mrs-a"))
    assert ok.correct


def test_check_affect_wrong_relation_or_body(case):
    f = ch05.check_affect(case, Affect("r99", "can x", "enhances", "territorialising"))
    assert not f.correct and "'r99' is not a relation" in f.message
    f = ch05.check_affect(case, Affect("r2", "can x", "enhances", "territorialising",
                                       on="bus"))
    assert not f.correct and f.hints[0].startswith("The body whose capacity changes")
    assert not ch05.check_affect(case, "an affect").correct
    f = ch05.check_affect(case, Affect("r2", "can x", "enhances", "territorialising", "often",
                                       on="mrs-a"))
    assert f.hints == ("The character must be 'aggregating', 'singular' or 'unclear'.",)


def test_example_completion_prefers_the_case_authors_own_reading(case):
    cand = next(a for a in reinterpret(case).affects if (a.relation, a.on) == ("r1", "mrs-a"))
    a = ch05.example_completion(case, cand)
    assert (a.capacity, a.direction, a.tendency) == (
        "can do nothing else that morning", "diminishes", "territorialising")


def test_example_completion_builds_one_when_the_case_has_none(case):
    cand = next(a for a in reinterpret(case).affects if (a.relation, a.on) == ("r2", "mrs-a"))
    a = ch05.example_completion(case, cand)
    assert a.capacity == "can act only within what Receptionist allows when it offers her a slot at 10:40"
    assert a.direction == "diminishes"


def test_example_completion_passes_for_every_candidate(case):
    for cand in reinterpret(case).affects:
        a = ch05.example_completion(case, cand)
        assert (a.relation, a.on) == (cand.relation, cand.on)
        assert ch05.check_affect(case, a).correct


# -- the two sorting exercises --------------------------------------------------------


def test_check_abstract_claims():
    assert ch05.check_abstract_claims(ch05.ABSTRACT_ANSWER).correct
    assert ch05.ABSTRACT_ANSWER == {"a": True, "b": False, "c": True, "d": False, "e": True,
                                    "f": False, "g": True}
    words = {k: ("supported" if v else "unknown") for k, v in ch05.ABSTRACT_ANSWER.items()}
    assert ch05.check_abstract_claims(words).correct
    f = ch05.check_abstract_claims({**ch05.ABSTRACT_ANSWER, "b": True, "f": True})
    assert not f.correct and f.message == "Not yet: 5 of 7 answered correctly so far."
    assert [h.split(":")[0] for h in f.hints] == ["Claim b", "Claim f"]
    f = ch05.check_abstract_claims({})
    assert not f.correct and f.hints[-1] == "Still to answer: a, b, c, d, e, f and g."
    assert not ch05.check_abstract_claims(None).correct


def test_check_residue_sides():
    assert ch05.check_residue_sides(ch05.RESIDUE_ANSWER).correct
    short = {k: ("sl" if v == "service_cannot_express" else "al")
             for k, v in ch05.RESIDUE_ANSWER.items()}
    assert ch05.check_residue_sides(short).correct
    flipped = {k: ch05.RESIDUE_SIDES[1 - ch05.RESIDUE_SIDES.index(v)]
               for k, v in ch05.RESIDUE_ANSWER.items()}
    f = ch05.check_residue_sides(flipped)
    assert not f.correct and f.message == "Not yet: 0 of 7 sorted correctly."
    f = ch05.check_residue_sides({"a": "neither"})
    assert not f.correct and f.hints[0].startswith("Item a: write")
    assert not ch05.check_residue_sides([]).correct


# -- the chapter's own case ------------------------------------------------------------


def test_chapter_case_first_candidate_has_a_complete_example():
    from vcc_helpers import cases
    gp = cases.load("gp-appointment")
    draft = reinterpret(gp)
    cand = draft.affects[0]
    a = ch05.example_completion(gp, cand)
    assert ch05.check_affect(gp, a).correct
    assert not ch05.check_affect(gp, Affect(cand.relation, capacity="", on=cand.on)).correct
    assert all(not c.capacity for c in draft.affects)


def test_wrap_keeps_items_and_width():
    from vcc_helpers.lenses.reinterpret import could_not_hold
    text = could_not_hold(tiny_case(), limit=2)
    wrapped = ch05.wrap(text, width=70)
    assert all(len(line) <= 70 for line in wrapped.splitlines()
               if " " in line.strip())  # only unbreakable single words may overrun
    assert wrapped.replace("\n  ", " ").replace("\n", " ").split() == text.split()
