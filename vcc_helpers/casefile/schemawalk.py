"""A structural validator compiled from the one JSON Schema.

:func:`compile_schema` turns ``vcc-case-1.schema.json`` into closures, once: one
check function per schema node, so walking a file costs no look-ups in the
schema.  A check walks the position-carrying YAML nodes that
:mod:`~vcc_helpers.casefile.read` composes (scalars tagged plain, quoted or
typed; ``start_mark`` line and column) alongside the schema and reports *every*
structural problem it finds through ``emit(node, path, message, code)``; it never
stops at the first one.

Supported keywords -- exactly those the schema uses -- are in :data:`KEYWORDS`
(checked) and :data:`ANNOTATIONS` (ignored: documentation).  Any other keyword
anywhere in the schema is refused by :func:`compile_schema` with
:class:`SchemaError`, so the schema cannot grow past what is checked.

Messages come from :data:`TEMPLATES`, keyed by the keyword, in the wording the
checker has always used (``missing: a component needs 'label'``,
``unknown key 'lable' (did you mean 'label'?)``, ``1.5 is out of range: a score
lies between 0 and 1``).  The owner of a mapping ("a component", "the source")
is derived from its ``title`` and from where the schema refers to it; the
``title`` of a property or of list items names what it holds (``expected a
component id``, ``'up' is not a tendency``, ``expected a list of kinds``,
``empty: a kind cannot be empty``), and :func:`advice` adds what to write instead
for the common slips.  The checker in :mod:`.validate` words no structural problem
itself: every one a reader sees comes from here.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import suggest
from .problems import shown
from .read import BAD, PLAIN, QUOTED, STD, TYPED, TooBig, resolve_plain

KEYWORDS = frozenset({
    "type", "enum", "const", "minimum", "maximum", "pattern", "required", "properties",
    "patternProperties", "additionalProperties", "propertyNames", "items", "$ref", "$defs",
    "anyOf",
})
"""The keywords the walker checks."""

ANNOTATIONS = frozenset({
    "$schema", "$id", "$comment", "title", "description", "default", "examples", "x-keys",
    "x-single-line",
})
"""Keywords the walker does not check.  They document, except ``x-single-line``: the
checker's control-character check reads it (a tab or line break is refused there)."""

TEMPLATES = {
    "type": "expected {what}, got {got}",
    "enum": "{value} is not a {what}: use one of {allowed}{dym}",
    "const": "unsupported {key} {value}: this tool reads {const!r}{dym}",
    "required": "missing: {owner} needs '{key}'{why}",
    "required+const": "missing: the file must start with '{key}: {const}'",
    "additionalProperties": "unknown key {key} (did you mean {dym!r}?)",
    "additionalProperties+list": "unknown key {key}: allowed keys are {allowed}",
    "merge-key": "merge keys (<<) are not allowed in a case file: write the keys out in full",
    "minimum": "{raw} is out of range: a score lies between {minimum} and {maximum}",
    "maximum": "{raw} is out of range: a score lies between {minimum} and {maximum}",
    "pattern": "{value} does not match the pattern {pattern!r}",
    "pattern+nonblank": "empty: {owner} needs a non-empty '{key}'{why}",
    "pattern+nonblank-item": "empty: a {what} cannot be empty",
    "anyOf": "expected {what}, got {got}",
    "too-large": "the number {number} is too large to be read",
}
"""Message templates, keyed by the keyword (``+`` marks a variant of one keyword)."""

CODES = {"type": "wrong-type", "enum": "not-in-vocabulary", "const": "bad-format",
         "required": "missing", "additionalProperties": "unknown-key", "minimum": "out-of-range",
         "maximum": "out-of-range", "pattern": "invalid", "anyOf": "wrong-type",
         "merge-key": "merge-key", "nonblank": "empty", "bad-id": "bad-id",
         "too-large": "number-too-large"}

_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number",
               "boolean": "true/false", "null": "nothing", "array": "a list",
               "object": "a mapping"}

