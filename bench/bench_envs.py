"""Print what each runtime environment costs: size on disk and install time.

Two fresh virtual environments (Python 3.11, this machine's pip cache and indexes):

- ``binder``: ``binder/requirements.txt`` plus the helper package with ``--no-deps``
  (what Binder's postBuild does): what running the chapters needs;
- ``book``: the top-level ``requirements.txt`` (the whole book toolchain, what
  ``make book`` installs).

Binder adds the same JupyterLab to both, so the difference is what the book toolchain
costs every Binder launch. Prints figures; it is not a test::

    .venv/bin/python bench/bench_envs.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = shutil.which("python3.11") or sys.executable


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def install(name: str, steps: list[list[str]]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory(prefix=f"vcc-env-{name}-") as tmp:
        env = Path(tmp) / "venv"
        subprocess.run([PYTHON, "-m", "venv", str(env)], check=True)
        bare = size(env)
        pip = [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        start = time.perf_counter()
        for step in steps:
            proc = subprocess.run(pip + step, cwd=ROOT, capture_output=True, text=True)
            if proc.returncode:
                raise SystemExit(f"{name}: pip install {' '.join(step)} failed:\n{proc.stderr[-3000:]}")
        took = time.perf_counter() - start
        return took, size(env) - bare


def main() -> int:
    rows = [
        ("binder", [["-r", "binder/requirements.txt"], ["--no-deps", "."]]),
        ("book", [["-r", "requirements.txt"]]),
    ]
    print(f"{'environment':<12} {'install (s)':>12} {'size (MB)':>10}   (fresh venv, {PYTHON})")
    for name, steps in rows:
        took, bytes_ = install(name, steps)
        print(f"{name:<12} {took:>12.1f} {bytes_ / 1e6:>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
