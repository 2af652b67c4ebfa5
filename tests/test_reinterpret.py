"""Tests for vcc_helpers.lenses.reinterpret: the draft, the residue, "could not hold"."""
from __future__ import annotations

import pytest

from smallcases import bare, discharge, empty, generated
from vcc_helpers.lenses import reinterpret as ri
from vcc_helpers.lenses.reinterpret import (
    STANDING_NOTE, STEPS, CandidateAffect, could_not_hold, reinterpret, residue,
)

pytestmark = pytest.mark.unit

# relations and claims are named by their components' labels, not ids (issue 13)
SERVICE_CANNOT_EXPRESS = [
    ('non-human', ('d3', 'trust', 'carers'),
     "Hospital trust → Home care agency joins two non-humans: service logic can place it (provider sphere) only as a resource being prepared or used, not as one thing acting on another. The assemblage reading records: 'can only offer four short visits'."),
    ('non-human', ('d4', 'key-safe', 'carers'),
     "Key safe → Home care agency joins two non-humans: service logic can place it (user sphere) only as a resource being prepared or used, not as one thing acting on another. The assemblage reading records: 'can enter without waiting'; 'becomes the door'."),
    ('bypass', ('d2',),
     "'Medically fit' → Discharge coordinator, 'makes the bed count as blocked', bypasses the provider-user dyad: the service reading leaves it out."),
    ('bypass', ('d5',),
     "Four-visit rota → Mrs B, 84, 'leaves her alone from 6pm', bypasses the provider-user dyad: the service reading leaves it out."),
    ('bypass', ('d6',),
     "Her cat → Mrs B, 84, 'keeps her getting up', bypasses the provider-user dyad: the service reading leaves it out."),
    ('capacity', ('d2', 'coordinator'),
     "'Medically fit' → Discharge coordinator changes what Discharge coordinator can do ('must find her a discharge date'): this reading makes no value claim for Discharge coordinator; service logic could, by casting Discharge coordinator as a beneficiary."),
    ('capacity', ('d4', 'key-safe'),
     "Key safe → Home care agency changes what Key safe can do ('becomes the door'): service logic counts value for beneficiaries, so this capacity has no place."),
    ('aggregating', ('d1', 'coordinator'),
     'The affect of Discharge coordinator on Mrs B, 84 (d1) is aggregating, treating many bodies alike: service logic sees Discharge coordinator only in the role of frontline-staff, not as a force.'),
    ('aggregating', ('d2', 'fit-category'),
     "The affect of 'Medically fit' on Discharge coordinator (d2) is aggregating, treating many bodies alike: service logic does not see 'Medically fit' at all."),
    ('aggregating', ('d3', 'trust'),
     'The affect of Hospital trust on Home care agency (d3) is aggregating, treating many bodies alike: service logic sees Hospital trust only in the role of provider, not as a force.'),
    ('aggregating', ('d8', 'carers'),
     'The affect of Home care agency on Mrs B, 84 (d8) is aggregating, treating many bodies alike: service logic sees Home care agency only in the role of frontline-staff and other-actor, not as a force.'),
    ('line-of-flight', ('ward',),
     "The line of flight from 'the ward routine' (On the ward), with its danger and its capture by 'the bed-state meeting', has no place on a sphere diagram: spheres are fixed regions, not movements."),
    ('line-of-flight', ('home',),
     "The line of flight from 'the four-visit rota' toward 'a neighbour's spare key' (At home), with its danger and the fact that nothing yet captures it, has no place on a sphere diagram: spheres are fixed regions, not movements."),
    ('territory', ('ward',),
     "The territory 'The ward' is drawn by Ward 7: a sphere is a region of the diagram, not a line that components draw and redraw."),
    ('territory', ('key-safe', 'rota'),
     "The territory 'The home as care setting' is drawn by Key safe and Four-visit rota: a sphere is a region of the diagram, not a line that components draw and redraw."),
    ('territory', ('fit-category',),
     "The territory 'Medically fit' is drawn by 'Medically fit': a sphere is a region of the diagram, not a line that components draw and redraw."),
    ('change', ('ward', 'home'),
     "The case runs over 2 episodes ('On the ward' and 'At home'); a sphere diagram shows one arrangement, not how it changes."),
    ('change', ('carers', 'ward', 'home'),
     "What Home care agency can do changes across episodes: diminished in 'On the ward' and enhanced in 'At home'."),
    ('desire', (),
     "Desire: 'Beds keep being freed.' Service logic has no place for what an arrangement keeps producing."),
]

