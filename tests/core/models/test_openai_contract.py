"""OpenAICompatible over real HTTP against FakeOpenAIServer: every fault kind, with request counts asserted."""
import asyncio

import pytest
from PIL import Image
from pydantic import BaseModel

from agents.core.models import (ContextOverflowError, EndpointUnreachableError, InvalidOutputError, ModelAuthError,
                                ModelBadRequestError, ModelNotFoundError, ModelTimeoutError, ModelUnavailableError,
                                OpenAICompatible, RefusalError, RetryPolicy, user)
from agents.core.models import openai_compat
from agents.testing import FakeOpenAIServer, Fault, Reply

CANARY = "sk-CANARY-contract-4f1e9a7c"
HI = [user("hi")]


class Item(BaseModel):
    name: str
    count: int


@pytest.fixture
def waits(monkeypatch):
    """The backoff waits the client asked for (recorded instead of slept)."""
    recorded: list[float] = []
    monkeypatch.setattr(openai_compat.time, "sleep", recorded.append)
    return recorded


def client(srv, **kw):
    kw.setdefault("api_key", CANARY)
    return OpenAICompatible("fake-model", base_url=srv.base_url, **kw)


def test_plain_text_reply_counts_usage(waits):
    with FakeOpenAIServer(["hello there"]) as srv:
        reply = client(srv).complete(HI)
        srv.assert_complete()
    assert reply.text == "hello there" and reply.usage.requests == 1
    assert reply.usage.prompt_tokens > 0 and reply.usage.completion_tokens > 0 and not waits


def test_two_429s_then_success_is_exactly_three_requests_honouring_retry_after(waits):
    with FakeOpenAIServer([Fault("rate_limit", retry_after=2), Fault("rate_limit", retry_after=3), "ok"]) as srv:
        reply = client(srv).complete(HI)
        assert len(srv.requests) == 3
    assert reply.text == "ok" and reply.usage.requests == 3 and waits == [2.0, 3.0]


@pytest.mark.parametrize("kind", ["rate_limit", "server_error", "overloaded"])
def test_persistent_429_or_5xx_gives_up_after_three_requests(kind, waits):
    with FakeOpenAIServer([Fault(kind, retry_after=0)] * 3) as srv:
        with pytest.raises(ModelUnavailableError) as err:
            client(srv).complete(HI)
        assert len(srv.requests) == 3
    assert srv.base_url.rstrip("/") in str(err.value) and err.value.exit_code == 15


@pytest.mark.parametrize("kind, error, code", [
    ("unauthorized", ModelAuthError, 11), ("forbidden", ModelAuthError, 11),
    ("not_found", ModelNotFoundError, 12), ("bad_request", ModelBadRequestError, 13),
    ("context_length_exceeded", ContextOverflowError, 14), ("refusal", RefusalError, 19)])
def test_non_retryable_faults_cost_one_request(kind, error, code, waits):
    with FakeOpenAIServer([Fault(kind)]) as srv:
        with pytest.raises(error) as err:
            client(srv).complete(HI)
        assert len(srv.requests) == 1
    assert err.value.exit_code == code and CANARY not in str(err.value) and not waits
    assert "\n" not in str(err.value)


def test_wrong_key_is_rejected_without_echoing_it(waits):
    with FakeOpenAIServer(["never"], api_key="sk-the-right-one") as srv:
        with pytest.raises(ModelAuthError, match="OPENAI_API_KEY") as err:
            client(srv).complete(HI)
        assert len(srv.requests) == 1
        assert all(CANARY.encode() not in r.raw and CANARY not in str(r.headers) for r in srv.requests)
    assert CANARY not in str(err.value) and CANARY not in repr(err.value.args)


def test_slow_replies_past_the_timeout_are_retried_then_fail(waits):
    with FakeOpenAIServer([Fault("slow", delay=5)] * 3) as srv:
        with pytest.raises(ModelTimeoutError, match="timeout"):
            client(srv, timeout_s=0.3).complete(HI)
        assert len(srv.requests) == 3


def test_one_slow_reply_then_a_fast_one_succeeds(waits):
    with FakeOpenAIServer([Fault("slow", delay=5), "fast"]) as srv:
        assert client(srv, timeout_s=0.3).complete(HI).text == "fast"
        assert len(srv.requests) == 2


