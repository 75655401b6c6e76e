"""dtogen runtime, text formats: JSV, CSV, SOAP envelopes and query strings.

Copied verbatim into every generated package next to ``_runtime.py``; standard library only.
Generated DTOs derive from :class:`Dto`, which adds these formats to the JSON and
DataContract-XML entry points of :class:`_runtime.Dto`.

Conventions (ServiceStack.Text, see the project reference §4.5-§4.6 and §1.5):

* JSV is JSON without quotes: ``{name:value,list:[a,b],map:{k:v}}``; members, names, order and
  null omission are those of ServiceStack JSON. A string is quoted (``"…"`` with ``""`` for a
  quote) when it contains ``" : , { } [ ]``, CR or LF, when it is empty (``""``) and - a
  deviation that keeps decoding lossless - when it starts or ends with a space or tab.
  Numbers, dates, GUIDs and durations are written verbatim (:class:`Raw`). ``char`` ``'\\0'``
  is written as nothing. ``to_jsv(pretty=True)`` is ``JsvFormatter.Format`` (tabs), the form
  the metadata pages print; the reader accepts both.
* JSV values: ``DateTime`` ``2024-01-31`` at midnight, else ``2024-01-31T10:00:00[.fffffff]``
  (``Z`` for UTC, ``+hh:mm`` for other offsets, nothing when naive); ``DateTimeOffset``
  ``2024-01-31T10:00:00.0000000+01:00``; ``Guid`` 32 hex digits; ``TimeSpan`` xsd:duration;
  ``byte[]`` base64; ``[Flags]`` enums as numbers, other enums by member name.
* CSV (``CsvSerializer``): a header row of .NET member names, then one row per record; fields
  are JSV text, quoted (``"`` doubled) when they contain ``,`` ``"`` CR or LF; rows end with
  CRLF. A DTO with a list-of-DTO member writes that list as the rows, otherwise itself as
  one row.
* SOAP: the DataContract XML inside ``<soap:Envelope><soap:Body>`` (1.1) or
  ``<soap12:Envelope><soap12:Body>`` (1.2), as ServiceStack's SOAP endpoints exchange it.
* Query strings (GET/DELETE): ``name=value`` pairs in JSON member order, values as compact
  JSV, ``+``/``%XX`` encoded; nulls omitted.
"""

from __future__ import annotations

import math
import re
import urllib.parse
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar, Self, TypeVar

from . import _runtime as _rt
from ._runtime import DecodeError, Key

__all__ = [
    "NS_SOAP11",
    "NS_SOAP12",
    "Dto",
    "Raw",
    "csv_dumps",
    "csv_loads",
    "csv_read_rows",
    "csv_rows",
    "jsv_b64",
    "jsv_char",
    "jsv_dt",
    "jsv_dto",
    "jsv_dumps",
    "jsv_format",
    "jsv_guid",
    "jsv_loads",
    "jsv_str",
    "jsv_timespan",
    "query_dumps",
    "query_loads",
    "soap_body",
    "soap_envelope",
    "v_Byte",
    "v_Int16",
    "v_Int32",
    "v_Int64",
    "v_SByte",
    "v_UInt16",
    "v_UInt32",
    "v_UInt64",
    "v_bool",
    "v_bytes",
    "v_char",
    "v_datetime",
    "v_datetimeoffset",
    "v_decimal",
    "v_enum",
    "v_flags",
    "v_float",
    "v_guid",
    "v_list",
    "v_map",
    "v_object",
    "v_str",
    "v_timespan",
]

NS_SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
NS_SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
E = TypeVar("E", bound=Enum)
D = TypeVar("D", bound="Dto")

# ---------------------------------------------------------------------------------------------
# JSV: writing


class Raw(str):
    """JSV text written verbatim, never quoted (numbers, dates, GUIDs, durations)."""

    __slots__ = ()


_JSV_SPECIAL = re.compile('["\\:,{}\\[\\]\r\n]')
_JSV_BLANK = " \t"


def jsv_str(s: str) -> str:
    """A string as JSV text: verbatim, or quoted with inner quotes doubled when it must be."""
    if not s:
        return '""'
    if _JSV_SPECIAL.search(s) is None and s[0] not in _JSV_BLANK and s[-1] not in _JSV_BLANK:
        return s
    return '"' + s.replace('"', '""') + '"'


def _jsv_float(f: float) -> str:
    if math.isfinite(f):
        return _rt._net_r(f)
    if f != f:
        return "NaN"
    return "Infinity" if f > 0 else "-Infinity"


