"""Chapter 5, *From service logic to a logic of assemblage*: the answer checks.

The chapter reinterprets Chapter 2's GP appointment case with
:func:`vcc_helpers.lenses.reinterpret.reinterpret`, reads the residue both ways
with :func:`~vcc_helpers.lenses.reinterpret.residue` and ends with
:func:`~vcc_helpers.lenses.reinterpret.could_not_hold`.  This module shows their
results as small tables and computed sentences (in
:mod:`vcc_helpers.exercises.pages.ch05`, whose names this module forwards: :data:`SHOWN`);
this module checks the exercises.

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

from vcc_helpers.lenses.reinterpret import CandidateAffect
from vcc_helpers.model import CHARACTERS, DIRECTIONS, TENDENCIES, Affect, Case

from ._common import Feedback, key_digest, listing, model_answer, page_helper, reasons

__all__ = [
    "example_completion", "check_affect", "ABSTRACT_CLAIMS", "check_abstract_claims",
    "RESIDUE_ITEMS", "RESIDUE_SIDES", "check_residue_sides",
]

SHOWN = (
    "SOURCE_WORDS", "summarise_case", "describe_case", "describe_draft", "describe_residue",
    "show", "show_prompts", "show_candidate", "wrap",
)
"""What the chapter's page shows (tables, prose, file helpers): they live in
:mod:`vcc_helpers.exercises.pages.ch05`, and this module forwards each name there."""


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
    if name in SHOWN:
        return page_helper("ch05", name)
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


def __dir__() -> list[str]:
    return sorted([*globals(), *SHOWN])
