"""Small hand-made cases for the lens, describe and figure tests.

Built with the model's constructors (no file reading), so the tests do not
depend on the case-file loader.  Each case is small enough that every expected
answer in the tests can be worked out by hand from this file.
"""
from __future__ import annotations

from vcc_helpers.model import (
    Affect, AssemblageReading, Case, Component, CoProduction, Episode, Interaction,
    LineOfFlight, Proposition, Relation, RoleScore, ServiceReading, Territory, ValueClaim,
)

HOSTILE = "<img src=x onerror=alert(1)>"
DOLLARS = "$x$ costs $5 & more"


def discharge() -> Case:
    """Leaving hospital: nine components, eight relations, two episodes, both readings.

    Features exercised: a relation with no episode (d8), relations placed in no
    sphere (d2, d5, d6), relations between non-humans (d3, d4), an affect on
    the *source* of its relation (A6 on d7, A8 on d4), two affects on one
    relation (d4), every valence, a claim tied to no relation (v3), a
    proposition with no carrier, an own-word kind (rota-sheet), a line of
    flight with no capture, a territory with no episode.
    """
    components = (
        Component("mrs-b", "Mrs B, 84", ("person",)),
        Component("ward", "Ward 7", ("place",)),
        Component("coordinator", "Discharge coordinator", ("person",)),
        Component("trust", "Hospital trust", ("organisation",)),
        Component("key-safe", "Key safe", ("thing",)),
        Component("fit-category", "'Medically fit'", ("category",)),
        Component("carers", "Home care agency", ("organisation",)),
        Component("cat", "Her cat", ("animal",)),
        Component("rota", "Four-visit rota", ("time", "rota-sheet")),
    )
    episodes = (Episode("ward", "On the ward"), Episode("home", "At home"))
    relations = (
        Relation("d1", "coordinator", "mrs-b", "declares her medically fit to leave", "ward"),
        Relation("d2", "fit-category", "coordinator", "makes the bed count as blocked", "ward"),
        Relation("d3", "trust", "carers", "commissions four visits a day", "ward"),
        Relation("d4", "key-safe", "carers", "lets any carer in", "home"),
        Relation("d5", "rota", "mrs-b", "leaves her alone from 6pm", "home"),
        Relation("d6", "cat", "mrs-b", "keeps her getting up", "home"),
        Relation("d7", "mrs-b", "ward", "asks to stay one more night", "ward"),
        Relation("d8", "carers", "mrs-b", "washes and dresses her"),
    )
    service = ServiceReading(
        roles={"trust": ("provider",), "coordinator": ("frontline-staff",),
               "carers": ("frontline-staff", "other-actor"), "mrs-b": ("user",),
               "key-safe": ("resource",), "ward": ("resource",)},
        interactions=(
            Interaction("d1", "joint", "direct", "assessing"),
            Interaction("d3", "provider", "indirect"),
            Interaction("d4", "user", "indirect"),
            Interaction("d7", "joint", "direct", "informing"),
            Interaction("d8", "joint", "direct", "helping"),
        ),
        propositions=(
            Proposition("trust", "mrs-b", "a safe discharge"),
            Proposition("carers", "mrs-b", "help to stay independent", "rota"),
        ),
        value=(
            ValueClaim("mrs-b", "mrs-b", "whole-life", "destruction",
                       "Home felt unsafe at night.", relation="d5"),
            ValueClaim("mrs-b", "trust", "outcome", "creation", "Discharged within target.",
                       relation="d1"),
            ValueClaim("carers", "carers", "capacity", "dis/value", "Visits too short to talk.",
                       episode="home"),
            ValueClaim("mrs-b", "coordinator", "societal", "mixed", relation="d7"),
        ),
        coproduction=(CoProduction("d7", "co-design"), CoProduction("d8", "co-production"),
                      CoProduction("d4", "co-production")),
        by="group 3",
    )
    assemblage = AssemblageReading(
        boundary="From the ward round to the first night at home.",
        affects=(
            Affect("d1", "can no longer stay on the ward", "diminishes", "deterritorialising",
                   "aggregating"),                                                    # A1
            Affect("d2", "must find her a discharge date", "unclear", "territorialising",
                   "aggregating"),                                                    # A2
            Affect("d4", "can enter without waiting", "enhances", "territorialising",
                   "singular"),                                                       # A3
            Affect("d5", "cannot get to bed safely", "diminishes", "ambivalent",
                   "singular"),                                                       # A4
            Affect("d6", "keeps moving", "enhances", "unclear", "singular"),          # A5
            Affect("d7", "gains one more night", "enhances", "reterritorialising", "singular",
                   on="mrs-b"),                                                       # A6
            Affect("d8", "can get dressed", "enhances", "territorialising",
                   "aggregating"),                                                    # A7
            Affect("d4", "becomes the door", on="key-safe"),                          # A8
            Affect("d3", "can only offer four short visits", "diminishes", "territorialising",
                   "aggregating"),                                                    # A9
        ),
        roles=(RoleScore("key-safe", 0.9, 0.2),),
        lines_of_flight=(
            LineOfFlight("home", "the four-visit rota", "Nobody knows who holds the key.",
                         toward="a neighbour's spare key"),                          # L1
            LineOfFlight("ward", "the ward routine", "A night with no one to call.",
                         captured_by="the bed-state meeting"),                        # L2
        ),
        territories=(
            Territory("The home as care setting", ("key-safe", "rota"), "home"),      # T1
            Territory("Medically fit", ("fit-category",)),                             # T2
            Territory("The ward", ("ward",), "ward"),                                  # T3
        ),
        desire=("Beds keep being freed.",),
        by="group 3",
    )
    return Case(id="discharge", title="Leaving hospital", components=components,
                relations=relations, episodes=episodes, service=service,
                assemblage=assemblage)


