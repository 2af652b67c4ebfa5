"""The widgets on the static pages, with no widget manager: chapters 5, 6 and 7 as read.

The book's HTML build shows each widget's ``text/html`` (vcc_helpers.widgets.static): every
view in order, a tab list the inline script reveals, a live region, Previous/Next on the
stepper, and an inert picture of the case builder. Here the built pages are loaded in
headless Chromium with every request to another host aborted, and again with JavaScript
off, and driven with the keyboard only:

- no page loads a widget manager or tries a third-party host;
- with the script, each tab shows its views (text and loaded images); without it, every
  view is on the page, in order, and no control shows;
- arrow keys, Home/End, Tab, Enter and Space step through the lens switch and the stepper,
  and the live region says what is shown;
- the focus ring and the selected tab are clearly marked; the views' text is the page's size;
- axe-core finds nothing serious or critical, and no landmark-unique or region problem.

A full-page screenshot of each chapter at 1280 and 390 px lands in
``_build/screenshots/static/`` (or ``$VCC_SCREENS``).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import SCREENSHOTS
from .reader import describe_axe, visit

pytestmark = pytest.mark.browser

CH05 = "chapters/05-from-service-logic-to-assemblage.html"
CH06 = "chapters/06-worked-example.html"
CH07 = "chapters/07-your-own-case.html"
PAGES = (CH05, CH06, CH07)
LOCAL = {"127.0.0.1", "localhost"}
LANDMARK_RULES = {"landmark-unique", "region"}
SHOTS = Path(os.environ.get("VCC_SCREENS") or SCREENSHOTS / "static")


def _context(browser, *, javascript: bool = True, width: int = 1280):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="light",
                              service_workers="block", reduced_motion="reduce",
                              java_script_enabled=javascript)
    ctx.blocked = []  # type: ignore[attr-defined]

    def route(r):
        if urlsplit(r.request.url).hostname in LOCAL or r.request.url.startswith("data:"):
            r.continue_()
        else:
            ctx.blocked.append(r.request.url)  # type: ignore[attr-defined]
            r.abort("blockedbyclient")

    ctx.route("**/*", route)
    return ctx


@pytest.fixture(scope="module")
def with_js(browser):
    ctx = _context(browser)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def without_js(browser):
    ctx = _context(browser, javascript=False)
    yield ctx
    ctx.close()


def _open(ctx, site_url, path):
    ctx.blocked.clear()
    page = ctx.new_page()
    page.goto(site_url + path, wait_until="load")
    return page


_IMAGES_LOADED = """root => [...root.querySelectorAll('img')].filter(
    i => !(i.complete && i.naturalWidth > 0)).map(i => (i.alt || i.src).slice(0, 60))"""


def _views(page):
    return page.locator(".vcc-views")


def _kind(views) -> str:
    return "stepper" if views.get_attribute("data-vcc-stepper") else "lens switch"


# --- no widget manager, nothing from another host -------------------------------------

@pytest.mark.parametrize("path", PAGES)
def test_no_widget_manager_and_no_third_party_request(with_js, site_url, site, path):
    html = (site / path).read_text(encoding="utf-8")
    assert "html-manager" not in html and "widget-state+json" not in html
    assert "widget-view+json" not in html
    page = _open(with_js, site_url, path)
    page.wait_for_load_state("networkidle", timeout=15_000)
    assert with_js.blocked == [], with_js.blocked
    page.close()


# --- every view shows: with the script (one tab at a time) and without it --------------

def test_every_view_shows_with_third_party_hosts_blocked(with_js, site_url):
    page = _open(with_js, site_url, CH06)
    kinds = []
    problems = []
    for k in range(_views(page).count()):
        views = _views(page).nth(k)
        kinds.append(_kind(views))
        tabs = views.get_by_role("tab")
        assert tabs.count() >= 2
        for t in range(tabs.count()):
            tab = tabs.nth(t)
            tab.click()
            for vid in tab.get_attribute("aria-controls").split():
                view = page.locator(f"#{vid}")
                if not view.is_visible() or not view.inner_text().strip():
                    problems.append(f"{tab.inner_text()}: view {vid} not shown")
                missing = view.evaluate(_IMAGES_LOADED)
                if missing:
                    problems.append(f"{tab.inner_text()}: images not loaded: {missing}")
            shown = views.locator(".vcc-view:visible").count()
            if shown != len(tab.get_attribute("aria-controls").split()):
                problems.append(f"{tab.inner_text()}: {shown} views visible")
    assert not problems, "\n".join(problems)
    assert sorted(kinds) == ["lens switch", "stepper"]
    page.close()


def _builder_shows(page) -> None:
    picture = page.locator(".vcc-builder-static")
    assert picture.count() == 1 and picture.is_visible()
    assert picture.locator("button, input, select, textarea, form, [role=button], [contenteditable]"
                           ).count() == 0, "the static picture holds a control"
    assert picture.evaluate(_IMAGES_LOADED) == []
    assert picture.locator("img").count() >= 2
    link = picture.get_by_role("link", name="Run this chapter to build your own case")
    assert link.is_visible()
    assert re.match(r"https?://|\.\./|[\w-]+\.html", link.get_attribute("href"))
    assert "Relations (" in picture.inner_text()


def _residue_shows(page) -> None:
    report = page.get_by_text("What the service map cannot express").first
    assert report.is_visible()


def test_the_builder_and_the_residue_show_with_third_party_hosts_blocked(with_js, site_url):
    page = _open(with_js, site_url, CH07)
    _builder_shows(page)
    page.close()
    page = _open(with_js, site_url, CH05)
    _residue_shows(page)
    page.close()


def test_with_javascript_off_every_view_is_on_the_page_in_order(without_js, site_url):
    from vcc_helpers.widgets import VIEWS

    page = _open(without_js, site_url, CH06)
    found = {}
    for k in range(_views(page).count()):
        views = _views(page).nth(k)
        names = views.locator(".vcc-view-name").all_inner_texts()
        all_views = views.locator(".vcc-view")
        assert all_views.count() == len(names)
        assert all(all_views.nth(i).is_visible() for i in range(all_views.count()))
        assert views.locator("button:visible, [role=tab]:visible").count() == 0, \
            "a control shows that only works with JavaScript"
        assert views.evaluate(_IMAGES_LOADED) == []
        found[_kind(views)] = names
    assert found["lens switch"] == [v for v in VIEWS if v != "Side by side"]
    steps = found["stepper"]
    assert len(steps) >= 2 and [s.split(".")[0] for s in steps] == [str(i + 1) for i in range(len(steps))]
    page.close()
    page = _open(without_js, site_url, CH07)
    _builder_shows(page)
    page.close()
    page = _open(without_js, site_url, CH05)
    _residue_shows(page)
    page.close()
    assert without_js.blocked == []


# --- keyboard only --------------------------------------------------------------------

_FOCUS_BEFORE = """tab => {
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
      .filter(e => e.tabIndex >= 0 && !e.disabled && e.offsetParent !== null);
  const i = all.indexOf(tab);
  if (i < 1) return false;
  all[i - 1].focus();
  return true;
}"""


def _tab_into(page, views):
    """Reach the selected tab with the Tab key, from the control just before it."""
    selected = views.locator("[role=tab][aria-selected=true]")
    assert selected.evaluate(_FOCUS_BEFORE)
    page.keyboard.press("Tab")
    assert selected.evaluate("e => e === document.activeElement"), \
        "Tab does not land on the selected tab (roving tabindex)"


def _live(views) -> str:
    return views.locator("[role=status]").inner_text().strip()


def _focused(page) -> str:
    return page.evaluate("() => document.activeElement.textContent.trim()")


def _shown(views) -> list[str]:
    return views.locator(".vcc-view:visible .vcc-view-name").all_inner_texts()


def test_keyboard_steps_through_the_lens_switch(with_js, site_url):
    page = _open(with_js, site_url, CH06)
    views = next(_views(page).nth(k) for k in range(_views(page).count())
                 if _kind(_views(page).nth(k)) == "lens switch")
    views.scroll_into_view_if_needed()
    _tab_into(page, views)
    assert _live(views) == "" and _shown(views) == ["Service logic"]
    page.keyboard.press("ArrowRight")
    assert _live(views) == "Showing Assemblage, view 2 of 4."
    assert _shown(views) == ["Assemblage"] and _focused(page).endswith("Assemblage")
    page.keyboard.press("ArrowRight")
    assert _live(views) == "Showing Side by side: Service logic and Assemblage, 3 of 4."
    assert _shown(views) == ["Service logic", "Assemblage"]
    page.keyboard.press("End")
    assert _live(views) == "Showing Residue, view 4 of 4." and _shown(views) == ["Residue"]
    page.keyboard.press("Home")
    assert _live(views) == "Showing Service logic, view 1 of 4."
    assert views.locator("[role=tab][aria-selected=true]").inner_text().endswith("Service logic")
    page.keyboard.press("Tab")   # into the shown view, which takes the focus
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "tabpanel"
    page.close()


def test_keyboard_steps_through_the_episode_stepper(with_js, site_url):
    page = _open(with_js, site_url, CH06)
    views = next(_views(page).nth(k) for k in range(_views(page).count())
                 if _kind(_views(page).nth(k)) == "stepper")
    names = views.locator(".vcc-view-name").all_inner_texts()
    n = len(names)
    label = [re.sub(r"^\d+\.\s+", "", x) for x in names]
    views.scroll_into_view_if_needed()
    _tab_into(page, views)
    page.keyboard.press("ArrowRight")
    assert _live(views) == f"Episode 2 of {n}: {label[1]}." and _shown(views) == [names[1]]
    page.keyboard.press("Tab")
    assert _focused(page) == "Previous episode"
    page.keyboard.press("Tab")
    assert _focused(page) == "Next episode"
    for i in range(2, n):
        page.keyboard.press("Enter" if i % 2 else "Space")
        assert _live(views) == f"Episode {i + 1} of {n}: {label[i]}."
        assert _shown(views) == [names[i]]
    page.keyboard.press("Enter")
    assert _live(views) == "This is the last episode." and _shown(views) == [names[-1]]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert _live(views) == f"Episode {n - 1} of {n}: {label[-2]}."
    # the Next button below the episode: the next one shows, from its top, focus above
    bottom = views.locator(".vcc-views-foot [data-vcc-step='1']")
    bottom.focus()
    page.keyboard.press("Enter")
    assert _live(views) == f"Episode {n} of {n}: {label[-1]}."
    assert views.locator(".vcc-views-head [data-vcc-step='1']").evaluate(
        "e => e === document.activeElement")
    top = views.evaluate("e => e.getBoundingClientRect().top")
    assert -2 <= top <= 200, f"the stepper's top is at {top} px after Next below it"
    page.close()


# --- focus, selected state, text size -------------------------------------------------

def _luminance(rgb) -> float:
    def ch(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (ch(x) for x in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(css: str) -> tuple[int, int, int]:
    return tuple(int(float(x)) for x in re.findall(r"[\d.]+", css)[:3])


_BEHIND = """e => { for (let n = e.parentElement; n; n = n.parentElement) {
  const c = getComputedStyle(n).backgroundColor;
  if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return c; }
  return 'rgb(255, 255, 255)'; }"""


def test_focus_is_visible_and_the_selected_tab_is_marked(with_js, site_url):
    page = _open(with_js, site_url, CH06)
    views = _views(page).first
    views.scroll_into_view_if_needed()
    _tab_into(page, views)
    tab = views.locator("[role=tab][aria-selected=true]")
    style = tab.evaluate("e => { const s = getComputedStyle(e); return {w: s.outlineWidth, "
                         "st: s.outlineStyle, c: s.outlineColor, fw: s.fontWeight, bg: s.backgroundColor,"
                         " mark: getComputedStyle(e, '::before').content}; }")
    behind = tab.evaluate(_BEHIND)
    assert float(style["w"].rstrip("px")) >= 3 and style["st"] == "solid", style
    assert _contrast(_rgb(style["c"]), _rgb(behind)) >= 3, (style, behind)
    other = views.locator("[role=tab][aria-selected=false]").first
    other_style = other.evaluate("e => ({fw: getComputedStyle(e).fontWeight,"
                                 " bg: getComputedStyle(e).backgroundColor,"
                                 " mark: getComputedStyle(e, '::before').content})")
    assert int(style["fw"]) >= 700 > int(other_style["fw"])
    assert _contrast(_rgb(style["bg"]), _rgb(other_style["bg"])) >= 3
    assert "\u2713" in style["mark"] and "\u2713" not in other_style["mark"]
    page.close()


def test_the_views_text_is_the_pages_size(with_js, site_url):
    page = _open(with_js, site_url, CH06)
    body = page.locator("article section > p").first
    ref = body.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e).lineHeight]")
    for sel in (".vcc-views-intro p", ".vcc-view:visible .vcc-view-name", "[role=status]"):
        got = _views(page).first.locator(sel).first.evaluate(
            "e => [getComputedStyle(e).fontSize, getComputedStyle(e).lineHeight]")
        assert got == ref, f"{sel}: {got} against the page's {ref}"
    page.close()


# --- axe-core, screenshots ----------------------------------------------------------------

@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violation_and_no_landmark_problem(with_js, site_url, site, path):
    report = visit(with_js, site_url, path, site_dir=site)
    assert not report.axe, describe_axe(report.axe)
    landmarks = [v for v in report.axe_other if v["id"] in LANDMARK_RULES]
    assert not landmarks, describe_axe(landmarks)
    assert not report.console_errors, report.console_errors


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_and_no_view_wider_than_the_page(browser, site_url, width):
    ctx = _context(browser, width=width)
    SHOTS.mkdir(parents=True, exist_ok=True)
    wide = []
    try:
        for path in PAGES:
            page = _open(ctx, site_url, path)
            page.screenshot(path=str(SHOTS / f"{Path(path).stem}-{width}.png"), full_page=True)
            for el in page.locator(".vcc-views, .vcc-builder-static").all():
                w = el.evaluate("e => [e.scrollWidth, e.clientWidth]")
                if w[0] > w[1] + 1:
                    wide.append(f"{path}: {w[0]} px of content in {w[1]} px")
            page.close()
    finally:
        ctx.close()
    assert not wide, wide
