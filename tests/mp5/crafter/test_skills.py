"""Each skill family on fixed seeds of the real game, judged from the inventory and achievements."""
import pytest

from agents.mp5.crafter import CrafterWorld
from agents.mp5.state import SkillCall


def run(world, skill, max_steps=600, **args):
    return world.run_skill(SkillCall(skill=skill, args=args), max_steps=max_steps)


@pytest.fixture(scope="module")
def tooled():
    """Seed 1 after the wood stage: wood, a table and a wood pickaxe."""
    w = CrafterWorld(seed=1, record=False)
    assert run(w, "collect", material="tree", count=5).ok
    assert w.obs.inventory["wood"] >= 5
    result = run(w, "place", item="table")
    assert result.ok and "place_table" in w.obs.achievements and result.steps <= 30
    assert run(w, "make", item="wood_pickaxe").ok and w.obs.inventory["wood_pickaxe"] == 1
    return w


def test_collect_stone_needs_and_uses_the_pickaxe(tooled):
    result = run(tooled, "collect", material="stone", count=3)
    assert result.ok and tooled.obs.inventory["stone"] >= 3 and "collect_stone" in tooled.obs.achievements


def test_collect_refuses_without_the_tool():
    w = CrafterWorld(seed=1, record=False)
    result = run(w, "collect", material="iron")
    assert not result.ok and "stone_pickaxe" in result.message and result.steps == 0


def test_place_stone_and_make_away_from_the_table(tooled):
    assert run(tooled, "place", item="stone").ok and "place_stone" in tooled.obs.achievements
    run(tooled, "explore", steps=25)
    result = run(tooled, "make", item="wood_sword")
    assert result.ok and tooled.obs.inventory["wood_sword"] >= 1


def test_drink_fills_the_drink_meter():
    w = CrafterWorld(seed=1, record=False)
    result = run(w, "drink")
    assert result.ok and "collect_drink" in w.obs.achievements and w.obs.status["drink"] == 9


def test_eat_cow():
    w = CrafterWorld(seed=4, record=False)
    result = run(w, "eat", food="cow", max_steps=400)
    assert result.ok and "eat_cow" in w.obs.achievements


def test_sleep_wakes_up():
    w = CrafterWorld(seed=2, record=False)
    result = run(w, "sleep", max_steps=400)
    assert result.ok and "wake_up" in w.obs.achievements


def test_reach_stands_next_to_water():
    w = CrafterWorld(seed=1, record=False)
    result = run(w, "reach", adjacent="water")
    look = w.look()
    assert result.ok and any(abs(dx) + abs(dy) == 1 for dx, dy in look.find("water"))
