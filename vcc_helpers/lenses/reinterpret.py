"""Reinterpretation: from a service-logic reading to a *draft* assemblage reading.

:func:`reinterpret` never asserts an affect.  It turns what the service reading
records into *candidates* (components with their old roles kept as history,
candidate affects with an empty capacity and direction ``'unclear'``, candidate
territories, quoted perspectives) and *prompts* a student answers.  The
procedure follows the proposal in the project's theory notes (flatten roles and
decompose the provider; promote resources; open the user sphere; each
interaction gives two candidate affects, one each way; propositions give an
expressive component and a candidate territory; value claims stay quoted
perspectives; co-destruction gives a candidate diminishing affect; spheres give
candidate territories; prompts for what service logic never records).

:func:`residue` reports, in both directions, what does not translate: what the
service map cannot express, and what the assemblage reading loses.
:func:`could_not_hold` turns the residue into the plain-text section "What this
tool could not hold" that ends every export.
"""
from __future__ import annotations

from dataclasses import dataclass

from vcc_helpers.model import (
    SPHERES, SUGGESTED_KINDS, Affect, AssemblageReading, Case, Relation, body_class,
)
from vcc_helpers.lenses import assemblage as _al
from vcc_helpers.lenses import service as _sl
from vcc_helpers.textdoc import Group, Report, Section

STEPS: tuple[str, ...] = (
    "flatten",            # 1 roles become history; the provider is taken apart
    "promote",            # 2 resources (and components with no role) become components
    "open-user-sphere",   # 3 what else is in the wider life?
    "interaction",        # 4 each interaction -> two candidate affects, one each way
    "unplaced-relation",  # 5 relations the service reading left out -> candidates too
    "proposition",        # 6 the carrier as expressive + a candidate territory
    "perspective",        # 7 value claims kept as quoted perspectives
    "co-destruction",     # 8 destruction -> a candidate diminishing affect
    "co-production",      # 9 co-production forms -> questions of labour and re-coding
    "sphere-territory",   # 10 spheres -> candidate territories: what draws each line?
    "never-recorded",     # 11 what service logic never records
)
"""The steps of the procedure, in the order :func:`reinterpret` runs them."""

PROVIDER_SIDE: frozenset[str] = frozenset({"provider", "frontline-staff", "resource"})
"""Service roles on the provider's side of the provider-user dyad (resources are the
provider's means of indirect interaction)."""

VALENCE_WORDS: dict[str, str] = {
    "creation": "value created", "destruction": "value destroyed",
    "mixed": "mixed value (some gained, some lost)", "dis/value": "dis/value",
}
"""How the residue names each valence of a claim: only destruction is called destroyed."""


def possessive(name: str) -> str:
    """The possessive of a name: ``"J's"``, but ``"Home care workers'"`` for a name ending in s.

    Examples
    --------
    >>> possessive("Her daughter, J"), possessive("Home care workers")
    ("Her daughter, J's", "Home care workers'")
    """
    return name + ("'" if name.endswith("s") else "'s")


@dataclass(frozen=True, slots=True)
class Prompt:
    """A question for the student, tied to ids in the case where possible."""

    step: str
    text: str
    ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DraftComponent:
    """A component of the draft: its old service roles kept only as history.

    ``lean`` is ``'material'``, ``'expressive'`` or ``''``: a hint where to start
    scoring DeLanda's first axis, never a score.
    """

    id: str
    label: str
    kinds: tuple[str, ...]
    was: tuple[str, ...]
    lean: str
    prompts: tuple[Prompt, ...]


@dataclass(frozen=True, slots=True)
class CandidateAffect:
    """A candidate affect: a question, not a claim.

    ``capacity`` is always empty and ``direction`` always ``'unclear'`` until a
    student fills them in; ``lean`` records what the service reading suggests
    (``'diminishes'`` where it records value destruction), for the student to
    accept or reject.
    """

    relation: str
    on: str
    by: str
    step: str
    prompt: str
    lean: str = ""
    capacity: str = ""
    direction: str = "unclear"
    tendency: str = "unclear"
    character: str = "unclear"


@dataclass(frozen=True, slots=True)
class CandidateTerritory:
    """A candidate territory: what the service reading's line-drawing suggests."""

    label: str
    near: tuple[str, ...]
    step: str
    prompt: str


