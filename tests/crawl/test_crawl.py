"""``dtogen crawl`` / ``dtogen scrape URL`` against loopback fake sites with injected faults."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import api
from generator.cli import _ProgressBar, main
from generator.config import Config
from generator.crawl import CrawlOptions, page_name
from generator.diagnostics import Diagnostics, GeneratorError
from generator.fetch import FetchOptions

from . import fake_sites
from .server import LoopbackServer, Reply

FAST = ("--timeout", "0.5", "--retries", "1")
GOOD = sorted(op.name for op in fake_sites.fake_ops())


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as s:
        yield s


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_crawl_of_a_servicestack_service_with_faults(
    server: LoopbackServer, tmp_path: Path
) -> None:
    server.routes.update(fake_sites.servicestack_site(server.url, slow=2.0))
    specs, out = tmp_path / "specs", tmp_path / "generated"
    code, stdout, stderr = _cli(
        "crawl", server.url, "--service", "fake", "--specs", str(specs), *FAST
    )
    assert code == 3, stderr
    base = server.url
    assert stdout.splitlines() == [
        f"crawled {base}/metadata: 28 operation(s); 49 page(s) fetched (49 written, 0 unchanged),"
        " 7 failed",
        f"failed: BrokenOp: {base}/json/metadata?op=BrokenOp: malformed page: BrokenOp.json.html:1:"
        " no sample section (div.request > pre with 'VERB /path HTTP/1.1') found",
        "failed: ElsewhereOp: http://example.invalid/json/metadata?op=ElsewhereOp: refused: link"
        " leads to another host",
        f"failed: LoopOp: {base}/json/metadata?op=LoopOp: redirect loop (2 redirects back to"
        f" {base}/json/metadata?op=LoopOp)",
        f"failed: LoopOp: {base}/xml/metadata?op=LoopOp: redirect loop (2 redirects back to"
        f" {base}/xml/metadata?op=LoopOp)",
        f"failed: MissingOp: {base}/json/metadata?op=MissingOp: HTTP 404 Not Found",
        f"failed: MissingOp: {base}/xml/metadata?op=MissingOp: HTTP 404 Not Found",
        f"failed: SlowOp: {base}/json/metadata?op=SlowOp: timed out after 0.5 s",
        f"wrote {specs / 'fake.json'} (48 page(s))",
    ]
    pages = _tree(specs / "pages" / "fake")
    assert len(pages) == 49 and "metadata.html" in pages
    modes = {name.split(".", 1)[1] for name in pages if name.startswith(tuple(GOOD))}
    assert modes == {"json.html", "xml.csharp.html", "xml.python.html", "xml.html"}
    assert server.hits["/json/metadata?op=FlakyOp"] == 2  # a 500, then the page
    assert server.hits["/xml/metadata?op=GetOrder01&lang=csharp"] == 1
    assert server.hits["/xml/metadata?op=CreateCustomer11&lang=csharp"] == 1  # 404: Python used
    assert server.hits["/xml/metadata?op=CreateCustomer11&lang=python"] == 1

    spec = json.loads((specs / "fake.json").read_text())
    assert sorted(op["name"] for op in spec["operations"]) == sorted(
        [*GOOD, "BrokenOp", "FlakyOp", "SlowOp"]
    )
    assert len(spec["samples"]) == 4 * 25 - 4  # BrokenOp and SlowOp: XML samples only
    assert _cli("generate", "--specs", str(specs), "--out", str(out))[0] == 0
    code, stdout, stderr = _cli("verify", "--specs", str(specs), "--out", str(out))
    assert code == 0, stdout[-2000:] + stderr
    assert stdout.splitlines()[-1] == f"{len(stdout.splitlines()) - 1} passed, 0 failed"

    # a re-crawl rewrites nothing; every page and the spec stay byte-identical
    before, spec_before = pages, (specs / "fake.json").read_bytes()
    diags = Diagnostics()
    options = CrawlOptions(fetch=FetchOptions(timeout=0.5, retries=0))
    result = api.crawl(server.url, "fake", Config(specs_dir=specs), diags, options)
    assert (result.report.written, len(result.report.unchanged)) == ((), 49)
    assert _tree(specs / "pages" / "fake") == before
    assert (specs / "fake.json").read_bytes() == spec_before


def test_a_changed_page_is_the_only_file_rewritten(server: LoopbackServer, tmp_path: Path) -> None:
    server.routes.update(fake_sites.servicestack_site(server.url, slow=0.0))
    config = Config(specs_dir=tmp_path / "specs")
    options = CrawlOptions(fetch=FetchOptions(timeout=0.5, retries=1, backoff=0.01), connections=2)
    api.crawl(server.url, "fake", config, Diagnostics(), options)
    folder = config.pages_dir / "fake"
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    page = "/json/metadata?op=GetOrder01"
    text = server.routes[page](1).body.decode().replace("<h1>Fake Service</h1>", "<h1>Fake</h1>")
    server.routes[page] = lambda _: Reply(200, text.encode(), [("Content-Type", "text/html")])
    progress: list[tuple[int, int, str]] = []
    report = api.crawl(
        server.url, "fake", config, Diagnostics(), options, lambda *a: progress.append(a)
    ).report
    assert report.written == ("GetOrder01.json.html",)
    assert [p.name for p in folder.iterdir() if p.stat().st_mtime_ns != stamps[p.name]] == [
        "GetOrder01.json.html"
    ]
    assert [(d, t) for d, t, _ in progress] == [(n, 27) for n in range(1, 28)]


def test_crawl_of_a_private_web_api_help_site(server: LoopbackServer, tmp_path: Path) -> None:
    server.routes.update(fake_sites.webapi_site())
    server.guard = (
        lambda h: h.get("Cookie") == "session=s3cret; lang=en" and h.get("X-Api-Key") == "k"
    )
    specs, out = tmp_path / "specs", tmp_path / "generated"
    auth = ("--cookie", "session=s3cret", "--cookie", "lang=en", "--header", "X-Api-Key: k")
    code, stdout, stderr = _cli(
        "crawl", f"{server.url}/Help", "--service", "help", "--specs", str(specs), *FAST, *auth
    )
    assert code == 0, stderr
    assert stdout.splitlines()[0] == (
        f"crawled {server.url}/Help: 3 operation(s); 4 page(s) fetched (4 written, 0 unchanged),"
        " 0 failed"
    )
    assert sorted(_tree(specs / "pages" / "help")) == [
        "GET-api-values-latest.html",
        "Help.html",
        "POST-api-values.html",
        "PUT-api-items.html",
    ]
    spec = json.loads((specs / "help.json").read_text())
    assert [(o["name"], o["request"], o["response"]) for o in spec["operations"]] == [
        ("GetApiValuesLatest", "GetApiValuesLatestRequest", "ValueModel"),
        ("PostApiValues", "ValueModel", None),
        ("PutApiItems", "ItemModel", "ItemModel"),
    ]
    assert _cli("generate", "--specs", str(specs), "--out", str(out))[0] == 0
    code, stdout, _ = _cli("verify", "--specs", str(specs), "--out", str(out))
    assert code == 0 and stdout.splitlines()[-1].endswith(" passed, 0 failed")

    code, _, _ = _cli(
        "crawl", f"{server.url}/Help", "--service", "help2", "--specs", str(specs), *FAST
    )
    assert code == 1  # without the cookie: the index answers 401
    assert not (specs / "help2.json").exists()


def test_no_index_means_exit_1_and_nothing_written(server: LoopbackServer, tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    code, stdout, stderr = _cli(
        "crawl", server.url, "--service", "none", "--specs", str(specs), *FAST
    )
    assert code == 1 and stdout == ""
    assert stderr.splitlines()[0] == (
        f"error: {server.url}: no operations index found ({server.url}: HTTP 404 Not Found; "
        f"{server.url}/metadata: HTTP 404 Not Found; {server.url}/Help: HTTP 404 Not Found)"
    )
    assert not specs.exists()


def test_crawl_refuses_non_http_urls(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError, match="not an http"):
        api.crawl("file:///etc", "x", Config(specs_dir=tmp_path), Diagnostics())


def test_scrape_of_one_url(server: LoopbackServer, tmp_path: Path) -> None:
    server.routes.update(fake_sites.servicestack_site(server.url, slow=0.0))
    specs = tmp_path / "specs"
    url = f"{server.url}/xml/metadata?op=GetOrder01&lang=csharp"
    code, stdout, stderr = _cli("scrape", url, "--service", "one", "--specs", str(specs), *FAST)
    assert code == 0, stderr
    assert stdout == f"wrote {specs / 'one.json'} (1 page(s), 1 added)\n"
    assert sorted(_tree(specs / "pages" / "one")) == ["GetOrder01.xml.csharp.html"]
    code, _, stderr = _cli(
        "scrape", f"{server.url}/nope", "--service", "two", "--specs", str(specs), *FAST
    )
    assert code == 1
    assert stderr.splitlines()[0] == f"error: {server.url}/nope: HTTP 404 Not Found"
    assert not (specs / "pages" / "two").exists()


def test_bad_header_option_is_a_usage_error() -> None:
    code, _, stderr = _cli("crawl", "http://127.0.0.1:9/", "--service", "x", "--header", "nocolon")
    assert code == 2 and "'nocolon' is not 'Name: value'" in stderr


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("http://h/json/metadata?op=GetThing", "GetThing.json.html"),
        ("http://h/api/xml/metadata?op=GetThing&lang=csharp", "GetThing.xml.csharp.html"),
        ("http://h/Help/Api/POST-api-v1-auth-token", "POST-api-v1-auth-token.html"),
        ("http://h/metadata", "metadata.html"),
        ("http://h/", "index.html"),
        ("http://h/json/metadata?op=../../etc/passwd", "etc-passwd.json.html"),
    ],
)
def test_page_names(url: str, name: str) -> None:
    assert page_name(url) == name


def test_the_operation_count_is_capped(server: LoopbackServer, tmp_path: Path) -> None:
    server.routes.update(fake_sites.webapi_site())
    diags = Diagnostics()
    options = CrawlOptions(fetch=FetchOptions(timeout=0.5), max_operations=2)
    result = api.crawl(server.url + "/Help", "capped", Config(specs_dir=tmp_path), diags, options)
    assert result.report.operations == ("GET-api-values-latest", "POST-api-values")
    assert [d.message for d in diags if d.level == "warning"] == [
        "the index lists 3 operations; only the first 2 are crawled"
    ]
    assert server.hits["/Help/Api/PUT-api-items"] == 0


def test_crawl_help_and_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = _cli("crawl", "--help")
    assert code == 0 and "--timeout" in stdout and "--cookie" in stdout and "3 when" in stdout
    bar = _ProgressBar()
    bar(1, 4, "GetThing")
    bar.close()
    assert capsys.readouterr().err == f"\r[{'#' * 7}{'.' * 23}] 1/4 {'GetThing':<40}\n"
