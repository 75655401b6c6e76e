""".NET value formats: DateTime, TimeSpan, Guid, byte[], char, decimal (JSON and XML text)."""

from __future__ import annotations

import functools
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

rt: Any = sys.modules["_runtime"]
UTC = UTC


def tz(minutes: int) -> timezone:
    return timezone(timedelta(minutes=minutes))


def decode_error(call: Callable[[], object]) -> Any:
    with pytest.raises(rt.DecodeError) as info:
        call()
    return info.value


# --- DateTime --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dt", "text"),
    [
        (datetime(1, 1, 1), "/Date(-62135596800000-0000)/"),  # DateTime.MinValue, page sample
        (datetime(1970, 1, 1, tzinfo=UTC), "/Date(0)/"),
        (datetime(2020, 1, 2, 3, 4, 5, 678000, tzinfo=UTC), "/Date(1577934245678)/"),
        (datetime(2020, 1, 2, 4, 4, 5, 678000, tzinfo=tz(60)), "/Date(1577934245678+0100)/"),
        (datetime(2020, 1, 1, 21, 34, 5, tzinfo=tz(-330)), "/Date(1577934245000-0530)/"),
        (datetime(1970, 1, 1, 0, 0, 0, 999), "/Date(0-0000)/"),  # sub-ms truncated
        (datetime(1969, 12, 31, 23, 59, 59, 999999), "/Date(0-0000)/"),  # toward zero
        (datetime(1969, 12, 31, 23, 59, 59, 998000), "/Date(-2-0000)/"),
        (datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), "/Date(253402300799999)/"),
    ],
)
def test_json_datetime(dt: datetime, text: str) -> None:
    assert rt.json_datetime(dt) == text


def test_json_datetime_refuses_offsets_with_seconds() -> None:
    with pytest.raises(ValueError, match="whole minutes"):
        rt.json_datetime(datetime(2020, 1, 1, tzinfo=timezone(timedelta(seconds=30))))
    with pytest.raises(ValueError, match="whole minutes"):
        rt.x_datetime_text(datetime(2020, 1, 1, tzinfo=timezone(timedelta(seconds=-90))))


@pytest.mark.parametrize(
    ("text", "dt"),
    [
        ("/Date(-62135596800000-0000)/", datetime(1, 1, 1)),
        ("\\/Date(-62135596800000-0000)\\/", datetime(1, 1, 1)),
        ("/Date(0)/", datetime(1970, 1, 1, tzinfo=UTC)),
        ("/Date(0+0000)/", datetime(1970, 1, 1, tzinfo=UTC)),
        ("/Date(1577934245678+0100)/", datetime(2020, 1, 2, 4, 4, 5, 678000, tzinfo=tz(60))),
        ("/Date(1577934245000-0530)/", datetime(2020, 1, 1, 21, 34, 5, tzinfo=tz(-330))),
        ("2024-01-31T12:00:00Z", datetime(2024, 1, 31, 12, tzinfo=UTC)),
        ("2024-01-31T12:00:00", datetime(2024, 1, 31, 12)),
        ("2024-01-31", datetime(2024, 1, 31)),
        ("2024-01-31T12:00", datetime(2024, 1, 31, 12)),
        ("2024-01-31T12:00:00.1Z", datetime(2024, 1, 31, 12, 0, 0, 100000, tzinfo=UTC)),
        ("2024-01-31T12:00:00.1234567+05:30", datetime(2024, 1, 31, 12, 0, 0, 123457, tz(330))),
        ("2024-01-31T12:00:00.1234565-0300", datetime(2024, 1, 31, 12, 0, 0, 123456, tz(-180))),
        ("2024-01-31T12:00:00.1234575+01", datetime(2024, 1, 31, 12, 0, 0, 123458, tz(60))),
        ("2024-01-31T12:00:00.123456789Z", datetime(2024, 1, 31, 12, 0, 0, 123457, tzinfo=UTC)),
        ("2024-12-31T23:59:59.9999995", datetime(2025, 1, 1)),  # half-even carries
        ("2024-12-31T23:59:59.9999985", datetime(2024, 12, 31, 23, 59, 59, 999998)),
        ("0001-01-01T00:00:00.0000000+00:00", datetime(1, 1, 1, tzinfo=UTC)),
    ],
)
def test_parse_json_datetime(text: str, dt: datetime) -> None:
    got = rt.parse_json_datetime(text, "$")
    assert got == dt
    assert got.utcoffset() == dt.utcoffset()
    assert rt.j_datetime(text, "$", "when") == dt


