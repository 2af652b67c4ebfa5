"""The self-contained build reads fully with every third-party request blocked.

``make book SELF_CONTAINED=1`` serves the widget manager and MathJax from the site itself
(``_vendor/``). Here the throwaway variant of the book (``tests/variantbook.py``: the real
book plus a page with an equation and a widget, built with every runtime switch on) is
served on localhost and loaded in headless Chromium with *every* request to another host
aborted (unlike the other browser tests, which answer CDN requests from ``node_modules``).
Widgets and math must still render, and no page may even try a third-party request.
A copy of the check page that still points at the CDN proves the test can fail.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

import variantbook
from bookbuild import toc_files

from .reader import serve  # the `browser` fixture (conftest.py) is Debian's Chromium, headless

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
RENDER_TIMEOUT_MS = 30_000
SETTLE_TIMEOUT_MS = 120_000  # a loaded CI machine can take long over the 3 MB widget manager
QUIET_MS = 750
LITE_TIMEOUT_MS = 90_000  # JupyterLite loads ~20 MB of JavaScript through the routed context


@pytest.fixture(scope="session")
def variant_book(tmp_path_factory):
    return variantbook.make(tmp_path_factory.getbasetemp() / "variant-book")


@pytest.fixture(scope="session")
def offline_site(browser, variant_book):
    """The variant site on localhost and a browser context that lets only localhost through.

    Yields ``(base_url, open_page)``; ``open_page(path)`` loads a page and returns
    ``(page, blocked, errors)``: the Playwright page, the third-party URLs it tried (all
    aborted), and its failed requests to the site itself. (Console errors are the concern
    of ``test_pages.py``, which loads every page with the CDN answered locally.)
    """
    context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 900})
    context.set_default_navigation_timeout(SETTLE_TIMEOUT_MS)
    blocked: list[str] = []  # of the page being checked (pages are opened one at a time)

    def route(r):  # sees the pages' requests and their workers' (the Pyodide kernel's)
        if urlsplit(r.request.url).hostname in LOCAL_HOSTS:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    with serve(variant_book.html) as base:
        def open_page(path: str):
            page = context.new_page()
            blocked.clear()
            errors: list[str] = []
            pending: dict[object, str] = {}  # requests in flight, for settle()
            page.on("request", lambda req: pending.__setitem__(req, req.url))
            page.on("requestfinished", lambda req: pending.pop(req, None))
            page.on("requestfailed", lambda req: pending.pop(req, None))
            page.vcc_pending = pending  # type: ignore[attr-defined]
            page.vcc_path = path  # type: ignore[attr-defined]
            page.on("requestfailed", lambda req: errors.append(f"failed: {req.url} {req.failure}")
                    if urlsplit(req.url).hostname in LOCAL_HOSTS else None)
            page.on("response", lambda resp: errors.append(f"HTTP {resp.status}: {resp.url}")
                    if resp.status >= 400 else None)
            page.goto(base + path, wait_until="load")
            return page, blocked, errors

        yield base, open_page
    context.close()


def settle(page) -> None:
    """Wait until PAGE has had no request in flight for QUIET_MS.

    Playwright's ``networkidle`` does the same with a fixed 500 ms window and a 30 s limit,
    and on timeout it cannot say what was still loading; this names the page and the
    requests, so a slow machine and a hung request read differently.
    """
    pending = page.vcc_pending
    quiet = 0
    for _ in range(SETTLE_TIMEOUT_MS // 250):
        quiet = quiet + 250 if not pending else 0
        if quiet >= QUIET_MS:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"{page.vcc_path}: still loading after {SETTLE_TIMEOUT_MS // 1000} s: "
                         f"{sorted(pending.values())[:5]}")


def _wait_for_widgets_and_math(page) -> tuple[int, int, str]:
    page.wait_for_selector("mjx-container", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_selector(".widget-slider", timeout=RENDER_TIMEOUT_MS)
    settle(page)
    label = page.locator(".widget-slider .widget-label").first.inner_text()
    return page.locator("mjx-container").count(), page.locator(".widget-slider").count(), label


def test_widgets_and_math_render_with_third_party_hosts_blocked(offline_site):
    _, open_page = offline_site
    page, blocked, errors = open_page(f"{variantbook.CHECK_PAGE}.html")
    math, sliders, label = _wait_for_widgets_and_math(page)
    assert math >= 2, "display and inline math should both be typeset by the local MathJax"
    assert sliders == 1
    assert label == variantbook.SLIDER_LABEL
    # MathJax's CommonHTML fonts come from the site too
    fonts = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)"
                          ".filter(n => n.includes('/_vendor/mathjax/output/chtml/fonts/'))")
    assert fonts, "MathJax fonts were not loaded from _vendor/"
    assert blocked == [], f"third-party requests: {blocked}"
    assert errors == [], errors
    page.close()


def test_every_page_of_the_self_contained_book_makes_no_third_party_request(offline_site, variant_book):
    import yaml
    _, open_page = offline_site
    toc = yaml.safe_load((variant_book.root / "_toc.yml").read_text())
    pages = [f"{f.rsplit('.', 1)[0] if f.endswith(('.md', '.ipynb')) else f}.html" for f in toc_files(toc)]
    tried = {}
    for path in pages:
        page, blocked, errors = open_page(path)
        settle(page)
        if blocked or errors:
            tried[path] = blocked + errors
        page.close()
    assert not tried, tried


def test_the_check_fails_for_a_page_that_still_uses_the_cdn(offline_site, variant_book):
    """The same page with the CDN's widget manager and MathJax: blocked, so nothing renders."""
    _, open_page = offline_site
    src = (variant_book.html / f"{variantbook.CHECK_PAGE}.html").read_text(encoding="utf-8")
    cdn = (src.replace('src="../_static/../_vendor/html-manager/embed.js',
                       'src="https://cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager@1.0.6/dist/embed.js')
              .replace('src="../_static/../_vendor/mathjax/tex-mml-chtml.js',
                       'src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js'))
    assert cdn != src
    name = f"{variantbook.CHECK_PAGE}-cdn.html"
    copy = Path(variant_book.html / name)
    copy.write_text(cdn, encoding="utf-8")
    try:
        page, blocked, _ = open_page(name)
        settle(page)
        assert any("cdn.jsdelivr.net" in u for u in blocked), blocked
        assert page.locator("mjx-container").count() == 0
        assert page.locator(".widget-slider").count() == 0
        page.close()
    finally:
        copy.unlink()  # the site is shared with tests/test_runtimes.py


