"""Tests for the ServiceStack operation page parser (text rendering)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics
from generator.scrape.records import MemberRecord, PageRecord, RouteRecord, SampleRecord
from generator.scrape.servicestack_text import parse_servicestack_text, split_lines

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "specs" / "pages"
MYAPP = "specs/pages/myapp/GetAccessToken.txt"
DX_STF = "specs/pages/dx_stf/GetAuthToken.txt"
YM_REST = "specs/pages/ym_rest/OIDCGetAccessToken.txt"
NAV = "specs/pages/nav/AuthenticationClientCredentialsTokenCreate.txt"


def read(rel: str) -> str:
    """Read a page keeping its line endings."""
    with open(ROOT / rel, encoding="utf-8", newline="") as f:
        return f.read()


def parse(text: str, source: str = "page.txt") -> tuple[PageRecord, Diagnostics]:
    diags = Diagnostics()
    return parse_servicestack_text(source, text, diags), diags


def rendered(diags: Diagnostics) -> list[str]:
    return [f"{d.level}: {d.where}: {d.message}" for d in diags]


def first_last(text: str | None) -> tuple[str, str]:
    assert text is not None
    lines = text.split("\n")
    return lines[0], lines[-1]


# --- the four example pages ---------------------------------------------------------------


def test_myapp_python_code_page() -> None:
    page, diags = parse(read(MYAPP), MYAPP)
    assert rendered(diags) == []
    assert page.source == MYAPP
    assert page.kind == "servicestack"
    assert (page.service_title, page.operation) == ("MyApp", "GetAccessToken")
    assert page.tags == ("auth",)
    assert page.description is None
    assert page.routes == (RouteRecord(verbs="All Verbs", path="/access-token", line=9),)
    assert page.code is not None
    assert (page.code.language, page.code.line) == ("Python", 10)
    assert first_last(page.code.text) == (
        "import datetime",
        "    meta: Optional[Dict[str, str]] = None",
    )
    assert len(page.code.text.split("\n")) == 23
    assert page.types == ()
    assert page.format_label == "XML"
    req, resp = page.samples
    assert req == SampleRecord(
        direction="request",
        media_type="application/xml",
        start_line=42,
        body_line=48,
        body=req.body,
        method="POST",
        path="/access-token",
        headers=(
            ("Host", "vue-vite-api.jamstacks.net"),
            ("Accept", "application/xml"),
            ("Content-Type", "application/xml"),
            ("Content-Length", "length"),
        ),
    )
    assert first_last(req.body) == (
        '<GetAccessToken xmlns:i="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns="http://schemas.servicestack.net/types">',
        "</GetAccessToken>",
    )
    assert req.body is not None and req.body.count("\n") == 8
    assert (resp.direction, resp.status, resp.method, resp.path) == (
        "response",
        "200 OK",
        None,
        None,
    )
    assert (resp.media_type, resp.start_line, resp.body_line) == ("application/xml", 57, 61)
    assert resp.headers == (("Content-Type", "application/xml"), ("Content-Length", "length"))
    assert first_last(resp.body)[1] == "</GetAccessTokenResponse>"
    assert resp.body is not None and resp.body.count("\n") == 32


def test_dx_stf_vbnet_json_page_with_tag_and_description() -> None:
    page, diags = parse(read(DX_STF), DX_STF)
    assert rendered(diags) == []
    assert (page.service_title, page.operation) == ("DX STF Client API", "GetAuthToken")
    assert page.tags == ("Auth Requests",)
    assert page.description == "Auth"
    assert page.routes == (
        RouteRecord(
            verbs="POST",
            path="/api/authentication/token",
            line=12,
            summary="Get Bearer access token, contact support for credentials",
        ),
    )
    assert page.code is not None
    assert (page.code.language, page.code.line) == ("VB.NET", 13)
    assert first_last(page.code.text) == ("Imports System", "End Namespace")
    assert page.format_label == "JSON"
    req, resp = page.samples
    assert (req.method, req.path, req.media_type, req.start_line, req.body_line) == (
        "POST",
        "/api/authentication/token",
        "application/json",
        77,
        83,
    )
    assert req.body == '{"clientId":"String","clientSecret":"String","scope":"String"}'
    assert (resp.status, resp.media_type, resp.start_line, resp.body_line) == (
        "200 OK",
        "application/json",
        84,
        88,
    )
    assert resp.body == (
        '{"accessToken":"String","scope":"String","tokenType":"String","expiresIn":0,'
        '"httpStatusCode":0,"httpErrorReason":"String","error":"String"}'
    )


def _rows(page: PageRecord, index: int) -> list[tuple[str, str | None, str, bool | None, int]]:
    return [
        (m.name, m.param_type, m.type_text, m.required, m.line) for m in page.types[index].members
    ]


def test_ym_rest_tables_page() -> None:
    page, diags = parse(read(YM_REST), YM_REST)
    assert rendered(diags) == []
    assert (page.service_title, page.operation, page.tags, page.description) == (
        "YM REST Services",
        "OIDCGetAccessToken",
        (),
        None,
    )
    assert page.routes == (
        RouteRecord(
            verbs="POST",
            path="/OAuth/OIDC/GetAccessToken",
            line=8,
            summary="Returns the access token for either an authorization code or refresh token.",
        ),
    )
    assert page.code is None
    assert [(t.name, t.source, t.line, t.kind) for t in page.types] == [
        ("OIDCGetAccessToken", "table", 9, "class"),
        ("BaseDto", "table", 23, "class"),
        ("BaseSharedDto", "table", 28, "class"),
        ("OIDCGetAccessTokenResponse", "table", 35, "class"),
    ]
    assert page.types[0].members[0] == MemberRecord(
        name="grant_type",
        type_text="OIDCGrantType",
        line=11,
        required=True,
        param_type="body",
        allowable_values=("authorization_code", "refresh_token"),
    )
    assert _rows(page, 0)[1:] == [
        ("scope", "body", "string", False, 17),
        ("code", "body", "string", False, 18),
        ("refresh_token", "body", "string", False, 19),
        ("redirect_uri", "body", "string", False, 20),
        ("client_id", "body", "string", False, 21),
        ("client_secret", "body", "string", False, 22),
    ]
    assert _rows(page, 1) == [
        ("UsingRedis", "form", "bool", False, 25),
        ("AppInitTime", "form", "DateTime", False, 26),
        ("ServerID", "form", "string", False, 27),
    ]
    assert _rows(page, 2) == [
        ("ClientID", "form", "int", False, 30),
        ("ResponseStatus", "form", "ResponseStatus", False, 31),
        ("BypassCache", "form", "bool", False, 32),
        ("DateCached", "form", "DateTime", False, 33),
        ("Device", "form", "Device", False, 34),
    ]
    assert _rows(page, 3) == [
        ("access_token", "form", "string", False, 37),
        ("token_type", "form", "string", False, 38),
        ("refresh_token", "form", "string", False, 39),
        ("expires_in", "form", "long?", False, 40),
        ("id_token", "form", "string", False, 41),
    ]
    assert all(m.description is None for t in page.types for m in t.members)
    req, resp = page.samples
    assert (req.method, req.path, req.media_type, req.start_line, req.body_line) == (
        "POST",
        "/OAuth/OIDC/GetAccessToken",
        "application/xml",
        49,
        55,
    )
    assert first_last(req.body)[1] == "</OIDCGetAccessToken>"
    assert (resp.start_line, resp.body_line) == (91, 95)
    assert first_last(resp.body)[1] == "</OIDCGetAccessTokenResponse>"


def test_nav_vbnet_xml_page() -> None:
    page, diags = parse(read(NAV), NAV)
    assert rendered(diags) == []
    assert (page.service_title, page.operation, page.tags, page.description) == (
        "NAV",
        "AuthenticationClientCredentialsTokenCreate",
        (),
        None,
    )
    assert page.routes == (
        RouteRecord(verbs="POST", path="/authentication/client-credentials-token", line=8),
    )
    assert page.code is not None
    assert (page.code.language, page.code.line) == ("VB.NET", 9)
    assert first_last(page.code.text) == ("Imports System", "End Namespace")
    assert len(page.code.text.split("\n")) == 24
    req, resp = page.samples
    assert (req.start_line, req.body_line, req.path) == (
        42,
        48,
        "/authentication/client-credentials-token",
    )
    assert req.body == (
        '<AuthenticationClientCredentialsTokenCreate xmlns:i="http://www.w3.org/2001/'
        'XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/NAV.ServiceModel">\n'
        "  <ClientId>String</ClientId>\n"
        "  <ClientSecret>String</ClientSecret>\n"
        "</AuthenticationClientCredentialsTokenCreate>"
    )
    assert (resp.start_line, resp.body_line, resp.media_type) == (52, 56, "application/xml")


# --- line endings and whitespace ------------------------------------------------------------


@pytest.mark.parametrize("rel", [MYAPP, DX_STF, YM_REST, NAV])
@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_crlf_and_cr_give_identical_records(rel: str, eol: str) -> None:
    text = read(rel)
    expected, _ = parse(text, rel)
    page, diags = parse(text.replace("\n", eol), rel)
    assert rendered(diags) == []
    assert page == expected


def test_final_line_break_is_not_part_of_the_response_body() -> None:
    text = read(DX_STF)
    page, _ = parse(text + "\r\n", DX_STF)
    assert page.samples[1].body is not None
    assert page.samples[1].body.endswith('"error":"String"}')
    assert split_lines("a\r\nb\rc\n") == ["a", "b", "c"]


def test_trailing_spaces_and_tabs_on_every_line() -> None:
    text = read(YM_REST)
    expected, _ = parse(text, YM_REST)
    noisy = "\n".join(line + " \t " for line in text.split("\n"))
    page, diags = parse(noisy, YM_REST)
    assert rendered(diags) == []
    assert page.routes == expected.routes
    assert page.types == expected.types
    assert page.format_label == "XML"
    req = page.samples[0]
    assert req.headers == expected.samples[0].headers
    assert (req.method, req.path, req.start_line, req.body_line) == (
        "POST",
        "/OAuth/OIDC/GetAccessToken",
        49,
        55,
    )
    # sample bodies stay verbatim, trailing whitespace included
    assert req.body is not None and req.body.split("\n")[-1] == "</OIDCGetAccessToken> \t "


# --- synthetic pages ---------------------------------------------------------------------

GET_PAGE = """\
Items API

