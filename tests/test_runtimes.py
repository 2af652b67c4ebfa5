"""The chapters run elsewhere: Binder, Colab, a JupyterHub, the browser (JupyterLite).

Unit tests (no book build): the Binder configuration as repo2docker reads it, the install
cell (text, behaviour, idempotent insertion), the switches of ``make book``.
Build tests: the launch buttons of every executable page, in the strictly built book and in
the throwaway variant built with every switch on (``tests/variantbook.py``); the JupyterLite
bundle; the self-contained site's files. The browser check of the self-contained site is
``tests/browser/test_offline.py``.
"""
from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
import zipfile
from contextlib import chdir
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, urljoin, urlsplit

import nbformat
import pytest
import yaml
from IPython.core.inputtransformer2 import TransformerManager

from bookbuild import ROOT, toc_files

sys.path.insert(0, str(ROOT / "scripts"))
import book_variant  # noqa: E402
import build_lite  # noqa: E402
import fold_solutions  # noqa: E402
import install_cell  # noqa: E402
import lab_copies  # noqa: E402
import self_contained  # noqa: E402
import sphinx_lite  # noqa: E402

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
REPO_URL = CONFIG["repository"]["url"].rstrip("/")
BRANCH = CONFIG["repository"]["branch"]
ORG, REPO = urlsplit(REPO_URL).path.strip("/").split("/")[:2]
COLAB = "colab.research.google.com"


# --- Binder ---------------------------------------------------------------------------

BINDER = ROOT / "binder"
BOOK_TOOLCHAIN = ("jupyter-book", "sphinx", "myst-nb", "sphinx-exercise", "sphinx-design",
                  "sphinx-togglebutton", "sphinxcontrib-bibtex")


def _requirements(path: Path) -> dict[str, str]:
    """name -> pinned version of a requirements file (comments and options skipped)."""
    out = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name, _, pin = line.partition("==")
            out[name.strip().lower()] = pin.strip()
    return out


@pytest.mark.unit
def test_binder_uses_the_binder_folder_with_python_311():
    """repo2docker (what mybinder.org runs) prefers binder/ and picks Python 3.11 there."""
    from repo2docker.app import Repo2Docker
    from repo2docker.buildpacks import PythonBuildPack

    app = Repo2Docker()
    with chdir(ROOT):
        picked = next(bp for bp in (BP(base_image=app.base_image) for BP in app.buildpacks) if bp.detect())
        assert type(picked) is PythonBuildPack, f"repo2docker would use {type(picked).__name__}"
        assert picked.binder_dir == "binder", picked.binder_dir
        assert picked.python_version == "3.11"
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    assert not (ROOT / ".binder").exists() and not (ROOT / "runtime.txt").exists(), \
        "one place for Binder's settings: binder/"


