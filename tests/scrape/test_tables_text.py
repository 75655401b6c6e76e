"""Tests for ServiceStack parameter/enum table parsing (text rendering)."""

from __future__ import annotations

import pytest

from generator.diagnostics import Diagnostics
from generator.scrape.records import EnumMemberRecord, MemberRecord, TypeRecord
from generator.scrape.tables_text import (
    RowSplit,
    caption_of,
    enum_row_candidates,
    is_known_type,
    is_type_text,
    parse_tables,
    split_param_row,
)


def numbered(text: str, first: int = 1) -> list[tuple[int, str]]:
    return list(enumerate(text.split("\n"), first))


def run(text: str, words: frozenset[str] = frozenset()) -> tuple[tuple[TypeRecord, ...], list[str]]:
    diags = Diagnostics()
    types = parse_tables(numbered(text, 10), "p.txt", diags, words)
    return types, [f"{d.level}: {d.where}: {d.message}" for d in diags]


# --- type texts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("string", True),
        ("long?", True),
        ("DateTime", True),
        ("Guid", True),
        ("int[]", True),
        ("List<string>", True),
        ("Dictionary<string, string>", True),
        ("Dictionary<string, List<Foo>>", True),
        ("Foo", False),
        ("QueryResponse<Foo>", False),
        ("stringNo", False),
    ],
)
def test_is_known_type(text: str, expected: bool) -> None:
    assert is_known_type(text) is expected


def test_tabled_types_are_known() -> None:
    tabled = frozenset({"Foo", "QueryResponse"})
    assert is_known_type("Foo", tabled)
    assert is_known_type("Foo?", tabled)
    assert is_known_type("QueryResponse<Bar>", tabled)
    assert not is_known_type("Bar", tabled)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Foo", True),
        ("KeyValuePair<string, string>", True),
        ("int?[]", True),
        ("System.Guid", True),
        ("", False),
        ("List<string", False),
        ("List<string>>", False),
        ("Foo.", False),
        (" Foo", False),
        ("9Lives", False),
        ("Foo Bar", True),  # syntactically allowed (generic args have spaces); ranked low
        ("Foo  Bar", False),
    ],
)
def test_is_type_text(text: str, expected: bool) -> None:
    assert is_type_text(text) is expected


def test_caption_of() -> None:
    assert caption_of("OIDCGetAccessToken Parameters:") == ("OIDCGetAccessToken", "Parameters")
    assert caption_of("QueryResponse<Item> Parameters: \t") == ("QueryResponse<Item>", "Parameters")
    assert caption_of("Color Enum:") == ("Color", "Enum")
    assert caption_of("Parameters:") is None
    assert caption_of("scopebodystringNo") is None


# --- row splitting --------------------------------------------------------------------------


def best(
    row: str, tabled: frozenset[str] = frozenset(), words: frozenset[str] = frozenset()
) -> RowSplit:
    choice = split_param_row(row, tabled, words)
    assert choice is not None
    return choice.best


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "grant_typebodyOIDCGrantTypeYes",
            RowSplit("grant_type", "body", "OIDCGrantType", True, None),
        ),
        ("ClientIDformintNo", RowSplit("ClientID", "form", "int", False, None)),
        ("expires_informlong?No", RowSplit("expires_in", "form", "long?", False, None)),
        ("platformformstringNo", RowSplit("platform", "form", "string", False, None)),
        ("informationformDateTimeNo", RowSplit("information", "form", "DateTime", False, None)),
        ("IdpathintYesThe id", RowSplit("Id", "path", "int", True, "The id")),
        (
            "NotesbodystringNoNo notes yet",
            RowSplit("Notes", "body", "string", False, "No notes yet"),
        ),
        ("ApiKeyheaderstringYes", RowSplit("ApiKey", "header", "string", True, None)),
        (
            "MapmodelDictionary<string, string>No",
            RowSplit("Map", "model", "Dictionary<string, string>", False, None),
        ),
        ("IdsqueryList<int>No", RowSplit("Ids", "query", "List<int>", False, None)),
    ],
)
def test_split_param_row(row: str, expected: RowSplit) -> None:
    choice = split_param_row(row)
    assert choice is not None
    assert choice.best == expected
    assert choice.guessed is False


def test_tabled_type_beats_longest_name() -> None:
    row = "informationformPlatformTypeNo"
    choice = split_param_row(row, frozenset({"PlatformType"}))
    assert choice is not None
    assert choice.best == RowSplit("information", "form", "PlatformType", False, None)
    assert choice.guessed is False
    assert [a.name for a in choice.alternatives] == ["informationformPlat", "in"]


def test_sample_words_break_ties() -> None:
    row = "platformformPlatformTypeNo"
    with_words = split_param_row(row, known_words=frozenset({"platform"}))
    assert with_words is not None
    assert with_words.best == RowSplit("platform", "form", "PlatformType", False, None)
    assert with_words.guessed is False
    # without evidence the longest name wins and the choice is flagged as a guess
    blind = split_param_row(row)
    assert blind is not None
    assert blind.best == RowSplit("platformformPlat", "form", "Type", False, None)
    assert blind.guessed is True


def test_unknown_type_prefers_clean_description() -> None:
    choice = split_param_row("XbodyFooNoNotes")
    assert choice is not None
    assert choice.best == RowSplit("X", "body", "Foo", False, "Notes")
    assert choice.guessed is True


