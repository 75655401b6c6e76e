"""Generated packages need nothing beyond the standard library."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from ..conftest import GENERATED, SERVICES, SPECS


@pytest.mark.parametrize("service", SERVICES)
def test_imports_with_only_the_standard_library(service: str) -> None:
    sample = next((SPECS / "pages" / service).glob("*.txt"))
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import importlib; "
        f"m = importlib.import_module({service!r}); "
        "assert all(not k.startswith(('generator', 'jinja2', 'lxml', 'bs4', 'black', 'click')) "
        "for k in sys.modules), sorted(sys.modules); print(len(m.__all__))"
    )
    out = subprocess.run(
        [sys.executable, "-S", "-I", "-c", code, str(GENERATED)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) >= 2
    assert sample.is_file()


@pytest.mark.parametrize("service", SERVICES)
def test_modules_import_only_stdlib_and_own_runtime(service: str) -> None:
    for path in (GENERATED / service).glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name.split(".")[0] in sys.stdlib_module_names, (path, alias.name)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                assert (node.module or "").split(".")[0] in sys.stdlib_module_names | {
                    "__future__"
                }, (path, node.module)
