"""Chapter 6, *The worked example, both ways*: computed prose, tables and answer checks.

The chapter reads whichever case :func:`vcc_helpers.cases.load_worked_example`
returns (the bundled ``hospital-discharge`` unless an instructor sets
``VCC_WORKED_EXAMPLE``), so nothing here knows which case it is given: every
sentence and table is computed from the case, and every check computes its
right answer from the case too.

Every check takes the case and the reader's answer and returns a
:class:`~vcc_helpers.exercises._common.Feedback`; none raises on a wrong or
malformed answer.  ``None`` means "not answered yet"; an empty set is an answer
(some cases have no relation of the kind asked for).

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> case = tiny_case()
>>> bool(check_user_sphere(case, {"r1", "r6", "r7"}))
True
>>> print(check_user_sphere(case, None))  # doctest: +ELLIPSIS
Not yet: write your answer as a set of relation ids, ...
"""
from __future__ import annotations

from vcc_helpers.lenses import assemblage as al
from vcc_helpers.lenses import service as sl
from vcc_helpers.model import Case, body_class

from ._common import Feedback, as_id_set, counted as _n, listing, model_answer, page_helper

__all__ = [
    "check_user_sphere", "check_nonhuman", "check_unplaced",
]

SHOWN = (
    "SOURCE_WORDS", "teaching_note", "opening", "data_card", "summary_source", "case_facts",
    "episodes_table", "service_facts", "destruction_table", "coproduction_table",
    "relations_table", "assemblage_facts", "boundary_note", "economy_table", "economy_facts",
    "affects_table", "focal_component", "focal_facts", "capacities_table", "flights_table",
    "reasons_table", "territories_table", "roles_table", "desire_notes", "discussion_questions",
    "draft_facts", "MarkdownText",
)
"""What the chapter's page shows (tables, prose, file helpers): they live in
:mod:`vcc_helpers.exercises.pages.ch06`, and this module forwards each name there."""


def _is_are(k: int) -> str:
    return "is" if k == 1 else "are"


def _q(text: str) -> str:
    return "'" + text + "'"


def _episode_label(case: Case, episode: str | None) -> str:
    return al.episode_label(case, episode)


# --------------------------------------------------------------------------------------
# Answer checks
# --------------------------------------------------------------------------------------

_HOW = ("write your answer as a set of relation ids, for example {'r1', 'r2'} "
        "(an empty set, set(), if you think there are none).")


def _check_ids(case: Case, answer: object, expected: frozenset[str], *, what: str,
               why: dict[str, str], right: str) -> Feedback:
    """Compare a set of relation ids with the expected set; kind feedback, never raises."""
    if answer is None:
        return Feedback(False, "Not yet: " + _HOW)
    ids = as_id_set(answer)
    if ids is None:
        return Feedback(False, "Not yet: I could not read that as relation ids; " + _HOW)
    known = {r.id for r in case.relations}
    unknown = sorted(ids - known)
    if unknown:
        return Feedback(False, f"Not yet: {listing(unknown)} "
                        f"{'is not a relation' if len(unknown) == 1 else 'are not relations'} "
                        "of this case. The relation ids are in the tables above (r1, r2, ...).")
    if ids == expected:
        return Feedback(True, right)
    missing = sorted(expected - ids, key=lambda r: [x.id for x in case.relations].index(r))
    extra = sorted(ids - expected, key=lambda r: [x.id for x in case.relations].index(r))
    parts = []
    if expected & ids:
        parts.append(f"{len(expected & ids)} of your {len(ids)} "
                     f"{'is' if len(expected & ids) == 1 else 'are'} right")
    if missing:
        parts.append(f"{_n(len(missing), 'relation')} {_is_are(len(missing))} missing")
    if extra:
        parts.append(f"{_n(len(extra), 'relation')} {'does' if len(extra) == 1 else 'do'} "
                     f"not belong among {what}")
    hints = [why[r] for r in extra if r in why]
    if missing:
        episodes = []
        for r in missing:
            label = _episode_label(case, case.relation(r).episode)
            if label not in episodes:
                episodes.append(label)
        hints.append(f"Look again at the relations of {listing([_q(e) for e in episodes])}.")
    return Feedback(False, "Not yet: " + "; ".join(parts) + ".", tuple(hints))


def _user_sphere(case: Case) -> frozenset[str]:
    """Ids of the relations the service reading places in the user sphere."""
    return frozenset(r.relation for r in sl.sphere_table(case) if r.sphere == "user")


