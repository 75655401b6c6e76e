""".NET type → Python annotation, default value and codec expressions, per wire format.

One :class:`Prim` per primitive family in :data:`PRIMS`; enums, DTO classes, closed
generic types (``QueryResponse<Booking>``) and containers (``List``, ``Dictionary``,
``KeyValuePair``) compose through expressions. Containers call per-shape helper functions
(``_jd_list_str``) that the module template emits once per distinct container type.
Expressions are built here; statements and blocks live in the templates. The mapping of
every type is documented in ``docs/type-mapping.md``.

Expression templates use ``{}`` for the value, or ``{v}``/``{k}`` (value, key literal) and
``{el}`` (an XML element); generated code has ``path`` (the parent's path) in scope.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field, replace

from generator.catalogue import NS_SERVICESTACK
from generator.typeref import TypeRef

NS_ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
NS_XSD = "http://www.w3.org/2001/XMLSchema"
NS_SERIALIZATION = "http://schemas.microsoft.com/2003/10/Serialization/"
NS_SYSTEM = "http://schemas.datacontract.org/2004/07/System"
NS_SCG = "http://schemas.datacontract.org/2004/07/System.Collections.Generic"
BUILTIN_NAMESPACES = frozenset({NS_XSD, NS_SERIALIZATION})


@dataclass(frozen=True, slots=True)
class Prim:
    """How one .NET primitive maps to Python and to each wire format."""

    annotation: str
    default: str
    json_enc: str  # "{}" → JSON value
    json_dec: str  # "{v}", "{k}" → Python value
    jsv_enc: str  # "{}" → JSV value (str is escaped by the writer, Raw is not)
    jsv_dec: str  # "{v}", "{k}" → Python value (also decodes dictionary keys)
    xml_text: str  # "{}" → element text
    xml_read: str  # "{el}" → Python value
    contract: str  # DataContract name (ArrayOf<contract>, KeyValueOf<K><V>)
    contract_ns: str = NS_XSD
    key_json: str | None = None  # "{}" → JSON object key; None: not usable as a key
    key_jsv: str | None = None  # "{}" → JSV map key
    jsonnet: str | None = None  # "{}" → Json.NET value/key text when it differs (Web API)


def _p(
    annotation: str,
    default: str,
    json: tuple[str, str],
    jsv: tuple[str, str],
    xml: tuple[str, str],
    contract: str,
    ns: str = NS_XSD,
    keys: tuple[str, str] | None = None,
    jsonnet: str | None = None,
) -> Prim:
    return Prim(
        annotation,
        default,
        json[0],
        json[1],
        jsv[0],
        jsv[1],
        xml[0],
        xml[1],
        contract,
        ns,
        keys[0] if keys else None,
        keys[1] if keys else None,
        jsonnet,
    )


def _int(kind: str, contract: str) -> Prim:
    return _p(
        "int",
        "0",
        ("{}", f"_rt.j_{kind}({{v}}, path, {{k}})"),
        ("{}", f"_tx.v_{kind}({{v}}, path, {{k}})"),
        ("str({})", f"_rt.x_{kind}({{el}}, path)"),
        contract,
        keys=("str({})", "{}"),
    )


_STR = (
    ("{}", "{v} if type({v}) is str else _rt.j_str({v}, path, {k})"),
    ("{}", "_tx.v_str({v}, path, {k})"),
    ("{}", '{el}.text or ""'),
)
_FLOAT = (
    ("{}", "_rt.j_float({v}, path, {k})"),
    ("{}", "_tx.v_float({v}, path, {k})"),
    ("_rt.x_float_text({})", "_rt.x_float({el}, path)"),
)
PRIMS: dict[str, Prim] = {
    "string": _p("str", "None", *_STR, "string", keys=("{}", "{}")),
    "Uri": _p("str", "None", *_STR, "anyURI", keys=("{}", "{}")),
    "char": _p(
        "str",
        '"\\x00"',
        ("{}", "_rt.j_char({v}, path, {k})"),
        ("_tx.jsv_char({})", "_tx.v_char({v}, path, {k})"),
        ("_rt.x_char_text({})", "_rt.x_char({el}, path)"),
        "char",
        NS_SERIALIZATION,
        keys=("{}", "_tx.jsv_char({})"),
    ),
    "bool": _p(
        "bool",
        "False",
        ("{}", "_rt.j_bool({v}, path, {k})"),
        ("{}", "_tx.v_bool({v}, path, {k})"),
        ("_rt.x_bool_text({})", "_rt.x_bool({el}, path)"),
        "boolean",
        keys=("_rt.x_bool_text({})", "{}"),
    ),
    "sbyte": _int("SByte", "byte"),
    "byte": _int("Byte", "unsignedByte"),
    "short": _int("Int16", "short"),
    "ushort": _int("UInt16", "unsignedShort"),
    "int": _int("Int32", "int"),
    "uint": _int("UInt32", "unsignedInt"),
    "long": _int("Int64", "long"),
    "ulong": _int("UInt64", "unsignedLong"),
    "float": _p("float", "0.0", *_FLOAT, "float", keys=("_rt.x_float_text({})", "{}")),
    "double": _p("float", "0.0", *_FLOAT, "double", keys=("_rt.x_float_text({})", "{}")),
    "decimal": _p(
        "_decimal.Decimal",
        "_decimal.Decimal(0)",
        ("{}", "_rt.j_decimal({v}, path, {k})"),
        ("{}", "_tx.v_decimal({v}, path, {k})"),
        ("_rt.x_decimal_text({})", "_rt.x_decimal({el}, path)"),
        "decimal",
        keys=("_rt.x_decimal_text({})", "{}"),
    ),
    "DateTime": _p(
        "_dt.datetime",
        "_dt.datetime(1, 1, 1)",
        ("_rt.json_dt({})", "_rt.j_datetime({v}, path, {k})"),
        ("_tx.jsv_dt({})", "_tx.v_datetime({v}, path, {k})"),
        ("_rt.x_datetime_text({})", "_rt.x_datetime({el}, path)"),
        "dateTime",
        keys=("_rt.json_dt({})", "_tx.jsv_dt({})"),
        jsonnet="_rt.x_datetime_text({})",
    ),
    "DateTimeOffset": _p(
        "_dt.datetime",
        "_dt.datetime(1, 1, 1, tzinfo=_dt.timezone.utc)",
        ("_rt.json_dto({})", "_rt.j_datetimeoffset({v}, path, {k})"),
        ("_tx.jsv_dto({})", "_tx.v_datetimeoffset({v}, path, {k})"),
        ("", "_rt.x_datetimeoffset({el}, path)"),
        "DateTimeOffset",
        NS_SYSTEM,
        jsonnet="_rt.jsonnet_dto({})",
    ),
    "TimeSpan": _p(
        "_dt.timedelta",
        "_dt.timedelta(0)",
        ("_rt.json_timespan({})", "_rt.j_timespan({v}, path, {k})"),
        ("_tx.jsv_timespan({})", "_tx.v_timespan({v}, path, {k})"),
        ("_rt.x_timespan_text({})", "_rt.x_timespan({el}, path)"),
        "duration",
        NS_SERIALIZATION,
        keys=("_rt.json_timespan({})", "_tx.jsv_timespan({})"),
        jsonnet="_rt.clock_timespan({})",
    ),
    "Guid": _p(
        "_uuid.UUID",
        "_uuid.UUID(int=0)",
        ("_rt.json_guid({})", "_rt.j_guid({v}, path, {k})"),
        ("_tx.jsv_guid({})", "_tx.v_guid({v}, path, {k})"),
        ("_rt.x_guid_text({})", "_rt.x_guid({el}, path)"),
        "guid",
        NS_SERIALIZATION,
        keys=("{}.hex", "_tx.jsv_guid({})"),
        jsonnet="str({})",
    ),
    "object": _p(
        "_t.Any",
        "None",
        ("{}", "{v}"),
        ("{}", "_tx.v_object({v}, path, {k})"),
        ("str({})", "_rt.x_str({el})"),
        "anyType",
    ),
}
BYTES = _p(
    "bytes",
    "None",
    ("_rt.b64({})", "_rt.j_bytes({v}, path, {k})"),
    ("_tx.jsv_b64({})", "_tx.v_bytes({v}, path, {k})"),
    ("_rt.x_bytes_text({})", "_rt.x_bytes({el}, path)"),
    "base64Binary",
)
REFERENCE_PRIMS = frozenset({"string", "Uri", "object"})


class TypeMapError(ValueError):
    """A documented type this generator cannot map (e.g. a dictionary keyed by a class)."""


@dataclass(frozen=True, slots=True)
class TypeCtx:
    """What the type map needs to know about a spec's named types."""

    classes: dict[str, str]  # .NET class name → Python class name
    enums: dict[str, str]  # .NET enum name → Python enum name
    enum_defaults: dict[str, str]  # .NET enum name → "Enum.MEMBER" (its .NET default)
    xml_ns: dict[str, str]  # .NET type name → DataContract namespace
    flags: dict[str, str] = field(default_factory=dict)  # [Flags] enum → wire-table constant
    contract_names: dict[str, str] = field(default_factory=dict)  # class → contract name
    closed: dict[str, str] = field(default_factory=dict)  # "G<A>" → Python class of G<A>
    typevars: dict[str, str] = field(default_factory=dict)  # generic parameter → TypeVar
    jsonnet: bool = False  # Json.NET value formats (Web API services)


