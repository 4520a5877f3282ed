"""`Role`: a persona (prompt template), a model passed in, tools, and a typed output; `node()` plugs it into a graph."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from pydantic import BaseModel

from agents.core.errors import ConfigError
from agents.core.models.base import ChatModel, Message, ModelReply
from agents.core.models.messages import summarise_for_log, user
from agents.core.prompts import Prompt
from agents.core.runs import current_recorder
from agents.core.tool import Tool


@dataclass
class Role:
    """One participant of a team."""

    name: str
    """Used in trajectories, usage tables and per-role model config."""
    prompt: str | Prompt
    """Template name under `agents/prompts/` (or `prompt_root`), or a ready `Prompt`."""
    model: ChatModel
    """The model this role talks to; built by the caller (see `ModelRegistry`), never by the role."""
    output: type[BaseModel] | None = None
    """Pydantic schema of the answer; validated at the node boundary."""
    tools: Sequence[Tool] = ()
    """Functions the model may call before answering."""
    inputs: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    """Maps graph state to template variables; default: the state itself."""
    output_key: str | None = None
    """State key the node writes; default: the role's name."""
    max_tool_rounds: int = 8
    """Bound on model turns in the tool loop."""
    prompt_root: Path | str | None = None
    _prompt: Prompt = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.model is None:
            raise ConfigError(f"role {self.name}: no model configured (pass --model and --base-url, or set "
                              "ROLEGRAPH_MODEL and OPENAI_BASE_URL)")
        self._prompt = self.prompt if isinstance(self.prompt, Prompt) else Prompt(self.prompt, root=self.prompt_root)

    def messages(self, images: Sequence[Any] = (), **variables: Any) -> list[Message]:
        """The rendered conversation; PIL `images` are attached to the user turn as data-URL parts."""
        system, text = self._prompt.render(**variables)
        return [{"role": "system", "content": system}, user(text, images)]

    def ask(self, messages: list[Message] | None = None, **variables: Any) -> ModelReply:
        """Run the conversation (rendering the prompt unless `messages` is given) through the tool loop."""
        messages = list(messages) if messages is not None else self.messages(**variables)
        for _ in range(self.max_tool_rounds):
            reply = self._call(messages)
            if not reply.tool_calls:
                return reply
            messages.append(reply.assistant_message())
            for call in reply.tool_calls:
                result = self._run_tool(call.name, call.arguments)
                messages.append({"role": "tool", "tool_call_id": call.id, "content": result})
        return self._call(messages, tools=False)

    def node(self) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
        """A plain LangGraph node: state in, `{output_key: answer}` out (a dict when `output` is set)."""
        key = self.output_key or self.name

        def run(state: Mapping[str, Any]) -> dict[str, Any]:
            variables = self.inputs(state) if self.inputs else dict(state)
            reply = self.ask(**variables)
            value = reply.parsed.model_dump(mode="json") if isinstance(reply.parsed, BaseModel) else reply.text
            return {key: value}

        run.__name__ = f"{self.name}_node"
        return run

    def _call(self, messages: list[Message], *, tools: bool = True) -> ModelReply:
        started = time.monotonic()
        reply, error = None, None
        try:
            reply = self.model.complete(messages, schema=self.output, tools=list(self.tools) if tools else None)
        except Exception as exc:
            error = exc
            raise
        finally:
            self._record_call(messages, reply, error, time.monotonic() - started)
        return reply

    def _record_call(self, messages: list[Message], reply: ModelReply | None, error: Exception | None,
                     seconds: float) -> None:
        recorder = current_recorder()
        if recorder is None:
            return
        usage = reply.usage if reply is not None else None
        recorder.event(
            "model_call", role=self.name, model=getattr(self.model, "name", "?"), n_messages=len(messages),
            messages=summarise_for_log(messages[-2:]),
            reply=None if reply is None else {"text": reply.text,
                                              "tool_calls": [c.model_dump() for c in reply.tool_calls]},
            error=None if error is None else f"{type(error).__name__}: {error}",
            usage=None if usage is None else usage.model_dump(), seconds=round(seconds, 4))
        if usage is not None:
            recorder.add_usage(self.name, prompt_tokens=usage.prompt_tokens,
                               completion_tokens=usage.completion_tokens, cost=usage.cost)

    def _run_tool(self, name: str, arguments: dict[str, Any]) -> str:
        tool = next((t for t in self.tools if t.name == name), None)
        started = time.monotonic()
        result = f"error: unknown tool {name!r}; available: {[t.name for t in self.tools]}" if tool is None \
            else tool(**arguments)
        recorder = current_recorder()
        if recorder is not None:
            recorder.event("tool_call", role=self.name, tool=name, arguments=json.loads(json.dumps(arguments, default=str)),
                           result=result[:2000], seconds=round(time.monotonic() - started, 4))
        return result
