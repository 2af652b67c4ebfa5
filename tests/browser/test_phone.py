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
