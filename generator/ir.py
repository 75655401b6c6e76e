"""The intermediate representation (IR): one service's documented contract.

Frozen, slotted, keyword-only dataclasses; collections are tuples. No I/O here: the
JSON form lives in :mod:`generator.ir_io`. The IR records *facts with provenance*:
every type, field, layout and sample says which page and section it came from.

Per-format wire shape lives in :class:`Layout`: for each type and each wire format
(``json``, ``xml``) the ordered members the format carries across the whole
inheritance chain, with their wire names. Samples decide layouts where they exist;
otherwise the documented .NET serializer rules do (``evidence="rule"``). JSV, CSV and query
strings follow the ``json`` layout (ServiceStack.Text writes them alike); SOAP carries the
``xml`` layout inside an envelope. Sample formats ``soap11``/``soap12`` are the SOAP pages.

Generic types keep their parameters (``QueryResponse`` with ``generic_params=("T",)``);
uses name the arguments (``QueryResponse<Booking>``), also in ``Operation.response``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from generator.typeref import TypeRef

SCHEMA_VERSION = 1


class _Named(Protocol):
    @property
    def name(self) -> str: ...


_T = TypeVar("_T", bound=_Named)

ServiceKind = Literal["servicestack", "webapi"]
WireFormat = Literal["json", "xml", "jsv", "csv", "soap11", "soap12"]
JsonStyle = Literal["servicestack", "jsonnet"]
Evidence = Literal["sample", "rule"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Where a fact came from: a page (path relative to the specs folder) and section."""

    page: str
    section: str
    line: int = 0

    def __str__(self) -> str:
        where = f"{self.page}:{self.line}" if self.line else self.page
        return f"{where} ({self.section})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    """A member declared by a type (not inherited)."""

    name: str  # the .NET member name (ClientID, access_token, Error)
    type: TypeRef
    description: str | None = None
    required: bool = False
    allowable_values: tuple[str, ...] = ()
    param_type: str | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class WireMember:
    """One member as a wire format carries it: which field, declared where, under what name."""

    field: str
    declared_in: str
    wire_name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Layout:
    """The ordered members one wire format writes for a type (inherited members included)."""

    members: tuple[WireMember, ...]
    evidence: Evidence
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeDef:
    """A DTO class."""

    name: str
    namespace: str | None = None  # CLR namespace
    xml_namespace: str  # DataContract namespace of this type
    xml_name: str | None = None  # DataContract name when it is not ``name`` ([DataContract(Name)])
    base: TypeRef | None = None
    interfaces: tuple[str, ...] = ()
    generic_params: tuple[str, ...] = ()
    description: str | None = None
    builtin: bool = False
    fields: tuple[Field, ...] = ()
    json: Layout
    xml: Layout
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumMember:
    """An enum member: .NET name, integer value if documented, and wire text."""

    name: str
    wire: str
    value: int | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumDef:
    """An enum type. ``complete=False`` when members were inferred from samples only."""

    name: str
    namespace: str | None = None
    xml_namespace: str
    members: tuple[EnumMember, ...]
    flags: bool = False
    complete: bool = True
    description: str | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Route:
    """One route of an operation."""

    verbs: tuple[str, ...]  # () means all verbs
    path: str
    summary: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Operation:
    """A service operation: request DTO, response DTO (None for void) and routes."""

    name: str
    request: str
    response: str | None
    routes: tuple[Route, ...] = ()
    tags: tuple[str, ...] = ()
    description: str | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Sample:
    """A documented sample body, verbatim, bound to the operation and direction it shows."""

    operation: str
    direction: Literal["request", "response"]
    format: WireFormat
    media_type: str
    body: str
    source: Source


class _NameIndex:
    """Slots for :class:`Spec`'s lookup tables, built on first use.

    They are not dataclass fields, so equality, hashing, ``repr``, pickling and the JSON form
    see only the spec's data; a spec is immutable, so a table never goes stale.
    """

    __slots__ = ("_enums_by_name", "_types_by_name")
    _types_by_name: dict[str, TypeDef]
    _enums_by_name: dict[str, EnumDef]


@dataclass(frozen=True, slots=True, kw_only=True)
class Spec(_NameIndex):
    """Everything generated for one service comes from this value."""

    schema_version: int = SCHEMA_VERSION
    service: str
    title: str | None = None
    kind: ServiceKind
    json_style: JsonStyle
    types: tuple[TypeDef, ...] = ()
    enums: tuple[EnumDef, ...] = ()
    operations: tuple[Operation, ...] = ()
    samples: tuple[Sample, ...] = ()

    def type_named(self, name: str) -> TypeDef | None:
        """The class named ``name``, if any (the first one, should two share a name)."""
        return self._first_by_name("_types_by_name", self.types).get(name)

    def enum_named(self, name: str) -> EnumDef | None:
        """The enum named ``name``, if any (the first one, should two share a name)."""
        return self._first_by_name("_enums_by_name", self.enums).get(name)

    def _first_by_name(self, slot: str, items: tuple[_T, ...]) -> dict[str, _T]:
        """``{name: first item of that name}``, built once and kept beside the fields."""
        index: dict[str, _T] | None = getattr(self, slot, None)  # a slot of _NameIndex
        if index is None:
            index = {}
            for item in items:
                index.setdefault(item.name, item)
            object.__setattr__(self, slot, index)
        return index
