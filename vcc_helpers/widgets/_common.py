"""Shared pieces of the widgets: figures as accessible HTML, escaped lists, labelled controls.

Everything a reader typed is text, never markup: every string that goes into an
HTML widget passes through :func:`esc`.  Images go into ``widgets.HTML`` as an
``<img>`` with a data URI, its alt text, a visible caption and a ``<details>``
text description (an ``ipywidgets.Image`` has no alt text, and a figure shown in
an ``Output`` widget loses it).

Examples
--------
>>> esc('<img src=x onerror=alert(1)>')
'&lt;img src=x onerror=alert(1)&gt;'
>>> print(bullet_list(["a < b", "c"]))
<ul><li>a &lt; b</li><li>c</li></ul>
>>> bullet_list([], empty="Nothing here.")
'<p><em>Nothing here.</em></p>'
"""
from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable
from urllib.parse import quote

from vcc_helpers.widgets._compat import STACK_CSS

__all__ = [
    "esc", "svg_data_uri", "img_tag", "figure_html", "bullet_list", "residue_html", "error_html",
    "message_html", "label_style", "KERNEL_NOTE", "LIVE_NOTE", "CSS", "MESSAGE_COLOURS",
]

KERNEL_NOTE = (
    "This builder needs a running Python kernel: use the launch buttons at the top of "
    "the page (Binder, Colab, JupyterHub), or open the notebook in your own Jupyter. "
    "On this static page you can read the example below, but the buttons do nothing."
)
"""What the case builder says on the static page (never in a live kernel: see :data:`CSS`)."""

LIVE_NOTE = ("Case builder (live): every change is checked, redraws both lenses, can be "
             "undone and redone, and is autosaved in your work folder.")
"""What the case builder says in a live kernel (hidden on the static page)."""

MESSAGE_COLOURS: dict[str, tuple[str, str]] = {
    "err": ("#8a0000", "#fdecea"),
    "hint": ("#4d3f00", "#fff6d6"),
    "ok": ("#00522d", "#e6f4ea"),
    "info": ("#1f1f1f", "#f1f3f4"),
}
"""Text and background colour of each kind of message.  Each message carries its own
background, so its contrast (at least 7:1) holds on light and dark themes alike."""

CSS = (
    "<style>"
    ".vcc-w figure{margin:0 0 .5em 0}"
    ".vcc-w img{max-width:100%;height:auto;background:#fff}"
    ".vcc-w figure figcaption{font-size:.95em;margin:.25em 0;color:#222;text-align:left}"
    ".vcc-w details{margin:.25em 0 .5em 0}"
    ".vcc-w ul{margin:.2em 0 .6em 1.2em;padding:0}"
    + "".join(f".vcc-w .vcc-{k}{{color:{fg};background:{bg};padding:.1em .4em;"
              f"border-left:3px solid {fg};display:inline-block}}"
              for k, (fg, bg) in MESSAGE_COLOURS.items())
    # the static-page note shows only inside the built book's article (Jupyter Book's
    # theme); the live note and the recovery offer only outside it (a live kernel)
    + ".vcc-static-only{display:none}"
    ".bd-article .vcc-static-only{display:block}"
    ".bd-article .vcc-live-only{display:none !important}"
    f"{STACK_CSS}"
    "</style>"
)


def esc(text: object) -> str:
    """*text* as HTML text: ``&``, ``<``, ``>`` and both quotes escaped.

    Examples
    --------
    >>> esc('"Mrs A" & <b>')
    '&quot;Mrs A&quot; &amp; &lt;b&gt;'
    """
    return html.escape("" if text is None else str(text), quote=True)


def label_style(width: str = "initial") -> dict:
    """The ``style`` that keeps a control's ``description`` visible in full."""
    return {"description_width": width}


_PATH_DATA = re.compile(r'\sd="([^"]*)"')
_BETWEEN_TAGS = re.compile(r">\s+<")
_URI_SAFE = " /=:;,.-_()!*'~@+?[]{}|^$`"


def svg_data_uri(svg: bytes | str) -> str:
    """An SVG as a compact ``data:`` URI: whitespace squeezed, then percent-encoded.

    Lossless for the picture: only whitespace between tags (which SVG's default
    ``xml:space`` drops anyway) and runs of whitespace inside path data are
    squeezed.  Percent-encoding keeps the text of the SVG as text and is about a
    fifth smaller than base64.

    Examples
    --------
    >>> svg_data_uri(b'<svg>\\n <path d="M 0 1 \\nL 2 3"/>\\n <text>#1 &amp; "2"</text></svg>')
    'data:image/svg+xml;charset=utf-8,%3Csvg%3E%3Cpath d=%22M 0 1 L 2 3%22/%3E%3Ctext%3E%231 %26amp; %222%22%3C/text%3E%3C/svg%3E'
    """  # noqa: E501 (a doctest's expected output is one line)
    text = svg.decode("utf-8") if isinstance(svg, (bytes, bytearray)) else str(svg)
    text = _PATH_DATA.sub(lambda m: ' d="' + " ".join(m.group(1).split()) + '"', text)
    text = _BETWEEN_TAGS.sub("><", text).strip()
    return "data:image/svg+xml;charset=utf-8," + quote(text, safe=_URI_SAFE)


