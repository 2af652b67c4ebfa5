"""Several readings side by side: readings of one case, and a class folder.

:func:`compare` lines up readings of *one* case (the same case id) made by
different people, relation by relation: where they agree and disagree on the
service reading's ``sphere`` and ``mode`` and the assemblage reading's
``direction`` and ``tendency``, and episode by episode on ``lines of flight``
(whether each reading finds one there).  Each field gets a simple agreement
figure, the **proportion agreement**: over every compared item and every pair of
readings, the share of pairs that give the same value (a relation one reading
codes and another leaves out counts as a disagreement).  It is not corrected
for chance (it is not Cohen's or Fleiss' kappa): with few relations and few
values, some agreement is expected by luck.  A field nobody coded has no
figure.  The residue each reading leaves (:func:`vcc_helpers.lenses.reinterpret.residue`)
is listed too: what all readings leave, and what only some do.

:func:`class_report` reads a class folder (an instructor's 30 students' files,
possibly of different cases): which files are refused (with their first error),
which kinds and components recur, which residue topics and feedback prompts
recur, and, for files that read the same case, their agreement figures.  It
names files, never people, and fits on one page (:meth:`ClassReport.to_html`).

Every label and message is escaped in the HTML; the CSV is written with the
``csv`` module (a label starting ``=`` is prefixed with ``'`` so a
spreadsheet never runs it as a formula).

Examples
--------
>>> from vcc_helpers.model import Case, Component, Relation, ServiceReading, Interaction
>>> base = Case("c", "C", components=(Component("a", "A"), Component("b", "B")),
...             relations=(Relation("r1", "a", "b", "helps"), Relation("r2", "b", "a", "asks")))
>>> def reading(s1, s2):
...     return base.__class__(**{**base.__dict__, "service": ServiceReading(
...         interactions=(Interaction("r1", s1), Interaction("r2", s2)))})
>>> cmp = compare([reading("joint", "user"), reading("joint", "provider")], names=["x", "y"])
>>> cmp.agreement["sphere"], cmp.agreement["mode"]
(0.5, 1.0)
>>> [(d["id"], d["values"]) for d in cmp.differences]
[('r2', {'x': 'user', 'y': 'provider'})]
"""
from __future__ import annotations

import csv
import html
import io
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .casefile import Problem, check_case, read_case
from .feedback import TITLES, feedback, section_text
from .lenses import residue
from .model import Case

__all__ = ["FIELDS", "Comparison", "compare", "FileResult", "ClassReport", "class_report",
           "NOT_CODED", "NO_RELATION"]

FIELDS: tuple[str, ...] = ("sphere", "mode", "direction", "tendency", "lines of flight")
"""The fields compared, in the order reports show them."""

NOT_CODED = "(not coded)"
NO_RELATION = "(no such relation)"
_NONE = "(none)"

_CSS = ("<style>.vcc-compare table{border-collapse:collapse;margin:.4em 0 1em 0}"
        ".vcc-compare th,.vcc-compare td{border:1px solid #888;padding:.2em .5em;"
        "text-align:left;vertical-align:top}.vcc-compare caption{text-align:left;"
        "font-weight:bold;padding:.2em 0}.vcc-compare .num{text-align:right}"
        ".vcc-compare :is(h2,h3,h4){color:inherit}</style>")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _relation_values(case: Case) -> dict[str, dict[str, str]]:
    """field -> relation id -> value, for the relation fields one reading codes."""
    out: dict[str, dict[str, str]] = {"sphere": {}, "mode": {}, "direction": {}, "tendency": {}}
    if case.service is not None:
        for i in case.service.interactions:
            out["sphere"][i.relation] = i.sphere
            out["mode"][i.relation] = i.mode
    if case.assemblage is not None:
        by_rel: dict[str, list] = {}
        for a in case.assemblage.affects:
            by_rel.setdefault(a.relation, []).append(a)
        for rid, affects in by_rel.items():
            out["direction"][rid] = "; ".join(sorted({a.direction for a in affects}))
            out["tendency"][rid] = "; ".join(sorted({a.tendency for a in affects}))
    return out


