"""dtogen runtime: the HTTP client behind each generated ``client.py``.

Copied verbatim into every generated package; standard library only (``urllib``).
A generated ``Client`` subclasses :class:`ServiceClient` and supplies its operation table
(request class → name, response class, verb marker, routes); its ``send`` overloads give
each request class its response type.

How a request is sent (ServiceStack's own client rules, made deterministic):

* **Route**: among the operation's routes whose ``{Placeholders}`` can all be filled from
  non-null fields, the one with the most placeholders wins (declaration order breaks ties).
  Placeholders match fields by .NET name, case-insensitively; values are URL-quoted
  (``{Path*}`` keeps ``/``). A ServiceStack operation without a usable route falls back to
  its predefined route ``/{format}/reply/{Operation}``.
* **Verb**: the request's ``IGet``/``IPost``/``IPut``/``IPatch``/``IDelete`` marker if the
  route allows it; else, for a route limited to some verbs, the first of POST, PUT, PATCH,
  GET, DELETE it allows; else POST.
* **Body / query**: POST, PUT and PATCH send the whole DTO as the body in the chosen format
  (JSON or DataContract XML); other verbs send the fields not used by the path in the query
  string, keyed by their JSON names, values in ServiceStack's JSV text form.
* **Response**: decoded by its ``Content-Type`` (JSON or XML; the requested format when the
  server does not say), into the operation's response DTO; void operations return None and
  an empty 2xx body of a typed operation gives an empty DTO. HTTP errors (status >= 400)
  raise :class:`WebServiceError` carrying the decoded ``ResponseStatus``; a timeout raises
  the built-in :class:`TimeoutError`; other transport failures raise :class:`OSError`
  (``urllib.error.URLError``, ``ConnectionError``).
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from ._runtime import DecodeError, Dto, json_dumps, local_name, parse_xml

__all__ = [
    "CONTENT_TYPES",
    "ErrorStatus",
    "FieldError",
    "OperationSpec",
    "PreparedRequest",
    "RouteSpec",
    "ServiceClient",
    "WebServiceError",
]

Format = Literal["json", "xml"]
CONTENT_TYPES: dict[str, str] = {"json": "application/json", "xml": "application/xml"}
BODY_VERBS = frozenset({"POST", "PUT", "PATCH"})
VERB_PREFERENCE = ("POST", "PUT", "PATCH", "GET", "DELETE")

#: ``(path template, verbs (empty = all verbs), ((placeholder, JSON name), ...))``
RouteSpec = tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]
#: ``(operation name, response class or None, verb marker or None, routes)``
OperationSpec = tuple[str, type[Dto] | None, str | None, tuple[RouteSpec, ...]]

# ---------------------------------------------------------------------------------------------
# Errors


@dataclass(slots=True)
class FieldError:
    """One entry of ``ResponseStatus.Errors``: a validation error of one field."""

    error_code: str | None = None
    field_name: str | None = None
    message: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ErrorStatus:
    """The ``ResponseStatus`` a service sends with an error, decoded leniently.

    Member names are matched case- and underscore-insensitively, so ServiceStack's camelCase
    and PascalCase JSON, DataContract XML and ASP.NET's ``{"Message": ...}`` all decode.
    """

    error_code: str | None = None
    message: str | None = None
    stack_trace: str | None = None
    errors: list[FieldError] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


class WebServiceError(Exception):
    """The service answered with an HTTP error status (>= 400)."""

    def __init__(
        self,
        status_code: int,
        status_description: str,
        *,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes,
        response_status: ErrorStatus | None,
    ) -> None:
        super().__init__(status_code, status_description)
        self.status_code = status_code
        self.status_description = status_description
        self.method = method
        self.url = url
        self.headers = dict(headers)
        self.body = body
        self.response_status = response_status

    @property
    def error_code(self) -> str:
        """``ResponseStatus.ErrorCode``, else the HTTP reason phrase."""
        status = self.response_status
        return (status.error_code if status else None) or self.status_description

    @property
    def error_message(self) -> str | None:
        """``ResponseStatus.Message`` (None when the body carried none)."""
        return self.response_status.message if self.response_status else None

    def __str__(self) -> str:
        text = f"{self.method} {self.url}: HTTP {self.status_code} {self.status_description}"
        if self.response_status is not None:
            detail = ": ".join(
                p for p in (self.response_status.error_code, self.response_status.message) if p
            )
            if detail:
                text += f" ({detail})"
        return text


def _norm(key: str) -> str:
    return re.sub(r"[\s_\-]", "", key).lower()


def _get(obj: Mapping[str, Any], name: str) -> Any:
    want = _norm(name)
    return next((v for k, v in obj.items() if isinstance(k, str) and _norm(k) == want), None)


def _opt_str(v: Any) -> str | None:
    return v if isinstance(v, str) else None if v is None else str(v)


def _json_meta(v: Any) -> dict[str, str]:
    if not isinstance(v, dict):
        return {}
    return {str(k): str(x) for k, x in v.items() if x is not None}


def _status_from_json(obj: Mapping[str, Any]) -> ErrorStatus:
    errors = _get(obj, "errors")
    return ErrorStatus(
        error_code=_opt_str(_get(obj, "errorCode")),
        message=_opt_str(_get(obj, "message")),
        stack_trace=_opt_str(_get(obj, "stackTrace")),
        errors=[
            FieldError(
                error_code=_opt_str(_get(e, "errorCode")),
                field_name=_opt_str(_get(e, "fieldName")),
                message=_opt_str(_get(e, "message")),
                meta=_json_meta(_get(e, "meta")),
            )
            for e in (errors if isinstance(errors, list) else [])
            if isinstance(e, dict)
        ],
        meta=_json_meta(_get(obj, "meta")),
    )


def _child(el: ET.Element, name: str) -> ET.Element | None:
    want = _norm(name)
    return next((c for c in el if _norm(local_name(c.tag)) == want), None)


def _child_text(el: ET.Element, name: str) -> str | None:
    c = _child(el, name)
    return None if c is None else (c.text or "")


def _xml_meta(el: ET.Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in el if el is not None else []:
        key, value = _child_text(item, "Key"), _child_text(item, "Value")
        if key is not None and value is not None:
            out[key] = value
    return out


def _status_from_xml(el: ET.Element) -> ErrorStatus:
    errors = _child(el, "Errors")
    return ErrorStatus(
        error_code=_child_text(el, "ErrorCode"),
        message=_child_text(el, "Message"),
        stack_trace=_child_text(el, "StackTrace"),
        errors=[
            FieldError(
                error_code=_child_text(e, "ErrorCode"),
                field_name=_child_text(e, "FieldName"),
                message=_child_text(e, "Message"),
                meta=_xml_meta(_child(e, "Meta")),
            )
            for e in (errors if errors is not None else [])
        ],
        meta=_xml_meta(_child(el, "Meta")),
    )


def _body_format(content_type: str, body: bytes, default: str) -> str:
    media = content_type.split(";")[0].strip().lower()
    if media.endswith(("/json", "+json")):
        return "json"
    if media.endswith(("/xml", "+xml")):
        return "xml"
    head = body.lstrip()[:1]
    return "json" if head in (b"{", b"[") else "xml" if head == b"<" else default


def decode_error_status(content_type: str, body: bytes) -> ErrorStatus | None:
    """The ``ResponseStatus`` of an error body (wrapped or bare), or None if it has none."""
    if not body.strip():
        return None
    try:
        if _body_format(content_type, body, "") == "json":
            obj = json.loads(body.decode("utf-8-sig"))
            if not isinstance(obj, dict):
                return None
            wrapped = _get(obj, "responseStatus")
            if isinstance(wrapped, dict):
                return _status_from_json(wrapped)
            bare = any(_get(obj, k) is not None for k in ("errorCode", "message"))
            return _status_from_json(obj) if bare else None
        root = parse_xml(body)
    except (ValueError, DecodeError):
        return None
    if _norm(local_name(root.tag)) == "responsestatus":
        return _status_from_xml(root)
    wrapped_el = _child(root, "ResponseStatus")
    if wrapped_el is not None:
        return _status_from_xml(wrapped_el)
    bare_xml = any(_child(root, k) is not None for k in ("ErrorCode", "Message"))
    return _status_from_xml(root) if bare_xml else None


# ---------------------------------------------------------------------------------------------
# Query string and path values (ServiceStack reads them as JSV)

_JSV_SPECIAL = re.compile(r'[",:{}\[\]\r\n]')


def _jsv(v: Any) -> str:
    if isinstance(v, str):
        if v == "":
            return '""'
        return '"' + v.replace('"', '""') + '"' if _JSV_SPECIAL.search(v) else v
    if isinstance(v, list):
        return "[" + ",".join(_jsv(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(f"{_jsv(str(k))}:{_jsv(x)}" for k, x in v.items()) + "}"
    return json_dumps(v).replace("\\/", "/")


def query_value(v: Any) -> str:
    """The text of one JSON value in a URL: strings as they are, the rest in JSV form."""
    return v if isinstance(v, str) else _jsv(v)


_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def _fill(path: str, values: Mapping[str, str]) -> str:
    """``path`` with each ``{Placeholder}`` replaced by its (already quoted) value."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(0), m.group(0)), path)


