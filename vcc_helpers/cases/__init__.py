"""The bundled teaching cases, and the one setting that picks the worked example.

Six teaching cases written for this book ship with the package, as YAML files in
the ``vcc-case/1`` format (see ``template.yaml`` beside them), each with a data
card in Markdown that says what it is, what it is not, where its realism comes
from and how to adapt it:

======================== =====================================================
name                     case
======================== =====================================================
``hospital-discharge``   leaving hospital for home care (the worked example)
``day-service``          a day centre for adults with learning disabilities closes
``universal-credit``     applying for Universal Credit online
``public-library``       a branch library through a winter and a budget round
``gp-appointment``       getting an appointment with a GP
``school-meals``         school meals, including free school meals
======================== =====================================================

They are read with :mod:`importlib.resources`, so they work from a source tree,
from an installed wheel and in the browser (Pyodide, JupyterLite).

Changing the worked example
---------------------------
The worked-example chapter loads its case with :func:`load_worked_example`.
An instructor who wants that chapter to follow another case changes **one
setting**, in the book's ``_config.yml``::

    sphinx:
      config:
        vcc_worked_example: gp-appointment        # another bundled case
        # vcc_worked_example: cases/our-ward.yaml  # a file, from the book's folder

The setting travels with the book: the build, and a live copy opened from the
book's repository (Binder, a JupyterHub), read the same case.  For one build
(or one live session) the environment variable ``VCC_WORKED_EXAMPLE`` overrides
it.  Unset, the case is :data:`WORKED_EXAMPLE` (``"hospital-discharge"``).  A
relative path is looked for from the book's folder (the nearest folder above
the notebook holding ``_config.yml``), then from the current folder; an error
names every place it looked.  In a notebook, set
``os.environ["VCC_WORKED_EXAMPLE"] = "..."`` before calling
:func:`load_worked_example`.  Check your own file first with
``python -m vcc_helpers validate our-ward.yaml``.

Examples
--------
>>> from vcc_helpers import cases
>>> cases.names()[0]
'hospital-discharge'
>>> len(cases.names())
6
>>> cases.path("school-meals").name
'school-meals.yaml'
>>> cases.card("day-service").startswith("**Data card:")
True
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache, cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from vcc_helpers.model import suggest

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from importlib.resources.abc import Traversable

    from vcc_helpers.model import Case

__all__ = [
    "WORKED_EXAMPLE", "ENV_VAR", "names", "path", "load", "card",
    "worked_example_name", "worked_example_setting", "worked_example_file",
    "worked_example_fingerprint", "load_worked_example", "CONFIG_KEY",
]

WORKED_EXAMPLE = "hospital-discharge"
"""The bundled case the worked-example chapter follows unless ``VCC_WORKED_EXAMPLE`` is set."""

ENV_VAR = "VCC_WORKED_EXAMPLE"
"""The environment variable that points the worked-example chapter at another case."""

CONFIG_KEY = "vcc_worked_example"
"""The key of ``sphinx.config`` in the book's ``_config.yml`` that chooses the worked example."""

_ORDER: tuple[str, ...] = (
    "hospital-discharge", "day-service", "universal-credit", "public-library",
    "gp-appointment", "school-meals",
)
"""The order in which the book introduces the cases; other bundled files follow, sorted."""

_NOT_CASES = frozenset({"template"})
_SUFFIXES = (".yaml", ".yml", ".json")


def _key_error(message: str) -> KeyError:
    """A KeyError for a reader's typo whose str() is not quoted (a CaseFileKeyError)."""
    from vcc_helpers.casefile.problems import CaseFileKeyError
    return CaseFileKeyError(message)


def _root() -> Traversable:
    return resources.files(__name__)


@lru_cache(maxsize=1)
def _bundled() -> tuple[str, ...]:
    found = {
        entry.name.rsplit(".", 1)[0]
        for entry in _root().iterdir()
        if entry.is_file() and entry.name.endswith(".yaml")
    } - _NOT_CASES
    known = [n for n in _ORDER if n in found]
    extra = sorted(found.difference(_ORDER))
    ordered = known + extra
    if WORKED_EXAMPLE in ordered:
        ordered.remove(WORKED_EXAMPLE)
        ordered.insert(0, WORKED_EXAMPLE)
    return tuple(ordered)


