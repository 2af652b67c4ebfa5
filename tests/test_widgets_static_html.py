"""The widgets' static HTML (vcc_helpers.widgets.static) and the build steps that serve it.

On the book's static pages each widget shows its ``text/html`` representation: every
view in order (readable with JavaScript off), a tab list the inline script reveals, a
live region, Previous/Next on the stepper, and for the case builder an inert picture
with a "Run this chapter" link. The browser half is tests/browser/test_static_views.py.
"""
from __future__ import annotations

import html.parser
import re

import pytest

from vcc_helpers import cases, sphinxext
from vcc_helpers.widgets import CaseBuilder, EpisodeStepper, LensExplorer, static

pytestmark = pytest.mark.unit

VIEW_MIME = "application/vnd.jupyter.widget-view+json"


class _Tags(html.parser.HTMLParser):
    """Start tags with their attributes, and the text outside scripts and styles."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.under_hidden: list[str] = []   # tags inside an element with the hidden attribute
        self._open: list[tuple[str, bool]] = []
        self._skip = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        hidden = bool(self._open and self._open[-1][1])
        if hidden:
            self.under_hidden.append(tag)
        if tag not in ("img", "br", "hr", "input", "meta", "link", "source", "wbr"):
            self._open.append((tag, hidden or "hidden" in attrs))
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.text.append(data.strip())

    def having(self, tag: str | None = None, **attrs) -> list[dict]:
        return [a for t, a in self.tags if (tag is None or t == tag)
                and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]


@pytest.fixture(scope="module")
def case():
    return cases.load("hospital-discharge")


@pytest.fixture(scope="module")
def explorer(case):
    return LensExplorer(case)


@pytest.fixture(scope="module")
def stepper(case):
    return EpisodeStepper(case)


@pytest.mark.parametrize("make", [LensExplorer, EpisodeStepper])
def test_the_widgets_carry_their_view_and_plain_html(case, make):
    bundle = make(case)._repr_mimebundle_()
    assert VIEW_MIME in bundle and "text/html" in bundle and "text/plain" in bundle
    assert bundle["text/html"].count('class="vcc-views vcc-w"') == 1


def test_the_builder_keeps_its_plain_text_and_adds_its_picture(tmp_path):
    b = CaseBuilder(cases.load("gp-appointment"), work=tmp_path)
    bundle = b._repr_mimebundle_()
    assert VIEW_MIME in bundle
    assert bundle["text/plain"].startswith("Run this cell again")
    assert "vcc-builder-static" in bundle["text/html"]


def test_explorer_views_read_in_order_and_the_pair_draws_nothing_twice(explorer):
    page = _Tags(explorer._repr_static_html_())
    names = [t for t in page.text if t in explorer.views]
    # the view names, as headings of the views, in reading order, each once
    assert [n for n in names if n != "Side by side"][-3:] == ["Service logic", "Assemblage", "Residue"]
    tabs = page.having("button", role="tab")
    assert [t["data-vcc-views"] for t in tabs] == ["0", "1", "0 1", "2"]
    assert [t["aria-selected"] for t in tabs] == ["true", "false", "false", "false"]
    assert [t["tabindex"] for t in tabs] == ["0", "-1", "-1", "-1"]
    imgs = page.having("img")
    assert len(imgs) == 2 and len({i["src"] for i in imgs}) == 2, "each lens figure once"
    assert [i["alt"] for i in imgs] == [explorer.alts["service"], explorer.alts["assemblage"]]


def test_every_control_is_hidden_until_the_script_runs(explorer, stepper):
    for widget in (explorer, stepper):
        page = _Tags(widget._repr_static_html_())
        bars = page.having("div", **{"class": "vcc-views-bar vcc-views-head"})
        assert len(bars) == 1 and "hidden" in bars[0]
        # every button sits inside a bar that is hidden without script
        buttons = [t for t, _ in page.tags].count("button")
        assert buttons >= 4 and page.under_hidden.count("button") == buttons
        assert len(page.having("p", role="status")) == 1
        assert page.having("p", role="status")[0]["aria-live"] == "polite"


def test_stepper_has_one_view_per_episode_and_previous_next_twice(stepper):
    text = stepper._repr_static_html_()
    page = _Tags(text)
    assert len(page.having("div", **{"class": "vcc-view"})) == len(stepper.steps)
    prev = [a for a in page.having("button") if a.get("data-vcc-step") == "-1"]
    nxt = [a for a in page.having("button") if a.get("data-vcc-step") == "1"]
    assert len(prev) == len(nxt) == 2, "above and below the episode"
    says = [t["data-vcc-say"] for t in page.having("button", role="tab")]
    assert says[0] == f"Episode 1 of {len(stepper.steps)}: {stepper.case.episodes[0].label}."
    ids = [a["id"] for a in page.having() if "id" in a]
    assert len(ids) == len(set(ids))


def test_two_equal_views_on_a_page_get_different_ids(case):
    a, b = (LensExplorer(case)._repr_static_html_() for _ in range(2))
    ida, idb = (re.search(r'class="vcc-views vcc-w" id="([^"]+)"', x).group(1) for x in (a, b))
    assert ida != idb and ida.rsplit("-", 1)[0] == idb.rsplit("-", 1)[0]


def test_views_html_refuses_nothing_to_show():
    with pytest.raises(ValueError, match="at least one view"):
        static.views_html("", [], label="View:")


HOSTILE = '</script><img src=x onerror=alert(1)>"\' On the ward'


def test_a_hostile_episode_label_stays_text(case):
    import dataclasses

    ep = dataclasses.replace(case.episodes[0], label=HOSTILE)
    hostile = dataclasses.replace(case, episodes=(ep, *case.episodes[1:]))
    text = EpisodeStepper(hostile)._repr_static_html_()
    page = _Tags(text)
    assert [t for t, _ in page.tags].count("script") == 1, "only the views' own script"
    assert all(a.get("src", "").startswith("data:image/") for a in page.having("img"))
    assert any(HOSTILE.strip() in t for t in page.text)  # shown as text
    assert any(a.get("data-vcc-say", "").startswith("Episode 1 of") and "onerror" in a["data-vcc-say"]
               for a in page.having("button"))


def test_the_builder_picture_has_no_control_and_a_labelled_route(tmp_path):
    case = cases.load("gp-appointment")
    text = CaseBuilder(case, work=tmp_path)._repr_static_html_()
    page = _Tags(text)
    controls = [t for t, _ in page.tags if t in ("button", "input", "select", "textarea", "form")]
    assert controls == []
    assert static.LAUNCH_START in text and static.LAUNCH_END in text
    assert static.LAUNCH_LABEL in text
    assert len(page.having("div", role="note")) == 1
    assert {c.label for c in case.components} <= set(page.text)
    assert len(page.having("img")) == 2


# --- the build: no widget manager where no widget view is left, the launch link ----------

class _JS:
    def __init__(self, filename, **attributes):
        self.filename, self.priority, self.attributes = filename, 500, attributes


class _App:
    class config:  # noqa: N801 - stands in for Sphinx's config object
        nb_ipywidgets_js = {"https://cdn.example/embed.js": {"crossorigin": "anonymous"}}

    class env:  # noqa: N801
        found_docs = {"chapters/how-to-use", "chapters/07-your-own-case"}


def _scripts():
    return [_JS("_static/doctools.js"),
            _JS(None, type=sphinxext.WIDGET_STATE, body='{"state": {}}'),
            _JS("https://cdn.example/embed.js", crossorigin="anonymous")]


def test_a_page_with_no_widget_view_loads_no_widget_manager():
    context = {"script_files": _scripts(), "body": '<div class="vcc-views">...</div>'}
    sphinxext._widget_manager_where_needed(_App, "p", "page.html", context, None)
    assert [js.filename for js in context["script_files"]] == ["_static/doctools.js"]


def test_a_page_with_a_widget_view_keeps_its_manager_and_state():
    body = f'<script type="{VIEW_MIME}">{{"model_id": "x"}}</script>'
    context = {"script_files": _scripts(), "body": body}
    sphinxext._widget_manager_where_needed(_App, "p", "page.html", context, None)
    assert len(context["script_files"]) == 3


def _builder_body() -> str:
    return static.builder_html(cases.load("gp-appointment"), ("Components",), [])


def test_the_launch_link_goes_to_the_pages_launch_buttons():
    buttons = [{"type": "group", "label": "launch-buttons", "buttons": [
        {"type": "link", "text": "Binder", "url": "https://binder.example/v2/x?urlpath=a&b"},
        {"type": "link", "text": "Colab", "url": "https://colab.example/x"}]}]
    context = {"body": _builder_body(), "header_buttons": buttons}
    sphinxext._launch_routes(_App, "chapters/07-your-own-case", "page.html", context, None)
    page = _Tags(context["body"])
    links = page.having("a", **{"class": "vcc-launch-route"})
    assert [a["href"] for a in links] == ["https://binder.example/v2/x?urlpath=a&b"]
    assert static.LAUNCH_START not in context["body"]
    assert "https://colab.example/x" in context["body"]
    assert f">{static.LAUNCH_LABEL}</a>" in context["body"]


def test_without_launch_buttons_the_link_goes_to_the_how_to_page():
    context = {"body": _builder_body(), "header_buttons": [],
               "pathto": lambda doc: "../" + doc.split("/")[-1] + ".html"}
    sphinxext._launch_routes(_App, "chapters/07-your-own-case", "page.html", context, None)
    links = _Tags(context["body"]).having("a", **{"class": "vcc-launch-route"})
    assert [a["href"] for a in links] == ["../how-to-use.html"]
