"""See a built page as a reader does: load it in headless Chromium and list what is wrong.

The browser tests (``test_pages.py``), the proofs that the checks catch real faults
(``test_checkers.py``) and ``bench/page_weight.py`` all go through :func:`visit`, so a
page is judged the same way everywhere:

- console errors and uncaught exceptions (:data:`KNOWN_CONSOLE_NOISE` lists messages we
  accept, each with its reason; it is empty: the one error Jupyter Book 1 logs on every
  page is fixed in ``_config.yml``, see :data:`CONFIG_FIXES`);
- failed requests to the site itself (network failures and HTTP >= 400);
- third-party requests: the CDN scripts (widget manager, require.js, MathJax) are answered
  from ``node_modules/`` (:mod:`cdn`); every other one is aborted and recorded;
- axe-core violations (serious and critical fail; moderate and minor are kept for the report);
- images without meaningful alt text (:func:`alt_problem`);
- widgets that do not render from their embedded state, and math that does not typeset;
- broken text: citations with no label, unparsed MyST markup, matplotlib reprs.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from collections.abc import Callable, Iterator
from urllib.parse import unquote, urlsplit

try:  # the browser tests are skipped (by conftest) when Playwright is not installed
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # pragma: no cover
    Axe = None

from . import cdn

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}
FAIL_IMPACTS = ("serious", "critical")

# Console messages accepted on every page: (regular expression, why it is harmless).
# Empty on purpose: the errors Jupyter Book 1.0.4 logs are fixable in the book's
# configuration (CONFIG_FIXES, shown beside a failure) rather than hidden here.
KNOWN_CONSOLE_NOISE: tuple[tuple[str, str], ...] = ()

_EMBED_FIX = (
    "myst-nb's default widget manager is embed-amd.js plus require.js from cdnjs, pinned by a "
    "Subresource Integrity hash that only cdnjs's own minified file matches (npm ships require.js "
    "unminified), so no local copy can stand in for it. html-manager's dist/embed.js needs no "
    "require.js: set sphinx.config.nb_ipywidgets_js to "
    "{'https://cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager@1.0.6/dist/embed.js': "
    "{crossorigin: anonymous}} in _config.yml.")

CONFIG_FIXES = {
    "Identifier 'THEBE_JS_URL' has already been declared": (
        "Sphinx 7.4 writes an inline script added after the builder starts twice "
        "(Sphinx.add_js_file stores it with filename None, StandaloneHTMLBuilder.prepare_writing "
        "adds it again as ''); sphinx-thebe's `const THEBE_JS_URL` then throws. Fixed in the book's "
        "Sphinx extension (vcc_helpers/sphinxext.py): an html-page-context handler that writes "
        "each inline script once."),
    "Got invalid theme mode: . Resetting to auto.": (
        "pydata-sphinx-theme reads html_context.default_mode, which Jupyter Book leaves empty: "
        "set sphinx.config.html_context.default_mode: auto in _config.yml."),
    "Failed to find a valid digest in the 'integrity' attribute": _EMBED_FIX,
    "define is not defined": _EMBED_FIX,
}


# --- serving a folder --------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output for failures
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve DIRECTORY on a free localhost port in a thread; yield its base URL (ends in /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def launch(playwright):
    """Debian's Chromium, headless, driven by Playwright (its own browser download cannot run here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_context(browser):
    return browser.new_context(viewport=VIEWPORT, color_scheme="light", service_workers="block",
                               reduced_motion="reduce")


# --- alt text ----------------------------------------------------------------------

_FILE_LIKE = re.compile(r"(^|[\s/\\])[\w.\-]+\.(png|jpe?g|gif|svg|webp|bmp|tiff?|pdf|ico)$", re.I)
_GENERIC = re.compile(
    r"^(png|jpe?g|gif|svg|webp|image|img|picture|pic|photo|figure|fig|graphic|graph|icon|alt|"
    r"untitled|output|plot|chart|diagram|screenshot|placeholder|none|null|undefined)[\s._\-]*\d*$", re.I)


