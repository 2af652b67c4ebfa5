"""Chapter 2's page: the service lens's questions, parties, spheres and claims as tables and prose.

The tables turn the plain data of :mod:`vcc_helpers.lenses.service` into small
tables with labels instead of ids; the ``*_facts`` functions compute the
sentences the chapter must not type by hand. The checks live in
:mod:`vcc_helpers.exercises.ch02`, which forwards these names.

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> print(sphere_facts(tiny_case()))
The service reading places 6 of the case's 7 relations in a sphere: 2 in the provider sphere, 1 in the joint sphere and 3 in the user sphere. 3 of them, in the user sphere, are closed to the provider. 2 are direct interactions and 4 indirect (by sphere: the provider sphere all indirect, the joint sphere direct and the user sphere 1 direct and 2 indirect). 1 relation is placed in no sphere at all: r5 (Rain to Number 7 bus).
"""  # noqa: E501 (a doctest's expected output is one line)
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from vcc_helpers.exercises._common import counted as _plural, listing
from vcc_helpers.exercises.ch02 import NEW_INTERACTIONS
from vcc_helpers.exercises.pages.display import Prose, Table
from vcc_helpers.lenses import service
from vcc_helpers.model import SPHERES, Case

__all__ = [
    "questions_table", "parties_table", "spheres_table", "sphere_facts", "propositions_table",
    "claims_table", "claim_facts", "new_interactions_table",
]


def questions_table() -> Table:
    """The questions of the service lens (:data:`vcc_helpers.lenses.service.QUESTIONS`), numbered.

    Examples
    --------
    >>> questions_table().rows[0]
    ('1', 'Who provides the service, and who works at the front line?')
    """
    return Table(("No.", "Question the service lens asks"),
                 [(str(i), q) for i, q in enumerate(service.QUESTIONS, 1)])


def parties_table(parties: Iterable[service.Party], caption: str = "") -> Table:
    """A table of :class:`~vcc_helpers.lenses.service.Party` rows (from ``who_provides`` or
    ``who_benefits``).

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(parties_table(service.who_benefits(tiny_case())))
    Id    | Label | Roles | Value claims made for it | Valences
    ------+-------+-------+--------------------------+----------------------
    mrs-a | Mrs A | user  | 2                        | creation, destruction
    """
    rows = [(p.component, p.label, ", ".join(p.roles) or "(no role)", p.claims,
             ", ".join(p.valences) or "-") for p in parties]
    return Table(("Id", "Label", "Roles", "Value claims made for it", "Valences"), rows,
                 caption=caption)


def spheres_table(case: Case) -> Table:
    """The sphere table of the service reading, with labels: one row per interaction.

    The relation is spelled out as one phrase, "From -> To: does", so that the
    table stays readable on a narrow page.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> spheres_table(tiny_case()).rows[1]
    ('r2', 'Receptionist → Mrs A: offers her a slot at 10:40', 'joint', 'direct', 'informing')
    """
    rows = [(r.relation, f"{case.label(r.source)} → {case.label(r.target)}: {r.does}", r.sphere,
             r.mode, r.practice or "-") for r in service.sphere_table(case)]
    return Table(("Relation", "What happens", "Sphere", "Mode", "Practice"), rows)


def _relation_phrase(case: Case, relation_id: str) -> str:
    r = case.relation(relation_id)
    return f"{r.id} ({case.label(r.source)} to {case.label(r.target)})"


def _modes_by_sphere(rows) -> str:
    """How the direct and indirect interactions fall into the spheres, after Grönroos &
    Voima (2013): the joint sphere holds direct interactions only; using what the provider
    made without the provider is indirect, in the user sphere (or, where the provider
    prepares resources, in the provider sphere)."""
    by: dict[str, Counter] = {s: Counter() for s in SPHERES}
    for r in rows:
        by.setdefault(r.sphere, Counter())[r.mode] += 1
    bits = []
    for s in SPHERES:
        m = by[s]
        if not sum(m.values()):
            continue
        d, i = m.get("direct", 0), m.get("indirect", 0)
        if d and i:
            bits.append(f"the {s} sphere {d} direct and {i} indirect")
        else:
            bits.append(f"the {s} sphere {'all' if d + i > 1 else ''} "
                        f"{'direct' if d else 'indirect'}".replace("  ", " "))
    if not bits:
        return ""
    out = f" (by sphere: {listing(bits)})"
    joint_indirect = by["joint"].get("indirect", 0)
    if joint_indirect:
        out += (f". {joint_indirect} joint-sphere "
                f"{'interaction is' if joint_indirect == 1 else 'interactions are'} coded "
                "indirect, which Grönroos & Voima's joint sphere does not allow: use of what "
                "the provider made, without the provider taking part, belongs to the user "
                "sphere")
    return out