@dataclass(frozen=True, slots=True)
class Perspective:
    """A value claim kept as a quoted perspective (whose account, about what)."""

    beneficiary: str
    claimed_by: str
    element: str
    valence: str
    note: str
    relation: str | None
    episode: str | None
    prompt: str


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft assemblage reading: candidates and prompts, never asserted affects."""

    case: str
    components: tuple[DraftComponent, ...]
    affects: tuple[CandidateAffect, ...]
    territories: tuple[CandidateTerritory, ...]
    perspectives: tuple[Perspective, ...]
    prompts: tuple[Prompt, ...]

    def questions(self) -> tuple[str, ...]:
        """Every prompt of the draft as plain text, in procedure order (see :data:`STEPS`).

        Examples
        --------
        >>> from vcc_helpers.lenses.examples import tiny_case
        >>> reinterpret(tiny_case()).questions()[1]
        'GP surgery is cast as the provider. Take it apart: which staff, buildings, forms, IT systems, budgets and rules act in its name here? Add each as a component.'
        """  # noqa: E501 (a doctest's expected output is one line)
        items: list[tuple[str, str]] = []
        for c in self.components:
            items.extend((p.step, p.text) for p in c.prompts)
        items.extend((a.step, a.prompt) for a in self.affects)
        items.extend((t.step, t.prompt) for t in self.territories)
        items.extend(("perspective", p.prompt) for p in self.perspectives)
        items.extend((p.step, p.text) for p in self.prompts)
        order = {s: i for i, s in enumerate(STEPS)}
        items.sort(key=lambda t: order.get(t[0], len(order)))  # stable: keeps order within a step
        return tuple(text for _, text in items)

    def to_reading(self) -> AssemblageReading:
        """The draft as an unanswered :class:`~vcc_helpers.model.AssemblageReading`.

        Every affect has an empty capacity and direction, tendency and character
        ``'unclear'`` (one per relation and component, without repeats); no
        territory, role score or line of flight is filled in.  Useful as the
        starting point of a case builder, never as a finding.

        Examples
        --------
        >>> from vcc_helpers.lenses.examples import tiny_case
        >>> r = reinterpret(tiny_case()).to_reading()
        >>> len(r.affects), {a.direction for a in r.affects}, {a.capacity for a in r.affects}
        (14, {'unclear'}, {''})
        """
        seen: set[tuple[str, str]] = set()
        affects = []
        for a in self.affects:
            if (a.relation, a.on) in seen:
                continue
            seen.add((a.relation, a.on))
            affects.append(Affect(a.relation, "", "unclear", "unclear", "unclear", on=a.on))
        return AssemblageReading(affects=tuple(affects),
                                 by="draft from the service reading (unanswered)")


@dataclass(frozen=True, slots=True)
class ResidueItem:
    """One thing that does not translate, tied to ids in the case where possible."""

    topic: str
    text: str
    ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Residue:
    """What each lens cannot hold of the other."""

    service_cannot_express: tuple[ResidueItem, ...]
    assemblage_loses: tuple[ResidueItem, ...]


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------


def _roles(case: Case, cid: str) -> tuple[str, ...]:
    return _sl._roles(case, cid)


class _Labels(dict):
    """Component id -> label; an unknown id is its own label (as :meth:`Case.label` does)."""

    def __missing__(self, key: str) -> str:
        return key


def _labeller(case: Case):
    """A fast label lookup for components (a bound ``dict.__getitem__``)."""
    return _Labels((c.id, c.label) for c in case.components).__getitem__


def _arrow(r: Relation, label=None) -> str:
    """A relation as a reader knows it: its two ends by label (ids only without *label*)."""
    if label is None:
        return f"{r.id} ({r.source} -> {r.target})"
    return f"{label(r.source)} → {label(r.target)}"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _rel(case: Case, rid: str, label) -> str:
    r = case._relations.get(rid)
    return _arrow(r, label) if r is not None else rid


def _quote(text: str) -> str:
    return f"'{text}'"


def _used_episodes(case: Case) -> list:
    """Episodes that have at least one relation, in episode order."""
    have = {r.episode for r in case.relations}
    return [e for e in case.episodes if e.id in have]


def _for(case: Case, beneficiary: str, claimed_by: str) -> str:
    return "the claimant" if beneficiary == claimed_by else case.label(beneficiary)


def _and(items: list[str] | tuple[str, ...]) -> str:
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


# --------------------------------------------------------------------------------------
# the draft
# --------------------------------------------------------------------------------------


def reinterpret(case: Case) -> Draft:
    """A draft assemblage reading of a case, made from its service reading.

    The draft is made of candidates and prompts; it never asserts an affect.
    The procedure (see :data:`STEPS`) improves on the one proposed in the theory
    notes in two ways: relations the service reading leaves out of every sphere
    also get candidate affects (they are where an assemblage reading should look
    first), and components the service reading gives no role are promoted with a
    prompt, like resources.

    1. *flatten*: service roles are kept only as history (``was``); the provider
       is to be taken apart into staff, buildings, forms, IT, budgets and rules.
    2. *promote*: resources, and components with no role, become ordinary
       components leaning material: "what can it do to others?".
    3. *open the user sphere*: for each user and each user-sphere interaction,
       "what else is in the wider life?".
    4. *interaction*: each interaction gives two candidate affects, one on each
       end ("ability to affect **and** be affected").
    5. *unplaced relation*: the same for relations placed in no sphere.
    6. *proposition*: the carrying component leans expressive, and the offer
       gives a candidate territory (whom does it include, whom leave out?).
    7. *perspective*: value claims stay quoted perspectives with a prompt
       "which arrangement produced this?".
    8. *co-destruction*: destruction (or mixed value) gives a candidate affect
       leaning ``'diminishes'`` on the beneficiary.
    9. *co-production*: each form asks whose labour it adds and whether it
       re-codes a rule.
    10. *sphere territory*: each sphere used gives a candidate territory: what
        draws its line here?
    11. *never recorded*: prompts for aggregating categories, relations between
        non-humans, lines of flight and their dangers, desire, change across
        episodes, the boundary, and the research assemblage itself.

    Parameters
    ----------
    case : Case
        A case with or without a service reading (without one, every relation
        is unplaced and every component has no role).

    Returns
    -------
    Draft
        Candidate affects always have an empty ``capacity`` and direction,
        tendency and character ``'unclear'``.

    See Also
    --------
    residue, Draft.questions, Draft.to_reading

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> d = reinterpret(tiny_case())
    >>> [(a.relation, a.on, a.step) for a in d.affects][:2]
    [('r1', 'mrs-a', 'interaction'), ('r1', 'phone-line', 'interaction')]
    >>> {a.capacity for a in d.affects}, {a.direction for a in d.affects}
    ({''}, {'unclear'})
    >>> [(a.relation, a.on, a.lean) for a in d.affects if a.step == "co-destruction"]
    [('r1', 'mrs-a', 'diminishes')]
    >>> [(c.id, c.was, c.lean) for c in d.components][3:5]
    [('phone-line', ('resource',), 'expressive'), ('triage-rule', ('resource',), 'material')]
    """
    sv = case.service
    label = _labeller(case)
    things = {c.id: body_class(c) == "thing" for c in case.components}
    comp_prompts: dict[str, list[Prompt]] = {c.id: [] for c in case.components}
    lean: dict[str, str] = {c.id: "" for c in case.components}
    prompts: list[Prompt] = []
    affects: list[CandidateAffect] = []
    terrs: list[CandidateTerritory] = []
    persp: list[Perspective] = []

    def add(cid: str, step: str, text: str) -> None:
        comp_prompts.setdefault(cid, []).append(Prompt(step, text, (cid,)))

    # 1 flatten, 2 promote
    if sv is None:
        prompts.append(Prompt("flatten", "This case has no service reading, so the draft starts "
                              "from the neutral description alone: every component and relation "
                              "is a candidate."))
    for c in case.components:
        roles = _roles(case, c.id)
        name = c.label
        if "provider" in roles:
            add(c.id, "flatten", f"{name} is cast as the provider. Take it apart: which staff, "
                "buildings, forms, IT systems, budgets and rules act in its name here? "
                "Add each as a component.")
        if "frontline-staff" in roles:
            add(c.id, "flatten", f"{name} is cast as front-line staff. Which rules, tools, "
                "targets and pressures act through them here?")
        if "user" in roles:
            add(c.id, "flatten", f"{name} is cast as the user. Here they are one component among "
                "the others, not the centre: what acts on them that the service never sees?")
        if "other-actor" in roles:
            add(c.id, "flatten", f"{name} is an 'other actor' in the service reading. Which "
                "relations pass through them without touching the provider?")
        if "resource" in roles:
            lean[c.id] = "material"
            add(c.id, "promote", f"{name} was a resource, something used. What can it do to "
                "others here, and what do others do to it?")
        elif sv is not None and not roles:
            add(c.id, "promote", f"The service reading gives {name} no role. What does it do "
                "in the arrangement?")

    # 3 open the user sphere
    spheres = _sl.sphere_table(case)
    for c in case.components:
        if "user" in _roles(case, c.id):
            prompts.append(Prompt("open-user-sphere", f"What else is in the wider life of "
                                  f"{c.label}: home, body, money, family, transport, pets, "
                                  "weather, time pressures? Add those that act here as components.",
                                  (c.id,)))
    for row in spheres:
        if row.sphere == "user":
            prompts.append(Prompt("open-user-sphere", f"{row.relation} ({row.source} -> "
                                  f"{row.target}: {_quote(row.does)}) sits in the user sphere, "
                                  "closed to the provider. What else takes part in it?",
                                  (row.relation,)))

    # 4 interactions, 5 unplaced relations: two candidate affects each
    def both_ways(r: Relation, step: str, note: str) -> None:
        src, tgt = label(r.source), label(r.target)
        affects.append(CandidateAffect(
            r.id, r.target, r.source, step,
            f"{r.id}{note}: what can {tgt} do, or no longer do, because {src} {r.does}?"))
        if r.target != r.source:
            affects.append(CandidateAffect(
                r.id, r.source, r.target, step,
                f"{r.id}, the other way: what does {tgt} do to what {src} can do here?"))

    for row in spheres:
        r = case._relations.get(row.relation)
        if r is not None:
            both_ways(r, "interaction", "")
    for rid in _sl.unplaced_relations(case):
        both_ways(case._relations[rid], "unplaced-relation",
                  " (in no sphere of the service reading)" if sv is not None else "")

    # 6 propositions
    for p in _sl.value_propositions(case):
        if p.carried_by and p.carried_by in lean:
            lean[p.carried_by] = "expressive"
            add(p.carried_by, "proposition", f"{p.carried_by_label} carries the proposition "
                f"{_quote(p.offer)}. What does it say, to whom, and what does it make others "
                "able or unable to do?")
            near = tuple(dict.fromkeys(x for x in (p.carried_by, p.to) if x))
        else:
            prompts.append(Prompt("proposition", f"Nothing is named as carrying "
                                  f"{_quote(p.offer)}. What carries it: a leaflet, a web page, "
                                  "a rule, a person's words?", (p.by, p.to)))
            near = tuple(dict.fromkeys(x for x in (p.by, p.to) if x))
        terrs.append(CandidateTerritory(
            f"Who {_quote(p.offer)} includes", near, "proposition",
            f"Who and what does {_quote(p.offer)} include, and whom does it leave out? "
            "What holds that line in place?"))

    # 7 perspectives
    if sv is not None:
        for v in sv.value:
            r = case._relations.get(v.relation) if v.relation else None
            persp.append(Perspective(
                v.beneficiary, v.claimed_by, v.element, v.valence, v.note, v.relation,
                v.episode or (r.episode if r else None),
                f"{label(v.claimed_by)} claims {VALENCE_WORDS.get(v.valence, v.valence)} "
                f"for {_for(case, v.beneficiary, v.claimed_by)} ({v.element}). Which arrangement "
                "of components produced this, and what capacity does it name?"))

    # 8 co-destruction
    for d in _sl.destruction_points(case):
        r = case._relations.get(d.relation) if d.relation else None
        lean_dir = "" if d.valence == "dis/value" else "diminishes"
        what = VALENCE_WORDS.get(d.valence, d.valence)
        if r is not None:
            by = r.target if d.beneficiary == r.source and r.source != r.target else r.source
            affects.append(CandidateAffect(
                r.id, d.beneficiary, by, "co-destruction",
                f"{label(d.claimed_by)} reports {what} for "
                f"{_for(case, d.beneficiary, d.claimed_by)} in "
                f"{r.id}. What capacity did this arrangement diminish, and is it also loosening "
                "(deterritorialising) a routine?", lean=lean_dir))
        else:
            whom = _for(case, d.beneficiary, d.claimed_by)
            prompts.append(Prompt("co-destruction", f"{label(d.claimed_by)} reports value "
                                  f"{what} for {whom}, tied to no relation. Which relations did "
                                  "it, and what capacity did they diminish?", (d.beneficiary,)))

    # 9 co-production forms
    for fc in _sl.coproduction_profile(case):
        for rid in fc.relations:
            if fc.form in ("co-design", "co-innovation", "co-construction"):
                text = (f"{rid} is read as {fc.form}. Did it change a rule, a form or a code "
                        "(decoding and recoding)? What reterritorialises afterwards?")
            else:
                text = (f"{rid} is read as {fc.form}. Whose labour does it add, and what does "
                        "that make them able or unable to do?")
            prompts.append(Prompt("co-production", text, (rid,)))

    # 10 spheres -> candidate territories
    index = {c.id: i for i, c in enumerate(case.components)}
    for sphere in SPHERES:
        rows = [row for row in spheres if row.sphere == sphere]
        if not rows:
            continue
        nearby = sorted({x for row in rows for x in (row.source, row.target) if x in index},
                        key=index.__getitem__)
        terrs.append(CandidateTerritory(
            f"The {sphere} sphere", tuple(nearby), "sphere-territory",
            f"The service reading draws a line around the {sphere} sphere. What draws it "
            "here: a door, a counter, a login, an eligibility test, a queue? Is it a "
            "territory the components hold, or only a region of the diagram?"))

    # 11 what service logic never records
    categories = [c for c in case.components if {"category", "rule"} & set(c.kinds)]
    for c in categories:
        prompts.append(Prompt("never-recorded", f"Does {c.label} treat many bodies alike "
                              "(aggregating) or one body at a time (singular)? Which relations "
                              "carry it?", (c.id,)))
    if not categories:
        prompts.append(Prompt("never-recorded", "Which relations treat many bodies alike "
                              "(aggregating: a category, a standard visit, a queue), and which "
                              "touch one body only (singular)?"))
    for r in case.relations:
        if things.get(r.source) and things.get(r.target):
            prompts.append(Prompt("never-recorded", f"{_arrow(r, label)} joins two "
                                  "things. What "
                                  f"does it do to what {label(r.target)} can do, and does it "
                                  "reach a person later?", (r.id,)))
    prompts.append(Prompt("never-recorded", "Where does someone or something leave the route "
                          "the service expects (a line of flight)? Name the danger on that line, "
                          "and what captures it again."))
    prompts.append(Prompt("never-recorded", "What does the arrangement keep producing, "
                          "whoever wants it? Note desire on the arrangement, never on a person."))
    used = _used_episodes(case)
    if len(used) > 1:
        prompts.append(Prompt("never-recorded", f"Does the arrangement hold from "
                              f"{_quote(used[0].label)} to {_quote(used[-1].label)}? Which "
                              "capacities change between episodes?", tuple(e.id for e in used)))
    prompts.append(Prompt("never-recorded", "Where do you draw the boundary of the assemblage, "
                          "and what do you leave out?"))
    prompts.append(Prompt("never-recorded", "You, this package, the course and your sources are "
                          "components too. What does this mapping make visible, and what does it "
                          "sort and group away?"))

    comps = tuple(DraftComponent(c.id, c.label, tuple(c.kinds), _roles(case, c.id), lean[c.id],
                                 tuple(comp_prompts[c.id])) for c in case.components)
    order = {s: i for i, s in enumerate(STEPS)}
    prompts.sort(key=lambda p: order[p.step])
    return Draft(case.id, comps, tuple(affects), tuple(terrs), tuple(persp), tuple(prompts))


# --------------------------------------------------------------------------------------
# the residue, both ways
# --------------------------------------------------------------------------------------

GENERAL_SERVICE_CANNOT_EXPRESS: tuple[ResidueItem, ...] = (
    ResidueItem("general", "Capacities that belong to the arrangement as a whole: service logic "
                "locates value in what actors (users, staff, other actors) make of resources, "
                "not in what a set of components can do together."),
    ResidueItem("general", "Non-humans as co-components: service logic's actors are human. Rules "
                "and categories do enter the service reading, as institutions that coordinate "
                "value co-creation (S-D logic's fifth axiom), but things, places, times and "
                "weather appear as resources or as context, not as bodies that act."),
    ResidueItem("general", "Roles that change: a service reading fixes who provides and who "
                "uses for the whole reading, where an assemblage lets a component's role vary "
                "from one episode to the next."),
)
"""Items :func:`residue` adds to ``service_cannot_express`` for every case (a fourth, on
supple lines, is added when the reading records none of its own)."""

SUPPLE_GENERAL = ResidueItem(
    "general", "Small shifts inside a routine that never become an interaction (supple, "
    "molecular lines) have no place on the sphere diagram.")
"""Added to ``service_cannot_express`` when the assemblage reading records no molecular line."""

GENERAL_ASSEMBLAGE_LOSES: tuple[ResidueItem, ...] = (
    ResidueItem("general", "A single duty-holder: service logic names a provider who must act and "
                "can be held to account. An assemblage spreads action across components; "
                "responsibility can still be traced along them (a problem of many hands), but "
                "no one is singled out as the one who must answer."),
    ResidueItem("general", "A privileged judge of 'was this good for the user?': the assemblage "
                "reading evaluates from within (each affect enhances or diminishes what a body "
                "can do), but no standpoint outranks the others, and the user's verdict is one "
                "perspective among several."),
    ResidueItem("general", "The user's own voice as the judge of value: in service logic the "
                "user determines value-in-use; an assemblage reading gives no subject that final "
                "say."),
    ResidueItem("general", "Managerial levers with an owner: propositions, touchpoints and "
                "spheres point a named manager to what can be redesigned; affects and "
                "territories point to what holds a line in place, which is often no one's to "
                "change alone."),
    ResidueItem("general", "A common metric: elements of value and satisfaction can be counted "
                "and compared across services and years. Affects carry a direction and "
                "aggregating affects can be traced across cases, but they have no common unit "
                "to add up."),
    ResidueItem("general", "A shared language with managers, commissioners and regulators, who "
                "already speak of users, providers and value."),
)
"""Items :func:`residue` adds to ``assemblage_loses`` for every case."""

INSTITUTION_KINDS: frozenset[str] = frozenset({"rule", "category"})
"""Component kinds a steelmanned service reading holds as institutions (S-D logic, axiom 5)."""


def _institutions(case: Case) -> set[str]:
    """Components the service reading can hold as institutions: those it casts as
    ``institution``, and rules and categories it casts as resources or gives no role."""
    out = set()
    for c in case.components:
        roles = set(_roles(case, c.id))
        if "institution" in roles or (INSTITUTION_KINDS & set(c.kinds)
                                      and roles <= {"resource", "other", "institution"}):
            out.add(c.id)
    return out


def _ids_text(rids: list[str], limit: int = 4) -> str:
    shown = rids[:limit]
    more = f" and {len(rids) - limit} more" if len(rids) > limit else ""
    return ", ".join(shown) + more


def _service_cannot_express(case: Case, spheres, rows) -> list[ResidueItem]:
    """What still does not fit after the service reading is read at full strength.

    The steelman: every relation in the user's life sits in the user sphere (value-in-use,
    with whoever takes part in it); the provider's own work sits in the provider sphere;
    rules and categories are institutions inside the service reading (axiom 5); staff and
    other actors are actors with value of their own (the actor-to-actor view).  What is
    reported is what remains: relations left in no sphere, ends the reading gives no role,
    what things do to each other and to people, capacities of things, aggregating forces
    that are not institutions, supple lines and lines of flight, territories, change and
    desire.
    """
    out: list[ResidueItem] = []
    label = _labeller(case)
    cls = {c.id: body_class(c) for c in case.components}
    sv = case.service
    placed = {row.relation: row for row in spheres}
    by_rel: dict[str, list[_al.AffectRow]] = {}
    for a in rows:
        by_rel.setdefault(a.relation, []).append(a)
    institutions = _institutions(case)

    def caps(rid: str) -> list[str]:
        return [a.capacity for a in by_rel.get(rid, ()) if a.capacity]

    if sv is None:
        out.append(ResidueItem("no-reading", "The case has no service reading, so nothing here "
                               "is placed in a sphere at all."))

    # relations between two things (composites are counted apart, and are actors here)
    for r in case.relations:
        if cls.get(r.source) == "thing" and cls.get(r.target) == "thing":
            if r.id in placed:
                if r.source in institutions or r.target in institutions:
                    held = (f"service logic holds it ({placed[r.id].sphere} sphere) as an "
                            "institution shaping the use of a resource")
                else:
                    held = (f"service logic holds it ({placed[r.id].sphere} sphere) as a "
                            "resource being prepared or used")
                text = f"{_arrow(r, label)} joins two things: {held}, not as one thing acting " \
                       "on another."
            else:
                text = (f"{_arrow(r, label)} joins two things: this service reading places "
                        "it in no sphere; service logic could file it at most in the provider "
                        "sphere, as a resource being prepared, not as one thing acting on "
                        "another.")
            got = caps(r.id)
            if r.id in placed and not got:
                continue  # held, and the assemblage reading adds nothing of its own
            if got:
                text += " The assemblage reading records: " + "; ".join(map(_quote, got)) + "."
            out.append(ResidueItem("non-human", text, (r.id, r.source, r.target)))

    # relations with an actor end the service reading cannot place
    if sv is not None:
        for r in case.relations:
            ends = (r.source, r.target)
            if not any(cls.get(x) in ("person", "composite") for x in ends):
                continue
            if r.id not in placed:
                out.append(ResidueItem("bypass", f"{_arrow(r, label)}, {_quote(r.does)}: the "
                                       "service reading leaves it out of every sphere, although "
                                       "a person or an organisation takes part.", (r.id,)))
                continue
            roleless = [x for x in dict.fromkeys(ends)
                        if cls.get(x) in ("person", "composite") and not _roles(case, x)]
            if roleless:
                who = _and([label(x) for x in roleless])
                out.append(ResidueItem("bypass", f"{_arrow(r, label)}, {_quote(r.does)}: the "
                                       f"service reading gives {who} no role, so it sits in the "
                                       f"{placed[r.id].sphere} sphere without an actor of its "
                                       "own at that end.", (r.id, *roleless)))

        # a thing acting on a person inside a sphere: held as context, the act itself is not
        acting: dict[str, list[str]] = {}
        for r in case.relations:
            if (r.id in placed and cls.get(r.source) == "thing" and r.source not in institutions
                    and cls.get(r.target) in ("person", "composite") and caps(r.id)):
                acting.setdefault(r.source, []).append(r.id)
        if acting:
            named = [f"{label(t)} ({_ids_text(rids)}: {_quote(caps(rids[0])[0])})"
                     for t, rids in acting.items()]
            all_ids = tuple(x for t, rids in acting.items() for x in (t, *rids))
            n = sum(len(rids) for rids in acting.values())
            out.append(ResidueItem("bypass", f"Things act on people in "
                                   f"{_plural(n, 'relation')}: {'; '.join(named)}. Service logic "
                                   "holds each in its sphere, as a resource the provider made or "
                                   "as the context of someone's value creation; what it does not "
                                   "record is what the thing itself does to them.", all_ids))

    # capacities of things (actors' capacities have a place in the actor-to-actor view)
    thing_caps: dict[str, list[_al.AffectRow]] = {}
    for a in rows:
        if a.on and a.capacity and cls.get(a.on) == "thing":
            thing_caps.setdefault(a.on, []).append(a)
    for cid, held_rows in thing_caps.items():
        rids = list(dict.fromkeys(a.relation for a in held_rows))
        out.append(ResidueItem("capacity", f"What {label(cid)} can do changes "
                               f"({_ids_text(rids)}: {_quote(held_rows[0].capacity)}): service "
                               "logic counts value for actors, so the capacities of a thing "
                               "have no place.", (cid, *rids)))
    if sv is not None:
        beneficiaries = {p.component for p in _sl.who_benefits(case)}
        for a in rows:
            if (a.on and a.capacity and cls.get(a.on) in ("person", "composite")
                    and a.on not in beneficiaries and not _roles(case, a.on)):
                out.append(ResidueItem("capacity", f"{label(a.source)} → {label(a.target)} "
                                       f"changes what {label(a.on)} can do "
                                       f"({_quote(a.capacity)}): the service reading gives "
                                       f"{label(a.on)} no role, so this has no actor to belong "
                                       "to.", (a.relation, a.on)))

    # aggregating forces that are not institutions
    agg: dict[str, list[str]] = {}
    for a in rows:
        if a.character == "aggregating":
            by = a.by or a.source
            if by in institutions or cls.get(by) in ("person", "composite"):
                continue  # an institution inside the service reading, or an actor applying one
            agg.setdefault(by, [])
            if a.relation not in agg[by]:
                agg[by].append(a.relation)
    on_cards = {x for row in spheres for x in (row.source, row.target)}
    for by, rids in agg.items():
        roles = _roles(case, by)
        seen_as = (f"holds {label(by)} as {_and(list(roles))}" if roles
                   else f"gives {label(by)} no role" if by in on_cards
                   else f"does not see {label(by)}")
        out.append(ResidueItem("aggregating", f"{label(by)} treats many bodies alike "
                               f"({_ids_text(rids)}): service logic {seen_as}, something "
                               "prepared or used, not a rule actors share (an institution) and "
                               "not a force that sorts bodies by itself.", (by, *rids)))
    for c in case.components:
        if ("category" in c.kinds and c.id not in institutions and c.id not in agg
                and case.relations_of(c.id)):
            out.append(ResidueItem("aggregating", f"{c.label} is a category that takes part in "
                                   f"{_plural(len(case.relations_of(c.id)), 'relation')}, and the "
                                   "service reading casts it as an actor, not as an institution "
                                   "that sorts bodies.", (c.id,)))

    # supple lines and lines of flight (molar lines are what a service reading does hold)
    flights = _al.lines_of_flight(case)
    for f in flights:
        where = f" ({f.episode_label})" if f.episode else ""
        toward = f" toward {_quote(f.toward)}" if f.toward else ""
        if f.line == "molar":
            continue
        if f.line == "molecular":
            out.append(ResidueItem("line-of-flight", f"The supple line from {_quote(f.source)}"
                                   f"{toward}{where} is a crack inside a segment: a service "
                                   "reading sees at most the interaction in which it shows, not "
                                   "the shift itself.", (f.episode,) if f.episode else ()))
            continue
        capture = (f"its capture by {_quote(f.captured_by)}" if f.captured
                   else "the fact that nothing yet captures it")
        out.append(ResidueItem("line-of-flight", f"The line of flight from {_quote(f.source)}"
                               f"{toward}{where}, with its danger and {capture}, has no place on "
                               "a sphere diagram: a service reading can record an exit from the "
                               "service, not a rupture that changes what the arrangement is.",
                               (f.episode,) if f.episode else ()))

    # territories drawn by components
    terrs = list(_al.territories(case))
    if terrs:
        named = [f"{_quote(t.label)} (drawn by {_and(list(t.drawn_by_labels))})" if t.drawn_by
                 else _quote(t.label) for t in terrs]
        drawn = tuple(dict.fromkeys(x for t in terrs for x in t.drawn_by))
        out.append(ResidueItem("territory", f"{_plural(len(terrs), 'territory', 'territories')}: "
                               f"{_and(named)}. Spheres are spheres of activity, sorted by who "
                               "acts; a territory is a line that components, things among them, "
                               "draw and redraw.", drawn))

    # change across episodes
    used = _used_episodes(case)
    if len(used) > 1:
        out.append(ResidueItem("change", f"The case runs over {len(used)} episodes "
                               f"({_and([_quote(e.label) for e in used])}); a sphere diagram "
                               "shows one arrangement, not how it changes.",
                               tuple(e.id for e in used)))
    per: dict[str, dict[str, list[str]]] = {}
    for a in rows:
        if a.episode is not None and a.direction in ("enhances", "diminishes"):
            per.setdefault(a.on, {}).setdefault(a.episode, []).append(a.direction)
    cindex = {c.id: i for i, c in enumerate(case.components)}
    words = {frozenset({"enhances"}): "enhanced", frozenset({"diminishes"}): "diminished",
             frozenset({"enhances", "diminishes"}): "enhanced and diminished"}
    for cid in sorted(per, key=lambda c: (cindex.get(c, len(cindex)), c)):
        eps = {e: frozenset(ds) for e, ds in per[cid].items()}
        if len(eps) > 1 and len(set(eps.values())) > 1:
            parts = [f"{words[d]} in {_quote(_al.episode_label(case, e))}"
                     for e, d in eps.items()]
            out.append(ResidueItem("change", f"What {label(cid)} can do changes across episodes: "
                                   f"{_and(parts)}.", (cid, *eps)))

    # desire
    for note in case.assemblage.desire if case.assemblage else ():
        out.append(ResidueItem("desire", f"Desire: {_quote(note)} Service logic has no place for "
                               "what an arrangement keeps producing."))
    out.extend(GENERAL_SERVICE_CANNOT_EXPRESS)
    if not any(f.line == "molecular" for f in flights):
        out.append(SUPPLE_GENERAL)
    return out


def _assemblage_loses(case: Case, spheres) -> list[ResidueItem]:
    out: list[ResidueItem] = []
    label = _labeller(case)
    sv = case.service
    n = len(case.components)
    for p in _sl.who_provides(case):
        if "provider" in p.roles:
            out.append(ResidueItem("accountability", f"{p.label} is the provider in the service "
                                   "reading, answerable for the service; the assemblage map "
                                   f"spreads action across {n} components, where responsibility "
                                   "can be traced but no single duty-holder is named.",
                                   (p.component,)))
    for d in _sl.destruction_points(case):
        where = f" ({_rel(case, d.relation, label)})" if d.relation else ""
        whom = _for(case, d.beneficiary, d.claimed_by)
        out.append(ResidueItem("accountability", f"{possessive(label(d.claimed_by))} claim of "
                               f"{VALENCE_WORDS.get(d.valence, d.valence)} for {whom}{where} "
                               "asks who should put it right; an affect records what changed, "
                               "not who must answer for it.",
                               tuple(x for x in (d.relation, d.beneficiary) if x)))
    if sv is not None:
        for v in sv.value:
            note = f": {_quote(v.note)}" if v.note else ""
            ids = tuple(x for x in (v.beneficiary, v.relation) if x)
            if v.claimed_by == v.beneficiary:
                out.append(ResidueItem("voice", f"{label(v.beneficiary)} makes a claim about "
                                       f"their own value ({v.element}, {v.valence}{note}). "
                                       "The assemblage reading keeps this as one perspective "
                                       "among components and does not let it settle whether "
                                       "this was good for the claimant.", ids))
            else:
                out.append(ResidueItem("evaluation", f"{label(v.claimed_by)} claims "
                                       f"{VALENCE_WORDS.get(v.valence, v.valence)} for "
                                       f"{label(v.beneficiary)} ({v.element}). Service logic can "
                                       "test this claim against the user's own; the assemblage "
                                       "reading keeps both as perspectives and gives neither the "
                                       "last word.", ids))
    for vp in _sl.value_propositions(case):
        carrier = (f"a territory drawn by {vp.carried_by_label}" if vp.carried_by
                   else "a territory")
        out.append(ResidueItem("levers", f"The proposition {_quote(vp.offer)} ({vp.by_label} to "
                               f"{vp.to_label}) is something a manager can change and promise; "
                               f"read as {carrier} it is held in place by several components "
                               "at once, none of them its single owner.",
                               tuple(x for x in (vp.by, vp.to, vp.carried_by) if x)))
    own = [row.relation for row in spheres if row.sphere == "provider"]
    if own:
        verb, it, rel = (("sits", "it", "one relation") if len(own) == 1
                         else ("sit", "them", "relations"))
        named = [_rel(case, x, label) for x in own[:3]]
        if len(own) > 3:
            named.append(f"{len(own) - 3} more")
        out.append(ResidueItem("levers", f"{_and(named)} {verb} in the provider sphere: service "
                               f"logic points to {it} as the provider's own processes to "
                               f"redesign; the assemblage reading treats {it} as {rel} "
                               "among others.", tuple(own)))
    if sv is not None and sv.value:
        by_el = _sl.value_claims(case, by="element")
        counts = ", ".join(f"{k} {len(v)}" for k, v in by_el.items())
        out.append(ResidueItem("metrics", f"The service reading sorts "
                               f"{_plural(len(sv.value), 'value claim')} by element of "
                               f"value ({counts}), which can be counted and compared across "
                               "services; affects carry a direction but no common unit."))
    for fc in _sl.coproduction_profile(case):
        rels = _and([_rel(case, x, label) for x in fc.relations])
        out.append(ResidueItem("co-production", f"{fc.form} ({rels}) names "
                               "who takes part and how; the assemblage reading dissolves this "
                               "into affects, with no ladder of participation.",
                               tuple(fc.relations)))
    out.extend(GENERAL_ASSEMBLAGE_LOSES)
    return out


def residue(case: Case) -> Residue:
    """What the service map cannot express, and what the assemblage reading loses.

    Both reports are computed from the case (each item tied to ids where
    possible) and end with general items that hold for every case
    (:data:`GENERAL_SERVICE_CANNOT_EXPRESS`, :data:`GENERAL_ASSEMBLAGE_LOSES`).
    The trade-off runs both ways: neither lens wins.

    The service reading is read at full strength first (issue 18): every relation in the
    user's life belongs to the user sphere, the provider's own work to the provider
    sphere, rules and categories are institutions inside the service reading (S-D
    logic's fifth axiom), and staff and other actors have value of their own (the
    actor-to-actor view).  Only what still does not fit is reported.

    ``service_cannot_express`` topics, in order: ``no-reading``, ``non-human``
    (relations joining two things; composites such as organisations and teams are
    counted apart, see :func:`~vcc_helpers.model.body_class`), ``bypass`` (relations
    with a person or composite end that the reading leaves in no sphere or gives no
    role, and things acting on people), ``capacity`` (capacities of things, and of
    actors with no role), ``aggregating`` (forces that are not institutions),
    ``line-of-flight`` (supple lines and lines of flight; molar lines are what a
    service reading holds), ``territory``, ``change`` (across episodes), ``desire``,
    ``general``.

    ``assemblage_loses`` topics, in order: ``accountability``, ``voice`` /
    ``evaluation`` (each value claim), ``levers``, ``metrics``,
    ``co-production``, ``general``.

    Parameters
    ----------
    case : Case

    Returns
    -------
    Residue

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> res = residue(tiny_case())
    >>> print(res.service_cannot_express[0].text)
    Rain → Number 7 bus joins two things: this service reading places it in no sphere; service logic could file it at most in the provider sphere, as a resource being prepared, not as one thing acting on another. The assemblage reading records: 'can no longer keep to its timetable'.
    >>> [i.topic for i in res.assemblage_loses][:3]
    ['accountability', 'accountability', 'voice']
    """  # noqa: E501 (a doctest's expected output is one line)
    spheres = _sl.sphere_table(case)
    rows = _al.affect_rows(case)
    return Residue(tuple(_service_cannot_express(case, spheres, rows)),
                   tuple(_assemblage_loses(case, spheres)))


STANDING_NOTE = (
    "A note on this tool. The package copies a case into a fixed set of boxes. That copy is a "
    "tracing: it is useful only when it pushes you to draw your own map of the case. The boxes "
    "are a scaffold, not the theory, and a careful assemblage analysis will usually find some "
    "part of the case that does not fit one of them. Write down where that happened and why. "
    "The tool is also part of the research: like any method, it sorts and groups what it "
    "records, and so shapes what can be seen."
)
"""The standing note that ends :func:`could_not_hold` (a paraphrase of the theory notes, §3.6)."""


def _unclassified(case: Case) -> list[str]:
    out = []
    suggested = set(SUGGESTED_KINDS) - {"other"}
    for c in case.components:
        own = [k for k in c.kinds if k not in suggested]
        if not c.kinds:
            out.append(f"{c.label} has no kind.")
        elif own:
            out.append(f"{c.label} is described in its own words: {', '.join(own)}.")
    for a in _al.affect_rows(case):
        open_ = [f for f in ("direction", "tendency", "character")
                 if getattr(a, f) in ("unclear", "ambivalent")]
        if open_:
            which = ", ".join(f"{f} {getattr(a, f)}" for f in open_)
            on = "" if a.on == a.target else f" (on {case.label(a.on)})"
            out.append(f"The affect {case.label(a.source)} → {case.label(a.target)}{on}: "
                       f"{which}.")
    return out


def _capped(items: list[str], limit: int | None, what: str) -> list[str]:
    if limit is None:
        limit = len(items)
    lines = [f"- {t}" for t in items[:limit]]
    if len(items) > limit:
        lines.append(f"- ... and {len(items) - limit} more {what}.")
    return lines


def could_not_hold(case: Case, limit: int | None = 5) -> str:
    """The plain-text section "What this tool could not hold" for a case.

    Built from :func:`residue` (at most *limit* items per topic, with a count
    of the rest), the items left unclassified (own-word kinds, unclear or
    ambivalent affects: often where the analysis is most interesting), and a
    standing note that the package is a tracing device used to provoke mapping.
    Every export ends with it.  Deterministic.

    Parameters
    ----------
    case : Case
    limit : int or None, optional
        Items shown per topic (default 5; ``None``: all).

    Returns
    -------
    str
        Plain text (no markup), ending with a newline.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> text = could_not_hold(tiny_case())
    >>> print(text.splitlines()[0])
    What this tool could not hold
    >>> "Rain → Number 7 bus joins two things" in text, "tracing" in text
    (True, True)
    """
    return residue_report(case, limit).text(
        limit, more=lambda rest, g: (f"- ... and {rest} more "
                                     + ("left unclassified." if g.heading == "unclassified"
                                        else f"of this kind ({g.heading}).")))


TOPIC_TITLES: dict[str, str] = {
    "no-reading": "No reading", "non-human": "Relations between two things",
    "bypass": "Relations the service reading cannot place",
    "capacity": "Capacities of things, and of components with no role",
    "aggregating": "Aggregating forces", "line-of-flight": "Lines of flight",
    "territory": "Territories", "change": "Change across episodes", "desire": "Desire",
    "accountability": "Accountability", "voice": "The user's own voice",
    "evaluation": "Evaluation", "levers": "Levers for managers", "metrics": "Metrics",
    "co-production": "Co-production", "general": "In general",
    "unclassified": "Left unclassified",
}
"""Headings of the residue topics in a :func:`residue_report`."""


def residue_report(case: Case, limit: int | None = 3) -> Report:
    """The residue both ways as a document: the book shows it as HTML, the CLI as text.

    Sections for what the service map cannot express, what the assemblage
    reading loses and what was left unclassified; in each, one short list per
    topic (at most *limit* items shown, the rest folded into "all N"), then
    the standing note.  Its ``str`` is the full plain text;
    :func:`could_not_hold` is its capped text.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> r = residue_report(tiny_case())
    >>> [s.heading for s in r.sections][:2]
    ['What the service map cannot express:', 'What the assemblage reading loses:']
    >>> "<h3>What this tool could not hold</h3>" in r._repr_html_()
    True
    """
    res = residue(case)

    def groups(items) -> list[Group]:
        topics: dict[str, list[str]] = {}
        for it in items:
            topics.setdefault(it.topic, []).append(it.text)
        return [Group(t, texts, title=TOPIC_TITLES.get(t, t)) for t, texts in topics.items()]

    sections = [Section("What the service map cannot express:",
                        groups=groups(res.service_cannot_express)),
                Section("What the assemblage reading loses:",
                        groups=groups(res.assemblage_loses))]
    open_items = _unclassified(case)
    if open_items:
        sections.append(Section("Left unclassified (often where the analysis is most "
                                "interesting):", groups=[Group("unclassified", open_items,
                                                               title="")]))
    report = Report("What this tool could not hold", sections,
                    subtitle=f"Case: {case.title} ({case.id})", note=STANDING_NOTE, limit=limit,
                    html_subtitle=f"Case: {case.title}")
    for s in report.sections:
        for g in s.groups:
            if g.heading == "general":
                g.limit = len(g.items)  # the general items are always shown whole
    return report