def alt_problem(src: str, alt: str | None, role: str | None = None, aria_hidden: str | None = None) -> str | None:
    """Why an ``<img>``'s alt text would not serve a reader, or None when it does.

    Parameters
    ----------
    src, alt, role, aria_hidden : str or None
        The image's attributes (None when absent).

    Returns
    -------
    str or None
        A short reason; None for meaningful alt text, or for an image marked decorative
        (``role="presentation"``/``"none"`` or ``aria-hidden="true"``).

    Examples
    --------
    >>> alt_problem("x.png", "Sphere diagram: the provider sphere holds two of six relations")
    >>> alt_problem("x.png", None)
    'no alt attribute'
    >>> alt_problem("x.png", "")
    'empty alt on an image not marked decorative (role="presentation")'
    >>> alt_problem("x.png", "", role="presentation")
    >>> alt_problem("_images/abc.png", "_build/jupyter_execute/abc.png")
    'alt text is a file path or name'
    >>> alt_problem("a/x.png", "x.png"), alt_problem("x.png", "PNG"), alt_problem("x.png", "Figure 2")
    ('alt text is a file path or name', 'alt text is a generic word: PNG', 'alt text is a generic word: Figure 2')
    >>> alt_problem("x.png", "<Figure size 640x480 with 1 Axes>")
    'alt text is a matplotlib repr'
    """
    if (role or "").strip().lower() in ("presentation", "none") or (aria_hidden or "").lower() == "true":
        return None
    if alt is None:
        return "no alt attribute"
    text = " ".join(alt.split())
    if not text:
        return 'empty alt on an image not marked decorative (role="presentation")'
    if text.startswith(("<Figure size", "<matplotlib", "<Axes")):
        return "alt text is a matplotlib repr"
    name = PurePosixPath(unquote(urlsplit(src or "").path)).name
    if _FILE_LIKE.search(text) or (name and text in (name, src)) or ("/" in text and " " not in text):
        return "alt text is a file path or name"
    if _GENERIC.match(text):
        return f"alt text is a generic word: {text}"
    if len(text) < 3:
        return f"alt text too short: {text!r}"
    return None


_IMAGES_JS = """() => [...document.querySelectorAll('img')].map(img => ({
  src: img.getAttribute('src') || '', alt: img.getAttribute('alt'),
  role: img.getAttribute('role'), hidden: img.getAttribute('aria-hidden'),
  where: (img.closest('[id]') || {}).id || ''}))"""


# --- widgets and math --------------------------------------------------------------

_WIDGETS_JS = """() => {
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  return views.map((s, i) => {
    const area = s.previousElementSibling;
    const ok = !!area && area.classList.contains('widget-subarea');
    const w = ok ? area.querySelector('.jupyter-widgets, [class*="widget-"]') : null;
    const box = area ? area.getBoundingClientRect() : {width: 0, height: 0};
    return {index: i, rendered: ok && !!w,
            text: ok ? area.innerText.trim().slice(0, 80) : '',
            media: ok ? area.querySelectorAll('img, svg, canvas').length : 0,
            width: box.width, height: box.height};
  });
}"""

_VIEWS_RENDERED_JS = """() => {
  const views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
  const done = [...views].filter(s => s.previousElementSibling
      && s.previousElementSibling.classList.contains('widget-subarea')
      && s.previousElementSibling.querySelector('.jupyter-widgets, [class*="widget-"]'));
  return done.length === views.length;
}"""

# What a reader would see as broken text: a citation with no label, markup that was not
# parsed (a MyST role or directive printed as text), a matplotlib repr in an output.
_TEXT_JS = r"""() => {
  const out = [];
  for (const c of document.querySelectorAll('.bibtex-citation')) {
    const links = [...c.querySelectorAll('a')];
    if (!c.textContent.replace(/[\s\[\]()]/g, '') || links.some(a => !a.textContent.trim()))
      out.push('a citation with no visible label: ' + JSON.stringify(c.textContent.trim())
               + (links[0] ? ' (to ' + links[0].getAttribute('href') + ')' : ''));
  }
  const main = document.querySelector('article, main, [role=main]') || document.body;
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {acceptNode: n =>
      n.parentElement.closest('pre, code, script, style, .highlight, .cell_input, .output, .cell_output')
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const leak = /\{(cite|term|ref|numref|doc|eq|glue|math|download|abbr)(:[a-z]+)?\}`|^\s*(:::|```)\s*\{|\{\{\s*\w+\s*\}\}/;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const m = n.textContent.match(leak);
    if (m) out.push('unparsed markup in the text: ' + JSON.stringify(n.textContent.trim().slice(0, 80)));
  }
  for (const p of document.querySelectorAll('.cell_output pre, .output pre')) {
    const m = p.textContent.match(/<(Figure size [^>]*|matplotlib\.[\w.]+ object at [^>]*|Axes[^>]*)>/);
    if (m) out.push('a matplotlib repr in an output: ' + m[0]);
  }
  return out;
}"""


_MATH_JS = """() => ({
  math: document.querySelectorAll('.math').length,
  typeset: document.querySelectorAll('mjx-container').length,
  errors: [...document.querySelectorAll('mjx-merror')].map(e => e.getAttribute('data-mjx-error') || e.textContent)})"""


# --- one visit ---------------------------------------------------------------------

