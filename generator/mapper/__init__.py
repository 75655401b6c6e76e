"""Records → IR: fuse the evidence of every page of one service into a :class:`Spec`.

Order of work (each step documented in its module):
1. drafts from code blocks and tables, merged by type name (:mod:`.drafts`);
2. enums from "Allowable Values", built-in types from the catalogue;
3. operations: request/response types and routes; the pages of one operation merge;
4. samples parsed and walked along the types (:mod:`.observe`): wire names, order,
   XML namespaces, undocumented enums;
5. frozen types with per-format layouts (:mod:`.assemble`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Literal

from generator.diagnostics import Diagnostics
from generator.ir import Operation, Route, Sample, Source, Spec, WireFormat
from generator.mapper.assemble import (
    build_types,
    check_references,
    infer_open_enums,
)
from generator.mapper.drafts import (
    DraftType,
    add_builtin,
    apply_catalogue,
    builtin_for_keys,
    draft_from_record,
    enums_from_allowable_values,
    infer_table_bases,
    inherited_return,
    merge_into,
    norm,
    referenced_names,
    return_type,
)
from generator.mapper.observe import Observer, parse_sample, sample_shape, soap_version
from generator.mapper.operations import operations_from_types
from generator.scrape.records import PageRecord, SampleRecord

_FORMATS: dict[str, WireFormat] = {
    "application/xml": "xml",
    "text/xml": "xml",
    "application/json": "json",
    "text/json": "json",
    "text/jsv": "jsv",
    "text/csv": "csv",
}


def build_spec(service: str, pages: Sequence[PageRecord], diags: Diagnostics) -> Spec | None:
    """Fuse the records of one service's pages into a Spec (None when errors were found)."""
    kinds = sorted({p.kind for p in pages})
    if len(kinds) != 1:
        diags.error(
            service,
            f"pages of one service must be of one kind, found {kinds}",
            "keep ServiceStack and Web API pages in separate services",
        )
        return None
    kind = kinds[0]
    drafts: dict[str, DraftType] = {}
    for page in pages:
        for rec in page.types:
            if rec.source == "webapi-uri":
                continue  # URI parameters: folded into the operation's request (see _operation)
            draft = draft_from_record(rec, page.source, diags)
            if draft is None:
                continue
            if draft.name in drafts:
                merge_into(drafts[draft.name], draft, diags)
            else:
                drafts[draft.name] = draft
    for page in pages:
        infer_table_bases(page.source, list(page.types), page.operation, drafts, diags)
    enums_from_allowable_values(drafts)
    apply_catalogue(drafts, diags)
    typed = [p for p in pages if p.kind == "servicestack" and p.operation is None]  # DTO files
    found = [(page, _operation(page, drafts, diags)) for page in pages if page not in typed]
    merged = _merge_operations([op for _, op in found if op is not None], diags)
    pairs = [(page, merged[op.name] if op is not None else None) for page, op in found]
    operations = list(merged.values())
    operations += operations_from_types(typed, drafts, set(merged), diags)
    observer = Observer(drafts, diags)
    samples = [s for page, op in pairs for s in _samples(page, op, observer, diags)]
    infer_open_enums(drafts, observer, diags)
    check_references(drafts, diags)
    if diags.has_errors:
        return None
    types, enums = build_types(drafts, observer, kind, diags)
    title = next((p.service_title for p in pages if p.service_title), None)
    return Spec(
        service=service,
        title=title,
        kind=kind,
        json_style="servicestack" if kind == "servicestack" else "jsonnet",
        types=types,
        enums=enums,
        operations=tuple(sorted(operations, key=lambda o: o.name)),
        samples=_distinct(sorted(samples, key=_sample_key)),
    )


def _merge_operations(ops: list[Operation], diags: Diagnostics) -> dict[str, Operation]:
    """Pages of one operation (its /json and /xml pages, code and tables views) → one Operation."""
    merged: dict[str, Operation] = {}
    for op in ops:
        old = merged.get(op.name)
        if old is None:
            merged[op.name] = op
            continue
        if old.response and op.response and old.response != op.response:
            diags.warning(
                str(op.sources[0]),
                f"{op.name} returns {op.response} on this page but {old.response} at "
                f"{old.sources[0]}; keeping {old.response}",
                "the pages disagree; check which one is current",
            )
        merged[op.name] = replace(
            old,
            response=old.response or op.response,
            routes=tuple(dict.fromkeys(old.routes + op.routes)),
            tags=tuple(dict.fromkeys(old.tags + op.tags)),
            description=old.description or op.description,
            sources=old.sources + op.sources,
        )
    return merged


def _distinct(samples: list[Sample]) -> tuple[Sample, ...]:
    """Samples without repeats: two pages of one operation may print the same message."""
    seen: set[tuple[str, str, str, str, str]] = set()
    out: list[Sample] = []
    for s in samples:
        key = (s.operation, s.direction, s.format, s.media_type, s.body)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return tuple(out)


def _sample_key(s: Sample) -> tuple[str, int, str, str, int]:
    return (
        s.operation,
        0 if s.direction == "request" else 1,
        s.format,
        s.source.page,
        s.source.line,
    )


def _routes(page: PageRecord) -> tuple[Route, ...]:
    routes = []
    for r in page.routes:
        verbs = (
            ()
            if r.verbs.strip().lower() == "all verbs"
            else tuple(v.strip().upper() for v in r.verbs.split(",") if v.strip())
        )
        routes.append(Route(verbs=verbs, path=r.path, summary=r.summary, notes=r.notes))
    if page.kind == "webapi" and page.method and page.path is not None:
        routes.append(Route(verbs=(page.method.upper(),), path="/" + page.path))
    return tuple(routes)


