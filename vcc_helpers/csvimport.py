"""Build a case from spreadsheets (CSV files), for instructors who keep cases in tables.

Columns (a header row is required; column order is free; cells are trimmed):

``components.csv``
    ``id``, ``label`` (required); ``kinds`` (several separated by ``;``),
    ``description``.
``relations.csv``
    ``id``, ``from``, ``to``, ``does`` (required); ``episode``, ``account``,
    ``evidence``.
``episodes.csv`` (optional)
    ``id`` (required), ``label``, ``description``.

Episodes are created in the order in which the relations first name them, with
the episode id as label unless ``episodes.csv`` gives one.  Rows of
``episodes.csv`` that no relation names are added after them, in file order.
Readings are not imported: add them to the written case file by hand.

Every problem names the CSV file, its line and the column::

    components.csv:7: kinds: 'thin' is not a suggested kind (did you mean 'thing'?); ...

Examples
--------
>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> with open(os.path.join(d, "c.csv"), "w") as fh:
...     _ = fh.write("id,label,kinds\\nmrs-a,Mrs A,person\\nkey-safe,Key safe,thing;technology\\n")
>>> with open(os.path.join(d, "r.csv"), "w") as fh:
...     _ = fh.write("id,from,to,does,episode\\nr1,mrs-a,key-safe,opens,home\\n")
>>> case, hints = case_from_csv(os.path.join(d, "c.csv"), os.path.join(d, "r.csv"),
...                             case_id="demo", title="Demo")
>>> [c.kinds for c in case.components], [e.label for e in case.episodes]
([('person',), ('thing', 'technology')], ['home'])
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .casefile import CaseFileError, Problem, check_data, slugify
from .model import FORMAT, Case, suggest

__all__ = ["COLUMNS", "REQUIRED_COLUMNS", "CsvProblem", "case_from_csv"]

COLUMNS = {
    "components": ("id", "label", "kinds", "description"),
    "relations": ("id", "from", "to", "does", "episode", "account", "evidence"),
    "episodes": ("id", "label", "description"),
}
"""The columns each table may have."""

REQUIRED_COLUMNS = {
    "components": ("id", "label"),
    "relations": ("id", "from", "to", "does"),
    "episodes": ("id",),
}
"""The columns each table must have."""


@dataclass(frozen=True)
class CsvProblem(Problem):
    """A problem in a CSV file: ``FILE:LINE: COLUMN: message`` (the column is named,
    so no column number is shown)."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"


