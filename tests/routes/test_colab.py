"""Colab, simulated: Colab's versions of the packages the chapters touch (ipywidgets 7.7.1,
ipykernel 6.17, IPython 7.34, matplotlib 3.10, ...) in a fresh Python 3.11 venv.

Checked here: the install cell adds the helper package without upgrading anything the
runtime has; every chapter then runs top to bottom in that kernel, and the widget
chapters save their widget models (what Colab's front end would draw). Colab's front end
itself (its own widget manager, its Markdown renderer) cannot run on this machine.
"""
from __future__ import annotations

import json
import subprocess

import pytest

from .envs import (COLAB_PINS, ROOT, RUNNER, install_cell_code, make_venv, package_wheel, pip_quiet_env,
                   run_python, versions)

pytestmark = pytest.mark.routes

HERE = __import__("pathlib").Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    base = tmp_path_factory.mktemp("colab")
    WHEELS = tmp_path_factory.getbasetemp()
    python, seconds = make_venv(base / "venv", COLAB_PINS + RUNNER)
    home = base / "home"
    home.mkdir()
    env = pip_quiet_env(HOME=str(home), PATH=f"{python.parent}:/usr/bin:/bin",
                        VCC_WORK_DIR=str(base / "my-work"))
    before = versions(python, "ipywidgets", "matplotlib", "networkx", "PyYAML", "ipykernel", env=env)
    # the chapters' own install cell, pointed at this checkout instead of GitHub
    proc = run_python(python, install_cell_code(str(package_wheel(WHEELS))) + "\nprint('imported', vcc_helpers.__file__)", env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    print(f"Colab-like venv: {seconds:.0f} s to build")
    return {"python": python, "env": env, "before": before, "install": proc, "base": base}


def test_install_cell_upgrades_nothing_colab_has(colab):
    assert "imported" in colab["install"].stdout
    after = versions(colab["python"], *colab["before"], env=colab["env"])
    assert after == colab["before"], "the install cell changed the runtime's packages"
    assert after["ipywidgets"] == "7.7.1"
    assert versions(colab["python"], "vcc-helpers", env=colab["env"])["vcc-helpers"]


@pytest.fixture(scope="module")
def colab_run(colab):
    notebooks = sorted((ROOT / "chapters").glob("*.ipynb"))
    out = colab["base"] / "executed"
    out.mkdir()
    proc = subprocess.run([str(colab["python"]), str(HERE / "run_chapters.py"), str(out), *map(str, notebooks)],
                          capture_output=True, text=True, env=colab["env"], timeout=1200, cwd=colab["base"])
    results = {r["notebook"]: r for r in map(json.loads, (ln for ln in proc.stdout.splitlines() if ln.startswith("{")))}
    assert len(results) == len(notebooks), proc.stdout[-2000:] + proc.stderr[-3000:]
    return results


def test_every_chapter_runs_on_ipywidgets_7(colab_run):
    failed = {name: (r["error"] or "")[-1500:] + " ".join(r["errors"]) for name, r in colab_run.items()
              if r["error"] or r["errors"]}
    assert not failed, failed


def test_widget_chapters_save_their_widget_state(colab_run):
    """Each widget output has its models saved in the notebook (what Colab renders from),
    and the view switchers use ipywidgets 7's Tab in place of 8's Stack."""
    with_views = {n: r for n, r in colab_run.items() if r["views"]}
    assert len(with_views) >= 2, {n: r["views"] for n, r in colab_run.items()}
    for name, r in with_views.items():
        assert r["n_models"] > r["views"], name
        assert {"ToggleButtonsModel", "LinkModel", "TabModel"} <= set(r["models"]), (name, r["models"])
        assert "StackModel" not in r["models"]
