"""The JSON form of the IR (``specs/<service>.json``): versioned, validated, stable.

Writing: explicit field names, ``sort_keys``, 2-space indent, ``\\n`` line endings and
a trailing newline; type references are printed as C#-like text (``List<string>``,
``long?``) so a reviewer reads them at a glance. Reading: the file is validated
against the JSON Schema shipped in ``generator/schema/spec.schema.json`` first, so a
hand-edited spec fails with a path (``$.types[2].fields[0].type``), not a traceback.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

import jsonschema

from generator.diagnostics import GeneratorError
from generator.ir import SCHEMA_VERSION, Spec
from generator.typeref import TypeRef, TypeSyntaxError, parse_type

T = TypeVar("T")


@cache
def spec_schema() -> dict[str, Any]:
    """The JSON Schema every ``specs/*.json`` file must satisfy."""
    text = resources.files("generator.schema").joinpath("spec.schema.json").read_text("utf-8")
    return cast(dict[str, Any], json.loads(text))


def _to_jsonable(value: Any) -> Any:
    if isinstance(value, TypeRef):
        return value.to_json()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_to_jsonable(v) for v in value]
    return value


def dumps_spec(spec: Spec) -> str:
    """Serialize a spec to its canonical JSON text (deterministic, trailing newline)."""
    return json.dumps(_to_jsonable(spec), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _from_jsonable(tp: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    if tp is TypeRef:
        try:
            return parse_type(value, "csharp")
        except TypeSyntaxError as exc:
            raise ValueError(f"{path}: {exc}") from None
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_jsonable(inner, value, path)
    if origin is tuple:
        inner = typing.get_args(tp)[0]
        return tuple(_from_jsonable(inner, v, f"{path}[{i}]") for i, v in enumerate(value))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = _hints(tp)
        kwargs = {
            f.name: _from_jsonable(hints[f.name], value[f.name], f"{path}.{f.name}")
            for f in dataclasses.fields(tp)
            if f.name in value
        }
        return tp(**kwargs)
    return value


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
    validator = jsonschema.Draft202012Validator(spec_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
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
