"""Parse the text rendering of an ASP.NET Web API Help Page (``/Help/Api/{id}``).

The text rendering flattens the HTML page: the ``h1`` becomes the first line
(``POST api/v1/auth/token``), headings become lines (``Request Information``), a model
link is glued to the header of the table that follows it (``TokenRequest| Name | …``)
and each table row is spread over several lines with its empty cells dropped. This
module turns that text into a :class:`~generator.scrape.records.PageRecord` and
interprets nothing: type cells stay as printed (``Collection of string``), sample
bodies stay verbatim.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from generator.diagnostics import Diagnostics
from generator.scrape.records import (
    AttributeRecord,
    Direction,
    MemberRecord,
    PageRecord,
    SampleRecord,
    TypeRecord,
)

__all__ = ["is_webapi_type_text", "looks_like_webapi_text", "parse_webapi_text", "split_lines"]

REQUEST_INFO = "Request Information"
URI_PARAMS = "URI Parameters"
BODY_PARAMS = "Body Parameters"
REQUEST_FORMATS = "Request Formats"
RESPONSE_INFO = "Response Information"
RESOURCE_DESC = "Resource Description"
RESPONSE_FORMATS = "Response Formats"
_SECTIONS: tuple[str, ...] = (REQUEST_INFO, URI_PARAMS, BODY_PARAMS, REQUEST_FORMATS)
_SECTIONS += (RESPONSE_INFO, RESOURCE_DESC, RESPONSE_FORMATS)
_OPTIONAL_SECTIONS = frozenset({REQUEST_FORMATS, RESPONSE_FORMATS})
_NONE = "None."
_NOT_AVAILABLE = "Sample not available."
_PAGE_HINT = (
    "check that the file is a complete text rendering of a Web API Help Page (/Help/Api/{id})"
)

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_METHOD_RE = re.compile(r"^([A-Z]{3,10})[ \t]+(\S.*)$")
_HEADER_RE = re.compile(
    r"^(?P<model>.*?)\|\s*Name\s*\|\s*Description\s*\|\s*Type\s*\|\s*Additional information\s*\|$"
)
_RULE_RE = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+$")
_TOKEN = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*"
_MEDIA_RE = re.compile(rf"^{_TOKEN}/{_TOKEN}(?:\s*,\s*{_TOKEN}/{_TOKEN})*$")
_IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")
_PLACEHOLDER_RE = re.compile(r"\{\*?([A-Za-z_][A-Za-z0-9_]*)")
_SIMPLE_TYPES = frozenset(
    {
        "string",
        "integer",
        "unsigned integer",
        "byte",
        "signed byte",
        "character",
        "decimal number",
        "boolean",
        "date",
        "time interval",
        "globally unique identifier",
        "URI",
    }
)
_MAX_TYPE_DEPTH = 32
_ANNOTATION_PREFIXES = (
    "Range:",
    "Max length:",
    "Min length:",
    "String length:",
    "Data type:",
    "Matching regular expression pattern:",
)


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF only (unlike ``str.splitlines``), dropping a leading BOM."""
    return _LINE_BREAK_RE.split(text.removeprefix("\ufeff"))


def _type_end(tokens: list[str], pos: int, depth: int = 0) -> int | None:
    """Return the index after the type expression starting at ``tokens[pos]``, or None."""
    while tokens[pos : pos + 2] == ["Collection", "of"]:
        pos += 2
    for width in (3, 2, 1):
        words = tokens[pos : pos + width]
        if len(words) == width and " ".join(words) in _SIMPLE_TYPES:
            return pos + width
    if pos >= len(tokens) or depth > _MAX_TYPE_DEPTH:
        return None
    if tokens[pos] in ("Dictionary", "Pair") and tokens[pos + 1 : pos + 2] == ["of"]:
        key_end = _type_end(tokens, pos + 2, depth + 1)
        if key_end is None or tokens[key_end : key_end + 2] != ["[key]", "and"]:
            return None
        value_end = _type_end(tokens, key_end + 2, depth + 1)
        if value_end is None or tokens[value_end : value_end + 1] != ["[value]"]:
            return None
        return value_end + 1
    return pos + 1 if _IDENT_RE.match(tokens[pos]) else None


def is_webapi_type_text(text: str) -> bool:
    """True if ``text`` is a Help Page type cell: a type word, a model name or a composite."""
    tokens = text.split()
    return bool(tokens) and _type_end(tokens, 0) == len(tokens)


