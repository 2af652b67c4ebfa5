"""Your case read back to you: prompts on a reader's own case, never grades.

:func:`feedback` reads a case and returns :class:`Prompt` items, each a
:class:`~vcc_helpers.casefile.Problem` (the one severity model of the package)
with one more field, ``section``: the part of the book that explains the call.
The validator's warnings and hints come first in the list of what is checked
(:func:`~vcc_helpers.casefile.check_case` already says, for instance, that a
joint-sphere interaction is coded indirect, or that an episode holds no
relation); this module adds prompts no schema can say:

======================  =================================================================
code                    the prompt
======================  =================================================================
no-acting-non-human     no non-human component does anything to anyone
only-creation           the service reading considers no destruction, mixed or dis/value
provider-account-only   every value claim is told by the provider's side
flight-without-danger   a line of flight whose danger is a placeholder ("none")
flight-without-capture  a line of flight with no capture considered
flight-or-crack         a line of flight toward a route the service offers (named by id or label)
one-direction           every affect runs in one direction
organisation-as-person  an organisation coded as a person (or as a thing)
isolated-component      a component in no relation
no-reason               a reading none of whose codings says why (``because``)
======================  =================================================================

The order is by how much a prompt matters (:data:`ORDER`: first what a lens
hides, then codings that contradict the book, then gaps in the description,
then reasons, then vocabulary), and within one code by the place in the file,
so the same case always reads back the same.  Labels are data: a message quotes
them escaped and cut (``casefile.problems.shown``), and the
HTML of the builder's panel (``vcc_helpers.widgets.readback``) escapes every message.

Examples
--------
>>> from vcc_helpers.model import Case, Component, Relation
>>> c = Case("t", "T", components=(Component("a", "Mrs A", ("person",)),
...                                Component("b", "Bed", ("thing",)),
...                                Component("c", "Cat", ("animal",))),
...          relations=(Relation("r1", "a", "b", "lies on"),))
>>> [p.code for p in feedback(c)]
['no-acting-non-human', 'isolated-component']
>>> print(feedback(c)[1].text())
hint: components[2]: 'Cat' (c) takes part in no relation: what does it do, or what is done to it? If nothing, it may not belong in the case (see chapter 7, §7.2 Describe before you read)
"""  # noqa: E501 (a doctest's expected output is one line)
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .casefile import CaseFileError, Problem, case_to_data, check_case, check_data
from .casefile.problems import shown
from .model import HUMAN_KINDS, Case, Component

__all__ = ["Prompt", "feedback", "feedback_file", "ORDER", "SECTIONS", "ALSO", "TITLES",
           "section_of"]


@dataclass(frozen=True)
class Prompt(Problem):
    """A :class:`~vcc_helpers.casefile.Problem` that also names the book section
    explaining the call (``section``, e.g. ``"chapter 3, §3.5 The positive bias"``)."""

    section: str = ""

    def text(self) -> str:
        """One line for people: severity, where, what, and the section to read."""
        where = f"{self.file}:{self.line}:{self.column}: " if self.line else ""
        see = f" (see {self.section})" if self.section else ""
        return f"{self.severity}: {where}{self.field}: {self.message}{see}"


# code -> (chapter document, section title).  Titles are the chapters' own headings
# (a test checks each one is still in its chapter).
SECTIONS: dict[str, tuple[str, str]] = {
    "no-acting-non-human": ("chapters/03-what-service-logic-struggles-to-hold",
                            "3.3 Non-humans as resources"),
    "only-creation": ("chapters/03-what-service-logic-struggles-to-hold",
                      "3.5 The positive bias"),
    "provider-account-only": ("chapters/02-service-logic",
                              "2.1 From goods to service: service-dominant logic"),
    "joint-indirect": ("chapters/02-service-logic", "2.2 Critical service logic: three spheres"),
    "flight-without-danger": ("chapters/04-thinking-with-assemblages",
                              "4.6 Lines of flight, and their dangers"),
    "flight-without-capture": ("chapters/04-thinking-with-assemblages",
                               "4.6 Lines of flight, and their dangers"),
    "flight-or-crack": ("chapters/making-the-calls", "2.3 Three kinds of line"),
    "one-direction": ("chapters/04-thinking-with-assemblages", "4.8 Affect and capacity"),
    "organisation-as-person": ("chapters/04-thinking-with-assemblages",
                               "4.3 Assemblage: an arrangement, not a list"),
    "organisation-as-thing": ("chapters/04-thinking-with-assemblages",
                              "4.3 Assemblage: an arrangement, not a list"),
    "isolated-component": ("chapters/07-your-own-case", "7.2 Describe before you read"),
    "unused-episode": ("chapters/07-your-own-case", "7.2 Describe before you read"),
    "self-relation": ("chapters/07-your-own-case", "7.2 Describe before you read"),
    "no-reason": ("chapters/07-your-own-case", "7.6 Through both lenses"),
    "reason-without-role": ("chapters/07-your-own-case", "7.6 Through both lenses"),
}
_VALIDATOR_SECTION = ("chapters/07-your-own-case", "Reading the validator's messages")