@pytest.mark.unit
def test_binder_installs_the_runtime_not_the_book_toolchain():
    binder, book = _requirements(BINDER / "requirements.txt"), _requirements(ROOT / "requirements.txt")
    assert not set(binder) & set(BOOK_TOOLCHAIN), "Binder only runs chapters: no book toolchain"
    assert "jupyterlab-myst" in binder, "MyST cells must render in JupyterLab on Binder"
    assert "." not in binder, "a `.` in binder/requirements.txt means binder/, not the repository"
    runtime = {"networkx", "matplotlib", "ipywidgets", "pyyaml"}
    assert runtime <= set(binder)
    for name in runtime:  # the same pins as the book build, so Binder runs what the book ran
        assert binder[name] == book[name], name
    post = (BINDER / "postBuild").read_text()
    assert re.search(r"pip install .*--no-deps \.\s*$", post, re.M), post
    assert (BINDER / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


@pytest.mark.unit
def test_repo2docker_dockerfile_builds_python_311_from_binder():
    """`jupyter-repo2docker --no-build --debug .` prints the Dockerfile Binder would build."""
    exe = Path(sys.executable).with_name("jupyter-repo2docker")
    proc = subprocess.run([str(exe), "--no-build", "--debug", "."], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "Building conda environment for python=3.11" in out
    assert "environment.py-3.11" in out.replace("-2e", ".").replace("-2d", "-")
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in out
    assert 'binder/postBuild' in out
    assert "Python version unspecified" not in out


# --- the install cell -----------------------------------------------------------------

def _run_cell(source: str, *, installed: bool, platform: str = "linux", have=("networkx", "matplotlib",
              "ipywidgets", "yaml", "yamlcore", "ruamel")):
    """Run the cell as IPython would, with pip faked; return the pip calls it made.

    HAVE: the dependency modules the runtime already has.
    """
    import importlib.util

    code = TransformerManager().transform_cell(source)
    calls = []

    class FakeShell:
        def run_line_magic(self, name, line):
            calls.append((name, line))
            sys.modules.pop("vcc_helpers", None)  # "installed": importable again

    def fake_run(argv, **kwargs):
        calls.append(("pip", argv[argv.index("install") + 1:]))
        assert argv[:3] == [sys.executable, "-m", "pip"], argv
        sys.modules.pop("vcc_helpers", None)
        return subprocess.CompletedProcess(argv, 0, "", "")

    real_find_spec = importlib.util.find_spec

    def fake_find_spec(name, *args):
        if name in install_cell.DEPENDENCIES:
            return real_find_spec("json") if name in have else None
        return real_find_spec(name, *args)

    saved = sys.modules.get("vcc_helpers")
    saved_platform, saved_run, saved_path = sys.platform, subprocess.run, list(sys.path)
    try:
        if not installed:
            sys.modules["vcc_helpers"] = None  # makes `import vcc_helpers` raise ImportError
        sys.platform = platform
        subprocess.run, importlib.util.find_spec = fake_run, fake_find_spec
        exec(compile(code, "<install cell>", "exec"), {"get_ipython": lambda: FakeShell()})
        added = [p for p in sys.path if p not in saved_path]
    finally:
        sys.platform, subprocess.run, importlib.util.find_spec = saved_platform, saved_run, real_find_spec
        sys.path[:] = saved_path
        if saved is not None:
            sys.modules["vcc_helpers"] = saved
    return calls, added


SPEC = f"vcc-helpers @ git+{REPO_URL}@{BRANCH}"


@pytest.mark.unit
def test_install_cell_does_nothing_where_the_package_is_installed():
    assert _run_cell(install_cell.cell_source(REPO_URL, BRANCH), installed=True) == ([], [])


@pytest.mark.unit
def test_install_cell_adds_the_package_alone_where_the_runtime_has_its_dependencies():
    """A runtime with every dependency: only the package is added, nothing upgraded."""
    calls, _ = _run_cell(install_cell.cell_source(REPO_URL, BRANCH), installed=False)
    assert calls == [("pip", ["-q", "--no-deps", SPEC])]


@pytest.mark.unit
def test_install_cell_on_colab_adds_only_the_two_small_yaml_packages():
    """Colab: networkx, matplotlib, ipywidgets 7 and PyYAML are there (none is upgraded);
    yamlcore and ruamel.yaml are not."""
    calls, _ = _run_cell(install_cell.cell_source(REPO_URL, BRANCH), installed=False,
                         have=("networkx", "matplotlib", "ipywidgets", "yaml"))
    assert calls == [("pip", ["-q", "--no-deps", SPEC]), ("pip", ["-q", "yamlcore", "ruamel.yaml"])]


@pytest.mark.unit
def test_install_cell_adds_only_the_missing_dependencies():
    calls, _ = _run_cell(install_cell.cell_source(REPO_URL, BRANCH), installed=False,
                         have=("networkx", "yaml", "yamlcore", "ruamel"))
    assert calls == [("pip", ["-q", "--no-deps", SPEC]), ("pip", ["-q", "matplotlib", "ipywidgets"])]


@pytest.mark.unit
def test_install_cell_makes_the_user_folder_importable_after_installing():
    """A hub with a read-only environment: pip falls back to ~/.local, which the running
    kernel did not have on sys.path (tests/routes/test_hub.py does it for real)."""
    import site
    _, added = _run_cell(install_cell.cell_source(REPO_URL, BRANCH), installed=False)
    assert site.getusersitepackages() in added


@pytest.mark.unit
def test_install_cell_dependencies_are_the_packages():
    import tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = [re.split(r"[<>=!~ ;\[]", d, maxsplit=1)[0] for d in project["dependencies"]]
    assert sorted(deps, key=str.lower) == sorted(install_cell.DEPENDENCIES.values(), key=str.lower)


@pytest.mark.unit
def test_install_cell_uses_the_bundled_wheel_in_jupyterlite():
    calls, _ = _run_cell(install_cell.cell_source(REPO_URL, BRANCH), installed=False, platform="emscripten")
    assert calls == [("pip", "install -q vcc-helpers")]


@pytest.mark.unit
def test_install_cell_pins_the_branch_the_launch_buttons_open():
    """Notebook and package come from one git reference: repository.branch."""
    assert install_cell.repository(ROOT / "_config.yml") == (CONFIG["repository"]["url"], BRANCH)


def _nb(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


@pytest.mark.unit
def test_apply_inserts_before_the_first_code_cell_once():
    md, code = nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_code_cell("x = 1")
    nb = _nb(md, code)
    assert install_cell.apply(nb, REPO_URL, "main") is True
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "code"]
    cell = nb.cells[1]
    assert cell.id == install_cell.CELL_ID and cell.metadata["tags"] == ["remove-cell"]
    assert cell.outputs == [] and cell.execution_count is None
    assert nb.cells[2].source == "x = 1"
    assert install_cell.apply(nb, REPO_URL, "main") is False
    nbformat.validate(nb)


@pytest.mark.unit
def test_apply_refreshes_an_outdated_cell_and_moves_a_misplaced_one():
    nb = _nb(nbformat.v4.new_code_cell("x = 1"))
    install_cell.apply(nb, REPO_URL, "main")
    assert install_cell.apply(nb, REPO_URL, "v1.0.0") is True  # another ref: replaced in place
    assert len(nb.cells) == 2 and "@v1.0.0" in nb.cells[0].source
    nb.cells = [nb.cells[1], nb.cells[0]]  # someone moved it below other code
    assert install_cell.apply(nb, REPO_URL, "v1.0.0") is True
    assert nb.cells[0].id == install_cell.CELL_ID and nb.cells[1].source == "x = 1"
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="installed")]  # saved with output
    assert install_cell.apply(nb, REPO_URL, "v1.0.0") is True and nb.cells[0].outputs == []


