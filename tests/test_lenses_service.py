"""Tests for vcc_helpers.lenses.service: exact answers on small hand-made cases."""
from __future__ import annotations

import pytest

from smallcases import bare, discharge, empty
from vcc_helpers.lenses import service as sl
from vcc_helpers.lenses.service import (
    FormCount, Party, PropositionRow, SphereRow, component_spheres, coproduction_profile,
    destruction_points, service_reading, sphere_table, unplaced_relations, value_claims,
    value_propositions, who_benefits, who_provides,
)

pytestmark = pytest.mark.unit


def test_who_provides_in_file_order_with_claims():
    assert who_provides(discharge()) == (
        Party("coordinator", "Discharge coordinator", ("frontline-staff",)),
        Party("trust", "Hospital trust", ("provider",)),
        Party("carers", "Home care agency", ("frontline-staff", "other-actor"), 1,
              ("dis/value",)),
    )


def test_who_benefits_users_and_beneficiaries():
    assert who_benefits(discharge()) == (
        Party("mrs-b", "Mrs B, 84", ("user",), 3, ("creation", "destruction", "mixed")),
        Party("carers", "Home care agency", ("frontline-staff", "other-actor"), 1,
              ("dis/value",)),
    )


def test_sphere_table_rows_and_visibility():
    rows = sphere_table(discharge())
    assert rows == (
        SphereRow("d1", "coordinator", "mrs-b", "declares her medically fit to leave", "joint",
                  "direct", "assessing", "ward", True, True),
        SphereRow("d3", "trust", "carers", "commissions four visits a day", "provider",
                  "indirect", "", "ward", True, False),
        SphereRow("d4", "key-safe", "carers", "lets any carer in", "user", "indirect", "",
                  "home", False, True),
        SphereRow("d7", "mrs-b", "ward", "asks to stay one more night", "joint", "direct",
                  "informing", "ward", True, True),
        SphereRow("d8", "carers", "mrs-b", "washes and dresses her", "joint", "direct",
                  "helping", None, True, True),
    )


def test_user_sphere_is_closed_to_the_provider():
    closed = [r.relation for r in sphere_table(discharge()) if not r.visible_to_provider]
    assert closed == ["d4"]


def test_unplaced_relations():
    assert unplaced_relations(discharge()) == ("d2", "d5", "d6")
    assert unplaced_relations(bare()) == ("b1", "b2")


def test_component_spheres_rule():
    assert component_spheres(discharge()) == {
        "mrs-b": "user", "ward": "joint", "coordinator": "joint", "trust": "provider",
        "key-safe": "user", "fit-category": None, "carers": "joint", "cat": None, "rota": None,
    }


def test_value_propositions_with_carriers():
    assert value_propositions(discharge()) == (
        PropositionRow("trust", "Hospital trust", "mrs-b", "Mrs B, 84", "a safe discharge",
                       None, "", ()),
        PropositionRow("carers", "Home care agency", "mrs-b", "Mrs B, 84",
                       "help to stay independent", "rota", "Four-visit rota",
                       ("time", "rota-sheet")),
    )


@pytest.mark.parametrize("by, expected", [
    ("claimed_by", {"mrs-b": ["destruction"], "trust": ["creation"], "carers": ["dis/value"],
                    "coordinator": ["mixed"]}),
    ("element", {"whole-life": ["destruction"], "outcome": ["creation"],
                 "capacity": ["dis/value"], "societal": ["mixed"]}),
    ("beneficiary", {"mrs-b": ["destruction", "creation", "mixed"], "carers": ["dis/value"]}),
])
def test_value_claims_grouped(by, expected):
    got = value_claims(discharge(), by=by)
    assert {k: [v.valence for v in vs] for k, vs in got.items()} == expected
    assert list(got) == list(expected)  # first-appearance order


def test_value_claims_rejects_unknown_grouping():
    with pytest.raises(ValueError, match="claimed_by, element, beneficiary"):
        value_claims(discharge(), by="colour")


def test_destruction_points_with_relation_and_episode():
    assert destruction_points(discharge()) == (
        sl.DestructionPoint("mrs-b", "mrs-b", "whole-life", "destruction",
                            "Home felt unsafe at night.", "d5", "home",
                            "leaves her alone from 6pm"),
        sl.DestructionPoint("carers", "carers", "capacity", "dis/value",
                            "Visits too short to talk.", None, "home", ""),
        sl.DestructionPoint("mrs-b", "coordinator", "societal", "mixed", "", "d7", "ward",
                            "asks to stay one more night"),
    )


def test_coproduction_profile_suggested_order_then_file_order():
    assert coproduction_profile(discharge()) == (
        FormCount("co-production", 2, ("d4", "d8")),
        FormCount("co-design", 1, ("d7",)),
    )


def test_service_reading_bundles_everything():
    c = discharge()
    s = service_reading(c)
    assert s.present and s.by == "group 3" and s.case == "discharge"
    assert dict(s.sphere_counts) == {"provider": 1, "joint": 3, "user": 1}
    assert s.spheres == sphere_table(c)
    assert s.providers == who_provides(c) and s.beneficiaries == who_benefits(c)
    assert s.unplaced == ("d2", "d5", "d6")
    assert list(s.claims) == ["mrs-b", "trust", "carers", "coordinator"]
    assert s.destruction == destruction_points(c)
    assert s.coproduction == coproduction_profile(c)
    assert s.questions == sl.QUESTIONS
    assert service_reading(c) == s  # deterministic


@pytest.mark.parametrize("make", [bare, empty])
def test_no_service_reading_gives_empty_answers(make):
    c = make()
    s = service_reading(c)
    assert not s.present
    assert (s.providers, s.beneficiaries, s.spheres, s.propositions, s.destruction,
            s.coproduction) == ((), (), (), (), (), ())
    assert dict(s.claims) == {}
    assert dict(s.sphere_counts) == {"provider": 0, "joint": 0, "user": 0}
    assert s.unplaced == tuple(r.id for r in c.relations)


def test_questions_are_plain_sentences():
    assert len(sl.QUESTIONS) >= 6
    assert all(q.endswith("?") and q[0].isupper() for q in sl.QUESTIONS)
