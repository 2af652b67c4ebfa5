"""Tests for vcc_helpers.describe: alt text, long descriptions, whole-case descriptions."""
from __future__ import annotations

import pytest

from smallcases import DOLLARS, HOSTILE, bare, discharge, empty, generated, hostile
from vcc_helpers import describe as ds
from vcc_helpers.describe import alt_text, describe_case, episode_groups, long_description
from vcc_helpers.lenses.examples import tiny_case

pytestmark = pytest.mark.unit

CASES = [discharge, bare, empty, hostile, tiny_case]


def test_alt_text_service_exact():
    # says what each sphere holds and names each claim by its own valence, never all
    # "destruction" (changed on purpose in issue 13: it used to count and list ids)
    assert alt_text(discharge(), "service") == (
        "Sphere diagram of 'Leaving hospital': interaction cards by sphere: provider 1, "
        "joint 3, user 1. ! Value destroyed: Four-visit rota → Mrs B, 84. ! Dis/value: not "
        "tied to one relation. ! Mixed value: Mrs B, 84 → Ward 7. 3 relations in no sphere.")


def test_every_claim_named_in_the_alt_text_is_a_legend_mark_of_the_figure():
    from vcc_helpers import cases, figures
    for c in [discharge(), tiny_case(), generated(50)] + [cases.load(n) for n in cases.names()]:
        d = figures.sphere_diagram(c)
        svg = d.svg().decode()
        for word in ("Value destroyed", "Mixed value", "Dis/value"):
            if f"! {word}:" in d.alt:
                assert f"claim: {word.lower()}</text>" in svg, (c.id, word)
        assert "destruction" not in d.alt.lower()


def test_alt_text_assemblage_exact():
    assert alt_text(discharge(), "assemblage") == (
        "Assemblage map of 'Leaving hospital': 9 affects drawn as arcs. Most fall on Mrs B, 84: "
        "5, 2 of them diminishing. 'Medically fit' territorialises Discharge coordinator. "
        "2 lines of flight in the table.")


def test_alt_text_for_one_episode_uses_the_episode_label():
    assert alt_text(discharge(), "assemblage", episode="ward") == (
        "Assemblage map of 'Leaving hospital', episode 'On the ward' highlighted: 4 affects "
        "drawn as arcs. Most fall on Mrs B, 84: 2, 1 of them diminishing. 'Medically fit' "
        "territorialises Discharge coordinator. 1 line of flight in the table.")


def test_alt_text_strip():
    assert alt_text(discharge(), "assemblage", view="strip") == (
        "Episode strip of 'Leaving hospital' (assemblage lens): 2 episodes: On the ward "
        "(4 relations), At home (3 relations). Plus 1 relation with no episode.")


def test_alt_text_without_readings():
    assert alt_text(bare(), "service") == (
        "Sphere diagram of 'Bare': 3 components; no service reading yet, so nothing is placed.")
    assert alt_text(bare(), "assemblage") == (
        "Assemblage map of 'Bare': 3 components; no assemblage reading yet, so no affects.")


@pytest.mark.parametrize("make", CASES)
@pytest.mark.parametrize("lens", ["service", "assemblage"])
@pytest.mark.parametrize("view", ["map", "strip"])
def test_alt_text_at_most_250(make, lens, view):
    text = alt_text(make(), lens, view=view)
    assert 0 < len(text) <= ds.ALT_MAX
    assert "\n" not in text


def test_alt_text_clips_a_very_long_title_but_keeps_the_finding():
    from dataclasses import replace
    c = replace(discharge(), title="A very long title " * 30)
    text = alt_text(c, "assemblage")
    assert len(text) <= 250 and "…" in text and "9 affects" in text and "Most fall on" in text


def test_alt_text_says_when_the_map_is_aggregated():
    text = alt_text(generated(200), "assemblage")
    assert "aggregated by kind (6 kinds)" in text and len(text) <= 250


def test_alt_text_rejects_unknown_lens_view_and_episode():
    with pytest.raises(ValueError, match="lens must be one of"):
        alt_text(discharge(), "ecosystem")
    with pytest.raises(ValueError, match="view must be one of"):
        alt_text(discharge(), "service", view="table")
    with pytest.raises(KeyError, match="unknown episode"):
        alt_text(discharge(), "assemblage", episode="hom")


def test_episode_groups_order():
    assert [(e, lbl, [r.id for r in rs]) for e, lbl, rs in episode_groups(discharge())] == [
        ("ward", "On the ward", ["d1", "d2", "d3", "d7"]),
        ("home", "At home", ["d4", "d5", "d6"]),
        (None, "No episode", ["d8"]),
    ]


