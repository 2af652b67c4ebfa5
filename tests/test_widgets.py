"""The widgets, driven from Python with no kernel: kernel-free views and a builder that loses nothing."""
from __future__ import annotations

import html
from dataclasses import replace
from html.parser import HTMLParser

import ipywidgets as widgets
import pytest

from vcc_helpers import casefile, describe
from vcc_helpers.lenses.examples import tiny_case
from vcc_helpers.model import Case, Component, Relation
from vcc_helpers.widgets import VIEWS, CaseBuilder, EpisodeStepper, LensExplorer
from vcc_helpers.widgets import builder as builder_module
from vcc_helpers.widgets._common import KERNEL_NOTE, esc
from vcc_helpers.widgets.explorer import episode_panel_html

pytestmark = pytest.mark.unit

HOSTILE = "<img src=x onerror=alert(1)>"


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def images(markup: str) -> list[dict]:
    """The attributes of every <img> in *markup*, entities decoded (as a browser reads them)."""
    p = _Images()
    p.feed(markup)
    return p.images


def html_values(widget: widgets.Widget) -> list[str]:
    """The value of every HTML widget inside *widget* (depth first)."""
    out, seen, todo = [], set(), [widget]
    while todo:
        w = todo.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        if isinstance(w, widgets.HTML):
            out.append(w.value)
        todo.extend(getattr(w, "children", ()))
    return out


