"""Fake ServiceStack and Web API sites in the markup of the real ones (reference sections 1.2 to 1.8).

The ServiceStack site documents 22 operations across both page modes: code-mode views
in C# (operations 1 to 10), a host that lists C# but only serves Python (11 to 14, exercising
the language fallback), and tables only, without language tabs (15 to 22). Samples follow
the ServiceStack serializers (compact camelCase JSON, DataContract XML with members in
ordinal order), so generated code must verify against every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .server import Reply, Route, html, redirect

NS = "http://schemas.datacontract.org/2004/07/Fake.ServiceModel"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_VALUES = {"string": ("String", '"String"'), "int": ("0", "0"), "bool": ("false", "false")}
_CS = {"string": "string", "int": "int", "bool": "bool"}
_PY = {"string": "Optional[str] = None", "int": "int = 0", "bool": "bool = False"}


@dataclass(frozen=True)
class FakeOp:
    """One operation: request/response members as (Name, type), its route and page mode."""

    name: str
    request: tuple[tuple[str, str], ...]
    response: tuple[tuple[str, str], ...]
    route: str
    mode: str  # csharp | python | tables
    tag: str


def fake_ops() -> list[FakeOp]:
    """The 22 documented operations of the fake ServiceStack service."""
    nouns = ["Order", "Invoice", "Customer", "Product", "Shipment", "Refund", "Coupon", "Review"]
    ops: list[FakeOp] = []
    for i in range(22):
        noun = nouns[i % len(nouns)]
        verb = ("Get", "Create", "Update")[i % 3]
        request: tuple[tuple[str, str], ...] = (("Id", "int"), ("Name", "string"))
        if i % 2:
            request += (("Active", "bool"),)
        response = (("Result", "string"), ("Total", "int"))
        mode = "csharp" if i < 10 else "python" if i < 14 else "tables"
        ops.append(
            FakeOp(
                name=f"{verb}{noun}{i + 1:02d}",
                request=request,
                response=response,
                route=f"/{noun.lower()}s/{i + 1}",
                mode=mode,
                tag=noun.lower(),
            )
        )
    return ops


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _json(members: tuple[tuple[str, str], ...]) -> str:
    return "{" + ",".join(f'"{_camel(n)}":{_VALUES[t][1]}' for n, t in members) + "}"


def _xml(root: str, members: tuple[tuple[str, str], ...]) -> str:
    lines = [f'<{root} xmlns:i="{XSI}" xmlns="{NS}">']
    lines += [f"  <{n}>{_VALUES[t][0]}</{n}>" for n, t in sorted(members)]
    return "\n".join([*lines, f"</{root}>"])


def _csharp(op: FakeOp) -> str:
    def cls(name: str, members: tuple[tuple[str, str], ...], marker: str) -> list[str]:
        out = [f"    public partial class {name}{marker}", "    {"]
        out += [f"        public virtual {_CS[t]} {n} {{ get; set; }}" for n, t in members]
        return [*out, "    }", ""]

    lines = ["using System;", "using System.Collections.Generic;", "using ServiceStack;", ""]
    lines += ["namespace Fake.ServiceModel", "{"]
    lines += cls(op.name, op.request, "\n        : IPost")
    lines += cls(f"{op.name}Response", op.response, "")
    return "\n".join([*lines[:-1], "}"])


def _python(op: FakeOp) -> str:
    def snake(name: str) -> str:
        return "".join(
            f"_{c.lower()}" if c.isupper() and k else c.lower() for k, c in enumerate(name)
        )

    def cls(name: str, members: tuple[tuple[str, str], ...], bases: str) -> list[str]:
        out = ["", "", "@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)"]
        out += ["@dataclass", f"class {name}{bases}:"]
        return out + [f"    {snake(n)}: {_PY[t]}" for n, t in members]

    lines = ["import datetime", "from servicestack import *", "from typing import *"]
    lines += ["from dataclasses import dataclass, field"]
    lines += ["from dataclasses_json import dataclass_json, LetterCase, Undefined, config"]
    lines += cls(f"{op.name}Response", op.response, "")
    lines += cls(op.name, op.request, "(IPost)")
    return "\n".join(lines)


SP = " "  # the request and Host lines end with one space (reference section 1.5)
_LABELS = {"csharp": "C#", "python": "Python", "vbnet": "VB.NET"}


def _page(op: FakeOp, fmt: str, lang: str | None, base: str, tabs: tuple[str, ...]) -> str:
    ctype = f"application/{fmt}"
    upper = fmt.upper()
    req = _json(op.request) if fmt == "json" else _xml(op.name, op.request)
    resp = _json(op.response) if fmt == "json" else _xml(f"{op.name}Response", op.response)
    nav = ""
    if tabs:
        active = ' class="active"'
        links = [f"<a{active if lang is None else ''} href='?op={op.name}'>Metadata</a>"]
        links += [  # a double space before class, as real pages print it (reference §1.9)
            f"<a {active if key == lang else ''} href='?op={op.name}&lang={key}'>"
            f"{_LABELS[key]}</a>"
            for key in tabs
        ]
        nav = f"<div class=\"types-nav\"><nav>{''.join(links)}</nav></div>\n"
    if lang is not None:
        code = _csharp(op) if lang == "csharp" else _python(op)
        content = (
            f'<pre><code class="language-{lang}" lang="{lang}">'
            f"{code.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</code></pre>\n"
            f'<p><a href="/types/{lang}?IncludeTypes={op.name}.*">{_LABELS[lang]} {op.name} DTOs</a></p>\n'
        )
    else:
        content = _table(op.name, op.request, "body") + _table(
            f"{op.name}Response", op.response, "form"
        )
    return f"""<!doctype html>
