"""The fuzz harness: mutated case files driven through every stage (see ``stages.py``).

Runs in the default ``pytest`` (marker ``fuzz``) for about a minute with a fixed seed
(``derandomize=True``, no example database), so a run is repeatable; ``make fuzz
FUZZ_MINUTES=15`` runs the same properties for longer with fresh seeds
(``tests/fuzz/run.py``) and prints the figures.  ``FUZZ_SCALE`` multiplies the
number of examples of the default run.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from . import corpus, stages
from .known import known

pytestmark = pytest.mark.fuzz

SCALE = float(os.environ.get("FUZZ_SCALE", "1"))
# No "explain" phase: its line tracing slows every stage many times over (and the
# stages time themselves).
PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink)
QUICK = dict(derandomize=True, database=None, deadline=None, print_blob=True, phases=PHASES,
             suppress_health_check=list(HealthCheck))
SEEN_KNOWN: dict[str, int] = {}


def check(inp: corpus.Input, **kw) -> None:
    """Run INP through every stage; a failure fails the test unless it is a known one."""
    try:
        stages.run(inp, **kw)
    except stages.StageFailure as f:
        stages.STATS.record_failure(f)
        if known(f.signature()) is None:
            raise
        SEEN_KNOWN[f.signature()] = SEEN_KNOWN.get(f.signature(), 0) + 1


def n(examples: int) -> int:
    return max(1, int(examples * SCALE))


def memory_line() -> str:
    """Peak memory of the slowest input so far (run once more under tracemalloc)."""
    if not stages.STATS.slowest:
        return ""
    cpu, wall, stage, inp = stages.STATS.slowest[0]
    mib, where = stages.peak_memory(inp)
    return f"peak memory of the slowest input ({stage}, {cpu:.2f} s CPU): {mib:.1f} MiB ({where})"


@settings(max_examples=n(120), **QUICK)
@given(corpus.text_inputs())
def test_mutated_texts(inp):
    """Character-level mutations of the YAML and JSON texts: only CaseFileError, every stage holds."""
    check(inp)


@settings(max_examples=n(70), **QUICK)
@given(corpus.data_inputs())
def test_mutated_data(inp):
    """Structural mutations of the loaded data, as data and as text."""
    check(inp)


@settings(max_examples=n(12), **QUICK)
@given(corpus.hostile_valid_inputs())
def test_hostile_labels_everywhere(inp):
    """Every free-text field hostile but allowed: figures, widgets, exports and CLI hold."""
    check(inp)


@pytest.mark.parametrize("components", [150])
def test_big_cases_within_budget(components):
    """A case far larger than the teaching cases, still far under the size limit, within budget.

    Bigger ones (500, 2,000 components) run in ``make fuzz``; 2,000 components is also a
    regression test of its own (``test_hostile.py``), in a subprocess with a timeout,
    since a drawing that runs in C for minutes cannot be stopped from here.
    """
    check(corpus.Input("text", "json", corpus.big_case_text(components), f"big-{components}"))
