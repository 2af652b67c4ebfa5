"""Text to position-carrying nodes: the reading half of the case-file format.

Every input is bounded, and every position is the one an editor shows.

* **YAML** is composed (never constructed) by PyYAML: with libyaml's
  ``CSafeLoader`` where it is installed, else with the pure-Python ``SafeLoader``
  (Pyodide).  Both keep the line and column of every node.  Syntax errors are
  worded from the loader's own marks: nothing is parsed twice to word an error.
  Plain scalars are resolved by the YAML 1.2 core schema (spec section 10.3.2),
  as the ``yamlcore`` package resolves and constructs them on top of PyYAML:
  ``true``/``false`` are booleans, ``yes``/``no``/``on``/``off`` are text,
  ``null``/``~``/nothing is empty, numbers are numbers.
* **Aliases, anchors and tags** are screened at the event level, with their
  positions and fields, before anything is composed.  Any alias is refused, so
  no expansion ("billion laughs") can ever happen; a lone anchor is harmless
  and ignored; any explicit tag other than the standard ``!!str``, ``!!int``,
  ``!!float``, ``!!bool``, ``!!null``, ``!!seq``, ``!!map`` is refused under
  the field it stands on.  (The event screen runs only when the text contains
  one of ``*``, ``&``, ``!``: without them no alias, anchor or tag can exist.)
  Merge keys (``<<``) are unknown keys, refused by the validator.
* **JSON** is read by :func:`json.loads` first (its syntax errors carry exact
  positions, and it is fast), then the same text is composed for the
  positions of its nodes; the values themselves are json's.
* **Line ends.**  LF and CRLF end a line.  A lone CR, NEL (U+0085), LINE
  SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) are refused wherever they
  stand (even in a comment), with their position: YAML counts them as line
  breaks but most editors do not, so accepting them would make line numbers
  disagree, and in a comment they would turn the rest of the line into live
  YAML.  Raw control characters (C0 except TAB, LF, CR before LF; DEL; C1) are
  refused the same way.
* **Size and depth.**  A file over :data:`MAX_BYTES` is refused before it is
  parsed; regular files only (see :mod:`.fs`).  Nesting deeper than
  :data:`MAX_DEPTH` is refused at the position of the first too-deep node (JSON,
  Python data, :func:`compose_data`, the pure-Python YAML path; libyaml itself
  refuses nesting deeper than 1000 with its position).  Integers longer than
  :data:`MAX_INT_DIGITS` digits and numbers too large for a float are problems
  with a position, never a ``ValueError``.
"""
from __future__ import annotations

import bisect
import json
import math
import os
import re
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
import yamlcore
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .fs import FileProblem, read_bytes
from .problems import field_path

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_INT_DIGITS", "Stop", "compose_yaml", "compose_json",
           "compose_text", "data_to_node", "decode", "read_text", "format_of", "resolve_plain",
           "TYPED_FIRST", "TYPED_WORDS", "WORD_FIRST", "plain_is_text",
           "use_libyaml"]

MAX_BYTES = 2_000_000
"""The largest case file (in bytes) that is read (``max_bytes=None`` lifts it).

Two megabytes hold a hand-written case of several thousand components; the limit is
set so that any file it admits, however hostile, is accepted or refused in under 2 s
and 300 MB (``bench/bench_hostile.py`` prints the figures): libyaml builds the whole
node tree before it reaches a syntax error at the end of a file."""

MAX_DEPTH = 100
"""The deepest nesting of lists and mappings read (a case file needs about 6)."""

MAX_INT_DIGITS = 4300
"""Longer integers are refused (Python's own limit for converting text to int)."""

_MAX_REPORTS = 10

# Scalar node tags used inside the package: 'p' a plain YAML scalar (resolved by the
# YAML 1.2 core schema), 'q' a quoted YAML scalar (always text), 'v' a value that is
# already typed (JSON and Python data).  Collections get 'm' and 's'.  'bad' marks a
# node whose explicit tag was refused (reported already).  Any other tag was written
# explicitly in the file and is one of the allowed standard tags.
PLAIN, QUOTED, TYPED, MAP, SEQ, BAD = "p", "q", "v", "m", "s", "bad"
STD = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(STD + t for t in ("str", "int", "float", "bool", "null", "seq", "map"))


