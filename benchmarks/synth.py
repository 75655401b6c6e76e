"""Synthetic services for the generation benchmark: saved pages and the equivalent JSON Schema.

``write_site(ops, folder)`` writes ``folder/specs/pages/<service>/*.txt`` for a site of ``ops``
operations, as the text renderings in ``specs/pages/`` read:

* ``synth`` (90 % of the operations), a ServiceStack service: code-mode pages in C#, VB.NET
  and Python, and tables-mode pages, with JSON or DataContract-XML samples populated the way
  ServiceStack's ``AutoMappingUtils.PopulateWith`` does (``"String"``, ``0``, one list item …);
* ``synth_api`` (10 %), an ASP.NET Web API Help Page site: model tables and JSON + XML samples
  generated the way the Help Page ``ObjectGenerator`` does (``"sample string n"``).

Types are shared between operations as on a real service: every entity is used by three
operations, some entities nest others, enums are shared. ``json_schema(site)`` is the same
type model as one JSON Schema document (``$defs``), the input datamodel-code-generator gets.
Everything is deterministic: the same ``ops`` always yields the same bytes.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NS_SS = "http://schemas.datacontract.org/2004/07/Synth.ServiceModel"
NS_API = "http://schemas.datacontract.org/2004/07/Synth.Api.Models"
NS_TYPES = "http://schemas.servicestack.net/types"
NS_ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
HOST = "synth.example.org"

NOUNS = (
    "Customer", "Order", "Invoice", "Product", "Shipment", "Ticket", "Booking", "Account",
    "Payment", "Supplier", "Warehouse", "Contract", "Employee", "Project", "Campaign", "Vehicle",
)  # fmt: skip
ENUM_MEMBERS = (
    ("Active", "Inactive", "Pending"),
    ("Low", "Medium", "High", "Critical"),
    ("Draft", "Submitted", "Approved", "Rejected", "Archived"),
)
KINDS = ("Get", "Create", "Update", "Delete", "Query")
VERBS = {"Get": "GET", "Create": "POST", "Update": "PUT", "Delete": "DELETE", "Query": "GET"}

# Scalar member kinds (.NET view): name → (C#, VB.NET, Python, tables, JSON Schema)
SCALARS: dict[str, tuple[str, str, str, str, dict[str, Any]]] = {
    "string": ("string", "String", "Optional[str] = None", "string", {"type": "string"}),
    "int": ("int", "Integer", "int = 0", "int", {"type": "integer"}),
    "long?": ("long?", "Long?", "Optional[int] = None", "long?", {"type": "integer"}),
    "bool": ("bool", "Boolean", "bool = False", "bool", {"type": "boolean"}),
    "decimal": (
        "decimal", "Decimal", "Decimal = decimal.Decimal(0)", "decimal", {"type": "number"}
    ),
    "DateTime": (
        "DateTime", "Date", "datetime.datetime = datetime.datetime(1, 1, 1)", "DateTime",
        {"type": "string", "format": "date-time"},
    ),
    "List<string>": (
        "List<string>", "List(Of String)", "Optional[List[str]] = None", "List<string>",
        {"type": "array", "items": {"type": "string"}},
    ),
    "Dictionary<string,string>": (
        "Dictionary<string, string>", "Dictionary(Of String, String)",
        "Optional[Dict[str, str]] = None", "Dictionary<string,string>",
        {"type": "object", "additionalProperties": {"type": "string"}},
    ),
}  # fmt: skip


@dataclass
class Member:
    """One member: .NET name and kind (a SCALARS key, ``enum:X``, ``ref:X`` or ``list:X``)."""

    name: str
    kind: str


@dataclass
class TypeDef:
    """A class (members) or an enum (``members`` empty, ``values`` set)."""

    name: str
    members: list[Member] = field(default_factory=list)
    values: tuple[str, ...] = ()
    description: str | None = None

    @property
    def is_enum(self) -> bool:
        return bool(self.values)


@dataclass
class Operation:
    """A request DTO, its response DTO and how its page is rendered."""

    name: str
    kind: str
    route: str
    request: TypeDef
    response: TypeDef
    page: str  # csharp | vbnet | python | tables | webapi
    fmt: str  # json | xml


@dataclass
class Site:
    """The type model of a synthetic site."""

    types: dict[str, TypeDef]
    ops: list[Operation]
    api_types: dict[str, TypeDef]
    api_ops: list[Operation]


def _snake(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and (not name[i - 1].isupper() or name[i + 1 : i + 2].islower()):
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _entity_members(k: int, leaves: list[str], enums: list[str]) -> list[Member]:
    members = [Member("Id", "int"), Member("Name", "string")]
    pool = [
        Member("Description", "string"),
        Member("CreatedDate", "DateTime"),
        Member("Price", "decimal"),
        Member("Quantity", "int"),
        Member("IsActive", "bool"),
        Member("ExpiresIn", "long?"),
        Member("Tags", "List<string>"),
        Member("Meta", "Dictionary<string,string>"),
        Member("Notes", "string"),
        Member("Code", "string"),
    ]
    for j in range(4 + k % 5):
        members.append(pool[(k + 3 * j) % len(pool)])
    if enums:
        members.append(Member("Status", f"enum:{enums[k % len(enums)]}"))
    if leaves and k % 2 == 1:
        members.append(Member("Owner", f"ref:{leaves[k % len(leaves)]}"))
        if k % 4 == 1:
            members.append(Member("Items", f"list:{leaves[(k + 1) % len(leaves)]}"))
    seen: set[str] = set()
    return [m for m in members if not (m.name in seen or seen.add(m.name))]  # type: ignore[func-returns-value]


def _page_kind(i: int) -> str:
    """C# 3/8, VB.NET 2/8, Python 2/8, tables 1/8; an entity's first page shows .NET code."""
    k, j = divmod(i, 3)
    if j == 0:
        return ("csharp", "vbnet")[k % 2]
    return ("csharp", "python", "tables", "csharp", "vbnet", "python")[(2 * k + j - 1) % 6]


