"""The live widgets' kernel-free switches, as a page with the widget manager shows them.

The book's own pages show each widget's static HTML instead (no widget manager; checked in
``test_static_views.py``); this file checks that none of them still embeds widget state.

The switch check is proved on throwaway pages made with ``ipywidgets.embed``: it passes on
a linked switch, fails on an unlinked one, and passes on the package's own LensExplorer
and EpisodeStepper (the widgets a reader's exported notebook, or an older build, shows).
"""
from __future__ import annotations

import json

import pytest

from .conftest import toc_pages
from .switches import exercise, find_switches
from .test_checkers import EMBED, page

pytestmark = pytest.mark.browser


# The book's own pages no longer embed widget state: the HTML build shows each widget's
# text/html (vcc_helpers.widgets.static), checked in test_static_views.py. What stays here
# is the live widget as a page with the widget manager shows it (ipywidgets.embed), which is
# also how a reader's own exported notebook would show it.

def test_no_page_of_the_book_embeds_widget_state_or_the_manager(site):
    """The book's pages show plain HTML views: no page needs the 3 MB widget manager (the
    lens switch and stepper used to be jslinked widgets in the embedded state)."""
    loaded = {}
    for p in toc_pages():
        html = (site / p).read_text(encoding="utf-8")
        if find_switches(html) or "widget-state+json" in html or "html-manager" in html:
            loaded[p] = "widget state or manager"
    assert not loaded, loaded


def _visit(reader, page_path, interact):
    from .reader import visit
    return visit(reader.context, reader.base_url, page_path, run_axe=False, interact=interact)


# --- the check, proved on throwaway pages -----------------------------------------

def embed_page(*views) -> str:
    """A static page holding VIEWS as the book embeds them (state in the head, CDN manager)."""
    from ipywidgets.embed import dependency_state, embed_data
    data = embed_data(views=list(views), state=dependency_state(list(views)))
    state = json.dumps(data["manager_state"]).replace("</", "<\\/")
    body = "".join(
        '<div class="cell_output"><script type="application/vnd.jupyter.widget-view+json">'
        f"{json.dumps(v)}</script></div>" for v in data["view_specs"])
    return page(body, head=f'<script type="application/vnd.jupyter.widget-state+json">{state}</script>'
                           f'<script crossorigin="anonymous" src="{EMBED}"></script>')


def _switch(linked: bool, description: str = "View:", css_class: str | None = None):
    import ipywidgets as w
    toggle = w.ToggleButtons(options=["Service logic", "Assemblage", "Residue"], description=description)
    stack = w.Stack([w.HTML("<p>The sphere diagram.</p>"), w.HTML("<p>The assemblage map.</p>"),
                     w.HTML("<p>What each lens cannot hold.</p>")], selected_index=0)
    if linked:
        w.jslink((toggle, "index"), (stack, "selected_index"))
    box = w.VBox([w.HTML("<p>A case.</p>"), toggle, stack])
    if css_class:
        box.add_class(css_class)
    return box


def _exercise_page(throwaway_site, html):
    write, visit = throwaway_site
    write("w.html", html)
    switches = find_switches(html)
    r = visit("w.html", run_axe=False,
              interact=lambda pg: [x for s in switches for x in exercise(pg, s, timeout_ms=1_500)])
    return switches, r


def test_a_linked_switch_changes_the_view(throwaway_site, node_modules_ready):
    if not node_modules_ready:
        pytest.fail("run bash scripts/fetch-widget-manager.sh")
    switches, r = _exercise_page(throwaway_site, embed_page(_switch(linked=True)))
    assert [(s.kind, s.found_by, s.labels) for s in switches] == \
        [("lens switch", "label", ("Service logic", "Assemblage", "Residue"))]
    assert r.widget_problems == [] and r.interaction_problems == [] and r.console_errors == []


def test_the_widget_class_names_the_kind_of_switch():
    html = embed_page(_switch(linked=True, description="Step:", css_class="vcc-episode-stepper"),
                      _switch(linked=True, description="Other:"))
    assert [(s.kind, s.found_by, s.description) for s in find_switches(html)] == [
        ("episode stepper", "class", "Step:"), ("switch", "none", "Other:")]


