"""Parse ServiceStack Dart DTOs (``&lang=dart``, ``/types/dart``) into records.

Classes are ``class Name extends Base implements IReturn<X>, IConvertible, IPost`` with
``Type? name;`` fields; constructors, ``fromMap``/``toJson`` and the other methods are
skipped, as are the ``TypeContext? context`` field and the file's ``TypeContext _ctx``
table (client plumbing). ``IConvertible`` is a Dart client interface and is left out.
Enums are ``enum E { A, B }``; an enum with explicit values is printed as a class of
``static const E Name = const E._(1);`` constants and read as an enum. Attributes come
from ``// @Route(...)`` comments.
"""

from __future__ import annotations

from generator.scrape.code._braces import BraceParser
from generator.scrape.code._clike import Token, split_tokens
from generator.scrape.code._common import (
    CodeContext,
    Pending,
    TypeBuilder,
    TypeKind,
    is_interface_name,
    make_enum_member,
    make_member,
)
from generator.scrape.records import TypeRecord

SOURCE = "code:dart"
_MODIFIERS = frozenset(
    {"final", "late", "static", "const", "var", "covariant", "external", "required"}
)
_DECL_MODIFIERS = frozenset({"abstract", "sealed", "base", "final", "interface", "mixin"})
_PLUMBING_TYPES = frozenset({"TypeContext", "TypeContext?"})
_DART_ONLY = frozenset({"IConvertible"})


def parse_dart(text: str, ctx: CodeContext) -> tuple[TypeRecord, ...]:
    """Parse Dart DTO code into type records (document order, containers first)."""
    parser = _DartParser(text, ctx)
    parser.top_level()
    return parser.records()


