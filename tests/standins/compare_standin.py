"""A TEST-ONLY stand-in for ``vcc_helpers.compare`` (written by another helper, not yet merged).

It offers the one call the chapter *Making the calls* makes,
``compare.compare([a, b], names=[...])``, returning an object with ``_repr_html_`` and
``agreement`` (field -> share of relations on which the readings agree). It lives under
``tests/`` only: the package never ships it, and once the real module exists it is not used
(``sitecustomize`` below only answers when the real import fails).
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Comparison:
    names: tuple[str, ...]
    rows: tuple[tuple[str, str, tuple[str, ...]], ...]
    agreement: dict[str, float] = field(default_factory=dict)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(n)}</th>" for n in ("Relation", "Field", *self.names))
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in (r, f, *v))
                       + "</tr>" for r, f, v in self.rows)
        return f"<table><caption>Stand-in comparison</caption><tr>{head}</tr>{body}</table>"


def _codes(case):
    out = {}
    for it in (case.service.interactions if case.service else ()):
        out[(it.relation, "sphere")] = it.sphere
        out[(it.relation, "mode")] = it.mode
    for a in (case.assemblage.affects if case.assemblage else ()):
        out[(a.relation, "tendency")] = a.tendency
        out[(a.relation, "direction")] = a.direction
    return out


def compare(readings, names=None):
    readings = list(readings)
    names = tuple(names or (f"Reading {i + 1}" for i in range(len(readings))))
    codes = [_codes(c) for c in readings]
    keys = sorted(set().union(*codes))
    rows, agree, total = [], {}, {}
    for rel, fld in keys:
        values = tuple(c.get((rel, fld), "") for c in codes)
        total[fld] = total.get(fld, 0) + 1
        agree[fld] = agree.get(fld, 0) + (len(set(values)) == 1)
        rows.append((rel, fld, values))
    return Comparison(names, tuple(rows), {f: agree[f] / total[f] for f in total})
