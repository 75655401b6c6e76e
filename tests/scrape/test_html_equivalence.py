"""The HTML of each example page and its text rendering give the same records and IR."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Diagnostics
from generator.ir import Source, Spec
from generator.mapper import build_spec
from generator.scrape import decode_page, parse_page_text
from generator.scrape.records import PageRecord

SPECS = Path(__file__).resolve().parents[2] / "specs"
HTML = Path(__file__).parent / "fixtures" / "html"
PAIRS = {
    "dx_stf": ("GetAuthToken.txt", "GetAuthToken.json.vbnet.html"),
    "myapp": ("GetAccessToken.txt", "GetAccessToken.xml.python.html"),
    "nav": (
        "AuthenticationClientCredentialsTokenCreate.txt",
        "AuthenticationClientCredentialsTokenCreate.xml.vbnet.html",
    ),
    "webapi_auth": ("POST-api-v1-auth-token.txt", "POST-api-v1-auth-token.html"),
    "ym_rest": ("OIDCGetAccessToken.txt", "OIDCGetAccessToken.xml.html"),
}


def _page(path: Path, diags: Diagnostics) -> PageRecord:
    text = decode_page(path.read_bytes(), path.name, diags)
    assert text is not None
    page = parse_page_text("page", text, diags)
    assert page is not None, [d.render() for d in diags]
    return page


def _strip(value: Any) -> Any:
    """The value with provenance removed: line numbers zeroed, page names unified."""
    if isinstance(value, Source):
        return dataclasses.replace(value, page="page", line=0)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _strip(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name in ("line", "start_line", "body_line"):
            if name in changes:
                changes[name] = 0
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_strip(v) for v in value)
    return value


def _spec(service: str, *pages: PageRecord) -> tuple[Spec, list[str]]:
    diags = Diagnostics()
    spec = build_spec(service, list(pages), diags)
    assert spec is not None, [d.render() for d in diags]
    return spec, sorted(f"{d.level}: {d.message}" for d in diags)


@pytest.mark.parametrize("service", sorted(PAIRS))
def test_html_and_text_renderings_give_the_same_ir(service: str) -> None:
    text_name, html_name = PAIRS[service]
    text_diags, html_diags = Diagnostics(), Diagnostics()
    text_page = _page(SPECS / "pages" / service / text_name, text_diags)
    html_page = _page(HTML / service / html_name, html_diags)
    assert _strip(html_page) == _strip(text_page)
    text_spec, text_msgs = _spec(service, text_page)
    html_spec, html_msgs = _spec(service, html_page)
    assert _strip(html_spec) == _strip(text_spec)
    assert html_msgs == text_msgs
    assert not [d for d in html_diags if d.level != "info"]


def _encoded(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


@pytest.mark.parametrize("service", sorted(PAIRS))
def test_html_records_point_at_html_lines(service: str) -> None:
    path = HTML / service / PAIRS[service][1]
    lines = path.read_text().splitlines()
    page = _page(path, Diagnostics())
    bodies = [s for s in page.samples if s.body is not None]
    assert len(bodies) == 4 if service == "webapi_auth" else 2
    for sample in bodies:
        assert sample.body is not None
        assert _encoded(sample.body.split("\n")[0]) in lines[sample.body_line - 1]
    for t in page.types:
        if t.source.startswith("code:"):
            assert re.search(rf"\b[Cc]lass {t.name}\b", lines[t.line - 1])
        elif t.source == "table":
            assert f"<b>{t.name}</b> Parameters:" in lines[t.line - 1]


def test_pages_of_one_operation_merge_into_one_operation() -> None:
    text_page = _page(SPECS / "pages" / "myapp" / "GetAccessToken.txt", Diagnostics())
    html_page = _page(HTML / "myapp" / "GetAccessToken.xml.python.html", Diagnostics())
    html_page = dataclasses.replace(html_page, source="other")
    alone, _ = _spec("myapp", text_page)
    both, _ = _spec("myapp", text_page, html_page)
    (op,) = both.operations
    assert [s.page for s in op.sources] == ["page", "other"]
    assert dataclasses.replace(op, sources=()) == dataclasses.replace(
        alone.operations[0], sources=()
    )
    assert [(s.direction, s.source.page) for s in both.samples] == [
        ("request", "other"),
        ("response", "other"),
    ]  # the same two messages, printed on both pages, are kept once (first by page name)
