"""Build a case from spreadsheets (CSV files), for instructors who keep cases in tables.

The columns are the fields of the case format's component, relation and episode
(read from the one schema, ``vcc_helpers/schema/vcc-case-1.schema.json``, by
:func:`csv_columns`), plus a few conventions that only a spreadsheet needs:

* a header row is required; column order is free; column names are matched
  without regard to case (``Id`` is ``id``); cells are trimmed;
* the file may be separated by commas, semicolons or tabs (read from the header
  line; anything but a comma is named in a note), UTF-8 with or without a byte
  order mark, with any line ends;
* a list cell (``kinds``) separates its items with ``;`` (:data:`LIST_SEPARATOR`);
  a ``,`` is accepted too, with a warning;
* a column the import does not read is ignored with a warning (one whose name
  begins with ``x-`` silently); a near miss of a known column (``lable``) is an error;
* ``episodes.csv`` is optional; its ``label`` defaults to the episode's id.  When it
  is given, a relation's episode must be one of its ids.  Without it, the episodes
  are made from the relations.  Episodes come in the order in which the relations
  first name them, then the ones no relation names (a warning), in file order.

Readings are not imported: add them to the written case file by hand.

:func:`check_workbook` reads the same tables from the sheets of one ``.xlsx`` workbook
(with the optional ``openpyxl`` package).

Every problem of every file is reported in one pass, each naming the CSV file,
its line and the column (:class:`CsvProblem`)::

    components.csv:7: kinds: 'Person' read as 'person'

Examples
--------
>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> with open(os.path.join(d, "c.csv"), "w") as fh:
...     _ = fh.write("id,label,kinds\\nmrs-a,Mrs A,person\\nkey-safe,Key safe,thing;technology\\n")
>>> with open(os.path.join(d, "r.csv"), "w") as fh:
...     _ = fh.write("id,from,to,does,episode\\nr1,mrs-a,key-safe,opens,home\\n")
>>> case, notes = case_from_csv(os.path.join(d, "c.csv"), os.path.join(d, "r.csv"),
...                             case_id="demo", title="Demo")
>>> [c.kinds for c in case.components], [e.label for e in case.episodes]
([('person',), ('thing', 'technology')], ['home'])
"""
from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .casefile import FREE_TEXT, CaseFileError, Problem, check_data, slugify
from .model import FORMAT, HUMAN_KINDS, SUGGESTED_KINDS, Case, suggest

__all__ = ["COLUMNS", "REQUIRED_COLUMNS", "LIST_SEPARATOR", "DELIMITERS", "CsvColumn",
           "CsvProblem", "CsvImportError", "csv_columns", "check_csv", "check_workbook",
           "case_from_csv", "default_id_and_title", "in_order"]

LIST_SEPARATOR = ";"
"""What separates the items of a list cell (``thing;money``)."""

OTHER_LIST_SEPARATOR = ","
"""Also accepted between the items of a list cell, with a warning."""

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
"""The cell delimiters a CSV file may use (read from its header line)."""

TABLES = {"components": "component", "relations": "relation", "episodes": "episode"}
"""Each CSV table and the schema definition (``$defs``) its columns come from."""

CSV_DEFAULTS = {("episodes", "label"): "the episode's id"}
"""Fields the case format requires that a CSV table may leave out: what they default to."""

COMPOSITE_KINDS = frozenset({"organisation"})
"""Kinds that make a component a composite (of people, things and rules), not a human."""


@dataclass(frozen=True)
class CsvColumn:
    """One column of a CSV table, derived from a field of the schema."""

    name: str
    required: bool
    is_list: bool
    description: str
    default: str = ""  # what an optional column defaults to, when the CSV differs from the file


def _schema() -> dict:
    from .schema_doc import load_schema

    return load_schema()


