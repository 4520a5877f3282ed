"""End to end: the MP5 team with knowledge brains on a real Crafter world reaches a short task."""
from agents.mp5.graph import build_mp5_team


def test_knowledge_team_makes_a_wood_pickaxe():
    team = build_mp5_team("make a wood pickaxe", seed=1, record=True)
    result = team.run({"task": "make a wood pickaxe"})
    world = team.world
    assert result.state["outcome"] == "success"
    assert "make_wood_pickaxe" in world.obs.achievements and world.obs.inventory["wood_pickaxe"] >= 1
    assert result.state["actions"] == world.log and len(world.log) < 200
