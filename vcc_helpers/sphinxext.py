"""Sphinx extension of the book (``vcc_helpers.sphinxext``): build-time pages and editions.

* ``chapters/case-file-reference.md`` holds the line ``<!-- vcc-schema-reference -->``;
  when Sphinx reads that page the line is replaced by the field tables rendered from the
  JSON Schema shipped in the package, so the page that lists the format cannot drift from
  the schema the validator and the tests use.
* ``vcc_hide_solutions = True`` builds the student edition: every exercise solution is
  removed from the pages, gated ones (``solution-start`` ... ``solution-end``, which may
  hold code cells) included. sphinx-exercise's own ``hide_solutions`` drops only the
  start marker of a gated solution and leaves its content and end marker behind (and the
  end marker then fails the HTML writer), so this runs after sphinx-exercise has merged
  each gated solution into one node and removes that node whole.
* The worked example is part of what the build sees: the chapters that load it
  (their source calls ``load_worked_example``) are read and executed again
  whenever the case setting (``VCC_WORKED_EXAMPLE``, or ``vcc_worked_example`` in
  ``_config.yml``) or the content of the case file changed since the last build.
  The jupyter cache keys on notebook text only, so its records of those chapters
  are dropped, and Sphinx is told they are outdated; a fingerprint of the case
  (:func:`vcc_helpers.cases.worked_example_fingerprint`) is kept beside the cache
  in ``vcc-worked-example.txt``. Without this, a swapped case left the old page.
* A dangling cross-reference in a notebook is reported at its cell: myst-nb numbers
  a notebook's lines as ``(cell index + 1) * 10000 + line``, so Sphinx's warning
  said ``03-....ipynb:370021`` for line 20 of the 37th cell, a line no editor has.
  The warning now reads ``03-....ipynb: cell 37, line 20: WARNING: unknown document: ...``
  (cells counted from 1, as in the notebook's file, hidden cells included).
  Chapters refer to each other by ``{doc}`` references, so dropping a chapter
  from ``_toc.yml`` makes the strict build name every place that still cites it.
* The bibliography style ``vcc_author_year`` labels entries "Author and Author 2020"
  (three or more authors: "Author et al. 2020"), matching the author-year citations in
  the text instead of numbering them [1], [2], ...
* Fixes to the HTML that Jupyter Book 1.0.4 (Sphinx 7.4, docutils 0.20) writes, found
  by the browser tests (tests/browser/), which check them on every page:

  1. each inline ``<script>`` once: Sphinx 7.4 writes an inline script that an extension
     adds after the builder has started twice, so sphinx-thebe's second
     ``const THEBE_JS_URL = ...`` is a SyntaxError in the console of every page;
  2. widget state that no label can break out of: myst-nb embeds each notebook's widget
     state as JSON in ``<script type="application/vnd.jupyter.widget-state+json">`` and
     guards only against the exact lowercase ``</script>``, so a case label holding
     ``</SCRIPT>`` or ``</script >`` ended the element and ran as markup. The state is
     re-encoded with ``<``, ``>`` and ``&`` written as JSON escapes (``\u003c`` ...),
     which the widget manager's JSON.parse reads back as the same text;
  3. no widget manager where no widget view is left: the book's widgets render as their
     ``text/html`` (``nb_mime_priority_overrides``), but myst-nb still embeds the
     notebook's widget state and loads the 3 MB manager; both are dropped from a page
     whose body holds no widget view (a page that still shows one keeps them, protected
     as in 2);
  4. the case builder's "Run this chapter to build your own case" link points at the
     page's launch buttons (sphinx-book-theme's), or at the how-to page without any;
  5. bibliography entries as list items: docutils writes ``role="doc-biblioentry"``, a
     role WAI-ARIA has deprecated, inside ``role="list"``; axe-core then finds a list with
     no list items (aria-required-children, critical).
"""
from __future__ import annotations

import json
from importlib import resources

from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitleSorting
from sphinx.transforms import SphinxTransform

MARKER = "<!-- vcc-schema-reference -->"


def _insert_schema(app, docname, source):
    if MARKER not in source[0]:
        return
    from vcc_helpers.schema_doc import schema_markdown

    schema_file = resources.files("vcc_helpers") / "schema" / "vcc-case-1.schema.json"
    app.env.note_dependency(str(schema_file))
    source[0] = source[0].replace(MARKER, schema_markdown())


class RemoveSolutions(SphinxTransform):
    """Remove every solution node when ``vcc_hide_solutions`` is on (student edition)."""

    default_priority = 50  # after sphinx-exercise's MergeGatedSolutions (priority 10)

    def apply(self) -> None:
        if not self.config.vcc_hide_solutions:
            return
        from sphinx_exercise.nodes import solution_node

        for node in list(self.document.findall(solution_node)):
            node.parent.remove(node)


FINGERPRINT_FILE = "vcc-worked-example.txt"


def _reads_worked_example(path) -> bool:
    try:
        return "load_worked_example" in open(path, encoding="utf-8").read()
    except OSError:
        return False


