"""A small tokenizer and token cursor shared by the C# and TypeScript parsers.

Tokens keep their offsets into the code text so type texts can be sliced exactly as
printed (``Dictionary<string, string>``, ``{ [index: string]: string; }``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from generator.scrape.code._common import CodeContext

TokenKind = Literal["ident", "number", "string", "punct", "comment"]

# The common tokens in one match: newlines, other whitespace (``\s`` is ``str.isspace``),
# identifiers, numbers. None of them starts like a comment, string or directive.
_COMMON = re.compile(r"(\n+)|([^\S\n]+)|(@?[A-Za-z_$][\w$]*)|([0-9][\w.]*)")
_TWO_CHAR = ("=>", "::", "?.", "??", "==", "!=", "<=", ">=", "&&", "||", "<<")
_OPENERS = {"(": ")", "[": "]", "{": "}"}


@dataclass(frozen=True, slots=True)
class Token:
    """One token: kind, text, offsets into the code text and 0-based code line."""

    kind: TokenKind
    text: str
    start: int
    end: int
    line: int


class _Scanner:
    """Turns code text into tokens; reports unterminated strings and comments."""

    def __init__(self, text: str, ctx: CodeContext, csharp: bool) -> None:
        self.text = text
        self.ctx = ctx
        self.csharp = csharp
        self.pos = 0
        self.line = 0
        self.tokens: list[Token] = []

    def emit(self, kind: TokenKind, end: int) -> None:
        text = self.text[self.pos : end]
        self.tokens.append(Token(kind, text, self.pos, end, self.line))
        self.line += text.count("\n")
        self.pos = end

    def fail(self, what: str) -> None:
        self.ctx.error(
            self.ctx.page_line(self.line),
            f"unterminated {what} in the DTO code block",
            "the code block looks truncated; save the complete page again",
        )
        self.pos = len(self.text)

    def run(self) -> list[Token]:
        text = self.text
        common = _COMMON.match
        while self.pos < len(text):
            m = common(text, self.pos)
            if m is not None:
                kind = m.lastindex
                if kind == 1:
                    self.line += m.end() - self.pos
                    self.pos = m.end()
                elif kind == 2:
                    self.pos = m.end()
                else:
                    self.tokens.append(
                        Token(
                            "ident" if kind == 3 else "number", m[0], self.pos, m.end(), self.line
                        )
                    )
                    self.pos = m.end()
                continue
            ch = text[self.pos]
            if text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.emit("comment", len(text) if end < 0 else end)
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end < 0:
                    self.fail("/* comment")
                else:
                    self.emit("comment", end + 2)
            elif ch == "#" and self.csharp and self._at_line_start():
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            elif ch in "\"'`" or (ch == "@" and text.startswith('@"', self.pos)):
                self._string()
            else:
                self._punct()
        return self.tokens

    def _at_line_start(self) -> bool:
        start = self.text.rfind("\n", 0, self.pos) + 1
        return self.text[start : self.pos].strip() == ""

    def _string(self) -> None:
        text = self.text
        verbatim = text[self.pos] == "@"
        quote = text[self.pos + 1] if verbatim else text[self.pos]
        i = self.pos + (2 if verbatim else 1)
        while i < len(text):
            ch = text[i]
            if ch == "\n" and quote != "`" and not verbatim:
                break
            if ch == "\\" and not verbatim:
                i += 2
                continue
            if ch == quote:
                if verbatim and text.startswith(quote * 2, i):
                    i += 2
                    continue
                self.emit("string", i + 1)
                return
            i += 1
        self.fail("string literal")

    def _punct(self) -> None:
        two = self.text[self.pos : self.pos + 2]
        self.emit("punct", self.pos + (2 if two in _TWO_CHAR else 1))


def tokenize(text: str, ctx: CodeContext, *, csharp: bool) -> list[Token]:
    """Tokenize C# (``csharp=True``) or TypeScript code; problems go to diagnostics."""
    return _Scanner(text, ctx, csharp).run()


