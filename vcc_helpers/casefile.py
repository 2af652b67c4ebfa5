"""Read, check and write case files (the ``vcc-case/1`` format, YAML or JSON).

A case file is a public contract: instructors and readers write them by hand, so
every mistake is reported with the file, line, column and field it concerns, and
*all* the mistakes of a file are reported at once::

    mycase.yaml:14:5: relations[2].to: unknown component 'mrs-b' (did you mean 'mrs-a'?)

Fields are written as paths from the top of the file: ``relations[2]`` is the
third relation (lists count from 0), ``readings.service.roles.mrs-a`` is the
role of ``mrs-a``.  A problem that concerns the whole file uses ``(file)`` as its
field, ``(syntax)`` for a YAML or JSON syntax error (and for refused tags and
aliases), and ``(top)`` for the top-level mapping itself.  Data given as Python
objects (:func:`case_from_data`) has no lines: its problems carry line and
column ``0``.

Two kinds of findings are kept apart.  *Errors* stop a file from loading.
*Hints* never do: they point out a word that is close to, but not one of, the
suggested words of an open vocabulary (kinds, service roles, practices, value
elements, forms of co-production), or an ``account`` that is close to a
component id.  The word is kept as the reader wrote it.

What the reader does not trust
------------------------------
* YAML is composed into nodes, never constructed into objects: any explicit tag
  other than the standard ``!!str``, ``!!int``, ``!!float``, ``!!bool``,
  ``!!null``, ``!!seq`` and ``!!map`` (``!!python/object``, ``!!binary``,
  local ``!tags``) is refused, wherever it stands.
* Aliases (``*name``) are refused outright, with their positions, so no
  "billion laughs" expansion can happen; anchors on their own are harmless and
  ignored.  Merge keys (``<<``) are refused too.
* A file over :data:`MAX_BYTES` is refused before it is parsed; a file that is
  not UTF-8 is refused with the offset of the first bad byte.  A leading
  byte-order mark is dropped.
* Duplicate keys in a mapping, which YAML would otherwise silently collapse,
  are errors.
* Plain YAML scalars are read by the YAML 1.2 core schema (as JSON would read
  them): ``true``/``false`` are booleans, ``yes``/``no``/``on``/``off`` are
  text, ``null``/``~``/nothing is empty, numbers are numbers.  Mapping keys are
  always read as text.
* Keys beginning with ``x-`` are extension keys, anywhere: they are accepted and
  ignored.  For this reason ids may not begin with ``x-``.

The JSON Schema ``vcc_helpers/schema/vcc-case-1.schema.json`` describes the
same structure (keys, types, closed vocabularies, id syntax, score ranges).
What a JSON Schema cannot express is checked here only: that ids are unique,
that references name existing components, relations and episodes, that no key
is repeated, and that scores are not NaN.

Examples
--------
>>> text = '''
... format: vcc-case/1
... id: tiny
... title: A tiny case
... components:
...   - {id: nurse, label: Ward nurse, kinds: [person]}
...   - {id: bed, label: Hospital bed, kinds: [thing]}
... relations:
...   - {id: r1, from: nurse, to: bed, does: makes up}
... '''
>>> case = loads_case(text, "tiny.yaml")
>>> case.relation("r1").target
'bed'
>>> try:
...     loads_case(text.replace("to: bed", "to: bedd"), "tiny.yaml")
... except CaseFileError as err:
...     print(err)
tiny.yaml:9:31: relations[0].to: unknown component 'bedd' (did you mean 'bed'?)
"""
from __future__ import annotations

import bisect
import gc
import json
import math
import os
import re
import secrets
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from json.decoder import scanstring as _json_scanstring
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .model import (
    CHARACTERS,
    DIRECTIONS,
    FORMAT,
    MODES,
    SOURCE_KINDS,
    SPHERES,
    SUGGESTED_COPRODUCTION,
    SUGGESTED_ELEMENTS,
    SUGGESTED_KINDS,
    SUGGESTED_PRACTICES,
    SUGGESTED_SERVICE_ROLES,
    TENDENCIES,
    VALENCES,
    Affect,
    AssemblageReading,
    Case,
    Component,
    CoProduction,
    Episode,
    Interaction,
    LineOfFlight,
    Proposition,
    Relation,
    RoleScore,
    ServiceReading,
    Source,
    Territory,
    ValueClaim,
    suggest,
)

__all__ = [
    "MAX_BYTES",
    "ID_PATTERN",
    "ID_MAX_LENGTH",
    "FIELDS",
    "Problem",
    "CaseFileError",
    "load_case",
    "loads_case",
    "check_case",
    "loads_data",
    "case_from_data",
    "case_to_data",
    "dumps_case",
    "save_case",
    "atomic_write",
    "format_of",
]

MAX_BYTES = 5_000_000
"""The largest case file (in bytes) that :func:`load_case` will read."""

ID_MAX_LENGTH = 64
"""The longest id allowed."""

ID_PATTERN = r"^(?!x-)[a-z][a-z0-9-]{0,63}$"
"""Ids are slugs: lower-case letters, digits and hyphens, starting with a letter,
at most 64 characters, and not beginning with ``x-`` (kept for extension keys)."""

_ID_RE = re.compile(ID_PATTERN[:-1] + r"\Z")  # \Z: "$" would also match before a final newline

FIELDS: dict[str, tuple[str, ...]] = {
    "case": ("format", "id", "title", "summary", "source", "components", "episodes",
             "relations", "readings"),
    "source": ("kind", "note", "cite"),
    "component": ("id", "label", "kinds", "description"),
    "episode": ("id", "label", "description"),
    "relation": ("id", "from", "to", "does", "episode", "account", "evidence"),
    "readings": ("service", "assemblage"),
    "service": ("by", "roles", "interactions", "propositions", "value", "coproduction"),
    "interaction": ("sphere", "mode", "practice"),
    "proposition": ("by", "to", "offer", "carried_by"),
    "value": ("for", "claimed_by", "element", "valence", "note", "relation", "episode"),
    "assemblage": ("by", "boundary", "affects", "roles", "lines_of_flight", "territories",
                   "desire"),
    "affect": ("capacity", "direction", "tendency", "character", "on"),
    "role_score": ("material", "expressive", "note"),
    "line_of_flight": ("episode", "from", "toward", "note", "danger", "captured_by"),
    "territory": ("label", "drawn_by", "episode", "note"),
}
"""The keys of every kind of mapping in a case file, in file order."""

_REQUIRED: dict[str, tuple[str, ...]] = {
    "case": ("format", "id", "title"),
    "source": (),
    "component": ("id", "label"),
    "episode": ("id", "label"),
    "relation": ("id", "from", "to", "does"),
    "readings": (),
    "service": (),
    "interaction": ("sphere",),
    "proposition": ("by", "to", "offer"),
    "value": ("for", "claimed_by", "element", "valence"),
    "assemblage": (),
    "affect": ("capacity",),
    "role_score": (),
    "line_of_flight": ("from", "danger"),
    "territory": ("label",),
}

_OWNER = {
    "case": "the case", "source": "the source", "component": "a component",
    "episode": "an episode", "relation": "a relation", "readings": "the readings",
    "service": "the service reading", "interaction": "an interaction",
    "proposition": "a proposition", "value": "a value claim",
    "assemblage": "the assemblage reading", "affect": "an affect",
    "role_score": "a role score", "line_of_flight": "a line of flight",
    "territory": "a territory",
}

_EXTRA = {("line_of_flight", "danger"): " (no line of flight is simply good)"}

_KEYSETS = {name: frozenset(keys) for name, keys in FIELDS.items()}


# --------------------------------------------------------------------------------------
# Problems
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One finding about a case file: where it is, which field, what is wrong.

    Lines and columns count from 1; ``0`` means "no position" (data that did not
    come from a file).

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
    """A case file (or case data) that cannot be loaded; ``problems`` lists every reason.

    ``str(err)`` is the problems, one per line, ready to show a reader.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


# --------------------------------------------------------------------------------------
# Parsing text into position-carrying nodes
# --------------------------------------------------------------------------------------
# Scalar node tags used inside this module: 'p' a plain YAML scalar (resolved here by the
# YAML 1.2 core schema), 'q' a quoted YAML scalar (always text), 'v' a value that is
# already typed (JSON and Python data).  Collections get 'm' and 's'.  Any other tag was
# written explicitly in the file.

_PLAIN, _QUOTED, _TYPED, _MAP, _SEQ, _BAD = "p", "q", "v", "m", "s", "bad"
_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}


class _Resolve:
    """Resolver override: leave every implicit tag to this module."""

    def resolve(self, kind, value, implicit):  # noqa: D401 - PyYAML hook
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _QUOTED
        return _SEQ if kind is SequenceNode else _MAP


class _PyLoader(_Resolve, yaml.SafeLoader):
    pass


if getattr(yaml, "__with_libyaml__", False):  # pragma: no branch
    class _FastLoader(_Resolve, yaml.CSafeLoader):  # type: ignore[misc]
        pass
else:  # pragma: no cover - pure Python environments such as Pyodide
    _FastLoader = _PyLoader  # type: ignore[misc]


class _Mark:
    """A position: 0-based line and column (like PyYAML's marks)."""

    __slots__ = ("line", "column")

    def __init__(self, line: int, column: int):
        self.line = line
        self.column = column


_NOWHERE = _Mark(-1, -1)


class _LazyMark:
    """A position in a JSON text, computed from the character offset on demand."""

    __slots__ = ("_offset", "_starts")

    def __init__(self, offset: int, starts: list[int]):
        self._offset = offset
        self._starts = starts

    def _lc(self) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, self._offset) - 1
        return i, self._offset - self._starts[i]

    @property
    def line(self) -> int:
        return self._lc()[0]

    @property
    def column(self) -> int:
        return self._lc()[1]


