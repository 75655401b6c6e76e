"""json_dumps / json_loads and the j_* checkers (paths, messages, .NET number formats)."""

from __future__ import annotations

import enum
import functools
import json
import sys
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

rt: Any = sys.modules["_runtime"]


def decode_error(call: Callable[[], object]) -> Any:
    with pytest.raises(rt.DecodeError) as info:
        call()
    return info.value


# --- json_dumps ------------------------------------------------------------------------------


def test_round_trips_servicestack_sample_byte_for_byte(
    page_text: Callable[[str, str, str], str],
) -> None:
    rel = "dx_stf/GetAuthToken.txt"
    for start, end in [('{"clientId"', '"}'), ('{"accessToken"', '"}')]:
        text = page_text(rel, start, end)
        assert rt.json_dumps(rt.json_loads(text)) == text


def test_compact_separators_and_unicode() -> None:
    value = {"b": [1, True, None, "h\u00e9 \U0001f600"], "a": {"x": '\x00\n"\\'}}
    assert (
        rt.json_dumps(value)
        == '{"b":[1,true,null,"h\u00e9 \U0001f600"],"a":{"x":"\\u0000\\n\\"\\\\"}}'
    )
    assert rt.json_dumps({}) == "{}"
    assert rt.json_dumps([]) == "[]"
    assert rt.json_dumps("") == '""'
    assert rt.json_dumps({1: "a", -2: "b"}) == '{"1":"a","-2":"b"}'


def test_indent_is_json_net_style() -> None:
    value = {"a": [1, {"b": []}], "c": {}, "d": "x", "e": 1.5}
    assert rt.json_dumps(value, indent=2) == (
        '{\n  "a": [\n    1,\n    {\n      "b": []\n    }\n  ],\n  "c": {},\n  "d": "x",\n'
        '  "e": 1.5\n}'
    )
    assert rt.json_dumps([Decimal("1.0")], indent=4) == "[\n    1.0\n]"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (-0.0, "-0"),
        (1.0, "1"),
        (1.5, "1.5"),
        (0.1, "0.1"),
        (100.0, "100"),
        (1e20, "1E+20"),
        (1e15, "1E+15"),
        (1e16, "1E+16"),
        (123456789012345.0, "123456789012345"),
        (9007199254740992.0, "9007199254740992"),
        (1.2345678901234568e16, "12345678901234568"),
        (1.2345678901234568e17, "1.2345678901234568E+17"),
        (0.0001, "0.0001"),
        (0.00012, "0.00012"),
        (1e-5, "1E-05"),
        (-1.5e-7, "-1.5E-07"),
        (5e-324, "5E-324"),
        (1.7976931348623157e308, "1.7976931348623157E+308"),
        (1 / 3, "0.3333333333333333"),
    ],
)
def test_floats_use_dotnet_round_trip_format(value: float, text: str) -> None:
    assert rt.json_dumps(value) == text
    assert rt.json_dumps({"v": value}) == '{"v":' + text + "}"
    assert rt.x_float_text(value) == text


def test_decimals_are_exact_numbers() -> None:
    assert rt.json_dumps({"d": Decimal("1.10")}) == '{"d":1.10}'
    assert rt.json_dumps([Decimal("0"), Decimal("1E+3"), Decimal("-0.5"), Decimal("1E-7")]) == (
        "[0,1000,-0.5,0.0000001]"
    )
    with pytest.raises(ValueError, match=r"cannot be written as a \.NET decimal"):
        rt.json_dumps([Decimal("NaN")])


def test_non_finite_floats_and_unknown_types_are_refused() -> None:
    for value in [float("inf"), [float("nan")], {"a": float("-inf")}]:
        with pytest.raises(ValueError, match="Out of range float"):
            rt.json_dumps(value)
    with pytest.raises(TypeError, match="datetime is not JSON serializable"):
        rt.json_dumps({"a": datetime(2020, 1, 1)})
    with pytest.raises(TypeError, match="datetime is not JSON serializable"):
        rt.json_dumps({"a": datetime(2020, 1, 1), "b": 1.5})  # Python encoder path


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"t": "eyJ9.eyJ0.sig", "v": "1.5e+3", "n": 10}, False),  # '.'/'e+' only in strings
        ({"1.5": "a", "x": 1}, True),  # a string key that reads as a float key: conservative
        ({"a": 'q"1.5', "b": 2}, False),  # escaped quote inside the string
        ({"a": 'q"', "b": 1.5}, True),
        ({"a": "c:\\1.5"}, True),  # escaped backslash: answered conservatively
        ({"a": [1, 2, -3], "b": "2e-05"}, False),
        ([1e16], True),
        ({"k": 1e-05}, True),
        ({"k": "x", "v": [0.5]}, True),
    ],
)
def test_float_detection_in_c_output(value: Any, expected: bool) -> None:
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    assert rt._has_float(text) is expected


