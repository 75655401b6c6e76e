"""Interoperability with ServiceStack's own Python client (the ``servicestack`` package).

JSON our DTOs write is read correctly by the official dataclass_json DTOs and what those
DTOs write (``servicestack.to_json``) is read correctly by ours. For ``myapp`` the official
DTOs are the Python code printed on its metadata page, executed as is; for ``dx_stf``, ``nav``
and ``ym_rest`` (whose pages show VB.NET or tables) they are written here in the style of
ServiceStack's Python generator. ``webapi_auth`` is an ASP.NET Web API service, which the
ServiceStack client does not speak to.
"""

from __future__ import annotations

import datetime
from types import ModuleType
from typing import Any

import pytest
from servicestack import ResponseError, ResponseStatus, from_json, to_json

from generator.diagnostics import Diagnostics
from generator.scrape import parse_page_text

from ..conftest import SPECS

UTC = datetime.UTC


def _page_dtos() -> dict[str, Any]:
    """The official DTOs printed on the myapp page (Python code view), executed."""
    path = SPECS / "pages" / "myapp" / "GetAccessToken.txt"
    page = parse_page_text(path.name, path.read_text(), Diagnostics())
    assert page is not None and page.code is not None and page.code.language == "Python"
    namespace: dict[str, Any] = {}
    exec(compile(page.code.text, str(path), "exec", dont_inherit=True), namespace)
    return namespace


def _status(m: ModuleType) -> Any:
    return m.ResponseStatus(
        error_code="Invalid",
        message="bad token",
        stack_trace="at X",
        errors=[
            m.ResponseError(
                error_code="Required", field_name="Token", message="empty", meta={"k": "v"}
            )
        ],
        meta={"trace": "1"},
    )


def _official_status() -> ResponseStatus:
    return ResponseStatus(
        error_code="Invalid",
        message="bad token",
        stack_trace="at X",
        errors=[
            ResponseError(
                error_code="Required", field_name="Token", message="empty", meta={"k": "v"}
            )
        ],
        meta={"trace": "1"},
    )


def _both_ways(ours_cls: Any, ours: Any, official_cls: Any, official: Any) -> None:
    """ours → JSON → official equals ``official``; official → JSON → ours equals ``ours``."""
    assert from_json(official_cls, ours.to_json()) == official
    assert ours_cls.from_json(to_json(official)) == ours


def test_myapp_with_the_dtos_printed_on_its_page(examples: dict[str, ModuleType]) -> None:
    m, official = examples["myapp"], _page_dtos()
    _both_ways(
        m.GetAccessToken,
        m.GetAccessToken(refresh_token="r-1", meta={"a": "b"}),
        official["GetAccessToken"],
        official["GetAccessToken"](refresh_token="r-1", meta={"a": "b"}),
    )
    _both_ways(
        m.GetAccessTokenResponse,
        m.GetAccessTokenResponse(access_token="t-1", meta={"x": "y"}, response_status=_status(m)),
        official["GetAccessTokenResponse"],
        official["GetAccessTokenResponse"](
            access_token="t-1", meta={"x": "y"}, response_status=_official_status()
        ),
    )


def test_myapp_documented_sample_reads_the_same(examples: dict[str, ModuleType]) -> None:
    m, official = examples["myapp"], _page_dtos()
    ours = m.GetAccessTokenResponse.from_xml(
        next(s.body for s in _spec_samples("myapp") if s.direction == "response")
    )
    theirs = from_json(official["GetAccessTokenResponse"], ours.to_json())
    assert theirs.access_token == "String" and theirs.meta == {"String": "String"}
    assert theirs.response_status.errors[0].meta == {"String": "String"}
    assert m.GetAccessTokenResponse.from_json(to_json(theirs)) == ours


def _spec_samples(service: str) -> Any:
    from generator.ir_io import read_spec

    return read_spec(SPECS / f"{service}.json").samples


# Official-style DTOs, as ServiceStack's Python generator writes them for these services (its
# header imports included); members whose .NET name is already snake_case get an explicit
# field_name, which LetterCase.CAMEL would otherwise rename (see the last test).
OFFICIAL_STYLE = """
import datetime
import decimal
from marshmallow.fields import *
from servicestack import *
from typing import *
from dataclasses import dataclass, field
from dataclasses_json import dataclass_json, LetterCase, Undefined, config
from enum import Enum, IntEnum


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class GetAuthToken:
    client_id: Optional[str] = None
    client_secret: Optional[str] = None
    scope: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class AccessTokenResponse:
    access_token: Optional[str] = None
    scope: Optional[str] = None
    token_type: Optional[str] = None
    expires_in: int = 0
    http_status_code: int = 0
    http_error_reason: Optional[str] = None
    error: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class AuthenticationClientCredentialsTokenCreate(IPost):
    client_id: Optional[str] = None
    client_secret: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class AuthenticationClientCredentialsTokenCreateResponse:
    response_status: Optional[ResponseStatus] = None
    access_token: Optional[str] = None


class Device(str, Enum):
    DESKTOP = 'Desktop'


class OIDCGrantType(str, Enum):
    AUTHORIZATION_CODE = 'authorization_code'
    REFRESH_TOKEN = 'refresh_token'


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class BaseSharedDto:
    client_i_d: int = 0
    response_status: Optional[ResponseStatus] = None
    bypass_cache: bool = False
    date_cached: datetime.datetime = datetime.datetime(1, 1, 1, tzinfo=datetime.timezone.utc)
    device: Optional[Device] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class BaseDto(BaseSharedDto):
    using_redis: bool = False
    app_init_time: datetime.datetime = datetime.datetime(1, 1, 1, tzinfo=datetime.timezone.utc)
    server_i_d: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class OIDCGetAccessToken(BaseDto):
    grant_type: Optional[OIDCGrantType] = field(metadata=config(field_name='grant_type'), default=None)
    scope: Optional[str] = None
    code: Optional[str] = None
    refresh_token: Optional[str] = field(metadata=config(field_name='refresh_token'), default=None)
    redirect_uri: Optional[str] = field(metadata=config(field_name='redirect_uri'), default=None)
    client_id: Optional[str] = field(metadata=config(field_name='client_id'), default=None)
    client_secret: Optional[str] = field(metadata=config(field_name='client_secret'), default=None)


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class AsGenerated:
    client_id: Optional[str] = None
"""


