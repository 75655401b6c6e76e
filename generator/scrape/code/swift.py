"""Parse ServiceStack Swift DTOs (``&lang=swift``, ``/types/swift``) into records.

Classes are ``public class Name : Base, IReturn, IPost`` with ``public var name:Type?``
properties; the return type of ``IReturn`` is its ``public typealias Return = X``, so
the record's interface reads ``IReturn<X>``. Swift protocols the client library needs
(``Codable``, ``CodingKey`` …) are not part of the .NET contract and are left out, as are
the ``CodingKeys`` enums, initializers, ``func``s and ``extension`` blocks. Enums are
``public enum E : String, Codable { case A; case B = "b" }`` (a string raw value is the
wire value, an integer one the value). Attributes come from ``// @Route(...)`` comments.
"""

from __future__ import annotations

from generator.scrape.code._braces import MAX_DEPTH, BraceParser
from generator.scrape.code._clike import Token, split_tokens
from generator.scrape.code._common import (
    CodeContext,
    Pending,
    TypeBuilder,
    TypeKind,
    is_interface_name,
    make_enum_member,
    make_member,
    unquote,
)
from generator.scrape.records import TypeRecord

SOURCE = "code:swift"
_MODIFIERS = frozenset(
    {
        "public",
        "private",
        "fileprivate",
        "internal",
        "open",
        "final",
        "required",
        "override",
        "static",
        "convenience",
        "lazy",
        "weak",
        "mutating",
        "indirect",
        "dynamic",
    }
)
_KINDS: dict[str, TypeKind] = {
    "class": "class",
    "struct": "class",
    "enum": "enum",
    "protocol": "interface",
}
_SKIPPED = frozenset({"init", "func", "deinit", "subscript"})
#: Swift protocols and raw-value types in heritage lists that are not .NET types.
_SWIFT_ONLY = frozenset(
    {
        "Codable",
        "Decodable",
        "Encodable",
        "CodingKey",
        "Hashable",
        "Equatable",
        "JsonSerializable",
        "String",
        "Int",
        "Int32",
        "Int64",
        "UInt",
    }
)


def parse_swift(text: str, ctx: CodeContext) -> tuple[TypeRecord, ...]:
    """Parse Swift DTO code into type records (document order, containers first)."""
    parser = _SwiftParser(text, ctx)
    parser.container(None, 0)
    return parser.records()


