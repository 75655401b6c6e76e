"""Whole ServiceStack DTO files (``/types/{lang}`` output) as pages.

A DTO file is recognized by its extension (``.cs .vb .py .ts .d.ts .fs .java .kt .swift
.dart .mjs .js``) or, whatever its name, by the ``Options:`` header comment ServiceStack
puts at the top of every ``/types/{lang}`` file (``/* Options:``, ``' Options:``,
``\"\"\" Options:``, ``(* Options:``). Such a page documents types only: it becomes a
:class:`~generator.scrape.records.PageRecord` with ``operation=None`` whose code block is
the whole file; operations are derived from the request DTOs by the mapper
(:mod:`generator.mapper.operations`).
"""

from __future__ import annotations

import re

from generator.scrape.code import LANGUAGES
from generator.scrape.records import CodeBlockRecord, PageRecord
from generator.scrape.suffixes import EXTENSIONS

_HEADER = re.compile(r"^(/\*|'|\"\"\"|\(\*)\s*Options:", re.MULTILINE)
#: For C-style headers: the first matching body marker names the language.
_BODY_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dart", re.compile(r"^import\s+'package:|^\s*TypeContext\??\s+\w+", re.MULTILINE)),
    ("swift", re.compile(r"^import\s+(?:Foundation|ServiceStack)\s*$|^SwiftVersion:", re.M)),
    ("javascript", re.compile(r"^\"use strict\";|/\*\*\s*@type\s*\{|^export\s+var\s", re.M)),
    ("csharp", re.compile(r"^\s*using\s+[\w.]+\s*;|^\s*namespace\s+[\w.]+\s*$", re.MULTILINE)),
    ("java", re.compile(r"^(?:package|import)\s+[\w.*]+\s*;|^public\s+class\s+\w+", re.M)),
    ("kotlin", re.compile(r"^(?:package|import)\s+[\w.*]+\s*$|^open\s+class\s", re.MULTILINE)),
    ("typescript", re.compile(r"^\s*export\s+(?:class|interface|enum|type)\s", re.MULTILINE)),
)


def dto_file_language(source: str, text: str) -> str | None:
    """The language key of a whole DTO file, or None when ``source``/``text`` is not one."""
    name = source.lower()
    for suffix, key in EXTENSIONS.items():
        if name.endswith(suffix):
            return key
    head = text.lstrip("\ufeff \t\r\n")
    m = _HEADER.match(head)
    if m is None:
        return None
    opener = m.group(1)
    if opener == "'":
        return "vbnet"
    if opener == '"""':
        return "python"
    if opener == "(*":
        return "fsharp"
    for key, marker in _BODY_MARKERS:
        if marker.search(head):
            return key
    return None


def dto_file_page(source: str, text: str, language: str) -> PageRecord:
    """A types-only page whose code block is the whole file (line 1 = the file's line 1)."""
    label = LANGUAGES[language][0]
    return PageRecord(
        source=source,
        kind="servicestack",
        operation=None,
        code=CodeBlockRecord(language=label, text=text, line=1),
    )
