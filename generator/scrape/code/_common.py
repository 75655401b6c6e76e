"""Helpers shared by the DTO code-block parsers: positions, attributes, doc comments, builders.

Attribute text (``DataMember(Name="x", Order=1)``, VB ``Api(Description:="Auth")``) is
parsed here once for C#, VB.NET and the ``// @Attr(...)`` / ``# @Attr(...)`` comments of
TypeScript and Python. Values keep the documented literal with quotes removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from generator.diagnostics import Diagnostics
from generator.scrape.records import (
    AttributeRecord,
    EnumMemberRecord,
    MemberRecord,
    TypeRecord,
)

Dialect = Literal["cs", "vb"]
TypeKind = Literal["class", "enum", "interface"]

_NAMED_ARG = re.compile(r"^([A-Za-z_]\w*)\s*(:=|=(?!=)|:(?![:=]))\s*(.*)$", re.DOTALL)
_ATTR_SPEC = re.compile(r"^([A-Za-z_][\w.]*)\s*(?:\((.*)\))?\s*$", re.DOTALL)
_ATTR_TARGET = re.compile(
    r"^(?:assembly|module|field|event|method|param|property|return|type)\s*:(?!=)\s*"
)
_CS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{1,4}|.)", re.DOTALL)
_CS_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\a", "b": "\b", "f": "\f"}
_INTERFACE_NAME = re.compile(r"^I[A-Z]\w*")
_SUMMARY = re.compile(r"<summary>(.*?)</summary>", re.IGNORECASE | re.DOTALL)


@dataclass(slots=True)
class CodeContext:
    """Where the code block sits on its page, and the diagnostics collector."""

    source: str
    first_line: int
    diags: Diagnostics

    def page_line(self, index: int) -> int:
        """Convert a 0-based line index within the code block to a page line number."""
        return self.first_line + index

    def where(self, line: int) -> str:
        """Format a page line as a diagnostics location."""
        return f"{self.source}:{line}"

    def warning(self, line: int, message: str, hint: str | None = None) -> None:
        """Record a warning at a page line."""
        self.diags.warning(self.where(line), message, hint)

    def error(self, line: int, message: str, hint: str | None = None) -> None:
        """Record an error at a page line."""
        self.diags.error(self.where(line), message, hint)

    def info(self, line: int, message: str, hint: str | None = None) -> None:
        """Record an informational note at a page line."""
        self.diags.info(self.where(line), message, hint)


def split_top_level(text: str, sep: str = ",", dialect: Dialect = "cs") -> list[str]:
    """Split on ``sep`` outside quotes and (), [], {}, <> nesting; parts are stripped."""
    parts: list[str] = []
    depth = 0
    quote = ""
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\" and dialect == "cs":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'" and not (ch == "'" and dialect == "vb"):
            quote = ch
        elif ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
        i += 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def _cs_unescape(body: str) -> str:
    def repl(m: re.Match[str]) -> str:
        esc = m.group(1)
        if esc[0] in "ux" and len(esc) > 1:
            return chr(int(esc[1:], 16))
        return _CS_SIMPLE.get(esc, esc)

    return _CS_ESCAPE.sub(repl, body)


def unquote(value: str, dialect: Dialect = "cs") -> str:
    """Remove the quotes of a string literal (C#, verbatim, VB or single-quoted)."""
    v = value.strip()
    if len(v) >= 3 and v.startswith('@"') and v.endswith('"'):
        return v[2:-1].replace('""', '"')
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        body = v[1:-1]
        if dialect == "vb":
            return body.replace('""', '"')
        return _cs_unescape(body)
    return v


def parse_attribute_list(text: str, line: int, dialect: Dialect) -> list[AttributeRecord] | None:
    """Parse the inside of ``[...]``/``<...>`` (one or more attributes); None if malformed."""
    text = _ATTR_TARGET.sub("", text.strip())
    specs = split_top_level(text, ",", dialect)
    if not specs:
        return None
    result: list[AttributeRecord] = []
    for spec in specs:
        m = _ATTR_SPEC.match(spec)
        if m is None or spec.count("(") != spec.count(")"):
            return None
        args: list[str] = []
        named: list[tuple[str, str]] = []
        for arg in split_top_level(m.group(2) or "", ",", dialect):
            nm = _NAMED_ARG.match(arg)
            if nm is not None:
                named.append((nm.group(1), unquote(nm.group(3), dialect)))
            else:
                args.append(unquote(arg, dialect))
        result.append(
            AttributeRecord(name=m.group(1), args=tuple(args), named=tuple(named), line=line)
        )
    return result


def attr_key(name: str) -> str:
    """Normalize an attribute name for matching: drop namespace and ``Attribute`` suffix."""
    base = name.rsplit(".", 1)[-1]
    if base.endswith("Attribute") and len(base) > len("Attribute"):
        base = base[: -len("Attribute")]
    return base.lower()


def find_attr(attrs: list[AttributeRecord], key: str) -> AttributeRecord | None:
    """Return the first attribute whose normalized name equals ``key`` (lower-case)."""
    for a in attrs:
        if attr_key(a.name) == key:
            return a
    return None


def is_interface_name(text: str) -> bool:
    """True for names following the .NET interface convention (``IReturn<X>``, ``IPost``)."""
    return _INTERFACE_NAME.match(text) is not None


def doc_text(lines: list[str]) -> str | None:
    """Turn doc-comment lines (prefix removed) into a description: the ``<summary>`` text."""
    joined = "\n".join(lines)
    m = _SUMMARY.search(joined)
    body = m.group(1) if m else joined
    kept = [ln.strip() for ln in body.splitlines()]
    while kept and not kept[0]:
        kept.pop(0)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept) or None


