"""Container shapes and closed generic types: the helper code a module needs besides classes.

A *shape* is one container type (``List<ResponseError>``, ``Dictionary<int, string>``,
``KeyValuePair<string, Guid>``); the module template emits one set of helper functions per
shape and format (``_je_``/``_jd_`` JSON, ``_ve_``/``_vd_`` JSV, ``_xw_``/``_xr_`` XML).

A *closed generic type* (``QueryResponse<Booking>``) is generated as a subclass of the
generic dataclass (``class QueryResponseOfBooking(QueryResponse[Booking])``) that carries
the codecs with the type arguments substituted; :class:`Closed` finds every one a spec uses
and names it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.ir import Spec, TypeDef
from generator.json_text import Lit, fstring_statement, text_expr
from generator.json_text import json_key as key_text
from generator.layout import wrap
from generator.pysafe import py_str
from generator.typemap import (
    NS_ARRAYS,
    NS_SCG,
    TypeCtx,
    TypeMapError,
    annotation,
    closed_key,
    contract,
    has_params,
    is_closed_generic,
    is_container,
    is_kvp,
    is_simple,
    json_decode,
    json_encode,
    jsv_decode,
    jsv_encode,
    key_decode,
    key_encode,
    key_supported,
    kv_item_name,
    needs_xml_decl,
    prim,
    shape_id,
    substitute,
    xml_read,
    xml_text,
    xml_write_stmt,
)
from generator.typeref import TypeRef

Member = tuple[str, str]  # (declared_in, field name)
NsConst = Callable[[str], str]  # namespace URI → module constant name


#: Child path expressions of JSON list items and dictionary values: ``_rt.at(path, i)`` and
#: ``_rt.at(path, k)`` without the call (JSON object keys are strings).
_JSON_ITEM_PATH = {"list": 'f"{path}[{i}]"', "dict": 'f"{path}.{k}"'}
#: ``_rt.xpath(path, item)`` of an XML list item without the call.
_XML_ITEM_PATH = 'path + "/" + item.tag.rpartition("}")[2]'


@dataclass(frozen=True, slots=True)
class ShapeView:
    """Helper functions for one container type (list, dict or kvp)."""

    id: str
    kind: str  # list | dict | kvp
    annotation: str
    key_annotation: str
    item_annotation: str
    json_item_encode: str  # expression of ``x``
    json_item_decode: str  # expression of ``x`` (key literal ``i``/``k``/"value")
    json_key_decode: str  # dict/kvp: expression of ``k``
    json_key_encode: str  # dict/kvp: expression of ``k``
    jsv_item_encode: str  # expression of ``x``
    jsv_item_decode: str  # expression of ``x``
    jsv_key_decode: str  # dict/kvp: expression of ``k``
    jsv_key_encode: str  # dict/kvp: expression of ``k``
    pair_names: tuple[str, str]  # kvp: JSON/JSV member names (literals)
    xml_item_name: str  # literal
    xml_item_ns: str  # constant
    xml_item_write: str  # statement writing ``x``
    xml_item_read: str  # expression of ``item`` (list) or ``value_el`` (dict/kvp)
    text_dict: bool  # dict of strings to strings: JSON objects copied, XML read by the runtime
    xml_key_read: str  # dict/kvp: expression of ``key_el``
    xml_key_write: str  # dict/kvp: statement writing ``k``
    json_item_decoder: str = ""  # ``json_locate``: callable(item, container path) → item
    json_locate: bool = False  # items need child paths: decoded in a loop, errors located
    json_text: str = ""  # list: ``items = …``; dict: ``s += …`` (one item); kvp: ``return …``


class Shapes:
    """Collects the container shapes a module uses, inner shapes first."""

    def __init__(self, ctx: TypeCtx, ns_const: NsConst, camel: bool) -> None:
        self.ctx = ctx
        self.ns_const = ns_const
        self.pair_names_raw = ("key", "value") if camel else ("Key", "Value")
        self.pair_names = (py_str(self.pair_names_raw[0]), py_str(self.pair_names_raw[1]))
        self.views: dict[str, ShapeView] = {}

    def add(self, t: TypeRef) -> None:
        """Register ``t``'s shape (and its inner shapes, added by the caller first)."""
        ctx = self.ctx
        sid = shape_id(t, ctx)
        if sid in self.views:
            return
        item = t.args[-1]
        kind = "list" if t.is_list else "dict" if t.is_dict else "kvp"
        key = t.args[0] if kind != "list" else TypeRef("int")
        if kind != "list" and not key_supported(key, ctx):
            raise TypeMapError(f"{t}: dictionary/pair keys of type {key} are not supported")
        if kind == "dict":
            item_name, item_ns_uri = "Value", NS_ARRAYS
        elif kind == "kvp":
            item_name, item_ns_uri = "value", NS_SCG
        else:
            item_name, (_, item_ns_uri) = contract(item, ctx)[0], contract(t, ctx)
        item_write = self._write(item, "x", item_name, item_ns_uri)
        if kind == "kvp":  # a pair is an object: "key"/"value" members, typed as values
            ik = self.pair_names[1]
            json_key = (json_encode(key, "k", ctx), json_decode(key, "k", ctx, self.pair_names[0]))
            jsv_key = (jsv_encode(key, "k", ctx), jsv_decode(key, "k", ctx, self.pair_names[0]))
        else:  # list index "i", or a dictionary key as text
            ik = "i" if kind == "list" else "k"
            json_key = (key_encode(key, "k", ctx, "json"), key_decode(key, "k", ctx))
            jsv_key = (key_encode(key, "k", ctx, "jsv"), key_decode(key, "k", ctx))
        # items that need a path of their own are decoded with the container's path, in a loop
        # that puts the index (key) into the path of an error only (``_rt.j_locate``)
        locate = kind != "kvp" and (is_container(item) or _is_object(item, ctx))
        decoder = json_decode(item, "x", ctx, ik, "path") if locate else ""
        assert not locate or decoder.endswith("(x, path)"), decoder
        self.views[sid] = ShapeView(
            json_item_decoder=decoder.removesuffix("(x, path)"),
            json_locate=locate,
            json_text=self._json_text(kind, key, item),
            id=sid,
            kind=kind,
            annotation=annotation(t, ctx, optional=False),
            key_annotation=annotation(key, ctx, optional=False),
            item_annotation=annotation(item, ctx, optional=False),
            json_item_encode=json_encode(item, "x", ctx),
            json_item_decode=json_decode(item, "x", ctx, ik, _JSON_ITEM_PATH.get(kind)),
            json_key_encode=json_key[0],
            json_key_decode=json_key[1],
            jsv_item_encode=jsv_encode(item, "x", ctx),
            jsv_item_decode=jsv_decode(item, "x", ctx, ik),
            jsv_key_encode=jsv_key[0],
            jsv_key_decode=jsv_key[1],
            pair_names=self.pair_names,
            xml_item_name=py_str(kv_item_name(t, ctx) if kind == "dict" else item_name),
            xml_item_ns=self.ns_const(item_ns_uri),
            xml_item_write=item_write,
            xml_item_read=(
                xml_read(item, "item", ctx, _XML_ITEM_PATH)
                if kind == "list"
                else xml_read(item, "value_el", ctx)
            ),
            text_dict=kind == "dict" and _is_text(key) and _is_text(item),
            xml_key_read=xml_read(key, "key_el", ctx),
            xml_key_write=self._write(
                key, "k", "Key" if kind == "dict" else "key", NS_SCG if kind == "kvp" else NS_ARRAYS
            ),
        )

    def _json_text(self, kind: str, key: TypeRef, item: TypeRef) -> str:
        """The statement writing a container's JSON text (see :mod:`generator.json_text`)."""
        ctx = self.ctx
        if kind == "list":
            elt = text_expr(item, "x", ctx, in_fstring=False)
            call = elt.removesuffix("(x)")
            if call != elt and call.replace(".", "").replace("_", "").isalnum():
                return f"items = map({call}, v)"  # one C-level loop over a plain function
            return wrap(4, "items = [", [elt, "for x in v"], "]", "comprehension")
        value = text_expr(item, "x", ctx)
        if kind == "dict":  # a loop with += beats a comprehension and join on small objects
            text = f"_rt.jt_str({key_encode(key, 'k', ctx, 'json')})"
            return fstring_statement(8, "s += ", [(Lit(","), text, Lit(":"), value)])
        names = self.pair_names_raw
        units = [
            (Lit("{" + key_text(names[0]) + ":"), text_expr(key, "k", ctx)),
            (Lit("," + key_text(names[1]) + ":"), value, Lit("}")),
        ]
        return fstring_statement(4, "return ", units)

    def _write(self, t: TypeRef, v: str, name: str, ns_uri: str) -> str:
        ns = self.ns_const(ns_uri)
        if is_simple(t, self.ctx):
            return f"w.text({py_str(name)}, {ns}, {xml_text(t, v, self.ctx)})"
        decl = needs_xml_decl(t, ns_uri, self.ctx)
        decl_expr = self.ns_const(decl) if decl else "None"
        return xml_write_stmt(t, v, py_str(name), ns, decl_expr, self.ctx)

    def ordered(self) -> tuple[ShapeView, ...]:
        """The shapes sorted by id (deterministic output)."""
        return tuple(self.views[k] for k in sorted(self.views))


