"""Operations of types-only pages (whole DTO files, ``/types/metadata``): from the request DTOs.

A ServiceStack request DTO says what it is in code: it implements ``IReturn<T>``
(any language's spelling: ``IReturn<T>``, ``IReturn[T]``, ``IReturn(Of T)``) or
``IReturnVoid``, a verb marker (``IGet``, ``IPost`` …, ``IVerb``), an AutoQuery/CRUD
interface (``ICreateDb<T>`` …) or base (``QueryDb<T>``, ``QueryData<T>``), or carries
``[Route]`` attributes; open generic types are never requests (``// @Route(...)`` comments in Python, TypeScript, Swift, Dart).
Each such class of a page with ``operation=None`` becomes one :class:`Operation`:

- routes from ``Route("/path", "GET,POST")`` / ``Route(Path=…, Verbs=…)``, in order; no
  verbs means all verbs; ``Summary``/``Notes`` are kept;
- the response from the ``IReturn`` argument, read in the page's language and kept as a
  C#-syntax type text with its arguments (``QueryResponse<Booking>``), else from an
  AutoQuery base (``QueryDb<Booking>``), else the ``{Request}Response`` convention;
  ``IReturnVoid`` means none. Built-in responses (``IdResponse``) come from the catalogue;
- tags from ``Tag("name")`` attributes, the description from the type's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.catalogue import MARKER_INTERFACES
from generator.diagnostics import Diagnostics
from generator.ir import Operation, Route, Source
from generator.mapper.drafts import (
    _SOURCE_SYNTAX,
    DraftType,
    add_builtin,
    arity_renamed,
    inherited_return,
)
from generator.scrape.records import AttributeRecord, PageRecord, TypeRecord
from generator.typeref import Syntax, TypeRef, TypeSyntaxError, parse_type

#: Interfaces only request DTOs carry: the catalogue's markers plus AutoQuery's.
_MARKERS = MARKER_INTERFACES | {"IQuery", "IQueryDb"}
_QUERY_BASES = frozenset({"QueryDb", "QueryData"})
_HEAD = re.compile(r"^([A-Za-z_][\w.]*)")
_RETURN_ARG = re.compile(r"^\s*IReturn\s*(?:<(?P<cs>.+)>|\[(?P<py>.+)\]|\(Of\s+(?P<vb>.+)\))\s*$")
#: Which syntax an ``IReturn`` argument is in: ``<…>`` the page's own, else Python or VB.
_ARG_SYNTAX: tuple[tuple[str, Syntax | None], ...] = (
    ("cs", None),
    ("py", "python"),
    ("vb", "vbnet"),
)


def attr_key(name: str) -> str:
    """An attribute name for matching: no namespace, no ``Attribute`` suffix, lower case."""
    base = name.rsplit(".", 1)[-1]
    return base.removesuffix("Attribute").lower() or base.lower()


def _head(text: str) -> str:
    """``IReturn<X>`` → ``IReturn``; ``ServiceStack.IGet`` → ``IGet``."""
    m = _HEAD.match(text.strip())
    return m.group(1).rsplit(".", 1)[-1] if m else text.strip()


def is_request(rec: TypeRecord) -> bool:
    """True for a class that ServiceStack would treat as a request DTO."""
    if rec.kind != "class" or rec.generic_params:
        return False  # an open generic type (QueryDb<T>) is not a request
    if any(_head(i) in _MARKERS for i in rec.interfaces):
        return True
    if rec.base is not None and _head(rec.base) in _QUERY_BASES:
        return True
    return any(attr_key(a.name) == "route" for a in rec.attributes)


def routes_of(rec: TypeRecord) -> tuple[Route, ...]:
    """The routes of the ``Route`` attributes of a request type, in order."""
    return tuple(
        route
        for a in rec.attributes
        if attr_key(a.name) == "route" and (route := _route(a)) is not None
    )


def _route(a: AttributeRecord) -> Route | None:
    path = a.get("Path") or (a.args[0] if a.args else None)
    if not path:
        return None
    verbs_text = a.get("Verbs") or (a.args[1] if len(a.args) > 1 else "")
    verbs = tuple(v.upper() for v in re.split(r"[,\s]+", verbs_text) if v)
    if verbs in (("ANY",), ("*",)):
        verbs = ()
    return Route(verbs=verbs, path=path, summary=a.get("Summary"), notes=a.get("Notes"))


def operations_from_types(
    pages: Sequence[PageRecord],
    drafts: dict[str, DraftType],
    known: set[str],
    diags: Diagnostics,
) -> list[Operation]:
    """One operation per request DTO of the types-only ServiceStack pages.

    ``known`` holds operation names documented by operation pages; those are skipped
    (their page is the better evidence). Built-in response types are added to
    ``drafts``.
    """
    found: dict[str, Operation] = {}
    for page in pages:
        if page.kind != "servicestack" or page.operation is not None:
            continue
        for rec in page.types:
            if not is_request(rec) or rec.name in known or rec.name in found:
                continue
            if rec.name not in drafts:
                continue  # the mapper dropped it and has said why
            where = f"{page.source}:{rec.line}"
            found[rec.name] = Operation(
                name=rec.name,
                request=rec.name,
                response=_response(rec, drafts, diags, where),
                routes=routes_of(rec),
                tags=tuple(
                    a.args[0] for a in rec.attributes if attr_key(a.name) == "tag" and a.args
                ),
                description=rec.description,
                sources=(Source(page=page.source, section=rec.source, line=rec.line),),
            )
    return [found[name] for name in sorted(found)]


def _response(
    rec: TypeRecord, drafts: dict[str, DraftType], diags: Diagnostics, where: str
) -> str | None:
    """The response type text (generic arguments kept: ``QueryResponse<Booking>``)."""
    if any(_head(i) == "IReturnVoid" for i in rec.interfaces):
        return None
    returned = _declared_return(rec, diags, where) or inherited_return(drafts, rec.name)
    if returned is None:
        convention = f"{rec.name}Response"
        return convention if convention in drafts else None
    missing = [n for n in returned.named_types() if n not in drafts and not add_builtin(drafts, n)]
    if missing:
        diags.warning(
            where,
            f"response type {returned} of {rec.name} uses {', '.join(missing)}, which is not "
            "documented; the operation is recorded without a response type",
            f"add the DTO file or page that defines {missing[0]}",
        )
        return None
    return str(returned)


def _declared_return(rec: TypeRecord, diags: Diagnostics, where: str) -> TypeRef | None:
    """The ``T`` of ``IReturn<T>`` read in the record's own syntax (Java ``ArrayList<X>`` …)."""
    syntax = _SOURCE_SYNTAX.get(rec.source, "csharp")
    for iface in rec.interfaces:
        m = _RETURN_ARG.match(iface)
        if m is None:
            continue
        text, arg_syntax = next((m.group(g), s) for g, s in _ARG_SYNTAX if m.group(g) is not None)
        try:
            return arity_renamed(parse_type(text.strip().strip("'\""), arg_syntax or syntax))
        except TypeSyntaxError as exc:
            diags.warning(where, f"{rec.name}: unreadable return type in {iface!r}: {exc}")
            return None
    return None
