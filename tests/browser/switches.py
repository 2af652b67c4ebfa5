"""Kernel-free switches on a static page: find them in the embedded widget state, then
click (and key) through them in the browser and check that the visible view changes.

A *switch* is what :class:`vcc_helpers.widgets.LensExplorer` (the lens switch) and
:class:`vcc_helpers.widgets.EpisodeStepper` (the episode stepper) are built from: a
selection control (ToggleButtons) whose ``index`` is ``jslink``-ed to a Stack's
``selected_index``, so the browser switches views with no kernel. They are found from
the page's ``application/vnd.jupyter.widget-state+json`` (the Link model), not from
prose, and told apart by the CSS class on the widget's box (``vcc-lens-explorer``,
``vcc-episode-stepper``) or, until the widgets carry those classes, by the control's
label (``View:``, ``Episode:``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

_STATE = re.compile(r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', re.S)
_SELECTORS = ("ToggleButtonsModel",)  # the controls whose DOM we know how to click
KIND_CLASSES = {"vcc-lens-explorer": "lens switch", "vcc-episode-stepper": "episode stepper"}
KIND_LABELS = {"View:": "lens switch", "Episode:": "episode stepper"}


@dataclass(frozen=True)
class Switch:
    """One control linked to a stack of views, as the embedded state describes it."""

    kind: str                # "lens switch", "episode stepper" or "switch"
    found_by: str            # "class" or "label" (how the kind was told)
    description: str         # the control's visible label
    labels: tuple[str, ...]  # the text of each button, in order
    index: int               # the initially selected view


def _ref(value) -> str | None:
    if isinstance(value, str) and value.startswith("IPY_MODEL_"):
        return value[len("IPY_MODEL_"):]
    return None


def find_switches(html: str) -> list[Switch]:
    """The kernel-free switches a built page carries, in the order of its widget state.

    Examples
    --------
    >>> find_switches("<p>no widgets</p>")
    []
    """
    m = _STATE.search(html)
    if not m:
        return []
    models = json.loads(m.group(1)).get("state", {})
    parent_classes: dict[str, list[str]] = {}
    for model in models.values():
        st = model.get("state", {})
        for child in st.get("children", []) or []:
            cid = _ref(child)
            if cid:
                parent_classes.setdefault(cid, []).extend(st.get("_dom_classes", []) or [])
    out = []
    for model in models.values():
        if model.get("model_name") not in ("LinkModel", "DirectionalLinkModel"):
            continue
        st = model.get("state", {})
        ends = [st.get("source") or [None, None], st.get("target") or [None, None]]
        by_attr = {attr: _ref(ref) for ref, attr in ends}
        control_id, stack_id = by_attr.get("index"), by_attr.get("selected_index")
        control, stack = models.get(control_id), models.get(stack_id)
        if not control or not stack or stack.get("model_name") != "StackModel" \
                or control.get("model_name") not in _SELECTORS:
            continue
        cst = control["state"]
        classes = (cst.get("_dom_classes") or []) + parent_classes.get(control_id, [])
        kind, found_by = "switch", "none"
        for cls, name in KIND_CLASSES.items():
            if cls in classes:
                kind, found_by = name, "class"
        if found_by == "none" and cst.get("description") in KIND_LABELS:
            kind, found_by = KIND_LABELS[cst["description"]], "label"
        out.append(Switch(kind, found_by, cst.get("description", ""),
                          tuple(cst.get("_options_labels", ())), cst.get("index") or 0))
    return out


# --- in the browser ----------------------------------------------------------------

_LOCATE_JS = """([description, labels]) => {
  const boxes = [...document.querySelectorAll('.widget-toggle-buttons')];
  return boxes.findIndex(b => {
    const label = b.querySelector('.widget-label');
    const texts = [...b.querySelectorAll('button')].map(x => x.textContent.trim());
    return (label ? label.textContent.trim() : '') === description
        && JSON.stringify(texts) === JSON.stringify(labels);
  });
}"""

# what the reader sees of the views: the text and the images of the toggle's widget box,
# the toggle itself left out (its buttons read the same whichever is chosen)
_VIEW_JS = """(toggle) => {
  const box = toggle.parentElement;
  const parts = [];
  for (const el of box.children) {
    if (el === toggle) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    parts.push(el.innerText.trim());
    for (const img of el.querySelectorAll('img')) {
      const ir = img.getBoundingClientRect();
      if (ir.width > 0 && ir.height > 0) parts.push('img:' + (img.alt || '') + ':' + img.src.length + ':' + img.src.slice(-40));
    }
  }
  return parts.join('\\n');
}"""


def exercise(page, switch: Switch, *, timeout_ms: int = 3_000) -> list[str]:
    """Click every button of SWITCH on PAGE (and press Enter on one), with no kernel.

    Returns the problems found: the control missing from the page, a view that does
    not change when another button is chosen, a button that does not show as chosen,
    a view that two buttons share, or a view that is empty.
    """
    where = page.evaluate(_LOCATE_JS, [switch.description, list(switch.labels)])
    if where < 0:
        return [f"{switch.kind} {switch.description!r}: its buttons {switch.labels} are not on the page"]
    toggle = page.locator(".widget-toggle-buttons").nth(where)
    buttons = toggle.locator("button")
    name = f"{switch.kind} {switch.description!r}"
    problems: list[str] = []

    def view() -> str:
        return toggle.evaluate(_VIEW_JS)

    def choose(i: int, before: str, how: str) -> str:
        button = buttons.nth(i)
        if how == "key":
            button.focus()
            page.keyboard.press("Enter")
        else:
            button.click()
        try:
            page.wait_for_function(
                "([t, before]) => { const v = (" + _VIEW_JS + ")(t); return v !== before; }",
                arg=[toggle.element_handle(), before], timeout=timeout_ms)
        except Exception:
            problems.append(f"{name}: choosing {switch.labels[i]!r} ({how}) did not change the view")
        if "mod-active" not in (button.get_attribute("class") or ""):
            problems.append(f"{name}: {switch.labels[i]!r} does not show as chosen after the {how}")
        return view()

    seen = {switch.index: view()}
    if not seen[switch.index].strip():
        problems.append(f"{name}: the first view is empty")
    current = seen[switch.index]
    order = [i for i in range(len(switch.labels)) if i != switch.index]
    for n, i in enumerate(order):
        current = choose(i, current, "key" if n == 0 else "click")
        if not current.strip():
            problems.append(f"{name}: the view for {switch.labels[i]!r} is empty")
        for j, other in seen.items():
            if other == current:
                problems.append(f"{name}: {switch.labels[i]!r} shows the same view as {switch.labels[j]!r}")
        seen[i] = current
    if order:  # and back to where the reader started
        back = choose(switch.index, current, "click")
        if back != seen[switch.index]:
            problems.append(f"{name}: going back to {switch.labels[switch.index]!r} does not restore its view")
    return problems
