"""A failure or a kill at any point of generate/scrape leaves the previous output intact."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import api, writer
from generator.config import Config
from generator.diagnostics import Diagnostics, GeneratorError

from ..conftest import ROOT


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture
def built(project: Path) -> Config:
    config = Config(specs_dir=project / "specs", out_dir=project / "generated")
    api.rescrape_all(config, Diagnostics())
    api.generate(config, Diagnostics())
    for service in ("nav", "myapp"):  # a change that touches two packages
        path = config.spec_path(service)
        data = json.loads(path.read_text())
        data["types"][0]["description"] = f"Changed description of {service}."
        path.write_text(json.dumps(data))
    return config


def _no_sidecars(config: Config) -> bool:
    return not any(p.name.startswith(".generated.") for p in config.out_dir.parent.iterdir())


def test_failure_while_staging_leaves_previous_output(
    built: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _tree(built.out_dir)
    calls = []
    real = Path.write_bytes

    def failing(self: Path, data: bytes) -> int:  # type: ignore[override]
        calls.append(self)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(GeneratorError) as err:
        api.generate(built, Diagnostics())
    assert "No space left on device" in err.value.diagnostics[0].message
    assert _tree(built.out_dir) == before
    assert _no_sidecars(built)


def test_failure_during_the_swap_restores_previous_output(
    built: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _tree(built.out_dir)
    real = os.replace

    def failing(src: str | Path, dst: str | Path) -> None:
        if Path(src).name.endswith(".staging"):
            raise OSError(5, "Input/output error", str(src))
        real(src, dst)

    monkeypatch.setattr(writer.os, "replace", failing)
    with pytest.raises(GeneratorError):
        api.generate(built, Diagnostics())
    assert _tree(built.out_dir) == before
    assert _no_sidecars(built)


KILLED_GENERATE = """
import sys, time
from pathlib import Path
from generator import api
from generator.config import Config
from generator.diagnostics import Diagnostics
real = Path.write_bytes
def slow(self, data):
    print("writing", flush=True)
    time.sleep(0.1)
    return real(self, data)
Path.write_bytes = slow
root = Path(sys.argv[1])
print("start", flush=True)
api.generate(Config(specs_dir=root / "specs", out_dir=root / "generated"), Diagnostics())
print("done", flush=True)
"""


def _child(root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", KILLED_GENERATE, str(root)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("delay", [0.0, 1.0])
def test_killed_generate_leaves_previous_or_complete_new_output(
    built: Config, delay: float
) -> None:
    root = built.specs_dir.parent
    before = _tree(built.out_dir)
    reference = root.parent / f"{root.name}-reference"
    shutil.copytree(root, reference)
    with _child(reference) as finished:
        finished.communicate()
    new = _tree(reference / "generated")
    assert new != before
    with _child(root) as proc:
        assert proc.stdout is not None and proc.stdout.readline() == "start\n"
        assert proc.stdout.readline() == "writing\n"  # rendering is done, staging has begun
        time.sleep(delay)
        still_running = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    writer.recover(built.out_dir)  # what the next run does first
    after = _tree(built.out_dir)
    assert after in (before, new)
    assert _no_sidecars(built)
    if delay < 0.2:
        assert still_running, "the kill must land while files are being written"
        assert after == before


def test_scrape_all_is_all_or_nothing(project: Path) -> None:
    config = Config(specs_dir=project / "specs", out_dir=project / "generated")
    api.rescrape_all(config, Diagnostics())
    before = _tree(project / "specs")
    page = next((project / "specs" / "pages" / "ym_rest").glob("*.txt"))
    nav = next((project / "specs" / "pages" / "nav").glob("*.txt"))
    nav.write_text(nav.read_text().replace("NAV.ServiceModel", "NAV.Other"))
    page.write_text(page.read_text()[:-200])  # truncated sample: an error
    with pytest.raises(GeneratorError):
        api.rescrape_all(config, Diagnostics())
    after = _tree(project / "specs")
    del (
        after[str(page.relative_to(project / "specs"))],
        after[str(nav.relative_to(project / "specs"))],
    )
    del (
        before[str(page.relative_to(project / "specs"))],
        before[str(nav.relative_to(project / "specs"))],
    )
    assert after == before  # nav.json was not rewritten although its page changed


def test_commit_rolls_back_written_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "sub" / "c.json"
    a.write_bytes(b"old a")
    real = api._atomic_write

    def failing(path: Path, data: bytes) -> None:
        if path == c:
            raise OSError(13, "Permission denied", str(path))
        real(path, data)

    monkeypatch.setattr(api, "_atomic_write", failing)
    with pytest.raises(GeneratorError):
        api.commit([(a, b"new a"), (b, b"new b"), (c, b"new c")])
    assert a.read_bytes() == b"old a" and not b.exists() and not c.exists()


def test_generate_into_the_current_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config(specs_dir=project / "specs", out_dir=Path("."))
    api.rescrape_all(config, Diagnostics())
    out = project / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    api.generate(config, Diagnostics())
    assert (out / "nav" / "dtos.py").is_file()
    assert not any(p.name.startswith(".out.") for p in project.iterdir())