def test_an_unlinked_switch_is_reported(throwaway_site, node_modules_ready):
    if not node_modules_ready:
        pytest.fail("run bash scripts/fetch-widget-manager.sh")
    html = embed_page(_switch(linked=False))
    # no link in the state: not a kernel-free switch at all
    assert find_switches(html) == []
    # a link to a stack the toggle does not show (a wrong target) is caught in the browser
    import ipywidgets as w
    box = _switch(linked=False)
    toggle = box.children[1]
    hidden = w.Stack([w.HTML("a"), w.HTML("b"), w.HTML("c")], selected_index=0,
                     layout=w.Layout(display="none"))
    w.jslink((toggle, "index"), (hidden, "selected_index"))
    switches, r = _exercise_page(throwaway_site, embed_page(box, hidden))
    assert len(switches) == 1
    assert "lens switch 'View:': choosing 'Assemblage' (key) did not change the view" in r.interaction_problems
    assert "lens switch 'View:': choosing 'Residue' (click) did not change the view" in r.interaction_problems


def test_the_package_widgets_switch_without_a_kernel(throwaway_site, node_modules_ready):
    """LensExplorer and EpisodeStepper on the worked example, as a static page would show them."""
    widgets = pytest.importorskip("vcc_helpers.widgets")
    cases = pytest.importorskip("vcc_helpers.cases")
    if not node_modules_ready:
        pytest.fail("run bash scripts/fetch-widget-manager.sh")
    case = cases.load("hospital-discharge")
    html = embed_page(widgets.LensExplorer(case), widgets.EpisodeStepper(case))
    switches, r = _exercise_page(throwaway_site, html)
    assert sorted(s.kind for s in switches) == ["episode stepper", "lens switch"]
    assert r.widget_problems == [] and r.console_errors == [], (r.widget_problems, r.console_errors)
    assert r.interaction_problems == [], "\n".join(r.interaction_problems)
    assert r.bad_alt == [], r.bad_alt


# --- the case builder: which note shows where ---------------------------------------

def _builder_with_an_offer(tmp_path, monkeypatch):
    from vcc_helpers.lenses.examples import tiny_case
    from vcc_helpers.widgets import CaseBuilder
    monkeypatch.setenv("VCC_WORK_DIR", str(tmp_path / "my-work"))
    first = CaseBuilder(tiny_case())
    assert first.add_episode("night", "The first night")
    b = CaseBuilder(tiny_case())               # offers the autosave back
    assert b.recovery is not None
    return b


def _visible(pg, text: str) -> bool:
    loc = pg.get_by_text(text, exact=False)
    return loc.count() > 0 and loc.first.is_visible()


@pytest.mark.parametrize("in_book", [True, False])
def test_the_builder_shows_the_static_note_only_in_the_book(throwaway_site, node_modules_ready,
                                                             tmp_path, monkeypatch, in_book):
    """Inside the book's article (a static page) the launch note shows and the live note and
    the recovery offer do not; elsewhere (a live kernel's output area) the other way round."""
    if not node_modules_ready:
        pytest.fail("run bash scripts/fetch-widget-manager.sh")
    html = embed_page(_builder_with_an_offer(tmp_path, monkeypatch))
    if in_book:
        html = html.replace('<div class="cell_output">', '<article class="bd-article">'
                            '<div class="cell_output">', 1).replace("</script></div>",
                                                                    "</script></div></article>", 1)
    seen = {}

    def look(pg):
        pg.get_by_text("Undo", exact=False).first.wait_for(timeout=15_000)
        seen["static"] = _visible(pg, "the buttons do nothing")
        seen["live"] = _visible(pg, "Case builder (live)")
        seen["offer"] = _visible(pg, "Recover your unsaved work")
        return []
    write, visit = throwaway_site
    write("b.html", html)
    r = visit("b.html", run_axe=False, interact=look)
    assert r.widget_problems == [] and r.console_errors == [], (r.widget_problems, r.console_errors)
    assert seen == {"static": in_book, "live": not in_book, "offer": not in_book}
