"""The case model: immutable descriptions of a public-service case and its readings.

One idea runs through the package: *describe a case once, in neutral terms; read
it through two lenses; see what each lens cannot hold*.  This module holds only
the data.  It does no input or output and no drawing; :mod:`vcc_helpers.casefile`
reads and writes files, :mod:`vcc_helpers.lenses` asks questions of the data.

The neutral description is made of

* :class:`Component` -- anything that takes part: a person, a team, a key safe, a
  form, a rule, a building, a waiting time;
* :class:`Relation` -- "who or what does what to whom or what", told by someone
  (``account``), optionally within an :class:`Episode`;
* :class:`Episode` -- ordered moments of the case.

On top of it sit two *readings*, each attributable to someone (``by``):

* :class:`ServiceReading` -- service logic: roles, spheres of interaction, value
  propositions, value claims (including co-destruction);
* :class:`AssemblageReading` -- a logic of assemblage: affects and the
  capacities they produce, material/expressive roles, lines of flight (each with
  its danger), territories and what draws them.

Vocabularies are *open* where a reader's own words are legitimate (component
kinds, service roles, value elements, interaction practices): the suggested terms
are listed below and anything else is accepted, with a "did you mean" hint when a
word is close to a suggested one.  They are *closed* where the lens itself is
defined by a small set of positions (spheres, modes, valence, direction,
tendency, character).

Examples
--------
>>> c = Case(id="tiny", title="A tiny case",
...          components=(Component("nurse", "Ward nurse", ("person",)),
...                      Component("bed", "Hospital bed", ("thing",))),
...          relations=(Relation("r1", "nurse", "bed", "makes up"),))
>>> c.component("bed").label
'Hospital bed'
>>> [r.id for r in c.relations_of("nurse")]
['r1']
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from collections.abc import Mapping

FORMAT = "vcc-case/1"
"""The format tag every case file starts with."""

# --------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------

SUGGESTED_KINDS: tuple[str, ...] = (
    "person",        # a human body: a patient, a daughter, a nurse
    "collective",    # a family, a staff team, a group of friends
    "organisation",  # a trust, a council, a charity, a firm (a composite)
    "thing",         # a bed, a minibus, a key safe, a phone
    "place",         # a ward, a day centre, a kitchen, a library floor
    "document",      # a discharge letter, a care plan, a leaflet
    "rule",          # eligibility criteria, a law, a policy, a norm
    "category",      # "medically fit", "learning disability", "vulnerable"
    "technology",    # an app, an online journal, an algorithm, a phone line
    "money",         # a budget, a benefit payment, a charge
    "time",          # the 8am queue, a 15-minute visit, a five-week wait
    "animal",        # a pet, a guide dog
    "atmosphere",    # warmth, noise, a mood of a place
    "other",         # the reader's own word is also accepted
)
"""Suggested component kinds.  Open: other words are accepted with a hint."""

SUGGESTED_SERVICE_ROLES: tuple[str, ...] = (
    "provider",         # the public service organisation (or part of it)
    "frontline-staff",  # staff who meet the user
    "user",             # the service user, the beneficiary
    "other-actor",      # family, volunteers, other organisations
    "resource",         # operand resource: something used, not an actor
    "institution",      # a rule, norm or category that coordinates value co-creation
                        # (S-D logic's actor-generated institutions, axiom 5)
    "other",
)
"""Suggested service-logic roles.  Open."""

SPHERES: tuple[str, ...] = ("provider", "joint", "user")
"""Grönroos & Voima's spheres (``user`` is their customer sphere).  Closed."""

MODES: tuple[str, ...] = ("direct", "indirect")
"""Kinds of interaction in the service reading.  Closed."""

SUGGESTED_PRACTICES: tuple[str, ...] = (
    "informing", "greeting", "delivering", "charging", "helping", "assessing", "other",
)
"""Interaction value practices (after Echeverri & Skålén), plus ``assessing``.  Open."""

SUGGESTED_ELEMENTS: tuple[str, ...] = (
    "satisfaction",  # short-term satisfaction and wellbeing
    "outcome",       # medium- and long-term outcomes
    "whole-life",    # whole-life experience
    "capacity",      # capacity to take control of one's life
    "societal",      # societal value
    "other",
)
"""Osborne's elements of value in public service logic.  Open."""

