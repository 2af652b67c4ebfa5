"""A label is data on the built page too: the book built with a hostile worked example.

The worked example (chapter 6) is swapped, through ``VCC_WORKED_EXAMPLE``, for a copy of
``hospital-discharge`` whose titles, labels, episode labels, relation texts and readings
hold markup, scripts, event handlers, ``javascript:`` URLs, Markdown links and format
strings, all allowed by the format (no control characters, which the loader refuses).
The book is copied and built once per session (``hostile_book``), served on 127.0.0.1,
and chapters 5, 6 and 7 are opened in headless Chromium with every non-local request
blocked. The widgets show as their static HTML (vcc_helpers.widgets.static), every tab of
which is clicked. The test fails if any script or handler from a label runs (a dialog opens, or
``window.__vcc_pwned`` is set), if an element or attribute from a label reaches the DOM,
or if the hostile text is not on the page as text.

Proof that it can fail: with the ``_safe_widget_state`` hook of ``vcc_helpers/sphinxext.py``
disconnected, an episode label ``</script>...`` ended the embedded widget state early and
its ``<img onerror>`` ran (when the pages embedded widget state); with the episode names
left unescaped in ``vcc_helpers.widgets.static.views_html``, the same label runs now.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
import yaml

from bookbuild import FLAGS, JB, ROOT
from variantbook import IGNORE

from . import cdn
from .reader import new_context, serve, visit

pytestmark = pytest.mark.browser

WORKED = "chapters/06-worked-example"
PAGES = ("chapters/06-worked-example.html", "chapters/05-from-service-logic-to-assemblage.html",
         "chapters/07-your-own-case.html")
PWN = "window.__vcc_pwned"
# Each hostile text, and a part of it that must be on chapter 6 as text.
HOSTILE = {
    "title": f'Leaving hospital <img src=x onerror="{PWN}=1"> {{title}} %s',
    "summary": f"</script><script>{PWN}=2</script> [a link](javascript:{PWN}=3) **bold**",
    "label": f"<svg onload={PWN}=4><vcc-injected onvccinjected=1>",
    # no quotes: inside JSON a quote is written \" and would spoil the handler
    "episode": f"</SCRIPT><img src=x onerror={PWN}=5> On the ward {{1}}",
    "does": f"'\"><img src=x onerror={PWN}=6> javascript:{PWN}=7 {{0}} ${{x}} {{{{x}}}}",
    "text": f"<iframe src=javascript:{PWN}=8></iframe> </script >",
}
MUST_SHOW = ('<img src=x onerror="window.__vcc_pwned=1">', "<vcc-injected onvccinjected=1>",
             f"</SCRIPT><img src=x onerror={PWN}=5> On the ward {{1}}")


def hostile_case(path: Path) -> Path:
    """Write the hostile copy of hospital-discharge to PATH (it must still validate)."""
    from vcc_helpers import cases
    from vcc_helpers.casefile import case_to_data, loads_case

    data = case_to_data(cases.load("hospital-discharge"))
    data["title"] = HOSTILE["title"]
    data["summary"] = HOSTILE["summary"]
    for i, c in enumerate(data["components"]):
        if i % 3 == 0:
            c["label"] = f"{c['label']} {HOSTILE['label']}"
    for e in data.get("episodes", []):
        e["label"] = HOSTILE["episode"] if e is data["episodes"][0] else f"{e['label']} </script/>"
        e["description"] = HOSTILE["text"]
    for r in data["relations"]:
        r["does"] = f"{r['does']} {HOSTILE['does']}"
    for f in data.get("readings", {}).get("assemblage", {}).get("lines_of_flight", []):
        f["danger"] = f"{f['danger']} {HOSTILE['text']}"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    loads_case(text, str(path))  # refused here rather than in the middle of the build
    path.write_text(text, encoding="utf-8")
    return path


def _point_worked_example_at(notebook: Path, case_file: Path) -> None:
    """A hidden first cell sets VCC_WORKED_EXAMPLE (and changes the notebook, so the
    jupyter cache executes chapter 6 again instead of reusing its stored outputs)."""
    nb = nbformat.read(notebook, as_version=4)
    cell = nbformat.v4.new_code_cell(f"import os\nos.environ['VCC_WORKED_EXAMPLE'] = {str(case_file)!r}")
    cell.metadata["tags"] = ["remove-cell"]
    cell["id"] = "hostile-worked-example"
    nb.cells.insert(0, cell)
    nbformat.write(nb, notebook)


@pytest.fixture(scope="session")
def hostile_book(tmp_path_factory) -> Path:
    """The book, copied and built once with the hostile worked example; its HTML folder."""
    dest = tmp_path_factory.mktemp("hostile-book")
    shutil.copytree(ROOT, dest, ignore=IGNORE, dirs_exist_ok=True)
    if (ROOT / ".jupyter_cache").is_dir():
        shutil.copytree(ROOT / ".jupyter_cache", dest / ".jupyter_cache", dirs_exist_ok=True)
    case_file = hostile_case(dest / "chapters" / "hostile-case.yaml")
    _point_worked_example_at(dest / f"{WORKED}.ipynb", case_file)
    env = {**os.environ, "PYTHONPATH": str(dest)}  # the copy's vcc_helpers, in the kernel too
    proc = subprocess.run([str(JB), "build", str(dest), *FLAGS], capture_output=True, text=True,
                          timeout=1800, cwd=dest, env=env)
    if proc.returncode != 0:
        pytest.fail("the build with the hostile worked example failed:\n"
                    + proc.stdout[-4000:] + proc.stderr[-4000:])
    return dest / "_build" / "html"


_DOM_JS = """() => ({
  pwned: window.__vcc_pwned === undefined ? null : String(window.__vcc_pwned),
  injected: document.querySelectorAll('vcc-injected, [onvccinjected]').length,
  jsLinks: Array.from(document.querySelectorAll('[href], [src], [action]'))
      .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
      .filter(u => /^\\s*javascript:/i.test(u)),
  text: document.body.innerText,
  views: document.querySelectorAll('.vcc-views').length,
})"""


def _click_every_view(page) -> list[str]:
    """Switch every lens explorer and episode stepper through all its views."""
    buttons = page.locator(".widget-toggle-button, .vcc-views [role=tab], .vcc-views [data-vcc-step]")
    for i in range(buttons.count()):
        try:
            buttons.nth(i).click(timeout=2_000)
            page.wait_for_timeout(100)
        except Exception:  # noqa: BLE001 - a hidden button is not the point here
            pass
    return []


@pytest.fixture(scope="module")
def hostile_reports(browser, hostile_book):
    if not (cdn.NODE_MODULES / "@jupyter-widgets").is_dir():
        pytest.fail("the widget manager is not fetched: bash scripts/fetch-widget-manager.sh")
    context = new_context(browser)
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.on("dialog", on_dialog)
    # a handler that calls alert() is caught whichever way it runs
    context.add_init_script("for (const f of ['alert', 'confirm', 'prompt']) { const o = window[f]; "
                            "window[f] = (...a) => { window.__vcc_pwned = window.__vcc_pwned || f; "
                            "return o.apply(window, a); }; }")
    out = {}
    with serve(hostile_book) as url:
        for page_path in PAGES:
            dom = {}

            def interact(page, dom=dom):
                _click_every_view(page)
                page.wait_for_timeout(500)
                dom.update(page.evaluate(_DOM_JS))
                return []

            report = visit(context, url, page_path, run_axe=False, site_dir=hostile_book,
                           interact=interact)
            out[page_path] = (report, dom, list(dialogs))
            dialogs.clear()
    context.close()
    return out


@pytest.mark.parametrize("page_path", PAGES)
def test_no_script_from_a_label_runs(hostile_reports, page_path):
    report, dom, dialogs = hostile_reports[page_path]
    assert not dialogs, f"a dialog opened: {dialogs}"
    assert dom.get("pwned") is None, f"a label's script or handler ran: window.__vcc_pwned = {dom['pwned']}"
    assert dom.get("injected") == 0, "an element or attribute from a label is in the DOM"
    assert not dom.get("jsLinks"), f"javascript: URLs from labels in the DOM: {dom['jsLinks'][:3]}"
    assert not report.third_party, f"requests that left the machine: {report.third_party[:3]}"


def test_the_hostile_labels_show_as_text(hostile_reports):
    report, dom, _ = hostile_reports[PAGES[0]]
    missing = [s for s in MUST_SHOW if s not in dom.get("text", "")]
    assert not missing, f"not on chapter 6 as text: {missing}"
    # the views are the widgets' static HTML now (no widget manager): both are on the page
    assert dom.get("views") == 2, "the lens switch and the stepper are not on chapter 6"
    assert not report.widget_problems, report.widget_problems
