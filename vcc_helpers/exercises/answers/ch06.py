"""Model answers of chapter 6's exercises, computed from whichever case the chapter reads.

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> sorted(answer_user_sphere(tiny_case())), sorted(answer_nonhuman(tiny_case()))
(['r6', 'r7'], ['r5'])
>>> sorted(answer_unplaced(tiny_case()))
['r5']
"""
from __future__ import annotations

from vcc_helpers.exercises import ch06 as _ch06
from vcc_helpers.model import Case


def answer_user_sphere(case: Case) -> frozenset[str]:
    """Ids of the relations the service reading places in the user sphere (exercise ch6-ex1)."""
    return _ch06._user_sphere(case)


def answer_nonhuman(case: Case) -> frozenset[str]:
    """Ids of relations with an affect where neither end is a person or collective (ch6-ex3)."""
    return _ch06._nonhuman(case)


def answer_unplaced(case: Case) -> frozenset[str]:
    """Ids of the relations the service reading places in no sphere (exercise ch6-ex2)."""
    return _ch06._unplaced(case)
