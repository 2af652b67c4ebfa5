#!/usr/bin/env bash
# Check every link from the book to other sites (needs the internet; not part of `make test`,
# which checks the internal links and cross-references offline: tests/test_links.py).
#
# Runs Sphinx's linkcheck builder over the book with Jupyter Book, through a copy of
# _config.yml with a few linkcheck settings added (_config.yml itself is not changed), into
# _build/linkcheck/. Notebooks are not executed again: the jupyter cache is shared.
#
# Usage:  bash scripts/check-external-links.sh [extra jupyter-book build options]
# Prints each broken link with its page and line, writes _build/linkcheck/report.txt, and
# exits 1 when a link is broken (redirects and rate limits are reported, not failed).
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
OUT=_build/linkcheck
mkdir -p "$OUT"

# the overlay config: the book's own, plus linkcheck settings, with local paths made absolute
"$BIN/python" - "$OUT/_config.yml" <<'PY'
import sys
from pathlib import Path

import yaml

root = Path.cwd()
cfg = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
sphinx = cfg.setdefault("sphinx", {})
for name, path in (sphinx.get("local_extensions") or {}).items():
    sphinx["local_extensions"][name] = str((root / path).resolve())
sphinx.setdefault("config", {}).update({
    "linkcheck_timeout": 30,
    "linkcheck_retries": 2,
    "linkcheck_workers": 4,
    "linkcheck_rate_limit_timeout": 60,
    # GitHub renders anchors with JavaScript; DOIs redirect to publishers that often refuse
    # robots (403), which is not a broken DOI.
    "linkcheck_anchors_ignore_for_url": [r"https://github\.com/.*"],
    "linkcheck_allowed_redirects": {r"https://doi\.org/.*": r".*"},
})
Path(sys.argv[1]).write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
PY

status=0
"$BIN/jupyter-book" build . --builder linkcheck --config "$OUT/_config.yml" --path-output "$OUT" "$@" \
  > "$OUT/build.log" 2>&1 || status=$?

"$BIN/python" - "$OUT" "$status" <<'PY'
import json
import sys
from collections import Counter
from pathlib import Path

out, status = Path(sys.argv[1]), int(sys.argv[2])
found = sorted(out.glob("**/output.json"))
if not found:
    print(f"linkcheck did not run (exit {status}); see {out}/build.log")
    print("\n".join((out / "build.log").read_text(errors="replace").splitlines()[-20:]))
    sys.exit(2)
rows = [json.loads(line) for line in found[0].read_text().splitlines() if line.strip()]
counts = Counter(r["status"] for r in rows)
lines = [f"{len(rows)} external links checked: "
         + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))]
for r in rows:
    if r["status"] == "broken":
        lines.append(f"BROKEN   {r['filename']}:{r['lineno']}  {r['uri']}  ({r['info'][:160]})")
for r in rows:
    if r["status"] in ("timeout", "rate-limited", "redirected"):
        lines.append(f"{r['status'].upper():8} {r['filename']}:{r['lineno']}  {r['uri']}")
broken = [r for r in rows if r["status"] == "broken"]
if broken and all("NameResolutionError" in r["info"] or "Failed to resolve" in r["info"] for r in broken):
    lines.append("every broken link failed to resolve its host name: this machine seems to be offline")
text = "\n".join(lines)
(out / "report.txt").write_text(text + "\n")
print(text)
print(f"(full results: {found[0]})")
sys.exit(1 if counts.get("broken") else 0)
PY
