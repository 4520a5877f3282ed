"""Structured output: JSON-schema request formats, tolerant JSON extraction, and the re-ask message."""
from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ValidationError

_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)


class OutputProblem(ValueError):
    """The reply was not JSON matching the schema; the message tells the model what to fix."""


def response_format(schema: type[BaseModel], mode: str) -> dict[str, Any]:
    """The `response_format` for `mode` ("json_schema" for OpenAI/vLLM, "json_object" for llama.cpp-like servers)."""
    js = schema.model_json_schema()
    if mode == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": schema.__name__, "schema": js, "strict": False}}
    return {"type": "json_object", "schema": js}


def schema_instruction(schema: type[BaseModel]) -> str:
    """A system hint carrying the schema, for servers that only constrain to 'some JSON object'."""
    return ("Reply with one JSON object only, no prose, matching this JSON schema:\n"
            + json.dumps(schema.model_json_schema(), separators=(",", ":")))


def extract_json(text: str | None) -> Any:
    """The first JSON object in `text`: bare, in a ```json fence, or surrounded by prose."""
    if not text or not text.strip():
        raise OutputProblem("the reply was empty")
    candidates = [text.strip()] + [m.strip() for m in _FENCE.findall(text)]
    for candidate in candidates:
        try:
            return json.loads(candidate)
        except json.JSONDecodeError:
            pass
    decoder = json.JSONDecoder()
    for match in re.finditer(r"[{\[]", text):
        try:
            obj, _ = decoder.raw_decode(text, match.start())
            return obj
        except json.JSONDecodeError:
            continue
    raise OutputProblem("the reply contained no complete JSON object (it may have been cut off)")


def parse_structured(text: str | None, schema: type[BaseModel]) -> BaseModel:
    """Validate the reply against `schema`, raising `OutputProblem` with a short, model-readable reason."""
    data = extract_json(text)
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        issues = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'root'}: {e['msg']}" for e in exc.errors()[:5])
        raise OutputProblem(f"the JSON did not match the schema ({issues})") from None


def reask_message(problem: OutputProblem) -> dict[str, str]:
    """The user turn that asks the model to correct its previous reply."""
    return {"role": "user",
            "content": f"Your previous reply was not usable: {problem}. "
                       "Answer again with only the corrected JSON object."}
