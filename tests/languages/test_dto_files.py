"""Whole DTO files as pages: detection by extension or ``Options:`` header, dispatch."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics
from generator.scrape import page_files, parse_page_text
from generator.scrape.code.files import dto_file_language
from generator.scrape.records import CodeBlockRecord, MemberRecord, PageRecord, TypeRecord

HEADER = "/* Options:\nDate: 2024-05-01 10:00:00\nVersion: 8.22\n*/\n\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("dtos.cs", "csharp"),
        ("dtos.VB", "vbnet"),
        ("dtos.py", "python"),
        ("dtos.d.ts", "typescript"),
        ("dtos.fs", "fsharp"),
        ("dtos.java", "java"),
        ("dtos.kt", "kotlin"),
        ("dtos.swift", "swift"),
        ("dtos.dart", "dart"),
        ("dtos.mjs", "javascript"),
        ("dtos.js", "javascript"),
        ("GetThing.txt", None),
    ],
)
def test_language_by_extension(source: str, expected: str | None) -> None:
    assert dto_file_language(source, "") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEADER + "using System;\nnamespace MyApp\n{\n}\n", "csharp"),
        ("' Options:\n'Date: x\n\nImports ServiceStack\n", "vbnet"),
        ('""" Options:\nDate: x\n"""\n\nimport datetime\n', "python"),
        ("(* Options:\nDate: x\n*)\n\nnamespace MyApp\n", "fsharp"),
        (HEADER + "package org.example;\n\npublic class dtos\n{\n}\n", "java"),
        (HEADER + "package org.example\n\nimport java.util.*\n", "kotlin"),
        (HEADER + "import Foundation\nimport ServiceStack\n", "swift"),
        (HEADER + "import 'package:servicestack/servicestack.dart';\n", "dart"),
        (HEADER + '"use strict";\nexport class A {\n}\n', "javascript"),
        (HEADER + "export class A\n{\n    public x: string;\n}\n", "typescript"),
        ("\ufeff  " + HEADER + "export interface IA {}\n", "typescript"),
        (HEADER + "nothing recognizable\n", None),
        ("GetThing\n/* Options:\n", None),
    ],
)
def test_language_by_header(text: str, expected: str | None) -> None:
    assert dto_file_language("saved.txt", text) == expected


def test_a_dto_file_is_a_types_only_page() -> None:
    diags = Diagnostics()
    text = HEADER + "export class Hello\n{\n    public name: string;\n}\n"
    page = parse_page_text("dtos.txt", text, diags)
    assert page == PageRecord(
        source="dtos.txt",
        kind="servicestack",
        operation=None,
        code=CodeBlockRecord(language="TypeScript", text=text, line=1),
        types=(
            TypeRecord(
                name="Hello",
                source="code:typescript",
                line=6,
                members=(MemberRecord(name="name", type_text="string", line=8),),
            ),
        ),
    )
    assert list(diags) == []


def test_page_files_include_dto_files_and_metadata_json(tmp_path: Path) -> None:
    for name in ("b.cs", "a.txt", "c.kt", "d.json", "e.png", "f.d.ts", "g.mjs"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in page_files(tmp_path)] == [
        "a.txt",
        "b.cs",
        "c.kt",
        "d.json",
        "f.d.ts",
        "g.mjs",
    ]
