"""Chapter 4's small assemblage, its display helpers and its answer checks."""
import pytest

from vcc_helpers import edit
from vcc_helpers.exercises import ch04
from vcc_helpers.exercises._common import Feedback, Prose
from vcc_helpers.lenses import assemblage as al

pytestmark = pytest.mark.unit


@pytest.fixture
def home():
    return ch04.small_assemblage()


# -- the cases -------------------------------------------------------------------------


def test_small_assemblage_is_consistent(home):
    ids = {c.id for c in home.components}
    assert [c.id for c in home.components] == ["mrs-b", "care-worker", "key-safe", "rota", "stairs"]
    assert all(r.source in ids and r.target in ids for r in home.relations)
    rel_ids = {r.id for r in home.relations}
    assert {a.relation for a in home.assemblage.affects} == rel_ids  # an affect on every relation
    assert all(a.on in ids for a in home.assemblage.affects)
    assert all(f.danger for f in home.assemblage.lines_of_flight)
    assert home.source.kind == "teaching-case"


def test_capacities_of_mrs_b(home):
    cap = al.capacities_of(home, "mrs-b")
    assert [a.relation for a in cap.can] == ["r2", "r4", "r5"]
    assert [a.relation for a in cap.can_no_longer] == ["r6"]
    assert cap.unclear == ()


def test_unplugging_the_key_safe_loses_one_capacity_and_keeps_the_rest(home):
    without = edit.remove_component(home, "key-safe")
    t = ch04.compare_capacities(home, without, "mrs-b")
    assert [(row[0], row[3]) for row in t.rows] == [
        ("r2", "lost"), ("r4", "kept"), ("r5", "kept"), ("r6", "kept")]
    assert home.component("key-safe")  # the original case is untouched


def test_plugging_the_key_safe_into_the_flat(home):
    flat = ch04.other_home()
    out = edit.plug(flat, home.component("key-safe"), ch04.key_safe_relations_in_flat())
    for a in ch04.key_safe_affects_in_flat():
        out = edit.set_affect(out, a)
    cap = al.capacities_of(out, "neighbour")
    assert [(a.relation, a.capacity) for a in cap.can] == [
        ("k1", "can let herself in at night if he does not answer")]
    assert [a.relation for a in al.capacities_of(out, "mr-c").unclear] == ["k2"]
    assert [a.tendency for a in al.destabilisers(out)] == ["deterritorialising"] * 2


def test_late_slot_replaces_the_rota_affect_on_mrs_b(home):
    later = edit.set_affect(home, ch04.late_slot_affect())
    t = ch04.compare_capacities(home, later, "mrs-b")
    assert [(row[0], row[3]) for row in t.rows] == [
        ("r2", "kept"), ("r4", "lost"), ("r5", "kept"), ("r6", "kept"), ("r4", "new")]
    assert t.rows[-1][2] == "can no longer"
    assert len(later.assemblage.affects) == len(home.assemblage.affects)


def test_lost_relations_when_the_rota_goes(home):
    assert ch04.lost_relations(home, edit.remove_component(home, "rota"),
                               "care-worker") == frozenset({"r3", "r7"})


# -- display ---------------------------------------------------------------------------


def test_summarise_assemblage_counts_are_computed(home):
    p = ch04.summarise_assemblage(home)
    assert ch04.describe_case is ch04.summarise_assemblage  # the old name still works
    assert isinstance(p, Prose)
    assert "5 components" in str(p) and "7 relations" in str(p)
    assert "(Mrs B, 88; Dev, her care worker; Key safe;" in str(p)
    assert "1 line of flight" in str(p) and "1 territory" in str(p)


