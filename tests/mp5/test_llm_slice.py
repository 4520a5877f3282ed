"""An LLM-brain episode slice on real Crafter: scripted parser, planner and patroller drive the same graph."""
from agents.core import Budget
from agents.mp5.graph import build_mp5_team
from agents.testing import ScriptedModel

PARSED = {"task": "place a table", "targets": ["place_table"], "subgoals": [
    {"name": "collect wood x2", "kind": "collect", "target": "wood", "count": 2},
    {"name": "place table", "kind": "place", "target": "table"}]}


def test_scripted_llm_brains_place_a_table(runs_dir):
    models = {
        "parser": ScriptedModel([PARSED]),
        "planner": ScriptedModel([
            {"steps": [{"skill": "collect", "args": {"material": "tree", "count": 2}}], "rationale": "wood first"},
            {"steps": [{"skill": "place", "args": {"item": "table"}}], "rationale": "then the table"}]),
        "patroller": ScriptedModel([{"ok": True, "feedback": "two wood"}, {"ok": True, "feedback": "table placed"}]),
    }
    team = build_mp5_team("place a table", seed=2, models=models, record=False)
    team.budget = Budget(max_steps=60)
    result = team.run({"task": "place a table"}, run_id="slice")
    assert team.brains["parser"] == team.brains["planner"] == team.brains["patroller"] == "llm"
    assert team.brains["percipient"] == "knowledge"
    assert result.state["outcome"] == "success", result.state.get("subgoals")
    assert "place_table" in result.state["world"]["achievements"]
    for model in models.values():
        model.assert_complete()
    planner_prompt = models["planner"].calls[1].last_user_text
    assert '"target":"table"' in planner_prompt and '"wood"' in planner_prompt  # situation-aware
    assert "collect(material" in models["planner"].calls[0].system_text  # the world's skills are offered
    assert result.usage["planner"]["calls"] == 2 and result.usage["patroller"]["calls"] == 2


def test_workflows_that_never_act_end_the_run_as_stuck(runs_dir):
    """Different workflows that all fail without a world step (here: making things with an empty inventory) end
    the run as `stuck` after the team's patience instead of cycling forever."""
    from agents.testing import FunctionModel

    items = iter(["iron_pickaxe", "stone_pickaxe", "iron_sword", "stone_sword", "furnace", "wood_pickaxe"] * 20)
    planner = FunctionModel(lambda request: {"steps": [{"skill": "make", "args": {"item": next(items)}}],
                                             "rationale": "try something"})
    team = build_mp5_team("collect a diamond", seed=3, models={"planner": planner}, record=False)
    result = team.run({"task": "collect a diamond"}, run_id="never-acts")
    assert result.status == "stuck", (result.status, result.state.get("outcome"))
    assert result.state["world"]["step"] == 0 and len(planner.calls) <= team.stuck_patience + 1