<back to all web services

GetItem

The following routes are available for this service:
GET/items/{Id}Fetch one item by id
GET/itemsList all items
C#
using System;

namespace Items
{
    [Api("Fetch one item")]
    public class GetItem : IGet, IReturn<Item>
    {
        public int Id { get; set; }
    }
}

C# GetItem DTOs

To override the Content-type in your clients, use the HTTP Accept Header, append the .json suffix or ?format=json

HTTP + JSON

The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.

GET /items/{Id} HTTP/1.1\x20
Host: example.org\x20
Accept: application/json
HTTP/1.1 200 OK
Content-Type: application/json
Content-Length: length

{"id":0,"name":"String"}"""


def test_get_operation_without_request_body() -> None:
    page, diags = parse(GET_PAGE, "get.txt")
    assert page.operation == "GetItem"
    assert page.routes == (
        RouteRecord(verbs="GET", path="/items/{Id}", line=8, summary="Fetch one item by id"),
        RouteRecord(verbs="GET", path="/items", line=9, summary="List all items"),
    )
    # the second route's split is a guess: no sample confirms it
    assert rendered(diags) == [
        "warning: get.txt:9: guessed route path '/items' and summary 'List all items' "
        "from the glued text '/itemsList all items'"
    ]
    assert page.code is not None
    assert (page.code.language, page.code.line) == ("C#", 11)  # nav line "C#" skipped
    assert first_last(page.code.text) == ("using System;", "}")
    req, resp = page.samples
    assert req == SampleRecord(
        direction="request",
        media_type="application/json",
        start_line=30,
        body_line=30,
        body=None,
        method="GET",
        path="/items/{Id}",
        headers=(("Host", "example.org"), ("Accept", "application/json")),
    )
    assert (resp.start_line, resp.body_line, resp.body) == (33, 37, '{"id":0,"name":"String"}')


MULTI_ROUTES = """\
Shop

