"""Parser for the HTML of a ServiceStack per-operation metadata page (``/{fmt}/metadata?op=X``).

Structure (reference §1.3): ``h1`` service name; ``div.operation`` with the ``h2``
operation name, ``div.tags``, the ``#desc`` description, the routes table, then EITHER
the DTO code (``pre > code[lang]`` + a ``{Lang} {Op} DTOs`` link) OR the parameter and
enum tables, then ``div.example`` with ``div.request > pre`` and ``div.response > pre``.
Older pages lack classes or captions in places, so tables are found by caption text and
every part is optional except the operation name and the request sample. The result is
the same :class:`~generator.scrape.records.PageRecord` as the text rendering gives.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from generator.diagnostics import Diagnostics
from generator.scrape.html_common import (
    Element,
    cell_text,
    element_line,
    norm_space,
    pre_lines,
    text_of,
)
from generator.scrape.http_blocks import REQUEST_LINE, STATUS_LINE, read_block
from generator.scrape.records import (
    CodeBlockRecord,
    Direction,
    EnumMemberRecord,
    MemberRecord,
    PageRecord,
    RouteRecord,
    SampleRecord,
    TypeRecord,
)
from generator.scrape.tables_text import caption_of

__all__ = ["LANGUAGE_KEYS", "page_languages", "parse_servicestack_html"]

#: ``lang`` key → label, as the language tabs print them (reference §1.4).
LANGUAGE_KEYS: dict[str, str] = {
    "csharp": "C#", "mjs": "JavaScript", "typescript": "TypeScript", "dart": "Dart",
    "java": "Java", "kotlin": "Kotlin", "python": "Python", "php": "PHP", "swift": "Swift",
    "vbnet": "VB.NET", "fsharp": "F#", "go": "Go", "rust": "Rust", "ruby": "Ruby", "zig": "Zig",
}  # fmt: skip

_IDENT = re.compile(r"[^\W\d]\w*\Z")
_FOOTER = re.compile(r"^(?P<lang>\S+) (?P<op>[^\W\d]\w*) DTOs$")
_FORMAT = re.compile(r"^HTTP \+ (?P<fmt>\S.*)$")
_LANG_CLASS = re.compile(r"\blanguage-([\w#.+-]+)")
_SAMPLE_BLOCKS = ("example", "request", "response")


def _classes(el: Element) -> list[str]:
    return (el.get("class") or "").split()


def _first(root: Element, tag: str, cls: str | None = None) -> Element | None:
    for el in root.iter(tag):
        if cls is None or cls in _classes(el):
            return el
    return None


def _in_samples(el: Element) -> bool:
    return any(
        a.tag == "div" and any(c in _SAMPLE_BLOCKS for c in _classes(a)) for a in el.iterancestors()
    )


def parse_servicestack_html(source: str, root: Element, diags: Diagnostics) -> PageRecord:
    """Parse a ServiceStack operation page's DOM into a :class:`PageRecord`.

    Problems are recorded in ``diags`` as ``source:line``; no exception escapes.
    """
    operation = _first(root, "div", "operation")
    scope = root if operation is None else operation
    heading = _first(scope, "h2")
    op = cell_text(heading)
    if not _IDENT.match(op):
        diags.error(
            f"{source}:{element_line(heading)}",
            f"no operation name (an h2 naming the request DTO); found {op!r}",
            "pass a /{format}/metadata?op=NAME page of a ServiceStack service",
        )
        return PageRecord(source=source, kind="servicestack", operation=None)
    title = cell_text(_first(root, "h1")) or None
    tags_div = _first(scope, "div", "tags")
    tags: tuple[str, ...] = ()
    if tags_div is not None:
        spans = [cell_text(s) for s in tags_div.iter("span")]
        tags = tuple(t for t in spans if t) or tuple(
            t.strip() for t in text_of(tags_div).split("\n") if t.strip()
        )
    desc_el = next((e for e in root.iter() if e.get("id") == "desc"), None)
    description = _lines(desc_el) if desc_el is not None else None
    _auth(scope, source, diags)
    routes = _routes(scope)
    code = _code(scope, source, op, diags)
    types = () if code is not None else _tables(scope, source, diags)
    fmt, samples = _samples(scope, source, diags)
    return PageRecord(
        source=source,
        kind="servicestack",
        operation=op,
        service_title=title,
        tags=tags,
        description=description,
        routes=routes,
        code=code,
        types=types,
        samples=samples,
        format_label=fmt,
    )


def page_languages(root: Element) -> tuple[str, ...]:
    """The DTO languages the page's tabs offer (``lang`` keys, in tab order)."""
    found: list[str] = []
    for a in root.iter("a"):
        href = a.get("href") or ""
        if "lang=" not in href:
            continue
        for key in parse_qs(urlsplit(href).query).get("lang", []):
            if key in LANGUAGE_KEYS and key not in found:
                found.append(key)
    return tuple(found)


