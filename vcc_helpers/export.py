"""Export a case to a file: one function for the command line and the case builder.

:func:`export_case` writes a case as a case file (YAML or JSON, which load again)
or as a graph for network tools (GraphML, GEXF), atomically, never replacing a
file unless asked to.  The format is told from the file name when it is not
given.  Every export ends with "what this tool could not hold".

Examples
--------
>>> format_from_name("my-case.graphml"), format_from_name("Case.YML")
('graphml', 'yaml')
>>> import tempfile, os
>>> from vcc_helpers.model import Case, Component
>>> p = export_case(Case("t", "T", components=(Component("a", "A"),)),
...                 os.path.join(tempfile.mkdtemp(), "t.gexf"))
>>> p.suffix
'.gexf'
"""
from __future__ import annotations

import os
from pathlib import Path

from .casefile import save_case
from .model import Case

__all__ = ["FORMATS", "CASE_FORMATS", "SUFFIXES", "ExportError", "format_from_name",
           "export_case"]

FORMATS: tuple[str, ...] = ("yaml", "json", "graphml", "gexf")
"""Every format :func:`export_case` writes."""

CASE_FORMATS: tuple[str, ...] = ("yaml", "json")
"""The formats that are case files (they load again); the others are graphs."""

SUFFIXES: dict[str, str] = {".yaml": "yaml", ".yml": "yaml", ".json": "json",
                            ".graphml": "graphml", ".gexf": "gexf"}
"""File-name endings and the format each one means."""

_ALIASES = {"yml": "yaml"}


class ExportError(ValueError):
    """An export that cannot be done as asked (unknown format, missing folder)."""


def _names() -> str:
    return ", ".join(sorted(SUFFIXES))


def format_from_name(path: str | os.PathLike) -> str:
    """The export format a file name asks for, from its ending (case ignored).

    Raises
    ------
    ExportError
        If the ending is not one of :data:`SUFFIXES` (the message lists them).

    Examples
    --------
    >>> format_from_name("out/case.json")
    'json'
    >>> format_from_name("case.csv")
    Traceback (most recent call last):
    ...
    vcc_helpers.export.ExportError: cannot tell the format from 'case.csv': use a name ending in .gexf, .graphml, .json, .yaml, .yml, or choose the format
    """  # noqa: E501 (a doctest's expected output is one line)
    p = Path(path)
    fmt = SUFFIXES.get(p.suffix.lower())
    if fmt is None:
        raise ExportError(f"cannot tell the format from {p.name!r}: use a name ending in "
                          f"{_names()}, or choose the format")
    return fmt


def _footer(case: Case) -> str | None:
    try:
        from .lenses.reinterpret import could_not_hold
    except ModuleNotFoundError as exc:  # a trimmed install without the lenses
        if exc.name in (f"{__package__}.lenses", f"{__package__}.lenses.reinterpret"):
            return None
        raise
    return could_not_hold(case)


def export_case(case: Case, path: str | os.PathLike, format: str | None = None,
                overwrite: bool = False, footer: str | None = None,
                timeline: bool = False) -> Path:
    """Write *case* to *path* as YAML, JSON, GraphML or GEXF, atomically.

    Parameters
    ----------
    case : Case
    path : str or os.PathLike
        The file to write.  Its folder must exist.
    format : {'yaml', 'json', 'graphml', 'gexf', None}
        ``None`` (or ``""``): from the file name (:func:`format_from_name`).
    overwrite : bool
        Replace an existing file (otherwise ``FileExistsError``).
    footer : str, optional
        "What this tool could not hold"; by default the reinterpretation lens's
        (``could_not_hold`` of :mod:`vcc_helpers.lenses.reinterpret`).
    timeline : bool
        For GraphML and GEXF: the episodes as times (a dynamic GEXF that Gephi's
        timeline plays; see :mod:`vcc_helpers.graph`).  Ignored for case files,
        which keep their episodes anyway.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ExportError
        The format is unknown or cannot be told from the name, or the folder
        is missing.
    FileExistsError
        The file exists and *overwrite* is false.
    vcc_helpers.casefile.CaseFileError
        A YAML or JSON case file would not load again.

    See Also
    --------
    vcc_helpers.casefile.save_case, vcc_helpers.graph.write_graphml,
    vcc_helpers.graph.write_gexf
    """
    p = Path(path).expanduser()
    if format:
        fmt = _ALIASES.get(str(format).lower(), str(format).lower())
        if fmt not in FORMATS:
            raise ExportError(f"format: {format!r} is not one of {', '.join(FORMATS)}")
    else:
        fmt = format_from_name(p)
    folder = p.parent
    if not folder.is_dir():
        raise ExportError(f"cannot write {p}: the folder {folder} does not exist")
    if not overwrite and p.exists():
        raise FileExistsError(f"{p} exists (use overwrite to replace it)")
    if footer is None:
        footer = _footer(case)
    if fmt in CASE_FORMATS:
        return save_case(case, p, fmt=fmt, overwrite=overwrite, footer=footer)
    from . import graph
    write = graph.write_graphml if fmt == "graphml" else graph.write_gexf
    return write(case, p, overwrite=overwrite, footer=footer, timeline=timeline)
