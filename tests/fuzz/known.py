"""Failures the fuzz harness has found whose fix belongs to another module's rewrite.

Each entry: a regular expression matched against a failure's signature
(``StageFailure.signature()``: ``"stage: problem"``), the module that owns the fix,
and the strict-xfail regression test in ``tests/test_hostile.py`` that pins it.  A
failure that matches is counted and reported but does not fail the default run;
``VCC_FUZZ_STRICT=1`` makes it fail too.  Remove an entry when its regression test
starts passing (strict xfail then fails, which is the signal).
"""
from __future__ import annotations

import os
import re

KNOWN: tuple[tuple[str, str, str], ...] = ()

STRICT = os.environ.get("VCC_FUZZ_STRICT", "") not in ("", "0")


def known(signature: str) -> tuple[str, str] | None:
    """(owner, regression test) of a known failure, or None."""
    if STRICT:
        return None
    for pattern, owner, test in KNOWN:
        if re.search(pattern, signature):
            return owner, test
    return None