@pytest.mark.unit
def test_script_writes_once_then_leaves_the_file_alone(tmp_path):
    path = tmp_path / "ch.ipynb"
    nbformat.write(_nb(nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("1")), path)
    assert install_cell.main(["--check", str(path)]) == 1
    assert install_cell.main([str(path)]) == 0
    first, mtime = path.read_bytes(), path.stat().st_mtime_ns
    assert install_cell.main(["--check", str(path)]) == 0
    assert install_cell.main([str(path)]) == 0
    assert path.read_bytes() == first and path.stat().st_mtime_ns == mtime
    nb = nbformat.read(path, as_version=4)
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "code"]
    assert f"git+{REPO_URL}@{BRANCH}" in nb.cells[1].source


@pytest.mark.unit
def test_check_catches_a_stale_second_install_cell(tmp_path):
    """An older install cell left beside the current one (chapters 1-3 had one)."""
    path = tmp_path / "ch.ipynb"
    nb = _nb(nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("1"))
    install_cell.apply(nb, REPO_URL, BRANCH)
    stale = nbformat.v4.new_code_cell(
        "# Cloud runtimes (Colab and similar): install the book's helper package if it is missing.\n"
        "try:\n    import vcc_helpers\nexcept ImportError:\n"
        '    %pip install --quiet "vcc-helpers @ git+https://github.com/o/r"')
    nb.cells.insert(2, stale)
    nbformat.write(nb, path)
    assert install_cell.main(["--check", str(path)]) == 1
    assert install_cell.main([str(path)]) == 0
    cells = nbformat.read(path, as_version=4).cells
    assert [c.source for c in cells].count(stale.source) == 0
    assert sum(c.get("id") == install_cell.CELL_ID for c in cells) == 1
    assert install_cell.main(["--check", str(path)]) == 0


