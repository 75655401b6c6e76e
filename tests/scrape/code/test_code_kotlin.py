"""Kotlin DTO code parser: a realistic multi-type file and broken input."""

from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import EnumMemberRecord, TypeRecord
from tests.scrape.code.code_helpers import attr, levels, m, parse_fixture

SRC = "code:kotlin"

EXPECTED = (
    TypeRecord(
        name="QueryBookings",
        source=SRC,
        line=22,
        base="QueryDb<Booking>",
        description="Find bookings",
        interfaces=("IReturn<QueryResponse<Booking>>", "IGet"),
        members=(
            m("id", "Int?", 24),
            m(
                "types",
                "ArrayList<RoomType>?",
                26,
                description="Filter by room type",
                param_type="query",
                attributes=(
                    attr("ApiMember", 25, Description="Filter by room type", ParameterType="query"),
                ),
            ),
        ),
        attributes=(attr("Route", 21, Path="/bookings", Verbs="GET"),),
    ),
    TypeRecord(
        name="CreateBooking",
        source=SRC,
        line=33,
        interfaces=("IReturn<IdResponse>", "IPost"),
        members=(
            m(
                "name",
                "String?",
                37,
                required=True,
                order=1,
                attributes=(
                    attr("DataMember", 35, Order="1"),
                    attr("Required", 36),
                ),
            ),
            m(
                "roomType",
                "RoomType?",
                41,
                wire_name="room_type",
                order=2,
                attributes=(
                    attr("DataMember", 39, Name="room_type", Order="2"),
                    attr("SerializedName", 40, "room_type"),
                ),
            ),
            m(
                "cursors",
                "HashMap<String,ArrayList<Int>>",
                44,
                order=3,
                attributes=(attr("DataMember", 43, Order="3"),),
            ),
            m("signature", "ByteArray?", 46),
        ),
        attributes=(
            attr("Route", 31, Path="/bookings", Verbs="POST"),
            attr("DataContract", 32),
        ),
    ),
    TypeRecord(
        name="PagedResult",
        source=SRC,
        line=51,
        generic_params=("T",),
        members=(
            m("offset", "Int?", 53),
            m("results", "ArrayList<T>", 54),
        ),
    ),
    TypeRecord(name="Empty", source=SRC, line=57, base="PagedResult<String>"),
    TypeRecord(
        name="RoomType",
        source=SRC,
        line=59,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="Single", line=61),
            EnumMemberRecord(name="JavaLite", line=62, wire_value="java-lite"),
            EnumMemberRecord(name="Suite", line=63),
        ),
    ),
    TypeRecord(
        name="Days",
        source=SRC,
        line=67,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="None", line=69, value="0"),
            EnumMemberRecord(name="Monday", line=70, value="1"),
            EnumMemberRecord(name="Weekend", line=71, value="96"),
        ),
        attributes=(attr("Flags", 66),),
        is_flags=True,
    ),
    TypeRecord(
        name="IHasTenant",
        source=SRC,
        line=74,
        kind="interface",
        members=(m("tenantId", "String?", 76),),
    ),
)


def parse(text: str, first_line: int = 1) -> tuple[tuple[TypeRecord, ...], Diagnostics]:
    diags = Diagnostics()
    return parse_code("Kotlin", text, first_line, "x", diags), diags


def test_fixture_records() -> None:
    records, _ = parse_fixture("Kotlin", "bookings.kt")
    assert records == EXPECTED


def test_fixture_diagnostics() -> None:
    _, diags = parse_fixture("Kotlin", "bookings.kt")
    assert levels(diags) == []


def test_offset_constructor_parameters_and_truncation() -> None:
    text = (
        "data class Point(val x: Int)\n"
        "open class Page<out T> : Base<T>(), IHasVersion\n"
        "{\n"
        "    var items:ArrayList<T>? =\n"
        "        null\n"
        "    val total:Long = 0\n"
        "    init { println() }\n"
        "    open class Open {\n"
        "        var y:String? = null\n"
    )
    records, diags = parse(text, first_line=5)
    assert records == (
        TypeRecord(name="Point", source=SRC, line=5),
        TypeRecord(
            name="Page",
            source=SRC,
            line=6,
            base="Base<T>",
            interfaces=("IHasVersion",),
            generic_params=("T",),
            members=(m("items", "ArrayList<T>?", 8), m("total", "Long", 10)),
        ),
        TypeRecord(
            name="Open",
            source=SRC,
            line=12,
            members=(m("y", "String?", 13),),
            attributes=(attr("ContainingType", 12, "Page"),),
        ),
    )
    assert [(d.level, d.where) for d in diags] == [
        ("warning", "x:5"),
        ("error", "x:12"),
        ("error", "x:6"),
    ]
    assert "constructor parameters of Point" in diags.items[0].message


def test_unknown_top_level_statement_is_a_warning() -> None:
    records, diags = parse("val x = 1\nenum class E { A, B }\n")
    assert records == (
        TypeRecord(
            name="E",
            source=SRC,
            line=2,
            kind="enum",
            enum_members=(EnumMemberRecord(name="A", line=2), EnumMemberRecord(name="B", line=2)),
        ),
    )
    assert [(d.level, d.where) for d in diags] == [("warning", "x:1")]
