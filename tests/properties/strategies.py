"""Hypothesis strategies for generated DTOs, derived from the spec (IR) that generated them.

Every value a strategy draws is one the documented .NET type can hold and every codec can
carry: text is XML 1.0-safe (no C0 controls but tab/CR/LF, no surrogates), ``DateTime``s
carry microseconds and whole-minute offsets of at most 14 hours, ``decimal``s have at most
28 fractional digits and 96-bit magnitude, ``[Flags]`` values combine declared members.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import uuid
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from enum import Enum
from types import ModuleType
from typing import Any

from hypothesis import strategies as st

from generator.diagnostics import Diagnostics
from generator.ir import Spec
from generator.naming import assign_names
from generator.shapes import chain_types, declared_types
from generator.typemap import TypeCtx, is_value_type
from generator.typeref import TypeRef, parse_type
from generator.views import build_module_view, enum_values

INT_BOUNDS = {
    "sbyte": (-(2**7), 2**7 - 1),
    "byte": (0, 2**8 - 1),
    "short": (-(2**15), 2**15 - 1),
    "ushort": (0, 2**16 - 1),
    "int": (-(2**31), 2**31 - 1),
    "uint": (0, 2**32 - 1),
    "long": (-(2**63), 2**63 - 1),
    "ulong": (0, 2**64 - 1),
}
EDGE_TEXT = ["", " ", "a,b", 'say "hi"', "{k:[v]}", "x:y", "line\r\nbreak", "\t tab ", "/Date(0)/"]
EDGE_TEXT += ["\u00fcn\u00efc\u00f6d\u00e9 \U0001f389", "PT0S", "null", "&<>"]


def _xml_char(c: str) -> bool:
    code = ord(c)
    return (code >= 0x20 or c in "\t\n\r") and c not in "\ufffe\uffff"


text = st.one_of(
    st.sampled_from(EDGE_TEXT),
    st.text(st.characters(exclude_categories=["Cs"]).filter(_xml_char), max_size=12),
)
chars = st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"])
offsets = st.one_of(
    st.just(UTC),
    st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m))),
)
naive = st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31))
whole_ms = naive.map(lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000))
aware = st.builds(lambda d, tz: d.replace(tzinfo=tz), st.one_of(naive, whole_ms), offsets)
datetimes = st.one_of(naive, whole_ms, aware, st.just(datetime(1, 1, 1)))
decimals = st.builds(
    lambda digits, places: Decimal(f"{digits}E-{places}"),
    st.integers(-(2**96 - 1), 2**96 - 1),
    st.integers(0, 28),
)
timespans = st.one_of(
    st.timedeltas(min_value=timedelta(days=-10675199), max_value=timedelta(days=10675199)),
    st.sampled_from([timedelta(hours=25), timedelta(seconds=-1), timedelta(0)]),
)
PRIMITIVES: dict[str, st.SearchStrategy[Any]] = {
    "string": text,
    "Uri": text,
    "char": chars,
    "bool": st.booleans(),
    "float": st.floats(allow_nan=False, allow_infinity=False),
    "double": st.floats(allow_nan=False, allow_infinity=False),
    "decimal": decimals,
    "DateTime": datetimes,
    "DateTimeOffset": aware,
    "TimeSpan": timespans,
    "Guid": st.uuids(),
    **{k: st.integers(lo, hi) for k, (lo, hi) in INT_BOUNDS.items()},
}


class DtoStrategies:
    """Builds (and caches) a strategy per .NET type of one generated package."""

    def __init__(self, spec: Spec, package: ModuleType) -> None:
        self.spec = spec
        self.package = package
        self.view = build_module_view(spec, Diagnostics())
        self.names = assign_names(spec, Diagnostics())
        self.ctx = TypeCtx(
            classes={t.name: t.name for t in spec.types},
            enums={e.name: e.name for e in spec.enums},
            enum_defaults={},
            xml_ns={},
        )
        self.cache: dict[str, st.SearchStrategy[Any]] = {}

    def of(self, text: str) -> st.SearchStrategy[Any]:
        """Instances of the DTO class that encodes ``text`` (``QueryResponse<Booking>``)."""
        return self.value(parse_type(text, "csharp"))

    def value(self, t: TypeRef) -> st.SearchStrategy[Any]:
        """Values of ``t`` (without ``None``; nullability is the member's business)."""
        key = str(dataclasses.replace(t, nullable=False))
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = st.deferred(lambda: self._build(t))
        return found

    def _build(self, t: TypeRef) -> st.SearchStrategy[Any]:
        if t.is_bytes:
            return st.binary(max_size=12)
        if t.name in PRIMITIVES and not t.args:
            return PRIMITIVES[t.name]
        if t.is_list:
            return st.lists(self.value(t.args[0]), max_size=3)
        if t.is_dict:
            return st.dictionaries(self.value(t.args[0]), self.value(t.args[1]), max_size=3)
        if t.name == "KeyValuePair":
            return st.tuples(self.value(t.args[0]), self.value(t.args[1]))
        enum = self.spec.enum_named(t.name)
        if enum is not None:
            cls: type[Enum] = getattr(self.package, self.names.classes[enum.name])
            members = list(cls.__members__.values())
            if enum.flags:
                values = [cls(v) for v in enum_values(enum)]
                return st.sets(st.sampled_from(values)).map(
                    lambda chosen: functools.reduce(operator.or_, chosen, cls(0))
                )
            return st.sampled_from(members)
        return self._dto(t)

    def _dto(self, t: TypeRef) -> st.SearchStrategy[Any]:
        definition = self.spec.type_named(t.name)
        assert definition is not None, t
        cls = getattr(self.package, self.view.class_for(str(t)) or "")
        declared = declared_types(self.spec, definition)
        fields: dict[str, st.SearchStrategy[Any]] = {}
        for member, ftype in chain_types(self.spec, definition, t.args).items():
            strategy = self.value(ftype)
            if not is_value_type(declared[member], self.ctx):
                strategy = st.none() | strategy
            fields[self.names.fields[member]] = strategy
        return st.builds(cls, **fields)


def canonical(value: Any) -> Any:
    """A comparable form that also tells offsets, decimal scales and types apart."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple((f.name, canonical(getattr(value, f.name))) for f in dataclasses.fields(value)),
        )
    if isinstance(value, datetime):
        return ("datetime", value.replace(tzinfo=None), value.utcoffset())
    if isinstance(value, Decimal):
        return ("decimal", value.as_tuple())
    if isinstance(value, Enum):
        return ("enum", type(value).__name__, value.value)
    if isinstance(value, float):
        return ("float", value + 0.0)  # JSON writes -0.0 as 0 (as .NET does)
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(canonical(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((canonical(k), canonical(v)) for k, v in value.items()))
    if isinstance(value, uuid.UUID | timedelta | bytes | str | int | bool) or value is None:
        return (type(value).__name__, value)
    raise TypeError(f"no canonical form for {type(value).__name__}")
