"""Hostile text in a spec never becomes code: names are sanitised, text is escaped, imports run nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import api
from generator.config import Config
from generator.diagnostics import Diagnostics, GeneratorError
from generator.ir import EnumDef, EnumMember, Field, Layout, Operation, Spec, TypeDef, WireMember
from generator.ir_io import dumps_spec
from generator.safety import check_generated_module
from generator.typeref import TypeRef
from generator.xmlnames import encode_local_name

CANARY = "__import__('pathlib').Path('CANARY').touch()"
DESCRIPTIONS = [
    f'"""; {CANARY}; """',
    f"'''; {CANARY}; '''",
    f'\\"""\n{CANARY}\n',
    "back\\slash at end\\",
    f"carriage\rreturn\r{CANARY}",
    f"nul\x00byte {CANARY}",
    f"line\u2028sep\u2029{CANARY}",
    f"form\x0cfeed\x0b{CANARY}",
    f"# comment\n{CANARY}",
    "x" * 10_000,
]
NAMES = [
    "async", "await", "match", "case", "type", "_", "class", "None", "True", "str", "int",
    "__init__", "__class__", "__dict__", "1st", "Ñame", "名前", "", "x" * 500, "to_json",
    "from_xml", "Foo_Bar", "FooBar", "foo bar", "a-b", "a.b", "../etc/passwd", "a\nb",
    f"x'); {CANARY}; ('",
]  # fmt: skip
TYPE_NAMES = ["Evil_x002E__x002F_", "Any", "class", "Dto", "", "x" * 300, "Évil", "名前"]


def _layout(type_name: str, fields: list[str], xml: bool = False) -> Layout:
    return Layout(
        members=tuple(
            WireMember(field=f, declared_in=type_name, wire_name=encode_local_name(f) if xml else f)
            for f in fields
        ),
        evidence="rule",
    )


def _spec() -> Spec:
    types = []
    for i, tname in enumerate(TYPE_NAMES):
        name = tname or f"T{i}"
        fields = [n for n in NAMES if n]
        types.append(
            TypeDef(
                name=name,
                xml_namespace=f"urn:evil:{i}?q='\"<&>",
                description=DESCRIPTIONS[i % len(DESCRIPTIONS)],
                fields=tuple(
                    Field(
                        name=f,
                        type=TypeRef("string"),
                        description=DESCRIPTIONS[j % len(DESCRIPTIONS)],
                    )
                    for j, f in enumerate(fields)
                ),
                json=_layout(name, fields),
                xml=_layout(name, fields, xml=True),
            )
        )
    enum = EnumDef(
        name="Evil Enum",
        xml_namespace="urn:e",
        description=DESCRIPTIONS[0],
        members=tuple(EnumMember(name=n or "empty", wire=n or "''") for n in NAMES),
    )
    return Spec(
        service="hostile",
        title=f"Evil\n{CANARY}",
        kind="servicestack",
        json_style="servicestack",
        types=tuple(types),
        enums=(enum,),
        operations=(Operation(name="Op", request=types[0].name, response=None),),
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "specs").mkdir()
    (root / "specs" / "hostile.json").write_text(dumps_spec(_spec()))
    api.generate(Config(specs_dir=root / "specs", out_dir=root / "generated"), Diagnostics())
    return root


def test_every_module_holds_only_generated_statement_kinds(generated: Path) -> None:
    modules = sorted((generated / "generated" / "hostile").glob("*.py"))
    assert {p.name for p in modules} >= {"__init__.py", "dtos.py"}
    for path in modules:
        if path.name.startswith("_"):
            continue
        check_generated_module(path.read_text(), str(path))
        compile(path.read_text(), str(path), "exec")