@pytest.fixture(autouse=True)
def work(tmp_path, monkeypatch):
    """Every builder of these tests autosaves into a fresh folder, never the checkout."""
    folder = tmp_path / "my-work"
    monkeypatch.setenv("VCC_WORK_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def tiny():
    return tiny_case()


@pytest.fixture(scope="module")
def explorer(tiny):
    return LensExplorer(tiny)


@pytest.fixture(scope="module")
def stepper(tiny):
    return EpisodeStepper(tiny)


@pytest.fixture
def builder(tiny):
    return CaseBuilder(tiny)


def hostile_case() -> Case:
    c = tiny_case()
    comps = tuple(replace(x, label=HOSTILE) if x.id == "mrs-a" else x for x in c.components)
    rels = tuple(replace(r, does="<script>alert(2)</script>") if r.id == "r2" else r
                 for r in c.relations)
    return replace(c, title="<b>A</b> case", components=comps, relations=rels)


# --------------------------------------------------------------------------------------
# LensExplorer
# --------------------------------------------------------------------------------------


def test_explorer_toggle_index_is_jslinked_to_the_stack(explorer):
    (link,) = explorer.links
    assert type(link).__name__ == "Link" and link._model_name == "LinkModel"
    assert link.source == (explorer.toggle, "index")
    assert link.target == (explorer.stack, "selected_index")
    assert explorer.toggle.options == VIEWS == (
        "Service logic", "Assemblage", "Side by side", "Residue")
    assert explorer.toggle.index == explorer.stack.selected_index == 0
    assert explorer.toggle.description == "View:"
    assert explorer.toggle.style.description_width == "initial"


def test_explorer_stack_holds_the_prerendered_views_once(explorer):
    s, a, both, residue = explorer.stack.children
    assert s is explorer.service_view and a is explorer.assemblage_view
    # side by side re-uses the same two widgets, so each image is in the page once
    assert both.children == (explorer.service_view, explorer.assemblage_view)
    assert residue is explorer.residue_view


def test_explorer_images_carry_the_alt_text_of_describe(explorer, tiny):
    for view, lens in ((explorer.service_view, "service"),
                       (explorer.assemblage_view, "assemblage")):
        (img,) = images(view.value)
        assert img["alt"] == describe.alt_text(tiny, lens)
        assert img["alt"]
        assert img["src"].startswith("data:image/svg+xml;charset=utf-8,%3C")
        assert "<figcaption>" in view.value and "<details><summary>" in view.value
    assert explorer.alts == {"service": describe.alt_text(tiny, "service"),
                             "assemblage": describe.alt_text(tiny, "assemblage")}


def test_explorer_residue_lists_both_ways(explorer, tiny):
    # the residue as a document (issue 13): every item once, the long tail folded
    from vcc_helpers.lenses import residue
    from vcc_helpers.lenses.reinterpret import residue_report
    r = residue(tiny)
    text = explorer.residue_view.value
    assert residue_report(tiny)._repr_html_() in text
    assert "What the service map cannot express" in text
    assert "What the assemblage reading loses" in text
    items = len(r.service_cannot_express) + len(r.assemblage_loses)
    assert text.count("<li>") >= items
    first = r.service_cannot_express[0]
    assert esc(first.text) in text


def test_explorer_show_selects_a_view(tiny):
    x = LensExplorer(tiny)
    x.show("Residue")
    assert x.toggle.index == x.stack.selected_index == 3


# --------------------------------------------------------------------------------------
# EpisodeStepper
# --------------------------------------------------------------------------------------


def test_stepper_has_one_step_per_episode_and_one_for_no_episode(stepper):
    assert stepper.steps == ("morning", "visit", None)
    assert stepper.toggle.options == ("1. Ringing at 8am", "2. Getting there", "3. No episode")
    assert stepper.toggle.description == "Episode:"
    assert len(stepper.stack.children) == 3
    (link,) = stepper.links
    assert link.source == (stepper.toggle, "index")
    assert link.target == (stepper.stack, "selected_index")


def test_stepper_images_carry_the_alt_text_of_describe(stepper, tiny):
    for view, ep in zip(stepper.views, stepper.steps, strict=True):
        (img,) = images(view.value)
        assert img["alt"] == describe.alt_text(tiny, "assemblage", episode=ep) != ""


def test_episode_panel_says_what_holds_opens_and_is_recaptured(tiny):
    morning = episode_panel_html(tiny, "morning")
    assert ("<li>r1, from 8am phone line to Mrs A: keeps her on hold for forty minutes. "
            "Mrs A can do nothing else that morning (diminishes).</li>") in morning
    assert "<li>The 8am queue (drawn by 8am phone line, Triage rule)</li>" in morning
    assert "No line of flight recorded here." in morning
    visit = episode_panel_html(tiny, "visit")
    assert ("<li>From &#x27;the booked slot&#x27; toward &#x27;walking in without an "
            "appointment&#x27;. Danger: She may be turned away and lose the slot "
            "altogether.</li>") in visit
    assert ("<li>The line of flight from &#x27;the booked slot&#x27; is caught again by "
            "the triage rule.</li>") in visit
    assert "r5, from Rain to Number 7 bus: slows down." in visit
    loose = episode_panel_html(tiny, None)
    assert "Relations with no episode" in loose and "r7, from Her daughter" in loose


# --------------------------------------------------------------------------------------
# labels are text, never markup
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [LensExplorer, EpisodeStepper, CaseBuilder])
def test_hostile_labels_are_escaped_in_every_html_widget(make):
    w = make(hostile_case())
    values = html_values(w)
    assert values
    for v in values:
        assert HOSTILE not in v
        assert "<script>" not in v
        assert "<b>A</b>" not in v
    joined = "".join(values)
    assert "&lt;b&gt;A&lt;/b&gt; case" in joined                 # the title, as text
    # each image's alt text decodes back to the characters the reader typed
    for v in values:
        for img in images(v):
            assert img["alt"] == html.unescape(img["alt"]) or "<" not in img["alt"]


def test_hostile_label_in_builder_status_and_alt_is_text(builder):
    assert builder.add_component("evil", HOSTILE, "thing")
    assert HOSTILE not in builder.status.value
    assert esc(HOSTILE) in builder.status.value
    # the dropdowns are Dropdown widgets (text labels), holding the raw characters
    assert (f"{HOSTILE} (evil)", "evil") in builder.c_pick.options


# --------------------------------------------------------------------------------------
# CaseBuilder
# --------------------------------------------------------------------------------------


