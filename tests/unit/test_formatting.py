"""Chunked, cached black formatting (generator.formatting) is byte-identical to black."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from generator import formatting, render
from generator.ir import Spec
from generator.ir_io import read_spec
from generator.render import BLACK_MODE

from ..conftest import ROOT, SPECS
from ..hostile.test_hostile_specs import _spec as hostile_spec

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


def _raw_of(spec: Spec, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The unformatted module texts ``render`` hands to the formatter for ``spec``."""
    seen: list[tuple[str, str]] = []

    def record(text: str, where: str) -> str:
        seen.append((text, where))
        return black.format_str(text, mode=BLACK_MODE)

    monkeypatch.setattr(render, "format_generated", record)
    render.render_spec(spec)
    monkeypatch.undo()
    return seen


def _raw_modules(service: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    return _raw_of(read_spec(SPECS / f"{service}.json", service), monkeypatch)


def _settled_share(text: str) -> float:
    """The share of class/def chunks kept as rendered (the module header aside)."""
    chunks = (formatting.split_chunks(text) or [text, text])[1:]
    return sum(formatting._settled(c, BLACK_MODE.line_length) for c in chunks) / len(chunks)


@pytest.mark.parametrize("service", sorted(p.stem for p in SPECS.glob("*.json")))
def test_template_output_needs_black_only_where_lines_do_not_fit(
    service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """generate keeps settled chunks as rendered: the result must still be black's, byte for byte."""
    modules = _raw_modules(service, monkeypatch)
    assert {where.rsplit("/", 1)[1] for _, where in modules} >= {"__init__.py", "dtos.py"}
    for text, where in modules:
        assert formatting.format_generated(text, where, BLACK_MODE) == black.format_str(
            text, mode=BLACK_MODE
        ), where
        if where.endswith("dtos.py"):
            assert _settled_share(text) > 0.75, where  # black runs on a few chunks only


def test_golden_case_and_hostile_output_needs_no_reformatting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    specs = [
        read_spec(p, p.name)
        for p in sorted((ROOT / "tests/golden/cases").glob("*/expected.spec.json"))
    ]
    specs.append(hostile_spec())
    assert len(specs) > 5
    for spec in specs:
        for text, where in _raw_of(spec, monkeypatch):
            assert formatting.format_generated(text, where, BLACK_MODE) == black.format_str(
                text, mode=BLACK_MODE
            ), where


@pytest.mark.parametrize(
    "chunk",
    [
        "X = (\n    1\n)\n",  # black joins a bracket that fits
        "X = (\n    1,\n)\n",  # a one-tuple's comma is not magic: black joins it
        "def f() -> None:\n    x = 1\n\n\n    y = 2\n",  # two blank lines in a body
        "X = 1 \n",  # trailing whitespace
        "X = '" + "x" * 100 + "'\n",  # too long
        "X = '" + "é" * 60 + "'\n",  # may be too wide
        '_NS_X = "http://x/' + "é" + "x" * 90 + '"\n',  # black's width of é is 1: it would wrap
        'class A:\n    """Doc\n\n    ' + "w " * 60 + '"""\n',  # closing quotes overflow
    ],
)
def test_unsettled_chunks_go_to_black(chunk: str) -> None:
    """Line breaking is what the check proves; spacing is the templates' (tested above)."""
    assert not formatting._settled(chunk, 100)


@pytest.mark.parametrize(
    "chunk",
    [
        "X = (\n    1,\n    2,\n)\n",  # magic trailing comma
        'class A:\n    """Doc.\n\n    '
        + "w " * 60
        + 'w\n    """\n\n    x: int = 1\n',  # long doc line
        "def f(\n    " + ", ".join(f"a{i}: int" for i in range(10)) + "\n) -> None:\n    pass\n",
    ],
)
def test_settled_chunks_are_black_stable(chunk: str) -> None:
    assert formatting._settled(chunk, 100)
    assert black.format_str(chunk, mode=BLACK_MODE) == chunk


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


def test_non_ascii_constants_are_formatted_as_black_measures_them() -> None:
    """Found by `make fuzz FUZZ_ARGS=--check-format`: é is one column to black, not two."""
    value = '"http://schemas.datacontract.org/2004/07/DéX.STF.Application.ClientApi.Messages.Auth"'
    name = "_NS_D_X_STF_APPLICATION_CLIENTAPI_MESSAGES_AUTH"  # too long with it, fits without
    text = f'"""M."""\n\nimport enum\n\n{name} = {value}\n\n\nclass A:\n    x: int = 1\n'
    assert formatting.format_generated(text, "m.py") == black.format_str(text, mode=BLACK_MODE)
