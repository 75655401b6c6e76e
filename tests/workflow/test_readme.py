"""The README's configuration and "Use in CI / pre-commit / vendoring" sections, run as written.

(The pre-commit part is run by ``test_precommit.py`` with the README's own
``.pre-commit-config.yaml``, only ``repo``/``rev`` pointed at a scratch copy of the hooks.)
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ..conftest import SPECS
from .clitools import dtogen, readme_blocks
from .loopback import Answer, Loopback

SECTION = "Use in CI / pre-commit / vendoring"


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the README's pyproject.toml and the pages its sources name."""
    ((lang, toml),) = readme_blocks("Configuration: `[tool.dtogen]` in `pyproject.toml`")
    assert lang == "toml"
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(toml)
    for service, options in tomllib.loads(toml)["tool"]["dtogen"]["services"].items():
        for source in options["sources"]:
            dest = project / source
            if dest.suffix == ".txt":
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(SPECS / "pages" / service / dest.name, dest)
            else:
                shutil.copytree(SPECS / "pages" / service, dest)
    monkeypatch.chdir(project)
    return project


def test_configuration_example_and_ci_commands(configured: Path) -> None:
    code, out, err = dtogen("scrape")
    assert code == 0, err
    assert out == (
        "wrote specs/myapp.json (1 page(s), 1 added)\nwrote specs/ym_rest.json (1 page(s), 1 added)\n"
    )
    assert "both map to Python name" not in err  # the README's names line settles it
    assert dtogen("generate")[0] == 0
    assert "    client_number: int = 0\n" in (configured / "generated/ym_rest/dtos.py").read_text()
    ci = next(text for lang, text in readme_blocks(SECTION) if lang == "sh")
    commands = [shlex.split(line) for line in ci.splitlines() if line.strip()]
    assert commands == [["dtogen", "check"], ["dtogen", "verify"]]
    for command in commands:
        code, out, err = dtogen(*command[1:])
        assert code == 0, out + err
    spec = configured / "specs" / "myapp.json"
    data = json.loads(spec.read_text())
    data["types"][0]["description"] = "Asks for a new access token."
    spec.write_text(json.dumps(data))
    code, out, err = dtogen(*commands[0][1:])
    assert code == 1
    assert '+    """Asks for a new access token.' in out.splitlines()
    assert "run 'make generate' (or 'dtogen generate') to update it" in err


def test_vendoring_commands_and_snippet(fresh_project: Path, tmp_path: Path) -> None:
    blocks = readme_blocks(SECTION)
    copy = next(text for lang, text in blocks if lang == "sh" and "cp -r" in text)
    snippet = next(text for lang, text in blocks if lang == "python")
    project = tmp_path / "project"
    shutil.copytree(fresh_project, project)
    subprocess.run(["bash", "-e", "-c", copy], cwd=project, check=True)
    assert (project / "vendor" / "myapp" / "client.py").is_file()
    url = "https://vue-vite-api.jamstacks.net"
    assert snippet.count(url) == 1
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(project / "vendor")}
    with Loopback() as server:
        server.answer(
            Answer(200, b'{"accessToken":"fresh-token"}'),
            Answer(401, b'{"responseStatus":{"errorCode":"Expired","message":"log in again"}}'),
        )
        script = snippet.replace(url, server.url)
        (project / "snippet.py").write_text(script)
        runs = [
            subprocess.run(
                [sys.executable, "-s", "snippet.py"],
                cwd=project,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            for _ in range(2)
        ]
    assert [(r.returncode, r.stdout, r.stderr) for r in runs] == [
        (0, "fresh-token\n", ""),
        (0, "401 log in again\n", ""),
    ]
    seen = server.seen[0]
    assert (seen.method, seen.path) == ("POST", "/access-token")
    assert seen.headers["Authorization"] == "Bearer my-api-token"
    assert json.loads(seen.body) == {"refreshToken": "my-refresh-token"}
