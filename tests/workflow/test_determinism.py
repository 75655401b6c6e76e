"""Output depends only on specs/, templates and the pinned formatter.

Not on the order pages are given or listed, the working directory, the clock or the time
zone: each test produces the same bytes as a plain run.
"""

from __future__ import annotations

import datetime as real_datetime
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import api
from generator.config import Config
from generator.diagnostics import Diagnostics

from ..conftest import SPECS
from .clitools import dtogen, tree
from .conftest import PAGES


def _scrape_shop(root: Path, sources: list[str]) -> bytes:
    """Scrape ``sources`` into service ``shop``; the spec's bytes."""
    config = Config(specs_dir=root / "specs", out_dir=root / "generated")
    api.scrape(sources, "shop", config, Diagnostics())
    return (root / "specs" / "shop.json").read_bytes()


def _run_myapp(root: Path) -> dict[str, bytes]:
    """Scrape and generate the myapp pages in ``root``; its spec and package."""
    shutil.copytree(SPECS / "pages" / "myapp", root / "specs" / "pages" / "myapp")
    config = Config(specs_dir=root / "specs", out_dir=root / "generated")
    api.rescrape_all(config, Diagnostics())
    api.generate(config, Diagnostics())
    return _myapp(root)


def _myapp(root: Path) -> dict[str, bytes]:
    files = {f"generated/myapp/{k}": v for k, v in tree(root / "generated" / "myapp").items()}
    return {"specs/myapp.json": (root / "specs" / "myapp.json").read_bytes(), **files}


@pytest.fixture(scope="module")
def plain(fresh_project: Path) -> dict[str, bytes]:
    """The reference: myapp scraped and generated in the usual way."""
    return _myapp(fresh_project)


def _pages() -> list[str]:
    return sorted(str(p) for p in (PAGES / "shop").glob("*.txt"))


@pytest.mark.parametrize("order", ["reversed", "rotated"])
def test_page_order_on_the_command_line_changes_nothing(tmp_path: Path, order: str) -> None:
    pages = _pages()
    given = pages[::-1] if order == "reversed" else pages[3:] + pages[:3]
    assert given != pages and len(pages) == 6
    assert _scrape_shop(tmp_path / "a", given) == _scrape_shop(tmp_path / "b", pages)


def _reversed_listings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every directory listing come back in reverse order."""
    iterdir, glob, rglob = Path.iterdir, Path.glob, Path.rglob
    listdir, scandir = os.listdir, os.scandir

    def rev_iterdir(self: Path) -> Iterator[Path]:
        return iter(sorted(iterdir(self), reverse=True))

    def rev_glob(self: Path, pattern: str, **kw: object) -> Iterator[Path]:
        return iter(sorted(glob(self, pattern, **kw), reverse=True))  # type: ignore[arg-type]

    def rev_rglob(self: Path, pattern: str, **kw: object) -> Iterator[Path]:
        return iter(sorted(rglob(self, pattern, **kw), reverse=True))  # type: ignore[arg-type]

    def rev_listdir(path: str | os.PathLike[str] = ".") -> list[str]:
        return sorted(listdir(path), reverse=True)

    class RevScandir:
        def __init__(self, path: str | os.PathLike[str] = ".") -> None:
            self._it = scandir(path)
            self._entries = sorted(self._it, key=lambda e: e.name, reverse=True)

        def __iter__(self) -> Iterator[os.DirEntry[str]]:
            return iter(self._entries)

        def __enter__(self) -> RevScandir:
            return self

        def __exit__(self, *exc: object) -> None:
            self._it.close()

        def close(self) -> None:
            self._it.close()

    monkeypatch.setattr(Path, "iterdir", rev_iterdir)
    monkeypatch.setattr(Path, "glob", rev_glob)
    monkeypatch.setattr(Path, "rglob", rev_rglob)
    monkeypatch.setattr(os, "listdir", rev_listdir)
    monkeypatch.setattr(os, "scandir", RevScandir)


def test_file_listing_order_changes_nothing(
    plain: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = _scrape_shop(tmp_path / "shop", [str(PAGES / "shop")])
    _reversed_listings(monkeypatch)
    assert [p.name for p in (PAGES / "shop").iterdir()] == sorted(
        (p.name for p in (PAGES / "shop").iterdir()), reverse=True
    )
    assert _scrape_shop(tmp_path / "shop2", [str(PAGES / "shop")]) == shop
    assert _run_myapp(tmp_path / "myapp") == plain


def test_another_day_and_time_zone_change_nothing(
    plain: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = 4102444800.0 + 12345.678  # 2100-01-01, a Friday
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(time, "time_ns", lambda: int(later * 1e9))
    monkeypatch.setattr(time, "localtime", lambda secs=None: time.gmtime(later))
    monkeypatch.setattr(time, "strftime", lambda fmt, t=None: "2100-01-01")

    class FakeDatetime(real_datetime.datetime):
        @classmethod
        def now(cls, tz: real_datetime.tzinfo | None = None) -> FakeDatetime:
            return cls(2100, 1, 1, 3, 25, 45, tzinfo=tz)

        @classmethod
        def utcnow(cls) -> FakeDatetime:
            return cls(2100, 1, 1, 3, 25, 45)

        @classmethod
        def today(cls) -> FakeDatetime:
            return cls(2100, 1, 1, 3, 25, 45)

    class FakeDate(real_datetime.date):
        @classmethod
        def today(cls) -> FakeDate:
            return cls(2100, 1, 1)

    monkeypatch.setattr(real_datetime, "datetime", FakeDatetime)
    monkeypatch.setattr(real_datetime, "date", FakeDate)
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4102444800")
    time.tzset()
    try:
        assert real_datetime.datetime.now().year == 2100
        assert _run_myapp(tmp_path) == plain
    finally:
        monkeypatch.undo()
        time.tzset()


def test_working_directory_changes_nothing(
    plain: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere" / "deeper"
    shutil.copytree(SPECS / "pages" / "myapp", project / "specs" / "pages" / "myapp")
    (project / "pyproject.toml").write_text('[tool.dtogen]\nspecs = "specs"\nout = "generated"\n')
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    config = str(project / "pyproject.toml")
    assert dtogen("scrape", "--all", "--config", config)[0] == 0
    assert dtogen("generate", "--config", config)[0] == 0
    assert not any(elsewhere.iterdir())
    assert _myapp(project) == plain
    assert sorted(tree(project)) == sorted(
        ["pyproject.toml", "specs/pages/myapp/GetAccessToken.txt", *plain]
    )
    assert dtogen("check", "--config", config)[0] == 0