class Stop(Exception):
    """The input cannot be read at all: ``where`` = (line, column, field, message, code, loc)."""

    def __init__(self, line: int, column: int, field: str, message: str, code: str = "syntax",
                 loc: tuple = ()):
        super().__init__(message)
        self.where = (line, column, field, message, code, loc)


# --------------------------------------------------------------------------------------
# Loaders
# --------------------------------------------------------------------------------------


class _Resolve:
    """Resolver override: leave every implicit tag to this package."""

    @staticmethod
    def resolve(kind, value, implicit):  # noqa: D401 - PyYAML hook (static: called per node)
        if kind is ScalarNode:
            return PLAIN if implicit[0] else QUOTED
        return SEQ if kind is SequenceNode else MAP


class PyLoader(_Resolve, yaml.SafeLoader):
    """The pure-Python path (Pyodide has no libyaml): bounds the nesting depth."""

    _depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise Stop(mark.line + 1, mark.column + 1, "(syntax)",
                           f"nested too deeply (more than {MAX_DEPTH} levels)", "too-deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


if getattr(yaml, "__with_libyaml__", False):  # pragma: no branch
    class CLoader(_Resolve, yaml.CSafeLoader):
        """The libyaml path (its own nesting limit is 1000).

        libyaml calls the resolver's path hooks around every node; this package uses
        no path resolvers, so the hooks are C built-ins that do nothing useful (a
        Python no-op costs about 0.07 s at 10k components / 50k relations)."""

        descend_resolver = staticmethod(slice)  # type: ignore[assignment]  # (parent, index)
        ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # ()
else:  # pragma: no cover - pure Python environments such as Pyodide
    CLoader = None  # type: ignore[assignment,misc]

_state = {"libyaml": CLoader is not None}


def use_libyaml(flag: bool | None = None) -> bool:
    """Whether libyaml is used (where installed); ``use_libyaml(False)`` forces the
    pure-Python path (as in Pyodide), e.g. for tests.  Returns the previous setting."""
    old = _state["libyaml"]
    if flag is not None:
        _state["libyaml"] = bool(flag) and CLoader is not None
    return old


def _loader():
    return CLoader if _state["libyaml"] else PyLoader


# --------------------------------------------------------------------------------------
# Text screening
# --------------------------------------------------------------------------------------

_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]|\r(?!\n)")
_BAD_CHAR_NO_CR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")  # faster
_ASCII_ALLOWED = bytes(range(0x20, 0x7F)) + b"\t\n"
"""The ASCII characters _BAD_CHAR_NO_CR lets through."""
_NAMES = {"\r": "a carriage return (CR) that does not end a line with LF",
          "\x85": "NEXT LINE (U+0085)", "\u2028": "LINE SEPARATOR (U+2028)",
          "\u2029": "PARAGRAPH SEPARATOR (U+2029)"}


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based editor line and column of a character offset (LF ends a line)."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return line + 1, offset - start + 1


def screen_text(text: str, what: str) -> list:
    """Problems (as ``where`` tuples) for raw characters refused anywhere in a file."""
    out: list = []
    if text.isascii() and "\r" not in text and not text.encode("ascii").translate(
            None, _ASCII_ALLOWED):  # the common case, four times faster than the search
        return out
    rx = _BAD_CHAR if "\r" in text else _BAD_CHAR_NO_CR
    if rx.search(text) is None:
        return out
    for m in rx.finditer(text):
        ch = m.group()
        line, col = line_col(text, m.start())
        if ch in _NAMES:
            msg = (f"{_NAMES[ch]} cannot appear in a case file: editors and YAML disagree on "
                   "whether it ends a line (use an ordinary line break)")
            code = "line-break"
        else:
            msg = (f"the character U+{ord(ch):04X} cannot appear in a {what} file "
                   "(a control character?)")
            code = "control-character"
        out.append((line, col, "(syntax)", msg, code, ()))
        if len(out) >= _MAX_REPORTS:
            break
    return out