def _flights(case: Case) -> dict[str, list[str]]:
    """episode id (or ``""``) -> the lines of flight's ``from`` texts."""
    out: dict[str, list[str]] = {}
    if case.assemblage is not None:
        for f in case.assemblage.lines_of_flight:
            out.setdefault(f.episode or "", []).append(f.source)
    return out


def _names(cases: list[Case], names) -> tuple[str, ...]:
    if names is not None:
        names = [str(n) for n in names]
        if len(names) != len(cases):
            raise ValueError(f"compare: {len(names)} names for {len(cases)} readings")
    else:
        names = []
        for i, c in enumerate(cases):
            by = (c.service.by if c.service else "") or (c.assemblage.by if c.assemblage else "")
            names.append(by or f"reading {i + 1}")
    seen: Counter = Counter()
    out = []
    for n in names:
        seen[n] += 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return tuple(out)


def _share(values: list[str]) -> tuple[int, int]:
    pairs = list(combinations(values, 2))
    return sum(a == b for a, b in pairs), len(pairs)


@dataclass(frozen=True)
class Comparison:
    """Readings of one case side by side (see :func:`compare`).

    ``rows`` holds every compared item as a dict: ``field``, ``id`` (a relation or
    episode id), ``label``, ``values`` (reading name -> value) and ``agree``;
    ``differences`` are the rows where the readings disagree.  ``agreement`` maps
    each field to its proportion agreement in [0, 1], ``pairs`` to the (agreeing,
    all) pair counts behind it.  ``residue`` maps each reading to the residue items
    of its case (the general items every case has are left out).
    """

    case_id: str
    title: str
    names: tuple[str, ...]
    rows: tuple[dict, ...]
    agreement: dict[str, float]
    pairs: dict[str, tuple[int, int]]
    residue: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def differences(self) -> list[dict]:
        """The rows where the readings do not all agree, in field then file order."""
        return [r for r in self.rows if not r["agree"]]

    def shared_residue(self) -> tuple[str, ...]:
        """Residue items every reading leaves."""
        sets = [set(v) for v in self.residue.values()]
        common = set.intersection(*sets) if sets else set()
        first = next(iter(self.residue.values()), ())
        return tuple(x for x in first if x in common)

    def text(self) -> str:
        """A plain-text summary for the command line."""
        lines = [f"{len(self.names)} readings of {self.case_id!r}: {', '.join(self.names)}",
                 "proportion agreement (share of pairs of readings giving the same value; "
                 "not chance-corrected):"]
        for f in FIELDS:
            if f in self.agreement:
                a, n = self.pairs[f]
                lines.append(f"  {f}: {_pct(self.agreement[f])} ({a} of {n} pairs)")
            else:
                lines.append(f"  {f}: nothing to compare (no reading codes it)")
        lines.append(f"{len(self.differences)} disagreements")
        for r in self.differences[:12]:
            vals = "; ".join(f"{k}: {v}" for k, v in r["values"].items())
            lines.append(f"  {r['field']} {r['id']} ({r['label']}): {vals}")
        if len(self.differences) > 12:
            lines.append(f"  and {len(self.differences) - 12} more (see the HTML or CSV)")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        names = self.names
        out = [f'{_CSS}<div class="vcc-compare"><p><strong>{len(names)} readings of '
               f"{_e(self.title)}</strong> ({_e(self.case_id)}): {_e(', '.join(names))}.</p>",
               '<table><caption>Agreement per field</caption><thead><tr><th scope="col">'
               'Field</th><th scope="col">Proportion agreement</th><th scope="col">Pairs '
               "agreeing</th></tr></thead><tbody>"]
        for f in FIELDS:
            if f in self.agreement:
                a, n = self.pairs[f]
                out.append(f'<tr><th scope="row">{_e(f)}</th><td class="num">'
                           f"{_pct(self.agreement[f])}</td><td>{a} of {n}</td></tr>")
            else:
                out.append(f'<tr><th scope="row">{_e(f)}</th><td colspan="2">nothing to '
                           "compare: no reading codes it</td></tr>")
        out.append("</tbody></table><p><small>Proportion agreement: of all pairs of readings "
                   "and all items coded by at least one of them, the share where both give the "
                   "same value. Not corrected for chance agreement.</small></p>")
        diffs = self.differences
        if diffs:
            out.append(_diff_table(diffs[:20], names, f"Where they disagree ({len(diffs)})"))
            if len(diffs) > 20:
                out.append(f"<details><summary>and {len(diffs) - 20} more</summary>"
                           + _diff_table(diffs[20:], names, "The rest") + "</details>")
        else:
            out.append("<p>The readings agree on every compared item.</p>")
        shared = self.shared_residue()
        out.append(f"<h4>The residue each reading leaves</h4><p>{len(shared)} items every "
                   "reading leaves (what neither lens holds, whoever reads).</p>")
        for who, texts in self.residue.items():
            own = [x for x in texts if x not in shared]
            out.append(f"<details><summary>{_e(who)}: {len(texts)} items, {len(own)} its own"
                       "</summary><ul>" + "".join(f"<li>{_e(x)}</li>" for x in own)
                       + "</ul></details>")
        out.append("</div>")
        return "".join(out)

    def to_html(self) -> str:
        """A complete HTML page."""
        return _page(f"Readings of {self.title} compared", self._repr_html_())

    def to_csv(self, path: str | os.PathLike) -> Path:
        """Write every row (agreeing or not) as CSV: field, id, label, agree, one column
        per reading."""
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["field", "id", "label", "agree", *self.names])
        for r in self.rows:
            w.writerow([_cell(x) for x in (r["field"], r["id"], r["label"],
                                           "yes" if r["agree"] else "no",
                                           *(r["values"][n] for n in self.names))])
        return _write(path, buf.getvalue())


