import pytest
from pydantic import BaseModel

from agents.core.models import InvalidOutputError
from agents.testing import FunctionModel, ScriptedModel, tool_call


class Answer(BaseModel):
    value: int


def test_ordered_replies_are_recorded_and_validated():
    model = ScriptedModel(["hello", {"value": 3}])
    assert model.complete([{"role": "user", "content": "hi"}]).text == "hello"
    reply = model.complete([{"role": "user", "content": "n?"}], schema=Answer)
    assert reply.parsed == Answer(value=3)
    assert [c.last_user_text for c in model.calls] == ["hi", "n?"]
    model.assert_complete()


def test_unexpected_call_and_unused_replies_fail():
    model = ScriptedModel(["only"])
    model.complete([{"role": "user", "content": "a"}])
    with pytest.raises(AssertionError, match="unexpected call #2"):
        model.complete([{"role": "user", "content": "b"}])
    with pytest.raises(AssertionError, match="1 scripted replies never used"):
        ScriptedModel(["x"]).assert_complete()


def test_keyed_replies_follow_the_system_prompt():
    model = ScriptedModel({"planner": ["plan"], "critic": ["critique"]})
    assert model.complete([{"role": "system", "content": "You are the critic."}]).text == "critique"
    assert model.complete([{"role": "system", "content": "You are the planner."}]).text == "plan"
    model.assert_complete()


def test_schema_mismatch_raises_the_same_error_a_real_model_would():
    with pytest.raises(InvalidOutputError):
        ScriptedModel([{"value": "many"}]).complete([{"role": "user", "content": "n"}], schema=Answer)


def test_function_model_and_tool_calls():
    model = FunctionModel(lambda call: tool_call("look", at=call.last_user_text))
    reply = model.complete([{"role": "user", "content": "tree"}])
    assert reply.tool_calls[0].name == "look" and reply.tool_calls[0].arguments == {"at": "tree"}
    assert reply.usage.prompt_tokens > 0
