"""The generated typed HTTP client against a loopback server: routes, verbs, bodies, errors."""

from __future__ import annotations

import json
import urllib.parse
from decimal import Decimal
from types import ModuleType
from typing import Any, ClassVar

import pytest

from generator.ir_io import read_spec

from ..conftest import SPECS
from .conftest import EXAMPLES
from .loopback import Answer, Loopback

CT = {"json": "application/json", "xml": "application/xml"}
ROUTE = {
    "dx_stf": "/api/authentication/token",
    "myapp": "/access-token",
    "nav": "/authentication/client-credentials-token",
    "webapi_auth": "/api/v1/auth/token",
    "ym_rest": "/OAuth/OIDC/GetAccessToken",
}


def _decode(cls: Any, fmt: str, data: str | bytes) -> Any:
    return cls.from_json(data) if fmt == "json" else cls.from_xml(data)


def _encode(dto: Any, fmt: str) -> str:
    return str(dto.to_json() if fmt == "json" else dto.to_xml())


def _documented(service: str, pkg: ModuleType) -> tuple[Any, Any, Any, Any]:
    """(request class, response class, request DTO, response DTO) from the page samples."""
    spec = read_spec(SPECS / f"{service}.json")
    (op,) = spec.operations
    req_cls, resp_cls = getattr(pkg, op.request), getattr(pkg, op.response or "")
    request = next(s for s in spec.samples if s.direction == "request")
    response = next(s for s in spec.samples if s.direction == "response")
    return (
        req_cls,
        resp_cls,
        _decode(req_cls, request.format, request.body),
        _decode(resp_cls, response.format, response.body),
    )


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("service", EXAMPLES)
def test_example_services_send_the_documented_request(
    examples: dict[str, ModuleType], service: str, fmt: str
) -> None:
    pkg = examples[service]
    req_cls, resp_cls, request, response = _documented(service, pkg)
    spec = read_spec(SPECS / f"{service}.json")
    sample = next((s for s in spec.samples if s.direction == "response" and s.format == fmt), None)
    body = sample.body if sample is not None else _encode(response, fmt)  # page text if shown
    with Loopback().answer(Answer(200, body.encode(), CT[fmt])) as server:
        got = pkg.client.Client(server.url, format=fmt).send(request)
    (seen,) = server.seen
    assert (seen.method, seen.path) == ("POST", ROUTE[service])
    assert seen.headers["Content-Type"] == f"{CT[fmt]}; charset=utf-8"
    assert seen.headers["Accept"] == CT[fmt]
    assert _decode(req_cls, fmt, seen.body) == request
    assert type(got) is resp_cls and got == response


def test_get_fills_the_path_and_sends_the_rest_as_query(shop: ModuleType) -> None:
    with Loopback() as server:
        item = shop.Item(id=42, name="Hammer", price=Decimal("9.90"), tags=["tools"])
        server.answer(Answer(200, shop.GetItemResponse(item=item).to_json().encode()))
        got = shop.client.Client(server.url).send(shop.GetItem(id=42, include_tags=True))
    (seen,) = server.seen
    assert (seen.method, seen.path, seen.body) == ("GET", "/items/42?includeTags=true", b"")
    assert "Content-Type" not in seen.headers
    assert got == shop.GetItemResponse(item=item)


def test_the_route_with_most_filled_placeholders_wins(shop: ModuleType) -> None:
    with Loopback() as server:
        server.answer(Answer(200, b'{"results":[],"total":0}'), Answer(200, b'{"total":3}'))
        client = shop.client.Client(server.url)
        request = shop.FindItems(name="a b/c", tags=["x", "y,z"], min_price=Decimal("1.50"))
        first = client.send(request)
        second = client.send(shop.FindItems(skip=20))
    assert [s.path for s in server.seen] == [
        "/items/search/a%20b%2Fc?tags=%5Bx%2C%22y%2Cz%22%5D&minPrice=1.50",
        "/items?skip=20",
    ]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(server.seen[0].path).query)
    assert query == {"tags": ['[x,"y,z"]'], "minPrice": ["1.50"]}
    assert (first, second) == (
        shop.FindItemsResponse(results=[], total=0),
        shop.FindItemsResponse(total=3),
    )


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_put_sends_the_whole_dto_in_the_chosen_format(shop: ModuleType, fmt: str) -> None:
    request = shop.UpdateItem(id=7, name="Saw", price=Decimal("12.5"))
    answer = _encode(shop.UpdateItemResponse(id=7, version=2), fmt).encode()
    with Loopback().answer(Answer(200, answer, CT[fmt])) as server:
        got = shop.client.Client(server.url, format=fmt).send(request)
    (seen,) = server.seen
    assert (seen.method, seen.path) == ("PUT", "/items/7")
    assert seen.headers["Content-Type"] == f"{CT[fmt]}; charset=utf-8"
    assert seen.body == _encode(request, fmt).encode()
    assert _decode(shop.UpdateItem, fmt, seen.body) == request
    assert got == shop.UpdateItemResponse(id=7, version=2)


