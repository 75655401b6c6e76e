"""The six client-language parsers never raise: truncated fixtures and token soup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import TypeRecord
from tests.scrape.code.code_helpers import FIXTURES

FIXTURE_FILES = {
    "Java": "bookings.java",
    "Kotlin": "bookings.kt",
    "Swift": "bookings.swift",
    "Dart": "bookings.dart",
    "JavaScript": "bookings.mjs",
    "F#": "bookings.fs",
}
_COMMON = ["{", "}", "(", ")", "<", ">", "[", "]", ",", ";", ":", "=", "?", "\n", " ", "x"]
_SPECIFIC = {
    "Java": """public static class A| extends B| implements I<X>|enum E|@Route(|"/p"|Integer |
        ArrayList<String> |/**|*/|interface |Monday(1)|@Flags""",
    "Kotlin": """open class A| : B()|enum class E(val value:Int)|var x:|Int?| = null|
        companion object |fun f()|@SerializedName(|"v"|interface |//""",
    "Swift": """public class A| : B, IReturn|public var x:|[String:Int]?|typealias Return|
        enum E : String, Codable|case A| = "a"|init() |private enum CodingKeys""",
    "Dart": """class A| extends B<T>| implements IReturn<X>|int? x|enum E|=>|
        static const E A = const E._(1)|TypeContext? context = _ctx|'s'|abstract """,
    "JavaScript": """export class A| extends B|/** @type {?string} */|export var E|'use strict'|
        (function (E) {|E["A"] = "a"|E[E["B"] = 1] = "B"|})(E || (E = {}))|
        createResponse() { return new R() }|getMethod() { return 'GET' }|/** @typedef T {any} */""",
    "F#": """type A() = |type E =|[<Flags>]|[<Route(|"/p"|)>]|inherit B()|
        member val X:Int32 = 0 with get,set|interface IReturn<X>|(*|*)|namespace N|///d|
        abstract X:String|class end|'T|option|    """,
}
#: Token alphabet per language: shared punctuation plus language fragments ("|"-separated).
TOKENS = {
    lang: _COMMON + [t.lstrip("\n ") or t for t in text.split("|") if t]
    for lang, text in _SPECIFIC.items()
}
TOKENS["F#"] += ["| X = 1", '| [<EnumMember(Value="x")>] A = 2', "| Circle of float"]


@settings(max_examples=60, deadline=None)
@given(language=st.sampled_from(sorted(FIXTURE_FILES)), data=st.data())
def test_truncated_fixtures_never_raise(language: str, data: st.DataObject) -> None:
    text = (FIXTURES / FIXTURE_FILES[language]).read_text(encoding="utf-8")
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    diags = Diagnostics()
    records = parse_code(language, text[:cut], 1, "f", diags)
    assert all(isinstance(r, TypeRecord) for r in records)
    assert all(d.where.startswith("f:") for d in diags)


@settings(max_examples=120, deadline=None)
@given(language=st.sampled_from(sorted(TOKENS)), data=st.data())
def test_token_soup_never_raises(language: str, data: st.DataObject) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(TOKENS[language]), max_size=60)))
    diags = Diagnostics()
    records = parse_code(language, text, 1, "s", diags)
    assert all(isinstance(r, TypeRecord) for r in records)
    assert all(d.where.startswith("s:") for d in diags)
