"""``dtogen check``: exit codes, the diff, the fixing command, and that it writes nothing.

Stale output is part of the diff and ``generate`` removes it: files of a package that
regeneration no longer writes, packages whose spec is gone, and DTOs removed from a spec.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .clitools import dtogen, tree


def test_current_output_exits_0_and_writes_nothing(current: Path) -> None:
    before = tree(current)
    assert dtogen("check") == (0, "generated is up to date\n", "")
    assert tree(current) == before


def test_spec_edit_exits_1_with_a_diff_and_the_fix(current: Path) -> None:
    path = current / "specs" / "myapp.json"
    data = json.loads(path.read_text())
    data["title"] = "My App v2"
    path.write_text(json.dumps(data))
    before = tree(current)
    code, out, err = dtogen("check")
    assert code == 1
    assert tree(current) == before  # check writes nothing
    lines = out.splitlines()
    assert "--- a/generated/myapp/dtos.py" in lines and "+++ b/generated/myapp/dtos.py" in lines
    assert "+++ b/generated/myapp/README.md" in lines
    assert "-# `myapp`: typed DTOs and client for the MyApp service" in lines
    assert "+# `myapp`: typed DTOs and client for the My App v2 service" in lines
    assert '+"""Typed HTTP client for the My App v2 service (standard library only).' in lines
    assert err == (
        "generated is stale: 4 file(s) differ, 0 stale; run 'make generate' (or "
        "'dtogen generate') to update it\n"
    )


def test_fix_command_repeats_the_options(current: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    code, _, err = dtogen("check", "--specs", "specs", "--out", str(out))
    assert code == 1
    assert f"'dtogen generate --specs specs --out {out}'" in err
    assert not out.exists()


def test_removed_service_is_deleted_with_its_package(current: Path) -> None:
    (current / "specs" / "nav.json").unlink()
    files = sorted(f"nav/{p}" for p in tree(current / "generated" / "nav"))
    total = len(tree(current / "generated"))
    code, out, err = dtogen("check")
    assert code == 1
    lines = out.splitlines()
    for f in files:
        assert f"--- a/generated/{f}" in lines
    assert lines.count("+++ /dev/null") == len(files)
    assert f"0 file(s) differ, {len(files)} stale" in err
    assert (current / "generated" / "nav").is_dir()  # check deleted nothing
    code, out, _ = dtogen("generate")
    assert (code, out) == (0, f"0 written, {len(files)} deleted, {total - len(files)} unchanged\n")
    assert not (current / "generated" / "nav").exists()
    assert dtogen("check")[0] == 0


def test_stale_and_missing_files_of_a_package(current: Path) -> None:
    pkg = current / "generated" / "myapp"
    (pkg / "old_dtos.py").write_text("class Gone: ...\n")
    (pkg / "client.py").unlink()
    code, out, err = dtogen("check")
    assert code == 1
    lines = out.splitlines()
    assert lines[lines.index("--- a/generated/myapp/old_dtos.py") + 1] == "+++ /dev/null"
    assert "-class Gone: ..." in lines
    assert lines[lines.index("--- /dev/null") + 1] == "+++ b/generated/myapp/client.py"
    assert "1 file(s) differ, 1 stale" in err
    total = len(tree(current / "generated"))
    assert dtogen("generate")[1] == f"1 written, 1 deleted, {total - 1} unchanged\n"
    assert not (pkg / "old_dtos.py").exists() and (pkg / "client.py").is_file()


def test_dto_removed_from_a_spec_disappears(
    shop_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(shop_root, tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    path = Path("specs/shop.json")
    data = json.loads(path.read_text())
    data["types"] = [t for t in data["types"] if t["name"] != "DeleteItem"]
    data["operations"] = [o for o in data["operations"] if o["name"] != "DeleteItem"]
    path.write_text(json.dumps(data))
    code, out, _ = dtogen("check")
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith("-class DeleteItem(") for line in lines)
    assert "-    def send(self, request: DeleteItem) -> None: ..." in lines
    assert not any(line.startswith("+") and "DeleteItem" in line for line in lines)
