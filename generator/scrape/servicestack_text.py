"""Parser for the text rendering of a ServiceStack per-operation metadata page.

The page reads, once its HTML is flattened to text: service title, ``<back to all web
services``, operation name, optional tag/description lines, the routes caption and its
rows (``{verbs}{path}{summary}`` glued), then EITHER a DTO code block closed by the footer
``<Language> <Operation> DTOs`` OR parameter tables (:mod:`generator.scrape.tables_text`),
then ``To override the Content-type …``, ``HTTP + <FORMAT>``, the samples sentence and
the request/response samples. Nothing is interpreted: see :mod:`generator.scrape.records`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.diagnostics import Diagnostics
from generator.scrape.http_blocks import REQUEST_LINE, STATUS_LINE, read_block
from generator.scrape.records import (
    CodeBlockRecord,
    Direction,
    PageRecord,
    RouteRecord,
    SampleRecord,
    TypeRecord,
)
from generator.scrape.tables_text import caption_of, parse_tables

BACK_LINK = "<back to all web services"
ROUTES_CAPTION = "The following routes are available for this service:"
CALL_INFO_PREFIX = "To override the Content-type"
SAMPLES_INTRO_PREFIX = "The following are sample HTTP requests and responses"
AUTH_CAPTION = "Requires Authentication"
LANGUAGE_LABELS: tuple[str, ...] = (
    "C#", "JavaScript", "TypeScript", "Dart", "Java", "Kotlin", "Python", "PHP", "Swift",
    "VB.NET", "F#", "Go", "Rust", "Ruby", "Zig",
)  # fmt: skip

_VERB = r"(?:GET|POST|PUT|DELETE|PATCH|OPTIONS|HEAD)"
_ROUTE = re.compile(
    rf"^(?P<verbs>All Verbs|{_VERB}(?:\s*,\s*{_VERB}|\s+{_VERB})*)\s*(?P<rest>/.*)$",
    re.IGNORECASE,
)
_PATH = re.compile(r"[A-Za-z0-9/{}_.*~%-]*")
_CAMEL_CUT = re.compile(r"(?<=[a-z0-9}])(?=[A-Z])")
_FOOTER = re.compile(r"^(?P<lang>\S+) (?P<op>[^\W\d]\w*) DTOs$")
_FORMAT = re.compile(r"^HTTP \+ (?P<fmt>\S.*)$")
_REQUEST = re.compile(r"^[A-Z]+\s+\S+\s+HTTP/\d")
_IDENT = re.compile(r"[^\W\d]\w*\Z")
_NAV = re.compile(
    r"^(?:\s*\|?\s*(?:Metadata|C#|JavaScript|TypeScript|Dart|Java|Kotlin|Python|PHP|Swift"
    r"|VB\.NET|F#|Go|Rust|Ruby|Zig))+\s*$"
)
_CODE_START = re.compile(
    r"^(?:import\b|Imports\b|using\b|namespace\b|Namespace\b|package\b|from\b|library\b|open\b"
    r"|module\b|export\b|/\*|//|#|'|@|<\?php|\"use strict\"|\(\*|Option\b|Public\b|public\b)"
)
_API_DESC = re.compile(r"\bApi\(\s*(?:(?i:description)\s*:?=\s*)?\"((?:[^\"\\]|\\.|\"\")*)\"")


@dataclass(frozen=True, slots=True)
class _Page:
    """Normalized page text: ``raw`` lines verbatim, ``st`` the same lines right-stripped."""

    source: str
    raw: list[str]
    st: list[str]

    def where(self, index: int) -> str:
        return f"{self.source}:{index + 1}"

    def find(self, pred: Callable[[str], bool], start: int = 0, end: int | None = None) -> int:
        """Index of the first structure line in [start, end) satisfying ``pred``, or -1."""
        for i in range(start, len(self.st) if end is None else end):
            if pred(self.st[i]):
                return i
        return -1

    def next_nonblank(self, start: int, end: int | None = None) -> int:
        return self.find(lambda s: bool(s.strip()), start, end)


def split_lines(text: str) -> list[str]:
    """Split on CRLF/CR/LF; a final line break does not create an extra empty line."""
    norm = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = norm.split("\n")
    if norm.endswith("\n"):
        lines.pop()
    return lines


def parse_servicestack_text(source: str, text: str, diags: Diagnostics) -> PageRecord:
    """Parse a flattened ServiceStack operation page into a :class:`PageRecord`.

    Problems are recorded in ``diags`` (``source:line``); no exception escapes on bad input.
    """
    raw = split_lines(text)
    page = _Page(source, raw, [line.rstrip() for line in raw])
    back = page.find(lambda s: s.strip() == BACK_LINK)
    routes_at = page.find(lambda s: s.strip() == ROUTES_CAPTION)
    intro = page.find(lambda s: s.startswith(SAMPLES_INTRO_PREFIX))
    if back < 0 and routes_at < 0 and intro < 0:
        diags.error(
            f"{source}:1",
            "not a ServiceStack operation page: no '<back to all web services' line, no routes "
            "caption and no sample section",
            "pass the text of a /{format}/metadata?op=NAME page (HTML flattened to text)",
        )
        return PageRecord(source=source, kind="servicestack", operation=None)
    title, op, op_at = _header(page, back, diags)
    head_end, content_start, route_rows = _routes(page, op_at, routes_at, diags)
    header_lines = _header_lines(page, op_at, head_end, diags)
    content_end = _content_end(page, content_start)
    fmt, samples = _samples(page, content_end, diags)
    request_path = next((s.path for s in samples if s.direction == "request"), None)
    routes = _split_routes(page, route_rows, request_path, diags)
    code: CodeBlockRecord | None = None
    types: tuple[TypeRecord, ...] = ()
    if content_start >= 0:
        code, types = _content(page, content_start, content_end, op, samples, diags)
    tags, description = _split_tags(header_lines, _api_descriptions(code.text if code else ""))
    return PageRecord(
        source=source,
        kind="servicestack",
        operation=op,
        service_title=title,
        tags=tuple(tags),
        description=description,
        routes=routes,
        code=code,
        types=types,
        samples=samples,
        format_label=fmt,
    )


def _header(page: _Page, back: int, diags: Diagnostics) -> tuple[str | None, str | None, int]:
    """Service title, operation name and its line index (-1 when missing)."""
    first = page.next_nonblank(0)
    if back < 0:
        diags.error(
            page.where(max(first, 0)),
            "missing the '<back to all web services' line; cannot locate the operation name",
            "the page must start with the service title, the back link and the operation name",
        )
        return None, None, -1
    title = page.st[first].strip() if first < back else None
    if title is None:
        diags.warning(page.where(back), "no service title before the back link")
    op_at = page.next_nonblank(back + 1)
    name = page.st[op_at].strip() if op_at >= 0 else ""
    if not _IDENT.match(name):
        diags.error(
            page.where(op_at if op_at >= 0 else back),
            f"missing operation name after '{BACK_LINK}' (found {name!r})",
            "the line after the back link must be the operation (request DTO) name",
        )
        return title, None, -1
    return title, name, op_at


def _routes(
    page: _Page, op_at: int, routes_at: int, diags: Diagnostics
) -> tuple[int, int, list[tuple[int, str, str]]]:
    """Return (end of the tag/description region, start of the content, route rows)."""
    if routes_at < 0:
        start = op_at + 1 if op_at >= 0 else -1
        if start < 0:
            return -1, -1, []
        diags.warning(
            page.where(op_at),
            "no routes table ('The following routes are available for this service:')",
            "the operation has no routes; its samples use /{format}/reply/{Operation}",
        )
        begin = page.find(
            lambda s: bool(caption_of(s) or _CODE_START.match(s) or _NAV.match(s)), start
        )
        return (begin, begin, []) if begin >= 0 else (start, start, [])
    rows: list[tuple[int, str, str]] = []
    i = routes_at + 1
    while i < len(page.st):
        nxt = page.next_nonblank(i)
        m = _ROUTE.match(page.st[nxt].strip()) if nxt >= 0 else None
        if m is None:
            break
        rows.append((nxt, m.group("verbs"), m.group("rest")))
        i = nxt + 1
    if not rows:
        diags.warning(page.where(routes_at), "routes caption is not followed by any route row")
    return routes_at, i, rows


def _header_lines(page: _Page, op_at: int, end: int, diags: Diagnostics) -> list[str]:
    """Non-blank lines between the operation name and ``end`` (auth table excluded)."""
    if op_at < 0 or end < 0:
        return []
    lines = [s.strip() for s in page.st[op_at + 1 : end] if s.strip()]
    if AUTH_CAPTION in lines:
        at = lines.index(AUTH_CAPTION)
        diags.info(
            page.where(page.find(lambda s: s.strip() == AUTH_CAPTION, op_at)),
            f"operation requires authentication: {'; '.join(lines[at + 1:]) or 'no details'}",
        )
        lines = lines[:at]
    return lines


def _api_descriptions(code: str) -> set[str]:
    """Descriptions given by ``[Api("…")]``/``<Api(Description:="…")>``/``@Api(…)`` in code."""
    found = (m.group(1).replace('\\"', '"').replace('""', '"') for m in _API_DESC.finditer(code))
    return {" ".join(d.split()) for d in found}


def _split_tags(lines: list[str], descriptions: set[str]) -> tuple[list[str], str | None]:
    """The trailing line(s) equal to an [Api] description are the description; the rest tags."""
    for k in range(1, len(lines) + 1):
        if " ".join(" ".join(lines[-k:]).split()) in descriptions:
            return lines[:-k], "\n".join(lines[-k:])
    return lines, None


def _sample_row(rows: list[tuple[int, str, str]]) -> int:
    """Index of the route the request sample uses: first All Verbs/POST route, else the first."""
    for n, (_, verbs, _) in enumerate(rows):
        words = re.split(r"[\s,]+", verbs.upper())
        if verbs.lower() == "all verbs" or "POST" in words:
            return n
    return 0


def _split_routes(
    page: _Page,
    rows: list[tuple[int, str, str]],
    request_path: str | None,
    diags: Diagnostics,
) -> tuple[RouteRecord, ...]:
    out: list[RouteRecord] = []
    sample_row = _sample_row(rows)
    for n, (at, verbs, rest) in enumerate(rows):
        path, summary = _split_route(
            page, at, rest, request_path if n == sample_row else None, diags
        )
        out.append(RouteRecord(verbs=verbs, path=path, line=at + 1, summary=summary))
    return tuple(out)


def _split_route(
    page: _Page, at: int, rest: str, sample_path: str | None, diags: Diagnostics
) -> tuple[str, str | None]:
    """Split ``/path`` from a glued summary; cross-check with the request sample's path."""
    after = rest[len(sample_path) :][:1] if sample_path else ""
    if sample_path and rest.startswith(sample_path) and after not in ("/", "{"):
        return sample_path, rest[len(sample_path) :].strip() or None
    path = _PATH.match(rest)
    greedy = path.group(0) if path else ""
    remainder = rest[len(greedy) :]
    if not remainder.strip():
        return greedy, None
    if not (remainder[0].isspace() or remainder[0] in ",;:!?)]"):
        return greedy, remainder.strip()
    seg = greedy.rfind("/") + 1
    cuts = [m.start() for m in _CAMEL_CUT.finditer(greedy, seg)]
    if not cuts:
        diags.warning(
            page.where(at),
            f"cannot find where the route path ends in {rest!r}; kept path {greedy!r}",
            "the path and the summary are glued; check the route on the page",
        )
        return greedy, remainder.strip()
    path_text, summary = greedy[: cuts[-1]], rest[cuts[-1] :].strip()
    diags.warning(
        page.where(at),
        f"guessed route path {path_text!r} and summary {summary!r} from the glued text {rest!r}",
        "no sample request confirms this path; check it against the page",
    )
    return path_text, summary


