"""Spec → view models: every string a template prints, precomputed and escaped.

Templates only iterate and print; all decisions (names, annotations, codec
expressions, namespaces, ordering) are made here and in :mod:`generator.typemap`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.diagnostics import Diagnostics
from generator.ir import EnumDef, Spec, TypeDef
from generator.naming import Names, assign_names, enum_member_name
from generator.pysafe import comment, docstring_body, py_str
from generator.typemap import (
    NS_ARRAYS,
    TypeCtx,
    annotation,
    container_shapes,
    contract_name,
    contract_ns,
    default,
    is_simple,
    is_value_type,
    json_decode,
    json_encode,
    kv_item_name,
    needs_xml_decl,
    shape_id,
    xml_read,
    xml_text,
)
from generator.typeref import TypeRef


@dataclass(frozen=True, slots=True)
class FieldView:
    """A dataclass field line."""

    name: str
    annotation: str
    default: str


@dataclass(frozen=True, slots=True)
class JsonMemberView:
    """One JSON member of ``to_dict``/``from_dict``."""

    attr: str
    var: str  # the local holding the attribute in ``to_dict``
    key: str  # Python literal
    encode: str  # expression of ``var``
    decode: str  # expression of ``v``
    nullable: bool  # the attribute may be None
    write_null: bool  # Json.NET style: nulls are written


@dataclass(frozen=True, slots=True)
class XmlMemberView:
    """One XML element of ``_write_xml``/``_read_xml``."""

    attr: str
    var: str  # the local holding the attribute in ``_write_xml``
    name: str  # literal
    ns: str  # namespace constant name
    tag: str  # literal "{ns}name"
    simple: bool
    text: str  # simple: expression of ``v`` → str
    write: str  # complex: statement writing ``v``
    read: str  # expression of ``child``
    nullable: bool


@dataclass(frozen=True, slots=True)
class ClassView:
    """One DTO class."""

    name: str
    base: str
    doc: str
    xml_name: str
    xml_ns: str
    fields: tuple[FieldView, ...]
    json: tuple[JsonMemberView, ...]
    xml: tuple[XmlMemberView, ...]


@dataclass(frozen=True, slots=True)
class EnumMemberView:
    """``NAME = "wire"``."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class EnumView:
    """One enum."""

    name: str
    doc: str
    members: tuple[EnumMemberView, ...]
    open: bool


@dataclass(frozen=True, slots=True)
class ShapeView:
    """Helper functions for one container type (list or dict)."""

    id: str
    kind: str  # list | dict
    annotation: str
    key_annotation: str
    item_annotation: str
    json_item_encode: str  # expression of ``x``
    json_item_decode: str  # expression of ``x`` (key literal ``i``)
    json_key_decode: str  # dict: expression of ``k``
    json_key_encode: str  # dict: expression of ``k``
    xml_item_name: str  # literal
    xml_item_ns: str  # constant
    xml_item_write: str  # statement writing ``x``
    xml_item_read: str  # expression of ``item`` (list) or ``value_el`` (dict)
    xml_key_read: str  # dict: expression of ``key_el``
    xml_key_text: str  # dict: expression of ``k``