class _Stop(Exception):
    """Raised inside the readers when a file cannot be parsed at all."""

    def __init__(self, line: int, column: int, field: str, message: str):
        super().__init__(message)
        self.where = (line, column, field, message)


@contextmanager
def _no_gc() -> Iterator[None]:
    # Building a million small objects triggers the cyclic collector over and over;
    # pausing it makes loading a large file about eight times faster.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag


def _yaml_syntax(text: str, exc: Exception) -> _Stop:
    """Turn a PyYAML exception into a positioned message (asked again of the pure
    Python parser, whose wording is the same in every installation)."""
    try:
        with _no_gc():
            yaml.compose(text, Loader=_PyLoader)
    except (yaml.YAMLError, RecursionError) as py_exc:
        exc = py_exc
    except Exception:  # pragma: no cover - keep the first error
        pass
    if isinstance(exc, RecursionError):
        return _Stop(1, 1, "(syntax)", "the file is nested too deeply to read")
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = _line_col(text, exc.position)
        ch = exc.character
        code = ord(ch) if isinstance(ch, str) else int(ch)
        return _Stop(line + 1, col + 1, "(syntax)",
                     f"the character U+{code:04X} cannot appear in a YAML file "
                     "(a control character?)")
    if isinstance(exc, yaml.composer.ComposerError) and exc.problem and \
            "single document" in (exc.context or "") + exc.problem:
        mark = exc.problem_mark
        return _Stop(mark.line + 1, mark.column + 1, "(syntax)",
                     "a second YAML document starts here; a case file holds one document")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "cannot be read"
        msg = f"YAML syntax error: {problem}"
        if exc.context:
            cm = exc.context_mark
            where = f" at line {cm.line + 1}" if cm is not None and cm.line != mark.line else ""
            msg += f" ({exc.context}{where})"
        if "'\\t'" in problem:
            msg += "; indent with spaces, not tabs"
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return _Stop(line, col, "(syntax)", msg)
    return _Stop(1, 1, "(syntax)", f"YAML syntax error: {exc}")  # pragma: no cover


_MAX_ALIAS_REPORTS = 10
# Quick screens: an alias (*name) or a tag (!tag) can only start a node, that is after
# the start of a line, a space, '[', '{', ',' (or '-', '?', ':' followed by a space).
# Text such as "5*3" or "Help!" does not trigger the slower full check.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,])\*", re.M)
_MAYBE_TAG = re.compile(r"(?:^|[\s\[{,])!", re.M)


def _parse_yaml(text: str, errors: list) -> Node | None:
    """Compose YAML text into nodes; refuse aliases.  Returns None for an empty document."""
    try:
        with _no_gc():
            root = yaml.compose(text, Loader=_FastLoader)
    except RecursionError as exc:
        raise _yaml_syntax(text, exc) from None
    except yaml.YAMLError as exc:
        raise _yaml_syntax(text, exc) from None
    if root is not None and "*" in text and _MAYBE_ALIAS.search(text):
        aliases = [ev.start_mark for ev in yaml.parse(text, Loader=_FastLoader)
                   if isinstance(ev, yaml.AliasEvent)]
        if aliases:
            for mark in aliases[:_MAX_ALIAS_REPORTS]:
                errors.append((mark.line + 1, mark.column + 1, "(syntax)",
                               "aliases (*name) are not allowed in a case file: "
                               "write the value out in full"))
            if len(aliases) > _MAX_ALIAS_REPORTS:
                mark = aliases[_MAX_ALIAS_REPORTS]
                more = len(aliases) - _MAX_ALIAS_REPORTS
                errors.append((mark.line + 1, mark.column + 1, "(syntax)",
                               f"{more} more aliases from here on (not listed one by one)"))
            return None
    return root


_WS = re.compile(r"[ \t\n\r]*")
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_JSON_MAX_DEPTH = 100
_JSON_STRING_ERRORS = {
    "Invalid control character at": "a tab or line break inside a string must be written "
                                    "as \\t or \\n",
    "Unterminated string starting at": "this string is never closed (a missing '\"'?)",
    "Invalid \\escape": "invalid escape in a string (a backslash must be written \\\\)",
    "Invalid \\uXXXX escape": "invalid \\u escape in a string (it needs four hex digits)",
}


