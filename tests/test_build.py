"""The strict build: no warning, every TOC page built, and a broken book really fails."""
from __future__ import annotations

import html.parser
import json
import textwrap

import nbformat
import pytest
import yaml

from bookbuild import FLAGS, ROOT, build, makefile_flags, toc_files
from vcc_helpers.sphinxext import WIDGET_STATE

pytestmark = pytest.mark.build


def test_make_book_uses_the_strict_flags():
    assert set(FLAGS) <= set(makefile_flags())


def test_real_book_builds_without_warnings(built_book):
    log = built_book.stdout + built_book.stderr
    # Sphinx warnings read "path:line: WARNING: message"; the kernel's own
    # "[IPKernelApp] WARNING | ..." start-up notice is not a build warning.
    sphinx_warnings = [ln for ln in log.splitlines() if "WARNING:" in ln or "ERROR:" in ln]
    assert not sphinx_warnings, "\n".join(sphinx_warnings[:20])
    assert (ROOT / "_build" / "html" / "index.html").is_file()


def test_every_toc_entry_has_an_html_page(built_book):
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    missing = [f for f in toc_files(toc)
               if not (ROOT / "_build" / "html" / f"{f.rsplit('.', 1)[0] if f.endswith(('.md', '.ipynb')) else f}.html").is_file()]
    assert not missing, f"TOC entries without an HTML page: {missing}"


# --- a small throwaway book proves that the build fails when it should -------------

CONFIG = """\
title: Throwaway
only_build_toc_files: true
execute:
  execute_notebooks: force
  allow_errors: false
  timeout: 60
sphinx:
  config:
    nb_execution_raise_on_error: true
"""


def _book(tmp_path, pages: dict[str, str], toc_chapters: list[str], notebook_code: str | None = None):
    (tmp_path / "_config.yml").write_text(CONFIG)
    toc = {"format": "jb-book", "root": "index",
           "chapters": [{"file": c} for c in toc_chapters]}
    (tmp_path / "_toc.yml").write_text(yaml.safe_dump(toc))
    (tmp_path / "index.md").write_text("# Index\n\n(index-label)=\n## Start\n\nHello.\n")
    for name, text in pages.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    if notebook_code is not None:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbformat.v4.new_markdown_cell("# A notebook"),
                    nbformat.v4.new_code_cell(notebook_code)]
        nbformat.write(nb, tmp_path / "nb.ipynb")
    return tmp_path


def test_throwaway_good_book_builds(tmp_path):
    book = _book(tmp_path, {"page.md": "# Page\n\nSee {ref}`index-label`.\n"}, ["page", "nb"],
                 notebook_code="print(1 + 1)")
    proc = build(book)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert (book / "_build" / "html" / "nb.html").is_file()


def test_a_failing_cell_fails_the_build(tmp_path):
    book = _book(tmp_path, {}, ["nb"], notebook_code="raise RuntimeError('boom in a cell')")
    proc = build(book)
    assert proc.returncode != 0
    assert "boom in a cell" in proc.stdout + proc.stderr


def test_a_dangling_reference_fails_the_build(tmp_path):
    book = _book(tmp_path, {"page.md": "# Page\n\nSee {ref}`no-such-label`.\n"}, ["page"])
    proc = build(book)
    assert proc.returncode != 0
    assert "no-such-label" in proc.stdout + proc.stderr


def test_a_missing_toc_page_fails_the_build(tmp_path):
    book = _book(tmp_path, {}, ["not-there"])
    proc = build(book)
    assert proc.returncode != 0
    assert "not-there" in proc.stdout + proc.stderr


# --- a label is data: nothing in a case can end the embedded widget state ----------

HOSTILE_LABELS = ["</SCRIPT><img src=x onerror=alert(1)> On the ward",
                  "</script ><b>bold</b>", "</script/>x", "a & b <!-- c", "On the ward {1}"]


class _Scripts(html.parser.HTMLParser):
    """The text of every widget-state script element, as a browser's HTML parser cuts it."""

    def __init__(self):
        super().__init__()
        self.states, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and ("type", WIDGET_STATE) in attrs
        if self._in:
            self.states.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.states[-1] += data


def test_hostile_labels_stay_inside_the_widget_state(tmp_path):
    code = ("import ipywidgets as w\n"
            f"labels = {HOSTILE_LABELS!r}\n"
            "w.VBox([w.Dropdown(options=labels), w.HTML(value=labels[0].replace('<', '&lt;'))])")
    book = _book(tmp_path, {}, ["nb"], notebook_code=code)
    (book / "_config.yml").write_text(CONFIG + "  extra_extensions: [vcc_helpers.sphinxext]\n")
    proc = build(book)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    parser = _Scripts()
    parser.feed((book / "_build" / "html" / "nb.html").read_text(encoding="utf-8"))
    assert len(parser.states) == 1, "the page should embed exactly one widget state"
    state = json.loads(parser.states[0])  # cut short by a label, this would not parse
    options = [m["state"].get("_options_labels") for m in state["state"].values()
               if m["state"].get("_options_labels")]
    assert options == [HOSTILE_LABELS]