@pytest.mark.unit
def test_every_chapter_notebook_has_the_current_install_cell():
    """Run `python scripts/install_cell.py` after adding or changing a chapter notebook."""
    stale = [p.name for p in install_cell.chapter_notebooks()
             if install_cell.apply(nbformat.read(p, as_version=4), REPO_URL, BRANCH)]
    assert not stale, f"run python scripts/install_cell.py: {stale}"


# --- MyST in Jupyter: folded solutions, cross-references that read without the book ---

@pytest.mark.unit
def test_every_solution_is_folded_for_jupyter_and_colab():
    """Run `python scripts/fold_solutions.py` after editing a chapter's solutions."""
    assert fold_solutions.main(["--check"]) == 0
    folded = 0
    for path in install_cell.chapter_notebooks():
        nb = nbformat.read(path, as_version=4)
        for i in fold_solutions.solution_body(nb):
            cell = nb.cells[i]
            assert cell.metadata["jupyter"]["source_hidden"] is True, (path.name, i)
            if cell.cell_type == "code":
                assert cell.metadata["jupyter"]["outputs_hidden"] is True and cell.metadata["cellView"] == "form"
            folded += 1
    assert folded >= 20


@pytest.mark.unit
def test_check_reports_an_open_solution(tmp_path):
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    nb = _nb(md("```{solution-start} ex\n:class: dropdown\n```\nText."), code("answer()"),
             md("```{solution-end}\n```"), code("after()"))
    path = tmp_path / "ch.ipynb"
    nbformat.write(nb, path)
    assert fold_solutions.main(["--check", str(path)]) == 1
    assert fold_solutions.main([str(path)]) == 0 and fold_solutions.main(["--check", str(path)]) == 0
    cells = nbformat.read(path, as_version=4).cells
    assert cells[1].metadata["jupyter"]["source_hidden"] and "jupyter" not in cells[3].metadata


@pytest.mark.unit
def test_doc_references_carry_their_own_text():
    """jupyterlab-myst shows a bare {doc}`08-for-instructors` as its file name: give the words."""
    bare = {p.name: re.findall(r"\{doc\}`[^`<]+`", p.read_text()) for p in install_cell.chapter_notebooks()}
    assert not {k: v for k, v in bare.items() if v}


@pytest.mark.unit
def test_no_shell_escape_cells():
    """`!` cells break in JupyterLite and on runtimes whose shell Python is another Python."""
    found = [(p.name, i) for p in install_cell.chapter_notebooks()
             for i, c in enumerate(nbformat.read(p, as_version=4).cells)
             if c.cell_type == "code" and re.search(r"(?m)^\s*!", c.source)]
    assert not found


# --- scripts: doctests and the make switches ------------------------------------------

@pytest.mark.unit
@pytest.mark.parametrize("module", [install_cell, build_lite, self_contained, book_variant, sphinx_lite, lab_copies, fold_solutions],
                         ids=lambda m: m.__name__)
