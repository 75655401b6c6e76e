"""Dispatcher, shared attribute helpers and robustness of all four code parsers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diagnostics import Diagnostics
from generator.scrape.code import language_key, parse_code
from generator.scrape.code._common import parse_attribute_list, split_top_level, unquote
from generator.scrape.records import MemberRecord, TypeRecord
from tests.scrape.code.code_helpers import FIXTURES, attr

FIXTURE_FILES = {
    "C#": "bookings.cs",
    "VB.NET": "bookings.vb",
    "TypeScript": "bookings.ts",
    "Python": "bookings.py.txt",
}
TOKENS = {
    "C#": [
        "namespace N",
        "public ",
        "class ",
        "enum ",
        "interface ",
        "A",
        "<T>",
        " : B",
        "{",
        "}",
        "[DataMember(Order=1)]",
        "int? ",
        "X",
        " { get; set; }",
        ";",
        "=",
        "1",
        ",",
        '"s',
        "\n",
        "///<summary>",
        "(",
        ")",
        "/*",
        "*/",
        "#if",
    ],
    "VB.NET": [
        "Namespace Global",
        "Namespace N",
        "End Namespace",
        "Public Class A",
        "End Class",
        "Public Enum E",
        "End Enum",
        "Inherits B",
        "Implements I",
        "<Flags>",
        "<Api(",
        'Description:="x")>',
        "Public Property X As String",
        "(Of T)",
        " _",
        "\n",
        "'''",
        "Public Sub New()",
        "End Sub",
        "[Error]",
        " = 1",
        '"',
    ],
    "TypeScript": [
        "export ",
        "class ",
        "enum ",
        "interface ",
        "A",
        "<T>",
        " extends B",
        " implements I",
        "{",
        "}",
        "public ",
        "x",
        "?",
        ": ",
        "string",
        "[]",
        ";",
        "=",
        "'v'",
        ",",
        "\n",
        "// @DataMember(Order=1)",
        "/** @description d */",
        "(",
        ")",
        "`",
    ],
    "Python": [
        "class A",
        "(",
        ")",
        ":",
        "\n",
        "    ",
        "x",
        ": ",
        "Optional[str]",
        " = None",
        "pass",
        "Enum",
        "IntEnum",
        "X = 'a'",
        "Generic[T]",
        '# @Api(Description="d")',
        '"""',
        "field(metadata=config(field_name='x'))",
        ", ",
        "@dataclass",
        "\x00",
    ],
}


def test_labels_and_keys_are_accepted_case_insensitively() -> None:
    assert [
        language_key(x) for x in ("Python", "vb.net", "VBNET", "c#", "CSharp", " TypeScript ")
    ] == [
        "python",
        "vbnet",
        "vbnet",
        "csharp",
        "csharp",
        "typescript",
    ]
    assert [language_key(x) for x in ("F#", "mjs", "Kotlin", "kt", "Dart")] == [
        "fsharp",
        "javascript",
        "kotlin",
        "kotlin",
        "dart",
    ]
    assert language_key("Go") is None


def test_unknown_language_is_one_error_with_hint() -> None:
    diags = Diagnostics()
    assert parse_code("Go", "type A struct {}", 40, "page.txt", diags) == ()
    (diag,) = diags
    assert (diag.level, diag.where) == ("error", "page.txt:40")
    assert "'Go'" in diag.message
    assert diag.hint is not None
    assert all(x in diag.hint for x in ("Python", "VB.NET", "C#", "TypeScript", "vbnet", "csharp"))


def test_crlf_line_endings_are_normalized() -> None:
    diags = Diagnostics()
    text = "Public Class A\r\n    Public Property X As String\r\nEnd Class\r\n"
    assert parse_code("VB.NET", text, 7, "w", diags) == (
        TypeRecord(
            name="A",
            source="code:vbnet",
            line=7,
            members=(MemberRecord(name="X", type_text="String", line=8),),
        ),
    )
    assert list(diags) == []


def test_attribute_list_parsing() -> None:
    assert parse_attribute_list(
        'ApiMember(Description = "a, \\"b\\"", IsRequired=true), Flags', 3, "cs"
    ) == [attr("ApiMember", 3, Description='a, "b"', IsRequired="true"), attr("Flags", 3)]
    assert parse_attribute_list('Api(Description:="say ""x""", Tag:=1)', 4, "vb") == [
        attr("Api", 4, Description='say "x"', Tag="1")
    ]
    assert parse_attribute_list('return: Route(typeof(Foo), Name: "n")', 5, "cs") == [
        attr("Route", 5, "typeof(Foo)", Name="n")
    ]
    assert parse_attribute_list("Broken(", 1, "cs") is None
    assert parse_attribute_list("", 1, "cs") is None
    assert parse_attribute_list("1abc", 1, "cs") is None


def test_split_and_unquote() -> None:
    assert split_top_level("IReturn<QueryResponse<A, B>>, IPost, Dictionary(Of K, V)") == [
        "IReturn<QueryResponse<A, B>>",
        "IPost",
        "Dictionary(Of K, V)",
    ]
    assert split_top_level('"a,b", c', ",", "vb") == ['"a,b"', "c"]
    assert unquote('@"C:\\x ""q"""') == 'C:\\x "q"'
    assert unquote('"tab\\tq\\u0041"') == "tab\tqA"
    assert unquote('"C:\\"', "vb") == "C:\\"
    assert unquote("'x'") == "x"
    assert unquote(" true ") == "true"


def test_allowable_values_from_attribute() -> None:
    diags = Diagnostics()
    text = (
        "class A {\n"
        '  [ApiAllowableValues("Kind", Values=new[]{ "a", "b,c" })]\n'
        "  public string Kind { get; set; }\n"
        '  [DataMember(Order="x")]\n'
        "  public string Other { get; set; }\n"
        "}\n"
    )
    (rec,) = parse_code("C#", text, 1, "a", diags)
    assert rec.members[0].allowable_values == ("a", "b,c")
    assert rec.members[1].order is None
    assert [(d.level, d.where) for d in diags] == [("warning", "a:5")]


@settings(max_examples=60, deadline=None)
@given(language=st.sampled_from(sorted(FIXTURE_FILES)), data=st.data())
def test_truncated_fixtures_never_raise(language: str, data: st.DataObject) -> None:
    text = (FIXTURES / FIXTURE_FILES[language]).read_text(encoding="utf-8")
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    records = parse_code(language, text[:cut], 1, "f", Diagnostics())
    assert all(isinstance(r, TypeRecord) for r in records)


@settings(max_examples=80, deadline=None)
@given(language=st.sampled_from(sorted(TOKENS)), data=st.data())
def test_token_soup_never_raises(language: str, data: st.DataObject) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(TOKENS[language]), max_size=60)))
    diags = Diagnostics()
    records = parse_code(language, text, 1, "s", diags)
    assert all(isinstance(r, TypeRecord) for r in records)
    assert all(d.where.startswith("s:") for d in diags)
