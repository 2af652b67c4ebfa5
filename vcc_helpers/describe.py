"""Plain-language descriptions of a case as each lens shows it.

These texts are the accessible side of every figure: :func:`alt_text` is the
short alternative (at most :data:`ALT_MAX` characters) saying what a figure
shows, :func:`long_description` names every component and relation the figure
shows, episode by episode, and :func:`describe_case` adds the residue reports.
All are plain text (labels are never markup) and deterministic.

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> print(alt_text(tiny_case(), "assemblage"))
Assemblage map of 'A morning trying to see a GP': 5 affects drawn as arcs. Most fall on Mrs A: 3, 2 of them diminishing. 1 line of flight in the table.
"""  # noqa: E501 (a doctest's expected output is one line)
from __future__ import annotations

from vcc_helpers.lenses import assemblage as al
from vcc_helpers.lenses import reinterpret as ri
from vcc_helpers.lenses import service as sl
from vcc_helpers.model import SPHERES, SUGGESTED_KINDS, SUGGESTED_SERVICE_ROLES, Case, Component

LENSES: tuple[str, ...] = ("service", "assemblage")
"""The lenses a description can be written for."""

VIEWS: tuple[str, ...] = ("map", "strip")
"""``map``: the sphere diagram or assemblage map; ``strip``: the episode strip."""

ALT_MAX = 250
"""The longest alt text :func:`alt_text` returns."""

AGGREGATE_ABOVE = 150
"""Past this many components the figures are drawn aggregated: the assemblage map by
kind, the sphere diagram by role within each sphere."""

TENDENCY_MARKS: dict[str, str] = {
    "territorialising": "T", "deterritorialising": "D", "reterritorialising": "R",
    "ambivalent": "A", "unclear": "?",
}
"""The text mark that repeats each tendency's colour on the assemblage map."""

SPHERE_NAMES: dict[str | None, str] = {
    "provider": "Provider sphere", "joint": "Joint sphere", "user": "User sphere",
    None: "Not placed by the service reading",
}
"""Column names of the sphere diagram."""


def primary_kind(component: Component) -> str:
    """The kind a figure marks a component by: its first suggested kind, else ``'other'``.

    Examples
    --------
    >>> primary_kind(Component("k", "Key safe", ("my-word", "thing")))
    'thing'
    >>> primary_kind(Component("x", "Something"))
    'other'
    """
    for k in component.kinds:
        if k in SUGGESTED_KINDS:
            return k
    return "other"


def aggregated(case: Case) -> bool:
    """True when the figures of *case* are drawn aggregated.

    That is, when it has more than :data:`AGGREGATE_ABOVE` components: the
    assemblage map then shows one node per kind, the sphere diagram one node
    per role in each sphere (:func:`sphere_groups`).
    """
    return len(case.components) > AGGREGATE_ABOVE


MAP_LABELLED_MAX = 60
"""Past this many components the assemblage map is drawn by kind (labels in its table twin)."""

AGGREGATE_LINKS = 24
"""The aggregated sphere diagram draws at most this many links between role groups."""

NO_ROLE = "no role"
"""The group of components the service reading gives no role."""


