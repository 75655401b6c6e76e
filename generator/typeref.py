"""TypeRef: a documented .NET type, and parsers for the syntaxes pages print types in.

Every page syntax (C#, VB.NET, Python annotations, Web API type words, and the DTO
languages of ``/types/{lang}``: TypeScript, JavaScript JSDoc, F#, Java, Kotlin, Swift,
Dart) is parsed into one canonical form: primitives use C# keyword names (``string``,
``int``, ``long``, ``bool``, …) or CLR names (``DateTime``, ``Guid``, ``TimeSpan``, …);
collections are ``List`` (``List<T>``, ``IList``, ``ICollection``, ``IEnumerable``,
``HashSet``), ``Array`` (``T[]``), ``Dictionary`` and ``KeyValuePair``;
``Nullable<T>``/``T?`` set ``nullable``. Anything else is a named (user, built-in or generic-parameter) type.

The client-language syntaxes live in :mod:`generator.typeref_langs` (lossy mappings
documented there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

Syntax = Literal[
    "csharp",
    "vbnet",
    "python",
    "webapi",
    "typescript",
    "javascript",
    "fsharp",
    "java",
    "kotlin",
    "swift",
    "dart",
]
#: Syntaxes of the client languages, parsed by :mod:`generator.typeref_langs`.
DIALECT_SYNTAXES: frozenset[str] = frozenset(
    {"typescript", "javascript", "fsharp", "java", "kotlin", "swift", "dart"}
)

PRIMITIVES: frozenset[str] = frozenset(
    {
        "string",
        "bool",
        "byte",
        "sbyte",
        "short",
        "ushort",
        "int",
        "uint",
        "long",
        "ulong",
        "float",
        "double",
        "decimal",
        "char",
        "object",
        "DateTime",
        "DateTimeOffset",
        "TimeSpan",
        "Guid",
        "Uri",
    }
)
VALUE_TYPES: frozenset[str] = PRIMITIVES - {"string", "object", "Uri"}
COLLECTIONS: frozenset[str] = frozenset({"List", "Array", "Dictionary", "KeyValuePair"})

_CSHARP_ALIASES: dict[str, str] = {
    "String": "string",
    "Boolean": "bool",
    "Byte": "byte",
    "SByte": "sbyte",
    "Int16": "short",
    "UInt16": "ushort",
    "Int32": "int",
    "UInt32": "uint",
    "Int64": "long",
    "UInt64": "ulong",
    "Single": "float",
    "Double": "double",
    "Decimal": "decimal",
    "Char": "char",
    "Object": "object",
}
_VB_ALIASES: dict[str, str] = {
    "Integer": "int",
    "Long": "long",
    "Short": "short",
    "UInteger": "uint",
    "ULong": "ulong",
    "UShort": "ushort",
    "Date": "DateTime",
}
_LIST_NAMES = frozenset(
    {
        "List",
        "IList",
        "ICollection",
        "IEnumerable",
        "IReadOnlyList",
        "IReadOnlyCollection",
        "HashSet",
        "ISet",
        "Collection",
    }
)
_DICT_NAMES = frozenset({"Dictionary", "IDictionary", "IReadOnlyDictionary", "SortedDictionary"})
_PY_NAMES: dict[str, str] = {
    "str": "string",
    "int": "int",
    "bool": "bool",
    "float": "double",
    "Decimal": "decimal",
    "decimal.Decimal": "decimal",
    "datetime.datetime": "DateTime",
    "datetime": "DateTime",
    "datetime.timedelta": "TimeSpan",
    "timedelta": "TimeSpan",
    "bytes": "byte[]",
    "object": "object",
    "Any": "object",
    "uuid.UUID": "Guid",
}
_WEBAPI_WORDS: dict[str, str] = {
    "string": "string",
    "integer": "long",
    "unsigned integer": "ulong",
    "byte": "byte",
    "signed byte": "sbyte",
    "character": "char",
    "decimal number": "decimal",
    "boolean": "bool",
    "date": "DateTime",
    "time interval": "TimeSpan",
    "globally unique identifier": "Guid",
    "uri": "Uri",
    "object": "object",
}


class TypeSyntaxError(ValueError):
    """A type text that none of the known syntaxes can read."""


@dataclass(frozen=True, slots=True)
class TypeRef:
    """A reference to a documented type: canonical name, generic arguments, nullability."""

    name: str
    args: tuple[TypeRef, ...] = ()
    nullable: bool = False

    def __str__(self) -> str:
        text = self.name
        if self.name == "Array" and len(self.args) == 1:
            text = f"{self.args[0]}[]"
        elif self.args:
            text += "<" + ", ".join(str(a) for a in self.args) + ">"
        return text + ("?" if self.nullable else "")

    @property
    def is_primitive(self) -> bool:
        """True for .NET primitives (string, numbers, dates, Guid, …)."""
        return self.name in PRIMITIVES and not self.args

    @property
    def is_bytes(self) -> bool:
        """True for ``byte[]`` (serialized as base64, not as a list)."""
        return self.name == "Array" and len(self.args) == 1 and self.args[0].name == "byte"

    @property
    def is_list(self) -> bool:
        """True for list-like collections (``List<T>``, ``T[]``) other than ``byte[]``."""
        return self.name in ("List", "Array") and len(self.args) == 1 and not self.is_bytes

    @property
    def is_dict(self) -> bool:
        """True for ``Dictionary<K, V>``."""
        return self.name == "Dictionary" and len(self.args) == 2

    @property
    def is_named(self) -> bool:
        """True for user, built-in or generic-parameter types (not primitive or collection)."""
        return self.name not in PRIMITIVES and self.name not in COLLECTIONS

    def named_types(self) -> list[str]:
        """All named (non-primitive, non-collection) type names referenced, depth first."""
        found = [self.name] if self.is_named else []
        for a in self.args:
            found.extend(a.named_types())
        return found

    def to_json(self) -> str:
        """Serialize as C#-like text; :func:`parse_type` with syntax ``csharp`` reads it back."""
        return str(self)