# ---------------------------------------------------------------------------------------------
# The client


@dataclass(frozen=True, slots=True)
class PreparedRequest:
    """What :meth:`ServiceClient.send` sends for one request DTO."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes | None
    operation: str
    response_type: type[Dto] | None


class ServiceClient:
    """Sends request DTOs to a service and decodes the typed responses.

    ``base_url`` is the service's root (``https://host``); route paths printed on the
    metadata pages (``/api/...``) are appended to it. ``format`` chooses the body and
    ``Accept`` format (``"json"`` or ``"xml"``); ``headers`` are sent with every request;
    ``timeout`` (seconds) bounds connecting and each read. ``bearer_token`` adds
    ``Authorization: Bearer …`` (see :meth:`set_bearer_token`).
    """

    _operations: ClassVar[Mapping[type[Dto], OperationSpec]] = {}
    _predefined_routes: ClassVar[bool] = True

    def __init__(
        self,
        base_url: str,
        *,
        format: Format = "json",
        timeout: float = 30.0,
        headers: Mapping[str, str] | None = None,
        bearer_token: str | None = None,
    ) -> None:
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"base_url must be an http:// or https:// URL, got {base_url!r}")
        if format not in CONTENT_TYPES:
            raise ValueError(f"format must be 'json' or 'xml', got {format!r}")
        if not timeout > 0:
            raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
        self.base_url = base_url.rstrip("/")
        self.format: Format = format
        self.timeout = timeout
        self.headers: dict[str, str] = dict(headers or {})
        self.bearer_token = bearer_token
        self._opener = urllib.request.build_opener()

    def set_bearer_token(self, token: str | None) -> None:
        """Send ``Authorization: Bearer <token>`` from now on (None stops sending it)."""
        if token is not None and (not token or any(c in token for c in "\r\n")):
            raise ValueError("a bearer token must be a non-empty single line")
        self.bearer_token = token

    # -- preparing ------------------------------------------------------------------------

    def _operation(self, request: Dto) -> OperationSpec:
        for cls in type(request).__mro__:
            op = self._operations.get(cls)
            if op is not None:
                return op
        known = ", ".join(sorted(c.__name__ for c in self._operations)) or "none"
        raise TypeError(
            f"{type(request).__name__} is not a request DTO of this service (requests: {known})"
        )

    @staticmethod
    def _verb(marker: str | None, verbs: tuple[str, ...]) -> str | None:
        if marker is not None:
            return marker if not verbs or marker in verbs else None
        if not verbs:
            return "POST"
        return next((v for v in VERB_PREFERENCE if v in verbs), verbs[0])

    def _route(self, op: OperationSpec, values: Mapping[str, Any]) -> tuple[str, str, set[str]]:
        name, _, marker, routes = op
        usable = [
            (-len(variables), i, path, verbs, variables)
            for i, (path, verbs, variables) in enumerate(routes)
            if all(values.get(wire) is not None for _, wire in variables)
        ]
        for _, _, path, verbs, variables in sorted(usable, key=lambda r: (r[0], r[1])):
            verb = self._verb(marker, verbs)
            if verb is None:
                continue
            filled = {
                placeholder: urllib.parse.quote(
                    query_value(values[wire]), safe="/" if placeholder.endswith("*}") else ""
                )
                for placeholder, wire in variables
            }
            return verb, _fill(path, filled), {wire for _, wire in variables}
        if self._predefined_routes:
            return marker or "POST", f"/{self.format}/reply/{name}", set()
        needed = sorted({wire for _, _, variables in routes for _, wire in variables})
        raise ValueError(
            f"no route of {name} can be used for this request: set the field(s) its routes "
            f"need ({', '.join(needed) or 'none'})"
        )

    def prepare(self, request: Dto) -> PreparedRequest:
        """The HTTP request :meth:`send` would make for ``request`` (nothing is sent)."""
        op = self._operation(request)
        values = request.to_dict()
        verb, path, used = self._route(op, values)
        content_type = CONTENT_TYPES[self.format]
        headers = {"Accept": content_type, "User-Agent": "dtogen-client"}
        body: bytes | None = None
        if verb in BODY_VERBS:
            text = request.to_json() if self.format == "json" else request.to_xml()
            body = text.encode("utf-8")
            headers["Content-Type"] = f"{content_type}; charset=utf-8"
        else:
            query = [
                (k, query_value(v)) for k, v in values.items() if k not in used and v is not None
            ]
            if query:
                sep = "&" if "?" in path else "?"
                path += sep + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
        headers.update(self.headers)
        if self.bearer_token is not None:
            headers["Authorization"] = f"Bearer {self.bearer_token}"
        url = self.base_url + (path if path.startswith("/") else "/" + path)
        return PreparedRequest(verb, url, headers, body, op[0], op[1])

    # -- sending --------------------------------------------------------------------------

    def _send(self, request: Dto) -> Dto | None:
        prepared = self.prepare(request)
        req = urllib.request.Request(
            prepared.url, data=prepared.body, headers=prepared.headers, method=prepared.method
        )
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                content_type = resp.headers.get("Content-Type", "")
                data = resp.read()
        except urllib.error.HTTPError as exc:
            with exc:
                data = exc.read()
                headers = dict(exc.headers.items()) if exc.headers else {}
            raise WebServiceError(
                exc.code,
                str(exc.reason),
                method=prepared.method,
                url=prepared.url,
                headers=headers,
                body=data,
                response_status=decode_error_status(headers.get("Content-Type", ""), data),
            ) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                raise self._timeout(prepared) from exc
            raise
        except TimeoutError as exc:
            raise self._timeout(prepared) from exc
        response_type = prepared.response_type
        if response_type is None:
            return None
        if not data.strip():
            return response_type()
        if _body_format(content_type, data, self.format) == "json":
            return response_type.from_json(data)
        return response_type.from_xml(data)

    def _timeout(self, prepared: PreparedRequest) -> TimeoutError:
        return TimeoutError(
            f"{prepared.method} {prepared.url}: no response within {self.timeout} s"
        )
