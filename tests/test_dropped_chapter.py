"""Dropping a chapter from _toc.yml: the strict build names what still cites it, and no
page of it is left behind."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from bookbuild import ROOT, build

sys.path.insert(0, str(ROOT / "scripts"))
import book_pages  # noqa: E402

CONFIG = """\
title: Throwaway
only_build_toc_files: true
execute:
  execute_notebooks: force
sphinx:
  extra_extensions: [vcc_helpers.sphinxext]
"""


def _book(tmp: Path, toc: list[str]) -> Path:
    (tmp / "_config.yml").write_text(CONFIG)
    (tmp / "_toc.yml").write_text(yaml.safe_dump(
        {"format": "jb-book", "root": "index", "chapters": [{"file": c} for c in toc]}))
    (tmp / "index.md").write_text("# Index\n\nHello.\n")
    (tmp / "a.md").write_text("# Chapter A\n\nText.\n")
    (tmp / "b.md").write_text("# Chapter B\n\nMore text.\n")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# A notebook"),
                nbformat.v4.new_markdown_cell("Some words first."),
                nbformat.v4.new_markdown_cell("One line.\n\nAs {doc}`chapter A <a>` showed.")]
    nbformat.write(nb, tmp / "nb.ipynb")
    return tmp


@pytest.mark.build
def test_a_dropped_chapter_is_named_at_the_cell_that_cites_it(tmp_path):
    book = _book(tmp_path, ["nb", "b"])  # a.md dropped, nb.ipynb still cites it
    proc = build(book)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert re.search(r"nb\.ipynb: cell 3, line 3: .*unknown document: 'a'", out), out[-3000:]
    assert not re.search(r"nb\.ipynb:\d{5,}", out), out[-3000:]  # no myst-nb pseudo line


@pytest.mark.build
def test_make_book_leaves_no_page_of_a_dropped_chapter(tmp_path):
    book = _book(tmp_path, ["a", "b"])
    (book / "nb.ipynb").unlink()
    assert build(book).returncode == 0
    html = book / "_build" / "html"
    assert (html / "b.html").is_file()
    (book / "_toc.yml").write_text(yaml.safe_dump(
        {"format": "jb-book", "root": "index", "chapters": [{"file": "a"}]}))
    assert build(book).returncode == 0
    assert (html / "b.html").is_file()  # Sphinx itself leaves the old page behind ...
    assert book_pages.prune_stale_pages(html, book) == ["b"]  # ... which make book removes
    assert not (html / "b.html").exists()
    assert not list((html / "_sources").glob("b.*"))
    assert (html / "a.html").is_file() and (html / "genindex.html").is_file()


@pytest.mark.unit
def test_make_book_prunes_after_every_build():
    make = (ROOT / "Makefile").read_text()
    book = make[make.index("\nbook:"):make.index("\nserve:")]
    assert book.count("scripts/book_pages.py prune _build/html") == 2  # plain and variant builds


_PLAIN = re.compile(r"\b[Cc]hapters? [1-8]\b")


def _prose_without_code(text: str) -> str:
    text = re.sub(r"^(```|~~~)(?!\{).*?^\1\s*$", " ", text, flags=re.M | re.S)  # code blocks
    text = re.sub(r"^\s*(`{3,}|~{3,}|:{3,}).*$", " ", text, flags=re.M)  # directive fences
    return re.sub(r"`[^`]*`", " ", text)  # inline code, and the targets of roles


@pytest.mark.unit
@pytest.mark.parametrize("path", sorted((ROOT / "chapters").glob("*.ipynb"))
                         + sorted((ROOT / "chapters").glob("*.md")) + [ROOT / "intro.md"],
                         ids=lambda p: p.name)
def test_chapters_are_cited_by_reference_not_by_plain_text(path):
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        texts = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    else:
        texts = [path.read_text(encoding="utf-8")]
    plain = [m.group(0) for t in texts for m in _PLAIN.finditer(_prose_without_code(t))]
    # the licence example in chapter 8 names a dropped chapter on purpose
    plain = [p for p in plain if not (path.name == "08-for-instructors.md" and p == "chapter 4")]
    assert not plain, f"{path.name}: write {plain[0]!r} as {{doc}}`{plain[0]} </chapters/0N-...>`"
