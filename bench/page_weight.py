"""Print the weight of every page of the book beside a bare Jupyter Book page.

A page's weight is what a reader's browser downloads to show it, measured in headless
Chromium (Playwright, Debian's chromium): the HTML plus every same-origin file it loads
(theme CSS/JS, fonts, images), and separately what it loads from CDNs (MathJax, the widget
manager), answered here from node_modules as in the browser tests. Each page loads in a
fresh browser context, so nothing comes from the cache.

The reference is a bare page: a one-page book built in a temporary folder in the same run
with the book's own _config.yml (and _static/, _ext/, _templates/, vendor/, references.bib), holding only a title
and a paragraph. The floor is 1.3x the bare page for every page, widget pages included:
their views are plain HTML (vcc_helpers.widgets.static), with no widget manager.

Lighthouse (performance and accessibility, desktop preset) runs when the ``lighthouse``
npm package is found (PATH, or _build/tools/lighthouse after ``--lighthouse``, which
installs it there with npm); it runs offline here against localhost with Debian's chromium.

    .venv/bin/python bench/page_weight.py [--no-build] [--lighthouse] [--with-build-times]

Prints figures; it is not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bookbuild import JB, build, toc_files  # noqa: E402
from browser.reader import CHROMIUM, launch, new_context, serve, visit  # noqa: E402

FLOOR = 1.3
LIGHTHOUSE_VERSION = "13.5.0"
LIGHTHOUSE_DIR = ROOT / "_build" / "tools" / "lighthouse"


def bare_book(dest: Path) -> Path:
    """A one-page book with the real book's configuration and no content; built, its HTML dir."""
    book = dest / "bare"
    book.mkdir(parents=True)
    for name in ("_config.yml", "references.bib"):
        if (ROOT / name).is_file():
            shutil.copy(ROOT / name, book / name)
    for folder in ("_static", "_ext", "_templates", "vendor"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, book / folder)
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (book / "intro.md").write_text("# A bare page\n\nOne paragraph of text, and nothing else.\n")
    proc = subprocess.run([str(JB), "build", str(book)], capture_output=True, text=True, cwd=book)
    if proc.returncode != 0 or not (book / "_build" / "html" / "intro.html").is_file():
        sys.exit("the bare book did not build:\n" + proc.stdout[-3000:] + proc.stderr[-3000:])
    return book / "_build" / "html"


def pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [f"{f.rsplit('.', 1)[0] if f.endswith(('.md', '.ipynb')) else f}.html" for f in toc_files(toc)]


def weigh(browser, site: Path, page: str) -> dict:
    with serve(site) as url:
        context = new_context(browser)
        try:
            r = visit(context, url, page, site_dir=site, run_axe=False)
        finally:
            context.close()
    html = (site / page).stat().st_size
    return {"page": page, "html": html, "assets": r.bytes_same_origin - html, "cdn": r.bytes_cdn,
            "total": r.bytes_same_origin + r.bytes_cdn, "widgets": len(r.widget_views),
            "third_party": len(r.third_party)}


def find_lighthouse() -> list[str] | None:
    local = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if local.exists():
        return [str(local)]
    found = shutil.which("lighthouse")
    return [found] if found else None


def install_lighthouse() -> list[str] | None:
    LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund",
                    "--ignore-scripts", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return find_lighthouse()


def lighthouse(cmd: list[str], site: Path, page: str, workdir: Path) -> tuple[str, str]:
    """Performance and accessibility scores (0-100) of one page, or a reason they are missing."""
    out = workdir / (page.replace("/", "__") + ".json")
    with serve(site) as url:
        proc = subprocess.run(
            [*cmd, url + page, "--preset=desktop", "--only-categories=performance,accessibility",
             "--output=json", f"--output-path={out}", "--quiet",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    if proc.returncode != 0 or not out.is_file():
        return "error", (proc.stderr or proc.stdout).strip().splitlines()[-1:][0] if (proc.stderr or proc.stdout) else "?"
    cats = json.loads(out.read_text())["categories"]
    return tuple(str(round(100 * (cats[c]["score"] or 0))) for c in ("performance", "accessibility"))


def kib(n: int) -> str:
    return f"{n / 1024:8.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-build", action="store_true", help="measure _build/html as it is")
    ap.add_argument("--lighthouse", action="store_true", help="install Lighthouse with npm if missing")
    ap.add_argument("--with-build-times", action="store_true", help="also print bench/build_time.py's figures")
    args = ap.parse_args()

    site = ROOT / "_build" / "html"
    if not args.no_build:
        start = time.perf_counter()
        proc = build(ROOT)
        if proc.returncode != 0:
            sys.exit("the book build failed:\n" + proc.stdout[-3000:] + proc.stderr[-3000:])
        print(f"book built in {time.perf_counter() - start:.1f} s")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        bare_site = bare_book(Path(tmp))
        with sync_playwright() as p:
            browser = launch(p)
            bare = weigh(browser, bare_site, "intro.html")
            rows = [weigh(browser, site, page) for page in pages()]
            browser.close()

        print(f"\nPage weight (KiB; cold load in Chromium; floor {FLOOR}x the bare page, every page)")
        print("Bytes as stored (python's http.server does not compress; a host that gzips text sends less).")
        print(f"{'page':52} {'html':>8} {'assets':>8} {'cdn':>8} {'total':>8} {'ratio':>6}  note")
        print(f"{'(bare Jupyter Book page, same config)':52} {kib(bare['html'])} {kib(bare['assets'])} "
              f"{kib(bare['cdn'])} {kib(bare['total'])} {1:6.2f}")
        over = []
        for r in rows:
            ratio = r["total"] / bare["total"]
            notes = []
            if ratio > FLOOR:
                notes.append(f"OVER {FLOOR}x")
                over.append(r["page"])
            if r["widgets"]:
                notes.append(f"loads the widget manager ({r['widgets']} widget views)")
            if r["cdn"]:
                notes.append("cdn = MathJax/widget manager")
            if r["third_party"]:
                notes.append(f"{r['third_party']} other third-party request(s)")
            print(f"{r['page']:52} {kib(r['html'])} {kib(r['assets'])} {kib(r['cdn'])} {kib(r['total'])} "
                  f"{ratio:6.2f}  {'; '.join(notes)}")
        print(f"\n{len(rows)} pages; {len(over)} over the floor" + (f": {', '.join(over)}" if over else ""))

        cmd = install_lighthouse() if args.lighthouse and not find_lighthouse() else find_lighthouse()
        if cmd is None:
            print("\nLighthouse: not run (not installed). It runs offline here against localhost with "
                  "Debian's chromium; add --lighthouse to install it into _build/tools/lighthouse with npm.")
        else:
            print("\nLighthouse (desktop preset, offline, localhost): performance / accessibility")
            print("(performance varies by about 10 points between runs on a shared 2-core machine;"
                  " Lighthouse 13 asks for node >= 22.19 and runs on Debian's node 20 here)")
            work = Path(tmp) / "lh"
            work.mkdir()
            perf, a11y = lighthouse(cmd, bare_site, "intro.html", work)
            print(f"{'(bare Jupyter Book page, same config)':52} {perf:>5} / {a11y}")
            for page in pages():
                perf, a11y = lighthouse(cmd, site, page, work)
                print(f"{page:52} {perf:>5} / {a11y}")

    if args.with_build_times:
        import build_time
        print("\nBuild times (bench/build_time.py)")
        build_time.main()


if __name__ == "__main__":
    main()
