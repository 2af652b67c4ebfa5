"""Printing a chapter (or saving it as PDF): solutions left out, the accessible text
descriptions printed open, code kept with its output, no controls that do nothing on
paper (_static/vcc-pages.css, its ``@media print`` part).

Two checks: the computed print styles of chapter 6, and chapter 6 printed to PDF by
headless Chromium (``page.pdf``), read back as text with pypdf."""
from __future__ import annotations

import io
import re

import pytest

from .reader import VIEWPORT

pytestmark = pytest.mark.browser

CHAPTER = "chapters/06-worked-example.html"

STYLES_JS = """() => {
  const shown = el => !!el && el.checkVisibility() && el.getClientRects().length > 0;
  const solutions = [...document.querySelectorAll('.bd-article .solution')];
  const descriptions = [...document.querySelectorAll('.bd-article details')]
    .filter(d => /Text description/.test(d.querySelector('summary')?.textContent || ''));
  const inside = descriptions.map(d => [...d.children].find(c => c.tagName !== 'SUMMARY'));
  const controls = [...document.querySelectorAll('.bd-article button, .bd-article .toggle-button, .dropdown-launch-buttons')];
  const cells = [...document.querySelectorAll('.bd-article .cell .cell_input')];
  return {
    solutions: solutions.length, solutions_shown: solutions.filter(shown).length,
    descriptions: descriptions.length, descriptions_shown: inside.filter(shown).length,
    controls_shown: controls.filter(shown).map(c => c.outerHTML.slice(0, 80)),
    inputs: cells.length,
    inputs_apart: cells.filter(c => getComputedStyle(c).breakAfter !== 'avoid').length,
  };
}"""

TEXTS_JS = """() => {
  const body = el => [...el.children].filter(c => !c.matches('.admonition-title, summary, button'))
    .map(c => c.textContent).join(' ').replace(/\\s+/g, ' ').trim();
  const article = document.querySelector('.bd-article').cloneNode(true);
  article.querySelectorAll('.solution').forEach(s => s.remove());
  const rest = article.textContent.replace(/\\s+/g, ' ');
  const solutions = [...document.querySelectorAll('.bd-article .solution')].map(body)
    .map(t => t.split(/(?<=[.:])\\s/)).flat().map(t => t.trim())
    .filter(t => t.length > 30).map(t => t.slice(0, 60)).filter(t => !rest.includes(t));
  const descriptions = [...document.querySelectorAll('.bd-article details')]
    .filter(d => /Text description/.test(d.querySelector('summary')?.textContent || ''))
    .map(d => [...d.querySelectorAll('p, li')].map(e => e.textContent.replace(/\\s+/g, ' ').trim())
      .find(t => t.length > 30) || '').map(t => t.slice(0, 50));
  return {solutions, descriptions};
}"""


@pytest.fixture(scope="module")
def printed(browser, site_url):
    ctx = browser.new_context(viewport=VIEWPORT, service_workers="block", reduced_motion="reduce")
    page = ctx.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site_url)
               or r.request.url.startswith("data:") else r.abort())
    page.goto(site_url + CHAPTER, wait_until="load")
    page.wait_for_timeout(500)  # sphinx-togglebutton adds its "Click to show" buttons on load
    texts = page.evaluate(TEXTS_JS)
    page.emulate_media(media="print")
    styles = page.evaluate(STYLES_JS)
    pdf = page.pdf(format="A4", print_background=False)
    ctx.close()
    return styles, texts, pdf


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return flat(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


def test_print_styles_hide_solutions_and_controls_and_open_descriptions(printed):
    styles, _, _ = printed
    assert styles["solutions"] >= 3 and styles["solutions_shown"] == 0, styles
    assert styles["descriptions"] >= 1 and styles["descriptions_shown"] == styles["descriptions"], styles
    assert not styles["controls_shown"], styles["controls_shown"]
    assert styles["inputs"] >= 10 and styles["inputs_apart"] == 0, styles


def test_chapter_6_printed_to_pdf_has_no_solution_and_every_description(printed):
    _, texts, pdf = printed
    assert pdf[:5] == b"%PDF-"
    text = pdf_text(pdf)
    assert "6.4 The assemblage, episode by episode" in text  # the reading is readable
    assert "Click to hide" not in text and "Click to show" not in text
    assert texts["solutions"], "found no text unique to the solutions"
    leaked = [s for s in texts["solutions"] if flat(s) in text]
    assert not leaked, f"solution text printed: {leaked[:3]}"
    assert texts["descriptions"]
    missing = [d for d in texts["descriptions"] if flat(d) not in text]
    assert not missing, f"text descriptions not printed: {missing}"
