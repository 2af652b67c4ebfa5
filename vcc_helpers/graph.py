"""A case as a networkx graph, and its export to GraphML and GEXF.

The graph holds the neutral description with the readings folded into
attributes, so a reader can open a case in Gephi, Cytoscape or yEd:

* one node per component (keyed by its id), with ``label``, ``kinds`` (the kinds
  joined by ``"; "``), ``description``, ``service_roles`` (joined by ``"; "``)
  and, when the assemblage reading scores them, ``material`` and ``expressive``;
* one edge per relation, from ``from`` to ``to``, keyed by the relation id, with
  ``does``, ``episode``, every optional text field of a relation (``account``,
  ``evidence``: ``vcc_helpers.casefile.FREE_TEXT``) and, when the readings say so,
  ``sphere``, ``mode``, ``practice`` (service reading) and ``capacity``,
  ``direction``, ``tendency``, ``character`` (assemblage reading; several affects
  of one relation are joined by ``"; "``);
* graph attributes ``id``, ``title`` and ``summary``.

Time (``timeline=True``; on the command line ``export --timeline``): a case's
episodes become points on a timeline, episode *k* (counting from 1, in file
order) at time *k*.  Each edge then carries ``episode_index`` (0 for a relation
with no episode), ``episode_label``, ``start`` and ``end`` (both *k*: a closed
interval, one point per episode; a relation with no episode spans the whole case,
1 to the number of episodes).  In GEXF this is a *dynamic* graph
(``mode="dynamic"``, ``timeformat="double"``) and each node also gets one spell
per episode it takes part in (the whole case when it takes part in none), so
Gephi's timeline plays the case episode by episode: give the timeline window a
width under 1 and step it along.  GraphML has no notion of time, so there the
same numbers are plain edge attributes.  A case with no episodes has no
timeline: the graph stays static.

Every attribute is a str or a float, so GraphML and GEXF can hold it.  Labels
are text: the XML writers escape them, so ``<img src=x onerror=alert(1)>`` is
stored and read back as those characters, never as markup.  XML 1.0 cannot hold
some control characters at all; the writers replace them with U+FFFD and turn
``\\r`` line ends into ``\\n`` (see :func:`xml_text`).

Examples
--------
>>> from vcc_helpers.model import Case, Component, Relation
>>> c = Case("t", "T", components=(Component("a", "A", ("person",)),
...                                Component("b", "B", ("thing", "place"))),
...          relations=(Relation("r1", "a", "b", "opens"),))
>>> G = case_graph(c)
>>> G.nodes["b"]["kinds"]
'thing; place'
>>> list(G.edges(keys=True, data="does"))
[('a', 'b', 'r1', 'opens')]
"""
from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from .casefile import FREE_TEXT, atomic_write
from .model import Case

