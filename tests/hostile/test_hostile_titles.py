"""A service title reaches three module docstrings and a README: it stays text there."""

from __future__ import annotations

import ast
import dataclasses

import pytest

from generator.ir_io import read_spec
from generator.render import render_spec

from ..conftest import SPECS
from .test_hostile_specs import CANARY, DESCRIPTIONS


@pytest.mark.parametrize(
    "title", [*DESCRIPTIONS[:9], 'x""" + ' + CANARY + ' + """', "back\\slash", 'ends "', "a\\"]
)
def test_a_hostile_title_is_docstring_text(title: str) -> None:
    spec = dataclasses.replace(read_spec(SPECS / "myapp.json"), title=title)
    out = render_spec(spec)  # the structural check refuses any statement the title could add
    flat = " ".join(title.split())
    for name in ("__init__.py", "dtos.py", "client.py"):
        doc = ast.get_docstring(ast.parse(out[name]), clean=False)
        assert doc is not None
        visible = " ".join("".join(c if c.isprintable() else " " for c in flat).split())
        assert visible[:40] in " ".join(doc.split()) or not visible, name
