import pytest
from pydantic import BaseModel

from agents.core import ConfigError, Prompt, Role, Tool
from agents.testing import ScriptedModel, tool_call


class Plan(BaseModel):
    steps: list[str]


@pytest.fixture
def prompts(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "planner.j2").write_text(
        "{% block system %}You are the planner.{% endblock %}{% block user %}Goal: {{ goal }}{% endblock %}")
    return tmp_path / "p"


def test_prompt_blocks_render_and_undefined_variables_fail(prompts):
    assert Prompt("planner.j2", root=prompts).render(goal="wood") == ("You are the planner.", "Goal: wood")
    with pytest.raises(ConfigError, match="'goal' is undefined"):
        Prompt("planner.j2", root=prompts).render()
    with pytest.raises(ConfigError, match="not found"):
        Prompt("missing.j2", root=prompts)


def test_node_returns_partial_update_with_validated_output(prompts):
    model = ScriptedModel([{"steps": ["find tree", "collect wood"]}])
    role = Role("planner", "planner.j2", model, output=Plan, prompt_root=prompts, inputs=lambda s: {"goal": s["task"]})
    assert role.node()({"task": "wood", "other": 1}) == {"planner": {"steps": ["find tree", "collect wood"]}}
    assert model.calls[0].messages[1]["content"] == "Goal: wood"
    assert model.calls[0].schema is Plan
    model.assert_complete()


def test_tool_loop_feeds_results_back(prompts):
    seen = []

    def look(direction: str) -> str:
        """Look somewhere."""
        seen.append(direction)
        return f"a tree to the {direction}"

    model = ScriptedModel([tool_call("look", direction="north"), {"steps": ["go north"]}])
    role = Role("planner", "planner.j2", model, output=Plan, tools=[Tool(look)], prompt_root=prompts)
    reply = role.ask(goal="wood")
    assert reply.parsed.steps == ["go north"] and seen == ["north"]
    second = model.calls[1].messages
    assert second[-1] == {"role": "tool", "tool_call_id": second[-2]["tool_calls"][0]["id"],
                          "content": "a tree to the north"}
    assert model.calls[0].tool_names == ["look"]


def test_tool_loop_is_bounded(prompts):
    model = ScriptedModel([tool_call("look", direction="n")] * 3 + [{"steps": []}])
    role = Role("planner", "planner.j2", model, output=Plan, tools=[Tool(lambda direction: "x", name="look")],
                prompt_root=prompts, max_tool_rounds=3)
    assert role.ask(goal="g").parsed.steps == []
    assert model.calls[-1].tools == []  # the last turn offers no tools: the model must answer
    model.assert_complete()


def test_a_role_without_a_model_says_how_to_configure_one(prompts):
    with pytest.raises(ConfigError, match="no model configured"):
        Role("planner", "planner.j2", None, prompt_root=prompts)
