"""Every chapter notebook runs top to bottom in a real kernel, from a clean state.

This is faster to read than a failed book build: one test per notebook, with the
failing cell's error in the report.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from bookbuild import ROOT, toc_files

pytestmark = pytest.mark.notebooks


def chapter_notebooks() -> list[Path]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    paths = []
    for entry in toc_files(toc):
        p = ROOT / (entry if entry.endswith(".ipynb") else entry + ".ipynb")
        if p.is_file():
            paths.append(p)
    return paths


def test_there_are_executable_chapters():
    assert chapter_notebooks(), "no notebook in _toc.yml"


@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_notebook_runs_clean(path, tmp_path, monkeypatch):
    monkeypatch.setenv("VCC_WORK_DIR", str(tmp_path / "my-work"))  # not the repository's chapters/my-work
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as err:  # pragma: no cover - the failure is the report
        pytest.fail(f"{path.name} failed:\n{err}")
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