# --------------------------------------------------------------------------------------
# YAML
# --------------------------------------------------------------------------------------


def tag_name(tag: str) -> str:
    return "!!" + tag[len(STD):] if tag.startswith(STD) else tag


def _yaml_stop(exc: Exception, text: str = "") -> Stop:
    """A positioned problem from a PyYAML (libyaml or pure) exception, from its marks."""
    if isinstance(exc, Stop):
        return exc
    if isinstance(exc, RecursionError):  # pragma: no cover - bounded by MAX_DEPTH
        return Stop(1, 1, "(syntax)", "the file is nested too deeply to read", "too-deep")
    if isinstance(exc, yaml.reader.ReaderError):  # pragma: no cover - screened before
        ch = exc.character
        code = ord(ch) if isinstance(ch, str) else int(ch)
        return Stop(1, 1, "(syntax)", f"the character U+{code:04X} cannot appear in a YAML "
                                      "file", "control-character")
    if isinstance(exc, yaml.composer.ComposerError) and exc.problem and \
            "single document" in (exc.context or "") + exc.problem:
        line, col = _position(exc.problem_mark)
        return Stop(line, col, "(syntax)",
                    "a second YAML document starts here; a case file holds one document",
                    "two-documents")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "cannot be read"
        if "maximum nesting depth" in problem:
            line, col = _position(mark)
            return Stop(line, col, "(syntax)",
                        "nested too deeply (more than 1000 levels)", "too-deep")
        if "cannot start any token" in problem and mark is not None and \
                0 <= mark.index < len(text) and "'" not in problem:
            # libyaml does not name the character; the pure-Python parser does
            problem = problem.replace("character", f"character {text[mark.index]!r}")
        msg = f"YAML syntax error: {problem}"
        if exc.context:
            cm = exc.context_mark
            where = f" at line {cm.line + 1}" if cm is not None and mark is not None \
                and cm.line != mark.line else ""
            msg += f" ({exc.context}{where})"
        if "'\\t'" in problem:
            msg += "; indent with spaces, not tabs"
        line, col = _position(mark)
        return Stop(line, col, "(syntax)", msg)
    return Stop(1, 1, "(syntax)", f"YAML syntax error: {exc}")  # pragma: no cover


