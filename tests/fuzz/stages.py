"""Every stage a case file goes through, each with what it must never do.

:func:`run` takes one :class:`~corpus.Input` and drives it through

``load``      ``check_case`` (never raises), ``loads_case``/``case_from_data`` and
              ``loads_data`` (only :class:`CaseFileError`), and they agree;
``describe``  alt text, long descriptions and ``describe_case`` for every lens;
``draw``      the sphere diagram, the assemblage map (whole and per episode) and the
              episode strip: each SVG parses as XML and holds no script, no ``on*``
              attribute and no element from a label; each ``_repr_html_`` is checked
              as HTML (below);
``export``    YAML and JSON written and read back to an equal case; GraphML and GEXF
              read back by networkx;
``widgets``   ``LensExplorer`` and ``EpisodeStepper`` built on the case; every HTML
              value parsed with :class:`html.parser.HTMLParser` (no ``<vcc-injected>``
              start tag, no ``onvccinjected`` attribute, no ``<script>``, no ``on*``
              attribute, the SVG inside each data URI well-formed); the widget state
              through ``sphinxext.json_for_script`` has no ``<`` and means the same;
``cli``       ``validate``, ``describe``, ``draw`` and ``export`` in process: exit status
              0 or 1, no traceback, no terminal control character in what it prints.

Each stage must finish within :data:`BUDGET` seconds of CPU time (the machine is
shared, so CPU time is the fair measure); a stage still running after :data:`HANG`
seconds of wall time is stopped and counted as a hang.  Any breach raises
:class:`StageFailure` naming the stage.  :data:`STATS` keeps the figures the
reports print.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
import signal
import tempfile
import time
import tracemalloc
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from .corpus import MARK_ATTR, MARK_TAG, Input

BUDGET = 2.0
HANG = 10.0
STAGES = ("load", "describe", "draw", "export", "widgets", "cli")

# What a terminal would act on: C0 controls except tab and newline, DEL, C1 controls.
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class StageFailure(AssertionError):
    def __init__(self, stage: str, problem: str, inp: Input | None = None):
        self.stage, self.problem, self.input = stage, problem, inp
        super().__init__(f"[{stage}] {problem}\n  input: {inp!r}")

    def signature(self) -> str:
        """The failure without its details (numbers, quoted values): for counting kinds."""
        head = self.problem.splitlines()[0] if self.problem else ""
        head = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", head)
        head = re.sub(r"[0-9]+(\.[0-9]+)?", "N", head)
        return f"{self.stage}: {head[:160]}"


class Hang(BaseException):
    """Raised by the alarm in a stage that runs past HANG seconds."""


@dataclass
class Stats:
    tried: int = 0
    refused: int = 0
    accepted: int = 0
    failures: dict = field(default_factory=dict)     # stage -> count
    kinds: dict = field(default_factory=dict)        # signature -> (count, first StageFailure)
    slowest: list = field(default_factory=list)      # (cpu, wall, stage, Input)

    def record_time(self, cpu: float, wall: float, stage: str, inp: Input) -> None:
        self.slowest.append((cpu, wall, stage, inp))
        self.slowest.sort(key=lambda t: -t[0])
        del self.slowest[5:]

    def record_failure(self, f: StageFailure) -> None:
        self.failures[f.stage] = self.failures.get(f.stage, 0) + 1
        n, first = self.kinds.get(f.signature(), (0, f))
        self.kinds[f.signature()] = (n + 1, first)

    def report(self) -> str:
        lines = [f"fuzz: inputs tried {self.tried}, refused (CaseFileError) {self.refused}, "
                 f"accepted {self.accepted}",
                 "failures by stage: " + (", ".join(f"{s} {self.failures.get(s, 0)}" for s in STAGES))]
        for sig, (n, first) in sorted(self.kinds.items(), key=lambda kv: -kv[1][0]):
            lines.append(f"  {n:5d} x {sig}\n          e.g. {first.input!r:.600}")
        if self.slowest:
            cpu, wall, stage, inp = self.slowest[0]
            lines.append(f"slowest: {stage} {cpu:.2f} s CPU ({wall:.2f} s wall), input of "
                         f"{inp.size()} characters: {inp!r:.300}")
        return "\n".join(lines)


STATS = Stats()


@contextlib.contextmanager
def _alarm(seconds: float):
    if seconds == float("inf"):
        yield
        return

    def ring(signum, frame):
        raise Hang()
    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@contextlib.contextmanager
def stage(name: str, inp: Input):
    """Time one stage; turn anything unexpected in it into a StageFailure."""
    from vcc_helpers.casefile import CaseFileError
    cpu0, wall0 = time.process_time(), time.perf_counter()
    try:
        with _alarm(HANG):
            yield
    except StageFailure:
        raise
    except Hang:
        raise StageFailure(name, f"still running after {HANG:.0f} s", inp) from None
    except CaseFileError as exc:
        raise StageFailure(name, f"CaseFileError outside loading: {str(exc)[:300]}", inp) from exc
    except RecursionError as exc:
        raise StageFailure(name, "RecursionError", inp) from exc
    except Exception as exc:
        raise StageFailure(name, f"{type(exc).__name__}: {str(exc)[:300]}", inp) from exc
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    STATS.record_time(cpu, wall, name, inp)
    if cpu > BUDGET:
        raise StageFailure(name, f"took {cpu:.2f} s CPU (budget {BUDGET} s)", inp)


def fail(name: str, problem: str, inp: Input):
    raise StageFailure(name, problem, inp)


# --------------------------------------------------------------------------------------
# Checks on what the package emits
# --------------------------------------------------------------------------------------

class _Seen(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag + "@" + k, v) for k, v in attrs)

    handle_startendtag = handle_starttag


def html_problems(text: str) -> list[str]:
    """What is wrong with HTML the package made: markup from a label, scripts, handlers."""
    p = _Seen()
    p.feed(text)
    p.close()
    out = []
    if MARK_TAG in p.tags:
        out.append(f"a label became the element <{MARK_TAG}>")
    for tag in ("script", "iframe", "object", "embed", "svg", "math", "base", "form"):
        if tag in p.tags:
            out.append(f"a <{tag}> element in the HTML")
    for name, value in p.attrs:
        tag, attr = name.split("@", 1)
        if attr == MARK_ATTR or attr.startswith("on"):
            out.append(f"an event handler attribute {attr!r} on <{tag}>")
        if attr in ("href", "src", "action", "formaction") and value and \
                value.strip().lower().startswith(("javascript:", "vbscript:")):
            out.append(f"a {value[:20]!r} URL in {attr}")
        if tag == "img" and attr == "src" and value and value.startswith("data:image/svg+xml;charset=utf-8,"):
            out.extend("in an <img>'s SVG: " + q for q in svg_problems(unquote(value.split(",", 1)[1]).encode("utf-8")))
    return out


def svg_problems(svg: bytes) -> list[str]:
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        return [f"the SVG is not well-formed XML: {exc}"]
    out = []
    for el in root.iter():
        local = el.tag.rsplit("}", 1)[-1]
        if local in ("script", "foreignObject", MARK_TAG):
            out.append(f"an element <{local}> in the SVG")
        for attr, value in el.attrib.items():
            a = attr.rsplit("}", 1)[-1]
            if a.startswith("on"):
                out.append(f"an event handler attribute {a!r} in the SVG")
            if a == "href" and not value.startswith(("#", "data:image/png")):
                out.append(f"a link {value[:40]!r} in the SVG")
    return out


def _children(w):
    yield w
    for c in getattr(w, "children", ()) or ():
        yield from _children(c)


# --------------------------------------------------------------------------------------
# The stages
# --------------------------------------------------------------------------------------

def load(inp: Input):
    """Return the case, or None when it is refused. Raises StageFailure."""
    from vcc_helpers.casefile import CaseFileError, case_from_data, check_case, loads_case, loads_data
    case = None
    with stage("load", inp):
        if inp.kind == "data":
            try:
                case = case_from_data(inp.value)
            except CaseFileError as exc:
                _problems_ok(exc, inp)
            return case
        text = inp.value
        checked, errors, _notes = check_case(text if text.strip() else text + "\n",
                                             filename=f"fuzz.{inp.fmt}", fmt=inp.fmt)
        try:
            case = loads_case(text, f"fuzz.{inp.fmt}", fmt=inp.fmt)
        except CaseFileError as exc:
            _problems_ok(exc, inp)
            if not errors:
                fail("load", "loads_case refused what check_case accepted", inp)
        else:
            if errors:
                fail("load", f"check_case refused what loads_case accepted: {errors[0]}", inp)
        try:
            loads_data(text, f"fuzz.{inp.fmt}", fmt=inp.fmt)
        except CaseFileError:
            pass
    return case


def _problems_ok(exc, inp: Input) -> None:
    if not getattr(exc, "problems", None):
        fail("load", "CaseFileError with no problems", inp)
    for p in exc.problems:
        if "\n" in str(p) or len(str(p)) > 2000:
            fail("load", f"a problem is not one short line: {str(p)[:200]!r}", inp)
        if p.code == "unworded":  # the checker refused what the schema's walker accepts
            fail("load", f"a structural problem the schema does not word: {str(p)[:200]!r}", inp)


def describe(case, inp: Input) -> None:
    from vcc_helpers import describe as d
    with stage("describe", inp):
        alts, texts = [], []
        for lens in d.LENSES:
            alts.append(d.alt_text(case, lens))
            texts.append(d.long_description(case, lens))
            for view in d.VIEWS:
                alts.append(d.alt_text(case, lens, view=view))
        for ep in case.episodes[:2]:
            alts.append(d.alt_text(case, "assemblage", episode=ep.id))
            texts.append(d.long_description(case, "assemblage", episode=ep.id))
        texts.append(d.describe_case(case, "both"))
        budget = 20 * inp.size() + 200_000
        for t in alts + texts:
            if not isinstance(t, str):
                fail("describe", f"a description is not text: {type(t).__name__}", inp)
            if len(t) > budget:
                fail("describe", f"a description of {len(t)} characters from an input of {inp.size()}", inp)
        for t in alts:
            if len(t) > 250:
                fail("describe", f"alt text of {len(t)} characters: {t[:80]!r}", inp)


def draw(case, inp: Input) -> None:
    from vcc_helpers import figures
    episodes = [None] + [e.id for e in case.episodes[:1]]
    jobs = [("service", None)] + [("assemblage", e) for e in episodes] + [("episodes", None)]
    for lens, ep in jobs:
        with stage("draw", inp):
            drawn = figures.draw(case, lens, episode=ep) if ep else figures.draw(case, lens)
            problems = svg_problems(drawn.svg())
            problems += html_problems(drawn._repr_html_())
        if problems:
            fail("draw", f"{lens} (episode {ep}): {problems[0]}", inp)
        if len(drawn.alt) > 250:
            fail("draw", f"{lens}: alt text of {len(drawn.alt)} characters", inp)


def export(case, inp: Input) -> None:
    import networkx as nx

    from vcc_helpers import graph
    from vcc_helpers.casefile import CaseFileError, dumps_case, loads_case
    from vcc_helpers.lenses.reinterpret import could_not_hold
    with stage("export", inp):
        footer = could_not_hold(case)
        for fmt in ("yaml", "json"):
            text = dumps_case(case, fmt, footer=footer)
            try:
                back = loads_case(text, f"export.{fmt}", fmt=fmt)
            except CaseFileError as exc:
                fail("export", f"{fmt} export does not read back: {str(exc)[:300]}", inp)
            if back != case:
                fail("export", f"{fmt} export reads back as a different case", inp)
        for name, text, reader in (("graphml", graph.graphml_text(case, footer), nx.read_graphml),
                                   ("gexf", graph.gexf_text(case, footer), nx.read_gexf)):
            try:
                g = reader(io.BytesIO(text.encode("utf-8")))
            except Exception as exc:  # noqa: BLE001 - whatever networkx raises is a failure
                fail("export", f"{name} does not read back: {type(exc).__name__}: {str(exc)[:200]}", inp)
            missing = {c.id for c in case.components} - set(map(str, g.nodes))
            if missing:
                fail("export", f"{name} lost components {sorted(missing)[:3]}", inp)


def widgets(case, inp: Input) -> None:
    from ipywidgets import HTML
    from ipywidgets.embed import dependency_state

    from vcc_helpers.sphinxext import json_for_script
    from vcc_helpers.widgets import EpisodeStepper, LensExplorer
    from ipywidgets.widgets import widget as _widget
    for cls in (LensExplorer, EpisodeStepper):
        made = None
        before = set(_widget._instances)
        try:
            with stage("widgets", inp):
                made = cls(case)
                problems = []
                for w in _children(made):
                    if isinstance(w, HTML):
                        problems += html_problems(w.value)
                    for attr in ("description", "tooltip"):
                        v = getattr(w, attr, None)
                        if isinstance(v, str) and "<" in v and MARK_TAG in v:
                            problems.append(f"a label in {attr} of {type(w).__name__}")
                if problems:
                    fail("widgets", f"{cls.__name__}: {problems[0]}", inp)
                state = {"version_major": 2, "version_minor": 0, "state": dependency_state([made])}
                embedded = json_for_script(state)
                if "<" in embedded or "</" in embedded:
                    fail("widgets", f"{cls.__name__}: '<' in the embedded widget state", inp)
                if json.loads(embedded) != json.loads(json.dumps(state)):
                    fail("widgets", f"{cls.__name__}: the embedded widget state means something else", inp)
        finally:  # close every widget made here (links, layouts, styles too)
            for key in set(_widget._instances) - before:
                w = _widget._instances.get(key)
                if w is not None:
                    w.close()


def _cli(argv: list[str]) -> tuple[int, str, str]:
    from vcc_helpers.cli import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = main(argv)
        except SystemExit as exc:
            rc = exc.code
    return rc, out.getvalue(), err.getvalue()


def cli(inp: Input, case, full: bool = False) -> None:
    if inp.kind == "text":
        raw = inp.value.encode("utf-8", "surrogatepass")
    else:
        try:
            raw = json.dumps(inp.value, ensure_ascii=False).encode("utf-8", "surrogatepass")
        except (ValueError, TypeError, RecursionError):
            return
    with tempfile.TemporaryDirectory(prefix="vcc-fuzz-") as tmp:
        src = Path(tmp) / f"case.{inp.fmt}"
        src.write_bytes(raw)
        runs = [["validate", str(src)], ["describe", str(src)]]
        if case is not None and (full or inp.size() % 3 == 0):  # drawing again costs; a third will do
            ep = case.episodes[0].id if case.episodes else None
            runs.append(["draw", str(src), "--lens", "assemblage", "-o", str(Path(tmp) / "a.svg")]
                        + (["--episode", ep] if ep else []))
            to = ("yaml", "json", "graphml", "gexf")[inp.size() % 4]
            runs.append(["export", str(src), "--to", to, "-o", str(Path(tmp) / f"out.{to}")])
        for argv in runs:
            with stage("cli", inp):
                rc, out, err = _cli(argv)
            said = out + err
            if rc not in (0, 1):
                fail("cli", f"{argv[0]}: exit status {rc}", inp)
            if "Traceback" in said:
                fail("cli", f"{argv[0]}: a traceback", inp)
            m = TERMINAL_CONTROL.search(said)
            if m:
                fail("cli", f"{argv[0]}: prints the terminal control {m.group()!r} raw", inp)
            if case is not None and rc != 0:
                fail("cli", f"{argv[0]} fails on a case the loader accepts: {said[:300]!r}", inp)


def warm_up() -> None:
    """Import everything once, so no stage's time includes importing matplotlib."""
    import networkx  # noqa: F401
    from ipywidgets.embed import dependency_state  # noqa: F401

    from vcc_helpers import cli, describe, figures, graph, sphinxext, widgets  # noqa: F401
    from vcc_helpers.lenses import reinterpret  # noqa: F401


def run(inp: Input, *, stages=STAGES) -> None:
    """Drive INP through every stage; raise StageFailure at the first breach."""
    warm_up()
    STATS.tried += 1
    case = load(inp)
    if case is None:
        STATS.refused += 1
    else:
        STATS.accepted += 1
        for name, fn in (("describe", describe), ("draw", draw), ("export", export), ("widgets", widgets)):
            if name in stages:
                fn(case, inp)
    if "cli" in stages:
        cli(inp, case)


def peak_memory(inp: Input) -> tuple[float, str]:
    """Run INP once more under tracemalloc (which slows it, so no time budget): (peak MiB, how far it got)."""
    global BUDGET, HANG
    saved = (STATS.tried, STATS.refused, STATS.accepted, list(STATS.slowest), BUDGET, HANG)
    BUDGET = HANG = float("inf")
    tracemalloc.start()
    try:
        run(inp)
        where = "all stages"
    except StageFailure as f:
        where = f"failed in {f.stage}: {f.problem[:100]}"
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        STATS.tried, STATS.refused, STATS.accepted, STATS.slowest, BUDGET, HANG = saved
    return peak / 2 ** 20, where
