"""The figure chapters as a phone shows them (390 px wide): screenshots for a reader's eye,
and no page wider than the screen (a figure too wide scrolls in its own box)."""
from __future__ import annotations

import pytest

from .conftest import SCREENSHOTS
from .reader import visit

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
FIGURE_PAGES = [f"chapters/{name}.html" for name in (
    "02-service-logic", "04-thinking-with-assemblages", "05-from-service-logic-to-assemblage",
    "06-worked-example", "07-your-own-case")]

WIDTH_JS = "() => document.documentElement.scrollWidth"


@pytest.fixture(scope="module")
def phone(browser):
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=2, service_workers="block",
                              reduced_motion="reduce")
    yield ctx
    ctx.close()


@pytest.mark.parametrize("page", FIGURE_PAGES, ids=lambda p: p.split("/")[-1][:2])
def test_no_figure_page_is_wider_than_a_phone(phone, site_url, site, page):
    widths: list[int] = []

    def measure(p) -> list[str]:
        widths.append(p.evaluate(WIDTH_JS))
        return []

    shot = SCREENSHOTS / "phone-390" / page.split("/")[-1].replace(".html", ".png")
    report = visit(phone, site_url, page, screenshot=shot, run_axe=False, site_dir=site,
                   interact=measure)
    assert shot.is_file() and widths, report
    assert widths[0] <= PHONE["width"], f"{page} is {widths[0]} px wide on a 390 px phone"


# Every page of the TOC at 390 px: the page itself never scrolls sideways, and every box in
# the article that is wider than its content area either scrolls in its own box with a
# visible cue (the edge shadows of _static/vcc-pages.css) or is not cut at all.
BOXES_JS = """() => {
  const out = {page: document.documentElement.scrollWidth, scrollers: [], clipped: []};
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && el.className.toString().trim() ? '.' + el.className.toString().trim().split(/\\s+/).slice(0, 2).join('.') : '');
  for (const el of document.querySelectorAll('.bd-article *')) {
    if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth === 0) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'inline' || cs.display === 'contents') continue;
    if (/(auto|scroll)/.test(cs.overflowX)) {
      out.scrollers.push({box: name(el), width: el.clientWidth, content: el.scrollWidth,
                          cue: /gradient/.test(cs.backgroundImage) && /local/.test(cs.backgroundAttachment)});
    } else if (/(hidden|clip)/.test(cs.overflowX)) {
      out.clipped.push({box: name(el), width: el.clientWidth, content: el.scrollWidth});
    }
  }
  return out;
}"""


def phone_boxes(phone, site_url, site, page: str) -> dict:
    found: list[dict] = []

    def measure(p) -> list[str]:
        found.append(p.evaluate(BOXES_JS))
        return []

    # no screenshot: a full-page shot of the long API page at 2x takes over 30 s here
    visit(phone, site_url, page, run_axe=False, site_dir=site, interact=measure)
    assert found, f"{page}: not measured"
    return found[0]


def phone_problems(boxes: dict, page: str) -> list[str]:
    """What a phone reader would meet: a page that scrolls sideways, a box cut with no cue."""
    problems = []
    if boxes["page"] > PHONE["width"]:
        problems.append(f"{page} is {boxes['page']} px wide on a {PHONE['width']} px phone")
    problems += [f"{page}: {b['box']} scrolls ({b['content']} px in {b['width']} px) with no "
                 f"visible cue" for b in boxes["scrollers"] if not b["cue"]]
    problems += [f"{page}: {b['box']} cuts its content ({b['content']} px in {b['width']} px)"
                 for b in boxes["clipped"]]
    return problems


def test_no_toc_page_is_wider_than_a_phone_and_wide_boxes_scroll_with_a_cue(phone, site_url, site,
                                                                            toc_page):
    boxes = phone_boxes(phone, site_url, site, toc_page)
    problems = phone_problems(boxes, toc_page)
    assert not problems, "\n".join(problems)