def _is_annotation(line: str) -> bool:
    return line in (_NONE, "Required") or line.startswith(_ANNOTATION_PREFIXES)


def looks_like_webapi_text(text: str) -> bool:
    """Cheap check: first non-blank line is ``VERB path`` and a ``Request Information`` line exists."""
    lines = [line.strip() for line in split_lines(text)]
    first = next((line for line in lines if line), "")
    return bool(_METHOD_RE.match(first)) and REQUEST_INFO in lines


@dataclass(slots=True)
class _Ctx:
    """The page being parsed: its lines and where problems go."""

    source: str
    raw: list[str]
    diags: Diagnostics

    def clean(self, i: int) -> str:
        return self.raw[i].strip()

    def where(self, i: int) -> str:
        return f"{self.source}:{min(i, len(self.raw) - 1) + 1}"

    def nonblank(self, start: int, end: int) -> list[int]:
        return [i for i in range(start, end) if self.clean(i)]

    def paragraph(self, indexes: list[int]) -> str | None:
        return "\n".join(self.clean(i) for i in indexes if self.clean(i)) or None


def parse_webapi_text(source: str, text: str, diags: Diagnostics) -> PageRecord:
    """Parse one Web API Help Page text rendering into a PageRecord (kind="webapi")."""
    ctx = _Ctx(source, split_lines(text), diags)
    first_marker = next((i for i in range(len(ctx.raw)) if ctx.clean(i) in _SECTIONS), None)
    method_at = _find_method_line(ctx, len(ctx.raw) if first_marker is None else first_marker)
    if method_at is None and first_marker is None:
        diags.error(
            ctx.where(0),
            "not a Web API Help Page: no 'VERB path' line and no 'Request Information' section",
            _PAGE_HINT,
        )
        return PageRecord(source=source, kind="webapi", operation=None)
    if method_at is None:
        diags.error(
            ctx.where(0),
            "missing the 'VERB path' line (e.g. 'POST api/v1/auth/token') at the top of the page",
            _PAGE_HINT,
        )
    found = _locate_sections(ctx, 0 if method_at is None else method_at + 1)
    region = _regions(found, len(ctx.raw))
    method, path = _method_and_path(ctx, method_at)
    desc_start = 0 if method_at is None else method_at + 1
    desc_end = len(ctx.raw) if first_marker is None else first_marker
    types: list[TypeRecord] = []
    uri = _parse_uri_section(ctx, region.get(URI_PARAMS), path or "")
    if uri is not None:
        types.append(uri)
    request_type = _parse_model_section(ctx, region.get(BODY_PARAMS), BODY_PARAMS, types)
    response_type = _parse_model_section(ctx, region.get(RESOURCE_DESC), RESOURCE_DESC, types)
    samples = _parse_samples(ctx, region.get(REQUEST_FORMATS), "request")
    samples += _parse_samples(ctx, region.get(RESPONSE_FORMATS), "response")
    return PageRecord(
        source=source,
        kind="webapi",
        operation=None,
        line=1 if method_at is None else method_at + 1,
        method=method,
        path=path,
        description=ctx.paragraph(list(range(desc_start, desc_end))),
        request_type=request_type,
        response_type=response_type,
        types=tuple(types),
        samples=tuple(samples),
    )


def _find_method_line(ctx: _Ctx, stop: int) -> int | None:
    """Index of the ``VERB path`` line: the first non-blank line, else the first match before ``stop``."""
    lines = ctx.nonblank(0, stop)
    if lines and _METHOD_RE.match(ctx.clean(lines[0])):
        return lines[0]
    for i in lines:
        if _METHOD_RE.match(ctx.clean(i)):
            ctx.diags.warning(
                ctx.where(i),
                f"text before the 'VERB path' line was ignored (starts at line {lines[0] + 1})",
                "the page title should be the first line of the text rendering",
            )
            return i
    return None


def _method_and_path(ctx: _Ctx, method_at: int | None) -> tuple[str | None, str | None]:
    if method_at is None:
        return None, None
    match = _METHOD_RE.match(ctx.clean(method_at))
    if match is None:  # pragma: no cover - _find_method_line only returns matching lines
        return None, None
    return match.group(1), match.group(2).strip()


