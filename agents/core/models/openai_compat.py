"""`OpenAICompatible`: the real `openai` client against any base URL (OpenAI, vLLM, Ollama, llama.cpp, LM Studio)."""
from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Literal, Sequence

import openai
from pydantic import BaseModel

from agents.core.models import errors as E
from agents.core.models.base import Message, ModelReply, ToolCall, Usage
from agents.core.models.messages import normalise, tool_specs
from agents.core.models.retry import RetryPolicy, parse_retry_after
from agents.core.models.structured import (OutputProblem, parse_structured, reask_message, response_format,
                                           schema_instruction)


class Price(BaseModel):
    """Dollars per million tokens, for cost accounting and cost budgets."""

    prompt_per_mtok: float = 0.0
    completion_per_mtok: float = 0.0

    def cost(self, usage: Usage) -> float:
        return (usage.prompt_tokens * self.prompt_per_mtok + usage.completion_tokens * self.completion_per_mtok) / 1e6


class OpenAICompatible:
    """A `ChatModel` over HTTP. Retries are ours alone (client `max_retries=0`); the key never leaves the client."""

    def __init__(self, model: str, *, base_url: str | None = None, api_key: str | None = None,
                 timeout_s: float = 60.0, retry: RetryPolicy | None = None,
                 structured: Literal["auto", "json_schema", "json_object"] = "auto",
                 price: Price | None = None, temperature: float | None = None,
                 max_tokens: int | None = None, http_client: Any = None):
        self.name = model
        self.retry = retry or RetryPolicy()
        self.price = price
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.structured_mode = "json_object" if structured == "json_object" else "json_schema"
        self._auto = structured == "auto"
        self._secret = api_key or ""
        self._client = openai.OpenAI(api_key=api_key or "sk-no-key", base_url=base_url, timeout=timeout_s,
                                     max_retries=0, http_client=http_client)
        self.endpoint = str(self._client.base_url).rstrip("/")

    def __repr__(self) -> str:
        return f"OpenAICompatible(model={self.name!r}, endpoint={self.endpoint!r})"

    def ping(self) -> None:
        """One cheap request (GET /models) so a run fails fast, before writing anything, when the endpoint is
        unreachable or rejects the key. Other answers (e.g. servers without /models) count as reachable."""
        try:
            self._client.with_options(timeout=min(self._client.timeout if isinstance(self._client.timeout, float)
                                                  else 10.0, 10.0)).models.list()
        except (openai.APITimeoutError, openai.APIConnectionError) as exc:
            raise self._transport_error(exc, 1) from None
        except openai.APIStatusError as exc:
            if exc.status_code in (401, 403):
                raise self._classify(exc, 1) from None

    async def acomplete(self, messages: Sequence[Message], *, schema: type[BaseModel] | None = None,
                        tools: Sequence[Any] | None = None) -> ModelReply:
        """The async twin: the same policy, run off the event loop."""
        return await asyncio.to_thread(self.complete, messages, schema=schema, tools=tools)

    def complete(self, messages: Sequence[Message], *, schema: type[BaseModel] | None = None,
                 tools: Sequence[Any] | None = None) -> ModelReply:
        """Answer the conversation; at most `retry.max_attempts` HTTP requests, transport retries and re-asks alike."""
        msgs = normalise(messages)
        usage = Usage()
        started = time.monotonic()
        last: Exception | None = None
        for attempt in range(1, self.retry.max_attempts + 1):
            usage.requests += 1
            try:
                resp = self._client.chat.completions.create(**self._request(msgs, schema, tools))
                reply = self._reply(resp, schema, usage)
            except OutputProblem as problem:
                usage.reasks += 1
                last = problem
                msgs = msgs + [{"role": "assistant", "content": getattr(problem, "raw_text", "") or ""},
                               reask_message(problem)]
                continue
            except openai.APIStatusError as exc:
                if schema and self._auto and self.structured_mode == "json_schema" and _rejects_json_schema(exc):
                    self.structured_mode = "json_object"
                    continue
                err = self._classify(exc, usage.requests)
                if not err.retryable or attempt == self.retry.max_attempts:
                    raise err from None
                last = err
                time.sleep(self.retry.delay(attempt, parse_retry_after(exc.response.headers)))
                continue
            except (openai.APITimeoutError, openai.APIConnectionError, openai.APIResponseValidationError,
                    json.JSONDecodeError, MalformedResponse) as exc:
                err = self._transport_error(exc, usage.requests)
                if attempt == self.retry.max_attempts:
                    raise err from None
                last = err
                time.sleep(self.retry.delay(attempt))
                continue
            reply.usage.latency_s = time.monotonic() - started
            return reply
        if isinstance(last, OutputProblem):
            raise E.InvalidOutputError(
                f"model {self.name} at {self.endpoint} gave no valid structured output in {usage.requests} "
                f"requests ({last}); try a stronger model or structured='json_object'",
                endpoint=self.endpoint, requests=usage.requests)
        raise last if isinstance(last, E.ModelError) else E.ModelError(
            f"model {self.name} at {self.endpoint} failed", endpoint=self.endpoint, requests=usage.requests)

    def _request(self, msgs: list[Message], schema, tools) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"model": self.name, "messages": msgs}
        if schema is not None:
            kwargs["response_format"] = response_format(schema, self.structured_mode)
            if self.structured_mode == "json_object":
                kwargs["messages"] = [{"role": "system", "content": schema_instruction(schema)}, *msgs]
        if tools:
            kwargs["tools"] = tool_specs(tools)
        if self.temperature is not None:
            kwargs["temperature"] = self.temperature
        if self.max_tokens is not None:
            kwargs["max_tokens"] = self.max_tokens
        return kwargs

    def _reply(self, resp: Any, schema, usage: Usage) -> ModelReply:
        if isinstance(resp, str) or not getattr(resp, "choices", None):
            raise MalformedResponse("the body was not a chat completion")
        if resp.usage is not None:
            usage.prompt_tokens += resp.usage.prompt_tokens or 0
            usage.completion_tokens += resp.usage.completion_tokens or 0
        if self.price:
            usage.cost = self.price.cost(usage)
        choice = resp.choices[0]
        msg = choice.message
        if getattr(msg, "refusal", None) or choice.finish_reason == "content_filter":
            raise E.RefusalError(f"model {self.name} at {self.endpoint} refused: {_clip(msg.refusal or 'content filter')}",
                                 endpoint=self.endpoint, requests=usage.requests)
        calls = [_tool_call(c) for c in (msg.tool_calls or [])]
        parsed = None
        if schema is not None and not calls:
            try:
                parsed = parse_structured(msg.content, schema)
            except OutputProblem as problem:
                problem.raw_text = msg.content or ""
                raise
        return ModelReply(text=msg.content or "", parsed=parsed, tool_calls=calls, usage=usage,
                          model=resp.model or self.name, finish_reason=choice.finish_reason)

    def _classify(self, exc: openai.APIStatusError, requests: int) -> E.ModelError:
        status = exc.status_code
        detail = self._redact(_clip(_error_text(exc)))
        where = f"model endpoint {self.endpoint}"
        kw = dict(endpoint=self.endpoint, status=status, requests=requests)
        if status in (401, 403):
            return E.ModelAuthError(f"{where} rejected the API key (HTTP {status}): set OPENAI_API_KEY "
                                    f"(or [model].api_key_env in rolegraph.toml) to a valid key", **kw)
        if status == 404:
            return E.ModelNotFoundError(f"{where} has no model {self.name!r} or no such path (HTTP 404): check "
                                        f"--model and --base-url (it usually ends in /v1)", **kw)
        if _is_context_overflow(exc):
            return E.ContextOverflowError(f"{where}: the prompt exceeds {self.name}'s context window "
                                          f"(HTTP {status}): shorten the task or use a longer-context model", **kw)
        if status == 429:
            return E.ModelUnavailableError(f"{where} kept rate-limiting (HTTP 429) after {requests} requests: "
                                           f"wait, lower --workers, or raise your rate limit", **kw)
        if status >= 500:
            return E.ModelUnavailableError(f"{where} failed with HTTP {status} after {requests} requests "
                                           f"({detail}): check the server's log", **kw)
        return E.ModelBadRequestError(f"{where} rejected the request (HTTP {status}: {detail})", **kw)

    def _transport_error(self, exc: Exception, requests: int) -> E.ModelError:
        kw = dict(endpoint=self.endpoint, requests=requests)
        if isinstance(exc, openai.APITimeoutError):
            return E.ModelTimeoutError(f"model endpoint {self.endpoint} did not answer within the timeout "
                                       f"({requests} requests): raise [model].timeout_s or check the server", **kw)
        if isinstance(exc, openai.APIConnectionError):
            return E.EndpointUnreachableError(f"cannot reach model endpoint {self.endpoint} ({requests} requests): "
                                              f"is the server running? check --base-url / OPENAI_BASE_URL", **kw)
        return E.ModelUnavailableError(f"model endpoint {self.endpoint} sent a malformed response "
                                       f"({requests} requests): is it OpenAI-compatible?", **kw)

    def _redact(self, text: str) -> str:
        return text.replace(self._secret, "***") if len(self._secret) >= 4 else text


class MalformedResponse(Exception):
    """The server answered 200 with something that is not a chat completion."""


def _tool_call(call: Any) -> ToolCall:
    try:
        args = json.loads(call.function.arguments or "{}")
    except json.JSONDecodeError:
        problem = OutputProblem(f"the arguments of tool call {call.function.name!r} were not valid JSON")
        problem.raw_text = ""
        raise problem from None
    return ToolCall(id=call.id, name=call.function.name, arguments=args if isinstance(args, dict) else {})


def _error_text(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            return str(inner.get("message") or inner)
        return str(inner)
    return str(body or exc.message)


def _is_context_overflow(exc: openai.APIStatusError) -> bool:
    if exc.status_code not in (400, 413):
        return False
    text = (str(getattr(exc, "code", "") or "") + " " + _error_text(exc)).lower()
    return "context_length" in text or "context window" in text or "maximum context" in text


def _rejects_json_schema(exc: openai.APIStatusError) -> bool:
    text = _error_text(exc).lower()
    return exc.status_code in (400, 422, 500) and ("json_schema" in text or "response_format" in text)


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
