"""The widgets on the static page: pre-rendered views as plain HTML, CSS and a little script.

In a live kernel :class:`~vcc_helpers.widgets.LensExplorer`,
:class:`~vcc_helpers.widgets.EpisodeStepper` and
:class:`~vcc_helpers.widgets.CaseBuilder` are ipywidgets.  Each also carries a
``text/html`` representation (:class:`StaticRepr`), which the book's HTML build
prefers (``nb_mime_priority_overrides`` in ``_config.yml``), so a page needs no
widget manager, no CDN and no kernel:

* :func:`views_html` lays out pre-rendered views one after another, each under its
  own name.  With JavaScript off a reader gets all of them, in order.  With
  JavaScript on, about 2 KB of inline script (:data:`VIEWS_JS`) turns the names into
  a tab list (``role="tablist"``, ``aria-selected``, arrow keys, Home and End),
  shows one view at a time (*Side by side* shows two) and says what changed in a
  live region (``role="status"``); a stepper also gets *Previous* and *Next*
  buttons above and below the view.
* :func:`builder_html` is a picture of the case builder filled in with a case:
  plain text, tables and the lens figures, no control at all, and a labelled link
  *Run this chapter to build your own case*.  The book's Sphinx extension points
  that link at the launch routes the build has (:data:`LAUNCH_START` ...
  :data:`LAUNCH_END`).

Every string from a case is escaped (:func:`vcc_helpers.widgets._common.esc`);
the pre-rendered figures are the widgets' own, already escaped HTML.

Examples
--------
>>> html = views_html("<p>A case.</p>", [("One", "<p>first</p>"), ("Two", "<p>second</p>")],
...                   label="View:", uid="demo")
>>> html.count('role="tab"'), html.count('class="vcc-view"')
(2, 2)
>>> "<p>first</p>" in html and html.index("first") < html.index("second")
True
"""
from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence

from vcc_helpers.widgets._common import CSS, esc

__all__ = ["StaticRepr", "views_html", "builder_html", "VIEWS_CSS", "VIEWS_JS",
           "LAUNCH_START", "LAUNCH_END", "LAUNCH_LABEL"]

LAUNCH_START = "<!--vcc-launch-->"
LAUNCH_END = "<!--/vcc-launch-->"
LAUNCH_LABEL = "Run this chapter to build your own case"
"""The text of the link from the builder's picture to a live kernel."""

VIEWS_CSS = (
    "<style>"
    ".vcc-views{font-size:inherit;line-height:inherit;margin:.5em 0 1em}"
    ".vcc-views-bar{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;margin:.5em 0}"
    ".vcc-views-bar[hidden],.vcc-view[hidden]{display:none!important}"
    ".vcc-views-label{font-weight:700}"
    ".vcc-views [role=tablist],.vcc-views-steps{display:flex;flex-wrap:wrap;gap:.4em}"
    ".vcc-views button{font:inherit;line-height:1.4;min-height:2.75em;padding:.3em .9em;"
    "border:2px solid #0b4f8a;border-radius:4px;background:#fff;color:#0b4f8a;cursor:pointer}"
    ".vcc-views button:hover{background:#e6f0fa}"
    # selected: filled, bold and ticked, so colour is not the only cue
    ".vcc-views button[aria-selected=true]{background:#0b4f8a;color:#fff;font-weight:700}"
    '.vcc-views button[aria-selected=true]::before{content:"\\2713\\00a0"/""}'
    ".vcc-views button[aria-disabled=true]{border-style:dashed;color:#4a4a4a;cursor:default;"
    "background:#f4f4f4}"
    # focus: 3 px near-black ring off the button, 16:1 on the white page, 11:1 on dark
    # mode's light output box
    ".vcc-views button:focus-visible,.vcc-view:focus-visible{outline:3px solid #1a1a1a;"
    "outline-offset:2px}"
    ".vcc-views-status{margin:.3em 0;font-style:italic}"
    ".vcc-views-status:empty{display:none}"
    ".vcc-view-name{font-weight:700;margin:.75em 0 .3em}"
    ".vcc-views.vcc-pair .vcc-views-panels{display:flex;flex-wrap:wrap;gap:0 1.5em}"
    ".vcc-views.vcc-pair .vcc-view{flex:1 1 560px;min-width:0;max-width:100%}"
    # on paper every view prints, one after another under its name, and no control does
    "@media print{.vcc-views .vcc-view[hidden]{display:block!important}"
    ".vcc-views .vcc-views-bar,.vcc-views .vcc-views-status{display:none!important}}"
    "</style>"
)
"""The views' own style: the page's text size and line spacing, a clear selected
state and focus ring."""

