"""Chapter 5, *From service logic to a logic of assemblage*: display helpers and answer checks.

The chapter reinterprets Chapter 2's GP appointment case with
:func:`vcc_helpers.lenses.reinterpret.reinterpret`, reads the residue both ways
with :func:`~vcc_helpers.lenses.reinterpret.residue` and ends with
:func:`~vcc_helpers.lenses.reinterpret.could_not_hold`.  This module shows their
results as small tables and computed sentences, and checks the exercises.

Every check takes the reader's answer and returns a
:class:`~vcc_helpers.exercises._common.Feedback`; none raises on a wrong or
malformed answer.

Examples
--------
>>> print(check_abstract_claims({"a": True}))  # doctest: +ELLIPSIS
Not yet: 1 of 7 answered correctly so far.
...
>>> print(check_abstract_claims({}))  # doctest: +ELLIPSIS
Not yet: ...
"""
from __future__ import annotations

from typing import Any

from vcc_helpers.lenses.reinterpret import CandidateAffect, Draft, Residue, ResidueItem
from vcc_helpers.model import (
    CHARACTERS,
    DIRECTIONS,
    TENDENCIES,
    Affect,
    Case,
)

from ._common import (
    Feedback, Prose, Table, key_digest, listing, model_answer, reasons, counted as _n,
)

