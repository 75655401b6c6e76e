"""Chunked, cached black formatting (generator.formatting) is byte-identical to black."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from generator import formatting, render
from generator.ir_io import read_spec
from generator.render import BLACK_MODE

from ..conftest import SPECS

TRICKY = '''"""Module docstring."""

from __future__ import annotations
import enum
X = 1



class OnlyDoc:
    """Only a docstring: black puts its blank line after it."""

class Stub: ...
def stub() -> None: ...

def after_stubs() -> int:
    return {  k: v for k, v in {}.items()}
# a comment attached to the next class

class Commented(enum.Enum):
    A = 'a'

    # trailing comment in the body

@dataclass
class Decorated:
    x: int = 1
    def method(self):
        s = """
def not_a_boundary():
    pass
"""
        return s
Y = [
    1,
]
def f(
    a,
    b
):
    pass
'''


def _raw_modules(service: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The unformatted module texts ``render`` hands to the formatter for ``service``."""
    seen: list[tuple[str, str]] = []

    def record(text: str, mode: black.Mode, where: str) -> str:
        seen.append((text, where))
        return black.format_str(text, mode=mode)

    monkeypatch.setattr(render, "format_source", record)
    render.render_spec(read_spec(SPECS / f"{service}.json", service))
    monkeypatch.undo()
    return seen


@pytest.fixture(autouse=True)
def _no_persistent_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DTOGEN_CACHE_DIR", "off")
    monkeypatch.setattr(formatting, "_MEMO", {})


@pytest.mark.parametrize("service", ["myapp", "ym_rest"])
def test_rendered_modules_format_exactly_as_black(
    service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    modules = _raw_modules(service, monkeypatch)
    assert modules
    for text, where in modules:
        chunks = formatting.split_chunks(text)
        if where.endswith("dtos.py"):
            assert chunks is not None and len(chunks) > 2
        assert chunks is None or "".join(chunks) == text
        assert formatting.format_source(text, BLACK_MODE, where) == black.format_str(
            text, mode=BLACK_MODE
        ), where


def test_tricky_module_formats_exactly_as_black() -> None:
    chunks = formatting.split_chunks(TRICKY)
    assert chunks is not None
    starts = [c.splitlines()[0] for c in chunks]
    # no cut after a comment, after a line without a blank line, or inside the string
    assert starts == [
        '"""Module docstring."""',
        "class OnlyDoc:",
        "class Stub: ...",
        "def after_stubs() -> int:",
    ]
    assert formatting.format_source(TRICKY, BLACK_MODE, "t.py") == black.format_str(
        TRICKY, mode=BLACK_MODE
    )


@pytest.mark.parametrize("marker", ["# fmt: off\n", "# yapf: disable\n", "\f\n"])
def test_directives_and_form_feeds_are_never_cut(marker: str) -> None:
    text = marker + TRICKY
    assert formatting.split_chunks(text) is None
    assert formatting.format_source(text, BLACK_MODE, "t.py") == black.format_str(
        text, mode=BLACK_MODE
    )


def test_a_cut_inside_a_string_falls_back_to_the_whole_text() -> None:
    text = 'S = """\n\nclass NotCode:\n"""\n\n\nclass Real:\n    pass\n'
    assert formatting.split_chunks(text) is not None  # the line scan cannot tell
    assert formatting.format_source(text, BLACK_MODE, "t.py") == black.format_str(
        text, mode=BLACK_MODE
    )


def test_invalid_python_raises_like_black() -> None:
    with pytest.raises(black.InvalidInput):
        formatting.format_source("x = (\n\n\nclass A:\n    pass\n", BLACK_MODE, "t.py")


def test_persistent_cache_formats_only_changed_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DTOGEN_CACHE_DIR", str(tmp_path / "cache"))
    expected = black.format_str(TRICKY, mode=BLACK_MODE)
    with formatting.cache_scope(tmp_path / "generated"):
        assert formatting.format_source(TRICKY, BLACK_MODE, "m.py") == expected
    packs = list((tmp_path / "cache" / "format").glob("*.json"))
    assert len(packs) == 1
    monkeypatch.setattr(formatting, "_MEMO", {})
    calls: list[str] = []
    real = black.format_str

    def counting(text: str, *, mode: black.Mode) -> str:
        calls.append(text)
        return real(text, mode=mode)

    monkeypatch.setattr(black, "format_str", counting)
    with formatting.cache_scope(tmp_path / "generated"):
        assert formatting.format_source(TRICKY, BLACK_MODE, "m.py") == expected
        assert calls == []  # everything came from the pack
        edited = TRICKY.replace("x: int = 1", "x: int   =   2")
        assert formatting.format_source(edited, BLACK_MODE, "m.py") == real(edited, mode=BLACK_MODE)
    assert len(calls) == 1 and calls[0].startswith("def after_stubs")
    pack = packs[0].read_text()
    assert "x: int = 2" in pack and "x: int = 1" not in pack  # only the current chunks are kept