VIEWS_JS = r"""<script>(function(r){
if(!r||r.getAttribute("data-vcc-ready"))return;
r.setAttribute("data-vcc-ready","1");
var q=function(s){return [].slice.call(r.querySelectorAll(s));};
var tabs=q("[role=tab]"),views=q(".vcc-view"),steps=q("[data-vcc-step]");
var live=r.querySelector(".vcc-views-status"),last=tabs.length-1,cur=0;
function show(i,say){
 i=Math.max(0,Math.min(last,i));cur=i;
 var want=tabs[i].getAttribute("data-vcc-views").split(" ").map(Number);
 tabs.forEach(function(t,k){t.setAttribute("aria-selected",k===i?"true":"false");
  t.tabIndex=k===i?0:-1;});
 views.forEach(function(v,k){v.hidden=want.indexOf(k)<0;});
 r.classList.toggle("vcc-pair",want.length>1);
 steps.forEach(function(b){var d=+b.getAttribute("data-vcc-step");
  b.setAttribute("aria-disabled",(d<0?i===0:i===last)?"true":"false");});
 if(say)live.textContent=tabs[i].getAttribute("data-vcc-say");}
var keys={ArrowRight:1,ArrowDown:1,ArrowLeft:-1,ArrowUp:-1};
tabs.forEach(function(t,k){
 t.addEventListener("click",function(){show(k,true);});
 t.addEventListener("keydown",function(e){
  var n=e.key==="Home"?0:e.key==="End"?last:keys[e.key]?cur+keys[e.key]:null;
  if(n===null)return;e.preventDefault();show(n,true);tabs[cur].focus();});});
steps.forEach(function(b){b.addEventListener("click",function(){
 var d=+b.getAttribute("data-vcc-step");
 if((d<0&&cur===0)||(d>0&&cur===last)){live.textContent=b.getAttribute("data-vcc-end");return;}
 show(cur+d,true);
 if(b.closest(".vcc-views-foot")){
  r.querySelector(".vcc-views-head [data-vcc-step='"+d+"']").focus({preventScroll:true});
  r.scrollIntoView({block:"start"});}});});
views.forEach(function(v){v.setAttribute("role","tabpanel");v.tabIndex=0;
 v.setAttribute("aria-labelledby",v.getAttribute("data-vcc-tab"));});
q(".vcc-views-bar").forEach(function(b){b.hidden=false;});
r.classList.add("vcc-js");show(0,false);
})(document.currentScript&&document.currentScript.closest(".vcc-views"));</script>"""
"""The views' behaviour, inline (no file in ``_static``, which every page would load)."""

_SERIAL = itertools.count(1)
_NUMBERED = re.compile(r"^\d+\.\s+")  # "2. At home": the announcement says the number itself


def _uid(kind: str, parts: Sequence[str]) -> str:
    """An id for one output: from its content, so rebuilding the book changes nothing
    that did not change, and numbered, so two equal views on a page stay apart."""
    digest = hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()[:8]
    return f"vcc-{kind}-{digest}-{next(_SERIAL)}"


def _button(text: str, step: int, end: str) -> str:
    return (f'<button type="button" data-vcc-step="{step}" data-vcc-end="{esc(end)}">'
            f"{esc(text)}</button>")


