"""ipywidgets 7.7 (Colab) and 8: the view switchers work on both (vcc_helpers.widgets._compat).

The real ipywidgets 7.7.1 run is tests/routes/test_colab.py; here the 7.7 branch is forced
on ipywidgets 8 (Tab exists in both, with the same ``selected_index`` trait).
"""
from __future__ import annotations

import ipywidgets as widgets
import pytest

from vcc_helpers.widgets import _compat, _common

pytestmark = pytest.mark.unit


def test_stack_is_a_stack_on_ipywidgets_8():
    s = _compat.stack([widgets.HTML("a"), widgets.HTML("b")], selected_index=1)
    assert type(s) is widgets.Stack and s.selected_index == 1


def test_stack_falls_back_to_a_tab_without_its_bar(monkeypatch):
    monkeypatch.setattr(_compat, "HAS_STACK", False)
    a, b = widgets.HTML("a"), widgets.HTML("b")
    s = _compat.stack([a, b], selected_index=1, layout=widgets.Layout(width="100%"))
    assert isinstance(s, widgets.Tab) and not isinstance(s, widgets.Stack)
    assert s.selected_index == 1 and s.children == (a, b) and s.layout.width == "100%"
    assert _compat.STACK_CLASS in s._dom_classes
    assert f".{_compat.STACK_CLASS}>.p-TabBar" in _common.CSS  # the bar is hidden on 7.7's DOM
    toggle = widgets.ToggleButtons(options=("one", "two"))
    widgets.jslink((toggle, "index"), (s, "selected_index"))  # kernel-free switching still links


def test_explorers_use_the_compatible_stack(monkeypatch):
    from vcc_helpers import cases
    from vcc_helpers.widgets import explorer

    monkeypatch.setattr(_compat, "HAS_STACK", False)
    view = explorer.LensExplorer(cases.load("gp-appointment"))
    assert isinstance(view.stack, widgets.Tab) and len(view.stack.children) == len(explorer.VIEWS)
    view.show(2)
    assert view.stack.selected_index == 2