def _position(mark) -> tuple[int, int]:
    """1-based (line, column) of a YAML error's mark; (1, 1) when the error has none."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _screen_events(text: str, loader) -> tuple[list, bool]:
    """Walk the parser's events once: report aliases (refused), refused tags (under
    their field); return (problems, any refused tag).  Raises Stop on a syntax error."""
    problems: list = []
    aliases = 0
    bad_tags = False
    # stack of frames [loc, is_mapping, expecting_key, key or index]
    stack: list[list] = []
    # PyYAML's stubs type each event as the base Event (no tag, no value) with an optional
    # mark; the parser's scalar, alias and collection events always have all three.
    ev: Any
    try:
        for ev in yaml.parse(text, Loader=loader):
            cls = type(ev)
            if cls in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                stack.pop()
                if stack and stack[-1][1]:
                    stack[-1][2] = True
                continue
            if cls not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent,
                           yaml.AliasEvent):
                continue
            # where is this node?
            is_key = False
            if not stack:
                loc: tuple = ()
            else:
                top = stack[-1]
                if top[1]:
                    if top[2]:
                        is_key = True
                        loc = top[0]
                    else:
                        loc = top[0] + (top[3],)
                else:
                    loc = top[0] + (top[3],)
                    top[3] += 1
            mark = ev.start_mark
            if cls is yaml.AliasEvent:
                aliases += 1
                if aliases <= _MAX_REPORTS:
                    problems.append((mark.line + 1, mark.column + 1, field_path(loc) or "(top)",
                                     "aliases (*name) are not allowed in a case file: write "
                                     "the value out in full", "alias", loc))
                elif aliases == _MAX_REPORTS + 1:
                    first_more = (mark.line + 1, mark.column + 1)
            else:
                tag = ev.tag
                if tag is not None and tag != "!" and tag not in ALLOWED_TAGS:
                    bad_tags = True
                    if len(problems) < 5 * _MAX_REPORTS:
                        problems.append((mark.line + 1, mark.column + 1,
                                         field_path(loc) or "(top)",
                                         f"the tag {tag_name(tag)!r} is not allowed: a case file "
                                         "holds only text, numbers, true/false, lists and "
                                         "mappings", "tag", loc))
            if cls is yaml.ScalarEvent or cls is yaml.AliasEvent:
                if stack and stack[-1][1]:
                    top = stack[-1]
                    if is_key:
                        top[3] = ev.value if cls is yaml.ScalarEvent else "*"
                        top[2] = False
                    else:
                        top[2] = True
            else:  # a collection starts
                if is_key:  # a complex key: its loc is the mapping's
                    stack[-1][3] = "?"
                    stack[-1][2] = False
                stack.append([loc, cls is yaml.MappingStartEvent, True, 0])
                if len(stack) > MAX_DEPTH and loader is PyLoader:
                    raise Stop(mark.line + 1, mark.column + 1, "(syntax)",
                               f"nested too deeply (more than {MAX_DEPTH} levels)", "too-deep",
                               loc)
    except Stop:
        raise
    except (yaml.YAMLError, RecursionError) as exc:
        raise _yaml_stop(exc, text) from None
    if aliases > _MAX_REPORTS:
        line, col = first_more
        problems.append((line, col, "(syntax)", f"{aliases - _MAX_REPORTS} more aliases from "
                                                "here on (not listed one by one)", "alias", ()))
    return problems, bad_tags


def _mark_bad_tags(root: Node) -> None:
    """Neutralise nodes whose explicit tag was refused (reported by the event screen)."""
    stack = [root]
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag not in (PLAIN, QUOTED, MAP, SEQ) and tag not in ALLOWED_TAGS:
            node.tag = BAD
            continue
        if isinstance(node, MappingNode):
            for k, v in node.value:
                stack.append(v)
                stack.append(k)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


def compose_yaml(text: str, problems: list) -> Node | None:
    """Compose YAML text into nodes; aliases and refused tags go to *problems*
    (with aliases nothing is composed: None).  None for an empty document too."""
    loader = _loader()
    bad_tags = False
    if "*" in text or "&" in text or "!" in text:
        found, bad_tags = _screen_events(text, loader)
        problems.extend(found)
        if any(p[4] == "alias" for p in found):
            return None
    try:
        root = yaml.compose(text, Loader=loader)
    except (yaml.YAMLError, RecursionError, Stop) as exc:
        raise _yaml_stop(exc, text) from None
    if bad_tags and root is not None:
        _mark_bad_tags(root)
    return root


# --------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------


class _Pairs(list):
    """A JSON object as the list of its pairs (keeps repeated keys for the validator)."""


class TooBig:
    """A number that cannot be held: kept as its text so it can be reported."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def _json_int(s: str):
    return TooBig(s) if len(s) > MAX_INT_DIGITS else int(s)


def _json_float(s: str):
    v = float(s)
    return TooBig(s) if math.isinf(v) else v


class NonFinite:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


