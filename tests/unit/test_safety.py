"""The structural check of generated modules (generator.safety): what it refuses, where, and its cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import formatting, safety
from generator.diagnostics import GeneratorError

HEADER = '"""Generated."""\n\nfrom __future__ import annotations\n\nimport dataclasses\n'
CLASS = '''

@dataclasses.dataclass(kw_only=True)
class {name}:
    """A DTO."""

    x: int = 0

    def to_dict(self) -> dict[str, int]:
        return {{"X": self.x}}
'''
MODULE = HEADER + "".join(CLASS.format(name=f"C{i}") for i in range(3))


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("smuggled", "what"),
    [
        ("    y = print('hi')\n", "an import-time call of 'print'"),
        ("    import os\n", "an import inside a class"),
        ("    print('hi')\n", "an expression statement"),
        ("    def f(self) -> None:\n        eval('1')\n", "the name 'eval'"),
        (
            "    def f(self) -> object:\n        return self.__class__\n",
            "the attribute '__class__'",
        ),
        ("    y = (lambda: 1)\n", "an import-time Lambda"),
    ],
)
def test_smuggled_code_is_refused_with_its_line(smuggled: str, what: str) -> None:
    anchor = "class C2:\n"
    text = MODULE.replace(anchor, anchor + smuggled)
    with pytest.raises(GeneratorError) as err:
        safety.check_generated_module(text, "generated/x/dtos.py")
    (diag,) = err.value.diagnostics
    offending = smuggled.splitlines()[-1].strip()  # the statement/expression refused
    assert diag.where == f"generated/x/dtos.py:{_line_of(text, offending)}"
    assert what in diag.message


def test_a_module_import_outside_the_allowed_list_is_refused() -> None:
    with pytest.raises(GeneratorError, match="an import of 'subprocess'"):
        safety.check_generated_module(MODULE + "\nimport subprocess\n", "m.py")


def test_page_text_at_column_zero_in_a_module_docstring_is_checked_as_a_whole() -> None:
    # the chunk cut lands inside the docstring; the module as a whole is clean
    text = '"""Service.\n\nclass NotCode:\n"""\n\n\nclass Real:\n    pass\n'
    assert formatting.split_chunks(text) is not None
    safety.check_generated_module(text, "m.py")


def test_clean_runs_are_remembered_per_output_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DTOGEN_CACHE_DIR", str(tmp_path / "cache"))
    checked: list[str] = []
    real = safety._check_chunk

    def spy(args: tuple[str, str, int]) -> tuple[str, str, str | None] | None:
        checked.append(args[0])
        return real(args)

    monkeypatch.setattr(safety, "_check_chunk", spy)
    with formatting.cache_scope(tmp_path / "generated"):
        safety.check_generated_module(MODULE, "dtos.py")
        assert len(checked) == 4  # header + three classes
        checked.clear()
        safety.check_generated_module(MODULE, "dtos.py")
        assert checked == []
        edited = MODULE.replace("class C1:", "class D1:")
        safety.check_generated_module(edited, "dtos.py")
        assert len(checked) == 1 and "class D1:" in checked[0]
        checked.clear()
        bad = MODULE.replace("class C1:\n", "class C1:\n    y = print('hi')\n")
        with pytest.raises(GeneratorError):
            safety.check_generated_module(bad, "dtos.py")
        with pytest.raises(GeneratorError):  # a refused run is never remembered
            safety.check_generated_module(bad, "dtos.py")
    assert len(checked) == 2


def test_cache_off_checks_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DTOGEN_CACHE_DIR", "off")
    calls: list[int] = []
    real = safety._check_chunk
    monkeypatch.setattr(safety, "_check_chunk", lambda a: calls.append(1) or real(a))
    with formatting.cache_scope(tmp_path / "generated"):
        safety.check_generated_module(MODULE, "dtos.py")
        safety.check_generated_module(MODULE, "dtos.py")
    assert len(calls) == 8
