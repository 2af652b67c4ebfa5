"""Hostile inputs: is every file the size limit admits accepted or refused quickly?

For each reproducer prints the time, the peak memory (tracemalloc) and the first
problem reported.  The budget we hold ourselves to: under 2 s and 300 MB each on a
2-core machine.  Run:  python bench/bench_hostile.py  [--pure]  (prints, asserts nothing)

--pure forces PyYAML's pure-Python path (as in Pyodide).
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
import resource
import subprocess
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vcc_helpers.casefile import MAX_BYTES, check_case, loads_data  # noqa: E402
from vcc_helpers.casefile import CaseFileError  # noqa: E402
from vcc_helpers.casefile.read import use_libyaml  # noqa: E402

HEAD = "format: vcc-case/1\nid: h\ntitle: H\n"


def billion_laughs() -> str:
    lines = [HEAD, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n")
    return "".join(lines)


def flow_aliases(size: int = 553_000) -> str:
    body = ", ".join(f'"k{i}": *x' for i in range(size // 10))
    return '{"format": "vcc-case/1", "id": &x t, "title": "T", "x-a": {' + body + "}}\n"


def late_syntax_error(size: int = MAX_BYTES - 100) -> str:
    rel = "  - {id: r%d, from: a, to: a, does: waits}\n"
    parts = [HEAD, "components:\n  - {id: a, label: A}\nrelations:\n"]
    n = 0
    total = sum(map(len, parts))
    while total < size:
        line = rel % n
        parts.append(line)
        total += len(line)
        n += 1
    parts.append("  - {id: bad, from: a to: a}: oops\n")
    return "".join(parts)


def huge_integer() -> str:
    return HEAD + "x-n: 1\ncomponents:\n  - {id: a, label: " + "9" * 5000 + "}\n"


def deep_nesting() -> str:
    return HEAD + "x-deep: " + "[" * 100_000 + "]" * 100_000 + "\n"


def deep_json() -> str:
    return '{"format": "vcc-case/1", "x": ' + "[" * 5000 + "]" * 5000 + "}"


def measure(name: str, fn) -> None:
    """Time *fn*; memory is this process's peak resident size (each reproducer runs in
    a fresh process, so the peak is its own)."""
    t0 = time.perf_counter()
    try:
        result = fn()
    except CaseFileError as err:
        result = (None, err.problems, [])
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    errors = result[1] if isinstance(result, tuple) else []
    first = str(errors[0])[:100] if errors else "accepted"
    print(f"{name:<38} {dt:6.2f} s  {peak / 1e6:6.0f} MB peak RSS  {first}", flush=True)


def main() -> None:
    if "--one" not in sys.argv:
        for i in range(10):
            subprocess.run([sys.executable, __file__, "--one", str(i)] + sys.argv[1:], check=False)
        return
    if "--pure" in sys.argv:
        use_libyaml(False)
    which = int(sys.argv[sys.argv.index("--one") + 1])
    if which == 0:
        print(f"libyaml: {use_libyaml()}; MAX_BYTES {MAX_BYTES:,}; baseline RSS "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")
    _run(which)


def _run(which: int) -> None:
    k = 0
    with tempfile.TemporaryDirectory() as tmp:
        texts = {"billion laughs (~1 KB)": billion_laughs(),
                 "flow-mapping aliases (553 KB)": flow_aliases(),
                 "late syntax error (at the size limit)": late_syntax_error(),
                 "5,000-digit integer": huge_integer(),
                 "deep nesting (YAML, 100k)": deep_nesting(),
                 "deep nesting (JSON, 5k)": deep_json()}
        for name, text in texts.items():
            if k == which:
                p = Path(tmp) / ("c.json" if "JSON" in name else "c.yaml")
                p.write_text(text, encoding="utf-8")
                measure(f"{name} [{len(text.encode()) / 1e3:,.0f} KB]",
                        lambda p=p: check_case(p, filename=p.name))
            k += 1
        if which == 6:
            measure("loads_data: billion laughs", lambda: loads_data(billion_laughs()))
        if which == 7:
            measure("/dev/zero", lambda: check_case(Path("/dev/zero"), filename="/dev/zero"))
        if which == 8:
            fifo = Path(tmp) / "pipe.yaml"
            os.mkfifo(fifo)
            measure("a FIFO (named pipe)", lambda: check_case(fifo, filename=fifo.name))
        if which == 9:
            draw_big(2000)


def draw_big(n: int) -> None:
    """A case far above any bundled one (n components in a ring): each lens's figure."""
    from vcc_helpers import figures
    from vcc_helpers.casefile import case_from_data
    comps = [{"id": f"c{i}", "label": f"Component {i}", "kinds": ["thing"]} for i in range(n)]
    rels = [{"id": f"r{i}", "from": f"c{i}", "to": f"c{(i + 1) % n}", "does": "acts on",
             "episode": f"e{i % 3}"} for i in range(n)]
    case = case_from_data({"format": "vcc-case/1", "id": "big", "title": "Big", "components": comps,
                           "episodes": [{"id": f"e{j}", "label": f"Episode {j}"} for j in range(3)],
                           "relations": rels})
    for lens in ("episodes", "service", "assemblage"):
        t0 = time.process_time()
        figures.draw(case, lens).svg()
        print(f"{f'draw {n:,} components, {lens}':<38} {time.process_time() - t0:6.2f} s CPU "
              "(budget 2 s)", flush=True)


if __name__ == "__main__":
    main()
