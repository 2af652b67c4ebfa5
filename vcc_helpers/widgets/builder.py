"""The case builder: describe your own case, read it through both lenses, save it.

:class:`CaseBuilder` needs a live Python kernel (Binder, Colab, a JupyterHub or
your own Jupyter).  On the static pages of the built book it shows a filled-in
example (the current case's two figures and the forms) and says how to launch it
live; that note is part of its first state, visible before any callback runs.

It never loses work:

* the case is immutable, and every change builds a *candidate* case and runs it
  through the same checks as the command line, on the data its file would hold
  (``check_data(case_to_data(candidate))`` from :mod:`vcc_helpers.casefile`:
  the same messages as ``check_case(dumps_case(candidate))``, without writing
  and parsing YAML); a candidate with a new error is refused, its message is
  shown beside the field, and the current case stays as it was;
* every accepted change pushes the previous case on an undo stack
  (:attr:`CaseBuilder.history`, at least 200 changes; a notice says so once the
  oldest has to go), loading a case too; :meth:`~CaseBuilder.redo` takes an
  undo back (:attr:`CaseBuilder.future`) until the next change;
* after every change the case is written, atomically, to an autosave file in
  the reader's work folder (:func:`vcc_helpers.workspace.autosave_path`,
  ``chapters/my-work/case-builder-autosave.yaml``); a builder that starts while
  an autosave newer than its case exists offers it back ("Recover" / "Discard";
  discarding moves the file aside, never deletes it);
* saving never overwrites a file unless asked to (``overwrite=True``, the
  "Overwrite an existing file" checkbox), writes atomically through
  :func:`vcc_helpers.casefile.save_case` and says when it replaced a file;
  export goes through :func:`vcc_helpers.export.export_case`, as on the
  command line;
* a reading the reader did not choose is not made for them: every reading
  dropdown starts at "(not chosen)", which saves as ``unclear`` (affects) or is
  refused with a request to choose (the sphere and mode of an interaction);
* an exception inside any callback is caught and shown as a message; the case and
  the undo stack are untouched.

All state lives in plain attributes (:attr:`~CaseBuilder.case`,
:attr:`~CaseBuilder.history`, :attr:`~CaseBuilder.message`,
:attr:`~CaseBuilder.problems`) and every button calls a public method
(:meth:`~CaseBuilder.add_component`, :meth:`~CaseBuilder.add_relation`,
:meth:`~CaseBuilder.undo`, :meth:`~CaseBuilder.save`, ...), so a notebook cell or
a test can drive the builder from Python.  The builder computes nothing itself:
edits come from :mod:`vcc_helpers.edit`, validation from :mod:`vcc_helpers.casefile`, figures from
:mod:`vcc_helpers.figures`.

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> b = CaseBuilder(tiny_case())                                      # doctest: +SKIP
>>> b.add_relation("r8", "daughter", "phone-line", "rings", episode="morning")  # doctest: +SKIP
True
>>> b.undo(); [r.id for r in b.case.relations][-1]                    # doctest: +SKIP
'r7'
"""
from __future__ import annotations

import functools
import re
import time
import traceback
from pathlib import Path
from collections.abc import Callable, Iterable, Sequence

import ipywidgets as widgets
from ipywidgets.widgets import widget_description as _descr

from vcc_helpers import casefile, edit, export as exporting, figures, lensviews, workspace  # noqa: F401 (figures: patched in tests)
from vcc_helpers.lenses import could_not_hold, featured_lenses, get_lens
from vcc_helpers.model import (
    CHARACTERS, DIRECTIONS, MODES, SPHERES, SUGGESTED_KINDS, SUGGESTED_SERVICE_ROLES,
    TENDENCIES, Affect, Case, Component, Episode, Interaction, LineOfFlight, Relation,
)
from vcc_helpers.widgets import static
from vcc_helpers.widgets._compat import HTMLStyle, TextStyle, stack
from vcc_helpers.widgets.readback import ReadBack
from vcc_helpers.widgets._common import (
    CSS, KERNEL_NOTE, LIVE_NOTE, error_html, esc, figure_html, message_html,
)

__all__ = ["CaseBuilder", "SAVE_FORMATS", "EXPORT_FORMATS", "SECTIONS", "RELAUNCH_NOTE",
           "relaunch_html",
           "NOT_CHOSEN", "work_folder"]

SAVE_FORMATS: tuple[str, ...] = exporting.CASE_FORMATS
"""Formats :meth:`CaseBuilder.save` writes (case files that load again)."""

EXPORT_FORMATS: tuple[str, ...] = exporting.FORMATS
"""Formats :meth:`CaseBuilder.export` writes."""

SECTIONS: tuple[str, ...] = (
    "Components", "Relations", "Episodes", "Service reading", "Assemblage reading",
    "Load and save",
)
"""The sections of the builder's forms, in the order of its buttons."""

FIGURE_CACHE = 12
FIGURE_MAX_WIDTH = "760px"
"""The widest a lens figure is shown (its text is 12.7 px at 672 px, 14.4 px at 760 px)."""
"""How many drawn figures each builder keeps (an LRU cache), so that Undo redraws nothing."""

RELAUNCH_NOTE = ("Run this cell again to reopen the case builder; your autosaved work "
                 "will be offered.")
"""The builder's plain-text form, shown where its widget cannot be (a restarted kernel)."""

NOT_CHOSEN = "(not chosen)"
"""The first choice of every reading dropdown: the reader has not said."""

RELAUNCH_CLASS = "vcc-relaunch"


def relaunch_html() -> str:
    """:data:`RELAUNCH_NOTE` as HTML for a notebook's output area: shown there (above
    the builder) unless a connected builder (class ``vcc-builder``, without ipywidgets'
    ``jupyter-widgets-disconnected``) is in the same output area; hidden elsewhere."""
    c = RELAUNCH_CLASS
    return (f"<style>.{c}{{display:none}}.jp-OutputArea .{c}{{display:block}}"
            f".jp-OutputArea:has(.vcc-builder:not(.jupyter-widgets-disconnected)) .{c}"
            f"{{display:none}}</style>"
            f'<p class="{c}" role="alert" style="border-left:4px solid #D55E00;'
            f'padding:.3em .8em;margin:0"><strong>{esc(RELAUNCH_NOTE)}</strong></p>')


_NONE = "__none__"
_NEW = "__new__"


def work_folder(create: bool = False):
    """The reader's work folder (the builder autosaves there): see
    :func:`vcc_helpers.workspace.work_folder`."""
    return workspace.work_folder(create=create)


class _Inputs:
    """What a figure is drawn from: hashed and compared by *key*, carrying the *case*."""

    __slots__ = ("key", "case")

    def __init__(self, key: tuple, case: Case) -> None:
        self.key, self.case = key, case

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Inputs) and self.key == other.key


def _split(text: str | Iterable[str]) -> tuple[str, ...]:
    """Words from a comma-separated string (or an iterable), stripped, empties dropped."""
    items = text.split(",") if isinstance(text, str) else list(text)
    return tuple(s.strip() for s in items if s and s.strip())


def _leaf(p) -> str:
    """The last key of a problem's data path (``Problem.loc``):
    ``("relations", 2, "from")`` -> ``'from'``; for plain strings, the last word."""
    loc = getattr(p, "loc", None)
    if loc:
        keys = [k for k in loc if isinstance(k, str)]
        return keys[-1] if keys else ""
    field = str(getattr(p, "field", "") or "")
    last = re.split(r"[./]", field)[-1] if field else ""
    return re.sub(r"\[.*?\]$", "", last)


def _problem_text(p) -> str:
    field = getattr(p, "field", "") or ""
    msg = getattr(p, "message", str(p))
    return f"{field}: {msg}" if field else str(msg)


def _problem_key(p) -> tuple[str, str]:
    return (str(getattr(p, "field", "") or ""), str(getattr(p, "message", str(p))))


