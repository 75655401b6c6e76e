"""Random DTO instances of every type family round-trip losslessly through every format.

The classes are the bundled ``bookings`` (every primitive, enums incl. ``[Flags]`` and
``[EnumMember]``, lists, arrays, nested lists, dictionaries keyed by int/Guid/string,
``KeyValuePair``, nested DTOs, ``QueryResponse<Booking>``) and ``billing`` (DataContract
names and namespaces, ``DateTimeOffset`` members and list items, SOAP) services.
"""

from __future__ import annotations

from decimal import Decimal
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import PROFILE, load_package, load_spec
from .strategies import DtoStrategies, canonical

#: (service, .NET type) of the top-level messages; nested DTOs are reached through them.
MESSAGES = [
    ("bookings", "CreateBooking"),
    ("bookings", "IdResponse"),
    ("bookings", "QueryBookings"),
    ("bookings", "QueryResponse<Booking>"),
    ("billing", "GetInvoice"),
    ("billing", "GetInvoiceResponse"),
]
#: Single-record DTOs whose CSV form is the DTO itself (no list member becomes the rows).
CSV_RECORDS = [
    ("bookings", "CreateBooking"),
    ("bookings", "Guest"),
    ("bookings", "Booking"),
    ("billing", "GetInvoice"),
    ("billing", "InvoiceLine"),
]
_STRATEGIES: dict[str, DtoStrategies] = {}


def strategies(service: str) -> DtoStrategies:
    found = _STRATEGIES.get(service)
    if found is None:
        found = _STRATEGIES[service] = DtoStrategies(load_spec(service), load_package(service))
    return found


def same(a: Any, b: Any) -> None:
    assert canonical(a) == canonical(b)


@pytest.mark.parametrize(("service", "type_text"), MESSAGES)
@PROFILE
@given(data=st.data())
def test_json_round_trip(service: str, type_text: str, data: st.DataObject) -> None:
    obj = data.draw(strategies(service).of(type_text))
    cls = type(obj)
    same(cls.from_json(obj.to_json()), obj)
    same(cls.from_json(obj.to_json(indent=2)), obj)


@pytest.mark.parametrize(("service", "type_text"), MESSAGES)
@PROFILE
@given(data=st.data())
def test_xml_and_soap_round_trip(service: str, type_text: str, data: st.DataObject) -> None:
    obj = data.draw(strategies(service).of(type_text))
    cls = type(obj)
    same(cls.from_xml(obj.to_xml()), obj)
    same(cls.from_xml(obj.to_xml(indent=True).encode("utf-8")), obj)
    same(cls.from_soap(obj.to_soap(11)), obj)
    same(cls.from_soap(obj.to_soap(12)), obj)


@pytest.mark.parametrize(("service", "type_text"), MESSAGES)
@PROFILE
@given(data=st.data())
def test_jsv_and_query_round_trip(service: str, type_text: str, data: st.DataObject) -> None:
    obj = data.draw(strategies(service).of(type_text))
    cls = type(obj)
    same(cls.from_jsv(obj.to_jsv()), obj)
    same(cls.from_jsv(obj.to_jsv(pretty=True)), obj)
    same(cls.from_query(obj.to_query()), obj)


@pytest.mark.parametrize(("service", "type_text"), CSV_RECORDS)
@PROFILE
@given(data=st.data())
def test_csv_round_trip(service: str, type_text: str, data: st.DataObject) -> None:
    obj = data.draw(strategies(service).of(type_text))
    same(type(obj).from_csv(obj.to_csv()), obj)


@PROFILE
@given(data=st.data())
def test_csv_rows_of_a_query_response(data: st.DataObject) -> None:
    obj = data.draw(strategies("bookings").of("QueryResponse<Booking>"))
    back = type(obj).from_csv(obj.to_csv())
    same(back.results or [], obj.results or [])


# --- the edge values the issue names, through every format --------------------------------------


def _formats(obj: Any) -> list[Any]:
    cls = type(obj)
    return [
        cls.from_json(obj.to_json()),
        cls.from_xml(obj.to_xml(indent=True)),
        cls.from_jsv(obj.to_jsv(pretty=True)),
        cls.from_soap(obj.to_soap(11)),
        cls.from_query(obj.to_query()),
        cls.from_csv(obj.to_csv()),
    ]


@pytest.fixture(scope="module")
def bookings() -> ModuleType:
    return load_package("bookings")


def test_edge_values_survive_every_format(bookings: ModuleType) -> None:
    from datetime import datetime, timedelta, timezone

    minus_5 = timezone(timedelta(hours=-5))
    obj = bookings.CreateBooking(
        name="",
        duration=timedelta(hours=25),
        booking_start_date=datetime(2020, 1, 1, 10, 0, 0, 123457, tzinfo=minus_5),
        booking_end_date=datetime(2020, 1, 1, 10, 0, 0, 999000),
        created_at=datetime(2020, 1, 1, tzinfo=timezone(timedelta(minutes=-570))),
        cost=Decimal("1.10"),
        floor=-(2**7),
        beds=2**8 - 1,
        checksum=2**64 - 1,
        reference=-(2**63),
        tags=[],
        notes={},
        website=None,
        grid=[[], [2**31 - 1]],
        initial="\x00",
        days=bookings.Days.MONDAY | bookings.Days.WEEKEND,
    )
    for back in _formats(obj):
        same(back, obj)
        assert back.cost.as_tuple() == Decimal("1.10").as_tuple()
    assert bookings.CreateBooking(duration=timedelta(seconds=-1)).to_jsv().count("-PT1S") == 1


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", '{"bookingStartDate":"2020-01-01T10:00:00.1234567-05:00"}'),
        ("jsv", "{bookingStartDate:2020-01-01T10:00:00.1234567-05:00}"),
        ("xml", None),
    ],
)
def test_seven_fractional_digits_round_to_microseconds_then_stay(
    bookings: ModuleType, fmt: str, text: str | None
) -> None:
    from datetime import datetime, timedelta, timezone

    cls = bookings.CreateBooking
    if fmt == "xml":
        template = cls().to_xml()
        text = template.replace(
            "<BookingStartDate>0001-01-01T00:00:00</BookingStartDate>",
            "<BookingStartDate>2020-01-01T10:00:00.1234567-05:00</BookingStartDate>",
        )
    assert text is not None
    decode = {"json": cls.from_json, "jsv": cls.from_jsv, "xml": cls.from_xml}[fmt]
    encode = {"json": cls.to_json, "jsv": cls.to_jsv, "xml": cls.to_xml}[fmt]
    first = decode(text)
    expected = datetime(2020, 1, 1, 10, 0, 0, 123457, tzinfo=timezone(timedelta(hours=-5)))
    same(first.booking_start_date, expected)
    same(decode(encode(first)), first)


def test_integer_widths_are_range_checked(bookings: ModuleType) -> None:
    cls = bookings.CreateBooking
    with pytest.raises(bookings.DecodeError, match=r"\$\.beds: expected an integer in the Byte"):
        cls.from_json('{"beds":256}')
    with pytest.raises(bookings.DecodeError, match=r"expected an integer in the SByte range"):
        cls.from_jsv("{floor:-129}")
    with pytest.raises(bookings.DecodeError, match=r"/CreateBooking/Checksum"):
        cls.from_xml(cls().to_xml().replace("<Checksum>0<", f"<Checksum>{2**64}<"))
