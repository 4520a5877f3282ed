"""The same MP5 graph in Minecraft: scripted Parser, Planner and Patroller drive a Mineflayer bot on the bundled
server; the knowledge brains run the same task offline."""
import shutil

import pytest

from agents.mp5.graph import build_mp5_team
from agents.testing import ScriptedModel

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed (rolegraph setup)")

PARSED = {"task": "obtain 2 oak logs", "targets": ["obtain_oak_log"],
          "subgoals": [{"name": "collect oak_log x2", "kind": "collect", "target": "oak_log", "count": 2}]}


def test_scripted_llm_brains_in_minecraft(runs_dir):
    models = {"parser": ScriptedModel([PARSED]),
              "planner": ScriptedModel([{"steps": [{"skill": "obtain", "args": {"item": "oak_log", "count": 2}}]}]),
              "patroller": ScriptedModel([{"ok": True, "feedback": "two logs"}])}
    team = build_mp5_team("obtain 2 oak logs", env="minecraft", seed=3, models=models)
    try:
        result = team.run({"task": "obtain 2 oak logs"}, run_id="mc-slice")
    finally:
        team.world.close()
    assert result.state["outcome"] == "success" and result.state["world"]["inventory"].get("oak_log", 0) >= 2
    for model in models.values():
        model.assert_complete()
    assert "Minecraft" in models["parser"].calls[0].system_text
    assert "obtain(item, count)" in models["planner"].calls[0].system_text
    assert team.brains["parser"] == team.brains["planner"] == team.brains["patroller"] == "llm"


def test_knowledge_brains_craft_a_crafting_table_in_minecraft(runs_dir):
    team = build_mp5_team("craft a crafting table", env="minecraft", seed=4)
    try:
        result = team.run({"task": "craft a crafting table"}, run_id="mc-knowledge")
    finally:
        team.world.close()
    assert result.state["outcome"] == "success", result.state["subgoals"]
    assert result.state["world"]["inventory"].get("crafting_table", 0) >= 1
