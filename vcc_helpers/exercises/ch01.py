"""Chapter 1, *Value in public services*: two answer checks and the statements they are about.

The checks (:func:`check_abstract_claims`, :func:`check_non_human`) return a
:class:`~vcc_helpers.exercises._common.Feedback` and never raise on a wrong answer.
The tables and prose the page shows (``kinds_table``, ``components_table``,
``first_look``, ...) live in :mod:`vcc_helpers.exercises.pages.ch01`; this module
forwards their names (:data:`SHOWN`).

Examples
--------
>>> from vcc_helpers.model import Case, Component
>>> c = Case(id="t", title="T", components=(
...     Component("ann", "Ann", ("person",)),
...     Component("form", "A form", ("document", "rule")),
...     Component("desk", "Front desk", ("thing",))))
>>> non_human(c)
('form', 'desk')
>>> bool(check_non_human(c, {"form", "desk"}))
True
"""
from __future__ import annotations

from vcc_helpers.exercises._common import (Feedback, as_id_set, key_digest, listing, model_answer,
                                           page_helper, reasons)
from vcc_helpers.model import Case, is_human

__all__ = [
    "ABSTRACT_STATEMENTS", "check_abstract_claims", "non_human", "check_non_human",
]

SHOWN = (
    "abstract_statements", "about", "kinds_table", "components_table", "first_look",
)
"""What the chapter's page shows (tables, prose, file helpers): they live in
:mod:`vcc_helpers.exercises.pages.ch01`, and this module forwards each name there."""

ABSTRACT_STATEMENTS: dict[str, str] = {
    "A": "Value and how it is created in public service organisations matter to people who "
         "use services, as well as to researchers and managers.",
    "B": "It has recently been suggested that value in public services is created through a "
         "user-provider relationship rooted in the user's wider life experience.",
    "C": "The authors hold that value is created through the user-provider relationship.",
    "D": "There is one generally accepted definition of value and of how it is created.",
    "E": "The authors argue that current accounts of value creation lack a philosophical "
         "foundation.",
    "F": "The authors draw on Deleuze and Guattari to move from a service logic to a logic "
         "of assemblage.",
    "G": "The authors apply their framework to a hospital discharge.",
    "H": "The authors conclude that co-production should be abandoned.",
    "I": "The authors apply their framework to a practical example of public service use.",
}
"""Statements about Cluley & Radnor (2020) for exercise ch1-ex1."""

_KEY: dict[str, str] = {
    "A": "5221b0261c67116f", "B": "70ef8e46fff144a6", "C": "7565e2983d5fd27e",
    "D": "7e313c7ae5cb8e9a", "E": "24a93e471728b1b4", "F": "267392198ba5e2d2",
    "G": "61af58e8be4f88df", "H": "89cec95dd18821db", "I": "c952502094734a83",
}
"""Exercise ch1-ex1's key as digests (:func:`~vcc_helpers.exercises._common.key_digest`);
the letters themselves are ``answers.ch01.SUPPORTED``, forwarded as ``ch01.SUPPORTED``."""


def _supported(letter: str) -> bool:
    return key_digest("ch1-ex1", letter, True) == _KEY.get(letter)


