"""Writing case files: plain data in the schema's key order, YAML or JSON text,
and saving (atomically; over a reader's own YAML file, keeping its comments and
``x-`` keys by a ruamel.yaml round trip).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from ..model import AssemblageReading, Case, ServiceReading, Source
from .fs import atomic_write
from .validate import FIELDS, FREE_TEXT

__all__ = ["case_to_data", "dumps_case", "save_case", "RoundTripLoss"]


def _ordered(d: dict, record: str) -> dict:
    """*d* with its keys in the schema's order (``FIELDS``), unknown keys last."""
    order = FIELDS[record]
    out = {k: d[k] for k in order if k in d}
    out.update((k, v) for k, v in d.items() if k not in out)
    return out

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
        _put_texts(put, d, c, "component")
        comps.append(d)
    put(out, "components", comps)
    eps = []
    for e in case.episodes:
        d = {"id": e.id, "label": e.label}
        _put_texts(put, d, e, "episode")
        eps.append(d)
    put(out, "episodes", eps)
    rels = []
    for r in case.relations:
        d = {"id": r.id, "from": r.source, "to": r.target, "does": r.does}
        put(d, "episode", r.episode)
        _put_texts(put, d, r, "relation")
        rels.append(d)
    put(out, "relations", rels)
    readings: dict[str, Any] = {}
    if case.service is not None:
        readings["service"] = _service_data(case.service)
    if case.assemblage is not None:
        readings["assemblage"] = _assemblage_data(case.assemblage)
    put(out, "readings", readings)
    return out


def _put_texts(put, d: dict, obj: Any, record: str) -> None:
    """The free-text fields of *record* (from the schema), under their own names."""
    for key in FREE_TEXT[record]:
        put(d, key, getattr(obj, key))


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
            if i.because:
                e["because"] = i.because
            d["interactions"][i.relation] = e
    if s.propositions:
        d["propositions"] = []
        for p in s.propositions:
            e = {"by": p.by, "to": p.to, "offer": p.offer}
            if p.carried_by:
                e["carried_by"] = p.carried_by
            if p.because:
                e["because"] = p.because
            d["propositions"].append(e)
    if s.value:
        d["value"] = []
        for v in s.value:
            e = {"for": v.beneficiary, "claimed_by": v.claimed_by, "element": v.element,
                 "valence": v.valence}
            for key, val in (("note", v.note), ("relation", v.relation), ("episode", v.episode),
                             ("because", v.because)):
                if val:
                    e[key] = val
            d["value"].append(e)
    if s.coproduction:
        d["coproduction"] = {c.relation: c.form for c in s.coproduction}
    if s.role_reasons:
        d["role_reasons"] = dict(s.role_reasons)
    return _ordered(d, "service")


def _assemblage_data(a: AssemblageReading) -> dict:
    d: dict[str, Any] = {}
    if a.by:
        d["by"] = a.by
    if a.boundary:
        d["boundary"] = a.boundary
    if a.affects:
        grouped: dict[str, list] = {}
        for f in a.affects:
            e: dict[str, Any] = {"capacity": f.capacity, "direction": f.direction,
                                 "tendency": f.tendency, "character": f.character}
            if f.on:
                e["on"] = f.on
            if f.because:
                e["because"] = f.because
            grouped.setdefault(f.relation, []).append(e)
        d["affects"] = {k: (v[0] if len(v) == 1 else v) for k, v in grouped.items()}
    if a.roles:
        d["roles"] = {}
        for r in a.roles:
            e = {}
            if r.material is not None:
                e["material"] = r.material
            if r.expressive is not None:
                e["expressive"] = r.expressive
            if r.note:
                e["note"] = r.note
            if r.because:
                e["because"] = r.because
            d["roles"][r.component] = e
    if a.lines_of_flight:
        d["lines_of_flight"] = []
        for lf in a.lines_of_flight:
            e = {}
            if lf.line != "flight":
                e["line"] = lf.line
            if lf.episode:
                e["episode"] = lf.episode
            e["from"] = lf.source
            for key, val in (("toward", lf.toward), ("note", lf.note)):
                if val:
                    e[key] = val
            e["danger"] = lf.danger
            if lf.captured_by:
                e["captured_by"] = lf.captured_by
            if lf.because:
                e["because"] = lf.because
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
            if t.because:
                e["because"] = t.because
            d["territories"].append(e)
    if a.desire:
        d["desire"] = list(a.desire)
    return _ordered(d, "assemblage")


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
    >>> from vcc_helpers.casefile import loads_case
    >>> loads_case(dumps_case(c, "json")) == c
    True
    """
    data = case_to_data(case)
    if fmt == "json":
        if footer:
            data["x-could-not-hold"] = footer
        # U+2028/U+2029 are escaped: the reader refuses them raw (they end a line in YAML)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"
    if fmt != "yaml":
        raise ValueError(f"fmt must be 'yaml' or 'json', not {fmt!r}")
    head = {k: data[k] for k in ("format", "id", "title", "summary") if k in data}
    parts = [_yaml_dump(head)]
    for key in ("source", "components", "episodes", "relations", "readings"):
        if key in data:
            parts.append(_yaml_dump({key: data[key]}))
    text = "\n".join(parts)
    if footer:
        text += "\n" + _footer_comment(footer)
    return text


def _footer_comment(footer: str) -> str:
    lines = footer.rstrip("\n").splitlines()
    if not lines or not lines[0].lower().startswith("what this tool could not hold"):
        lines.insert(0, "What this tool could not hold:")
    return "\n".join(("# " + _YAML_UNPRINTABLE.sub("\ufffd", ln)).rstrip()
                     for ln in lines) + "\n"




class RoundTripLoss(ValueError):
    """Saving over a reader's own YAML file would drop something: ``lost`` says what."""

    def __init__(self, path, lost: list[str]):
        self.lost = list(lost)
        super().__init__(f"saving over {path} would drop: " + "; ".join(self.lost))