def _unchosen(vocab: Iterable[str]) -> list:
    """Dropdown options: "(not chosen)" (value ``""``, refused until chosen), then *vocab*."""
    return [(NOT_CHOSEN, "")] + [(v, v) for v in vocab]


def _unclear_first(vocab: Iterable[str]) -> list:
    """Dropdown options: "(not chosen: unclear)" (value ``'unclear'``, what the model and
    the file mean by an unsaid reading), then the other words of *vocab*."""
    return [(f"{NOT_CHOSEN[:-1]}: unclear)", "unclear")] + [(v, v) for v in vocab
                                                            if v != "unclear"]


def _blank_case() -> Case:
    return Case(id="my-case", title="My case")


def _default_case() -> Case:
    """The worked example, or a blank case when it cannot be loaded."""
    try:
        from vcc_helpers import cases
        return cases.load_worked_example()
    except Exception:  # noqa: BLE001 - a builder must open even without bundled data
        return _blank_case()


class _Form:
    """A group of labelled fields, each with an error area beside it."""

    def __init__(self, name: str, kit: _Kit) -> None:
        self.name = name
        self.kit = kit
        self.fields: dict[str, widgets.Widget] = {}
        self.errors: dict[str, widgets.HTML] = {}
        self.general = kit.html("")
        self.rows: list[widgets.Widget] = []

    def add(self, key: str, widget: widgets.Widget, *aliases: str) -> widgets.Widget:
        err = self.kit.html("", self.kit.err)
        self.fields[key] = widget
        for k in (key, *aliases):
            self.errors[k] = err
        self.rows.append(self.kit.hbox([widget, err]))
        return widget

    def clear(self) -> None:
        self.general.value = ""
        for e in set(self.errors.values()):
            e.value = ""

    def show(self, problems: Sequence, hints: Sequence = ()) -> None:
        """Put each message beside the field it names; the rest under the form."""
        beside: dict[int, tuple[widgets.HTML, list, list]] = {}
        rest_err: list[str] = []
        rest_hint: list[str] = []
        for kind, items in (("err", problems), ("hint", hints)):
            for p in items:
                text = p if isinstance(p, str) else _problem_text(p)
                if isinstance(p, str):      # a plain message, "field: what is wrong"
                    key = p.split(":", 1)[0].strip() if ":" in p else ""
                else:
                    key = _leaf(p)
                target = self.errors.get(key)
                if target is None:
                    (rest_err if kind == "err" else rest_hint).append(text)
                    continue
                slot = beside.setdefault(id(target), (target, [], []))
                slot[1 if kind == "err" else 2].append(text)
        for target, errs, hnts in beside.values():
            target.value = error_html(errs) + error_html(hnts, "hint")
        self.general.value = error_html(rest_err) + error_html(rest_hint, "hint")

    def box(self, *extra: widgets.Widget) -> widgets.VBox:
        return self.kit.vbox([*self.rows, *extra, self.general])


def _set_options(dd: widgets.Dropdown, options: Iterable, keep_if_in: set | None = None) -> None:
    """Give a dropdown new options (only when they changed), keeping its choice if still there."""
    options = tuple(options)
    if tuple(dd.options) == options:
        return
    keep = dd.value
    with dd.hold_sync():      # options and choice in one message to the browser
        dd.options = options
        if keep_if_in is not None and keep in keep_if_in:
            dd.value = keep
        elif options:
            dd.index = 0      # ipywidgets 8 leaves a new dropdown with no choice


class _Kit:
    """Widget factories sharing one layout and one style model per look.

    Every ipywidget gets its own layout and style models unless given shared ones,
    and the built page embeds the full state of every model: sharing them keeps
    the builder's static preview light.
    """

    def __init__(self) -> None:
        self.plain = widgets.Layout()
        self.field = widgets.Layout(width="34em", max_width="100%")
        self.auto = widgets.Layout(width="auto", flex="0 0 auto")
        self.err = widgets.Layout(margin="0 0 0 1em")
        self.row = widgets.Layout(flex_flow="row wrap", align_items="center")
        self.text_style = TextStyle(description_width="10em")
        self.dd_style = _descr.DescriptionStyle(description_width="10em")
        self.button_style = widgets.ButtonStyle()
        self.main_button_style = widgets.ButtonStyle(font_weight="bold")
        self.html_style = HTMLStyle()

    def html(self, value: str = "", layout: widgets.Layout | None = None) -> widgets.HTML:
        return widgets.HTML(value, layout=layout or self.plain, style=self.html_style)

    def text(self, label: str, placeholder: str = "") -> widgets.Text:
        return widgets.Text(description=label, placeholder=placeholder, style=self.text_style,
                            layout=self.field)

    def dropdown(self, label: str, options=()) -> widgets.Dropdown:
        return widgets.Dropdown(description=label, options=list(options), style=self.dd_style,
                                layout=self.field)

    def button(self, label: str, tip: str = "", style: str = "") -> widgets.Button:
        # ipywidgets' own 'primary' blue fails WCAG contrast with white text: the main
        # action of a form is shown in bold instead
        look = self.main_button_style if style == "primary" else self.button_style
        return widgets.Button(description=label, tooltip=tip or label, layout=self.auto,
                              style=look)

    def hbox(self, children, layout: widgets.Layout | None = None) -> widgets.HBox:
        return widgets.HBox(list(children), layout=layout or self.row)

    def vbox(self, children) -> widgets.VBox:
        return widgets.VBox(list(children), layout=self.plain)


