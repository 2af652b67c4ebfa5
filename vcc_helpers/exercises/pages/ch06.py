"""Chapter 6's page, *The worked example, both ways*: computed prose and tables.

The chapter reads whichever case :func:`vcc_helpers.cases.load_worked_example`
returns (the bundled ``hospital-discharge`` unless an instructor sets
``VCC_WORKED_EXAMPLE``), so nothing here knows which case it is given: every
sentence and table is computed from the case. The checks live in
:mod:`vcc_helpers.exercises.ch06`, which forwards these names.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from vcc_helpers.exercises._common import counted as _n, listing
from vcc_helpers.exercises.ch06 import _episode_label, _is_are, _q
from vcc_helpers.exercises.pages.display import MarkdownText, Prose, Table
from vcc_helpers.lenses import assemblage as al
from vcc_helpers.lenses import service as sl
from vcc_helpers.lenses.reinterpret import Draft
from vcc_helpers.model import DIRECTIONS, Case, body_class
from vcc_helpers.textdoc import of_total

__all__ = [
    "SOURCE_WORDS", "teaching_note", "opening", "data_card", "summary_source", "case_facts",
    "episodes_table", "service_facts", "destruction_table", "coproduction_table",
    "relations_table", "assemblage_facts", "boundary_note", "economy_table", "economy_facts",
    "affects_table", "focal_component", "focal_facts", "capacities_table", "flights_table",
    "reasons_table", "territories_table", "roles_table", "desire_notes", "discussion_questions",
    "draft_facts", "MarkdownText",
]


SOURCE_WORDS = {
    "teaching-case": "a teaching case",
    "published-study": "drawn from a published study",
    "reader": "written by a reader of the book",
}
"""How each ``source.kind`` is named in the chapter's computed prose."""


# --------------------------------------------------------------------------------------
# The case itself
# --------------------------------------------------------------------------------------


def _shown_setting(setting: str) -> str:
    """A setting as the page may show it: a file's name, never the instructor's folders."""
    from pathlib import PurePath

    if "/" in setting or "\\" in setting or setting.lower().endswith((".yaml", ".yml", ".json")):
        return PurePath(setting.replace("\\", "/")).name
    return setting


def teaching_note(case: Case, setting: str | None = None, origin: str | None = None) -> Prose:
    """Where the case comes from, in its file's own words, and who chose it for the page.

    The provenance comes from the file's ``source`` block: its ``kind``
    (``teaching-case``, ``published-study`` or ``reader``) and its note, quoted.
    Unless the note already says so (it contains "not the article"), the page
    adds that the article's own example is not available to us. A case chosen
    by a setting is named by its bundled name or its file's name (never a
    path), with how a live copy of the notebook opens it.

    Parameters
    ----------
    case : Case
    setting : str, optional
        The name or path the chapter loaded the case from
        (:func:`vcc_helpers.cases.worked_example_setting`).
    origin : str, optional
        Where the setting came from: ``"VCC_WORKED_EXAMPLE"`` (assumed when a
        setting other than the default is given alone), ``"_config.yml"`` or
        ``"default"``.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(teaching_note(tiny_case()))  # doctest: +NORMALIZE_WHITESPACE
    This page reads A morning trying to see a GP (gp-morning). Its file says it is a teaching
    case, and its source note says: “A sketch written for the package docs.” It is not the
    practical example of Cluley and Radnor's article, which is not available to us.
    >>> print(teaching_note(tiny_case(), "/home/me/cases/ours.yaml"))  # doctest: +ELLIPSIS
    This page ... (the setting `VCC_WORKED_EXAMPLE` is 'ours.yaml')...
    """
    src = case.source
    kind = SOURCE_WORDS.get(src.kind)
    text = f"This page reads **{case.title}** ({case.id})."
    text += f" Its file says it is {kind}" if kind else " Its file does not say where it comes from"
    note = " ".join(src.note.split())
    if note:
        text += f", and its source note says: \u201c{note}\u201d"
        text += "" if note.endswith((".", "!", "?")) else "."
    else:
        text += ", and gives no source note."
    if src.kind == "published-study":
        text += (" Check that note, and the study it names, before you rely on the case; the "
                 "article's own practical example is not available to us, so this is not it "
                 "unless the note says so.")
    elif "not the article" not in note.lower():
        text += (" It is not the practical example of Cluley and Radnor's article, which is not "
                 "available to us.")
    if setting and setting != _default_name():
        origin = origin or "VCC_WORKED_EXAMPLE"
        shown = _shown_setting(setting)
        c = Prose.CODE
        if origin == "_config.yml":
            text += (f"\n\nYour instructor has chosen it for this chapter in the book's settings "
                     f"({c}vcc_worked_example: {shown}{c} in {c}_config.yml{c}), so a live copy "
                     "opened from the book's repository (Binder, a JupyterHub) reads it too; "
                     "Colab opens the notebook on its own and reads the book's default case.")
        else:
            text += (f"\n\nYour instructor has chosen it for this chapter (the setting "
                     f"{c}VCC_WORKED_EXAMPLE{c} is {shown!r}). A live copy of this notebook "
                     "reads the book's default case unless you choose the same one: run "
                     f"{c}import os; os.environ[\"VCC_WORKED_EXAMPLE\"] = {shown!r}{c} before "
                     "the cell that loads the case"
                     + (", with the file in the book's folder." if shown.endswith(
                         (".yaml", ".yml", ".json")) else "."))
    return Prose(text)


