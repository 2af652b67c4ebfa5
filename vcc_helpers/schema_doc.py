"""The case-file reference page, rendered from the JSON Schema alone.

:func:`schema_markdown` turns ``vcc_helpers/schema/vcc-case-1.schema.json`` into
MyST Markdown: one table per kind of mapping (field, type, required, allowed
values, description).  The book's format reference page is generated from it,
so the page, the schema and the checker cannot drift apart silently (the tests
compare the schema with the checker).  Its last section documents the spreadsheet
route: the CSV columns that :mod:`vcc_helpers.csvimport` derives from the same schema,
and how the files are read (separators, headers, kinds, episodes).

Examples
--------
>>> md = schema_markdown()
>>> "| `danger` | text (not empty) | yes |" in md
True
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

__all__ = ["load_schema", "schema_markdown", "SCHEMA_RESOURCE"]

SCHEMA_RESOURCE = "schema/vcc-case-1.schema.json"
"""Where the schema lives inside the package."""

_ORDER = ("source", "component", "episode", "relation", "readings", "service", "interaction",
          "proposition", "value_claim", "assemblage", "affect", "role_score", "line_of_flight",
          "territory")


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return (files("vcc_helpers") / SCHEMA_RESOURCE).read_text(encoding="utf-8")


def load_schema() -> dict:
    """The JSON Schema of the ``vcc-case/1`` format, as a dict (a fresh copy).

    Examples
    --------
    >>> load_schema()["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    """
    return json.loads(_schema_text())


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(value) -> str:
    return f"`{value}`"


class _Renderer:
    def __init__(self, schema: dict, prefix: str, labels: bool):
        self.schema = schema
        self.defs = schema["$defs"]
        self.prefix = prefix
        self.labels = labels

    def label(self, name: str) -> str:
        return f"{self.prefix}-{name.replace('_', '-')}"

    def id_link(self) -> str:
        return f"[id]({self.prefix}-ids)" if self.labels else "id"

    def link(self, name: str) -> str:
        title = self.defs[name].get("title", name).lower()
        return f"[{title}]({self.label(name)})" if self.labels else title

    @staticmethod
    def _ref_name(s: dict) -> str | None:
        ref = s.get("$ref", "")
        return ref.rsplit("/", 1)[-1] if ref.startswith("#/$defs/") else None

    def type_of(self, s: dict) -> str:
        name = self._ref_name(s)
        if name == "id":
            return self.id_link()
        if name is not None:
            return self.link(name)
        if "const" in s:
            return "text"
        if "enum" in s:
            return "word"
        if "anyOf" in s:
            return " or ".join(self.type_of(x) for x in s["anyOf"])
        types = s.get("type", [])
        types = [types] if isinstance(types, str) else [t for t in types if t != "null"]
        t = types[0] if types else ""
        if t == "string":
            if s.get("pattern", "").startswith("^(?!x-)"):
                return self.id_link()
            notes = [n for n, on in (("one line", s.get("x-single-line")),
                                     ("not empty", s.get("pattern") == "\\S")) if on]
            return f"text ({', '.join(notes)})" if notes else "text"
        if t == "number":
            if "minimum" in s and "maximum" in s:
                return f"number from {s['minimum']} to {s['maximum']}"
            return "number"
        if t == "array":
            item = self.type_of(s.get("items", {}))
            return f"list of {item}"
        if t == "object":
            if "additionalProperties" in s and s["additionalProperties"] is not False:
                keys = s.get("x-keys", "ids")
                return f"mapping: {keys} → {self.type_of(s['additionalProperties'])}"
            return "mapping"
        return t or "any"

    def allowed(self, s: dict) -> str:
        if "const" in s:
            return _code(s["const"])
        if "enum" in s:
            values = [v for v in s["enum"] if v is not None]
            text = ", ".join(_code(v) for v in values)
            if "default" in s:
                text += f" (default {_code(s['default'])})"
            return text
        if "examples" in s:
            return "suggested: " + ", ".join(_code(v) for v in s["examples"]) + \
                "; any other word is kept"
        if "anyOf" in s:
            parts = [self.allowed(x) for x in s["anyOf"]]
            return next((p for p in parts if p), "")
        if s.get("type") in ("array", ["array", "null"]) and isinstance(s.get("items"), dict):
            return self.allowed(s["items"])
        if isinstance(s.get("additionalProperties"), dict):
            return self.allowed(s["additionalProperties"])
        return ""

    def table(self, name: str, s: dict, title: str) -> list[str]:
        out = []
        if self.labels:
            out.append(f"({self.label(name)})=")
        out.append(f"## {title}")
        out.append("")
        out.append(_cell(s.get("description", "")))
        out.append("")
        out.append("| Field | Type | Required | Allowed values | Description |")
        out.append("|---|---|---|---|---|")
        required = set(s.get("required", ()))
        for key, prop in s.get("properties", {}).items():
            out.append(f"| {_code(key)} | {_cell(self.type_of(prop))} | "
                       f"{'yes' if key in required else 'no'} | {_cell(self.allowed(prop))} | "
                       f"{_cell(prop.get('description', ''))} |")
        out.append("")
        if "^x-" in s.get("patternProperties", {}):
            out.append("Keys beginning with `x-` are extension keys: accepted and ignored.")
            out.append("")
        return out

    def render(self) -> str:
        s = self.schema
        idd = self.defs["id"]
        lines = [
            _cell(s.get("description", "")),
            "",
            f"Every case file starts with `format: {s['properties']['format']['const']}`. "
            "The tables below list every key the format knows, mapping by mapping. "
            "A key left out, or given no value (`null`, `~` or nothing after the colon), "
            "takes its default: empty text, an empty list, or the default shown.",
            "",
        ]
        if self.labels:
            lines += [f"({self.prefix}-ids)="]
        lines += [
            "## Ids and references",
            "",
            f"{_cell(idd['description'])} The pattern is `{idd['pattern']}`. Where a field "
            "names a component, relation or episode, it holds that thing's id.",
            "",
            f"{_cell(s.get('$comment', ''))}",
            "",
        ]
        lines += self.table("case", s, "Case (the top level)")
        for name in _ORDER:
            d = self.defs[name]
            lines += self.table(name, d, d.get("title", name))
        lines += self.csv()
        return "\n".join(lines).rstrip() + "\n"

    def csv(self) -> list[str]:
        """The spreadsheet section: the CSV columns (from the same schema) and how
        the files are read."""
        from . import csvimport as ci
        from .model import HUMAN_KINDS

        sep, other = ci.LIST_SEPARATOR, ci.OTHER_LIST_SEPARATOR
        out = [f"({self.prefix}-csv)="] if self.labels else []
        out += ["## Spreadsheets (CSV files)", "",
               "`python -m vcc_helpers import-csv COMPONENTS.csv RELATIONS.csv "
               "[--episodes EPISODES.csv] -o CASE.yaml` builds a case file from tables, one "
               "row per component, relation or episode. The columns are the fields of the "
               "mappings above; the readings are not imported (write them into the case file "
               "afterwards). The case is checked before anything is written, and every "
               "problem of every row is reported in one pass as `FILE:LINE: COLUMN: message`; "
               "`warning:` lines are accepted but worth reading, `hint:` lines are notes.", ""]
        for table, cols in ci.csv_columns(self.schema).items():
            name = ci.TABLES[table]
            title = self.defs[name].get("title", name).lower()
            optional = " (optional)" if table == "episodes" else ""
            article = "an" if title[0] in "aeiou" else "a"
            out += [f"### `{table}.csv`{optional}: the fields of {article} {self.link(name)}", "",
                    "| Column | Required | In the cell | Description |", "|---|---|---|---|"]
            for c in cols:
                prop = self.defs[name]["properties"][c.name]
                req = "yes" if c.required else f"no (default: {c.default})" if c.default else "no"
                if c.is_list:
                    cell = (f"a list: items separated by `{sep}` (a `{other}` also works, "
                            "with a warning)")
                else:
                    cell = self.type_of(prop)
                out.append(f"| {_code(c.name)} | {_cell(req)} | {_cell(cell)} | "
                           f"{_cell(prop.get('description', ''))} |")
            out.append("")
        names = ", ".join(n if d == "\t" else f"{n} (`{d}`)" for d, n in ci.DELIMITERS.items())
        out += ["### How the files are read", "",
                f"- **Between cells**: {names}. The import reads the separator from the "
                "header line and names it in a note when it is not a comma. A cell that "
                "holds the separator must be in double quotes; spreadsheet programs add "
                "them when they save.",
                f"- **Inside a list cell** (`kinds`): `{sep}` between items, as in "
                f"`thing{sep}money`. A `{other}` is read as a separator too, with a warning, "
                "since no kind contains one.",
                "- **The header row** is required. Column order is free, and column names "
                "are matched without regard to case (`Id`, `ID` and `id` are one column). A "
                "name close to a known column (`lable`) is an error with a suggestion; any "
                "other column is ignored with a warning, and one whose name begins with "
                "`x-` (`x-notes`) is ignored without one.",
                "- **Kinds** are matched without regard to case: `Person` is read as "
                "`person`, with a hint. A word that is not a suggested kind is kept, with a "
                "warning saying what the component is then counted as in every lens: human "
                f"(a kind {' or '.join(map(_code, sorted(HUMAN_KINDS)))}), a composite (a kind "
                f"{' or '.join(map(_code, sorted(ci.COMPOSITE_KINDS)))}), or non-human.",
                "- **Episodes**: without `episodes.csv`, the episodes are made from the "
                "relations' `episode` cells, each labelled with its id. With it, a "
                "relation's episode must be an id of `episodes.csv` (an error otherwise, with "
                "a suggestion), and an episode no relation names is kept with a warning. "
                "Episodes come in the order the relations first name them, then the unused "
                "ones.",
                "- **A relation from a component to itself** is kept, with a warning: the "
                "figures do not draw it.",
                "- **Text**: UTF-8, with or without a byte order mark (Excel's \"CSV UTF-8\"); "
                "line ends of any kind; a cell may hold line breaks inside quotes. Cells are "
                "trimmed, and empty rows skipped.",
                "- **One workbook instead of CSV files**: `python -m vcc_helpers import-sheet "
                "CASE.xlsx -o CASE.yaml` reads an Excel workbook with sheets named "
                f"{', '.join(f'`{t}`' for t in ci.TABLES)} (in any case; the last is "
                "optional), with the same columns and rules. Its problems name the workbook "
                "and the sheet, then the row: `CASE.xlsx:relations:3: episode: ...`. It needs "
                "the `openpyxl` package.", ""]
        return out


def schema_markdown(schema: dict | None = None, *, label_prefix: str = "case-format",
                    labels: bool = True) -> str:
    """The body of the format reference page, in MyST Markdown.

    Parameters
    ----------
    schema : dict, optional
        A schema shaped like the bundled one (default: the bundled schema).
    label_prefix : str
        Prefix of the MyST targets put before each section (``(case-format-component)=``),
        which the tables' cross-references point to.
    labels : bool
        Set to False for plain Markdown without targets and links.

    Returns
    -------
    str
        Sections at heading level 2, each with a table of fields.

    Examples
    --------
    >>> md = schema_markdown(labels=False)
    >>> print(md[md.index("## Interaction"):].split("\\n\\n")[2].splitlines()[2])
    | `sphere` | word | yes | `provider`, `joint`, `user` | Where value is formed (Grönroos and Voima): the provider sphere, the joint sphere, or the user's (customer) sphere. |
    """  # noqa: E501 (a doctest's expected output is one line)
    return _Renderer(schema or load_schema(), label_prefix, labels).render()
