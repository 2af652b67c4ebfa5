"""Chapter 7's route, end to end, with the real command line in a subprocess.

A reader's case is made two ways (from the blank template, filled in with the
editing functions; and from the chapter's CSV pair), checked with ``python -m
vcc_helpers validate``, read through both lenses, drawn, exported to YAML, JSON,
GraphML and GEXF with ``python -m vcc_helpers export``, read back (the GraphML with
networkx), packed and checked as a hand-in.  Every export must end with "what this
tool could not hold".
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from vcc_helpers import edit
from vcc_helpers.casefile import load_case, save_case
from vcc_helpers.exercises import ch07
from vcc_helpers.lenses import assemblage, could_not_hold, service
from vcc_helpers.model import Affect, Component, Episode, Relation

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "vcc_helpers" / "exercises" / "data" / "ch07"
TEMPLATE = ROOT / "vcc_helpers" / "cases" / "template.yaml"
HEAD = "what this tool could not hold"


def cli(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m vcc_helpers ARGS`` in FOLDER, with the interpreter running the tests."""
    return subprocess.run([sys.executable, "-m", "vcc_helpers", *args], cwd=folder,
                          capture_output=True, text=True, encoding="utf-8", timeout=300,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                               "PYTHONIOENCODING": "utf-8"})


@pytest.fixture(scope="module")
def csv_case(tmp_path_factory) -> Path:
    """The chapter's CSV pair (and episodes) imported, with the readings block pasted on."""
    folder = tmp_path_factory.mktemp("csv-route")
    for name in ("my-components.csv", "my-relations.csv", "my-episodes.csv"):
        shutil.copy(DATA / name, folder / name)
    p = cli(folder, "import-csv", "my-components.csv", "my-relations.csv",
            "--episodes", "my-episodes.csv", "--id", "damp-flat",
            "--title", "Reporting damp in a rented flat", "-o", "imported.yaml")
    assert p.returncode == 0, p.stderr
    assert p.stdout == "wrote imported.yaml (13 components, 12 relations, 4 episodes)\n"
    assert ch07.add_readings(folder / "imported.yaml", folder / "damp-flat.yaml").written
    return folder / "damp-flat.yaml"


# -- route 1: the template -------------------------------------------------------------


def test_template_route(tmp_path):
    shutil.copy(TEMPLATE, tmp_path / "my-case.yaml")
    p = cli(tmp_path, "validate", "my-case.yaml")
    assert (p.returncode, p.stdout) == (0, "ok: my-case.yaml (3 components, 2 relations, 1 episode)\n")

    # fill it in programmatically, as a reader would in an editor
    case = load_case(tmp_path / "my-case.yaml")
    case = edit.add_component(case, Component("key-safe", "The key safe", ("thing",)))
    case = edit.add_episode(case, Episode("later", "A week later"))
    case = edit.add_relation(case, Relation("r3", "key-safe", "person-a",
                                            "lets a stranger into her hall", "later",
                                            account="person-a"))
    case = edit.set_affect(case, Affect("r3", "her front door opens to people she has not met",
                                        "unclear", "deterritorialising", "singular"))
    save_case(case, tmp_path / "filled.yaml")
    p = cli(tmp_path, "validate", "filled.yaml")
    assert (p.returncode, p.stdout) == (0, "ok: filled.yaml (4 components, 3 relations, 2 episodes)\n")

    filled = load_case(tmp_path / "filled.yaml")
    assert service.unplaced_relations(filled) == ("r3",)
    assert [a.relation for a in assemblage.nonhuman_affects(filled)] == []
    assert [(a.relation, a.tendency) for a in assemblage.affect_rows(filled)] == \
        [("r2", "territorialising"), ("r3", "deterritorialising")]


def test_a_broken_file_gets_one_line_per_problem(tmp_path):
    (tmp_path / "broken.yaml").write_text(ch07.BROKEN_CASE, encoding="utf-8")
    p = cli(tmp_path, "validate", "broken.yaml")
    assert p.returncode == 1
    lines = p.stdout.splitlines()
    assert len(lines) == 5
    assert all(line.startswith("broken.yaml:") and line.count(":") >= 4 for line in lines)
    assert ch07.ERROR_LINE in lines
    assert p.stderr.startswith("hint: broken.yaml:9:13: components[1].kinds[0]:")


# -- route 2: the spreadsheet, through both lenses and out -----------------------------


def test_csv_case_validates(csv_case):
    p = cli(csv_case.parent, "validate", csv_case.name)
    assert (p.returncode, p.stdout, p.stderr) == \
        (0, "ok: damp-flat.yaml (13 components, 12 relations, 4 episodes)\n", "")


def test_csv_case_through_the_service_lens(csv_case):
    case = load_case(csv_case)
    s = service.service_reading(case)
    assert dict(s.sphere_counts) == {"provider": 4, "joint": 2, "user": 2}
    assert s.unplaced == ("r1", "r9", "r10", "r11")
    assert [p.component for p in s.providers] == ["landlord", "surveyor"]
    assert [(d.beneficiary, d.valence) for d in s.destruction] == \
        [("tenant", "destruction"), ("son", "destruction")]
    assert [(f.form, f.relations) for f in s.coproduction] == [("co-production", ("r2",))]


