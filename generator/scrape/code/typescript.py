"""Parse ServiceStack TypeScript DTOs (``&lang=typescript``, ``/types/typescript``) into records.

``// @DataMember(Order=1)``-style comments are read as attributes, ``/** @description … */``
as descriptions. An optional member (``name?: string``) gets ``required=False`` unless an
attribute says otherwise; its ``type_text`` is the declared type without the ``?``.
"""

from __future__ import annotations

import dataclasses
from typing import Literal

from generator.scrape.code._clike import Cursor, Token, split_tokens, tokenize
from generator.scrape.code._common import (
    CodeContext,
    Pending,
    TypeBuilder,
    TypeKind,
    make_enum_member,
    make_member,
    parse_attribute_list,
    unquote,
)
from generator.scrape.records import EnumMemberRecord, TypeRecord

SOURCE = "code:typescript"
MAX_DEPTH = 64
Close = Literal["closed", "eof"]
_DECL_MODIFIERS = frozenset({"export", "declare", "default", "abstract", "const"})
_MEMBER_MODIFIERS = frozenset(
    {"public", "private", "protected", "readonly", "static", "declare", "abstract", "override"}
)
_ACCESSOR_LIKE = _MEMBER_MODIFIERS | {"get", "set", "async"}
_KINDS: dict[str, TypeKind] = {"class": "class", "interface": "interface", "enum": "enum"}
_CONTINUES = frozenset({"|", "&", "=>", ":", ",", "<", "(", "[", "{"})
_TRUNCATED = "the code block looks truncated; save the complete page again"


def parse_typescript(text: str, ctx: CodeContext) -> tuple[TypeRecord, ...]:
    """Parse TypeScript DTO code into type records in document order."""
    parser = _TsParser(text, ctx)
    parser.container(0)
    return tuple(parser.types)


def ts_doc(comment: str) -> str | None:
    """The description of a ``/** … */`` comment: its ``@description`` text, else its text."""
    lines = [ln.strip().lstrip("*").strip() for ln in comment[3:-2].split("\n")]
    kept: list[str] = []
    tagged = any(ln.startswith("@description") for ln in lines)
    inside = not tagged
    for ln in lines:
        if ln.startswith("@description"):
            inside = True
            ln = ln[len("@description") :].strip()
        elif ln.startswith("@"):
            inside = False
            continue
        if inside and ln:
            kept.append(ln)
    return "\n".join(kept) or None