def prim(t: TypeRef) -> Prim | None:
    """The primitive entry for ``t`` (``byte[]`` included), or None."""
    if t.is_bytes:
        return BYTES
    return PRIMS.get(t.name) if not t.args else None


def is_kvp(t: TypeRef) -> bool:
    """True for ``KeyValuePair<K, V>``."""
    return t.name == "KeyValuePair" and len(t.args) == 2


def is_container(t: TypeRef) -> bool:
    """Lists, dictionaries and key/value pairs: types written through shape helpers."""
    return t.is_list or t.is_dict or is_kvp(t)


def is_closed_generic(t: TypeRef, ctx: TypeCtx) -> bool:
    """A DTO class used with type arguments (``QueryResponse<Booking>``)."""
    return bool(t.args) and t.name in ctx.classes and not is_container(t)


def closed_key(t: TypeRef) -> str:
    """The canonical text of a closed generic type (nullability dropped)."""
    return str(replace(t, nullable=False))


def substitute(t: TypeRef, bindings: dict[str, TypeRef]) -> TypeRef:
    """``t`` with generic parameters replaced (``List<T>`` with T=Booking → ``List<Booking>``)."""
    if not bindings:
        return t
    if not t.args and t.name in bindings:
        bound = bindings[t.name]
        return replace(bound, nullable=bound.nullable or t.nullable)
    if not t.args:
        return t
    return replace(t, args=tuple(substitute(a, bindings) for a in t.args))


