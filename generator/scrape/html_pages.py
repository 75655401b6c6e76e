"""HTML pages: pick the parser of a page's family; read the operation indexes.

Four families are recognized by structure (:func:`~generator.scrape.html_common.family_of`):
ServiceStack operation pages and the ``/metadata`` index, Web API ``/Help/Api/{id}``
pages and the ``/Help`` index. Operation pages become
:class:`~generator.scrape.records.PageRecord` values; index pages document no types, so
:func:`parse_html_page` skips them (with an info) and :func:`read_index` lists their
operations for the crawler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from generator.diagnostics import Diagnostics
from generator.scrape.html_common import (
    Element,
    cell_text,
    element_line,
    family_of,
    parse_html,
)
from generator.scrape.records import PageRecord
from generator.scrape.servicestack_html import parse_servicestack_html
from generator.scrape.webapi_html import parse_webapi_html

__all__ = ["IndexEntry", "ServiceIndex", "parse_html_page", "read_index"]

_IDENT = re.compile(r"[^\W\d]\w*\Z")
_HELP_API = re.compile(r"/help/api/([^/?#]+)", re.IGNORECASE)
_METHOD = re.compile(r"^([A-Z]{3,10})\s+\S")
_NOT_A_PAGE_HINT = (
    "pass a ServiceStack /{format}/metadata?op=NAME page or a Web API /Help/Api/{id} page"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexEntry:
    """One operation of an index: its name, page links by format, tags.

    ServiceStack: ``links`` maps the format (``json``, ``xml``, …, lower-case) to the
    href as printed; Web API: one ``("help", href)`` link, ``name`` is the API id
    (``POST-api-v1-auth-token``) and ``title`` its ``VERB path``.
    """

    name: str
    links: tuple[tuple[str, str], ...]
    tags: tuple[str, ...] = ()
    title: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceIndex:
    """An operations index page: which family and which operations it lists."""

    kind: Literal["servicestack", "webapi"]
    title: str | None
    entries: tuple[IndexEntry, ...]


def parse_html_page(source: str, text: str, diags: Diagnostics) -> PageRecord | None:
    """Parse an HTML page into a record; index pages and unreadable pages give None."""
    root = parse_html(source, text, diags)
    if root is None:
        return None
    family = family_of(root)
    if family == "servicestack":
        return parse_servicestack_html(source, root, diags)
    if family == "webapi":
        return parse_webapi_html(source, root, diags)
    if family is not None:
        index = _index(root, family)
        diags.info(
            f"{source}:1",
            f"operations index page listing {len(index.entries) if index else 0} operation(s); "
            "it documents no types and is not read as an operation page",
        )
        return None
    diags.error(f"{source}:1", "not a ServiceStack or Web API metadata page", _NOT_A_PAGE_HINT)
    return None


def read_index(source: str, text: str, diags: Diagnostics) -> ServiceIndex | None:
    """The operations listed by an index page, or None when ``text`` is no index page."""
    root = parse_html(source, text, diags)
    if root is None:
        return None
    family = family_of(root)
    if family not in ("servicestack-index", "webapi-index"):
        return None
    return _index(root, family)


def _index(root: Element, family: str) -> ServiceIndex | None:
    title = cell_text(next(iter(root.iter("h1")), None)) or None
    if family == "servicestack-index":
        return ServiceIndex(kind="servicestack", title=title, entries=_servicestack(root))
    if family == "webapi-index":
        return ServiceIndex(kind="webapi", title=title, entries=_webapi(root))
    return None


def _servicestack(root: Element) -> tuple[IndexEntry, ...]:
    """Rows ``th`` (name, ``data-tags``) + one ``td`` link per format (reference §1.2)."""
    entries: dict[str, IndexEntry] = {}
    for tr in root.iter("tr"):
        links: list[tuple[str, str]] = []
        name = ""
        for a in tr.iter("a"):
            href = a.get("href") or ""
            ops = parse_qs(urlsplit(href).query).get("op", [])
            fmt = cell_text(a).lower()
            if not ops or not re.fullmatch(r"[a-z0-9]{2,12}", fmt):
                continue
            name = name or ops[0]
            if ops[0] == name and fmt not in dict(links):
                links.append((fmt, href))
        if not links or not _IDENT.match(name) or name in entries:
            continue
        th = next((c for c in tr if c.tag == "th"), None)
        tags = (th.get("data-tags") or "") if th is not None else ""
        entries[name] = IndexEntry(
            name=name,
            links=tuple(links),
            tags=tuple(t.strip() for t in tags.split(",") if t.strip()),
            line=element_line(tr),
        )
    return tuple(entries.values())


def _webapi(root: Element) -> tuple[IndexEntry, ...]:
    """Links to ``/Help/Api/{id}`` pages; the link text reads ``VERB path``."""
    entries: dict[str, IndexEntry] = {}
    for a in root.iter("a"):
        href = a.get("href") or ""
        m = _HELP_API.search(urlsplit(href).path)
        text = cell_text(a)
        if m is None or not _METHOD.match(text):
            continue
        api_id = unquote(m.group(1))
        if api_id not in entries:
            entries[api_id] = IndexEntry(
                name=api_id, links=(("help", href),), title=text, line=element_line(a)
            )
    return tuple(entries.values())
