"""Benchmark drawing the figures (prints figures; not a test).

Run:  PYTHONPATH=. python bench/bench_figures.py

Prints, for the worked example and for a generated case of 150 components
(750 relations), the median time to draw each figure and write its SVG (the
case builder redraws both lenses after every edit), the SVG size, and what
the legibility checker (tests/legibility.py) measures: the smallest text in
CSS px at the 672 px content width and on a 390 px phone, overlapping text
boxes and the lowest contrast.  Floor: 75 ms per figure.
"""
from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import legibility as lg  # noqa: E402
from smallcases import generated  # noqa: E402

from vcc_helpers import cases  # noqa: E402
from vcc_helpers import figures as fg  # noqa: E402

FLOOR_MS = 75


def _time(fn, repeat: int = 7) -> float:
    fn()  # warm caches (font widths)
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    subjects = [(f"worked example ({cases.worked_example_name()})", cases.load_worked_example()),
                ("generated, 150 components", generated(150))]
    print(f"{'case':38} {'figure':16} {'ms':>6} {'KB':>6} {'px@672':>7} {'px@390':>7} "
          f"{'overlaps':>8} {'contrast':>8}")
    for name, case in subjects:
        for what, draw in (("sphere diagram", fg.sphere_diagram),
                           ("assemblage map", fg.assemblage_map),
                           ("episode strip", fg.episode_strip)):
            ms = _time(lambda d=draw, c=case: d(c).svg())
            svg = draw(case).svg()
            rep = lg.check(svg)
            flag = "" if ms < FLOOR_MS else f"  over the {FLOOR_MS} ms floor"
            print(f"{name:38} {what:16} {ms:6.1f} {len(svg) / 1024:6.1f} "
                  f"{rep.min_px_content:7.1f} {rep.min_px_phone:7.1f} {len(rep.overlaps):8d} "
                  f"{rep.min_contrast:8.2f}{flag}")


if __name__ == "__main__":
    main()
