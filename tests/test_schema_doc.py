"""Tests of the format reference page rendered from the JSON Schema
(:mod:`vcc_helpers.schema_doc`)."""
from __future__ import annotations

import re

import pytest

from vcc_helpers.casefile import FIELDS
from vcc_helpers.schema_doc import load_schema, schema_markdown

pytestmark = pytest.mark.unit


def _table(md: str, heading: str) -> list[str]:
    section = md.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [ln for ln in section.splitlines() if ln.startswith("| `")]


def test_every_mapping_has_a_section_with_every_field():
    md = schema_markdown()
    headings = {"case": "Case (the top level)", "source": "Source", "component": "Component",
                "episode": "Episode", "relation": "Relation", "readings": "Readings",
                "service": "Service reading", "interaction": "Interaction",
                "proposition": "Proposition", "value": "Value claim",
                "assemblage": "Assemblage reading", "affect": "Affect",
                "role_score": "Role score", "line_of_flight": "Line of flight",
                "territory": "Territory"}
    for record, heading in headings.items():
        rows = _table(md, heading)
        assert [re.match(r"\| `([a-z_]+)`", r).group(1) for r in rows] == list(FIELDS[record])


def test_rows_show_type_required_values_and_description():
    md = schema_markdown()
    assert _table(md, "Line of flight")[4] == (
        "| `danger` | text (not empty) | yes |  | Its danger: no line of flight is simply good. |")
    assert _table(md, "Affect")[1] == (
        "| `direction` | word | no | `enhances`, `diminishes`, `unclear` (default `unclear`) | "
        "Whether the affect enhances or diminishes the capacity. |")
    assert _table(md, "Relation")[1] == (
        "| `from` | [id](case-format-ids) | yes |  | The component that does something "
        "(a component id). |")
    assert _table(md, "Role score")[0] == (
        "| `material` | number from 0 to 1 | no |  | How material the role is, from 0 to 1. |")
    assert _table(md, "Valu" "e claim")[3] == (
        "| `valence` | word | yes | `creation`, `destruction`, `mixed`, `dis/value` | "
        "Creation, co-destruction, both (mixed), or dis/value. |")
    kinds = _table(md, "Component")[2]
    assert kinds.startswith("| `kinds` | list of text (not empty) | no | suggested: `person`, ")
    assert "; any other word is kept |" in kinds


def test_cross_references_point_to_targets_on_the_page():
    md = schema_markdown()
    targets = set(re.findall(r"^\(([a-z-]+)\)=$", md, flags=re.M))
    links = set(re.findall(r"\]\(([a-z-]+)\)", md))
    assert links and links <= targets
    assert "case-format-ids" in targets


def test_plain_markdown_has_no_targets_or_links():
    md = schema_markdown(labels=False)
    assert not re.search(r"^\(.*\)=$", md, flags=re.M)
    assert "](" not in md
    assert "| `on` | id | no |" in md


def test_pipes_in_descriptions_are_escaped():
    schema = load_schema()
    schema["$defs"]["episode"]["properties"]["label"]["description"] = "a | b"
    assert "| a \\| b |" in schema_markdown(schema)


def test_the_page_is_deterministic():
    assert schema_markdown() == schema_markdown()


def _csv_table(md: str, table: str) -> list[str]:
    section = md.split(f"### `{table}.csv`", 1)[1].split("\n### ", 1)[0]
    return [ln for ln in section.splitlines() if ln.startswith("| `")]


def test_the_csv_section_lists_the_columns_the_importer_reads():
    from vcc_helpers.csvimport import COLUMNS, REQUIRED_COLUMNS

    md = schema_markdown()
    assert "(case-format-csv)=\n## Spreadsheets (CSV files)\n" in md
    for table, cols in COLUMNS.items():
        rows = _csv_table(md, table)
        assert [re.match(r"\| `([a-z_]+)`", r).group(1) for r in rows] == list(cols)
        assert [r.split(" | ")[1] == "yes" for r in rows] == [
            c in REQUIRED_COLUMNS[table] for c in cols]
    assert _csv_table(md, "components")[2] == (
        "| `kinds` | no | a list: items separated by `;` (a `,` also works, with a warning) | "
        "What sort of thing it is; several are allowed. Open: your own words are kept (a "
        "close miss gets a 'did you mean' hint). |")
    assert _csv_table(md, "episodes")[1].startswith(
        "| `label` | no (default: the episode's id) | text (one line, not empty) |")
    assert "- **Between cells**: comma (`,`), semicolon (`;`), tab. " in md
    assert "(`Id`, `ID` and `id` are one column)" in md
    assert "human (a kind `collective` or `person`), a composite (a kind `organisation`)" in md


def test_the_csv_section_follows_the_schema():
    schema = load_schema()
    schema["$defs"]["relation"]["properties"]["place"] = {"type": "string",
                                                         "description": "Where it happens."}
    assert _csv_table(schema_markdown(schema), "relations")[-1] == (
        "| `place` | no | text | Where it happens. |")
    plain = schema_markdown(labels=False)
    assert "### `components.csv`: the fields of a component\n" in plain


def test_the_csv_section_names_the_workbook_route():
    md = schema_markdown()
    assert "`python -m vcc_helpers import-sheet CASE.xlsx -o CASE.yaml`" in md
    assert "sheets named `components`, `relations`, `episodes` (in any case" in md
