"""Spec → the view of a package's ``client.py`` (and its README): operations and routes.

Everything the client template prints is computed here: the operation table as Python
literals (class names from :mod:`generator.naming`, every page string through
:func:`generator.pysafe.py_str`), the order of the ``send`` overloads (request subclasses
before their bases, so mypy picks the most specific one), and which routes the client
cannot use. The runtime behaviour lives in ``templates/runtime/_client.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.diagnostics import Diagnostics
from generator.ir import Operation, Route, Spec, TypeDef
from generator.layout import Node
from generator.pysafe import comment, docstring_body, docstring_phrase, py_str
from generator.views import ModuleView

#: Marker interfaces (and their CRUD/AutoQuery relatives) → the verb ServiceStack's clients use.
VERB_MARKERS: dict[str, str] = {
    "IGet": "GET",
    "IPost": "POST",
    "IPut": "PUT",
    "IPatch": "PATCH",
    "IDelete": "DELETE",
    "ICreateDb": "POST",
    "IUpdateDb": "PUT",
    "IPatchDb": "PATCH",
    "IDeleteDb": "DELETE",
    "IQuery": "GET",
    "IQueryDb": "GET",
    "IQueryData": "GET",
}
_BASE_MARKERS = {"QueryBase": "GET", "QueryDb": "GET", "QueryData": "GET"}
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True, slots=True)
class OperationView:
    """One operation: its ``send`` overload and its entry in the operation table."""

    name: str  # the operation name (comment-safe)
    request: str  # request class
    response: str | None  # response class; None for void operations
    returns: str  # the overload's return annotation
    table_entry: Node  # the OperationSpec tuple (laid out by the template)
    summary: str  # docstring-safe one-liner: "GetAccessToken → GetAccessTokenResponse: POST /x"
    ignore_overlap: bool  # this overload overlaps a later base-class overload unsafely


@dataclass(frozen=True, slots=True)
class ClientView:
    """Everything ``client.py`` and the package README print."""

    service: str
    title: str  # comment-safe
    operations: tuple[OperationView, ...]  # overload order
    imports: tuple[str, ...]  # DTO classes the client module imports
    predefined_routes: bool  # ServiceStack's /{format}/reply/{Operation} fallback exists
    notes: tuple[str, ...]  # docstring-safe lines: routes/operations the client cannot use
    example_request: str | None
    example_response: str | None


def _chain(spec: Spec, t: TypeDef) -> list[TypeDef]:
    out = [t]
    while out[-1].base is not None:
        base = spec.type_named(out[-1].base.name)
        if base is None or base in out:
            break
        out.append(base)
    return out


def _marker(spec: Spec, t: TypeDef) -> str | None:
    for level in _chain(spec, t):
        for iface in level.interfaces:
            verb = VERB_MARKERS.get(re.split(r"[<\[(`]", iface, maxsplit=1)[0].strip())
            if verb is not None:
                return verb
        if level.base is not None and level.base.name in _BASE_MARKERS:
            return _BASE_MARKERS[level.base.name]
    return None


def _route_literal(route: Route, request: TypeDef) -> tuple[Node | None, str | None]:
    """``(tuple display, None)`` for a usable route, ``(None, reason)`` otherwise."""
    by_field = {m.field.lower(): m.wire_name for m in request.json.members}
    variables: list[Node] = []
    for placeholder in dict.fromkeys(m.group(0) for m in _PLACEHOLDER.finditer(route.path)):
        field = placeholder[1:-1].rstrip("*").strip()
        wire = by_field.get(field.lower())
        if wire is None:
            return None, f"{{{field}}} is not a field of {request.name}"
        variables.append((py_str(placeholder), py_str(wire)))
    verbs = tuple(py_str(v) for v in route.verbs)
    return (py_str(route.path), verbs, tuple(variables)), None


def _describe(route: Route, marker: str | None) -> str:
    """``VERB /path`` as the client uses it (the marker verb on an all-verbs route)."""
    verbs = ",".join(route.verbs) or marker or "any verb"
    return f"{verbs} {route.path}"


def _ancestors(spec: Spec, name: str) -> set[str]:
    t = spec.type_named(name)
    return {level.name for level in _chain(spec, t)[1:]} if t is not None else set()


def _ancestry(spec: Spec) -> Callable[[str], set[str]]:
    """:func:`_ancestors` of ``spec``, computed once per name."""
    known: dict[str, set[str]] = {}

    def ancestors(name: str) -> set[str]:
        found = known.get(name)
        if found is None:
            found = known[name] = _ancestors(spec, name)
        return found

    return ancestors


def _compatible(ancestors: Callable[[str], set[str]], first: str | None, later: str | None) -> bool:
    if first is None or later is None:
        return first == later
    return first == later or later in ancestors(first)


def build_client_view(spec: Spec, diags: Diagnostics, module: ModuleView) -> ClientView:
    """Compute the view of one service's ``client.py`` (classes as named in ``module``)."""
    notes: list[str] = []
    chosen: dict[str, Operation] = {}
    for op in sorted(spec.operations, key=lambda o: o.name):
        if spec.type_named(op.request) is None or module.class_for(op.request) is None:
            notes.append(f"{op.name}: request type {op.request} is not a class; not sendable")
            continue
        if op.response and module.class_for(op.response) is None:
            notes.append(f"{op.name}: response type {op.response} has no class; not sendable")
            continue
        if op.request in chosen:
            notes.append(
                f"{op.name}: shares request type {op.request} with {chosen[op.request].name}, "
                f"which `send` uses"
            )
            continue
        chosen[op.request] = op
    requests = {name: t for name in chosen if (t := spec.type_named(name)) is not None}
    ordered = sorted(
        chosen.values(), key=lambda o: (-len(_chain(spec, requests[o.request])), o.request)
    )
    position = {o.request: i for i, o in enumerate(ordered)}  # requests are unique here
    ancestors = _ancestry(spec)
    views: list[OperationView] = []
    for i, op in enumerate(ordered):
        request = requests[op.request]
        marker = _marker(spec, request)
        routes: list[Node] = []
        described: list[str] = []
        for route in op.routes:
            literal, reason = _route_literal(route, request)
            if literal is None:
                notes.append(f"{op.name}: route {_describe(route, marker)} is not used: {reason}")
                diags.info(f"specs/{spec.service}.json: {op.name}", f"route not used: {reason}")
                continue
            routes.append(literal)
            described.append(_describe(route, marker))
        response = module.class_for(op.response) if op.response else None
        req_class = module.class_for(op.request)
        assert req_class is not None
        ignore = any(  # a later overload (by position) is for a base class of this request
            position.get(base, -1) > i
            and not _compatible(ancestors, op.response, ordered[position[base]].response)
            for base in ancestors(op.request)
        )
        if not described and spec.kind == "servicestack":
            described.append(f"{marker or 'POST'} /{{format}}/reply/{op.name}")
        target = response or "None"
        views.append(
            OperationView(
                name=comment(op.name),
                request=req_class,
                response=response,
                returns=target,
                table_entry=(
                    py_str(op.name),
                    target,
                    py_str(marker) if marker else "None",
                    tuple(routes),
                ),
                summary=docstring_body(
                    f"{req_class} → {target}: {'; '.join(described) or 'no usable route'}"
                ),
                ignore_overlap=ignore,
            )
        )
    imports = sorted({v.request for v in views} | {v.response for v in views if v.response})
    first = min(views, key=lambda v: v.request) if views else None
    return ClientView(
        service=spec.service,
        title=docstring_phrase(spec.title or spec.service),
        operations=tuple(views),
        imports=tuple(imports),
        predefined_routes=spec.kind == "servicestack",
        notes=tuple(docstring_body(n) for n in notes),
        example_request=first.request if first else None,
        example_response=first.response if first else None,
    )