NONBLANK = "\\S"
"""The pattern the schema uses for 'a non-empty text'."""
NONBLANK_OR_EMPTY = "^$|\\S"
"""The pattern for 'no text, or a non-empty one' (an optional word)."""


class SchemaError(ValueError):
    """The schema uses a keyword (or a form of one) the walker does not check."""


Emit = Callable[[Node, Any, str, str], None]

_MISSING = object()


def scalar_value(node: Any) -> Any:
    """The value of a scalar node as the YAML 1.2 core schema reads it (``BAD``: None)."""
    tag = node.tag
    if tag == QUOTED:
        return node.value
    if tag == PLAIN:
        return resolve_plain(node.value)
    if tag == TYPED:
        return node.value
    if tag == STD + "str":
        return node.value
    return resolve_plain(node.value)


def describe_value(value: Any) -> str:
    """What a scalar value is, in the words the messages use."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"


def describe(node: Node) -> str:
    """What a node holds, in the words the messages use (a number or true/false with the
    text the file wrote)."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    v = scalar_value(node)
    got = describe_value(v)
    return got if v is None or isinstance(v, str) else f"{got} ({raw_text(node)})"


def is_number(text: str) -> bool:
    """Whether *text*, unquoted, would be a finite number."""
    v = resolve_plain(text) if text else None
    return (type(v) is int or type(v) is float) and math.isfinite(v)


def advice(node: Node, expected: str) -> str:
    """What to write instead, where the mistake is a common one: a number or true/false
    where text is expected (*expected* ``"text"``), a quoted number where a number is
    (``"number"``), one word where a list of words is (``"words"``)."""
    if not isinstance(node, ScalarNode):
        return ""
    v = scalar_value(node)
    if expected == "text" and v is not None and not isinstance(v, str):
        return f' (put it in quotes: "{raw_text(node)}")'
    if expected == "number" and isinstance(v, str) and is_number(v.strip()):
        return f" (remove the quotes around {v.strip()})"
    if expected == "words" and isinstance(v, str):
        return f" (write [{v}])"
    return ""


def raw_text(node: Any) -> str:
    """A scalar as the file wrote it (a typed JSON value: as JSON)."""
    if node.tag != TYPED:
        return node.value
    v = node.value
    if isinstance(v, str):
        return v
    try:
        return json.dumps(v)
    except (TypeError, ValueError):
        try:
            return repr(v)
        except ValueError:  # an int past Python's 4,300-digit conversion limit
            return "a number of more than 4,300 digits"


def short_number(text: str) -> str:
    """A number's text in a message: long ones cut, with their length."""
    if len(text) <= 24 or text[:1] not in "0123456789+-.":
        return text
    return f"{text[:20]}... ({len(text):,} characters)"


