"""ServiceStack's ``/types/metadata`` document (MetadataTypes JSON) as a page.

The document lists ``types`` and ``operations`` (each with its ``request`` and
``response`` type, ``routes``, ``returnType``/``returnsVoid`` and ``tags``). It becomes a
types-only :class:`~generator.scrape.records.PageRecord` (``operation=None``): every
type is a :class:`TypeRecord` with ``source="metadata"`` and C#-syntax texts rebuilt
from the CLR names (``Nullable`1`` + ``["Int32"]`` → ``Nullable<Int32>``). What an
operation adds to its request type is recorded the way DTO code prints it, so
:mod:`generator.mapper.operations` reads both alike: ``IReturn<T>``/``IReturnVoid`` in
``interfaces``, one ``Route(path, verbs, Summary=…, Notes=…)`` and one ``Tag(name)``
attribute per route and tag.

JSON carries no line numbers: a record's ``line`` is the line of the first
``"name":"X"`` in the document (1 for ServiceStack's one-line JSON); members share their
type's line. A type listed both in ``types`` and as an operation's request is read once.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any, Literal

from generator.diagnostics import Diagnostics
from generator.scrape.records import (
    AttributeRecord,
    EnumMemberRecord,
    MemberRecord,
    PageRecord,
    TypeRecord,
)

SOURCE = "metadata"
_Extra = tuple[tuple[str, ...], tuple[AttributeRecord, ...]]
_NAME_KEY = re.compile(r'"name"\s*:\s*"([^"\\]+)"')
_HINT = "save the JSON of /types/metadata (MetadataTypes) unchanged"


def looks_like_metadata_json(text: str, source: str) -> bool:
    """True for ``.json`` pages and for JSON objects with ``types`` and ``operations``."""
    if source.lower().endswith(".json"):
        return True
    head = text.lstrip("\ufeff \t\r\n")
    return head.startswith("{") and '"operations"' in head and '"types"' in head


def clr_name(name: str) -> str:
    """``QueryResponse`1`` → ``QueryResponse`` (the CLR arity suffix removed)."""
    return name.split("`", 1)[0]


def _type_text(name: str, args: list[str]) -> str:
    base = clr_name(name)
    return f"{base}<{','.join(args)}>" if args else base


def _s(node: dict[str, Any], key: str) -> str | None:
    value = node.get(key)
    return value if isinstance(value, str) and value else None


