"""The model contract every brain talks to: messages in, a `ModelReply` out."""
from __future__ import annotations

from typing import Any, Protocol, Sequence, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

Message = dict[str, Any]
"""A chat message in OpenAI's shape: {"role": ..., "content": str | list[part]}."""


class ToolCall(BaseModel):
    """One function call the model asked for."""

    id: str
    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)


class Usage(BaseModel):
    """What one `complete` call cost: tokens, wall time, HTTP requests and re-asks."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    requests: int = 0
    reasks: int = 0
    cost: float = 0.0

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(**{k: getattr(self, k) + getattr(other, k) for k in Usage.model_fields})

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class ModelReply(BaseModel):
    """A model's answer: text, the validated structured output (if a schema was asked), tool calls."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    text: str = ""
    parsed: Any = None
    tool_calls: list[ToolCall] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    model: str = ""
    finish_reason: str | None = None

    def assistant_message(self) -> Message:
        """The reply as an assistant message, ready to append to the conversation."""
        msg: Message = {"role": "assistant", "content": self.text or ""}
        if self.tool_calls:
            import json

            msg["tool_calls"] = [
                {"id": c.id, "type": "function",
                 "function": {"name": c.name, "arguments": json.dumps(c.arguments)}}
                for c in self.tool_calls
            ]
        return msg


@runtime_checkable
class ChatModel(Protocol):
    """Anything that can answer a conversation. Matched by shape, not inheritance."""

    name: str

    def complete(
        self,
        messages: Sequence[Message],
        *,
        schema: type[BaseModel] | None = None,
        tools: Sequence[Any] | None = None,
    ) -> ModelReply: ...

    async def acomplete(
        self,
        messages: Sequence[Message],
        *,
        schema: type[BaseModel] | None = None,
        tools: Sequence[Any] | None = None,
    ) -> ModelReply: ...
