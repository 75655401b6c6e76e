"""HTTP GET for metadata pages: the only network code of dtogen (standard library only).

Every request is bounded: a total deadline per attempt (connect, headers and body; a
watchdog closes the socket of a server that trickles bytes), a size cap on the body
as sent and as decompressed (gzip bombs stop at the cap), a bounded number of
redirects (same host only; loops detected), and a bounded number of retries with
exponential backoff on 5xx, 429, timeouts and dropped connections.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

__all__ = ["FetchError", "FetchOptions", "Fetcher", "Response", "same_origin"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """Limits and extra headers of every request."""

    timeout: float = 10.0  # seconds for one attempt, from connect to the last body byte
    retries: int = 2  # further attempts after a retryable failure
    backoff: float = 0.5  # seconds before the first retry; doubles each time
    max_backoff: float = 8.0
    max_bytes: int = 8 * 1024 * 1024  # body cap, before and after decompression
    max_redirects: int = 5
    headers: tuple[tuple[str, str], ...] = ()  # e.g. ("Authorization", "Bearer …"), ("Cookie", …)
    user_agent: str = "dtogen (metadata page scraper)"


@dataclass(frozen=True, slots=True)
class Response:
    """A successful (2xx) response: the final URL after redirects and the decoded body."""

    url: str
    status: int
    content_type: str
    body: bytes


class FetchError(Exception):
    """A request that failed for good; ``reason`` is one line for a human."""

    def __init__(self, url: str, reason: str, *, status: int | None = None, retry: bool = False):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.retry = retry


def _origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or _DEFAULT_PORTS.get(scheme, 0)
    except ValueError:
        port = -1
    return scheme, (parts.hostname or "").lower(), port


def same_origin(base: str, url: str) -> bool:
    """True when ``url`` is on the host (and port) of ``base``; http→https on it is allowed."""
    b, u = _origin(base), _origin(url)
    if u[0] not in _DEFAULT_PORTS or not u[1]:
        return False
    if b == u:
        return True
    upgrade = b[0] == "http" and u[0] == "https" and b[2] == 80 and u[2] == 443
    return upgrade and b[1] == u[1]


class Fetcher:
    """GETs URLs on one host (``base``'s); thread-safe, one connection per request."""

    def __init__(
        self,
        base: str,
        options: FetchOptions | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base = base
        self.options = options or FetchOptions()
        self._sleep = sleep

    def get(self, url: str) -> Response:
        """GET ``url`` following redirects, retrying transient failures; raises FetchError."""
        opts = self.options
        for attempt in range(opts.retries + 1):
            try:
                return self._follow(url)
            except FetchError as exc:
                if not exc.retry or attempt == opts.retries:
                    raise
            self._sleep(min(opts.backoff * 2**attempt, opts.max_backoff))
        raise FetchError(url, "no attempt was made")  # retries < 0

    def _follow(self, url: str) -> Response:
        seen = [url]
        current = url
        for _ in range(self.options.max_redirects + 1):
            if not same_origin(self.base, current):
                raise FetchError(
                    url,
                    (
                        f"refused: {current} is not on the host of {self.base}"
                        if current != url
                        else f"refused: not on the host of {self.base}"
                    ),
                )
            status, headers, body = self._once(current)
            if status in _REDIRECTS:
                location = headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {status} redirect without a Location header")
                current = urljoin(current, location.strip())
                if current in seen:
                    raise FetchError(
                        url, f"redirect loop ({len(seen)} redirects back to {current})"
                    )
                seen.append(current)
                continue
            if 200 <= status < 300:
                return Response(current, status, headers.get("content-type", ""), body)
            phrase = http.client.responses.get(status, "")
            raise FetchError(
                url,
                f"HTTP {status} {phrase}".rstrip(),
                status=status,
                retry=status in _RETRY_STATUS,
            )
        raise FetchError(url, f"more than {self.options.max_redirects} redirects")

    def _once(self, url: str) -> tuple[int, dict[str, str], bytes]:
        """One request; the whole exchange must finish within ``timeout`` seconds."""
        opts = self.options
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        cls = (
            http.client.HTTPSConnection
            if parts.scheme.lower() == "https"
            else http.client.HTTPConnection
        )
        deadline = time.monotonic() + opts.timeout
        try:
            conn = cls(parts.hostname or "", parts.port, timeout=opts.timeout)
        except (ValueError, http.client.HTTPException) as exc:
            raise FetchError(url, f"bad URL: {exc}") from None
        watchdog = threading.Timer(opts.timeout, _abort, (conn,))
        watchdog.daemon = True
        watchdog.start()
        try:
            headers = {"User-Agent": opts.user_agent, "Accept": "text/html, */*;q=0.5"}
            headers["Accept-Encoding"] = "gzip, deflate"
            headers.update(dict(opts.headers))
            conn.request("GET", target, headers=headers)
            resp = conn.getresponse()
            try:
                got = {k.lower(): v for k, v in resp.getheaders()}
                if resp.status in _REDIRECTS or not 200 <= resp.status < 300:
                    return resp.status, got, b""
                return resp.status, got, _read_body(resp, got, url, opts.max_bytes, deadline)
            finally:
                resp.close()
        except FetchError:
            raise
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if time.monotonic() >= deadline - 0.01:
                raise FetchError(url, f"timed out after {opts.timeout:g} s", retry=True) from None
            reason = str(exc) or type(exc).__name__
            raise FetchError(url, f"connection failed: {reason}", retry=True) from None
        finally:
            watchdog.cancel()
            conn.close()


def _abort(conn: http.client.HTTPConnection) -> None:
    """Watchdog: unblock a request past its deadline by shutting its socket down."""
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _read_body(
    resp: http.client.HTTPResponse, headers: dict[str, str], url: str, cap: int, deadline: float
) -> bytes:
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) > cap:
        raise FetchError(url, f"page is {int(length)} bytes, more than the {cap} allowed")
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        inflater: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    elif encoding in ("identity", ""):
        inflater = None
    else:
        raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")
    raw = 0
    out = bytearray()
    while True:
        if time.monotonic() > deadline:
            raise OSError("deadline passed")
        chunk = resp.read1(_CHUNK)
        if not chunk:
            break
        raw += len(chunk)
        if raw > cap:
            raise FetchError(url, f"page is larger than the {cap} bytes allowed")
        if inflater is None:
            out += chunk
            continue
        try:
            out += inflater.decompress(chunk, cap + 1 - len(out))
        except zlib.error as exc:
            raise FetchError(url, f"corrupt {encoding} body: {exc}") from None
        if len(out) > cap or inflater.unconsumed_tail:
            raise FetchError(url, f"page decompresses to more than the {cap} bytes allowed")
    if time.monotonic() >= deadline:  # the watchdog ended a close-delimited body early
        raise OSError("deadline passed")
    if inflater is not None:
        out += inflater.flush()
        if len(out) > cap:
            raise FetchError(url, f"page decompresses to more than the {cap} bytes allowed")
        if not inflater.eof:
            raise FetchError(url, f"truncated {encoding} body")
    return bytes(out)
