"""Build the student edition: the same book with every exercise solution left out.

    .venv/bin/python scripts/student_edition.py        # or: make student

It writes a copy of ``_config.yml`` with sphinx-exercise's ``hide_solutions`` switched
on (and "student edition" in the title) to ``_build/student-config.yml``, then builds
the book with it, strictly, into ``_build/student/_build/html``. The notebooks are not
re-executed when the normal build has already filled the jupyter cache.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "_build" / "student"
CONFIG = ROOT / "_build" / "student-config.yml"


def student_config(config: dict) -> dict:
    """Return a copy of a book configuration that hides every solution."""
    cfg = yaml.safe_load(yaml.safe_dump(config))
    cfg["title"] = f"{cfg.get('title', 'Book')} (student edition)"
    sphinx_cfg = cfg.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_cfg["vcc_hide_solutions"] = True  # see vcc_helpers.sphinxext
    # the cache lives in the source folder, so the student build reuses the executed notebooks
    cache = cfg.get("execute", {}).get("cache")
    if cache:
        cfg["execute"]["cache"] = str((ROOT / cache).resolve())
    return cfg


def main() -> int:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    CONFIG.parent.mkdir(parents=True, exist_ok=True)
    CONFIG.write_text(yaml.safe_dump(student_config(config), sort_keys=False), encoding="utf-8")
    jb = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run([str(jb), "build", str(ROOT), "--config", str(CONFIG),
                           "--path-output", str(OUT), "-W", "-n", "--keep-going"])
    if proc.returncode == 0:
        print(f"\nThe student edition is built: open {OUT / '_build' / 'html' / 'index.html'}")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
