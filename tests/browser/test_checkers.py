"""The browser checks catch what they claim to catch: each runs on a small hand-written
page served exactly as the book is, and must report the fault planted in it (and stay
quiet on a clean page). No book build is needed, so these run in a few seconds.
"""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

HEAD = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'


def page(body: str, title: str = "A test page", head: str = "") -> str:
    return HEAD.format(title=title).replace("</head>", head + "</head>") + \
        f"<body><main><h1>{title}</h1>{body}</main></body></html>"


CLEAN = page('<p>Plain text, dark on white.</p>'
             '<img src="map.svg" alt="Assemblage map: the key safe links the carers and Mrs A">'
             '<img src="rule.svg" alt="" role="presentation">')
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10"/></svg>'


def _site(write, extra: dict[str, str] | None = None):
    write("map.svg", SVG)
    write("rule.svg", SVG)
    for name, html in (extra or {}).items():
        write(name, html)


def test_a_clean_page_passes_every_check(throwaway_site):
    write, visit = throwaway_site
    _site(write, {"clean.html": CLEAN})
    r = visit("clean.html")
    assert (r.console_errors, r.failed_requests, r.third_party, r.axe, r.bad_alt, r.widget_problems,
            r.text_problems) == ([], [], [], [], [], [], [])
    assert r.images == 2


def test_an_image_without_alt_text_is_reported(throwaway_site):
    write, visit = throwaway_site
    _site(write, {"noalt.html": page(
        '<img src="map.svg">'                       # no alt at all
        '<img src="map.svg" alt="map.svg">'        # its file name
        '<img src="map.svg" alt="png">'            # a generic word
        '<img src="map.svg" alt="">'               # empty but not marked decorative
        '<img src="rule.svg" alt="" role="presentation">')})
    r = visit("noalt.html", run_axe=False)
    reasons = [line.split(": ", 1)[1] for line in r.bad_alt]
    assert reasons == ["no alt attribute", "alt text is a file path or name",
                       "alt text is a generic word: png",
                       'empty alt on an image not marked decorative (role="presentation")']


def test_a_console_error_and_an_uncaught_exception_are_reported(throwaway_site):
    write, visit = throwaway_site
    _site(write, {"err.html": page("<script>console.error('x')</script>"
                                   "<script>throw new Error('boom')</script>")})
    r = visit("err.html", run_axe=False)
    assert len(r.console_errors) == 2
    assert r.console_errors[0].startswith("x (at ")
    assert r.console_errors[1] == "uncaught: Error: boom"


def test_axe_violations_are_reported_by_impact(throwaway_site):
    write, visit = throwaway_site
    _site(write, {"a11y.html": page(
        '<p style="color:#777;background:#888">Grey on grey: too little contrast.</p>'
        '<input type="text">')})                     # a form field with no label
    r = visit("a11y.html")
    found = {(v["id"], v["impact"]) for v in r.axe}
    assert ("color-contrast", "serious") in found
    assert ("label", "critical") in found


def test_contrast_lost_in_dark_mode_only_is_reported(throwaway_site, dark_context):
    from .reader import dark_contrast
    write, visit = throwaway_site
    html = page("<p class='note'>Muted in the dark.</p>",
                head="<style>@media (prefers-color-scheme: dark) { body { background: #222 } "
                     ".note { color: #444 } }</style>")
    _site(write, {"dark.html": html})
    assert visit("dark.html").axe == []                       # fine in light mode
    base = visit("dark.html", run_axe=False).url.rsplit("/", 1)[0] + "/"
    found = dark_contrast(dark_context, base, "dark.html")
    assert [(v["id"], v["impact"]) for v in found] == [("color-contrast", "serious")]


def test_a_missing_file_of_the_site_is_a_failed_request(throwaway_site):
    write, visit = throwaway_site
    _site(write, {"missing.html": page('<script src="_static/gone.js"></script>')})
    r = visit("missing.html", run_axe=False)
    assert len(r.failed_requests) == 1 and r.failed_requests[0].endswith("_static/gone.js: HTTP 404")


def test_a_third_party_request_is_aborted_and_recorded_not_failed(throwaway_site):
    write, visit = throwaway_site
    _site(write, {"ext.html": page('<img src="https://example.org/key-safe.png" alt="A key safe by a door">')})
    r = visit("ext.html", run_axe=False)
    assert r.third_party == ["https://example.org/key-safe.png"]
    assert r.failed_requests == [] and r.console_errors == []


def test_axe_fetching_stylesheets_itself_is_not_blamed_on_the_page(throwaway_site):
    # axe-core re-fetches stylesheets and resolves their @import against the page; the
    # theme's _static/styles/theme.css imports "../basic.css" and axe asks for /basic.css.
    write, visit = throwaway_site
    _site(write, {"_static/styles/theme.css": '@import "../basic.css";',
                  "_static/basic.css": "p { margin: 1em; }",
                  "styled.html": page("<p>Styled.</p>",
                                      head='<link rel="stylesheet" href="_static/styles/theme.css">')})
    r = visit("styled.html")
    assert r.failed_requests == [] and r.console_errors == []


