"""dtogen runtime: JSON and DataContract-XML codecs shared by generated DTO packages.

Copied verbatim into every generated package; standard library only (Python >= 3.11).
Generated dataclasses derive from :class:`Dto` and call the helpers below from their
per-field codec code.

Conventions (ServiceStack.Text / DataContractSerializer, see the project reference):

* JSON paths look like ``$.responseStatus.errors[2].message``; XML paths like
  ``/GetAccessTokenResponse/ResponseStatus/Errors/ResponseError[2]/Message``.
  Checkers take ``(value, path, key)`` and build the child path only when raising.
* ``DateTime``: naive ``datetime`` = ``DateTimeKind.Unspecified``; aware with offset 0 = UTC;
  other offsets = local time with that offset. JSON uses ``/Date(ms[+-hhmm])/`` (``-0000`` marks
  unspecified); sub-millisecond digits are truncated toward zero like .NET. Parsers also accept
  ISO 8601; a 7th fractional digit (100 ns) is rounded half-even to microseconds, digits
  beyond the 7th are ignored (as .NET does).
* ``TimeSpan``: xsd:duration (``PT0S``, ``P1DT2H``, ``-PT1S``); parsing rounds 100-ns ticks to
  microseconds half-even; ``nY``/``nM`` count 365/30 days as .NET's XsdDuration does.
* JSON numbers: ``float`` is written with .NET's shortest round-trip ("R") rules (``0``,
  ``1.5``, ``1E+20``); ``Decimal`` is written exactly, without exponent (``1.10``). Decimals
  must fit .NET ``decimal``: |x| <= 2**96-1; more than 28 fractional digits round half-even.
* XML text: ``&``, ``<``, ``>`` escaped, ``\\r`` written as ``&#xD;`` so it survives parsing;
  characters XML 1.0 cannot carry raise ``ValueError``. An empty string is written as
  ``<Name />`` (XmlTextWriter writes nothing for an empty string, so the element self-closes).
"""

from __future__ import annotations

import base64
import decimal
import json
import json.scanner
import math
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from enum import Enum
from json.encoder import encode_basestring as _json_str
from typing import Any, ClassVar, Self, TypeVar, cast
from xml.parsers.expat import ErrorString as _expat_error

__all__ = [
    "INT_RANGES",
    "NS_ARRAYS",
    "NS_SERVICESTACK",
    "NS_SYSTEM",
    "NS_XSI",
    "XSI_NIL",
    "DecodeError",
    "Dto",
    "XmlWriter",
    "as_offset",
    "at",
    "b64",
    "clock_timespan",
    "flags_text",
    "int_range_kind",
    "int_text",
    "is_nil",
    "iso_datetime",
    "j_Byte",
    "j_Int16",
    "j_Int32",
    "j_Int64",
    "j_SByte",
    "j_UInt16",
    "j_UInt32",
    "j_UInt64",
    "j_bool",
    "j_bytes",
    "j_char",
    "j_datetime",
    "j_datetimeoffset",
    "j_decimal",
    "j_enum",
    "j_flags",
    "j_float",
    "j_guid",
    "j_int",
    "j_key_Guid",
    "j_key_byte",
    "j_key_int",
    "j_key_long",
    "j_key_sbyte",
    "j_key_short",
    "j_key_uint",
    "j_key_ulong",
    "j_key_ushort",
    "j_list",
    "j_locate",
    "j_object",
    "j_pair",
    "j_str",
    "j_timespan",
    "json_datetime",
    "json_dt",
    "json_dto",
    "json_dumps",
    "json_guid",
    "json_loads",
    "json_timespan",
    "jsonnet_dto",
    "jt_any",
    "jt_bool",
    "jt_decimal",
    "jt_float",
    "jt_str",
    "key_value",
    "local_name",
    "new",
    "open_enum_member",
    "pair_parts",
    "parse_b64",
    "parse_guid",
    "parse_json_datetime",
    "parse_timespan",
    "parse_xml",
    "write_datetimeoffset",
    "write_object",
    "x_Byte",
    "x_Int16",
    "x_Int32",
    "x_Int64",
    "x_SByte",
    "x_UInt16",
    "x_UInt32",
    "x_UInt64",
    "x_bool",
    "x_bool_text",
    "x_bytes",
    "x_bytes_text",
    "x_char",
    "x_char_text",
    "x_datetime",
    "x_datetime_text",
    "x_datetimeoffset",
    "x_decimal",
    "x_decimal_text",
    "x_enum",
    "x_flags",
    "x_float",
    "x_float_text",
    "x_guid",
    "x_guid_text",
    "x_int",
    "x_str",
    "x_text_dict",
    "x_timespan",
    "x_timespan_text",
    "xpath",
]

NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
NS_SERVICESTACK = "http://schemas.servicestack.net/types"
XSI_NIL = "{" + NS_XSI + "}nil"

E = TypeVar("E", bound=Enum)
T = TypeVar("T")
Key = str | int | None
Decimal = decimal.Decimal

# ---------------------------------------------------------------------------------------------
# Errors


