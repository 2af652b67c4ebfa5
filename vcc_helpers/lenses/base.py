"""The lens interface and the registry of lenses.

A :class:`Lens` says everything the rest of the package needs to know to show a
case through one reading: its id and title, the questions it asks, its reading
of a case (a function ``Case -> data``), where its figure and its plain-language
description are, and its residue against other lenses (what it cannot hold that
the other can).

Layering.  This module sits in :mod:`vcc_helpers.lenses`, below
:mod:`~vcc_helpers.describe` and :mod:`~vcc_helpers.figures`, and never imports
them.  A lens therefore names its figure and its description by *import name*
(``"module:function"``, a plain string) instead of holding the functions; only
the upper layer (:mod:`vcc_helpers.lensviews`) imports and calls them.  The
reading and the residue live in the lenses layer, so a lens holds those as
functions.

Registry.  :func:`register_lens` adds a lens, :func:`get_lens` finds one by id
(an unknown id raises :class:`LensError` with a "did you mean"),
:func:`lenses` lists them in registration order (fixed by
:mod:`vcc_helpers.lenses`: service, assemblage, then the third lens), and
:func:`residue_of` gives what one lens cannot hold that another can.
:class:`LensRegistry` holds all of this; the module-level functions use one
shared registry, filled when :mod:`vcc_helpers.lenses` is imported.

Adding a lens touches no other lens:

1. a module in :mod:`vcc_helpers.lenses` with the reading (pure functions over a
   case), its questions and its residues (see
   :mod:`vcc_helpers.lenses.actor_network`);
2. a module in the upper layer with its descriptions, ``alt_text(case, lens, *,
   episode=None)`` and ``long_description(...)``, and its figure, returning a
   :class:`vcc_helpers.figures.Drawn` (see :mod:`vcc_helpers.actor_network_views`);
3. one :func:`register_lens` call in :mod:`vcc_helpers.lenses` (``featured=False``
   keeps it off the default views, so the chapters do not change).

The command line (``describe`` and ``draw --lens ID``),
:func:`vcc_helpers.figures.draw`, :func:`vcc_helpers.describe.describe_case`, the
explorer and the case builder (both with ``lenses=(...)``) then take it.

Examples
--------
>>> import vcc_helpers.lenses
>>> [lens.id for lens in lenses()]
['service', 'assemblage', 'actor-network']
>>> get_lens("assemblage").title
'Assemblage'
>>> get_lens("asemblage")
Traceback (most recent call last):
...
vcc_helpers.lenses.base.LensError: unknown lens 'asemblage'; did you mean 'assemblage'? (known: service, assemblage, actor-network)
"""  # noqa: E501 (a doctest's expected output is one line)
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from collections.abc import Callable, Mapping
from typing import Any

from vcc_helpers.model import Case

__all__ = ["Lens", "LensError", "LensRegistry", "REGISTRY", "register_lens", "register_residue",
           "get_lens", "lenses", "lens_ids", "featured_lenses", "residue_of", "residue_pairs"]

_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_NAME = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")
RESERVED: frozenset[str] = frozenset({"both", "all", "episodes"})
"""Words the command line and :func:`~vcc_helpers.describe.describe_case` use beside lens ids."""


class LensError(ValueError):
    """An unknown lens, a lens registered twice, or a malformed lens."""


@dataclass(frozen=True)
class Lens:
    """One way of reading a case.

    Attributes
    ----------
    id : str
        Lower-case, with hyphens (``'service'``); used on the command line.
    title : str
        Short plain title, as on the explorer's buttons (``'Service logic'``).
    questions : tuple of str
        The questions the lens asks, as plain sentences.
    read : callable
        ``read(case)`` -> the lens's reading of the case (plain data).
    figure : str
        Import name ``"module:function"`` of its drawing function (upper layer):
        called ``fn(case)``, or ``fn(case, episode)`` when *episodes* is true;
        returns a :class:`vcc_helpers.figures.Drawn`.
    alt_text, long_description : str
        Import names of its description functions (upper layer), called
        ``fn(case, lens_id, episode=...)``; they return plain text (alt text of
        at most 250 characters; a long description naming what the figure shows).
    residue : mapping of str to callable
        Other lens id -> ``fn(case)`` giving what this lens cannot hold that the
        other can, as a tuple of
        :class:`~vcc_helpers.lenses.reinterpret.ResidueItem`.
    inputs : tuple of str
        The :class:`~vcc_helpers.model.Case` fields its reading uses besides the
        neutral description (``('service',)``): the case builder redraws the
        figure only when these, or the neutral description, change.
    episodes : bool
        Whether its figure can highlight one episode.
    featured : bool
        Shown by default (the explorer's and the case builder's default views).
    tip : str
        One plain sentence for a button's tooltip.
    """

    id: str
    title: str
    questions: tuple[str, ...]
    read: Callable[[Case], Any]
    figure: str
    alt_text: str
    long_description: str
    residue: Mapping[str, Callable[[Case], tuple]] = field(default_factory=dict)
    inputs: tuple[str, ...] = ()
    episodes: bool = False
    featured: bool = True
    tip: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not _ID.match(self.id) or self.id in RESERVED:
            raise LensError(f"lens id must be lower-case letters, digits and hyphens, not "
                            f"{', '.join(sorted(RESERVED))}; got {self.id!r}")
        if not self.title or not isinstance(self.title, str):
            raise LensError(f"lens {self.id!r}: title must be a non-empty string")
        if not callable(self.read):
            raise LensError(f"lens {self.id!r}: read must be a function of a case")
        for name in ("figure", "alt_text", "long_description"):
            value = getattr(self, name)
            if not isinstance(value, str) or not _NAME.match(value):
                raise LensError(f"lens {self.id!r}: {name} must be an import name "
                                f"'module:function'; got {value!r}")
        for other, fn in self.residue.items():
            if not callable(fn):
                raise LensError(f"lens {self.id!r}: residue against {other!r} must be a function")
        object.__setattr__(self, "questions", tuple(self.questions))
        object.__setattr__(self, "inputs", tuple(self.inputs))
        object.__setattr__(self, "residue", dict(self.residue))