PYODIDE_HOSTS = {"cdn.jsdelivr.net", "pypi.org", "files.pythonhosted.org"}


def test_jupyterlite_opens_the_chapter_and_reaches_out_only_for_pyodide(offline_site, variant_book):
    """The JupyterLite button's address opens the notebook from the bundle, with the
    Pyodide kernel chosen (no "Select Kernel" dialog); the only hosts it then tries are
    the ones run-in-browser.md names (Pyodide on jsDelivr, PyPI), which are blocked here."""
    _, open_page = offline_site
    page, blocked, errors = open_page(f"lite/notebooks/index.html?path={variantbook.CHECK_PAGE}.ipynb")
    for text in ('if sys.platform == "emscripten"', variantbook.SLIDER_LABEL):  # install cell, widget cell
        page.wait_for_function("t => document.body.innerText.includes(t)", arg=text, timeout=LITE_TIMEOUT_MS)
    for _ in range(LITE_TIMEOUT_MS // 500):  # the kernel starts at once and asks for Pyodide
        if any("/pyodide" in u for u in blocked):
            break
        page.wait_for_timeout(500)
    assert page.locator(".jp-Dialog").count() == 0, "JupyterLite asks the reader to pick a kernel"
    assert any(urlsplit(u).hostname == "cdn.jsdelivr.net" and "/pyodide" in u for u in blocked), blocked
    hosts = {urlsplit(u).hostname for u in blocked}
    assert hosts <= PYODIDE_HOSTS, hosts
    assert errors == [], errors
    page.close()
