"""Raw page records: what a metadata page says, as strings exactly as documented.

Parsers (text or HTML renderings, one module per page family and per DTO code
language) produce these records and interpret nothing: a data type stays the text
the page printed (``List(Of String)``, ``long?``, ``Collection of string``), a sample
body stays the text between its headers and the next block. The mapper
(:mod:`generator.mapper`) is the only place that turns records into the IR.

Every record carries ``line``: the 1-based line of the page it came from, so a
diagnostic can say ``file:line``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PageKind = Literal["servicestack", "webapi"]
Direction = Literal["request", "response"]


@dataclass(frozen=True, slots=True, kw_only=True)
class AttributeRecord:
    """A .NET attribute as written on a type or member (``[ApiMember(Description="x")]``).

    ``args`` holds positional arguments, ``named`` the ``Name=value`` pairs; values are
    the documented literals with quotes removed (``"true"``, ``"model"``, ``"3"``).
    """

    name: str
    args: tuple[str, ...] = ()
    named: tuple[tuple[str, str], ...] = ()
    line: int = 0

    def get(self, key: str) -> str | None:
        """Return a named argument's value (case-insensitive key), or None."""
        for k, v in self.named:
            if k.lower() == key.lower():
                return v
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class MemberRecord:
    """One property/field of a documented type.

    ``name`` is the member name as declared (``ClientId``, ``[Error]`` unescaped to
    ``Error``, or Python's ``access_token``). ``type_text`` is the declared type in the
    page's own syntax. ``wire_name`` is set only when the source states one explicitly
    (``[DataMember(Name="x")]``, Python ``config(field_name='x')``).
    """

    name: str
    type_text: str
    line: int
    description: str | None = None
    required: bool | None = None
    param_type: str | None = None  # body / query / path / form / model / header
    allowable_values: tuple[str, ...] = ()
    wire_name: str | None = None
    order: int | None = None  # DataMember(Order=n)
    attributes: tuple[AttributeRecord, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumMemberRecord:
    """One enum member: its name, explicit value and ``[EnumMember(Value)]`` if documented."""

    name: str
    line: int
    value: str | None = None
    wire_value: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeRecord:
    """A type declared in a DTO code block or described by a parameter/enum table.

    ``source`` says which section: ``code:<lang>`` (lang = python, vbnet, csharp, …),
    ``table`` (ServiceStack parameter table), ``enum-table``, or ``webapi-table``.
    """

    name: str
    source: str
    line: int
    kind: Literal["class", "enum", "interface"] = "class"
    namespace: str | None = None
    base: str | None = None  # documented text, e.g. "QueryResponse<Item>"
    interfaces: tuple[str, ...] = ()
    generic_params: tuple[str, ...] = ()
    description: str | None = None
    members: tuple[MemberRecord, ...] = ()
    enum_members: tuple[EnumMemberRecord, ...] = ()
    attributes: tuple[AttributeRecord, ...] = ()
    is_flags: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class RouteRecord:
    """One row of the routes table: verbs cell, path and optional summary/notes."""

    verbs: str  # as printed: "All Verbs", "POST", "GET,POST"
    path: str
    line: int
    summary: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SampleRecord:
    """One documented sample HTTP message.

    ``start_line`` is the request/status line (or the media-type heading on Web API
    pages); ``body_line`` is the first line of ``body``. ``media_type`` is the
    Content-Type (ServiceStack) or the first media type of the heading (Web API).
    ``body`` keeps the page text verbatim except that line endings are ``\\n``;
    ``None`` means the page printed "Sample not available." or no body.
    """

    direction: Direction
    media_type: str
    start_line: int
    body_line: int
    body: str | None
    method: str | None = None  # request samples: POST, GET, …
    path: str | None = None  # request samples: the request URI as printed
    status: str | None = None  # response samples: "200 OK"
    headers: tuple[tuple[str, str], ...] = ()
    media_types: tuple[
        str, ...
    ] = ()  # Web API headings list several ("application/json, text/json")


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeBlockRecord:
    """The DTO source code block of a code-mode page (``&lang=xx``)."""

    language: str  # label as printed in the footer: "Python", "VB.NET", "C#", …
    text: str
    line: int  # first line of the code


@dataclass(frozen=True, slots=True, kw_only=True)
class PageRecord:
    """Everything one metadata page documents, uninterpreted.

    ``source`` is the page's path as given to the scraper (relative where possible) or
    its URL. ``types`` holds the records parsed from the code block or the tables.
    """

    source: str
    kind: PageKind
    operation: str | None  # ServiceStack: h2 operation name; Web API: None
    line: int = 1
    service_title: str | None = None  # ServiceStack h1; Web API pages have none
    method: str | None = None  # Web API: "POST"
    path: str | None = None  # Web API: "api/v1/auth/token" (as printed, no leading slash)
    tags: tuple[str, ...] = ()
    description: str | None = None
    request_type: str | None = None  # Web API: the Body Parameters model name
    response_type: str | None = None  # Web API: the Resource Description model name
    routes: tuple[RouteRecord, ...] = ()
    code: CodeBlockRecord | None = None
    types: tuple[TypeRecord, ...] = ()
    samples: tuple[SampleRecord, ...] = ()
    format_label: str | None = None  # "XML" from "HTTP + XML"
