"""Insert or refresh the install cell of every executable chapter (``chapters/*.ipynb``).

Cloud runtimes lack the book's helper package: Colab, a bare JupyterHub, JupyterLite. So
the first code cell of every chapter notebook installs it *only when* ``import
vcc_helpers`` fails, and does nothing where it is installed (the book build, Binder, a
local ``.venv``). Where it installs, it never upgrades a package the runtime already has:
the helper package goes in with ``--no-deps`` and only its missing dependencies are added
(Colab's own ipywidgets 7 stays; upgrading it under a running kernel breaks every widget).
On a hub whose environment users cannot write to, pip installs into the user's folder
(``~/.local``); the cell then adds that folder to ``sys.path``, so the import works with
no kernel restart. In JupyterLite it asks piplite for the wheel bundled with the book.

The package is pinned to the same git reference the launch buttons open the notebook
from (``repository.branch`` in ``_config.yml``), so notebook and package always come from
one commit of the repository; ``--ref v1.0.0`` pins a release tag instead.

The cell is tagged ``remove-cell``: it is plumbing, not part of the lesson, so the HTML
page leaves it out entirely (``hide-input`` would leave an empty "show code" toggle at the
top of every chapter), while Colab and Jupyter, which ignore the tag, show and run it.
The book build still executes it (a no-op there).

Running the script again changes nothing when the cell is current (idempotent: the file is
not rewritten); an outdated install cell is replaced in place, a misplaced one is moved
before the first code cell.

Usage::

    python scripts/install_cell.py [--check] [--ref REF] [NOTEBOOK ...]

``--check`` changes nothing and exits 1 when a notebook needs the cell (for CI).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
CELL_ID = "vcc-install"
MARKER = "# Install the book's helper package where it is missing (Colab, JupyterHub, JupyterLite)."
TAGS = ["remove-cell"]


def package_spec(repo_url: str, ref: str) -> str:
    """The pip requirement that installs the helper package from the repository at REF.

    Examples
    --------
    >>> package_spec("https://github.com/org/book/", "main")
    'vcc-helpers @ git+https://github.com/org/book@main'
    """
    return f"vcc-helpers @ git+{repo_url.rstrip('/')}@{ref}"


# The helper package's dependencies (pyproject.toml): module to import -> name to install.
DEPENDENCIES = {"networkx": "networkx", "matplotlib": "matplotlib", "ipywidgets": "ipywidgets",
                "yaml": "PyYAML", "yamlcore": "yamlcore", "ruamel": "ruamel.yaml"}


def cell_source(repo_url: str, ref: str, spec: str | None = None) -> str:
    """The source of the install cell (SPEC overrides the pip requirement, for tests).

    Examples
    --------
    >>> print(cell_source("https://github.com/org/book", "main"))
    # Install the book's helper package where it is missing (Colab, JupyterHub, JupyterLite).
    # Where it is installed (the book build, Binder, your own .venv) this cell does nothing.
    try:
        import vcc_helpers
    except ImportError:
        import importlib, importlib.util, site, subprocess, sys
        if sys.platform == "emscripten":  # JupyterLite: the copy bundled with the book
            %pip install -q vcc-helpers
        else:
            # add only what is missing: never upgrade what the runtime has (Colab's ipywidgets)
            needs = {"networkx": "networkx", "matplotlib": "matplotlib", "ipywidgets": "ipywidgets", "yaml": "PyYAML", "yamlcore": "yamlcore", "ruamel": "ruamel.yaml"}
            missing = [name for module, name in needs.items() if importlib.util.find_spec(module) is None]
            for args in (["--no-deps", "vcc-helpers @ git+https://github.com/org/book@main"], missing):
                if args:
                    done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", *args],
                                          capture_output=True, text=True)
                    print(done.stdout, done.stderr, sep="", end="")
                    done.check_returncode()
            # a hub whose environment is read-only: pip used your user folder (~/.local);
            # make it importable now, with no kernel restart
            site.addsitedir(site.getusersitepackages())
            importlib.invalidate_caches()
        import vcc_helpers
    """
    spec = spec or package_spec(repo_url, ref)
    needs = "{" + ", ".join(f"{m!r}: {n!r}" for m, n in DEPENDENCIES.items()).replace("'", '"') + "}"
    return "\n".join([
        MARKER,
        "# Where it is installed (the book build, Binder, your own .venv) this cell does nothing.",
        "try:",
        "    import vcc_helpers",
        "except ImportError:",
        "    import importlib, importlib.util, site, subprocess, sys",
        '    if sys.platform == "emscripten":  # JupyterLite: the copy bundled with the book',
        "        %pip install -q vcc-helpers",
        "    else:",
        "        # add only what is missing: never upgrade what the runtime has (Colab's ipywidgets)",
        f"        needs = {needs}",
        "        missing = [name for module, name in needs.items() if importlib.util.find_spec(module) is None]",
        f'        for args in (["--no-deps", "{spec}"], missing):',
        "            if args:",
        '                done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", *args],',
        "                                      capture_output=True, text=True)",
        '                print(done.stdout, done.stderr, sep="", end="")',
        "                done.check_returncode()",
        "        # a hub whose environment is read-only: pip used your user folder (~/.local);",
        "        # make it importable now, with no kernel restart",
        "        site.addsitedir(site.getusersitepackages())",
        "        importlib.invalidate_caches()",
        "    import vcc_helpers",
    ])


def make_cell(repo_url: str, ref: str) -> nbformat.NotebookNode:
    """A new install cell (tagged, no outputs, fixed cell id)."""
    cell = nbformat.v4.new_code_cell(cell_source(repo_url, ref))
    cell.id = CELL_ID
    cell.metadata["tags"] = list(TAGS)
    return cell


_PIP = re.compile(r"(?m)^\s*(?:[%!]\s*pip\b|.*\bpip\b.*\binstall\b)")


def _is_install_cell(cell) -> bool:
    """The current install cell, or any older cell that installs the helper package.

    An outdated copy of the cell left beside the current one (with another first line,
    say) still counts, so ``--check`` reports it and a run removes it.

    Examples
    --------
    >>> c = nbformat.v4.new_code_cell
    >>> _is_install_cell(c('try:\\n    import vcc_helpers\\nexcept ImportError:\\n'
    ...                    '    %pip install --quiet "vcc-helpers @ git+https://x/y"'))
    True
    >>> _is_install_cell(c("from vcc_helpers import cases")), _is_install_cell(c("%pip install numpy"))
    (False, False)
    """
    if cell.cell_type != "code":
        return False
    src = cell.source
    return (cell.get("id") == CELL_ID or src.startswith(MARKER)
            or (bool(_PIP.search(src)) and bool(re.search(r"vcc[-_]helpers", src))))


def apply(nb: nbformat.NotebookNode, repo_url: str, ref: str) -> bool:
    """Put the current install cell before the first other code cell of NB; True if NB changed.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"),
    ...                                      nbformat.v4.new_code_cell("x = 1")])
    >>> apply(nb, "https://github.com/o/r", "main"), apply(nb, "https://github.com/o/r", "main")
    (True, False)
    >>> [c.cell_type for c in nb.cells], nb.cells[1].metadata["tags"]
    (['markdown', 'code', 'code'], ['remove-cell'])
    """
    wanted = make_cell(repo_url, ref)
    old = [i for i, c in enumerate(nb.cells) if _is_install_cell(c)]
    rest = [c for c in nb.cells if not _is_install_cell(c)]
    first_code = next((i for i, c in enumerate(rest) if c.cell_type == "code"), len(rest))
    if len(old) == 1:
        current = nb.cells[old[0]]
        others_before = [c for c in nb.cells[:old[0]] if c.cell_type == "code"]
        if (not others_before and current.source == wanted.source
                and current.metadata.get("tags") == TAGS and current.get("id") == CELL_ID
                and not current.get("outputs") and current.get("execution_count") is None):
            return False
    nb.cells = rest[:first_code] + [wanted] + rest[first_code:]
    # nbformat 4.5 is the first minor version with cell ids
    if (nb.nbformat, nb.nbformat_minor) < (4, 5):
        nb.nbformat_minor = 5
        for i, c in enumerate(nb.cells):
            c.setdefault("id", f"cell-{i}")
    return True


def repository(config_path: Path = ROOT / "_config.yml") -> tuple[str, str]:
    """``repository.url`` and ``repository.branch`` from the book's ``_config.yml``."""
    cfg = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    repo = cfg.get("repository") or {}
    if not repo.get("url"):
        raise SystemExit(f"{config_path}: repository.url is not set")
    return repo["url"], repo.get("branch") or "main"


def chapter_notebooks(root: Path = ROOT) -> list[Path]:
    """Every executable chapter: ``chapters/*.ipynb``, sorted."""
    return sorted((root / "chapters").glob("*.ipynb"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Insert or refresh the install cell of the chapter notebooks.")
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook needs the cell")
    parser.add_argument("--ref", help="git branch or tag to install from (default: repository.branch)")
    args = parser.parse_args(argv)
    url, branch = repository()
    ref = args.ref or branch
    stale = []
    for path in args.notebooks or chapter_notebooks():
        nb = nbformat.read(path, as_version=4)
        if apply(nb, url, ref):
            stale.append(path)
            if not args.check:
                nbformat.validate(nb)
                nbformat.write(nb, path)
                print(f"install cell written: {path}")
    if args.check and stale:
        print("notebooks without the current install cell (run python scripts/install_cell.py):",
              *map(str, stale), sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
