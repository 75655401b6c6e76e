"""Dto base class: JSON/XML entry points on a hand-written DTO shaped like generated code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest

rt: Any = sys.modules["_runtime"]
Dto: Any = rt.Dto
SS = "http://schemas.servicestack.net/types"
AR = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"


@dataclass(kw_only=True)
class GetAccessToken(Dto):  # type: ignore[misc]
    _xml_name: ClassVar[str] = "GetAccessToken"
    _xml_ns: ClassVar[str] = SS

    refresh_token: str | None = None
    meta: dict[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.refresh_token is not None:
            out["refreshToken"] = self.refresh_token
        if self.meta is not None:
            out["meta"] = dict(self.meta)
        return out

    @classmethod
    def from_dict(cls, data: Any, path: str = "$") -> GetAccessToken:
        d = rt.j_object(data, path)
        obj = cls()
        v = d.get("refreshToken")
        if v is not None:
            obj.refresh_token = rt.j_str(v, path, "refreshToken")
        v = d.get("meta")
        if v is not None:
            p = path + ".meta"
            obj.meta = {k: rt.j_str(x, p, k) for k, x in rt.j_object(v, p).items()}
        return obj

    def _write_xml(self, w: Any) -> None:
        if self.refresh_token is None:
            w.nil("RefreshToken", SS)
        else:
            w.text("RefreshToken", SS, self.refresh_token)
        if self.meta is None:
            w.nil("Meta", SS)
        else:
            w.start("Meta", SS, AR)
            for k, x in self.meta.items():
                w.start("KeyValueOfstringstring", AR)
                w.text("Key", AR, k)
                w.text("Value", AR, x)
                w.end()
            w.end()

    @classmethod
    def _read_xml(cls, el: Any, path: str) -> GetAccessToken:
        obj = cls()
        for child in el:
            if child.tag == "{" + SS + "}RefreshToken" and not rt.is_nil(child):
                obj.refresh_token = rt.x_str(child)
            elif child.tag == "{" + SS + "}Meta" and not rt.is_nil(child):
                obj.meta = {rt.x_str(kv[0]): rt.x_str(kv[1]) for kv in child}
        return obj


class NoCodec(Dto):  # type: ignore[misc]
    pass


def test_xml_round_trip_matches_page(page_text: Callable[[str, str, str], str]) -> None:
    text = page_text("myapp/GetAccessToken.txt", "<GetAccessToken xmlns:i=", "</GetAccessToken>")
    dto = GetAccessToken.from_xml(text)
    assert dto == GetAccessToken(refresh_token="String", meta={"String": "String"})
    assert dto.to_xml(indent=True) == text
    assert GetAccessToken.from_xml(dto.to_xml().encode("utf-8")) == dto


def test_xml_nil_members() -> None:
    xml = GetAccessToken().to_xml()
    assert xml == (
        '<GetAccessToken xmlns:i="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns="http://schemas.servicestack.net/types"><RefreshToken i:nil="true" />'
        '<Meta i:nil="true" /></GetAccessToken>'
    )
    assert GetAccessToken.from_xml(xml) == GetAccessToken()


def test_json_round_trip() -> None:
    dto = GetAccessToken(refresh_token="t\u00e9", meta={"k": "v"})
    assert dto.to_json() == '{"refreshToken":"t\u00e9","meta":{"k":"v"}}'
    assert (
        dto.to_json(indent=2)
        == '{\n  "refreshToken": "t\u00e9",\n  "meta": {\n    "k": "v"\n  }\n}'
    )
    assert GetAccessToken.from_json(dto.to_json()) == dto
    assert GetAccessToken.from_json(dto.to_json().encode("utf-8")) == dto


def test_json_errors_carry_paths() -> None:
    with pytest.raises(rt.DecodeError) as info:
        GetAccessToken.from_json('{"meta":{"k":1}}')
    assert str(info.value) == "$.meta.k: expected a string, got 1"
    with pytest.raises(rt.DecodeError, match=r"^\$: expected an object, got an array$"):
        GetAccessToken.from_json("[]")


def test_root_element_mismatch() -> None:
    with pytest.raises(rt.DecodeError) as info:
        GetAccessToken.from_xml('<GetAccessToken xmlns="urn:other"/>')
    assert str(info.value) == (
        "/: expected root element <GetAccessToken> in namespace "
        "'http://schemas.servicestack.net/types', got <GetAccessToken> in namespace "
        "'urn:other': the contract namespace differs; regenerate the DTOs from the service"
    )
    with pytest.raises(rt.DecodeError) as info:
        GetAccessToken.from_xml("<html><body>Error</body></html>")
    assert str(info.value) == (
        "/: expected root element <GetAccessToken> in namespace "
        "'http://schemas.servicestack.net/types', got <html> in namespace '': "
        "this is not a GetAccessToken document (an error page or another operation?)"
    )


def test_missing_codecs_raise_type_error() -> None:
    dto = NoCodec()
    with pytest.raises(TypeError, match=r"NoCodec does not implement to_dict\(\)"):
        dto.to_json()
    with pytest.raises(TypeError, match=r"NoCodec does not implement from_dict\(\)"):
        NoCodec.from_json("{}")
    with pytest.raises(TypeError, match="NoCodec has no XML codec"):
        dto.to_xml()
    with pytest.raises(TypeError, match="NoCodec has no XML codec"):
        NoCodec.from_xml("<NoCodec/>")

    class HalfXml(Dto):  # type: ignore[misc]
        _xml_name = "HalfXml"

    with pytest.raises(TypeError, match=r"HalfXml has no XML codec \(_write_xml"):
        HalfXml().to_xml()
    with pytest.raises(TypeError, match=r"HalfXml has no XML codec \(_read_xml"):
        HalfXml.from_xml("<HalfXml/>")
