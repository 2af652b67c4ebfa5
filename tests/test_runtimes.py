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
import install_cell  # noqa: E402
import self_contained  # noqa: E402
import sphinx_lite  # noqa: E402

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
REPO_URL = CONFIG["repository"]["url"].rstrip("/")
BRANCH = CONFIG["repository"]["branch"]
ORG, REPO = urlsplit(REPO_URL).path.strip("/").split("/")[:2]
COLAB = "colab.research.google.com"


# --- Binder ---------------------------------------------------------------------------

@pytest.mark.unit
def test_binder_uses_python_311_and_installs_the_requirements_with_the_package():
    """repo2docker (what mybinder.org runs) picks its Python build pack, Python 3.11, and
    installs requirements.txt, whose `.` line is the helper package."""
    from repo2docker.app import Repo2Docker
    from repo2docker.buildpacks import PythonBuildPack

    app = Repo2Docker()
    with chdir(ROOT):
        picked = next(bp for bp in (BP(base_image=app.base_image) for BP in app.buildpacks) if bp.detect())
        assert type(picked) is PythonBuildPack, f"repo2docker would use {type(picked).__name__}"
        assert picked.python_version == "3.11"
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists(), \
        "a binder/ folder would make repo2docker ignore the top-level requirements.txt"
    assert re.search(r"^\.$", (ROOT / "requirements.txt").read_text(), re.M)


@pytest.mark.unit
def test_repo2docker_dockerfile_builds_python_311_and_pip_installs_requirements():
    """`jupyter-repo2docker --no-build --debug .` prints the Dockerfile Binder would build."""
    exe = Path(sys.executable).with_name("jupyter-repo2docker")
    proc = subprocess.run([str(exe), "--no-build", "--debug", "."], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "Building conda environment for python=3.11" in out
    assert "environment.py-3.11" in out.replace("-2e", ".").replace("-2d", "-")
    assert 'pip install --no-cache-dir -r "requirements.txt"' in out
    assert "Python version unspecified" not in out


# --- the install cell -----------------------------------------------------------------

def _run_cell(source: str, *, installed: bool, platform: str = "linux"):
    """Run the cell as IPython would; return the %pip calls it made."""
    code = TransformerManager().transform_cell(source)
    calls = []

    class FakeShell:
        def run_line_magic(self, name, line):
            calls.append((name, line))
            sys.modules.pop("vcc_helpers", None)  # "installed": importable again

    saved = sys.modules.get("vcc_helpers")
    saved_platform = sys.platform
    try:
        if not installed:
            sys.modules["vcc_helpers"] = None  # makes `import vcc_helpers` raise ImportError
        sys.platform = platform
        exec(compile(code, "<install cell>", "exec"), {"get_ipython": lambda: FakeShell()})
    finally:
        sys.platform = saved_platform
        if saved is not None:
            sys.modules["vcc_helpers"] = saved
    return calls


@pytest.mark.unit
def test_install_cell_does_nothing_where_the_package_is_installed():
    assert _run_cell(install_cell.cell_source(REPO_URL, BRANCH), installed=True) == []


@pytest.mark.unit
def test_install_cell_installs_from_the_repository_branch_where_it_is_missing():
    calls = _run_cell(install_cell.cell_source(REPO_URL, BRANCH), installed=False)
    assert calls == [("pip", f'install -q "vcc-helpers @ git+{REPO_URL}@{BRANCH}"')]


@pytest.mark.unit
def test_install_cell_uses_the_bundled_wheel_in_jupyterlite():
    calls = _run_cell(install_cell.cell_source(REPO_URL, BRANCH), installed=False, platform="emscripten")
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
def test_every_chapter_notebook_has_the_current_install_cell():
    """Run `python scripts/install_cell.py` after adding or changing a chapter notebook."""
    stale = [p.name for p in install_cell.chapter_notebooks()
             if install_cell.apply(nbformat.read(p, as_version=4), REPO_URL, BRANCH)]
    assert not stale, f"run python scripts/install_cell.py: {stale}"


# --- scripts: doctests and the make switches ------------------------------------------

@pytest.mark.unit
@pytest.mark.parametrize("module", [install_cell, build_lite, self_contained, book_variant, sphinx_lite],
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
