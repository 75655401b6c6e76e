"""Shared helpers for the DTO code-block parser tests."""

from __future__ import annotations

import re
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.scrape.code import parse_code
from generator.scrape.records import AttributeRecord, MemberRecord, TypeRecord

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
_ROUTE = re.compile(r"^(All Verbs|[A-Z]+(,[A-Z]+)*)/")
_FOOTER = re.compile(r"^(.+) (\w+) DTOs$")


def attr(name: str, line: int, *args: str, **named: str) -> AttributeRecord:
    """An expected attribute record (named arguments in keyword order)."""
    return AttributeRecord(name=name, args=args, named=tuple(named.items()), line=line)


def page_block(relpath: str) -> tuple[str, str, int]:
    """Slice an example page's code block: (language label, code text, first page line)."""
    lines = (ROOT / relpath).read_text(encoding="utf-8").split("\n")
    header = next(i for i, ln in enumerate(lines) if ln.startswith("The following routes"))
    start = header + 1
    while _ROUTE.match(lines[start]):
        start += 1
    end = next(j for j in range(start, len(lines)) if _FOOTER.match(lines[j]))
    label = lines[end].rsplit(" ", 2)[0]
    return label, "\n".join(lines[start:end]), start + 1


def parse_fixture(
    language: str, name: str, first_line: int = 1
) -> tuple[tuple[TypeRecord, ...], Diagnostics]:
    """Parse a fixture file and return the records and diagnostics."""
    diags = Diagnostics()
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return parse_code(language, text, first_line, name, diags), diags


def levels(diags: Diagnostics) -> list[tuple[str, str]]:
    """(level, where) of every diagnostic, in order."""
    return [(d.level, d.where) for d in diags]


def m(name: str, type_text: str, line: int, **kw: object) -> MemberRecord:
    """Shorthand for an expected member record."""
    return MemberRecord(name=name, type_text=type_text, line=line, **kw)  # type: ignore[arg-type]
