"""What the fuzz harness feeds the package: hostile strings, and mutations of the bundled cases.

Three families of input, each a hypothesis strategy yielding an :class:`Input`:

* :func:`text_inputs` -- the YAML or JSON *text* of a bundled case, mutated at the
  character level (hostile snippets inserted, ranges cut or repeated, YAML anchors,
  aliases, tags, merge keys, directives, deep nesting, truncation);
* :func:`data_inputs` -- the *loaded data* of a bundled case, mutated structurally
  (hostile strings in text fields, swapped and dangling ids, wrong types, huge
  integers, deep nesting, unknown and missing keys), given either as data
  (``case_from_data``) or written back as YAML/JSON text;
* :func:`hostile_valid_inputs` -- every free-text field of a bundled case replaced by a
  hostile string that the format allows (no control characters), so the input reaches
  the figures, widgets and exports, where labels are most dangerous.

Every hostile string carries markers the checks look for: ``<vcc-injected>`` (a tag
that must never be parsed as a tag) and ``onvccinjected=`` (an attribute that must
never be parsed as an attribute).
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml
from importlib import resources
from hypothesis import strategies as st

from vcc_helpers import cases
from vcc_helpers.casefile import case_to_data

MARK_TAG = "vcc-injected"
MARK_ATTR = "onvccinjected"

# Strings a reader (or an attacker) might put in a label.  Those without a C0/C1 control,
# a lone surrogate or a non-character are allowed in a valid case file (HOSTILE_VALID).
HOSTILE: tuple[str, ...] = (
    "</SCRIPT><img src=x onerror=alert(1)> On the ward",
    "</script ><vcc-injected onvccinjected=1>x</vcc-injected>",
    "</script/><vcc-injected>",
    "<script>window.__vcc_pwned=1</script>",
    f'<img src=x {MARK_ATTR}="1" onerror="window.__vcc_pwned=1">',
    f'"><{MARK_TAG} {MARK_ATTR}=1>',
    f"'><{MARK_TAG} {MARK_ATTR}='1'>",
    f'" {MARK_ATTR}="1" x="',
    f"' {MARK_ATTR}='1' x='",
    f"<svg onload=window.__vcc_pwned=1><{MARK_TAG}/></svg>",
    "javascript:window.__vcc_pwned=1",
    "<!-- --><![CDATA[ ]]> ]]> --> <!--",
    "&amp; &lt; &#60; &#x3c; &nbsp; & < > \" '",
    "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e 'e'>]>&e;",
    "{0}", "{1}", "On the ward {1}", "{title}", "{title:>999}", "{title:>999999999}",
    "{0.__class__.__mro__}", "%s %d %(title)s", "${x} $x", "{{x}} {{ case.title }}",
    "{% raw %}{% endraw %}", "`code` **bold** [x](javascript:alert(1)) $x^2$",
    "\\n \\x1b \\u202e", "*alias &anchor !tag ? : - # |", "\u202eevil\u202c \u2066rtl\u2069 \u200f",
    "Mrs A\u2028second line\u2029third", "\ufeffBOM", "e\u0301\u0301\u0301 Z\u0336\u0335",
    "👩\u200d⚕️ nurse 🏥", "A" * 300, "word " * 400, "字" * 3000,
    " ", "  leading and trailing  ",
)
CONTROL: tuple[str, ...] = (
    "A\x01", "\x1b[2J\x1b[H cleared", "\x1b]0;owned\x07title", "\x9b2J C1 CSI", "\x00nul",
    "bell\x07", "del\x7f", "cr\roverwrite", "vt\x0bff\x0c", "\x85nel",
)
ODD: tuple[str, ...] = ("\ud800 lone surrogate", "\udfff", "\ufffe\uffff", "x" * 20000)
HOSTILE_VALID = tuple(s for s in HOSTILE if s.strip())

# Keys whose values are free text (anything else is an id, a reference or a vocabulary).
FREE_TEXT = frozenset({"title", "summary", "note", "label", "description", "does", "evidence",
                       "offer", "boundary", "capacity", "danger", "captured_by", "toward",
                       "desire", "practice", "account"})

# Snippets the text mutator inserts into YAML (and JSON) texts.
YAML_SNIPPETS: tuple[str, ...] = (
    "&a ", "*a", " *a ", "!!python/object/apply:os.system ['echo pwned']", "!!binary aGk=",
    "!local ", "!!str ", "!!map ", "<<: *a\n", "? ", "%YAML 1.1\n---\n", "---\n", "...\n",
    "{", "}", "[", "]", ",", ": ", "- ", "\t", "\n", "#", "'", '"', "\\", "|\n", ">-\n",
    "[" * 200 + "]" * 200, "{a: " * 60 + "1" + "}" * 60, "1" * 5000, "9" * 400, "-" + "9" * 4400,
    "0x" + "f" * 4400, "1e999", ".nan", "~", "yes", "2001-12-14t21:59:43.10-05:00",
    "\x00", "\x1b[2J", "\ud800", "\ufeff", "\u2028", "\x85", "\r\n", "\r",
    '{"format": "vcc-case/1", "id": &x t, "title":*x}',
)


@dataclass
class Input:
    """One fuzz input: text (YAML/JSON) or plain data, and where it came from."""
    kind: str                       # "text" or "data"
    fmt: str                        # "yaml" or "json"
    value: Any                      # str (text) or dict (data)
    origin: str = ""
    ops: list = field(default_factory=list)

    def size(self) -> int:
        if self.kind == "text":
            return len(self.value)
        try:
            return len(json.dumps(self.value, default=str))
        except (ValueError, RecursionError):
            return -1

    def short(self, n: int = 400) -> str:
        try:
            r = repr(self.value)
        except (ValueError, RecursionError):  # an int over 4,300 digits, deep nesting
            r = f"<{type(self.value).__name__} that repr() refuses>"
        return r if len(r) <= n else r[: n // 2] + f" ...[{len(r)} chars]... " + r[-n // 2:]

    def _repr_pretty_(self, p, cycle) -> None:  # hypothesis prints this, not every field
        p.text(repr(self))

    def __repr__(self) -> str:
        return f"Input({self.kind}, {self.fmt}, from {self.origin}, ops={self.ops}, value={self.short(1500)})"


# --------------------------------------------------------------------------------------
# Base material: the bundled cases as text and data
# --------------------------------------------------------------------------------------

BASES = ("template",) + tuple(cases.names())


@cache
def base_text(name: str) -> str:
    return (resources.files("vcc_helpers") / "cases" / f"{name}.yaml").read_text(encoding="utf-8")


@cache
def _base_data_json(name: str) -> str:
    from vcc_helpers.casefile import loads_case
    return json.dumps(case_to_data(loads_case(base_text(name), f"{name}.yaml")), ensure_ascii=False)


def base_data(name: str) -> dict:
    return json.loads(_base_data_json(name))


def base_json_text(name: str) -> str:
    return json.dumps(base_data(name), ensure_ascii=False, indent=1)


# Small cases dominate so that many inputs fit the time budget; the big ones still come up.
base_names = st.sampled_from(("template", "template", "template") + tuple(cases.names()))

hostile_strings = st.one_of(
    st.sampled_from(HOSTILE + CONTROL + ODD),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=40),
    st.lists(st.sampled_from(HOSTILE + CONTROL), min_size=2, max_size=4).map("".join),
)
valid_hostile_strings = st.one_of(
    st.sampled_from(HOSTILE_VALID),
    st.lists(st.sampled_from(HOSTILE_VALID), min_size=2, max_size=3).map(" ".join),
)


# --------------------------------------------------------------------------------------
# Walking the data
# --------------------------------------------------------------------------------------

def leaves(data: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """Every (path, value) of *data*, containers included (root excluded), to depth 12
    (deeper nesting is one of the mutations; walking it would hit the recursion limit)."""
    out = []
    if len(path) >= 12:
        return out
    if isinstance(data, dict):
        for k, v in data.items():
            out.append((path + (k,), v))
            out.extend(leaves(v, path + (k,)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.append((path + (i,), v))
            out.extend(leaves(v, path + (i,)))
    return out


def is_free_text(path: tuple) -> bool:
    if not path or not isinstance(path[-1], str):
        return False
    key = path[-1]
    if key in FREE_TEXT:
        return True
    return key == "from" and "lines_of_flight" in path


def text_paths(data: dict) -> list[tuple]:
    return [p for p, v in leaves(data) if isinstance(v, str) and is_free_text(p)]


def id_paths(data: dict) -> list[tuple]:
    return [p for p, v in leaves(data) if isinstance(v, str) and not is_free_text(p)]


def get(data, path):
    for k in path:
        data = data[k]
    return data


def put(data, path, value):
    get(data, path[:-1])[path[-1]] = value


def nested(depth: int, kind: str = "list") -> Any:
    out: Any = "deep"
    for _ in range(depth):
        out = [out] if kind == "list" else {"k": out}
    return out


WRONG_TYPES: tuple = (None, 0, -1, 1.5, float("nan"), float("inf"), True, [], {}, [1, "a"],
                      {"a": 1}, 10 ** 5000, -(10 ** 4400), "", " ")


@st.composite
def data_inputs(draw) -> Input:
    """A bundled case's data with 1-6 structural mutations; as data or as text."""
    name = draw(base_names)
    data = base_data(name)
    ops = []
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(("text", "text", "text", "id", "swap", "type", "deep",
                                   "drop", "unknown", "dup", "bigint", "key")))
        allp = [p for p, _ in leaves(data)]
        if not allp:
            break
        if op == "text" and (tp := text_paths(data)):
            p = draw(st.sampled_from(tp))
            put(data, p, draw(hostile_strings))
        elif op == "id" and (ip := id_paths(data)):
            p = draw(st.sampled_from(ip))
            put(data, p, draw(st.sampled_from(("nobody", "r999", "x-ext", "A", "mrs a", "a" * 80,
                                               "trust", "r1", "ward")) | hostile_strings))
        elif op == "swap" and len(ip := id_paths(data)) > 1:
            p, q = draw(st.sampled_from(ip)), draw(st.sampled_from(ip))
            a, b = get(data, p), get(data, q)
            put(data, p, b)
            put(data, q, a)
        elif op == "type":
            p = draw(st.sampled_from(allp))
            put(data, p, draw(st.sampled_from(WRONG_TYPES)))
        elif op == "deep":
            p = draw(st.sampled_from(allp))
            put(data, p, nested(draw(st.sampled_from((50, 150, 300))), draw(st.sampled_from(("list", "dict")))))
        elif op == "drop":
            p = draw(st.sampled_from(allp))
            parent = get(data, p[:-1])
            del parent[p[-1]]
        elif op == "unknown":
            dicts = [p for p, v in leaves(data) if isinstance(v, dict)] + [()]
            p = draw(st.sampled_from(dicts))
            get(data, p)[draw(st.sampled_from(("lable", "x-note", "__proto__", "<vcc-injected>", "\x1b[2J", "")))] = "v"
        elif op == "dup":
            lists = [p for p, v in leaves(data) if isinstance(v, list) and v]
            if lists:
                p = draw(st.sampled_from(lists))
                seq = get(data, p)
                seq.append(copy.deepcopy(seq[draw(st.integers(0, len(seq) - 1))]))
        elif op == "bigint":
            p = draw(st.sampled_from(allp))
            put(data, p, draw(st.sampled_from((10 ** 4301, 2 ** 64, -(2 ** 63), 10 ** 100, 10 ** 400))))
        elif op == "key":
            dicts = [p for p, v in leaves(data) if isinstance(v, dict) and v]
            if dicts:
                p = draw(st.sampled_from(dicts))
                d = get(data, p)
                k = draw(st.sampled_from(sorted(d, key=str)))
                d[draw(hostile_strings)] = d.pop(k)
        ops.append(op)
    route = draw(st.sampled_from(("data", "yaml", "json")))
    if route == "data":
        return Input("data", "yaml", data, name, ops)
    try:
        if route == "json":
            text = json.dumps(data, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from((None, 1))))
        else:
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10 ** 6)
    except (ValueError, RecursionError, yaml.YAMLError, UnicodeEncodeError):
        return Input("data", "yaml", data, name, ops + ["(unwritable as text)"])
    return Input("text", route, text, name, ops)