class _JsonReader:
    """A small JSON parser that keeps the position of every value."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def stop(self, pos: int, message: str) -> _Stop:
        line, col = _line_col(self.text, pos)
        return _Stop(line + 1, col + 1, "(syntax)", f"JSON syntax error: {message}")

    def parse(self) -> Node | None:
        text = self.text
        pos = _WS.match(text, 0).end()
        if pos == len(text):
            return None
        node, pos = self.value(pos, 0)
        pos = _WS.match(text, pos).end()
        if pos != len(text):
            raise self.stop(pos, "unexpected text after the end of the JSON value")
        return node

    def value(self, pos: int, depth: int) -> tuple[Node, int]:
        text = self.text
        if pos >= len(text):
            raise self.stop(pos, "the file ends where a value was expected")
        ch = text[pos]
        mark = _LazyMark(pos, self.starts)
        if ch == '"':
            return self.string(pos, mark)
        if ch == "{" or ch == "[":
            if depth >= _JSON_MAX_DEPTH:
                raise self.stop(pos, "nested too deeply")
            return (self.mapping if ch == "{" else self.sequence)(pos, mark, depth + 1)
        m = _JSON_NUMBER.match(text, pos)
        if m:
            s = m.group()
            value: Any = float(s) if (m.group(1) or m.group(2)) else int(s)
            return ScalarNode(_TYPED, value, mark), m.end()
        for word, value in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, pos):
                return ScalarNode(_TYPED, value, mark), pos + len(word)
        for word in ("NaN", "Infinity", "-Infinity"):
            if text.startswith(word, pos):
                raise self.stop(pos, f"{word} is not a JSON value")
        raise self.stop(pos, f"unexpected character {ch!r} where a value was expected")

    def string(self, pos: int, mark) -> tuple[Node, int]:
        try:
            s, end = _json_scanstring(self.text, pos + 1, True)
        except json.JSONDecodeError as exc:
            raise self.stop(exc.pos, _JSON_STRING_ERRORS.get(exc.msg, exc.msg)) from None
        return ScalarNode(_TYPED, s, mark), end

    def mapping(self, pos: int, mark, depth: int) -> tuple[Node, int]:
        text, ws = self.text, _WS.match
        pairs: list = []
        pos = ws(text, pos + 1).end()
        if text.startswith("}", pos):
            return MappingNode(_MAP, pairs, mark), pos + 1
        while True:
            if pos >= len(text):
                raise self.stop(pos, "the file ends inside an object (a missing '}'?)")
            if not text.startswith('"', pos):
                raise self.stop(pos, "expected a key in double quotes")
            key, pos = self.string(pos, _LazyMark(pos, self.starts))
            pos = ws(text, pos).end()
            if not text.startswith(":", pos):
                raise self.stop(pos, "expected ':' after a key")
            pos = ws(text, pos + 1).end()
            value, pos = self.value(pos, depth)
            pairs.append((key, value))
            pos = ws(text, pos).end()
            if text.startswith(",", pos):
                pos = ws(text, pos + 1).end()
                if text.startswith("}", pos):
                    raise self.stop(pos, "a trailing comma before '}' is not allowed in JSON")
                continue
            if text.startswith("}", pos):
                return MappingNode(_MAP, pairs, mark), pos + 1
            if pos >= len(text):
                raise self.stop(pos, "the file ends inside an object (a missing '}'?)")
            raise self.stop(pos, "expected ',' or '}' after a value in an object")

    def sequence(self, pos: int, mark, depth: int) -> tuple[Node, int]:
        text, ws = self.text, _WS.match
        items: list = []
        pos = ws(text, pos + 1).end()
        if text.startswith("]", pos):
            return SequenceNode(_SEQ, items, mark), pos + 1
        while True:
            value, pos = self.value(pos, depth)
            items.append(value)
            pos = ws(text, pos).end()
            if text.startswith(",", pos):
                pos = ws(text, pos + 1).end()
                if text.startswith("]", pos):
                    raise self.stop(pos, "a trailing comma before ']' is not allowed in JSON")
                continue
            if text.startswith("]", pos):
                return SequenceNode(_SEQ, items, mark), pos + 1
            if pos >= len(text):
                raise self.stop(pos, "the file ends inside an array (a missing ']'?)")
            raise self.stop(pos, "expected ',' or ']' after a value in an array")


def _data_to_node(data: Any, depth: int = 0) -> Node:
    """Wrap Python data in nodes without positions, so one checker serves all inputs."""
    if depth > 100:
        raise _Stop(0, 0, "(data)", "the data is nested too deeply (does it contain itself?)")
    if isinstance(data, dict) or isinstance(data, MappingProxyType):
        return MappingNode(_MAP, [(ScalarNode(_TYPED, k, _NOWHERE), _data_to_node(v, depth + 1))
                                  for k, v in data.items()], _NOWHERE)
    if isinstance(data, (list, tuple)):
        return SequenceNode(_SEQ, [_data_to_node(v, depth + 1) for v in data], _NOWHERE)
    return ScalarNode(_TYPED, data, _NOWHERE)


# --------------------------------------------------------------------------------------
# Scalars
# --------------------------------------------------------------------------------------

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
          "FALSE": False}
_NUMSTART = frozenset("0123456789+-.")
_SPECIAL_WORDS = _NULLS | frozenset(_BOOLS)
_INT_RE = re.compile(r"[-+]?[0-9]+\Z")
_OCT_RE = re.compile(r"0o[0-7]+\Z")
_HEX_RE = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF_RE = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN_RE = re.compile(r"\.(?:nan|NaN|NAN)\Z")


def _plain(v: str) -> Any:
    """Resolve a plain YAML scalar by the YAML 1.2 core schema."""
    if v in _NULLS:
        return None
    b = _BOOLS.get(v)
    if b is not None:
        return b
    if v[0] in _NUMSTART:
        if _INT_RE.match(v):
            return int(v)
        if _FLOAT_RE.match(v):
            return float(v)
        if _INF_RE.match(v):
            return -math.inf if v[0] == "-" else math.inf
        if _NAN_RE.match(v):
            return math.nan
        if _OCT_RE.match(v):
            return int(v[2:], 8)
        if _HEX_RE.match(v):
            return int(v[2:], 16)
    return v


_INVALID = object()


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"


def _node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "a value"


def _raw(node: ScalarNode) -> str:
    if node.tag == _TYPED:
        v = node.value
        if isinstance(v, str):
            return v
        try:
            return json.dumps(v)
        except (TypeError, ValueError):
            return repr(v)
    return node.value


def slugify(text: str) -> str:
    """A valid id made from *text*, or ``""`` if none can be made.

    Examples
    --------
    >>> slugify("Mrs A, 84")
    'mrs-a-84'
    >>> slugify("Zoë's key safe")
    'zoes-key-safe'
    >>> slugify("42")
    ''
    """
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    s = re.sub(r"['\u2019]", "", s.lower())
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    s = s[:ID_MAX_LENGTH].rstrip("-")
    return s if _ID_RE.match(s) else ""


# --------------------------------------------------------------------------------------
# The checker
# --------------------------------------------------------------------------------------


def _sub(prefix: str, key: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return f"{prefix}[{json.dumps(key, ensure_ascii=False)}]"
    return f"{prefix}.{key}" if prefix else key


def _field(spec) -> str:
    """Render a field path.  Inside the checker a path is built lazily as nested
    ``(prefix, key)`` tuples (a str key or an int index) and rendered only when a
    problem is reported: that keeps loading large files fast."""
    if type(spec) is not tuple:
        return spec
    prefix, key = spec
    prefix = _field(prefix)
    if type(key) is int:
        return f"{prefix}[{key}]"
    return _sub(prefix, key)


class _Checker:
    """Walks the nodes of one file, collecting errors and hints and building the Case."""

    _SUGGESTION_BUDGET = 200

    def __init__(self, filename: str):
        self.filename = filename
        self.errors: list[tuple[int, int, str, str]] = []
        self.hints: list[tuple[int, int, str, str]] = []
        self.components: dict[str, Node] = {}
        self.episodes: dict[str, Node] = {}
        self.relations: dict[str, Node] = {}
        self._budget = self._SUGGESTION_BUDGET
        self._open_cache: dict[tuple[str, str], str | None] = {}
        self.check_surrogates = False

    # -- reporting --------------------------------------------------------------------

    def error(self, node: Node | None, field: str, message: str) -> None:
        mark = node.start_mark if node is not None else _NOWHERE
        self.errors.append((mark.line + 1, mark.column + 1, _field(field), message))

    def hint(self, node: Node, field: str, message: str) -> None:
        mark = node.start_mark
        self.hints.append((mark.line + 1, mark.column + 1, _field(field), message))

    def _did_you_mean(self, word: str, candidates) -> str:
        if self._budget <= 0:
            return ""
        self._budget -= 1
        found = suggest(word, list(candidates))
        return f" (did you mean {found!r}?)" if found else ""

    # -- scalars ----------------------------------------------------------------------

    def value(self, node: Node, field: str) -> Any:
        """The Python value of a scalar node, or _INVALID (already reported)."""
        tag = node.tag
        if tag == _QUOTED:
            v = node.value
        elif tag == _PLAIN:
            v = _plain(node.value)
        elif tag == _TYPED:
            v = node.value
        elif tag == _BAD:
            return _INVALID
        elif tag in _ALLOWED_TAGS:
            kind = tag[len(_STD):]
            if kind == "str":
                v = node.value
            else:
                v = _plain(node.value)
                ok = {"int": isinstance(v, int) and not isinstance(v, bool),
                      "float": isinstance(v, (int, float)) and not isinstance(v, bool),
                      "bool": isinstance(v, bool), "null": v is None}.get(kind, False)
                if not ok:
                    self.error(node, field, f"{node.value!r} is not a valid !!{kind}")
                    return _INVALID
                if kind == "float":
                    v = float(v)
        else:  # pragma: no cover - tags are screened before checking
            self.error(node, field, f"the tag {_tag_name(tag)!r} is not allowed")
            return _INVALID
        if self.check_surrogates and isinstance(v, str) and re.search("[\ud800-\udfff]", v):
            self.error(node, field, "contains a lone surrogate escape (such as \\ud800), "
                                    "which is not a character")
            return _INVALID
        return v

    def expected(self, node: Node, field: str, what: str, advice: str = "") -> None:
        if node.tag == _BAD:  # a refused tag, reported already
            return
        if isinstance(node, ScalarNode):
            v = self.value(node, field)
            if v is _INVALID:
                return
            got = _describe(v)
            if v is not None and not isinstance(v, str):
                got += f" ({_raw(node)})"
        else:
            got = _node_kind(node)
        self.error(node, field, f"expected {what}, got {got}{advice}")

    def text(self, node: Node, field: str) -> str | None:
        """Optional free text: returns str ("" for null) or None when invalid."""
        if not self.check_surrogates:  # fast path for the common cases
            tag = node.tag
            if tag == _QUOTED:
                return node.value
            if tag == _PLAIN:
                v = node.value
                if v and v[0] not in _NUMSTART and v not in _SPECIAL_WORDS:
                    return v
            elif tag == _TYPED and type(node.value) is str:
                return node.value
        if isinstance(node, ScalarNode):
            v = node.value if node.tag == _QUOTED else self.value(node, field)
            if isinstance(v, str):
                return v
            if v is None:
                return ""
            if v is _INVALID:
                return None
            self.expected(node, field, "text", f' (put it in quotes: "{_raw(node)}")')
            return None
        self.expected(node, field, "text")
        return None

    def required_text(self, fields: dict, owner_node: Node, prefix: str, key: str,
                      record: str) -> str | None:
        pair = fields.get(key)
        if pair is None:
            return None  # reported as missing already
        node = pair[1]
        field = (prefix, key)
        v = self.text(node, field)
        if v is None:
            return None
        if not v.strip():
            extra = _EXTRA.get((record, key), "")
            self.error(node, field, f"empty: {_OWNER[record]} needs a non-empty '{key}'{extra}")
            return None
        return v

    def optional_text(self, fields: dict, prefix: str, key: str) -> str:
        pair = fields.get(key)
        if pair is None:
            return ""
        v = self.text(pair[1], (prefix, key))
        return "" if v is None else v

    def ident(self, node: Node, field: str, what: str = "an id") -> str | None:
        """A syntactically valid id, or None (reported)."""
        if not self.check_surrogates:  # fast path
            tag = node.tag
            if tag == _PLAIN or tag == _QUOTED or tag == _TYPED:
                v = node.value
                if type(v) is str and _ID_RE.match(v) and (tag != _PLAIN or
                                                           v not in _SPECIAL_WORDS):
                    return v
        if isinstance(node, ScalarNode):
            v = node.value if node.tag == _QUOTED else self.value(node, field)
            if isinstance(v, str):
                if _ID_RE.match(v):
                    return v
                self.bad_id(node, field, v, what)
                return None
            if v is _INVALID:
                return None
            if v is None:
                self.error(node, field, f"empty: expected {what}")
                return None
        self.expected(node, field, what)
        return None

    def bad_id(self, node: Node, field: str, v: str, what: str = "an id") -> None:
        if v == "":
            self.error(node, field, f"empty: expected {what}")
        elif len(v) > ID_MAX_LENGTH:
            self.error(node, field, f"an id may be at most {ID_MAX_LENGTH} characters long "
                                    f"(this one has {len(v)})")
        elif v.startswith("x-"):
            self.error(node, field, f"{v!r} is not a valid id: ids beginning with 'x-' "
                                    "are kept for extension keys")
        else:
            slug = slugify(v)
            tail = f" (try {slug!r})" if slug else ""
            self.error(node, field, f"{v!r} is not a valid id: use lower-case letters, "
                                    f"digits and hyphens, starting with a letter{tail}")

    def ref(self, node: Node, field: str, table: dict, what: str) -> str | None:
        """An id that must name an existing component / relation / episode."""
        v = self.ident(node, field, f"{'an' if what[0] in 'aeiou' else 'a'} {what} id")
        if v is None:
            return None
        if v not in table:
            self.error(node, field, f"unknown {what} {v!r}{self._did_you_mean(v, table)}")
            return None
        return v

    def optional_ref(self, fields: dict, prefix: str, key: str, table: dict, what: str):
        pair = fields.get(key)
        if pair is None:
            return None
        node = pair[1]
        if isinstance(node, ScalarNode) and node.tag != _QUOTED:
            if self.value(node, (prefix, key)) is None:
                return None
        return self.ref(node, (prefix, key), table, what)

    def closed(self, fields: dict, prefix: str, key: str, vocab: tuple, what: str,
               default: str | None, record: str = "") -> str | None:
        """A word from a closed vocabulary; an absent or null optional one is *default*."""
        pair = fields.get(key)
        if pair is None:
            return default
        node = pair[1]
        field = (prefix, key)
        if not self._given(node):
            if default is not None:
                return default
            self.error(node, field, f"empty: {_OWNER[record]} needs a non-empty '{key}'")
            return None
        v = self.text(node, field)
        if v is None:
            return None
        if v in vocab:
            return v
        hint = suggest(v, vocab)
        tail = f" (did you mean {hint!r}?)" if hint else ""
        self.error(node, field, f"{v!r} is not a {what}: use one of {', '.join(vocab)}{tail}")
        return None

    def open_word(self, node: Node, field: str, vocab: tuple, what: str,
                  allow_empty: bool = False) -> str | None:
        """A word from an open vocabulary: any non-empty text; hint when close to a suggestion."""
        v = self.text(node, field)
        if v is None or (allow_empty and not v):
            return v
        if not v.strip():
            self.error(node, field, f"empty: a {what} cannot be empty")
            return None
        if v not in vocab:
            key = (v, what)
            if key in self._open_cache:
                found = self._open_cache[key]
            else:
                found = self._open_cache[key] = suggest(v, vocab)
            if found:
                self.hint(node, field, f"{v!r} is not a suggested {what} "
                                       f"(did you mean {found!r}?); kept as your own word")
        return v

    def score(self, fields: dict, prefix: str, key: str) -> float | None | object:
        pair = fields.get(key)
        if pair is None:
            return None
        node = pair[1]
        field = (prefix, key)
        if not isinstance(node, ScalarNode):
            self.expected(node, field, "a number between 0 and 1")
            return _INVALID
        v = self.value(node, field)
        if v is _INVALID:
            return _INVALID
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            advice = ""
            if isinstance(v, str) and _FLOAT_RE.match(v.strip()):
                advice = f" (remove the quotes around {v.strip()})"
            self.expected(node, field, "a number between 0 and 1", advice)
            return _INVALID
        if math.isnan(v):
            self.error(node, field, "not a number (NaN): a score lies between 0 and 1")
            return _INVALID
        if not 0 <= v <= 1:
            self.error(node, field, f"{_raw(node)} is out of range: a score lies between 0 and 1")
            return _INVALID
        return float(v)

    # -- collections ------------------------------------------------------------------

    def key_text(self, knode: Node, prefix: str) -> str | None:
        if isinstance(knode, ScalarNode):
            tag = knode.tag
            if tag == _PLAIN or tag == _QUOTED:
                return knode.value
            if tag == _TYPED:
                if isinstance(knode.value, str):
                    return knode.value
                self.error(knode, prefix or "(top)",
                           f"a key must be text, got {_describe(knode.value)} ({_raw(knode)})")
                return None
            if tag == _BAD:
                return None
            return knode.value  # an allowed explicit tag such as !!str
        self.error(knode, prefix or "(top)", f"a key must be text, got {_node_kind(knode)}")
        return None

    def record(self, node: Node, prefix: str, record: str) -> dict | None:
        """Check a mapping with known keys; return {key: (key node, value node)}."""
        if not isinstance(node, MappingNode) or node.tag == _BAD:
            if isinstance(node, ScalarNode) and self.value(node, prefix) is _INVALID:
                return None
            keys = ", ".join(FIELDS[record][:3])
            self.expected(node, prefix or "(top)", f"a mapping ({_OWNER[record]}: {keys}, ...)")
            return None
        allowed = _KEYSETS[record]
        out: dict[str, tuple[Node, Node]] = {}
        extra: dict[str, Node] | None = None
        for knode, vnode in node.value:
            k = knode.value if (knode.tag == _PLAIN or knode.tag == _QUOTED) else \
                self.key_text(knode, prefix)
            if k is None:
                continue
            if k in allowed:
                if k in out:
                    self.duplicate_key(knode, prefix, k, out[k][0])
                else:
                    out[k] = (knode, vnode)
                continue
            if extra is None:
                extra = {}
            if k in extra:
                self.duplicate_key(knode, prefix, k, extra[k])
                continue
            extra[k] = knode
            if k.startswith("x-"):
                continue
            self.unknown_key(knode, prefix, k, FIELDS[record])
        for req in _REQUIRED[record]:
            if req not in out:
                field = (prefix, req)
                if record == "case" and req == "format":
                    self.error(node, field, f"missing: the file must start with 'format: {FORMAT}'")
                else:
                    self.error(node, field, f"missing: {_OWNER[record]} needs "
                                            f"'{req}'{_EXTRA.get((record, req), '')}")
        return out

    def unknown_key(self, knode: Node, prefix: str, k: str, allowed: tuple) -> None:
        field = (prefix, k)
        if k == "<<":
            self.error(knode, field, "merge keys (<<) are not allowed in a case file: "
                                     "write the keys out in full")
            return
        found = suggest(k, allowed)
        if found:
            self.error(knode, field, f"unknown key {k!r} (did you mean {found!r}?)")
        else:
            self.error(knode, field, f"unknown key {k!r}: allowed keys are {', '.join(allowed)}")

    def duplicate_key(self, knode: Node, prefix: str, k: str, first: Node) -> None:
        where = f" (first at line {first.start_mark.line + 1})" if first.start_mark.line >= 0 else ""
        self.error(knode, (prefix, k), f"duplicate key {k!r}{where}; a key may appear "
                                           "only once in a mapping")

    def seq(self, node: Node, field: str, what: str, advice: str = "") -> list | None:
        """The items of a list (None for null = empty); reports a wrong type."""
        if isinstance(node, SequenceNode) and node.tag != _BAD:
            return node.value
        if isinstance(node, ScalarNode):
            v = self.value(node, field)
            if v is None:
                return []
            if v is _INVALID:
                return None
        self.expected(node, field, what, advice)
        return None

    def idmap(self, node: Node, prefix: str, what: str) -> list[tuple[str, Node, Node]]:
        """A mapping keyed by ids: [(id, key node, value node)], checked for syntax and
        duplicates (not for existence)."""
        if not isinstance(node, MappingNode) or node.tag == _BAD:
            if isinstance(node, ScalarNode):
                v = self.value(node, prefix)
                if v is None or v is _INVALID:
                    return []
            self.expected(node, prefix, f"a mapping of {what}")
            return []
        out = []
        seen: dict[str, Node] = {}
        for knode, vnode in node.value:
            k = self.key_text(knode, prefix)
            if k is None:
                continue
            if k in seen:
                self.duplicate_key(knode, prefix, k, seen[k])
                continue
            seen[k] = knode
            if k.startswith("x-"):
                continue
            field = (prefix, k)
            if k == "<<":
                self.unknown_key(knode, prefix, k, ())
                continue
            if not _ID_RE.match(k):
                self.bad_id(knode, field, k)
                continue
            out.append((k, knode, vnode))
        return out

    def words(self, node: Node, field: str, vocab: tuple | None, what: str) -> tuple | None:
        """A list of words (None if invalid); null is an empty list."""
        if isinstance(node, SequenceNode) and node.tag != _BAD:
            items = node.value
        elif isinstance(node, ScalarNode):
            v = self.value(node, field)
            if v is None:
                return ()
            if v is _INVALID:
                return None
            advice = f" (write [{v}])" if isinstance(v, str) else ""
            self.expected(node, field, f"a list of {what}s", advice)
            return None
        else:
            self.expected(node, field, f"a list of {what}s")
            return None
        out = []
        ok = True
        for j, item in enumerate(items):
            f = (field, j)
            if vocab is None:
                v = self.text(item, f)
                if v is not None and not v.strip():
                    self.error(item, f, f"empty: a {what} cannot be empty")
                    v = None
            else:
                v = self.open_word(item, f, vocab, what)
            if v is None:
                ok = False
            else:
                out.append(v)
        return tuple(out) if ok else None

    # -- the case ---------------------------------------------------------------------

    def check(self, root: Node) -> Case | None:
        f = self.record(root, "", "case")
        if f is None:
            return None
        ok = True

        fmt = None
        if "format" in f:
            node = f["format"][1]
            fmt = self.text(node, "format")
            if fmt is not None and fmt != FORMAT:
                hint = suggest(fmt, [FORMAT])
                tail = f" (did you mean {hint!r}?)" if hint else ""
                self.error(node, "format", f"unsupported format {fmt!r}: this tool reads "
                                           f"{FORMAT!r}{tail}")
                fmt = None
        case_id = self.ident(f["id"][1], "id") if "id" in f else None
        title = self.required_text(f, root, "", "title", "case")
        summary = self.optional_text(f, "", "summary")
        source = Source()
        if "source" in f and self._given(f["source"][1]):
            source = self.source(f["source"][1])

        components = self.list_of(f, "components", self.component, "components")
        episodes = self.list_of(f, "episodes", self.episode, "episodes")
        relations = self.list_of(f, "relations", self.relation, "relations")
        service = assemblage = None
        if "readings" in f:
            node = f["readings"][1]
            rf = self.record(node, "readings", "readings") if not (
                isinstance(node, ScalarNode) and self.value(node, "readings") is None) else {}
            if rf is None:
                ok = False
            else:
                if "service" in rf:
                    service = self.service(rf["service"][1])
                    ok = ok and service is not None
                if "assemblage" in rf:
                    assemblage = self.assemblage(rf["assemblage"][1])
                    ok = ok and assemblage is not None
        if self.errors or not ok or None in (fmt, case_id, title, source, components, episodes,
                                               relations):
            return None
        return Case(id=case_id, title=title, components=components, relations=relations,
                    episodes=episodes, summary=summary, source=source, service=service,
                    assemblage=assemblage, format=fmt)

    def list_of(self, f: dict, key: str, item_fn, what: str) -> tuple | None:
        if key not in f:
            return ()
        items = self.seq(f[key][1], key, f"a list of {what}")
        if items is None:
            return None
        out = []
        ok = True
        for i, item in enumerate(items):
            obj = item_fn(item, i)
            if obj is None:
                ok = False
            elif ok:
                out.append(obj)
        return tuple(out) if ok else None

    def source(self, node: Node) -> Source | None:
        f = self.record(node, "source", "source")
        if f is None:
            return None
        kind = self.closed(f, "source", "kind", SOURCE_KINDS, "source kind", "reader")
        note = self.optional_text(f, "source", "note")
        cite: tuple | None = ()
        if "cite" in f:
            cite = self.words(f["cite"][1], "source.cite", None, "citation key")
        if kind is None or cite is None:
            return None
        return Source(kind=kind, note=note, cite=cite)

    def new_id(self, f: dict, prefix: str, table: dict, what: str,
               other: dict | None = None, other_what: str = "") -> str | None:
        if "id" not in f:
            return None
        node = f["id"][1]
        field = (prefix, "id")
        v = self.ident(node, field)
        if v is None:
            return None
        first = table.get(v)
        if first is not None:
            line = first.start_mark.line + 1
            where = f" (first used at line {line})" if line > 0 else ""
            self.error(node, field, f"duplicate {what} id {v!r}{where}")
            return None
        if other is not None and v in other:
            line = other[v].start_mark.line + 1
            where = f" (line {line})" if line > 0 else ""
            self.error(node, field, f"{v!r} is already a {other_what} id{where}; "
                                    f"{what} ids must differ from {other_what} ids")
            return None
        table[v] = node
        return v

    def component(self, node: Node, i: int) -> Component | None:
        prefix = ("components", i)
        f = self.record(node, prefix, "component")
        if f is None:
            return None
        cid = self.new_id(f, prefix, self.components, "component")
        label = self.required_text(f, node, prefix, "label", "component")
        kinds: tuple | None = ()
        if "kinds" in f:
            kinds = self.words(f["kinds"][1], (prefix, "kinds"), SUGGESTED_KINDS, "kind")
        description = self.optional_text(f, prefix, "description") if "description" in f else ""
        if cid is None or label is None or kinds is None:
            return None
        return Component(cid, label, kinds, description)

    def episode(self, node: Node, i: int) -> Episode | None:
        prefix = ("episodes", i)
        f = self.record(node, prefix, "episode")
        if f is None:
            return None
        eid = self.new_id(f, prefix, self.episodes, "episode", self.components, "component")
        label = self.required_text(f, node, prefix, "label", "episode")
        description = self.optional_text(f, prefix, "description") if "description" in f else ""
        if eid is None or label is None:
            return None
        return Episode(eid, label, description)

    def relation(self, node: Node, i: int) -> Relation | None:
        prefix = ("relations", i)
        f = self.record(node, prefix, "relation")
        if f is None:
            return None
        rid = self.new_id(f, prefix, self.relations, "relation")
        comps = self.components
        src = self.ref(f["from"][1], (prefix, "from"), comps, "component") if "from" in f else None
        tgt = self.ref(f["to"][1], (prefix, "to"), comps, "component") if "to" in f else None
        does = self.required_text(f, node, prefix, "does", "relation")
        episode = self.optional_ref(f, prefix, "episode", self.episodes, "episode") \
            if "episode" in f else None
        account = None
        if "account" in f:
            account = self.account(f["account"][1], (prefix, "account")) or None
        evidence = self.optional_text(f, prefix, "evidence") if "evidence" in f else ""
        if None in (rid, src, tgt, does) or ("episode" in f and episode is None
                                              and self._given(f["episode"][1])):
            return None
        return Relation(rid, src, tgt, does, episode, account, evidence)

    @staticmethod
    def _given(node: Node) -> bool:
        """False for an explicit null (a key with no value)."""
        if isinstance(node, ScalarNode):
            if node.tag == _PLAIN:
                return node.value not in _NULLS
            if node.tag == _TYPED:
                return node.value is not None
        return True

    def account(self, node: Node, field: str) -> str | None:
        """Whose telling: a component id or any words; hint when close to a component id."""
        v = self.text(node, field)
        if v and v not in self.components and _ID_RE.match(v) and self.components:
            tail = self._did_you_mean(v, self.components)
            if tail:
                self.hint(node, field, f"{v!r} is not a component id{tail}; "
                                       "kept as your own word")
        return v

    # -- the service reading ----------------------------------------------------------

    def service(self, node: Node) -> ServiceReading | None:
        P = "readings.service"
        if isinstance(node, ScalarNode) and self.value(node, P) is None:
            return ServiceReading()
        f = self.record(node, P, "service")
        if f is None:
            return None
        n_errors = len(self.errors)
        by = self.optional_text(f, P, "by")
        roles: dict[str, tuple[str, ...]] = {}
        if "roles" in f:
            for cid, knode, vnode in self.idmap(f["roles"][1], (P, "roles"), "roles"):
                field = ((P, "roles"), cid)
                if cid not in self.components:
                    self.error(knode, field, f"unknown component {cid!r}"
                                             f"{self._did_you_mean(cid, self.components)}")
                    continue
                if isinstance(vnode, SequenceNode):
                    words = self.words(vnode, field, SUGGESTED_SERVICE_ROLES, "service role")
                else:
                    if isinstance(vnode, ScalarNode) and isinstance(self.value(vnode, field), str):
                        w = self.open_word(vnode, field, SUGGESTED_SERVICE_ROLES, "service role")
                        words = (w,) if w is not None else None
                    else:
                        self.expected(vnode, field, "a role or a list of roles")
                        words = None
                if words is not None:
                    roles[cid] = words
        interactions = []
        if "interactions" in f:
            for rid, knode, vnode in self.idmap(f["interactions"][1], (P, "interactions"),
                                                "interactions"):
                field = ((P, "interactions"), rid)
                known = self.known_relation(knode, field, rid)
                g = self.record(vnode, field, "interaction")
                if g is None or not known:
                    continue
                sphere = self.closed(g, field, "sphere", SPHERES, "sphere", None, "interaction") \
                    if "sphere" in g else None
                mode = self.closed(g, field, "mode", MODES, "mode", "direct")
                practice = ""
                if "practice" in g:
                    practice = self.open_word(g["practice"][1], (field, "practice"),
                                              SUGGESTED_PRACTICES, "practice", allow_empty=True)
                if None not in (sphere, mode, practice):
                    interactions.append(Interaction(rid, sphere, mode, practice))
        propositions = []
        if "propositions" in f:
            for j, item in enumerate(self.seq(f["propositions"][1], (P, "propositions"),
                                              "a list of propositions") or ()):
                prefix = ((P, "propositions"), j)
                g = self.record(item, prefix, "proposition")
                if g is None:
                    continue
                comps = self.components
                by_ = self.ref(g["by"][1], (prefix, "by"), comps, "component") if "by" in g else None
                to = self.ref(g["to"][1], (prefix, "to"), comps, "component") if "to" in g else None
                offer = self.required_text(g, item, prefix, "offer", "proposition")
                carried = self.optional_ref(g, prefix, "carried_by", comps, "component")
                if None not in (by_, to, offer):
                    propositions.append(Proposition(by_, to, offer, carried))
        value = []
        if "value" in f:
            for j, item in enumerate(self.seq(f["value"][1], (P, "value"),
                                              "a list of value claims") or ()):
                claim = self.value_claim(item, ((P, "value"), j))
                if claim is not None:
                    value.append(claim)
        coproduction = []
        if "coproduction" in f:
            for rid, knode, vnode in self.idmap(f["coproduction"][1], (P, "coproduction"),
                                                "co-production forms"):
                field = ((P, "coproduction"), rid)
                known = self.known_relation(knode, field, rid)
                form = self.open_word(vnode, field, SUGGESTED_COPRODUCTION,
                                      "form of co-production")
                if known and form is not None:
                    coproduction.append(CoProduction(rid, form))
        if len(self.errors) > n_errors:
            return None
        return ServiceReading(roles=roles, interactions=tuple(interactions),
                              propositions=tuple(propositions), value=tuple(value),
                              coproduction=tuple(coproduction), by=by)

    def known_relation(self, knode: Node, field: str, rid: str) -> bool:
        if rid in self.relations:
            return True
        self.error(knode, field, f"unknown relation {rid!r}"
                                 f"{self._did_you_mean(rid, self.relations)}")
        return False

    def value_claim(self, item: Node, prefix: str) -> ValueClaim | None:
        g = self.record(item, prefix, "value")
        if g is None:
            return None
        comps = self.components
        for_ = self.ref(g["for"][1], (prefix, "for"), comps, "component") if "for" in g else None
        claimed_by = None
        if "claimed_by" in g:
            claimed_by = self.required_text(g, item, prefix, "claimed_by", "value")
            if claimed_by is not None:
                self.account(g["claimed_by"][1], (prefix, "claimed_by"))
        element = self.open_word(g["element"][1], (prefix, "element"), SUGGESTED_ELEMENTS,
                                 "value element") if "element" in g else None
        valence = self.closed(g, prefix, "valence", VALENCES, "valence", None, "value") \
            if "valence" in g else None
        note = self.optional_text(g, prefix, "note")
        relation = self.optional_ref(g, prefix, "relation", self.relations, "relation")
        episode = self.optional_ref(g, prefix, "episode", self.episodes, "episode")
        for key, got in (("relation", relation), ("episode", episode)):
            if key in g and got is None and self._given(g[key][1]):
                return None
        if None in (for_, claimed_by, element, valence):
            return None
        return ValueClaim(for_, claimed_by, element, valence, note, relation, episode)

    # -- the assemblage reading -------------------------------------------------------

    def assemblage(self, node: Node) -> AssemblageReading | None:
        P = "readings.assemblage"
        if isinstance(node, ScalarNode) and self.value(node, P) is None:
            return AssemblageReading()
        f = self.record(node, P, "assemblage")
        if f is None:
            return None
        n_errors = len(self.errors)
        by = self.optional_text(f, P, "by")
        boundary = self.optional_text(f, P, "boundary")
        affects = []
        if "affects" in f:
            for rid, knode, vnode in self.idmap(f["affects"][1], (P, "affects"), "affects"):
                field = ((P, "affects"), rid)
                known = self.known_relation(knode, field, rid)
                if isinstance(vnode, SequenceNode):
                    items = [((field, j), it) for j, it in enumerate(vnode.value)]
                elif isinstance(vnode, MappingNode):
                    items = [(field, vnode)]
                else:
                    self.expected(vnode, field, "an affect (a mapping) or a list of affects")
                    continue
                for ifield, it in items:
                    a = self.affect(it, ifield, rid)
                    if a is not None and known:
                        affects.append(a)
        roles = []
        if "roles" in f:
            for cid, knode, vnode in self.idmap(f["roles"][1], (P, "roles"), "role scores"):
                field = ((P, "roles"), cid)
                if cid not in self.components:
                    self.error(knode, field, f"unknown component {cid!r}"
                                             f"{self._did_you_mean(cid, self.components)}")
                g = self.record(vnode, field, "role_score")
                if g is None:
                    continue
                material = self.score(g, field, "material")
                expressive = self.score(g, field, "expressive")
                note = self.optional_text(g, field, "note")
                roles.append(RoleScore(cid, material, expressive, note))
        lines = []
        if "lines_of_flight" in f:
            for j, item in enumerate(self.seq(f["lines_of_flight"][1], (P, "lines_of_flight"),
                                              "a list of lines of flight") or ()):
                prefix = ((P, "lines_of_flight"), j)
                g = self.record(item, prefix, "line_of_flight")
                if g is None:
                    continue
                episode = self.optional_ref(g, prefix, "episode", self.episodes, "episode")
                src = self.required_text(g, item, prefix, "from", "line_of_flight")
                danger = self.required_text(g, item, prefix, "danger", "line_of_flight")
                lines.append(LineOfFlight(episode, src, danger,
                                          toward=self.optional_text(g, prefix, "toward"),
                                          note=self.optional_text(g, prefix, "note"),
                                          captured_by=self.optional_text(g, prefix,
                                                                         "captured_by")))
        territories = []
        if "territories" in f:
            for j, item in enumerate(self.seq(f["territories"][1], (P, "territories"),
                                              "a list of territories") or ()):
                prefix = ((P, "territories"), j)
                g = self.record(item, prefix, "territory")
                if g is None:
                    continue
                label = self.required_text(g, item, prefix, "label", "territory")
                drawn_by: list[str] = []
                if "drawn_by" in g:
                    field = (prefix, "drawn_by")
                    for k, it in enumerate(self.seq(g["drawn_by"][1], field,
                                                    "a list of component ids") or ()):
                        cid = self.ref(it, (field, k), self.components, "component")
                        if cid is not None:
                            drawn_by.append(cid)
                episode = self.optional_ref(g, prefix, "episode", self.episodes, "episode")
                territories.append(Territory(label, tuple(drawn_by), episode,
                                             self.optional_text(g, prefix, "note")))
        desire: tuple | None = ()
        if "desire" in f:
            desire = self.words(f["desire"][1], (P, "desire"), None, "note on desire")
        if len(self.errors) > n_errors:
            return None
        return AssemblageReading(boundary=boundary, affects=tuple(affects), roles=tuple(roles),
                                 lines_of_flight=tuple(lines), territories=tuple(territories),
                                 desire=desire, by=by)

    def affect(self, node: Node, field: str, rid: str) -> Affect | None:
        g = self.record(node, field, "affect")
        if g is None:
            return None
        capacity = self.required_text(g, node, field, "capacity", "affect")
        direction = self.closed(g, field, "direction", DIRECTIONS, "direction", "unclear")
        tendency = self.closed(g, field, "tendency", TENDENCIES, "tendency", "unclear")
        character = self.closed(g, field, "character", CHARACTERS, "character", "unclear")
        on = self.optional_ref(g, field, "on", self.components, "component")
        if None in (capacity, direction, tendency, character):
            return None
        return Affect(rid, capacity, direction, tendency, character, on)


def _screen_tags(root: Node, checker: _Checker) -> None:
    """Report every explicit tag that is not a plain standard one, and neutralise it."""
    stack = [root]
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag not in (_PLAIN, _QUOTED, _MAP, _SEQ) and tag not in _ALLOWED_TAGS:
            checker.error(node, "(syntax)", f"the tag {_tag_name(tag)!r} is not allowed: a case "
                                            "file holds only text, numbers, true/false, lists "
                                            "and mappings")
            node.tag = _BAD
            continue
        if isinstance(node, MappingNode):
            for k, v in node.value:
                stack.append(v)
                stack.append(k)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


# --------------------------------------------------------------------------------------
# Public reading functions
# --------------------------------------------------------------------------------------


def format_of(name: str | os.PathLike | None, text: str = "") -> str:
    """Guess ``'yaml'`` or ``'json'`` from a file name, else from the text.

    Examples
    --------
    >>> format_of("case.json"), format_of("case.yml"), format_of(None, ' {"a": 1}')
    ('json', 'yaml', 'json')
    """
    suffix = Path(str(name)).suffix.lower() if name else ""
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "json" if text.lstrip().startswith("{") else "yaml"


def _decode(data: bytes, filename: str, max_bytes: int | None) -> str:
    if max_bytes is not None and len(data) > max_bytes:
        raise _Stop(1, 1, "(file)", f"the file is {len(data):,} bytes; a case file may be at "
                                    f"most {max_bytes:,} bytes")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise _Stop(1, 1, "(file)", "the file is UTF-16 (it starts with a UTF-16 byte-order "
                                    "mark): save it as UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[:exc.start].decode("utf-8")
        line, col = _line_col(good, len(good))
        raise _Stop(line + 1, col + 1, "(file)",
                    f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be "
                    "decoded (save the file as UTF-8)") from None


def _parse_text(text: str, fmt: str, checker: _Checker) -> Node | None:
    """Parse text into nodes, screening tags and aliases; errors go to the checker."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or (fmt == "yaml" and all(
            not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())):
        raise _Stop(1, 1, "(file)", f"the file is empty: a case file starts with "
                                    f"'format: {FORMAT}'")
    raw_errors: list = []
    if fmt == "json":
        root = _JsonReader(text).parse()
    else:
        root = _parse_yaml(text, raw_errors)
        if raw_errors:
            checker.errors.extend(raw_errors)
            return None
        if root is None:
            raise _Stop(1, 1, "(file)", f"the file is empty: a case file starts with "
                                        f"'format: {FORMAT}'")
        if "!" in text and _MAYBE_TAG.search(text):
            _screen_tags(root, checker)
    if "\\u" in text or "\\U" in text:
        checker.check_surrogates = True
    return root


