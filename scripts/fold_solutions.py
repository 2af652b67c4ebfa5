"""Keep every exercise solution folded when a chapter is opened in Jupyter or Colab.

On the book's pages sphinx-exercise folds each solution (``:class: dropdown``). In
JupyterLab and Notebook 7 jupyterlab-myst folds the text of the cell that opens a solution
(``{solution-start}``), but a solution that goes on over further cells (its code, the
text after it) would lie open: those cells get the standard ``jupyter.source_hidden`` and
``jupyter.outputs_hidden`` flags (JupyterLab and Notebook 7 collapse them, one click opens
them), and code cells Colab's ``cellView: form`` (Colab shows "Show code"). The book's
HTML ignores these flags.

Running it again changes nothing when the notebooks are current; ``--check`` only reports::

    python scripts/fold_solutions.py [--check] [NOTEBOOK ...]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
START = re.compile(r"^(`{3,}|:{3,})\s*\{solution-start\}", re.M)
END = re.compile(r"^(`{3,}|:{3,})\s*\{solution-end\}\s*\n?\1?\s*$", re.M)
_FENCE_ONLY = re.compile(r"^\s*(`{3,}|:{3,})\s*\{solution-end\}\s*\n\s*\1\s*$")


def solution_body(nb: nbformat.NotebookNode) -> list[int]:
    """Indices of the cells that continue a solution after its opening cell.

    A markdown cell holding nothing but the closing fence is left alone (it shows
    nothing), and so is a cell that closes a solution and goes on with something else.

    Examples
    --------
    >>> md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     md("```{solution-start} ex1\\n:class: dropdown\\n```\\nThe answer."), code("check(42)"),
    ...     md("Why.\\n\\n```{solution-end}\\n```"), md("```{solution-start} ex2\\n```\\nA.\\n"),
    ...     code("x = 1"), md("```{solution-end}\\n```"), code("next_thing()")])
    >>> solution_body(nb)
    [1, 2, 4]
    """
    out, inside = [], False
    for i, cell in enumerate(nb.cells):
        src = cell.source
        if not inside:
            starts = list(START.finditer(src))
            if starts and not re.search(r"\{solution-end\}", src[starts[-1].end():]):
                inside = True
            continue
        if "{solution-end}" in src:
            inside = False
            before, _, after = src.partition("{solution-end}")
            after = re.sub(r"^[^\n]*\n?\s*(`{3,}|:{3,})?\s*", "", after, count=1)
            lines_before = [ln for ln in before.splitlines() if ln.strip() and not re.fullmatch(r"\s*(`{3,}|:{3,})\s*", ln)]
            if lines_before and not after.strip():
                out.append(i)
            continue
        out.append(i)
    return out


def _folded(cell) -> bool:
    j = cell.metadata.get("jupyter", {})
    ok = j.get("source_hidden") is True and (cell.cell_type != "code" or j.get("outputs_hidden") is True)
    return ok and (cell.cell_type != "code" or cell.metadata.get("cellView") == "form")


def apply(nb: nbformat.NotebookNode) -> bool:
    """Fold every solution body cell of NB (and unfold any other cell); True if NB changed."""
    body = set(solution_body(nb))
    changed = False
    for i, cell in enumerate(nb.cells):
        if i in body and not _folded(cell):
            j = cell.metadata.setdefault("jupyter", {})
            j["source_hidden"] = True
            if cell.cell_type == "code":
                j["outputs_hidden"] = True
                cell.metadata["cellView"] = "form"
            changed = True
        elif i not in body and (cell.metadata.get("jupyter", {}).get("source_hidden")
                                or cell.metadata.get("cellView") == "form"):
            cell.metadata.pop("jupyter", None)
            cell.metadata.pop("cellView", None)
            changed = True
    return changed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    for path in args.notebooks or sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if apply(nb):
            stale.append(path)
            if not args.check:
                nbformat.write(nb, path)
                print(f"solutions folded: {path}")
    if args.check and stale:
        print("notebooks with open solutions (run python scripts/fold_solutions.py):",
              *map(str, stale), sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
