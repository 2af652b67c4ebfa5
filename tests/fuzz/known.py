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

CASEFILE, FIGURES = "vcc_helpers.casefile", "vcc_helpers.figures"
KNOWN: tuple[tuple[str, str, str], ...] = (
    (r"^load: a problem is not one short line", CASEFILE,
     "test_a_problem_about_a_long_value_is_one_short_line"),
    (r"^load: UnicodeEncodeError", CASEFILE, "test_check_case_never_raises_on_a_lone_surrogate"),
    (r"^load: ValueError: Exceeds the limit", CASEFILE,
     "test_an_integer_over_4300_digits_is_a_problem_with_its_position"),
    (r"^load: ValueError: embedded null byte", CASEFILE,
     "test_check_case_never_raises_on_a_one_line_text_with_a_nul"),
    (r"^load: OverflowError", CASEFILE, "test_a_score_too_large_for_a_float_is_a_problem"),
    (r"^(draw|widgets): .*not well-formed", CASEFILE,
     "test_a_control_character_in_a_label_is_refused_with_its_position"),
    (r"^cli: \w+ fails on a case the loader accepts", CASEFILE,
     "test_a_c1_control_in_the_title_is_refused"),  # data accepts raw controls a YAML stream may not hold
    (r"^(draw|widgets|cli): (still running|took)", FIGURES, "test_2000_components_draw_in_under_2_s_each"),
)

STRICT = os.environ.get("VCC_FUZZ_STRICT", "") not in ("", "0")


def known(signature: str) -> tuple[str, str] | None:
    """(owner, regression test) of a known failure, or None."""
    if STRICT:
        return None
    for pattern, owner, test in KNOWN:
        if re.search(pattern, signature):
            return owner, test
    return None
