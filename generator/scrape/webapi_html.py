"""Parser for the HTML of an ASP.NET Web API Help Page (``/Help/Api/{id}``).

Structure (reference §1.8): ``h1`` "{METHOD} {path}", an optional documentation ``p``,
then sibling ``h2``/``h3`` headings (Request Information, URI Parameters, Body
Parameters, Request Formats, Response Information, Resource Description, Response
Formats) each followed by its content: ``p`` paragraphs, a model link (or a bare type
word), a ``table.help-page-table`` (Name | Description | Type | Additional information),
or ``h4.sample-header`` + ``div.sample-content > pre``. The result is the same
:class:`~generator.scrape.records.PageRecord` as the text rendering gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.diagnostics import Diagnostics
from generator.scrape.html_common import Element, cell_text, element_line, norm_space, text_of
from generator.scrape.records import (
    AttributeRecord,
    Direction,
    MemberRecord,
    PageRecord,
    SampleRecord,
    TypeRecord,
)
from generator.scrape.webapi_text import is_webapi_type_text, uri_param_type

__all__ = ["parse_webapi_html"]

_REQUIRED: tuple[str, ...] = ("Request Information", "URI Parameters", "Body Parameters")
_REQUIRED += ("Response Information", "Resource Description")
_SECTIONS = frozenset((*_REQUIRED, "Request Formats", "Response Formats"))
_METHOD = re.compile(r"^([A-Z]{3,10})[ \t]+(\S.*)$")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")
_SIMPLE = frozenset(
    {
        "string", "integer", "unsigned integer", "byte", "signed byte", "character",
        "decimal number", "boolean", "date", "time interval", "globally unique identifier", "URI",
    }
)  # fmt: skip
_ANNOTATIONS: tuple[str, ...] = ("Range:", "Max length:", "Min length:", "String length:")
_ANNOTATIONS += ("Data type:",)
_ANNOTATIONS += ("Matching regular expression pattern:",)
_NONE = "None."
_NOT_AVAILABLE = "Sample not available."
_HINT = "check that the file is a complete Web API Help Page (/Help/Api/{id})"


@dataclass(frozen=True, slots=True)
class _Item:
    """One piece of a section: a paragraph, loose text, a table or a sample part."""

    kind: str  # p | text | table | h4 | div
    text: str
    line: int
    el: Element | None = None


def parse_webapi_html(source: str, root: Element, diags: Diagnostics) -> PageRecord:
    """Parse a Web API Help Page's DOM into a :class:`PageRecord` (kind ``webapi``)."""
    h1 = next((h for h in root.iter("h1") if _METHOD.match(cell_text(h))), None)
    if h1 is None:
        diags.error(
            f"{source}:1", "missing the 'VERB path' heading (e.g. 'POST api/v1/auth/token')", _HINT
        )
        return PageRecord(source=source, kind="webapi", operation=None)
    m = _METHOD.match(cell_text(h1))
    method, path = (m.group(1), m.group(2).strip()) if m else (None, None)
    headings = {
        cell_text(h): h for h in root.iter("h2", "h3") if cell_text(h) in _SECTIONS
    }  # first of each wins below
    for name in _REQUIRED:
        if name not in headings:
            diags.error(f"{source}:{element_line(h1)}", f"missing the '{name}' section", _HINT)
    regions = {name: _region(h) for name, h in headings.items()}
    types: list[TypeRecord] = []
    uri = _uri(regions.get("URI Parameters"), path or "", source, diags)
    if uri is not None:
        types.append(uri)
    request_type = _model(regions.get("Body Parameters"), "Body Parameters", types, source, diags)
    response_type = _model(
        regions.get("Resource Description"), "Resource Description", types, source, diags
    )
    samples = _samples(regions.get("Request Formats"), "request", source, diags)
    samples += _samples(regions.get("Response Formats"), "response", source, diags)
    info = headings.get("Request Information")
    return PageRecord(
        source=source,
        kind="webapi",
        operation=None,
        line=element_line(h1),
        method=method,
        path=path,
        description=_description(info) if info is not None else None,
        request_type=request_type,
        response_type=response_type,
        types=tuple(types),
        samples=tuple(samples),
    )