def _locate_sections(ctx: _Ctx, start: int) -> dict[str, int]:
    """Find each section heading in page order; report the required ones that are missing."""
    found: dict[str, int] = {}
    pos = start
    for marker in _SECTIONS:
        idx = next((i for i in range(pos, len(ctx.raw)) if ctx.clean(i) == marker), None)
        if idx is None:
            if marker not in _OPTIONAL_SECTIONS:
                ctx.diags.error(
                    ctx.where(pos), f"missing the '{marker}' section heading", _PAGE_HINT
                )
            continue
        found[marker] = idx
        pos = idx + 1
    return found


def _regions(found: dict[str, int], total: int) -> dict[str, tuple[int, int]]:
    """Map each found section to its body: from after its heading to the next heading."""
    ordered = sorted(found.items(), key=lambda item: item[1])
    ends = [idx for _, idx in ordered[1:]] + [total]
    return {name: (idx + 1, end) for (name, idx), end in zip(ordered, ends, strict=False)}


def _parse_uri_section(ctx: _Ctx, region: tuple[int, int] | None, path: str) -> TypeRecord | None:
    """URI Parameters: a table (returned as the ``<uri>`` TypeRecord) or ``None.``."""
    if region is None:
        return None
    start, end = region
    lines = ctx.nonblank(start, end)
    header = next((i for i in lines if _HEADER_RE.match(ctx.clean(i))), None)
    if header is None:
        if [ctx.clean(i) for i in lines] != [_NONE]:
            ctx.diags.error(
                ctx.where(lines[0] if lines else start - 1),
                "URI Parameters: expected a parameter table or 'None.'",
                "the table must start with '| Name | Description | Type | Additional information |'",
            )
        return None
    members = _parse_table(ctx, header + 1, end)
    members = tuple(uri_param_type(m, path) for m in members)
    return TypeRecord(name="<uri>", source="webapi-uri", line=header + 1, members=members)


def uri_param_type(member: MemberRecord, path: str) -> MemberRecord:
    """Mark a URI parameter ``path`` or ``query`` from where ``{name}`` appears in the path."""
    route, _, query = path.partition("?")
    name = member.name.lower()
    if name in (p.lower() for p in _PLACEHOLDER_RE.findall(route)):
        return replace(member, param_type="path")
    if name in (p.lower() for p in _PLACEHOLDER_RE.findall(query)):
        return replace(member, param_type="query")
    return member


def _parse_model_section(
    ctx: _Ctx, region: tuple[int, int] | None, label: str, types: list[TypeRecord]
) -> str | None:
    """Body Parameters / Resource Description: return the type text, append a table's record."""
    if region is None:
        return None
    start, end = region
    lines = ctx.nonblank(start, end)
    header = next((i for i in lines if _HEADER_RE.match(ctx.clean(i))), None)
    if header is not None:
        return _model_with_table(ctx, lines, header, end, label, types)
    if not lines:
        ctx.diags.error(
            ctx.where(start - 1),
            f"{label}: the section is empty",
            "expected a model name with a table, a type such as 'string', or 'None.'",
        )
        return None
    last = ctx.clean(lines[-1])
    if last == _NONE:
        before = lines[-2] if len(lines) > 1 else None
        if before is None or not is_webapi_type_text(ctx.clean(before)):
            return None
        model = " ".join(ctx.clean(before).split())
        if model in _SIMPLE_TYPES or not _IDENT_RE.match(model):
            return model
        types.append(TypeRecord(name=model, source="webapi-table", line=before + 1))
        ctx.diags.info(ctx.where(before), f"{label}: model {model!r} documents no properties")
        return model
    if is_webapi_type_text(last):
        return " ".join(last.split())
    ctx.diags.warning(
        ctx.where(lines[-1]),
        f"{label}: cannot find a model name, a type or 'None.' (last line is {last!r})",
        "the section should end with a model name glued to a table header, a type, or 'None.'",
    )
    return None