def sphere_facts(case: Case) -> Prose:
    """Computed sentences about where the service reading places the case's relations."""
    rows = service.sphere_table(case)
    counts = Counter(r.sphere for r in rows)
    modes = Counter(r.mode for r in rows)
    parts = [f"{counts.get(s, 0)} in the {s} sphere" for s in SPHERES]
    closed = sum(1 for r in rows if not r.visible_to_provider)
    unplaced = service.unplaced_relations(case)
    n_direct = modes.get("direct", 0)
    direct = "is a direct interaction" if n_direct == 1 else "are direct interactions"
    text = (f"The service reading places **{len(rows)} of the case's {len(case.relations)} "
            f"relations** in a sphere: {listing(parts)}. {closed} of them, in the user sphere, "
            f"{'is' if closed == 1 else 'are'} closed to the provider. "
            f"{n_direct} {direct} "
            f"and {modes.get('indirect', 0)} indirect")
    text += _modes_by_sphere(rows) + "."
    if unplaced:
        phrases = [_relation_phrase(case, u) for u in unplaced]
        text += (f" {_plural(len(unplaced), 'relation')} "
                 f"{'is' if len(unplaced) == 1 else 'are'} placed in no sphere at all: "
                 f"{listing(phrases)}.")
    else:
        text += " Every relation is placed in a sphere."
    return Prose(text)


def propositions_table(case: Case) -> Table:
    """The value propositions of the service reading, with what carries each.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> propositions_table(tiny_case()).rows[0]
    ('GP surgery', 'Mrs A', 'same-day care when it is urgent', '8am phone line', 'technology, time')
    """
    rows = [(p.by_label, p.to_label, p.offer, p.carried_by_label or "(nothing named)",
             ", ".join(p.carrier_kinds) or "-") for p in service.value_propositions(case)]
    return Table(("Proposed by", "To", "Offer", "Carried by", "Carrier's kinds"), rows)


def claims_table(case: Case, by: str = "claimed_by") -> Table:
    """The value claims, in the groups :func:`vcc_helpers.lenses.service.value_claims` makes.

    Every row shows whose claim it is, whom it is for, its element, valence and
    note; *by* decides only the order of the rows (claims of one group together,
    groups in order of first appearance).

    Parameters
    ----------
    case : Case
    by : {'claimed_by', 'element', 'beneficiary'}

    Raises
    ------
    ValueError
        If *by* is not one of the groupings.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> claims_table(tiny_case()).rows[0]
    ('Mrs A', 'Mrs A', 'satisfaction', 'destruction', 'Forty minutes on hold left her exhausted.')
    >>> [r[0] for r in claims_table(tiny_case(), by="element").rows]
    ['Mrs A', 'GP surgery']
    """
    rows = [(case.label(v.claimed_by), case.label(v.beneficiary), v.element, v.valence, v.note)
            for claims in service.value_claims(case, by=by).values() for v in claims]
    return Table(("Claimed by", "For", "Element", "Valence", "Note"), rows)


def claim_facts(case: Case) -> Prose:
    """Computed sentences about the value claims: how many, whose, of which valence.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(claim_facts(tiny_case()))
    The reading records 2 value claims, made from 2 different accounts. 1 of creation and 1 of destruction. 2 are made for someone the reading casts as a user, and none for anyone else.
    """  # noqa: E501 (a doctest's expected output is one line)
    claims = case.service.value if case.service else ()
    if not claims:
        return Prose("The reading records no value claims.")
    accounts = {v.claimed_by for v in claims}
    valences = Counter(v.valence for v in claims)
    order = ["creation", "destruction", "mixed", "dis/value"]
    val_parts = [f"{valences[k]} of {k}" if k != "mixed" else f"{valences[k]} mixed"
                 for k in order if valences.get(k)]
    val_parts += [f"{n} of {k}" for k, n in sorted(valences.items()) if k not in order]
    roles = case.service.roles if case.service else {}
    for_users = sum(1 for v in claims if "user" in roles.get(v.beneficiary, ()))
    others = len(claims) - for_users
    other_text = "none for anyone else" if not others else \
        f"{others} for someone who is not cast as a user"
    return Prose(
        f"The reading records **{_plural(len(claims), 'value claim')}**, made from "
        f"{_plural(len(accounts), 'different account')}. {listing(val_parts).capitalize()}. "
        f"{for_users} {'is' if for_users == 1 else 'are'} made for someone the reading casts as a "
        f"user, and {other_text}.")


def new_interactions_table() -> Table:
    """The four interactions of exercise ch2-ex1 (id, what happens)."""
    return Table(("Id", "What happens"), sorted(NEW_INTERACTIONS.items()))
