"""Print the fuzz figures at the end of any pytest run that ran the fuzz tests."""
from __future__ import annotations


def pytest_terminal_summary(terminalreporter):
    from . import stages
    from .test_fuzz import SEEN_KNOWN, memory_line

    if not stages.STATS.tried:
        return
    terminalreporter.section("fuzz")
    terminalreporter.write_line(stages.STATS.report())
    if SEEN_KNOWN:
        terminalreporter.write_line("known failures (owned by another module, see tests/fuzz/known.py):")
        for sig, n in SEEN_KNOWN.items():
            terminalreporter.write_line(f"  {n:5d} x {sig}")
    terminalreporter.write_line(memory_line())
