"""Python names for .NET names: valid, keyword-safe, stable and collision-free.

Every identifier that reaches generated code is produced here. Field names are
assigned over whole inheritance chains, because a dataclass subclass that repeats a
base field name silently replaces it: seed ``ym_rest`` declares ``client_id`` on the
request and inherits ``ClientID``; both must survive under distinct names. What automatic
naming cannot settle, the ``names`` map of ``[tool.dtogen.services.NAME]`` pins; every
collision warning says which line to add.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from generator.config import active_options
from generator.diagnostics import Diagnostics, GeneratorError
from generator.ir import Spec, TypeDef
from generator.mapper.drafts import to_camel

#: Names generated classes define themselves or that field annotations rely on.
RESERVED_MEMBERS: frozenset[str] = frozenset(
    {
        "to_dict",
        "from_dict",
        "to_json",
        "from_json",
        "to_xml",
        "from_xml",
        "_write_xml",
        "_read_xml",
        "_xml_name",
        "_xml_ns",
        "str",
        "int",
        "bool",
        "float",
        "bytes",
        "dict",
        "list",
        "object",
        "tuple",
        "set",
        "type",
        "self",
        "cls",
        "mro",
    }
)
#: Module-level names a generated module binds; DTO classes may not reuse them.
RESERVED_MODULE: frozenset[str] = frozenset(
    {"annotations", "dataclasses", "enum", "typing", "Any", "ClassVar", "Element", "Self"}
)

_SPLIT_LOWER_UPPER = re.compile(r"([a-z0-9])([A-Z])")
_SPLIT_ACRONYM = re.compile(r"([A-Z]+)([A-Z][a-z])")
_NON_IDENT = re.compile(r"[^0-9A-Za-z_]+")
MAX_IDENTIFIER = 80


def _ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _finish(name: str, fallback: str, reserved: frozenset[str]) -> str:
    name = _NON_IDENT.sub("_", name).strip("_")
    name = re.sub(r"__+", "_", name)[:MAX_IDENTIFIER].rstrip("_")
    if not name:
        name = fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in reserved:
        name += "_"
    return name


def snake_case(name: str) -> str:
    """``ClientID``→``client_id``, ``HttpStatusCode``→``http_status_code``, keywords get ``_``."""
    text = _ascii_fold(name)
    text = _SPLIT_ACRONYM.sub(r"\1_\2", text)
    text = _SPLIT_LOWER_UPPER.sub(r"\1_\2", text)
    return _finish(text.lower(), "field", RESERVED_MEMBERS)


def servicestack_snake(name: str) -> str:
    """ServiceStack's ``ToLowercaseUnderscore`` (``ClientID``→``client_i_d``), sanitised."""
    camel = to_camel(_ascii_fold(name))
    text = "".join(f"_{c.lower()}" if c.isupper() else c for c in camel)
    return _finish(text, "field", RESERVED_MEMBERS)


def class_name(name: str) -> str:
    """A valid class identifier for a .NET type name (generic arity and dots removed)."""
    text = _ascii_fold(name).split("`")[0].replace(".", "_")
    text = _NON_IDENT.sub("_", text).strip("_")
    text = text[:MAX_IDENTIFIER] or "Type"
    if text[0].isdigit():
        text = "T" + text
    if keyword.iskeyword(text) or keyword.issoftkeyword(text) or text in RESERVED_MODULE:
        text += "_"
    return text


def enum_member_name(name: str) -> str:
    """``authorization_code``→``AUTHORIZATION_CODE``, ``JavaLite``→``JAVA_LITE``."""
    return snake_case(name).rstrip("_").upper() or "MEMBER"


@dataclass(frozen=True, slots=True)
class Names:
    """The Python names of one spec: classes, enums and (type, field) pairs."""

    classes: dict[str, str]
    fields: dict[tuple[str, str], str]


def _chain(spec: Spec, t: TypeDef) -> list[TypeDef]:
    out = [t]
    while out[-1].base is not None:
        base = spec.type_named(out[-1].base.name)
        if base is None or base in out:
            break
        out.append(base)
    return out


def name_override_hint(service: str, key: str, name: str) -> str:
    """The exact ``pyproject.toml`` line that pins ``key`` (``Type`` or ``Type.Member``)."""
    return (
        f'to choose the name yourself, add the line \'"{key}" = "{name}"\' under '
        f"[tool.dtogen.services.{service}.names] in pyproject.toml"
    )


def _overrides_for(spec: Spec, overrides: Mapping[str, str] | None) -> dict[str, str]:
    if overrides is not None:
        return dict(overrides)
    options = active_options(spec.service)
    return options.name_map if options is not None else {}


def check_overrides(spec: Spec, overrides: Mapping[str, str], diags: Diagnostics) -> None:
    """Warn about override keys that name no type or declared member of ``spec``."""
    members = {f"{t.name}.{f.name}" for t in spec.types for f in t.fields}
    types = {t.name for t in spec.types} | {e.name for e in spec.enums}
    for key in sorted(overrides):
        if key in members or key in types:
            continue
        owner, _, member = key.rpartition(".")
        hint = "keys are a type name or 'Type.Member' with the type that declares the member"
        if owner and member:
            declaring = sorted(
                f"{t.name}.{f.name}" for t in spec.types for f in t.fields if f.name == member
            )
            if declaring:
                hint = f"did you mean {' or '.join(repr(d) for d in declaring)}?"
        diags.warning(
            f"[tool.dtogen.services.{spec.service}.names] {key!r}",
            f"{key!r} names no type or member of service {spec.service!r}; the override is unused",
            hint,
        )