def _content_end(page: _Page, start: int) -> int:
    """Index of the first line after the code block / tables (call info, samples, or EOF)."""
    begin = max(start, 0)
    for pred in (
        lambda s: s.startswith(CALL_INFO_PREFIX),
        lambda s: bool(_FORMAT.match(s)),
        lambda s: s.startswith(SAMPLES_INTRO_PREFIX),
        lambda s: bool(_REQUEST.match(s)),
    ):
        at = page.find(pred, begin)
        if at >= 0:
            return at
    return len(page.st)


def _samples(
    page: _Page, end: int, diags: Diagnostics
) -> tuple[str | None, tuple[SampleRecord, ...]]:
    """Format label and samples, starting the search at ``end`` (the end of the content)."""
    begin = max(end, 0)
    fmt_at = page.find(lambda s: bool(_FORMAT.match(s)), begin)
    intro = page.find(lambda s: s.startswith(SAMPLES_INTRO_PREFIX), begin)
    fmt = _FORMAT.match(page.st[fmt_at]) if fmt_at >= 0 else None
    start = intro + 1 if intro >= 0 else (fmt_at + 1 if fmt_at >= 0 else -1)
    if start < 0 and begin < len(page.st) and _REQUEST.match(page.st[begin]):
        start = begin
    if start < 0:
        diags.error(
            page.where(min(begin, len(page.st) - 1)),
            "no sample section ('HTTP + <FORMAT>' and a request block) found",
            "the page looks truncated; save the complete metadata page",
        )
        return None, ()
    if fmt is None:
        diags.warning(page.where(start), "no 'HTTP + <FORMAT>' heading before the samples")
    samples = _parse_samples(page, start, diags)
    return (fmt.group("fmt").strip() if fmt else None), samples


