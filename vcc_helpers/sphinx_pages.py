"""Sphinx extension of the book's static pages (``vcc_helpers.sphinx_pages``).

What a reader of the built HTML meets, where no kernel runs:

* **No verdict for an answer nobody gave.** A check cell of an exercise runs during the
  build with the notebook's placeholder answer, and its feedback ("Not yet: your answer
  is empty") would be printed on the page. In the HTML build, inside an exercise, that
  feedback is replaced by a note saying how to try the exercise, with a labelled link
  to each launch route the page's own launch menu has (the same list, so a link can
  only name a route this build really has). The notebook itself is unchanged: in
  Jupyter the check runs on the reader's answer.
* **Self-checks** (``{self-check}``): a closed question with its own key, answered on the
  static page in a small form (``_static/vcc-pages.js``, a few KB). The key is the
  self-check's, never an exercise's model answer::

      ```{self-check} Who can see what happens in the user sphere?
      :answer: b
      :explain: Only the user: ... (shown after any choice)

      a. The provider, through its staff
      b. The user alone
      c. Both of them
      ```

* **The launch menu** gets a visible label ("Run this chapter") instead of a bare rocket.
* **Tags** for ``{only}``: ``jupyterhub`` when the build has JupyterHub launch buttons
  (``jupyterlite`` is set by ``scripts/sphinx_lite.py``), so the how-to page lists
  exactly the routes of this build.
* **Hover previews** (sphinx-tippy) use the copies of Popper and Tippy in
  ``vendor/tippy/``, served from the site, never a CDN.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

TRY_MARK = "<!--vcc-try-links-->"
LAUNCH_LABEL = "Run this chapter"
TIPPY_DIR = "vcc-tippy"
TIPPY_FILES = ("popper-2.11.8.min.js", "tippy-bundle-6.3.7.umd.min.js")
_FEEDBACK = re.compile(r'class="vcc-feedback\b')
_OPTION = re.compile(r"^([a-z])[.)]\s+(.+)$")


def _launch_buttons(config) -> dict:
    return (getattr(config, "html_theme_options", None) or {}).get("launch_buttons") or {}


def _add_route_tags(app, config) -> None:
    if str(_launch_buttons(config).get("jupyterhub_url") or "").strip():
        app.tags.add("jupyterhub")


class ExerciseFeedbackToTry(SphinxTransform):
    """Replace a check's feedback inside an exercise by how to try it (HTML builds)."""

    default_priority = 55  # after sphinx-exercise merged each gated exercise into one node

    def apply(self) -> None:
        from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node

        for ex in list(self.document.findall(
                lambda n: isinstance(n, (exercise_node, exercise_enumerable_node)))):
            for raw in list(ex.findall(nodes.raw)):
                if "html" in raw.get("format", "") and _FEEDBACK.search(raw.astext()):
                    note = ('<div class="vcc-try" role="note"><p><strong>Try it in a running '
                            'chapter.</strong> This page runs no code, so the check gives no '
                            'verdict here. Open the chapter, write your answer in the cell '
                            'above and run it: the check then says what is right and what to '
                            f'look at again.</p>{TRY_MARK}</div>')
                    raw.replace_self(nodes.raw("", note, format="html"))


def try_links(header_buttons: list) -> str:
    """The launch routes of a page's launch menu as labelled links (HTML)."""
    routes = []
    for group in header_buttons or ():
        if isinstance(group, dict) and group.get("label") == "launch-buttons":
            routes += [b for b in group.get("buttons") or () if b.get("url")]
    if not routes:
        return ('<p>Run it in Jupyter on your own computer (see "How to use this book").</p>')
    items = "".join(f'<li><a href="{html.escape(b["url"], quote=True)}">Run this chapter on '
                    f'{html.escape(b.get("text", "a server"))}</a></li>' for b in routes)
    return f'<ul class="vcc-try-links">{items}</ul>'