def test_phone_problems_names_a_wide_page_and_a_box_without_cue():
    """The measure's reading can fail: a wide page and a cue-less scroller are both named."""
    boxes = {"page": 642, "clipped": [{"box": "div.x", "width": 300, "content": 500}],
             "scrollers": [{"box": "pre", "width": 300, "content": 900, "cue": False},
                           {"box": "div.ok", "width": 300, "content": 900, "cue": True}]}
    problems = phone_problems(boxes, "chapters/api.html")
    assert len(problems) == 3 and "642 px wide" in problems[0] and "pre scrolls" in problems[1]


# The actor-network sketch is drawn by the CLI and the explorer but shown on no chapter
# page: it is measured on a page of its own, laid out as the book's content column
# (672 px on a desktop; 16 px side padding on a phone), in the same Chromium.
FIGURE_PAGE = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><meta name='viewport'"
               " content='width=device-width, initial-scale=1'><title>{title}</title></head>"
               "<body style='margin:0'><main style='max-width:672px;margin:0 auto;"
               "padding:0 16px'><h1>{title}</h1>{figure}</main></body></html>")
FIGURE_JS = """() => { const img = document.querySelector('figure img');
  return [img.getBoundingClientRect().width, document.documentElement.scrollWidth]; }"""


@pytest.mark.parametrize("viewport,floor", [({"width": 1280, "height": 900}, 12),
                                            (PHONE, 10)], ids=["desktop-1280", "phone-390"])
def test_the_actor_network_figure_is_legible_as_a_reader_sees_it(browser, tmp_path, viewport,
                                                                 floor):
    import html

    import legibility as lg
    from vcc_helpers import cases, figures

    drawn = figures.draw(cases.load("hospital-discharge"), "actor-network")
    svg = drawn.svg()
    width, _, texts, _ = lg.parse(svg)
    page = tmp_path / "actor-network.html"
    page.write_text(FIGURE_PAGE.format(title=html.escape("Actor-network sketch"),
                                       figure=drawn.html()), encoding="utf-8")
    ctx = browser.new_context(viewport=viewport, device_scale_factor=2,
                              service_workers="block", reduced_motion="reduce")
    try:
        p = ctx.new_page()
        p.goto(page.as_uri())
        shown, page_width = p.evaluate(FIGURE_JS)
        name = f"{'phone' if viewport is PHONE else 'desktop'}-{viewport['width']}"
        shot = SCREENSHOTS / "actor-network" / f"{name}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        p.screenshot(path=str(shot), full_page=True)
    finally:
        ctx.close()
    smallest = min(t.size for t in texts if t.text.strip()) * shown / width
    assert smallest >= floor, f"{smallest:.1f} px text at {viewport['width']} px (< {floor})"
    assert page_width <= viewport["width"], f"the page is {page_width} px wide"
    rep = lg.check(svg)
    assert not rep.overlaps and not rep.truncated and not rep.clipped, rep.problems()


# A key in a reference table is read whole: inline code may break anywhere in prose (so a
# long path wraps on a phone), but in a table that lets the column shrink to one letter and
# the keys come apart ("summar|y").  Each key must sit on one line, at both widths.
KEY_LINES_JS = """() => [...document.querySelectorAll('.bd-article table td:first-child code')]
  .map(el => [el.textContent, el.getClientRects().length])"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}],
                         ids=["phone-390", "desktop-1280"])
def test_a_key_in_a_reference_table_is_never_broken(browser, site_url, site, viewport):
    ctx = browser.new_context(viewport=viewport, service_workers="block")
    try:
        p = ctx.new_page()
        p.goto(site_url + "chapters/case-file-reference.html")  # (the URL ends in /)
        keys = p.evaluate(KEY_LINES_JS)
    finally:
        ctx.close()
    assert len(keys) > 80, keys  # every table of the page: the case, its parts, the CSV files
    broken = [k for k, lines in keys if lines != 1]
    assert not broken, f"keys broken across lines at {viewport['width']} px: {broken}"