<back to all web services

CreateOrder

orders
admin
Creates an order.

The following routes are available for this service:
GET,POST/orders
PUT, DELETE/orders/{Id}/linesReplace the lines (v2)
All Verbs/orders/{Id}/notes

import datetime
# @Api(Description="Creates an order.")
class CreateOrder(IPost):
    pass

Python CreateOrder DTOs

To override the Content-type in your clients, use the HTTP Accept Header, append the .xml suffix or ?format=xml

HTTP + XML

The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.

POST /orders HTTP/1.1\x20
Host: shop\x20
Accept: application/xml
Content-Type: application/xml
Content-Length: length

<CreateOrder />
"""


def test_multiple_routes_tags_description_and_no_response() -> None:
    page, diags = parse(MULTI_ROUTES, "multi.txt")
    assert rendered(diags) == [
        "warning: multi.txt:13: guessed route path '/orders/{Id}/lines' and summary "
        "'Replace the lines (v2)' from the glued text '/orders/{Id}/linesReplace the lines (v2)'"
    ]
    assert page.tags == ("orders", "admin")
    assert page.description == "Creates an order."
    assert page.routes == (
        RouteRecord(verbs="GET,POST", path="/orders", line=12),
        RouteRecord(
            verbs="PUT, DELETE",
            path="/orders/{Id}/lines",
            line=13,
            summary="Replace the lines (v2)",
        ),
        RouteRecord(verbs="All Verbs", path="/orders/{Id}/notes", line=14),
    )
    assert page.code is not None and page.code.line == 16
    assert page.code.text.split("\n")[-1] == "    pass"
    assert len(page.samples) == 1
    req = page.samples[0]
    assert (req.method, req.path, req.body, req.start_line, req.body_line) == (
        "POST",
        "/orders",
        "<CreateOrder />",
        29,
        35,
    )


def test_sample_path_confirms_a_one_word_summary_on_the_sample_route() -> None:
    text = MULTI_ROUTES.replace("GET,POST/orders\n", "GET/ordersList\nPOST/ordersCreate\n")
    page, diags = parse(text, "one.txt")
    assert page.routes[:2] == (
        RouteRecord(verbs="GET", path="/ordersList", line=12),  # undetectable without a sample
        RouteRecord(verbs="POST", path="/orders", line=13, summary="Create"),
    )
    assert [d.where for d in diags] == ["one.txt:14"]  # only the heuristic split of row 3


def test_without_api_evidence_all_header_lines_are_tags() -> None:
    text = MULTI_ROUTES.replace('# @Api(Description="Creates an order.")\n', "")
    page, _ = parse(text)
    assert page.tags == ("orders", "admin", "Creates an order.")
    assert page.description is None


def test_csharp_positional_api_description() -> None:
    text = MULTI_ROUTES.replace(
        '# @Api(Description="Creates an order.")', '[Api("Creates an order.")]'
    )
    page, _ = parse(text)
    assert (page.tags, page.description) == (("orders", "admin"), "Creates an order.")


TABLES_PAGE = """\
Sample