def has_params(t: TypeRef, ctx: TypeCtx) -> bool:
    """True when ``t`` still mentions a generic parameter (an open type)."""
    return (not t.args and t.name in ctx.typevars) or any(has_params(a, ctx) for a in t.args)


def shape_id(t: TypeRef, ctx: TypeCtx) -> str:
    """A Python-identifier fragment naming a type shape (``list_ResponseError``)."""
    p = prim(t)
    if p is not None:
        return "bytes" if t.is_bytes else t.name.lower()
    if t.is_list:
        return f"list_{shape_id(t.args[0], ctx)}"
    if t.is_dict:
        return f"dict_{shape_id(t.args[0], ctx)}_{shape_id(t.args[1], ctx)}"
    if is_kvp(t):
        return f"kvp_{shape_id(t.args[0], ctx)}_{shape_id(t.args[1], ctx)}"
    if is_closed_generic(t, ctx):
        return ctx.closed[closed_key(t)]
    return ctx.classes.get(t.name) or ctx.enums.get(t.name) or ctx.typevars.get(t.name) or t.name


def is_value_type(t: TypeRef, ctx: TypeCtx) -> bool:
    """True when .NET gives ``t`` a non-null default (numbers, bool, dates, enums…)."""
    if t.nullable:
        return False
    p = prim(t)
    if p is not None:
        return t.name not in REFERENCE_PRIMS and not t.is_bytes
    return t.name in ctx.enums and not t.args


