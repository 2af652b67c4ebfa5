"""Build the student edition: the book's files with every solution and model answer left out.

    .venv/bin/python scripts/student_edition.py        # or: make student
    .venv/bin/python scripts/student_edition.py --tree-only   # the tree, no HTML

Two steps, so that nothing a student can reach holds a solution:

1. **The student tree**, ``_build/student/tree/``: the repository's book files
   (what git tracks, less ``tests/``, ``bench/``, ``conftest.py`` and ``.ci/``) with

   * every solution removed from the notebooks and Markdown pages: a gated
     solution (``solution-start`` ... ``solution-end``) with every cell between
     its markers, code cells included, and every ``{solution}`` directive;
   * the package's model answers left out (``vcc_helpers/exercises/answers/``):
     the answer checks still work, comparing fixed keys through digests and
     computing case answers with the lenses, and a name such as
     ``ch07.FIXED_CASE`` says that the model answers are not in this edition;
   * a ``_config.yml`` whose title says "student edition", whose launch buttons
     and Colab install cells point at the student branch (``repository.branch``
     is ``vcc_student_branch``, default ``student``), with solutions hidden.

   The instructor publishes this tree as the ``student`` branch (see chapter 8:
   ``make student-branch``, then ``git push origin student``), so Binder, Colab
   and a JupyterHub open the student notebooks, not the full ones.

2. **The student HTML**, built strictly FROM that tree into
   ``_build/student/_build/html``, with the tree's own copy of the package on
   the kernel's path: the pages, their "Download .ipynb" files, ``_sources/`` and
   the search index are made of the tree, so they are clean by construction.
   The tree keeps its own jupyter cache (``_build/student/tree/.jupyter_cache``),
   so a second run re-executes only chapters that changed.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "_build" / "student"
TREE = OUT / "tree"
HTML = OUT / "_build" / "html"
DEFAULT_BRANCH = "student"

LEFT_OUT = ("tests/", "bench/", ".ci/", "conftest.py", "vcc_helpers/exercises/answers/")
"""Paths (prefixes) of the repository the student tree does not hold."""

_FENCE = r"(?P<f>`{3,}|:{3,})"
SOLUTION_START = re.compile(r"^" + _FENCE + r"\{solution-start\}[^\n]*$", re.M)
SOLUTION_END = re.compile(r"^" + _FENCE + r"\{solution-end\}[^\n]*\n(?P=f)[ \t]*(\n|$)", re.M)
SOLUTION_BLOCK = re.compile(r"^" + _FENCE + r"\{solution\}.*?^(?P=f)[ \t]*(\n|$)", re.M | re.S)
INSTALL_REF = re.compile(r"(git\+https://github\.com/[^\s@\"']+?)@[A-Za-z0-9._/-]+")


def student_branch(config: dict) -> str:
    """The branch the student edition is published as: ``sphinx.config.vcc_student_branch``."""
    value = ((config.get("sphinx") or {}).get("config") or {}).get("vcc_student_branch")
    return str(value or DEFAULT_BRANCH)


# --------------------------------------------------------------------------------------
# Removing solutions
# --------------------------------------------------------------------------------------


def split_solutions(text: str, inside: bool = False) -> tuple[str, list[str], bool]:
    """Split Markdown into what a student sees and the solutions.

    Parameters
    ----------
    text : str
        Markdown (one notebook cell, or a whole page).
    inside : bool
        True when an earlier cell opened a gated solution not yet closed.

    Returns
    -------
    (kept, removed, inside)
        The text without solutions, the removed pieces, and whether a gated
        solution is still open at the end of *text*.

    Examples
    --------
    >>> kept, gone, open_ = split_solutions("Q?\\n```{solution-start} ex1\\n```\\nA.\\n")
    >>> kept, open_
    ('Q?\\n', True)
    >>> split_solutions("More A.\\n```{solution-end}\\n```\\nNext.", inside=True)[0]
    'Next.'
    >>> split_solutions(":::{solution} ex2\\nA.\\n:::\\nAfter")[0]
    'After'
    """
    kept: list[str] = []
    removed: list[str] = []
    pos = 0
    while pos <= len(text):
        if inside:
            end = SOLUTION_END.search(text, pos)
            if end is None:
                removed.append(text[pos:])
                return "".join(kept), removed, True
            removed.append(text[pos:end.end()])
            pos, inside = end.end(), False
            continue
        start = SOLUTION_START.search(text, pos)
        chunk = text[pos:start.start()] if start else text[pos:]
        block_kept = SOLUTION_BLOCK.sub(lambda m: removed.append(m.group(0)) or "", chunk)
        kept.append(block_kept)
        if start is None:
            break
        pos, inside = start.start(), True
    return "".join(kept), removed, False


def strip_notebook(nb: dict) -> tuple[dict, list[str]]:
    """The notebook without its solutions (cells between gated markers included), and them."""
    cells, removed, inside = [], [], False
    for cell in nb.get("cells", []):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "markdown":
            kept, gone, inside = split_solutions(source, inside)
            removed += gone
            if kept.strip():
                cells.append({**cell, "source": kept.rstrip("\n") + "\n" if kept.endswith("\n")
                              else kept})
        elif inside:
            removed.append(source)
        else:
            cells.append(cell)
    if inside:
        raise ValueError("a solution-start has no solution-end")
    return {**nb, "cells": cells}, removed


def solution_bodies(path: Path) -> list[str]:
    """The texts of every solution in a notebook or Markdown page (for the tests' scan)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        return strip_notebook(json.loads(text))[1]
    return split_solutions(text)[1]


# --------------------------------------------------------------------------------------
# The tree
# --------------------------------------------------------------------------------------


def book_files(root: Path = ROOT) -> list[str]:
    """The repository's files (tracked, or new and not ignored), less :data:`LEFT_OUT`."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                         cwd=root, capture_output=True, text=True, check=True).stdout
    files = [f for f in out.splitlines() if f and (root / f).is_file()]
    return sorted(f for f in files if not f.startswith(LEFT_OUT))


def student_config(config: dict, branch: str) -> dict:
    """The student tree's ``_config.yml``: solutions hidden, launch buttons on *branch*."""
    cfg = yaml.safe_load(yaml.safe_dump(config, sort_keys=False))
    title = cfg.get("title", "Book")
    if "(student edition)" not in title:
        cfg["title"] = f"{title} (student edition)"
    cfg.setdefault("repository", {})["branch"] = branch
    sphinx_cfg = cfg.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_cfg["vcc_hide_solutions"] = True  # belt and braces: see vcc_helpers.sphinxext
    sphinx_cfg["vcc_student_branch"] = branch
    return cfg


def make_tree(branch: str | None = None, root: Path = ROOT, tree: Path = TREE) -> Path:
    """Write the student tree (see the module docstring); keep its jupyter cache."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    branch = branch or student_branch(config)
    tree.mkdir(parents=True, exist_ok=True)
    for entry in tree.iterdir():  # a fresh tree each time, but the cache stays
        if entry.name == ".jupyter_cache":
            continue
        shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    for name in book_files(root):
        src, dest = root / name, tree / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".ipynb"):
            nb, _ = strip_notebook(json.loads(src.read_text(encoding="utf-8")))
            text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
            dest.write_text(INSTALL_REF.sub(rf"\1@{branch}", text), encoding="utf-8")
        elif name.endswith(".md") and name != "README.md":
            dest.write_text(split_solutions(src.read_text(encoding="utf-8"))[0],
                            encoding="utf-8")
        elif name == "_config.yml":
            dest.write_text(
                "# The student edition, generated by scripts/student_edition.py: do not edit.\n"
                + yaml.safe_dump(student_config(config, branch), sort_keys=False,
                                 allow_unicode=True), encoding="utf-8")
        else:
            shutil.copy2(src, dest)
    return tree


def build(tree: Path = TREE, out: Path = OUT) -> int:
    """Build the student HTML from *tree*, strictly, with the tree's package on the path."""
    config = yaml.safe_load((tree / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("execute", {})["cache"] = str(tree / ".jupyter_cache")
    build_config = out / "build-config.yml"
    build_config.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                            encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(tree)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
                       if p and Path(p).resolve() != ROOT]))
    # chapter 7 writes example files while it runs: into a folder outside the tree, so the
    # tree holds only what is published (as `make book` does)
    env["VCC_WORK_DIR"] = str(out / "ch07-work")
    jb = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run([str(jb), "build", str(tree), "--config", str(build_config),
                           "--path-output", str(out), "-W", "-n", "--keep-going"], env=env)
    if proc.returncode == 0:
        sys.path.insert(0, str(ROOT / "scripts"))
        from book_pages import prune_stale_pages

        for page in prune_stale_pages(out / "_build" / "html", tree):
            print(f"removed a page no longer in _toc.yml: {page}")
    return proc.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--branch", help="the student branch (default: vcc_student_branch "
                                         "in _config.yml, else 'student')")
    parser.add_argument("--tree-only", action="store_true", help="write the tree, build nothing")
    args = parser.parse_args(argv)
    tree = make_tree(args.branch)
    print(f"The student tree is written: {tree}")
    if args.tree_only:
        return 0
    code = build(tree)
    if code == 0:
        print(f"\nThe student edition is built: open {HTML / 'index.html'}")
        print("Publish it as the student branch: make student-branch, then git push origin student")
    return code


if __name__ == "__main__":
    sys.exit(main())
