"""Swapping the worked example is one step: no `make clean`, no stale page.

A throwaway book with a cached notebook that loads the worked example is built, the
case is swapped (by the environment variable, by `vcc_worked_example` in _config.yml,
and by editing the case file itself), and the book is built again, without clearing
anything: every time, the page shows the case now chosen.
"""
from __future__ import annotations

import os
import subprocess

import nbformat
import pytest
import yaml

from bookbuild import FLAGS, JB, ROOT
from vcc_helpers import cases

pytestmark = pytest.mark.build


def _book(tmp, extra_config=None):
    config = {"title": "Swap", "only_build_toc_files": True,
              "exclude_patterns": ["_build/*", ".jupyter_cache/*"],
              "execute": {"execute_notebooks": "cache", "cache": ".jupyter_cache"},
              "sphinx": {"extra_extensions": ["vcc_helpers.sphinxext"],
                         "config": dict(extra_config or {})}}
    (tmp / "_config.yml").write_text(yaml.safe_dump(config))
    (tmp / "_toc.yml").write_text(yaml.safe_dump(
        {"format": "jb-book", "root": "index", "chapters": [{"file": "chapters/six"}]}))
    (tmp / "index.md").write_text("# Index\n")
    (tmp / "chapters").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Six"),
                nbformat.v4.new_code_cell("from vcc_helpers import cases\n"
                                          "print('CASE:', cases.load_worked_example().title)")]
    nbformat.write(nb, tmp / "chapters" / "six.ipynb")
    return tmp


def _build(book, setting=None):
    env = dict(os.environ)
    env.pop(cases.ENV_VAR, None)
    if setting:
        env[cases.ENV_VAR] = setting
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    proc = subprocess.run([str(JB), "build", str(book), *FLAGS], capture_output=True,
                          text=True, timeout=900, cwd=book, env=env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return (book / "_build" / "html" / "chapters" / "six.html").read_text(encoding="utf-8")


def test_a_swapped_case_is_never_served_stale(tmp_path):
    book = _book(tmp_path)
    assert f"CASE: {cases.load('gp-appointment').title}" in _build(book, "gp-appointment")
    page = _build(book, "school-meals")  # no make clean in between
    assert f"CASE: {cases.load('school-meals').title}" in page
    assert cases.load("gp-appointment").title not in page
    # an instructor's own file, given relative to the book's folder, then edited in place
    own = book / "cases" / "ours.yaml"
    own.parent.mkdir()
    own.write_text(cases.path("day-service").read_text(encoding="utf-8")
                   .replace("title: A day centre closes", "title: Our first title", 1))
    assert "CASE: Our first title" in _build(book, "cases/ours.yaml")
    own.write_text(own.read_text().replace("Our first title", "Our second title"))
    assert "CASE: Our second title" in _build(book, "cases/ours.yaml")


def test_the_setting_in_config_reaches_the_kernel(tmp_path):
    book = _book(tmp_path, {"vcc_worked_example": "public-library"})
    assert f"CASE: {cases.load('public-library').title}" in _build(book)
