"""The student tree's solution removal (scripts/student_edition.py), on small inputs."""
from __future__ import annotations

import doctest
import sys

import nbformat
import pytest
import yaml

from bookbuild import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import student_edition as se  # noqa: E402

pytestmark = pytest.mark.unit


def _nb(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nbformat.from_dict(nb)


md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell


def test_a_gated_solution_goes_with_every_cell_between_its_markers():
    nb = _nb(md("```{exercise-start}\n:label: e1\n```\nQuestion?"), code("answer = None"),
             md("```{exercise-end}\n```"),
             md("```{solution-start} e1\n:class: dropdown\n```\nThe SECRET reasoning."),
             code("secret_code()"),
             md("More SECRET.\n```{solution-end}\n```\nAfter the solution."),
             md("Next section."))
    out, removed = se.strip_notebook(nb)
    text = "\n".join(c["source"] for c in out["cells"])
    assert "SECRET" not in text and "secret_code" not in text
    assert "Question?" in text and "answer = None" in text
    assert "After the solution." in text and "Next section." in text
    assert any("secret_code" in r for r in removed)


def test_a_solution_directive_and_a_one_cell_gated_solution():
    text = ("Before.\n\n:::{solution} e2\nHIDDEN one.\n:::\n\n"
            "```{solution-start} e3\n```\nHIDDEN two.\n```{solution-end}\n```\nAfter.\n")
    kept, removed, inside = se.split_solutions(text)
    assert "HIDDEN" not in kept and "Before." in kept and "After." in kept
    assert not inside and len(removed) == 2


def test_an_unclosed_solution_is_an_error():
    with pytest.raises(ValueError, match="solution-end"):
        se.strip_notebook(_nb(md("```{solution-start} e1\n```\nx")))


def test_the_student_config_points_at_the_student_branch():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    cfg = se.student_config(config, se.student_branch(config))
    assert cfg["repository"]["branch"] == "student"
    assert cfg["sphinx"]["config"]["vcc_hide_solutions"] is True
    assert cfg["title"].endswith("(student edition)")
    assert se.student_branch({"sphinx": {"config": {"vcc_student_branch": "for-students"}}}) \
        == "for-students"


def test_the_tree_leaves_out_tests_and_model_answers():
    files = se.book_files()
    assert "chapters/06-worked-example.ipynb" in files
    assert not [f for f in files if f.startswith(se.LEFT_OUT)]


def test_the_scripts_doctests():
    assert doctest.testmod(se).failed == 0
