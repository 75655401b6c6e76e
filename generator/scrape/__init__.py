"""Pages → raw records. Dispatches each page to the parser of its family and format.

A page is a saved file: a text rendering (``.txt``) or the HTML itself (``.html``, as
saved from a browser or fetched by ``dtogen crawl``). The parsers interpret nothing:
they return :class:`~generator.scrape.records.PageRecord` values with strings exactly
as documented, and the DTO code block is parsed into type records by the parser of
its language (:mod:`generator.scrape.code`).

Whole DTO files (``/types/{lang}`` output: ``dtos.cs``, ``dtos.ts`` … or any file
starting with the ``Options:`` header, :mod:`generator.scrape.code.files`) and the
``/types/metadata`` JSON (:mod:`generator.scrape.metadata_json`) are pages too: they
document types only (``operation=None``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostics
from generator.scrape.suffixes import PAGE_SUFFIXES

if TYPE_CHECKING:
    from generator.scrape.records import PageRecord

MAX_PAGE_BYTES = 8 * 1024 * 1024


def decode_page(data: bytes, where: str, diags: Diagnostics) -> str | None:
    """Decode page bytes as UTF-8 (BOM tolerated); report binary or oversized input."""
    if len(data) > MAX_PAGE_BYTES:
        diags.error(where, f"page is {len(data)} bytes, more than the {MAX_PAGE_BYTES} allowed",
                    "this does not look like a metadata page")  # fmt: skip
        return None
    if b"\x00" in data:
        diags.error(where, "page contains NUL bytes: not a text page",
                    "save the page as text or HTML")  # fmt: skip
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        diags.error(where, f"page is not UTF-8 text (byte {exc.start})",
                    "save the page as UTF-8")  # fmt: skip
        return None


def parse_page_text(source: str, text: str, diags: Diagnostics) -> PageRecord | None:
    """Parse one page (text or HTML) into a record (code block included), or None.

    None means errors were recorded, or the page is an operations index (which documents
    no types; an info says so).
    """
    # the parsers are imported here: listing a pages folder (a no-op scrape) needs none
    from generator.scrape.code import parse_code
    from generator.scrape.code.files import dto_file_language, dto_file_page
    from generator.scrape.html_common import looks_like_html
    from generator.scrape.html_pages import parse_html_page
    from generator.scrape.metadata_json import looks_like_metadata_json, parse_metadata_json
    from generator.scrape.servicestack_text import parse_servicestack_text
    from generator.scrape.webapi_text import looks_like_webapi_text, parse_webapi_text

    before = len(diags.items)
    if looks_like_metadata_json(text, source):
        return parse_metadata_json(source, text, diags)
    language = dto_file_language(source, text)
    if language is not None:
        page = dto_file_page(source, text, language)
    elif looks_like_html(text, source):
        html_page = parse_html_page(source, text, diags)
        if html_page is None:
            return None
        page = html_page
    elif looks_like_webapi_text(text):
        page = parse_webapi_text(source, text, diags)
    else:
        page = parse_servicestack_text(source, text, diags)
    if any(d.level == "error" for d in diags.items[before:]):
        return None
    if page.code is not None:
        code_types = parse_code(page.code.language, page.code.text, page.code.line, source, diags)
        page = replace(page, types=page.types + code_types)
    return page


def page_files(folder: Path) -> list[Path]:
    """The page files of a service folder, in a stable order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
