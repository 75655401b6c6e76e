"""Reading and writing specs: the fast paths give exactly what the plain ones gave.

The references below are the straightforward implementations ``generator.ir_io`` used
before it was tuned (``json.dumps`` over dicts; ``typing`` introspection per value).
"""

from __future__ import annotations

import dataclasses
import json
import pickle
import types
import typing
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.client_views import build_client_view
from generator.diagnostics import Diagnostics, GeneratorError
from generator.ir import (
    EnumDef,
    EnumMember,
    Field,
    Layout,
    Operation,
    Route,
    Sample,
    Source,
    Spec,
    TypeDef,
    WireMember,
)
from generator.ir_io import _from_jsonable, dumps_json, dumps_spec, loads_spec
from generator.typeref import TypeRef, parse_type
from generator.views import build_module_view

from ..conftest import SERVICES, SPECS

# -- references ---------------------------------------------------------------------------


def _reference_jsonable(value: Any) -> Any:
    if isinstance(value, TypeRef):
        return value.to_json()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _reference_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
        }
    if isinstance(value, tuple):
        return [_reference_jsonable(v) for v in value]
    return value


def _reference_dumps(spec: Any) -> str:
    return _json_dumps(_reference_jsonable(spec)) + "\n"


def _json_dumps(value: Any) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def _reference_decode(tp: Any, value: Any, path: str) -> Any:
    if tp is TypeRef:
        return parse_type(value, "csharp")
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _reference_decode(inner, value, path)
    if typing.get_origin(tp) is tuple:
        inner = typing.get_args(tp)[0]
        return tuple(_reference_decode(inner, v, f"{path}[{i}]") for i, v in enumerate(value))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        kwargs = {
            f.name: _reference_decode(hints[f.name], value[f.name], f"{path}.{f.name}")
            for f in dataclasses.fields(tp)
            if f.name in value
        }
        return tp(**kwargs)
    return value


# -- bundled specs ------------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_bundled_specs_read_and_write_as_before(service: str) -> None:
    text = (SPECS / f"{service}.json").read_text("utf-8")
    spec = loads_spec(text, f"specs/{service}.json")
    assert spec == _reference_decode(Spec, json.loads(text), "$")
    assert dumps_spec(spec) == _reference_dumps(spec) == text


# -- the JSON writer against json.dumps ---------------------------------------------------

TEXT = st.text() | st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0xDFFF))
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([2**64, -(2**70), 0])
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([0.0, -0.0, 1e16, 1e-7, 5e-324, float("inf"), float("-inf")])
    | TEXT
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_dumps_json_writes_what_json_dumps_writes(value: Any) -> None:
    assert dumps_json(value) == _json_dumps(value)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        [[], {}, [[]], {"a": {}}],
        {1: "a", 2.5: "b", -3: "c"},
        {True: 1},
        {False: [None], "false": 0},
        {None: 0},
        {float("nan"): 1},
        {True: 1, None: 2},
        {"a": 1, 2: 3},
        {(1, 2): 3},
        [object()],
        {"a": {1, 2}},
        b"bytes",
        'é\u2028\x00"\\',
    ],
)
def test_dumps_json_accepts_and_refuses_what_json_dumps_does(value: Any) -> None:
    def outcome(dump: Any) -> tuple[str, str]:
        try:
            return "text", dump(value)
        except (TypeError, ValueError) as exc:
            return type(exc).__name__, str(exc)

    assert outcome(dumps_json) == outcome(_json_dumps)


# -- generated specs ----------------------------------------------------------------------

TYPE_TEXTS = ["string", "long?", "List<string>", "int[]", "Dictionary<string, List<Foo>>", "Foo"]
TYPEREFS = st.sampled_from([parse_type(t, "csharp") for t in TYPE_TEXTS])
SOURCES = st.lists(
    st.builds(Source, page=TEXT, section=TEXT, line=st.integers(0, 2**40)), max_size=2
).map(tuple)
OPTIONAL_TEXT = st.none() | TEXT
WORDS = st.lists(TEXT, max_size=2).map(tuple)
LAYOUTS = st.builds(
    Layout,
    members=st.lists(
        st.builds(WireMember, field=TEXT, declared_in=TEXT, wire_name=TEXT), max_size=2
    ).map(tuple),
    evidence=st.sampled_from(["sample", "rule"]),
    sources=SOURCES,
)
FIELDS = st.builds(
    Field,
    name=TEXT,
    type=TYPEREFS,
    description=OPTIONAL_TEXT,
    required=st.booleans(),
    allowable_values=WORDS,
    param_type=OPTIONAL_TEXT,
    sources=SOURCES,
)
TYPEDEFS = st.builds(
    TypeDef,
    name=TEXT,
    namespace=OPTIONAL_TEXT,
    xml_namespace=TEXT,
    xml_name=OPTIONAL_TEXT,
    base=st.none() | TYPEREFS,
    interfaces=WORDS,
    generic_params=WORDS,
    description=OPTIONAL_TEXT,
    builtin=st.booleans(),
    fields=st.lists(FIELDS, max_size=2).map(tuple),
    json=LAYOUTS,
    xml=LAYOUTS,
    sources=SOURCES,
)
ENUMS = st.builds(
    EnumDef,
    name=TEXT,
    namespace=OPTIONAL_TEXT,
    xml_namespace=TEXT,
    members=st.lists(
        st.builds(
            EnumMember,
            name=TEXT,
            wire=TEXT,
            value=st.none() | st.integers(),
            description=OPTIONAL_TEXT,
        ),
        max_size=2,
    ).map(tuple),
    flags=st.booleans(),
    complete=st.booleans(),
    description=OPTIONAL_TEXT,
    sources=SOURCES,
)
OPERATIONS = st.builds(
    Operation,
    name=TEXT,
    request=TEXT,
    response=OPTIONAL_TEXT,
    routes=st.lists(
        st.builds(Route, verbs=WORDS, path=TEXT, summary=OPTIONAL_TEXT, notes=OPTIONAL_TEXT),
        max_size=2,
    ).map(tuple),
    tags=WORDS,
    description=OPTIONAL_TEXT,
    sources=SOURCES,
)
SAMPLES = st.builds(
    Sample,
    operation=TEXT,
    direction=st.sampled_from(["request", "response"]),
    format=st.sampled_from(["json", "xml", "jsv", "csv", "soap11", "soap12"]),
    media_type=TEXT,
    body=TEXT,
    source=st.builds(Source, page=TEXT, section=TEXT, line=st.integers(0, 9)),
)
SPECS_ = st.builds(
    Spec,
    service=TEXT,
    title=OPTIONAL_TEXT,
    kind=st.sampled_from(["servicestack", "webapi"]),
    json_style=st.sampled_from(["servicestack", "jsonnet"]),
    types=st.lists(TYPEDEFS, max_size=3).map(tuple),
    enums=st.lists(ENUMS, max_size=2).map(tuple),
    operations=st.lists(OPERATIONS, max_size=2).map(tuple),
    samples=st.lists(SAMPLES, max_size=2).map(tuple),
)