class _TsParser:
    """Recursive-descent reader of TypeScript classes, interfaces and enums over tokens."""

    def __init__(self, text: str, ctx: CodeContext) -> None:
        self.ctx = ctx
        self.cur = Cursor(tokenize(text, ctx, csharp=False), text)
        self.types: list[TypeRecord] = []

    def line(self, tok: Token | None) -> int:
        if tok is None:
            tok = self.cur.tokens[-1] if self.cur.tokens else None
        return self.ctx.page_line(tok.line if tok else 0)

    def trivia(self) -> Pending:
        """Collect ``// @Attr(...)`` comments and ``/** … */`` docs before a declaration."""
        pending = Pending()
        while (tok := self.cur.peek()) is not None and tok.kind == "comment":
            self.cur.next()
            if tok.text.startswith("/**"):
                pending.description = ts_doc(tok.text) or pending.description
                continue
            body = tok.text[2:].strip() if tok.text.startswith("//") else ""
            if not body.startswith("@"):
                continue
            parsed = parse_attribute_list(body[1:], self.line(tok), "cs")
            if parsed is None:
                self.ctx.warning(self.line(tok), f"cannot parse attribute comment {body!r}")
            else:
                pending.attrs.extend(parsed)
        return pending

    def container(self, depth: int) -> Close:
        """Parse top-level (or namespace) declarations until ``}`` or the end."""
        while True:
            trivia = self.trivia()
            tok = self.cur.peek_code()
            if tok is None:
                return "eof"
            if tok.kind == "punct" and tok.text == "}":
                self.cur.next_code()
                if depth > 0:
                    return "closed"
                self.ctx.warning(self.line(tok), "unbalanced '}' in the TypeScript code; ignored")
            elif tok.text == ";":
                self.cur.next_code()
            elif tok.text == "import":
                self.cur.collect({";"})
                self.cur.next_code()
            else:
                self.declaration(trivia, depth)

    def declaration(self, trivia: Pending, depth: int) -> None:
        first = self.cur.peek_code()
        while (tok := self.cur.peek_code()) is not None and tok.text in _DECL_MODIFIERS:
            self.cur.next_code()
        tok = self.cur.peek_code()
        if tok is not None and tok.text in _KINDS and depth < MAX_DEPTH:
            self.type_decl(trivia)
        elif tok is not None and tok.text in ("namespace", "module") and depth < MAX_DEPTH:
            self.cur.collect({"{", ";"})
            if self.cur.is_("{"):
                opener = self.cur.next_code()
                self.check_closed(self.container(depth + 1), "namespace", opener)
        else:
            shown = tok or first
            what = shown.text if shown is not None else ""
            self.ctx.warning(
                self.line(first),
                f"unrecognized TypeScript construct {what!r}; skipped",
                "only classes, interfaces and enums are read",
            )
            start = self.cur.i
            self.cur.skip_statement()
            if self.cur.i == start:
                self.cur.next_code()

    def check_closed(self, result: Close, what: str, opener: Token | None) -> None:
        """Report a code block that ends before ``what`` is closed."""
        if result != "closed":
            self.ctx.error(
                self.line(opener),
                f"TypeScript code ends inside {what} (the closing '}}' is missing)",
                _TRUNCATED,
            )

    def type_decl(self, trivia: Pending) -> None:
        kw = self.cur.next_code()
        name = self.cur.next_code()
        if kw is None or name is None or name.kind != "ident":
            self.ctx.warning(self.line(kw), "malformed TypeScript declaration; skipped")
            self.cur.skip_statement()
            return
        builder = TypeBuilder(
            name=name.text, source=SOURCE, line=self.line(kw), kind=_KINDS[kw.text], trivia=trivia
        )
        if self.cur.is_("<"):
            self.cur.next_code()
            params, _ = self.cur.collect({">"}, angle=True)
            self.cur.next_code()
            builder.generic_params = tuple(g[0].text for g in split_tokens(params))
        self.heritage(builder)
        if not self.cur.is_("{"):
            self.ctx.warning(builder.line, f"TypeScript type {builder.name} has no body; skipped")
            self.cur.skip_statement()
            return
        self.cur.next_code()
        result = self.enum_body(builder) if builder.kind == "enum" else self.class_body(builder)
        self.check_closed(result, f"{kw.text} {builder.name}", kw)
        self.types.append(builder.build())

    def heritage(self, builder: TypeBuilder) -> None:
        """Read ``extends Base implements IFace, …`` up to the body."""
        items, _ = self.cur.collect({"{", ";"}, angle=True)
        section = ""
        groups: dict[str, list[Token]] = {"extends": [], "implements": []}
        for tok in items:
            if tok.kind == "ident" and tok.text in groups:
                section = tok.text
            elif section:
                groups[section].append(tok)
        extends = [self.cur.slice(g[0], g[-1]) for g in split_tokens(groups["extends"])]
        implements = [self.cur.slice(g[0], g[-1]) for g in split_tokens(groups["implements"])]
        if builder.kind == "class" and extends:
            builder.base = extends[0]
            extends = extends[1:]
        builder.interfaces.extend(extends + implements)

    def enum_body(self, builder: TypeBuilder) -> Close:
        while True:
            trivia = self.trivia()
            tok = self.cur.next_code()
            if tok is None:
                return "eof"
            if tok.kind == "punct" and tok.text == "}":
                return "closed"
            if tok.kind not in ("ident", "string"):
                self.ctx.warning(self.line(tok), f"unexpected {tok.text!r} in enum; skipped")
                self.cur.collect({",", "}"})
            else:
                builder.enum_members.append(self.enum_member(tok, trivia))
            if self.cur.is_(","):
                self.cur.next_code()

    def enum_member(self, tok: Token, trivia: Pending) -> EnumMemberRecord:
        name = unquote(tok.text) if tok.kind == "string" else tok.text
        value: str | None = None
        wire: str | None = None
        if self.cur.is_("="):
            self.cur.next_code()
            parts, _ = self.cur.collect({",", "}"})
            if len(parts) == 1 and parts[0].kind == "string":
                wire = unquote(parts[0].text)
            elif parts:
                value = self.cur.slice(parts[0], parts[-1])
        return make_enum_member(name, self.line(tok), trivia, value, wire)

    def class_body(self, builder: TypeBuilder) -> Close:
        while True:
            trivia = self.trivia()
            tok = self.cur.peek_code()
            if tok is None:
                return "eof"
            if tok.kind == "punct" and tok.text in ("}", ";", ","):
                self.cur.next_code()
                if tok.text == "}":
                    return "closed"
                continue
            self.member(builder, trivia)

    def member(self, builder: TypeBuilder, trivia: Pending) -> None:
        mods = self.modifiers()
        name = self.cur.peek_code()
        if name is None:
            return
        if name.kind not in ("ident", "string", "number"):
            if name.text == "[":
                self.ctx.info(self.line(name), f"index signature in {builder.name} skipped")
                self.cur.skip_balanced()
            else:
                self.ctx.warning(
                    self.line(name), f"unexpected {name.text!r} in {builder.name}; skipped"
                )
                self.cur.next_code()
            self.cur.collect({";", "}"})
            return
        self.cur.next_code()
        optional = self.cur.is_("?")
        if optional or self.cur.is_("!"):
            self.cur.next_code()
        if self.cur.is_("(") or self.cur.is_("<"):
            self.skip_method()
            return
        type_text = self.type_text() if self.cur.is_(":") else None
        if self.cur.is_("="):
            self.skip_initializer()
        if "static" in mods:
            self.ctx.info(self.line(name), f"static member {name.text} of {builder.name} ignored")
            return
        if type_text is None:
            self.ctx.warning(self.line(name), f"member {name.text!r} has no type; skipped")
            return
        record = make_member(unquote(name.text), type_text, self.line(name), trivia, self.ctx)
        if optional and record.required is None:
            record = dataclasses.replace(record, required=False)
        builder.members.append(record)

    def modifiers(self) -> list[str]:
        mods: list[str] = []
        while (tok := self.cur.peek_code()) is not None and tok.text in _ACCESSOR_LIKE:
            after = self.cur.peek_code(1)
            if after is None or (after.kind not in ("ident", "string") and after.text != "["):
                break
            mods.append(tok.text)
            self.cur.next_code()
        return mods

    def skip_method(self) -> None:
        _, stop = self.cur.collect({"{", ";", "}"})
        if stop is not None and stop.text == "{":
            self.cur.skip_balanced()
        elif stop is not None and stop.text == ";":
            self.cur.next_code()

    def type_text(self) -> str | None:
        """Consume ``: Type`` and return the type as printed (ends at ``;``/``=``/line end)."""
        colon = self.cur.next_code()
        out: list[Token] = []
        depth = 0
        prev = colon
        while (tok := self.cur.peek_code()) is not None:
            if tok.kind == "punct" and depth == 0 and tok.text in (";", "=", ",", "}"):
                break
            if depth == 0 and out and prev and tok.line > prev.line and prev.text not in _CONTINUES:
                break
            if tok.kind == "punct" and tok.text in ("(", "[", "{", "<"):
                depth += 1
            elif tok.kind == "punct" and tok.text in (")", "]", "}", ">"):
                depth -= 1
            out.append(tok)
            prev = tok
            self.cur.next_code()
        return self.cur.slice(out[0], out[-1]) if out else None

    def skip_initializer(self) -> None:
        start = self.cur.next_code()
        while (tok := self.cur.peek_code()) is not None:
            if tok.kind == "punct" and tok.text in (";", "}"):
                break
            if start is not None and tok.line > start.line:
                break
            if tok.kind == "punct" and tok.text in ("(", "[", "{"):
                self.cur.skip_balanced()
            else:
                self.cur.next_code()