def csv_columns(schema: dict | None = None) -> dict[str, tuple[CsvColumn, ...]]:
    """The columns of each CSV table, from the schema's component, relation and episode.

    Examples
    --------
    >>> [(c.name, c.required, c.is_list) for c in csv_columns()["components"]]
    [('id', True, False), ('label', True, False), ('kinds', False, True), ('description', False, False)]
    >>> [(c.name, c.default) for c in csv_columns()["episodes"]][:2]
    [('id', ''), ('label', "the episode's id")]
    """  # noqa: E501 (a doctest's expected output is one line)
    schema = schema or _schema()
    out = {}
    for table, name in TABLES.items():
        d = schema["$defs"][name]
        required = set(d.get("required", ()))
        cols = []
        for key, prop in d["properties"].items():
            types = prop.get("type", [])
            types = [types] if isinstance(types, str) else types
            default = CSV_DEFAULTS.get((table, key), "")
            cols.append(CsvColumn(key, key in required and not default, "array" in types,
                                  prop.get("description", ""), default))
        out[table] = tuple(cols)
    return out


_COLUMNS = csv_columns()

COLUMNS = {t: tuple(c.name for c in cols) for t, cols in _COLUMNS.items()}
"""The columns each table may have (from the schema)."""

REQUIRED_COLUMNS = {t: tuple(c.name for c in cols if c.required) for t, cols in _COLUMNS.items()}
"""The columns each table must have (from the schema, less :data:`CSV_DEFAULTS`)."""

_LIST_COLUMNS = {t: frozenset(c.name for c in cols if c.is_list) for t, cols in _COLUMNS.items()}

_TEXT_COLUMNS = {t: FREE_TEXT[record] for t, record in TABLES.items()}
"""The optional free-text columns of each table, copied as they are (from the schema)."""


@dataclass(frozen=True)
class CsvProblem(Problem):
    """A problem in a CSV file: ``FILE:LINE: COLUMN: message``.

    The column is named, so its number is not shown; ``column`` still holds its place
    in the header row (from 1; 0 when there is none), which orders the problems of a row;
    ``table`` is the table whose file it names (``components``, ``relations``, ``episodes``;
    empty for the command line).
    """

    table: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"


class CsvImportError(CaseFileError):
    """The CSV tables cannot make a case: ``problems`` are the errors, ``notes`` the
    warnings and hints found in the same pass."""

    def __init__(self, problems, notes=()):
        super().__init__(problems)
        self.notes: list[Problem] = list(notes)


def _elide(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _q(text: str) -> str:
    """A reader's text quoted for a message: on one line, shortened, control characters
    escaped (a cell is data, never a terminal control)."""
    return repr(_elide(text))


@dataclass
class _Table:
    name: str
    table: str
    readable: bool = False
    delimiter: str = ","
    present: tuple = ()        # known columns the header has
    positions: dict = field(default_factory=dict)  # known column -> its place (from 1)
    called: str = ""           # how messages name it: the file name, or "the sheet '...'"

    def __post_init__(self):
        self.called = self.called or self.name
    rows: tuple = ()           # (line, {column: cell}) with every known column ("" if absent)


def _delimiter(header_line: str) -> str:
    """The delimiter of the header line: the most frequent of comma, semicolon, tab
    outside quotes (a comma when there is none, or a tie)."""
    outside = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # first wins a tie: comma, semicolon, tab
    return best if counts[best] else ","


def _problem_maker(name: str, table: str, out: list):
    def problem(line, field, message, severity="error", code="", col=0):
        out.append(CsvProblem(name, line, col, field, message, severity=severity, code=code,
                              loc=(table,) if table else (), table=table))
    return problem


def _read_table(path, table: str, out: list) -> _Table:
    """Read one CSV table; every problem (error, warning, hint) goes to *out*."""
    name = str(path)
    t = _Table(name, table)
    problem = _problem_maker(name, table, out)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        problem(0, "(file)", "no such file", code="no-file")
        return t
    except OSError as exc:
        problem(0, "(file)", f"cannot read: {exc.strerror or exc}", code="no-file")
        return t
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        problem(line, "(file)", f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}"
                " cannot be decoded (save the file as UTF-8)", code="not-utf8")
        return t
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    delim = _delimiter(first)
    t.delimiter = delim
    dname = DELIMITERS[delim]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = next(reader)
    except StopIteration:
        problem(1, "(file)", "the file is empty: it needs a header row "
                f"({','.join(COLUMNS[table])})", code="empty-file")
        return t
    except csv.Error as exc:
        problem(1, "(file)", f"CSV error: {exc}", code="csv-syntax")
        return t
    if delim != ",":
        problem(1, "(file)", f"read as {dname}-separated (the header line has {dname}s "
                "between its columns)", severity="hint", code="delimiter")

    def rows():
        line = reader.line_num + 1
        try:
            for cells in reader:
                yield line, cells
                line = reader.line_num + 1
        except csv.Error as exc:
            problem(line, "(row)", f"CSV error: {exc}", code="csv-syntax")

    return _fill_table(t, header, rows(), problem,
                       overflow=f"a {dname} inside a cell needs quotes")


