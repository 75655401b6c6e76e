"""What the cache keys are made of: installed versions, and what disables the caches."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

from generator.cache import ScrapeMemo, cache_root
from generator.regen_cache import installed


def test_installed_versions_are_the_ones_importlib_metadata_finds() -> None:
    names = ("black", "jinja2", "dtogen", "lxml", "MarkupSafe")
    found = installed((*names, "no-such-distribution"))
    for name in names:
        assert found[name].endswith(".dist-info")
        assert f"-{metadata.version(name)}." in found[name]
    assert found["no-such-distribution"] == "?"


@pytest.mark.parametrize("value", ["off", "OFF", "0", "no", "none", ""])
def test_the_cache_can_be_switched_off(
    value: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DTOGEN_CACHE_DIR", value)
    assert cache_root() is None
    memo = ScrapeMemo(tmp_path / "x.json", "fingerprint")
    assert not memo.enabled and memo.parsed("pages/x/a.txt", b"page") is None


def test_memo_keys_tell_apart_what_concatenation_would_not(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DTOGEN_CACHE_DIR", str(tmp_path / "cache"))
    memo = ScrapeMemo(tmp_path / "x.json", "fingerprint")
    assert memo.key(["ab", b"c"]) != memo.key(["a", b"bc"])
    assert memo.key(["a"]) != ScrapeMemo(tmp_path / "x.json", "other").key(["a"])
    assert memo.key(["a", b"b"]) == memo.key(["a", "b"])