_JSON_MESSAGES = {
    "Expecting ':' delimiter": "expected ':' after a key",
    "Expecting property name enclosed in double quotes": "expected a key in double quotes",
    "Extra data": "unexpected text after the end of the JSON value",
    "Invalid control character at": "a tab or line break inside a string must be written "
                                    "as \\t or \\n",
    "Unterminated string starting at": "this string is never closed (a missing '\"'?)",
    "Invalid \\escape": "invalid escape in a string (a backslash must be written \\\\)",
    "Invalid \\uXXXX escape": "invalid \\u escape in a string (it needs four hex digits)",
    "Expecting ',' delimiter": "expected ',' between two items, or a closing bracket",
    "Expecting value": "expected a value",
}
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _json_stop(text: str, exc: json.JSONDecodeError) -> Stop:
    pos = exc.pos
    rest = text[pos:].lstrip(" \t\r\n")
    if exc.msg.startswith("Illegal trailing comma") or (
            exc.msg == "Expecting value" and rest[:1] in ("]", "}")
            and text[:pos].rstrip(" \t\r\n").endswith(",")):
        pos = len(text) - len(rest)
        msg = f"a trailing comma before '{rest[0]}' is not allowed in JSON"
    elif not rest and exc.msg != "Extra data":
        msg = "the file ends before the JSON value is complete (a missing '}' or ']'?)"
    else:
        msg = _JSON_MESSAGES.get(exc.msg, exc.msg[:1].lower() + exc.msg[1:])
    line, col = line_col(text, pos)
    return Stop(line, col, "(syntax)", f"JSON syntax error: {msg}")


def _json_values(text: str, parse_int=_json_int, parse_float=_json_float,
                 parse_constant=NonFinite) -> Any:
    """The values of a JSON text, as json.loads gives them with this module's hooks
    (objects as :class:`_Pairs`, bounded numbers, NaN and Infinity marked); a syntax
    error is a :class:`Stop`.  :data:`_TOO_DEEP` when the text is deeper than json can
    go (not None: ``null`` is a JSON text)."""
    try:
        return json.loads(text, object_pairs_hook=_Pairs, parse_int=parse_int,
                          parse_float=parse_float, parse_constant=parse_constant)
    except json.JSONDecodeError as exc:
        raise _json_stop(text, exc) from None
    except RecursionError:
        return _TOO_DEEP


_TOO_DEEP = object()


def compose_json(text: str, problems: list) -> Node | None:
    """JSON text to nodes in one pass of json's C parser; the positions are found only
    when a problem asks for one (:class:`_LazyMark`).

    Anything unusual (a number too large, NaN or Infinity, nesting deeper than
    :data:`MAX_DEPTH`, deeper than json itself can go) takes the older route,
    :func:`compose_json_positions`, which composes the text as YAML at once."""
    unusual: list = []  # a number too large, NaN or Infinity

    def big_int(s: str):
        v = _json_int(s)
        if type(v) is TooBig:
            unusual.append(v)
        return v

    def big_float(s: str):
        v = _json_float(s)
        if type(v) is TooBig:
            unusual.append(v)
        return v

    def constant(s: str):
        unusual.append(s)
        return NonFinite(s)

    data = _json_values(text, big_int, big_float, constant)
    # (YAML's lines end at CR too: the older route counts them so)
    if data is _TOO_DEEP or unusual or "\r" in text:
        return compose_json_positions(text, problems, data)
    positions = _Positions(text)
    root = _json_node(data, _LazyMark((positions, None, 0, 0)))
    stack: list[tuple[Any, Any, int]] = [(root, data, 1)] if root.value is _PENDING else []
    mark: Any = _LazyMark  # (a stand-in for a yaml Mark: nodes only read .line and .column)
    node_of, pending = _json_node, _PENDING
    while stack:
        node, value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return compose_json_positions(text, problems, data)
        pm = node.start_mark
        if type(value) is _Pairs:
            pairs = node.value = [(ScalarNode(TYPED, k, mark((positions, pm, i, 0))),
                                   node_of(v, mark((positions, pm, i, 1))))
                                  for i, (k, v) in enumerate(value)]
            stack.extend((vnode, v, depth + 1)
                         for (_, vnode), (_, v) in zip(pairs, value, strict=True)
                         if vnode.value is pending)
        else:
            items = node.value = [node_of(v, mark((positions, pm, i, None)))
                                  for i, v in enumerate(value)]
            stack.extend((vnode, v, depth + 1) for vnode, v in zip(items, value, strict=True)
                         if vnode.value is pending)
    return root


_PENDING = object()