def _default_name() -> str:
    from vcc_helpers import cases

    return cases.WORKED_EXAMPLE


def opening(case: Case) -> Prose:
    """The case's title and summary, as its file gives them.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(opening(tiny_case()))
    A morning trying to see a GP. Mrs A rings at 8am, gets a slot, and arrives late.
    """
    summary = " ".join(case.summary.split()) or "(The file gives no summary.)"
    return Prose(f"**{case.title}.** {summary}")


def data_card(case: Case) -> MarkdownText | Prose:
    """The data card of the case when it is a bundled case, unchanged; otherwise its source note.

    Examples
    --------
    >>> from vcc_helpers import cases
    >>> str(data_card(cases.load("school-meals"))).startswith("**Data card:")
    True
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(data_card(tiny_case()))  # doctest: +NORMALIZE_WHITESPACE
    A morning trying to see a GP is not one of the cases bundled with the book, so it has no
    data card. Its file's source note says: A sketch written for the package docs.
    """
    from vcc_helpers import cases

    if case.id in cases.names():
        try:
            same = cases.load(case.id) == case
        except Exception:  # noqa: BLE001 - a broken bundled file must not break a chapter
            same = False
        if same:
            return MarkdownText(cases.card(case.id))
    note = case.source.note.strip() or "(the file gives no source note)"
    return Prose(f"{case.title} is not one of the cases bundled with the book, so it has no "
                 f"data card. Its file's source note says: {note}")


def summary_source(case: Case) -> MarkdownText:
    """The summary's first bullet: where the page's case comes from, by its ``source.kind``.

    A case whose file says it is drawn from a published study (an instructor may
    load the article's own example that way) is not denied; any other case is
    said not to be Cluley and Radnor's example. The sentence holds no text from
    the case file, so it is safe as Markdown.

    Examples
    --------
    >>> from dataclasses import replace
    >>> from vcc_helpers.model import Source
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(summary_source(tiny_case()))  # doctest: +ELLIPSIS
    - The chapter's case is not Cluley and Radnor's own example, which is not available to us; ...
    >>> study = replace(tiny_case(), source=Source("published-study", "From a study."))
    >>> print(summary_source(study))  # doctest: +ELLIPSIS
    - The chapter's case says it is drawn from a published study; ...
    """
    if case.source.kind == "published-study":
        first = ("The chapter's case says it is drawn from a published study; the note at the "
                 "top of the page says, in the case file's words, which study it comes from.")
    else:
        first = ("The chapter's case is not Cluley and Radnor's own example, which is not "
                 "available to us; the note at the top of the page says, in the case file's "
                 "words, where it comes from.")
    return MarkdownText(f"- {first} Every fact on the page is computed from the case file, so "
                        "the page follows whichever case is loaded.")


