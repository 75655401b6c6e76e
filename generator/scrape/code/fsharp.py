"""Parse ServiceStack F# DTOs (``&lang=fsharp``, ``/types/fsharp``) into records.

F# is read line by line, with indentation deciding what belongs to a type:

- ``namespace X`` sets the namespace; ``open …`` is skipped; ``(* … *)`` is a comment
  (the ``Options:`` header), ``///`` lines are doc comments;
- ``[<Route("/x", "GET")>]`` lines (several attributes may be joined by ``;``) are
  attributes of the next declaration;
- ``type Name<'T>() =`` starts a class (``and`` continues a recursive group); its
  indented body holds ``inherit Base()``, ``interface IReturn<X>`` and
  ``member val Name:Type = init with get,set`` lines (``class end`` for none);
- ``type Name =`` followed by ``| A = 0`` lines is an enum (an attribute may prefix a
  case: ``| [<EnumMember(Value="x")>] A = 0``); followed by ``abstract Name:Type …``
  lines it is an interface.

Generic parameters and type texts keep F#'s ``'T`` quote off the parameter names only
(``generic_params=("T",)``); member type texts stay as printed (``ResizeArray<'T>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.scrape.code._common import (
    CodeContext,
    Pending,
    TypeBuilder,
    TypeKind,
    is_interface_name,
    make_enum_member,
    make_member,
    parse_attribute_list,
    split_top_level,
)
from generator.scrape.records import TypeRecord

SOURCE = "code:fsharp"
_TYPE = re.compile(
    r"^(?:type|and)\s+(?:(?:private|internal|public)\s+)?([A-Za-z_]\w*)\s*"
    r"(<[^>=]*>)?\s*(\(\s*\))?\s*(?::\s*[^=]+)?=\s*(.*)$"
)
_MEMBER_VAL = re.compile(
    r"^member\s+val\s+(?:mutable\s+)?([A-Za-z_]\w*)\s*:\s*(.+?)\s*=\s*(.+?)\s*"
    r"(?:with\s+get\s*(?:,\s*set)?)?\s*$"
)
_ABSTRACT = re.compile(r"^abstract\s+(?:member\s+)?([A-Za-z_]\w*)\s*:\s*(.+?)(?:\s+with\s+.*)?$")
_INHERIT = re.compile(r"^inherit\s+(.+?)\s*(\(\s*\))?\s*$")
_INTERFACE = re.compile(r"^interface\s+(.+?)(?:\s+with\s*)?$")
_CASE = re.compile(r"^\|\s*(?:\[<(.*)>\]\s*)?([A-Za-z_]\w*)\s*=\s*(.+?)\s*$")
_ATTRS = re.compile(r"^\[<(.*)>\]\s*(.*)$")
_SKIPPED = re.compile(
    r"^(?:new\s*\(|member\s+(?!val\b)|override\s|default\s|static\s|let\s|do\s|val\s|"
    r"abstract\s+member\s+\w+\s*:\s*unit|class\s+end$|end$|interface\s+end$|with$)"
)


@dataclass(slots=True)
class _Line:
    """One code line with comments removed: 0-based index, indentation and text."""

    index: int
    indent: int
    text: str
    doc: str | None = None  # the text of a /// doc comment line


def parse_fsharp(text: str, ctx: CodeContext) -> tuple[TypeRecord, ...]:
    """Parse F# DTO code into type records in document order."""
    parser = _FsParser(ctx)
    parser.run(_lines(text, ctx))
    return tuple(parser.types)


def _lines(text: str, ctx: CodeContext) -> list[_Line]:
    """Code lines without ``(* *)`` blocks and ``//`` comments (``///`` kept as docs)."""
    out: list[_Line] = []
    in_block = 0
    for index, raw in enumerate(text.split("\n")):
        line = raw
        if in_block:
            end = line.find("*)")
            if end < 0:
                continue
            in_block = 0
            line = " " * (end + 2) + line[end + 2 :]
        start = line.find("(*")
        while start >= 0 and '"' not in line[:start]:
            end = line.find("*)", start + 2)
            if end < 0:
                in_block = index + 1
                line = line[:start]
                break
            line = line[:start] + " " * (end + 2 - start) + line[end + 2 :]
            start = line.find("(*")
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if stripped.startswith("///"):
            out.append(_Line(index, indent, "", doc=stripped[3:]))
            continue
        if stripped.startswith("//"):
            continue
        if stripped:
            out.append(_Line(index, indent, stripped))
    if in_block:
        ctx.error(
            ctx.page_line(in_block - 1),
            "unterminated (* comment in the F# code",
            "the code block looks truncated; save the complete page again",
        )
    return out


