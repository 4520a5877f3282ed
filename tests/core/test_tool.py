from agents.core import Tool, ToolError, tool
from agents.core.tool import clip


def add(a: int, b: int = 2) -> int:
    """Add two numbers.

    Longer text that is not part of the description."""
    return a + b


def test_spec_comes_from_signature_and_docstring():
    spec = Tool(add).spec()["function"]
    assert spec["name"] == "add"
    assert spec["description"] == "Add two numbers."
    assert spec["parameters"]["required"] == ["a"]
    assert spec["parameters"]["properties"]["a"]["type"] == "integer"


def test_call_validates_and_applies_defaults():
    t = Tool(add)
    assert t(a=1) == "3"
    assert t(a="4", b=1) == "5"
    assert t(a="x").startswith("error: invalid arguments for add")
    assert "extra" in t(a=1, c=3).lower() or "not permitted" in t(a=1, c=3).lower()


def test_tool_error_becomes_text_result():
    @tool
    def refuse(path: str) -> str:
        """Refuse."""
        raise ToolError(f"{path} is outside the worktree")

    assert refuse(path="/etc") == "error: /etc is outside the worktree"


def test_results_are_clipped_head_and_tail_with_size_stated():
    out = clip("a" * 100 + "b" * 10_000 + "c" * 100, 600)
    assert out.startswith("a" * 100) and out.endswith("c" * 100)
    assert "[clipped 9,600 characters]" in out
    big = Tool(lambda: "x" * 50_000, name="flood", max_chars=1000)
    assert len(big()) < 1100
