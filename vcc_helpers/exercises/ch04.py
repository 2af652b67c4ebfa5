"""Chapter 4, *Thinking with assemblages*: the small assemblage and the answer checks.

The chapter's small assemblage is a weekday morning in Mrs B's home: Mrs B, her
care worker, a key safe, the agency's visit rota and the stairs.  It is a
teaching sketch written for this book, not a report of a real service.  The
chapter unplugs the key safe, plugs it into another home (Mr C's flat, where a
neighbour knows the code), and changes the tendency of the rota's relation to
show that capacities belong to arrangements, not to bodies alone.

Every check takes the reader's answer and returns a
:class:`~vcc_helpers.exercises._common.Feedback`; none raises on a wrong or
malformed answer. The other home, the tables and prose the page shows live in
:mod:`vcc_helpers.exercises.pages.ch04`; this module forwards their names (:data:`SHOWN`).

Examples
--------
>>> home = small_assemblage()
>>> [c.id for c in home.components]
['mrs-b', 'care-worker', 'key-safe', 'rota', 'stairs']
>>> from vcc_helpers.exercises.answers.ch04 import MISREADING_ANSWER
>>> bool(check_misreadings(MISREADING_ANSWER))
True
>>> print(check_misreadings({}))  # doctest: +ELLIPSIS
Not yet: ...
"""
from __future__ import annotations

from vcc_helpers.edit import remove_component
from vcc_helpers.lenses.assemblage import capacities_of
from vcc_helpers.model import Case

from . import data
from ._common import (Feedback, as_id_set, key_digest, listing, model_answer, page_helper,
                      reasons)

__all__ = [
    "small_assemblage", "lost_relations", "MISREADINGS", "check_misreadings",
    "check_unplugged_rota", "LINEAGES", "CONCEPTS", "check_lineage",
]

SHOWN = (
    "other_home", "key_safe_relations_in_flat", "key_safe_affects_in_flat", "late_slot_affect",
    "summarise_assemblage", "describe_case", "show", "compare_capacities",
)
"""What the chapter's page shows (tables, prose, file helpers): they live in
:mod:`vcc_helpers.exercises.pages.ch04`, and this module forwards each name there."""


# --------------------------------------------------------------------------------------
# The cases
# --------------------------------------------------------------------------------------


def small_assemblage() -> Case:
    """A weekday morning in Mrs B's home, as a small assemblage.

    Returns
    -------
    Case
        Five components (Mrs B, her care worker, a key safe, the visit rota and
        the stairs), seven relations in one episode, and an assemblage reading
        with an affect on every relation, role scores for the key safe and the
        rota, one line of flight (with its danger) and one territory.

    Examples
    --------
    >>> home = small_assemblage()
    >>> len(home.relations), len(home.assemblage.affects)
    (7, 7)
    >>> home.assemblage.lines_of_flight[0].danger != ""
    True
    """
    return data.load("mrs-b-morning")


def _capacity_keys(case: Case, component_id: str) -> dict[tuple[str, str], str]:
    cap = capacities_of(case, component_id)
    out = {}
    for label, rows in (("can", cap.can), ("can no longer", cap.can_no_longer),
                        ("unclear", cap.unclear)):
        for r in rows:
            out[(r.relation, r.capacity)] = label
    return out


def lost_relations(before: Case, after: Case, component_id: str) -> frozenset[str]:
    """Relations whose affects on *component_id* exist in *before* but not in *after*.

    Examples
    --------
    >>> home = small_assemblage()
    >>> sorted(lost_relations(home, remove_component(home, "rota"), "care-worker"))
    ['r3', 'r7']
    """
    b = {k[0] for k in _capacity_keys(before, component_id)}
    a = {k[0] for k in _capacity_keys(after, component_id)}
    return frozenset(b - a)


# --------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------

MISREADINGS: dict[int, str] = {
    1: 'The rota is part of the assemblage only because a human uses it.',
    2: 'Affect is a capacity to affect and to be affected, so a rule can affect a body.',
    3: 'A line of flight is the good part of an assemblage.',
    4: 'Molecular lines are those found in small organisations.',
    5: ('The same key safe can do different things in different homes because its '
        'relations differ.'),
    6: 'Desire is what the service user wants from the service.',
}
"""Chapter 4, exercise 1: statement number -> the statement."""

