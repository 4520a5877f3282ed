"""One bundled server and one bot for the module, used in order like a player would: connect, cut a log,
craft planks and a table (Mineflayer's own bot.craft against the server's windows), place it, craft a
pickaxe, meet harvest tiers, smelt iron."""
from __future__ import annotations

import pytest

from environments.base import Environment
from environments.minecraft import MinecraftEnv, skills

SEED = 11


@pytest.fixture(scope="module")
def env(node_ready):
    env = MinecraftEnv(seed=SEED, furnace_speed=5)
    yield env
    env.close()


@pytest.fixture(scope="module")
def first(env):
    return env.reset()


def test_connect_observes_the_world(env, first):
    assert isinstance(env, Environment)
    assert first.inventory == {} and first.status["health"] == 20
    assert first.status["sky_visible"] and first.info["voxels"]["below"] == "grass_block"
    assert first.info["server"].startswith("127.0.0.1:") and first.image is None


def test_same_seed_same_world(env, first):
    found = skills.find(env, "oak_log", max_distance=24)
    assert found.ok and found.details["kind"] == "block"
    other = MinecraftEnv(seed=SEED)
    try:
        obs = other.reset()
        assert obs.status["position"] == first.status["position"]
        assert skills.find(other, "oak_log", max_distance=24).details["found"][:3] == found.details["found"][:3]
    finally:
        other.close()


def test_dig_a_log(env):
    obs = env.step({"skill": "mine", "args": {"block": "oak_log", "count": 3}})
    assert obs.info["result"]["ok"], obs.info["result"]
    assert obs.inventory.get("oak_log", 0) >= 3
    assert "obtain_oak_log" in obs.achievements and obs.reward >= 1


def test_iron_ore_needs_a_stone_pickaxe(env):
    result = skills.mine(env, "iron_ore", 1, max_distance=48)
    assert not result.ok and "stone_pickaxe" in result.message


def test_craft_planks_and_a_crafting_table(env):
    assert skills.craft(env, "oak_planks", 12).ok
    result = skills.craft(env, "crafting_table")
    assert result.ok, result.message
    inventory = env.observe().inventory
    assert inventory["crafting_table"] == 1 and inventory["oak_planks"] == 8


def test_three_by_three_recipes_need_the_table(env):
    assert skills.craft(env, "stick", 4).ok  # 2x2: in the inventory grid
    result = skills.craft(env, "wooden_pickaxe")
    assert result.ok, result.message  # the table is placed from the inventory for it
    assert env.observe().inventory.get("wooden_pickaxe") == 1


def test_place_a_crafting_table(env):
    picked = skills.mine(env, "crafting_table", 1, max_distance=8)  # pick the table back up
    assert picked.ok, picked.message
    assert env.observe().inventory.get("crafting_table") == 1
    result = skills.place(env, "crafting_table")
    assert result.ok, result.message
    x, y, z = result.details["position"]
    found = skills.find(env, "crafting_table", max_distance=6)
    assert found.ok and found.details["found"][0]["position"] == [x, y, z]


def test_unknown_recipe_and_missing_items_explain_themselves(env):
    assert "missing" in skills.craft(env, "diamond_pickaxe").message
    assert not skills.smelt(env, "iron_ingot").ok


def test_smelt_iron(env):
    for item in ("iron_ore 2", "coal 1", "furnace 1"):
        assert env.command(f"/give rolegraph {item}").ok
    result = skills.smelt(env, "iron_ingot", 2)
    assert result.ok, result.message
    inventory = env.observe().inventory
    assert inventory.get("iron_ingot") == 2 and "iron_ore" not in inventory and "coal" not in inventory


def test_dig_down_and_back_up(env):
    start = env.observe().status["position"][1]
    down = skills.dig_down(env, depth=4)
    assert down.ok, down.message
    assert env.observe().status["position"][1] <= start - 4
    up = skills.dig_up(env)
    assert up.ok, up.message
    assert env.observe().status["sky_visible"]