def _json_type(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "object"
    if isinstance(node, SequenceNode):
        return "array"
    v = scalar_value(node)
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    return "other"


def _article(words: str) -> str:
    return ("an " if words[:1] in "aeiou" else "a ") + words


class Compiled:
    """The compiled schema: ``check(node, path, emit)`` walks a whole document;
    ``keys[name](node, path, emit, ...)`` checks one mapping's keys (required and
    unknown) for the checker, which groups the keys itself; ``props[name][key]`` is
    the check of one property of a record."""

    def __init__(self, schema: dict, why: dict | None = None):
        self.schema = schema
        self.why = why or {}
        self._refuse(schema, "#")
        self.defs = schema.get("$defs", {})
        self.owner = self._owners()
        self._compiled: dict[tuple, Callable] = {}
        self.keys: dict[str | None, Callable] = {}
        self.props: dict[str | None, dict[str, Callable]] = {}
        self.check = self._node(schema, None, "", None)
        for name in self.defs:
            self._node(self.defs[name], name, "", None)

    def check_part(self, root: Node, loc: tuple, emit: Emit) -> tuple:
        """Walk only the part of the document *root* that holds the value at *loc*: the
        innermost record, entry of an id-keyed mapping or top-level property on the way
        to it, checked as the whole walk checks it.  Returns the part's loc."""
        s: dict = self.schema  # the schema node reached
        node: Node = root
        path: Any = ""
        part: tuple = (self.check, root, "", ())
        for depth, key in enumerate(loc):
            target, name = self._resolve(s)
            child = None
            if isinstance(node, MappingNode) and isinstance(key, str):
                child = next((v for k, v in node.value
                              if isinstance(k, ScalarNode) and k.value == key), None)
            elif isinstance(node, SequenceNode) and isinstance(key, int) \
                    and 0 <= key < len(node.value):
                child = node.value[key]
            if child is None:
                break
            props = target.get("properties", {})
            extra = target.get("additionalProperties")
            if isinstance(key, str) and key in props:  # compiled as _object compiles it
                s, args = props[key], (props[key], None, key, name)
                unit = target is self.schema or "$ref" in props[key]
            elif isinstance(key, str) and isinstance(extra, dict):
                s, args, unit = extra, (extra, None, "", None), True
            elif isinstance(key, int) and "items" in target:
                s, args = target["items"], (target["items"], None, "", None)
                unit = "$ref" in target["items"]
            else:
                break
            node, path = child, (path, key)
            if unit:
                part = (self._node(*args), node, path, loc[:depth + 1])
        check, node, path, where = part
        check(node, path, emit)
        return where

    def entry_check(self, def_name: str | None, key: str) -> Callable:
        """The check of one entry of the id-keyed mapping *key* of record *def_name*
        (its ``additionalProperties``), as the walk uses it."""
        record = self.schema if def_name is None else self.defs[def_name]
        return self._node(record["properties"][key]["additionalProperties"], None, "", None)

    # -- refusing what is not supported ----------------------------------------------

    def _refuse(self, s, where: str) -> None:
        if not isinstance(s, dict):
            raise SchemaError(f"{where}: a schema must be an object")
        for k, v in s.items():
            if k in ANNOTATIONS:
                continue
            if k not in KEYWORDS:
                raise SchemaError(f"{where}: the keyword {k!r} is not supported by the "
                                  "case-file walker (supported: " + ", ".join(sorted(KEYWORDS))
                                  + ")")
            if k in ("properties", "patternProperties", "$defs"):
                for name, sub in v.items():
                    self._refuse(sub, f"{where}/{k}/{name}")
            elif k in ("items", "propertyNames") or k == "additionalProperties" and v is not False:
                self._refuse(v, f"{where}/{k}")
            elif k == "anyOf":
                for j, sub in enumerate(v):
                    self._refuse(sub, f"{where}/{k}/{j}")
            elif k == "$ref" and not (isinstance(v, str) and v.startswith("#/$defs/")):
                raise SchemaError(f"{where}: only local references '#/$defs/NAME' are supported")

    def _owners(self) -> dict:
        """Def name -> how messages name an instance: 'the source', 'a component'."""
        direct: set[str] = set()
        for s in [self.schema, *self.defs.values()]:
            for p in s.get("properties", {}).values():
                if "$ref" in p:
                    direct.add(p["$ref"].rsplit("/", 1)[1])
        out = {None: "the case"}
        for name, d in self.defs.items():
            words = d.get("title", name).lower()
            out[name] = ("the " + words) if name in direct else _article(words)
        return out

    def _resolve(self, s: dict) -> tuple[dict, str | None]:
        if "$ref" in s:
            name = s["$ref"].rsplit("/", 1)[1]
            if name not in self.defs:
                raise SchemaError(f"unknown reference {s['$ref']!r}")
            return self.defs[name], name
        return s, None

    # -- compiling --------------------------------------------------------------------

    def _node(self, s: dict, def_name, key: str, owner_def) -> Callable:
        """A check for schema node *s* (``key``: the property it is the value of;
        *owner_def*: the def that owns that property)."""
        target, ref = self._resolve(s)
        if ref is not None:
            def_name = ref
        memo = id(target), key, owner_def, s.get("title")
        if memo in self._compiled:
            return self._compiled[memo]
        cell: list[Callable] = []

        def lazy(node, path, emit):  # recursion through $ref
            cell[0](node, path, emit)

        self._compiled[memo] = lazy
        cell.append(self._build(target, def_name, key, owner_def, s))
        self._compiled[memo] = cell[0]
        return cell[0]

    def _build(self, s: dict, def_name, key: str, owner_def, outer: dict) -> Callable:
        # what a value is called in messages: the title beside a $ref, else its own
        label = (outer.get("title") or s.get("title") or "").lower()
        id_like = s.get("pattern") == self.defs.get("id", {}).get("pattern")
        checks: list[Callable] = []
        types = s.get("type")
        if isinstance(types, str):
            types = [types]
        nullable = types is not None and "null" in types
        # a null where text with a pattern is required reads as empty text: "empty: ..."
        null_is_empty = not nullable and types == ["string"] and "pattern" in s
        if "anyOf" in s:
            checks.append(self._any_of(s))
        if types is not None:
            checks.append(self._type(types, s, def_name, label if id_like else ""))
        if "const" in s:
            checks.append(self._const(s["const"], key))
        if "enum" in s:
            checks.append(self._enum(s["enum"], key, label, owner_def))
        pattern_check = None
        if "pattern" in s:
            pattern_check = self._pattern(s["pattern"], key, owner_def, label)
            checks.append(pattern_check)
        if "minimum" in s or "maximum" in s:
            checks.append(self._range(s.get("minimum", -math.inf), s.get("maximum", math.inf)))
        if "items" in s:
            checks.append(self._items(s["items"]))
        if "properties" in s or "additionalProperties" in s or "required" in s:
            checks.append(self._object(s, def_name))
        if not checks:
            return _nothing
        checks_t = tuple(checks)
        if not null_is_empty:
            pattern_check = None
        too_large, too_large_code = TEMPLATES["too-large"], CODES["too-large"]

        def check(node, path, emit):
            if node.tag == BAD:
                return
            if isinstance(node, ScalarNode):
                v = scalar_value(node)
                if v is None:
                    if nullable:
                        return
                    if pattern_check is not None:
                        pattern_check(node, path, emit, "")
                        return
                elif type(v) is TooBig:
                    emit(node, path, too_large.format(number=short_number(v.text)),
                         too_large_code)
                    return
            for c in checks_t:
                if c(node, path, emit) is False:
                    return
        return check

    def _type(self, types: list, s: dict, def_name, label: str = "") -> Callable:
        allowed = frozenset(types) | ({"integer"} if "number" in types else set())
        words = [_TYPE_WORDS[t] for t in types if t != "null"]
        wanted = ""  # the advice to give (see advice())
        if words == ["text"]:
            if label:  # an id: named by its title ("a component id"), no advice
                words = [_article(label)]
            else:
                wanted = "text"
        if "number" in types and "minimum" in s and "maximum" in s:
            words = [f"a number between {_num(s['minimum'])} and {_num(s['maximum'])}"]
            wanted = "number"
        record = s is self.schema or self.defs.get(def_name) is s
        if record and words == ["a mapping"]:  # a record: say what it holds
            owner = self.owner.get(def_name if s is not self.schema else None)
            words = [f"a mapping ({owner}: {', '.join(list(s['properties'])[:3])}, ...)"]
        elif words == ["a mapping"] and s.get("title"):  # an id-keyed mapping: of what
            words = [f"a mapping of {s['title'].lower()}"]
        items = s.get("items")
        if words == ["a list"] and items is not None:  # a list of records or words: of what
            title = items.get("title") or self._resolve(items)[0].get("title")
            if title:
                words = [f"a list of {_plural(title.lower())}"]
            if "$ref" not in items and items.get("type") == "string":
                wanted = "words"
        what = " or ".join(words) or "nothing"
        template = TEMPLATES["type"]

        def check(node, path, emit):
            if _json_type(node) not in allowed:
                emit(node, path or "(top)", template.format(what=what, got=describe(node))
                     + advice(node, wanted), CODES["type"])
                return False
        return check

    def _const(self, const, key: str) -> Callable:
        template = TEMPLATES["const"]

        def check(node, path, emit):
            v = scalar_value(node) if isinstance(node, ScalarNode) else _MISSING
            if v != const:
                if not isinstance(v, str):
                    _expected_text(node, path, emit)
                    return False
                hint = suggest(v, [const])
                dym = f" (did you mean {hint!r}?)" if hint else ""
                emit(node, path, template.format(key=key, value=shown(v), const=const, dym=dym),
                     CODES["const"])
                return False
        return check

    def _enum(self, enum: list, key: str, label: str, owner_def) -> Callable:
        words = tuple(w for w in enum if w is not None)
        allowed = frozenset(enum)
        what = label or key.replace("_", " ")
        template = TEMPLATES["enum"]
        empty = TEMPLATES["pattern+nonblank"].format(
            owner=self.owner.get(owner_def, ""), key=key, why=self.why.get((owner_def, key), ""))

        def check(node, path, emit):
            v = scalar_value(node) if isinstance(node, ScalarNode) else _MISSING
            if v not in allowed or isinstance(v, bool):
                if v is None:  # a required word left empty
                    emit(node, path, empty, CODES["nonblank"])
                    return False
                if not isinstance(v, str):
                    _expected_text(node, path, emit)
                    return False
                hint = suggest(v, words)
                dym = f" (did you mean {hint!r}?)" if hint else ""
                emit(node, path, template.format(value=shown(v), what=what,
                                                 allowed=", ".join(words), dym=dym),
                     CODES["enum"])
                return False
        return check

    def _pattern(self, pattern: str, key: str, owner_def, label: str) -> Callable:
        rx = re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)
        if pattern in (NONBLANK, NONBLANK_OR_EMPTY):
            owner = self.owner.get(owner_def, "")
            why = self.why.get((owner_def, key), "")
            # a word of a vocabulary or list is named by its title ("a kind"); a field
            # of a record by its owner ("a component needs a non-empty 'label'")
            msg = (TEMPLATES["pattern+nonblank-item"].format(what=label) if label else
                   TEMPLATES["pattern+nonblank"].format(owner=owner, key=key, why=why) if key
                   else TEMPLATES["pattern+nonblank-item"].format(what="value"))

            def check(node, path, emit, v=_MISSING):
                if v is _MISSING:
                    v = scalar_value(node)
                if isinstance(v, str) and not rx.search(v):
                    emit(node, path, msg, CODES["nonblank"])
                    return False
            return check
        template = TEMPLATES["pattern"]
        if pattern == self.defs.get("id", {}).get("pattern"):  # the id syntax, explained
            what = _article(label or "id")

            def check_id(node, path, emit, v=_MISSING):
                if v is _MISSING:
                    v = scalar_value(node)
                if isinstance(v, str) and not rx.match(v):
                    emit(node, path, bad_id_message(v, what),
                         "empty" if v == "" else CODES["bad-id"])
                    return False
            return check_id

        def check_pattern(node, path, emit, v=_MISSING):
            if v is _MISSING:
                v = scalar_value(node)
            if isinstance(v, str) and not rx.match(v):
                emit(node, path, template.format(value=shown(v), pattern=pattern),
                     CODES["pattern"])
                return False
        return check_pattern

    def _range(self, lo, hi) -> Callable:
        template = TEMPLATES["minimum"]
        lo_s, hi_s = _num(lo), _num(hi)

        def check(node, path, emit):
            v = scalar_value(node)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and not lo <= v <= hi \
                    and not (isinstance(v, float) and math.isnan(v)):
                raw = short_number(raw_text(node))
                emit(node, path, template.format(raw=raw, minimum=lo_s, maximum=hi_s),
                     CODES["minimum"])
                return False
        return check

    def _items(self, items: dict) -> Callable:
        item_check = self._node(items, None, "", None)

        def check(node, path, emit):
            if isinstance(node, SequenceNode):
                for j, it in enumerate(node.value):
                    item_check(it, (path, j), emit)
        return check

    def _any_of(self, s: dict) -> Callable:
        alts = [self._resolve(a)[0] for a in s["anyOf"]]
        subs = [self._node(a, None, "", None) for a in s["anyOf"]]
        words = []
        for a, alt in zip(s["anyOf"], alts, strict=True):
            t = alt.get("type", "object")
            t = t if isinstance(t, str) else t[0]
            title = (a.get("title") or alt.get("title") or "").lower()
            items = alt.get("items")
            if t == "array" and items is not None:
                title = (items.get("title") or self._resolve(items)[0].get("title") or "")
                words.append(f"a list of {_plural(title.lower())}" if title else "a list")
            elif title:
                words.append(_article(title) + (" (a mapping)" if t == "object" else ""))
            else:
                words.append(_TYPE_WORDS[t])
        what = _article(s["title"].lower()) if "title" in s else " or ".join(words)
        kinds = [frozenset([a.get("type", "object")] if isinstance(a.get("type", "object"), str)
                           else a["type"]) for a in alts]

        def check(node, path, emit):
            t = _json_type(node)
            for kind, sub in zip(kinds, subs, strict=True):
                if t in kind or (t == "integer" and "number" in kind):
                    sub(node, path, emit)  # the alternative of the node's type decides
                    return False
            emit(node, path, TEMPLATES["anyOf"].format(what=what, got=describe(node)),
                 CODES["anyOf"])
            return False
        return check

    def _object(self, s: dict, def_name) -> Callable:
        props = s.get("properties", {})
        required = tuple(s.get("required", ()))
        prefixes = tuple(p.lstrip("^") for p in s.get("patternProperties", {}))
        for p in s.get("patternProperties", {}):
            if not re.fullmatch(r"\^[\w-]+", p):
                raise SchemaError(f"patternProperties {p!r}: only '^prefix' patterns are "
                                  "supported")
        extra = s.get("additionalProperties", True)
        names = tuple(props)
        prop_checks = {k: self._node(v, None, k, def_name) for k, v in props.items()}
        extra_check = self._node(extra, None, "", None) if isinstance(extra, dict) else None
        key_check = self._key_names(s["propertyNames"]) if "propertyNames" in s else None
        owner = self.owner.get(def_name, "")
        consts = {k: v["const"] for k, v in props.items() if "const" in v}
        why = {k: self.why.get((def_name, k), "") for k in required}
        missing = {k: (TEMPLATES["required+const"].format(key=k, const=consts[k]) if k in consts
                       else TEMPLATES["required"].format(owner=owner, key=k, why=why[k]))
                   for k in required}

        closed = extra is False

        def keys(node, path, emit, key_text=_key_text, duplicate=None,
                 _plain=PLAIN, _quoted=QUOTED, _typed=TYPED) -> dict:
            """Check the keys of mapping *node* (required and unknown ones); return
            {key: (key node, value node)} of the known ones.  *key_text* reads a key
            node (None: not text, reported by the caller); *duplicate* reports a
            repeated key (None: the first one wins)."""
            out: dict[str, tuple[Node, Node]] = {}
            other: dict[str, Node] | None = None
            for knode, vnode in node.value:
                tag = knode.tag
                k = knode.value
                if tag is not _plain and tag is not _quoted and (tag is not _typed or
                                                                 type(k) is not str):
                    k = key_text(knode, path)  # (a JSON key is typed text)
                if k is None:
                    continue
                if k in props:
                    if k not in out:
                        out[k] = (knode, vnode)
                    elif duplicate is not None:
                        duplicate(knode, path, k, out[k][0])
                    continue
                if other is None:
                    other = {}
                if k in other:
                    if duplicate is not None:
                        duplicate(knode, path, k, other[k])
                    continue
                other[k] = knode
                if prefixes and k.startswith(prefixes):
                    continue
                if closed:
                    unknown_key(knode, (path, k), k, names, emit)
            for k in required:
                if k not in out:
                    emit(node, (path, k), missing[k], CODES["required"])
            return out

        def check(node, path, emit):
            if not isinstance(node, MappingNode):
                return
            out = keys(node, path, emit)
            for k, (_knode, vnode) in out.items():
                prop_checks[k](vnode, (path, k), emit)
            if extra_check is not None or key_check is not None:
                for knode, vnode in node.value:
                    k = _key_text(knode, path)
                    if k is None or k in props or (prefixes and k.startswith(prefixes)):
                        continue
                    if key_check is not None and key_check(knode, (path, k), emit) is False:
                        continue
                    if extra_check is not None:
                        extra_check(vnode, (path, k), emit)

        if s is self.schema:
            self.keys[None], self.props[None] = keys, prop_checks
        elif self.defs.get(def_name) is s:
            self.keys[def_name], self.props[def_name] = keys, prop_checks
        return check

    def _key_names(self, s: dict) -> Callable:
        """propertyNames: the schema uses anyOf [extension prefix, an id]."""
        alts = [self._resolve(a)[0] for a in s.get("anyOf", [s])]
        rxs = [re.compile(a["pattern"][:-1] + r"\Z" if a["pattern"].endswith("$")
                          else a["pattern"]) for a in alts if "pattern" in a]

        def check(knode, path, emit):
            k = knode.value
            if any(rx.match(k) for rx in rxs):
                return True
            emit(knode, path, bad_id_message(k), CODES["bad-id"])
            return False
        return check


