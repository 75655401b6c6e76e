"""Spec → view models: every string a template prints, precomputed and escaped.

Templates only iterate and print; all decisions (names, annotations, codec
expressions, namespaces, ordering) are made here, in :mod:`generator.typemap` and in
:mod:`generator.shapes` (containers and closed generic types).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.diagnostics import Diagnostics, GeneratorError
from generator.ir import EnumDef, Spec, TypeDef, WireMember
from generator.json_text import JsonTextView, TextMember, class_text, json_key, text_expr
from generator.mapper.drafts import to_camel
from generator.naming import Names, assign_names, enum_member_name
from generator.pysafe import docstring_phrase, docstring_text, py_str
from generator.shapes import Closed, Shapes, ShapeView, chain_types, declared_types
from generator.typemap import (
    NS_ARRAYS,
    TypeCtx,
    TypeMapError,
    annotation,
    closed_key,
    container_shapes,
    contract,
    default,
    is_closed_generic,
    is_simple,
    is_value_type,
    json_decode,
    json_encode,
    jsv_decode,
    jsv_encode,
    needs_xml_decl,
    xml_read,
    xml_text,
    xml_write_stmt,
)
from generator.typeref import TypeRef, TypeSyntaxError, parse_type

__all__ = [
    "ClassView",
    "EnumView",
    "ModuleView",
    "ShapeView",
    "build_module_view",
    "enum_values",
]


@dataclass(frozen=True, slots=True)
class FieldView:
    """A dataclass field line."""

    name: str
    annotation: str
    default: str


@dataclass(frozen=True, slots=True)
class JsonMemberView:
    """One JSON/JSV member of ``to_dict``/``from_dict`` and ``_to_jsv``/``_from_jsv``."""

    attr: str
    var: str  # the local holding the attribute in ``to_dict``
    key: str  # Python literal
    encode: str  # expression of ``var``
    decode: str  # expression of ``v``
    jsv_encode: str  # expression of ``var``
    jsv_decode: str  # expression of ``v``
    nullable: bool  # the attribute may be None
    write_null: bool  # Json.NET style: nulls are written
    default: str = "None"  # the field's default: what an absent or null member decodes to


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
class CsvRowsView:
    """A DTO whose CSV form is the rows of one list member (``QueryResponse.Results``)."""

    attr: str
    item_class: str


@dataclass(frozen=True, slots=True)
class Codecs:
    """The codec members of one class: JSON/JSV and XML members, CSV facts."""

    json: tuple[JsonMemberView, ...]
    xml: tuple[XmlMemberView, ...]
    csv_headers: tuple[tuple[str, str], ...]
    csv_rows: CsvRowsView | None
    json_text: JsonTextView | None = None
    json_unset: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ClassView:
    """One DTO class: a plain DTO, a generic definition (no codecs) or a closed generic type."""

    name: str
    base: str
    doc: str
    xml_name: str
    xml_ns: str
    fields: tuple[FieldView, ...]
    json: tuple[JsonMemberView, ...]
    xml: tuple[XmlMemberView, ...]
    generic: bool = False  # a generic definition: codecs live in its closed subclasses
    csv_headers: tuple[tuple[str, str], ...] = ()  # (JSV key literal, header literal)
    csv_rows: CsvRowsView | None = None
    json_text: JsonTextView | None = None  # the statements of ``_json_text``
    json_unset: tuple[tuple[str, str], ...] = ()  # (field, default): fields JSON does not carry


@dataclass(frozen=True, slots=True)
class EnumMemberView:
    """``NAME = "wire"`` (``NAME = 4`` for ``[Flags]``), with the documented .NET value."""

    name: str
    value: str
    number: str = ""  # "  # = 5": the explicit integer value of a name-valued member


@dataclass(frozen=True, slots=True)
class EnumView:
    """One enum; ``[Flags]`` enums are ``enum.IntFlag`` with a wire-name table."""

    name: str
    doc: str
    members: tuple[EnumMemberView, ...]
    open: bool
    flags: bool = False
    table: str = ""  # [Flags]: module constant holding (wire name, value) pairs
    table_items: tuple[tuple[str, int], ...] = ()  # (wire literal, value)


@dataclass(frozen=True, slots=True)
class NamespaceView:
    """A module-level namespace constant."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class ModuleView:
    """Everything ``dtos.py`` prints, plus the .NET type → Python class index."""

    service: str
    title: str
    spec_path: str
    schema_version: int
    namespaces: tuple[NamespaceView, ...]
    typevars: tuple[tuple[str, str], ...]  # (Python name, literal)
    enums: tuple[EnumView, ...]
    classes: tuple[ClassView, ...]
    shapes: tuple[ShapeView, ...]
    exports: tuple[str, ...]
    dto_classes: tuple[tuple[str, str], ...] = ()  # (.NET type text, Python class) with codecs

    def class_for(self, type_text: str) -> str | None:
        """The Python class that encodes/decodes ``type_text`` (``QueryResponse<Booking>``)."""
        try:
            key = str(parse_type(type_text, "csharp"))
        except TypeSyntaxError:
            return None
        return dict(self.dto_classes).get(key)


