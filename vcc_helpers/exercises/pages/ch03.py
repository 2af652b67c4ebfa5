"""Chapter 3's page: the residue, the dyad and the non-human roles as tables and prose.

The tables and ``*_facts`` sentences compute, for a case, what the chapter's five
tensions look like in it: the residue report of
:func:`vcc_helpers.lenses.reinterpret.residue`, the relations that never touch the
provider-user pair, and the roles the service reading gives to non-human components.
The checks live in :mod:`vcc_helpers.exercises.ch03`, which forwards these names.

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> print(dyad_facts(tiny_case()))
1 of the case's 7 relations never touches the provider-user pair: neither end is cast as provider, front-line staff or user. Of the rest, 1 runs between the provider's side and a user, 3 touch a user but nothing on the provider's side, and 2 touch the provider's side but no user.
"""  # noqa: E501 (a doctest's expected output is one line)
from __future__ import annotations

from collections.abc import Iterable

from vcc_helpers.exercises._common import counted as _n, listing
from vcc_helpers.exercises.ch03 import _roles, outside_dyad
from vcc_helpers.exercises.pages.display import Prose, Table
from vcc_helpers.lenses.reinterpret import ResidueItem
from vcc_helpers.lenses.service import PROVIDER_ROLES, destruction_points, unplaced_relations
from vcc_helpers.model import Case, body_class, is_thing

__all__ = [
    "residue_table", "residue_summary", "residue_facts", "outside_dyad_table", "dyad_facts",
    "destruction_table", "nonhuman_roles_table", "nonhuman_facts",
]


def residue_table(items: Iterable[ResidueItem], caption: str = "") -> Table:
    """A residue report (one direction of :func:`~vcc_helpers.lenses.reinterpret.residue`) as
    a table.

    Examples
    --------
    >>> from vcc_helpers.lenses.reinterpret import ResidueItem
    >>> print(residue_table([ResidueItem("bypass", "r7 bypasses the pair.", ("r7",))]))
    Topic  | What does not translate | Ids
    -------+-------------------------+----
    bypass | r7 bypasses the pair.   | r7
    """
    rows = [(i.topic, i.text, ", ".join(i.ids) or "-") for i in items]
    return Table(("Topic", "What does not translate", "Ids"), rows, caption=caption)


def residue_summary(items: Iterable[ResidueItem], caption: str = "") -> Table:
    """A residue report summarised by topic: how many items, and the first one as an example.

    Topics keep the order in which the report first gives them.

    Examples
    --------
    >>> from vcc_helpers.lenses.reinterpret import ResidueItem
    >>> t = residue_summary([ResidueItem("bypass", "a", ("r7",)), ResidueItem("bypass", "b"),
    ...                      ResidueItem("general", "g")])
    >>> t.rows
    (('bypass', '2', 'a'), ('general', '1', 'g'))
    """
    groups: dict[str, list[ResidueItem]] = {}
    for item in items:
        groups.setdefault(item.topic, []).append(item)
    rows = [(topic, len(its), its[0].text) for topic, its in groups.items()]
    return Table(("Topic", "Items", "For example"), rows, caption=caption)


def residue_facts(items: Iterable[ResidueItem]) -> Prose:
    """Computed sentences about a residue report: how many items, on which topics.

    Examples
    --------
    >>> from vcc_helpers.lenses.reinterpret import ResidueItem
    >>> print(residue_facts([ResidueItem("bypass", "a", ("r7",)), ResidueItem("general", "b")]))
    The report has 2 items on 2 topics (bypass and general). 1 is tied to particular ids in the case; 1 is general and holds for any case.
    """  # noqa: E501 (a doctest's expected output is one line)
    items = list(items)
    topics = list(dict.fromkeys(i.topic for i in items))
    tied = sum(1 for i in items if i.ids)
    return Prose(
        f"The report has **{_n(len(items), 'item')}** on {_n(len(topics), 'topic')} "
        f"({listing(topics)}). {tied} {'is' if tied == 1 else 'are'} tied to particular ids in "
        f"the case; {len(items) - tied} {'is' if len(items) - tied == 1 else 'are'} general and "
        f"{'holds' if len(items) - tied == 1 else 'hold'} for any case.")


def outside_dyad_table(case: Case) -> Table:
    """The relations that never touch the dyad, with labels, episode and whether the service
    reading places them.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> outside_dyad_table(tiny_case()).rows
    (('r5', 'Rain', 'slows down', 'Number 7 bus', 'Getting there', 'no'),)
    """
    unplaced = set(unplaced_relations(case))
    rows = []
    for rid in outside_dyad(case):
        r = case.relation(rid)
        rows.append((r.id, case.label(r.source), r.does, case.label(r.target),
                     case.label(r.episode) if r.episode else "-",
                     "no" if rid in unplaced else "yes"))
    return Table(("Relation", "From", "Does", "To", "Episode", "In a sphere?"), rows)


