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
from vcc_helpers.widgets._common import KERNEL_NOTE, esc, residue_html
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
    for view, ep in zip(stepper.views, stepper.steps):
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
