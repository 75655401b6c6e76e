"""Dart DTO code parser: a realistic multi-type file and broken input."""

from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import EnumMemberRecord, TypeRecord
from tests.scrape.code.code_helpers import attr, levels, m, parse_fixture

SRC = "code:dart"

EXPECTED = (
    TypeRecord(
        name="QueryBookings",
        source=SRC,
        line=17,
        base="QueryDb<Booking>",
        description="Find bookings",
        interfaces=("IReturn<QueryResponse<Booking>>", "IGet"),
        members=(
            m("id", "int?", 19),
            m(
                "types",
                "List<RoomType>?",
                21,
                description="Filter by room type",
                param_type="query",
                attributes=(
                    attr("ApiMember", 20, Description="Filter by room type", ParameterType="query"),
                ),
            ),
        ),
        attributes=(attr("Route", 16, "/bookings", "GET"),),
    ),
    TypeRecord(
        name="CreateBooking",
        source=SRC,
        line=46,
        interfaces=("IReturn<IdResponse>", "IPost"),
        members=(
            m(
                "name",
                "String?",
                50,
                required=True,
                order=1,
                attributes=(
                    attr("DataMember", 48, Order="1"),
                    attr("Required", 49),
                ),
            ),
            m(
                "roomType",
                "RoomType?",
                53,
                wire_name="room_type",
                order=2,
                attributes=(attr("DataMember", 52, Name="room_type", Order="2"),),
            ),
            m(
                "cursors",
                "Map<String,List<int>?>?",
                56,
                order=3,
                attributes=(attr("DataMember", 55, Order="3"),),
            ),
            m("signature", "Uint8List?", 58),
        ),
        attributes=(
            attr("Route", 44, "/bookings", "POST"),
            attr("DataContract", 45),
        ),
    ),
    TypeRecord(
        name="PagedResult",
        source=SRC,
        line=66,
        generic_params=("T",),
        members=(
            m("offset", "int", 68),
            m("results", "List<T>?", 69),
        ),
    ),
    TypeRecord(
        name="RoomType",
        source=SRC,
        line=75,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="Single", line=77),
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
            EnumMemberRecord(name="Weekend", line=88, value="96"),
        ),
        attributes=(attr("Flags", 83),),
        is_flags=True,
    ),
    TypeRecord(
        name="IHasTenant",
        source=SRC,
        line=96,
        kind="interface",
        members=(m("tenantId", "String?", 98),),
    ),
)


def parse(text: str, first_line: int = 1) -> tuple[tuple[TypeRecord, ...], Diagnostics]:
    diags = Diagnostics()
    return parse_code("Dart", text, first_line, "x", diags), diags


def test_fixture_records() -> None:
    records, _ = parse_fixture("Dart", "bookings.dart")
    assert records == EXPECTED


def test_fixture_diagnostics() -> None:
    _, diags = parse_fixture("Dart", "bookings.dart")
    assert levels(diags) == []


def test_offset_plumbing_and_truncation() -> None:
    text = (
        "final version = 2;\n"
        "class Page<T> extends Base<T> with Mixin implements IHasVersion, IConvertible\n"
        "{\n"
        "    late List<T> items;\n"
        "    static String kind = 'page';\n"
        "    Page({this.items});\n"
        "    TypeContext? context = _ctx;\n"
        "}\n"
        "class Open {\n"
        "    String? y;\n"
    )
    records, diags = parse(text, first_line=2)
    assert records == (
        TypeRecord(
            name="Page",
            source=SRC,
            line=3,
            base="Base<T>",
            interfaces=("IHasVersion",),
            generic_params=("T",),
            members=(m("items", "List<T>", 5),),
        ),
        TypeRecord(name="Open", source=SRC, line=10, members=(m("y", "String?", 11),)),
    )
    assert [(d.level, d.where) for d in diags] == [
        ("warning", "x:2"),
        ("info", "x:6"),
        ("error", "x:10"),
    ]