def sphere_groups(case: Case) -> dict[tuple[str | None, str], list[str]]:
    """Components grouped as the aggregated sphere diagram draws them: by sphere, then role.

    A component's sphere is the one
    :func:`~vcc_helpers.lenses.service.component_spheres` gives it (``None``:
    not placed) and its role is its first role in the service reading: one of
    the suggested roles, ``'other'`` for a reader's own word (so a sphere never
    holds more than seven groups), else :data:`NO_ROLE`.

    Returns
    -------
    dict
        ``(sphere, role)`` -> component ids in file order; spheres in the order
        provider, joint, user, not placed; roles in the suggested order, then
        :data:`NO_ROLE`.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> for key, ids in sphere_groups(tiny_case()).items():
    ...     print(key, ids)
    ('provider', 'provider') ['surgery']
    ('provider', 'resource') ['triage-rule']
    ('joint', 'frontline-staff') ['receptionist']
    ('joint', 'resource') ['phone-line']
    ('user', 'user') ['mrs-a']
    ('user', 'other-actor') ['daughter']
    ('user', 'no role') ['bus']
    (None, 'no role') ['rain']
    """
    place = sl.component_spheres(case)
    groups: dict[tuple[str | None, str], list[str]] = {}
    role_rank = {r: i for i, r in enumerate((*SUGGESTED_SERVICE_ROLES, NO_ROLE))}
    for c in case.components:
        roles = sl._roles(case, c.id)
        role = (roles[0] if roles[0] in role_rank else "other") if roles else NO_ROLE
        groups.setdefault((place[c.id], role), []).append(c.id)
    sphere_rank = {s: i for i, s in enumerate((*SPHERES, None))}
    return {k: groups[k] for k in sorted(groups, key=lambda k: (sphere_rank[k[0]],
                                                                  role_rank[k[1]]))}


def _check(lens: str, view: str = "map") -> None:
    if lens not in LENSES:
        raise ValueError(f"lens must be one of {', '.join(LENSES)}; got {lens!r}")
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}; got {view!r}")


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _stop(text: str) -> str:
    """*text* as a sentence: a full stop added unless it already ends in one (or ! or ?).

    Examples
    --------
    >>> _stop("downstairs."), _stop("downstairs")
    ('downstairs.', 'downstairs.')
    """
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?", ".'", '."', "…")) else text + "."


def _clip(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: max(n - 1, 0)].rstrip() + "…"


def _title_in(head: str, title: str) -> str:
    # The head's first "{title}" is the placeholder. Never str.format: the rest of the head
    # can hold a reader's label, and a label is text, not a format string.
    return head.replace("{title}", title, 1)


def _fit(head: str, title: str, parts: list[str]) -> str:
    """Join head (with {title}) and parts, dropping trailing parts and clipping the title to fit."""
    for keep in range(len(parts), -1, -1):
        body = " ".join(parts[:keep])
        fixed = len(_title_in(head, "")) + (1 + len(body) if body else 0)
        room = ALT_MAX - fixed
        if room >= min(len(title), 20):
            text = _title_in(head, _clip(title, room)) + (" " + body if body else "")
            if len(text) <= ALT_MAX:
                return text
    return _clip(_title_in(head, _clip(title, 40)), ALT_MAX)


def _kind_counts(case: Case) -> dict[str, int]:
    counts: dict[str, int] = {}
    for c in case.components:
        k = primary_kind(c)
        counts[k] = counts.get(k, 0) + 1
    order = {k: i for i, k in enumerate(SUGGESTED_KINDS)}
    return dict(sorted(counts.items(), key=lambda kv: order[kv[0]]))


# --------------------------------------------------------------------------------------
# alt text
# --------------------------------------------------------------------------------------


def alt_text(case: Case, lens: str, *, episode: str | None = None, view: str = "map") -> str:
    """Short alt text (at most 250 characters) for a figure of *case* through *lens*.

    Says what the picture shows: for the service lens, how many interaction
    cards there are and in which sphere, how many relations are in no sphere,
    and how many claims are marked, counted by valence (value destroyed, mixed
    value, dis/value: only destruction is called destroyed), else how many
    interactions are closed to the provider; for the assemblage lens, which
    component most affects fall on and, unless the most is a tie, which
    component most territorialising affects fall on.  Every claim it names is
    a legend mark of the figure.

    Parameters
    ----------
    case : Case
    lens : {'service', 'assemblage'}
    episode : str, optional
        For the assemblage map: the episode highlighted (the others faded).
    view : {'map', 'strip'}
        ``'strip'`` describes the episode strip instead of the map.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        For an unknown lens or view.  KeyError for an unknown episode.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(alt_text(tiny_case(), "service"))
    Sphere diagram of 'A morning trying to see a GP': 6 interaction cards (provider 2, joint 2, user 2); 1 relation in no sphere. Claims marked: value destroyed 1.
    >>> len(alt_text(tiny_case(), "service")) <= 250
    True
    """  # noqa: E501 (a doctest's expected output is one line)
    _check(lens, view)
    if episode is not None:
        case.episode(episode)
    if view == "strip":
        return _strip_alt(case, lens)
    if lens == "service":
        return _service_alt(case)
    return _assemblage_alt(case, episode)