class _DartParser(BraceParser):
    LANG = "Dart"
    SOURCE = SOURCE

    def top_level(self) -> None:
        """Imports, types and the ``TypeContext _ctx = …;`` table."""
        while True:
            trivia = self.trivia()
            tok = self.cur.peek_code()
            if tok is None:
                return
            if tok.kind == "punct" and tok.text in ("}", ";"):
                self.cur.next_code()
                if tok.text == "}":
                    self.ctx.warning(self.line(tok), "unbalanced '}' in the Dart code; ignored")
                continue
            if tok.text in ("import", "export", "library", "part") or tok.text in _PLUMBING_TYPES:
                self.skip_statement()
                continue
            mods: list[str] = []
            while (mod := self.cur.peek_code()) is not None and mod.text in _DECL_MODIFIERS:
                after = self.cur.peek_code(1)
                if after is None or after.kind != "ident":
                    break
                mods.append(mod.text)
                self.cur.next_code()
            kw = self.cur.peek_code()
            if kw is not None and kw.text in ("class", "enum"):
                self.type_decl(trivia, "abstract" in mods)
            else:
                start = self.cur.i
                self.unrecognized(tok, "only classes and enums are read")
                if self.cur.i == start:
                    self.cur.next_code()

    def type_decl(self, trivia: Pending, abstract: bool) -> None:
        """A class or enum; ``abstract class IName`` is how Dart prints an interface."""
        kw = self.cur.next_code()
        name = self.cur.next_code()
        assert kw is not None
        if name is None or name.kind != "ident":
            self.unrecognized(kw, f"a Dart {kw.text} needs a name")
            return
        kind: TypeKind = "enum" if kw.text == "enum" else "class"
        if kind == "class" and abstract and is_interface_name(name.text):
            kind = "interface"
        builder = self.new_type(kw, name, kind, trivia, None, 0)
        builder.generic_params = self.generic_params()
        self.heritage(builder)
        if not self.cur.is_("{"):
            self.ctx.warning(builder.line, f"Dart type {builder.name} has no body; skipped")
            self.skip_statement()
            return
        self.cur.next_code()
        closed = self.enum_body(builder) if kind == "enum" else self.class_body(builder)
        self.check_closed(closed, f"{kw.text} {builder.name}", kw)

    def heritage(self, builder: TypeBuilder) -> None:
        """``extends Base with M implements IFace, …`` up to the body."""
        groups: dict[str, list[Token]] = {"extends": [], "implements": [], "with": []}
        section = ""
        items, _ = self.cur.collect({"{", ";"}, angle=True)
        for tok in items:
            if tok.kind == "ident" and tok.text in groups:
                section = tok.text
            elif section:
                groups[section].append(tok)
        extends = [self.text_of(g) for g in split_tokens(groups["extends"])]
        implements = [self.text_of(g) for g in split_tokens(groups["implements"])]
        if extends:
            builder.base = extends[0]
        builder.interfaces.extend(i for i in implements if i not in _DART_ONLY)

    def enum_body(self, builder: TypeBuilder) -> bool:
        """``A, B(1), C`` up to ``;`` or ``}``; members after ``;`` are skipped."""
        while True:
            trivia = self.trivia()
            tok = self.cur.next_code()
            if tok is None:
                return False
            if tok.kind == "punct" and tok.text == "}":
                return True
            if tok.kind == "punct" and tok.text == ",":
                continue
            if tok.kind == "punct" and tok.text == ";":
                return self.class_body(_throwaway(builder))
            if tok.kind != "ident":
                self.ctx.warning(self.line(tok), f"unexpected {tok.text!r} in enum; skipped")
                self.cur.collect({",", ";", "}"})
                continue
            value: str | None = None
            if self.cur.is_("("):
                self.cur.next_code()
                args, _ = self.cur.collect({")"})
                self.cur.next_code()
                value = self.text_of(args) if args else None
            builder.enum_members.append(make_enum_member(tok.text, self.line(tok), trivia, value))

    def class_body(self, builder: TypeBuilder) -> bool:
        """Fields, skipped methods/constructors, and ``static const`` enum values."""
        while True:
            trivia = self.trivia()
            tok = self.cur.peek_code()
            if tok is None:
                return False
            if tok.kind == "punct" and tok.text == "}":
                self.cur.next_code()
                if builder.enum_members and builder.kind == "class":
                    builder.kind = "enum"
                    builder.members.clear()
                return True
            if tok.kind == "punct" and tok.text == ";":
                self.cur.next_code()
                continue
            self.member(builder, trivia)

    def member(self, builder: TypeBuilder, trivia: Pending) -> None:
        """A field, a ``static const`` enum value, or a skipped method/constructor."""
        decl, stop = self.cur.collect({";", "{", "=>", "="}, angle=True)
        first = decl[0] if decl else stop
        is_method = any(t.text == "(" for t in decl)
        initializer = self.finish(stop)
        mods = [t.text for t in decl if t.text in _MODIFIERS]
        words = [t for t in decl if t.text not in _MODIFIERS]
        if is_method or not decl or any(t.text in ("get", "set", "operator") for t in decl):
            return
        if len(words) < 2 or words[-1].kind != "ident":
            self.ctx.warning(
                self.line(first), f"cannot read Dart member {self.text_of(decl)!r}; skipped"
            )
            return
        name = words[-1]
        type_text = self.text_of(words[:-1])
        if "static" in mods:
            value = _enum_value(builder.name, type_text, initializer)
            if value is not None:
                builder.enum_members.append(
                    make_enum_member(name.text, self.line(name), trivia, value)
                )
            else:
                self.ctx.info(
                    self.line(name), f"static member {name.text} of {builder.name} ignored"
                )
            return
        if type_text in _PLUMBING_TYPES or name.text.startswith("_"):
            return
        builder.members.append(make_member(name.text, type_text, self.line(name), trivia, self.ctx))

    def finish(self, stop: Token | None) -> list[Token]:
        """Consume a member's tail; returns the initializer tokens after ``=``."""
        if stop is None or stop.text == "}":
            return []
        if stop.text == "{":
            self.cur.skip_balanced()
            return []
        self.cur.next_code()
        if stop.text == ";":
            return []
        tail, _ = self.cur.collect({";"})
        if self.cur.is_(";"):
            self.cur.next_code()
        return tail if stop.text == "=" else []


def _enum_value(owner: str, type_text: str, init: list[Token]) -> str | None:
    """``const Days._(1)`` (in a class ``Days``) → ``"1"``; anything else → None."""
    texts = [t.text for t in init]
    if texts[:1] == ["const"]:
        texts = texts[1:]
    if type_text != owner or texts[:4] != [owner, ".", "_", "("] or texts[-1:] != [")"]:
        return None
    inner = texts[4:-1]
    return inner[0] if len(inner) == 1 else None


def _throwaway(builder: TypeBuilder) -> TypeBuilder:
    """An owner for the members an enum declares after its values (not recorded)."""
    return TypeBuilder(
        name=builder.name, source=SOURCE, line=builder.line, kind="interface", trivia=Pending()
    )