class Cursor:
    """A position in a token list with the skipping helpers both parsers need."""

    def __init__(self, tokens: list[Token], text: str) -> None:
        self.tokens = tokens
        self.text = text
        self.i = 0

    def peek(self, k: int = 0) -> Token | None:
        """The token ``k`` places ahead (comments included), or None at the end."""
        j = self.i + k
        return self.tokens[j] if j < len(self.tokens) else None

    def peek_code(self, nth: int = 0) -> Token | None:
        """The ``nth`` next non-comment token (0 = the next one) without consuming anything."""
        j = self.i
        while j < len(self.tokens):
            if self.tokens[j].kind != "comment":
                if nth == 0:
                    return self.tokens[j]
                nth -= 1
            j += 1
        return None

    def next(self) -> Token | None:
        """Consume and return the next token (comments included)."""
        tok = self.peek()
        if tok is not None:
            self.i += 1
        return tok

    def next_code(self) -> Token | None:
        """Consume comments, then consume and return the next code token."""
        while (tok := self.next()) is not None and tok.kind == "comment":
            pass
        return tok

    def is_(self, text: str) -> bool:
        """True when the next code token has exactly this text."""
        tok = self.peek_code()
        return tok is not None and tok.kind != "string" and tok.text == text

    def slice(self, first: Token, last: Token) -> str:
        """The code text from the start of ``first`` to the end of ``last``."""
        return self.text[first.start : last.end]

    def skip_balanced(self) -> bool:
        """Consume an opener token and everything up to its matching closer."""
        depth = 0
        while (tok := self.next_code()) is not None:
            if tok.kind != "punct":
                continue
            if tok.text in _OPENERS:
                depth += 1
            elif tok.text in _OPENERS.values():
                depth -= 1
                if depth <= 0:
                    return True
        return False

    def collect(self, stops: set[str], *, angle: bool = False) -> tuple[list[Token], Token | None]:
        """Collect code tokens up to a stop token at nesting depth 0 (the stop is not consumed).

        Nesting counts (), [], {} and, with ``angle``, <>. A closer that would go below
        depth 0 also stops. Returns the tokens and the stop token (None at the end).
        """
        out: list[Token] = []
        depth = 0
        while (tok := self.peek_code()) is not None:
            is_punct = tok.kind == "punct"
            if is_punct and depth == 0 and tok.text in stops:
                return out, tok
            if is_punct and (tok.text in _OPENERS or (angle and tok.text == "<")):
                depth += 1
            elif is_punct and (tok.text in _OPENERS.values() or (angle and tok.text == ">")):
                if depth == 0:
                    return out, tok
                depth -= 1
            out.append(tok)
            self.next_code()
        return out, None

    def skip_statement(self) -> None:
        """Skip to the end of a statement: past ``;`` or a ``{…}`` block, before a stray ``}``."""
        _, stop = self.collect({";", "{", "}"})
        if stop is None or stop.text == "}":
            return
        if stop.text == ";":
            self.next_code()
        else:
            self.skip_balanced()
            if self.is_(";"):
                self.next_code()


def split_tokens(tokens: list[Token], sep: str = ",") -> list[list[Token]]:
    """Split tokens on ``sep`` at (), [], {}, <> depth 0; empty groups are dropped."""
    groups: list[list[Token]] = [[]]
    depth = 0
    for tok in tokens:
        if tok.kind == "punct":
            if tok.text in "([{<":
                depth += 1
            elif tok.text in ")]}>":
                depth -= 1
            elif tok.text == sep and depth == 0:
                groups.append([])
                continue
        groups[-1].append(tok)
    return [g for g in groups if g]


def matching_bracket(cur: Cursor, open_text: str, close_text: str) -> Token | None:
    """Consume from an opener to its matching closer (same bracket kind); return the closer."""
    depth = 0
    while (tok := cur.next_code()) is not None:
        if tok.kind != "punct":
            continue
        if tok.text == open_text:
            depth += 1
        elif tok.text == close_text:
            depth -= 1
            if depth == 0:
                return tok
    return None
