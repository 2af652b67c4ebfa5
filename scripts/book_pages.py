"""The pages a book's ``_toc.yml`` lists, and removal of built pages it no longer lists.

    .venv/bin/python scripts/book_pages.py prune _build/html     # make book runs this

Sphinx never deletes an HTML page it built earlier, so a chapter dropped from
``_toc.yml`` would stay in ``_build/html`` (and in a published site) until
``make clean``. After each build, :func:`prune_stale_pages` removes the page, and
its ``_sources`` copy, of every page of the book that the TOC does not list.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCE_SUFFIXES = (".md", ".ipynb", ".rst", ".myst")


def _entries(node) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key in ("root", "file"):
            if isinstance(node.get(key), str):
                found.append(node[key])
        for key in ("parts", "chapters", "sections"):
            for child in node.get(key) or ():
                found += _entries(child)
    elif isinstance(node, list):
        for child in node:
            found += _entries(child)
    return found


def toc_docnames(book: Path = ROOT) -> set[str]:
    """The docnames (``chapters/06-worked-example``) that *book*'s ``_toc.yml`` lists.

    Examples
    --------
    >>> "chapters/06-worked-example" in toc_docnames()
    True
    """
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    return {Path(name).with_suffix("").as_posix() if Path(name).suffix in SOURCE_SUFFIXES
            else name for name in _entries(toc)}


def prune_stale_pages(html: Path, book: Path = ROOT) -> list[str]:
    """Remove built pages of *book* that its TOC no longer lists; return their docnames.

    A page counts as the book's when a source file of that name (``.md``,
    ``.ipynb``, ...) is in *book*, or was: its copy is in ``_sources/``. Sphinx's
    own pages (``genindex``, ``search``, ...) have neither and are kept.
    """
    keep = toc_docnames(book)
    removed = []
    if not html.is_dir():
        return removed
    sources = html / "_sources"
    for page in sorted(html.rglob("*.html")):
        rel = page.relative_to(html)
        if rel.parts[0].startswith("_") or rel.parts[0] in ("lite",):
            continue
        doc = rel.with_suffix("").as_posix()
        if doc in keep:
            continue
        copies = list(sources.glob(doc + ".*")) if sources.is_dir() else []
        if not copies and not any((book / (doc + s)).is_file() for s in SOURCE_SUFFIXES):
            continue
        page.unlink()
        for copy in copies:
            copy.unlink()
        removed.append(doc)
    return removed


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "prune":
        print("usage: book_pages.py prune HTML_DIR", file=sys.stderr)
        return 2
    for doc in prune_stale_pages(Path(argv[1])):
        print(f"removed a page no longer in _toc.yml: {doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