def _problems(filename: str, items) -> list[Problem]:
    out = [Problem(filename, line, col, field, msg) for line, col, field, msg in items]
    out.sort(key=lambda p: (p.line, p.column))
    return out


def _check_node(root: Node, checker: _Checker) -> Case | None:
    with _no_gc():
        return checker.check(root)


def _check_text(text: str, filename: str, fmt: str | None):
    fmt = fmt or format_of(filename, text)
    if fmt not in ("yaml", "json"):
        raise ValueError(f"fmt must be 'yaml', 'json' or None, not {fmt!r}")
    checker = _Checker(filename)
    case = None
    with _no_gc():
        try:
            root = _parse_text(text, fmt, checker)
            if root is not None:
                case = checker.check(root)
        except _Stop as stop:
            checker.errors.append(stop.where)
        root = None  # free the node tree while the collector is paused
    if checker.errors:
        case = None
    return case, _problems(filename, checker.errors), _problems(filename, checker.hints)


def _refuse_large_text(text: str, max_bytes: int | None) -> None:
    if max_bytes is None or len(text) * 4 <= max_bytes:  # UTF-8 needs at most 4 bytes a character
        return
    n = len(text.encode("utf-8", "surrogatepass"))
    if n > max_bytes:
        raise _Stop(1, 1, "(file)", f"the file is {n:,} bytes; a case file may be at most "
                                    f"{max_bytes:,} bytes")


