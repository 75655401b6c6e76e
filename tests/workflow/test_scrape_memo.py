"""The scrape memo: an unchanged ``dtogen scrape`` is a no-op, and nothing can make it stale.

A scrape whose pages, service options, dtogen and spec file are what the last successful
scrape saw reports the spec unchanged and writes, parses and maps nothing (the mapper is
replaced by one that fails to prove it). Every change to those inputs — a page edited,
added or removed, the spec edited by hand, an option changed, the cache deleted or
damaged — runs the scrape again, and its result is always the spec a scrape without any
cache (``DTOGEN_CACHE_DIR=off``) writes.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import generator.mapper
import generator.scrape

from ..conftest import SPECS
from .clitools import dtogen, tree

SERVICES = ("bookings", "myapp", "ym_rest")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three bundled services' pages in a scratch project (the cwd) with its own cache."""
    root = tmp_path / "project"
    for service in SERVICES:
        shutil.copytree(SPECS / "pages" / service, root / "specs" / "pages" / service)
    monkeypatch.chdir(root)
    monkeypatch.setenv("DTOGEN_CACHE_DIR", str(tmp_path / "cache"))
    return root


def _scrape(*args: str) -> tuple[str, str]:
    code, out, err = dtogen("scrape", "--all", *args)
    assert code == 0, err
    return out, err