def _case_outdated(app, env, added, changed, removed):
    """Docnames that load the worked example, when the case changed since the last build."""
    from pathlib import Path

    from vcc_helpers import cases

    try:
        fingerprint = cases.worked_example_fingerprint(app.srcdir)
    except Exception:  # noqa: BLE001 - a bad setting is reported by the chapter that loads it
        fingerprint = "unreadable"
    readers = [d for d in sorted(env.found_docs)
               if str(env.doc2path(d)).endswith(".ipynb")
               and _reads_worked_example(env.doc2path(d))]
    stale_env = getattr(env, "vcc_worked_example", None) not in (None, fingerprint)
    env.vcc_worked_example = fingerprint
    cache_dir = getattr(app.config, "nb_execution_cache_path", "") or ""
    stale_cache = False
    if cache_dir and readers:
        cache_path = (Path(app.srcdir, cache_dir) if not Path(cache_dir).is_absolute()
                      else Path(cache_dir))
        stamp = cache_path / FINGERPRINT_FILE
        before = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None
        if before != fingerprint and cache_path.is_dir():
            stale_cache = True
            from jupyter_cache import get_cache

            cache = get_cache(str(cache_path))
            wanted = {str(Path(env.doc2path(d)).resolve()) for d in readers}
            for record in cache.list_cache_records():
                if str(Path(record.uri).resolve()) in wanted:
                    cache.remove_cache(record.pk)
        cache_path.mkdir(parents=True, exist_ok=True)
        stamp.write_text(fingerprint + "\n", encoding="utf-8")
    if not (stale_env or stale_cache):
        return []
    return [d for d in readers if d not in added and d not in changed]


NOTEBOOK_LINE_BASE = 10000  # myst_nb.core.nb_to_tokens: (cell_index + 1) * 10000 + line


def notebook_position(line: int) -> tuple[int, int] | None:
    """The cell (counted from 1) and line in it of a myst-nb notebook line number.

    >>> notebook_position(370021)
    (37, 20)
    >>> notebook_position(12) is None
    True
    """
    if line is None or line < NOTEBOOK_LINE_BASE:
        return None
    cell, within = divmod(line - 1, NOTEBOOK_LINE_BASE)
    return cell, within


def _missing_reference_at_cell(app, domain, node):
    """Report a dangling reference in a notebook by cell and line, not by myst-nb's number."""
    from sphinx.util import logging
    from sphinx.util.nodes import get_node_source

    try:
        source = get_node_source(node)
    except ValueError:
        return None
    where = notebook_position(node.line)
    if not source or not str(source).endswith(".ipynb") or where is None:
        return None
    typ, target = node.get("reftype"), node.get("reftarget")
    if domain and typ in getattr(domain, "dangling_warnings", {}):
        msg = domain.dangling_warnings[typ] % {"target": target}
    elif typ == "ref":
        msg = f"undefined label: {target!r}"
    else:
        return None
    logging.getLogger(__name__).warning(
        msg, location=f"{source}: cell {where[0]}, line {where[1]}", type="ref", subtype=typ)
    return True


def _surname(person) -> str:
    return str(Text.from_latex(" ".join(person.prelast_names + person.last_names)))


class AuthorYearLabels(BaseLabelStyle):
    """Labels such as "Cluley and Radnor 2020" or "Osborne et al. 2016"."""

    def format_labels(self, sorted_entries):
        labels = [self._label(entry) for entry in sorted_entries]
        seen: dict[str, int] = {}
        for label in labels:  # the same authors and year twice: 2015a, 2015b
            if labels.count(label) > 1:
                seen[label] = seen.get(label, 0) + 1
                yield label + "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
            else:
                yield label

    @staticmethod
    def _label(entry) -> str:
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [_surname(p) for p in people if _surname(p) != "others"]
        if len(people) > 2 or len(names) < len(people):
            who = f"{names[0]} et al."
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        else:
            who = names[0] if names else entry.key
        return f"{who} {entry.fields.get('year', 'n.d.')}"


class AuthorYearSorting(AuthorYearTitleSorting):
    """Sort by author, year and title, reading names as text ("{Engen et al.}" as Engen)."""

    def person_key(self, person):
        return str(Text.from_latex(super().person_key(person)))


class AuthorYearStyle(PlainStyle):
    """pybtex's plain style, sorted by author and year, with author-year labels."""

    default_label_style = "vcc_author_year"
    default_sorting_style = "vcc_author_year"


register_plugin("pybtex.style.labels", "vcc_author_year", AuthorYearLabels)
register_plugin("pybtex.style.sorting", "vcc_author_year", AuthorYearSorting)
register_plugin("pybtex.style.formatting", "vcc_author_year", AuthorYearStyle)


