"""The JSON form of the IR (``specs/<service>.json``): versioned, validated, stable.

Writing: explicit field names, ``sort_keys``, 2-space indent, ``\\n`` line endings and
a trailing newline; type references are printed as C#-like text (``List<string>``,
``long?``) so a reviewer reads them at a glance. Reading: the file is validated
against the JSON Schema shipped in ``generator/schema/spec.schema.json`` first, so a
hand-edited spec fails with a path (``$.types[2].fields[0].type``), not a traceback.

Both directions are tuned for large specs: the schema is checked by closures compiled from
it (:mod:`generator.schema_fast`; ``jsonschema`` runs only to explain a failure), decoding
uses one precomputed decoder per IR class, and the text is written by an indenting encoder
that produces exactly the bytes of ``json.dumps(..., indent=2, sort_keys=True,
ensure_ascii=False)`` without the standard library's pure-Python encoder.
"""

from __future__ import annotations

import dataclasses
import json
import math
import operator
import types
import typing
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from generator.diagnostics import GeneratorError
from generator.ir import SCHEMA_VERSION, Spec
from generator.schema_fast import Check, compile_schema
from generator.typeref import TypeRef, TypeSyntaxError, parse_type

if TYPE_CHECKING:
    import jsonschema

T = TypeVar("T")
Decoder = Callable[[Any], Any]


@cache
def spec_schema() -> dict[str, Any]:
    """The JSON Schema every ``specs/*.json`` file must satisfy."""
    text = resources.files("generator.schema").joinpath("spec.schema.json").read_text("utf-8")
    return cast(dict[str, Any], json.loads(text))


@cache
def _fast_check() -> Check:
    """The compiled yes/no form of :func:`spec_schema`."""
    return compile_schema(spec_schema())


# -- writing ------------------------------------------------------------------------------

_encode_str = json.encoder.encode_basestring  # the C encoder json.dumps uses for strings
_int_text = int.__repr__
_float_repr = float.__repr__
_KEYWORD_KEYS = {True: '"true"', False: '"false"', None: '"null"'}


def _float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value == math.inf:
        return "Infinity"
    if value == -math.inf:
        return "-Infinity"
    return _float_repr(value)


