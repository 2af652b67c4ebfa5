"""A small, illustrative third lens: an actor-network sketch of a case.

This lens exists to show that the lens interface (:mod:`vcc_helpers.lenses.base`)
takes a third reading without touching the other two.  It is a sketch after
Callon's sociology of translation (see the theory notes, §2.5), not an
actor-network analysis: it reads only the neutral description (components and
relations), and it asserts nothing a case file does not say.

What it reads:

* **actants**: every component, human or not, counted alike (Callon's
  generalised symmetry: the same terms for people and things);
* **associations**: the relations, with those that never pass through a person;
* **candidate obligatory passage points**: components that others can only
  reach each other through.  On the case's graph (relations taken both ways,
  direction ignored) these are its cut vertices: take the component away and
  the rest falls into pieces.  Each comes with the pieces it joins and the
  number of pairs of components that meet only through it;
* **questions** on Callon's four moments of translation (problematisation,
  interessement, enrolment, mobilisation), which the case file cannot answer:
  a point the graph funnels through is an obligatory passage point only if
  someone made it one, and that is for the reader to find out.

Its residue against the service and the assemblage readings (both ways) says
what each cannot hold of the other.

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> r = actor_network_reading(tiny_case())
>>> len(r.actants), len(r.human), len(r.associations)
(8, 3, 7)
>>> [(p.component, p.pairs) for p in r.passage_points]
[('mrs-a', 18), ('receptionist', 6), ('phone-line', 6), ('bus', 6)]
"""
from __future__ import annotations

from dataclasses import dataclass, field

from vcc_helpers.lenses.reinterpret import ResidueItem, possessive
from vcc_helpers.model import Case, body_class, is_human

__all__ = ["QUESTIONS", "ILLUSTRATIVE_NOTE", "PassagePoint", "ActorNetworkReading",
           "passage_points", "actor_network_reading", "cannot_hold_of_service",
           "cannot_hold_of_assemblage", "service_cannot_hold", "assemblage_cannot_hold"]

_CLAIM_WORDS = {"creation": "value created", "destruction": "value destroyed",
                "mixed": "mixed value", "dis/value": "dis/value"}

ILLUSTRATIVE_NOTE = (
    "This is a small illustrative third reading, an actor-network sketch after Callon's "
    "moments of translation: it counts people and things alike and finds where the case's "
    "relations funnel through one component. Counting them alike is a way of describing, not a "
    "claim that things have intentions. It is not an actor-network analysis, which would follow "
    "how each point was made obligatory. In Callon's study an obligatory passage point is a "
    "programme that someone made indispensable to others, not a place in a graph: a cut vertex "
    "here is only a place to start asking, and it often marks whom the file was written around. "
    "A candidate that exists only because a component has a single relation in the file is "
    "marked as such."
)
"""The sentence every output of this lens carries."""

QUESTIONS: tuple[str, ...] = (
    "Which components take part, human or not, described in the same terms?",
    "Through which component must others pass to reach each other "
    "(a candidate obligatory passage point)?",
    "Problematisation: who or what defined the problem so that the others had to pass "
    "through that point?",
    "Interessement: what holds the others in the roles they were given, and what pulls them away?",
    "Enrolment: which roles were accepted, and which were refused or bargained over?",
    "Mobilisation: who speaks for whom, and do those spoken for follow?",
    "Where could the translation fail, and who or what would betray it?",
)
"""The questions the actor-network sketch asks, as plain sentences."""


@dataclass(frozen=True, slots=True)
class PassagePoint:
    """A component others can only reach each other through (a cut vertex of the case graph).

    ``pieces`` are the groups of components (ids, in file order; groups ordered
    by their first component) that meet only through it; ``pairs`` counts the
    pairs of components, one in each of two pieces, that do.
    """

    component: str
    label: str
    human: bool
    pieces: tuple[tuple[str, ...], ...]
    pairs: int
    relations: tuple[str, ...]
    only_because: tuple[str, ...] = ()
    """Components with a single relation in the file, each a piece on its own, without which
    this would be no cut vertex (empty when the point joins more than such leaves)."""

    def only_because_text(self, label=lambda c: c) -> str:
        """``" (only because X has no other relation in the file)"``, or ``""``."""
        if not self.only_because:
            return ""
        names = [label(c) for c in self.only_because]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f" (only because {who} {'has' if len(names) == 1 else 'have'} no other " \
               "relation in the file)"