<html lang="en-us">
<head><title>Fake Service</title></head>
<body>
    <h1>Fake Service</h1>
    <div class="operation">
      <div>
        <p><a href="{base}/metadata">&lt;back to all web services</a></p>
        <h2>{op.name}</h2>
        <div class="tags"><span><b>{op.tag}</b></span></div>
        <table class="routes"><caption>The following routes are available for this service:</caption><tbody><tr><th>POST</th><th>{op.route}</th><td></td><td><i></i></td></tr><tbody></tbody></table>
        {nav}{content}
        <div class="call-info"><p>To override the Content-type in your clients, use the HTTP <b>Accept</b> Header, append the <b>.{fmt}</b> suffix or <b>?format={fmt}</b></p></div>
        <div class="example">
            <h3>HTTP + {upper}</h3>
            <p>The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.</p>
            <div class="request"><pre>POST {op.route} HTTP/1.1{SP}
Host: localhost{SP}
Accept: {ctype}
Content-Type: {ctype}
Content-Length: <span class="value">length</span>

{escape(req)}</pre></div>
            <div class="response"><pre>HTTP/1.1 200 OK
Content-Type: {ctype}
Content-Length: length

{escape(resp)}</pre></div>
        </div>
      </div>
    </div>
</body>
</html>
"""


def _table(name: str, members: tuple[tuple[str, str], ...], param: str) -> str:
    rows = "".join(
        f"<tr><td>{n}</td><td>{param}</td><td>{_CS[t]}</td><td>No</td><td></td></tr>"
        for n, t in members
    )
    return (
        f"<table class='params'><caption><b>{name}</b> Parameters:</caption><thead><tr>"
        "<th>Name</th><th>Parameter</th><th>Data Type</th><th>Required</th><th>Description</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>\n"
    )


def _index(base: str, names: list[str], off_host: str) -> str:
    rows = []
    for name in [*names, off_host]:
        host = "http://example.invalid" if name == off_host else base
        cells = "".join(
            f'<td><a href="{host}/{fmt}/metadata?op={name}">{fmt.upper()}</a></td>'
            for fmt in ("json", "xml", "jsv")
        )
        rows.append(f"<tr><th data-tags=''><a href='ui/{name}'>{name}</a></th>{cells}</tr>")
    return f"""<!doctype html>
