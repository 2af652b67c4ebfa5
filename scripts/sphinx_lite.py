"""Sphinx extension loaded by ``make book LITE=1`` (after jupyterlite_sphinx).

- Tags the build ``jupyterlite``, so a page can say what this edition offers:
  ``{only} jupyterlite`` / ``{only} not jupyterlite`` (see ``chapters/run-in-browser.md``).
- Removes the web-font stylesheet that jupyterlite-sphinx 0.23 registers on *every* page
  (``https://fonts.googleapis.com/css?family=Vibur``, a decorative font for its own
  ``{jupyterlite}`` buttons, which this book does not use). It would make each reader's
  browser contact Google on every page, and a self-contained build would no longer read
  without third-party requests; ``tests/browser/test_offline.py`` fails if one comes back.
"""
from __future__ import annotations

from urllib.parse import urlsplit

TAG = "jupyterlite"
FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com")


def is_remote_font(filename: str) -> bool:
    """Whether a registered stylesheet is a web font served by a third-party font host.

    Examples
    --------
    >>> is_remote_font("https://fonts.googleapis.com/css?family=Vibur")
    True
    >>> is_remote_font("jupyterlite_sphinx.css"), is_remote_font("https://example.org/a.css")
    (False, False)
    """
    return "://" in filename and (urlsplit(filename).hostname or "") in FONT_HOSTS


def _drop_remote_fonts(app, config) -> None:
    app.registry.css_files[:] = [(f, attrs) for f, attrs in app.registry.css_files
                                 if not is_remote_font(f)]


def setup(app):
    app.tags.add(TAG)
    app.connect("config-inited", _drop_remote_fonts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