def test_script_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.unit
def test_make_book_switches():
    def dry(*args):
        out = subprocess.run(["make", "-n", "book", *args], cwd=ROOT, capture_output=True, text=True)
        return out.stdout + out.stderr

    default = dry()
    assert re.search(r"jupyter-book build \. -W -n --keep-going\s*$", default, re.M)
    assert "--config" not in default and "book_variant" not in default
    both = dry("SELF_CONTAINED=1", "JUPYTERHUB_URL=https://hub.example.edu")
    assert "scripts/book_variant.py --self-contained --jupyterhub-url https://hub.example.edu" in both
    assert "jupyter-book build . -W -n --keep-going --config _build/variant/_config.yml" in both
    assert "--toc" not in both  # only the browser route has a page of its own
    lite = dry("LITE=1")
    assert "--toc _build/variant/_toc.yml" in lite
    assert "book_pages.py prune _build/html _build/variant/_toc.yml" in lite


@pytest.mark.unit
def test_the_browser_page_is_listed_only_by_the_lite_builds_toc(tmp_path):
    """The default TOC has no page about a route the default build lacks; LITE=1 adds it
    second, after the how-to page, and the pruning step keeps it."""
    import book_pages

    assert book_variant.BROWSER_PAGE not in book_pages.toc_docnames(ROOT)
    toc = book_variant.write_toc(ROOT, tmp_path / "_toc.yml")
    listed = book_pages.toc_docnames(ROOT, toc)
    assert book_variant.BROWSER_PAGE in listed
    order = [e for e in re.findall(r"file: (\S+)", toc.read_text())]
    assert order[:2] == ["chapters/how-to-use", book_variant.BROWSER_PAGE]


@pytest.mark.unit
@pytest.mark.parametrize("switches", [(), ("LITE=1",), ("SELF_CONTAINED=1",), ("LITE=1", "SELF_CONTAINED=1")],
                         ids=lambda s: "+".join(s) or "default")
def test_every_build_first_removes_what_other_switches_left(switches):
    """`make book SELF_CONTAINED=1` after `make book LITE=1` must not keep lite/ (and so on)."""
    out = subprocess.run(["make", "-n", "book", *switches], cwd=ROOT, capture_output=True, text=True).stdout
    lines = out.splitlines()
    build = next(i for i, line in enumerate(lines) if "jupyter-book build" in line)
    removed = " ".join(line for line in lines[:build] if line.startswith("rm -rf"))
    for folder in ("_build/html/lite", "_build/html/_vendor"):
        assert folder in removed, f"{folder} is not removed before the build: {switches}"
    assert "VCC_WORK_DIR=" in lines[build], "chapter 7 must write into a fresh folder during the build"


@pytest.mark.unit
def test_make_lab_opens_copies_that_git_ignores(tmp_path):
    import lab_copies
    out = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "requirements-lab.txt" in out and "jupyter lab --notebook-dir=" in out
    assert "scripts/lab_copies.py" in out
    lab = {k.lower(): v for k, v in (ln.split("==") for ln in (ROOT / "requirements-lab.txt").read_text().splitlines()
                                      if "==" in ln and not ln.startswith("#"))}
    assert {"jupyterlab", "jupyterlab-myst"} <= set(lab)
    for path in ("chapters/_work/01.ipynb", "chapters/my-work/x.yaml", "chapters/_work/my-work/x.yaml"):
        assert subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 0, path
    assert "chapters/_work/*" in CONFIG["exclude_patterns"] and "chapters/my-work/*" in CONFIG["exclude_patterns"]
    copied, kept = lab_copies.copy_chapters(tmp_path / "w")
    assert [p.name for p in copied] == [p.name for p in install_cell.chapter_notebooks()] and not kept
    (tmp_path / "w" / copied[0].name).write_text("my edits")
    copied2, kept2 = lab_copies.copy_chapters(tmp_path / "w")
    assert not copied2 and (tmp_path / "w" / copied[0].name).read_text() == "my edits"


