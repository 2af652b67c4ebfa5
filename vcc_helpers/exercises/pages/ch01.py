"""Chapter 1's page: the exercise's statements, and computed prose and tables on a case.

The checks of the chapter's exercises live in :mod:`vcc_helpers.exercises.ch01`, which
forwards these names, so the chapter calls ``ch01.kinds_table(case)``.

Examples
--------
>>> from vcc_helpers.model import Case, Component
>>> c = Case(id="t", title="T", components=(
...     Component("ann", "Ann", ("person",)),
...     Component("form", "A form", ("document", "rule")),
...     Component("desk", "Front desk", ("thing",))))
>>> print(kinds_table(c))
Kind     | Components | Which
---------+------------+-----------
document | 1          | A form
person   | 1          | Ann
rule     | 1          | A form
thing    | 1          | Front desk
"""
from __future__ import annotations

from collections import Counter

from vcc_helpers.exercises.ch01 import ABSTRACT_STATEMENTS
from vcc_helpers.exercises.pages.display import Prose, Table
from vcc_helpers.model import Case, body_class, is_human

__all__ = [
    "abstract_statements", "about", "kinds_table", "components_table", "first_look",
]


def abstract_statements() -> Table:
    """The statements of exercise ch1-ex1 as a table (letter, statement).

    Examples
    --------
    >>> len(abstract_statements())
    9
    """
    return Table(("Letter", "Statement"), sorted(ABSTRACT_STATEMENTS.items()))


def _kinds_of(case: Case) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for comp in case.components:
        for kind in comp.kinds or ("(no kind given)",):
            out.setdefault(kind, []).append(comp.label)
    return out


def about(case: Case) -> Prose:
    """The case's title (in bold) and summary, as a short paragraph that wraps on the page.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(about(tiny_case()))
    A morning trying to see a GP. Mrs A rings at 8am, gets a slot, and arrives late.
    """
    return Prose(f"**{case.title}.** {case.summary}".strip())


def kinds_table(case: Case) -> Table:
    """How many components of each kind the case has, and which (alphabetical by kind).

    A component with several kinds is counted once under each of them.

    Parameters
    ----------
    case : Case

    Returns
    -------
    Table
        Columns Kind, Components (a count), Which (the labels, in file order).
    """
    kinds = _kinds_of(case)
    rows = [(k, len(v), "; ".join(v)) for k, v in sorted(kinds.items())]
    return Table(("Kind", "Components", "Which"), rows)


def components_table(case: Case) -> Table:
    """Every component of the case in file order: id, label, kinds, and whether it counts
    as human."""
    rows = [(c.id, c.label, ", ".join(c.kinds), "yes" if is_human(c) else "no")
            for c in case.components]
    return Table(("Id", "Label", "Kinds", "Human?"), rows)


def first_look(case: Case) -> Prose:
    """A sentence of counts about the case: components, humans, kinds, relations, episodes.

    Examples
    --------
    >>> from vcc_helpers.model import Case, Component
    >>> c = Case(id="t", title="T", components=(Component("a", "A", ("person",)),
    ...                                          Component("b", "B", ("thing", "time"))))
    >>> print(first_look(c))
    The case has 2 components: 1 human (a person or a collective) and 1 not human. Counted as the package counts elsewhere, that is 1 person, 0 composites (organisations and collectives, counted apart) and 1 thing. They are described with 3 different kinds. The case records 0 relations in 0 episodes.
    """  # noqa: E501 (a doctest's expected output is one line)
    n = len(case.components)
    humans = sum(1 for c in case.components if is_human(c))
    cls = Counter(body_class(c) for c in case.components)
    kinds = Counter(k for c in case.components for k in c.kinds)
    p, m, t = cls.get("person", 0), cls.get("composite", 0), cls.get("thing", 0)
    return Prose(
        f"The case has **{n} components**: {humans} human (a person or a collective) and "
        f"{n - humans} not human. Counted as the package counts elsewhere, that is "
        f"{p} {'person' if p == 1 else 'persons'}, {m} "
        f"{'composite' if m == 1 else 'composites'} (organisations and collectives, counted "
        f"apart) and {t} {'thing' if t == 1 else 'things'}. "
        f"They are described with {len(kinds)} different kinds. "
        f"The case records {len(case.relations)} relations in {len(case.episodes)} episodes.")