CLAIM_WORDS = {"destruction": "value destroyed", "mixed": "mixed value",
               "dis/value": "dis/value"}
"""How alt text and legends name each valence of a claim: only destruction is 'destroyed'."""
_CLAIM_WORDS = CLAIM_WORDS
CLAIM_MARKS = {"destruction": "−", "mixed": "±", "dis/value": "/"}
"""The mark the sphere diagram sets beside each valence's words, on the card and in the legend."""


def _service_alt(case: Case) -> str:
    s = sl.service_reading(case)
    head = "Sphere diagram of '{title}':"
    if not s.present:
        return _fit(head, case.title, [f"{_plural(len(case.components), 'component')};",
                                       "no service reading yet, so nothing is placed."])
    counts = s.sphere_counts
    held = ", ".join(f"{k} {counts.get(k, 0)}" for k in SPHERES)
    cards = _plural(sum(counts.get(k, 0) for k in SPHERES), "interaction card")
    unplaced = f"; {_plural(len(s.unplaced), 'relation')} in no sphere" if s.unplaced else ""
    parts = [f"{cards} ({held}){unplaced}."]
    # count the claims the figure marks, each by its own valence (never all 'destroyed')
    tally = claim_counts(case)
    if tally:
        parts.append("Claims marked: " + ", ".join(
            f"{_CLAIM_WORDS.get(v, v)} {n}" for v, n in tally.items()) + ".")
    elif counts.get("user"):
        parts.append(f"{counts['user']} in the user sphere, closed to the provider.")
    return _fit(head, case.title, parts)


def claim_counts(case: Case) -> dict[str, int]:
    """How many claims the sphere diagram marks, by valence (destruction, mixed, dis/value).

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> claim_counts(tiny_case())
    {'destruction': 1}
    """
    tally: dict[str, int] = {}
    for d in sl.service_reading(case).destruction:
        tally[d.valence] = tally.get(d.valence, 0) + 1
    order = {v: i for i, v in enumerate(_CLAIM_WORDS)}
    return dict(sorted(tally.items(), key=lambda kv: order.get(kv[0], len(order))))