def _strings(node: dict[str, Any], key: str) -> list[str]:
    value = node.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _dicts(node: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = node.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _dict(node: dict[str, Any], key: str) -> dict[str, Any]:
    value = node.get(key)
    return value if isinstance(value, dict) else {}


def _literal(value: object) -> str:
    text = str(value)
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text


def parse_metadata_json(source: str, text: str, diags: Diagnostics) -> PageRecord | None:
    """Parse a MetadataTypes document into a types-only page (None on errors)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        where = f"{source}:{getattr(exc, 'lineno', 1)}"
        diags.error(where, f"not valid JSON: {exc}", _HINT)
        return None
    if not isinstance(data, dict) or not (
        isinstance(data.get("types"), list) or isinstance(data.get("operations"), list)
    ):
        diags.error(source, "not a ServiceStack MetadataTypes document (no types/operations)",
                    _HINT)  # fmt: skip
        return None
    reader = _Reader(source, text, diags)
    for node in _dicts(data, "types"):
        reader.add(node, None)
    for op in _dicts(data, "operations"):
        reader.operation(op)
    return PageRecord(source=source, kind="servicestack", operation=None, types=reader.result())


class _Reader:
    """Collects type records by name (first definition wins; later ones are dropped)."""

    def __init__(self, source: str, text: str, diags: Diagnostics) -> None:
        self.source = source
        self.diags = diags
        self.lines: dict[str, int] = {}
        for m in _NAME_KEY.finditer(text):
            self.lines.setdefault(m.group(1), text.count("\n", 0, m.start()) + 1)
        self.types: dict[str, TypeRecord] = {}

    def result(self) -> tuple[TypeRecord, ...]:
        """The records, in document order."""
        return tuple(self.types.values())

    def line(self, name: str) -> int:
        """The line of a type's first ``"name"`` in the document (1 if absent)."""
        return self.lines.get(name, 1)

    def operation(self, op: dict[str, Any]) -> None:
        """The request type gets the return marker, routes and tags of its operation."""
        request = _dict(op, "request")
        name = _s(request, "name")
        if name is None:
            self.diags.warning(f"{self.source}:1", "an operation without a request type; skipped")
            return
        interfaces: list[str] = []
        returns = _dict(op, "returnType")
        if op.get("returnsVoid") is True:
            interfaces.append("IReturnVoid")
        elif (ret := _s(returns, "name")) is not None:
            interfaces.append(f"IReturn<{_type_text(ret, _strings(returns, 'genericArgs'))}>")
        attrs: list[AttributeRecord] = []
        line = self.line(name)
        for route in _dicts(op, "routes"):
            path = _s(route, "path")
            if path is None:
                continue
            named = tuple((k.capitalize(), v) for k in ("summary", "notes") if (v := _s(route, k)))
            verbs = _s(route, "verbs")
            args = (path, verbs) if verbs else (path,)
            attrs.append(AttributeRecord(name="Route", args=args, named=named, line=line))
        attrs.extend(
            AttributeRecord(name="Tag", args=(t,), line=line) for t in _strings(op, "tags")
        )
        self.add(request, (tuple(interfaces), tuple(attrs)))
        response = _dict(op, "response")
        if _s(response, "name") is not None:
            self.add(response, None)

    def add(self, node: dict[str, Any], extra: _Extra | None) -> None:
        """Record one MetadataType (``extra``: an operation's markers and attributes)."""
        raw = _s(node, "name")
        if raw is None:
            self.diags.warning(f"{self.source}:1", "a type without a name; skipped")
            return
        name = clr_name(raw)
        generic_def = node.get("isGenericTypeDef") is True
        if "`" in raw and not generic_def:
            return  # a constructed generic (QueryResponse<Booking>) is not a definition
        known = self.types.get(name)
        if known is not None:  # listed twice (types and operations): add the markers
            if extra is not None:
                self.types[name] = replace(
                    known,
                    interfaces=known.interfaces
                    + tuple(i for i in extra[0] if i not in known.interfaces),
                    attributes=known.attributes + extra[1],
                )
            return
        line = self.line(raw)
        attrs = [self.attribute(a, line) for a in _dicts(node, "attributes")]
        contract = _dict(node, "dataContract")
        if contract:
            named = tuple(
                (k.capitalize(), v) for k in ("name", "namespace") if (v := _s(contract, k))
            )
            attrs.append(AttributeRecord(name="DataContract", named=named, line=line))
        interfaces = [
            _type_text(n, _strings(i, "genericArgs"))
            for i in _dicts(node, "implements")
            if (n := _s(i, "name")) is not None
        ]
        if extra is not None:
            interfaces += [i for i in extra[0] if i not in interfaces]
            attrs += extra[1]
        inherits = _dict(node, "inherits")
        base_name = _s(inherits, "name")
        is_enum = node.get("isEnum") is True
        kind: Literal["class", "enum", "interface"] = "class"
        if is_enum:
            kind = "enum"
        elif node.get("isInterface") is True:
            kind = "interface"
        self.types[name] = TypeRecord(
            name=name,
            source=SOURCE,
            line=line,
            kind=kind,
            namespace=_s(node, "namespace"),
            base=_type_text(base_name, _strings(inherits, "genericArgs")) if base_name else None,
            interfaces=tuple(interfaces),
            generic_params=tuple(_strings(node, "genericArgs")) if generic_def else (),
            description=_s(node, "description"),
            members=tuple(
                self.member(p, line) for p in _dicts(node, "properties") if _s(p, "name")
            ),
            enum_members=self.enum_members(node, line) if is_enum else (),
            attributes=tuple(attrs),
            is_flags=any(a.name in ("Flags", "FlagsAttribute") for a in attrs),
        )

    def attribute(self, node: dict[str, Any], line: int) -> AttributeRecord:
        """A MetadataAttribute → attribute record (constructor args, then named args)."""
        args = tuple(_literal(a.get("value", "")) for a in _dicts(node, "constructorArgs"))
        named = tuple(
            (n, _literal(a.get("value", "")))
            for a in _dicts(node, "args")
            if (n := _s(a, "name")) is not None
        )
        return AttributeRecord(name=_s(node, "name") or "", args=args, named=named, line=line)

    def member(self, node: dict[str, Any], line: int) -> MemberRecord:
        """A MetadataPropertyType → member record (C#-syntax type text)."""
        data = _dict(node, "dataMember")
        order = data.get("order")
        required = node.get("isRequired")
        return MemberRecord(
            name=_s(node, "name") or "",
            type_text=_type_text(_s(node, "type") or "Object", _strings(node, "genericArgs")),
            line=line,
            description=_s(node, "description"),
            required=required if isinstance(required, bool) else None,
            param_type=_s(node, "paramType"),
            allowable_values=tuple(_strings(node, "allowableValues")),
            wire_name=_s(data, "name"),
            order=order if isinstance(order, int) and not isinstance(order, bool) else None,
            attributes=tuple(self.attribute(a, line) for a in _dicts(node, "attributes")),
        )

    def enum_members(self, node: dict[str, Any], line: int) -> tuple[EnumMemberRecord, ...]:
        """Enum members from the parallel ``enumNames``/``enumValues``/… lists."""
        names = _strings(node, "enumNames")
        values = node.get("enumValues")
        wires = node.get("enumMemberValues")
        docs = node.get("enumDescriptions")

        def at(seq: object, i: int) -> str | None:
            """Item ``i`` of a parallel list as text, or None."""
            if isinstance(seq, list) and i < len(seq) and isinstance(seq[i], str | int):
                return str(seq[i])
            return None

        return tuple(
            EnumMemberRecord(
                name=n,
                line=line,
                value=at(values, i),
                wire_value=at(wires, i),
                description=at(docs, i) or None,
            )
            for i, n in enumerate(names)
        )
