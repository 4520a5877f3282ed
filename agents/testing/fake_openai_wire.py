"""OpenAI chat-completion bodies and SSE chunks for an `Answer` of `FakeOpenAIServer`."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping
from typing import Any

from agents.testing.fake_openai_replies import Answer

__all__ = ["completion_body", "sse_events", "usage"]

TEXT_PIECES = 8


def usage(answer: Answer, request: Mapping[str, Any]) -> dict[str, int]:
    """Token usage: the answer's own figures, else ~4 characters per token of messages and output."""
    prompt = answer.prompt_tokens
    if prompt is None:
        prompt = _estimate(json.dumps(request.get("messages", [])))
    completion = answer.completion_tokens
    if completion is None:
        arguments = "".join(call["function"]["arguments"] + call["function"]["name"] for call in answer.tool_calls)
        completion = _estimate((answer.content or "") + (answer.refusal or "") + arguments)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def completion_body(answer: Answer, *, request: Mapping[str, Any], completion_id: str, model: str) -> dict[str, Any]:
    """A non-streamed ``chat.completion`` object."""
    message: dict[str, Any] = {"role": "assistant", "content": answer.content, "refusal": answer.refusal}
    if answer.tool_calls:
        message["tool_calls"] = answer.tool_calls
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "system_fingerprint": "fp_fake",
        "choices": [{"index": 0, "message": message, "finish_reason": answer.finish_reason, "logprobs": None}],
        "usage": usage(answer, request),
    }


def sse_events(answer: Answer, *, request: Mapping[str, Any], completion_id: str, model: str) -> Iterator[bytes]:
    """The ``data:`` events of a streamed answer, ending with ``[DONE]``.

    Text and refusals arrive in several pieces, each tool call as a header delta followed by
    argument pieces, then the finish reason, then usage when ``stream_options.include_usage``.
    """
    include_usage = bool((request.get("stream_options") or {}).get("include_usage"))
    base = {"id": completion_id, "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
            "system_fingerprint": "fp_fake"}
    if include_usage:
        base["usage"] = None

    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> bytes:
        choice = {"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}
        return _event({**base, "choices": [choice]})

    yield chunk({"role": "assistant", "content": "" if answer.content is not None else None})
    for piece in _pieces(answer.content):
        yield chunk({"content": piece})
    for piece in _pieces(answer.refusal):
        yield chunk({"refusal": piece})
    for index, call in enumerate(answer.tool_calls):
        header = {"index": index, "id": call["id"], "type": "function",
                  "function": {"name": call["function"]["name"], "arguments": ""}}
        yield chunk({"tool_calls": [header]})
        for piece in _pieces(call["function"]["arguments"], count=3):
            yield chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
    yield chunk({}, answer.finish_reason)
    if include_usage:
        yield _event({**base, "choices": [], "usage": usage(answer, request)})
    yield b"data: [DONE]\n\n"


def _event(payload: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def _pieces(text: str | None, *, count: int = TEXT_PIECES) -> list[str]:
    if not text:
        return []
    size = max(1, -(-len(text) // count))
    return [text[i : i + size] for i in range(0, len(text), size)]


def _estimate(text: str) -> int:
    return (len(text) + 3) // 4
