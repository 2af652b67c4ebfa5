"""Tests for vcc_helpers.lenses.base: the Lens interface and the registry."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import vcc_helpers.lenses as lenses_pkg
from smallcases import discharge
from vcc_helpers.lenses import reinterpret
from vcc_helpers.lenses.base import (
    Lens, LensError, LensRegistry, featured_lenses, get_lens, lens_ids, lenses, residue_of,
    residue_pairs,
)

pytestmark = pytest.mark.unit


def _lens(id="toy", **kw):
    base = dict(title="Toy", questions=("What is there?",), read=lambda case: len(case.components),
                figure="vcc_helpers.figures:sphere_diagram",
                alt_text="vcc_helpers.describe:alt_text",
                long_description="vcc_helpers.describe:long_description")
    base.update(kw)
    return Lens(id, **base)


def test_register_get_and_order_of_a_fresh_registry():
    reg = LensRegistry()
    a, b, c = _lens("zeta"), _lens("alpha"), _lens("mid")
    for x in (a, b, c):
        assert reg.register(x) is x
    assert reg.ids() == ("zeta", "alpha", "mid")          # registration order, not sorted
    assert reg.all() == (a, b, c)
    assert reg.get("alpha") is b


def test_the_shared_registry_holds_the_three_lenses_in_order():
    assert lens_ids() == ("service", "assemblage", "actor-network")
    assert [x.title for x in lenses()] == ["Service logic", "Assemblage", "Actor-network (sketch)"]
    assert [x.id for x in featured_lenses()] == ["service", "assemblage"]
    assert get_lens("service").read is lenses_pkg.service.service_reading
    assert get_lens("assemblage").questions == lenses_pkg.assemblage.QUESTIONS
    assert get_lens("assemblage").episodes and not get_lens("service").episodes


def test_unknown_name_says_did_you_mean():
    with pytest.raises(LensError, match=r"unknown lens 'servise'; did you mean 'service'\?"):
        get_lens("servise")
    with pytest.raises(LensError, match=r"did you mean 'actor-network'"):
        get_lens("actor-netwrk")
    with pytest.raises(LensError) as err:
        get_lens("ecosystem")
    assert "did you mean" not in str(err.value)
    assert "known: service, assemblage, actor-network" in str(err.value)
    assert isinstance(err.value, ValueError)               # callers catching ValueError still work


def test_duplicate_registration_is_refused():
    reg = LensRegistry()
    reg.register(_lens("toy"))
    with pytest.raises(LensError, match="'toy' is already registered"):
        reg.register(_lens("toy", title="Another toy"))
    assert reg.get("toy").title == "Toy"
    with pytest.raises(LensError, match="already registered"):
        lenses_pkg.register_lens(_lens("service"))
    assert get_lens("service").title == "Service logic"


@pytest.mark.parametrize("kw, match", [
    ({"id": "Bad Id"}, "lower-case"), ({"id": "both"}, "lower-case"),
    ({"title": ""}, "title"), ({"read": "not callable"}, "read"),
    ({"figure": "sphere_diagram"}, "figure must be an import name"),
    ({"residue": {"service": 3}}, "residue against 'service'"),
])
def test_malformed_lens_is_refused(kw, match):
    kw = dict(kw)
    lens_id = kw.pop("id", "toy")
    with pytest.raises(LensError, match=match):
        _lens(lens_id, **kw)


def test_lens_is_frozen():
    with pytest.raises(AttributeError):
        get_lens("service").title = "Other"


def test_residues_reuse_reinterpret_for_service_and_assemblage():
    case = discharge()
    res = reinterpret.residue(case)
    assert residue_of(case, "service", "assemblage") == res.service_cannot_express
    assert residue_of(case, "assemblage", "service") == res.assemblage_loses
    assert residue_pairs(("service", "assemblage")) == (("service", "assemblage"),
                                                         ("assemblage", "service"))
    assert len(residue_pairs()) == 6


def test_residue_registration_rules():
    reg = LensRegistry()
    reg.register(_lens("a", residue={"b": lambda case: ("x",)}))
    reg.register(_lens("b"))
    assert reg.residue(discharge(), "a", "b") == ("x",)
    with pytest.raises(LensError, match="no residue of 'b' against 'a'"):
        reg.residue(discharge(), "b", "a")
    with pytest.raises(LensError, match="already registered"):
        reg.register_residue("a", "b", lambda case: ())
    with pytest.raises(LensError, match="two different lenses"):
        reg.register_residue("a", "a", lambda case: ())
    with pytest.raises(LensError, match="did you mean 'a'"):
        reg.residue(discharge(), "a ", "b")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:  # relative: resolve against vcc_helpers.lenses
                mod = ("vcc_helpers" if node.level > 1 else "vcc_helpers.lenses") + (
                    "." + mod if mod else "")
            found.add(mod)
            found.update(f"{mod}.{a.name}" for a in node.names)
    return found


def test_lens_modules_never_import_upward():
    folder = Path(lenses_pkg.__file__).parent
    upper = ("vcc_helpers.figures", "vcc_helpers.describe", "vcc_helpers.widgets",
             "vcc_helpers.lensviews", "vcc_helpers.actor_network_views", "vcc_helpers.cli",
             "matplotlib", "ipywidgets")
    for path in sorted(folder.glob("*.py")):
        bad = {m for m in _imports(path) if m.startswith(upper)}
        assert not bad, f"{path.name} imports {sorted(bad)}"


def test_every_registered_name_resolves_to_an_upper_layer_function():
    from vcc_helpers import lensviews

    for lens in lenses():
        for name in (lens.figure, lens.alt_text, lens.long_description):
            assert callable(lensviews.resolve(name)), name
    with pytest.raises(LensError, match="cannot find 'vcc_helpers.figures:nothing'"):
        lensviews.resolve("vcc_helpers.figures:nothing")
