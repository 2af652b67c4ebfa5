"""The static-page extension (vcc_helpers/sphinx_pages.py): exercises give no verdict for
an answer nobody gave and say how to try them, self-checks, the launch menu's label."""
from __future__ import annotations

import pytest

from vcc_helpers import sphinx_pages

pytestmark = pytest.mark.unit

LAUNCH = [{"type": "group", "label": "launch-buttons", "tooltip": "Launch interactive content",
           "buttons": [{"text": "Binder", "url": "https://mybinder.org/v2/gh/o/r/main?x=1&y=2"},
                       {"text": "Colab", "url": "https://colab.research.google.com/github/o/r"}]}]


def test_try_links_are_the_launch_menus_routes_labelled():
    links = sphinx_pages.try_links(LAUNCH)
    assert links.count("<li>") == 2
    assert ">Run this chapter on Binder</a>" in links and ">Run this chapter on Colab</a>" in links
    assert "x=1&amp;y=2" in links  # the URL is an attribute value, escaped


def test_try_links_without_a_launch_menu_name_no_route():
    links = sphinx_pages.try_links([{"label": "download-buttons", "buttons": [{"url": "x"}]}])
    assert "href" not in links and "own computer" in links


def test_the_launch_menu_gets_its_visible_label_as_its_name():
    buttons = [dict(g) for g in LAUNCH]
    context = {"header_buttons": buttons, "body": "<p>a</p>" + sphinx_pages.TRY_MARK}
    sphinx_pages._page_context(None, "p", "page.html", context, None)
    assert buttons[0]["tooltip"] == sphinx_pages.LAUNCH_LABEL
    assert sphinx_pages.TRY_MARK not in context["body"] and "Run this chapter on Colab" in context["body"]


BOOK = """
Page
====

.. exercise:: One
   :label: ex-one

   Which?

   .. raw:: html

      <div class="vcc-feedback vcc-feedback-not-yet" role="status"><p>Not yet: your answer is empty.</p></div>

   .. self-check:: Which letter comes first?
      :answer: a
      :explain: The alphabet starts there.

      a. A
      b. B

.. raw:: html

   <div class="vcc-feedback vcc-feedback-right"><p>Right: outside an exercise it stays.</p></div>
"""


def _build(tmp_path, text):
    import io

    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "extensions = ['sphinx_exercise', 'vcc_helpers.sphinx_pages']\n", encoding="utf-8")
    (src / "index.rst").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    warnings = io.StringIO()
    app = Sphinx(str(src), str(src), str(out), str(tmp_path / "doctrees"), "html",
                 status=None, warning=warnings, freshenv=True)
    app.build()
    return (out / "index.html").read_text(encoding="utf-8"), warnings.getvalue()


def test_an_exercises_feedback_becomes_how_to_try_it_and_the_self_check_renders(tmp_path, monkeypatch):
    monkeypatch.setattr(sphinx_pages, "_copy_tippy", lambda app, exc: None)  # no vendor/ here
    page, warnings = _build(tmp_path, BOOK)
    assert "self-check" not in warnings, warnings
    assert "Not yet: your answer is empty" not in page
    assert "Try it in a running chapter" in page and "own computer" in page
    assert "Right: outside an exercise it stays." in page
    assert 'class="vcc-self-check"' in page and 'data-key="a"' in page
    assert page.count('type="radio"') == 2 and 'role="status"' in page


def test_a_self_check_whose_answer_is_not_an_option_fails_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(sphinx_pages, "_copy_tippy", lambda app, exc: None)
    text = BOOK.replace(":answer: a", ":answer: c")
    page, warnings = _build(tmp_path, text)
    assert "self-check: answer 'c' must be one of its options ['a', 'b']" in warnings
    assert "vcc-self-check" not in page


def test_self_check_options_parse():
    assert sphinx_pages._OPTION.match("b. The user alone").groups() == ("b", "The user alone")
    assert sphinx_pages._OPTION.match("The user alone") is None


def test_previews_are_kept_for_glossary_terms_and_citations_only():
    class App:
        class env:
            tippy_data = {"pages": {"chapters/api": {"refs_in_page": {
                ("chapters/glossary", "term-affect"), ("chapters/references", "id9"),
                ("chapters/06-worked-example", "the-spheres"), (None, "term-user-sphere"),
                (None, "vcc_helpers.model.Case")}}}}

    sphinx_pages._only_term_and_citation_tips(App, "chapters/api", "page.html", {}, None)
    assert App.env.tippy_data["pages"]["chapters/api"]["refs_in_page"] == {
        ("chapters/glossary", "term-affect"), ("chapters/references", "id9"), (None, "term-user-sphere")}
