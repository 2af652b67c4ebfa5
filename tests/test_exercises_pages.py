"""The chapter pages' helpers live in one place (vcc_helpers.exercises.pages); the exercise
modules keep the checks and their data, and forward the page's names there."""
from __future__ import annotations

import importlib
import inspect

import pytest

from vcc_helpers.exercises.pages.display import Listing, MarkdownText, Prose, Table

pytestmark = pytest.mark.unit

CHAPTERS = ("ch01", "ch02", "ch03", "ch04", "ch05", "ch06", "ch07")
SHOWN_TYPES = {Table, Prose, Listing, MarkdownText, "Table", "Prose", "Listing", "MarkdownText",
               "MarkdownText | Prose"}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_name_the_page_shows_is_forwarded_from_its_one_home(chapter):
    ex = importlib.import_module(f"vcc_helpers.exercises.{chapter}")
    page = importlib.import_module(f"vcc_helpers.exercises.pages.{chapter}")
    assert ex.SHOWN
    for name in ex.SHOWN:
        assert name not in vars(ex), f"{chapter}.{name} is defined twice"
        shown = getattr(ex, name)
        assert shown is getattr(page, name) or shown == getattr(page, name)  # file text: equal
        if callable(shown):
            assert shown.__module__ in (page.__name__, "vcc_helpers.exercises.pages.display")
        assert name in dir(ex)
    with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
        ex.no_such_name  # noqa: B018


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_exercise_module_builds_a_table_or_prose(chapter):
    ex = importlib.import_module(f"vcc_helpers.exercises.{chapter}")
    for name, obj in vars(ex).items():
        if inspect.isfunction(obj) and obj.__module__ == ex.__name__:
            returns = inspect.signature(obj).return_annotation
            assert returns not in SHOWN_TYPES, f"{chapter}.{name} is a page helper"


def test_the_display_classes_are_the_ones_the_checks_module_reexports():
    from vcc_helpers.exercises import _common

    assert _common.Table is Table and _common.Prose is Prose