__all__ = ["case_graph", "episode_times", "write_graphml", "write_gexf", "graphml_text",
           "gexf_text", "xml_text"]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def case_graph(case: Case, timeline: bool = False) -> nx.MultiDiGraph:
    """The case as a directed multigraph: components as nodes, relations as edges.

    Parameters
    ----------
    case : Case
    timeline : bool
        Add the episodes' times (``episode_index``, ``episode_label``, ``start``,
        ``end`` on edges; see the module docstring).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by component id, edges keyed by relation id, in file order.
        Attributes are described in the module docstring.

    Examples
    --------
    >>> from vcc_helpers.casefile import load_case
    >>> from importlib.resources import files
    >>> G = case_graph(load_case(files("vcc_helpers") / "cases" / "template.yaml"))
    >>> G.graph["id"], G.number_of_nodes(), G.number_of_edges()
    ('my-case', 3, 2)
    >>> G.edges["form", "person-a", "r2"]["tendency"]
    'territorialising'
    """
    G = nx.MultiDiGraph(id=case.id, title=case.title, summary=case.summary)
    service, assemblage = case.service, case.assemblage
    roles = service.roles if service is not None else {}
    scores = {r.component: r for r in assemblage.roles} if assemblage is not None else {}
    for c in case.components:
        attrs: dict[str, str | float] = {
            "label": c.label,
            "kinds": "; ".join(c.kinds),
            "description": c.description,
            "service_roles": "; ".join(roles.get(c.id, ())),
        }
        score = scores.get(c.id)
        if score is not None:
            if score.material is not None:
                attrs["material"] = float(score.material)
            if score.expressive is not None:
                attrs["expressive"] = float(score.expressive)
        G.add_node(c.id, **attrs)
    interactions = {i.relation: i for i in service.interactions} if service is not None else {}
    affects: dict[str, list] = {}
    if assemblage is not None:
        for a in assemblage.affects:
            affects.setdefault(a.relation, []).append(a)
    for r in case.relations:
        attrs = {"does": r.does, "episode": r.episode or ""}
        attrs.update((k, getattr(r, k) or "") for k in FREE_TEXT["relation"])
        inter = interactions.get(r.id)
        if inter is not None:
            attrs.update(sphere=inter.sphere, mode=inter.mode, practice=inter.practice)
        found = affects.get(r.id)
        if found:
            for name in ("capacity", "direction", "tendency", "character"):
                attrs[name] = "; ".join(getattr(a, name) for a in found)
        G.add_edge(r.source, r.target, key=r.id, **attrs)
    if timeline and case.episodes:
        _add_times(case, G)
    return G


def episode_times(case: Case) -> dict[str | None, tuple[float, float]]:
    """Each episode id's interval on the timeline (``None``: no episode, the whole case).

    Examples
    --------
    >>> from vcc_helpers.model import Case, Episode
    >>> episode_times(Case("t", "T", episodes=(Episode("a", "A"), Episode("b", "B"))))
    {'a': (1.0, 1.0), 'b': (2.0, 2.0), None: (1.0, 2.0)}
    """
    out: dict[str | None, tuple[float, float]] = {
        e.id: (float(k), float(k)) for k, e in enumerate(case.episodes, start=1)}
    out[None] = (1.0, float(max(len(case.episodes), 1)))
    return out


def _add_times(case: Case, G: nx.MultiDiGraph) -> None:
    times = episode_times(case)
    index = {e.id: k for k, e in enumerate(case.episodes, start=1)}
    seen: dict[str, set[str]] = {c.id: set() for c in case.components}
    for u, v, k, d in G.edges(keys=True, data=True):
        ep = case.relation(k).episode
        d["episode_index"] = index.get(ep, 0) if ep else 0
        d["episode_label"] = case.episode(ep).label if ep else ""
        d["start"], d["end"] = times[ep]
        if ep:
            seen[u].add(ep)
            seen[v].add(ep)
    G.graph["timeline"] = "; ".join(f"{k}: {e.label}" for k, e in enumerate(case.episodes, 1))
    for n, d in G.nodes(data=True):
        eps = [e.id for e in case.episodes if e.id in seen.get(n, ())]
        d["spells"] = [times[e] for e in eps] if eps else [times[None]]


def xml_text(value: str) -> str:
    """*value* as XML 1.0 can hold it: ``\\r\\n`` and ``\\r`` become ``\\n`` and characters
    XML forbids (most control characters) become U+FFFD.

    Examples
    --------
    >>> xml_text("a\\r\\nb\\x00c <d>")
    'a\\nb\\ufffdc <d>'
    """
    return _XML_ILLEGAL.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))


def _xml_safe(G: nx.MultiDiGraph, footer: str | None, spells: bool = False
              ) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    H.graph.update({k: xml_text(v) if isinstance(v, str) else v for k, v in G.graph.items()})
    if footer:
        H.graph["could_not_hold"] = xml_text(footer)
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: xml_text(v) if isinstance(v, str) else v for k, v in d.items()
                         if k != "spells" or spells})
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{a: xml_text(b) if isinstance(b, str) else b
                                   for a, b in d.items()})
    return H


