"""Testing kit (public): scripted and function models, and a real loopback OpenAI-compatible server."""
from agents.testing.fake_openai import FakeOpenAIServer, Fault, Reply
from agents.testing.scripted import Call, FunctionModel, ScriptedModel, tool_call

__all__ = ["Call", "FakeOpenAIServer", "Fault", "FunctionModel", "Reply", "ScriptedModel", "tool_call"]
