"""The launch routes, run for real (marker ``routes``): Colab-like and hub-like Python
environments, JupyterLab with jupyterlab-myst in Chromium, the offline JupyterLite site.

They are slow (fresh environments, a browser), so they sit in their own layer:
``pytest -m routes``; ``make test`` runs them with the rest and prints their time.
"""
from __future__ import annotations

import time

import pytest

_times: dict[str, float] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    start = time.monotonic()
    yield
    if item.get_closest_marker("routes"):
        _times[item.nodeid] = time.monotonic() - start


def pytest_terminal_summary(terminalreporter):
    if _times:
        terminalreporter.write_sep("-", f"routes layer: {len(_times)} tests in {sum(_times.values()):.0f} s")
        for nodeid, seconds in sorted(_times.items(), key=lambda kv: -kv[1])[:8]:
            terminalreporter.write_line(f"{seconds:7.1f} s  {nodeid}")