def enum_values(e: EnumDef) -> list[int]:
    """Each member's integer value: documented, else .NET's implicit previous + 1 (from 0)."""
    values: list[int] = []
    following = 0
    for m in e.members:
        value = m.value if m.value is not None else following
        values.append(value)
        following = value + 1
    return values


def _unique(names: Iterable[str]) -> list[str]:
    """Make sanitised names distinct, in order: ``CLASS``, ``CLASS_2``, …"""
    taken: set[str] = set()
    out = []
    for base in names:
        name, i = base, 2
        while name in taken:
            name, i = f"{base}_{i}", i + 1
        taken.add(name)
        out.append(name)
    return out


def _ns_name(uri: str, taken: Iterable[str]) -> str:
    tail = re.sub(r"[^0-9A-Za-z]+", "_", uri.rstrip("/").rsplit("/", 1)[-1]).strip("_").upper()
    used = set(taken)
    name, i = f"_NS_{tail or 'DEFAULT'}", 2
    while name in used:
        name, i = f"_NS_{tail or 'DEFAULT'}_{i}", i + 1
    return name


def _camel_json(spec: Spec) -> bool:
    """Whether the service writes camelCase JSON names (for ``KeyValuePair`` members)."""
    for t in spec.types:
        for m in t.json.members:
            if to_camel(m.field) != m.field and m.wire_name in (m.field, to_camel(m.field)):
                return m.wire_name != m.field
    return spec.json_style == "servicestack"