def test_csv_case_through_the_assemblage_lens(csv_case):
    case = load_case(csv_case)
    a = assemblage.assemblage_reading(case)
    assert dict(a.direction_counts) == {"enhances": 4, "diminishes": 7, "unclear": 1}
    assert [r.relation for r in a.nonhuman] == ["r3", "r7", "r9", "r10"]
    assert [(f.source, f.captured) for f in a.lines_of_flight] == [("the closed repair ticket", True)]
    assert [g.label for g in a.economy] == ["Noticing the mould", "Reporting it",
                                            "The surveyor's visit", "The rest of the winter"]
    assert a.without_affect == ()


def test_csv_case_describe_and_draw(csv_case):
    folder = csv_case.parent
    p = cli(folder, "describe", csv_case.name, "--lens", "assemblage")
    assert p.returncode == 0
    assert p.stdout.startswith("Assemblage map: Reporting damp in a rented flat.")
    assert "What this tool could not hold" in p.stdout
    for lens in ("service", "assemblage"):
        p = cli(folder, "draw", csv_case.name, "--lens", lens, "-o", f"{lens}.svg")
        assert p.returncode == 0, p.stderr
        assert p.stdout.startswith(f"wrote {lens}.svg\nalt: ")
        assert (folder / f"{lens}.svg").read_bytes().startswith(b"<?xml")
    p = cli(folder, "draw", csv_case.name, "--lens", "service", "-o", "service.svg")
    assert p.returncode == 1 and "exists; use --force" in p.stderr   # nothing is clobbered


@pytest.fixture(scope="module")
def exports(csv_case) -> dict[str, Path]:
    folder = csv_case.parent
    out = {}
    for fmt in ("yaml", "json", "graphml", "gexf"):
        name = f"export.{fmt}"
        p = cli(folder, "export", csv_case.name, "--to", fmt, "-o", name)
        assert (p.returncode, p.stdout) == (0, f"wrote {name}\n"), p.stderr
        out[fmt] = folder / name
    return out


def test_yaml_export_ends_with_what_the_tool_could_not_hold(csv_case, exports):
    text = exports["yaml"].read_text(encoding="utf-8")
    lines = text.rstrip("\n").splitlines()
    start = max(i for i, ln in enumerate(lines) if not ln.startswith("#")) + 1
    footer = lines[start:]
    assert footer[0].lower().startswith("# " + HEAD)
    assert all(ln.startswith("#") for ln in footer)
    assert footer[-1].startswith("# A note on this tool.")
    assert load_case(exports["yaml"]) == load_case(csv_case)   # the footer is only comments


def test_json_export_ends_with_what_the_tool_could_not_hold(csv_case, exports):
    data = json.loads(exports["json"].read_text(encoding="utf-8"))
    assert list(data)[-1] == "x-could-not-hold"
    assert data["x-could-not-hold"].lower().startswith(HEAD)
    assert load_case(exports["json"]) == load_case(csv_case)


def test_graphml_reads_back_with_networkx(csv_case, exports):
    G = nx.read_graphml(exports["graphml"], force_multigraph=True)
    assert (G.number_of_nodes(), G.number_of_edges()) == (13, 12)
    assert G.graph["title"] == "Reporting damp in a rented flat"
    assert G.nodes["meter"]["kinds"] == "thing; money"
    assert G.nodes["lifestyle"]["expressive"] == 1.0
    edges = {k: (u, v, d) for u, v, k, d in G.edges(keys=True, data=True)}
    u, v, d = edges["r9"]
    assert (u, v, d["episode"], d["direction"]) == ("cold", "flat", "winter", "diminishes")
    assert d["capacity"] == "its bedroom wall runs with water, whatever the tenant does"
    assert edges["r5"][2]["sphere"] == "joint"
    assert "sphere" not in edges["r1"][2]                        # r1 is in no sphere
    footer = G.graph["could_not_hold"]
    assert footer.lower().startswith(HEAD)
    assert footer == could_not_hold(load_case(csv_case))


def test_graphml_file_ends_with_what_the_tool_could_not_hold(exports):
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(exports["graphml"]).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    graph = root.find("g:graph", ns)
    last = list(graph)[-1]
    assert last.tag.endswith("data") and keys[last.get("key")] == "could_not_hold"
    assert last.text.lower().startswith(HEAD)


def test_gexf_export_carries_what_the_tool_could_not_hold(csv_case, exports):
    G = nx.read_gexf(exports["gexf"])
    assert (G.number_of_nodes(), G.number_of_edges()) == (13, 12)
    text = exports["gexf"].read_text(encoding="utf-8")
    desc = next(e for e in ET.fromstring(text).iter() if e.tag.endswith("description"))
    assert HEAD in desc.text.lower()
    assert desc.text.rstrip().endswith(could_not_hold(load_case(csv_case)).rstrip())


def test_the_hand_in_is_complete(csv_case, exports, tmp_path):
    folder = csv_case.parent
    for lens in ("service", "assemblage"):
        if not (folder / f"{lens}.svg").exists():
            assert cli(folder, "draw", csv_case.name, "--lens", lens, "-o", f"{lens}.svg").returncode == 0
    ch07.write_reflection(load_case(csv_case), tmp_path / "reflection.md")
    z = tmp_path / "hand-in.zip"
    assert ch07.pack(z, csv_case, folder / "service.svg", folder / "assemblage.svg",
                     tmp_path / "reflection.md").written
    f = ch07.check_handin(z)
    assert f.correct, str(f)