@dataclass
class PageReport:
    """Everything wrong with one page, as a reader's browser sees it."""

    page: str
    url: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)       # aborted, not served locally
    served_locally: list[str] = field(default_factory=list)    # CDN URLs answered from node_modules
    axe: list[dict] = field(default_factory=list)              # serious and critical
    axe_other: list[dict] = field(default_factory=list)        # moderate and minor (reported only)
    bad_alt: list[str] = field(default_factory=list)
    images: int = 0
    widget_views: list[dict] = field(default_factory=list)
    widget_problems: list[str] = field(default_factory=list)
    math_problems: list[str] = field(default_factory=list)
    bytes_same_origin: int = 0
    bytes_cdn: int = 0
    screenshot: str | None = None
    interaction_problems: list[str] = field(default_factory=list)
    text_problems: list[str] = field(default_factory=list)


def _noise(text: str) -> bool:
    return any(re.search(pattern, text) for pattern, _why in KNOWN_CONSOLE_NOISE)


def visit(context, base_url: str, page_path: str, *, screenshot: Path | None = None,
          run_axe: bool = True, site_dir: Path | None = None,
          node_modules: Path = cdn.NODE_MODULES, widget_timeout_ms: int = 20_000,
          interact: Callable[[object], list[str]] | None = None) -> PageReport:
    """Load BASE_URL + PAGE_PATH in a new tab of CONTEXT and report what a reader would meet.

    Parameters
    ----------
    context : playwright BrowserContext
    base_url : str
        The served site, ending in ``/``.
    page_path : str
        The page relative to the site (``chapters/how-to-use.html``).
    screenshot : Path, optional
        Where to save a full-page PNG.
    run_axe : bool
        Run axe-core (the slowest check).
    site_dir : Path, optional
        The served folder; when given, same-origin bytes are counted from its files.
    interact : callable, optional
        Called with the Playwright page once the checks are done (after the screenshot);
        returns a list of problems, kept in ``interaction_problems``.
    """
    report = PageReport(page=page_path, url=base_url + page_path)
    aborted: set[str] = set()
    # axe-core fetches stylesheets itself (its CSSOM preload) and resolves their @import
    # against the document, not the sheet: a 404 for /basic.css that no reader meets.
    # Requests made while axe runs are therefore not the page's.
    axe_running = False
    page = context.new_page()

    def on_route(route):
        url = route.request.url
        if url.startswith(base_url) or url.startswith(("data:", "blob:")):
            return route.continue_()
        found = cdn.lookup(url, node_modules)
        if found.file is not None:
            report.served_locally.append(url)
            report.bytes_cdn += found.file.stat().st_size
            return route.fulfill(path=str(found.file), status=200,
                                 headers={"Content-Type": cdn.content_type(found.file),
                                          "Access-Control-Allow-Origin": "*"})
        aborted.add(url)
        if found.problem:  # a CDN file we mean to serve but cannot: the page would break
            report.failed_requests.append(f"{url}: {found.problem}")
        else:
            report.third_party.append(url)
        return route.abort("blockedbyclient")

    def on_console(msg):
        if msg.type != "error":
            return
        text = msg.text
        where = (msg.location or {}).get("url", "")
        if text.startswith("Failed to load resource") and (where in aborted or axe_running):
            return  # the aborted third-party request is already recorded
        if not _noise(text):
            report.console_errors.append(f"{text} (at {where or 'inline'})")

    http_errors: set[str] = set()

    def on_request_failed(request):
        # a 404 also fails the request (net::ERR_ABORTED): report it once, as HTTP 404
        if request.url.startswith(base_url) and not axe_running and request.url not in http_errors:
            report.failed_requests.append(f"{request.url}: {request.failure}")

    def on_response(response):
        if response.url.startswith(base_url) and not axe_running:
            if response.status >= 400:
                http_errors.add(response.url)
                report.failed_requests.append(f"{response.url}: HTTP {response.status}")
            elif site_dir is not None:
                rel = unquote(urlsplit(response.url).path).lstrip("/") or "index.html"
                f = site_dir / rel
                if f.is_dir():
                    f = f / "index.html"
                if f.is_file():
                    report.bytes_same_origin += f.stat().st_size

    page.on("console", on_console)
    page.on("pageerror", lambda exc: report.console_errors.append(
        f"uncaught: {getattr(exc, 'name', '') or 'Error'}: {getattr(exc, 'message', exc)}"))
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    page.route("**/*", on_route)
    try:
        page.goto(report.url, wait_until="load")
        _check_widgets(page, report, widget_timeout_ms)
        _check_math(page, report)
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=5_000)
        report.text_problems = page.evaluate(_TEXT_JS)
        images = page.evaluate(_IMAGES_JS)
        report.images = len(images)
        for img in images:
            why = alt_problem(img["src"], img["alt"], img["role"], img["hidden"])
            if why:
                report.bad_alt.append(f"{img['src'][:80]} (in #{img['where']}): {why}")
        if run_axe:
            axe_running = True
            _check_axe(page, report)
            axe_running = False
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=True)
            report.screenshot = str(screenshot)
        if interact is not None:
            report.interaction_problems = list(interact(page))
    finally:
        page.close()
    # a request aborted before its URL was known as aborted can still have logged late
    report.console_errors = [e for e in report.console_errors
                             if not (e.startswith("Failed to load resource")
                                     and any(e.endswith(f"(at {u})") for u in aborted))]
    return report