def _fill_table(t: _Table, header, rows, problem, overflow: str | None) -> _Table:
    """Match a header row to the table's columns and read the rows under it.

    *rows* yields ``(line, cells)``; a row with more cells than the header is an error
    whose note is *overflow* (CSV), or, when *overflow* is None (a sheet), cells in a
    column with no name."""
    table = t.table
    allowed = COLUMNS[table]
    names = [h.strip() for h in header]
    lowered = {n.lower() for n in names}
    index: dict[int, str] = {}      # cell position -> known column
    ignored: dict[int, str] = {}    # cell position -> header name of an ignored column
    for i, h in enumerate(names):
        low = h.lower()
        if low in allowed:
            if low in index.values():
                problem(1, h, f"the column {_q(h)} appears twice", code="duplicate-column",
                        col=i + 1)
            else:
                index[i] = low
            continue
        ignored[i] = h
        if not h or low.startswith("x-"):
            continue
        found = suggest(low, [c for c in allowed if c not in lowered])
        if found:
            problem(1, h, f"unknown column {_q(h)} (did you mean {found!r}?)",
                    code="unknown-column", col=i + 1)
        else:
            problem(1, h, f"column {_q(h)} is ignored: the import reads {', '.join(allowed)} "
                    "(a column named 'x-...' is ignored without this warning)",
                    severity="warning", code="extra-column", col=i + 1)
    present = set(index.values())
    for req in REQUIRED_COLUMNS[table]:
        if req not in present:
            problem(1, req, f"missing column: the header needs "
                    f"{', '.join(REQUIRED_COLUMNS[table])}", code="missing-column",
                    col=len(names) + 1)
    out = []
    unnamed_used = 0
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(names):
            if overflow is not None:
                problem(line, "(row)", f"{len(cells)} cells but {len(names)} columns "
                        f"({overflow})", code="row-cells")
            elif not unnamed_used:
                unnamed_used = next((i + 1 for i, c in enumerate(cells)
                                     if i >= len(names) and c.strip()), 0)
        row = {c: "" for c in allowed}
        for i, c in enumerate(cells[:len(names)]):
            if i in index:
                row[index[i]] = c.strip()
            elif not ignored.get(i) and c.strip():
                unnamed_used = unnamed_used or i + 1
        out.append((line, row))
    if unnamed_used:
        problem(1, "(header)", "a column with no name in the header holds data: ignored "
                "(give it a name)", severity="warning", code="extra-column",
                col=unnamed_used)
    t.readable = "id" in present  # enough to check the rows too (all problems in one pass)
    t.present = tuple(c for c in allowed if c in present)
    t.positions = {c: i + 1 for i, c in index.items()}
    t.rows = tuple(out)
    return t


_OWN_NOTES = frozenset({"self-relation", "unused-episode"})
"""Warnings of the case-file validator that the import words itself (naming rows)."""


def _counted_as(kinds) -> str:
    if HUMAN_KINDS.intersection(kinds):
        return "human"
    if COMPOSITE_KINDS.intersection(kinds):
        return "a composite (not human)"
    return "non-human"


def _near_kind(word: str) -> str | None:
    """A suggested kind close enough to *word* to be a slip ('thin', 'persn'); stricter
    than :func:`~vcc_helpers.model.suggest`, so that a new word ('carer') is not told
    it meant 'category'."""
    found = difflib.get_close_matches(word.lower(), SUGGESTED_KINDS, n=1, cutoff=0.75)
    return found[0] if found else None


def _split_list(cell: str) -> tuple[list[str], bool]:
    """The items of a list cell, and whether a comma separated any of them."""
    parts = re.split(r"[;,]", cell)
    return [p.strip() for p in parts if p.strip()], OTHER_LIST_SEPARATOR in cell


