"""Shared fixtures: the strict build of the real book, run once per test session, and one
headless Chromium for every layer that drives a browser (the browser and routes layers:
Playwright's sync API cannot be started twice in one process)."""
from __future__ import annotations

import os
import tempfile

import pytest

from pathlib import Path

from bookbuild import ROOT, build

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # reported by the fixture, so `pytest -m unit` still runs without it
    sync_playwright = None

# A reader's work folder defaults to my-work/ beside the notebook, or the current folder:
# for a test run that is the repository, where builder tests left autosaves behind. Tests
# that mean a folder of their own set VCC_WORK_DIR themselves (monkeypatch wins).
os.environ.setdefault("VCC_WORK_DIR", tempfile.mkdtemp(prefix="vcc-test-work-"))


@pytest.fixture(scope="session")
def built_book():
    """Build the book strictly (as `make book` does) and return the finished process.

    The jupyter cache makes this quick when `make book` ran before; every chapter
    is executed when it did not.
    """
    proc = build(ROOT)
    if proc.returncode != 0:
        pytest.fail("the strict book build failed:\n" + proc.stdout[-6000:] + proc.stderr[-6000:])
    return proc


DEFAULT_TIMEOUT_MS = 120_000


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright; one per session."""
    from browser.reader import CHROMIUM, launch

    if sync_playwright is None:
        pytest.fail("playwright is not installed: pip install -r requirements-test.txt")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run bash scripts/install-test-system-deps.sh")
    with sync_playwright() as p:
        b = launch(p)
        new_context = b.new_context

        def patient_context(**kwargs):
            # Playwright's 30 s default (navigation, screenshots, waits with no timeout of their
            # own) ran out on a loaded 2-core CI machine: a full-page screenshot of the API page.
            # Waits that a test means to run out pass their own timeout and are unaffected.
            context = new_context(**kwargs)
            context.set_default_timeout(DEFAULT_TIMEOUT_MS)
            return context

        b.new_context = patient_context  # type: ignore[method-assign]
        yield b
        b.close()
