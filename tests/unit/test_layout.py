"""generator.layout breaks lines exactly where and how black does, for the shapes templates use."""

from __future__ import annotations

import black
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.formatting import _settled
from generator.layout import Node, tuple_block, wrap
from generator.render import BLACK_MODE

names = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_", max_size=39).map(
    lambda s: "N" + s  # never a keyword
)
strings = st.text("abcdefghij{}/:.-_ ", max_size=90).map(lambda s: f'"{s}"')


def _same_as_black(source: str) -> None:
    assert black.format_str(source, mode=BLACK_MODE) == source
    if not any(line.endswith(("(", "[", "{")) for line in source.splitlines()):
        assert _settled(source, BLACK_MODE.line_length)  # what fits is kept without black


@settings(max_examples=60, deadline=None)
@given(name=names, ann=names, params=st.integers(1, 6))
def test_def_signatures(name: str, ann: str, params: int) -> None:
    parts = [f"p{i}: list[{ann}]" for i in range(params)]
    head = wrap(0, f"def _xw_{name}(", parts, f") -> dict[str, {ann}]:", "params")
    _same_as_black(f"{head}\n    pass\n")


@settings(max_examples=60, deadline=None)
@given(cls=names, indent=st.sampled_from([4, 8]), dict_comp=st.booleans())
def test_comprehensions(cls: str, indent: int, dict_comp: bool) -> None:
    pad = " " * (indent - 4)
    if dict_comp:
        parts = [
            f"k: {cls}.from_dict(x, f'{{path}}.{{k}}')",
            "for k, x in _rt.j_object(data).items()",
        ]
        body = wrap(indent, "return {", parts, "}", "comprehension")
    else:
        parts = [f"{cls}.from_dict(x, f'{{path}}[{{i}}]')", "for i, x in enumerate(_rt.j_list(d))"]
        body = wrap(indent, "return [", parts, "]", "comprehension")
    source = f"{pad}def f(data, path):\n{' ' * indent}{body}\n"
    if pad:
        source = "class C:\n" + source
    _same_as_black(source.replace("'", '"'))


@settings(max_examples=60, deadline=None)
@given(tags=st.lists(strings, min_size=1, max_size=3), indent=st.sampled_from([8, 12, 16]))
def test_tag_conditions(tags: list[str], indent: int) -> None:
    lines = ["def f(tag):", "    if tag:", "        for x in tag:", "            if x:"]
    depth = indent // 4  # nest to the wanted indentation
    source = "\n".join(lines[:depth]) + "\n"
    for i, tag in enumerate(tags):
        keyword = "if" if i == 0 else "elif"
        source += " " * indent + wrap(indent, keyword, ["tag", f"== {tag}"], ":", "condition")
        source += "\n" + " " * (indent + 4) + "x = 1\n"
    _same_as_black(source)


@settings(max_examples=60, deadline=None)
@given(name=names, ns=names, value=strings, indent=st.sampled_from([8, 12]))
def test_calls(name: str, ns: str, value: str, indent: int) -> None:
    call = wrap(indent, "w.text(", [value, f"_NS_{ns.upper()}", f"_rt.x_{name}(v0)"], ")")
    outer = "def f(w):\n" if indent == 8 else "def f(w):\n    if w:\n"
    source = "class C:\n" + "\n".join("    " + line for line in outer.splitlines()) + "\n"
    _same_as_black(source + " " * indent + call + "\n")


nodes: st.SearchStrategy[Node] = st.recursive(
    st.one_of(strings, names),
    lambda children: st.lists(children, max_size=4).map(tuple),
    max_leaves=12,
)


@settings(max_examples=80, deadline=None)
@given(key=names, entry=st.lists(nodes, min_size=2, max_size=5).map(tuple))
def test_operation_tables(key: str, entry: Node) -> None:
    source = "_OPS = {\n    " + tuple_block(4, f"{key}: ", entry, ",") + "\n}\n"
    assert black.format_str(source, mode=BLACK_MODE) == source


@settings(max_examples=60, deadline=None)
@given(name=names, value=st.text("abcdefghij/:.", max_size=120).map(lambda s: f'"{s}"'))
def test_module_constants(name: str, value: str) -> None:
    source = "import x\n\n" + wrap(0, f"_NS_{name.upper()} =", [value], "", "assign") + "\n"
    assert black.format_str(source, mode=BLACK_MODE) == source
    assert _settled(source, BLACK_MODE.line_length)
