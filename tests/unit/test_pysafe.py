from __future__ import annotations

import ast

import pytest

from generator.pysafe import comment, docstring_body, py_str

HOSTILE = [
    '""" + __import__("os").system("x") + """',
    "'''",
    "back\\slash\\",
    "carriage\rreturn",
    "nul\x00byte",
    "line\u2028sep\u2029para",
    "form\x0cfeed",
    'ends with quote"',
    "tab\tand\nnewline",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_docstring_is_inert(text: str) -> None:
    source = f'class A:\n    """{docstring_body(text)}"""\n'
    tree = ast.parse(source)
    body = tree.body[0].body  # type: ignore[attr-defined]
    assert len(body) == 1 and isinstance(body[0], ast.Expr)
    assert isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)


@pytest.mark.parametrize("text", HOSTILE)
def test_string_literal_round_trips(text: str) -> None:
    assert ast.literal_eval(py_str(text)) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_comment_is_one_line(text: str) -> None:
    line = comment(text)
    assert "\n" not in line and "\r" not in line and "\u2028" not in line
    assert ast.parse(f"# {line}\nx = 1\n").body[0].lineno == 2