def _lines(el: Element) -> str | None:
    lines = [norm_space(t) for t in text_of(el).split("\n")]
    return "\n".join(t for t in lines if t) or None


def _auth(scope: Element, source: str, diags: Diagnostics) -> None:
    for table in scope.iter("table"):
        caption = cell_text(_first(table, "caption"))
        if "authentication" in _classes(table) or caption == "Requires Authentication":
            rows = [cell_text(tr) for tr in table.iter("tr")]
            diags.info(
                f"{source}:{element_line(table)}",
                f"operation requires authentication: {'; '.join(r for r in rows if r) or 'no details'}",
            )
            return


def _routes(scope: Element) -> tuple[RouteRecord, ...]:
    table = next(
        (
            t
            for t in scope.iter("table")
            if "routes" in _classes(t) or "routes are available" in cell_text(_first(t, "caption"))
        ),
        None,
    )
    if table is None:
        return ()
    out: list[RouteRecord] = []
    for tr in table.iter("tr"):
        cells = [c for c in tr if c.tag in ("th", "td")]
        texts = [cell_text(c) for c in cells]
        if len(texts) < 2 or not texts[1].startswith("/"):
            continue
        out.append(
            RouteRecord(
                verbs=texts[0],
                path=texts[1],
                line=element_line(tr),
                summary=(texts[2] or None) if len(texts) > 2 else None,
                notes=(texts[3] or None) if len(texts) > 3 else None,
            )
        )
    return tuple(out)


def _code(scope: Element, source: str, op: str, diags: Diagnostics) -> CodeBlockRecord | None:
    """The DTO code block of a code-mode page (``pre > code``), or None in tables mode."""
    el = next(
        (
            c
            for c in scope.iter("code")
            if c.getparent() is not None and c.getparent().tag == "pre" and not _in_samples(c)
        ),
        None,
    )
    if el is None:
        return None
    key = el.get("lang") or next(iter(_LANG_CLASS.findall(el.get("class") or "")), "")
    footer = next(
        (m for m in (_FOOTER.match(cell_text(a)) for a in scope.iter("a", "p")) if m), None
    )
    label = footer.group("lang") if footer else LANGUAGE_KEYS.get(key, key)
    where = f"{source}:{element_line(el)}"
    if footer is not None and footer.group("op") != op:
        diags.warning(
            where,
            f"DTO footer names operation {footer.group('op')!r} but the page documents {op!r}",
            "the code block may belong to another operation; check the saved page",
        )
    if label not in LANGUAGE_KEYS.values():
        diags.warning(
            where,
            f"unknown DTO language {label!r}",
            f"known labels: {', '.join(LANGUAGE_KEYS.values())}",
        )
    lines = text_of(el).split("\n")
    first = next((i for i, t in enumerate(lines) if t.strip()), None)
    if first is None:
        diags.error(where, "the DTO code block is empty", "save the page again")
        return None
    last = max(i for i, t in enumerate(lines) if t.strip())
    return CodeBlockRecord(
        language=label, text="\n".join(lines[first : last + 1]), line=element_line(el) + first
    )


def _tables(scope: Element, source: str, diags: Diagnostics) -> tuple[TypeRecord, ...]:
    """Parameter (``<Type> Parameters:``) and enum (``<Type> Enum:``) tables, in page order."""
    out: list[TypeRecord] = []
    for table in scope.iter("table"):
        cap = caption_of(cell_text(_first(table, "caption")))
        if cap is None:
            continue
        name, kind = cap
        rows = [
            (element_line(tr), [c for c in tr if c.tag == "td"])
            for tr in table.iter("tr")
            if any(c.tag == "td" for c in tr)
        ]
        if kind == "Enum":
            members = tuple(
                EnumMemberRecord(
                    name=cell_text(cells[0]),
                    line=line,
                    value=(cell_text(cells[1]) or None) if len(cells) > 1 else None,
                )
                for line, cells in rows
            )
            out.append(
                TypeRecord(
                    name=name,
                    source="enum-table",
                    line=element_line(table),
                    kind="enum",
                    enum_members=members,
                )
            )
            continue
        params = tuple(m for m in (_param(line, c, name, source, diags) for line, c in rows) if m)
        out.append(TypeRecord(name=name, source="table", line=element_line(table), members=params))
    return tuple(out)


