"""FakeOpenAIServer driven over real HTTP by the real `openai` client (and raw sockets where it hides things)."""

from __future__ import annotations

import base64
import errno
import http.client
import io
import json
import threading
import urllib.error
import urllib.request

import openai
import pydantic
import pytest
from PIL import Image

from agents.testing.fake_openai import FAULT_KINDS, FakeOpenAIServer, Fault, Reply

MESSAGES = [{"role": "user", "content": "hi"}]


def client(srv: FakeOpenAIServer, *, api_key: str = "test-key", max_retries: int = 0, **kwargs) -> openai.OpenAI:
    return openai.OpenAI(base_url=srv.base_url, api_key=api_key, max_retries=max_retries, **kwargs)


def chat(srv: FakeOpenAIServer, **kwargs):
    kwargs.setdefault("messages", MESSAGES)
    return client(srv).chat.completions.create(model="fake-model", **kwargs)


class Answer(pydantic.BaseModel):
    answer: int


def test_text_reply_is_a_complete_chat_completion():
    with FakeOpenAIServer(replies=["hello"]) as srv:
        completion = chat(srv, temperature=0.5)
    assert completion.choices[0].message.content == "hello"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.object == "chat.completion" and completion.model == "fake-model"
    assert completion.id and completion.created > 0
    assert completion.usage.prompt_tokens == (len(json.dumps(MESSAGES)) + 3) // 4
    assert completion.usage.completion_tokens == 2 and completion.usage.total_tokens == completion.usage.prompt_tokens + 2
    [recorded] = srv.requests
    assert recorded.path == "/v1/chat/completions" and recorded.body["temperature"] == 0.5
    assert json.loads(recorded.raw) == recorded.body
    srv.assert_complete()


def test_dict_and_pydantic_replies_arrive_as_json_content():
    with FakeOpenAIServer(replies=[{"a": [1, 2]}, Answer(answer=42)]) as srv:
        first, second = chat(srv), chat(srv)
    assert json.loads(first.choices[0].message.content) == {"a": [1, 2]}
    assert Answer.model_validate_json(second.choices[0].message.content) == Answer(answer=42)


def test_tool_calls_get_ids_and_json_string_arguments():
    tools = [{"type": "function", "function": {"name": "move", "parameters": {"type": "object"}}}]
    calls = [("move", {"x": 1}), {"name": "look", "arguments": "{broken"}, {"id": "mine", "function": {"name": "dig"}}]
    with FakeOpenAIServer(replies=[Reply(tool_calls=calls), Reply(tool_calls=[("move", {})])]) as srv:
        first = chat(srv, tools=tools, tool_choice="auto")
        second = chat(srv)
    message = first.choices[0].message
    assert first.choices[0].finish_reason == "tool_calls" and message.content is None
    assert [(c.id, c.function.name, c.function.arguments) for c in message.tool_calls] == [
        ("call_1", "move", '{"x": 1}'), ("call_2", "look", "{broken"), ("mine", "dig", "{}")]
    assert second.choices[0].message.tool_calls[0].id == "call_3"
    assert srv.requests[0].body["tools"] == tools and srv.requests[0].body["tool_choice"] == "auto"


def test_reply_overrides_tokens_and_finish_reason():
    with FakeOpenAIServer(replies=[Reply("cut", finish_reason="length", prompt_tokens=7, completion_tokens=3)]) as srv:
        completion = chat(srv)
    assert completion.choices[0].finish_reason == "length"
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (7, 3)


@pytest.mark.parametrize(
    ("kind", "error", "status", "code"),
    [
        ("rate_limit", openai.RateLimitError, 429, "rate_limit_exceeded"),
        ("server_error", openai.InternalServerError, 500, None),
        ("overloaded", openai.InternalServerError, 503, None),
        ("bad_request", openai.BadRequestError, 400, None),
        ("unauthorized", openai.AuthenticationError, 401, "invalid_api_key"),
        ("forbidden", openai.PermissionDeniedError, 403, "permission_denied"),
        ("not_found", openai.NotFoundError, 404, "model_not_found"),
        ("context_length_exceeded", openai.BadRequestError, 400, "context_length_exceeded"),
    ],
)
def test_error_faults_map_to_the_clients_exceptions(kind, error, status, code):
    with FakeOpenAIServer(replies=[Fault(kind)]) as srv:
        with pytest.raises(error) as raised:
            chat(srv)
    assert raised.value.status_code == status and raised.value.code == code
    srv.assert_complete()


