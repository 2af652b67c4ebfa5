"""A throwaway copy of the book, built with every runtime switch on, for the runtime tests.

The copy is the real book (same sources, same table of contents, a copy of the jupyter
cache so no chapter is executed again) plus one notebook page, ``chapters/runtime-check``,
that is sure to hold both an equation and a widget, whatever the chapters hold today (and
``chapters/run-in-browser`` while the table of contents does not list it yet). It
is built like ``make book LITE=1 SELF_CONTAINED=1 JUPYTERHUB_URL=...``: through
``scripts/book_variant.py`` and ``jupyter-book build --config``.

Both ``tests/test_runtimes.py`` and ``tests/browser/test_offline.py`` use it; the build
runs once per test session (the second caller finds the finished copy in the session's
temporary folder).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from bookbuild import ROOT, build, toc_files

sys.path.insert(0, str(ROOT / "scripts"))
import book_variant  # noqa: E402
import install_cell  # noqa: E402

EXAMPLE_HUB = "https://jupyterhub.example.org"
CHECK_PAGE = "chapters/runtime-check"
BROWSER_PAGE = "chapters/run-in-browser"
SLIDER_LABEL = "Episodes shown"
IGNORE = shutil.ignore_patterns(".venv", "_build", "node_modules", ".git", ".pytest_cache",
                                ".hypothesis", "build", "*.egg-info", "__pycache__",
                                ".jupyter_cache", ".ipynb_checkpoints", "_contents")


@dataclass(frozen=True)
class VariantBook:
    root: Path
    html: Path
    config: Path
    log: str
    seconds: float


def check_notebook(repo_url: str, ref: str) -> nbformat.NotebookNode:
    """The extra page: display math, inline math and one widget, after the install cell."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# Runtime check\n\nA page for the runtime tests: an equation,\n\n"
            "$$\nV = \\sum_{i=1}^{n} v_i\n$$\n\nan inline formula $a^2 + b^2 = c^2$, and a widget."),
        nbformat.v4.new_code_cell(
            f"import ipywidgets as widgets\n\nwidgets.IntSlider(value=3, min=1, max=5, description={SLIDER_LABEL!r})"),
    ]
    install_cell.apply(nb, repo_url, ref)
    for i, cell in enumerate(nb.cells):
        cell.setdefault("id", f"check-{i}")
    return nb


def _add_to_toc(toc: dict, pages: list[str]) -> dict:
    toc = dict(toc)
    entries = [{"file": p} for p in pages]
    if "parts" in toc:
        toc["parts"] = list(toc["parts"]) + [{"caption": "Runtime check", "chapters": entries}]
    else:
        toc["chapters"] = list(toc.get("chapters") or []) + entries
    return toc


def make(dest: Path) -> VariantBook:
    """Copy the book into DEST, add the check page, build it with every switch on."""
    marker = dest / ".variant-built.json"
    if marker.is_file():
        meta = json.loads(marker.read_text())
        return VariantBook(dest, dest / "_build" / "html", Path(meta["config"]), meta["log"], meta["seconds"])
    shutil.copytree(ROOT, dest, ignore=IGNORE, dirs_exist_ok=True)
    if (ROOT / ".jupyter_cache").is_dir():
        shutil.copytree(ROOT / ".jupyter_cache", dest / ".jupyter_cache", dirs_exist_ok=True)
    url, branch = install_cell.repository(dest / "_config.yml")
    nbformat.write(check_notebook(url, branch), dest / f"{CHECK_PAGE}.ipynb")
    toc = yaml.safe_load((dest / "_toc.yml").read_text())
    extra = [CHECK_PAGE]
    if BROWSER_PAGE not in {f.removesuffix(".md") for f in toc_files(toc)}:  # until it is in _toc.yml
        extra.insert(0, BROWSER_PAGE)
    (dest / "_toc.yml").write_text(yaml.safe_dump(_add_to_toc(toc, extra), sort_keys=False))
    start = time.monotonic()
    config = book_variant.write_config(dest, dest / "_build" / "variant", lite=True,
                                       self_contained_=True, jupyterhub_url=EXAMPLE_HUB)
    proc = build(dest, "--config", str(config))
    seconds = time.monotonic() - start
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise AssertionError("the variant build failed:\n" + log[-6000:])
    marker.write_text(json.dumps({"config": str(config), "log": log, "seconds": seconds}))
    return VariantBook(dest, dest / "_build" / "html", config, log, seconds)


def serve(directory: Path) -> tuple[subprocess.Popen, str]:
    """Serve DIRECTORY on a free localhost port; return the process and its base URL."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                             "--directory", str(directory)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    import urllib.request
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1).close()
            return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the local web server did not start")
