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


# --- nothing a student can reach holds a solution --------------------------------------
#
# The scan reads EVERY file of the student HTML (pages, _sources, downloads, the search
# index) and of the student tree (the files published as the student branch), and looks
# for (1) the text of every solution block, taken from the full notebooks and pages, and
# (2) the package's model answers (vcc_helpers.exercises.answers). A fragment that also
# occurs outside the solutions of the full sources (an exercise quoting a phrase) is not
# secret, and is not looked for.

import json  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import student_edition as se  # noqa: E402

TREE = ROOT / "_build" / "student" / "tree"
_SPLIT = re.compile(r"[*`{}\[\]()|#>\n]|:::|\\n")


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _public_text() -> str:
    """The full sources with their solutions taken out: what a student may see anyway."""
    parts = []
    for path in sorted((ROOT / "chapters").glob("*")):
        if path.suffix == ".ipynb":
            nb, _ = se.strip_notebook(json.loads(path.read_text(encoding="utf-8")))
            parts += ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                      for c in nb["cells"]]
        elif path.suffix == ".md":
            parts.append(se.split_solutions(path.read_text(encoding="utf-8"))[0])
    for path in sorted((ROOT / "vcc_helpers").rglob("*.py")):
        if "answers" not in path.parts:
            parts.append(path.read_text(encoding="utf-8"))
    return _fold("\n".join(parts))


def solution_fragments() -> set[str]:
    """Pieces (30+ characters, no markup) of every solution that occur nowhere else."""
    public = _public_text()
    found = set()
    for path in sorted((ROOT / "chapters").glob("*")):
        if path.suffix not in (".ipynb", ".md"):
            continue
        for body in se.solution_bodies(path):
            for piece in _SPLIT.split(body):
                piece = _fold(piece).strip(" .,;:")
                if len(piece) >= 30 and "solution-" not in piece and piece not in public:
                    found.add(piece)
    return found


def model_answer_texts() -> set[str]:
    """The model answers as they would appear if shipped or printed."""
    from vcc_helpers.exercises.answers import ch01, ch02, ch04, ch05, ch07

    out = {repr(ch04.MISREADING_ANSWER), repr(ch05.ABSTRACT_ANSWER),
           repr(sorted(ch01.SUPPORTED))}
    broken = set(__import__("vcc_helpers.exercises.ch07", fromlist=["x"]).BROKEN_CASE.splitlines())
    out |= {line.strip() for line in ch07.FIXED_CASE.splitlines()
            if line not in broken and len(line.strip()) > 20}
    for reasons in (ch01.WHY, ch02.SPHERE_WHY, ch04.MISREADING_WHY, ch05.ABSTRACT_WHY,
                    ch05.RESIDUE_WHY):
        out |= {v for v in reasons.values() if len(v) > 40}
    for key in (ch02.EXPECTED_SPHERES, ch04.LINEAGE_ANSWER, ch05.RESIDUE_ANSWER,
                ch07.ERROR_PARTS, ch07.PLAIN_ANSWER):
        for k, v in key.items():
            out |= {f"{k!r}: {v!r}", f"{json.dumps(k)}: {json.dumps(v)}"}
    return out


def _readable(path: Path) -> str | None:
    """A file's text, as stored and as read: tags out and entities read for pages, the
    cells' sources for notebooks (as stored, a notebook's JSON escapes quotes and newlines)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None
    if path.suffix in (".html", ".htm", ".js"):
        text = text + " " + re.sub(r"<[^>]+>", "", text)
    elif path.suffix == ".ipynb":
        try:
            nb = json.loads(text)
        except ValueError:
            return text
        for cell in nb.get("cells", []):
            src = cell.get("source", "")
            text += " " + ("".join(src) if isinstance(src, list) else src)
    return _fold(html_unescape(text))


from html import unescape as html_unescape  # noqa: E402
from pathlib import Path  # noqa: E402


def scan(folder: Path, needles: set[str]) -> list[tuple[str, str]]:
    """(file, needle) for every needle found in any readable file under *folder*."""
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if ".jupyter_cache" in path.parts:
            continue  # the tree's own execution cache: never published (.gitignore)
        text = _readable(path)
        if text is None:
            continue
        hits += [(str(path.relative_to(folder)), n) for n in needles if n in text]
    return hits


def test_the_scan_finds_solutions_in_the_full_edition(built_book):
    # the check can fail: the full edition holds the very texts the student edition must not
    fragments = solution_fragments()
    assert len(fragments) > 40
    full = scan(ROOT / "_build" / "html" / "chapters", fragments)
    assert len({n for _, n in full}) > 20
    answers = scan(ROOT / "vcc_helpers" / "exercises" / "answers", model_answer_texts())
    assert len(answers) > 10


def test_no_file_of_the_student_edition_holds_a_solution_or_model_answer(student_build):
    needles = solution_fragments() | model_answer_texts()
    hits = scan(STUDENT_HTML, needles) + [("tree/" + f, n) for f, n in scan(TREE, needles)]
    assert not hits, "\n".join(f"{f}: {n[:80]}" for f, n in hits[:20])


def test_the_student_tree_has_no_solution_blocks_and_no_answers(student_build):
    assert not (TREE / "vcc_helpers" / "exercises" / "answers").exists()
    for path in list(TREE.rglob("*.ipynb")) + list(TREE.rglob("*.md")):
        if ".jupyter_cache" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "{solution" not in text, path
    downloads = list((STUDENT_HTML / "_sources" / "chapters").glob("*.ipynb"))
    assert len(downloads) >= 7
    for nb in downloads:
        assert "{solution" not in nb.read_text(encoding="utf-8"), nb


def test_launch_targets_are_the_student_branch(student_build):
    config = se.student_branch(se.yaml.safe_load((ROOT / "_config.yml").read_text()))
    links = []
    for page in (STUDENT_HTML / "chapters").glob("*.html"):
        links += re.findall(r'href="(https://(?:mybinder\.org|colab\.research\.google\.com)[^"]+)"',
                            page.read_text(encoding="utf-8"))
    assert len(links) >= 7
    for link in links:
        assert f"/{config}/" in link or f"/{config}?" in link or link.endswith(f"/{config}"), link
        assert "/main/" not in link and "/main?" not in link, link
    for nb in (TREE / "chapters").glob("*.ipynb"):
        text = nb.read_text(encoding="utf-8")
        if "git+https://" in text:
            assert f"@{config}" in text and "@main" not in text, nb