ASSEMBLAGE_LOSES = [
    ('accountability', ('trust',),
     'Hospital trust is the provider in the service reading, answerable for the service; the assemblage map spreads action across 9 components and names no one who must act.'),
    ('accountability', ('d5', 'mrs-b'),
     "Mrs B, 84's claim of value destroyed for the claimant (Four-visit rota → Mrs B, 84) asks who should put it right; an affect records what changed, not who must answer for it."),
    ('accountability', ('carers',),
     "Home care agency's claim of dis/value for the claimant asks who should put it right; an affect records what changed, not who must answer for it."),
    ('accountability', ('d7', 'mrs-b'),
     "Discharge coordinator's claim of mixed value (some gained, some lost) for Mrs B, 84 (Mrs B, 84 → Ward 7) asks who should put it right; an affect records what changed, not who must answer for it."),
    ('voice', ('mrs-b', 'd5'),
     "Mrs B, 84 makes a claim about their own value (whole-life, destruction: 'Home felt unsafe at night.'). The assemblage reading keeps this as one perspective among components and does not let it settle whether this was good for the claimant."),
    ('evaluation', ('mrs-b', 'd1'),
     "Hospital trust claims value created for Mrs B, 84 (outcome). Service logic can test this claim against the user's own; the assemblage reading has no standpoint for that test."),
    ('voice', ('carers',),
     "Home care agency makes a claim about their own value (capacity, dis/value: 'Visits too short to talk.'). The assemblage reading keeps this as one perspective among components and does not let it settle whether this was good for the claimant."),
    ('evaluation', ('mrs-b', 'd7'),
     "Discharge coordinator claims mixed value (some gained, some lost) for Mrs B, 84 (societal). Service logic can test this claim against the user's own; the assemblage reading has no standpoint for that test."),
    ('levers', ('trust', 'mrs-b'),
     "The proposition 'a safe discharge' (Hospital trust to Mrs B, 84) is something a manager can change and promise; read as a territory it has no owner to instruct."),
    ('levers', ('carers', 'mrs-b', 'rota'),
     "The proposition 'help to stay independent' (Home care agency to Mrs B, 84) is something a manager can change and promise; read as a territory drawn by Four-visit rota it has no owner to instruct."),
    ('levers', ('d3',),
     "Hospital trust → Home care agency sits in the provider sphere: service logic points to it as the provider's own processes to redesign; the assemblage reading treats it as one relation among others."),
    ('metrics', (),
     'The service reading sorts 4 value claims by element of value (whole-life 1, outcome 1, capacity 1, societal 1), which can be counted and compared across services; affects are singular and do not add up.'),
    ('co-production', ('d4', 'd8'),
     'co-production (Key safe → Home care agency and Home care agency → Mrs B, 84) names who takes part and how; the assemblage reading dissolves this into affects, with no ladder of participation.'),
    ('co-production', ('d7',),
     'co-design (Mrs B, 84 → Ward 7) names who takes part and how; the assemblage reading dissolves this into affects, with no ladder of participation.'),
]


# --------------------------------------------------------------------------------------
# the draft
# --------------------------------------------------------------------------------------


def test_draft_components_keep_roles_as_history_and_lean():
    d = reinterpret(discharge())
    assert [(c.id, c.was, c.lean) for c in d.components] == [
        ("mrs-b", ("user",), ""), ("ward", ("resource",), "material"),
        ("coordinator", ("frontline-staff",), ""), ("trust", ("provider",), ""),
        ("key-safe", ("resource",), "material"), ("fit-category", (), ""),
        ("carers", ("frontline-staff", "other-actor"), ""), ("cat", (), ""),
        ("rota", (), "expressive"),
    ]
    steps = {c.id: [p.step for p in c.prompts] for c in d.components}
    assert steps["trust"] == ["flatten"] and steps["rota"] == ["promote", "proposition"]
    assert "Take it apart" in d.components[3].prompts[0].text


