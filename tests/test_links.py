"""Internal links and cross-references of the built book all lead somewhere.

Every HTML page of ``_build/html`` is parsed; every ``href``/``src`` (and ``srcset``,
``poster``, ``data``) that points inside the site must name a file that exists, and a
``#fragment`` on an HTML page must name an ``id`` (or ``<a name>``) on that page. Sphinx's
``-n`` already catches broken roles; this catches what it cannot see: raw HTML and
Markdown links, anchors renamed under a link, theme and download links, images.

Links to other sites are checked separately, online: ``scripts/check-external-links.sh``.
"""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from bookbuild import ROOT

pytestmark = pytest.mark.build

LINK_ATTRS = {"href", "src", "poster", "data", "srcset"}
SKIP_SCHEMES = ("mailto:", "javascript:", "data:", "tel:", "blob:", "about:")
SKIP_FRAGMENTS = {"", "top"}  # "#" and "#top" are the top of the page in every browser
NOT_PAGES = ("_static/", "_sources/", "_images/", "_downloads/")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []   # (tag, url)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in LINK_ATTRS:
                if name == "srcset":
                    self.links += [(tag, part.strip().split(" ")[0]) for part in value.split(",") if part.strip()]
                elif not (tag == "meta" or (tag == "link" and name == "href" and
                                            dict(attrs).get("rel") in ("canonical", "alternate"))):
                    self.links.append((tag, value))


def parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8", errors="replace"))
    return p


def is_internal(url: str) -> bool:
    """Whether URL points inside the site (relative, or root-relative without a host).

    Examples
    --------
    >>> [is_internal(u) for u in ("chapters/a.html#x", "#x", "../b.png", "/c.html", "https://x.org/", "//cdn/x.js", "mailto:a@b")]
    [True, True, True, True, False, False, False]
    """
    if url.startswith(SKIP_SCHEMES) or url.startswith("//"):
        return False
    return not urlsplit(url).scheme


def check_site(site: Path) -> list[str]:
    """Every broken internal link and anchor of the HTML pages under SITE, as readable lines.

    Returns
    -------
    list of str
        ``"page.html: <a href='x.html#y'>: no id 'y' in x.html"`` and the like, sorted.
    """
    pages = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}
    parsed: dict[str, _Page] = {}

    def page(rel: str) -> _Page:
        if rel not in parsed:
            parsed[rel] = parse(site / rel)
        return parsed[rel]

    problems = []
    for rel in sorted(pages):
        if rel.startswith(NOT_PAGES):
            continue  # theme templates and copies of sources, not pages a reader opens
        for tag, url in page(rel).links:
            if not is_internal(url):
                continue
            parts = urlsplit(url)
            target = rel
            if parts.path:
                joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
                if parts.path.startswith("/"):
                    joined = unquote(parts.path).lstrip("/")
                if joined.startswith("../") or joined == "..":
                    problems.append(f"{rel}: <{tag} {url!r}>: points outside the site")
                    continue
                target = joined
                file = site / target
                if url.endswith("/") or file.is_dir():
                    target = posixpath.join(target, "index.html")
                    file = site / target
                if not file.is_file():
                    problems.append(f"{rel}: <{tag} {url!r}>: no file {target}")
                    continue
            fragment = unquote(parts.fragment)
            if fragment in SKIP_FRAGMENTS or not target.endswith(".html"):
                continue
            if fragment not in page(target).ids:
                problems.append(f"{rel}: <{tag} {url!r}>: no id {fragment!r} in {target}")
    return problems


def test_every_internal_link_and_anchor_resolves(built_book):
    site = ROOT / "_build" / "html"
    problems = check_site(site)
    assert not problems, f"{len(problems)} broken internal link(s):\n  " + "\n  ".join(problems[:80])


def test_the_checker_finds_broken_links_and_anchors(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "x.css").write_text("")
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="_static/x.css"><a href="chapters/a.html#there">ok</a>'
        '<a href="chapters/a.html#gone">gone</a><a href="missing.html">missing</a>'
        '<img src="_images/fig.png" alt="a figure"><a href="#here" id="here">self</a><a href="#">top</a>'
        '<a href="https://example.org/nowhere.html">external</a><a href="mailto:x@y">mail</a>')
    (tmp_path / "chapters" / "a.html").write_text(
        '<h1 id="there">There</h1><a href="../index.html#here">back</a><a href="#nowhere">x</a>'
        '<a href="../../outside.html">up</a><img srcset="b.png 1x, ../_static/x.css 2x" alt="b">')
    assert check_site(tmp_path) == [
        "chapters/a.html: <a '#nowhere'>: no id 'nowhere' in chapters/a.html",
        "chapters/a.html: <a '../../outside.html'>: points outside the site",
        "chapters/a.html: <img 'b.png'>: no file chapters/b.png",
        "index.html: <a 'chapters/a.html#gone'>: no id 'gone' in chapters/a.html",
        "index.html: <a 'missing.html'>: no file missing.html",
        "index.html: <img '_images/fig.png'>: no file _images/fig.png",
    ]