@dataclass(frozen=True, slots=True)
class ActorNetworkReading:
    """Everything the actor-network sketch says about a case."""

    case: str
    title: str
    actants: tuple[str, ...]
    human: tuple[str, ...]
    nonhuman: tuple[str, ...]
    """Things: neither persons nor composites (:func:`vcc_helpers.model.body_class`)."""
    composite: tuple[str, ...]
    """Organisations, teams, families: composites, counted apart from persons and things."""
    associations: tuple[str, ...]
    nonhuman_associations: tuple[str, ...]
    unconnected: tuple[str, ...]
    passage_points: tuple[PassagePoint, ...]
    note: str = ILLUSTRATIVE_NOTE
    questions: tuple[str, ...] = field(default=QUESTIONS)


def _graph(case: Case):
    import networkx as nx  # imported here: the command line need not load networkx

    G = nx.Graph()
    G.add_nodes_from(c.id for c in case.components)
    for r in case.relations:
        if r.source != r.target and r.source in G and r.target in G:
            G.add_edge(r.source, r.target)
    return G


def passage_points(case: Case) -> tuple[PassagePoint, ...]:
    """Candidate obligatory passage points: the cut vertices of the case graph.

    Relations are taken both ways (an association joins its two ends whatever
    its direction); a relation from a component to itself joins nothing.

    Returns
    -------
    tuple of PassagePoint
        Most pairs first, then in file order.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> p = passage_points(tiny_case())[0]
    >>> p.component, p.pieces
    ('mrs-a', (('surgery', 'phone-line'), ('receptionist', 'triage-rule'), ('bus', 'rain'), ('daughter',)))
    """  # noqa: E501 (a doctest's expected output is one line)
    import networkx as nx

    G = _graph(case)
    index = {c.id: i for i, c in enumerate(case.components)}
    rels: dict[str, list[str]] = {}
    for r in case.relations:
        for end in dict.fromkeys((r.source, r.target)):
            rels.setdefault(end, []).append(r.id)
    out = []
    for cid in nx.articulation_points(G):
        rest = G.subgraph(n for n in nx.node_connected_component(G, cid) if n != cid)
        pieces = sorted((tuple(sorted(p, key=index.__getitem__))
                         for p in nx.connected_components(rest)),
                        key=lambda p: index[p[0]])
        sizes = [len(p) for p in pieces]
        pairs = (sum(sizes) ** 2 - sum(s * s for s in sizes)) // 2
        leaves = [p[0] for p in pieces if len(p) == 1 and len(rels.get(p[0], ())) == 1]
        big = [p for p in pieces if not (len(p) == 1 and p[0] in leaves)]
        # a cut vertex only by grace of leaves: drop all but one piece and it is none
        only = tuple(leaves) if len(big) <= 1 else ()
        if len(big) == 0:
            only = tuple(leaves[1:])  # one leaf must stay for it to join anything
        out.append(PassagePoint(cid, case.label(cid), is_human(case.component(cid)),
                                tuple(pieces), pairs, tuple(rels.get(cid, ())), only))
    out.sort(key=lambda p: (-p.pairs, index[p.component]))
    return tuple(out)


def actor_network_reading(case: Case) -> ActorNetworkReading:
    """The actor-network sketch of *case* (see the module docstring).

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> r = actor_network_reading(tiny_case())
    >>> r.nonhuman_associations, r.unconnected  # r4 starts at the surgery, a composite
    (('r5',), ())
    >>> r.note.startswith("This is a small illustrative third reading")
    True
    """
    body = {c.id: body_class(c) for c in case.components}
    linked = {x for r in case.relations for x in (r.source, r.target)}
    return ActorNetworkReading(
        case=case.id, title=case.title,
        actants=tuple(c.id for c in case.components),
        human=tuple(c for c, b in body.items() if b == "person"),
        nonhuman=tuple(c for c, b in body.items() if b == "thing"),
        composite=tuple(c for c, b in body.items() if b == "composite"),
        associations=tuple(r.id for r in case.relations),
        nonhuman_associations=tuple(r.id for r in case.relations
                                    if body.get(r.source) == body.get(r.target) == "thing"),
        unconnected=tuple(c.id for c in case.components if c.id not in linked),
        passage_points=passage_points(case))


# --------------------------------------------------------------------------------------
# residue, both ways
# --------------------------------------------------------------------------------------

GENERAL_CANNOT_HOLD_OF_SERVICE: tuple[ResidueItem, ...] = (
    ResidueItem("general", "Value: the sketch records who is associated with whom, not whether "
                "anyone was better or worse off, nor who judges that."),
    ResidueItem("general", "A duty-holder: every actant is counted alike, so the sketch names no "
                "provider who must act."),
)
GENERAL_CANNOT_HOLD_OF_ASSEMBLAGE: tuple[ResidueItem, ...] = (
    ResidueItem("general", "What a relation does to what a body can do: the sketch sees that two "
                "components are associated, not which capacities the association makes or "
                "unmakes."),
    ResidueItem("general", "The sketch records no tendencies. ANT has its own words for holding "
                "and failing (stabilisation, betrayal), but not assemblage theory's ruptures, "
                "affects or desire."),
)