def _read_table(path, table: str, problems: list) -> list[tuple[int, dict]]:
    """Rows of a CSV file as (line number, {column: trimmed cell})."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        problems.append(CsvProblem(name, 0, 0, "(file)", "no such file"))
        return []
    except OSError as exc:
        problems.append(CsvProblem(name, 0, 0, "(file)", f"cannot read: {exc.strerror or exc}"))
        return []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        problems.append(CsvProblem(name, line, 0, "(file)",
                                   f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}"
                                   " cannot be decoded (save the file as UTF-8)"))
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(CsvProblem(name, 1, 0, "(file)", "the file is empty: it needs a header "
                                   f"row ({','.join(COLUMNS[table])})"))
        return []
    except csv.Error as exc:
        problems.append(CsvProblem(name, 1, 0, "(file)", f"CSV error: {exc}"))
        return []
    header = [h.strip() for h in header]
    allowed = COLUMNS[table]
    seen: set[str] = set()
    bad = False
    for h in header:
        if h in seen:
            problems.append(CsvProblem(name, 1, 0, h, f"the column {h!r} appears twice"))
            bad = True
        seen.add(h)
        if h not in allowed:
            found = suggest(h, allowed)
            tail = f" (did you mean {found!r}?)" if found else \
                f": the columns are {', '.join(allowed)}"
            problems.append(CsvProblem(name, 1, 0, h or "(empty)", f"unknown column {h!r}{tail}"))
            bad = True
    for req in REQUIRED_COLUMNS[table]:
        if req not in seen:
            problems.append(CsvProblem(name, 1, 0, req, f"missing column: the header needs "
                                       f"{', '.join(REQUIRED_COLUMNS[table])}"))
            bad = True
    if bad:
        return []
    rows = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                if len(cells) > len(header):
                    problems.append(CsvProblem(name, line, 0, "(row)",
                                               f"{len(cells)} cells but {len(header)} columns "
                                               "(a comma inside a cell needs quotes)"))
                else:
                    cells = cells + [""] * (len(header) - len(cells))
                    rows.append((line, {h: c.strip() for h, c in zip(header, cells)}))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(CsvProblem(name, line, 0, "(row)", f"CSV error: {exc}"))
    return rows





def case_from_csv(components, relations, episodes=None, *, case_id: str | None = None,
                  title: str | None = None) -> tuple[Case, list[Problem]]:
    """Build and check a case from CSV tables.

    Parameters
    ----------
    components, relations : str or os.PathLike
        The two tables (see the module docstring for their columns).
    episodes : str or os.PathLike, optional
        Labels and descriptions of episodes.
    case_id, title : str, optional
        The case's id and title (default: ``imported-case`` and ``Imported case``).

    Returns
    -------
    case : Case
    hints : list of Problem
        "Did you mean" notes on open vocabularies, naming CSV file and line.

    Raises
    ------
    CaseFileError
        With every problem, each naming a CSV file, line and column.
    """
    problems: list[Problem] = []
    crow = _read_table(components, "components", problems)
    rrow = _read_table(relations, "relations", problems)
    erow = _read_table(episodes, "episodes", problems) if episodes is not None else []
    if problems:
        raise CaseFileError(problems)
    cname, rname = str(components), str(relations)
    ename = str(episodes) if episodes is not None else None

    ep_info: dict[str, tuple[int, dict]] = {}
    for line, row in erow:
        if row["id"] in ep_info:
            problems.append(CsvProblem(str(episodes), line, 0, "id",
                                       f"duplicate episode id {row['id']!r} (first at line "
                                       f"{ep_info[row['id']][0]})"))
        ep_info.setdefault(row["id"], (line, row))
    if problems:
        raise CaseFileError(problems)
    ep_order: list[str] = []
    ep_where: dict[str, tuple[str, int, str]] = {}
    for line, row in rrow:
        eid = row.get("episode", "")
        if eid and eid not in ep_where:
            ep_order.append(eid)
            ep_where[eid] = ((ename, ep_info[eid][0], "")) if eid in ep_info else \
                (rname, line, "episode")
    for line, row in erow:
        if row["id"] not in ep_where:
            ep_order.append(row["id"])
            ep_where[row["id"]] = (ename, line, "")

    data: dict = {"format": FORMAT, "id": case_id or "imported-case",
                  "title": title or "Imported case"}
    data["components"] = []
    for _line, row in crow:
        d = {"id": row["id"], "label": row["label"]}
        kinds = [k.strip() for k in row.get("kinds", "").split(";") if k.strip()]
        if kinds:
            d["kinds"] = kinds
        if row.get("description"):
            d["description"] = row["description"]
        data["components"].append(d)
    data["episodes"] = []
    for eid in ep_order:
        row = ep_info[eid][1] if eid in ep_info else {}
        d = {"id": eid, "label": row.get("label") or eid}
        if row.get("description"):
            d["description"] = row["description"]
        data["episodes"].append(d)
    data["relations"] = []
    for _line, row in rrow:
        d = {k: row[k] for k in ("id", "from", "to", "does")}
        for k in ("episode", "account", "evidence"):
            if row.get(k):
                d[k] = row[k]
        data["relations"].append(d)

    def locate(p: Problem) -> CsvProblem:
        loc = p.loc  # the data path, e.g. ("relations", 2, "to")
        if not (len(loc) >= 2 and loc[0] in ("components", "relations", "episodes")
                and type(loc[1]) is int):
            flag = {"id": "--id", "title": "--title"}.get(loc[0] if loc else p.field, p.field)
            return CsvProblem("(command line)", 0, 0, flag, p.message, p.severity, p.code)
        table, i = loc[0], loc[1]
        column = loc[2] if len(loc) > 2 and isinstance(loc[2], str) else "(row)"
        if table == "components":
            return CsvProblem(cname, crow[i][0], 0, column, p.message, p.severity, p.code)
        if table == "relations":
            return CsvProblem(rname, rrow[i][0], 0, column, p.message, p.severity, p.code)
        file, line, col = ep_where[ep_order[i]]
        return CsvProblem(file, line, 0, col or column, p.message, p.severity, p.code)

    order = {"(command line)": 0, cname: 1, rname: 2, ename: 3}

    def located(problems: list[Problem]) -> list[Problem]:
        out: dict[str, CsvProblem] = {}
        for p in problems:
            q = locate(p)
            out.setdefault(str(q), q)  # one line each (a bad episode id shows up twice)
        return sorted(out.values(), key=lambda q: (order.get(q.file, 4), q.line))

    case, errors, hints = check_data(data, filename="<csv>")
    if errors:
        raise CaseFileError(located(errors))
    return case, located(hints)


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
