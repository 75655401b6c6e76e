"""The dtogen command line: exit codes, messages, and that failures write nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import SPECS


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("command", [[], ["scrape"], ["generate"], ["check"], ["verify"]])
def test_every_command_has_help(command: list[str]) -> None:
    code, out, _ = _run(*command, "--help")
    assert code == 0 and "Usage:" in out


def test_scrape_generate_check_verify(project: Path) -> None:
    specs, out = str(project / "specs"), str(project / "generated")
    assert _run("scrape", "--all", "--specs", specs)[0] == 0
    code, stdout, _ = _run("generate", "--specs", specs, "--out", out)
    assert code == 0 and "deleted" in stdout
    assert _run("check", "--specs", specs, "--out", out) == (0, f"{out} is up to date\n", "")
    code, stdout, _ = _run("verify", "--specs", specs, "--out", out)
    assert code == 0 and stdout.rstrip().endswith("40 passed, 0 failed")


def test_check_reports_a_stale_package_with_a_diff(project: Path) -> None:
    specs, out = project / "specs", project / "generated"
    _run("scrape", "--all", "--specs", str(specs))
    _run("generate", "--specs", str(specs), "--out", str(out))
    data = json.loads((specs / "nav.json").read_text())
    data["types"][0]["description"] = "Edited description."
    (specs / "nav.json").write_text(json.dumps(data))
    before = _tree(out)
    code, stdout, stderr = _run("check", "--specs", str(specs), "--out", str(out))
    assert code == 1
    assert "+++ b/generated/nav/dtos.py" in stdout
    assert '+    """Edited description."""' in stdout.splitlines()
    assert "run 'make generate'" in stderr
    assert _tree(out) == before


def test_scrape_of_a_new_page_copies_it_into_the_service(project: Path, tmp_path: Path) -> None:
    page = tmp_path / "elsewhere" / "Op.txt"
    page.parent.mkdir()
    page.write_bytes(
        (SPECS / "pages" / "nav" / "AuthenticationClientCredentialsTokenCreate.txt").read_bytes()
    )
    code, stdout, _ = _run(
        "scrape", str(page), "--service", "fresh", "--specs", str(project / "specs")
    )
    assert code == 0, stdout
    assert (project / "specs" / "pages" / "fresh" / "Op.txt").read_bytes() == page.read_bytes()
    assert json.loads((project / "specs" / "fresh.json").read_text())["service"] == "fresh"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01garbage", "NUL bytes"),
        (b"hello world\n", "error:"),
        (b"\xff\xfe bad utf", "not UTF-8"),
    ],
)
def test_bad_page_fails_cleanly_and_writes_nothing(
    project: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    page = tmp_path / "bad.txt"
    page.write_bytes(content)
    before = _tree(project)
    code, stdout, stderr = _run(
        "scrape", str(page), "--service", "nav", "--specs", str(project / "specs")
    )
    assert code == 1
    assert message in stderr and "Traceback" not in stderr + stdout
    assert _tree(project) == before


def test_truncated_sample_names_file_and_line(project: Path) -> None:
    folder = project / "specs" / "pages" / "nav"
    path = next(folder.glob("*.txt"))
    text = path.read_text()
    path.write_text(text[: text.rindex("</d2p1:Errors>")])
    code, _, stderr = _run("scrape", "--service", "nav", "--specs", str(project / "specs"))
    assert code == 1
    assert f"error: pages/nav/{path.name}:" in stderr and "not well-formed" in stderr
    assert not (project / "specs" / "nav.json").exists()


def test_bad_service_name_is_a_clear_error(project: Path) -> None:
    code, _, stderr = _run("scrape", "--service", "json", "--specs", str(project / "specs"))
    assert code == 1 and "service names must be" in stderr


def test_missing_service_is_a_usage_error() -> None:
    assert _run("scrape")[0] == 2


def test_hand_edited_spec_is_rejected_with_a_path(project: Path) -> None:
    specs = project / "specs"
    _run("scrape", "--all", "--specs", str(specs))
    data = json.loads((specs / "nav.json").read_text())
    data["types"][0]["fields"][0]["type"] = 5
    (specs / "nav.json").write_text(json.dumps(data))
    code, _, stderr = _run("generate", "--specs", str(specs), "--out", str(project / "generated"))
    assert code == 1 and "$.types[0].fields[0].type" in stderr
    assert not (project / "generated").exists()
