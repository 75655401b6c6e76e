"""Parse ServiceStack Kotlin DTOs (``&lang=kotlin``, ``/types/kotlin``) into records.

Classes are ``open class Name : Base(), IReturn<X>, IPost`` — a supertype called with
``(...)`` is the base class, the others are interfaces. Properties are
``var name:Type? = null`` (``val`` too); ``companion object``, ``fun`` and ``init``
blocks are skipped. Statements end at the end of a line, as in Kotlin. Enum entries
with an argument (``Monday(1)``) carry that value; ``@SerializedName("x")`` on an entry
without one is its wire value.
"""

from __future__ import annotations

from generator.scrape.code._braces import MAX_DEPTH, BraceParser
from generator.scrape.code._clike import Token, split_tokens
from generator.scrape.code._common import (
    CodeContext,
    Pending,
    TypeBuilder,
    TypeKind,
    find_attr,
    make_enum_member,
    make_member,
)
from generator.scrape.records import TypeRecord

SOURCE = "code:kotlin"
_MODIFIERS = frozenset(
    {
        "public",
        "private",
        "protected",
        "internal",
        "open",
        "abstract",
        "final",
        "sealed",
        "data",
        "override",
        "lateinit",
        "inner",
        "const",
        "external",
        "inline",
        "value",
    }
)
_SKIPPED = frozenset({"fun", "init", "constructor", "companion", "object", "typealias"})


def parse_kotlin(text: str, ctx: CodeContext) -> tuple[TypeRecord, ...]:
    """Parse Kotlin DTO code into type records (document order, containers first)."""
    parser = _KotlinParser(text, ctx)
    parser.container(None, 0)
    return parser.records()


class _KotlinParser(BraceParser):
    LANG = "Kotlin"
    SOURCE = SOURCE
    ANNOTATIONS = True

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
            elif owner is None and tok.text in ("package", "import"):
                self.skip_line_statement()
            else:
                self.declaration(trivia, owner, depth)

    def declaration(self, trivia: Pending, owner: TypeBuilder | None, depth: int) -> None:
        """One type, property or skipped member, after its modifiers."""
        first = self.cur.peek_code()
        mods: list[str] = []
        while (tok := self.cur.peek_code()) is not None and tok.text in _MODIFIERS:
            after = self.cur.peek_code(1)
            if after is None or after.kind != "ident":
                break
            mods.append(tok.text)
            self.cur.next_code()
        tok = self.cur.peek_code()
        kind = self.kind_keyword()
        if kind is not None and depth < MAX_DEPTH:
            self.type_decl(kind, trivia, owner, depth)
        elif tok is not None and tok.text in ("var", "val") and owner is not None:
            self.property(owner, trivia, mods)
        elif tok is not None and tok.text in _SKIPPED and owner is not None:
            self.skip_line_statement()
        else:
            start = self.cur.i
            self.unrecognized(first, "only classes, enums, interfaces and properties are read")
            if self.cur.i == start:
                self.cur.next_code()

    def kind_keyword(self) -> TypeKind | None:
        """``class``, ``enum class`` or ``interface`` at the cursor (not consumed)."""
        tok = self.cur.peek_code()
        if tok is None:
            return None
        if tok.text == "class":
            return "class"
        if tok.text == "interface":
            return "interface"
        after = self.cur.peek_code(1)
        if tok.text == "enum" and after is not None and after.text == "class":
            return "enum"
        return None

    def type_decl(
        self, kind: TypeKind, trivia: Pending, owner: TypeBuilder | None, depth: int
    ) -> None:
        """A class, enum class or interface with its supertypes and body."""
        kw = self.cur.next_code()
        if kind == "enum":
            kw = self.cur.next_code()
        name = self.cur.next_code()
        if name is None or name.kind != "ident":
            self.unrecognized(kw, "a Kotlin type declaration needs a name")
            return
        assert kw is not None
        builder = self.new_type(kw, name, kind, trivia, owner, depth)
        builder.generic_params = self.generic_params()
        if self.cur.is_("("):  # primary constructor: enum class Days(val value:Int)
            opener = self.cur.peek_code()
            self.cur.skip_balanced()
            if kind == "class":
                self.ctx.warning(
                    self.line(opener),
                    f"constructor parameters of {builder.name} are not read as properties",
                    "ServiceStack prints DTO properties as `var name:Type? = null` in the body",
                )
        if self.cur.is_(":"):
            self.cur.next_code()
            self.supertypes(builder, split_tokens(self.line_tokens({"{"})))
        if not self.cur.is_("{"):
            if builder.kind == "class":
                return  # a body-less class: open class Empty : Base()
            self.ctx.warning(builder.line, f"Kotlin type {builder.name} has no body; skipped")
            return
        self.cur.next_code()
        if builder.kind == "enum":
            closed = self.enum_body(builder)
        else:
            closed = self.container(builder, depth + 1)
        self.check_closed(closed, f"{kind} {builder.name}", kw)

    def supertypes(self, builder: TypeBuilder, groups: list[list[Token]]) -> None:
        """``Base(), IFace<X>``: the entry with a constructor call is the base class."""
        for group in groups:
            called = group[-1].text == ")"
            if called:
                depth = 0
                for k in range(len(group) - 1, -1, -1):
                    depth += {")": 1, "(": -1}.get(group[k].text, 0)
                    if depth == 0:
                        group = group[:k]
                        break
            if not group:
                continue
            if called and builder.kind == "class" and builder.base is None:
                builder.base = self.text_of(group)
            else:
                builder.interfaces.append(self.text_of(group))

    def enum_body(self, builder: TypeBuilder) -> bool:
        """Entries up to ``;`` or ``}``; after ``;`` the enum's own members are skipped."""
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
                return self.container(_throwaway(builder), MAX_DEPTH)
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
            if self.cur.is_("{"):
                self.cur.skip_balanced()
            serialized = find_attr(trivia.attrs, "serializedname")
            wire = serialized.args[0] if serialized and serialized.args and value is None else None
            builder.enum_members.append(
                make_enum_member(tok.text, self.line(tok), trivia, value, wire)
            )

    def property(self, owner: TypeBuilder, trivia: Pending, mods: list[str]) -> None:
        """``var``/``val name:Type = init`` (the initializer is skipped)."""
        kw = self.cur.next_code()
        name = self.cur.next_code()
        if name is None or name.kind != "ident" or not self.cur.is_(":"):
            self.ctx.warning(self.line(kw), "cannot read Kotlin property; skipped")
            self.skip_line_statement()
            return
        self.cur.next_code()
        type_text = self.line_type_text()
        self.skip_line_statement(continuing=True)  # initializer
        if type_text is None:
            self.ctx.warning(self.line(name), f"property {name.text!r} has no type; skipped")
            return
        if "const" in mods:
            self.ctx.info(self.line(name), f"constant {name.text} of {owner.name} ignored")
            return
        owner.members.append(make_member(name.text, type_text, self.line(name), trivia, self.ctx))


def _throwaway(builder: TypeBuilder) -> TypeBuilder:
    """An owner for the members an enum declares after its entries (not recorded)."""
    return TypeBuilder(
        name=builder.name, source=SOURCE, line=builder.line, kind="interface", trivia=Pending()
    )