def check_csv(components, relations, episodes=None, *, case_id: str | None = None,
              title: str | None = None) -> tuple[Case | None, list[Problem], list[Problem]]:
    """Build and check a case from CSV tables, reporting every problem; never raises
    for bad input.

    Parameters
    ----------
    components, relations : str or os.PathLike
        The two tables (see the module docstring for their columns).
    episodes : str or os.PathLike, optional
        The episodes: ids, labels and descriptions.
    case_id, title : str, optional
        The case's id and title (default: ``imported-case`` and ``Imported case``).

    Returns
    -------
    case : Case or None
        None when there are errors.
    errors : list of Problem
        What refuses the import (severity ``error``).
    notes : list of Problem
        Warnings (accepted, but read them) and hints, each with its ``severity``.

    Both lists are in file order (command line, components, relations, episodes), then
    by line.
    """
    found: list[Problem] = []
    ct = _read_table(components, "components", found)
    rt = _read_table(relations, "relations", found)
    et = _read_table(episodes, "episodes", found) if episodes is not None else None
    return _check_tables(ct, rt, et, found, case_id, title)


def in_order(problems) -> list[Problem]:
    """Problems of an import in the order to show them: the command line, then the
    components, relations and episodes tables, each by line and column."""
    rank = {"components": 1, "relations": 2, "episodes": 3}
    return sorted(problems, key=lambda q: (rank.get(getattr(q, "table", ""), 0), q.line,
                                           q.column))


