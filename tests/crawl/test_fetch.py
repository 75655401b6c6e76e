"""generator.fetch against a loopback server: limits hold against hostile servers."""

from __future__ import annotations

import gzip
import itertools
import time
from collections.abc import Iterator

import pytest

from generator.fetch import Fetcher, FetchError, FetchOptions, same_origin

from .server import LoopbackServer, Reply, html, redirect

FAST = FetchOptions(timeout=0.5, retries=0, backoff=0.01, max_bytes=256 * 1024)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as s:
        yield s


def _get(server: LoopbackServer, path: str, options: FetchOptions = FAST) -> bytes:
    return Fetcher(server.url, options, sleep=lambda _: None).get(server.url + path).body


def _fails(server: LoopbackServer, path: str, options: FetchOptions = FAST) -> FetchError:
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        _get(server, path, options)
    assert time.monotonic() - started < 3 * options.timeout * (options.retries + 1) + 1
    return info.value


def test_a_page_is_fetched_and_redirects_followed(server: LoopbackServer) -> None:
    server.routes["/page"] = html("<p>hello</p>")
    server.routes["/"] = redirect("/page")
    assert _get(server, "/") == b"<p>hello</p>"
    assert server.hits["/page"] == 1


def test_gzip_bodies_are_decoded(server: LoopbackServer) -> None:
    data = gzip.compress(b"<p>zipped</p>")
    server.routes["/z"] = lambda _: Reply(200, data, [("Content-Encoding", "gzip")])
    assert _get(server, "/z") == b"<p>zipped</p>"


def test_404_is_not_retried(server: LoopbackServer) -> None:
    err = _fails(server, "/missing", FetchOptions(timeout=0.5, retries=3, backoff=0.01))
    assert (err.reason, err.status) == ("HTTP 404 Not Found", 404)
    assert server.hits["/missing"] == 1


def test_500_then_success_is_retried_with_backoff(server: LoopbackServer) -> None:
    server.routes["/flaky"] = lambda n: Reply(500) if n == 1 else Reply(200, b"ok")
    waits: list[float] = []
    fetcher = Fetcher(server.url, FetchOptions(timeout=0.5, retries=2, backoff=0.25), waits.append)
    assert fetcher.get(server.url + "/flaky").body == b"ok"
    assert waits == [0.25]


def test_retries_are_bounded_and_back_off_exponentially(server: LoopbackServer) -> None:
    server.routes["/down"] = lambda _: Reply(503)
    waits: list[float] = []
    fetcher = Fetcher(server.url, FetchOptions(timeout=0.5, retries=3, backoff=0.1), waits.append)
    with pytest.raises(FetchError, match="HTTP 503 Service Unavailable"):
        fetcher.get(server.url + "/down")
    assert server.hits["/down"] == 4
    assert waits == [0.1, 0.2, 0.4]


def test_a_page_slower_than_the_timeout_times_out(server: LoopbackServer) -> None:
    server.routes["/slow"] = lambda _: Reply(200, b"late", delay=2.0)
    err = _fails(server, "/slow")
    assert err.reason == "timed out after 0.5 s" and err.retry


def test_slowloris_headers_cannot_hold_the_crawler(server: LoopbackServer) -> None:
    head = (bytes([b]) for b in b"HTTP/1.0 200 OK\r\nX-Slow: ")
    trickle = ((b, 0.05) for b in itertools.chain(head, itertools.repeat(b"X")))
    server.routes["/loris"] = lambda _: Reply(raw=trickle)
    assert _fails(server, "/loris").reason == "timed out after 0.5 s"


def test_slowloris_body_cannot_hold_the_crawler(server: LoopbackServer) -> None:
    drip = ((b"<p>", 0.05) for _ in itertools.count())
    server.routes["/drip"] = lambda _: Reply(200, chunks=drip)
    assert _fails(server, "/drip").reason == "timed out after 0.5 s"


def test_an_endless_body_stops_at_the_size_cap(server: LoopbackServer) -> None:
    flood = ((b"x" * 65536, 0.0) for _ in itertools.count())
    server.routes["/endless"] = lambda _: Reply(200, chunks=flood)
    assert _fails(server, "/endless").reason == "page is larger than the 262144 bytes allowed"


def test_a_declared_oversized_body_is_refused_before_reading(server: LoopbackServer) -> None:
    server.routes["/big"] = lambda _: Reply(200, b"x" * 300_000)
    assert _fails(server, "/big").reason == "page is 300000 bytes, more than the 262144 allowed"


def test_a_gzip_bomb_stops_at_the_size_cap(server: LoopbackServer) -> None:
    bomb = gzip.compress(b"\0" * (16 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    server.routes["/bomb"] = lambda _: Reply(200, bomb, [("Content-Encoding", "gzip")])
    assert (
        _fails(server, "/bomb").reason == "page decompresses to more than the 262144 bytes allowed"
    )


def test_a_redirect_loop_is_detected(server: LoopbackServer) -> None:
    server.routes["/a"] = redirect("/b")
    server.routes["/b"] = redirect("/a")
    assert _fails(server, "/a").reason.startswith("redirect loop")
    assert server.hits["/a"] == 1


def test_redirect_chains_are_bounded(server: LoopbackServer) -> None:
    for n in range(10):
        server.routes[f"/r{n}"] = redirect(f"/r{n + 1}")
    assert _fails(server, "/r0").reason == "more than 5 redirects"
    assert server.hits["/r6"] == 0


def test_redirects_to_another_host_are_refused(server: LoopbackServer) -> None:
    server.routes["/away"] = redirect("http://example.invalid/metadata")
    err = _fails(server, "/away")
    assert (
        err.reason == f"refused: http://example.invalid/metadata is not on the host of {server.url}"
    )


def test_same_origin() -> None:
    assert same_origin("http://h:81/metadata", "http://H:81/json/metadata?op=X")
    assert same_origin("http://h/", "https://h/metadata")  # upgrade on the same host
    assert not same_origin("http://h:81/", "http://h:82/")
    assert not same_origin("https://h/", "http://h/")
    assert not same_origin("http://h/", "http://evil/")
    assert not same_origin("http://h/", "file:///etc/passwd")
    assert not same_origin("http://h/", "http://h:notaport/")


def test_auth_headers_are_sent(server: LoopbackServer) -> None:
    server.routes["/private"] = lambda _: Reply(200, b"secret")
    options = FetchOptions(timeout=0.5, headers=(("Authorization", "Bearer t0k"),))
    assert _get(server, "/private", options) == b"secret"
    assert server.request_headers["/private"]["Authorization"] == "Bearer t0k"
