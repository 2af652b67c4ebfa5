"""Kernel-free views of a case: switch lens, step through episodes.

Both widgets pre-render every state when they are made and switch between them in
the browser with :func:`ipywidgets.jslink` (a control's ``index`` linked to a
:class:`ipywidgets.Stack`'s ``selected_index``).  No Python callback is involved,
so they work in any front end with a widget manager, kernel or not.  On the
book's static pages they show their ``text/html`` instead: the same pre-rendered
views as plain HTML with a few lines of script and no widget manager
(:mod:`vcc_helpers.widgets.static`).

They compute nothing themselves: figures come from :mod:`vcc_helpers.figures`
(with alt text and long descriptions from :mod:`vcc_helpers.describe`), readings
and residue from :mod:`vcc_helpers.lenses`.

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> x = LensExplorer(tiny_case())                        # doctest: +SKIP
>>> x.toggle.options                                     # doctest: +SKIP
('Service logic', 'Assemblage', 'Side by side', 'Residue')
"""
from __future__ import annotations

import ipywidgets as widgets

from vcc_helpers import figures, lensviews
from vcc_helpers.lenses import assemblage as _assemblage
from vcc_helpers.lenses import featured_lenses, get_lens, residue_of, residue_pairs
from vcc_helpers.lenses.reinterpret import residue_report
from vcc_helpers.model import Case
from vcc_helpers.widgets import static
from vcc_helpers.widgets._compat import stack
from vcc_helpers.widgets._common import (
    CSS, bullet_list, esc, figure_html, label_style,
)

__all__ = ["LensExplorer", "EpisodeStepper", "VIEWS", "episode_panel_html"]

_BOTH_TIP = "The lenses next to each other"
_RESIDUE_TIP = "What each lens cannot hold of the other"
_DEFAULT = tuple(x.id for x in featured_lenses())

VIEWS: tuple[str, ...] = (*(get_lens(x).title for x in _DEFAULT), "Side by side", "Residue")
"""The default views of :class:`LensExplorer`, in the order of its buttons: one per
featured lens (service logic, assemblage), then side by side and the residue."""

_VIEW_TIPS: tuple[str, ...] = (*(get_lens(x).tip for x in _DEFAULT),
                               "Both lenses next to each other", _RESIDUE_TIP)


def _view_layout() -> widgets.Layout:
    # a figure keeps text legible at 560 px or more (it scrolls in its own box below
    # that), so two stand side by side only where there is room for both: else they stack
    return widgets.Layout(flex="1 1 560px", min_width="0", max_width="100%")


def _pair_residue_html(case: Case, ids: tuple[str, ...]) -> str:
    """The residue among the chosen lenses: the service/assemblage report as before, then
    each other registered pair, as escaped lists."""
    parts = []
    if "service" in ids and "assemblage" in ids:
        # the residue as a document: a few items per kind, the rest folded (issue 13)
        parts.append(f'<div class="vcc-w">{residue_report(case)._repr_html_()}</div>')
    out = ['<div class="vcc-w">']
    for of, against in residue_pairs(ids):
        if {of, against} == {"service", "assemblage"}:
            continue
        a, b = get_lens(of), get_lens(against)
        head = f"What the {a.title} reading cannot hold that the {b.title} reading can"
        out.append(f"<p><strong>{esc(head)}</strong></p>")
        out.append(bullet_list([i.text for i in residue_of(case, of, against)], "Nothing found."))
    out.append("</div>")
    if len(out) > 2:
        parts.append("".join(out))
    return "".join(parts) or bullet_list([], "No residue is registered between these lenses.")