def test_void_operation_returns_none(shop: ModuleType) -> None:
    with Loopback().answer(Answer(204, b"", None), Answer(200, b'{"ignored":1}')) as server:
        client = shop.client.Client(server.url)
        assert client.send(shop.DeleteItem(id=3)) is None
        assert client.send(shop.DeleteItem(id=4)) is None
    assert [(s.method, s.path, s.body) for s in server.seen] == [
        ("DELETE", "/items/3", b""),
        ("DELETE", "/items/4", b""),
    ]


def test_all_verbs_route_uses_the_marker_verb_and_wildcards_keep_slashes(
    shop: ModuleType,
) -> None:
    with Loopback() as server:
        server.answer(Answer(200, b'{"id":1}'), Answer(200, b'{"id":2}'))
        client = shop.client.Client(server.url)
        assert client.send(shop.CreateItem(name="Drill", category="tools/power")).id == 1
        assert client.send(shop.CreateItem(price=Decimal(3))).id == 2
    assert [(s.method, s.path) for s in server.seen] == [
        ("POST", "/items/create/Drill/tools/power"),
        ("POST", "/items"),
    ]
    assert json.loads(server.seen[1].body) == {"price": 3}


def test_a_request_subclass_uses_its_own_operation(shop: ModuleType) -> None:
    with Loopback().answer(Answer(200, b'{"giftId":"G1"}')) as server:
        got = shop.client.Client(server.url).send(shop.CreateGiftItem(name="Box", message="Hi"))
    assert (server.seen[0].method, server.seen[0].path) == ("POST", "/gift-items")
    assert got == shop.CreateGiftItemResponse(gift_id="G1")


def test_servicestack_falls_back_to_the_predefined_route(shop: ModuleType) -> None:
    routes = (("/items/{Id}/{Name}", ("GET",), (("{Id}", "id"), ("{Name}", "name"))),)

    class Narrow(shop.client.Client):  # type: ignore[name-defined,misc]
        _operations: ClassVar[dict[type, object]] = {
            shop.GetItem: ("GetItem", shop.GetItemResponse, "GET", routes)
        }

    with Loopback().answer(Answer(200, b"{}"), Answer(200, b"<GetItemResponse/>")) as server:
        Narrow(server.url).send(shop.GetItem(id=1))
        prepared = Narrow(server.url, format="xml").prepare(shop.GetItem(id=1, include_tags=False))
    assert server.seen[0].path == "/json/reply/GetItem?id=1"
    assert (prepared.method, prepared.url) == (
        "GET",
        f"{server.url}/xml/reply/GetItem?id=1&includeTags=false",
    )


def test_headers_and_bearer_token(shop: ModuleType) -> None:
    with Loopback().answer(Answer(204, b"", None), Answer(204, b"", None)) as server:
        client = shop.client.Client(server.url + "/", headers={"X-Tenant": "t1"})
        client.set_bearer_token("tok-123")
        client.send(shop.DeleteItem(id=1))
        client.set_bearer_token(None)
        client.send(shop.DeleteItem(id=2))
    first, second = server.seen
    assert (first.headers["Authorization"], first.headers["X-Tenant"]) == ("Bearer tok-123", "t1")
    assert "Authorization" not in second.headers and second.path == "/items/2"
    with pytest.raises(ValueError, match="single line"):
        client.set_bearer_token("a\r\nX-Evil: 1")