def _key_text(key: Any) -> str:
    if isinstance(key, str):
        return _encode_str(key)
    if isinstance(key, float):
        return _encode_str(_float_text(key))
    if key is True or key is False or key is None:
        return _KEYWORD_KEYS[key]
    if isinstance(key, int):
        return _encode_str(_int_text(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _write_array(
    items: list[Any] | tuple[Any, ...],
    level: str,
    out: list[str],
    write: Callable[[Any, str, list[str]], None],
) -> None:
    """Append ``items`` as an indented JSON array, each item written by ``write``."""
    if not items:
        out.append("[]")
        return
    inner = level + "  "
    separator = "[" + inner
    for item in items:
        out.append(separator)
        separator = "," + inner
        write(item, inner, out)
    out.append(level + "]")


def _write_json(value: Any, level: str, out: list[str]) -> None:
    """Append ``value`` as indented JSON; ``level`` is a newline plus the current indent."""
    if isinstance(value, str):
        out.append(_encode_str(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(_int_text(value))
    elif isinstance(value, float):
        out.append(_float_text(value))
    elif isinstance(value, (list, tuple)):
        _write_array(value, level, out, _write_json)
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = level + "  "
        separator = "{" + inner
        for key, item in sorted(value.items()):
            out.append(separator + _key_text(key) + ": ")
            separator = "," + inner
            _write_json(item, inner, out)
        out.append(level + "}")
    else:
        raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def dumps_json(value: Any) -> str:
    """``json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)``, faster.

    The same text for every acyclic value ``json.dumps`` accepts and the same ``TypeError``
    for the values it refuses (circular references are not detected).
    """
    out: list[str] = []
    _write_json(value, "\n", out)
    return "".join(out)


@cache
def _record_layout(cls: type) -> tuple[tuple[str, ...], Callable[[Any], Any]] | None:
    """For a dataclass: its ``"field": `` key texts, sorted, and a getter of the values in
    that order (a tuple; a single value for a one-field class); None for other classes."""
    if not dataclasses.is_dataclass(cls):
        return None
    names = sorted(f.name for f in dataclasses.fields(cls))
    keys = tuple(_encode_str(name) + ": " for name in names)
    return keys, operator.attrgetter(*names) if names else tuple


def _write_ir(value: Any, level: str, out: list[str]) -> None:
    """Append an IR value: dataclasses as objects, tuples as lists, ``TypeRef`` as its text.

    The text is what ``json.dumps`` writes for the dicts and lists the value stands for.
    """
    if isinstance(value, str):
        out.append(_encode_str(value))
        return
    if isinstance(value, TypeRef):
        out.append(_encode_str(value.to_json()))
        return
    layout = None if isinstance(value, type) else _record_layout(value.__class__)
    if layout is not None:
        keys, getter = layout
        if not keys:
            out.append("{}")
            return
        items = getter(value) if len(keys) > 1 else (getter(value),)
        inner = level + "  "
        separator = "{" + inner
        for key, item in zip(keys, items, strict=True):
            if item.__class__ is str:
                out.append(separator + key + _encode_str(item))
            elif item is None:
                out.append(separator + key + "null")
            else:
                out.append(separator + key)
                _write_ir(item, inner, out)
            separator = "," + inner
        out.append(level + "}")
    elif isinstance(value, tuple):
        _write_array(value, level, out, _write_ir)
    else:
        _write_json(value, level, out)


def dumps_spec(spec: Spec) -> str:
    """Serialize a spec to its canonical JSON text (deterministic, trailing newline)."""
    out: list[str] = []
    _write_ir(spec, "\n", out)
    out.append("\n")
    return "".join(out)


# -- reading ------------------------------------------------------------------------------


class _BadTypeText(Exception):
    """A type text that does not parse; ``segments`` collects its path, innermost first."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.segments: list[str] = []


@lru_cache(maxsize=4096)
def _parse_csharp(text: str) -> TypeRef:
    """``parse_type(text, "csharp")``, remembered (a TypeRef is immutable)."""
    return parse_type(text, "csharp")


def _decode_typeref(value: Any) -> TypeRef:
    try:
        return _parse_csharp(value)
    except TypeSyntaxError as exc:
        raise _BadTypeText(str(exc)) from None


def _optional_decoder(inner: Decoder) -> Decoder:
    def decode(value: Any) -> Any:
        return None if value is None else inner(value)

    return decode


def _tuple_decoder(inner: Decoder | None) -> Decoder:
    if inner is None:
        return tuple

    def decode(value: Any) -> Any:
        try:
            return tuple(map(inner, value))
        except _BadTypeText:
            for i, item in enumerate(value):  # the same failure again, now with its index
                try:
                    inner(item)
                except _BadTypeText as bad:
                    bad.segments.append(f"[{i}]")
                    raise
            raise

    return decode


def _dataclass_decoder(cls: type) -> Decoder:
    plan: list[tuple[str, Decoder | None]] = []
    planned = False  # field decoders are resolved on first use (a class may refer to itself)

    def decode(value: Any) -> Any:
        nonlocal planned
        if not planned:
            hints = _hints(cls)
            plan.extend((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls))
            planned = True
        kwargs = {}
        for name, field_decoder in plan:
            if name in value:
                item = value[name]
                if field_decoder is not None:
                    try:
                        item = field_decoder(item)
                    except _BadTypeText as bad:
                        bad.segments.append(f".{name}")
                        raise
                kwargs[name] = item
        return cls(**kwargs)

    return decode


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _decoder(tp: Any) -> Decoder | None:
    """How the JSON form of a ``tp`` becomes a ``tp`` (None: the value is used as it is)."""
    if tp is TypeRef:
        return _decode_typeref
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        inner_decoder = _decoder(inner)
        return None if inner_decoder is None else _optional_decoder(inner_decoder)
    if origin is tuple:
        return _tuple_decoder(_decoder(typing.get_args(tp)[0]))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass_decoder(tp)
    return None


def _from_jsonable(tp: Any, value: Any, path: str) -> Any:
    """The ``tp`` a schema-valid JSON value stands for; ``ValueError`` names a bad type text."""
    decode = _decoder(tp)
    if decode is None:
        return value
    try:
        return decode(value)
    except _BadTypeText as bad:
        raise ValueError(f"{path}{''.join(reversed(bad.segments))}: {bad.message}") from None


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def _explain(error: jsonschema.ValidationError) -> str:
    """A short, value-safe description of a schema violation."""
    value = _shorten(repr(error.instance), 60)
    if error.validator == "maxLength":
        return f"{value} is too long (more than {error.validator_value} characters)"
    if error.validator == "type":
        return f"{value} is not of type {error.validator_value}"
    if error.validator in ("enum", "const"):
        return f"{value} is not one of {error.validator_value}"
    return _shorten(error.message)


def _schema_errors(data: Any) -> list[jsonschema.ValidationError]:
    """Every schema violation in ``data``, by path (the slow, explaining validator)."""
    import jsonschema  # late: needed only to explain an invalid spec

    validator = jsonschema.Draft202012Validator(spec_schema())
    return sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))


def loads_spec(text: str, where: str) -> Spec:
    """Parse and validate a spec's JSON text; ``where`` names the file in errors."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GeneratorError.single(
            f"{where}:{exc.lineno}",
            f"not valid JSON: {exc.msg}",
            "regenerate it with 'dtogen scrape' or fix the syntax",
        ) from None
    # The compiled check answers "valid?"; jsonschema runs only to explain a "no".
    errors = [] if _fast_check()(data) else _schema_errors(data)
    if errors:
        first = errors[0]
        path = "$" + "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in first.absolute_path
        )
        raise GeneratorError.single(
            f"{where}: {path}",
            f"does not match the spec schema: {_explain(first)}",
            "specs are written by 'dtogen scrape'; re-scrape or fix the value",
        )
    if data.get("schema_version") != SCHEMA_VERSION:
        raise GeneratorError.single(
            where,
            f"schema_version {data.get('schema_version')!r} is not supported "
            f"(this dtogen reads {SCHEMA_VERSION})",
            "re-scrape the pages with this version of dtogen",
        )
    try:
        return cast(Spec, _from_jsonable(Spec, data, "$"))
    except ValueError as exc:
        raise GeneratorError.single(where, str(exc), "fix the type text in the spec") from None


def read_spec(path: Path, display: str | None = None) -> Spec:
    """Read and validate ``path``."""
    return loads_spec(path.read_text(encoding="utf-8"), display or str(path))
