"""Mapper: evidence from pages fused into the IR (the example pages are the fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics
from generator.ir import Spec, TypeDef
from generator.mapper import build_spec
from generator.scrape import parse_page_text
from generator.scrape.records import PageRecord

from ..conftest import SPECS


def _page(path: Path, diags: Diagnostics, text: str | None = None) -> PageRecord:
    source = f"pages/{path.parent.name}/{path.name}"
    page = parse_page_text(source, text if text is not None else path.read_text(), diags)
    assert page is not None, [d.render() for d in diags]
    return page


def _spec(service: str) -> tuple[Spec, Diagnostics]:
    diags = Diagnostics()
    folder = SPECS / "pages" / service
    pages = [_page(p, diags) for p in sorted(folder.glob("*.txt"))]
    spec = build_spec(service, pages, diags)
    assert spec is not None, [d.render() for d in diags]
    return spec, diags


def _type(spec: Spec, name: str) -> TypeDef:
    t = spec.type_named(name)
    assert t is not None
    return t


def _wire(layout_owner: TypeDef, fmt: str) -> list[str]:
    layout = layout_owner.xml if fmt == "xml" else layout_owner.json
    return [m.wire_name for m in layout.members]


def test_ym_rest_fuses_tables_and_samples() -> None:
    spec, diags = _spec("ym_rest")
    req = _type(spec, "OIDCGetAccessToken")
    assert str(req.base) == "BaseDto"
    assert str(_type(spec, "BaseDto").base) == "BaseSharedDto"
    # The response's base is only shown by its sample.
    assert str(_type(spec, "OIDCGetAccessTokenResponse").base) == "BaseDto"
    # XML: base members first; getter-only UsingRedis/AppInitTime/ServerID/DateCached are absent.
    assert _wire(req, "xml") == [
        "BypassCache", "ClientID", "Device", "ResponseStatus",
        "client_id", "client_secret", "code", "grant_type", "redirect_uri", "refresh_token", "scope",
    ]  # fmt: skip
    assert req.xml.evidence == "sample"
    # JSON has no sample: derived-first rule order, every documented member, camelCase.
    assert _wire(req, "json")[:2] == ["grant_type", "scope"]
    assert "usingRedis" in _wire(req, "json") and "dateCached" in _wire(req, "json")
    assert req.json.evidence == "rule"
    assert _type(spec, "BaseSharedDto").xml_namespace.endswith("/YM.Toolkit")
    assert req.xml_namespace.endswith("/YM.Web.Services.Ams")
    grant = spec.enum_named("OIDCGrantType")
    assert grant is not None and grant.complete
    assert [m.wire for m in grant.members] == ["authorization_code", "refresh_token"]
    device = spec.enum_named("Device")
    assert device is not None and not device.complete
    assert [m.wire for m in device.members] == ["Desktop"]
    assert device.xml_namespace.endswith("/YM.Toolkit")
    warnings = [d.message for d in diags if d.level == "warning"]
    assert any("Device is not documented" in w for w in warnings)
    assert any("taken to derive from BaseDto" in w for w in warnings)


def test_myapp_python_names_resolved_to_dotnet_names() -> None:
    spec, _ = _spec("myapp")
    resp = _type(spec, "GetAccessTokenResponse")
    assert [f.name for f in resp.fields] == ["AccessToken", "Meta", "ResponseStatus"]
    assert resp.builtin and resp.xml_namespace == "http://schemas.servicestack.net/types"
    assert _wire(resp, "json") == ["accessToken", "meta", "responseStatus"]
    status = _type(spec, "ResponseStatus")
    assert _wire(status, "xml") == ["ErrorCode", "Message", "StackTrace", "Errors", "Meta"]
    op = spec.operations[0]
    assert (op.name, op.request, op.response) == (
        "GetAccessToken",
        "GetAccessToken",
        "GetAccessTokenResponse",
    )
    assert op.routes[0].verbs == () and op.routes[0].path == "/access-token"
    assert op.tags == ("auth",)


def test_dx_stf_response_found_by_sample_and_json_names_observed() -> None:
    spec, diags = _spec("dx_stf")
    op = spec.operations[0]
    assert op.response == "AccessTokenResponse"
    assert op.description == "Auth" and op.tags == ("Auth Requests",)
    resp = _type(spec, "AccessTokenResponse")
    assert _wire(resp, "json")[-1] == "error"
    assert resp.json.evidence == "sample"
    assert resp.namespace == "DX.STF.Application.ClientApi.ResponseMessages.Authentication"
    assert resp.xml_namespace == (
        "http://schemas.datacontract.org/2004/07/DX.STF.Application.ClientApi.ResponseMessages.Authentication"
    )
    assert any("taken to be AccessTokenResponse" in d.message for d in diags)


def test_webapi_operation_and_layouts() -> None:
    spec, _ = _spec("webapi_auth")
    assert spec.kind == "webapi" and spec.json_style == "jsonnet"
    op = spec.operations[0]
    assert (op.name, op.request, op.response) == (
        "PostApiV1AuthToken",
        "TokenRequest",
        "AccessTokenResponse",
    )
    req = _type(spec, "TokenRequest")
    assert _wire(req, "json")[:2] == ["WindowsAuthentication", "client_id"]
    assert _wire(req, "xml") == sorted(_wire(req, "xml"))  # DataContract: ordinal order
    assert req.xml_namespace == "http://schemas.datacontract.org/2004/07/IO.Swagger.Models"
    assert len(spec.samples) == 4


def test_truncated_sample_is_an_error_with_its_line() -> None:
    path = SPECS / "pages" / "nav" / "AuthenticationClientCredentialsTokenCreate.txt"
    text = path.read_text()
    cut = text[: text.rindex("</d2p1:Errors>")]
    diags = Diagnostics()
    spec = build_spec("nav", [_page(path, diags, cut)], diags)
    assert spec is None
    errors = [d for d in diags if d.level == "error"]
    assert len(errors) == 1
    assert errors[0].where.startswith("pages/nav/AuthenticationClientCredentialsTokenCreate.txt:")
    assert "not well-formed" in errors[0].message


def test_undocumented_complex_type_is_an_error() -> None:
    path = SPECS / "pages" / "nav" / "AuthenticationClientCredentialsTokenCreate.txt"
    text = path.read_text().replace(
        "Property AccessToken As String",
        "Property AccessToken As String\n            Public Overridable Property Info As TokenInfo",
    )
    diags = Diagnostics()
    assert build_spec("nav", [_page(path, diags, text)], diags) is None
    assert any("TokenInfo" in d.message and d.level == "error" for d in diags)


@pytest.mark.parametrize("service", ["dx_stf", "myapp", "nav", "webapi_auth", "ym_rest"])
def test_every_sample_is_kept_verbatim(service: str) -> None:
    spec, _ = _spec(service)
    folder = SPECS / "pages" / service
    page_text = "".join(p.read_text() for p in folder.glob("*.txt"))
    assert spec.samples
    for s in spec.samples:
        assert s.body in page_text


def test_webapi_uri_parameters_become_the_request_dto() -> None:
    path = Path(__file__).resolve().parents[1] / "scrape/fixtures/webapi/GET-api-values-id.txt"
    diags = Diagnostics()
    spec = build_spec("values", [_page(path, diags)], diags)
    assert spec is not None, [d.render() for d in diags]
    (op,) = spec.operations
    assert (op.name, op.request, op.response) == ("GetApiValuesId", "GetApiValuesIdRequest", None)
    request = _type(spec, "GetApiValuesIdRequest")
    assert [(f.name, str(f.type)) for f in request.fields] == [("id", "Guid"), ("format", "string")]
    assert op.routes[0].verbs == ("GET",)


_PY_PAGE = """MyApp