def _json_node(value: Any, mark: Any) -> Any:
    """A node for one JSON value (a collection's items filled in by the caller)."""
    cls = type(value)
    if cls is _Pairs:
        return MappingNode(MAP, _PENDING, mark)
    if cls is list:
        return SequenceNode(SEQ, _PENDING, mark)
    return ScalarNode(TYPED, value, mark)


_WS = re.compile(r"[ \t\n\r]*")
_SKIP = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # json's C scanner


def _after_ws(text: str, i: int) -> int:
    """The offset of the first character at or after *i* that is not JSON white space."""
    m = _WS.match(text, i)
    return m.end() if m else i


class _Positions:
    """Where the values of a JSON text start, found only when a problem asks: each
    container on the way to a value is indexed once (its items' offsets, the values
    between skipped by json's C scanner), and an offset becomes a line and column
    by bisecting the offsets of the line feeds."""

    __slots__ = ("text", "newlines", "items")

    def __init__(self, text: str):
        self.text = text
        self.newlines: list[int] | None = None
        self.items: dict[int, list] = {}

    def offset_of(self, parent: int, index: int, part: int | None) -> int:
        found = self.items.get(parent)
        if found is None:
            found = self.items[parent] = self._index(parent)
        item = found[index]
        return item if part is None else item[part]

    def _index(self, start: int) -> list:
        text, ws, skip = self.text, _after_ws, _SKIP
        out: list = []
        i = ws(text, start + 1)
        close = "}" if text[start] == "{" else "]"
        if text[i] == close:
            return out
        while True:
            if close == "}":
                k = i
                i = skip(text, i)[1]                       # the key (a string)
                i = ws(text, ws(text, i) + 1)  # past ':'
                out.append((k, i))
            else:
                out.append(i)
            i = ws(text, skip(text, i)[1])
            if text[i] != ",":
                return out
            i = ws(text, i + 1)

    def line_column(self, offset: int) -> tuple[int, int]:
        """0-based line and column (as a YAML mark has them)."""
        if self.newlines is None:
            self.newlines = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_left(self.newlines, offset)
        return line, offset - (self.newlines[line - 1] + 1 if line else 0)


class _LazyMark(tuple):
    """A node's start mark whose line and column are found only when read:
    ``(positions, parent, index, part)``, the *index*-th item (of a pair, *part* 0 = the
    key, 1 = the value; None in a list) of the container whose mark is *parent* (None:
    the document's root).  A tuple, so that making one per node costs no Python call."""

    __slots__ = ()

    def offset(self) -> int:
        positions, parent, index, part = self
        if parent is None:
            return _after_ws(positions.text, 0)
        return positions.offset_of(parent.offset(), index, part)

    @property
    def line(self) -> int:
        return self[0].line_column(self.offset())[0]

    @property
    def column(self) -> int:
        return self[0].line_column(self.offset())[1]


_UNREAD = object()


