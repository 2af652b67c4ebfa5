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
