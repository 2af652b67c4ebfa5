"""The long fuzz run: ``make fuzz FUZZ_MINUTES=15`` (or ``python -m fuzz.run --minutes 15`` from tests/).

Runs the properties of ``test_fuzz.py`` in rounds with fresh seeds until the time is up,
keeps going after a failure (each kind of failure is shrunk by hypothesis once, then only
counted), and prints the figures at the end: inputs tried, refused (``CaseFileError``),
accepted, failures by stage with a minimal reproducer of each kind, and the slowest input
with its time and peak memory.  Exit status 1 when any failure was not a known one
(``known.py``).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for `import fuzz`

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from fuzz import corpus, stages  # noqa: E402
from fuzz.known import known  # noqa: E402
from fuzz.test_fuzz import PHASES  # noqa: E402

FAMILIES = (("texts", corpus.text_inputs, 60), ("data", corpus.data_inputs, 40),
            ("hostile labels", corpus.hostile_valid_inputs, 8))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=15)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    args = ap.parse_args(argv)
    end = time.monotonic() + 60 * args.minutes
    signatures: set[str] = set()   # kinds already shrunk: later ones are only counted
    minimal: dict[str, str] = {}
    unknown = 0
    rounds = 0
    for n in (150, 500, 2000):  # big cases once: far under the size limit, still within budget?
        try:
            stages.run(corpus.Input("text", "json", corpus.big_case_text(n), f"big-{n}"))
        except stages.StageFailure as f:
            stages.STATS.record_failure(f)
            signatures.add(f.signature())
            minimal[f.signature()] = repr(f.input)[:300]
            unknown += known(f.signature()) is None
            print(f"new failure (big {n}): {f.signature()}", flush=True)
    while time.monotonic() < end:
        for name, strategy, examples in FAMILIES:
            if time.monotonic() >= end:
                break

            @seed(args.seed + rounds)
            @settings(max_examples=examples, database=None, deadline=None, phases=PHASES,
                      suppress_health_check=list(HealthCheck), derandomize=False)
            @given(strategy())
            def prop(inp):
                try:
                    stages.run(inp)
                except stages.StageFailure as failure:
                    sig = failure.signature()
                    if sig in signatures:
                        stages.STATS.record_failure(failure)
                        return
                    raise

            try:
                prop()
            except BaseException as exc:  # noqa: BLE001 - shrunk by hypothesis: minimal inputs
                found = list(getattr(exc, "exceptions", [exc]))
                for f in found:
                    if not isinstance(f, stages.StageFailure):
                        if isinstance(f, KeyboardInterrupt):
                            raise
                        print(f"harness error in {name}: {type(f).__name__}: {f}", flush=True)
                        continue
                    sig = f.signature()
                    signatures.add(sig)
                    stages.STATS.record_failure(f)
                    minimal[sig] = repr(f.input)
                    if known(sig) is None:
                        unknown += 1
                    print(f"new failure ({name}): {sig}", flush=True)
            rounds += 1
        print(f"... {stages.STATS.tried} inputs, {len(signatures)} kinds of failure", flush=True)
    print()
    print(stages.STATS.report())
    if minimal:
        print("\nminimal reproducers (after shrinking):")
        for sig, rep in minimal.items():
            owner = known(sig)
            print(f"- {sig}\n  owner: {owner[0] + ', ' + owner[1] if owner else 'NEW'}\n  {rep[:1200]}")
    if stages.STATS.slowest:
        cpu, wall, stage, inp = stages.STATS.slowest[0]
        mib, where = stages.peak_memory(inp)
        print(f"\nslowest input: {stage}, {cpu:.2f} s CPU ({wall:.2f} s wall), "
              f"peak memory {mib:.1f} MiB ({where})")
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main())