@st.composite
def text_inputs(draw) -> Input:
    """A bundled case's YAML (or JSON) text with 1-5 character-level mutations."""
    name = draw(base_names)
    fmt = draw(st.sampled_from(("yaml", "yaml", "json")))
    text = base_text(name) if fmt == "yaml" else base_json_text(name)
    ops = []
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(("insert", "insert", "snippet", "snippet", "cut", "repeat",
                                   "char", "truncate", "label")))
        n = len(text)
        i = draw(st.integers(0, n))
        if op == "insert":
            text = text[:i] + draw(hostile_strings) + text[i:]
        elif op == "snippet":
            text = text[:i] + draw(st.sampled_from(YAML_SNIPPETS)) + text[i:]
        elif op == "cut":
            j = min(n, i + draw(st.integers(1, 80)))
            text = text[:i] + text[j:]
        elif op == "repeat":
            j = min(n, i + draw(st.integers(1, 80)))
            text = text[:i] + text[i:j] * draw(st.integers(2, 50)) + text[j:]
        elif op == "char":
            text = text[:i] + draw(st.characters(codec=None, exclude_categories=())) + text[i + 1:]
        elif op == "truncate":
            text = text[:i]
        elif op == "label":  # keep the structure, change what a label says (YAML only)
            at = text.find("label: ", i)
            if at >= 0:
                end = text.find("\n", at)
                end = len(text) if end < 0 else end
                text = text[:at] + "label: " + json.dumps(draw(hostile_strings)) + text[end:]
        ops.append(op)
    return Input("text", fmt, text, name, ops)