JSON_ERROR = {
    "responseStatus": {
        "errorCode": "NotFound",
        "message": "Item 9 does not exist",
        "stackTrace": "at Shop.Get()",
        "errors": [{"errorCode": "Missing", "fieldName": "Id", "message": "no such id"}],
        "meta": {"trace": "abc"},
    }
}
XML_ERROR = (
    '<ErrorResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns="http://schemas.servicestack.net/types"><ResponseStatus>'
    "<ErrorCode>NotFound</ErrorCode><Message>Item 9 does not exist</Message>"
    "<StackTrace>at Shop.Get()</StackTrace><Errors><ResponseError><ErrorCode>Missing</ErrorCode>"
    "<FieldName>Id</FieldName><Message>no such id</Message></ResponseError></Errors>"
    '<Meta xmlns:d3p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">'
    "<d3p1:KeyValueOfstringstring><d3p1:Key>trace</d3p1:Key><d3p1:Value>abc</d3p1:Value>"
    "</d3p1:KeyValueOfstringstring></Meta></ResponseStatus></ErrorResponse>"
)


@pytest.mark.parametrize(
    ("fmt", "body"), [("json", json.dumps(JSON_ERROR).encode()), ("xml", XML_ERROR.encode())]
)
def test_4xx_raises_with_the_decoded_response_status(
    shop: ModuleType, fmt: str, body: bytes
) -> None:
    with (
        Loopback().answer(Answer(404, body, CT[fmt])) as server,
        pytest.raises(shop.client.WebServiceError) as info,
    ):
        shop.client.Client(server.url, format=fmt).send(shop.GetItem(id=9))
    err = info.value
    assert (err.status_code, err.status_description) == (404, "Not Found")
    assert err.response_status == shop.client.ErrorStatus(
        error_code="NotFound",
        message="Item 9 does not exist",
        stack_trace="at Shop.Get()",
        errors=[
            shop.client.FieldError(error_code="Missing", field_name="Id", message="no such id")
        ],
        meta={"trace": "abc"},
    )
    assert (err.error_code, err.error_message, err.body) == (
        "NotFound",
        "Item 9 does not exist",
        body,
    )
    assert str(err) == (
        f"GET {server.url}/items/9: HTTP 404 Not Found (NotFound: Item 9 does not exist)"
    )


def test_5xx_without_a_status_body(shop: ModuleType) -> None:
    with (
        Loopback().answer(Answer(503, b"<html>busy</html>", "text/html")) as server,
        pytest.raises(shop.client.WebServiceError) as info,
    ):
        shop.client.Client(server.url).send(shop.DeleteItem(id=1))
    err = info.value
    assert (err.status_code, err.response_status, err.error_code, err.error_message) == (
        503,
        None,
        "Service Unavailable",
        None,
    )
    assert err.headers["Content-Type"] == "text/html"


def test_pascal_case_status_of_a_net_framework_host(shop: ModuleType) -> None:
    body = b'{"ResponseStatus":{"ErrorCode":"Forbidden","Message":"no","Errors":[]}}'
    with (
        Loopback().answer(Answer(403, body)) as server,
        pytest.raises(shop.client.WebServiceError) as info,
    ):
        shop.client.Client(server.url).send(shop.DeleteItem(id=1))
    assert info.value.response_status == shop.client.ErrorStatus(
        error_code="Forbidden", message="no"
    )


def test_timeout_raises_timeout_error(shop: ModuleType) -> None:
    with Loopback().answer(Answer(200, b"{}", delay=1.0)) as server:
        client = shop.client.Client(server.url, timeout=0.1)
        with pytest.raises(TimeoutError, match=r"no response within 0\.1 s"):
            client.send(shop.GetItem(id=1))


def test_response_is_decoded_by_its_content_type(shop: ModuleType) -> None:
    with Loopback().answer(Answer(200, b'{"id":5,"version":1}')) as server:
        got = shop.client.Client(server.url, format="xml").send(shop.UpdateItem(id=5))
    assert server.seen[0].headers["Accept"] == "application/xml"
    assert got == shop.UpdateItemResponse(id=5, version=1)


def test_empty_body_of_a_typed_operation_is_an_empty_dto(shop: ModuleType) -> None:
    with Loopback().answer(Answer(200, b"", None)) as server:
        assert shop.client.Client(server.url).send(shop.UpdateItem(id=5)) == (
            shop.UpdateItemResponse()
        )


def test_bad_input_is_refused_before_sending(shop: ModuleType) -> None:
    with pytest.raises(ValueError, match="http:// or https://"):
        shop.client.Client("file:///etc/passwd")
    with pytest.raises(ValueError, match="'json' or 'xml'"):
        shop.client.Client("http://127.0.0.1:9", format="csv")
    with pytest.raises(TypeError, match="Item is not a request DTO of this service"):
        shop.client.Client("http://127.0.0.1:9").send(shop.Item())
