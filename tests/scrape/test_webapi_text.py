"""Tests for the Web API Help Page text parser (generator.scrape.webapi_text)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diagnostics import Diagnostics
from generator.scrape.records import AttributeRecord, PageRecord, SampleRecord
from generator.scrape.webapi_text import (
    is_webapi_type_text,
    looks_like_webapi_text,
    parse_webapi_text,
    split_lines,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "specs/pages/webapi_auth/POST-api-v1-auth-token.txt"
FIXTURES = "tests/scrape/fixtures/webapi"
PUT_ITEMS = f"{FIXTURES}/PUT-api-items-id.txt"
GET_VALUES = f"{FIXTURES}/GET-api-values-id.txt"
SERVICESTACK_PAGES = [
    "specs/pages/dx_stf/GetAuthToken.txt",
    "specs/pages/myapp/GetAccessToken.txt",
    "specs/pages/nav/AuthenticationClientCredentialsTokenCreate.txt",
    "specs/pages/ym_rest/OIDCGetAccessToken.txt",
]


def read(rel: str) -> str:
    """Read a page relative to the repo root, keeping its line endings."""
    return (ROOT / rel).read_bytes().decode("utf-8")


def parse(text: str, source: str = "page.txt") -> tuple[PageRecord, Diagnostics]:
    """Parse text and return the record with its diagnostics."""
    diags = Diagnostics()
    return parse_webapi_text(source, text, diags), diags


def rendered(diags: Diagnostics) -> list[str]:
    """Diagnostics as ``level: where: message`` strings."""
    return [f"{d.level}: {d.where}: {d.message}" for d in diags]


def members(page: PageRecord, index: int) -> list[tuple[str, str, int]]:
    """(name, type_text, line) of each member of ``page.types[index]``."""
    return [(m.name, m.type_text, m.line) for m in page.types[index].members]


# --- the example page -------------------------------------------------------------------


def test_example_page_header_and_types() -> None:
    page, diags = parse(read(EXAMPLE), EXAMPLE)
    assert list(diags) == []
    assert (page.source, page.kind, page.operation, page.line) == (EXAMPLE, "webapi", None, 1)
    assert (page.method, page.path, page.description) == ("POST", "api/v1/auth/token", None)
    assert (page.request_type, page.response_type) == ("TokenRequest", "AccessTokenResponse")
    assert [(t.name, t.source, t.line, t.description) for t in page.types] == [
        ("TokenRequest", "webapi-table", 6, None),
        ("AccessTokenResponse", "webapi-table", 52, None),
    ]
    assert members(page, 0) == [
        ("WindowsAuthentication", "boolean", 8),
        ("client_id", "string", 11),
        ("client_secret", "string", 14),
        ("scope", "string", 17),
        ("username", "string", 20),
        ("password", "string", 23),
        ("grant_type", "string", 26),
        ("refresh_token", "string", 29),
    ]
    assert members(page, 1) == [
        ("access_token", "string", 54),
        ("expires_in", "integer", 57),
        ("redirect_url", "string", 60),
        ("ip", "string", 63),
        ("is_editor", "boolean", 66),
        ("refresh_expires_in", "integer", 69),
        ("refresh_token", "string", 72),
        ("token_type", "string", 75),
        ("not_before_policy", "integer", 78),
        ("session_state", "string", 81),
        ("scope", "string", 84),
    ]
    every = [m for t in page.types for m in t.members]
    assert {(m.description, m.required, m.attributes, m.param_type) for m in every} == {
        (None, None, (), None)
    }


def test_example_page_samples() -> None:
    page, _ = parse(read(EXAMPLE), EXAMPLE)
    heads = [
        (s.direction, s.media_type, s.media_types, s.start_line, s.body_line) for s in page.samples
    ]
    assert heads == [
        ("request", "application/json", ("application/json", "text/json"), 32, 34),
        ("request", "application/xml", ("application/xml", "text/xml"), 44, 46),
        (
            "request",
            "application/x-www-form-urlencoded",
            ("application/x-www-form-urlencoded",),
            47,
            49,
        ),
        ("response", "application/json", ("application/json", "text/json"), 87, 89),
        ("response", "application/xml", ("application/xml", "text/xml"), 102, 104),
    ]
    req_json, req_xml, req_form, resp_json, resp_xml = page.samples
    assert req_form.body is None
    assert req_json.body is not None and req_json.body.split("\n")[0] == "{"
    assert req_json.body.split("\n")[1] == '"WindowsAuthentication": true,'
    assert req_json.body.split("\n")[-2:] == ['"refresh_token": "sample string 8"', "}"]
    assert len(req_json.body.split("\n")) == 10
    assert req_xml.body is not None and "\n" not in req_xml.body
    assert req_xml.body.startswith(
        '<TokenRequest xmlns:i="http://www.w3.org/2001/XMLSchema-instance"'
    )
    assert req_xml.body.endswith("<username>sample string 5</username> </TokenRequest>")
    assert resp_json.body is not None and resp_json.body.split("\n")[1] == (
        '"access_token": "sample string 1",'
    )
    assert resp_json.body.split("\n")[-2:] == ['"scope": "sample string 8"', "}"]
    assert resp_xml.body is not None and resp_xml.body.startswith("<AccessTokenResponse xmlns:i=")
    assert resp_xml.body.endswith("<token_type>sample string 6</token_type> </AccessTokenResponse>")
    assert {(s.method, s.path, s.status, s.headers) for s in page.samples} == {
        (None, None, None, ())
    }


def test_samples_are_complete_sample_records() -> None:
    page, _ = parse(read(EXAMPLE), EXAMPLE)
    assert page.samples[2] == SampleRecord(
        direction="request",
        media_type="application/x-www-form-urlencoded",
        media_types=("application/x-www-form-urlencoded",),
        start_line=47,
        body_line=49,
        body=None,
    )


# --- line endings and whitespace ---------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_give_the_same_record(newline: str) -> None:
    text = read(EXAMPLE)
    lf_page, _ = parse(text, EXAMPLE)
    page, diags = parse(text.replace("\n", newline), EXAMPLE)
    assert list(diags) == []
    assert page == lf_page


def test_trailing_spaces_and_tabs_are_tolerated() -> None:
    text = read(EXAMPLE)
    lf_page, _ = parse(text, EXAMPLE)
    page, diags = parse("\n".join(line + " \t" for line in text.split("\n")), EXAMPLE)
    assert list(diags) == []
    assert page.types == lf_page.types
    assert (page.method, page.path, page.request_type) == (
        "POST",
        "api/v1/auth/token",
        "TokenRequest",
    )
    assert [s.body_line for s in page.samples] == [s.body_line for s in lf_page.samples]
    assert page.samples[0].body is not None and page.samples[0].body.split("\n")[:2] == [
        "{ \t",
        '"WindowsAuthentication": true, \t',
    ]
    assert page.samples[2].body is None


def test_split_lines_only_splits_on_line_breaks() -> None:
    assert split_lines("\ufeffa\r\nb\rc\nd\x0ce\u2028f") == ["a", "b", "c", "d\x0ce\u2028f"]


# --- synthetic pages ------------------------------------------------------------------------


def test_put_page_descriptions_annotations_and_composite_types() -> None:
    page, diags = parse(read(PUT_ITEMS), PUT_ITEMS)
    assert list(diags) == []
    assert (page.method, page.path) == ("PUT", "api/items/{id}")
    assert page.description == "Stores an item.\nReturns the stored items."
    assert (page.request_type, page.response_type) == ("Item", "Collection of Item")
    assert [(t.name, t.source, t.line, t.description) for t in page.types] == [
        ("<uri>", "webapi-uri", 7, None),
        ("Item", "webapi-table", 13, "The item to store."),
        ("Item", "webapi-table", 48, None),
    ]
    assert members(page, 1) == [
        ("Code", "string", 15),
        ("Tags", "Collection of string", 19),
        ("Counts", "Dictionary of string [key] and integer [value]", 22),
        ("Score", "decimal number", 25),
        ("Pattern", "string", 28),
        ("Owner", "User", 32),
    ]
    code, tags, counts, score, pattern, owner = page.types[1].members
    assert (code.description, code.required) == ("The item code.", True)
    assert code.attributes == (
        AttributeRecord(name="Annotation", args=("Max length: 5",), line=17),
    )
    assert (tags.required, tags.attributes, counts.attributes, owner.attributes) == (
        None,
        (),
        (),
        (),
    )
    assert score.attributes == (
        AttributeRecord(name="Annotation", args=("Range: inclusive between 1 and 10",), line=26),
    )
    assert pattern.description == "Free text,\nover two lines."
    assert pattern.attributes == (
        AttributeRecord(
            name="Annotation", args=("Matching regular expression pattern: ^(a|b)$",), line=30
        ),
    )
    response_code = replace(
        code,
        line=50,
        attributes=(AttributeRecord(name="Annotation", args=("Max length: 5",), line=52),),
    )
    assert page.types[2].members == (response_code,)


def test_put_page_uri_parameter_and_samples() -> None:
    page, _ = parse(read(PUT_ITEMS), PUT_ITEMS)
    (uri_id,) = page.types[0].members
    assert (uri_id.name, uri_id.type_text, uri_id.line) == ("id", "integer", 9)
    assert (uri_id.description, uri_id.required, uri_id.param_type) == (
        "The item id.",
        True,
        "path",
    )
    assert [(s.direction, s.media_type, s.start_line, s.body_line) for s in page.samples] == [
        ("request", "application/json", 35, 37),
        ("response", "application/json", 54, 56),
        ("response", "text/html", 61, 63),
    ]
    assert page.samples[0].body == (
        '{\n"Code": "sample string 1",\n"Tags": [\n"sample string 1",\n"sample string 2"\n],\n'
        '"Score": 1.1\n}'
    )
    assert page.samples[1].body == '[\n{\n"Code": "sample string 1"\n}\n]'
    assert page.samples[2].body is None


def test_get_page_uri_parameters_and_simple_response_type() -> None:
    page, diags = parse(read(GET_VALUES), GET_VALUES)
    assert list(diags) == []
    assert (page.method, page.path) == ("GET", "api/values/{id}?format={format}")
    assert (page.request_type, page.response_type, page.description) == (None, "string", None)
    assert [(t.name, t.source) for t in page.types] == [("<uri>", "webapi-uri")]
    assert [
        (m.name, m.type_text, m.line, m.required, m.param_type) for m in page.types[0].members
    ] == [
        ("id", "globally unique identifier", 6, True, "path"),
        ("format", "string", 9, None, "query"),
    ]
    assert [(s.direction, s.media_types, s.body) for s in page.samples] == [
        ("response", ("application/json", "text/json"), '"sample string 1"'),
        (
            "response",
            ("application/xml", "text/xml"),
            '<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">'
            "sample string 1</string>",
        ),
    ]


PAGE_TEMPLATE = """\
POST api/things
Request Information
URI Parameters
None.
Body Parameters
{body}
Response Information
Resource Description
{resource}
"""


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        ("None.", None),
        ("Collection of string", "Collection of string"),
        (
            "Dictionary of string [key] and integer [value]",
            "Dictionary of string [key] and integer [value]",
        ),
        ("The result.\nunsigned  integer", "unsigned integer"),
        ("Color", "Color"),
    ],
)
def test_resource_description_without_table(resource: str, expected: str | None) -> None:
    page, diags = parse(PAGE_TEMPLATE.format(body="None.", resource=resource))
    assert list(diags) == []
    assert (page.request_type, page.response_type, page.types, page.samples) == (
        None,
        expected,
        (),
        (),
    )


def test_model_without_properties_before_none() -> None:
    page, diags = parse(PAGE_TEMPLATE.format(body="EmptyModel\nNone.", resource="None."))
    assert page.request_type == "EmptyModel"
    assert [(t.name, t.line, t.members) for t in page.types] == [("EmptyModel", 6, ())]
    assert rendered(diags) == [
        "info: page.txt:6: Body Parameters: model 'EmptyModel' documents no properties"
    ]


def test_row_with_description_and_two_annotations() -> None:
    body = (
        "Thing| Name | Description | Type | Additional information |\n|---|---|---|---|\n"
        "| Code | A string | string |\nRequired\nMax length: 5 |\n|\n"
        "| Note | integer | string |\nNone. |\n|\n| Odd | string |\nCustom note |"
    )
    page, diags = parse(PAGE_TEMPLATE.format(body=body, resource="None."))
    assert rendered(diags) == [
        "warning: page.txt:16: unknown annotation 'Custom note' in row 'Odd' (kept as an Annotation)"
    ]
    code, note, odd = page.types[0].members
    assert (odd.type_text, odd.description, odd.line) == ("string", None, 15)
    assert odd.attributes == (AttributeRecord(name="Annotation", args=("Custom note",), line=16),)
    assert (code.name, code.description, code.type_text, code.required) == (
        "Code",
        "A string",
        "string",
        True,
    )
    assert code.attributes == (
        AttributeRecord(name="Annotation", args=("Max length: 5",), line=10),
    )
    assert (note.name, note.description, note.type_text, note.line) == (
        "Note",
        "integer",
        "string",
        12,
    )


# --- detection ------------------------------------------------------------------------------


def test_looks_like_webapi_text() -> None:
    assert looks_like_webapi_text(read(EXAMPLE))
    assert looks_like_webapi_text(read(EXAMPLE).replace("\n", "\r\n"))
    assert looks_like_webapi_text("\n  GET api/values\t\nRequest Information\n")
    for rel in SERVICESTACK_PAGES:
        assert not looks_like_webapi_text(read(rel)), rel
    assert not looks_like_webapi_text("")
    assert not looks_like_webapi_text("GET api/values\nno sections here\n")
    assert not looks_like_webapi_text("Help Page Home\nGET api/values\nRequest Information\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("string", True),
        ("globally unique identifier", True),
        ("time interval", True),
        ("URI", True),
        ("PagedResultOfItem", True),
        ("Collection of Collection of decimal number", True),
        ("Dictionary of string [key] and Collection of Item [value]", True),
        ("Pair of integer [key] and string [value]", True),
        ("decimal", True),  # an identifier: could be a model name
        ("", False),
        ("None.", False),
        ("Required", True),
        ("Max length: 5", False),
        ("Collection of", False),
        ("Dictionary of string and integer", False),
        ("Dictionary of string [key] and integer", False),
        ("A description.", False),
        ("Collection of " * 3000 + "string", True),  # no recursion limit hit
        ("Dictionary of " * 3000 + "string", False),
    ],
)
def test_is_webapi_type_text(text: str, expected: bool) -> None:
    assert is_webapi_type_text(text) is expected


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "hello world\nthis is not a page", "\x00\x01\x02"])
def test_garbage_input_gives_one_error(text: str) -> None:
    page, diags = parse(text)
    assert page == PageRecord(source="page.txt", kind="webapi", operation=None)
    assert [(d.level, d.where) for d in diags] == [("error", "page.txt:1")]
    assert "not a Web API Help Page" in diags.items[0].message
    assert diags.items[0].hint is not None


def test_missing_method_line_and_missing_section() -> None:
    text = read(EXAMPLE).replace("POST api/v1/auth/token\n", "Token endpoint\n")
    text = text.replace("Response Information\nResource Description\n", "")
    page, diags = parse(text)
    assert (page.method, page.path, page.description) == (None, None, "Token endpoint")
    assert rendered(diags) == [
        "error: page.txt:1: missing the 'VERB path' line (e.g. 'POST api/v1/auth/token') at the top of the page",
        "error: page.txt:32: missing the 'Response Information' section heading",
        "error: page.txt:32: missing the 'Resource Description' section heading",
    ]
    assert page.request_type == "TokenRequest"
    assert [s.direction for s in page.samples] == ["request"] * 3 + ["response"] * 2


def test_text_before_method_line_is_skipped_with_warning() -> None:
    page, diags = parse("Help Page Home\n" + read(EXAMPLE))
    assert (page.method, page.line, page.types[0].line) == ("POST", 2, 7)
    assert rendered(diags) == [
        "warning: page.txt:2: text before the 'VERB path' line was ignored (starts at line 1)"
    ]


def test_rows_that_cannot_be_split() -> None:
    body = (
        "Thing| Name | Description | Type | Additional information |\n"
        "stray text\n|---|---|---|---|\n"
        "| Weird | not a type! |\nNone. |\n|\n|  | string |\nNone. |\n|\n| Fine | string |\nNone. |"
    )
    page, diags = parse(PAGE_TEMPLATE.format(body=body, resource="None."))
    assert [(m.name, m.line) for m in page.types[0].members] == [("Fine", 15)]
    assert rendered(diags) == [
        "warning: page.txt:6: table header is not followed by a '|---|---|---|---|' line",
        "error: page.txt:7: text 'stray text' before the first table row",
        "error: page.txt:9: cannot find the type cell of row 'Weird'",
        "error: page.txt:12: table row without a name cell",
    ]
    assert all(d.hint for d in diags)


def test_bad_sections_and_samples() -> None:
    text = (
        "GET api/x\nRequest Information\nURI Parameters\nwhatever\nBody Parameters\n"
        "Response Information\nResource Description\n!!!\nResponse Formats\n"
        "not a heading\napplication/json\n{}\ntext/xml\nSample:\n\n"
    )
    page, diags = parse(text)
    assert (page.types, page.request_type, page.response_type) == ((), None, None)
    assert rendered(diags) == [
        "error: page.txt:4: URI Parameters: expected a parameter table or 'None.'",
        "error: page.txt:5: Body Parameters: the section is empty",
        "warning: page.txt:8: Resource Description: cannot find a model name, a type or 'None.' (last line is '!!!')",
        "error: page.txt:10: expected a media-type heading such as 'application/json, text/json', found 'not a heading'",
        "warning: page.txt:11: no 'Sample:' line after the heading 'application/json'",
        "warning: page.txt:13: sample 'text/xml' has no body",
    ]
    assert [(s.media_type, s.start_line, s.body_line, s.body) for s in page.samples] == [
        ("application/json", 11, 12, "{}"),
        ("text/xml", 13, 15, None),
    ]


LINE_PARTS = st.sampled_from(
    [
        "POST api/v1/x",
        "Request Information",
        "URI Parameters",
        "Body Parameters",
        "Request Formats",
        "Response Information",
        "Resource Description",
        "Response Formats",
        "None.",
        "Item| Name | Description | Type | Additional information |",
        "| Name | Description | Type | Additional information |",
        "|---|---|---|---|",
        "| a | string |",
        "| b | desc | Collection of string |",
        "|",
        "| | |",
        "Required",
        "application/json, text/json",
        "Sample:",
        "Sample not available.",
        "{",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(LINE_PARTS, st.text(max_size=12)), max_size=30),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_never_raises(parts: list[str], newline: str) -> None:
    page, _ = parse(newline.join(parts))
    assert page.kind == "webapi"