def test_static_preview_shows_an_example_and_how_to_launch_live():
    b = CaseBuilder()                            # the worked example, before any callback
    assert b.case.components, "a filled-in example"
    assert esc(KERNEL_NOTE) in b.note.value
    assert "launch buttons" in b.note.value and "Binder, Colab, JupyterHub" in b.note.value
    assert b.children[1] is b.note
    for view, lens in ((b.service_view, "service"), (b.assemblage_view, "assemblage")):
        (img,) = images(view.value)
        assert img["alt"] == describe.alt_text(b.case, lens)
    (link,) = b.links
    assert link.source == (b.section_toggle, "index")
    assert link.target == (b.section_stack, "selected_index")


def test_add_relation_redraws_both_lenses_and_undo_restores(builder, tiny):
    before_s, before_a = builder.service_view.value, builder.assemblage_view.value
    assert builder.add_relation("r8", "daughter", "phone-line", "rings", episode="morning")
    assert builder.case.relation("r8") == Relation("r8", "daughter", "phone-line", "rings",
                                                   "morning")
    assert builder.history == [tiny]
    assert builder.service_view.value != before_s
    assert builder.assemblage_view.value != before_a
    (img,) = images(builder.assemblage_view.value)
    assert img["alt"] == describe.alt_text(builder.case, "assemblage")
    assert builder.message.startswith("Added relation r8")
    assert builder.undo()
    assert builder.case is tiny and builder.history == []
    assert builder.assemblage_view.value == before_a
    assert not builder.undo() and builder.message == "Nothing to undo."


def test_only_the_figure_whose_inputs_changed_is_redrawn(builder):
    assert builder.set_affect("r2", "can plan her morning", "enhances", "territorialising")
    assert "assemblage" in builder.timings and "service" not in builder.timings
    assert builder.set_roles("rain", "other")
    assert "service" in builder.timings and "assemblage" not in builder.timings


def test_bad_input_shows_the_validators_message_and_keeps_the_case(builder, tiny):
    assert not builder.add_relation("r9", "daughter", "mrs-b", "rings")
    assert builder.case is tiny and builder.history == []
    # the same message as the command line gives for the same case file
    candidate = replace(tiny, relations=tiny.relations
                        + (Relation("r9", "daughter", "mrs-b", "rings"),))
    _, errors, _ = casefile.check_case(casefile.dumps_case(candidate))
    (err,) = errors
    assert (err.field, err.message) == (
        "relations[7].to", "unknown component 'mrs-b' (did you mean 'mrs-a'?)")
    beside = builder.forms["relation"].errors["to"].value
    assert esc(f"{err.field}: {err.message}") in beside
    assert builder.forms["relation"].errors["does"].value == ""
    assert builder.message == f"Not changed: {err.field}: {err.message}"
    assert [(p.field, p.message) for p in builder.problems] == [(err.field, err.message)]


def test_line_of_flight_needs_a_danger(builder, tiny):
    assert not builder.add_line_of_flight("the plan", "  ", episode="visit")
    assert builder.case is tiny
    beside = builder.forms["flight"].errors["danger"].value
    assert "no line of flight is simply good" in beside
    assert builder.add_line_of_flight("the plan", "she is alone at night", episode="visit")
    assert builder.case.assemblage.lines_of_flight[-1].danger == "she is alone at night"


def test_service_and_assemblage_annotations(builder):
    assert builder.set_interaction("r5", "user", "indirect")
    assert [i for i in builder.case.service.interactions if i.relation == "r5"][0].sphere == "user"
    assert not builder.set_interaction("r5", "customer", "direct")
    assert "&#x27;customer&#x27; is not a sphere" in builder.forms["interaction"].errors["sphere"].value
    assert not builder.set_affect("r2", "can wait", "enhances", "bogus")
    assert "tendency" in builder.forms["affect"].errors["tendency"].value
    assert builder.remove_interaction("r5")
    assert builder.set_roles("rain", "other-actor, resource")
    assert builder.case.service.roles["rain"] == ("other-actor", "resource")