def _override_error(spec: Spec, key: str, message: str) -> GeneratorError:
    return GeneratorError.single(
        f"[tool.dtogen.services.{spec.service}.names] {key!r}",
        message,
        "pick another name in the override map",
    )


def _class_names(spec: Spec, overrides: dict[str, str], diags: Diagnostics) -> dict[str, str]:
    names = sorted(t.name for t in spec.types) + sorted(e.name for e in spec.enums)
    classes: dict[str, str] = {}
    taken: dict[str, str] = {}
    for name in names:  # pinned names first, so automatic names avoid them
        if name in overrides:
            py = overrides[name]
            if py in taken:
                raise _override_error(spec, name, f"{py!r} is already the name of {taken[py]}")
            if py in RESERVED_MODULE:
                raise _override_error(spec, name, f"{py!r} is a name generated modules use")
            classes[name], taken[py] = py, name
    for name in names:
        if name in classes:
            continue
        py = class_name(name)
        i = 2
        while py in taken:
            py, i = f"{class_name(name)}_{i}", i + 1
        if py != class_name(name):
            diags.warning(
                f"specs/{spec.service}.json: {name}",
                f"type {name!r} and type {taken[class_name(name)]!r} both map to Python class "
                f"{class_name(name)!r}; {name!r} is generated as {py!r}",
                name_override_hint(spec.service, name, py),
            )
        elif py != name:
            diags.info(
                f"specs/{spec.service}.json: {name}", f"type {name!r} is generated as {py!r}"
            )
        classes[name], taken[py] = py, name
    return classes


def assign_names(
    spec: Spec, diags: Diagnostics, overrides: Mapping[str, str] | None = None
) -> Names:
    """Assign class and field names for a whole spec, resolving collisions deterministically.

    ``overrides`` maps ``"Type"`` or ``"Type.Member"`` (the declaring type) to a Python
    name; by default it is the ``names`` table of the service in the active configuration
    (:func:`generator.config.configured`). Pinned names are kept; along every inheritance
    chain field names must be distinct. When two fields want the same name, a pinned one
    keeps it, else the one whose .NET name already *is* that name; the other takes
    ServiceStack's own snake form (``client_i_d``), then a numeric suffix. Two pinned names
    that collide are an error.
    """
    pinned = _overrides_for(spec, overrides)
    classes = _class_names(spec, pinned, diags)
    fields = {(t.name, f.name): snake_case(f.name) for t in spec.types for f in t.fields}
    pinned_fields: set[tuple[str, str]] = set()
    for key in fields:
        py = pinned.get(f"{key[0]}.{key[1]}")
        if py is None:
            continue
        if py in RESERVED_MEMBERS:
            raise _override_error(spec, f"{key[0]}.{key[1]}", f"{py!r} is a name DTOs define")
        fields[key] = py
        pinned_fields.add(key)
    for _ in range(len(fields) + 1):
        if not _resolve_one(spec, fields, pinned_fields, diags):
            break
    return Names(classes=classes, fields=fields)


def _resolve_one(
    spec: Spec,
    fields: dict[tuple[str, str], str],
    pinned: set[tuple[str, str]],
    diags: Diagnostics,
) -> bool:
    for t in sorted(spec.types, key=lambda t: t.name):
        members = [
            (level.name, f.name) for level in reversed(_chain(spec, t)) for f in level.fields
        ]
        by_name: dict[str, list[tuple[str, str]]] = {}
        for key in members:
            by_name.setdefault(fields[key], []).append(key)
        for py, keys in by_name.items():
            if len(keys) < 2:
                continue
            fixed = [k for k in keys if k in pinned]
            if len(fixed) > 1:
                a, b = fixed[0], fixed[1]
                raise _override_error(
                    spec,
                    f"{b[0]}.{b[1]}",
                    f"{a[0]}.{a[1]} and {b[0]}.{b[1]} are both pinned to {py!r} in one "
                    f"inheritance chain ({t.name})",
                )
            keeper = fixed[0] if fixed else next((k for k in keys if k[1] == py), keys[0])
            loser = next(k for k in keys if k != keeper)
            used = set(by_name)
            new = servicestack_snake(loser[1])
            i = 2
            while new in used:
                new, i = f"{py}_{i}", i + 1
            fields[loser] = new
            diags.warning(
                f"specs/{spec.service}.json: {loser[0]}.{loser[1]}",
                f"{loser[0]}.{loser[1]} and {keeper[0]}.{keeper[1]} both map to Python name "
                f"{py!r}; {loser[0]}.{loser[1]} is generated as {new!r}",
                name_override_hint(spec.service, f"{loser[0]}.{loser[1]}", new),
            )
            return True
    return False
