"""Draft types: type evidence from code blocks, tables and the catalogue, merged by name.

Drafts are the mapper's private, mutable working set. They become frozen IR values
only in :mod:`generator.mapper.assemble`, after samples have been observed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from generator.catalogue import ARITY_NAMES, BUILTIN_TYPES, NS_SERVICESTACK
from generator.diagnostics import Diagnostics
from generator.ir import Source
from generator.scrape.records import MemberRecord, TypeRecord
from generator.typeref import Syntax, TypeRef, TypeSyntaxError, parse_type

#: Client languages whose DTOs rename .NET members (snake_case or camelCase): the printed
#: name is not the .NET name, which samples or the catalogue confirm (else PascalCase is assumed).
_CLIENT_CASED: frozenset[str] = frozenset(
    {"python", "typescript", "javascript", "java", "kotlin", "swift", "dart"}
)

_SOURCE_SYNTAX: dict[str, Syntax] = {
    "code:python": "python",
    "code:vbnet": "vbnet",
    "code:csharp": "csharp",
    "code:typescript": "typescript",
    "code:javascript": "javascript",
    "code:fsharp": "fsharp",
    "code:java": "java",
    "code:kotlin": "kotlin",
    "code:swift": "swift",
    "code:dart": "dart",
    "metadata": "csharp",
    "table": "csharp",
    "webapi-table": "webapi",
    "webapi-uri": "webapi",
}


def norm(name: str) -> str:
    """Case- and underscore-insensitive key used to match names across sources."""
    return name.replace("_", "").lower()


@lru_cache(maxsize=8192)
def to_camel(name: str) -> str:
    """ServiceStack.Text's ``ToCamelCase`` (``ClientID``→``clientID``, ``IDToken``→``idToken``)."""
    out = list(name)
    first_part = True
    for i, c0 in enumerate(name):
        c1 = name[i + 1] if i < len(name) - 1 else "A"
        if first_part and "A" <= c0 <= "Z" and ("A" <= c1 <= "Z" or i == 0):
            out[i] = c0.lower()
        else:
            first_part = False
    return "".join(out)


def to_pascal(snake: str) -> str:
    """``access_token`` → ``AccessToken`` (a guess for Python-named members)."""
    return "".join(p[:1].upper() + p[1:] for p in snake.split("_") if p) or snake


@dataclass
class DraftField:
    """A member under construction."""

    name: str
    type: TypeRef
    sources: list[Source]
    description: str | None = None
    required: bool = False
    allowable_values: tuple[str, ...] = ()
    param_type: str | None = None
    wire_name: str | None = None
    order: int | None = None
    python_named: bool = False  # name came from Python code: the .NET name is unconfirmed


@dataclass
class DraftType:
    """A class or enum under construction."""

    name: str
    kind: str  # class | enum
    sources: list[Source]
    namespace: str | None = None
    base: TypeRef | None = None
    interfaces: tuple[str, ...] = ()
    generic_params: tuple[str, ...] = ()
    description: str | None = None
    builtin: bool = False
    fields: list[DraftField] = field(default_factory=list)
    enum_members: list[tuple[str, str, int | None, str | None]] = field(default_factory=list)
    flags: bool = False
    complete: bool = True
    xml_namespace: str | None = None
    xml_name: str | None = None  # DataContract name when it is not ``name``
    syntax: Syntax = "csharp"  # the page syntax the type was documented in

    def field_named(self, name: str) -> DraftField | None:
        """The declared field with exactly this .NET name."""
        for f in self.fields:
            if f.name == name:
                return f
        return None


_parse_member_type = lru_cache(maxsize=8192)(parse_type)  # pure, and TypeRefs are frozen


def _member_to_field(
    m: MemberRecord, syntax: Syntax, source: Source, diags: Diagnostics, where: str
) -> DraftField | None:
    try:
        tref = _parse_member_type(m.type_text, syntax)
    except TypeSyntaxError as exc:
        diags.error(
            where,
            f"member {m.name!r}: unreadable type {m.type_text!r}: {exc}",
            "check the page section; this type syntax is not understood",
        )
        return None
    return DraftField(
        name=m.name,
        type=tref,
        sources=[source],
        description=m.description,
        required=bool(m.required),
        allowable_values=m.allowable_values,
        param_type=m.param_type,
        wire_name=m.wire_name,
        order=m.order,
        python_named=syntax in _CLIENT_CASED,
    )


