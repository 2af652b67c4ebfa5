"""The class report (:func:`vcc_helpers.compare.class_report`) read in headless Chromium:
the page built from the shipped made-up class folder, plus a file whose labels hold markup,
loads with no console error, shows its agreement figures and the refused files as text,
runs nothing from a label, and has no serious or critical axe-core violation."""
from __future__ import annotations

import dataclasses
import shutil
from importlib.resources import files
from pathlib import Path

import pytest

from vcc_helpers.casefile import dumps_case, read_case
from vcc_helpers.compare import class_report

from .reader import Axe, FAIL_IMPACTS, new_context

pytestmark = pytest.mark.browser

SAMPLE = Path(str(files("vcc_helpers") / "cases" / "sample-class"))
PWN = "window.__vcc_pwned"
HOSTILE = f'</script><img src=x onerror="{PWN}=1"> {{0}} <b>bold</b>'


@pytest.fixture
def report_page(tmp_path):
    folder = tmp_path / "class"
    shutil.copytree(SAMPLE, folder)
    case = read_case(folder / "file-06.yaml")
    first = dataclasses.replace(case.components[0], label=HOSTILE)
    bad = dataclasses.replace(case, components=(first, *case.components[1:]))
    (folder / "file-11.yaml").write_text(dumps_case(bad), encoding="utf-8")
    page = tmp_path / "report.html"
    page.write_text(class_report(folder).to_html(), encoding="utf-8")
    return page


def test_class_report_reads_in_the_browser(browser, report_page):
    context = new_context(browser)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
        page.goto(report_page.as_uri())
        text = page.inner_text("main")
        assert errors == []
        assert page.evaluate(f"typeof {PWN}") == "undefined"
        assert page.locator("main img, main b").count() == 0       # nothing from a label
        assert HOSTILE in page.text_content("main")                # ... which shows as text
        assert "11 files: 9 read, 2 refused" in text
        assert "file-09.yaml" in text and "unknown component 'parcel'" in text
        assert "Proportion agreement: sphere" in text             # the figures per case
        assert "%" in text and "&lt;" not in text and "<td" not in text  # no raw markup
        assert page.title() == "Class report"
        if Axe is not None:
            results = Axe().run(page)
            serious = [v["id"] for v in results.response["violations"]
                       if v.get("impact") in FAIL_IMPACTS]
            assert serious == []
    finally:
        context.close()
