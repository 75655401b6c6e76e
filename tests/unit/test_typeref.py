from __future__ import annotations

import pytest

from generator.typeref import TypeRef, TypeSyntaxError, parse_type

S = TypeRef("string")


@pytest.mark.parametrize(
    ("text", "syntax", "expected"),
    [
        ("string", "csharp", S),
        ("String", "vbnet", S),
        ("Integer", "vbnet", TypeRef("int")),
        ("long?", "csharp", TypeRef("long", nullable=True)),
        ("Nullable(Of Integer)", "vbnet", TypeRef("int", nullable=True)),
        ("List<string>", "csharp", TypeRef("List", (S,))),
        ("List(Of String)", "vbnet", TypeRef("List", (S,))),
        ("String()", "vbnet", TypeRef("Array", (S,))),
        ("string[]", "csharp", TypeRef("Array", (S,))),
        ("byte[]", "csharp", TypeRef("Array", (TypeRef("byte"),))),
        ("Dictionary<string, string>", "csharp", TypeRef("Dictionary", (S, S))),
        ("Dictionary(Of String, List(Of Integer))", "vbnet",
         TypeRef("Dictionary", (S, TypeRef("List", (TypeRef("int"),))))),
        ("Optional[Dict[str, str]]", "python", TypeRef("Dictionary", (S, S), nullable=True)),
        ("Optional[ResponseStatus]", "python", TypeRef("ResponseStatus", nullable=True)),
        ("datetime.datetime", "python", TypeRef("DateTime")),
        ("integer", "webapi", TypeRef("long")),
        ("decimal number", "webapi", TypeRef("decimal")),
        ("Collection of string", "webapi", TypeRef("List", (S,))),
        ("Dictionary of string [key] and integer [value]", "webapi",
         TypeRef("Dictionary", (S, TypeRef("long")))),
        ("OIDCGrantType", "csharp", TypeRef("OIDCGrantType")),
        ("System.Int32", "csharp", TypeRef("int")),
    ],
)  # fmt: skip
def test_parse_type(text: str, syntax: str, expected: TypeRef) -> None:
    assert parse_type(text, syntax) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["List<string>", "long?", "string[]", "Dictionary<int, List<Item>>"]
)
def test_text_form_round_trips(text: str) -> None:
    assert str(parse_type(text, "csharp")) == text


@pytest.mark.parametrize("text", ["", "List<", "a b", "1abc", "x; import os"])
def test_bad_type_text_is_rejected(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse_type(text, "csharp")


def test_properties() -> None:
    assert parse_type("byte[]", "csharp").is_bytes
    assert not parse_type("byte[]", "csharp").is_list
    assert parse_type("List<Item>", "csharp").named_types() == ["Item"]