def _assemblage_alt(case: Case, episode: str | None) -> str:
    rows = al.affect_rows(case)
    where = ""
    if episode is not None:
        where = f", episode '{_clip(al.episode_label(case, episode), 40)}' highlighted"
        shown = [r for r in rows if r.episode == episode]
    else:
        shown = list(rows)
    by_kind = len(case.components) > MAP_LABELLED_MAX
    if by_kind:
        where += f", aggregated by kind ({len(_kind_counts(case))} kinds)"
    head = "Assemblage map of '{title}'" + where + ":"
    if case.assemblage is None:
        return _fit(head, case.title, [f"{_plural(len(case.components), 'component')};",
                                       "no assemblage reading yet, so no affects."])
    parts = [f"{_plural(len(shown), 'affect')} drawn as arcs."]
    if by_kind and shown:
        tally_k: dict[str, int] = {}
        for r in shown:
            k = primary_kind(case.component(r.on)) if r.on in case._components else "other"
            tally_k[k] = tally_k.get(k, 0) + 1
        k, n = max(tally_k.items(), key=lambda kv: kv[1])
        parts.append(f"Most fall on {k} components ({n}).")
    elif shown:
        tally: dict[str, list] = {}
        for r in shown:
            tally.setdefault(r.on, []).append(r)
        top, got = max(tally.items(), key=lambda kv: len(kv[1]))  # first among equals
        dim = sum(1 for r in got if r.direction == "diminishes")
        parts.append(f"Most fall on {_clip(case.label(top), 30)}: {len(got)}, "
                     f"{dim} of them diminishing.")
        held: dict[str, int] = {}
        for r in shown:
            if r.tendency == "territorialising":
                held[r.on] = held.get(r.on, 0) + 1
        if held:
            most = max(held.values())
            tops = [c for c, n in held.items() if n == most]
            if len(tops) == 1:  # a tie names no one: it is not a finding
                parts.append(f"{_plural(sum(held.values()), 'territorialising affect')}; "
                             f"most on {_clip(case.label(tops[0]), 30)}.")
        flights = [f for f in al.lines_of_flight(case) if episode is None or f.episode == episode]
        if flights and all(f.line == "flight" for f in flights):
            parts.append(f"{_plural(len(flights), 'line')} of flight in the table.")
        elif flights:
            kinds = [(k, sum(1 for f in flights if f.line == k))
                     for k in ("molar", "molecular", "flight")]
            parts.append(f"{_plural(len(flights), 'line')} in the table ("
                         + ", ".join(f"{n} {'of flight' if k == 'flight' else k}"
                                     for k, n in kinds if n) + ").")
    return _fit(head, case.title, parts)


def _strip_alt(case: Case, lens: str) -> str:
    head = "Episode strip of '{title}' (" + lens + " lens):"
    groups = episode_groups(case)
    named = [(label, rels) for eid, label, rels in groups if eid is not None]
    loose = [rels for eid, _, rels in groups if eid is None]
    shown = ", ".join(f"{_clip(lbl, 30)} ({_plural(len(r), 'relation')})" for lbl, r in named[:6])
    parts = [f"{_plural(len(named), 'episode')}"
             + (f": {shown}{', …' if len(named) > 6 else ''}." if named else ".")]
    if loose:
        parts.append(f"Plus {_plural(len(loose[0]), 'relation')} with no episode.")
    return _fit(head, case.title, parts)


# --------------------------------------------------------------------------------------
# long descriptions
# --------------------------------------------------------------------------------------


def episode_groups(case: Case) -> list[tuple[str | None, str, list]]:
    """(episode id, label, relations) in episode order, then relations with no episode.

    Every episode appears (with an empty list if it has no relation); the group
    of relations with no episode (id ``None``) only when it is not empty.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> [(e, len(rs)) for e, _, rs in episode_groups(tiny_case())]
    [('morning', 4), ('visit', 2), (None, 1)]
    """
    groups: dict[str | None, list] = {e.id: [] for e in case.episodes}
    for r in case.relations:
        groups.setdefault(r.episode, []).append(r)
    out: list[tuple[str | None, str, list]] = [(e.id, e.label, groups[e.id])
                                               for e in case.episodes]
    out += [(k, k, v) for k, v in groups.items() if k is not None and k not in case._episodes]
    if groups.get(None):
        out.append((None, al.NO_EPISODE_LABEL, groups[None]))
    return out


def _rel_line(case: Case, r, extra: str) -> str:
    return (f"- {r.id}, from {case.label(r.source)} to {case.label(r.target)}: "
            f"{r.does}{extra}")


