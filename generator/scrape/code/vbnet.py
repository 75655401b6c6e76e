"""Parse VB.NET DTO source (ServiceStack ``&lang=vbnet`` pages, ``/types/vbnet``) into records.

VB is line oriented: each logical line (after ``_`` continuations and unbalanced
parentheses are joined) is one declaration, an ``End X`` or trivia. ``Namespace Global``
contributes nothing to namespaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.scrape.code._common import (
    CodeContext,
    Pending,
    TypeBuilder,
    TypeKind,
    make_enum_member,
    make_member,
    parse_attribute_list,
    split_top_level,
)
from generator.scrape.records import TypeRecord

SOURCE = "code:vbnet"
MAX_JOIN = 30
_I = re.IGNORECASE
_MODS = (
    r"(?:(?:Public|Private|Protected|Friend|Partial|MustInherit|NotInheritable|Shadows|Shared|"
    r"Overridable|Overrides|NotOverridable|MustOverride|Overloads|ReadOnly|WriteOnly|Default|"
    r"Dim|Const|WithEvents|Iterator|Async)\s+)"
)
_NAME = r"(\[[^\]]+\]|[A-Za-z_]\w*)"
_SKIP = re.compile(r"^(?:Imports|Option)\b", _I)
_NAMESPACE = re.compile(r"^Namespace\s+([\w.]+)\s*$", _I)
_END = re.compile(
    r"^End\s+(Namespace|Class|Structure|Interface|Enum|Module|Sub|Function|Operator|Get|Set|"
    r"Property|Event)\b",
    _I,
)
_TYPE = re.compile(rf"^({_MODS}*)(Class|Structure|Interface|Enum|Module)\s+{_NAME}\s*(.*)$", _I)
_HERITAGE = re.compile(r"^(Inherits|Implements)\s+(.+)$", _I)
_PROPERTY = re.compile(rf"^({_MODS}*)Property\s+{_NAME}\s*(?:\(\s*\))?\s+As\s+(.+)$", _I)
_FIELD = re.compile(rf"^({_MODS}+){_NAME}\s*(\(\s*\))?\s+As\s+(.+)$", _I)
_METHOD = re.compile(rf"^({_MODS}*)(Sub|Function|Operator)\b", _I)
_ACCESSOR = re.compile(r"^(?:(?:Public|Private|Protected|Friend)\s+)?(Get|Set)\b", _I)
_SIGNATURE_ONLY = re.compile(r"\b(?:MustOverride|Declare)\b", _I)
_ENUM_MEMBER = re.compile(rf"^{_NAME}\s*(?:=\s*(.+))?$")
_KINDS: dict[str, TypeKind] = {
    "class": "class",
    "structure": "class",
    "module": "class",
    "interface": "interface",
    "enum": "enum",
}
_TRUNCATED = "the code block looks truncated; save the complete page again"


@dataclass(slots=True)
class _Frame:
    """An open block: a namespace, a type, or a skipped method/accessor body."""

    kind: str  # lower-case block keyword: namespace, class, enum, sub, get, …
    line: int
    namespace: str | None = None
    builder: TypeBuilder | None = None
    seq: int = 0


def parse_vbnet(text: str, ctx: CodeContext) -> tuple[TypeRecord, ...]:
    """Parse VB.NET code into type records (document order; nested types after containers)."""
    parser = _VbParser(ctx)
    for index, line in _logical_lines(text):
        parser.line(index, line)
    parser.finish()
    return tuple(parser.types[k] for k in sorted(parser.types))


def _strip_comment(line: str) -> str:
    """Remove a trailing ``'`` comment (outside strings)."""
    if "'" not in line:
        return line
    in_str = False
    for i, ch in enumerate(line):
        if ch == '"':
            in_str = not in_str
        elif ch == "'" and not in_str:
            return line[:i]
    return line


