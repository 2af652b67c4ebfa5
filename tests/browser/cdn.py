"""Serve the CDN's JavaScript from local npm packages, so the browser tests run offline.

The built pages load a few scripts from public CDNs: the ipywidgets widget manager
(myst-nb's default, ``@jupyter-widgets/html-manager`` on jsDelivr, with require.js from
cdnjs) on pages with widgets, and MathJax 3 (Sphinx's default, jsDelivr) on pages with
math. The test machine has no CDN, so the browser tests intercept those requests and
answer them from ``node_modules/`` (fetched by ``scripts/fetch-widget-manager.sh``). Every
other third-party request is aborted and recorded.

A request for a version that ``node_modules`` does not hold is *not* answered with
another version: it is reported, so the fetch script and the book cannot drift apart.
"""
from __future__ import annotations

import json
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
FETCH_SCRIPT = "scripts/fetch-widget-manager.sh"

_NAME = r"(?P<name>(?:@[^/@]+/)?[^/@]+)"
_PATTERNS = (
    # https://cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager@1.0.6/dist/embed-amd.js
    # https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js
    re.compile(r"^https://cdn\.jsdelivr\.net/npm/" + _NAME + r"(?:@(?P<version>[^/]+))?/(?P<path>[^?#]*)"),
    re.compile(r"^https://unpkg\.com/" + _NAME + r"(?:@(?P<version>[^/]+))?/(?P<path>[^?#]*)"),
)
# cdnjs names require.js differently from npm; the npm package ships require.js unminified
_REQUIREJS = re.compile(r"^https://cdnjs\.cloudflare\.com/ajax/libs/require\.js/(?P<version>[^/]+)/require(?:\.min)?\.js$")


@dataclass(frozen=True)
class Lookup:
    """Where a third-party URL is answered from.

    ``file`` is the local file to serve, or None; ``package`` is the npm package the URL
    names (None for a host this module does not mirror); ``problem`` says why a mirrored
    URL cannot be served (missing package, other version, missing file).
    """

    url: str
    package: str | None = None
    file: Path | None = None
    problem: str | None = None


def installed_version(name: str, node_modules: Path = NODE_MODULES) -> str | None:
    """The version of npm package NAME in node_modules, or None if it is not there.

    Examples
    --------
    >>> installed_version("no-such-package-anywhere") is None
    True
    """
    meta = node_modules / name / "package.json"
    if not meta.is_file():
        return None
    return json.loads(meta.read_text(encoding="utf-8")).get("version")


def version_matches(requested: str | None, installed: str) -> bool:
    """Whether a CDN version spec (exact, or a prefix such as ``3`` or ``3.2``) names INSTALLED.

    Examples
    --------
    >>> version_matches("3", "3.2.2"), version_matches("3.2", "3.2.2"), version_matches("1.0.6", "1.0.6")
    (True, True, True)
    >>> version_matches("1.0.6", "1.0.15"), version_matches("3", "4.0.0"), version_matches("1.0", "1.0.6-rc")
    (False, False, True)
    """
    if requested in (None, "", "latest"):
        return True
    want = requested.split(".")
    have = installed.split(".")
    return have[: len(want)] == want or installed == requested


def lookup(url: str, node_modules: Path = NODE_MODULES) -> Lookup:
    """Map a third-party URL to a local file of an npm package.

    Examples
    --------
    >>> lookup("https://example.org/x.js").package is None
    True
    >>> lookup("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js", Path("/nowhere")).problem
    'mathjax is not in node_modules: run bash scripts/fetch-widget-manager.sh'
    """
    m = _REQUIREJS.match(url)
    if m:
        name, version, path = "requirejs", m["version"], "require.js"
    else:
        for pattern in _PATTERNS:
            m = pattern.match(url)
            if m:
                name, version, path = m["name"], m["version"], m["path"]
                break
        else:
            return Lookup(url)
    have = installed_version(name, node_modules)
    if have is None:
        return Lookup(url, name, problem=f"{name} is not in node_modules: run bash {FETCH_SCRIPT}")
    if not version_matches(version, have):
        return Lookup(url, name, problem=(f"the page asks for {name}@{version} but node_modules has {have}: "
                                          f"pin {name}@{version} in {FETCH_SCRIPT}"))
    file = (node_modules / name / path).resolve()
    if not file.is_relative_to((node_modules / name).resolve()) or not file.is_file():
        return Lookup(url, name, problem=f"{name}@{have} has no file {path!r}")
    return Lookup(url, name, file)


def content_type(path: Path) -> str:
    """The Content-Type to serve a local file with.

    Examples
    --------
    >>> content_type(Path("embed.js")), content_type(Path("f.woff2"))
    ('text/javascript', 'font/woff2')
    """
    kind = {".js": "text/javascript", ".woff": "font/woff", ".woff2": "font/woff2",
            ".ttf": "font/ttf", ".css": "text/css", ".svg": "image/svg+xml"}.get(path.suffix)
    return kind or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def host(url: str) -> str:
    """The host of URL (``cdn.jsdelivr.net``)."""
    return urlsplit(url).hostname or ""
