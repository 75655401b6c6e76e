"""HTML helpers shared by the HTML page parsers: parsing, text extraction, page family.

The HTML parsers read the DOM (lxml) and produce the same
:class:`~generator.scrape.records.PageRecord` values as the text parsers; line numbers
are lines of the HTML file (``element.sourceline`` plus the offset inside the element's
text), so diagnostics say ``page.html:line``.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from lxml import etree
from lxml import html as lxml_html

from generator.diagnostics import Diagnostics

__all__ = [
    "PageFamily",
    "cell_text",
    "element_line",
    "family_of",
    "looks_like_html",
    "norm_space",
    "parse_html",
    "pre_lines",
    "text_of",
]

PageFamily = Literal["servicestack", "servicestack-index", "webapi", "webapi-index"]
Element = Any  # lxml.html.HtmlElement (lxml ships no type hints)

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b|head\b|body\b)",
    re.IGNORECASE | re.DOTALL,
)
_WEBAPI_TITLE = re.compile(r"^[A-Z]{3,10}\s+\S")
_OP_LINK = re.compile(r"metadata\?(?:[^\"'#]*&)?op=", re.IGNORECASE)
_HELP_LINK = re.compile(r"/help/api/", re.IGNORECASE)


def looks_like_html(text: str, source: str = "") -> bool:
    """True when ``text`` is an HTML document (or ``source`` names an .html file)."""
    if _HTML_START.match(text[:4096].lstrip("\ufeff")):
        return True
    return source.lower().endswith((".html", ".htm")) and text.lstrip().startswith("<")


def parse_html(source: str, text: str, diags: Diagnostics) -> Element | None:
    """Parse an HTML document into an lxml tree; report unreadable input as an error."""
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        diags.error(f"{source}:1", f"cannot read the HTML page: {exc}", "save the page again")
        return None
    return root


def text_of(el: Element | None) -> str:
    """The element's text with all descendants, entities decoded, ``\\r\\n`` normalized."""
    if el is None:
        return ""
    text: str = el.text_content()
    return text.replace("\r\n", "\n").replace("\r", "\n")


def norm_space(text: str) -> str:
    """Collapse runs of whitespace to one space and strip."""
    return " ".join(text.split())


def cell_text(el: Element | None) -> str:
    """A table cell's (or heading's) text on one line."""
    return norm_space(text_of(el))


def element_line(el: Element | None) -> int:
    """The 1-based source line of an element (1 when unknown)."""
    line = getattr(el, "sourceline", None)
    return line if isinstance(line, int) and line > 0 else 1


def pre_lines(el: Element) -> tuple[int, list[str]]:
    """A ``<pre>`` block's lines and the file line of its first line.

    The text starts on the line of the ``<pre>`` tag; a line break right after the tag
    (which browsers drop) just moves the first line down.
    """
    return element_line(el), text_of(el).split("\n")


def _has_class(el: Element, name: str) -> bool:
    return name in (el.get("class") or "").split()


def family_of(root: Element) -> PageFamily | None:
    """Which kind of metadata page this document is, from its structure (None if none)."""
    h2s = {cell_text(h) for h in root.iter("h2")}
    h1 = next(iter(root.iter("h1")), None)
    if "Request Information" in h2s and _WEBAPI_TITLE.match(cell_text(h1)):
        return "webapi"
    if any(
        _has_class(d, c) for d in root.iter("div") for c in ("operation", "example", "request")
    ) or any("routes are available" in cell_text(c) for c in root.iter("caption")):
        return "servicestack"
    hrefs = [a.get("href") or "" for a in root.iter("a")]
    if any(_OP_LINK.search(h) for h in hrefs):
        return "servicestack-index"
    if any(_HELP_LINK.search(h) for h in hrefs):
        return "webapi-index"
    if any(cell_text(p).strip() == "<back to all web services" for p in root.iter("a")):
        return "servicestack"
    return None