def chain_types(spec: Spec, t: TypeDef, args: tuple[TypeRef, ...]) -> dict[Member, TypeRef]:
    """Every member of ``t``'s inheritance chain with its type, type arguments substituted.

    ``args`` binds ``t``'s own generic parameters; base-class arguments (``: QueryDb<T>``)
    carry the bindings up the chain.
    """
    out: dict[Member, TypeRef] = {}
    bindings = dict(zip(t.generic_params, args, strict=False))
    current: TypeDef | None = t
    seen: set[str] = set()
    while current is not None and current.name not in seen:
        seen.add(current.name)
        for f in current.fields:
            out[(current.name, f.name)] = substitute(f.type, bindings)
        if current.base is None:
            break
        base = spec.type_named(current.base.name)
        if base is None:
            break
        base_args = tuple(substitute(a, bindings) for a in current.base.args)
        bindings = dict(zip(base.generic_params, base_args, strict=False))
        current = base
    return out


def declared_types(spec: Spec, t: TypeDef) -> dict[Member, TypeRef]:
    """Every member of ``t``'s chain with its type as declared (generic parameters kept)."""
    out: dict[Member, TypeRef] = {}
    current: TypeDef | None = t
    seen: set[str] = set()
    while current is not None and current.name not in seen:
        seen.add(current.name)
        out.update({(current.name, f.name): f.type for f in current.fields})
        current = spec.type_named(current.base.name) if current.base else None
    return out


