"""Tests for vcc_helpers.lenses.assemblage: exact answers on small hand-made cases."""
from __future__ import annotations

import pytest

from smallcases import bare, discharge, empty
from vcc_helpers.lenses.examples import tiny_case
from vcc_helpers.lenses import assemblage as al
from vcc_helpers.lenses.assemblage import (
    AffectRow, FlightRow, TerritoryRow, affect_economy, affect_rows, aggregating_affects,
    assemblage_reading, capacities_of, destabilisers, episode_label, lines_of_flight,
    nonhuman_affects, relations_without_affect, stabilisers, territories,
)

pytestmark = pytest.mark.unit

# (relation, on, by, direction, tendency, character, episode) of affects A1..A9 in smallcases
A1 = ("d1", "mrs-b", "coordinator", "diminishes", "deterritorialising", "aggregating", "ward")
A2 = ("d2", "coordinator", "fit-category", "unclear", "territorialising", "aggregating", "ward")
A3 = ("d4", "carers", "key-safe", "enhances", "territorialising", "singular", "home")
A4 = ("d5", "mrs-b", "rota", "diminishes", "ambivalent", "singular", "home")
A5 = ("d6", "mrs-b", "cat", "enhances", "unclear", "singular", "home")
A6 = ("d7", "mrs-b", "ward", "enhances", "reterritorialising", "singular", "ward")
A7 = ("d8", "mrs-b", "carers", "enhances", "territorialising", "aggregating", None)
A8 = ("d4", "key-safe", "carers", "unclear", "unclear", "unclear", "home")
A9 = ("d3", "carers", "trust", "diminishes", "territorialising", "aggregating", "ward")


def key(rows):
    return [(a.relation, a.on, a.by, a.direction, a.tendency, a.character, a.episode)
            for a in rows]


def test_affect_rows_in_episode_then_file_order():
    assert key(affect_rows(discharge())) == [A1, A2, A9, A6, A3, A8, A4, A5, A7]


def test_affect_row_spells_out_the_relation():
    row = affect_rows(discharge())[3]
    assert row == AffectRow("d7", "mrs-b", "ward", "asks to stay one more night", "mrs-b",
                            "ward", "gains one more night", "enhances", "reterritorialising",
                            "singular", "ward")


def test_affect_economy_groups_by_episode_no_episode_last():
    eco = affect_economy(discharge())
    assert [(g.episode, g.label) for g in eco] == [
        ("ward", "On the ward"), ("home", "At home"), (None, "No episode")]
    assert [key(g.affects) for g in eco] == [[A1, A2, A9, A6], [A3, A8, A4, A5], [A7]]


def test_affect_economy_keeps_empty_episodes_and_drops_empty_no_episode_group():
    from dataclasses import replace

    from vcc_helpers.model import Episode
    c = discharge()
    c = replace(c, episodes=c.episodes + (Episode("later", "Weeks later"),),
                relations=tuple(replace(r, episode=r.episode or "home") for r in c.relations))
    eco = affect_economy(c)
    assert [(g.episode, len(g.affects)) for g in eco] == [("ward", 4), ("home", 5), ("later", 0)]


def test_capacities_of_splits_by_direction():
    cap = capacities_of(discharge(), "mrs-b")
    assert (cap.component, cap.label) == ("mrs-b", "Mrs B, 84")
    assert [(a.relation, a.capacity) for a in cap.can] == [
        ("d7", "gains one more night"), ("d6", "keeps moving"), ("d8", "can get dressed")]
    assert [(a.relation, a.capacity) for a in cap.can_no_longer] == [
        ("d1", "can no longer stay on the ward"), ("d5", "cannot get to bed safely")]
    assert cap.unclear == ()


def test_capacities_of_a_thing_and_of_a_component_with_none():
    assert [a.capacity for a in capacities_of(discharge(), "key-safe").unclear] == [
        "becomes the door"]
    cat = capacities_of(discharge(), "cat")
    assert (cat.can, cat.can_no_longer, cat.unclear) == ((), (), ())


