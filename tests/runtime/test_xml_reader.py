"""parse_xml (DOCTYPE refusal, encodings, errors) and the x_* value readers."""

from __future__ import annotations

import enum
import sys
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

rt: Any = sys.modules["_runtime"]

SS = "http://schemas.servicestack.net/types"
PARENT = "/GetAccessTokenResponse/ResponseStatus/Errors/ResponseError[2]"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>"""


def el(text: str | None, tag: str = "{" + SS + "}Message") -> ET.Element:
    e = ET.Element(tag)
    e.text = text
    return e


def decode_error(call: Callable[[], object]) -> Any:
    with pytest.raises(rt.DecodeError) as info:
        call()
    return info.value


# --- parse_xml -------------------------------------------------------------------------------


def test_parses_page_sample(page_text: Callable[[str, str, str], str]) -> None:
    text = page_text(
        "myapp/GetAccessToken.txt", "<GetAccessTokenResponse xmlns:i=", "</GetAccessTokenResponse>"
    )
    root = rt.parse_xml(text)
    assert root.tag == "{" + SS + "}GetAccessTokenResponse"
    assert [rt.local_name(c.tag) for c in root] == ["AccessToken", "Meta", "ResponseStatus"]
    meta = root[1]
    kv = meta[0]
    assert (
        kv.tag
        == "{http://schemas.microsoft.com/2003/10/Serialization/Arrays}KeyValueOfstringstring"
    )
    assert [rt.x_str(c) for c in kv] == ["String", "String"]
    assert rt.parse_xml(text.encode("utf-8")).tag == root.tag


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        BILLION_LAUGHS.encode("utf-8"),
        BILLION_LAUGHS.encode("utf-16"),
        BILLION_LAUGHS.replace("utf", "").encode("utf-16-le"),
        b'<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>',
    ],
)
def test_doctype_and_entities_are_refused(data: str | bytes) -> None:
    err = decode_error(lambda: rt.parse_xml(data))
    assert err.path == "/"
    assert err.message.startswith("DOCTYPE/entity declarations are not allowed")


def test_doctype_in_a_single_byte_encoding_is_refused() -> None:
    data = b'<?xml version="1.0" encoding="cp037"?>' + "<!DOCTYPE a><a/>".encode("cp037")
    err = decode_error(lambda: rt.parse_xml(data))
    assert err.message.startswith("DOCTYPE/entity declarations are not allowed")


def test_malformed_xml_reports_position() -> None:
    err = decode_error(lambda: rt.parse_xml("<a>\n<b></a>"))
    assert str(err) == "/: invalid XML at line 2 column 6: mismatched tag"
    err = decode_error(lambda: rt.parse_xml(""))
    assert str(err) == "/: invalid XML at line 1 column 1: no element found"
    err = decode_error(lambda: rt.parse_xml("<a>&undefined;</a>"))
    assert str(err) == "/: invalid XML at line 1 column 4: undefined entity"


def test_encodings() -> None:
    assert rt.parse_xml("\ufeff<a>\u00e9</a>").text == "\u00e9"
    assert rt.parse_xml(b"\xef\xbb\xbf<a>\xc3\xa9</a>").text == "\u00e9"
    assert rt.parse_xml("<a>\u00e9</a>".encode("utf-16")).text == "\u00e9"
    assert rt.parse_xml("<a>\u00e9</a>".encode("utf-16-be")).text == "\u00e9"
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?><a>\u00e9</a>'.encode("latin-1")
    assert rt.parse_xml(latin).text == "\u00e9"
    err = decode_error(lambda: rt.parse_xml(b'<?xml version="1.0" encoding="nope-42"?><a/>'))
    assert str(err) == "/: unknown XML encoding 'nope-42'"
    err = decode_error(lambda: rt.parse_xml(b"<a>\xff</a>"))
    assert str(err) == "/: invalid utf-8 data at byte 3: invalid start byte"


def test_nil_and_names() -> None:
    root = rt.parse_xml(
        f'<R xmlns:i="{rt.NS_XSI}"><A i:nil="true" /><B i:nil="1"/><C i:nil="false"/><D/></R>'
    )
    assert [rt.is_nil(c) for c in root] == [True, True, False, False]
    assert rt.XSI_NIL == "{http://www.w3.org/2001/XMLSchema-instance}nil"
    assert rt.local_name("{urn:x}Name") == "Name"
    assert rt.local_name("Name") == "Name"
    assert rt.NS_ARRAYS == "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
    assert rt.NS_SERVICESTACK == "http://schemas.servicestack.net/types"


# --- value readers ---------------------------------------------------------------------------


def test_x_str() -> None:
    assert rt.x_str(el(None)) == ""
    assert rt.x_str(el("  a b  ")) == "  a b  "
    assert rt.x_str(rt.parse_xml("<a>x&amp;<![CDATA[<y>]]>&#xD;</a>")) == "x&<y>\r"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        (" 12\n", 12),
        ("+5", 5),
        ("-9223372036854775808", -(2**63)),
        ("18446744073709551615", 2**64 - 1),
    ],
)
def test_x_int(text: str, value: int) -> None:
    assert rt.x_int(el(text), PARENT) == value


@pytest.mark.parametrize("text", [None, "", "1_000", "12a", "1.0", "\u0661\u0662", "0x10"])
def test_x_int_errors_name_the_element_path(text: str | None) -> None:
    err = decode_error(lambda: rt.x_int(el(text), PARENT))
    assert err.path == PARENT + "/Message"
    got = "an empty element" if not text else repr(text)
    assert err.message == f"expected an integer, got {got}"


def test_x_bool() -> None:
    assert [rt.x_bool(el(t), "/R") for t in ["true", " false ", "1", "0"]] == [
        True,
        False,
        True,
        False,
    ]
    err = decode_error(lambda: rt.x_bool(el("True"), "/R"))
    assert str(err) == "/R/Message: expected true or false, got 'True'"


def test_x_float() -> None:
    assert rt.x_float(el("1.5"), "/R") == 1.5
    assert rt.x_float(el(" -1E+20 "), "/R") == -1e20
    assert rt.x_float(el(".5"), "/R") == 0.5
    assert rt.x_float(el("5."), "/R") == 5.0
    assert rt.x_float(el("INF"), "/R") == float("inf")
    assert rt.x_float(el("-INF"), "/R") == float("-inf")
    nan = rt.x_float(el("NaN"), "/R")
    assert nan != nan
    for bad in ["inf", "nan", "Infinity", "1_0", "0x1p3", "", "1e"]:
        with pytest.raises(rt.DecodeError, match="expected a number"):
            rt.x_float(el(bad), "/R")


def test_x_decimal() -> None:
    d = rt.x_decimal(el(" 1.10 "), "/R")
    assert d == Decimal("1.10") and d.as_tuple().exponent == -2
    assert rt.x_decimal(el("-0.000"), "/R").as_tuple() == Decimal("-0.000").as_tuple()
    big = "79228162514264337593543950335"
    assert rt.x_decimal(el(big), "/R") == Decimal(big)
    tiny = rt.x_decimal(el("0.00000000000000000000000000015"), "/R")  # 29 digits: rounded
    assert tiny.as_tuple() == Decimal("0.0000000000000000000000000002").as_tuple()
    for bad in ["1e5", "NaN", "Infinity", "79228162514264337593543950336", "1_0", ""]:
        with pytest.raises(rt.DecodeError, match="expected a decimal number within"):
            rt.x_decimal(el(bad), "/R")


def test_x_datetime() -> None:
    assert rt.x_datetime(el("0001-01-01T00:00:00"), "/R") == datetime(1, 1, 1)
    utc = rt.x_datetime(el("2024-01-31T12:00:00.5Z"), "/R")
    assert utc == datetime(2024, 1, 31, 12, 0, 0, 500000, tzinfo=UTC)
    off = rt.x_datetime(el("2024-01-31T12:00:00.1234567-03:30"), "/R")
    assert off.microsecond == 123457
    assert off.utcoffset() == timedelta(hours=-3, minutes=-30)
    err = decode_error(lambda: rt.x_datetime(el("2024-02-30T00:00:00"), "/R"))
    assert err.path == "/R/Message"
    assert err.message.startswith("expected an xsd:dateTime")


def test_x_timespan_guid_bytes_char() -> None:
    assert rt.x_timespan(el(" P1DT1H "), "/R") == timedelta(hours=25)
    with pytest.raises(rt.DecodeError, match="expected a duration"):
        rt.x_timespan(el("PT"), "/R")
    g = uuid.UUID("12345678-9abc-def0-1234-56789abcdef0")
    assert rt.x_guid(el("12345678-9ABC-DEF0-1234-56789ABCDEF0"), "/R") == g
    assert rt.x_guid(el("123456789abcdef0123456789abcdef0"), "/R") == g
    with pytest.raises(rt.DecodeError, match="expected a GUID"):
        rt.x_guid(el("1234-5678"), "/R")
    assert rt.x_bytes(el("AA=="), "/R") == b"\x00"
    assert rt.x_bytes(el(None), "/R") == b""
    err = decode_error(lambda: rt.x_bytes(el("A"), "/R"))
    assert str(err) == "/R/Message: expected base64 data, got 'A'"
    assert rt.x_char(el("0"), "/R") == "\x00"
    assert rt.x_char(el("65"), "/R") == "A"
    assert rt.x_char(el("65535"), "/R") == "\uffff"
    for bad in ["65536", "55296", "-1", "A", ""]:
        with pytest.raises(rt.DecodeError, match=r"expected a character code \(0-65535\)"):
            rt.x_char(el(bad), "/R")


class GrantType(enum.Enum):
    AUTHORIZATION_CODE = "authorization_code"
    REFRESH_TOKEN = "refresh_token"


def test_x_enum() -> None:
    assert rt.x_enum(GrantType, el("refresh_token"), "/R") is GrantType.REFRESH_TOKEN
    assert rt.x_enum(GrantType, el(" refresh_token\n"), "/R") is GrantType.REFRESH_TOKEN
    err = decode_error(lambda: rt.x_enum(GrantType, el("password"), "/R"))
    assert str(err) == (
        "/R/Message: expected one of 'authorization_code', 'refresh_token' (GrantType), "
        "got 'password'"
    )