def draft_from_record(rec: TypeRecord, page: str, diags: Diagnostics) -> DraftType | None:
    """Turn one page's type record into a draft (types parsed, strings kept)."""
    where = f"{page}:{rec.line}"
    source = Source(page=page, section=rec.source, line=rec.line)
    if rec.kind == "interface":
        return None
    if rec.kind == "enum" or rec.source == "enum-table":
        members = [
            (e.name, e.wire_value or e.name, _int_or_none(e.value), e.description)
            for e in rec.enum_members
        ]
        return DraftType(
            name=rec.name,
            kind="enum",
            sources=[source],
            namespace=rec.namespace,
            description=rec.description,
            enum_members=members,
            flags=rec.is_flags,
            xml_namespace=_contract_attr(rec, "Namespace"),
        )
    syntax = _SOURCE_SYNTAX.get(rec.source, "csharp")
    base = None
    if rec.base:
        try:
            base = parse_type(rec.base, syntax)
        except TypeSyntaxError:
            diags.error(where, f"type {rec.name!r}: unreadable base type {rec.base!r}")
    draft = DraftType(
        name=rec.name,
        kind="class",
        sources=[source],
        namespace=rec.namespace,
        base=base,
        interfaces=rec.interfaces,
        generic_params=rec.generic_params,
        description=rec.description,
        xml_namespace=_contract_attr(rec, "Namespace"),
        xml_name=_contract_attr(rec, "Name") or _nested_name(rec),
        syntax=syntax,
    )
    for m in rec.members:
        f = _member_to_field(m, syntax, source, diags, f"{page}:{m.line}")
        if f is None:
            continue
        if draft.field_named(f.name) is not None:
            diags.warning(
                f"{page}:{m.line}",
                f"{rec.name}.{m.name} is documented twice; keeping the first",
                "the page lists the member twice; check the page",
            )
            continue
        draft.fields.append(f)
    return draft


def _contract_attr(rec: TypeRecord, key: str) -> str | None:
    """``[DataContract(Name=…, Namespace=…)]`` of a documented type."""
    for a in rec.attributes:
        if a.name.rsplit(".", 1)[-1].removesuffix("Attribute") == "DataContract":
            value = a.get(key)
            if value:
                return value
    return None


def _nested_name(rec: TypeRecord) -> str | None:
    """DataContract names a nested type ``Outer.Inner`` (the CLR ``Outer+Inner``)."""
    for a in rec.attributes:
        if a.name == "ContainingType" and a.args:
            outer = a.args[0].split("<", 1)[0].split("[", 1)[0].strip()
            return f"{outer}.{rec.name}" if outer else None
    return None


def _int_or_none(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text, 0)
    except ValueError:
        return None


def merge_into(target: DraftType, other: DraftType, diags: Diagnostics) -> None:
    """Merge evidence about the same type from another page/section into ``target``."""
    target.sources.extend(other.sources)
    target.namespace = target.namespace or other.namespace
    target.base = target.base or other.base
    target.xml_namespace = target.xml_namespace or other.xml_namespace
    target.xml_name = target.xml_name or other.xml_name
    target.description = target.description or other.description
    target.interfaces = tuple(dict.fromkeys(target.interfaces + other.interfaces))
    for f in other.fields:
        mine = target.field_named(f.name) or _by_norm(target, f.name)
        if mine is None:
            target.fields.append(f)
            continue
        if mine.type != f.type and not (mine.python_named or f.python_named):
            diags.warning(
                str(f.sources[0]),
                f"{target.name}.{f.name} is documented as {f.type} here but as {mine.type} "
                f"at {mine.sources[0]}; keeping {mine.type}",
                "the pages disagree; check which one is current",
            )
        if mine.python_named and not f.python_named:
            mine.name, mine.type, mine.python_named = f.name, f.type, False
        mine.sources.extend(f.sources)
        mine.description = mine.description or f.description
        mine.required = mine.required or f.required


def _by_norm(t: DraftType, name: str) -> DraftField | None:
    hits = [f for f in t.fields if norm(f.name) == norm(name)]
    return hits[0] if len(hits) == 1 and (hits[0].python_named or name.islower()) else None