def long_description(case: Case, lens: str, *, episode: str | None = None,
                     view: str = "map") -> str:
    """A text alternative naming every component and relation a figure shows, by episode.

    Parameters
    ----------
    case : Case
    lens : {'service', 'assemblage'}
    episode : str, optional
        For the assemblage map: list this episode's relations first (the
        figure highlights them) and the others after, as faded.
    view : {'map', 'strip'}

    Returns
    -------
    str
        Plain text.  For the sphere diagram it says what is drawn: the strip of
        who and what the reading names, by role (resources on their own line),
        then each sphere's interaction cards (who → whom: what), then the
        relations in no sphere, the propositions and the claims.

    Raises
    ------
    ValueError
        For an unknown lens or view.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> text = long_description(tiny_case(), "service")
    >>> text.splitlines()[2].startswith("Named in the service reading, by role: user: Mrs A;")
    True
    >>> print([l for l in text.splitlines() if l.startswith("- r5")][0])
    - r5, Rain → Number 7 bus: slows down.
    """
    _check(lens, view)
    if episode is not None:
        case.episode(episode)
    if lens == "service":
        return _service_long(case, view)
    return _assemblage_long(case, episode, view)


RESOURCES_LINE = "resources (not actors in service logic)"
"""How the actor strip (and its text alternative) heads the line of resources."""