def _content(
    page: _Page,
    start: int,
    end: int,
    op: str | None,
    samples: tuple[SampleRecord, ...],
    diags: Diagnostics,
) -> tuple[CodeBlockRecord | None, tuple[TypeRecord, ...]]:
    """The DTO code block (code mode) or the parameter/enum tables (tables mode)."""
    first = page.next_nonblank(start, end)
    if first >= 0 and _NAV.match(page.st[first]):
        start = first + 1
    footer = -1
    for i in range(end - 1, start - 1, -1):
        if _FOOTER.match(page.st[i].strip()):
            footer = i
            break
    if footer >= 0:
        return _code(page, start, footer, end, op, diags), ()
    region = [(i + 1, page.raw[i]) for i in range(start, end)]
    if any(caption_of(t) for _, t in region):
        words = frozenset(
            w.lower() for s in samples for w in re.findall(r"[^\W\d]\w*", s.body or "")
        )
        return None, parse_tables(region, page.source, diags, words)
    text_at = page.next_nonblank(start, end)
    if text_at >= 0:
        diags.error(
            page.where(text_at),
            "DTO code block has no '<Language> <Operation> DTOs' footer line",
            "the page looks truncated or altered; save the complete metadata page",
        )
    else:
        diags.info(page.where(max(start - 1, 0)), "page shows no DTO code and no parameter tables")
    return None, ()


