"""Python DTO code parser: a realistic multi-type file, the myapp example page, broken input."""

from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import EnumMemberRecord, TypeRecord
from tests.scrape.code.code_helpers import attr, m, page_block, parse_fixture

SRC = "code:python"

EXPECTED = (
    TypeRecord(
        name="RoomType",
        source=SRC,
        line=21,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="SINGLE", line=22, wire_value="Single"),
            EnumMemberRecord(name="DOUBLE", line=23, wire_value="Double"),
            EnumMemberRecord(name="KING", line=24, wire_value="King", description="King size bed"),
        ),
    ),
    TypeRecord(
        name="Days",
        source=SRC,
        line=30,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="NONE", line=31, value="0"),
            EnumMemberRecord(name="MONDAY", line=32, value="1"),
            EnumMemberRecord(name="TUESDAY", line=33, value="2"),
            EnumMemberRecord(name="WEEKEND", line=34, value="96"),
        ),
    ),
    TypeRecord(
        name="ClientKind",
        source=SRC,
        line=37,
        kind="enum",
        enum_members=(
            EnumMemberRecord(name="JAVA_LITE", line=38, wire_value="java-lite"),
            EnumMemberRecord(name="WEB", line=39, wire_value="web"),
        ),
    ),
    TypeRecord(
        name="AuditBase",
        source=SRC,
        line=44,
        members=(
            m("created_date", "datetime.datetime", 45),
            m(
                "created_by",
                "Optional[str]",
                47,
                description="Who created it",
                attributes=(attr("Description", 46, "Who created it"),),
            ),
        ),
    ),
    TypeRecord(
        name="Booking",
        source=SRC,
        line=52,
        base="AuditBase",
        members=(m("id", "int", 53), m("room_number", "Optional[int]", 54)),
    ),
    TypeRecord(
        name="PagedResponse",
        source=SRC,
        line=62,
        interfaces=("IHasResponseStatus",),
        generic_params=("T",),
        members=(
            m("offset", "int", 63),
            m("results", "Optional[List[T]]", 64),
            m("cursors", "Optional[Dict[str, List[int]]]", 65),
            m("response_status", "Optional[ResponseStatus]", 66),
        ),
    ),
    TypeRecord(
        name="QueryBookings",
        source=SRC,
        line=72,
        base="QueryDb[Booking]",
        interfaces=("IReturn[QueryResponse[Booking]]", "IGet"),
        description="Find bookings",
        attributes=(attr("Route", 69, "/bookings", "GET"),),
        members=(
            m("id", "Optional[int]", 77),
            m(
                "type",
                "Optional[RoomType]",
                79,
                description="Filter by room type",
                param_type="query",
                attributes=(
                    attr("ApiMember", 78, Description="Filter by room type", ParameterType="query"),
                ),
            ),
        ),
    ),
    TypeRecord(
        name="CreateBooking",
        source=SRC,
        line=86,
        interfaces=("IReturn[IdResponse]", "IPost", "IHasTenant"),
        description="Create a new Booking",
        attributes=(
            attr("Route", 82, "/bookings", "POST"),
            attr("Api", 83, Description="Create a new Booking"),
        ),
        members=(
            m(
                "name",
                "str",
                88,
                description="Name this booking is for",
                required=True,
                attributes=(
                    attr(
                        "ApiMember", 87, Description="Name this booking is for", IsRequired="true"
                    ),
                ),
            ),
            m("room_type", "Optional[RoomType]", 89, wire_name="room_type"),
            m("tags", "Optional[List[str]]", 90),
            m("notes", "Optional[List[str]]", 91),
            m("meta", "Optional[Dict[str, str]]", 92),
            m("cost", "Decimal", 93),
            m("booking_end_date", "Optional[datetime.datetime]", 94),
            m("class_", "Optional[str]", 95, wire_name="class"),
            m("tenant_id", "Optional[str]", 96, description="The tenant"),
        ),
    ),
    TypeRecord(name="Empty", source=SRC, line=104, interfaces=("IReturnVoid",)),
)

