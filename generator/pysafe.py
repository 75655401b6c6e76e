"""The one escaping layer for page text that reaches generated Python source.

Identifiers come from :mod:`generator.naming`; every other text (docstrings,
comments, string literals) goes through a function here. Nothing from a page is ever
placed in generated code unescaped, so a description like ``\"\"\" + __import__('os')``
stays inert text.
"""

from __future__ import annotations

import unicodedata

_MAX_DOC = 4000


def py_str(text: str) -> str:
    """A Python string literal for ``text``, quoted as black quotes it.

    ``repr`` escapes everything unsafe; black then prefers double quotes unless they need
    more escapes than the single quotes ``repr`` chose (templates keep literals as written).
    """
    literal = repr(text)
    if literal.startswith("'") and text.count('"') <= text.count("'"):
        body = literal[1:-1].replace("\\'", "'").replace('"', '\\"')
        literal = '"' + body + '"'
    return literal


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if ch == "\\":
        return "\\\\"
    if ch == "\n":
        return "\n"
    if ch == "\t":
        return "    "
    if code < 0x20 or code == 0x7F or unicodedata.category(ch) in ("Zl", "Zp", "Cc", "Cs"):
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
    return ch


def docstring_body(text: str) -> str:
    """Text safe inside a ``\"\"\"…\"\"\"`` docstring (escapes backslashes, quotes, controls)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > _MAX_DOC:
        text = text[:_MAX_DOC] + " …"
    out = "".join(_escape_char(ch) for ch in text)
    out = out.replace('"""', '\\"\\"\\"')
    lines = [line.rstrip() for line in out.strip().split("\n")]
    # black re-indents a docstring's later lines by their common indentation: remove it here
    rest = [line for line in lines[1:] if line]
    if rest:
        cut = min(len(line) - len(line.lstrip()) for line in rest)
        lines[1:] = [line[cut:] for line in lines[1:]]
    out = "\n".join(lines)
    if out.endswith('"'):
        out += " "
    return out


def docstring_text(text: str) -> str:
    """A whole docstring's text: :func:`docstring_body`, laid out as black writes docstrings.

    Black puts a space between the opening quotes and text that starts with a quote (as
    :func:`docstring_body` does before the closing quotes).
    """
    out = docstring_body(text)
    return " " + out if out.startswith('"') else out


def docstring_phrase(text: str) -> str:
    """Text safe as a phrase inside a docstring line: one line (:func:`comment`), escaped."""
    out = "".join(_escape_char(ch) for ch in comment(text))
    return out.replace('"""', '\\"\\"\\"')


def comment(text: str) -> str:
    """Text safe on one ``#`` comment line (no line breaks of any kind, no controls)."""
    flat = "".join(
        " " if unicodedata.category(ch) in ("Zl", "Zp", "Cc", "Cs") else ch for ch in text
    )
    return " ".join(flat.split())[:200]
