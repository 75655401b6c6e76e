"""The skeleton shared by the brace languages without a C# grammar: Java, Kotlin, Swift, Dart, JS.

A language module subclasses :class:`BraceParser` and implements :meth:`declaration`
(one top-level or nested declaration) using the helpers here: doc comments and
``// @Attr(...)`` comments and ``@Annotation(...)`` tokens as trivia, generic parameter
lists, heritage lists, skipping statements, and type builders that are frozen at the
end (so a ServiceStack "global namespace" wrapper class such as Java's ``public class
dtos { … }`` can be dissolved once its body is known).
"""

from __future__ import annotations

from dataclasses import replace

from generator.scrape.code._clike import Cursor, Token, matching_bracket, split_tokens, tokenize
from generator.scrape.code._common import (
    CodeContext,
    Pending,
    TypeBuilder,
    TypeKind,
    parse_attribute_list,
)
from generator.scrape.code.typescript import ts_doc
from generator.scrape.records import TypeRecord

MAX_DEPTH = 64
TRUNCATED = "the code block looks truncated; save the complete page again"
#: Tokens after which a statement continues on the next line (Kotlin, Swift).
CONTINUES = frozenset({"|", "&", "=>", ":", ",", "<", "(", "[", "{", "=", ".", "?.", "&&", "||"})
_VARIANCE = frozenset({"in", "out", "reified"})


