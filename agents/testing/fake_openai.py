"""`FakeOpenAIServer`: a real loopback HTTP server speaking OpenAI's ``/v1/chat/completions``.

Point any OpenAI-compatible client at ``srv.base_url`` and script what it gets back: answers, tool
calls, streams, and the faults real servers produce (429s, resets, slow replies, broken JSON). Because
it is real HTTP, the client's own retry, timeout, streaming and error mapping are what get tested.

    with FakeOpenAIServer(replies=["hello", Fault("rate_limit", retry_after=2)]) as srv:
        client = openai.OpenAI(base_url=srv.base_url, api_key="k", max_retries=0)
        ...
        srv.assert_complete()
"""

from __future__ import annotations

import base64
import io
import itertools
import json
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agents.testing.fake_openai_http import LoopbackServer, Plan
from agents.testing.fake_openai_replies import (
    FAULT_KINDS,
    Fault,
    FaultKind,
    HttpError,
    RawBody,
    Reply,
    ReplyItem,
    check_item,
    error,
    resolve,
)

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["FAULT_KINDS", "FakeOpenAIServer", "Fault", "FaultKind", "RecordedRequest", "Reply", "ReplyItem"]

CHAT_PATH = "/v1/chat/completions"
SECRET_HEADERS = frozenset({"authorization", "api-key", "x-api-key"})
LLAMA_CPP_JSON_SCHEMA_ERROR = (
    "1 validation error for CreateChatCompletionRequest\nresponse_format.type\n"
    "  Input should be 'text' or 'json_object' [type=literal_error, input_value='json_schema', input_type=str]"
)


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it; credentials are never kept.

    `body` is the parsed JSON object ({} for GET or unparseable bodies), `raw` the exact bytes,
    `headers` the lower-cased headers without ``authorization``/``api-key``/``x-api-key``.
    """

    method: str
    path: str
    body: dict[str, Any]
    raw: bytes
    headers: dict[str, str]


class FakeOpenAIServer:
    """A scripted OpenAI-compatible chat server on 127.0.0.1 with a random free port.

    Each ``POST /v1/chat/completions`` consumes the next item of `replies` (or asks `handler`,
    called under a lock so it needs no locking of its own). A request with no reply left gets a 500
    and makes `assert_complete` fail. `api_key` enforces ``Authorization: Bearer <key>``;
    `reject_json_schema` answers ``response_format`` json_schema requests the way llama-cpp-python's
    server does (500, no script item consumed); `default_delay` holds back every reply that has no
    delay of its own. Every request, including rejected ones, is recorded in `requests`.
    """

    def __init__(
        self,
        replies: Iterable[ReplyItem] = (),
        *,
        handler: Callable[[dict[str, Any]], ReplyItem] | None = None,
        api_key: str | None = None,
        model: str = "fake-model",
        reject_json_schema: bool = False,
        default_delay: float = 0.0,
    ) -> None:
        self._replies = deque(replies)
        if self._replies and handler is not None:
            raise ValueError("give either replies or handler, not both")
        for item in self._replies:
            check_item(item)
        self._handler = handler
        self._api_key = api_key
        self.model = model
        self._reject_json_schema = reject_json_schema
        self._default_delay = default_delay
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._problems: list[str] = []
        self._call_ids = itertools.count(1)
        self._completion_ids = itertools.count(1)
        self._httpd: LoopbackServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> FakeOpenAIServer:
        """Bind a free port and serve in a daemon thread; returns self."""
        if self._httpd is not None:
            raise RuntimeError("FakeOpenAIServer already started")
        self._httpd = LoopbackServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="FakeOpenAIServer", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake pending delayed replies and close open connections; idempotent."""
        if self._httpd is None or self.stopping.is_set():
            return
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.close_all()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1``, the value for a client's ``base_url``."""
        if self._httpd is None:
            raise RuntimeError("FakeOpenAIServer not started: use `with` or start()")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of every request received so far, in arrival order."""
        with self._lock:
            return list(self._requests)

    def images(self, i: int = -1) -> list[Image]:
        """The images sent as data-URL ``image_url`` parts in request `i`, decoded with pillow."""
        from PIL import Image

        images = []
        for url in _image_urls(self.requests[i].body):
            if url.startswith("data:") and "," in url:
                image = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))
                image.load()
                images.append(image)
        return images

    def assert_complete(self) -> None:
        """Fail if scripted replies were never used or requests arrived that the script did not expect."""
        with self._lock:
            unused, problems = len(self._replies), list(self._problems)
        messages = [f"{unused} scripted repl{'y' if unused == 1 else 'ies'} never used"] if unused else []
        if problems:
            messages.append(f"{len(problems)} unexpected request(s): " + "; ".join(problems))
        if messages:
            raise AssertionError("FakeOpenAIServer: " + "; ".join(messages))

    def plan(self, *, method: str, path: str, headers: dict[str, str], raw: bytes) -> Plan:
        """Record one request and decide its outcome (called by the HTTP layer)."""
        body = _parse(raw)
        kept = {key: value for key, value in headers.items() if key not in SECRET_HEADERS}
        with self._lock:
            self._requests.append(RecordedRequest(method, path, body or {}, raw, kept))
            number = len(self._requests)
        if self._api_key is not None and headers.get("authorization") != f"Bearer {self._api_key}":
            return Plan(_status(401, "Incorrect API key provided.", code="invalid_api_key"))
        if method == "GET" and path == "/v1/models":
            return Plan(_json({"object": "list", "data": [self._model_card()]}))
        if method == "GET" and path == f"/v1/models/{self.model}":
            return Plan(_json(self._model_card()))
        if method != "POST" or path != CHAT_PATH:
            return Plan(_status(404, f"Invalid URL ({method} {path})"))
        if body is None:
            return Plan(_status(400, "We could not parse the JSON body of your request."))
        return self._plan_chat(body, number)

    def _plan_chat(self, body: dict[str, Any], number: int) -> Plan:
        if self._reject_json_schema and (body.get("response_format") or {}).get("type") == "json_schema":
            return Plan(HttpError(500, error(LLAMA_CPP_JSON_SCHEMA_ERROR, type="internal_server_error")))
        try:
            item = self._next_item(body, number)
        except _NoReply as exc:
            return Plan(HttpError(500, error(f"FakeOpenAIServer: {exc}", type="server_error")))
        outcome, delay = resolve(item, request=body, next_call_id=lambda: f"call_{next(self._call_ids)}")
        return Plan(
            outcome,
            delay=self._default_delay if delay is None else delay,
            request=body,
            completion_id=f"chatcmpl-fake-{next(self._completion_ids)}",
            model=body.get("model") or self.model,
        )

    def _next_item(self, body: dict[str, Any], number: int) -> ReplyItem:
        with self._lock:
            try:
                if self._handler is None:
                    if not self._replies:
                        raise _NoReply(f"no scripted reply left (request {number})")
                    return self._replies.popleft()
                try:
                    item = self._handler(body)
                    check_item(item)
                except Exception as exc:
                    raise _NoReply(f"handler failed (request {number}): {exc!r}") from exc
                return item
            except _NoReply as exc:
                self._problems.append(str(exc))
                raise

    def _model_card(self) -> dict[str, Any]:
        return {"id": self.model, "object": "model", "created": 0, "owned_by": "fake-openai"}


class _NoReply(Exception):
    """No item could be had for a chat request; the message goes to the client and `assert_complete`."""


def _parse(raw: bytes) -> dict[str, Any] | None:
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _status(status: int, message: str, *, code: str | None = None) -> HttpError:
    return HttpError(status, error(message, type="invalid_request_error", code=code))


def _json(payload: Mapping[str, Any]) -> RawBody:
    return RawBody(200, "application/json", json.dumps(payload).encode())


def _image_urls(body: Mapping[str, Any]) -> Iterable[str]:
    for message in body.get("messages", []):
        content = message.get("content") if isinstance(message, Mapping) else None
        for part in content if isinstance(content, list) else []:
            if isinstance(part, Mapping) and part.get("type") == "image_url":
                image_url = part["image_url"]
                yield image_url["url"] if isinstance(image_url, Mapping) else image_url