class _Builder:
    def __init__(self, spec: Spec, names: Names) -> None:
        self.spec = spec
        self.names = names
        uris = {NS_ARRAYS} | {t.xml_namespace for t in spec.types}
        uris |= {e.xml_namespace for e in spec.enums}
        self.ns: dict[str, str] = {}
        for uri in sorted(uris):
            self.ns[uri] = _ns_name(uri, self.ns.values())
        self.member_names = {
            e.name: _unique(enum_member_name(m.name) for m in e.members) for e in spec.enums
        }
        taken = set(names.classes.values())
        typevars: dict[str, str] = {}
        for t in spec.types:
            for p in t.generic_params:
                if p not in typevars:
                    py = p if p.isidentifier() and p not in taken else f"{p}_"
                    typevars[p] = py
        self.ctx = TypeCtx(
            classes={t.name: names.classes[t.name] for t in spec.types},
            enums={e.name: names.classes[e.name] for e in spec.enums},
            enum_defaults={e.name: self._enum_default(e) for e in spec.enums if e.members},
            xml_ns={
                **{t.name: t.xml_namespace for t in spec.types},
                **{e.name: e.xml_namespace for e in spec.enums},
            },
            flags={e.name: f"_FLAGS_{names.classes[e.name]}" for e in spec.enums if e.flags},
            contract_names={t.name: t.xml_name for t in spec.types if t.xml_name},
            typevars=typevars,
            jsonnet=spec.json_style == "jsonnet",
        )
        self.closed = Closed(spec, self.ctx, taken | set(typevars.values()))
        self.shapes = Shapes(self.ctx, self.ns_const, _camel_json(spec))

    def _enum_default(self, e: EnumDef) -> str:
        py = self.names.classes[e.name]
        values = enum_values(e)
        if 0 in values:
            return f"{py}.{self.member_names[e.name][values.index(0)]}"
        if e.flags:
            return f"{py}(0)"
        smallest = min(range(len(values)), key=lambda i: values[i] % 2**64)
        return f"{py}.{self.member_names[e.name][smallest]}"

    def ns_const(self, uri: str) -> str:
        if uri not in self.ns:
            self.ns[uri] = _ns_name(uri, self.ns.values())
        return self.ns[uri]

    # -- enums --------------------------------------------------------------------------
    def enum(self, e: EnumDef) -> EnumView:
        doc = e.description or f"The {e.name} enum."
        if not e.complete:
            doc += "\n\nInferred from samples: members may be missing; unknown values are kept."
        names = self.member_names[e.name]
        if e.flags:
            values = enum_values(e)
            doc += "\n\n[Flags]: JSON/JSV carry the number, XML the member names."
            return EnumView(
                name=self.names.classes[e.name],
                doc=docstring_text(doc),
                members=tuple(
                    EnumMemberView(n, str(v)) for n, v in zip(names, values, strict=True)
                ),
                open=False,
                flags=True,
                table=self.ctx.flags[e.name],
                table_items=tuple(
                    (py_str(m.wire), v) for m, v in zip(e.members, values, strict=True)
                ),
            )
        explicit = any(m.value is not None for m in e.members)
        if explicit:
            doc += "\n\nMembers travel by name; their .NET values are noted beside them."
        return EnumView(
            name=self.names.classes[e.name],
            doc=docstring_text(doc),
            members=tuple(
                EnumMemberView(
                    name=n, value=py_str(m.wire), number=f"  # = {v}" if explicit else ""
                )
                for n, m, v in zip(names, e.members, enum_values(e), strict=True)
            ),
            open=not e.complete,
        )

    # -- classes ------------------------------------------------------------------------
    def definition(self, t: TypeDef) -> ClassView:
        """A generic definition: fields only (annotations use TypeVars)."""
        params = ", ".join(self.ctx.typevars[p] for p in t.generic_params)
        base = self._base(t)
        doc = self._doc(t) + (
            f"\n\nGeneric: encode and decode a closed type such as "
            f"{self._example_closed(t) or t.name + 'Of…'}."
        )
        return ClassView(
            name=self.names.classes[t.name],
            base=f"{base}, _t.Generic[{params}]",
            doc=docstring_text(doc),
            xml_name='""',
            xml_ns=self.ns_const(t.xml_namespace),
            fields=tuple(self.field(t, f.name, f.type) for f in t.fields),
            json=(),
            xml=(),
            generic=True,
        )

    def _example_closed(self, t: TypeDef) -> str | None:
        for key, py in sorted(self.ctx.closed.items()):
            if self.closed.types[key].name == t.name:
                return py
        return None

    def klass(self, t: TypeDef) -> ClassView:
        """A non-generic DTO with its own fields and every codec."""
        codecs = self.codecs(t, (), self.names.classes[t.name])
        return ClassView(
            name=self.names.classes[t.name],
            base=self._base(t),
            doc=docstring_text(self._doc(t)),
            xml_name=py_str(contract(TypeRef(t.name), self.ctx)[0]),
            xml_ns=self.ns_const(t.xml_namespace),
            fields=tuple(self.field(t, f.name, f.type) for f in t.fields),
            json=codecs.json,
            xml=codecs.xml,
            csv_headers=codecs.csv_headers,
            csv_rows=codecs.csv_rows,
            json_text=codecs.json_text,
            json_unset=codecs.json_unset,
        )

    def closed_class(self, key: str, t: TypeRef) -> ClassView:
        """``class QueryResponseOfBooking(QueryResponse[Booking])`` with substituted codecs."""
        generic = self.spec.type_named(t.name)
        assert generic is not None
        args = ", ".join(annotation(a, self.ctx, optional=False) for a in t.args)
        codecs = self.codecs(generic, t.args, self.ctx.closed[key])
        return ClassView(
            name=self.ctx.closed[key],
            base=f"{self.names.classes[t.name]}[{args}]",
            doc=docstring_text(f"{key}: {generic.name} closed over its type arguments."),
            xml_name=py_str(contract(t, self.ctx)[0]),
            xml_ns=self.ns_const(generic.xml_namespace),
            fields=(),
            json=codecs.json,
            xml=codecs.xml,
            csv_headers=codecs.csv_headers,
            csv_rows=codecs.csv_rows,
            json_text=codecs.json_text,
            json_unset=codecs.json_unset,
        )

    def _base(self, t: TypeDef) -> str:
        base = self.spec.type_named(t.base.name) if t.base is not None else None
        if t.base is None or base is None:
            return "_tx.Dto"
        if base.generic_params and not t.base.args:
            # JavaScript DTOs erase generic arguments (`extends QueryDb`): open it over Any.
            params = ", ".join("_t.Any" for _ in base.generic_params)
            return f"{self.names.classes[base.name]}[{params}]"
        return annotation(t.base, self.ctx, optional=False)

    def codecs(self, t: TypeDef, args: tuple[TypeRef, ...], py_name: str) -> Codecs:
        """JSON/JSV members, XML members and CSV facts of ``t`` closed over ``args``.

        ``py_name`` is the Python class that carries the codecs (``QueryResponseOfBooking``).
        """
        types = chain_types(self.spec, t, args)
        declared = declared_types(self.spec, t)
        jsons: list[JsonMemberView] = []
        texts: list[TextMember] = []
        for i, m in enumerate(t.json.members):
            ftype = types[(m.declared_in, m.field)]
            self._shapes(ftype)
            key = py_str(m.wire_name)
            var = f"v{i}"
            texts.append(
                TextMember(
                    var=var,
                    key=json_key(m.wire_name),
                    value=text_expr(ftype, var, self.ctx),
                    nullable=not is_value_type(declared[(m.declared_in, m.field)], self.ctx),
                    write_null=self.spec.json_style == "jsonnet",
                )
            )
            jsons.append(
                JsonMemberView(
                    attr=self.names.fields[(m.declared_in, m.field)],
                    var=var,
                    key=key,
                    encode=json_encode(ftype, var, self.ctx),
                    decode=json_decode(
                        ftype, "v", self.ctx, key, "path + " + py_str("." + m.wire_name)
                    ),
                    jsv_encode=jsv_encode(ftype, var, self.ctx),
                    jsv_decode=jsv_decode(ftype, "v", self.ctx, key),
                    nullable=not is_value_type(declared[(m.declared_in, m.field)], self.ctx),
                    write_null=self.spec.json_style == "jsonnet",
                    default=default(declared[(m.declared_in, m.field)], self.ctx),
                )
            )
        in_json = {(m.declared_in, m.field) for m in t.json.members}
        unset = tuple(
            (self.names.fields[member], default(ftype, self.ctx))
            for member, ftype in declared.items()
            if member not in in_json
        )
        xmls = [
            self._xml_member(i, m, types[(m.declared_in, m.field)], declared, t)
            for i, m in enumerate(t.xml.members)
        ]
        return Codecs(
            json=tuple(jsons),
            xml=tuple(xmls),
            csv_headers=self._csv_headers(t),
            csv_rows=self._csv_rows(t, types),
            json_text=class_text(py_name, texts),
            json_unset=unset,
        )

    def _xml_member(
        self,
        i: int,
        m: WireMember,
        ftype: TypeRef,
        declared: dict[tuple[str, str], TypeRef],
        t: TypeDef,
    ) -> XmlMemberView:
        self._shapes(ftype)
        owner = self.spec.type_named(m.declared_in)
        ns_uri = owner.xml_namespace if owner else t.xml_namespace
        decl = needs_xml_decl(ftype, ns_uri, self.ctx)
        name = py_str(m.wire_name)
        simple = is_simple(ftype, self.ctx)
        var = f"v{i}"
        ns = self.ns_const(ns_uri)
        decl_expr = self.ns_const(decl) if decl else "None"
        return XmlMemberView(
            attr=self.names.fields[(m.declared_in, m.field)],
            var=var,
            name=name,
            ns=ns,
            tag=py_str(f"{{{ns_uri}}}{m.wire_name}"),
            simple=simple,
            text=xml_text(ftype, var, self.ctx) if simple else "",
            write="" if simple else xml_write_stmt(ftype, var, name, ns, decl_expr, self.ctx),
            read=xml_read(ftype, "child", self.ctx, "path + " + py_str("/" + m.wire_name)),
            nullable=not is_value_type(declared[(m.declared_in, m.field)], self.ctx),
        )

    def _csv_headers(self, t: TypeDef) -> tuple[tuple[str, str], ...]:
        xml_names = {(m.declared_in, m.field): m.wire_name for m in t.xml.members}
        return tuple(
            (py_str(m.wire_name), py_str(xml_names.get((m.declared_in, m.field), m.field)))
            for m in t.json.members
        )

    def _csv_rows(self, t: TypeDef, types: dict[tuple[str, str], TypeRef]) -> CsvRowsView | None:
        for m in t.json.members:
            ftype = types[(m.declared_in, m.field)]
            if m.field == "ResponseStatus" or not ftype.is_list:
                continue
            item = ftype.args[0]
            if is_closed_generic(item, self.ctx) or (
                item.name in self.ctx.classes and not item.args
            ):
                py = annotation(item, self.ctx, optional=False)
                return CsvRowsView(attr=self.names.fields[(m.declared_in, m.field)], item_class=py)
        return None

    def _shapes(self, t: TypeRef) -> None:
        for s in container_shapes(t):
            self.shapes.add(s)

    def _doc(self, t: TypeDef) -> str:
        lines = [t.description or f"The {t.name} DTO."]
        if t.builtin:
            lines.append("\nBuilt-in ServiceStack type.")
        return "\n".join(lines)

    def field(self, t: TypeDef, name: str, ftype: TypeRef) -> FieldView:
        return FieldView(
            name=self.names.fields[(t.name, name)],
            annotation=annotation(ftype, self.ctx),
            default=default(ftype, self.ctx),
        )

    def discover(self) -> None:
        """Find every closed generic type used by a non-generic DTO or an operation."""
        for t in self.spec.types:
            if not t.generic_params:
                for ftype in chain_types(self.spec, t, ()).values():
                    self.closed.visit(ftype)
        for op in self.spec.operations:
            for text in (op.request, op.response):
                if text:
                    try:
                        self.closed.visit(parse_type(text, "csharp"))
                    except TypeSyntaxError:
                        continue