def builtin_draft(name: str) -> DraftType | None:
    """A draft for a catalogue type, or None when ``name`` is not built in."""
    spec = BUILTIN_TYPES.get(name)
    if spec is None:
        return None
    source = Source(page="catalogue", section="servicestack-builtin")
    draft = DraftType(
        name=name,
        kind="class",
        sources=[source],
        namespace="ServiceStack",
        base=parse_type(spec.base, "csharp") if spec.base else None,
        interfaces=spec.interfaces,
        generic_params=spec.generic_params,
        builtin=True,
        xml_namespace=NS_SERVICESTACK,
        xml_name=spec.xml_name,
    )
    for i, (member, type_text) in enumerate(spec.members, start=1):
        draft.fields.append(
            DraftField(name=member, type=parse_type(type_text, "csharp"), sources=[source], order=i)
        )
    return draft


def apply_catalogue(drafts: dict[str, DraftType], diags: Diagnostics) -> None:
    """Confirm page types that are built-ins and add built-ins referenced but not defined.

    References are first renamed where a built-in name has several arities
    (``QueryDb<From, Into>`` → ``QueryDb2``); ``IReturn<T>`` arguments count as references.
    """
    for d in drafts.values():
        d.base = _qualified(arity_renamed(d.base), drafts) if d.base else None
        for f in d.fields:
            f.type = _qualified(arity_renamed(f.type), drafts)
    for name, draft in list(drafts.items()):
        builtin = builtin_draft(name)
        if builtin is None:
            continue
        for f in draft.fields:
            match = builtin.field_named(f.name) or next(
                (b for b in builtin.fields if norm(b.name) == norm(f.name)), None
            )
            if match is None:
                diags.warning(
                    str(f.sources[0]),
                    f"{name}.{f.name} is not a member of the "
                    f"built-in ServiceStack type {name}; keeping it as documented",
                )
                continue
            match.sources.extend(f.sources)
            match.description = f.description
        extra = [
            f for f in draft.fields if not any(norm(b.name) == norm(f.name) for b in builtin.fields)
        ]
        builtin.fields.extend(extra)
        builtin.sources = draft.sources + builtin.sources
        builtin.description = draft.description
        drafts[name] = builtin
    pending = [n for d in drafts.values() for n in referenced_names(d)]
    pending += [n for d in drafts.values() for n in _returned_names(d)]
    while pending:
        name = pending.pop()
        if name in drafts:
            continue
        builtin = builtin_draft(name)
        if builtin is not None:
            drafts[name] = builtin
            pending.extend(referenced_names(builtin) + _returned_names(builtin))


def _qualified(t: TypeRef, drafts: dict[str, DraftType]) -> TypeRef:
    """``Order.Line`` (a nested type) or ``My.Namespace.Item`` → the documented ``Line``/``Item``."""
    args = tuple(_qualified(a, drafts) for a in t.args)
    name = t.name
    if "." in name and name not in drafts and name.rsplit(".", 1)[1] in drafts:
        name = name.rsplit(".", 1)[1]
    return replace(t, name=name, args=args) if (name, args) != (t.name, t.args) else t


def arity_renamed(t: TypeRef) -> TypeRef:
    """``t`` with multi-arity built-ins renamed (``QueryDb<A, B>`` → ``QueryDb2<A, B>``)."""
    args = tuple(arity_renamed(a) for a in t.args)
    name = ARITY_NAMES.get((t.name, len(args)), t.name)
    return replace(t, name=name, args=args) if (name, args) != (t.name, t.args) else t


_RETURN_ARG = re.compile(r"^\s*IReturn\s*(?:<(?P<cs>.+)>|\[(?P<py>.+)\]|\(Of\s+(?P<vb>.+)\))\s*$")


_RETURN_SYNTAXES: tuple[tuple[str, Syntax], ...] = (
    ("cs", "csharp"),
    ("py", "python"),
    ("vb", "vbnet"),
)


def return_type(d: DraftType) -> TypeRef | None:
    """The ``T`` of the draft's ``IReturn<T>`` marker (any page syntax), or None."""
    for iface in d.interfaces:
        m = _RETURN_ARG.match(iface)
        if m is None:
            continue
        for group, syntax in _RETURN_SYNTAXES:
            text = m.group(group)
            if text is None:
                continue
            try:
                parsed = parse_type(text.strip().strip("'\""), syntax)
            except TypeSyntaxError:
                return None
            return arity_renamed(parsed)
    return None


