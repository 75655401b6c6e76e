"""Golden verification whose oracle is the documentation.

For every documented sample: decode it with the generated DTO, encode it again and
compare with the page — JSON as ordered parsed values, XML as namespace-aware trees
(whitespace between elements ignored). Where one operation documents the same message
in JSON and XML, both must decode to equal objects.
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
from generator.naming import assign_names


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


def _roundtrip(cls: Any, sample: Sample) -> tuple[bool, str, bool, Any]:
    body = sample.body
    try:
        if sample.format == "json":
            obj = cls.from_json(body)
            again = obj.to_json()
            same = _pairs(again) == _pairs(body)
            detail = "" if same else _first_json_difference(_pairs(body), _pairs(again))
            return same, detail, again == body.strip(), obj
        obj = cls.from_xml(body)
        again = obj.to_xml(indent=True)
        diff = xml_difference(ET.fromstring(body), ET.fromstring(again))
        return diff is None, diff or "", again == body.strip().replace("\r\n", "\n"), obj
    except Exception as exc:  # the verdict must name any failure, whatever its kind
        return False, f"{type(exc).__name__}: {exc}", False, None


def verify_spec(spec: Spec, module: ModuleType) -> list[Check]:
    """Round-trip every sample of one spec through its imported package."""
    checks: list[Check] = []
    decoded: dict[tuple[str, str], dict[str, Any]] = {}
    ops = {op.name: op for op in spec.operations}
    classes = assign_names(spec, Diagnostics()).classes
    for sample in spec.samples:
        op = ops[sample.operation]
        type_name = op.request if sample.direction == "request" else op.response
        label = f"{sample.operation} {sample.direction} {sample.format}"
        where = f"{sample.source.page}:{sample.source.line}"
        if sample.format not in ("json", "xml"):
            checks.append(
                Check(spec.service, label, where, False, f"{sample.format} codec not generated")
            )
            continue
        cls = getattr(module, classes.get(type_name or "", ""), None)
        if cls is None:
            checks.append(Check(spec.service, label, where, False, f"no DTO named {type_name}"))
            continue
        ok, detail, exact, obj = _roundtrip(cls, sample)
        checks.append(Check(spec.service, label, where, ok, detail, exact))
        if ok:
            decoded.setdefault((sample.operation, sample.direction), {})[sample.format] = obj
    for (op_name, direction), objs in sorted(decoded.items()):
        if "json" in objs and "xml" in objs:
            same = objs["json"] == objs["xml"]
            detail = "" if same else f"JSON decodes to {objs['json']!r}, XML to {objs['xml']!r}"
            checks.append(Check(spec.service, f"{op_name} {direction} json≡xml", "", same, detail))
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