@pytest.mark.parametrize(
    "row", ["", "hello", "bodystringNo", "XbodyYes", "9xbodyintNo", "Xbodyint"]
)
def test_unsplittable_rows(row: str) -> None:
    assert split_param_row(row) is None


def test_enum_row_candidates() -> None:
    assert enum_row_candidates("Small0") == [("Small", "0")]
    assert enum_row_candidates("Value11") == [("Value", "11"), ("Value1", "1")]
    assert enum_row_candidates("Unknown-1") == [("Unknown", "-1")]
    assert enum_row_candidates("Red") == []
    assert enum_row_candidates("A01") == [("A0", "1")]


# --- whole sections ---------------------------------------------------------------------------

SECTION = """\
Search Parameters:
NameParameterData TypeRequiredDescription
KindqueryKindYesWhat to find

Allowable Values

  \u2022 small
  \u2022 large
Valid Range: 1 - 3
TakequeryintNo

Valid Range: 1 - 100
ResultsformList<Hit>No
Hit Parameters:
NameParameterData TypeRequiredDescription
ScoreformdoubleNo
Kind Enum:
NameValue
Value11
Value22
Value44
Mode Enum:
Fast
Slow"""


def test_section_with_allowable_values_ranges_and_enums() -> None:
    types, diags = run(SECTION)
    assert diags == [
        "info: p.txt:28: enum row 'Value11' in 'Kind' read as Value1=1",
        "info: p.txt:29: enum row 'Value22' in 'Kind' read as Value2=2",
        "info: p.txt:30: enum row 'Value44' in 'Kind' read as Value4=4",
    ]
    assert types == (
        TypeRecord(
            name="Search",
            source="table",
            line=10,
            members=(
                MemberRecord(
                    name="Kind",
                    type_text="Kind",
                    line=12,
                    description="What to find\nValid Range: 1 - 3",
                    required=True,
                    param_type="query",
                    allowable_values=("small", "large"),
                ),
                MemberRecord(
                    name="Take",
                    type_text="int",
                    line=19,
                    description="Valid Range: 1 - 100",
                    required=False,
                    param_type="query",
                ),
                MemberRecord(
                    name="Results",
                    type_text="List<Hit>",
                    line=22,
                    required=False,
                    param_type="form",
                ),
            ),
        ),
        TypeRecord(
            name="Hit",
            source="table",
            line=23,
            members=(
                MemberRecord(
                    name="Score", type_text="double", line=25, required=False, param_type="form"
                ),
            ),
        ),
        TypeRecord(
            name="Kind",
            source="enum-table",
            line=26,
            kind="enum",
            enum_members=(
                EnumMemberRecord(name="Value1", line=28, value="1"),
                EnumMemberRecord(name="Value2", line=29, value="2"),
                EnumMemberRecord(name="Value4", line=30, value="4"),
            ),
        ),
        TypeRecord(
            name="Mode",
            source="enum-table",
            line=31,
            kind="enum",
            enum_members=(
                EnumMemberRecord(name="Fast", line=32),
                EnumMemberRecord(name="Slow", line=33),
            ),
        ),
    )


def test_trailing_tabs_and_spaces_do_not_matter() -> None:
    clean, _ = run(SECTION)
    noisy, diags = run("\n".join(line + " \t" for line in SECTION.split("\n")))
    assert noisy == clean
    assert len(diags) == 3


def test_problems_are_reported_with_lines() -> None:
    text = (
        "stray text\n"
        "Foo Parameters:\n"
        "IdbodyintNo\n"
        "continued description\n"
        "platformformPlatformTypeNo\n"
        "Bar Parameters:\n"
        "NameParameterData TypeRequiredDescription\n"
        "???\n"
        "Baz Enum:\n"
        "NameValue\n"
        "Http11\n"
        "Http22\n"
        "Code7\n"
        "Http99\n"
        "not-a-member\n"
    )
    types, diags = run(text)
    assert diags == [
        "warning: p.txt:10: unexpected text before the first parameter table: 'stray text'",
        "warning: p.txt:12: table 'Foo' has no 'NameParameterData TypeRequiredDescription' header line",
        "warning: p.txt:13: cannot read 'continued description' as a parameter row of 'Foo'",
        "warning: p.txt:14: ambiguous parameter row; read as name='platformformPlat' "
        "parameter='form' type='Type' (other readings: platform/form/PlatformType, "
        "plat/form/formPlatformType)",
        "error: p.txt:17: cannot split parameter row '???' of table 'Bar'",
        "info: p.txt:20: enum row 'Http11' in 'Baz' read as Http1=1",
        "info: p.txt:21: enum row 'Http22' in 'Baz' read as Http2=2",
        "warning: p.txt:23: ambiguous enum row 'Http99' in 'Baz'; read as Http=99",
        "warning: p.txt:24: enum 'Baz' row 'not-a-member' is not 'Name' followed by an integer value",
    ]
    foo, bar, baz = types
    assert [(m.name, m.description) for m in foo.members] == [
        ("Id", "continued description"),
        ("platformformPlat", None),
    ]
    assert bar.members == ()
    assert [(e.name, e.value) for e in baz.enum_members] == [
        ("Http1", "1"),
        ("Http2", "2"),
        ("Code", "7"),
        ("Http", "99"),
        ("not-a-member", None),
    ]


def test_empty_section() -> None:
    assert run("") == ((), [])
