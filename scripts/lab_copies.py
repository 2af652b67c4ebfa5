"""Copy the chapter notebooks into ``chapters/_work/`` for ``make lab``.

Running a notebook saves its outputs into the file. The chapters in ``chapters/`` are
stored without outputs and tracked by git, so ``make lab`` opens copies instead, in
``chapters/_work/`` (git ignores it, and the book build excludes it): run and change them
freely, ``git status`` stays clean. A copy that exists is never overwritten (it holds
your work); delete it to get a fresh one. Chapter 7 writes its files in
``chapters/_work/my-work/``, next to the copy.

Usage::

    python scripts/lab_copies.py [DEST]     # prints the folder to open
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "chapters" / "_work"


def copy_chapters(dest: Path = WORK, chapters: Path = ROOT / "chapters") -> tuple[list[Path], list[Path]]:
    """Copy every ``chapters/*.ipynb`` into DEST unless a copy is there; return (copied, kept).

    Examples
    --------
    >>> import tempfile
    >>> src, dest = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp()) / "w"
    >>> _ = (src / "a.ipynb").write_text("{}")
    >>> [p.name for p in copy_chapters(dest, src)[0]], [p.name for p in copy_chapters(dest, src)[1]]
    (['a.ipynb'], ['a.ipynb'])
    """
    dest.mkdir(parents=True, exist_ok=True)
    copied, kept = [], []
    for nb in sorted(chapters.glob("*.ipynb")):
        target = dest / nb.name
        if target.exists():
            kept.append(target)
        else:
            shutil.copy2(nb, target)
            copied.append(target)
    return copied, kept


def main(argv: list[str]) -> int:
    dest = Path(argv[0]) if argv else WORK
    copied, kept = copy_chapters(dest)
    if kept:
        print(f"kept your {len(kept)} existing cop{'y' if len(kept) == 1 else 'ies'} in {dest} "
              "(delete one to get a fresh copy of that chapter)", file=sys.stderr)
    if copied:
        print(f"copied {len(copied)} chapter(s) into {dest}", file=sys.stderr)
    print(dest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
