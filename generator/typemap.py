""".NET type → Python annotation, default value and codec expressions.

One entry per primitive family in :data:`PRIMS`; containers compose through
expressions that call per-shape helper functions (``_jd_list_str``) which the module
template emits once per distinct container type. Expressions are built here;
statements and blocks live in the templates.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, replace

from generator.catalogue import NS_SERVICESTACK
from generator.typeref import TypeRef

NS_ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
NS_XSD = "http://www.w3.org/2001/XMLSchema"
NS_SERIALIZATION = "http://schemas.microsoft.com/2003/10/Serialization/"


@dataclass(frozen=True, slots=True)
class Prim:
    """How one .NET primitive maps: annotation, default, JSON/XML value codec names."""

    annotation: str
    default: str
    json_kind: str  # runtime checker suffix: j_<kind>
    json_enc: str  # "{}" placeholder for the value
    json_dec: str  # "{v}" = the checked JSON value, "{k}" = its key literal
    xml_text: str  # "{}" placeholder → str
    xml_read: str  # runtime reader name x_<...>
    contract: str  # DataContract item/contract name (ArrayOf<contract>)


_INT = ("int", "0", "int", "{}", "{v}", "str({})", "x_int")
PRIMS: dict[str, Prim] = {
    "string": Prim("str", "None", "str", "{}", "{v}", "{}", "x_str", "string"),
    "Uri": Prim("str", "None", "str", "{}", "{v}", "{}", "x_str", "anyURI"),
    "char": Prim("str", '"\\x00"', "str", "{}", "{v}", "_rt.x_char_text({})", "x_char", "char"),
    "bool": Prim("bool", "False", "bool", "{}", "{v}", "_rt.x_bool_text({})", "x_bool", "boolean"),
    "byte": Prim(*_INT[:-1], "x_int", "unsignedByte"),
    "sbyte": Prim(*_INT, "byte"),
    "short": Prim(*_INT, "short"),
    "ushort": Prim(*_INT, "unsignedShort"),
    "int": Prim(*_INT, "int"),
    "uint": Prim(*_INT, "unsignedInt"),
    "long": Prim(*_INT, "long"),
    "ulong": Prim(*_INT, "unsignedLong"),
    "float": Prim("float", "0.0", "float", "{}", "{v}", "_rt.x_float_text({})", "x_float", "float"),
    "double": Prim(
        "float", "0.0", "float", "{}", "{v}", "_rt.x_float_text({})", "x_float", "double"
    ),
    "decimal": Prim(
        "_decimal.Decimal",
        "_decimal.Decimal(0)",
        "decimal",
        "{}",
        "{v}",
        "_rt.x_decimal_text({})",
        "x_decimal",
        "decimal",
    ),
    "DateTime": Prim(
        "_dt.datetime",
        "_dt.datetime(1, 1, 1)",
        "str",
        "_rt.json_datetime({})",
        "_rt.parse_json_datetime({v}, path, {k})",
        "_rt.x_datetime_text({})",
        "x_datetime",
        "dateTime",
    ),
    "DateTimeOffset": Prim(
        "_dt.datetime",
        "_dt.datetime(1, 1, 1, tzinfo=_dt.timezone.utc)",
        "str",
        "_rt.json_datetime({})",
        "_rt.parse_json_datetime({v}, path, {k})",
        "_rt.x_datetime_text({})",
        "x_datetime",
        "dateTimeOffset",
    ),
    "TimeSpan": Prim(
        "_dt.timedelta",
        "_dt.timedelta(0)",
        "str",
        "_rt.json_timespan({})",
        "_rt.parse_timespan({v}, path, {k})",
        "_rt.x_timespan_text({})",
        "x_timespan",
        "duration",
    ),
    "Guid": Prim(
        "_uuid.UUID",
        "_uuid.UUID(int=0)",
        "str",
        "_rt.json_guid({})",
        "_rt.parse_guid({v}, path, {k})",
        "_rt.x_guid_text({})",
        "x_guid",
        "guid",
    ),
    "object": Prim("_t.Any", "None", "any", "{}", "{}", "str({})", "x_str", "anyType"),
}
BYTES = Prim(
    "bytes",
    "None",
    "str",
    "_rt.b64({})",
    "_rt.parse_b64({v}, path, {k})",
    "_rt.x_bytes_text({})",
    "x_bytes",
    "base64Binary",
)
REFERENCE_PRIMS = frozenset({"string", "Uri", "object"})


@dataclass(frozen=True, slots=True)
class TypeCtx:
    """What the type map needs to know about a spec's named types."""

    classes: dict[str, str]  # .NET class name → Python class name
    enums: dict[str, str]  # .NET enum name → Python enum name
    enum_defaults: dict[str, str]  # .NET enum name → "Enum.FIRST_MEMBER"
    xml_ns: dict[str, str]  # .NET type name → DataContract namespace


