"""A generated package copied alone into a fresh virtual environment without dtogen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.ir_io import read_spec

from ..conftest import GENERATED, SPECS
from .loopback import Answer, Loopback

SCRIPT = """\
import importlib.util, sys
for name in ("generator", "jinja2", "black", "click", "servicestack", "dataclasses_json"):
    assert importlib.util.find_spec(name) is None, name
from myapp import GetAccessToken, GetAccessTokenResponse, DecodeError
from myapp.client import Client, WebServiceError
import myapp
assert myapp.__file__.startswith(sys.argv[2]), myapp.__file__
sample = GetAccessTokenResponse.from_xml(open(sys.argv[3], "rb").read())
print("sample:", sample.access_token, sample.response_status.errors[0].field_name)
client = Client(sys.argv[1], format="xml", timeout=5)
client.set_bearer_token("vendored")
response = client.send(GetAccessToken(refresh_token="r-9"))
print("response:", type(response).__name__, response == sample)
try:
    client.send(GetAccessToken())
except WebServiceError as err:
    print("error:", err.status_code, err.response_status.error_code, err.response_status.message)
try:
    GetAccessTokenResponse.from_json('{"accessToken": 5}')
except DecodeError as err:
    print("decode:", err)
"""


def test_vendored_package_works_in_a_bare_venv(tmp_path: Path) -> None:
    vendor = tmp_path / "app" / "vendor"
    shutil.copytree(GENERATED / "myapp", vendor / "myapp", ignore=shutil.ignore_patterns("__py*"))
    assert sorted(p.name for p in (vendor / "myapp").iterdir()) == sorted(
        p.name for p in (GENERATED / "myapp").iterdir() if p.name != "__pycache__"
    )
    assert "dtogen generate" in (vendor / "myapp" / "README.md").read_text()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    samples = read_spec(SPECS / "myapp.json").samples
    response = next(s for s in samples if s.direction == "response").body
    request = next(s for s in samples if s.direction == "request").body
    (tmp_path / "sample.xml").write_text(response)
    (tmp_path / "use.py").write_text(SCRIPT)
    error = (
        b'<ErrorResponse xmlns="http://schemas.servicestack.net/types"><ResponseStatus>'
        b"<ErrorCode>Unauthorized</ErrorCode><Message>expired</Message></ResponseStatus>"
        b"</ErrorResponse>"
    )
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(vendor)}
    with Loopback() as server:
        server.answer(
            Answer(200, response.encode(), "application/xml"),
            Answer(401, error, "application/xml"),
        )
        out = subprocess.run(
            [str(python), "-s", "use.py", server.url, str(vendor), str(tmp_path / "sample.xml")],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "sample: String String",
        "response: GetAccessTokenResponse True",
        "error: 401 Unauthorized expired",
        "decode: $.accessToken: expected a string, got 5",
    ]
    first = server.seen[0]
    assert (first.method, first.path) == ("POST", "/access-token")
    assert first.headers["Authorization"] == "Bearer vendored"
    assert first.headers["Content-Type"] == "application/xml; charset=utf-8"
    assert b"<RefreshToken>r-9</RefreshToken>" in first.body
    assert request.startswith("<GetAccessToken ")
