"""Records → IR: fuse the evidence of every page of one service into a :class:`Spec`.

Order of work (each step documented in its module):
1. drafts from code blocks and tables, merged by type name (:mod:`.drafts`);
2. enums from "Allowable Values", built-in types from the catalogue;
3. operations: request/response types and routes, per page;
4. samples parsed and walked along the types (:mod:`.observe`): wire names, order,
   XML namespaces, undocumented enums;
5. frozen types with per-format layouts (:mod:`.assemble`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
    apply_catalogue,
    draft_from_record,
    enums_from_allowable_values,
    infer_table_bases,
    merge_into,
    norm,
    referenced_names,
)
from generator.mapper.observe import Observer, parse_json_sample, parse_xml_sample
from generator.scrape.records import PageRecord, SampleRecord

_FORMATS: dict[str, WireFormat] = {
    "application/xml": "xml",
    "text/xml": "xml",
    "application/json": "json",
    "text/json": "json",
    "text/jsv": "jsv",
    "text/csv": "csv",
}
_RETURN = re.compile(r"^IReturn\s*(?:<|\[|\(Of\s+)\s*['\"]?([A-Za-z_][\w.]*)")


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
    pairs = [(page, _operation(page, drafts, diags)) for page in pages]
    operations = [op for _, op in pairs if op is not None]
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
        samples=tuple(sorted(samples, key=_sample_key)),
    )


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
        if request not in drafts:
            request = f"{name}Request"
            drafts.setdefault(request, DraftType(name=request, kind="class", sources=[source]))
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
    """IReturn<T> marker, then the {Op}Response convention, then what the sample shows."""
    for iface in drafts[op].interfaces:
        m = _RETURN.match(iface)
        if m and m.group(1) in drafts:
            return m.group(1)
    if f"{op}Response" in drafts:
        return f"{op}Response"
    sample = next((s for s in page.samples if s.direction == "response" and s.body), None)
    if sample is None or sample.body is None:
        return None
    body = sample.body.lstrip()
    if body.startswith("<"):
        root = re.match(r"<([A-Za-z_][\w.]*)", body)
        if root and root.group(1) in drafts:
            return root.group(1)
    if body.startswith("{"):
        keys = {norm(k) for k in re.findall(r'"([^"\\]+)"\s*:', body)}
        own = {t.name for t in page.types} - _reachable(drafts, op)
        scored = sorted(
            ((len(keys & {norm(f.name) for f in drafts[n].fields}), n) for n in own if n in drafts),
            reverse=True,
        )
        if scored and scored[0][0] > 0:
            diags.info(
                f"{page.source}:{sample.start_line}",
                f"response type of {op} taken to be "
                f"{scored[0][1]}: its members match the response sample",
            )
            return scored[0][1]
    diags.warning(
        f"{page.source}:{sample.start_line}",
        f"cannot tell which type the response " f"sample of {op} shows",
        "document the response type (IReturn<T>) on the page",
    )
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
        if fmt == "xml":
            observer.xml_root(type_name, parsed, source)
        else:
            observer.json_root(type_name, parsed, source)
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
    if fmt == "csv" and rec.body is not None and rec.body.lstrip().startswith("{"):
        return "json"  # current ServiceStack CSV pages print JSON (reference §1.7)
    return fmt


def _parse(fmt: WireFormat, rec: SampleRecord, page: str, diags: Diagnostics) -> Any:
    assert rec.body is not None
    if fmt == "xml":
        return parse_xml_sample(rec.body, (page, rec.body_line), diags)
    if fmt == "json":
        return parse_json_sample(rec.body, (page, rec.body_line), diags)
    diags.info(
        f"{page}:{rec.start_line}",
        f"{fmt.upper()} samples are kept but not yet " "used as layout evidence",
    )
    return None
