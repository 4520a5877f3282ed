"""Parser and Planner, both brains, on fixed inputs."""
import pytest

from agents.core.errors import UserInputError
from agents.core.memory import MemoryStore
from agents.core.models import InvalidOutputError
from agents.mp5.parser import KnowledgeParser, LlmParser
from agents.mp5.planner import KnowledgePlanner, LlmPlanner
from agents.mp5.state import Subgoal
from agents.testing import ScriptedModel

SKILLS = {"collect": "collect(material, count)", "make": "make(item)", "place": "place(item)"}


def test_knowledge_parser_orders_the_diamond_chain_by_the_tech_tree():
    targets = [s.target for s in KnowledgeParser().parse("collect a diamond").subgoals]
    for before, after in [("wood", "table"), ("table", "wood_pickaxe"), ("wood_pickaxe", "stone"),
                          ("stone", "stone_pickaxe"), ("furnace", "iron_pickaxe"), ("iron", "iron_pickaxe"),
                          ("iron_pickaxe", "diamond")]:
        assert targets.index(before) < targets.index(after)
    assert targets[-1] == "diamond"


def test_knowledge_parser_adds_survival_needs_to_the_long_diamond_chain():
    """The diamond takes nights in the open: both swords come before the search (a zombie takes 5 hits bare
    handed, 2 with a stone sword), as the unlock-all curriculum has them."""
    targets = [s.target for s in KnowledgeParser().parse("collect a diamond").subgoals]
    assert targets.index("wood_sword") < targets.index("stone_sword") < targets.index("diamond")


def test_knowledge_parser_modes():
    assert len(KnowledgeParser().parse("unlock all achievements").subgoals) == 22
    ctx = KnowledgeParser().parse("stand next to a cow near water at night with a stone sword")
    assert ctx.mode == "context" and ctx.subgoals[-1].conditions["holding"] == "stone_sword"
    assert "stone_sword" in [s.target for s in ctx.subgoals]


def test_unknown_task_is_one_line_with_close_matches():
    with pytest.raises(UserInputError, match="unknown task 'collect a diamnd'; did you mean: 'collect diamond'"):
        KnowledgeParser().parse("collect a diamnd")


def test_llm_parser_sends_unknown_items_back_then_accepts_the_fix():
    bad = {"task": "t", "targets": ["make_wood_pickaxe"],
           "subgoals": [{"name": "get logs", "kind": "collect", "target": "log", "count": 1}]}
    good = {"task": "t", "targets": ["make_wood_pickaxe"],
            "subgoals": [{"name": "collect wood", "kind": "collect", "target": "wood", "count": 1},
                         {"name": "place table", "kind": "place", "target": "table"},
                         {"name": "make pickaxe", "kind": "make", "target": "wood_pickaxe", "nearby": ["table"]}]}
    model = ScriptedModel([bad, good])
    parsed = LlmParser(model).parse("make a wood pickaxe")
    assert [s.target for s in parsed.subgoals] == ["wood", "table", "wood_pickaxe"]
    assert "log" in model.calls[1].last_user_text and "not in Crafter's tech tree" in model.calls[1].last_user_text
    model.assert_complete()


def test_llm_parser_gives_up_after_bounded_fixes():
    bad = {"task": "t", "targets": [], "subgoals": [{"name": "x", "kind": "collect", "target": "unobtainium"}]}
    with pytest.raises(InvalidOutputError, match="unobtainium"):
        LlmParser(ScriptedModel([bad] * 3), max_fixes=2).parse("collect wood")


def test_knowledge_planner_asks_first_then_plans_then_reuses_memory(tmp_path):
    goal = Subgoal(name="collect wood x3", kind="collect", target="wood", count=3)
    planner = KnowledgePlanner()
    first = planner.plan(goal, situation={})
    assert first.questions[0].kind == "nearest" and first.questions[0].target == "tree" and not first.steps
    plan = planner.plan(goal, situation={}, asked=True)
    assert plan.steps[0].skill == "collect" and plan.steps[0].args == {"material": "tree", "count": 3}
    store = MemoryStore(tmp_path / "m.sqlite")
    store.add("workflow", goal.name, "collect wood", {"steps": [{"skill": "explore", "args": {}}]})
    reused = planner.plan(goal, situation={}, asked=True, memories=store.search("workflow", goal.name))
    assert reused.steps[0].skill == "explore" and "memory" in reused.rationale


def test_llm_planner_sees_memories_and_feedback_and_rejects_unknown_skills(tmp_path):
    goal = Subgoal(name="make wood pickaxe", kind="make", target="wood_pickaxe", nearby=["table"])
    store = MemoryStore(tmp_path / "m.sqlite")
    store.add("workflow", goal.name, "make it", {"steps": [{"skill": "make", "args": {"item": "wood_pickaxe"}}]})
    model = ScriptedModel([{"steps": [{"skill": "teleport"}]},
                           {"steps": [{"skill": "make", "args": {"item": "wood_pickaxe"}}], "rationale": "ok"}])
    plan = LlmPlanner(model, SKILLS).plan(goal, situation={"inventory": {"wood": 1}}, feedback="no table near",
                                          memories=store.search("workflow", goal.name), asked=True)
    assert plan.steps[0].skill == "make"
    prompt = model.calls[0].last_user_text
    assert "no table near" in prompt and '"item": "wood_pickaxe"' in prompt and "wood" in prompt
    assert "teleport" in model.calls[1].last_user_text
    model.assert_complete()