VALENCES: tuple[str, ...] = ("creation", "destruction", "mixed", "dis/value")
"""Whether a value claim is of creation, co-destruction, both, or dis/value.  Closed."""

SUGGESTED_COPRODUCTION: tuple[str, ...] = (
    "co-production", "co-design", "co-construction", "co-innovation", "other",
)
"""Forms of co-production a relation can be read as.  Open."""

DIRECTIONS: tuple[str, ...] = ("enhances", "diminishes", "unclear")
"""What an affect does to a capacity.  Closed."""

TENDENCIES: tuple[str, ...] = (
    "territorialising", "deterritorialising", "reterritorialising", "ambivalent", "unclear",
)
"""The tendency of a relation in the assemblage reading.  Closed."""

CHARACTERS: tuple[str, ...] = ("aggregating", "singular", "unclear")
"""Whether an affect treats many bodies alike (aggregating) or one body (singular).  Closed."""

LINES: tuple[str, ...] = ("molar", "molecular", "flight")
"""The three kinds of line of *A Thousand Plateaus* (plateaus 8-9): a molar line of rigid
segmentarity; a supple, molecular line (a crack within a segment); a line of flight (a
rupture, which may also turn into a line of abolition).  Closed; ``flight`` by default."""

SOURCE_KINDS: tuple[str, ...] = ("teaching-case", "published-study", "reader")
"""Where a case comes from.  Closed."""

HUMAN_KINDS: frozenset[str] = frozenset({"person", "collective"})
"""Kinds that make a component count as human for :func:`is_human`."""

COMPOSITE_KINDS: frozenset[str] = frozenset({"organisation", "collective"})
"""Kinds that make a component a composite for :func:`body_class`: an organisation or a
collective (a team, a staff team, a family), made of people, things and rules at once."""

BODY_CLASSES: tuple[str, ...] = ("person", "composite", "thing")
"""How the package counts components: persons, composites and things (:func:`body_class`)."""


def suggest(word: str, vocabulary: tuple[str, ...] | list[str]) -> str | None:
    """Return the closest term of *vocabulary* to *word*, or ``None``.

    Used for "did you mean" hints, both for open vocabularies (where the word is
    still accepted) and for ids and keys (where it is not).

    Examples
    --------
    >>> suggest("thin", SUGGESTED_KINDS)
    'thing'
    >>> suggest("zzzz", SUGGESTED_KINDS) is None
    True
    """
    if not isinstance(word, str):
        return None
    found = difflib.get_close_matches(word, list(vocabulary), n=1, cutoff=0.6)
    return found[0] if found else None


