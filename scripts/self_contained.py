"""Serve the ipywidgets widget manager and MathJax from the book itself.

The default build lets the pages load two scripts from public CDNs: the widget manager
(myst-nb's ``nb_ipywidgets_js``: ``@jupyter-widgets/html-manager`` on jsDelivr, with
require.js from cdnjs) and MathJax 3 (Sphinx's ``mathjax_path``, jsDelivr). Without them,
widgets and equations do not render. A *self-contained* build (``make book
SELF_CONTAINED=1``) copies both from their npm packages into ``_build/html/_vendor/`` and
points the configuration at those copies, so the book reads fully with no third-party
request (offline, behind a firewall, or from a USB stick).

The npm packages are fetched by ``scripts/fetch-widget-manager.sh`` (``npm pack`` with
pinned sha512 checksums, unpacked into ``node_modules/``, never committed); the same
versions the default build loads from the CDN, so both builds run the same code. The files
are staged in a folder that Sphinx copies with ``html_extra_path`` (never ``_static/``, whose
every JS/CSS file Jupyter Book injects into every page).

Usage (normally through ``scripts/book_variant.py``)::

    python scripts/self_contained.py STAGE_DIR      # fetch if needed, stage, print the overlay
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FETCH_SCRIPT = ROOT / "scripts" / "fetch-widget-manager.sh"
VENDOR = "_vendor"
WIDGETS_DIR = f"{VENDOR}/html-manager"
MATHJAX_DIR = f"{VENDOR}/mathjax"
# the page-relative form Sphinx needs: add_js_file() prefixes relative names with _static/
WIDGETS_JS = f"../{WIDGETS_DIR}/embed.js"
MATHJAX_JS = f"../{MATHJAX_DIR}/tex-mml-chtml.js"
# MathJax's es5 folder: the combined component the pages load plus what it loads on demand
# (TeX extensions, fonts, the accessibility menu and speech rules); other combined bundles
# and the SVG output are left out.
MATHJAX_KEEP = ("tex-mml-chtml.js", "a11y", "adaptors", "input", "output/chtml.js",
                "output/chtml", "sre", "ui")


def ensure_packages(node_modules: Path = ROOT / "node_modules") -> Path:
    """Fetch the npm packages (if missing) and return the ``node_modules`` folder.

    Raises
    ------
    RuntimeError
        When the fetch script fails or a package is still missing afterwards.
    """
    needed = [node_modules / "@jupyter-widgets" / "html-manager" / "dist" / "embed.js",
              node_modules / "mathjax" / "es5" / "tex-mml-chtml.js"]
    if not all(p.is_file() for p in needed):
        proc = subprocess.run(["bash", str(FETCH_SCRIPT)], cwd=ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"{FETCH_SCRIPT.name} failed:\n{proc.stdout}{proc.stderr}")
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        raise RuntimeError(f"npm files missing after {FETCH_SCRIPT.name}: {missing}")
    return node_modules


def _copy(src: Path, dest: Path) -> list[Path]:
    if src.is_dir():
        shutil.copytree(src, dest, dirs_exist_ok=True)
        return sorted(p for p in dest.rglob("*") if p.is_file())
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)
    return [dest]


def stage(stage_dir: Path, node_modules: Path) -> list[Path]:
    """Copy the widget manager and MathJax into ``STAGE_DIR/_vendor/``; return the files.

    The widget manager keeps everything in ``dist/`` that ``embed.js`` loads (its lazily
    loaded chunks and Font Awesome fonts, found relative to the script), without source
    maps or the require.js (AMD) variants. Each package's ``package.json`` goes along as
    the record of name, version and licence.
    """
    stage_dir = Path(stage_dir)
    shutil.rmtree(stage_dir / VENDOR, ignore_errors=True)
    files: list[Path] = []
    manager = node_modules / "@jupyter-widgets" / "html-manager"
    for src in sorted((manager / "dist").iterdir()):
        if src.suffix == ".map" or src.name in ("embed-amd.js", "libembed-amd.js"):
            continue
        files += _copy(src, stage_dir / WIDGETS_DIR / src.name)
    files += _copy(manager / "package.json", stage_dir / WIDGETS_DIR / "package.json")
    mathjax = node_modules / "mathjax"
    for rel in MATHJAX_KEEP:
        files += _copy(mathjax / "es5" / rel, stage_dir / MATHJAX_DIR / rel)
    for name in ("package.json", "LICENSE"):
        files += _copy(mathjax / name, stage_dir / MATHJAX_DIR / name)
    return sorted(files)


def overlay(stage_dir: Path) -> dict:
    """The ``_config.yml`` additions that make the pages use the staged copies.

    Examples
    --------
    >>> cfg = overlay(Path("/tmp/stage"))["sphinx"]["config"]
    >>> cfg["mathjax_path"], list(cfg["nb_ipywidgets_js"])
    ('../_vendor/mathjax/tex-mml-chtml.js', ['../_vendor/html-manager/embed.js'])
    >>> cfg["html_extra_path"]
    ['/tmp/stage']
    """
    return {"sphinx": {
        # drops the MathJax copy after the build when no page has math (see setup below)
        "local_extensions": {"self_contained": str(Path(__file__).resolve().parent)},
        "config": {
            "html_extra_path": [str(stage_dir)],
            "mathjax_path": MATHJAX_JS,
            # embed.js (not embed-amd.js) needs no require.js; no CDN fallback attribute, so a
            # widget the bundle lacks fails visibly instead of quietly calling a CDN
            "nb_ipywidgets_js": {WIDGETS_JS: {}},
        },
    }}


def prune_mathjax(outdir: Path, pages_with_math: list[str]) -> bool:
    """Remove ``OUTDIR/_vendor/mathjax`` when no page has math; True if it was removed.

    Sphinx loads MathJax only on pages with math, so where none has any, the 8 MB copy
    would be shipped for nothing.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()); (out / MATHJAX_DIR).mkdir(parents=True)
    >>> prune_mathjax(out, ["chapters/a"]), (out / MATHJAX_DIR).is_dir()
    (False, True)
    >>> prune_mathjax(out, []), (out / MATHJAX_DIR).exists()
    (True, False)
    """
    folder = Path(outdir) / MATHJAX_DIR
    if pages_with_math or not folder.exists():
        return False
    shutil.rmtree(folder)
    return True


def _pages_with_math(app) -> list[str]:
    domain = app.env.get_domain("math")
    return sorted(d for d in app.env.found_docs if domain.has_equations(d))


def _build_finished(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        prune_mathjax(Path(app.outdir), _pages_with_math(app))


def setup(app):
    """Sphinx extension (loaded by a ``SELF_CONTAINED=1`` build): see :func:`prune_mathjax`."""
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    stage_dir = Path(argv[0]).resolve()
    files = stage(stage_dir, ensure_packages())
    size = sum(f.stat().st_size for f in files)
    print(f"staged {len(files)} files ({size / 1e6:.1f} MB) in {stage_dir / VENDOR}", file=sys.stderr)
    print(json.dumps(overlay(stage_dir), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
