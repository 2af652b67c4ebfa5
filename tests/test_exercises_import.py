"""Importing an exercise module (or a chapter's page module) reads no file and validates nothing.

Each import runs in a fresh interpreter: the modules the exercises build on are imported
first, then the case readers are replaced by functions that raise and an audit hook
refuses every file opened that is not Python source, and only then are the exercise
modules imported. Example data are read when first asked for, never at import.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "vcc_helpers" / "exercises"
MODULES = sorted(
    ["vcc_helpers.exercises." + p.stem for p in EXERCISES.glob("*.py") if p.stem != "__init__"]
    + ["vcc_helpers.exercises.pages." + p.stem for p in (EXERCISES / "pages").glob("*.py")
       if p.stem != "__init__"]
    + ["vcc_helpers.exercises.data"])

PROBE = r"""
import importlib, sys
import vcc_helpers.casefile as cf
for dep in ("vcc_helpers.model", "vcc_helpers.lenses", "vcc_helpers.lenses.service",
            "vcc_helpers.lenses.assemblage", "vcc_helpers.lenses.reinterpret",
            "vcc_helpers.lenses.examples", "vcc_helpers.edit", "vcc_helpers.csvimport",
            "vcc_helpers.workspace", "vcc_helpers.textdoc", "vcc_helpers.cases"):
    importlib.import_module(dep)

def refuse(name):
    def f(*a, **k):
        raise AssertionError(f"{name} ran at import time")
    return f

for name in ("check_case", "loads_case", "load_case"):
    if hasattr(cf, name):
        setattr(cf, name, refuse(name))

def hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes)):
        path = args[0].decode() if isinstance(args[0], bytes) else args[0]
        if not path.endswith((".py", ".pyc")) and "__pycache__" not in path:
            raise AssertionError(f"opened {path} at import time")

sys.addaudithook(hook)
importlib.import_module(sys.argv[1])
print("ok")
"""


@pytest.mark.parametrize("module", MODULES)
def test_importing_reads_no_file_and_runs_no_validation(module):
    proc = subprocess.run([sys.executable, "-c", PROBE, module], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr.strip().splitlines()[-1:]
    assert proc.stdout.strip() == "ok"


def test_the_probe_catches_a_file_read_at_import(tmp_path):
    # the probe itself can fail: a module that reads a data file at import is refused
    (tmp_path / "reads_at_import.py").write_text(
        "from importlib import resources\n"
        "TEXT = (resources.files('vcc_helpers.exercises.data') / 'mrs-b-morning.yaml')"
        ".read_text()\n")
    proc = subprocess.run([sys.executable, "-c", PROBE, "reads_at_import"], capture_output=True,
                          text=True, timeout=120,
                          env={"PYTHONPATH": f"{ROOT}:{tmp_path}", "PATH": "/usr/bin:/bin"})
    assert proc.returncode != 0 and "mrs-b-morning.yaml at import time" in proc.stderr


def test_the_probe_catches_a_validation_at_import(tmp_path):
    (tmp_path / "validates_at_import.py").write_text(
        "from vcc_helpers.casefile import check_case\n"
        "RESULT = check_case('format: vcc-case/1\\n', filename='x.yaml', fmt='yaml')\n")
    proc = subprocess.run([sys.executable, "-c", PROBE, "validates_at_import"],
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": f"{ROOT}:{tmp_path}", "PATH": "/usr/bin:/bin"})
    assert proc.returncode != 0 and "check_case ran at import time" in proc.stderr
