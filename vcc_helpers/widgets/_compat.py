"""ipywidgets 7.7 (Colab's) and 8 (everywhere else): one way to build what differs.

ipywidgets 8 has :class:`ipywidgets.Stack` (children shown one at a time, chosen by
``selected_index``); 7.7 has not. :func:`stack` builds a Stack where there is one, and
otherwise a :class:`ipywidgets.Tab` whose tab bar is hidden (class ``vcc-stack``, see
:data:`STACK_CSS`): the same ``selected_index`` trait, so the browser-side
:func:`ipywidgets.jslink` from a ToggleButtons works on both, with no kernel.
"""
from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
from ipywidgets.widgets import widget_description as _descr
from ipywidgets.widgets import widget_string as _strings

HAS_STACK = hasattr(widgets, "Stack")
STACK_CLASS = "vcc-stack"
# ipywidgets 7 renders a Tab as <div class="widget-tab"><div class="p-TabBar ...">...;
# the toggle buttons above it already choose the view.
STACK_CSS = (f".{STACK_CLASS}>.p-TabBar,.{STACK_CLASS}>.lm-TabBar,.{STACK_CLASS}>.widget-tab-bar"
             "{display:none!important}"
             f".{STACK_CLASS}>.p-TabPanel-stackedPanel,.{STACK_CLASS}>.widget-tab-contents"
             "{border:0!important;padding:0!important}")


def stack(children: Sequence[widgets.Widget], selected_index: int = 0, **kwargs) -> widgets.Box:
    """Children shown one at a time: an ipywidgets 8 Stack, or a tab-bar-less Tab on 7.7.

    Examples
    --------
    >>> s = stack([widgets.HTML("a"), widgets.HTML("b")], selected_index=1)
    >>> s.selected_index, len(s.children)
    (1, 2)
    """
    if HAS_STACK:
        return widgets.Stack(list(children), selected_index=selected_index, **kwargs)
    tab = widgets.Tab(list(children), **kwargs)
    tab.selected_index = selected_index
    tab.add_class(STACK_CLASS)
    return tab


# ipywidgets 8 gives Text and HTML their own style classes; 7.7 styles both with a
# DescriptionStyle (the description width, the one setting the builder uses on 7.7).
TextStyle = getattr(_strings, "TextStyle", _descr.DescriptionStyle)
HTMLStyle = getattr(_strings, "HTMLStyle", _descr.DescriptionStyle)