def _class_order(spec: Spec) -> list[TypeDef]:
    """Base classes before subclasses, alphabetical otherwise."""
    done: set[str] = set()
    out: list[TypeDef] = []

    def visit(t: TypeDef) -> None:
        if t.name in done:
            return
        done.add(t.name)
        for name in t.base.named_types() if t.base else []:  # the base and its type arguments
            used = spec.type_named(name)
            if used is not None:
                visit(used)
        out.append(t)

    for t in sorted(spec.types, key=lambda t: t.name):
        visit(t)
    return out


def _closed_order(b: _Builder) -> list[str]:
    """Closed types after the closed types their arguments use (definition order)."""
    done: set[str] = set()
    out: list[str] = []

    def visit(key: str) -> None:
        if key in done:
            return
        done.add(key)
        for inner in b.closed.types[key].args:
            for sub in _closed_inside(inner, b):
                visit(sub)
        out.append(key)

    for key in sorted(b.closed.types):
        visit(key)
    return out


def _closed_inside(t: TypeRef, b: _Builder) -> list[str]:
    found = [k for a in t.args for k in _closed_inside(a, b)]
    key = closed_key(t)
    if key in b.closed.types:
        found.append(key)
    return found


def build_module_view(spec: Spec, diags: Diagnostics) -> ModuleView:
    """Compute the complete view of one service's generated module."""
    names = assign_names(spec, diags)
    b = _Builder(spec, names)
    try:
        b.discover()
        enums = tuple(b.enum(e) for e in sorted(spec.enums, key=lambda e: e.name))
        classes = [b.definition(t) if t.generic_params else b.klass(t) for t in _class_order(spec)]
        classes += [b.closed_class(k, b.closed.types[k]) for k in _closed_order(b)]
    except TypeMapError as exc:
        raise GeneratorError.single(
            f"specs/{spec.service}.json",
            str(exc),
            "this type cannot be generated; check the documented type on the page",
        ) from None
    dto_classes = [(t.name, names.classes[t.name]) for t in spec.types if not t.generic_params]
    dto_classes += sorted(b.ctx.closed.items())
    return ModuleView(
        service=spec.service,
        title=docstring_phrase(spec.title or spec.service),
        spec_path=f"specs/{spec.service}.json",
        schema_version=spec.schema_version,
        namespaces=tuple(NamespaceView(name=c, value=py_str(u)) for u, c in sorted(b.ns.items())),
        typevars=tuple((py, py_str(p)) for p, py in sorted(b.ctx.typevars.items())),
        enums=enums,
        classes=tuple(classes),
        shapes=b.shapes.ordered(),
        exports=tuple(sorted([c.name for c in classes] + [e.name for e in enums])),
        dto_classes=tuple(sorted(dto_classes)),
    )