def case_facts(case: Case) -> Prose:
    """Counts, kinds and episodes of the case, in one computed paragraph.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(case_facts(tiny_case()))  # doctest: +NORMALIZE_WHITESPACE
    The case has 8 components, 7 relations and 2 episodes. 3 are persons and 1 is a
    composite (an organisation or a collective, counted apart); the other 4 are things
    (their kinds: technology 1, time 1, rule 1, category 1, thing 1, other 1; a component
    can have more than one). 1 of the 7 relations says whose account it is.
    """
    cls = {c.id: body_class(c) for c in case.components}
    persons = [c for c in case.components if cls[c.id] == "person"]
    composites = [c for c in case.components if cls[c.id] == "composite"]
    others = [c for c in case.components if cls[c.id] == "thing"]
    kinds = Counter(k for c in others for k in c.kinds)
    kind_text = ", ".join(f"{k} {n}" for k, n in kinds.items()) or "no kinds given"
    accounted = sum(1 for r in case.relations if r.account)
    text = (f"The case has **{_n(len(case.components), 'component')}**, "
            f"**{_n(len(case.relations), 'relation')}** and "
            f"**{_n(len(case.episodes), 'episode')}**. "
            f"{len(persons)} {'is a person' if len(persons) == 1 else 'are persons'} and "
            f"{len(composites)} {'is a composite' if len(composites) == 1 else 'are composites'} "
            "(an organisation or a collective, counted apart); "
            f"the other {len(others)} {_is_are(len(others))} things (their kinds: "
            f"{kind_text}; a component can have more than one). "
            f"{_cap(of_total(accounted, len(case.relations), 'relation'))} "
            f"{'says' if accounted == 1 else 'say'} whose account it is.")
    return Prose(text)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def episodes_table(case: Case) -> Table:
    """The episodes in order, with what happens in each and how many relations it holds.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> episodes_table(tiny_case()).rows
    (('1', 'Ringing at 8am', '', '4'), ('2', 'Getting there', '', '2'), ('-', '(no episode)', 'Relations the case places in no episode.', '1'))
    """  # noqa: E501 (a doctest's expected output is one line)
    counts = Counter(r.episode for r in case.relations)
    rows: list[tuple[Any, ...]] = [(i, e.label, e.description, counts.get(e.id, 0))
            for i, e in enumerate(case.episodes, 1)]
    if counts.get(None):
        rows.append(("-", "(no episode)", "Relations the case places in no episode.",
                     counts[None]))
    return Table(("No.", "Episode", "What happens", "Relations"), rows,
                 caption=f"The episodes of '{case.title}'")


# --------------------------------------------------------------------------------------
# The service reading
# --------------------------------------------------------------------------------------


def service_facts(case: Case) -> Prose:
    """What the service reading of the case says, in numbers and names.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(service_facts(tiny_case()))  # doctest: +NORMALIZE_WHITESPACE
    The service reading casts 2 components as providing (GP surgery and Receptionist) and
    1 as a user (Mrs A). It places 6 of the 7 relations in a sphere (provider 2, joint 1,
    user 3) and 1 in none. It records 1 value proposition and 2 value claims, of which 1
    is of destruction, mixed value or dis/value. 1 relation is read as a form of
    co-production.
    """
    s = sl.service_reading(case)
    if not s.present:
        return Prose(f"{case.title} has no service reading yet: the service lens has nothing "
                     "to say about it, and every relation is outside its view.")
    users = [p.label for p in s.beneficiaries if "user" in p.roles]
    counts = ", ".join(f"{k} {v}" for k, v in s.sphere_counts.items())
    placed = len(s.spheres)
    cop = sum(f.count for f in s.coproduction)
    text = (f"The service reading casts **{_n(len(s.providers), 'component')}** as providing "
            f"({listing([p.label for p in s.providers])}) and "
            f"**{len(users)}** as {'a user' if len(users) == 1 else 'users'} "
            f"({listing(users)}). It places {of_total(placed, len(case.relations), 'relation')} in "
            f"a sphere ({counts}) and {len(s.unplaced)} in none. It records "
            f"{_n(len(s.propositions), 'value proposition')} and "
            f"{_n(sum(len(v) for v in s.claims.values()), 'value claim')}, of which "
            f"**{len(s.destruction)}** {_is_are(len(s.destruction))} of destruction, mixed value "
            f"or dis/value. {_n(cop, 'relation')} {_is_are(cop)} read as a form of "
            "co-production.")
    return Prose(text)


def destruction_table(case: Case) -> Table:
    """The claims of destruction, mixed value and dis/value: whose, for whom, where, what.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> destruction_table(tiny_case()).rows[0]
    ('Mrs A', 'Mrs A', 'destruction', 'satisfaction', 'Ringing at 8am', 'Forty minutes on hold left her exhausted.')
    """  # noqa: E501 (a doctest's expected output is one line)
    rows = [(case.label(d.claimed_by), case.label(d.beneficiary), d.valence, d.element,
             _episode_label(case, d.episode), d.note) for d in sl.destruction_points(case)]
    return Table(("Claimed by", "For", "Valence", "Element", "Episode", "Note"), rows,
                 caption="Claims of value destroyed, of mixed value, or of dis/value",
                 empty="the service reading records no claim of destruction, mixed value or "
                       "dis/value.")