def _webapi_name(page: PageRecord) -> str:
    words = re.findall(r"[A-Za-z0-9]+", f"{page.method or ''} {(page.path or '').split('?')[0]}")
    return (
        "".join(w[:1].upper() + w[1:].lower() for w in words[:1])
        + "".join(w[:1].upper() + w[1:] for w in words[1:])
        or "Operation"
    )


def _operation(
    page: PageRecord, drafts: dict[str, DraftType], diags: Diagnostics
) -> Operation | None:
    where = f"{page.source}:{page.line}"
    source = Source(page=page.source, section="page", line=page.line)
    if page.kind == "webapi":
        name = _webapi_name(page)
        request = page.request_type or ""
        uri = next((r for r in page.types if r.source == "webapi-uri"), None)
        if request not in drafts:
            request = f"{name}Request"
            rec = replace(uri, name=request) if uri is not None else None
            draft = draft_from_record(rec, page.source, diags) if rec is not None else None
            drafts.setdefault(
                request, draft or DraftType(name=request, kind="class", sources=[source])
            )
        elif uri is not None and uri.members:
            diags.warning(
                f"{page.source}:{uri.line}",
                f"URI parameters of {name} are not part of its body model {request}; "
                "the generated client fills them only from the body model's fields",
                "name the route parameters like the model's properties",
            )
        response = page.response_type if page.response_type in drafts else None
        return Operation(
            name=name,
            request=request,
            response=response,
            routes=_routes(page),
            description=page.description,
            sources=(source,),
        )
    op_name = page.operation
    if not op_name or op_name not in drafts:
        diags.error(
            where,
            f"operation {op_name!r}: its request type is not documented on the page",
            "the page needs a DTO code block or a '<Op> Parameters:' table",
        )
        return None
    return Operation(
        name=op_name,
        request=op_name,
        response=_response(page, op_name, drafts, diags),
        routes=_routes(page),
        tags=page.tags,
        description=page.description,
        sources=(source,),
    )


def _reachable(drafts: dict[str, DraftType], start: str) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        d = drafts.get(stack.pop())
        for n in referenced_names(d) if d else []:
            if n not in seen:
                seen.add(n)
                stack.append(n)
    return seen


def _response(
    page: PageRecord, op: str, drafts: dict[str, DraftType], diags: Diagnostics
) -> str | None:
    """IReturn<T> marker, then the {Op}Response convention, then what the sample shows.

    A generic response keeps its arguments: ``QueryResponse<Booking>``.
    """
    returned = return_type(drafts[op]) or inherited_return(drafts, op)
    if returned is not None and returned.name in drafts:
        return str(returned)
    if f"{op}Response" in drafts:
        return f"{op}Response"
    sample = next((s for s in page.samples if s.direction == "response" and s.body), None)
    if sample is None or sample.body is None:
        return None
    root, keys = sample_shape(sample.body)
    if root is not None and (root in drafts or add_builtin(drafts, root)):
        return root
    if keys:
        found = _by_keys(page, op, drafts, {norm(k) for k in keys})
        if found is not None:
            diags.info(
                f"{page.source}:{sample.start_line}",
                f"response type of {op} taken to be "
                f"{found}: its members match the response sample",
            )
            return found
    diags.warning(
        f"{page.source}:{sample.start_line}",
        f"cannot tell which type the response " f"sample of {op} shows",
        "document the response type (IReturn<T>) on the page",
    )
    return None


def _by_keys(page: PageRecord, op: str, drafts: dict[str, DraftType], keys: set[str]) -> str | None:
    """The page type whose members best match a sample's keys, else the built-in that fits."""
    own = {t.name for t in page.types} - _reachable(drafts, op)
    scored = sorted(
        ((len(keys & {norm(f.name) for f in drafts[n].fields}), n) for n in own if n in drafts),
        reverse=True,
    )
    if scored and scored[0][0] > 0:
        return scored[0][1]
    builtin = builtin_for_keys(keys)
    if builtin is not None and (builtin in drafts or add_builtin(drafts, builtin)):
        return builtin
    return None


def _samples(
    page: PageRecord, op: Operation | None, observer: Observer, diags: Diagnostics
) -> list[Sample]:
    out: list[Sample] = []
    if op is None:
        return out
    for rec in page.samples:
        fmt = _format(rec)
        type_name = op.request if rec.direction == "request" else op.response
        if rec.body is None or fmt is None or type_name is None:
            continue
        source = Source(
            page=page.source, section=f"sample:{rec.direction}:{fmt}", line=rec.body_line
        )
        parsed = _parse(fmt, rec, page.source, diags)
        if parsed is None:
            continue
        observer.observe(fmt, type_name, parsed, source)
        direction: Literal["request", "response"] = rec.direction
        out.append(
            Sample(
                operation=op.name,
                direction=direction,
                format=fmt,
                media_type=rec.media_type,
                body=rec.body,
                source=source,
            )
        )
    return out


def _format(rec: SampleRecord) -> WireFormat | None:
    fmt = _FORMATS.get(rec.media_type.split(";")[0].strip().lower())
    if fmt == "xml" and rec.body is not None:
        fmt = soap_version(rec.body) or fmt  # SOAP pages: the envelope around DCS XML
    if fmt == "csv" and rec.body is not None and rec.body.lstrip().startswith("{"):
        return "json"  # current ServiceStack CSV pages print JSON (reference §1.7)
    return fmt


def _parse(fmt: WireFormat, rec: SampleRecord, page: str, diags: Diagnostics) -> Any:
    assert rec.body is not None
    return parse_sample(fmt, rec.body, (page, rec.body_line), diags)
