"""Pure edits of cases: new cases come back, the old ones are untouched, nothing dangles."""
import pytest

from vcc_helpers import edit
from vcc_helpers.model import (Affect, AssemblageReading, Case, Component, Episode, Interaction,
                               LineOfFlight, Relation, RoleScore, ServiceReading, Territory,
                               ValueClaim)

pytestmark = pytest.mark.unit


@pytest.fixture
def case():
    return Case(
        id="home", title="At home",
        components=(Component("mrs-a", "Mrs A", ("person",)),
                    Component("carer", "Care worker", ("person",)),
                    Component("key-safe", "Key safe", ("thing",)),
                    Component("rota", "Agency rota", ("document", "time"))),
        episodes=(Episode("day1", "First day"), Episode("week2", "Second week")),
        relations=(Relation("r1", "key-safe", "carer", "lets in", episode="day1"),
                   Relation("r2", "rota", "carer", "gives 15 minutes to", episode="day1"),
                   Relation("r3", "carer", "mrs-a", "helps to wash", episode="week2")),
        service=ServiceReading(
            roles={"carer": ("frontline-staff",), "mrs-a": ("user",), "key-safe": ("resource",)},
            interactions=(Interaction("r3", "joint"), Interaction("r1", "user", "indirect")),
            value=(ValueClaim("mrs-a", "mrs-a", "satisfaction", "creation", relation="r3",
                              episode="week2"),)),
        assemblage=AssemblageReading(
            affects=(Affect("r1", "can enter without waking her", "enhances"),
                     Affect("r2", "cannot stay to talk", "diminishes", on="carer")),
            roles=(RoleScore("key-safe", 0.9, 0.2),),
            lines_of_flight=(LineOfFlight("week2", "the rota", "she is left alone longer"),),
            territories=(Territory("the home visit", ("key-safe", "rota"), "day1"),)),
    )


def test_remove_component_drops_its_relations_and_reading_entries(case):
    out = edit.remove_component(case, "key-safe")
    assert [c.id for c in out.components] == ["mrs-a", "carer", "rota"]
    assert [r.id for r in out.relations] == ["r2", "r3"]
    assert "key-safe" not in out.service.roles
    assert [i.relation for i in out.service.interactions] == ["r3"]
    assert [a.relation for a in out.assemblage.affects] == ["r2"]
    assert out.assemblage.roles == ()
    assert out.assemblage.territories[0].drawn_by == ("rota",)
    # the original is untouched
    assert len(case.components) == 4 and len(case.relations) == 3


def test_unplug_and_plug_keeps_the_component_and_changes_its_relations(case):
    key_safe = case.component("key-safe")
    other = Case(id="flat", title="Another flat",
                 components=(Component("mr-b", "Mr B", ("person",)),))
    moved = edit.plug(other, key_safe, [Relation("r1", "key-safe", "mr-b", "stays locked for")])
    assert moved.component("key-safe") is key_safe
    assert [(r.source, r.target) for r in moved.relations] == [("key-safe", "mr-b")]


def test_add_relation_checks_ends_and_episode_with_hints(case):
    with pytest.raises(edit.EditError, match=r"unknown component 'mrs-b' \(did you mean 'mrs-a'\?\)"):
        edit.add_relation(case, Relation("r9", "carer", "mrs-b", "phones"))
    with pytest.raises(edit.EditError, match=r"unknown episode 'day2'"):
        edit.add_relation(case, Relation("r9", "carer", "mrs-a", "phones", episode="day2"))
    with pytest.raises(edit.EditError, match="already a relation with id 'r1'"):
        edit.add_relation(case, Relation("r1", "carer", "mrs-a", "phones"))
    out = edit.add_relation(case, Relation("r9", "carer", "mrs-a", "phones", episode="day1"))
    assert out.relations[-1].id == "r9" and len(case.relations) == 3


def test_set_affect_replaces_same_relation_and_body(case):
    out = edit.set_affect(case, Affect("r1", "can come and go", "enhances", "territorialising"))
    assert [(a.relation, a.capacity) for a in out.assemblage.affects] == [
        ("r2", "cannot stay to talk"), ("r1", "can come and go")]
    out2 = edit.set_affect(out, Affect("r1", "is exposed", "diminishes", on="mrs-a"))
    assert len(out2.assemblage.affects) == 3


def test_remove_episode_keeps_relations_without_episode(case):
    out = edit.remove_episode(case, "week2")
    assert out.relation("r3").episode is None
    assert out.service.value[0].episode is None
    assert out.assemblage.lines_of_flight[0].episode is None


def test_remove_relation_and_roles(case):
    out = edit.remove_relation(case, "r3")
    assert out.service.value == () and [i.relation for i in out.service.interactions] == ["r1"]
    out = edit.set_service_role(out, "rota", "resource")
    assert out.service.roles["rota"] == ("resource",)
    out = edit.set_service_role(out, "rota")
    assert "rota" not in out.service.roles


# -- the edits the case builder uses (each refuses bad input with a field) ---------------