def _diff_table(rows: list[dict], names, caption: str) -> str:
    head = "".join(f'<th scope="col">{_e(n)}</th>' for n in names)
    body = "".join(
        f'<tr><td>{_e(r["field"])}</td><th scope="row">{_e(r["id"])}</th><td>{_e(r["label"])}'
        "</td>" + "".join(f"<td>{_e(r['values'][n])}</td>" for n in names) + "</tr>"
        for r in rows)
    return (f'<table><caption>{_e(caption)}</caption><thead><tr><th scope="col">Field</th>'
            f'<th scope="col">Id</th><th scope="col">What</th>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


_FORMULA = re.compile(r"[=+\-@\t\r]")


def _cell(value: object) -> str:
    s = str(value)
    return "'" + s if s and _FORMULA.match(s) else s


def _write(path, text: str) -> Path:
    from .casefile import atomic_write

    return atomic_write(path, text, overwrite=True)


def _page(title: str, body: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>body{{font-family:system-ui,sans-serif;"
            "max-width:60em;margin:1em auto;padding:0 1em;line-height:1.4;color:#1f1f1f;"
            f"background:#fff}}</style></head><body><main><h1>{_e(title)}</h1>{body}"
            "</main></body></html>\n")


def _load(items) -> tuple[list[Case], list[str]]:
    cases, names = [], []
    for x in items:
        if isinstance(x, Case):
            cases.append(x)
            names.append("")
        else:
            cases.append(read_case(x))
            names.append(Path(x).name)
    return cases, names


def _residue_texts(case: Case) -> tuple[str, ...]:
    res = residue(case)
    return tuple(i.text for i in (*res.service_cannot_express, *res.assemblage_loses)
                 if i.topic != "general")


def compare(cases, names=None) -> Comparison:
    """Compare readings of one case made by different people.

    Parameters
    ----------
    cases : sequence of Case or of paths
        At least two readings, all with the same case id (paths are read with
        :func:`~vcc_helpers.casefile.read_case` and named by their file names).
    names : sequence of str, optional
        One name per reading; by default the file names (when every reading is
        given as a path), else each reading's provenance (its ``by``), else
        ``reading 1``, ``reading 2``...

    Returns
    -------
    Comparison

    Raises
    ------
    ValueError
        Fewer than two readings, different case ids, or names that do not match.
    vcc_helpers.casefile.CaseFileError
        A path whose file is refused.
    """
    cases = list(cases)
    loaded, file_names = _load(cases)
    if len(loaded) < 2:
        raise ValueError("compare: give at least two readings of one case")
    ids = sorted({c.id for c in loaded})
    if len(ids) > 1:
        raise ValueError(f"compare: readings of one case share its id; these have {len(ids)} "
                         f"ids ({', '.join(ids[:5])}): use class_report for a class folder")
    if names is None and all(file_names):
        names = file_names
    return _compare(loaded, _names(loaded, names))


def _compare(loaded: list[Case], names: tuple[str, ...],
             residues: list[tuple[str, ...]] | None = None) -> Comparison:
    ids = sorted({c.id for c in loaded})
    rows: list[dict] = []
    counts: dict[str, list[int]] = {}
    relations: dict[str, str] = {}
    for c in loaded:
        for r in c.relations:
            relations.setdefault(r.id, f"{c.label(r.source)} → {c.label(r.target)}: {r.does}")
    coded = [_relation_values(c) for c in loaded]
    has = [set(c._relations) for c in loaded]
    for f in FIELDS[:4]:
        ids_coded = [rid for rid in relations if any(rid in v[f] for v in coded)]
        for rid in ids_coded:
            vals = [v[f].get(rid, NOT_CODED if rid in h else NO_RELATION)
                    for v, h in zip(coded, has, strict=True)]
            a, n = _share(vals)
            counts.setdefault(f, [0, 0])
            counts[f][0] += a
            counts[f][1] += n
            rows.append({"field": f, "id": rid, "label": relations[rid],
                         "values": dict(zip(names, vals, strict=True)), "agree": a == n})
    flights = [_flights(c) for c in loaded]
    episodes: dict[str, str] = {}
    for c in loaded:
        for e in c.episodes:
            episodes.setdefault(e.id, e.label)
    for eid in [*episodes, ""]:
        if not any(eid in fl for fl in flights):
            continue
        vals = ["; ".join(fl[eid]) if eid in fl else _NONE for fl in flights]
        present = ["yes" if eid in fl else "no" for fl in flights]
        a, n = _share(present)
        counts.setdefault("lines of flight", [0, 0])
        counts["lines of flight"][0] += a
        counts["lines of flight"][1] += n
        rows.append({"field": "lines of flight", "id": eid or "(no episode)",
                     "label": episodes.get(eid, "no episode given"),
                     "values": dict(zip(names, vals, strict=True)), "agree": a == n})
    agreement = {f: counts[f][0] / counts[f][1] for f in FIELDS if f in counts and counts[f][1]}
    pairs = {f: (counts[f][0], counts[f][1]) for f in agreement}
    texts = residues or [_residue_texts(c) for c in loaded]
    res = dict(zip(names, texts, strict=True))
    return Comparison(ids[0], loaded[0].title, names, tuple(rows), agreement, pairs, res)


# --------------------------------------------------------------------------------------
# a class folder
# --------------------------------------------------------------------------------------

_TOPICS = {
    "no-reading": "a lens with no reading", "non-human": "relations between non-humans",
    "bypass": "relations that bypass the provider-user dyad",
    "capacity": "capacities of non-beneficiaries", "aggregating": "aggregating affects",
    "line-of-flight": "lines of flight", "territory": "territories",
    "change": "change across episodes", "desire": "desire",
    "accountability": "accountability", "voice": "the user's voice",
    "evaluation": "evaluation", "levers": "managerial levers", "metrics": "metrics",
    "co-production": "co-production",
}


@dataclass(frozen=True)
class FileResult:
    """One file of a class folder: its name, and the case or the errors that refused it."""

    name: str
    case: Case | None
    errors: tuple[Problem, ...] = ()
    prompts: tuple[str, ...] = ()          # feedback codes
    residue_topics: tuple[str, ...] = ()   # residue topics (general items left out)
    residue_texts: tuple[str, ...] = ()    # the same items' texts

    def first_error(self) -> str:
        if not self.errors:
            return ""
        p = self.errors[0]
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        where = f"{p.line}:{p.column}: " if p.line else ""
        return " ".join(f"{where}{p.field}: {p.message}{more}".split())


def _key(label: str) -> str:
    return " ".join(label.casefold().split())


@dataclass(frozen=True)
class ClassReport:
    """A class folder read at once (see :func:`class_report`)."""

    files: tuple[FileResult, ...]

    @property
    def read(self) -> list[FileResult]:
        """The files the validator accepts."""
        return [f for f in self.files if f.case is not None]

    def _cases(self) -> list[tuple[FileResult, Case]]:
        return [(f, f.case) for f in self.files if f.case is not None]

    @property
    def refused(self) -> list[FileResult]:
        return [f for f in self.files if f.case is None]

    def kinds(self) -> list[tuple[str, int]]:
        """Each component kind and the number of files using it, most used first."""
        c = Counter(k for _, case in self._cases() for k in {k for x in case.components
                                                             for k in x.kinds})
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))

    def components(self, least: int = 2) -> list[tuple[str, int]]:
        """Component labels (case and spacing ignored; shown as first written) in at least
        *least* files."""
        first: dict[str, str] = {}
        for _, case in self._cases():
            for x in case.components:
                first.setdefault(_key(x.label), x.label)
        c = Counter(k for _, case in self._cases()
                    for k in {_key(x.label) for x in case.components})
        return sorted(((first[k], n) for k, n in c.items() if n >= least),
                      key=lambda kv: (-kv[1], _key(kv[0])))

    def residue_topics(self) -> list[tuple[str, int]]:
        c = Counter(t for f in self.read for t in set(f.residue_topics))
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))

    def prompts(self) -> list[tuple[str, int]]:
        c = Counter(t for f in self.read for t in set(f.prompts))
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))

    def same_case(self) -> list[Comparison]:
        """A :class:`Comparison` for each case id that two or more files read."""
        groups: dict[str, list[tuple[FileResult, Case]]] = {}
        for f, case in self._cases():
            groups.setdefault(case.id, []).append((f, case))
        return [_compare([c for _, c in g], _names([c for _, c in g], [f.name for f, _ in g]),
                         [f.residue_texts for f, _ in g])
                for _, g in sorted(groups.items()) if len(g) >= 2]

    def text(self) -> str:
        lines = [f"{len(self.files)} files: {len(self.read)} read, {len(self.refused)} refused"]
        for f in self.refused:
            lines.append(f"  refused: {f.name}: {f.first_error()}")
        lines.append("kinds (files): " + ", ".join(f"{k} {n}" for k, n in self.kinds()[:12]))
        lines.append("prompts that recur (files): " + ", ".join(
            f"{k} {n}" for k, n in self.prompts() if n >= 2))
        for cmp in self.same_case():
            lines.append(f"same case {cmp.case_id!r} ({len(cmp.names)} files), proportion "
                         "agreement: " + (", ".join(f"{f} {_pct(cmp.agreement[f])}"
                                                    for f in FIELDS if f in cmp.agreement)
                                          or "nothing to compare"))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        n_read = len(self.read)
        out = [f'{_CSS}<div class="vcc-compare"><p><strong>{len(self.files)} files</strong>: '
               f"{n_read} read, {len(self.refused)} refused by the validator. The report names "
               "files, not people.</p>"]
        out.append(f"<h2>Files the validator refuses ({len(self.refused)})</h2>")
        if self.refused:
            out.append("<table><thead><tr><th scope=\"col\">File</th><th scope=\"col\">First "
                       "error</th></tr></thead><tbody>" + "".join(
                           f'<tr><th scope="row">{_e(f.name)}</th><td>{_e(f.first_error())}</td>'
                           "</tr>" for f in self.refused) + "</tbody></table>")
        else:
            out.append("<p>None.</p>")
        out.append(_count_table("Kinds of component", "Kind", self.kinds(), n_read))
        out.append(_count_table("Components that recur (same label)", "Component",
                                self.components()[:15], n_read))
        out.append(_count_table("Feedback prompts that recur", "Prompt",
                                [(f"{TITLES.get(k, k)} ({section_text(k)})", n)
                                 for k, n in self.prompts()],
                                n_read))
        out.append(_count_table("Residue that recurs (what the lenses could not hold)", "Topic",
                                [(_TOPICS.get(k, k), n) for k, n in self.residue_topics()],
                                n_read))
        comparisons = self.same_case()
        out.append(f"<h2>Readings of the same case ({len(comparisons)})</h2>")
        if not comparisons:
            out.append("<p>No two files read the same case.</p>")
        for cmp in comparisons:
            figures = ", ".join(f"{f} {_pct(cmp.agreement[f])}" for f in FIELDS
                                if f in cmp.agreement) or "nothing to compare"
            out.append(f"<h3>{_e(cmp.case_id)}: {len(cmp.names)} files</h3><p>Proportion "
                       f"agreement: {_e(figures)}.</p><details><summary>The comparison"
                       f"</summary>{cmp._repr_html_()}</details>")
        out.append("<h2>Every file</h2><table><thead><tr>" + "".join(
            f'<th scope="col">{h}</th>' for h in ("File", "Case", "Components", "Relations",
                                                   "Episodes", "Prompts")) + "</tr></thead><tbody>")
        for f in self.files:
            if f.case is None:
                out.append(f'<tr><th scope="row">{_e(f.name)}</th><td colspan="5">refused'
                           "</td></tr>")
            else:
                c = f.case
                out.append(f'<tr><th scope="row">{_e(f.name)}</th><td>{_e(c.id)}</td>'
                           f'<td class="num">{len(c.components)}</td><td class="num">'
                           f'{len(c.relations)}</td><td class="num">{len(c.episodes)}</td>'
                           f'<td class="num">{len(f.prompts)}</td></tr>')
        out.append("</tbody></table></div>")
        return "".join(out)

    def to_html(self) -> str:
        """The report as one complete HTML page."""
        return _page("Class report", self._repr_html_())

    def to_csv(self, path: str | os.PathLike) -> Path:
        """One row per file: name, status, case id, counts, first error."""
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["file", "status", "case", "components", "relations", "episodes", "prompts",
                    "first_error"])
        for f in self.files:
            c = f.case
            w.writerow([_cell(x) for x in (
                f.name, "read" if c else "refused", c.id if c else "",
                len(c.components) if c else "", len(c.relations) if c else "",
                len(c.episodes) if c else "", len(f.prompts) if c else "", f.first_error())])
        return _write(path, buf.getvalue())