_WIDGET_REPR = re.compile(
    r"^\s*(VBox|HBox|GridBox|Box|Tab|Stack|Accordion|ToggleButtons?|Dropdown|Select\w*|\w*Slider|"
    r"Button|Checkbox|Text|Textarea|HTML|HTMLMath|Image|Output|Label|LensExplorer|EpisodeStepper|"
    r"CaseBuilder)\((children|value|options|description|layout|index|outputs)=", re.M)


def _check_widgets(page, report: PageReport, timeout_ms: int) -> None:
    # a widget whose state was not saved is printed as its Python repr
    for text in page.locator(".cell_output pre, .output pre").all_inner_texts():
        m = _WIDGET_REPR.search(text) or ("Run this cell again to reopen the case builder"
                                           in text)   # CaseBuilder's text/plain
        if m:
            report.widget_problems.append(f"a widget is shown as text ({text.strip()[:60]!r}): "
                                          "its state was not saved in the notebook")
    has_state = page.locator('script[type="application/vnd.jupyter.widget-state+json"]').count()
    views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
    if not views:
        return
    if not has_state:
        report.widget_problems.append(f"{views} widget view(s) but no embedded widget state: "
                                      "save the widget state when executing the notebook")
    try:
        page.wait_for_function(_VIEWS_RENDERED_JS, timeout=timeout_ms)
    except Exception:
        pass
    report.widget_views = page.evaluate(_WIDGETS_JS)
    for v in report.widget_views:
        if not v["rendered"]:
            report.widget_problems.append(f"widget view {v['index']} did not render")
        elif not v["text"] and not v["media"]:
            report.widget_problems.append(f"widget view {v['index']} rendered empty")


def _check_math(page, report: PageReport) -> None:
    if not page.locator(".math").count():
        return
    with contextlib.suppress(Exception):
        page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
            " && MathJax.startup.promise.then(() => true)", timeout=15_000)
    found = page.evaluate(_MATH_JS)
    if found["typeset"] == 0:
        report.math_problems.append(f"{found['math']} math element(s) but MathJax typeset none")
    report.math_problems += [f"MathJax error: {e}" for e in found["errors"]]


def _check_axe(page, report: PageReport) -> None:
    results = Axe().run(page).response
    for v in results["violations"]:
        entry = {"id": v["id"], "impact": v["impact"], "help": v["help"],
                 "targets": [" ".join(map(str, n["target"])) for n in v["nodes"]][:8],
                 "nodes": len(v["nodes"])}
        (report.axe if v["impact"] in FAIL_IMPACTS else report.axe_other).append(entry)


def dark_contrast(context, base_url: str, page_path: str) -> list[dict]:
    """axe-core's contrast rules on a page shown in dark mode (CONTEXT prefers dark).

    The book follows the reader's colour scheme (``html_context.default_mode: auto``), so
    a reader with a dark system theme gets the dark palette; only the colour rules can
    change with it, so only they run again (serious and critical results are returned).
    """
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
               else route.abort("blockedbyclient"))
    try:
        page.goto(base_url + page_path, wait_until="load")
        results = Axe().run(page, options={"runOnly": {"type": "rule", "values": [
            "color-contrast", "link-in-text-block"]}, "resultTypes": ["violations"]}).response
    finally:
        page.close()
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": len(v["nodes"]),
             "targets": [" ".join(map(str, n["target"])) for n in v["nodes"]][:8]}
            for v in results["violations"] if v["impact"] in FAIL_IMPACTS]


# Known causes of axe-core findings in Jupyter Book's HTML: (rule id, target substring) -> fix
AXE_HINTS = {
    ("aria-required-children", "citation-list"): (
        "docutils writes the bibliography as role=list holding role=doc-biblioentry, a role "
        "WAI-ARIA deprecated; an html-page-context handler in the book's Sphinx extension "
        "(vcc_helpers/sphinxext.py) rewrites it to role=listitem. (`:list: bullet` on the bibliography is no fix: it "
        "empties the author-year citation labels.)"),
}


def describe_axe(entries: list[dict]) -> str:
    lines = []
    for e in entries:
        lines.append(f"  {e['impact']}: {e['id']} ({e['help']}), {e['nodes']} node(s): "
                     + "; ".join(e["targets"]))
        lines += [f"    fix: {why}" for (rule, where), why in AXE_HINTS.items()
                  if rule == e["id"] and any(where in t for t in e["targets"])]
    return "\n".join(lines)