class DecodeError(ValueError):
    """A payload does not match the DTO schema; ``path`` locates the offending value."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(path, message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _jp(path: str, key: Key) -> str:
    """Child JSON path: ``path.key`` for names, ``path[i]`` for indexes."""
    if key is None:
        return path
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}"


def _show(v: Any) -> str:
    """Short description of a decoded value for error messages."""
    if v is None:
        return "null"
    if v is True or v is False:
        return "true" if v else "false"
    if isinstance(v, str):
        return repr(v if len(v) <= 60 else v[:57] + "...")
    if isinstance(v, int | float | Decimal):
        return repr(v) if not isinstance(v, Decimal) else str(v)
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, list):
        return "an array"
    return f"a value of type {type(v).__name__}"


def _bad(path: str, key: Key, kind: str, v: Any) -> DecodeError:
    return DecodeError(_jp(path, key), f"expected {kind}, got {_show(v)}")


# ---------------------------------------------------------------------------------------------
# JSON: checkers


def j_object(v: Any, path: str, key: Key = None) -> dict[str, Any]:
    """Return ``v`` if it is a JSON object (dict), else raise :class:`DecodeError`."""
    if isinstance(v, dict):
        return v
    raise _bad(path, key, "an object", v)


def j_list(v: Any, path: str, key: Key = None) -> list[Any]:
    """Return ``v`` if it is a JSON array (list), else raise :class:`DecodeError`."""
    if isinstance(v, list):
        return v
    raise _bad(path, key, "an array", v)


def j_str(v: Any, path: str, key: Key = None) -> str:
    """Return ``v`` if it is a string, else raise :class:`DecodeError`."""
    if isinstance(v, str):
        return v
    raise _bad(path, key, "a string", v)


def j_int(v: Any, path: str, key: Key = None) -> int:
    """Return ``v`` if it is an integer (not a bool, not a float), else raise."""
    if type(v) is int:
        return v
    if isinstance(v, int) and not isinstance(v, bool):
        return int(v)
    raise _bad(path, key, "an integer", v)


def j_bool(v: Any, path: str, key: Key = None) -> bool:
    """Return ``v`` if it is ``true``/``false``, else raise :class:`DecodeError`."""
    if v is True:
        return True
    if v is False:
        return False
    raise _bad(path, key, "true or false", v)


def j_float(v: Any, path: str, key: Key = None) -> float:
    """Return a finite JSON number (int, float or exact Decimal) as ``float``, else raise."""
    if type(v) is float:
        if math.isfinite(v):
            return v
    elif isinstance(v, int | float | Decimal) and not isinstance(v, bool):
        try:
            f = float(v)
        except OverflowError:
            raise _bad(path, key, "a number within the double range", v) from None
        if math.isfinite(f):
            return f
    raise _bad(path, key, "a finite number", v)


_DEC_MAX = Decimal(2**96 - 1)
_DEC_QUANTUM = Decimal("1E-28")
_DEC_CTX = decimal.Context(prec=80, rounding=decimal.ROUND_HALF_EVEN)
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?", re.ASCII)


def _dec_fit(d: Decimal) -> Decimal | None:
    """``d`` fitted to .NET ``decimal`` (28 fractional digits max) or None if out of range."""
    if not d.is_finite() or d.copy_abs() > _DEC_MAX:
        return None
    exp = d.as_tuple().exponent
    if isinstance(exp, int) and exp < -28:
        return d.quantize(_DEC_QUANTUM, context=_DEC_CTX)
    return d


def j_decimal(v: Any, path: str, key: Key = None) -> Decimal:
    """Return a JSON number (or numeric string) as ``Decimal`` (floats via their repr)."""
    d: Decimal | None = None
    if isinstance(v, Decimal):
        d = _dec_fit(v)
    elif isinstance(v, float):
        d = _dec_fit(Decimal(repr(v)))
    elif (isinstance(v, int) and not isinstance(v, bool)) or (
        isinstance(v, str) and _JSON_NUMBER.fullmatch(v)
    ):
        d = _dec_fit(Decimal(v))
    if d is None:
        raise _bad(path, key, "a number within the .NET decimal range", v)
    return d


def _enum_lookup(enum_cls: type[E], v: Any, call: bool = True) -> E | None:
    if v is True or v is False:
        return None
    try:
        member = enum_cls._value2member_map_.get(v)
    except TypeError:  # unhashable value
        return None
    if member is not None:
        return cast(E, member)
    if not call:
        return None
    try:
        return enum_cls(v)  # Flag composites and _missing_ hooks (open enums)
    except (ValueError, TypeError):
        return None


def _enum_kind(enum_cls: type[Enum]) -> str:
    values = [repr(m.value) for m in enum_cls]
    more = ", ..." if len(values) > 12 else ""
    return f"one of {', '.join(values[:12])}{more} ({enum_cls.__name__})"


def j_enum(enum_cls: type[E], v: Any, path: str, key: Key = None) -> E:
    """Return the member of ``enum_cls`` whose value equals ``v``, else raise."""
    member = _enum_lookup(enum_cls, v)
    if member is None:
        raise _bad(path, key, _enum_kind(enum_cls), v)
    return member


def j_char(v: Any, path: str, key: Key = None) -> str:
    """Return ``v`` if it is a one-character string (.NET ``char``), else raise."""
    if isinstance(v, str) and len(v) == 1:
        return v
    raise _bad(path, key, "a single character", v)


def j_datetime(v: Any, path: str, key: Key = None) -> datetime:
    """Decode a JSON ``DateTime`` string (``/Date(...)/`` or ISO 8601)."""
    return parse_json_datetime(j_str(v, path, key), path, key)


def j_timespan(v: Any, path: str, key: Key = None) -> timedelta:
    """Decode a JSON ``TimeSpan`` string (xsd:duration or ``[-][d.]hh:mm:ss``)."""
    return parse_timespan(j_str(v, path, key), path, key)


def j_guid(v: Any, path: str, key: Key = None) -> uuid.UUID:
    """Decode a JSON ``Guid`` string (``N`` or ``D`` format)."""
    return parse_guid(j_str(v, path, key), path, key)


def j_bytes(v: Any, path: str, key: Key = None) -> bytes:
    """Decode a JSON ``byte[]`` (base64 string)."""
    return parse_b64(j_str(v, path, key), path, key)


# ---------------------------------------------------------------------------------------------
# JSON: text


class _NeedPython(Exception):
    """Raised inside the C encoder when a value needs the Python encoder (Decimal)."""


def _c_default(o: Any) -> Any:
    if isinstance(o, Decimal):
        raise _NeedPython
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


_C_ENCODE = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_c_default
).encode
_DIGIT_DOT = re.compile(r"[.](?<=[0-9][.])", re.ASCII)
_FLOAT_KEY = re.compile(r'"-?[0-9]+(?:\.[0-9]+)?(?:e[+-][0-9]+)?":', re.ASCII)
_WCF_IN_JSON = re.compile(r'(?<!\\)"/Date\((-?[0-9]+(?:[+-][0-9]{4})?)\)/"', re.ASCII)


def _net_r(f: float) -> str:
    """Format a finite float like .NET Core ``double.ToString("R")`` (shortest round-trip)."""
    r = repr(f)
    if r[-2:] == ".0" and -1e15 < f < 1e15:
        return r[:-2]
    neg = r[0] == "-"
    if neg:
        r = r[1:]
    mant, _, exp = r.partition("e")
    ip, _, fp = mant.partition(".")
    if ip != "0":
        digits = ip + fp
        scale = len(ip)
    else:
        stripped = fp.lstrip("0")
        scale = len(stripped) - len(fp)
        digits = stripped
    scale += int(exp) if exp else 0
    digits = digits.rstrip("0")
    n = len(digits)
    if n == 0:
        s = "0"
    elif scale > max(n, 15) or scale < -3:
        e = scale - 1
        s = f"{digits[0]}{'.' + digits[1:] if n > 1 else ''}E{'-' if e < 0 else '+'}{abs(e):02d}"
    elif scale <= 0:
        s = "0." + "0" * -scale + digits
    elif scale >= n:
        s = digits + "0" * (scale - n)
    else:
        s = digits[:scale] + "." + digits[scale:]
    return "-" + s if neg else s


def _json_float(f: float) -> str:
    if not math.isfinite(f):
        raise ValueError(f"Out of range float values are not JSON compliant: {f!r}")
    return _net_r(f)


def _dec_text(d: Decimal) -> str:
    """Exact fixed-point text of a finite Decimal (no exponent), like .NET ``decimal``."""
    s = str(d)
    if "E" in s or "N" in s or "n" in s:
        if not d.is_finite():
            raise ValueError(f"{d} cannot be written as a .NET decimal")
        s = format(d, "f")
    return s


def _json_key(k: Any) -> str:
    if isinstance(k, str):
        return _json_str(k)
    if k is True or k is False:
        return '"true"' if k else '"false"'
    if k is None:
        return '"null"'
    if isinstance(k, int):
        return '"' + int.__repr__(k) + '"'
    if isinstance(k, float):
        return '"' + _json_float(k) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")


def _enc(v: Any, w: Callable[[str], object], nl: str | None, step: str) -> None:
    """Python JSON encoder (compact when ``nl`` is None, else indented) with .NET numbers."""
    if isinstance(v, str):
        w(_json_str(v))
    elif v is None:
        w("null")
    elif v is True:
        w("true")
    elif v is False:
        w("false")
    elif isinstance(v, int):
        w(int.__repr__(v))
    elif isinstance(v, float):
        w(_json_float(v))
    elif isinstance(v, dict):
        if not v:
            w("{}")
            return
        inner = None if nl is None else nl + step
        sep = "{" if inner is None else "{" + inner
        colon = ":" if inner is None else ": "
        for k, x in v.items():
            if isinstance(x, str) and isinstance(k, str):
                w(sep + _json_str(k) + colon + _json_str(x))
            else:
                w(sep + _json_key(k) + colon)
                _enc(x, w, inner, step)
            sep = "," if inner is None else "," + inner
        w("}" if nl is None else nl + "}")
    elif isinstance(v, list | tuple):
        if not v:
            w("[]")
            return
        inner = None if nl is None else nl + step
        sep = "[" if inner is None else "[" + inner
        for x in v:
            w(sep)
            _enc(x, w, inner, step)
            sep = "," if inner is None else "," + inner
        w("]" if nl is None else nl + "]")
    elif isinstance(v, Decimal):
        w(_dec_text(v))
    else:
        raise TypeError(f"Object of type {type(v).__name__} is not JSON serializable")


def _escape_wcf_dates(s: str) -> str:
    """Write ``"/Date(...)/"`` string values as ``"\\/Date(...)\\/"`` (ServiceStack style)."""
    if "/" not in s or '"/Date(' not in s:  # a slash is rare, and found by memchr
        return s
    return _WCF_IN_JSON.sub(r'"\\/Date(\1)\\/"', s)


def _has_float(s: str) -> bool:
    """Whether C-encoder output ``s`` may hold a float, which needs .NET number formats.

    The C encoder writes every float with a digit then ``.``, ``e+`` or ``e-``; such a spot is a
    float when it lies outside strings, or inside a float dictionary key (``{"1.0":``). String
    state is found by counting quotes with ``str.count`` between the (usually few) candidate
    spots; output holding an escaped backslash (``\\\\"`` may end a string) is answered
    conservatively.
    """
    spots = [m.start() for m in _DIGIT_DOT.finditer(s)]
    for sign in "+-":
        i = s.find(sign)
        while i != -1:
            if s[i - 1 : i] == "e" and s[i - 2 : i - 1].isdigit():
                spots.append(i)
            i = s.find(sign, i + 1)
    if not spots:
        return False
    if "\\" in s and "\\\\" in s:
        return True
    spots.sort()
    pos = 0
    inside = False
    for i in spots:
        if (s.count('"', pos, i) - s.count('\\"', pos, i)) & 1:
            inside = not inside
        pos = i
        if not inside:
            return True
        j = s.rfind('"', 0, i)
        if s[j - 1] in "{," and _FLOAT_KEY.match(s, j):
            return True
    return False


def json_dumps(value: Any, *, indent: int | None = None) -> str:
    """Serialize like ServiceStack.Text: compact, UTF-8 text, .NET number and date formats.

    With ``indent`` the layout is Json.NET's indented style (``": "``, one item per line).
    A string whose whole value is ``/Date(ms[+-hhmm])/`` is written with escaped slashes.
    """
    if indent is None:
        return _escape_wcf_dates(jt_any(value))
    parts: list[str] = []
    _enc(value, parts.append, "\n", " " * indent)
    return _escape_wcf_dates("".join(parts))


# ---------------------------------------------------------------------------------------------
# JSON: text writers of the generated ``_json_text`` methods
#
# ``Dto.to_json`` writes the document as text, member by member: every generated class knows
# its wire names (written as literals) and member types, so strings go through the C string
# encoder, integers through ``str`` and floats through the .NET formatter directly, without
# the dictionary of ``to_dict``, the generic encoder and the float scan of ``json_dumps``.
# A value of an unexpected type goes through ``jt_any``, which writes it as ``json_dumps``
# would; the text is the same as ``json_dumps(dto.to_dict())`` in every case.

#: JSON text of a string (the C encoder's own function: quotes, escapes, non-ASCII kept).
jt_str: Callable[[str], str] = _json_str


def jt_any(value: Any) -> str:
    """Compact JSON text of any value, as :func:`json_dumps` writes it (``/Date`` unescaped)."""
    try:
        s = _C_ENCODE(value)
    except _NeedPython:
        s = None
    if s is not None and not _has_float(s):
        return s
    parts: list[str] = []
    _enc(value, parts.append, None, "")
    return "".join(parts)


def jt_bool(v: Any) -> str:
    """JSON text of a ``bool`` member."""
    return "true" if v is True else "false" if v is False else jt_any(v)


def jt_float(v: Any) -> str:
    """JSON text of a ``float`` member (.NET "R" format)."""
    return _net_r(v) if type(v) is float and math.isfinite(v) else jt_any(v)


def jt_decimal(v: Any) -> str:
    """JSON text of a ``Decimal`` member (exact, no exponent)."""
    return _dec_text(v) if type(v) is Decimal else jt_any(v)


#: ``new(cls)``: an instance without ``__init__``. A generated ``from_dict`` uses it for its own
#: class, then assigns every field (a subclass is built with ``cls()``: it may add fields).
new: Callable[[type[T]], T] = object.__new__


def j_locate(e: DecodeError, path: str, key: str | int) -> None:
    """Put the item's index (or dictionary key) into the path of an error raised inside it.

    Container helpers decode items with the container's own path, which costs nothing, and
    call this only when an item fails: ``$.errors.meta`` becomes ``$.errors[3].meta``.
    """
    if e.path.startswith(path):
        e.path = _jp(path, key) + e.path[len(path) :]
        e.args = (e.path, e.message)


class _BadConstant(Exception):
    pass


def _reject_constant(name: str) -> Any:
    raise _BadConstant(name)


_JSON_DECODE = json.JSONDecoder(parse_constant=_reject_constant).decode
_JSON_DECODER_EXACT = json.JSONDecoder(parse_constant=_reject_constant, parse_float=Decimal)
_JSON_DECODE_EXACT = _JSON_DECODER_EXACT.decode
#: ``(text, index) → (value, end)``: ``decode`` without its whitespace handling.
_JSON_SCAN_EXACT: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(
    cast(Any, _JSON_DECODER_EXACT)
)


#: The largest document ``from_json``/``from_xml`` accept, in bytes (or characters for str).
#: Assign a larger value to this module attribute to accept bigger payloads.
MAX_DOCUMENT_SIZE = 64 * 1024 * 1024


def _check_size(data: str | bytes, path: str) -> None:
    if len(data) > MAX_DOCUMENT_SIZE:
        raise DecodeError(
            path,
            f"document is {len(data)} long, more than MAX_DOCUMENT_SIZE ({MAX_DOCUMENT_SIZE}); "
            "raise _runtime.MAX_DOCUMENT_SIZE if such payloads are expected",
        )


def _too_deep(path: str) -> DecodeError:
    return DecodeError(path, "document nests deeper than the recursion limit allows")


def json_loads(data: str | bytes, *, exact: bool = False) -> Any:
    """Parse JSON text (bytes are UTF-8, BOM tolerated); errors raise :class:`DecodeError`.

    With ``exact`` non-integer numbers are returned as ``Decimal`` (``1.10`` keeps its
    scale); DTO decoding uses it so ``decimal`` members are lossless.
    """
    _check_size(data, "$")
    if isinstance(data, bytes | bytearray | memoryview):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise DecodeError("$", f"invalid UTF-8 at byte {e.start}: {e.reason}") from e
    else:
        text = data[1:] if data[:1] == "\ufeff" else data
    try:
        if exact:
            try:  # a compact document: the scanner alone (no whitespace regexes)
                value, end = _JSON_SCAN_EXACT(text, 0)
            except StopIteration:
                pass  # not a JSON value at 0 (leading whitespace?): decode() says which
            else:
                if end == len(text) or not text[end:].strip(" \t\n\r"):
                    return value
        return _JSON_DECODE_EXACT(text) if exact else _JSON_DECODE(text)
    except json.JSONDecodeError as e:
        raise DecodeError("$", f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from e
    except _BadConstant as e:
        raise DecodeError("$", f"invalid JSON: {e.args[0]} is not a JSON value") from e
    except RecursionError as e:
        raise DecodeError("$", "invalid JSON: nesting is too deep") from e
    except ValueError as e:  # e.g. integers longer than sys.get_int_max_str_digits()
        raise DecodeError("$", f"invalid JSON: {e}") from e


# ---------------------------------------------------------------------------------------------
# .NET value formats: DateTime


_EPOCH = datetime(1970, 1, 1)
_EPOCH_UTC = datetime(1970, 1, 1, tzinfo=UTC)
_US_PER_DAY = 86_400_000_000
_WCF_DATE = re.compile(r"\\?/Date\((-?[0-9]{1,18})([+-][0-9]{4})?\)\\?/", re.ASCII)
_ISO_DT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,12}))?)?)?"
    r"(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?",
    re.ASCII,
)
_TZ_CACHE: dict[int, timezone] = {0: UTC}


def _td_us(td: timedelta) -> int:
    return td.days * _US_PER_DAY + td.seconds * 1_000_000 + td.microseconds


def _ticks_to_us(ticks: int) -> int:
    """Round a non-negative count of 100-ns ticks to microseconds, half to even."""
    us, r = divmod(ticks, 10)
    if r > 5 or (r == 5 and us & 1):
        us += 1
    return us


def _frac_ticks(frac: str) -> int:
    """First seven fraction digits as 100-ns ticks (further digits are ignored, as .NET does)."""
    return int(frac[:7].ljust(7, "0"))


def _tz(minutes: int) -> timezone:
    tz = _TZ_CACHE.get(minutes)
    if tz is None:
        tz = _TZ_CACHE[minutes] = timezone(timedelta(minutes=minutes))
    return tz


def _offset_minutes(dt: datetime, off: timedelta) -> int:
    secs = off.days * 86400 + off.seconds
    if secs % 60 or off.microseconds:
        raise ValueError(f"UTC offset {off} of {dt!r} has seconds; .NET offsets are whole minutes")
    return secs // 60


def _parse_iso(s: str) -> datetime | None:
    m = _ISO_DT.fullmatch(s)
    if m is None:
        return None
    y, mo, d, h, mi, sec, frac, tz = m.groups()
    try:
        dt = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(sec or 0))
        if frac:
            us = _ticks_to_us(_frac_ticks(frac))
            dt = dt.replace(microsecond=us) if us < 1_000_000 else dt + timedelta(seconds=1)
        if tz:
            if tz == "Z":
                minutes = 0
            else:
                hh, mm = int(tz[1:3]), int(tz[-2:]) if len(tz) > 3 else 0
                if hh > 23 or mm > 59:
                    return None
                minutes = (hh * 60 + mm) * (-1 if tz[0] == "-" else 1)
            dt = dt.replace(tzinfo=_tz(minutes))
    except (ValueError, OverflowError):
        return None
    return dt


def json_datetime(dt: datetime) -> str:
    """ServiceStack JSON ``DateTime``: ``/Date(ms)/`` (UTC), ``/Date(ms-0000)/`` (naive),
    ``/Date(ms+hhmm)/`` (other offsets; ms is the UTC instant). json_dumps escapes the slashes.
    """
    off = dt.utcoffset()
    if off is None:
        us = _td_us(dt - _EPOCH)
        suffix = "-0000"
    else:
        us = _td_us(dt - _EPOCH_UTC)
        if off:
            minutes = _offset_minutes(dt, off)
            hh, mm = divmod(abs(minutes), 60)
            suffix = f"{'-' if minutes < 0 else '+'}{hh:02d}{mm:02d}"
        else:
            suffix = ""
    ms = us // 1000 if us >= 0 else -(-us // 1000)
    return f"/Date({ms}{suffix})/"


def parse_json_datetime(s: str, path: str, key: Key = None) -> datetime:
    """Parse ``/Date(ms[+-hhmm])/`` (``-0000`` = naive) or ISO 8601 (no offset = naive)."""
    if s[:6] == "/Date(" or s[:7] == "\\/Date(":
        m = _WCF_DATE.fullmatch(s)
        if m is not None:
            ms, off = m.groups()
            try:
                if off == "-0000":
                    return _EPOCH + timedelta(milliseconds=int(ms))
                dt = _EPOCH_UTC + timedelta(milliseconds=int(ms))
                if off and off != "+0000":
                    minutes = int(off[1:3]) * 60 + int(off[3:])
                    return dt.astimezone(_tz(-minutes if off[0] == "-" else minutes))
                return dt
            except OverflowError:
                pass
    else:
        iso = _parse_iso(s)
        if iso is not None:
            return iso
    raise _bad(path, key, "a date/time ('/Date(ms)/' or ISO 8601)", s)


def x_datetime_text(dt: datetime) -> str:
    """XmlConvert round-trip-kind text: naive without suffix, UTC ``Z``, else ``+hh:mm``;
    the fraction is trimmed of trailing zeros (``.FFFFFFF``)."""
    off = dt.utcoffset()
    s = (dt.replace(tzinfo=None) if dt.tzinfo is not None else dt).isoformat()
    if dt.microsecond:
        s = s.rstrip("0")
    if off is None:
        return s
    if not off:
        return s + "Z"
    minutes = _offset_minutes(dt, off)
    hh, mm = divmod(abs(minutes), 60)
    return f"{s}{'-' if minutes < 0 else '+'}{hh:02d}:{mm:02d}"


# ---------------------------------------------------------------------------------------------
# .NET value formats: TimeSpan, Guid, byte[]

_DURATION = re.compile(
    r"(-)?P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?"
    r"(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)(?:\.([0-9]+))?S)?)?",
    re.ASCII,
)
_CLOCK = re.compile(
    r"(-)?(?:([0-9]+)\.)?([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(?:\.([0-9]{1,7}))?)?",
    re.ASCII,
)


def x_timespan_text(td: timedelta) -> str:
    """xsd:duration text of a ``TimeSpan`` as .NET writes it (``PT0S``, ``P1DT1H``, ``-PT1S``)."""
    us = _td_us(td)
    if us == 0:
        return "PT0S"
    out = ["-P" if us < 0 else "P"]
    days, us = divmod(abs(us), _US_PER_DAY)
    if days:
        out.append(f"{days}D")
    if us:
        out.append("T")
        hours, us = divmod(us, 3_600_000_000)
        minutes, us = divmod(us, 60_000_000)
        secs, frac = divmod(us, 1_000_000)
        if hours:
            out.append(f"{hours}H")
        if minutes:
            out.append(f"{minutes}M")
        if secs or frac:
            out.append(f"{secs}.{frac:06d}".rstrip("0") + "S" if frac else f"{secs}S")
    return "".join(out)


json_timespan = x_timespan_text


def _parse_duration(s: str) -> timedelta | None:
    m = _DURATION.fullmatch(s)
    if m is not None:
        neg, y, mo, d, h, mi, sec, frac = m.groups()
        if (y or mo or d or h or mi or sec) is None or s[-1] == "T":
            return None
        days = int(y or 0) * 365 + int(mo or 0) * 30 + int(d or 0)
    else:
        m = _CLOCK.fullmatch(s)
        if m is None:
            return None
        neg, d, h, mi, sec, frac = m.groups()
        if int(h) > 23 or int(mi) > 59 or int(sec or 0) > 59:
            return None
        days = int(d or 0)
    secs = ((days * 24 + int(h or 0)) * 60 + int(mi or 0)) * 60 + int(sec or 0)
    us = _ticks_to_us(secs * 10_000_000 + (_frac_ticks(frac) if frac else 0))
    return timedelta(microseconds=-us if neg else us)


def parse_timespan(s: str, path: str, key: Key = None) -> timedelta:
    """Parse xsd:duration (or .NET ``[-][d.]hh:mm:ss[.fffffff]``) into a ``timedelta``."""
    try:
        td = _parse_duration(s)
    except (ValueError, OverflowError):
        td = None
    if td is None:
        raise _bad(path, key, "a duration such as 'PT1H30M' or 'P1DT2H'", s)
    return td


_GUID = re.compile(
    r"[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
    re.ASCII,
)


def json_guid(u: uuid.UUID) -> str:
    """ServiceStack JSON ``Guid``: 32 lowercase hex digits (``N`` format)."""
    return u.hex


def x_guid_text(u: uuid.UUID) -> str:
    """DataContract ``Guid``: ``D`` format (``00000000-0000-0000-0000-000000000000``)."""
    return str(u)


def parse_guid(s: str, path: str, key: Key = None) -> uuid.UUID:
    """Parse a ``Guid`` in ``N`` or ``D`` format (``{D}``/``(D)`` braces tolerated)."""
    inner = s[1:-1] if s[:1] + s[-1:] in ("{}", "()") else s
    if _GUID.fullmatch(inner):
        return uuid.UUID(inner)
    raise _bad(path, key, "a GUID (32 hex digits, optionally 8-4-4-4-12)", s)


def b64(b: bytes) -> str:
    """Base64 text of a ``byte[]`` (standard alphabet, padded)."""
    return base64.b64encode(b).decode("ascii")


x_bytes_text = b64


def parse_b64(s: str, path: str, key: Key = None) -> bytes:
    """Decode base64 text (whitespace tolerated); bad data raises :class:`DecodeError`."""
    try:
        return base64.b64decode(s, validate=True)
    except ValueError:
        pass
    try:
        return base64.b64decode("".join(s.split()), validate=True)
    except ValueError as e:
        raise _bad(path, key, f"base64 data ({e})", s) from e


# ---------------------------------------------------------------------------------------------
# XML: value text


def x_bool_text(b: bool) -> str:
    """``true``/``false``."""
    return "true" if b else "false"


def x_float_text(f: float) -> str:
    """XmlConvert double text: .NET "R" shortest round-trip (``0``, ``1.5``, ``1E+20``),
    ``INF``, ``-INF``, ``NaN``."""
    if math.isfinite(f):
        return _net_r(f)
    if f != f:
        return "NaN"
    return "INF" if f > 0 else "-INF"


def x_decimal_text(d: Decimal) -> str:
    """Exact decimal text without exponent; the scale is kept (``1.10``)."""
    return _dec_text(d)


def x_char_text(c: str) -> str:
    """DataContract ``char``: the character's integer code."""
    return str(ord(c))


# ---------------------------------------------------------------------------------------------
# XML: writing

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _esc_text(s: str) -> str:
    if s.isprintable() and "&" not in s and "<" not in s and ">" not in s:
        return s
    bad = _INVALID_XML.search(s)
    if bad is not None:
        raise ValueError(
            f"character U+{ord(bad.group()):04X} at index {bad.start()} cannot be written to XML 1.0"
        )
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#xD;")


def _esc_attr(s: str) -> str:
    if _INVALID_XML.search(s) is not None:
        raise ValueError(f"attribute value {s!r} contains characters XML 1.0 cannot carry")
    return s.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


_XMLNS_ATTRS: dict[str, str] = {}


def _xmlns_attr(ns: str) -> str:
    """`` xmlns="ns"`` (escaped), cached per namespace."""
    attr = _XMLNS_ATTRS.get(ns)
    if attr is None:
        attr = f' xmlns="{_esc_attr(ns)}"'
        if len(_XMLNS_ATTRS) < 1024:
            _XMLNS_ATTRS[ns] = attr
    return attr


class XmlWriter:
    """DataContractSerializer-shaped XML writer (XmlTextWriter namespace and layout rules).

    Element names get no prefix when their namespace is the in-scope default, a bound
    prefix (``d2p1:Name``) when one is in scope, else their own ``xmlns="..."``.
    """

    __slots__ = ("_default", "_indent", "_parts", "_pre", "_prefix", "_sep", "_seps", "_stack")

    def __init__(self, indent: bool = False) -> None:
        self._indent = indent
        self._parts: list[str] = []
        # frames: (qualified name, enclosing default ns, ns whose prefix to unbind, parent sep)
        self._stack: list[tuple[str, str, str | None, str]] = []
        self._default = ""
        self._prefix: dict[str, str] = {}
        self._seps = ["\n"] if indent else [""]
        # _sep: text before a child of the current element; _pre: text before the next child,
        # ">" + _sep while the current start tag is still open (so `_pre is _sep` = has children).
        self._sep = self._seps[0]
        self._pre = ""

    def start_root(self, name: str, ns: str) -> None:
        """Open the root element with ``xmlns:i`` (XSI) first and the default namespace last."""
        if self._parts:
            raise ValueError("start_root() must be the first call on an XmlWriter")
        self._parts.append(f'<{name} xmlns:i="{NS_XSI}"{_xmlns_attr(ns) if ns else ""}')
        self._push(name, ns, None, 1)
        self._prefix[NS_XSI] = "i"

    def _push(self, q: str, default: str, unbind: str | None, depth: int) -> None:
        self._stack.append((q, self._default, unbind, self._sep))
        self._default = default
        seps = self._seps
        while len(seps) <= depth:
            seps.append("\n" + "  " * len(seps) if self._indent else "")
        self._sep = seps[depth]
        self._pre = ">" + self._sep

    def start(self, name: str, ns: str, declare_ns: str | None = None) -> None:
        """Open a complex element; optionally declare ``declare_ns`` as ``d{depth}p1``."""
        if not self._stack:
            raise ValueError("start() outside the root element; call start_root() first")
        attr = ""
        default = self._default
        if ns == default:
            q = name
        else:
            prefix = self._prefix.get(ns)
            if prefix is not None:
                q = prefix + ":" + name
            else:
                q, attr, default = name, _xmlns_attr(ns), ns
        depth = len(self._stack) + 1
        decl, unbind = "", None
        if declare_ns is not None and declare_ns != default and declare_ns not in self._prefix:
            unbind = declare_ns
            prefix = self._prefix[declare_ns] = f"d{depth}p1"
            decl = f' xmlns:{prefix}="{_esc_attr(declare_ns)}"'
        self._parts.append(f"{self._pre}<{q}{decl}{attr}")
        self._push(q, default, unbind, depth)

    def text(self, name: str, ns: str, value: str) -> None:
        """Write a primitive element ``<name>value</name>`` (``<name />`` for ``""``)."""
        if not self._stack:
            raise ValueError("text() outside the root element; call start_root() first")
        if ns == self._default:
            q = head = name
        else:
            prefix = self._prefix.get(ns)
            if prefix is not None:
                q = head = prefix + ":" + name
            else:
                q, head = name, name + _xmlns_attr(ns)
        if not value:
            self._parts.append(f"{self._pre}<{head} />")
        elif value.isprintable() and "&" not in value and "<" not in value and ">" not in value:
            self._parts.append(f"{self._pre}<{head}>{value}</{q}>")
        else:
            self._parts.append(f"{self._pre}<{head}>{_esc_text(value)}</{q}>")
        self._pre = self._sep

    def nil(self, name: str, ns: str) -> None:
        """Write a null member: ``<name i:nil="true" />`` (a pending ``xmlns`` comes last)."""
        if not self._stack:
            raise ValueError("nil() outside the root element; call start_root() first")
        if ns == self._default:
            head = name + ' i:nil="true"'
        else:
            prefix = self._prefix.get(ns)
            if prefix is not None:
                head = prefix + ":" + name + ' i:nil="true"'
            else:
                head = name + ' i:nil="true"' + _xmlns_attr(ns)
        self._parts.append(f"{self._pre}<{head} />")
        self._pre = self._sep

    def end(self) -> None:
        """Close the innermost open element (``<name />`` when it has no children)."""
        if not self._stack:
            raise ValueError("end() without an open element")
        q, default, unbind, sep = self._stack.pop()
        self._parts.append(" />" if self._pre is not self._sep else f"{sep}</{q}>")
        self._default = default
        if unbind is not None:
            del self._prefix[unbind]
        self._sep = self._pre = sep

    def getvalue(self) -> str:
        """The document text; every element must be closed."""
        if self._stack:
            open_names = ", ".join(frame[0] for frame in self._stack)
            raise ValueError(f"unclosed XML elements: {open_names}")
        return "".join(self._parts)


# ---------------------------------------------------------------------------------------------
# XML: reading

_XML_DECL_ENCODING = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']")


def _xml_text(data: bytes) -> str:
    """Decode an XML document's bytes (BOM, UTF-16 sniffing, declared encoding, else UTF-8)."""
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        enc = "utf-32"
    elif data[:3] == b"\xef\xbb\xbf":
        enc = "utf-8-sig"
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        enc = "utf-16"
    elif data[:2] == b"<\x00":
        enc = "utf-16-le"
    elif data[:2] == b"\x00<":
        enc = "utf-16-be"
    else:
        m = _XML_DECL_ENCODING.match(data)
        enc = m.group(1).decode("ascii") if m else "utf-8"
    try:
        return data.decode(enc)
    except LookupError as e:
        raise DecodeError("/", f"unknown XML encoding {enc!r}") from e
    except UnicodeDecodeError as e:
        raise DecodeError("/", f"invalid {enc} data at byte {e.start}: {e.reason}") from e


def parse_xml(data: str | bytes) -> ET.Element:
    """Parse an XML document; DOCTYPE/ENTITY declarations are refused before parsing."""
    _check_size(data, "/")
    text = _xml_text(bytes(data)) if not isinstance(data, str) else data
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise DecodeError(
            "/",
            "DOCTYPE/entity declarations are not allowed in DTO payloads (entity expansion "
            "attacks); send the document without a <!DOCTYPE ...> block",
        )
    try:
        return ET.fromstring(text)
    except ET.ParseError as e:
        line, col = e.position
        reason = _expat_error(e.code)
        raise DecodeError("/", f"invalid XML at line {line} column {col + 1}: {reason}") from e


def local_name(tag: str) -> str:
    """``Name`` from ``{namespace}Name`` (or ``Name``)."""
    return tag.rpartition("}")[2]


def is_nil(el: ET.Element) -> bool:
    """True for ``i:nil="true"`` (or ``"1"``) elements."""
    v = el.get(XSI_NIL)
    return v is not None and (v == "true" or v == "1")


def _xbad(el: ET.Element, path: str, kind: str) -> DecodeError:
    t = el.text
    got = "an empty element" if not t else _show(t)
    return DecodeError(f"{path}/{local_name(el.tag)}", f"expected {kind}, got {got}")


def x_str(el: ET.Element) -> str:
    """Element text, ``""`` for an empty element."""
    return el.text or ""


def x_int(el: ET.Element, path: str) -> int:
    """xsd integer text (surrounding whitespace and a leading sign allowed)."""
    t = el.text
    if t is not None and t.isascii() and "_" not in t:
        try:
            return int(t)
        except ValueError:
            pass
    raise _xbad(el, path, "an integer")


def x_bool(el: ET.Element, path: str) -> bool:
    """xsd boolean: ``true``/``false``/``1``/``0``."""
    t = (el.text or "").strip()
    if t == "true" or t == "1":
        return True
    if t == "false" or t == "0":
        return False
    raise _xbad(el, path, "true or false")


_XML_FLOAT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
_XML_FLOAT_SPECIAL = {"INF": math.inf, "-INF": -math.inf, "NaN": math.nan}
_XML_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)


def x_float(el: ET.Element, path: str) -> float:
    """xsd double (``INF``, ``-INF``, ``NaN`` included)."""
    t = (el.text or "").strip()
    if _XML_FLOAT.fullmatch(t):
        return float(t)
    special = _XML_FLOAT_SPECIAL.get(t)
    if special is not None:
        return special
    raise _xbad(el, path, "a number")


def x_decimal(el: ET.Element, path: str) -> Decimal:
    """xsd decimal (no exponent), fitted to .NET ``decimal``."""
    t = (el.text or "").strip()
    d = _dec_fit(Decimal(t)) if _XML_DECIMAL.fullmatch(t) else None
    if d is None:
        raise _xbad(el, path, "a decimal number within the .NET decimal range")
    return d


def x_datetime(el: ET.Element, path: str) -> datetime:
    """xsd dateTime (round-trip kind: no offset = naive, ``Z`` = UTC, else fixed offset)."""
    dt = _parse_iso((el.text or "").strip())
    if dt is None:
        raise _xbad(el, path, "an xsd:dateTime such as '2024-01-31T12:00:00Z'")
    return dt


def x_timespan(el: ET.Element, path: str) -> timedelta:
    """xsd duration."""
    try:
        td = _parse_duration((el.text or "").strip())
    except (ValueError, OverflowError):
        td = None
    if td is None:
        raise _xbad(el, path, "a duration such as 'PT1H30M' or 'P1DT2H'")
    return td


def x_guid(el: ET.Element, path: str) -> uuid.UUID:
    """``Guid`` text (``D`` or ``N`` format)."""
    t = (el.text or "").strip()
    if _GUID.fullmatch(t):
        return uuid.UUID(t)
    raise _xbad(el, path, "a GUID (8-4-4-4-12 hex digits)")


def x_bytes(el: ET.Element, path: str) -> bytes:
    """base64 ``byte[]`` (whitespace tolerated; empty element = empty bytes)."""
    try:
        return parse_b64(el.text or "", path)
    except DecodeError:
        raise _xbad(el, path, "base64 data") from None


def x_char(el: ET.Element, path: str) -> str:
    """DataContract ``char``: an integer code 0-65535 (surrogates refused)."""
    t = el.text
    if t is not None and t.isascii() and "_" not in t:
        try:
            code = int(t)
        except ValueError:
            code = -1
        if 0 <= code <= 0xFFFF and not 0xD800 <= code <= 0xDFFF:
            return chr(code)
    raise _xbad(el, path, "a character code (0-65535)")


def x_enum(enum_cls: type[E], el: ET.Element, path: str) -> E:
    """The member of ``enum_cls`` whose value is the element text (surrounding space ignored)."""
    t = el.text or ""
    stripped = t.strip()
    member = _enum_lookup(enum_cls, t, call=t == stripped)
    if member is None and t != stripped:
        member = _enum_lookup(enum_cls, stripped)
    if member is None:
        raise _xbad(el, path, _enum_kind(enum_cls))
    return member


# ---------------------------------------------------------------------------------------------
# Helpers for generated code (paths, nested objects, dictionaries, open enums)


def at(path: str, key: Key) -> str:
    """Child JSON path: ``path.key`` for a member name, ``path[i]`` for an index."""
    return _jp(path, key)


def xpath(path: str, el: ET.Element, index: int | None = None) -> str:
    """Child XML path ``path/LocalName`` (``path/LocalName[index]`` when an index is given)."""
    name = local_name(el.tag)
    return f"{path}/{name}" if index is None else f"{path}/{name}[{index}]"


def write_object(w: XmlWriter, name: str, ns: str, declare_ns: str | None, v: Dto | None) -> None:
    """Write a nested DTO member: ``i:nil`` for None, else its element and members."""
    if v is None:
        w.nil(name, ns)
    else:
        w.start(name, ns, declare_ns)
        v._write_xml(w)
        w.end()


_ARRAYS_KEY = f"{{{NS_ARRAYS}}}Key"
_ARRAYS_VALUE = f"{{{NS_ARRAYS}}}Value"


def key_value(item: ET.Element, path: str) -> tuple[ET.Element, ET.Element]:
    """The ``<Key>`` and ``<Value>`` children of a ``KeyValueOf...`` dictionary item."""
    if len(item) == 2:
        key, value = item[0], item[1]
        if key.tag == _ARRAYS_KEY and value.tag == _ARRAYS_VALUE and value.get(XSI_NIL) is None:
            return key, value
        if local_name(key.tag) == "Key" and local_name(value.tag) == "Value":
            if is_nil(value):
                raise DecodeError(xpath(path, item), "null dictionary values are not supported")
            return key, value
    got = ", ".join(f"<{local_name(c.tag)}>" for c in item) or "no children"
    raise DecodeError(xpath(path, item), f"expected <Key> then <Value>, got {got}")


def x_text_dict(el: ET.Element, path: str) -> dict[str, str]:
    """A ``Dictionary<string, string>`` element: its ``KeyValueOfstringstring`` items."""
    out: dict[str, str] = {}
    for item in el:
        if len(item) == 2:
            key, value = item[0], item[1]
            if key.tag == _ARRAYS_KEY and value.tag == _ARRAYS_VALUE and value.get(XSI_NIL) is None:
                out[key.text or ""] = value.text or ""
                continue
        key, value = key_value(item, path)
        out[key.text or ""] = value.text or ""
    return out


def check_item(item: ET.Element, path: str) -> None:
    """Collection items must carry a value: ``i:nil`` items are refused (lists are ``list[T]``)."""
    if is_nil(item):
        raise DecodeError(xpath(path, item), "null collection items are not supported")


def open_enum_member(cls: type[E], value: object) -> E | None:
    """``_missing_`` body for open ``(str, Enum)`` enums: unknown strings become pseudo-members
    (not cached, not iterated); non-strings are refused."""
    if not isinstance(value, str):
        return None
    member: Any = str.__new__(cast(Any, cls), value)
    member._name_ = value
    member._value_ = value
    return cast(E, member)


def j_key_int(k: str, path: str) -> int:
    """A JSON object key holding an integer (``Dictionary<int, T>`` is ``{"0": ...}``)."""
    if k.isascii() and "_" not in k and k.strip() == k:
        try:
            return int(k)
        except ValueError:
            pass
    raise DecodeError(_jp(path, k), f"expected an integer key, got {_show(k)}")


# Named j_key_<.NET type name>, the name the generator emits.
def j_key_Guid(k: str, path: str) -> uuid.UUID:
    """A JSON object key holding a ``Guid`` (``N`` or ``D`` format)."""
    return parse_guid(k, path, k)


j_key_long = j_key_short = j_key_byte = j_key_sbyte = j_key_int
j_key_ushort = j_key_uint = j_key_ulong = j_key_int


# ---------------------------------------------------------------------------------------------
# .NET integer widths, DateTimeOffset, [Flags] enums (JSON and XML)

#: .NET integer types by CLR name: (minimum, maximum). Decoders refuse values outside.
INT_RANGES: dict[str, tuple[int, int]] = {
    "SByte": (-(2**7), 2**7 - 1),
    "Byte": (0, 2**8 - 1),
    "Int16": (-(2**15), 2**15 - 1),
    "UInt16": (0, 2**16 - 1),
    "Int32": (-(2**31), 2**31 - 1),
    "UInt32": (0, 2**32 - 1),
    "Int64": (-(2**63), 2**63 - 1),
    "UInt64": (0, 2**64 - 1),
}
NS_SYSTEM = "http://schemas.datacontract.org/2004/07/System"
JsonInt = Callable[[Any, str, Key], int]
XmlInt = Callable[[ET.Element, str], int]
FlagTable = tuple[tuple[str, int], ...]


def int_text(t: str) -> int | None:
    """The integer an ASCII ``[+-]digits`` text spells, else None (no ``_``, no spaces)."""
    if t and t.isascii() and "_" not in t and t.strip() == t:
        try:
            return int(t)
        except ValueError:
            return None
    return None


def int_range_kind(kind: str) -> str:
    """``an integer in the Int16 range (-32768 to 32767)``: the expectation decoders report."""
    lo, hi = INT_RANGES[kind]
    return f"an integer in the {kind} range ({lo} to {hi})"


def _int_codecs(kind: str) -> tuple[JsonInt, XmlInt]:
    lo, hi = INT_RANGES[kind]
    what = int_range_kind(kind)

    def j(v: Any, path: str, key: Key = None) -> int:
        if isinstance(v, int) and not isinstance(v, bool):
            if lo <= v <= hi:
                return int(v)
            raise _bad(path, key, what, v)
        raise _bad(path, key, "an integer", v)

    def x(el: ET.Element, path: str) -> int:
        n = int_text((el.text or "").strip())
        if n is not None and lo <= n <= hi:
            return n
        raise _xbad(el, path, what)

    j.__doc__ = f"JSON ``{kind}``: an integer from {lo} to {hi}."
    x.__doc__ = f"XML ``{kind}``: integer text from {lo} to {hi}."
    return j, x


j_SByte, x_SByte = _int_codecs("SByte")
j_Byte, x_Byte = _int_codecs("Byte")
j_Int16, x_Int16 = _int_codecs("Int16")
j_UInt16, x_UInt16 = _int_codecs("UInt16")
j_Int32, x_Int32 = _int_codecs("Int32")
j_UInt32, x_UInt32 = _int_codecs("UInt32")
j_Int64, x_Int64 = _int_codecs("Int64")
j_UInt64, x_UInt64 = _int_codecs("UInt64")


def iso_datetime(dt: datetime, utc_z: bool = True) -> str:
    """``yyyy-MM-ddTHH:mm:ss[.fffffff]`` plus ``Z`` (UTC, when ``utc_z``) or ``+hh:mm``."""
    s = dt.replace(tzinfo=None).isoformat(timespec="seconds")
    if dt.microsecond:
        s += f".{dt.microsecond:06d}0"
    off = dt.utcoffset()
    if off is None:
        return s
    if not off and utc_z:
        return s + "Z"
    minutes = _offset_minutes(dt, off)
    hh, mm = divmod(abs(minutes), 60)
    return f"{s}{'-' if minutes < 0 else '+'}{hh:02d}:{mm:02d}"


def json_dt(dt: datetime) -> str:
    """ServiceStack JSON ``DateTime`` without loss: ``/Date(ms[+-hhmm])/`` when the value has
    whole milliseconds (as ServiceStack writes it), else ISO 8601 with seven fractional digits
    (ServiceStack reads both)."""
    if dt.microsecond % 1000 == 0:
        return json_datetime(dt)
    return iso_datetime(dt)


def as_offset(dt: datetime) -> datetime:
    """A ``DateTimeOffset`` value: aware ``dt`` unchanged, naive ``dt`` taken as UTC."""
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def json_dto(dt: datetime) -> str:
    """JSON ``DateTimeOffset``: as :func:`json_dt` (offset written only when not zero)."""
    return json_dt(as_offset(dt))


def j_datetimeoffset(v: Any, path: str, key: Key = None) -> datetime:
    """JSON ``DateTimeOffset``: a date/time string; the result is always aware (UTC if unzoned)."""
    return as_offset(j_datetime(v, path, key))


def jsonnet_dto(dt: datetime) -> str:
    """Json.NET ``DateTimeOffset``: ``yyyy-MM-ddTHH:mm:ss[.FFFFFFF]+hh:mm`` (offset always written)."""
    aware = as_offset(dt)
    text = x_datetime_text(aware)
    return text[:-1] + "+00:00" if text.endswith("Z") else text


def clock_timespan(td: timedelta) -> str:
    """.NET ``TimeSpan.ToString()`` (Json.NET): ``[-][d.]hh:mm:ss[.fffffff]``."""
    us = _td_us(td)
    sign = "-" if us < 0 else ""
    days, us = divmod(abs(us), _US_PER_DAY)
    secs, frac = divmod(us, 1_000_000)
    hh, rest = divmod(secs, 3600)
    mm, ss = divmod(rest, 60)
    text = f"{sign}{f'{days}.' if days else ''}{hh:02d}:{mm:02d}:{ss:02d}"
    return text + f".{frac:06d}0" if frac else text


def write_datetimeoffset(
    w: XmlWriter, name: str, ns: str, declare_ns: str | None, v: datetime
) -> None:
    """DataContract ``DateTimeOffset``: ``<DateTime>`` (the UTC instant, ``Z``) then
    ``<OffsetMinutes>``, both in the ``System`` namespace."""
    dt = as_offset(v)
    off = dt.utcoffset() or timedelta(0)
    minutes = _offset_minutes(dt, off)
    try:
        utc = (dt.replace(tzinfo=None) - off).replace(tzinfo=UTC)
    except OverflowError:
        raise ValueError(f"{dt!r} is outside the years 1-9999 in UTC") from None
    w.start(name, ns, declare_ns)
    w.text("DateTime", NS_SYSTEM, x_datetime_text(utc))
    w.text("OffsetMinutes", NS_SYSTEM, str(minutes))
    w.end()


def x_datetimeoffset(el: ET.Element, path: str) -> datetime:
    """DataContract ``DateTimeOffset`` (``<DateTime>`` + ``<OffsetMinutes>``) as an aware value."""
    here = xpath(path, el)
    parts = {local_name(c.tag): c for c in el}
    dt_el, off_el = parts.get("DateTime"), parts.get("OffsetMinutes")
    if dt_el is None or off_el is None or len(el) != 2:
        got = ", ".join(f"<{local_name(c.tag)}>" for c in el) or "no children"
        raise DecodeError(here, f"expected <DateTime> and <OffsetMinutes>, got {got}")
    utc = as_offset(x_datetime(dt_el, here))
    minutes = x_Int16(off_el, here)
    if abs(minutes) > 14 * 60:
        raise _xbad(off_el, here, "an offset of at most 840 minutes")
    try:
        return utc.astimezone(_tz(minutes))
    except OverflowError:
        raise _xbad(dt_el, here, "a date/time that stays within years 1-9999") from None


def flags_text(value: int, table: FlagTable) -> str:
    """DataContract text of a ``[Flags]`` value: the member for an exact match, else the members
    it combines (declaration order, greedy) joined by single spaces; ``table`` is (wire, value)."""
    v = int(value)
    for name, n in table:
        if n == v:
            return name
    parts: list[str] = []
    zero: str | None = None
    rest = v
    for name, n in table:
        if n == 0:
            zero = name
            continue
        if rest == 0:
            break
        if n & rest == n:
            parts.append(name)
            rest &= ~n
    if rest:
        raise ValueError(f"{v} is not a combination of the [Flags] members {table!r}")
    if not parts and zero is not None:
        return zero
    return " ".join(parts)


def x_flags(enum_cls: type[E], table: FlagTable, el: ET.Element, path: str) -> E:
    """A ``[Flags]`` enum from DataContract text (member names separated by spaces)."""
    names = dict(table)
    total = 0
    for word in (el.text or "").split():
        n = names.get(word)
        if n is None:
            raise _xbad(el, path, f"{enum_cls.__name__} member names separated by spaces")
        total |= n
    return enum_cls(total)


def j_flags(enum_cls: type[E], v: Any, path: str, key: Key = None) -> E:
    """A ``[Flags]`` enum from its JSON number (ServiceStack writes flags as integers)."""
    if isinstance(v, int) and not isinstance(v, bool):
        return enum_cls(v)
    raise _bad(path, key, f"an integer ({enum_cls.__name__} flags)", v)


def pair_parts(el: ET.Element, path: str) -> tuple[ET.Element, ET.Element]:
    """The ``<key>`` and ``<value>`` children of a ``KeyValuePairOf...`` element (both set)."""
    here = xpath(path, el)
    if len(el) == 2:
        key, value = el[0], el[1]
        if local_name(key.tag) == "key" and local_name(value.tag) == "value":
            if is_nil(key) or is_nil(value):
                raise DecodeError(here, "null KeyValuePair members are not supported")
            return key, value
    got = ", ".join(f"<{local_name(c.tag)}>" for c in el) or "no children"
    raise DecodeError(here, f"expected <key> then <value>, got {got}")


def j_pair(v: Any, path: str) -> tuple[Any, Any]:
    """The ``key`` and ``value`` members of a JSON ``KeyValuePair`` (``Key``/``Value`` too)."""
    d = j_object(v, path)
    key = d.get("key", d.get("Key"))
    value = d.get("value", d.get("Value"))
    if key is None or value is None:
        raise DecodeError(path, "expected a KeyValuePair object with 'key' and 'value'")
    return key, value


# ---------------------------------------------------------------------------------------------
# Base class


class Dto:
    """Base of generated DTO dataclasses: JSON and DataContract-XML entry points.

    Subclasses implement ``to_dict``/``from_dict`` (JSON) and ``_write_xml``/``_read_xml``
    (XML) and set the ClassVars ``_xml_name`` and ``_xml_ns`` (data contract name/namespace).
    """

    __slots__ = ()
    _xml_name: ClassVar[str] = ""
    _xml_ns: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object for this DTO (wire names, .NET value formats)."""
        raise TypeError(f"{type(self).__name__} does not implement to_dict() (no JSON codec)")

    @classmethod
    def from_dict(cls, data: Any, path: str = "$") -> Self:
        """Build an instance from a parsed JSON object; errors name the JSON path."""
        raise TypeError(f"{cls.__name__} does not implement from_dict() (no JSON codec)")

    def _write_xml(self, w: XmlWriter) -> None:
        raise TypeError(f"{type(self).__name__} has no XML codec (_write_xml not generated)")

    @classmethod
    def _read_xml(cls, el: ET.Element, path: str) -> Self:
        raise TypeError(f"{cls.__name__} has no XML codec (_read_xml not generated)")

    def _json_text(self) -> str:
        """Compact JSON text of this DTO: generated per class; here, that of ``to_dict()``."""
        return jt_any(self.to_dict())

    def to_json(self, *, indent: int | None = None) -> str:
        """Serialize to ServiceStack JSON (compact, or Json.NET-style indented)."""
        if indent is None:
            try:
                text = self._json_text()
            except Exception:  # e.g. a mistyped member: json_dumps writes or reports it
                pass
            else:
                return _escape_wcf_dates(text)
        return json_dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Self:
        """Parse ServiceStack JSON into an instance; errors raise :class:`DecodeError`."""
        value = json_loads(data, exact=True)
        try:
            return cls.from_dict(value, "$")
        except RecursionError:
            raise _too_deep("$") from None

    def to_xml(self, *, indent: bool = False) -> str:
        """Serialize to DataContract XML (compact, or indented like the metadata pages)."""
        cls = type(self)
        if not cls._xml_name:
            raise TypeError(f"{cls.__name__} has no XML codec (_xml_name is not set)")
        w = XmlWriter(indent)
        w.start_root(cls._xml_name, cls._xml_ns)
        self._write_xml(w)
        w.end()
        return w.getvalue()

    @classmethod
    def from_xml(cls, data: str | bytes) -> Self:
        """Parse DataContract XML into an instance; errors raise :class:`DecodeError`."""
        if not cls._xml_name:
            raise TypeError(f"{cls.__name__} has no XML codec (_xml_name is not set)")
        root = parse_xml(data)
        name, ns = cls._xml_name, cls._xml_ns
        if root.tag != ("{" + ns + "}" + name if ns else name):
            got_ns = root.tag[1:].partition("}")[0] if root.tag[:1] == "{" else ""
            got = local_name(root.tag)
            if got == name:
                hint = "the contract namespace differs; regenerate the DTOs from the service"
            else:
                hint = f"this is not a {name} document (an error page or another operation?)"
            raise DecodeError(
                "/",
                f"expected root element <{name}> in namespace '{ns}', got <{got}> in "
                f"namespace '{got_ns}': {hint}",
            )
        try:
            return cls._read_xml(root, "/" + name)
        except RecursionError:
            raise _too_deep("/" + name) from None
