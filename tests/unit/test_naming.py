from __future__ import annotations

import pytest

from generator.diagnostics import Diagnostics
from generator.ir import Field, Layout, Spec, TypeDef
from generator.naming import (
    assign_names,
    class_name,
    enum_member_name,
    servicestack_snake,
    snake_case,
)
from generator.typeref import TypeRef


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ClientID", "client_id"),
        ("HttpStatusCode", "http_status_code"),
        ("IDToken", "id_token"),
        ("access_token", "access_token"),
        ("Error", "error"),
        ("Async", "async_"),
        ("await", "await_"),
        ("match", "match_"),
        ("type", "type_"),
        ("to_json", "to_json_"),
        ("1st", "field_1st"),
        ("", "field"),
        ("Ünïcode", "unicode"),
        ("a" * 500, "a" * 80),
    ],
)
def test_snake_case(name: str, expected: str) -> None:
    assert snake_case(name) == expected


def test_servicestack_snake_matches_servicestack() -> None:
    assert servicestack_snake("ClientID") == "client_i_d"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("GetAccessToken", "GetAccessToken"), ("class", "class_"), ("Any", "Any_"), ("1A", "T1A"),
     ("../etc", "etc"), ("QueryResponse`1", "QueryResponse")],
)  # fmt: skip
def test_class_name(name: str, expected: str) -> None:
    assert class_name(name) == expected


def test_enum_member_name() -> None:
    assert enum_member_name("authorization_code") == "AUTHORIZATION_CODE"
    assert enum_member_name("Desktop") == "DESKTOP"


def _type(name: str, fields: list[str], base: str | None = None) -> TypeDef:
    empty = Layout(members=(), evidence="rule")
    return TypeDef(
        name=name,
        xml_namespace="urn:x",
        base=TypeRef(base) if base else None,
        fields=tuple(Field(name=f, type=TypeRef("string")) for f in fields),
        json=empty,
        xml=empty,
    )


def test_inherited_collision_keeps_both_fields() -> None:
    spec = Spec(
        service="s",
        kind="servicestack",
        json_style="servicestack",
        types=(_type("Base", ["ClientID"]), _type("Req", ["client_id"], base="Base")),
    )
    diags = Diagnostics()
    names = assign_names(spec, diags)
    assert names.fields[("Req", "client_id")] == "client_id"
    assert names.fields[("Base", "ClientID")] == "client_i_d"
    assert [d.level for d in diags] == ["warning"]
    assert "Base.ClientID" in diags.items[0].message


def test_names_are_deterministic() -> None:
    spec = Spec(service="s", kind="servicestack", json_style="servicestack",
                types=(_type("A", ["X", "x", "_x"]),))  # fmt: skip
    first = assign_names(spec, Diagnostics())
    assert first == assign_names(spec, Diagnostics())
    assert len(set(first.fields.values())) == 3