def _jsv_enc(v: Any, w: Callable[[str], object]) -> None:
    if type(v) is Raw:
        w(v)
    elif isinstance(v, str):
        w(jsv_str(v))
    elif v is True or v is False:
        w("true" if v else "false")
    elif isinstance(v, int):
        w(int.__repr__(v))
    elif isinstance(v, float):
        w(_jsv_float(v))
    elif isinstance(v, Decimal):
        w(_rt._dec_text(v))
    elif isinstance(v, dict):
        w("{")
        first = True
        for k, x in v.items():
            if x is None:
                continue
            if not first:
                w(",")
            first = False
            _jsv_enc(k, w)
            w(":")
            _jsv_enc(x, w)
        w("}")
    elif isinstance(v, list | tuple):
        w("[")
        for i, x in enumerate(v):
            if i:
                w(",")
            if x is not None:
                _jsv_enc(x, w)
        w("]")
    elif v is None:
        return
    else:
        raise TypeError(f"Object of type {type(v).__name__} is not JSV serializable")


def jsv_format(text: str) -> str:
    """Pretty-print compact JSV exactly like ServiceStack's ``JsvFormatter.Format``."""
    out: list[str] = []
    tabs = 0
    first_key = True
    in_string = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if c in "{[" and not in_string:
            if prev == ":":
                if nxt in "}]" and nxt:
                    out.append(c + nxt)
                    i += 2
                    continue
                out.append("\n" + "\t" * tabs)
            out.append(c)
            tabs += 1
            out.append("\n" + "\t" * tabs)
            first_key = True
        elif c in "}]" and not in_string:
            tabs -= 1
            out.append("\n" + "\t" * max(tabs, 0) + c)
            first_key = True
        elif c == '"':
            out.append(c)
            in_string = not in_string
        elif c == "," and not in_string:
            out.append(",\n" + "\t" * tabs)
            first_key = True
        elif c == ":" and not in_string:
            out.append(": " if first_key else ":")
            first_key = False
        else:
            out.append(c)
        i += 1
    return "".join(out)


def jsv_dumps(value: Any, *, pretty: bool = False) -> str:
    """Serialize a JSV value (dict/list/str/:class:`Raw`/number/bool); ``None`` members are
    omitted. ``pretty`` formats like the metadata pages (tabs, ``key: value``)."""
    parts: list[str] = []
    _jsv_enc(value, parts.append)
    text = "".join(parts)
    return jsv_format(text) if pretty else text


# ---------------------------------------------------------------------------------------------
# JSV: reading

_WS = " \t\r\n"