def _scripts_once(app, pagename, templatename, context, doctree):
    seen, scripts = set(), []
    for js in context.get("script_files", []):
        key = (js.filename or "", js.priority, tuple(sorted(js.attributes.items())))
        if key not in seen:
            seen.add(key)
            scripts.append(js)
    context["script_files"] = scripts


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_JSON_IN_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                               "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_for_script(data) -> str:
    """JSON text that is safe inside an HTML ``<script>`` element, whatever its strings hold.

    ``<``, ``>`` and ``&`` occur in JSON only inside strings, where their ``\\uXXXX``
    escapes mean the same characters, so nothing in the data can close the element.

    >>> json_for_script({"label": "</SCRIPT><img src=x onerror=alert(1)>"})
    '{"label": "\\\\u003c/SCRIPT\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    return json.dumps(data, ensure_ascii=False).translate(_JSON_IN_HTML)


def _safe_widget_state(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    safe = []
    for js in scripts:
        attributes = getattr(js, "attributes", None) or {}
        if attributes.get("type") == WIDGET_STATE and attributes.get("body"):
            body = json_for_script(json.loads(attributes["body"]))
            js = type(js)(js.filename, priority=js.priority, **{**attributes, "body": body})
        safe.append(js)
    context["script_files"] = safe


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _widget_manager_where_needed(app, pagename, templatename, context, doctree):
    """Drop the widget state and the widget manager from a page that shows no widget view.

    The book's widgets render as plain HTML there (``nb_mime_priority_overrides``), but
    myst-nb still embeds the notebook's widget state and loads the 3 MB manager whenever
    the executed notebook holds widget state.
    """
    scripts = context.get("script_files")
    if not scripts or WIDGET_VIEW in (context.get("body") or ""):
        return
    manager = set(getattr(app.config, "nb_ipywidgets_js", None) or {})
    kept = [js for js in scripts
            if (getattr(js, "attributes", None) or {}).get("type") != WIDGET_STATE
            and (getattr(js, "filename", None) or str(js)) not in manager]
    if len(kept) != len(scripts):
        context["script_files"] = kept


def _launch_buttons(context) -> list[tuple[str, str]]:
    """(name, url) of each launch button sphinx-book-theme made for this page."""
    out = []
    for group in context.get("header_buttons") or []:
        if isinstance(group, dict) and group.get("label") == "launch-buttons":
            out += [(b.get("text", ""), b["url"]) for b in group.get("buttons", [])
                    if b.get("type") == "link" and b.get("url")]
    return out


def _launch_routes(app, pagename, templatename, context, doctree):
    """Point the case builder's "Run this chapter" link at the launch routes this build has.

    :func:`vcc_helpers.widgets.static.builder_html` writes a sentence between
    ``<!--vcc-launch-->`` and ``<!--/vcc-launch-->``; it becomes a link to the page's
    first launch button (and the others after it), or to the how-to page when the build
    has none.
    """
    import html
    import re

    from vcc_helpers.widgets.static import LAUNCH_END, LAUNCH_LABEL, LAUNCH_START

    body = context.get("body") or ""
    if LAUNCH_START not in body:
        return
    routes = _launch_buttons(context)
    label = html.escape(LAUNCH_LABEL)
    if routes:
        (first, url), rest = routes[0], routes[1:]
        text = (f'<a class="vcc-launch-route" href="{html.escape(url)}">{label}</a> '
                f"on {html.escape(first)}, with a live kernel")
        if rest:
            text += ", or on " + ", ".join(
                f'<a href="{html.escape(u)}">{html.escape(n)}</a>' for n, u in rest)
        text += "; or open the notebook in your own Jupyter."
    else:
        how = context["pathto"]("chapters/how-to-use") if "chapters/how-to-use" in \
            app.env.found_docs else ""
        text = (f'<a class="vcc-launch-route" href="{html.escape(how)}">{label}</a>: '
                "open this notebook in your own Jupyter." if how else
                f"{label}: open this notebook in your own Jupyter.")
    pattern = re.compile(re.escape(LAUNCH_START) + ".*?" + re.escape(LAUNCH_END), re.S)
    context["body"] = pattern.sub(lambda _m: text, body)


def _citations_as_listitems(app, pagename, templatename, context, doctree):
    body = context.get("body") or ""
    if 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.add_config_value("vcc_hide_solutions", False, "env")
    # the branch the student edition is published as (scripts/student_edition.py)
    app.add_config_value("vcc_student_branch", "student", "env")
    # the worked example's case (see vcc_helpers.cases); VCC_WORKED_EXAMPLE overrides it
    app.add_config_value("vcc_worked_example", "", "env")
    app.connect("env-get-outdated", _case_outdated)
    app.connect("warn-missing-reference", _missing_reference_at_cell, priority=400)
    app.connect("source-read", _insert_schema)
    app.add_transform(RemoveSolutions)
    app.connect("html-page-context", _scripts_once, priority=900)
    app.connect("html-page-context", _widget_manager_where_needed, priority=900)
    app.connect("html-page-context", _safe_widget_state, priority=900)
    app.connect("html-page-context", _launch_routes, priority=900)
    app.connect("html-page-context", _citations_as_listitems, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