@settings(max_examples=100, deadline=None)
@given(SPECS_)
def test_generated_specs_write_and_decode_as_before(spec: Spec) -> None:
    text = dumps_spec(spec)
    assert text == _reference_dumps(spec)
    data = json.loads(text)
    decoded = _from_jsonable(Spec, data, "$")
    assert decoded == spec
    assert decoded == _reference_decode(Spec, data, "$")


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (("types", 1, "fields", 0, "type"), "$.types[1].fields[0].type"),
        (("types", 0, "base"), "$.types[0].base"),
    ],
)
def test_a_bad_type_text_is_refused_with_its_path(where: tuple[Any, ...], path: str) -> None:
    data = json.loads((SPECS / "bookings.json").read_text("utf-8"))
    node = data
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = "List<"
    with pytest.raises(ValueError) as caught:
        _from_jsonable(Spec, data, "$")
    assert str(caught.value) == f"{path}: not a type name: 'List<'"
    with pytest.raises(GeneratorError) as refused:
        loads_spec(json.dumps(data), "specs/bookings.json")
    (d,) = refused.value.diagnostics
    assert (d.where, d.message) == ("specs/bookings.json", f"{path}: not a type name: 'List<'")


# -- Spec.type_named / enum_named ---------------------------------------------------------


def _type(name: str, base: str | None = None, ns: str = "urn:x") -> TypeDef:
    empty = Layout(members=(), evidence="rule")
    return TypeDef(
        name=name,
        xml_namespace=ns,
        base=TypeRef(base) if base else None,
        json=empty,
        xml=empty,
    )


def test_lookups_find_the_first_of_a_name_and_leave_the_value_alone() -> None:
    first, second = _type("A", ns="urn:first"), _type("A", ns="urn:second")
    colour = EnumDef(name="Colour", xml_namespace="urn:e", members=())
    spec = Spec(
        service="s",
        kind="servicestack",
        json_style="servicestack",
        types=(_type("B"), first, second),
        enums=(colour, EnumDef(name="Colour", xml_namespace="urn:f", members=())),
    )
    fresh = dataclasses.replace(spec)
    text, text_repr, digest = dumps_spec(spec), repr(spec), hash(spec)
    assert spec.type_named("A") is first
    assert spec.type_named("B") is spec.types[0]
    assert spec.type_named("C") is None
    assert spec.enum_named("Colour") is colour
    assert spec.enum_named("A") is None
    assert (spec == fresh, hash(spec), repr(spec), dumps_spec(spec)) == (
        True,
        digest,
        text_repr,
        text,
    )
    assert [f.name for f in dataclasses.fields(spec)] == [f.name for f in dataclasses.fields(fresh)]
    copied = pickle.loads(pickle.dumps(spec))
    assert copied == spec and copied.type_named("A") == first
    assert dataclasses.replace(spec, types=(second,)).type_named("A") is second


def test_client_overloads_that_overlap_a_later_base_overload_are_marked() -> None:
    types_ = (
        _type("BaseReq"),
        _type("MidReq", "BaseReq"),
        _type("LeafReq", "MidReq"),
        _type("Leaf2Req", "BaseReq"),
        _type("VoidReq", "BaseReq"),
        _type("OtherReq"),
        _type("BaseResp"),
        _type("MidResp"),
        _type("LeafResp", "BaseResp"),
        _type("Leaf2Resp", "BaseResp"),
    )
    ops = (
        Operation(name="Base", request="BaseReq", response="BaseResp"),
        Operation(name="Mid", request="MidReq", response="MidResp"),
        Operation(name="Leaf", request="LeafReq", response="LeafResp"),
        Operation(name="Leaf2", request="Leaf2Req", response="Leaf2Resp"),
        Operation(name="Void", request="VoidReq", response=None),
        Operation(name="Other", request="OtherReq", response=None),
    )
    spec = Spec(
        service="s", kind="servicestack", json_style="servicestack", types=types_, operations=ops
    )
    view = build_client_view(spec, Diagnostics(), build_module_view(spec, Diagnostics()))
    assert [(o.request, o.ignore_overlap) for o in view.operations] == [
        ("LeafReq", True),  # LeafResp is no MidResp
        ("Leaf2Req", False),  # Leaf2Resp is a BaseResp
        ("MidReq", True),
        ("VoidReq", True),  # None is no BaseResp
        ("BaseReq", False),
        ("OtherReq", False),
    ]