class _JsvReader:
    """Recursive-descent JSV reader: maps → dict, lists → list, scalars → str."""

    __slots__ = ("n", "pos", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.n = len(text)

    def fail(self, message: str) -> DecodeError:
        line = self.text.count("\n", 0, self.pos) + 1
        col = self.pos - (self.text.rfind("\n", 0, self.pos) + 1) + 1
        return DecodeError("$", f"invalid JSV at line {line} column {col}: {message}")

    def skip(self) -> None:
        text, pos, n = self.text, self.pos, self.n
        while pos < n and text[pos] in _WS:
            pos += 1
        self.pos = pos

    def value(self, stops: str) -> Any:
        self.skip()
        c = self.text[self.pos] if self.pos < self.n else ""
        if c == "{":
            return self.mapping()
        if c == "[":
            return self.listing()
        return self.scalar(stops)

    def scalar(self, stops: str) -> str:
        text = self.text
        if self.pos < self.n and text[self.pos] == '"':
            parts: list[str] = []
            pos = self.pos + 1
            while True:
                end = text.find('"', pos)
                if end < 0:
                    self.pos = self.n
                    raise self.fail("unterminated quoted string")
                parts.append(text[pos:end])
                if end + 1 < self.n and text[end + 1] == '"':
                    parts.append('"')
                    pos = end + 2
                    continue
                self.pos = end + 1
                break
            self.skip()
            if self.pos < self.n and text[self.pos] not in stops:
                raise self.fail(f"unexpected {text[self.pos]!r} after a quoted string")
            return "".join(parts)
        start = self.pos
        pos = start
        n = self.n
        while pos < n and text[pos] not in stops:
            pos += 1
        self.pos = pos
        return text[start:pos].strip(_WS)

    def mapping(self) -> dict[str, Any]:
        self.pos += 1
        out: dict[str, Any] = {}
        self.skip()
        if self.pos < self.n and self.text[self.pos] == "}":
            self.pos += 1
            return out
        while True:
            self.skip()
            key = self.scalar(":")
            if self.pos >= self.n:
                raise self.fail("expected ':' after a key")
            self.pos += 1
            out[key] = self.value(",}")
            self.skip()
            c = self.text[self.pos] if self.pos < self.n else ""
            self.pos += 1
            if c == "}":
                return out
            if c != ",":
                raise self.fail("expected ',' or '}' in a map")

    def listing(self) -> list[Any]:
        self.pos += 1
        out: list[Any] = []
        self.skip()
        if self.pos < self.n and self.text[self.pos] == "]":
            self.pos += 1
            return out
        while True:
            self.skip()
            quoted = self.pos < self.n and self.text[self.pos] == '"'
            item = self.value(",]")
            if isinstance(item, str) and not quoted and ": " in item:
                # the pretty form puts a space after the first ':' of a list item too
                # (``0001-01-01T00: 00:00``); unquoted text never holds ": " otherwise
                item = item.replace(": ", ":", 1)
            out.append(item)
            self.skip()
            c = self.text[self.pos] if self.pos < self.n else ""
            self.pos += 1
            if c == "]":
                return out
            if c != ",":
                raise self.fail("expected ',' or ']' in a list")


def jsv_loads(data: str | bytes) -> Any:
    """Parse JSV text (compact or pretty) into dicts, lists and strings.

    Unquoted scalars lose surrounding whitespace; errors raise :class:`DecodeError`.
    """
    if not isinstance(data, str):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise DecodeError("$", f"invalid UTF-8 at byte {e.start}: {e.reason}") from e
    _rt._check_size(data, "$")
    return _jsv_value(data[1:] if data[:1] == "\ufeff" else data)


def _jsv_value(data: str) -> Any:
    """Parse one JSV value (a document, a CSV cell or a query-string value)."""
    reader = _JsvReader(data)
    try:
        value = reader.value("")
    except RecursionError:
        raise DecodeError("$", "invalid JSV: nesting is too deep") from None
    reader.skip()
    if reader.pos < reader.n:
        raise reader.fail(f"unexpected {reader.text[reader.pos]!r} after the value")
    return value


# ---------------------------------------------------------------------------------------------
# JSV: values


def jsv_char(c: str) -> str:
    """JSV ``char``: ``'\\0'`` is written as nothing, any other character as a string."""
    return Raw("") if c == "\x00" else c


def jsv_dt(dt: datetime) -> Raw:
    """JSV ``DateTime``: the date alone for a naive midnight, else ISO 8601 (7 digits)."""
    if dt.tzinfo is None and not (dt.hour or dt.minute or dt.second or dt.microsecond):
        return Raw(dt.date().isoformat())
    return Raw(_rt.iso_datetime(dt))


def jsv_dto(dt: datetime) -> Raw:
    """JSV ``DateTimeOffset``: ``yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm`` (round-trip ``o`` form)."""
    aware = _rt.as_offset(dt)
    s = _rt.iso_datetime(aware.replace(microsecond=0), utc_z=False)
    return Raw(f"{s[:19]}.{aware.microsecond:06d}0{s[19:]}")


def jsv_timespan(td: timedelta) -> Raw:
    """JSV ``TimeSpan``: xsd:duration."""
    return Raw(_rt.x_timespan_text(td))


def jsv_guid(u: uuid.UUID) -> Raw:
    """JSV ``Guid``: 32 hex digits (``N`` format)."""
    return Raw(u.hex)


def jsv_b64(b: bytes) -> str:
    """JSV ``byte[]``: base64; an empty array is ``""`` (so CSV and query strings keep it apart
    from null)."""
    return Raw(_rt.b64(b)) if b else ""


def v_str(v: Any, path: str, key: Key = None) -> str:
    """A JSV string."""
    return _rt.j_str(v, path, key)


def v_map(v: Any, path: str, key: Key = None) -> dict[str, Any]:
    """A JSV map (``{k:v}``)."""
    if isinstance(v, dict):
        return v
    raise _rt._bad(path, key, "a map {...}", v)


def v_list(v: Any, path: str, key: Key = None) -> list[Any]:
    """A JSV list (``[a,b]``)."""
    if isinstance(v, list):
        return v
    raise _rt._bad(path, key, "a list [...]", v)


def v_object(v: Any, path: str, key: Key = None) -> Any:
    """A JSV value of .NET type ``object``: kept as parsed (strings, lists, maps)."""
    return v


def v_bool(v: Any, path: str, key: Key = None) -> bool:
    """JSV ``bool``: ``true``/``false`` (any letter case, as .NET parses it)."""
    if isinstance(v, str):
        low = v.lower()
        if low == "true":
            return True
        if low == "false":
            return False
    raise _rt._bad(path, key, "true or false", v)


def v_char(v: Any, path: str, key: Key = None) -> str:
    """JSV ``char``: one character; nothing (``''``) is ``'\\0'``."""
    if v == "":
        return "\x00"
    return _rt.j_char(v, path, key)


_JSV_FLOAT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
_JSV_FLOAT_SPECIAL = {
    "NaN": math.nan,
    "Infinity": math.inf,
    "-Infinity": -math.inf,
    "\u221e": math.inf,
    "-\u221e": -math.inf,
}


def v_float(v: Any, path: str, key: Key = None) -> float:
    """JSV ``double``/``float`` (``NaN``, ``Infinity``, ``-Infinity`` included)."""
    if isinstance(v, str):
        if _JSV_FLOAT.fullmatch(v):
            f = float(v)
            if math.isfinite(f):
                return f
        special = _JSV_FLOAT_SPECIAL.get(v)
        if special is not None:
            return special
    raise _rt._bad(path, key, "a number", v)


_JSV_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def v_decimal(v: Any, path: str, key: Key = None) -> Decimal:
    """JSV ``decimal``: exact (``1.10`` keeps its scale), fitted to .NET ``decimal``."""
    if isinstance(v, str) and _JSV_DECIMAL.fullmatch(v):
        d = _rt._dec_fit(Decimal(v))
        if d is not None:
            return d
    raise _rt._bad(path, key, "a number within the .NET decimal range", v)


def v_datetime(v: Any, path: str, key: Key = None) -> datetime:
    """JSV ``DateTime``: ISO 8601 / xsd date or date-time (``/Date(ms)/`` accepted too)."""
    return _rt.j_datetime(v, path, key)


def v_datetimeoffset(v: Any, path: str, key: Key = None) -> datetime:
    """JSV ``DateTimeOffset``: always aware (UTC when the text has no offset)."""
    return _rt.j_datetimeoffset(v, path, key)


def v_timespan(v: Any, path: str, key: Key = None) -> timedelta:
    """JSV ``TimeSpan``: xsd:duration (or ``[-][d.]hh:mm:ss``)."""
    return _rt.j_timespan(v, path, key)


def v_guid(v: Any, path: str, key: Key = None) -> uuid.UUID:
    """JSV ``Guid``: ``N`` or ``D`` format."""
    return _rt.j_guid(v, path, key)


def v_bytes(v: Any, path: str, key: Key = None) -> bytes:
    """JSV ``byte[]``: base64."""
    return _rt.j_bytes(v, path, key)


def v_enum(enum_cls: type[E], v: Any, path: str, key: Key = None) -> E:
    """A JSV enum member by its wire name."""
    if isinstance(v, str):
        return _rt.j_enum(enum_cls, v, path, key)
    raise _rt._bad(path, key, f"a member name of {enum_cls.__name__}", v)


def v_flags(enum_cls: type[E], v: Any, path: str, key: Key = None) -> E:
    """A JSV ``[Flags]`` enum: its integer value."""
    n = _rt.int_text(v) if isinstance(v, str) else None
    if n is None:
        raise _rt._bad(path, key, f"an integer ({enum_cls.__name__} flags)", v)
    return enum_cls(n)


JsvInt = Callable[[Any, str, Key], int]


def _jsv_int(kind: str) -> JsvInt:
    lo, hi = _rt.INT_RANGES[kind]
    what = _rt.int_range_kind(kind)

    def v_int(v: Any, path: str, key: Key = None) -> int:
        n = _rt.int_text(v) if isinstance(v, str) else None
        if n is not None and lo <= n <= hi:
            return n
        raise _rt._bad(path, key, what, v)

    v_int.__doc__ = f"JSV ``{kind}``: integer text from {lo} to {hi}."
    return v_int


v_SByte = _jsv_int("SByte")
v_Byte = _jsv_int("Byte")
v_Int16 = _jsv_int("Int16")
v_UInt16 = _jsv_int("UInt16")
v_Int32 = _jsv_int("Int32")
v_UInt32 = _jsv_int("UInt32")
v_Int64 = _jsv_int("Int64")
v_UInt64 = _jsv_int("UInt64")

# ---------------------------------------------------------------------------------------------
# CSV


def _csv_field(s: str) -> str:
    if "," in s or '"' in s or "\r" in s or "\n" in s:
        return '"' + s.replace('"', '""') + '"'
    return s


def csv_dumps(rows: list[list[str]]) -> str:
    """CSV text: fields quoted when needed, every row (the header too) ended by CRLF."""
    return "".join(",".join(_csv_field(f) for f in row) + "\r\n" for row in rows)


def csv_loads(data: str | bytes) -> list[list[str]]:
    """Parse CSV (RFC 4180; CRLF or LF rows); errors raise :class:`DecodeError`."""
    text = data if isinstance(data, str) else bytes(data).decode("utf-8-sig")
    _rt._check_size(text, "$")
    rows: list[list[str]] = []
    row: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            parts: list[str] = []
            i += 1
            while True:
                end = text.find('"', i)
                if end < 0:
                    raise DecodeError(f"$[{len(rows)}]", "invalid CSV: unterminated quoted field")
                parts.append(text[i:end])
                if end + 1 < n and text[end + 1] == '"':
                    parts.append('"')
                    i = end + 2
                    continue
                i = end + 1
                break
            field = "".join(parts)
            if i < n and text[i] not in ",\r\n":
                raise DecodeError(f"$[{len(rows)}]", "invalid CSV: text after a quoted field")
        else:
            start = i
            while i < n and text[i] not in ",\r\n":
                i += 1
            field = text[start:i]
        row.append(field)
        if i < n and text[i] == ",":
            i += 1
            if i == n:
                row.append("")
            continue
        if text.startswith("\r\n", i):
            i += 2
        elif i < n:
            i += 1
        rows.append(row)
        row = []
    if row:
        rows.append(row)
    return rows


def _csv_record(headers: tuple[tuple[str, str], ...], values: dict[str, Any]) -> list[str]:
    out = []
    for key, _ in headers:
        v = values.get(key)
        out.append("" if v is None else jsv_dumps(v))
    return out


def csv_rows(items: Sequence[Dto] | None, item_cls: type[Dto]) -> str:
    """CSV of records: ``item_cls``'s header row, then one row per item."""
    rows = [[h for _, h in item_cls._csv_headers]]
    rows.extend(_csv_record(item_cls._csv_headers, x._to_jsv()) for x in items or [])
    return csv_dumps(rows)


def csv_read_rows(data: str | bytes, item_cls: type[D]) -> list[D]:
    """Records of ``item_cls`` from CSV with a header row of .NET member names."""
    rows = csv_loads(data)
    if not rows:
        raise DecodeError("$", "invalid CSV: no header row")
    by_header = {h: k for k, h in item_cls._csv_headers}
    keys: list[str | None] = [by_header.get(h) for h in rows[0]]
    out: list[D] = []
    for r, row in enumerate(rows[1:]):
        path = f"$[{r}]"
        if len(row) != len(keys):
            raise DecodeError(path, f"expected {len(keys)} fields like the header, got {len(row)}")
        record: dict[str, Any] = {}
        for key, text in zip(keys, row, strict=True):
            if key is not None and text != "":
                record[key] = _jsv_value(text)
        out.append(item_cls._from_jsv(record, path))
    return out


# ---------------------------------------------------------------------------------------------
# SOAP


def soap_envelope(body_xml: str, version: int = 12) -> str:
    """Wrap DataContract XML in a SOAP 1.1 (``version=11``) or 1.2 envelope."""
    if version not in (11, 12):
        raise ValueError(f"SOAP version must be 11 or 12, not {version!r}")
    prefix, ns = ("soap", NS_SOAP11) if version == 11 else ("soap12", NS_SOAP12)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<{prefix}:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:{prefix}="{ns}">\n'
        f"<{prefix}:Body>\n\n{body_xml}\n\n</{prefix}:Body>\n</{prefix}:Envelope>"
    )


