"""Turn observed drafts into frozen IR values: layouts, namespaces, enums."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from generator.catalogue import NS_SERVICESTACK, datacontract_namespace
from generator.config import active_options
from generator.diagnostics import Diagnostics
from generator.ir import EnumDef, EnumMember, Field, Layout, TypeDef, WireMember
from generator.mapper.drafts import DraftField, DraftType, chain, to_camel, to_pascal
from generator.mapper.observe import Observer
from generator.xmlnames import encode_local_name

Excluded = set[tuple[str, str]]
# pure, and member names repeat across types
_encode_local_name = lru_cache(maxsize=8192)(encode_local_name)


def json_convention(observer: Observer, kind: str, diags: Diagnostics) -> str:
    """``camel`` or ``declared``: how JSON names members the samples did not show.

    The ``json_naming`` option of the service being scraped (``[tool.dtogen.services.NAME]``
    or ``dtogen scrape --json-naming``) decides when set; otherwise the samples' majority,
    then the service kind. Members a sample shows keep their sampled names either way.
    """
    counts = Counter(observer.naming)
    options = active_options()
    if options is not None and options.json_naming != "auto":
        shown = "camel" if counts.get("camel") else "declared" if counts.get("pascal") else None
        if len(counts) == 1 and shown != options.json_naming:
            diags.warning(
                "samples",
                f"JSON samples use {shown} member names but json_naming = "
                f"{options.json_naming!r} is configured; it applies to members no sample shows",
                f"remove json_naming from [tool.dtogen.services.{options.name}] to follow the "
                "samples",
            )
        return options.json_naming
    if len(counts) > 1:
        diags.warning(
            "samples",
            f"JSON samples mix camelCase ({counts['camel']}) and "
            f"declared-name ({counts['pascal']}) member names; using the majority",
        )
    if counts:
        return "camel" if counts.most_common(1)[0][0] == "camel" else "declared"
    return "camel" if kind == "servicestack" else "declared"


def xml_excluded(drafts: dict[str, DraftType], observer: Observer) -> Excluded:
    """Members an XML sample could have shown but did not: DCS does not serialize them."""
    excluded: Excluded = set()
    for (fmt, type_name), obs in observer.observed.items():
        if fmt != "xml":
            continue
        present = {(d, f) for d, f, _ in obs.members}
        for level in chain(drafts, type_name):
            excluded.update(
                (level.name, f.name) for f in level.fields if (level.name, f.name) not in present
            )
    return excluded


def _wire(f: DraftField, fmt: str, convention: str, diags: Diagnostics, owner: str) -> str:
    if f.wire_name:
        return f.wire_name
    name = f.name
    if f.python_named:
        name = to_pascal(f.name)
    if f.python_named and fmt == "xml":  # said once, not once per format
        diags.info(
            str(f.sources[0]),
            f"{owner}.{f.name}: .NET name not shown by any sample "
            f"or built-in; assuming {name!r}",
        )
    if fmt == "json" and convention == "camel":
        return to_camel(name)
    return _encode_local_name(name) if fmt == "xml" else name


def _layout(
    t: DraftType,
    fmt: str,
    drafts: dict[str, DraftType],
    observer: Observer,
    excluded: Excluded,
    convention: str,
    diags: Diagnostics,
) -> Layout:
    levels = chain(drafts, t.name)
    if fmt == "xml":
        levels = levels[::-1]  # DataContract: base-most members first
    rule: list[WireMember] = []
    orders: list[int] = []
    for level in levels:
        fields = [f for f in level.fields if (level.name, f.name) not in excluded or fmt == "json"]
        if fmt == "xml":
            fields.sort(key=lambda f: (f.order if f.order is not None else -1, f.name))
        orders.extend(f.order if f.order is not None else -1 for f in fields)
        rule.extend(
            WireMember(
                field=f.name,
                declared_in=level.name,
                wire_name=_wire(f, fmt, convention, diags, level.name),
            )
            for f in fields
        )
    if fmt == "json":
        # ServiceStack.Text: reflection order (derived first), then stable by DataMember.Order
        rule = [m for _, m in sorted(zip(orders, rule, strict=True), key=lambda p: p[0])]
    obs = observer.observed.get((fmt, t.name))
    if obs is None:
        return Layout(members=tuple(rule), evidence="rule")
    seen = [WireMember(field=f, declared_in=d, wire_name=w) for d, f, w in obs.members]
    if fmt == "json":
        # JSON omits nulls, so members absent from a sample may still be written.
        shown = {(m.declared_in, m.field) for m in seen}
        seen += [m for m in rule if (m.declared_in, m.field) not in shown]
    return Layout(members=tuple(seen), evidence="sample", sources=(obs.source,))


class _RelatedNamespaces:
    """For each type, the observed namespace of the first type (by name) that uses it.

    "Uses" means as a member type or as its base; only user classes whose namespace a
    sample showed count. The index is built once, on the first question, instead of
    scanning every draft for every type without a namespace of its own.
    """

    def __init__(self, drafts: dict[str, DraftType], observer: Observer) -> None:
        self.drafts = drafts
        self.observer = observer
        self.index: dict[str, str] | None = None

    def get(self, type_name: str) -> str | None:
        """The namespace of the first user of ``type_name``, or None."""
        if self.index is None:
            self.index = {}
            for name in sorted(self.drafts):
                d = self.drafts[name]
                if name not in self.observer.xml_ns or d.kind != "class" or d.builtin:
                    continue
                ns = self.observer.xml_ns[name][0]
                for f in d.fields:
                    for used in f.type.named_types():
                        self.index.setdefault(used, ns)
                if d.base is not None:
                    self.index.setdefault(d.base.name, ns)
        return self.index.get(type_name)


def _namespace(
    t: DraftType,
    related: _RelatedNamespaces,
    observer: Observer,
    fallback: str,
    diags: Diagnostics,
) -> str:
    if t.name in observer.xml_ns:
        return observer.xml_ns[t.name][0]
    if t.xml_namespace:
        return t.xml_namespace
    if t.builtin:
        return NS_SERVICESTACK
    derived = datacontract_namespace(t.namespace)
    if derived is not None:
        return derived
    fallback = related.get(t.name) or fallback
    diags.info(
        str(t.sources[0]),
        f"XML namespace of {t.name} is not shown by any sample or "
        f"declaration; assuming {fallback!r}",
    )
    return fallback


def _field(f: DraftField) -> Field:
    return Field(
        name=f.name,
        type=f.type,
        description=f.description,
        required=f.required,
        allowable_values=f.allowable_values,
        param_type=f.param_type,
        sources=tuple(f.sources),
    )


def build_types(
    drafts: dict[str, DraftType], observer: Observer, kind: str, diags: Diagnostics
) -> tuple[tuple[TypeDef, ...], tuple[EnumDef, ...]]:
    """Freeze drafts into IR classes and enums, sorted by name."""
    convention = json_convention(observer, kind, diags)
    excluded = xml_excluded(drafts, observer)
    user_ns = [ns for name, (ns, _) in sorted(observer.xml_ns.items()) if ns != NS_SERVICESTACK]
    fallback = Counter(user_ns).most_common(1)[0][0] if user_ns else NS_SERVICESTACK
    classes: list[TypeDef] = []
    enums: list[EnumDef] = []
    related = _RelatedNamespaces(drafts, observer)
    for name in sorted(drafts):
        t = drafts[name]
        ns = _namespace(t, related, observer, fallback, diags)
        if t.kind == "enum":
            enums.append(
                EnumDef(
                    name=name,
                    namespace=t.namespace,
                    xml_namespace=ns,
                    flags=t.flags,
                    complete=t.complete,
                    description=t.description,
                    sources=tuple(t.sources),
                    members=tuple(
                        EnumMember(name=n, wire=w, value=v, description=d)
                        for n, w, v, d in t.enum_members
                    ),
                )
            )
            continue
        classes.append(
            TypeDef(
                name=name,
                namespace=t.namespace,
                xml_namespace=ns,
                xml_name=t.xml_name,
                base=t.base,
                interfaces=t.interfaces,
                generic_params=t.generic_params,
                description=t.description,
                builtin=t.builtin,
                fields=tuple(_field(f) for f in t.fields),
                sources=tuple(t.sources),
                json=_layout(t, "json", drafts, observer, excluded, convention, diags),
                xml=_layout(t, "xml", drafts, observer, excluded, convention, diags),
            )
        )
    return tuple(classes), tuple(enums)


def infer_open_enums(drafts: dict[str, DraftType], observer: Observer, diags: Diagnostics) -> None:
    """Undocumented types that samples show as plain text are enums (values = first member)."""
    for name, seen in sorted(observer.scalars.items()):
        values = list(dict.fromkeys(v for v, _ in seen))
        source = seen[0][1]
        diags.warning(
            str(source),
            f"type {name} is not documented; samples show it as text "
            f"({', '.join(values)}), so it is generated as an open enum",
            "add the page that documents it to make the member list complete",
        )
        drafts[name] = DraftType(
            name=name,
            kind="enum",
            sources=[source],
            complete=False,
            enum_members=[(v, v, None, None) for v in values],
        )


def check_references(drafts: dict[str, DraftType], diags: Diagnostics) -> None:
    """Every named type a class mentions must be defined (or be a generic parameter)."""
    for t in drafts.values():
        for f in t.fields:
            for ref in f.type.named_types():
                if ref not in drafts and ref not in t.generic_params:
                    diags.error(
                        str(f.sources[0]),
                        f"{t.name}.{f.name} has type {f.type}, but "
                        f"{ref} is not documented on any page of this service",
                        f"add the page documenting {ref} to the service's pages folder",
                    )
        if t.base is not None and t.base.name not in drafts:
            diags.warning(
                str(t.sources[0]),
                f"base type {t.base} of {t.name} is not documented; "
                "its members are unknown; generated without it",
            )
            t.base = None
        for ref in t.base.named_types()[1:] if t.base is not None else []:
            if ref not in drafts and ref not in t.generic_params:
                diags.error(
                    str(t.sources[0]),
                    f"{t.name} derives from {t.base}, but {ref} is not documented on any page",
                    f"add the page documenting {ref} to the service's pages folder",
                )
        if t.kind == "enum" and not t.enum_members:
            diags.error(
                str(t.sources[0]),
                f"enum {t.name} has no members",
                "the page lists none: check that the enum's members were saved with the page",
            )