class CaseBuilder(static.StaticRepr, widgets.VBox):
    """Build a case with forms, see both lenses after each change, undo, load and save.

    Parameters
    ----------
    case : Case, optional
        The case to start from.  By default the worked example
        (:func:`vcc_helpers.cases.load_worked_example`), so that the static page
        shows a filled-in example; :meth:`new_case` starts a blank one.
    history_limit : int
        How many earlier cases :meth:`undo` can go back to (at least 200 is
        kept by default; when the oldest has to go, a notice says so once).
    fmt : {'svg', 'png'}
        Image format of the figures.
    autosave : bool
        Write the case to :attr:`autosave_file` after every change, and offer
        an earlier autosave back when the builder starts.
    work : str or os.PathLike, optional
        The work folder (default: :func:`vcc_helpers.workspace.work_folder`,
        ``my-work`` next to the notebook).
    source : str or os.PathLike, optional
        The file *case* was loaded from: an autosave is offered only when it is
        newer than that file (without it, whenever it differs from *case*).
    lenses : tuple of str, optional
        The lenses whose figures are redrawn after each change, in order
        (default: the featured lenses, service and assemblage; ``'all'``: every
        registered lens).

    Attributes
    ----------
    case : Case
        The current case.
    history : list of Case
        Earlier cases, the most recent last (:meth:`undo` pops it).
    future : list of Case
        Undone cases, the next one last (:meth:`redo` pops it); emptied by a
        new change.
    autosave_file : pathlib.Path or None
        Where the case is autosaved (``None``: autosave is off).
    recovery : pathlib.Path or None
        An earlier autosave on offer (see :meth:`recover`, :meth:`discard_recovery`).
    message : str
        The last status message, as plain text.
    problems : list
        The validator's problems (``vcc_helpers.casefile.Problem``) or plain
        messages that refused the last change; empty after a success.
    hints : list
        Hints (for example "did you mean 'thing'?") of the last change.
    last_error : BaseException or None
        The last exception caught inside a callback.
    buttons : dict of str to ipywidgets.Button
        Every button, by its label (``buttons["Add relation"].click()`` runs
        the same callback as a click in the browser).
    timings : dict
        Seconds spent in the last change: ``'validate'`` and one entry per
        lens id, ``'service'``, ``'assemblage'``, ... (a figure not redrawn
        because its inputs did not change is absent).
    lens_views : dict of str to ipywidgets.HTML
        Each lens's figure, by lens id (``service_view`` and
        ``assemblage_view`` name the first two), shown one at a time in
        :attr:`figure_stack` by the "Lens:" switch :attr:`lens_toggle` (linked
        in the browser; :meth:`shown_lens`). After a change the shown figure is
        sent first, then the status, then the hidden figures and the autosave;
        a figure or an option list whose content did not change is not sent.

    Notes
    -----
    Every method returns ``True`` when it changed (or saved) something and
    ``False`` otherwise; it never raises for a reader's mistake or an internal
    error, it reports it in :attr:`message` and beside the form field.
    """

    def __init__(self, case: Case | None = None, *, history_limit: int = 200,
                 fmt: str = "svg", autosave: bool = True, work=None, source=None,
                 lenses: tuple[str, ...] | str | None = None) -> None:
        self.case: Case = case if case is not None else _default_case()
        if lenses is None:
            lenses = tuple(x.id for x in featured_lenses())
        elif lenses == "all":
            lenses = lensviews.choose("all")
        self.lenses: tuple[str, ...] = tuple(get_lens(x).id for x in lenses)
        self.history: list[Case] = []
        self.future: list[Case] = []
        self.history_limit = int(history_limit)
        self.history_trimmed = False
        self.work = (Path(work).expanduser() if work is not None
                     else workspace.work_folder()) if autosave else None
        self.autosave_file: Path | None = (workspace.autosave_path(self.work)
                                           if self.work is not None else None)
        self.autosave_error = ""
        self.recovery: Path | None = None
        self.recovered_case: Case | None = None
        self.fmt = fmt
        self.message = ""
        self.problems: list = []
        self.hints: list = []
        self.last_error: BaseException | None = None
        self.last_traceback = ""
        self.timings: dict[str, float] = {}
        self._known: tuple[set, set] | None = None   # problems the current case already has
        self._drawn_keys: dict[str, object] = {}
        # lens figures drawn once per inputs; per builder, so that a test's stand-in
        # drawing never leaks into another builder
        self._figure = functools.lru_cache(maxsize=FIGURE_CACHE)(self._figure_html)
        self._refreshing = False
        self.buttons: dict[str, widgets.Button] = {}
        self.kit = _Kit()
        self._build_ui()
        self._refresh_forms()
        self._redraw()
        self._status(f"Showing {self.case.title!r}. Fill in a form and press its button; "
                     "every change redraws both lenses.", kind="info")
        self._offer_recovery(source)
        super().__init__([self.header, self.note, self.recovery_bar, self.status_bar,
                          self.section_toggle, self.section_stack, self.figure_box,
                          self.readback],
                         layout=widgets.Layout(width="100%"))
        self.add_class("vcc-builder")

    def _ipython_display_(self, **kwargs) -> None:
        """Display the builder after a one-line note, :data:`RELAUNCH_NOTE`, that shows
        only where the builder cannot work: JupyterLab replaces a widget whose kernel
        restarted by "Error displaying widget: model not found" and never falls back to
        the output's text, so the note is an output of its own, above the widget, hidden
        by CSS while a live builder sits beside it (and outside Jupyter's output areas,
        e.g. on the book's static page); where its CSS is stripped, it simply shows."""
        from IPython.display import display
        display({"text/plain": RELAUNCH_NOTE, "text/html": relaunch_html()}, raw=True)
        parent = getattr(super(), "_ipython_display_", None)
        if parent is not None:  # ipywidgets 7 (Colab) displays a widget this way only
            parent(**kwargs)
            return
        data = self._repr_mimebundle_(**kwargs)
        if isinstance(data, tuple):
            display(data[0], raw=True, metadata=data[1])
        elif data is not None:
            display(data, raw=True)

    def _repr_mimebundle_(self, **kwargs):
        """The widget view, with a one-line plain text where the view cannot be shown
        (JupyterLab shows it when the kernel restarted and the widget's model is gone)."""
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):                       # (data, metadata)
            data, meta = bundle
        else:
            data, meta = bundle, None
        if data is not None:
            data = dict(data)
            data["text/plain"] = RELAUNCH_NOTE
        return (data, meta) if meta is not None else data

    def _repr_static_html_(self) -> str:
        """An inert picture of the builder and its case, for a page with no kernel
        (:func:`vcc_helpers.widgets.static.builder_html`)."""
        return static.builder_html(self.case, SECTIONS,
                                   [v.value for v in self.lens_views.values()])

    # ------------------------------------------------------------------------------
    # building the user interface
    # ------------------------------------------------------------------------------

    def _button(self, label: str, tip: str = "", style: str = "") -> widgets.Button:
        """A labelled button, registered in :attr:`buttons` under its label."""
        b = self.kit.button(label, tip, style)
        self.buttons[label] = b
        return b

    def _build_ui(self) -> None:
        self.header = self.kit.html("")
        # two notes, one shown: the static page's (how to launch it live) only inside the
        # built book, the live one only in a kernel (the rules are in CSS)
        self.note = self.kit.html(
            f'{CSS}<div class="vcc-w vcc-static-only" role="note" style="border-left:4px solid '
            f'#0072B2;padding:.3em .8em;background:#f3f8fc;color:#1f1f1f"><p><strong>Case '
            f"builder.</strong> {esc(KERNEL_NOTE)}</p></div>"
            f'<div class="vcc-w vcc-live-only" role="note"><p><small>{esc(LIVE_NOTE)}'
            "</small></p></div>")
        self.status = self.kit.html("")
        self.undo_button = self._button("Undo", "Take back the last change")
        self.undo_button.on_click(self._on(lambda: self.undo()))
        self.redo_button = self._button("Redo", "Make the last undone change again")
        self.redo_button.on_click(self._on(lambda: self.redo()))
        self.status_bar = self.kit.hbox([self.undo_button, self.redo_button, self.status],
                                       layout=widgets.Layout(align_items="center"))
        self.recovery_text = self.kit.html("")
        recover = self._button("Recover", "Bring back your autosaved work", "primary")
        discard = self._button("Discard", "Keep the case shown; the autosave is moved aside, "
                                          "not deleted")
        recover.on_click(self._on(lambda: self.recover()))
        discard.on_click(self._on(lambda: self.discard_recovery()))
        self.recovery_bar = self.kit.hbox([self.recovery_text, recover, discard],
                                          layout=widgets.Layout(align_items="center",
                                                                flex_flow="row wrap",
                                                                display="none"))
        self.recovery_bar.add_class("vcc-live-only")
        self.forms: dict[str, _Form] = {}
        boxes = [self._components_form(), self._relations_form(), self._episodes_form(),
                 self._service_form(), self._assemblage_form(), self._file_form()]
        self.section_stack = stack(boxes, selected_index=0)
        self.section_toggle = widgets.ToggleButtons(
            options=SECTIONS, index=0, description="Edit:",
            style={"description_width": "initial", "button_width": "auto"})
        self.links: tuple = (widgets.jslink((self.section_toggle, "index"),
                                     (self.section_stack, "selected_index")),)
        # one lens at a time, at the full width of the notebook (up to FIGURE_MAX_WIDTH):
        # side by side in JupyterLab's default notebook each figure's text shrank to
        # 5-7 px. The switch is linked in the browser, so switching sends nothing; the
        # shown figure is redrawn first after a change (see _update)
        view = widgets.Layout(width="100%", max_width=FIGURE_MAX_WIDTH)
        self.lens_views = {x: self.kit.html("", layout=view) for x in self.lenses}
        if "service" in self.lens_views:
            self.service_view = self.lens_views["service"]
        if "assemblage" in self.lens_views:
            self.assemblage_view = self.lens_views["assemblage"]
        self.lens_toggle = widgets.ToggleButtons(
            options=[get_lens(x).title for x in self.lenses], index=0, description="Lens:",
            tooltips=[f"Show the {get_lens(x).title} figure" for x in self.lenses],
            style={"description_width": "initial", "button_width": "auto"})
        self.figure_stack = stack(list(self.lens_views.values()), selected_index=0)
        self.links += (widgets.jslink((self.lens_toggle, "index"),
                                      (self.figure_stack, "selected_index")),)
        self.figure_box = self.kit.vbox([self.lens_toggle, self.figure_stack])
        self.readback = ReadBack(layout=self.kit.plain)  # "Read it back": the feedback prompts

    def _on(self, action: Callable[[], object]) -> Callable:
        """Wrap a button or observer callback: catch every exception."""
        def run(*_args) -> None:
            if self._refreshing:  # the builder itself is updating its forms
                return
            try:
                action()
            except Exception as err:  # noqa: BLE001 - the reader's work must survive anything
                self._crash(err)
        return run

    def _components_form(self) -> widgets.VBox:
        f = self.forms["component"] = _Form("component", self.kit)
        self.c_pick = f.add("pick", self.kit.dropdown("Component:"))
        self.c_id = f.add("id", self.kit.text("Id:", "a short slug, e.g. key-safe"))
        self.c_label = f.add("label", self.kit.text("Label:", "e.g. Key safe by the front door"))
        self.c_kinds = f.add("kinds", self.kit.text(
            "Kinds:", "comma-separated: " + ", ".join(SUGGESTED_KINDS[:6]) + ", ..."))
        self.c_desc = f.add("description", self.kit.text("Description:", "optional"))
        add = self._button("Add component", style="primary")
        upd = self._button("Save changes to component")
        rem = self._button("Remove component")
        add.on_click(self._on(lambda: self.add_component(
            self.c_id.value, self.c_label.value, self.c_kinds.value, self.c_desc.value)))
        upd.on_click(self._on(lambda: self.update_component(
            self.c_id.value, self.c_label.value, self.c_kinds.value, self.c_desc.value)))
        rem.on_click(self._on(lambda: self.remove_component(self.c_id.value)))
        self.c_pick.observe(self._on(self._fill_component), names="value")
        return f.box(self.kit.hbox([add, upd, rem]), self.kit.html(
            "<small>Removing a component also removes its relations and every reading "
            "entry that names it (Undo brings them back).</small>"))

    def _relations_form(self) -> widgets.VBox:
        f = self.forms["relation"] = _Form("relation", self.kit)
        self.r_pick = f.add("pick", self.kit.dropdown("Relation:"))
        self.r_id = f.add("id", self.kit.text("Id:", "e.g. r12"))
        self.r_from = f.add("from", self.kit.dropdown("From (who/what):"), "source")
        self.r_does = f.add("does", self.kit.text("Does:", "e.g. lets the carers in to"))
        self.r_to = f.add("to", self.kit.dropdown("To (whom/what):"), "target")
        self.r_episode = f.add("episode", self.kit.dropdown("Episode:"))
        self.r_account = f.add("account", self.kit.text("Account (whose telling):", "optional"))
        self.r_evidence = f.add("evidence", self.kit.text("Evidence:", "optional"))
        add = self._button("Add relation", style="primary")
        upd = self._button("Save changes to relation")
        rem = self._button("Remove relation")

        def values():
            ep = None if self.r_episode.value in (None, _NONE) else self.r_episode.value
            return dict(id=self.r_id.value, source=self.r_from.value or "",
                        target=self.r_to.value or "", does=self.r_does.value, episode=ep,
                        account=self.r_account.value.strip() or None,
                        evidence=self.r_evidence.value)
        add.on_click(self._on(lambda: self.add_relation(**values())))
        upd.on_click(self._on(lambda: self.update_relation(**values())))
        rem.on_click(self._on(lambda: self.remove_relation(self.r_id.value)))
        self.r_pick.observe(self._on(self._fill_relation), names="value")
        return f.box(self.kit.hbox([add, upd, rem]))

    def _episodes_form(self) -> widgets.VBox:
        f = self.forms["episode"] = _Form("episode", self.kit)
        self.e_pick = f.add("pick", self.kit.dropdown("Episode:"))
        self.e_id = f.add("id", self.kit.text("Id:", "e.g. at-home"))
        self.e_label = f.add("label", self.kit.text("Label:", "e.g. The first night at home"))
        self.e_desc = f.add("description", self.kit.text("Description:", "optional"))
        add = self._button("Add episode", style="primary")
        upd = self._button("Save changes to episode")
        rem = self._button("Remove episode")
        add.on_click(self._on(lambda: self.add_episode(
            self.e_id.value, self.e_label.value, self.e_desc.value)))
        upd.on_click(self._on(lambda: self.update_episode(
            self.e_id.value, self.e_label.value, self.e_desc.value)))
        rem.on_click(self._on(lambda: self.remove_episode(self.e_id.value)))
        self.e_pick.observe(self._on(self._fill_episode), names="value")
        return f.box(self.kit.hbox([add, upd, rem]), self.kit.html(
            "<small>Episodes are kept in the order they are added. Removing one keeps its "
            "relations, with no episode.</small>"))

    def _service_form(self) -> widgets.VBox:
        f = self.forms["roles"] = _Form("roles", self.kit)
        self.s_comp = f.add("component", self.kit.dropdown("Component:"))
        self.s_roles = f.add("roles", self.kit.text(
            "Service roles:", "comma-separated: " + ", ".join(SUGGESTED_SERVICE_ROLES[:5])))
        set_roles = self._button("Set roles", "Give the component these roles (empty: no role)",
                            "primary")
        set_roles.on_click(self._on(lambda: self.set_roles(self.s_comp.value or "",
                                                           self.s_roles.value)))
        g = self.forms["interaction"] = _Form("interaction", self.kit)
        self.i_rel = g.add("relation", self.kit.dropdown("Relation:"))
        self.i_sphere = g.add("sphere", self.kit.dropdown("Sphere:", _unchosen(SPHERES)))
        self.i_mode = g.add("mode", self.kit.dropdown("Mode:", _unchosen(MODES)))
        self.i_practice = g.add("practice", self.kit.text("Practice:", "optional, e.g. informing"))
        set_i, rem_i = (self._button("Set interaction", style="primary"),
                        self._button("Remove interaction"))
        set_i.on_click(self._on(lambda: self.set_interaction(
            self.i_rel.value or "", self.i_sphere.value, self.i_mode.value,
            self.i_practice.value)))
        rem_i.on_click(self._on(lambda: self.remove_interaction(self.i_rel.value or "")))
        return self.kit.vbox([
            self.kit.html("<p><strong>Roles</strong> (whose reading: service logic)</p>"),
            f.box(set_roles),
            self.kit.html("<p><strong>Sphere and mode of a relation</strong></p>"),
            g.box(self.kit.hbox([set_i, rem_i]))])

    def _assemblage_form(self) -> widgets.VBox:
        f = self.forms["affect"] = _Form("affect", self.kit)
        self.a_rel = f.add("relation", self.kit.dropdown("Relation:"))
        self.a_on = f.add("on", self.kit.dropdown("On (whose capacity):"))
        self.a_capacity = f.add("capacity", self.kit.text("Capacity:",
                                                          "e.g. can no longer get up alone"))
        self.a_direction = f.add("direction", self.kit.dropdown("Direction:",
                                                                 _unclear_first(DIRECTIONS)))
        self.a_tendency = f.add("tendency", self.kit.dropdown("Tendency:",
                                                               _unclear_first(TENDENCIES)))
        self.a_character = f.add("character", self.kit.dropdown("Character:",
                                                                 _unclear_first(CHARACTERS)))
        set_a, rem_a = self._button("Set affect", style="primary"), self._button("Remove affect")

        def on_value():
            return None if self.a_on.value in (None, _NONE) else self.a_on.value
        set_a.on_click(self._on(lambda: self.set_affect(
            self.a_rel.value or "", self.a_capacity.value, self.a_direction.value,
            self.a_tendency.value, self.a_character.value, on=on_value())))
        rem_a.on_click(self._on(lambda: self.remove_affect(self.a_rel.value or "", on_value())))
        g = self.forms["flight"] = _Form("flight", self.kit)
        self.l_episode = g.add("episode", self.kit.dropdown("Episode:"))
        self.l_from = g.add("from", self.kit.text("From (what it leaves):",
                                                  "e.g. the four-visit plan"), "source")
        self.l_toward = g.add("toward", self.kit.text("Toward:", "optional"))
        self.l_danger = g.add("danger", self.kit.text("Danger:", "required: no line of flight is "
                                                         "simply good"))
        self.l_captured = g.add("captured_by", self.kit.text("Captured by:", "optional"))
        self.l_pick = g.add("pick", self.kit.dropdown("Existing line:"))
        add_l, rem_l = self._button("Add line of flight", style="primary"), self._button(
            "Remove the existing line chosen above")
        add_l.on_click(self._on(lambda: self.add_line_of_flight(
            self.l_from.value, self.l_danger.value,
            episode=None if self.l_episode.value in (None, _NONE) else self.l_episode.value,
            toward=self.l_toward.value, captured_by=self.l_captured.value)))
        rem_l.on_click(self._on(lambda: self.remove_line_of_flight(
            -1 if self.l_pick.value in (None, _NONE) else int(self.l_pick.value))))
        return self.kit.vbox([
            self.kit.html("<p><strong>An affect on a relation</strong></p>"),
            f.box(self.kit.hbox([set_a, rem_a])),
            self.kit.html("<p><strong>A line of flight, with its danger</strong></p>"),
            g.box(self.kit.hbox([add_l, rem_l]))])

    def _file_form(self) -> widgets.VBox:
        # the file: its path, format and the three file actions together, their
        # problems beside the path and under the buttons
        f = self.forms["file"] = _Form("file", self.kit)
        self.f_path = f.add("path", self.kit.text("File path:", "e.g. my-work/my-case.yaml"))
        self.f_format = f.add("format", self.kit.dropdown(
            "Format:", [("from the file name", _NONE)] + [(x, x) for x in EXPORT_FORMATS]))
        self.f_overwrite = widgets.Checkbox(description="Overwrite an existing file",
                                            value=False, indent=False)
        load_f, save = self._button("Load file"), self._button("Save", style="primary")
        export = self._button("Export")
        # the case's own details, and the other ways to start: apart from the file
        d = self.forms["details"] = _Form("details", self.kit)
        self.d_id = d.add("id", self.kit.text("Case id:"))
        self.d_title = d.add("title", self.kit.text("Case title:"))
        self.d_summary = d.add("summary", self.kit.text("Summary:", "optional"))
        details = self._button("Apply case details", "Change the case's id, title and summary")
        details.on_click(self._on(lambda: self.set_details(
            self.d_id.value, self.d_title.value, self.d_summary.value)))
        try:
            from vcc_helpers import cases
            names = list(cases.names())
        except Exception:  # noqa: BLE001
            names = []
        self.f_bundled = self.kit.dropdown("Bundled case:", names)
        load_b = self._button("Load bundled case")
        load_b.on_click(self._on(lambda: self.load_bundled(self.f_bundled.value or "")))
        blank = self._button("Start a blank case")

        def fmt():
            return None if self.f_format.value in (None, _NONE) else self.f_format.value
        load_f.on_click(self._on(lambda: self.load_file(self.f_path.value)))
        def write(export: bool) -> None:
            overwrite, self.f_overwrite.value = self.f_overwrite.value, False  # one write only
            if export:
                self.export(self.f_path.value, fmt(), overwrite)
            else:
                self.save(self.f_path.value, overwrite, fmt=fmt())
        save.on_click(self._on(lambda: write(False)))
        export.on_click(self._on(lambda: write(True)))
        blank.on_click(self._on(lambda: self.new_case()))
        return self.kit.vbox([
            self.kit.html("<p><strong>A file</strong></p>"),
            f.box(self.f_overwrite, self.kit.hbox([load_f, save, export]), self.kit.html(
                "<small>Save writes a case file (YAML or JSON) you can load again; Export "
                "also writes GraphML or GEXF for network tools. Neither replaces an existing "
                "file unless the box is ticked. A path without a folder is next to this "
                "notebook; your work folder is <code>my-work/</code>.</small>")),
            self.kit.html("<p><strong>This case's details</strong></p>"),
            d.box(details),
            self.kit.html("<p><strong>Start from another case</strong></p>"),
            self.kit.hbox([self.f_bundled, load_b, blank])])

    # ------------------------------------------------------------------------------
    # keeping the forms and figures in step with the case
    # ------------------------------------------------------------------------------

    def _refresh_forms(self) -> None:
        c = self.case
        self._refreshing = True
        try:
            comps = [(f"{x.label} ({x.id})", x.id) for x in c.components]
            rels = [(f"{r.id}, from {c.label(r.source)} to {c.label(r.target)}: {r.does}", r.id)
                    for r in c.relations]
            eps = [(f"{e.label} ({e.id})", e.id) for e in c.episodes]
            comp_ids = {v for _, v in comps}
            rel_ids = {v for _, v in rels}
            ep_ids = {v for _, v in eps}
            _set_options(self.c_pick, [("(a new component)", _NEW)] + comps)
            _set_options(self.r_pick, [("(a new relation)", _NEW)] + rels)
            _set_options(self.e_pick, [("(a new episode)", _NEW)] + eps)
            for dd in (self.r_from, self.r_to, self.s_comp):
                _set_options(dd, [(NOT_CHOSEN, "")] + comps, comp_ids)
            for dd in (self.i_rel, self.a_rel):
                _set_options(dd, [(NOT_CHOSEN, "")] + rels, rel_ids)
            _set_options(self.a_on, [("(the relation's 'to')", _NONE)] + comps, comp_ids)
            for dd in (self.r_episode, self.l_episode):
                _set_options(dd, [("(no episode)", _NONE)] + eps, ep_ids)
            flights = c.assemblage.lines_of_flight if c.assemblage else ()
            _set_options(self.l_pick, [("(none chosen)", _NONE)] + [
                (f"{n + 1}. from {x.source}", str(n)) for n, x in enumerate(flights)])
            if not self.r_id.value or self.r_id.value in c._relations:
                self.r_id.value = self._next_relation_id()
            self.d_id.value, self.d_title.value, self.d_summary.value = c.id, c.title, c.summary
            self.header.value = (
                f'{CSS}<div class="vcc-w"><p><strong>{esc(c.title)}</strong> '
                f"({len(c.components)} components, {len(c.relations)} relations, "
                f"{len(c.episodes)} episodes; {len(self.history)} change(s) to undo)</p></div>")
            self.undo_button.disabled = not self.history
            self.undo_button.description = f"Undo ({len(self.history)})"
            self.redo_button.disabled = not self.future
            self.redo_button.description = f"Redo ({len(self.future)})"
        finally:
            self._refreshing = False

    def _next_relation_id(self) -> str:
        n = len(self.case.relations) + 1
        while f"r{n}" in self.case._relations:
            n += 1
        return f"r{n}"

    def _fill_component(self, *_):
        if self._refreshing or self.c_pick.value in (None, _NEW):
            return
        x = self.case.component(self.c_pick.value)
        self.c_id.value, self.c_label.value = x.id, x.label
        self.c_kinds.value, self.c_desc.value = ", ".join(x.kinds), x.description

    def _fill_relation(self, *_):
        if self._refreshing or self.r_pick.value in (None, _NEW):
            return
        r = self.case.relation(self.r_pick.value)
        self.r_id.value, self.r_does.value = r.id, r.does
        self.r_from.value, self.r_to.value = r.source, r.target
        self.r_episode.value = r.episode if r.episode in self.case._episodes else _NONE
        self.r_account.value, self.r_evidence.value = r.account or "", r.evidence

    def _fill_episode(self, *_):
        if self._refreshing or self.e_pick.value in (None, _NEW):
            return
        e = self.case.episode(self.e_pick.value)
        self.e_id.value, self.e_label.value, self.e_desc.value = e.id, e.label, e.description

    def _figure_html(self, lens: str, inputs: _Inputs) -> str:
        """One lens figure as HTML (cached per builder by :attr:`_figure`)."""
        return figure_html(lensviews.draw(inputs.case, lens=lens), self.fmt)

    def shown_lens(self) -> str:
        """The id of the lens whose figure the reader sees (the "Lens:" switch)."""
        index = self.lens_toggle.index if self.lens_toggle.index is not None else 0
        return self.lenses[min(max(int(index), 0), len(self.lenses) - 1)]

    def _update(self, message: str) -> None:
        """Show the current case, sending only what changed, the reader's view first:
        the forms' changed option lists, the shown figure (when its inputs changed),
        the status; then the figures not shown (hidden: cheap for the browser) and the
        autosave, whose rare note is added to the status afterwards."""
        try:
            self._refresh_forms()
            shown = self.shown_lens()
            if self._stale(shown):
                self._status(message + " Redrawing the figure...", "ok")  # shown at once
            self._redraw((shown,))
            self._status(message, "ok")
            self._redraw(tuple(x for x in self.lenses if x != shown))
        except Exception as err:  # noqa: BLE001 - the change is kept even if the display fails
            self._crash(err, changed=True)
            note = self._autosave()
            if note:
                self.message += note
            return
        note = self._autosave()
        if note:
            self._status(message + note, "ok")

    def _key(self, name: str) -> tuple:
        c, spec = self.case, get_lens(name)  # the neutral description and the lens's readings
        return (c.id, c.title, c.components, c.relations, c.episodes,
                *(getattr(c, field) for field in spec.inputs))

    def _stale(self, name: str) -> bool:
        return self._drawn_keys.get(name) != self._key(name)

    def _redraw(self, names: Sequence[str] | None = None) -> None:
        """Redraw each lens figure (of *names*, default all) whose inputs changed; a
        failure shows in its place."""
        c = self.case
        for name in (self.lenses if names is None else names):
            view = self.lens_views[name]
            key = self._key(name)
            if self._drawn_keys.get(name) == key:
                continue
            t0 = time.perf_counter()
            try:
                drawn_key: tuple | None = key
                try:
                    hash(key)
                except TypeError:   # a hand-made case holding lists: drawn, not cached
                    html, drawn_key = self._figure_html(name, _Inputs((), c)), None
                else:
                    html = self._figure(name, _Inputs(key, c))
                view.value = html
                self._drawn_keys[name] = drawn_key
            except Exception as err:  # noqa: BLE001
                self._drawn_keys.pop(name, None)
                self.last_error = err
                self.last_traceback = traceback.format_exc()
                view.value = error_html([f"The {name} figure could not be drawn "
                                         f"({type(err).__name__}: {err}). Your case is safe."])
            self.timings[name] = time.perf_counter() - t0
        self.readback.refresh(c)

    # ------------------------------------------------------------------------------
    # messages
    # ------------------------------------------------------------------------------

    def _status(self, text: str, kind: str = "info") -> None:
        self.message = text
        self.status.value = message_html(text, kind)

    def _crash(self, err: BaseException, changed: bool = False) -> None:
        self.last_error = err
        self.last_traceback = traceback.format_exc()
        if changed:
            self._status(f"The change was made, but the display could not be updated "
                         f"({type(err).__name__}: {err}). Nothing was lost: your case and its "
                         f"{len(self.history)} earlier version(s) are kept.", "err")
        else:
            self._status(f"Something went wrong ({type(err).__name__}: {err}). Nothing was "
                         f"lost: your case and its {len(self.history)} earlier version(s) are "
                         "unchanged.", "err")

    def _refuse(self, form: str, problems: Sequence, hints: Sequence = ()) -> bool:
        self.problems = list(problems)
        self.hints = list(hints)
        if form in self.forms:
            self.forms[form].show(self.problems, self.hints)
        first = _problem_text(problems[0]) if problems and not isinstance(problems[0], str) \
            else (problems[0] if problems else "")
        self._status(f"Not changed: {first}" + (
            f" (and {len(problems) - 1} more problem(s), shown beside the fields)"
            if len(problems) > 1 else ""), "err")
        return False

    # ------------------------------------------------------------------------------
    # the one way the case changes
    # ------------------------------------------------------------------------------

    def _check(self, case: Case) -> tuple[list, list]:
        """The validator's errors and hints for *case*: the checks of the command line,
        run on the data the case file would hold (``check_data(case_to_data(case))``)."""
        _, errors, hints = casefile.check_data(casefile.case_to_data(case), filename="<builder>")
        return list(errors), list(hints)

    def _known_problems(self) -> tuple[set, set]:
        if self._known is None:
            errors, hints = self._check(self.case)
            self._known = ({_problem_key(p) for p in errors}, {_problem_key(p) for p in hints})
        return self._known

    def _change(self, form: str, build: Callable[[Case], Case], done: str) -> bool:
        """Build a candidate, validate it, and either accept it (undoable) or refuse it."""
        if form in self.forms:
            self.forms[form].clear()
        self.problems, self.hints = [], []
        try:
            candidate = build(self.case)
        except edit.EditError as err:
            field = getattr(err, "field", "")
            return self._refuse(form, [casefile.Problem("<builder>", 0, 0, field, str(err))
                                       if field else str(err)])
        except Exception as err:  # noqa: BLE001
            self._crash(err)
            return False
        try:
            t0 = time.perf_counter()
            errors, hints = self._check(candidate)
            self.timings = {"validate": time.perf_counter() - t0}
            known_err, known_hint = self._known_problems() if (errors or hints) else (set(), set())
        except Exception as err:  # noqa: BLE001
            self._crash(err)
            return False
        new_errors = [p for p in errors if _problem_key(p) not in known_err]
        new_hints = [p for p in hints if _problem_key(p) not in known_hint]
        if new_errors:
            return self._refuse(form, new_errors, new_hints)
        self._accept(candidate, done, form, new_hints,
                     known=({_problem_key(p) for p in errors}, {_problem_key(p) for p in hints}))
        return True

    def _accept(self, candidate: Case, done: str, form: str = "", hints: Sequence = (),
                known: tuple[set, set] | None = None) -> None:
        self.history.append(self.case)
        self.future = []                  # a new change: what was undone cannot be redone
        if len(self.history) > self.history_limit:
            del self.history[: len(self.history) - self.history_limit]
            if not self.history_trimmed:  # said once
                self.history_trimmed = True
                done += (f" Undo now reaches back {self.history_limit} changes: the oldest "
                         "change can no longer be undone (your autosave and saved files "
                         "keep your work).")
        self.case = candidate
        self._known = known
        self.hints = list(hints)
        if form in self.forms and hints:
            self.forms[form].show([], self.hints)
        self._update(done + (f" Hint: {_problem_text(hints[0])}" if hints else ""))

    # ------------------------------------------------------------------------------
    # public actions: components
    # ------------------------------------------------------------------------------

    def add_component(self, id: str, label: str, kinds: str | Iterable[str] = (),
                      description: str = "") -> bool:
        """Add a component (*kinds*: a list, or words separated by commas)."""
        comp = Component(str(id).strip(), str(label).strip(), _split(kinds), str(description))
        return self._change("component", lambda c: edit.add_component(c, comp),
                            f"Added component {comp.label!r} ({comp.id}).")

    def update_component(self, id: str, label: str, kinds: str | Iterable[str] = (),
                         description: str = "") -> bool:
        """Replace the label, kinds and description of the component *id*."""
        comp = Component(str(id).strip(), str(label).strip(), _split(kinds), str(description))
        return self._change("component", lambda c: edit.update_component(c, comp),
                            f"Changed component {comp.id}.")

    def remove_component(self, id: str) -> bool:
        """Remove a component, its relations and every reading entry naming it."""
        id = str(id).strip()
        return self._change("component", lambda c: edit.remove_component(c, id),
                            f"Removed component {id} and its relations.")

    # -- relations ---------------------------------------------------------------------

    def add_relation(self, id: str, source: str, target: str, does: str,
                     episode: str | None = None, account: str | None = None,
                     evidence: str = "") -> bool:
        """Add a relation: *source* does *does* to *target* (``from``/``to`` in the file)."""
        rel = Relation(str(id).strip(), source or "", target or "", str(does).strip(),
                       episode or None, account or None, evidence or "")
        return self._change("relation", lambda c: edit.add_relation(c, rel),
                            f"Added relation {rel.id}: {self.case.label(rel.source)} {rel.does} "
                            f"{self.case.label(rel.target)}.")

    def update_relation(self, id: str, source: str, target: str, does: str,
                        episode: str | None = None, account: str | None = None,
                        evidence: str = "") -> bool:
        """Replace the relation *id* by the one described."""
        rel = Relation(str(id).strip(), source or "", target or "", str(does).strip(),
                       episode or None, account or None, evidence or "")
        return self._change("relation", lambda c: edit.update_relation(c, rel),
                            f"Changed relation {rel.id}.")

    def remove_relation(self, id: str) -> bool:
        """Remove a relation and every reading entry naming it."""
        id = str(id).strip()
        return self._change("relation", lambda c: edit.remove_relation(c, id),
                            f"Removed relation {id}.")

    # -- episodes ----------------------------------------------------------------------

    def add_episode(self, id: str, label: str, description: str = "") -> bool:
        """Add an episode after the existing ones."""
        ep = Episode(str(id).strip(), str(label).strip(), str(description))
        return self._change("episode", lambda c: edit.add_episode(c, ep),
                            f"Added episode {ep.label!r} ({ep.id}).")

    def update_episode(self, id: str, label: str, description: str = "") -> bool:
        """Replace the label and description of the episode *id*."""
        ep = Episode(str(id).strip(), str(label).strip(), str(description))
        return self._change("episode", lambda c: edit.update_episode(c, ep),
                            f"Changed episode {ep.id}.")

    def remove_episode(self, id: str) -> bool:
        """Remove an episode; its relations stay, with no episode."""
        id = str(id).strip()
        return self._change("episode", lambda c: edit.remove_episode(c, id),
                            f"Removed episode {id}.")

    # -- readings ----------------------------------------------------------------------

    def set_roles(self, component: str, roles: str | Iterable[str]) -> bool:
        """Give *component* these service roles (comma-separated or a list; empty: none)."""
        words = _split(roles)
        return self._change("roles", lambda c: edit.set_service_role(c, component, *words),
                            f"Service roles of {component}: {', '.join(words) or 'none'}.")

    def set_interaction(self, relation: str, sphere: str, mode: str = "",
                        practice: str = "") -> bool:
        """Read a relation as a service interaction in *sphere* (provider, joint, user)
        and *mode* (direct, indirect); both must be chosen."""
        new = Interaction(relation or "", sphere or "", mode or "", str(practice).strip())
        return self._change("interaction", lambda c: edit.set_interaction(c, new),
                            f"Relation {relation} read as {sphere} sphere, {mode}.")

    def remove_interaction(self, relation: str) -> bool:
        """Remove the service reading of a relation as an interaction."""
        return self._change("interaction", lambda c: edit.remove_interaction(c, relation),
                            f"Relation {relation} has no sphere now.")

    def set_affect(self, relation: str, capacity: str, direction: str = "unclear",
                   tendency: str = "unclear", character: str = "unclear",
                   on: str | None = None) -> bool:
        """Say what *relation* does to what a body can do (replaces an affect on the same body).

        What is not said stays ``unclear``."""
        new = Affect(relation or "", str(capacity).strip(), direction or "unclear",
                     tendency or "unclear", character or "unclear", on or None)
        return self._change("affect", lambda c: edit.set_affect(c, new),
                            f"Affect on relation {relation} set.")

    def remove_affect(self, relation: str, on: str | None = None) -> bool:
        """Remove the affect of *relation* on *on* (``None``: the one with no ``on``)."""
        return self._change("affect", lambda c: edit.remove_affect(c, relation, on),
                            f"Affect on relation {relation} removed.")

    def add_line_of_flight(self, source: str, danger: str, episode: str | None = None,
                           toward: str = "", captured_by: str = "", note: str = "") -> bool:
        """Add a line of flight out of *source*, with its *danger* (required)."""
        new = LineOfFlight(episode or None, str(source).strip(), str(danger).strip(),
                           str(toward).strip(), str(note), str(captured_by).strip())
        return self._change("flight", lambda c: edit.add_line_of_flight(c, new),
                            f"Added a line of flight from {new.source!r}.")

    def remove_line_of_flight(self, index: int) -> bool:
        """Remove the line of flight at *index* (0-based, in reading order)."""
        return self._change("flight", lambda c: edit.remove_line_of_flight(c, index),
                            f"Removed line of flight {index + 1}.")

    def set_details(self, id: str | None = None, title: str | None = None,
                    summary: str | None = None) -> bool:
        """Change the case's id, title or summary (``None`` keeps it)."""
        return self._change("details", lambda c: edit.set_details(c, id, title, summary),
                            "Case details changed.")

    # ------------------------------------------------------------------------------
    # undo, redo, new, load, save, export
    # ------------------------------------------------------------------------------

    def _show_case(self, message: str) -> None:
        """Show the current case after undo, redo or recovery (no new history entry)."""
        self._known = None
        self.problems, self.hints = [], []
        for f in self.forms.values():
            f.clear()
        self._update(message)

    def undo(self) -> bool:
        """Go back to the case before the last change (or load); :meth:`redo` takes it back."""
        if not self.history:
            self._status("Nothing to undo.", "info")
            return False
        self.future.append(self.case)
        self.case = self.history.pop()
        self._show_case(f"Undone. {len(self.history)} earlier version(s) left; Redo "
                        "brings the change back.")
        return True

    def redo(self) -> bool:
        """Make the last undone change again (until a new change is made)."""
        if not self.future:
            self._status("Nothing to redo.", "info")
            return False
        self.history.append(self.case)
        self.case = self.future.pop()
        self._show_case(f"Redone. {len(self.future)} undone change(s) left to redo.")
        return True

    def _clear_inputs(self) -> None:
        """Empty every typed field and message (a blank case starts clean)."""
        self._refreshing = True
        try:
            for w in (self.c_id, self.c_label, self.c_kinds, self.c_desc, self.r_id,
                      self.r_does, self.r_account, self.r_evidence, self.e_id, self.e_label,
                      self.e_desc, self.s_roles, self.i_practice, self.a_capacity,
                      self.l_from, self.l_toward, self.l_danger, self.l_captured):
                w.value = ""
            for dd in (self.i_sphere, self.i_mode, self.a_direction, self.a_tendency,
                       self.a_character):
                dd.index = 0
        finally:
            self._refreshing = False
        for f in self.forms.values():
            f.clear()
        self.problems, self.hints = [], []

    def new_case(self, id: str = "my-case", title: str = "My case") -> bool:
        """Start a blank case (the current one stays on the undo stack)."""
        self._clear_inputs()
        self._accept(Case(id=id, title=title), "Started a blank case (Undo brings the "
                     "previous one back).")
        return True

    def load_bundled(self, name: str) -> bool:
        """Load a bundled teaching case by name (see :func:`vcc_helpers.cases.names`)."""
        self.forms["file"].clear()
        try:
            from vcc_helpers import cases
            case = cases.load(name)
        except KeyError as err:
            return self._refuse("file", [str(err.args[0]) if err.args else str(err)])
        except Exception as err:  # noqa: BLE001
            self._crash(err)
            return False
        self._accept(case, f"Loaded the bundled case {name!r} (Undo brings the previous "
                     "case back).")
        return True

    def load_file(self, path: str | Path) -> bool:
        """Load a case file; its problems (file:line: field: message) are shown, nothing lost."""
        self.forms["file"].clear()
        self.problems = []
        p = Path(str(path)).expanduser()
        if not str(path).strip():
            return self._refuse("file", ["path: give the path of a case file to load"])
        if not p.is_file():
            return self._refuse("file", [f"path: no file at {p}"])
        try:
            case, errors, hints = casefile.check_case(p)
        except Exception as err:  # noqa: BLE001
            self._crash(err)
            return False
        if errors or case is None:
            msgs = [f"{getattr(e, 'file', p)}:{getattr(e, 'line', '?')}: {_problem_text(e)}"
                    for e in errors] or [f"{p}: not a case file"]
            return self._refuse("file", msgs)
        self._accept(case, f"Loaded {p.name} (Undo brings the previous case back).",
                     "file", list(hints))
        return True

    def save(self, path: str | Path, overwrite: bool = False, fmt: str | None = None) -> bool:
        """Save the case as a case file, atomically; refuse to replace a file unless *overwrite*.

        Goes through :func:`vcc_helpers.casefile.save_case` (which keeps the comments
        and ``x-`` keys of a file it replaces) and says when it replaced one."""
        return self._write(path, overwrite, fmt, export=False)

    def export(self, path: str | Path, fmt: str | None = None, overwrite: bool = False) -> bool:
        """Export the case as yaml, json, graphml or gexf (*fmt* ``None``: from the file
        name), never replacing a file silently: :func:`vcc_helpers.export.export_case`."""
        return self._write(path, overwrite, fmt, export=True)

    def _write(self, path, overwrite: bool, fmt: str | None, export: bool) -> bool:
        form = self.forms["file"]
        form.clear()
        self.problems = []
        if not str(path).strip():
            return self._refuse("file", ["path: give a file name to write to"])
        p = Path(str(path)).expanduser()
        try:
            if fmt:
                fmt = {"yml": "yaml"}.get(str(fmt).lower(), str(fmt).lower())
            elif export:
                fmt = exporting.format_from_name(p)
            else:
                fmt = exporting.SUFFIXES.get(p.suffix.lower(),
                                             p.suffix.lower().lstrip(".") or "yaml")
        except exporting.ExportError as err:
            return self._refuse("file", [f"format: {err}"])
        allowed = EXPORT_FORMATS if export else SAVE_FORMATS
        if fmt not in allowed:
            extra = " (Export writes graph formats)" if fmt in EXPORT_FORMATS else ""
            return self._refuse("file", [f"format: {fmt!r} is not one of "
                                         f"{', '.join(allowed)}{extra}"])
        if not p.parent.is_dir():
            return self._refuse("file", [f"path: cannot write {p}: the folder {p.parent} "
                                         "does not exist"])
        existed = p.exists()
        if existed and not overwrite:
            return self._refuse("file", [
                f"path: there is already a file at {p}. Tick 'Overwrite an existing file' "
                "to replace it, or choose another name."])
        try:
            footer = could_not_hold(self.case)
            if export:
                exporting.export_case(self.case, p, format=fmt, overwrite=overwrite,
                                      footer=footer)
            else:
                casefile.save_case(self.case, p, fmt=fmt, overwrite=overwrite, footer=footer)
        except FileExistsError:
            return self._refuse("file", [f"path: there is already a file at {p}. Tick "
                                         "'Overwrite an existing file' to replace it."])
        except casefile.CaseFileError as err:
            return self._refuse("file", list(err.problems))
        except exporting.ExportError as err:
            return self._refuse("file", [f"path: {err}"])
        except (OSError, ValueError) as err:
            return self._refuse("file", [f"path: could not write {p}: "
                                         f"{getattr(err, 'strerror', None) or err}"])
        except Exception as err:  # noqa: BLE001
            self._crash(err)
            return False
        verb = "Exported" if export else "Saved"
        if existed:
            self._status(f"{verb} {p} ({fmt}), replacing the file that was there.", "ok")
        else:
            self._status(f"{verb} {p} ({fmt}).", "ok")
        return True

    # ------------------------------------------------------------------------------
    # autosave and recovery
    # ------------------------------------------------------------------------------

    def _autosave(self) -> str:
        """Write the case to the autosave file; returns a note for the status ("" if fine)."""
        if self.autosave_file is None:
            return ""
        try:
            note = ""
            if self.recovery is not None:       # an offer still open: keep that work too
                kept = workspace.set_aside(self.recovery)
                note = (f" Your earlier autosave was not recovered; it is kept as "
                        f"{kept.name} in {kept.parent}.")
                self._close_recovery()
            self.autosave_file.parent.mkdir(parents=True, exist_ok=True)
            # written as JSON, which is YAML too (the .yaml file loads everywhere a case
            # file does): the C encoder takes milliseconds where the YAML emitter took
            # 100-300 ms, and the reader's next click waits for it
            casefile.atomic_write(self.autosave_file,
                                  casefile.dumps_case(self.case, fmt="json"), overwrite=True)
            self.autosave_error = ""
            return note
        except Exception as err:  # noqa: BLE001 - autosave must never cost the change
            first = not self.autosave_error
            self.autosave_error = f"{type(err).__name__}: {err}"
            return (f" (Autosave to {self.autosave_file} failed: {self.autosave_error}; "
                    "save your case with Save.)") if first else ""

    def _offer_recovery(self, source=None) -> None:
        """Offer the autosave back when it is newer than *source* and differs from the case."""
        f = self.autosave_file
        if f is None or not f.is_file():
            return
        try:
            mtime = f.stat().st_mtime
            if source is not None and Path(source).is_file() and \
                    Path(source).stat().st_mtime >= mtime:
                return
            errors: list  # Problems, or one plain message when reading failed
            case, errors, _ = casefile.check_case(f)
        except Exception as err:  # noqa: BLE001
            case, errors = None, [f"{type(err).__name__}: {err}"]
        if case is not None and case == self.case:
            return
        self.recovery, self.recovered_case = f, case
        when = time.strftime("%H:%M on %d %b %Y", time.localtime(mtime))
        if case is None:
            first = _problem_text(errors[0]) if errors and not isinstance(errors[0], str) \
                else (errors[0] if errors else "not a case file")
            text = (f"An autosave from {when} is in {f} but cannot be loaded ({first}). "
                    "Discard moves it aside; open it in an editor to rescue its text.")
        else:
            text = (f"Recover your unsaved work from {when}? ({case.title!r}, "
                    f"{len(case.components)} components, {len(case.relations)} relations.) "
                    "Recover puts it here (Undo brings back the case shown now); Discard "
                    "moves the autosave aside, without deleting it.")
        self.recovery_text.value = message_html(text, "hint", live=False)
        self.buttons["Recover"].disabled = case is None
        self.recovery_bar.layout.display = "flex"

    def _close_recovery(self) -> None:
        self.recovery, self.recovered_case = None, None
        self.recovery_bar.layout.display = "none"

    def recover(self) -> bool:
        """Take the autosaved work on offer (undoable)."""
        if self.recovery is None or self.recovered_case is None:
            self._status("No autosaved work to recover.", "info")
            return False
        case, when = self.recovered_case, self.recovery
        self._close_recovery()
        for f in self.forms.values():
            f.clear()
        self._accept(case, f"Recovered your autosaved work from {when.name} (Undo brings "
                     "back the case shown before).")
        return True

    def discard_recovery(self) -> bool:
        """Keep the case shown; move the autosave on offer aside (never deleting it)."""
        if self.recovery is None:
            self._status("No autosaved work on offer.", "info")
            return False
        try:
            kept = workspace.set_aside(self.recovery)
        except Exception as err:  # noqa: BLE001
            self._crash(err)
            return False
        self._close_recovery()
        self._status(f"Kept the case shown. The autosave is set aside as {kept.name} in "
                     f"{kept.parent} (nothing deleted).", "ok")
        return True
