"""The committed specs/ and generated/ are golden records: a fresh run must reproduce them."""

from __future__ import annotations

import shutil
from pathlib import Path

import black
import pytest

from generator import api
from generator.config import Config
from generator.diagnostics import Diagnostics
from generator.render import BLACK_MODE

from ..conftest import GENERATED, ROOT, SERVICES, SPECS


def test_generated_matches_a_fresh_run() -> None:
    plan, diff = api.check(Config(specs_dir=SPECS, out_dir=GENERATED), Diagnostics())
    assert plan.is_noop, f"generated/ is stale; run 'make generate' and review:\n{diff}"


def test_specs_match_a_fresh_scrape(project: Path) -> None:
    config = Config(specs_dir=project / "specs", out_dir=project / "generated")
    api.rescrape_all(config, Diagnostics())
    for service in SERVICES:
        fresh = (project / "specs" / f"{service}.json").read_bytes()
        assert fresh == (SPECS / f"{service}.json").read_bytes(), service


def test_two_runs_are_byte_identical_and_black_stable(project: Path) -> None:
    config = Config(specs_dir=project / "specs", out_dir=project / "generated")
    diags = Diagnostics()
    api.rescrape_all(config, diags)
    api.generate(config, diags)
    first = {
        p.relative_to(project): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()
    }
    shutil.rmtree(project / "generated")
    api.generate(config, diags)
    api.rescrape_all(config, diags)
    second = {
        p.relative_to(project): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()
    }
    assert first == second
    second_plan = api.generate(config, diags)
    assert second_plan.is_noop
    for path, data in first.items():
        if path.suffix == ".py" and path.parts[0] == "generated" and path.name != "_runtime.py":
            text = data.decode()
            assert black.format_str(text, mode=BLACK_MODE) == text, path


def test_output_does_not_depend_on_the_working_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    config = Config(specs_dir=Path("specs"), out_dir=Path("generated"))
    api.rescrape_all(config, Diagnostics())
    api.generate(config, Diagnostics())
    for service in SERVICES:
        assert (project / "specs" / f"{service}.json").read_bytes() == (
            SPECS / f"{service}.json"
        ).read_bytes()
        for path in (GENERATED / service).glob("*.py"):
            assert (project / "generated" / service / path.name).read_bytes() == path.read_bytes()


def test_no_timestamps_or_absolute_paths_in_output() -> None:
    for path in GENERATED.rglob("*.py"):
        text = path.read_text()
        assert str(ROOT) not in text and "/tmp" not in text, path
