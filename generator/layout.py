"""Line breaking as black does it, for the few statement shapes templates emit.

Templates write black's layout directly so that ``generate`` need not run black on every
line (black costs about a millisecond per line). Where a statement does not fit on one
line, :func:`wrap` breaks it the way black's right-hand split (``rhs``), left-hand split
for ``def`` lines and delimiter split do for that shape:

* ``args`` — a call's arguments or a def's parameters: one line if it fits; else the
  arguments on one indented line between ``head(`` and ``)tail``; else one per line with
  a trailing comma (which black then keeps: the "magic trailing comma").
* ``params`` — a def's parameters: as ``args``, but a single parameter that must be split
  gets a trailing comma (black's left-hand split of a ``def`` adds one).
* ``items`` — a tuple/list/dict display: black always explodes a display it must split,
  one item per line with a trailing comma.
* ``comprehension`` — ``[elt for …]``: one line; else the comprehension on one indented
  line; else element and ``for`` clause on lines of their own.
* ``condition`` — ``if``/``elif`` with a long comparison: black's invisible parentheses
  become visible, the comparison goes on one indented line, else it is split before the
  comparison operator.
* ``assign`` — ``name = value`` with one atom as value: black wraps the value in
  parentheses on a line of its own when that makes it fit, and leaves it long otherwise.

A line that still does not fit is returned as is; :mod:`generator.formatting` sees it and
lets black decide. ``tests/unit/test_layout.py`` compares every shape against black.
"""

from __future__ import annotations

from typing import Literal

LINE_LENGTH = 100
Kind = Literal["args", "params", "items", "comprehension", "condition", "assign"]


def _fits(text: str) -> bool:
    return (len(text) if text.isascii() else 2 * len(text)) <= LINE_LENGTH


def wrap(indent: int, head: str, parts: list[str], tail: str, kind: Kind = "args") -> str:
    """The statement ``head + parts + tail`` laid out as black lays it out.

    ``head`` ends with the opening bracket (for ``condition``: the keyword, e.g. ``elif``),
    ``tail`` starts with the closing bracket (for ``condition``: ``:``). ``parts`` are the
    comma-separated items (``args``/``items``), the element and ``for`` clause
    (``comprehension``) or the left operand and ``op right`` (``condition``). The first line
    carries no indentation (the template provides it); continuation lines carry ``indent``
    (+ 4) spaces.
    """
    pad, inner = " " * indent, " " * (indent + 4)
    if kind == "assign":
        (value,) = parts
        if _fits(f"{pad}{head} {value}{tail}") or not _fits(inner + value):
            return f"{head} {value}{tail}"
        return f"{head} (\n{inner}{value}\n{pad}){tail}"
    if kind == "condition":
        joined = " ".join(parts)
        if _fits(f"{pad}{head} {joined}{tail}"):
            return f"{head} {joined}{tail}"
        head, tail = head + " (", ")" + tail
        lines = [joined] if _fits(inner + joined) else parts
        return "\n".join([head, *(inner + p for p in lines), pad + tail])
    sep = " " if kind == "comprehension" else ", "
    joined = sep.join(parts)
    if kind == "items" and len(parts) == 1 and head.endswith("("):
        joined += ","  # a one-tuple
    if _fits(f"{pad}{head}{joined}{tail}"):
        return f"{head}{joined}{tail}"
    if kind == "params" and len(parts) == 1:
        kind = "items"
    elif kind != "items" and (_fits(inner + joined) or len(parts) == 1):
        return f"{head}\n{inner}{joined}\n{pad}{tail}"
    comma = "" if kind == "comprehension" else ","
    return "\n".join([head, *(f"{inner}{p}{comma}" for p in parts), pad + tail])


#: A tuple display to lay out: an atom (source text) or a tuple of nodes.
Node = str | tuple["Node", ...]


def display(node: Node) -> str:
    """``node`` on one line, as black writes tuples: ``()``, ``(a,)``, ``(a, b)``."""
    if isinstance(node, str):
        return node
    if len(node) == 1:
        return f"({display(node[0])},)"
    return "(" + ", ".join(display(n) for n in node) + ")"


def tuple_block(indent: int, head: str, node: Node, tail: str) -> str:
    """``head + node + tail`` with the tuple exploded, recursively, where it does not fit.

    Black's right-hand split of a display that does not fit puts one item per line with a
    trailing comma and splits those items again if they still do not fit; atoms are never
    split. The first line carries no indentation (the template provides it).
    """
    return "\n".join(_tuple_lines(indent, head, node, tail))[indent:]


def _tuple_lines(indent: int, head: str, node: Node, tail: str) -> list[str]:
    pad = " " * indent
    flat = f"{pad}{head}{display(node)}{tail}"
    if isinstance(node, str) or not node or _fits(flat):
        return [flat]
    lines = [f"{pad}{head}("]
    for child in node:
        lines.extend(_tuple_lines(indent + 4, "", child, ","))
    lines.append(f"{pad}){tail}")
    return lines