def test_error_messages_read_like_openais():
    faults = [Fault("context_length_exceeded"), Fault("not_found"), Fault("bad_request", text="custom words")]
    with FakeOpenAIServer(replies=faults) as srv:
        messages = []
        for _ in faults:
            with pytest.raises(openai.APIStatusError) as raised:
                chat(srv)
            messages.append(raised.value.message)
    assert "maximum context length is 8192 tokens" in messages[0]
    assert "`fake-model` does not exist" in messages[1]
    assert "custom words" in messages[2]


def test_rate_limit_carries_retry_after_seconds():
    with FakeOpenAIServer(replies=[Fault("rate_limit", retry_after=7), Fault("rate_limit")]) as srv:
        headers = []
        for _ in range(2):
            with pytest.raises(openai.RateLimitError) as raised:
                chat(srv)
            headers.append(raised.value.response.headers["retry-after"])
    assert headers == ["7", "1"]
    assert raised.value.body["type"] == "rate_limit_exceeded"


def test_client_retry_consumes_the_next_scripted_reply():
    with FakeOpenAIServer(replies=[Fault("rate_limit", retry_after=0.01), "after retry"]) as srv:
        completion = client(srv, max_retries=1).chat.completions.create(model="fake-model", messages=MESSAGES)
    assert completion.choices[0].message.content == "after retry"
    assert len(srv.requests) == 2
    srv.assert_complete()


def test_slow_reply_past_the_client_timeout_times_out():
    with FakeOpenAIServer(replies=[Fault("slow", delay=30, text="too late")]) as srv:
        with pytest.raises(openai.APITimeoutError):
            client(srv, timeout=0.3).chat.completions.create(model="fake-model", messages=MESSAGES)
    srv.assert_complete()


def test_slow_reply_within_the_timeout_answers_its_text():
    with FakeOpenAIServer(replies=[Fault("slow", delay=0.01, text="late but fine")]) as srv:
        assert chat(srv).choices[0].message.content == "late but fine"


def test_default_delay_holds_back_plain_replies():
    with FakeOpenAIServer(replies=["x"], default_delay=30) as srv:
        with pytest.raises(openai.APITimeoutError):
            client(srv, timeout=0.3).chat.completions.create(model="fake-model", messages=MESSAGES)


def test_stop_ends_a_pending_slow_reply_without_answering():
    outcome: list[BaseException | object] = []
    srv = FakeOpenAIServer(replies=[Fault("slow", delay=60, text="never")]).start()
    slow_client = client(srv, timeout=30)

    def call() -> None:
        try:
            outcome.append(slow_client.chat.completions.create(model="fake-model", messages=MESSAGES))
        except openai.APIError as exc:
            outcome.append(exc)

    before = set(threading.enumerate())
    caller = threading.Thread(target=call)
    caller.start()
    for _ in range(1000):
        if srv.requests:
            break
        threading.Event().wait(0.01)
    workers = [t for t in set(threading.enumerate()) - before if "process_request" in t.name]
    srv.stop()
    for thread in [caller, *workers]:
        thread.join(timeout=10)
    assert workers and not any(thread.is_alive() for thread in [caller, *workers])
    assert isinstance(outcome[0], openai.APIConnectionError)


def test_reset_closes_the_connection_without_a_response():
    with FakeOpenAIServer(replies=[Fault("reset"), Fault("reset")]) as srv:
        with pytest.raises(openai.APIConnectionError):
            chat(srv)
        connection = http.client.HTTPConnection(srv.base_url.split("//")[1].split("/")[0])
        connection.request("POST", "/v1/chat/completions", body=json.dumps({"messages": MESSAGES}))
        with pytest.raises(ConnectionResetError) as raised:
            connection.getresponse()
    assert raised.value.errno == errno.ECONNRESET, "a reset, not an orderly close"
    srv.assert_complete()