def compose_json_positions(text: str, problems: list, data: Any = _UNREAD) -> Node | None:
    """JSON text to nodes: json.loads for the values and syntax errors, YAML's
    composer on the same text for the positions (the route for unusual values).
    *data*: the text's values, when the caller has them already (as json.loads
    gives them with this module's hooks)."""
    if data is _UNREAD:
        data = _json_values(text)
    # Valid JSON has no raw tab inside a string, so every tab is white space; YAML
    # refuses tabs there.  Surrogate escapes (libyaml refuses them) are replaced by an
    # escape of the same length: the values are json's, only the positions are YAML's.
    ytext = text.replace("\t", " ")
    if "\\u" in ytext or "\\U" in ytext:
        ytext = _SURROGATE_ESCAPE.sub(r"\\u0020", ytext)
    try:
        root = yaml.compose(ytext, Loader=_loader())
    except (yaml.YAMLError, RecursionError, Stop) as exc:
        raise _yaml_stop(exc) from None
    if data is _TOO_DEEP:  # pragma: no cover - json's recursion limit is below libyaml's
        raise Stop(1, 1, "(syntax)", "nested too deeply", "too-deep")
    # put json's values in the nodes, checking depth and numbers
    stack: list[tuple[Any, Any, int, tuple]] = [(root, data, 1, ())]
    while stack:
        node, value, depth, loc = stack.pop()
        if isinstance(value, (_Pairs, list)):
            if depth > MAX_DEPTH:
                m = node.start_mark
                raise Stop(m.line + 1, m.column + 1, "(syntax)", "JSON syntax error: nested too "
                           f"deeply (more than {MAX_DEPTH} levels)", "too-deep", loc)
            if isinstance(value, _Pairs):
                for (knode, vnode), (k, v) in zip(node.value, value, strict=True):
                    knode.tag, knode.value = TYPED, k
                    stack.append((vnode, v, depth + 1, loc + (k,)))
            else:
                for i, (vnode, v) in enumerate(zip(node.value, value, strict=True)):
                    stack.append((vnode, v, depth + 1, loc + (i,)))
            continue
        if isinstance(value, (TooBig, NonFinite)):
            m = node.start_mark
            if isinstance(value, NonFinite):
                raise Stop(m.line + 1, m.column + 1, "(syntax)",
                           f"JSON syntax error: {value.text} is not a JSON value")
            problems.append((m.line + 1, m.column + 1, field_path(loc) or "(top)",
                             _too_big(value.text), "number-too-large", loc))
            node.tag = BAD
            continue
        node.tag, node.value = TYPED, value
    return root


def _too_big(text: str) -> str:
    return (f"the number {text[:20]}... ({len(text):,} characters) is too large to be read"
            if len(text) > 24 else f"the number {text} is too large to be read")


# --------------------------------------------------------------------------------------
# Scalars: the YAML 1.2 core schema (spec 1.2.2, section 10.3.2), by yamlcore
# --------------------------------------------------------------------------------------

# yamlcore (by a PyYAML maintainer, pure Python) is PyYAML's resolver and constructor
# given the core schema's table; PyYAML itself ships only YAML 1.1's, where ``yes``,
# ``no``, ``on`` and ``off`` are booleans and ``017`` is octal.
_CORE = yamlcore.CoreLoader("")
_CONSTRUCT = _CORE.yaml_constructors
_STR = STD + "str"
_INT = STD + "int"
TYPED_FIRST = frozenset(k for k in _CORE.yaml_implicit_resolvers if k)
"""The first characters of every plain scalar the core schema reads as other than
text (a plain scalar starting with any other character is text)."""
TYPED_WORDS = frozenset(_CORE.bool_values["core"]) | frozenset(_CORE.null_values["core"])
"""The words the core schema reads as other than text (its booleans and nulls)."""
WORD_FIRST = frozenset(c for c in TYPED_FIRST if c.isalpha())
"""The letters in :data:`TYPED_FIRST`: a plain scalar starting with one of them is
text unless it is one of :data:`TYPED_WORDS` (only numbers start otherwise)."""


def plain_is_text(v: str) -> bool:
    """Whether the plain scalar *v* is text by the core schema, without resolving it."""
    return bool(v) and (v[0] not in TYPED_FIRST or (v[0] in WORD_FIRST and v not in TYPED_WORDS))


def resolve_plain(v: str) -> Any:
    """A plain YAML scalar by the YAML 1.2 core schema; :class:`TooBig` for a number
    that cannot be held.

    >>> [resolve_plain(s) for s in ("yes", "~", "TRUE", "0x1F", "1e3", "0o17", "017")]
    ['yes', None, True, 31, 1000.0, 15, 17]
    """
    if plain_is_text(v):
        return v
    tag = _CORE.resolve(ScalarNode, v, (True, False))
    if tag == _STR:
        return v
    if tag == _INT and len(v) > MAX_INT_DIGITS:
        return TooBig(v)
    value = _CONSTRUCT[tag](_CORE, ScalarNode(tag, v))
    if type(value) is float and math.isinf(value) and "inf" not in v.lower():
        return TooBig(v)  # a finite number too large for a float (1e999)
    return value