class LensRegistry:
    """Lenses by id, in registration order, and residues by (lens, other lens).

    Examples
    --------
    >>> reg = LensRegistry()
    >>> reg.ids()
    ()
    >>> reg.get("service")
    Traceback (most recent call last):
    ...
    vcc_helpers.lenses.base.LensError: unknown lens 'service' (no lens is registered)
    """

    def __init__(self) -> None:
        self._lenses: dict[str, Lens] = {}
        self._residues: dict[tuple[str, str], Callable[[Case], tuple]] = {}

    def register(self, lens: Lens) -> Lens:
        """Add *lens* (and its residues); a second lens with the same id is refused."""
        if not isinstance(lens, Lens):
            raise LensError(f"register a Lens, not {type(lens).__name__}")
        if lens.id in self._lenses:
            raise LensError(f"lens {lens.id!r} is already registered")
        self._lenses[lens.id] = lens
        for other, fn in lens.residue.items():
            self.register_residue(lens.id, other, fn)
        return lens

    def register_residue(self, of: str, against: str, fn: Callable[[Case], tuple]) -> None:
        """Record what lens *of* cannot hold that lens *against* can (``fn(case)``)."""
        if of == against:
            raise LensError(f"a residue needs two different lenses; got {of!r} twice")
        if (of, against) in self._residues:
            raise LensError(f"the residue of {of!r} against {against!r} is already registered")
        if not callable(fn):
            raise LensError(f"the residue of {of!r} against {against!r} must be a function")
        self._residues[(of, against)] = fn

    def get(self, lens_id: str) -> Lens:
        """The lens called *lens_id*; :class:`LensError` with a "did you mean" if unknown."""
        try:
            return self._lenses[lens_id]
        except (KeyError, TypeError):
            pass
        known = list(self._lenses)
        if not known:
            raise LensError(f"unknown lens {lens_id!r} (no lens is registered)")
        near = difflib.get_close_matches(str(lens_id).lower(), known, n=1, cutoff=0.5)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise LensError(f"unknown lens {lens_id!r}{hint} (known: {', '.join(known)})")

    def all(self) -> tuple[Lens, ...]:
        """Every lens, in registration order."""
        return tuple(self._lenses.values())

    def ids(self) -> tuple[str, ...]:
        """Every lens id, in registration order."""
        return tuple(self._lenses)

    def residue(self, case: Case, of: str, against: str) -> tuple:
        """What lens *of* cannot hold of *case* that lens *against* can."""
        self.get(of), self.get(against)
        try:
            fn = self._residues[(of, against)]
        except KeyError:
            raise LensError(f"no residue of {of!r} against {against!r} is registered") from None
        return tuple(fn(case))

    def pairs(self, among: tuple[str, ...] | None = None) -> tuple[tuple[str, str], ...]:
        """The (of, against) pairs with a registered residue, both in *among* (default all),
        in the order of the lenses."""
        ids = self.ids() if among is None else tuple(among)
        rank = {x: i for i, x in enumerate(ids)}
        found = [p for p in self._residues if p[0] in rank and p[1] in rank]
        return tuple(sorted(found, key=lambda p: (rank[p[0]], rank[p[1]])))


REGISTRY = LensRegistry()
"""The shared registry (filled by :mod:`vcc_helpers.lenses` on import)."""


def register_lens(lens: Lens) -> Lens:
    """Add *lens* to the shared registry (refused if its id is taken); returns it."""
    return REGISTRY.register(lens)


def register_residue(of: str, against: str, fn: Callable[[Case], tuple]) -> None:
    """Record in the shared registry what lens *of* cannot hold that lens *against* can."""
    REGISTRY.register_residue(of, against, fn)


def get_lens(lens_id: str) -> Lens:
    """The registered lens called *lens_id*.

    Raises
    ------
    LensError
        For an unknown id, with the nearest known id ("did you mean").
    """
    return REGISTRY.get(lens_id)


def lenses() -> tuple[Lens, ...]:
    """Every registered lens, in registration order."""
    return REGISTRY.all()


def lens_ids() -> tuple[str, ...]:
    """Every registered lens id, in registration order."""
    return REGISTRY.ids()


def featured_lenses() -> tuple[Lens, ...]:
    """The lenses shown by default (``featured``), in registration order."""
    return tuple(x for x in REGISTRY.all() if x.featured)


def residue_of(case: Case, of: str, against: str) -> tuple:
    """What lens *of* cannot hold of *case* that lens *against* can.

    Examples
    --------
    >>> import vcc_helpers.lenses
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> residue_of(tiny_case(), "service", "assemblage")[0].topic
    'non-human'
    """
    return REGISTRY.residue(case, of, against)


def residue_pairs(among: tuple[str, ...] | None = None) -> tuple[tuple[str, str], ...]:
    """The (of, against) lens pairs with a registered residue, among the given ids."""
    return REGISTRY.pairs(among)
