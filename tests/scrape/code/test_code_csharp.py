"""C# DTO code parser: a realistic multi-type file and broken input."""

from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import AttributeRecord, EnumMemberRecord, TypeRecord
from tests.scrape.code.code_helpers import attr, levels, m, parse_fixture

NS = "MyApp.ServiceModel"
NS_TYPES = "MyApp.ServiceModel.Types"
SRC = "code:csharp"


def dm(line: int, **named: str) -> AttributeRecord:
    return attr("DataMember", line, **named)


EXPECTED = (
    TypeRecord(
        name="QueryBookings",
        source=SRC,
        line=27,
        namespace=NS,
        base="QueryDb<Booking>",
        interfaces=("IReturn<QueryResponse<Booking>>", "IGet"),
        description="Find bookings",
        attributes=(
            attr("Route", 25, "/bookings", "GET"),
            attr("Route", 26, "/bookings/{Id}", "GET"),
        ),
        members=(
            m("Id", "int?", 30),
            m(
                "Type",
                "RoomType?",
                32,
                description="Filter by room type",
                param_type="query",
                attributes=(
                    attr("ApiMember", 31, Description="Filter by room type", ParameterType="query"),
                ),
            ),
        ),
    ),
    TypeRecord(
        name="CreateBooking",
        source=SRC,
        line=38,
        namespace=NS,
        interfaces=("IReturn<IdResponse>", "IPost", "IHasTenant"),
        description="Create a new Booking",
        attributes=(
            attr("Route", 35, "/bookings", "POST"),
            attr("Api", 36, Description="Create a new Booking"),
            attr("DataContract", 37),
        ),
        members=(
            m(
                "Name",
                "string",
                53,
                description="Name this booking is for",
                required=True,
                order=1,
                attributes=(
                    dm(50, Order="1"),
                    attr(
                        "ApiMember", 51, Description="Name this booking is for", IsRequired="true"
                    ),
                    attr("Required", 52),
                ),
            ),
            m(
                "RoomType",
                "RoomType",
                56,
                wire_name="room_type",
                order=2,
                attributes=(dm(55, Name="room_type", Order="2"),),
            ),
            m("Tags", "List<string>", 59, order=3, attributes=(dm(58, Order="3"),)),
            m("Notes", "string[]", 62, order=4, attributes=(dm(61, Order="4"),)),
            m("Meta", "Dictionary<string, string>", 65, order=5, attributes=(dm(64, Order="5"),)),
            m("Cost", "decimal", 68, order=6, attributes=(dm(67, Order="6"),)),
            m("BookingEndDate", "DateTime?", 71, order=7, attributes=(dm(70, Order="7"),)),
            m(
                "class",
                "string",
                74,
                wire_name="class",
                order=8,
                attributes=(dm(73, Name="class", Order="8"),),
            ),
            m("TenantId", "string", 77, order=9, attributes=(dm(76, Order="9"),)),
            m("Version", "string", 79),
        ),
    ),
    TypeRecord(
        name="PagedResponse",
        source=SRC,
        line=84,
        namespace=NS,
        interfaces=("IHasResponseStatus",),
        generic_params=("T",),
        members=(
            m("Offset", "int", 87),
            m("Results", "List<T>", 88),
            m("ResponseStatus", "ResponseStatus", 89),
        ),
    ),
    TypeRecord(
        name="PageInfo",
        source=SRC,
        line=91,
        namespace=NS,
        attributes=(attr("ContainingType", 91, "PagedResponse"),),
        members=(m("Page", "int", 93), m("Cursors", "Dictionary<string, List<int>>", 94)),
    ),
    TypeRecord(
        name="IHasTenant",
        source=SRC,
        line=98,
        kind="interface",
        namespace=NS,
        members=(m("TenantId", "string", 100),),
    ),
    TypeRecord(
        name="Days",
        source=SRC,
        line=104,
        kind="enum",
        namespace=NS,
        attributes=(attr("Flags", 103),),
        is_flags=True,
        enum_members=(
            EnumMemberRecord(name="None", line=106, value="0"),
            EnumMemberRecord(name="Monday", line=107, value="1"),
            EnumMemberRecord(name="Tuesday", line=108, value="2"),
            EnumMemberRecord(name="Weekend", line=109, value="96"),
        ),
    ),
    TypeRecord(
        name="RoomType",
        source=SRC,
        line=112,
        kind="enum",
        namespace=NS,
        enum_members=(
            EnumMemberRecord(name="Single", line=114),
            EnumMemberRecord(name="Double", line=115),
            EnumMemberRecord(name="King", line=119, description="King size bed"),
            EnumMemberRecord(name="Suite", line=120),
        ),
    ),
    TypeRecord(
        name="ClientKind",
        source=SRC,
        line=124,
        kind="enum",
        namespace=NS,
        attributes=(attr("DataContract", 123),),
        enum_members=(
            EnumMemberRecord(name="JavaLite", line=127, wire_value="java-lite"),
            EnumMemberRecord(name="Web", line=131, wire_value="web", description="Browser client"),
        ),
    ),
    TypeRecord(
        name="Booking",
        source=SRC,
        line=138,
        namespace=NS_TYPES,
        base="AuditBase",
        members=(m("Id", "int", 141), m("RoomNumber", "long?", 142)),
    ),
    TypeRecord(
        name="AuditBase",
        source=SRC,
        line=145,
        namespace=NS_TYPES,
        members=(
            m("CreatedDate", "DateTime", 148, order=1, attributes=(dm(147, Order="1"),)),
            m(
                "CreatedBy",
                "string",
                151,
                description="Who created it",
                attributes=(attr("Description", 150, "Who created it"),),
            ),
        ),
    ),
)