def bare() -> Case:
    """A neutral description only: no readings, no episodes."""
    return Case(
        id="bare", title="Bare",
        components=(Component("a", "A person", ("person",)), Component("f", "A form", ("document",)),
                    Component("s", "A server", ("technology",))),
        relations=(Relation("b1", "f", "a", "asks for details"),
                   Relation("b2", "s", "f", "times out")))


def empty() -> Case:
    """Nothing at all."""
    return Case(id="empty", title="Empty")


def hostile() -> Case:
    """Labels that are markup or mathtext; they must stay text everywhere."""
    return Case(
        id="hostile", title=f"Title {HOSTILE} {DOLLARS}",
        components=(Component("p", HOSTILE, ("person",)),
                    Component("q", DOLLARS, ("thing",)),
                    Component("o", 'Org "quoted" & <b>bold</b>', ("organisation",))),
        episodes=(Episode("e", f"Episode {HOSTILE}"),),
        relations=(Relation("h1", "q", "p", f"does {DOLLARS}", "e"),
                   Relation("h2", "o", "p", f"sends {HOSTILE}", "e")),
        service=ServiceReading(roles={"o": ("provider",), "p": ("user",)},
                               interactions=(Interaction("h2", "joint", "direct"),),
                               value=(ValueClaim("p", "p", "other", "destruction", HOSTILE,
                                                 relation="h2"),)),
        assemblage=AssemblageReading(
            affects=(Affect("h1", f"can {DOLLARS}", "diminishes", "territorialising"),),
            lines_of_flight=(LineOfFlight("e", HOSTILE, DOLLARS, captured_by=HOSTILE),),
            territories=(Territory(HOSTILE, ("p",), "e"),)))