def views_html(intro_html: str, views: Sequence[tuple[str, str]], *, label: str,
               uid: str | None = None, extra_tabs: Sequence[tuple[str, Sequence[int]]] = (),
               tab_order: Sequence[int | str] | None = None, stepper: bool = False,
               noun: str = "view") -> str:
    """Pre-rendered views as HTML that reads in order without script and switches with it.

    Parameters
    ----------
    intro_html : str
        Escaped HTML above the views (a title and what to do).
    views : sequence of (str, str)
        Each view's name (text) and content (escaped HTML), in reading order.
    label : str
        The visible label of the tab list (``"View:"``, ``"Episode:"``).
    uid : str, optional
        The id prefix of the elements (default: from the content).
    extra_tabs : sequence of (str, sequence of int)
        Tabs that show several views at once (``("Side by side", (0, 1))``).
    tab_order : sequence of int or str, optional
        The tabs in order: an int is a view, a str names an extra tab (default: the
        views, then the extra tabs).
    stepper : bool
        Add *Previous* and *Next* buttons above and below the views.
    noun : str
        What a view is called in the announcements (``"view"``, ``"episode"``).

    Returns
    -------
    str
        One ``<div class="vcc-views">`` holding its style, the (hidden until the
        script runs) tab bar, an empty live region, the views and the script.
    """
    if not views:
        raise ValueError("views_html needs at least one view")
    names = [name for name, _ in views]
    uid = uid or _uid("views", [intro_html, *names, *(body for _, body in views)])
    extra = {name: tuple(which) for name, which in extra_tabs}
    order = list(tab_order) if tab_order is not None else [*range(len(views)), *extra]
    n = len(order)
    tabs = []
    for k, item in enumerate(order):
        if isinstance(item, str):
            shown = extra[item]
            both = " and ".join(names[i] for i in shown)
            say = f"Showing {item}: {both}, {k + 1} of {n}."
            data = f' data-vcc-views="{" ".join(str(i) for i in shown)}"'
            text = item
        else:
            text = names[item]
            say = (f"{noun.capitalize()} {k + 1} of {n}: {_NUMBERED.sub('', text)}." if stepper
                   else f"Showing {text}, {noun} {k + 1} of {n}.")
            data = f' data-vcc-views="{item}"'
        tabs.append(
            f'<button type="button" role="tab" id="{uid}-t{k}"'
            f' aria-selected="{str(k == 0).lower()}" tabindex="{0 if k == 0 else -1}"'
            ' aria-controls="'
            + " ".join(f"{uid}-v{i}" for i in (extra[item] if isinstance(item, str) else (item,)))
            + f'"{data} data-vcc-say="{esc(say)}">{esc(text)}</button>')
    steps = ""
    if stepper:
        steps = ('<div class="vcc-views-steps">'
                 + _button(f"Previous {noun}", -1, f"This is the first {noun}.")
                 + _button(f"Next {noun}", 1, f"This is the last {noun}.") + "</div>")
    head = (f'<div class="vcc-views-bar vcc-views-head" hidden>'
            f'<span class="vcc-views-label" id="{uid}-label">{esc(label)}</span>'
            f'<div role="tablist" aria-labelledby="{uid}-label">{"".join(tabs)}</div>{steps}</div>')
    tab_of = {item: k for k, item in enumerate(order) if not isinstance(item, str)}
    body = "".join(
        f'<div class="vcc-view" id="{uid}-v{i}" data-vcc-tab="{uid}-t{tab_of.get(i, 0)}">'
        f'<p class="vcc-view-name">{esc(name)}</p>{content}</div>'
        for i, (name, content) in enumerate(views))
    foot = (f'<div class="vcc-views-bar vcc-views-foot" hidden>{steps}</div>' if stepper else "")
    kind = ' data-vcc-stepper="1"' if stepper else ""
    return (f'{CSS}{VIEWS_CSS}<div class="vcc-views vcc-w" id="{uid}"{kind}>'
            f'<div class="vcc-views-intro">{intro_html}</div>{head}'
            '<p class="vcc-views-status" role="status" aria-live="polite"></p>'
            f'<div class="vcc-views-panels">{body}</div>{foot}{VIEWS_JS}</div>')


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<table class="vcc-builder-table"><caption>{esc(caption)}</caption><thead><tr>'
            + "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
            + f"</tr></thead><tbody>{cells}</tbody></table>")