def annotation(t: TypeRef, ctx: TypeCtx, *, optional: bool = True) -> str:
    """The Python annotation; reference types and ``T?`` get ``| None`` when ``optional``."""
    p = prim(t)
    if p is not None:
        core = p.annotation
    elif t.is_list:
        core = f"list[{annotation(t.args[0], ctx, optional=False)}]"
    elif t.is_dict or is_kvp(t):
        kind = "dict" if t.is_dict else "tuple"
        core = (
            f"{kind}[{annotation(t.args[0], ctx, optional=False)}, "
            f"{annotation(t.args[1], ctx, optional=False)}]"
        )
    elif is_closed_generic(t, ctx) and closed_key(t) in ctx.closed:
        core = ctx.closed[closed_key(t)]
    elif is_closed_generic(t, ctx):
        args = ", ".join(annotation(a, ctx, optional=False) for a in t.args)
        core = f"{ctx.classes[t.name]}[{args}]"
    elif t.name in ctx.typevars and not t.args:
        core = ctx.typevars[t.name]
    elif t.name in ctx.enums:
        core = ctx.enums[t.name]
    else:
        core = ctx.classes[t.name]
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


def _class_ref(t: TypeRef, ctx: TypeCtx) -> str:
    if is_closed_generic(t, ctx):
        return ctx.closed[closed_key(t)]
    return ctx.classes[t.name]


def json_encode(t: TypeRef, v: str, ctx: TypeCtx) -> str:
    """Expression turning non-None ``v`` into its JSON value."""
    p = prim(t)
    if p is not None:
        return (p.jsonnet if ctx.jsonnet and p.jsonnet else p.json_enc).format(v)
    if is_container(t):
        return f"_je_{shape_id(t, ctx)}({v})"
    if t.name in ctx.enums:
        return f"{v}.value"
    return f"{v}.to_dict()"


def json_decode(t: TypeRef, v: str, ctx: TypeCtx, key: str, child_path: str | None = None) -> str:
    """Expression checking/decoding JSON value ``v`` found under ``key`` (a Python literal).

    ``child_path`` is a cheaper expression equal to ``_rt.at(path, key)`` when one is known.
    """
    p = prim(t)
    if p is not None:
        return p.json_dec.format(v=v, k=key)
    sub = child_path or f"_rt.at(path, {key})"
    if is_container(t):
        return f"_jd_{shape_id(t, ctx)}({v}, {sub})"
    if t.name in ctx.flags:
        return f"_rt.j_flags({ctx.enums[t.name]}, {v}, path, {key})"
    if t.name in ctx.enums:
        return f"_rt.j_enum({ctx.enums[t.name]}, {v}, path, {key})"
    return f"{_class_ref(t, ctx)}.from_dict({v}, {sub})"


def jsv_encode(t: TypeRef, v: str, ctx: TypeCtx) -> str:
    """Expression turning non-None ``v`` into its JSV value (for :func:`_text.jsv_dumps`)."""
    p = prim(t)
    if p is not None:
        return p.jsv_enc.format(v)
    if is_container(t):
        return f"_ve_{shape_id(t, ctx)}({v})"
    if t.name in ctx.enums:
        return f"{v}.value"
    return f"{v}._to_jsv()"


