"""Root pytest configuration: doctests in the package count as unit tests."""
import pytest


def pytest_collection_modifyitems(config, items):
    for item in items:
        if type(item).__name__ == "DoctestItem":
            item.add_marker(pytest.mark.unit)
