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