def _description(info: Element) -> str | None:
    """The action documentation: paragraphs before the 'Request Information' heading."""
    paragraphs = list(info.itersiblings("p", preceding=True))
    lines = [norm_space(t) for p in reversed(paragraphs) for t in text_of(p).split("\n")]
    return "\n".join(t for t in lines if t) or None


def _region(heading: Element) -> list[_Item]:
    """The content after a heading up to the next h2/h3 sibling, tails included."""
    items: list[_Item] = []
    tail = norm_space(heading.tail or "")
    if tail:
        items.append(_Item("text", tail, element_line(heading)))
    for el in heading.itersiblings():
        if el.tag in ("h1", "h2", "h3"):
            break
        if not isinstance(el.tag, str):
            continue
        line = element_line(el)
        if el.tag == "p":
            items.append(_Item("p", "\n".join(_lines(el)), line, el))
        elif el.tag == "table":
            items.append(_Item("table", "", line, el))
        elif el.tag in ("h4", "div"):
            items.append(_Item(el.tag, cell_text(el), line, el))
        elif cell_text(el):
            items.append(_Item("text", cell_text(el), line, el))
        if norm_space(el.tail or ""):
            items.append(_Item("text", norm_space(el.tail or ""), line))
    return items


def _lines(el: Element) -> list[str]:
    return [t for t in (norm_space(x) for x in text_of(el).split("\n")) if t]


def _uri(
    items: list[_Item] | None, path: str, source: str, diags: Diagnostics
) -> TypeRecord | None:
    if items is None:
        return None
    table = next((i for i in items if i.kind == "table"), None)
    if table is None:
        if [i.text for i in items if i.text] != [_NONE]:
            diags.error(
                f"{source}:{items[0].line if items else 1}",
                "URI Parameters: expected a parameter table or 'None.'",
                "the section should hold a table.help-page-table",
            )
        return None
    members = tuple(uri_param_type(m, path) for m in _members(table.el, source, diags))
    return TypeRecord(name="<uri>", source="webapi-uri", line=table.line, members=members)


def _model(
    items: list[_Item] | None,
    label: str,
    types: list[TypeRecord],
    source: str,
    diags: Diagnostics,
) -> str | None:
    """Body Parameters / Resource Description: the model text; a table's record is appended."""
    if items is None:
        return None
    at = next((k for k, i in enumerate(items) if i.kind == "table"), None)
    before = items if at is None else items[:at]
    model = norm_space(" ".join(i.text for i in before if i.kind == "text"))
    docs = [i.text for i in before if i.kind == "p" and i.text]
    if at is not None:
        if not model:
            diags.error(
                f"{source}:{items[at].line}",
                f"{label}: a parameter table without a model name before it",
                "the model link should precede the table",
            )
            return None
        name = model
        while name.startswith("Collection of "):
            name = name.removeprefix("Collection of ").strip()
        if not _IDENT.match(name):
            diags.warning(
                f"{source}:{items[at].line}",
                f"{label}: the table belongs to {model!r}, which is not a plain model name",
                "expected 'ModelName' or 'Collection of ModelName' before the table",
            )
        members = _members(items[at].el, source, diags)
        types.append(
            TypeRecord(
                name=name,
                source="webapi-table",
                line=items[at].line,
                description="\n".join(d for d in docs if d != _NONE) or None,
                members=members,
            )
        )
        return model
    if not model or not is_webapi_type_text(model):
        if model:
            diags.warning(
                f"{source}:{before[0].line}",
                f"{label}: cannot read {model!r} as a model name or a type",
                "the section should hold a model link, a type word, or 'None.'",
            )
        return None
    if docs and docs[-1] == _NONE and model not in _SIMPLE and _IDENT.match(model):
        line = next(i.line for i in before if i.kind == "text")
        types.append(TypeRecord(name=model, source="webapi-table", line=line))
        diags.info(f"{source}:{line}", f"{label}: model {model!r} documents no properties")
    return model


