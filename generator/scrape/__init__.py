"""Pages → raw records. Dispatches each page to the parser of its family and format.

A page is a saved file (text rendering today; HTML arrives with the crawler). The
parsers interpret nothing: they return :class:`~generator.scrape.records.PageRecord`
values with strings exactly as documented, and the DTO code block is parsed into
type records by the parser of its language (:mod:`generator.scrape.code`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import PageRecord
from generator.scrape.servicestack_text import parse_servicestack_text
from generator.scrape.webapi_text import looks_like_webapi_text, parse_webapi_text

MAX_PAGE_BYTES = 8 * 1024 * 1024
PAGE_SUFFIXES = (".txt", ".text")


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
    """Parse one page's text into a record (code block included), or None on errors."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        diags.error(source, "HTML pages are not read yet; only text renderings are",
                    "save the page as text (select all, paste into a .txt file)")  # fmt: skip
        return None
    before = len(diags.items)
    if looks_like_webapi_text(text):
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