def test_candidate_affects_two_per_interaction_then_unplaced_then_destruction():
    d = reinterpret(discharge())
    assert [(a.relation, a.on, a.by, a.step, a.lean) for a in d.affects] == [
        ("d1", "mrs-b", "coordinator", "interaction", ""),
        ("d1", "coordinator", "mrs-b", "interaction", ""),
        ("d3", "carers", "trust", "interaction", ""),
        ("d3", "trust", "carers", "interaction", ""),
        ("d4", "carers", "key-safe", "interaction", ""),
        ("d4", "key-safe", "carers", "interaction", ""),
        ("d7", "ward", "mrs-b", "interaction", ""),
        ("d7", "mrs-b", "ward", "interaction", ""),
        ("d8", "mrs-b", "carers", "interaction", ""),
        ("d8", "carers", "mrs-b", "interaction", ""),
        ("d2", "coordinator", "fit-category", "unplaced-relation", ""),
        ("d2", "fit-category", "coordinator", "unplaced-relation", ""),
        ("d5", "mrs-b", "rota", "unplaced-relation", ""),
        ("d5", "rota", "mrs-b", "unplaced-relation", ""),
        ("d6", "mrs-b", "cat", "unplaced-relation", ""),
        ("d6", "cat", "mrs-b", "unplaced-relation", ""),
        ("d5", "mrs-b", "rota", "co-destruction", "diminishes"),
        ("d7", "mrs-b", "ward", "co-destruction", "diminishes"),
    ]


def test_candidate_affects_never_assert():
    for case in (discharge(), bare(), generated(40)):
        for a in reinterpret(case).affects:
            assert (a.capacity, a.direction, a.tendency, a.character) == (
                "", "unclear", "unclear", "unclear")
            assert a.prompt.endswith("?")


def test_candidate_affect_prompts_ask_both_ways():
    d = reinterpret(discharge())
    assert d.affects[0].prompt == ("d1: what can Mrs B, 84 do, or no longer do, because "
                                   "Discharge coordinator declares her medically fit to leave?")
    assert d.affects[1].prompt == ("d1, the other way: what does Mrs B, 84 do to what "
                                   "Discharge coordinator can do here?")
    assert d.affects[10].prompt.startswith("d2 (in no sphere of the service reading): ")
    assert d.affects[16].prompt == (
        "Mrs B, 84 reports value destroyed for the claimant in d5. What capacity did this "
        "arrangement diminish, and is it also loosening (deterritorialising) a routine?")


def test_candidate_territories_from_propositions_then_spheres():
    d = reinterpret(discharge())
    assert [(t.label, t.near, t.step) for t in d.territories] == [
        ("Who 'a safe discharge' includes", ("trust", "mrs-b"), "proposition"),
        ("Who 'help to stay independent' includes", ("rota", "mrs-b"), "proposition"),
        ("The provider sphere", ("trust", "carers"), "sphere-territory"),
        ("The joint sphere", ("mrs-b", "ward", "coordinator", "carers"), "sphere-territory"),
        ("The user sphere", ("key-safe", "carers"), "sphere-territory"),
    ]


def test_value_claims_stay_quoted_perspectives():
    d = reinterpret(discharge())
    assert [(p.claimed_by, p.beneficiary, p.valence, p.relation, p.episode)
            for p in d.perspectives] == [
        ("mrs-b", "mrs-b", "destruction", "d5", "home"),
        ("trust", "mrs-b", "creation", "d1", "ward"),
        ("carers", "carers", "dis/value", None, "home"),
        ("coordinator", "mrs-b", "mixed", "d7", "ward"),
    ]
    assert d.perspectives[0].note == "Home felt unsafe at night."
    assert d.perspectives[1].prompt == (
        "Hospital trust claims value created for Mrs B, 84 (outcome). Which arrangement of "
        "components produced this, and what capacity does it name?")


def test_standalone_prompts_in_step_order_tied_to_ids():
    d = reinterpret(discharge())
    assert [(p.step, p.ids) for p in d.prompts] == [
        ("open-user-sphere", ("mrs-b",)),
        ("open-user-sphere", ("d4",)),
        ("proposition", ("trust", "mrs-b")),
        ("co-destruction", ("carers",)),
        ("co-production", ("d4",)),
        ("co-production", ("d8",)),
        ("co-production", ("d7",)),
        ("never-recorded", ("fit-category",)),
        ("never-recorded", ("d3",)),
        ("never-recorded", ("d4",)),
        ("never-recorded", ()),
        ("never-recorded", ()),
        ("never-recorded", ("ward", "home")),
        ("never-recorded", ()),
        ("never-recorded", ()),
    ]
    texts = [p.text for p in d.prompts]
    assert texts[0].startswith("What else is in the wider life of Mrs B, 84:")
    assert "co-design" in texts[6] and "recoding" in texts[6]
    assert "danger" in texts[10]
    assert "never on a person" in texts[11]
    assert "this package" in texts[14]


def test_questions_follow_the_procedure():
    d = reinterpret(discharge())
    qs = d.questions()
    # 11 component prompts, 18 candidate affects, 5 territories, 4 perspectives, 15 prompts
    assert len(qs) == 11 + 18 + 5 + 4 + 15
    order = {s: i for i, s in enumerate(STEPS)}
    assert order["flatten"] < order["never-recorded"]
    assert qs[0].startswith("Mrs B, 84 is cast as the user.")
    assert qs[-1].startswith("You, this package")


