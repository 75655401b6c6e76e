"""Parse ServiceStack JavaScript DTOs (``&lang=mjs``, ``/types/mjs``: ES classes + JSDoc).

Members are class fields typed by the JSDoc comment before them
(``/** @type {?string} */ name;``); ``type_text`` is the text inside the braces. JS has
no interfaces, so the request markers are read from the methods ServiceStack prints:
``createResponse() { return new X() }`` gives ``IReturn<X>`` (an empty body
``IReturnVoid``) and ``getMethod() { return 'GET' }`` gives ``IGet``. Generic parameters
come from ``/** @typedef T {any} */`` (or ``@template T``) before a class; JSDoc
``@extends {Base<X>}`` / ``@implements {I}`` tags are read when present. Enums are
``export var E;`` followed by the ``(function (E) { E["A"] = "A" })(E || (E = {}));``
initializer (``E[E["A"] = 1] = "A"`` for integer values). ``// @Route(...)`` comments are
attributes, as in TypeScript.
"""

from __future__ import annotations

import re

from generator.scrape.code._braces import BraceParser
from generator.scrape.code._clike import Token, matching_bracket
from generator.scrape.code._common import (
    CodeContext,
    Pending,
    TypeBuilder,
    make_enum_member,
    make_member,
    unquote,
)
from generator.scrape.records import TypeRecord

SOURCE = "code:javascript"
_TYPEDEF = re.compile(r"@typedef\s+([A-Za-z_$][\w$]*)\s*\{|@template\s+([A-Za-z_$][\w$]*)")
_TAG = re.compile(r"@(type|extends|augments|implements)\s*\{")
_INT_MEMBER = re.compile(r"\[\s*\w+\[\s*([\"'])(.+?)\1\s*\]\s*=\s*(-?[\w.]+)\s*\]\s*=")
_STR_MEMBER = re.compile(r"\[\s*([\"'])(.+?)\1\s*\]\s*=\s*([\"'])(.*?)\3")
_VERBS = {"GET": "IGet", "POST": "IPost", "PUT": "IPut", "DELETE": "IDelete", "PATCH": "IPatch"}
_SKIP_TOP = frozenset({"import", "export", "'use strict'", '"use strict"'})


def parse_javascript(text: str, ctx: CodeContext) -> tuple[TypeRecord, ...]:
    """Parse JavaScript DTO code into type records (document order)."""
    parser = _JsParser(text, ctx)
    parser.top_level()
    return parser.records()


