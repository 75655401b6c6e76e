"""A loopback HTTP server for client tests: scripted answers, every request recorded."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass(frozen=True)
class Answer:
    """What the server sends back for one request."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = "application/json"
    delay: float = 0.0  # seconds to wait before answering (timeouts)


@dataclass(frozen=True)
class Seen:
    """One request as the server received it."""

    method: str
    path: str  # path and query, as sent
    headers: dict[str, str]
    body: bytes


@dataclass
class Loopback:
    """``with Loopback() as server:`` serves ``server.answers`` in order on 127.0.0.1."""

    answers: deque[Answer] = field(default_factory=deque)
    seen: list[Seen] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def answer(self, *answers: Answer) -> Loopback:
        """Queue answers for the next requests."""
        self.answers.extend(answers)
        return self

    def __enter__(self) -> Loopback:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                owner.seen.append(Seen(self.command, self.path, dict(self.headers.items()), body))
                a = owner.answers.popleft() if owner.answers else Answer(status=599)
                if a.delay:
                    time.sleep(a.delay)
                try:
                    self.send_response(a.status)
                    if a.content_type is not None:
                        self.send_header("Content-Type", a.content_type)
                    self.send_header("Content-Length", str(len(a.body)))
                    self.end_headers()
                    self.wfile.write(a.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _any

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        ).start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()