def prim(t: TypeRef) -> Prim | None:
    """The primitive entry for ``t`` (``byte[]`` included), or None."""
    if t.is_bytes:
        return BYTES
    return PRIMS.get(t.name) if not t.args else None


def shape_id(t: TypeRef, ctx: TypeCtx) -> str:
    """A Python-identifier fragment naming a type shape (``list_ResponseError``)."""
    p = prim(t)
    if p is not None:
        return "bytes" if t.is_bytes else t.name.lower()
    if t.is_list:
        return f"list_{shape_id(t.args[0], ctx)}"
    if t.is_dict:
        return f"dict_{shape_id(t.args[0], ctx)}_{shape_id(t.args[1], ctx)}"
    return ctx.classes.get(t.name) or ctx.enums.get(t.name) or t.name


def is_value_type(t: TypeRef, ctx: TypeCtx) -> bool:
    """True when .NET gives ``t`` a non-null default (numbers, bool, dates, enums…)."""
    if t.nullable:
        return False
    p = prim(t)
    if p is not None:
        return t.name not in REFERENCE_PRIMS and not t.is_bytes
    return t.name in ctx.enums


def annotation(t: TypeRef, ctx: TypeCtx, *, optional: bool = True) -> str:
    """The Python annotation; reference types and ``T?`` get ``| None`` when ``optional``."""
    p = prim(t)
    if p is not None:
        core = p.annotation
    elif t.is_list:
        core = f"list[{annotation(t.args[0], ctx, optional=False)}]"
    elif t.is_dict:
        core = (
            f"dict[{annotation(t.args[0], ctx, optional=False)}, "
            f"{annotation(t.args[1], ctx, optional=False)}]"
        )
    else:
        core = ctx.classes.get(t.name) or ctx.enums[t.name]
    if optional and not is_value_type(t, ctx) and core != "_t.Any":
        return f"{core} | None"
    return core


def default(t: TypeRef, ctx: TypeCtx) -> str:
    """The field default: .NET's ``default(T)`` for value types, else ``None``."""
    if not is_value_type(t, ctx):
        return "None"
    p = prim(t)
    if p is not None:
        return p.default
    return ctx.enum_defaults[t.name]


def json_encode(t: TypeRef, v: str, ctx: TypeCtx) -> str:
    """Expression turning non-None ``v`` into its JSON value."""
    p = prim(t)
    if p is not None:
        return p.json_enc.format(v)
    if t.is_list or t.is_dict:
        return f"_je_{shape_id(t, ctx)}({v})"
    if t.name in ctx.enums:
        return f"{v}.value"
    return f"{v}.to_dict()"


def json_decode(t: TypeRef, v: str, ctx: TypeCtx, key: str) -> str:
    """Expression checking/decoding JSON value ``v`` found under ``key`` (a Python literal)."""
    p = prim(t)
    if p is not None:
        if p.json_kind == "any":
            return v
        checked = f"_rt.j_{p.json_kind}({v}, path, {key})"
        return p.json_dec.format(v=checked, k=key)
    sub = f"_rt.at(path, {key})"
    if t.is_list or t.is_dict:
        return f"_jd_{shape_id(t, ctx)}({v}, {sub})"
    if t.name in ctx.enums:
        return f"_rt.j_enum({ctx.enums[t.name]}, {v}, path, {key})"
    return f"{ctx.classes[t.name]}.from_dict({v}, {sub})"