@pytest.mark.parametrize(
    "text",
    [
        "yesterday",
        "",
        "/Date()/",
        "/Date(abc)/",
        "/Date(1+01)/",
        "/Date(999999999999999999)/",
        "/Date(-62135596800000-0100)/",
        "2024-13-01T00:00:00",
        "2024-02-30",
        "2024-01-31T24:00:00",
        "2024-01-31T12:00:00+24:00",
        "2024-01-31T12:00:00.Z",
        "9999-12-31T23:59:59.9999999",
        "\u0662024-01-01",
    ],
)
def test_parse_json_datetime_errors(text: str) -> None:
    err = decode_error(lambda: rt.parse_json_datetime(text, "$.a", "b"))
    assert err.path == "$.a.b"
    assert err.message == f"expected a date/time ('/Date(ms)/' or ISO 8601), got {text!r}"


@pytest.mark.parametrize(
    ("dt", "text"),
    [
        (datetime(1, 1, 1), "0001-01-01T00:00:00"),
        (datetime(1, 1, 1, tzinfo=UTC), "0001-01-01T00:00:00Z"),
        (datetime(2024, 1, 31, 12, 0, 0, 500000), "2024-01-31T12:00:00.5"),
        (datetime(2024, 1, 31, 12, 0, 0, 123456, tzinfo=UTC), "2024-01-31T12:00:00.123456Z"),
        (datetime(2024, 1, 31, 12, 0, 0, 10, tz(330)), "2024-01-31T12:00:00.00001+05:30"),
        (datetime(2024, 1, 31, 12, tzinfo=tz(-180)), "2024-01-31T12:00:00-03:00"),
        (datetime(9999, 12, 31, 23, 59, 59, 999999), "9999-12-31T23:59:59.999999"),
    ],
)
def test_x_datetime_text(dt: datetime, text: str) -> None:
    assert rt.x_datetime_text(dt) == text


# --- TimeSpan --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("td", "text"),
    [
        (timedelta(0), "PT0S"),
        (timedelta(hours=25), "P1DT1H"),
        (timedelta(seconds=-1), "-PT1S"),
        (timedelta(days=1, hours=2), "P1DT2H"),
        (timedelta(days=1), "P1D"),
        (timedelta(days=1, milliseconds=500), "P1DT0.5S"),
        (timedelta(hours=1, minutes=2, seconds=3, microseconds=123456), "PT1H2M3.123456S"),
        (timedelta(microseconds=100000), "PT0.1S"),
        (timedelta(microseconds=1), "PT0.000001S"),
        (timedelta(minutes=-90), "-PT1H30M"),
        (timedelta.max, "P999999999DT23H59M59.999999S"),
        (timedelta.min, "-P999999999D"),
    ],
)
def test_timespan_text(td: timedelta, text: str) -> None:
    assert rt.x_timespan_text(td) == text
    assert rt.json_timespan(td) == text
    assert rt.parse_timespan(text, "$") == td


@pytest.mark.parametrize(
    ("text", "td"),
    [
        ("PT1H2M3.1234567S", timedelta(hours=1, minutes=2, seconds=3, microseconds=123457)),
        ("PT0.0000005S", timedelta(0)),  # half-even: 0.5 us -> 0
        ("PT0.0000015S", timedelta(microseconds=2)),  # 1.5 us -> 2
        ("PT0.0000025S", timedelta(microseconds=2)),  # 2.5 us -> 2
        ("PT1.123456789S", timedelta(seconds=1, microseconds=123457)),  # 8th+ digits ignored
        ("-PT0.0000005S", timedelta(0)),
        ("P1Y", timedelta(days=365)),
        ("P1M", timedelta(days=30)),
        ("PT36H", timedelta(hours=36)),
        ("P0D", timedelta(0)),
        ("1.02:03:04.5", timedelta(days=1, hours=2, minutes=3, seconds=4.5)),
        ("-00:00:01", timedelta(seconds=-1)),
        ("12:30", timedelta(hours=12, minutes=30)),
    ],
)
def test_parse_timespan(text: str, td: timedelta) -> None:
    assert rt.parse_timespan(text, "$") == td
    assert rt.j_timespan(text, "$") == td


