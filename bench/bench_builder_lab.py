"""Print what a reader feels in JupyterLab: click-to-updated-DOM of the case builder.

Starts JupyterLab on 127.0.0.1 (the environment's own, requirements-lab.txt), opens a
copy of chapter 7 in headless Chromium with every non-local request blocked, runs all
its cells plus two builders of its own (the worked example, and a generated case of 300
components from ``bench_builder.generated_case``), then clicks: add component, add
relation, set an affect, undo, load a file. Each time is from the click to the moment
the builder's final status is in the DOM, its images decoded and two frames painted;
each click waits for an idle kernel, as after a reader's pause. The figure shown is the
service lens, the assemblage one for an affect and its undo (where the change shows).
Prints medians and maxima beside the Python-side figure (``bench_builder.time_updates``).
Floors: median 150 ms and maximum 400 ms on the worked example; median 500 ms at 300
components. Prints figures; it is not a test.

    .venv/bin/python bench/bench_builder_lab.py [--runs 8]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import nbformat  # noqa: E402

from bench_builder import generated_case, time_updates  # noqa: E402
from tests.browser.reader import launch, new_context  # noqa: E402
from tests.routes.builder_lab import LAB_ARGS, BuilderUI, command, open_notebook  # noqa: E402
from tests.routes.lab import block_non_local, jupyterlab  # noqa: E402
from vcc_helpers import cases, casefile, edit  # noqa: E402
from vcc_helpers.model import Component  # noqa: E402

ACTIONS = ("add component", "add relation", "set an affect", "undo", "load")
FLOORS = {"worked": (150, 400), "big": (500, None)}

BUILDER_CELL = """from vcc_helpers.casefile import load_case
from vcc_helpers.widgets import CaseBuilder
{name} = CaseBuilder(load_case("bench/{name}.yaml"), work="bench/work-{name}")
{name}.add_class("bench-{name}")
{name}"""


def write_cases(folder: Path) -> dict[str, object]:
    folder.mkdir(parents=True, exist_ok=True)
    made = {"worked": cases.load_worked_example(), "big": generated_case(300)}
    for name, case in list(made.items()):
        other = edit.add_component(case, Component("bench-extra", "One more component",
                                                   ("thing",)))
        (folder / f"{name}.yaml").write_text(casefile.dumps_case(case), encoding="utf-8")
        (folder / f"{name}-b.yaml").write_text(casefile.dumps_case(other), encoding="utf-8")
    return made


def notebook(dest: Path) -> None:
    nb = nbformat.read(ROOT / "chapters" / "07-your-own-case.ipynb", as_version=4)
    for name in ("worked", "big"):
        nb.cells.append(nbformat.v4.new_code_cell(BUILDER_CELL.format(name=name)))
    nbformat.write(nb, dest)


def drive(ui: BuilderUI, name: str, runs: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {a: [] for a in ACTIONS}
    for i in range(runs):
        ui.section("Components")
        ui.fill("Id:", f"bench-c{i}")
        ui.fill("Label:", f"Bench component {i}")
        out["add component"].append(ui.timed_click("^Add component$")[0])
        ui.section("Relations")
        ui.select("From (who/what):", index=1 + i)
        ui.select("To (whom/what):", index=2 + i)
        ui.fill("Does:", "hands a leaflet to")
        out["add relation"].append(ui.timed_click("^Add relation$")[0])
        ui.section("Assemblage reading")
        ui.lens("Assemblage")         # where an affect shows: its figure is redrawn first
        ui.select("Relation:", index=1)
        ui.fill("Capacity:", f"can do thing {i}")
        out["set an affect"].append(ui.timed_click("^Set affect$")[0])
        out["undo"].append(ui.timed_click("^Undo")[0])
        ui.lens("Service logic")
        ui.section("Load and save")
        ui.fill("File path:", f"bench/{name}{'-b' if i % 2 == 0 else ''}.yaml")
        out["load"].append(ui.timed_click("^Load file$")[0])
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=8, help="clicks of each kind per case")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="vcc-lab-bench-"))
    root = tmp / "chapters"
    root.mkdir()
    made = write_cases(root / "bench")
    notebook(root / "bench-07.ipynb")
    env = {"PYTHONPATH": str(ROOT), "VCC_WORK_DIR": str(root / "my-work")}
    results: dict[str, dict] = {}
    try:
        with jupyterlab(root, env=env, args=LAB_ARGS) as (base, token), \
                sync_playwright() as p:
            browser = launch(p)
            context = new_context(browser)
            blocked: list[str] = []
            block_non_local(context, blocked)
            page = context.new_page()
            t0 = time.monotonic()
            open_notebook(page, base, token, "bench-07.ipynb")
            command(page, "notebook:run-all-cells")
            uis = {n: BuilderUI(page, f"bench-{n}") for n in ("worked", "big")}
            for ui in uis.values():
                ui.wait()
            print(f"chapter 7 and the bench builders ran in {time.monotonic() - t0:.0f} s "
                  "(JupyterLab, headless Chromium, 1280x900)")
            for name, ui in uis.items():
                ui.root.scroll_into_view_if_needed()
                drive(ui, name, 1)                   # warm up: first clicks pay for JIT
                results[name] = drive(ui, name, args.runs)
            browser.close()
            if blocked:
                print(f"blocked non-local requests: {len(blocked)} (first {blocked[0]})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"Case builder in JupyterLab, click to updated DOM (median / max of {args.runs} "
          f"clicks each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs):")
    for name, label in (("worked", f"worked example ({len(made['worked'].components)} "
                                    "components)"),
                        ("big", f"generated, {len(made['big'].components)} components")):
        floor_med, floor_max = FLOORS[name]
        print(f"  {label}:  floor median {floor_med} ms"
              + (f", max {floor_max} ms" if floor_max else ""))
        for action in ACTIONS:
            xs = results[name][action]
            med, mx = statistics.median(xs), max(xs)
            ok = med <= floor_med and (floor_max is None or mx <= floor_max)
            print(f"    {action:<14} median {med:6.0f} ms   max {mx:6.0f} ms   "
                  f"{'ok' if ok else 'SLOWER'}")
        py = time_updates(made[name], runs=10)
        print(f"    Python side (bench_builder): add relation median "
              f"{statistics.median(py['total']) * 1000:.0f} ms, set an affect "
              f"{statistics.median(py['affect']) * 1000:.0f} ms, undo "
              f"{statistics.median(py['undo']) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