def test_bookings_file_gives_exact_records() -> None:
    records, diags = parse_fixture("C#", "bookings.cs")
    assert records == EXPECTED
    assert levels(diags) == [("info", "bookings.cs:80")]


def test_language_key_and_first_line_offset() -> None:
    records, _ = parse_fixture("csharp", "bookings.cs", first_line=101)
    assert [r.line for r in records[:2]] == [127, 138]
    assert records[1].members[0].attributes[0].line == 150


def test_attribute_value_escapes_and_inline_attributes() -> None:
    diags = Diagnostics()
    code = (
        "namespace A.B {\n"
        '  [Api(@"say ""hi""")] public class X {\n'
        '    [DataMember(Name = "x\\"y"), ApiMember(IsRequired = false)] public int? Y;\n'
        "    public string this[int i] { get { return null; } }\n"
        "    public int Z => 3;\n"
        "  }\n"
        "}\n"
    )
    (rec,) = parse_code("C#", code, 5, "p", diags)
    assert rec.description == 'say "hi"'
    assert rec.namespace == "A.B"
    assert rec.members == (
        m(
            "Y",
            "int?",
            7,
            required=False,
            wire_name='x"y',
            attributes=(
                attr("DataMember", 7, Name='x"y'),
                attr("ApiMember", 7, IsRequired="false"),
            ),
        ),
        m("Z", "int", 9),
    )
    assert list(diags) == []


def test_truncated_code_reports_error_and_keeps_what_was_read() -> None:
    text = "namespace N\n{\n    public class A\n    {\n        public string Name { get;"
    diags = Diagnostics()
    records = parse_code("C#", text, 10, "t.cs", diags)
    assert records == (
        TypeRecord(
            name="A", source=SRC, line=12, namespace="N", members=(m("Name", "string", 14),)
        ),
    )
    assert levels(diags) == [("error", "t.cs:12"), ("error", "t.cs:10")]
    assert "class A" in diags.items[0].message and diags.items[0].hint


def test_garbage_produces_diagnostics_not_exceptions() -> None:
    diags = Diagnostics()
    text = 'namespace } } class { "unterminated\n#if X\n[Broken( class Y : { int ;'
    records = parse_code("C#", text, 1, "g.cs", diags)
    assert records == ()
    assert diags.has_errors
    assert diags.items[0].where == "g.cs:1"
