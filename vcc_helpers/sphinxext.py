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
"""
from __future__ import annotations

from importlib import resources

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


def setup(app):
    app.add_config_value("vcc_hide_solutions", False, "env")
    app.connect("source-read", _insert_schema)
    app.add_transform(RemoveSolutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