def coproduction_table(case: Case) -> Table:
    """The relations the service reading reads as a form of co-production, with what they do.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> coproduction_table(tiny_case()).rows
    (('co-production', 'r7', 'Her daughter', 'rings again on her behalf', 'Mrs A'),)
    """
    rows = []
    for fc in sl.coproduction_profile(case):
        for rid in fc.relations:
            r = case._relations.get(rid)
            rows.append((fc.form, rid, case.label(r.source) if r else "", r.does if r else "",
                         case.label(r.target) if r else ""))
    return Table(("Form", "Relation", "From", "Does", "To"), rows,
                 caption="Relations read as a form of co-production",
                 empty="the service reading reads no relation as a form of co-production.")


def relations_table(case: Case, ids: Iterable[str], caption: str = "") -> Table:
    """Some relations of the case (in file order): id, from, does, to, episode.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> relations_table(tiny_case(), {"r5"}).rows
    (('r5', 'Rain', 'slows down', 'Number 7 bus', 'Getting there'),)
    """
    wanted = set(ids)
    rows = [(r.id, case.label(r.source), r.does, case.label(r.target),
             _episode_label(case, r.episode)) for r in case.relations if r.id in wanted]
    return Table(("Relation", "From", "Does", "To", "Episode"), rows, caption=caption,
                 empty="none in this case.")


# --------------------------------------------------------------------------------------
# The assemblage reading
# --------------------------------------------------------------------------------------


def assemblage_facts(case: Case) -> Prose:
    """What the assemblage reading of the case records, in numbers.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(assemblage_facts(tiny_case()))  # doctest: +NORMALIZE_WHITESPACE
    The assemblage reading records 5 affects on 5 of the 7 relations: 1 enhances a
    capacity, 4 diminish one and 0 are unclear. By tendency: territorialising 2,
    deterritorialising 2, reterritorialising 1. 1 affect passes between non-humans and 2
    are aggregating. It records 1 line of flight (1 captured again) and 1 territory.
    """
    a = al.assemblage_reading(case)
    if not a.present:
        return Prose(f"{case.title} has no assemblage reading yet: nothing records what its "
                     "relations do to what bodies can do.")
    rows = al.affect_rows(case)
    on = {r.relation for r in rows}
    d = a.direction_counts
    tend = ", ".join(f"{k} {v}" for k, v in a.tendency_counts.items() if v)
    captured = sum(1 for f in a.lines_of_flight if f.captured)
    text = (f"The assemblage reading records **{_n(len(rows), 'affect')}** on {len(on)} of the "
            f"{len(case.relations)} relations: {d.get('enhances', 0)} "
            f"{'enhances' if d.get('enhances', 0) == 1 else 'enhance'} a capacity, "
            f"{d.get('diminishes', 0)} "
            f"{'diminishes' if d.get('diminishes', 0) == 1 else 'diminish'} "
            f"one and {d.get('unclear', 0)} {_is_are(d.get('unclear', 0))} unclear. "
            f"By tendency: {tend or 'none recorded'}. "
            f"{len(a.nonhuman)} {'affect passes' if len(a.nonhuman) == 1 else 'affects pass'} "
            f"between non-humans and {len(a.aggregating)} {_is_are(len(a.aggregating))} "
            f"aggregating. It records **{_n(len(a.lines_of_flight), 'line')} of flight** "
            f"({captured} captured again) and "
            f"{_n(len(a.territories), 'territory', 'territories')}.")
    return Prose(text)


def boundary_note(case: Case) -> Prose:
    """The reading's boundary note, quoted, with whose reading it is.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(boundary_note(tiny_case()))
    The boundary, in the words of the reading by a student: One morning of one appointment; the practice budget is left out.
    """  # noqa: E501 (a doctest's expected output is one line)
    a = case.assemblage
    if a is None or not a.boundary.strip():
        return Prose("The reading gives no boundary note: it does not say why these components "
                     "and not others. That silence is worth a question of its own.")
    by = f" by {a.by}" if a.by else ""
    return Prose(f"The boundary, in the words of the reading{by}: {a.boundary.strip()}")


