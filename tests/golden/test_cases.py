"""One small case per type family and DTO language: page (or spec) → IR → generated code.

Each ``cases/<case>/`` holds the input (``page*.txt`` saved operation pages, or a
hand-written ``spec.json``), the expected IR (``expected.spec.json``, for page inputs), the
expected diagnostics (``expected.diagnostics.txt``) and the expected module
(``expected.dtos.py``). The generated package is also imported and a default instance of
every DTO class must round-trip through JSON, XML, JSV, SOAP, CSV and query strings.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.diagnostics import Diagnostics
from generator.ir import Spec
from generator.ir_io import dumps_spec, loads_spec
from generator.mapper import build_spec
from generator.render import render_module
from generator.scrape import parse_page_text
from generator.verify import verify_spec
from generator.views import build_module_view

CASES = Path(__file__).resolve().parent / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def _spec(case: Path, diags: Diagnostics) -> tuple[Spec, str | None]:
    if (case / "spec.json").is_file():
        return loads_spec((case / "spec.json").read_text("utf-8"), "spec.json"), None
    records = []
    for page in sorted(case.glob("page*.txt")):
        record = parse_page_text(page.name, page.read_text("utf-8"), diags)
        assert record is not None, [d.render() for d in diags.items]
        records.append(record)
    spec = build_spec(case.name, records, diags)
    assert spec is not None, [d.render() for d in diags.items]
    return spec, dumps_spec(spec)


def _check(path: Path, actual: str, update: bool) -> None:
    if update:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"{path} is missing; run 'make golden' and review it"
    assert actual == path.read_text("utf-8"), f"{path} differs; run 'make golden' and review"


def _import(folder: Path, files: dict[str, str], name: str) -> ModuleType:
    package = folder / name
    package.mkdir()
    for rel, text in files.items():
        (package / rel).write_text(text, encoding="utf-8")
    module_name = f"_dtogen_golden_{name}"
    spec = importlib.util.spec_from_file_location(
        module_name, package / "__init__.py", submodule_search_locations=[str(package)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def _round_trips(cls: Any, single_record_csv: bool) -> None:
    obj = cls()
    assert cls.from_json(obj.to_json()) == obj
    assert cls.from_xml(obj.to_xml(indent=True)) == obj
    assert cls.from_jsv(obj.to_jsv(pretty=True)) == obj
    assert cls.from_soap(obj.to_soap(11)) == obj
    assert cls.from_query(obj.to_query()) == obj
    if single_record_csv:
        assert cls.from_csv(obj.to_csv()) == obj


@pytest.mark.parametrize("case", CASE_NAMES)
def test_golden_case(case: str, update_golden: bool, tmp_path: Path) -> None:
    folder = CASES / case
    diags = Diagnostics()
    spec, spec_text = _spec(folder, diags)
    if spec_text is not None:
        _check(folder / "expected.spec.json", spec_text, update_golden)
    _check(
        folder / "expected.diagnostics.txt",
        "".join(d.render() + "\n" for d in diags.items),
        update_golden,
    )
    view = build_module_view(spec, Diagnostics())
    files = render_module(view)
    _check(folder / "expected.dtos.py", files["dtos.py"], update_golden)
    module = _import(tmp_path, files, case)
    try:
        assert all(check.ok for check in verify_spec(spec, module))
        for _, class_name in view.dto_classes:
            cls = getattr(module, class_name)
            _round_trips(cls, cls.to_csv is module._text.Dto.to_csv)
    finally:
        for key in [k for k in sys.modules if k.startswith(f"_dtogen_golden_{case}")]:
            del sys.modules[key]


def test_golden_packages_type_check_strictly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mypy import api as mypy_api

    for case in CASE_NAMES:
        spec, _ = _spec(CASES / case, Diagnostics())
        package = tmp_path / case
        package.mkdir()
        for rel, text in render_module(build_module_view(spec, Diagnostics())).items():
            (package / rel).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["--strict", "--python-version", "3.11", "--cache-dir", str(tmp_path / ".mypy")]
    out, err, status = mypy_api.run(args + [a for c in CASE_NAMES for a in ("-p", c)])
    assert status == 0, out + err