ALSO: dict[str, tuple[str, str]] = {
    "only-creation": ("chapters/making-the-calls", "2.4 Destruction, mixed or dis/value"),
    "joint-indirect": ("chapters/making-the-calls", "2.1 Sphere and mode"),
    "flight-without-danger": ("chapters/making-the-calls", "2.3 Three kinds of line"),
    "flight-without-capture": ("chapters/making-the-calls", "2.3 Three kinds of line"),
    "no-reason": ("chapters/making-the-calls", "1. Why a codebook"),
    "provider-account-only": ("chapters/06-worked-example", "6.3 Reading through service logic"),
}
"""A second section for some codes: the codebook's rule for the call, or where a chapter
applies it (a test checks each title is still in its chapter, as for ``SECTIONS``)."""

TITLES: dict[str, str] = {
    "no-acting-non-human": "no non-human component does anything to anyone",
    "only-creation": "no value destroyed, mixed or dis/value considered",
    "provider-account-only": "every value claim told by the provider's side",
    "joint-indirect": "a joint-sphere interaction coded indirect",
    "flight-without-danger": "a line of flight with no real danger",
    "flight-without-capture": "a line of flight with no capture considered",
    "flight-or-crack": "a line of flight toward a route the service offers",
    "one-direction": "every affect in one direction",
    "organisation-as-person": "an organisation coded as a person",
    "organisation-as-thing": "an organisation coded as a thing",
    "isolated-component": "a component in no relation",
    "unused-episode": "an episode with no relation",
    "self-relation": "a relation from a component to itself",
    "no-reason": "a reading that never says why",
    "reason-without-role": "a reason for a role that is not given",
}
"""Each prompt code in a few words (for tables that count prompts, such as the class report)."""

ORDER: tuple[str, ...] = (
    # what a lens hides
    "no-acting-non-human", "only-creation", "provider-account-only",
    # codings that contradict the book
    "joint-indirect", "flight-without-danger", "flight-without-capture", "flight-or-crack",
    "one-direction",
    "organisation-as-person", "organisation-as-thing",
    # gaps in the description
    "isolated-component", "unused-episode", "self-relation",
    # reasons
    "no-reason", "reason-without-role",
)
"""Codes by how much they matter; any other validator warning comes next, then hints."""

_ORGANISATION_WORDS = re.compile(
    r"\b(council|trust|nhs|department|ministry|agency|authority|charity|company|ltd|plc|"
    r"firm|association|foundation|commission|dwp|hmrc|practice|surgery)\b", re.I)
_OF_SOMETHING = re.compile(r"\b(at|of|for|from|in|with)\b|['\u2019]s\b", re.I)
_PLACEHOLDER = re.compile(r"\s*(none|no|n/?a|nothing|-+|\?+|tbc|todo)\.?\s*\Z", re.I)
_CAPTURE_WORDS = re.compile(r"captur|reterritoriali", re.I)
_ACTING_KINDS = HUMAN_KINDS | {"organisation"}


def _sounds_like_organisation(label: str) -> bool:
    """An organisation's word among a label's first three words, and no "at", "of", "for",
    "from" or "'s" that would make it somebody *of* the organisation.

    >>> _sounds_like_organisation("Hospital trust"), _sounds_like_organisation("An adviser at the charity")
    (True, False)
    """  # noqa: E501
    words = label.split()
    if _OF_SOMETHING.search(label):
        return False
    return bool(_ORGANISATION_WORDS.search(" ".join(words[:3])))


def section_of(code: str) -> tuple[str, str]:
    """The (chapter document, section title) that explains a prompt or warning code.

    >>> section_of("only-creation")
    ('chapters/03-what-service-logic-struggles-to-hold', '3.5 The positive bias')
    >>> section_of("new-kind")[1]
    "Reading the validator's messages"
    """
    return SECTIONS.get(code, _VALIDATOR_SECTION)


