"""Chapter 4's page: the example homes, and the assemblage lens's results as tables and prose.

The checks, and the small assemblage they are about, live in
:mod:`vcc_helpers.exercises.ch04`, which forwards these names.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from vcc_helpers.exercises import data
from vcc_helpers.exercises._common import counted as _n, listing
from vcc_helpers.exercises.ch04 import _capacity_keys
from vcc_helpers.exercises.pages.display import Prose, Table
from vcc_helpers.lenses.assemblage import (AffectRow, Capacities, EpisodeAffects, FlightRow,
                                           TerritoryRow)
from vcc_helpers.model import Affect, Case, Relation

__all__ = [
    "other_home", "key_safe_relations_in_flat", "key_safe_affects_in_flat", "late_slot_affect",
    "summarise_assemblage", "describe_case", "show", "compare_capacities",
]


def other_home() -> Case:
    """Mr C's flat across town, before the key safe is plugged in.

    Examples
    --------
    >>> flat = other_home()
    >>> [c.id for c in flat.components]
    ['mr-c', 'neighbour']
    """
    return data.load("mr-c-evening")


def key_safe_relations_in_flat() -> tuple[Relation, ...]:
    """The relations that tie the key safe into Mr C's flat (for :func:`vcc_helpers.edit.plug`).

    Examples
    --------
    >>> [(r.id, r.source, r.target) for r in key_safe_relations_in_flat()]
    [('k1', 'key-safe', 'neighbour'), ('k2', 'key-safe', 'mr-c')]
    """
    return (
        Relation("k1", "key-safe", "neighbour", "holds the key to his flat for", "evening"),
        Relation("k2", "key-safe", "mr-c", "opens his door to anyone who has the code",
                 "evening"),
    )


def key_safe_affects_in_flat() -> tuple[Affect, ...]:
    """The affects of the key safe's new relations in Mr C's flat.

    Examples
    --------
    >>> [(a.relation, a.on, a.direction) for a in key_safe_affects_in_flat()]
    [('k1', 'neighbour', 'enhances'), ('k2', 'mr-c', 'unclear')]
    """
    return (
        Affect("k1", "can let herself in at night if he does not answer", "enhances",
               "deterritorialising", "singular", on="neighbour"),
        Affect("k2", "can be reached after a fall, and can no longer be sure who comes in",
               "unclear", "deterritorialising", "singular", on="mr-c"),
    )


def late_slot_affect() -> Affect:
    """The rota's new affect on Mrs B when the agency moves her to the late-morning round.

    It replaces the affect on relation ``r4`` (the rota setting her call time):
    same relation, same body, a different capacity and a deterritorialising
    tendency.

    Examples
    --------
    >>> a = late_slot_affect()
    >>> a.relation, a.on, a.direction, a.tendency
    ('r4', 'mrs-b', 'diminishes', 'deterritorialising')
    """
    return Affect("r4", "can no longer take her tablets before ten", "diminishes",
                  "deterritorialising", "aggregating", on="mrs-b")


# --------------------------------------------------------------------------------------
# Display helpers
# --------------------------------------------------------------------------------------


def summarise_assemblage(case: Case) -> Prose:
    """A computed sentence on what a case holds (so the chapter never types counts by hand).

    Examples
    --------
    >>> from vcc_helpers.exercises.ch04 import small_assemblage
    >>> print(summarise_assemblage(small_assemblage()))  # doctest: +NORMALIZE_WHITESPACE
    A weekday morning in Mrs B's home: 5 components (Mrs B, 88; Dev, her care worker;
    Key safe; The agency's visit rota; The stairs) and 7 relations; the assemblage
    reading records 7 affects, 1 line of flight and 1 territory.
    """
    a = case.assemblage
    n_aff = len(a.affects) if a else 0
    n_lof = len(a.lines_of_flight) if a else 0
    n_ter = len(a.territories) if a else 0
    return Prose(
        f"{case.title}: **{len(case.components)} components** "
        f"({'; '.join(c.label for c in case.components)}) and "
        f"**{len(case.relations)} relations**; the assemblage reading records "
        f"{_n(n_aff, 'affect')}, {_n(n_lof, 'line of flight', 'lines of flight')} and "
        f"{_n(n_ter, 'territory', 'territories')}.")


describe_case = summarise_assemblage
"""The old name of :func:`summarise_assemblage` (kept so earlier notebooks run); the package's one
``describe_case`` is :func:`vcc_helpers.describe.describe_case`, the full report."""


def _namer(case: Case | None):
    return (lambda i: i) if case is None else case.label


def _affect_rows_table(rows: Iterable[AffectRow], caption: str, case: Case | None) -> Table:
    name = _namer(case)
    return Table(("Relation", "What happens", "Capacity of", "Capacity", "Direction",
                  "Tendency"),
                 [(r.relation, f"{name(r.source)} {r.does} {name(r.target)}", name(r.on),
                   r.capacity, r.direction, r.tendency) for r in rows], caption)


def show(result: object, case: Case | None = None, caption: str = "") -> Table:
    """Show what an assemblage-lens function returned as a small, readable table.

    Accepts the result of :func:`~vcc_helpers.lenses.assemblage.capacities_of`,
    :func:`~vcc_helpers.lenses.assemblage.affect_economy`, any tuple of affect
    rows (``aggregating_affects``, ``stabilisers``, ...),
    :func:`~vcc_helpers.lenses.assemblage.lines_of_flight` and
    :func:`~vcc_helpers.lenses.assemblage.territories`.  Give the *case* to
    see components by their labels rather than their ids.

    Raises
    ------
    TypeError
        For a result of another kind.

    Examples
    --------
    >>> from vcc_helpers.exercises.ch04 import small_assemblage
    >>> from vcc_helpers.lenses.assemblage import capacities_of
    >>> t = show(capacities_of(small_assemblage(), "care-worker"))
    >>> [row[0] for row in t.rows]
    ['can', 'can no longer', 'can no longer']
    """
    name = _namer(case)
    rows: list[tuple[Any, ...]]
    if isinstance(result, Capacities):
        rows = ([("can", r.capacity, r.relation, name(r.by)) for r in result.can]
                + [("can no longer", r.capacity, r.relation, name(r.by))
                   for r in result.can_no_longer]
                + [("unclear", r.capacity, r.relation, name(r.by)) for r in result.unclear])
        return Table(("", "Capacity", "Relation", "Produced with"), rows,
                     caption or f"What {result.label} can do here")
    if isinstance(result, tuple) and all(isinstance(x, EpisodeAffects) for x in result):
        head = ("Relation", "Capacity of", "Capacity", "Direction", "Tendency", "Character")
        rows = [(r.relation, name(r.on), r.capacity, r.direction, r.tendency, r.character)
                for g in result for r in g.affects]
        if len(result) == 1:  # one episode: name it in the caption, not in every row
            return Table(head, rows, caption or f"The affect economy: {result[0].label}")
        rows = [(g.label,) + row for g in result
                for row in [(r.relation, name(r.on), r.capacity, r.direction, r.tendency,
                             r.character) for r in g.affects]]
        return Table(("Episode",) + head, rows,
                     caption or "The affect economy, episode by episode")
    if isinstance(result, tuple) and all(isinstance(x, FlightRow) for x in result):
        rows = [(f.episode_label, f.source, f.toward, f.danger, f.captured_by or "(not yet)")
                for f in result]
        return Table(("Episode", "Leaves", "Toward", "Danger", "Captured by"), rows,
                     caption or "Lines of flight, each with its danger")
    if isinstance(result, tuple) and all(isinstance(x, TerritoryRow) for x in result):
        rows = [(t.label, listing(t.drawn_by_labels), t.note) for t in result]
        return Table(("Territory", "Drawn by", "Note"), rows, caption or "Territories")
    if isinstance(result, tuple) and all(isinstance(x, AffectRow) for x in result):
        return _affect_rows_table(result, caption or "Affects", case)
    raise TypeError(f"show() cannot display a {type(result).__name__}")


def compare_capacities(before: Case, after: Case, component_id: str) -> Table:
    """What a component can do before and after a change, side by side.

    Rows are in the order of *before* then rows new in *after*; the last
    column says whether the capacity is ``kept``, ``lost`` or ``new``.

    Examples
    --------
    >>> from vcc_helpers.edit import remove_component
    >>> from vcc_helpers.exercises.ch04 import small_assemblage
    >>> home = small_assemblage()
    >>> t = compare_capacities(home, remove_component(home, "key-safe"), "mrs-b")
    >>> [(row[0], row[3]) for row in t.rows]
    [('r2', 'lost'), ('r4', 'kept'), ('r5', 'kept'), ('r6', 'kept')]
    """
    b = _capacity_keys(before, component_id)
    a = _capacity_keys(after, component_id)
    rows = []
    for (rel, capacity), label in b.items():
        rows.append((rel, capacity, label, "kept" if (rel, capacity) in a else "lost"))
    for (rel, capacity), label in a.items():
        if (rel, capacity) not in b:
            rows.append((rel, capacity, label, "new"))
    name = after.label(component_id)
    return Table(("Relation", "Capacity", "Can / can no longer", "After the change"), rows,
                 f"What {name} can do, before and after")
