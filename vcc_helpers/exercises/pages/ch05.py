"""Chapter 5's page: a case, a draft and a residue as prose and tables; an example completion.

The checks live in :mod:`vcc_helpers.exercises.ch05`, which forwards these names.
"""
from __future__ import annotations

from typing import Any

from vcc_helpers.exercises._common import counted as _n, listing
from vcc_helpers.exercises.pages.display import Prose, Table
from vcc_helpers.lenses.reinterpret import CandidateAffect, Draft, Residue, ResidueItem
from vcc_helpers.model import Case

__all__ = [
    "SOURCE_WORDS", "summarise_case", "describe_case", "describe_draft", "describe_residue",
    "show", "show_prompts", "show_candidate", "wrap",
]


SOURCE_WORDS = {
    "teaching-case": "a teaching case written for this book, not a published study",
    "published-study": "a case drawn from a published study",
    "reader": "a case written by a reader",
}


# --------------------------------------------------------------------------------------
# Computed prose and tables
# --------------------------------------------------------------------------------------


def summarise_case(case: Case) -> Prose:
    """A computed sentence on what a case holds and where it comes from.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(summarise_case(tiny_case()))  # doctest: +NORMALIZE_WHITESPACE
    A morning trying to see a GP is a teaching case written for this book, not a
    published study. It has 8 components, 7 relations and 2 episodes (Ringing at 8am;
    Getting there); its service reading places 6 interactions in spheres and
    records 2 value claims.
    """
    s = case.service
    where = SOURCE_WORDS.get(case.source.kind, "a case")
    eps = (f" and {_n(len(case.episodes), 'episode')} "
           f"({'; '.join(e.label for e in case.episodes)})" if case.episodes else "")
    reading = ""
    if s is not None:
        reading = (f"; its service reading places {_n(len(s.interactions), 'interaction')} in "
                   f"spheres and records {_n(len(s.value), 'value claim')}")
    return Prose(f"{case.title} is {where}. It has **{_n(len(case.components), 'component')}**, "
                 f"**{_n(len(case.relations), 'relation')}**{eps}{reading}.")


describe_case = summarise_case
"""The old name of :func:`summarise_case` (kept so earlier notebooks run); the package's one
``describe_case`` is :func:`vcc_helpers.describe.describe_case`, the full report."""


def describe_draft(draft: Draft) -> Prose:
    """A computed sentence on what a draft holds, stressing that nothing is asserted.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> from vcc_helpers.lenses.reinterpret import reinterpret
    >>> text = str(describe_draft(reinterpret(tiny_case())))
    >>> text.startswith("The draft holds 8 components"), text.endswith("it does not assert.")
    (True, True)
    """
    empty = sum(1 for a in draft.affects if not a.capacity)
    unclear = all(a.direction == "unclear" for a in draft.affects)
    tail = ("the direction 'unclear': the draft asks, it does not assert" if unclear
            else "a direction filled in")
    return Prose(
        f"The draft holds **{_n(len(draft.components), 'component')}**, "
        f"**{_n(len(draft.affects), 'candidate affect')}**, "
        f"{_n(len(draft.territories), 'candidate territory', 'candidate territories')}, "
        f"{_n(len(draft.perspectives), 'quoted perspective')} and "
        f"{_n(len(draft.questions()), 'question')} in all. Every candidate affect has an empty "
        f"capacity ({empty} of {len(draft.affects)}) and {tail}.")


def describe_residue(res: Residue) -> Prose:
    """A computed sentence on the two sides of a residue report, by topic.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> from vcc_helpers.lenses.reinterpret import residue
    >>> print(describe_residue(residue(tiny_case())))  # doctest: +ELLIPSIS
    The service map cannot express ... things here (non-human 1, ...). The assemblage reading loses ... (accountability 2, ...).
    """  # noqa: E501 (a doctest's expected output is one line)
    def topics(items) -> str:
        counts: dict[str, int] = {}
        for i in items:
            counts[i.topic] = counts.get(i.topic, 0) + 1
        return listing(f"{k} {v}" for k, v in counts.items())
    a, b = res.service_cannot_express, res.assemblage_loses
    return Prose(f"The service map cannot express **{len(a)}** things here ({topics(a)}). "
                 f"The assemblage reading loses **{len(b)}** ({topics(b)}).")


def _limit_by_topic(items, per_topic: int | None) -> list[tuple[str, str]]:
    """Rows (topic, text) grouped by topic in order of first appearance.

    At most *per_topic* items of each topic are kept, followed by a count of the rest.
    """
    groups: dict[str, list[str]] = {}
    for i in items:
        groups.setdefault(i.topic, []).append(i.text)
    rows: list[tuple[str, str]] = []
    for topic, texts in groups.items():
        keep = texts if per_topic is None else texts[:per_topic]
        rows.extend((topic, t) for t in keep)
        if len(texts) > len(keep):
            rows.append((topic, f"... and {len(texts) - len(keep)} more of this kind."))
    return rows