def section_text(code: str) -> str:
    """The section for people: ``"chapter 3, §3.5 The positive bias"``.

    >>> section_text("one-direction")
    'chapter 4, §4.8 Affect and capacity'
    >>> section_text("joint-indirect")
    'chapter 2, §2.2 Critical service logic: three spheres; Making the calls, §2.1 Sphere and mode'
    """
    return "; ".join(_place(doc, title) for doc, title in
                     (section_of(code), *([ALSO[code]] if code in ALSO else [])))


def _place(doc: str, title: str) -> str:
    name = doc.split("/")[-1]
    if not name[:2].isdigit():  # an unnumbered chapter: the codebook
        return f"{name.replace('-', ' ').capitalize()}, §{title}"
    return f"chapter {int(name[:2])}, §{title}"


def _named(c: Component) -> str:
    return f"{shown(c.label, 40)} ({c.id})"


def _non_human(c: Component) -> bool:
    return bool(c.kinds) and not _ACTING_KINDS.intersection(c.kinds)


def _acting(c: Component | None) -> bool:
    return c is not None and bool(_ACTING_KINDS.intersection(c.kinds))


def _and(names: list[str], limit: int = 3) -> str:
    shown_ = names[:limit] + ([f"{len(names) - limit} more"] if len(names) > limit else [])
    return shown_[0] if len(shown_) == 1 else ", ".join(shown_[:-1]) + " and " + shown_[-1]


class _Found(list):
    """The prompts found so far: ``add(code, loc, message)``."""

    def __init__(self, filename: str) -> None:
        super().__init__()
        self.filename = filename

    def add(self, code: str, loc: tuple, message: str, severity: str = "hint") -> None:
        from .casefile.problems import field_path

        self.append(Prompt(self.filename, 0, 0, field_path(loc) or "(top)", message,
                           severity, code, loc, section_text(code)))


def _description(case: Case, out: _Found) -> None:
    comps = case._components
    if case.relations:
        nonhuman = [c for c in case.components if _non_human(c)]
        acts = any(_non_human(comps[r.source]) and _acting(comps.get(r.target))
                   for r in case.relations if r.source in comps)
        if not acts:
            if nonhuman:
                msg = (f"no non-human component does anything to anyone: "
                       f"{_and([_named(c) for c in nonhuman])} only "
                       f"{'is' if len(nonhuman) == 1 else 'are'} acted on or act on things. "
                       "Does a thing, a rule, a place or a time change what someone can do?")
            else:
                msg = ("every component is a person, a group or an organisation: which "
                       "things, rules, places or times take part, and what do they do to "
                       "whom?")
            out.add("no-acting-non-human", ("components",), msg)
    for i, c in enumerate(case.components):
        kinds = set(c.kinds)
        if "organisation" in kinds and kinds & {"person", "thing"}:
            both = "person" if "person" in kinds else "thing"
            out.add(f"organisation-as-{both}", ("components", i, "kinds"),
                    f"{_named(c)} is coded both an organisation and a {both}: in the "
                    "assemblage reading an organisation is a composite of people, things, rules "
                    "and places (the service reading may keep it as one actor with a role). "
                    "Which part acts here? It may be worth its own component.")
        elif kinds and kinds <= {"person", "thing"} and _sounds_like_organisation(c.label):
            both = "person" if "person" in kinds else "thing"
            out.add(f"organisation-as-{both}", ("components", i, "kinds"),
                    f"{_named(c)} sounds like an organisation but is coded a {both}: is it "
                    "one body, or a composite of people, things and rules (kind "
                    "'organisation')?")
    used = {x for r in case.relations for x in (r.source, r.target)}
    for i, c in enumerate(case.components):
        if c.id not in used:
            out.add("isolated-component", ("components", i),
                    f"{_named(c)} takes part in no relation: what does it do, or what is done "
                    "to it? If nothing, it may not belong in the case")