def _read_file(path, max_bytes: int | None) -> str:
    p = Path(path)
    try:
        if max_bytes is not None:
            size = p.stat().st_size
            if size > max_bytes:
                raise _Stop(1, 1, "(file)", f"the file is {size:,} bytes; a case file may be "
                                            f"at most {max_bytes:,} bytes")
        data = p.read_bytes()
    except FileNotFoundError:
        raise _Stop(1, 1, "(file)", "no such file") from None
    except IsADirectoryError:
        raise _Stop(1, 1, "(file)", "this is a folder, not a case file") from None
    except PermissionError:
        raise _Stop(1, 1, "(file)", "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise _Stop(1, 1, "(file)", f"cannot read the file: {exc.strerror or exc}") from None
    return _decode(data, str(path), max_bytes)


def check_case(path_or_text, *, filename: str | None = None, fmt: str | None = None,
               max_bytes: int | None = MAX_BYTES
               ) -> tuple[Case | None, list[Problem], list[Problem]]:
    """Check a case file (or its text) and report every problem, without raising.

    Parameters
    ----------
    path_or_text : str, os.PathLike or bytes
        A path (``pathlib.Path`` or a one-line string), the text of a file (a string
        containing a newline or starting with ``{``), or the raw bytes of a file.
    filename : str, optional
        The name used in problems (default: the path, or ``<string>``).
    fmt : {'yaml', 'json', None}
        The format; ``None`` guesses from the file name, then from the text.
    max_bytes : int or None
        Refuse larger files (default :data:`MAX_BYTES`); ``None`` for no limit.

    Returns
    -------
    case : Case or None
        The case, or ``None`` when there are errors.
    errors : list of Problem
        Every error, sorted by position.
    hints : list of Problem
        "Did you mean" notes about open vocabularies; never a reason to refuse.

    Examples
    --------
    >>> case, errors, hints = check_case('''format: vcc-case/1
    ... id: t
    ... title: T
    ... components: [{id: a, label: A, kinds: [thin]}]
    ... ''')
    >>> errors
    []
    >>> print(hints[0])
    <string>:4:40: components[0].kinds[0]: 'thin' is not a suggested kind (did you mean 'thing'?); kept as your own word
    """
    is_text = isinstance(path_or_text, str) and ("\n" in path_or_text or not path_or_text.strip()
                                                  or path_or_text.lstrip().startswith("{"))
    name = filename
    try:
        if isinstance(path_or_text, (bytes, bytearray)):
            name = name or "<bytes>"
            text = _decode(bytes(path_or_text), name, max_bytes)
        elif is_text:
            name = name or "<string>"
            text = path_or_text
            _refuse_large_text(text, max_bytes)
        else:
            name = name or str(path_or_text)
            text = _read_file(path_or_text, max_bytes)
    except _Stop as stop:
        return None, _problems(name, [stop.where]), []
    if fmt is None:
        fmt = format_of(name, text)
    return _check_text(text, name, fmt)


def load_case(path, *, fmt: str | None = None, max_bytes: int | None = MAX_BYTES) -> Case:
    """Read a case file (YAML or JSON).

    Parameters
    ----------
    path : str or os.PathLike
        The file.  ``.json`` is read as JSON, anything else as YAML unless the text
        starts with ``{``.
    fmt : {'yaml', 'json', None}
        Force a format.
    max_bytes : int or None
        Refuse files larger than this (default :data:`MAX_BYTES`).

    Returns
    -------
    Case

    Raises
    ------
    CaseFileError
        With every problem of the file; also when the file is missing, too large,
        not UTF-8 or not a case file at all.

    Examples
    --------
    >>> from importlib.resources import files
    >>> case = load_case(files("vcc_helpers") / "cases" / "template.yaml")
    >>> case.id, len(case.components), len(case.relations)
    ('my-case', 3, 2)
    """
    case, errors, _hints = check_case(Path(path), filename=str(path), fmt=fmt,
                                      max_bytes=max_bytes)
    if errors:
        raise CaseFileError(errors)
    return case


def loads_case(text: str, filename: str = "<string>", fmt: str | None = None, *,
               max_bytes: int | None = MAX_BYTES) -> Case:
    """Read a case from the text of a file.

    Parameters
    ----------
    text : str
        The YAML or JSON text.
    filename : str
        The name to use in problems.
    fmt : {'yaml', 'json', None}
        ``None`` guesses from *filename*, then from the text.
    max_bytes : int or None
        Refuse a text longer than this in UTF-8 (default :data:`MAX_BYTES`).

    Returns
    -------
    Case

    Raises
    ------
    CaseFileError

    Examples
    --------
    >>> loads_case('{"format": "vcc-case/1", "id": "t", "title": "T"}').title
    'T'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    try:
        _refuse_large_text(text, max_bytes)
    except _Stop as stop:
        raise CaseFileError(_problems(filename, [stop.where])) from None
    case, errors, _ = _check_text(text, filename, fmt)
    if errors:
        raise CaseFileError(errors)
    return case


def loads_data(text: str, filename: str = "<string>", fmt: str | None = None) -> Any:
    """Parse a case file's text into plain data (dicts, lists, str, numbers, None),
    reading YAML exactly as :func:`loads_case` does (safely, YAML 1.2 scalars, keys
    as text).  Does not check the case; use it to feed a JSON Schema validator.

    Raises
    ------
    CaseFileError
        For syntax errors, tags, aliases and duplicate keys.

    Examples
    --------
    >>> loads_data("a: yes\\nb: 1e3\\nc: [on, ~]\\n")
    {'a': 'yes', 'b': 1000.0, 'c': ['on', None]}
    """
    fmt = fmt or format_of(filename, text)
    checker = _Checker(filename)
    try:
        root = _parse_text(text, fmt, checker)
    except _Stop as stop:
        raise CaseFileError(_problems(filename, [stop.where])) from None

    def convert(node: Node, field: str) -> Any:
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            firsts: dict[str, Node] = {}
            for k, v in node.value:
                key = checker.key_text(k, field)
                if key is None:
                    continue
                if key in out:
                    checker.duplicate_key(k, field, key, firsts[key])
                    continue
                firsts[key] = k
                out[key] = convert(v, (field, key))
            return out
        if isinstance(node, SequenceNode):
            return [convert(v, (field, i)) for i, v in enumerate(node.value)]
        v = checker.value(node, field)
        return None if v is _INVALID else v

    data = convert(root, "") if root is not None else None
    if checker.errors:
        raise CaseFileError(_problems(filename, checker.errors))
    return data


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
    checker = _Checker(filename)
    case = None
    try:
        root = _data_to_node(data)
        checker.check_surrogates = True
        case = _check_node(root, checker)
    except _Stop as stop:
        checker.errors.append(stop.where)
    if checker.errors:
        raise CaseFileError(_problems(filename, checker.errors))
    return case


def check_data(data: dict, filename: str = "<data>"
               ) -> tuple[Case | None, list[Problem], list[Problem]]:
    """Like :func:`check_case` for plain data: ``(case, errors, hints)``, never raises.

    Examples
    --------
    >>> case, errors, hints = check_data({"format": "vcc-case/1", "id": "t", "title": "T",
    ...     "components": [{"id": "a", "label": "A", "kinds": ["persn"]}]})
    >>> print(hints[0])
    <data>:0:0: components[0].kinds[0]: 'persn' is not a suggested kind (did you mean 'person'?); kept as your own word
    """
    checker = _Checker(filename)
    case = None
    try:
        checker.check_surrogates = True
        case = _check_node(_data_to_node(data), checker)
    except _Stop as stop:
        checker.errors.append(stop.where)
    if checker.errors:
        case = None
    return case, _problems(filename, checker.errors), _problems(filename, checker.hints)


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def case_to_data(case: Case) -> dict:
    """The plain data of a case, in file order and with the file's key spelling
    (``from``, ``to``, ``for``), leaving out empty optional fields.

    Affects are grouped by relation in order of first appearance (the file holds them
    in a mapping keyed by relation id).

    Examples
    --------
    >>> from vcc_helpers.model import Case, Component, Relation
    >>> c = Case("t", "T", components=(Component("a", "A", ("person",)),),
    ...          relations=(Relation("r1", "a", "a", "waits"),))
    >>> case_to_data(c)  # doctest: +NORMALIZE_WHITESPACE
    {'format': 'vcc-case/1', 'id': 't', 'title': 'T',
     'components': [{'id': 'a', 'label': 'A', 'kinds': ['person']}],
     'relations': [{'id': 'r1', 'from': 'a', 'to': 'a', 'does': 'waits'}]}
    """
    def put(d: dict, key: str, value: Any) -> None:
        if value not in (None, "", (), [], {}):
            d[key] = list(value) if isinstance(value, tuple) else value

    out: dict[str, Any] = {"format": case.format, "id": case.id, "title": case.title}
    put(out, "summary", case.summary)
    if case.source != Source():
        src: dict[str, Any] = {"kind": case.source.kind}
        put(src, "note", case.source.note)
        put(src, "cite", case.source.cite)
        out["source"] = src
    comps = []
    for c in case.components:
        d = {"id": c.id, "label": c.label}
        put(d, "kinds", c.kinds)
        put(d, "description", c.description)
        comps.append(d)
    put(out, "components", comps)
    eps = []
    for e in case.episodes:
        d = {"id": e.id, "label": e.label}
        put(d, "description", e.description)
        eps.append(d)
    put(out, "episodes", eps)
    rels = []
    for r in case.relations:
        d = {"id": r.id, "from": r.source, "to": r.target, "does": r.does}
        put(d, "episode", r.episode)
        put(d, "account", r.account)
        put(d, "evidence", r.evidence)
        rels.append(d)
    put(out, "relations", rels)
    readings: dict[str, Any] = {}
    if case.service is not None:
        readings["service"] = _service_data(case.service)
    if case.assemblage is not None:
        readings["assemblage"] = _assemblage_data(case.assemblage)
    put(out, "readings", readings)
    return out


def _service_data(s: ServiceReading) -> dict:
    d: dict[str, Any] = {}
    if s.by:
        d["by"] = s.by
    if s.roles:
        d["roles"] = {k: (v[0] if isinstance(v, tuple) and len(v) == 1 else
                          v if isinstance(v, str) else list(v)) for k, v in s.roles.items()}
    if s.interactions:
        d["interactions"] = {}
        for i in s.interactions:
            e = {"sphere": i.sphere, "mode": i.mode}
            if i.practice:
                e["practice"] = i.practice
            d["interactions"][i.relation] = e
    if s.propositions:
        d["propositions"] = []
        for p in s.propositions:
            e = {"by": p.by, "to": p.to, "offer": p.offer}
            if p.carried_by:
                e["carried_by"] = p.carried_by
            d["propositions"].append(e)
    if s.value:
        d["value"] = []
        for v in s.value:
            e = {"for": v.beneficiary, "claimed_by": v.claimed_by, "element": v.element,
                 "valence": v.valence}
            for key, val in (("note", v.note), ("relation", v.relation), ("episode", v.episode)):
                if val:
                    e[key] = val
            d["value"].append(e)
    if s.coproduction:
        d["coproduction"] = {c.relation: c.form for c in s.coproduction}
    return d


def _assemblage_data(a: AssemblageReading) -> dict:
    d: dict[str, Any] = {}
    if a.by:
        d["by"] = a.by
    if a.boundary:
        d["boundary"] = a.boundary
    if a.affects:
        grouped: dict[str, list] = {}
        for f in a.affects:
            e = {"capacity": f.capacity, "direction": f.direction, "tendency": f.tendency,
                 "character": f.character}
            if f.on:
                e["on"] = f.on
            grouped.setdefault(f.relation, []).append(e)
        d["affects"] = {k: (v[0] if len(v) == 1 else v) for k, v in grouped.items()}
    if a.roles:
        d["roles"] = {}
        for r in a.roles:
            e: dict[str, Any] = {}
            if r.material is not None:
                e["material"] = r.material
            if r.expressive is not None:
                e["expressive"] = r.expressive
            if r.note:
                e["note"] = r.note
            d["roles"][r.component] = e
    if a.lines_of_flight:
        d["lines_of_flight"] = []
        for lf in a.lines_of_flight:
            e = {}
            if lf.episode:
                e["episode"] = lf.episode
            e["from"] = lf.source
            for key, val in (("toward", lf.toward), ("note", lf.note)):
                if val:
                    e[key] = val
            e["danger"] = lf.danger
            if lf.captured_by:
                e["captured_by"] = lf.captured_by
            d["lines_of_flight"].append(e)
    if a.territories:
        d["territories"] = []
        for t in a.territories:
            e = {"label": t.label}
            if t.drawn_by:
                e["drawn_by"] = list(t.drawn_by)
            if t.episode:
                e["episode"] = t.episode
            if t.note:
                e["note"] = t.note
            d["territories"].append(e)
    if a.desire:
        d["desire"] = list(a.desire)
    return d


class _Dumper(yaml.SafeDumper):
    """Quotes every string that the reader would take for something else, indents
    lists, and writes short lists of words in flow style (``[person, thing]``)."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


# Quote strings that YAML 1.2 would read as numbers too (1e3, 0o17, 0x1F, .5).
_Dumper.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN))$"), list("-+0123456789."))
_Dumper.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(
    r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))