def _paren_balance(line: str) -> int:
    if '"' not in line:
        return line.count("(") - line.count(")")
    depth = 0
    in_str = False
    for ch in line:
        if ch == '"':
            in_str = not in_str
        elif not in_str and ch == "(":
            depth += 1
        elif not in_str and ch == ")":
            depth -= 1
    return depth


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Join continued lines; doc comments (``'''``) are kept whole, other comments dropped."""
    raw = text.split("\n")
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(raw):
        stripped = raw[i].strip()
        if stripped.startswith("'''"):
            out.append((i, stripped))
            i += 1
            continue
        start, parts = i, [_strip_comment(stripped).strip()]
        joined = parts[0]
        while (
            i + 1 < len(raw)
            and i - start < MAX_JOIN
            and (joined.endswith(" _") or _paren_balance(joined) > 0)
        ):
            i += 1
            nxt = _strip_comment(raw[i].strip()).strip()
            joined = (joined[:-2] if joined.endswith(" _") else joined).rstrip() + " " + nxt
        if _paren_balance(joined) > 0:
            i = start
            joined = parts[0]
        out.append((start, joined.strip()))
        i += 1
    return out


def _unescape(name: str) -> str:
    return name[1:-1] if name.startswith("[") and name.endswith("]") else name


def _type_text(text: str) -> str:
    """Declared type without ``New``, an initializer or an ``Implements`` clause."""
    text = re.sub(r"^New\s+", "", text.strip(), flags=_I)
    depth = 0
    in_str = False
    for i, ch in enumerate(text):
        if ch == '"':
            in_str = not in_str
        elif in_str:
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and (ch == "=" or re.match(r"\s+Implements\s", text[i:], _I)):
            return text[:i].strip()
    return text.strip()


def _split_attribute(line: str) -> tuple[str, str] | None:
    """Split ``<Attr(...)> rest`` into the attribute text and the rest; None if unclosed."""
    depth = 0
    in_str = False
    for i, ch in enumerate(line):
        if ch == '"':
            in_str = not in_str
        elif in_str:
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == ">" and depth == 0:
            return line[1:i], line[i + 1 :].strip()
    return None


class _VbParser:
    """Line-by-line reader of VB.NET blocks (a stack of open namespaces/types/bodies)."""

    def __init__(self, ctx: CodeContext) -> None:
        self.ctx = ctx
        self.stack: list[_Frame] = []
        self.pending = Pending()
        self.types: dict[int, TypeRecord] = {}
        self.seq = 0

    def namespace(self) -> str | None:
        return self.stack[-1].namespace if self.stack else None

    def owner(self) -> TypeBuilder | None:
        for frame in reversed(self.stack):
            if frame.builder is not None:
                return frame.builder
        return None

    def line(self, index: int, text: str) -> None:
        """Process one logical line (``index`` is its 0-based line in the code block)."""
        page_line = self.ctx.page_line(index)
        if self.stack and self.stack[-1].builder is None and self.stack[-1].kind != "namespace":
            if (m := _END.match(text)) and m.group(1).lower() == self.stack[-1].kind:
                self.stack.pop()
            return
        while text.startswith("<"):
            split = _split_attribute(text)
            parsed = parse_attribute_list(split[0], page_line, "vb") if split else None
            if split is None or parsed is None:
                self.ctx.warning(page_line, f"cannot parse VB.NET attribute {text!r}; ignored")
                return
            self.pending.attrs.extend(parsed)
            text = split[1]
        if text:
            self.statement(page_line, text)

    def statement(self, page_line: int, text: str) -> None:
        if text.startswith("'''"):
            self.pending.doc.append(text[3:])
        elif _SKIP.match(text):
            pass
        elif m := _NAMESPACE.match(text):
            self.open_namespace(page_line, m.group(1))
        elif m := _END.match(text):
            self.close(page_line, m.group(1).lower())
        elif m := _TYPE.match(text):
            self.open_type(page_line, m.group(2).lower(), _unescape(m.group(3)), m.group(4))
        else:
            owner = self.owner()
            if owner is None:
                self.unknown(page_line, text)
            elif owner.kind == "enum":
                self.enum_member(owner, page_line, text)
            else:
                self.member(owner, page_line, text)

    def unknown(self, page_line: int, text: str) -> None:
        self.pending.take()
        self.ctx.warning(
            page_line,
            f"unrecognized VB.NET line {text[:60]!r}; skipped",
            "only namespaces, types, properties, fields and enum members are read",
        )

    def open_namespace(self, page_line: int, name: str) -> None:
        if name.lower() == "global":
            name = ""
        elif name.lower().startswith("global."):
            name = name[len("global.") :]
        outer = self.namespace()
        ns = f"{outer}.{name}" if outer and name else (name or outer)
        self.stack.append(_Frame("namespace", page_line, namespace=ns))

    def open_type(self, page_line: int, kw: str, name: str, rest: str) -> None:
        owner = self.owner()
        builder = TypeBuilder(
            name=name,
            source=SOURCE,
            line=page_line,
            kind=_KINDS[kw],
            trivia=self.pending.take(),
            namespace=self.namespace(),
            containing=owner.path() if owner else None,
        )
        generic = re.match(r"^\(\s*Of\s+(.*)\)\s*$", rest, _I)
        if generic:
            builder.generic_params = tuple(
                p.split()[0] for p in split_top_level(generic.group(1), ",", "vb")
            )
        elif rest and not re.match(r"^As\s+\w+$", rest, _I):
            self.ctx.warning(page_line, f"unexpected text {rest!r} after {kw} {name}; ignored")
        self.stack.append(_Frame(kw, page_line, self.namespace(), builder, self.seq))
        self.seq += 1

    def close(self, page_line: int, kw: str) -> None:
        self.pending.take()
        if kw in ("property", "event") and self.owner() is not None:
            return
        if not any(f.kind == kw for f in self.stack):
            self.ctx.warning(page_line, f"'End {kw.title()}' without a matching block; ignored")
            return
        while self.stack:
            frame = self.stack.pop()
            if frame.kind == kw:
                self.store(frame)
                return
            self.ctx.warning(
                page_line,
                f"{frame.kind.title()} opened at line {frame.line} "
                f"is closed by 'End {kw.title()}'",
            )
            self.store(frame)

    def store(self, frame: _Frame) -> None:
        if frame.builder is not None:
            self.types[frame.seq] = frame.builder.build()

    def finish(self) -> None:
        """Report blocks left open at the end and keep the types read so far."""
        for frame in reversed(self.stack):
            self.ctx.error(
                frame.line,
                f"VB.NET code ends inside {frame.kind.title()} opened here "
                f"(the 'End {frame.kind.title()}' is missing)",
                _TRUNCATED,
            )
            self.store(frame)
        self.stack.clear()

    def enum_member(self, owner: TypeBuilder, page_line: int, text: str) -> None:
        m = _ENUM_MEMBER.match(text)
        if m is None:
            self.unknown(page_line, text)
            return
        value = m.group(2).strip() if m.group(2) else None
        owner.enum_members.append(
            make_enum_member(_unescape(m.group(1)), page_line, self.pending.take(), value)
        )

    def member(self, owner: TypeBuilder, page_line: int, text: str) -> None:
        if m := _HERITAGE.match(text):
            items = split_top_level(m.group(2), ",", "vb")
            if m.group(1).lower() == "inherits" and owner.kind == "class" and owner.base is None:
                owner.base, items = (items[0], items[1:]) if items else (None, items)
            owner.interfaces.extend(items)
        elif m := _PROPERTY.match(text):
            self.add_member(owner, page_line, m.group(1), m.group(2), _type_text(m.group(3)))
        elif m := _FIELD.match(text):
            array = "()" if m.group(3) else ""
            type_text = _type_text(m.group(4)) + array
            self.add_member(owner, page_line, m.group(1), m.group(2), type_text)
        elif m := _METHOD.match(text):
            self.pending.take()
            if owner.kind != "interface" and not _SIGNATURE_ONLY.search(text):
                self.stack.append(_Frame(m.group(2).lower(), page_line))
        elif m := _ACCESSOR.match(text):
            self.stack.append(_Frame(m.group(1).lower(), page_line))
        else:
            self.unknown(page_line, text)

    def add_member(
        self, owner: TypeBuilder, page_line: int, mods: str, name: str, type_text: str
    ) -> None:
        trivia = self.pending.take()
        words = {w.lower() for w in mods.split()}
        if words & {"shared", "const"}:
            self.ctx.info(page_line, f"shared member {_unescape(name)} of {owner.name} ignored")
            return
        owner.members.append(make_member(_unescape(name), type_text, page_line, trivia, self.ctx))
