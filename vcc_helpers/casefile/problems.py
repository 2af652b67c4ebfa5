"""Problems as data, and the one exception family every reader's input can cause.

A :class:`Problem` is one finding: where (file, line, column, and the data path
``loc``), which field (a path for people, e.g. ``relations[2].to``), what
(``message``, one line, values elided past :data:`MAX_SHOWN` characters), how
bad (``severity``: ``"error"`` refuses the file, ``"warning"`` is printed but
accepted, ``"hint"`` is a gentle note) and a stable kebab-case ``code`` that
programs can test instead of parsing the message.

Examples
--------
>>> p = Problem("mycase.yaml", 14, 5, "relations[2].to", "unknown component 'mrs-b'",
...             code="unknown-ref", loc=("relations", 2, "to"))
>>> str(p)
"mycase.yaml:14:5: relations[2].to: unknown component 'mrs-b'"
>>> p.severity, p.code, p.loc
('error', 'unknown-ref', ('relations', 2, 'to'))
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

__all__ = ["SEVERITIES", "MAX_SHOWN", "Problem", "CaseFileError", "CaseFileKeyError",
           "shown", "field_path"]

SEVERITIES = ("error", "warning", "hint")
"""error: the file is refused (exit 1); warning: accepted and printed (exit 0); hint."""

MAX_SHOWN = 80
"""At most this many characters of a reader's value appear in a message."""

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\u2028\u2029\ud800-\udfff]")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def shown(value, limit: int = MAX_SHOWN) -> str:
    """*value* as it may appear inside a message: repr-quoted, control and bidi
    characters escaped, cut to *limit* characters with ``...``.

    >>> shown("mrs-b")
    "'mrs-b'"
    >>> shown("x" * 100)[-6:]
    "xx...'"
    >>> shown("a\\u202eb")
    "'a\\\\u202eb'"
    """
    s = str(value)
    cut = len(s) > limit
    if cut:
        s = s[:limit]
    s = repr(s)[1:-1]
    s = _UNSAFE.sub(_escape, s)
    return "'" + s + ("..." if cut else "") + "'"


def field_path(loc: tuple) -> str:
    """A data path as people read it: ``("relations", 2, "to")`` -> ``relations[2].to``.
    Keys that are not plain words are quoted (JSON style, escaped, capped).

    >>> field_path(("readings", "service", "roles", "mrs-a"))
    'readings.service.roles.mrs-a'
    >>> field_path(("relations", 0, "a: b"))
    'relations[0]["a: b"]'
    >>> field_path(("source", "x" * 200))[:16]
    'source["xxxxxxxx'
    """
    out = ""
    for key in loc:
        if type(key) is int:
            out += f"[{key}]"
        elif _PLAIN_KEY.match(key) and len(key) <= MAX_SHOWN:
            out = f"{out}.{key}" if out else key
        else:
            k = key if len(key) <= MAX_SHOWN else key[:MAX_SHOWN] + "..."
            out += "[" + _UNSAFE.sub(_escape, json.dumps(k, ensure_ascii=False)) + "]"
    return out


@dataclass(frozen=True)
class Problem:
    """One finding about a case file.

    Lines and columns count from 1; ``0`` means "no position" (data that did not
    come from a file).  The first five fields are positional, as they always were.

    Examples
    --------
    >>> str(Problem("mycase.yaml", 14, 5, "relations[2].to",
    ...             "unknown component 'mrs-b' (did you mean 'mrs-a'?)"))
    "mycase.yaml:14:5: relations[2].to: unknown component 'mrs-b' (did you mean 'mrs-a'?)"
    """

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"
    code: str = ""
    loc: tuple = ()

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.field}: {self.message}"


class CaseFileError(ValueError):
    """A case file (or case data) that cannot be loaded; ``problems`` lists every
    error (never warnings or hints).  ``str(err)`` is the problems, one per line.
    """

    def __init__(self, problems):
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class CaseFileKeyError(CaseFileError, KeyError):
    """A lookup that failed on a reader's word (a case id, a component id): both a
    :class:`CaseFileError` and a :class:`KeyError`, and its ``str()`` is the plain
    message (``KeyError`` would quote it).

    >>> err = CaseFileKeyError("no bundled case 'hospita' (did you mean 'hospital'?)")
    >>> str(err)
    "no bundled case 'hospita' (did you mean 'hospital'?)"
    >>> isinstance(err, KeyError)
    True
    """

    def __init__(self, message: str, problems=()):
        self.message = message
        self.problems = list(problems)
        Exception.__init__(self, message)

    def __str__(self) -> str:
        return self.message