def dyad_facts(case: Case) -> Prose:
    """Computed sentences: how the case's relations stand to the provider-user pair.

    Each relation either never touches the pair, runs between the provider's
    side (provider or front-line staff) and a user, touches a user but nothing on
    the provider's side, or touches the provider's side but no user.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(dyad_facts(tiny_case()))
    1 of the case's 7 relations never touches the provider-user pair: neither end is cast as provider, front-line staff or user. Of the rest, 1 runs between the provider's side and a user, 3 touch a user but nothing on the provider's side, and 2 touch the provider's side but no user.
    """  # noqa: E501 (a doctest's expected output is one line)
    roles = _roles(case)
    provider_side = {c for c, rs in roles.items() if set(rs) & set(PROVIDER_ROLES)}
    users = {c for c, rs in roles.items() if "user" in rs}
    outside = outside_dyad(case)
    across = user_only = provider_only = 0
    for r in case.relations:
        ends = {r.source, r.target}
        p, u = bool(ends & provider_side), bool(ends & users)
        if p and u:
            across += 1
        elif u:
            user_only += 1
        elif p:
            provider_only += 1
    touches = "touches" if len(outside) == 1 else "touch"
    return Prose(
        f"**{len(outside)} of the case's {len(case.relations)} relations** never {touches} the "
        f"provider-user pair: neither end is cast as provider, front-line staff or user. "
        f"Of the rest, {across} {'runs' if across == 1 else 'run'} between the provider's side "
        f"and a user, {user_only} {'touches' if user_only == 1 else 'touch'} a user but nothing "
        f"on the provider's side, and {provider_only} "
        f"{'touches' if provider_only == 1 else 'touch'} the provider's side but no user.")


def destruction_table(case: Case) -> Table:
    """The service reading's own claims of destruction, mixed value and dis/value, with labels.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> destruction_table(tiny_case()).rows
    (('Mrs A', 'Mrs A', 'satisfaction', 'destruction', 'Ringing at 8am', 'keeps her on hold for forty minutes'),)
    """  # noqa: E501 (a doctest's expected output is one line)
    rows = [(case.label(d.beneficiary), case.label(d.claimed_by), d.element, d.valence,
             case.label(d.episode) if d.episode else "-", d.does or "-")
            for d in destruction_points(case)]
    return Table(("For", "Claimed by", "Element", "Valence", "Episode", "Where (the relation)"),
                 rows)


def _carried(case: Case) -> set[str]:
    if not case.service:
        return set()
    return {p.carried_by for p in case.service.propositions if p.carried_by}


def nonhuman_roles_table(case: Case) -> Table:
    """Each thing (neither a person nor a composite) with its service role(s), whether it
    carries a proposition, and its relations.  Composites, such as organisations and
    teams, are counted apart (:func:`vcc_helpers.model.body_class`).

    "Relations" counts the relations it takes part in; "Acting in" those in which
    it is the one acting (the relation's ``from``).

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> nonhuman_roles_table(tiny_case()).rows[1]
    ('triage-rule', 'Triage rule', 'rule, category', 'resource', 'no', '1', '1')
    """
    roles = _roles(case)
    carried = _carried(case)
    rows = []
    for c in case.components:
        if not is_thing(c):
            continue
        rels = case.relations_of(c.id)
        acts = sum(1 for r in rels if r.source == c.id)
        rows.append((c.id, c.label, ", ".join(c.kinds),
                     ", ".join(roles.get(c.id, ())) or "(no role)",
                     "yes" if c.id in carried else "no", len(rels), acts))
    return Table(("Id", "Label", "Kinds", "Service role", "Carries a proposition?",
                  "Relations", "Acting in"), rows)


def nonhuman_facts(case: Case) -> Prose:
    """Computed sentences about the non-human components and the roles the service reading gives them.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(nonhuman_facts(tiny_case()))
    The case has 4 things (components that are neither persons nor composites; 1 composite, an organisation or a collective, is counted apart). The service reading casts 2 as resources, 0 as institutions, gives 0 another role and gives 2 no role at all. 1 carries a value proposition. Yet 4 of the 4 are the one acting in at least one relation of the neutral description.
    """  # noqa: E501 (a doctest's expected output is one line)
    roles = _roles(case)
    things = [c for c in case.components if is_thing(c)]
    composites = sum(1 for c in case.components if body_class(c) == "composite")
    apart = (f"; {_n(composites, 'composite')}, an organisation or a collective, "
             f"{'is' if composites == 1 else 'are'} counted apart" if composites else "")
    if not things:
        return Prose(f"The case has no things (components that are neither persons nor "
                     f"composites{apart}).")
    resource = sum(1 for c in things if "resource" in roles.get(c.id, ()))
    institution = sum(1 for c in things if "institution" in roles.get(c.id, ())
                      and "resource" not in roles[c.id])
    other = sum(1 for c in things if roles.get(c.id)
                and not {"resource", "institution"} & set(roles[c.id]))
    none = sum(1 for c in things if not roles.get(c.id))
    carried = sum(1 for c in things if c.id in _carried(case))
    acting = sum(1 for c in things if any(r.source == c.id for r in case.relations_of(c.id)))
    return Prose(
        f"The case has **{_n(len(things), 'thing')}** (components that are neither persons nor "
        f"composites{apart}). The service reading casts "
        f"{resource} as {'a resource' if resource == 1 else 'resources'}, {institution} as "
        f"{'an institution' if institution == 1 else 'institutions'}, gives {other} another "
        f"role and gives {none} no role at all. {carried} "
        f"{'carries' if carried == 1 else 'carry'} a value proposition. Yet {acting} of the "
        f"{len(things)} {'is' if acting == 1 else 'are'} the one acting in at least one relation "
        f"of the neutral description.")