def _official() -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(compile(OFFICIAL_STYLE, "official_style.py", "exec", dont_inherit=True), namespace)
    return namespace


def test_dx_stf(examples: dict[str, ModuleType]) -> None:
    m, o = examples["dx_stf"], _official()
    _both_ways(
        m.GetAuthToken,
        m.GetAuthToken(client_id="c", client_secret="s", scope="api"),
        o["GetAuthToken"],
        o["GetAuthToken"](client_id="c", client_secret="s", scope="api"),
    )
    values = {"access_token": "t", "scope": "api", "token_type": "Bearer", "expires_in": 3600,
              "http_status_code": 200, "http_error_reason": "OK", "error": "none"}  # fmt: skip
    _both_ways(
        m.AccessTokenResponse,
        m.AccessTokenResponse(**values),
        o["AccessTokenResponse"],
        o["AccessTokenResponse"](**values),
    )
    sample = next(s.body for s in _spec_samples("dx_stf") if s.direction == "response")
    official = from_json(o["AccessTokenResponse"], sample)
    assert official == o["AccessTokenResponse"](access_token="String", scope="String",
        token_type="String", http_error_reason="String", error="String")  # fmt: skip
    assert m.AccessTokenResponse.from_json(to_json(official)) == (
        m.AccessTokenResponse.from_json(sample)
    )


def test_nav(examples: dict[str, ModuleType]) -> None:
    m, o = examples["nav"], _official()
    _both_ways(
        m.AuthenticationClientCredentialsTokenCreate,
        m.AuthenticationClientCredentialsTokenCreate(client_id="c", client_secret="s"),
        o["AuthenticationClientCredentialsTokenCreate"],
        o["AuthenticationClientCredentialsTokenCreate"](client_id="c", client_secret="s"),
    )
    _both_ways(
        m.AuthenticationClientCredentialsTokenCreateResponse,
        m.AuthenticationClientCredentialsTokenCreateResponse(
            response_status=_status(m), access_token="t"
        ),
        o["AuthenticationClientCredentialsTokenCreateResponse"],
        o["AuthenticationClientCredentialsTokenCreateResponse"](
            response_status=_official_status(), access_token="t"
        ),
    )


def test_ym_rest_inheritance_enums_dates_and_the_client_id_pair(
    examples: dict[str, ModuleType],
) -> None:
    m, o = examples["ym_rest"], _official()
    shared = {
        "bypass_cache": True,
        "date_cached": datetime.datetime(2024, 5, 1, 10, 30, tzinfo=UTC),
        "app_init_time": datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        "scope": "openid",
        "code": "xyz",
        "refresh_token": "r",
        "redirect_uri": "https://a/b",
        "client_id": "app",
        "client_secret": "s",
    }
    ours = m.OIDCGetAccessToken(
        client_i_d=7,
        server_id="srv-1",
        grant_type=m.OIDCGrantType.REFRESH_TOKEN,
        device=m.Device.DESKTOP,
        response_status=_status(m),
        **shared,
    )
    official = o["OIDCGetAccessToken"](
        client_i_d=7,
        server_i_d="srv-1",
        grant_type=o["OIDCGrantType"].REFRESH_TOKEN,
        device=o["Device"].DESKTOP,
        response_status=_official_status(),
        **shared,
    )
    _both_ways(m.OIDCGetAccessToken, ours, o["OIDCGetAccessToken"], official)
    text = ours.to_json()
    assert '"clientID":7' in text and '"client_id":"app"' in text  # both members survive


def test_official_camel_case_renames_declared_snake_names() -> None:
    """Why our DTOs carry explicit wire names: LetterCase.CAMEL writes ``client_id`` as
    ``clientId``, a member the service (which writes ``client_id``) does not read."""
    as_generated = _official()["AsGenerated"]
    assert to_json(as_generated(client_id="app")) == '{"clientId": "app"}'


@pytest.mark.parametrize("service", ["myapp", "nav", "ym_rest"])
def test_error_status_of_the_official_shape_decodes(
    examples: dict[str, ModuleType], service: str
) -> None:
    client = examples[service].client
    body = to_json({"responseStatus": _official_status()}).encode()
    assert client._cl.decode_error_status("application/json", body) == client.ErrorStatus(
        error_code="Invalid",
        message="bad token",
        stack_trace="at X",
        errors=[client.FieldError("Required", "Token", "empty", {"k": "v"})],
        meta={"trace": "1"},
    )
