"""The validator: the structure derived from the one JSON Schema, plus the
integrity checks a schema cannot say.

The structure comes from ``vcc_helpers/schema/vcc-case-1.schema.json`` through
:data:`WALKER` (:mod:`.schemawalk`, compiled once at import), and so does every
structural message: the keys of every mapping (:data:`FIELDS`, also the writers'
key order), unknown keys with their "did you mean", required keys, types, closed
vocabularies and their defaults, the range of scores, non-empty texts and the id
syntax.  The schema's titles name what a message speaks of ("expected a component
id", "'up' is not a tendency", "expected a list of kinds", "a mapping of
interactions"), and the walker adds the advice for the common slips (``(put it in
quotes: "3")``, ``(write [person])``, ``(remove the quotes around 0.5)``).

The checker reads a file in one pass and builds the :class:`~vcc_helpers.model.Case`.
Where a value does not fit the schema it only notes that (``_Checker.invalid``)
and reads on; at the end the walker words every structural problem of the file
(``_Checker.report_structure``).  A valid file -- nearly every file a reader
loads -- is read once, and an invalid one is walked once more for its messages.
The optional free-text fields of components, episodes and relations
(:data:`FREE_TEXT`) are read, written, imported from CSV and exported to GraphML by
name: adding one is an edit of the schema plus the model's field of that name
(``tests/test_one_edit.py`` makes that edit on a copy of the package).

What only code can check stays here, each check small, each problem with its own
code: that ids are unique and component and episode ids differ, that references
name existing components, relations and episodes, that no key is repeated, that
keys are text, that scores are not NaN, the cross-field warnings (joint-indirect,
self-relation, unused episode, new kind, a reason without a role), control
characters, explicit tags, numbers too large to read, and the vocabulary hints.

Labels are data
---------------
Control characters (C0 except TAB and LF; DEL; C1) and bidirectional controls
(U+202A-U+202E, U+2066-U+2069) are refused in every text field with the error
code ``control-character``, the position of the value and the character named
as U+XXXX.  TAB and LF are allowed only in prose fields (descriptions, notes,
evidence, reasons ...), never in ids, labels, titles or vocabulary words.  They
are refused because a label is shown in terminals, tables, figures and web
pages, where such characters reorder or hide text or drive the terminal.

Severity
--------
``error``: the file is refused.  ``warning``: accepted, printed; something a
careful reader would want to know (a joint-sphere interaction coded as
indirect, a relation from a component to itself, an episode no relation uses,
a kind that is not a suggested one).  ``hint``: a "did you mean" for an open
vocabulary, or a word normalised to the suggested spelling (``Person`` is
``person``).
"""
from __future__ import annotations

