"""A loopback HTTP server for crawler tests: scripted replies, faults, hostile behaviour.

Started by a test on 127.0.0.1 with port 0 (the OS picks a free port); every reply
is bounded in time and size so that a test can never hang on its own server.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

MAX_STREAM_SECONDS = 5.0  # hostile replies stop by themselves after this long


@dataclass
class Reply:
    """What the server answers: a status, headers and a body (or raw timed chunks)."""

    status: int = 200
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    delay: float = 0.0  # seconds before anything is sent
    chunks: Iterable[tuple[bytes, float]] | None = None  # raw bytes after the headers, timed
    raw: Iterable[tuple[bytes, float]] | None = None  # the whole response, byte by byte


Route = Callable[[int], Reply]  # called with how often this target was requested (1, 2, …)


def html(text: str, status: int = 200) -> Route:
    """A route answering ``text`` as UTF-8 HTML."""
    data = text.encode("utf-8")
    return lambda _: Reply(status, data, [("Content-Type", "text/html; charset=utf-8")])


def redirect(location: str, status: int = 302) -> Route:
    """A route redirecting to ``location``."""
    return lambda _: Reply(status, b"", [("Location", location)])


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1:0 serving ``routes`` by path and query."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.request_headers: dict[str, dict[str, str]] = {}
        self.guard: Callable[[dict[str, str]], bool] | None = None  # False: answer 401
        self.stop = threading.Event()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                """Quiet."""

            def do_GET(self) -> None:
                with server._lock:
                    server.hits[self.path] += 1
                    server.request_headers[self.path] = dict(self.headers.items())
                    count = server.hits[self.path]
                route = server.routes.get(self.path)
                reply = route(count) if route else Reply(404, b"not found")
                if server.guard is not None and not server.guard(dict(self.headers.items())):
                    reply = Reply(401, b"log in first")
                with contextlib.suppress(OSError):  # the client gave up: these tests provoke it
                    server.send(self, reply)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def _wait(self, seconds: float) -> bool:
        """Sleep unless the server stops; False when it stopped."""
        return not self.stop.wait(seconds)

    def send(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        """Write one reply, honouring its delay and timed chunks, bounded in time."""
        started = time.monotonic()
        if reply.delay and not self._wait(reply.delay):
            return
        out = handler.wfile
        if reply.raw is not None:
            for data, pause in reply.raw:
                if time.monotonic() - started > MAX_STREAM_SECONDS or not self._wait(pause):
                    return
                out.write(data)
                out.flush()
            return
        handler.send_response(reply.status)
        for name, value in reply.headers:
            handler.send_header(name, value)
        if reply.chunks is None:
            handler.send_header("Content-Length", str(len(reply.body)))
        handler.end_headers()
        if reply.chunks is None:
            out.write(reply.body)
            return
        for data, pause in reply.chunks:
            if time.monotonic() - started > MAX_STREAM_SECONDS or not self._wait(pause):
                return
            out.write(data)
            out.flush()

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
