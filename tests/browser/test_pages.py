"""Every page of the table of contents, as a reader's browser shows it.

Each TOC page is loaded once in headless Chromium (served from ``_build/html`` on
localhost, the CDN scripts answered from ``node_modules/``) and checked: no console error,
no failed request to the site, no serious or critical axe-core violation, meaningful alt
text on every image, widgets rendered from their embedded state, math typeset, no broken text (an empty citation, unparsed markup). A
full-page screenshot of each lands in ``_build/screenshots/``.

The checks themselves are proved to fail on broken pages in ``test_checkers.py``.
"""
from __future__ import annotations

import pytest

from .reader import CONFIG_FIXES, dark_contrast, describe_axe

pytestmark = pytest.mark.browser


def _with_hints(lines: list[str]) -> str:
    out = []
    for line in lines:
        out.append("  " + line)
        out += [f"    fix: {why}" for msg, why in CONFIG_FIXES.items() if msg in line]
    return "\n".join(out)


def test_no_console_error(reader, toc_page):
    errors = reader.report(toc_page).console_errors
    assert not errors, f"{toc_page} logs errors in the browser console:\n{_with_hints(errors)}"


def test_no_failed_request(reader, toc_page):
    failed = reader.report(toc_page).failed_requests
    assert not failed, (
        f"{toc_page}: requests that failed (the site's own files, or CDN files the test should "
        f"serve from node_modules):\n{_with_hints(failed)}")


def test_axe_finds_no_serious_or_critical_violation(reader, toc_page):
    violations = reader.report(toc_page).axe
    assert not violations, f"{toc_page}: axe-core violations:\n{describe_axe(violations)}"


def test_text_contrast_holds_in_dark_mode(dark_context, site_url, toc_page):
    violations = dark_contrast(dark_context, site_url, toc_page)
    assert not violations, f"{toc_page} in dark mode: axe-core violations:\n{describe_axe(violations)}"


def test_every_image_has_meaningful_alt_text(reader, toc_page):
    bad = reader.report(toc_page).bad_alt
    assert not bad, f"{toc_page}: images a screen-reader user cannot know:\n  " + "\n  ".join(bad)


def test_widgets_render_from_embedded_state(reader, toc_page, node_modules_ready):
    report = reader.report(toc_page)
    if report.widget_views and not node_modules_ready:
        pytest.fail("the widget manager is not fetched: run bash scripts/fetch-widget-manager.sh")
    problems = report.widget_problems
    assert not problems, (
        f"{toc_page}: widgets that a reader without a kernel does not see:\n  " + "\n  ".join(problems)
        + ("\nconsole:\n" + _with_hints(report.console_errors) if report.console_errors else ""))
    for view in report.widget_views:  # rendered, and takes room on the page
        assert view["height"] > 0 and view["width"] > 0, f"{toc_page}: widget view {view} has no size"


def test_math_is_typeset(reader, toc_page):
    problems = reader.report(toc_page).math_problems
    assert not problems, f"{toc_page}: " + "; ".join(problems)


def test_no_broken_text(reader, toc_page):
    problems = reader.report(toc_page).text_problems
    assert not problems, f"{toc_page}: text a reader would see broken:\n  " + "\n  ".join(problems)


def test_screenshot_saved(reader, toc_page):
    shot = reader.report(toc_page).screenshot
    assert shot, f"{toc_page}: no screenshot"
    with open(shot, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
