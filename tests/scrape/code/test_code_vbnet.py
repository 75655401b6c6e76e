"""VB.NET DTO code parser: a realistic multi-type file, the two example pages, broken input."""

from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import AttributeRecord, EnumMemberRecord, MemberRecord, TypeRecord
from tests.scrape.code.code_helpers import attr, levels, m, page_block, parse_fixture

NS = "MyApp.ServiceModel"
NS_TYPES = "MyApp.ServiceModel.Types"
SRC = "code:vbnet"


def dm(line: int, **named: str) -> AttributeRecord:
    return attr("DataMember", line, **named)


EXPECTED = (
    TypeRecord(
        name="QueryBookings",
        source=SRC,
        line=25,
        namespace=NS,
        base="QueryDb(Of Booking)",
        interfaces=("IReturn(Of QueryResponse(Of Booking))", "IGet"),
        description="Find bookings",
        attributes=(attr("Route", 24, "/bookings", "GET"),),
        members=(
            m("Id", "Nullable(Of Integer)", 28),
            m(
                "Type",
                "RoomType?",
                30,
                description="Filter by room type",
                param_type="query",
                attributes=(
                    attr("ApiMember", 29, Description="Filter by room type", ParameterType="query"),
                ),
            ),
        ),
    ),
    TypeRecord(
        name="CreateBooking",
        source=SRC,
        line=35,
        namespace=NS,
        interfaces=("IReturn(Of IdResponse)", "IPost"),
        description="Create a new Booking",
        attributes=(attr("Api", 33, Description="Create a new Booking"), attr("DataContract", 34)),
        members=(
            m(
                "Name",
                "String",
                46,
                description="Name this booking is for",
                required=True,
                order=1,
                attributes=(
                    dm(43, Order="1"),
                    attr(
                        "ApiMember", 44, Description="Name this booking is for", IsRequired="true"
                    ),
                    attr("Required", 45),
                ),
            ),
            m(
                "RoomType",
                "RoomType",
                49,
                wire_name="room_type",
                order=2,
                attributes=(dm(48, Name="room_type", Order="2"),),
            ),
            m("Tags", "List(Of String)", 52, order=3, attributes=(dm(51, Order="3"),)),
            m("Notes", "String()", 55, order=4, attributes=(dm(54, Order="4"),)),
            m(
                "Meta",
                "Dictionary(Of String, String)",
                58,
                order=5,
                attributes=(dm(57, Order="5"),),
            ),
            m("Cost", "Decimal", 61, order=6, attributes=(dm(60, Order="6"),)),
            m(
                "End",
                "Date?",
                64,
                wire_name="end",
                order=7,
                attributes=(dm(63, Name="end", Order="7"),),
            ),
            m("Version", "String", 66),
            m("Title", "String", 68),
        ),
    ),
    TypeRecord(
        name="PagedResponse",
        source=SRC,
        line=71,
        namespace=NS,
        interfaces=("IHasResponseStatus",),
        generic_params=("T",),
        members=(
            m("Offset", "Integer", 73),
            m("Results", "List(Of T)", 74),
            m("ResponseStatus", "ResponseStatus", 75),
        ),
    ),
    TypeRecord(
        name="PageInfo",
        source=SRC,
        line=77,
        namespace=NS,
        attributes=(attr("ContainingType", 77, "PagedResponse"),),
        members=(
            m("Page", "Integer", 78),
            m("Cursors", "Dictionary(Of String, List(Of Integer))", 79),
        ),
    ),
    TypeRecord(
        name="IHasTenant",
        source=SRC,
        line=83,
        kind="interface",
        namespace=NS,
        members=(m("TenantId", "String", 84),),
    ),
    TypeRecord(
        name="Days",
        source=SRC,
        line=89,
        kind="enum",
        namespace=NS,
        attributes=(attr("Flags", 88),),
        is_flags=True,
        enum_members=(
            EnumMemberRecord(name="None", line=90, value="0"),
            EnumMemberRecord(name="Monday", line=91, value="1"),
            EnumMemberRecord(name="Tuesday", line=92, value="2"),
            EnumMemberRecord(name="Weekend", line=93, value="96"),
        ),
    ),
    TypeRecord(
        name="RoomType",
        source=SRC,
        line=96,
        kind="enum",
        namespace=NS,
        enum_members=(
            EnumMemberRecord(name="Single", line=97),
            EnumMemberRecord(name="Double", line=98),
            EnumMemberRecord(name="King", line=102, description="King size bed"),
        ),
    ),
    TypeRecord(
        name="ClientKind",
        source=SRC,
        line=106,
        kind="enum",
        namespace=NS,
        attributes=(attr("DataContract", 105),),
        enum_members=(
            EnumMemberRecord(name="JavaLite", line=108, wire_value="java-lite"),
            EnumMemberRecord(name="Web", line=110, wire_value="web"),
        ),
    ),
    TypeRecord(
        name="Booking",
        source=SRC,
        line=116,
        namespace=NS_TYPES,
        base="AuditBase",
        members=(m("Id", "Integer", 118), m("RoomNumber", "Long?", 119)),
    ),
    TypeRecord(
        name="AuditBase",
        source=SRC,
        line=122,
        namespace=NS_TYPES,
        members=(
            m("CreatedDate", "Date", 124, order=1, attributes=(dm(123, Order="1"),)),
            m(
                "CreatedBy",
                "String",
                127,
                description="Who created it",
                attributes=(attr("Description", 126, "Who created it"),),
            ),
        ),
    ),
)

DX_NS = "DX.STF.Application.ClientApi.Messages.Authentication"
DX_RESPONSE_NS = "DX.STF.Application.ClientApi.ResponseMessages.Authentication"