def _model_with_table(
    ctx: _Ctx, lines: list[int], header: int, end: int, label: str, types: list[TypeRecord]
) -> str | None:
    match = _HEADER_RE.match(ctx.clean(header))
    model = " ".join(match.group("model").split()) if match else ""
    docs = [i for i in lines if i < header]
    if not model and docs and is_webapi_type_text(ctx.clean(docs[-1])):
        model, docs = " ".join(ctx.clean(docs[-1]).split()), docs[:-1]
    if not model:
        ctx.diags.error(
            ctx.where(header),
            f"{label}: a parameter table without a model name before it",
            "the model name should precede the header, e.g. 'TokenRequest| Name | Description | …'",
        )
        return None
    name = model
    while name.startswith("Collection of "):
        name = name.removeprefix("Collection of ").strip()
    if not _IDENT_RE.match(name):
        ctx.diags.warning(
            ctx.where(header),
            f"{label}: the table belongs to {model!r}, which is not a plain model name",
            "expected 'ModelName' or 'Collection of ModelName' before the table header",
        )
    members = _parse_table(ctx, header + 1, end)
    types.append(
        TypeRecord(
            name=name,
            source="webapi-table",
            line=header + 1,
            description=ctx.paragraph(docs),
            members=members,
        )
    )
    return model


@dataclass(frozen=True, slots=True)
class _Row:
    """One table row: its lines (stripped) joined by newlines, with their page indexes."""

    text: str
    starts: tuple[int, ...]  # offset in ``text`` where each line starts
    indexes: tuple[int, ...]  # page line index of each line

    def line_at(self, offset: int) -> int:
        return self.indexes[max(bisect_right(self.starts, offset) - 1, 0)]


def _parse_table(ctx: _Ctx, start: int, end: int) -> tuple[MemberRecord, ...]:
    """Parse the rows after a table header up to ``end`` (the next section heading)."""
    lines = ctx.nonblank(start, end)
    if lines and _RULE_RE.match(ctx.clean(lines[0])):
        lines = lines[1:]
    else:
        ctx.diags.warning(
            ctx.where(start - 1),
            "table header is not followed by a '|---|---|---|---|' line",
            "the rows are still read; check the table rendering",
        )
    rows: list[list[int]] = []
    for i in lines:
        text = ctx.clean(i)
        if text == "|" or _RULE_RE.match(text):
            continue
        if text.startswith("|"):
            rows.append([i])
        elif rows:
            rows[-1].append(i)
        else:
            ctx.diags.error(
                ctx.where(i),
                f"text {text!r} before the first table row",
                "each row should start with '| name |'",
            )
    members = (_parse_row(ctx, _make_row(ctx, row)) for row in rows)
    return tuple(m for m in members if m is not None)


def _make_row(ctx: _Ctx, indexes: list[int]) -> _Row:
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for i in indexes:
        starts.append(offset)
        parts.append(ctx.clean(i))
        offset += len(parts[-1]) + 1
    return _Row("\n".join(parts), tuple(starts), tuple(indexes))


def _parse_row(ctx: _Ctx, row: _Row) -> MemberRecord | None:
    """Split one row into name, optional description, type and annotations."""
    cells = _split_cells(row.text)
    where = ctx.where(row.indexes[0])
    name = row.text[cells[0][0] : cells[0][1]].strip() if cells else ""
    if not name:
        ctx.diags.error(where, "table row without a name cell", "rows look like '| name | type |'")
        return None
    type_at = _find_type_cell(row, cells)
    if type_at is None:
        ctx.diags.error(
            where,
            f"cannot find the type cell of row {name!r}",
            "expected a type such as 'string', 'integer', 'Collection of X' or a model name",
        )
        return None
    description = _cell_text(row, cells[1:type_at])
    required: bool | None = None
    attributes: list[AttributeRecord] = []
    for offset, text in _annotations(row, cells[type_at + 1 :]):
        if text == "Required":
            required = True
        elif text != _NONE:
            if not _is_annotation(text):
                ctx.diags.warning(
                    ctx.where(row.line_at(offset)),
                    f"unknown annotation {text!r} in row {name!r} (kept as an Annotation)",
                    "known: Required, Range:, Max/Min length:, String length:, Data type:, "
                    "Matching regular expression pattern:",
                )
            attributes.append(
                AttributeRecord(name="Annotation", args=(text,), line=row.line_at(offset) + 1)
            )
    type_text = " ".join(row.text[cells[type_at][0] : cells[type_at][1]].split())
    return MemberRecord(
        name=name,
        type_text=type_text,
        line=row.indexes[0] + 1,
        description=description,
        required=required,
        attributes=tuple(attributes),
    )


