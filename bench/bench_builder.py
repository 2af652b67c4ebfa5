"""Print the case builder's update time: add a relation, validate it, redraw both lenses.

Median (and spread) over 20 runs, on the worked example (``hospital-discharge``,
or a generated 20-component case when the bundled case is missing) and on a
generated 300-component case (past 150 components the assemblage map is drawn
aggregated by kind, by :mod:`vcc_helpers.figures`).  Floors: median 150 ms and 1 s.
Also prints what the kernel-free views weigh (their widget state, as embedded in
a built page).  Prints figures; it is not a test.

    .venv/bin/python bench/bench_builder.py
"""
from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ipywidgets.embed import dependency_state  # noqa: E402

from vcc_helpers.model import (  # noqa: E402
    DIRECTIONS, SPHERES, TENDENCIES, Affect, AssemblageReading, Case, Component, Episode,
    Interaction, LineOfFlight, Relation, ServiceReading,
)
from vcc_helpers.widgets import CaseBuilder, EpisodeStepper, LensExplorer  # noqa: E402

RUNS = 20
FLOORS = {"worked example": 0.150, "300 components": 1.0}
KINDS = ("person", "collective", "organisation", "thing", "place", "document", "rule",
         "technology", "time")
ROLES = ("provider", "frontline-staff", "user", "other-actor", "resource")


def generated_case(n: int, seed: int = 1) -> Case:
    """A random but valid case: *n* components, 2*n relations over 5 episodes, both readings."""
    rng = random.Random(seed)
    comps = tuple(Component(f"c{i}", f"Component {i}", (KINDS[i % len(KINDS)],))
                  for i in range(n))
    eps = tuple(Episode(f"e{i}", f"Episode {i + 1}") for i in range(5))
    rels = tuple(Relation(f"r{i}", f"c{rng.randrange(n)}", f"c{rng.randrange(n)}",
                          "acts on", f"e{rng.randrange(5)}") for i in range(2 * n))
    service = ServiceReading(
        roles={c.id: (ROLES[i % len(ROLES)],) for i, c in enumerate(comps)},
        interactions=tuple(Interaction(r.id, SPHERES[i % 3], "direct")
                           for i, r in enumerate(rels) if i % 2 == 0))
    assemblage = AssemblageReading(
        affects=tuple(Affect(r.id, "can act differently", DIRECTIONS[i % 3],
                             TENDENCIES[i % len(TENDENCIES)]) for i, r in enumerate(rels)
                      if i % 3 == 0),
        lines_of_flight=(LineOfFlight("e2", "the routine", "it may be caught again"),))
    return Case(id=f"generated-{n}", title=f"A generated case of {n} components",
                components=comps, relations=rels, episodes=eps, service=service,
                assemblage=assemblage)


def worked_example() -> tuple[str, Case]:
    try:
        from vcc_helpers import cases
        return "hospital-discharge", cases.load("hospital-discharge")
    except Exception:  # noqa: BLE001
        return "generated 20 components", generated_case(20)


def time_updates(case: Case, runs: int = RUNS) -> dict:
    """Seconds per `add_relation` (validate + redraw both figures), and their parts."""
    b = CaseBuilder(case)
    ids = [c.id for c in case.components]
    total, cpu, parts = [], [], {"validate": [], "service": [], "assemblage": []}
    for i in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        ok = b.add_relation(f"bench-{i}", ids[i % len(ids)], ids[(i * 7 + 3) % len(ids)],
                            "reaches out to", episode=case.episodes[0].id if case.episodes else None)
        total.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        if not ok:
            raise SystemExit(f"add_relation refused: {b.message}")
        for k in parts:
            parts[k].append(b.timings.get(k, 0.0))
    # cheaper updates: an affect redraws only the assemblage map; undo redraws nothing
    rid = case.relations[0].id
    affect, undo = [], []
    for i in range(min(runs, 10)):
        start = time.perf_counter()
        b.set_affect(rid, f"can do thing {i}", "enhances", "territorialising")
        affect.append(time.perf_counter() - start)
        start = time.perf_counter()
        b.undo()
        undo.append(time.perf_counter() - start)
    return {"total": total, "cpu": cpu, "affect": affect, "undo": undo, **parts}


def state_kb(widget) -> float:
    """Kilobytes of widget state, defaults included, as myst-nb embeds it in a built page."""
    return len(json.dumps(dependency_state([widget], drop_defaults=False))) / 1024


def main() -> None:
    name, case = worked_example()
    rows = [(f"worked example ({name}, {len(case.components)} components)", "worked example",
             case),
            ("generated, 300 components", "300 components", generated_case(300))]
    print(f"Case builder update: add a relation, validate, redraw both lenses "
          f"(median of {RUNS} runs; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs: CPU time is the fairer figure on a busy machine)")
    for label, key, c in rows:
        t = time_updates(c)
        med = statistics.median(t["total"])
        floor = FLOORS[key]
        print(f"  {label}: median {med * 1000:.0f} ms wall, "
              f"{statistics.median(t['cpu']) * 1000:.0f} ms CPU "
              f"(min {min(t['total']) * 1000:.0f}, max {max(t['total']) * 1000:.0f}; "
              f"validate {statistics.median(t['validate']) * 1000:.1f} ms, "
              f"service figure {statistics.median(t['service']) * 1000:.0f} ms, "
              f"assemblage figure {statistics.median(t['assemblage']) * 1000:.0f} ms) "
              f"-- floor {floor * 1000:.0f} ms: {'ok' if med <= floor else 'SLOWER'}")
        print(f"    set an affect (assemblage map only): median "
              f"{statistics.median(t['affect']) * 1000:.0f} ms; undo (figures cached): median "
              f"{statistics.median(t['undo']) * 1000:.0f} ms")
    print("Widget state embedded in a page (JSON):")
    for label, make in (("LensExplorer", LensExplorer), ("EpisodeStepper", EpisodeStepper),
                        ("CaseBuilder (static preview)", CaseBuilder)):
        print(f"  {label} on {case.id}: {state_kb(make(case)):.0f} KB")


if __name__ == "__main__":
    main()