def hostile_copy(data: dict, choose) -> dict:
    """DATA with every free-text field replaced by ``choose(path, old)``."""
    data = copy.deepcopy(data)
    for p in text_paths(data):
        put(data, p, choose(p, get(data, p)))
    return data


@st.composite
def hostile_valid_inputs(draw) -> Input:
    """A bundled case whose free text is all hostile (but allowed): reaches every stage."""
    name = draw(base_names)
    data = base_data(name)
    keep_some = draw(st.booleans())
    data = hostile_copy(data, lambda p, old: (old if keep_some and draw(st.booleans())
                                              else draw(valid_hostile_strings)))
    route = draw(st.sampled_from(("data", "yaml", "json")))
    if route == "data":
        return Input("data", "yaml", data, name, ["hostile-valid"])
    text = (json.dumps(data, ensure_ascii=False) if route == "json"
            else yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10 ** 6))
    return Input("text", route, text, name, ["hostile-valid"])


def big_case_text(n_components: int, n_episodes: int = 3) -> str:
    """A well-formed case with N components in a chain, spread over episodes (for the budget)."""
    comps = [{"id": f"c{i}", "label": f"Component {i} {HOSTILE_VALID[i % len(HOSTILE_VALID)][:40]}",
              "kinds": ["person" if i % 3 == 0 else "thing"]} for i in range(n_components)]
    eps = [{"id": f"e{j}", "label": f"Episode {j} {{1}} </script>"} for j in range(n_episodes)]
    rels = [{"id": f"r{i}", "from": f"c{i}", "to": f"c{(i + 1) % n_components}", "does": f"acts on {{0}} {i}",
             "episode": f"e{i % n_episodes}"} for i in range(n_components)]
    affects = {f"r{i}": {"capacity": "can do less", "direction": "diminishes",
                         "tendency": "territorialising"} for i in range(0, n_components, 2)}
    data = {"format": "vcc-case/1", "id": "big", "title": "A big case", "components": comps,
            "episodes": eps, "relations": rels,
            "readings": {"service": {"roles": {"c0": "provider", "c1": "user"},
                                     "interactions": {f"r{i}": {"sphere": ("provider", "joint", "user")[i % 3]}
                                                      for i in range(n_components)}},
                         "assemblage": {"affects": affects}}}
    return json.dumps(data)
