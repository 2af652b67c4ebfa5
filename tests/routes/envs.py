"""Throwaway Python environments that stand in for the cloud runtimes.

Each is built from this machine's Python 3.11 and its package indexes (PyPI through
pip's ordinary client), in a temporary folder, once per test session.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import install_cell  # noqa: E402

PYTHON311 = next((p for p in (shutil.which("python3.11"), "/usr/bin/python3.11") if p and Path(p).exists()),
                 sys.executable)

# Colab's runtime, for the packages the chapters touch (its Python is 3.12; this machine
# has 3.11, so the kernel runs on 3.11 with Colab's versions of these).
COLAB_PINS = (
    "ipywidgets==7.7.1", "ipykernel==6.17.1", "ipython==7.34.0", "traitlets==5.7.1",
    "jupyter-client==6.1.12", "matplotlib==3.10.0", "networkx==3.5", "PyYAML==6.0.2",
    "numpy==2.0.2",
)
# what runs the notebooks inside that environment (not part of Colab)
RUNNER = ("nbclient==0.10.2", "nbformat==5.10.4")


def pip_quiet_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_USER"))}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    return env


def make_venv(dest: Path, packages: tuple[str, ...]) -> tuple[Path, float]:
    """A fresh venv at DEST with PACKAGES; return its python and the seconds it took."""
    start = time.monotonic()
    subprocess.run([PYTHON311, "-m", "venv", str(dest)], check=True)
    python = dest / "bin" / "python"
    proc = subprocess.run([str(python), "-m", "pip", "install", "-q", *packages],
                          capture_output=True, text=True, env=pip_quiet_env())
    if proc.returncode:
        raise RuntimeError(f"pip install {' '.join(packages)} failed:\n{proc.stderr[-3000:]}")
    return python, time.monotonic() - start


_WHEEL: list[Path] = []


def package_wheel(tmp: Path) -> Path:
    """The helper package as a wheel (built once per session): what the install cell
    installs here in place of ``git+<repository>@<branch>`` (no GitHub on this machine)."""
    if not _WHEEL:
        import build_lite
        _WHEEL.append(build_lite.build_wheel(ROOT, tmp / "wheel"))
    return _WHEEL[0]


def install_cell_code(spec: str) -> str:
    """The chapters' install cell as plain Python (IPython's transform), installing SPEC."""
    url, ref = install_cell.repository(ROOT / "_config.yml")
    return TransformerManager().transform_cell(install_cell.cell_source(url, ref, spec=spec))


def run_python(python: Path, code: str, env: dict, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, env=env,
                          timeout=timeout, cwd=env.get("HOME"))


def versions(python: Path, *dists: str, env: dict | None = None) -> dict:
    code = ("import json, importlib.metadata as m\n"
            f"print(json.dumps({{d: m.version(d) for d in {list(dists)!r}}}))")
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True,
                         env=env or pip_quiet_env())
    return json.loads(out.stdout)
