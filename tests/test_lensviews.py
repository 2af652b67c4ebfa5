"""Tests for vcc_helpers.lensviews, and that every place that shows lenses takes the third one:
figures.draw, describe.describe_case, the command line, the explorer and the case builder."""
from __future__ import annotations

import subprocess
import sys

import pytest

from smallcases import discharge, network
from vcc_helpers import actor_network_views as av
from vcc_helpers import describe, figures, lensviews
from vcc_helpers.cli import main
from vcc_helpers.lenses import LensError, could_not_hold

pytestmark = pytest.mark.unit


def test_draw_dispatches_by_registry():
    c = network()
    assert figures.draw(c, "actor-network").svg() == av.network_map(c).svg()
    assert figures.draw(c, "service").alt == figures.sphere_diagram(c).alt
    assert figures.draw(discharge(), "assemblage", episode="home").alt == \
        figures.assemblage_map(discharge(), episode="home").alt
    with pytest.raises(LensError, match="did you mean 'actor-network'"):
        figures.draw(c, "actor_network")


def test_descriptions_dispatch_by_registry():
    c = discharge()
    assert lensviews.alt_text(c, "service") == describe.alt_text(c, "service")
    assert lensviews.long_description(c, "assemblage", episode="home") == \
        describe.long_description(c, "assemblage", episode="home")
    assert lensviews.long_description(c, "actor-network") == av.long_description(c)


def test_describe_case_takes_one_both_or_all_lenses():
    c = network()
    both = describe.describe_case(c)
    assert "Actor-network sketch" not in both                      # 'both' is unchanged
    one = describe.describe_case(c, "actor-network")
    assert one.startswith("Actor-network sketch: A clinic, a portal and Pat.")
    assert "What the Actor-network (sketch) reading cannot hold that the Service logic reading can:" in one
    assert "What the Assemblage reading cannot hold that the Actor-network (sketch) reading can:" in one
    assert one.endswith(could_not_hold(c, limit=None))
    every = describe.describe_case(c, "all")
    a, b, n = (every.index(x) for x in ("Sphere diagram:", "Assemblage map:", "Actor-network sketch:"))
    assert a < b < n


def test_cli_choices_come_from_the_registry(capsys, tmp_path):
    from importlib.resources import files

    case = str(files("vcc_helpers") / "cases" / "template.yaml")
    out = tmp_path / "a.svg"
    assert main(["draw", case, "--lens", "actor-network", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert out.read_bytes().startswith(b"<?xml") and "alt: Actor-network sketch" in printed
    assert main(["describe", case, "--lens", "actor-network"]) == 0
    assert "small illustrative third reading" in capsys.readouterr().out
    with pytest.raises(SystemExit) as err:
        main(["describe", case, "--lens", "ecosystem"])
    assert err.value.code == 2
    assert "'actor-network'" in capsys.readouterr().err


def test_cli_help_lists_the_third_lens_in_a_fresh_process():
    done = subprocess.run([sys.executable, "-m", "vcc_helpers", "draw", "--help"],
                          capture_output=True, text=True, check=True)
    assert "actor-network" in done.stdout and "episodes" in done.stdout


def test_explorer_takes_the_third_lens():
    pytest.importorskip("ipywidgets")
    from vcc_helpers.widgets import VIEWS, LensExplorer

    c = network()
    x = LensExplorer(c, lenses=("service", "assemblage", "actor-network"))
    assert x.toggle.options == ("Service logic", "Assemblage", "Actor-network (sketch)",
                                "Side by side", "Residue")
    assert x.alts["actor-network"] == av.alt_text(c)
    assert x.side_by_side.children == (x.service_view, x.assemblage_view,
                                       x.lens_views["actor-network"])
    assert "What the Actor-network (sketch) reading cannot hold" in x.residue_view.value
    x.show("Actor-network (sketch)")
    assert x.stack.selected_index == 2
    assert LensExplorer(c).toggle.options == VIEWS                  # default unchanged
    assert LensExplorer(c, lenses="all").lenses == x.lenses
    only = LensExplorer(c, lenses=("actor-network",))
    assert only.toggle.options == ("Actor-network (sketch)", "Side by side", "Residue")
    assert not hasattr(only, "service_view")
    with pytest.raises(LensError):
        LensExplorer(c, lenses=("service", "asemblage"))


def test_builder_redraws_every_chosen_lens():
    pytest.importorskip("ipywidgets")
    from vcc_helpers.widgets import CaseBuilder

    b = CaseBuilder(network(), lenses="all")
    assert tuple(b.lens_views) == ("service", "assemblage", "actor-network")
    assert "Actor-network sketch" in b.lens_views["actor-network"].value
    b.timings.clear()
    assert b.set_affect("n5", "can ask about her tablets", "enhances")
    # the actor-network sketch reads only the neutral description: not redrawn
    assert "assemblage" in b.timings and "actor-network" not in b.timings
    assert b.add_component("pharmacy", "Pharmacy", "organisation")
    assert "actor-network" in b.timings
    assert tuple(CaseBuilder(network()).lens_views) == ("service", "assemblage")