def check_user_sphere(case: Case, answer: object) -> Feedback:
    """Check the relations a reader says the service reading places in the user sphere.

    Parameters
    ----------
    case : Case
    answer : set of str, list of str, str or None
        Relation ids (``None``: not answered yet).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> c = tiny_case()
    >>> print(check_user_sphere(c, {"r6", "r2"}))
    Not yet: 1 of your 2 is right; 2 relations are missing; 1 relation does not belong among the user-sphere interactions.
      - r2 is in the joint sphere, where provider and user meet.
      - Look again at the relations of 'Ringing at 8am' and 'No episode'.
    >>> print(check_user_sphere(c, "r1, r6, r7"))  # doctest: +ELLIPSIS
    Right: ...
    """  # noqa: E501 (a doctest's expected output is one line)
    rows = {r.relation: r for r in sl.sphere_table(case)}
    where = {"provider": "in the provider sphere, closed to the user",
             "joint": "in the joint sphere, where provider and user meet"}
    why = {rid: f"{rid} is {where.get(r.sphere, 'in the ' + r.sphere + ' sphere')}."
           for rid, r in rows.items() if r.sphere != "user"}
    why.update({r.id: f"{r.id} is in no sphere: the service reading leaves it out."
                for r in case.relations if r.id not in rows})
    expected = _user_sphere(case)
    right = (f"Right: {_n(len(expected), 'interaction')} {_is_are(len(expected))} placed in the "
             "user sphere. In Grönroos and Voima's terms the provider cannot see into this "
             "sphere: whatever value is made or lost there, it is made or lost in the user's "
             "own life, out of the provider's reach.")
    if not expected:
        right = ("Right: this reading places no interaction in the user sphere. Ask whether that "
                 "is because nothing happens in the user's own life, or because the reading did "
                 "not look there.")
    return _check_ids(case, answer, expected, what="the user-sphere interactions", why=why,
                      right=right)


def _nonhuman(case: Case) -> frozenset[str]:
    """Ids of relations with an affect where both ends are things (no person, no composite)."""
    return frozenset(r.relation for r in al.nonhuman_affects(case))


def check_nonhuman(case: Case, answer: object) -> Feedback:
    """Check the relations a reader says carry an affect between two non-humans.

    Only relations between two *things* count: persons, and composites
    (organisations and collectives such as teams, made of people, things and
    rules at once), are counted apart (see :func:`vcc_helpers.model.body_class`).

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> c = tiny_case()
    >>> print(check_nonhuman(c, ["r5", "r6"]))
    Not yet: 1 of your 2 is right; 1 relation does not belong among the affects between non-humans.
      - r6 has a person at one end (Mrs A).
    >>> bool(check_nonhuman(c, {"r5"}))
    True
    """
    why = {}
    for r in case.relations:
        ends = [x for x in (r.source, r.target) if x in case._components]
        humans = [case.label(x) for x in ends if body_class(case.component(x)) == "person"]
        composites = [case.label(x) for x in ends
                      if body_class(case.component(x)) == "composite"]
        if humans:
            why[r.id] = (f"{r.id} has a person at one end "
                         f"({listing(sorted(set(humans)))}).")
        elif composites:
            why[r.id] = (f"{r.id} has a composite (an organisation or a team) at one end "
                         f"({listing(sorted(set(composites)))}): composites are counted apart "
                         "from things.")
    with_affect = {a.relation for a in (case.assemblage.affects if case.assemblage else ())}
    for r in case.relations:
        if r.id not in why and r.id not in with_affect:
            why[r.id] = f"{r.id} joins two non-humans, but the reading records no affect on it."
    expected = _nonhuman(case)
    right = (f"Right: {_n(len(expected), 'relation')} "
             f"{'carries' if len(expected) == 1 else 'carry'} "
             "an affect that never passes through a person. A map of a user and a provider has "
             "no place for these, yet they change what the people in the case can do.")
    if not expected:
        right = ("Right: this reading records no affect between two non-humans. Is that a "
                 "finding about the case, or about where the reading looked?")
    return _check_ids(case, answer, expected, what="the affects between non-humans", why=why,
                      right=right)


def _unplaced(case: Case) -> frozenset[str]:
    """Ids of the relations the service reading places in no sphere."""
    return frozenset(sl.unplaced_relations(case))


def check_unplaced(case: Case, answer: object) -> Feedback:
    """Check the relations a reader says the service reading leaves out of every sphere.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> c = tiny_case()
    >>> print(check_unplaced(c, {"r4"}))
    Not yet: 1 relation is missing; 1 relation does not belong among the relations in no sphere.
      - r4 is placed in the provider sphere.
      - Look again at the relations of 'Getting there'.
    >>> print(check_unplaced(c, {"r5"}))  # doctest: +ELLIPSIS
    Right: 1 relation is outside every sphere, and the assemblage reading gives 1 of them an affect...
    """  # noqa: E501 (a doctest's expected output is one line)
    rows = {r.relation: r for r in sl.sphere_table(case)}
    why = {rid: f"{rid} is placed in the {r.sphere} sphere." for rid, r in rows.items()}
    expected = _unplaced(case)
    with_affect = {a.relation for a in (case.assemblage.affects if case.assemblage else ())}
    held = len(expected & with_affect)
    right = (f"Right: {_n(len(expected), 'relation')} {_is_are(len(expected))} outside every "
             f"sphere, and the assemblage reading gives {held} of them an affect. These are the "
             "first places to look when you ask what the service map cannot express.")
    if not expected:
        right = ("Right: the service reading places every relation in a sphere, as a reading "
                 "at full strength should: the user's wider life in the user sphere, the "
                 "provider's back-office work in the provider sphere. What the service map still "
                 "cannot express is then in the residue, not in a gap of the coding.")
    return _check_ids(case, answer, expected, what="the relations in no sphere", why=why,
                      right=right)


def __getattr__(name: str):
    if name in SHOWN:
        return page_helper("ch06", name)
    # the model answers (answer_user_sphere, ...) live in vcc_helpers.exercises.answers.ch06
    if name in ("answer_user_sphere", "answer_nonhuman", "answer_unplaced"):
        return model_answer("ch06", name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *SHOWN])
