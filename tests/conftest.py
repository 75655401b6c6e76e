"""Shared fixtures: repository paths and a helper to build a scratch project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
GENERATED = ROOT / "generated"
SERVICES = ("dx_stf", "myapp", "nav", "webapi_auth", "ym_rest")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the bundled pages (``specs/pages``) to scrape and generate into."""
    shutil.copytree(SPECS / "pages", tmp_path / "specs" / "pages")
    return tmp_path
