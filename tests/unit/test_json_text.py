"""generator.json_text: f-string literals that mean what they say and statements black keeps."""

from __future__ import annotations

from typing import Any

import black
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.formatting import _settled
from generator.json_text import (
    Lit,
    TextMember,
    class_text,
    fstring,
    fstring_statement,
    json_key,
    text_expr,
)
from generator.render import BLACK_MODE
from generator.typemap import TypeCtx
from generator.typeref import TypeRef

TRICKY = ['a"b', "it's", 'it\'s "q"', "''\"", "\\", "{x}", "}{", "é€😀", "\x7f\u2028", "\\'"]
names = st.one_of(st.sampled_from(TRICKY), st.text(max_size=30))


def _same_as_black(source: str) -> None:
    assert black.format_str(source, mode=BLACK_MODE) == source
    if max(map(len, source.splitlines())) <= BLACK_MODE.line_length:
        assert _settled(source, BLACK_MODE.line_length)  # generate keeps it without black


@settings(max_examples=200, deadline=None)
@given(name=names, value=st.text(max_size=5))
def test_fstring_holds_the_json_text_and_black_keeps_its_quotes(name: str, value: str) -> None:
    literal = fstring([Lit("{" + json_key(name) + ":"), "v", Lit("}")])
    assert literal.isascii()
    assert eval(literal, {"v": value}) == "{" + json_key(name) + ":" + value + "}"
    _same_as_black(f"x = {literal}\n")


def test_quotes_follow_black() -> None:
    assert fstring([Lit(',"a":'), "v"]) == "f',\"a\":{v}'"
    assert fstring([Lit("{"), "k", Lit(":")]) == 'f"{{{k}:"'
    assert fstring([Lit("'''\""), "v"]) == "f\"'''\\\"{v}\""  # fewer escapes in double quotes
    assert (
        fstring([Lit("'"), '"null" if v is None else v']) == "f'\\'{\"null\" if v is None else v}'"
    )


def _members(n: int, width: int) -> list[TextMember]:
    return [
        TextMember(f"v{i}", json_key("m" * width + str(i)), f"_rt.jt_str(v{i})", i % 2 == 0, False)
        for i in range(n)
    ]


@settings(max_examples=80, deadline=None)
@given(n=st.integers(0, 7), width=st.integers(1, 45))
def test_class_text_is_black_stable(n: int, width: int) -> None:
    view = class_text("Klass" + "x" * width, _members(n, width))
    lines = ["class C:", "    def _json_text(self) -> str:", "        " + view.guard]
    lines.append("            return _rt.jt_any(self.to_dict())")
    if view.present:
        lines += ["        " + view.present, "            " + view.whole]
        if view.rest:
            lines.append("        " + view.rest)
        else:
            lines.append('        s = ""')
            for m, piece in zip(_members(n, width), view.pieces, strict=True):
                if m.nullable:
                    lines += [f"        if {m.var} is not None:", "            " + piece]
                else:
                    lines.append("        " + piece)
            lines.append('        return "{" + s[1:] + "}"')
    else:
        lines.append("        " + view.whole)
    _same_as_black("\n".join(lines) + "\n")


@pytest.mark.parametrize("width", range(30, 100, 3))
def test_long_fstrings_are_cut_between_units(width: int) -> None:
    key = json_key("k" * width)
    units = [(Lit("{" + key + ":"), "jt(v0)"), (Lit(',"b":'), "v1", Lit("}"))]
    statement = fstring_statement(8, "return ", units)
    source = f"def f(v0, v1):\n    if v0:\n        {statement}\n"
    assert black.format_str(source, mode=BLACK_MODE) == source
    if max(map(len, source.splitlines())) <= 100:
        assert _settled(source, BLACK_MODE.line_length)
    scope: dict[str, Any] = {"jt": json_key}
    exec(source, scope)
    assert scope["f"]("x", 1) == "{" + key + ':"x","b":1}'


@pytest.mark.parametrize(
    ("type_name", "expected", "as_str"),
    [
        ("string", "_rt.jt_str(v)", "_rt.jt_str(v)"),
        ("char", "_rt.jt_str(v)", "_rt.jt_str(v)"),
        ("int", "v if type(v) is int else _rt.jt_any(v)", "str(v) if type(v) is int else _rt.jt_any(v)"),
        ("ulong", "v if type(v) is int else _rt.jt_any(v)", "str(v) if type(v) is int else _rt.jt_any(v)"),
        ("bool", "_rt.jt_bool(v)", "_rt.jt_bool(v)"),
        ("double", "_rt.jt_float(v)", "_rt.jt_float(v)"),
        ("decimal", "_rt.jt_decimal(v)", "_rt.jt_decimal(v)"),
        ("object", "_rt.jt_any(v)", "_rt.jt_any(v)"),
        ("DateTime", "_rt.jt_str(_rt.json_dt(v))", "_rt.jt_str(_rt.json_dt(v))"),
        ("Guid", "_rt.jt_str(_rt.json_guid(v))", "_rt.jt_str(_rt.json_guid(v))"),
        ("Flags", "v.value", "str(v.value)"),
        ("Color", "_rt.jt_str(v.value)", "_rt.jt_str(v.value)"),
        ("Thing", "v._json_text()", "v._json_text()"),
    ],
)  # fmt: skip
def test_text_expressions(type_name: str, expected: str, as_str: str) -> None:
    ctx = TypeCtx(
        classes={"Thing": "Thing"},
        enums={"Color": "Color", "Flags": "Flags"},
        enum_defaults={},
        xml_ns={},
        flags={"Flags": "_FLAGS_Flags"},
    )
    assert text_expr(TypeRef(type_name), "v", ctx) == expected
    assert text_expr(TypeRef(type_name), "v", ctx, in_fstring=False) == as_str


def test_containers_and_jsonnet_formats() -> None:
    ctx = TypeCtx(classes={}, enums={}, enum_defaults={}, xml_ns={}, jsonnet=True)
    assert text_expr(TypeRef("List", (TypeRef("string"),)), "v", ctx) == "_jt_list_string(v)"
    assert text_expr(TypeRef("DateTime"), "v", ctx) == "_rt.jt_str(_rt.x_datetime_text(v))"
    assert text_expr(TypeRef("Array", (TypeRef("byte"),)), "v", ctx) == "_rt.jt_str(_rt.b64(v))"
