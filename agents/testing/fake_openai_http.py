"""The HTTP side of `FakeOpenAIServer`: a threaded loopback server that writes out planned outcomes.

The owning `FakeOpenAIServer` decides what each request gets (`Plan`); this module only speaks HTTP:
JSON bodies, chunked SSE streams, raw bodies, and connection resets.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

from agents.testing.fake_openai_replies import RESET, Answer, HttpError, Outcome, RawBody
from agents.testing.fake_openai_wire import completion_body, sse_events

__all__ = ["LoopbackServer", "Plan"]


@dataclass(frozen=True)
class Plan:
    """What one request gets: the outcome, how long to hold it back, and the context to render it."""

    outcome: Outcome
    delay: float = 0.0
    request: dict[str, Any] | None = None
    completion_id: str = ""
    model: str = ""


class Owner(Protocol):
    """What the HTTP layer needs from `FakeOpenAIServer`."""

    stopping: threading.Event

    def plan(self, *, method: str, path: str, headers: dict[str, str], raw: bytes) -> Plan: ...


class LoopbackServer(ThreadingHTTPServer):
    """A `ThreadingHTTPServer` on 127.0.0.1 that tracks live connections so `close_all` can end them."""

    daemon_threads = True

    def __init__(self, owner: Owner) -> None:
        self.owner = owner
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def close_all(self) -> None:
        """Shut down every open connection so handler threads blocked on them return."""
        with self.connections_lock:
            live = list(self.connections)
        for connection in live:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet: clients hanging up (timeouts, resets) is the point of many scripts."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LoopbackServer

    def log_message(self, format: str, *args: Any) -> None:
        return

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        try:
            super().finish()
        except OSError:
            pass

    def do_GET(self) -> None:
        self._serve(b"")

    def do_POST(self) -> None:
        self._serve(self.rfile.read(int(self.headers.get("content-length") or 0)))

    def _serve(self, raw: bytes) -> None:
        owner = self.server.owner
        headers = {key.lower(): value for key, value in self.headers.items()}
        plan = owner.plan(method=self.command, path=self.path.split("?")[0], headers=headers, raw=raw)
        if plan.delay > 0 and owner.stopping.wait(plan.delay):
            self.close_connection = True
            return
        try:
            self._write(plan)
        except OSError:
            self.close_connection = True

    def _write(self, plan: Plan) -> None:
        outcome = plan.outcome
        if outcome is RESET:
            self._reset()
        elif isinstance(outcome, HttpError):
            self._send(outcome.status, json.dumps({"error": outcome.error}).encode(), headers=outcome.headers)
        elif isinstance(outcome, RawBody):
            self._send(outcome.status, outcome.body, content_type=outcome.content_type)
        elif isinstance(outcome, Answer):
            context = {"request": plan.request, "completion_id": plan.completion_id, "model": plan.model}
            if plan.request.get("stream"):
                self._stream(sse_events(outcome, **context))
            else:
                self._send(200, json.dumps(completion_body(outcome, **context)).encode())

    def _send(self, status: int, body: bytes, *, content_type: str = "application/json",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, events: Any) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for event in events:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(event), event))
        self.wfile.write(b"0\r\n\r\n")

    def _reset(self) -> None:
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()
        self.connection.close()