def test_open_vocabulary_word_is_kept_with_a_hint(builder):
    assert builder.add_component("kettle", "The kettle", "thin")
    assert builder.case.component("kettle").kinds == ("thin",)
    assert "did you mean &#x27;thing&#x27;" in builder.forms["component"].errors["kinds"].value


def test_remove_component_cascades_and_undo_brings_it_back(builder, tiny):
    assert builder.remove_component("mrs-a")
    assert "mrs-a" not in builder.case._components
    assert all("mrs-a" not in (r.source, r.target) for r in builder.case.relations)
    assert builder.undo() and builder.case is tiny


def test_exception_inside_a_callback_keeps_the_work(builder, monkeypatch):
    assert builder.add_episode("night", "The first night")
    kept_case, kept_history = builder.case, list(builder.history)

    def boom(*_a, **_k):
        raise RuntimeError("validator exploded")
    monkeypatch.setattr(builder_module.casefile, "check_data", boom)
    builder.r_from.value, builder.r_to.value = "daughter", "mrs-a"
    builder.r_does.value = "phones"
    builder.buttons["Add relation"].click()          # must not raise
    assert builder.case is kept_case and builder.history == kept_history
    assert "Something went wrong (RuntimeError: validator exploded)" in builder.message
    assert "Nothing was lost" in builder.message
    assert isinstance(builder.last_error, RuntimeError)


def test_a_figure_that_fails_to_draw_keeps_the_change(builder, monkeypatch):
    def boom(case):
        raise ValueError("no ink")
    monkeypatch.setattr(builder_module.figures, "sphere_diagram", boom)
    builder.buttons["Start a blank case"].click()
    assert builder.case.id == "my-case" and len(builder.history) == 1
    assert "could not be drawn (ValueError: no ink)" in builder.service_view.value
    assert images(builder.assemblage_view.value)      # the other lens still drew


def test_buttons_drive_the_same_methods(builder):
    builder.c_id.value, builder.c_label.value, builder.c_kinds.value = "kettle", "Kettle", "thing"
    builder.buttons["Add component"].click()
    assert builder.case.component("kettle").label == "Kettle"
    assert "(live)" in builder.note.value           # the static note gives way once live
    builder.buttons["Undo"].click()
    assert "kettle" not in builder.case._components


def test_save_refuses_to_overwrite_without_the_checkbox_then_reload(builder, tmp_path, tiny):
    path = tmp_path / "mine.yaml"
    assert builder.save(path)
    first = path.read_text(encoding="utf-8")
    assert "# What this tool could not hold" in first
    assert casefile.load_case(path) == tiny
    builder.add_episode("night", "The first night")
    # through the form: the checkbox is unticked
    builder.f_path.value = str(path)
    builder.buttons["Save"].click()
    assert path.read_text(encoding="utf-8") == first
    assert "Tick &#x27;Overwrite an existing file&#x27;" in builder.forms["file"].errors[
        "path"].value
    assert not builder.save(path, overwrite=False)
    builder.f_overwrite.value = True
    builder.buttons["Save"].click()
    assert casefile.load_case(path).episode("night").label == "The first night"
    assert builder.f_overwrite.value is False          # ticked for one write only
    # reload into a fresh builder: the work comes back
    other = CaseBuilder(tiny)
    assert other.load_file(path)
    assert other.case == builder.case and other.history == [tiny]


def test_load_file_with_errors_names_file_line_and_field(builder, tmp_path, tiny):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: vcc-case/1\nid: t\ntitle: T\ncomponents:\n"
                   "  - {id: a, label: A}\nrelations:\n  - {id: r1, from: a, to: b, does: x}\n",
                   encoding="utf-8")
    assert not builder.load_file(bad)
    assert builder.case is tiny
    assert f"{bad}:7: relations[0].to: unknown component &#x27;b&#x27;" in \
        builder.forms["file"].general.value
    assert not builder.load_file(tmp_path / "missing.yaml")
    assert "no file at" in builder.message


