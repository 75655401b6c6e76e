"""``client.send`` is typed per request class: mypy --strict on a generated client and its use."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

USE = """\
from shop import CreateGiftItem, CreateItem, DeleteItem, FindItems, GetItem
from shop import CreateGiftItemResponse, CreateItemResponse, FindItemsResponse, GetItemResponse
from shop.client import Client, WebServiceError

client = Client("http://127.0.0.1:1", format="xml", timeout=2.5, headers={"X-A": "b"})
client.set_bearer_token("t")
item: GetItemResponse = client.send(GetItem(id=1))
found: FindItemsResponse = client.send(FindItems(name="x"))
created: CreateItemResponse = client.send(CreateItem(name="x"))
gift: CreateGiftItemResponse = client.send(CreateGiftItem(message="m"))
nothing: None = client.send(DeleteItem(id=1))
try:
    client.send(GetItem(id=2))
except WebServiceError as err:
    code: int = err.status_code
    message: str | None = err.response_status.message if err.response_status else None
wrong: FindItemsResponse = client.send(GetItem(id=3))
"""


def test_send_overloads_type_check(shop_root: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(shop_root / "generated" / "shop", work / "shop")
    (work / "use.py").write_text(USE)
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "use.py"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in out.stdout.splitlines() if ": error:" in line]
    assert lines == [
        "use.py:17: error: Incompatible types in assignment (expression has type "
        '"GetItemResponse", variable has type "FindItemsResponse")  [assignment]'
    ], out.stdout
    assert out.returncode == 1