def names() -> tuple[str, ...]:
    """The names of the bundled cases, the worked example first.

    Returns
    -------
    tuple of str
        Case names (each is also the case's ``id`` and file stem).  The blank
        ``template`` is not a case and is not listed.

    Examples
    --------
    >>> names()
    ('hospital-discharge', 'day-service', 'universal-credit', 'public-library', 'gp-appointment', 'school-meals')
    """  # noqa: E501 (a doctest's expected output is one line)
    return _bundled()


def _check(name: str) -> str:
    if name in _bundled():
        return name
    hint = suggest(name, list(_bundled())) if isinstance(name, str) else None
    extra = f" (did you mean {hint!r}?)" if hint else ""
    raise _key_error(
        f"no bundled case called {name!r}{extra}; the bundled cases are: "
        + ", ".join(_bundled())
    )


def path(name: str) -> Traversable:
    """Where the bundled case file *name* lives.

    Parameters
    ----------
    name : str
        A name from :func:`names`.

    Returns
    -------
    importlib.resources.abc.Traversable
        A path-like object (a :class:`pathlib.Path` when the package is
        installed as files): it has ``.name``, ``.read_text()`` and ``.open()``.

    Raises
    ------
    KeyError
        If *name* is not a bundled case; the message suggests the closest name.

    Examples
    --------
    >>> path("gp-appointment").name
    'gp-appointment.yaml'
    >>> path("gp-apointment")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    vcc_helpers.casefile.problems.CaseFileKeyError: no bundled case called 'gp-apointment' (did you mean 'gp-appointment'?); ...
    """  # noqa: E501 (a doctest's expected output is one line)
    return _root() / f"{_check(name)}.yaml"


@cache
def _load_bundled(name: str) -> Case:
    from vcc_helpers.casefile import loads_case

    entry = path(name)
    return loads_case(entry.read_text(encoding="utf-8"),
                      filename=f"vcc_helpers/cases/{name}.yaml")


def load(name: str) -> Case:
    """Load and validate the bundled case *name*.

    Parameters
    ----------
    name : str
        A name from :func:`names`.

    Returns
    -------
    Case
        The case, with its service and assemblage readings.  Cases are
        immutable, so the same object is returned on later calls.

    Raises
    ------
    KeyError
        If *name* is not a bundled case; the message suggests the closest name.

    Examples
    --------
    >>> c = load("hospital-discharge")
    >>> c.component("mrs-a").label
    'Mrs A, 84'
    >>> c.episodes[0].id
    'on-the-ward'
    """
    return _load_bundled(_check(name))


def card(name: str) -> str:
    """The data card of the bundled case *name*, as Markdown.

    The card has no top-level heading, so a book page can include it under its
    own.  It says what the case is, what it is not, its sources for realism, its
    sensitivities and how to adapt it.

    Parameters
    ----------
    name : str
        A name from :func:`names`.

    Returns
    -------
    str
        Markdown text.

    Raises
    ------
    KeyError
        If *name* is not a bundled case; the message suggests the closest name.

    Examples
    --------
    >>> "What it is not" in card("hospital-discharge")
    True
    """
    entry = _root() / "cards" / f"{_check(name)}.md"
    return entry.read_text(encoding="utf-8")


def _looks_like_path(value: str) -> bool:
    return (
        os.sep in value
        or "/" in value
        or value.lower().endswith(_SUFFIXES)
        or Path(value).is_file()
    )


