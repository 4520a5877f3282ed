"""Testing kit (public): scripted and function models, and a real loopback OpenAI-compatible server."""
from agents.testing.scripted import Call, FunctionModel, ScriptedModel, tool_call

__all__ = ["Call", "FunctionModel", "ScriptedModel", "tool_call"]

try:
    from agents.testing.fake_openai import Fault, FakeOpenAIServer, Reply  # noqa: F401

    __all__ += ["FakeOpenAIServer", "Fault", "Reply"]
except ImportError:  # pragma: no cover - only while the server module is being written
    pass