class LensExplorer(static.StaticRepr, widgets.VBox):
    """Switch between lenses on one case, with no kernel needed.

    A labelled row of toggle buttons (by default *Service logic*, *Assemblage*,
    *Side by side*, *Residue*) is linked in the browser to a stack of views
    rendered once: one figure per lens, all of them side by side (the same
    widgets again, so the page carries each image once), and the residue
    between them as lists.  The lenses come from the registry
    (:mod:`vcc_helpers.lenses.base`); a registered lens can be shown with
    ``lenses=``.

    Parameters
    ----------
    case : Case
        The case to show.
    fmt : {'svg', 'png'}
        Image format of the figures; SVG (the default) keeps text as text.
    lenses : tuple of str, optional
        Lens ids, in the order of their buttons (default: the featured
        lenses, service and assemblage; ``'all'``: every registered lens).

    Attributes
    ----------
    case : Case
    lenses : tuple of str
        The lens ids shown.
    views : tuple of str
        The button names (:data:`VIEWS` for the default lenses).
    toggle : ipywidgets.ToggleButtons
        The view switch; its ``index`` is jslinked to ``stack.selected_index``.
    stack : ipywidgets.Stack
        The pre-rendered views, in the order of :attr:`views`.
    links : tuple of ipywidgets.Link
        The browser-side links (``links[0]``: toggle index -> stack index).
    lens_views : dict of str to ipywidgets.HTML
        Each lens's figure, by lens id.
    service_view, assemblage_view : ipywidgets.HTML
        The service and assemblage figures (when shown).
    residue_view : ipywidgets.HTML
    alts : dict
        The alt text of each image, by lens.
    """

    def __init__(self, case: Case, *, fmt: str = "svg",
                 lenses: tuple[str, ...] | str | None = None) -> None:
        self.case = case
        if lenses is None:
            lenses = _DEFAULT
        elif lenses == "all":
            lenses = lensviews.choose("all")
        self.lenses = tuple(get_lens(x).id for x in lenses)
        if not self.lenses:
            raise ValueError("LensExplorer needs at least one lens")
        drawn = {x: lensviews.draw(case, x) for x in self.lenses}
        self.alts = {x: d.alt for x, d in drawn.items()}
        self.lens_views = {x: widgets.HTML(figure_html(d, fmt), layout=_view_layout())
                           for x, d in drawn.items()}
        if "service" in self.lens_views:
            self.service_view = self.lens_views["service"]
        if "assemblage" in self.lens_views:
            self.assemblage_view = self.lens_views["assemblage"]
        self.residue_view = widgets.HTML(_pair_residue_html(case, self.lenses))
        self.side_by_side = widgets.HBox(
            list(self.lens_views.values()),
            layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        self.views = (*(get_lens(x).title for x in self.lenses), "Side by side", "Residue")
        tips = (*(get_lens(x).tip for x in self.lenses),
                _VIEW_TIPS[-2] if self.lenses == _DEFAULT else _BOTH_TIP, _RESIDUE_TIP)
        self.stack = stack(
            [*self.lens_views.values(), self.side_by_side, self.residue_view],
            selected_index=0, layout=widgets.Layout(width="100%"))
        self.toggle = widgets.ToggleButtons(
            options=self.views, index=0, description="View:", tooltips=tips,
            style={**label_style(), "button_width": "auto"})
        self.links = (widgets.jslink((self.toggle, "index"), (self.stack, "selected_index")),)
        self.heading = widgets.HTML(
            f'{CSS}<div class="vcc-w"><p><strong>{esc(case.title)}</strong>: '
            "choose a view with the buttons below.</p></div>")
        super().__init__([self.heading, self.toggle, self.stack])
        self.add_class("vcc-lens-explorer")

    def _repr_static_html_(self) -> str:
        """The explorer as plain HTML for a page with no widget manager
        (:func:`vcc_helpers.widgets.static.views_html`): each lens, then the residue;
        *Side by side* shows the lenses together instead of drawing them again."""
        n = len(self.lenses)
        return static.views_html(
            f"<p><strong>{esc(self.case.title)}</strong>: choose a view with the buttons "
            "below.</p>",
            [*((get_lens(x).title, self.lens_views[x].value) for x in self.lenses),
             (self.views[-1], self.residue_view.value)],
            label="View:", extra_tabs=[(self.views[-2], tuple(range(n)))],
            tab_order=[*range(n), self.views[-2], n])

    def show(self, view: str | int) -> None:
        """Select a view by name (one of :attr:`views`) or index (also works live)."""
        index = self.views.index(view) if isinstance(view, str) else int(view)
        self.toggle.index = index
        self.stack.selected_index = index


# ----------------------------------------------------------------------------------
# Episode stepper
# ----------------------------------------------------------------------------------


def _affect_line(case: Case, row) -> str:
    text = f"{row.relation}, from {case.label(row.source)} to {case.label(row.target)}: {row.does}."
    if row.capacity:
        text += f" {case.label(row.on)} {row.capacity}"
        if row.direction and row.direction != "unclear":
            text += f" ({row.direction})"
        text += "."
    return text


def _flight_line(row) -> str:
    text = f"From '{row.source}'"
    if row.toward:
        text += f" toward '{row.toward}'"
    text += f". Danger: {row.danger}"
    return text


def episode_panel_html(case: Case, episode: str | None) -> str:
    """The assemblage lens on one episode as escaped HTML: what holds, opens and is caught.

    Parameters
    ----------
    case : Case
    episode : str or None
        An episode id (``None``: the relations with no episode).

    Returns
    -------
    str
        Sections *What territorialises*, *What loosens*, *What opens (lines of
        flight)*, *What is recaptured*, *Territories drawn here* and, when
        present, *Unclear or ambivalent*, each a list taken from
        :func:`vcc_helpers.lenses.assemblage.affect_economy`,
        :func:`~vcc_helpers.lenses.assemblage.lines_of_flight` and
        :func:`~vcc_helpers.lenses.assemblage.territories`.
    """
    rows: tuple[_assemblage.AffectRow, ...] = ()
    for group in _assemblage.affect_economy(case):
        if group.episode == episode:
            rows = group.affects
            break
    flights = [f for f in _assemblage.lines_of_flight(case) if f.episode == episode]
    terrs = [t for t in _assemblage.territories(case) if t.episode == episode]

    def by(tendency: str) -> list[str]:
        return [_affect_line(case, r) for r in rows if r.tendency == tendency]

    recaptured = by("reterritorialising") + [
        f"The line of flight from '{f.source}' is caught again by "
        f"{f.captured_by.strip().rstrip('.')}."
        for f in flights if f.captured]
    unclear = [_affect_line(case, r) for r in rows if r.tendency in ("ambivalent", "unclear")]
    if episode is None:
        title, description = "Relations with no episode", ""
    else:
        ep = case.episode(episode)
        title, description = ep.label, ep.description
    parts = [f'<div class="vcc-w"><p><strong>{esc(title)}</strong></p>']
    if description:
        parts.append(f"<p>{esc(description)}</p>")
    sections = [
        ("What territorialises (holds things in place)", by("territorialising"),
         "No relation recorded as territorialising here."),
        ("What loosens (deterritorialising)", by("deterritorialising"),
         "No relation recorded as loosening here."),
        ("What opens (lines of flight, each with its danger)", [_flight_line(f) for f in flights],
         "No line of flight recorded here."),
        ("What is recaptured (reterritorialising)", recaptured,
         "Nothing recorded as recaptured here."),
        ("Territories drawn here", [f"{t.label} (drawn by {', '.join(t.drawn_by_labels)})"
                                    if t.drawn_by_labels else t.label for t in terrs],
         "No territory recorded for this episode."),
    ]
    if unclear:
        sections.append(("Unclear or ambivalent", unclear, ""))
    for head, items, empty in sections:
        parts.append(f"<p><strong>{esc(head)}</strong></p>{bullet_list(items, empty)}")
    parts.append("</div>")
    return "".join(parts)


class EpisodeStepper(static.StaticRepr, widgets.VBox):
    """The assemblage, episode by episode, with no kernel needed.

    One labelled toggle button per episode (``"1. On the ward"``, ...) is linked in
    the browser to a stack of pre-rendered views; each view is the assemblage map
    with that episode highlighted (:func:`vcc_helpers.figures.assemblage_map`)
    beside a text panel of what territorialises, what loosens, what opens and
    what is recaptured in it (:func:`episode_panel_html`).

    Parameters
    ----------
    case : Case
    fmt : {'svg', 'png'}
        Image format of the maps.

    Attributes
    ----------
    case : Case
    steps : tuple of str or None
        The episode id of each view (a final ``None`` collects relations with
        no episode, when the assemblage reading has affects there).
    toggle : ipywidgets.ToggleButtons
        Its ``index`` is jslinked to ``stack.selected_index``.
    stack : ipywidgets.Stack
    views : tuple of ipywidgets.HTML
        One per step: figure (with alt text, caption, description) and panel.
    links : tuple of ipywidgets.Link
    alts : tuple of str
        The alt text of each step's image.
    """

    def __init__(self, case: Case, *, fmt: str = "svg") -> None:
        self.case = case
        steps: list[str | None] = [e.id for e in case.episodes]
        if not steps or any(g.episode is None for g in _assemblage.affect_economy(case)):
            steps.append(None)
        self.steps = tuple(steps)
        views, alts, names = [], [], []
        for n, ep in enumerate(self.steps, start=1):
            drawn = figures.assemblage_map(case, episode=ep)
            alts.append(drawn.alt)
            name = case.episode(ep).label if ep is not None else (
                "Whole case" if not case.episodes else "No episode")
            names.append(f"{n}. {name}")
            # the map takes the full width (side by side it shrank to unreadable text);
            # the episode's account follows below it
            views.append(widgets.HTML(
                f"<div>{figure_html(drawn, fmt)}</div>"
                f"<div>{episode_panel_html(case, ep)}</div>",
                layout=widgets.Layout(width="100%")))
        self.alts = tuple(alts)
        self.views = tuple(views)
        self.stack = stack(list(self.views), selected_index=0,
                                   layout=widgets.Layout(width="100%"))
        self.toggle = widgets.ToggleButtons(
            options=tuple(names), index=0, description="Episode:",
            tooltips=tuple(f"Show episode {n}" for n in range(1, len(names) + 1)),
            style={**label_style(), "button_width": "auto"})
        self.links = (widgets.jslink((self.toggle, "index"), (self.stack, "selected_index")),)
        self.heading = widgets.HTML(
            f'{CSS}<div class="vcc-w"><p><strong>{esc(case.title)}</strong>, episode by episode: '
            "choose an episode with the buttons below.</p></div>")
        super().__init__([self.heading, self.toggle, self.stack])
        self.add_class("vcc-episode-stepper")

    def _repr_static_html_(self) -> str:
        """The stepper as plain HTML for a page with no widget manager
        (:func:`vcc_helpers.widgets.static.views_html`), with *Previous* and *Next*."""
        return static.views_html(
            f"<p><strong>{esc(self.case.title)}</strong>, episode by episode: choose an "
            "episode with the buttons below, or step with Previous and Next.</p>",
            [(name, v.value) for name, v in zip(self.toggle.options, self.views, strict=True)],
            label="Episode:", stepper=True, noun="episode")

    def show(self, step: int) -> None:
        """Select a step by index (also works live)."""
        self.toggle.index = int(step)
        self.stack.selected_index = int(step)
