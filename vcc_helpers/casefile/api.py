"""The public reading functions: networkx-style ``read_case`` / ``parse_case``, and
the older names kept as thin wrappers (``load_case``, ``loads_case``, ...)."""
from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from typing import Any

from yaml.nodes import MappingNode, Node, SequenceNode

from ..model import Case
from .problems import CaseFileError, Problem
from .read import (
    MAX_BYTES, MAX_DEPTH, Stop, compose_text, data_to_node, decode, format_of, read_text,
    refuse_large_text,
)
from .validate import _INVALID, _Checker

__all__ = ["read_case", "parse_case", "check_text", "check_case", "load_case", "loads_case",
           "loads_data", "case_from_data", "check_data"]


_PAUSE_FROM = 200_000  # characters


def _freeze_survivors(phase: str, info: dict) -> None:
    if phase == "stop":
        gc.freeze()


@contextmanager
def _young_collections_only(size: int):
    """Keep CPython's cyclic garbage collector cheap while a large text is composed
    and checked, without turning it off.

    PyYAML builds several GC-tracked objects per node and no cycles.  Left alone, the
    collector's full collections walk the whole growing node tree again and again:
    composing and checking 12 MB (10k components / 50k relations) took about 12 s of
    CPU instead of 2.6 s with the collector off, and ``gc.freeze()`` once before the
    load changed nothing (the cost is in the objects the load itself makes).  So, for
    the length of the load only, whatever survives a collection is moved to the
    permanent generation (``gc.freeze()`` from a ``gc.callbacks`` hook): the young
    generation is still collected as usual (a cycle among new objects is still found)
    and the older ones never fill up; measured, 2.6 s.  ``gc.unfreeze()`` after puts
    everything back in the oldest generation, where the collector finds it as
    before.  A program that froze objects of its own (``gc.get_freeze_count()`` > 0)
    is left alone, since unfreezing would undo its freeze; small texts never touch
    the collector."""
    if size < _PAUSE_FROM or not gc.isenabled() or gc.get_freeze_count() \
            or _freeze_survivors in gc.callbacks:
        yield
        return
    gc.callbacks.append(_freeze_survivors)
    try:
        yield
    finally:
        gc.callbacks.remove(_freeze_survivors)
        gc.unfreeze()


def _problems(filename: str, items, severity: str = "error") -> list[Problem]:
    out = []
    for item in items:
        line, col, field, msg, code, loc = item[:6]
        sev = item[6] if len(item) > 6 else severity
        out.append(Problem(filename, line, col, field, msg, sev, code, tuple(loc)))
    out.sort(key=lambda p: (p.line, p.column))
    return out


def _notes(filename: str, checker: _Checker) -> list[Problem]:
    return _problems(filename, checker.warnings + checker.hints)