def economy_table(case: Case) -> Table:
    """The affect economy episode by episode: how many affects, which way, which tendency.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> for row in economy_table(tiny_case()).rows:
    ...     print(row)
    ('Ringing at 8am', '2', '0', '2', '0', '2', '0', '0')
    ('Getting there', '2', '0', '2', '0', '0', '2', '0')
    ('No episode', '1', '1', '0', '0', '0', '0', '1')
    """
    rows = []
    for g in al.affect_economy(case):
        dirs = Counter(a.direction for a in g.affects)
        tends = Counter(a.tendency for a in g.affects)
        rows.append((g.label, len(g.affects), dirs.get("enhances", 0), dirs.get("diminishes", 0),
                     sum(v for k, v in dirs.items() if k not in DIRECTIONS[:2]),
                     tends.get("territorialising", 0), tends.get("deterritorialising", 0),
                     tends.get("reterritorialising", 0)))
    return Table(("Episode", "Affects", "Enhance", "Diminish", "Unclear",
                  "Territorialising", "Deterritorialising", "Reterritorialising"), rows,
                 caption="The affect economy, episode by episode")


def economy_facts(case: Case) -> Prose:
    """Where in the case's time the affects gather: computed sentences on the affect economy.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(economy_facts(tiny_case()))  # doctest: +NORMALIZE_WHITESPACE
    Across its 2 episodes, the reading records the most affects in 'Ringing at 8am' and
    'Getting there' (2 each). Capacities are diminished most often in 'Ringing at 8am' and
    'Getting there' (2 each). Loosening (deterritorialising) affects gather in 'Getting there'
    (2). Lines of flight open in 'Getting there'.
    """
    groups = [g for g in al.affect_economy(case) if g.episode is not None]
    if not groups or not any(g.affects for g in groups):
        return Prose("The reading records no affects within episodes, so the case cannot yet be "
                     "followed episode by episode.")

    def top(key):
        n = max(key(g) for g in groups)
        return [g for g in groups if key(g) == n], n

    def where(hits, n):
        names = listing([_q(g.label) for g in hits])
        return f"{names} ({n})" if len(hits) == 1 else f"{names} ({n} each)"

    most, n_most = top(lambda g: len(g.affects))
    dim, n_dim = top(lambda g: sum(1 for a in g.affects if a.direction == "diminishes"))
    det, n_det = top(lambda g: sum(1 for a in g.affects if a.tendency == "deterritorialising"))
    text = f"Across its {_n(len(groups), 'episode')}, the reading records "
    if n_most > 1:
        text += f"the most affects in {where(most, n_most)}."
    elif len(most) == 1:
        text += f"only one affect within an episode, in {_q(most[0].label)}."
    else:
        text += f"one affect at most in an episode, in {listing([_q(g.label) for g in most])}."
    if n_dim > 1 and len(dim) == 1:
        text += (f" Capacities are diminished most often in {_q(dim[0].label)} ({n_dim} of its "
                 f"{len(dim[0].affects)} affects).")
    elif n_dim > 1:
        text += f" Capacities are diminished most often in {where(dim, n_dim)}."
    elif n_dim and len(dim) == 1:
        text += f" The one diminished capacity is in {_q(dim[0].label)}."
    elif n_dim:
        text += (f" Capacities are diminished once each in "
                 f"{listing([_q(g.label) for g in dim])}.")
    if n_det > 1:
        text += f" Loosening (deterritorialising) affects gather in {where(det, n_det)}."
    elif n_det and len(det) == 1:
        text += f" The one loosening (deterritorialising) affect is in {_q(det[0].label)}."
    elif n_det:
        text += (f" Loosening (deterritorialising) affects occur once each in "
                 f"{listing([_q(g.label) for g in det])}.")
    flights = []
    for f in al.lines_of_flight(case):
        if f.episode_label not in flights:
            flights.append(f.episode_label)
    if flights:
        text += f" Lines of flight open in {listing([_q(x) for x in flights])}."
    else:
        text += " The reading records no line of flight."
    return Prose(text)


