"""Chapter 3, *What service logic struggles to hold*: the dyad, and its answer check.

:func:`check_outside_dyad` returns a :class:`~vcc_helpers.exercises._common.Feedback`
and never raises on a wrong answer. The tables and ``*_facts`` sentences the page
shows (the residue, the dyad, the things) live in :mod:`vcc_helpers.exercises.pages.ch03`;
this module forwards their names (:data:`SHOWN`).

The *dyad* is every component the service reading casts as ``provider``,
``frontline-staff`` or ``user`` (:data:`DYAD_ROLES`).  A relation *touches* the
dyad when one of its ends is in it.

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> c = tiny_case()
>>> dyad_members(c)
('mrs-a', 'surgery', 'receptionist')
>>> outside_dyad(c)
('r5',)
"""
from __future__ import annotations

from vcc_helpers.exercises._common import Feedback, as_id_set, counted as _n, listing, page_helper
from vcc_helpers.lenses.service import unplaced_relations
from vcc_helpers.model import Case

__all__ = [
    "DYAD_ROLES", "dyad_members", "outside_dyad", "check_outside_dyad",
]

SHOWN = (
    "residue_table", "residue_summary", "residue_facts", "outside_dyad_table", "dyad_facts",
    "destruction_table", "nonhuman_roles_table", "nonhuman_facts",
)
"""What the chapter's page shows (tables, prose, file helpers): they live in
:mod:`vcc_helpers.exercises.pages.ch03`, and this module forwards each name there."""

DYAD_ROLES: tuple[str, ...] = ("provider", "frontline-staff", "user")
"""Service roles that put a component in the provider-user pair."""


def _roles(case: Case) -> dict[str, tuple[str, ...]]:
    return dict(case.service.roles) if case.service else {}


def dyad_members(case: Case) -> tuple[str, ...]:
    """Ids of the components cast as provider, front-line staff or user, in component file order."""
    roles = _roles(case)
    return tuple(c.id for c in case.components if set(roles.get(c.id, ())) & set(DYAD_ROLES))


def outside_dyad(case: Case) -> tuple[str, ...]:
    """Ids of the relations neither of whose ends is in the dyad, in file order."""
    dyad = set(dyad_members(case))
    return tuple(r.id for r in case.relations if r.source not in dyad and r.target not in dyad)


def check_outside_dyad(case: Case, answer: object) -> Feedback:
    """Check a reader's set of the relations that never touch the provider-user pair.

    Parameters
    ----------
    case : Case
    answer : set, list or str
        Relation ids.

    Returns
    -------
    Feedback
        Right when the ids are exactly :func:`outside_dyad` of the case.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(check_outside_dyad(tiny_case(), {"r5", "r6"}))
    Not yet: 1 is right and 1 touches the pair.
      - r6 ("gets her to the surgery late", Number 7 bus to Mrs A) touches the pair: Mrs A is cast as user.
    >>> bool(check_outside_dyad(tiny_case(), "r5"))
    True
    """  # noqa: E501 (a doctest's expected output is one line)
    ids = as_id_set(answer)
    if ids is None:
        return Feedback(False, "Not yet: give your answer as a set of relation ids, "
                               'for example {"r1", "r2"}.')
    expected = frozenset(outside_dyad(case))
    known = {r.id for r in case.relations}
    unknown = sorted(ids - known)
    if unknown:
        what = "is not a relation id" if len(unknown) == 1 else "are not relation ids"
        return Feedback(False, f"Not yet: {listing(unknown)} {what}"
                               " in this case.")
    if not ids and expected:
        return Feedback(False, "Not yet: your answer is empty. Start from the components cast as "
                               "provider, front-line staff or user, then look for relations that "
                               "involve none of them.")
    if ids == expected:
        placed = len(expected - set(unplaced_relations(case)))
        if not expected:
            return Feedback(True, "Yes: every relation touches the provider-user pair.")
        where = ("The service reading places all of them in a sphere (see the table's last "
                 "column), but as work done with resources and rules, by others or by things: "
                 "neither party of the pair takes part in them." if placed == len(expected)
                 else f"The service reading places {placed} of them in a sphere (see the table's "
                 "last column); the others it cannot place at all.")
        return Feedback(True, f"Yes: {_n(len(expected), 'relation')}. {where}")
    roles = _roles(case)
    dyad = set(dyad_members(case))
    right = ids & expected
    touching = sorted(ids - expected)
    missing = expected - ids
    parts = [f"{len(right)} {'is' if len(right) == 1 else 'are'} right"]
    if touching:
        parts.append(f"{len(touching)} {'touches' if len(touching) == 1 else 'touch'} the pair")
    if missing:
        parts.append(f"{len(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    hints = []
    for rid in touching:
        r = case.relation(rid)
        end = r.source if r.source in dyad else r.target
        hints.append(f'{rid} ("{r.does}", {case.label(r.source)} to {case.label(r.target)}) '
                     f"touches the pair: {case.label(end)} is cast as "
                     f"{', '.join(x for x in roles.get(end, ()) if x in DYAD_ROLES)}.")
    return Feedback(False, "Not yet: " + listing(parts) + ".", tuple(hints))


def __getattr__(name: str):
    if name in SHOWN:
        return page_helper("ch03", name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *SHOWN])
