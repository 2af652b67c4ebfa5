"""Pure editing of cases: every function returns a new :class:`~vcc_helpers.model.Case`.

Cases are immutable, so "editing" means building a changed copy.  This keeps undo
trivial for the case builder (keep the old case) and lets a chapter show a case
before and after a change side by side.

The functions check ids and refuse changes that would leave the case inconsistent,
raising :class:`EditError` with one plain sentence.  Removing a component also
removes its relations and every reading entry that names it, so what is left is
always a valid case.

Examples
--------
>>> from vcc_helpers.model import Case, Component, Relation
>>> c = Case(id="home", title="At home",
...          components=(Component("mrs-a", "Mrs A", ("person",)),
...                      Component("key-safe", "Key safe", ("thing",))),
...          relations=(Relation("r1", "key-safe", "mrs-a", "lets carers in to"),))
>>> c2 = remove_component(c, "key-safe")
>>> [x.id for x in c2.components], c2.relations
(['mrs-a'], ())
>>> c3 = plug(c2, Component("key-safe", "Key safe", ("thing",)),
...           [Relation("r9", "key-safe", "mrs-a", "keeps a spare key for")])
>>> [r.does for r in c3.relations]
['keeps a spare key for']
"""
from __future__ import annotations

from dataclasses import replace
from collections.abc import Iterable

from .model import (
    CHARACTERS,
    DIRECTIONS,
    MODES,
    SPHERES,
    TENDENCIES,
    Affect,
    AssemblageReading,
    Case,
    Component,
    Episode,
    Interaction,
    LineOfFlight,
    Relation,
    ServiceReading,
    suggest,
)