def _split_cells(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the cells between the row's pipes (outer pipes dropped)."""
    cells: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\|", text):
        cells.append((start, match.start()))
        start = match.end()
    cells.append((start, len(text)))
    if text.endswith("|") and len(cells) > 1:
        cells.pop()
    return cells[1:] if text.startswith("|") else cells


def _find_type_cell(row: _Row, cells: list[tuple[int, int]]) -> int | None:
    """Index of the type cell: a type text followed only by annotations (or nothing)."""
    candidates = [
        k for k in range(1, len(cells)) if is_webapi_type_text(row.text[cells[k][0] : cells[k][1]])
    ]
    for k in candidates:
        rest = [text for _, text in _annotations(row, cells[k + 1 :])]
        if not rest or _is_annotation(rest[0]):
            return k
    return candidates[-1] if candidates else None


def _cell_text(row: _Row, cells: list[tuple[int, int]]) -> str | None:
    """The text of consecutive cells (rejoined with '|'), one stripped line per line."""
    if not cells:
        return None
    text = row.text[cells[0][0] : cells[-1][1]]
    return "\n".join(line.strip() for line in text.split("\n") if line.strip()) or None


def _annotations(row: _Row, cells: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Annotation lines (offset, text) of the cells after the type cell."""
    if not cells:
        return []
    start, end = cells[0][0], cells[-1][1]
    found: list[tuple[int, str]] = []
    for match in re.finditer(r"[^\n]+", row.text[start:end]):
        text = match.group().strip()
        trimmed = text.removesuffix("|").rstrip()
        if trimmed != text and _is_annotation(trimmed):
            text = trimmed
        if text:
            found.append((start + match.start(), text))
    return found


def _parse_samples(
    ctx: _Ctx, region: tuple[int, int] | None, direction: Direction
) -> list[SampleRecord]:
    """Parse the ``media types`` / ``Sample:`` / body blocks of a Formats section."""
    if region is None:
        return []
    start, end = region
    samples: list[SampleRecord] = []
    i = _next_nonblank(ctx, start, end)
    while i is not None:
        heading = ctx.clean(i)
        if not _MEDIA_RE.match(heading):
            ctx.diags.error(
                ctx.where(i),
                f"expected a media-type heading such as 'application/json, text/json', found {heading!r}",
                "each sample starts with its media types, then a 'Sample:' line",
            )
            i = _next_heading(ctx, i + 1, end, strict=False)
            continue
        label = _next_nonblank(ctx, i + 1, end)
        if label is not None and ctx.clean(label) == "Sample:":
            body_start = label + 1
        else:
            ctx.diags.warning(
                ctx.where(i),
                f"no 'Sample:' line after the heading {heading!r}",
                "the body is read from the line after the heading",
            )
            body_start = i + 1
        body_end = _next_heading(ctx, body_start, end)
        samples.append(_make_sample(ctx, direction, i, body_start, body_end or end))
        i = body_end
    return samples


def _next_nonblank(ctx: _Ctx, start: int, end: int) -> int | None:
    return next((i for i in range(start, end) if ctx.clean(i)), None)


def _next_heading(ctx: _Ctx, start: int, end: int, strict: bool = True) -> int | None:
    """The next media-type line (followed by a ``Sample:`` line if ``strict``) in the range."""
    for i in range(start, end):
        if _MEDIA_RE.match(ctx.clean(i)):
            label = _next_nonblank(ctx, i + 1, end)
            if not strict or (label is not None and ctx.clean(label) == "Sample:"):
                return i
    return None


def _make_sample(
    ctx: _Ctx, direction: Direction, heading: int, start: int, end: int
) -> SampleRecord:
    media_types = tuple(m.strip() for m in ctx.clean(heading).split(","))
    body_lines = ctx.nonblank(start, end)
    body: str | None = None
    if not body_lines:
        ctx.diags.warning(
            ctx.where(heading),
            f"sample {media_types[0]!r} has no body",
            "expected the sample text or 'Sample not available.' after 'Sample:'",
        )
        body_line = start + 1
    else:
        body_line = body_lines[0] + 1
        text = "\n".join(ctx.raw[body_lines[0] : body_lines[-1] + 1])
        body = None if text.strip() == _NOT_AVAILABLE else text
    return SampleRecord(
        direction=direction,
        media_type=media_types[0],
        media_types=media_types,
        start_line=heading + 1,
        body_line=body_line,
        body=body,
    )