def affects_table(case: Case, rows: Iterable[al.AffectRow], caption: str = "") -> Table:
    """Affect rows (from the assemblage lens) as a table: relation, whose capacity, and how.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> c = tiny_case()
    >>> affects_table(c, al.nonhuman_affects(c)).rows[0]
    ('r5', 'Rain → Number 7 bus', 'Number 7 bus: can no longer keep to its timetable', 'diminishes; deterritorialising; singular')
    """  # noqa: E501 (a doctest's expected output is one line)
    out = [(r.relation, f"{case.label(r.source)} → {case.label(r.target)}",
            f"{case.label(r.on)}: {r.capacity}" if r.capacity
            else f"{case.label(r.on)}: (not said)",
            f"{r.direction}; {r.tendency}; {r.character}") for r in rows]
    return Table(("Relation", "From → to", "Whose capacity, and what it becomes",
                  "Direction; tendency; character"), out, caption=caption,
                 empty="the assemblage reading records none in this case.")


def focal_component(case: Case) -> str | None:
    """The component the chapter follows: the first the service reading casts as a user,
    else the component with the most affects on it, else the first component.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> focal_component(tiny_case())
    'mrs-a'
    """
    for p in sl.who_benefits(case):
        if "user" in p.roles:
            return p.component
    counts = Counter(r.on for r in al.affect_rows(case))
    if counts:
        return counts.most_common(1)[0][0]
    return case.components[0].id if case.components else None


def focal_facts(case: Case) -> Prose:
    """Whom (or what) the chapter follows through the case, and why that one.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(focal_facts(tiny_case()))
    The table follows Mrs A, whom the service reading casts as a user.
    """
    cid = focal_component(case)
    if cid is None:
        return Prose("The case has no components, so there is no one to follow.")
    label = case.label(cid)
    if any(p.component == cid and "user" in p.roles for p in sl.who_benefits(case)):
        return Prose(f"The table follows **{label}**, whom the service reading casts as a user.")
    if any(r.on == cid for r in al.affect_rows(case)):
        return Prose(f"The service reading casts no one as a user, so the table follows "
                     f"**{label}**, the component the assemblage reading records most affects on.")
    return Prose(f"Neither reading singles anyone out, so the table follows **{label}**, the "
                 "first component of the file.")


def capacities_table(case: Case, component_id: str | None) -> Table:
    """What one component can, can no longer, and might do here, and which relation made it so.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> for row in capacities_table(tiny_case(), "mrs-a").rows:
    ...     print(row[:3])
    ('can', 'can get through without holding', 'r7')
    ('can no longer', 'can do nothing else that morning', 'r1')
    ('can no longer', 'misses the start of her appointment', 'r6')
    """
    if component_id is None:
        return Table(("Can?", "Capacity", "Relation", "Made by", "Episode"), (),
                     empty="the case has no component to follow.")
    cap = al.capacities_of(case, component_id)
    rows = []
    for head, items in (("can", cap.can), ("can no longer", cap.can_no_longer),
                        ("unclear", cap.unclear)):
        rows += [(head, a.capacity, a.relation, case.label(a.by), _episode_label(case, a.episode))
                 for a in items]
    return Table(("Can?", "Capacity", "Relation", "Made by", "Episode"), rows,
                 caption=f"What {cap.label} can and can no longer do here, and what made it so",
                 empty="the assemblage reading records no affect on this component.")


def flights_table(case: Case) -> Table:
    """The lines of flight, each with its danger and what (if anything) captures it.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> flights_table(tiny_case()).rows[0][:3]
    ('Getting there', 'the booked slot', 'walking in without an appointment')
    """
    rows = [(f.episode_label, f.source, f.toward or "(not said)", f.danger,
             f.captured_by or "(nothing recorded)", al.LINE_NAMES.get(f.line, f.line))
            for f in al.lines_of_flight(case)]
    return Table(("Episode", "From", "Toward", "Danger", "Captured by", "Kind of line"), rows,
                 caption="Lines (molar, molecular and of flight), with their dangers and captures",
                 empty="the assemblage reading records no line of flight.")


