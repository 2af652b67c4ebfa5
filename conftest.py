"""Root pytest configuration: doctests in the package count as unit tests, and the time
each test layer took (its tests' setup, call and teardown) is printed at the end."""
import pytest

LAYERS = ("unit", "fuzz", "notebooks", "build", "browser", "routes")
_layer_of: dict[str, str] = {}
_seconds: dict[str, float] = {}
_counts: dict[str, int] = {}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if type(item).__name__ == "DoctestItem":
            item.add_marker(pytest.mark.unit)
        names = {m.name for m in item.iter_markers()}
        _layer_of[item.nodeid] = next((x for x in LAYERS if x in names), "other")


def pytest_runtest_logreport(report):
    layer = _layer_of.get(report.nodeid, "other")
    _seconds[layer] = _seconds.get(layer, 0.0) + report.duration
    if report.when == "call" or (report.when == "setup" and report.skipped):
        _counts[layer] = _counts.get(layer, 0) + 1


def pytest_terminal_summary(terminalreporter):
    if not _seconds:
        return
    terminalreporter.write_sep("-", "time by test layer")
    for layer in (*LAYERS, "other"):
        if layer in _seconds:
            terminalreporter.write_line(
                f"{layer:>10}: {_counts.get(layer, 0):5d} tests {_seconds[layer]:8.1f} s")
