"""Fixtures for the browser tests: the built book served on localhost, headless Chromium,
and a per-page report (each TOC page is loaded once per session, whatever checks ask).

Every TOC page is also saved as a full-page screenshot in ``_build/screenshots/<page>.png``
(git-ignored), and a summary of all reports in ``_build/screenshots/report.json``.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest
import yaml

from bookbuild import ROOT, toc_files

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # reported by the fixtures, so `pytest -m unit` still runs without it
    sync_playwright = None

from .reader import VIEWPORT, new_context, serve, visit

SITE = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"


def toc_pages() -> list[str]:
    """The HTML page of every `_toc.yml` entry, root first (``chapters/x.html``)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    out = []
    for entry in toc_files(toc):
        stem = entry.rsplit(".", 1)[0] if entry.endswith((".md", ".ipynb", ".rst")) else entry
        out.append(f"{stem}.html")
    return out


def pytest_generate_tests(metafunc):
    if "toc_page" in metafunc.fixturenames:
        pages = toc_pages()
        metafunc.parametrize("toc_page", pages, ids=[p.removesuffix(".html") for p in pages])


@pytest.fixture(scope="session")
def browser_context(browser):
    ctx = new_context(browser)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def dark_context(browser):
    """A second context whose reader prefers a dark colour scheme."""
    ctx = browser.new_context(viewport=VIEWPORT, color_scheme="dark", service_workers="block",
                              reduced_motion="reduce")
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def site(built_book) -> Path:
    """The strictly built book's HTML folder."""
    return SITE


@pytest.fixture(scope="session")
def site_url(site):
    with serve(site) as url:
        yield url


class Reader:
    """Loads each page once and keeps its report; saves a screenshot of each."""

    def __init__(self, context, base_url: str, site: Path):
        self.context, self.base_url, self.site = context, base_url, site
        self.reports = {}

    def report(self, page: str):
        if page not in self.reports:
            shot = SCREENSHOTS / page.replace(".html", ".png")
            self.reports[page] = visit(self.context, self.base_url, page, screenshot=shot,
                                       site_dir=self.site)
        return self.reports[page]


@pytest.fixture(scope="session")
def reader(browser_context, site_url, site):
    r = Reader(browser_context, site_url, site)
    yield r
    if r.reports:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        summary = {page: asdict(rep) for page, rep in sorted(r.reports.items())}
        (SCREENSHOTS / "report.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")


@pytest.fixture(scope="session")
def node_modules_ready() -> bool:
    """Whether the CDN stand-ins are fetched (scripts/fetch-widget-manager.sh)."""
    return (ROOT / "node_modules" / "@jupyter-widgets" / "html-manager" / "package.json").is_file()


@pytest.fixture
def throwaway_site(tmp_path, browser_context):
    """Serve small hand-written pages from a temporary folder: ``(write, visit)``.

    ``write(name, html)`` adds a page; ``visit(name, **kw)`` loads it as the book's pages
    are loaded and returns its report.
    """
    def write(name: str, html: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        return path

    with serve(tmp_path) as url:
        def visit_page(name: str, **kw):
            return visit(browser_context, url, name, site_dir=tmp_path, **kw)
        yield write, visit_page