def test_export_writes_graph_formats_and_never_overwrites_silently(builder, tmp_path):
    import networkx as nx
    g = tmp_path / "case.graphml"
    assert builder.export(g, "graphml")
    assert sorted(nx.read_graphml(g).nodes)[:2] == ["bus", "daughter"]
    assert not builder.export(g, "graphml")
    assert builder.export(tmp_path / "case.gexf", "gexf")
    assert builder.export(tmp_path / "case.json", "json")
    assert casefile.load_case(tmp_path / "case.json") == builder.case
    assert not builder.export(tmp_path / "case.png", "png")
    assert "'png' is not one of yaml, json, graphml, gexf" in builder.message


def test_load_bundled_is_undoable(builder, tiny):
    assert builder.load_bundled("day-service")
    assert builder.case.id == "day-service" and builder.history == [tiny]
    assert not builder.load_bundled("day-servic")
    assert "did you mean 'day-service'" in builder.message
    assert builder.undo() and builder.case is tiny


def test_history_is_bounded(tiny):
    b = CaseBuilder(tiny, history_limit=2)
    for n in range(3):
        assert b.add_episode(f"e{n}", f"Episode {n}")
    assert len(b.history) == 2
    assert [e.id for e in b.history[0].episodes][-1] == "e0"


def test_a_case_with_existing_problems_can_still_be_edited():
    broken = Case("t", "T", components=(Component("a", ""),))   # empty label: an error
    b = CaseBuilder(broken)
    assert b.add_component("b", "B", "thing"), b.message
    assert not b.add_component("c", "", "thing")               # a new error is still refused


def test_a_lens_explorer_weighs_less_than_400_kb_on_the_worked_example():
    import json

    from ipywidgets.embed import dependency_state

    from vcc_helpers import cases
    x = LensExplorer(cases.load("hospital-discharge"))
    # the full state, defaults included, as myst-nb embeds it in the built page
    state = dependency_state([x], drop_defaults=False)
    assert len(json.dumps(state)) < 400 * 1024


# --------------------------------------------------------------------------------------
# CaseBuilder: nothing loses a reader's work (redo, autosave, recovery, history)
# --------------------------------------------------------------------------------------


def test_redo_takes_an_undo_back_until_the_next_change(builder, tiny):
    assert builder.add_episode("night", "The first night")
    changed = builder.case
    assert not builder.redo() and builder.message == "Nothing to redo."
    assert builder.undo() and builder.case is tiny and builder.future == [changed]
    assert builder.redo_button.description == "Redo (1)" and not builder.redo_button.disabled
    builder.buttons["Redo"].click()
    assert builder.case is changed and builder.history == [tiny] and builder.future == []
    assert builder.undo()
    assert builder.add_episode("dawn", "Dawn")           # a new change: nothing to redo
    assert builder.future == [] and builder.redo_button.disabled


def test_every_change_is_autosaved_atomically_in_the_work_folder(builder, work, tiny):
    from vcc_helpers import workspace
    assert builder.autosave_file == work / workspace.AUTOSAVE_NAME
    assert not builder.autosave_file.exists()          # nothing changed yet
    assert builder.add_episode("night", "The first night")
    assert casefile.load_case(builder.autosave_file) == builder.case
    assert builder.undo()
    assert casefile.load_case(builder.autosave_file) == tiny
    assert [p.name for p in work.iterdir()] == [workspace.AUTOSAVE_NAME]   # no .tmp left


