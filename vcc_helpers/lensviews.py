"""Every registered lens's figure, descriptions and residue, by lens id.

The upper layer's side of the lens interface (:mod:`vcc_helpers.lenses.base`).
A :class:`~vcc_helpers.lenses.base.Lens` names its figure and its descriptions
by import name (``"vcc_helpers.figures:sphere_diagram"``), because the lenses
layer may not import the figures or the descriptions above it; this module
imports and calls them.  The command line, :func:`vcc_helpers.figures.draw`,
:func:`vcc_helpers.describe.describe_case` and the widgets go through it, so a
new lens shows up in all of them once it is registered.

It sits beside :mod:`~vcc_helpers.figures` and :mod:`~vcc_helpers.describe`
and imports neither at load time (only when a name is resolved), so both may
import it.

Examples
--------
>>> from vcc_helpers.lenses.examples import tiny_case
>>> draw(tiny_case(), "service").alt.startswith("Sphere diagram")
True
>>> alt_text(tiny_case(), "actor-network").startswith("Actor-network sketch")
True
"""
from __future__ import annotations

import importlib
from collections.abc import Callable

from vcc_helpers.lenses import featured_lenses, get_lens, lens_ids, residue_of, residue_pairs
from vcc_helpers.lenses.base import LensError
from vcc_helpers.model import Case

__all__ = ["resolve", "draw", "alt_text", "long_description", "choose", "residue_text",
           "describe_lenses"]


def resolve(name: str) -> Callable:
    """The function an import name ``"module:function"`` names.

    Looked up afresh on every call (the module import is cached by Python), so
    a function replaced on its module (as tests do) is the one called.

    Raises
    ------
    LensError
        When the module or the function does not exist.
    """
    module, _, attr = name.partition(":")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as exc:
        raise LensError(f"cannot find {name!r} ({type(exc).__name__}: {exc})") from None


def draw(case: Case, lens: str, episode: str | None = None):
    """The figure of *case* through *lens* (a :class:`vcc_helpers.figures.Drawn`).

    *episode* is highlighted when the lens's figure can do that (``episodes``)
    and ignored otherwise.
    """
    spec = get_lens(lens)
    fn = resolve(spec.figure)
    return fn(case, episode) if spec.episodes else fn(case)


def alt_text(case: Case, lens: str, *, episode: str | None = None) -> str:
    """The short alt text (at most 250 characters) of *lens*'s figure of *case*."""
    spec = get_lens(lens)
    return resolve(spec.alt_text)(case, spec.id, episode=episode)


def long_description(case: Case, lens: str, *, episode: str | None = None) -> str:
    """The long description of *lens*'s figure of *case*: plain text, every line named."""
    spec = get_lens(lens)
    return resolve(spec.long_description)(case, spec.id, episode=episode)


def choose(lens: str = "both") -> tuple[str, ...]:
    """Lens ids for a choice: ``'both'`` the featured lenses (service and assemblage),
    ``'all'`` every registered lens, else that one lens.

    Examples
    --------
    >>> choose(), choose("all"), choose("assemblage")
    (('service', 'assemblage'), ('service', 'assemblage', 'actor-network'), ('assemblage',))
    """
    if lens == "both":
        return tuple(x.id for x in featured_lenses())
    if lens == "all":
        return lens_ids()
    return (get_lens(lens).id,)


def residue_text(case: Case, of: str, against: str, limit: int | None = None) -> str:
    """What lens *of* cannot hold that lens *against* can, as a plain-text section."""
    a, b = get_lens(of), get_lens(against)
    items = residue_of(case, of, against)
    lines = [f"What the {a.title} reading cannot hold that the {b.title} reading can:"]
    counted: dict[str, int] = {}
    for it in items:
        counted[it.topic] = counted.get(it.topic, 0) + 1
        if it.topic == "general" or limit is None or counted[it.topic] <= limit:
            lines.append(f"- {it.text}")
    for topic, n in counted.items():
        if topic != "general" and limit is not None and n > limit:
            lines.append(f"- ... and {n - limit} more of this kind ({topic}).")
    return "\n".join(lines) + "\n"


def describe_lenses(case: Case, lens: str = "both", limit: int | None = None) -> str:
    """Long descriptions for the chosen lenses (:func:`choose`), then the residue.

    The residue is always "What this tool could not hold" (service and
    assemblage, both ways: every export ends with it); a lens beyond those two
    adds its registered residues with the others chosen, or with the
    featured lenses when it is chosen alone.
    """
    from vcc_helpers.lenses.reinterpret import could_not_hold

    ids = choose(lens)
    parts = [long_description(case, x) for x in ids]
    featured = tuple(x.id for x in featured_lenses())
    extra = [x for x in ids if x not in featured]
    if extra:
        among = ids if len(ids) > 1 else ids + featured
        for of, against in residue_pairs(among):
            if of in extra or against in extra:
                parts.append(residue_text(case, of, against, limit))
    parts.append(could_not_hold(case, limit=limit))
    return "\n".join(parts)