def build_site(ops: int) -> Site:
    """The type model of a site with ``ops`` operations (10 % of them Web API)."""
    n_api = ops // 10
    n_ss = ops - n_api
    types: dict[str, TypeDef] = {}
    n_entities = max(1, (n_ss + 2) // 3)
    enums = [f"{NOUNS[k % len(NOUNS)]}State{k}" for k in range(max(1, n_entities // 8))]
    for k, name in enumerate(enums):
        types[name] = TypeDef(name, values=ENUM_MEMBERS[k % len(ENUM_MEMBERS)])
    leaves = [f"{NOUNS[k % len(NOUNS)]}Detail{k}" for k in range(max(1, n_entities // 4))]
    for k, name in enumerate(leaves):
        types[name] = TypeDef(name, _entity_members(2 * k, [], enums))
    entities = [f"{NOUNS[k % len(NOUNS)]}{k}" for k in range(n_entities)]
    for k, name in enumerate(entities):
        types[name] = TypeDef(name, _entity_members(k, leaves, enums))
    op_list: list[Operation] = []
    for i in range(n_ss):
        k, j = divmod(i, 3)
        entity = entities[k]
        kind = KINDS[(k + j) % len(KINDS)]
        name = f"{kind}{entity}" if kind != "Query" else f"Query{entity}s"
        plural = "/" + _snake(entity).replace("_", "-") + "s"
        route = plural if kind in ("Create", "Query") else plural + "/{Id}"
        req = TypeDef(name, _request_members(kind, types[entity]))
        res_members = [Member("Results", f"list:{entity}"), Member("Total", "int")]
        if kind != "Query":
            res_members = [Member("Result", f"ref:{entity}")]
        if kind == "Delete":
            res_members = [Member("Success", "bool")]
        res_members.append(Member("ResponseStatus", "ref:ResponseStatus"))
        res = TypeDef(name + "Response", res_members)
        types[req.name] = req
        types[res.name] = res
        fmt = "xml" if (i // 2) % 2 else "json"
        op_list.append(Operation(name, kind, route, req, res, _page_kind(i), fmt))
    api_types: dict[str, TypeDef] = {}
    api_ops: list[Operation] = []
    for i in range(n_api):
        noun = NOUNS[i % len(NOUNS)]
        model = TypeDef(f"{noun}Model{i}", _api_members(i))
        reply = TypeDef(f"{noun}Reply{i}", [Member("Id", "int"), Member("Message", "string"),
                                            Member("Accepted", "bool"), Member("Item", f"ref:{model.name}")])  # fmt: skip
        api_types[model.name] = model
        api_types[reply.name] = reply
        route = f"api/v1/{noun.lower()}s/item{i}"
        api_ops.append(Operation(f"Post{noun}{i}", "Create", route, model, reply, "webapi", "both"))
    return Site(types, op_list, api_types, api_ops)


def _request_members(kind: str, entity: TypeDef) -> list[Member]:
    if kind in ("Get", "Delete"):
        return [Member("Id", "int")]
    if kind == "Query":
        return [Member("Skip", "int"), Member("Take", "int"), Member("OrderBy", "string"),
                Member("Name", "string")]  # fmt: skip
    scalars = [m for m in entity.members if not m.kind.startswith(("ref:", "list:"))]
    if kind == "Create":
        return [m for m in scalars if m.name != "Id"]
    return scalars[:5]


def _api_members(i: int) -> list[Member]:
    pool = [
        Member("Title", "string"),
        Member("Count", "int"),
        Member("Enabled", "bool"),
        Member("Amount", "decimal"),
        Member("Labels", "List<string>"),
        Member("Reference", "string"),
        Member("Limit", "long?"),
    ]
    return [Member("Id", "int"), Member("Name", "string")] + [
        pool[(i + j) % len(pool)] for j in range(3 + i % 4)
    ]


# ---------------------------------------------------------------------------------------------
# Which types a page shows


def _refs(t: TypeDef) -> list[str]:
    out = []
    for m in t.members:
        if m.kind.startswith(("ref:", "list:", "enum:")):
            out.append(m.kind.split(":", 1)[1])
    return out


def _page_types(site: Site, op: Operation) -> list[TypeDef]:
    """Request, response and every referenced type (built-ins excluded), page order."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order or name not in site.types:
            return
        order.append(name)
        for r in _refs(site.types[name]):
            visit(r)

    visit(op.request.name)
    visit(op.response.name)
    return [site.types[n] for n in order]


# ---------------------------------------------------------------------------------------------
# Code blocks


def _cs_type(kind: str) -> str:
    if kind in SCALARS:
        return SCALARS[kind][0]
    tag, _, name = kind.partition(":")
    return f"List<{name}>" if tag == "list" else name


def _vb_type(kind: str) -> str:
    if kind in SCALARS:
        return SCALARS[kind][1]
    tag, _, name = kind.partition(":")
    return f"List(Of {name})" if tag == "list" else name


def _py_type(kind: str) -> str:
    if kind in SCALARS:
        return SCALARS[kind][2]
    tag, _, name = kind.partition(":")
    if tag == "list":
        return f"Optional[List[{name}]] = None"
    return f"Optional[{name}] = None"


def _interfaces(op: Operation | None, t: TypeDef) -> list[str]:
    if op is None or t.name != op.request.name:
        return ["IHasResponseStatus"] if any(m.name == "ResponseStatus" for m in t.members) else []
    return [{"GET": "IGet", "POST": "IPost", "PUT": "IPut", "DELETE": "IDelete"}[VERBS[op.kind]]]


def csharp_code(op: Operation, types: list[TypeDef]) -> str:
    lines = ["using System;", "using System.IO;", "using System.Collections;",
             "using System.Collections.Generic;", "using System.Runtime.Serialization;",
             "using ServiceStack;", "using ServiceStack.DataAnnotations;",
             "using Synth.ServiceModel;", "", "namespace Synth.ServiceModel", "{"]  # fmt: skip
    for t in types:
        if t.is_enum:
            lines += [f"    public enum {t.name}", "    {"]
            lines += [f"        {v}," for v in t.values[:-1]] + [
                f"        {t.values[-1]}",
                "    }",
                "",
            ]
            continue
        if t.name == op.request.name:
            lines.append(f'    [Api(Description="{_describe(op)}")]')
        impl = _interfaces(op, t)
        lines.append(f"    public partial class {t.name}")
        if impl:
            lines.append("        : " + ", ".join(impl))
        lines.append("    {")
        for m in t.members:
            if m.name == "Name" and t.name == op.request.name:
                lines.append(f'        [ApiMember(Description="The {m.name.lower()}")]')
            lines.append(f"        public virtual {_cs_type(m.kind)} {m.name} {{ get; set; }}")
        lines += ["    }", ""]
    lines[-1] = "}"
    return "\n".join(lines) + "\n"


def vbnet_code(op: Operation, types: list[TypeDef]) -> str:
    lines = ["Imports System", "Imports System.IO", "Imports System.Collections",
             "Imports System.Collections.Generic", "Imports System.Runtime.Serialization",
             "Imports ServiceStack", "Imports ServiceStack.DataAnnotations",
             "Imports Synth.ServiceModel", "", "Namespace Global", "",
             "    Namespace Synth.ServiceModel", ""]  # fmt: skip
    for t in types:
        if t.is_enum:
            lines.append(f"        Public Enum {t.name}")
            lines += [f"            {v}" for v in t.values] + ["        End Enum", ""]
            continue
        if t.name == op.request.name:
            lines.append(f'        <Api(Description:="{_describe(op)}")>')
        lines.append(f"        Public Partial Class {t.name}")
        impl = _interfaces(op, t)
        if impl:
            lines.append("            Implements " + ", ".join(impl))
        for m in t.members:
            lines.append(f"            Public Overridable Property {m.name} As {_vb_type(m.kind)}")
        lines += ["        End Class", ""]
    lines += ["    End Namespace", "End Namespace"]
    return "\n".join(lines) + "\n"


def python_code(op: Operation, types: list[TypeDef]) -> str:
    lines = ["import datetime", "import decimal", "from marshmallow.fields import *",
             "from servicestack import *", "from typing import *",
             "from dataclasses import dataclass, field",
             "from dataclasses_json import dataclass_json, LetterCase, Undefined, config",
             "from enum import Enum, IntEnum", ""]  # fmt: skip
    for t in reversed(types):  # dependencies first, as the Python generator orders them
        lines.append("")
        if t.is_enum:
            lines.append(f"class {t.name}(str, Enum):")
            lines += [f"    {_snake(v).upper()} = '{v}'" for v in t.values]
            lines.append("")
            continue
        impl = _interfaces(op, t)
        lines.append("@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)")
        lines.append("@dataclass")
        lines.append(f"class {t.name}" + (f"({', '.join(impl)})" if impl else "") + ":")
        if t.name == op.request.name:
            lines += ['    """', f"    {_describe(op)}", '    """', ""]
        for m in t.members:
            lines.append(f"    {_snake(m.name)}: {_py_type(m.kind)}")
        lines.append("")
    return "\n".join(lines).lstrip("\n")


def _describe(op: Operation) -> str:
    return f"{op.kind} a {op.request.name.removeprefix(op.kind)}"


# ---------------------------------------------------------------------------------------------
# Tables mode


def _table_type(kind: str) -> str:
    if kind in SCALARS:
        return SCALARS[kind][3]
    tag, _, name = kind.partition(":")
    return f"List<{name}>" if tag == "list" else name


def tables(site: Site, op: Operation, types: list[TypeDef]) -> list[str]:
    lines: list[str] = []
    for t in types:
        if t.is_enum:
            continue
        lines += [f"{t.name} Parameters:", "NameParameterData TypeRequiredDescription"]
        is_req = t.name == op.request.name
        for m in t.members:
            where = "form"
            if is_req:
                where = (
                    "path"
                    if "{" + m.name + "}" in op.route
                    else ("query" if VERBS[op.kind] in ("GET", "DELETE") else "body")
                )
            desc = f"The {m.name.lower()}" if is_req and m.name == "Name" else ""
            lines.append(f"{m.name}{where}{_table_type(m.kind)}No{desc}")
            if m.kind.startswith("enum:"):
                values = site.types[m.kind[5:]].values
                lines += ["", "Allowable Values", ""] + [f"  \u2022 {v}" for v in values]
    return lines


# ---------------------------------------------------------------------------------------------
# Samples (ServiceStack PopulateWith)

ResponseStatusJson = {
    "errorCode": "String", "message": "String", "stackTrace": "String",
    "errors": [{"errorCode": "String", "fieldName": "String", "message": "String",
                "meta": {"String": "String"}}],
    "meta": {"String": "String"},
}  # fmt: skip
WCF_MIN = "/Date(-62135596800000-0000)/"


def populate_json(site: Site, t: TypeDef) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in t.members:
        out[_camel(m.name)] = _json_value(site, m.kind)
    return out


def _json_value(site: Site, kind: str) -> Any:
    simple: dict[str, Any] = {
        "string": "String", "int": 0, "long?": 0, "bool": False, "decimal": 0,
        "DateTime": WCF_MIN, "List<string>": ["String"],
        "Dictionary<string,string>": {"String": "String"},
    }  # fmt: skip
    if kind in simple:
        return simple[kind]
    tag, _, name = kind.partition(":")
    if name == "ResponseStatus":
        return ResponseStatusJson
    if tag == "enum":
        return site.types[name].values[0]
    if tag == "ref":
        return populate_json(site, site.types[name])
    return [populate_json(site, site.types[name])]


def _json_text(value: Any) -> str:
    return (
        json.dumps(value, separators=(",", ":"))
        .replace('"/Date(', '"\\/Date(')
        .replace(')/"', ')\\/"')
    )


def _xml_status(depth: int, pad: str) -> list[str]:
    p, d3, d5 = f"d{depth}p1", f"d{depth + 1}p1", f"d{depth + 3}p1"
    body = [
        f'<ResponseStatus xmlns:{p}="{NS_TYPES}">',
        f"  <{p}:ErrorCode>String</{p}:ErrorCode>",
        f"  <{p}:Message>String</{p}:Message>",
        f"  <{p}:StackTrace>String</{p}:StackTrace>",
        f"  <{p}:Errors>",
        f"    <{p}:ResponseError>",
        f"      <{p}:ErrorCode>String</{p}:ErrorCode>",
        f"      <{p}:FieldName>String</{p}:FieldName>",
        f"      <{p}:Message>String</{p}:Message>",
        f'      <{p}:Meta xmlns:{d5}="{NS_ARRAYS}">',
        f"        <{d5}:KeyValueOfstringstring>",
        f"          <{d5}:Key>String</{d5}:Key>",
        f"          <{d5}:Value>String</{d5}:Value>",
        f"        </{d5}:KeyValueOfstringstring>",
        f"      </{p}:Meta>",
        f"    </{p}:ResponseError>",
        f"  </{p}:Errors>",
        f'  <{p}:Meta xmlns:{d3}="{NS_ARRAYS}">',
        f"    <{d3}:KeyValueOfstringstring>",
        f"      <{d3}:Key>String</{d3}:Key>",
        f"      <{d3}:Value>String</{d3}:Value>",
        f"    </{d3}:KeyValueOfstringstring>",
        f"  </{p}:Meta>",
        "</ResponseStatus>",
    ]
    return [pad + line for line in body]


def populate_xml(site: Site, t: TypeDef, depth: int, pad: str) -> list[str]:
    """The member elements of ``t`` (DataContract order: ordinal by name)."""
    out: list[str] = []
    text = {"string": "String", "int": "0", "long?": "0", "bool": "false", "decimal": "0",
            "DateTime": "0001-01-01T00:00:00"}  # fmt: skip
    for m in sorted(t.members, key=lambda m: m.name.encode()):
        d = depth + 1  # depth of this member element
        if m.kind in text:
            out.append(f"{pad}<{m.name}>{text[m.kind]}</{m.name}>")
        elif m.kind == "List<string>":
            p = f"d{d}p1"
            out += [f'{pad}<{m.name} xmlns:{p}="{NS_ARRAYS}">',
                    f"{pad}  <{p}:string>String</{p}:string>", f"{pad}</{m.name}>"]  # fmt: skip
        elif m.kind == "Dictionary<string,string>":
            p = f"d{d}p1"
            out += [f'{pad}<{m.name} xmlns:{p}="{NS_ARRAYS}">',
                    f"{pad}  <{p}:KeyValueOfstringstring>",
                    f"{pad}    <{p}:Key>String</{p}:Key>",
                    f"{pad}    <{p}:Value>String</{p}:Value>",
                    f"{pad}  </{p}:KeyValueOfstringstring>", f"{pad}</{m.name}>"]  # fmt: skip
        elif m.kind == "ref:ResponseStatus":
            out += _xml_status(d, pad)
        elif m.kind.startswith("enum:"):
            out.append(f"{pad}<{m.name}>{site.types[m.kind[5:]].values[0]}</{m.name}>")
        elif m.kind.startswith("ref:"):
            out.append(f"{pad}<{m.name}>")
            out += populate_xml(site, site.types[m.kind[4:]], d, pad + "  ")
            out.append(f"{pad}</{m.name}>")
        else:
            item = site.types[m.kind[5:]]
            out += [f"{pad}<{m.name}>", f"{pad}  <{item.name}>"]
            out += populate_xml(site, item, d + 1, pad + "    ")
            out += [f"{pad}  </{item.name}>", f"{pad}</{m.name}>"]
    return out


def _xml_doc(site: Site, t: TypeDef) -> str:
    inner = populate_xml(site, t, 1, "  ")
    head = f'<{t.name} xmlns:i="{NS_XSI}" xmlns="{NS_SS}">'
    return "\n".join([head, *inner, f"</{t.name}>"])


# ---------------------------------------------------------------------------------------------
# ServiceStack page


def servicestack_page(site: Site, op: Operation) -> str:
    types = _page_types(site, op)
    verb = VERBS[op.kind]
    lines = ["Synth API", "", "<back to all web services", "", op.name, "", _tag(op),
             "The following routes are available for this service:",
             f"{verb}{op.route}{_describe(op)}"]  # fmt: skip
    if op.page == "tables":
        lines += tables(site, op, types)
    else:
        code = {"csharp": csharp_code, "vbnet": vbnet_code, "python": python_code}[op.page]
        label = {"csharp": "C#", "vbnet": "VB.NET", "python": "Python"}[op.page]
        lines += [code(op, types).rstrip("\n"), "", f"{label} {op.name} DTOs"]
    fmt = op.fmt
    ct = f"application/{fmt}"
    lines += ["", f"To override the Content-type in your clients, use the HTTP Accept Header, "
              f"append the .{fmt} suffix or ?format={fmt}", ""]  # fmt: skip
    if fmt == "json":
        lines += ["To embed the response in a jsonp callback, append ?callback=myCallback", ""]
    lines += [f"HTTP + {fmt.upper()}", "",
              "The following are sample HTTP requests and responses. The placeholders shown need "
              "to be replaced with actual values.", "",
              f"{verb} {op.route} HTTP/1.1 ", f"Host: {HOST} ", f"Accept: {ct}"]  # fmt: skip
    if verb in ("POST", "PUT"):
        body = (
            _json_text(populate_json(site, op.request))
            if fmt == "json"
            else _xml_doc(site, op.request)
        )
        lines += [f"Content-Type: {ct}", "Content-Length: length", "", body]
    response = (
        _json_text(populate_json(site, op.response))
        if fmt == "json"
        else _xml_doc(site, op.response)
    )
    lines += ["HTTP/1.1 200 OK", f"Content-Type: {ct}", "Content-Length: length", "", response]
    return "\n".join(lines)


def _tag(op: Operation) -> str:
    return op.request.name.removeprefix(op.kind).rstrip("s0123456789").lower() or "misc"


# ---------------------------------------------------------------------------------------------
# Web API Help Page


_API_WORDS = {"string": "string", "int": "integer", "bool": "boolean", "decimal": "decimal number",
              "long?": "integer", "List<string>": "Collection of string"}  # fmt: skip


class _Gen:
    """ObjectGenerator's per-object index counter (first value 1)."""

    def __init__(self) -> None:
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


def _api_values(site: Site, t: TypeDef) -> list[tuple[str, Any]]:
    gen = _Gen()
    out: list[tuple[str, Any]] = []
    for m in t.members:
        if m.kind == "string":
            out.append((m.name, f"sample string {gen.next()}"))
        elif m.kind == "int":
            out.append((m.name, gen.next()))
        elif m.kind == "long?":
            out.append((m.name, 1))
        elif m.kind == "bool":
            gen.next()
            out.append((m.name, True))
        elif m.kind == "decimal":
            out.append((m.name, gen.next() + 0.1))
        elif m.kind == "List<string>":
            out.append((m.name, ["sample string 1", "sample string 2"]))
        else:
            out.append((m.name, dict(_api_values(site, site.api_types[m.kind[4:]]))))
    return out


def _api_json(site: Site, t: TypeDef) -> list[str]:
    text = json.dumps(dict(_api_values(site, t)), indent=1)
    return [line.strip() for line in text.splitlines()]


def _api_xml_value(name: str, v: Any, site: Site, kind: str) -> str:
    if isinstance(v, bool):
        return f"<{name}>{'true' if v else 'false'}</{name}>"
    if isinstance(v, list):
        items = " ".join(f"<d2p1:string>{x}</d2p1:string>" for x in v)
        return f'<{name} xmlns:d2p1="{NS_ARRAYS}"> {items} </{name}>'
    if isinstance(v, dict):
        t = site.api_types[kind[4:]]
        return f"<{name}> {_api_xml_members(site, t)} </{name}>"
    return f"<{name}>{v}</{name}>"


def _api_xml_members(site: Site, t: TypeDef) -> str:
    values = dict(_api_values(site, t))
    kinds = {m.name: m.kind for m in t.members}
    return " ".join(
        _api_xml_value(n, values[n], site, kinds[n]) for n in sorted(values, key=str.encode)
    )


def webapi_page(site: Site, op: Operation) -> str:
    def table(t: TypeDef) -> list[str]:
        rows = [
            f"{t.name}| Name | Description | Type | Additional information |",
            "|---|---|---|---|",
        ]
        for k, m in enumerate(t.members):
            word = _API_WORDS.get(m.kind) or m.kind.partition(":")[2]
            extra = "Required" if m.name == "Id" else "None."
            rows += ([] if k == 0 else ["|"]) + [f"| {m.name} | {word} |", f"{extra} |"]
        return rows

    req, res = op.request, op.response
    xml_head = f'xmlns:i="{NS_XSI}" xmlns="{NS_API}"'
    lines = [f"POST {op.route}", f"Stores a {req.name}.", "Request Information",
             "URI Parameters", "None.", "Body Parameters", *table(req), "Request Formats",
             "application/json, text/json", "Sample:", *_api_json(site, req),
             "application/xml, text/xml", "Sample:",
             f"<{req.name} {xml_head}> {_api_xml_members(site, req)} </{req.name}>",
             "application/x-www-form-urlencoded", "Sample:", "Sample not available.",
             "Response Information", "Resource Description", *table(res), "Response Formats",
             "application/json, text/json", "Sample:", *_api_json(site, res),
             "application/xml, text/xml", "Sample:",
             f"<{res.name} {xml_head}> {_api_xml_members(site, res)} </{res.name}>"]  # fmt: skip
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Output


def write_site(ops: int, folder: Path) -> Site:
    """Write ``folder/specs/pages/{synth,synth_api}/*.txt`` for ``ops`` operations."""
    site = build_site(ops)
    for service, op_list, render in (
        ("synth", site.ops, servicestack_page),
        ("synth_api", site.api_ops, webapi_page),
    ):
        if not op_list:
            continue
        pages = folder / "specs" / "pages" / service
        pages.mkdir(parents=True, exist_ok=True)
        for op in op_list:
            (pages / f"{op.name}.txt").write_text(render(site, op), encoding="utf-8")
    return site


def _schema_of(kind: str) -> dict[str, Any]:
    if kind in SCALARS:
        return dict(SCALARS[kind][4])
    tag, _, name = kind.partition(":")
    ref = {"$ref": f"#/$defs/{name}"}
    return {"type": "array", "items": ref} if tag == "list" else ref


def json_schema(site: Site) -> dict[str, Any]:
    """The site's types (both services, plus ResponseStatus/ResponseError) as JSON Schema."""
    defs: dict[str, Any] = {
        "ResponseError": {"type": "object", "properties": {
            "errorCode": {"type": "string"}, "fieldName": {"type": "string"},
            "message": {"type": "string"},
            "meta": {"type": "object", "additionalProperties": {"type": "string"}}}},
        "ResponseStatus": {"type": "object", "properties": {
            "errorCode": {"type": "string"}, "message": {"type": "string"},
            "stackTrace": {"type": "string"},
            "errors": {"type": "array", "items": {"$ref": "#/$defs/ResponseError"}},
            "meta": {"type": "object", "additionalProperties": {"type": "string"}}}},
    }  # fmt: skip
    for t in [*site.types.values(), *site.api_types.values()]:
        if t.is_enum:
            defs[t.name] = {"type": "string", "enum": list(t.values)}
            continue
        props = {_camel(m.name): _schema_of(m.kind) for m in t.members}
        required = [_camel(m.name) for m in t.members if m.kind in ("int", "bool", "decimal")]
        defs[t.name] = {"type": "object", "properties": props, "required": required}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Synth",
        "$defs": dict(sorted(defs.items())),
        "anyOf": [{"$ref": f"#/$defs/{n}"} for n in sorted(defs)],
    }


def count_types(site: Site) -> int:
    """DTO classes and enums of the site (what both generators emit, built-ins included)."""
    return len(site.types) + len(site.api_types) + 2


def main() -> None:
    """``python benchmarks/synth.py --ops 300 --out DIR``: write pages and ``schema.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=300)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    site = write_site(args.ops, args.out)
    (args.out / "schema.json").write_text(json.dumps(json_schema(site), indent=2), "utf-8")
    print(f"{len(site.ops)} + {len(site.api_ops)} operations, {count_types(site)} types")


if __name__ == "__main__":
    main()
