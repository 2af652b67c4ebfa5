"""The model answers live in vcc_helpers.exercises.answers; the checks work without them."""
from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap

from pathlib import Path

import pytest

from vcc_helpers.exercises import ch01, ch02, ch04, ch05, ch06, ch07
from vcc_helpers.exercises.answers import ch01 as a01, ch02 as a02, ch04 as a04, ch05 as a05
from vcc_helpers.exercises.answers import ch06 as a06, ch07 as a07

pytestmark = pytest.mark.unit


def test_the_keys_are_the_answers():
    # the digests the checks hold agree with the model answers, item by item
    assert ch01.check_abstract_claims(a01.SUPPORTED)
    assert ch02.check_spheres(a02.EXPECTED_SPHERES)
    assert ch04.check_misreadings(a04.MISREADING_ANSWER)
    assert ch04.check_lineage(a04.LINEAGE_ANSWER)
    assert ch05.check_abstract_claims(a05.ABSTRACT_ANSWER)
    assert ch05.check_residue_sides(a05.RESIDUE_ANSWER)
    assert ch07.check_fixed(a07.FIXED_CASE)
    assert ch07.check_error_parts(a07.ERROR_PARTS)
    assert ch07.check_plain_words(a07.PLAIN_ANSWER)


def test_error_parts_agree_with_the_validator():
    line = ch07.ERROR_LINE
    p = a07.ERROR_PARTS
    assert line.startswith(f"{p['file']}:{p['line']}:{p['column']}: {p['field']}: ")


def test_the_reasons_live_with_the_answers():
    assert ch01._WHY is a01.WHY and ch02._SPHERE_WHY is a02.SPHERE_WHY
    for module in (ch01, ch02, ch04, ch05):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "is supported:" not in source and "the provider sphere, where value" not in source
        assert "A fair reading" not in source and "The abstract says so in as many" not in source


def test_chapter_modules_forward_the_answers():
    assert ch07.FIXED_CASE is a07.FIXED_CASE
    assert ch04.LINEAGE_ANSWER is a04.LINEAGE_ANSWER
    assert ch06.answer_user_sphere is a06.answer_user_sphere
    with pytest.raises(AttributeError):
        ch07.NOT_A_NAME  # noqa: B018


@pytest.mark.parametrize("module", [ch01, ch02, ch04, ch05, ch06, ch07])
def test_no_model_answer_text_in_the_chapter_modules(module):
    source = Path(module.__file__).read_text(encoding="utf-8")
    # (the plain rewordings are the chapter's example case's own words, so not checked here)
    for text in (a07.FIXED_CASE.splitlines()[0], 'label: "Ms K, the tenant"',
                 '"agencement": "deleuze-guattari"', '"relation_number": 2',
                 'frozenset({"A", "B", "E", "F", "I"})'):
        assert text not in source


WITHOUT_ANSWERS = textwrap.dedent("""
    import sys
    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.startswith("vcc_helpers.exercises.answers"):
                raise ModuleNotFoundError(name)
    sys.meta_path.insert(0, Block())
    from vcc_helpers.exercises import ch01, ch04, ch06, ch07
    from vcc_helpers.lenses.examples import tiny_case
    assert ch01.check_abstract_claims({"A", "B", "E", "F", "I"})
    assert not ch01.check_abstract_claims({"A"})
    f = ch01.check_abstract_claims({"A", "B", "E", "F", "I", "G"})
    assert f.hints == ("G: read the abstract again; does it say this?",), f.hints
    from vcc_helpers.exercises import ch02, ch05
    assert ch02.check_spheres({"x1": "joint", "x2": "user", "x3": "joint", "x4": "user"}).hints \
        == ("x1: think again: who takes part, and whose sight is it in?",)
    assert ch05.check_abstract_claims({"a": False}).hints[0] == "Claim a: think again."
    assert ch04.check_misreadings({1: True, 2: False, 3: True, 4: True, 5: False, 6: True})
    assert ch06.check_user_sphere(tiny_case(), {"r6", "r7"})
    assert ch07.check_error_parts({"file": "broken.yaml", "line": 13, "column": 31,
                                   "field": "relations[1].to", "relation_number": 2})
    try:
        ch07.FIXED_CASE
    except AttributeError as err:
        assert "not part of this edition" in str(err), err
    else:
        raise SystemExit("FIXED_CASE should be missing")
    print("ok")
""")


def test_checks_work_where_the_answers_are_not_installed():
    proc = subprocess.run([sys.executable, "-c", WITHOUT_ANSWERS], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_importing_the_exercises_runs_no_validator(monkeypatch):
    import vcc_helpers.casefile as cf

    calls = []
    monkeypatch.setattr(cf, "check_case", lambda *a, **k: calls.append(a))
    importlib.reload(importlib.import_module("vcc_helpers.exercises.ch07"))
    monkeypatch.undo()
    importlib.reload(ch07)
    assert calls == []
    assert ch07.check_case is cf.check_case