# --------------------------------------------------------------------------------------
# Python data
# --------------------------------------------------------------------------------------


class _Nowhere:
    """No position (data that did not come from a file)."""

    __slots__ = ()
    line = -1
    column = -1


NOWHERE: Any = _Nowhere()  # stands in for a yaml Mark: nodes only read .line and .column


def data_to_node(data: Any, depth: int = 0) -> Node:
    """Wrap Python data in nodes without positions, so one validator serves all inputs."""
    if depth > MAX_DEPTH:
        raise Stop(0, 0, "(data)", "the data is nested too deeply (does it contain itself?)",
                   "too-deep")
    if isinstance(data, (dict, MappingProxyType)):
        return MappingNode(MAP, [(ScalarNode(TYPED, k, NOWHERE), data_to_node(v, depth + 1))
                                 for k, v in data.items()], NOWHERE)
    if isinstance(data, (list, tuple)):
        return SequenceNode(SEQ, [data_to_node(v, depth + 1) for v in data], NOWHERE)
    return ScalarNode(TYPED, data, NOWHERE)


# --------------------------------------------------------------------------------------
# Files and text
# --------------------------------------------------------------------------------------


def format_of(name: str | os.PathLike | None, text: str = "") -> str:
    """``'yaml'`` or ``'json'`` from a file name, else from the text.

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


def decode(data: bytes, max_bytes: int | None) -> str:
    """UTF-8 bytes to text (a leading byte-order mark is kept; see compose_text)."""
    if max_bytes is not None and len(data) > max_bytes:
        raise Stop(1, 1, "(file)", f"the file is {len(data):,} bytes; a case file may be at "
                                   f"most {max_bytes:,} bytes", "too-large")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise Stop(1, 1, "(file)", "the file is UTF-16 (it starts with a UTF-16 byte-order "
                                   "mark): save it as UTF-8", "not-utf8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[:exc.start].decode("utf-8")
        line, col = line_col(good, len(good))
        raise Stop(line, col, "(file)",
                   f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be "
                   "decoded (save the file as UTF-8)", "not-utf8") from None


def read_text(path, max_bytes: int | None) -> str:
    """The text of a case file (regular files only, bounded)."""
    try:
        data = read_bytes(path, max_bytes)
    except FileProblem as exc:
        raise Stop(1, 1, "(file)", exc.message, exc.code) from None
    return decode(data, max_bytes)


def refuse_large_text(text: str, max_bytes: int | None) -> None:
    if max_bytes is None or len(text) * 4 <= max_bytes:  # UTF-8 needs at most 4 bytes a character
        return
    n = len(text.encode("utf-8", "surrogatepass"))
    if n > max_bytes:
        raise Stop(1, 1, "(file)", f"the file is {n:,} bytes; a case file may be at most "
                                   f"{max_bytes:,} bytes", "too-large")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def compose_text(text: str, fmt: str, problems: list, decoded: bool = False) -> Node | None:
    """Screen and compose the text of a case file; problems that do not stop the
    reading go to *problems*; a problem that does raises :class:`Stop`."""
    if fmt not in ("yaml", "json"):
        raise ValueError(f"format must be 'yaml' or 'json', not {fmt!r}")
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    m = None if decoded else _LONE_SURROGATE.search(text)  # decoded bytes hold none
    if m:
        line, col = line_col(text, m.start())
        raise Stop(line, col, "(syntax)", f"the text holds a lone surrogate "
                   f"(U+{ord(m.group()):04X}), which is not a character: was it decoded "
                   "wrongly?", "surrogate")
    found = screen_text(text, "YAML" if fmt == "yaml" else "JSON")
    if found:
        problems.extend(found)
        return None
    empty = "the file is empty: a case file starts with 'format: vcc-case/1'"
    if not text.strip():
        raise Stop(1, 1, "(file)", empty, "empty")
    root = compose_json(text, problems) if fmt == "json" else compose_yaml(text, problems)
    if root is None and not problems:
        raise Stop(1, 1, "(file)", empty, "empty")
    return root