@pytest.mark.unit
def test_lite_overlay_keeps_myst_nb_in_charge_of_ipynb(tmp_path, monkeypatch):
    """jupyter-book#1344: jupyterlite-sphinx must not register .ipynb (myst-nb reads them)."""
    monkeypatch.setattr(build_lite, "build_wheel", lambda book, dest: dest / "x.whl")
    overlay = build_lite.prepare(tmp_path)
    cfg = overlay["sphinx"]["config"]
    assert cfg["jupyterlite_bind_ipynb_suffix"] is False
    assert overlay["sphinx"]["extra_extensions"] == ["jupyterlite_sphinx"]
    assert "sphinx_lite" in overlay["sphinx"]["local_extensions"]
    assert overlay["launch_buttons"]["jupyterlite_url"].endswith("lite/notebooks/index.html")


# --- the built books: launch buttons ---------------------------------------------------

def _pages(book: Path) -> dict[str, str]:
    """TOC page name -> source suffix, for a book folder."""
    toc = yaml.safe_load((book / "_toc.yml").read_text())
    out = {}
    for f in toc_files(toc):
        stem = f.rsplit(".", 1)[0] if f.endswith((".md", ".ipynb")) else f
        out[stem] = ".ipynb" if (book / f"{stem}.ipynb").is_file() else ".md"
    return out


def _links(html: Path) -> list[str]:
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return [a["href"] for a in soup.select("a[href]")]


def _launch_links(html: Path) -> dict[str, str]:
    found = {}
    for href in _links(html):
        if href.startswith("https://mybinder.org/v2/"):
            found["binder"] = href
        elif COLAB in href:
            found["colab"] = href
        elif "/hub/user-redirect/git-pull?" in href:
            found["jupyterhub"] = href
        elif "lite/notebooks/index.html?path=" in href:
            found["jupyterlite"] = href
    return found


def _check_notebook_page(html_root: Path, stem: str, hub: str | None, lite: bool):
    links = _launch_links(html_root / f"{stem}.html")
    path = f"{stem}.ipynb"
    assert links.get("binder") == f"https://mybinder.org/v2/gh/{ORG}/{REPO}/{BRANCH}?urlpath=tree/{path}", links
    assert links.get("colab") == f"https://{COLAB}/github/{ORG}/{REPO}/blob/{BRANCH}/{path}", links
    if hub:
        url = urlsplit(links["jupyterhub"].replace("&amp;", "&"))
        assert f"{url.scheme}://{url.netloc}" == hub and url.path == "/hub/user-redirect/git-pull"
        assert parse_qs(url.query) == {"repo": [REPO_URL], "branch": [BRANCH],
                                       "urlpath": [f"tree/{REPO}/{path}"]}
    else:
        assert "jupyterhub" not in links
    if lite:
        target = urljoin(f"http://site/{stem}.html", links["jupyterlite"])
        app, query = urlsplit(target).path.lstrip("/"), parse_qs(urlsplit(target).query)
        assert (html_root / app).is_file(), f"JupyterLite link of {stem} points nowhere: {app}"
        assert query == {"path": [path]}
        assert (html_root / build_lite.LITE_OUTPUT / "files" / path).is_file()
    else:
        assert "jupyterlite" not in links


def _check_markdown_page(html_root: Path, stem: str):
    links = _launch_links(html_root / f"{stem}.html")
    assert not links, f"{stem} comes from Markdown but carries launch links {links}"


@pytest.mark.build
def test_launch_buttons_of_the_real_book(built_book):
    html = ROOT / "_build" / "html"
    hub = (CONFIG.get("launch_buttons") or {}).get("jupyterhub_url") or None
    for stem, suffix in _pages(ROOT).items():
        if suffix == ".ipynb":
            _check_notebook_page(html, stem, hub, lite=False)
        else:
            _check_markdown_page(html, stem)


@pytest.fixture(scope="module")
def variant_book(tmp_path_factory):
    import variantbook
    return variantbook.make(tmp_path_factory.getbasetemp() / "variant-book")


@pytest.mark.build
def test_variant_build_is_strict_and_clean(variant_book):
    assert "WARNING: " not in variant_book.log, variant_book.log[-4000:]  # Sphinx's warnings
    assert "already registered" not in variant_book.log  # jupyter-book#1344
    assert (variant_book.html / "index.html").is_file()
    assert not (variant_book.root / "_config.yml").read_text().startswith("# Generated")