def img_tag(data: bytes, alt: str, mime: str = "image/svg+xml") -> str:
    """An ``<img>`` holding *data* as a data URI, with escaped *alt* text.

    SVG goes in as :func:`svg_data_uri`, other images as base64.

    Examples
    --------
    >>> img_tag(b"<svg/>", 'a "map"')
    '<img src="data:image/svg+xml;charset=utf-8,%3Csvg/%3E" alt="a &quot;map&quot;" style="max-width:100%;height:auto">'
    >>> img_tag(b"PNG", "a map", "image/png")[:40]
    '<img src="data:image/png;base64,UE5H" al'
    """  # noqa: E501 (a doctest's expected output is one line)
    if mime == "image/svg+xml":
        src = svg_data_uri(data)
    else:
        src = f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
    return (f'<img src="{esc(src)}" alt="{esc(alt)}" '
            'style="max-width:100%;height:auto">')


def _paragraphs(text: str) -> str:
    parts = [p.strip() for p in str(text).split("\n\n") if p.strip()]
    return "".join(f'<p style="white-space:pre-line">{esc(p)}</p>' for p in parts)


def _description(drawn) -> str:
    """The long description as escaped HTML (the figure's own rendering when it has one)."""
    render = getattr(drawn, "description_html", None)
    return render() if callable(render) else _paragraphs(drawn.long_description)


def figure_html(drawn, fmt: str = "svg") -> str:
    """A drawn figure as accessible HTML: image with alt text, caption, text description.

    Parameters
    ----------
    drawn : vcc_helpers.figures.Drawn
        Anything with ``svg()`` (or ``png()``), ``alt``, ``caption`` and
        ``long_description``.
    fmt : {'svg', 'png'}
        SVG keeps text as text and is usually smaller; PNG is the fallback.

    Returns
    -------
    str
        A ``<figure>`` with an ``<img>`` (data URI, ``alt`` = ``drawn.alt``), a
        visible ``<figcaption>`` and a ``<details>`` holding the long description.
        Every string is escaped.
    """
    render = getattr(drawn, "html", None)
    if callable(render):  # a Drawn: scroll box, full-size view, table twin
        return f'<div class="vcc-w">{render(fmt)}</div>'
    if fmt == "png":
        img = img_tag(drawn.png(), drawn.alt, "image/png")
    else:
        img = img_tag(drawn.svg(), drawn.alt)
    return (f'<div class="vcc-w"><figure>{img}'
            f"<figcaption>{esc(drawn.caption)}</figcaption></figure>"
            f"<details><summary>Text description of this figure</summary>"
            f"{_description(drawn)}</details></div>")


def bullet_list(items: Iterable[str], empty: str = "None.") -> str:
    """Escaped items as an HTML list, or *empty* (in italics) when there are none."""
    items = list(items)
    if not items:
        return f"<p><em>{esc(empty)}</em></p>"
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def _residue_items(items) -> list[str]:
    return [f"{i.topic}: {i.text}" if getattr(i, "topic", "") else i.text for i in items]


def residue_html(residue) -> str:
    """The residue of a case, both ways, as two escaped lists.

    Parameters
    ----------
    residue : vcc_helpers.lenses.reinterpret.Residue
        With ``service_cannot_express`` and ``assemblage_loses`` (items with
        ``topic`` and ``text``).
    """
    return (
        '<div class="vcc-w">'
        "<p><strong>What the service map cannot express</strong></p>"
        + bullet_list(_residue_items(residue.service_cannot_express),
                      "Nothing found: every relation and reading has a place in the service map.")
        + "<p><strong>What the assemblage reading loses</strong></p>"
        + bullet_list(_residue_items(residue.assemblage_loses),
                      "Nothing found.")
        + "</div>"
    )


def message_html(text: str, kind: str = "info", live: bool = True) -> str:
    """One escaped status message (*kind*: ``'info'``, ``'ok'``, ``'err'``, ``'hint'``),
    announced politely to screen readers.

    Examples
    --------
    >>> message_html("Saved <x>", "ok")
    '<div class="vcc-w" role="status" aria-live="polite"><span class="vcc-ok">Saved &lt;x&gt;</span></div>'
    """  # noqa: E501 (a doctest's expected output is one line)
    kind = kind if kind in MESSAGE_COLOURS else "info"
    aria = ' role="status" aria-live="polite"' if live else ""
    return f'<div class="vcc-w"{aria}><span class="vcc-{kind}">{esc(text)}</span></div>'


def error_html(messages: Iterable[str], kind: str = "err") -> str:
    """Escaped messages for beside a field: dark red for errors (``kind='err'``), dark
    brown for hints, each on its own light background (:data:`MESSAGE_COLOURS`)."""
    messages = [m for m in messages if m]
    if not messages:
        return ""
    mark = "Problem" if kind == "err" else "Hint"
    body = "<br>".join(f"{mark}: {esc(m)}" for m in messages)
    return f'<div class="vcc-w"><span class="vcc-{kind}">{body}</span></div>'