def __getattr__(name: str):
    if name in SHOWN:
        return page_helper("ch01", name)
    if name == "SUPPORTED":
        return model_answer("ch01", name)
    if name == "_WHY":
        return model_answer("ch01", "WHY")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_abstract_claims(answer: object) -> Feedback:
    """Check which statements about Cluley & Radnor (2020) the reader marks as supported.

    Parameters
    ----------
    answer : set, list or str
        Letters of the statements the reader thinks the abstract supports
        (``{"A", "B"}``, ``["a", "b"]`` or ``"A, B"``; case does not matter).

    Returns
    -------
    Feedback
        Right when the letters are exactly those the abstract supports; otherwise
        a "not yet" message with a reason for each extra letter and a count of the
        missing ones (the check never names a letter the reader did not give).

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.ch01 import SUPPORTED
    >>> bool(check_abstract_claims(" ".join(sorted(SUPPORTED))))
    True
    >>> print(check_abstract_claims({"A", "G"}))  # doctest: +ELLIPSIS
    Not yet: 1 of your letters is right, 1 goes beyond the abstract and 4 supported statements are missing.
      - G ...
      - Read the abstract again for the statements it does support: 4 more are there.
    """  # noqa: E501 (a doctest's expected output is one line)
    letters = as_id_set(answer)
    if letters is None:
        return Feedback(False, "Not yet: give your answer as a set of letters, "
                               'for example {"A", "B"}.')
    letters = frozenset(x.upper() for x in letters)
    unknown = sorted(letters - set(ABSTRACT_STATEMENTS))
    if unknown:
        return Feedback(False, f"Not yet: {listing(unknown)} is not one of the letters A to I.")
    if not letters:
        return Feedback(False, "Not yet: your answer is empty. Read the statements again and "
                               "put the letters of those the abstract supports in the set.")
    supported = frozenset(x for x in ABSTRACT_STATEMENTS if _supported(x))
    if letters == supported:
        return Feedback(True, f"Yes: {listing(sorted(letters))} are supported, and the others "
                              "are not. Keeping what the article says apart from what we might "
                              "guess about it is a habit worth keeping.")
    right = letters & supported
    extra = sorted(letters - supported)
    missing = sorted(supported - letters)
    parts = [f"{len(right)} of your letters {'is' if len(right) == 1 else 'are'} right"]
    if extra:
        parts.append(f"{len(extra)} {'goes' if len(extra) == 1 else 'go'} beyond the abstract")
    if missing:
        parts.append(f"{len(missing)} supported "
                     f"{'statement is' if len(missing) == 1 else 'statements are'} missing")
    why = reasons("ch01", "WHY")
    hints = tuple(why.get(x, f"{x}: read the abstract again; does it say this?") for x in extra)
    if missing:
        hints += (f"Read the abstract again for the statements it does support: "
                  f"{len(missing)} more {'is' if len(missing) == 1 else 'are'} there.",)
    return Feedback(False, "Not yet: " + listing(parts) + ".", hints)


def non_human(case: Case) -> tuple[str, ...]:
    """Ids of the components that are not human (see :func:`vcc_helpers.model.is_human`),
    in file order."""
    return tuple(c.id for c in case.components if not is_human(c))


def check_non_human(case: Case, answer: object) -> Feedback:
    """Check a reader's list of the case's non-human components.

    Parameters
    ----------
    case : Case
    answer : set, list or str
        Component ids.

    Returns
    -------
    Feedback
        Right when the ids are exactly :func:`non_human` of the case.

    Examples
    --------
    >>> from vcc_helpers.model import Case, Component
    >>> c = Case(id="t", title="T", components=(Component("ann", "Ann", ("person",)),
    ...                                          Component("desk", "Desk", ("thing",))))
    >>> print(check_non_human(c, {"ann"}))
    Not yet: 1 component is missing and 1 is human.
      - Ann (ann) is a person or a collective, so it counts as human here.
    """
    ids = as_id_set(answer)
    if ids is None:
        return Feedback(False, "Not yet: give your answer as a set of component ids, "
                               'for example {"phone-line", "form"}.')
    expected = frozenset(non_human(case))
    known = {c.id for c in case.components}
    unknown = sorted(ids - known)
    if unknown:
        what = "is not a component id" if len(unknown) == 1 else "are not component ids"
        return Feedback(False, f"Not yet: {listing(unknown)} {what} "
                               "in this case. Copy the ids from the Id column of the table.")
    if not ids and expected:
        return Feedback(False, "Not yet: your answer is empty. Look at the Kinds column: which "
                               "components are neither a person nor a collective?")
    if ids == expected:
        return Feedback(True, f"Yes: all {len(expected)} non-human components, and no others. "
                              "Keep them in mind: chapter 3 asks what service logic makes of them.")
    missing = expected - ids
    humans = sorted(ids - expected)
    parts = []
    if missing:
        parts.append(f"{len(missing)} "
                     f"{'component is' if len(missing) == 1 else 'components are'} missing")
    if humans:
        parts.append(f"{len(humans)} {'is' if len(humans) == 1 else 'are'} human")
    hints = tuple(f"{case.component(i).label} ({i}) is a person or a collective, so it counts "
                  "as human here." for i in humans)
    return Feedback(False, "Not yet: " + listing(parts) + ".", hints)


def __dir__() -> list[str]:
    return sorted([*globals(), *SHOWN])