def _described(attrs: list[AttributeRecord], key: str) -> str | None:
    a = find_attr(attrs, key)
    if a is None:
        return None
    return a.get("Description") or (a.args[0] if a.args else None)


def _bool(value: str | None) -> bool | None:
    if value is None:
        return None
    return value.strip().lower() == "true"


def _allowable(attrs: list[AttributeRecord]) -> tuple[str, ...]:
    a = find_attr(attrs, "apiallowablevalues")
    if a is None:
        return ()
    raw = a.get("Values")
    if raw is not None and "{" in raw:
        inner = raw[raw.index("{") + 1 : raw.rindex("}")] if "}" in raw else ""
        return tuple(unquote(v) for v in split_top_level(inner))
    return ()


@dataclass(slots=True)
class Pending:
    """Doc-comment lines and attributes seen before the next declaration."""

    doc: list[str] = field(default_factory=list)
    attrs: list[AttributeRecord] = field(default_factory=list)
    description: str | None = None  # an already-extracted doc description (TS/Python)

    def take(self) -> Pending:
        """Return the collected trivia and start afresh."""
        taken = Pending(self.doc, self.attrs, self.description)
        self.doc, self.attrs, self.description = [], [], None
        return taken

    def doc_description(self) -> str | None:
        """The description given by doc comments, if any."""
        return self.description or doc_text(self.doc)


def make_member(
    name: str, type_text: str, line: int, trivia: Pending, ctx: CodeContext
) -> MemberRecord:
    """Build a member record, deriving description/required/wire name/order from attributes."""
    attrs = trivia.attrs
    api = find_attr(attrs, "apimember")
    data = find_attr(attrs, "datamember")
    required = _bool(api.get("IsRequired")) if api else None
    if find_attr(attrs, "required") is not None:
        required = True
    order: int | None = None
    order_text = data.get("Order") if data else None
    if order_text is not None:
        try:
            order = int(order_text)
        except ValueError:
            ctx.warning(line, f"DataMember Order {order_text!r} of {name!r} is not an integer")
    description = (
        (api.get("Description") if api else None)
        or _described(attrs, "description")
        or trivia.doc_description()
    )
    return MemberRecord(
        name=name,
        type_text=type_text,
        line=line,
        description=description,
        required=required,
        param_type=api.get("ParameterType") if api else None,
        allowable_values=_allowable(attrs),
        wire_name=data.get("Name") if data else None,
        order=order,
        attributes=tuple(attrs),
    )


def make_enum_member(
    name: str, line: int, trivia: Pending, value: str | None = None, wire_value: str | None = None
) -> EnumMemberRecord:
    """Build an enum member record; ``[EnumMember(Value=…)]`` sets the wire value."""
    em = find_attr(trivia.attrs, "enummember")
    if em is not None:
        wire_value = em.get("Value") or wire_value
    description = (
        _described(trivia.attrs, "description")
        or _described(trivia.attrs, "apimember")
        or trivia.doc_description()
    )
    return EnumMemberRecord(
        name=name, line=line, value=value, wire_value=wire_value, description=description
    )


@dataclass(slots=True)
class TypeBuilder:
    """A type being parsed; :meth:`build` freezes it into a :class:`TypeRecord`."""

    name: str
    source: str
    line: int
    kind: TypeKind
    trivia: Pending
    namespace: str | None = None
    base: str | None = None
    interfaces: list[str] = field(default_factory=list)
    generic_params: tuple[str, ...] = ()
    members: list[MemberRecord] = field(default_factory=list)
    enum_members: list[EnumMemberRecord] = field(default_factory=list)
    containing: str | None = None
    is_flags: bool = False

    def path(self) -> str:
        """Dotted name including containing types (``Outer.Inner``)."""
        return f"{self.containing}.{self.name}" if self.containing else self.name

    def build(self) -> TypeRecord:
        """Freeze into a record; description from Api/Description attributes, else docs."""
        attrs = list(self.trivia.attrs)
        description = (
            _described(attrs, "api")
            or _described(attrs, "description")
            or self.trivia.doc_description()
        )
        flags = self.is_flags or find_attr(attrs, "flags") is not None
        if self.containing:
            attrs.append(
                AttributeRecord(name="ContainingType", args=(self.containing,), line=self.line)
            )
        return TypeRecord(
            name=self.name,
            source=self.source,
            line=self.line,
            kind=self.kind,
            namespace=self.namespace,
            base=self.base,
            interfaces=tuple(self.interfaces),
            generic_params=self.generic_params,
            description=description,
            members=tuple(self.members),
            enum_members=tuple(self.enum_members),
            attributes=tuple(attrs),
            is_flags=flags,
        )


def assign_bases(builder: TypeBuilder, items: list[str]) -> None:
    """Class: first item is the base unless it looks like an interface; rest are interfaces."""
    if builder.kind == "class" and items and not is_interface_name(items[0]):
        builder.base = items[0]
        items = items[1:]
    builder.interfaces.extend(items)