def _param(
    line: int, cells: list[Element], table: str, source: str, diags: Diagnostics
) -> MemberRecord | None:
    texts = [cell_text(c) for c in cells]
    if len(texts) < 3 or not texts[0] or not texts[2]:
        diags.warning(
            f"{source}:{line}",
            f"row {' | '.join(texts)!r} of table '{table}' is not Name | Parameter | Data Type "
            "| Required | Description; ignored",
            "check the page",
        )
        return None
    required = {"Yes": True, "No": False}.get(texts[3]) if len(texts) > 3 else None
    description, allowable = _description(cells[4]) if len(cells) > 4 else (None, ())
    return MemberRecord(
        name=texts[0],
        type_text=texts[2],
        line=line,
        description=description,
        required=required,
        param_type=texts[1] or None,
        allowable_values=allowable,
    )


def _description(td: Element) -> tuple[str | None, tuple[str, ...]]:
    """A description cell: its text, ``Valid Range`` lines and the Allowable Values list."""
    parts: list[str] = [td.text or ""]
    extra: list[str] = []
    allowable: list[str] = []
    in_values = False
    for child in td:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        heading = cell_text(child) if child.tag in ("h4", "h5", "b", "strong") else ""
        if heading == "Allowable Values":
            in_values = True
        elif heading.startswith("Valid Range:"):
            extra.append(heading)
            in_values = False
        elif child.tag in ("ul", "ol") and in_values:
            allowable.extend(cell_text(li) for li in child.iter("li"))
            in_values = False
        else:
            parts.append(text_of(child))
        parts.append(child.tail or "")
    text = norm_space("".join(parts))
    lines = ([text] if text else []) + extra
    return ("\n".join(lines) or None), tuple(allowable)


def _samples(
    scope: Element, source: str, diags: Diagnostics
) -> tuple[str | None, tuple[SampleRecord, ...]]:
    found = _first(scope, "div", "example")
    example = scope if found is None else found
    fmt = next(
        (m.group("fmt").strip() for m in (_FORMAT.match(cell_text(h)) for h in example.iter("h3"))
         if m),
        None,
    )  # fmt: skip
    request = _pre_in(example, "request")
    response = _pre_in(example, "response")
    if request is None and response is None:
        pres = [p for p in example.iter("pre") if _first(p, "code") is None]
        request = next((p for p in pres if _starts(p, REQUEST_LINE)), None)
        response = next((p for p in pres if _starts(p, STATUS_LINE)), None)
    if request is None:
        diags.error(
            f"{source}:{element_line(example)}",
            "no sample section (div.request > pre with 'VERB /path HTTP/1.1') found",
            "the page looks truncated; save the complete metadata page",
        )
        return fmt, ()
    out = [s for s in (_block(request, "request", source, diags),) if s is not None]
    if response is not None:
        block = _block(response, "response", source, diags)
        if block is not None:
            out.append(block)
    return fmt, tuple(out)


def _pre_in(example: Element, cls: str) -> Element | None:
    div = _first(example, "div", cls)
    return _first(div, "pre") if div is not None else None


def _starts(pre: Element, pattern: re.Pattern[str]) -> bool:
    return any(pattern.match(t.strip()) for t in text_of(pre).split("\n")[:3] if t.strip())


def _block(
    pre: Element, direction: Direction, source: str, diags: Diagnostics
) -> SampleRecord | None:
    """One sample ``<pre>``: start line, ``Name: value`` headers, blank line, body."""
    base, lines = pre_lines(pre)
    at = next((i for i, t in enumerate(lines) if t.strip()), None)
    if at is None:
        diags.error(f"{source}:{base}", f"the {direction} sample is empty", "save the page again")
        return None
    start = lines[at].strip()
    req, status = REQUEST_LINE.match(start), STATUS_LINE.match(start)
    if (req if direction == "request" else status) is None:
        expected = "'VERB /path HTTP/1.1'" if direction == "request" else "'HTTP/1.1 200 OK'"
        diags.error(
            f"{source}:{base + at}",
            f"malformed {direction} line: found {start[:60]!r}",
            f"expected {expected} as the first line of the {direction} sample",
        )
        return None
    return read_block(
        lines,
        lines,
        at,
        len(lines),
        direction,
        first_line=base,
        source=source,
        diags=diags,
        trim_body=True,
    )
