"""The generated JSON text writers: ``_json_text`` per class and ``_jt_<shape>`` per container.

``Dto.to_json`` calls ``_json_text``, which every class generates: the wire names are part of
f-string literals (JSON-escaped here, once), each member value goes through the cheapest
writer its type allows (``_rt.jt_str`` for strings, ``str`` for integers, the .NET float
formatter for floats), and containers call one ``_jt_<shape>`` helper per shape. A value of
an unexpected type reaches ``_rt.jt_any`` (what ``json_dumps`` writes) or raises, and
``to_json`` then falls back to ``json_dumps(to_dict())``: the text is always the same.

Statements holding f-strings are laid out here as black lays them out (see
:mod:`generator.layout`): black never splits a string, so a long f-string is cut at member
boundaries into an implicit concatenation with one string per line, and the source stays
ASCII (other characters are written as escapes) so that line widths are exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring

from generator.layout import LINE_LENGTH, wrap
from generator.typemap import TypeCtx, is_container, json_encode, prim, shape_id
from generator.typeref import TypeRef

__all__ = [
    "JsonTextView",
    "Lit",
    "TextMember",
    "Unit",
    "class_text",
    "fstring",
    "fstring_statement",
    "json_key",
    "text_expr",
]

_INTS = frozenset({"sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong"})
_STRINGS = frozenset({"string", "Uri", "char"})
_SIMPLE_WRITERS = {
    "bool": "_rt.jt_bool",
    "float": "_rt.jt_float",
    "double": "_rt.jt_float",
    "decimal": "_rt.jt_decimal",
    "object": "_rt.jt_any",
}


@dataclass(frozen=True, slots=True)
class Lit:
    """Literal JSON text inside an f-string (escaped for Python when rendered)."""

    text: str


#: One piece of an f-string: literal text, or the source of an expression between braces.
Segment = Lit | str
#: Segments that stay in one f-string when a long one is cut (one member, with its key).
Unit = tuple[Segment, ...]


def json_key(name: str) -> str:
    """The JSON text of a member name (``"errorCode"``), as the C encoder writes it."""
    return encode_basestring(name)


def text_expr(t: TypeRef, v: str, ctx: TypeCtx, *, in_fstring: bool = True) -> str:
    """Expression of the JSON text of non-None ``v`` of type ``t``.

    With ``in_fstring`` the expression is meant for an f-string's braces, where an integer
    formats itself; otherwise it is a ``str``. Strings, integers, floats and decimals of an
    unexpected type are written by ``_rt.jt_any`` (or raise), as ``json_dumps`` would.
    """
    p = prim(t)
    if p is not None:
        encoded = json_encode(t, v, ctx)
        if encoded != v or t.is_bytes:  # a .NET format: a string (dates, Guid, base64…)
            return f"_rt.jt_str({encoded})"
        if t.name in _STRINGS:
            return f"_rt.jt_str({v})"
        if t.name in _INTS:
            own = v if in_fstring else f"str({v})"
            return f"{own} if type({v}) is int else _rt.jt_any({v})"
        return f"{_SIMPLE_WRITERS.get(t.name, '_rt.jt_any')}({v})"
    if is_container(t):
        return f"_jt_{shape_id(t, ctx)}({v})"
    if t.name in ctx.flags:  # IntFlag: the number
        return f"{v}.value" if in_fstring else f"str({v}.value)"
    if t.name in ctx.enums:  # (str, Enum): the wire name
        return f"_rt.jt_str({v}.value)"
    return f"{v}._json_text()"


# -- f-string literals --------------------------------------------------------------------


def _escape(text: str, quote: str) -> str:
    out = []
    for ch in text:
        if ch == "\\" or ch == quote:
            out.append("\\" + ch)
        elif ch in "{}":
            out.append(ch * 2)
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            code = ord(ch)
            if code <= 0xFF:
                out.append(f"\\x{code:02x}")
            elif code <= 0xFFFF:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
    return "".join(out)


def _render(segments: Sequence[Segment], quote: str) -> str:
    body = "".join(
        _escape(s.text, quote) if isinstance(s, Lit) else "{" + s + "}" for s in segments
    )
    return f"f{quote}{body}{quote}"


def fstring(segments: Sequence[Segment]) -> str:
    """The f-string literal of ``segments`` with the quotes black settles on.

    Black prefers double quotes unless they need more backslashes than single quotes (JSON
    keys are quoted, so usually they do), and never re-quotes an f-string whose expressions
    hold the other quote.
    """
    if any(not isinstance(s, Lit) and '"' in s for s in segments):
        return _render(segments, "'")
    double, single = _render(segments, '"'), _render(segments, "'")
    return double if double.count("\\") <= single.count("\\") else single


def _fits(indent: int, text: str) -> bool:
    return indent + len(text) <= LINE_LENGTH


def fstring_statement(indent: int, head: str, units: Sequence[Unit]) -> str:
    """``head`` followed by the f-string of ``units`` (``return f'…'``), laid out as black does.

    One line if it fits; else the string alone inside parentheses; else the string cut
    between units into one f-string per line (each as long as fits). ``head`` ends with a
    space (``"return "``, ``"s += "``). The first line carries no indentation; continuation
    lines carry ``indent`` (+ 4) spaces, as :func:`generator.layout.wrap` does.
    """
    whole = fstring([s for u in units for s in u])
    if _fits(indent, head + whole):
        return head + whole
    inner, pad = " " * (indent + 4), " " * indent
    if _fits(indent + 4, whole):
        return f"{head}(\n{inner}{whole}\n{pad})"
    parts: list[str] = []
    current: list[Segment] = []
    for unit in units:
        if current and not _fits(indent + 4, fstring([*current, *unit])):
            parts.append(fstring(current))
            current = []
        current.extend(unit)
    parts.append(fstring(current))
    return "\n".join([head + "(", *(inner + p for p in parts), pad + ")"])


# -- class writers ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextMember:
    """One member of ``_json_text``: its variable, JSON key text and value expression."""

    var: str
    key: str  # JSON text of the wire name
    value: str  # expression (f-string braces) of non-None ``var``
    nullable: bool  # None omits the member (ServiceStack) …
    write_null: bool  # … or writes ``null`` (Json.NET)


@dataclass(frozen=True, slots=True)
class JsonTextView:
    """The statements of a class's ``_json_text`` that the template prints as they are.

    With no member that may be omitted, ``whole`` is the body. With one, ``whole`` is returned
    when it is set and ``rest`` (the text without it) otherwise. With more, ``whole`` is
    returned when all are set, else the text is built with ``pieces``.
    """

    guard: str  # ``if`` line(s): a subclass that overrides ``to_dict`` is written from it
    present: str  # ``if`` line(s) "every omissible member is set", or "" (none is omissible)
    whole: str  # ``return`` of the complete text (every member set)
    rest: str = ""  # one omissible member: ``return`` of the text without it
    pieces: tuple[str, ...] = ()  # more: per member ``s += …`` of ``,"key":value`` (no ``if``)


def _value(m: TextMember) -> str:
    if m.nullable and m.write_null:
        return f'"null" if {m.var} is None else {m.value}'
    return m.value


def _omissible(m: TextMember) -> bool:
    return m.nullable and not m.write_null


def _object(indent: int, members: Sequence[TextMember]) -> str:
    """``return`` of the JSON object text of ``members`` (all set)."""
    if not members:
        return 'return "{}"'
    units: list[Unit] = [
        (Lit(("{" if i == 0 else ",") + m.key + ":"), _value(m)) for i, m in enumerate(members)
    ]
    units[-1] = (*units[-1], Lit("}"))
    return fstring_statement(indent, "return ", units)


def class_text(name: str, members: Sequence[TextMember]) -> JsonTextView:
    """The ``_json_text`` statements of class ``name`` (method body indentation: 8).

    The text of an object whose omissible members are all set is one f-string: about twice
    as fast as appending member by member, which only objects with unset members pay.
    """
    # (a condition ending in a call would make black split it oddly: keep names last)
    own = [f"type(self) is not {name}", f"and type(self).to_dict is not {name}.to_dict"]
    guard = wrap(8, "if", own, ":", "condition")
    omissible = [m for m in members if _omissible(m)]
    if not omissible:
        return JsonTextView(guard=guard, present="", whole=_object(8, members))
    checks = [f"{m.var} is not None" for m in omissible]
    present = wrap(8, "if", [checks[0], *("and " + c for c in checks[1:])], ":", "condition")
    whole = _object(12, members)
    if len(omissible) == 1:  # (the pieces would test a variable mypy knows is None)
        rest = _object(8, [m for m in members if m is not omissible[0]])
        return JsonTextView(guard=guard, present=present, whole=whole, rest=rest)
    pieces = tuple(
        fstring_statement(
            12 if _omissible(m) else 8, "s += ", [(Lit("," + m.key + ":"), _value(m))]
        )
        for m in members
    )
    return JsonTextView(guard=guard, present=present, whole=whole, pieces=pieces)