import dataclasses
import json
import math
import re
import unicodedata
from functools import lru_cache
from importlib.resources import files
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import (
    FORMAT,
    SUGGESTED_COPRODUCTION,
    SUGGESTED_ELEMENTS,
    SUGGESTED_KINDS,
    SUGGESTED_PRACTICES,
    SUGGESTED_SERVICE_ROLES,
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
from .problems import field_path, shown
from .schemawalk import (
    compile_schema, describe_value, raw_text, short_number,
    unknown_key,
)
from .read import (
    ALLOWED_TAGS, BAD, NOWHERE, PLAIN, QUOTED, STD, TYPED, TYPED_WORDS, TooBig, plain_is_text,
    resolve_plain, tag_name,
)

SCHEMA_RESOURCE = "schema/vcc-case-1.schema.json"

# record name in this module -> the schema's $defs name (None: the top level)
_DEFS = {"case": None, "source": "source", "component": "component", "episode": "episode",
         "relation": "relation", "readings": "readings", "service": "service",
         "interaction": "interaction", "proposition": "proposition", "value": "value_claim",
         "assemblage": "assemblage", "affect": "affect", "role_score": "role_score",
         "line_of_flight": "line_of_flight", "territory": "territory"}


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema of the format (cached; do not modify)."""
    return json.loads((files("vcc_helpers") / SCHEMA_RESOURCE).read_text(encoding="utf-8"))


def _record_schema(record: str) -> dict:
    s = schema()
    name = _DEFS[record]
    return s if name is None else s["$defs"][name]


FIELDS: dict[str, tuple[str, ...]] = {r: tuple(_record_schema(r)["properties"]) for r in _DEFS}
"""The keys of every kind of mapping in a case file, in file order (from the schema)."""

_REQUIRED: dict[str, tuple[str, ...]] = {r: tuple(_record_schema(r).get("required", ()))
                                         for r in _DEFS}
"""The required keys of every kind of mapping (from the schema)."""


def _free_text(record: str) -> tuple[str, ...]:
    s = _record_schema(record)
    return tuple(k for k, p in s["properties"].items()
                 if k not in s.get("required", ()) and p.get("type") == ["string", "null"]
                 and not set(p) - {"type", "description", "title", "examples", "x-single-line"})


FREE_TEXT: dict[str, tuple[str, ...]] = {r: _free_text(r) for r in _DEFS}
"""The optional free-text keys of every kind of mapping (from the schema: ``type:
[string, null]`` and nothing more).  A component, an episode and a relation keep each
under its own name: the field of that name in :mod:`..model`, which the writers write
back and the CSV import reads from the column of that name.  So adding an optional
text field to one of them is an edit of the schema plus the model's field and its
use; nothing here, in the writers or in the CSV import changes."""

_GENERIC: dict[str, tuple[type, tuple[str, ...]]] = {
    "component": (Component, ()), "episode": (Episode, ()), "relation": (Relation, ("account",))}
"""Records whose free-text fields are read by name: (model class, keys read on their own)."""

_BY_NAME = {r: tuple(k for k in FREE_TEXT[r] if k not in own) for r, (_, own) in _GENERIC.items()}

for _record, (_cls, _own) in _GENERIC.items():
    _missing = set(FREE_TEXT[_record]) - {f.name for f in dataclasses.fields(_cls)}
    if _missing:  # a maintainer's slip: say where, at import
        raise ImportError(f"{SCHEMA_RESOURCE}: {_record}.{sorted(_missing)[0]} is a free-text "
                          f"field with no field of that name in model.{_cls.__name__}")

ID_MAX_LENGTH = 64
"""The longest id allowed."""

ID_PATTERN = schema()["$defs"]["id"]["pattern"]  # r"^(?!x-)[a-z][a-z0-9-]{0,63}$"
"""Ids are slugs: lower-case letters, digits and hyphens, starting with a letter,
at most 64 characters, and not beginning with ``x-`` (kept for extension keys)."""

_ID_RE = re.compile(ID_PATTERN[:-1] + r"\Z")  # \Z: "$" would also match before a final newline

_EXTRA = {("line_of_flight", "danger"): " (no line of flight is simply good)"}
"""Why a key is required, where the schema's wording needs it (appended to the message)."""

WALKER = compile_schema(schema(), {(_DEFS[r], k): v for (r, k), v in _EXTRA.items()})
"""The structural validator compiled from the schema (once, at import)."""

_SCORE_MIN = schema()["$defs"]["role_score"]["properties"]["material"]["minimum"]
_SCORE_MAX = schema()["$defs"]["role_score"]["properties"]["material"]["maximum"]

_KEYS = {r: WALKER.keys[d] for r, d in _DEFS.items()}
_PROPS = {r: WALKER.props[d] for r, d in _DEFS.items()}
_ENTRY = {(r, k): WALKER.entry_check(d, k) for r, d in _DEFS.items()
          for k, p in _record_schema(r)["properties"].items()
          if isinstance(p.get("additionalProperties"), dict)}
"""(record, key) -> the schema's check of one entry of an id-keyed mapping."""
_ENUM = {(r, k): tuple(w for w in _record_schema(r)["properties"][k]["enum"] if w is not None)
         for r in _DEFS for k, p in _record_schema(r)["properties"].items() if "enum" in p}
"""The closed vocabularies, from the schema: (record, key) -> words."""
_CLOSED = {(r, k): (words, _record_schema(r)["properties"][k].get("default"))
           for (r, k), words in _ENUM.items()}
"""(record, key) -> (the closed vocabulary, its default or None), from the schema."""
_SINGLE_LINE_KEYS = frozenset(k for r in _DEFS for k, p in _record_schema(r)["properties"].items()
                              if p.get("x-single-line"))
"""Text fields where a tab or line break is refused: the schema's "x-single-line" (by
key name: such a key is one line in every record where it is text).  The schema marks
the lists of words (``cite``, ``desire``) and ``account`` too, which their own readers
take as one line; a test holds schema and checker together."""

_CLOSED_PLAIN = {rk: frozenset(w for w in words if resolve_plain(w) == w)
                 for rk, (words, _default) in _CLOSED.items()}
"""(record, key) -> the words a plain, quoted or typed text value may be as it is."""

_AS_TEXT = frozenset({QUOTED, TYPED})

_INVALID: Any = object()
"""A value already reported as invalid (typed Any: it stands in for any value)."""

Path = Any
"""A field path as the checker builds it: a str, or nested ``(prefix, key)`` tuples
rendered only when a problem is reported (see :func:`_field`)."""


def _node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "a value"


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


def _loc(spec) -> tuple:
    """Flatten a lazily built path (nested ``(prefix, key)`` tuples) into a loc tuple."""
    out = []
    while type(spec) is tuple:
        spec, key = spec
        out.append(key)
    if spec:
        out.extend(reversed(spec.split(".")) if not spec.startswith("(") else [spec])
    return tuple(reversed(out))


def _field(spec) -> str:
    """Render a field path.  Inside the checker a path is built lazily as nested
    ``(prefix, key)`` tuples (a str key or an int index) and rendered only when a
    problem is reported: that keeps loading large files fast."""
    if type(spec) is not tuple:
        return spec
    return field_path(_loc(spec))


# (U+FFFE and U+FFFF are not characters at all, and no YAML file may hold them; U+2028 and
# U+2029 are line breaks that editors do not count, which a file may not hold raw either:
# refused here too, so data accepted from Python can always be written to a file that
# loads again)
_CONTROL_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_CONTROL_PROSE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_CHAR_NAMES = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return",
               "\u2028": "a line separator", "\u2029": "a paragraph separator"}


def _lower_map(vocab: tuple) -> dict:
    return {w.lower(): w for w in vocab}


_LOWER: dict[tuple, dict[str, str]] = {}


def _named(node: Node, table: dict) -> bool:
    """Whether *node* is, as it stands, a name in *table* (so a valid id already, and no
    null: a plain word the core schema reads otherwise is not taken as it stands)."""
    v = node.value
    return type(v) is str and v in table and (node.tag in _AS_TEXT or (
        node.tag == PLAIN and v not in TYPED_WORDS))


