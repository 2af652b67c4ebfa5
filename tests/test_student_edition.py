"""The student edition (`make student`) builds strictly and holds no solution text."""
from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from bookbuild import ROOT

pytestmark = pytest.mark.build

STUDENT_HTML = ROOT / "_build" / "student" / "_build" / "html"


class _SolutionText(HTMLParser):
    """Collect the text inside elements whose class list holds 'solution'."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # >0 while inside a solution element
        self.stack: list[bool] = []
        self.chunks: list[str] = []
        self.all_chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "hr", "input", "meta", "link"):
            return
        classes = (dict(attrs).get("class") or "").split()
        is_solution = "solution" in classes
        self.stack.append(is_solution)
        self.depth += is_solution

    def handle_endtag(self, tag):
        if tag in ("br", "img", "hr", "input", "meta", "link") or not self.stack:
            return
        self.depth -= self.stack.pop()

    def handle_data(self, data):
        if data.strip():
            self.all_chunks.append(data.strip())
            if self.depth > 0:
                self.chunks.append(data.strip())


def _squash(chunks: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(chunks))


def page_text(html: str) -> str:
    """All the text of a page, whitespace folded (the same folding as the sentences)."""
    parser = _SolutionText()
    parser.feed(html)
    return _squash(parser.all_chunks)


def solution_sentences(html: str) -> list[str]:
    """The sentences (longer than 40 characters) inside the page's solution elements."""
    parser = _SolutionText()
    parser.feed(html)
    text = _squash(parser.chunks)
    return [s for s in re.split(r"(?<=[.!?]) ", text) if len(s) > 40]


@pytest.fixture(scope="module")
def student_build(built_book):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "student_edition.py")],
                          capture_output=True, text=True, cwd=ROOT, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return proc


def test_full_edition_has_solutions(built_book):
    pages = list((ROOT / "_build" / "html" / "chapters").glob("*.html"))
    assert sum(len(solution_sentences(p.read_text())) for p in pages) > 10


def test_student_edition_has_exercises_but_no_solution_text(student_build):
    full_pages = sorted((ROOT / "_build" / "html" / "chapters").glob("*.html"))
    checked = 0
    for page in full_pages:
        sentences = solution_sentences(page.read_text())
        student_page = STUDENT_HTML / "chapters" / page.name
        assert student_page.is_file(), student_page
        student = student_page.read_text()
        assert 'class="solution' not in student and "solution-content" not in student
        full_text, student_text = page_text(page.read_text()), page_text(student)
        for sentence in sentences:
            assert sentence in full_text  # the check can see the sentence where it is
            assert sentence not in student_text, f"{page.name}: solution text leaked: {sentence[:80]}"
            checked += 1
        if "exercise" in page.read_text():
            assert "exercise" in student
    assert checked > 10
