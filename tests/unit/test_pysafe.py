from __future__ import annotations

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.pysafe import comment, docstring_body, docstring_text, py_str

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


DOC_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=120) | st.text(
    alphabet=st.sampled_from(list(' \n\t"\\ab\u00a0\u3000\x0c\r\u2028')), max_size=40
)


@settings(max_examples=400, deadline=None)
@given(text=DOC_TEXT)
def test_docstrings_are_written_as_black_writes_them(text: str) -> None:
    """Templates keep docstrings as rendered (black is not run on them): they must be black's."""
    import black

    from generator.formatting import default_mode

    first, *rest = docstring_text(text).split("\n")  # indented as Jinja's ``indent(4)`` does
    doc = "\n".join([first, *(f"    {line}" if line else "" for line in rest)])
    source = f'class A:\n    """{doc}"""\n\n    x: int = 1\n'
    assert black.format_str(source, mode=default_mode()) == source


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
    | st.text(alphabet=st.sampled_from(list("'\"\\ab\n\x00é")), max_size=20)
)
def test_string_literals_are_quoted_as_black_quotes_them(text: str) -> None:
    import black

    from generator.formatting import default_mode

    literal = py_str(text)
    assert ast.literal_eval(literal) == text
    source = f"X = {literal}\n"
    assert black.format_str(source, mode=default_mode()) == source
