"""Parse ServiceStack Java DTOs (``&lang=java``, ``/types/java``) into records.

The file's types are ``public static`` classes inside a global-namespace wrapper class
(``public class dtos { … }``), which is dissolved. Fields are ``public Type name = null;``;
getters, setters, constructors and the ``responseType`` plumbing are skipped.
Annotations (``@Route(Path="/x", Verbs="GET")``, ``@DataMember(Order=1)``,
``@SerializedName("x")``) become attributes. Enum constants with an argument
(``Monday(1)``) carry that value; ``@SerializedName("x")`` on a constant without one is
its wire value.
"""

from __future__ import annotations

from generator.scrape.code._braces import BraceParser
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

SOURCE = "code:java"
_MODIFIERS = frozenset(
    {
        "public",
        "private",
        "protected",
        "static",
        "final",
        "abstract",
        "transient",
        "volatile",
        "synchronized",
        "native",
        "strictfp",
        "default",
        "sealed",
    }
)
_KINDS: dict[str, TypeKind] = {"class": "class", "interface": "interface", "enum": "enum"}


def parse_java(text: str, ctx: CodeContext) -> tuple[TypeRecord, ...]:
    """Parse Java DTO code into type records (document order, containers first)."""
    parser = _JavaParser(text, ctx)
    parser.container(None, 0)
    return parser.records()


class _JavaParser(BraceParser):
    LANG = "Java"
    SOURCE = SOURCE
    ANNOTATIONS = True

    def container(self, owner: TypeBuilder | None, depth: int) -> tuple[bool, int]:
        """Parse declarations up to ``}`` (or the end at top level).

        Returns (closed by ``}``, number of nested types) for a class body.
        """
        nested = 0
        while True:
            trivia = self.trivia()
            tok = self.cur.peek_code()
            if tok is None:
                return False, nested
            if tok.kind == "punct" and tok.text == "}":
                if self.closing_brace(tok, owner):
                    return True, nested
            elif tok.text == ";":
                self.cur.next_code()
            elif owner is None and tok.text in ("package", "import"):
                self.cur.collect({";"})
                self.cur.next_code()
            elif owner is not None and tok.kind == "punct" and tok.text == "{":
                self.cur.skip_balanced()  # initializer block
            else:
                nested += self.declaration(trivia, owner, depth)

    def declaration(self, trivia: Pending, owner: TypeBuilder | None, depth: int) -> int:
        """One type or member; returns 1 for a nested type declaration, else 0."""
        first = self.cur.peek_code()
        mods: list[str] = []
        while (tok := self.cur.peek_code()) is not None and tok.text in _MODIFIERS:
            mods.append(tok.text)
            self.cur.next_code()
        tok = self.cur.peek_code()
        if tok is not None and tok.text in _KINDS and depth < 64:
            self.type_decl(trivia, owner, depth)
            return 1
        if owner is not None and owner.kind != "enum" and tok is not None:
            self.member(owner, trivia, mods)
        else:
            self.unrecognized(first, "only classes, enums, interfaces and fields are read")
        return 0

    def type_decl(self, trivia: Pending, owner: TypeBuilder | None, depth: int) -> None:
        """A class, enum or interface declaration with its body."""
        kw = self.cur.next_code()
        name = self.cur.next_code()
        assert kw is not None
        if name is None or name.kind != "ident":
            self.unrecognized(kw, f"a Java {kw.text} declaration needs a name")
            return
        builder = self.new_type(kw, name, _KINDS[kw.text], trivia, owner, depth)
        builder.generic_params = self.generic_params()
        self.heritage(builder)
        if not self.cur.is_("{"):
            self.ctx.warning(builder.line, f"Java type {builder.name} has no body; skipped")
            self.skip_statement()
            return
        self.cur.next_code()
        if builder.kind == "enum":
            closed = self.enum_body(builder)
            nested = 0
        else:
            closed, nested = self.container(builder, depth + 1)
        self.check_closed(closed, f"{kw.text} {builder.name}", kw)
        if self.is_wrapper(builder, depth, nested):
            self.dissolve_wrapper(builder)

    def heritage(self, builder: TypeBuilder) -> None:
        """``extends Base implements IFace, …`` (interfaces ``extends`` other interfaces)."""
        groups: dict[str, list[Token]] = {"extends": [], "implements": []}
        section = ""
        items, _ = self.cur.collect({"{", ";"}, angle=True)
        for tok in items:
            if tok.kind == "ident" and tok.text in groups:
                section = tok.text
            elif section:
                groups[section].append(tok)
        extends = [self.text_of(g) for g in split_tokens(groups["extends"])]
        implements = [self.text_of(g) for g in split_tokens(groups["implements"])]
        if builder.kind == "class" and extends:
            builder.base = extends.pop(0)
        builder.interfaces.extend(extends + implements)

    def enum_body(self, builder: TypeBuilder) -> bool:
        """Constants up to ``;`` or ``}``; after ``;`` the enum's own members are skipped."""
        while True:
            trivia = self.trivia()
            tok = self.cur.next_code()
            if tok is None:
                return False
            if tok.kind == "punct" and tok.text == "}":
                return True
            if tok.kind == "punct" and tok.text == ";":
                closed, _ = self.container(_skipping(builder), 64)
                return closed
            if tok.kind == "punct" and tok.text == ",":
                continue
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
            wire = None
            serialized = find_attr(trivia.attrs, "serializedname")
            if serialized is not None and serialized.args and value is None:
                wire = serialized.args[0]
            builder.enum_members.append(
                make_enum_member(tok.text, self.line(tok), trivia, value, wire)
            )

    def member(self, owner: TypeBuilder, trivia: Pending, mods: list[str]) -> None:
        """A field (methods and constructors are skipped)."""
        decl, stop = self.cur.collect({";", "{", "="}, angle=True)
        first = decl[0] if decl else stop
        is_method = any(t.text == "(" for t in decl)
        self.finish_member(stop)
        if is_method or not decl:
            return
        if len(decl) < 2 or decl[-1].kind != "ident":
            self.ctx.warning(
                self.line(first), f"cannot read Java member {self.text_of(decl)!r}; skipped"
            )
            return
        if "static" in mods:
            self.ctx.info(
                self.line(first), f"static member {decl[-1].text} of {owner.name} ignored"
            )
            return
        owner.members.append(
            make_member(decl[-1].text, self.text_of(decl[:-1]), self.line(first), trivia, self.ctx)
        )

    def finish_member(self, stop: Token | None) -> None:
        """Consume a member's tail: method body, initializer, ``;``."""
        if stop is None or stop.text == "}":
            return
        if stop.text == "{":
            self.cur.skip_balanced()
            return
        if stop.text == "=":
            self.cur.next_code()
            self.cur.collect({";"})
        if self.cur.is_(";"):
            self.cur.next_code()


def _skipping(builder: TypeBuilder) -> TypeBuilder:
    """A throw-away owner for the members of an enum after its constants."""
    return TypeBuilder(
        name=builder.name, source=SOURCE, line=builder.line, kind="interface", trivia=Pending()
    )
