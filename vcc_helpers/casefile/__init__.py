"""Read, check and write case files (the ``vcc-case/1`` format, YAML or JSON).

A case file is a public contract: instructors and readers write them by hand, so
every mistake is reported with the file, line, column and field it concerns, and
*all* the mistakes of a file are reported at once::

    mycase.yaml:14:5: relations[2].to: unknown component 'mrs-b' (did you mean 'mrs-a'?)

Fields are written as paths from the top of the file: ``relations[2]`` is the
third relation (lists count from 0), ``readings.service.roles.mrs-a`` is the
role of ``mrs-a``.  ``(file)`` is a problem of the whole file, ``(syntax)`` a
YAML or JSON syntax error, ``(top)`` the top-level mapping.  Data given as
Python objects (:func:`case_from_data`) has no lines: line and column ``0``.

Each problem is data (:class:`Problem`: ``code``, ``loc``, ``message``,
``severity``).  Errors refuse the file; warnings and hints never do.

Modules (one concept each, as in networkx's ``readwrite``):

* ``problems`` -- Problem, severities, the CaseFileError family;
* ``read`` -- text to position-carrying nodes, bounded (what the reader
  does not trust is listed there);
* ``schemawalk`` -- the structural validator compiled from the JSON Schema,
  which words every structural problem;
* ``validate`` -- the reading of a file into a case, with the checks a schema
  cannot say (ids, references, cross-field warnings, control characters);
* ``write`` -- plain data, YAML/JSON text, saving with comments kept;
* ``fs`` -- bounded reads of regular files, atomic writes;
* ``api`` -- :func:`read_case`, :func:`parse_case` and the older names.

Examples
--------
>>> text = '''
... format: vcc-case/1
... id: tiny
... title: A tiny case
... components:
...   - {id: nurse, label: Ward nurse, kinds: [person]}
...   - {id: bed, label: Hospital bed, kinds: [thing]}
... relations:
...   - {id: r1, from: nurse, to: bed, does: makes up}
... '''
>>> case = parse_case(text, "yaml", "tiny.yaml")
>>> case.relation("r1").target
'bed'
>>> try:
...     parse_case(text.replace("to: bed", "to: bedd"), "yaml", "tiny.yaml")
... except CaseFileError as err:
...     print(err)
tiny.yaml:9:31: relations[0].to: unknown component 'bedd' (did you mean 'bed'?)
"""
from .api import (
    case_from_data, check_case, check_data, check_text, load_case, loads_case, loads_data,
    parse_case, read_case,
)
from .fs import atomic_write
from .problems import SEVERITIES, CaseFileError, CaseFileKeyError, Problem
from .read import MAX_BYTES, MAX_DEPTH, format_of
from .validate import FIELDS, FREE_TEXT, ID_MAX_LENGTH, ID_PATTERN, slugify
from .write import RoundTripLoss, case_to_data, dumps_case, save_case

__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "ID_PATTERN", "ID_MAX_LENGTH", "FIELDS", "FREE_TEXT", "SEVERITIES",
    "Problem", "CaseFileError", "CaseFileKeyError", "RoundTripLoss",
    "read_case", "parse_case", "check_text",
    "load_case", "loads_case", "check_case", "loads_data", "case_from_data", "check_data",
    "case_to_data", "dumps_case", "save_case", "atomic_write", "format_of", "slugify",
]
