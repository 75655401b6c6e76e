"""Page records ⇄ JSON (the parse cache's form): exact round trips, strict reading."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Diagnostics
from generator.scrape import decode_page, page_files, parse_page_text
from generator.scrape.record_json import page_from_json, page_to_json
from generator.scrape.records import (
    AttributeRecord,
    CodeBlockRecord,
    MemberRecord,
    PageRecord,
    TypeRecord,
)

from ..conftest import ROOT, SPECS

FOLDERS = sorted(
    [p for p in (SPECS / "pages").iterdir() if p.is_dir()]
    + [p for p in (ROOT / "tests" / "workflow" / "pages").iterdir() if p.is_dir()]
)


def _pages(folder: Path) -> list[PageRecord]:
    diags = Diagnostics()
    pages = []
    for path in page_files(folder):
        text = decode_page(path.read_bytes(), path.name, diags)
        assert text is not None
        page = parse_page_text(f"pages/{folder.name}/{path.name}", text, diags)
        if page is not None:
            pages.append(page)
    assert pages and not diags.has_errors
    return pages


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_every_example_page_survives_the_round_trip(folder: Path) -> None:
    for page in _pages(folder):
        text = json.dumps(page_to_json(page))
        assert page_from_json(json.loads(text)) == page


SMALL = PageRecord(
    source="pages/x/Op.txt",
    kind="servicestack",
    operation="Op",
    tags=("a", "b"),
    code=CodeBlockRecord(language="C#", text="class Op {}", line=3),
    types=(
        TypeRecord(
            name="Op",
            source="code:csharp",
            line=4,
            members=(
                MemberRecord(
                    name="Id",
                    type_text="int",
                    line=5,
                    required=True,
                    order=2,
                    attributes=(AttributeRecord(name="DataMember", named=(("Order", "2"),)),),
                ),
            ),
        ),
    ),
)


def test_the_form_is_positional_and_small() -> None:
    data = page_to_json(SMALL)
    assert data[:3] == ["pages/x/Op.txt", "servicestack", "Op"]
    assert data[6] is None and data[7] == ["a", "b"]
    member = data[13][0][9][0]
    assert member[:6] == ["Id", "int", 5, None, True, None]
    assert member[9][0] == ["DataMember", [], [["Order", "2"]], 0]
    assert page_from_json(data) == SMALL


def _at(data: Any, path: tuple[int, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(data))
    target = copy
    for i in path[:-1]:
        target = target[i]
    target[path[-1]] = value
    return copy


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ((1,), "other"),  # not a page kind
        ((0,), 5),  # an int for a str
        ((3,), True),  # a bool for an int (line)
        ((3,), 1.0),  # a float for an int
        ((0,), None),  # None for a required str
        ((7,), "ab"),  # a str for a tuple of str
        ((7, 0), 1),  # a wrong item type
        ((12, 2), "3"),  # a str for the code block's line
        ((13, 0, 9, 0, 4), "yes"),  # a str for bool | None (required)
        ((13, 0, 9, 0, 9, 0, 2, 0), ["Order"]),  # a pair with one item
        ((13, 0, 3), "struct"),  # not a type kind
    ],
)
def test_reading_is_strict(path: tuple[int, ...], value: Any) -> None:
    with pytest.raises(ValueError):
        page_from_json(_at(page_to_json(SMALL), path, value))


@pytest.mark.parametrize("data", [None, {}, "page", [], page_to_json(SMALL)[:-1]])
def test_what_is_not_a_record_is_refused(data: Any) -> None:
    with pytest.raises(ValueError):
        page_from_json(data)
