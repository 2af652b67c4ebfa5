"""Chapter 2, *Service logic*: two answer checks and the interactions they are about.

The checks (:func:`check_spheres`, :func:`check_indirect`) return a
:class:`~vcc_helpers.exercises._common.Feedback` and never raise on a wrong answer.
The tables and ``*_facts`` sentences the page shows live in
:mod:`vcc_helpers.exercises.pages.ch02`; this module forwards their names (:data:`SHOWN`).

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> c = tiny_case()
>>> indirect_interactions(c)
('r1', 'r3', 'r4', 'r6')
>>> bool(check_indirect(c, {"r1", "r3", "r4", "r6"}))
True
"""
from __future__ import annotations

from collections.abc import Mapping

from vcc_helpers.exercises._common import (Feedback, as_id_set, counted as _plural, key_digest,
                                           listing, model_answer, page_helper, reasons)
from vcc_helpers.model import SPHERES, Case

__all__ = [
    "NEW_INTERACTIONS", "check_spheres", "indirect_interactions", "check_indirect",
]

SHOWN = (
    "questions_table", "parties_table", "spheres_table", "sphere_facts", "propositions_table",
    "claims_table", "claim_facts", "new_interactions_table",
)
"""What the chapter's page shows (tables, prose, file helpers): they live in
:mod:`vcc_helpers.exercises.pages.ch02`, and this module forwards each name there."""


# --------------------------------------------------------------------------------------
# Exercise ch2-ex1: four new interactions
# --------------------------------------------------------------------------------------

NEW_INTERACTIONS: dict[str, str] = {
    "x1": "The practice manager rewrites the triage script that the receptionists follow.",
    "x2": "A neighbour takes L's children to school so that she can take the doctor's call-back.",
    "x3": "Dr N phones Mr E to talk through the results of his blood test.",
    "x4": "On her break, L reads the practice's text message confirming her appointment.",
}
"""Four interactions that are not in the GP case file, for exercise ch2-ex1."""

_KEY: dict[str, str] = {"x1": "a963e6a1bb11d3e0", "x2": "0d859daef1277066",
                        "x3": "b5496b2fb4848df9", "x4": "3ac467f5ce63b378"}
"""Where Grönroos & Voima's model places each of :data:`NEW_INTERACTIONS`, as digests
(the spheres themselves: ``answers.ch02.EXPECTED_SPHERES``, forwarded as
``ch02.EXPECTED_SPHERES``)."""