def _is_object(t: TypeRef, ctx: TypeCtx) -> bool:
    """A DTO class (or closed generic type): decoded by ``from_dict`` with a path."""
    return prim(t) is None and not is_container(t) and t.name not in ctx.enums


def _is_text(t: TypeRef) -> bool:
    """``string``/``Uri``: decoded from JSON as the string itself (keys and values)."""
    return t.name in ("string", "Uri") and not t.args


def _part(t: TypeRef, ctx: TypeCtx) -> str:
    """A readable class-name fragment for a type argument (``Booking``, ``String``)."""
    p = prim(t)
    if p is not None:
        return p.contract[:1].upper() + p.contract[1:]
    if t.is_list:
        return "ArrayOf" + _part(t.args[0], ctx)
    if t.is_dict or is_kvp(t):
        head = "Dictionary" if t.is_dict else "KeyValuePair"
        return f"{head}Of{_part(t.args[0], ctx)}{_part(t.args[1], ctx)}"
    if is_closed_generic(t, ctx):
        return ctx.closed[closed_key(t)]
    return ctx.classes.get(t.name) or ctx.enums.get(t.name) or t.name


class Closed:
    """Finds and names the closed generic types a spec uses (fields, items, operations)."""

    def __init__(self, spec: Spec, ctx: TypeCtx, taken: set[str]) -> None:
        self.spec = spec
        self.ctx = ctx
        self.taken = taken
        self.types: dict[str, TypeRef] = {}

    def visit(self, t: TypeRef) -> None:
        """Register every closed generic type inside ``t`` (arguments first)."""
        for a in t.args:
            self.visit(a)
        if not is_closed_generic(t, self.ctx) or has_params(t, self.ctx):
            return
        key = closed_key(t)
        if key in self.types:
            return
        generic = self.spec.type_named(t.name)
        if generic is None or len(generic.generic_params) != len(t.args):
            raise TypeMapError(
                f"{t}: {t.name} takes {len(generic.generic_params) if generic else 0} "
                f"type arguments, not {len(t.args)}"
            )
        base = self.ctx.classes[t.name] + "Of" + "".join(_part(a, self.ctx) for a in t.args)
        name, i = base, 2
        while name in self.taken:
            name, i = f"{base}_{i}", i + 1
        self.taken.add(name)
        self.ctx.closed[key] = name
        self.types[key] = replace(t, nullable=False)
        for member_type in chain_types(self.spec, generic, t.args).values():
            self.visit(member_type)
