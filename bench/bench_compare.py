"""How long does a class report on 30 files take?

Builds a class folder of 30 files in a temporary folder: the six bundled teaching
cases (each written five times, so six cases of about 30 to 50 relations, each read
by five "students"), two of them replaced by files the validator refuses.  Prints
the time (best of three) of :func:`vcc_helpers.compare.class_report` plus its HTML
page, of :func:`vcc_helpers.compare.compare` on five readings of one case, and of
the command ``python -m vcc_helpers compare FOLDER -o report.html`` (a new process,
imports included).  The floor we hold ourselves to: the class report on 30 files in
under 2 s on this 2-core machine.

Run:  python bench/bench_compare.py   (under a minute; prints figures, asserts nothing)
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vcc_helpers.compare import class_report, compare  # noqa: E402

CASES = ("hospital-discharge", "day-service", "universal-credit", "public-library",
         "gp-appointment", "school-meals")
REPEATS = 3
FLOOR = 2.0


def make_folder(folder: Path) -> list[Path]:
    out = []
    for i in range(30):
        name = CASES[i % len(CASES)]
        text = (files("vcc_helpers") / "cases" / f"{name}.yaml").read_text(encoding="utf-8")
        if i in (7, 19):
            text = text.replace("relations:", "relations: [", 1)   # refused: bad YAML
        path = folder / f"file-{i + 1:02d}.yaml"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def best(fn) -> float:
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_folder(folder)
        t_class = best(lambda: class_report(folder).to_html())
        same = paths[0:30:6][:5]
        t_cmp = best(lambda: compare(same)._repr_html_())
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "vcc_helpers", "compare", str(folder), "-o",
                        str(folder / "report.html")], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        t_cli = time.perf_counter() - t0
        size = (folder / "report.html").stat().st_size
    print(f"class report, 30 files (28 read, 2 refused), with its HTML: {t_class:.2f} s "
          f"(floor {FLOOR:.0f} s: {'within' if t_class < FLOOR else 'OVER'})")
    print(f"compare, 5 readings of one case, with its HTML:          {t_cmp:.2f} s")
    print(f"python -m vcc_helpers compare FOLDER -o report.html:     {t_cli:.2f} s "
          f"(a new process; report {size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