def test_invalid_json_body_is_a_200_that_is_not_json():
    with FakeOpenAIServer(replies=[Fault("invalid_json_body"), Fault("invalid_json_body")]) as srv:
        request = urllib.request.Request(srv.base_url + "/chat/completions", data=json.dumps({"messages": []}).encode())
        with urllib.request.urlopen(request) as response:
            status, raw = response.status, response.read()
        with pytest.raises(json.JSONDecodeError):
            chat(srv)
    assert status == 200 and raw.startswith(b"<html>")
    with pytest.raises(ValueError):
        json.loads(raw)


def test_truncated_and_prose_json_faults():
    replies = [Fault("truncated_json", text={"plan": ["a", "b"]}), Fault("prose_json", text={"plan": ["a"]})]
    with FakeOpenAIServer(replies=replies) as srv:
        truncated, prose = chat(srv).choices[0], chat(srv).choices[0].message.content
    assert json.dumps({"plan": ["a", "b"]}).startswith(truncated.message.content)
    with pytest.raises(ValueError):
        json.loads(truncated.message.content)
    assert truncated.finish_reason == "length"
    assert prose.startswith("Sure! Here it is:\n```json\n") and prose.endswith("```\nHope that helps")
    assert json.loads(prose.split("```json\n")[1].split("\n```")[0]) == {"plan": ["a"]}


def test_refusal_fault_sets_refusal_and_null_content():
    with FakeOpenAIServer(replies=[Fault("refusal", text="no way"), Reply(refusal="also no")]) as srv:
        first, second = chat(srv).choices[0].message, chat(srv).choices[0].message
    assert (first.content, first.refusal) == (None, "no way")
    assert (second.content, second.refusal) == (None, "also no")


def test_streamed_text_reassembles_with_usage_last():
    text = "a fairly long answer that should arrive in several pieces"
    with FakeOpenAIServer(replies=[text, "short"]) as srv:
        chunks = list(chat(srv, stream=True, stream_options={"include_usage": True}))
        plain = list(chat(srv, stream=True))
    pieces = [chunk.choices[0].delta.content for chunk in chunks if chunk.choices and chunk.choices[0].delta.content]
    assert len(pieces) > 1 and "".join(pieces) == text
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens == (len(text) + 3) // 4
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert all(chunk.usage is None for chunk in plain)


def test_streamed_tool_calls_reassemble_in_the_stream_helper():
    reply = Reply("thinking", tool_calls=[("move", {"x": 1, "y": [2, 3]}), ("look", {})])
    with FakeOpenAIServer(replies=[reply]) as srv:
        with client(srv).chat.completions.stream(model="fake-model", messages=MESSAGES) as stream:
            final = stream.get_final_completion()
    message = final.choices[0].message
    assert final.choices[0].finish_reason == "tool_calls" and message.content == "thinking"
    assert [(c.id, c.function.name, json.loads(c.function.arguments)) for c in message.tool_calls] == [
        ("call_1", "move", {"x": 1, "y": [2, 3]}), ("call_2", "look", {})]


def test_json_schema_rejection_mode_lets_the_client_fall_back():
    schema = {"type": "json_schema", "json_schema": {"name": "a", "schema": Answer.model_json_schema()}}
    with FakeOpenAIServer(replies=['{"answer": 1}'], reject_json_schema=True) as srv:
        with pytest.raises(openai.InternalServerError) as raised:
            chat(srv, response_format=schema)
        completion = chat(srv, response_format={"type": "json_object", "schema": Answer.model_json_schema()})
    assert "response_format" in raised.value.message and "json_schema" in raised.value.message
    assert completion.choices[0].message.content == '{"answer": 1}'
    assert [r.body["response_format"]["type"] for r in srv.requests] == ["json_schema", "json_object"]
    srv.assert_complete()