def test_show_dispatches_on_lens_results(home):
    assert ch04.show(al.capacities_of(home, "care-worker"), home).rows[0] == (
        "can", "can let herself in without waiting at the door", "r1", "Key safe")
    economy = ch04.show(al.affect_economy(home))
    assert len(economy) == 7 and economy.caption == "The affect economy: A weekday morning"
    assert economy.rows[0][:2] == ("r1", "care-worker")
    assert ch04.show(al.lines_of_flight(home)).rows[0][4] == (
        "a falls-risk review that adds a pendant alarm")
    assert ch04.show(al.territories(home), home).rows[0][1] == (
        "The agency's visit rota and Key safe")
    agg = ch04.show(al.aggregating_affects(home), home)
    assert [row[0] for row in agg.rows] == ["r3", "r4", "r7"]


def test_show_escapes_markup(home):
    from dataclasses import replace
    c = edit.update_component(home, replace(home.component("key-safe"), label="<b>Safe</b>"))
    html = ch04.show(al.capacities_of(c, "care-worker"), c)._repr_html_()
    assert "<b>Safe" not in html and "&lt;b&gt;Safe" in html


def test_show_economy_over_several_episodes_has_an_episode_column():
    from vcc_helpers.lenses.examples import tiny_case
    t = ch04.show(al.affect_economy(tiny_case()))
    assert t.header[0] == "Episode"
    assert [row[0] for row in t.rows] == ["Ringing at 8am"] * 2 + ["Getting there"] * 2 + [
        "No episode"]


def test_show_refuses_other_things():
    with pytest.raises(TypeError):
        ch04.show(42)


# -- checks ----------------------------------------------------------------------------


def test_check_misreadings_right():
    f = ch04.check_misreadings({1: True, 2: False, 3: True, 4: True, 5: False, 6: True})
    assert isinstance(f, Feedback) and f.correct


def test_check_misreadings_accepts_words_and_string_keys():
    assert ch04.check_misreadings({"1": "yes", "2": "fair", "3": "misreading", "4": True,
                                   "5": "no", "6": "true"}).correct


@pytest.mark.parametrize("answer", [{}, None, "1,3,4,6", [1, 3], {1: "maybe"}])
def test_check_misreadings_blank_or_malformed_is_not_yet_and_never_raises(answer):
    f = ch04.check_misreadings(answer)
    assert not f.correct and str(f).startswith("Not yet")


def test_check_misreadings_names_the_wrong_statement():
    f = ch04.check_misreadings({1: True, 2: False, 3: False, 4: True, 5: False, 6: True})
    assert not f.correct
    assert f.message == "Not yet: 5 of 6 answered correctly so far."
    assert f.hints[0].startswith("Statement 3: think again.")


def test_check_unplugged_rota():
    assert ch04.check_unplugged_rota({"r3", "r7"}).correct
    assert ch04.check_unplugged_rota("r7, r3").correct
    f = ch04.check_unplugged_rota({"r3"})
    assert not f.correct and "1 more relation(s)" in f.hints[-1]
    f = ch04.check_unplugged_rota({"r3", "r7", "r1"})
    assert not f.correct and f.hints[0].startswith("r1 does not tie the rota")
    f = ch04.check_unplugged_rota({"r99"})
    assert not f.correct and f.hints[0].startswith("r99 is not a relation")
    assert not ch04.check_unplugged_rota(set()).correct
    assert not ch04.check_unplugged_rota(3).correct


def test_check_lineage():
    assert ch04.check_lineage(ch04.LINEAGE_ANSWER).correct
    spelled = {k: {"deleuze-guattari": "D&G", "delanda": "DeLanda",
                   "fox-alldred": "Fox & Alldred"}[v] for k, v in ch04.LINEAGE_ANSWER.items()}
    assert ch04.check_lineage(spelled).correct
    f = ch04.check_lineage({**ch04.LINEAGE_ANSWER, "affect economy": "deleuze-guattari"})
    assert not f.correct
    assert f.hints == ("'affect economy' is not Deleuze and Guattari's: think again.",)
    f = ch04.check_lineage({})
    assert not f.correct and f.message == "Not yet: 0 of 9 placed correctly."
    assert not ch04.check_lineage({"agencement": "Spinoza"}).correct
    assert not ch04.check_lineage("delanda").correct