def test_long_description_service_exact():
    assert long_description(discharge(), "service") == """\
Sphere diagram: Leaving hospital.

Provider sphere: Hospital trust (provider).
Joint sphere: Ward 7 (resource); Discharge coordinator (frontline-staff); Home care agency (frontline-staff, other-actor).
User sphere: Mrs B, 84 (user); Key safe (resource).
Not placed by the service reading: 'Medically fit'; Her cat; Four-visit rota.

Episode: On the ward.
- d1, from Discharge coordinator to Mrs B, 84: declares her medically fit to leave (joint sphere, direct, assessing).
- d2, from 'Medically fit' to Discharge coordinator: makes the bed count as blocked (in no sphere: a dotted card under the spheres).
- d3, from Hospital trust to Home care agency: commissions four visits a day (provider sphere, indirect).
- d7, from Mrs B, 84 to Ward 7: asks to stay one more night (joint sphere, direct, informing).

Episode: At home.
- d4, from Key safe to Home care agency: lets any carer in (user sphere, indirect; closed to the provider).
- d5, from Four-visit rota to Mrs B, 84: leaves her alone from 6pm (in no sphere: a dotted card under the spheres).
- d6, from Her cat to Mrs B, 84: keeps her getting up (in no sphere: a dotted card under the spheres).

No episode:
- d8, from Home care agency to Mrs B, 84: washes and dresses her (joint sphere, direct, helping).

Value proposition: Hospital trust offers Mrs B, 84 'a safe discharge'.
Value proposition: Home care agency offers Mrs B, 84 'help to stay independent', carried by Four-visit rota.
Value destruction claimed by Mrs B, 84 for themselves at d5: Home felt unsafe at night.
Value dis/value claimed by Home care agency for themselves: Visits too short to talk.
Value mixed claimed by Discharge coordinator for Mrs B, 84 at d7: societal
"""


def test_long_description_assemblage_exact_lines():
    lines = long_description(discharge(), "assemblage").splitlines()
    assert lines[0] == "Assemblage map: Leaving hospital."
    assert lines[2] == (
        "Components, marked by kind: Mrs B, 84 (person); Ward 7 (place); Discharge coordinator "
        "(person); Hospital trust (organisation); Key safe (thing); 'Medically fit' (category); "
        "Home care agency (organisation); Her cat (animal); Four-visit rota (time).")
    assert lines[4] == "Episode: On the ward."
    assert lines[5] == (
        "- d1, from Discharge coordinator to Mrs B, 84: declares her medically fit to leave "
        "(affect on Mrs B, 84, diminishes, deterritorialising (D), aggregating: "
        "'can no longer stay on the ward').")
    assert ("- d4, from Key safe to Home care agency: lets any carer in (affect on Home care "
            "agency, enhances, territorialising (T), singular: 'can enter without waiting'; "
            "affect on Key safe, unclear, unclear (?), unclear: 'becomes the door').") in lines
    assert lines[-5:] == [
        "Line of flight (On the ward): from 'the ward routine'. Danger: A night with no one to "
        "call. Captured by: the bed-state meeting.",
        "Line of flight (At home): from 'the four-visit rota' toward 'a neighbour's spare key'. "
        "Danger: Nobody knows who holds the key.",
        "Territory: 'The ward', drawn by Ward 7.",
        "Territory: 'The home as care setting', drawn by Key safe, Four-visit rota.",
        "Territory: 'Medically fit', drawn by 'Medically fit'.",
    ]


def test_long_description_highlighted_episode_first():
    lines = long_description(discharge(), "assemblage", episode="home").splitlines()
    heads = [line for line in lines if line.startswith(("Episode:", "No episode"))]
    assert heads == ["Episode: At home (highlighted).", "Episode: On the ward (faded).",
                     "No episode (faded):"]


@pytest.mark.parametrize("make", CASES)
@pytest.mark.parametrize("lens", ["service", "assemblage"])
def test_long_description_names_every_component_and_relation(make, lens):
    c = make()
    text = long_description(c, lens)
    for comp in c.components:
        assert comp.label in text
    for r in c.relations:
        assert f"- {r.id}, from " in text and r.does in text


def test_strip_description_names_every_relation():
    c = discharge()
    text = long_description(c, "service", view="strip")
    assert text.startswith("Episode strip (service lens): Leaving hospital.")
    assert all(r.does in text for r in c.relations)


def test_long_description_of_an_aggregated_map_names_every_kind():
    text = long_description(generated(200), "assemblage")
    assert "Aggregated view: 200 components are more than 150" in text
    for kind in ("person", "thing", "rule", "category", "organisation", "place"):
        assert f"- {kind}: " in text


def test_labels_stay_plain_text():
    text = describe_case(hostile())
    assert HOSTILE in text and DOLLARS in text  # plain text: escaping is the job of HTML/SVG


def test_describe_case_both_lenses_then_residue():
    text = describe_case(discharge())
    a = text.index("Sphere diagram: Leaving hospital.")
    b = text.index("Assemblage map: Leaving hospital.")
    c = text.index("What this tool could not hold")
    assert a < b < c
    assert "more of this kind" not in text  # every residue item
    assert describe_case(discharge()) == text


def test_describe_case_one_lens():
    text = describe_case(discharge(), "assemblage", limit=1)
    assert "Sphere diagram:" not in text and "Assemblage map:" in text
    assert "- ... and 1 more of this kind (non-human)." in text
    with pytest.raises(ValueError, match="did you mean 'assemblage'"):
        describe_case(discharge(), "asemblage")


def test_braces_in_labels_are_text_not_a_format_string():
    import dataclasses

    case = tiny_case()
    ep = case.episodes[0]
    hostile = dataclasses.replace(
        case, title="{title:>999999999}",
        episodes=(dataclasses.replace(ep, label="On the ward {1} {title}"), *case.episodes[1:]))
    text = alt_text(hostile, "assemblage", episode=ep.id)
    assert "On the ward {1} {title}" in text and len(text) <= 250
    assert alt_text(hostile, "service").startswith("Sphere diagram of '{title:>999999999}'")
    assert "{title" in alt_text(hostile, "service", view="strip")