def _merge(old, new, lost: list, where: str):
    """Update ruamel round-trip data *old* in place to equal *new*, keeping comments
    and ``x-`` keys; returns the updated object."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(new, dict) and isinstance(old, CommentedMap):
        for k in list(old.keys()):
            if k not in new and not (isinstance(k, str) and k.startswith("x-")):
                del old[k]
        for i, (k, v) in enumerate(new.items()):
            if k in old:
                old[k] = _merge(old[k], v, lost, f"{where}.{k}" if where else k)
            else:
                old.insert(min(i, len(old)), k, v)
        return old
    if isinstance(new, list) and isinstance(old, CommentedSeq):
        def key(x):
            return x.get("id") if isinstance(x, dict) else None
        by_id = {key(x): x for x in old if key(x) is not None}
        items = []
        for j, v in enumerate(new):
            prev = by_id.get(key(v)) if key(v) is not None else (old[j] if j < len(old) else None)
            items.append(_merge(prev, v, lost, f"{where}[{j}]") if prev is not None else v)
        kept_x = [x for x in old if isinstance(x, dict) and any(
            isinstance(k, str) and k.startswith("x-") for k in x) and key(x) not in
            {key(v) for v in new}]
        if kept_x:
            lost.append(f"{len(kept_x)} removed item(s) of {where} with x- keys")
        for j, v in enumerate(items):  # item by item: comments stay with their index
            if j < len(old):
                if old[j] is not v:
                    old[j] = v
            else:
                old.append(v)
        del old[len(items):]
        return old
    return new


def roundtrip_text(existing: str, case: Case, path=None) -> tuple[str, list[str]]:
    """The text of *existing* (a reader's YAML case file) updated to *case*, keeping
    its comments and ``x-`` keys; and what could not be kept.

    >>> text = "# my notes\\nformat: vcc-case/1\\nid: t\\ntitle: T  # keep me\\nx-mine: 1\\n"
    >>> new, lost = roundtrip_text(text, Case("t", "Renamed"))
    >>> print(new, end="")
    # my notes
    format: vcc-case/1
    id: t
    title: Renamed # keep me
    x-mine: 1
    """
    import io

    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 88
    rt.indent(mapping=2, sequence=4, offset=2)
    old = rt.load(existing)
    lost: list[str] = []
    merged = _merge(old, case_to_data(case), lost, "")
    buf = io.StringIO()
    rt.dump(merged, buf)
    return buf.getvalue(), lost


def _existing_case_yaml(path: Path) -> str | None:
    """The text of *path* when it is a readable vcc-case YAML file, else None."""
    from .read import read_text, Stop, format_of, MAX_BYTES
    from . import api
    if format_of(path) != "yaml" or not path.is_file():
        return None
    try:
        text = read_text(path, MAX_BYTES)
    except Stop:
        return None
    _case, errors, _notes = api.check_text(text, str(path), "yaml")
    return None if errors else text


def save_case(case: Case, path, fmt: str | None = None, overwrite: bool = False,
              footer: str | None = None, *, check: bool = True,
              keep_comments: bool = True, allow_loss: bool = False) -> Path:
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
    keep_comments : bool
        When overwriting a YAML case file that loads, update it in place with a
        ruamel.yaml round trip: its comments and ``x-`` keys are kept.
    allow_loss : bool
        Without it, a round trip that would drop something raises
        :class:`RoundTripLoss` (saying what) so the caller can ask first.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileExistsError
        The file exists and *overwrite* is false.
    CaseFileError
        *check* is true and the case would not load again.
    RoundTripLoss
        See *allow_loss*.
    ValueError
        The format cannot be told from the file name.

    Examples
    --------
    >>> import tempfile, os
    >>> from vcc_helpers.casefile import load_case
    >>> p = save_case(Case("t", "T"), os.path.join(tempfile.mkdtemp(), "t.json"))
    >>> load_case(p) == Case("t", "T")
    True
    """
    from . import api
    path = Path(path)
    if fmt is None:
        suffix = path.suffix.lower()
        if suffix not in (".json", ".yaml", ".yml"):
            raise ValueError(f"cannot tell the format from {path.name!r}: use a .yaml or .json "
                             "name, or pass fmt='yaml' or fmt='json'")
        fmt = "json" if suffix == ".json" else "yaml"
    if not overwrite and (path.exists() or path.is_symlink()):
        raise FileExistsError(f"{path} exists (use overwrite to replace it)")
    if check:
        api.case_from_data(case_to_data(case), filename=str(path))
    text = None
    if overwrite and keep_comments and fmt == "yaml":
        existing = _existing_case_yaml(path)
        if existing is not None:
            new: str | None
            new, lost = roundtrip_text(existing, case, path)
            back, errors, _ = api.check_text(new, str(path), "yaml")
            if errors or back != case:  # pragma: no cover - a safety net
                lost.append("the file's own layout (it would not read back as this case)")
                new = None
            if lost and not allow_loss:
                raise RoundTripLoss(path, lost)
            if new is not None:
                if footer and "# What this tool could not hold" not in new:
                    new = new.rstrip("\n") + "\n\n" + _footer_comment(footer)
                text = new
    if text is None:
        text = dumps_case(case, fmt, footer=footer)
    return atomic_write(path, text, overwrite=overwrite)