class _FsParser:
    """Walks F# lines; a type owns the following lines indented deeper than its header."""

    def __init__(self, ctx: CodeContext) -> None:
        self.ctx = ctx
        self.types: list[TypeRecord] = []
        self.namespace: str | None = None

    def run(self, lines: list[_Line]) -> None:
        """Walk the code lines: namespaces, attributes, doc comments, types."""
        pending = Pending()
        i = 0
        while i < len(lines):
            ln = lines[i]
            line_no = self.ctx.page_line(ln.index)
            i += 1
            if ln.doc is not None:
                pending.doc.append(ln.doc)
            elif (m := _ATTRS.match(ln.text)) is not None:
                self.attributes(m.group(1), line_no, pending)
                if m.group(2):
                    lines.insert(i, _Line(ln.index, ln.indent, m.group(2)))
            elif ln.text.startswith("namespace "):
                self.namespace = ln.text.split(None, 1)[1].strip() or None
                if self.namespace == "global":
                    self.namespace = None
            elif ln.text.startswith(("open ", "module ", "#")):
                pass
            elif (m := _TYPE.match(ln.text)) is not None:
                end = i
                while end < len(lines) and lines[end].indent > ln.indent:
                    end += 1
                self.type_decl(m, ln, lines[i:end], pending)
                pending = Pending()
                i = end
            else:
                self.ctx.warning(
                    line_no,
                    f"unrecognized F# construct {ln.text[:60]!r}; skipped",
                    "only namespaces, types, members and enum cases are read",
                )
                pending = Pending()

    def attributes(self, inner: str, line: int, pending: Pending) -> None:
        """``[<A; B(x)>]`` → attribute records (``;`` separates attributes)."""
        for part in split_top_level(inner, ";"):
            parsed = parse_attribute_list(part, line, "cs")
            if parsed is None:
                self.ctx.warning(line, f"cannot parse F# attribute [<{part}>]; ignored")
            else:
                pending.attrs.extend(parsed)

    def type_decl(
        self, m: re.Match[str], header: _Line, body: list[_Line], trivia: Pending
    ) -> None:
        """A ``type`` header and its indented body lines → one record (or a warning)."""
        name, generics, ctor, rest = m.group(1), m.group(2), m.group(3), m.group(4).strip()
        line = self.ctx.page_line(header.index)
        cases = [b for b in body if b.text.startswith("|")]
        abstracts = [b for b in body if b.text.startswith("abstract ")]
        kind: TypeKind
        if ctor is not None or rest == "class":
            kind = "class"
        elif rest == "" and cases and all(_CASE.match(c.text) for c in cases):
            kind = "enum"
        elif rest in ("", "interface") and (abstracts or is_interface_name(name)):
            kind = "interface"
        else:
            self.ctx.warning(
                line,
                f"F# type {name} is not a class, enum or interface; skipped",
                "ServiceStack prints DTOs as `type Name() =` classes",
            )
            return
        builder = TypeBuilder(
            name=name, source=SOURCE, line=line, kind=kind, trivia=trivia, namespace=self.namespace
        )
        if generics:
            builder.generic_params = tuple(
                p.strip().lstrip("'").split(":")[0].strip() for p in split_top_level(generics[1:-1])
            )
        self.body(builder, body)
        self.types.append(builder.build())

    def body(self, builder: TypeBuilder, body: list[_Line]) -> None:
        """The lines of a type body: members, cases, ``inherit``, ``interface``."""
        pending = Pending()
        for ln in body:
            line = self.ctx.page_line(ln.index)
            text = ln.text
            if ln.doc is not None:
                pending.doc.append(ln.doc)
                continue
            if (m := _ATTRS.match(text)) is not None:
                self.attributes(m.group(1), line, pending)
                if not m.group(2):
                    continue
                text = m.group(2)
            if builder.kind == "enum" and (c := _CASE.match(text)) is not None:
                if c.group(1):
                    self.attributes(c.group(1), line, pending)
                builder.enum_members.append(make_enum_member(c.group(2), line, pending, c.group(3)))
            elif (v := _MEMBER_VAL.match(text)) is not None and builder.kind == "class":
                builder.members.append(make_member(v.group(1), v.group(2), line, pending, self.ctx))
            elif (a := _ABSTRACT.match(text)) is not None and builder.kind == "interface":
                builder.members.append(make_member(a.group(1), a.group(2), line, pending, self.ctx))
            elif (h := _INHERIT.match(text)) is not None and builder.kind == "class":
                builder.base = h.group(1)
            elif (f := _INTERFACE.match(text)) is not None and text != "interface end":
                builder.interfaces.append(f.group(1))
            elif _SKIPPED.match(text) is None:
                self.ctx.warning(
                    line,
                    f"unrecognized F# line in {builder.name}: {text[:60]!r}; skipped",
                    "only member val, inherit, interface and enum cases are read",
                )
            pending = Pending()