def test_float_keys_and_float_lookalike_strings_are_written_exactly() -> None:
    assert rt.json_dumps({1.0: "a", 2.5: 1e16}) == '{"1":"a","2.5":1E+16}'
    assert rt.json_dumps({"jwt": "eyJ9.eyJ0.sig", "n": 1.0}) == '{"jwt":"eyJ9.eyJ0.sig","n":1}'
    assert rt.json_dumps({"v": "1.0", "w": '"2.0"'}) == '{"v":"1.0","w":"\\"2.0\\""}'
    assert rt.json_dumps(["a\\", 1e-05]) == '["a\\\\",1E-05]'


def test_wcf_dates_are_written_with_escaped_slashes() -> None:
    date = "/Date(-62135596800000-0000)/"
    assert rt.json_dumps(date) == '"\\/Date(-62135596800000-0000)\\/"'
    assert rt.json_dumps({"a": date, "b": [date, "/Date(5)/"], "c": 1.5}) == (
        '{"a":"\\/Date(-62135596800000-0000)\\/","b":["\\/Date(-62135596800000-0000)\\/",'
        '"\\/Date(5)\\/"],"c":1.5}'
    )
    assert rt.json_dumps({"a": "/Date(1+0100)/"}, indent=2) == '{\n  "a": "\\/Date(1+0100)\\/"\n}'


@pytest.mark.parametrize(
    "text",
    [
        "x/Date(1)/",
        "/Date(1)/ y",
        "see /Date(1)/ here",
        '"/Date(1)/"',
        'a"/Date(1)/',
        "/Date(1)/\\",
        "/Date(x)/",
        "/Date(1+01)/",
    ],
)
def test_other_strings_mentioning_dates_are_untouched(text: str) -> None:
    expected = json.dumps(text, ensure_ascii=False)
    assert rt.json_dumps(text) == expected
    assert rt.json_dumps({"k": [text, "/Date(1)/"]}) == ('{"k":[' + expected + ',"\\/Date(1)\\/"]}')
    assert rt.json_loads(rt.json_dumps([text])) == [text]


def test_python_encoder_matches_c_encoder() -> None:
    value = {"a": ["1.5 is a string", 2, None, False, {"n": {}}], "b": "\u2028\x1f"}
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert rt.json_dumps(value) == expected  # "1.5" in a string forces the Python encoder
    parts: list[str] = []
    rt._enc(value, parts.append, None, "")
    assert "".join(parts) == expected


# --- json_loads ------------------------------------------------------------------------------


def test_loads_text_and_bytes() -> None:
    assert rt.json_loads('{"a":[1,2.5,"x"]}') == {"a": [1, 2.5, "x"]}
    assert rt.json_loads('\ufeff{"a":1}') == {"a": 1}
    assert rt.json_loads(b'\xef\xbb\xbf{"a":"\xc3\xa9"}') == {"a": "\u00e9"}
    assert rt.json_loads(b'"\\/Date(0)\\/"') == "/Date(0)/"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"a":}', "$: invalid JSON at line 1 column 6: Expecting value"),
        ('{"a":1}\n x', "$: invalid JSON at line 2 column 2: Extra data"),
        ("", "$: invalid JSON at line 1 column 1: Expecting value"),
        ('{"a":NaN}', "$: invalid JSON: NaN is not a JSON value"),
        ("[-Infinity]", "$: invalid JSON: -Infinity is not a JSON value"),
        (b'{"a":"\xff"}', "$: invalid UTF-8 at byte 6: invalid start byte"),
        ("[" * 100_000 + "]" * 100_000, "$: invalid JSON: nesting is too deep"),
    ],
)
def test_loads_errors(data: str | bytes, message: str) -> None:
    assert str(decode_error(lambda: rt.json_loads(data))) == message


def test_loads_refuses_overlong_integers() -> None:
    err = decode_error(lambda: rt.json_loads("1" * 5000))
    assert err.path == "$"
    assert err.message.startswith("invalid JSON: Exceeds the limit")