def test_json_schema_is_accepted_by_default():
    schema = {"type": "json_schema", "json_schema": {"name": "a", "schema": Answer.model_json_schema()}}
    with FakeOpenAIServer(replies=[Answer(answer=3)]) as srv:
        assert chat(srv, response_format=schema).choices[0].message.content == '{"answer":3}'


def test_images_round_trip_from_data_urls():
    image = Image.new("RGB", (4, 3), (200, 10, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    content = [{"type": "text", "text": "what is this?"}, {"type": "image_url", "image_url": {"url": url}}]
    with FakeOpenAIServer(replies=["a red square"]) as srv:
        chat(srv, messages=[{"role": "user", "content": content}])
    [received] = srv.images()
    assert received.size == (4, 3) and received.convert("RGB").getpixel((1, 1)) == (200, 10, 30)


def test_assert_complete_names_unused_replies():
    with FakeOpenAIServer(replies=["one", "two", "three"]) as srv:
        chat(srv)
    with pytest.raises(AssertionError, match="2 scripted replies never used"):
        srv.assert_complete()


def test_unexpected_request_gets_500_and_fails_assert_complete():
    with FakeOpenAIServer(replies=["only"]) as srv:
        chat(srv)
        with pytest.raises(openai.InternalServerError, match=r"no scripted reply left \(request 2\)"):
            chat(srv)
    with pytest.raises(AssertionError, match="unexpected request"):
        srv.assert_complete()


def test_handler_answers_concurrent_requests():
    seen: list[str] = []

    def handler(body: dict) -> str:
        seen.append(body["messages"][-1]["content"])
        return "echo " + body["messages"][-1]["content"]

    with FakeOpenAIServer(handler=handler) as srv:
        shared = client(srv)
        answers: dict[int, str] = {}

        def ask(n: int) -> None:
            reply = shared.chat.completions.create(model="m", messages=[{"role": "user", "content": str(n)}])
            answers[n] = reply.choices[0].message.content

        threads = [threading.Thread(target=ask, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
    assert answers == {n: f"echo {n}" for n in range(8)} and sorted(seen) == [str(n) for n in range(8)]
    srv.assert_complete()


def test_handler_failure_is_a_500_and_an_assertion():
    with FakeOpenAIServer(handler=lambda body: 1 / 0) as srv:
        with pytest.raises(openai.InternalServerError, match="handler failed"):
            chat(srv)
    with pytest.raises(AssertionError, match="ZeroDivisionError"):
        srv.assert_complete()


def test_api_key_is_enforced_and_never_recorded():
    with FakeOpenAIServer(replies=["welcome"], api_key="secret") as srv:
        with pytest.raises(openai.AuthenticationError) as raised:
            client(srv, api_key="wrong").chat.completions.create(model="m", messages=MESSAGES)
        completion = client(srv, api_key="secret").chat.completions.create(model="m", messages=MESSAGES)
    assert raised.value.code == "invalid_api_key" and completion.choices[0].message.content == "welcome"
    assert all("authorization" not in {k.lower() for k in r.headers} for r in srv.requests)
    assert all(b"secret" not in r.raw and "secret" not in json.dumps(r.headers) for r in srv.requests)
    srv.assert_complete()


def test_models_endpoint_and_unknown_paths():
    with FakeOpenAIServer(model="tiny-1") as srv:
        models = [model.id for model in client(srv).models.list()]
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(urllib.request.Request(srv.base_url + "/completions", data=b"{}"))
    assert models == ["tiny-1"]
    assert raised.value.code == 404 and [r.path for r in srv.requests] == ["/v1/models", "/v1/completions"]


def test_bad_script_items_are_refused_up_front():
    assert {"rate_limit", "reset", "slow", "invalid_json_body"} <= FAULT_KINDS
    with pytest.raises(ValueError, match="unknown Fault kind"):
        Fault("explode")
    with pytest.raises(TypeError):
        FakeOpenAIServer(replies=[42])
    with pytest.raises(ValueError):
        FakeOpenAIServer(replies=["x"], handler=lambda body: "y")
