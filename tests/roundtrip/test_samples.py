"""Every documented sample decodes into the generated DTOs and re-encodes to an equal document."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from generator import api
from generator.config import Config
from generator.diagnostics import Diagnostics
from generator.verify import verify

from ..conftest import GENERATED, SERVICES, SPECS


@pytest.fixture(scope="module")
def packages() -> Iterator[dict[str, ModuleType]]:
    sys.path.insert(0, str(GENERATED))
    try:
        yield {s: importlib.import_module(s) for s in SERVICES}
    finally:
        sys.path.remove(str(GENERATED))
        for s in SERVICES:
            for name in [k for k in sys.modules if k == s or k.startswith(s + ".")]:
                del sys.modules[name]


def _checks() -> list[Any]:
    specs = api.load_specs(Config(specs_dir=SPECS), Diagnostics())
    return verify(specs, GENERATED)


def test_all_documented_samples_round_trip() -> None:
    checks = _checks()
    failed = [f"{c.service}: {c.name}: {c.detail}" for c in checks if not c.ok]
    assert not failed
    samples = [c for c in checks if "≡" not in c.name]
    equalities = [c for c in checks if "≡" in c.name]
    # 4 seed ServiceStack pages x 2 + Web API JSON/XML x 2 + bookings 5 pages x 2
    # (JSV, XML, CSV-showing-JSON) + billing JSV/SOAP 1.1/SOAP 1.2 x 2
    assert len(samples) == 12 + 10 + 6
    assert sorted(c.name for c in equalities) == [
        "CreateBooking request json≡jsv",
        "CreateBooking request json≡xml",
        "CreateBooking response json≡jsv",
        "CreateBooking response json≡xml",
        "GetInvoice request jsv≡soap11",
        "GetInvoice request jsv≡soap12",
        "GetInvoice response jsv≡soap11",
        "GetInvoice response jsv≡soap12",
        "PostApiV1AuthToken request json≡xml",
        "PostApiV1AuthToken response json≡xml",
        "QueryBookings request xml≡jsv",
        "QueryBookings response xml≡jsv",
    ]
    assert {(c.service, c.name.rsplit(" ", 1)[1]) for c in samples if not c.exact} == {
        ("webapi_auth", "json"),
        ("webapi_auth", "xml"),
    }  # ServiceStack samples are reproduced byte for byte in every format


def test_servicestack_xml_samples_reproduced_byte_for_byte() -> None:
    exact = {(c.service, c.name) for c in _checks() if c.exact}
    for service in ("myapp", "nav", "ym_rest"):
        op = {"myapp": "GetAccessToken", "nav": "AuthenticationClientCredentialsTokenCreate",
              "ym_rest": "OIDCGetAccessToken"}[service]  # fmt: skip
        assert (service, f"{op} request xml") in exact
        assert (service, f"{op} response xml") in exact


def _sample(service: str, op: str, direction: str, fmt: str) -> str:
    spec = next(
        s for s in api.load_specs(Config(specs_dir=SPECS), Diagnostics()) if s.service == service
    )
    return next(
        s.body for s in spec.samples if (s.operation, s.direction, s.format) == (op, direction, fmt)
    )


def test_ym_rest_values_are_typed(packages: dict[str, ModuleType]) -> None:
    m = packages["ym_rest"]
    req = m.OIDCGetAccessToken.from_xml(_sample("ym_rest", "OIDCGetAccessToken", "request", "xml"))
    assert req.grant_type is m.OIDCGrantType.AUTHORIZATION_CODE
    assert req.device is m.Device.DESKTOP
    assert req.bypass_cache is False
    assert req.client_i_d == 0 and type(req.client_i_d) is int
    assert req.client_id == "String"
    assert req.response_status.errors[0].meta == {"String": "String"}
    resp = m.OIDCGetAccessTokenResponse.from_xml(
        _sample("ym_rest", "OIDCGetAccessToken", "response", "xml")
    )
    assert resp.expires_in == 0 and type(resp.expires_in) is int
    assert isinstance(resp.app_init_time, dt.datetime)  # not in XML: keeps its .NET default


def test_dx_stf_json_values_are_typed(packages: dict[str, ModuleType]) -> None:
    m = packages["dx_stf"]
    resp = m.AccessTokenResponse.from_json(_sample("dx_stf", "GetAuthToken", "response", "json"))
    assert resp.expires_in == 0 and type(resp.expires_in) is int
    assert resp.error == "String"
    assert resp.to_json() == _sample("dx_stf", "GetAuthToken", "response", "json")


def test_webapi_json_and_xml_agree(packages: dict[str, ModuleType]) -> None:
    m = packages["webapi_auth"]
    body = _sample("webapi_auth", "PostApiV1AuthToken", "response", "json")
    resp = m.AccessTokenResponse.from_json(body)
    assert resp.is_editor is True and resp.expires_in == 1 and resp.scope == "sample string 8"
    xml = _sample("webapi_auth", "PostApiV1AuthToken", "response", "xml")
    assert m.AccessTokenResponse.from_xml(xml) == resp


def test_myapp_nested_builtins(packages: dict[str, ModuleType]) -> None:
    m = packages["myapp"]
    resp = m.GetAccessTokenResponse.from_xml(_sample("myapp", "GetAccessToken", "response", "xml"))
    assert isinstance(resp.response_status, m.ResponseStatus)
    assert isinstance(resp.response_status.errors[0], m.ResponseError)
    assert resp.response_status.errors[0].field_name == "String"
    assert resp.to_json().startswith('{"accessToken":"String","meta":{"String":"String"}')


def test_decode_errors_carry_a_path(packages: dict[str, ModuleType]) -> None:
    m = packages["myapp"]
    with pytest.raises(m.DecodeError) as err:
        m.GetAccessTokenResponse.from_json('{"responseStatus":{"errors":[{"message":5}]}}')
    assert str(err.value) == "$.responseStatus.errors[0].message: expected a string, got 5"


def test_nested_decode_errors_carry_the_member_path(packages: dict[str, ModuleType]) -> None:
    m = packages["myapp"]
    with pytest.raises(m.DecodeError) as err:
        m.GetAccessTokenResponse.from_json('{"responseStatus":{"errors":[{},{"meta":{"a":5}}]}}')
    assert str(err.value) == "$.responseStatus.errors[1].meta.a: expected a string, got 5"
    status = m.ResponseStatus(errors=[m.ResponseError(), m.ResponseError(meta={"a": "b"})])
    text = m.GetAccessTokenResponse(response_status=status).to_xml()
    with pytest.raises(m.DecodeError) as err:
        m.GetAccessTokenResponse.from_xml(text.replace(">b<", ' i:nil="true"><'))
    assert str(err.value) == (
        "/GetAccessTokenResponse/ResponseStatus/Errors/ResponseError/Meta/KeyValueOfstringstring:"
        " null dictionary values are not supported"
    )
    back = m.GetAccessTokenResponse.from_json('{"meta":{"a":"b","c":"d"}}')
    assert back.meta == {"a": "b", "c": "d"}
