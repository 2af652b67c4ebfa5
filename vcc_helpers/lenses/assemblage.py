"""The assemblage lens: affects, capacities, territories and lines of flight.

A logic of assemblage (Deleuze & Guattari, read through DeLanda and Fox &
Alldred) asks what each relation does to what bodies -- human or not -- can do
(affect), which relations hold the arrangement together or loosen it
(territorialising, deterritorialising, reterritorialising), which treat many
bodies alike (aggregating), where something leaves its territory (a line of
flight, never simply good: each has a danger), and what draws each territory.
This module asks those questions of a :class:`~vcc_helpers.model.Case` that
carries an :class:`~vcc_helpers.model.AssemblageReading`.  A case with no
assemblage reading gives empty answers, not errors.

Every function is pure and returns plain data in a deterministic order: episode
order (relations with no episode last), then file order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from collections.abc import Mapping

from vcc_helpers.model import DIRECTIONS, TENDENCIES, Case, RoleScore, is_thing

QUESTIONS: tuple[str, ...] = (
    "What does each relation do to what a body, human or not, can do here?",
    "Which capacities are enhanced, which diminished, and which are unclear?",
    "Which affects pass between non-humans, never through a person?",
    "Which relations hold the arrangement in place (territorialise), and which loosen it "
    "(deterritorialise)?",
    "Where is something loosened and then caught again (reterritorialised), and by what?",
    "Which affects treat many bodies alike (aggregating), and which touch one body (singular)?",
    "Where does something leave its territory (a line of flight), what is the danger on that line, "
    "and what captures it?",
    "What territories are drawn, and which components draw their edges?",
    "How does the arrangement change from one episode to the next?",
    "Where did you draw the boundary of the assemblage, and what did you leave out?",
)
"""The questions the assemblage lens asks, as plain sentences."""

NO_EPISODE_LABEL = "No episode"
"""The label of the group of relations that belong to no episode."""

STABILISING: tuple[str, ...] = ("territorialising", "reterritorialising")
"""Tendencies counted by :func:`stabilisers`."""

DESTABILISING: tuple[str, ...] = ("deterritorialising",)
"""Tendencies counted by :func:`destabilisers`."""


@dataclass(frozen=True, slots=True)
class AffectRow:
    """An affect with its relation spelled out.

    ``on`` is the component whose capacity changes (the relation's target unless
    the reading says otherwise); ``by`` is the other end of the relation.
    """

    relation: str
    source: str
    target: str
    does: str
    on: str
    by: str
    capacity: str
    direction: str
    tendency: str
    character: str
    episode: str | None


@dataclass(frozen=True, slots=True)
class EpisodeAffects:
    """The affects of one episode (``episode`` is ``None`` for relations with none)."""

    episode: str | None
    label: str
    affects: tuple[AffectRow, ...]


@dataclass(frozen=True, slots=True)
class Capacities:
    """What one component can do, can no longer do, or might do here, and what produced it."""

    component: str
    label: str
    can: tuple[AffectRow, ...]
    can_no_longer: tuple[AffectRow, ...]
    unclear: tuple[AffectRow, ...]


@dataclass(frozen=True, slots=True)
class FlightRow:
    """A line of flight, with its danger and any capture."""

    episode: str | None
    episode_label: str
    source: str
    toward: str
    danger: str
    captured_by: str
    captured: bool
    note: str
    line: str = "flight"
    because: str = ""


LINE_NAMES: dict[str, str] = {"molar": "molar line", "molecular": "molecular line",
                              "flight": "line of flight"}
"""How each kind of line (:data:`~vcc_helpers.model.LINES`) is named in text."""


@dataclass(frozen=True, slots=True)
class TerritoryRow:
    """A territory and the components that draw it."""

    label: str
    drawn_by: tuple[str, ...]
    drawn_by_labels: tuple[str, ...]
    episode: str | None
    note: str


@dataclass(frozen=True, slots=True)
class AssemblageSummary:
    """Everything the assemblage lens says about a case, bundled for chapters and widgets."""

    case: str
    title: str
    present: bool
    by: str
    boundary: str
    economy: tuple[EpisodeAffects, ...]
    direction_counts: Mapping[str, int]
    tendency_counts: Mapping[str, int]
    nonhuman: tuple[AffectRow, ...]
    stabilisers: tuple[AffectRow, ...]
    destabilisers: tuple[AffectRow, ...]
    aggregating: tuple[AffectRow, ...]
    lines_of_flight: tuple[FlightRow, ...]
    territories: tuple[TerritoryRow, ...]
    roles: tuple[RoleScore, ...]
    desire: tuple[str, ...]
    without_affect: tuple[str, ...]
    questions: tuple[str, ...] = field(default=QUESTIONS)


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------


def _episode_order(case: Case) -> dict[str | None, int]:
    order: dict[str | None, int] = {e.id: i for i, e in enumerate(case.episodes)}
    order[None] = len(order)
    return order


def episode_label(case: Case, episode: str | None) -> str:
    """The label of an episode id (:data:`NO_EPISODE_LABEL` for ``None``; the id if unknown).

    Unlike :meth:`~vcc_helpers.model.Case.label`, this looks only at episodes,
    so an episode that shares its id with a component gets its own label.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> episode_label(tiny_case(), "visit"), episode_label(tiny_case(), None)
    ('Getting there', 'No episode')
    """
    if episode is None:
        return NO_EPISODE_LABEL
    e = case._episodes.get(episode)
    return e.label if e is not None else episode


def _rows(case: Case) -> tuple[AffectRow, ...]:
    if case.assemblage is None:
        return ()
    rels = case._relations
    index = {r.id: i for i, r in enumerate(case.relations)}
    eorder = _episode_order(case)
    keyed = []
    for n, a in enumerate(case.assemblage.affects):
        r = rels.get(a.relation)
        source, target = (r.source, r.target) if r else ("", "")
        on = a.on or target
        by = target if (on == source and on != target) else source
        episode = r.episode if r else None
        row = AffectRow(relation=a.relation, source=source, target=target,
                        does=r.does if r else "", on=on, by=by, capacity=a.capacity,
                        direction=a.direction, tendency=a.tendency, character=a.character,
                        episode=episode)
        where = (eorder.get(episode, len(eorder)), index.get(a.relation, len(index)), n)
        keyed.append((where, row))
    keyed.sort(key=lambda t: t[0])
    return tuple(row for _, row in keyed)


def _economy(case: Case, rows: tuple[AffectRow, ...]) -> tuple[EpisodeAffects, ...]:
    groups: dict[str | None, list[AffectRow]] = {e.id: [] for e in case.episodes}
    for row in rows:
        groups.setdefault(row.episode, []).append(row)
    out = [EpisodeAffects(e.id, e.label, tuple(groups[e.id])) for e in case.episodes]
    extra = [k for k in groups if k is not None and k not in case._episodes]
    for k in extra:  # an episode id the case does not define: keep it, after the known ones
        out.append(EpisodeAffects(k, k, tuple(groups[k])))
    if groups.get(None):
        out.append(EpisodeAffects(None, NO_EPISODE_LABEL, tuple(groups[None])))
    return tuple(out)


def _nonhuman(case: Case, rows: tuple[AffectRow, ...]) -> tuple[AffectRow, ...]:
    comps = case._components
    out = []
    for row in rows:
        a, b = comps.get(row.source), comps.get(row.target)
        if a is not None and b is not None and is_thing(a) and is_thing(b):
            out.append(row)
    return tuple(out)


# --------------------------------------------------------------------------------------
# queries
# --------------------------------------------------------------------------------------


def affect_rows(case: Case) -> tuple[AffectRow, ...]:
    """Every affect of the assemblage reading as an :class:`AffectRow`, in episode then file order.

    Parameters
    ----------
    case : Case

    Returns
    -------
    tuple of AffectRow
        Sorted by episode (in the case's episode order, relations with no
        episode last), then relation file order, then reading order.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> [(a.relation, a.on, a.direction) for a in affect_rows(tiny_case())][:2]
    [('r1', 'mrs-a', 'diminishes'), ('r3', 'receptionist', 'diminishes')]
    """
    return _rows(case)


def affect_economy(case: Case) -> tuple[EpisodeAffects, ...]:
    """Affects grouped by episode, in episode order; relations with no episode last.

    Fox & Alldred call the whole of the affects in an event its *affect
    economy*.  Every episode of the case appears, even one with no affect
    recorded (an empty group is itself a finding); the group of relations with
    no episode appears only when it has affects.

    Parameters
    ----------
    case : Case

    Returns
    -------
    tuple of EpisodeAffects

    See Also
    --------
    affect_rows

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> for group in affect_economy(tiny_case()):
    ...     print(group.label, [a.relation for a in group.affects])
    Ringing at 8am ['r1', 'r3']
    Getting there ['r5', 'r6']
    No episode ['r7']
    """
    return _economy(case, _rows(case))


def capacities_of(case: Case, component_id: str) -> Capacities:
    """What a component can and can no longer do here, and which relations produced it.

    Capacities are relational: they belong to the component *in this
    arrangement*, produced by the relations listed, not to the component alone.

    Parameters
    ----------
    case : Case
    component_id : str

    Returns
    -------
    Capacities
        Affects on the component, split by direction (enhances -> ``can``,
        diminishes -> ``can_no_longer``, unclear -> ``unclear``), each in
        episode then file order.

    Raises
    ------
    KeyError
        If the case has no such component (with a "did you mean" hint).

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> cap = capacities_of(tiny_case(), "mrs-a")
    >>> [(a.capacity, a.relation) for a in cap.can]
    [('can get through without holding', 'r7')]
    >>> [a.relation for a in cap.can_no_longer]
    ['r1', 'r6']
    """
    comp = case.component(component_id)
    rows = [r for r in _rows(case) if r.on == component_id]
    return Capacities(
        component=comp.id, label=comp.label,
        can=tuple(r for r in rows if r.direction == "enhances"),
        can_no_longer=tuple(r for r in rows if r.direction == "diminishes"),
        unclear=tuple(r for r in rows if r.direction not in ("enhances", "diminishes")))


def nonhuman_affects(case: Case) -> tuple[AffectRow, ...]:
    """Affects along relations where both ends are things (:func:`~vcc_helpers.model.body_class`).

    A composite (an organisation, a team) is counted apart from persons and things,
    so a relation from an organisation to a phone line is not among them.

    These are the affects a two-way user-provider picture has no place for:
    rain on a bus, a rule on a form.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> [(a.relation, a.source, a.target) for a in nonhuman_affects(tiny_case())]
    [('r5', 'rain', 'bus')]
    """
    return _nonhuman(case, _rows(case))


def stabilisers(case: Case) -> tuple[AffectRow, ...]:
    """Affects whose tendency is territorialising or reterritorialising.

    Stabilising is not a verdict: a territory can protect as well as confine.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> [(a.relation, a.tendency) for a in stabilisers(tiny_case())]
    [('r1', 'territorialising'), ('r3', 'territorialising'), ('r7', 'reterritorialising')]
    """
    return tuple(r for r in _rows(case) if r.tendency in STABILISING)


def destabilisers(case: Case) -> tuple[AffectRow, ...]:
    """Affects whose tendency is deterritorialising.

    Destabilising is not a verdict either: deterritorialisation is often
    recaptured, and can harm as well as free.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> [a.relation for a in destabilisers(tiny_case())]
    ['r5', 'r6']
    """
    return tuple(r for r in _rows(case) if r.tendency in DESTABILISING)


def aggregating_affects(case: Case) -> tuple[AffectRow, ...]:
    """Affects that treat many bodies alike (character ``aggregating``).

    Eligibility categories, standard visit lengths and queues typically
    aggregate; Fox & Alldred contrast them with singular affects.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> [(a.relation, a.source) for a in aggregating_affects(tiny_case())]
    [('r1', 'phone-line'), ('r3', 'triage-rule')]
    """
    return tuple(r for r in _rows(case) if r.character == "aggregating")


def lines_of_flight(case: Case) -> tuple[FlightRow, ...]:
    """Lines of flight with their dangers and captures, in episode order.

    Parameters
    ----------
    case : Case

    Returns
    -------
    tuple of FlightRow
        In episode order (lines with no episode last), then reading order.
        ``captured`` is True when something is named as reterritorialising the
        line.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> f, = lines_of_flight(tiny_case())
    >>> f.source, f.toward, f.captured_by, f.captured
    ('the booked slot', 'walking in without an appointment', 'the triage rule', True)
    """
    if case.assemblage is None:
        return ()
    eorder = _episode_order(case)
    keyed = []
    for n, f in enumerate(case.assemblage.lines_of_flight):
        keyed.append(((eorder.get(f.episode, len(eorder)), n), FlightRow(
            episode=f.episode, episode_label=episode_label(case, f.episode), source=f.source,
            toward=f.toward, danger=f.danger, captured_by=f.captured_by,
            captured=bool(f.captured_by.strip()), note=f.note, line=f.line,
            because=f.because or "")))
    keyed.sort(key=lambda t: t[0])
    return tuple(row for _, row in keyed)


def territories(case: Case) -> tuple[TerritoryRow, ...]:
    """Territories of the reading and the components that draw them, in episode order.

    Parameters
    ----------
    case : Case

    Returns
    -------
    tuple of TerritoryRow
        In episode order (territories with no episode last), then reading order.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> t, = territories(tiny_case())
    >>> t.label, t.drawn_by_labels
    ('The 8am queue', ('8am phone line', 'Triage rule'))
    """
    if case.assemblage is None:
        return ()
    eorder = _episode_order(case)
    keyed = []
    for n, t in enumerate(case.assemblage.territories):
        keyed.append(((eorder.get(t.episode, len(eorder)), n), TerritoryRow(
            label=t.label, drawn_by=tuple(t.drawn_by),
            drawn_by_labels=tuple(case.label(c) for c in t.drawn_by),
            episode=t.episode, note=t.note)))
    keyed.sort(key=lambda t: t[0])
    return tuple(row for _, row in keyed)


def relations_without_affect(case: Case) -> tuple[str, ...]:
    """Ids of relations the assemblage reading gives no affect, in file order.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> relations_without_affect(tiny_case())
    ('r2', 'r4')
    """
    done = {a.relation for a in case.assemblage.affects} if case.assemblage else set()
    return tuple(r.id for r in case.relations if r.id not in done)


def assemblage_reading(case: Case) -> AssemblageSummary:
    """All the assemblage-lens answers for a case in one object.

    Parameters
    ----------
    case : Case

    Returns
    -------
    AssemblageSummary
        ``present`` is False when the case has no assemblage reading.
        ``direction_counts`` and ``tendency_counts`` have every closed
        vocabulary term as a key, in vocabulary order.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> a = assemblage_reading(tiny_case())
    >>> dict(a.direction_counts)
    {'enhances': 1, 'diminishes': 4, 'unclear': 0}
    >>> len(a.stabilisers), len(a.destabilisers), a.without_affect
    (3, 2, ('r2', 'r4'))
    """
    rows = _rows(case)
    directions = {d: 0 for d in DIRECTIONS}
    tendencies = {t: 0 for t in TENDENCIES}
    for r in rows:
        directions[r.direction] = directions.get(r.direction, 0) + 1
        tendencies[r.tendency] = tendencies.get(r.tendency, 0) + 1
    a = case.assemblage
    return AssemblageSummary(
        case=case.id, title=case.title, present=a is not None, by=a.by if a else "",
        boundary=a.boundary if a else "", economy=_economy(case, rows),
        direction_counts=MappingProxyType(directions),
        tendency_counts=MappingProxyType(tendencies),
        nonhuman=_nonhuman(case, rows),
        stabilisers=tuple(r for r in rows if r.tendency in STABILISING),
        destabilisers=tuple(r for r in rows if r.tendency in DESTABILISING),
        aggregating=tuple(r for r in rows if r.character == "aggregating"),
        lines_of_flight=lines_of_flight(case), territories=territories(case),
        roles=tuple(a.roles) if a else (), desire=tuple(a.desire) if a else (),
        without_affect=relations_without_affect(case))
