"""HTML page parsers: ServiceStack and Web API pages, older markup, indexes, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics
from generator.scrape import PAGE_SUFFIXES, page_files, parse_page_text
from generator.scrape.html_common import looks_like_html, parse_html
from generator.scrape.html_pages import IndexEntry, read_index
from generator.scrape.records import (
    AttributeRecord,
    EnumMemberRecord,
    MemberRecord,
    RouteRecord,
    SampleRecord,
)
from generator.scrape.servicestack_html import page_languages

SAMPLES = """<div class="example"><h3>HTTP + JSON</h3>
<div class="request"><pre>POST /things HTTP/1.1\x20
Host: h\x20
Accept: application/json
Content-Type: application/json
Content-Length: <span class="value">length</span>

{&quot;name&quot;:&quot;String&quot;}</pre></div>
<div class="response"><pre>HTTP/1.1 200 OK
Content-Type: application/json
Content-Length: length

{}</pre></div></div>"""


def _ss(body: str, samples: str = SAMPLES) -> str:
    return (
        "<!doctype html><html><body><h1>Things</h1>\n<div class='operation'><div>\n"
        f"<h2>SaveThing</h2>\n{body}\n{samples}\n</div></div></body></html>\n"
    )


def _parse(text: str, name: str = "p.html") -> tuple[object, Diagnostics]:
    diags = Diagnostics()
    return parse_page_text(name, text, diags), diags


def _messages(diags: Diagnostics) -> list[str]:
    return [f"{d.level}: {d.where}: {d.message}" for d in diags]


def test_tables_mode_page_with_enum_ranges_and_routes() -> None:
    page, diags = _parse(
        _ss(
            "<div class='tags'><span><b>a</b></span><span><b>b c</b></span></div>\n"
            "<h3 id='desc'>Saves a thing.</div>\n"  # the malformed older markup (§1.3)
            "<table class='authentication'><caption>Requires Authentication</caption>"
            "<tr><td>Required role: Admin</td></tr></table>\n"
            "<table><caption>The following routes are available for this service:</caption>"
            "<tbody><tr><th>GET,POST</th><th>/things/{Id}</th><td>Save it</td>"
            "<td><i>idempotent</i></td></tr></tbody><tbody></tbody></table>\n"
            "<table><caption><b>SaveThing</b> Parameters:</caption><thead><tr><th>Name</th>"
            "<th>Parameter</th><th>Data Type</th><th>Required</th><th>Description</th></tr></thead>"
            "<tbody><tr><td>Id</td><td>path</td><td>int</td><td>Yes</td><td>The id</td></tr>\n"
            "<tr><td>Kind</td><td>body</td><td>Kind</td><td>No</td><td>What it is"
            "<h4>Allowable Values</h4><ul><li>Big</li><li>Small</li></ul></td></tr>\n"
            "<tr><td>Tags</td><td>body</td><td>List&lt;string&gt;</td><td>No</td>"
            "<td><h4>Valid Range: 1 - 5</h4></td></tr></tbody></table>\n"
            "<table class='enum'><caption><b>Kind</b> Enum:</caption><thead><tr><th>Name</th>"
            "<th>Value</th></tr></thead><tr><td>Big</td><td>1</td></tr>"
            "<tr><td>Small</td><td>2</td></tr></table>"
        )
    )
    assert page is not None and not [d for d in diags if d.level != "info"]
    assert _messages(diags) == [
        "info: p.html:6: operation requires authentication: Required role: Admin"
    ]
    assert (page.operation, page.service_title, page.tags) == ("SaveThing", "Things", ("a", "b c"))
    assert page.description == "Saves a thing."
    assert page.routes == (
        RouteRecord(
            verbs="GET,POST", path="/things/{Id}", line=7, summary="Save it", notes="idempotent"
        ),
    )
    table, enum = page.types
    assert (table.name, table.source, table.line, enum.name, enum.source) == (
        "SaveThing",
        "table",
        8,
        "Kind",
        "enum-table",
    )
    assert table.members == (
        MemberRecord(
            name="Id",
            type_text="int",
            line=8,
            description="The id",
            required=True,
            param_type="path",
        ),
        MemberRecord(
            name="Kind",
            type_text="Kind",
            line=9,
            description="What it is",
            required=False,
            param_type="body",
            allowable_values=("Big", "Small"),
        ),
        MemberRecord(
            name="Tags",
            type_text="List<string>",
            line=10,
            description="Valid Range: 1 - 5",
            required=False,
            param_type="body",
        ),
    )
    assert enum.enum_members == (
        EnumMemberRecord(name="Big", line=11, value="1"),
        EnumMemberRecord(name="Small", line=11, value="2"),
    )
    request, response = page.samples
    assert request == SampleRecord(
        direction="request", media_type="application/json", start_line=13, body_line=19,
        body='{"name":"String"}', method="POST", path="/things",
        headers=(("Host", "h"), ("Accept", "application/json"), ("Content-Type", "application/json"), ("Content-Length", "length")),
    )  # fmt: skip
    assert (response.status, response.body, response.body_line) == ("200 OK", "{}", 24)
    assert page.format_label == "JSON"


def test_code_mode_2021_markup_takes_the_label_from_the_lang_key() -> None:
    page, diags = _parse(
        _ss(
            "<pre><code lang='csharp'>\npublic class SaveThing\n{\n    public string Name { get; set; }\n}\n</code></pre>"
        )
    )
    assert page is not None and _messages(diags) == []
    assert page.code is not None
    assert (page.code.language, page.code.line, page.code.text.split("\n")[0]) == (
        "C#",
        5,
        "public class SaveThing",
    )
    assert [(t.name, t.source, t.line) for t in page.types] == [("SaveThing", "code:csharp", 5)]


def test_code_footer_naming_another_operation_and_unknown_language_warn() -> None:
    page, diags = _parse(
        _ss(
            "<pre><code class='language-cobol'>01 THING.</code></pre>"
            "<p><a href='/types/cobol'>COBOL OtherOp DTOs</a></p>"
        )
    )
    assert page is not None and page.types == ()
    assert _messages(diags) == [
        "warning: p.html:4: DTO footer names operation 'OtherOp' but the page documents 'SaveThing'",
        "warning: p.html:4: unknown DTO language 'COBOL'",
        "error: p.html:4: unsupported DTO code language 'COBOL'; the code block is not read",
    ]


def test_language_tabs_are_listed() -> None:
    root = parse_html(
        "p",
        "<html><body><nav><a href='?op=X'>Metadata</a><a  class=\"active\" "
        "href='?op=X&lang=csharp'>C#</a><a href='?op=X&amp;lang=python'>Python</a>"
        "<a href='?op=X&lang=brainfuck'>?</a></nav></body></html>",
        Diagnostics(),
    )
    assert page_languages(root) == ("csharp", "python")


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        ("<html><body><p>hello</p></body></html>",
         ["error: p.html:1: not a ServiceStack or Web API metadata page"]),
        ("<!doctype html>", ["error: p.html:1: cannot read the HTML page: Document is empty"]),
        (_ss("", samples=""), ["error: p.html:2: no sample section (div.request > pre with "
                               "'VERB /path HTTP/1.1') found"]),
        (_ss("").replace("<h2>SaveThing</h2>", "<h2>Save Thing!</h2>"),
         ["error: p.html:3: no operation name (an h2 naming the request DTO); found 'Save Thing!'"]),
        (_ss("", samples="<div class='request'><pre>GARBAGE</pre></div>"),
         ["error: p.html:5: malformed request line: found 'GARBAGE'"]),
    ],
)  # fmt: skip
def test_bad_pages_are_errors_not_tracebacks(text: str, messages: list[str]) -> None:
    page, diags = _parse(text)
    assert page is None
    assert _messages(diags) == messages


WEBAPI = """<!DOCTYPE html>
<html><body><section class="content-wrapper">
<h1>GET api/things/{id}?q={q}</h1>
<div>
    <p>Gets a thing.</p>
    <h2>Request Information</h2>
    <h3>URI Parameters</h3>
    <table class="help-page-table"><thead><tr><th>Name</th><th>Description</th><th>Type</th><th>Additional information</th></tr></thead>
    <tbody>
    <tr><td>id</td><td><p>The id.</p></td><td>integer</td><td><p>Required</p><p>Range: inclusive between 1 and 9</p></td></tr>
    <tr><td>q</td><td><p></p></td><td>string</td><td><p>None.</p></td></tr>
    </tbody></table>
    <h3>Body Parameters</h3>
    <p>None.</p>
    <h2>Response Information</h2>
    <h3>Resource Description</h3>
    <p>The things.</p>
    Collection of <a href="/Help/ResourceModel?modelName=Thing">Thing</a>
    <table class="help-page-table"><tbody>
    <tr><td>Name</td><td><p>Its name.</p></td><td>string</td><td><p>Odd note</p></td></tr>
    </tbody></table>
    <h3>Response Formats</h3>
    <div>
    <h4 class="sample-header">application/json, text/json</h4>
    <div class="sample-content"><span><b>Sample:</b></span><pre class="wrapped">