def strip_lines(by_role: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """The actor strip's lines, role by role, with resources last on a line of their own.

    Examples
    --------
    >>> strip_lines({"resource": ["Bed"], "user": ["Mrs A"], "other-actor": ["J"]})
    [('user', ['Mrs A']), ('other actor', ['J']), ('resources (not actors in service logic)', ['Bed'])]
    """  # noqa: E501 (a doctest's expected output is one line)
    out = [(role.replace("-", " "), names) for role, names in by_role.items()
           if role != "resource"]
    if by_role.get("resource"):
        out.append((RESOURCES_LINE, by_role["resource"]))
    return out


def strip_roles(case: Case) -> dict[str, list[str]]:
    """Each component named in the service reading, under its first role, in file order."""
    by_role: dict[str, list[str]] = {}
    for c in case.components:
        roles = sl._roles(case, c.id)
        if roles:
            by_role.setdefault(roles[0], []).append(c.label)
    return by_role


SPHERE_NOTES = {"provider": "the provider's own activity, closed to the user",
                "joint": "provider and user act together, open to both",
                "user": "the user's own life and activity, alone or with others; closed to "
                        "the provider"}
"""What each sphere of activity holds, as the sphere diagram's headings say it."""

STRIP_HEAD = "Named in the service reading, by role"
"""How the text alternative opens the actor strip the sphere diagram draws."""


def _claim_phrase(case: Case, d) -> str:
    """'A claim of mixed value by X for Y': never 'destroyed' for a mixed claim."""
    who = "the claimant" if d.beneficiary == d.claimed_by else case.label(d.beneficiary)
    return (f"A claim of {CLAIM_WORDS.get(d.valence, d.valence)} by "
            f"{case.label(d.claimed_by)} for {who}")


def _service_long(case: Case, view: str) -> str:
    s = sl.service_reading(case)
    head = "Sphere diagram" if view == "map" else "Episode strip (service lens)"
    lines = [f"{head}: {case.title}.", ""]
    if view == "map" and aggregated(case):
        return _service_aggregated_long(case, lines)
    if view == "map":
        return _service_map_long(case, s, lines)
    by_rel = {row.relation: row for row in s.spheres}
    for eid, label, rels in episode_groups(case):
        if not rels:
            continue
        lines.append(f"Episode: {label}." if eid is not None else f"{label}:")
        for r in rels:
            row = by_rel.get(r.id)
            if row is None:
                extra = " (in no sphere: a dotted card under the spheres)."
            else:
                practice = f", {row.practice}" if row.practice else ""
                closed = "; closed to the provider" if not row.visible_to_provider else ""
                extra = f" ({row.sphere} sphere, {row.mode}{practice}{closed})."
            lines.append(_rel_line(case, r, extra))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _service_map_long(case: Case, s, lines: list[str]) -> str:
    """What the sphere diagram draws: the actor strip, the cards by sphere, the loose cards."""
    if not s.present:
        lines.append("The case has no service reading yet, so no interaction is placed in a "
                     "sphere.")
        lines.append("")
    strip = strip_lines(strip_roles(case))
    if strip:
        lines.append(f"{STRIP_HEAD}: " + "; ".join(f"{role}: {', '.join(names)}"
                                                 for role, names in strip) + ".")
        lines.append("")
    claims: dict[str, list] = {}
    for d in s.destruction:
        if d.relation:
            claims.setdefault(d.relation, []).append(d)

    def marks(rid: str) -> str:
        return "".join(f"; {CLAIM_MARKS.get(d.valence, '!')} "
                       f"{CLAIM_WORDS.get(d.valence, d.valence)} for {case.label(d.beneficiary)}"
                       for d in claims.get(rid, ()))

    for sphere in SPHERES:
        rows = [row for row in s.spheres if row.sphere == sphere]
        lines.append(f"{SPHERE_NAMES[sphere]} ({SPHERE_NOTES[sphere]}): "
                     f"{_plural(len(rows), 'interaction card')}.")
        for row in rows:
            practice = f", {row.practice}" if row.practice else ""
            lines.append(f"- {row.relation}, {case.label(row.source)} → "
                         f"{case.label(row.target)}: {row.does} ({row.mode}{practice}"
                         f"{marks(row.relation)}).")
        lines.append("")
    if s.unplaced:
        lines.append(f"In no sphere (dotted cards under the spheres): "
                     f"{_plural(len(s.unplaced), 'relation')}.")
        for rid in s.unplaced:
            r = case.relation(rid)
            mk = marks(rid)
            lines.append(f"- {r.id}, {case.label(r.source)} → {case.label(r.target)}: "
                         f"{r.does}" + (f" ({mk[2:]})." if mk else "."))
        lines.append("")
    linked = {x for r in case.relations for x in (r.source, r.target)}
    named = {x for _, names in strip for x in names}
    alone = [c.label for c in case.components if c.id not in linked and c.label not in named]
    if alone:
        lines.append("In no relation, so not drawn: " + "; ".join(alone) + ".")
        lines.append("")
    for p in s.propositions:
        carrier = f", carried by {p.carried_by_label}" if p.carried_by else ""
        lines.append(f"Value proposition: {p.by_label} offers {p.to_label} '{p.offer}'"
                     f"{carrier}.")
    for d in s.destruction:
        at = f" at {d.relation}" if d.relation else ", tied to no one relation"
        lines.append(f"{_claim_phrase(case, d)}{at}: {d.note or d.element}")
    return "\n".join(lines).rstrip() + "\n"


def sphere_links(case: Case) -> tuple[dict[tuple, int], dict[tuple, int]]:
    """Relations between and within the groups of :func:`sphere_groups`, counted.

    Returns
    -------
    links : dict
        ``(group, group, sphere)`` -> number of relations joining the two
        groups either way (the groups in :func:`sphere_groups` order; the
        sphere of their interaction, ``None`` for relations in no sphere),
        largest first.
    within : dict
        group -> number of relations with both ends in it.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> links, within = sphere_links(tiny_case())
    >>> links[(("provider", "provider"), ("joint", "resource"), "provider")]
    1
    >>> within
    {}
    """
    groups = sphere_groups(case)
    group_of = {cid: g for g, ids in groups.items() for cid in ids}
    rank = {g: i for i, g in enumerate(groups)}
    links: dict[tuple, int] = {}
    within: dict[tuple, int] = {}

    def count(a: str, b: str, sphere: str | None) -> None:
        ga, gb = group_of.get(a), group_of.get(b)
        if ga is None or gb is None:
            return
        if ga == gb:
            within[ga] = within.get(ga, 0) + 1
            return
        if rank[ga] > rank[gb]:
            ga, gb = gb, ga
        links[(ga, gb, sphere)] = links.get((ga, gb, sphere), 0) + 1

    for row in sl.sphere_table(case):
        count(row.source, row.target, row.sphere)
    for rid in sl.unplaced_relations(case):
        r = case.relation(rid)
        count(r.source, r.target, None)
    order = {s: i for i, s in enumerate((*SPHERES, None))}
    links = dict(sorted(links.items(), key=lambda kv: (
        -kv[1], rank[kv[0][0]], rank[kv[0][1]], order.get(kv[0][2], len(order)))))
    return links, {g: within[g] for g in groups if g in within}


def _group_name(group: tuple[str | None, str]) -> str:
    sphere = SPHERE_NAMES[group[0]] if group[0] else "not placed"
    return f"{group[1]} ({sphere[0].lower() + sphere[1:]})"


def _service_aggregated_long(case: Case, lines: list[str]) -> str:
    groups = sphere_groups(case)
    links, within = sphere_links(case)
    lines.append(f"Aggregated view: {len(case.components)} components are more than "
                 f"{AGGREGATE_ABOVE}, so the diagram shows one node per role in each sphere "
                 "and counts the relations between them (either way round); it draws the "
                 f"{min(len(links), AGGREGATE_LINKS)} largest of these {len(links)} links, "
                 "all listed here.")
    for g, ids in groups.items():
        inner = f"; {_plural(within[g], 'relation')} within" if g in within else ""
        lines.append(f"- {_group_name(g)}: {_plural(len(ids), 'component')}{inner}.")
    lines.append("")
    for (a, b, sphere), n in links.items():
        where = f"in the {sphere} sphere" if sphere else "in no sphere"
        word = "interaction" if sphere else "relation"
        lines.append(f"- between {_group_name(a)} and {_group_name(b)}, {where}: "
                     f"{_plural(n, word)}.")
    return "\n".join(lines).rstrip() + "\n"


def _affect_bits(case: Case, rows: list) -> str:
    if not rows:
        return " (no affect recorded)."
    bits = []
    for a in rows:
        mark = TENDENCY_MARKS.get(a.tendency, "?")
        cap = f": '{a.capacity}'" if a.capacity else ""
        bits.append(f"on {case.label(a.on)}, {a.direction}, {a.tendency} ({mark}), "
                    f"{a.character}{cap}")
    return " (affect " + "; affect ".join(bits) + ")."


def _assemblage_long(case: Case, episode: str | None, view: str) -> str:
    rows = al.affect_rows(case)
    by_rel: dict[str, list] = {}
    for a in rows:
        by_rel.setdefault(a.relation, []).append(a)
    head = "Assemblage map" if view == "map" else "Episode strip (assemblage lens)"
    lines = [f"{head}: {case.title}.", ""]
    if case.assemblage is None:
        lines.append("The case has no assemblage reading yet; relations are drawn without affects.")
    if view == "map" and aggregated(case):
        lines.append(f"Aggregated view: {len(case.components)} components are more than "
                     f"{AGGREGATE_ABOVE}, so the map shows one node per kind and counts the "
                     "affects between kinds.")
        for kind, n in _kind_counts(case).items():
            lines.append(f"- {kind}: {_plural(n, 'component')}.")
        pairs: dict[tuple[str, str], int] = {}
        kinds = {c.id: primary_kind(c) for c in case.components}
        for a in rows:
            key = (kinds.get(a.source, "other"), kinds.get(a.target, "other"))
            pairs[key] = pairs.get(key, 0) + 1
        lines.append("")
        for (k1, k2), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"- from {k1} to {k2}: {_plural(n, 'affect')}.")
        return "\n".join(lines).rstrip() + "\n"
    if view == "map":
        marked = "; ".join(f"{c.label} ({primary_kind(c)})" for c in case.components)
        lines.append(f"Components, marked by kind: {marked}.")
        lines.append("")
    groups = episode_groups(case)
    if episode is not None:
        groups = ([g for g in groups if g[0] == episode]
                  + [g for g in groups if g[0] != episode])
    for eid, label, rels in groups:
        if not rels:
            continue
        mark = ""
        if episode is not None:
            mark = " (highlighted)" if eid == episode else " (faded)"
        name = f"Episode: {label}{mark}." if eid is not None else f"{label}{mark}:"
        lines.append(name)
        for r in rels:
            lines.append(_rel_line(case, r, _affect_bits(case, by_rel.get(r.id, []))))
        lines.append("")
    for f in al.lines_of_flight(case):
        toward = f" toward '{f.toward}'" if f.toward else ""
        where = f" ({f.episode_label})" if f.episode else ""
        capture = f" Captured by: {_stop(f.captured_by)}" if f.captured else ""
        lines.append(f"{al.LINE_NAMES.get(f.line, 'line of flight').capitalize()}{where}: "
                     f"from '{f.source}'{toward}. Danger: "
                     f"{_stop(f.danger) if f.danger else ''}".rstrip() + capture)
    for t in al.territories(case):
        drawn = ", ".join(t.drawn_by_labels) or "nothing named"
        lines.append(f"Territory: '{t.label}', drawn by {drawn}.")
    return "\n".join(lines).rstrip() + "\n"


