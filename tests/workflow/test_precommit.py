"""The hooks of ``.pre-commit-hooks.yaml`` in a real ``git commit`` run by pre-commit.

A scratch hook repository holds this repository's ``.pre-commit-hooks.yaml`` (the hooks are
``language: system``, so nothing else is needed and nothing is downloaded); a scratch
project uses it through the README's ``.pre-commit-config.yaml`` (``repo`` and ``rev``
pointed at the scratch repository) and ``pre-commit install``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator import api
from generator.config import Config
from generator.diagnostics import Diagnostics

from ..conftest import ROOT, SPECS
from .clitools import readme_blocks

BIN = Path(sys.executable).parent


def _env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV"))
    }
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
        HOME=str(tmp_path / "home"),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
    )
    (tmp_path / "home").mkdir(exist_ok=True)
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run git; hook output (stderr) is folded into stdout."""
    return subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )


def test_hooks_regenerate_and_check_on_commit(tmp_path: Path) -> None:
    env = _env(tmp_path)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", hooks / ".pre-commit-hooks.yaml")
    assert _git(hooks, env, "init", "-q").returncode == 0
    _git(hooks, env, "add", ".")
    assert _git(hooks, env, "commit", "-q", "-m", "hooks").returncode == 0
    rev = _git(hooks, env, "rev-parse", "HEAD").stdout.strip()

    project = tmp_path / "project"
    shutil.copytree(SPECS / "pages" / "myapp", project / "specs" / "pages" / "myapp")
    config = Config(specs_dir=project / "specs", out_dir=project / "generated")
    api.rescrape_all(config, Diagnostics())
    api.generate(config, Diagnostics())
    readme = next(
        t for lang, t in readme_blocks("Use in CI / pre-commit / vendoring") if lang == "yaml"
    )
    assert "repo: https://git.example.org/tools/dtogen\n" in readme and "rev: v0.1.0\n" in readme
    (project / ".pre-commit-config.yaml").write_text(
        readme.replace("https://git.example.org/tools/dtogen", str(hooks)).replace("v0.1.0", rev)
    )
    assert _git(project, env, "init", "-q").returncode == 0
    install = subprocess.run(
        [str(BIN / "pre-commit"), "install"], cwd=project, env=env, capture_output=True, text=True
    )
    assert install.returncode == 0, install.stdout + install.stderr
    _git(project, env, "add", ".")
    assert _git(project, env, "commit", "-q", "--no-verify", "-m", "initial").returncode == 0

    spec = project / "specs" / "myapp.json"
    data = json.loads(spec.read_text())
    data["title"] = "Renamed App"
    spec.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    _git(project, env, "add", "specs/myapp.json")
    second = _git(project, env, "commit", "-m", "rename")
    assert second.returncode == 1, second.stdout
    assert re.search(r"^dtogen generate\.+Failed$", second.stdout, re.M), second.stdout
    assert "- files were modified by this hook" in second.stdout
    assert "Renamed App" in (project / "generated" / "myapp" / "dtos.py").read_text()
    status = _git(project, env, "status", "--porcelain").stdout.splitlines()
    assert status[-1] == "M  specs/myapp.json"  # staged by us; the hook's changes are not
    assert {line[:3] for line in status[:-1]} == {" M "}
    changed = {line[3:] for line in status[:-1]}
    assert {f"generated/myapp/{f}" for f in ("README.md", "client.py", "dtos.py")} <= changed
    assert all(f.startswith("generated/myapp/") for f in changed)
    _git(project, env, "add", "generated")
    third = _git(project, env, "commit", "-m", "rename, regenerated")
    assert third.returncode == 0, third.stdout
    assert re.search(r"^dtogen generate\.+Passed$", third.stdout, re.M), third.stdout
    assert re.search(r"^dtogen check\.+Passed$", third.stdout, re.M), third.stdout

    dtos = project / "generated" / "myapp" / "dtos.py"
    dtos.write_text(dtos.read_text().replace("Renamed App", "Hand Edited"))
    _git(project, env, "add", "generated")
    fourth = _git(project, {**env, "SKIP": "dtogen-generate"}, "commit", "-m", "hand edit")
    assert fourth.returncode == 1, fourth.stdout
    assert re.search(r"^dtogen generate\.+Skipped$", fourth.stdout, re.M), fourth.stdout
    assert re.search(r"^dtogen check\.+Failed$", fourth.stdout, re.M), fourth.stdout
    assert '-"""Data transfer objects of the Hand Edited service' in fourth.stdout
    assert '+"""Data transfer objects of the Renamed App service' in fourth.stdout
    assert "Hand Edited" in dtos.read_text()  # the check hook changes nothing
