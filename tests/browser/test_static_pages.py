"""What a reader of the static pages meets around exercises, the launch menu and hover
previews (vcc_helpers/sphinx_pages.py, _static/vcc-pages.*), with every third-party host
blocked."""
from __future__ import annotations

import pytest

from .reader import VIEWPORT

pytestmark = pytest.mark.browser

CHAPTER = "chapters/06-worked-example.html"


@pytest.fixture(scope="module")
def chapter(browser, site_url):
    ctx = browser.new_context(viewport=VIEWPORT, service_workers="block", reduced_motion="reduce")
    page = ctx.new_page()
    third_party: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(site_url) or url.startswith("data:"):
            return r.continue_()
        third_party.append(url)
        return r.abort()

    page.route("**/*", route)
    page.goto(site_url + CHAPTER, wait_until="load")
    page.wait_for_timeout(300)
    yield page, third_party
    ctx.close()


def test_exercises_give_no_verdict_and_link_the_launch_menus_routes(chapter):
    page, _ = chapter
    exercises = page.locator(".bd-article .exercise")
    assert exercises.count() >= 3
    text = " ".join(exercises.all_inner_texts())
    assert "Not yet" not in text and "your answer is empty" not in text
    menu = sorted(page.eval_on_selector_all(".dropdown-launch-buttons .dropdown-menu a",
                                            "els => els.map(a => a.href)"))
    assert menu, "the chapter has no launch menu"
    for note in page.locator(".bd-article .exercise .vcc-try").all():
        links = sorted(note.locator("a").evaluate_all("els => els.map(a => a.href)"))
        assert links == menu
        assert all(t.startswith("Run this chapter on ") for t in note.locator("a").all_inner_texts())
    assert page.locator(".bd-article .exercise .vcc-try").count() == 3


def test_the_launch_menu_has_a_visible_label(chapter):
    page, _ = chapter
    toggle = page.locator(".dropdown-launch-buttons > .dropdown-toggle")
    assert toggle.get_attribute("aria-label") == "Run this chapter"
    shown = toggle.evaluate("b => getComputedStyle(b, '::after').content")
    assert shown == '"Run this chapter"', shown


def test_a_self_check_answers_on_the_page_by_keyboard(chapter):
    page, _ = chapter
    form = page.locator(".vcc-self-check").first
    status = form.locator("[role=status]")
    form.locator("button").focus()
    page.keyboard.press("Enter")
    assert "Choose one" in status.inner_text()
    key = form.get_attribute("data-key")
    wrong = form.locator(f"input[type=radio]:not([value={key}])").first
    wrong.focus()
    page.keyboard.press("Space")
    form.locator("button").focus()
    page.keyboard.press("Enter")
    assert status.inner_text().startswith("Not this one")
    form.locator(f"input[value={key}]").check()
    form.locator("button").click()
    assert status.inner_text().startswith("Right.")


def test_glossary_terms_and_citations_preview_on_hover_offline(chapter):
    page, third_party = chapter
    scripts = page.eval_on_selector_all("script[src*=tippy]", "els => els.map(s => s.src)")
    assert scripts and all(s.startswith(page.url.split("/chapters/")[0]) for s in scripts), scripts
    term = page.locator(".bd-article a[href*='glossary.html#term-']").first
    term.scroll_into_view_if_needed()
    term.hover()
    box = page.locator(".tippy-box").last
    box.wait_for(state="visible", timeout=3000)
    assert len(box.inner_text()) > 20
    page.mouse.move(0, 0)
    cite = page.locator(".bd-article .bibtex-citation a").first
    cite.scroll_into_view_if_needed()
    cite.hover()
    page.wait_for_timeout(400)
    texts = page.locator(".tippy-box").all_inner_texts()
    assert any("20" in t and len(t) > 30 for t in texts), texts
    assert not [u for u in third_party if "tippy" in u or "popper" in u or "unpkg" in u]
