"""Benchmark the lenses, the reinterpretation and the figures (prints figures; not a test).

Run:  python bench/bench_lenses.py

* both lenses, the reinterpretation, the residue and "could not hold" on
  generated cases of 1,000 and 10,000 components (five relations each), with
  the growth ratio (linear work gives about 10x; the floor is the 10,000
  component / 50,000 relation case in under 2 s for the lenses and the
  reinterpretation together);
* drawing time and size for figures of ~20-component cases (SVG and PNG).
"""
from __future__ import annotations

import gc
import os
import statistics
import time

from vcc_helpers import describe as ds
from vcc_helpers import figures as fg
from vcc_helpers.lenses import assemblage as al
from vcc_helpers.lenses import reinterpret as ri
from vcc_helpers.lenses import service as sl
from vcc_helpers.model import (
    Affect, AssemblageReading, Case, Component, CoProduction, Episode, Interaction,
    LineOfFlight, Proposition, Relation, ServiceReading, Territory, ValueClaim,
)

KINDS = ("person", "thing", "rule", "category", "organisation", "place", "document", "time")


def generated(n: int, per: int = 5, episodes: int = 12) -> Case:
    """A deterministic synthetic case: n components, per * n relations, both readings."""
    comps = tuple(Component(f"c{i}", f"Component {i}", (KINDS[i % len(KINDS)],))
                  for i in range(n))
    eps = tuple(Episode(f"e{k}", f"Episode {k}") for k in range(episodes))
    m = n * per
    rels = tuple(Relation(f"r{i}", f"c{i % n}", f"c{(7 * i + 3) % n}", "acts on",
                          f"e{i % episodes}" if i % 11 else None) for i in range(m))
    roles = {c.id: ("provider",) if i % 50 == 0 else ("user",) if i % 7 == 0 else ("resource",)
             for i, c in enumerate(comps) if i % 3}
    spheres = ("provider", "joint", "user")
    service = ServiceReading(
        roles=roles,
        interactions=tuple(Interaction(r.id, spheres[i % 3], "direct" if i % 2 else "indirect")
                           for i, r in enumerate(rels) if i % 4),
        propositions=tuple(Proposition(f"c{i}", f"c{i + 1}", f"offer {i}", f"c{i + 2}")
                           for i in range(0, n - 2, 10)),
        value=tuple(ValueClaim(f"c{i % n}", f"c{(i * 3) % n}", "outcome",
                               ("creation", "destruction", "mixed", "dis/value")[i % 4],
                               relation=f"r{i}") for i in range(0, m, 13)),
        coproduction=tuple(CoProduction(f"r{i}", "co-design" if i % 2 else "co-production")
                           for i in range(0, m, 17)))
    assemblage = AssemblageReading(
        affects=tuple(Affect(r.id, f"capacity {i}", ("enhances", "diminishes", "unclear")[i % 3],
                             ("territorialising", "deterritorialising", "reterritorialising",
                              "ambivalent")[i % 4],
                             "aggregating" if i % 5 == 0 else "singular")
                      for i, r in enumerate(rels) if i % 2 == 0),
        lines_of_flight=tuple(LineOfFlight(f"e{k % episodes}", f"route {k}", f"danger {k}")
                              for k in range(0, n, 50)),
        territories=tuple(Territory(f"territory {k}", (f"c{k}",)) for k in range(0, n, 50)),
        desire=("keeps producing",))
    return Case(id=f"gen-{n}", title=f"Generated {n}", components=comps, relations=rels,
                episodes=eps, service=service, assemblage=assemblage)