def _dx_member(name: str, line: int) -> MemberRecord:
    return m(
        name,
        "String",
        line,
        description="Post parameters in body",
        param_type="model",
        attributes=(
            attr(
                "ApiMember",
                line - 1,
                Description="Post parameters in body",
                ParameterType="model",
            ),
        ),
    )


DX_EXPECTED = (
    TypeRecord(
        name="GetAuthToken",
        source=SRC,
        line=32,
        namespace=DX_NS,
        description="Auth",
        attributes=(
            attr("Api", 30, Description="Auth"),
            attr(
                "ApiResponse",
                31,
                Description="Access token response",
                IsDefaultResponse="true",
                StatusCode="200",
            ),
        ),
        members=(
            _dx_member("ClientId", 37),
            _dx_member("ClientSecret", 43),
            _dx_member("Scope", 49),
        ),
    ),
    TypeRecord(
        name="AccessTokenResponse",
        source=SRC,
        line=55,
        namespace=DX_RESPONSE_NS,
        members=(
            m("AccessToken", "String", 56),
            m("Scope", "String", 57),
            m("TokenType", "String", 58),
            m("ExpiresIn", "Integer", 59),
            m("HttpStatusCode", "Integer", 60),
            m("HttpErrorReason", "String", 61),
            m("Error", "String", 62),
        ),
    ),
)

NAV_EXPECTED = (
    TypeRecord(
        name="AuthenticationClientCredentialsTokenCreate",
        source=SRC,
        line=21,
        namespace="NAV.ServiceModel",
        interfaces=("IPost",),
        members=(m("ClientId", "String", 23), m("ClientSecret", "String", 24)),
    ),
    TypeRecord(
        name="AuthenticationClientCredentialsTokenCreateResponse",
        source=SRC,
        line=27,
        namespace="NAV.ServiceModel",
        members=(m("ResponseStatus", "ResponseStatus", 28), m("AccessToken", "String", 29)),
    ),
)


def test_bookings_file_gives_exact_records() -> None:
    records, diags = parse_fixture("VB.NET", "bookings.vb")
    assert records == EXPECTED
    assert levels(diags) == [("info", "bookings.vb:67")]


def test_dx_stf_page_code_block() -> None:
    label, text, first = page_block("specs/pages/dx_stf/GetAuthToken.txt")
    assert (label, first) == ("VB.NET", 13)
    diags = Diagnostics()
    assert parse_code(label, text, first, "dx_stf/GetAuthToken.txt", diags) == DX_EXPECTED
    assert list(diags) == []


def test_nav_page_code_block() -> None:
    page = "specs/pages/nav/AuthenticationClientCredentialsTokenCreate.txt"
    label, text, first = page_block(page)
    assert (label, first) == ("VB.NET", 9)
    diags = Diagnostics()
    assert parse_code("vbnet", text, first, page, diags) == NAV_EXPECTED
    assert list(diags) == []


def test_truncated_page_code_reports_errors_and_keeps_partial_type() -> None:
    label, text, first = page_block("specs/pages/dx_stf/GetAuthToken.txt")
    cut = "\n".join(text.split("\n")[:25])  # ends after the ClientId property (page line 37)
    diags = Diagnostics()
    records = parse_code(label, cut, first, "p", diags)
    assert records == (
        TypeRecord(
            name="GetAuthToken",
            source=SRC,
            line=32,
            namespace=DX_NS,
            description="Auth",
            attributes=DX_EXPECTED[0].attributes,
            members=(_dx_member("ClientId", 37),),
        ),
    )
    assert levels(diags) == [("error", "p:32"), ("error", "p:25"), ("error", "p:23")]
    assert "End Class" in diags.items[0].message


def test_garbage_lines_and_mismatched_ends_give_warnings() -> None:
    text = (
        "Public Class A\n"
        "    Public Property X As String\n"
        "    this is not VB\n"
        '    <ApiMember(Description:="unclosed"\n'
        "End Namespace\n"
        "End Class\n"
        "End Class\n"
        "Public Class 123\n"
    )
    diags = Diagnostics()
    records = parse_code("VB.NET", text, 1, "g", diags)
    assert records == (TypeRecord(name="A", source=SRC, line=1, members=(m("X", "String", 2),)),)
    assert levels(diags) == [
        ("warning", "g:3"),
        ("warning", "g:4"),
        ("warning", "g:5"),
        ("warning", "g:7"),
        ("warning", "g:8"),
    ]
    assert not diags.has_errors


def test_attribute_on_the_declaration_line_and_continuations() -> None:
    text = (
        "Namespace Global.A\n"
        "<DataContract> Public Class B(Of TKey, TValue As New)\n"
        '    <DataMember(Name:="x""y", _\n'
        "        Order:=3)>\n"
        "    Public [Property] As KeyValuePair(Of TKey, TValue)\n"
        "    Public ReadOnly Property C As Integer\n"
        "        Get\n"
        "            Return 1\n"
        "        End Get\n"
        "    End Property\n"
        "End Class\n"
        "End Namespace\n"
    )
    diags = Diagnostics()
    (rec,) = parse_code("vb.net", text, 1, "c", diags)
    assert rec == TypeRecord(
        name="B",
        source=SRC,
        line=2,
        namespace="A",
        generic_params=("TKey", "TValue"),
        attributes=(attr("DataContract", 2),),
        members=(
            m(
                "Property",
                "KeyValuePair(Of TKey, TValue)",
                5,
                wire_name='x"y',
                order=3,
                attributes=(attr("DataMember", 3, Name='x"y', Order="3"),),
            ),
            m("C", "Integer", 6),
        ),
    )
    assert list(diags) == []
