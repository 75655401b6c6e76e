"""Load ``templates/runtime/_runtime.py`` from its file path as module ``_runtime``.

Test modules use ``rt: Any = sys.modules["_runtime"]`` (this conftest runs before they are
imported) or the ``rt`` fixture.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
RUNTIME_PATH = REPO / "templates" / "runtime" / "_runtime.py"
PAGES = REPO / "specs" / "pages"


def load_runtime() -> ModuleType:
    """Import the runtime file as ``_runtime`` (once per process)."""
    existing = sys.modules.get("_runtime")
    if existing is not None and getattr(existing, "__file__", None) == str(RUNTIME_PATH):
        return existing
    spec = importlib.util.spec_from_file_location("_runtime", RUNTIME_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["_runtime"] = module
    spec.loader.exec_module(module)
    return module


load_runtime()


@pytest.fixture(scope="session")
def rt() -> ModuleType:
    """The loaded runtime module."""
    return load_runtime()


@pytest.fixture(scope="session")
def page_text() -> Callable[[str, str, str], str]:
    """Return a function ``(relative page path, start marker, end marker) -> sample text``."""

    def extract(rel: str, start: str, end: str) -> str:
        text = (PAGES / rel).read_text(encoding="utf-8")
        i = text.index(start)
        j = text.index(end, i) + len(end)
        return text[i:j]

    return extract
