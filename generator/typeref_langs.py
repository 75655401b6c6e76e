"""Type texts of the ServiceStack client languages → canonical :class:`TypeRef`.

``/types/{lang}`` files and ``&lang=`` pages print .NET types in the client language's
own syntax: TypeScript, JavaScript (JSDoc), F#, Java, Kotlin, Swift and Dart. Each is a
:class:`_Dialect` (names, container names, nullability marks) plus, where the syntax
needs it, a pre-step (TypeScript unions and ``{ [index: string]: T; }``, JSDoc ``?T``,
Swift ``[T]``/``[K: V]``, F# postfix ``int option``/``string list`` and ``'T``).

The languages print .NET types lossily; the mappings chosen are:

- TypeScript/JavaScript ``number`` → ``double``: every .NET number type prints as
  ``number``, and ``double`` holds every value a JSON number carries exactly (to 2^53);
  ``string`` stays ``string`` (ServiceStack prints DateTime, Guid, TimeSpan as ``string``);
  ``T[]`` → ``List<T>``; ``{ [index: number]: V; }`` → ``Dictionary<int, V>``.
- Java/Kotlin/Swift/Dart integers by width (``Integer``/``Int``/``int`` → ``int``,
  ``Long``/``Int64`` → ``long``); ``BigDecimal`` → ``decimal``, ``BigInteger`` → ``ulong``,
  ``Date`` → ``DateTime``, ``UUID`` → ``Guid``, Swift ``Double`` and Dart ``num`` →
  ``double``, Swift ``TimeInterval``/Dart ``Duration`` → ``TimeSpan``.
- Java prints ``Integer`` for both ``int`` and ``int?``: boxed value types (``Integer``,
  ``Date``, ``BigDecimal`` …) are nullable except as generic arguments; primitives are not.
- F# ``float`` is ``double`` and ``float32`` is ``float``; ``option``/``Nullable`` → nullable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.typeref import (
    _IDENT,
    TypeRef,
    TypeSyntaxError,
    _canonical,
    parse_type,
)


def _split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside <>, (), [] and {} nesting; parts are stripped."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "<([{":
            depth += 1
        elif ch in ">)]}":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


@dataclass(frozen=True, slots=True)
class _Dialect:
    """How one client language prints .NET types (names, containers, nullability marks)."""

    names: dict[str, str]  # language name → C# type text
    lists: frozenset[str] = frozenset()
    dicts: frozenset[str] = frozenset()
    arrays: frozenset[str] = frozenset()
    optionals: frozenset[str] = frozenset()
    boxed: frozenset[str] = frozenset()  # nullable unless used as a generic argument
    question: bool = True  # ``T?`` marks a nullable type
    list_suffix: bool = False  # ``T[]`` is a list (TypeScript) rather than an array


def _names(spec: str) -> dict[str, str]:
    """``"Int=int Long=long"`` → a name table (language name → C# type text)."""
    return dict(pair.split("=") for pair in spec.split())


def _set(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


_JVM = (
    "String=string Boolean=bool Short=short Byte=byte Long=long Double=double Float=float "
    "BigDecimal=decimal BigInteger=ulong Date=DateTime UUID=Guid TimeSpan=TimeSpan "
    "InputStream=byte[] "
)
_TS = _Dialect(
    names=_names(
        "string=string number=double boolean=bool Date=DateTime any=object unknown=object "
        "object=object Object=object Blob=byte[] ArrayBuffer=byte[] Uint8Array=byte[]"
    ),
    lists=_set("Array ReadonlyArray Set"),
    dicts=_set("Record Map"),
    question=False,
    list_suffix=True,
)
#: Per client language: names, container names and nullability marks.
_DIALECTS: dict[str, _Dialect] = {
    "typescript": _TS,
    "javascript": replace(_TS, dicts=_TS.dicts | {"Object"}),
    "java": _Dialect(
        names=_names(
            _JVM + "Integer=int Character=char Object=object int=int long=long short=short "
            "byte=byte boolean=bool double=double float=float char=char"
        ),
        lists=_set("ArrayList List LinkedList Collection Iterable Set HashSet"),
        dicts=_set("HashMap Map LinkedHashMap TreeMap SortedMap"),
        boxed=_set(
            "Integer Long Short Byte Boolean Double Float Character BigDecimal BigInteger "
            "Date UUID TimeSpan"
        ),
        question=False,
    ),
    "kotlin": _Dialect(
        names=_names(
            _JVM + "Int=int UInt=uint ULong=ulong UShort=ushort UByte=byte Char=char "
            "Any=object ByteArray=byte[]"
        ),
        lists=_set("ArrayList List MutableList Collection Iterable Set MutableSet HashSet"),
        dicts=_set("HashMap Map MutableMap LinkedHashMap"),
        arrays=_set("Array"),
    ),
    "swift": _Dialect(
        names=_names(
            "String=string Int=int Int8=sbyte Int16=short Int32=int Int64=long UInt=uint "
            "UInt8=byte UInt16=ushort UInt32=uint UInt64=ulong Float=float Double=double "
            "Decimal=decimal Bool=bool Date=DateTime TimeInterval=TimeSpan UUID=Guid "
            "Data=byte[] Character=char Any=object AnyObject=object URL=Uri"
        ),
        lists=_set("Array Set"),
        dicts=_set("Dictionary"),
        optionals=_set("Optional"),
    ),
    "dart": _Dialect(
        names=_names(
            "String=string int=int double=double num=double bool=bool DateTime=DateTime "
            "Duration=TimeSpan Uint8List=byte[] dynamic=object Object=object Uri=Uri"
        ),
        lists=_set("List Iterable Set"),
        dicts=_set("Map"),
    ),
    "fsharp": _Dialect(
        names=_names(
            "int=int int32=int int64=long int16=short uint=uint uint32=uint uint64=ulong "
            "uint16=ushort int8=sbyte uint8=byte float=double float32=float single=float "
            "obj=object"
        ),
        lists=_set("ResizeArray list seq List"),
        dicts=_set("Map"),
        arrays=_set("array"),
        optionals=_set("option Option voption ValueOption"),
        question=False,
    ),
}
_TS_INDEX = re.compile(r"^\{\s*\[\s*\w+\s*:\s*(\w+)\s*\]\s*:\s*(.+?);?\s*\}$", re.DOTALL)
_FS_POSTFIX = re.compile(r"^(.+?)\s+([A-Za-z]\w*)$", re.DOTALL)


def _special_typescript(text: str, syntax: str) -> TypeRef | None:
    """Unions with null/undefined, parentheses and ``{ [index: K]: V; }`` dictionaries."""
    options = _split_top(text, "|")
    if len(options) > 1:
        kept = [o for o in options if o not in ("null", "undefined")]
        if kept and all(o[:1] in "'\"" for o in kept):  # a union of string literals
            return TypeRef("string", nullable=len(kept) < len(options))
        if len(kept) != 1:
            raise TypeSyntaxError(f"a union type has no single .NET type: {text!r}")
        return replace(_parse_dialect(kept[0], syntax, False), nullable=True)
    if text.startswith("(") and text.endswith(")"):
        return _parse_dialect(text[1:-1], syntax, False)
    if (m := _TS_INDEX.match(text)) is not None:
        key = TypeRef("int") if m.group(1) == "number" else TypeRef("string")
        return TypeRef("Dictionary", (key, _parse_dialect(m.group(2), syntax, False)))
    return None


def _special_javascript(text: str, syntax: str) -> TypeRef | None:
    """JSDoc marks: ``?T`` nullable, ``!T`` non-null, ``T=`` optional, ``*`` any."""
    if text.startswith("?") and len(text) > 1:
        return replace(_parse_dialect(text[1:], syntax, False), nullable=True)
    if text.startswith("!"):
        return _parse_dialect(text[1:], syntax, False)
    if text.endswith("=") and len(text) > 1:
        return _parse_dialect(text[:-1], syntax, False)
    if text == "*":
        return TypeRef("object")
    return _special_typescript(text, syntax)


def _special_swift(text: str, syntax: str) -> TypeRef | None:
    """``[T]`` arrays, ``[K: V]`` dictionaries, ``[UInt8]`` bytes."""
    if not (text.startswith("[") and text.endswith("]")):
        return None
    inner = text[1:-1]
    parts = _split_top(inner, ":")
    if len(parts) == 2:
        key, value = (_parse_dialect(p, syntax, False) for p in parts)
        return TypeRef("Dictionary", (key, value))
    element = _parse_dialect(inner, syntax, False)
    if element == TypeRef("byte"):
        return TypeRef("Array", (element,))
    return TypeRef("List", (element,))


def _special_fsharp(text: str, syntax: str) -> TypeRef | None:
    """Postfix type constructors (``int option``, ``string list``) and ``'T`` parameters."""
    if text.startswith("'") and _IDENT.match(text[1:]):
        return TypeRef(text[1:])
    m = _FS_POSTFIX.match(text)
    if m is None or "<" in m.group(2):
        return None
    return _parse_dialect(f"{m.group(2)}<{m.group(1)}>", syntax, False)


_SPECIAL: dict[str, Callable[[str, str], TypeRef | None]] = {
    "typescript": _special_typescript,
    "javascript": _special_javascript,
    "swift": _special_swift,
    "fsharp": _special_fsharp,
}


def parse_dialect(text: str, syntax: str) -> TypeRef:
    """Parse a client-language type text (``syntax`` a key of :data:`_DIALECTS`).

    Raises :class:`~generator.typeref.TypeSyntaxError` for text that is not a type.
    """
    return _parse_dialect(text, syntax)


def _parse_dialect(text: str, syntax: str, top: bool = True) -> TypeRef:
    d = _DIALECTS[syntax]
    text = text.strip()
    if not text:
        raise TypeSyntaxError("empty type")
    special = _SPECIAL.get(syntax)
    found = special(text, syntax) if special is not None else None
    if found is not None:
        return found
    if d.question and text.endswith(("?", "!")):
        return replace(_parse_dialect(text[:-1], syntax, top), nullable=True)
    if text.endswith("[]"):
        element = _parse_dialect(text[:-2], syntax, False)
        is_list = d.list_suffix and element != TypeRef("byte")
        return TypeRef("List" if is_list else "Array", (element,))
    if text.endswith(">") and "<" in text:
        head, _, rest = text.partition("<")
        head = head.strip().removesuffix(".")  # JSDoc ``Array.<T>``
        if not _IDENT.match(head):
            raise TypeSyntaxError(f"not a type name: {head!r}")
        args = tuple(_parse_dialect(a, syntax, False) for a in _split_top(rest[:-1], ","))
        if head in d.optionals and len(args) == 1:
            return replace(args[0], nullable=True)
        if head in d.lists and len(args) == 1:
            return TypeRef("List", args)
        if head in d.dicts and len(args) == 2:
            return TypeRef("Dictionary", args)
        if head in d.arrays and len(args) == 1:
            return TypeRef("Array", args)
        return _canonical(head, args, False)
    if not _IDENT.match(text):
        raise TypeSyntaxError(f"not a type name: {text!r}")
    mapped = d.names.get(text)
    if mapped is None:
        return _canonical(text, (), False)
    return replace(parse_type(mapped, "csharp"), nullable=top and text in d.boxed)