def graphml_text(case: Case, footer: str | None = None, timeline: bool = False) -> str:
    """The case as GraphML text (see :func:`write_graphml`).

    Examples
    --------
    >>> from vcc_helpers.model import Case, Component
    >>> text = graphml_text(Case("t", "T", components=(Component("a", "<b>A</b>"),)))
    >>> "&lt;b&gt;A&lt;/b&gt;" in text
    True
    """
    H = _xml_safe(case_graph(case, timeline), footer)
    return "\n".join(nx.generate_graphml(H, encoding="utf-8", prettyprint=True)) + "\n"


def gexf_text(case: Case, footer: str | None = None, timeline: bool = False) -> str:
    """The case as GEXF 1.2 text (see :func:`write_gexf`).

    GEXF has no graph attributes: ``title`` becomes the graph's name, and the other
    graph attributes are kept in the ``<meta>`` description.  The date networkx
    would stamp is left out, so the same case always gives the same file.

    Examples
    --------
    >>> from vcc_helpers.model import Case, Component
    >>> text = gexf_text(Case("t", "T", components=(Component("a", "A"),)))
    >>> "lastmodifieddate" in text
    False
    """
    H = _xml_safe(case_graph(case, timeline), footer, spells=True)
    H.graph = {"name": H.graph.get("title", "")}
    for _u, _v, k, d in H.edges(keys=True, data=True):
        d["id"] = k  # GEXF edge ids are the relation ids
    G0 = case_graph(case)
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        from xml.etree.ElementTree import SubElement

        desc = f"vcc-case {G0.graph['id']}: {G0.graph['title']}"
        if G0.graph.get("summary"):
            desc += f"\n{G0.graph['summary']}"
        if timeline and case.episodes:
            desc += "\ntimeline: " + "; ".join(
                f"{k} {e.label}" for k, e in enumerate(case.episodes, start=1))
        if footer:
            desc += f"\n\n{footer}"
        SubElement(meta, "description").text = xml_text(desc)
    writer.add_graph(H)
    return str(writer) if str(writer).endswith("\n") else str(writer) + "\n"


def write_graphml(case: Case, path, overwrite: bool = False, footer: str | None = None,
                  timeline: bool = False) -> Path:
    """Write the case graph (:func:`case_graph`) as GraphML, atomically.

    Parameters
    ----------
    case : Case
    path : str or os.PathLike
    overwrite : bool
        Replace an existing file (otherwise ``FileExistsError``).
    footer : str, optional
        "What this tool could not hold", stored as the graph attribute
        ``could_not_hold``.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, os
    >>> from vcc_helpers.model import Case, Component, Relation
    >>> c = Case("t", "T", components=(Component("a", "A"),),
    ...          relations=(Relation("r1", "a", "a", "waits"),))
    >>> p = write_graphml(c, os.path.join(tempfile.mkdtemp(), "t.graphml"))
    >>> list(nx.read_graphml(p, force_multigraph=True).edges(keys=True))
    [('a', 'a', 'r1')]
    """
    return atomic_write(path, graphml_text(case, footer, timeline), overwrite=overwrite)


def write_gexf(case: Case, path, overwrite: bool = False, footer: str | None = None,
               timeline: bool = False) -> Path:
    """Write the case graph (:func:`case_graph`) as GEXF 1.2, atomically.

    Parameters
    ----------
    case : Case
    path : str or os.PathLike
    overwrite : bool
        Replace an existing file (otherwise ``FileExistsError``).
    footer : str, optional
        "What this tool could not hold", added to the file's ``<meta>`` description.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, os
    >>> from vcc_helpers.model import Case, Component
    >>> p = write_gexf(Case("t", "T", components=(Component("a", "A & B"),)),
    ...                os.path.join(tempfile.mkdtemp(), "t.gexf"))
    >>> nx.read_gexf(p).nodes["a"]["label"]
    'A & B'
    """
    return atomic_write(path, gexf_text(case, footer, timeline), overwrite=overwrite)
