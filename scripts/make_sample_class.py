"""Write the made-up class folder ``vcc_helpers/cases/sample-class/`` (chapter 8's example).

Ten files as a class might hand them in: five readings of one small case (a bus pass
renewed at a council desk), three of another (a food bank's Friday session), and two
that the validator refuses (a YAML slip, a relation to a component that is not there).
Every file is MADE UP by this script: no student wrote them.  The variation between
readings comes from a seeded random choice, so running the script again gives the
same files::

    python scripts/make_sample_class.py
"""
from __future__ import annotations

import random
from pathlib import Path

from vcc_helpers.casefile import dumps_case
from vcc_helpers.model import (
    Affect, AssemblageReading, Case, Component, Episode, Interaction, LineOfFlight, Relation,
    ServiceReading, Source, ValueClaim,
)

OUT = Path(__file__).resolve().parents[1] / "vcc_helpers" / "cases" / "sample-class"
HEADER = ("# MADE UP: a generated sample for chapter 8 (scripts/make_sample_class.py).\n"
          "# No student wrote this file; it stands in for a class's hand-ins.\n")

BUS = Case(
    "bus-pass", "Renewing a bus pass",
    summary="An older woman renews her concessionary bus pass at the council's desk.",
    source=Source("reader", "Made up for the book's sample class."),
    components=(
        Component("mrs-k", "Mrs K, 79", ("person",)),
        Component("council", "The council", ("organisation",)),
        Component("clerk", "Desk clerk", ("person",)),
        Component("form", "Renewal form", ("document",)),
        Component("photo", "Passport photo", ("thing",)),
        Component("queue", "The Monday queue", ("time",)),
        Component("bus", "Number 12 bus", ("thing", "technology")),
    ),
    episodes=(Episode("desk", "At the desk"), Episode("after", "The weeks after")),
    relations=(
        Relation("b1", "council", "form", "asks for proof of address on", "desk"),
        Relation("b2", "clerk", "mrs-k", "checks her documents", "desk"),
        Relation("b3", "queue", "mrs-k", "keeps her standing for forty minutes", "desk"),
        Relation("b4", "photo", "clerk", "is refused as too old", "desk"),
        Relation("b5", "bus", "mrs-k", "takes her to her sister's", "after"),
        Relation("b6", "mrs-k", "council", "phones to ask where the pass is", "after"),
    ),
)

FOOD = Case(
    "food-bank", "Friday at the food bank",
    summary="A father collects a food parcel at a church-hall food bank.",
    source=Source("reader", "Made up for the book's sample class."),
    components=(
        Component("mr-d", "Mr D", ("person",)),
        Component("volunteers", "Volunteers", ("collective",)),
        Component("voucher", "Referral voucher", ("document",)),
        Component("hall", "Church hall", ("place",)),
        Component("parcel", "Food parcel", ("thing",)),
    ),
    episodes=(Episode("door", "At the door"), Episode("table", "At the table")),
    relations=(
        Relation("f1", "voucher", "mr-d", "lets him in", "door"),
        Relation("f2", "volunteers", "mr-d", "offer him tea while he waits", "table"),
        Relation("f3", "hall", "mr-d", "is warm and public", "table"),
        Relation("f4", "volunteers", "parcel", "pack three days of food into", "table"),
    ),
)

SPHERES = ("provider", "joint", "user")
DIRECTIONS = ("enhances", "diminishes", "unclear")
TENDENCIES = ("territorialising", "deterritorialising", "reterritorialising")


def reading(case: Case, rng: random.Random, provider: str, user: str, base: dict) -> Case:
    """One made-up reading: mostly the base coding, with a few honest disagreements."""
    inter, affects = [], []
    for r in case.relations:
        sphere, mode, direction, tendency = base[r.id]
        if rng.random() < 0.3:
            sphere = rng.choice(SPHERES)
        if rng.random() < 0.15:
            mode = "indirect" if mode == "direct" else "direct"
        if rng.random() < 0.3:
            direction = rng.choice(DIRECTIONS)
        if rng.random() < 0.3:
            tendency = rng.choice(TENDENCIES)
        if sphere != "-":
            inter.append(Interaction(r.id, sphere, mode))
        affects.append(Affect(r.id, "what it can do changes", direction, tendency))
    valence = rng.choice(("creation", "creation", "destruction", "mixed"))
    claimed_by = rng.choice((provider, user))
    service = ServiceReading(roles={provider: ("provider",), user: ("user",)},
                             interactions=tuple(inter),
                             value=(ValueClaim(user, claimed_by, "whole-life", valence),))
    flights = ()
    if rng.random() < 0.7:
        ep = case.episodes[-1].id if rng.random() < 0.7 else case.episodes[0].id
        flights = (LineOfFlight(ep, "the usual routine", "being left without help",
                                captured_by=rng.choice(("", "the next appointment"))),)
    assemblage = AssemblageReading(boundary="What happened that day and after.",
                                   affects=tuple(affects), lines_of_flight=flights)
    return Case(case.id, case.title, case.components, case.relations, case.episodes,
                case.summary, case.source, service, assemblage)


BUS_BASE = {"b1": ("provider", "indirect", "diminishes", "territorialising"),
            "b2": ("joint", "direct", "unclear", "territorialising"),
            "b3": ("-", "direct", "diminishes", "territorialising"),
            "b4": ("joint", "direct", "diminishes", "territorialising"),
            "b5": ("user", "indirect", "enhances", "deterritorialising"),
            "b6": ("joint", "direct", "enhances", "reterritorialising")}
FOOD_BASE = {"f1": ("provider", "indirect", "enhances", "territorialising"),
             "f2": ("joint", "direct", "enhances", "deterritorialising"),
             "f3": ("-", "direct", "enhances", "territorialising"),
             "f4": ("provider", "direct", "unclear", "territorialising")}

BROKEN_SYNTAX = """format: vcc-case/1
id: bus-pass
title: Renewing a bus pass
components:
  - {id: mrs-k, label: Mrs K, kinds: [person]
  - {id: clerk, label: Desk clerk, kinds: [person]}
relations:
  - {id: b2, from: clerk, to: mrs-k, does: checks her documents}
"""

BROKEN_REFERENCE = """format: vcc-case/1
id: food-bank
title: Friday at the food bank
components:
  - {id: mr-d, label: Mr D, kinds: [person]}
  - {id: volunteers, label: Volunteers, kinds: [collective]}
relations:
  - {id: f2, from: volunteers, to: mr-d, does: offer him tea while he waits}
  - {id: f4, from: volunteers, to: parcel, does: pack three days of food into}
"""


def main() -> None:
    rng = random.Random(2026)
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.yaml"):
        old.unlink()
    n = 0
    for case, provider, user, base, count in ((BUS, "council", "mrs-k", BUS_BASE, 5),
                                             (FOOD, "volunteers", "mr-d", FOOD_BASE, 3)):
        for _ in range(count):
            n += 1
            text = HEADER + dumps_case(reading(case, rng, provider, user, base))
            (OUT / f"file-{n:02d}.yaml").write_text(text, encoding="utf-8")
    for text in (BROKEN_SYNTAX, BROKEN_REFERENCE):
        n += 1
        (OUT / f"file-{n:02d}.yaml").write_text(HEADER + text, encoding="utf-8")
    print(f"wrote {n} files to {OUT}")


if __name__ == "__main__":
    main()
