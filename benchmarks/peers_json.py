"""The payload's DTOs written for each JSON peer, the way each library is meant to be used.

* dataclasses-json: what ServiceStack's own Python DTOs use (``@dataclass_json``, camelCase).
* mashumaro: ``DataClassJSONMixin`` with aliases, omitting ``None``.
* pydantic v2: ``BaseModel`` with a camelCase alias generator.
* msgspec: ``Struct`` with ``rename="camel"``.

Each entry of :data:`CODECS` is ``name → (decode(text) → object, encode(object) → text)``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional  # noqa: UP035 (dataclasses-json resolves these)

import msgspec
from dataclasses_json import LetterCase, Undefined, dataclass_json
from mashumaro import field_options
from mashumaro.config import BaseConfig
from mashumaro.mixins.json import DataClassJSONMixin
from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

# --- dataclasses-json (as ServiceStack's Python "Add Reference" emits) ----------------------


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)  # type: ignore[call-overload,misc,unused-ignore]
@dataclass
class DjResponseError:
    error_code: Optional[str] = None  # noqa: UP045
    field_name: Optional[str] = None  # noqa: UP045
    message: Optional[str] = None  # noqa: UP045
    meta: Optional[Dict[str, str]] = None  # noqa: UP006, UP045


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)  # type: ignore[call-overload,misc,unused-ignore]
@dataclass
class DjResponseStatus:
    error_code: Optional[str] = None  # noqa: UP045
    message: Optional[str] = None  # noqa: UP045
    stack_trace: Optional[str] = None  # noqa: UP045
    errors: Optional[List[DjResponseError]] = None  # noqa: UP006, UP045
    meta: Optional[Dict[str, str]] = None  # noqa: UP006, UP045


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)  # type: ignore[call-overload,misc,unused-ignore]
@dataclass
class DjGetAccessTokenResponse:
    access_token: Optional[str] = None  # noqa: UP045
    meta: Optional[Dict[str, str]] = None  # noqa: UP006, UP045
    response_status: Optional[DjResponseStatus] = None  # noqa: UP045


# --- mashumaro -------------------------------------------------------------------------------


class _MConfig(BaseConfig):
    serialize_by_alias = True
    omit_none = True


@dataclass
class MResponseError(DataClassJSONMixin):
    error_code: str | None = field(default=None, metadata=field_options(alias="errorCode"))
    field_name: str | None = field(default=None, metadata=field_options(alias="fieldName"))
    message: str | None = None
    meta: dict[str, str] | None = None

    class Config(_MConfig):
        pass


@dataclass
class MResponseStatus(DataClassJSONMixin):
    error_code: str | None = field(default=None, metadata=field_options(alias="errorCode"))
    message: str | None = None
    stack_trace: str | None = field(default=None, metadata=field_options(alias="stackTrace"))
    errors: list[MResponseError] | None = None
    meta: dict[str, str] | None = None

    class Config(_MConfig):
        pass


@dataclass
class MGetAccessTokenResponse(DataClassJSONMixin):
    access_token: str | None = field(default=None, metadata=field_options(alias="accessToken"))
    meta: dict[str, str] | None = None
    response_status: MResponseStatus | None = field(
        default=None, metadata=field_options(alias="responseStatus")
    )

    class Config(_MConfig):
        pass


# --- pydantic v2 -----------------------------------------------------------------------------


class _PModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class PResponseError(_PModel):
    error_code: str | None = None
    field_name: str | None = None
    message: str | None = None
    meta: dict[str, str] | None = None


class PResponseStatus(_PModel):
    error_code: str | None = None
    message: str | None = None
    stack_trace: str | None = None
    errors: list[PResponseError] | None = None
    meta: dict[str, str] | None = None


class PGetAccessTokenResponse(_PModel):
    access_token: str | None = None
    meta: dict[str, str] | None = None
    response_status: PResponseStatus | None = None


# --- msgspec ---------------------------------------------------------------------------------


class SResponseError(msgspec.Struct, rename="camel", omit_defaults=True):
    error_code: str | None = None
    field_name: str | None = None
    message: str | None = None
    meta: dict[str, str] | None = None


class SResponseStatus(msgspec.Struct, rename="camel", omit_defaults=True):
    error_code: str | None = None
    message: str | None = None
    stack_trace: str | None = None
    errors: list[SResponseError] | None = None
    meta: dict[str, str] | None = None


class SGetAccessTokenResponse(msgspec.Struct, rename="camel", omit_defaults=True):
    access_token: str | None = None
    meta: dict[str, str] | None = None
    response_status: SResponseStatus | None = None


_S_DECODER = msgspec.json.Decoder(SGetAccessTokenResponse)
_S_ENCODER = msgspec.json.Encoder()

Codec = tuple[Callable[[str], Any], Callable[[Any], str | bytes]]

CODECS: dict[str, Codec] = {
    "dataclasses-json": (
        DjGetAccessTokenResponse.from_json,  # type: ignore[attr-defined]
        lambda o: o.to_json(),
    ),
    "mashumaro": (MGetAccessTokenResponse.from_json, lambda o: o.to_json()),
    "pydantic v2": (
        PGetAccessTokenResponse.model_validate_json,
        lambda o: o.model_dump_json(by_alias=True, exclude_none=True),
    ),
    "msgspec": (_S_DECODER.decode, _S_ENCODER.encode),
}


def same_json(a: str | bytes, b: str | bytes) -> bool:
    """True when two JSON texts hold equal values."""
    return bool(json.loads(a) == json.loads(b))
