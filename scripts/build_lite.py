"""Prepare the "run in your browser" route: JupyterLite inside the built book.

``make book LITE=1`` adds a JupyterLite site (jupyterlite-sphinx, Pyodide kernel) at
``_build/html/lite/``, holding the chapter notebooks and a wheel of the helper package,
and a "JupyterLite" launch button on every notebook page. This script prepares what that
build needs, in a staging folder outside the source tree:

- ``STAGE/lite/jupyter_lite_config.json``: the JupyterLite build settings (no source maps,
  no unused shared packages: ~22 MB instead of ~60 MB);
- ``STAGE/lite/pypi/vcc_helpers-*.whl``: the package, built with ``pip wheel . --no-deps``;
  JupyterLite indexes it so that ``%pip install vcc-helpers`` (the chapters' install cell)
  takes the book's own copy instead of looking on PyPI;
- ``STAGE/contents/chapters/*.ipynb``: the executable chapters of the table of contents,
  as stored (without outputs), so readers run them from the top, with JupyterLite's
  kernel (``python``, Pyodide) named in their metadata;

and returns the ``_config.yml`` additions (the ``overlay``). The reader's browser still
fetches Pyodide and the packages it lacks (networkx, matplotlib, PyYAML, ipywidgets) from
the internet; see ``chapters/run-in-browser.md``.

Usage (normally through ``scripts/book_variant.py``)::

    python scripts/build_lite.py STAGE_DIR [BOOK_DIR]    # prints the overlay as JSON
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
LITE_OUTPUT = "lite"  # jupyterlite-sphinx writes the site to <html>/lite/
LITE_KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
LITE_CONFIG = {
    "LiteBuildConfig": {
        "no_sourcemaps": True,
        "no_unused_shared_packages": True,
    }
}


def toc_notebooks(book: Path) -> list[str]:
    """The table of contents' notebook pages, as paths relative to BOOK, in TOC order.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "_toc.yml").write_text("format: jb-book\\nroot: intro\\nchapters:\\n"
    ...                                  "- file: chapters/a\\n- file: chapters/b.md\\n")
    >>> (d / "chapters").mkdir(); _ = (d / "chapters/a.ipynb").write_text("{}")
    >>> _ = (d / "chapters/b.md").write_text("# B")
    >>> toc_notebooks(d)
    ['chapters/a.ipynb']
    """
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    out = []
    for f in files:
        path = f if f.endswith(".ipynb") else f"{f.removesuffix('.md')}.ipynb"
        if (book / path).is_file():
            out.append(path)
    return out


def build_wheel(book: Path, dest: Path) -> Path:
    """Build the helper package's wheel (``pip wheel . --no-deps``) into DEST; return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("*.whl"):
        old.unlink()
    setuptools_build = book / "build"  # setuptools' work folder, in the source tree
    had_build = setuptools_build.exists()
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                           "--wheel-dir", str(dest), str(book)],
                          capture_output=True, text=True)
    if not had_build:
        shutil.rmtree(setuptools_build, ignore_errors=True)
    wheels = sorted(dest.glob("vcc_helpers-*.whl"))
    if proc.returncode != 0 or len(wheels) != 1:
        raise RuntimeError(f"pip wheel failed:\n{proc.stdout}{proc.stderr}")
    return wheels[0]


def write_lite_notebook(src: Path, dest: Path) -> None:
    """Copy a chapter notebook for JupyterLite, naming its kernel ``python`` (Pyodide).

    The stored chapters name the ``python3`` kernel, which JupyterLite does not have: it
    would greet every reader with a "Select Kernel" dialog. Cells are copied unchanged.
    """
    nb = nbformat.read(src, as_version=4)
    nb.metadata["kernelspec"] = dict(LITE_KERNELSPEC)
    nbformat.write(nb, dest)


def lite_url(notebooks: list[str]) -> str:
    """The launch-button address of the lite notebook app, relative to the notebook pages.

    sphinx-book-theme appends ``?path=<page>.ipynb`` and writes the address into the page
    as it is, so it must be relative to where the pages sit; all notebook pages must
    therefore sit at the same depth.

    Examples
    --------
    >>> lite_url(["chapters/a.ipynb", "chapters/b.ipynb"])
    '../lite/notebooks/index.html'
    >>> lite_url(["a.ipynb"])
    'lite/notebooks/index.html'
    """
    depths = {len(PurePosixPath(n).parts) - 1 for n in notebooks}
    if len(depths) > 1:
        raise ValueError(f"notebook pages at different depths cannot share one JupyterLite link: {notebooks}")
    depth = depths.pop() if depths else 1
    return "../" * depth + f"{LITE_OUTPUT}/notebooks/index.html"


def prepare(stage: Path, book: Path = ROOT) -> dict:
    """Stage the wheel, the notebooks and the lite settings in STAGE; return the overlay."""
    stage = Path(stage).resolve()
    book = Path(book).resolve()
    lite_dir = stage / "lite"
    shutil.rmtree(stage / "contents", ignore_errors=True)
    lite_dir.mkdir(parents=True, exist_ok=True)
    (lite_dir / "jupyter_lite_config.json").write_text(json.dumps(LITE_CONFIG, indent=2) + "\n")
    build_wheel(book, lite_dir / "pypi")
    notebooks = toc_notebooks(book)
    for nb in notebooks:
        target = stage / "contents" / nb
        target.parent.mkdir(parents=True, exist_ok=True)
        write_lite_notebook(book / nb, target)
    top_dirs = sorted({PurePosixPath(nb).parts[0] for nb in notebooks if len(PurePosixPath(nb).parts) > 1})
    contents = [str(stage / "contents" / d) for d in top_dirs]
    contents += [str(stage / "contents" / nb) for nb in notebooks if len(PurePosixPath(nb).parts) == 1]
    return {
        "sphinx": {
            "extra_extensions": ["jupyterlite_sphinx"],
            # tags the build `jupyterlite`; drops the Google Fonts stylesheet jupyterlite-sphinx adds to every page
            "local_extensions": {"sphinx_lite": str(Path(__file__).resolve().parent)},
            "config": {
                "jupyterlite_dir": str(lite_dir),
                # folders keep their name inside JupyterLite (lite/files/chapters/...);
                # jupyterlite-sphinx copies them into <book>/_contents/ (its staging folder,
                # emptied at each build, excluded from the sources; `make book` removes it)
                "jupyterlite_contents": contents,
                # myst-nb reads .ipynb pages; jupyterlite-sphinx must not claim the suffix
                # (the clash in jupyter-book#1344)
                "jupyterlite_bind_ipynb_suffix": False,
            },
        },
        "launch_buttons": {"jupyterlite_url": lite_url(notebooks)},
    }


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    book = Path(argv[1]) if len(argv) == 2 else ROOT
    print(json.dumps(prepare(Path(argv[0]), book), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
