"""F# DTO code parser: a realistic multi-type file and broken input."""

from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import EnumMemberRecord, TypeRecord
from tests.scrape.code.code_helpers import attr, levels, m, parse_fixture

SRC = "code:fsharp"

EXPECTED = (
    TypeRecord(
        name="RoomType",
        source=SRC,
        line=19,
        kind="enum",
        namespace="MyApp.ServiceModel",
        enum_members=(
            EnumMemberRecord(name="Single", line=20, value="0"),
            EnumMemberRecord(name="JavaLite", line=21, value="1", wire_value="java-lite"),
            EnumMemberRecord(name="Suite", line=22, value="2"),
        ),
    ),
    TypeRecord(
        name="Days",
        source=SRC,
        line=25,
        kind="enum",
        namespace="MyApp.ServiceModel",
        enum_members=(
            EnumMemberRecord(name="None", line=26, value="0"),
            EnumMemberRecord(name="Monday", line=27, value="1"),
            EnumMemberRecord(name="Weekend", line=28, value="96"),
        ),
        attributes=(attr("Flags", 24),),
        is_flags=True,
    ),
    TypeRecord(
        name="IHasTenant",
        source=SRC,
        line=30,
        kind="interface",
        namespace="MyApp.ServiceModel",
        members=(m("TenantId", "String", 31),),
    ),
    TypeRecord(
        name="PagedResult",
        source=SRC,
        line=34,
        namespace="MyApp.ServiceModel",
        generic_params=("T",),
        members=(
            m("Offset", "Int32", 35),
            m("Results", "ResizeArray<'T>", 36),
        ),
        attributes=(attr("AllowNullLiteral", 33),),
    ),
    TypeRecord(
        name="QueryBookings",
        source=SRC,
        line=43,
        namespace="MyApp.ServiceModel",
        base="QueryDb<Booking>",
        description="Find bookings",
        interfaces=("IReturn<QueryResponse<Booking>>", "IGet"),
        members=(
            m("Id", "Nullable<Int32>", 47),
            m(
                "Types",
                "List<RoomType>",
                49,
                description="Filter by room type",
                param_type="query",
                attributes=(
                    attr("ApiMember", 48, Description="Filter by room type", ParameterType="query"),
                ),
            ),
        ),
        attributes=(
            attr("Route", 41, "/bookings", "GET"),
            attr("AllowNullLiteral", 42),
        ),
    ),
    TypeRecord(
        name="CreateBooking",
        source=SRC,
        line=53,
        namespace="MyApp.ServiceModel",
        interfaces=("IReturn<IdResponse>", "IPost"),
        members=(
            m(
                "Name",
                "String",
                58,
                required=True,
                order=1,
                attributes=(
                    attr("DataMember", 56, Order="1"),
                    attr("Required", 57),
                ),
            ),
            m(
                "RoomType",
                "RoomType",
                61,
                wire_name="room_type",
                order=2,
                attributes=(attr("DataMember", 60, Name="room_type", Order="2"),),
            ),
            m(
                "Cursors",
                "Dictionary<String, ResizeArray<Int32>>",
                64,
                order=3,
                attributes=(attr("DataMember", 63, Order="3"),),
            ),
            m("Signature", "byte[]", 66),
            m("Nickname", "string option", 67),
        ),
        attributes=(
            attr("Route", 51, "/bookings", "POST"),
            attr("DataContract", 52),
            attr("AllowNullLiteral", 52),
        ),
    ),
    TypeRecord(
        name="Empty",
        source=SRC,
        line=70,
        namespace="MyApp.ServiceModel",
        attributes=(attr("AllowNullLiteral", 69),),
    ),
)


def parse(text: str, first_line: int = 1) -> tuple[tuple[TypeRecord, ...], Diagnostics]:
    diags = Diagnostics()
    return parse_code("F#", text, first_line, "x", diags), diags


def test_fixture_records() -> None:
    records, _ = parse_fixture("F#", "bookings.fs")
    assert records == EXPECTED


def test_fixture_diagnostics() -> None:
    _, diags = parse_fixture("F#", "bookings.fs")
    assert levels(diags) == []


def test_unions_records_comments_and_global_namespace() -> None:
    text = (
        "namespace global\n"
        "    type Shape =\n"
        "        | Circle of float\n"
        "    type Point = { X: int }\n"
        "    (* a comment\n"
        "       over lines *)\n"
        "    [<AllowNullLiteral>] type Page() =\n"
        "        member val Items:string list = [] with get,set\n"
        "        member this.Count = 0\n"
        "        let mutable x = 0\n"
        '        do printfn "x"\n'
        "    let version = 2\n"
        "    (* unterminated\n"
    )
    records, diags = parse(text, first_line=20)
    assert records == (
        TypeRecord(
            name="Page",
            source=SRC,
            line=26,
            members=(m("Items", "string list", 27),),
            attributes=(attr("AllowNullLiteral", 26),),
        ),
    )
    assert [(d.level, d.where) for d in diags] == [
        ("error", "x:32"),
        ("warning", "x:21"),
        ("warning", "x:23"),
        ("warning", "x:31"),
    ]