class BraceParser:
    """Tokens, trivia and type builders for one code block of a brace language."""

    LANG = ""  # label for messages ("Java")
    SOURCE = ""  # TypeRecord.source ("code:java")
    ANNOTATIONS = False  # ``@Name(...)`` tokens are attributes (Java, Kotlin)

    def __init__(self, text: str, ctx: CodeContext) -> None:
        self.ctx = ctx
        self.cur = Cursor(tokenize(text, ctx, csharp=False), text)
        self.builders: list[tuple[TypeBuilder, int]] = []  # (builder, nesting depth)
        self.wrappers: set[int] = set()  # ids of builders dissolved as namespace wrappers

    # -- positions and messages -------------------------------------------------------

    def line(self, tok: Token | None) -> int:
        """The page line of a token (the last token's line at the end of the code)."""
        if tok is None:
            tok = self.cur.tokens[-1] if self.cur.tokens else None
        return self.ctx.page_line(tok.line if tok else 0)

    def check_closed(self, closed: bool, what: str, opener: Token | None) -> None:
        """Report a code block that ends before ``what`` is closed."""
        if not closed:
            self.ctx.error(
                self.line(opener),
                f"{self.LANG} code ends inside {what} (the closing '}}' is missing)",
                TRUNCATED,
            )

    def unrecognized(self, first: Token | None, hint: str) -> None:
        """Warn about a construct that is not read, then skip it (always making progress)."""
        self.ctx.warning(
            self.line(first),
            f"unrecognized {self.LANG} construct {first.text if first else ''!r}; skipped",
            hint,
        )
        start = self.cur.i
        self.skip_statement()
        if self.cur.i == start:
            self.cur.next_code()

    # -- trivia -----------------------------------------------------------------------

    def trivia(self) -> Pending:
        """Collect doc comments, ``// @Attr(...)`` comments and annotations before a declaration."""
        pending = Pending()
        while (tok := self.cur.peek()) is not None:
            if tok.kind == "comment":
                self.cur.next()
                self.comment(tok, pending)
            elif self.ANNOTATIONS and tok.kind == "ident" and tok.text.startswith("@"):
                self.annotation(pending)
            else:
                break
        return pending

    def comment(self, tok: Token, pending: Pending) -> None:
        """Read one comment into the pending trivia."""
        text = tok.text
        if text.startswith("/**"):
            pending.description = ts_doc(text) or pending.description
        elif text.startswith("///"):
            pending.doc.append(text[3:])
        elif text.startswith("//"):
            body = text[2:].strip()
            if body.startswith("@"):
                self.attribute_text(body[1:], tok, pending)

    def annotation(self, pending: Pending) -> None:
        """Read ``@Name`` or ``@Name(...)`` (one annotation token plus its arguments)."""
        tok = self.cur.next_code()
        assert tok is not None
        last = tok
        if self.cur.peek() is not None and self.cur.is_("("):
            closer = matching_bracket(self.cur, "(", ")")
            last = closer or last
        text = self.cur.slice(tok, last)[1:]
        if ":" in text.split("(", 1)[0]:  # use-site targets: @field:SerializedName(...)
            text = text.split(":", 1)[1]
        self.attribute_text(text, tok, pending)

    def attribute_text(self, text: str, tok: Token, pending: Pending) -> None:
        """Parse ``Name(args)`` into attribute records (a warning when malformed)."""
        parsed = parse_attribute_list(text, self.line(tok), "cs")
        if parsed is None:
            self.ctx.warning(self.line(tok), f"cannot parse annotation @{text!r}; ignored")
        else:
            pending.attrs.extend(parsed)

    # -- declarations -----------------------------------------------------------------

    def new_type(
        self,
        keyword: Token,
        name: Token,
        kind: TypeKind,
        trivia: Pending,
        owner: TypeBuilder | None,
        depth: int,
    ) -> TypeBuilder:
        """Start a type (recorded in document order, container before nested types)."""
        builder = TypeBuilder(
            name=name.text,
            source=self.SOURCE,
            line=self.line(keyword),
            kind=kind,
            trivia=trivia,
            containing=owner.path() if owner else None,
        )
        self.builders.append((builder, depth))
        return builder

    def generic_params(self) -> tuple[str, ...]:
        """Read ``<T, U : Bound>`` after a type name; the parameter names."""
        if not self.cur.is_("<"):
            return ()
        self.cur.next_code()
        params, _ = self.cur.collect({">"}, angle=True)
        self.cur.next_code()
        names: list[str] = []
        for group in split_tokens(params):
            idents = [t.text for t in group if t.kind == "ident" and t.text not in _VARIANCE]
            if idents:
                names.append(idents[0])
        return tuple(names)

    def header_items(self, stops: set[str]) -> list[list[Token]]:
        """Collect a heritage list up to a stop (not consumed), split on top-level commas."""
        items, _ = self.cur.collect(stops, angle=True)
        return split_tokens(items)

    def text_of(self, group: list[Token]) -> str:
        """The code text of a token group, as printed."""
        return self.cur.slice(group[0], group[-1])

    def skip_statement(self) -> None:
        """Skip to the end of a ``;``-terminated statement or ``{…}`` block."""
        self.cur.skip_statement()

    def last_code(self) -> Token | None:
        """The last consumed code token (comments skipped)."""
        j = self.cur.i - 1
        while j >= 0 and self.cur.tokens[j].kind == "comment":
            j -= 1
        return self.cur.tokens[j] if j >= 0 else None

    def closing_brace(self, tok: Token, owner: TypeBuilder | None) -> bool:
        """Consume ``}``: True when it closes ``owner``'s body; at top level it is reported."""
        self.cur.next_code()
        if owner is not None:
            return True
        self.ctx.warning(self.line(tok), f"unbalanced '}}' in the {self.LANG} code; ignored")
        return False

    def skip_line_statement(self, continuing: bool = False) -> None:
        """Skip a newline-terminated statement (Kotlin, Swift): ends at depth 0 on a new line.

        ``continuing``: the statement's first tokens are already consumed.
        """
        depth = 0
        prev = self.last_code() if continuing else None
        while (tok := self.cur.peek_code()) is not None:
            if (
                depth == 0
                and prev is not None
                and tok.line > prev.line
                and prev.text not in CONTINUES
                and tok.text not in (".", "?.", "{", "=", ":")
            ):
                return
            if tok.kind == "punct" and tok.text in ("(", "[", "{"):
                depth += 1
            elif tok.kind == "punct" and tok.text in (")", "]", "}"):
                if depth == 0:
                    return
                depth -= 1
            elif tok.kind == "punct" and tok.text == ";" and depth == 0:
                self.cur.next_code()
                return
            prev = tok
            self.cur.next_code()

    def line_type_text(self) -> str | None:
        """Consume a type after ``:`` up to ``=``/``;``/``}``/``{`` or the end of the line."""
        out = self.line_tokens({";", "=", "}", "{", ","})
        return self.cur.slice(out[0], out[-1]) if out else None

    def line_tokens(self, stops: set[str]) -> list[Token]:
        """Consume tokens up to a stop at depth 0 (not consumed) or the end of the line."""
        out: list[Token] = []
        depth = 0
        prev = self.cur.peek_code()
        while (tok := self.cur.peek_code()) is not None:
            if tok.kind == "punct" and depth == 0 and tok.text in stops:
                break
            new_line = prev is not None and tok.line > prev.line
            if depth == 0 and out and new_line and prev is not None and prev.text not in CONTINUES:
                break
            if tok.kind == "punct" and tok.text in ("(", "[", "<"):
                depth += 1
            elif tok.kind == "punct" and tok.text in (")", "]", ">"):
                depth -= 1
            out.append(tok)
            prev = tok
            self.cur.next_code()
        return out

    # -- results ----------------------------------------------------------------------

    def dissolve_wrapper(self, builder: TypeBuilder) -> None:
        """Treat a top-level class that only holds types as a namespace, not a DTO."""
        self.wrappers.add(id(builder))
        self.ctx.info(
            builder.line,
            f"class {builder.name} only contains types: read as the DTO file's "
            "global namespace wrapper, not as a DTO",
        )

    def is_wrapper(self, builder: TypeBuilder, depth: int, nested: int) -> bool:
        """A top-level class with nested types and nothing else (Java ``class dtos``)."""
        return (
            depth == 0
            and builder.kind == "class"
            and nested > 0
            and not builder.members
            and builder.base is None
            and not builder.interfaces
            and not builder.generic_params
        )

    def records(self) -> tuple[TypeRecord, ...]:
        """Freeze the builders; types inside dissolved wrappers lose that container."""
        wrapper_names = {b.name for b, _ in self.builders if id(b) in self.wrappers}
        out: list[TypeRecord] = []
        for builder, _ in self.builders:
            if id(builder) in self.wrappers:
                continue
            containing = builder.containing
            if containing is not None:
                head, _, rest = containing.partition(".")
                if head in wrapper_names:
                    containing = rest or None
            out.append(replace(builder, containing=containing).build())
        return tuple(out)
