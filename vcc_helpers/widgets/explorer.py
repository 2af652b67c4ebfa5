"""Kernel-free views of a case: switch lens, step through episodes.

Both widgets pre-render every state when they are made and switch between them in
the browser with :func:`ipywidgets.jslink` (a control's ``index`` linked to a
:class:`ipywidgets.Stack`'s ``selected_index``).  No Python callback is involved,
so they keep working on the static pages of the built book, where there is no
kernel, as long as the notebook was executed during the build (the widget state
is then embedded in the page).  They work the same way in a live notebook.

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

from vcc_helpers import figures
from vcc_helpers.lenses import assemblage as _assemblage
from vcc_helpers.lenses import residue  # noqa: F401  (kept for callers)
from vcc_helpers.lenses.reinterpret import residue_report
from vcc_helpers.model import Case
from vcc_helpers.widgets._common import (
    CSS, bullet_list, esc, figure_html, label_style, residue_html,
)

__all__ = ["LensExplorer", "EpisodeStepper", "VIEWS", "episode_panel_html"]

VIEWS: tuple[str, ...] = ("Service logic", "Assemblage", "Side by side", "Residue")
"""The views of :class:`LensExplorer`, in the order of its buttons."""

_VIEW_TIPS: tuple[str, ...] = (
    "The service-logic reading: who provides, who uses, in which sphere each interaction sits",
    "The assemblage reading: what each relation does to what bodies can do",
    "Both lenses next to each other",
    "What each lens cannot hold of the other",
)


def _view_layout() -> widgets.Layout:
    # a figure keeps text legible at 560 px or more (it scrolls in its own box below
    # that), so two stand side by side only where there is room for both: else they stack
    return widgets.Layout(flex="1 1 560px", min_width="0", max_width="100%")


class LensExplorer(widgets.VBox):
    """Switch between the two lenses on one case, with no kernel needed.

    A labelled row of toggle buttons (*Service logic*, *Assemblage*, *Side by
    side*, *Residue*) is linked in the browser to a stack of views rendered once:
    the sphere diagram, the assemblage map, both side by side (the same two
    widgets again, so the page carries each image once), and the residue both
    ways as lists.

    Parameters
    ----------
    case : Case
        The case to show.
    fmt : {'svg', 'png'}
        Image format of the figures; SVG (the default) keeps text as text.

    Attributes
    ----------
    case : Case
    toggle : ipywidgets.ToggleButtons
        The view switch; its ``index`` is jslinked to ``stack.selected_index``.
    stack : ipywidgets.Stack
        The pre-rendered views, in the order of :data:`VIEWS`.
    links : tuple of ipywidgets.Link
        The browser-side links (``links[0]``: toggle index -> stack index).
    service_view, assemblage_view, residue_view : ipywidgets.HTML
    alts : dict
        The alt text of each image, by lens.
    """

    def __init__(self, case: Case, *, fmt: str = "svg") -> None:
        self.case = case
        service = figures.sphere_diagram(case)
        assemblage = figures.assemblage_map(case)
        self.alts = {"service": service.alt, "assemblage": assemblage.alt}
        self.service_view = widgets.HTML(figure_html(service, fmt), layout=_view_layout())
        self.assemblage_view = widgets.HTML(figure_html(assemblage, fmt), layout=_view_layout())
        # the residue as a document: a few items per kind, the rest folded (issue 13)
        self.residue_view = widgets.HTML(
            f'<div class="vcc-w">{residue_report(case)._repr_html_()}</div>')
        self.side_by_side = widgets.HBox(
            [self.service_view, self.assemblage_view],
            layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        self.stack = widgets.Stack(
            [self.service_view, self.assemblage_view, self.side_by_side, self.residue_view],
            selected_index=0, layout=widgets.Layout(width="100%"))
        self.toggle = widgets.ToggleButtons(
            options=VIEWS, index=0, description="View:", tooltips=_VIEW_TIPS,
            style={**label_style(), "button_width": "auto"})
        self.links = (widgets.jslink((self.toggle, "index"), (self.stack, "selected_index")),)
        self.heading = widgets.HTML(
            f'{CSS}<div class="vcc-w"><p><strong>{esc(case.title)}</strong>: '
            "choose a view with the buttons below.</p></div>")
        super().__init__([self.heading, self.toggle, self.stack])
        self.add_class("vcc-lens-explorer")

    def show(self, view: str | int) -> None:
        """Select a view by name (one of :data:`VIEWS`) or index (also works live)."""
        index = VIEWS.index(view) if isinstance(view, str) else int(view)
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
    rows = ()
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
        ("What is recaptured (reterritorialising)", recaptured, "Nothing recorded as recaptured here."),
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


class EpisodeStepper(widgets.VBox):
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
        self.stack = widgets.Stack(list(self.views), selected_index=0,
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

    def show(self, step: int) -> None:
        """Select a step by index (also works live)."""
        self.toggle.index = int(step)
        self.stack.selected_index = int(step)