<back to all web services

FindThings

The following routes are available for this service:
GET/things/{Kind}
FindThings Parameters:
NameParameterData TypeRequiredDescription
KindpathThingKindYes
platformformstringNo
informationformThingKindNo
TakequeryintNoMaximum number of things

Valid Range: 1 - 100
TagsqueryList<string>No
ThingKind Enum:
NameValue
Small0
Large1
Huge10
Color Enum:
Red
Green

To override the Content-type in your clients, use the HTTP Accept Header, append the .json suffix or ?format=json

HTTP + JSON

The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.

GET /things/{Kind} HTTP/1.1\x20
Host: h\x20
Accept: application/json
"""


def test_tables_page_with_enum_descriptions_and_form_names() -> None:
    page, diags = parse(TABLES_PAGE, "tables.txt")
    # "Huge10" could be Huge1=0: the ascending order of values decides
    assert rendered(diags) == [
        "info: tables.txt:22: enum row 'Huge10' in 'ThingKind' read as Huge=10"
    ]
    assert page.routes == (RouteRecord(verbs="GET", path="/things/{Kind}", line=8),)
    params, kinds, colors = page.types
    assert [
        (m.name, m.param_type, m.type_text, m.required, m.description) for m in params.members
    ] == [
        ("Kind", "path", "ThingKind", True, None),
        ("platform", "form", "string", False, None),
        ("information", "form", "ThingKind", False, None),
        ("Take", "query", "int", False, "Maximum number of things\nValid Range: 1 - 100"),
        ("Tags", "query", "List<string>", False, None),
    ]
    assert (kinds.source, kinds.kind, kinds.line) == ("enum-table", "enum", 18)
    assert [(e.name, e.value, e.line) for e in kinds.enum_members] == [
        ("Small", "0", 20),
        ("Large", "1", 21),
        ("Huge", "10", 22),
    ]
    assert [(e.name, e.value) for e in colors.enum_members] == [("Red", None), ("Green", None)]
    (req,) = page.samples
    assert (req.body, req.media_type, req.body_line) == (None, "application/json", 33)


# --- bad input -------------------------------------------------------------------------------


def test_garbage_input_gives_one_error() -> None:
    page, diags = parse("hello\r\nthis is not a page\n\x00\t", "junk.txt")
    assert page == PageRecord(source="junk.txt", kind="servicestack", operation=None)
    assert [(d.level, d.where) for d in diags] == [("error", "junk.txt:1")]
    assert "not a ServiceStack operation page" in diags.items[0].message
    assert diags.items[0].hint is not None


def test_empty_input() -> None:
    page, diags = parse("", "empty.txt")
    assert page.operation is None
    assert [(d.level, d.where) for d in diags] == [("error", "empty.txt:1")]


def test_missing_operation_name() -> None:
    text = read(MYAPP).replace("GetAccessToken\n\nauth\n", "\n", 1)
    page, diags = parse(text, "noop.txt")
    assert page.operation is None
    errors = [(d.where, d.message) for d in diags if d.level == "error"]
    assert errors == [
        (
            "noop.txt:6",
            "missing operation name after '<back to all web services' "
            "(found 'The following routes are available for this service:')",
        )
    ]
    assert page.routes == (RouteRecord(verbs="All Verbs", path="/access-token", line=7),)


def test_missing_back_link() -> None:
    text = read(NAV).replace("<back to all web services\n", "")
    page, diags = parse(text, "nav.txt")
    assert page.operation is None
    assert [(d.level, d.where) for d in diags if d.level == "error"] == [("error", "nav.txt:1")]
    assert len(page.samples) == 2


def test_truncated_in_the_code_block() -> None:
    text = "\n".join(read(MYAPP).split("\n")[:25])
    page, diags = parse(text, "cut.txt")
    assert page.operation == "GetAccessToken"
    assert page.code is None and page.samples == ()
    assert [(d.level, d.where) for d in diags] == [
        ("error", "cut.txt:25"),
        ("error", "cut.txt:10"),
    ]
    assert "no sample section" in diags.items[0].message
    assert "footer" in diags.items[1].message


def test_truncated_in_the_request_body() -> None:
    text = "\n".join(read(MYAPP).split("\n")[:52])
    page, diags = parse(text, "cut.txt")
    assert rendered(diags) == []
    (req,) = page.samples
    assert first_last(req.body)[1] == "      <d2p1:Key>String</d2p1:Key>"


def test_malformed_request_line() -> None:
    text = read(NAV).replace(
        "POST /authentication/client-credentials-token HTTP/1.1 ", "POST /auth HTTP"
    )
    page, diags = parse(text, "bad.txt")
    assert [(d.level, d.where) for d in diags] == [("error", "bad.txt:42")]
    assert diags.items[0].message == "malformed request line: found 'POST /auth HTTP'"
    assert [s.direction for s in page.samples] == ["response"]


def test_response_without_request_block() -> None:
    lines = read(NAV).split("\n")
    page, diags = parse("\n".join(lines[:41] + lines[51:]), "resp.txt")
    assert [(d.level, d.where, d.message) for d in diags] == [
        ("error", "resp.txt:42", "malformed request line: found a response status line")
    ]
    assert [(s.direction, s.start_line, s.body_line) for s in page.samples] == [
        ("response", 42, 46)
    ]


def test_footer_like_description_does_not_switch_to_code_mode() -> None:
    text = read(YM_REST).replace("scopebodystringNo", "scopebodystringNoScope of the DTOs")
    page, diags = parse(text, "ym.txt")
    assert rendered(diags) == []
    assert page.code is None
    assert page.types[0].members[1].description == "Scope of the DTOs"


def test_missing_blank_line_before_request_body() -> None:
    text = read(DX_STF).replace("Content-Length: length\n\n{", "Content-Length: length\n{", 1)
    page, diags = parse(text, "dx.txt")
    assert [(d.level, d.where) for d in diags] == [("error", "dx.txt:82")]
    req = page.samples[0]
    assert (req.body_line, req.body) == (
        82,
        '{"clientId":"String","clientSecret":"String","scope":"String"}',
    )


def test_unknown_language_label_and_foreign_footer() -> None:
    text = read(NAV).replace(
        "VB.NET AuthenticationClientCredentialsTokenCreate DTOs", "COBOL OtherOp DTOs"
    )
    page, diags = parse(text, "nav.txt")
    assert page.code is not None and page.code.language == "COBOL"
    assert [(d.level, d.where) for d in diags] == [
        ("warning", "nav.txt:34"),
        ("warning", "nav.txt:34"),
    ]


def test_requires_authentication_lines_are_not_tags() -> None:
    text = read(MYAPP).replace("auth\n", "auth\nRequires Authentication\nRequired role:Admin\n", 1)
    page, diags = parse(text, "auth.txt")
    assert page.tags == ("auth",)
    assert rendered(diags) == [
        "info: auth.txt:8: operation requires authentication: Required role:Admin"
    ]


def test_page_without_routes_table() -> None:
    lines = read(NAV).split("\n")
    text = "\n".join(lines[:6] + lines[8:])
    page, diags = parse(text, "noroutes.txt")
    assert page.routes == ()
    assert page.code is not None and page.code.line == 7
    assert [(d.level, d.where) for d in diags] == [("warning", "noroutes.txt:5")]


@pytest.mark.parametrize("rel", [MYAPP, DX_STF, YM_REST, NAV])
def test_every_truncation_is_reported_until_the_request_line(rel: str) -> None:
    lines = read(rel).split("\n")
    request_at = next(i for i, s in enumerate(lines) if s.endswith(" HTTP/1.1 "))
    for cut in range(len(lines) + 1):
        _page, diags = parse("\n".join(lines[:cut]), rel)
        assert diags.has_errors is (cut <= request_at), cut
        assert all(d.where.startswith(f"{rel}:") for d in diags)