def _braced(text: str, start: int) -> str | None:
    """The text inside the ``{…}`` that opens at ``start`` (nested braces balanced)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i].strip()
    return None


class _JsParser(BraceParser):
    LANG = "JavaScript"
    SOURCE = SOURCE

    def __init__(self, text: str, ctx: CodeContext) -> None:
        super().__init__(text, ctx)
        self.tags: dict[str, list[str]] = {}  # JSDoc tags since the last declaration
        self.generics: list[str] = []

    def comment(self, tok: Token, pending: Pending) -> None:
        """JSDoc ``@type``/``@extends``/``@implements``/``@typedef`` tags, then the usual."""
        if tok.text.startswith("/**"):
            for m in _TAG.finditer(tok.text):
                inner = _braced(tok.text, m.end() - 1)
                if inner:
                    self.tags.setdefault(m.group(1), []).append(inner)
            for m in _TYPEDEF.finditer(tok.text):
                self.generics.append(m.group(1) or m.group(2))
        super().comment(tok, pending)

    def take_tags(self) -> dict[str, list[str]]:
        """The JSDoc tags collected since the last declaration (then forgotten)."""
        tags, self.tags = self.tags, {}
        return tags

    def top_level(self) -> None:
        """Classes, ``export var`` enums; imports and ``"use strict"`` are skipped."""
        while True:
            trivia = self.trivia()
            tok = self.cur.peek_code()
            if tok is None:
                return
            if tok.text == "export":
                self.cur.next_code()
                tok = self.cur.peek_code()
                if tok is None:
                    return
            if tok.text == "class":
                self.type_decl(trivia)
            elif tok.text in ("var", "let", "const"):
                self.enum_decl(trivia)
            elif tok.text == ";":
                self.cur.next_code()
            elif tok.text in _SKIP_TOP:
                self.cur.collect({";"})  # import { A, B } from '…';
                if self.cur.is_(";"):
                    self.cur.next_code()
            else:
                start = self.cur.i
                self.unrecognized(tok, "only classes and enum initializers are read")
                if self.cur.i == start:
                    self.cur.next_code()
            self.take_tags()
            self.generics.clear()

    def type_decl(self, trivia: Pending) -> None:
        """``class Name extends Base { … }`` with JSDoc generic parameters and tags."""
        kw = self.cur.next_code()
        name = self.cur.next_code()
        assert kw is not None
        if name is None or name.kind != "ident":
            self.unrecognized(kw, "a JavaScript class needs a name")
            return
        builder = self.new_type(kw, name, "class", trivia, None, 0)
        builder.generic_params = tuple(dict.fromkeys(self.generics))
        tags = self.take_tags()
        if self.cur.is_("extends"):
            self.cur.next_code()
            items, _ = self.cur.collect({"{"})
            builder.base = self.text_of(items) if items else None
        documented = tags.get("extends") or tags.get("augments")
        if documented:
            builder.base = documented[0]
        builder.interfaces.extend(tags.get("implements", []))
        if not self.cur.is_("{"):
            self.ctx.warning(builder.line, f"class {builder.name} has no body; skipped")
            self.skip_statement()
            return
        self.cur.next_code()
        self.check_closed(self.class_body(builder), f"class {builder.name}", kw)

    def class_body(self, builder: TypeBuilder) -> bool:
        """Members up to the closing ``}`` (True) or the end (False)."""
        while True:
            trivia = self.trivia()
            tok = self.cur.peek_code()
            if tok is None:
                return False
            if tok.kind == "punct" and tok.text in ("}", ";"):
                self.cur.next_code()
                if tok.text == "}":
                    return True
                continue
            self.member(builder, trivia)

    def member(self, builder: TypeBuilder, trivia: Pending) -> None:
        """A field typed by its JSDoc ``@type``, or a method."""
        tags = self.take_tags()
        static = False
        if self.cur.is_("static") and (after := self.cur.peek_code(1)) and after.text != "(":
            self.cur.next_code()
            static = True
        name = self.cur.next_code()
        assert name is not None
        if self.cur.is_("("):
            self.method(builder, name)
            return
        if self.cur.is_("="):
            self.cur.next_code()
            self.cur.collect({";", "}"})
        if self.cur.is_(";"):
            self.cur.next_code()
        if name.kind not in ("ident", "string"):
            self.ctx.warning(self.line(name), f"unexpected {name.text!r} in {builder.name}")
            return
        if static:
            self.ctx.info(self.line(name), f"static member {name.text} of {builder.name} ignored")
            return
        types = tags.get("type")
        if not types:
            self.ctx.warning(
                self.line(name),
                f"field {name.text!r} of {builder.name} has no JSDoc @type; skipped",
                "the DTO file should document each field with /** @type {T} */",
            )
            return
        builder.members.append(
            make_member(unquote(name.text), types[0], self.line(name), trivia, self.ctx)
        )

    def method(self, builder: TypeBuilder, name: Token) -> None:
        """Skip a method; ``getMethod``/``createResponse`` bodies give request markers."""
        matching_bracket(self.cur, "(", ")")
        if not self.cur.is_("{"):
            self.cur.collect({";", "}"})
            return
        open_tok = self.cur.peek_code()
        close_tok = matching_bracket(self.cur, "{", "}")
        if open_tok is None or close_tok is None:
            return
        body = [t for t in self.cur.tokens if open_tok.start < t.start < close_tok.start]
        body = [t for t in body if t.kind != "comment"]
        texts = [t.text for t in body]
        if name.text == "createResponse":
            if not body:
                builder.interfaces.append("IReturnVoid")
            elif texts[:2] == ["return", "new"] and len(texts) >= 3:
                builder.interfaces.append(f"IReturn<{texts[2]}>")
        elif name.text == "getMethod" and texts[:1] == ["return"] and len(body) >= 2:
            verb = _VERBS.get(unquote(body[1].text).upper()) if body[1].kind == "string" else None
            if verb is not None:
                builder.interfaces.append(verb)

    def enum_decl(self, trivia: Pending) -> None:
        """``var E;`` then ``(function (E) { … })(E || (E = {}));``."""
        self.take_tags()
        kw = self.cur.next_code()
        name = self.cur.next_code()
        if name is None or name.kind != "ident" or not self.cur.is_(";"):
            self.unrecognized(kw, "only `export var E;` enum declarations are read")
            return
        self.cur.next_code()
        if not self.cur.is_("("):
            self.ctx.warning(self.line(name), f"var {name.text} has no enum initializer; skipped")
            return
        assert kw is not None
        builder = self.new_type(kw, name, "enum", trivia, None, 0)
        opener = self.cur.peek_code()
        closer = matching_bracket(self.cur, "(", ")")
        if opener is None or closer is None:
            self.check_closed(False, f"enum {name.text}", kw)
            return
        self.cur.skip_statement()
        text = self.cur.text[opener.start : closer.end]
        first_line = opener.line
        for index, row in enumerate(text.split("\n")):
            line = self.ctx.page_line(first_line + index)
            m = _INT_MEMBER.search(row)
            if m is not None:
                builder.enum_members.append(
                    make_enum_member(m.group(2), line, Pending(), m.group(3))
                )
                continue
            m = _STR_MEMBER.search(row)
            if m is not None:
                builder.enum_members.append(
                    make_enum_member(m.group(2), line, Pending(), None, m.group(4))
                )
