"""Model answer of exercise ch1-ex1 (the key of :func:`vcc_helpers.exercises.ch01.check_abstract_claims`)."""

SUPPORTED: frozenset[str] = frozenset({"A", "B", "E", "F", "I"})
"""The letters of the statements the abstract supports."""