def _count_table(caption: str, what: str, rows: list[tuple[str, int]], total: int) -> str:
    if not rows:
        return f"<h2>{_e(caption)}</h2><p>None.</p>"
    body = "".join(f'<tr><th scope="row">{_e(k)}</th><td class="num">{n} of {total}</td></tr>'
                   for k, n in rows)
    return (f'<h2>{_e(caption)}</h2><table><thead><tr><th scope="col">{_e(what)}</th>'
            f'<th scope="col">Files</th></tr></thead><tbody>{body}</tbody></table>')


def _file_names(paths: list[Path]) -> list[str]:
    names = [p.name for p in paths]
    if len(set(names)) == len(names):
        return names
    return [str(p) for p in paths]


def class_report(paths) -> ClassReport:
    """Read a class folder's files (or a folder: its ``.yaml``, ``.yml`` and ``.json``).

    Parameters
    ----------
    paths : path or sequence of paths

    Returns
    -------
    ClassReport
        Refused files are kept with their errors; nothing raises for a bad file.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    expanded: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            expanded += sorted(x for x in p.iterdir()
                               if x.suffix.lower() in (".yaml", ".yml", ".json") and x.is_file())
        else:
            expanded.append(p)
    results = []
    for path, name in zip(expanded, _file_names(expanded), strict=True):
        case, errors, notes = check_case(path, filename=name)
        if errors or case is None:
            results.append(FileResult(name, None, tuple(errors)))
            continue
        res = residue(case)
        topics = tuple(i.topic for i in (*res.service_cannot_express, *res.assemblage_loses)
                       if i.topic != "general")
        codes = tuple(p.code for p in feedback(case, notes, filename=name))
        texts = tuple(i.text for i in (*res.service_cannot_express, *res.assemblage_loses)
                      if i.topic != "general")
        results.append(FileResult(name, case, (), codes, topics, texts))
    return ClassReport(tuple(results))