__all__ = [
    "summarise_case", "describe_draft", "describe_residue", "show", "show_prompts", "wrap",
    "show_candidate", "example_completion", "check_affect",
    "ABSTRACT_CLAIMS", "check_abstract_claims",
    "RESIDUE_ITEMS", "RESIDUE_SIDES", "check_residue_sides",
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


def example_completion(case: Case, candidate: CandidateAffect) -> Affect:
    """One possible completion of a candidate affect, for the solution of exercise ch5-ex3.

    It is *an* answer, not the answer: any completion that names a capacity, a
    direction and a tendency on the candidate's relation and body passes
    :func:`check_affect`.  When the case file's own assemblage reading already
    has an affect on the same relation and body, with a direction and tendency
    chosen, that reading is returned (the case author's answer); otherwise a
    cautious completion is built from the relation's own words.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> from vcc_helpers.lenses.reinterpret import reinterpret
    >>> c = tiny_case()
    >>> a = example_completion(c, reinterpret(c).affects[0])
    >>> a.relation, a.on, a.direction != "unclear", bool(check_affect(c, a))
    ('r1', 'mrs-a', True, True)
    """
    r = case.relation(candidate.relation)
    for a in case.assemblage.affects if case.assemblage else ():
        if (a.relation == r.id and (a.on or r.target) == candidate.on and a.capacity
                and a.direction != "unclear" and a.tendency != "unclear"):
            return Affect(a.relation, a.capacity, a.direction, a.tendency, a.character,
                          on=candidate.on)
    other = case.label(candidate.by)
    return Affect(candidate.relation,
                  capacity=f"can act only within what {other} allows when it {r.does}",
                  direction="diminishes", tendency="territorialising", character="unclear",
                  on=candidate.on)


_FEELING_WORDS = ("feel", "felt", "happy", "sad", "angry", "upset", "anxious", "frustrat",
                  "annoyed", "worried", "stress", "emotion", "pleased", "relieved")


def check_affect(case: Case, affect: object) -> Feedback:
    """Exercise ch5-ex3: is this a complete affect on a relation and body of *case*?

    The check looks at form, not truth: the relation exists; the body is one
    end of it; the capacity says in words what the body can or can no longer do
    (not only how someone feels); direction and tendency are chosen (not
    ``'unclear'``); every value is from the lens's vocabulary.

    Parameters
    ----------
    case : Case
    affect : Affect

    Returns
    -------
    Feedback

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> c = tiny_case()
    >>> good = Affect("r2", "can be seen the same morning", "enhances", "territorialising",
    ...               "singular", on="mrs-a")
    >>> check_affect(c, good).correct
    True
    >>> f = check_affect(c, Affect("r2", "feels relieved", on="mrs-a"))
    >>> f.correct, len(f.hints)
    (False, 3)
    """
    if not isinstance(affect, Affect):
        return Feedback(False, "Not yet: write an Affect, e.g. Affect(candidate.relation, "
                               "capacity=\"can ...\", direction=\"enhances\", "
                               "tendency=\"territorialising\", on=candidate.on).")
    relations = {r.id: r for r in case.relations}
    r = relations.get(affect.relation)
    if r is None:
        return Feedback(False, f"Not yet: {affect.relation!r} is not a relation of this case.",
                        (f"Use candidate.relation, or one of "
                         f"{listing(sorted(relations))}.",))
    hints: list[str] = []
    on = affect.on or r.target
    if on not in (r.source, r.target):
        hints.append(f"The body whose capacity changes should be one end of {r.id}: "
                     f"{case.label(r.source)} or {case.label(r.target)}.")
    cap = affect.capacity.strip() if isinstance(affect.capacity, str) else ""
    if not cap:
        hints.append("Say in words what the body can now do, or can no longer do, "
                     "e.g. \"can no longer ...\".")
    elif any(w in cap.lower() for w in _FEELING_WORDS) and "can" not in cap.lower().split():
        hints.append("Affect is not emotion: say what the body can or can no longer do, "
                     "not only how someone feels.")
    if affect.direction not in DIRECTIONS or affect.direction == "unclear":
        hints.append("Choose a direction: 'enhances' or 'diminishes' (leave 'unclear' only if "
                     "you truly cannot tell, and then say why in your notes).")
    if affect.tendency not in TENDENCIES or affect.tendency == "unclear":
        options = [repr(t) for t in TENDENCIES if t != "unclear"]
        hints.append(f"Choose a tendency: {', '.join(options[:-1])} or {options[-1]}.")
    if affect.character not in CHARACTERS:
        options = [repr(c) for c in CHARACTERS]
        hints.append(f"The character must be {', '.join(options[:-1])} or {options[-1]}.")
    if hints:
        return Feedback(False, "Not yet: the affect is not complete.", tuple(hints))
    return Feedback(True, f"Complete: on {r.id}, {case.label(on)} {cap} ({affect.direction}, "
                          f"{affect.tendency}, {affect.character}). The check can see the form, "
                          "not whether it is true of the case: test it against what you know.")


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


# --------------------------------------------------------------------------------------
# Exercise 1: what the abstract supports
# --------------------------------------------------------------------------------------

ABSTRACT_CLAIMS: dict[str, str] = {
    'a': 'The article draws on Deleuze and Guattari.',
    'b': 'The article uses the concept of lines of flight.',
    'c': ('The authors argue that current conceptualisations lack a philosophical '
          'foundation for value creation.'),
    'd': "The article's practical example is a hospital discharge.",
    'e': ('The article repositions the basis of value co-creation from a service logic to a'
          ' logic of assemblage.'),
    'f': "The article builds on DeLanda's neo-assemblage theory.",
    'g': ("The article notes that the view of value as created through the user's wider "
          'life experience is not agreed.'),
}
"""Chapter 5, exercise 1: letter -> the claim."""

_ABSTRACT_KEY: dict[str, str] = {
    "a": "83cb9adee2135a5c", "b": "fe82a889da2b2613", "c": "732395c58323ef51",
    "d": "aaedccebb9ce5b0f", "e": "85175a371ead47b0", "f": "91d2de6670330f5b",
    "g": "1e6d88bfc7396baa",
}
"""Exercise ch5-ex1's key as digests (the key itself: ``answers.ch05.ABSTRACT_ANSWER``)."""


def __getattr__(name: str):
    if name in ("ABSTRACT_ANSWER", "RESIDUE_ANSWER"):
        return model_answer("ch05", name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _as_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        v = value.strip().lower()
        if v in {"true", "yes", "y", "supported", "t"}:
            return True
        if v in {"false", "no", "n", "not supported", "unknown", "f", "cannot know"}:
            return False
    return None


def check_abstract_claims(answer: object) -> Feedback:
    """Exercise ch5-ex1: which claims does the abstract of Cluley & Radnor (2020) support?

    Parameters
    ----------
    answer : dict
        Letter (``"a"`` to ``"g"``) -> ``True`` (supported) or ``False`` (not
        supported, or not knowable from the abstract).

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.ch05 import ABSTRACT_ANSWER
    >>> print(check_abstract_claims({**ABSTRACT_ANSWER, "d": True}).hints[0])  # doctest: +ELLIPSIS
    Claim d: think again. ...
    """
    if not isinstance(answer, dict):
        return Feedback(False, "Not yet: give a dictionary from letter to True or False, "
                               "for each of the letters a to g.")
    given: dict[str, bool] = {}
    for k, v in answer.items():
        key = str(k).strip().lower()
        b = _as_bool(v)
        if key in ABSTRACT_CLAIMS and b is not None:
            given[key] = b
    missing = [k for k in ABSTRACT_CLAIMS if k not in given]
    wrong = [k for k in ABSTRACT_CLAIMS
             if k in given and key_digest("ch5-ex1", k, given[k]) != _ABSTRACT_KEY[k]]
    if not missing and not wrong:
        yes = [k for k in ABSTRACT_CLAIMS if given[k]]
        return Feedback(True, f"Right: the abstract supports {listing(yes)}. For the rest, "
                              "\"we cannot tell from the abstract\" is the honest answer.")
    why = reasons("ch05", "ABSTRACT_WHY")
    hints = tuple(f"Claim {k}: think again. {why.get(k, '')}".rstrip() for k in wrong)
    if missing:
        hints += (f"Still to answer: {listing(missing)}.",)
    done = len(ABSTRACT_CLAIMS) - len(missing) - len(wrong)
    return Feedback(False, f"Not yet: {done} of {len(ABSTRACT_CLAIMS)} answered correctly so far.",
                    hints)


# --------------------------------------------------------------------------------------
# Exercise 2: which side of the residue
# --------------------------------------------------------------------------------------

RESIDUE_SIDES: tuple[str, str] = ("service_cannot_express", "assemblage_loses")
"""The two sides of a residue report (the field names of
:class:`~vcc_helpers.lenses.reinterpret.Residue`)."""

RESIDUE_ITEMS: dict[str, str] = {
    'a': ('The appointment slots running out, which turns the phone queue into a message to'
          ' ring tomorrow.'),
    'b': 'Who is accountable when a patient is not seen.',
    'c': ("L's capacity to be seen, produced by her shift rota, the school run, the online "
          'form and the triage script together.'),
    'd': 'A satisfaction score that can be compared across practices.',
    'e': ("The 8 am phone line, which treats every caller alike whatever their working day:"
          " a thing that sorts bodies, not a rule that actors share."),
    'f': "The practice's offer of help online, without waiting on the phone.",
    'g': ("Mr E's grief taking over a consultation set up as a diabetes review, and the"
          " record's codes, which have no box for it."),
}
"""Chapter 5, exercise 2: letter -> the item."""

_RESIDUE_KEY: dict[str, str] = {
    "a": "ee8ddca571059bf7", "b": "7aa1bba9f32b0790", "c": "7c018e38507134d3",
    "d": "90a8cfdec65976e7", "e": "da26acce7221f276", "f": "5be61e2285ee9258",
    "g": "e1353e9f3f1a725b",
}
"""Exercise ch5-ex2's key as digests (the key itself: ``answers.ch05.RESIDUE_ANSWER``)."""


def _side(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    v = value.strip().lower().replace("-", "_").replace(" ", "_")
    if v in RESIDUE_SIDES:
        return v
    if "service" in v or "cannot" in v or v == "sl":
        return "service_cannot_express"
    if "assemblage" in v or "lose" in v or v == "al":
        return "assemblage_loses"
    return None


def check_residue_sides(answer: object) -> Feedback:
    """Exercise ch5-ex2: sort each item into the side of the residue it belongs to.

    Parameters
    ----------
    answer : dict
        Letter (``"a"`` to ``"g"``) -> ``"service_cannot_express"`` or
        ``"assemblage_loses"``.

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.ch05 import RESIDUE_ANSWER
    >>> check_residue_sides(RESIDUE_ANSWER).correct
    True
    >>> f = check_residue_sides({**RESIDUE_ANSWER, "b": "service_cannot_express"})
    >>> f.correct
    False
    >>> print(f.hints[0])  # doctest: +ELLIPSIS
    Item b: think again. It is on the other side: ...
    """
    if not isinstance(answer, dict):
        return Feedback(False, "Not yet: give a dictionary from letter to "
                               "\"service_cannot_express\" or \"assemblage_loses\".")
    given = {str(k).strip().lower(): _side(v) for k, v in answer.items()}
    hints = []
    right = 0
    missing = []
    residue_why = reasons("ch05", "RESIDUE_WHY")
    for k in RESIDUE_ITEMS:
        why = residue_why.get(k, "which reading can hold it?")
        if k not in given:
            missing.append(k)
        elif given[k] is None:
            hints.append(f"Item {k}: write \"service_cannot_express\" or \"assemblage_loses\".")
        elif key_digest("ch5-ex2", k, given[k]) != _RESIDUE_KEY[k]:
            hints.append(f"Item {k}: think again. It is on the other side: {why}.")
        else:
            right += 1
    if right == len(RESIDUE_ITEMS):
        return Feedback(True, "Right: each item is on its side. Neither list is empty, for any "
                              "case: that is the trade-off.")
    if missing:
        hints.append(f"Still to sort: {listing(missing)}.")
    return Feedback(False, f"Not yet: {right} of {len(RESIDUE_ITEMS)} sorted correctly.",
                    tuple(hints))