_YAML_UNPRINTABLE = re.compile(
    "[^\t\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPECIAL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufff9-\uffff]")


def _represent_str(dumper: yaml.SafeDumper, data: str):
    style = None
    if _SPECIAL_CHARS.search(data) or data != data.strip(" ") or "  " in data:
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_list(dumper: yaml.SafeDumper, data: list):
    flow = bool(data) and all(isinstance(x, str) and len(x) <= 40 for x in data) and \
        sum(len(x) for x in data) <= 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def _yaml_dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=88, indent=2)


def dumps_case(case: Case, fmt: str = "yaml", footer: str | None = None) -> str:
    """Write a case as the text of a case file.

    Parameters
    ----------
    case : Case
    fmt : {'yaml', 'json'}
    footer : str, optional
        "What this tool could not hold": in YAML a trailing comment block, in JSON
        the key ``x-could-not-hold`` (an extension key, ignored when read back).

    Returns
    -------
    str

    Examples
    --------
    >>> from vcc_helpers.model import Case, Component
    >>> c = Case("t", "T", components=(Component("a", "Zoë <b>", ("person", "thin")),))
    >>> print(dumps_case(c, footer="No lens holds the weather."))
    format: vcc-case/1
    id: t
    title: T
    <BLANKLINE>
    components:
      - id: a
        label: Zoë <b>
        kinds: [person, thin]
    <BLANKLINE>
    # What this tool could not hold:
    # No lens holds the weather.
    <BLANKLINE>
    >>> loads_case(dumps_case(c, "json")) == c
    True
    """
    data = case_to_data(case)
    if fmt == "json":
        if footer:
            data["x-could-not-hold"] = footer
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt != "yaml":
        raise ValueError(f"fmt must be 'yaml' or 'json', not {fmt!r}")
    head = {k: data[k] for k in ("format", "id", "title", "summary") if k in data}
    parts = [_yaml_dump(head)]
    for key in ("source", "components", "episodes", "relations", "readings"):
        if key in data:
            parts.append(_yaml_dump({key: data[key]}))
    text = "\n".join(parts)
    if footer:
        lines = footer.rstrip("\n").splitlines()
        if not lines or not lines[0].lower().startswith("what this tool could not hold"):
            lines.insert(0, "What this tool could not hold:")
        text += "\n" + "\n".join(("# " + _YAML_UNPRINTABLE.sub("\ufffd", ln)).rstrip()
                                   for ln in lines) + "\n"
    return text


