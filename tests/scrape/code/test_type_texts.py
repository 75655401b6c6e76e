"""Type texts of the client languages (``generator.typeref_langs``) → canonical TypeRefs."""

from __future__ import annotations

import pytest

from generator.typeref import TypeRef, TypeSyntaxError, parse_type

S = TypeRef("string")
INT = TypeRef("int")
D = TypeRef("double")
NI = TypeRef("int", nullable=True)


def L(t: TypeRef, nullable: bool = False) -> TypeRef:
    return TypeRef("List", (t,), nullable)


def M(k: TypeRef, v: TypeRef, nullable: bool = False) -> TypeRef:
    return TypeRef("Dictionary", (k, v), nullable)


BYTES = TypeRef("Array", (TypeRef("byte"),))


@pytest.mark.parametrize(
    ("text", "syntax", "expected"),
    [
        # TypeScript: number → double, T[] → List, index signatures, unions with null
        ("string", "typescript", S),
        ("number", "typescript", D),
        ("boolean", "typescript", TypeRef("bool")),
        ("Date", "typescript", TypeRef("DateTime")),
        ("string[]", "typescript", L(S)),
        ("Array<QueryResponse<Booking>>", "typescript",
         L(TypeRef("QueryResponse", (TypeRef("Booking"),)))),
        ("{ [index: string]: string; }", "typescript", M(S, S)),
        ("{ [index: number]: number[]; }", "typescript", M(INT, L(D))),
        ("{ [index: string]: { [index: string]: string; }; }", "typescript", M(S, M(S, S))),
        ("string | null", "typescript", TypeRef("string", nullable=True)),
        ("'Single'|'Double'", "typescript", S),
        ("Record<string, Item>", "typescript", M(S, TypeRef("Item"))),
        ("Uint8Array", "typescript", BYTES),
        ("any", "typescript", TypeRef("object")),
        # JavaScript JSDoc
        ("?string", "javascript", TypeRef("string", nullable=True)),
        ("!Item", "javascript", TypeRef("Item")),
        ("number=", "javascript", D),
        ("*", "javascript", TypeRef("object")),
        ("Object.<string,number>", "javascript", M(S, D)),
        ("Array.<Item>", "javascript", L(TypeRef("Item"))),
        ("T[]", "javascript", L(TypeRef("T"))),
        # Java: boxed value types are nullable except as generic arguments
        ("String", "java", S),
        ("Integer", "java", NI),
        ("int", "java", INT),
        ("Long", "java", TypeRef("long", nullable=True)),
        ("BigDecimal", "java", TypeRef("decimal", nullable=True)),
        ("Date", "java", TypeRef("DateTime", nullable=True)),
        ("UUID", "java", TypeRef("Guid", nullable=True)),
        ("byte[]", "java", BYTES),
        ("ArrayList<Integer>", "java", L(INT)),
        ("HashMap<String,ArrayList<Long>>", "java", M(S, L(TypeRef("long")))),
        ("List<String>", "java", L(S)),
        # Kotlin: ? marks nullable
        ("Int?", "kotlin", NI),
        ("Int", "kotlin", INT),
        ("ArrayList<String>?", "kotlin", L(S, nullable=True)),
        ("HashMap<String,String>", "kotlin", M(S, S)),
        ("ByteArray", "kotlin", BYTES),
        ("Array<Int>", "kotlin", TypeRef("Array", (INT,))),
        ("Any?", "kotlin", TypeRef("object", nullable=True)),
        # Swift
        ("[String]?", "swift", L(S, nullable=True)),
        ("[String:String]", "swift", M(S, S)),
        ("[String : [Int]]", "swift", M(S, L(INT))),
        ("Int?", "swift", NI),
        ("Int64", "swift", TypeRef("long")),
        ("Date?", "swift", TypeRef("DateTime", nullable=True)),
        ("Double", "swift", D),
        ("TimeInterval", "swift", TypeRef("TimeSpan")),
        ("Data", "swift", BYTES),
        ("[UInt8]", "swift", BYTES),
        ("Optional<Bool>", "swift", TypeRef("bool", nullable=True)),
        # Dart
        ("List<String>?", "dart", L(S, nullable=True)),
        ("int?", "dart", NI),
        ("Map<String,String?>", "dart", M(S, TypeRef("string", nullable=True))),
        ("DateTime", "dart", TypeRef("DateTime")),
        ("Duration", "dart", TypeRef("TimeSpan")),
        ("num", "dart", D),
        ("Uint8List", "dart", BYTES),
        # F#
        ("string", "fsharp", S),
        ("String", "fsharp", S),
        ("int option", "fsharp", NI),
        ("option<int>", "fsharp", NI),
        ("Nullable<Int32>", "fsharp", NI),
        ("List<string>", "fsharp", L(S)),
        ("ResizeArray<string>", "fsharp", L(S)),
        ("string list", "fsharp", L(S)),
        ("Dictionary<string,string>", "fsharp", M(S, S)),
        ("Dictionary<String, ResizeArray<Int32>>", "fsharp", M(S, L(INT))),
        ("float", "fsharp", D),
        ("float32", "fsharp", TypeRef("float")),
        ("int64", "fsharp", TypeRef("long")),
        ("ResizeArray<'T>", "fsharp", L(TypeRef("T"))),
        ("byte[]", "fsharp", BYTES),
        ("obj", "fsharp", TypeRef("object")),
    ],
)  # fmt: skip
def test_parse_type(text: str, syntax: str, expected: TypeRef) -> None:
    assert parse_type(text, syntax) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "syntax"),
    [
        ("", "typescript"),
        ("string | number", "typescript"),
        ("(a: string) => void", "typescript"),
        ("List<", "java"),
        ("a b", "kotlin"),
        ("[String", "swift"),
        ("1abc", "dart"),
        ("x; import os", "fsharp"),
        ("?", "javascript"),
    ],
)
def test_bad_type_text_is_rejected(text: str, syntax: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse_type(text, syntax)  # type: ignore[arg-type]
