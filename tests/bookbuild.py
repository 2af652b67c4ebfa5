"""Build a Jupyter Book the way `make book` does, for the build tests."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JB = Path(sys.executable).with_name("jupyter-book")
FLAGS = ("-W", "-n", "--keep-going")


def makefile_flags() -> tuple[str, ...]:
    """The flags `make book` passes, read from the Makefile (so the two cannot drift)."""
    for line in (ROOT / "Makefile").read_text().splitlines():
        if line.startswith("JB_FLAGS"):
            return tuple(line.split(":=", 1)[1].split())
    raise AssertionError("JB_FLAGS not found in the Makefile")


def build(book: Path, *extra: str, timeout: int = 1800) -> subprocess.CompletedProcess:
    """Run ``jupyter-book build BOOK -W -n --keep-going``; return the finished process."""
    import tempfile
    # as `make book` does: chapter 7 writes into a fresh folder, not chapters/my-work/
    env = {**os.environ, "VCC_WORK_DIR": tempfile.mkdtemp(prefix="vcc-build-work-")}
    return subprocess.run(
        [str(JB), "build", str(book), *FLAGS, *extra],
        capture_output=True, text=True, timeout=timeout, cwd=book, env=env,
    )


def toc_files(toc: dict) -> list[str]:
    """Every `file:` entry of a jb-book `_toc.yml`, root first."""
    out = [toc["root"]]

    def walk(entries):
        for e in entries or []:
            if "file" in e:
                out.append(e["file"])
            walk(e.get("sections"))
            walk(e.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return out