class _SwiftParser(BraceParser):
    LANG = "Swift"
    SOURCE = SOURCE

    def skip_statement(self) -> None:
        """Statements end at the end of a line."""
        self.skip_line_statement()

    def container(self, owner: TypeBuilder | None, depth: int) -> bool:
        """Parse declarations up to ``}`` (True) or the end of the code (False)."""
        while True:
            trivia = self.trivia()
            tok = self.cur.peek_code()
            if tok is None:
                return False
            if tok.kind == "punct" and tok.text == "}":
                if self.closing_brace(tok, owner):
                    return True
            elif tok.text == ";":
                self.cur.next_code()
            elif owner is None and tok.text == "import":
                self.skip_line_statement()
            elif owner is None and tok.text == "extension":
                self.ctx.info(self.line(tok), "Swift extension block skipped")
                self.skip_line_statement()
            else:
                self.declaration(trivia, owner, depth)

    def declaration(self, trivia: Pending, owner: TypeBuilder | None, depth: int) -> None:
        """One type, property, typealias or skipped member, after its modifiers."""
        first = self.cur.peek_code()
        mods: list[str] = []
        while (tok := self.cur.peek_code()) is not None and self.is_modifier(tok):
            mods.append(tok.text)
            self.cur.next_code()
        tok = self.cur.peek_code()
        if tok is not None and tok.text in _KINDS and depth < MAX_DEPTH:
            self.type_decl(trivia, owner, depth)
        elif tok is not None and tok.text in ("var", "let") and owner is not None:
            self.property(owner, trivia, mods)
        elif tok is not None and tok.text == "typealias" and owner is not None:
            self.typealias(owner)
        elif tok is not None and tok.text in _SKIPPED and owner is not None:
            self.skip_line_statement()
        else:
            start = self.cur.i
            self.unrecognized(first, "only classes, structs, enums, protocols and vars are read")
            if self.cur.i == start:
                self.cur.next_code()

    def is_modifier(self, tok: Token) -> bool:
        """Modifiers, including ``class`` in ``class func``/``class var``."""
        if tok.text in _MODIFIERS:
            return True
        after = self.cur.peek_code(1)
        return tok.text == "class" and after is not None and after.text in ("func", "var", "let")

    def type_decl(self, trivia: Pending, owner: TypeBuilder | None, depth: int) -> None:
        """A class, struct, enum or protocol with its supertypes and body."""
        kw = self.cur.next_code()
        name = self.cur.next_code()
        assert kw is not None
        if name is None or name.kind != "ident":
            self.unrecognized(kw, f"a Swift {kw.text} needs a name")
            return
        if kw.text == "enum" and name.text == "CodingKeys" and owner is not None:
            self.ctx.info(self.line(kw), f"CodingKeys of {owner.name} skipped")
            self.cur.collect({"{"})
            self.cur.skip_balanced()
            return
        builder = self.new_type(kw, name, _KINDS[kw.text], trivia, owner, depth)
        builder.generic_params = self.generic_params()
        if self.cur.is_(":"):
            self.cur.next_code()
            self.supertypes(builder, split_tokens(self.line_tokens({"{"})))
        if self.cur.is_("where"):
            self.cur.collect({"{"})
        if not self.cur.is_("{"):
            self.ctx.warning(builder.line, f"Swift type {builder.name} has no body; skipped")
            self.skip_line_statement()
            return
        self.cur.next_code()
        closed = (
            self.enum_body(builder)
            if builder.kind == "enum"
            else self.container(builder, depth + 1)
        )
        self.check_closed(closed, f"{kw.text} {builder.name}", kw)

    def supertypes(self, builder: TypeBuilder, groups: list[list[Token]]) -> None:
        """First non-protocol entry is the base class; Swift-only protocols are left out."""
        for group in groups:
            text = self.text_of(group)
            if text in _SWIFT_ONLY:
                continue
            first = builder.base is None and not builder.interfaces
            if builder.kind == "class" and first and not is_interface_name(text):
                builder.base = text
                continue
            builder.interfaces.append(text)

    def typealias(self, owner: TypeBuilder) -> None:
        """``typealias Return = X`` names the response of ``IReturn``: ``IReturn<X>``."""
        kw = self.cur.next_code()
        name = self.cur.next_code()
        if name is None or not self.cur.is_("="):
            self.skip_line_statement(continuing=True)
            return
        self.cur.next_code()
        target = self.line_type_text()
        if name.text == "Return" and target and "IReturn" in owner.interfaces:
            owner.interfaces[owner.interfaces.index("IReturn")] = f"IReturn<{target}>"
        else:
            self.ctx.info(self.line(kw), f"typealias {name.text} in {owner.name} ignored")

    def enum_body(self, builder: TypeBuilder) -> bool:
        """``case A``, ``case B = "b"``, ``case C, D``; other members are skipped."""
        while True:
            trivia = self.trivia()
            tok = self.cur.peek_code()
            if tok is None:
                return False
            if tok.kind == "punct" and tok.text == "}":
                self.cur.next_code()
                return True
            if tok.text != "case":
                self.declaration(trivia, _throwaway(builder), MAX_DEPTH)
                continue
            self.cur.next_code()
            for group in split_tokens(self.line_tokens({"}", ";"})):
                self.enum_case(builder, group, trivia)
                trivia = Pending()

    def enum_case(self, builder: TypeBuilder, group: list[Token], trivia: Pending) -> None:
        """One ``Name`` or ``Name = raw`` of a ``case`` line."""
        name = group[0]
        if name.kind != "ident" or (len(group) > 1 and group[1].text != "="):
            self.ctx.warning(
                self.line(name), f"unreadable enum case {self.text_of(group)!r}; skipped"
            )
            return
        raw = group[2:]
        value: str | None = None
        wire: str | None = None
        if len(raw) == 1 and raw[0].kind == "string":
            wire = unquote(raw[0].text)
        elif raw:
            value = self.text_of(raw)
        builder.enum_members.append(
            make_enum_member(name.text, self.line(name), trivia, value, wire)
        )

    def property(self, owner: TypeBuilder, trivia: Pending, mods: list[str]) -> None:
        """``var name:Type`` (``{ get set }`` and initializers skipped)."""
        kw = self.cur.next_code()
        name = self.cur.next_code()
        if name is None or name.kind != "ident" or not self.cur.is_(":"):
            self.ctx.warning(self.line(kw), "cannot read Swift property; skipped")
            self.skip_line_statement(continuing=True)
            return
        self.cur.next_code()
        type_text = self.line_type_text()
        if self.cur.is_("{") and type_text is not None:  # { get set } or a computed body
            self.cur.skip_balanced()
        self.skip_line_statement(continuing=True)
        if type_text is None:
            self.ctx.warning(self.line(name), f"property {name.text!r} has no type; skipped")
            return
        if "static" in mods or "class" in mods:
            self.ctx.info(self.line(name), f"static member {name.text} of {owner.name} ignored")
            return
        owner.members.append(make_member(name.text, type_text, self.line(name), trivia, self.ctx))


def _throwaway(builder: TypeBuilder) -> TypeBuilder:
    """An owner for the members an enum declares besides its cases (not recorded)."""
    return TypeBuilder(
        name=builder.name, source=SOURCE, line=builder.line, kind="interface", trivia=Pending()
    )
