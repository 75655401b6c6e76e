"""The payload's DataContract types for xsdata, as xsdata generates them from the service XSD.

DataContractSerializer's schema wraps collections in ``ArrayOf…`` types: ``Errors`` is an
``ArrayOfResponseError`` and every ``Meta`` an ``ArrayOfKeyValueOfstringstring`` in the
Arrays namespace. One shared ``XmlContext`` (as xsdata's docs advise) serves the parser and
the serializer; the stdlib ``XmlEventHandler`` is used (the faster one, xsdata PR #500).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from xsdata.formats.dataclass.context import XmlContext
from xsdata.formats.dataclass.parsers import XmlParser
from xsdata.formats.dataclass.parsers.handlers import XmlEventHandler
from xsdata.formats.dataclass.serializers import XmlSerializer
from xsdata.formats.dataclass.serializers.config import SerializerConfig

NS = "http://schemas.servicestack.net/types"
ARR = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _el(name: str, ns: str = NS) -> dict[str, str]:
    return {"name": name, "type": "Element", "namespace": ns}


@dataclass
class KeyValueOfstringstring:
    key: str | None = field(default=None, metadata=_el("Key", ARR))
    value: str | None = field(default=None, metadata=_el("Value", ARR))


@dataclass
class ArrayOfKeyValueOfstringstring:
    items: list[KeyValueOfstringstring] = field(
        default_factory=list, metadata=_el("KeyValueOfstringstring", ARR)
    )


@dataclass
class ResponseError:
    error_code: str | None = field(default=None, metadata=_el("ErrorCode"))
    field_name: str | None = field(default=None, metadata=_el("FieldName"))
    message: str | None = field(default=None, metadata=_el("Message"))
    meta: ArrayOfKeyValueOfstringstring | None = field(default=None, metadata=_el("Meta"))


@dataclass
class ArrayOfResponseError:
    items: list[ResponseError] = field(default_factory=list, metadata=_el("ResponseError"))


@dataclass
class ResponseStatus:
    error_code: str | None = field(default=None, metadata=_el("ErrorCode"))
    message: str | None = field(default=None, metadata=_el("Message"))
    stack_trace: str | None = field(default=None, metadata=_el("StackTrace"))
    errors: ArrayOfResponseError | None = field(default=None, metadata=_el("Errors"))
    meta: ArrayOfKeyValueOfstringstring | None = field(default=None, metadata=_el("Meta"))


@dataclass
class GetAccessTokenResponse:
    class Meta:
        name = "GetAccessTokenResponse"
        namespace = NS

    access_token: str | None = field(default=None, metadata=_el("AccessToken"))
    meta: ArrayOfKeyValueOfstringstring | None = field(default=None, metadata=_el("Meta"))
    response_status: ResponseStatus | None = field(default=None, metadata=_el("ResponseStatus"))


CONTEXT = XmlContext()
_PARSER = XmlParser(context=CONTEXT, handler=XmlEventHandler)
_SERIALIZER = XmlSerializer(
    context=CONTEXT, config=SerializerConfig(indent=None, xml_declaration=False)
)
_NS_MAP = {"i": XSI, None: NS, "d2p1": ARR}


def parse(text: str) -> GetAccessTokenResponse:
    """xsdata: XML text → dataclass tree."""
    return _PARSER.from_string(text, GetAccessTokenResponse)


def serialize(obj: GetAccessTokenResponse) -> str:
    """xsdata: dataclass tree → XML text."""
    return _SERIALIZER.render(obj, ns_map=_NS_MAP)


def to_plain(obj: GetAccessTokenResponse) -> dict[str, Any]:
    """The parsed tree as the payload's plain dict (to check it read everything)."""

    def meta(m: ArrayOfKeyValueOfstringstring | None) -> dict[str, str] | None:
        return None if m is None else {kv.key or "": kv.value or "" for kv in m.items}

    rs = obj.response_status
    assert rs is not None and rs.errors is not None
    err: Callable[[ResponseError], dict[str, Any]] = lambda e: {  # noqa: E731
        "errorCode": e.error_code,
        "fieldName": e.field_name,
        "message": e.message,
        "meta": meta(e.meta),
    }
    return {
        "accessToken": obj.access_token,
        "meta": meta(obj.meta),
        "responseStatus": {
            "errorCode": rs.error_code,
            "message": rs.message,
            "stackTrace": rs.stack_trace,
            "errors": [err(e) for e in rs.errors.items],
            "meta": meta(rs.meta),
        },
    }