class _Checker:
    """Reads the nodes of one file, building the Case and collecting what only code can
    check; the structural problems it meets are worded by the walker at the end."""

    _SUGGESTION_BUDGET = 200

    def __init__(self, filename: str):
        self.filename = filename
        self.errors: list[tuple] = []  # (line, column, field, message, code, loc)
        self.hints: list[tuple] = []  # as errors, then the severity
        self.components: dict[str, Node] = {}
        self.episodes: dict[str, Node] = {}
        self.relations: dict[str, Node] = {}
        self._budget = self._SUGGESTION_BUDGET
        self._open_cache: dict[tuple[str, str], str | None] = {}
        self.check_surrogates = False
        self.check_chars = False
        self.warnings: list[tuple] = []
        self.used_episodes: set[str] = set()
        self.structural: tuple | None = None  # the first structural problem met: (node, path)
        self.structural_at: list[tuple] = []  # where each one is (loc)
        self._hooks: tuple = ()  # (emit, key_text, duplicate_key) while a file is read

    # -- reporting --------------------------------------------------------------------

    def error(self, node: Node | None, field, message: str, code: str) -> None:
        mark = node.start_mark if node is not None else NOWHERE
        self.errors.append((mark.line + 1, mark.column + 1, _field(field), message, code,
                            _loc(field)))

    def emit(self, node: Node, field, message: str, code: str) -> None:
        """The walker's report hook (a structural error from the schema)."""
        mark = node.start_mark
        self.errors.append((mark.line + 1, mark.column + 1, _field(field), message, code,
                            _loc(field)))

    def invalid(self, node: Node, field) -> None:
        """A structural problem: noted here, worded by the schema's walker at the end
        (:meth:`report_structure`)."""
        if self.structural is None:
            self.structural = (node, field)
        self.structural_at.append(_loc(field))

    def valid(self, node: Node, field, check) -> bool:
        """Whether *node* passes the walker's *check* (a compiled part of the schema);
        a problem is noted, to be worded at the end."""
        bad: list = []
        check(node, field, lambda *problem: bad.append(problem))
        if bad:
            self.invalid(node, field)
        return not bad

    def report_structure(self, root: Node) -> None:
        """Word every structural problem of the file: the walker compiled from the schema
        walks each part of the file that holds one (a record, an entry of an id-keyed
        mapping, a top-level property), reporting each problem once, and none where the
        checker has already said what is wrong (a refused tag, a control character, a
        number too large)."""
        said = {(e[0], e[1], e[2]) for e in self.errors + self.hints}
        full = {e[:4] for e in self.errors}
        new: list[tuple] = []

        def emit(node, field, message, code):
            mark = node.start_mark
            item = (mark.line + 1, mark.column + 1, _field(field), message)
            if item[:3] not in said and item not in full:
                full.add(item)
                new.append(item + (code, _loc(field)))
        walked: set[tuple] = set()  # the parts walked again (see Compiled.check_part)
        for loc in sorted(set(self.structural_at), key=len):
            if not any(loc[:n] in walked for n in range(len(loc) + 1)):
                walked.add(WALKER.check_part(root, loc, emit))
        if not new and not self.errors:  # the walker found nothing: say where, at least
            node, field = self.structural  # type: ignore[misc]
            mark = node.start_mark
            new.append((mark.line + 1, mark.column + 1, _field(field),
                        "this value is not valid here", "unworded", _loc(field)))
        self.errors = self._in_file_order(self.errors, new, root)

    @staticmethod
    def _in_file_order(errors: list[tuple], new: list[tuple], root: Node) -> list[tuple]:
        """*errors* with each of *new* in among them where its path, or the nearest part
        of it, is in the file.  Problems are sorted by position later; this order counts
        where positions tie, and for data from Python, which has none."""
        taken = {(e[0], e[1]) for e in errors}
        if all(n[0] > 0 and (n[0], n[1]) not in taken for n in new):
            return errors + new  # every new one has a place of its own
        order: dict[tuple, int] = {}
        stack: list[tuple[tuple, Node]] = [((), root)]
        while stack:
            loc, node = stack.pop()
            order.setdefault(loc, len(order))
            if isinstance(node, MappingNode):
                stack.extend((loc + (k.value,), v) for k, v in reversed(node.value)
                             if isinstance(k, ScalarNode))
            elif isinstance(node, SequenceNode):
                stack.extend((loc + (j,), v) for j, v in reversed(list(enumerate(node.value))))

        def rank(item: tuple) -> int:
            loc = tuple(item[5])
            while loc not in order:
                loc = loc[:-1]
            return order[loc]
        merged: list[tuple] = []
        pending = sorted(new, key=rank)
        i = 0
        for item in errors:
            r = rank(item)
            while i < len(pending) and rank(pending[i]) < r:
                merged.append(pending[i])
                i += 1
            merged.append(item)
        return merged + pending[i:]

    def hint(self, node: Node, field, message: str, code: str = "not-suggested") -> None:
        mark = node.start_mark
        self.hints.append((mark.line + 1, mark.column + 1, _field(field), message, code,
                           _loc(field), "hint"))

    def warning(self, node: Node, field, message: str, code: str) -> None:
        mark = node.start_mark
        self.warnings.append((mark.line + 1, mark.column + 1, _field(field), message, code,
                              _loc(field), "warning"))

    def control_chars(self, node: Node, field, v: str, prose: bool) -> bool:
        """Report a control or bidi character in a text value; True when clean."""
        m = (_CONTROL_PROSE if prose else _CONTROL_LINE).search(v)
        if m is None:
            return True
        ch = m.group()
        name = _CHAR_NAMES.get(ch, "a control character" if ord(ch) < 0x200 else
                               "a noncharacter" if ord(ch) >= 0xFFFE else
                               "a bidirectional control character")
        where = "" if prose else " (allowed only in descriptions, notes and other prose)" \
            if ch in "\t\n" else ""
        self.error(node, field, f"contains {name} (U+{ord(ch):04X}) at character "
                                f"{m.start() + 1}{where}: labels are data, remove it",
                   "control-character")
        return False

    def _did_you_mean(self, word: str, candidates) -> str:
        if self._budget <= 0:
            return ""
        self._budget -= 1
        found = suggest(word, list(candidates))
        return f" (did you mean {found!r}?)" if found else ""

    # -- scalars ----------------------------------------------------------------------

    def value(self, node: Node, field: Path) -> Any:
        """The Python value of a scalar node, or _INVALID (already reported)."""
        tag = node.tag
        if tag == QUOTED:
            v = node.value
        elif tag == PLAIN:
            v = resolve_plain(node.value)
        elif tag == TYPED:
            v = node.value
        elif tag == BAD:
            return _INVALID
        elif tag in ALLOWED_TAGS:
            kind = tag[len(STD):]
            if kind == "str":
                v = node.value
            else:
                v = resolve_plain(node.value)
                ok = {"int": isinstance(v, int) and not isinstance(v, bool),
                      "float": isinstance(v, (int, float)) and not isinstance(v, bool),
                      "bool": isinstance(v, bool), "null": v is None}.get(kind, False)
                if not ok:
                    self.error(node, field, f"{node.value!r} is not a valid !!{kind}",
                               "wrong-type")
                    return _INVALID
                if kind == "float":
                    v = float(v)
        else:  # pragma: no cover - tags are screened before checking
            self.error(node, field, f"the tag {tag_name(tag)!r} is not allowed", "tag")
            return _INVALID
        if type(v) is TooBig:
            self.error(node, field, f"the number {short_number(v.text)} is too large to be read",
                       "number-too-large")
            return _INVALID
        if self.check_surrogates and isinstance(v, str) and re.search("[\ud800-\udfff]", v):
            self.error(node, field, "contains a lone surrogate escape (such as \\ud800), "
                                    "which is not a character", "surrogate")
            return _INVALID
        return v

    def text(self, node: Node, field: Path, prose: bool = True) -> str | None:
        """Optional free text: returns str ("" for null) or None when invalid.
        *prose*: TAB and LF are allowed (descriptions, notes); else refused."""
        if not self.check_surrogates and not self.check_chars:  # fast path
            tag = node.tag
            if tag == QUOTED:
                return node.value
            if tag == PLAIN:
                v = node.value
                if plain_is_text(v):
                    return v
            elif tag == TYPED and type(node.value) is str:
                return node.value
        if isinstance(node, ScalarNode):
            v = node.value if node.tag == QUOTED else self.value(node, field)
            if isinstance(v, str):
                if self.check_chars and not self.control_chars(node, field, v, prose):
                    return None
                return v
            if v is None:
                return ""
            if v is _INVALID:
                return None
        self.invalid(node, field)
        return None

    def required_text(self, fields: dict, owner_node: Node, prefix: Path, key: str,
                      record: str) -> str | None:
        pair = fields.get(key)
        if pair is None:
            return None  # reported as missing already
        node = pair[1]
        field = (prefix, key)
        v = self.text(node, field, key not in _SINGLE_LINE_KEYS)
        if v is None:
            return None
        if not v.strip() and not self.valid(node, field, _PROPS[record][key]):
            return None  # null, or blank: the schema's pattern "\\S"
        return v

    def optional_text(self, fields: dict, prefix: Path, key: str) -> str:
        pair = fields.get(key)
        if pair is None:
            return ""
        v = self.text(pair[1], (prefix, key), key not in _SINGLE_LINE_KEYS)
        return "" if v is None else v

    def ident(self, node: Node, field: Path) -> str | None:
        """A syntactically valid id, or None (noted)."""
        if not self.check_surrogates:  # fast path
            tag = node.tag
            if tag in (PLAIN, QUOTED, TYPED):
                v = node.value
                if type(v) is str and _ID_RE.match(v) and (tag != PLAIN or
                                                           v not in TYPED_WORDS):
                    return v
        if isinstance(node, ScalarNode):
            v = node.value if node.tag == QUOTED else self.value(node, field)
            if isinstance(v, str) and _ID_RE.match(v):
                return v
            if v is _INVALID:
                return None
        self.invalid(node, field)
        return None

    def ref(self, node: Node, field: Path, table: dict, what: str) -> str | None:
        """An id that must name an existing component / relation / episode."""
        if _named(node, table):  # the fast path
            return node.value
        v = self.ident(node, field)
        if v is None:
            return None
        if v not in table:
            self.error(node, field, f"unknown {what} {shown(v)}{self._did_you_mean(v, table)}",
                       "unknown-ref")
            return None
        return v

    def optional_ref(self, fields: dict, prefix: Path, key: str, table: dict, what: str):
        pair = fields.get(key)
        if pair is None:
            return None
        node = pair[1]
        if _named(node, table):  # the fast path (a name in the table is no null)
            return node.value
        if isinstance(node, ScalarNode) and node.tag != QUOTED and \
                self.value(node, (prefix, key)) is None:
            return None
        return self.ref(node, (prefix, key), table, what)

    def closed(self, fields: dict, prefix: Path, record: str, key: str, what: str) -> str | None:
        """A word from a closed vocabulary (the schema's enum); an absent or null optional
        one is the schema's default."""
        pair = fields.get(key)
        if pair is None:
            return _CLOSED[record, key][1]
        node = pair[1]
        v = node.value
        if type(v) is str and v in _CLOSED_PLAIN[record, key] and (
                node.tag == PLAIN or node.tag in _AS_TEXT):  # the fast path: a valid word
            return v
        vocab, default = _CLOSED[record, key]
        field = (prefix, key)
        if not self._given(node):
            if default is not None:
                return default
            self.invalid(node, field)
            return None
        v = self.text(node, field, False)
        if v is None:
            return None
        if v in vocab:
            return v
        same = self._same_word(v, vocab)
        if same is not None:
            self.hint(node, field, f"{shown(v)} read as the {what} {same!r}", "normalised")
            return same
        self.invalid(node, field)
        return None

    @staticmethod
    def _same_word(v: str, vocab: tuple) -> str | None:
        """The suggested spelling of *v* when it differs only in case (or outer spaces)."""
        low = _LOWER.get(vocab)
        if low is None:
            low = _LOWER[vocab] = _lower_map(vocab)
        return low.get(v.strip().lower())

    def open_word(self, node: Node, field: Path, vocab: tuple, what: str,
                  allow_empty: bool = False, counted_as: str = "") -> str | None:
        """A word from an open vocabulary: any non-empty text; hint when close to a
        suggestion; normalised (with a hint) when it is a suggested word in another case;
        with *counted_as*, a warning for a new word (what it will be counted as)."""
        v = self.text(node, field, False)
        if v is None or (allow_empty and not v):
            return v
        if not v.strip():
            self.invalid(node, field)
            return None
        if v not in vocab:
            same = self._same_word(v, vocab)
            if same is not None:
                self.hint(node, field, f"{shown(v)} read as the suggested {what} {same!r}",
                          "normalised")
                return same
            key = (v, what)
            if key in self._open_cache:
                found = self._open_cache[key]
            else:
                found = self._open_cache[key] = suggest(v, vocab)
            if found:
                self.hint(node, field, f"{shown(v)} is not a suggested {what} "
                                       f"(did you mean {found!r}?); kept as your own word")
            elif counted_as:
                self.warning(node, field, f"{shown(v)} is a new {what} (not one of the "
                                          f"suggested ones); the figures and summaries count it "
                                          f"as {counted_as!r}", f"new-{what.replace(' ', '-')}")
        return v

    def score(self, fields: dict, prefix: Path, key: str) -> Any:
        pair = fields.get(key)
        if pair is None:
            return None
        node = pair[1]
        field = (prefix, key)
        if not isinstance(node, ScalarNode):
            self.invalid(node, field)
            return _INVALID
        v = self.value(node, field)
        if v is _INVALID:
            return _INVALID
        if v is None:
            return None
        if isinstance(v, float) and math.isnan(v):  # NaN passes every JSON Schema range
            self.error(node, field, "not a number (NaN): a score lies between 0 and 1",
                       "out-of-range")
            return _INVALID
        if (type(v) is float or type(v) is int) and _SCORE_MIN <= v <= _SCORE_MAX:
            return float(v)  # within the schema's bounds
        self.invalid(node, field)  # the walker says: a type, or the range
        return _INVALID

    # -- collections ------------------------------------------------------------------

    def key_text(self, knode: Node, prefix: Path) -> str | None:
        if isinstance(knode, ScalarNode):
            tag = knode.tag
            if tag in (PLAIN, QUOTED):
                return knode.value
            if tag == TYPED:
                if isinstance(knode.value, str):
                    return knode.value
                self.error(knode, prefix or "(top)",
                           f"a key must be text, got {describe_value(knode.value)} "
                           f"({raw_text(knode)})", "wrong-type")
                return None
            if tag == BAD:
                return None
            return knode.value  # an allowed explicit tag such as !!str
        self.error(knode, prefix or "(top)", f"a key must be text, got {_node_kind(knode)}",
                   "wrong-type")
        return None

    def record(self, node: Node, prefix: Path, record: str) -> dict | None:
        """Check a mapping with known keys; return {key: (key node, value node)}."""
        if not isinstance(node, MappingNode) or node.tag == BAD:
            if isinstance(node, ScalarNode) and self.value(node, prefix) is _INVALID:
                return None
            if node.tag != BAD:
                self.invalid(node, prefix)  # "expected a mapping (a component: ...)"
            return None
        return _KEYS[record](node, prefix, *self._hooks)

    def duplicate_key(self, knode: Node, prefix: Path, k: str, first: Node) -> None:
        line = first.start_mark.line
        where = f" (first at line {line + 1})" if line >= 0 else ""
        self.error(knode, (prefix, k), f"duplicate key {shown(k)}{where}; a key may appear "
                                           "only once in a mapping", "duplicate-key")

    def seq(self, node: Node, field: Path, record: str, key: str) -> list | None:
        """The items of a list (None for null = empty); a wrong type is reported from the
        schema's property *key* of *record* ("expected a list of components")."""
        if isinstance(node, SequenceNode) and node.tag != BAD:
            return node.value
        if isinstance(node, ScalarNode):
            v = self.value(node, field)
            if v is None:
                return []
            if v is _INVALID:
                return None
        if node.tag != BAD:
            self.invalid(node, field)  # "expected a list of components"
        return None

    def unique_pairs(self, node: MappingNode, prefix):
        """(key, key node, value node) of a mapping, keys as text, each key once: a key
        that is not text is reported and skipped, a repeated one reported as a duplicate."""
        seen: dict[str, Node] = {}
        for knode, vnode in node.value:
            tag = knode.tag
            k = knode.value if tag is PLAIN or tag is QUOTED else self.key_text(knode, prefix)
            if k is None:
                continue
            if k in seen:
                self.duplicate_key(knode, prefix, k, seen[k])
                continue
            seen[k] = knode
            yield k, knode, vnode

    def idmap(self, node: Node, prefix: Path) -> list[tuple[str, Node, Node]]:
        """A mapping keyed by ids: [(id, key node, value node)], checked for syntax and
        duplicates (not for existence)."""
        if not isinstance(node, MappingNode) or node.tag == BAD:
            if isinstance(node, ScalarNode):
                v = self.value(node, prefix)
                if v is None or v is _INVALID:
                    return []
            if node.tag != BAD:
                self.invalid(node, prefix)  # "expected a mapping of interactions"
            return []
        out = []
        for k, knode, vnode in self.unique_pairs(node, prefix):
            if k.startswith("x-"):
                continue
            field = (prefix, k)
            if k == "<<":
                unknown_key(knode, field, k, (), self.emit)
                continue
            if not _ID_RE.match(k):  # (noted at the mapping: the key is the mapping's to check)
                self.invalid(knode, prefix)
                continue
            out.append((k, knode, vnode))
        return out

    def words(self, node: Node, field: Path, vocab: tuple | None, what: str,
              counted_as: str = "") -> tuple | None:
        """A list of words (None if invalid); null is an empty list."""
        if isinstance(node, ScalarNode):
            v = self.value(node, field)
            if v is None:
                return ()
            if v is _INVALID:
                return None
        if not isinstance(node, SequenceNode) or node.tag == BAD:
            if node.tag != BAD:
                self.invalid(node, field)  # "expected a list of kinds"
            return None
        items = node.value
        out = []
        ok = True
        for j, item in enumerate(items):
            f = (field, j)
            if vocab is None:
                v = self.text(item, f, False)
                if v is not None and not v.strip():
                    self.invalid(item, f)
                    v = None
            else:
                v = self.open_word(item, f, vocab, what, counted_as=counted_as)
            if v is None:
                ok = False
            else:
                out.append(v)
        return tuple(out) if ok else None

    # -- the case ---------------------------------------------------------------------

    def check(self, root: Node) -> Case | None:
        """The case in *root*, or None when the file has an error (collected)."""
        # the walker's hooks, bound once for this file; dropped after, since kept on the
        # checker they make a reference cycle, and the checker's tables would hold the
        # file's nodes until a full collection
        self._hooks = (self.emit, self.key_text, self.duplicate_key)
        try:
            case = self.read(root)
            if self.structural is not None:
                self.report_structure(root)
                return None
            return case
        finally:
            self._hooks = ()

    def read(self, root: Node) -> Case | None:
        f = self.record(root, "", "case")
        if f is None:
            return None
        ok = True

        fmt = None
        if "format" in f:
            node = f["format"][1]
            fmt = self.text(node, "format")
            if fmt is not None and fmt != FORMAT:
                self.invalid(node, "format")  # "unsupported format ..." (the schema's const)
                fmt = None
        case_id = self.ident(f["id"][1], "id") if "id" in f else None
        title = self.required_text(f, root, "", "title", "case")
        summary = self.optional_text(f, "", "summary")
        source: Source | None = Source()
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
        if episodes and relations is not None:
            for i, e in enumerate(episodes):
                if e.id not in self.used_episodes:
                    self.warning(self.episodes[e.id], (("episodes", i), "id"),
                                 f"no relation happens in the episode {shown(e.id)} (give a "
                                 "relation 'episode: " + e.id + "', or remove the episode)",
                                 "unused-episode")
        if self.errors or not ok or fmt is None or case_id is None or title is None or \
                source is None or components is None or episodes is None or relations is None:
            return None
        return Case(id=case_id, title=title, components=components, relations=relations,
                    episodes=episodes, summary=summary, source=source, service=service,
                    assemblage=assemblage, format=fmt)

    def list_of(self, f: dict, key: str, item_fn, what: str) -> tuple | None:
        if key not in f:
            return ()
        items = self.seq(f[key][1], key, "case", key)
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
        kind = self.closed(f, "source", "source", "kind", "source kind")
        note = self.optional_text(f, "source", "note")
        cite: tuple | None = ()
        if "cite" in f:
            cite = self.words(f["cite"][1], "source.cite", None, "citation key")
        if kind is None or cite is None:
            return None
        return Source(kind=kind, note=note, cite=cite)

    def new_id(self, f: dict, prefix: Path, table: dict, what: str,
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
            self.error(node, field, f"duplicate {what} id {shown(v)}{where}", "duplicate-id")
            return None
        if other is not None and v in other:
            line = other[v].start_mark.line + 1
            where = f" (line {line})" if line > 0 else ""
            self.error(node, field, f"{shown(v)} is already a {other_what} id{where}; "
                                    f"{what} ids must differ from {other_what} ids",
                       "duplicate-id")
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
            kinds = self.words(f["kinds"][1], (prefix, "kinds"), SUGGESTED_KINDS, "kind",
                               counted_as="other")
        if cid is None or label is None or kinds is None:
            return None
        return Component(cid, label, kinds, **self.free_texts(f, prefix, "component"))

    def episode(self, node: Node, i: int) -> Episode | None:
        prefix = ("episodes", i)
        f = self.record(node, prefix, "episode")
        if f is None:
            return None
        eid = self.new_id(f, prefix, self.episodes, "episode", self.components, "component")
        label = self.required_text(f, node, prefix, "label", "episode")
        if eid is None or label is None:
            return None
        return Episode(eid, label, **self.free_texts(f, prefix, "episode"))

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
        texts = self.free_texts(f, prefix, "relation")
        if rid is None or src is None or tgt is None or does is None or (
                "episode" in f and episode is None and self._given(f["episode"][1])):
            return None
        if episode is not None:
            self.used_episodes.add(episode)
        if src == tgt:
            self.warning(f["to"][1], (prefix, "to"), f"a relation from {shown(src)} to itself: "
                         "the figures cannot draw it (is another component the one it is "
                         "done to?)", "self-relation")
        return Relation(rid, src, tgt, does, episode, account, **texts)

    def free_texts(self, fields: dict, prefix: Path, record: str) -> dict[str, str]:
        """The free-text fields of *record* (:data:`FREE_TEXT`) given in *fields*, by
        name, except those the record reads on its own (:data:`_GENERIC`)."""
        return {k: self.optional_text(fields, prefix, k) for k in _BY_NAME[record]
                if k in fields}

    def because(self, fields: dict, prefix) -> str | None:
        """The optional coder's reason: None when absent or empty."""
        if "because" not in fields:
            return None
        return self.optional_text(fields, prefix, "because") or None

    @staticmethod
    def _given(node: Node) -> bool:
        """False for an explicit null (a key with no value)."""
        if isinstance(node, ScalarNode):
            if node.tag == PLAIN:
                return resolve_plain(node.value) is not None
            if node.tag == TYPED:
                return node.value is not None
        return True

    def account(self, node: Node, field: Path) -> str | None:
        """Whose telling: a component id or any words; hint when close to a component id."""
        v = self.text(node, field, False)
        if v and v not in self.components and _ID_RE.match(v) and self.components:
            tail = self._did_you_mean(v, self.components)
            if tail:
                self.hint(node, field, f"{shown(v)} is not a component id{tail}; "
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
            for cid, knode, vnode in self.idmap(f["roles"][1], (P, "roles")):
                field = ((P, "roles"), cid)
                if cid not in self.components:
                    self.error(knode, field, f"unknown component {shown(cid)}"
                                             f"{self._did_you_mean(cid, self.components)}",
                               "unknown-ref")
                    self.valid(vnode, field, _ENTRY["service", "roles"])  # a mistake too?
                    continue
                if isinstance(vnode, SequenceNode):
                    words = self.words(vnode, field, SUGGESTED_SERVICE_ROLES, "service role")
                else:
                    if isinstance(vnode, ScalarNode) and isinstance(self.value(vnode, field), str):
                        w = self.open_word(vnode, field, SUGGESTED_SERVICE_ROLES, "service role")
                        words = (w,) if w is not None else None
                    else:
                        self.invalid(vnode, field)  # "expected a role or a list of roles"
                        words = None
                if words is not None:
                    roles[cid] = words
        role_reasons: dict[str, str] = {}
        if "role_reasons" in f:
            for cid, knode, vnode in self.idmap(f["role_reasons"][1], (P, "role_reasons")):
                field = ((P, "role_reasons"), cid)
                if cid not in roles and cid not in self.components:
                    self.error(knode, field, f"unknown component {shown(cid)}"
                                             f"{self._did_you_mean(cid, self.components)}",
                               "unknown-ref")
                    self.valid(vnode, field, _ENTRY["service", "role_reasons"])
                    continue
                if cid not in roles:
                    self.warning(knode, field, f"a reason for the role of {shown(cid)}, "
                                 "who has no role in this reading", "reason-without-role")
                v = self.text(vnode, field)
                if v:
                    role_reasons[cid] = v
        interactions = []
        if "interactions" in f:
            for rid, knode, vnode in self.idmap(f["interactions"][1], (P, "interactions")):
                field = ((P, "interactions"), rid)
                known = self.known_relation(knode, field, rid)
                g = self.record(vnode, field, "interaction")
                if g is not None and not known:
                    self.valid(vnode, field, _ENTRY["service", "interactions"])
                if g is None or not known:
                    continue
                sphere = self.closed(g, field, "interaction", "sphere", "sphere") \
                    if "sphere" in g else None
                mode = self.closed(g, field, "interaction", "mode", "mode")
                practice: str | None = ""
                if "practice" in g:
                    practice = self.open_word(g["practice"][1], (field, "practice"),
                                              SUGGESTED_PRACTICES, "practice", allow_empty=True)
                because = self.because(g, field)
                if sphere == "joint" and mode == "indirect":
                    self.warning(g["mode"][1], (field, "mode"), "a joint-sphere interaction "
                                 "coded 'mode: indirect': for Grönroos & Voima (2013) the joint "
                                 "sphere is where provider and user act together directly (in "
                                 "person, by phone or online). If the user uses something the "
                                 "provider made without the provider taking part, code the "
                                 "sphere 'user'; if it happens inside a direct encounter (a "
                                 "home visit, a consultation), code the mode 'direct'; if only "
                                 "the provider's side acts, code the sphere 'provider'; if you "
                                 "mean it, say why under 'because'", "joint-indirect")
                if sphere is not None and mode is not None and practice is not None:
                    interactions.append(Interaction(rid, sphere, mode, practice, because))
        propositions = []
        if "propositions" in f:
            for j, item in enumerate(self.seq(f["propositions"][1], (P, "propositions"),
                                              "service", "propositions") or ()):
                prefix = ((P, "propositions"), j)
                g = self.record(item, prefix, "proposition")
                if g is None:
                    continue
                comps = self.components
                by_ = self.ref(g["by"][1], (prefix, "by"), comps, "component") \
                    if "by" in g else None
                to = self.ref(g["to"][1], (prefix, "to"), comps, "component") \
                    if "to" in g else None
                offer = self.required_text(g, item, prefix, "offer", "proposition")
                carried = self.optional_ref(g, prefix, "carried_by", comps, "component")
                because = self.because(g, prefix)
                if by_ is not None and to is not None and offer is not None:
                    propositions.append(Proposition(by_, to, offer, carried, because))
        value = []
        if "value" in f:
            claims = self.seq(f["value"][1], (P, "value"), "service", "value") or ()
            for j, item in enumerate(claims):
                claim = self.value_claim(item, ((P, "value"), j))
                if claim is not None:
                    value.append(claim)
        coproduction = []
        if "coproduction" in f:
            for rid, knode, vnode in self.idmap(f["coproduction"][1], (P, "coproduction")):
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
                              coproduction=tuple(coproduction), by=by,
                              role_reasons=role_reasons)

    def known_relation(self, knode: Node, field: Path, rid: str) -> bool:
        if rid in self.relations:
            return True
        self.error(knode, field, f"unknown relation {shown(rid)}"
                                 f"{self._did_you_mean(rid, self.relations)}", "unknown-ref")
        return False

    def value_claim(self, item: Node, prefix: Path) -> ValueClaim | None:
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
        valence = self.closed(g, prefix, "value", "valence", "valence") \
            if "valence" in g else None
        note = self.optional_text(g, prefix, "note")
        relation = self.optional_ref(g, prefix, "relation", self.relations, "relation")
        episode = self.optional_ref(g, prefix, "episode", self.episodes, "episode")
        for key, got in (("relation", relation), ("episode", episode)):
            if key in g and got is None and self._given(g[key][1]):
                return None
        if for_ is None or claimed_by is None or element is None or valence is None:
            return None
        return ValueClaim(for_, claimed_by, element, valence, note, relation, episode,
                          self.because(g, prefix))

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
            for rid, knode, vnode in self.idmap(f["affects"][1], (P, "affects")):
                field = ((P, "affects"), rid)
                known = self.known_relation(knode, field, rid)
                items: list[tuple[Path, Node]]
                if isinstance(vnode, SequenceNode):
                    items = [((field, j), it) for j, it in enumerate(vnode.value)]
                elif isinstance(vnode, MappingNode):
                    items = [(field, vnode)]
                else:
                    self.invalid(vnode, field)  # "expected an affect (a mapping) or ..."
                    continue
                for ifield, it in items:
                    a = self.affect(it, ifield, rid)
                    if a is not None and known:
                        affects.append(a)
        roles = []
        if "roles" in f:
            for cid, knode, vnode in self.idmap(f["roles"][1], (P, "roles")):
                field = ((P, "roles"), cid)
                if cid not in self.components:
                    self.error(knode, field, f"unknown component {shown(cid)}"
                                             f"{self._did_you_mean(cid, self.components)}",
                               "unknown-ref")
                g = self.record(vnode, field, "role_score")
                if g is None:
                    continue
                material = self.score(g, field, "material")
                expressive = self.score(g, field, "expressive")
                note = self.optional_text(g, field, "note")
                roles.append(RoleScore(cid, material, expressive, note, self.because(g, field)))
        lines = []
        if "lines_of_flight" in f:
            for j, item in enumerate(self.seq(f["lines_of_flight"][1], (P, "lines_of_flight"),
                                              "assemblage", "lines_of_flight") or ()):
                prefix = ((P, "lines_of_flight"), j)
                g = self.record(item, prefix, "line_of_flight")
                if g is None:
                    continue
                episode = self.optional_ref(g, prefix, "episode", self.episodes, "episode")
                src = self.required_text(g, item, prefix, "from", "line_of_flight")
                danger = self.required_text(g, item, prefix, "danger", "line_of_flight")
                line = LineOfFlight(episode, src or "", danger or "",
                                    toward=self.optional_text(g, prefix, "toward"),
                                    note=self.optional_text(g, prefix, "note"),
                                    captured_by=self.optional_text(g, prefix, "captured_by"),
                                    because=self.because(g, prefix),
                                    line=self.closed(g, prefix, "line_of_flight", "line",
                                                     "kind of line") or "flight")
                if src is not None and danger is not None:  # else reported: refused below
                    lines.append(line)
        territories = []
        if "territories" in f:
            for j, item in enumerate(self.seq(f["territories"][1], (P, "territories"),
                                              "assemblage", "territories") or ()):
                prefix = ((P, "territories"), j)
                g = self.record(item, prefix, "territory")
                if g is None:
                    continue
                label = self.required_text(g, item, prefix, "label", "territory")
                drawn_by: list[str] = []
                if "drawn_by" in g:
                    by_field = (prefix, "drawn_by")
                    for k, it in enumerate(self.seq(g["drawn_by"][1], by_field, "territory",
                                                    "drawn_by") or ()):
                        ref = self.ref(it, (by_field, k), self.components, "component")
                        if ref is not None:
                            drawn_by.append(ref)
                episode = self.optional_ref(g, prefix, "episode", self.episodes, "episode")
                territory = Territory(label or "", tuple(drawn_by), episode,
                                      self.optional_text(g, prefix, "note"),
                                      self.because(g, prefix))
                if label is not None:  # else reported: the reading is refused below
                    territories.append(territory)
        desire: tuple | None = ()
        if "desire" in f:
            desire = self.words(f["desire"][1], (P, "desire"), None, "note on desire")
        if len(self.errors) > n_errors or desire is None:
            return None
        return AssemblageReading(boundary=boundary, affects=tuple(affects), roles=tuple(roles),
                                 lines_of_flight=tuple(lines), territories=tuple(territories),
                                 desire=desire, by=by)

    def affect(self, node: Node, field: Path, rid: str) -> Affect | None:
        g = self.record(node, field, "affect")
        if g is None:
            return None
        capacity = self.required_text(g, node, field, "capacity", "affect")
        direction = self.closed(g, field, "affect", "direction", "direction")
        tendency = self.closed(g, field, "affect", "tendency", "tendency")
        character = self.closed(g, field, "affect", "character", "character")
        on = self.optional_ref(g, field, "on", self.components, "component")
        if capacity is None or direction is None or tendency is None or character is None:
            return None
        return Affect(rid, capacity, direction, tendency, character, on, self.because(g, field))