def _service(case: Case, out: _Found) -> None:
    sv = case.service
    if sv is None:
        return
    P = ("readings", "service")
    if not any(v.valence != "creation" for v in sv.value):
        if sv.value:
            msg = (f"all {len(sv.value)} value claims are of creation: is any value destroyed, "
                   "mixed (gain and loss for the same party), or dis/value (a value relation "
                   "that was coerced, against a will the person expressed, or a decision about "
                   "that person taken without the voice the service's own procedures promise "
                   "them)? "
                   "If one act is value for one party and loss for another, record two claims")
        else:
            msg = ("the service reading makes no value claim: for whom is value created, and "
                   "is any destroyed (valence 'destruction', 'mixed' or 'dis/value')?")
        out.add("only-creation", (*P, "value"), msg)
    provider_side = {cid for cid, roles in sv.roles.items()
                     if {"provider", "frontline-staff"} & set(roles)}
    if sv.value and all(v.claimed_by in provider_side for v in sv.value):
        who = sorted({v.claimed_by for v in sv.value})
        out.add("provider-account-only", (*P, "value"),
                f"every value claim is told by the provider's side "
                f"({_and([_named(case._components[w]) if w in case._components else w for w in who])}): "  # noqa: E501
                "value is determined by the beneficiary: what would the beneficiary, or "
                "someone else outside the provider, say was created or destroyed?")


_LINE_NAMES = {"flight": "line of flight", "molecular": "supple (molecular) line",
               "molar": "molar line"}


def _route_named(text: str, routes: list[Component]) -> Component | None:
    """The first of *routes* that *text* names exactly: by a hyphenated id as a whole word,
    or by its whole label (a leading "the" optional) of two words or more, as a phrase.
    Loose words do not count: "the carers' folder" names no component "carers", and "a menu"
    does not name "The menu"."""
    low = text.lower()
    for c in routes:
        label = re.sub(r"^the\s+", "", c.label.strip().lower())
        by_id = "-" in c.id and re.search(rf"(?<![\w-]){re.escape(c.id.lower())}(?![\w-])", low)
        by_label = len(label.split()) >= 2 and re.search(rf"(?<!\w){re.escape(label)}(?!\w)", low)
        if by_id or by_label:
            return c
    return None


def _service_side(case: Case) -> tuple[list[Component], list[Component]]:
    """(the provider's side, what carries the provider's propositions) in the service reading."""
    sv, comps = case.service, case._components
    if sv is None:
        return [], []
    side = []
    for cid, roles in sv.roles.items():
        named = {roles} if isinstance(roles, str) else set(roles)
        if cid in comps and {"provider", "frontline-staff"} & named:
            side.append(comps[cid])
    offered = [comps[p.carried_by] for p in sv.propositions
               if p.carried_by is not None and p.carried_by in comps]
    return side, offered


def _assemblage(case: Case, out: _Found) -> None:
    asm = case.assemblage
    if asm is None:
        return
    _, offered = _service_side(case)
    P = ("readings", "assemblage")
    for i, f in enumerate(asm.lines_of_flight):
        kind = _LINE_NAMES.get(f.line, "line of flight")
        where = f"the {kind} from {shown(f.source, 40)}" + (
            f" in {shown(case.label(f.episode), 40)} ({f.episode})" if f.episode else "")
        if _PLACEHOLDER.match(f.danger):
            out.add("flight-without-danger", (*P, "lines_of_flight", i, "danger"),
                    f"{where} has {shown(f.danger)} as its danger: no line is "
                    "simply good. What could it turn into, or whom could it harm?")
        if not f.captured_by and not _CAPTURE_WORDS.search(f"{f.note} {f.danger} {f.because}"):
            out.add("flight-without-capture", (*P, "lines_of_flight", i),
                    f"{where} says nothing of capture: what might take it back into a "
                    "territory (captured_by), or is nothing able to?")
        # Capture is no evidence either way: lines of flight are usually captured. The one
        # structural sign is rule 7's exclusion, a flight toward what carries one of the
        # service's own propositions, named by id or whole label.
        to = _route_named(f.toward, offered) if f.line == "flight" else None
        if to is not None:
            out.add("flight-or-crack", (*P, "lines_of_flight", i),
                    f"{where} leads toward {_named(to)}, a route the service itself offers: "
                    "does it first leave the way the segments are cut, or only bend them? A "
                    "switch between routes the service offers is not a line of flight (rule 7)")
    directions = {a.direction for a in asm.affects}
    if len(asm.affects) >= 2 and len(directions) == 1:
        (d,) = directions
        out.add("one-direction", (*P, "affects"),
                f"all {len(asm.affects)} affects are coded {d!r}: does any relation "
                f"{'diminish' if d == 'enhances' else 'enhance'} what a body can do, or is "
                "the case really one-sided?")