# --------------------------------------------------------------------------------------
# Neutral description
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where a case comes from.

    ``kind`` is one of :data:`SOURCE_KINDS`; ``cite`` holds bibliography keys.
    """

    kind: str = "reader"
    note: str = ""
    cite: tuple[str, ...] = ()


@dataclass(frozen=True)
class Component:
    """Anything that takes part in the case, human or not.

    ``kinds`` is a tuple of words, usually from :data:`SUGGESTED_KINDS`; a
    component may have several (a phone line is ``technology`` and ``time``).
    """

    id: str
    label: str
    kinds: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Episode:
    """A moment of the case.  Episodes are ordered as they appear in the file."""

    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Relation:
    """Something happening between two components, told without a lens.

    ``source`` does ``does`` to ``target`` (in the file: ``from``, ``does``,
    ``to``).  ``account`` names the component (or any word) whose telling this
    is; ``evidence`` says what it rests on.
    """

    id: str
    source: str
    target: str
    does: str
    episode: str | None = None
    account: str | None = None
    evidence: str = ""


# --------------------------------------------------------------------------------------
# Service-logic reading
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interaction:
    """A relation read as a service interaction: its sphere and mode."""

    relation: str
    sphere: str
    mode: str = "direct"
    practice: str = ""
    because: str | None = None


@dataclass(frozen=True)
class Proposition:
    """A value proposition: ``by`` offers ``offer`` to ``to``, carried by a component."""

    by: str
    to: str
    offer: str
    carried_by: str | None = None
    because: str | None = None


@dataclass(frozen=True)
class ValueClaim:
    """A claim that value was created (or destroyed) for someone.

    ``beneficiary`` is the ``for`` of the file; ``claimed_by`` says whose account
    the claim is.  ``relation`` and ``episode`` optionally say where it arises.
    """

    beneficiary: str
    claimed_by: str
    element: str
    valence: str
    note: str = ""
    relation: str | None = None
    episode: str | None = None
    because: str | None = None


@dataclass(frozen=True)
class CoProduction:
    """A relation read as a form of co-production (co-design, co-production, ...)."""

    relation: str
    form: str


@dataclass(frozen=True)
class ServiceReading:
    """A service-logic reading of a case, layered over the neutral description.

    ``roles`` maps a component id to its roles in this reading (several are
    allowed; a daughter can be ``other-actor`` and ``frontline-staff`` at once).
    Roles stay plain words, so the coder's reason for a role lives beside them in
    ``role_reasons`` (component id to text; the file's ``role_reasons`` mapping).
    Every other coded item (interactions, propositions, value claims, affects,
    role scores, lines of flight, territories) has its own optional ``because``.
    """

    roles: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    interactions: tuple[Interaction, ...] = ()
    propositions: tuple[Proposition, ...] = ()
    value: tuple[ValueClaim, ...] = ()
    coproduction: tuple[CoProduction, ...] = ()
    by: str = ""
    role_reasons: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", MappingProxyType(dict(self.roles)))
        object.__setattr__(self, "role_reasons", MappingProxyType(dict(self.role_reasons)))

    def __hash__(self) -> int:  # MappingProxyType is not hashable
        return hash((tuple(sorted(self.roles.items())), self.interactions, self.propositions,
                     self.value, self.coproduction, self.by,
                     tuple(sorted(self.role_reasons.items()))))


# --------------------------------------------------------------------------------------
# Assemblage reading
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Affect:
    """What a relation does to what a body can do.

    ``on`` is the component whose capacity changes (by default the relation's
    target).  ``capacity`` says, in words, what it can or can no longer do.
    """

    relation: str
    capacity: str
    direction: str = "unclear"
    tendency: str = "unclear"
    character: str = "unclear"
    on: str | None = None
    because: str | None = None


@dataclass(frozen=True)
class RoleScore:
    """DeLanda's first axis: how material and how expressive a component's role is.

    Both scores lie in [0, 1] and may both be high; ``None`` means not scored.
    """

    component: str
    material: float | None = None
    expressive: float | None = None
    note: str = ""
    because: str | None = None


@dataclass(frozen=True)
class LineOfFlight:
    """A line through the assemblage.  Never automatically good: ``danger`` is required.

    ``line`` says which of the three kinds it is (:data:`LINES`): ``flight`` (the
    default, a movement out of a territory), ``molar`` (a rigid segment, a binary
    cut) or ``molecular`` (a supple line, a crack within a segment).

    ``source`` is the ``from`` of the file: what it leaves (free text).
    ``captured_by`` says what reterritorialises it, if anything.
    """

    episode: str | None
    source: str
    danger: str
    toward: str = ""
    note: str = ""
    captured_by: str = ""
    because: str | None = None
    line: str = "flight"


@dataclass(frozen=True)
class Territory:
    """A territory of the assemblage and the components that draw its boundary."""

    label: str
    drawn_by: tuple[str, ...] = ()
    episode: str | None = None
    note: str = ""
    because: str | None = None


@dataclass(frozen=True)
class AssemblageReading:
    """A reading of the case as an assemblage, layered over the neutral description."""

    boundary: str = ""
    affects: tuple[Affect, ...] = ()
    roles: tuple[RoleScore, ...] = ()
    lines_of_flight: tuple[LineOfFlight, ...] = ()
    territories: tuple[Territory, ...] = ()
    desire: tuple[str, ...] = ()
    by: str = ""


# --------------------------------------------------------------------------------------
# The case
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A public-service case: the neutral description and up to two readings.

    Lookups (:meth:`component`, :meth:`relation`, :meth:`episode`) raise
    ``KeyError`` with a "did you mean" hint for an unknown id.
    """

    id: str
    title: str
    components: tuple[Component, ...] = ()
    relations: tuple[Relation, ...] = ()
    episodes: tuple[Episode, ...] = ()
    summary: str = ""
    source: Source = field(default_factory=Source)
    service: ServiceReading | None = None
    assemblage: AssemblageReading | None = None
    format: str = FORMAT

    # -- indexes (computed once; the dataclass is frozen so they cannot go stale) --

    @cached_property
    def _components(self) -> dict[str, Component]:
        return {c.id: c for c in self.components}

    @cached_property
    def _relations(self) -> dict[str, Relation]:
        return {r.id: r for r in self.relations}

    @cached_property
    def _episodes(self) -> dict[str, Episode]:
        return {e.id: e for e in self.episodes}

    @cached_property
    def _relations_by_component(self) -> dict[str, tuple[Relation, ...]]:
        out: dict[str, list[Relation]] = {c.id: [] for c in self.components}
        for r in self.relations:
            out.setdefault(r.source, []).append(r)
            if r.target != r.source:
                out.setdefault(r.target, []).append(r)
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _lookup(table: dict, key: str, what: str):
        try:
            return table[key]
        except KeyError:
            hint = suggest(key, list(table))
            extra = f" (did you mean {hint!r}?)" if hint else ""
            raise KeyError(f"unknown {what} {key!r}{extra}") from None

    def component(self, id: str) -> Component:
        """The component with this id."""
        return self._lookup(self._components, id, "component")

    def relation(self, id: str) -> Relation:
        """The relation with this id."""
        return self._lookup(self._relations, id, "relation")

    def episode(self, id: str) -> Episode:
        """The episode with this id."""
        return self._lookup(self._episodes, id, "episode")

    def relations_of(self, component_id: str) -> tuple[Relation, ...]:
        """Relations in which the component is source or target, in file order."""
        self.component(component_id)
        return self._relations_by_component.get(component_id, ())

    def relations_in(self, episode_id: str | None) -> tuple[Relation, ...]:
        """Relations of one episode (``None``: relations with no episode)."""
        if episode_id is not None:
            self.episode(episode_id)
        return tuple(r for r in self.relations if r.episode == episode_id)

    def label(self, id: str) -> str:
        """The label of the component, relation (its ``does``) or episode with this id, else id."""
        if id in self._components:
            return self._components[id].label
        if id in self._episodes:
            return self._episodes[id].label
        if id in self._relations:
            return self._relations[id].does
        return id


def is_human(component: Component) -> bool:
    """True when a component's kinds include a human kind (:data:`HUMAN_KINDS`).

    Examples
    --------
    >>> is_human(Component("a", "Mrs A", ("person",)))
    True
    >>> is_human(Component("k", "Key safe", ("thing",)))
    False
    """
    return bool(HUMAN_KINDS.intersection(component.kinds))


def body_class(component: Component) -> str:
    """``'person'``, ``'composite'`` or ``'thing'``: how the package counts a component.

    A component with the kind ``person`` is a person; otherwise one with a kind of
    :data:`COMPOSITE_KINDS` (an organisation, a team, a family) is a composite, counted
    apart from persons and things; everything else (a phone line, a rule, a time of
    day) is a thing.  "Between two non-humans" everywhere in the package means between
    two things: a relation from an organisation to a phone line is not one.

    Examples
    --------
    >>> body_class(Component("a", "Mrs A", ("person",)))
    'person'
    >>> body_class(Component("p", "The practice", ("organisation", "place")))
    'composite'
    >>> body_class(Component("k", "Key safe", ("thing",)))
    'thing'
    """
    kinds = set(component.kinds)
    if "person" in kinds:
        return "person"
    if COMPOSITE_KINDS & kinds:
        return "composite"
    return "thing"


def is_thing(component: Component) -> bool:
    """True when a component is neither a person nor a composite (see :func:`body_class`)."""
    return body_class(component) == "thing"
