"""The sample HTTP messages of ServiceStack operation pages, shared by the text and HTML parsers.

Both renderings print the same block: a request or status line, ``Name: value`` headers, a
blank line and the body (reference §1.5). Only where the lines come from differs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.diagnostics import Diagnostics
from generator.scrape.records import Direction, SampleRecord

REQUEST_LINE = re.compile(r"^(?P<method>[A-Z]+)\s+(?P<uri>\S+)\s+HTTP/\d+(?:\.\d+)?$")
STATUS_LINE = re.compile(r"^HTTP/\d+(?:\.\d+)?\s+(?P<status>\d{3}(?:\s.*)?)$")
HEADER = re.compile(r"^(?P<name>[A-Za-z0-9-]+):(?P<value>.*)$")


def header_value(headers: Sequence[tuple[str, str]], name: str) -> str | None:
    """The first header called ``name`` (case-insensitive)."""
    return next((v for k, v in headers if k.lower() == name.lower()), None)


def media_type(headers: Sequence[tuple[str, str]], has_body: bool) -> str | None:
    """Content-Type, or Accept for body-less messages."""
    content = header_value(headers, "Content-Type")
    return content if content or has_body else header_value(headers, "Accept")


def read_block(
    lines: Sequence[str],
    raw: Sequence[str],
    at: int,
    end: int,
    direction: Direction,
    *,
    first_line: int,
    source: str,
    diags: Diagnostics,
    trim_body: bool,
) -> SampleRecord:
    """One message starting at ``lines[at]``: headers, blank line, body up to ``end``.

    ``lines`` are compared for structure, ``raw`` gives the body verbatim; line ``i`` of
    the lists is page line ``first_line + i``. ``trim_body`` drops trailing blank lines.
    """

    def where(i: int) -> str:
        return f"{source}:{first_line + i}"

    headers: list[tuple[str, str]] = []
    i = at + 1
    while i < end and lines[i].strip():
        h = HEADER.match(lines[i].rstrip())
        if h is None:
            diags.error(
                where(i),
                f"expected a header or a blank line in the {direction} sample, "
                f"found {lines[i].strip()[:60]!r}",
                "a blank line must separate the headers from the body; read the rest as body",
            )
            break
        headers.append((h.group("name"), h.group("value").strip()))
        i += 1
    body_at = i + 1 if i < end and not lines[i].strip() else i
    body_lines = list(raw[body_at:end])
    while trim_body and body_lines and not body_lines[-1].strip():
        body_lines.pop()
    body = "\n".join(body_lines) if any(s.strip() for s in body_lines) else None
    media = media_type(headers, body is not None)
    if media is None:
        diags.warning(where(at), f"{direction} sample has no Content-Type or Accept header")
    elif body is None and direction == "request" and header_value(headers, "Content-Type"):
        diags.warning(where(at), "request sample declares a Content-Type but has no body")
    start = lines[at].strip()
    req, status = REQUEST_LINE.match(start), STATUS_LINE.match(start)
    return SampleRecord(
        direction=direction,
        media_type=media or "",
        start_line=first_line + at,
        body_line=first_line + (body_at if body is not None else at),
        body=body,
        method=req.group("method") if req else None,
        path=req.group("uri") if req else None,
        status=status.group("status") if status else None,
        headers=tuple(headers),
    )
