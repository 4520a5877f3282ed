"""Reply items for `FakeOpenAIServer` and their translation into what goes on the wire.

A script is a list of plain values (`str`, `dict`, pydantic models), `Reply` for full control of one
answer, and `Fault` for the failures real OpenAI-compatible servers produce. `resolve` turns one item
into an outcome (`Answer`, `HttpError`, `RawBody` or `RESET`) that the HTTP layer writes out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from typing import Any, Literal, get_args

__all__ = ["FAULT_KINDS", "Fault", "FaultKind", "Reply", "ReplyItem", "check_item", "resolve"]

FaultKind = Literal[
    "rate_limit",
    "server_error",
    "overloaded",
    "bad_request",
    "unauthorized",
    "forbidden",
    "not_found",
    "context_length_exceeded",
    "slow",
    "truncated_json",
    "prose_json",
    "refusal",
    "reset",
    "invalid_json_body",
]
"""Failure kinds, in the server's words:

- ``rate_limit``: HTTP 429, ``retry-after`` header (seconds, default 1), code ``rate_limit_exceeded``.
- ``server_error`` / ``overloaded``: HTTP 500 / 503, type ``server_error``.
- ``bad_request`` / ``unauthorized`` / ``forbidden``: HTTP 400 / 401 (``invalid_api_key``) / 403.
- ``not_found``: HTTP 404, code ``model_not_found`` naming the requested model.
- ``context_length_exceeded``: HTTP 400, code ``context_length_exceeded``, OpenAI's message.
- ``slow``: wait ``delay`` seconds (default 5) and then answer ``text`` normally; for client timeouts.
- ``truncated_json``: HTTP 200 whose content is a JSON object cut in half.
- ``prose_json``: HTTP 200 whose content wraps the JSON in chatty prose and a ```json fence.
- ``refusal``: HTTP 200 with ``message.refusal`` set and ``content`` null.
- ``reset``: the TCP connection is reset (RST) without any HTTP response.
- ``invalid_json_body``: HTTP 200 labelled ``application/json`` whose body is not JSON (when streaming:
  an SSE ``data:`` event that is not JSON).

For error kinds ``text`` replaces the error message.
"""

FAULT_KINDS: frozenset[str] = frozenset(get_args(FaultKind))
SLOW_DELAY = 5.0
DEFAULT_JSON = {"answer": 42, "note": "scripted by FakeOpenAIServer"}
DEFAULT_REFUSAL = "I'm sorry, but I can't help with that."

ToolCallSpec = tuple[str, "Mapping[str, Any] | str"] | Mapping[str, Any]


@dataclass(frozen=True)
class Reply:
    """One scripted assistant answer with everything a real completion can carry.

    `text` may be a `str`, a dict or a pydantic model (sent as its JSON). `tool_calls` are
    ``(name, arguments)`` pairs or dicts (``{"name", "arguments"}`` or OpenAI's ``{"id", "function"}``
    shape); arguments given as a string are sent verbatim, so malformed arguments can be scripted.
    Token counts default to a ~4-characters-per-token estimate; `delay` holds the answer back
    (0 means the server's ``default_delay``).
    """

    text: Any = None
    _: KW_ONLY
    tool_calls: Sequence[ToolCallSpec] | None = None
    refusal: str | None = None
    finish_reason: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    delay: float = 0.0


@dataclass(frozen=True)
class Fault:
    """One scripted failure; `kind` is one of `FaultKind` (see there for what each sends).

    `retry_after` sets the ``retry-after`` header on any error kind; `delay` waits before answering;
    `text` is the error message, the slow answer, or the JSON for ``truncated_json``/``prose_json``.
    """

    kind: FaultKind
    _: KW_ONLY
    retry_after: float | None = None
    delay: float | None = None
    text: Any = None

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown Fault kind {self.kind!r}; expected one of {sorted(FAULT_KINDS)}")


ReplyItem = Any
"""A script item: `str`, dict, pydantic model (anything with ``model_dump_json``), `Reply` or `Fault`."""


@dataclass(frozen=True)
class Answer:
    """A 200 completion: the assistant message and the figures for `usage`."""

    content: str | None
    refusal: str | None = None
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    finish_reason: str = "stop"
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


@dataclass(frozen=True)
class HttpError:
    """An OpenAI-shaped error response."""

    status: int
    error: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RawBody:
    """A response whose body is sent exactly as given."""

    status: int
    content_type: str
    body: bytes


class _Reset:
    def __repr__(self) -> str:
        return "RESET"


RESET = _Reset()
Outcome = Answer | HttpError | RawBody | _Reset


def check_item(item: object) -> None:
    """Raise TypeError early for script items the server could not send."""
    if isinstance(item, (str, Mapping, Reply, Fault)) or hasattr(item, "model_dump_json"):
        return
    raise TypeError(f"unsupported reply item {type(item).__name__}: use str, dict, pydantic model, Reply or Fault")


def content_of(value: Any) -> str | None:
    """The message content for a str, dict/list (JSON) or pydantic model (its JSON)."""
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "model_dump_json"):
        return value.model_dump_json()
    if isinstance(value, (Mapping, list)):
        return json.dumps(value)
    raise TypeError(f"cannot send {type(value).__name__} as message content")


def error(message: str, *, type: str, code: str | None = None, param: str | None = None) -> dict[str, Any]:
    """OpenAI's error object (the value under the body's ``"error"`` key)."""
    return {"message": message, "type": type, "param": param, "code": code}


def resolve(item: ReplyItem, *, request: Mapping[str, Any], next_call_id: Callable[[], str]) -> tuple[Outcome, float | None]:
    """Translate one script item into an outcome and its own delay (None: use the server default)."""
    if isinstance(item, Fault):
        return _fault(item, request), (SLOW_DELAY if item.kind == "slow" and item.delay is None else item.delay)
    if isinstance(item, Reply):
        calls = [_tool_call(spec, next_call_id) for spec in item.tool_calls or ()]
        answer = Answer(
            content=content_of(item.text),
            refusal=item.refusal,
            tool_calls=calls,
            finish_reason=item.finish_reason or ("tool_calls" if calls else "stop"),
            prompt_tokens=item.prompt_tokens,
            completion_tokens=item.completion_tokens,
        )
        return answer, item.delay or None
    return Answer(content=content_of(item)), None


def _tool_call(spec: ToolCallSpec, next_call_id: Callable[[], str]) -> dict[str, Any]:
    if isinstance(spec, tuple):
        name, arguments, call_id = spec[0], spec[1], None
    elif "function" in spec:
        name, arguments, call_id = spec["function"]["name"], spec["function"].get("arguments", {}), spec.get("id")
    else:
        name, arguments, call_id = spec["name"], spec.get("arguments", {}), spec.get("id")
    if not isinstance(arguments, str):
        arguments = json.dumps(arguments)
    return {"id": call_id or next_call_id(), "type": "function", "function": {"name": name, "arguments": arguments}}


def _json_text(fault: Fault) -> str:
    return content_of(fault.text) if fault.text is not None else json.dumps(DEFAULT_JSON, indent=2)


def _fault(fault: Fault, request: Mapping[str, Any]) -> Outcome:
    kind = fault.kind
    if kind == "slow":
        return Answer(content=content_of(fault.text) or "")
    if kind == "truncated_json":
        text = _json_text(fault)
        return Answer(content=text[: max(1, len(text) // 2)], finish_reason="length")
    if kind == "prose_json":
        return Answer(content=f"Sure! Here it is:\n```json\n{_json_text(fault)}\n```\nHope that helps")
    if kind == "refusal":
        return Answer(content=None, refusal=fault.text or DEFAULT_REFUSAL)
    if kind == "reset":
        return RESET
    if kind == "invalid_json_body":
        body = (fault.text or "<html><body><h1>502 Bad Gateway</h1></body></html>").encode()
        if request.get("stream"):
            return RawBody(status=200, content_type="text/event-stream", body=b"data: " + body + b"\n\n")
        return RawBody(status=200, content_type="application/json", body=body)
    return _http_error(fault, request)


def _http_error(fault: Fault, request: Mapping[str, Any]) -> HttpError:
    model = request.get("model", "?")
    status, default, kwargs = {
        "rate_limit": (429, "Rate limit reached for requests. Please try again in 1s.",
                       {"type": "rate_limit_exceeded", "code": "rate_limit_exceeded"}),
        "server_error": (500, "The server had an error while processing your request. Sorry about that!",
                         {"type": "server_error"}),
        "overloaded": (503, "The engine is currently overloaded, please try again later.", {"type": "server_error"}),
        "bad_request": (400, "Invalid request (scripted by FakeOpenAIServer).", {"type": "invalid_request_error"}),
        "unauthorized": (401, "Incorrect API key provided.", {"type": "invalid_request_error", "code": "invalid_api_key"}),
        "forbidden": (403, "You are not allowed to access this model.",
                      {"type": "invalid_request_error", "code": "permission_denied"}),
        "not_found": (404, f"The model `{model}` does not exist or you do not have access to it.",
                      {"type": "invalid_request_error", "code": "model_not_found", "param": "model"}),
        "context_length_exceeded": (400, _context_message(request),
                                    {"type": "invalid_request_error", "code": "context_length_exceeded", "param": "messages"}),
    }[fault.kind]
    retry_after = fault.retry_after if fault.retry_after is not None else (1 if fault.kind == "rate_limit" else None)
    headers = {} if retry_after is None else {"retry-after": f"{retry_after:g}"}
    return HttpError(status=status, error=error(content_of(fault.text) or default, **kwargs), headers=headers)


def _context_message(request: Mapping[str, Any]) -> str:
    tokens = 8192 + len(json.dumps(request.get("messages", []))) // 4
    return (
        f"This model's maximum context length is 8192 tokens. However, your messages resulted in {tokens} tokens. "
        "Please reduce the length of the messages."
    )
