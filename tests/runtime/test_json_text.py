"""The JSON text path of generated DTOs: ``to_json`` via ``_json_text``, located decode errors.

``to_json`` writes each class's JSON text member by member; the text must always be what
``json_dumps(dto.to_dict())`` writes, for every value the strategies draw, for mistyped
member values and for user subclasses. Decoding lists and dictionaries of objects builds
no item paths until an item fails; the error must still name the item.
"""

from __future__ import annotations

import dataclasses
import sys
import uuid
from decimal import Decimal
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.properties.conftest import PROFILE, load_package, load_spec
from tests.properties.strategies import DtoStrategies

rt: Any = sys.modules["_runtime"]

MESSAGES = [
    ("bookings", "CreateBooking"),
    ("bookings", "QueryResponse<Booking>"),
    ("billing", "GetInvoiceResponse"),
    ("myapp", "GetAccessTokenResponse"),
]
_STRATEGIES: dict[str, DtoStrategies] = {}


def package(service: str) -> ModuleType:
    return load_package(service)


def strategies(service: str) -> DtoStrategies:
    found = _STRATEGIES.get(service)
    if found is None:
        found = _STRATEGIES[service] = DtoStrategies(load_spec(service), package(service))
    return found


def dict_path(obj: Any) -> str:
    """What ``to_json`` wrote before ``_json_text``: the dictionary through ``json_dumps``."""
    return str(package_of(obj)._runtime.json_dumps(obj.to_dict()))


def package_of(obj: Any) -> ModuleType:
    return sys.modules[type(obj).__module__.rsplit(".", 1)[0]]


# --- the text equals the dictionary path -----------------------------------------------------


@pytest.mark.parametrize(("service", "type_text"), MESSAGES)
@PROFILE
@given(data=st.data())
def test_text_is_what_json_dumps_writes(service: str, type_text: str, data: st.DataObject) -> None:
    obj = data.draw(strategies(service).of(type_text))
    text = obj._json_text()  # the text path itself, no fallback
    assert package_of(obj)._runtime.jt_any(obj.to_dict()) == text
    assert obj.to_json() == dict_path(obj)


def booking() -> Any:
    b = package("bookings")
    return b.CreateBooking(
        name="n",
        tags=["a", "b"],
        ratings=[1, 2],
        grid=[[1], []],
        notes={1: "x"},
        payments={uuid.UUID(int=1): Decimal("1.10")},
        rooms={"r": [b.Guest(first_name="g", age=3)]},
        discount=("d", 5),
        extras=[("k", "v")],
        contact=b.Guest(last_name="l"),
        rating=1.5,
        latitude=-0.0,
    )


@pytest.mark.parametrize(
    ("attr", "value"),
    [
        ("name", 5),  # an int in a string member
        ("name", 1.5),  # a float in a string member (.NET format through json_dumps)
        ("floor", "5"),  # a string in an int member
        ("floor", True),  # a bool in an int member: true, not 1
        ("floor", 2.0),  # a float in an int member: 2
        ("rating", 3),  # an int in a float member
        ("rating", Decimal("1.50")),  # a Decimal in a float member
        ("rating", 1e20),  # .NET's exponent form
        ("confirmed", 1),  # an int in a bool member
        ("cost", 2.5),  # a float in a decimal member
        ("tags", ("a", None)),  # a tuple with a null item
        ("tags", ["a", 1.25]),  # a float item
        ("ratings", [True, 2]),  # a bool item in a list of ints
        ("notes", {1: "x", 2: None}),  # a null dictionary value
        ("discount", ["d", 5]),  # a list for a pair
    ],
)
def test_mistyped_members_are_written_as_json_dumps_writes_them(attr: str, value: Any) -> None:
    obj = booking()
    setattr(obj, attr, value)
    assert obj.to_json() == dict_path(obj)


@pytest.mark.parametrize(("attr", "value"), [("rating", float("nan")), ("cost", Decimal("inf"))])
def test_values_json_cannot_carry_raise_as_before(attr: str, value: Any) -> None:
    obj = booking()
    setattr(obj, attr, value)
    with pytest.raises(ValueError):
        obj.to_json()
    with pytest.raises(ValueError):
        dict_path(obj)


def test_wrongly_typed_objects_raise_as_before() -> None:
    obj = booking()
    obj.contact = "not a guest"
    with pytest.raises(AttributeError, match="to_dict"):
        obj.to_json()


def test_a_subclass_that_overrides_to_dict_is_written_from_it() -> None:
    b = package("bookings")

    @dataclasses.dataclass(kw_only=True)
    class Tagged(b.Guest):  # type: ignore[misc,name-defined]
        tag: str = "t"

        def to_dict(self) -> dict[str, Any]:
            return {**super().to_dict(), "tag": self.tag}

    @dataclasses.dataclass(kw_only=True)
    class Plain(b.Guest):  # type: ignore[misc,name-defined]
        extra: int = 1

    obj = booking()
    obj.contact = Tagged(first_name="f")
    obj.rooms = {"r": [Plain(first_name="p")]}
    text = obj.to_json()
    assert '"contact":{"firstName":"f","availability":0,"tag":"t"}' in text
    assert '"rooms":{"r":[{"firstName":"p","availability":0}]}' in text
    assert text == dict_path(obj)


