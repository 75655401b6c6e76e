"""Shared fixtures: repository paths and a helper to build a scratch project."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
GENERATED = ROOT / "generated"
SERVICES = ("billing", "bookings", "dx_stf", "myapp", "nav", "webapi_auth", "ym_rest")


@pytest.fixture(autouse=True, scope="session")
def _private_render_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep dtogen's per-user render cache (generator.formatting) inside the test session."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DTOGEN_CACHE_DIR", str(tmp_path_factory.mktemp("dtogen-cache")))
        yield


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the bundled pages (``specs/pages``) to scrape and generate into."""
    shutil.copytree(SPECS / "pages", tmp_path / "specs" / "pages")
    return tmp_path