@dataclass(frozen=True, slots=True)
class NamespaceView:
    """A module-level namespace constant."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class ModuleView:
    """Everything ``dtos.py`` prints."""

    service: str
    title: str
    spec_path: str
    schema_version: int
    namespaces: tuple[NamespaceView, ...]
    enums: tuple[EnumView, ...]
    classes: tuple[ClassView, ...]
    shapes: tuple[ShapeView, ...]
    exports: tuple[str, ...]


def _ns_constants(spec: Spec) -> dict[str, str]:
    uris = (
        {NS_ARRAYS} | {t.xml_namespace for t in spec.types} | {e.xml_namespace for e in spec.enums}
    )
    consts: dict[str, str] = {}
    for uri in sorted(uris):
        tail = re.sub(r"[^0-9A-Za-z]+", "_", uri.rstrip("/").rsplit("/", 1)[-1]).strip("_").upper()
        name = f"_NS_{tail or 'DEFAULT'}"
        i = 2
        while name in consts.values():
            name, i = f"_NS_{tail}_{i}", i + 1
        consts[uri] = name
    return consts


class _Builder:
    def __init__(self, spec: Spec, names: Names) -> None:
        self.spec = spec
        self.names = names
        self.ns = _ns_constants(spec)
        self.ctx = TypeCtx(
            classes={t.name: names.classes[t.name] for t in spec.types},
            enums={e.name: names.classes[e.name] for e in spec.enums},
            enum_defaults={
                e.name: f"{names.classes[e.name]}.{enum_member_name(e.members[0].name)}"
                for e in spec.enums
                if e.members
            },
            xml_ns={
                **{t.name: t.xml_namespace for t in spec.types},
                **{e.name: e.xml_namespace for e in spec.enums},
            },
        )
        self.shapes: dict[str, ShapeView] = {}

    def ns_const(self, uri: str) -> str:
        if uri not in self.ns:
            self.ns[uri] = f"_NS_{len(self.ns)}"
        return self.ns[uri]

    def xml_write(self, t: TypeRef, v: str, name: str, ns_uri: str, decl: str | None) -> str:
        decl_expr = self.ns_const(decl) if decl else "None"
        ns = self.ns_const(ns_uri)
        if t.is_list or t.is_dict:
            return f"_xw_{shape_id(t, self.ctx)}(w, {name}, {ns}, {decl_expr}, {v})"
        return f"_rt.write_object(w, {name}, {ns}, {decl_expr}, {v})"

    def shape(self, t: TypeRef) -> None:
        sid = shape_id(t, self.ctx)
        if sid in self.shapes:
            return
        item = t.args[-1]
        key = t.args[0] if t.is_dict else TypeRef("int")
        if t.is_dict:
            item_name, item_ns_uri = "Value", NS_ARRAYS
        else:
            item_name, item_ns_uri = contract_name(item, self.ctx), contract_ns(t, self.ctx)
        if is_simple(item, self.ctx):
            item_write = f"w.text({py_str(item_name)}, {self.ns_const(item_ns_uri)}, {xml_text(item, 'x', self.ctx)})"
        else:
            decl = needs_xml_decl(item, item_ns_uri, self.ctx)
            item_write = self.xml_write(item, "x", py_str(item_name), item_ns_uri, decl)
        self.shapes[sid] = ShapeView(
            id=sid,
            kind="dict" if t.is_dict else "list",
            annotation=annotation(t, self.ctx, optional=False),
            key_annotation=annotation(key, self.ctx, optional=False),
            item_annotation=annotation(item, self.ctx, optional=False),
            json_item_encode=json_encode(item, "x", self.ctx),
            json_item_decode=json_decode(item, "x", self.ctx, "k" if t.is_dict else "i"),
            json_key_decode="k" if key.name == "string" else f"_rt.j_key_{key.name}(k, path)",
            json_key_encode="k" if key.name == "string" else "str(k)",
            xml_item_name=py_str(kv_item_name(t, self.ctx) if t.is_dict else item_name),
            xml_item_ns=self.ns_const(item_ns_uri),
            xml_item_write=item_write,
            xml_item_read=xml_read(item, "value_el" if t.is_dict else "item", self.ctx),
            xml_key_read=xml_read(key, "key_el", self.ctx),
            xml_key_text=xml_text(key, "k", self.ctx),
        )

    def enum(self, e: EnumDef) -> EnumView:
        doc = e.description or f"The {e.name} enum."
        if not e.complete:
            doc += "\n\nInferred from samples: members may be missing; unknown values are kept."
        return EnumView(
            name=self.names.classes[e.name],
            doc=docstring_body(doc),
            members=tuple(
                EnumMemberView(name=enum_member_name(m.name), value=py_str(m.wire))
                for m in e.members
            ),
            open=not e.complete,
        )

    def klass(self, t: TypeDef) -> ClassView:
        fields = [self.field(t, f.name, f.type) for f in t.fields]
        jsons = []
        for i, m in enumerate(t.json.members):
            ftype = self._field_type(m.declared_in, m.field)
            attr = self.names.fields[(m.declared_in, m.field)]
            for s in container_shapes(ftype):
                self.shape(s)
            key = py_str(m.wire_name)
            jsons.append(
                JsonMemberView(
                    attr=attr,
                    var=f"v{i}",
                    key=key,
                    encode=json_encode(ftype, f"v{i}", self.ctx),
                    decode=json_decode(ftype, "v", self.ctx, key),
                    nullable=not is_value_type(ftype, self.ctx),
                    write_null=self.spec.json_style == "jsonnet",
                )
            )
        xmls = []
        for i, m in enumerate(t.xml.members):
            ftype = self._field_type(m.declared_in, m.field)
            for s in container_shapes(ftype):
                self.shape(s)
            owner = self.spec.type_named(m.declared_in)
            ns_uri = owner.xml_namespace if owner else t.xml_namespace
            decl = needs_xml_decl(ftype, ns_uri, self.ctx)
            name = py_str(m.wire_name)
            simple = is_simple(ftype, self.ctx)
            xmls.append(
                XmlMemberView(
                    attr=self.names.fields[(m.declared_in, m.field)],
                    var=f"v{i}",
                    name=name,
                    ns=self.ns_const(ns_uri),
                    tag=py_str(f"{{{ns_uri}}}{m.wire_name}"),
                    simple=simple,
                    text=xml_text(ftype, f"v{i}", self.ctx) if simple else "",
                    write="" if simple else self.xml_write(ftype, f"v{i}", name, ns_uri, decl),
                    read=xml_read(ftype, "child", self.ctx),
                    nullable=not is_value_type(ftype, self.ctx),
                )
            )
        base = self.names.classes[t.base.name] if t.base else "_rt.Dto"
        return ClassView(
            name=self.names.classes[t.name],
            base=base,
            doc=docstring_body(self._doc(t)),
            xml_name=py_str(t.name),
            xml_ns=self.ns_const(t.xml_namespace),
            fields=tuple(fields),
            json=tuple(jsons),
            xml=tuple(xmls),
        )

    def _doc(self, t: TypeDef) -> str:
        lines = [t.description or f"The {t.name} DTO."]
        if t.builtin:
            lines.append("\nBuilt-in ServiceStack type.")
        return "\n".join(lines)

    def _field_type(self, declared_in: str, field_name: str) -> TypeRef:
        owner = self.spec.type_named(declared_in)
        assert owner is not None
        return next(f.type for f in owner.fields if f.name == field_name)

    def field(self, t: TypeDef, name: str, ftype: TypeRef) -> FieldView:
        return FieldView(
            name=self.names.fields[(t.name, name)],
            annotation=annotation(ftype, self.ctx),
            default=default(ftype, self.ctx),
        )


def _class_order(spec: Spec) -> list[TypeDef]:
    """Base classes before subclasses, alphabetical otherwise."""
    done: set[str] = set()
    out: list[TypeDef] = []

    def visit(t: TypeDef) -> None:
        if t.name in done:
            return
        done.add(t.name)
        base = spec.type_named(t.base.name) if t.base else None
        if base is not None:
            visit(base)
        out.append(t)

    for t in sorted(spec.types, key=lambda t: t.name):
        visit(t)
    return out


def build_module_view(spec: Spec, diags: Diagnostics) -> ModuleView:
    """Compute the complete view of one service's generated module."""
    names = assign_names(spec, diags)
    b = _Builder(spec, names)
    enums = tuple(b.enum(e) for e in sorted(spec.enums, key=lambda e: e.name))
    classes = tuple(b.klass(t) for t in _class_order(spec))
    return ModuleView(
        service=spec.service,
        title=comment(spec.title or spec.service),
        spec_path=f"specs/{spec.service}.json",
        schema_version=spec.schema_version,
        namespaces=tuple(NamespaceView(name=c, value=py_str(u)) for u, c in sorted(b.ns.items())),
        enums=enums,
        classes=classes,
        shapes=tuple(b.shapes[k] for k in sorted(b.shapes)),
        exports=tuple(sorted([c.name for c in classes] + [e.name for e in enums])),
    )
