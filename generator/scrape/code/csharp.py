"""Parse C# DTO source (ServiceStack ``&lang=csharp`` pages and ``/types/csharp``) into records."""

from __future__ import annotations

from typing import Literal

from generator.scrape.code._clike import Cursor, Token, split_tokens, tokenize
from generator.scrape.code._common import (
    CodeContext,
    Pending,
    TypeBuilder,
    TypeKind,
    assign_bases,
    make_enum_member,
    make_member,
    parse_attribute_list,
)
from generator.scrape.records import TypeRecord

SOURCE = "code:csharp"
MAX_DEPTH = 64
_MODIFIERS = frozenset(
    [
        "public",
        "private",
        "protected",
        "internal",
        "static",
        "readonly",
        "virtual",
        "override",
        "new",
        "abstract",
        "sealed",
        "const",
        "volatile",
        "extern",
        "unsafe",
        "partial",
        "required",
        "async",
    ]
)
_TYPE_KEYWORDS: dict[str, TypeKind] = {
    "class": "class",
    "struct": "class",
    "record": "class",
    "interface": "interface",
    "enum": "enum",
}
Close = Literal["closed", "eof", "stray"]
_TRUNCATED = "the code block looks truncated; save the complete page again"


def parse_csharp(text: str, ctx: CodeContext) -> tuple[TypeRecord, ...]:
    """Parse C# code into type records (document order; nested types after their container)."""
    parser = _CsParser(text, ctx)
    parser.top_level()
    return tuple(parser.types[k] for k in sorted(parser.types))


def _is_modifier(tok: Token) -> bool:
    return tok.kind == "ident" and tok.text in _MODIFIERS