def _check_tables(ct, rt, et, found, case_id, title):
    """The case data of the read tables, checked: the checks only a spreadsheet needs
    here, then :func:`~vcc_helpers.casefile.check_data`, its problems located in the
    tables.  Returns ``(case or None, errors, notes)``."""
    cname, rname = ct.name, rt.name
    ename = et.name if et is not None else None
    places = {t.name: t.positions for t in (et, rt, ct) if t is not None}
    tables = {t.name: t.table for t in (et, rt, ct) if t is not None}

    def add(file, line, column, message, severity, code, loc):
        found.append(CsvProblem(file, line, places[file].get(column, 0), column, message,
                                severity=severity, code=code, loc=loc, table=tables[file]))

    # components: kinds read here (case, separators, what a new kind is counted as)
    data: dict = {"format": FORMAT, "id": case_id or "imported-case",
                  "title": title or "Imported case", "components": []}
    lower_kinds = {k.lower(): k for k in SUGGESTED_KINDS}
    for i, (line, row) in enumerate(ct.rows):
        d = {"id": row["id"], "label": row["label"]}
        loc = ("components", i, "kinds")
        kinds, comma = _split_list(row["kinds"])
        if comma:
            add(cname, line, "kinds", f"{_q(row['kinds'])}: kinds separated by ',' are "
                f"read as {len(kinds)}: {', '.join(map(_q, kinds))} (separate them "
                f"with {LIST_SEPARATOR!r})", "warning", "list-separator", loc)
        new = []
        for j, k in enumerate(kinds):
            if k in SUGGESTED_KINDS:
                continue
            same = lower_kinds.get(" ".join(k.split()).lower())
            if same:
                add(cname, line, "kinds", f"{_q(k)} read as {same!r}", "hint", "kind-case", loc)
                kinds[j] = same
            else:
                new.append(k)
        kinds = list(dict.fromkeys(kinds))
        what = _counted_as(kinds)
        for k in new:
            near = _near_kind(k)
            dym = f" (did you mean {near!r}?)" if near else ""
            advice = " (if it is human, add the kind 'person' or 'collective')" \
                if what == "non-human" else ""
            add(cname, line, "kinds", f"{_q(k)} is not a suggested kind{dym}: kept as a new "
                f"kind, so {_elide(row['label'] or row['id'], 40)!r} is counted as {what} in "
                f"every lens{advice}", "warning", "new-kind", loc)
        if kinds:
            d["kinds"] = kinds
        for k in _TEXT_COLUMNS["components"]:
            if row[k]:
                d[k] = row[k]
        data["components"].append(d)

    # episodes: from episodes.csv when given, else from the relations
    ep_info: dict[str, tuple[int, dict]] = {}
    for line, row in (et.rows if et is not None else ()):
        if row["id"] in ep_info:
            add(ename, line, "id", f"duplicate episode id {_q(row['id'])} (first at line "
                f"{ep_info[row['id']][0]})", "error", "duplicate-id", ("episodes",))
        elif row["id"]:
            ep_info[row["id"]] = (line, row)
    ep_order: list[str] = []
    ep_where: dict[str, tuple[str | None, int, str]] = {}  # no episodes table: file None
    data["relations"] = []
    for i, (line, row) in enumerate(rt.rows):
        d = {k: row[k] for k in ("id", "from", "to", "does")}
        for k in _TEXT_COLUMNS["relations"]:
            if row[k]:
                d[k] = row[k]
        eid = row["episode"]
        if eid and et is not None and et.readable and eid not in ep_info:
            near = suggest(eid, list(ep_info)) or suggest(eid.lower(), list(ep_info))
            dym = f" (did you mean {near!r}?)" if near else ""
            add(rname, line, "episode", f"unknown episode {_q(eid)}: {et.called} has no such "
                f"id{dym}",
                "error", "unknown-ref", ("relations", i, "episode"))
        elif eid:
            d["episode"] = eid
            if eid not in ep_where:
                ep_order.append(eid)
                ep_where[eid] = (ename, ep_info[eid][0], "") if eid in ep_info else \
                    (rname, line, "episode")
        if row["from"] and row["from"] == row["to"]:
            add(rname, line, "to",
                f"relation {_q(row['id'])} goes from {_q(row['from'])} to itself: "
                "it is kept, but the figures do not draw it (check 'from' and 'to')",
                "warning", "self-relation", ("relations", i, "to"))
        data["relations"].append(d)
    for eid, (line, _row) in ep_info.items():
        if eid not in ep_where:
            add(ename, line, "id", f"no relation in {rt.called} happens in episode {_q(eid)}: "
                "it is kept as an empty episode", "warning", "unused-episode",
                ("episodes",))
            ep_order.append(eid)
            ep_where[eid] = (ename, line, "")
    data["episodes"] = []
    for eid in ep_order:
        row = ep_info[eid][1] if eid in ep_info else {}
        d = {"id": eid, "label": row.get("label") or eid}
        for k in _TEXT_COLUMNS["episodes"]:
            if row.get(k):
                d[k] = row[k]
        data["episodes"].append(d)

    missing = {t.name: set(COLUMNS[t.table]) - set(t.present)
               for t in (ct, rt, et) if t is not None}

    def locate(p: Problem, is_error: bool) -> CsvProblem | None:
        severity = "error" if is_error else (p.severity if p.severity != "error" else "hint")
        if not is_error and p.code in _OWN_NOTES:
            return None  # said by this module, in the spreadsheet's own words
        loc = p.loc  # the data path, e.g. ("relations", 2, "to")
        if not (len(loc) >= 2 and loc[0] in ("components", "relations", "episodes")
                and type(loc[1]) is int):
            flag = {"id": "--id", "title": "--title"}.get(loc[0] if loc else p.field, p.field)
            return CsvProblem("(command line)", 0, 0, flag, p.message, severity=severity,
                              code=p.code, loc=())
        table, i = loc[0], loc[1]
        column = loc[2] if len(loc) > 2 and isinstance(loc[2], str) else "(row)"
        if table == "components":
            if column == "kinds" and not is_error:
                return None  # kinds notes come from this module (case, new kinds)
            file, line, col = cname, ct.rows[i][0], ""
        elif table == "relations":
            file, line, col = rname, rt.rows[i][0], ""
        else:
            file, line, col = ep_where[ep_order[i]]
        column = col or column
        if column in missing.get(file, ()):
            return None  # the header already says the column is missing
        return CsvProblem(file, line, places[file].get(column, 0), column, p.message,
                          severity=severity, code=p.code, table=tables[file],
                          loc=(table, i) + ((column,) if len(loc) > 2 and isinstance(loc[2], str)
                                            else ()))

    case = None
    if all(t.readable for t in (ct, rt, et) if t is not None):
        case, errs, hints = check_data(data, filename="<csv>")
        located = [locate(p, True) for p in errs] + [locate(p, False) for p in hints]
        found += [q for q in located if q is not None]
    out: dict[str, Problem] = {}
    for p in found:
        out.setdefault(f"{p.severity} {p}", p)  # one line each (a bad episode id shows up twice)
    ranked = in_order(out.values())
    errors = [p for p in ranked if p.severity == "error"]
    notes = [p for p in ranked if p.severity != "error"]
    return (case if not errors else None), errors, notes