def inherited_return(drafts: dict[str, DraftType], name: str) -> TypeRef | None:
    """The ``IReturn<T>`` a base class declares (``QueryDb<Booking>`` → ``QueryResponse<Booking>``).

    Operation pages never print ``IReturn`` markers (reference §1.4), but AutoQuery bases do.
    """
    d = drafts.get(name)
    seen: set[str] = set()
    while d is not None and d.base is not None and d.name not in seen:
        seen.add(d.name)
        base = drafts.get(d.base.name)
        if base is None:
            return None
        found = return_type(base)
        if found is not None:
            bindings = dict(zip(base.generic_params, d.base.args, strict=False))
            return _bind(found, bindings)
        d = base
    return None


def _bind(t: TypeRef, bindings: dict[str, TypeRef]) -> TypeRef:
    if not t.args and t.name in bindings:
        return replace(bindings[t.name], nullable=bindings[t.name].nullable or t.nullable)
    return replace(t, args=tuple(_bind(a, bindings) for a in t.args)) if t.args else t


def add_builtin(drafts: dict[str, DraftType], name: str) -> bool:
    """Add catalogue type ``name`` (and the built-ins it references); False if not built in."""
    draft = builtin_draft(name)
    if draft is None:
        return False
    drafts[name] = draft
    pending = referenced_names(draft) + _returned_names(draft)
    while pending:
        ref = pending.pop()
        if ref not in drafts and (more := builtin_draft(ref)) is not None:
            drafts[ref] = more
            pending.extend(referenced_names(more) + _returned_names(more))
    return True


def builtin_for_keys(keys: set[str]) -> str | None:
    """The non-generic built-in whose members fit a sample's (normalised) keys most tightly."""
    fits = sorted(
        (len(members) - len(keys), name)
        for name, spec in BUILTIN_TYPES.items()
        if not spec.generic_params and keys <= (members := {norm(m) for m, _ in spec.members})
    )
    if not fits or (len(fits) > 1 and fits[0][0] == fits[1][0]):
        return None
    return fits[0][1]


def _returned_names(d: DraftType) -> list[str]:
    found = return_type(d)
    return [n for n in found.named_types() if n not in d.generic_params] if found else []


def referenced_names(d: DraftType) -> list[str]:
    """Named types a draft refers to through its base and fields (generic params excluded)."""
    names = d.base.named_types() if d.base else []
    for f in d.fields:
        names.extend(f.type.named_types())
    return [n for n in names if n not in d.generic_params]


def enums_from_allowable_values(drafts: dict[str, DraftType]) -> None:
    """A member whose named type is undefined but lists Allowable Values documents an enum."""
    for d in list(drafts.values()):
        for f in d.fields:
            if f.allowable_values and f.type.is_named and f.type.name not in drafts:
                drafts[f.type.name] = DraftType(
                    name=f.type.name,
                    kind="enum",
                    sources=list(f.sources),
                    enum_members=[(v, v, None, None) for v in f.allowable_values],
                )


def chain(drafts: dict[str, DraftType], name: str) -> list[DraftType]:
    """The inheritance chain of ``name``, derived first; stops at unknown or cyclic bases."""
    out: list[DraftType] = []
    seen: set[str] = set()
    current: str | None = name
    while current is not None and current in drafts and current not in seen:
        seen.add(current)
        d = drafts[current]
        out.append(d)
        current = d.base.name if d.base is not None else None
    return out


def infer_table_bases(
    page_source: str,
    records: list[TypeRecord],
    op: str | None,
    drafts: dict[str, DraftType],
    diags: Diagnostics,
) -> None:
    """Tables mode lists the request, then its base types depth first (reference §1.3).

    A table after the request's that no earlier table refers to as a property type is
    the base class of the previous type in the chain; the response table ends the chain.
    """
    tables = [r for r in records if r.source == "table"]
    if not tables or tables[0].name != op:
        return
    head = drafts.get(tables[0].name)
    referenced: set[str] = set()
    for rec in tables[1:]:
        prev = drafts.get(tables[tables.index(rec) - 1].name)
        if prev is not None:
            referenced.update(referenced_names(prev))
        if rec.name == f"{op}Response" or head is None:
            return
        if rec.name in referenced:
            continue
        if head.base is None and rec.name in drafts:
            head.base = TypeRef(rec.name)
            diags.info(
                f"{page_source}:{rec.line}",
                f"{head.name} is taken to derive from "
                f"{rec.name}: its table follows in base-type position",
            )
        head = drafts.get(rec.name)