def _code(
    page: _Page, start: int, footer: int, end: int, op: str | None, diags: Diagnostics
) -> CodeBlockRecord | None:
    """The code between the routes and the ``<Language> <Op> DTOs`` footer."""
    m = _FOOTER.match(page.st[footer].strip())
    lang, footer_op = (m.group("lang"), m.group("op")) if m else ("", "")
    if op is not None and footer_op != op:
        diags.warning(
            page.where(footer),
            f"DTO footer names operation {footer_op!r} but the page documents {op!r}",
            "the code block may belong to another operation; check the saved page",
        )
    if lang not in LANGUAGE_LABELS:
        diags.warning(
            page.where(footer),
            f"unknown DTO language label {lang!r}",
            f"known labels: {', '.join(LANGUAGE_LABELS)}",
        )
    extra = page.next_nonblank(footer + 1, end)
    if extra >= 0:
        diags.warning(page.where(extra), "unexpected text after the DTO code footer; ignored")
    first = page.next_nonblank(start, footer)
    if first < 0:
        diags.error(page.where(footer), "the DTO code block is empty", "save the page again")
        return None
    last = footer - 1
    while not page.st[last].strip():
        last -= 1
    return CodeBlockRecord(
        language=lang, text="\n".join(page.raw[first : last + 1]), line=first + 1
    )


def _parse_samples(page: _Page, start: int, diags: Diagnostics) -> tuple[SampleRecord, ...]:
    """The request block at the first non-blank line from ``start`` and the response block."""
    first = page.next_nonblank(start)
    if first < 0:
        diags.error(
            page.where(len(page.st) - 1),
            "the sample section has no request block",
            "the page looks truncated; save the complete metadata page",
        )
        return ()
    status_at = page.find(lambda s: bool(STATUS_LINE.match(s)), first)
    end_req = status_at if status_at >= 0 else len(page.st)
    out: list[SampleRecord] = []
    m = REQUEST_LINE.match(page.st[first].strip())
    if m:
        out.append(_block(page, "request", first, end_req, diags))
    else:
        found = "a response status line" if first == status_at else repr(page.st[first].strip())
        diags.error(
            page.where(first),
            f"malformed request line: found {found}",
            "expected 'VERB /path HTTP/1.1' as the first line of the request sample",
        )
    if status_at >= 0:
        out.append(_block(page, "response", status_at, len(page.st), diags))
    return tuple(out)


def _block(
    page: _Page, direction: Direction, at: int, end: int, diags: Diagnostics
) -> SampleRecord:
    """One sample: start line, ``Name: value`` headers, blank line, body up to ``end``."""
    return read_block(
        page.st,
        page.raw,
        at,
        end,
        direction,
        first_line=1,
        source=page.source,
        diags=diags,
        trim_body=False,
    )
