"""Shared fixtures: the strict build of the real book, run once per test session."""
from __future__ import annotations

import pytest

from bookbuild import ROOT, build


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