def __getattr__(name: str):
    if name in SHOWN:
        return page_helper("ch02", name)
    if name == "EXPECTED_SPHERES":
        return model_answer("ch02", name)
    if name == "_SPHERE_WHY":
        return model_answer("ch02", "SPHERE_WHY")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _sphere_word(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    w = value.strip().lower().replace("sphere", "").replace("'s", "").strip()
    if w == "customer":
        w = "user"
    return w if w in SPHERES else None


def check_spheres(answer: object) -> Feedback:
    """Check the spheres a reader gives to :data:`NEW_INTERACTIONS`.

    Parameters
    ----------
    answer : dict
        Id (``"x1"`` .. ``"x4"``) -> ``"provider"``, ``"joint"`` or ``"user"``.
        ``"customer"`` (Grönroos & Voima's word) is accepted for ``"user"``, and
        ``"joint sphere"`` for ``"joint"``.

    Returns
    -------
    Feedback

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.ch02 import EXPECTED_SPHERES as key
    >>> bool(check_spheres(dict(key, x2="customer")))  # Grönroos and Voima's word for "user"
    True
    >>> print(check_spheres(dict(key, x4="joint")))  # doctest: +ELLIPSIS
    Not yet: 3 of 4 are right.
      - x4 ...
    """
    if not isinstance(answer, Mapping):
        return Feedback(False, 'Not yet: give your answer as a dictionary such as '
                               '{"x1": sphere, "x2": sphere, ...}, each sphere "provider", '
                               '"joint" or "user".')
    unknown = sorted(str(k) for k in answer if k not in _KEY)
    if unknown:
        what = "is not one of the ids" if len(unknown) == 1 else "are not among the ids"
        return Feedback(False, f"Not yet: {listing(unknown)} {what}"
                               " x1 to x4.")
    missing = sorted(set(_KEY) - set(answer))
    unread = sorted(k for k in answer if _sphere_word(answer[k]) is None)
    if missing or unread:
        todo = sorted(set(missing) | set(unread))
        return Feedback(False, f"Not yet: {listing(todo)} still "
                               f"{'needs' if len(todo) == 1 else 'need'} a sphere. Use "
                               '"provider", "joint" or "user" for each.')
    wrong = sorted(k for k in _KEY
                   if key_digest("ch2-ex1", k, _sphere_word(answer[k])) != _KEY[k])
    if not wrong:
        given = ", ".join(_sphere_word(answer[k]) or "" for k in sorted(_KEY))  # all read
        return Feedback(True, f"Yes: {given}. Only Dr N's phone call is "
                              "co-creation in Grönroos and Voima's strict sense.")
    return Feedback(False, f"Not yet: {len(_KEY) - len(wrong)} of "
                           f"{len(_KEY)} are right.",
                    tuple(reasons("ch02", "SPHERE_WHY").get(
                        k, f"{k}: think again: who takes part, and whose sight is it in?")
                        for k in wrong))


# --------------------------------------------------------------------------------------
# Exercise ch2-ex2: indirect interactions
# --------------------------------------------------------------------------------------


def indirect_interactions(case: Case) -> tuple[str, ...]:
    """Ids of the relations the service reading records as indirect interactions, in reading
    order."""
    if case.service is None:
        return ()
    return tuple(it.relation for it in case.service.interactions if it.mode == "indirect")


def check_indirect(case: Case, answer: object) -> Feedback:
    """Check a reader's set of the case's indirect interactions.

    Parameters
    ----------
    case : Case
    answer : set, list or str
        Relation ids.

    Returns
    -------
    Feedback

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(check_indirect(tiny_case(), set()))
    Not yet: your answer is empty. Keep the rows whose mode is "indirect".
    >>> print(check_indirect(tiny_case(), {"r1", "r2"}))
    Not yet: 1 is right, 1 is a direct interaction and 3 are missing.
      - r2 is direct: offers her a slot at 10:40.
    """
    ids = as_id_set(answer)
    if ids is None:
        return Feedback(False, "Not yet: give your answer as a set of relation ids, "
                               'for example {"r1", "r2"}.')
    expected = frozenset(indirect_interactions(case))
    if not ids and expected:
        return Feedback(False, 'Not yet: your answer is empty. Keep the rows whose mode is '
                               '"indirect".')
    known = {r.id for r in case.relations}
    unknown = sorted(ids - known)
    if unknown:
        what = "is not a relation id" if len(unknown) == 1 else "are not relation ids"
        return Feedback(False, f"Not yet: {listing(unknown)} {what}"
                               " in this case.")
    if ids == expected:
        return Feedback(True, f"Yes: {_plural(len(expected), 'indirect interaction')}. In each, "
                              "something the provider produced stands between provider and user.")
    interactions = ({it.relation: it.mode for it in case.service.interactions}
                    if case.service else {})
    right = ids & expected
    direct = sorted(i for i in ids - expected if interactions.get(i) == "direct")
    unplaced = sorted(i for i in ids - expected if i not in interactions)
    missing = expected - ids
    parts = [f"{len(right)} {'is' if len(right) == 1 else 'are'} right"]
    if direct:
        parts.append(f"{len(direct)} is a direct interaction" if len(direct) == 1
                     else f"{len(direct)} are direct interactions")
    if unplaced:
        parts.append(f"{len(unplaced)} {'is' if len(unplaced) == 1 else 'are'} "
                     "not an interaction in the reading")
    if missing:
        parts.append(f"{len(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    hints = tuple(f"{i} is direct: {case.relation(i).does}." for i in direct)
    hints += tuple(f"{i} is not placed in any sphere, so it has no mode." for i in unplaced)
    return Feedback(False, "Not yet: " + listing(parts) + ".", hints)


def __dir__() -> list[str]:
    return sorted([*globals(), *SHOWN])