def _key_text(knode: Node, path) -> str | None:
    """A key that is text, else None (the walker checks only text keys)."""
    if isinstance(knode, ScalarNode):
        v = scalar_value(knode)
        if isinstance(v, str):
            return v
    return None


def _nothing(node, path, emit):
    return None


def _plural(words: str) -> str:
    """'component' -> 'components', 'line of flight' -> 'lines of flight', 'territory' ->
    'territories'."""
    head, sep, tail = words.partition(" of ")
    head = head[:-1] + "ies" if head.endswith("y") and head[-2:-1] not in "aeiou" \
        else head + "s"
    return head + sep + tail


def _num(x) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _expected_text(node: Node, path, emit: Emit) -> None:
    emit(node, path, TEMPLATES["type"].format(what="text", got=describe(node))
         + advice(node, "text"), CODES["type"])


def unknown_key(knode: Node, path, k: str, names: tuple, emit: Emit) -> None:
    """additionalProperties: false -- an unknown key, with a 'did you mean'."""
    if k == "<<":
        emit(knode, path, TEMPLATES["merge-key"], CODES["merge-key"])
        return
    found = suggest(k, names)
    if found:
        emit(knode, path, TEMPLATES["additionalProperties"].format(key=shown(k), dym=found),
             CODES["additionalProperties"])
    else:
        emit(knode, path, TEMPLATES["additionalProperties+list"].format(
            key=shown(k), allowed=", ".join(names)), CODES["additionalProperties"])


def bad_id_message(v: str, what: str = "an id", max_length: int = 64) -> str:
    """The message for a string that is not a valid id (the id pattern, explained)."""
    if v == "":
        return f"empty: expected {what}"
    if len(v) > max_length:
        return f"an id may be at most {max_length} characters long (this one has {len(v)})"
    if v.startswith("x-"):
        return f"{shown(v)} is not a valid id: ids beginning with 'x-' are kept for extension keys"
    from .validate import slugify  # the suggestion only

    slug = slugify(v)
    tail = f" (try {slug!r})" if slug else ""
    return (f"{shown(v)} is not a valid id: use lower-case letters, digits and hyphens, "
            f"starting with a letter{tail}")


def compile_schema(schema: dict, why: dict | None = None) -> Compiled:
    """Compile *schema* (refusing unsupported keywords with :class:`SchemaError`).
    *why*: {(def name, key): text} appended to 'missing'/'empty' messages."""
    return Compiled(schema, why)
