"""Project-level promises: two commands, CI calls the test command, licences, citation."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.unit


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make book" in readme
    commands = [ln.strip() for ln in ci.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    assert "make test" in commands


def test_makefile_has_the_readme_targets():
    make = (ROOT / "Makefile").read_text()
    for target in ("book", "test", "serve"):
        assert re.search(rf"^{target}:", make, re.M), target
    assert "index.html" in make  # `make book` says where the HTML is


def test_requirements_pin_jupyter_book_1():
    req = (ROOT / "requirements.txt").read_text()
    assert "jupyter-book==1.0.4.post1" in req
    for pkg in ("networkx", "matplotlib", "ipywidgets", "PyYAML", "sphinx-exercise",
                "sphinx-design", "sphinxcontrib-bibtex"):
        assert re.search(rf"^{pkg}==", req, re.M), pkg
    assert re.search(r"^\.$", req, re.M), "the package itself"


def test_config_is_strict_and_cached():
    cfg = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert cfg["only_build_toc_files"] is True
    assert cfg["execute"]["execute_notebooks"] == "cache"
    assert cfg["execute"]["allow_errors"] is False
    assert cfg["execute"]["timeout"] > 0
    ext = cfg["sphinx"]["extra_extensions"]
    assert {"sphinx_exercise", "sphinx_design"} <= set(ext)
    assert cfg["sphinx"]["config"]["bibtex_reference_style"] == "author_year"
    assert cfg["bibtex_bibfiles"] == ["references.bib"]


def test_citation_cff_is_valid():
    proc = subprocess.run([str(Path(sys.executable).with_name("cffconvert")), "--validate",
                           "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_licences_are_stated_once_each():
    assert "CC BY 4.0" in (ROOT / "LICENSE-TEXT.md").read_text()
    assert (ROOT / "LICENSE-CODE").read_text().startswith("MIT License")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert set(cff["license"]) == {"CC-BY-4.0", "MIT"}


def test_bibliography_has_no_unverified_entries():
    bib = (ROOT / "references.bib").read_text()
    keys = re.findall(r"@\w+\{([^,]+),", bib)
    assert "cluley2020progressing" in keys
    assert "vargo2008continuing" not in keys and "fox2017sociology" not in keys
    assert "note" not in re.findall(r"^\s*(\w+)\s*=", bib, re.M)


def test_stored_notebooks_have_no_outputs():
    import nbformat
    for nb_path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        dirty = [i for i, c in enumerate(nb.cells)
                 if c.cell_type == "code" and (c.outputs or c.execution_count)]
        assert not dirty, f"{nb_path.name}: cells {dirty} carry outputs"


def _run_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_ruff_finds_nothing():
    """The rule set is in pyproject.toml ([tool.ruff]); `ruff check --fix` repairs some."""
    proc = _run_tool("ruff", "check", "--output-format", "concise",
                     "vcc_helpers", "tests", "scripts", "bench", "conftest.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_finds_nothing():
    """Settings and the checked files are in pyproject.toml ([tool.mypy]); its cache
    (.mypy_cache/) makes a second run take a second or two."""
    proc = _run_tool("mypy")
    assert proc.returncode == 0, proc.stdout + proc.stderr