[
  {
    &quot;Name&quot;: &quot;sample string 1&quot;
  }
]
</pre></div>
    <h4 class="sample-header">application/x-www-form-urlencoded</h4>
    <div class="sample-content"><span><b>Sample:</b></span><p>Sample not available.</p></div>
    </div>
</div>
</section></body></html>
"""


def test_web_api_page() -> None:
    page, diags = _parse(WEBAPI)
    assert page is not None
    assert _messages(diags) == [
        "warning: p.html:20: unknown annotation 'Odd note' in row 'Name' (kept as an Annotation)"
    ]
    assert (page.kind, page.method, page.path, page.line) == (
        "webapi",
        "GET",
        "api/things/{id}?q={q}",
        3,
    )
    assert (page.description, page.request_type, page.response_type) == (
        "Gets a thing.",
        None,
        "Collection of Thing",
    )
    uri, thing = page.types
    assert (uri.name, uri.source, thing.name, thing.description) == (
        "<uri>",
        "webapi-uri",
        "Thing",
        "The things.",
    )
    assert uri.members == (
        MemberRecord(name="id", type_text="integer", line=10, description="The id.", required=True, param_type="path",
                     attributes=(AttributeRecord(name="Annotation", args=("Range: inclusive between 1 and 9",), line=10),)),
        MemberRecord(name="q", type_text="string", line=11, param_type="query"),
    )  # fmt: skip
    assert thing.members[0].attributes == (
        AttributeRecord(name="Annotation", args=("Odd note",), line=20),
    )
    json_sample, form = page.samples
    assert (json_sample.media_types, json_sample.start_line, json_sample.body_line) == (
        ("application/json", "text/json"),
        24,
        26,
    )
    assert json_sample.body == '[\n  {\n    "Name": "sample string 1"\n  }\n]'
    assert (form.media_type, form.body) == ("application/x-www-form-urlencoded", None)


def test_web_api_page_with_a_missing_section() -> None:
    page, diags = _parse(WEBAPI.replace("<h3>Resource Description</h3>", ""))
    assert page is None
    assert _messages(diags)[0] == "error: p.html:3: missing the 'Resource Description' section"


def test_web_api_simple_body_type() -> None:
    text = WEBAPI.replace(
        "<h3>Body Parameters</h3>\n    <p>None.</p>",
        "<h3>Body Parameters</h3>\n    <p></p>\n    string",
    )
    page, _ = _parse(text)
    assert page is not None and page.request_type == "string"


INDEX = """<!doctype html><html><body><h1>Svc</h1><div class="operations"><table><tbody>
<tr><th data-tags="a, b"><span class="icons"><i class="auth" title="Requires Auth"></i></span><a href='ui/Op1'>Op1</a></th>
<td><a href="http://h/json/metadata?op=Op1">JSON</a></td><td>XML</td><td><a href="/jsv/metadata?op=Op1">JSV</a></td></tr>
<tr><th>Op1</th><td><a href="http://h/json/metadata?op=Op1">JSON</a></td></tr>
<tr><th>Bad</th><td><a href="http://h/json/metadata?op=../x">JSON</a></td></tr>
<tr><th>Op2</th><td><a href="http://h/xml/metadata?op=Op2">XML</a></td></tr>
</tbody></table><h3><a href="ui">API Explorer</a></h3></div></body></html>"""


def test_servicestack_index() -> None:
    diags = Diagnostics()
    index = read_index("i.html", INDEX, diags)
    assert index is not None and (index.kind, index.title) == ("servicestack", "Svc")
    assert index.entries == (
        IndexEntry(name="Op1", links=(("json", "http://h/json/metadata?op=Op1"), ("jsv", "/jsv/metadata?op=Op1")), tags=("a", "b"), line=2),
        IndexEntry(name="Op2", links=(("xml", "http://h/xml/metadata?op=Op2"),), line=6),
    )  # fmt: skip
    page, diags = _parse(INDEX)
    assert page is None
    assert _messages(diags) == [
        "info: p.html:1: operations index page listing 2 operation(s); it documents no types and "
        "is not read as an operation page"
    ]


def test_web_api_index() -> None:
    text = """<html><body><h2>Values</h2><table class="help-page-table"><tbody>