def _cell_text(value) -> str:
    """A spreadsheet cell's value as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def check_workbook(path, *, case_id: str | None = None, title: str | None = None
                   ) -> tuple[Case | None, list[Problem], list[Problem]]:
    """Like :func:`check_csv` for one ``.xlsx`` workbook with sheets named ``components``,
    ``relations`` and (optionally) ``episodes`` (names in any case; other sheets are
    ignored).  Needs the ``openpyxl`` package (``pip install openpyxl``).

    Each problem names the workbook and sheet as its file (``case.xlsx:relations``) and
    the sheet's row number as its line.
    """
    from openpyxl import load_workbook  # an optional dependency: ModuleNotFoundError

    name = str(path)
    found: list[Problem] = []
    problem = _problem_maker(name, "", found)
    tables: dict[str, _Table] = {}
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        problem(0, "(file)", "no such file", code="no-file")
        book = None
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        problem(0, "(file)", f"cannot read it as an .xlsx workbook ({type(exc).__name__}): "
                "save it from the spreadsheet program as an Excel workbook (.xlsx)",
                code="not-a-workbook")
        book = None
    if book is not None:
        try:
            sheets = {ws.title.strip().lower(): ws for ws in book.worksheets}
            for table in TABLES:
                ws = sheets.get(table)
                if ws is None:
                    if table != "episodes":
                        titles = ", ".join(repr(ws.title) for ws in book.worksheets)
                        problem(0, "(file)", f"no sheet named {table!r} (the workbook has "
                                f"{titles})", code="no-sheet")
                    continue
                t = _Table(f"{name}:{ws.title}", table, called=f"the sheet {ws.title!r}")
                rows = ((i, [_cell_text(v) for v in values])
                        for i, values in enumerate(ws.iter_rows(values_only=True), start=1))
                first = next(rows, None)
                sp = _problem_maker(t.name, table, found)
                if first is None:
                    sp(1, "(file)", "the sheet is empty: it needs a header row "
                       f"({','.join(COLUMNS[table])})", code="empty-file")
                    tables[table] = t
                    continue
                header = first[1]
                while header and not header[-1].strip():
                    header.pop()
                tables[table] = _fill_table(t, header, rows, sp, overflow=None)
        finally:
            book.close()
    if "components" not in tables or "relations" not in tables:
        found = in_order(found)
        return None, [p for p in found if p.severity == "error"], \
            [p for p in found if p.severity != "error"]
    return _check_tables(tables["components"], tables["relations"], tables.get("episodes"),
                         found, case_id, title)


def case_from_csv(components, relations, episodes=None, *, case_id: str | None = None,
                  title: str | None = None) -> tuple[Case, list[Problem]]:
    """Build and check a case from CSV tables.

    Parameters
    ----------
    components, relations : str or os.PathLike
        The two tables (see the module docstring for their columns).
    episodes : str or os.PathLike, optional
        The episodes: ids, labels and descriptions.
    case_id, title : str, optional
        The case's id and title (default: ``imported-case`` and ``Imported case``).

    Returns
    -------
    case : Case
    notes : list of Problem
        Warnings and hints (each with its ``severity``), naming CSV file, line and column.

    Raises
    ------
    CsvImportError
        A :class:`~vcc_helpers.casefile.CaseFileError` with every error (``problems``)
        and the warnings and hints of the same pass (``notes``).
    """
    case, errors, notes = check_csv(components, relations, episodes, case_id=case_id,
                                    title=title)
    if errors:
        raise CsvImportError(errors, notes)
    assert case is not None  # no errors: check_csv returned the case
    return case, notes


def default_id_and_title(out_path) -> tuple[str, str]:
    """An id and a title made from an output file name.

    Examples
    --------
    >>> default_id_and_title("cases/home_care-2024.yaml")
    ('home-care-2024', 'Home care 2024')
    """
    stem = Path(out_path).stem
    case_id = slugify(stem) or "imported-case"
    words = re.sub(r"[-_]+", " ", stem).strip()
    title = (words[:1].upper() + words[1:]) if words else "Imported case"
    return case_id, title
