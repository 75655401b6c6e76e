"""Hypothesis round-trip properties for the value codecs, the XML writer and json_dumps."""

from __future__ import annotations

import json
import math
import string
import sys
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

rt: Any = sys.modules["_runtime"]
PROFILE = settings(max_examples=200, deadline=None)

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)
naive = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))
aware = st.builds(lambda dt, tz: dt.replace(tzinfo=tz), naive, offsets)
xml_text = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00\ufffe\uffff").filter(
        lambda c: c in "\t\n\r" or ord(c) >= 0x20
    )
)


def el(text: str) -> ET.Element:
    e = ET.Element("V")
    e.text = text
    return e


@PROFILE
@given(st.one_of(naive, aware))
def test_xml_datetime_round_trip(dt: datetime) -> None:
    back = rt.x_datetime(el(rt.x_datetime_text(dt)), "/R")
    assert back == dt
    assert back.utcoffset() == dt.utcoffset()


@PROFILE
@given(st.one_of(naive, aware))
def test_json_datetime_round_trip_at_millisecond_precision(dt: datetime) -> None:
    dt = dt.replace(microsecond=dt.microsecond // 1000 * 1000)
    back = rt.parse_json_datetime(rt.json_datetime(dt), "$")
    assert back == dt
    assert back.utcoffset() == dt.utcoffset()
    assert rt.j_datetime(rt.json_loads(rt.json_dumps(rt.json_datetime(dt))), "$") == dt


@PROFILE
@given(st.timedeltas())
def test_timespan_round_trip(td: timedelta) -> None:
    assert rt.parse_timespan(rt.x_timespan_text(td), "$") == td
    assert rt.x_timespan(el(rt.json_timespan(td)), "/R") == td


@PROFILE
@given(st.integers(min_value=-(10**16), max_value=10**16))
def test_timespan_ticks_round_half_even(ticks: int) -> None:
    whole, frac = divmod(abs(ticks), 10_000_000)
    text = f"{'-' if ticks < 0 else ''}PT{whole}.{frac:07d}S"
    us = round(Decimal(abs(ticks)) / 10)  # Decimal rounds half-even
    assert rt.parse_timespan(text, "$") == timedelta(microseconds=-us if ticks < 0 else us)


@PROFILE
@given(st.floats(allow_nan=False))
def test_float_round_trip(f: float) -> None:
    back = rt.x_float(el(rt.x_float_text(f)), "/R")
    assert back == f and math.copysign(1, back) == math.copysign(1, f)
    if math.isfinite(f):
        assert rt.json_loads(rt.json_dumps([f])) == [f]
        text = rt.x_float_text(f)
        assert not text.endswith(".0") and "e" not in text


@PROFILE
@given(st.decimals(allow_nan=False, allow_infinity=False, places=None))
def test_decimal_round_trip(d: Decimal) -> None:
    fitted = rt._dec_fit(d)
    if fitted is None:
        assert abs(d) > 2**96 - 1
        return
    text = rt.x_decimal_text(fitted)
    assert "E" not in text
    back = rt.x_decimal(el(text), "/R")
    assert back.as_tuple() == fitted.as_tuple()
    assert rt.json_dumps([fitted]) == f"[{text}]"
    assert rt.j_decimal(text, "$").as_tuple() == fitted.as_tuple()


@PROFILE
@given(st.uuids())
def test_guid_round_trip(u: uuid.UUID) -> None:
    assert rt.parse_guid(rt.json_guid(u), "$") == u
    assert rt.x_guid(el(rt.x_guid_text(u)), "/R") == u


@PROFILE
@given(st.binary(max_size=64))
def test_bytes_round_trip(b: bytes) -> None:
    assert rt.parse_b64(rt.b64(b), "$") == b
    assert rt.x_bytes(el(rt.x_bytes_text(b)), "/R") == b


@PROFILE
@given(st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"]))
def test_char_round_trip(c: str) -> None:
    assert rt.x_char(el(rt.x_char_text(c)), "/R") == c
    assert rt.j_char(rt.json_loads(rt.json_dumps(c)), "$") == c


@PROFILE
@given(xml_text, st.booleans())
def test_xml_text_round_trip(value: str, indent: bool) -> None:
    w = rt.XmlWriter(indent)
    w.start_root("R", "urn:a")
    w.text("A", "urn:b", value)
    w.start("B", "urn:a", "urn:c")
    w.text("C", "urn:c", value)
    w.end()
    w.end()
    root = rt.parse_xml(w.getvalue().encode("utf-8"))
    assert root[0].tag == "{urn:b}A"
    assert root[1][0].tag == "{urn:c}C"
    assert rt.x_str(root[0]) == value
    assert rt.x_str(root[1][0]) == value


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(string.printable, max_size=8), children, max_size=4),
    max_leaves=20,
)


@PROFILE
@given(json_values)
def test_json_matches_stdlib_for_plain_values_on_both_encoders(value: Any) -> None:
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if '"/Date(' not in expected:
        assert rt.json_dumps(value) == expected
        parts: list[str] = []
        rt._enc(value, parts.append, None, "")
        assert "".join(parts) == expected
        indented = json.dumps(value, ensure_ascii=False, indent=2)
        assert rt.json_dumps(value, indent=2) == indented
    assert rt.json_loads(rt.json_dumps(value)) == value


@PROFILE
@given(st.text(), st.text())
def test_json_strings_round_trip_even_with_date_look_alikes(a: str, b: str) -> None:
    values = [a, f"/Date({len(a)})/", f"{a}/Date(1)/{b}", f"/Date({a})/"]
    assert rt.json_loads(rt.json_dumps({"v": values, "f": 1.5})) == {"v": values, "f": 1.5}
    assert rt.json_loads(rt.json_dumps(values)) == values