<html><head><title>Fake Service</title></head>
<body>
<h1>Fake Service</h1>
<div class="operations">
<p>The following operations are supported. For a formal definition, please review the Service <a href="{base}/metadata?xsd=1">XSD</a>.</p>
<div style="margin-bottom:3em"><h3>Operations</h3><table><tbody>
{chr(10).join(rows)}
</tbody></table></div>
</div>
</body></html>
"""


FAULTS = ("BrokenOp", "FlakyOp", "LoopOp", "MissingOp", "SlowOp")
OFF_HOST = "ElsewhereOp"


def servicestack_site(base: str, slow: float) -> dict[str, Route]:
    """Routes of the fake service at ``base``, faults included (``slow`` = delay of SlowOp)."""
    ops = fake_ops()
    routes: dict[str, Route] = {"/": redirect("/metadata")}
    for op in ops:
        tabs = () if op.mode == "tables" else ("csharp", "python")
        for fmt in ("json", "xml"):
            path = f"/{fmt}/metadata?op={op.name}"
            routes[path] = html(_page(op, fmt, None, base, tabs))
            if op.mode != "tables":
                routes[f"{path}&lang=python"] = html(_page(op, fmt, "python", base, tabs))
            if op.mode == "csharp":
                routes[f"{path}&lang=csharp"] = html(_page(op, fmt, "csharp", base, tabs))
    fault = FakeOp("SlowOp", (("Id", "int"),), (("Result", "string"),), "/slow", "tables", "x")
    for name in FAULTS:
        op = FakeOp(name, fault.request, fault.response, f"/{name.lower()}", "tables", "faults")
        for fmt in ("json", "xml"):
            routes[f"/{fmt}/metadata?op={name}"] = html(_page(op, fmt, None, base, ()))
    good = routes["/json/metadata?op=FlakyOp"]
    routes["/json/metadata?op=FlakyOp"] = lambda n: Reply(500) if n == 1 else good(n)
    routes["/json/metadata?op=SlowOp"] = lambda n: Reply(200, b"<html>late</html>", delay=slow)
    routes["/json/metadata?op=BrokenOp"] = html(
        "<!doctype html><html><body><div class='operation'><h2>BrokenOp</h2>"
        "<p>this page was cut off</p></div></body></html>"
    )
    for fmt in ("json", "xml"):
        del routes[f"/{fmt}/metadata?op=MissingOp"]
        routes[f"/{fmt}/metadata?op=LoopOp"] = redirect(f"/{fmt}/metadata?op=LoopOp&again=1")
        routes[f"/{fmt}/metadata?op=LoopOp&again=1"] = redirect(f"/{fmt}/metadata?op=LoopOp")
    routes["/metadata"] = html(_index(base, [o.name for o in ops] + sorted(FAULTS), OFF_HOST))
    return routes


WEBAPI_NS = "http://schemas.datacontract.org/2004/07/Fake.Models"


def _help_table(rows: list[tuple[str, str, str]]) -> str:
    body = "".join(f"""
        <tr>
            <td class="parameter-name">{name}</td>
            <td class="parameter-documentation"><p>{doc}</p></td>
            <td class="parameter-type">{typ}</td>
            <td class="parameter-annotations"><p>None.</p></td>
        </tr>""" for name, typ, doc in rows)
    return f"""<table class="help-page-table">
    <thead><tr><th>Name</th><th>Description</th><th>Type</th><th>Additional information</th></tr></thead>
    <tbody>{body}
    </tbody>