def soap_body(data: str | bytes) -> ET.Element:
    """The message element inside a SOAP 1.1/1.2 envelope's Body (faults raise DecodeError)."""
    root = _rt.parse_xml(data)
    ns, _, local = root.tag[1:].partition("}") if root.tag[:1] == "{" else ("", "", root.tag)
    if local != "Envelope" or ns not in (NS_SOAP11, NS_SOAP12):
        raise DecodeError("/", f"expected a SOAP Envelope, got <{_rt.local_name(root.tag)}>")
    body = root.find(f"{{{ns}}}Body")
    if body is None:
        raise DecodeError("/Envelope", "the SOAP envelope has no Body")
    children = list(body)
    if len(children) != 1:
        raise DecodeError("/Envelope/Body", f"expected one message element, got {len(children)}")
    message = children[0]
    if message.tag == f"{{{ns}}}Fault":
        text = " ".join(t.strip() for t in message.itertext() if t.strip())
        raise DecodeError("/Envelope/Body/Fault", f"SOAP fault: {text[:200]}")
    return message


# ---------------------------------------------------------------------------------------------
# Query strings


def query_dumps(values: dict[str, Any]) -> str:
    """``name=value&…`` with compact JSV values (``None`` omitted), form-encoded."""
    quote = urllib.parse.quote_plus
    return "&".join(f"{quote(k)}={quote(jsv_dumps(v))}" for k, v in values.items() if v is not None)