MYAPP_EXPECTED = (
    TypeRecord(
        name="GetAccessTokenResponse",
        source=SRC,
        line=22,
        interfaces=("IMeta",),
        members=(
            m("access_token", "Optional[str]", 23),
            m("meta", "Optional[Dict[str, str]]", 24),
            m("response_status", "Optional[ResponseStatus]", 25),
        ),
    ),
    TypeRecord(
        name="GetAccessToken",
        source=SRC,
        line=30,
        interfaces=("IPost", "IMeta"),
        members=(
            m("refresh_token", "Optional[str]", 31),
            m("meta", "Optional[Dict[str, str]]", 32),
        ),
    ),
)


def test_bookings_file_gives_exact_records() -> None:
    records, diags = parse_fixture("Python", "bookings.py.txt")
    assert records == EXPECTED
    assert list(diags) == []


def test_myapp_page_code_block() -> None:
    label, text, first = page_block("specs/pages/myapp/GetAccessToken.txt")
    assert (label, first) == ("Python", 10)
    diags = Diagnostics()
    assert parse_code(label, text, first, "myapp/GetAccessToken.txt", diags) == MYAPP_EXPECTED
    assert list(diags) == []


def test_flags_nested_class_and_quoted_self_reference() -> None:
    text = (
        "class Perms(IntFlag):\n"
        "    READ = 1\n"
        "    ALL = READ | 2\n"
        "class Node(IReturn['Node'], Generic[K, V]):\n"
        "    class Inner:\n"
        "        x: 'Node'\n"
        "    def method(self): pass\n"
    )
    diags = Diagnostics()
    records = parse_code("python", text, 3, "n", diags)
    assert records == (
        TypeRecord(
            name="Perms",
            source=SRC,
            line=3,
            kind="enum",
            is_flags=True,
            enum_members=(
                EnumMemberRecord(name="READ", line=4, value="1"),
                EnumMemberRecord(name="ALL", line=5, value="READ | 2"),
            ),
        ),
        TypeRecord(
            name="Node",
            source=SRC,
            line=6,
            interfaces=("IReturn['Node']",),
            generic_params=("K", "V"),
        ),
        TypeRecord(
            name="Inner",
            source=SRC,
            line=7,
            attributes=(attr("ContainingType", 7, "Node"),),
            members=(m("x", "'Node'", 8),),
        ),
    )
    assert [(d.level, d.where) for d in diags] == [("warning", "n:9")]


def test_syntax_error_reports_page_line_and_returns_nothing() -> None:
    label, text, first = page_block("specs/pages/myapp/GetAccessToken.txt")
    cut = text[: text.index("meta: Optional[Dict[str, str]] = None") + len("meta: Optional[Dict[")]
    diags = Diagnostics()
    assert parse_code(label, cut, first, "p", diags) == ()
    (diag,) = diags
    assert (diag.level, diag.where) == ("error", "p:24")
    assert diag.hint is not None and "truncated" in diag.hint


def test_null_bytes_and_unknown_statements_do_not_raise() -> None:
    diags = Diagnostics()
    assert parse_code("Python", "class A:\n    x: int\x00\n", 1, "z", diags) == ()
    assert [(d.level, d.where) for d in diags] == [("error", "z:1")]
    diags = Diagnostics()
    records = parse_code("Python", "print('x')\nclass A:\n    a.b: int = 1\n", 1, "u", diags)
    assert records == (TypeRecord(name="A", source=SRC, line=2),)
    assert [(d.level, d.where) for d in diags] == [("warning", "u:1"), ("warning", "u:3")]


def test_python_syntax_warnings_become_diagnostics() -> None:
    diags = Diagnostics()
    text = "class A:\n    x: int = 1if 2 else 3\n    y: 'ü' = 0\n"
    assert parse_code("Python", text, 1, "w", diags) == (
        TypeRecord(name="A", source=SRC, line=1, members=(m("x", "int", 2), m("y", "'ü'", 3))),
    )
    assert [(d.level, d.where) for d in diags] == [("warning", "w:2")]


def test_base_is_the_first_non_marker_even_after_interfaces() -> None:
    diags = Diagnostics()
    (rec,) = parse_code(
        "Python", "class A(IReturn[B], IPost, Base, Other):\n    pass\n", 1, "b", diags
    )
    assert (rec.base, rec.interfaces) == ("Base", ("IReturn[B]", "IPost", "Other"))