def test_importing_runs_nothing_from_the_page_and_codecs_work(generated: Path) -> None:
    code = """
import json, sys
sys.path.insert(0, sys.argv[1])
import hostile
cls = getattr(hostile, hostile.__all__[-1])
import dataclasses
names = [f.name for f in dataclasses.fields(cls)]
obj = cls(**{n: "v" for n in names})
again = cls.from_json(obj.to_json())
assert again == obj, (again, obj)
assert cls.from_xml(obj.to_xml()) == obj
print(len(names), len(set(names)))
"""
    out = subprocess.run(
        [sys.executable, "-S", "-I", "-c", code, str(generated / "generated")],
        cwd=generated,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    count, distinct = map(int, out.stdout.split())
    assert count == distinct == len([n for n in NAMES if n])
    assert not (generated / "CANARY").exists()


def test_wire_names_and_descriptions_survive_verbatim(generated: Path) -> None:
    spec = json.loads((generated / "specs" / "hostile.json").read_text())
    text = (generated / "generated" / "hostile" / "dtos.py").read_text()
    assert spec["types"][0]["fields"][0]["name"] == "async"
    assert "async_: str | None = None" in text
    assert '"async"' in text  # the wire name is a literal


def test_a_name_too_long_for_the_spec_is_a_clear_error(tmp_path: Path) -> None:
    spec = json.loads(dumps_spec(_spec()))
    spec["types"][0]["fields"][0]["name"] = "x" * 10_000
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "hostile.json").write_text(json.dumps(spec))
    with pytest.raises(GeneratorError) as err:
        api.generate(Config(specs_dir=tmp_path / "specs", out_dir=tmp_path / "out"), Diagnostics())
    (diag,) = err.value.diagnostics
    assert diag.where.endswith("hostile.json: $.types[0].fields[0].name")
    assert "is too long" in diag.message and len(diag.message) < 300
    assert not (tmp_path / "out").exists()


def test_namespace_with_control_characters_is_refused(tmp_path: Path) -> None:
    spec = json.loads(dumps_spec(_spec()))
    spec["types"][2]["xml_namespace"] = "urn:a\x00b"
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "hostile.json").write_text(json.dumps(spec))
    with pytest.raises(GeneratorError) as err:
        api.generate(Config(specs_dir=tmp_path / "specs", out_dir=tmp_path / "out"), Diagnostics())
    assert err.value.diagnostics[0].where.endswith("$.types[2].xml_namespace")


@pytest.mark.parametrize("bad", ["../../evil", "a b", "1st", "a:b", "<x>"])
def test_invalid_xml_names_in_a_spec_are_refused(tmp_path: Path, bad: str) -> None:
    spec = json.loads(dumps_spec(_spec()))
    spec["types"][1]["xml"]["members"][0]["wire_name"] = bad
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "hostile.json").write_text(json.dumps(spec))
    with pytest.raises(GeneratorError) as err:
        api.generate(Config(specs_dir=tmp_path / "specs", out_dir=tmp_path / "out"), Diagnostics())
    (diag,) = err.value.diagnostics
    assert diag.where.endswith("$.types[1].xml.members[0].wire_name")
    assert "not a valid XML element name" in diag.message
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("name", "encoded"),
    [("foo bar", "foo_x0020_bar"), ("1st", "_x0031_st"), ("a:b", "a_x003A_b"), ("ok_x0041_", "ok_x005F_x0041_"),
     ("Ñame", "Ñame")],
)  # fmt: skip
def test_encode_local_name(name: str, encoded: str) -> None:
    assert encode_local_name(name) == encoded


def test_member_documented_twice_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    page = (
        Path(__file__).resolve().parents[2] / "specs/pages/webapi_auth/POST-api-v1-auth-token.txt"
    ).read_text()
    row = "| client_id | string |\nNone. |\n|\n"
    assert row in page
    (tmp_path / "specs/pages/svc").mkdir(parents=True)
    (tmp_path / "specs/pages/svc/p.txt").write_text(page.replace(row, row + row))
    diags = Diagnostics()
    api.scrape([], "svc", Config(specs_dir=tmp_path / "specs"), diags)
    assert any("TokenRequest.client_id is documented twice" in d.message for d in diags)


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (
            lambda s: s["types"][0]["fields"][0].update(type="List<Missing>"),
            "$.types[0].fields[0].type",
        ),
        (lambda s: s["types"][0].update(base="Base<Missing>"), "$.types[0].base"),
        (lambda s: s["enums"][0].update(members=[]), "$.enums[0].members"),
    ],
)
def test_inconsistent_spec_is_refused_with_a_path(tmp_path: Path, edit: Any, path: str) -> None:
    spec = json.loads(dumps_spec(_spec()))
    edit(spec)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "hostile.json").write_text(json.dumps(spec))
    with pytest.raises(GeneratorError) as err:
        api.generate(Config(specs_dir=tmp_path / "specs", out_dir=tmp_path / "out"), Diagnostics())
    assert any(d.where.endswith(path) for d in err.value.diagnostics)
    assert not (tmp_path / "out").exists()