def show(result: object, caption: str = "", per_topic: int | None = None) -> Table:
    """Show a :class:`~vcc_helpers.lenses.reinterpret.Draft` or a residue as a table.

    A draft shows its components, with the old service roles kept only as
    history and where each leans on DeLanda's first axis.  A
    :class:`~vcc_helpers.lenses.reinterpret.Residue` shows both sides, one item
    a row; one side alone (``res.service_cannot_express`` or
    ``res.assemblage_loses``) shows topic and text.  *per_topic* keeps at most
    that many items of each topic and counts the rest.

    Raises
    ------
    TypeError
        For a result of another kind.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> from vcc_helpers.lenses.reinterpret import reinterpret, residue
    >>> t = show(reinterpret(tiny_case()))
    >>> t.header
    ('Component', 'Was (service reading)', 'Leans', 'Questions')
    >>> t.rows[0]
    ('Mrs A', 'user', '', '1')
    >>> show(residue(tiny_case())).rows[0][0]
    'The service map cannot express'
    >>> loses = show(residue(tiny_case()).assemblage_loses, per_topic=1)
    >>> [row[0] for row in loses.rows][:4]
    ['accountability', 'accountability', 'voice', 'evaluation']
    >>> loses.rows[1][1]
    '... and 1 more of this kind.'
    """
    rows: list[tuple[Any, ...]]
    if isinstance(result, Draft):
        rows = [(c.label, listing(c.was, empty="(no role)"), c.lean, len(c.prompts))
                for c in result.components]
        return Table(("Component", "Was (service reading)", "Leans", "Questions"), rows,
                     caption or "The draft's components: old roles kept only as history")
    if isinstance(result, Residue):
        rows = ([("The service map cannot express",) + r
                 for r in _limit_by_topic(result.service_cannot_express, per_topic)]
                + [("The assemblage reading loses",) + r
                   for r in _limit_by_topic(result.assemblage_loses, per_topic)])
        return Table(("Side", "Topic", "What does not translate"), rows,
                     caption or "The residue, both ways")
    if isinstance(result, tuple) and all(isinstance(x, ResidueItem) for x in result):
        return Table(("Topic", "What does not translate"), _limit_by_topic(result, per_topic),
                     caption or "One side of the residue")
    raise TypeError(f"show() cannot display a {type(result).__name__}")


def show_prompts(draft: Draft, limit: int | None = 10) -> Table:
    """The draft's questions in procedure order, numbered (the first *limit*; ``None``: all).

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> from vcc_helpers.lenses.reinterpret import reinterpret
    >>> t = show_prompts(reinterpret(tiny_case()), limit=3)
    >>> [row[0] for row in t.rows], t.caption.startswith("The first 3 of ")
    (['1', '2', '3'], True)
    """
    qs = draft.questions()
    shown = qs if limit is None else qs[:limit]
    cap = (f"All {len(qs)} questions of the draft" if len(shown) == len(qs)
           else f"The first {len(shown)} of {len(qs)} questions of the draft")
    return Table(("#", "Question"), [(i + 1, q) for i, q in enumerate(shown)], cap)


def show_candidate(case: Case, candidate: CandidateAffect) -> Prose:
    """A candidate affect in words: the relation, whose capacity is in question, and the prompt.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> from vcc_helpers.lenses.reinterpret import reinterpret
    >>> c = tiny_case()
    >>> print(show_candidate(c, reinterpret(c).affects[0]))  # doctest: +NORMALIZE_WHITESPACE
    Relation r1, from 8am phone line to Mrs A: "keeps her on hold for forty minutes". The
    capacity in question is that of Mrs A. The draft asks: r1: what can Mrs A do, or no longer do,
    because 8am phone line keeps her on hold for forty minutes? Its capacity is empty and its
    direction 'unclear'.
    """
    r = case.relation(candidate.relation)
    lean = f" The service reading suggests it leans '{candidate.lean}'." if candidate.lean else ""
    return Prose(f"Relation **{r.id}**, from {case.label(r.source)} to {case.label(r.target)}: "
                 f"\"{r.does}\". The capacity in question is that of "
                 f"**{case.label(candidate.on)}**. "
                 f"The draft asks: {candidate.prompt} Its capacity is empty and its direction "
                 f"'{candidate.direction}'.{lean}")


def wrap(text: str, width: int = 72) -> str:
    """Wrap plain text for a narrow page, keeping list items' hanging indent.

    Lines starting with ``- `` continue under their first word; other lines wrap
    flush left; blank lines and underlines stay as they are.

    Examples
    --------
    >>> print(wrap("- one two three four", width=12))
    - one two
      three four
    """
    import textwrap
    out = []
    for line in text.splitlines():
        if len(line) <= width:
            out.append(line)
        elif line.startswith("- "):
            out.append(textwrap.fill(line, width, subsequent_indent="  ",
                                     break_on_hyphens=False, break_long_words=False))
        else:
            out.append(textwrap.fill(line, width, break_on_hyphens=False,
                                     break_long_words=False))
    return "\n".join(out)