def test_the_work_folder_is_one_function_next_to_the_notebook(monkeypatch, tmp_path):
    from vcc_helpers import workspace
    monkeypatch.delenv("VCC_WORK_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert builder_module.work_folder() == tmp_path / "my-work"
    assert not (tmp_path / "my-work").exists()
    assert workspace.work_folder(create=True).is_dir()


def test_a_failed_autosave_keeps_the_change_and_says_so(tiny, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    b = CaseBuilder(tiny, work=blocker)
    assert b.add_episode("night", "The first night")
    assert b.case.episode("night").label == "The first night"
    assert "Autosave to" in b.message and "failed" in b.message


def test_a_new_builder_offers_the_newer_autosave_and_recover_brings_it_back(tiny):
    first = CaseBuilder(tiny)
    assert first.add_component("kettle", "The kettle", "thing")
    again = CaseBuilder(tiny)                         # "the kernel restarted"
    assert again.recovery == first.autosave_file
    assert again.recovery_bar.layout.display == "flex"
    assert "Recover your unsaved work from" in again.recovery_text.value
    assert "vcc-live-only" in again.recovery_bar._dom_classes
    again.buttons["Recover"].click()
    assert again.case == first.case and again.history == [tiny]
    assert again.recovery is None and again.recovery_bar.layout.display == "none"
    assert again.undo() and again.case is tiny


def test_discard_moves_the_autosave_aside_and_says_where(tiny, work):
    first = CaseBuilder(tiny)
    assert first.add_component("kettle", "The kettle", "thing")
    saved = first.case
    again = CaseBuilder(tiny)
    again.buttons["Discard"].click()
    assert again.case is tiny and again.recovery is None
    (aside,) = [p for p in work.iterdir() if "set-aside" in p.name]
    assert casefile.load_case(aside) == saved
    assert aside.name in again.message and "nothing deleted" in again.message
    assert not first.autosave_file.exists()


def test_a_change_while_the_offer_is_open_keeps_the_old_autosave(tiny, work):
    first = CaseBuilder(tiny)
    assert first.add_component("kettle", "The kettle", "thing")
    saved = first.case
    again = CaseBuilder(tiny)
    assert again.add_episode("night", "The first night")   # without choosing
    (aside,) = [p for p in work.iterdir() if "set-aside" in p.name]
    assert casefile.load_case(aside) == saved
    assert aside.name in again.message
    assert casefile.load_case(again.autosave_file) == again.case


def test_no_offer_when_the_autosave_is_the_case_or_older_than_its_file(tiny, tmp_path):
    import os
    first = CaseBuilder(tiny)
    assert first.add_component("kettle", "The kettle", "thing")
    assert CaseBuilder(first.case).recovery is None         # the same case: nothing to offer
    source = tmp_path / "mine.yaml"
    casefile.save_case(tiny, source)
    t = first.autosave_file.stat().st_mtime
    os.utime(source, (t + 10, t + 10))
    assert CaseBuilder(tiny, source=source).recovery is None
    os.utime(source, (t - 10, t - 10))
    assert CaseBuilder(tiny, source=source).recovery == first.autosave_file
    assert CaseBuilder(tiny, autosave=False).recovery is None


def test_undo_keeps_200_changes_and_says_once_when_the_oldest_goes(tiny):
    assert CaseBuilder(tiny).history_limit >= 200
    b = CaseBuilder(tiny, history_limit=2, autosave=False)
    messages = []
    for n in range(4):
        assert b.add_episode(f"e{n}", f"Episode {n}")
        messages.append(b.message)
    assert len(b.history) == 2
    assert ["Undo now reaches back 2 changes" in m for m in messages] == [False, False, True, False]


# --------------------------------------------------------------------------------------
# CaseBuilder: a thin shell (edit.py, export_case, save_case, cached figures)
# --------------------------------------------------------------------------------------


def test_the_builder_edits_only_through_edit_py(builder, monkeypatch):
    from vcc_helpers import edit
    called = []
    for name in ("add_component", "update_relation", "update_episode", "set_interaction",
                 "remove_interaction", "set_affect", "remove_affect", "add_line_of_flight",
                 "remove_line_of_flight", "set_details", "add_relation", "add_episode"):
        real = getattr(edit, name)
        monkeypatch.setattr(edit, name, lambda *a, _r=real, _n=name, **k: (called.append(_n),
                                                                           _r(*a, **k))[1])
    assert builder.add_component("kettle", "Kettle", "thing")
    assert builder.add_episode("night", "Night")
    assert builder.add_relation("r8", "daughter", "kettle", "boils", episode="night")
    assert builder.update_relation("r8", "daughter", "kettle", "fills")
    assert builder.update_episode("night", "The night")
    assert builder.set_interaction("r8", "user", "direct")
    assert builder.remove_interaction("r8")
    assert builder.set_affect("r8", "can make tea")
    assert builder.remove_affect("r8")
    assert builder.add_line_of_flight("the kitchen", "she may scald herself")
    assert builder.remove_line_of_flight(len(builder.case.assemblage.lines_of_flight) - 1)
    assert builder.set_details(title="Tea")
    assert sorted(set(called)) == sorted({"add_component", "update_relation", "update_episode",
                                          "set_interaction", "remove_interaction", "set_affect",
                                          "remove_affect", "add_line_of_flight",
                                          "remove_line_of_flight", "set_details",
                                          "add_relation", "add_episode"})


def test_an_edit_error_shows_beside_its_field(builder, tiny):
    assert not builder.update_relation("r9", "daughter", "mrs-a", "x")
    assert "unknown relation &#x27;r9&#x27;" in builder.forms["relation"].errors["id"].value
    assert not builder.set_details(title=" ")
    assert "needs a title" in builder.forms["details"].errors["title"].value
    assert builder.case is tiny


def test_the_format_left_at_from_the_file_name_exports(builder, tmp_path):
    import networkx as nx
    for name in ("case.graphml", "case.gexf", "case.json"):
        builder.f_path.value = str(tmp_path / name)
        assert builder.f_format.value == "__none__"
        builder.buttons["Export"].click()
        assert (tmp_path / name).exists(), builder.message
        assert builder.message.startswith(f"Exported {tmp_path / name}")
    assert sorted(nx.read_graphml(tmp_path / "case.graphml").nodes)[:2] == ["bus", "daughter"]
    builder.f_path.value = str(tmp_path / "case.png")
    builder.buttons["Export"].click()
    assert "cannot tell the format from &#x27;case.png&#x27;" in \
        builder.forms["file"].errors["format"].value


def test_save_goes_through_save_case_and_says_when_it_replaced_a_file(builder, tmp_path,
                                                                      monkeypatch):
    seen = []
    real = casefile.save_case
    monkeypatch.setattr(builder_module.casefile, "save_case",
                        lambda case, path, **k: (seen.append((path, k["overwrite"])),
                                                 real(case, path, **k))[1])
    path = tmp_path / "mine.yaml"
    assert builder.save(path) and builder.message == f"Saved {path} (yaml)."
    assert builder.save(path, overwrite=True)
    assert builder.message == f"Saved {path} (yaml), replacing the file that was there."
    assert seen == [(path, False), (path, True)]


def test_saving_into_a_missing_folder_names_the_target_and_the_folder(builder, tmp_path):
    target = tmp_path / "missing" / "mine.yaml"
    for write in (lambda: builder.save(target), lambda: builder.export(target)):
        assert not write()
        assert builder.message == (f"Not changed: path: cannot write {target}: the folder "
                                   f"{target.parent} does not exist")
        assert ".tmp" not in builder.message
    assert not target.parent.exists()


def test_figures_of_an_unchanged_case_are_drawn_once(builder, monkeypatch):
    from vcc_helpers import figures
    drawn = []
    real = figures.assemblage_map
    monkeypatch.setattr(builder_module.figures, "assemblage_map",
                        lambda case, *rest: (drawn.append(case), real(case, *rest))[1])
    assert builder.set_affect("r2", "can plan her morning", "enhances")
    assert builder.undo() and builder.redo() and builder.undo() and builder.redo()
    assert len(drawn) == 1         # the original's figure was drawn before; the new one once


# --------------------------------------------------------------------------------------
# CaseBuilder: papercuts
# --------------------------------------------------------------------------------------


def test_file_actions_sit_with_the_path_and_details_are_apart(builder):
    file_box = builder.section_stack.children[SECTIONS_FILE]
    rows = [w for w in _walk(file_box)]
    order = [w for w in rows if w in (builder.f_path, builder.buttons["Load file"],
                                      builder.buttons["Save"], builder.buttons["Export"],
                                      builder.d_id, builder.buttons["Apply case details"])]
    assert order == [builder.f_path, builder.buttons["Load file"], builder.buttons["Save"],
                     builder.buttons["Export"], builder.d_id,
                     builder.buttons["Apply case details"]]
    assert "Save case details" not in builder.buttons


SECTIONS_FILE = builder_module.SECTIONS.index("Load and save")


def _walk(w):
    yield w
    for c in getattr(w, "children", ()):
        yield from _walk(c)


def test_a_blank_case_starts_clean_and_numbers_from_r1(builder):
    assert builder.add_component("kettle", "The kettle", "thin")    # leaves a hint
    assert not builder.add_relation("r8", "daughter", "nobody", "x")  # leaves a problem
    assert builder.r_id.value == "r8"
    builder.buttons["Start a blank case"].click()
    assert builder.case.relations == () and builder.r_id.value == "r1"
    for form in builder.forms.values():
        assert form.general.value == "" and all(e.value == "" for e in form.errors.values())
    assert builder.c_id.value == builder.c_kinds.value == builder.r_does.value == ""


def test_the_static_page_note_is_only_for_the_static_page(builder):
    from vcc_helpers.widgets._common import CSS
    note = builder.note.value
    assert 'vcc-static-only" role="note"' in note and esc(KERNEL_NOTE) in note
    # hidden everywhere but inside the built book's article; the live note the other way
    assert ".vcc-static-only{display:none}" in CSS
    assert ".bd-article .vcc-static-only{display:block}" in CSS
    assert ".bd-article .vcc-live-only{display:none !important}" in CSS
    assert "vcc-live-only" in note.split(esc(KERNEL_NOTE))[1]
    builder.buttons["Undo"].click()
    assert builder.note.value == note                     # no callback rewrites it


def test_the_builder_has_a_plain_text_fallback_for_a_restarted_kernel(builder):
    data = builder._repr_mimebundle_()
    data = data[0] if isinstance(data, tuple) else data
    assert data["text/plain"] == builder_module.RELAUNCH_NOTE
    assert "\n" not in data["text/plain"]
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == builder.model_id


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_messages_carry_their_own_background_with_4_5_to_1_contrast(builder):
    from vcc_helpers.widgets._common import CSS, MESSAGE_COLOURS
    for kind, (fg, bg) in MESSAGE_COLOURS.items():
        hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, kind
        assert f".vcc-w .vcc-{kind}{{color:{fg};background:{bg}" in CSS
    assert not builder.add_relation("r9", "daughter", "mrs-b", "rings")
    assert 'class="vcc-err"' in builder.status.value and "color:" not in builder.status.value


def test_untouched_reading_dropdowns_make_no_claim(builder):
    assert builder.a_direction.value == builder.a_tendency.value == \
        builder.a_character.value == "unclear"
    assert builder.a_direction.label.startswith("(not chosen")
    builder.a_rel.value = "r5"
    builder.a_capacity.value = "can get to the bus"
    builder.buttons["Set affect"].click()
    (affect,) = [a for a in builder.case.assemblage.affects if a.relation == "r5"]
    assert (affect.direction, affect.tendency, affect.character) == ("unclear",) * 3
    before = builder.case
    assert builder.i_sphere.label == builder.i_mode.label == "(not chosen)"
    builder.i_rel.value = "r5"
    builder.buttons["Set interaction"].click()
    assert builder.case is before
    assert "choose a sphere" in builder.forms["interaction"].errors["sphere"].value
    builder.i_sphere.value = "joint"
    builder.buttons["Set interaction"].click()
    assert builder.case is before and "choose a mode" in builder.message
    builder.i_mode.value = "indirect"
    builder.buttons["Set interaction"].click()
    assert [i for i in builder.case.service.interactions if i.relation == "r5"] == [
        builder_module.Interaction("r5", "joint", "indirect")]
    # a relation's ends are not guessed either
    assert builder.r_from.value == builder.r_to.value == ""
    builder.r_does.value = "rings"
    builder.buttons["Add relation"].click()
    assert "choose a component" in builder.forms["relation"].errors["from"].value