def _stat(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``root`` with its modification time."""
    return {k: (v, (root / k).stat().st_mtime_ns) for k, v in tree(root).items()}


@pytest.fixture
def no_mapping(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Calling it makes any mapping fail: what runs afterwards must be a no-op."""

    def forbid() -> None:
        def fail(*args: Any, **kwargs: Any) -> None:
            raise AssertionError("the scrape mapped pages although nothing changed")

        monkeypatch.setattr(generator.mapper, "build_spec", fail)

    return forbid


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages parsed from now on (their display names), in order."""
    seen: list[str] = []
    real = generator.scrape.parse_page_text

    def counting(source: str, text: str, diags: Any) -> Any:
        seen.append(source)
        return real(source, text, diags)

    monkeypatch.setattr(generator.scrape, "parse_page_text", counting)
    return seen


def _uncached(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The specs a scrape without any cache writes from the project's pages and options."""
    clean = tmp_path / "uncached"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(project / "specs" / "pages", clean / "specs" / "pages")
    if (project / "pyproject.toml").is_file():
        shutil.copy(project / "pyproject.toml", clean / "pyproject.toml")
    with monkeypatch.context() as m:
        m.chdir(clean)
        m.setenv("DTOGEN_CACHE_DIR", "off")
        _scrape()
    return {f"{s}.json": (clean / "specs" / f"{s}.json").read_bytes() for s in SERVICES}


def _specs(project: Path) -> dict[str, bytes]:
    return {f"{s}.json": (project / "specs" / f"{s}.json").read_bytes() for s in SERVICES}


def test_unchanged_scrape_writes_nothing_and_replays_its_warnings(
    project: Path, no_mapping: Callable[[], None], parsed: list[str]
) -> None:
    first_out, first_err = _scrape()
    assert first_out == (
        "wrote specs/bookings.json (5 page(s), 0 added)\n"
        "wrote specs/myapp.json (1 page(s), 0 added)\n"
        "wrote specs/ym_rest.json (1 page(s), 0 added)\n"
    )
    assert "both map to Python name" in first_err  # ym_rest's naming collision
    assert len(parsed) == 7
    before = _stat(project)
    no_mapping()
    out, err = _scrape()
    assert out == (
        "specs/bookings.json unchanged (5 page(s), 0 added)\n"
        "specs/myapp.json unchanged (1 page(s), 0 added)\n"
        "specs/ym_rest.json unchanged (1 page(s), 0 added)\n"
    )
    assert err == first_err
    assert _stat(project) == before
    assert len(parsed) == 7  # nothing parsed again


def test_an_edited_page_is_parsed_again_alone(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[str]
) -> None:
    _scrape()
    page = project / "specs" / "pages" / "bookings" / "QueryBookings.jsv.txt"
    text = page.read_text()
    assert text.count("POST/bookings/search\n") == 1
    page.write_text(text.replace("POST/bookings/search\n", "POST/bookings/find\n"))
    del parsed[:]
    out, _ = _scrape()
    assert out.splitlines()[0] == "wrote specs/bookings.json (5 page(s), 0 added)"
    assert parsed == ["pages/bookings/QueryBookings.jsv.txt"]  # the other pages: from the memo
    assert '"/bookings/find"' in (project / "specs" / "bookings.json").read_text()
    assert _specs(project) == _uncached(project, tmp_path, monkeypatch)


def test_pages_added_and_removed_are_noticed(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _scrape()
    extra = project / "specs" / "pages" / "myapp" / "GetAuthToken.txt"
    shutil.copy(SPECS / "pages" / "dx_stf" / "GetAuthToken.txt", extra)
    out, _ = _scrape()
    assert "wrote specs/myapp.json (2 page(s), 0 added)" in out.splitlines()
    assert "GetAuthToken" in (project / "specs" / "myapp.json").read_text()
    assert _specs(project) == _uncached(project, tmp_path, monkeypatch)
    extra.unlink()
    out, _ = _scrape()
    assert "wrote specs/myapp.json (1 page(s), 0 added)" in out.splitlines()
    assert 'GetAuthToken"' not in (project / "specs" / "myapp.json").read_text()
    assert _specs(project) == _uncached(project, tmp_path, monkeypatch)


def test_a_hand_edited_spec_is_never_kept(project: Path) -> None:
    _scrape()
    spec = project / "specs" / "myapp.json"
    scraped = spec.read_bytes()
    data = json.loads(scraped)
    data["title"] = "Edited by hand"
    spec.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    out, _ = _scrape()
    assert "wrote specs/myapp.json (1 page(s), 0 added)" in out.splitlines()
    assert spec.read_bytes() == scraped
    spec.unlink()  # a spec removed (say, by a checkout) is written again
    out, _ = _scrape()
    assert "wrote specs/myapp.json (1 page(s), 0 added)" in out.splitlines()
    assert spec.read_bytes() == scraped


def test_options_are_part_of_the_key(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, err = _scrape()
    assert "both map to Python name" in err
    (project / "pyproject.toml").write_text(
        '[tool.dtogen.services.myapp]\njson_naming = "declared"\n'
        "[tool.dtogen.services.ym_rest.names]\n"
        '"BaseSharedDto.ClientID" = "client_number"\n'
    )
    out, err = _scrape()
    assert "wrote specs/myapp.json (1 page(s), 0 added)" in out.splitlines()
    assert "both map to Python name" not in err  # the names map settles the collision
    assert "specs/ym_rest.json unchanged (1 page(s), 0 added)" in out.splitlines()
    assert _specs(project) == _uncached(project, tmp_path, monkeypatch)
    code, out, _ = dtogen("scrape", "--service", "myapp", "--json-naming", "camel")
    assert (code, out) == (0, "wrote specs/myapp.json (1 page(s), 0 added)\n")
    out, _ = _scrape()  # back to the configured option
    assert "wrote specs/myapp.json (1 page(s), 0 added)" in out.splitlines()
    assert _specs(project) == _uncached(project, tmp_path, monkeypatch)


@pytest.mark.parametrize("damage", ["deleted", "garbage", "foreign record"])
def test_a_lost_or_damaged_cache_is_a_full_scrape(
    project: Path, tmp_path: Path, damage: str, parsed: list[str]
) -> None:
    _scrape()
    specs = _stat(project)
    cache = tmp_path / "cache" / "scrape"
    memos = sorted(cache.glob("*.json"))
    assert len(memos) == 2 * len(SERVICES)  # a scrape memo and a page memo per spec
    if damage == "deleted":
        shutil.rmtree(tmp_path / "cache")
    elif damage == "garbage":
        for path in memos:
            path.write_bytes(b"\x00{not json")
    else:  # records of the wrong shape where the page memo keeps them
        for path in cache.glob("*.pages.json"):
            data = json.loads(path.read_text())
            for entry in data["pages"].values():
                entry["page"] = [1, 2, 3]
            path.write_text(json.dumps(data))
        for path in set(memos) - set(cache.glob("*.pages.json")):
            path.unlink()
    del parsed[:]
    out, _ = _scrape()
    assert out.count(" unchanged ") == len(SERVICES)
    assert len(parsed) == 7
    assert _stat(project) == specs  # the same specs, not even rewritten
    assert len(sorted(cache.glob("*.json"))) == 2 * len(SERVICES)  # and remembered again


def test_cache_off_scrapes_every_time(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[str]
) -> None:
    monkeypatch.setenv("DTOGEN_CACHE_DIR", "off")
    _scrape()
    specs = _stat(project)
    out, _ = _scrape()
    assert out.count(" unchanged ") == len(SERVICES)
    assert len(parsed) == 14
    assert _stat(project) == specs
    assert not (tmp_path / "cache").exists()


def test_configured_sources_outside_the_project(tmp_path: Path, project: Path) -> None:
    saved = tmp_path / "saved"
    shutil.copytree(SPECS / "pages" / "nav", saved)
    (project / "pyproject.toml").write_text(
        f'[tool.dtogen.services.nav]\nsources = ["{saved.as_posix()}"]\n'
    )
    copied = project / "specs" / "pages" / "nav" / "AuthenticationClientCredentialsTokenCreate.txt"
    out, _ = _scrape()
    assert "wrote specs/nav.json (1 page(s), 1 added)" in out.splitlines()
    assert copied.is_file()
    spec = (project / "specs" / "nav.json").read_bytes()
    for _ in range(2):  # the first run after the copy remembers, the second is answered
        out, _ = _scrape()
        assert "specs/nav.json unchanged (1 page(s), 1 added)" in out.splitlines()
    source = saved / copied.name
    source.write_text(source.read_text().replace("NAV.ServiceModel", "NAV.Other"))
    out, _ = _scrape()
    assert "wrote specs/nav.json (1 page(s), 1 added)" in out.splitlines()
    assert copied.read_bytes() == source.read_bytes()
    assert (project / "specs" / "nav.json").read_bytes() != spec
    assert sorted(os.listdir(project)) == ["pyproject.toml", "specs"]  # no cache in the project
