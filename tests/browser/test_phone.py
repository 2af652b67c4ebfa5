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
