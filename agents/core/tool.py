"""`Tool`: a typed Python function offered to a model, with a pydantic argument schema and clipped results."""
from __future__ import annotations

import inspect
from typing import Any, Callable, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from agents.core.errors import ToolError


def clip(text: str, limit: int) -> str:
    """Keep the head and tail of `text`, stating how much was cut, so long output stays readable and bounded."""
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    tail = limit - head
    cut = len(text) - head - tail
    return f"{text[:head]}\n... [clipped {cut:,} characters] ...\n{text[-tail:]}"


class Tool:
    """A function the model may call. The docstring is the description; the signature is the schema."""

    def __init__(self, fn: Callable[..., Any], *, name: str | None = None, description: str | None = None,
                 max_chars: int = 8000):
        self.fn = fn
        self.name = name or fn.__name__
        self.description = description or inspect.cleandoc(fn.__doc__ or self.name).split("\n\n")[0]
        self.max_chars = max_chars
        self.args_model = _args_model(fn, self.name)

    @classmethod
    def from_function(cls, fn: Callable[..., Any], **kwargs: Any) -> "Tool":
        return cls(fn, **kwargs)

    def spec(self) -> dict[str, Any]:
        """The OpenAI `tools` entry."""
        params = self.args_model.model_json_schema()
        params.pop("title", None)
        return {"type": "function",
                "function": {"name": self.name, "description": self.description, "parameters": params}}

    def __call__(self, **arguments: Any) -> str:
        """Validate arguments, run, and return a clipped string. Errors come back as text for the model."""
        try:
            args = self.args_model.model_validate(arguments)
        except ValidationError as exc:
            issues = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
            return f"error: invalid arguments for {self.name}: {issues}"
        try:
            result = self.fn(**{k: getattr(args, k) for k in type(args).model_fields})
        except ToolError as exc:
            return f"error: {exc}"
        return clip(result if isinstance(result, str) else str(result), self.max_chars)

    def __repr__(self) -> str:
        return f"Tool({self.name!r})"


def tool(fn: Callable[..., Any] | None = None, **kwargs: Any):
    """Decorator form of `Tool(fn)`: `@tool` or `@tool(name=..., max_chars=...)`."""
    if fn is None:
        return lambda f: Tool(f, **kwargs)
    return Tool(fn, **kwargs)


def _args_model(fn: Callable[..., Any], name: str) -> type[BaseModel]:
    hints = get_type_hints(fn)
    fields: dict[str, Any] = {}
    for pname, param in inspect.signature(fn).parameters.items():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        annotation = hints.get(pname, Any)
        default = ... if param.default is inspect.Parameter.empty else param.default
        fields[pname] = (annotation, default)
    return create_model(f"{name}_args", __config__=ConfigDict(extra="forbid"), **fields)
