"""JavaScript DTO code parser: a realistic multi-type file and broken input."""

from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import EnumMemberRecord, TypeRecord
from tests.scrape.code.code_helpers import attr, levels, m, parse_fixture

SRC = "code:javascript"

EXPECTED = (
    TypeRecord(
        name="RoomType",
        source=SRC,
        line=12,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="Single", line=14, wire_value="Single"),
            EnumMemberRecord(name="JavaLite", line=15, wire_value="java-lite"),
            EnumMemberRecord(name="Suite", line=16, wire_value="Suite"),
        ),
    ),
    TypeRecord(
        name="Days",
        source=SRC,
        line=20,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="None", line=22, value="0"),
            EnumMemberRecord(name="Monday", line=23, value="1"),
            EnumMemberRecord(name="Weekend", line=24, value="96"),
        ),
        attributes=(attr("Flags", 18),),
        is_flags=True,
    ),
    TypeRecord(
        name="PagedResult",
        source=SRC,
        line=27,
        generic_params=("T",),
        members=(
            m("offset", "number", 31),
            m("results", "T[]", 33),
        ),
    ),
    TypeRecord(
        name="QueryBookings",
        source=SRC,
        line=37,
        base="QueryDb",
        description="Find bookings",
        interfaces=("IGet", "IReturn<QueryResponse>"),
        members=(
            m("id", "?number", 41),
            m("types", "RoomType[]", 45, description="Filter by room type"),
        ),
        attributes=(attr("Route", 36, "/bookings", "GET"),),
    ),
    TypeRecord(
        name="CreateBooking",
        source=SRC,
        line=52,
        interfaces=("IPost", "IReturn<IdResponse>"),
        members=(
            m(
                "name",
                "string",
                58,
                required=True,
                order=1,
                attributes=(
                    attr("DataMember", 55, Order="1"),
                    attr("Required", 56),
                ),
            ),
            m(
                "roomType",
                "RoomType",
                61,
                wire_name="room_type",
                order=2,
                attributes=(attr("DataMember", 59, Name="room_type", Order="2"),),
            ),
            m("cursors", "{ [index: string]: number[]; }", 63),
        ),
        attributes=(
            attr("Route", 50, "/bookings", "POST"),
            attr("DataContract", 51),
        ),
    ),
    TypeRecord(
        name="DeleteBooking",
        source=SRC,
        line=68,
        interfaces=("IDelete", "IReturnVoid"),
        members=(m("id", "number", 72),),
    ),
)


def parse(text: str, first_line: int = 1) -> tuple[tuple[TypeRecord, ...], Diagnostics]:
    diags = Diagnostics()
    return parse_code("JavaScript", text, first_line, "x", diags), diags


def test_fixture_records() -> None:
    records, _ = parse_fixture("JavaScript", "bookings.mjs")
    assert records == EXPECTED


def test_fixture_diagnostics() -> None:
    _, diags = parse_fixture("JavaScript", "bookings.mjs")
    assert levels(diags) == []


def test_untyped_fields_bare_vars_and_truncation() -> None:
    text = (
        "import { JsonServiceClient } from '@servicestack/client';\n"
        "export var Counter;\n"
        "/** @extends {PagedResult<Item>} @implements {IReturn<ItemsResponse>} */\n"
        "export class Items extends PagedResult {\n"
        "    untyped;\n"
        "    static kind = 'items';\n"
        "    /** @type {Object.<string,number>} */\n"
        "    counts = {};\n"
        "}\n"
        "export class Open {\n"
        "    /** @type {string} */\n"
        "    y;\n"
    )
    records, diags = parse(text, first_line=4)
    assert records == (
        TypeRecord(
            name="Items",
            source=SRC,
            line=7,
            base="PagedResult<Item>",
            interfaces=("IReturn<ItemsResponse>",),
            members=(m("counts", "Object.<string,number>", 11),),
        ),
        TypeRecord(name="Open", source=SRC, line=13, members=(m("y", "string", 15),)),
    )
    assert [(d.level, d.where) for d in diags] == [
        ("warning", "x:5"),
        ("warning", "x:8"),
        ("info", "x:9"),
        ("error", "x:13"),
    ]