def atomic_write(path, data: str | bytes, overwrite: bool = False) -> Path:
    """Write a file all at once: to a temporary file in the same folder, then moved
    into place, so a reader never sees half a file.

    Parameters
    ----------
    path : str or os.PathLike
    data : str or bytes
        Text is written as UTF-8 (newlines unchanged).
    overwrite : bool
        Replace an existing file.  Without it an existing file is never touched,
        even when another program creates it at the same moment (the file is put in
        place with a hard link, which fails if the name exists).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileExistsError
        The file exists and *overwrite* is false.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> p = atomic_write(os.path.join(d, "a.txt"), "hello")
    >>> p.read_text()
    'hello'
    >>> try:
    ...     atomic_write(p, "again")
    ... except FileExistsError as err:
    ...     print("refused")
    refused
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if not overwrite and path.exists():
        raise FileExistsError(f"{path} exists (use overwrite to replace it)")
    folder = path.parent
    tmp = None
    for _ in range(100):
        candidate = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o666)
        except FileExistsError:  # pragma: no cover - astronomically unlikely
            continue
        tmp = candidate
        break
    else:  # pragma: no cover
        raise OSError(f"cannot create a temporary file in {folder}")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            try:
                os.fsync(fh.fileno())
            except OSError:  # pragma: no cover - some file systems cannot sync
                pass
        if overwrite:
            if path.exists():
                try:
                    os.chmod(tmp, path.stat().st_mode & 0o7777)
                except OSError:  # pragma: no cover
                    pass
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise FileExistsError(f"{path} exists (use overwrite to replace it)") from None
            except (OSError, NotImplementedError, AttributeError):
                # No hard links here (some file systems, Pyodide): reserve the name with
                # an exclusive create, then move the complete file over it.
                try:
                    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
                except FileExistsError:
                    raise FileExistsError(f"{path} exists (use overwrite to replace it)") \
                        from None
                os.replace(tmp, path)
    finally:
        if tmp is not None and tmp.exists():
            try:
                tmp.unlink()
            except OSError:  # pragma: no cover
                pass
    return path


def save_case(case: Case, path, fmt: str | None = None, overwrite: bool = False,
              footer: str | None = None, *, check: bool = True) -> Path:
    """Write a case file, atomically.

    Parameters
    ----------
    case : Case
    path : str or os.PathLike
    fmt : {'yaml', 'json', None}
        ``None``: from the file name (``.json``, ``.yaml``, ``.yml``).
    overwrite : bool
        Replace an existing file.
    footer : str, optional
        "What this tool could not hold" (see :func:`dumps_case`).
    check : bool
        Check the case first and refuse to write one that would not load again.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileExistsError
        The file exists and *overwrite* is false.
    CaseFileError
        *check* is true and the case would not load again.
    ValueError
        The format cannot be told from the file name.

    Examples
    --------
    >>> import tempfile, os
    >>> from vcc_helpers.model import Case
    >>> p = save_case(Case("t", "T"), os.path.join(tempfile.mkdtemp(), "t.json"))
    >>> load_case(p) == Case("t", "T")
    True
    """
    path = Path(path)
    if fmt is None:
        suffix = path.suffix.lower()
        if suffix not in (".json", ".yaml", ".yml"):
            raise ValueError(f"cannot tell the format from {path.name!r}: use a .yaml or .json "
                             "name, or pass fmt='yaml' or fmt='json'")
        fmt = "json" if suffix == ".json" else "yaml"
    if not overwrite and path.exists():
        raise FileExistsError(f"{path} exists (use overwrite to replace it)")
    if check:
        case_from_data(case_to_data(case), filename=str(path))
    return atomic_write(path, dumps_case(case, fmt, footer=footer), overwrite=overwrite)