def generated(n_components: int, relations_per_component: int = 5, episodes: int = 10,
              with_readings: bool = True) -> Case:
    """A large synthetic case (deterministic, no randomness) for scale and aggregation tests.

    Kinds cycle through person, thing, rule, category, organisation, place;
    relation *i* joins component ``i % n`` to ``(7 * i + 3) % n``.
    """
    kinds = ("person", "thing", "rule", "category", "organisation", "place")
    comps = tuple(Component(f"c{i}", f"Component {i}", (kinds[i % len(kinds)],))
                  for i in range(n_components))
    eps = tuple(Episode(f"e{k}", f"Episode {k}") for k in range(episodes))
    m = n_components * relations_per_component
    rels = tuple(Relation(f"r{i}", f"c{i % n_components}", f"c{(7 * i + 3) % n_components}",
                          "acts on", f"e{i % episodes}" if episodes and i % 11 else None)
                 for i in range(m))
    if not with_readings:
        return Case(id="gen", title="Generated", components=comps, relations=rels, episodes=eps)
    roles = {c.id: ("provider",) if i % 50 == 0 else ("user",) if i % 7 == 0 else ("resource",)
             for i, c in enumerate(comps) if i % 3}
    spheres = ("provider", "joint", "user")
    service = ServiceReading(
        roles=roles,
        interactions=tuple(Interaction(r.id, spheres[i % 3], "direct" if i % 2 else "indirect")
                           for i, r in enumerate(rels) if i % 4),
        propositions=tuple(Proposition(f"c{i}", f"c{i + 1}", f"offer {i}", f"c{i + 2}")
                           for i in range(0, min(n_components - 2, 200), 10)),
        value=tuple(ValueClaim(f"c{i % n_components}", f"c{(i * 3) % n_components}", "outcome",
                               ("creation", "destruction", "mixed", "dis/value")[i % 4],
                               relation=f"r{i}") for i in range(0, m, 13)),
        coproduction=tuple(CoProduction(f"r{i}", "co-design" if i % 2 else "co-production")
                           for i in range(0, m, 17)))
    directions = ("enhances", "diminishes", "unclear")
    tendencies = ("territorialising", "deterritorialising", "reterritorialising", "ambivalent")
    assemblage = AssemblageReading(
        affects=tuple(Affect(r.id, f"capacity {i}", directions[i % 3], tendencies[i % 4],
                             "aggregating" if i % 5 == 0 else "singular")
                      for i, r in enumerate(rels) if i % 2 == 0),
        lines_of_flight=tuple(LineOfFlight(f"e{k % episodes}" if episodes else None,
                                           f"route {k}", f"danger {k}")
                              for k in range(0, n_components, 100)),
        territories=tuple(Territory(f"territory {k}", (f"c{k}",)) for k in range(0, n_components, 100)),
        desire=("keeps producing",))
    return Case(id="gen", title="Generated", components=comps, relations=rels, episodes=eps,
                service=service, assemblage=assemblage)


def network() -> Case:
    """For the actor-network sketch: a five-cycle with two tails, a self-loop, a loose thing.

    Pat, clinic, form, portal and nurse make a cycle (n1-n5), so none of them
    alone separates the others; the server hangs off the portal (n7) and the
    daughter, with her car, off Pat (n8, n9); n6 is Pat to herself; the leaflet
    is in no relation.  Cut vertices, worked out by hand: Pat (pieces of 5 and
    2: 10 pairs), the portal (1 and 6: 6 pairs), the daughter (6 and 1: 6
    pairs).  Relations with no person at either end: n2, n3, n7.
    """
    components = (
        Component("pat", "Pat", ("person",)),
        Component("clinic", "The clinic", ("organisation",)),
        Component("form", "Intake form", ("document",)),
        Component("portal", "Patient portal", ("technology",)),
        Component("nurse", "Nurse", ("person",)),
        Component("server", "Server", ("technology",)),
        Component("daughter", "Her daughter", ("person",)),
        Component("car", "The car", ("thing",)),
        Component("leaflet", "A lost leaflet", ("document",)),
    )
    relations = (
        Relation("n1", "form", "pat", "asks for her history"),
        Relation("n2", "portal", "form", "holds"),
        Relation("n3", "clinic", "portal", "runs"),
        Relation("n4", "clinic", "nurse", "employs"),
        Relation("n5", "nurse", "pat", "phones"),
        Relation("n6", "pat", "pat", "worries"),
        Relation("n7", "server", "portal", "goes down"),
        Relation("n8", "daughter", "pat", "drives her"),
        Relation("n9", "car", "daughter", "breaks down"),
    )
    service = ServiceReading(
        interactions=(Interaction("n5", "joint"), Interaction("n8", "user", "indirect")),
        value=(ValueClaim("pat", "pat", "experience", "destruction", relation="n1"),))
    assemblage = AssemblageReading(
        affects=(Affect("n1", "can no longer remember the dates", "diminishes",
                        "territorialising", "aggregating", on="pat"),),
        lines_of_flight=(LineOfFlight(None, "the clinic's rota", "she is left with no one"),))
    return Case(id="network", title="A clinic, a portal and Pat", components=components,
                relations=relations, service=service, assemblage=assemblage)
