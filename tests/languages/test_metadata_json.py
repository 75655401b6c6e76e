"""/types/metadata (MetadataTypes JSON) as a source: records, operations, broken input."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diagnostics import Diagnostics
from generator.scrape.metadata_json import looks_like_metadata_json, parse_metadata_json
from generator.scrape.records import EnumMemberRecord, TypeRecord
from tests.scrape.code.code_helpers import attr, m

SRC = "metadata"
FIXTURE = Path(__file__).parent / "fixtures" / "metadata" / "bookings.json"

EXPECTED = (
    TypeRecord(
        name="RoomType",
        source=SRC,
        line=11,
        kind="enum",
        namespace="MyApp.ServiceModel",
        enum_members=(
            EnumMemberRecord(name="Single", line=11, wire_value="Single"),
            EnumMemberRecord(
                name="JavaLite",
                line=11,
                wire_value="java-lite",
                description="Lightweight client room",
            ),
            EnumMemberRecord(name="Suite", line=11, wire_value="Suite"),
        ),
    ),
    TypeRecord(
        name="Days",
        source=SRC,
        line=19,
        kind="enum",
        namespace="MyApp.ServiceModel",
        enum_members=(
            EnumMemberRecord(name="None", line=19, value="0"),
            EnumMemberRecord(name="Monday", line=19, value="1"),
            EnumMemberRecord(name="Weekend", line=19, value="96"),
        ),
        attributes=(attr("Flags", 19),),
        is_flags=True,
    ),
    TypeRecord(
        name="AuditBase",
        source=SRC,
        line=28,
        namespace="MyApp.ServiceModel",
        members=(
            m("CreatedDate", "DateTime", 28),
            m("CreatedBy", "String", 28, description="Who created it"),
            m("DeletedDate", "Nullable<DateTime>", 28),
        ),
    ),
    TypeRecord(
        name="Booking",
        source=SRC,
        line=38,
        namespace="MyApp.ServiceModel",
        base="AuditBase",
        members=(
            m("Id", "Int32", 38, order=1),
            m("RoomType", "RoomType", 38, wire_name="room_type", order=2),
            m("Tags", "List<String>", 38, order=3),
            m("Cursors", "Dictionary<String,List<Int32>>", 38, order=4),
            m("Days", "Days", 38, order=5),
            m("Cost", "Decimal", 38, order=6, attributes=(attr("Range", 38, "0", "1000"),)),
        ),
        attributes=(
            attr(
                "DataContract", 38, Name="Booking", Namespace="http://schemas.example.org/bookings"
            ),
        ),
    ),
    TypeRecord(
        name="PagedResult",
        source=SRC,
        line=56,
        namespace="MyApp.ServiceModel",
        generic_params=("T",),
        members=(
            m("Offset", "Int32", 56),
            m("Results", "List<T>", 56),
            m("ResponseStatus", "ResponseStatus", 56),
        ),
    ),
    TypeRecord(
        name="GetBookingsPage",
        source=SRC,
        line=75,
        namespace="MyApp.ServiceModel",
        description="One page of bookings",
        interfaces=("IGet", "IReturn<PagedResult<Booking>>"),
        members=(
            m("Page", "Int32", 75, required=True, param_type="path"),
            m("RoomTypes", "List<RoomType>", 75, allowable_values=("Single", "JavaLite", "Suite")),
        ),
        attributes=(
            attr("Route", 75, "/bookings/page/{Page}", "GET", Summary="Page through bookings"),
            attr("Tag", 75, "bookings"),
        ),
    ),
    TypeRecord(
        name="CreateBooking",
        source=SRC,
        line=95,
        namespace="MyApp.ServiceModel",
        interfaces=("IPost", "IReturn<IdResponse>"),
        members=(
            m("Name", "String", 95, required=True),
            m("RoomType", "RoomType", 95),
            m("Signature", "Byte[]", 95),
        ),
        attributes=(attr("Route", 95, "/bookings", "POST"),),
    ),
    TypeRecord(name="IdResponse", source=SRC, line=104, namespace="ServiceStack"),
    TypeRecord(
        name="DeleteBooking",
        source=SRC,
        line=111,
        namespace="MyApp.ServiceModel",
        interfaces=("IDelete", "IReturnVoid"),
        members=(m("Id", "Int32", 111),),
        attributes=(
            attr("Route", 111, "/bookings/{Id}", "DELETE"),
            attr("Route", 111, "/bookings/delete"),
        ),
    ),
)


def test_fixture_records() -> None:
    diags = Diagnostics()
    page = parse_metadata_json("bookings.json", FIXTURE.read_text(encoding="utf-8"), diags)
    assert page is not None
    assert (page.kind, page.operation, page.code) == ("servicestack", None, None)
    assert page.types == EXPECTED
    assert list(diags) == []


def test_detection() -> None:
    assert looks_like_metadata_json("", "x/types.JSON")
    assert looks_like_metadata_json('  {"types": [], "operations": []}', "page.txt")
    assert not looks_like_metadata_json('{"types": []}', "page.txt")
    assert not looks_like_metadata_json("GetThing\n{", "page.txt")


def test_one_line_json_and_a_request_also_listed_in_types() -> None:
    doc = {
        "types": [{"name": "Hello", "properties": [{"name": "Name", "type": "String"}]}],
        "operations": [
            {
                "request": {"name": "Hello"},
                "returnType": {"name": "HelloResponse"},
                "routes": [{"path": "/hello/{Name}", "verbs": "ANY", "notes": "n"}],
            }
        ],
    }
    diags = Diagnostics()
    page = parse_metadata_json("h.json", json.dumps(doc), diags)
    assert page is not None
    assert page.types == (
        TypeRecord(
            name="Hello",
            source=SRC,
            line=1,
            interfaces=("IReturn<HelloResponse>",),
            members=(m("Name", "String", 1),),
            attributes=(attr("Route", 1, "/hello/{Name}", "ANY", Notes="n"),),
        ),
    )
    assert list(diags) == []


def test_errors_and_skipped_entries() -> None:
    diags = Diagnostics()
    assert parse_metadata_json("a.json", '{"types": [', diags) is None
    assert parse_metadata_json("b.json", "[1, 2]", diags) is None
    page = parse_metadata_json(
        "c.json",
        '{"types": [{"nom": 1}, 5, {"name": "A", "properties": [{"type": "String"}, "x"]}],'
        ' "operations": [{"request": {}}, "y"]}',
        diags,
    )
    assert page is not None
    assert page.types == (TypeRecord(name="A", source=SRC, line=1),)
    assert [(d.level, d.where) for d in diags] == [
        ("error", "a.json:1"),
        ("error", "b.json"),
        ("warning", "c.json:1"),
        ("warning", "c.json:1"),
    ]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(
        st.sampled_from(
            [
                *("name", "types", "operations", "request", "response", "properties", "type"),
                *("genericArgs", "isEnum", "enumNames", "enumValues", "routes", "path"),
                *("inherits", "attributes", "dataMember", "order", "returnType", "args"),
                "isGenericTypeDef",
            ]
        ),
        inner,
        max_size=5,
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(doc=_JSON)
def test_arbitrary_json_never_raises(doc: object) -> None:
    diags = Diagnostics()
    page = parse_metadata_json("r.json", json.dumps(doc), diags)
    assert page is not None or diags.has_errors
