"""Tests for the third lens, vcc_helpers.lenses.actor_network, and its views: exact answers
on small hand-made cases (tests/smallcases.py: network, bare, empty)."""
from __future__ import annotations

import pytest

from smallcases import HOSTILE, bare, empty, hostile, network
from vcc_helpers import actor_network_views as av
from vcc_helpers.describe import ALT_MAX
from vcc_helpers.lenses.actor_network import (
    ILLUSTRATIVE_NOTE, PassagePoint, actor_network_reading, assemblage_cannot_hold,
    cannot_hold_of_assemblage, cannot_hold_of_service, passage_points, service_cannot_hold,
)

pytestmark = pytest.mark.unit


def test_passage_points_of_the_network_case():
    assert passage_points(network()) == (
        PassagePoint("pat", "Pat", True,
                     (("clinic", "form", "portal", "nurse", "server"), ("daughter", "car")),
                     10, ("n1", "n5", "n6", "n8")),
        PassagePoint("portal", "Patient portal", False,
                     (("pat", "clinic", "form", "nurse", "daughter", "car"), ("server",)),
                     6, ("n2", "n3", "n7"), ("server",)),
        PassagePoint("daughter", "Her daughter", True,
                     (("pat", "clinic", "form", "portal", "nurse", "server"), ("car",)),
                     6, ("n8", "n9"), ("car",)),
    )


def test_a_candidate_held_up_only_by_a_single_relation_is_marked():
    # the portal is a cut vertex only because the server has no other relation in the file
    text = av.long_description(network())
    assert ("- OPP 2, Patient portal: 6 pairs meet only through it (only because Server has "
            "no other relation in the file); it joins") in text
    assert "- OPP 1, Pat: 10 pairs meet only through it; it joins" in text
    item = [i for i in service_cannot_hold(network()) if i.ids == ("portal",)][0]
    assert "(6 pairs; only because Server has no other relation in the file)" in item.text
    assert "not a place in a graph" in ILLUSTRATIVE_NOTE and "only a place to start" in \
        ILLUSTRATIVE_NOTE


def test_actor_network_residue_wording():
    texts = [i.text for i in assemblage_cannot_hold(network())]
    assert texts[-1].startswith("Translation: Callon's four moments") and "may fail" in texts[-1]
    assert all("this package's assemblage map" in t for t in texts[:-1])
    held = [i.text for i in cannot_hold_of_assemblage(network())]
    assert held[-1] == ("The sketch records no tendencies. ANT has its own words for holding and "
                        "failing (stabilisation, betrayal), but not assemblage theory's "
                        "ruptures, affects or desire.")
    service = [i.text for i in service_cannot_hold(network())]
    assert "a thing (neither a person nor an organisation)" in service[0]
    assert service[-1].endswith("a resource or a touchpoint, but not an actant that enrols "
                                "others.")


def test_a_path_has_its_middle_and_an_empty_case_none():
    assert [p.component for p in passage_points(bare())] == ["f"]
    assert passage_points(bare())[0].pairs == 1
    assert passage_points(empty()) == ()


def test_reading_counts_actants_alike():
    r = actor_network_reading(network())
    assert r.actants == ("pat", "clinic", "form", "portal", "nurse", "server", "daughter", "car",
                         "leaflet")
    assert r.human == ("pat", "nurse", "daughter")
    # the clinic is a composite (an organisation), counted apart from persons and things
    assert r.nonhuman == ("form", "portal", "server", "car", "leaflet")
    assert r.composite == ("clinic",)
    assert r.associations == tuple(f"n{i}" for i in range(1, 10))
    assert r.nonhuman_associations == ("n2", "n7")  # n3 has the clinic at one end
    assert r.unconnected == ("leaflet",)
    assert r.note == ILLUSTRATIVE_NOTE and "small illustrative third reading" in r.note
    assert len(r.questions) == 7


def test_residue_against_service_and_assemblage():
    c = network()
    assert [(i.topic, i.ids) for i in cannot_hold_of_service(c)] == [
        ("value", ("n1",)), ("sphere", ("n8",)), ("general", ()), ("general", ())]
    assert cannot_hold_of_service(c)[1].text.startswith("n8 sits in the user's sphere")
    assert [(i.topic, i.ids) for i in cannot_hold_of_assemblage(c)] == [
        ("affect", ("n1",)), ("line-of-flight", ()), ("general", ()), ("general", ())]
    # the other way: only the non-human passage point is beyond the sphere diagram
    assert [i.ids for i in service_cannot_hold(c)] == [("portal",), ()]
    assert [i.ids for i in assemblage_cannot_hold(c)] == [("pat",), ("portal",), ("daughter",), ()]
    assert [i.topic for i in cannot_hold_of_service(bare())] == ["general", "general"]


def test_alt_text_exact_and_short():
    assert av.alt_text(network()) == (
        "Actor-network sketch of 'A clinic, a portal and Pat' (a small illustrative third "
        "reading): 9 actants (3 human, 1 composite, 5 non-human), 9 associations; 3 candidate obligatory "
        "passage points, first Pat (10 pairs meet only through it).")
    assert av.alt_text(empty()).endswith("0 associations; no candidate obligatory passage point.")
    long_title = network().__class__(id="x", title="T" * 300)
    assert len(av.alt_text(long_title)) <= ALT_MAX


def test_long_description_names_every_relation_and_point():
    text = av.long_description(network())
    assert ILLUSTRATIVE_NOTE in text
    for i in range(1, 10):
        assert f"- n{i}, between " in text
    assert "- n2, between Patient portal and Intake form: holds (a thing at each end)." in text
    assert ("- OPP 1, Pat: 10 pairs meet only through it; it joins The clinic, Intake form, "
            "Patient portal, Nurse, Server | Her daughter, The car.") in text
    assert "In no association: A lost leaflet." in text


def test_figure_is_deterministic_escaped_and_says_it_is_illustrative():
    d = av.network_map(network())
    svg = d.svg()
    assert svg == av.network_map(network()).svg()
    assert b"OPP 1" in svg and b"small illustrative third reading" in svg
    assert "illustrative" in d.caption and d.alt == av.alt_text(network())
    h = av.network_map(hostile()).svg()
    assert HOSTILE.encode() not in h and b"&lt;img" in h