def reasons_table(case: Case, what: str = "interactions") -> Table:
    """The coder's reasons (``because``) for each coded item of one kind, with its coding.

    A coding asserted without a reason cannot be argued with; the bundled cases give
    one for every interaction, role, line and contested affect.

    Parameters
    ----------
    case : Case
    what : {'interactions', 'roles', 'lines', 'affects'}

    Examples
    --------
    >>> from vcc_helpers.model import Case, Component, Relation, ServiceReading, Interaction
    >>> c = Case(id="t", title="T", components=(Component("a", "Ann", ("person",)),
    ...     Component("f", "Form", ("document",))), relations=(Relation("r1", "a", "f", "fills in"),),
    ...     service=ServiceReading(interactions=(Interaction("r1", "user", "indirect",
    ...                                                      because="alone, at home"),)))
    >>> reasons_table(c).rows
    (('r1: Ann → Form', 'user sphere, indirect', 'alone, at home'),)
    """  # noqa: E501 (a doctest's input is one line)
    none = "(no reason given)"
    rows: list[tuple[str, str, str]] = []
    sv, asm = case.service, case.assemblage
    if what == "interactions" and sv is not None:
        for i in sv.interactions:
            r = case._relations.get(i.relation)
            ends = f"{case.label(r.source)} → {case.label(r.target)}" if r else ""
            rows.append((f"{i.relation}: {ends}", f"{i.sphere} sphere, {i.mode}",
                         i.because or none))
    elif what == "roles" and sv is not None:
        for cid, roles in sv.roles.items():
            rows.append((case.label(cid), ", ".join(roles), sv.role_reasons.get(cid, none)))
    elif what == "lines" and asm is not None:
        for f in al.lines_of_flight(case):
            rows.append((f"from {f.source}", al.LINE_NAMES.get(f.line, f.line),
                         f.because or none))
    elif what == "affects" and asm is not None:
        for a in asm.affects:
            if a.because:
                r = case._relations.get(a.relation)
                ends = f"{case.label(r.source)} → {case.label(r.target)}" if r else ""
                rows.append((f"{a.relation}: {ends}", f"{a.tendency}, {a.direction}", a.because))
    elif what not in ("interactions", "roles", "lines", "affects"):
        raise ValueError(f"what must be 'interactions', 'roles', 'lines' or 'affects', "
                         f"not {what!r}")
    return Table(("Item", "Coded as", "Because"), rows,
                 caption=f"The coder's reasons: {what}",
                 empty=f"the reading records no reasons for its {what}.")


def territories_table(case: Case) -> Table:
    """The territories and the components that draw their edges.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> territories_table(tiny_case()).rows[0]
    ('The 8am queue', '8am phone line; Triage rule', 'Ringing at 8am', '')
    """
    rows = [(t.label, "; ".join(t.drawn_by_labels) or "(not said)",
             _episode_label(case, t.episode) if t.episode else "(whole case)", t.note)
            for t in al.territories(case)]
    return Table(("Territory", "Drawn by", "Episode", "Note"), rows,
                 caption="Territories, and what draws them",
                 empty="the assemblage reading records no territory.")


def roles_table(case: Case) -> Table:
    """DeLanda's material and expressive roles as the reading scores them (0 to 1).

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> roles_table(tiny_case()).rows
    (('Triage rule', '0.2', '0.9'),)
    """
    def fmt(x: float | None) -> str:
        return "-" if x is None else f"{x:g}"

    roles = case.assemblage.roles if case.assemblage else ()
    caption = "Material and expressive roles (scores the reading gives, 0 to 1)"
    empty = "the assemblage reading scores no component."
    if any(r.note for r in roles):
        return Table(("Component", "Material", "Expressive", "Note"),
                     [(case.label(r.component), fmt(r.material), fmt(r.expressive), r.note)
                      for r in roles], caption=caption, empty=empty)
    return Table(("Component", "Material", "Expressive"),
                 [(case.label(r.component), fmt(r.material), fmt(r.expressive)) for r in roles],
                 caption=caption, empty=empty)


def desire_notes(case: Case) -> Prose:
    """The reading's notes on what the arrangement keeps producing.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(desire_notes(tiny_case()))
    The reading notes what the arrangement keeps producing: The surgery keeps producing an 8am rush.
    """
    notes = case.assemblage.desire if case.assemblage else ()
    if not notes:
        return Prose("The reading records no notes on desire: what the arrangement keeps "
                     "producing is left for you to say.")
    return Prose("The reading notes what the arrangement keeps producing: "
                 + " ".join(n.strip() for n in notes))