def _page_context(app, pagename, templatename, context, doctree) -> None:
    buttons = context.get("header_buttons") or []
    for group in buttons:
        if isinstance(group, dict) and group.get("label") == "launch-buttons":
            group["tooltip"] = LAUNCH_LABEL  # the accessible name; the CSS shows it too
    body = context.get("body") or ""
    if TRY_MARK in body:
        context["body"] = body.replace(TRY_MARK, try_links(buttons))


class SelfCheck(SphinxDirective):
    """A closed question with its own key, answered on the static page."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"answer": directives.unchanged_required, "explain": directives.unchanged}

    def run(self):
        question = self.arguments[0].strip()
        key = self.options["answer"].strip().lower()
        options = []
        for line in self.content:
            if not line.strip():
                continue
            m = _OPTION.match(line.strip())
            if not m:
                raise self.error(f"self-check: option line {line.strip()!r} should read "
                                 "'a. text'")
            options.append(m.groups())
        letters = [o[0] for o in options]
        if key not in letters or len(set(letters)) != len(letters) or len(options) < 2:
            raise self.error(f"self-check: answer {key!r} must be one of its options "
                             f"{letters} (at least two, each letter once)")
        serial = self.env.new_serialno("vcc-self-check")
        ident = f"vcc-sc-{self.env.docname.replace('/', '-')}-{serial}"
        e = html.escape
        items = "".join(
            f'<li><label><input type="radio" name="{ident}" value="{e(letter)}"> '
            f'<span class="vcc-sc-letter">{e(letter)}.</span> {e(text)}</label></li>'
            for letter, text in options)
        explain = e(self.options.get("explain", "").strip())
        # a form with no name of its own is no landmark (one per question would crowd the
        # landmarks); the fieldset's legend names the group of options
        markup = (
            f'<form class="vcc-self-check" id="{ident}" data-key="{e(key)}" '
            f'data-explain="{explain}"><fieldset>'
            f'<legend class="vcc-sc-title"><strong>Self-check.</strong> {e(question)}</legend>'
            f'<ul class="vcc-sc-options">{items}</ul>'
            f'<p class="vcc-sc-js-only"><button type="submit">Check my choice</button></p>'
            f'<p class="vcc-sc-feedback" role="status" aria-live="polite"></p>'
            f'<noscript><p>This self-check needs JavaScript to answer; the question is '
            f'still worth answering in your notes.</p></noscript></fieldset></form>')
        return [nodes.raw("", markup, format="html")]


def _copy_tippy(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    target = Path(app.outdir, "_static", TIPPY_DIR)
    target.mkdir(parents=True, exist_ok=True)
    for name in TIPPY_FILES:
        shutil.copyfile(Path(app.srcdir, "vendor", "tippy", name), target / name)


# sphinx-tippy previews every internal link of a page; the API page alone then loads half
# a megabyte of previews. Only glossary terms and citations keep theirs.
PREVIEW_PAGES = ("chapters/glossary", "chapters/references")


def _only_term_and_citation_tips(app, pagename, templatename, context, doctree) -> None:
    try:
        from sphinx_tippy import get_tippy_data
    except ImportError:
        return
    page = get_tippy_data(app)["pages"].get(pagename)
    if page:
        page["refs_in_page"] = {(other, target) for other, target in page["refs_in_page"]
                                if target and (other in PREVIEW_PAGES
                                               or str(target).startswith("term-"))}


def _stable_tippy_names() -> None:
    """sphinx-tippy names each page's preview file with a fresh uuid4, so every build
    changes the site and (its clean-up globbing only the first path part) leaves the old
    files behind; a fixed name keeps the build deterministic and overwrites the file."""
    try:
        import sphinx_tippy
    except ImportError:
        return
    sphinx_tippy.uuid4 = lambda: "previews"


def setup(app):
    _stable_tippy_names()
    app.connect("html-page-context", _only_term_and_citation_tips, priority=460)
    app.connect("config-inited", _add_route_tags)
    app.add_transform(ExerciseFeedbackToTry)
    app.add_directive("self-check", SelfCheck)
    app.connect("html-page-context", _page_context, priority=950)
    app.connect("build-finished", _copy_tippy)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
