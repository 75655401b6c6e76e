"""Swift DTO code parser: a realistic multi-type file and broken input."""

from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import EnumMemberRecord, TypeRecord
from tests.scrape.code.code_helpers import attr, levels, m, parse_fixture

SRC = "code:swift"

EXPECTED = (
    TypeRecord(
        name="QueryBookings",
        source=SRC,
        line=18,
        base="QueryDb<Booking>",
        description="Find bookings",
        interfaces=("IReturn<QueryResponse<Booking>>", "IGet"),
        members=(
            m("id", "Int?", 22),
            m(
                "types",
                "[RoomType]",
                24,
                description="Filter by room type",
                param_type="query",
                attributes=(
                    attr("ApiMember", 23, Description="Filter by room type", ParameterType="query"),
                ),
            ),
        ),
        attributes=(attr("Route", 17, "/bookings", "GET"),),
    ),
    TypeRecord(
        name="CreateBooking",
        source=SRC,
        line=49,
        interfaces=("IReturn<IdResponse>", "IPost"),
        members=(
            m(
                "name",
                "String?",
                55,
                required=True,
                order=1,
                attributes=(
                    attr("DataMember", 53, Order="1"),
                    attr("Required", 54),
                ),
            ),
            m(
                "roomType",
                "RoomType?",
                58,
                wire_name="room_type",
                order=2,
                attributes=(attr("DataMember", 57, Name="room_type", Order="2"),),
            ),
            m(
                "cursors",
                "[String:[Int]]",
                61,
                order=3,
                attributes=(attr("DataMember", 60, Order="3"),),
            ),
            m("signature", "Data?", 63),
        ),
        attributes=(
            attr("Route", 47, "/bookings", "POST"),
            attr("DataContract", 48),
        ),
    ),
    TypeRecord(
        name="PagedResult",
        source=SRC,
        line=68,
        generic_params=("T",),
        members=(
            m("offset", "Int", 70),
            m("results", "[T]", 71),
        ),
    ),
    TypeRecord(
        name="RoomType",
        source=SRC,
        line=76,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="Single", line=78),
            EnumMemberRecord(name="JavaLite", line=79, wire_value="java-lite"),
            EnumMemberRecord(name="Suite", line=80),
        ),
    ),
    TypeRecord(
        name="Days",
        source=SRC,
        line=84,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="None", line=86, value="0"),
            EnumMemberRecord(name="Monday", line=87, value="1"),
            EnumMemberRecord(name="Weekend", line=87, value="96"),
        ),
        attributes=(attr("Flags", 83),),
        is_flags=True,
    ),
    TypeRecord(
        name="IHasTenant",
        source=SRC,
        line=90,
        kind="interface",
        members=(m("tenantId", "String?", 92),),
    ),
)


def parse(text: str, first_line: int = 1) -> tuple[tuple[TypeRecord, ...], Diagnostics]:
    diags = Diagnostics()
    return parse_code("Swift", text, first_line, "x", diags), diags


def test_fixture_records() -> None:
    records, _ = parse_fixture("Swift", "bookings.swift")
    assert records == EXPECTED


def test_fixture_diagnostics() -> None:
    _, diags = parse_fixture("Swift", "bookings.swift")
    assert levels(diags) == [("info", "bookings.swift:28"), ("info", "bookings.swift:95")]


def test_struct_typealias_without_marker_and_truncation() -> None:
    text = (
        "public struct Point : Codable\n"
        "{\n"
        "    public typealias Id = Int\n"
        "    public var x:Double\n"
        "    public static var origin:Point?\n"
        "}\n"
        "public class Open : Base\n"
        "{\n"
        "    public var y:String?\n"
    )
    records, diags = parse(text, first_line=3)
    assert records == (
        TypeRecord(name="Point", source=SRC, line=3, members=(m("x", "Double", 6),)),
        TypeRecord(name="Open", source=SRC, line=9, base="Base", members=(m("y", "String?", 11),)),
    )
    assert [(d.level, d.where) for d in diags] == [
        ("info", "x:5"),
        ("info", "x:7"),
        ("error", "x:9"),
    ]


def test_unknown_top_level_statement_is_a_warning() -> None:
    records, diags = parse("let version = 2\npublic enum E : Int { case A = 1 }\n")
    assert records == (
        TypeRecord(
            name="E",
            source=SRC,
            line=2,
            kind="enum",
            enum_members=(EnumMemberRecord(name="A", line=2, value="1"),),
        ),
    )
    assert [(d.level, d.where) for d in diags] == [("warning", "x:1")]