@pytest.mark.parametrize(
    "text", ["", "P", "PT", "P1H", "PT1D", "PT25", "1 day", "P-1D", "PT1.S", "24:00:00", "P1DT"]
)
def test_parse_timespan_errors(text: str) -> None:
    err = decode_error(lambda: rt.parse_timespan(text, "$.ttl"))
    assert str(err) == f"$.ttl: expected a duration such as 'PT1H30M' or 'P1DT2H', got {text!r}"


def test_parse_timespan_overflow_is_a_decode_error() -> None:
    with pytest.raises(rt.DecodeError, match="expected a duration"):
        rt.parse_timespan("P9999999999D", "$")
    with pytest.raises(rt.DecodeError, match="expected a duration"):
        rt.parse_timespan("PT" + "9" * 5000 + "S", "$")


# --- Guid, byte[], char ------------------------------------------------------------------------

G = uuid.UUID("12345678-9abc-def0-1234-56789abcdef0")


def test_guid() -> None:
    assert rt.json_guid(uuid.UUID(int=0)) == "0" * 32
    assert rt.json_guid(G) == "123456789abcdef0123456789abcdef0"
    assert rt.x_guid_text(uuid.UUID(int=0)) == "00000000-0000-0000-0000-000000000000"
    assert rt.x_guid_text(G) == "12345678-9abc-def0-1234-56789abcdef0"
    for text in [
        "123456789abcdef0123456789abcdef0",
        "123456789ABCDEF0123456789ABCDEF0",
        "12345678-9abc-def0-1234-56789abcdef0",
        "{12345678-9abc-def0-1234-56789abcdef0}",
        "(12345678-9abc-def0-1234-56789abcdef0)",
    ]:
        assert rt.parse_guid(text, "$") == G
        assert rt.j_guid(text, "$") == G
    for bad in [
        "123456789abcdef0123456789abcdef",
        "1-23456789abcdef0123456789abcdef0",
        "urn:uuid:12345678-9abc-def0-1234-56789abcdef0",
        "+23456789abcdef0123456789abcdef0",
        "1234_678-9abc-def0-1234-56789abcdef0",
        "{12345678-9abc-def0-1234-56789abcdef0)",
    ]:
        err = decode_error(functools.partial(rt.parse_guid, bad, "$", "id"))
        assert err.path == "$.id"
        assert err.message.startswith("expected a GUID")


def test_base64() -> None:
    assert rt.b64(b"\x00") == "AA=="
    assert rt.b64(b"") == ""
    assert rt.x_bytes_text(b"\xff\xfe\xfd") == "//79"
    assert rt.parse_b64("AA==", "$") == b"\x00"
    assert rt.parse_b64("//79", "$") == b"\xff\xfe\xfd"
    assert rt.parse_b64(" AA\r\n== ", "$") == b"\x00"
    assert rt.j_bytes("", "$") == b""
    for bad in ["A", "AA=", "A*==", "\u00e9AA=", "-_8="]:
        err = decode_error(functools.partial(rt.parse_b64, bad, "$", 0))
        assert err.path == "$[0]"
        assert err.message.startswith("expected base64 data")


def test_char() -> None:
    assert rt.x_char_text("\x00") == "0"
    assert rt.x_char_text("A") == "65"
    assert rt.x_char_text("\uffff") == "65535"
    assert rt.json_dumps({"c": "\x00"}) == '{"c":"\\u0000"}'  # page sample form


# --- bool, decimal ---------------------------------------------------------------------------


def test_bool_text() -> None:
    assert (rt.x_bool_text(True), rt.x_bool_text(False)) == ("true", "false")


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (Decimal("0"), "0"),
        (Decimal("1.10"), "1.10"),
        (Decimal("1E+3"), "1000"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("0E-7"), "0.0000000"),
        (Decimal("-0.000"), "-0.000"),
        (Decimal("79228162514264337593543950335"), "79228162514264337593543950335"),
        (Decimal("-1.2345678901234567890123456789"), "-1.2345678901234567890123456789"),
    ],
)
def test_decimal_text(d: Decimal, text: str) -> None:
    assert rt.x_decimal_text(d) == text
    assert rt.json_dumps(d) == text


def test_float_specials_in_xml() -> None:
    assert rt.x_float_text(float("inf")) == "INF"
    assert rt.x_float_text(float("-inf")) == "-INF"
    assert rt.x_float_text(float("nan")) == "NaN"
