"""Adding an optional field to relations is one edit of the schema plus its use (#19).

Each test copies the package to a temporary folder, makes the edit a maintainer would
make there, and runs a fresh interpreter on the copy: the validator, the writers, the
CSV import and the reference page must take the new field with nothing else changed.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "vcc_helpers"
SCHEMA = Path("vcc_helpers/schema/vcc-case-1.schema.json")
MODEL = Path("vcc_helpers/model.py")
EVIDENCE = '    evidence: str = ""\n'


def _copy(tmp: Path, schema_edit: bool, model_edit: bool) -> Path:
    shutil.copytree(PACKAGE, tmp / "vcc_helpers", ignore=shutil.ignore_patterns("__pycache__"))
    if schema_edit:  # the one edit of the schema
        path = tmp / SCHEMA
        schema = json.loads(path.read_text(encoding="utf-8"))
        schema["$defs"]["relation"]["properties"]["where"] = {
            "type": ["string", "null"], "description": "Where it happened, in the teller's words."}
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False), encoding="utf-8")
    if model_edit:  # its use: the model keeps it
        path = tmp / MODEL
        text = path.read_text(encoding="utf-8")
        assert text.count(EVIDENCE) == 1
        path.write_text(text.replace(EVIDENCE, EVIDENCE + '    where: str = ""\n'),
                        encoding="utf-8")
    return tmp


def _run(tmp: Path, code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tmp)}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=tmp, env=env,
                          capture_output=True, text=True, timeout=120)


CASE = """\
format: vcc-case/1
id: t
title: T
components:
  - {id: a, label: A, kinds: [person]}
  - {id: b, label: B, kinds: [thing]}
relations:
  - id: r1
    from: a
    to: b
    does: uses
    evidence: a visit
    where: "the first week,\\tafter discharge"
"""


@pytest.mark.unit
def test_a_new_optional_relation_field_needs_only_the_schema_and_the_model(tmp_path):
    tmp = _copy(tmp_path, schema_edit=True, model_edit=True)
    (tmp / "case.yaml").write_text(CASE, encoding="utf-8")
    (tmp / "components.csv").write_text("id,label,kinds\na,A,person\nb,B,thing\n", encoding="utf-8")
    (tmp / "relations.csv").write_text("id,from,to,does,where\nr1,a,b,uses,on Monday\n",
                                       encoding="utf-8")
    proc = _run(tmp, f"""
        import vcc_helpers
        assert vcc_helpers.__file__.startswith({str(tmp)!r}), vcc_helpers.__file__
        from vcc_helpers.casefile import check_case, dumps_case, read_case
        from vcc_helpers.csvimport import case_from_csv
        from vcc_helpers.schema_doc import schema_markdown
        case = read_case("case.yaml")
        print("read:", case.relations[0].where)
        print("written:", [l for l in dumps_case(case).splitlines() if "where" in l])
        print("csv:", case_from_csv("components.csv", "relations.csv")[0].relations[0].where)
        bad = open("case.yaml").read().replace("    where:", "    wehre:")
        print("typo:", [str(p) for p in check_case(bad, filename="case.yaml", fmt="yaml")[1]])
        bad = open("case.yaml").read().replace("\\\\t", "\\\\u0007")
        print("bell:", [p.code for p in check_case(bad, filename="case.yaml", fmt="yaml")[1]])
        print("documented:", "Where it happened, in the teller" in schema_markdown())
        from vcc_helpers.graph import case_graph
        print("graph:", [d["where"] for *_, d in case_graph(case).edges(data=True)])
    """)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.splitlines() == [
        "read: the first week,\tafter discharge",
        "written: ['    where: \"the first week,\\\\tafter discharge\"']",
        "csv: on Monday",
        "typo: [\"case.yaml:13:5: relations[0].wehre: unknown key 'wehre' (did you mean 'where'?)\"]",
        "bell: ['control-character']",
        "documented: True",
        "graph: ['the first week,\\tafter discharge']",
    ], proc.stdout


@pytest.mark.unit
def test_a_schema_field_without_its_model_field_is_named_at_import(tmp_path):
    tmp = _copy(tmp_path, schema_edit=True, model_edit=False)
    proc = _run(tmp, "import vcc_helpers.casefile")
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] == (
        "ImportError: schema/vcc-case-1.schema.json: relation.where is a free-text field with "
        "no field of that name in model.Relation")
