"""Print the book's build times: clean build, build without execution, cached rebuild.

Each build runs on a fresh copy of the book in a temporary folder, with the same strict
flags as `make book`. Prints figures; it is not a test.

    .venv/bin/python bench/build_time.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
JB = Path(sys.executable).with_name("jupyter-book")
IGNORE = shutil.ignore_patterns(".venv", "_build", ".jupyter_cache", ".git", "node_modules",
                                ".pytest_cache", ".hypothesis", "__pycache__")


def timed_build(book: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run([str(JB), "build", str(book), "-W", "-n", "--keep-going"],
                          capture_output=True, text=True, cwd=book)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit("build failed:\n" + proc.stdout[-3000:] + proc.stderr[-3000:])
    return took


def copy_book(dest: Path, execute: str | None = None) -> Path:
    book = dest / "book"
    shutil.copytree(ROOT, book, ignore=IGNORE)
    if execute:
        cfg_path = book / "_config.yml"
        cfg = yaml.safe_load(cfg_path.read_text())
        cfg["execute"]["execute_notebooks"] = execute
        cfg_path.write_text(yaml.safe_dump(cfg, sort_keys=False))
    return book


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        book = copy_book(Path(tmp) / "a")
        clean = timed_build(book)
        cached = timed_build(book)
        noexec = timed_build(copy_book(Path(tmp) / "b", execute="off"))
    notebooks = len(list((ROOT / "chapters").glob("*.ipynb")))
    print(f"notebooks:                          {notebooks}")
    print(f"clean build (executes every chapter): {clean:7.1f} s")
    print(f"build without execution:              {noexec:7.1f} s")
    print(f"cached rebuild (nothing changed):     {cached:7.1f} s")


if __name__ == "__main__":
    main()