def test_dates_in_strings_get_escaped_slashes() -> None:
    m = package("myapp")
    obj = m.GetAccessTokenResponse(access_token="/Date(0)/", meta={"k": "/Date(1+0100)/"})
    assert obj.to_json() == ('{"accessToken":"\\/Date(0)\\/","meta":{"k":"\\/Date(1+0100)\\/"}}')
    assert obj.to_json() == dict_path(obj)


def test_some_members_unset() -> None:
    m = package("myapp")
    obj = m.ResponseStatus(message="m", errors=[m.ResponseError(), m.ResponseError(meta={})])
    assert obj.to_json() == '{"message":"m","errors":[{},{"meta":{}}]}'
    assert m.GetAccessTokenResponse().to_json() == "{}"


# --- decoding: construction and located errors ------------------------------------------------


def test_decode_assigns_every_field_of_its_own_class() -> None:
    b = package("bookings")
    obj = b.Guest.from_json('{"firstName":"f"}')
    assert vars(obj) == vars(b.Guest(first_name="f"))
    assert obj == b.Guest(first_name="f")


def test_a_subclass_is_built_with_its_own_init() -> None:
    b = package("bookings")

    @dataclasses.dataclass(kw_only=True)
    class Tagged(b.Guest):  # type: ignore[misc,name-defined]
        tag: str = "t"
        seen: list[str] = dataclasses.field(default_factory=list)

        def __post_init__(self) -> None:
            self.seen.append("init")

    obj = Tagged.from_json('{"firstName":"f","age":4}')
    assert type(obj) is Tagged
    assert (obj.first_name, obj.age, obj.tag, obj.seen) == ("f", 4, "t", ["init"])


def decode_error(cls: Any, text: str) -> Any:
    with pytest.raises(Exception) as info:
        cls.from_json(text)
    assert type(info.value).__name__ == "DecodeError"
    return info.value


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ('{"responseStatus":{"errors":[{},{"meta":{"k":1}}]}}', "$.responseStatus.errors[1].meta.k", "expected a string, got 1"),
        ('{"responseStatus":{"errors":[{},{},3]}}', "$.responseStatus.errors[2]", "expected an object, got 3"),
        ('{"responseStatus":{"errors":[{"message":[]}]}}', "$.responseStatus.errors[0].message", "expected a string, got an array"),
        ('{"responseStatus":{"errors":{}}}', "$.responseStatus.errors", "expected an array, got an object"),
    ],
)  # fmt: skip
def test_list_item_errors_name_the_item(text: str, path: str, message: str) -> None:
    e = decode_error(package("myapp").GetAccessTokenResponse, text)
    assert (e.path, e.message, e.args) == (path, message, (path, message))
    assert str(e) == f"{path}: {message}"


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ('{"rooms":{"a":[],"b":[{},{"age":"x"}]}}', "$.rooms.b[1].age", "expected an integer, got 'x'"),
        ('{"rooms":{"a":{}}}', "$.rooms.a", "expected an array, got an object"),
        ('{"grid":[[1],[2,"x"]]}', "$.grid[1][1]", "expected an integer, got 'x'"),
        ('{"extras":[{"key":"k","value":"v"},{"key":1,"value":"v"}]}', "$.extras[1].key", "expected a string, got 1"),
        ('{"notes":{"x":"y"}}', "$.notes.x", "expected an integer"),
    ],
)  # fmt: skip
def test_nested_container_errors_name_every_level(text: str, path: str, message: str) -> None:
    e = decode_error(package("bookings").CreateBooking, text)
    assert e.path == path
    assert e.message.startswith(message)


def test_j_locate_leaves_foreign_paths_alone() -> None:
    e = rt.DecodeError("$.other", "bad")
    rt.j_locate(e, "$.list", 3)
    assert (e.path, e.args) == ("$.other", ("$.other", "bad"))
    rt.j_locate(e, "$", "k")
    assert (e.path, e.args) == ("$.k.other", ("$.k.other", "bad"))


# --- json_loads: the scanner fast path ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [('{"a":1}', {"a": 1}), (' {"a":1}', {"a": 1}), ('{"a":1}\r\n ', {"a": 1}), ("1.50", Decimal("1.50")), ("\ufeff[]", [])],
)  # fmt: skip
def test_json_loads_accepts_surrounding_whitespace(text: str, value: Any) -> None:
    assert rt.json_loads(text, exact=True) == value
    assert rt.json_loads(text.encode("utf-8"), exact=True) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a":1} x', "$: invalid JSON at line 1 column 9: Extra data"),
        ("", "$: invalid JSON at line 1 column 1: Expecting value"),
        ("  ", "$: invalid JSON at line 1 column 3: Expecting value"),
        ('{"a":NaN}', "$: invalid JSON: NaN is not a JSON value"),
        ('{"a":1}\x0c', "$: invalid JSON at line 1 column 8: Extra data"),
    ],
)
def test_json_loads_errors_are_unchanged(text: str, message: str) -> None:
    with pytest.raises(rt.DecodeError) as info:
        rt.json_loads(text, exact=True)
    assert str(info.value) == message