def _split_args(text: str) -> list[str]:
    """Split ``a, b<c, d>, e`` on top-level commas."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "<([":
            depth += 1
        elif ch in ">)]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def _canonical(name: str, args: tuple[TypeRef, ...], nullable: bool) -> TypeRef:
    short = name.rsplit(".", 1)[-1] if name.startswith("System.") else name
    if short == "Nullable" and len(args) == 1:
        return replace(args[0], nullable=True)
    if short in _LIST_NAMES and len(args) == 1:
        return TypeRef("List", args, nullable)
    if short in _DICT_NAMES and len(args) == 2:
        return TypeRef("Dictionary", args, nullable)
    if short == "byte[]":
        return TypeRef("Array", (TypeRef("byte"),), nullable)
    short = _CSHARP_ALIASES.get(short, short)
    return TypeRef(short, args, nullable)


def _parse_clike(text: str, open_: str, close: str, vb: bool) -> TypeRef:
    text = text.strip()
    if not text:
        raise TypeSyntaxError("empty type")
    if text.endswith("?"):
        return replace(_parse_clike(text[:-1], open_, close, vb), nullable=True)
    array_suffix = "()" if vb else "[]"
    if text.endswith(array_suffix):
        element = _parse_clike(text[: -len(array_suffix)], open_, close, vb)
        return TypeRef("Array", (element,))
    if text.endswith(close) and open_ in text:
        head, _, rest = text.partition(open_)
        inner = rest[: -len(close)]
        if vb:
            if not inner.startswith("Of "):
                raise TypeSyntaxError(f"expected '(Of …)' in {text!r}")
            inner = inner[3:]
        args = tuple(_parse_clike(a, open_, close, vb) for a in _split_args(inner))
        if not _IDENT.match(head.strip()):
            raise TypeSyntaxError(f"not a type name: {head!r}")
        return _canonical(head.strip(), args, False)
    if not _IDENT.match(text):
        raise TypeSyntaxError(f"not a type name: {text!r}")
    if vb:
        text = _VB_ALIASES.get(text, text)
    return _canonical(text, (), False)


def _parse_python(text: str) -> TypeRef:
    text = text.strip().strip("'\"")
    if text in _PY_NAMES:
        return _canonical(_PY_NAMES[text], (), False)
    if text.endswith("]") and "[" in text:
        head, _, rest = text.partition("[")
        args = [_parse_python(a) for a in _split_args(rest[:-1])]
        head = head.strip().removeprefix("typing.")
        if head == "Optional" and len(args) == 1:
            return replace(args[0], nullable=True)
        if head in ("List", "list", "Sequence", "Iterable") and len(args) == 1:
            return TypeRef("List", (args[0],))
        if head in ("Dict", "dict", "Mapping") and len(args) == 2:
            return TypeRef("Dictionary", (args[0], args[1]))
        return TypeRef(head, tuple(args))
    if "|" in text:
        options = [p.strip() for p in text.split("|")]
        if len(options) == 2 and "None" in options:
            other = options[0] if options[1] == "None" else options[1]
            return replace(_parse_python(other), nullable=True)
    if not _IDENT.match(text):
        raise TypeSyntaxError(f"not a type name: {text!r}")
    return TypeRef(text)


_WEBAPI_COLLECTION = re.compile(r"^Collection of (.+)$")
_WEBAPI_DICT = re.compile(r"^Dictionary of (.+) \[key\] and (.+) \[value\]$")
_WEBAPI_PAIR = re.compile(r"^Pair of (.+) \[key\] and (.+) \[value\]$")


def _parse_webapi(text: str) -> TypeRef:
    text = " ".join(text.split())
    if (m := _WEBAPI_COLLECTION.match(text)) is not None:
        return TypeRef("List", (_parse_webapi(m.group(1)),))
    if (m := _WEBAPI_DICT.match(text)) is not None:
        return TypeRef("Dictionary", (_parse_webapi(m.group(1)), _parse_webapi(m.group(2))))
    if (m := _WEBAPI_PAIR.match(text)) is not None:
        return TypeRef("KeyValuePair", (_parse_webapi(m.group(1)), _parse_webapi(m.group(2))))
    word = _WEBAPI_WORDS.get(text.lower())
    if word is not None:
        return TypeRef(word)
    if not _IDENT.match(text):
        raise TypeSyntaxError(f"not a Web API type description: {text!r}")
    return TypeRef(text)


def parse_type(text: str, syntax: Syntax) -> TypeRef:
    """Parse a documented type text in the given page syntax into a canonical TypeRef.

    Raises :class:`TypeSyntaxError` for text that is not a type in that syntax.
    """
    if syntax == "python":
        return _parse_python(text)
    if syntax == "webapi":
        return _parse_webapi(text)
    if syntax == "vbnet":
        return _parse_clike(text, "(", ")", vb=True)
    if syntax in DIALECT_SYNTAXES:
        from generator.typeref_langs import parse_dialect  # late: it imports this module

        return parse_dialect(text, syntax)
    return _parse_clike(text, "<", ">", vb=False)