def cannot_hold_of_service(case: Case) -> tuple[ResidueItem, ...]:
    """What the actor-network sketch cannot hold that the service reading can.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(cannot_hold_of_service(tiny_case())[0].text)
    Mrs A's claim of value destroyed for the claimant (r1): the sketch has no place for claimed value.
    """  # noqa: E501 (a doctest's expected output is one line)
    out: list[ResidueItem] = []
    s = case.service
    if s is not None:
        for v in s.value:
            who = case.label(v.claimed_by) if v.claimed_by in case._components else v.claimed_by
            for_ = ("the claimant" if v.beneficiary == v.claimed_by
                    else case.label(v.beneficiary) if v.beneficiary in case._components
                    else v.beneficiary)
            at = f" ({v.relation})" if v.relation else ""
            word = _CLAIM_WORDS.get(v.valence, v.valence)
            out.append(ResidueItem("value", f"{possessive(who)} claim of {word} for {for_}{at}: "
                                   "the sketch has no place for claimed value.",
                                   tuple(x for x in (v.relation,) if x)))
        closed = [i.relation for i in s.interactions if i.sphere == "user"]
        if closed:
            verb = "sits" if len(closed) == 1 else "sit"
            out.append(ResidueItem("sphere", f"{', '.join(closed)} {verb} in the user's sphere, "
                                   "closed to the provider: the sketch has no spheres, so it "
                                   "cannot say who sees what.", tuple(closed)))
    out.extend(GENERAL_CANNOT_HOLD_OF_SERVICE)
    return tuple(out)


def cannot_hold_of_assemblage(case: Case) -> tuple[ResidueItem, ...]:
    """What the actor-network sketch cannot hold that the assemblage reading can.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> [i.topic for i in cannot_hold_of_assemblage(tiny_case())][:3]
    ['affect', 'affect', 'affect']
    """
    out: list[ResidueItem] = []
    a = case.assemblage
    if a is not None:
        for x in a.affects:
            cap = f" '{x.capacity}'" if x.capacity else ""
            out.append(ResidueItem("affect", f"{x.relation} {x.direction}{cap}: the sketch records "
                                   "the association, not what it does to a capacity.",
                                   (x.relation,)))
        for f in a.lines_of_flight:
            out.append(ResidueItem("line-of-flight", f"The line of flight from '{f.source}': the "
                                   "sketch has no place for what leaves the network.",
                                   tuple(x for x in (f.episode,) if x)))
    out.extend(GENERAL_CANNOT_HOLD_OF_ASSEMBLAGE)
    return tuple(out)


def _points_items(case: Case, what: str) -> list[ResidueItem]:
    out = []
    for p in passage_points(case):
        why = p.only_because_text(case.label).strip()[1:-1]  # without its brackets
        pairs = f"{p.pairs} pairs" + (f"; {why}" if why else "")
        out.append(ResidueItem("passage-point",
                               f"{p.label} joins {len(p.pieces)} groups of components that meet "
                               f"only through it ({pairs}): {what}", (p.component,)))
    return out


def service_cannot_hold(case: Case) -> tuple[ResidueItem, ...]:
    """What the service reading cannot hold that the actor-network sketch can.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> [i.ids for i in service_cannot_hold(tiny_case())][:2]
    [('phone-line',), ('bus',)]
    """
    body = {c.id: body_class(c) for c in case.components}
    # an organisation others must pass through is still an actor to service logic (the
    # provider); a thing is at most a resource
    out = [i for i in _points_items(case, "the sphere diagram has no place for a thing "
                                          "(neither a person nor an organisation) that "
                                          "others must pass through.")
           if body.get(i.ids[0]) == "thing"]
    out.append(ResidueItem("general", "Generalised symmetry: service logic's actors are human, "
                           "so a phone line or a rule can be a resource or a touchpoint, but "
                           "not an actant that enrols others."))
    return tuple(out)


def assemblage_cannot_hold(case: Case) -> tuple[ResidueItem, ...]:
    """What the assemblage reading cannot hold that the actor-network sketch can.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> len(assemblage_cannot_hold(tiny_case()))
    5
    """
    out = _points_items(case, "this package's assemblage map records affects one relation at "
                              "a time and does not single out where connections funnel.")
    out.append(ResidueItem("general", "Translation: Callon's four moments (problematisation, "
                           "interessement, enrolment, mobilisation) can overlap and may fail; "
                           "they say how an association is made and held, where the assemblage "
                           "reading follows what holds and what loosens."))
    return tuple(out)