<tr><td class="api-name"><a href="/Help/Api/GET-api-values">GET api/values</a></td><td></td></tr>
<tr><td class="api-name"><a href="/Help/Api/POST-api-values">POST api/values</a></td><td></td></tr>
<tr><td><a href="/Help/ResourceModel?modelName=X">X</a></td></tr></tbody></table></body></html>"""
    index = read_index("i.html", text, Diagnostics())
    assert index is not None and index.kind == "webapi"
    assert [(e.name, e.title, e.links) for e in index.entries] == [
        ("GET-api-values", "GET api/values", (("help", "/Help/Api/GET-api-values"),)),
        ("POST-api-values", "POST api/values", (("help", "/Help/Api/POST-api-values"),)),
    ]
    assert read_index("p.html", _ss(""), Diagnostics()) is None


def test_html_detection_and_page_files(tmp_path: Path) -> None:
    assert looks_like_html("\ufeff  <!DOCTYPE html>\n<html>")
    assert looks_like_html("<?xml version='1.0'?>\n<!-- saved -->\n<html>")
    assert looks_like_html("<div>x</div>", "saved.HTML")
    assert not looks_like_html("<back to all web services\nOp", "page.txt")
    assert not looks_like_html("MyApp\n<back to all web services")
    assert {".html", ".htm", ".txt"} <= set(PAGE_SUFFIXES)
    for name in ("a.html", "b.txt", "c.png", "d.htm"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in page_files(tmp_path)] == ["a.html", "b.txt", "d.htm"]