def test_capacities_of_unknown_component_hints():
    with pytest.raises(KeyError, match="did you mean 'carers'"):
        capacities_of(discharge(), "carer")


def test_nonhuman_affects_count_composites_apart():
    # d3 (trust -> agency) and d4 (key safe -> agency) each have an organisation at one end:
    # a composite, counted apart from persons and things (issue 18), so neither is between
    # two non-humans; rain -> bus in the tiny case is.
    assert key(nonhuman_affects(discharge())) == []
    assert [(a.source, a.target) for a in nonhuman_affects(tiny_case())] == [("rain", "bus")]


def test_stabilisers_and_destabilisers():
    assert key(stabilisers(discharge())) == [A2, A9, A6, A3, A7]
    assert key(destabilisers(discharge())) == [A1]


def test_ambivalent_and_unclear_are_neither():
    c = discharge()
    both = {a.relation + a.on for a in stabilisers(c) + destabilisers(c)}
    assert "d5mrs-b" not in both and "d6mrs-b" not in both and "d4key-safe" not in both


def test_aggregating_affects():
    assert key(aggregating_affects(discharge())) == [A1, A2, A9, A7]


def test_lines_of_flight_episode_order_with_captures():
    assert lines_of_flight(discharge()) == (
        FlightRow("ward", "On the ward", "the ward routine", "", "A night with no one to call.",
                  "the bed-state meeting", True, ""),
        FlightRow("home", "At home", "the four-visit rota", "a neighbour's spare key",
                  "Nobody knows who holds the key.", "", False, ""),
    )


def test_territories_and_what_draws_them():
    assert territories(discharge()) == (
        TerritoryRow("The ward", ("ward",), ("Ward 7",), "ward", ""),
        TerritoryRow("The home as care setting", ("key-safe", "rota"),
                     ("Key safe", "Four-visit rota"), "home", ""),
        TerritoryRow("Medically fit", ("fit-category",), ("'Medically fit'",), None, ""),
    )


def test_episode_label_is_not_fooled_by_a_component_with_the_same_id():
    c = discharge()
    assert c.label("ward") == "Ward 7"          # the model prefers components
    assert episode_label(c, "ward") == "On the ward"
    assert episode_label(c, None) == "No episode"
    assert episode_label(c, "nowhere") == "nowhere"


def test_relations_without_affect():
    assert relations_without_affect(discharge()) == ()
    assert relations_without_affect(bare()) == ("b1", "b2")


def test_assemblage_reading_bundles_everything():
    c = discharge()
    a = assemblage_reading(c)
    assert a.present and a.by == "group 3"
    assert a.boundary == "From the ward round to the first night at home."
    assert dict(a.direction_counts) == {"enhances": 4, "diminishes": 3, "unclear": 2}
    assert dict(a.tendency_counts) == {"territorialising": 4, "deterritorialising": 1,
                                       "reterritorialising": 1, "ambivalent": 1, "unclear": 2}
    assert a.economy == affect_economy(c)
    assert a.nonhuman == nonhuman_affects(c)
    assert a.stabilisers == stabilisers(c) and a.destabilisers == destabilisers(c)
    assert a.aggregating == aggregating_affects(c)
    assert a.lines_of_flight == lines_of_flight(c) and a.territories == territories(c)
    assert [r.component for r in a.roles] == ["key-safe"]
    assert a.desire == ("Beds keep being freed.",)
    assert a.questions == al.QUESTIONS
    assert assemblage_reading(c) == a


@pytest.mark.parametrize("make", [bare, empty])
def test_no_assemblage_reading_gives_empty_answers(make):
    c = make()
    a = assemblage_reading(c)
    assert not a.present
    assert (a.economy, a.nonhuman, a.stabilisers, a.destabilisers, a.aggregating,
            a.lines_of_flight, a.territories, a.roles, a.desire) == ((),) * 9
    assert sum(a.direction_counts.values()) == 0


def test_questions_are_plain_sentences():
    assert all(q.endswith("?") and q[0].isupper() for q in al.QUESTIONS)
    assert any("danger" in q for q in al.QUESTIONS)
