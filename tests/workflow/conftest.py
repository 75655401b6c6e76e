"""Fixtures of the workflow tests: generated packages imported under private names.

``examples`` are the committed ``generated/`` packages; ``shop`` is generated from the pages
in ``tests/workflow/pages/shop`` (six operations: path parameters, query strings, PUT,
DELETE without response, an all-verbs wildcard route, a request subclass).
"""

from __future__ import annotations

import importlib
import importlib.util
import shutil
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import ModuleType

import pytest

from generator import api
from generator.config import Config
from generator.diagnostics import Diagnostics

from ..conftest import GENERATED, SERVICES, SPECS

PAGES = Path(__file__).resolve().parent / "pages"


@contextmanager
def imported(root: Path, service: str) -> Iterator[ModuleType]:
    """Import ``root/<service>`` as ``_wf_<service>`` (no sys.path change), removed afterwards."""
    name = f"_wf_{service}"
    init = root / service / "__init__.py"
    spec = importlib.util.spec_from_file_location(
        name, init, submodule_search_locations=[str(init.parent)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        importlib.import_module(f"{name}.client")
        yield module
    finally:
        for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
            del sys.modules[key]


#: The example services of the seed pages (one operation each), as committed in generated/.
EXAMPLES = ("dx_stf", "myapp", "nav", "webapi_auth", "ym_rest")


@pytest.fixture(scope="module")
def examples() -> Iterator[dict[str, ModuleType]]:
    """The committed example packages (``generated/<service>``), each with ``.client``."""
    assert set(EXAMPLES) <= set(SERVICES)
    with ExitStack() as stack:
        yield {s: stack.enter_context(imported(GENERATED, s)) for s in EXAMPLES}


@pytest.fixture(scope="session")
def shop_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose ``generated/shop`` was scraped and generated from the shop pages."""
    root = tmp_path_factory.mktemp("shop")
    shutil.copytree(PAGES / "shop", root / "specs" / "pages" / "shop")
    config = Config(specs_dir=root / "specs", out_dir=root / "generated")
    api.rescrape_all(config, Diagnostics())
    api.generate(config, Diagnostics())
    return root


@pytest.fixture(scope="module")
def shop(shop_root: Path) -> Iterator[ModuleType]:
    """The generated ``shop`` package (with ``.client``)."""
    with imported(shop_root / "generated", "shop") as module:
        yield module


@pytest.fixture(scope="session")
def fresh_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two bundled services (myapp, nav) scraped and generated once; read-only."""
    root = tmp_path_factory.mktemp("fresh")
    for service in ("myapp", "nav"):
        shutil.copytree(SPECS / "pages" / service, root / "specs" / "pages" / service)
    config = Config(specs_dir=root / "specs", out_dir=root / "generated")
    api.rescrape_all(config, Diagnostics())
    api.generate(config, Diagnostics())
    return root


@pytest.fixture
def current(fresh_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of ``fresh_project``, made the working directory."""
    root = tmp_path / "current"
    shutil.copytree(fresh_project, root)
    monkeypatch.chdir(root)
    return root