def jsv_decode(t: TypeRef, v: str, ctx: TypeCtx, key: str) -> str:
    """Expression decoding JSV value ``v`` (strings, lists, maps) found under ``key``."""
    p = prim(t)
    if p is not None:
        return p.jsv_dec.format(v=v, k=key)
    sub = f"_rt.at(path, {key})"
    if is_container(t):
        return f"_vd_{shape_id(t, ctx)}({v}, {sub})"
    if t.name in ctx.flags:
        return f"_tx.v_flags({ctx.enums[t.name]}, {v}, path, {key})"
    if t.name in ctx.enums:
        return f"_tx.v_enum({ctx.enums[t.name]}, {v}, path, {key})"
    return f"{_class_ref(t, ctx)}._from_jsv({v}, {sub})"


def key_supported(t: TypeRef, ctx: TypeCtx) -> bool:
    """Whether ``t`` can key a dictionary (primitives with a text form, and enums)."""
    p = prim(t)
    if p is not None:
        return p.key_json is not None
    return t.name in ctx.enums and not t.args


def key_encode(t: TypeRef, k: str, ctx: TypeCtx, fmt: str) -> str:
    """Expression of dictionary key ``k`` as a JSON object key (``fmt="json"``) or JSV key."""
    p = prim(t)
    if p is not None:
        template = p.key_json if fmt == "json" else p.key_jsv
        if template is not None and fmt == "json" and ctx.jsonnet and p.jsonnet:
            template = p.jsonnet
        if template is None:
            raise TypeMapError(f"{t} cannot be a dictionary key")
        return template.format(k)
    if t.name in ctx.flags and fmt == "json":
        return f"str({k}.value)"
    if t.name in ctx.enums:
        return f"{k}.value"
    raise TypeMapError(f"{t} cannot be a dictionary key")


def key_decode(t: TypeRef, k: str, ctx: TypeCtx) -> str:
    """Expression decoding key text ``k`` (JSON object key or JSV map key)."""
    if t.name in ("string", "Uri") and not t.args:
        return k
    return jsv_decode(t, k, ctx, k)


def contract(t: TypeRef, ctx: TypeCtx) -> tuple[str, str]:
    """DataContract (name, namespace) of ``t`` as a member, item or generic argument."""
    p = prim(t)
    if p is not None:
        return p.contract, p.contract_ns
    if t.is_list:
        item = t.args[0]
        name, ns = contract(item, ctx)
        if item.nullable and is_value_type(replace(item, nullable=False), ctx):
            ns = NS_SYSTEM  # List<int?>: Nullable`1 lives in System (reference §3.6)
        return f"ArrayOf{name}", (NS_ARRAYS if ns in BUILTIN_NAMESPACES else ns)
    if t.is_dict:
        return f"ArrayOf{generic_name('KeyValueOf', t.args, ctx)}", NS_ARRAYS
    if is_kvp(t):
        return generic_name("KeyValuePairOf", t.args, ctx), NS_SCG
    ns = ctx.xml_ns.get(t.name, NS_SERVICESTACK)
    base = ctx.contract_names.get(t.name, t.name)
    if t.args:
        return generic_name(f"{base}Of", t.args, ctx), ns
    return base, ns


def generic_name(prefix: str, args: tuple[TypeRef, ...], ctx: TypeCtx) -> str:
    """``{prefix}{Arg1}{Arg2}`` plus the namespaces digest when an argument's contract lives
    outside the built-in XSD/Serialization namespaces (reference §3.2)."""
    parts = [contract(a, ctx) for a in args]
    name = prefix + "".join(n for n, _ in parts)
    namespaces = [ns for _, ns in parts]
    if any(ns not in BUILTIN_NAMESPACES for ns in namespaces):
        name += _digest(namespaces)
    return name


def contract_name(t: TypeRef, ctx: TypeCtx) -> str:
    """DataContract name of a type as a collection item (``string``, ``ResponseError``)."""
    return contract(t, ctx)[0]


