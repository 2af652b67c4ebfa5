"""Promises the pages make as a whole: glossary use, chapter template, honest labelling."""
from __future__ import annotations

import re

import nbformat
import pytest
import yaml

from bookbuild import ROOT, toc_files

pytestmark = pytest.mark.unit


def _page_texts() -> dict[str, str]:
    """The Markdown of every TOC page (notebook Markdown cells joined), glossary aside."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    out = {}
    for entry in toc_files(toc):
        md, nb = ROOT / f"{entry}.md", ROOT / f"{entry}.ipynb"
        if md.is_file():
            out[entry] = md.read_text(encoding="utf-8")
        elif nb.is_file():
            cells = nbformat.read(nb, as_version=4).cells
            out[entry] = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    return out


def glossary_terms() -> list[str]:
    text = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip() and not line.startswith(" ")]


def test_glossary_has_at_least_25_terms_each_linked_from_a_chapter():
    terms = glossary_terms()
    assert len(terms) >= 25
    linked = set()
    for name, text in _page_texts().items():
        if name.endswith("glossary"):
            continue
        for m in re.finditer(r"\{term\}`([^`]+)`", text):
            target = m.group(1)
            target = target.rsplit("<", 1)[1].rstrip(">") if target.endswith(">") else target
            linked.add(target.strip().lower())
    missing = [t for t in terms if t.lower() not in linked]
    assert not missing, f"glossary terms never linked with {{term}}: {missing}"


CHAPTERS = [f"chapters/{n}" for n in (
    "01-value-in-public-services", "02-service-logic", "03-what-service-logic-struggles-to-hold",
    "04-thinking-with-assemblages", "05-from-service-logic-to-assemblage",
    "06-worked-example", "making-the-calls", "07-your-own-case")]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_follows_the_template(chapter):
    text = _page_texts()[chapter]
    assert re.search(r"(?i)by the end of this chapter|learning objectives|you will be able to", text)
    assert re.search(r"(?i)prerequisite", text)
    assert re.search(r"(?i)time", text)
    assert len(re.findall(r"\{exercise-start\}|\{exercise\}", text)) >= 3
    assert len(re.findall(r"\{solution-start\}|\{solution\}", text)) >= 3
    assert re.search(r"(?im)^#+ .*summary", text)
    assert re.search(r"(?im)^#+ .*further reading", text)
    assert "{cite:" in text


def test_worked_example_chapter_says_it_is_our_teaching_case():
    text = _page_texts()["chapters/06-worked-example"]
    assert re.search(r"(?i)teaching case", text)
    assert re.search(r"(?i)not the (practical )?example|is \*not\*", text)