@pytest.mark.build
def test_launch_buttons_of_the_variant_book(variant_book):
    import variantbook
    pages = _pages(variant_book.root)
    assert pages[variantbook.CHECK_PAGE] == ".ipynb" and pages[variantbook.BROWSER_PAGE] == ".md"
    for stem, suffix in pages.items():
        if suffix == ".ipynb":
            _check_notebook_page(variant_book.html, stem, variantbook.EXAMPLE_HUB, lite=True)
        else:
            _check_markdown_page(variant_book.html, stem)


@pytest.mark.build
def test_install_cell_is_hidden_on_the_page(variant_book):
    import variantbook
    page = (variant_book.html / f"{variantbook.CHECK_PAGE}.html").read_text(encoding="utf-8")
    assert "vcc-helpers @ git+" not in page and "pip install" not in page
    assert "IntSlider" in page  # the next cell is there


# --- the JupyterLite bundle ------------------------------------------------------------

@pytest.mark.build
def test_lite_bundle_holds_the_wheel_and_the_chapters(variant_book):
    lite = variant_book.html / build_lite.LITE_OUTPUT
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M)[1]
    wheel = lite / "pypi" / f"vcc_helpers-{version}-py3-none-any.whl"
    assert wheel.is_file()
    names = zipfile.ZipFile(wheel).namelist()
    assert "vcc_helpers/__init__.py" in names and "vcc_helpers/model.py" in names
    assert any(n.startswith("vcc_helpers/cases/") and n.endswith(".yaml") for n in names), "case files"
    index = json.loads((lite / "pypi" / "all.json").read_text())
    assert "vcc-helpers" in index
    settings = json.loads((lite / "jupyter-lite.json").read_text())["jupyter-config-data"]
    urls = settings["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]["pipliteUrls"]
    assert any(u.startswith("./pypi/all.json") for u in urls)
    notebooks = build_lite.toc_notebooks(variant_book.root)
    assert notebooks
    for nb in notebooks:
        bundled = lite / "files" / nb
        assert bundled.is_file(), nb
        ours, source = nbformat.read(bundled, as_version=4), nbformat.read(variant_book.root / nb, as_version=4)
        assert ours.cells == source.cells, f"{nb}: not the stored notebook"
        assert ours.metadata.kernelspec.name == "python", "JupyterLite's kernel, or readers must pick one"
    files = {p.relative_to(lite / "files").as_posix() for p in (lite / "files").rglob("*") if p.is_file()}
    assert files == set(notebooks), "only the TOC's notebooks go into JupyterLite"


@pytest.mark.build
def test_lite_bundle_is_trimmed(variant_book):
    lite = variant_book.html / build_lite.LITE_OUTPUT
    maps = [p for p in lite.rglob("*.map")]
    assert not maps, f"source maps shipped: {maps[:5]}"
    size = sum(p.stat().st_size for p in lite.rglob("*") if p.is_file())
    assert size < 30e6, f"the JupyterLite folder weighs {size / 1e6:.1f} MB"
    assert (lite / "notebooks" / "index.html").is_file() and (lite / "tree" / "index.html").is_file()


@pytest.mark.build
def test_run_in_browser_page_says_what_this_edition_offers(variant_book):
    import variantbook
    page = (variant_book.html / f"{variantbook.BROWSER_PAGE}.html").read_text(encoding="utf-8")
    assert "Pyodide" in page and "internet" in page
    assert 'href="../lite/tree/index.html"' in page
    assert "built without the browser route" not in page  # the `only` block of a LITE build
    assert (variant_book.html / PurePosixPath(variantbook.BROWSER_PAGE).parent / "../lite/tree/index.html").resolve().is_file()


# --- the self-contained site -----------------------------------------------------------

@pytest.mark.unit
def test_self_contained_build_drops_mathjax_when_no_page_has_math(tmp_path):
    """The book has no math today: its self-contained build must not ship 8 MB of MathJax."""
    overlay = self_contained.overlay(tmp_path)
    assert "self_contained" in overlay["sphinx"]["local_extensions"]
    merged = book_variant.merge({"sphinx": {"local_extensions": {"sphinx_lite": "x"}}}, overlay)
    assert merged["sphinx"]["local_extensions"]["self_contained"] == str(ROOT / "scripts")
    out = tmp_path / "html"
    (out / self_contained.MATHJAX_DIR / "es5").mkdir(parents=True)
    (out / self_contained.WIDGETS_DIR).mkdir(parents=True)

    class App:  # what the build-finished handler reads from Sphinx
        outdir = str(out)
        builder = type("B", (), {"format": "html"})()

        class env:
            found_docs = {"intro", "chapters/a"}

            @staticmethod
            def get_domain(name):
                return type("D", (), {"has_equations": staticmethod(lambda d: d in App.math)})()
        math: set = {"chapters/a"}

    self_contained._build_finished(App, None)
    assert (out / self_contained.MATHJAX_DIR).is_dir(), "a page has math: MathJax stays"
    App.math = set()
    self_contained._build_finished(App, None)
    assert not (out / self_contained.MATHJAX_DIR).exists() and (out / self_contained.WIDGETS_DIR).is_dir()


@pytest.mark.build
def test_self_contained_pages_without_math_load_no_mathjax(variant_book):
    """Only the check page has math (Sphinx also counts the root page, whose table of
    contents includes it); no other page loads MathJax."""
    import variantbook
    root = yaml.safe_load((variant_book.root / "_toc.yml").read_text())["root"]
    loads = []
    for page in variant_book.html.rglob("*.html"):
        rel = page.relative_to(variant_book.html).as_posix()
        if rel.startswith(build_lite.LITE_OUTPUT + "/") or rel in (f"{variantbook.CHECK_PAGE}.html", f"{root}.html"):
            if rel == f"{variantbook.CHECK_PAGE}.html":
                loads.append(rel)
                assert "tex-mml-chtml.js" in page.read_text(encoding="utf-8")
            continue
        assert "tex-mml-chtml.js" not in page.read_text(encoding="utf-8"), rel
    assert loads, "the check page with math was not found"


THIRD_PARTY_ASSET = re.compile(r'<(?:script|link)\b[^>]*(?:src|href)="(https?://[^"]+)"')


@pytest.mark.build
def test_self_contained_pages_load_no_third_party_asset(variant_book):
    offenders = {}
    for page in variant_book.html.rglob("*.html"):
        if build_lite.LITE_OUTPUT in page.relative_to(variant_book.html).parts[:1]:
            continue  # JupyterLite's own app (it needs Pyodide from the internet by design)
        urls = THIRD_PARTY_ASSET.findall(page.read_text(encoding="utf-8"))
        if urls:
            offenders[page.relative_to(variant_book.html).as_posix()] = urls
    assert not offenders, offenders


@pytest.mark.build
def test_self_contained_assets_sit_in_vendor_not_static(variant_book):
    vendor = variant_book.html / self_contained.VENDOR
    assert (vendor / "html-manager" / "embed.js").is_file()
    assert (vendor / "mathjax" / "tex-mml-chtml.js").is_file()
    assert list((vendor / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    assert not list(vendor.rglob("*.map"))
    static = variant_book.html / "_static"
    assert not list(static.rglob("embed.js")) and not list(static.rglob("tex-mml-chtml.js"))
    page = (variant_book.html / "chapters" / "runtime-check.html").read_text(encoding="utf-8")
    assert 'src="../_static/../_vendor/html-manager/embed.js' in page
    assert 'src="../_static/../_vendor/mathjax/tex-mml-chtml.js' in page
    assert "require.min.js" not in page and "embed-amd.js" not in page
    assert 'type="application/vnd.jupyter.widget-state+json"' in page
