"""How long does loading and checking a large case file take?

Generates two cases -- 1,000 components / 5,000 relations and 10,000 components /
50,000 relations, with both readings populated in proportion -- writes each as
YAML (and JSON) with :func:`vcc_helpers.casefile.dumps_case` into a temporary
folder, with a copy of the YAML that has one mistake, and prints the time to load
and check each (best of three; the copy is refused with its one message), the share
spent parsing YAML, and the growth ratio between the two sizes (10 would be
linear).  The floor we hold ourselves to: the large case in under 3 s on a
2-core machine.

Beside each figure it prints the first edition's (#19: "no slower than today's"): the
one-module ``casefile.py`` with its hand-written parser, taken from the project's git
history (commit ``FIRST_EDITION``) into a temporary folder.  Each edition is timed in a
fresh interpreter of its own (as a reader's kernel opens a case), on the same files in
the same run, so machine and load are the same for both.  Without git history (an
exported copy) that column is left out.

Run:  python bench/bench_load.py [--rounds N]   (about two minutes a round; prints
figures, asserts nothing).  With ``--rounds 3`` the editions are timed in turns three
times and the best of each kept, which steadies the comparison on a busy machine.
"""
from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vcc_helpers import casefile  # noqa: E402
from vcc_helpers.casefile import dumps_case, load_case  # noqa: E402
from vcc_helpers.model import (  # noqa: E402
    CHARACTERS, DIRECTIONS, MODES, SPHERES, SUGGESTED_ELEMENTS, SUGGESTED_KINDS,
    SUGGESTED_PRACTICES, SUGGESTED_SERVICE_ROLES, TENDENCIES, VALENCES, Affect,
    AssemblageReading, Case, Component, CoProduction, Episode, Interaction, LineOfFlight,
    Proposition, Relation, RoleScore, ServiceReading, Territory, ValueClaim,
)

SIZES = ((1_000, 5_000), (10_000, 50_000))
REPEATS = 3
ROOT = Path(__file__).resolve().parents[1]
FIRST_EDITION = "b46178d^"
"""The last commit whose case-file code is the first edition's single casefile.py."""

_TIME_LOADS = f"""
import json, sys, time
REPEATS = {REPEATS}
from vcc_helpers.casefile import load_case
out = {{}}
for path in sys.argv[1:]:
    walls, cpus = [], []
    for _ in range(REPEATS):
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            load_case(path, max_bytes=None)
        except Exception:  # (the first edition's error class differs from today's)
            if "one-mistake" not in path:
                raise
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    out[path] = (min(walls), min(cpus))
print(json.dumps(out))
"""