class EditError(ValueError):
    """An edit that would leave the case inconsistent (unknown or duplicate id, a word
    outside a closed vocabulary, a required text left empty).

    Parameters
    ----------
    message : str
        One plain sentence (``str(err)``).
    field : str
        Where in the case file the problem is, as the validator names fields
        (``"relations[2].to"``), or ``""`` when no one field is to blame.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _hint(word: str, known: Iterable[str]) -> str:
    near = suggest(word, list(known))
    return f" (did you mean {near!r}?)" if near else ""


def _require(ids: Iterable[str], id: str, what: str, field: str = "") -> None:
    ids = list(ids)
    if not id:
        raise EditError(f"choose a {what}", field)
    if id not in ids:
        raise EditError(f"unknown {what} {id!r}{_hint(id, ids)}", field)


def _unique(ids: Iterable[str], id: str, what: str, field: str = "") -> None:
    if id in set(ids):
        raise EditError(f"there is already a {what} with id {id!r}", field)


def _closed(value: str, vocab: tuple[str, ...], what: str, field: str) -> None:
    """Refuse a word outside a closed vocabulary (the validator's wording)."""
    if value not in vocab:
        if not str(value).strip():
            raise EditError(f"choose a {what}: one of {', '.join(vocab)}", field)
        tail = _hint(value, vocab)
        raise EditError(f"{value!r} is not a {what}: use one of {', '.join(vocab)}{tail}",
                        field)


def _index(ids: Iterable[str], id: str) -> int:
    """Where *id* sits among *ids* (its position in the file), or after the last one."""
    ids = list(ids)
    return ids.index(id) if id in ids else len(ids)


# -- components ---------------------------------------------------------------------


def add_component(case: Case, component: Component) -> Case:
    """Return *case* with *component* appended.

    Raises
    ------
    EditError
        If a component with the same id exists.
    """
    _unique((c.id for c in case.components), component.id, "component",
            f"components[{len(case.components)}].id")
    return replace(case, components=case.components + (component,))


def update_component(case: Case, component: Component) -> Case:
    """Return *case* with the component of the same id replaced by *component*."""
    _require((c.id for c in case.components), component.id, "component")
    return replace(case, components=tuple(component if c.id == component.id else c
                                          for c in case.components))


def remove_component(case: Case, component_id: str) -> Case:
    """Return *case* without the component, its relations and every reading entry naming it."""
    _require((c.id for c in case.components), component_id, "component")
    gone_relations = {r.id for r in case.relations
                      if component_id in (r.source, r.target)}
    out = replace(
        case,
        components=tuple(c for c in case.components if c.id != component_id),
        relations=tuple(r for r in case.relations if r.id not in gone_relations),
    )
    return _prune_readings(out, components={component_id}, relations=gone_relations)


# -- relations ----------------------------------------------------------------------


def _check_relation(case: Case, relation: Relation) -> None:
    ids = [c.id for c in case.components]
    at = f"relations[{_index((r.id for r in case.relations), relation.id)}]"
    _require(ids, relation.source, "component", f"{at}.from")
    _require(ids, relation.target, "component", f"{at}.to")
    if relation.episode is not None:
        _require((e.id for e in case.episodes), relation.episode, "episode", f"{at}.episode")


def add_relation(case: Case, relation: Relation) -> Case:
    """Return *case* with *relation* appended; both ends (and its episode) must exist."""
    _unique((r.id for r in case.relations), relation.id, "relation",
            f"relations[{len(case.relations)}].id")
    _check_relation(case, relation)
    return replace(case, relations=case.relations + (relation,))


def update_relation(case: Case, relation: Relation) -> Case:
    """Return *case* with the relation of the same id replaced by *relation*.

    Raises
    ------
    EditError
        If no relation has that id, or an end or the episode is unknown.
    """
    _require((r.id for r in case.relations), relation.id, "relation", "id")
    _check_relation(case, relation)
    return replace(case, relations=tuple(relation if r.id == relation.id else r
                                         for r in case.relations))


def remove_relation(case: Case, relation_id: str) -> Case:
    """Return *case* without the relation and every reading entry naming it."""
    _require((r.id for r in case.relations), relation_id, "relation")
    out = replace(case, relations=tuple(r for r in case.relations if r.id != relation_id))
    return _prune_readings(out, components=set(), relations={relation_id})


def plug(case: Case, component: Component, relations: Iterable[Relation] = ()) -> Case:
    """Plug *component* into *case* with new *relations* (relations of exteriority).

    The component keeps its own identity: only the relations are new, which is what
    it means for a component to be "unplugged" from one assemblage and "plugged" into
    another (DeLanda's reading of relations of exteriority).
    """
    out = add_component(case, component)
    for r in relations:
        out = add_relation(out, r)
    return out


# -- episodes -----------------------------------------------------------------------


def add_episode(case: Case, episode: Episode) -> Case:
    """Return *case* with *episode* appended (episodes are ordered)."""
    _unique((e.id for e in case.episodes), episode.id, "episode",
            f"episodes[{len(case.episodes)}].id")
    return replace(case, episodes=case.episodes + (episode,))


def update_episode(case: Case, episode: Episode) -> Case:
    """Return *case* with the episode of the same id replaced by *episode* (same place).

    Raises
    ------
    EditError
        If no episode has that id.

    Examples
    --------
    >>> from vcc_helpers.model import Case, Episode
    >>> c = update_episode(Case("t", "T", episodes=(Episode("e1", "Day"),)), Episode("e1", "Night"))
    >>> c.episodes[0].label
    'Night'
    """
    _require((e.id for e in case.episodes), episode.id, "episode", "id")
    return replace(case, episodes=tuple(episode if e.id == episode.id else e
                                        for e in case.episodes))


def remove_episode(case: Case, episode_id: str) -> Case:
    """Return *case* without the episode; its relations stay, with no episode."""
    _require((e.id for e in case.episodes), episode_id, "episode")
    relations = tuple(replace(r, episode=None) if r.episode == episode_id else r
                      for r in case.relations)
    out = replace(case, episodes=tuple(e for e in case.episodes if e.id != episode_id),
                  relations=relations)
    if out.service is not None:
        out = replace(out, service=replace(out.service, value=tuple(
            replace(v, episode=None) if v.episode == episode_id else v
            for v in out.service.value)))
    if out.assemblage is not None:
        a = out.assemblage
        out = replace(out, assemblage=replace(
            a,
            lines_of_flight=tuple(replace(lf, episode=None) if lf.episode == episode_id else lf
                                  for lf in a.lines_of_flight),
            territories=tuple(replace(t, episode=None) if t.episode == episode_id else t
                              for t in a.territories)))
    return out


# -- readings -----------------------------------------------------------------------


def set_affect(case: Case, affect: Affect) -> Case:
    """Return *case* whose assemblage reading has *affect* on its relation.

    Any earlier affect on the same relation *and* the same body (``on``) is
    replaced; an assemblage reading is created if the case had none.
    """
    _require((r.id for r in case.relations), affect.relation, "relation", "relation")
    if affect.on is not None:
        _require((c.id for c in case.components), affect.on, "component", "on")
    _closed(affect.direction, DIRECTIONS, "direction", "direction")
    _closed(affect.tendency, TENDENCIES, "tendency", "tendency")
    _closed(affect.character, CHARACTERS, "character", "character")
    reading = case.assemblage or AssemblageReading()
    kept = tuple(a for a in reading.affects
                 if not (a.relation == affect.relation and a.on == affect.on))
    return replace(case, assemblage=replace(reading, affects=kept + (affect,)))


def remove_affect(case: Case, relation_id: str, on: str | None = None) -> Case:
    """Return *case* without the affect of *relation_id* on *on* (``None``: the affect
    with no ``on``, that is on the relation's target).

    Raises
    ------
    EditError
        If the assemblage reading has no such affect.
    """
    reading = case.assemblage or AssemblageReading()
    kept = tuple(a for a in reading.affects if not (a.relation == relation_id and a.on == on))
    if len(kept) == len(reading.affects):
        body = f" on {on!r}" if on is not None else ""
        raise EditError(f"relation {relation_id!r} has no affect{body} to remove", "relation")
    return replace(case, assemblage=replace(reading, affects=kept))


def add_line_of_flight(case: Case, line: LineOfFlight) -> Case:
    """Return *case* whose assemblage reading ends with the line of flight *line*.

    A line of flight is never simply good: its ``danger`` must be said.

    Raises
    ------
    EditError
        If ``source`` (the ``from``) or ``danger`` is empty, or the episode is unknown.

    Examples
    --------
    >>> from vcc_helpers.model import Case, LineOfFlight
    >>> c = add_line_of_flight(Case("t", "T"), LineOfFlight(None, "the rota", "she is alone"))
    >>> c.assemblage.lines_of_flight[0].danger
    'she is alone'
    >>> add_line_of_flight(c, LineOfFlight(None, "the rota", " "))
    Traceback (most recent call last):
    ...
    vcc_helpers.edit.EditError: empty: a line of flight needs a danger (no line of flight is simply good)
    """  # noqa: E501 (a doctest's expected output is one line)
    reading = case.assemblage or AssemblageReading()
    at = f"assemblage.lines_of_flight[{len(reading.lines_of_flight)}]"
    if not line.source.strip():
        raise EditError("empty: a line of flight needs a 'from' (what it leaves)", f"{at}.from")
    if not line.danger.strip():
        raise EditError("empty: a line of flight needs a danger (no line of flight is simply "
                        "good)", f"{at}.danger")
    if line.episode is not None:
        _require((e.id for e in case.episodes), line.episode, "episode", f"{at}.episode")
    return replace(case, assemblage=replace(reading,
                                            lines_of_flight=reading.lines_of_flight + (line,)))


def remove_line_of_flight(case: Case, index: int) -> Case:
    """Return *case* without the line of flight at *index* (0-based, in reading order).

    Raises
    ------
    EditError
        If there is no line of flight at *index*.
    """
    flights = case.assemblage.lines_of_flight if case.assemblage else ()
    if not isinstance(index, int) or not 0 <= index < len(flights):
        raise EditError("choose an existing line of flight to remove", "pick")
    assert case.assemblage is not None  # without a reading there is no flight to remove
    return replace(case, assemblage=replace(case.assemblage, lines_of_flight=tuple(
        f for n, f in enumerate(flights) if n != index)))


def set_interaction(case: Case, interaction: Interaction) -> Case:
    """Return *case* whose service reading reads the relation as *interaction*
    (replacing an earlier reading of the same relation).

    Both the sphere and the mode must be chosen: a reading is a claim, and an
    unchosen one is not made for the reader.

    Raises
    ------
    EditError
        If the relation is unknown, or the sphere or mode is not one of
        ``SPHERES`` / ``MODES`` of :mod:`vcc_helpers.model`.

    Examples
    --------
    >>> from vcc_helpers.model import Case, Component, Interaction, Relation
    >>> c = Case("t", "T", components=(Component("a", "A"),),
    ...          relations=(Relation("r1", "a", "a", "waits"),))
    >>> set_interaction(c, Interaction("r1", "joint", "direct")).service.interactions[0].sphere
    'joint'
    >>> set_interaction(c, Interaction("r1", "", "direct"))
    Traceback (most recent call last):
    ...
    vcc_helpers.edit.EditError: choose a sphere: one of provider, joint, user
    """
    _require((r.id for r in case.relations), interaction.relation, "relation", "relation")
    _closed(interaction.sphere, SPHERES, "sphere", "sphere")
    _closed(interaction.mode, MODES, "mode", "mode")
    reading = case.service or ServiceReading()
    kept = tuple(i for i in reading.interactions if i.relation != interaction.relation)
    return replace(case, service=replace(reading, interactions=kept + (interaction,)))


def remove_interaction(case: Case, relation_id: str) -> Case:
    """Return *case* whose service reading no longer reads *relation_id* as an interaction.

    Raises
    ------
    EditError
        If the relation has no sphere in the service reading.
    """
    reading = case.service or ServiceReading()
    if not any(i.relation == relation_id for i in reading.interactions):
        raise EditError(f"relation {relation_id!r} has no sphere in the service reading",
                        "relation")
    return replace(case, service=replace(reading, interactions=tuple(
        i for i in reading.interactions if i.relation != relation_id)))


def set_details(case: Case, id: str | None = None, title: str | None = None,
                summary: str | None = None) -> Case:
    """Return *case* with a new id, title or summary (``None`` keeps each as it is).

    Id and title are stripped and must not be empty.

    Raises
    ------
    EditError
        If the id or the title is empty.

    Examples
    --------
    >>> from vcc_helpers.model import Case
    >>> set_details(Case("t", "T"), title=" At home ").title
    'At home'
    """
    new_id = case.id if id is None else str(id).strip()
    new_title = case.title if title is None else str(title).strip()
    if not new_id:
        raise EditError("empty: a case needs an id", "id")
    if not new_title:
        raise EditError("empty: a case needs a title", "title")
    return replace(case, id=new_id, title=new_title,
                   summary=case.summary if summary is None else str(summary))


def set_service_role(case: Case, component_id: str, *roles: str) -> Case:
    """Return *case* whose service reading gives *component_id* these roles (none: remove)."""
    _require((c.id for c in case.components), component_id, "component", "component")
    reading = case.service or ServiceReading()
    new_roles = dict(reading.roles)
    if roles:
        new_roles[component_id] = tuple(roles)
    else:
        new_roles.pop(component_id, None)
    return replace(case, service=replace(reading, roles=new_roles))


def _prune_readings(case: Case, components: set[str], relations: set[str]) -> Case:
    """Drop every reading entry that names a removed component or relation."""
    if case.service is not None:
        s = case.service
        case = replace(case, service=replace(
            s,
            roles={k: v for k, v in s.roles.items() if k not in components},
            interactions=tuple(i for i in s.interactions if i.relation not in relations),
            propositions=tuple(p for p in s.propositions
                               if p.by not in components and p.to not in components
                               and p.carried_by not in components),
            value=tuple(v for v in s.value
                        if v.beneficiary not in components and v.relation not in relations
                        and v.claimed_by not in components),
            coproduction=tuple(c for c in s.coproduction if c.relation not in relations),
        ))
    if case.assemblage is not None:
        a = case.assemblage
        case = replace(case, assemblage=replace(
            a,
            affects=tuple(x for x in a.affects
                          if x.relation not in relations and x.on not in components),
            roles=tuple(r for r in a.roles if r.component not in components),
            territories=tuple(replace(t, drawn_by=tuple(d for d in t.drawn_by
                                                        if d not in components))
                              for t in a.territories),
        ))
    return case
