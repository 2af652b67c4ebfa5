"""The service-logic lens: roles, spheres, propositions, value claims.

Service logic (Grönroos & Voima's spheres, Osborne's public service logic, the
value co-destruction literature) asks who provides, who benefits, where
interactions sit (provider, joint or user sphere), what value is proposed and by
what, and where value is said to be created or destroyed.  This module asks those
questions of a :class:`~vcc_helpers.model.Case` that carries a
:class:`~vcc_helpers.model.ServiceReading`.  A case with no service reading
gives empty answers, not errors.

Every function is pure and returns plain data in a deterministic order (file
order unless said otherwise).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from collections.abc import Mapping

from vcc_helpers.model import SPHERES, SUGGESTED_COPRODUCTION, Case, ValueClaim

QUESTIONS: tuple[str, ...] = (
    "Who provides the service, and who works at the front line?",
    "Who is said to benefit, and who says so?",
    "In which sphere does each interaction sit: the provider's, the joint sphere, "
    "or the user's own?",
    "Which interactions are closed to the provider, because they happen in the user's sphere?",
    "Which interactions are direct, and which are indirect?",
    "What value is proposed, to whom, and what carries the proposition?",
    "Where is value said to be created, and for which element of value?",
    "Where is value said to be destroyed, where is it mixed (gain and loss for the same "
    "party), where does one act make value for one party and loss for another (two claims), "
    "and is any value relation coerced, against a will the person expressed, or a decision "
    "about that person taken without the voice the service's own procedures promise them "
    "(dis/value)?",
    "Which relations are read as co-production, co-design, co-construction or co-innovation?",
)
"""The questions the service-logic lens asks, as plain sentences."""

PROVIDER_ROLES: tuple[str, ...] = ("provider", "frontline-staff")
"""Roles that count as providing in :func:`who_provides`."""

GROUP_BY: tuple[str, ...] = ("claimed_by", "element", "beneficiary")
"""The ways :func:`value_claims` can group claims."""


@dataclass(frozen=True, slots=True)
class Party:
    """A component as the service reading places it.

    ``claims`` counts the value claims made *for* it; ``valences`` lists their
    valences (sorted, without repeats).
    """

    component: str
    label: str
    roles: tuple[str, ...] = ()
    claims: int = 0
    valences: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SphereRow:
    """One interaction of the service reading, with its relation spelled out.

    ``visible_to_provider`` is False in the user sphere (closed to the
    provider); ``visible_to_user`` is False in the provider sphere (closed to the
    user), after Grönroos & Voima.
    """

    relation: str
    source: str
    target: str
    does: str
    sphere: str
    mode: str
    practice: str
    episode: str | None
    visible_to_provider: bool
    visible_to_user: bool


@dataclass(frozen=True, slots=True)
class PropositionRow:
    """A value proposition, with labels and what carries it."""

    by: str
    by_label: str
    to: str
    to_label: str
    offer: str
    carried_by: str | None
    carried_by_label: str
    carrier_kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DestructionPoint:
    """A value claim of destruction, mixed value or dis/value, and where it arises.

    ``episode`` is the claim's own episode, or else its relation's episode.
    ``does`` is the relation's ``does`` (empty when the claim names no relation).
    """

    beneficiary: str
    claimed_by: str
    element: str
    valence: str
    note: str
    relation: str | None
    episode: str | None
    does: str = ""


@dataclass(frozen=True, slots=True)
class FormCount:
    """A form of co-production, how many relations are read as it, and which."""

    form: str
    count: int
    relations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ServiceSummary:
    """Everything the service lens says about a case, bundled for chapters and widgets."""

    case: str
    title: str
    present: bool
    by: str
    providers: tuple[Party, ...]
    beneficiaries: tuple[Party, ...]
    spheres: tuple[SphereRow, ...]
    sphere_counts: Mapping[str, int]
    unplaced: tuple[str, ...]
    propositions: tuple[PropositionRow, ...]
    claims: Mapping[str, tuple[ValueClaim, ...]]
    destruction: tuple[DestructionPoint, ...]
    coproduction: tuple[FormCount, ...]
    questions: tuple[str, ...] = field(default=QUESTIONS)


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------


def _roles(case: Case, component_id: str) -> tuple[str, ...]:
    if case.service is None:
        return ()
    roles = case.service.roles.get(component_id, ())
    if isinstance(roles, str):
        return (roles,)
    return tuple(roles)


def _relation_index(case: Case) -> dict[str, int]:
    return {r.id: i for i, r in enumerate(case.relations)}


def _label(case: Case, component_id: str | None) -> str:
    if component_id is None:
        return ""
    return case.label(component_id)


def _party(case: Case, component_id: str, claims: dict[str, list[str]]) -> Party:
    valences = claims.get(component_id, [])
    return Party(component_id, _label(case, component_id), _roles(case, component_id),
                 len(valences), tuple(sorted(set(valences))))


def _claims_for(case: Case) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if case.service is not None:
        for v in case.service.value:
            out.setdefault(v.beneficiary, []).append(v.valence)
    return out


# --------------------------------------------------------------------------------------
# queries
# --------------------------------------------------------------------------------------


def who_provides(case: Case) -> tuple[Party, ...]:
    """Components the service reading casts as provider or front-line staff.

    Parameters
    ----------
    case : Case

    Returns
    -------
    tuple of Party
        In component file order; ``claims`` counts value claims made *for* each.

    See Also
    --------
    who_benefits

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> [(p.component, p.roles) for p in who_provides(tiny_case())]
    [('surgery', ('provider',)), ('receptionist', ('frontline-staff',))]
    """
    if case.service is None:
        return ()
    claims = _claims_for(case)
    return tuple(_party(case, c.id, claims) for c in case.components
                 if set(_roles(case, c.id)) & set(PROVIDER_ROLES))


def who_benefits(case: Case) -> tuple[Party, ...]:
    """Components cast as users, or named as the beneficiary (``for``) of a value claim.

    Parameters
    ----------
    case : Case

    Returns
    -------
    tuple of Party
        In component file order (a beneficiary that is not a component of the
        case comes last, in the order of the claims); ``claims`` and
        ``valences`` summarise the value claims made for each.

    See Also
    --------
    who_provides, value_claims

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> who_benefits(tiny_case())
    (Party(component='mrs-a', label='Mrs A', roles=('user',), claims=2, valences=('creation', 'destruction')),)
    """  # noqa: E501 (a doctest's expected output is one line)
    if case.service is None:
        return ()
    claims = _claims_for(case)
    known = {c.id for c in case.components}
    ids = [c.id for c in case.components if "user" in _roles(case, c.id) or c.id in claims]
    ids += [b for b in claims if b not in known]
    return tuple(_party(case, i, claims) for i in ids)


def sphere_table(case: Case) -> tuple[SphereRow, ...]:
    """One row per interaction: relation, ends, sphere, mode, practice, episode, visibility.

    Grönroos & Voima's user (customer) sphere is closed to the provider and the
    provider sphere is closed to the user; the joint sphere is open to both.

    Parameters
    ----------
    case : Case

    Returns
    -------
    tuple of SphereRow
        In relation file order.  An interaction naming a relation the case does
        not have keeps its id, with empty ends, and comes last.

    See Also
    --------
    unplaced_relations

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> for row in sphere_table(tiny_case()):
    ...     print(row.relation, row.sphere, row.mode, row.visible_to_provider)
    r1 user indirect False
    r2 joint direct True
    r3 provider indirect True
    r4 provider indirect True
    r6 user indirect False
    r7 user direct False
    """
    if case.service is None:
        return ()
    index = _relation_index(case)
    rows = []
    for n, it in enumerate(case.service.interactions):
        r = case._relations.get(it.relation)
        rows.append(((index.get(it.relation, len(index)), n), SphereRow(
            relation=it.relation,
            source=r.source if r else "",
            target=r.target if r else "",
            does=r.does if r else "",
            sphere=it.sphere, mode=it.mode, practice=it.practice,
            episode=r.episode if r else None,
            visible_to_provider=it.sphere != "user",
            visible_to_user=it.sphere != "provider",
        )))
    rows.sort(key=lambda t: t[0])
    return tuple(row for _, row in rows)


def unplaced_relations(case: Case) -> tuple[str, ...]:
    """Ids of relations the service reading places in no sphere, in file order.

    These are the relations the service lens does not see; with no service
    reading at all, every relation is unplaced.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> unplaced_relations(tiny_case())
    ('r5',)
    """
    placed = {it.relation for it in case.service.interactions} if case.service else set()
    return tuple(r.id for r in case.relations if r.id not in placed)


def component_spheres(case: Case) -> dict[str, str | None]:
    """Where the sphere diagram places each component.

    One of ``'provider'``, ``'joint'``, ``'user'`` or ``None``.

    Service logic places *interactions* in spheres, not components; a diagram
    still has to put each component somewhere.  The rule, in order:

    1. a provider goes in the provider sphere, a user in the user sphere;
    2. otherwise the sphere of most of its interactions (ties: joint, then
       provider, then user);
    3. otherwise by role: front-line staff and resources in the provider
       sphere, other actors in the user sphere;
    4. otherwise ``None``: the service reading does not place it.

    Parameters
    ----------
    case : Case

    Returns
    -------
    dict
        Component id -> sphere or ``None``, in component file order.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> component_spheres(tiny_case())
    {'mrs-a': 'user', 'surgery': 'provider', 'receptionist': 'joint', 'phone-line': 'provider', 'triage-rule': 'provider', 'bus': 'user', 'rain': None, 'daughter': 'user'}
    """  # noqa: E501 (a doctest's expected output is one line)
    counts: dict[str, dict[str, int]] = {}
    for row in sphere_table(case):
        for end in {row.source, row.target}:
            counts.setdefault(end, {}).setdefault(row.sphere, 0)
            counts[end][row.sphere] += 1
    tie = {"joint": 0, "provider": 1, "user": 2}
    out: dict[str, str | None] = {}
    for c in case.components:
        roles = _roles(case, c.id)
        if "provider" in roles:
            out[c.id] = "provider"
        elif "user" in roles:
            out[c.id] = "user"
        elif c.id in counts:
            out[c.id] = min(counts[c.id].items(), key=lambda kv: (-kv[1], tie.get(kv[0], 3)))[0]
        elif {"frontline-staff", "resource"} & set(roles):
            out[c.id] = "provider"
        elif "other-actor" in roles:
            out[c.id] = "user"
        else:
            out[c.id] = None
    return out


def value_propositions(case: Case) -> tuple[PropositionRow, ...]:
    """The value propositions of the service reading, with what carries each.

    Parameters
    ----------
    case : Case

    Returns
    -------
    tuple of PropositionRow
        In reading order.  ``carried_by_label`` is empty when nothing is named as
        the carrier; ``carrier_kinds`` are the carrier's component kinds.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> p, = value_propositions(tiny_case())
    >>> p.offer, p.carried_by_label, p.carrier_kinds
    ('same-day care when it is urgent', '8am phone line', ('technology', 'time'))
    """
    if case.service is None:
        return ()
    rows = []
    for p in case.service.propositions:
        carrier = case._components.get(p.carried_by) if p.carried_by else None
        rows.append(PropositionRow(
            by=p.by, by_label=_label(case, p.by), to=p.to, to_label=_label(case, p.to),
            offer=p.offer, carried_by=p.carried_by,
            carried_by_label=_label(case, p.carried_by),
            carrier_kinds=tuple(carrier.kinds) if carrier else ()))
    return tuple(rows)


def value_claims(case: Case, by: str = "claimed_by") -> dict[str, tuple[ValueClaim, ...]]:
    """Value claims grouped by whose claim it is, by element, or by beneficiary.

    Parameters
    ----------
    case : Case
    by : {'claimed_by', 'element', 'beneficiary'}
        What to group by: whose account the claim is (the default: value is a
        perspective), Osborne's element of value, or who it is for.

    Returns
    -------
    dict
        Group key -> claims, keys in order of first appearance, claims in
        reading order.

    Raises
    ------
    ValueError
        If *by* is not one of :data:`GROUP_BY`.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> {k: [v.valence for v in vs] for k, vs in value_claims(tiny_case()).items()}
    {'mrs-a': ['destruction'], 'surgery': ['creation']}
    >>> list(value_claims(tiny_case(), by="element"))
    ['satisfaction', 'outcome']
    """
    if by not in GROUP_BY:
        raise ValueError(f"by must be one of {', '.join(GROUP_BY)}; got {by!r}")
    out: dict[str, list[ValueClaim]] = {}
    if case.service is not None:
        for v in case.service.value:
            out.setdefault(getattr(v, by), []).append(v)
    return {k: tuple(v) for k, v in out.items()}


DESTRUCTIVE: tuple[str, ...] = ("destruction", "mixed", "dis/value")
"""Valences that :func:`destruction_points` reports."""


def destruction_points(case: Case) -> tuple[DestructionPoint, ...]:
    """Value claims of destruction, mixed value or dis/value, with relation and episode.

    Parameters
    ----------
    case : Case

    Returns
    -------
    tuple of DestructionPoint
        In reading order.  The episode is the claim's own, or else that of the
        relation it names.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> d, = destruction_points(tiny_case())
    >>> d.valence, d.relation, d.episode, d.does
    ('destruction', 'r1', 'morning', 'keeps her on hold for forty minutes')
    """
    if case.service is None:
        return ()
    rows = []
    for v in case.service.value:
        if v.valence not in DESTRUCTIVE:
            continue
        r = case._relations.get(v.relation) if v.relation else None
        rows.append(DestructionPoint(
            beneficiary=v.beneficiary, claimed_by=v.claimed_by, element=v.element,
            valence=v.valence, note=v.note, relation=v.relation,
            episode=v.episode or (r.episode if r else None), does=r.does if r else ""))
    return tuple(rows)


def coproduction_profile(case: Case) -> tuple[FormCount, ...]:
    """How many relations are read as each form of co-production, and which.

    Parameters
    ----------
    case : Case

    Returns
    -------
    tuple of FormCount
        Forms in the order of :data:`~vcc_helpers.model.SUGGESTED_COPRODUCTION`,
        other words after them alphabetically; only forms that occur.
        Relations in file order, without repeats.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> coproduction_profile(tiny_case())
    (FormCount(form='co-production', count=1, relations=('r7',)),)
    """
    if case.service is None:
        return ()
    index = _relation_index(case)
    forms: dict[str, set[str]] = {}
    for cp in case.service.coproduction:
        forms.setdefault(cp.form, set()).add(cp.relation)
    order = {f: i for i, f in enumerate(SUGGESTED_COPRODUCTION)}
    out = []
    for form in sorted(forms, key=lambda f: (order.get(f, len(order)), f)):
        rels = tuple(sorted(forms[form], key=lambda r: (index.get(r, len(index)), r)))
        out.append(FormCount(form, len(rels), rels))
    return tuple(out)


def service_reading(case: Case) -> ServiceSummary:
    """All the service-lens answers for a case in one object.

    Parameters
    ----------
    case : Case

    Returns
    -------
    ServiceSummary
        ``present`` is False when the case has no service reading (every list is
        then empty and every relation is ``unplaced``).  ``sphere_counts`` has
        the three spheres as keys, in order; ``claims`` is grouped by
        ``claimed_by``.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> s = service_reading(tiny_case())
    >>> dict(s.sphere_counts), s.unplaced, len(s.destruction)
    ({'provider': 2, 'joint': 1, 'user': 3}, ('r5',), 1)
    >>> s.questions[0]
    'Who provides the service, and who works at the front line?'
    """
    spheres = sphere_table(case)
    counts = {s: 0 for s in SPHERES}
    for row in spheres:
        counts[row.sphere] = counts.get(row.sphere, 0) + 1
    return ServiceSummary(
        case=case.id, title=case.title, present=case.service is not None,
        by=case.service.by if case.service else "",
        providers=who_provides(case), beneficiaries=who_benefits(case),
        spheres=spheres, sphere_counts=MappingProxyType(counts),
        unplaced=unplaced_relations(case), propositions=value_propositions(case),
        claims=MappingProxyType(value_claims(case)), destruction=destruction_points(case),
        coproduction=coproduction_profile(case))