def _members(table: Element, source: str, diags: Diagnostics) -> tuple[MemberRecord, ...]:
    out: list[MemberRecord] = []
    for tr in table.iter("tr"):
        cells = [c for c in tr if c.tag == "td"]
        if not cells:
            continue
        line = element_line(tr)
        name = cell_text(cells[0])
        type_text = cell_text(cells[2]) if len(cells) > 2 else ""
        if not name or not is_webapi_type_text(type_text):
            diags.error(
                f"{source}:{line}",
                f"cannot read the row {name!r}: expected Name | Description | Type | "
                f"Additional information, found type {type_text!r}",
                "expected a type such as 'string', 'integer', 'Collection of X' or a model name",
            )
            continue
        notes = _annotations(cells[3]) if len(cells) > 3 else []
        attributes: list[AttributeRecord] = []
        for text in notes:
            if text in (_NONE, "Required"):
                continue
            if not text.startswith(_ANNOTATIONS):
                diags.warning(
                    f"{source}:{line}",
                    f"unknown annotation {text!r} in row {name!r} (kept as an Annotation)",
                    "known: Required, Range:, Max/Min length:, String length:, Data type:, "
                    "Matching regular expression pattern:",
                )
            attributes.append(AttributeRecord(name="Annotation", args=(text,), line=line))
        out.append(
            MemberRecord(
                name=name,
                type_text=type_text,
                line=line,
                description="\n".join(_lines(cells[1])) or None,
                required=True if "Required" in notes else None,
                attributes=tuple(attributes),
            )
        )
    return tuple(out)


def _annotations(td: Element) -> list[str]:
    paragraphs = [cell_text(p) for p in td.iter("p")]
    return [t for t in paragraphs if t] or _lines(td)


def _samples(
    items: list[_Item] | None, direction: Direction, source: str, diags: Diagnostics
) -> list[SampleRecord]:
    """``h4.sample-header`` + ``div.sample-content`` pairs of a Formats section (wrapped or not)."""
    out: list[SampleRecord] = []
    if items is None:
        return out
    heads = [h for i in items if i.el is not None for h in i.el.iter("h4")]
    for h4 in heads:
        line = element_line(h4)
        text = cell_text(h4)
        media_types = tuple(t.strip() for t in text.split(",") if t.strip())
        if not media_types or not all("/" in t for t in media_types):
            diags.error(
                f"{source}:{line}",
                f"expected a media-type heading such as 'application/json, text/json', "
                f"found {text!r}",
                "each sample starts with its media types",
            )
            continue
        content = h4.getnext()
        while content is not None and not isinstance(content.tag, str):
            content = content.getnext()
        if content is not None and content.tag == "h4":
            content = None
        pre = next(iter(content.iter("pre")), None) if content is not None else None
        body: str | None = None
        body_line = line + 1
        if pre is not None:
            lines = text_of(pre).split("\n")
            nonblank = [i for i, t in enumerate(lines) if t.strip()]
            if nonblank:
                body = "\n".join(lines[nonblank[0] : nonblank[-1] + 1])
                body_line = element_line(pre) + nonblank[0]
        elif content is None or _NOT_AVAILABLE not in cell_text(content):
            diags.warning(
                f"{source}:{line}",
                f"sample {media_types[0]!r} has no body",
                "expected a <pre> sample or 'Sample not available.'",
            )
        if body is not None and body.strip() == _NOT_AVAILABLE:
            body = None
        out.append(
            SampleRecord(
                direction=direction,
                media_type=media_types[0],
                media_types=media_types,
                start_line=line,
                body_line=body_line,
                body=body,
            )
        )
    return out