def test_to_reading_is_unanswered_and_deduplicated():
    r = reinterpret(discharge()).to_reading()
    assert len(r.affects) == 16  # 18 candidates, two repeat (d5, mrs-b) and (d7, mrs-b)
    assert {(a.capacity, a.direction, a.tendency, a.character) for a in r.affects} == {
        ("", "unclear", "unclear", "unclear")}
    assert r.territories == () and r.lines_of_flight == () and r.roles == ()
    assert "unanswered" in r.by


def test_reinterpret_without_a_service_reading():
    d = reinterpret(bare())
    assert [p.step for p in d.prompts][0] == "flatten"
    assert [(a.relation, a.on, a.step) for a in d.affects] == [
        ("b1", "a", "unplaced-relation"), ("b1", "f", "unplaced-relation"),
        ("b2", "f", "unplaced-relation"), ("b2", "s", "unplaced-relation")]
    assert d.affects[0].prompt == ("b1: what can A person do, or no longer do, because A form "
                                   "asks for details?")
    assert d.perspectives == () and d.territories == ()
    assert all(c.was == () and c.lean == "" for c in d.components)


def test_reinterpret_is_deterministic():
    assert reinterpret(discharge()) == reinterpret(discharge())


def test_candidate_affect_defaults():
    a = CandidateAffect("r", "x", "y", "interaction", "?")
    assert (a.capacity, a.direction) == ("", "unclear")


# --------------------------------------------------------------------------------------
# the residue
# --------------------------------------------------------------------------------------


def test_service_cannot_express_exact_items():
    got = residue(discharge()).service_cannot_express
    computed = [(i.topic, i.ids, i.text) for i in got if i.topic != "general"]
    assert computed == SERVICE_CANNOT_EXPRESS
    assert got[len(computed):] == ri.GENERAL_SERVICE_CANNOT_EXPRESS


def test_assemblage_loses_exact_items():
    got = residue(discharge()).assemblage_loses
    computed = [(i.topic, i.ids, i.text) for i in got if i.topic != "general"]
    assert computed == ASSEMBLAGE_LOSES
    assert got[len(computed):] == ri.GENERAL_ASSEMBLAGE_LOSES


def test_general_items_cover_the_required_losses():
    text = " ".join(i.text for i in ri.GENERAL_ASSEMBLAGE_LOSES)
    for needle in ("Accountability", "was this good for her?", "levers", "Comparability",
                   "own voice"):
        assert needle in text


def test_residue_without_readings():
    res = residue(bare())
    assert [(i.topic, i.ids) for i in res.service_cannot_express][:2] == [
        ("no-reading", ()), ("non-human", ("b2", "s", "f"))]
    assert res.service_cannot_express[1].text == (
        "A server → A form joins two non-humans: this service reading places it in no sphere; "
        "service logic could file it at most in the provider sphere, as a resource being "
        "prepared, not as one thing acting on another.")
    assert [i.topic for i in res.assemblage_loses] == ["general"] * 6


def test_residue_on_an_empty_case_is_only_general():
    res = residue(empty())
    assert [i.topic for i in res.service_cannot_express] == ["no-reading"] + ["general"] * 4
    assert res.assemblage_loses == ri.GENERAL_ASSEMBLAGE_LOSES


# --------------------------------------------------------------------------------------
# what this tool could not hold
# --------------------------------------------------------------------------------------


def test_could_not_hold_sections_and_contents():
    text = could_not_hold(discharge())
    lines = text.splitlines()
    assert lines[:5] == ["What this tool could not hold", "=" * 29, "",
                         "Case: Leaving hospital (discharge)", ""]
    assert "What the service map cannot express:" in lines
    assert "What the assemblage reading loses:" in lines
    assert "- " + SERVICE_CANNOT_EXPRESS[0][2] in lines
    assert "- " + ASSEMBLAGE_LOSES[-1][2] in lines
    assert "Left unclassified (often where the analysis is most interesting):" in lines
    assert "- Four-visit rota is described in its own words: rota-sheet." in lines
    assert "- The affect Four-visit rota → Mrs B, 84: tendency ambivalent." in lines
    assert ("- The affect Key safe → Home care agency (on Key safe): direction unclear, "
            "tendency unclear, character unclear.") in lines
    assert text.endswith(STANDING_NOTE + "\n")
    assert text.count("- ") >= len(SERVICE_CANNOT_EXPRESS) + len(ASSEMBLAGE_LOSES)