def _reasons(case: Case, out: _Found) -> None:
    sv, asm = case.service, case.assemblage
    if sv is not None:
        items = [*sv.interactions, *sv.propositions, *sv.value]
        if (items or sv.roles) and not sv.role_reasons \
                and all(not getattr(x, "because", None) for x in items):
            out.add("no-reason", ("readings", "service"),
                    f"the service reading codes {len(sv.roles)} roles and {len(items)} "
                    "interactions, propositions and value claims, and none says why: add a "
                    "'because' to the codings a reader could doubt")
    if asm is not None:
        items = [*asm.affects, *asm.roles, *asm.lines_of_flight, *asm.territories]
        if items and all(not getattr(x, "because", None) for x in items):
            out.add("no-reason", ("readings", "assemblage"),
                    f"none of the assemblage reading's {len(items)} codings (affects, roles, "
                    "lines of flight, territories) says why: add a 'because' to the ones a "
                    "reader could doubt")


def _rank(p: Problem) -> tuple:
    code = p.code
    if code in ORDER:
        first = ORDER.index(code)
    else:
        first = len(ORDER) + (0 if p.severity == "warning" else 1)
    where = tuple((0, k, "") if isinstance(k, int) else (1, 0, str(k)) for k in p.loc)
    return (first, p.line, p.column, where, p.message)


def _as_prompt(p: Problem) -> Prompt:
    if isinstance(p, Prompt):
        return p
    return Prompt(p.file, p.line, p.column, p.field, p.message, p.severity, p.code, tuple(p.loc),
                  section_text(p.code))


def feedback(case: Case, notes: list[Problem] | None = None, *,
             filename: str = "<case>") -> list[Prompt]:
    """Read a case back: the validator's warnings and hints, and the prompts above.

    Parameters
    ----------
    case : Case
    notes : list of Problem, optional
        The validator's warnings and hints for this case, when already known (the
        case builder and :func:`feedback_file` pass them); by default they are
        worked out from the case's data (``check_data(case_to_data(case))``).
    filename : str
        The file name the prompts carry.

    Returns
    -------
    list of Prompt
        In :data:`ORDER`, then by place; never errors (an error refuses a file
        before it can be read back).

    See Also
    --------
    feedback_file : the same for a case file, with lines and columns.
    """
    if notes is None:
        _, _, notes = check_data(case_to_data(case), filename=filename)
    out = _Found(filename)
    _description(case, out)
    _service(case, out)
    _assemblage(case, out)
    _reasons(case, out)
    found = [_as_prompt(n) for n in notes if n.severity != "error"] + list(out)
    return sorted(found, key=_rank)


def _positions(path: Path, prompts: list[Prompt]) -> list[Prompt]:
    """Give each prompt without a position the line and column of its ``loc`` in the file."""
    from .casefile.read import compose_text, format_of, read_text
    from yaml.nodes import MappingNode, SequenceNode

    try:
        text = read_text(path, None)
        root = compose_text(text, format_of(path.name, text), [])
    except Exception:  # noqa: BLE001 - positions are a courtesy; the case was read already
        return prompts

    def find(loc: tuple):
        node, best = root, root
        for key in loc:
            nxt = None
            if isinstance(node, MappingNode):
                nxt = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
            elif isinstance(node, SequenceNode) and isinstance(key, int) \
                    and key < len(node.value):
                nxt = node.value[key]
            if nxt is None:
                break
            node = best = nxt
        return best

    out = []
    for p in prompts:
        if p.line == 0 and root is not None and p.loc:
            mark = find(p.loc).start_mark
            p = Prompt(p.file, mark.line + 1, mark.column + 1, p.field, p.message, p.severity,
                       p.code, p.loc, p.section)
        out.append(p)
    return out


def feedback_file(path: str | os.PathLike, filename: str | None = None
                  ) -> tuple[Case, list[Prompt]]:
    """Read a case file back: ``(case, prompts)``, every prompt with its line and column.

    Raises
    ------
    vcc_helpers.casefile.CaseFileError
        The file is refused by the validator (its errors are in ``problems``).
    """
    name = filename or str(path)
    case, errors, notes = check_case(Path(path), filename=name)
    if errors or case is None:
        raise CaseFileError(errors)
    return case, sorted(_positions(Path(path), feedback(case, notes, filename=name)), key=_rank)
