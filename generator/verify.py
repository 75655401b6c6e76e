"""Golden verification whose oracle is the documentation.

For every documented sample: decode it with the generated DTO, encode it again and
compare with the page — JSON and JSV as ordered parsed values, XML and SOAP envelopes as
namespace-aware trees (whitespace between elements ignored), CSV as rows of parsed JSV
cells. JSV is re-encoded in the pages' pretty form, so a byte-identical result is
reported. Where one operation documents the same message in several formats, all must
decode to equal objects (``json≡xml``, ``xml≡jsv``, …).
"""

from __future__ import annotations

import importlib.util
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from generator.diagnostics import Diagnostics
from generator.ir import Sample, Spec
from generator.views import build_module_view

#: The format other formats of one message are compared with, in order of preference.
_REFERENCE_ORDER = ("json", "xml", "jsv", "soap11", "soap12", "csv")


@dataclass(frozen=True, slots=True)
class Check:
    """One verification: a sample round trip or a JSON≡XML equality."""

    service: str
    name: str  # e.g. "GetAccessToken response xml"
    where: str  # page:line
    ok: bool
    detail: str = ""
    exact: bool = False  # re-encoded text equals the page text byte for byte


@contextmanager
def _imported(out_dir: Path, service: str) -> Iterator[ModuleType]:
    """Import ``generated/<service>`` under a private name (no sys.path changes)."""
    name = f"_dtogen_verify_{service}"
    init = out_dir / service / "__init__.py"
    spec = importlib.util.spec_from_file_location(
        name, init, submodule_search_locations=[str(init.parent)]
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {init}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
            del sys.modules[key]


def _pairs(text: str) -> Any:
    return json.loads(text, object_pairs_hook=list)


def xml_difference(a: ET.Element, b: ET.Element, path: str = "") -> str | None:
    """The first difference between two XML trees, or None when they are equal."""
    here = f"{path}/{a.tag}"
    if a.tag != b.tag:
        return f"{path}: element {a.tag} != {b.tag}"
    if dict(a.attrib) != dict(b.attrib):
        return f"{here}: attributes {dict(a.attrib)} != {dict(b.attrib)}"
    if (a.text or "").strip() != (b.text or "").strip():
        return f"{here}: text {(a.text or '').strip()!r} != {(b.text or '').strip()!r}"
    if len(a) != len(b):
        return f"{here}: {len(a)} children != {len(b)}"
    for ca, cb in zip(a, b, strict=True):
        diff = xml_difference(ca, cb, here)
        if diff:
            return diff
    return None


def _first_json_difference(a: Any, b: Any, path: str = "$") -> str:
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, list) and a and isinstance(a[0], tuple):
        keys_a, keys_b = [k for k, _ in a], [k for k, _ in b]
        if keys_a != keys_b:
            return f"{path}: members {keys_a} != {keys_b}"
        for (k, va), (_, vb) in zip(a, b, strict=True):
            if va != vb:
                return _first_json_difference(va, vb, f"{path}.{k}")
    return f"{path}: {a!r} != {b!r}"


def _ordered(value: Any) -> Any:
    """A parsed JSV value with maps as ordered (key, value) pairs."""
    if isinstance(value, dict):
        return [(k, _ordered(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def _csv_cells(text_module: Any, body: str) -> list[list[Any]]:
    rows: list[list[Any]] = text_module.csv_loads(body)
    head, records = rows[:1], rows[1:]
    return head + [[_ordered(text_module.jsv_loads(c)) if c else "" for c in r] for r in records]


def _same(a: Any, b: Any) -> tuple[bool, str]:
    return (True, "") if a == b else (False, _first_json_difference(a, b))


def _roundtrip(cls: Any, sample: Sample, text_module: Any) -> tuple[bool, str, bool, Any]:
    body = sample.body
    page = body.strip().replace("\r\n", "\n")
    try:
        if sample.format == "json":
            obj = cls.from_json(body)
            again = obj.to_json()
            same, detail = _same(_pairs(body), _pairs(again))
            return same, detail, again == body.strip(), obj
        if sample.format == "jsv":
            obj = cls.from_jsv(body)
            again = obj.to_jsv(pretty=True)
            loads = text_module.jsv_loads
            same, detail = _same(_ordered(loads(body)), _ordered(loads(again)))
            return same, detail, again == page, obj
        if sample.format == "csv":
            obj = cls.from_csv(body)
            again = obj.to_csv()
            same, detail = _same(_csv_cells(text_module, body), _csv_cells(text_module, again))
            return same, detail, again.replace("\r\n", "\n").strip() == page, obj
        if sample.format in ("soap11", "soap12"):
            obj = cls.from_soap(body)
            again = obj.to_soap(11 if sample.format == "soap11" else 12)
        else:
            obj = cls.from_xml(body)
            again = obj.to_xml(indent=True)
        diff = xml_difference(
            ET.fromstring(body.encode("utf-8")), ET.fromstring(again.encode("utf-8"))
        )
        return diff is None, diff or "", again == page, obj
    except Exception as exc:  # the verdict must name any failure, whatever its kind
        return False, f"{type(exc).__name__}: {exc}", False, None


def verify_spec(spec: Spec, module: ModuleType) -> list[Check]:
    """Round-trip every sample of one spec through its imported package."""
    checks: list[Check] = []
    decoded: dict[tuple[str, str], dict[str, Any]] = {}
    ops = {op.name: op for op in spec.operations}
    view = build_module_view(spec, Diagnostics())
    text_module = getattr(module, "_text", None)
    for sample in spec.samples:
        op = ops[sample.operation]
        type_name = op.request if sample.direction == "request" else op.response
        label = f"{sample.operation} {sample.direction} {sample.format}"
        where = f"{sample.source.page}:{sample.source.line}"
        cls = getattr(module, view.class_for(type_name or "") or "", None)
        if cls is None:
            checks.append(Check(spec.service, label, where, False, f"no DTO named {type_name}"))
            continue
        ok, detail, exact, obj = _roundtrip(cls, sample, text_module)
        checks.append(Check(spec.service, label, where, ok, detail, exact))
        if ok:
            decoded.setdefault((sample.operation, sample.direction), {})[sample.format] = obj
    for (op_name, direction), objs in sorted(decoded.items()):
        formats = sorted(objs, key=_REFERENCE_ORDER.index)
        ref = formats[0]
        for fmt in formats[1:]:
            same = objs[ref] == objs[fmt]
            detail = "" if same else f"{ref} decodes to {objs[ref]!r}, {fmt} to {objs[fmt]!r}"
            checks.append(
                Check(spec.service, f"{op_name} {direction} {ref}≡{fmt}", "", same, detail)
            )
    return checks


def verify(specs: list[Spec], out_dir: Path) -> list[Check]:
    """Verify every spec against its generated package in ``out_dir``."""
    checks: list[Check] = []
    for spec in specs:
        try:
            with _imported(out_dir, spec.service) as module:
                checks.extend(verify_spec(spec, module))
        except Exception as exc:  # an unimportable package fails verification, with the reason
            checks.append(
                Check(
                    spec.service,
                    "import",
                    str(out_dir / spec.service),
                    False,
                    f"{type(exc).__name__}: {exc}",
                )
            )
    return checks
