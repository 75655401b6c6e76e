"""Page records ⇄ plain JSON values, for the per-user parse cache (:mod:`generator.cache`).

A record becomes the list of its field values in declaration order (tuples as lists,
nested records the same way), so the cached form is small and fast to read. Reading is
strict: every value is checked against the field's annotation (``str``, ``int``,
``bool``, ``Literal``, ``X | None``, tuples, nested records) and anything else raises
:class:`ValueError`, so a damaged or foreign cache file is never taken for a record.
The converters are derived from the annotations of :mod:`generator.scrape.records`
once, so a record field added there needs no change here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from generator.scrape import records
from generator.scrape.records import PageRecord

Decoder = Callable[[Any], Any]
Encoder = Callable[[Any], Any]


def page_to_json(page: PageRecord) -> list[Any]:
    """``page`` as nested lists of JSON scalars."""
    result: list[Any] = _encoder(PageRecord)(page)
    return result


def page_from_json(data: Any) -> PageRecord:
    """The record :func:`page_to_json` produced; ValueError if ``data`` is not one."""
    page: PageRecord = _decoder(PageRecord)(data)
    return page


def _fail(expected: str, value: Any) -> ValueError:
    return ValueError(f"expected {expected}, got {type(value).__name__}")


def _str(value: Any) -> str:
    if type(value) is not str:
        raise _fail("str", value)
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _fail("int", value)
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _fail("bool", value)
    return value


def _items(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _fail("list", value)
    return value


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(records))


@cache
def _decoder(hint: Any) -> Decoder:
    """The strict converter of a JSON value to a value of type ``hint``."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        return _str
    if hint is int:
        return _int
    if hint is bool:
        return _bool
    if origin is typing.Literal:
        allowed = frozenset(args)

        def literal(value: Any) -> Any:
            if type(value) is not str or value not in allowed:
                raise _fail(f"one of {sorted(allowed)}", value)
            return value

        return literal
    if origin in (typing.Union, types.UnionType):
        (inner,) = (a for a in args if a is not type(None))
        decode = _decoder(inner)
        return lambda value: None if value is None else decode(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return lambda value: tuple([item(v) for v in _items(value)])
    if origin is tuple:
        parts = [_decoder(a) for a in args]

        def fixed(value: Any) -> tuple[Any, ...]:
            values = _items(value)
            if len(values) != len(parts):
                raise _fail(f"{len(parts)} items", value)
            return tuple([p(v) for p, v in zip(parts, values, strict=True)])

        return fixed
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_decoder(hint)
    raise TypeError(f"no JSON form for {hint!r}")  # a record field of a new kind


def _record_decoder(cls: type) -> Decoder:
    hints = _hints(cls)
    fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls)]
    count = len(fields)

    def record(value: Any) -> Any:
        values = _items(value)
        if len(values) != count:
            raise _fail(f"{count} fields of {cls.__name__}", value)
        return cls(**{name: decode(v) for (name, decode), v in zip(fields, values, strict=True)})

    return record


@cache
def _encoder(hint: Any) -> Encoder:
    """The converter of a value of type ``hint`` to plain JSON values."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = (a for a in args if a is not type(None))
        encode = _encoder(inner)
        return lambda value: None if value is None else encode(value)
    if origin is tuple:
        items = [_encoder(a) for a in (args[:1] if args[1:] == (Ellipsis,) else args)]
        if len(items) == 1 and args[1:] == (Ellipsis,):
            return lambda value: [items[0](v) for v in value]
        return lambda value: [e(v) for e, v in zip(items, value, strict=True)]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        fields = [(f.name, _encoder(hints[f.name])) for f in dataclasses.fields(hint)]
        return lambda value: [encode(getattr(value, name)) for name, encode in fields]
    return _same


def _same(value: Any) -> Any:
    return value
