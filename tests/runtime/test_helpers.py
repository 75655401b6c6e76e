"""Helpers the generated code calls: at, xpath, write_object, key_value, open enums, j_key_*."""

from __future__ import annotations

import enum
import sys
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest

rt: Any = sys.modules["_runtime"]
Dto: Any = rt.Dto
SS = "http://schemas.servicestack.net/types"
AR = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"


def test_at_and_xpath() -> None:
    assert rt.at("$.a", "b") == "$.a.b"
    assert rt.at("$.a", 0) == "$.a[0]"
    assert rt.at("$", None) == "$"
    el = ET.Element("{urn:x}ResponseError")
    assert rt.xpath("/R/Errors", el) == "/R/Errors/ResponseError"
    assert rt.xpath("/R/Errors", el, 2) == "/R/Errors/ResponseError[2]"


@dataclass(kw_only=True)
class Inner(Dto):  # type: ignore[misc]
    _xml_name: ClassVar[str] = "Inner"
    _xml_ns: ClassVar[str] = SS
    code: str = ""

    def _write_xml(self, w: Any) -> None:
        w.text("Code", SS, self.code)


def test_write_object() -> None:
    w = rt.XmlWriter()
    w.start_root("R", "urn:r")
    rt.write_object(w, "Status", "urn:r", SS, Inner(code="x"))
    rt.write_object(w, "Missing", "urn:r", SS, None)
    w.end()
    assert w.getvalue() == (
        f'<R xmlns:i="{rt.NS_XSI}" xmlns="urn:r"><Status xmlns:d2p1="{SS}">'
        '<d2p1:Code>x</d2p1:Code></Status><Missing i:nil="true" /></R>'
    )


def test_key_value() -> None:
    item = rt.parse_xml(
        f'<KeyValueOfintstring xmlns="{AR}"><Key>1</Key><Value>a</Value></KeyValueOfintstring>'
    )
    key, value = rt.key_value(item, "/R/Meta")
    assert (rt.x_int(key, "/R/Meta"), rt.x_str(value)) == (1, "a")
    bad = rt.parse_xml(f'<KeyValueOfintstring xmlns="{AR}"><Value>a</Value></KeyValueOfintstring>')
    with pytest.raises(rt.DecodeError) as info:
        rt.key_value(bad, "/R/Meta")
    assert str(info.value) == (
        "/R/Meta/KeyValueOfintstring: expected <Key> then <Value>, got <Value>"
    )
    with pytest.raises(rt.DecodeError, match="got no children"):
        rt.key_value(ET.Element("KeyValueOfintstring"), "/R")


def test_x_text_dict() -> None:
    kv = "KeyValueOfstringstring"
    meta = rt.parse_xml(
        f'<Meta xmlns:a="{AR}" xmlns:i="{rt.NS_XSI}" xmlns:o="urn:o">'
        f"<a:{kv}><a:Key>k</a:Key><a:Value>v</a:Value></a:{kv}>"
        f"<a:{kv}><a:Key /><a:Value /></a:{kv}>"
        f'<a:{kv}><o:Key>o</o:Key><o:Value x="1">w</o:Value></a:{kv}></Meta>'
    )
    assert rt.x_text_dict(meta, "/R/Meta") == {"k": "v", "": "", "o": "w"}
    nil = rt.parse_xml(
        f'<Meta xmlns:a="{AR}" xmlns:i="{rt.NS_XSI}">'
        f'<a:{kv}><a:Key>k</a:Key><a:Value i:nil="true" /></a:{kv}></Meta>'
    )
    with pytest.raises(rt.DecodeError) as info:
        rt.x_text_dict(nil, "/R/Meta")
    assert str(info.value) == f"/R/Meta/{kv}: null dictionary values are not supported"


class Grant(str, enum.Enum):  # noqa: UP042 - the form templates/enum.py.jinja emits
    CODE = "authorization_code"

    @classmethod
    def _missing_(cls, value: object) -> Grant | None:
        result: Grant | None = rt.open_enum_member(cls, value)
        return result


def test_open_enum_members() -> None:
    other = rt.j_enum(Grant, "password", "$")
    assert isinstance(other, Grant)
    assert (other.value, other.name) == ("password", "password")
    assert other == Grant("password")
    assert list(Grant) == [Grant.CODE]
    assert rt.j_enum(Grant, "authorization_code", "$") is Grant.CODE
    el = ET.Element("G")
    el.text = " authorization_code "
    assert rt.x_enum(Grant, el, "/R") is Grant.CODE  # known value wins over an open member
    el.text = "device_code"
    assert rt.x_enum(Grant, el, "/R").value == "device_code"
    with pytest.raises(rt.DecodeError, match="expected one of 'authorization_code'"):
        rt.j_enum(Grant, 5, "$")


def test_j_key() -> None:
    assert rt.j_key_int("0", "$.m") == 0
    assert rt.j_key_long("-9223372036854775808", "$.m") == -(2**63)
    assert rt.j_key_ushort is rt.j_key_int
    for bad in ["", " 1", "1_0", "x", "\u0661"]:
        with pytest.raises(rt.DecodeError) as info:
            rt.j_key_int(bad, "$.m")
        assert str(info.value) == f"$.m.{bad}: expected an integer key, got {bad!r}"
    g = uuid.UUID(int=1)
    assert rt.j_key_Guid(g.hex, "$.m") == g
    with pytest.raises(rt.DecodeError, match=r"^\$\.m\.nope: expected a GUID"):
        rt.j_key_Guid("nope", "$.m")


class Scope(enum.StrEnum):
    READ = "read"

    @classmethod
    def _missing_(cls, value: object) -> Scope | None:
        result: Scope | None = rt.open_enum_member(cls, value)
        return result


def test_open_str_enum() -> None:
    other = rt.j_enum(Scope, "write", "$")
    assert isinstance(other, Scope)
    assert (other.value, str(other)) == ("write", "write")
