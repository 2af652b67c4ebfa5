"""The exercise modules' example data: package files, read through one loader."""
from __future__ import annotations

import pytest

from bookbuild import ROOT
from vcc_helpers.exercises import ch04, data

pytestmark = pytest.mark.unit


def test_every_example_file_loads_and_validates():
    assert data.names() == ("mr-c-evening", "mrs-b-morning")
    for name in data.names():
        case = data.load(name)
        assert case.id == name
        assert data.load(name) is case  # read once


def test_an_unknown_name_says_what_there_is():
    with pytest.raises(KeyError, match="there are: mr-c-evening, mrs-b-morning"):
        data.load("mrs-b")


def test_chapter_4_reads_its_homes_from_the_data_files():
    home = ch04.small_assemblage()
    assert home is data.load("mrs-b-morning")
    assert len(home.relations) == 7 and home.component("rota").kinds == ("document", "time")
    assert ch04.other_home().component("neighbour").label == "Ms E, his neighbour"


def test_the_data_files_ship_with_the_package():
    assert '"exercises/data/*.yaml"' in (ROOT / "pyproject.toml").read_text()
    assert '"exercises/data/ch07/*.csv", "exercises/data/ch07/*.yaml"' in \
        (ROOT / "pyproject.toml").read_text()


def test_text_reads_an_example_file_once_and_names_a_missing_one():
    assert data.text("ch07/broken.yaml") is data.text("ch07/broken.yaml")
    with pytest.raises(FileNotFoundError, match="vcc_helpers/exercises/data/ch07/nope.csv"):
        data.text("ch07/nope.csv")
