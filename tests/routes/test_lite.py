"""JupyterLite as `make book LITE=1` builds it: jupyterlab-myst renders the chapters there too.

The site comes from the variant build the build tests share (tests/variantbook.py: the
book with every switch on), served on 127.0.0.1; Chromium opens a chapter in JupyterLite's
notebook app with every other request blocked. Markdown renders in the page itself, with
no kernel, so this works offline. The kernel does not: this JupyterLite still loads
Pyodide from a CDN (chapters/run-in-browser.md says so), and the blocked requests show it.
"""
from __future__ import annotations

import re
import time

import pytest

from tests.browser.reader import new_context

from .lab import block_non_local
from .test_jupyterlab import RAW

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover
    sync_playwright = None

pytestmark = pytest.mark.routes

CHAPTER = "chapters/01-value-in-public-services.ipynb"
CELLS_JS = """() => Array.from(document.querySelectorAll('.jp-MarkdownCell')).map(c => {
  const myst = c.querySelector('.myst');
  return {myst: !!myst, text: myst ? myst.innerText : (c.querySelector('.jp-RenderedMarkdown') || {innerText: ''}).innerText,
          admonitions: myst ? myst.querySelectorAll('aside, .admonition, [class*="admonition"]').length : 0};
})"""


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    import variantbook
    return variantbook.make(tmp_path_factory.getbasetemp() / "variant-book")


def test_lite_bundles_jupyterlab_myst(variant):
    lite = variant.html / "lite"
    assert (lite / "extensions" / "jupyterlab-myst").is_dir(), sorted(p.name for p in (lite / "extensions").iterdir())


def test_myst_renders_in_jupyterlite_without_a_kernel(variant, browser):
    import variantbook
    proc, base = variantbook.serve(variant.html)
    try:
        context = new_context(browser)
        blocked: list[str] = []
        block_non_local(context, blocked)
        page = context.new_page()
        page.goto(f"{base}/lite/notebooks/index.html?path={CHAPTER}")
        page.wait_for_selector(".jp-MarkdownCell .myst", timeout=120_000)
        deadline, last = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            now = page.evaluate(CELLS_JS)
            if now == last and now:
                break
            last = now
            time.sleep(1.0)
        context.close()
    finally:
        proc.terminate()
    rendered = [c for c in last if c["myst"]]
    assert len(rendered) >= 3, last[:3]
    raw = [m.group(0) for c in rendered for m in [RAW.search(c["text"])] if m]
    assert not raw, raw
    assert sum(c["admonitions"] for c in rendered) >= 1
    # what this JupyterLite still fetches from the internet (the kernel's Pyodide)
    third_party = sorted({re.sub(r"^(https?://[^/]+).*", r"\1", u) for u in blocked})
    print("JupyterLite requests blocked (not offline):", third_party)
