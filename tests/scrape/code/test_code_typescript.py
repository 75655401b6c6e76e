"""TypeScript DTO code parser: a realistic multi-type file and broken input."""

from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import AttributeRecord, EnumMemberRecord, TypeRecord
from tests.scrape.code.code_helpers import attr, levels, m, parse_fixture

SRC = "code:typescript"


def dm(line: int, **named: str) -> AttributeRecord:
    return attr("DataMember", line, **named)


EXPECTED = (
    TypeRecord(name="IReturn", source=SRC, line=11, kind="interface", generic_params=("T",)),
    TypeRecord(
        name="IHasTenant",
        source=SRC,
        line=16,
        kind="interface",
        members=(m("tenantId", "string", 18, required=False),),
    ),
    TypeRecord(
        name="RoomType",
        source=SRC,
        line=21,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="Single", line=23, wire_value="Single"),
            EnumMemberRecord(name="Double", line=24, wire_value="Double"),
            EnumMemberRecord(name="King", line=26, wire_value="King", description="King size bed"),
        ),
    ),
    TypeRecord(
        name="Days",
        source=SRC,
        line=30,
        kind="enum",
        attributes=(attr("Flags", 29),),
        is_flags=True,
        enum_members=(
            EnumMemberRecord(name="None", line=32, value="0"),
            EnumMemberRecord(name="Monday", line=33, value="1"),
            EnumMemberRecord(name="Tuesday", line=34, value="2"),
            EnumMemberRecord(name="Weekend", line=35, value="96"),
        ),
    ),
    TypeRecord(
        name="ClientKind",
        source=SRC,
        line=39,
        kind="enum",
        attributes=(attr("DataContract", 38),),
        enum_members=(
            EnumMemberRecord(name="JavaLite", line=41, wire_value="java-lite"),
            EnumMemberRecord(name="Web", line=42, wire_value="web"),
        ),
    ),
    TypeRecord(
        name="AuditBase",
        source=SRC,
        line=45,
        members=(
            m("createdDate", "string", 48, order=1, attributes=(dm(47, Order="1"),)),
            m("createdBy", "string", 51, required=False, description="Who created it"),
        ),
    ),
    TypeRecord(
        name="Booking",
        source=SRC,
        line=56,
        base="AuditBase",
        members=(m("id", "number", 58), m("roomNumber", "number", 59, required=False)),
    ),
    TypeRecord(
        name="PagedResponse",
        source=SRC,
        line=64,
        generic_params=("T",),
        members=(
            m("offset", "number", 66),
            m("results", "T[]", 67),
            m("cursors", "{ [index: string]: number[]; }", 68, required=False),
            m("items", "Array<T>", 69),
            m("responseStatus", "ResponseStatus", 70, required=False),
        ),
    ),
    TypeRecord(
        name="QueryBookings",
        source=SRC,
        line=77,
        base="QueryDb<Booking>",
        interfaces=("IReturn<QueryResponse<Booking>>", "IGet"),
        description="Find bookings",
        attributes=(attr("Route", 76, "/bookings", "GET"),),
        members=(
            m("id", "number", 79, required=False),
            m(
                "type",
                "RoomType",
                81,
                required=False,
                description="Filter by room type",
                param_type="query",
                attributes=(
                    attr("ApiMember", 80, Description="Filter by room type", ParameterType="query"),
                ),
            ),
        ),
    ),
    TypeRecord(
        name="CreateBooking",
        source=SRC,
        line=92,
        interfaces=("IReturn<IdResponse>", "IPost", "IHasTenant"),
        description="Create a new Booking",
        attributes=(
            attr("Route", 89, "/bookings", "POST"),
            attr("Api", 90, Description="Create a new Booking"),
            attr("DataContract", 91),
        ),
        members=(
            m(
                "name",
                "string",
                97,
                description="Name this booking is for",
                required=True,
                order=1,
                attributes=(
                    dm(94, Order="1"),
                    attr(
                        "ApiMember", 95, Description="Name this booking is for", IsRequired="true"
                    ),
                    attr("Required", 96),
                ),
            ),
            m(
                "room_type",
                "RoomType",
                100,
                wire_name="room_type",
                order=2,
                attributes=(dm(99, Name="room_type", Order="2"),),
            ),
            m("tags", "string[]", 103, required=False, order=3, attributes=(dm(102, Order="3"),)),
            m(
                "meta",
                "{ [index: string]: string; }",
                106,
                required=False,
                order=4,
                attributes=(dm(105, Order="4"),),
            ),
            m(
                "bookingEndDate",
                "string",
                109,
                required=False,
                order=5,
                attributes=(dm(108, Order="5"),),
            ),
            m("tenantId", "string", 112, required=False, order=6, attributes=(dm(111, Order="6"),)),
            m(
                "class",
                "string",
                115,
                required=False,
                wire_name="class",
                order=7,
                attributes=(dm(114, Name="class", Order="7"),),
            ),
        ),
    ),
)


def test_bookings_file_gives_exact_records() -> None:
    records, diags = parse_fixture("TypeScript", "bookings.ts")
    assert records == EXPECTED
    assert levels(diags) == [("info", "bookings.ts:117")]


def test_first_line_offset() -> None:
    records, _ = parse_fixture("typescript", "bookings.ts", first_line=50)
    assert records[-1].line == 141
    assert records[-1].members[0].attributes[0].line == 143


def test_multiline_doc_interface_extends_and_missing_semicolons() -> None:
    text = (
        "/**\n"
        " * @description Multi\n"
        " * line\n"
        " * @see other\n"
        " */\n"
        "export interface IA<T extends object = any> extends IB, IC<T>\n"
        "{\n"
        "    name?: string\n"
        "    when: Date\n"
        "    [key: string]: any;\n"
        "    get?: boolean;\n"
        "    call(): void;\n"
        "    pair: KeyValuePair<string, Map<string, number>>;\n"
        "    fn?: (a: string, b: number) => void;\n"
        "}\n"
    )
    diags = Diagnostics()
    (rec,) = parse_code("TypeScript", text, 1, "t", diags)
    assert rec == TypeRecord(
        name="IA",
        source=SRC,
        line=6,
        kind="interface",
        interfaces=("IB", "IC<T>"),
        generic_params=("T",),
        description="Multi\nline",
        members=(
            m("name", "string", 8, required=False),
            m("when", "Date", 9),
            m("get", "boolean", 11, required=False),
            m("pair", "KeyValuePair<string, Map<string, number>>", 13),
            m("fn", "(a: string, b: number) => void", 14, required=False),
        ),
    )
    assert levels(diags) == [("info", "t:10")]


def test_truncated_and_garbage_input_give_diagnostics() -> None:
    diags = Diagnostics()
    text = "export type Alias = string;\n}\nexport class A extends B {\n    public x: string;\n    public y: 'unterminated\n"
    records = parse_code("TypeScript", text, 1, "g", diags)
    assert records == (
        TypeRecord(name="A", source=SRC, line=3, base="B", members=(m("x", "string", 4),)),
    )
    assert levels(diags) == [
        ("error", "g:5"),
        ("warning", "g:1"),
        ("warning", "g:2"),
        ("warning", "g:5"),
        ("error", "g:3"),
    ]