def test_math_from_the_cdn_is_served_locally_and_typeset(throwaway_site, node_modules_ready):
    if not node_modules_ready:
        pytest.fail("run bash scripts/fetch-widget-manager.sh")
    write, visit = throwaway_site
    _site(write, {"math.html": page(
        r'<p>Value <span class="math notranslate nohighlight">\(v = f(x)\)</span> here.</p>',
        head='<script defer src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>')})
    r = visit("math.html", run_axe=False)
    assert r.served_locally[0] == "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"
    assert r.math_problems == [] and r.console_errors == [] and r.third_party == []


def test_a_cdn_version_that_is_not_fetched_is_reported(throwaway_site):
    write, visit = throwaway_site
    _site(write, {"v.html": page(
        '<script src="https://cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager@0.0.1/dist/embed.js"></script>')})
    r = visit("v.html", run_axe=False)
    assert len(r.failed_requests) == 1
    assert "asks for @jupyter-widgets/html-manager@0.0.1" in r.failed_requests[0]


def test_broken_text_is_reported(throwaway_site):
    write, visit = throwaway_site
    _site(write, {"text.html": page(
        '<p>As <span class="bibtex-citation" id="id1">[]</span> argue, and '
        '<span class="bibtex-citation">[<a href="refs.html#id2"></a>]</span> too.</p>'
        '<p>See {term}`assemblage` for more.</p>'
        '<pre>{cite}`in-code-is-fine`</pre>'
        '<div class="cell_output"><pre>&lt;Figure size 640x480 with 1 Axes&gt;</pre></div>'
        '<p>And <span class="bibtex-citation">[<a href="refs.html#id3">Cluley and Radnor, 2020</a>]</span>.</p>')})
    r = visit("text.html", run_axe=False)
    assert r.text_problems == [
        'a citation with no visible label: "[]"',
        'a citation with no visible label: "[]" (to refs.html#id2)',
        'unparsed markup in the text: "See {term}`assemblage` for more."',
        "a matplotlib repr in an output: <Figure size 640x480 with 1 Axes>",
    ]


# --- widgets from embedded state ---------------------------------------------------

EMBED = "https://cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager@1.0.6/dist/embed.js"


def widget_page(model_id: str, value: str = "<p>Hello from a widget</p>") -> str:
    def model(name, module, state):
        return {"model_name": name, "model_module": module, "model_module_version": "2.0.0", "state": state}
    state = {"version_major": 2, "version_minor": 0, "state": {
        "m1": model("HTMLModel", "@jupyter-widgets/controls",
                    {"value": value, "layout": "IPY_MODEL_l1", "style": "IPY_MODEL_s1"}),
        "l1": model("LayoutModel", "@jupyter-widgets/base", {}),
        "s1": model("HTMLStyleModel", "@jupyter-widgets/controls", {})}}
    view = {"version_major": 2, "version_minor": 0, "model_id": model_id}
    return page(
        f'<div class="cell_output"><script type="application/vnd.jupyter.widget-view+json">'
        f'{json.dumps(view)}</script></div>',
        head=f'<script type="application/vnd.jupyter.widget-state+json">{json.dumps(state)}</script>'
             f'<script crossorigin="anonymous" src="{EMBED}"></script>')


def test_a_widget_renders_from_its_embedded_state(throwaway_site, node_modules_ready):
    if not node_modules_ready:
        pytest.fail("run bash scripts/fetch-widget-manager.sh")
    write, visit = throwaway_site
    _site(write, {"w.html": widget_page("m1")})
    r = visit("w.html", run_axe=False)
    assert r.widget_problems == [] and r.console_errors == [], (r.widget_problems, r.console_errors)
    assert [v["text"] for v in r.widget_views] == ["Hello from a widget"]


def test_a_widget_that_cannot_render_is_reported(throwaway_site, node_modules_ready):
    if not node_modules_ready:
        pytest.fail("run bash scripts/fetch-widget-manager.sh")
    write, visit = throwaway_site
    _site(write, {"bad.html": widget_page("no-such-model")})
    r = visit("bad.html", run_axe=False, widget_timeout_ms=3_000)
    assert "widget view 0 did not render" in r.widget_problems


def test_a_widget_shown_as_its_python_repr_is_reported(throwaway_site):
    write, visit = throwaway_site
    _site(write, {"repr.html": page(
        "<div class='cell_output'><pre>VBox(children=(HTML(value='x'),))</pre></div>")})
    r = visit("repr.html", run_axe=False)
    assert len(r.widget_problems) == 1 and "shown as text" in r.widget_problems[0]
