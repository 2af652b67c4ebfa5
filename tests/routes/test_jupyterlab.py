"""JupyterLab with jupyterlab-myst (Binder, a hub, `make lab`): the chapters' MyST renders.

JupyterLab runs on 127.0.0.1 with a token, from the environment's own jupyterlab and
jupyterlab-myst (requirements-lab.txt: the versions Binder ships); headless Chromium
(Playwright) opens chapters with every non-local request blocked and reads the DOM:
no raw role or directive syntax is left in the rendered Markdown, admonitions are
rendered as such, and every solution is folded (its opening cell a closed dropdown, the
cells after it collapsed). Citations show their key (jupyterlab-myst has no bibliography):
readable, marked as unresolved, never the raw role.
"""
from __future__ import annotations

import re
import shutil
import time

import pytest

from tests.browser.reader import new_context

from .envs import ROOT
from .lab import block_non_local, jupyterlab

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover
    sync_playwright = None

pytestmark = pytest.mark.routes

# chapter 1: citations, glossary terms, admonitions, gated exercises and solutions;
# chapter 7: labels, doc/ref cross-references, the most admonitions
CHAPTERS = ("01-value-in-public-services.ipynb", "07-your-own-case.ipynb")
RAW = re.compile(r"\{(?:term|cite:[pt]|cite|doc|ref|numref|eq|download|glossary)\}|"
                 r"^:(?:class|label|name|open):|\{(?:admonition|note|tip|important|warning|exercise|solution)"
                 r"(?:-start|-end)?\}|^\([\w-]+\)=\s*$|^```|^:::", re.M)

RENDERED_JS = """() => {
  const cells = Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell'));
  return cells.map((c, i) => {
    const collapsed = c.classList.contains('jp-mod-collapsed') ||
      !!c.querySelector('.jp-Cell-inputWrapper .jp-Placeholder, .jp-InputPlaceholder');
    const myst = c.querySelector('.myst');
    return {index: i, collapsed, myst: !!myst, text: myst ? myst.innerText : '',
            admonitions: myst ? myst.querySelectorAll('aside, .admonition, [class*="admonition"]').length : 0,
            openDetails: myst ? Array.from(myst.querySelectorAll('details')).filter(d => d.open).length : 0,
            closedDetails: myst ? Array.from(myst.querySelectorAll('details')).filter(d => !d.open).length : 0};
  });
}"""
CODE_JS = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')).map(c =>
  ({collapsed: !!c.querySelector('.jp-InputPlaceholder, .jp-Placeholder'),
    text: (c.querySelector('.cm-content') || {innerText: ''}).innerText}))"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory, browser):
    root = tmp_path_factory.mktemp("lab") / "chapters"
    root.mkdir()
    for name in CHAPTERS:
        shutil.copy(ROOT / "chapters" / name, root / name)
    with jupyterlab(root) as (base, token):
        context = new_context(browser)
        blocked: list[str] = []
        block_non_local(context, blocked)
        yield {"base": base, "token": token, "context": context, "blocked": blocked}
        context.close()


_SEEN: dict[str, tuple] = {}


def _open(lab, name):
    """Open NAME in JupyterLab once; return (markdown cells, code cells, page errors) when
    the rendering has settled (two identical readings one second apart)."""
    if name in _SEEN:
        return _SEEN[name]
    import nbformat
    nb = nbformat.read(ROOT / "chapters" / name, as_version=4)
    n_md = sum(c.cell_type == "markdown" for c in nb.cells)
    n_code = len(nb.cells) - n_md
    page = lab["context"].new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{lab['base']}/lab/tree/{name}?reset&token={lab['token']}")
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell .myst", timeout=90_000)
    deadline, last = time.monotonic() + 90, None
    while time.monotonic() < deadline:
        now = (page.evaluate(RENDERED_JS), page.evaluate(CODE_JS))
        if (now == last and len(now[0]) == n_md and len(now[1]) == n_code
                and all(c["myst"] or c["collapsed"] for c in now[0])):
            break
        last = now
        time.sleep(1.0)
    page.close()
    assert len(last[0]) == n_md and len(last[1]) == n_code, f"{name} did not finish rendering"
    _SEEN[name] = (*last, errors)
    return _SEEN[name]


@pytest.mark.parametrize("name", CHAPTERS)
def test_myst_renders_without_raw_syntax(lab, name):
    cells, _, _ = _open(lab, name)
    if True:
        assert len(cells) > 10
        raw = {c["index"]: m.group(0) for c in cells if not c["collapsed"]
               for m in [RAW.search(c["text"])] if m}
        assert not raw, f"raw MyST syntax visible in {name}: {raw}"
        assert sum(c["admonitions"] for c in cells) >= 1, "admonitions are not rendered as admonitions"
        assert not [u for u in lab["blocked"] if "127.0.0.1" not in u], lab["blocked"]


@pytest.mark.parametrize("name", CHAPTERS)
def test_solutions_stay_folded(lab, name):
    import nbformat
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    import fold_solutions

    nb = nbformat.read(ROOT / "chapters" / name, as_version=4)
    starts = [i for i, c in enumerate(nb.cells) if "{solution-start}" in c.source]
    body = fold_solutions.solution_body(nb)
    cells, code, _ = _open(lab, name)
    if True:
        md_index = {nb_i: k for k, nb_i in enumerate(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown")}
        code_index = {nb_i: k for k, nb_i in enumerate(i for i, c in enumerate(nb.cells) if c.cell_type == "code")}
        assert starts
        for i in starts:
            cell = cells[md_index[i]]
            assert cell["closedDetails"] >= 1 and cell["openDetails"] == 0, f"solution in cell {i} is not folded"
        open_body = [i for i in body if (nb.cells[i].cell_type == "markdown" and not cells[md_index[i]]["collapsed"])
                     or (nb.cells[i].cell_type == "code" and not code[code_index[i]]["collapsed"])]
        assert not open_body, f"solution cells left open in {name}: {open_body}"