class _CsParser:
    """Recursive-descent reader of C# namespaces, types and members over tokens."""

    def __init__(self, text: str, ctx: CodeContext) -> None:
        self.ctx = ctx
        self.cur = Cursor(tokenize(text, ctx, csharp=True), text)
        self.types: dict[int, TypeRecord] = {}
        self.seq = 0

    def line(self, tok: Token | None) -> int:
        if tok is None:
            tok = self.cur.tokens[-1] if self.cur.tokens else None
        return self.ctx.page_line(tok.line if tok else 0)

    def trivia(self) -> Pending:
        """Collect doc comments and ``[Attribute]`` lists before a declaration."""
        pending = Pending()
        while (tok := self.cur.peek()) is not None:
            if tok.kind == "comment":
                self.cur.next()
                if tok.text.startswith("///"):
                    pending.doc.append(tok.text[3:])
                elif tok.text.startswith("/**"):
                    pending.doc.extend(ln.strip().lstrip("*") for ln in tok.text[3:-2].split("\n"))
            elif tok.kind == "punct" and tok.text == "[":
                self.attribute(pending)
            else:
                break
        return pending

    def attribute(self, pending: Pending) -> None:
        open_tok = self.cur.next()
        assert open_tok is not None
        inner, stop = self.cur.collect({"]"})
        if stop is not None and stop.text == "]":
            self.cur.next_code()
        text = self.cur.slice(inner[0], inner[-1]) if inner else ""
        parsed = parse_attribute_list(text, self.line(open_tok), "cs")
        if parsed is None or stop is None or stop.text != "]":
            self.ctx.warning(
                self.line(open_tok), f"cannot parse C# attribute [{text}]; it is ignored"
            )
            return
        pending.attrs.extend(parsed)

    def container(self, ns: str | None, owner: TypeBuilder | None, depth: int) -> Close:
        """Parse declarations up to the closing ``}`` (a ``}`` on top level is "stray")."""
        while True:
            trivia = self.trivia()
            tok = self.cur.peek_code()
            if tok is None:
                return "eof"
            if tok.text == "}" and tok.kind == "punct":
                if depth == 0:
                    return "stray"
                self.cur.next_code()
                return "closed"
            if tok.text == ";":
                self.cur.next_code()
            elif owner is None and tok.text in ("using", "extern"):
                self.cur.skip_statement()
            elif owner is None and tok.text == "namespace":
                self.namespace(ns, depth)
            else:
                self.declaration(trivia, ns, owner, depth)

    def top_level(self) -> None:
        """Parse the whole code block, reporting stray closing braces."""
        while self.container(None, None, 0) == "stray":
            tok = self.cur.next_code()
            self.ctx.warning(self.line(tok), "unbalanced '}' in the C# code; ignored")

    def namespace(self, outer: str | None, depth: int) -> None:
        kw = self.cur.next_code()
        if depth >= MAX_DEPTH:
            self.ctx.error(self.line(kw), "C# namespaces nested too deeply; skipped")
            self.cur.skip_statement()
            return
        parts, stop = self.cur.collect({"{", ";"})
        name = "".join(t.text for t in parts)
        ns = f"{outer}.{name}" if outer and name else name or outer
        if stop is None:
            self.ctx.error(self.line(kw), "C# code ends inside a namespace header", _TRUNCATED)
        elif stop.text not in (";", "{"):
            self.ctx.warning(self.line(kw), f"malformed C# namespace declaration {name!r}")
        elif stop.text == ";":
            self.cur.next_code()
            self.container(ns, None, depth)
        else:
            self.cur.next_code()
            self.check_closed(self.container(ns, None, depth + 1), f"namespace {name}", kw)

    def check_closed(self, result: Close, what: str, opener: Token | None) -> None:
        """Report a code block that ends before ``what`` is closed."""
        if result != "closed":
            self.ctx.error(
                self.line(opener),
                f"C# code ends inside {what} (the closing '}}' is missing)",
                _TRUNCATED,
            )

    def declaration(
        self, trivia: Pending, ns: str | None, owner: TypeBuilder | None, depth: int
    ) -> None:
        start = self.cur.i
        mods: list[str] = []
        while (tok := self.cur.peek_code()) is not None and _is_modifier(tok):
            mods.append(tok.text)
            self.cur.next_code()
        tok = self.cur.peek_code()
        if tok is not None and tok.kind == "ident" and tok.text in _TYPE_KEYWORDS:
            self.type_decl(trivia, ns, owner, depth)
        elif owner is not None and owner.kind != "enum" and tok is not None:
            self.member(owner, trivia, mods)
        else:
            first = self.cur.tokens[start] if start < len(self.cur.tokens) else None
            self.ctx.warning(
                self.line(first),
                f"unrecognized C# construct {first.text if first else ''!r}; skipped",
                "only namespaces, types, properties, fields and enum members are read",
            )
            self.cur.skip_statement()
            if self.cur.i == start:
                self.cur.next_code()

    def type_decl(
        self, trivia: Pending, ns: str | None, owner: TypeBuilder | None, depth: int
    ) -> None:
        kw = self.cur.next_code()
        assert kw is not None
        if kw.text == "record" and (self.cur.is_("class") or self.cur.is_("struct")):
            self.cur.next_code()
        name = self.cur.next_code()
        if name is None or name.kind != "ident" or depth >= MAX_DEPTH:
            self.ctx.warning(self.line(kw), f"malformed C# {kw.text} declaration; skipped")
            self.cur.skip_statement()
            return
        builder = TypeBuilder(
            name=name.text.lstrip("@"),
            source=SOURCE,
            line=self.line(kw),
            kind=_TYPE_KEYWORDS[kw.text],
            trivia=trivia,
            namespace=ns,
            containing=owner.path() if owner else None,
        )
        if self.cur.is_("<"):
            self.cur.next_code()
            params, _ = self.cur.collect({">"}, angle=True)
            self.cur.next_code()
            builder.generic_params = tuple(
                g[-1].text for g in split_tokens(params) if g[-1].kind == "ident"
            )
        self.header_rest(builder)
        if not self.cur.is_("{"):
            self.ctx.warning(builder.line, f"C# type {builder.name} has no body; skipped")
            self.cur.skip_statement()
            return
        seq = self.seq
        self.seq += 1
        self.cur.next_code()
        if builder.kind == "enum":
            result = self.enum_body(builder)
        else:
            result = self.container(ns, builder, depth + 1)
        self.check_closed(result, f"{kw.text} {builder.name}", kw)
        self.types[seq] = builder.build()

    def header_rest(self, builder: TypeBuilder) -> None:
        """Read ``: Base, IFace`` and skip ``where`` constraints up to the body."""
        if self.cur.is_("("):
            self.ctx.warning(builder.line, f"positional record {builder.name}: parameters ignored")
            self.cur.skip_balanced()
        if self.cur.is_(":"):
            colon = self.cur.next_code()
            items, _ = self.cur.collect({"{", ";"}, angle=True)
            where = next((k for k, t in enumerate(items) if t.text == "where"), len(items))
            texts = [self.cur.slice(g[0], g[-1]) for g in split_tokens(items[:where])]
            if builder.kind == "enum":
                self.ctx.info(self.line(colon), f"enum {builder.name} underlying type ignored")
            elif builder.kind == "interface":
                builder.interfaces.extend(texts)
            else:
                assign_bases(builder, texts)
        elif self.cur.is_("where"):
            self.cur.collect({"{", ";"})

    def enum_body(self, builder: TypeBuilder) -> Close:
        while True:
            trivia = self.trivia()
            tok = self.cur.next_code()
            if tok is None:
                return "eof"
            if tok.kind == "punct" and tok.text == "}":
                return "closed"
            if tok.kind != "ident":
                self.ctx.warning(self.line(tok), f"unexpected {tok.text!r} in enum; skipped")
                self.cur.collect({",", "}"})
                if self.cur.is_(","):
                    self.cur.next_code()
                continue
            value: str | None = None
            if self.cur.is_("="):
                self.cur.next_code()
                parts, _ = self.cur.collect({",", "}"})
                value = self.cur.slice(parts[0], parts[-1]) if parts else None
            if self.cur.is_(","):
                self.cur.next_code()
            builder.enum_members.append(
                make_enum_member(tok.text.lstrip("@"), self.line(tok), trivia, value)
            )

    def member(self, owner: TypeBuilder, trivia: Pending, mods: list[str]) -> None:
        decl, stop = self.cur.collect({";", "{", "=", "=>"})
        first = decl[0] if decl else stop
        is_method = any(t.text in ("(", "this", "operator", "event", "delegate") for t in decl)
        self.finish_member(stop)
        if is_method or not decl:
            return
        if len(decl) < 2 or decl[-1].kind != "ident":
            text = self.cur.slice(decl[0], decl[-1])
            self.ctx.warning(self.line(first), f"cannot read C# member {text!r}; skipped")
            return
        if "static" in mods or "const" in mods:
            self.ctx.info(
                self.line(first), f"static member {decl[-1].text} of {owner.name} ignored"
            )
            return
        owner.members.append(
            make_member(
                decl[-1].text.lstrip("@"),
                self.cur.slice(decl[0], decl[-2]),
                self.line(first),
                trivia,
                self.ctx,
            )
        )

    def finish_member(self, stop: Token | None) -> None:
        """Consume a member's tail: accessor/method body, initializer, ``;``."""
        if stop is None or stop.text == "}":
            return
        if stop.text == "{":
            self.cur.skip_balanced()
            if not self.cur.is_("="):
                return
        if not self.cur.is_(";"):
            self.cur.next_code()
            self.cur.collect({";"})
        if self.cur.is_(";"):
            self.cur.next_code()