def discussion_questions(case: Case) -> Prose:
    """The seminar questions of section 6.7, each asked only of what the case records.

    A question that presumes a fact (an aggregating affect, a line of flight, a
    capture, a relation in no sphere, an account for every relation) is asked
    in that form only when the case has it; otherwise it asks about the absence.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> text = str(discussion_questions(tiny_case()))
    >>> text.split(chr(10) * 2)[3]
    '3. Take one aggregating affect. Who is it a small inconvenience to, and who is it a wall to? Could the rule treat people differently and still be a rule, and who would decide the difference?'
    >>> "1 of its 7 relations" in text
    True
    """  # noqa: E501 (a doctest's expected output is one line)
    a = al.assemblage_reading(case)
    diminished = any(x.direction == "diminishes" for g in al.affect_economy(case)
                     if g.episode is not None for x in g.affects)
    unplaced = sl.unplaced_relations(case)
    flights = al.lines_of_flight(case)
    qs = []
    if diminished:
        qs.append("Choose an episode in which the most capacities are diminished. Who, in the "
                  "service reading, would be accountable for that episode? Would the people in "
                  "the case agree?")
    else:
        qs.append("The reading records no capacity diminished within an episode. Is that a "
                  "finding about the case, or about where the reading looked? Who in the case "
                  "might tell it differently?")
    if unplaced:
        qs.append("Which relation placed in no sphere by the service reading would a service "
                  "manager most need to know about? What would they have to do differently to "
                  "see it?")
    else:
        qs.append("The service reading places every relation in a sphere. Which placement would "
                  "you argue with, and what does the sphere leave out of that relation?")
    if a.present and a.aggregating:
        qs.append("Take one aggregating affect. Who is it a small inconvenience to, and who is "
                  "it a wall to? Could the rule treat people differently and still be a rule, and "
                  "who would decide the difference?")
    else:
        qs.append("The reading records no aggregating affect. Which rule, count, slot or "
                  "category in the case treats many bodies alike? Would you record it as one?")
    if flights and any(f.captured for f in flights):
        qs.append("Choose a line of flight. Argue first that it is a small act of resistance, "
                  "then that it is a danger to the body that takes it. What does the capture "
                  "tell you about the arrangement?")
    elif flights:
        qs.append("Choose a line of flight. Argue first that it is a small act of resistance, "
                  "then that it is a danger to the body that takes it. The reading records "
                  "nothing that captures it: what might, and would that be a rescue or a loss?")
    else:
        qs.append("The reading records no line of flight. Where in the case might something "
                  "leave its territory (a plan not followed, a routine broken), and with what "
                  "danger?")
    told = sum(1 for r in case.relations if r.account)
    n = len(case.relations)
    accounts = ("an account for every relation" if n and told == n else
                f"an account for {told} of its {n} relations")
    boundary = ", and a boundary" if case.assemblage and case.assemblage.boundary.strip() else \
        ", and no boundary note"
    qs.append(f"The case file has {accounts}{boundary}. Whose account is missing? What would the "
              "case look like told by someone it leaves out?")
    qs.append("If you were asked to improve the service described, which reading would you "
              "start from, and which would you use to check your plan?")
    lines = ["These questions have no answers in the package. They are for a seminar, a study "
             "group, or your own notes.", ""]
    lines += [f"{i}. {q}" for i, q in enumerate(qs, 1)]
    return Prose("\n\n".join(lines[:1] + lines[2:]))


def draft_facts(case: Case, draft: Draft) -> Prose:
    """Compare the unanswered draft with the assemblage reading the case file carries.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> from vcc_helpers.lenses.reinterpret import reinterpret
    >>> c = tiny_case()
    >>> text = str(draft_facts(c, reinterpret(c)))
    >>> text.startswith("The draft proposes"), "every one with an empty capacity" in text
    (True, True)
    >>> print(text.split(". ", 1)[1])
    The case file's own assemblage reading answers with 5 affects on 5 relations, 1 line of flight and 1 territory: one set of answers, not the answer.
    """  # noqa: E501 (a doctest's expected output is one line)
    n = len(draft.affects)
    empty = sum(1 for a in draft.affects if not a.capacity)
    every = "every one" if empty == n else f"{empty} of them"
    text = (f"The draft proposes **{_n(n, 'candidate affect')}**, {every} with an empty "
            f"capacity, and asks {_n(len(draft.questions()), 'question')}.")
    a = case.assemblage
    if a is None:
        text += " The case file has no assemblage reading of its own to compare with."
    else:
        rels = {x.relation for x in a.affects}
        text += (f" The case file's own assemblage reading answers with "
                 f"{_n(len(a.affects), 'affect')} on {_n(len(rels), 'relation')}, "
                 f"{_n(len(a.lines_of_flight), 'line')} of flight and "
                 f"{_n(len(a.territories), 'territory', 'territories')}: one set of answers, "
                 "not the answer.")
    return Prose(text)
