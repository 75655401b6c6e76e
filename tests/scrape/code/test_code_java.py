"""Java DTO code parser: a realistic multi-type file and broken input."""

from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import EnumMemberRecord, TypeRecord
from tests.scrape.code.code_helpers import attr, levels, m, parse_fixture

SRC = "code:java"

EXPECTED = (
    TypeRecord(
        name="QueryBookings",
        source=SRC,
        line=27,
        base="QueryDb<Booking>",
        description="Find bookings",
        interfaces=("IReturn<QueryResponse<Booking>>", "IGet"),
        members=(
            m("id", "Integer", 29),
            m(
                "types",
                "ArrayList<RoomType>",
                31,
                description="Filter by room type",
                param_type="query",
                attributes=(
                    attr("ApiMember", 30, Description="Filter by room type", ParameterType="query"),
                ),
            ),
        ),
        attributes=(attr("Route", 26, Path="/bookings", Verbs="GET"),),
    ),
    TypeRecord(
        name="CreateBooking",
        source=SRC,
        line=41,
        interfaces=("IReturn<IdResponse>", "IPost"),
        members=(
            m(
                "name",
                "String",
                45,
                required=True,
                order=1,
                attributes=(
                    attr("DataMember", 43, Order="1"),
                    attr("Required", 44),
                ),
            ),
            m(
                "roomType",
                "RoomType",
                49,
                wire_name="room_type",
                order=2,
                attributes=(
                    attr("DataMember", 47, Name="room_type", Order="2"),
                    attr("SerializedName", 48, "room_type"),
                ),
            ),
            m(
                "cursors",
                "HashMap<String,ArrayList<Integer>>",
                52,
                order=3,
                attributes=(attr("DataMember", 51, Order="3"),),
            ),
            m("signature", "byte[]", 55, order=4, attributes=(attr("DataMember", 54, Order="4"),)),
        ),
        attributes=(
            attr("Route", 39, Path="/bookings", Verbs="POST"),
            attr("DataContract", 40),
        ),
    ),
    TypeRecord(
        name="PagedResult",
        source=SRC,
        line=63,
        generic_params=("T",),
        members=(
            m("offset", "int", 65),
            m("results", "ArrayList<T>", 66),
        ),
    ),
    TypeRecord(
        name="RoomType",
        source=SRC,
        line=69,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="Single", line=71),
            EnumMemberRecord(name="JavaLite", line=72, wire_value="java-lite"),
            EnumMemberRecord(name="Suite", line=73),
        ),
    ),
    TypeRecord(
        name="Days",
        source=SRC,
        line=77,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="None", line=79, value="0"),
            EnumMemberRecord(name="Monday", line=80, value="1"),
            EnumMemberRecord(name="Weekend", line=81, value="96"),
        ),
        attributes=(attr("Flags", 76),),
        is_flags=True,
    ),
    TypeRecord(name="IHasTenant", source=SRC, line=88, kind="interface"),
)


def parse(text: str, first_line: int = 1) -> tuple[tuple[TypeRecord, ...], Diagnostics]:
    diags = Diagnostics()
    return parse_code("Java", text, first_line, "x", diags), diags


def test_fixture_records() -> None:
    records, _ = parse_fixture("Java", "bookings.java")
    assert records == EXPECTED


def test_fixture_diagnostics() -> None:
    _, diags = parse_fixture("Java", "bookings.java")
    assert levels(diags) == [
        ("info", "bookings.java:35"),
        ("info", "bookings.java:59"),
        ("info", "bookings.java:20"),
    ]


def test_offset_truncation_and_unknown_constructs() -> None:
    text = (
        "int stray = 5;\n"
        "public class Page\n"
        "{\n"
        "    public Integer total = null;\n"
        "    public static class Row { public String name = null; }\n"
        "    public class Open {\n"
        "        public String x = null;\n"
    )
    records, diags = parse(text, first_line=10)
    assert records == (
        TypeRecord(name="Page", source=SRC, line=11, members=(m("total", "Integer", 13),)),
        TypeRecord(
            name="Row",
            source=SRC,
            line=14,
            members=(m("name", "String", 14),),
            attributes=(attr("ContainingType", 14, "Page"),),
        ),
        TypeRecord(
            name="Open",
            source=SRC,
            line=15,
            members=(m("x", "String", 16),),
            attributes=(attr("ContainingType", 15, "Page"),),
        ),
    )
    assert [(d.level, d.where) for d in diags] == [
        ("warning", "x:10"),
        ("error", "x:15"),
        ("error", "x:11"),
    ]
    assert "ends inside class Open" in diags.items[1].message


def test_enum_with_a_body_per_constant_and_interface_heritage() -> None:
    text = (
        "public interface IHasId extends IMeta, IHasVersion { Integer getId(); }\n"
        "public enum Kind { A(1) { }, B(2); private final int v; Kind(int v) { this.v = v; } }\n"
    )
    records, diags = parse(text)
    assert records == (
        TypeRecord(
            name="IHasId", source=SRC, line=1, kind="interface", interfaces=("IMeta", "IHasVersion")
        ),
        TypeRecord(
            name="Kind",
            source=SRC,
            line=2,
            kind="enum",
            enum_members=(
                EnumMemberRecord(name="A", line=2, value="1"),
                EnumMemberRecord(name="B", line=2, value="2"),
            ),
        ),
    )
    assert list(diags) == []