# --- checkers --------------------------------------------------------------------------------


def test_error_paths() -> None:
    err = decode_error(lambda: rt.j_str(5, "$.responseStatus.errors[2]", "message"))
    assert str(err) == "$.responseStatus.errors[2].message: expected a string, got 5"
    assert err.path == "$.responseStatus.errors[2].message"
    assert err.message == "expected a string, got 5"
    assert isinstance(err, ValueError)
    err = decode_error(lambda: rt.j_int("7", "$.items", 3))
    assert str(err) == "$.items[3]: expected an integer, got '7'"
    err = decode_error(lambda: rt.j_object([], "$"))
    assert str(err) == "$: expected an object, got an array"


def test_decode_error_survives_pickling() -> None:
    import pickle

    err = pickle.loads(pickle.dumps(rt.DecodeError("$.a", "boom")))
    assert (err.path, err.message, str(err)) == ("$.a", "boom", "$.a: boom")


def test_j_object_list_str_bool_char() -> None:
    obj = {"a": 1}
    assert rt.j_object(obj, "$") is obj
    lst = [1]
    assert rt.j_list(lst, "$") is lst
    assert rt.j_str("", "$") == ""
    assert rt.j_bool(False, "$") is False
    assert rt.j_char("\x00", "$") == "\x00"
    cases: list[tuple[Callable[..., object], Any, str]] = [
        (rt.j_list, {}, "expected an array, got an object"),
        (rt.j_str, None, "expected a string, got null"),
        (rt.j_bool, 0, "expected true or false, got 0"),
        (rt.j_bool, "true", "expected true or false, got 'true'"),
        (rt.j_char, "ab", "expected a single character, got 'ab'"),
        (rt.j_char, "", "expected a single character, got ''"),
        (rt.j_int, "x" * 100, "expected an integer, got '" + "x" * 57 + "...'"),
    ]
    for fn, value, message in cases:
        assert decode_error(functools.partial(fn, value, "$", "k")).message == message


def test_j_int() -> None:
    assert rt.j_int(2**63 - 1, "$") == 2**63 - 1
    assert rt.j_int(-(2**63), "$") == -(2**63)
    for bad, shown in [(True, "true"), (1.0, "1.0"), ("1", "'1'"), (None, "null")]:
        assert decode_error(functools.partial(rt.j_int, bad, "$")).message == (
            f"expected an integer, got {shown}"
        )


def test_j_float() -> None:
    assert rt.j_float(1, "$") == 1.0 and isinstance(rt.j_float(1, "$"), float)
    assert rt.j_float(-2.5, "$") == -2.5
    for bad in [True, "1.5", float("inf"), float("nan")]:
        with pytest.raises(rt.DecodeError, match="expected a finite number"):
            rt.j_float(bad, "$")
    with pytest.raises(rt.DecodeError, match="within the double range"):
        rt.j_float(10**400, "$")


def test_j_decimal() -> None:
    assert rt.j_decimal(1, "$") == Decimal(1)
    got = rt.j_decimal(0.1, "$")
    assert got.as_tuple() == Decimal("0.1").as_tuple()
    assert rt.j_decimal(1e20, "$") == Decimal("1E+20")
    assert rt.j_decimal("1.10", "$").as_tuple() == Decimal("1.10").as_tuple()
    assert rt.j_decimal(Decimal("-0"), "$").as_tuple() == Decimal("-0").as_tuple()
    for bad in [True, "abc", "1_0", " 1", "NaN", 1e300, 2**96, None, [1]]:
        with pytest.raises(rt.DecodeError, match=r"within the \.NET decimal range"):
            rt.j_decimal(bad, "$")


class Color(enum.Enum):
    RED = "Red"
    GREEN = "Green"


class Perm(enum.IntFlag):
    READ = 1
    WRITE = 2


def test_j_enum() -> None:
    assert rt.j_enum(Color, "Red", "$") is Color.RED
    assert rt.j_enum(Perm, 3, "$") == Perm.READ | Perm.WRITE
    err = decode_error(lambda: rt.j_enum(Color, "red", "$.color"))
    assert str(err) == "$.color: expected one of 'Red', 'Green' (Color), got 'red'"
    for bad in [["Red"], {"a": 1}, None]:
        with pytest.raises(rt.DecodeError, match="expected one of"):
            rt.j_enum(Color, bad, "$")
    with pytest.raises(rt.DecodeError, match="got true"):
        rt.j_enum(Perm, True, "$")