def make_case(n_components: int, n_relations: int, seed: int = 1) -> Case:
    """A random but valid case; readings scale with the case (deterministic for a seed)."""
    rng = random.Random(seed)
    comps = tuple(Component(f"c{i}", f"Component {i}", (rng.choice(SUGGESTED_KINDS),),
                            "a description" if i % 10 == 0 else "")
                  for i in range(n_components))
    n_episodes = max(1, n_components // 100)
    episodes = tuple(Episode(f"e{i}", f"Episode {i}") for i in range(n_episodes))
    cid = [c.id for c in comps]
    eid = [e.id for e in episodes]
    rels = tuple(Relation(f"r{i}", rng.choice(cid), rng.choice(cid), "does something to",
                          rng.choice(eid), rng.choice(cid) if i % 3 == 0 else None,
                          "seen on a visit" if i % 5 == 0 else "")
                 for i in range(n_relations))
    rid = [r.id for r in rels]
    service = ServiceReading(
        roles={c: (rng.choice(SUGGESTED_SERVICE_ROLES),) for c in cid},
        interactions=tuple(Interaction(r, rng.choice(SPHERES), rng.choice(MODES),
                                       rng.choice(SUGGESTED_PRACTICES)) for r in rid[::2]),
        propositions=tuple(Proposition(rng.choice(cid), rng.choice(cid), "an offer",
                                       rng.choice(cid)) for _ in range(n_relations // 100)),
        value=tuple(ValueClaim(rng.choice(cid), rng.choice(cid), rng.choice(SUGGESTED_ELEMENTS),
                               rng.choice(VALENCES), "a note", rng.choice(rid), rng.choice(eid))
                    for _ in range(n_relations // 50)),
        coproduction=tuple(CoProduction(r, "co-production") for r in rid[::20]),
        by="bench")
    assemblage = AssemblageReading(
        boundary="everything generated",
        affects=tuple(Affect(r, "can do a little more", rng.choice(DIRECTIONS),
                             rng.choice(TENDENCIES), rng.choice(CHARACTERS)) for r in rid[1::2]),
        roles=tuple(RoleScore(c, round(rng.random(), 2), round(rng.random(), 2))
                    for c in cid[::2]),
        lines_of_flight=tuple(LineOfFlight(rng.choice(eid), "a routine", "a danger",
                                           "somewhere else") for _ in range(n_relations // 200)),
        territories=tuple(Territory(f"Territory {i}", tuple(rng.sample(cid, 3)),
                                    rng.choice(eid)) for i in range(n_relations // 200)),
        by="bench")
    return Case("bench", "A generated case", comps, rels, episodes, service=service,
                assemblage=assemblage)


def _compose(text: str) -> None:
    with casefile.api._young_collections_only(len(text)):  # as the library does for large texts
        root = yaml.compose(text, Loader=casefile.read._loader())
        del root


def best_of(fn, repeats: int = REPEATS) -> tuple[float, float]:
    """Best wall-clock and best CPU time (seconds) of *repeats* runs.  CPU time is the
    fairer figure on a shared machine; wall time is what a reader waits."""
    walls, cpus = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return min(walls), min(cpus)


def first_edition(tmp: Path) -> Path | None:
    """The first edition's package, from git history, in *tmp* (None without history)."""
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", FIRST_EDITION,
                                  "vcc_helpers"], capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    dest = tmp / "first-edition"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def time_loads(package: Path, paths: list[Path]) -> dict[str, tuple]:
    """Best wall and CPU seconds of ``load_case`` on each path, in a fresh interpreter
    that imports the package from *package* (today's, or the first edition's)."""
    env = {**os.environ, "PYTHONPATH": str(package)}
    proc = subprocess.run([sys.executable, "-c", _TIME_LOADS, *map(str, paths)],
                          capture_output=True, text=True, env=env, cwd=package)
    if proc.returncode:
        print(f"  ({package} could not load these files:",
              proc.stderr.strip().splitlines()[-1], ")")
        return {}
    return {k: tuple(v) for k, v in json.loads(proc.stdout).items()}


def _beside(now: tuple, then: tuple | None) -> str:
    if not then:
        return ""
    return f"; first edition {then[0]:5.2f} s wall, {then[1]:5.2f} s CPU ({now[1] / then[1]:.2f}x)"


def _best(a: dict[str, tuple], b: dict[str, tuple]) -> dict[str, tuple]:
    """Per path, the better of two (wall, CPU) figures."""
    return {k: tuple(map(min, a[k], v)) if k in a else v for k, v in b.items()}


def main(rounds: int = 1) -> None:
    print(f"PyYAML {yaml.__version__}, libyaml: {getattr(yaml, '__with_libyaml__', False)}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        old = first_edition(Path(tmp))
        print(f"first edition: {FIRST_EDITION} from git history" if old else
              "first edition: no git history here, so no comparison")
        for n_comp, n_rel in SIZES:
            case = make_case(n_comp, n_rel)
            t0 = time.perf_counter()
            text = dumps_case(case, "yaml")
            t_dump = time.perf_counter() - t0
            path = Path(tmp) / f"case-{n_comp}.yaml"
            path.write_text(text, encoding="utf-8")
            jpath = Path(tmp) / f"case-{n_comp}.json"
            jpath.write_text(dumps_case(case, "json"), encoding="utf-8")
            # the same file with one mistake, in its first component (what a reader's typo
            # costs: the file is refused, with the one message)
            bad = Path(tmp) / f"case-{n_comp}-one-mistake.yaml"
            start = text.index("kinds: [")
            bad.write_text(text[:start] + "kinds: person" + text[text.index("]", start) + 1:],
                           encoding="utf-8")
            size = path.stat().st_size

            loaded = load_case(path, max_bytes=None)
            assert loaded == case, "the generated case did not survive the round trip"
            # each edition in a fresh interpreter of its own, like a reader's kernel that
            # opens a case (this process holds the generated cases, whose millions of
            # objects the collector would walk too)
            # (in turns, *rounds* times, the best of all kept: the machine's drift falls on
            # both editions alike)
            now: dict[str, tuple] = {}
            then: dict[str, tuple] = {}
            for _ in range(rounds):
                now = _best(now, time_loads(ROOT, [path, jpath, bad]))
                if not now:
                    raise SystemExit("today's package could not load the generated files")
                if old:
                    then = _best(then, time_loads(old, [path, jpath, bad]))
            t_load, t_json = now[str(path)], now[str(jpath)]
            t_compose = best_of(lambda: _compose(text))  # noqa: B023 (called at once)
            results[n_comp] = t_load
            print(f"{n_comp:>6,} components / {n_rel:>6,} relations: YAML {size / 1e6:4.1f} MB "
                  f"(written in {t_dump:5.2f} s)\n"
                  f"    load+check YAML {t_load[0]:5.2f} s wall, {t_load[1]:5.2f} s CPU"
                  f"{_beside(t_load, then.get(str(path)))}\n"
                  f"      (YAML composing alone: {t_compose[0]:4.2f} s wall, {t_compose[1]:4.2f} s CPU)\n"
                  f"    load+check JSON {t_json[0]:5.2f} s wall, {t_json[1]:5.2f} s CPU"
                  f"{_beside(t_json, then.get(str(jpath)))}\n"
                  f"    YAML with one mistake (refused) {now[str(bad)][0]:5.2f} s wall, "
                  f"{now[str(bad)][1]:5.2f} s CPU{_beside(now[str(bad)], then.get(str(bad)))}")
    (small_wall, small_cpu), (large_wall, large_cpu) = (results[n] for n, _ in SIZES)
    print(f"growth ratio for a 10x larger case: {large_wall / small_wall:.1f}x wall, "
          f"{large_cpu / small_cpu:.1f}x CPU")
    print(f"floor (10k components under 3 s): wall {large_wall:.2f} s, CPU {large_cpu:.2f} s; "
          f"load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=1,
                    help="time the two editions in turns this many times (default 1)")
    main(ap.parse_args().rounds)