def describe_case(case: Case, lens: str = "both", limit: int | None = None) -> str:
    """Long descriptions for one, both or all lenses, then the residue reports.

    The one full plain-text report of a case (the command line's ``describe``).
    The lenses come from the registry (:mod:`vcc_helpers.lenses.base`) through
    :func:`vcc_helpers.lensviews.describe_lenses`, so a registered lens can be
    described here without this module naming it.

    Parameters
    ----------
    case : Case
    lens : str
        ``'both'`` (service and assemblage, the featured lenses), ``'all'``
        (every registered lens) or one registered lens id.
    limit : int, optional
        Residue items per topic (default: all).

    Returns
    -------
    str
        Plain text, ending with "What this tool could not hold".

    Raises
    ------
    ValueError
        For an unknown lens (with a "did you mean").

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> text = describe_case(tiny_case())
    >>> text.startswith("Sphere diagram: A morning"), "What this tool could not hold" in text
    (True, True)
    """
    from vcc_helpers.lensviews import describe_lenses  # beside this module, lens-generic

    return describe_lenses(case, lens, limit)


def description_report(case: Case, lens: str = "both", limit: int | None = 3):
    """:func:`describe_case` as a document: the book shows it as HTML, the CLI as text.

    One section per lens (its long description: the overview as the section's
    intro, then one short list per episode or topic, the rest folded into
    "all N"), then the residue report's sections.  Labels stay text (escaped
    in the HTML).

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> r = description_report(tiny_case(), "service")
    >>> [s.heading for s in r.sections][:1]
    ['Sphere diagram: A morning trying to see a GP.']
    >>> "<details>" in description_report(tiny_case(), limit=1)._repr_html_()
    True
    """
    from vcc_helpers.textdoc import Group, Report, Section

    lenses = LENSES
    if lens != "both":
        _check(lens)
        lenses = (lens,)
    sections = []
    for x in lenses:
        paras = [p for p in long_description(case, x).split("\n\n") if p.strip()]
        head, rest = paras[0].splitlines(), paras[1:]
        intro = " ".join(head[1:])
        groups = []
        for p in rest:
            lines = p.splitlines()
            items = [s[2:] for s in lines if s.startswith("- ")]
            plain = [s for s in lines if not s.startswith("- ")]
            if items:
                groups.append(Group(plain[0] if plain else "", items,
                                    title=(plain[0].rstrip(".:") if plain else "")))
            else:
                groups.append(Group("", plain, limit=len(plain)))
        sections.append(Section(head[0], intro=intro, groups=groups))
    res = ri.residue_report(case, limit)
    return Report(f"{case.title}: both lenses and what they cannot hold" if lens == "both"
                  else f"{case.title}: the {lens} lens", sections + res.sections,
                  note=res.note, limit=limit)