<back to all web services

GetThing

The following routes are available for this service:
All Verbs/thing
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class GetThing:
    thing_id: Optional[str] = None

Python GetThing DTOs

HTTP + {fmt}

POST /thing HTTP/1.1{sp}
Host: example.org{sp}
Accept: {ct}
Content-Type: {ct}
Content-Length: length

{body}
"""


def test_client_cased_field_renamed_by_a_later_xml_sample(tmp_path: Path) -> None:
    json_page = _PY_PAGE.format(
        fmt="JSON", ct="application/json", body='{"thingId":"String"}', sp=" "
    )
    xml_page = _PY_PAGE.format(
        fmt="XML",
        sp=" ",
        ct="application/xml",
        body='<GetThing xmlns:i="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns="http://schemas.datacontract.org/2004/07/App"><ThingId>String</ThingId></GetThing>',
    )
    diags = Diagnostics()
    pages = [
        parse_page_text(f"pages/app/{n}.txt", text, diags)
        for n, text in (("a_json", json_page), ("b_xml", xml_page))
    ]
    spec = build_spec("app", [p for p in pages if p is not None], diags)
    assert spec is not None, [d.render() for d in diags]
    t = _type(spec, "GetThing")
    assert [f.name for f in t.fields] == ["ThingId"]
    assert [(m.field, m.wire_name) for m in t.json.members] == [("ThingId", "thingId")]
    assert [(m.field, m.wire_name) for m in t.xml.members] == [("ThingId", "ThingId")]
