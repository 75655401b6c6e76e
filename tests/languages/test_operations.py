"""Operations derived from request DTOs of types-only pages (``generator.mapper.operations``)."""

from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.ir import Operation, Route, Source
from generator.mapper import build_spec
from generator.mapper.drafts import DraftType
from generator.mapper.operations import is_request, operations_from_types, routes_of
from generator.scrape.records import AttributeRecord, MemberRecord, PageRecord, TypeRecord


def rec(name: str, *interfaces: str, base: str | None = None, **kw: object) -> TypeRecord:
    return TypeRecord(
        name=name, source="code:csharp", line=3, base=base, interfaces=interfaces, **kw  # type: ignore[arg-type]
    )


def route(*args: str, **named: str) -> AttributeRecord:
    return AttributeRecord(name="Route", args=args, named=tuple(named.items()))


def page(*types: TypeRecord, source: str = "dtos.cs") -> PageRecord:
    return PageRecord(source=source, kind="servicestack", operation=None, types=types)


def test_request_markers_in_every_spelling() -> None:
    assert is_request(rec("A", "IReturn<B>"))
    assert is_request(rec("A", "IReturn[B]"))
    assert is_request(rec("A", "IReturn(Of B)"))
    assert is_request(rec("A", "IReturn<QueryResponse<B>>"))
    assert is_request(rec("A", "ServiceStack.IReturnVoid"))
    assert is_request(rec("A", "IPost"))
    assert is_request(rec("A", "ICreateDb<Booking>"))
    assert is_request(rec("A", base="QueryDb<Booking>"))
    assert is_request(rec("A", attributes=(route("/a"),)))
    assert is_request(rec("A", attributes=(AttributeRecord(name="RouteAttribute", args=("/a",)),)))
    assert not is_request(rec("A", "IHasResponseStatus", base="AuditBase"))
    assert not is_request(rec("A", "IMeta"))
    assert not is_request(rec("QueryDb", base="QueryBase", generic_params=("T",)))
    assert not is_request(rec("A", base="QueryBase"))
    assert not is_request(TypeRecord(name="E", source="code:csharp", line=1, kind="enum"))
    assert not is_request(
        TypeRecord(name="I", source="code:csharp", line=1, kind="interface", interfaces=("IGet",))
    )


def test_routes_in_every_spelling() -> None:
    a = rec(
        "A",
        attributes=(
            route("/a/{Id}", "GET"),
            route(Path="/b", Verbs="GET,POST"),
            route("/c", "PUT POST", Summary="s", Notes="n"),
            route("/d"),
            route("/e", "ANY"),
            route(),
            AttributeRecord(name="Api", args=("x",)),
        ),
    )
    assert routes_of(a) == (
        Route(verbs=("GET",), path="/a/{Id}"),
        Route(verbs=("GET", "POST"), path="/b"),
        Route(verbs=("PUT", "POST"), path="/c", summary="s", notes="n"),
        Route(verbs=(), path="/d"),
        Route(verbs=(), path="/e"),
    )


def draft(name: str) -> DraftType:
    return DraftType(name=name, kind="class", sources=[])


def test_responses_known_operations_and_builtins() -> None:
    names = ("A", "B", "C", "D", "E", "EResponse", "F", "H", "Page", "X")
    drafts = {n: draft(n) for n in names}
    pages = [
        page(
            rec("A", "IReturn<Page<X>>", attributes=(AttributeRecord(name="Tag", args=("t",)),)),
            rec("B", "IReturnVoid", "IDelete"),
            rec("C", "IReturn<IdResponse>"),
            rec("D", "IReturn<List<Missing>>"),
            rec("H", "IReturn<Bad<>"),
            rec("E", "IGet"),
            rec("F", "IGet"),
            rec("G", "IGet"),  # not a draft: the mapper dropped it
        ),
        page(rec("A", "IReturn<Other>"), source="other.cs"),
        PageRecord(source="op.txt", kind="servicestack", operation="F"),
    ]
    diags = Diagnostics()
    ops = operations_from_types(pages, drafts, {"F"}, diags)
    src = Source(page="dtos.cs", section="code:csharp", line=3)
    assert ops == [
        Operation(name="A", request="A", response="Page<X>", tags=("t",), sources=(src,)),
        Operation(name="B", request="B", response=None, sources=(src,)),
        Operation(name="C", request="C", response="IdResponse", sources=(src,)),
        Operation(name="D", request="D", response=None, sources=(src,)),
        Operation(name="E", request="E", response="EResponse", sources=(src,)),
        Operation(name="H", request="H", response=None, sources=(src,)),
    ]
    assert {"IdResponse", "ResponseStatus", "ResponseError"} <= set(drafts)
    assert drafts["IdResponse"].builtin
    assert [(d.level, d.where) for d in diags] == [("warning", "dtos.cs:3")] * 2
    assert "List<Missing> of D uses Missing" in diags.items[0].message
    assert "unreadable return type" in diags.items[1].message


def test_build_spec_reads_operations_of_a_dto_file() -> None:
    types = (
        TypeRecord(
            name="Hello",
            source="code:csharp",
            line=5,
            interfaces=("IReturn<HelloResponse>", "IGet"),
            description="Says hello",
            members=(MemberRecord(name="Name", type_text="string", line=6),),
            attributes=(route("/hello/{Name}"), route("/hello", "POST")),
        ),
        TypeRecord(
            name="HelloResponse",
            source="code:csharp",
            line=9,
            members=(MemberRecord(name="Result", type_text="string", line=10),),
        ),
    )
    diags = Diagnostics()
    spec = build_spec("hello", [page(*types)], diags)
    assert spec is not None
    assert spec.operations == (
        Operation(
            name="Hello",
            request="Hello",
            response="HelloResponse",
            routes=(Route(verbs=(), path="/hello/{Name}"), Route(verbs=("POST",), path="/hello")),
            description="Says hello",
            sources=(Source(page="dtos.cs", section="code:csharp", line=5),),
        ),
    )
    assert [t.name for t in spec.types] == ["Hello", "HelloResponse"]
    assert not diags.has_errors


def test_return_types_are_read_in_the_page_language() -> None:
    drafts = {n: draft(n) for n in ("A", "B", "C", "Booking")}
    kotlin = TypeRecord(
        name="A", source="code:kotlin", line=1, interfaces=("IReturn<ArrayList<Booking>>",)
    )
    swift = TypeRecord(name="B", source="code:swift", line=1, interfaces=("IReturn<[Booking]>",))
    python = TypeRecord(
        name="C", source="code:python", line=1, interfaces=("IReturn[List[Booking]]",)
    )
    diags = Diagnostics()
    ops = operations_from_types([page(kotlin, swift, python)], drafts, set(), diags)
    assert [(o.name, o.response) for o in ops] == [
        ("A", "List<Booking>"),
        ("B", "List<Booking>"),
        ("C", "List<Booking>"),
    ]
    assert list(diags) == []