def contract_name(t: TypeRef, ctx: TypeCtx) -> str:
    """DataContract name of a type as a collection item (``string``, ``ResponseError``)."""
    p = prim(t)
    if p is not None:
        return p.contract
    if t.is_list:
        return f"ArrayOf{contract_name(t.args[0], ctx)}"
    if t.is_dict:
        k, v = t.args
        return f"ArrayOfKeyValueOf{contract_name(k, ctx)}{contract_name(v, ctx)}"
    return t.name


def contract_ns(t: TypeRef, ctx: TypeCtx) -> str:
    """DataContract namespace of ``t``'s contract (collections of primitives → Arrays)."""
    if prim(t) is not None:
        return NS_XSD
    if t.is_dict:
        return NS_ARRAYS
    if t.is_list:
        inner = t.args[0]
        return NS_ARRAYS if prim(inner) is not None or inner.is_dict else contract_ns(inner, ctx)
    return ctx.xml_ns.get(t.name, NS_SERVICESTACK)


def _digest(namespaces: list[str]) -> str:
    """DataContract's generic-name digest (reference §3.2)."""
    data = f" {len(namespaces)} " + " ".join(namespaces)
    raw = base64.b64encode(hashlib.md5(data.encode("utf-8")).digest()[:6]).decode("ascii")
    return raw.rstrip("=").replace("/", "_S").replace("+", "_P")


def kv_item_name(t: TypeRef, ctx: TypeCtx) -> str:
    """``KeyValueOf{K}{V}`` plus the digest when an argument lives outside built-in namespaces."""
    k, v = t.args
    name = f"KeyValueOf{contract_name(k, ctx)}{contract_name(v, ctx)}"
    namespaces = [contract_ns(k, ctx), contract_ns(v, ctx)]
    builtin = (NS_XSD, NS_SERIALIZATION)
    if any(not ns.startswith(builtin) for ns in namespaces if ns != NS_ARRAYS) or any(
        a.is_list or a.is_dict for a in t.args
    ):
        name += _digest(namespaces)
    return name


def needs_xml_decl(t: TypeRef, declaring_ns: str, ctx: TypeCtx) -> str | None:
    """The namespace DCS declares with a ``dNpM`` prefix on a member of type ``t``, if any."""
    if (prim(t) is not None and not t.is_bytes) or t.name in ctx.enums or t.is_bytes:
        return None
    ns = contract_ns(t, ctx)
    return None if ns == declaring_ns else ns


def xml_text(t: TypeRef, v: str, ctx: TypeCtx) -> str:
    """Expression giving the element text of primitive/enum value ``v``."""
    p = prim(t)
    if p is not None:
        return p.xml_text.format(v)
    return f"{v}.value"


def xml_read(t: TypeRef, el: str, ctx: TypeCtx) -> str:
    """Expression reading element ``el`` (not nil) as a ``t`` value; ``path`` is its parent."""
    p = prim(t)
    if p is not None:
        return f"_rt.x_str({el})" if p.xml_read == "x_str" else f"_rt.{p.xml_read}({el}, path)"
    if t.name in ctx.enums:
        return f"_rt.x_enum({ctx.enums[t.name]}, {el}, path)"
    sub = f"_rt.xpath(path, {el})"
    if t.is_list or t.is_dict:
        return f"_xr_{shape_id(t, ctx)}({el}, {sub})"
    return f"{ctx.classes[t.name]}._read_xml({el}, {sub})"


def is_simple(t: TypeRef, ctx: TypeCtx) -> bool:
    """Primitive or enum: written as a text element."""
    return (prim(t) is not None) or t.name in ctx.enums


def container_shapes(t: TypeRef) -> list[TypeRef]:
    """Container types inside ``t`` (inner first), each needing helper functions."""
    found: list[TypeRef] = []
    for a in t.args:
        found.extend(container_shapes(a))
    if t.is_list or t.is_dict:
        found.append(replace(t, nullable=False))
    return found