def test_could_not_hold_caps_each_topic_but_not_general_items():
    text = could_not_hold(discharge(), limit=2)
    assert "- ... and 2 more of this kind (aggregating)." in text
    assert "- ... and 1 more of this kind (bypass)." in text
    for item in ri.GENERAL_ASSEMBLAGE_LOSES:
        assert "- " + item.text in text
    full = could_not_hold(discharge(), limit=None)
    assert "more of this kind" not in full


def test_could_not_hold_is_deterministic_plain_text():
    a, b = could_not_hold(discharge()), could_not_hold(discharge())
    assert a == b and "<" not in a


def test_standing_note_paraphrases_rather_than_quotes():
    note = STANDING_NOTE.lower()
    assert "tracing" in note and "map" in note and "scaffold" in note
    assert "tracing device used to provoke mapping" not in note
    assert "its categories are scaffolding, not the theory" not in note


def test_could_not_hold_on_a_large_case_stays_short():
    small, large = could_not_hold(generated(300)), could_not_hold(generated(2000))
    assert len(small.splitlines()) < 100 and len(large.splitlines()) < 100
    assert "- ... and 6655 more of this kind (non-human)." in large


def test_valence_words_never_call_mixed_value_or_dis_value_destruction():
    assert ri.VALENCE_WORDS["destruction"] == "value destroyed"
    assert ri.VALENCE_WORDS["mixed"] == "mixed value (some gained, some lost)"
    assert ri.VALENCE_WORDS["dis/value"] == "dis/value"
    texts = [i.text for i in residue(discharge()).assemblage_loses]
    assert ("Discharge coordinator's claim of mixed value (some gained, some lost) for "
            "Mrs B, 84") in " ".join(texts)
    assert "Home care agency's claim of dis/value for the claimant" in " ".join(texts)
    joined = " ".join(texts)
    for wrong in ("both created and destroyed", "dis/valued", "for themselves", "Value dis/value"):
        assert wrong not in joined
    from vcc_helpers.lenses import service
    assert not any("created and destroyed" in q for q in service.QUESTIONS)
    assert any("mixed (some gained, some lost)" in q for q in service.QUESTIONS)


def test_possessive_of_a_name_ending_in_s():
    assert ri.possessive("Home care workers") == "Home care workers'"
    assert ri.possessive("Her daughter, J") == "Her daughter, J's"
    from vcc_helpers import cases
    text = could_not_hold(cases.load("hospital-discharge"), limit=None)
    assert "Home care workers' claim of mixed value" in text and "workers's" not in text


def test_residue_wording_for_spheres_forces_and_capacities():
    from vcc_helpers import cases
    text = could_not_hold(cases.load("hospital-discharge"), limit=None)
    # a user-sphere relation that bypasses the dyad, and a joint-sphere one
    assert ("Mrs A, 84 → The stairs, 'climbs them on Saturday night, holding the rail, to sleep "
            "in her own bed', bypasses the provider-user dyad: service logic files it in the "
            "user sphere as the user's own value creation, out of the provider's reach; it does "
            "not record what The stairs does to Mrs A, 84.") in text
    assert ("service logic can place it only by treating Her daughter, J as the user's "
            "stand-in.") in text
    assert "can be filed only as context in the user sphere" not in text
    # provider-side processes in no sphere
    assert ("- The agency rota → The 15-minute visit joins two non-humans: this service reading "
            "places it in no sphere; service logic could file it at most in the provider "
            "sphere, as a resource being prepared, not as one thing acting on another.") in text
    assert "the sphere diagram has no place for it" not in text
    # the affect's source is named, and a component on a card is never unseen
    assert ("- The affect of The home care agency on Her daughter, J (r33) is aggregating, "
            "treating many bodies alike: service logic sees The home care agency only in the "
            "role of provider, not as a force.") in text
    assert ("service logic gives The 15-minute visit no role: it appears only as one end of an "
            "interaction.") in text
    assert "does not see The 15-minute visit" not in text
    # a person who is no beneficiary could be cast as one; a thing keeps the old line
    assert ("this reading makes no value claim for Ward nurse; service logic could, by casting "
            "Ward nurse as a beneficiary.") in text
    assert ("changes what Her house can do ('can no longer be lived in as one home; upstairs is "
            "out of reach without help'): service logic counts value for beneficiaries, so this "
            "capacity has no place.") in text
    # the general item says the assemblage reading judges locally, with no common metric
    assert "refuses a simple good/bad axis" not in text
    assert "judges locally (an affect enhances or diminishes what a body can do)" in text
