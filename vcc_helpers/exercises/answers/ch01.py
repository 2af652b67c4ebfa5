"""Model answer of exercise ch1-ex1
(the key of :func:`vcc_helpers.exercises.ch01.check_abstract_claims`)."""

SUPPORTED: frozenset[str] = frozenset({"A", "B", "E", "F", "I"})
"""The letters of the statements the abstract supports."""

WHY: dict[str, str] = {
    "A": "A is supported: the abstract opens by saying value matters to researchers, "
         "practitioners and service users alike.",
    "B": "B is supported: the abstract reports this as a recent suggestion.",
    "C": "C goes beyond the abstract: it reports the user-provider view as a suggestion "
         "others have made, says it is not agreed, and then moves to a logic of assemblage.",
    "D": "D contradicts the abstract, which says there are many and varied definitions.",
    "E": "E is supported: the authors argue a philosophical foundation is missing.",
    "F": "F is supported: this is the article's central move.",
    "G": "G goes beyond the abstract: it does not say which service the example is about, "
         "and the example is not available to us.",
    "H": "H goes beyond the abstract, which says nothing of abandoning co-production.",
    "I": "I is supported: the abstract's last sentence says so.",
}
"""Why each statement is or is not supported (the feedback on a wrong letter)."""
