"""Example data of the exercise modules, as package files read through one loader.

The small cases the chapters build on (chapter 4's two homes, ...) are ``vcc-case/1``
files beside this module, read with :mod:`importlib.resources` (so they work from a
source tree, a wheel and in the browser) and validated like any case file. Other
example files (chapter 7's spreadsheets, its broken case and its readings block) sit in
a folder per chapter and are read as text with :func:`text`. Nothing is read at import.

Examples
--------
>>> from vcc_helpers.exercises import data
>>> data.load("mrs-b-morning").title
"A weekday morning in Mrs B's home"
>>> sorted(data.names())
['mr-c-evening', 'mrs-b-morning']
>>> data.text("ch07/my-episodes.csv").splitlines()[0]
'id,label,description'
"""
from __future__ import annotations

from functools import cache
from importlib import resources

from vcc_helpers.model import Case

__all__ = ["names", "load", "text"]


def names() -> tuple[str, ...]:
    """The names of the example cases (file stems)."""
    return tuple(sorted(e.name[:-5] for e in resources.files(__name__).iterdir()
                        if e.name.endswith(".yaml")))


@cache
def load(name: str) -> Case:
    """Load and validate the example case *name*; the same object on later calls.

    Raises
    ------
    KeyError
        If there is no example case called *name*.
    """
    if name not in names():
        raise KeyError(f"no example case called {name!r}; there are: {', '.join(names())}")
    from vcc_helpers.casefile import loads_case

    entry = resources.files(__name__) / f"{name}.yaml"
    return loads_case(entry.read_text(encoding="utf-8"),
                      filename=f"vcc_helpers/exercises/data/{name}.yaml")


@cache
def text(path: str) -> str:
    """The text of the example file *path* (``"ch07/broken.yaml"``), relative to this folder.

    Raises
    ------
    FileNotFoundError
        If there is no such example file.
    """
    entry = resources.files(__name__).joinpath(*path.split("/"))
    if not entry.is_file():
        raise FileNotFoundError(f"no example file vcc_helpers/exercises/data/{path}")
    return entry.read_text(encoding="utf-8")