def _book_root(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest folder at or above *start* (default: the current one) with ``_config.yml``."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "_toc.yml").is_file():
            return folder
    return None


def _configured(root: Path | None) -> str:
    if root is None:
        return ""
    try:
        import yaml

        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    except (OSError, ValueError):  # a broken _config.yml is the build's to report
        return ""
    value = ((config.get("sphinx") or {}).get("config") or {}).get(CONFIG_KEY)
    return str(value).strip() if value else ""


def worked_example_setting(root: str | os.PathLike | None = None) -> tuple[str, str]:
    """The worked example's setting and where it comes from.

    Parameters
    ----------
    root : path, optional
        The book's folder; by default the nearest folder above the current one
        that holds ``_config.yml`` and ``_toc.yml``.

    Returns
    -------
    (value, origin)
        *origin* is ``"VCC_WORKED_EXAMPLE"`` (the environment variable),
        ``"_config.yml"`` (``sphinx.config.vcc_worked_example``) or ``"default"``.

    Examples
    --------
    >>> import os
    >>> if "VCC_WORKED_EXAMPLE" not in os.environ:
    ...     print(worked_example_setting("/")[1])
    default
    """
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        return value, ENV_VAR
    book = Path(root).resolve() if root is not None else _book_root()
    value = _configured(book)
    if value:
        return value, "_config.yml"
    return WORKED_EXAMPLE, "default"


def worked_example_name() -> str:
    """The case the worked-example chapter follows (see :func:`worked_example_setting`).

    Returns
    -------
    str
        The value of the environment variable ``VCC_WORKED_EXAMPLE`` (a bundled
        name or a path to a case file) when it is set and not blank, else the
        book's ``vcc_worked_example`` setting, otherwise ``"hospital-discharge"``.

    Examples
    --------
    >>> import os
    >>> if "VCC_WORKED_EXAMPLE" not in os.environ and not _configured(_book_root()):
    ...     print(worked_example_name())
    hospital-discharge
    """
    return worked_example_setting()[0]


def worked_example_file(value: str | None = None,
                        root: str | os.PathLike | None = None) -> Path | None:
    """The case file a path-like setting names, or ``None`` for a bundled name.

    A relative path is looked for from the book's folder (*root*, or the
    nearest folder above the current one holding ``_config.yml``), then from
    the current folder.

    Raises
    ------
    FileNotFoundError
        If no file is there; the message names every path it tried.
    """
    value = worked_example_name() if value is None else value
    if value in _bundled() or not _looks_like_path(value):
        return None
    given = Path(value).expanduser()
    tried: list[Path] = []
    if given.is_absolute():
        tried.append(given)
    else:
        book = Path(root).resolve() if root is not None else _book_root()
        if book is not None:
            tried.append(book / given)
        tried.append(Path.cwd() / given)
    for candidate in dict.fromkeys(tried):
        if candidate.is_file():
            return candidate
    stem = given.name.rsplit(".", 1)[0]
    hint = stem if stem in _bundled() else suggest(stem, list(_bundled()))
    extra = f"; did you mean the bundled case {hint!r}?" if hint else ""
    where = " and ".join(str(p) for p in dict.fromkeys(tried))
    raise FileNotFoundError(
        f"{ENV_VAR}={value!r}: no case file there (tried {where}; a relative path is read "
        f"from the book's folder, the one holding _config.yml){extra} (give a bundled name, "
        f"one of {', '.join(_bundled())}, or the path of a case file)")


def worked_example_fingerprint(root: str | os.PathLike | None = None) -> str:
    """A short digest of the worked example's setting and file content.

    The book's Sphinx extension compares it with the one the last build saw, and
    re-executes the chapters that load the worked example when it changed: a
    swapped case (or an edited case file) never leaves a stale page behind.

    Examples
    --------
    >>> len(worked_example_fingerprint("/"))
    16
    """
    value, _ = worked_example_setting(root)
    digest = hashlib.sha256(value.encode("utf-8"))
    try:
        file = worked_example_file(value, root)
    except FileNotFoundError:
        file = None
        digest.update(b"\0missing")
    if file is not None:
        digest.update(b"\0" + file.read_bytes())
    elif value in _bundled():
        digest.update(b"\0" + path(value).read_bytes())
    return digest.hexdigest()[:16]


def load_worked_example() -> Case:
    """Load the case the worked-example chapter follows (see :func:`worked_example_name`).

    Returns
    -------
    Case
        The bundled case named by ``VCC_WORKED_EXAMPLE``, or the case in the file
        it points to, or the default worked example.

    Raises
    ------
    KeyError
        If the setting is neither a bundled name nor a path (with a "did you
        mean" hint).
    FileNotFoundError
        If the setting looks like a path but no file is there.
    vcc_helpers.casefile.CaseFileError
        If the file is not a valid case file (the message names file, line and field).

    Examples
    --------
    >>> load_worked_example().id
    'hospital-discharge'
    """
    value = worked_example_name()
    if value in _bundled():
        return load(value)
    if _looks_like_path(value):
        file = worked_example_file(value)
        from vcc_helpers.casefile import load_case

        return load_case(file)
    try:
        return load(value)
    except KeyError as err:
        raise _key_error(f"{ENV_VAR}: {err.args[0]}") from None
