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
from typing import Iterable

from .model import (
    Affect,
    AssemblageReading,
    Case,
    Component,
    Episode,
    Relation,
    ServiceReading,
    suggest,
)


class EditError(ValueError):
    """An edit that would leave the case inconsistent (unknown or duplicate id)."""


def _hint(word: str, known: Iterable[str]) -> str:
    near = suggest(word, list(known))
    return f" (did you mean {near!r}?)" if near else ""


def _require(ids: Iterable[str], id: str, what: str) -> None:
    ids = list(ids)
    if id not in ids:
        raise EditError(f"unknown {what} {id!r}{_hint(id, ids)}")


def _unique(ids: Iterable[str], id: str, what: str) -> None:
    if id in set(ids):
        raise EditError(f"there is already a {what} with id {id!r}")


# -- components ---------------------------------------------------------------------


def add_component(case: Case, component: Component) -> Case:
    """Return *case* with *component* appended.

    Raises
    ------
    EditError
        If a component with the same id exists.
    """
    _unique((c.id for c in case.components), component.id, "component")
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
    _require(ids, relation.source, "component")
    _require(ids, relation.target, "component")
    if relation.episode is not None:
        _require((e.id for e in case.episodes), relation.episode, "episode")


def add_relation(case: Case, relation: Relation) -> Case:
    """Return *case* with *relation* appended; both ends (and its episode) must exist."""
    _unique((r.id for r in case.relations), relation.id, "relation")
    _check_relation(case, relation)
    return replace(case, relations=case.relations + (relation,))


def update_relation(case: Case, relation: Relation) -> Case:
    """Return *case* with the relation of the same id replaced by *relation*."""
    _require((r.id for r in case.relations), relation.id, "relation")
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
    _unique((e.id for e in case.episodes), episode.id, "episode")
    return replace(case, episodes=case.episodes + (episode,))


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
            lines_of_flight=tuple(replace(l, episode=None) if l.episode == episode_id else l
                                  for l in a.lines_of_flight),
            territories=tuple(replace(t, episode=None) if t.episode == episode_id else t
                              for t in a.territories)))
    return out


# -- readings -----------------------------------------------------------------------


def set_affect(case: Case, affect: Affect) -> Case:
    """Return *case* whose assemblage reading has *affect* on its relation.

    Any earlier affect on the same relation *and* the same body (``on``) is
    replaced; an assemblage reading is created if the case had none.
    """
    _require((r.id for r in case.relations), affect.relation, "relation")
    if affect.on is not None:
        _require((c.id for c in case.components), affect.on, "component")
    reading = case.assemblage or AssemblageReading()
    kept = tuple(a for a in reading.affects
                 if not (a.relation == affect.relation and a.on == affect.on))
    return replace(case, assemblage=replace(reading, affects=kept + (affect,)))


def set_service_role(case: Case, component_id: str, *roles: str) -> Case:
    """Return *case* whose service reading gives *component_id* these roles (none: remove)."""
    _require((c.id for c in case.components), component_id, "component")
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