def best_of(fn, repeat: int = 3) -> float:
    """Best wall-clock time of *repeat* runs."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def best_cpu(fn, repeat: int = 3) -> tuple[float, float]:
    """Best (wall, CPU) times of *repeat* runs; CPU time is steadier on a shared machine."""
    walls, cpus = [], []
    for _ in range(repeat):
        gc.collect()
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def lenses_once(case: Case) -> dict[str, tuple[float, float]]:
    out = {}
    for name, fn in (("service_reading", sl.service_reading),
                     ("assemblage_reading", al.assemblage_reading),
                     ("reinterpret", ri.reinterpret),
                     ("residue", ri.residue),
                     ("could_not_hold", ri.could_not_hold)):
        out[name] = best_cpu(lambda fn=fn: fn(case), repeat=3)
    return out


def main() -> None:
    print("Lenses and reinterpretation on generated cases (best of 3; seconds, wall / CPU)")
    print(f"  (load average now: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores)")
    results = {}
    for n in (1_000, 10_000):
        t = time.perf_counter()
        case = generated(n)
        build = time.perf_counter() - t
        fresh = generated(n)  # Case caches its indexes: time a first (cold) pass too
        t = time.perf_counter()
        sl.service_reading(fresh)
        al.assemblage_reading(fresh)
        ri.reinterpret(fresh)
        cold = time.perf_counter() - t
        times = lenses_once(case)
        core = [sum(times[k][i] for k in ("service_reading", "assemblage_reading", "reinterpret"))
                for i in (0, 1)]
        results[n] = core
        print(f"\n  {n:>6} components, {len(case.relations):>6} relations "
              f"({len(case.assemblage.affects)} affects; case built in {build:.2f} s)")
        for k, (w, c) in times.items():
            print(f"    {k:<28}{w:7.3f} / {c:.3f}")
        print(f"    {'both lenses + reinterpret':<28}{core[0]:7.3f} / {core[1]:.3f}   "
              f"cold wall {cold:.3f}; {core[1] / len(case.relations) * 1e6:.1f} us CPU per relation")
    for i, what in ((0, "wall"), (1, "CPU")):
        r = results[10_000][i] / results[1_000][i]
        print(f"\n  growth 1,000 -> 10,000 components ({what}): x{r:.1f}", end="")
    print("\n  (linear ~ x10, quadratic ~ x100; the small case fits in CPU caches, so expect"
          " somewhat more than x10)")
    for i, what in ((0, "wall"), (1, "CPU")):
        verdict = "PASS" if results[10_000][i] < 2.0 else "SLOW"
        print(f"  floor (10,000 comps / 50,000 rels, lenses + reinterpret < 2 s, {what}): "
              f"{results[10_000][i]:.3f} s  {verdict}")

    print("\nFigures of ~20-component cases (best of 3, seconds; SVG bytes)")
    subjects = []
    try:
        from vcc_helpers import cases
        subjects = [cases.load(name) for name in cases.names()]
    except Exception as exc:  # pragma: no cover - loader missing
        print(f"  (bundled cases not available: {exc}); using a generated case")
    if not subjects:
        subjects = [generated(20, per=1, episodes=3)]
    print(f"  {'case':<22}{'comps':>6}{'rels':>6}  {'figure':<16}{'draw':>7}{'svg':>7}"
          f"{'png':>7}{'svg bytes':>11}{'png bytes':>11}")
    sizes = []
    for case in subjects:
        for name, make in (("sphere_diagram", fg.sphere_diagram),
                           ("assemblage_map", fg.assemblage_map),
                           ("episode_strip", fg.episode_strip)):
            draw_t = best_of(lambda: make(case))  # noqa: B023 (called at once, in this iteration)
            d = make(case)
            svg_t = best_of(d.svg)
            png_t = best_of(d.png)
            svg, png = d.svg(), d.png()
            sizes.append(len(svg))
            print(f"  {case.id[:21]:<22}{len(case.components):>6}{len(case.relations):>6}  "
                  f"{name:<16}{draw_t:7.3f}{svg_t:7.3f}{png_t:7.3f}{len(svg):>11,}{len(png):>11,}")
    print(f"  median SVG size: {statistics.median(sizes):,.0f} bytes")
    big = generated(400, per=5)
    t = time.perf_counter()
    d = fg.assemblage_map(big)
    svg = d.svg()
    print(f"\n  aggregated map, 400 components / 2,000 relations: "
          f"{time.perf_counter() - t:.3f} s, {len(svg):,} bytes; alt: {d.alt[:90]}...")
    t = time.perf_counter()
    ds.describe_case(subjects[0])
    print(f"  describe_case({subjects[0].id}): {time.perf_counter() - t:.3f} s")


if __name__ == "__main__":
    main()
