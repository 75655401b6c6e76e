"""``[tool.dtogen]`` in pyproject.toml: services, sources, options, the name override map."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.config import SERVICE_KEYS, TOP_KEYS, Config, ServiceConfig, load_config
from generator.diagnostics import GeneratorError

from ..conftest import ROOT, SPECS
from .clitools import dtogen, tree

FULL = """
[project]
name = "billing-client"

[tool.dtogen]
specs = "api/specs"
out = "src/vendor"

[tool.dtogen.services.billing]
sources = ["docs/pages", "docs/Extra.txt", "https://billing.example.org/json/metadata?op=Pay"]
json_naming = "declared"

[tool.dtogen.services.billing.names]
"BaseSharedDto.ClientID" = "client_number"
"Invoice" = "BillingInvoice"

[tool.dtogen.services.auth]
"""


def test_full_configuration_is_read_relative_to_its_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(FULL)
    config = load_config(tmp_path / "pyproject.toml")
    assert config == Config(
        specs_dir=tmp_path / "api/specs",
        out_dir=tmp_path / "src/vendor",
        services=(
            ServiceConfig(name="auth"),
            ServiceConfig(
                name="billing",
                sources=(
                    str(tmp_path / "docs/pages"),
                    str(tmp_path / "docs/Extra.txt"),
                    "https://billing.example.org/json/metadata?op=Pay",
                ),
                json_naming="declared",
                names=(("BaseSharedDto.ClientID", "client_number"), ("Invoice", "BillingInvoice")),
            ),
        ),
        config_file=tmp_path / "pyproject.toml",
    )


def test_no_file_or_no_table_means_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_config() == Config()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert load_config() == Config(config_file=Path("pyproject.toml"))


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("[tool.dtogen]\nspec = 'x'\n", "tool.dtogen.spec", "unknown configuration key 'spec'"),
        (
            "[tool.dtogen.services.a]\njson_naming = 'snake'\n",
            "tool.dtogen.services.a.json_naming",
            "unknown JSON naming 'snake'",
        ),
        (
            "[tool.dtogen.services.a]\nsource = []\n",
            "tool.dtogen.services.a.source",
            "unknown configuration key 'source'",
        ),
        (
            "[tool.dtogen.services.a.names]\n'T.F' = 'class'\n",
            'tool.dtogen.services.a.names."T.F"',
            "'class' is not a usable Python identifier",
        ),
        ("[tool.dtogen]\nout = 5\n", "tool.dtogen.out", "expected a non-empty string, got 5"),
        ("[tool.dtogen\n", "pyproject.toml", "not valid TOML"),
    ],
)
def test_bad_configuration_names_file_and_key(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(text)
    with pytest.raises(GeneratorError) as info:
        load_config(path)
    (d,) = info.value.diagnostics
    assert d.where.endswith(where) and message in d.message, d.render()


def test_cli_reports_a_bad_configuration_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("pyproject.toml").write_text("[tool.dtogen]\nspec = 'x'\n")
    code, out, err = dtogen("generate")
    assert code == 1 and "Traceback" not in out + err
    assert err.startswith("error: pyproject.toml: tool.dtogen.spec: unknown configuration key")
    assert dtogen("check", "--config", "missing.toml")[2].startswith(
        "error: missing.toml: configuration file not found"
    )


def test_help_and_readme_document_every_key() -> None:
    code, out, _ = dtogen("--help")
    assert code == 0
    readme = (ROOT / "README.md").read_text()
    for key in (*TOP_KEYS, *SERVICE_KEYS):
        assert re.search(rf"^\s+{key}\s", out, re.M), key
        assert re.search(rf"^{key} = ", readme, re.M) or f"`{key}`" in readme, key


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory (the cwd) and bundled pages kept outside its specs folder."""
    shutil.copytree(SPECS / "pages", tmp_path / "saved")
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")
    return tmp_path / "project"


def test_configured_services_are_scraped_from_their_sources(repo: Path) -> None:
    Path("pyproject.toml").write_text(
        "[tool.dtogen]\n"
        'specs = "api"\n'
        'out = "pkg"\n'
        "[tool.dtogen.services.myapp]\n"
        'sources = ["../saved/myapp"]\n'
        "[tool.dtogen.services.ids]\n"
        'sources = ["../saved/nav/AuthenticationClientCredentialsTokenCreate.txt"]\n'
    )
    code, out, _ = dtogen("scrape")
    assert (code, out) == (0, "wrote api/ids.json (1 page(s), 1 added)\nwrote api/myapp.json "
                              "(1 page(s), 1 added)\n")  # fmt: skip
    assert sorted(tree(repo / "api" / "pages")) == [
        "ids/AuthenticationClientCredentialsTokenCreate.txt",
        "myapp/GetAccessToken.txt",
    ]
    assert dtogen("generate")[0] == 0
    assert (repo / "pkg" / "ids" / "client.py").is_file()
    assert dtogen("generate", "--out", "other")[0] == 0  # the command line wins
    assert tree(repo / "other") == tree(repo / "pkg")