_MISREADING_KEY: dict[int, str] = {
    1: "47b1e6233e0ef146", 2: "9b04f576f5c31066", 3: "d34dbb69bd94e526",
    4: "05000236083228f1", 5: "0ff99204dce649d8", 6: "3c202f079bbd3987",
}
"""Exercise ch4-ex1's key as digests (the key itself: ``answers.ch04.MISREADING_ANSWER``)."""

_LINEAGE_KEY: dict[str, str] = {
    "agencement": "b877c3fa9ec4c2a0", "material-expressive axis": "4e4a8c11db41357e",
    "affect economy": "ca17bdb6f403c0ee", "molar and molecular lines": "d088b5317fb32682",
    "aggregating and singular affects": "2f5086a851e4145c",
    "neo-assemblage theory": "84c0920aca7bc5d2", "research-assemblage": "c200ada299a21d66",
    "map and tracing": "9b959b68c1203275", "coding axis": "f0bff25c05c325e1",
}
"""Exercise ch4-ex3's key as digests (the key itself: ``answers.ch04.LINEAGE_ANSWER``)."""

CONCEPTS: tuple[str, ...] = tuple(_LINEAGE_KEY)
"""The concepts of exercise ch4-ex3, in the order the chapter lists them."""


def __getattr__(name: str):
    if name in SHOWN:
        return page_helper("ch04", name)
    if name in ("LINEAGE_ANSWER", "MISREADING_ANSWER"):
        return model_answer("ch04", name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _as_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        v = value.strip().lower()
        if v in {"true", "yes", "y", "misreading", "t"}:
            return True
        if v in {"false", "no", "n", "fair", "f"}:
            return False
    return None


def check_misreadings(answer: object) -> Feedback:
    """Exercise ch4-ex1: which statements of :data:`MISREADINGS` are misreadings?

    Parameters
    ----------
    answer : dict
        Statement number (1-6) -> ``True`` for a misreading, ``False`` for a
        fair reading.  Strings such as ``"yes"`` or ``"fair"`` are accepted.

    Returns
    -------
    Feedback

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.ch04 import MISREADING_ANSWER as key
    >>> check_misreadings(key).correct
    True
    >>> f = check_misreadings(dict(key, **{"2": not key[2]}))
    >>> f.correct, f.hints[0].startswith("Statement 2")
    (False, True)
    """
    if not isinstance(answer, dict):
        return Feedback(False, "Not yet: give a dictionary from statement number to True "
                               "(misreading) or False (fair reading), for each of the six "
                               "statements.")
    given: dict[int, bool] = {}
    for k, v in answer.items():
        try:
            n = int(k)
        except (TypeError, ValueError):
            continue
        b = _as_bool(v)
        if n in MISREADINGS and b is not None:
            given[n] = b
    missing = [n for n in MISREADINGS if n not in given]
    wrong = [n for n in MISREADINGS
             if n in given and key_digest("ch4-ex1", n, given[n]) != _MISREADING_KEY[n]]
    if not missing and not wrong:
        mis = [str(n) for n in MISREADINGS if given[n]]
        fair = [str(n) for n in MISREADINGS if not given[n]]
        return Feedback(True, f"Right: statements {listing(mis)} are misreadings; "
                              f"{listing(fair)} "
                              f"{'is a fair reading' if len(fair) == 1 else 'are fair readings'}.")
    why = reasons("ch04", "MISREADING_WHY")
    hints = tuple(f"Statement {n}: think again. {why.get(n, '')}".rstrip() for n in wrong)
    if missing:
        hints += (f"Still to answer: statement{'s' if len(missing) > 1 else ''} "
                  f"{listing(str(n) for n in missing)}.",)
    done = len(MISREADINGS) - len(missing) - len(wrong)
    return Feedback(False, f"Not yet: {done} of {len(MISREADINGS)} answered correctly so far.",
                    hints)


def check_unplugged_rota(answer: object) -> Feedback:
    """Exercise ch4-ex2: which of the care worker's affects go when the rota is unplugged?

    The expected answer is computed from :func:`small_assemblage` with
    :func:`vcc_helpers.edit.remove_component`, so it follows the case.

    Parameters
    ----------
    answer : set of str, or str
        Relation ids, e.g. ``{"r3"}`` or ``"r3, r7"``.

    Examples
    --------
    >>> check_unplugged_rota({"r3", "r7"}).correct
    True
    >>> check_unplugged_rota("r3").correct
    False
    """
    home = small_assemblage()
    expected = lost_relations(home, remove_component(home, "rota"), "care-worker")
    ids = as_id_set(answer)
    if ids is None:
        return Feedback(False, "Not yet: give the relation ids as a set of strings, "
                               "e.g. {\"r1\"}.")
    if ids == expected:
        return Feedback(True, f"Right: the care worker loses the affects of "
                              f"{listing(sorted(expected))}. Both came from the rota: without "
                              "it nothing limits her to fifteen minutes, and nothing sends her "
                              "on. What reterritorialises her morning now?")
    known = {r.id for r in home.relations}
    hints = []
    unknown = sorted(ids - known)
    if unknown:
        what = "is not a relation" if len(unknown) == 1 else "are not relations"
        hints.append(f"{listing(unknown)} {what} of the case; the relation ids are "
                     f"{listing(sorted(known))}.")
    extra = sorted((ids & known) - expected)
    if extra:
        one = len(extra) == 1
        hints.append(f"{listing(extra)} {'does' if one else 'do'} not tie the rota to the care "
                     f"worker, so {'it stays' if one else 'they stay'}.")
    if expected - ids:
        hints.append(f"{len(expected - ids)} more relation(s) tie the rota to the care worker: "
                     "look at al.capacities_of(home, \"care-worker\").")
    return Feedback(False, "Not yet: compare the care worker's capacities with and without "
                           "the rota.", tuple(hints))


LINEAGES: dict[str, str] = {
    "deleuze-guattari": "Deleuze and Guattari",
    "delanda": "DeLanda",
    "fox-alldred": "Fox and Alldred",
}
"""The three lineages of Chapter 4, by the short names the checks accept."""


def _lineage(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    v = value.strip().lower().replace("&", "and").replace("_", "-")
    v = " ".join(v.split())
    if "fox" in v or "alldred" in v:
        return "fox-alldred"
    if "delanda" in v or "de landa" in v:
        return "delanda"
    if "deleuze" in v or "guattari" in v or v in {"d-g", "dg", "dandg", "d and g"}:
        return "deleuze-guattari"
    return None


def check_lineage(answer: object) -> Feedback:
    """Exercise ch4-ex3: which lineage does this book take each concept from?

    Parameters
    ----------
    answer : dict
        Concept (one of :data:`CONCEPTS`) -> ``"deleuze-guattari"``,
        ``"delanda"`` or ``"fox-alldred"`` (spellings such as ``"D&G"``,
        ``"DeLanda"`` or ``"Fox & Alldred"`` are accepted).

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.ch04 import LINEAGE_ANSWER
    >>> check_lineage(LINEAGE_ANSWER).correct
    True
    >>> f = check_lineage({"agencement": "delanda"})
    >>> f.correct, f.hints[0]
    (False, "'agencement' is not DeLanda's: think again.")
    """
    if not isinstance(answer, dict):
        return Feedback(False, "Not yet: give a dictionary from concept to lineage, e.g. "
                               "{concept: lineage, ...}, each lineage 'deleuze-guattari', "
                               "'delanda' or 'fox-alldred'.")
    norm = {" ".join(str(k).strip().lower().replace("–", "-").split()): v
            for k, v in answer.items()}
    hints = []
    right = 0
    missing = []
    for concept in CONCEPTS:
        if concept not in norm:
            missing.append(concept)
            continue
        got = _lineage(norm[concept])
        if got is None:
            hints.append(f"{concept!r}: write one of 'deleuze-guattari', 'delanda' or "
                         "'fox-alldred'.")
        elif key_digest("ch4-ex3", concept, got) != _LINEAGE_KEY[concept]:
            hints.append(f"{concept!r} is not {LINEAGES[got]}'s: think again.")
        else:
            right += 1
    if right == len(CONCEPTS):
        return Feedback(True, "Right: each concept is placed in its lineage. Keep the labels "
                              "when you write: it tells your reader whose assemblage theory "
                              "you are using.")
    if missing:
        hints.append(f"Still to place: {listing(repr(m) for m in missing)}.")
    return Feedback(False, f"Not yet: {right} of {len(CONCEPTS)} placed correctly.",
                    tuple(hints))


def __dir__() -> list[str]:
    return sorted([*globals(), *SHOWN])
