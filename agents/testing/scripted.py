"""Deterministic stand-ins for an LLM: `ScriptedModel` (replies in order or by key) and `FunctionModel`."""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from pydantic import BaseModel

from agents.core.models.base import Message, ModelReply, ToolCall, Usage
from agents.core.models.errors import InvalidOutputError
from agents.core.models.structured import OutputProblem, parse_structured


@dataclass
class Call:
    """One request a test model received: the conversation, the schema asked for, the tools offered."""

    messages: list[Message]
    schema: type[BaseModel] | None = None
    tools: list[Any] = field(default_factory=list)

    @property
    def last_user_text(self) -> str:
        for msg in reversed(self.messages):
            if msg.get("role") == "user":
                return _text(msg.get("content"))
        return ""

    @property
    def system_text(self) -> str:
        return "\n".join(_text(m.get("content")) for m in self.messages if m.get("role") == "system")

    @property
    def tool_names(self) -> list[str]:
        return [t.name if hasattr(t, "name") else t["function"]["name"] for t in self.tools]


def tool_call(name: str, **arguments: Any) -> ToolCall:
    """A scripted tool call, e.g. `tool_call("read_file", path="README.md")`."""
    return ToolCall(id=f"call_{name}_{abs(hash(json.dumps(arguments, sort_keys=True))) % 10**8}",
                    name=name, arguments=arguments)


Item = Any
"""A scripted reply: str, dict, pydantic model, ToolCall or list of them, ModelReply, an exception to raise,
or a callable `(Call) -> item`."""


class _TestModel:
    name = "test"

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._lock = threading.Lock()

    def _next(self, call: Call) -> Item:
        raise NotImplementedError

    def complete(self, messages: Sequence[Message], *, schema: type[BaseModel] | None = None,
                 tools: Sequence[Any] | None = None) -> ModelReply:
        """Record the call and answer it from the script (validated against `schema` like a real model)."""
        call = Call(messages=list(messages), schema=schema, tools=list(tools or []))
        with self._lock:
            self.calls.append(call)
            item = self._next(call)
        while callable(item) and not isinstance(item, (BaseModel, type)):
            item = item(call)
        return _to_reply(item, call, self.name)

    async def acomplete(self, messages: Sequence[Message], *, schema: type[BaseModel] | None = None,
                        tools: Sequence[Any] | None = None) -> ModelReply:
        return self.complete(messages, schema=schema, tools=tools)


class ScriptedModel(_TestModel):
    """Replies from a script. A list is consumed in order; a mapping is keyed, by default by the first key that
    appears in the request's system prompt (e.g. the role name). Unexpected calls and unused replies fail."""

    def __init__(self, replies: Sequence[Item] | Mapping[str, Sequence[Item]], *, name: str = "scripted",
                 key: Callable[[Call], str] | None = None):
        super().__init__()
        self.name = name
        self._keyed = isinstance(replies, Mapping)
        self._queues = {k: list(v) for k, v in replies.items()} if self._keyed else {"": list(replies)}
        self._key = key or self._default_key

    def _default_key(self, call: Call) -> str:
        text = call.system_text or call.last_user_text
        for k in self._queues:
            if k in text:
                return k
        raise AssertionError(f"ScriptedModel {self.name}: no key of {sorted(self._queues)} in the request's prompt")

    def _next(self, call: Call) -> Item:
        k = self._key(call) if self._keyed else ""
        queue = self._queues.get(k)
        if not queue:
            raise AssertionError(f"ScriptedModel {self.name}: unexpected call #{len(self.calls)}"
                                 f"{f' for key {k!r}' if self._keyed else ''} (no scripted reply left); "
                                 f"last user message: {call.last_user_text[:200]!r}")
        return queue.pop(0)

    @property
    def remaining(self) -> int:
        return sum(len(q) for q in self._queues.values())

    def assert_complete(self) -> None:
        """Fail if scripted replies were never used: the test did not exercise what it scripted."""
        if self.remaining:
            left = {k or "ordered": len(q) for k, q in self._queues.items() if q}
            raise AssertionError(f"ScriptedModel {self.name}: {self.remaining} scripted replies never used: {left}")


class FunctionModel(_TestModel):
    """Computes each reply from the request with `fn(call)`: oracles, fault injection, echo models."""

    def __init__(self, fn: Callable[[Call], Item], *, name: str = "function"):
        super().__init__()
        self.name = name
        self._fn = fn

    def _next(self, call: Call) -> Item:
        return self._fn(call)


def _to_reply(item: Item, call: Call, name: str) -> ModelReply:
    if isinstance(item, BaseException):
        raise item
    if isinstance(item, ModelReply):
        return item
    usage = Usage(prompt_tokens=_estimate_tokens(call.messages), requests=1)
    if isinstance(item, ToolCall) or (isinstance(item, list) and item and isinstance(item[0], ToolCall)):
        calls = [item] if isinstance(item, ToolCall) else list(item)
        usage.completion_tokens = _estimate_tokens([c.model_dump() for c in calls])
        return ModelReply(tool_calls=calls, usage=usage, model=name, finish_reason="tool_calls")
    if isinstance(item, BaseModel):
        text = item.model_dump_json()
    elif isinstance(item, (dict, list)):
        text = json.dumps(item)
    else:
        text = str(item)
    usage.completion_tokens = max(1, len(text) // 4)
    parsed = None
    if call.schema is not None:
        try:
            parsed = item if isinstance(item, call.schema) else parse_structured(text, call.schema)
        except OutputProblem as problem:
            raise InvalidOutputError(f"model {name}: scripted reply does not match {call.schema.__name__}: {problem}",
                                     endpoint=name, requests=1) from None
    return ModelReply(text=text, parsed=parsed, usage=usage, model=name, finish_reason="stop")


def _estimate_tokens(obj: Any) -> int:
    return max(1, len(json.dumps(obj, default=str)) // 4)


def _text(content: Any) -> str:
    if isinstance(content, list):
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return content or ""


__all__ = ["ScriptedModel", "FunctionModel", "Call", "tool_call"]
