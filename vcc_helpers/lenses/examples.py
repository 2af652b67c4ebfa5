"""A tiny hand-made case for the examples in the lens, describe and figure docstrings.

It is deliberately small (eight components, seven relations, two episodes) so
that every answer can be checked by eye.  It is a teaching sketch written for
this package, not a report of a real service.

Examples
--------
>>> c = tiny_case()
>>> len(c.components), len(c.relations), [e.id for e in c.episodes]
(8, 7, ['morning', 'visit'])
"""
from __future__ import annotations

from vcc_helpers.model import (
    Affect, AssemblageReading, Case, Component, CoProduction, Episode, Interaction,
    LineOfFlight, Proposition, Relation, RoleScore, ServiceReading, Source, Territory,
    ValueClaim,
)


def tiny_case() -> Case:
    """A morning trying to see a GP, described once and read through both lenses.

    Returns
    -------
    Case
        Eight components, seven relations over two episodes (one relation has
        no episode), a service reading and an assemblage reading.
    """
    components = (
        Component("mrs-a", "Mrs A", ("person",)),
        Component("surgery", "GP surgery", ("organisation",)),
        Component("receptionist", "Receptionist", ("person",)),
        Component("phone-line", "8am phone line", ("technology", "time")),
        Component("triage-rule", "Triage rule", ("rule", "category")),
        Component("bus", "Number 7 bus", ("thing",)),
        Component("rain", "Rain", ("other",)),
        Component("daughter", "Her daughter", ("person",)),
    )
    episodes = (Episode("morning", "Ringing at 8am"), Episode("visit", "Getting there"))
    relations = (
        Relation("r1", "phone-line", "mrs-a", "keeps her on hold for forty minutes", "morning",
                 account="mrs-a"),
        Relation("r2", "receptionist", "mrs-a", "offers her a slot at 10:40", "morning"),
        Relation("r3", "triage-rule", "receptionist", "tells whom to put first", "morning"),
        Relation("r4", "surgery", "phone-line", "opens the line at 8am", "morning"),
        Relation("r5", "rain", "bus", "slows down", "visit"),
        Relation("r6", "bus", "mrs-a", "gets her to the surgery late", "visit"),
        Relation("r7", "daughter", "mrs-a", "rings again on her behalf"),
    )
    service = ServiceReading(
        roles={"surgery": ("provider",), "receptionist": ("frontline-staff",),
               "mrs-a": ("user",), "daughter": ("other-actor",),
               "phone-line": ("resource",), "triage-rule": ("resource",)},
        interactions=(
            Interaction("r1", "user", "indirect", "informing"),
            Interaction("r2", "joint", "direct", "informing"),
            Interaction("r3", "provider", "indirect", "assessing"),
            Interaction("r4", "provider", "indirect", "delivering"),
            Interaction("r6", "user", "indirect"),
            Interaction("r7", "user", "direct", "helping"),
        ),
        propositions=(Proposition("surgery", "mrs-a", "same-day care when it is urgent",
                                  "phone-line"),),
        value=(
            ValueClaim("mrs-a", "mrs-a", "satisfaction", "destruction",
                       "Forty minutes on hold left her exhausted.", relation="r1"),
            ValueClaim("mrs-a", "surgery", "outcome", "creation", "Seen the same day.",
                       relation="r2", episode="morning"),
        ),
        coproduction=(CoProduction("r7", "co-production"),),
        by="a student",
    )
    assemblage = AssemblageReading(
        boundary="One morning of one appointment; the practice budget is left out.",
        affects=(
            Affect("r1", "can do nothing else that morning", "diminishes", "territorialising",
                   "aggregating"),
            Affect("r3", "can only offer what the rule allows", "diminishes",
                   "territorialising", "aggregating"),
            Affect("r5", "can no longer keep to its timetable", "diminishes",
                   "deterritorialising", "singular"),
            Affect("r6", "misses the start of her appointment", "diminishes",
                   "deterritorialising", "singular"),
            Affect("r7", "can get through without holding", "enhances", "reterritorialising",
                   "singular"),
        ),
        roles=(RoleScore("triage-rule", 0.2, 0.9),),
        lines_of_flight=(LineOfFlight("visit", "the booked slot",
                                      "She may be turned away and lose the slot altogether.",
                                      toward="walking in without an appointment",
                                      captured_by="the triage rule"),),
        territories=(Territory("The 8am queue", ("phone-line", "triage-rule"), "morning"),),
        desire=("The surgery keeps producing an 8am rush.",),
        by="a student",
    )
    return Case(id="gp-morning", title="A morning trying to see a GP",
                components=components, relations=relations, episodes=episodes,
                summary="Mrs A rings at 8am, gets a slot, and arrives late.",
                source=Source("teaching-case", "A sketch written for the package docs."),
                service=service, assemblage=assemblage)