def query_loads(text: str) -> dict[str, Any]:
    """Parse a query string (leading ``?`` allowed) into JSV values by name."""
    _rt._check_size(text, "$")
    out: dict[str, Any] = {}
    for name, value in urllib.parse.parse_qsl(text.removeprefix("?"), keep_blank_values=True):
        out[name] = _jsv_value(value) if value else ""
    return out


# ---------------------------------------------------------------------------------------------
# Base class


class Dto(_rt.Dto):
    """Base of generated DTOs: adds JSV, CSV, SOAP and query strings to JSON and XML.

    Subclasses implement ``_to_jsv``/``_from_jsv`` and set ``_csv_headers`` (pairs of JSV
    member name and .NET member name, the CSV header).
    """

    __slots__ = ()
    _csv_headers: ClassVar[tuple[tuple[str, str], ...]] = ()

    def _to_jsv(self) -> dict[str, Any]:
        raise TypeError(f"{type(self).__name__} has no JSV codec (_to_jsv not generated)")

    @classmethod
    def _from_jsv(cls, data: Any, path: str = "$") -> Self:
        raise TypeError(f"{cls.__name__} has no JSV codec (_from_jsv not generated)")

    def to_jsv(self, *, pretty: bool = False) -> str:
        """Serialize to JSV (compact, or tab-indented like the metadata pages)."""
        return jsv_dumps(self._to_jsv(), pretty=pretty)

    @classmethod
    def from_jsv(cls, data: str | bytes) -> Self:
        """Parse JSV (compact or pretty) into an instance; errors raise :class:`DecodeError`."""
        value = jsv_loads(data)
        try:
            return cls._from_jsv(value, "$")
        except RecursionError:
            raise _rt._too_deep("$") from None

    def to_csv(self) -> str:
        """Serialize to CSV: a header row of .NET member names and one row for this DTO."""
        return csv_rows([self], type(self))

    @classmethod
    def from_csv(cls, data: str | bytes) -> Self:
        """Parse CSV written by :meth:`to_csv` (exactly one record)."""
        records = csv_read_rows(data, cls)
        if len(records) != 1:
            raise DecodeError(
                "$", f"expected one CSV record for {cls.__name__}, got {len(records)}"
            )
        return records[0]

    def to_soap(self, version: int = 12) -> str:
        """Serialize to a SOAP 1.1 (``version=11``) or 1.2 envelope around the DataContract XML."""
        return soap_envelope(self.to_xml(indent=True), version)

    @classmethod
    def from_soap(cls, data: str | bytes) -> Self:
        """Parse a SOAP 1.1/1.2 envelope whose Body holds this DTO's DataContract XML."""
        message = soap_body(data)
        if message.tag != f"{{{cls._xml_ns}}}{cls._xml_name}" or not cls._xml_name:
            raise DecodeError(
                "/Envelope/Body",
                f"expected <{cls._xml_name}> in namespace '{cls._xml_ns}', got "
                f"<{_rt.local_name(message.tag)}>",
            )
        try:
            return cls._read_xml(message, "/Envelope/Body/" + cls._xml_name)
        except RecursionError:
            raise _rt._too_deep("/Envelope/Body") from None

    def to_query(self) -> str:
        """Encode as a query string for GET/DELETE requests (``a=1&b=%5Bx%2Cy%5D``)."""
        return query_dumps(self._to_jsv())

    @classmethod
    def from_query(cls, text: str) -> Self:
        """Decode a query string written by :meth:`to_query`."""
        return cls._from_jsv(query_loads(text), "$")