def _wire_names(spec: Path, type_name: str) -> list[str]:
    data = json.loads(spec.read_text())
    t = next(t for t in data["types"] if t["name"] == type_name)
    return [m["wire_name"] for m in t["json"]["members"]]


def test_json_naming_option_and_its_command_line_override(repo: Path) -> None:
    Path("pyproject.toml").write_text(
        '[tool.dtogen.services.myapp]\nsources = ["../saved/myapp"]\njson_naming = "declared"\n'
    )
    assert dtogen("scrape", "--service", "myapp")[0] == 0
    spec = repo / "specs" / "myapp.json"
    assert _wire_names(spec, "GetAccessToken") == ["RefreshToken", "Meta"]  # XML samples only
    assert dtogen("generate")[0] == 0
    assert '"RefreshToken"' in (repo / "generated/myapp/dtos.py").read_text()
    assert dtogen("scrape", "--service", "myapp", "--json-naming", "camel")[0] == 0
    assert _wire_names(spec, "GetAccessToken") == ["refreshToken", "meta"]
    code, out, _ = dtogen("check")
    assert code == 1 and '+            d["refreshToken"] = v0' in out.splitlines()


def test_json_naming_against_the_samples_warns(repo: Path) -> None:
    Path("pyproject.toml").write_text(
        '[tool.dtogen.services.dx_stf]\nsources = ["../saved/dx_stf"]\njson_naming = "declared"\n'
    )
    code, _, err = dtogen("scrape", "--service", "dx_stf")
    assert code == 0
    assert "JSON samples use camel member names but json_naming = 'declared'" in err
    assert _wire_names(repo / "specs" / "dx_stf.json", "GetAuthToken") == [
        "clientId",
        "clientSecret",
        "scope",
    ]


def test_name_collision_hint_is_the_exact_line_to_add(repo: Path) -> None:
    code, _, err = dtogen("scrape", "../saved/ym_rest", "--service", "ym_rest")
    assert code == 0
    hint = re.search(r"add the line '(.+)' under \[(.+)\] in pyproject\.toml", err)
    assert hint is not None, err
    line, table = hint.groups()
    assert (line, table) == (
        '"BaseSharedDto.ClientID" = "client_i_d"',
        "tool.dtogen.services.ym_rest.names",
    )
    Path("pyproject.toml").write_text(f"[{table}]\n{line.replace('client_i_d', 'client_number')}\n")
    code, _, err = dtogen("scrape", "--service", "ym_rest")
    assert code == 0 and "both map to Python name" not in err
    assert dtogen("generate")[0] == 0
    dtos = (repo / "generated" / "ym_rest" / "dtos.py").read_text()
    assert "    client_number: int = 0\n" in dtos and "client_i_d" not in dtos
    assert "    client_id: str | None = None\n" in dtos
    Path("pyproject.toml").write_text(f"[{table}]\n{line.replace('client_i_d', 'client_no')}\n")
    code, out, _ = dtogen("check")  # a config change reaches check too
    assert code == 1 and "+    client_no: int = 0" in out.splitlines()


def test_overrides_that_collide_or_name_nothing(repo: Path) -> None:
    assert dtogen("scrape", "../saved/ym_rest", "--service", "ym_rest")[0] == 0
    Path("pyproject.toml").write_text(
        "[tool.dtogen.services.ym_rest.names]\n"
        '"BaseSharedDto.ClientID" = "client_id"\n'
        '"OIDCGetAccessToken.client_id" = "client_id"\n'
    )
    code, _, err = dtogen("generate")
    assert code == 1 and "are both pinned to 'client_id'" in err
    Path("pyproject.toml").write_text(
        '[tool.dtogen.services.ym_rest.names]\n"OIDCGetAccessToken.ClientID" = "cid"\n'
        '"Device" = "DeviceKind"\n'
    )
    code, _, err = dtogen("generate")
    assert code == 0
    assert "'OIDCGetAccessToken.ClientID' names no type or member" in err
    assert "hint: did you mean 'BaseSharedDto.ClientID'?" in err
    assert "class DeviceKind(" in (repo / "generated/ym_rest/dtos.py").read_text()