_BUILDER_CSS = (
    "<style>"
    ".vcc-builder-static{font-size:inherit;line-height:inherit;margin:.5em 0 1em}"
    ".vcc-builder-note{border-left:4px solid #0072B2;padding:.4em .9em;background:#f3f8fc;"
    "color:#1f1f1f}"
    ".vcc-builder-note a{color:#0b4f8a;font-weight:700}"
    ".vcc-builder-picture{border:2px dashed #6b6b6b;border-radius:6px;padding:.6em .9em;"
    "margin:.75em 0}"
    ".vcc-builder-picture>p.vcc-builder-caption{font-weight:700;margin:0 0 .4em}"
    ".vcc-builder-table{border-collapse:collapse;margin:.4em 0 .8em;font-size:.95em}"
    ".vcc-builder-table caption{text-align:left;font-weight:700}"
    ".vcc-builder-table th,.vcc-builder-table td{border:1px solid #999;padding:2px 6px;"
    "text-align:left;vertical-align:top}"
    ".vcc-builder-tables{overflow-x:auto;max-width:100%}"
    ".vcc-builder-figures{display:flex;flex-wrap:wrap;gap:0 1.5em}"
    ".vcc-builder-figures>div{flex:1 1 560px;min-width:0;max-width:100%}"
    "</style>"
)


def builder_html(case, sections: Sequence[str], figures: Sequence[str]) -> str:
    """A picture of the case builder filled in with CASE: no control, and how to run it.

    Parameters
    ----------
    case : vcc_helpers.model.Case
    sections : sequence of str
        The names of the builder's forms, in order.
    figures : sequence of str
        The builder's lens figures, as its own (escaped) HTML.

    Returns
    -------
    str
        A note (``role="note"``) saying the builder needs a kernel, with the link
        :data:`LAUNCH_LABEL` between :data:`LAUNCH_START` and :data:`LAUNCH_END`
        (the book's build points it at its launch routes), then the picture: the
        forms' names as text, the case's components, relations and episodes as
        tables, and the figures.
    """
    note = (
        '<div class="vcc-builder-note" role="note"><p><strong>The case builder needs a running '
        "Python kernel.</strong> What follows is a picture of it, filled in with the example "
        f"case \u201c{esc(case.title)}\u201d: nothing in it takes input on this page.</p>"
        f'<p class="vcc-launch">{LAUNCH_START}<strong>{esc(LAUNCH_LABEL)}:</strong> open this '
        "notebook in Jupyter (the launch menu at the top of the page, or your own "
        f"Jupyter).{LAUNCH_END}</p></div>")
    comps = _table(f"Components ({len(case.components)})", ("id", "label", "kinds"),
                   [(c.id, c.label, ", ".join(c.kinds)) for c in case.components])
    rels = _table(f"Relations ({len(case.relations)})", ("id", "from", "does", "to", "episode"),
                  [(r.id, case.label(r.source), r.does, case.label(r.target), r.episode or "")
                   for r in case.relations])
    eps = (_table(f"Episodes ({len(case.episodes)})", ("id", "label"),
                  [(e.id, e.label) for e in case.episodes]) if case.episodes else "")
    figs = "".join(f"<div>{f}</div>" for f in figures)
    picture = (
        '<div class="vcc-builder-picture" role="group" aria-label="Picture of the case builder">'
        '<p class="vcc-builder-caption">Picture of the case builder, filled in (inert)</p>'
        f"<p>Its forms, each with its own button when it runs: {esc(', '.join(sections))}. "
        "Every change is checked and both lenses are redrawn.</p>"
        f'<div class="vcc-builder-tables">{comps}{rels}{eps}</div>'
        f'<div class="vcc-builder-figures">{figs}</div></div>')
    return f'{CSS}{_BUILDER_CSS}<div class="vcc-builder-static vcc-w">{note}{picture}</div>'


class StaticRepr:
    """Mixin for a widget: its display bundle also holds ``text/html`` from
    ``_repr_static_html_()``, for pages with no widget manager (the book's HTML build
    prefers it; Jupyter front ends with a widget manager show the widget)."""

    def _repr_static_html_(self) -> str:  # pragma: no cover - each widget defines it
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        parent = getattr(super(), "_repr_mimebundle_", None)
        bundle = parent(**kwargs) if parent is not None else None
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, None)
        data = dict(data or {})
        data["text/html"] = self._repr_static_html_()
        return (data, meta) if meta is not None else data