def test_update_relation_checks_id_and_ends(case):
    out = edit.update_relation(case, Relation("r2", "rota", "mrs-a", "shortens the visit of"))
    assert out.relation("r2").target == "mrs-a" and [r.id for r in out.relations] == ["r1", "r2", "r3"]
    with pytest.raises(edit.EditError, match="unknown relation 'r9'") as info:
        edit.update_relation(case, Relation("r9", "rota", "mrs-a", "x"))
    assert info.value.field == "id"
    with pytest.raises(edit.EditError, match="unknown component 'mrs-b'") as info:
        edit.update_relation(case, Relation("r2", "rota", "mrs-b", "x"))
    assert info.value.field == "relations[1].to"


def test_add_relation_names_the_field_the_validator_would(case):
    with pytest.raises(edit.EditError) as info:
        edit.add_relation(case, Relation("r9", "carer", "mrs-b", "phones"))
    assert info.value.field == "relations[3].to"


def test_update_episode_keeps_its_place(case):
    out = edit.update_episode(case, Episode("day1", "The first day", "she comes home"))
    assert [e.id for e in out.episodes] == ["day1", "week2"]
    assert out.episode("day1").description == "she comes home"
    with pytest.raises(edit.EditError, match="unknown episode 'day3'"):
        edit.update_episode(case, Episode("day3", "x"))


def test_set_interaction_replaces_and_refuses_unchosen_or_unknown_words(case):
    out = edit.set_interaction(case, Interaction("r1", "joint", "direct", "greeting"))
    assert [(i.relation, i.sphere) for i in out.service.interactions] == [("r3", "joint"),
                                                                          ("r1", "joint")]
    with pytest.raises(edit.EditError, match="choose a sphere") as info:
        edit.set_interaction(case, Interaction("r1", "", "direct"))
    assert info.value.field == "sphere"
    with pytest.raises(edit.EditError, match="choose a mode"):
        edit.set_interaction(case, Interaction("r1", "joint", ""))
    with pytest.raises(edit.EditError, match=r"'customer' is not a sphere"):
        edit.set_interaction(case, Interaction("r1", "customer", "direct"))
    with pytest.raises(edit.EditError, match="unknown relation 'r7'"):
        edit.set_interaction(case, Interaction("r7", "joint", "direct"))
    bare = Case(id="b", title="B", components=case.components, relations=case.relations)
    assert edit.set_interaction(bare, Interaction("r1", "user", "indirect")).service.interactions == (
        Interaction("r1", "user", "indirect"),)


def test_remove_interaction(case):
    out = edit.remove_interaction(case, "r3")
    assert [i.relation for i in out.service.interactions] == ["r1"]
    with pytest.raises(edit.EditError, match="has no sphere"):
        edit.remove_interaction(out, "r3")


def test_set_affect_refuses_words_outside_the_closed_vocabularies(case):
    with pytest.raises(edit.EditError, match=r"'bogus' is not a tendency") as info:
        edit.set_affect(case, Affect("r1", "can wait", "enhances", "bogus"))
    assert info.value.field == "tendency"
    with pytest.raises(edit.EditError, match=r"'enhance' is not a direction.*did you mean 'enhances'"):
        edit.set_affect(case, Affect("r1", "can wait", "enhance"))
    with pytest.raises(edit.EditError, match="unknown component 'nobody'"):
        edit.set_affect(case, Affect("r1", "can wait", on="nobody"))


def test_remove_affect_by_relation_and_body(case):
    out = edit.remove_affect(case, "r2", on="carer")
    assert [a.relation for a in out.assemblage.affects] == ["r1"]
    with pytest.raises(edit.EditError, match="no affect on 'carer'"):
        edit.remove_affect(out, "r2", on="carer")
    with pytest.raises(edit.EditError, match="no affect"):
        edit.remove_affect(case, "r2")          # its affect is on the carer, not the target


def test_lines_of_flight_need_a_danger_and_are_removed_by_place(case):
    out = edit.add_line_of_flight(case, LineOfFlight("day1", "the key safe", "anyone can enter"))
    assert [lf.source for lf in out.assemblage.lines_of_flight] == ["the rota", "the key safe"]
    with pytest.raises(edit.EditError, match="simply good") as info:
        edit.add_line_of_flight(case, LineOfFlight(None, "the key safe", "  "))
    assert info.value.field == "assemblage.lines_of_flight[1].danger"
    with pytest.raises(edit.EditError, match="unknown episode"):
        edit.add_line_of_flight(case, LineOfFlight("day9", "x", "y"))
    back = edit.remove_line_of_flight(out, 0)
    assert [lf.source for lf in back.assemblage.lines_of_flight] == ["the key safe"]
    for bad in (2, -1):
        with pytest.raises(edit.EditError, match="choose an existing line of flight"):
            edit.remove_line_of_flight(out, bad)


def test_set_details_strips_and_needs_id_and_title(case):
    out = edit.set_details(case, id=" flat ", summary="A flat.")
    assert (out.id, out.title, out.summary) == ("flat", "At home", "A flat.")
    with pytest.raises(edit.EditError, match="needs a title") as info:
        edit.set_details(case, title="  ")
    assert info.value.field == "title"
    assert case.id == "home"                     # the original is untouched