@pytest.mark.parametrize("fault", ["reset", "invalid_json_body"])
def test_connection_reset_and_garbage_bodies_are_retried(fault, waits):
    with FakeOpenAIServer([Fault(fault), "recovered"]) as srv:
        assert client(srv).complete(HI).text == "recovered"
        assert len(srv.requests) == 2
    with FakeOpenAIServer([Fault(fault)] * 3) as srv:
        with pytest.raises((EndpointUnreachableError, ModelUnavailableError)):
            client(srv).complete(HI)
        assert len(srv.requests) == 3


def test_unreachable_endpoint_names_the_url(waits):
    with FakeOpenAIServer([]) as srv:
        url = srv.base_url
    with pytest.raises(EndpointUnreachableError, match="cannot reach model endpoint http://127.0.0.1"):
        OpenAICompatible("m", base_url=url, api_key=CANARY, timeout_s=2).complete(HI)


def test_truncated_json_is_re_asked_once_and_counted(waits):
    with FakeOpenAIServer([Fault("truncated_json", text={"name": "wood", "count": 2}),
                           {"name": "wood", "count": 2}]) as srv:
        reply = client(srv).complete(HI, schema=Item)
        assert len(srv.requests) == 2
        assert "not usable" in srv.requests[1].body["messages"][-1]["content"]
    assert reply.parsed == Item(name="wood", count=2) and reply.usage.reasks == 1


def test_prose_around_json_is_parsed_without_a_re_ask(waits):
    with FakeOpenAIServer([Fault("prose_json", text={"name": "stone", "count": 1})]) as srv:
        reply = client(srv).complete(HI, schema=Item)
    assert reply.parsed.name == "stone" and reply.usage.reasks == 0


def test_schema_mismatch_every_time_is_a_clean_invalid_output_error(waits):
    with FakeOpenAIServer([{"name": "x"}] * 3) as srv:
        with pytest.raises(InvalidOutputError, match="count"):
            client(srv).complete(HI, schema=Item)
        assert len(srv.requests) == 3


def test_json_schema_rejection_falls_back_to_json_object(waits):
    with FakeOpenAIServer([{"name": "a", "count": 1}, {"name": "b", "count": 2}], reject_json_schema=True) as srv:
        model = client(srv)
        assert model.complete(HI, schema=Item).parsed.name == "a"
        assert [r.body["response_format"]["type"] for r in srv.requests] == ["json_schema", "json_object"]
        assert model.complete(HI, schema=Item).parsed.name == "b"
        assert len(srv.requests) == 3 and model.structured_mode == "json_object"
        assert "JSON schema" in srv.requests[-1].body["messages"][0]["content"]


def test_json_schema_request_shape(waits):
    with FakeOpenAIServer([{"name": "a", "count": 1}]) as srv:
        client(srv).complete(HI, schema=Item)
        fmt = srv.requests[0].body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["schema"]["required"] == ["name", "count"]


def test_tool_calls_round_trip(waits):
    with FakeOpenAIServer([Reply(tool_calls=[("look", {"direction": "north"})])]) as srv:
        spec = {"type": "function", "function": {"name": "look", "parameters": {"type": "object"}}}
        reply = client(srv).complete(HI, tools=[spec])
        assert srv.requests[0].body["tools"][0]["function"]["name"] == "look"
    assert reply.tool_calls[0].name == "look" and reply.tool_calls[0].arguments == {"direction": "north"}


def test_images_are_sent_as_data_urls(waits):
    frame = Image.new("RGB", (48, 40), (10, 200, 30))
    with FakeOpenAIServer(["green"]) as srv:
        client(srv).complete([user("colour?", [frame])])
        sent = srv.images(0)
    assert len(sent) == 1 and sent[0].size == (48, 40) and sent[0].getpixel((5, 5))[:3] == (10, 200, 30)


def test_async_twin(waits):
    with FakeOpenAIServer(["async ok"]) as srv:
        assert asyncio.run(client(srv).acomplete(HI)).text == "async ok"


def test_retry_policy_bounds_waits():
    policy = RetryPolicy(base_delay_s=1, max_delay_s=5, jitter=0)
    assert [policy.delay(a) for a in (1, 2, 3, 4)] == [1, 2, 4, 5]
    assert policy.delay(1, retry_after=60) == 5