def contract_ns(t: TypeRef, ctx: TypeCtx) -> str:
    """DataContract namespace of ``t``'s contract (collections of primitives → Arrays)."""
    return contract(t, ctx)[1]


def _digest(namespaces: list[str]) -> str:
    """DataContract's generic-name digest (reference §3.2): MD5 of ``" {n} {ns1} {ns2}…"``,
    first 6 bytes, base64 without ``=``, ``/`` → ``_S``, ``+`` → ``_P``."""
    data = f" {len(namespaces)} " + " ".join(namespaces)
    raw = base64.b64encode(hashlib.md5(data.encode("utf-8")).digest()[:6]).decode("ascii")
    return raw.rstrip("=").replace("/", "_S").replace("+", "_P")


def kv_item_name(t: TypeRef, ctx: TypeCtx) -> str:
    """``KeyValueOf{K}{V}`` plus the digest when an argument lives outside built-in namespaces."""
    return generic_name("KeyValueOf", t.args, ctx)


def is_simple(t: TypeRef, ctx: TypeCtx) -> bool:
    """Primitive (but not ``DateTimeOffset``) or enum: written as one text element."""
    p = prim(t)
    if p is not None:
        return t.name != "DateTimeOffset"
    return t.name in ctx.enums and not t.args


def needs_xml_decl(t: TypeRef, declaring_ns: str, ctx: TypeCtx) -> str | None:
    """The namespace DCS declares with a ``dNpM`` prefix on a member of type ``t``, if any."""
    if is_simple(t, ctx):
        return None
    ns = contract_ns(t, ctx)
    return None if ns == declaring_ns else ns


def xml_text(t: TypeRef, v: str, ctx: TypeCtx) -> str:
    """Expression giving the element text of simple value ``v``."""
    p = prim(t)
    if p is not None:
        return p.xml_text.format(v)
    if t.name in ctx.flags:
        return f"_rt.flags_text({v}, {ctx.flags[t.name]})"
    return f"{v}.value"


def xml_read(t: TypeRef, el: str, ctx: TypeCtx, child_path: str | None = None) -> str:
    """Expression reading element ``el`` (not nil) as a ``t`` value; ``path`` is its parent.

    ``child_path`` is an expression of ``el``'s own path when it is known without looking at
    ``el`` (a member element: its name is fixed), else ``_rt.xpath`` computes it.
    """
    p = prim(t)
    if p is not None:
        return p.xml_read.format(el=el)
    if t.name in ctx.flags:
        return f"_rt.x_flags({ctx.enums[t.name]}, {ctx.flags[t.name]}, {el}, path)"
    if t.name in ctx.enums:
        return f"_rt.x_enum({ctx.enums[t.name]}, {el}, path)"
    sub = child_path or f"_rt.xpath(path, {el})"
    if is_container(t):
        return f"_xr_{shape_id(t, ctx)}({el}, {sub})"
    return f"{_class_ref(t, ctx)}._read_xml({el}, {sub})"


def xml_write_stmt(t: TypeRef, v: str, name: str, ns: str, decl: str, ctx: TypeCtx) -> str:
    """Statement writing complex value ``v`` as element ``name`` (arguments are code text)."""
    if t.name == "DateTimeOffset" and not t.args:
        return f"_rt.write_datetimeoffset(w, {name}, {ns}, {decl}, {v})"
    if is_container(t):
        return f"_xw_{shape_id(t, ctx)}(w, {name}, {ns}, {decl}, {v})"
    return f"_rt.write_object(w, {name}, {ns}, {decl}, {v})"


def container_shapes(t: TypeRef) -> list[TypeRef]:
    """Container types inside ``t`` (inner first), each needing helper functions."""
    found: list[TypeRef] = []
    for a in t.args:
        found.extend(container_shapes(a))
    if is_container(t):
        found.append(replace(t, nullable=False))
    return found