def _gates(checker: _Checker, text: str) -> None:
    if "\\u" in text or "\\U" in text:
        checker.check_surrogates = True
    if "\\" in text or "\t" in text or "|" in text or ">" in text or any(
            c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"):
        checker.check_chars = True


def check_text(text: str, filename: str = "<string>", fmt: str | None = None, *,
               _decoded: bool = False) -> tuple[Case | None, list[Problem], list[Problem]]:
    """Check the text of a case file: ``(case or None, errors, notes)``; never raises
    for anything the text holds.  *notes* are the warnings and hints."""
    fmt = fmt or format_of(filename, text)
    if fmt not in ("yaml", "json"):
        raise ValueError(f"fmt must be 'yaml', 'json' or None, not {fmt!r}")
    checker = _Checker(filename)
    case = None
    raw: list = []
    with _young_collections_only(len(text)):
        try:
            root = compose_text(text, fmt, raw, _decoded)
            checker.errors.extend(raw)
            if root is not None:
                _gates(checker, text)
                case = checker.check(root)
        except Stop as stop:
            checker.errors.extend(raw)
            checker.errors.append(stop.where)
        root = None  # free the node tree while the collector is paused
    if checker.errors:
        case = None
    return case, _problems(filename, checker.errors), _notes(filename, checker)


def parse_case(text: str, format: str = "yaml", filename: str = "<string>", *,
               max_bytes: int | None = MAX_BYTES) -> Case:
    """Read a case from the text of a case file.

    Parameters
    ----------
    text : str
        The YAML or JSON text (never a path).
    format : {'yaml', 'json'}
    filename : str
        The name used in problems.
    max_bytes : int or None
        Refuse a text longer than this in UTF-8.

    Returns
    -------
    Case

    Raises
    ------
    CaseFileError
        With every error of the text.

    Examples
    --------
    >>> parse_case('{"format": "vcc-case/1", "id": "t", "title": "T"}', "json").title
    'T'

    See Also
    --------
    read_case : the same for a file.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    try:
        refuse_large_text(text, max_bytes)
    except Stop as stop:
        raise CaseFileError(_problems(filename, [stop.where])) from None
    case, errors, _ = check_text(text, filename, format)
    if errors:
        raise CaseFileError(errors)
    assert case is not None  # no errors: check_text returned the case
    return case


def _check_path(path, filename: str, fmt: str | None, max_bytes: int | None):
    try:
        text = read_text(path, max_bytes)
    except Stop as stop:
        return None, _problems(filename, [stop.where]), []
    return check_text(text, filename, fmt or format_of(filename, text), _decoded=True)


def read_case(path, format: str | None = None, *, max_bytes: int | None = MAX_BYTES) -> Case:
    """Read a case file (YAML or JSON; regular files only, at most *max_bytes*).

    Parameters
    ----------
    path : str or os.PathLike
    format : {'yaml', 'json', None}
        ``None``: ``.json`` is JSON, ``.yaml``/``.yml`` YAML, else from the text.

    Returns
    -------
    Case

    Raises
    ------
    CaseFileError
        With every problem of the file; also when it is missing, too large, not a
        regular file, not UTF-8 or not a case file at all.

    Examples
    --------
    >>> from importlib.resources import files
    >>> case = read_case(files("vcc_helpers") / "cases" / "template.yaml")
    >>> case.id
    'my-case'

    See Also
    --------
    parse_case : the same for text.
    """
    case, errors, _ = _check_path(path, str(path), format, max_bytes)
    if errors:
        raise CaseFileError(errors)
    return case


_SURROGATE = re.compile("[\ud800-\udfff]")


def _looks_like_text(s: str) -> bool:
    """The old guess of :func:`check_case`, narrowed: a string is text when it has a
    line break, is blank, starts like a case file (``{`` or ``format:``), or holds
    ``: `` and names no existing file."""
    t = s.lstrip()
    if "\x00" in s or _SURROGATE.search(s):  # no path holds a NUL or a lone surrogate
        return True
    if "\n" in s or not t or t.startswith(("{", "format:", "format :")):
        return True
    return ": " in s and not os.path.exists(s)


def check_case(path_or_text, *, filename: str | None = None, fmt: str | None = None,
               max_bytes: int | None = MAX_BYTES
               ) -> tuple[Case | None, list[Problem], list[Problem]]:
    """Check a case file (or its text, or bytes) and report every problem, without raising.

    Prefer :func:`read_case` / :func:`parse_case` (or :func:`check_text`), which do
    not guess whether a string is a path or text.

    Returns
    -------
    case : Case or None
        The case, or ``None`` when there are errors.
    errors : list of Problem
        Every error, sorted by position.
    notes : list of Problem
        Warnings and hints (each with its ``severity``); never a reason to refuse.

    Examples
    --------
    >>> case, errors, notes = check_case('''format: vcc-case/1
    ... id: t
    ... title: T
    ... components: [{id: a, label: A, kinds: [thin]}]
    ... ''')
    >>> errors
    []
    >>> print(notes[0])
    <string>:4:40: components[0].kinds[0]: 'thin' is not a suggested kind (did you mean 'thing'?); kept as your own word
    """  # noqa: E501 (a doctest's expected output is one line)
    name = filename
    if isinstance(path_or_text, (bytes, bytearray)):
        name = name or "<bytes>"
        try:
            text = decode(bytes(path_or_text), max_bytes)
        except Stop as stop:
            return None, _problems(name, [stop.where]), []
        return check_text(text, name, fmt or format_of(name, text))
    if isinstance(path_or_text, str) and _looks_like_text(path_or_text):
        name = name or "<string>"
        try:
            refuse_large_text(path_or_text, max_bytes)
        except Stop as stop:
            return None, _problems(name, [stop.where]), []
        return check_text(path_or_text, name, fmt or format_of(name, path_or_text))
    return _check_path(path_or_text, name or str(path_or_text), fmt, max_bytes)


def load_case(path, *, fmt: str | None = None, max_bytes: int | None = MAX_BYTES) -> Case:
    """Read a case file: :func:`read_case` under its older name."""
    return read_case(path, fmt, max_bytes=max_bytes)


def loads_case(text: str, filename: str = "<string>", fmt: str | None = None, *,
               max_bytes: int | None = MAX_BYTES) -> Case:
    """Read a case from text: :func:`parse_case`, guessing the format from *filename*
    (then the text) when *fmt* is None.

    >>> loads_case('{"format": "vcc-case/1", "id": "t", "title": "T"}').title
    'T'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return parse_case(text, fmt or format_of(filename, text), filename, max_bytes=max_bytes)


def loads_data(text: str, filename: str = "<string>", fmt: str | None = None, *,
               max_bytes: int | None = MAX_BYTES) -> Any:
    """Parse a case file's text into plain data (dicts, lists, str, numbers, None),
    reading YAML exactly as :func:`parse_case` does (safely, YAML 1.2 scalars, keys
    as text), bounded in size and depth.  Does not check the case.

    Raises
    ------
    CaseFileError
        For syntax errors, tags, aliases, duplicate keys, too deep nesting.

    Examples
    --------
    >>> loads_data("a: yes\\nb: 1e3\\nc: [on, ~]\\n")
    {'a': 'yes', 'b': 1000.0, 'c': ['on', None]}
    """
    fmt = fmt or format_of(filename, text)
    checker = _Checker(filename)
    raw: list = []
    try:
        refuse_large_text(text, max_bytes)
        with _young_collections_only(len(text)):
            root = compose_text(text, fmt, raw)
    except Stop as stop:
        raise CaseFileError(_problems(filename, raw + [stop.where])) from None
    if raw:
        raise CaseFileError(_problems(filename, raw))
    checker.check_surrogates = True

    def convert(node: Node, field, depth: int) -> Any:
        if depth > MAX_DEPTH:
            checker.error(node, field, f"nested too deeply (more than {MAX_DEPTH} levels)",
                          "too-deep")
            return None
        if isinstance(node, MappingNode):
            return {key: convert(v, (field, key), depth + 1)
                    for key, _k, v in checker.unique_pairs(node, field)}
        if isinstance(node, SequenceNode):
            return [convert(v, (field, i), depth + 1) for i, v in enumerate(node.value)]
        v = checker.value(node, field)
        return None if v is _INVALID else v

    data = convert(root, "", 1) if root is not None else None
    if checker.errors:
        raise CaseFileError(_problems(filename, checker.errors))
    return data


def _check_data(data, filename: str):
    checker = _Checker(filename)
    case = None
    try:
        checker.check_surrogates = True
        checker.check_chars = True
        case = checker.check(data_to_node(data))
    except Stop as stop:
        checker.errors.append(stop.where)
    except RecursionError:  # pragma: no cover - data_to_node bounds the depth
        checker.errors.append((0, 0, "(data)", "the data is nested too deeply",
                               "too-deep", ()))
    if checker.errors:
        case = None
    return case, checker


def case_from_data(data: dict, filename: str = "<data>") -> Case:
    """Build a case from plain data shaped like a case file (as :func:`case_to_data` gives).

    Problems carry line and column 0, since data has no lines.

    Raises
    ------
    CaseFileError

    Examples
    --------
    >>> case_from_data({"format": "vcc-case/1", "id": "t", "title": "T",
    ...                 "components": [{"id": "a", "label": "A"}]}).components[0].label
    'A'
    >>> try:
    ...     case_from_data({"format": "vcc-case/1", "id": "t", "title": ""})
    ... except CaseFileError as err:
    ...     print(err)
    <data>:0:0: title: empty: the case needs a non-empty 'title'
    """
    case, checker = _check_data(data, filename)
    if checker.errors:
        raise CaseFileError(_problems(filename, checker.errors))
    return case


def check_data(data: dict, filename: str = "<data>"
               ) -> tuple[Case | None, list[Problem], list[Problem]]:
    """Like :func:`check_case` for plain data: ``(case, errors, notes)``, never raises.

    Examples
    --------
    >>> case, errors, notes = check_data({"format": "vcc-case/1", "id": "t", "title": "T",
    ...     "components": [{"id": "a", "label": "A", "kinds": ["persn"]}]})
    >>> print(notes[0])
    <data>:0:0: components[0].kinds[0]: 'persn' is not a suggested kind (did you mean 'person'?); kept as your own word
    """  # noqa: E501 (a doctest's expected output is one line)
    case, checker = _check_data(data, filename)
    return case, _problems(filename, checker.errors), _notes(filename, checker)