</table>"""


def _help_samples(model: str, values: list[tuple[str, str, str]]) -> str:
    json_body = "{\n" + ",\n".join(f'  "{n}": {j}' for n, _, j in values) + "\n}"
    xml_lines = [f'<{model} xmlns:i="{XSI}" xmlns="{WEBAPI_NS}">']
    xml_lines += [f"  <{n}>{x}</{n}>" for n, x, _ in sorted(values)]
    xml_body = "\n".join([*xml_lines, f"</{model}>"])
    return f"""<div>
        <h4 class="sample-header">application/json, text/json</h4>
        <div class="sample-content"><span><b>Sample:</b></span><pre class="wrapped">{escape(json_body)}</pre></div>
        <h4 class="sample-header">application/xml, text/xml</h4>
        <div class="sample-content"><span><b>Sample:</b></span><pre class="wrapped">{escape(xml_body)}</pre></div>
</div>"""


_MODELS = {
    "ValueModel": (
        [("Id", "integer", "The id."), ("Name", "string", "")],
        [("Id", "1", "1"), ("Name", "sample string 2", '"sample string 2"')],
    ),
    "ItemModel": (
        [("Done", "boolean", ""), ("Title", "string", "Shown in lists.")],
        [("Done", "true", "true"), ("Title", "sample string 2", '"sample string 2"')],
    ),
}
HELP_APIS = (  # no URI parameters: the mapper does not read URI parameter tables yet
    ("GET", "api/values/latest", None, "ValueModel"),
    ("POST", "api/values", "ValueModel", None),
    ("PUT", "api/items", "ItemModel", "ItemModel"),
)


def _help_page(method: str, path: str, body: str | None, result: str | None) -> str:
    uri = _help_table([("id", "integer", "")]) if "{id}" in path else "<p>None.</p>"

    def model(name: str | None) -> str:
        if name is None:
            return "<p>None.</p>"
        link = f'<a href="/Help/ResourceModel?modelName={name}">{name}</a>'
        return f"<p></p>\n    {link}\n{_help_table(_MODELS[name][0])}"

    def formats(title: str, name: str | None) -> str:
        return "" if name is None else f"<h3>{title}</h3>\n{_help_samples(name, _MODELS[name][1])}"

    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8" /><title>{method} {path}</title></head>
<body><div id="body" class="help-page">
<section class="featured"><div class="content-wrapper"><p><a href="/Help">Help Page Home</a></p></div></section>
<section class="content-wrapper main-content clear-fix">
<h1>{method} {path}</h1>
<div>
    <p>{method} on {path}.</p>
    <h2>Request Information</h2>
    <h3>URI Parameters</h3>
    {uri}
    <h3>Body Parameters</h3>
    {model(body)}
    {formats("Request Formats", body)}
    <h2>Response Information</h2>
    <h3>Resource Description</h3>
    {model(result)}
    {formats("Response Formats", result)}
</div>
</section></div></body></html>
"""


def help_id(method: str, path: str) -> str:
    """The Help Page's friendly id of an API (``GET-api-values-id``)."""
    return f"{method}-" + path.replace("/", "-").replace("{", "").replace("}", "")


def webapi_site() -> dict[str, Route]:
    """Routes of a fake ASP.NET Web API help site: /Help and one page per API."""
    rows = "".join(f"""
        <tr>
            <td class="api-name"><a href="/Help/Api/{help_id(m, p)}">{m} {p}</a></td>
            <td class="api-documentation"><p>{m} on {p}.</p></td>
        </tr>""" for m, p, _, _ in HELP_APIS)
    index = f"""<!DOCTYPE html>
<html><head><title>ASP.NET Web API Help Page</title></head>
<body><div id="body" class="help-page">
<section class="content-wrapper main-content clear-fix">
<h2 id="Values">Values</h2>
<table class="help-page-table">
    <thead><tr><th>API</th><th>Description</th></tr></thead>
    <tbody>{rows}
    </tbody>
</table>
</section></div></body></html>
"""
    routes: dict[str, Route] = {"/Help": html(index)}
    for method, path, body, result in HELP_APIS:
        routes[f"/Help/Api/{help_id(method, path)}"] = html(_help_page(method, path, body, result))
    return routes
